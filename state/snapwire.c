/* snapwire.c - a snapshot as the headless JSON document (see snapwire.h).
 * The decoder is in snapread.c. */
#include "invtop/snapwire.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "invtop/backtest.h"
#include "invtop/exposure.h"
#include "invtop/ovrjson.h"

static const char *const part_names[SNAPW_PARTS] = {
    [SNAPW_FEED] = "feed",
    [SNAPW_PORTFOLIO] = "portfolio",
    [SNAPW_RISK] = "risk",
    [SNAPW_UNDERLYINGS] = "underlyings",
    [SNAPW_LIMITS] = "limits",
    [SNAPW_BOOKS] = "books",
    [SNAPW_QUOTE_PARAMS] = "quote_params",
    [SNAPW_OVERRIDES] = "overrides",
    [SNAPW_SECURITY] = "security",
    [SNAPW_EVENTS] = "events",
    [SNAPW_SERIES] = "series",
};

static const char *const kind_names[] = {"spot", "perp", "future", "option"};
static const char *const leg_names[] = {"net", "long", "short"};
static const char *const level_names[] = {"info", "warn", "alert"};
const char *const snapw_sock_role[2] = {"connect", "bind"};
const char *const snapw_sock_mode[2] = {"plain", "curve"};

const char *snapw_part_name(snapw_part p)
{
    return (unsigned)p < SNAPW_PARTS ? part_names[p] : "?";
}

bool snapw_part_is_array(snapw_part p)
{
    return p == SNAPW_UNDERLYINGS || p == SNAPW_BOOKS || p == SNAPW_SERIES;
}

void snapw_level_key(double level, char *out, size_t len)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.6g", level * 100);
    size_t o = 0;
    if (o + 1 < len)
        out[o++] = 'p';
    for (const char *d = digits; *d && o + 1 < len; d++)
        if (*d != '.')
            out[o++] = *d;
    out[o] = '\0';
}

static void write_util(jw *w, const char *key, const limit_state *s)
{
    jw_key(w, key);
    jw_fixed(w, s->util, 4);
}

