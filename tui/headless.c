/* headless.c - snapshot JSON (see headless.h). */
#include "invtop/headless.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {"spot", "perp", "future", "option"};

uint64_t headless_received(const feedstat *fs)
{
    return fs->accepted + fs->ignored + fs->rejected_total;
}

static void write_feed(jw *w, const feedstat *fs, const headless_ctx *c)
{
    jw_key(w, "feed");
    jw_obj_begin(w);
    jw_kint(w, "msgs", (int64_t)headless_received(fs));
    jw_kint(w, "accepted", (int64_t)fs->accepted);
    jw_kint(w, "ignored", (int64_t)fs->ignored);
    jw_kfixed(w, "rate", c->period_s > 0 ? (double)c->period_msgs / c->period_s : 0, 1);
    jw_key(w, "rejected");
    jw_obj_begin(w);
    jw_kint(w, "total", (int64_t)fs->rejected_total);
    jw_key(w, "by_reason");
    jw_obj_begin(w);
    for (int r = WIRE_IGNORED + 1; r < WIRE_STATUS_COUNT; r++)
        jw_kint(w, wire_status_name((wire_status)r), (int64_t)fs->rejected[r]);
    jw_obj_end(w);
    jw_key(w, "last");
    jw_arr_begin(w);
    const feedstat_reject *r;
    for (unsigned i = 0; (r = feedstat_recent(fs, i)) != NULL; i++) {
        jw_obj_begin(w);
        jw_kstr(w, "reason", wire_status_name(r->reason));
        jw_kfixed(w, "ts", r->time, 3);
        jw_kstr(w, "excerpt", r->excerpt);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    jw_obj_end(w);
    jw_kint(w, "gaps", (int64_t)fs->gaps);
    jw_kint(w, "seq_restarts", (int64_t)fs->restarts);
    jw_kint(w, "seq_untracked", (int64_t)fs->untracked_seq);
    jw_kint(w, "record_errors", (int64_t)c->record_errors);
    jw_kint(w, "quotes_published", (int64_t)c->quotes_published);
    jw_key(w, "last_msg_age_s");
    if (isnan(fs->last_msg_time))
        jw_null(w);
    else
        jw_fixed(w, c->now - fs->last_msg_time, 3);
    jw_obj_end(w);
}

void headless_level_key(double level, char *out, size_t len)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.6g", level * 100);
    size_t o = 0;
    if (len == 0)
        return;
    if (o + 1 < len)
        out[o++] = 'p';
    for (const char *d = digits; *d && o + 1 < len; d++)
        if (*d != '.')
            out[o++] = *d;
    out[o] = '\0';
}

/* A utilization, or null when the limit is off. */
static void write_util(jw *w, const char *key, const limit_state *s)
{
    jw_key(w, key);
    jw_fixed(w, s->util, 4);
}

static void write_greeks(jw *w, const expo_inst *x)
{
    bool ok = x->status == EXPO_OK;
    jw_key(w, "delta");
    jw_num(w, x->delta);
    jw_kfixed(w, "delta_usd", ok || x->status == EXPO_NO_PRICE ? x->delta_usd : NAN, 2);
    jw_key(w, "gamma");
    jw_num(w, ok ? x->gamma : NAN);
    jw_kfixed(w, "vega", ok ? x->vega : NAN, 4);
    jw_kfixed(w, "theta", ok ? x->theta : NAN, 4);
    jw_kstr(w, "greeks", expo_status_name(x->status));
}

static const char *const leg_names[] = {"net", "long", "short"};

