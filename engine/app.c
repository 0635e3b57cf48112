/* app.c - state and transitions (see app.h). */
#include "invtop/app.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "invtop/histload.h"
#include "invtop/user.h"

/* Event time reaches t: what the watch has due by then (staleness deadlines,
 * counting windows), logged before anything at t. */
static void watch_to(app *a, double t)
{
    watch_advance(&a->watch, a->book, &a->in.stats, &a->log, t);
}

/* The ingest's hook: work due before a message's event time happens first,
 * on the book as it was. */
static void advance(void *ctx, double event_time)
{
    app *a = ctx;
    watch_to(a, event_time);
    if (isnan(a->risk.next_sample) || event_time >= a->risk.next_sample)
        (void)app_tick(a, event_time);
}

int app_init(app *a, const engcfg *c, void *zctx, bool deterministic, sec_state *sec)
{
    assert(a && c && c->max_instruments > 0);
    memset(a, 0, sizeof *a);
    a->jr.fd = -1; /* app_free after an early failure must not close stdin */
    a->orders.fd = -1;
    a->alerts.fd = -1;
    a->cfg = *c;
    const engcfg *o = &a->cfg;
    a->sec = sec;
    a->book = book_new(o->max_instruments);
    if (!a->book) {
        fprintf(stderr, "invtop: cannot allocate a book of %zu instruments\n", o->max_instruments);
        return -1;
    }
    ingest_init(&a->in, a->book, NULL);
    a->in.clock_ts = o->clock_ts;
    a->in.advance = advance;
    a->in.advance_ctx = a;
    for (size_t i = 0; i < o->params.n && a->in.nfee_base < INGEST_MAX_FEE_VENUES; i++)
        if (o->params.e[i].scope == IP_VENUE && o->params.e[i].fee_base == 1)
            a->in.fee_base[a->in.nfee_base++] = o->params.e[i].name;
    if (o->sources) {
        a->map_cx = srcmap_ctx_new();
        if (!a->map_cx) {
            fprintf(stderr, "invtop: cannot allocate the venue mappings' scratch\n");
            return -1;
        }
        ingest_set_sources(&a->in, o->sources, a->map_cx);
    }
    rr_params rp = o->risk;
    if (deterministic)
        rp.mc_async = false; /* a max-speed replay must give the same numbers every run */
    /* one capacity for everything indexed by instrument number: the book's */
    const size_t cap = book_capacity(a->book);
    skew_params qp = o->quote;
    if (isnan(qp.q_max_lots))
        qp.q_max_lots = o->risk.limits.max_pos_lots; /* not given: the position limit */
    if (rr_init(&a->risk, &rp, cap) != 0 || qt_init(&a->qt, &qp, cap) != 0) {
        fprintf(stderr, "invtop: cannot set up the risk engine (memory or thread)\n");
        return -1;
    }
    a->params = o->params;
    a->qt.params = &a->params;
    if (a->params.n && rr_enable_overrides(&a->risk) != 0)
        return -1;
    if (o->history && histload_csv(o->history, a->risk.hist) != 0)
        return -1;
    if (o->record) {
        if (recorder_open(&a->rec, o->record) != 0) {
            fprintf(stderr, "invtop: cannot open %s for recording: %s\n", o->record, strerror(errno));
            return -1;
        }
        a->recording = true;
        a->in.rec = &a->rec;
    }
    if (ovr_table_init(&a->ovr, o->max_instruments) != 0)
        return -1;
    evlog_init(&a->log);
    if (watch_init(&a->watch, cap, o->stale_s) != 0)
        return -1;
    a->series_stride = 1;
    /* versions only grow, across restarts too (a viewer's never go back):
     * live, they start at the wall clock in microseconds; a deterministic
     * replay starts at 0 so its output is the same every run */
    if (!deterministic) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        a->version = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
    }
    (void)user_name(NULL, a->user, sizeof a->user);
    snprintf(a->ssh, sizeof a->ssh, "%s", getenv("SSH_CONNECTION") ? getenv("SSH_CONNECTION") : "");
    a->last_pub = a->last_refresh = NAN;
    char path[4096], err[256];
    const char *jpath = o->journal ? o->journal : journal_default_path(path, sizeof path);
    size_t applied, skipped;
    if (journal_load(jpath, &a->ovr, &applied, &skipped, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s; overrides are blocked\n", err);
    } else if (skipped) {
        fprintf(stderr, "invtop: %s: skipped %zu unreadable line(s) (a torn last line after a crash?)\n",
                jpath, skipped);
    }
    if (journal_open(&a->jr, jpath) != 0 && o->trader)
        fprintf(stderr, "invtop: %s; overrides are blocked until it can be written\n", a->jr.err);
    if (o->quotes) {
        if (!zctx || qpub_open(&a->pub, zctx, o->quotes, sec && sec->quotes_curve ? sec->quotes_secret : NULL,
                               err, sizeof err) != 0) {
            fprintf(stderr, "invtop: %s\n", zctx ? err : "no ZeroMQ context for --quotes");
            return -1;
        }
        a->publishing = true;
    }
    if (app_hedge_init(a, zctx) != 0)
        return -1;
    return app_alerts_init(a);
}