static void write_feed(jw *w, const snap_feed *f)
{
    jw_obj_begin(w);
    jw_kint(w, "msgs", (int64_t)f->msgs);
    jw_kint(w, "accepted", (int64_t)f->accepted);
    jw_kint(w, "ignored", (int64_t)f->ignored);
    jw_kfixed(w, "rate", f->rate, 1);
    jw_key(w, "rejected");
    jw_obj_begin(w);
    jw_kint(w, "total", (int64_t)f->rejected_total);
    jw_key(w, "by_reason");
    jw_obj_begin(w);
    for (int r = WIRE_IGNORED + 1; r < WIRE_STATUS_COUNT; r++)
        jw_kint(w, wire_status_name((wire_status)r), (int64_t)f->rejected[r]);
    jw_obj_end(w);
    jw_key(w, "last");
    jw_arr_begin(w);
    for (size_t i = 0; i < f->nlast; i++) {
        jw_obj_begin(w);
        jw_kstr(w, "reason", wire_status_name(f->last[i].reason));
        jw_kfixed(w, "ts", f->last[i].time, 3);
        jw_kstr(w, "excerpt", f->last[i].excerpt);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
    jw_kint(w, "gaps", (int64_t)f->gaps);
    jw_kint(w, "seq_restarts", (int64_t)f->seq_restarts);
    jw_kint(w, "seq_untracked", (int64_t)f->seq_untracked);
    jw_kint(w, "record_errors", (int64_t)f->record_errors);
    jw_kint(w, "quotes_published", (int64_t)f->quotes_published);
    jw_kfixed(w, "last_msg_age_s", f->last_msg_age_s, 3);
    jw_obj_end(w);
}

static void write_portfolio(jw *w, const snap_portfolio *p)
{
    jw_obj_begin(w);
    jw_kfixed(w, "gross_usd", p->gross_usd, 2);
    jw_kfixed(w, "net_usd", p->net_usd, 2);
    jw_kfixed(w, "pnl_realized", p->pnl_realized, 2);
    jw_kfixed(w, "pnl_unrealized", p->pnl_unrealized, 2);
    jw_kfixed(w, "net_delta_usd", p->net_delta_usd, 2);
    jw_obj_end(w);
}

static void write_risk(jw *w, const snap *s)
{
    char key[16];
    jw_obj_begin(w);
    jw_knum(w, "horizon_s", s->pv.horizon_s);
    jw_knum(w, "sample_s", s->pv.sample_s);
    jw_kint(w, "returns", (int64_t)s->returns);
    jw_kint(w, "window", (int64_t)s->window);
    jw_kfixed(w, "computed_at", s->computed_at, 3);
    jw_kfixed(w, "monte_carlo_at", s->mc_at, 3);
    jw_key(w, "var");
    jw_obj_begin(w);
    for (int m = 0; m < PV_METHODS; m++) {
        jw_key(w, pv_method_name((pv_method)m));
        jw_obj_begin(w);
        for (size_t k = 0; k < s->pv.nvar && k < PV_MAX_LEVELS; k++) {
            snapw_level_key(s->pv.var_levels[k], key, sizeof key);
            jw_key(w, key);
            jw_fixed(w, s->result.valid[m] ? s->result.var[m][k] : NAN, 2);
        }
        jw_obj_end(w);
    }
    jw_obj_end(w);
    jw_key(w, "cvar");
    jw_obj_begin(w);
    snapw_level_key(s->pv.es_level, key, sizeof key);
    for (int m = 0; m < PV_METHODS; m++) {
        jw_key(w, pv_method_name((pv_method)m));
        jw_obj_begin(w);
        jw_key(w, key);
        jw_fixed(w, s->result.valid[m] ? s->result.es[m] : NAN, 2);
        jw_obj_end(w);
    }
    jw_obj_end(w);
    jw_key(w, "backtest");
    jw_obj_begin(w);
    jw_kstr(w, "method", pv_method_name(PV_PARAMETRIC));
    jw_knum(w, "level", s->bt_level);
    jw_kint(w, "n", (int64_t)s->bt_n);
    jw_kint(w, "exceptions", (int64_t)s->bt_exceptions);
    jw_kfixed(w, "kupiec_lr", s->kupiec_lr, 6);
    jw_kfixed(w, "kupiec_p", s->kupiec_p, 6);
    jw_kfixed(w, "christoffersen_lr", s->christoffersen_lr, 6);
    jw_kfixed(w, "christoffersen_p", s->christoffersen_p, 6);
    jw_kstr(w, "zone", bt_zone_name((bt_zone)s->bt_zone));
    jw_obj_end(w);
    jw_key(w, "scenarios"); /* the historical P&L, ascending: the histogram */
    jw_arr_begin(w);
    for (size_t k = 0; k < s->nscen; k++)
        jw_fixed(w, s->scenarios[k], 2);
    jw_arr_end(w);
    jw_obj_end(w);
}

static void write_underlyings(jw *w, const snap *s)
{
    jw_arr_begin(w);
    for (size_t u = 0; u < s->nund; u++) {
        const snap_und *x = &s->und[u];
        jw_obj_begin(w);
        jw_kstr(w, "name", x->name);
        jw_knum(w, "price", x->price);
        jw_knum(w, "delta", x->delta);
        jw_kfixed(w, "delta_usd", x->delta_usd, 2);
        jw_knum(w, "gamma", x->gamma);
        jw_kfixed(w, "vega", x->vega, 4);
        jw_kfixed(w, "theta", x->theta, 4);
        write_util(w, "limit_util", &x->limit);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_breach(jw *w, const char *kind, const char *name, const limit_state *s)
{
    if (isnan(s->since))
        return;
    jw_obj_begin(w);
    jw_kstr(w, "kind", kind);
    jw_kstr(w, "name", name);
    jw_kfixed(w, "util", s->util, 4);
    jw_kfixed(w, "since", s->since, 3);
    jw_obj_end(w);
}

static void write_limits(jw *w, const snap *s)
{
    jw_obj_begin(w);
    jw_knum(w, "max_pos_lots", s->limits.max_pos_lots);
    jw_knum(w, "max_delta_usd", s->limits.max_delta_usd);
    jw_knum(w, "max_var_usd", s->limits.max_var_usd);
    write_util(w, "var_util", &s->var_limit);
    jw_kfixed(w, "var_since", s->var_limit.since, 3);
    jw_kint(w, "breach_count", (int64_t)s->breaches);
    jw_key(w, "breaches");
    jw_arr_begin(w);
    for (size_t i = 0; i < s->ninst; i++)
        write_breach(w, "position", s->inst[i].id, &s->inst[i].limit);
    for (size_t u = 0; u < s->nund; u++)
        write_breach(w, "delta", s->und[u].name, &s->und[u].limit);
    write_breach(w, "var", "portfolio", &s->var_limit);
    for (size_t k = 0; k < s->nbooks; k++) {
        write_breach(w, "book_delta", s->books[k].name, &s->books[k].r.delta);
        write_breach(w, "book_var", s->books[k].name, &s->books[k].r.var);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

static void write_books(jw *w, const snap *s)
{
    jw_arr_begin(w);
    for (size_t k = 0; k < s->nbooks; k++) {
        const snap_book *b = &s->books[k];
        jw_obj_begin(w);
        jw_kstr(w, "name", b->name);
        jw_kfixed(w, "gross_usd", b->r.gross_usd, 2);
        jw_kfixed(w, "net_usd", b->r.net_usd, 2);
        jw_kfixed(w, "net_delta_usd", b->r.net_delta_usd, 2);
        jw_kfixed(w, "pnl_realized", b->r.pnl_realized, 2);
        jw_kfixed(w, "pnl_unrealized", b->r.pnl_unrealized, 2);
        jw_kfixed(w, "var_usd", b->r.var_usd, 2);
        jw_knum(w, "max_delta_usd", b->lim.max_delta_usd);
        jw_knum(w, "max_var_usd", b->lim.max_var_usd);
        write_util(w, "delta_util", &b->r.delta);
        write_util(w, "var_util", &b->r.var);
        jw_kfixed(w, "delta_since", b->r.delta.since, 3);
        jw_kfixed(w, "var_since", b->r.var.since, 3);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_quote_params(jw *w, const skew_params *p)
{
    jw_obj_begin(w);
    jw_kstr(w, "model", skew_model_name(p->model));
    jw_knum(w, "gamma", p->gamma);
    jw_knum(w, "k", p->k);
    jw_knum(w, "A", p->A);
    jw_knum(w, "delta", p->delta);
    jw_knum(w, "tau_s", p->tau_s);
    jw_knum(w, "session_end", p->session_end);
    jw_knum(w, "skew_factor", p->skew_factor);
    jw_knum(w, "vol_mult", p->vol_mult);
    jw_knum(w, "min_spread_bps", p->min_spread_bps);
    jw_knum(w, "q_max_lots", p->q_max_lots);
    jw_kstr(w, "units", "bp of mid, lots, seconds");
    jw_obj_end(w);
}

static void write_overrides(jw *w, const snap *s)
{
    jw_obj_begin(w);
    jw_kbool(w, "kill", s->kill);
    jw_kint(w, "active", (int64_t)s->overrides_active);
    jw_kbool(w, "journal_ok", s->journal_ok);
    jw_kstr(w, "journal_error", s->journal_error);
    jw_kbool(w, "publishing", s->publishing);
    jw_obj_end(w);
}

static void write_security(jw *w, const snap *s)
{
    jw_obj_begin(w);
    jw_kbool(w, "feed_curve", s->feed_curve);
    jw_key(w, "feed_sockets");
    jw_arr_begin(w);
    for (size_t k = 0; k < s->nfeed_socks; k++) {
        const snap_sock *x = &s->feed_socks[k];
        jw_obj_begin(w);
        jw_kstr(w, "endpoint", x->endpoint);
        jw_kstr(w, "role", snapw_sock_role[x->bind]);
        jw_kstr(w, "mode", snapw_sock_mode[x->curve]);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_kbool(w, "quotes_curve", s->quotes_curve);
    jw_kint(w, "handshakes_refused", (int64_t)s->handshakes_refused);
    jw_kint(w, "feed_handshakes_refused", (int64_t)s->feed_refused);
    jw_kint(w, "quotes_handshakes_refused", (int64_t)s->quotes_refused);
    jw_kint(w, "feed_keys_denied", (int64_t)s->feed_denied);
    jw_kint(w, "quotes_keys_denied", (int64_t)s->quotes_denied);
    jw_kint(w, "feed_keys_allowed", (int64_t)s->feed_allowed);
    jw_kint(w, "quotes_keys_allowed", (int64_t)s->quotes_allowed);
    jw_kint(w, "commands_refused", (int64_t)s->commands_refused);
    jw_kstr(w, "warning", s->sec_warning);
    jw_obj_end(w);
}

static void write_events(jw *w, const snap *s)
{
    jw_obj_begin(w);
    jw_kint(w, "total", (int64_t)s->events_total);
    jw_key(w, "last");
    jw_arr_begin(w);
    for (size_t k = 0; k < s->nevents; k++) {
        const snap_event *e = &s->events[k];
        jw_obj_begin(w);
        jw_kfixed(w, "ts", e->time, 3);
        jw_kstr(w, "level", level_names[(unsigned)e->level < 3 ? e->level : 0]);
        jw_kstr(w, "text", e->text);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

static void write_series(jw *w, const snap *s)
{
    jw_arr_begin(w);
    for (size_t k = 0; k < s->nseries; k++) {
        jw_arr_begin(w);
        jw_fixed(w, s->series[k].t, 3);
        jw_fixed(w, s->series[k].pnl, 2);
        jw_fixed(w, s->series[k].var, 2);
        jw_arr_end(w);
    }
    jw_arr_end(w);
}

void snapw_part_value(jw *w, const snap *s, snapw_part p)
{
    switch (p) {
    case SNAPW_FEED: write_feed(w, &s->feed); break;
    case SNAPW_PORTFOLIO: write_portfolio(w, &s->port); break;
    case SNAPW_RISK: write_risk(w, s); break;
    case SNAPW_UNDERLYINGS: write_underlyings(w, s); break;
    case SNAPW_LIMITS: write_limits(w, s); break;
    case SNAPW_BOOKS: write_books(w, s); break;
    case SNAPW_QUOTE_PARAMS: write_quote_params(w, &s->quote_params); break;
    case SNAPW_OVERRIDES: write_overrides(w, s); break;
    case SNAPW_SECURITY: write_security(w, s); break;
    case SNAPW_EVENTS: write_events(w, s); break;
    case SNAPW_SERIES: write_series(w, s); break;
    case SNAPW_PARTS: jw_null(w); break;
    }
}

static void write_quote(jw *w, const snap_inst *x)
{
    if (!(x->has_quote || x->eff.valid)) {
        jw_null(w);
        return;
    }
    jw_obj_begin(w);
    jw_kstr(w, "src", x->eff.manual ? "manual" : "model");
    jw_kbool(w, "paused", x->eff.paused);
    jw_kbool(w, "eff_valid", x->eff.valid);
    jw_knum(w, "eff_bid", x->eff.bid);
    jw_knum(w, "eff_ask", x->eff.ask);
    jw_knum(w, "eff_reservation", x->eff.reservation);
    jw_kfixed(w, "eff_skew_bps", x->eff.skew_bps, 3);
    jw_kfixed(w, "eff_half_spread_bps", x->eff.half_spread_bps, 3);
    jw_kbool(w, "model_valid", x->has_quote);
    jw_kstr(w, "model", skew_model_name(x->q.model));
    jw_knum(w, "reservation", x->q.reservation);
    jw_knum(w, "bid", x->q.bid);
    jw_knum(w, "ask", x->q.ask);
    jw_kfixed(w, "skew_bps", x->q.skew_bps, 3);
    jw_kfixed(w, "half_spread_bps", x->q.half_spread_bps, 3);
    jw_knum(w, "q_lots", x->q.q_lots);
    jw_kfixed(w, "sigma", x->q.sigma_bps, 4);
    jw_obj_end(w);
}

void snapw_inst(jw *w, const snap *s, size_t i)
{
    const snap_inst *x = &s->inst[i];
    jw_obj_begin(w);
    jw_kstr(w, "sym", x->sym);
    jw_kstr(w, "venue", x->venue);
    jw_kstr(w, "id", x->id);
    jw_kstr(w, "kind", kind_names[(unsigned)x->kind < 4 ? x->kind : 0]);
    jw_kbool(w, "ref_inferred", x->ref_inferred);
    jw_knum(w, "mult", x->mult);
    jw_knum(w, "tick", x->tick);
    jw_knum(w, "lot", x->lot);
    jw_knum(w, "strike", x->strike);
    jw_kfixed(w, "expiry", x->expiry, 3);
    jw_key(w, "right");
    if (x->right == 'C' || x->right == 'P')
        jw_strn(w, &x->right, 1);
    else
        jw_null(w);
    jw_knum(w, "qty", x->qty);
    jw_knum(w, "avg_px", x->qty != 0 ? x->avg_px : NAN);
    jw_knum(w, "mid", x->mid);
    jw_knum(w, "bid", x->bid);
    jw_knum(w, "ask", x->ask);
    jw_kfixed(w, "notional_usd", x->notional_usd, 2);
    jw_kfixed(w, "pnl_realized", x->pnl_realized, 2);
    jw_kfixed(w, "pnl_unrealized", x->pnl_unrealized, 2);
    jw_kbool(w, "stale", x->stale);
    jw_key(w, "underlying");
    if (x->underlying[0])
        jw_str(w, x->underlying);
    else
        jw_null(w);
    if (x->has_greeks) {
        bool ok = x->greeks_status == EXPO_OK;
        jw_knum(w, "delta", x->delta);
        jw_kfixed(w, "delta_usd", ok || x->greeks_status == EXPO_NO_PRICE ? x->delta_usd : NAN, 2);
        jw_knum(w, "gamma", ok ? x->gamma : NAN);
        jw_kfixed(w, "vega", ok ? x->vega : NAN, 4);
        jw_kfixed(w, "theta", ok ? x->theta : NAN, 4);
        jw_kstr(w, "greeks", expo_status_name((expo_status)x->greeks_status));
    }
    write_util(w, "limit_util", &x->limit);
    jw_kfixed(w, "limit_since", x->limit.since, 3);
    jw_key(w, "quote");
    write_quote(w, x);
    jw_key(w, "override");
    if (x->has_override)
        ovrjson_write(w, &x->o);
    else
        jw_null(w);
    jw_key(w, "holdings");
    jw_arr_begin(w);
    for (size_t h = x->first_holding; h < x->first_holding + x->nholdings && h < s->nholdings; h++) {
        const snap_holding *d = &s->holdings[h];
        jw_obj_begin(w);
        jw_kstr(w, "book", d->book < s->nbooks ? s->books[d->book].name : "");
        jw_kstr(w, "leg", leg_names[(unsigned)d->leg < 3 ? d->leg : 0]);
        jw_knum(w, "qty", d->qty);
        jw_knum(w, "avg_px", d->avg_px);
        jw_kfixed(w, "pnl_realized", d->pnl_realized, 2);
        jw_kfixed(w, "pnl_unrealized", d->pnl_unrealized, 2);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

int snapw_document(jw *w, const snap *s)
{
    jw_reset(w);
    jw_obj_begin(w);
    jw_kint(w, "version", (int64_t)s->version);
    jw_kfixed(w, "ts", s->ts, 3);
    jw_kstr(w, "source", s->source);
    for (int p = 0; p < SNAPW_PARTS; p++) {
        jw_key(w, part_names[p]);
        snapw_part_value(w, s, (snapw_part)p);
    }
    jw_key(w, "instruments");
    jw_arr_begin(w);
    for (size_t i = 0; i < s->ninst; i++)
        snapw_inst(w, s, i);
    jw_arr_end(w);
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    return jw_ok(w) ? 0 : -1;
}
