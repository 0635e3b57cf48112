/* snaptab_inst.c - the schema of one instrument of the snapshot document:
 * its fields, its quote and its holdings (see snaptab.h; the decoding rules
 * are at the top of snaptab.c). */
#include "invtop/snaptab.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "invtop/exposure.h"
#include "invtop/ovrjson.h"
#include "invtop/snapwire.h"
#include "state/snaptab_in.h"

/* The engine's book holds 4 holdings per instrument. */
#define SNAPR_MAX_HOLDINGS (4 * (size_t)SNAPW_MAX_INST)

static const char *const kind_names[] = INST_KIND_NAMES;
static const char *const settle_names[] = INST_SETTLE_NAMES;
static const char *const leg_names[] = {"net", "long", "short"};
static const char *const src_names[] = {"model", "manual"};

static const char *expo_name(int v)
{
    return expo_status_name((expo_status)v);
}

/* ---- instruments ---- */

static bool has_greeks(const void *base)
{
    return ((const snap_inst *)base)->has_greeks;
}

static bool greeks_ok(const snap_inst *x)
{
    return x->greeks_status == EXPO_OK;
}

static bool is_inverse(const void *base)
{
    return ((const snap_inst *)base)->settle == INST_SETTLE_INVERSE;
}

static double get_avg_px(const void *base)
{
    const snap_inst *x = base;
    return x->qty != 0 ? x->avg_px : NAN;
}

static double get_delta_usd(const void *base)
{
    const snap_inst *x = base;
    return greeks_ok(x) || x->greeks_status == EXPO_NO_PRICE ? x->delta_usd : NAN;
}

static double get_gamma(const void *base)
{
    return greeks_ok(base) ? ((const snap_inst *)base)->gamma : NAN;
}

static double get_vega(const void *base)
{
    return greeks_ok(base) ? ((const snap_inst *)base)->vega : NAN;
}

static double get_theta(const void *base)
{
    return greeks_ok(base) ? ((const snap_inst *)base)->theta : NAN;
}

static void write_right(jw *w, const void *base, const snap *s)
{
    (void)s;
    const snap_inst *x = base;
    if (x->right == 'C' || x->right == 'P')
        jw_strn(w, &x->right, 1);
    else
        jw_null(w);
}

static int read_right(const jr *r, int v, void *base, snap *s)
{
    (void)s;
    snap_inst *x = base;
    x->right = 0;
    if (jr_is_null(r, v))
        return 0;
    const char c = r->js[r->tok[v].start];
    if (r->tok[v].type != JSMN_STRING || r->tok[v].end - r->tok[v].start != 1 || (c != 'C' && c != 'P'))
        return jr_fail(r, v, "expected \"C\", \"P\" or null");
    x->right = c;
    return 0;
}

static bool quote_null(const void *base)
{
    const snap_inst *x = base;
    return !(x->has_quote || x->eff.valid);
}

static int quote_finish(const jr *r, const int *tok, void *base, snap *s)
{
    (void)r;
    (void)tok;
    (void)s;
    snap_inst *x = base;
    if (quote_null(x)) { /* none: as the engine leaves it */
        memset(&x->q, 0, sizeof x->q);
        memset(&x->eff, 0, sizeof x->eff);
    }
    return 0;
}

