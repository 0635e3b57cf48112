/* appalert.c - the engine's alert rules: metrics, evaluation on event time,
 * notifications, actions and silences (see alerts.h and app.h). */
#include "invtop/app.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "invtop/jsonr.h"

#define ALRT_NOTIFY_RUNNING 4 /* notify commands at once; more are dropped and counted */
#define SECONDS_PER_YEAR (365.0 * 86400.0)

static double mono_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- the silences journal ---- */

static const char *silence_path(const app *a, char *buf, size_t cap)
{
    char jbuf[4096];
    return journal_beside(a->cfg.journal ? a->cfg.journal : journal_default_path(jbuf, sizeof jbuf), "alerts", buf,
                          cap);
}

static long rule_index(const app *a, const char *name)
{
    for (size_t k = 0; k < a->alerts.n; k++)
        if (!strcmp(a->cfg.alerts.rule[k].name, name))
            return (long)k;
    return -1;
}

typedef struct {
    char rule[ALRT_NAME_MAX];
    bool acked;
    double until;
} silence_line;

static const jr_field silence_fields[] = {
    JR_FSTR(silence_line, "rule", rule),
    JR_FBOOL(silence_line, "acked", acked),
    JR_FNUM(silence_line, "until", until),
};

/* Replay the silences: the last line of each rule wins. */
static void load_silences(app *a, const char *path)
{
    static const jr_limits lim = {.max_bytes = 4096, .max_tokens = 64, .max_depth = 2};
    FILE *fp = fopen(path, "r");
    if (!fp)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        jr r;
        char err[64];
        silence_line l = {.until = NAN};
        if (jr_open(&r, line, (size_t)n, &lim, err, sizeof err) != 0)
            continue; /* a torn line */
        long k = -1;
        if (jr_read_fields(&r, 0, silence_fields, JR_NFIELDS(silence_fields), &l, NULL) == 0 &&
            (k = rule_index(a, l.rule)) >= 0) {
            al_track *t = &a->alerts.r[k].track;
            t->acked = l.acked;
            t->silenced_until = l.until;
        }
        jr_close(&r);
    }
    free(line);
    fclose(fp);
}

/* ---- set up ---- */

