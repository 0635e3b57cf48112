/* draw.h - the whole dashboard screen drawn with ncurses from one snapshot
 * and the dashboard's own state (prefix draw_). It never reads engine
 * state. Formatting lives in format.c, cell helpers in drawkit.c, the
 * panels in drawpanel.h; the panel table (panels.h) says which to draw,
 * the layout where. */
#ifndef INVTOP_DRAW_H
#define INVTOP_DRAW_H

#include "tui/dash.h"
#include "tui/drawkit.h"
#include "tui/layout.h"
#include "invtop/snapshot.h"

/* The whole screen from snapshot s: status bar, summary, positions, every
 * visible panel, the footer and any overlay. d's scroll positions are
 * clamped to what fits (the only change to d). */
void draw_screen(const draw_ctx *c, const lay_result *l, const snap *s, dash *d);

#endif
