/* dash.h - the dashboard's own state, apart from the data it shows (prefix
 * dash_): selection, scrolling, sort, filter, focus, overlays, frozen
 * display, the event log and per-instrument sparkline history. Actions are
 * plain functions of this state, so they are tested without a terminal. */
#ifndef INVTOP_DASH_H
#define INVTOP_DASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/app.h"
#include "invtop/editform.h"
#include "invtop/evlog.h"
#include "invtop/keys.h"
#include "invtop/layout.h"
#include "invtop/portvar.h"

#define DASH_SPARK 120 /* samples kept per instrument for sparklines */

typedef enum {
    COL_SYM = 0, COL_VENUE, COL_QTY, COL_MID, COL_NOTIONAL, COL_DELTA, COL_PNL, COL_INV, COL_BID, COL_ASK,
    COL_SKEW, COL_MODEL, COL_COUNT
} dash_col;

typedef struct {
    size_t cap;
    size_t *order;             /* visible instruments (filtered, sorted) */
    size_t norder;
    char selected[EVENT_ID_MAX]; /* selection follows the symbol across re-sorts */
    size_t sel, scroll;        /* position of the selection in order; first row shown */
    dash_col sort_col;
    bool sort_desc;
    char filter[EVENT_SYM_MAX];
    bool filter_editing;
    long book;                 /* index of the book shown alone, -1: all books */
    panel_id focus;
    bool log_follow;           /* Events shows the newest; else from log_top down */
    unsigned long log_top;     /* ordinal (0 = first ever) of the event shown first */
    pv_method var_method;
    bool frozen, help, quit;
    evlog log;
    double *spark_mid, *spark_q; /* cap x DASH_SPARK rings */
    size_t spark_n, spark_head;
    uint64_t seen_rejects, seen_gaps;
    bool *was_stale;
    double *breach_since;       /* per instrument: breach start seen, NAN when none */
    double var_breach_since;
    char message[160];      /* a one-line answer to the last key (refusals, confirmations) */
    double message_until;   /* event time it stops showing */
    key_action confirm;     /* waiting for y to confirm this action, ACT_NONE when not */
    editform form;          /* the override edit form, when open */
    /* what the last sort by symbol saw: the same again means the same order */
    size_t sorted_n;
    dash_col sorted_col;
    bool sorted_desc, sorted_valid;
    long sorted_book;
    char sorted_filter[EVENT_SYM_MAX];
} dash;

/* Allocate for cap instruments. Returns 0, or -1 without memory. */
int dash_init(dash *d, size_t cap);
void dash_free(dash *d);

/* Log what changed since the last call: rejects, seq gaps, prices going
 * stale or fresh, limit breaches beginning and ending. */
void dash_observe(dash *d, const app *a, double now);

/* Append one sparkline sample of every instrument's mid and inventory. */
void dash_sample(dash *d, const app *a);

/* Next book filter: book 0, 1, ... nbooks-1, then all books again. */
void dash_next_book(dash *d, size_t nbooks);

/* What a row shows of instrument i: the whole instrument, or with a book
 * filter (book >= 0) only that book's holdings. delta is the USD delta
 * (options: the instrument's, in the book's share of its net). */
typedef struct {
    double qty, notional, delta_usd, pnl;
    bool held;  /* the book has a holding of it (always true with no filter) */
} dash_row;
dash_row dash_row_figures(const app *a, long book_ix, size_t i);

/* Rebuild the visible order (filter, then sort), keeping the selection on
 * the same symbol when it is still visible. */
void dash_order(dash *d, const app *a);

/* Show a one-line message for a few seconds from event time now. */
void dash_message(dash *d, double now, const char *text);

/* Apply an action; page is the number of rows a page holds. */
void dash_action(dash *d, key_action act, size_t page);

/* Filter editing: a printable character, Backspace, Enter (keep) or Esc
 * (clear). Returns true when the key was taken. */
bool dash_filter_key(dash *d, int key);

/* Select the visible row `row` (0 = first shown), e.g. from a mouse click. */
void dash_click_row(dash *d, size_t row);

/* How many of the newest events the Events panel skips: 0 while it follows
 * the newest, else what keeps the event the trader scrolled to at the top
 * (the oldest kept, once that one has left the ring). */
size_t dash_log_offset(const dash *d);

/* Keep the selection within [scroll, scroll + rows). */
void dash_scroll_to_selection(dash *d, size_t rows);

/* Column header text and the instrument index of the selection (or -1). */
const char *dash_col_name(dash_col c);
long dash_selected_index(const dash *d);

#endif
