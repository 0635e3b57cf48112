/* snapbuild.h - the engine's state as a snapshot (prefix snapbuild_).
 *
 * Everything a view shows is copied out of the engine here, at one event
 * time, so a view never reads engine state and a frozen view keeps one
 * consistent moment. */
#ifndef INVTOP_SNAPBUILD_H
#define INVTOP_SNAPBUILD_H

#include <stdint.h>

#include "invtop/app.h"
#include "invtop/snapshot.h"

typedef struct {
    double now;           /* event time the snapshot describes */
    double rate;          /* messages per second over the last period */
    const char *source;   /* where the data comes from (status bar) */
} snapbuild_ctx;

/* Fill s from the engine at event time c->now (the exposures and per-book
 * figures recomputed first from the book: rr_refresh_figures, a cache) and
 * give it the next version. A read of the engine: events, limit states and
 * their since times, staleness and samples are as event time left them, so
 * when and how often snapshots are built changes nothing the engine does.
 * Returns 0, or -1 without memory (s keeps its previous content and
 * version). */
int snapbuild(snap *s, app *a, const snapbuild_ctx *c);

#endif
