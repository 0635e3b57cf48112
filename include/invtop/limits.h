/* limits.h - risk limits and their utilization (prefix limits_).
 *
 * Per instrument: |position| against max_pos_lots lots (an instrument's lot
 * is its inst `lot`, else 1). Per underlying: |net delta USD| against
 * max_delta_usd. Portfolio: VaR against max_var_usd. Utilization is a
 * fraction (1 = at the limit); a breach (utilization > 1) remembers the
 * event time it started until it ends. A limit <= 0 is off. */
#ifndef INVTOP_LIMITS_H
#define INVTOP_LIMITS_H

#include <stddef.h>

#include "invtop/book.h"
#include "invtop/exposure.h"

typedef struct {
    double max_pos_lots;
    double max_delta_usd;
    double max_var_usd;
} limit_params;

typedef struct {
    double util;  /* NAN when the limit is off or the input unknown */
    double since; /* event time the breach began, NAN when not breached */
} limit_state;

typedef struct {
    limit_state *inst, *und, var;
    size_t cap_inst, cap_und, ninst, nund;
    size_t breaches; /* current count */
} limits;

/* Defaults: 50 lots, 1,000,000 USD delta per underlying, 100,000 USD VaR. */
void limits_default_params(limit_params *p);

/* Allocate state for cap_inst instruments (the book's capacity, as the
 * exposure's: asserted by limits_update) and cap_und underlyings. Returns
 * 0, or -1 without memory (free with limits_free anyway). */
int limits_init(limits *l, size_t cap_inst, size_t cap_und);
void limits_free(limits *l);

/* Configured exceptions to limit_params: arrays (or NULL) with NAN for
 * "use the default": per instrument max lots and lot size, per underlying
 * max delta USD. */
typedef struct {
    const double *max_lots, *lot; /* by book index */
    const double *max_delta_usd;  /* by underlying index */
} limit_overrides;

/* Recompute utilizations at event time now; var_usd is the VaR the
 * portfolio limit is held to (NAN when unknown); ov may be NULL. Never
 * allocates. */
void limits_update(limits *l, const limit_params *p, const book *b, const exposure *e,
                   double var_usd, double now, const limit_overrides *ov);

/* Recompute instrument i's position utilization alone at event time now
 * (its position or lot changed), keeping breaches the count of every limit
 * breached: O(1), for the message that changed it. i must be an instrument
 * of b within the capacity (asserted); ov may be NULL. Never allocates. */
void limits_update_inst(limits *l, const limit_params *p, const book *b, size_t i, double now,
                        const limit_overrides *ov);

#endif