static const sch_row quote_rows[] = {
    SCH_ROW(snap_inst, "src", SCH_ENUM, eff.manual, .names = src_names, .nnames = 2, .what = "quote source",
            .doc = "model, or manual (an override)"),
    SCH_ROW(snap_inst, "paused", SCH_BOOL, eff.paused, .doc = "quoting paused by an override"),
    SCH_ROW(snap_inst, "eff_valid", SCH_BOOL, eff.valid, .doc = "the effective quote exists"),
    SCH_ROW(snap_inst, "eff_bid", SCH_NUM, eff.bid, .doc = "the effective bid, override applied"),
    SCH_ROW(snap_inst, "eff_ask", SCH_NUM, eff.ask, .doc = "the effective ask"),
    SCH_ROW(snap_inst, "eff_reservation", SCH_NUM, eff.reservation, .doc = "the effective reservation price"),
    SCH_ROW(snap_inst, "eff_skew_bps", SCH_FIXED, eff.skew_bps, .prec = 3, .unit = "bp", .doc = "its skew"),
    SCH_ROW(snap_inst, "eff_half_spread_bps", SCH_FIXED, eff.half_spread_bps, .prec = 3, .unit = "bp",
            .doc = "its half spread"),
    SCH_ROW(snap_inst, "model_valid", SCH_BOOL, has_quote, .doc = "the model's quote exists"),
    SCH_ROW(snap_inst, "model", SCH_ENUM, q.model, .name_fn = snaptab_skew_name, .nnames = SKEW_MODELS,
            .what = "quote model", .doc = "the model"),
    SCH_ROW(snap_inst, "reservation", SCH_NUM, q.reservation, .doc = "the model's reservation price"),
    SCH_ROW(snap_inst, "bid", SCH_NUM, q.bid, .doc = "its bid (null when withdrawn at the inventory limit)"),
    SCH_ROW(snap_inst, "ask", SCH_NUM, q.ask, .doc = "its ask (likewise)"),
    SCH_ROW(snap_inst, "skew_bps", SCH_FIXED, q.skew_bps, .prec = 3, .unit = "bp",
            .doc = "reservation - mid; negative when long"),
    SCH_ROW(snap_inst, "half_spread_bps", SCH_FIXED, q.half_spread_bps, .prec = 3, .unit = "bp",
            .doc = "half spread"),
    SCH_ROW(snap_inst, "q_lots", SCH_NUM, q.q_lots, .doc = "inventory in lots"),
    SCH_ROW(snap_inst, "sigma", SCH_FIXED, q.sigma_bps, .prec = 4, .unit = "bp/sqrt(s)", .doc = "volatility"),
};
static const sch_table quote_table = {"instruments[].quote", sizeof(snap_inst), quote_rows, SCH_NROWS(quote_rows), quote_finish};

static void write_override(jw *w, const void *base, const snap *s)
{
    (void)s;
    const snap_inst *x = base;
    if (x->has_override)
        ovrjson_write(w, &x->o);
    else
        jw_null(w);
}

static int read_override(const jr *r, int v, void *base, snap *s)
{
    (void)s;
    snap_inst *x = base;
    x->o = ovr_none();
    x->has_override = !jr_is_null(r, v);
    if (!x->has_override)
        return 0;
    const wire_status st = ovrjson_read(&r->bv, v, &x->o);
    return st == WIRE_OK ? 0 : jr_fail(r, v, "bad override (%s)", wire_status_name(st));
}

static size_t count_holdings(const void *base, const snap *s)
{
    (void)s;
    return ((const snap_inst *)base)->nholdings;
}

static void *elem_holding(const void *base, const snap *s, size_t k)
{
    const snap_inst *x = base;
    return x->first_holding + k < s->nholdings ? &s->holdings[x->first_holding + k] : NULL;
}

static void write_book_name(jw *w, const void *base, const snap *s)
{
    const snap_holding *d = base;
    jw_str(w, d->book < s->nbooks ? s->books[d->book].name : "");
}

/* A holding's book: the first book named so; "" with no such book is none
 * (SIZE_MAX); another unknown name is an error. */
static int read_book_name(const jr *r, int v, void *base, snap *s)
{
    snap_holding *d = base;
    char name[EVENT_SYM_MAX];
    if (jr_str(r, v, name, sizeof name) != 0)
        return -1;
    for (size_t k = 0; k < s->nbooks; k++)
        if (strcmp(s->books[k].name, name) == 0) {
            d->book = k;
            return 0;
        }
    if (name[0])
        return jr_fail(r, v, "a book not in books");
    d->book = SIZE_MAX;
    return 0;
}