void app_free(app *a)
{
    app_alerts_free(a);
    app_hedge_free(a);
    if (a->publishing)
        qpub_close(&a->pub);
    if (a->recording && recorder_close(&a->rec) != 0)
        fprintf(stderr, "invtop: closing the recording %s failed\n", a->cfg.record);
    jw_free(&a->qtopic);
    jw_free(&a->qbody);
    journal_close(&a->jr);
    ovr_table_free(&a->ovr);
    qt_free(&a->qt);
    watch_free(&a->watch);
    rr_free(&a->risk);
    book_free(a->book);
    srcmap_ctx_free(a->map_cx);
    memset(a, 0, sizeof *a);
}

double app_now(const app *a, double recv)
{
    return a->in.clock_ts && !isnan(a->in.clock) ? a->in.clock : recv;
}

bool app_clock_started(const app *a)
{
    return !isnan(a->in.stats.last_msg_time) && !isnan(ingest_event_time(&a->in, 0));
}

static void publish(app *a, double now)
{
    (void)qpub_send(&a->pub, a->qtopic.buf, a->qtopic.len, a->qbody.buf, a->qbody.len);
    a->last_pub = now;
}

/* Recompute instrument i's quote; publish it when it moved enough (or always
 * when `force`, for the periodic republish). */
static void requote(app *a, size_t i, double now, bool force)
{
    bool changed = qt_update(&a->qt, a->book, &a->risk, &a->ovr, i, now);
    if (!a->publishing || !(changed || (force && qt_at(&a->qt, i)->eff.valid)))
        return;
    if (qt_message(&a->qt, a->book, &a->ovr, i, now, a->user, &a->qtopic, &a->qbody) == 0)
        publish(a, now);
}

static void requote_all(app *a, double now, bool force)
{
    size_t n = book_count(a->book);
    for (size_t i = 0; i < n; i++)
        requote(a, i, now, force);
}

int app_override_by(app *a, const ovr_change *c, double now, const char *reason, const char *who,
                    const char *origin)
{
    if (c->sym[0] && ovr_slot(&a->ovr, c->sym) < 0 && a->ovr.n == a->ovr.cap) {
        snprintf(a->jr.err, sizeof a->jr.err, "override table full (%zu symbols)", a->ovr.cap);
        return -1;
    }
    if (journal_write(&a->jr, c, now, who, origin, reason) != 0)
        return -1; /* not journaled, not applied */
    if (ovr_commit(&a->ovr, c) != 0)
        return -1;
    long i = c->sym[0] ? book_find(a->book, c->sym) : -1;
    if (i >= 0)
        requote(a, (size_t)i, now, false);
    else
        requote_all(a, now, false);
    return 0;
}

int app_override(app *a, const ovr_change *c, double now, const char *reason)
{
    return app_override_by(a, c, now, reason, a->user, a->ssh);
}

