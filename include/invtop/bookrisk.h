/* bookrisk.h - exposure and risk per book (desk or strategy), prefix brisk_.
 *
 * The book (risk/book.h) holds positions per book; this sums them per book:
 * gross, net and net delta in USD, realized and unrealized PnL, and the
 * delta-normal (parametric) VaR of the book's deltas per underlying with
 * the portfolio's covariance, at the highest VaR level. Each book may have
 * its own limits on |net delta USD| and VaR. Pure arithmetic: the caller
 * owns every array. */
#ifndef INVTOP_BOOKRISK_H
#define INVTOP_BOOKRISK_H

#include <stddef.h>

#include "invtop/book.h"
#include "invtop/exposure.h"
#include "invtop/limits.h"
#include "invtop/portvar.h"

typedef struct {
    double max_delta_usd; /* <= 0 or NAN: off */
    double max_var_usd;   /* <= 0 or NAN: off */
} brisk_limits;

typedef struct {
    double gross_usd, net_usd, net_delta_usd;
    double pnl_realized, pnl_unrealized;
    double var_usd;       /* NAN before the covariance is ready */
    limit_state delta, var; /* utilization against the book's limits */
} brisk_row;

/* Compute rows[k] for every book name k < book_nbooks(b) (at most cap):
 * the holdings of book k valued at their instruments' mids, deltas as the
 * exposure e computed them per instrument (an option holding takes its
 * instrument's delta per contract; one whose instrument nets to zero
 * counts no delta). in (may be NULL: VaR stays NAN) gives the covariance;
 * lim[k] (may be NULL) the limits; a breach keeps the event time it began
 * from the previous rows. delta_scratch holds in->nund doubles. Returns the
 * number of rows filled. Never allocates. */
size_t brisk_compute(brisk_row *rows, size_t cap, const book *b, const exposure *e,
                     const pv_inputs *in, const pv_params *p, const brisk_limits *lim,
                     double now, double *delta_scratch);

#endif
