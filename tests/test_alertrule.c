/* test_alertrule.c - the alert-rule evaluator (risk/alertrule.c) on event
 * time with literals: hysteresis, `for`, the mirrored operators, unknown
 * values, flapping, Alertmanager's group wait / group interval / repeat
 * interval, resolved notifications and silences. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/alertrule.h"

static const al_timing TIMING = AL_TIMING_DEFAULTS; /* 30 s, 300 s, 14400 s */

/* names in failure messages rather than numbers */
#define assert_state(t, s) assert_string_equal(al_state_name((int)(t)->state), al_state_name(s))
#define assert_inf(x) assert_true(isinf(x) && (x) > 0)
#define assert_note(n, want) assert_string_equal(al_note_name((int)(n)), al_note_name(want))

static al_change step(const al_rule *r, al_track *t, double value, double now)
{
    al_change c;
    al_step(r, t, value, now, &c);
    return c;
}

/* al_due on a one-member group */
static size_t due1(al_group *g, al_track *t, double now, al_send *s, double *next)
{
    al_track *m[1] = {t};
    return al_due(&TIMING, g, m, 1, now, s, next);
}

/* var_util > 0.8, clear 0.7: fires at 0.81, stays firing at 0.75 and 0.71,
 * resolves at 0.7 (0.7 > 0.7 is false); resolved is kept at 0.79 (between
 * clear and threshold) and a new breach fires again. */
static void hysteresis(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT, .threshold = 0.8, .clear = 0.7, .severity = AL_CRITICAL};
    assert_int_equal(al_rule_check(&r), 0);
    al_track t;
    al_track_init(&t);
    al_change c;
    assert_false(al_step(&r, &t, 0.79, 0, &c));
    assert_state(&t, AL_INACTIVE);
    assert_true(al_step(&r, &t, 0.81, 1, &c));
    assert_state(&t, AL_FIRING);
    assert_int_equal(c.from, AL_INACTIVE);
    assert_int_equal(c.to, AL_FIRING);
    assert_near(t.since, 1, 0);
    assert_false(al_step(&r, &t, 0.75, 2, &c));
    assert_state(&t, AL_FIRING);
    assert_false(al_step(&r, &t, 0.71, 3, &c));
    assert_state(&t, AL_FIRING);
    assert_near(t.since, 1, 0);
    assert_true(al_step(&r, &t, 0.7, 4, &c));
    assert_state(&t, AL_RESOLVED);
    assert_int_equal(c.from, AL_FIRING);
    assert_near(t.since, 4, 0);
    assert_false(al_step(&r, &t, 0.79, 5, &c));
    assert_state(&t, AL_RESOLVED);
    assert_true(al_step(&r, &t, 0.8001, 6, &c));
    assert_state(&t, AL_FIRING);
    assert_int_equal(c.from, AL_RESOLVED);
    /* clear NAN: the threshold clears */
    const al_rule plain = {.op = AL_GT, .threshold = 0.8, .clear = NAN};
    al_track_init(&t);
    step(&plain, &t, 0.81, 0);
    assert_state(&t, AL_FIRING);
    step(&plain, &t, 0.8, 1);
    assert_state(&t, AL_RESOLVED);
}

/* for 10 s: pending at the first breach, firing at the step 10 s of event
 * time later; al_pending_due says when. */
static void for_duration(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT, .threshold = 0.8, .clear = 0.7, .for_s = 10};
    al_track t;
    al_track_init(&t);
    assert_inf(al_pending_due(&r, &t));
    al_change c = step(&r, &t, 0.81, 100);
    assert_state(&t, AL_PENDING);
    assert_int_equal(c.from, AL_INACTIVE);
    assert_near(t.since, 100, 0);
    assert_near(al_pending_due(&r, &t), 110, 0);
    c = step(&r, &t, 0.85, 105);
    assert_int_equal(c.from, c.to);
    assert_state(&t, AL_PENDING);
    step(&r, &t, 0.9, 109.999);
    assert_state(&t, AL_PENDING);
    c = step(&r, &t, 0.9, 110);
    assert_state(&t, AL_FIRING);
    assert_int_equal(c.from, AL_PENDING);
    assert_near(t.since, 110, 0);
    assert_inf(al_pending_due(&r, &t));
}

