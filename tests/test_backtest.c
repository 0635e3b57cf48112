/* test_backtest.c - Kupiec, Christoffersen and the Basel zones. References:
 * the test vector (5 in 250 at 99%: LR 1.956810, p 0.161855), the
 * closed form for zero exceptions, scipy for Christoffersen, and the Basel
 * Committee's table for 250 observations (green 0-4, yellow 5-9, red 10+). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <gsl/gsl_cdf.h>

#include "invtop/backtest.h"

static void kupiec(void **state)
{
    (void)state;
    double p;
    double lr = bt_kupiec(5, 250, 0.01, &p);
    assert_true(fabs(lr - 1.956810) < 5e-7);
    assert_true(fabs(p - 0.161855) < 5e-7);
    /* zero exceptions: LR = -2 * 250 * ln(0.99), finite */
    lr = bt_kupiec(0, 250, 0.01, &p);
    assert_true(isfinite(lr) && isfinite(p));
    assert_true(fabs(lr - (-2 * 250 * log(0.99))) < 1e-10);
    /* all exceptions: LR = -2 * 250 * ln(0.01) */
    lr = bt_kupiec(250, 250, 0.01, &p);
    assert_true(fabs(lr - (-2 * 250 * log(0.01))) < 1e-9);
    lr = bt_kupiec(0, 0, 0.01, &p);
    assert_true(lr == 0 && p == 1);
}

static void christoffersen(void **state)
{
    (void)state;
    bool hits[250] = {false};
    int at[] = {10, 11, 50, 51, 52, 120, 200};
    for (size_t i = 0; i < sizeof at / sizeof *at; i++)
        hits[at[i]] = true;
    double p;
    double lr = bt_christoffersen(hits, 250, &p);
    /* scipy: n00=238 n01=4 n10=4 n11=3 -> LR 13.487563523752076, p 0.00024014982189789623 */
    assert_true(fabs(lr - 13.487563523752076) < 1e-9);
    assert_true(fabs(p - 0.00024014982189789623) < 1e-12);
    bool none[10] = {false};
    lr = bt_christoffersen(none, 10, &p);
    assert_true(lr == 0 && p == 1);
}

/* The Basel Committee's table for 250 observations at 99% (BCBS 1996,
 * "Supervisory framework for the use of backtesting in conjunction with the
 * internal models approach", Table 2): the zone and the cumulative
 * probability of at most x exceptions, in percent to two decimals. */
static void basel_zones(void **state)
{
    (void)state;
    static const double cumulative[] = {8.11,  28.58, 54.32, 75.81, 89.22, 95.88,
                                        98.63, 99.60, 99.89, 99.97, 99.99};
    for (size_t x = 0; x <= 12; x++) {
        bt_zone want = x <= 4 ? BT_GREEN : x <= 9 ? BT_YELLOW : BT_RED;
        if (bt_zone_of(x, 250, 0.01) != want)
            fail_msg("%zu exceptions: zone %s", x, bt_zone_name(bt_zone_of(x, 250, 0.01)));
        if (x < sizeof cumulative / sizeof *cumulative) {
            double c = 100 * gsl_cdf_binomial_P((unsigned)x, 0.01, 250);
            if (fabs(c - cumulative[x]) > 0.005 + 1e-9)
                fail_msg("%zu exceptions: cumulative %.4f%%, the table says %.2f%%", x, c, cumulative[x]);
        }
    }
    assert_string_equal(bt_zone_name(BT_YELLOW), "yellow");
    assert_string_equal(bt_zone_name(BT_NA), "n/a");
    /* longer windows keep the 95% / 99.99% bounds (scipy binom.cdf):
     * 500: green 0-8, yellow 9-14; 1000: green 0-14, yellow 15-23 */
    assert_int_equal(bt_zone_of(8, 500, 0.01), BT_GREEN);
    assert_int_equal(bt_zone_of(9, 500, 0.01), BT_YELLOW);
    assert_int_equal(bt_zone_of(14, 500, 0.01), BT_YELLOW);
    assert_int_equal(bt_zone_of(15, 500, 0.01), BT_RED);
    assert_int_equal(bt_zone_of(14, 1000, 0.01), BT_GREEN);
    assert_int_equal(bt_zone_of(15, 1000, 0.01), BT_YELLOW);
    assert_int_equal(bt_zone_of(23, 1000, 0.01), BT_YELLOW);
    assert_int_equal(bt_zone_of(24, 1000, 0.01), BT_RED);
    /* at 95% VaR the same bounds: green up to 17 of 250 */
    assert_int_equal(bt_zone_of(17, 250, 0.05), BT_GREEN);
    assert_int_equal(bt_zone_of(18, 250, 0.05), BT_YELLOW);
}

/* Below 250 observations there is no zone, whatever the count: 0 exceptions
 * in 1 to 5 observations used to be "yellow" (at most 0 in n has probability
 * 0.99^n >= 95%). */
static void few_observations_have_no_zone(void **state)
{
    (void)state;
    for (size_t n = 0; n < BT_BASEL_N; n++)
        for (size_t x = 0; x <= n && x <= 12; x++)
            if (bt_zone_of(x, n, 0.01) != BT_NA)
                fail_msg("%zu exceptions in %zu: zone %s", x, n, bt_zone_name(bt_zone_of(x, n, 0.01)));
    assert_int_equal(bt_zone_of(0, BT_BASEL_N, 0.01), BT_GREEN);
}

static void rolling_record(void **state)
{
    (void)state;
    bool store[4], seq[4];
    bt_record r;
    bt_init(&r, store, 4);
    bool in[] = {true, false, true, true, false, false};
    for (size_t i = 0; i < 6; i++)
        bt_add(&r, in[i]);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.exceptions, 2); /* the last four: 1,1,0,0 */
    bt_sequence(&r, seq);
    assert_true(seq[0] && seq[1] && !seq[2] && !seq[3]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kupiec),
        cmocka_unit_test(christoffersen),
        cmocka_unit_test(basel_zones),
        cmocka_unit_test(few_observations_have_no_zone),
        cmocka_unit_test(rolling_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
