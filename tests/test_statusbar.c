/* test_statusbar.c - the dashboard's top line at every width: the states
 * that change what the numbers mean (frozen, engine silent, kill switch,
 * limit breach, firing alerts, stale prices, read-only or trader) are
 * always there, whole words, abbreviated before anything is dropped; a
 * silent engine's feed figures are not shown as current. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/alertrule.h"
#include "tui/layout.h"
#include "tui/statusbar.h"
#include "tui/theme.h"

/* A snapshot as a busy engine would fill it: a long source, counters. */
static void busy(snap *s)
{
    snap_init(s);
    s->version = 7;
    s->ts = 1764966000.5; /* 2025-12-05 20:20:00.5 UTC */
    s->engine_silence_s = NAN;
    snprintf(s->source, sizeof s->source, "cryptofeed tcp://10.0.0.1:5555, tcp://10.0.0.2:5555");
    s->feed.rate = 1234;
    s->feed.last_msg_age_s = 0.25;
    s->feed.rejected_total = 17;
    s->feed.gaps = 3;
    s->publishing = true;
}

static bool has_segment(const sbar_line *l, const char *a, const char *b)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->seg[i].text, a) == 0 || (b && strcmp(l->seg[i].text, b) == 0))
            return true;
    return false;
}

static bool has_prefix(const sbar_line *l, const char *p)
{
    for (size_t i = 0; i < l->n; i++)
        if (strncmp(l->seg[i].text, p, strlen(p)) == 0)
            return true;
    return false;
}

static void wide_line_says_everything(void **state)
{
    (void)state;
    snap s;
    busy(&s);
    sbar_view v = {false, true, NULL};
    sbar_line l;
    char text[512];
    sbar_build(&s, &v, 200, &l);
    sbar_text(&l, text, sizeof text);
    assert_string_equal(text, " invtop " "0.1.0" " | READ-ONLY | cryptofeed tcp://10.0.0.1:5555, tcp://10.0.0.2:5555"
                              " |  1234 msg/s | rej 17 | gaps 3 | last  0.2s | quotes on | 20:20:00 UTC");
    assert_int_equal(l.width, (int)strlen(text));
    for (size_t i = 0; i < l.n; i++) /* each segment is where the text says */
        assert_memory_equal(text + l.seg[i].x, l.seg[i].text, strlen(l.seg[i].text));
}

/* Every state on, every width from the minimum up: all states present,
 * whole, and the line within the width. */
static void states_survive_every_width(void **state)
{
    (void)state;
    snap s;
    busy(&s);
    s.kill = true;
    s.breaches = 2;
    s.engine_silence_s = 14.2;
    s.handshakes_refused = 1;
    s.alerts_firing[AL_CRITICAL] = 2;
    s.alerts_firing[AL_WARNING] = 1;
    snprintf(s.sec_warning, sizeof s.sec_warning, "plaintext feed on a CURVE engine");
    snap_inst in[3] = {0};
    in[0].stale = in[2].stale = true;
    s.inst = in;
    s.ninst = s.cap_inst = 3;
    for (int ro = 0; ro < 2; ro++)
        for (int w = LAY_MIN_COLS; w <= 240; w++) {
            sbar_view v = {true, ro == 1, "tcp://127.0.0.1:7000"};
            sbar_line l;
            char text[512];
            sbar_build(&s, &v, w, &l);
            sbar_text(&l, text, sizeof text);
            if ((int)strlen(text) > w || l.width > w)
                fail_msg("width %d: %zu columns: \"%s\"", w, strlen(text), text);
            if (!has_segment(&l, "FROZEN (Z)", "FROZEN") || !has_prefix(&l, "KILL") ||
                !(has_prefix(&l, "ENGINE SILENT 14s") || has_prefix(&l, "SILENT 14s")) ||
                !has_segment(&l, "LIMIT BREACH 2", "BREACH 2") ||
                /* the alerts too, but in one corner: at the minimum width a
                 * trader's TRD leaves one cell too few, and the mode is kept */
                ((w > LAY_MIN_COLS || ro) && !has_segment(&l, "ALERT 2 crit 1 warn", "AL2!")) ||
                !(ro ? has_segment(&l, "READ-ONLY", "RO") : has_segment(&l, "TRADER", "TRD")) ||
                (w >= 60 && !has_segment(&l, "2 STALE PRICES", "STALE 2")))
                fail_msg("width %d lacks a state: \"%s\"", w, text);
            if (strstr(text, "1234") || strstr(text, "0.2s")) /* the dead engine's feed figures */
                fail_msg("width %d shows a silent engine's feed figures as current: \"%s\"", w, text);
        }
    s.inst = NULL; /* the stack's */
    s.ninst = s.cap_inst = 0;
    snap_free(&s);
}

