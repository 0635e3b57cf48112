/* test_ccy.c - currencies (risk/ccy.h) and what the exposure makes of them
 * (risk/exposure.h): quote currencies from symbols, rates from the book,
 * conversion into the report currency, instruments left unconverted, and
 * inverse contracts. Every figure is checked against a hand computation
 * written beside it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/bookrisk.h"
#include "invtop/bs.h"
#include "invtop/ccy.h"
#include "invtop/exposure.h"
#include "invtop/iv.h"
#include "invtop/portvar.h"
#include "invtop/riskrun.h"
#include "invtop/stress.h"

static void infer(void **state)
{
    (void)state;
    static const char *const yes[][2] = {
        {"ETH-BTC", "BTC"},        {"BTC-USD-PERP", "USD"}, {"BTC/USDT:USDT", "USDT"}, {"BTC_USDC", "USDC"},
        {"BTCUSDT", "USDT"},       {"ETHBTC", "BTC"},       {"BTCBUSD", "BUSD"},       {"XBTUSD", "USD"},
        {"BTC-USDT-50000-24Z27-C", "USDT"}, {"SOLFDUSD", "FDUSD"}, {"EURUSD", "USD"},
        {"BTCTUSD", "TUSD"},       {"OPUSDT", "USDT"},
    };
    static const char *const no[] = {"BTC-PERP", "BTC", "btcusdt", "BTC-27DEC24-50000-C", "USD", "-USD",
                                     "BTC-OLD", "ETH-XYZ", "BTC-usd", "A1-"};
    char out[EVENT_SYM_MAX];
    for (size_t k = 0; k < sizeof yes / sizeof *yes; k++) {
        strcpy(out, "?");
        if (!ccy_infer(yes[k][0], out) || strcmp(out, yes[k][1]) != 0)
            fail_msg("%s: expected %s, got %s", yes[k][0], yes[k][1], out);
    }
    for (size_t k = 0; k < sizeof no / sizeof *no; k++) {
        strcpy(out, "?");
        if (ccy_infer(no[k], out) || strcmp(out, "?") != 0)
            fail_msg("%s says no quote, got %s", no[k], out);
    }
    assert_true(ccy_code_ok("USD") && ccy_code_ok("USDT") && ccy_code_ok("B2") && ccy_code_ok("FDUSD"));
    assert_false(ccy_code_ok("usd") || ccy_code_ok("U") || ccy_code_ok("2USD") || ccy_code_ok("US-D") ||
                 ccy_code_ok("ABCDEFGHIJK"));
    assert_true(ccy_is_stable("USDT") && ccy_is_stable("USDC") && !ccy_is_stable("USD") && !ccy_is_stable("BTC"));
}

static event mk(event_kind k, const char *sym)
{
    event e = {.kind = k};
    snprintf(e.sym, sizeof e.sym, "%s", sym);
    return e;
}

static void inst(book *b, const char *sym, inst_kind kind, const char *und, const char *quote, inst_settle settle)
{
    event e = mk(EVENT_INST, sym);
    e.u.inst.kind = kind;
    snprintf(e.u.inst.underlying, sizeof e.u.inst.underlying, "%s", und);
    snprintf(e.u.inst.quote, sizeof e.u.inst.quote, "%s", quote);
    e.u.inst.settle = settle;
    e.u.inst.mult = 1;
    e.u.inst.iv = e.u.inst.strike = e.u.inst.expiry = e.u.inst.lower = e.u.inst.upper = NAN;
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

static void px(book *b, const char *sym, double mid)
{
    event e = mk(EVENT_PX, sym);
    e.u.px = (event_px){NAN, NAN, mid, NAN};
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

static void pos(book *b, const char *sym, const char *bk, double qty, double avg)
{
    event e = mk(EVENT_POS, sym);
    snprintf(e.book, sizeof e.book, "%s", bk);
    e.u.pos = (event_pos){qty, avg, POS_LEG_NET};
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

static void fill(book *b, const char *sym, const char *bk, double qty, double price, double fee)
{
    event e = mk(EVENT_FILL, sym);
    snprintf(e.book, sizeof e.book, "%s", bk);
    e.u.fill.qty = qty;
    e.u.fill.px = price;
    e.u.fill.fee = fee;
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

/* The rate of currency name after ccy_rates, and its source. */
static double rate_of(const ccy_params *p, const book *b, const char *name, ccy_source *src)
{
    ccy_table t;
    int ic[16];
    ccy_rates(&t, p, b, ic);
    int k = ccy_index(&t, name, false);
    *src = k >= 0 ? t.c[k].src : CCY_RATE_NONE;
    return ccy_rate_at(&t, k);
}

