/* panels.c - the dashboard's panels (see panels.h). */
#include "tui/panels.h"

#include <assert.h>
#include <stdio.h>

#include "tui/drawpanel.h"

/* One row per panel, by panel_id; the order of the ids is the order of
 * drawing, of Tab and of the footer's list. */
static const panel_spec table[PANEL_COUNT] = {
    [PANEL_STATUS] = {.name = "status", .min_w = 40, .min_h = 1, .draw = draw_status,
                      .doc = "one line: the mode, the states that change what the figures mean, the feed"},
    [PANEL_SUMMARY] = {.name = "summary", .min_w = 40, .min_h = 4, .draw = draw_summary,
                       .doc = "the portfolio's (or a book's) figures, VaR by method, the limit bars"},
    [PANEL_POSITIONS] = {.name = "positions", .flags = PANF_FOCUS, .min_w = 40, .min_h = 4,
                         .draw = draw_positions, .fit = draw_positions_fit,
                         .doc = "one row per instrument, the columns of columns.c"},
    [PANEL_LADDER] = {.name = "ladder", .flags = PANF_FOCUS | PANF_OPTIONAL | PANF_TOGGLE, .min_w = 40,
                      .min_h = LAY_LADDER_MIN_H, .draw = draw_ladder, .fit = draw_ladder_fit,
                      .doc = "greeks by underlying and expiry bucket, one figure at a time (f), sorted (s); "
                             "Enter shows the positions a cell sums"},
    [PANEL_STRESS] = {.name = "stress", .flags = PANF_OPTIONAL | PANF_TOGGLE, .min_w = 40, .min_h = LAY_STRESS_MIN_H,
                      .draw = draw_stress,
                      .doc = "P&L under moves x vol down/same/up (x: whose grid), the worst cell and who loses "
                             "most in it, extended moves, named scenarios, the P&L explain"},
    [PANEL_HEDGES] = {.name = "hedges", .flags = PANF_FOCUS | PANF_OPTIONAL | PANF_TOGGLE, .min_w = 40,
                      .min_h = LAY_HEDGE_MIN_H, .draw = draw_hedges, .fit = draw_hedges_fit,
                      .doc = "net delta per underlying against its band, the hedge instrument, the suggestion "
                             "and its state and reason (H sends it); the last orders, newest first"},
    [PANEL_RISK] = {.name = "risk", .flags = PANF_FOCUS | PANF_OPTIONAL, .min_w = 50, .min_h = 9,
                    .draw = draw_risk, .doc = "the historical P&L histogram, delta by underlying"},
    [PANEL_DETAIL] = {.name = "detail", .flags = PANF_FOCUS | PANF_OPTIONAL, .min_w = 50, .min_h = 7,
                      .draw = draw_detail, .doc = "the selected instrument: contract, sparklines, quote, greeks"},
    [PANEL_LOG] = {.name = "log", .flags = PANF_FOCUS | PANF_OPTIONAL, .min_w = 72, .min_h = 6,
                   .draw = draw_log, .doc = "the events, newest first; scrolled with the focus on it"},
    [PANEL_CHART] = {.name = "chart", .flags = PANF_OPTIONAL, .min_w = 48, .min_h = 6, .draw = draw_chart,
                     .doc = "the session's P&L and VaR against its limit"},
    [PANEL_FOOTER] = {.name = "footer", .min_w = 40, .min_h = 1, .draw = draw_footer,
                      .doc = "a message, or what is hidden and the keys' hints"},
};

const panel_spec *panel_info(panel_id p)
{
    assert((unsigned)p < PANEL_COUNT);
    return &table[p];
}

panel_id panel_home(void)
{
    int p = 0;
    while (p < PANEL_COUNT && !(table[p].flags & PANF_FOCUS))
        p++;
    assert(p < PANEL_COUNT); /* some panel takes the focus */
    return (panel_id)p;
}

int panel_hidden(const lay_result *l, char *out, size_t cap)
{
    assert(l && (out || cap == 0));
    int hidden = 0;
    size_t o = 0;
    if (cap)
        out[0] = '\0';
    for (int p = 0; p < PANEL_COUNT; p++) {
        if (!(table[p].flags & PANF_OPTIONAL) || l->r[p].visible ||
            ((table[p].flags & PANF_TOGGLE) && !(l->on & LAY_BIT(p))))
            continue;
        int n = snprintf(out + o, cap > o ? cap - o : 0, "%s%s", hidden ? ", " : "", table[p].name);
        if (n > 0 && o + (size_t)n < cap)
            o += (size_t)n;
        hidden++;
    }
    return hidden;
}
