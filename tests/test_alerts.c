/* test_alerts.c - alert rules in the engine, on event time: a rule on net
 * delta fires and resolves with hysteresis and its notify command gets the
 * JSON; a rule on a price (a vol index) widens the quotes it covers as
 * user alert:NAME in the journal and undoes it on resolving; `for` holds a
 * rule pending; an acknowledgement is journaled and survives a restart. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "testapp.h"

#define T0 1795000000.0

typedef struct {
    char dir[64], journal[128], notes[128], script[128];
    engcfg o;
    app a;
    bool started;
} fx;

static int fx_setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/invtop-alerts-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->journal, sizeof f->journal, "%s/overrides.jsonl", f->dir);
    snprintf(f->notes, sizeof f->notes, "%s/notes", f->dir);
    snprintf(f->script, sizeof f->script, "%s/notify.sh", f->dir);
    FILE *fp = fopen(f->script, "w");
    assert_non_null(fp);
    fprintf(fp, "#!/bin/sh\ncat >> %s\n", f->notes);
    fclose(fp);
    assert_int_equal(chmod(f->script, 0700), 0);
    test_app_options(&f->o);
    f->o.journal = f->journal;
    f->o.stale_s = 1e6;
    f->o.alerts.timing = (al_timing){0.001, 0.001, 3600};
    *state = f;
    return 0;
}

static void fx_stop(fx *f)
{
    if (f->started)
        app_free(&f->a);
    f->started = false;
}

static int fx_teardown(void **state)
{
    fx *f = *state;
    fx_stop(f);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static alrtcfg_rule *rule(fx *f, const char *name, const char *metric, al_op op, double threshold, double clear)
{
    alrtcfg_rule *r = &f->o.alerts.rule[f->o.alerts.n++];
    *r = alrtcfg_rule_new(name);
    snprintf(r->metric, sizeof r->metric, "%s", metric);
    r->rule.op = op;
    r->rule.threshold = threshold;
    r->rule.clear = clear;
    return r;
}

static void start(fx *f)
{
    for (size_t k = 0; k < f->o.alerts.n; k++) {
        char why[200];
        assert_int_equal(alrtcfg_check(&f->o.alerts.rule[k], why, sizeof why), 0);
    }
    test_app_start(&f->a, &f->o);
    f->started = true;
}

static void feed(fx *f, const char *topic, double t, const char *fmt, ...)
{
    char body[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    test_app_feed(&f->a, topic, body, t);
}

static const snap_alert *alert(fx *f, const char *name, double now)
{
    static snap s;
    app_alerts_snap(&f->a, &s);
    (void)now;
    for (size_t k = 0; k < s.nalerts; k++)
        if (!strcmp(s.alerts[k].name, name))
            return &s.alerts[k];
    fail_msg("no alert %s", name);
    return NULL;
}

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The notes file once it holds `want` (bounded wait for the child: the
 * test's own deadline, the runner reaped as the loop would). */
static char *notes_with(fx *f, const char *want)
{
    static char buf[8192];
    for (double end = mono() + 10; mono() < end;) {
        (void)app_alerts_poll(&f->a, mono());
        FILE *fp = fopen(f->notes, "r");
        size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
        if (fp)
            fclose(fp);
        buf[n] = '\0';
        if (strstr(buf, want))
            return buf;
        usleep(10000);
    }
    fail_msg("the notify command never got %s: %s", want, buf);
    return NULL;
}

/* net_delta_usd > 100000, clear 50000: 2 BTC at 65000 fires at the next
 * sample, 1 BTC (65000, above the clear) keeps it firing, 0.5 BTC resolves
 * it; the notify command gets both as JSON with the rule's name. */