/* Turn a command into a proposed change; -1 with the reason in msg. */
static int propose(const app *a, const command *cmd, double now, ovr_change *c, char *msg, size_t cap)
{
    double ttl = a->cfg.override_ttl_s;
    long i = cmd_has_id(cmd->kind) ? book_find(a->book, cmd->id) : -1;
    if (cmd_has_id(cmd->kind) && i < 0) {
        snprintf(msg, cap, "no instrument %s", cmd->id);
        return -1;
    }
    const qt_entry *q = i >= 0 ? qt_at(&a->qt, (size_t)i) : NULL;
    double half = q && q->valid ? q->q.half_spread_bps : NAN;
    ovr set;
    int rc = -1;
    switch (cmd->kind) {
    case CMD_SKEW: rc = ovr_propose_skew(&a->ovr, cmd->id, cmd->value, now, ttl, c); break;
    case CMD_SPREAD:
        rc = ovr_propose_spread(&a->ovr, cmd->id, cmd->value, half, now, ttl, c);
        if (rc != 0) {
            snprintf(msg, cap, "no model spread yet to change on %s", cmd->id);
            return -1;
        }
        break;
    case CMD_PAUSE: rc = ovr_propose_pause(&a->ovr, cmd->id, now, ttl, c); break;
    case CMD_CLEAR: rc = ovr_propose_clear(&a->ovr, cmd->id, c); break;
    case CMD_SET:
        set = cmd->set;
        set.expires = isnan(set.expires) ? NAN : now + set.expires; /* ttl in seconds from now */
        rc = ovr_propose_set(&a->ovr, cmd->id, &set, OVR_SET, c);
        break;
    case CMD_UNDO:
        if ((rc = ovr_propose_undo(&a->ovr, c)) != 0) {
            snprintf(msg, cap, "nothing to undo");
            return -1;
        }
        break;
    case CMD_KILL: rc = ovr_propose_kill(&a->ovr, true, c); break;
    case CMD_UNKILL: rc = ovr_propose_kill(&a->ovr, false, c); break;
    case CMD_CLEAR_ALL: rc = ovr_propose_clear(&a->ovr, "", c); break;
    case CMD_HEDGE: /* not an override: app_command sends it as an order */
    case CMD_ACK:   /* not an override: app_command routes it to the alerts */
    case CMD_COUNT: break;
    }
    if (rc != 0)
        snprintf(msg, cap, "%s cannot be done now", cmd_name(cmd->kind));
    return rc;
}

int app_command(app *a, const command *cmd, double now, const char *who, const char *origin,
                const char *reason, char *msg, size_t cap)
{
    if (cmd->kind == CMD_HEDGE)
        return app_hedge_command(a, cmd, now, who, msg, cap);
    if (cmd->kind == CMD_ACK)
        return app_alerts_ack(a, cmd, now, who, msg, cap);
    ovr_change c;
    int rc = propose(a, cmd, now, &c, msg, cap);
    if (rc == 0 && (rc = app_override_by(a, &c, now, reason, who, origin)) != 0)
        snprintf(msg, cap, "%.150s", a->jr.err[0] ? a->jr.err : "refused");
    if (rc != 0) {
        evlog_add(&a->log, now, EVLOG_ALERT, "OVERRIDE REFUSED (%s by %s): %.60s", cmd_name(cmd->kind),
                  who, msg);
        return -1;
    }
    if (c.sym[0]) {
        char what[160];
        ovr o = ovr_get(&a->ovr, c.sym);
        snprintf(msg, cap, "%s %s: %s%s by %s", c.sym, ovr_action_name(c.action),
                 ovr_describe(&c.before, &c.after, now, what, sizeof what), ovr_is_set(&o) ? "" : " (model)", who);
    } else {
        snprintf(msg, cap, "%s by %s%s", ovr_action_name(c.action), who, a->ovr.kill ? ": KILL SWITCH ON, every quote paused" : "");
    }
    evlog_add(&a->log, now, c.sym[0] ? EVLOG_INFO : EVLOG_ALERT, "override %s", msg);
    return 0;
}

