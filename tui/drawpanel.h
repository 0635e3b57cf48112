/* drawpanel.h - the dashboard's panels other than the status bar, summary
 * and positions table, each drawn from a snapshot and the dashboard's state
 * into its rectangle, clipped to it (prefix draw_). draw.c places them. */
#ifndef INVTOP_DRAWPANEL_H
#define INVTOP_DRAWPANEL_H

#include "tui/dash.h"
#include "tui/drawkit.h"
#include "tui/layout.h"
#include "invtop/snapshot.h"

/* Risk: the historical P&L histogram (or how far its window has filled)
 * with VaR and CVaR marked, then delta by underlying. */
void draw_risk(const draw_ctx *c, const lay_rect *r, const snap *s, const dash *d);

/* Detail of the selected instrument: contract, sparklines, model quote,
 * override, greeks; long lines wrap. */
void draw_detail(const draw_ctx *c, const lay_rect *r, const snap *s, const dash *d);

/* Events: the dashboard's log (engine events and key answers), newest
 * first, from where the trader scrolled. */
void draw_log(const draw_ctx *c, const lay_rect *r, const dash *d);

/* The session chart: portfolio P&L and VaR over the session (s->series),
 * the VaR limit as a dashed line. */
void draw_chart(const draw_ctx *c, const lay_rect *r, const snap *s);

/* Overlays in the middle of a cols x rows screen: the key help (wrapped,
 * scrolled from d->help_top, which it clamps) and the override edit form. */
void draw_help(const draw_ctx *c, int cols, int rows, dash *d);
void draw_form(const draw_ctx *c, const editform *f, int cols, int rows);

#endif