static void net_delta_fires_and_resolves(void **state)
{
    fx *f = *state;
    rule(f, "delta_hi", "net_delta_usd", AL_GT, 100000, 50000);
    f->o.alerts.notify_cmd = f->script;
    start(f);
    feed(f, "inst.BTC-USD", T0, "{\"sym\":\"BTC-USD\",\"kind\":\"spot\",\"underlying\":\"BTC\"}");
    feed(f, "px.BTC-USD", T0, "{\"sym\":\"BTC-USD\",\"mid\":65000}");
    feed(f, "pos.BTC-USD", T0 + 0.1, "{\"sym\":\"BTC-USD\",\"qty\":2}");
    app_tick(&f->a, T0 + 1.5);
    app_tick(&f->a, T0 + 1.7);
    const snap_alert *al = alert(f, "delta_hi", T0 + 1.7);
    assert_int_equal(al->state, AL_FIRING);
    assert_true(fabs(al->value - 130000) < 1e-6);
    char *n = notes_with(f, "\"state\":\"firing\"");
    assert_non_null(strstr(n, "\"rule\":\"delta_hi\""));
    feed(f, "pos.BTC-USD", T0 + 2, "{\"sym\":\"BTC-USD\",\"qty\":1}");
    app_tick(&f->a, T0 + 3.5);
    assert_int_equal(alert(f, "delta_hi", T0 + 3.5)->state, AL_FIRING); /* 65000 > clear 50000 */
    feed(f, "pos.BTC-USD", T0 + 4, "{\"sym\":\"BTC-USD\",\"qty\":0.5}");
    app_tick(&f->a, T0 + 5.5);
    app_tick(&f->a, T0 + 5.7);
    assert_int_equal(alert(f, "delta_hi", T0 + 5.7)->state, AL_RESOLVED);
    n = notes_with(f, "\"state\":\"resolved\"");
    assert_non_null(strstr(n, "\"threshold\":100000"));
    snap s;
    app_alerts_snap(&f->a, &s);
    assert_true(s.notify_on);
    assert_true(s.notify_sent >= 2);
}

/* `for`: the breach must hold 10 s of event time before firing. */
static void for_holds_it_pending(void **state)
{
    fx *f = *state;
    alrtcfg_rule *r = rule(f, "dvol_hi", "price", AL_GT, 80, 70);
    snprintf(r->scope, sizeof r->scope, "DVOL");
    r->rule.for_s = 10;
    start(f);
    feed(f, "px.DVOL", T0, "{\"sym\":\"DVOL\",\"mid\":85}");
    app_tick(&f->a, T0 + 0.5);
    assert_int_equal(alert(f, "dvol_hi", T0)->state, AL_PENDING);
    app_tick(&f->a, T0 + 9.9);
    assert_int_equal(alert(f, "dvol_hi", T0)->state, AL_PENDING);
    app_tick(&f->a, T0 + 10.6);
    assert_int_equal(alert(f, "dvol_hi", T0)->state, AL_FIRING);
}

static int journal_lines_with(const char *path, const char *needle)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return 0;
    char line[4096];
    int n = 0;
    while (fgets(line, sizeof line, fp))
        n += strstr(line, needle) != NULL;
    fclose(fp);
    return n;
}

/* A price rule on DVOL with action widen:2 and undo: at 85 the BTC-PERP
 * quote's half spread doubles, journaled as alert:vol_spike; at 65 (below
 * the clear, 70) it is back to the model's. Read-only: nothing changes, the
 * note says what it would have done. */
static void widen_on_firing_undone_on_resolving(void **state)
{
    fx *f = *state;
    alrtcfg_rule *r = rule(f, "vol_spike", "price", AL_GT, 80, 70);
    snprintf(r->scope, sizeof r->scope, "DVOL");
    assert_int_equal(alrtcfg_parse_action("widen:2", r), 0);
    r->undo = true;
    f->o.trader = true;
    start(f);
    feed(f, "inst.BTC-PERP", T0, "{\"sym\":\"BTC-PERP\",\"kind\":\"perp\",\"underlying\":\"BTC\"}");
    for (int k = 0; k < 40; k++) /* a model quote needs a volatility: samples of a still price */
        feed(f, "px.BTC-PERP", T0 + k, "{\"sym\":\"BTC-PERP\",\"bid\":64999,\"ask\":65001}");
    feed(f, "px.DVOL", T0 + 40, "{\"sym\":\"DVOL\",\"mid\":60}");
    app_tick(&f->a, T0 + 40.5);
    long i = book_find(f->a.book, "BTC-PERP");
    assert_true(i >= 0);
    const qt_entry *q = qt_at(&f->a.qt, (size_t)i);
    assert_true(q->valid);
    double model = q->q.half_spread_bps;
    assert_true(fabs(q->eff.half_spread_bps - model) < 1e-9);
    feed(f, "px.DVOL", T0 + 41, "{\"sym\":\"DVOL\",\"mid\":85}");
    app_tick(&f->a, T0 + 41.5);
    assert_int_equal(alert(f, "vol_spike", T0)->state, AL_FIRING);
    assert_true(alert(f, "vol_spike", T0)->acted);
    q = qt_at(&f->a.qt, (size_t)i);
    assert_true(fabs(q->eff.half_spread_bps - 2 * q->q.half_spread_bps) < 1e-6 * model);
    assert_int_equal(journal_lines_with(f->journal, "\"user\":\"alert:vol_spike\""), 2); /* BTC-PERP, DVOL */
    feed(f, "px.DVOL", T0 + 42, "{\"sym\":\"DVOL\",\"mid\":75}"); /* above the clear: still firing */
    app_tick(&f->a, T0 + 42.5);
    assert_int_equal(alert(f, "vol_spike", T0)->state, AL_FIRING);
    feed(f, "px.DVOL", T0 + 43, "{\"sym\":\"DVOL\",\"mid\":65}");
    app_tick(&f->a, T0 + 43.5);
    assert_int_equal(alert(f, "vol_spike", T0)->state, AL_RESOLVED);
    q = qt_at(&f->a.qt, (size_t)i);
    assert_true(fabs(q->eff.half_spread_bps - q->q.half_spread_bps) < 1e-9);
    ovr left = ovr_get(&f->a.ovr, "BTC-PERP");
    assert_false(ovr_is_set(&left));
    assert_int_equal(journal_lines_with(f->journal, "\"user\":\"alert:vol_spike\""), 4);
}