static void rates(void **state)
{
    (void)state;
    book *b = book_new(16);
    ccy_params p;
    ccy_default_params(&p);
    ccy_source src;
    inst(b, "ETH-BTC", INST_SPOT, "ETH", "BTC", INST_SETTLE_LINEAR);
    assert_true(isnan(rate_of(&p, b, "BTC", &src)) && src == CCY_RATE_NONE);
    assert_near(rate_of(&p, b, "USD", &src), 1, 0); /* the report currency */
    assert_int_equal(src, CCY_RATE_REPORT);
    /* an inverse perp on BTC never prices it */
    inst(b, "BTC-INV", INST_PERP, "BTC", "USD", INST_SETTLE_INVERSE);
    px(b, "BTC-INV", 59000);
    assert_true(isnan(rate_of(&p, b, "BTC", &src)));
    /* a linear perp does (first seen); a spot, seen later, wins over it */
    inst(b, "BTC-PERP", INST_PERP, "BTC", "USD", INST_SETTLE_LINEAR);
    px(b, "BTC-PERP", 61000);
    assert_near(rate_of(&p, b, "BTC", &src), 61000, 0);
    assert_int_equal(src, CCY_RATE_MARKET);
    inst(b, "BTC-USD", INST_SPOT, "BTC", "", INST_SETTLE_LINEAR); /* quote inferred: USD */
    px(b, "BTC-USD", 60000);
    assert_near(rate_of(&p, b, "BTC", &src), 60000, 0);
    /* a binding alone prices its currency: the perp's 61000, then none
     * while the bound instrument has no price (the spot does not serve) */
    p.bind[p.nbind++] = (ccy_binding){"BTC", "BTC-PERP"};
    assert_near(rate_of(&p, b, "BTC", &src), 61000, 0);
    assert_int_equal(src, CCY_RATE_BOUND);
    snprintf(p.bind[0].inst, sizeof p.bind[0].inst, "BTC-NEW");
    inst(b, "BTC-NEW", INST_SPOT, "BTC", "USD", INST_SETTLE_LINEAR);
    assert_true(isnan(rate_of(&p, b, "BTC", &src)));
    /* a binding through another currency: ETH bound to ETH-BTC at 0.05 BTC,
     * BTC at 60000 USD: 0.05 x 60000 = 3000 */
    p.nbind = 0;
    p.bind[p.nbind++] = (ccy_binding){"ETH", "ETH-BTC"};
    inst(b, "X-ETH", INST_SPOT, "X", "ETH", INST_SETTLE_LINEAR);
    px(b, "ETH-BTC", 0.05);
    assert_near(rate_of(&p, b, "ETH", &src), 3000, 1e-9);
    assert_int_equal(src, CCY_RATE_BOUND);
    /* stablecoins: 1 assumed without a price, the market's with one */
    inst(b, "SOL-USDT", INST_SPOT, "SOL", "USDT", INST_SETTLE_LINEAR);
    assert_near(rate_of(&p, b, "USDT", &src), 1, 0);
    assert_int_equal(src, CCY_RATE_ASSUMED);
    inst(b, "USDT-USD", INST_SPOT, "USDT", "USD", INST_SETTLE_LINEAR);
    px(b, "USDT-USD", 0.999);
    assert_near(rate_of(&p, b, "USDT", &src), 0.999, 0);
    assert_int_equal(src, CCY_RATE_MARKET);
    book_free(b);
    /* report EUR: USDT has no USD rate to assume, USD none, EUR 1 */
    b = book_new(4);
    snprintf(p.report, sizeof p.report, "EUR");
    p.nbind = 0;
    inst(b, "SOL-USDT", INST_SPOT, "SOL", "USDT", INST_SETTLE_LINEAR);
    inst(b, "BTC-USD", INST_SPOT, "BTC", "USD", INST_SETTLE_LINEAR);
    assert_true(isnan(rate_of(&p, b, "USDT", &src)) && isnan(rate_of(&p, b, "USD", &src)));
    /* EURUSD's inverse is no rate of USD here (no instrument on USD in EUR) */
    inst(b, "USD-EUR", INST_SPOT, "USD", "EUR", INST_SETTLE_LINEAR);
    px(b, "USD-EUR", 0.9);
    assert_near(rate_of(&p, b, "USD", &src), 0.9, 0);
    assert_near(rate_of(&p, b, "USDT", &src), 0.9, 0); /* assumed at USD's */
    assert_int_equal(src, CCY_RATE_ASSUMED);
    book_free(b);
}

