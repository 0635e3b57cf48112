/* test_varstat.c - series VaR/ES against PerformanceAnalytics' own regression
 * values on the EDHEC data (tests/data/edhec.csv, a copy of
 * ../shared/reference/edhec.csv: first 100 rows of "Convertible Arbitrage",
 * p = 0.95), plus closed forms. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/varstat.h"

#define EDHEC_ROWS 100

static size_t load_edhec(double *x)
{
    FILE *fp = fopen("tests/data/edhec.csv", "r");
    assert_non_null(fp);
    char line[1024];
    size_t n = 0;
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    while (n < EDHEC_ROWS && fgets(line, sizeof line, fp)) {
        char *comma = strchr(line, ',');
        assert_non_null(comma);
        x[n++] = strtod(comma + 1, NULL);
    }
    fclose(fp);
    return n;
}

/* PerformanceAnalytics prints losses negative; varstat returns them positive. */
static void check6(double got, double pa_signed, const char *what)
{
    if (fabs(got - (-pa_signed)) >= 5e-7)
        fail_msg("%s: got %.8f, PerformanceAnalytics %.6f", what, -got, pa_signed);
}

static void edhec_performance_analytics(void **state)
{
    (void)state;
    double x[EDHEC_ROWS];
    assert_int_equal(load_edhec(x), EDHEC_ROWS);
    var_moments m;
    assert_int_equal(var_moments_of(x, EDHEC_ROWS, &m), 0);
    check6(var_gaussian(&m, 0.95), -0.012133, "Gaussian VaR");
    check6(var_cornish_fisher(&m, 0.95), -0.014674, "modified VaR");
    check6(var_gaussian_es(&m, 0.95), -0.017133, "Gaussian ES");
    var_sort(x, EDHEC_ROWS);
    double var, es;
    var_historical(x, EDHEC_ROWS, 0.95, &var, &es);
    check6(var, -0.014095, "historical VaR");
    check6(es, -0.024080, "historical ES");
    /* modified ES: scipy quadrature of the Edgeworth tail (tests/ref/edhec_modified_es.py) */
    assert_true(fabs(var_cornish_fisher_es(&m, 0.95) - 0.0233573666) < 1e-9);
    assert_true(fabs(var_cornish_fisher_es(&m, 0.99) - 0.0426743606) < 1e-9);
    assert_true(fabs(var_cornish_fisher(&m, 0.99) - 0.0282020241) < 1e-9);
}

static void closed_forms(void **state)
{
    (void)state;
    /* a symmetric two-point series: mean 0, sd 1, skew 0, exkurt -2 */
    double x[4] = {-1, 1, -1, 1};
    var_moments m;
    assert_int_equal(var_moments_of(x, 4, &m), 0);
    assert_near(m.mean, 0, 1e-15);
    assert_near(m.sd, 1, 1e-15);
    assert_near(m.skew, 0, 1e-15);
    assert_near(m.exkurt, -2, 1e-15);
    /* Gaussian VaR of N(0,1) at 99% is the normal quantile 2.3263478740 */
    var_moments unit = {100, 0, 1, 0, 0};
    assert_near(var_gaussian(&unit, 0.99), 2.3263478740408408, 1e-12);
    /* ES of N(0,1) at 97.5%: phi(1.959964)/0.025 = 2.3378027922 */
    assert_near(var_gaussian_es(&unit, 0.975), 2.3378027922014240, 1e-10);
    /* with no skew or excess kurtosis, Cornish-Fisher is Gaussian */
    assert_near(var_cornish_fisher(&unit, 0.99), var_gaussian(&unit, 0.99), 1e-15);
    assert_near(var_cornish_fisher_es(&unit, 0.975), var_gaussian_es(&unit, 0.975), 1e-12);
    double one = 5;
    assert_int_equal(var_moments_of(&one, 1, &m), -1);
}

static void quantile_type7(void **state)
{
    (void)state;
    /* numpy.quantile([1,2,3,4,5,6,7,8,9,10], q): 0.05 -> 1.45, 0.5 -> 5.5, 1 -> 10 */
    double s[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assert_near(var_quantile7(s, 10, 0.05), 1.45, 1e-12);
    assert_near(var_quantile7(s, 10, 0.5), 5.5, 1e-12);
    assert_near(var_quantile7(s, 10, 1.0), 10, 1e-12);
    assert_near(var_quantile7(s, 1, 0.3), 1, 1e-12);
    double var, es;
    var_historical(s, 10, 0.95, &var, &es);
    assert_near(var, -1.45, 1e-12);
    assert_near(es, -1.0, 1e-12); /* only 1 lies strictly below 1.45 */
    double flat[3] = {2, 2, 2};
    var_historical(flat, 3, 0.99, &var, &es);
    assert_near(es, var, 0); /* nothing strictly below: ES = VaR */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edhec_performance_analytics),
        cmocka_unit_test(closed_forms),
        cmocka_unit_test(quantile_type7),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
