/* book.h - the instrument book: reference data, prices and positions.
 *
 * An instrument is a symbol on a venue: BTC-PERP on DERIBIT and BTC-PERP
 * with no venue ("") are two instruments, priced and held apart. Its id is
 * "SYM" without a venue and "SYM@VENUE" with one ('@' is in neither).
 *
 * Positions are held per instrument, per book (desk or strategy, "" when
 * none) and per leg: a venue in hedge mode holds a long and a short leg of
 * one symbol at once. The instrument's `pos` is the sum of its holdings.
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

/* "SYM@VENUE": room for both and the separator. */
#define BOOK_ID_MAX EVENT_ID_MAX
/* Distinct books the book tells apart; positions of more are refused. */
#define BOOK_MAX_BOOKS 64

typedef struct {
    char sym[EVENT_SYM_MAX];
    char venue[EVENT_SYM_MAX]; /* "" when none */
    char id[BOOK_ID_MAX];      /* SYM, or SYM@VENUE */
    event_inst ref;      /* reference data; defaults until an inst arrives */
    bool has_ref;        /* an inst message was applied */
    bool ref_inferred;   /* ref was inferred from the symbol (no inst yet) */
    position pos;        /* net of the holdings: qty and realized summed, avg_px
                            the qty-weighted cost (inverse: harmonic, qty /
                            coin_cost; 0 when the net is flat) */
    double cost;         /* sum of holding qty * avg_px: unrealized is
                            (mid * qty - cost) * mult even when legs net to 0 */
    double coin_cost;    /* sum of holding qty / avg_px (holdings with an
                            avg_px > 0): an inverse contract's coin P&L is
                            (coin_cost - qty / mid) * mult */
    int first_holding;   /* index of its first holding, -1 when none */
    double bid, ask;     /* NAN when the last price had no bid/ask */
    double mid;          /* NAN until the first price */
    double mark_iv;      /* the last price's iv (an option's mark vol), NAN
                            when that price carried none */
    double px_time;      /* event time of the last price, NAN before any */
    double last_update;  /* event time of the last applied event */
} book_inst;

/* One position of an instrument: in one book, on one leg. */
typedef struct {
    size_t inst;      /* instrument index */
    size_t book;      /* index of the book name (book_name) */
    pos_leg leg;
    position pos;
    int next;         /* next holding of the same instrument, -1 */
} book_holding;

typedef struct book book;

/* Create a book with room for `capacity` instruments (> 0). Returns NULL when
 * memory cannot be had. Free with book_free. */
book *book_new(size_t capacity);

/* Free the book and everything in it. NULL is fine. */
void book_free(book *b);

/* Apply one decoded, validated event at event time `now`. Creates the
 * instrument (venue, sym) on first sight (kind spot, mult 1). A pos sets its
 * book's leg absolutely; a pos stating a hedge-mode leg also zeroes the
 * net leg of that book (the venue's statement includes the fills since). A
 * fill adjusts its book's net leg. Returns 0 on success and sets *index
 * (when not NULL) to the instrument's index; returns -1 when the instrument,
 * the holding or the book name is new and there is no room for it, in which
 * case nothing changes. */
int book_apply(book *b, const event *ev, double now, size_t *index);

/* Reference data for instrument i (< book_count) that was inferred rather
 * than sent: used until an inst message arrives, never over one. */
void book_set_inferred_ref(book *b, size_t i, const event_inst *ref);

/* How directly an instrument of kind k prices its underlying: spot 1,
 * perp 2, future 3 (lower is closer); 0 for what is no delta-one
 * instrument (options, pool ranges). */
int book_delta_one_rank(inst_kind k);

/* Write the id of (sym, venue) into dst (BOOK_ID_MAX bytes). */
void book_make_id(char *dst, const char *sym, const char *venue);

/* True when id is SYM or SYM@VENUE, each 1..47 symbol bytes. */
bool book_id_ok(const char *id);

/* Holdings, in the order first seen; book names likewise ("" included
 * when a position without a book was seen). */
size_t book_nholdings(const book *b);
const book_holding *book_holding_at(const book *b, size_t h);
size_t book_nbooks(const book *b);
const char *book_name(const book *b, size_t k);

/* Number of instruments, and the one at index i (< book_count). */
size_t book_count(const book *b);
/* The most instruments the book holds (book_new's capacity): the one
 * capacity of everything indexed by instrument number (quoting, the risk
 * runner's exposures and limits), which assert it in their accessors. */
size_t book_capacity(const book *b);
const book_inst *book_at(const book *b, size_t i);

/* Index of the instrument with id `id` (SYM or SYM@VENUE), or -1. */
long book_find(const book *b, const char *id);

/* True when the instrument has had no price for more than stale_s seconds
 * of event time (now is past its deadline px_time + stale_s, the time its
 * staleness event carries), or never had one. */
bool book_is_stale(const book_inst *in, double now, double stale_s);

/* The underlying of an instrument: its inst message's `underlying`, else
 * its own symbol. */
const char *book_underlying(const book_inst *in);

/* Position value in the instrument's quote currency (0 without a mid):
 * linear qty * mult * mid; inverse qty * mult (a contract is mult units of
 * the quote currency). risk/exposure.h converts it. */
double book_notional(const book_inst *in);

/* Unrealized P&L in the quote currency against mid (0 without a mid),
 * summed over the holdings: linear (mid * qty - cost) * mult; inverse the
 * coin P&L (book_coin_unrealized) times mid. */
double book_unrealized(const book_inst *in);

/* An inverse instrument's unrealized P&L in its base coin, summed over the
 * holdings: mult * sum qty * (1/avg_px - 1/mid) (0 without a mid); NAN for
 * a linear one. */
double book_coin_unrealized(const book_inst *in);

/* A holding's value, unrealized P&L (both in the quote currency, as above)
 * and coin P&L (inverse; NAN linear) at its instrument's mid (0 without
 * a mid). */
double book_holding_notional(const book *b, const book_holding *h);
double book_holding_unrealized(const book *b, const book_holding *h);
double book_holding_coin_unrealized(const book *b, const book_holding *h);

/* Realized P&L in the quote currency, fees subtracted: linear
 * pos.realized; inverse the fees (pos.realized) plus the coin P&L
 * (book_coin_realized) at the mid now, NAN when there is coin P&L and no
 * mid (it cannot be valued). */
double book_realized(const book_inst *in);

/* An inverse instrument's realized P&L in its base coin, fees not in it
 * (they are paid in the quote currency); NAN for a linear one. */
double book_coin_realized(const book_inst *in);

/* The same for one holding. */
double book_holding_realized(const book *b, const book_holding *h);
double book_holding_coin_realized(const book *b, const book_holding *h);

#endif