/* An inverse instrument's holding: its coin P&L is a number (linear: NAN). */
static bool holds_coin(const void *base)
{
    return !isnan(((const snap_holding *)base)->pnl_unrealized_coin);
}

static const sch_row hold_rows[] = {
    {.key = "book", .type = SCH_CUSTOM, .unit = "string", .write = write_book_name, .read = read_book_name,
     .doc = "its book (a name in books[])"},
    SCH_ROW(snap_holding, "leg", SCH_ENUM, leg, .names = leg_names, .nnames = 3, .what = "leg",
            .doc = "which leg"),
    SCH_ROW(snap_holding, "qty", SCH_NUM, qty, .doc = "position"),
    SCH_ROW(snap_holding, "avg_px", SCH_NUM, avg_px, .doc = "average entry price"),
    SCH_ROW(snap_holding, "pnl_realized", SCH_FIXED, pnl_realized, .prec = 8, .unit = "USD",
            .doc = "realized P&L, fees included, to 1e-8 (a fee of a fraction of a cent shows)"),
    SCH_ROW(snap_holding, "pnl_unrealized", SCH_FIXED, pnl_unrealized, .prec = 8, .unit = "USD",
            .doc = "unrealized P&L, to 1e-8"),
    SCH_ROW(snap_holding, "notional_usd", SCH_FIXED, notional_usd, .prec = 2, .unit = "USD",
            .doc = "its value in the report currency, as the instrument's (null when unconverted)"),
    SCH_ROW(snap_holding, "pnl_realized_coin", SCH_NUM, pnl_realized_coin, .present = holds_coin,
            .doc = "inverse: realized P&L in the base coin, as the instrument's"),
    SCH_ROW(snap_holding, "pnl_unrealized_coin", SCH_NUM, pnl_unrealized_coin, .present = holds_coin,
            .doc = "inverse: unrealized P&L in the base coin, as the instrument's"),
};
static const sch_table hold_table = {"instruments[].holdings[]", sizeof(snap_holding), hold_rows, SCH_NROWS(hold_rows), NULL};

/* An instrument's holdings are appended to the snapshot's table (a whole
 * instrument replaced by an update leaves its old ones unused). */
static int read_holdings(const jr *r, int v, void *base, snap *s)
{
    snap_inst *x = base;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    x->first_holding = s->nholdings;
    x->nholdings = 0;
    if ((size_t)n > SNAPR_MAX_HOLDINGS - s->nholdings)
        return jr_fail(r, v, "more than %zu holdings in all", SNAPR_MAX_HOLDINGS);
    if (snap_reserve(s, 0, 0, 0, s->nholdings + (size_t)n, 0) != 0)
        return jr_fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_holding *d = &s->holdings[s->nholdings];
        memset(d, 0, sizeof *d);
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (sch_read(r, e, &hold_table, d, s) != 0)
            return -1;
        s->nholdings++;
        x->nholdings++;
    }
    return 0;
}

static int inst_finish(const jr *r, const int *tok, void *base, snap *s)
{
    (void)s;
    snap_inst *x = base;
    x->has_greeks = !jr_is_null(r, tok[sch_find(&snaptab_inst_table, "greeks")]);
    if (!x->has_greeks) {
        x->greeks_status = -1;
        x->delta = x->delta_usd = x->gamma = x->vega = x->theta = NAN;
    }
    return 0;
}

