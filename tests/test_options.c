/* test_options.c - an option's vol source and a pool range in the
 * exposures (risk/exposure.h), and the greeks ladder (risk/ladder.h).
 * References: Black-Scholes (bs_price, itself tested against QuantLib in
 * test_greeks), the Uniswap-v3 range formulas worked by hand, and the
 * ladder's sums by hand. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/bs.h"
#include "invtop/exposure.h"
#include "invtop/ladder.h"
#include "invtop/limits.h"

#define NOW 1.7e9
#define DAY 86400.0

static event mk(event_kind k, const char *sym)
{
    event e = {.kind = k};
    snprintf(e.sym, sizeof e.sym, "%s", sym);
    return e;
}

static void inst(book *b, const char *sym, inst_kind kind, const char *und, double strike, double expiry,
                 char right, double iv)
{
    event e = mk(EVENT_INST, sym);
    e.u.inst = (event_inst){.kind = kind, .mult = 1, .strike = strike, .expiry = expiry, .right = right, .iv = iv,
                            .lower = NAN, .upper = NAN};
    snprintf(e.u.inst.underlying, sizeof e.u.inst.underlying, "%s", und);
    assert_int_equal(book_apply(b, &e, NOW, NULL), 0);
}

static void lp_inst(book *b, const char *sym, const char *und, double lower, double upper)
{
    event e = mk(EVENT_INST, sym);
    e.u.inst = (event_inst){.kind = INST_LP, .mult = 1, .strike = NAN, .expiry = NAN, .iv = NAN, .lower = lower,
                            .upper = upper};
    snprintf(e.u.inst.underlying, sizeof e.u.inst.underlying, "%s", und);
    assert_int_equal(book_apply(b, &e, NOW, NULL), 0);
}

static void px(book *b, const char *sym, double mid, double iv)
{
    event e = mk(EVENT_PX, sym);
    e.u.px = (event_px){NAN, NAN, mid, iv};
    assert_int_equal(book_apply(b, &e, NOW, NULL), 0);
}

static void pos(book *b, const char *sym, const char *book_name, double qty, double avg)
{
    event e = mk(EVENT_POS, sym);
    snprintf(e.book, sizeof e.book, "%s", book_name);
    e.u.pos = (event_pos){qty, avg, POS_LEG_NET};
    assert_int_equal(book_apply(b, &e, NOW, NULL), 0);
}

typedef struct {
    book *b;
    history *h;
    exposure e;
} fixture;

static int setup(void **state)
{
    static fixture f;
    f.b = book_new(16);
    f.h = hist_new(8, 10, 0.94);
    assert_int_equal(expo_init(&f.e, 16, 8), 0);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    expo_free(&f->e);
    hist_free(f->h);
    book_free(f->b);
    return 0;
}

/* The px's iv wins over the mid, the mid's implied vol over the config,
 * and each option says which it used. */
