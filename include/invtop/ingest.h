/* ingest.h - the one path every received message takes, live or replayed:
 * decode and validate, check seq, apply to the book, record. A message that
 * is rejected at any step changes nothing but the counters. */
#ifndef INVTOP_INGEST_H
#define INVTOP_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/book.h"
#include "invtop/feedstat.h"
#include "invtop/record.h"
#include "invtop/wire.h"

typedef struct {
    book *book;        /* borrowed, required */
    recorder *rec;     /* borrowed, NULL when not recording */
    feedstat stats;
    size_t last_index; /* instrument touched by the last accepted message */
    bool clock_ts;     /* event time from publishers' ts (else receive time) */
    double clock;      /* with clock_ts: the latest ts accepted, NAN before any */
} ingest;

/* Set up an ingest over a book (and optional recorder) with zeroed counters. */
void ingest_init(ingest *in, book *b, recorder *rec);

/* Process one message of nframes frames received at time now. With
 * clock_ts, a message's ts (when present) advances the event clock and is
 * the time the book records; the clock never goes back.
 * Returns WIRE_OK when applied (last_index is then the instrument),
 * WIRE_IGNORED, or the reject reason (counted, book unchanged). */
wire_status ingest_frames(ingest *in, size_t nframes, const char *const frames[],
                          const size_t lens[], double now);

#endif
