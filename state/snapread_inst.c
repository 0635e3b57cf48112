/* snapread_inst.c - the instruments of the headless snapshot document (see
 * snapread.h): the inverse of snapw_inst in snapwire.c, field for field,
 * under the rules at the top of snapread.c. Per instrument: kind and right
 * must be ones the encoder writes; has_greeks is the presence of "greeks",
 * whose status must be one of exposure.h's names (without it the greeks are
 * NAN and greeks_status -1, as the engine builds them); a quote given as
 * null leaves q and eff zeroed, else has_quote and eff.valid are its
 * model_valid and eff_valid; has_override is override not null (read by
 * ovrjson.h); a holding's book is the first book with its name ("" with no
 * such book: SIZE_MAX, none; another unknown name is an error), at most
 * SNAPR_MAX_HOLDINGS holdings in all. */
#include "invtop/snapread.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "invtop/exposure.h"
#include "invtop/ovrjson.h"
#include "invtop/snapwire.h"

/* The engine's book holds 4 holdings per instrument. */
#define SNAPR_MAX_HOLDINGS (4 * (size_t)SNAPW_MAX_INST)

static int read_quote(const jr *r, int v, snap_inst *x)
{
    static const jr_field quote_fields[] = {
        JR_FOWN("src", 0),
        JR_FBOOL(snap_inst, "paused", eff.paused),
        JR_FBOOL(snap_inst, "eff_valid", eff.valid),
        JR_FNUM(snap_inst, "eff_bid", eff.bid),
        JR_FNUM(snap_inst, "eff_ask", eff.ask),
        JR_FNUM(snap_inst, "eff_reservation", eff.reservation),
        JR_FNUM(snap_inst, "eff_skew_bps", eff.skew_bps),
        JR_FNUM(snap_inst, "eff_half_spread_bps", eff.half_spread_bps),
        JR_FBOOL(snap_inst, "model_valid", has_quote),
        JR_FOWN("model", 1),
        JR_FNUM(snap_inst, "reservation", q.reservation),
        JR_FNUM(snap_inst, "bid", q.bid),
        JR_FNUM(snap_inst, "ask", q.ask),
        JR_FNUM(snap_inst, "skew_bps", q.skew_bps),
        JR_FNUM(snap_inst, "half_spread_bps", q.half_spread_bps),
        JR_FNUM(snap_inst, "q_lots", q.q_lots),
        JR_FNUM(snap_inst, "sigma", q.sigma_bps),
    };
    static const char *const srcs[] = {"model", "manual"};
    const char *models[SKEW_MODELS];
    for (int m = 0; m < SKEW_MODELS; m++)
        models[m] = skew_model_name((skew_model)m);
    /* none: as the engine leaves it */
    memset(&x->q, 0, sizeof x->q);
    memset(&x->eff, 0, sizeof x->eff);
    x->has_quote = false;
    if (jr_is_null(r, v))
        return 0;
    int own[2];
    if (jr_read_fields(r, v, quote_fields, JR_NFIELDS(quote_fields), x, own) != 0)
        return -1;
    const int src = jr_name(r, own[0], srcs, 2, "quote source");
    const int model = src < 0 ? -1 : jr_name(r, own[1], models, SKEW_MODELS, "quote model");
    if (model < 0)
        return -1;
    x->eff.manual = src == 1;
    x->q.model = (skew_model)model;
    return 0;
}

/* The index of the first book named `name`; SIZE_MAX for "" when no book
 * has it (the holding has none); -1 for any other unknown name. */
static int book_index(const snap *s, const char *name, size_t *out)
{
    for (size_t k = 0; k < s->nbooks; k++)
        if (strcmp(s->books[k].name, name) == 0) {
            *out = k;
            return 0;
        }
    if (name[0])
        return -1;
    *out = SIZE_MAX;
    return 0;
}

static int read_holdings(const jr *r, int v, snap *s, snap_inst *x)
{
    static const jr_field hold_fields[] = {
        JR_FOWN("book", 0),
        JR_FOWN("leg", 1),
        JR_FNUM(snap_holding, "qty", qty),
        JR_FNUM(snap_holding, "avg_px", avg_px),
        JR_FNUM(snap_holding, "pnl_realized", pnl_realized),
        JR_FNUM(snap_holding, "pnl_unrealized", pnl_unrealized),
    };
    static const char *const legs[] = {"net", "long", "short"};
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
        int own[2];
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (jr_read_fields(r, e, hold_fields, JR_NFIELDS(hold_fields), d, own) != 0)
            return -1;
        char name[EVENT_SYM_MAX];
        if (jr_str(r, own[0], name, sizeof name) != 0)
            return -1;
        if (book_index(s, name, &d->book) != 0)
            return jr_fail(r, own[0], "a book not in books");
        const int leg = jr_name(r, own[1], legs, 3, "leg");
        if (leg < 0)
            return -1;
        d->leg = (pos_leg)leg;
        s->nholdings++;
        x->nholdings++;
    }
    return 0;
}

