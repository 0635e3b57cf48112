/* test_iv.c - implied volatility (risk/iv.c): price -> vol -> price round
 * trips, the statuses, and that no input makes NaN or a crash.
 *
 * The precision argument. A round trip compares bs_price(iv(P)) with
 * P = bs_price(sigma). The solver's part is small (it finds the vol whose
 * exact price is P to about 1e-14, measured against 40-digit prices), so
 * what a round trip sees is bs_price's own error, twice. bs_price is the
 * difference of two terms, S N(d1) and K e^{-rT} N(d2); rounding d1 by an
 * ulp moves N(d1) by d1^2 ulps, and the difference keeps that error while
 * shrinking to P. So its relative error is about
 *     e_bs = 4 eps (1 + d^2) (|term 1| + |term 2|) / P,
 * tiny near the money, large far out of it at small total vol (S/K = 0.62,
 * two weeks, 8% vol: P = 4e-225 and e_bs = 4e-10), and not smooth in sigma.
 * So, per point:
 *  - resolved: P >= 1e-280 K (clear of the subnormal range), an
 *    in-the-money option's time value (its out-of-the-money twin's price)
 *    >= 1e-12 max(S, K) (P - intrinsic is more than rounding noise), P at
 *    least 1e-12 below the no-arbitrage bound, and e_bs <= 1e-11: the status
 *    must be IV_OK and the round trip within 1e-10 relative;
 *  - the same but e_bs > 1e-11 (bs_price cannot resolve 1e-10 there):
 *    IV_OK and the round trip within 10 e_bs;
 *  - in both, the vol must come back to within what the price's rounding
 *    allows: |sigma' - sigma| <= 10 e_bs P / vega + 1e-12 sigma;
 *  - a price so tiny (below 1e-280 K) or so close to intrinsic that double
 *    precision cannot resolve it: IV_OK or IV_BELOW_INTRINSIC, an IV_OK vol
 *    finite and positive (and, above 1e-280 K, still reproducing P to
 *    1e-10: any vol reproduces a price that is all intrinsic);
 *  - a price within 1e-12 of the bound: IV_OK or IV_ABOVE_MAX. */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/bs.h"
#include "invtop/iv.h"

#define SENTINEL 42.0

/* xorshift64*: reproducible draws */
static double uniform(uint64_t *st)
{
    *st ^= *st >> 12;
    *st ^= *st << 25;
    *st ^= *st >> 27;
    return (double)((*st * 2685821657736338717ull) >> 11) * 0x1p-53;
}

static double log_uniform(uint64_t *st, double lo, double hi)
{
    return lo * exp(uniform(st) * log(hi / lo));
}

typedef struct {
    size_t resolved, loose, unresolved;
    double worst; /* largest round-trip relative error among resolved */
} tally;

static double ncdf(double z)
{
    return 0.5 * erfc(-z * M_SQRT1_2);
}

