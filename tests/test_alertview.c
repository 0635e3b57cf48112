/* test_alertview.c - what the alerts overlay shows of a snapshot built by
 * hand, and when a view rings: the bell's rising edge (a new critical
 * firing rings once, however many frames show it); a rule's cells under
 * the column headers within an 80-column overlay, the words that carry the
 * meaning without colour (state, severity, flapping, acked, silenced, the
 * action and "acted") and the slots the colour comes from; the selected
 * rule's paragraph; the title and the notify counters; the acknowledge
 * key's question and refusals. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/alertrule.h"
#include "tui/alertview.h"
#include "tui/theme.h"

#define TEXT_80 76 /* the overlay's cells inside its box and padding on an 80-column screen */

static snap_alert rule(const char *name, int state, int severity, double value, double since)
{
    snap_alert a;
    memset(&a, 0, sizeof a);
    snprintf(a.name, sizeof a.name, "%s", name);
    snprintf(a.metric, sizeof a.metric, "var_util");
    a.op = AL_GT;
    a.threshold = 0.8;
    a.clear = 0.7;
    a.for_s = 30;
    a.state = state;
    a.severity = severity;
    a.value = value;
    a.since = since;
    a.silenced_until = a.notified_at = NAN;
    return a;
}

/* The bell rings on a rise of the critical count, once: frames of one
 * snapshot, a steady count, a fall and a return to a count already heard
 * after a fall are told apart. */
static void bell_rings_on_a_rise(void **state)
{
    (void)state;
    assert_false(alv_bell(0, 0));
    assert_true(alv_bell(0, 1));  /* the first critical */
    assert_false(alv_bell(1, 1)); /* the next frame of the same snapshot */
    assert_true(alv_bell(1, 2));  /* another one fires */
    assert_false(alv_bell(2, 1)); /* one resolved */
    assert_false(alv_bell(1, 0));
    /* a run of snapshots as a view hears them, the view keeping the last count */
    static const size_t seen[] = {0, 1, 1, 1, 0, 0, 1, 3, 3, 2, 2, 3, 0};
    static const bool rings[] = {false, true, false, false, false, false, true, true, false, false, false, true, false};
    size_t prev = 0, n = 0;
    for (size_t k = 0; k < sizeof seen / sizeof *seen; k++) {
        const bool r = alv_bell(prev, seen[k]);
        if (r != rings[k])
            fail_msg("snapshot %zu (%zu after %zu): %s", k, seen[k], prev, r ? "rang" : "silent");
        n += r;
        prev = seen[k];
    }
    assert_int_equal(n, 4);
    /* as a view hears them: the same run rings the same, and with the bell
     * off (--no-bell) never, the count still followed */
    for (int on = 0; on < 2; on++) {
        size_t last = 0;
        n = 0;
        for (size_t k = 0; k < sizeof seen / sizeof *seen; k++) {
            const bool r = alv_bell_heard(&last, seen[k], on);
            assert_int_equal(r, on && rings[k]);
            assert_int_equal(last, seen[k]);
            n += r;
        }
        assert_int_equal(n, on ? 4 : 0);
    }
}

/* Each cell sits under its header; the columns tile the line; a long name
 * is cut with "~"; the notes get the rest at 80 columns and are cut after a
 * whole word. */