/* Abbreviations come before drops: one column wider than the first width
 * that drops a segment, every segment is there, some abbreviated. */
static void abbreviate_before_dropping(void **state)
{
    (void)state;
    snap s;
    busy(&s);
    sbar_view v = {true, true, NULL};
    sbar_line full, l;
    char ftext[512], text[512];
    sbar_build(&s, &v, 1000, &full);
    sbar_text(&full, ftext, sizeof ftext);
    int w = full.width;
    do
        sbar_build(&s, &v, --w, &l);
    while (l.n == full.n && w > LAY_MIN_COLS);
    assert_true(l.n < full.n);
    sbar_build(&s, &v, w + 1, &l);
    sbar_text(&l, text, sizeof text);
    assert_int_equal(l.n, full.n);
    assert_true(strcmp(text, ftext) != 0);
    assert_non_null(strstr(text, "1.23k/s")); /* the rate, abbreviated */
    assert_non_null(strstr(text, "FROZEN (Z) | READ-ONLY")); /* the states in full */
    /* the minimum width keeps the states */
    sbar_build(&s, &v, LAY_MIN_COLS, &l);
    assert_true(has_segment(&l, "FROZEN (Z)", "FROZEN"));
    assert_true(has_segment(&l, "READ-ONLY", "RO"));
    snap_free(&s);
}

static void remote_view_says_of_what(void **state)
{
    (void)state;
    snap s;
    busy(&s);
    s.engine_silence_s = 0.4; /* heard from */
    sbar_view v = {false, true, "tcp://risk-1:7000"};
    sbar_line l;
    char text[512];
    sbar_build(&s, &v, 200, &l);
    sbar_text(&l, text, sizeof text);
    assert_non_null(strstr(text, "VIEW OF tcp://risk-1:7000"));
    assert_non_null(strstr(text, "1234 msg/s"));
    assert_null(strstr(text, "SILENT"));
    s.engine_silence_s = 75;
    sbar_build(&s, &v, 200, &l);
    sbar_text(&l, text, sizeof text);
    assert_non_null(strstr(text, "ENGINE SILENT 1m15s"));
    assert_non_null(strstr(text, "? msg/s"));
    assert_non_null(strstr(text, "last ?"));
    for (size_t i = 0; i < l.n; i++)
        if (strstr(l.seg[i].text, "SILENT"))
            assert_int_equal(l.seg[i].slot, SLOT_BREACH);
    /* at 80 columns, silent: a view, of what, and that it is silent */
    sbar_build(&s, &v, 80, &l);
    sbar_text(&l, text, sizeof text);
    assert_true(l.width <= 80);
    assert_true(has_prefix(&l, "VIEW risk-1:7000") || has_prefix(&l, "VIEW OF tcp://risk-1:7000"));
    assert_true(has_prefix(&l, "ENGINE SILENT") || has_prefix(&l, "SILENT"));
    snap_free(&s);
}

/* The rate and the feed's age tick every second: at every width the line
 * keeps the same segments at the same places whatever their digits, so a
 * tick rewrites digits, not the line (999 and 1000 msg/s once chose
 * different segments and redrew the whole bar each second). */