/* Checks one (S, K, T, r, sigma, right) as the header comment says. */
static void round_trip(double S, double K, double T, double r, double v, char right, tally *t)
{
    const double P = bs_price(S, K, T, r, v, right);
    const double Kd = K * exp(-r * T), bound = right == 'C' ? S : Kd;
    const int itm = right == 'C' ? S > Kd : Kd > S;
    const double twin = itm ? bs_price(S, K, T, r, v, right == 'C' ? 'P' : 'C') : P;
    const int tiny = !(P >= 1e-280 * K && (!itm || twin >= 1e-12 * fmax(S, K)));
    const int at_bound = bound - P <= 1e-12 * bound;
    double sigma = SENTINEL;
    const iv_status st = iv_implied(P, S, K, T, r, right, &sigma);
    if (tiny || at_bound) {
        t->unresolved++;
        if (st != IV_OK && st != (tiny ? IV_BELOW_INTRINSIC : IV_ABOVE_MAX))
            fail_msg("unresolved S=%.17g K=%g T=%.17g r=%g v=%.17g %c P=%.17g: %s", S, K, T, r, v, right, P,
                     iv_status_name(st));
        if (st != IV_OK) {
            assert_true(sigma == SENTINEL);
            return;
        }
        if (!(isfinite(sigma) && sigma > 0))
            fail_msg("S=%.17g T=%.17g v=%.17g %c: sigma %g", S, T, v, right, sigma);
        if (tiny && P >= 1e-280 * K) {
            const double back = bs_price(S, K, T, r, sigma, right);
            if (!(fabs(back - P) <= 1e-10 * P))
                fail_msg("unresolved S=%.17g T=%.17g v=%.17g %c: P %.17g back %.17g", S, T, v, right, P, back);
        }
        return;
    }
    const double sq = v * sqrt(T), d1 = (log(S / K) + (r + 0.5 * v * v) * T) / sq, d2 = d1 - sq;
    const double terms = right == 'C' ? S * ncdf(d1) + Kd * ncdf(d2) : S * ncdf(-d1) + Kd * ncdf(-d2);
    const double e_bs = 4 * DBL_EPSILON * (1 + fmax(d1 * d1, d2 * d2)) * terms / P;
    const double tol = e_bs <= 1e-11 ? 1e-10 : 10 * e_bs;
    if (e_bs <= 1e-11)
        t->resolved++;
    else
        t->loose++;
    if (st != IV_OK)
        fail_msg("S=%.17g K=%g T=%.17g r=%g v=%.17g %c P=%.17g: %s", S, K, T, r, v, right, P,
                 iv_status_name(st));
    assert_true(isfinite(sigma) && sigma > 0);
    const double back = bs_price(S, K, T, r, sigma, right);
    const double err = fabs(back - P) / P;
    if (!(err <= tol))
        fail_msg("S=%.17g K=%g T=%.17g r=%g v=%.17g %c: P %.17g, sigma %.17g, back %.17g (%.3g > %.3g)", S,
                 K, T, r, v, right, P, sigma, back, err, tol);
    if (e_bs <= 1e-11 && err > t->worst)
        t->worst = err;
    bs_greeks g;
    assert_int_equal(bs_greeks_of(S, K, T, r, v, right, &g), 0);
    const double vol_tol = 10 * e_bs * P / g.vega + 1e-12 * v;
    if (!(fabs(sigma - v) <= vol_tol))
        fail_msg("S=%.17g K=%g T=%.17g r=%g %c: sigma %.17g back as %.17g (tolerance %.3g)", S, K, T, r,
                 right, v, sigma, vol_tol);
}

/* A grid over moneyness 0.5..2, expiries one hour..two years, vols
 * 0.05..3, calls and puts, r 0 and 5%. */
static void round_trip_grid(void **state)
{
    (void)state;
    static const double mny[] = {0.5, 0.6, 0.75, 0.9, 0.97, 0.99, 1, 1.01, 1.03, 1.1, 1.3, 1.6, 2};
    static const double Ts[] = {1.0 / 8760, 1.0 / 365, 7.0 / 365, 30.0 / 365, 0.25, 1, 2};
    static const double vols[] = {0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3};
    static const double rates[] = {0, 0.05};
    tally t = {0, 0, 0, 0};
    for (size_t a = 0; a < sizeof mny / sizeof *mny; a++)
        for (size_t b = 0; b < sizeof Ts / sizeof *Ts; b++)
            for (size_t c = 0; c < sizeof vols / sizeof *vols; c++)
                for (size_t d = 0; d < 2; d++) {
                    round_trip(100 * mny[a], 100, Ts[b], rates[d], vols[c], 'C', &t);
                    round_trip(100 * mny[a], 100, Ts[b], rates[d], vols[c], 'P', &t);
                }
    /* the grid must mostly be resolved, or it tests little */
    print_message("grid: %zu resolved (worst round trip %.2g), %zu within bs_price's error, %zu unresolved\n",
                  t.resolved, t.worst, t.loose, t.unresolved);
    assert_true(t.resolved > t.loose + t.unresolved); /* or the grid tests little */
}

/* The same ranges drawn at random (log-uniform), strikes of any scale. */
static void round_trip_random(void **state)
{
    (void)state;
    uint64_t st = 12345;
    tally t = {0, 0, 0, 0};
    for (int i = 0; i < 200000; i++) {
        const double K = log_uniform(&st, 1e-3, 1e5), S = K * log_uniform(&st, 0.5, 2);
        const double T = log_uniform(&st, 1.0 / 8760, 2), v = log_uniform(&st, 0.05, 3);
        const double r = uniform(&st) < 0.5 ? 0 : 0.05;
        round_trip(S, K, T, r, v, uniform(&st) < 0.5 ? 'C' : 'P', &t);
    }
    assert_true(t.resolved > 100000);
    print_message("random: %zu resolved (worst round trip %.2g), %zu within bs_price's error, %zu unresolved\n",
                  t.resolved, t.worst, t.loose, t.unresolved);
}

