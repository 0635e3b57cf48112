/* drawkit.h - the cell-level helpers every dashboard panel draws with
 * (prefix draw_): clipped text, wrapped text, boxes, limit bars, money
 * colours. The one home of what draw.c (the screen) and the panel files
 * share; it knows no panel, no snapshot and no dashboard state. */
#ifndef INVTOP_DRAWKIT_H
#define INVTOP_DRAWKIT_H

#include <stdbool.h>

#include "tui/layout.h"
#include "invtop/limits.h"
#include "tui/theme.h"

typedef struct {
    const theme *th;
    bool utf8;        /* UTF-8 glyphs allowed (else ASCII only) */
    bool readonly;    /* the sink refuses commands: say so in the status bar */
    const char *remote; /* the endpoint of the engine viewed, NULL when local */
} draw_ctx;

/* Text s at (y, x) in theme slot `slot`, clipped to maxw cells (UTF-8
 * aware); nothing when maxw <= 0. */
void draw_text(const draw_ctx *c, int y, int x, int maxw, int slot, const char *s);

/* Text s word-wrapped into the cells [x, x + w) from row *y down to (not
 * including) row `end`, continuation lines indented by `indent` cells; *y
 * moves past what was drawn. What does not fit in the rows left is cut at
 * the last row. */
void draw_wrapped(const draw_ctx *c, int *y, int end, int x, int w, int indent, int slot, const char *s);

/* A box around r with title in its top edge (highlighted when focused). */
void draw_box(const draw_ctx *c, const lay_rect *r, const char *title, bool focused);

/* "label [#####     ]  42%": a limit's utilization between x and end,
 * coloured by how close it is; nothing when it does not fit. */
void draw_util_bar(const draw_ctx *c, int y, int x, int end, const char *label, const limit_state *s);

/* The slot for a P&L figure in a table: a loss, else normal. Losses are
 * what a risk manager scans for, and a figure that ticks every frame in a
 * colour apart from its neighbours costs two colour changes a frame on
 * the wire (the mono theme already leaves gains plain). */
int draw_loss_slot(double v);

/* How a book is named on screen: its name, or "(no book)" for positions
 * that came without one. Returns name or a static string. */
const char *draw_book_label(const char *name);

#endif