int app_alerts_init(app *a)
{
    alrt_engine *e = &a->alerts;
    const alrtcfg *c = &a->cfg.alerts;
    e->fd = -1;
    e->n = c->n;
    e->next_eval = e->pnl_high = e->rate_t = NAN;
    for (size_t k = 0; k < e->n; k++) {
        al_track_init(&e->r[k].track);
        al_group_init(&e->r[k].group);
    }
    if (notify_init(&e->notify, c->notify_cmd, c->notify_timeout_s, ALRT_NOTIFY_RUNNING) != 0) {
        fprintf(stderr, "invtop: --notify-cmd: %s\n", e->notify.last_error);
        return -1;
    }
    if (!e->n)
        return 0;
    silence_path(a, e->path, sizeof e->path);
    load_silences(a, e->path);
    if (journal_make_parent(e->path) != 0 ||
        (e->fd = open(e->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0)
        fprintf(stderr, "invtop: %s: %s; acknowledgements will not survive a restart\n", e->path,
                strerror(errno));
    return 0;
}

/* At exit a notify command still running gets up to this long to finish
 * (the last alert of a replay, a resolution at shutdown) before it is killed. */
#define ALRT_EXIT_GRACE_S 1.0

void app_alerts_free(app *a)
{
    notify_runner *n = &a->alerts.notify;
    for (double end = mono_now() + ALRT_EXIT_GRACE_S; n->enabled && n->running && mono_now() < end;) {
        (void)notify_poll(n, mono_now());
        if (n->running)
            (void)nanosleep(&(struct timespec){0, 10000000}, NULL); /* exiting: nothing else to serve */
    }
    notify_free(n);
    if (a->alerts.fd >= 0)
        close(a->alerts.fd);
    a->alerts.fd = -1;
    jw_free(&a->alerts.json);
}

/* ---- metrics ---- */

static double session_pnl(const app *a)
{
    const exposure *e = &a->risk.expo;
    double pnl = 0;
    for (size_t i = 0; i < book_count(a->book); i++)
        pnl += expo_inst_pnl(e, i);
    return pnl;
}

/* The instrument a scope names (id, or symbol on any venue), or -1. */
static long scope_inst(const app *a, const char *scope)
{
    long i = book_find(a->book, scope);
    for (size_t k = 0; i < 0 && k < book_count(a->book); k++)
        if (!strcmp(book_at(a->book, k)->sym, scope))
            i = (long)k;
    return i;
}

static double lots_of(const app *a, size_t i)
{
    const book_inst *x = book_at(a->book, i);
    double lot = x->ref.lot > 0 ? x->ref.lot : 1;
    return x->pos.qty / lot;
}

/* The largest |f(i)| over instruments (its signed value), NAN without any. */
static double largest(const app *a, double (*f)(const app *, size_t))
{
    double best = NAN;
    for (size_t i = 0; i < book_count(a->book); i++) {
        double v = f(a, i);
        if (isfinite(v) && (isnan(best) || fabs(v) > fabs(best)))
            best = v;
    }
    return best;
}

static double pos_util(const app *a, size_t i)
{
    return i < a->risk.lim.ninst ? a->risk.lim.inst[i].util : NAN;
}

static double age_of(const app *a, size_t i, double now)
{
    const book_inst *x = book_at(a->book, i);
    return isnan(x->px_time) ? NAN : now - x->px_time;
}

static double metric(const app *a, const alrtcfg_rule *r, double now)
{
    const exposure *e = &a->risk.expo;
    const char *sc = r->scope;
    long i = sc[0] ? scope_inst(a, sc) : -1;
    int u = sc[0] ? hist_find(a->risk.hist, sc) : -1;
    switch ((alrt_metric)alrt_metric_parse(r->metric)) {
    case ALRT_M_NET_DELTA_USD:
        if (!sc[0])
            return e->net_delta_usd;
        return u >= 0 && (size_t)u < e->nund ? e->und[u].delta_usd : NAN;
    case ALRT_M_VAR_UTIL: return a->risk.lim.var.util;
    case ALRT_M_VAR_USD: return rr_limit_var(&a->risk);
    case ALRT_M_PNL: return session_pnl(a);
    case ALRT_M_PNL_UNREALIZED: {
        double x = 0;
        for (size_t k = 0; k < e->ninst && k < book_count(a->book); k++)
            x += e->inst[k].unrealized;
        return x;
    }
    case ALRT_M_PNL_REALIZED: {
        double x = 0;
        for (size_t k = 0; k < e->ninst && k < book_count(a->book); k++)
            x += e->inst[k].realized;
        return x;
    }
    case ALRT_M_DRAWDOWN_USD: return isnan(a->alerts.pnl_high) ? NAN : a->alerts.pnl_high - session_pnl(a);
    case ALRT_M_INVENTORY_LOTS: return sc[0] ? (i >= 0 ? lots_of(a, (size_t)i) : NAN) : largest(a, lots_of);
    case ALRT_M_POSITION_UTIL: return sc[0] ? (i >= 0 ? pos_util(a, (size_t)i) : NAN) : largest(a, pos_util);
    case ALRT_M_PRICE: return i >= 0 ? book_at(a->book, (size_t)i)->mid : NAN;
    case ALRT_M_REALIZED_VOL: {
        double var = u >= 0 && hist_cov_ready(a->risk.hist) ? hist_cov(a->risk.hist, (size_t)u, (size_t)u) : NAN;
        return sqrt(var * SECONDS_PER_YEAR / a->cfg.risk.pv.sample_s);
    }
    case ALRT_M_STALE_S: {
        if (sc[0])
            return i >= 0 ? age_of(a, (size_t)i, now) : NAN;
        double oldest = NAN;
        for (size_t k = 0; k < book_count(a->book); k++) {
            double v = age_of(a, k, now);
            if (isfinite(v) && (isnan(oldest) || v > oldest))
                oldest = v;
        }
        return oldest;
    }
    case ALRT_M_MSG_RATE: return a->alerts.msg_rate;
    case ALRT_M_REJECT_RATE: return a->alerts.reject_rate;
    case ALRT_M_GAPS: return (double)a->in.stats.gaps;
    case ALRT_M_JOURNAL_ERROR: return a->jr.ok ? 0 : 1;
    case ALRT_M_QUOTE_ERRORS: return a->publishing ? (double)a->pub.send_errors : 0;
    case ALRT_M_BREACHES: return (double)a->risk.lim.breaches;
    case ALRT_M_STRESS_WORST_USD: return isnan(a->risk.opt.stress_at) ? NAN : a->risk.opt.port.worst.pnl;
    case ALRT_M_UNEXPLAINED_PNL: return a->risk.opt.session.term[EXPL_UNEXPLAINED];
    case ALRT_M_GROSS_USD: return e->gross_usd;
    case ALRT_M_NET_USD: return e->net_usd;
    case ALRT_M_ORDERS_REFUSED: return (double)a->orders.refused;
    case ALRT_M_COUNT: break;
    }
    return NAN;
}

/* Message and reject rates over the last second of event time. */
static void rates(app *a, double now)
{
    alrt_engine *e = &a->alerts;
    uint64_t rej = a->in.stats.rejected_total, msgs = a->in.stats.accepted + a->in.stats.ignored + rej;
    if (isnan(e->rate_t) || now < e->rate_t) {
        e->rate_t = now;
        e->rate_msgs = msgs;
        e->rate_rej = rej;
        e->msg_rate = e->reject_rate = NAN;
        return;
    }
    double dt = now - e->rate_t;
    if (dt < 1)
        return;
    e->msg_rate = (double)(msgs - e->rate_msgs) / dt;
    e->reject_rate = (double)(rej - e->rate_rej) / dt;
    e->rate_t = now;
    e->rate_msgs = msgs;
    e->rate_rej = rej;
}

/* ---- actions ---- */

/* True when action scope sc (not "") covers instrument i: its id or
 * symbol, its underlying, or its venue. */
static bool covers(const app *a, const char *sc, size_t i)
{
    const book_inst *x = book_at(a->book, i);
    const char *und = x->ref.underlying[0] ? x->ref.underlying : x->sym;
    return !sc[0] || !strcmp(sc, x->id) || !strcmp(sc, x->sym) || !strcmp(sc, und) || !strcmp(sc, x->venue);
}

/* True when the rule's action already changed instrument id. */
static bool undone_has(const alrt_state *st, const char *id)
{
    for (size_t j = 0; j < st->nundo; j++)
        if (!strcmp(st->undo[j].id, id))
            return true;
    return false;
}

/* Apply rule k's action at now. `again`: it fired before; cover what had
 * no quote then (a widen or pause waits for each quote it covers). */
static void act(app *a, size_t k, double now, bool again)
{
    const alrtcfg_rule *r = &a->cfg.alerts.rule[k];
    alrt_state *st = &a->alerts.r[k];
    char who[ALRT_NAME_MAX + 8], buf[64];
    snprintf(who, sizeof who, "alert:%s", r->name);
    alrtcfg_format_action(r, buf, sizeof buf);
    if (r->action == ALRT_ACT_NONE)
        return;
    if (!a->cfg.trader) {
        snprintf(st->note, sizeof st->note, "read-only: would %s %s", buf, r->action_scope[0] ? r->action_scope : "every quote");
        evlog_add(&a->log, now, EVLOG_WARN, "alert %s: %s", r->name, st->note);
        return;
    }
    size_t changed = 0, skipped = 0, before = again ? st->nundo : 0;
    if (!again)
        st->nundo = 0;
    if (again && (r->action == ALRT_ACT_KILL || r->action == ALRT_ACT_HEDGE))
        return; /* done once, at firing */
    if (r->action == ALRT_ACT_KILL) {
        ovr_change c;
        if (!a->ovr.kill && ovr_propose_kill(&a->ovr, true, &c) == 0 && app_override_by(a, &c, now, "alert", who, "") == 0) {
            st->killed = true;
            changed = 1;
        }
    } else if (r->action == ALRT_ACT_HEDGE) {
        for (size_t u = 0; u < hist_count(a->risk.hist); u++) {
            const char *name = hist_name(a->risk.hist, u);
            const char *sc = r->action_scope[0] ? r->action_scope : r->scope;
            if (sc[0] && strcmp(sc, name) != 0)
                continue;
            command c = {.kind = CMD_HEDGE, .value = NAN};
            snprintf(c.id, sizeof c.id, "%s", name);
            char msg[200];
            if (app_hedge_command(a, &c, now, who, msg, sizeof msg) == 0)
                changed++;
        }
    } else {
        for (size_t i = 0; i < book_count(a->book); i++) {
            if (!covers(a, r->action_scope, i) || (again && undone_has(st, book_at(a->book, i)->id)))
                continue;
            const qt_entry *q = qt_at(&a->qt, i);
            const char *id = book_at(a->book, i)->id;
            ovr now_o = ovr_get(&a->ovr, id), next = now_o;
            if (r->action == ALRT_ACT_WIDEN) {
                if (!q->valid) {
                    skipped++;
                    continue;
                }
                next.half_spread_bps = q->q.half_spread_bps * r->factor;
            } else {
                next.paused = true;
            }
            ovr_change c;
            if (st->nundo == ALRT_UNDO_MAX || ovr_propose_set(&a->ovr, id, &next, OVR_SET, &c) != 0 ||
                app_override_by(a, &c, now, "alert", who, "") != 0) {
                skipped++;
                continue;
            }
            alrt_undo *un = &st->undo[st->nundo++];
            snprintf(un->id, sizeof un->id, "%s", id);
            un->before = now_o;
            changed++;
        }
    }
    st->waiting = skipped > 0;
    if (again && st->nundo == before)
        return; /* nothing new: no log line */
    if (r->action == ALRT_ACT_WIDEN || r->action == ALRT_ACT_PAUSE)
        changed = st->nundo; /* every quote it covers so far */
    st->acted = changed > 0;
    snprintf(st->note, sizeof st->note, "%s on %zu %s%s", buf, changed,
             r->action == ALRT_ACT_HEDGE ? "underlying(s)" : r->action == ALRT_ACT_KILL ? "switch" : "quote(s)",
             skipped ? " (waiting for the quotes it covers)" : "");
    evlog_add(&a->log, now, again ? EVLOG_INFO : EVLOG_ALERT, "alert %s acted: %s", r->name, st->note);
}

static void undo(app *a, size_t k, double now)
{
    const alrtcfg_rule *r = &a->cfg.alerts.rule[k];
    alrt_state *st = &a->alerts.r[k];
    if (!st->acted || !r->undo)
        return;
    char who[ALRT_NAME_MAX + 8];
    snprintf(who, sizeof who, "alert:%s", r->name);
    for (size_t j = 0; j < st->nundo; j++) {
        ovr_change c;
        const alrt_undo *un = &st->undo[j];
        int rc = ovr_is_set(&un->before) ? ovr_propose_set(&a->ovr, un->id, &un->before, OVR_SET, &c)
                                         : ovr_propose_clear(&a->ovr, un->id, &c);
        if (rc == 0)
            (void)app_override_by(a, &c, now, "alert resolved", who, "");
    }
    if (st->killed) {
        ovr_change c;
        if (ovr_propose_kill(&a->ovr, false, &c) == 0)
            (void)app_override_by(a, &c, now, "alert resolved", who, "");
    }
    st->acted = st->killed = st->waiting = false;
    st->nundo = 0;
    snprintf(st->note, sizeof st->note, "undone when it resolved");
    evlog_add(&a->log, now, EVLOG_INFO, "alert %s resolved: its action undone", r->name);
}

/* ---- notifications ---- */

static void notify_one(app *a, size_t k, const al_send *s, double now)
{
    const alrtcfg_rule *r = &a->cfg.alerts.rule[k];
    const al_track *t = &a->alerts.r[k].track;
    jw *w = &a->alerts.json;
    jw_reset(w);
    jw_obj_begin(w);
    jw_kstr(w, "rule", r->name);
    jw_kstr(w, "state", al_note_name((int)s->note));
    jw_kbool(w, "repeat", s->repeat);
    jw_kstr(w, "severity", al_severity_name((int)r->rule.severity));
    jw_kstr(w, "metric", r->metric);
    jw_kstr(w, "scope", r->scope);
    jw_kstr(w, "op", al_op_name((int)r->rule.op));
    jw_knum(w, "value", t->value);
    jw_knum(w, "threshold", r->rule.threshold);
    jw_knum(w, "clear", isnan(r->rule.clear) ? r->rule.threshold : r->rule.clear);
    jw_kfixed(w, "since", t->since, 3);
    jw_kfixed(w, "ts", now, 3);
    jw_kstr(w, "action", a->alerts.r[k].note);
    jw_kstr(w, "source", "invtop");
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    if (jw_ok(w))
        (void)notify_send(&a->alerts.notify, w->buf, w->len, mono_now()); /* counted by the runner */
    evlog_add(&a->log, now, EVLOG_INFO, "alert %s notified: %s%s", r->name, al_note_name((int)s->note),
              a->alerts.notify.enabled ? "" : " (no --notify-cmd)");
}

/* ---- evaluation ---- */

static evlog_level level_of(al_severity s)
{
    return s == AL_CRITICAL ? EVLOG_ALERT : s == AL_WARNING ? EVLOG_WARN : EVLOG_INFO;
}

double app_alerts_tick(app *a, double now)
{
    alrt_engine *e = &a->alerts;
    if (!e->n)
        return INFINITY;
    rates(a, now);
    double pnl = session_pnl(a);
    if (isfinite(pnl) && (isnan(e->pnl_high) || pnl > e->pnl_high))
        e->pnl_high = pnl;
    bool due = isnan(e->next_eval) || now >= e->next_eval || now < e->next_eval - ALRT_EVAL_S;
    double next = INFINITY;
    for (size_t k = 0; k < e->n; k++) {
        const alrtcfg_rule *r = &a->cfg.alerts.rule[k];
        alrt_state *st = &e->r[k];
        if (due || now >= al_pending_due(&r->rule, &st->track)) {
            al_change c;
            if (al_step(&r->rule, &st->track, metric(a, r, now), now, &c) && c.from != c.to) {
                evlog_add(&a->log, now, level_of(r->rule.severity), "ALERT %s %s: %s = %g (fires %s %g)", r->name,
                          al_state_name((int)c.to), r->metric, st->track.value, al_op_name((int)r->rule.op),
                          r->rule.threshold);
                if (c.to == AL_FIRING)
                    act(a, k, now, false);
                else if (c.to == AL_RESOLVED)
                    undo(a, k, now);
            } else if (c.flap_started) {
                evlog_add(&a->log, now, EVLOG_WARN, "ALERT %s is flapping", r->name);
            }
        }
        if (due && st->waiting && st->track.state == AL_FIRING && a->cfg.trader)
            act(a, k, now, true);
        al_track *t = &st->track;
        al_send s;
        double nd = INFINITY;
        if (al_due(&a->cfg.alerts.timing, &st->group, &t, 1, now, &s, &nd) && s.note != AL_NOTE_NONE)
            notify_one(a, k, &s, now);
        double pd = al_pending_due(&r->rule, &st->track);
        next = fmin(next, fmin(nd, pd) - now);
    }
    if (due)
        e->next_eval = now + ALRT_EVAL_S;
    next = fmin(next, e->next_eval - now);
    return next > 0 ? next : 0;
}

double app_alerts_poll(app *a, double mono)
{
    return a->alerts.notify.enabled ? notify_poll(&a->alerts.notify, mono) : INFINITY;
}

int app_alerts_ack(app *a, const command *cmd, double now, const char *who, char *msg, size_t cap)
{
    long k = rule_index(a, cmd->id);
    if (k < 0) {
        snprintf(msg, cap, "ack %s refused: no such alert rule", cmd->id);
        return -1;
    }
    al_track *t = &a->alerts.r[k].track;
    al_track saved = *t;
    int rc = isnan(cmd->value) ? al_ack(t) : al_silence(t, now, now + cmd->value);
    if (rc != 0) {
        snprintf(msg, cap, "ack %s refused: it is %s, nothing to acknowledge%s", cmd->id, al_state_name((int)t->state),
                 isnan(cmd->value) ? " (ack RULE SECONDS silences it for a while)" : "");
        return -1;
    }
    jw *w = &a->alerts.json;
    jw_reset(w);
    jw_obj_begin(w);
    jw_kfixed(w, "ts", now, 3);
    jw_kstr(w, "rule", cmd->id);
    jw_kstr(w, "user", who);
    jw_kbool(w, "acked", t->acked);
    jw_knum(w, "until", t->silenced_until);
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    if (a->alerts.fd < 0 || !jw_ok(w) || journal_append(a->alerts.fd, w->buf, w->len) != 0) {
        *t = saved; /* not journaled, not applied */
        snprintf(msg, cap, "ack %s refused: alerts journal %.100s: %s", cmd->id, a->alerts.path,
                 a->alerts.fd < 0 ? "not open" : strerror(errno));
        return -1;
    }
    if (isnan(cmd->value))
        snprintf(msg, cap, "ack %s: silent until it resolves (by %s)", cmd->id, who);
    else
        snprintf(msg, cap, "ack %s: silent for %.0f s (by %s)", cmd->id, cmd->value, who);
    evlog_add(&a->log, now, EVLOG_INFO, "%s", msg);
    return 0;
}

/* ---- the snapshot's part ---- */

void app_alerts_snap(const app *a, snap *s)
{
    const alrt_engine *e = &a->alerts;
    memset(s->alerts_firing, 0, sizeof s->alerts_firing);
    s->nalerts = 0;
    for (size_t k = 0; k < e->n && k < SNAP_ALERTS; k++) {
        const alrtcfg_rule *r = &a->cfg.alerts.rule[k];
        const al_track *t = &e->r[k].track;
        snap_alert *d = &s->alerts[s->nalerts++];
        memset(d, 0, sizeof *d);
        snprintf(d->name, sizeof d->name, "%s", r->name);
        snprintf(d->metric, sizeof d->metric, "%s", r->metric);
        snprintf(d->scope, sizeof d->scope, "%s", r->scope);
        d->op = (int)r->rule.op;
        d->threshold = r->rule.threshold;
        d->clear = isnan(r->rule.clear) ? r->rule.threshold : r->rule.clear;
        d->for_s = r->rule.for_s;
        d->severity = (int)r->rule.severity;
        d->state = (int)t->state;
        d->value = t->value;
        d->since = t->since;
        d->flapping = t->flapping;
        d->acked = t->acked;
        d->silenced_until = t->silenced_until;
        alrtcfg_format_action(r, d->action, sizeof d->action);
        d->acted = e->r[k].acted;
        snprintf(d->action_note, sizeof d->action_note, "%s", e->r[k].note);
        d->notified_at = t->last_notified;
        d->notified = (int)t->sent;
        if (t->state == AL_FIRING && (unsigned)r->rule.severity < 3)
            s->alerts_firing[r->rule.severity]++;
    }
    const notify_runner *n = &e->notify;
    s->notify_on = n->enabled;
    s->notify_sent = n->sent;
    s->notify_ok = n->ok;
    s->notify_failures = n->failures;
    s->notify_timeouts = n->timeouts;
    s->notify_dropped = n->dropped;
    snprintf(s->notify_error, sizeof s->notify_error, "%s", n->last_error);
}
