/* hedge.h - the hedge arithmetic (prefix hg_): how many lots of an
 * instrument bring an underlying's delta back to the middle of its band,
 * and the minimum-variance (cross) hedge when the instrument follows
 * another underlying. Pure: numbers in, numbers out; no I/O, no globals.
 *
 * The states a hedge suggestion and an order can be in are named here too,
 * so the engine, the snapshot's schema and the views share one list. */
#ifndef INVTOP_HEDGE_H
#define INVTOP_HEDGE_H

#include <stdbool.h>
#include <stddef.h>

/* Why there is a suggestion, or why not. */
typedef enum {
    HG_SUGGESTED = 0, /* delta is outside the band: a hedge brings it back */
    HG_INSIDE,        /* delta is inside the band: nothing to do */
    HG_PENDING,       /* an order for it is out: delta counts it */
    HG_COOLDOWN,      /* outside, but automatic hedging waits for its cooldown */
    HG_NO_PRICE,      /* no price for the underlying or the instrument, or a stale one */
    HG_NO_INSTRUMENT, /* nothing to hedge with (configured one unknown, none on the underlying) */
    HG_TOO_SMALL,     /* outside, but less than one lot would move it */
    HG_CAPPED,        /* the suggestion is above the maximum order size: capped to it */
    HG_KILL,          /* the kill switch is on: no orders */
    HG_READ_ONLY,     /* outside, but this engine takes no orders (no --trader) */
    HG_NO_CHANNEL,    /* outside, but no order channel (--orders) */
    HG_STATE_COUNT
} hg_state;

/* "suggested", "inside", "pending", "cooldown", "no_price", "no_instrument",
 * "too_small", "capped", "kill", "read_only", "no_channel"; NULL past the end. */
const char *hg_state_name(int s);

/* An order's life on the order channel. */
typedef enum {
    ORD_PENDING = 0, /* journaled and sent (again until acknowledged) */
    ORD_ACKED,       /* the consumer acknowledged it */
    ORD_PARTIAL,     /* part of it filled */
    ORD_FILLED,      /* filled in full */
    ORD_EXPIRED,     /* its TTL passed before it was acknowledged */
    ORD_REJECTED,    /* the consumer refused it */
    ORD_REFUSED,     /* invtop refused it: never sent */
    ORD_STATE_COUNT
} ord_state;

/* "pending", "acked", "partial", "filled", "expired", "rejected", "refused";
 * NULL past the end. */
const char *ord_state_name(int s);

/* Lots of a hedge instrument that bring delta_usd (the underlying's net
 * delta, USD) back to the middle of its band (zero): -delta_usd /
 * lot_delta_usd rounded to the nearest whole lot (halves away from zero).
 * lot_delta_usd is the delta one lot adds (lot * mult * unit delta * price;
 * in a cross hedge divided by the hedge ratio): finite and non-zero, else
 * 0 is returned; 0 too when delta_usd is not finite or the quotient
 * overflows, so that no infinite or NAN order size leaves here. Never -0.
 * A caller that suggests only outside the band checks |delta_usd| > band
 * first (hg_outside). */
double hg_lots(double delta_usd, double lot_delta_usd);

/* True when delta_usd is outside the band: |delta_usd| > band_usd, so a
 * delta equal to the band is inside (a NAN delta or band is never outside).
 * band_usd >= 0 or NAN (asserted). */
bool hg_outside(double delta_usd, double band_usd);

/* Minimum-variance hedge ratio h* = rho * sigma_x / sigma_h (Hull, Options,
 * Futures and Other Derivatives, 3.4): units of the hedge per unit of the
 * exposure, both sigmas over the same horizon. NAN when sigma_h <= 0 or an
 * input is not finite. */
double hg_mv_ratio(double rho, double sigma_x, double sigma_h);

/* Contracts for a minimum-variance hedge: h * exposure_units /
 * contract_units rounded to the nearest whole contract, halves away from
 * zero (Hull's N* = h* Q_A / Q_F). NAN when contract_units <= 0, an input
 * is not finite or the quotient overflows. */
double hg_mv_contracts(double h, double exposure_units, double contract_units);

/* The share of the exposure's variance a minimum-variance hedge removes,
 * in percent: 100 rho^2 for one instrument. NAN when rho is not in [-1, 1]. */
double hg_variance_removed(double rho);

/* The multi-instrument minimum-variance hedge: with k hedge instruments
 * whose return covariance is cov_hh (k x k, row-major, symmetric: only its
 * diagonal and lower triangle are read) and whose covariance with the
 * exposure is cov_hx (k), h = cov_hh^-1 cov_hx (by Cholesky, GSL) into h
 * (k); the percent of var_x removed, 100 cov_hx' h / var_x, into *removed
 * (for k = 1, 100 rho^2). Returns 0, or -1 when cov_hh is not positive
 * definite, k is 0, var_x <= 0, an input read is not finite, the result is
 * not finite or the scratch cannot be allocated (h and *removed unchanged).
 * Allocates scratch of k*(k+1) doubles and frees it. GSL's error handler is
 * turned off around the factorisation, as risk/portvar.c does. */
int hg_mv_multi(size_t k, const double *cov_hh, const double *cov_hx, double var_x, double *h,
                double *removed);

#endif