static int read_inst(const jr *r, int v, snap *s, snap_inst *x)
{
    enum { I_KIND, I_RIGHT, I_GREEKS, I_QUOTE, I_OVERRIDE, I_HOLDINGS, I_OWN };
    static const jr_field inst_fields[] = {
        JR_FSTR(snap_inst, "sym", sym),
        JR_FSTR(snap_inst, "venue", venue),
        JR_FSTR(snap_inst, "id", id),
        JR_FOWN("kind", I_KIND),
        JR_FBOOL(snap_inst, "ref_inferred", ref_inferred),
        JR_FNUM(snap_inst, "mult", mult),
        JR_FNUM(snap_inst, "tick", tick),
        JR_FNUM(snap_inst, "lot", lot),
        JR_FNUM(snap_inst, "strike", strike),
        JR_FNUM(snap_inst, "expiry", expiry),
        JR_FOWN("right", I_RIGHT),
        JR_FNUM(snap_inst, "qty", qty),
        JR_FNUM(snap_inst, "avg_px", avg_px),
        JR_FNUM(snap_inst, "mid", mid),
        JR_FNUM(snap_inst, "bid", bid),
        JR_FNUM(snap_inst, "ask", ask),
        JR_FNUM(snap_inst, "notional_usd", notional_usd),
        JR_FNUM(snap_inst, "pnl_realized", pnl_realized),
        JR_FNUM(snap_inst, "pnl_unrealized", pnl_unrealized),
        JR_FBOOL(snap_inst, "stale", stale),
        JR_FSTR(snap_inst, "underlying", underlying),
        JR_FNUM(snap_inst, "delta", delta),
        JR_FNUM(snap_inst, "delta_usd", delta_usd),
        JR_FNUM(snap_inst, "gamma", gamma),
        JR_FNUM(snap_inst, "vega", vega),
        JR_FNUM(snap_inst, "theta", theta),
        JR_FOWN("greeks", I_GREEKS),
        JR_FNUM(snap_inst, "limit_util", limit.util),
        JR_FNUM(snap_inst, "limit_since", limit.since),
        JR_FOWN("quote", I_QUOTE),
        JR_FOWN("override", I_OVERRIDE),
        JR_FOWN("holdings", I_HOLDINGS),
    };
    static const char *const kinds[] = {"spot", "perp", "future", "option"};
    memset(x, 0, sizeof *x);
    if (r->tok[v].type != JSMN_OBJECT)
        return jr_fail(r, v, "expected an object");
    int own[I_OWN];
    if (jr_read_fields(r, v, inst_fields, JR_NFIELDS(inst_fields), x, own) != 0)
        return -1;
    const int kind = jr_name(r, own[I_KIND], kinds, 4, "instrument kind");
    if (kind < 0)
        return -1;
    x->kind = (inst_kind)kind;
    const int rv = own[I_RIGHT];
    if (!jr_is_null(r, rv)) {
        const char c = r->js[r->tok[rv].start];
        if (r->tok[rv].type != JSMN_STRING || r->tok[rv].end - r->tok[rv].start != 1 ||
            (c != 'C' && c != 'P'))
            return jr_fail(r, rv, "expected \"C\", \"P\" or null");
        x->right = c;
    }
    x->greeks_status = -1;
    x->has_greeks = !jr_is_null(r, own[I_GREEKS]);
    if (x->has_greeks) {
        const char *names[EXPO_UNMODELLED + 1];
        for (int i = 0; i <= EXPO_UNMODELLED; i++)
            names[i] = expo_status_name((expo_status)i);
        x->greeks_status = jr_name(r, own[I_GREEKS], names, EXPO_UNMODELLED + 1, "greeks status");
        if (x->greeks_status < 0)
            return -1;
    } else {
        x->delta = x->delta_usd = x->gamma = x->vega = x->theta = NAN;
    }
    if (read_quote(r, own[I_QUOTE], x) != 0)
        return -1;
    x->o = ovr_none();
    x->has_override = !jr_is_null(r, own[I_OVERRIDE]);
    if (x->has_override) {
        const wire_status st = ovrjson_read(&r->bv, own[I_OVERRIDE], &x->o);
        if (st != WIRE_OK)
            return jr_fail(r, own[I_OVERRIDE], "bad override (%s)", wire_status_name(st));
    }
    return read_holdings(r, own[I_HOLDINGS], s, x);
}

int snapr_instruments(const jr *r, int v, snap *s)
{
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAPW_MAX_INST)
        return jr_fail(r, v, "more than %d instruments", SNAPW_MAX_INST);
    if (snap_reserve(s, (size_t)n, 0, 0, 0, 0) != 0)
        return jr_fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (read_inst(r, e, s, &s->inst[i]) != 0)
            return -1;
        s->ninst++;
    }
    return 0;
}
