/* layout.c - panel rectangles per terminal size (see layout.h). */
#include "tui/layout.h"

#include <string.h>

static lay_rect rect(int y, int x, int h, int w)
{
    return (lay_rect){y, x, h, w, h > 0 && w > 0};
}

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

/* The options band at the bottom of the rows [top, *bottom): the ladder,
 * the stress panel and the hedge panel asked for, as much of their wish as
 * fits above the positions' LAY_POS_KEEP rows; *bottom moves up past it.
 * Each is kept, in the panel table's order (ladder, stress, hedges), while
 * its least fits beside those kept before it; what is left goes to the
 * stress panel's blocks, then the ladder's rows, then the hedges'. */
static void options_band(lay_result *l, int cols, int top, int *bottom, bool ladder, bool stress, bool hedges)
{
    const int avail = *bottom - top - LAY_POS_KEEP;
    bool side = ladder && stress && cols >= LAY_OPT_SIDE;
    if (ladder && stress && avail < (side ? LAY_STRESS_MIN_H : LAY_LADDER_MIN_H + LAY_STRESS_MIN_H))
        stress = side = false;
    if (ladder && avail < LAY_LADDER_MIN_H)
        ladder = false;
    if (stress && avail < LAY_STRESS_MIN_H)
        stress = false;
    const int least = side ? LAY_STRESS_MIN_H : (ladder ? LAY_LADDER_MIN_H : 0) + (stress ? LAY_STRESS_MIN_H : 0);
    if (hedges && avail - least < LAY_HEDGE_MIN_H)
        hedges = false;
    int hh = hedges ? LAY_HEDGE_MIN_H : 0;
    const int opt_avail = avail - hh; /* the hedges' least set aside */
    /* the ladder's and the stress panel's heights: side by side, the stress
     * panel at its widest block's width and the ladder the rest; stacked,
     * each its least, then what is left to the stress panel's blocks, then
     * to the ladder's rows */
    int lh = 0, sh = 0;
    if (side) {
        lh = sh = min_int(LAY_STRESS_WANT_H > LAY_LADDER_WANT_H ? LAY_STRESS_WANT_H : LAY_LADDER_WANT_H, opt_avail);
    } else {
        lh = ladder ? LAY_LADDER_MIN_H : 0;
        sh = stress ? LAY_STRESS_MIN_H : 0;
        int extra = opt_avail - lh - sh;
        if (stress && extra > 0) {
            const int more = min_int(extra, LAY_STRESS_WANT_H - sh);
            sh += more;
            extra -= more;
        }
        if (ladder && extra > 0)
            lh += min_int(extra, LAY_LADDER_WANT_H - lh);
    }
    const int used = side ? sh : lh + sh;
    if (hedges && opt_avail - used > 0)
        hh += min_int(opt_avail - used, LAY_HEDGE_WANT_H - LAY_HEDGE_MIN_H);
    const int y = *bottom - hh; /* the band's bottom up: hedges, stress, ladder */
    if (hedges)
        l->r[PANEL_HEDGES] = rect(y, 0, hh, cols);
    if (side) {
        const int sw = cols >= 2 * LAY_STRESS_SIDE_W ? cols / 2 : LAY_STRESS_SIDE_W;
        l->r[PANEL_LADDER] = rect(y - sh, 0, sh, cols - sw);
        l->r[PANEL_STRESS] = rect(y - sh, cols - sw, sh, sw);
    } else {
        if (stress)
            l->r[PANEL_STRESS] = rect(y - sh, 0, sh, cols);
        if (ladder)
            l->r[PANEL_LADDER] = rect(y - sh - lh, 0, lh, cols);
    }
    *bottom = y - used;
}

void lay_compute(int cols, int rows, unsigned on, lay_result *l)
{
    memset(l, 0, sizeof *l);
    l->on = on;
    if (cols < LAY_MIN_COLS || rows < LAY_MIN_ROWS) {
        l->too_small = true;
        return;
    }
    l->r[PANEL_STATUS] = rect(0, 0, 1, cols);
    l->r[PANEL_FOOTER] = rect(rows - 1, 0, 1, cols);
    /* a sixth summary row shows the limit bars beside the four VaR methods */
    int summary_h = rows >= 40 ? 6 : rows >= 30 ? 5 : 4;
    l->r[PANEL_SUMMARY] = rect(1, 0, summary_h, cols);
    l->wide_summary = cols >= 150;
    int top = 1 + summary_h, bottom = rows - 1; /* rows [top, bottom) are free */
    int right_w = cols >= 200 ? 64 : 54;        /* the wide layout's right column */
    int log_h = rows >= 56 ? 12 : rows >= 46 ? 10 : rows >= 40 ? 8 : rows >= 32 ? 6 : 0;
    if (log_h && cols >= 100) {
        /* the chart lines up with the column above it: wide, the right
         * column; medium, two fifths on the right; below 120, no room */
        int chart_w = cols >= 150 ? right_w : cols >= 120 ? cols * 2 / 5 : 0;
        l->r[PANEL_LOG] = rect(bottom - log_h, 0, log_h, cols - chart_w);
        if (chart_w)
            l->r[PANEL_CHART] = rect(bottom - log_h, cols - chart_w, log_h, chart_w);
        bottom -= log_h;
    }
    options_band(l, cols, top, &bottom, on & LAY_BIT(PANEL_LADDER), on & LAY_BIT(PANEL_STRESS),
                 on & LAY_BIT(PANEL_HEDGES));
    int mid_h = bottom - top;
    if (cols >= 150 && mid_h >= 16) {
        l->r[PANEL_POSITIONS] = rect(top, 0, mid_h, cols - right_w);
        int risk_h = mid_h / 2 + 1;
        l->r[PANEL_RISK] = rect(top, cols - right_w, risk_h, right_w);
        l->r[PANEL_DETAIL] = rect(top + risk_h, cols - right_w, mid_h - risk_h, right_w);
    } else if (cols >= 100 && mid_h >= 24) {
        int lower = mid_h / 2 < 14 ? mid_h / 2 : 14;
        l->r[PANEL_POSITIONS] = rect(top, 0, mid_h - lower, cols);
        l->r[PANEL_RISK] = rect(top + mid_h - lower, 0, lower, cols / 2);
        l->r[PANEL_DETAIL] = rect(top + mid_h - lower, cols / 2, lower, cols - cols / 2);
    } else {
        l->r[PANEL_POSITIONS] = rect(top, 0, mid_h, cols);
    }
}
