/* test_skew.c - the skew models: the GLFT test vector of the hftbacktest
 * project's GLFT example (gamma 0.05, Delta 1, A 2.986162360812285,
 * k 0.04235741115084049, sigma 10.69 -> half spread 20.47208533844371 and skew
 * 9.76326865029227 ticks), the Avellaneda-Stoikov closed forms, and the
 * quoting rules (tick rounding, minimum spread, withdrawal at the limit). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/skew.h"

#define GLFT_A 2.986162360812285
#define GLFT_K 0.04235741115084049

static void near_rel(double got, double want, double tol, const char *what)
{
    if (fabs(got - want) > tol * fabs(want))
        fail_msg("%s: got %.15g, want %.15g", what, got, want);
}

static void glft_vector(void **state)
{
    (void)state;
    double c1, c2;
    assert_int_equal(skew_glft_coeffs(0.05, 0.05, 1, GLFT_A, GLFT_K, &c1, &c2), 0);
    near_rel(c1 + 0.5 * 10.69 * c2, 20.47208533844371, 1e-12, "half spread");
    near_rel(10.69 * c2, 9.76326865029227, 1e-12, "skew");
    /* xi = 0 variant: c1 = 1/k, c2 = sqrt(gamma e / (2 A Delta k)) */
    assert_int_equal(skew_glft_coeffs(0.05, 0, 1, GLFT_A, GLFT_K, &c1, &c2), 0);
    near_rel(c1, 23.608619432355397, 1e-14, "c1 (xi=0)");
    near_rel(c2, 0.7329862578293846, 1e-14, "c2 (xi=0)");
    assert_int_equal(skew_glft_coeffs(0, 0.05, 1, GLFT_A, GLFT_K, &c1, &c2), -1);
    /* through the dashboard path: at mid 10,000 one bp is one price unit */
    skew_params p;
    skew_default_params(&p);
    p.gamma = 0.05;
    p.A = GLFT_A;
    p.k = GLFT_K;
    p.min_spread_bps = 0;
    p.q_max_lots = 0;
    skew_input in = {10000, 10.69, 1, 0, 0};
    skew_quote q;
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    near_rel(q.half_spread_bps, 20.47208533844371, 1e-9, "quote half spread");
    near_rel(q.skew_bps, -9.76326865029227, 1e-9, "quote skew (long one lot)");
    near_rel(q.bid, 10000 - 9.76326865029227 - 20.47208533844371, 1e-12, "bid");
}

static void avellaneda_stoikov(void **state)
{
    (void)state;
    double r, spread;
    skew_as(100, 2, 0.1, 2, 0.5, 1.5, &r, &spread);
    assert_near(r, 100 - 2 * 0.1 * 4 * 0.5, 1e-12);   /* 99.6 */
    assert_near(spread, 0.4 * 0.5 + 1.2907704227514234, 1e-12); /* + 20 ln(16/15) */
    /* the rolling horizon, or the time left in the session */
    skew_params p;
    skew_default_params(&p);
    p.model = SKEW_AS;
    p.gamma = 0.1;
    p.k = 1.5;
    p.min_spread_bps = 0;
    p.q_max_lots = 0;
    p.session_end = 1000;
    skew_input in = {10000, 2, 2, 0, 999.5};
    skew_quote q;
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    near_rel(q.reservation, 10000 - 0.4, 1e-14, "reservation with 0.5 s left");
    near_rel(q.half_spread_bps, spread / 2, 1e-9, "half spread");
    in.now = 2000; /* past the session end: tau 0, only the liquidity term */
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    near_rel(q.half_spread_bps, 1.2907704227514234 / 2, 1e-9, "half spread at the end");
}

static void quoting_rules(void **state)
{
    (void)state;
    skew_params p;
    skew_default_params(&p);
    p.model = SKEW_LINEAR;
    p.tau_s = 4;
    p.q_max_lots = 10;
    p.min_spread_bps = 0;
    skew_input in = {100, 3, 5, 0.01, 0}; /* half spread 3*sqrt(4) = 6 bp */
    skew_quote q;
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    near_rel(q.skew_bps, -6 * 5 / 10.0, 1e-12, "linear skew");
    /* reservation 99.97, half 0.06: bid 99.91, ask 100.03, outward to 0.01 */
    assert_near(q.bid, 99.91, 1e-9);
    assert_near(q.ask, 100.03, 1e-9);
    p.model = SKEW_NONE;
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    assert_near(q.skew_bps, 0, 0);
    /* tick rounding goes outward */
    in = (skew_input){100.004, 1, 0, 0.01, 0};
    p.tau_s = 1;
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    assert_near(q.bid, 99.99, 1e-9);
    assert_near(q.ask, 100.02, 1e-9);
    /* minimum spread: zero volatility still quotes min_spread wide */
    p.min_spread_bps = 10;
    in = (skew_input){100, 0, 0, 0, 0};
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    assert_true(fabs(q.ask - q.bid - 0.1) < 1e-12);
    /* at the limit the side that adds inventory is withdrawn */
    p.model = SKEW_GLFT;
    in = (skew_input){100, 1, 10, 0, 0};
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    assert_true(isnan(q.bid) && !isnan(q.ask));
    in.q_lots = -12;
    assert_int_equal(skew_quote_of(&p, &in, &q), 0);
    assert_true(!isnan(q.bid) && isnan(q.ask));
    /* unquotable inputs */
    in = (skew_input){NAN, 1, 0, 0, 0};
    assert_int_equal(skew_quote_of(&p, &in, &q), -1);
    in = (skew_input){100, NAN, 0, 0, 0};
    assert_int_equal(skew_quote_of(&p, &in, &q), -1);
    skew_model m;
    assert_int_equal(skew_parse_model("glft0", &m), 0);
    assert_int_equal(m, SKEW_GLFT0);
    assert_int_equal(skew_parse_model("fancy", &m), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(glft_vector),
        cmocka_unit_test(avellaneda_stoikov),
        cmocka_unit_test(quoting_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
