/* layout.h - where each dashboard panel goes for a terminal size (prefix
 * lay_). Pure arithmetic: no ncurses, so it is tested for every size.
 *
 * Wide (>= 150 columns): positions on the left, risk and detail stacked on
 * the right. Medium (>= 100x32): positions, then risk and detail side by
 * side. Narrow: summary and positions only. The event log takes the bottom
 * rows when there are enough, and shares them with the session chart (P&L
 * and VaR over the session) when the terminal is wide enough for both.
 * Panels never overlap or leave the screen. */
#ifndef INVTOP_LAYOUT_H
#define INVTOP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

/* Each panel has its row in panels.c (name, Tab, draw function); here, its
 * place. */
typedef enum {
    PANEL_STATUS = 0, /* one line at the top */
    PANEL_SUMMARY,
    PANEL_POSITIONS,
    PANEL_RISK,
    PANEL_DETAIL,
    PANEL_LOG,
    PANEL_CHART,      /* the session chart: P&L and VaR against its limit */
    PANEL_FOOTER,     /* key hints and what is hidden, one line at the bottom */
    PANEL_COUNT
} panel_id;

typedef struct {
    int y, x, h, w;
    bool visible;
} lay_rect;

#define LAY_MIN_COLS 40 /* below this size only a message fits */
#define LAY_MIN_ROWS 10

typedef struct {
    lay_rect r[PANEL_COUNT];
    bool too_small;    /* below LAY_MIN_COLS x LAY_MIN_ROWS: only a message fits */
    bool wide_summary; /* room for the four VaR methods side by side */
} lay_result;

/* Compute the layout for a cols x rows terminal. */
void lay_compute(int cols, int rows, lay_result *out);

#endif
