/* book.h - the instrument book: reference data, prices and positions.
 *
 * All memory is allocated by book_new; applying events never allocates.
 * Instruments keep the order in which they were first seen, so iterating by
 * index is deterministic for a given message sequence. Times are event time
 * in epoch seconds, supplied by the caller (receive time, live or replayed). */
#ifndef INVTOP_BOOK_H
#define INVTOP_BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/event.h"
#include "invtop/position.h"

typedef struct {
    char sym[EVENT_SYM_MAX];
    event_inst ref;      /* reference data; defaults until an inst arrives */
    bool has_ref;        /* an inst message was applied */
    position pos;
    double bid, ask;     /* NAN when the last price had no bid/ask */
    double mid;          /* NAN until the first price */
    double px_time;      /* event time of the last price, NAN before any */
    double last_update;  /* event time of the last applied event */
} book_inst;

typedef struct book book;

/* Create a book with room for `capacity` instruments (> 0). Returns NULL when
 * memory cannot be had. Free with book_free. */
book *book_new(size_t capacity);

/* Free the book and everything in it. NULL is fine. */
void book_free(book *b);

/* Apply one decoded, validated event at event time `now`. Creates the
 * instrument on first sight (kind spot, mult 1). Returns 0 on success and
 * sets *index (when not NULL) to the instrument's index; returns -1 when the
 * symbol is new and the book is full, in which case nothing changes. */
int book_apply(book *b, const event *ev, double now, size_t *index);

/* Number of instruments, and the one at index i (< book_count). */
size_t book_count(const book *b);
const book_inst *book_at(const book *b, size_t i);

/* Index of the instrument named sym, or -1. */
long book_find(const book *b, const char *sym);

/* True when the instrument has had no price for more than stale_s seconds
 * of event time, or never had one. */
bool book_is_stale(const book_inst *in, double now, double stale_s);

/* Position value at mid in USD: qty * mult * mid (0 without a mid). */
double book_notional(const book_inst *in);

/* Unrealized PnL against mid (0 without a mid). */
double book_unrealized(const book_inst *in);

#endif