/* A dip below the threshold before 10 s resets `for`, even above clear
 * (hysteresis holds firing alerts only): back to inactive, and the next
 * breach starts a new 10 s. */
static void for_dip_resets(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT, .threshold = 0.8, .clear = 0.7, .for_s = 10};
    al_track t;
    al_track_init(&t);
    step(&r, &t, 0.81, 0);
    assert_state(&t, AL_PENDING);
    al_change c = step(&r, &t, 0.79, 6);
    assert_state(&t, AL_INACTIVE);
    assert_int_equal(c.from, AL_PENDING);
    step(&r, &t, 0.81, 8);
    assert_state(&t, AL_PENDING);
    assert_near(t.since, 8, 0);
    step(&r, &t, 0.81, 10); /* 10 s after the first breach: not enough */
    assert_state(&t, AL_PENDING);
    step(&r, &t, 0.81, 17.5);
    assert_state(&t, AL_PENDING);
    step(&r, &t, 0.81, 18);
    assert_state(&t, AL_FIRING);
    /* an event time before the last step is taken as the last step's */
    al_track_init(&t);
    step(&r, &t, 0.81, 100);
    step(&r, &t, 0.81, 90);
    assert_near(t.at, 100, 0);
    step(&r, &t, 0.81, 109);
    assert_state(&t, AL_PENDING);
    step(&r, &t, 0.81, 110);
    assert_state(&t, AL_FIRING);
}

/* <, <= and >= mirror >: breach on the threshold side, hold on the clear
 * side, the boundary as the operator says. */
static void mirrored_ops(void **state)
{
    (void)state;
    al_track t;
    /* price < 0.2, clear 0.3: fires at 0.19, holds at 0.29, resolves at 0.3 */
    const al_rule lt = {.op = AL_LT, .threshold = 0.2, .clear = 0.3};
    assert_int_equal(al_rule_check(&lt), 0);
    al_track_init(&t);
    step(&lt, &t, 0.2, 0);
    assert_state(&t, AL_INACTIVE);
    step(&lt, &t, 0.19, 1);
    assert_state(&t, AL_FIRING);
    step(&lt, &t, 0.29, 2);
    assert_state(&t, AL_FIRING);
    step(&lt, &t, 0.3, 3);
    assert_state(&t, AL_RESOLVED);
    /* <= 0.2, clear 0.3: fires at 0.2, holds at 0.3, resolves at 0.31 */
    const al_rule le = {.op = AL_LE, .threshold = 0.2, .clear = 0.3};
    al_track_init(&t);
    step(&le, &t, 0.2001, 0);
    assert_state(&t, AL_INACTIVE);
    step(&le, &t, 0.2, 1);
    assert_state(&t, AL_FIRING);
    step(&le, &t, 0.3, 2);
    assert_state(&t, AL_FIRING);
    step(&le, &t, 0.31, 3);
    assert_state(&t, AL_RESOLVED);
    /* >= 0.8, clear 0.7: fires at 0.8, holds at 0.7, resolves at 0.69 */
    const al_rule ge = {.op = AL_GE, .threshold = 0.8, .clear = 0.7};
    al_track_init(&t);
    step(&ge, &t, 0.7999, 0);
    assert_state(&t, AL_INACTIVE);
    step(&ge, &t, 0.8, 1);
    assert_state(&t, AL_FIRING);
    step(&ge, &t, 0.7, 2);
    assert_state(&t, AL_FIRING);
    step(&ge, &t, 0.69, 3);
    assert_state(&t, AL_RESOLVED);
    /* < with for: the dip is upwards */
    const al_rule ltf = {.op = AL_LT, .threshold = 10, .clear = NAN, .for_s = 5};
    al_track_init(&t);
    step(&ltf, &t, 9, 0);
    assert_state(&t, AL_PENDING);
    step(&ltf, &t, 10, 3);
    assert_state(&t, AL_INACTIVE);
    step(&ltf, &t, 9, 4);
    step(&ltf, &t, 9, 9);
    assert_state(&t, AL_FIRING);
}

/* NAN (metric unknown): no state change, reported as unknown, in every
 * state; the pending time keeps running. */
