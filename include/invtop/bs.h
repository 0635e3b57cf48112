/* bs.h - Black-Scholes European option price and greeks (prefix bs_).
 *
 * No dividends, continuous rate r, time T in years (Actual/365), volatility
 * sigma per sqrt(year). Pure functions; GSL supplies the normal cdf/pdf. */
#ifndef INVTOP_BS_H
#define INVTOP_BS_H

#define BS_SECONDS_PER_YEAR (365.0 * 86400.0)

typedef struct {
    double price;
    double delta; /* dV/dS */
    double gamma; /* d2V/dS2 */
    double vega;  /* dV/dsigma, per 1.00 of volatility */
    double theta; /* dV/dt as calendar time passes, per year (usually < 0) */
    double vanna; /* d2V/dS dsigma, per 1.00 of volatility (same for a call and a put) */
    double volga; /* d2V/dsigma2, per 1.00 of volatility squared (same for both) */
} bs_greeks;

/* Price and greeks of one option ('C' or 'P'), to second order in S and
 * sigma: a move (dS, dsigma) changes the price by about delta dS + gamma dS^2/2
 * + vega dsigma + vanna dS dsigma + volga dsigma^2/2. Returns 0, or -1 when an
 * input is out of its domain (S, K, T or sigma not > 0, non-finite values,
 * another right); *out is then untouched. */
int bs_greeks_of(double S, double K, double T, double r, double sigma, char right,
                 bs_greeks *out);

/* Price only, for scenario revaluation. Inputs must be valid (as checked by
 * bs_greeks_of); at T <= 0 it returns the intrinsic value. */
double bs_price(double S, double K, double T, double r, double sigma, char right);

/* Price from precomputed constants (see expo_option): x = ln S,
 * d1 = (x + d_shift) / vol_sqrt_t, strike_df = K exp(-rT). Same value as
 * bs_price for T > 0, at one exp and two erfc. */
double bs_price_fast(double x, double d_shift, double vol_sqrt_t, double strike_df, char right);

#endif
