/* statusbar.h - what the dashboard's top line says, fitted to its width
 * (prefix sbar_). Pure: no ncurses, so every width is tested.
 *
 * The line is a row of segments, each one row of a table with a priority.
 * The states that change what the numbers mean (frozen, engine silent,
 * kill switch, limit breach, read-only or trader, the alerts firing by
 * severity, stale prices) come first
 * and go last: when the line is too long, segments are first abbreviated,
 * least important first, then dropped in the same order (the states only
 * after everything else, and their separators shrink first), so at the
 * minimum width (40 columns) the states are still there, never cut
 * mid-word (but for one corner: with the engine silent, the kill switch,
 * a freeze, a breach and a trader's TRD all on at exactly 40 columns, the
 * alerts' "AL2!" is the one that gives way).
 * The feed's figures of a silent remote engine are shown as unknown, not
 * as the last values heard. */
#ifndef INVTOP_STATUSBAR_H
#define INVTOP_STATUSBAR_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/snapshot.h"

#define SBAR_SEGMENTS 20
#define SBAR_TEXT 96
#define SBAR_SILENT_S 2.0 /* a remote engine not heard for longer is silent */

/* What the view knows beside the snapshot. */
typedef struct {
    bool frozen;        /* Z: the screen keeps an older snapshot */
    bool readonly;      /* the engine will not take this view's commands */
    const char *remote; /* endpoint of the engine viewed, NULL when local */
} sbar_view;

typedef struct {
    char text[SBAR_TEXT];
    int slot;           /* theme_slot */
    int x;              /* column it starts at */
} sbar_seg;

typedef struct {
    sbar_seg seg[SBAR_SEGMENTS]; /* left to right, separated by sep */
    size_t n;
    const char *sep;    /* " | ", or "|" when even the states need the room */
    int width;          /* columns used */
} sbar_line;

/* Build the status line of snapshot s for a view v into out, fitted to
 * width columns (segments abbreviated, then dropped, least important
 * first; a segment never cut). Text is ASCII. Never fails; width < 1
 * gives an empty line. */
void sbar_build(const snap *s, const sbar_view *v, int width, sbar_line *out);

/* The whole line as one string (segments and separators), for tests and
 * logs. Returns out. */
char *sbar_text(const sbar_line *l, char *out, size_t cap);

#endif
