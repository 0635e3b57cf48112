/* lp.h - a Uniswap-v3 concentrated-liquidity position (prefix lp_).
 *
 * Liquidity L on the price range [lower, upper] (quote per base). At price P
 * the position holds x base and y quote:
 *   inside the range:  x = L (1/sqrt(P) - 1/sqrt(upper)), y = L (sqrt(P) - sqrt(lower));
 *   below it (P < lower): all base,  x = L (1/sqrt(lower) - 1/sqrt(upper)), y = 0;
 *   above it (P >= upper): all quote, x = 0, y = L (sqrt(upper) - sqrt(lower)).
 * Its value in quote is x P + y. lower 0 and upper INFINITY is the full
 * range (Uniswap v2): x = L/sqrt(P), value 2 L sqrt(P). The amounts are
 * continuous in P, so which side owns an edge only matters for gamma; as in
 * Uniswap, the range is active on lower <= P < upper.
 * Pure functions, no fees: what the position is worth, not what it earned. */
#ifndef INVTOP_LP_H
#define INVTOP_LP_H

#include <stdbool.h>

typedef struct {
    double L;            /* liquidity, >= 0 */
    double lower, upper; /* 0 <= lower < upper; upper may be INFINITY */
} lp_range;

/* 0 when r is a valid range (L finite >= 0, lower finite >= 0, upper >
 * lower, upper finite or +INFINITY), -1 otherwise. Takes nothing over. */
int lp_check(const lp_range *r);

/* Takes a valid range and a price P > 0 (both asserted); writes the base
 * amount to *x and the quote amount to *y (neither may be NULL). */
void lp_amounts(const lp_range *r, double P, double *x, double *y);

/* Value in quote at price P: x P + y. Same preconditions as lp_amounts. */
double lp_value(const lp_range *r, double P);

/* d(value)/dP = x, the base amount held: the position's delta in base
 * units. Same preconditions as lp_amounts. */
double lp_delta(const lp_range *r, double P);

/* d2(value)/dP2 = dx/dP: -L / (2 P^1.5) inside the range, 0 outside (the
 * position is then all base or all quote, linear in P). Same preconditions. */
double lp_gamma(const lp_range *r, double P);

/* true when lower <= P < upper: the liquidity is active and earns fees. */
bool lp_in_range(const lp_range *r, double P);

/* Impermanent loss at price P of a position deposited at price P0 (> 0):
 * value(P) - (x0 P + y0), x0 and y0 the amounts at P0, i.e. the position
 * against holding what was deposited. Never positive (up to rounding). */
double lp_il(const lp_range *r, double P0, double P);

#endif