/* ETH-BTC 10 at 0.05 BTC: 0.5 BTC; unconverted without a BTC rate, 30,000
 * USD at BTC-USD's 60,000 (10 x 0.05 x 60000); SOL-USDT 100 at 150 mid,
 * avg 140: 15,000 USD and 1,000 P&L at the assumed 1. */
static void conversion(void **state)
{
    (void)state;
    book *b = book_new(16);
    history *h = hist_new(8, 10, 0.94);
    exposure e;
    assert_int_equal(expo_init(&e, 16, 8), 0);
    inst(b, "ETH-BTC", INST_SPOT, "ETH", "BTC", INST_SETTLE_LINEAR);
    px(b, "ETH-BTC", 0.05);
    pos(b, "ETH-BTC", "mm", 10, 0.05);
    inst(b, "SOL-USDT", INST_SPOT, "SOL", "USDT", INST_SETTLE_LINEAR);
    px(b, "SOL-USDT", 150);
    pos(b, "SOL-USDT", "mm", 100, 140);
    expo_compute(&e, b, h, 1.7e9, 0, NAN, NULL);
    assert_true(e.inst[0].unconverted && isnan(e.inst[0].rate));
    assert_int_equal(e.inst[0].status, EXPO_NO_RATE);
    assert_near(e.inst[0].value_quote, 0.5, 1e-15);
    assert_near(e.inst[0].value_usd, 0, 0);
    assert_int_equal(e.unconverted, 1);
    assert_near(e.gross_usd, 15000, 1e-9); /* SOL-USDT's alone */
    assert_near(e.net_delta_usd, 15000, 1e-9);
    assert_near(e.inst[1].unrealized, 1000, 1e-9);
    int eth = hist_index(h, "ETH", false);
    assert_true(eth >= 0 && isnan(e.und[eth].price)); /* 0.05 is no ETH price in USD */
    /* a perp in USD prices ETH then, though a spot outranks it */
    inst(b, "ETH-PERP", INST_PERP, "ETH", "USD", INST_SETTLE_LINEAR);
    px(b, "ETH-PERP", 3100);
    expo_compute(&e, b, h, 1.7e9, 0, NAN, NULL);
    assert_near(e.und[eth].price, 3100, 0);
    /* the books too: only SOL-USDT */
    brisk_row rows[2];
    pv_params pp;
    pv_default_params(&pp);
    double scratch[8];
    assert_int_equal(brisk_compute(rows, 2, b, &e, NULL, &pp, NULL, 0, scratch), 1);
    assert_near(rows[0].gross_usd, 15000, 1e-9);
    assert_near(rows[0].net_delta_usd, 15000, 1e-9);
    assert_near(rows[0].pnl_unrealized, 1000, 1e-9);
    inst(b, "BTC-USD", INST_SPOT, "BTC", "USD", INST_SETTLE_LINEAR);
    px(b, "BTC-USD", 60000);
    expo_compute(&e, b, h, 1.7e9, 0, NAN, NULL);
    assert_false(e.inst[0].unconverted);
    assert_near(e.inst[0].rate, 60000, 0);
    assert_near(e.inst[0].value_usd, 30000, 1e-9);
    assert_near(e.inst[0].delta, 10, 1e-12); /* ETH units */
    assert_near(e.inst[0].delta_usd, 30000, 1e-9);
    assert_near(e.und[eth].price, 3000, 1e-9); /* 0.05 x 60000 */
    assert_near(e.gross_usd, 45000, 1e-9);
    assert_int_equal(e.unconverted, 0);
    assert_int_equal(brisk_compute(rows, 2, b, &e, NULL, &pp, NULL, 0, scratch), 1);
    assert_near(rows[0].gross_usd, 45000, 1e-9);
    expo_free(&e);
    hist_free(h);
    book_free(b);
}

