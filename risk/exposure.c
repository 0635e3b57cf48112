/* exposure.c - deltas and greeks (see exposure.h). */
#include "invtop/exposure.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/bs.h"
#include "invtop/iv.h"
#include "invtop/lp.h"

int expo_init(exposure *e, size_t cap_inst, size_t cap_und)
{
    memset(e, 0, sizeof *e);
    e->inst = calloc(cap_inst, sizeof *e->inst);
    e->und = calloc(cap_und, sizeof *e->und);
    e->opt = calloc(cap_inst, sizeof *e->opt);
    e->rank = calloc(cap_und, sizeof *e->rank);
    e->und_hint = malloc(cap_inst * sizeof *e->und_hint);
    e->inst_ccy = calloc(cap_inst, sizeof *e->inst_ccy);
    e->cap_inst = cap_inst;
    e->cap_und = cap_und;
    ccy_default_params(&e->cp);
    if (!e->inst || !e->und || !e->opt || !e->rank || !e->und_hint || !e->inst_ccy)
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
    free(e->inst_ccy);
    memset(e, 0, sizeof *e);
}

void expo_set_currency(exposure *e, const ccy_params *p)
{
    assert(e && p && p->report[0]);
    e->cp = *p;
}

const char *expo_status_name(expo_status s)
{
    static const char *const names[] = {"ok",      "no_price",   "no_underlying_price", "missing_vol",
                                        "expired", "unmodelled", "no_rate"};
    return (unsigned)s <= EXPO_NO_RATE ? names[s] : "unknown";
}

const char *expo_iv_source_name(expo_iv_source s)
{
    static const char *const names[] = {"", "market", "implied", "config"};
    return (unsigned)s <= EXPO_IV_CONFIG ? names[s] : "";
}

/* Rank of an instrument as the price source of its underlying; lower wins. */
static int price_rank(const book_inst *in)
{
    if (strcmp(in->sym, book_underlying(in)) == 0)
        return 0;
    const int r = book_delta_one_rank(in->ref.kind);
    return r ? r : 99;
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
        const double rate = e->inst[i].rate;
        if (u >= 0 && !isnan(in->mid) && !isnan(rate) && rank < e->rank[u]) {
            e->rank[u] = rank;
            e->und[u].price = in->mid * rate;
        }
    }
}

/* The option's vol and where it came from: the venue's mark vol, else the
 * one its mid implies, else the configured one (NAN: none). */
static double option_vol(const book_inst *in, expo_inst *x, double S, double T, double r, double config_iv)
{
    if (!isnan(in->mark_iv)) {
        x->iv_source = EXPO_IV_MARKET;
        return in->mark_iv;
    }
    double sigma;
    if (!isnan(in->mid)) { /* priced in its quote currency: in the report currency, like S */
        if (iv_implied(in->mid * x->rate, S, in->ref.strike, T, r, in->ref.right, &sigma) == IV_OK) {
            x->iv_source = EXPO_IV_IMPLIED;
            return sigma;
        }
        x->iv_unsolved = true;
    }
    x->iv_source = isnan(config_iv) ? EXPO_IV_NONE : EXPO_IV_CONFIG;
    return config_iv;
}