/* Fired before the quote it covers had a model quote: the quote is widened
 * as soon as it gets one, while the alert fires. */
static void widen_waits_for_the_quote(void **state)
{
    fx *f = *state;
    alrtcfg_rule *r = rule(f, "vol_spike", "price", AL_GT, 80, 70);
    snprintf(r->scope, sizeof r->scope, "DVOL");
    snprintf(r->action_scope, sizeof r->action_scope, "BTC");
    assert_int_equal(alrtcfg_parse_action("widen:2", r), 0);
    f->o.trader = true;
    start(f);
    feed(f, "inst.BTC-PERP", T0, "{\"sym\":\"BTC-PERP\",\"kind\":\"perp\",\"underlying\":\"BTC\"}");
    feed(f, "px.BTC-PERP", T0, "{\"sym\":\"BTC-PERP\",\"bid\":64999,\"ask\":65001}");
    feed(f, "px.DVOL", T0, "{\"sym\":\"DVOL\",\"mid\":85}");
    app_tick(&f->a, T0 + 0.5);
    long i = book_find(f->a.book, "BTC-PERP");
    assert_int_equal(alert(f, "vol_spike", T0)->state, AL_FIRING);
    assert_false(qt_at(&f->a.qt, (size_t)i)->valid);
    assert_false(alert(f, "vol_spike", T0)->acted);
    for (int k = 1; k < 40; k++)
        feed(f, "px.BTC-PERP", T0 + k, "{\"sym\":\"BTC-PERP\",\"bid\":64999,\"ask\":65001}");
    app_tick(&f->a, T0 + 40.5);
    const qt_entry *q = qt_at(&f->a.qt, (size_t)i);
    assert_true(q->valid);
    assert_true(alert(f, "vol_spike", T0)->acted);
    assert_true(fabs(q->eff.half_spread_bps - 2 * q->q.half_spread_bps) < 1e-6 * q->q.half_spread_bps);
    ovr o = ovr_get(&f->a.ovr, "DVOL");
    assert_false(ovr_is_set(&o)); /* outside its action_scope */
}

static void read_only_says_what_it_would_do(void **state)
{
    fx *f = *state;
    alrtcfg_rule *r = rule(f, "vol_spike", "price", AL_GT, 80, 70);
    snprintf(r->scope, sizeof r->scope, "DVOL");
    assert_int_equal(alrtcfg_parse_action("widen 2", r), 0);
    start(f); /* no --trader */
    feed(f, "px.DVOL", T0, "{\"sym\":\"DVOL\",\"mid\":85}");
    app_tick(&f->a, T0 + 0.5);
    const snap_alert *al = alert(f, "vol_spike", T0);
    assert_int_equal(al->state, AL_FIRING);
    assert_false(al->acted);
    assert_non_null(strstr(al->action_note, "read-only: would widen:2"));
    assert_int_equal(journal_lines_with(f->journal, "alert:vol_spike"), 0);
}

/* An acknowledgement silences a firing alert until it resolves; it is
 * journaled, and a restart on the same journal keeps it. */
static void ack_survives_a_restart(void **state)
{
    fx *f = *state;
    alrtcfg_rule *r = rule(f, "dvol_hi", "price", AL_GT, 80, 70);
    snprintf(r->scope, sizeof r->scope, "DVOL");
    start(f);
    feed(f, "px.DVOL", T0, "{\"sym\":\"DVOL\",\"mid\":85}");
    app_tick(&f->a, T0 + 0.5);
    command c = {.value = NAN};
    snprintf(c.id, sizeof c.id, "dvol_hi");
    char msg[200];
    c.id[0] = 'x'; /* no such rule */
    assert_int_equal(app_alerts_ack(&f->a, &c, T0 + 1, "alice", msg, sizeof msg), -1);
    c.id[0] = 'd';
    assert_int_equal(app_alerts_ack(&f->a, &c, T0 + 1, "alice", msg, sizeof msg), 0);
    assert_true(alert(f, "dvol_hi", T0)->acked);
    fx_stop(f);
    start(f);
    assert_true(alert(f, "dvol_hi", T0)->acked);
}