/* Long 10,000 USD of an inverse BTC perp at 50,000, mid 55,000: coin P&L
 * 10000/50000 - 10000/55000 = 0.2 - 0.181818... = 0.0181818 BTC, which at
 * 55,000 is 1,000 USD; value 10,000 USD; delta 10000/55000 BTC = 10,000
 * USD. Two books, 5,000 at 50,000 and 5,000 at 40,000: 5000 (1/50000 -
 * 1/55000) + 5000 (1/40000 - 1/55000) = 0.0090909 + 0.0340909 = 0.0431818
 * BTC = 2,375 USD. */
static void inverse(void **state)
{
    (void)state;
    book *b = book_new(4);
    history *h = hist_new(8, 10, 0.94);
    exposure e;
    assert_int_equal(expo_init(&e, 4, 8), 0);
    inst(b, "BTC-PERP", INST_PERP, "BTC", "USD", INST_SETTLE_INVERSE);
    px(b, "BTC-PERP", 55000);
    pos(b, "BTC-PERP", "", 10000, 50000);
    const book_inst *in = book_at(b, 0);
    assert_near(book_coin_unrealized(in), 0.2 - 10000.0 / 55000, 1e-15);
    assert_near(book_coin_unrealized(in), 0.0181818, 1e-7);
    assert_near(book_unrealized(in), 1000, 1e-9);
    assert_near(book_notional(in), 10000, 0);
    expo_compute(&e, b, h, 1.7e9, 0, NAN, NULL);
    const expo_inst *x = &e.inst[0];
    assert_near(x->pnl_coin, 0.0181818, 1e-7);
    assert_near(x->unrealized, 1000, 1e-9);
    assert_near(x->value_usd, 10000, 1e-9);
    assert_near(x->delta, 10000.0 / 55000, 1e-12);
    assert_near(x->delta_usd, 10000, 1e-9);
    assert_near(x->unit_delta_usd, 1, 0);
    assert_near(e.und[x->und].inverse_usd, 10000, 1e-9);
    assert_near(e.und[x->und].linear_usd, 0, 0);
    assert_near(e.und[x->und].price, 55000, 0);
    /* a linear contract has no coin P&L */
    inst(b, "ETH-PERP", INST_PERP, "ETH", "USD", INST_SETTLE_LINEAR);
    px(b, "ETH-PERP", 3000);
    assert_true(isnan(book_coin_unrealized(book_at(b, 1))));
    pos(b, "BTC-PERP", "", 5000, 50000);
    pos(b, "BTC-PERP", "b2", 5000, 40000);
    assert_near(book_coin_unrealized(in), 5000 * (1 / 50000.0 - 1 / 55000.0) + 5000 * (1 / 40000.0 - 1 / 55000.0),
                1e-15);
    assert_near(book_coin_unrealized(in), 0.0431818, 1e-7);
    expo_compute(&e, b, h, 1.7e9, 0, NAN, NULL);
    assert_near(e.inst[0].unrealized, 2375, 1e-8);
    double v, u;
    expo_holding_value(&e, b, book_holding_at(b, 1), &v, &u);
    assert_near(v, 5000, 1e-9);
    assert_near(u, 5000 * (1 / 40000.0 - 1 / 55000.0) * 55000, 1e-9); /* 1875 */
    assert_near(book_holding_coin_unrealized(b, book_holding_at(b, 1)), 5000 * (1 / 40000.0 - 1 / 55000.0), 1e-15);
    expo_free(&e);
    hist_free(h);
    book_free(b);
}

