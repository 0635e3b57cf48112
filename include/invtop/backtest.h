/* backtest.h - VaR backtesting (prefix bt_): exception counting, Kupiec's
 * proportion-of-failures test, Christoffersen's independence test and the
 * Basel traffic-light zone. */
#ifndef INVTOP_BACKTEST_H
#define INVTOP_BACKTEST_H

#include <stdbool.h>
#include <stddef.h>

/* BT_NA: too few observations for the traffic light (see bt_zone_of). */
typedef enum { BT_GREEN = 0, BT_YELLOW, BT_RED, BT_NA } bt_zone;

/* The Basel traffic light is defined on 250 observations (BCBS 1996,
 * "Supervisory framework for the use of backtesting"); fewer give no zone. */
#define BT_BASEL_N 250

/* Kupiec's unconditional-coverage likelihood ratio for x exceptions in n
 * observations of a VaR with tail probability q (0.01 for 99%), and its
 * chi-square(1) p-value in *pvalue. Zero exceptions (or n) are handled by
 * the limit 0*log(0) = 0, never NaN. n = 0 gives 0 with p-value 1. */
double bt_kupiec(size_t x, size_t n, double q, double *pvalue);

/* Christoffersen's independence likelihood ratio from the exception
 * sequence hits[0..n) (true = exception), chi-square(1); p-value in *pvalue.
 * Sequences with no transitions to test give 0 with p-value 1. */
double bt_christoffersen(const bool *hits, size_t n, double *pvalue);

/* Basel traffic light for x exceptions in n observations of a VaR with tail
 * probability q (0 < q < 1, x <= n): BT_NA while n < BT_BASEL_N (a handful
 * of clean observations is no evidence either way); from there green while
 * the binomial probability of at most x exceptions is below 95%, yellow
 * below 99.99%, red from there (for n = 250 and q = 0.01, the Basel table:
 * green 0-4, yellow 5-9, red 10+). Windows longer than 250 keep the same
 * probability bounds. */
bt_zone bt_zone_of(size_t x, size_t n, double q);

/* "green", "yellow", "red", "n/a" (BT_NA); "unknown" for anything else. */
const char *bt_zone_name(bt_zone z);

/* A rolling record of the last `cap` horizons. The caller owns the storage
 * passed to bt_init (cap bools), so nothing here allocates. */
typedef struct {
    bool *hits;
    size_t cap, n, head; /* ring of the most recent n outcomes */
    size_t exceptions;   /* within the ring */
} bt_record;

void bt_init(bt_record *r, bool *storage, size_t cap);
/* Record one horizon: an exception when the realized loss exceeded VaR. */
void bt_add(bt_record *r, bool exception);
/* Copy the ring in time order into out[0..r->n). */
void bt_sequence(const bt_record *r, bool *out);

#endif
