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
#include "invtop/srcmap.h"
#include "invtop/wire.h"

/* Called with a message's event time before the message changes the book,
 * so that work due at an earlier time (risk sampling) sees the book as it
 * was then, however many messages one turn of the loop drains. */
typedef void (*ingest_advance_fn)(void *ctx, double event_time);

/* Venues whose fills state fees in the base coin (converted to quote units
 * at the fill price); fees are in quote units elsewhere. */
#define INGEST_MAX_FEE_VENUES 32

/* What one [source NAME] section did, counted in messages: its topic and
 * `when` held for a record (matched), the message was applied (applied),
 * or its record was refused (rejected). */
typedef struct {
    uint64_t matched, applied, rejected;
} ingest_source;

typedef struct {
    book *book;        /* borrowed, required */
    recorder *rec;     /* borrowed, NULL when not recording */
    feedstat stats;
    size_t last_index; /* instrument touched by the last accepted message (its last event's) */
    /* every instrument the last accepted message touched, first seen first:
     * one for a native message, up to SRCMAP_MAX_EVENTS for a mapped one */
    size_t touched[SRCMAP_MAX_EVENTS];
    size_t ntouched;
    bool last_position; /* the last accepted message was a pos or a fill */
    bool last_fill;    /* the last accepted message was a fill: its fill */
    event_fill fill;
    bool clock_ts;     /* event time from publishers' ts (else receive time) */
    double clock;      /* with clock_ts: the latest ts accepted, NAN before any */
    ingest_advance_fn advance; /* NULL: none */
    void *advance_ctx;
    const char *fee_base[INGEST_MAX_FEE_VENUES]; /* borrowed venue names */
    size_t nfee_base;
    const srcmap *map;   /* venues' messages by mapping, NULL: none (borrowed) */
    srcmap_ctx *map_cx;  /* its scratch (borrowed) */
    ingest_source source[SRCMAP_MAX_SECTIONS]; /* by section of map */
} ingest;

/* Set up an ingest over a book (and optional recorder) with zeroed counters. */
void ingest_init(ingest *in, book *b, recorder *rec);

/* Read the messages that neither the native nor the cryptofeed decoder
 * takes through map (checked by srcmap_check) with scratch cx; both are
 * borrowed and must outlive the ingest's use. NULL, NULL: none. */
void ingest_set_sources(ingest *in, const srcmap *map, srcmap_ctx *cx);

/* Process one message of nframes frames received at time now. With
 * clock_ts, a message's ts (when present) advances the event clock and is
 * the time the book records; the clock never goes back, and a message
 * before any ts is applied at its receive time without calling `advance`
 * (the event clock has not started). A cryptofeed-shaped message about an
 * instrument with no inst gets reference data inferred from its symbol.
 * A message neither decoder takes goes to the mapping (ingest_set_sources):
 * its events are applied in order, each as a native message would be, and
 * its sections' counters move; a mapped message that is refused names the
 * section and field in its reject's excerpt.
 * Returns WIRE_OK when applied (last_index is then the instrument,
 * touched[] every one), WIRE_IGNORED, or the reject reason (counted; the
 * book is unchanged unless a later event of a mapped message failed a check
 * that needs the book: seq or room, which are checked as each applies). */
wire_status ingest_frames(ingest *in, size_t nframes, const char *const frames[],
                          const size_t lens[], double now);

/* The event time of a message received at recv: recv itself, or with
 * clock_ts the latest publisher ts; NAN with clock_ts before any ts. */
double ingest_event_time(const ingest *in, double recv);

#endif
