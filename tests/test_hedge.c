/* test_hedge.c - the hedge arithmetic (risk/hedge.c) against Hull's worked
 * example, hand-solved systems and the edges of its contract. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/hedge.h"

/* Hull, Options, Futures and Other Derivatives (8th ed.), Example 3.3 and
 * Table 3.3: an airline buys 2,000,000 gallons of jet fuel in a month and
 * hedges with heating oil futures (42,000 gallons a contract). Fifteen
 * monthly changes, per gallon, of the futures price (F) and of the jet fuel
 * price (S). */
static const double TABLE_F[15] = {0.021,  0.035,  -0.046, 0.001, 0.044,  -0.029, -0.026, -0.029,
                                   0.048,  -0.006, -0.036, -0.011, 0.019, -0.027, 0.029};
static const double TABLE_S[15] = {0.029, 0.020,  -0.044, 0.008,  0.026, -0.019, -0.010, -0.007,
                                   0.043, 0.011, -0.036, -0.018, 0.009, -0.032, 0.023};

/* Sample covariance of a and b (n - 1 in the denominator, as Hull). */
static double sample_cov(const double *a, const double *b, size_t n)
{
    double ma = 0, mb = 0, s = 0;
    for (size_t i = 0; i < n; i++) {
        ma += a[i];
        mb += b[i];
    }
    ma /= (double)n;
    mb /= (double)n;
    for (size_t i = 0; i < n; i++)
        s += (a[i] - ma) * (b[i] - mb);
    return s / (double)(n - 1);
}

/* Hull prints sigma_S = 0.0263, sigma_F = 0.0313, rho = 0.928 and
 * h* = 0.928 x 0.0263 / 0.0313 = 0.7777. The formula on those rounded
 * inputs does not give 0.7777:
 *   0.0263 / 0.0313 = 0.840255591...,  x 0.928 = 0.779757188...
 * Hull's 0.7777 is the formula on the unrounded statistics of Table 3.3
 * (sigma_F = 0.0313434, sigma_S = 0.0262548, rho = 0.9283723 give
 * 0.7776507; see the next test). Here: the exact formula value on the
 * printed inputs. N* = 0.77976 x 2,000,000 / 42,000 = 37.13 -> 37, the
 * same 37 Hull gets from 0.7777 (37.03). */
static void hull_example_3_3_printed_inputs(void **state)
{
    (void)state;
    const double h = hg_mv_ratio(0.928, 0.0263, 0.0313);
    assert_near(h, 0.928 * 0.0263 / 0.0313, 0);
    assert_near(h, 0.7797571884984026, 1e-15);
    assert_near(hg_mv_contracts(h, 2000000, 42000), 37, 0);
    assert_near(hg_mv_contracts(0.7777, 2000000, 42000), 37, 0);
}

/* From the table itself: Hull's three statistics to the digits he prints,
 * and h* = 0.7777 to his four decimals, both as rho sigma_S / sigma_F and
 * as the one-instrument hg_mv_multi (cov(F,S) / var(F)), which also
 * removes 100 rho^2 percent of var(S). */
static void hull_table_3_3_unrounded(void **state)
{
    (void)state;
    const double var_f = sample_cov(TABLE_F, TABLE_F, 15), var_s = sample_cov(TABLE_S, TABLE_S, 15);
    const double cov_fs = sample_cov(TABLE_F, TABLE_S, 15);
    const double sigma_f = sqrt(var_f), sigma_s = sqrt(var_s), rho = cov_fs / (sigma_f * sigma_s);
    assert_near(sigma_f, 0.0313, 0.00005);
    assert_near(sigma_s, 0.0263, 0.00005);
    assert_near(rho, 0.928, 0.0005);
    const double h = hg_mv_ratio(rho, sigma_s, sigma_f);
    assert_near(h, 0.7777, 0.00005);
    assert_near(hg_mv_contracts(h, 2000000, 42000), 37, 0);

    double hm = NAN, removed = NAN;
    assert_int_equal(hg_mv_multi(1, &var_f, &cov_fs, var_s, &hm, &removed), 0);
    assert_near(hm, h, 1e-12);
    assert_near(removed, 100 * rho * rho, 1e-9);
}

/* 100 x 0.928^2 = 100 x 0.861184 = 86.1184 */
static void variance_removed(void **state)
{
    (void)state;
    assert_near(hg_variance_removed(0.928), 86.1184, 1e-10);
    assert_near(hg_variance_removed(-0.928), 86.1184, 1e-10);
    assert_near(hg_variance_removed(1), 100, 0);
    assert_near(hg_variance_removed(-1), 100, 0);
    assert_near(hg_variance_removed(0), 0, 0);
    assert_true(isnan(hg_variance_removed(1.0001)));
    assert_true(isnan(hg_variance_removed(-1.0001)));
    assert_true(isnan(hg_variance_removed(NAN)));
}

