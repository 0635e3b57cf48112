/* test_explain.c - P&L explain (risk/explain.h) against the issue's
 * Black-Scholes reference (a call, S = K = 100, T = 0.25, r = 5%, sigma =
 * 30%: the second-order Taylor sum for dS = 0.05, dsigma = 0.004 against a
 * full revaluation), and the accounting identities by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/bs.h"
#include "invtop/explain.h"

/* One long call (qm 1) from (S0, sigma0) to (S1, sigma1), no time passing,
 * marked at the Black-Scholes price: the reference's state pair. */
static void call_states(double S1, double v1, expl_state *from, expl_state *to)
{
    bs_greeks g0, g1;
    assert_int_equal(bs_greeks_of(100, 100, 0.25, 0.05, 0.30, 'C', &g0), 0);
    assert_int_equal(bs_greeks_of(S1, 100, 0.25, 0.05, v1, 'C', &g1), 0);
    *from = (expl_state){.known = true, .qm = 1, .mark = g0.price, .S = 100, .sigma = 0.30, .delta = g0.delta,
                         .gamma = g0.gamma, .vega = g0.vega, .theta = g0.theta, .vanna = g0.vanna,
                         .volga = g0.volga, .pnl = 0, .fees = 0};
    *to = (expl_state){.known = true, .qm = 1, .mark = g1.price, .S = S1, .sigma = v1, .delta = g1.delta,
                       .gamma = g1.gamma, .vega = g1.vega, .theta = g1.theta, .vanna = g1.vanna,
                       .volga = g1.volga, .pnl = g1.price - g0.price, .fees = 0};
}

static double sum_terms(const expl_terms *t)
{
    double s = 0;
    for (int k = 0; k < EXPL_TOTAL; k++)
        s += t->term[k];
    return s;
}

static void reference_call(void **state)
{
    (void)state;
    bs_greeks g;
    assert_int_equal(bs_greeks_of(100, 100, 0.25, 0.05, 0.30, 'C', &g), 0);
    assert_near(g.price, 6.583084497992466, 1e-12);
    assert_near(g.delta, 0.5629029283920401, 1e-14);
    assert_near(g.gamma, 0.02626485733014476, 1e-15);
    assert_near(g.vega, 19.69864299760857, 1e-12);
    expl_state a, b;
    call_states(100.05, 0.304, &a, &b);
    expl_terms t;
    expl_step(&a, &b, 0, true, &t);
    const double taylor = t.term[EXPL_DELTA] + t.term[EXPL_GAMMA] + t.term[EXPL_VEGA] + t.term[EXPL_THETA] +
                          t.term[EXPL_VANNA] + t.term[EXPL_VOLGA];
    assert_near(taylor, 0.10697105384398989, 1e-13);
    assert_near(b.mark - a.mark, 0.10697083815418296, 1e-13);        /* the full revaluation */
    assert_near(t.term[EXPL_UNEXPLAINED], -2.157e-7, 0.001e-7);
    assert_near(t.term[EXPL_NEW_TRADES], 0, 1e-15);
    assert_near(t.term[EXPL_TOTAL], 0.10697083815418296, 1e-13);
    assert_near(sum_terms(&t), t.term[EXPL_TOTAL], 1e-15);
    /* without vanna and volga their P&L is unexplained: the terms still add up */
    expl_step(&a, &b, 0, false, &t);
    assert_true(t.term[EXPL_VANNA] == 0 && t.term[EXPL_VOLGA] == 0);
    assert_near(t.term[EXPL_UNEXPLAINED], 0.10697083815418296 - (taylor - g.vanna * 0.05 * 0.004 -
                                                                 0.5 * g.volga * 0.004 * 0.004), 1e-13);
    assert_near(sum_terms(&t), t.term[EXPL_TOTAL], 1e-15);
}