void app_message(app *a, size_t nframes, const char *const frames[], const size_t lens[],
                 double recv)
{
    assert(a && frames && lens);
    /* the clock as the message finds it: a reject happens then (an accepted
     * message's own time is reached in the ingest's hook, before it applies) */
    watch_to(a, ingest_event_time(&a->in, recv));
    wire_status st = ingest_frames(&a->in, nframes, frames, lens, recv);
    const double t = ingest_event_time(&a->in, recv);
    if (!isnan(t)) { /* NAN: --clock ts before any ts, no event time yet */
        long i = -1;
        if (st == WIRE_OK) {
            i = (long)a->in.last_index;
            for (size_t k = 0; k < a->in.ntouched; k++) { /* a mapped message may touch several */
                rr_check_position(&a->risk, a->book, a->in.touched[k], t);
                watch_limits(&a->watch, a->book, &a->risk.lim, &a->log, (long)a->in.touched[k], t);
            }
        }
        watch_message(&a->watch, a->book, &a->in.stats, &a->log, i, t);
        if (st == WIRE_OK && a->in.last_fill && a->in.fill.clid[0]) {
            /* before anything judges delta: the order's share in flight is now the position's */
            long k = ord_fill(&a->orders, a->in.fill.clid, a->in.fill.qty, a->in.fill.px, t);
            if (k >= 0)
                evlog_add(&a->log, t, EVLOG_INFO, "order %s %s: %+g at %g", a->orders.o[k].clid,
                          ord_state_name((int)a->orders.o[k].state), a->in.fill.qty, a->in.fill.px);
        }
        for (size_t k = 0; st == WIRE_OK && a->in.last_position && k < a->in.ntouched; k++)
            app_hedge_position(a, a->in.touched[k], t);
    }
    for (size_t k = 0; st == WIRE_OK && k < a->in.ntouched; k++)
        requote(a, a->in.touched[k], app_now(a, recv), false);
}

int app_reload(app *a, char *msg, size_t cap)
{
    engcfg_live *n = malloc(sizeof *n);
    char err[512] = "";
    if (!n || !a->cfg.reload || a->cfg.reload(a->cfg.reload_ctx, &a->cfg, n, err, sizeof err) != 0) {
        snprintf(msg, cap, "reload refused: %s", err[0] ? err : n ? "no configuration to read" : "out of memory");
        free(n);
        return -1;
    }
    int rc = app_apply(a, n, msg, cap);
    free(n);
    return rc;
}

int app_apply(app *a, const engcfg_live *n, char *msg, size_t cap)
{
    if (n->params.n && !a->risk.have_overrides && rr_enable_overrides(&a->risk) != 0) {
        snprintf(msg, cap, "reload: out of memory for per-instrument values");
        return -1;
    }
    engcfg *o = &a->cfg;
    o->quote = n->quote;
    o->risk.limits = n->limits;
    o->stale_s = n->stale_s;
    watch_set_stale(&a->watch, n->stale_s);
    o->quotes_refresh_s = n->quotes_refresh_s;
    o->override_ttl_s = n->override_ttl_s;
    a->params = n->params;
    a->qt.p = n->quote;
    if (isnan(a->qt.p.q_max_lots))
        a->qt.p.q_max_lots = n->limits.max_pos_lots; /* not given: the position limit */
    a->risk.p.limits = n->limits;
    snprintf(msg, cap, "config reloaded (model %s, %zu instrument/underlying sections)%s",
             skew_model_name(a->qt.p.model), a->params.n,
             n->restart ? "; endpoints, window, sample interval, capacity and the options desk "
                          "(stress, scenarios, ladder, explain), alert rules and notifications need a restart" : "");
    return 0;
}

