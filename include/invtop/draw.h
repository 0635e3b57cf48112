/* draw.h - the dashboard's panels drawn with ncurses from the app and dash
 * state (prefix draw_). Formatting lives in format.c; this file only places
 * cells. Every panel clips to its rectangle. */
#ifndef INVTOP_DRAW_H
#define INVTOP_DRAW_H

#include <stdbool.h>

#include "invtop/app.h"
#include "invtop/dash.h"
#include "invtop/layout.h"
#include "invtop/theme.h"

typedef struct {
    const theme *th;
    bool utf8;        /* UTF-8 glyphs allowed (else ASCII only) */
    const char *source; /* what feeds invtop, for the status bar */
    bool readonly;
    double now;       /* event time */
    double rate;      /* messages per second lately */
} draw_ctx;

/* The whole screen: every visible panel, the footer and any overlay. */
void draw_screen(const draw_ctx *c, const lay_result *l, const app *a, dash *d);

/* Helpers shared by the panel files. */
void draw_text(const draw_ctx *c, int y, int x, int maxw, int slot, const char *s);
void draw_box(const draw_ctx *c, const lay_rect *r, const char *title, bool focused);
void draw_risk(const draw_ctx *c, const lay_rect *r, const app *a, const dash *d);
void draw_detail(const draw_ctx *c, const lay_rect *r, const app *a, const dash *d);
void draw_log(const draw_ctx *c, const lay_rect *r, const dash *d);

/* The slot for a signed money amount: gain, loss or normal. */
int draw_pnl_slot(double v);
/* How a book is named on screen: its name, or "(no book)" for positions
 * that came without one. Returns name or a static string. */
const char *draw_book_label(const char *name);

#endif