/* Vanna and volga against central differences of bs_price. */
static void second_order_greeks(void **state)
{
    (void)state;
    const double S = 65000, K = 70000, T = 30 / 365.0, r = 0.01, v = 0.55, h = 0.5, e = 1e-4;
    for (int k = 0; k < 2; k++) {
        const char right = k ? 'P' : 'C';
        bs_greeks g;
        assert_int_equal(bs_greeks_of(S, K, T, r, v, right, &g), 0);
        const double vanna = (bs_price(S + h, K, T, r, v + e, right) - bs_price(S + h, K, T, r, v - e, right) -
                              bs_price(S - h, K, T, r, v + e, right) + bs_price(S - h, K, T, r, v - e, right)) /
                             (4 * h * e);
        const double volga =
            (bs_price(S, K, T, r, v + e, right) - 2 * g.price + bs_price(S, K, T, r, v - e, right)) / (e * e);
        assert_near(g.vanna, vanna, 1e-5 * fabs(vanna) + 1e-9);
        assert_near(g.volga, volga, 1e-4 * fabs(volga) + 1e-6);
    }
}

/* A perpetual: its delta term is its whole revaluation; a fill in the step
 * is a new trade and its fee. */
static void linear_trades_and_fees(void **state)
{
    (void)state;
    /* 2 long at 100 -> 104; bought 1 more at 103 paying 0.5 in the step:
     * P&L now = 3 x 104 - (200 + 103) - 0.5 = 8.5 */
    expl_state a = {.known = true, .linear = true, .qm = 2, .mark = 100, .pnl = 0, .fees = 0};
    expl_state b = {.known = true, .linear = true, .qm = 3, .mark = 104, .pnl = 8.5, .fees = 0.5};
    expl_terms t;
    expl_step(&a, &b, 1.0 / 365, true, &t);
    assert_near(t.term[EXPL_DELTA], 8, 0);          /* 2 x (104 - 100) */
    assert_near(t.term[EXPL_UNEXPLAINED], 0, 0);
    assert_near(t.term[EXPL_FEES], -0.5, 0);
    assert_near(t.term[EXPL_NEW_TRADES], 1, 1e-15);  /* 1 x (104 - 103) */
    assert_near(t.term[EXPL_TOTAL], 8.5, 0);
    assert_near(sum_terms(&t), 8.5, 1e-15);
    /* an instrument first seen in the step: all of it is new trades and fees */
    const expl_state none = {0};
    expl_step(&none, &b, 1.0 / 365, true, &t);
    assert_near(t.term[EXPL_DELTA], 0, 0);
    assert_near(t.term[EXPL_NEW_TRADES], 9, 1e-15);
    assert_near(t.term[EXPL_TOTAL], 8.5, 0);
}

/* Theta over a day of an option whose price and vol stand still; steps add
 * up and widen their interval. */
static void theta_and_sums(void **state)
{
    (void)state;
    bs_greeks g0, g1;
    const double T0 = 30 / 365.0, dt = 1 / 365.0;
    assert_int_equal(bs_greeks_of(3400, 3600, T0, 0, 0.6, 'C', &g0), 0);
    assert_int_equal(bs_greeks_of(3400, 3600, T0 - dt, 0, 0.6, 'C', &g1), 0);
    expl_state a = {.known = true, .qm = 10, .mark = g0.price, .S = 3400, .sigma = 0.6, .delta = 10 * g0.delta,
                    .gamma = 10 * g0.gamma, .vega = 10 * g0.vega, .theta = 10 * g0.theta, .pnl = 0};
    expl_state b = a;
    b.mark = g1.price;
    b.pnl = 10 * (g1.price - g0.price);
    expl_terms t, sum;
    expl_step(&a, &b, dt, true, &t);
    assert_near(t.term[EXPL_THETA], 10 * g0.theta * dt, 1e-12);
    /* the one-day decay is theta's to about a percent (theta moves over the day) */
    assert_near(t.term[EXPL_THETA], b.pnl, 0.02 * fabs(b.pnl));
    assert_near(sum_terms(&t), t.term[EXPL_TOTAL], 1e-12);
    expl_clear(&sum);
    t.start = 10;
    t.end = 11;
    expl_add(&sum, &t);
    t.start = 11;
    t.end = 12;
    expl_add(&sum, &t);
    assert_near(sum.term[EXPL_TOTAL], 2 * b.pnl, 1e-12);
    assert_near(sum.start, 10, 0);
    assert_near(sum.end, 12, 0);
    assert_string_equal(expl_term_name(EXPL_NEW_TRADES), "new_trades");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reference_call),
        cmocka_unit_test(second_order_greeks),
        cmocka_unit_test(linear_trades_and_fees),
        cmocka_unit_test(theta_and_sums),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