static void lines_under_their_headers(void **state)
{
    (void)state;
    snap s;
    snap_init(&s);
    s.ts = 1000;
    int x = 0;
    for (int c = 0; c < ALV_COLS; c++) {
        assert_int_equal(alv_col_x((alv_col)c), x);
        x += alv_col_w((alv_col)c) + 1;
    }
    assert_true(TEXT_80 - alv_col_x(ALV_NOTES) >= 20); /* room for "flapping, widen:2" */
    char head[256], line[256];
    alv_head_line(TEXT_80, head, sizeof head);
    assert_string_equal(head, "State    Sev  Rule           Value Op Thresh  Since Notes");
    snap_alert a = rule("var_high", AL_FIRING, AL_CRITICAL, 0.853, 875);
    a.flapping = true;
    snprintf(a.action, sizeof a.action, "widen:2");
    a.acted = true;
    alv_line(&s, &a, TEXT_80, line, sizeof line);
    assert_string_equal(line, "firing   crit var_high       0.853 >   0.800  2m05s flapping, widen:2 acted");
    assert_true(strlen(line) <= TEXT_80);
    /* a long name, a price, a timed silence; notes cut after a word */
    snap_alert b = rule("btc_dvol_above_eighty_for_long", AL_PENDING, AL_WARNING, 65123.4, 990);
    b.threshold = 70000;
    b.op = AL_GE;
    b.silenced_until = 1600;
    snprintf(b.action, sizeof b.action, "pause");
    alv_line(&s, &b, TEXT_80, line, sizeof line);
    assert_string_equal(line, "pending  warn btc_dvol_abo~  65.1k >=  70.0k    10s silenced 10m00s, pause");
    snprintf(b.action, sizeof b.action, "widen:1.5");
    alv_line(&s, &b, TEXT_80, line, sizeof line);
    assert_string_equal(line, "pending  warn btc_dvol_abo~  65.1k >=  70.0k    10s silenced 10m00s~");
    /* unknown value and since: "-" */
    snap_alert c = rule("gaps", AL_INACTIVE, AL_INFO, NAN, NAN);
    alv_line(&s, &c, TEXT_80, line, sizeof line);
    assert_string_equal(line, "inactive info gaps               - >   0.800      -");
    /* ten minutes and more in its state: the since column holds it */
    c.state = AL_RESOLVED;
    c.since = 98;
    alv_line(&s, &c, TEXT_80, line, sizeof line);
    assert_string_equal(line, "resolved info gaps               - >   0.800 15m02s");
    /* a narrow width cuts the line */
    alv_line(&s, &a, 20, line, sizeof line);
    assert_int_equal(strlen(line), 20);
    snap_free(&s);
}

/* The words without colour, and the slot by meaning. */
static void notes_and_slots(void **state)
{
    (void)state;
    snap s;
    snap_init(&s);
    s.ts = 1000;
    char notes[128];
    snap_alert a = rule("r", AL_FIRING, AL_CRITICAL, 0.9, 900);
    alv_notes(&s, &a, notes, sizeof notes);
    assert_string_equal(notes, "");
    a.acked = true;
    a.silenced_until = 2000; /* acked says it all */
    alv_notes(&s, &a, notes, sizeof notes);
    assert_string_equal(notes, "acked");
    a.acked = false;
    alv_notes(&s, &a, notes, sizeof notes);
    assert_string_equal(notes, "silenced 16m40s");
    a.silenced_until = 999; /* over */
    a.flapping = true;
    snprintf(a.action, sizeof a.action, "kill");
    alv_notes(&s, &a, notes, sizeof notes);
    assert_string_equal(notes, "flapping, kill");
    a.acted = true;
    alv_notes(&s, &a, notes, sizeof notes);
    assert_string_equal(notes, "flapping, kill acted");
    static const struct {
        int state, severity, slot;
    } want[] = {
        {AL_FIRING, AL_CRITICAL, SLOT_BREACH}, {AL_FIRING, AL_WARNING, SLOT_WARNING}, {AL_FIRING, AL_INFO, SLOT_ACCENT},
        {AL_PENDING, AL_CRITICAL, SLOT_WARNING}, {AL_RESOLVED, AL_CRITICAL, SLOT_GAIN}, {AL_INACTIVE, AL_CRITICAL, SLOT_DIM},
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        snap_alert r = rule("r", want[k].state, want[k].severity, 0.9, 900);
        assert_int_equal(alv_slot(&r), want[k].slot);
    }
    assert_string_equal(alv_sev_short(AL_CRITICAL), "crit");
    assert_string_equal(alv_sev_short(AL_WARNING), "warn");
    assert_string_equal(alv_sev_short(AL_INFO), "info");
    assert_string_equal(alv_sev_short(7), "?");
    snap_free(&s);
}

/* The selected rule in full: metric and scope, when it fires and
 * resolves, severity, state and since when, silences, action and its
 * note, the last notification. */
