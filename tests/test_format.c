/* test_format.c - number formatting, glyphs, histogram bins, layouts and
 * the panel table's rows. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tui/format.h"
#include "tui/layout.h"
#include "tui/panels.h"
#include "testutil.h"

static void numbers_align_on_the_point(void **state)
{
    (void)state;
    char b[64];
    assert_int_equal(fmt_number(b, sizeof b, 3.14159, 2, 8), 8);
    assert_string_equal(b, "    3.14");
    fmt_number(b, sizeof b, -1234.5, 2, 8);
    assert_string_equal(b, "-1234.50");
    fmt_number(b, sizeof b, -0.001, 2, 6);
    assert_string_equal(b, "  0.00"); /* no negative zero */
    fmt_number(b, sizeof b, NAN, 2, 5);
    assert_string_equal(b, "    -");
    /* too wide: a suffix, never wider than asked */
    assert_int_equal(fmt_number(b, sizeof b, 123456789.0, 2, 8), 8);
    assert_string_equal(b, " 123457k"); /* the most digits that fit */
    fmt_number(b, sizeof b, 1234567.0, 0, 6);
    assert_string_equal(b, " 1235k");
    assert_int_equal(fmt_number(b, sizeof b, 1e30, 2, 4), 4);
    assert_string_equal(b, "####");
    fmt_compact(b, sizeof b, 12345);
    assert_string_equal(b, "12.3k");
    fmt_compact(b, sizeof b, -1200000);
    assert_string_equal(b, "-1.20M");
    fmt_compact(b, sizeof b, 950);
    assert_string_equal(b, "950");
    /* where rounding carries into the next digit or suffix: at most 3
     * significant digits, at most 6 characters */
    fmt_compact(b, sizeof b, -0.4);
    assert_string_equal(b, "0");
    fmt_compact(b, sizeof b, 999.7);
    assert_string_equal(b, "1.00k");
    fmt_compact(b, sizeof b, 9996);
    assert_string_equal(b, "10.0k");
    fmt_compact(b, sizeof b, 99999);
    assert_string_equal(b, "100k");
    fmt_compact(b, sizeof b, -999999);
    assert_string_equal(b, "-1.00M");
    fmt_age(b, sizeof b, 185);
    assert_string_equal(b, "3m05s");
    fmt_age(b, sizeof b, 0.42);
    assert_string_equal(b, "0.4s");
}

/* Grid cells (ladder, stress, explain): three significant digits in at
 * most 6 cells, right-aligned; a delta in coins keeps its decimals, money
 * is whole below 1000; never "-0", never a cut number. */
