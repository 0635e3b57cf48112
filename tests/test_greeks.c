/* test_greeks.c - Black-Scholes against QuantLib 1.29 (literals produced by
 * tests/ref/greeks_quantlib.py) and against closed-form identities. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/bs.h"

typedef struct {
    double S, K;
    int days;
    double r, sigma;
    char right;
    double price, delta, gamma, vega, theta;
} ql_case;

static const ql_case cases[] = {
    {100.0, 100.0, 365, 0.05, 0.20, 'C', 10.4505835721856, 0.636830651175619, 0.0187620173458469, 37.5240346916938, -6.4140275464382},
    {100.0, 100.0, 365, 0.05, 0.20, 'P', 5.57352602225697, -0.363169348824381, 0.0187620173458469, 37.5240346916938, -1.65788042393462},
    {42.0, 40.0, 183, 0.10, 0.20, 'C', 4.76566563729135, 0.779163682538175, 0.0498901790397707, 8.82473889106106, -4.55604641945431},
    {42.0, 40.0, 183, 0.10, 0.20, 'P', 0.809630758280045, -0.220836317461825, 0.0498901790397707, 8.82473889106106, -0.751649907355441},
    {65000.0, 70000.0, 30, 0.00, 0.55, 'C', 2200.53500817354, 0.347843429357692, 3.6057596512395e-05, 6886.75396402831, -23041.9309713114},
    {65000.0, 70000.0, 30, 0.00, 0.55, 'P', 7200.53500817353, -0.652156570642308, 3.6057596512395e-05, 6886.75396402831, -23041.9309713114},
    {3400.0, 3000.0, 7, 0.03, 0.80, 'P', 22.6189599183859, -0.116956164525546, 0.000521506859672744, 92.4938851171912, -1916.55007772226},
};

static void rel(double got, double want, const char *what, size_t i)
{
    if (fabs(got - want) > 1e-8 * fabs(want))
        fail_msg("case %zu %s: got %.15g, QuantLib %.15g", i, what, got, want);
}

static void quantlib_values(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const ql_case *c = &cases[i];
        bs_greeks g;
        double T = c->days / 365.0;
        assert_int_equal(bs_greeks_of(c->S, c->K, T, c->r, c->sigma, c->right, &g), 0);
        rel(g.price, c->price, "price", i);
        rel(g.delta, c->delta, "delta", i);
        rel(g.gamma, c->gamma, "gamma", i);
        rel(g.vega, c->vega, "vega", i);
        rel(g.theta, c->theta, "theta", i);
        rel(bs_price(c->S, c->K, T, c->r, c->sigma, c->right), c->price, "bs_price", i);
        double vst = c->sigma * sqrt(T);
        rel(bs_price_fast(log(c->S), -log(c->K) + (c->r + 0.5 * c->sigma * c->sigma) * T, vst,
                          c->K * exp(-c->r * T), c->right),
            c->price, "bs_price_fast", i);
    }
}

static void identities(void **state)
{
    (void)state;
    double S = 1234.5, K = 1300, T = 0.37, r = 0.04, v = 0.61;
    bs_greeks c, p;
    assert_int_equal(bs_greeks_of(S, K, T, r, v, 'C', &c), 0);
    assert_int_equal(bs_greeks_of(S, K, T, r, v, 'P', &p), 0);
    /* put-call parity: C - P = S - K e^{-rT}; delta_C - delta_P = 1 */
    assert_true(fabs((c.price - p.price) - (S - K * exp(-r * T))) < 1e-8 * S);
    assert_true(fabs((c.delta - p.delta) - 1) < 1e-12);
    /* central finite differences of the price */
    double h = S * 1e-4, hv = 1e-5, ht = 1e-6;
    double fd_delta = (bs_price(S + h, K, T, r, v, 'C') - bs_price(S - h, K, T, r, v, 'C')) / (2 * h);
    double fd_gamma = (bs_price(S + h, K, T, r, v, 'C') - 2 * c.price + bs_price(S - h, K, T, r, v, 'C')) / (h * h);
    double fd_vega = (bs_price(S, K, T, r, v + hv, 'C') - bs_price(S, K, T, r, v - hv, 'C')) / (2 * hv);
    double fd_theta = -(bs_price(S, K, T + ht, r, v, 'C') - bs_price(S, K, T - ht, r, v, 'C')) / (2 * ht);
    assert_true(fabs(fd_delta - c.delta) < 1e-7);
    assert_true(fabs(fd_gamma - c.gamma) / c.gamma < 1e-4);
    assert_true(fabs(fd_vega - c.vega) / c.vega < 1e-7);
    assert_true(fabs(fd_theta - c.theta) / fabs(c.theta) < 1e-6);
    /* expiry: intrinsic value; bad inputs refused and output untouched */
    assert_near(bs_price(110, 100, 0, 0, 0.5, 'C'), 10, 0);
    assert_near(bs_price(110, 100, 0, 0, 0.5, 'P'), 0, 0);
    bs_greeks keep = {1, 2, 3, 4, 5};
    assert_int_equal(bs_greeks_of(100, 100, 0, 0, 0.2, 'C', &keep), -1);
    assert_int_equal(bs_greeks_of(100, 100, 1, 0, NAN, 'C', &keep), -1);
    assert_int_equal(bs_greeks_of(100, 100, 1, 0, 0.2, 'X', &keep), -1);
    assert_near(keep.price, 1, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quantlib_values),
        cmocka_unit_test(identities),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