static void nan_values(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT, .threshold = 0.8, .clear = 0.7, .for_s = 10};
    al_track t;
    al_track_init(&t);
    al_change c;
    assert_false(al_step(&r, &t, NAN, 0, &c));
    assert_true(c.unknown);
    assert_state(&t, AL_INACTIVE);
    assert_true(isnan(t.value));
    assert_true(al_step(&r, &t, 0.9, 1, &c));
    assert_false(c.unknown);
    assert_state(&t, AL_PENDING);
    assert_near(t.value, 0.9, 0);
    assert_false(al_step(&r, &t, NAN, 5, &c));
    assert_true(c.unknown);
    assert_state(&t, AL_PENDING);
    assert_near(t.since, 1, 0);
    step(&r, &t, 0.9, 11);
    assert_state(&t, AL_FIRING);
    assert_false(al_step(&r, &t, NAN, 12, &c)); /* would resolve if NAN were evaluated */
    assert_true(c.unknown);
    assert_state(&t, AL_FIRING);
    assert_near(t.since, 11, 0);
    step(&r, &t, 0.5, 13);
    assert_state(&t, AL_RESOLVED);
    assert_false(al_step(&r, &t, NAN, 14, &c));
    assert_state(&t, AL_RESOLVED);
}

/* The flapping run: firing at 0; from 40 to 200 it resolves and fires again
 * every 20 s (firings at 0, 50, 70, 90, ..., 190); then quiet, then a
 * steady breach from 1000. */
static double flapping_value(double t)
{
    if (t < 40)
        return 0.9;
    if (t < 200)
        return ((long)t / 10) % 2 == 0 ? 0.5 : 0.9;
    if (t < 1000)
        return 0.5;
    return 0.9;
}

/* Four firings within 600 s start a flap (at 90: 0, 50, 70, 90), notified
 * once as "flapping" at the group's next slot (30 + 300); the flips after
 * it say nothing; the flap ends when at most one firing is left in the
 * window (770 = 170 + 600) and that is notified once (resolved, at 800);
 * the next steady breach is notified as usual. Stepped and asked every
 * second of event time, as a busy engine would. */
static void flapping(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT,
                       .threshold = 0.8,
                       .clear = 0.7,
                       .flap_window_s = 600,
                       .flap_high = 4,
                       .flap_low = 1};
    assert_int_equal(al_rule_check(&r), 0);
    al_track t;
    al_track_init(&t);
    al_group g;
    al_group_init(&g);
    double started = NAN, stopped = NAN, sent_t[8];
    al_note sent_n[8];
    int nsent = 0, nstart = 0, nstop = 0;
    for (int s = 0; s <= 1200; s++) {
        al_change c = step(&r, &t, flapping_value(s), s);
        if (c.flap_started) {
            started = s;
            nstart++;
        }
        if (c.flap_stopped) {
            stopped = s;
            nstop++;
        }
        al_send out;
        double next;
        if (due1(&g, &t, s, &out, &next)) {
            assert_true(nsent < 8);
            sent_t[nsent] = s;
            sent_n[nsent++] = out.note;
        }
    }
    assert_int_equal(nstart, 1);
    assert_int_equal(nstop, 1);
    assert_near(started, 90, 0);
    assert_near(stopped, 770, 0);
    assert_int_equal(nsent, 4);
    assert_near(sent_t[0], 30, 0);
    assert_note(sent_n[0], AL_NOTE_FIRING);
    assert_near(sent_t[1], 330, 0);
    assert_note(sent_n[1], AL_NOTE_FLAPPING);
    assert_near(sent_t[2], 800, 0);
    assert_note(sent_n[2], AL_NOTE_RESOLVED);
    assert_near(sent_t[3], 1100, 0); /* 800 + group_interval */
    assert_note(sent_n[3], AL_NOTE_FIRING);
    assert_false(t.flapping);
    /* flap_high 0: no flap detection */
    const al_rule off = {.op = AL_GT, .threshold = 0.8, .clear = 0.7};
    al_track_init(&t);
    for (int s = 0; s < 200; s++)
        assert_false(step(&off, &t, flapping_value(s), s).flap_started);
}

/* Two alerts of one group firing 5 s apart go out together at the first
 * one's time + group_wait; nothing before. A change after that waits for
 * group_interval after the group's notification (a resolution here, which
 * is notified); a still-firing alert is notified again at + repeat_interval,
 * not before. */