/* VaR and stress revalue an inverse contract of N = 10,000 USD on 1/S: its
 * coin P&L N (1/S - 1/S') at today's S is N (1 - S/S'): +10% gains 10000
 * (1 - 1/1.1) = 909.0909, -10% loses 10000 (1/0.9 - 1) = 1111.1111; a
 * linear 10,000 would make +-1,000. */
static void inverse_revaluation(void **state)
{
    (void)state;
    book *b = book_new(4);
    history *h = hist_new(8, 10, 0.94);
    exposure e;
    pv_inputs in;
    assert_int_equal(expo_init(&e, 4, 8), 0);
    assert_int_equal(pv_inputs_init(&in, 8, 4), 0);
    inst(b, "BTC-PERP", INST_PERP, "BTC", "USD", INST_SETTLE_INVERSE);
    px(b, "BTC-PERP", 55000);
    pos(b, "BTC-PERP", "", 10000, 50000);
    expo_compute(&e, b, h, 1.7e9, 0, NAN, NULL);
    pv_inputs_fill(&in, &e, h);
    double up = log(1.1), down = log(0.9);
    assert_near(pv_scenario_pnl(&in, &up), 10000 * (1 - 1 / 1.1), 1e-9);
    assert_near(pv_scenario_pnl(&in, &up), 909.0909, 1e-4);
    assert_near(pv_scenario_pnl(&in, &down), -1111.1111, 1e-4);
    stress_leg leg = {.kind = STRESS_INVERSE, .und = 0, .inst = 0, .book = 0, .qm = 10000, .spot = 55000};
    assert_int_equal(stress_leg_check(&leg, 1, 1, 1), 0);
    const double m[1] = {-0.1};
    stress_scenario sc = {.und_move = m, .driver = -1};
    double moves[1], scratch[1];
    assert_near(stress_scenario_pnl(&sc, &leg, 1, 1, 1, NULL, moves, NULL, NULL, scratch), -1111.1111, 1e-4);
    pv_inputs_free(&in);
    expo_free(&e);
    hist_free(h);
    book_free(b);
}

/* Realized P&L of an inverse BTC perp (1 USD a contract) in a EUR report
 * currency, USD at 0.9 EUR (USD-EUR): book a buys 10,000 at 50,000, book b
 * 10,000 at 40,000: the instrument's average is harmonic, 20000 / (0.2 +
 * 0.25) = 44,444.44 (not 45,000). Book a sells its 10,000 at 55,000 with a
 * 2 USD fee: 10000/50000 - 10000/55000 = 0.0181818 BTC realized; before
 * any price that coin cannot be valued (NAN, in no total); at mid 55,000
 * it is 0.0181818 x 55000 = 1,000 USD, less the fee 998 USD, x 0.9 =
 * 898.2 EUR. Book b's unrealized: 10000 (1/40000 - 1/55000) = 0.0681818
 * BTC = 3,750 USD = 3,375 EUR; the instrument's session P&L 898.2 + 3375
 * = 4,273.2 EUR. */
