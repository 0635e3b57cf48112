/* hedging.c - hedge suggestions per underlying (see hedging.h). */
#include "invtop/hedging.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "invtop/hedge.h"

/* Delta-one kinds in the order the default hedge instrument is chosen. */
static int kind_rank(inst_kind k)
{
    switch (k) {
    case INST_PERP: return 0;
    case INST_FUTURE: return 1;
    case INST_SPOT: return 2;
    default: return -1;
    }
}

/* The default hedge instrument of underlying u: the perp with the newest
 * price, else the future, else the spot; -1 when none is priced. */
static long own_instrument(const hgs_inputs *in, size_t u)
{
    long best = -1;
    int best_rank = 99;
    double best_t = -INFINITY;
    for (size_t i = 0; i < book_count(in->b) && i < in->e->ninst; i++) {
        const book_inst *x = book_at(in->b, i);
        int r = kind_rank(x->ref.kind);
        if (in->e->inst[i].und != (int)u || r < 0 || isnan(x->mid))
            continue;
        if (r < best_rank || (r == best_rank && x->px_time > best_t)) {
            best = (long)i;
            best_rank = r;
            best_t = x->px_time;
        }
    }
    return best;
}

/* Correlation of underlyings u and v's returns, NAN when unknown. */
static double corr(const history *h, size_t u, size_t v)
{
    double cuu = hist_cov(h, u, u), cvv = hist_cov(h, v, v);
    return hist_cov_ready(h) && cuu > 0 && cvv > 0 ? hist_cov(h, u, v) / sqrt(cuu * cvv) : NAN;
}

/* No instrument of its own: the instrument of the underlying most
 * correlated with u (by |rho|), -1 when none. */
static long cross_instrument(const hgs_inputs *in, size_t u)
{
    long best = -1;
    double best_rho = 0;
    size_t n = hist_count(in->h) < in->e->nund ? hist_count(in->h) : in->e->nund;
    for (size_t v = 0; v < n; v++) {
        double rho = v == u ? NAN : corr(in->h, u, v);
        long i = isnan(rho) ? -1 : own_instrument(in, v);
        if (i >= 0 && fabs(rho) > best_rho) {
            best = i;
            best_rho = fabs(rho);
        }
    }
    return best;
}

const char *hgs_book(const ip_set *params, const char *und)
{
    const inst_param *p = ip_block(params, IP_UNDERLYING, und);
    return p && p->hedge_book[0] ? p->hedge_book : HGS_DEFAULT_BOOK;
}

double hgs_max_order_usd(const hgs_inputs *in, const char *und)
{
    const inst_param *p = ip_block(in->params, IP_UNDERLYING, und);
    return p && !isnan(p->v[IP_MAX_ORDER_USD]) ? p->v[IP_MAX_ORDER_USD] : in->cfg->max_order_usd;
}