static void ratio_and_contracts_edges(void **state)
{
    (void)state;
    assert_true(isnan(hg_mv_ratio(0.9, 0.02, 0)));
    assert_true(isnan(hg_mv_ratio(0.9, 0.02, -0.01)));
    assert_true(isnan(hg_mv_ratio(NAN, 0.02, 0.03)));
    assert_true(isnan(hg_mv_ratio(0.9, INFINITY, 0.03)));
    assert_true(isnan(hg_mv_ratio(0.9, 0.02, INFINITY)));
    /* a negative correlation: hedge the other way */
    assert_near(hg_mv_ratio(-0.5, 0.04, 0.02), -1, 1e-15);

    assert_true(isnan(hg_mv_contracts(0.8, 1000, 0)));
    assert_true(isnan(hg_mv_contracts(0.8, 1000, -5)));
    assert_true(isnan(hg_mv_contracts(NAN, 1000, 10)));
    assert_true(isnan(hg_mv_contracts(0.8, INFINITY, 10)));
    assert_true(isnan(hg_mv_contracts(1e300, 1e300, 1)));
    /* to the nearest, halves away from zero: 1.5 -> 2, -1.5 -> -2, 1.49 -> 1 */
    assert_near(hg_mv_contracts(0.5, 3, 1), 2, 0);
    assert_near(hg_mv_contracts(-0.5, 3, 1), -2, 0);
    assert_near(hg_mv_contracts(0.5, 2.98, 1), 1, 0);
}

/* k = 1: cov_hh = sigma_h^2, cov_hx = rho sigma_x sigma_h, var_x = sigma_x^2
 * gives h = rho sigma_x / sigma_h and removed = 100 rho^2. */
static void multi_with_one_instrument_is_the_single_formula(void **state)
{
    (void)state;
    const double rho = 0.928, sx = 0.0263, sh = 0.0313;
    const double cov_hh = sh * sh, cov_hx = rho * sx * sh;
    double h = NAN, removed = NAN;
    assert_int_equal(hg_mv_multi(1, &cov_hh, &cov_hx, sx * sx, &h, &removed), 0);
    assert_near(h, hg_mv_ratio(rho, sx, sh), 1e-15);
    assert_near(removed, hg_variance_removed(rho), 1e-10);
}

/* k = 2, solved by hand with Cramer's rule:
 *   cov_hh = [4 1; 1 2], cov_hx = [3; 2], var_x = 4
 *   det = 4 x 2 - 1 x 1 = 7
 *   h1 = det[3 1; 2 2] / 7 = (3 x 2 - 1 x 2) / 7 = 4/7
 *   h2 = det[4 3; 1 2] / 7 = (4 x 2 - 3 x 1) / 7 = 5/7
 *   cov_hx' h = 3 x 4/7 + 2 x 5/7 = 22/7
 *   removed = 100 x (22/7) / 4 = 550/7 = 78.571428...%
 * (the 3 x 3 covariance [4 1 3; 1 2 2; 3 2 4] is positive definite: its
 * Schur complement 4 - 22/7 = 6/7 > 0) */
static void multi_with_two_instruments_by_cramer(void **state)
{
    (void)state;
    const double cov_hh[4] = {4, 1, 1, 2}, cov_hx[2] = {3, 2};
    double h[2] = {NAN, NAN}, removed = NAN;
    assert_int_equal(hg_mv_multi(2, cov_hh, cov_hx, 4, h, &removed), 0);
    assert_near(h[0], 4.0 / 7, 1e-15);
    assert_near(h[1], 5.0 / 7, 1e-15);
    assert_near(removed, 550.0 / 7, 1e-12);
}

static void multi_failures_leave_outputs_unchanged(void **state)
{
    (void)state;
    const double sentinel = 12345.678;
    double h[2] = {sentinel, sentinel}, removed = sentinel;
    /* [1 2; 2 1]: eigenvalues 3 and -1, not positive definite */
    const double indefinite[4] = {1, 2, 2, 1};
    /* [1 1; 1 1]: singular, only semi-definite */
    const double singular[4] = {1, 1, 1, 1};
    const double good[4] = {4, 1, 1, 2}, nan_hh[4] = {4, 1, NAN, 2};
    const double cov_hx[2] = {3, 2}, nan_hx[2] = {3, NAN};
    assert_int_equal(hg_mv_multi(2, indefinite, cov_hx, 4, h, &removed), -1);
    assert_int_equal(hg_mv_multi(2, singular, cov_hx, 4, h, &removed), -1);
    assert_int_equal(hg_mv_multi(0, good, cov_hx, 4, h, &removed), -1);
    assert_int_equal(hg_mv_multi(2, good, cov_hx, 0, h, &removed), -1);
    assert_int_equal(hg_mv_multi(2, good, cov_hx, -1, h, &removed), -1);
    assert_int_equal(hg_mv_multi(2, good, cov_hx, NAN, h, &removed), -1);
    assert_int_equal(hg_mv_multi(2, nan_hh, cov_hx, 4, h, &removed), -1);
    assert_int_equal(hg_mv_multi(2, good, nan_hx, 4, h, &removed), -1);
    assert_near(h[0], sentinel, 0);
    assert_near(h[1], sentinel, 0);
    assert_near(removed, sentinel, 0);
}