static void group_wait_interval_repeat(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT, .threshold = 0.8, .clear = 0.7};
    al_track a, b;
    al_track_init(&a);
    al_track_init(&b);
    al_track *m[2] = {&a, &b};
    al_group g;
    al_group_init(&g);
    al_send s[2];
    double next;
    assert_int_equal(al_due(&TIMING, &g, m, 2, 0, s, &next), 0);
    assert_inf(next);
    step(&r, &a, 0.9, 100);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 100, s, &next), 0);
    assert_near(next, 130, 0);
    step(&r, &b, 0.9, 105);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 105, s, &next), 0);
    assert_near(next, 130, 0);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 129.9, s, &next), 0);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 130, s, &next), 2);
    assert_note(s[0].note, AL_NOTE_FIRING);
    assert_note(s[1].note, AL_NOTE_FIRING);
    assert_false(s[0].repeat || s[1].repeat);
    assert_near(g.last_sent, 130, 0);
    assert_near(a.last_notified, 130, 0);
    assert_near(next, 130 + 14400, 0);
    /* group interval: a resolves at 140; it waits for 130 + 300 */
    step(&r, &a, 0.5, 140);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 140, s, &next), 0);
    assert_near(next, 430, 0);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 170, s, &next), 0);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 429.9, s, &next), 0);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 430, s, &next), 1);
    assert_note(s[0].note, AL_NOTE_RESOLVED);
    assert_note(s[1].note, AL_NOTE_NONE);
    assert_near(next, 130 + 14400, 0); /* b's repeat; nothing more for a */
    /* repeat interval: b, firing all along, again at 130 + 4 h */
    for (double now = 431; now < 14530; now += 60) {
        step(&r, &a, 0.5, now);
        step(&r, &b, 0.95, now);
        assert_int_equal(al_due(&TIMING, &g, m, 2, now, s, &next), 0);
    }
    assert_int_equal(al_due(&TIMING, &g, m, 2, 14529.9, s, &next), 0);
    assert_int_equal(al_due(&TIMING, &g, m, 2, 14530, s, &next), 1);
    assert_note(s[1].note, AL_NOTE_FIRING);
    assert_true(s[1].repeat);
    assert_note(s[0].note, AL_NOTE_NONE);
    assert_near(next, 14530 + 14400, 0);
    /* a resolved alert is not repeated */
    assert_int_equal(al_due(&TIMING, &g, m, 1, 40000, s, &next), 0);
    assert_inf(next);
}

/* An alert that fires and resolves within group_wait was never notified
 * firing: nothing is said about it. One notified firing has its
 * resolution notified (group_wait after it, the group not having sent). */
static void resolved_notification(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT, .threshold = 0.8, .clear = NAN};
    al_track t;
    al_track_init(&t);
    al_group g;
    al_group_init(&g);
    al_send s;
    double next;
    step(&r, &t, 0.9, 0);
    step(&r, &t, 0.5, 10);
    assert_int_equal(due1(&g, &t, 30, &s, &next), 0);
    assert_inf(next);
    assert_true(isnan(g.last_sent));
    step(&r, &t, 0.9, 100);
    assert_int_equal(due1(&g, &t, 130, &s, &next), 1);
    assert_note(s.note, AL_NOTE_FIRING);
    step(&r, &t, 0.5, 1000);
    assert_int_equal(due1(&g, &t, 1000, &s, &next), 0);
    assert_near(next, 1030, 0);
    assert_int_equal(due1(&g, &t, 1030, &s, &next), 1);
    assert_note(s.note, AL_NOTE_RESOLVED);
    assert_note(t.sent, AL_NOTE_RESOLVED);
    assert_true(isnan(t.unsent_since));
    assert_inf(next);
}

/* Acknowledged: no repeat while it fires (reported silenced); the
 * resolution lifts the silence and is notified; the next firing is
 * notified as usual. Only a firing alert can be acknowledged. */
