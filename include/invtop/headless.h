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
    double stale_s;      /* staleness threshold */
    unsigned long record_errors;
    uint64_t quotes_published;
} headless_ctx;

/* Total messages received (accepted + ignored + rejected). */
uint64_t headless_received(const feedstat *fs);

/* Reset w and write one snapshot object of the app's state followed by a
 * newline (its exposures must be current: rr_refresh). Returns 0, or -1
 * when the writer ran out of memory. */
int headless_snapshot(jw *w, const app *a, const headless_ctx *c);

/* The snapshot key of a confidence level: 0.95 -> "p95", 0.975 -> "p975". */
void headless_level_key(double level, char *out, size_t len);

#endif