static void vol_sources(void **state)
{
    fixture *f = *state;
    const double T = 30 * DAY / BS_SECONDS_PER_YEAR, exp = NOW + 30 * DAY;
    inst(f->b, "BTC", INST_SPOT, "BTC", NAN, NAN, 0, NAN);
    px(f->b, "BTC", 65000, NAN);
    inst(f->b, "C1", INST_OPTION, "BTC", 70000, exp, 'C', 0.4); /* configured 0.4 */
    pos(f->b, "C1", "", 3, NAN);
    const double mid = bs_price(65000, 70000, T, 0, 0.65, 'C');
    px(f->b, "C1", mid, 0.5);
    expo_compute(&f->e, f->b, f->h, NOW, 0, NAN, NULL);
    const expo_inst *x = &f->e.inst[1];
    bs_greeks g;
    assert_int_equal(bs_greeks_of(65000, 70000, T, 0, 0.5, 'C', &g), 0);
    assert_int_equal(x->iv_source, EXPO_IV_MARKET);
    assert_near(x->iv, 0.5, 0);
    assert_near(x->delta, 3 * g.delta, 1e-12);
    assert_near(x->vega, 3 * g.vega / 100, 1e-9);
    /* no iv on the next price: the vol its mid implies */
    px(f->b, "C1", mid, NAN);
    expo_compute(&f->e, f->b, f->h, NOW, 0, NAN, NULL);
    assert_int_equal(x->iv_source, EXPO_IV_IMPLIED);
    assert_near(x->iv, 0.65, 1e-9);
    assert_int_equal(bs_greeks_of(65000, 70000, T, 0, 0.65, 'C', &g), 0);
    assert_near(x->delta, 3 * g.delta, 1e-8);
    assert_int_equal(f->e.iv_unsolved, 0);
    /* a mid above the call's bound (the underlying's price): no vol from it,
     * counted, and the configured vol used */
    px(f->b, "C1", 65001, NAN);
    expo_compute(&f->e, f->b, f->h, NOW, 0, NAN, NULL);
    assert_true(x->iv_unsolved);
    assert_int_equal(f->e.iv_unsolved, 1);
    assert_int_equal(x->iv_source, EXPO_IV_CONFIG);
    assert_near(x->iv, 0.4, 0);
    assert_int_equal(x->status, EXPO_OK);
    /* below intrinsic with nothing configured: no vol at all, said so */
    inst(f->b, "P1", INST_OPTION, "BTC", 70000, exp, 'P', NAN);
    pos(f->b, "P1", "", 1, NAN);
    px(f->b, "P1", 4000, NAN); /* intrinsic is 5000 */
    expo_compute(&f->e, f->b, f->h, NOW, 0, NAN, NULL);
    assert_int_equal(f->e.inst[2].status, EXPO_MISSING_VOL);
    assert_int_equal(f->e.inst[2].iv_source, EXPO_IV_NONE);
    assert_true(isnan(f->e.inst[2].iv));
    assert_int_equal(f->e.iv_unsolved, 2);
    assert_string_equal(expo_iv_source_name(EXPO_IV_IMPLIED), "implied");
}

/* L = 1000 on [2500, 3500] deposited at 3000, priced at 3200 and 3600:
 * x = L (1/sqrt(P) - 1/sqrt(3500)), y = L (sqrt(P) - 50), all quote above. */
static void pool_range(void **state)
{
    fixture *f = *state;
    inst(f->b, "ETH-USD", INST_SPOT, "ETH", NAN, NAN, 0, NAN);
    lp_inst(f->b, "ETH-LP", "ETH", 2500, 3500);
    pos(f->b, "ETH-LP", "", 1000, 3000);
    px(f->b, "ETH-USD", 3200, NAN);
    expo_compute(&f->e, f->b, f->h, NOW, 0, NAN, NULL);
    const expo_inst *x = &f->e.inst[1];
    const double x1 = 1000 * (1 / sqrt(3200.0) - 1 / sqrt(3500.0)), y1 = 1000 * (sqrt(3200.0) - 50);
    const double x0 = 1000 * (1 / sqrt(3000.0) - 1 / sqrt(3500.0)), y0 = 1000 * (sqrt(3000.0) - 50);
    assert_int_equal(x->status, EXPO_OK);
    assert_near(x->delta, x1, 1e-12);
    assert_near(x->lp_base, x1, 1e-12);
    assert_near(x->lp_quote, y1, 1e-9);
    assert_near(x->gamma, -1000 / (2 * pow(3200, 1.5)), 1e-15);
    assert_near(x->value_usd, x1 * 3200 + y1, 1e-9);
    assert_near(x->unrealized, (x1 * 3200 + y1) - (x0 * 3000 + y0), 1e-9);
    assert_near(x->lp_il, (x1 * 3200 + y1) - (x0 * 3200 + y0), 1e-9);
    assert_true(x->lp_il < 0 && x->lp_in_range);
    assert_near(f->e.und[x->und].linear_usd, x1 * 3200, 1e-9); /* in the VaR at its USD delta */
    double value, unreal;
    expo_holding_value(&f->e, f->b, book_holding_at(f->b, 0), &value, &unreal);
    assert_near(value, x->value_usd, 1e-9);
    assert_near(unreal, x->unrealized, 1e-9);
    /* 1000 of liquidity is no count of lots: no default position limit */
    limits lim;
    limit_params lp;
    limits_default_params(&lp);
    assert_int_equal(limits_init(&lim, 16, 8), 0);
    limits_update_inst(&lim, &lp, f->b, 1, NOW, NULL);
    assert_true(isnan(lim.inst[1].util));
    assert_int_equal(lim.breaches, 0);
    limits_free(&lim);
    px(f->b, "ETH-USD", 3600, NAN);
    expo_compute(&f->e, f->b, f->h, NOW, 0, NAN, NULL);
    assert_near(x->delta, 0, 0);
    assert_near(x->gamma, 0, 0);
    assert_near(x->value_usd, 1000 * (sqrt(3500.0) - 50), 1e-9);
    assert_false(x->lp_in_range);
}

