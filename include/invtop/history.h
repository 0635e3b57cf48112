/* history.h - per-underlying price samples, log returns and the EWMA
 * covariance (prefix hist_).
 *
 * The caller samples on an event-time clock (every risk.sample_ms). Each
 * sample appends one vector of log returns (one per underlying) to a ring of
 * `window` returns. A price that is unknown at a sample keeps the last known
 * one, so its return is 0; so is an underlying's first observation.
 *
 * EWMA covariance (RiskMetrics, zero mean): for the first HIST_EWMA_SEED
 * returns it is the equally weighted average of r r'; after that
 * S_t = lambda S_{t-1} + (1 - lambda) r_t r_t'. All memory is allocated by
 * hist_new; sampling never allocates. */
#ifndef INVTOP_HISTORY_H
#define INVTOP_HISTORY_H

#include <stdbool.h>
#include <stddef.h>

#define HIST_EWMA_SEED 20
#define HIST_NAME_MAX 48

typedef struct history history;

/* Room for max_und underlyings and `window` returns (both > 0), decay lambda
 * in (0, 1). Returns NULL on bad arguments or no memory. */
history *hist_new(size_t max_und, size_t window, double lambda);
void hist_free(history *h);

/* Index of underlying `name`; when absent and `create`, adds it. Returns -1
 * when absent (and not created) or when the table is full. */
int hist_index(history *h, const char *name, bool create);
/* The same lookup on a const history (never creates). */
int hist_find(const history *h, const char *name);
size_t hist_count(const history *h);
const char *hist_name(const history *h, size_t u);

/* Append a sample: prices[u] for every u < hist_count (NAN when unknown). */
void hist_sample(history *h, const double *prices);

/* Returns held (<= window) and returns seen since creation. */
size_t hist_nreturns(const history *h);
size_t hist_total_returns(const history *h);
/* The k-th held return vector, 0 = oldest; entries for u < hist_count. */
const double *hist_returns(const history *h, size_t k);
/* Covariance entry (u, v) of the EWMA estimate; 0 before two returns. */
double hist_cov(const history *h, size_t u, size_t v);
/* True once at least two returns fed the covariance. */
bool hist_cov_ready(const history *h);
/* Last known price of u, NAN before any. */
double hist_last_price(const history *h, size_t u);

#endif