static void inverse_realized(void **state)
{
    (void)state;
    book *b = book_new(4);
    history *h = hist_new(8, 10, 0.94);
    exposure e;
    assert_int_equal(expo_init(&e, 4, 8), 0);
    ccy_params cp;
    ccy_default_params(&cp);
    snprintf(cp.report, sizeof cp.report, "EUR");
    expo_set_currency(&e, &cp);
    inst(b, "BTC-PERP", INST_PERP, "BTC", "USD", INST_SETTLE_INVERSE);
    inst(b, "USD-EUR", INST_SPOT, "USD", "EUR", INST_SETTLE_LINEAR);
    px(b, "USD-EUR", 0.9);
    fill(b, "BTC-PERP", "a", 10000, 50000, 0);
    fill(b, "BTC-PERP", "b", 10000, 40000, 0);
    const book_inst *in = book_at(b, 0);
    assert_near(in->pos.avg_px, 44444.444444, 1e-6);
    fill(b, "BTC-PERP", "a", -10000, 55000, 2);
    assert_near(book_coin_realized(in), 0.0181818, 1e-7);
    assert_true(isnan(book_realized(in))); /* no mid yet */
    expo_compute(&e, b, h, 1.7e9, 0, NAN, NULL);
    assert_near(e.inst[0].realized, 0, 0);
    assert_true(isnan(e.inst[0].realized_quote));
    px(b, "BTC-PERP", 55000);
    assert_near(book_realized(in), 998, 1e-9);
    assert_near(in->pos.avg_px, 40000, 1e-9); /* book b's alone */
    assert_true(isnan(book_coin_realized(book_at(b, 1)))); /* linear: none */
    expo_compute(&e, b, h, 1.7e9, 0, NAN, NULL);
    const expo_inst *x = &e.inst[0];
    assert_near(x->rate, 0.9, 0);
    assert_near(x->realized_coin, 0.0181818, 1e-7);
    assert_near(x->realized_quote, 998, 1e-9);
    assert_near(x->realized, 898.2, 1e-9);
    assert_near(x->unrealized, 3375, 1e-9);
    assert_near(expo_inst_pnl(&e, 0), 4273.2, 1e-9);
    const book_holding *ha = book_holding_at(b, 0), *hb = book_holding_at(b, 1);
    assert_near(book_holding_coin_realized(b, ha), 0.0181818, 1e-7);
    assert_near(expo_holding_realized(&e, b, ha), 898.2, 1e-9);
    assert_near(expo_holding_realized(&e, b, hb), 0, 0);
    brisk_row rows[2];
    pv_params pp;
    pv_default_params(&pp);
    double scratch[8];
    assert_int_equal(brisk_compute(rows, 2, b, &e, NULL, &pp, NULL, 0, scratch), 2);
    assert_near(rows[0].pnl_realized, 898.2, 1e-9);
    assert_near(rows[1].pnl_realized, 0, 0);
    assert_near(rows[1].pnl_unrealized, 3375, 1e-9);
    expo_free(&e);
    hist_free(h);
    book_free(b);
}

/* The backtest's horizon P&L revalues as the scenarios do (report USD,
 * horizon 60 s): the horizon opens at t = 60 with BTC-PERP (inverse,
 * 10,000 USD) at 50,000, ETH-PERP 2 at 3,000 and ETH-BTC 10 at 0.05 BTC
 * (no BTC rate: an inverse perp prices no currency); then BTC 55,000, ETH
 * 3,100, ETH-BTC 0.06. Inverse: N (1 - S/S') = 10000 (1 - 50000/55000) =
 * 909.0909; linear: 2 x 100 = 200; ETH-BTC unconverted, left out: 1,109.09
 * (qty x mult x price moves would say 10000 x 5000 + 200 + 0.1 =
 * 50,000,200.1). A scenario of the same move, ln(55000/50000), on the
 * inverse leg says the same 909.0909 (pv_delta_one_pnl). */
