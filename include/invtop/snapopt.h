/* snapopt.h - the options desk's parts of a snapshot (prefix snapopt_):
 * the greeks ladder, the stress grids and scenarios, the P&L explain, each
 * instrument's vol source, pool range and explain. Called by snapbuild. */
#ifndef INVTOP_SNAPOPT_H
#define INVTOP_SNAPOPT_H

#include "invtop/book.h"
#include "invtop/riskrun.h"
#include "invtop/snapshot.h"

/* Fill s's options parts from the risk runner's exposures (as refreshed at
 * event time now) and its last sample (stress, explain). Instruments, books
 * and underlyings beyond the snapshot's fixed tables are left out of the
 * ladder and per-part grids (the portfolio grid has them all). */
void snapopt_build(snap *s, const book *b, const riskrun *rr, double now);

/* Instrument i's options fields (vol, source, pool range, explain) into x. */
void snapopt_inst(snap_inst *x, const book *b, const riskrun *rr, size_t i);

#endif