/* Independent reference prices (QuantLib 1.29, as in test_greeks.c): the
 * vols that made them come back to 1e-12. */
static void quantlib_prices(void **state)
{
    (void)state;
    static const struct {
        double S, K;
        int days;
        double r, sigma;
        char right;
        double price;
    } c[] = {
        {100.0, 100.0, 365, 0.05, 0.20, 'C', 10.4505835721856},
        {100.0, 100.0, 365, 0.05, 0.20, 'P', 5.57352602225697},
        {42.0, 40.0, 183, 0.10, 0.20, 'C', 4.76566563729135},
        {42.0, 40.0, 183, 0.10, 0.20, 'P', 0.809630758280045},
        {65000.0, 70000.0, 30, 0.00, 0.55, 'C', 2200.53500817354},
        {65000.0, 70000.0, 30, 0.00, 0.55, 'P', 7200.53500817353},
        {3400.0, 3000.0, 7, 0.03, 0.80, 'P', 22.6189599183859},
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        double sigma = SENTINEL;
        assert_int_equal(iv_implied(c[i].price, c[i].S, c[i].K, c[i].days / 365.0, c[i].r, c[i].right, &sigma),
                         IV_OK);
        if (fabs(sigma - c[i].sigma) > 1e-12)
            fail_msg("case %zu: sigma %.17g, QuantLib's %.2f", i, sigma, c[i].sigma);
    }
}

/* Deep out of the money, short expiries, extreme vols: the far tails where
 * a plain Black formula cancels or underflows. */
static void wings(void **state)
{
    (void)state;
    tally t = {0, 0, 0, 0};
    static const double mny[] = {0.05, 0.2, 0.5, 0.999, 1.001, 2, 5, 20};
    static const double Ts[] = {1.0 / (365 * 86400), 60.0 / (365 * 86400), 1.0 / 8760, 1, 30};
    static const double vols[] = {0.001, 0.01, 0.3, 5, 20};
    for (size_t a = 0; a < sizeof mny / sizeof *mny; a++)
        for (size_t b = 0; b < sizeof Ts / sizeof *Ts; b++)
            for (size_t c = 0; c < sizeof vols / sizeof *vols; c++) {
                round_trip(100 * mny[a], 100, Ts[b], 0.02, vols[c], 'C', &t);
                round_trip(100 * mny[a], 100, Ts[b], 0.02, vols[c], 'P', &t);
            }
    print_message("wings: %zu resolved (worst round trip %.2g), %zu within bs_price's error, %zu unresolved\n",
                  t.resolved, t.worst, t.loose, t.unresolved);
    /* one price just above the bound's reach and one a hair above intrinsic */
    double sigma = SENTINEL;
    assert_int_equal(iv_implied(99.999999, 100, 100, 1, 0, 'C', &sigma), IV_OK);
    assert_true(isfinite(sigma) && sigma > 10);
    assert_near(bs_price(100, 100, 1, 0, sigma, 'C'), 99.999999, 1e-12);
    assert_int_equal(iv_implied(20 + 1e-9, 120, 100, 1, 0, 'C', &sigma), IV_OK);
    assert_true(sigma > 0 && sigma < 0.1);
    assert_near(bs_price(120, 100, 1, 0, sigma, 'C') - 20, 1e-9, 1e-13);
    /* exactly at the money forward, tiny and huge */
    assert_int_equal(iv_implied(1e-300, 100, 100, 1, 0, 'P', &sigma), IV_OK);
    assert_near(sigma * 100 / sqrt(2 * M_PI), 1e-300, 1e-310);
    assert_int_equal(iv_implied(DBL_TRUE_MIN, 1, 1, 1, 0, 'C', &sigma), IV_OK);
    assert_true(sigma > 0 && isfinite(sigma));
    /* the same price on S = K = 100 underflows once normalised (/100) */
    sigma = SENTINEL;
    assert_int_equal(iv_implied(DBL_TRUE_MIN, 100, 100, 1, 0, 'C', &sigma), IV_BELOW_INTRINSIC);
    assert_near(sigma, SENTINEL, 0);
}

/* Total vols s = sigma sqrt(T) of 1.5 to 8, above the upper tangent point
 * for every moneyness here: the branch where the price nears its bound and
 * the objective is ln(b_max - b). */