static void silence_until_resolved(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT, .threshold = 0.8, .clear = 0.7};
    al_track t;
    al_track_init(&t);
    al_group g;
    al_group_init(&g);
    al_send s;
    double next;
    assert_int_equal(al_ack(&t), -1);
    step(&r, &t, 0.9, 0);
    assert_int_equal(due1(&g, &t, 30, &s, &next), 1);
    assert_note(s.note, AL_NOTE_FIRING);
    assert_false(al_silenced(&t, 40));
    assert_int_equal(al_ack(&t), 0);
    assert_true(al_silenced(&t, 40));
    assert_int_equal(due1(&g, &t, 40, &s, &next), 0);
    assert_inf(next);
    assert_int_equal(due1(&g, &t, 30 + 14400, &s, &next), 0); /* the repeat is silenced */
    assert_int_equal(due1(&g, &t, 19999, &s, &next), 0);
    assert_true(al_silenced(&t, 19999));
    assert_state(&t, AL_FIRING);
    al_change c = step(&r, &t, 0.5, 20000);
    assert_true(c.ack_ended);
    assert_state(&t, AL_RESOLVED);
    assert_false(al_silenced(&t, 20000));
    assert_int_equal(al_ack(&t), -1);
    assert_int_equal(due1(&g, &t, 20000, &s, &next), 0);
    assert_near(next, 20030, 0);
    assert_int_equal(due1(&g, &t, 20030, &s, &next), 1);
    assert_note(s.note, AL_NOTE_RESOLVED);
    step(&r, &t, 0.9, 21000);
    assert_false(al_silenced(&t, 21000));
    assert_int_equal(due1(&g, &t, 21030, &s, &next), 1);
    assert_note(s.note, AL_NOTE_FIRING);
    /* acknowledged before its first notification, resolved: nothing at all */
    al_track u;
    al_track_init(&u);
    al_group h;
    al_group_init(&h);
    step(&r, &u, 0.9, 0);
    assert_int_equal(al_ack(&u), 0);
    assert_int_equal(due1(&h, &u, 30, &s, &next), 0);
    step(&r, &u, 0.5, 50);
    assert_int_equal(due1(&h, &u, 80, &s, &next), 0);
    assert_inf(next);
}

/* Silenced until an event time: changes of state go on but nothing is
 * said until then; at the end, what is new goes out (a resolution, a
 * firing that began during the silence). */
static void silence_until_time(void **state)
{
    (void)state;
    const al_rule r = {.op = AL_GT, .threshold = 0.8, .clear = 0.7};
    al_track t;
    al_track_init(&t);
    al_group g;
    al_group_init(&g);
    al_send s;
    double next;
    step(&r, &t, 0.9, 0);
    assert_int_equal(due1(&g, &t, 30, &s, &next), 1);
    assert_int_equal(al_silence(&t, 40, 40), -1);
    assert_int_equal(al_silence(&t, 40, INFINITY), -1);
    assert_int_equal(al_silence(&t, 40, NAN), -1);
    assert_int_equal(al_silence(&t, 40, 1000), 0);
    assert_true(al_silenced(&t, 40));
    step(&r, &t, 0.5, 100);
    assert_state(&t, AL_RESOLVED); /* changes state while silenced */
    assert_int_equal(due1(&g, &t, 100, &s, &next), 0);
    assert_near(next, 1000, 0);
    assert_int_equal(due1(&g, &t, 999.9, &s, &next), 0);
    assert_true(al_silenced(&t, 999.9));
    assert_false(al_silenced(&t, 1000));
    assert_int_equal(due1(&g, &t, 1000, &s, &next), 1);
    assert_note(s.note, AL_NOTE_RESOLVED);
    /* a firing that starts during a silence is said when it ends */
    assert_int_equal(al_silence(&t, 1100, 5000), 0);
    step(&r, &t, 0.9, 1200);
    assert_state(&t, AL_FIRING);
    assert_int_equal(due1(&g, &t, 1230, &s, &next), 0);
    assert_near(next, 5000, 0);
    assert_int_equal(due1(&g, &t, 5000, &s, &next), 1);
    assert_note(s.note, AL_NOTE_FIRING);
    assert_false(s.repeat);
    /* al_unsilence lifts both */
    assert_int_equal(al_silence(&t, 5000, 9000), 0);
    assert_int_equal(al_ack(&t), 0);
    al_unsilence(&t);
    assert_false(al_silenced(&t, 5001));
}