/* The instrument's positions per book and leg. */
static void write_holdings(jw *w, const book *b, const book_inst *in)
{
    jw_key(w, "holdings");
    jw_arr_begin(w);
    for (int h = in->first_holding; h >= 0; h = book_holding_at(b, (size_t)h)->next) {
        const book_holding *bh = book_holding_at(b, (size_t)h);
        jw_obj_begin(w);
        jw_kstr(w, "book", book_name(b, bh->book));
        jw_kstr(w, "leg", leg_names[bh->leg]);
        jw_knum(w, "qty", bh->pos.qty);
        jw_knum(w, "avg_px", bh->pos.qty != 0 ? bh->pos.avg_px : NAN);
        jw_kfixed(w, "pnl_realized", bh->pos.realized, 2);
        jw_kfixed(w, "pnl_unrealized", book_holding_unrealized(b, bh), 2);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_instrument(jw *w, const book_inst *in, const app *a, size_t i,
                             const headless_ctx *c)
{
    jw_obj_begin(w);
    jw_kstr(w, "sym", in->sym);
    jw_kstr(w, "venue", in->venue);
    jw_kstr(w, "id", in->id);
    jw_kstr(w, "kind", kind_names[in->ref.kind]);
    jw_kbool(w, "ref_inferred", in->ref_inferred);
    jw_knum(w, "qty", in->pos.qty);
    jw_key(w, "avg_px");
    if (in->pos.qty == 0)
        jw_null(w);
    else
        jw_num(w, in->pos.avg_px);
    jw_knum(w, "mid", in->mid);
    jw_knum(w, "bid", in->bid);
    jw_knum(w, "ask", in->ask);
    jw_kfixed(w, "notional_usd", book_notional(in), 2);
    jw_kfixed(w, "pnl_realized", in->pos.realized, 2);
    jw_kfixed(w, "pnl_unrealized", book_unrealized(in), 2);
    jw_kbool(w, "stale", book_is_stale(in, c->now, c->stale_s));
    const riskrun *rr = &a->risk;
    jw_key(w, "underlying");
    int u = i < rr->expo.ninst ? rr->expo.inst[i].und : -1;
    if (u >= 0)
        jw_str(w, hist_name(rr->hist, (size_t)u));
    else
        jw_null(w);
    if (i < rr->expo.ninst)
        write_greeks(w, &rr->expo.inst[i]);
    if (i < rr->lim.ninst)
        write_util(w, "limit_util", &rr->lim.inst[i]);
    jw_key(w, "quote");
    qt_write_value(&a->qt, &a->ovr, in->id, i, w);
    write_holdings(w, a->book, in);
    jw_obj_end(w);
}

static void write_books(jw *w, const book *b, const riskrun *rr)
{
    jw_key(w, "books");
    jw_arr_begin(w);
    for (size_t k = 0; k < rr->nbooks && k < book_nbooks(b); k++) {
        const brisk_row *r = &rr->books[k];
        jw_obj_begin(w);
        jw_kstr(w, "name", book_name(b, k));
        jw_kfixed(w, "gross_usd", r->gross_usd, 2);
        jw_kfixed(w, "net_usd", r->net_usd, 2);
        jw_kfixed(w, "net_delta_usd", r->net_delta_usd, 2);
        jw_kfixed(w, "pnl_realized", r->pnl_realized, 2);
        jw_kfixed(w, "pnl_unrealized", r->pnl_unrealized, 2);
        jw_kfixed(w, "var_usd", r->var_usd, 2);
        jw_knum(w, "max_delta_usd", rr->book_limits[k].max_delta_usd);
        jw_knum(w, "max_var_usd", rr->book_limits[k].max_var_usd);
        write_util(w, "delta_util", &r->delta);
        write_util(w, "var_util", &r->var);
        jw_obj_end(w);
    }
    jw_arr_end(w);
}

static void write_levels(jw *w, const riskrun *rr, pv_method m)
{
    char key[16];
    const pv_result *res = &rr->result;
    jw_key(w, pv_method_name(m));
    jw_obj_begin(w);
    for (size_t k = 0; k < rr->p.pv.nvar; k++) {
        headless_level_key(rr->p.pv.var_levels[k], key, sizeof key);
        jw_key(w, key);
        jw_fixed(w, res->valid[m] ? res->var[m][k] : NAN, 2);
    }
    jw_obj_end(w);
}

static void write_backtest(jw *w, const riskrun *rr)
{
    const bt_record *bt = &rr->bt;
    double level = rr->p.pv.nvar ? rr->p.pv.var_levels[rr->p.pv.nvar - 1] : 0.99;
    double kp, cp;
    double klr = bt_kupiec(bt->exceptions, bt->n, 1 - level, &kp);
    bt_sequence(bt, rr->bt_seq);
    double clr = bt_christoffersen(rr->bt_seq, bt->n, &cp);
    jw_key(w, "backtest");
    jw_obj_begin(w);
    jw_kstr(w, "method", pv_method_name(PV_PARAMETRIC));
    jw_knum(w, "level", level);
    jw_kint(w, "n", (int64_t)bt->n);
    jw_kint(w, "exceptions", (int64_t)bt->exceptions);
    jw_kfixed(w, "kupiec_lr", klr, 6);
    jw_kfixed(w, "kupiec_p", kp, 6);
    jw_kfixed(w, "christoffersen_lr", clr, 6);
    jw_kfixed(w, "christoffersen_p", cp, 6);
    jw_kstr(w, "zone", bt_zone_name(bt_zone_of(bt->exceptions, bt->n, 1 - level)));
    jw_obj_end(w);
}

static void write_risk(jw *w, const riskrun *rr)
{
    char key[16];
    jw_key(w, "risk");
    jw_obj_begin(w);
    jw_knum(w, "horizon_s", rr->p.pv.horizon_s);
    jw_knum(w, "sample_s", rr->p.pv.sample_s);
    jw_kint(w, "returns", (int64_t)hist_nreturns(rr->hist));
    jw_kfixed(w, "computed_at", rr->computed_at, 3);
    jw_kfixed(w, "monte_carlo_at", rr->mc_at, 3);
    jw_key(w, "var");
    jw_obj_begin(w);
    for (int m = 0; m < PV_METHODS; m++)
        write_levels(w, rr, (pv_method)m);
    jw_obj_end(w);
    jw_key(w, "cvar");
    jw_obj_begin(w);
    headless_level_key(rr->p.pv.es_level, key, sizeof key);
    for (int m = 0; m < PV_METHODS; m++) {
        jw_key(w, pv_method_name((pv_method)m));
        jw_obj_begin(w);
        jw_key(w, key);
        jw_fixed(w, rr->result.valid[m] ? rr->result.es[m] : NAN, 2);
        jw_obj_end(w);
    }
    jw_obj_end(w);
    write_backtest(w, rr);
    jw_obj_end(w);
}

static void write_underlyings(jw *w, const riskrun *rr)
{
    jw_key(w, "underlyings");
    jw_arr_begin(w);
    for (size_t u = 0; u < rr->expo.nund; u++) {
        const expo_und *x = &rr->expo.und[u];
        if (x->ninst == 0)
            continue; /* a name no instrument uses any more */
        jw_obj_begin(w);
        jw_kstr(w, "name", hist_name(rr->hist, u));
        jw_knum(w, "price", x->price);
        jw_knum(w, "delta", x->delta);
        jw_kfixed(w, "delta_usd", x->delta_usd, 2);
        jw_knum(w, "gamma", x->gamma);
        jw_kfixed(w, "vega", x->vega, 4);
        jw_kfixed(w, "theta", x->theta, 4);
        if (u < rr->lim.nund)
            write_util(w, "limit_util", &rr->lim.und[u]);
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

static void write_limits(jw *w, const book *b, const riskrun *rr)
{
    const limits *l = &rr->lim;
    jw_key(w, "limits");
    jw_obj_begin(w);
    jw_knum(w, "max_pos_lots", rr->p.limits.max_pos_lots);
    jw_knum(w, "max_delta_usd", rr->p.limits.max_delta_usd);
    jw_knum(w, "max_var_usd", rr->p.limits.max_var_usd);
    write_util(w, "var_util", &l->var);
    jw_kint(w, "breach_count", (int64_t)l->breaches);
    jw_key(w, "breaches");
    jw_arr_begin(w);
    for (size_t i = 0; i < l->ninst; i++)
        write_breach(w, "position", book_at(b, i)->id, &l->inst[i]);
    for (size_t u = 0; u < l->nund; u++)
        write_breach(w, "delta", hist_name(rr->hist, u), &l->und[u]);
    write_breach(w, "var", "portfolio", &l->var);
    for (size_t k = 0; k < rr->nbooks && k < book_nbooks(b); k++) {
        write_breach(w, "book_delta", book_name(b, k), &rr->books[k].delta);
        write_breach(w, "book_var", book_name(b, k), &rr->books[k].var);
    }
    jw_arr_end(w);
    jw_obj_end(w);
}

static void write_security(jw *w, const app *a)
{
    const sec_state *s = a->sec;
    jw_key(w, "security");
    if (!s) {
        jw_null(w);
        return;
    }
    jw_obj_begin(w);
    jw_kbool(w, "feed_curve", s->feed_curve);
    jw_kbool(w, "quotes_curve", s->quotes_curve);
    jw_kint(w, "handshakes_refused", (int64_t)sec_refused(s));
    jw_kint(w, "feed_handshakes_refused", (int64_t)s->mon_feed.failed);
    jw_kint(w, "quotes_handshakes_refused", (int64_t)s->mon_quotes.failed);
    jw_kint(w, "feed_keys_denied", (int64_t)s->zap.denied[ZAP_FEED]);
    jw_kint(w, "quotes_keys_denied", (int64_t)s->zap.denied[ZAP_QUOTES]);
    jw_kint(w, "feed_keys_allowed", (int64_t)s->zap.allowed[ZAP_FEED]);
    jw_kint(w, "quotes_keys_allowed", (int64_t)s->zap.allowed[ZAP_QUOTES]);
    jw_kstr(w, "warning", s->warning);
    jw_obj_end(w);
}

static void write_overrides(jw *w, const app *a)
{
    jw_key(w, "overrides");
    jw_obj_begin(w);
    jw_kbool(w, "kill", a->ovr.kill);
    jw_kint(w, "active", (int64_t)ovr_active(&a->ovr));
    jw_kbool(w, "journal_ok", a->jr.ok);
    jw_kstr(w, "journal_error", a->jr.ok ? "" : a->jr.err);
    jw_obj_end(w);
}

int headless_snapshot(jw *w, const app *a, const headless_ctx *c)
{
    const book *b = a->book;
    const feedstat *fs = &a->in.stats;
    const riskrun *rr = &a->risk;
    double gross = 0, net = 0, realized = 0, unrealized = 0;
    size_t n = book_count(b);
    for (size_t i = 0; i < n; i++) {
        const book_inst *in = book_at(b, i);
        double notional = book_notional(in);
        gross += fabs(notional);
        net += notional;
        realized += in->pos.realized;
        unrealized += book_unrealized(in);
    }
    jw_reset(w);
    jw_obj_begin(w);
    jw_kfixed(w, "ts", c->now, 3);
    write_feed(w, fs, c);
    jw_key(w, "portfolio");
    jw_obj_begin(w);
    jw_kfixed(w, "gross_usd", gross, 2);
    jw_kfixed(w, "net_usd", net, 2);
    jw_kfixed(w, "pnl_realized", realized, 2);
    jw_kfixed(w, "pnl_unrealized", unrealized, 2);
    jw_kfixed(w, "net_delta_usd", rr->expo.net_delta_usd, 2);
    jw_obj_end(w);
    write_risk(w, rr);
    write_underlyings(w, rr);
    write_limits(w, b, rr);
    write_books(w, b, rr);
    jw_key(w, "quote_params");
    qt_write_params(&a->qt, w);
    write_overrides(w, a);
    write_security(w, a);
    jw_key(w, "instruments");
    jw_arr_begin(w);
    for (size_t i = 0; i < n; i++)
        write_instrument(w, book_at(b, i), a, i, c);
    jw_arr_end(w);
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    return jw_ok(w) ? 0 : -1;
}
