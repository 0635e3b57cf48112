/* layout.c - panel rectangles per terminal size (see layout.h). */
#include "tui/layout.h"

#include <string.h>

static lay_rect rect(int y, int x, int h, int w)
{
    return (lay_rect){y, x, h, w, h > 0 && w > 0};
}

void lay_compute(int cols, int rows, lay_result *l)
{
    memset(l, 0, sizeof *l);
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
