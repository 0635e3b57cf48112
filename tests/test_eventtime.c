/* test_eventtime.c - the engine on event time: the same messages give the
 * same events at the same event times whatever the snapshot schedule (none,
 * every 0.1 s, 2.5 s, 10 s, or the loop's clock ticking between messages);
 * a price goes stale stamped with its deadline (last update + stale) and
 * comes back stamped with the price's time; a position limit breach is
 * stamped with the message that made it; building a snapshot changes
 * nothing. Driven by event times alone: no sleeps, no clock. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/snapbuild.h"
#include "testapp.h"

/* One message of the tape. */
typedef struct {
    double t;
    const char *topic, *body;
} msg;

enum { MAX_MSGS = 512 };

/* X priced at 100.0 and then silent until 108.5; Y every 0.1 s; Z priced
 * once at 100.5. Y's position breaches the 50-lot limit at 101.25 and is back
 * within at 103.75; two rejected messages at 102.05 and 102.55. */
static size_t tape(msg *m)
{
    static char bodies[MAX_MSGS][48];
    size_t n = 0;
    m[n++] = (msg){100.0, "px.X", "{\"mid\":100}"};
    m[n++] = (msg){100.0, "px.Y", "{\"mid\":10}"};
    m[n++] = (msg){100.5, "px.Z", "{\"mid\":7}"};
    m[n++] = (msg){101.25, "pos.Y", "{\"qty\":60}"};
    m[n++] = (msg){102.05, "px.Y", "{\"mid\":-1}"};
    m[n++] = (msg){102.55, "px.Y", "{\"mid\":-1}"};
    m[n++] = (msg){103.75, "pos.Y", "{\"qty\":10}"};
    for (int k = 1; k <= 120; k++) {
        snprintf(bodies[k], sizeof bodies[k], "{\"mid\":%d}", 10 + k % 7);
        m[n++] = (msg){100.0 + 0.1 * k + 0.001, "px.Y", bodies[k]};
    }
    for (int k = 0; k < 10; k++) {
        snprintf(bodies[200 + k], sizeof bodies[200 + k], "{\"mid\":%d}", 101 + k);
        m[n++] = (msg){108.5 + 0.2 * k, "px.X", bodies[200 + k]};
    }
    /* in time order, stable */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && m[j].t < m[j - 1].t; j--) {
            msg x = m[j];
            m[j] = m[j - 1];
            m[j - 1] = x;
        }
    return n;
}

static void start(app *a)
{
    engcfg o;
    test_app_options(&o);
    o.journal = "/dev/null";
    o.stale_s = 5;
    test_app_start(a, &o);
}

/* A snapshot at event time t, as the loop's frames build one. */
static void snapshot_at(app *a, snap *s, double t)
{
    snapbuild_ctx c = {t, 0, "test"};
    assert_int_equal(snapbuild(s, a, &c), 0);
}

/* How the tape is driven: snapshots every period (0: none); live, the
 * loop's clock also ticks (app_tick) at each snapshot between messages, as
 * run_live does; else snapshots are built as a replay builds them, after
 * the clock reached the message past them. */
typedef struct {
    double period;
    bool live;
} schedule;

/* Play the tape on a fresh engine; the engine's event log into out (oldest
 * first), its count returned. */
static size_t play(const schedule *sc, evlog_entry *out, size_t cap)
{
    static msg m[MAX_MSGS];
    size_t n = tape(m);
    static app a;
    start(&a);
    snap s;
    snap_init(&s);
    double next = m[0].t + sc->period;
    for (size_t i = 0; i < n; i++) {
        double t = m[i].t;
        if (sc->live)
            for (; sc->period > 0 && next <= t; next += sc->period) {
                (void)app_tick(&a, next);
                snapshot_at(&a, &s, next);
            }
        (void)app_tick(&a, t);
        if (!sc->live)
            for (; sc->period > 0 && next <= t; next += sc->period)
                snapshot_at(&a, &s, next);
        test_app_feed(&a, m[i].topic, m[i].body, t);
    }
    snapshot_at(&a, &s, m[n - 1].t);
    size_t k = 0;
    for (size_t i = a.log.n; i-- > 0 && k < cap;)
        out[k++] = *evlog_get(&a.log, i);
    snap_free(&s);
    app_free(&a);
    return k;
}

static void print_log(const char *what, const evlog_entry *e, size_t n)
{
    print_message("%s:\n", what);
    for (size_t i = 0; i < n; i++)
        print_message("  %.3f %d %s\n", e[i].time, (int)e[i].level, e[i].text);
}