static void inverse_horizon_pnl(void **state)
{
    (void)state;
    book *b = book_new(8);
    rr_params p;
    rr_default_params(&p);
    p.mc_async = false;
    riskrun r;
    assert_int_equal(rr_init(&r, &p, 8), 0);
    assert_near(r.p.pv.horizon_s, 60, 0);
    inst(b, "BTC-PERP", INST_PERP, "BTC", "USD", INST_SETTLE_INVERSE);
    inst(b, "ETH-PERP", INST_PERP, "ETH", "USD", INST_SETTLE_LINEAR);
    inst(b, "ETH-BTC", INST_SPOT, "ETH", "BTC", INST_SETTLE_LINEAR);
    px(b, "BTC-PERP", 50000);
    px(b, "ETH-PERP", 3000);
    px(b, "ETH-BTC", 0.05);
    pos(b, "BTC-PERP", "", 10000, 50000);
    pos(b, "ETH-PERP", "", 2, 3000);
    pos(b, "ETH-BTC", "", 10, 0.05);
    assert_false(rr_tick(&r, b, 30)); /* the grid starts: horizon at 60 */
    assert_true(rr_tick(&r, b, 60));  /* the horizon opens */
    assert_near(rr_horizon_pnl(&r, b), 0, 0);
    px(b, "BTC-PERP", 55000);
    px(b, "ETH-PERP", 3100);
    px(b, "ETH-BTC", 0.06);
    rr_refresh_figures(&r, b, 61);
    assert_near(rr_horizon_pnl(&r, b), 10000 * (1 - 50000 / 55000.0) + 200, 1e-9);
    assert_near(rr_horizon_pnl(&r, b), 1109.0909, 1e-4);
    assert_near(pv_delta_one_pnl(10000, true, log(55000 / 50000.0)), 909.0909, 1e-4);
    assert_near(pv_delta_one_pnl(6000, false, log(3100 / 3000.0)), 200, 1e-9);
    rr_free(&r);
    book_free(b);
}

/* An option priced in BTC (Deribit's): 0.01 BTC with BTC at 50,000 is 500
 * USD, its vol the one 500 implies on S = 50,000; value 2 x 0.01 x 50000
 * = 1,000 USD. */
static void coin_option(void **state)
{
    (void)state;
    const double now = 1.7e9;
    book *b = book_new(4);
    history *h = hist_new(8, 10, 0.94);
    exposure e;
    assert_int_equal(expo_init(&e, 4, 8), 0);
    inst(b, "BTC-USD", INST_SPOT, "BTC", "USD", INST_SETTLE_LINEAR);
    px(b, "BTC-USD", 50000);
    event o = mk(EVENT_INST, "BTC-OPT");
    o.u.inst = (event_inst){.kind = INST_OPTION, .underlying = "BTC", .mult = 1, .strike = 55000,
                            .expiry = now + BS_SECONDS_PER_YEAR / 4, .right = 'C', .iv = NAN,
                            .lower = NAN, .upper = NAN, .quote = "BTC"};
    assert_int_equal(book_apply(b, &o, 0, NULL), 0);
    px(b, "BTC-OPT", 0.01);
    pos(b, "BTC-OPT", "", 2, 0.01);
    expo_compute(&e, b, h, now, 0, NAN, NULL);
    double sigma;
    assert_int_equal(iv_implied(500, 50000, 55000, 0.25, 0, 'C', &sigma), IV_OK);
    assert_int_equal(e.inst[1].status, EXPO_OK);
    assert_near(e.inst[1].iv, sigma, 1e-12);
    assert_near(e.inst[1].value_usd, 1000, 1e-9);
    bs_greeks g;
    assert_int_equal(bs_greeks_of(50000, 55000, 0.25, 0, sigma, 'C', &g), 0);
    assert_near(e.inst[1].delta_usd, 2 * g.delta * 50000, 1e-6);
    expo_free(&e);
    hist_free(h);
    book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(infer),
        cmocka_unit_test(rates),
        cmocka_unit_test(conversion),
        cmocka_unit_test(inverse),
        cmocka_unit_test(inverse_revaluation),
        cmocka_unit_test(inverse_realized),
        cmocka_unit_test(inverse_horizon_pnl),
        cmocka_unit_test(coin_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
