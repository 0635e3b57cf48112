/* iv.h - Black-Scholes implied volatility (prefix iv_).
 *
 * The inverse of bs_price in sigma: no dividends, continuous rate r, time T
 * in years, right 'C' or 'P'. Pure computation, no state, thread-safe.
 *
 * Method (risk/iv.c), after Peter Jaeckel, "Let's Be Rational" (2013/2015):
 * the price is normalised (undiscounted, divided by sqrt(F K), with
 * x = ln(F/K)); an in-the-money option becomes its out-of-the-money twin by
 * put-call parity, and a put a call with -x, so one function b(x, s) of the
 * total volatility s = sigma sqrt(T) is inverted, for x <= 0 only. b is
 * evaluated without cancellation or underflow as exp(-(h^2+t^2)/2)/sqrt(2 pi)
 * times Y(h+t) - Y(h-t), h = x/s, t = s/2, Y = Phi/phi: by an asymptotic
 * series far in the left tail, a Taylor series in t for small t, erfcx
 * elsewhere. Four branches split at the inflection point s_c = sqrt(2|x|)
 * and the tangent-line points s_l, s_u, as in the paper; each has its own
 * objective (1/ln b low, b itself in the middle, ln(b_max - b) high, so that
 * the objective is nearly linear in s) and Householder iterations of order
 * 4, kept inside a bracket (bisection when a step would leave it). Where the
 * paper fits rational cubics for the first guess, this code uses simpler
 * ones: the paper's lower and upper maps with a quadratic interpolation, and
 * a cubic Hermite in the middle; it then iterates until a step is below
 * 1e-9 of s (the next would be below 1e-30). Measured: two or three
 * iterations (the paper: two), after the one or two evaluations that pick
 * the branch (as in the paper); about 1.7 M solves/s on one core
 * (bench/bench_iv).
 * The vol found prices back to the given price within about 1e-14 relative
 * (checked against 40-digit prices); a round trip through bs_price is
 * limited by bs_price's own rounding (tests/test_iv.c says how much). */
#ifndef INVTOP_IV_H
#define INVTOP_IV_H

typedef enum { IV_OK = 0, IV_BAD_INPUT, IV_BELOW_INTRINSIC, IV_ABOVE_MAX } iv_status;

/* Black-Scholes implied volatility of a European option price (no
 * dividends, continuous rate r, T years, right 'C' or 'P').
 * Takes the option's price (discounted, as bs_price returns it), spot S,
 * strike K, time T, rate r, right, and where to write the volatility.
 * Returns IV_OK and *sigma > 0, finite, such that bs_price(S, K, T, r,
 * *sigma, right) gives back price. Errors, with *sigma untouched:
 *  IV_BAD_INPUT: a non-finite input, S, K or T not > 0, |r T| > 700 (the
 *    discount factor would leave double range), right not 'C' or 'P';
 *  IV_BELOW_INTRINSIC: price <= the discounted intrinsic value
 *    (max(S - K e^{-rT}, 0) for a call, max(K e^{-rT} - S, 0) for a put),
 *    negative prices included: no finite positive volatility gives it; also
 *    when the part above intrinsic is too small to be represented once
 *    normalised (below about 1e-308 of sqrt(S K)), or the volatility found
 *    underflows to 0;
 *  IV_ABOVE_MAX: price >= the no-arbitrage bound (S for a call, K e^{-rT}
 *    for a put), which only an infinite volatility reaches.
 * sigma must not be NULL (asserted). */
iv_status iv_implied(double price, double S, double K, double T, double r, char right, double *sigma);

/* The status's name, for logs and messages: "ok", "bad_input",
 * "below_intrinsic", "above_max"; "unknown" for a value outside the enum.
 * Returns a static string, never NULL. */
const char *iv_status_name(iv_status s);

#endif