static void high_total_vol(void **state)
{
    (void)state;
    static const double mny[] = {0.3, 0.5, 0.8, 0.95, 1.05, 1.25, 2, 3};
    static const double vols[] = {1.5, 2, 3, 4, 6, 8};
    tally t = {0, 0, 0, 0};
    for (size_t a = 0; a < sizeof mny / sizeof *mny; a++)
        for (size_t c = 0; c < sizeof vols / sizeof *vols; c++)
            for (int d = 0; d < 2; d++) {
                round_trip(100 * mny[a], 100, 1, 0.05 * d, vols[c], 'C', &t);
                round_trip(100 * mny[a], 100, 1, 0.05 * d, vols[c], 'P', &t);
            }
    /* far out of the money (S/K = 1e-28 to 1e-27, x about -64) at vols
     * near 13: the upper branch's first guess falls below the root, which
     * once sent the unbounded bracket's "converged" test to an infinite
     * vol (IV_ABOVE_MAX on a valid price) */
    for (double m = 1e-28; m < 1e-27; m *= 1.5)
        for (double v = 12; v < 14; v += 0.25)
            round_trip(100 * m, 100, 1, 0, v, 'C', &t);
    print_message("high vol: %zu resolved (worst round trip %.2g), %zu within bs_price's error, %zu unresolved\n",
                  t.resolved, t.worst, t.loose, t.unresolved);
    assert_true(t.resolved > 150);
}

static void below_intrinsic(void **state)
{
    (void)state;
    double sigma = SENTINEL;
    const double Kd = 100 * exp(-0.05);
    assert_int_equal(iv_implied(120 - Kd, 120, 100, 1, 0.05, 'C', &sigma), IV_BELOW_INTRINSIC); /* equal */
    assert_int_equal(iv_implied(120 - Kd - 0.01, 120, 100, 1, 0.05, 'C', &sigma), IV_BELOW_INTRINSIC);
    assert_int_equal(iv_implied(nextafter(Kd - 80, 0), 80, 100, 1, 0.05, 'P', &sigma), IV_BELOW_INTRINSIC);
    assert_int_equal(iv_implied(Kd - 80, 80, 100, 1, 0.05, 'P', &sigma), IV_BELOW_INTRINSIC);
    assert_int_equal(iv_implied(0, 80, 100, 1, 0.05, 'C', &sigma), IV_BELOW_INTRINSIC); /* OTM at 0 */
    assert_int_equal(iv_implied(0, 120, 100, 1, 0.05, 'P', &sigma), IV_BELOW_INTRINSIC);
    assert_int_equal(iv_implied(-1, 80, 100, 1, 0.05, 'C', &sigma), IV_BELOW_INTRINSIC);
    assert_int_equal(iv_implied(-0.0, 100, 100, 1, 0, 'P', &sigma), IV_BELOW_INTRINSIC);
    /* a deep ITM price that is its intrinsic value in double precision */
    assert_int_equal(iv_implied(bs_price(200, 100, 1.0 / 365, 0, 0.2, 'C'), 200, 100, 1.0 / 365, 0, 'C', &sigma),
                     IV_BELOW_INTRINSIC);
    assert_near(sigma, SENTINEL, 0);
}

static void above_max(void **state)
{
    (void)state;
    double sigma = SENTINEL;
    assert_int_equal(iv_implied(100, 100, 90, 1, 0.05, 'C', &sigma), IV_ABOVE_MAX); /* = S */
    assert_int_equal(iv_implied(101, 100, 90, 1, 0.05, 'C', &sigma), IV_ABOVE_MAX);
    assert_int_equal(iv_implied(90 * exp(-0.05), 100, 90, 1, 0.05, 'P', &sigma), IV_ABOVE_MAX); /* = K e^-rT */
    assert_int_equal(iv_implied(90, 100, 90, 1, 0.05, 'P', &sigma), IV_ABOVE_MAX);
    assert_int_equal(iv_implied(1e300, 100, 90, 1, 0.05, 'P', &sigma), IV_ABOVE_MAX);
    assert_int_equal(iv_implied(DBL_MAX, 100, 90, 1, 0.05, 'C', &sigma), IV_ABOVE_MAX);
    assert_near(sigma, SENTINEL, 0);
    /* one ulp under the bound: a vol or the bound, never garbage */
    iv_status st = iv_implied(nextafter(100, 0), 100, 90, 1, 0.05, 'C', &sigma);
    assert_true(st == IV_OK || st == IV_ABOVE_MAX);
    assert_true(isfinite(sigma) && sigma > 0);
}