/* Buckets by days to expiry; delta-one in the first; per-book rows from holdings. */
static void ladder_buckets(void **state)
{
    fixture *f = *state;
    ladder_params p;
    ladder_default_params(&p);
    assert_int_equal(p.nbuckets, 5);
    char label[LADDER_LABEL];
    ladder_label(&p, 0, label);
    assert_string_equal(label, "0-1d");
    ladder_label(&p, 4, label);
    assert_string_equal(label, "90d+");
    assert_int_equal(ladder_bucket(&p, 0.5), 0);
    assert_int_equal(ladder_bucket(&p, 1), 0);
    assert_int_equal(ladder_bucket(&p, 1.01), 1);
    assert_int_equal(ladder_bucket(&p, 45), 3);
    assert_int_equal(ladder_bucket(&p, 400), 4);
    assert_int_equal(ladder_bucket(&p, NAN), 0);
    ladder_params q = p;
    assert_int_equal(ladder_parse("2, 14", &q), 0);
    assert_int_equal(q.nbuckets, 3);
    assert_true(isinf(q.upper_days[2]));
    assert_int_equal(ladder_parse("7,2", &q), -1);  /* not ascending */
    assert_int_equal(ladder_parse("1,x", &q), -1);
    assert_int_equal(ladder_parse("", &q), -1);
    assert_int_equal(q.nbuckets, 3);                /* untouched on error */

    const double exp = NOW + 10 * DAY, T = 10 * DAY / BS_SECONDS_PER_YEAR;
    inst(f->b, "BTC-PERP", INST_PERP, "BTC", NAN, NAN, 0, NAN);
    px(f->b, "BTC-PERP", 60000, NAN);
    pos(f->b, "BTC-PERP", "a", 2, 60000);
    inst(f->b, "BTC-P", INST_OPTION, "BTC", 55000, exp, 'P', 0.5);
    pos(f->b, "BTC-P", "a", 4, NAN);
    pos(f->b, "BTC-P", "b", -1, NAN);
    expo_compute(&f->e, f->b, f->h, NOW, 0, NAN, NULL);
    bs_greeks g;
    assert_int_equal(bs_greeks_of(60000, 55000, T, 0, 0.5, 'P', &g), 0);
    ladder_cell all[LADDER_MAX_BUCKETS] = {{0}};
    for (size_t i = 0; i < book_count(f->b); i++)
        ladder_add(&p, f->b, &f->e, i, book_at(f->b, i)->pos.qty, NOW, all);
    assert_near(all[0].delta, 2, 1e-12);
    assert_near(all[0].delta_usd, 120000, 1e-6);
    assert_near(all[0].gamma_usd, 0, 0);
    assert_near(all[2].delta, 3 * g.delta, 1e-12);              /* 10 days: 7-30d */
    assert_near(all[2].gamma_usd, 3 * g.gamma * 60000.0 * 60000.0 / 100, 1e-6);
    assert_near(all[2].vega, 3 * g.vega / 100, 1e-9);
    assert_near(all[2].theta, 3 * g.theta / 365, 1e-9);
    /* book b holds -1 of the put: its row from the holding */
    ladder_cell rowb[LADDER_MAX_BUCKETS] = {{0}};
    const book_holding *hb = book_holding_at(f->b, 2);
    ladder_add(&p, f->b, &f->e, hb->inst, hb->pos.qty, NOW, rowb);
    assert_near(rowb[2].delta, -g.delta, 1e-12);
    ladder_cell total = {0};
    for (size_t k = 0; k < p.nbuckets; k++)
        ladder_cell_add(&total, &all[k]);
    assert_near(total.delta, 2 + 3 * g.delta, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(vol_sources, setup, teardown),
        cmocka_unit_test_setup_teardown(pool_range, setup, teardown),
        cmocka_unit_test_setup_teardown(ladder_buckets, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