static void abbreviations_fit_their_cells(void **state)
{
    (void)state;
    char b[32];
    static const struct {
        double v;
        bool frac;
        const char *want;
    } cases[] = {
        {-20800, false, "-20.8k"}, {1200000, false, " 1.20M"}, {-887.01, false, "  -887"}, {0.3, false, "     0"},
        {-0.4, false, "     0"},   {999.7, false, " 1.00k"},   {-0.05, true, "-0.050"},  {0.0004, true, "     0"},
        {-0.0004, true, "     0"},  {12.34, true, "  12.3"},    {1.2345, true, "  1.23"}, {99.96, true, "   100"},
        {9.996, true, "  10.0"},   {0.9996, true, "  1.00"},   {-999.4, true, "  -999"}, {1234, true, " 1.23k"},
        {NAN, true, "     -"},     {-1e14, false, " -100T"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        assert_int_equal(fmt_abbrev(b, sizeof b, cases[k].v, cases[k].frac, 6), 6);
        if (strcmp(b, cases[k].want) != 0)
            fail_msg("fmt_abbrev(%g, %d) = \"%s\", want \"%s\"", cases[k].v, cases[k].frac, b, cases[k].want);
    }
    /* every magnitude, both signs, in 6 cells */
    for (double v = 1e-6; v < 1e15; v *= 1.37)
        for (int sg = -1; sg <= 1; sg += 2)
            for (int frac = 0; frac < 2; frac++) {
                assert_int_equal(fmt_abbrev(b, sizeof b, sg * v, frac, 6), 6);
                assert_null(strchr(b, '#'));
            }
    /* too wide for the cell: filled, never cut to a wrong number */
    assert_int_equal(fmt_abbrev(b, sizeof b, -20800, false, 4), 4);
    assert_string_equal(b, "####");
    assert_int_equal(fmt_abbrev(b, 4, -20800, false, 6), 3); /* a short buffer: cut fill, terminated */
    assert_string_equal(b, "###");
    char h[16];
    fmt_horizon(h, sizeof h, 60);
    assert_string_equal(h, "60s");
    fmt_horizon(h, sizeof h, 3600);
    assert_string_equal(h, "1h");
}

static void bars_and_sparklines(void **state)
{
    (void)state;
    char b[128];
    assert_int_equal(fmt_bar(b, sizeof b, 0.5, 10, false), 10);
    assert_string_equal(b, "#####     ");
    assert_int_equal(fmt_bar(b, sizeof b, 2.0, 4, false), 4);
    assert_string_equal(b, "####");
    fmt_bar(b, sizeof b, 0.3125, 2, true); /* 5 eighths of 2 cells */
    assert_string_equal(b, "\u258b ");
    fmt_bar(b, sizeof b, 0.75, 2, true);
    assert_string_equal(b, "\u2588\u258c");
    double v[5] = {1, 2, 3, NAN, 5};
    assert_int_equal(fmt_sparkline(b, sizeof b, v, 5, 5, false), 5);
    assert_string_equal(b, " .= @"); /* 1..5 scaled to levels 0, 1, 3, gap, 7 */
    assert_int_equal(fmt_sparkline(b, sizeof b, v, 5, 2, true), 2);
    assert_string_equal(b, " \u2584"); /* last two: a gap and a single value, drawn at mid height */
    double flat[3] = {7, 7, 7};
    fmt_sparkline(b, sizeof b, flat, 3, 3, false);
    assert_string_equal(b, "===");
}

static void histogram_bins(void **state)
{
    (void)state;
    double x[7] = {-10, 0, 0.5, 0.99, 1.0, 99, NAN};
    unsigned c[4];
    unsigned top = fmt_histogram(x, 7, 0, 1, c, 4);
    /* bins of width 0.25: -10 and 0 -> 0; 0.5 -> 2; 0.99, 1.0, 99 -> 3 */
    assert_int_equal(c[0], 2);
    assert_int_equal(c[1], 0);
    assert_int_equal(c[2], 1);
    assert_int_equal(c[3], 3);
    assert_int_equal(top, 3);
    assert_int_equal(fmt_bin_of(0.26, 0, 1, 4), 1);
}

static bool inside(const lay_rect *r, int cols, int rows)
{
    return !r->visible || (r->x >= 0 && r->y >= 0 && r->x + r->w <= cols && r->y + r->h <= rows);
}

static bool overlap(const lay_rect *a, const lay_rect *b)
{
    return a->visible && b->visible && a->x < b->x + b->w && b->x < a->x + a->w &&
           a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The sets of panels shown only when turned on: none, each, both. */
#define HEDGES LAY_BIT(PANEL_HEDGES)
static const unsigned ons[] = {0,
                               LAY_BIT(PANEL_LADDER),
                               LAY_BIT(PANEL_STRESS),
                               LAY_BIT(PANEL_LADDER) | LAY_BIT(PANEL_STRESS),
                               HEDGES,
                               HEDGES | LAY_BIT(PANEL_LADDER),
                               HEDGES | LAY_BIT(PANEL_STRESS),
                               HEDGES | LAY_BIT(PANEL_LADDER) | LAY_BIT(PANEL_STRESS)};
#define N_ONS (sizeof ons / sizeof *ons)

static void layouts_fit_every_size(void **state)
{
    (void)state;
    for (size_t o = 0; o < N_ONS; o++)
        for (int cols = 1; cols <= 260; cols += 3)
            for (int rows = 1; rows <= 90; rows += 2) {
                lay_result l;
                lay_compute(cols, rows, ons[o], &l);
                if (l.too_small)
                    continue;
                for (int p = 0; p < PANEL_COUNT; p++) {
                    if (!inside(&l.r[p], cols, rows))
                        fail_msg("%dx%d: panel %d outside", cols, rows, p);
                    for (int q = p + 1; q < PANEL_COUNT; q++)
                        if (overlap(&l.r[p], &l.r[q]))
                            fail_msg("%dx%d: panels %d and %d overlap", cols, rows, p, q);
                    if ((panel_info((panel_id)p)->flags & PANF_TOGGLE) && !(ons[o] & LAY_BIT(p)) &&
                        l.r[p].visible)
                        fail_msg("%dx%d: panel %d shown though not turned on", cols, rows, p);
                }
                assert_true(l.r[PANEL_SUMMARY].visible && l.r[PANEL_POSITIONS].visible);
                /* the options band leaves the positions their rows */
                if (ons[o] && (l.r[PANEL_LADDER].visible || l.r[PANEL_STRESS].visible || l.r[PANEL_HEDGES].visible))
                    assert_true(l.r[PANEL_POSITIONS].h >= LAY_POS_KEEP);
            }
    lay_result l;
    char hidden[64];
    lay_compute(80, 24, 0, &l);
    assert_int_equal(panel_hidden(&l, hidden, sizeof hidden), 4);
    assert_string_equal(hidden, "risk, detail, log, chart"); /* panels turned off are not missed */
    lay_compute(160, 48, 0, &l);
    assert_int_equal(panel_hidden(&l, hidden, sizeof hidden), 0);
    assert_true(l.wide_summary);
    /* the chart shares the log's rows, lined up with the right column */
    assert_int_equal(l.r[PANEL_CHART].y, l.r[PANEL_LOG].y);
    assert_int_equal(l.r[PANEL_CHART].x, l.r[PANEL_RISK].x);
    assert_true(l.r[PANEL_CHART].h >= 8);
    lay_compute(110, 40, 0, &l); /* a log but no room beside it */
    assert_true(l.r[PANEL_LOG].visible && !l.r[PANEL_CHART].visible);
    lay_compute(30, 8, 0, &l);
    assert_true(l.too_small);
}

/* The options desk's panels where a desk looks at them: 160x48 side by
 * side above the log, the wide layout kept; 80x24 stacked under three
 * rows of positions, the whole width; 40x12 no room, and the footer says
 * so; each alone takes more of its wish. */
static void options_band(void **state)
{
    (void)state;
    const unsigned both = LAY_BIT(PANEL_LADDER) | LAY_BIT(PANEL_STRESS);
    lay_result l;
    char hidden[64];
    lay_compute(160, 48, both, &l);
    const lay_rect *ld = &l.r[PANEL_LADDER], *st = &l.r[PANEL_STRESS];
    assert_true(ld->visible && st->visible);
    assert_int_equal(ld->y, st->y);
    assert_int_equal(ld->x + ld->w, st->x);
    assert_int_equal(st->w, LAY_STRESS_SIDE_W);
    assert_int_equal(st->h, LAY_STRESS_WANT_H);
    assert_int_equal(st->y + st->h, l.r[PANEL_LOG].y);        /* right above the log */
    assert_true(l.r[PANEL_RISK].visible && l.r[PANEL_DETAIL].visible); /* still the wide layout */
    assert_int_equal(panel_hidden(&l, hidden, sizeof hidden), 0);
    lay_compute(80, 24, both, &l);
    assert_true(ld->visible && st->visible);
    assert_true(ld->w == 80 && st->w == 80 && ld->y + ld->h == st->y);
    assert_int_equal(l.r[PANEL_POSITIONS].h, LAY_POS_KEEP);
    assert_int_equal(ld->h, LAY_LADDER_MIN_H);
    assert_int_equal(st->h, LAY_STRESS_MIN_H);
    assert_int_equal(st->y + st->h, l.r[PANEL_FOOTER].y);
    lay_compute(80, 24, LAY_BIT(PANEL_STRESS), &l);
    assert_true(!ld->visible && st->visible && st->h == 24 - 6 - LAY_POS_KEEP);
    lay_compute(40, 12, both, &l);
    assert_true(!ld->visible && !st->visible);
    assert_int_equal(panel_hidden(&l, hidden, sizeof hidden), 6);
    assert_string_equal(hidden, "ladder, stress, risk, detail, log, chart");
    lay_compute(100, 22, both, &l); /* room for one: the ladder, first in the table */
    assert_true(ld->visible && !st->visible);
    assert_int_equal(panel_hidden(&l, hidden, sizeof hidden), 5);
}

/* The hedge panel: alone at 80x24 it takes the band (its wish does not
 * fit); beside the ladder each has its least; beside the stress panel
 * there is no room, and the footer names it; at 200x50 alone it has its
 * wish, with all three the whole width under the ladder and the stress
 * panel (at their wish), right above the log, the risk and detail panels
 * left out (named). */
static void hedge_band(void **state)
{
    (void)state;
    lay_result l;
    char hidden[64];
    const lay_rect *hg = &l.r[PANEL_HEDGES], *ld = &l.r[PANEL_LADDER], *st = &l.r[PANEL_STRESS];
    lay_compute(80, 24, HEDGES, &l);
    assert_true(hg->visible && hg->w == 80 && hg->x == 0);
    assert_int_equal(hg->h, 24 - 6 - LAY_POS_KEEP);
    assert_int_equal(hg->y + hg->h, l.r[PANEL_FOOTER].y);
    assert_int_equal(l.r[PANEL_POSITIONS].h, LAY_POS_KEEP);
    assert_int_equal(panel_hidden(&l, hidden, sizeof hidden), 4);
    lay_compute(80, 24, HEDGES | LAY_BIT(PANEL_LADDER), &l);
    assert_true(hg->visible && ld->visible);
    assert_int_equal(ld->y + ld->h, hg->y); /* the ladder above */
    assert_int_equal(hg->h, LAY_HEDGE_MIN_H);
    assert_int_equal(ld->h, 24 - 6 - LAY_POS_KEEP - LAY_HEDGE_MIN_H);
    lay_compute(80, 24, HEDGES | LAY_BIT(PANEL_STRESS), &l);
    assert_true(st->visible && !hg->visible);
    assert_int_equal(panel_hidden(&l, hidden, sizeof hidden), 5);
    assert_string_equal(hidden, "hedges, risk, detail, log, chart");
    lay_compute(200, 50, HEDGES, &l);
    assert_int_equal(hg->h, LAY_HEDGE_WANT_H);
    assert_true(l.r[PANEL_RISK].visible && l.r[PANEL_DETAIL].visible); /* still the wide layout */
    lay_compute(200, 50, HEDGES | LAY_BIT(PANEL_LADDER) | LAY_BIT(PANEL_STRESS), &l);
    assert_true(hg->visible && ld->visible && st->visible);
    assert_true(hg->x == 0 && hg->w == 200);
    assert_int_equal(st->h, LAY_STRESS_WANT_H); /* the band's rows go to the others' wish first */
    assert_int_equal(hg->h, 50 - 2 - 6 - 10 - LAY_POS_KEEP - LAY_STRESS_WANT_H); /* status, footer, summary, log */
    assert_int_equal(ld->y + ld->h, hg->y);
    assert_int_equal(st->y + st->h, hg->y);
    assert_int_equal(hg->y + hg->h, l.r[PANEL_LOG].y);
    assert_int_equal(panel_hidden(&l, hidden, sizeof hidden), 2); /* the positions keep their rows */
    assert_string_equal(hidden, "risk, detail");
}

/* Every panel row is whole: a name of its own, a draw function, words; the
 * focus's home is a panel that is never left out; and at every size the
 * layout gives a panel at least its row's minimum, and leaves out only the
 * optional ones (which the footer then names). */
static void panel_rows(void **state)
{
    (void)state;
    for (int p = 0; p < PANEL_COUNT; p++) {
        const panel_spec *r = panel_info((panel_id)p);
        if (!r->name || !r->name[0] || !r->draw || !r->doc || !r->doc[0])
            fail_msg("panel %d: a row without name, draw function or words", p);
        if (r->min_w < 1 || r->min_h < 1)
            fail_msg("panel %s: no minimum size", r->name);
        for (int q = 0; q < p; q++)
            if (strcmp(panel_info((panel_id)q)->name, r->name) == 0)
                fail_msg("two panels named %s", r->name);
    }
    const panel_id home = panel_home();
    assert_true(panel_info(home)->flags & PANF_FOCUS);
    assert_false(panel_info(home)->flags & PANF_OPTIONAL);
    for (size_t o = 0; o < N_ONS; o++)
        for (int cols = 1; cols <= 320; cols++)
            for (int rows = 1; rows <= 120; rows++) {
                lay_result l;
                lay_compute(cols, rows, ons[o], &l);
                if (l.too_small)
                    continue;
                for (int p = 0; p < PANEL_COUNT; p++) {
                    const panel_spec *r = panel_info((panel_id)p);
                    const lay_rect *at = &l.r[p];
                    if (!at->visible && !(r->flags & PANF_OPTIONAL))
                        fail_msg("%dx%d: panel %s left out, and the footer would not say so", cols, rows, r->name);
                    if (at->visible && (at->w < r->min_w || at->h < r->min_h))
                        fail_msg("%dx%d: panel %s is %dx%d, below its %dx%d", cols, rows, r->name, at->w, at->h,
                                 r->min_w, r->min_h);
                }
            }
}

/* Graph rows: braille dots fill from the base to each value; the ASCII
 * fallback uses one value per cell; a mark's row shows a dashed line. */
static void graphs(void **state)
{
    (void)state;
    char out[2][64];
    const double up[4] = {0, 1, 2, 3};
    /* 2 cells x 1 row over [0, 3]: 4 dot rows, values 0..3 at 0 (one dot anyway), 1, 3, 4 dots */
    assert_int_equal(fmt_graph(out[0], sizeof out[0], 1, up, 4, 2, 0, 3, 0, NAN, true), 2);
    /* cell 1: left 1 dot, right 1 dot; cell 2: left 3, right 4 */
    assert_string_equal(out[0], "\u28c0\u28fe");
    assert_int_equal(fmt_graph(out[0], sizeof out[0], 1, up, 4, 4, 0, 3, 0, NAN, false), 4);
    assert_string_equal(out[0], "..:#");
    /* two rows: the top row of a low series is empty but for the mark's dashes */
    const double low[2] = {1, 1};
    fmt_graph(out[0], sizeof out[0], 2, low, 2, 2, 0, 10, 0, 9, false);
    assert_string_equal(out[0], "--");
    assert_string_equal(out[1], "..");
    /* below the base (a loss), the fill hangs from it */
    const double loss[1] = {-5};
    fmt_graph(out[0], sizeof out[0], 2, loss, 1, 1, -10, 10, 0, NAN, false);
    assert_string_equal(out[0], " ");
    assert_string_equal(out[1], "'"); /* the top half of the cell below zero */
    const double gap[1] = {NAN};
    fmt_graph(out[0], sizeof out[0], 1, gap, 1, 3, 0, 1, 0, NAN, true);
    assert_string_equal(out[0], "   ");
    /* a row buffer too small is cut, never overrun */
    char tiny[4];
    fmt_graph(tiny, sizeof tiny, 1, up, 4, 4, 0, 3, 0, NAN, true);
    assert_string_equal(tiny, "\u28c0");
    assert_int_equal(fmt_graph(out[0], sizeof out[0], 0, up, 4, 4, 0, 3, 0, NAN, true), 0);
}

/* A session chart grows at its end: a new point may change only the last
 * columns, so a terminal is sent a column, not the graph (the stretched
 * graph moved every column with each point). */
static void graph_columns_stay_put(void **state)
{
    (void)state;
    double vals[300], a[92], b[92];
    for (size_t i = 0; i < 300; i++)
        vals[i] = sin((double)i / 7) * 100 + (double)i;
    /* a point at a time, 92 dot columns: between the power-of-two steps
     * (and the groups of two past 92 points) the columns before the last
     * two never change */
    size_t remaps = 0;
    for (size_t n = 1; n < 184; n++) {
        size_t fa = fmt_graph_columns(vals, n, 92, false, a);
        size_t fb = fmt_graph_columns(vals, n + 1, 92, false, b);
        assert_true(fa <= 92 && fb <= 92);
        bool same = true;
        for (size_t k = 0; k + 2 < fa; k++)
            same = same && a[k] == b[k];
        remaps += !same;
    }
    assert_true(remaps <= 8); /* 1 -> 64 ... 46 -> 92 columns a point, then groups */
    /* the mapping itself, by hand: 3 points over 8 columns take 2 each */
    fmt_graph_columns(vals, 3, 8, false, a);
    assert_true(a[0] == vals[0] && a[1] == vals[0] && a[4] == vals[2] && a[5] == vals[2]);
    assert_true(isnan(a[6]) && isnan(a[7]));
    /* 10 points over 4 columns: groups of 3, the last short; peak or last */
    double v10[10] = {1, 5, 2, 9, 3, 4, 0, 7, 8, 6};
    assert_int_equal(fmt_graph_columns(v10, 10, 4, true, a), 4);
    assert_true(a[0] == 5 && a[1] == 9 && a[2] == 8 && a[3] == 6);
    assert_int_equal(fmt_graph_columns(v10, 10, 4, false, a), 4);
    assert_true(a[0] == 2 && a[1] == 4 && a[2] == 8 && a[3] == 6);
    assert_int_equal(fmt_graph_columns(NULL, 0, 4, false, a), 0);
    assert_true(isnan(a[0]));
    /* a strip 10 wide: fills, then drops its older half when full */
    static const size_t shown[] = {0, 1, 9, 10, 6, 7, 8, 9, 10, 6};
    for (unsigned long t = 0; t < 10; t++)
        assert_int_equal(fmt_page_shown(t < 4 ? (t == 3 ? 10 : t == 2 ? 9 : t) : 7 + t, 10), shown[t]);
    assert_int_equal(fmt_page_shown(1000, 1), 1);
    assert_int_equal(fmt_page_shown(5, 0), 0);
    /* ranges in 1-2-5 steps */
    assert_true(fmt_nice_ceil(0.7) == 1 && fmt_nice_ceil(1) == 1 && fmt_nice_ceil(1.01) == 2);
    assert_true(fmt_nice_ceil(340) == 500 && fmt_nice_ceil(501) == 1000 && fmt_nice_ceil(2000) == 2000);
    assert_true(fmt_nice_ceil(0) == 0 && fmt_nice_ceil(-3) == 0);
}

static void wrapping(void **state)
{
    (void)state;
    size_t next;
    const char *s = "glft: q +9.00 lots, sigma 1.908 bp/s^0.5, gamma 0.05";
    size_t n = fmt_wrap(s, 20, &next);
    assert_int_equal(n, 19); /* "glft: q +9.00 lots," */
    assert_string_equal(s + next, "sigma 1.908 bp/s^0.5, gamma 0.05");
    assert_int_equal(fmt_wrap("short", 20, &next), 5);
    assert_int_equal(next, 5);
    assert_int_equal(fmt_wrap("abcdefghij", 4, &next), 4); /* one long word: cut */
    assert_int_equal(next, 4);
    assert_int_equal(fmt_wrap("ab cd", 2, &next), 2); /* the space at the edge */
    assert_int_equal(next, 3);
    assert_int_equal(fmt_wrap("\u2588\u2588 x", 2, &next), 6); /* cells, not bytes */
    assert_int_equal(fmt_wrap("x", 0, &next), 1);                /* never stuck */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_align_on_the_point),
        cmocka_unit_test(abbreviations_fit_their_cells),
        cmocka_unit_test(bars_and_sparklines),
        cmocka_unit_test(histogram_bins),
        cmocka_unit_test(layouts_fit_every_size),
        cmocka_unit_test(options_band),
        cmocka_unit_test(hedge_band),
        cmocka_unit_test(panel_rows),
        cmocka_unit_test(graphs),
        cmocka_unit_test(graph_columns_stay_put),
        cmocka_unit_test(wrapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
