/* mcworker.h - the one worker thread invtop allows: Monte Carlo VaR off the
 * event loop (prefix mcw_).
 *
 * The loop hands over a copy of the inputs; the worker computes and leaves a
 * finished result for the loop to collect. Inputs and results are copied
 * under a mutex, so no mutable state is shared while either side works. */
#ifndef INVTOP_MCWORKER_H
#define INVTOP_MCWORKER_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/portvar.h"

typedef struct mcworker mcworker;

/* Start the thread with room for cap_und underlyings and cap_opt option
 * legs. Returns NULL when memory or the thread cannot be had. */
mcworker *mcw_start(size_t cap_und, size_t cap_opt);

/* Give the worker a job stamped with event time t when it is idle. Returns
 * true when taken, false when a job is still running (try again later). */
bool mcw_submit(mcworker *w, const pv_inputs *in, const pv_params *p, double t);

/* When a result finished since the last call, copy the Monte Carlo slot
 * into *res, its job's time into *t, and return true. Never blocks on the
 * computation. */
bool mcw_collect(mcworker *w, pv_result *res, double *t);

/* Stop the thread (after the running job) and free everything. NULL is fine. */
void mcw_stop(mcworker *w);

#endif
