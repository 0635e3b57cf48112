/* exposure.c - deltas and greeks (see exposure.h). */
#include "invtop/exposure.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/bs.h"

int expo_init(exposure *e, size_t cap_inst, size_t cap_und)
{
    memset(e, 0, sizeof *e);
    e->inst = calloc(cap_inst, sizeof *e->inst);
    e->und = calloc(cap_und, sizeof *e->und);
    e->opt = calloc(cap_inst, sizeof *e->opt);
    e->rank = calloc(cap_und, sizeof *e->rank);
    e->und_hint = malloc(cap_inst * sizeof *e->und_hint);
    e->cap_inst = cap_inst;
    e->cap_und = cap_und;
    if (!e->inst || !e->und || !e->opt || !e->rank || !e->und_hint)
        return -1;
    for (size_t i = 0; i < cap_inst; i++)
        e->und_hint[i] = -1;
    return 0;
}

void expo_free(exposure *e)
{
    free(e->inst);
    free(e->und);
    free(e->opt);
    free(e->rank);
    free(e->und_hint);
    memset(e, 0, sizeof *e);
}

const char *expo_status_name(expo_status s)
{
    static const char *const names[] = {"ok", "no_price", "no_underlying_price",
                                        "missing_vol", "expired", "unmodelled"};
    return (unsigned)s <= EXPO_UNMODELLED ? names[s] : "unknown";
}

static const char *underlying_of(const book_inst *in)
{
    return in->ref.underlying[0] ? in->ref.underlying : in->sym;
}

/* Rank of an instrument as the price source of its underlying; lower wins. */
static int price_rank(const book_inst *in)
{
    if (strcmp(in->sym, underlying_of(in)) == 0)
        return 0;
    switch (in->ref.kind) {
    case INST_SPOT: return 1;
    case INST_PERP: return 2;
    case INST_FUTURE: return 3;
    case INST_OPTION: break;
    }
    return 99;
}

static void underlying_prices(exposure *e, const book *b)
{
    for (size_t u = 0; u < e->nund; u++) {
        memset(&e->und[u], 0, sizeof e->und[u]);
        e->und[u].price = NAN;
        e->rank[u] = 99;
    }
    for (size_t i = 0; i < e->ninst; i++) {
        const book_inst *in = book_at(b, i);
        int u = e->inst[i].und, rank = price_rank(in);
        if (u >= 0 && !isnan(in->mid) && rank < e->rank[u]) {
            e->rank[u] = rank;
            e->und[u].price = in->mid;
        }
    }
}

static void option_greeks(exposure *e, const book_inst *in, expo_inst *x, double now, double r,
                          double default_iv)
{
    const expo_und *u = &e->und[x->und];
    double T = (in->ref.expiry - now) / BS_SECONDS_PER_YEAR;
    double sigma = isnan(in->ref.iv) ? default_iv : in->ref.iv;
    bs_greeks g;
    if (!(T > 0)) {
        x->status = EXPO_EXPIRED;
        return;
    }
    if (isnan(u->price)) {
        x->status = EXPO_NO_UNDERLYING;
        return;
    }
    if (isnan(sigma) || bs_greeks_of(u->price, in->ref.strike, T, r, sigma, in->ref.right, &g) != 0) {
        x->status = EXPO_MISSING_VOL;
        return;
    }
    double qm = in->pos.qty * in->ref.mult;
    x->delta = qm * g.delta;
    x->delta_usd = x->delta * u->price;
    x->gamma = qm * g.gamma;
    x->vega = qm * g.vega / 100;
    x->theta = qm * g.theta / 365;
    if (qm != 0) {
        double k = in->ref.strike;
        e->opt[e->nopt++] = (expo_option){(size_t)x->und, k, T, r, sigma, in->ref.right, qm,
                                          g.price, -log(k) + (r + 0.5 * sigma * sigma) * T,
                                          sigma * sqrt(T), k * exp(-r * T)};
    }
}

void expo_compute(exposure *e, const book *b, history *h, double now, double r, double default_iv,
                  const double *iv_by_inst)
{
    e->ninst = book_count(b);
    assert(e->ninst <= e->cap_inst); /* sized for the book (expo_init) */
    e->unmodelled = 0;
    for (size_t i = 0; i < e->ninst; i++) {
        expo_inst *x = &e->inst[i];
        memset(x, 0, sizeof *x);
        /* names in h never move, so one strcmp confirms last time's index
         * instead of a search through every underlying */
        const char *name = underlying_of(book_at(b, i)), *hinted = hist_name(h, (size_t)e->und_hint[i]);
        x->und = hinted && strcmp(hinted, name) == 0 ? e->und_hint[i] : hist_index(h, name, true);
        e->und_hint[i] = x->und;
        if (x->und < 0 || (size_t)x->und >= e->cap_und) {
            x->und = -1;
            x->status = EXPO_UNMODELLED;
            e->unmodelled++;
        }
    }
    e->nund = hist_count(h) < e->cap_und ? hist_count(h) : e->cap_und;
    underlying_prices(e, b);
    e->nopt = 0;
    e->gross_usd = e->net_usd = e->net_delta_usd = 0;
    for (size_t i = 0; i < e->ninst; i++) {
        const book_inst *in = book_at(b, i);
        expo_inst *x = &e->inst[i];
        double notional = book_notional(in);
        e->gross_usd += fabs(notional);
        e->net_usd += notional;
        if (x->und < 0)
            continue;
        if (in->ref.kind == INST_OPTION) {
            double dflt = iv_by_inst && !isnan(iv_by_inst[i]) ? iv_by_inst[i] : default_iv;
            option_greeks(e, in, x, now, r, dflt);
        } else if (isnan(in->mid)) {
            x->status = EXPO_NO_PRICE;
            x->delta = in->pos.qty * in->ref.mult;
        } else {
            x->delta = in->pos.qty * in->ref.mult;
            x->delta_usd = notional;
            e->und[x->und].linear_usd += notional;
        }
        expo_und *u = &e->und[x->und];
        u->ninst++;
        u->delta += x->delta;
        u->delta_usd += x->delta_usd;
        u->gamma += x->gamma;
        u->vega += x->vega;
        u->theta += x->theta;
        e->net_delta_usd += x->delta_usd;
    }
}