static void same_events_whatever_the_snapshots(void **state)
{
    (void)state;
    static const schedule runs[] = {{0, false}, {0.1, false}, {2.5, false}, {10, false},
                                    {0.1, true}, {0.37, true}, {2.5, true}};
    static evlog_entry want[EVLOG_CAP], got[EVLOG_CAP];
    size_t nw = play(&runs[0], want, EVLOG_CAP);
    /* what happened, when it happened */
    static const struct {
        double t;
        evlog_level level;
        const char *text;
    } expect[] = {
        {101.25, EVLOG_ALERT, "LIMIT Y position at 120% of its limit"},
        {102.05, EVLOG_WARN, "rejected (bad_price): px.Y {\"mid\":-1}"},
        {103.05, EVLOG_WARN, "rejected (bad_price): px.Y {\"mid\":-1}"}, /* counted, said at the window's end */
        {103.75, EVLOG_INFO, "limit Y position back within its limit"},
        {105.0, EVLOG_WARN, "X price stale (no update for 5.0s)"},   /* 100.0 + 5 */
        {105.5, EVLOG_WARN, "Z price stale (no update for 5.0s)"},   /* 100.5 + 5 */
        {108.5, EVLOG_INFO, "X price fresh again"},                  /* the price that came back */
    };
    size_t ne = sizeof expect / sizeof *expect;
    if (nw != ne)
        print_log("without snapshots", want, nw);
    assert_int_equal(nw, ne);
    for (size_t i = 0; i < ne; i++) {
        if (fabs(want[i].time - expect[i].t) > 1e-9 || want[i].level != expect[i].level ||
            strcmp(want[i].text, expect[i].text) != 0) {
            print_log("without snapshots", want, nw);
            fail_msg("event %zu: %.3f '%s', expected %.3f '%s'", i, want[i].time, want[i].text, expect[i].t,
                     expect[i].text);
        }
    }
    for (size_t r = 1; r < sizeof runs / sizeof *runs; r++) {
        size_t ng = play(&runs[r], got, EVLOG_CAP);
        bool same = ng == nw;
        for (size_t i = 0; same && i < nw; i++)
            same = got[i].time == want[i].time && got[i].level == want[i].level &&
                   strcmp(got[i].text, want[i].text) == 0;
        if (!same) {
            print_log("without snapshots", want, nw);
            print_log(runs[r].live ? "live, snapshots every period" : "replay, snapshots every period", got, ng);
            fail_msg("snapshots every %.2f s (%s) changed the events", runs[r].period, runs[r].live ? "live" : "replay");
        }
    }
}

/* Live with no message: the loop's clock alone makes a price stale, stamped
 * with its deadline; app_tick says when to look (the loop's timer). */
static void the_clock_alone_makes_a_price_stale(void **state)
{
    (void)state;
    static app a;
    start(&a);
    test_app_feed(&a, "px.X", "{\"mid\":100}", 1000.0);
    double due = app_tick(&a, 1000.0);
    assert_true(due > 0 && due <= 5.0);
    for (double t = 1000.0; t < 1004.99; t += 0.5) {
        due = app_tick(&a, t);
        assert_true(due > 0 && due <= 1005.0 - t + 1e-9);
    }
    assert_true(app_tick(&a, 1005.0) <= 1.0);
    assert_int_equal(a.log.total, 0); /* at the deadline, not past it: fresh */
    (void)app_tick(&a, 1005.25);
    assert_int_equal(a.log.total, 1);
    const evlog_entry *e = evlog_get(&a.log, 0);
    assert_true(e->time == 1005.0 && e->level == EVLOG_WARN);
    assert_string_equal(e->text, "X price stale (no update for 5.0s)");
    (void)app_tick(&a, 1030); /* once */
    assert_int_equal(a.log.total, 1);
    test_app_feed(&a, "px.X", "{\"mid\":101}", 1031.5);
    assert_int_equal(a.log.total, 2);
    e = evlog_get(&a.log, 0);
    assert_true(e->time == 1031.5);
    assert_string_equal(e->text, "X price fresh again");
    app_free(&a);
}

/* A snapshot is a read: building one, at any time, logs nothing and moves
 * no breach time; the breach time is the message's. */
static void a_snapshot_changes_nothing(void **state)
{
    (void)state;
    static app a;
    start(&a);
    snap s;
    snap_init(&s);
    test_app_feed(&a, "px.Y", "{\"mid\":10}", 500.0);
    test_app_feed(&a, "pos.Y", "{\"qty\":-70}", 500.4);
    assert_int_equal(a.log.total, 1); /* no frame needed */
    assert_true(evlog_get(&a.log, 0)->time == 500.4);
    assert_true(a.risk.lim.inst[0].since == 500.4 && a.risk.lim.breaches == 1);
    for (int k = 0; k < 5; k++) {
        snapshot_at(&a, &s, 500.45 + k * 3.0); /* long past the price's staleness */
        assert_int_equal(a.log.total, 1);
        assert_true(s.inst[0].limit.since == 500.4);
        assert_true(s.breaches == 1);
    }
    assert_true(s.inst[0].stale); /* what the snapshot says at its time */
    (void)app_tick(&a, 512.45); /* the clock passes the deadline: now it is logged, at 505.0 */
    assert_int_equal(a.log.total, 2);
    assert_true(evlog_get(&a.log, 0)->time == 505.0);
    snap_free(&s);
    app_free(&a);
}

/* 1000 instruments, each priced once a second in turn, for 60 s: the
 * staleness deadlines are looked at only when event time passes the
 * earliest one, not on every message (nothing goes stale here). */
static void a_busy_feed_costs_no_scan_per_message(void **state)
{
    (void)state;
    static app a;
    engcfg o;
    test_app_options(&o);
    o.journal = "/dev/null";
    o.stale_s = 5;
    o.max_instruments = 1024;
    o.risk.pv.mc_paths = 0;
    test_app_start(&a, &o);
    char topic[32];
    double t = 2000;
    for (int round = 0; round < 60; round++)
        for (int i = 0; i < 1000; i++, t += 0.001) {
            snprintf(topic, sizeof topic, "px.I%d", i);
            test_app_feed(&a, topic, "{\"mid\":5}", t);
        }
    assert_int_equal(a.log.total, 0);
    /* after a scan the earliest deadline is about stale_s - 1 ahead: about
     * one scan per 4 s of event time, not one per message (60,000) */
    assert_true(a.watch.scans >= 10 && a.watch.scans <= 60 / 4 + 2);
    assert_true(a.watch.next_due >= t && a.watch.next_due <= t + 5);
    app_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_events_whatever_the_snapshots),
        cmocka_unit_test(the_clock_alone_makes_a_price_stale),
        cmocka_unit_test(a_snapshot_changes_nothing),
        cmocka_unit_test(a_busy_feed_costs_no_scan_per_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