/* +5.0004 BTC at 65,000 hedged with a perp of lot 0.001: one lot adds
 * 0.001 x 65,000 = 65 USD of delta; 5.0004 x 65,000 = 325,026 USD of delta
 * is 5000.4 lots, so sell 5000. */
static void lots_to_the_middle_of_the_band(void **state)
{
    (void)state;
    const double lot_delta = 0.001 * 65000;
    assert_near(hg_lots(5.0004 * 65000, lot_delta), -5000, 0);
    assert_near(hg_lots(-5.0004 * 65000, lot_delta), 5000, 0);
    /* halves away from zero: 32.5 / 65 = 0.5 exactly */
    assert_near(hg_lots(32.5, 65), -1, 0);
    assert_near(hg_lots(-32.5, 65), 1, 0);
    /* just under a half: nothing */
    assert_near(hg_lots(32.4, 65), 0, 0);
    assert_near(hg_lots(97.5, 65), -2, 0);
    /* a short perp's lot delta is negative: buy back the other way */
    assert_near(hg_lots(130, -65), 2, 0);
}

static void lots_without_a_usable_lot(void **state)
{
    (void)state;
    assert_near(hg_lots(325026, NAN), 0, 0);
    assert_near(hg_lots(325026, 0), 0, 0);
    assert_near(hg_lots(325026, -0.0), 0, 0);
    assert_near(hg_lots(325026, INFINITY), 0, 0);
    assert_near(hg_lots(NAN, 65), 0, 0);
    assert_near(hg_lots(INFINITY, 65), 0, 0);
    assert_near(hg_lots(1e300, 1e-300), 0, 0);
    /* no -0: a zero delta is +0 lots */
    assert_false(signbit(hg_lots(0, 65)));
    assert_false(signbit(hg_lots(10, 65)));
}

static void outside_the_band(void **state)
{
    (void)state;
    assert_false(hg_outside(1000, 1000));
    assert_false(hg_outside(-1000, 1000));
    assert_true(hg_outside(1000.0001, 1000));
    assert_true(hg_outside(-1000.0001, 1000));
    assert_false(hg_outside(0, 0));
    assert_true(hg_outside(0.01, 0));
    assert_false(hg_outside(NAN, 1000));
    assert_false(hg_outside(NAN, 0));
    assert_false(hg_outside(1e9, NAN));
    assert_true(hg_outside(INFINITY, 1000));
}

static void state_names(void **state)
{
    (void)state;
    static const char *const hg[] = {"suggested", "inside",    "pending", "cooldown", "no_price",  "no_instrument",
                                     "too_small", "capped",    "kill",    "read_only", "no_channel"};
    static const char *const ord[] = {"pending", "acked", "partial", "filled", "expired", "rejected", "refused"};
    assert_int_equal(sizeof hg / sizeof *hg, HG_STATE_COUNT);
    assert_int_equal(sizeof ord / sizeof *ord, ORD_STATE_COUNT);
    for (int s = 0; s < HG_STATE_COUNT; s++)
        assert_string_equal(hg_state_name(s), hg[s]);
    for (int s = 0; s < ORD_STATE_COUNT; s++)
        assert_string_equal(ord_state_name(s), ord[s]);
    /* volatile: a constant index past the table lets the compiler fold the
     * out-of-bounds read away (to NULL) and hide an off-by-one */
    volatile int past_hg = HG_STATE_COUNT, past_ord = ORD_STATE_COUNT, before = -1;
    assert_null(hg_state_name(past_hg));
    assert_null(hg_state_name(before));
    assert_null(ord_state_name(past_ord));
    assert_null(ord_state_name(before));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hull_example_3_3_printed_inputs),
        cmocka_unit_test(hull_table_3_3_unrounded),
        cmocka_unit_test(variance_removed),
        cmocka_unit_test(ratio_and_contracts_edges),
        cmocka_unit_test(multi_with_one_instrument_is_the_single_formula),
        cmocka_unit_test(multi_with_two_instruments_by_cramer),
        cmocka_unit_test(multi_failures_leave_outputs_unchanged),
        cmocka_unit_test(lots_to_the_middle_of_the_band),
        cmocka_unit_test(lots_without_a_usable_lot),
        cmocka_unit_test(outside_the_band),
        cmocka_unit_test(state_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
