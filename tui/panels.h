/* panels.h - the dashboard's panels, one row each (prefix panel_), in the
 * manner of keys.c: the name the footer gives it when it is hidden, whether
 * Tab reaches it, whether the terminal may be too small for it, the
 * smallest the layout gives it, and the function that draws it. The screen
 * is drawn by running the rows (draw.c), the focus moves over them (dash.c)
 * and the footer names the hidden ones from them. Where a panel goes for a
 * terminal size is the layout's arithmetic (layout.c): a new panel is a
 * panel_id, one row, its draw function and its place there. */
#ifndef INVTOP_PANELS_H
#define INVTOP_PANELS_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/dash.h"
#include "tui/drawkit.h"
#include "tui/layout.h"
#include "invtop/snapshot.h"

/* What every panel is drawn from: one frame of the screen. */
typedef struct {
    const draw_ctx *c;
    const lay_result *l; /* the layout drawn (its flags, what is hidden) */
    const snap *s;
    const dash *d;
} panel_frame;

/* Draw a panel into r (its rectangle in f->l, visible), clipped to it;
 * focused: it has the focus (Tab). */
typedef void (*panel_draw_fn)(const panel_frame *f, const lay_rect *r, bool focused);

typedef enum {
    PANF_FOCUS = 1 << 0,    /* Tab reaches it while it is on screen. The first such row
                               is the focus's home: at start, and when the focused panel
                               leaves the screen */
    PANF_OPTIONAL = 1 << 1, /* a terminal can be too small for it: the footer names it then */
    PANF_TOGGLE = 1 << 2,   /* shown only when turned on (its key); off, it is not missed:
                               the footer names it only when on and without room */
} panel_flag;

typedef struct {
    const char *name;   /* lower case, as the footer names it */
    unsigned flags;     /* panel_flag bits */
    int min_w, min_h;   /* the layout never gives it less (test_format, every size) */
    panel_draw_fn draw;
    /* What the panel's size changes in the dashboard's state, run before
     * any panel is drawn (the positions' rows bound its scroll); NULL: nothing */
    void (*fit)(dash *d, const lay_rect *r);
    const char *doc;    /* what it shows, for readers of the table */
} panel_spec;

/* Panel p's row; p < PANEL_COUNT, asserted. */
const panel_spec *panel_info(panel_id p);

/* The focus's home: the first PANF_FOCUS row. */
panel_id panel_home(void);

/* Comma-separated names of the PANF_OPTIONAL panels l leaves off the
 * screen (of the PANF_TOGGLE ones, those turned on), in the table's order, into out (cap bytes, cut to fit); returns
 * how many there are. */
int panel_hidden(const lay_result *l, char *out, size_t cap);

#endif
