/* ladder.h - the greeks ladder: greeks per underlying and expiry bucket
 * (prefix ladder_).
 *
 * A bucket is a range of days to expiry, (previous bound, upper bound]; the
 * first starts at 0 and the last bound is INFINITY. Instruments that do not
 * expire (spot, perpetuals, pool ranges) and futures without an expiry sit
 * in the first bucket: their exposure is immediate. Cells: delta in
 * underlying units and in USD, dollar gamma per 1% move (the change of the
 * USD delta when the underlying moves 1%: gamma S^2 / 100), vega in USD per
 * vol point, theta in USD per day. Pure. */
#ifndef INVTOP_LADDER_H
#define INVTOP_LADDER_H

#include <stddef.h>

#include "invtop/book.h"
#include "invtop/exposure.h"

#define LADDER_MAX_BUCKETS 8
#define LADDER_LABEL 32

typedef struct {
    double delta, delta_usd, gamma_usd, vega, theta;
} ladder_cell;

typedef struct {
    size_t nbuckets;                       /* 1..LADDER_MAX_BUCKETS */
    double upper_days[LADDER_MAX_BUCKETS]; /* ascending, the last INFINITY */
} ladder_params;

/* 0-1d, 1-7d, 7-30d, 30-90d, 90d+. */
void ladder_default_params(ladder_params *p);

/* Parse a list of bucket bounds in days, "1,7,30,90" (ascending, > 0, at
 * most LADDER_MAX_BUCKETS - 1 of them; the open last bucket is added).
 * Returns 0, or -1 with *p untouched. */
int ladder_parse(const char *text, ladder_params *p);

/* The bucket label "0-1d", "1-7d", ..., "90d+" into dst (LADDER_LABEL). */
void ladder_label(const ladder_params *p, size_t k, char *dst);

/* The bucket of an instrument expiring in `days` (NAN: never: bucket 0). */
size_t ladder_bucket(const ladder_params *p, double days);

/* Add `qty` (a holding's, or the instrument's) of instrument i of b, whose
 * exposure is e->inst[i], into row[bucket] of its underlying's row (the
 * caller picks the row by e->inst[i].und; p->nbuckets cells). now: event
 * time. Instruments without a modelled underlying add nothing. */
void ladder_add(const ladder_params *p, const book *b, const exposure *e, size_t i, double qty, double now,
                ladder_cell *row);

/* a += b. */
void ladder_cell_add(ladder_cell *a, const ladder_cell *b);

#endif
