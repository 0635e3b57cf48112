/* test_lp.c - concentrated-liquidity formulas against hand computations
 * (the literals below are the lp.h formulas evaluated in 40-digit decimal
 * arithmetic) and against their own finite differences. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/lp.h"

/* L = 1000 on [2500, 3500]: sqrt(lower) = 50, sqrt(upper) = 59.16079783099616,
 * deposited at 3000 (sqrt 54.77225575051661). */
static const lp_range R = {1000, 2500, 3500};

static void inside_at_deposit(void **state)
{
    (void)state;
    double x, y;
    lp_amounts(&R, 3000, &x, &y);
    /* x = 1000 (1/54.772... - 1/59.160...) = 1000 (0.0182574186 - 0.0169030851) */
    assert_near(x, 1.354333488935205565, 1e-12);
    /* y = 1000 (54.772... - 50) */
    assert_near(y, 4772.255750516611346, 1e-9);
    assert_near(lp_value(&R, 3000), 8835.256217322228041, 1e-9);
    assert_near(lp_delta(&R, 3000), x, 0);
    /* -1000 / (2 * 3000^1.5) */
    assert_near(lp_gamma(&R, 3000), -0.003042903097250922853, 1e-15);
    assert_true(lp_in_range(&R, 3000));
    assert_near(lp_il(&R, 3000, 3000), 0, 1e-9);
}

static void inside_after_a_rise(void **state)
{
    (void)state;
    double x, y;
    lp_amounts(&R, 3200, &x, &y);
    assert_near(x, 0.7745844350933565598, 1e-12);
    assert_near(y, 6568.542494923801952, 1e-9);
    assert_near(lp_value(&R, 3200), 9047.212687222542944, 1e-9);
    assert_near(lp_gamma(&R, 3200), -0.002762135864009951267, 1e-15);
    /* held deposit: 1.35433... * 3200 + 4772.2557... = 9106.1229...; the
     * position sold base on the way up */
    assert_near(lp_il(&R, 3000, 3200), -58.91022788672621031, 1e-9);
}

static void above_the_range_all_quote(void **state)
{
    (void)state;
    double x, y;
    lp_amounts(&R, 3600, &x, &y);
    assert_near(x, 0, 0);
    /* y = 1000 (59.160... - 50), the same at any price above */
    assert_near(y, 9160.797830996160426, 1e-9);
    assert_near(lp_value(&R, 3600), 9160.797830996160426, 1e-9);
    assert_near(lp_value(&R, 1e6), 9160.797830996160426, 1e-9);
    assert_near(lp_gamma(&R, 3600), 0, 0);
    assert_false(lp_in_range(&R, 3600));
    assert_false(lp_in_range(&R, 3500)); /* active on [lower, upper) */
    assert_near(lp_il(&R, 3000, 3600), -487.0584796871909542, 1e-9);
}

static void below_the_range_all_base(void **state)
{
    (void)state;
    double x, y;
    lp_amounts(&R, 2000, &x, &y);
    /* x = 1000 (1/50 - 1/59.160...) */
    assert_near(x, 3.096914905429668450, 1e-12);
    assert_near(y, 0, 0);
    assert_near(lp_value(&R, 2000), 6193.829810859336900, 1e-9);
    assert_near(lp_delta(&R, 2000), x, 0);
    assert_near(lp_gamma(&R, 2000), 0, 0);
    assert_false(lp_in_range(&R, 2000));
    assert_true(lp_in_range(&R, 2500));
    assert_near(lp_il(&R, 3000, 2000), -1287.092917527685576, 1e-9);
}

static void full_range_is_v2(void **state)
{
    (void)state;
    const lp_range full = {1000, 0, INFINITY};
    assert_int_equal(lp_check(&full), 0);
    for (double P = 0.5; P < 1e6; P *= 7.3) {
        double x, y;
        lp_amounts(&full, P, &x, &y);
        assert_near(x, 1000 / sqrt(P), 1e-12 * x);
        assert_near(y, 1000 * sqrt(P), 1e-12 * y);
        assert_near(lp_value(&full, P), 2 * 1000 * sqrt(P), 1e-12 * y);
        assert_true(lp_in_range(&full, P));
    }
    assert_near(lp_value(&full, 3000), 109544.5115010332227, 1e-8);
}

/* Central differences of the value and of the delta inside the range. */
static void greeks_are_derivatives(void **state)
{
    (void)state;
    const lp_range full = {1000, 0, INFINITY}, narrow = {250, 0.9, 1.1};
    const struct {
        const lp_range *r;
        double P;
    } cases[] = {{&R, 2600}, {&R, 3000}, {&R, 3400}, {&full, 3000}, {&narrow, 0.95}, {&narrow, 1.05}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const lp_range *r = cases[i].r;
        double P = cases[i].P, h = P * 1e-5;
        double fd_delta = (lp_value(r, P + h) - lp_value(r, P - h)) / (2 * h);
        double fd_gamma = (lp_delta(r, P + h) - lp_delta(r, P - h)) / (2 * h);
        double d = lp_delta(r, P), g = lp_gamma(r, P);
        if (fabs(fd_delta - d) > 1e-6 * fabs(d))
            fail_msg("case %zu: fd delta %.12g, delta %.12g", i, fd_delta, d);
        if (fabs(fd_gamma - g) > 1e-6 * fabs(g))
            fail_msg("case %zu: fd gamma %.12g, gamma %.12g", i, fd_gamma, g);
    }
}

static void impermanent_loss_never_gains(void **state)
{
    (void)state;
    for (double P = 1000; P < 6000; P += 137)
        assert_true(lp_il(&R, 3000, P) <= 1e-9);
}

static void check_refuses_bad_ranges(void **state)
{
    (void)state;
    assert_int_equal(lp_check(&R), 0);
    const lp_range bad[] = {
        {-1, 2500, 3500}, {NAN, 2500, 3500}, {INFINITY, 2500, 3500}, {1, -1, 3500},
        {1, 3500, 3500},  {1, 3500, 2500},   {1, NAN, 3500},         {1, 2500, NAN},
        {1, INFINITY, INFINITY},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (lp_check(&bad[i]) != -1)
            fail_msg("bad range %zu accepted", i);
    assert_int_equal(lp_check(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(inside_at_deposit),
        cmocka_unit_test(inside_after_a_rise),
        cmocka_unit_test(above_the_range_all_quote),
        cmocka_unit_test(below_the_range_all_base),
        cmocka_unit_test(full_range_is_v2),
        cmocka_unit_test(greeks_are_derivatives),
        cmocka_unit_test(impermanent_loss_never_gains),
        cmocka_unit_test(check_refuses_bad_ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