/* Per-instrument and per-underlying configured values into the risk runner. */
static void apply_params(app *a)
{
    riskrun *r = &a->risk;
    for (size_t i = 0; i < book_count(a->book); i++) {
        const book_inst *in = book_at(a->book, i);
        inst_param ip = ip_for(&a->params, in->id, in->sym, in->ref.underlying[0] ? in->ref.underlying : in->sym);
        rr_set_inst_params(r, i, ip.v[IP_IV], ip.v[IP_MAX_POS_LOTS], ip.v[IP_LOT]);
    }
    size_t nu = hist_count(r->hist) < r->p.max_und ? hist_count(r->hist) : r->p.max_und;
    for (size_t u = 0; u < nu; u++) {
        inst_param ip = ip_for(&a->params, "", "", hist_name(r->hist, u));
        r->delta_und[u] = ip.v[IP_MAX_DELTA_USD];
    }
    for (size_t k = 0; k < book_nbooks(a->book); k++) {
        const inst_param *p = ip_block(&a->params, IP_BOOK, book_name(a->book, k));
        r->book_limits[k] = (brisk_limits){p ? p->v[IP_MAX_DELTA_USD] : NAN, p ? p->v[IP_MAX_VAR_USD] : NAN};
    }
}

/* One point of the session chart per risk sample. Every stride-th sample is
 * kept as history; when the history fills the chart, every other point goes
 * and the stride doubles, so the chart covers the whole session. A sample
 * that is not kept still takes the last slot (series_live) until the next
 * sample replaces it, so the newest point is always the latest sample, the
 * one the summary shows. */
static void add_series_point(app *a, double now)
{
    assert(a->nseries <= SNAP_SERIES && a->series_stride >= 1);
    double pnl = 0;
    const exposure *e = &a->risk.expo; /* as the sample just computed it */
    for (size_t i = 0; i < book_count(a->book); i++)
        pnl += expo_inst_pnl(e, i);
    if (a->series_live)
        a->nseries--; /* the previous sample was only standing in */
    if (a->nseries == SNAP_SERIES) {
        for (size_t k = 0; k < SNAP_SERIES / 2; k++)
            a->series[k] = a->series[2 * k + 1];
        a->nseries = SNAP_SERIES / 2;
        a->series_stride *= 2;
    }
    a->series[a->nseries++] = (snap_point){now, pnl, rr_limit_var(&a->risk)};
    a->series_live = ++a->series_skip < a->series_stride;
    if (!a->series_live)
        a->series_skip = 0;
}

double app_tick(app *a, double now)
{
    assert(a);
    if (app_clock_started(a))
        watch_to(a, now);
    if (a->risk.have_overrides && now >= a->risk.next_sample)
        apply_params(a); /* inst messages may have named new underlyings */
    ovr_change c;
    while (ovr_next_expired(&a->ovr, now, &c) == 0)
        if (app_override(a, &c, now, "ttl") != 0) {
            /* cannot journal the expiry: apply it anyway, the TTL was journaled */
            (void)ovr_commit(&a->ovr, &c);
            requote_all(a, now, false);
        }
    bool sampled = app_clock_started(a) && rr_tick(&a->risk, a->book, now);
    if (sampled) {
        watch_limits(&a->watch, a->book, &a->risk.lim, &a->log, -1, now);
        requote_all(a, now, false);
        add_series_point(a, now);
    }
    if (app_clock_started(a))
        app_hedge_tick(a, now, sampled);
    if (a->publishing) {
        if (isnan(a->last_refresh) || now - a->last_refresh >= a->cfg.quotes_refresh_s) {
            requote_all(a, now, true); /* late joiners converge within one refresh */
            a->last_refresh = now;
        }
        if (isnan(a->last_pub) || now - a->last_pub >= 1) {
            if (qt_heartbeat(&a->qt, now, &a->qtopic, &a->qbody) == 0)
                publish(a, now);
        }
    }
    double due = rr_due_in(&a->risk, now), watched = watch_due_in(&a->watch, now);
    double alerted = app_clock_started(a) ? app_alerts_tick(a, now) : INFINITY;
    return fmin(fmin(watched, due), alerted);
}