static const sch_row inst_rows[] = {
    SCH_ROW(snap_inst, "sym", SCH_STR, sym, .doc = "the symbol"),
    SCH_ROW(snap_inst, "venue", SCH_STR, venue, .doc = "its venue (\"\" when none)"),
    SCH_ROW(snap_inst, "id", SCH_STR, id, .doc = "SYM or SYM@VENUE"),
    SCH_ROW(snap_inst, "kind", SCH_ENUM, kind, .names = kind_names, .nnames = INST_KIND_COUNT, .what = "instrument kind",
            .doc = "what it is"),
    SCH_ROW(snap_inst, "ref_inferred", SCH_BOOL, ref_inferred, .doc = "no inst message: kind and sizes guessed"),
    SCH_ROW(snap_inst, "mult", SCH_NUM, mult, .doc = "contract multiplier"),
    SCH_ROW(snap_inst, "tick", SCH_NUM, tick, .doc = "price increment"),
    SCH_ROW(snap_inst, "lot", SCH_NUM, lot, .doc = "quantity of one lot"),
    SCH_ROW(snap_inst, "strike", SCH_NUM, strike, .doc = "options: the strike"),
    SCH_ROW(snap_inst, "expiry", SCH_FIXED, expiry, .prec = 3, .unit = "s", .doc = "options, futures: expiry"),
    {.key = "right", .type = SCH_CUSTOM, .unit = "string|null", .write = write_right, .read = read_right, .doc = "options: \"C\" or \"P\""},
    SCH_ROW(snap_inst, "qty", SCH_NUM, qty, .doc = "position (all books)"),
    SCH_ROW(snap_inst, "avg_px", SCH_NUM, avg_px, .get = get_avg_px, .doc = "average entry price (null when flat)"),
    SCH_ROW(snap_inst, "mid", SCH_NUM, mid, .doc = "mid price (null when unknown)"),
    SCH_ROW(snap_inst, "bid", SCH_NUM, bid, .doc = "best bid (null when unknown)"),
    SCH_ROW(snap_inst, "ask", SCH_NUM, ask, .doc = "best ask (null when unknown)"),
    SCH_ROW(snap_inst, "notional_usd", SCH_FIXED, notional_usd, .prec = 2, .unit = "USD",
            .doc = "its value in the report currency: notional_quote x rate (0 when unconverted)"),
    SCH_ROW(snap_inst, "pnl_realized", SCH_FIXED, pnl_realized, .prec = 8, .unit = "USD",
            .doc = "realized P&L, fees included, to 1e-8 (a fee of a fraction of a cent shows)"),
    SCH_ROW(snap_inst, "pnl_unrealized", SCH_FIXED, pnl_unrealized, .prec = 8, .unit = "USD",
            .doc = "unrealized P&L, to 1e-8"),
    SCH_ROW(snap_inst, "quote_ccy", SCH_STR, quote_ccy,
            .doc = "its quote currency: the inst message's quote, else the symbol's, else the report currency"),
    SCH_ROW(snap_inst, "settle", SCH_ENUM, settle, .names = settle_names, .nnames = INST_SETTLE_COUNT,
            .what = "settlement", .doc = "linear, or inverse (coin-margined: P&L paid in the base coin)"),
    SCH_ROW(snap_inst, "rate", SCH_NUM, rate,
            .doc = "report-currency units per unit of quote_ccy (null: none, the instrument is unconverted)"),
    SCH_ROW(snap_inst, "rate_assumed", SCH_BOOL, rate_assumed,
            .doc = "the rate is assumed: a stablecoin without a price, at USD's rate"),
    SCH_ROW(snap_inst, "unconverted", SCH_BOOL, unconverted,
            .doc = "no rate: its _usd figures are 0 or null and it is in no total"),
    SCH_ROW(snap_inst, "notional_quote", SCH_NUM, notional_quote,
            .doc = "its value in quote_ccy: linear qty x mult x mid, inverse qty x mult"),
    SCH_ROW(snap_inst, "pnl_unrealized_coin", SCH_NUM, pnl_unrealized_coin, .present = is_inverse,
            .doc = "inverse: unrealized P&L in the base coin, qty x mult x (1/avg_px - 1/mid)"),
    SCH_ROW(snap_inst, "pnl_realized_coin", SCH_NUM, pnl_realized_coin, .present = is_inverse,
            .doc = "inverse: realized P&L in the base coin, closed x mult x (1/avg_px - 1/px) (fees, in the "
                   "quote currency, not in it); pnl_realized is it x mid x rate, less the fees"),
    SCH_ROW(snap_inst, "spread_bps", SCH_FIXED, spread_bps, .prec = 2, .unit = "bp",
            .doc = "the market's (ask - bid) / mid (null without a bid and an ask)"),
    SCH_ROW(snap_inst, "stale", SCH_BOOL, stale, .doc = "no price for --stale-ms of event time"),
    SCH_ROW(snap_inst, "underlying", SCH_STRNULL, underlying, .doc = "the modelled underlying (null when none)"),
    SCH_ROW(snap_inst, "delta", SCH_NUM, delta, .present = has_greeks,
            .doc = "delta in underlying units (qty x mult x option delta)"),
    SCH_ROW(snap_inst, "delta_usd", SCH_FIXED, delta_usd, .prec = 2, .unit = "USD", .present = has_greeks,
            .get = get_delta_usd, .doc = "delta at the mid (options: x underlying price)"),
    SCH_ROW(snap_inst, "gamma", SCH_NUM, gamma, .present = has_greeks, .get = get_gamma,
            .doc = "delta units per 1 USD move of the underlying"),
    SCH_ROW(snap_inst, "vega", SCH_FIXED, vega, .prec = 4, .unit = "USD", .present = has_greeks, .get = get_vega,
            .doc = "per vol point (1%)"),
    SCH_ROW(snap_inst, "theta", SCH_FIXED, theta, .prec = 4, .unit = "USD", .present = has_greeks,
            .get = get_theta, .doc = "per day"),
    SCH_ROW(snap_inst, "greeks", SCH_ENUM, greeks_status, .name_fn = expo_name, .nnames = EXPO_NO_RATE + 1,
            .what = "greeks status", .present = has_greeks,
            .doc = "why the greeks are null, when they are (absent: not computed)"),
    SCH_ROW(snap_inst, "iv", SCH_NUM, iv, .present = snaptab_inst_is_option,
            .doc = "options: the vol the greeks use (null: none)"),
    SCH_ROW(snap_inst, "iv_source", SCH_ENUM, iv_source, .name_fn = snaptab_iv_source_name, .nnames = EXPO_IV_CONFIG + 1,
            .what = "vol source", .present = snaptab_inst_is_option,
            .doc = "options: market (the px's iv), implied (from the mid), config, or \"\" (none)"),
    SCH_ROW(snap_inst, "iv_unsolved", SCH_BOOL, iv_unsolved, .present = snaptab_inst_is_option,
            .doc = "options: the mid is outside the no-arbitrage bounds, no vol from it"),
    {.key = "lp", .type = SCH_OBJ, .sub = &snaptab_inst_lp_table, .present = snaptab_inst_is_lp,
     .doc = "lp ranges: bounds, amounts held, in range, impermanent loss"},
    {.key = "explain", .type = SCH_OBJ, .sub = &snaptab_inst_explain_table, .present = snaptab_inst_explained,
     .doc = "its P&L explain (absent before the second risk sample)"},
    SCH_ROW(snap_inst, "limit_util", SCH_FIXED, limit.util, .prec = 4, .doc = "position against max_pos_lots"),
    SCH_ROW(snap_inst, "limit_since", SCH_FIXED, limit.since, .prec = 3, .unit = "s",
            .doc = "event time its breach began (null: none)"),
    {.key = "quote", .type = SCH_OBJ, .sub = &quote_table, .is_null = quote_null,
     .doc = "the suggested quote (null until the underlying has a volatility)"},
    {.key = "override", .type = SCH_CUSTOM, .unit = "object|null", .write = write_override, .read = read_override,
     .doc = "the manual override in force (null: none)"},
    {.key = "holdings", .type = SCH_ARR, .sub = &hold_table, .count = count_holdings, .elem = elem_holding,
     .read = read_holdings, .doc = "per book and leg"},
};
const sch_table snaptab_inst_table = {"instruments[]", sizeof(snap_inst), inst_rows, SCH_NROWS(inst_rows), inst_finish};

const sch_table *snaptab_instrument(void)
{
    return &snaptab_inst_table;
}
