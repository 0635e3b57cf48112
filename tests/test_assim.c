/* test_assim.c - the Avellaneda & Stoikov (2008) simulation against the
 * paper's table (section 3.3). Seeded; 1000 paths as in the paper. The rows
 * for gamma 0.1 and 0.01 must land near the paper's (sampling noise and
 * unstated details allow a few units); everywhere the inventory strategy's
 * dispersion of profit and of final inventory must be far below the
 * symmetric strategy's. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "invtop/assim.h"
#include "testutil.h"

typedef struct {
    double gamma;
    assim_strategy s;
    double profit, profit_sd, q_sd;
} paper_row;

static const paper_row paper[] = {
    {0.1, ASSIM_INVENTORY, 62.94, 5.89, 2.80}, {0.1, ASSIM_SYMMETRIC, 67.21, 13.43, 8.66},
    {0.01, ASSIM_INVENTORY, 66.78, 8.76, 4.70}, {0.01, ASSIM_SYMMETRIC, 67.36, 13.40, 8.65},
};

static void near_the_paper(void **state)
{
    (void)state;
    assim_params p;
    assim_default_params(&p);
    p.seed = 20081;
    for (size_t i = 0; i < sizeof paper / sizeof *paper; i++) {
        assim_row r;
        p.gamma = paper[i].gamma;
        assert_int_equal(assim_run(&p, paper[i].s, &r), 0);
        assert_near(r.spread, 2 / p.gamma * log1p(p.gamma / 1.5), 1e-12);
        assert_near(r.profit_mean, paper[i].profit, 4.0);
        assert_near(r.profit_sd, paper[i].profit_sd, 2.0);
        assert_near(r.q_sd, paper[i].q_sd, 1.0);
        assert_near(r.q_mean, 0, 1.0);
    }
}

static void inventory_strategy_tames_risk(void **state)
{
    (void)state;
    const double gammas[] = {0.01, 0.1, 0.5};
    assim_params p;
    assim_default_params(&p);
    p.seed = 7;
    for (size_t i = 0; i < 3; i++) {
        assim_row inv, sym;
        p.gamma = gammas[i];
        assert_int_equal(assim_run(&p, ASSIM_INVENTORY, &inv), 0);
        assert_int_equal(assim_run(&p, ASSIM_SYMMETRIC, &sym), 0);
        if (!(inv.q_sd < 0.65 * sym.q_sd && inv.profit_sd < 0.7 * sym.profit_sd))
            fail_msg("gamma %g: std(q) %.2f vs %.2f, std(profit) %.2f vs %.2f", p.gamma, inv.q_sd,
                     sym.q_sd, inv.profit_sd, sym.profit_sd);
    }
    p.paths = 0;
    assim_row r;
    assert_int_equal(assim_run(&p, ASSIM_INVENTORY, &r), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(near_the_paper),
        cmocka_unit_test(inventory_strategy_tames_risk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