static void rule_check(void **state)
{
    (void)state;
    al_rule r;
    al_rule_init(&r, AL_GT, 0.8);
    assert_int_equal(al_rule_check(&r), 0);
    assert_true(isnan(r.clear));
    assert_near(r.for_s, 0, 0);
    assert_int_equal(r.severity, AL_WARNING);
    assert_near(r.flap_window_s, 600, 0);
    assert_int_equal(r.flap_high, 4);
    assert_int_equal(r.flap_low, 1);
    al_rule bad = r;
    bad.clear = 0.9; /* above the threshold of a '>' rule */
    assert_int_equal(al_rule_check(&bad), -1);
    bad.clear = 0.8;
    assert_int_equal(al_rule_check(&bad), 0);
    bad.op = AL_LT; /* clear below the threshold of a '<' rule */
    bad.clear = 0.7;
    assert_int_equal(al_rule_check(&bad), -1);
    bad = r;
    bad.clear = -INFINITY;
    assert_int_equal(al_rule_check(&bad), -1);
    bad = r;
    bad.threshold = NAN;
    assert_int_equal(al_rule_check(&bad), -1);
    bad = r;
    bad.for_s = -1;
    assert_int_equal(al_rule_check(&bad), -1);
    bad = r;
    bad.op = (al_op)7;
    assert_int_equal(al_rule_check(&bad), -1);
    bad = r;
    bad.severity = (al_severity)3;
    assert_int_equal(al_rule_check(&bad), -1);
    bad = r;
    bad.flap_high = AL_FLAP_RING + 1;
    assert_int_equal(al_rule_check(&bad), -1);
    bad = r;
    bad.flap_low = 4;
    assert_int_equal(al_rule_check(&bad), -1);
    bad = r;
    bad.flap_window_s = 0;
    assert_int_equal(al_rule_check(&bad), -1);
    bad.flap_high = 0; /* detection off: the window is not looked at */
    assert_int_equal(al_rule_check(&bad), 0);
}

static void names_and_parsers(void **state)
{
    (void)state;
    const char *ops[] = {">", ">=", "<", "<="};
    const char *sev[] = {"info", "warning", "critical"};
    const char *st[] = {"inactive", "pending", "firing", "resolved"};
    const char *notes[] = {"none", "firing", "resolved", "flapping"};
    for (int i = 0; i < AL_OP_COUNT; i++) {
        assert_string_equal(al_op_name(i), ops[i]);
        assert_int_equal(al_parse_op(ops[i]), i);
    }
    for (int i = 0; i < AL_SEVERITY_COUNT; i++) {
        assert_string_equal(al_severity_name(i), sev[i]);
        assert_int_equal(al_parse_severity(sev[i]), i);
    }
    for (int i = 0; i < AL_STATE_COUNT; i++)
        assert_string_equal(al_state_name(i), st[i]);
    for (int i = 0; i < AL_NOTE_COUNT; i++)
        assert_string_equal(al_note_name(i), notes[i]);
    /* volatile: a constant index past the table would let the compiler fold
     * the read away and hide an off-by-one */
    volatile int before = -1, past_op = AL_OP_COUNT, past_sev = AL_SEVERITY_COUNT, past_st = AL_STATE_COUNT,
                 past_note = AL_NOTE_COUNT;
    assert_null(al_op_name(before));
    assert_null(al_op_name(past_op));
    assert_null(al_severity_name(before));
    assert_null(al_severity_name(past_sev));
    assert_null(al_state_name(before));
    assert_null(al_state_name(past_st));
    assert_null(al_note_name(before));
    assert_null(al_note_name(past_note));
    const char *bad_ops[] = {NULL, "", "=>", "> ", "==", ">>", "gt"};
    for (size_t i = 0; i < sizeof bad_ops / sizeof *bad_ops; i++)
        assert_int_equal(al_parse_op(bad_ops[i]), -1);
    const char *bad_sev[] = {NULL, "", "Critical", "warn", "error", "info "};
    for (size_t i = 0; i < sizeof bad_sev / sizeof *bad_sev; i++)
        assert_int_equal(al_parse_severity(bad_sev[i]), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hysteresis),
        cmocka_unit_test(for_duration),
        cmocka_unit_test(for_dip_resets),
        cmocka_unit_test(mirrored_ops),
        cmocka_unit_test(nan_values),
        cmocka_unit_test(flapping),
        cmocka_unit_test(group_wait_interval_repeat),
        cmocka_unit_test(resolved_notification),
        cmocka_unit_test(silence_until_resolved),
        cmocka_unit_test(silence_until_time),
        cmocka_unit_test(rule_check),
        cmocka_unit_test(names_and_parsers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