/* True when the event log has a line containing want; prints the alert's
 * lines (the closing note's "whole life"). */
static bool logged(fx *f, const char *want)
{
    for (size_t k = 0; k < f->a.log.n; k++)
        if (strstr(evlog_get(&f->a.log, k)->text, want))
            return true;
    return false;
}

/* An alert's whole life on event time: pending (for 2 s), firing, notified,
 * acted (widen:2 as alert:life), acknowledged (silenced: no repeat), resolved
 * (the widen undone, the resolution notified despite the ack: it ends it). */
static void whole_life(void **state)
{
    fx *f = *state;
    alrtcfg_rule *r = rule(f, "life", "price", AL_GT, 80, 70);
    snprintf(r->scope, sizeof r->scope, "DVOL");
    r->rule.for_s = 2;
    r->rule.severity = AL_CRITICAL;
    assert_int_equal(alrtcfg_parse_action("widen:2", r), 0);
    snprintf(r->action_scope, sizeof r->action_scope, "BTC");
    r->undo = true;
    f->o.trader = true;
    f->o.alerts.notify_cmd = f->script;
    f->o.alerts.timing = (al_timing){0.5, 0.5, 5};
    start(f);
    feed(f, "inst.BTC-PERP", T0, "{\"sym\":\"BTC-PERP\",\"kind\":\"perp\",\"underlying\":\"BTC\"}");
    for (int k = 0; k < 40; k++)
        feed(f, "px.BTC-PERP", T0 + k, "{\"sym\":\"BTC-PERP\",\"bid\":64999,\"ask\":65001}");
    feed(f, "px.DVOL", T0 + 40, "{\"sym\":\"DVOL\",\"mid\":85}");
    app_tick(&f->a, T0 + 40.2);
    assert_int_equal(alert(f, "life", T0)->state, AL_PENDING);
    app_tick(&f->a, T0 + 42.3);
    assert_int_equal(alert(f, "life", T0)->state, AL_FIRING);
    assert_true(alert(f, "life", T0)->acted);
    app_tick(&f->a, T0 + 42.9); /* past the group wait */
    notes_with(f, "\"state\":\"firing\"");
    command c = {.kind = CMD_ACK, .value = NAN};
    snprintf(c.id, sizeof c.id, "life");
    char msg[200];
    assert_int_equal(app_command(&f->a, &c, T0 + 43, "alice", "", "key", msg, sizeof msg), 0);
    assert_true(alert(f, "life", T0)->acked);
    app_tick(&f->a, T0 + 49); /* the repeat interval passes: silenced, no repeat */
    assert_null(strstr(notes_with(f, "firing"), "\"repeat\":true"));
    feed(f, "px.DVOL", T0 + 50, "{\"sym\":\"DVOL\",\"mid\":65}");
    app_tick(&f->a, T0 + 50.2);
    app_tick(&f->a, T0 + 50.8);
    assert_int_equal(alert(f, "life", T0)->state, AL_RESOLVED);
    assert_false(alert(f, "life", T0)->acked);
    notes_with(f, "\"state\":\"resolved\"");
    assert_true(logged(f, "ALERT life pending"));
    assert_true(logged(f, "ALERT life firing"));
    assert_true(logged(f, "alert life acted: widen:2 on 1 quote(s)"));
    assert_true(logged(f, "alert life notified: firing"));
    assert_true(logged(f, "ack life: silent until it resolves (by alice)"));
    assert_true(logged(f, "ALERT life resolved"));
    assert_true(logged(f, "alert life resolved: its action undone"));
    assert_true(logged(f, "alert life notified: resolved"));
    for (size_t k = f->a.log.n; k-- > 0;) {
        const evlog_entry *e = evlog_get(&f->a.log, k);
        if (strstr(e->text, "life"))
            printf("  t0+%5.1f  %s\n", e->time - T0, e->text);
    }
}

#define FX(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        FX(net_delta_fires_and_resolves),
        FX(for_holds_it_pending),
        FX(widen_on_firing_undone_on_resolving),
        FX(widen_waits_for_the_quote),
        FX(read_only_says_what_it_would_do),
        FX(ack_survives_a_restart),
        FX(whole_life),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