static void option_greeks(exposure *e, const book_inst *in, expo_inst *x, double now, double r,
                          double default_iv)
{
    const expo_und *u = &e->und[x->und];
    double T = (in->ref.expiry - now) / BS_SECONDS_PER_YEAR;
    bs_greeks g;
    if (!(T > 0)) {
        x->status = EXPO_EXPIRED;
        return;
    }
    if (isnan(u->price)) {
        x->status = EXPO_NO_UNDERLYING;
        return;
    }
    double sigma = option_vol(in, x, u->price, T, r, isnan(in->ref.iv) ? default_iv : in->ref.iv);
    e->iv_unsolved += x->iv_unsolved;
    if (isnan(sigma) || bs_greeks_of(u->price, in->ref.strike, T, r, sigma, in->ref.right, &g) != 0) {
        x->status = EXPO_MISSING_VOL;
        return;
    }
    x->iv = sigma;
    x->T = T;
    const double m = in->ref.mult, qm = in->pos.qty * m;
    x->unit_delta = m * g.delta;
    x->unit_gamma = m * g.gamma;
    x->unit_vega = m * g.vega / 100;
    x->unit_theta = m * g.theta / 365;
    x->delta = qm * g.delta;
    x->delta_usd = x->delta * u->price;
    x->unit_delta_usd = x->unit_delta * u->price;
    x->gamma = qm * g.gamma;
    x->vega = qm * g.vega / 100;
    x->theta = qm * g.theta / 365;
    x->vanna = qm * g.vanna;
    x->volga = qm * g.volga;
    if (qm != 0) {
        double k = in->ref.strike;
        e->opt[e->nopt++] = (expo_option){(size_t)x->und, k, T, r, sigma, in->ref.right, qm,
                                          g.price, -log(k) + (r + 0.5 * sigma * sigma) * T,
                                          sigma * sqrt(T), k * exp(-r * T)};
    }
}

/* One unit of liquidity on an lp instrument's range (its inst message was
 * checked by the wire decoder: 0 <= lower < upper); positions scale it. */
static lp_range lp_unit(const book_inst *in)
{
    return (lp_range){1.0, in->ref.lower, in->ref.upper};
}

void expo_holding_value(const exposure *e, const book *b, const book_holding *h, double *value,
                        double *unrealized)
{
    const book_inst *in = book_at(b, h->inst);
    const int u = h->inst < e->ninst ? e->inst[h->inst].und : -1;
    if (in->ref.kind != INST_LP) {
        const double rate = h->inst < e->ninst ? e->inst[h->inst].rate : NAN;
        *value = *unrealized = 0;
        if (!isnan(rate)) {
            *value = book_holding_notional(b, h) * rate;
            *unrealized = book_holding_unrealized(b, h) * rate;
        }
        return;
    }
    const double P = u >= 0 && (size_t)u < e->nund ? e->und[u].price : NAN;
    const double L = h->pos.qty * in->ref.mult;
    const lp_range rg = lp_unit(in);
    *value = *unrealized = 0;
    if (!(P > 0) || L == 0 || !in->has_ref)
        return;
    *value = L * lp_value(&rg, P);
    if (h->pos.avg_px > 0)
        *unrealized = *value - L * lp_value(&rg, h->pos.avg_px);
}

/* A pool range valued from its underlying's price (risk/lp.h), per unit
 * of liquidity times the position's; its USD delta joins the VaR's linear
 * part. A range without its inst message (bounds unknown) is not valued. */
static void lp_greeks(exposure *e, const book_inst *in, expo_inst *x)
{
    const double P = e->und[x->und].price;
    if (!(P > 0) || !in->has_ref) {
        x->status = EXPO_NO_UNDERLYING;
        return;
    }
    const lp_range unit = lp_unit(in);
    const double m = in->ref.mult, L = in->pos.qty * m;
    double base, quote;
    lp_amounts(&unit, P, &base, &quote);
    x->unit_delta = m * base;
    x->unit_gamma = m * lp_gamma(&unit, P);
    x->delta = L * base;
    x->delta_usd = x->delta * P;
    x->unit_delta_usd = x->unit_delta * P;
    x->gamma = L * lp_gamma(&unit, P);
    x->value_usd = L * (base * P + quote);
    x->lp_base = L * base;
    x->lp_quote = L * quote;
    x->lp_in_range = lp_in_range(&unit, P);
    const double entry = in->pos.avg_px;
    if (entry > 0 && L != 0) {
        x->unrealized = x->value_usd - L * lp_value(&unit, entry);
        x->lp_il = L * lp_il(&unit, entry, P);
    }
    e->und[x->und].linear_usd += x->delta_usd;
}

/* The instrument's value, unrealized and realized P&L in its quote currency and,
 * at its rate, in the report currency; without a rate it is unconverted
 * (0 in the report currency) when it holds or is priced. */
