/* columns.h - the positions table's columns, one row each (prefix col_),
 * in the manner of keys.c: its header, width, alignment, which columns stay
 * when the panel narrows, its sort key, how its cell is written from a
 * snapshot's instrument, and what it means. The header, the cells, the sort
 * (the < > keys) and which columns fit are all read from the rows: a new
 * column is one row and its functions. A column is named by its index in
 * the table, left to right as on screen (0: Symbol, the default sort).
 * Plain functions of a snapshot, no ncurses: every row is tested without a
 * terminal. */
#ifndef INVTOP_COLUMNS_H
#define INVTOP_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/snapshot.h"

#define COL_MAX 16         /* room for that many columns in a column set */
#define COL_FLAGS_WIDTH 3  /* before the columns: a row's flags (stale, override) and a blank */

/* What a row shows of instrument i of s: the whole instrument, or with a
 * book filter (book_ix >= 0) only that book's holdings, the figures the
 * engine computed for them (a holding's notional_usd and P&L, never
 * recomputed here). Money is in the report currency (NAN: unknown, such as
 * unconverted). delta_usd is the delta (delta-one: the notional; options
 * and pool ranges: the instrument's, in the book's share of its net; NAN
 * before greeks are computed). pnl_coin: an inverse instrument's realized
 * plus unrealized P&L in its base coin, NAN for a linear one. */
typedef struct {
    double qty, notional, delta_usd, pnl, pnl_coin;
    bool held;  /* the book has a holding of it (always true with no filter) */
} col_figures;
col_figures col_figures_of(const snap *s, long book_ix, size_t i);

/* What a cell is written from: one instrument of a snapshot, in the book
 * shown. */
typedef struct {
    const snap *s;
    const snap_inst *in;     /* an instrument of s */
    const col_figures *fig;  /* its figures, the book filter applied */
    long book;               /* the book filter, -1: all books */
    bool utf8;               /* UTF-8 glyphs allowed (else ASCII) */
} col_cell_src;

typedef enum {
    COLF_VENUES = 1 << 0,    /* shown only once some instrument has a venue */
    COLF_SELECTION = 1 << 1, /* the selection is marked in this cell (not over figures ticking each frame) */
    COLF_STALE = 1 << 2,     /* a stale price shows this cell in the stale colour */
    COLF_COINS = 1 << 3,     /* shown only once some instrument is inverse (settles in coin) */
} col_flag;

typedef struct {
    const char *name; /* header; with a sort mark after it, no wider than width */
    int width;        /* cells */
    int priority;     /* 0 .. count - 1, each once: lower stays longer when the panel narrows */
    bool left;        /* left-aligned (header and cells); else right */
    unsigned flags;   /* col_flag bits */
    /* The sort key, one of the two: a text fixed for an instrument (ties:
     * by id), or a value that moves with the market (NAN last, either
     * order). Ties then go by place in the snapshot (reversed descending). */
    const char *(*sort_text)(const snap_inst *in);
    double (*sort_value)(const snap_inst *in, const col_figures *f);
    /* The cell into out (cap bytes), at most width cells; returns its
     * theme slot (theme_slot). */
    int (*cell)(const col_cell_src *c, char *out, size_t cap, int width);
    const char *doc;  /* what the column says, for readers of the table */
} col_spec;

/* How many columns there are (at most COL_MAX). */
size_t col_count(void);

/* Column c's row; c < col_count(), asserted. */
const col_spec *col_info(size_t c);

/* Which columns fit in a table `width` cells wide (the flags and a blank
 * after each column included): by priority, a COLF_VENUES or COLF_COINS
 * one only when that bit is in `have` (some instrument has a venue, is
 * inverse). width 0 (no layout yet) shows all that may be. shown[c] for
 * every c < COL_MAX (false past col_count()). */
void col_fit(int width, unsigned have, bool shown[COL_MAX]);

/* The order of instruments x and y of s by column col (desc: descending),
 * the figures in book book_ix (-1: all): < 0, 0 or > 0 as x goes before, with,
 * or after y. col < col_count() and x, y < s->ninst, asserted. */
int col_compare(const snap *s, long book_ix, size_t col, bool desc, size_t x, size_t y);

#endif