static void detail_says_everything(void **state)
{
    (void)state;
    snap s;
    snap_init(&s);
    s.ts = 1000;
    char text[600];
    snap_alert a = rule("var_high", AL_FIRING, AL_CRITICAL, 0.853, 875);
    snprintf(a.scope, sizeof a.scope, "desk1");
    a.flapping = true;
    a.acked = true;
    snprintf(a.action, sizeof a.action, "widen:2");
    a.acted = true;
    snprintf(a.action_note, sizeof a.action_note, "half spread x2 on 3 quotes");
    a.notified_at = 900;
    a.notified = AL_NOTE_FIRING;
    alv_detail(&s, &a, text, sizeof text);
    assert_string_equal(text, "var_high: var_util of desk1 = 0.853; fires when > 0.8 for 30s, resolves at <= 0.7; "
                              "critical. Firing for 2m05s, flapping; acknowledged: silenced until it resolves. "
                              "Action widen:2: acted (half spread x2 on 3 quotes). Notified firing 1m40s ago.");
    /* no clear (the threshold), no for, never changed state, no action, never notified */
    snap_alert b = rule("low_rate", AL_INACTIVE, AL_WARNING, NAN, NAN);
    snprintf(b.metric, sizeof b.metric, "msg_rate");
    b.op = AL_LT;
    b.threshold = 50;
    b.clear = NAN;
    b.for_s = 0;
    alv_detail(&s, &b, text, sizeof text);
    assert_string_equal(text, "low_rate: msg_rate = unknown; fires when < 50, resolves at >= 50; warning. Inactive. "
                              "Not notified.");
    /* a timed silence */
    b.state = AL_RESOLVED;
    b.since = 400;
    b.silenced_until = 1300;
    alv_detail(&s, &b, text, sizeof text);
    assert_non_null(strstr(text, "Resolved for 10m00s; silenced for 5m00s more."));
    snap_free(&s);
}

static void title_and_notify_line(void **state)
{
    (void)state;
    snap s;
    snap_init(&s);
    char text[256];
    int slot = -1;
    alv_title(&s, text, sizeof text);
    assert_string_equal(text, "Alerts: no rule configured");
    s.nalerts = 5;
    alv_title(&s, text, sizeof text);
    assert_string_equal(text, "Alerts: none firing of 5 rules");
    s.alerts_firing[AL_CRITICAL] = 1;
    s.alerts_firing[AL_WARNING] = 2;
    s.alerts_firing[AL_INFO] = 1;
    alv_title(&s, text, sizeof text);
    assert_string_equal(text, "Alerts: 4 firing (1 critical, 2 warning, 1 info) of 5 rules");
    s.nalerts = SNAP_ALERTS + 9; /* what it carries, no more */
    assert_int_equal(alv_count(&s), SNAP_ALERTS);
    alv_notify_line(&s, text, sizeof text, &slot);
    assert_string_equal(text, "notify: off (no --notify-cmd)");
    assert_int_equal(slot, SLOT_DIM);
    s.notify_on = true;
    s.notify_sent = 12;
    s.notify_ok = 12;
    alv_notify_line(&s, text, sizeof text, &slot);
    assert_string_equal(text, "notify: 12 sent, 12 ok, 0 failed, 0 timed out");
    assert_int_equal(slot, SLOT_DIM);
    s.notify_ok = 10;
    s.notify_failures = 1;
    s.notify_timeouts = 1;
    snprintf(s.notify_error, sizeof s.notify_error, "timeout");
    alv_notify_line(&s, text, sizeof text, &slot);
    assert_string_equal(text, "notify: 12 sent, 10 ok, 1 failed, 1 timed out; last error: timeout");
    assert_int_equal(slot, SLOT_WARNING);
    s.notify_failures = s.notify_timeouts = 0;
    s.notify_dropped = 2;
    alv_notify_line(&s, text, sizeof text, &slot);
    assert_string_equal(text, "notify: 12 sent, 10 ok, 0 failed, 0 timed out, 2 dropped; last error: timeout");
    assert_int_equal(slot, SLOT_WARNING);
    snap_free(&s);
}

static void ack_words(void **state)
{
    (void)state;
    char why[160];
    snap_alert a = rule("var_high", AL_FIRING, AL_CRITICAL, 0.9, 900);
    assert_true(alv_ackable(&a, why, sizeof why));
    alv_ask(&a, why, sizeof why);
    assert_string_equal(why, "Acknowledge var_high until it resolves? y to confirm, any other key cancels");
    a.acked = true;
    assert_false(alv_ackable(&a, why, sizeof why));
    assert_string_equal(why, "var_high is acknowledged already: silenced until it resolves");
    a.acked = false;
    a.silenced_until = 5000; /* a timed silence: acknowledging until it resolves still says more */
    assert_true(alv_ackable(&a, why, sizeof why));
    for (int st = 0; st < AL_STATE_COUNT; st++) {
        if (st == AL_FIRING)
            continue;
        a.state = st;
        assert_false(alv_ackable(&a, why, sizeof why));
        assert_non_null(strstr(why, al_state_name(st)));
        assert_non_null(strstr(why, "only a firing alert"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bell_rings_on_a_rise),
        cmocka_unit_test(lines_under_their_headers),
        cmocka_unit_test(notes_and_slots),
        cmocka_unit_test(detail_says_everything),
        cmocka_unit_test(title_and_notify_line),
        cmocka_unit_test(ack_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