static void convert(exposure *e, const book_inst *in, expo_inst *x)
{
    x->value_quote = book_notional(in);
    x->unrealized_quote = book_unrealized(in);
    x->realized_quote = book_realized(in);
    x->pnl_coin = book_coin_unrealized(in);
    x->realized_coin = book_coin_realized(in);
    x->unconverted = isnan(x->rate);
    if (x->unconverted) {
        e->unconverted++;
        return;
    }
    x->value_usd = x->value_quote * x->rate;
    x->unrealized = x->unrealized_quote * x->rate;
    x->realized = isnan(x->realized_quote) ? 0 : x->realized_quote * x->rate;
}

double expo_holding_realized(const exposure *e, const book *b, const book_holding *h)
{
    const double rate = h->inst < e->ninst ? e->inst[h->inst].rate : NAN;
    return book_holding_realized(b, h) * rate;
}

double expo_inst_pnl(const exposure *e, size_t i)
{
    return i < e->ninst ? e->inst[i].realized + e->inst[i].unrealized : 0;
}

/* Spot, perp, future: linear delta qty*mult underlying units at the
 * instrument's own mid; inverse qty*mult/mid coins, qty*mult of the quote
 * currency. */
static void delta_one(exposure *e, const book_inst *in, expo_inst *x)
{
    const double m = in->ref.mult;
    const bool inverse = in->ref.settle == INST_SETTLE_INVERSE;
    if (isnan(in->mid)) {
        x->status = EXPO_NO_PRICE;
        x->unit_delta = inverse ? 0 : m; /* coins per contract need a price */
        x->delta = in->pos.qty * x->unit_delta;
        return;
    }
    x->unit_delta = inverse ? m / in->mid : m;
    x->delta = in->pos.qty * x->unit_delta;
    x->unit_delta_usd = inverse ? m * x->rate : m * in->mid * x->rate;
    x->delta_usd = x->value_usd;
    if (inverse)
        e->und[x->und].inverse_usd += x->value_usd;
    else
        e->und[x->und].linear_usd += x->value_usd;
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
        const char *name = book_underlying(book_at(b, i)), *hinted = hist_name(h, (size_t)e->und_hint[i]);
        x->und = hinted && strcmp(hinted, name) == 0 ? e->und_hint[i] : hist_index(h, name, true);
        e->und_hint[i] = x->und;
        if (x->und < 0 || (size_t)x->und >= e->cap_und) {
            x->und = -1;
            x->status = EXPO_UNMODELLED;
            e->unmodelled++;
        }
    }
    ccy_rates(&e->ccy, &e->cp, b, e->inst_ccy);
    for (size_t i = 0; i < e->ninst; i++) {
        e->inst[i].ccy = e->inst_ccy[i];
        e->inst[i].rate = ccy_rate_at(&e->ccy, e->inst_ccy[i]);
    }
    e->nund = hist_count(h) < e->cap_und ? hist_count(h) : e->cap_und;
    underlying_prices(e, b);
    e->nopt = 0;
    e->iv_unsolved = 0;
    e->rate = r;
    e->gross_usd = e->net_usd = e->net_delta_usd = 0;
    e->unconverted = 0;
    for (size_t i = 0; i < e->ninst; i++) {
        const book_inst *in = book_at(b, i);
        expo_inst *x = &e->inst[i];
        x->iv = x->T = NAN;
        convert(e, in, x);
        if (x->und >= 0 && x->unconverted) {
            x->status = EXPO_NO_RATE;
        } else if (x->und >= 0) {
            if (in->ref.kind == INST_OPTION) {
                double dflt = iv_by_inst && !isnan(iv_by_inst[i]) ? iv_by_inst[i] : default_iv;
                option_greeks(e, in, x, now, r, dflt);
            } else if (in->ref.kind == INST_LP) {
                lp_greeks(e, in, x);
            } else {
                delta_one(e, in, x);
            }
        }
        e->gross_usd += fabs(x->value_usd);
        e->net_usd += x->value_usd;
        if (x->und < 0)
            continue;
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
