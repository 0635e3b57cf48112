/* optview.h - what the options desk's panels show of a snapshot (prefix
 * optv_): the greeks ladder's rows for the book shown, one figure at a
 * time, sorted; which instruments a ladder cell sums (Enter scopes the
 * positions table to them); the stress grids one can page through
 * (portfolio, each underlying, each book) and where a grid's worst cell
 * is; how wide their tables are. Plain functions of a snapshot, no
 * ncurses: tested without a terminal (tests/test_optview.c). */
#ifndef INVTOP_OPTVIEW_H
#define INVTOP_OPTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/snapshot.h"

/* The ladder's figure shown across its buckets (f cycles them): one figure
 * at a time keeps every bucket and the total on an 80-column screen. */
typedef enum {
    OPTV_DELTA = 0, /* underlying units */
    OPTV_DELTA_USD,
    OPTV_GAMMA_USD, /* change of the USD delta for a 1% move */
    OPTV_VEGA,      /* USD per vol point */
    OPTV_THETA,     /* USD per day */
    OPTV_FIGS
} optv_fig;

/* The ladder's order (s cycles it). */
typedef enum {
    OPTV_BY_NAME = 0, /* underlying, ascending */
    OPTV_BY_TOTAL,    /* |total| of the figure shown, largest first */
    OPTV_SORTS
} optv_sort;

/* The figure's short name ("$gamma/1%") and its words for a title
 * ("$gamma per 1% move, USD"). f < OPTV_FIGS, asserted. */
const char *optv_fig_name(optv_fig f);
const char *optv_fig_words(optv_fig f);

/* "name" or "|total|". */
const char *optv_sort_name(optv_sort s);

/* Figure f of cell c. */
double optv_fig_value(const ladder_cell *c, optv_fig f);

/* Whether figure f keeps decimals below 1000 (fmt_abbrev): delta in
 * underlying units does (a twentieth of a coin is not 0); USD figures are
 * whole dollars. */
bool optv_fig_fractional(optv_fig f);

/* The ladder rows shown for the book with index book_ix in s->books (-1:
 * all books: the rows summing every book), sorted by `sort` on figure f
 * (ties by name): indices into s->ladder_rows, written to out. Returns
 * how many. */
size_t optv_ladder_rows(const snap *s, long book_ix, optv_fig f, optv_sort sort, size_t out[SNAP_LADDER_ROWS]);

/* The ladder bucket instrument in of s sits in (its expiry against the
 * snapshot's time, as the engine bucketed it; no expiry: the first). */
size_t optv_bucket_of(const snap *s, const snap_inst *in);

/* Whether the ladder cell (underlying und, bucket; bucket < 0: the row's
 * total) of the book book_ix (-1: all books) sums instrument i of s: its
 * modelled underlying is und, it sits in the bucket, and the book (or
 * the instrument, for all books) holds a non-zero quantity of it. i <
 * s->ninst, asserted. */
bool optv_in_ladder_cell(const snap *s, long book_ix, size_t i, const char *und, int bucket);

/* How a ladder cell is named: "BTC 7-30d", or "BTC every expiry" for a
 * row's total (bucket < 0, or past s's buckets). */
void optv_cell_words(const snap *s, const char *und, int bucket, char *out, size_t cap);

/* Cells of the ladder table: the underlying's name, a bucket, the total
 * (a blank before each number). */
#define OPTV_LADDER_NAME_W 10
#define OPTV_LADDER_CELL_W 7
#define OPTV_LADDER_TOTAL_W 8

/* Bucket columns a ladder table `width` cells wide shows (the name and the
 * total always), at most nbuckets; 0 when not even one fits. */
size_t optv_ladder_fit(int width, size_t nbuckets);

/* The first bucket shown when `fit` of nbuckets fit and column `col` (a
 * bucket, or nbuckets: the total) has the cursor: the cursor's bucket stays
 * on screen, the window moving no more than it must from `first`. */
size_t optv_ladder_first(size_t fit, size_t nbuckets, size_t col, size_t first);

/* The stress grids one can show: the portfolio's, each underlying's, each
 * book's (x cycles them in that order). */
typedef enum { OPTV_PORTFOLIO = 0, OPTV_UNDERLYING, OPTV_BOOK } optv_part_kind;

/* The grid of part (kind, name) in s, or the portfolio's when s has no
 * such part (an underlying flat since, a restarted engine): *found says
 * which. Never NULL. */
const snap_stress *optv_stress_find(const snap *s, optv_part_kind kind, const char *name, bool *found);

/* The part after (kind, name) in the order portfolio, underlyings, books,
 * back to the portfolio after the last; written over *kind and name
 * (EVENT_SYM_MAX bytes). */
void optv_stress_next(const snap *s, optv_part_kind *kind, char *name);

/* How a part is named on screen: "portfolio", "underlying BTC", "book mm"
 * ("(no book)" for positions that came without one). */
void optv_part_label(optv_part_kind kind, const char *name, char *out, size_t cap);

/* The column (index into s->stress_moves) of grid g's worst cell, -1 when
 * its move is none of them (no grid yet). */
int optv_worst_col(const snap *s, const snap_stress *g);

/* The stress table: a row label, then one cell a move (a blank before each
 * figure). */
#define OPTV_GRID_LABEL_W 6
#define OPTV_GRID_CELL_W 7

/* Cells a grid of n moves needs. */
int optv_grid_width(size_t n);

/* A move as a column header: "-16%", "+4%", "0%", "+2.5%". */
void optv_move_label(double move, char *out, size_t cap);

/* The named scenarios worst first (P&L ascending, NAN last, ties in the
 * engine's order): indices into s->stress_named, written to out; returns
 * how many. A panel with room for a few shows the ones that lose most. */
size_t optv_scenario_order(const snap *s, size_t out[SNAP_SCENARIOS]);

/* The P&L explain's columns for s: every term, without vanna and volga
 * unless the engine makes them terms (else they are in unexplained).
 * Writes the terms to out, returns how many. */
size_t optv_explain_terms(const snap *s, expl_term out[EXPL_NTERMS]);

/* A term's column header, at most 6 cells: "delta" ... "unexpl", "trades",
 * "fees", "total". */
const char *optv_term_label(expl_term t);

#endif
