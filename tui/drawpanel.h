/* drawpanel.h - the dashboard's panels, each drawn from one frame (a
 * snapshot and the dashboard's state) into its rectangle, clipped to it
 * (prefix draw_): the functions of the panel table's rows (panels.h), and
 * the overlays. draw.c runs the rows. */
#ifndef INVTOP_DRAWPANEL_H
#define INVTOP_DRAWPANEL_H

#include "tui/dash.h"
#include "tui/drawkit.h"
#include "tui/layout.h"
#include "tui/panels.h"
#include "invtop/snapshot.h"

/* The status bar: mode, states and feed figures, fitted to the width. */
void draw_status(const panel_frame *f, const lay_rect *r, bool focused);

/* The portfolio (or a book's) figures, VaR by method, limit bars. */
void draw_summary(const panel_frame *f, const lay_rect *r, bool focused);

/* The positions table, from d's order and scroll (draw_positions_fit). */
void draw_positions(const panel_frame *f, const lay_rect *r, bool focused);

/* Keep d's selection within the rows the positions panel r shows. */
void draw_positions_fit(dash *d, const lay_rect *r);

/* The greeks ladder: the book shown's underlyings (d->lad_rows) by expiry
 * bucket, one figure (d->lad_fig) and the total; the cursor when focused;
 * the buckets that fit, paged by the cursor (draw_ladder_fit). */
void draw_ladder(const panel_frame *f, const lay_rect *r, bool focused);

/* Keep the ladder's cursor and bucket window within what panel r shows. */
void draw_ladder_fit(dash *d, const lay_rect *r);

/* The stress grid of the part chosen (portfolio, an underlying, a book):
 * P&L by move and vol down/same/up, the worst cell marked, the worst line;
 * then, as rows allow, the P&L explain, the extended moves and the named
 * scenarios (the title names what has no room). */
void draw_stress(const panel_frame *f, const lay_rect *r, bool focused);

/* The hedges: automatic hedging and the order channel, one row per
 * underlying (d->hg_sel marked), the selected one's detail, the last
 * orders newest first, as the rows allow (hgv_plan). */
void draw_hedges(const panel_frame *f, const lay_rect *r, bool focused);

/* Keep the hedge cursor within the rows panel r shows. */
void draw_hedges_fit(dash *d, const lay_rect *r);

/* Risk: the historical P&L histogram (or how far its window has filled)
 * with VaR and CVaR marked, then delta by underlying. */
void draw_risk(const panel_frame *f, const lay_rect *r, bool focused);

/* Detail of the selected instrument: contract, sparklines, model quote,
 * override, greeks; long lines wrap. */
void draw_detail(const panel_frame *f, const lay_rect *r, bool focused);

/* Events: the dashboard's log (engine events and key answers), newest
 * first, from where the trader scrolled. */
void draw_log(const panel_frame *f, const lay_rect *r, bool focused);

/* The session chart: portfolio P&L and VaR over the session (s->series),
 * the VaR limit as a dashed line. */
void draw_chart(const panel_frame *f, const lay_rect *r, bool focused);

/* The footer: a message, or what is hidden and the keys' hints. */
void draw_footer(const panel_frame *f, const lay_rect *r, bool focused);

/* Overlays in the middle of a cols x rows screen: the key help (wrapped,
 * scrolled from d->help_top, which it clamps) and the override edit form. */
void draw_help(const draw_ctx *c, int cols, int rows, dash *d);

/* The alerts overlay (a): the title (what fires, by severity), the notify
 * command's counters, one line per rule of s from d's cursor and scroll
 * (which it keeps in view), then the selected rule in full, as the rows
 * allow. */
void draw_alerts(const draw_ctx *c, const snap *s, int cols, int rows, dash *d);
void draw_form(const draw_ctx *c, const editform *f, int cols, int rows);

#endif