static void say(snap_hedge *row, hg_state s, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#include <stdarg.h>
static void say(snap_hedge *row, hg_state s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    row->state = (int)s;
    vsnprintf(row->reason, sizeof row->reason, fmt, ap);
    va_end(ap);
}

void hgs_row(const hgs_inputs *in, size_t u, double now, snap_hedge *row, hgs_pick *pick)
{
    assert(in && row && pick && u < hist_count(in->h));
    const char *name = hist_name(in->h, u);
    const inst_param *p = ip_block(in->params, IP_UNDERLYING, name);
    memset(row, 0, sizeof *row);
    snprintf(row->underlying, sizeof row->underlying, "%s", name);
    row->hedge_ratio = row->variance_removed = row->price = row->cooldown_until = NAN;
    row->automatic = p && p->auto_hedge >= 0 ? p->auto_hedge == 1 : in->cfg->automatic;
    if (in->cooldown_until && !isnan(in->cooldown_until[u]) && in->cooldown_until[u] > now)
        row->cooldown_until = in->cooldown_until[u];
    double max_delta = p && !isnan(p->v[IP_MAX_DELTA_USD]) ? p->v[IP_MAX_DELTA_USD] : in->default_max_delta;
    row->band_usd = p && !isnan(p->v[IP_HEDGE_BAND_USD]) ? p->v[IP_HEDGE_BAND_USD] : max_delta / 2;
    bool priced = u < in->e->nund && isfinite(in->e->und[u].price);
    row->net_delta_usd = priced ? in->e->und[u].delta_usd : NAN;
    long newest;
    row->inflight_usd = ord_inflight_usd(in->orders, name, &newest);
    *pick = (hgs_pick){-1, NAN, NAN};

    long i = -1;
    if (p && p->hedge[0]) {
        if ((i = book_find(in->b, p->hedge)) < 0) {
            say(row, HG_NO_INSTRUMENT, "hedge instrument %s (config) has not been seen", p->hedge);
            return;
        }
    } else if ((i = own_instrument(in, u)) < 0 && (i = cross_instrument(in, u)) < 0) {
        say(row, HG_NO_INSTRUMENT, "no priced perp, future or spot on %s, nor a correlated one", name);
        return;
    }
    const book_inst *x = book_at(in->b, (size_t)i);
    int v = (size_t)i < in->e->ninst ? in->e->inst[i].und : -1;
    snprintf(row->inst, sizeof row->inst, "%s", x->id);
    snprintf(row->inst_underlying, sizeof row->inst_underlying, "%s", v >= 0 ? hist_name(in->h, (size_t)v) : "");
    row->cross = v != (int)u;
    row->price = x->mid;
    pick->inst = i;
    pick->lot = x->ref.lot > 0 ? x->ref.lot : 1;
    if (!priced) {
        say(row, HG_NO_PRICE, "no price for %s yet", name);
        return;
    }
    if (isnan(x->mid) || book_is_stale(x, now, in->stale_s)) {
        say(row, HG_NO_PRICE, "%s has %s price", x->id, isnan(x->mid) ? "no" : "a stale");
        return;
    }
    if (row->cross) {
        double rho = v >= 0 ? corr(in->h, u, (size_t)v) : NAN;
        double su = sqrt(hist_cov(in->h, u, u)), sv = v >= 0 ? sqrt(hist_cov(in->h, (size_t)v, (size_t)v)) : NAN;
        row->hedge_ratio = hg_mv_ratio(rho, su, sv);
        row->variance_removed = hg_variance_removed(rho);
        if (!isfinite(row->hedge_ratio) || row->hedge_ratio == 0) {
            say(row, HG_NO_PRICE, "cross hedge with %s: no covariance of %s and %s yet", x->id, name,
                row->inst_underlying);
            return;
        }
    } else {
        row->hedge_ratio = 1;
    }
    /* the delta USD one lot moves the underlying by: a cross hedge's per its ratio */
    bool delta_one = kind_rank(x->ref.kind) >= 0;
    double unit_usd = delta_one ? x->ref.mult * x->mid
                                : in->e->inst[i].unit_delta * (v >= 0 ? in->e->und[v].price : NAN);
    double lot_usd = pick->lot * unit_usd / row->hedge_ratio;
    pick->lot_usd = lot_usd;
    double delta = row->net_delta_usd + row->inflight_usd;
    if (!hg_outside(delta, row->band_usd)) {
        if (newest >= 0)
            say(row, HG_PENDING, "order %s is out; with it delta %.0f USD is inside the band +-%.0f",
                in->orders->o[newest].clid, delta, row->band_usd);
        else
            say(row, HG_INSIDE, "inside the band: delta %+.0f USD within +-%.0f", delta, row->band_usd);
        return;
    }
    row->lots = hg_lots(delta, lot_usd);
    if (row->lots == 0) {
        say(row, HG_TOO_SMALL, "outside the band, but one lot of %s (%.0f USD) is more than the way back", x->id,
            fabs(lot_usd));
        return;
    }
    double cap = hgs_max_order_usd(in, name);
    bool capped = fabs(row->lots * lot_usd) > cap;
    if (capped)
        row->lots = copysign(floor(cap / fabs(lot_usd)), row->lots);
    row->qty = row->lots * pick->lot;
    row->usd = row->lots * lot_usd;
    const char *side = row->lots > 0 ? "buy" : "sell";
    if (in->kill)
        say(row, HG_KILL, "kill switch on: no orders (would %s %.0f lots)", side, fabs(row->lots));
    else if (!in->channel)
        say(row, HG_NO_CHANNEL, "%s %.0f lots of %s by hand: no order channel (--orders)", side, fabs(row->lots), x->id);
    else if (!in->trader)
        say(row, HG_READ_ONLY, "read-only: a trader may %s %.0f lots of %s", side, fabs(row->lots), x->id);
    else if (row->lots == 0)
        say(row, HG_CAPPED, "the maximum order (%.0f USD) is less than one lot of %s", cap, x->id);
    else if (row->automatic && !isnan(row->cooldown_until))
        say(row, HG_COOLDOWN, "cooldown: the next automatic order in %.0f s", row->cooldown_until - now);
    else if (capped)
        say(row, HG_CAPPED, "%s %.0f lots of %s, capped at the maximum order %.0f USD", side, fabs(row->lots), x->id, cap);
    else
        say(row, HG_SUGGESTED, "%s %.0f lots of %s: delta %.0f USD is outside the band +-%.0f", side,
            fabs(row->lots), x->id, delta, row->band_usd);
}
