/* quoting.h - the model quote of every instrument, recomputed per tick in
 * O(1), and the decision to publish it (prefix qt_).
 *
 * Inputs per instrument: its mid and position (book), its lot and tick
 * (inst), and the volatility of its underlying from the risk history's EWMA
 * variance, in bp of mid per sqrt(second). No volatility yet: no quote. */
#ifndef INVTOP_QUOTING_H
#define INVTOP_QUOTING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/book.h"
#include "invtop/instparam.h"
#include "invtop/jsonw.h"
#include "invtop/override.h"
#include "invtop/riskrun.h"
#include "invtop/skew.h"

typedef struct {
    skew_quote q;
    bool valid;              /* q holds a current model quote */
    ovr_quote eff;           /* the effective quote: model with any override */
    bool published;          /* pub_* were sent */
    double pub_bid, pub_ask; /* last published sides (NAN: withdrawn) */
    bool pub_manual, pub_paused;
} qt_entry;

typedef struct {
    skew_params p;
    qt_entry *e;
    size_t cap;         /* the book's capacity (book_capacity): every index is below it */
    uint64_t seq;       /* one counter per process, on every published quote */
    uint64_t published; /* quotes published */
    const ip_set *params; /* per-instrument and per-underlying values (the owner's), or NULL */
} quoting;

/* Allocate for cap instruments: the book's capacity (book_capacity), so
 * every instrument number the book hands out has an entry. Returns 0, or -1
 * without memory. */
int qt_init(quoting *qt, const skew_params *p, size_t cap);
void qt_free(quoting *qt);

/* Instrument i's entry. i < the capacity is asserted (an instrument of the
 * book always has one): callers do not guard. */
const qt_entry *qt_at(const quoting *qt, size_t i);

/* Recompute instrument i's model quote and, with the overrides in ov, its
 * effective quote, at event time now. Returns true when the effective quote
 * should be published: the first one, a side withdrawn or restored, a side
 * moved by at least one tick (0.1 bp of mid without a tick), or a change
 * between model and manual or in the pause. */
bool qt_update(quoting *qt, const book *b, const riskrun *rr, const ovr_table *ov, size_t i,
               double now);

/* Write the quote.SYM message of instrument i (effective quote, model quote,
 * override fields, src model|manual, paused, user, seq, ts) into topic/body
 * (reset first), and remember it as published. Returns 0, or -1 when a
 * writer ran out of memory. */
int qt_message(quoting *qt, const book *b, const ovr_table *ov, size_t i, double now,
               const char *user, jw *topic, jw *body);

/* The heartbeat sent when nothing was published for a while: topic "hb",
 * body {"ts", "seq", "src":"invtop"}. */
int qt_heartbeat(quoting *qt, double now, jw *topic, jw *body);

#endif