static void figures_tick_in_place(void **state)
{
    (void)state;
    static const double rates[] = {0, 9, 999, 1000, 99999};
    static const double ages[] = {0, 0.04, 9.96, 12, 65};
    for (int width = LAY_MIN_COLS; width <= 200; width++) {
        sbar_line first;
        for (size_t k = 0; k < sizeof rates / sizeof *rates; k++) {
            snap s;
            busy(&s);
            s.feed.rate = rates[k];
            s.feed.last_msg_age_s = ages[k];
            sbar_view v = {false, true, NULL};
            sbar_line l;
            sbar_build(&s, &v, width, &l);
            if (k == 0)
                first = l;
            char a[512], b[512];
            if (l.n != first.n || strcmp(l.sep, first.sep) != 0)
                fail_msg("width %d: \"%s\" and \"%s\"", width, sbar_text(&l, a, sizeof a),
                         sbar_text(&first, b, sizeof b));
            for (size_t i = 0; i < l.n; i++) {
                assert_int_equal(l.seg[i].x, first.seg[i].x);
                if (strlen(l.seg[i].text) != strlen(first.seg[i].text))
                    fail_msg("width %d: \"%s\" and \"%s\"", width, l.seg[i].text, first.seg[i].text);
            }
            snap_free(&s);
        }
    }
}

/* Firing alerts by severity, in words and a colour by meaning: the worst
 * severity's slot (critical: the breach slot, warning: the warning slot),
 * the count of each, the worst first; nothing when none fires. Long when
 * wide and at 80 columns, short when the line is tight (the worst
 * severity's count: "AL2!") at 40. */
static void alerts_by_severity(void **state)
{
    (void)state;
    snap s;
    busy(&s);
    sbar_view v = {false, true, NULL};
    sbar_line l;
    char text[512];
    sbar_build(&s, &v, 200, &l);
    sbar_text(&l, text, sizeof text);
    assert_null(strstr(text, "AL")); /* none fires: nothing said */
    s.alerts_firing[AL_CRITICAL] = 2;
    s.alerts_firing[AL_WARNING] = 1;
    s.alerts_firing[AL_INFO] = 3;
    sbar_build(&s, &v, 200, &l);
    sbar_text(&l, text, sizeof text);
    if (!strstr(text, " | READ-ONLY | ALERT 2 crit 1 warn 3 info | cryptofeed"))
        fail_msg("\"%s\"", text);
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.seg[i].text, "ALERT", 5))
            assert_int_equal(l.seg[i].slot, SLOT_BREACH);
    /* 80 columns: whole words still */
    sbar_build(&s, &v, 80, &l);
    sbar_text(&l, text, sizeof text);
    assert_true(l.width <= 80);
    assert_true(has_segment(&l, "ALERT 2 crit 1 warn 3 info", NULL));
    /* 40 columns with the kill switch and a breach: short, never dropped */
    s.kill = true;
    s.breaches = 1;
    sbar_build(&s, &v, 40, &l);
    sbar_text(&l, text, sizeof text);
    assert_true(l.width <= 40);
    assert_string_equal(text, " KILL SWITCH ON | BREACH 1 | RO | AL2!"); /* the worst severity's count */
    s.kill = false;
    s.breaches = 0;
    /* warnings alone: the warning slot; info alone: the bar's own */
    s.alerts_firing[AL_CRITICAL] = 0;
    s.alerts_firing[AL_INFO] = 0;
    static const struct {
        size_t warn, info;
        const char *full, *brief;
        int slot;
    } want[] = {{1, 0, "ALERT 1 warn", "AL1w", SLOT_WARNING}, {0, 4, "ALERT 4 info", "AL4i", SLOT_ACCENT}};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        s.alerts_firing[AL_WARNING] = want[k].warn;
        s.alerts_firing[AL_INFO] = want[k].info;
        for (int w = LAY_MIN_COLS; w <= 200; w += 40) {
            sbar_build(&s, &v, w, &l);
            bool found = false;
            for (size_t i = 0; i < l.n; i++)
                if (!strcmp(l.seg[i].text, want[k].full) || !strcmp(l.seg[i].text, want[k].brief)) {
                    assert_int_equal(l.seg[i].slot, want[k].slot);
                    found = true;
                }
            if (!found)
                fail_msg("width %d lacks \"%s\": \"%s\"", w, want[k].full, sbar_text(&l, text, sizeof text));
        }
    }
    snap_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wide_line_says_everything),
        cmocka_unit_test(states_survive_every_width),
        cmocka_unit_test(abbreviate_before_dropping),
        cmocka_unit_test(remote_view_says_of_what),
        cmocka_unit_test(figures_tick_in_place),
        cmocka_unit_test(alerts_by_severity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
