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
#include "invtop/jsonw.h"
#include "invtop/riskrun.h"
#include "invtop/skew.h"

typedef struct {
    skew_quote q;
    bool valid;              /* q holds a current model quote */
    bool published;          /* pub_bid/pub_ask were sent */
    double pub_bid, pub_ask; /* last published sides (NAN: withdrawn) */
} qt_entry;

typedef struct {
    skew_params p;
    qt_entry *e;
    size_t cap;
    uint64_t seq;       /* one counter per process, on every published quote */
    uint64_t published; /* quotes published */
} quoting;

/* Allocate for cap instruments. Returns 0, or -1 without memory. */
int qt_init(quoting *qt, const skew_params *p, size_t cap);
void qt_free(quoting *qt);

/* Recompute instrument i's model quote at event time now. Returns true when
 * it should be published: first valid quote, a side withdrawn or restored,
 * or a side moved by at least one tick (0.1 bp of mid without a tick). */
bool qt_update(quoting *qt, const book *b, const riskrun *rr, size_t i, double now);

/* Write the quote.SYM message of instrument i into topic/body (reset first),
 * stamp it with the next seq and event time now, and remember it as
 * published. Returns 0, or -1 when a writer ran out of memory. */
int qt_message(quoting *qt, const book *b, size_t i, double now, jw *topic, jw *body);

/* Write instrument i's quote as a JSON value (an object, or null). */
void qt_write_value(const quoting *qt, size_t i, jw *w);

/* Write the parameters in use as a JSON object. */
void qt_write_params(const quoting *qt, jw *w);

#endif