static void bad_inputs(void **state)
{
    (void)state;
    double sigma = SENTINEL;
    static const double odd[] = {NAN, INFINITY, -INFINITY};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(iv_implied(odd[i], 100, 100, 1, 0, 'C', &sigma), IV_BAD_INPUT);
        assert_int_equal(iv_implied(5, odd[i], 100, 1, 0, 'C', &sigma), IV_BAD_INPUT);
        assert_int_equal(iv_implied(5, 100, odd[i], 1, 0, 'P', &sigma), IV_BAD_INPUT);
        assert_int_equal(iv_implied(5, 100, 100, odd[i], 0, 'C', &sigma), IV_BAD_INPUT);
        assert_int_equal(iv_implied(5, 100, 100, 1, odd[i], 'P', &sigma), IV_BAD_INPUT);
    }
    assert_int_equal(iv_implied(5, 0, 100, 1, 0, 'C', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, -100, 100, 1, 0, 'C', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, 100, 0, 1, 0, 'P', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, 100, -1, 1, 0, 'P', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, 100, 100, 0, 0, 'C', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, 100, 100, -0.5, 0, 'C', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, 100, 100, 1, 0, 'X', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, 100, 100, 1, 0, 'c', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, 100, 100, 1, 0, '\0', &sigma), IV_BAD_INPUT);
    assert_int_equal(iv_implied(5, 100, 100, 1e10, 1e-7, 'C', &sigma), IV_BAD_INPUT); /* r T = 1000 */
    assert_near(sigma, SENTINEL, 0);
}

static void status_names(void **state)
{
    (void)state;
    assert_string_equal(iv_status_name(IV_OK), "ok");
    assert_string_equal(iv_status_name(IV_BAD_INPUT), "bad_input");
    assert_string_equal(iv_status_name(IV_BELOW_INTRINSIC), "below_intrinsic");
    assert_string_equal(iv_status_name(IV_ABOVE_MAX), "above_max");
    assert_string_equal(iv_status_name((iv_status)99), "unknown");
}

/* Any doubles at all: a status in the enum, and a finite positive vol when
 * IV_OK, the output untouched otherwise. Half the draws are raw bit
 * patterns (NaNs, infinities, subnormals, huge values), half plausible
 * magnitudes over all of double's range. */
static void any_doubles(void **state)
{
    (void)state;
    uint64_t st = 777;
    size_t ok = 0;
    for (int i = 0; i < 300000; i++) {
        double in[5];
        for (int k = 0; k < 5; k++) {
            if (i % 2) {
                uint64_t bits = (uint64_t)(uniform(&st) * 0x1p32) << 32 | (uint64_t)(uniform(&st) * 0x1p32);
                memcpy(&in[k], &bits, sizeof in[k]);
            } else {
                in[k] = (uniform(&st) < 0.1 ? -1 : 1) * exp((uniform(&st) - 0.5) * 1400);
            }
        }
        if (i % 4 == 0)
            in[4] = (uniform(&st) - 0.5) * 2; /* a sane rate */
        if (i % 8 == 0) /* a price between intrinsic and the bound */
            in[0] = uniform(&st) * fabs(in[1]);
        const char right = "CPX"[i % 3];
        double sigma = SENTINEL;
        const iv_status s = iv_implied(in[0], in[1], in[2], in[3], in[4], right, &sigma);
        assert_true(s == IV_OK || s == IV_BAD_INPUT || s == IV_BELOW_INTRINSIC || s == IV_ABOVE_MAX);
        if (s == IV_OK) {
            ok++;
            if (!(isfinite(sigma) && sigma > 0))
                fail_msg("iv(%g, %g, %g, %g, %g, %c) = %g", in[0], in[1], in[2], in[3], in[4], right, sigma);
        } else {
            assert_true(sigma == SENTINEL);
        }
    }
    assert_true(ok > 1000); /* the solver itself was reached */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_grid), cmocka_unit_test(round_trip_random),
        cmocka_unit_test(quantlib_prices), cmocka_unit_test(wings),
        cmocka_unit_test(high_total_vol),
        cmocka_unit_test(below_intrinsic), cmocka_unit_test(above_max),
        cmocka_unit_test(bad_inputs),      cmocka_unit_test(status_names),
        cmocka_unit_test(any_doubles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
