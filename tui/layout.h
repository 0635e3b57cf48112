/* layout.h - where each dashboard panel goes for a terminal size (prefix
 * lay_). Pure arithmetic: no ncurses, so it is tested for every size.
 *
 * Wide (>= 150 columns): positions on the left, risk and detail stacked on
 * the right. Medium (>= 100x32): positions, then risk and detail side by
 * side. Narrow: summary and positions only. The event log takes the bottom
 * rows when there are enough, and shares them with the session chart (P&L
 * and VaR over the session) when the terminal is wide enough for both.
 * The options desk's panels, the greeks ladder and the stress grid, and
 * the hedge panel are shown only when turned on (keys L, S and E): they
 * take a band across the whole width above the log, carved from the rows
 * the positions and the risk and detail panels would have had (the
 * positions keep a few rows): the ladder and the stress grid side by side
 * from LAY_OPT_SIDE columns, else the ladder above the stress grid, and
 * the hedge panel under them, the whole width (its reasons are long).
 * Each is kept, in the panel table's order, while its least fits; what
 * does not fit is left out and named by the footer. Panels never overlap
 * or leave the screen. */
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
    PANEL_LADDER,     /* the greeks ladder: underlyings x expiry buckets (turned on) */
    PANEL_STRESS,     /* the stress grid and the P&L explain (turned on) */
    PANEL_HEDGES,     /* delta per underlying against its band, the hedge, the orders (turned on) */
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

/* The options band. Heights are the panels' box included: the ladder's
 * least is two underlyings, its wish seven; the stress panel's least is
 * its grid and worst line, its wish every block (grid, worst, extended
 * moves, scenarios, explain). */
#define LAY_OPT_SIDE 140     /* columns from which ladder and stress sit side by side */
#define LAY_STRESS_SIDE_W 80 /* the stress panel's width then: its widest block whole */
#define LAY_POS_KEEP 6       /* rows the positions keep under the band: three instruments */
#define LAY_LADDER_MIN_H 5
#define LAY_LADDER_WANT_H 10
#define LAY_STRESS_MIN_H 7
#define LAY_STRESS_WANT_H 14
/* the hedge panel: its least is the header line, the column headers, two
 * underlyings and the orders' header; its wish four underlyings, the
 * selected one's detail and four orders (as tall as the stress panel's:
 * alone at 200x50 it leaves the wide layout its risk and detail panels) */
#define LAY_HEDGE_MIN_H 7
#define LAY_HEDGE_WANT_H 14

typedef struct {
    lay_rect r[PANEL_COUNT];
    unsigned on;       /* the turn-on panels asked for (lay_compute's `on`) */
    bool too_small;    /* below LAY_MIN_COLS x LAY_MIN_ROWS: only a message fits */
    bool wide_summary; /* room for the four VaR methods side by side */
} lay_result;

/* The bit of panel p in a set of panels (lay_compute's `on`). */
#define LAY_BIT(p) (1u << (unsigned)(p))

/* Compute the layout for a cols x rows terminal; `on`: the panels shown
 * only when turned on that are (LAY_BIT(PANEL_LADDER) | ...). */
void lay_compute(int cols, int rows, unsigned on, lay_result *out);

#endif
