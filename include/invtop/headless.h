/* headless.h - one JSON snapshot line of the whole state (docs/PROTOCOL.md,
 * "Headless snapshots"). Pure formatting: no I/O, no clock. */
#ifndef INVTOP_HEADLESS_H
#define INVTOP_HEADLESS_H

#include <stdint.h>

#include "invtop/app.h"
#include "invtop/book.h"
#include "invtop/feedstat.h"
#include "invtop/jsonw.h"
#include "invtop/quoting.h"
#include "invtop/riskrun.h"

typedef struct {
    double now;          /* event time the snapshot describes */
    double period_s;     /* time since the previous snapshot (for the rate) */
    uint64_t period_msgs;/* messages received in that period */
    double stale_s;      /* unused: the engine's own threshold applies */
    unsigned long record_errors; /* unused: the engine's recorder counts */
    uint64_t quotes_published;   /* unused: the engine's quoting counts */
    const char *source;  /* where the data comes from, or NULL */
} headless_ctx;

/* Total messages received (accepted + ignored + rejected). */
uint64_t headless_received(const feedstat *fs);

/* Reset w and write one snapshot line of the engine's state at c->now
 * (snapbuild, then snapw_document: the next version). Returns 0, or -1
 * without memory. */
int headless_snapshot(jw *w, app *a, const headless_ctx *c);

#endif
