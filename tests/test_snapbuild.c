/* test_snapbuild.c - figures the engine fills into a snapshot, checked by
 * hand against the prices fed: an instrument's market spread; an inverse
 * instrument's holdings (value, coin P&L) as the dashboard's book view
 * reads them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testapp.h"

#include "invtop/snapbuild.h"
#include "invtop/snapwire.h"
#include "tui/columns.h"
#include "tui/dash.h"

static void spread_of_bid_and_ask(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    test_app_feed(&a, "px.X", "{\"bid\":99.5,\"ask\":100.5}", 1000);
    test_app_feed(&a, "px.Y", "{\"mid\":50}", 1000);
    snap s;
    snap_init(&s);
    snapbuild_ctx c = {.now = 1000, .rate = 0, .source = "test"};
    assert_int_equal(snapbuild(&s, &a, &c), 0);
    const long x = snap_find(&s, "X"), y = snap_find(&s, "Y");
    assert_true(x >= 0 && y >= 0);
    /* (100.5 - 99.5) / 100 = 1%: 100 bp */
    assert_true(fabs(s.inst[x].spread_bps - 100) < 1e-9);
    assert_true(isnan(s.inst[y].spread_bps)); /* a mid alone: no spread */
    jw w = {0};
    assert_int_equal(snapw_document(&w, &s), 0);
    assert_non_null(strstr(w.buf, "\"spread_bps\":100.00,"));
    assert_non_null(strstr(w.buf, "\"spread_bps\":null,"));
    jw_free(&w);
    snap_free(&s);
    app_free(&a);
}

/* An inverse BTC perp (1 USD a contract), mid 55,000 (54999.5/55000.5):
 * book mm long 10,000 from 50,000: value 10,000 USD, 10000 (1/50000 -
 * 1/55000) = 0.0181818 BTC; book hedge long 5,000 from 40,000: 5,000
 * USD, 5000 (1/40000 - 1/55000) = 0.0340909 BTC = 1,875 USD; book flip
 * sells 4,000 at 55,000 (fee 1 USD) and buys them back at 50,000: 4000
 * (1/50000 - 1/55000) = 0.00727273 BTC realized = 400 USD at 55,000, less
 * the fee = 399 USD. The book view reads those, not qty x mult x mid
 * (5000 x 55000 = 275,000,000 for hedge). */
static void inverse_holdings(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    test_app_feed(&a, "inst", "{\"sym\":\"BTC-PERP\",\"kind\":\"perp\",\"underlying\":\"BTC\",\"quote\":\"USD\","
                  "\"settle\":\"inverse\"}", 1000);
    test_app_feed(&a, "px", "{\"sym\":\"BTC-PERP\",\"bid\":54999.5,\"ask\":55000.5}", 1000);
    test_app_feed(&a, "pos", "{\"sym\":\"BTC-PERP\",\"book\":\"mm\",\"qty\":10000,\"avg_px\":50000}", 1000);
    test_app_feed(&a, "pos", "{\"sym\":\"BTC-PERP\",\"book\":\"hedge\",\"qty\":5000,\"avg_px\":40000}", 1000);
    test_app_feed(&a, "fill", "{\"sym\":\"BTC-PERP\",\"book\":\"flip\",\"side\":\"sell\",\"qty\":4000,"
                  "\"px\":55000,\"fee\":1}", 1000);
    test_app_feed(&a, "fill", "{\"sym\":\"BTC-PERP\",\"book\":\"flip\",\"side\":\"buy\",\"qty\":4000,"
                  "\"px\":50000}", 1000);
    test_app_feed(&a, "px", "{\"sym\":\"ETH-PERP\",\"mid\":3000}", 1000);
    test_app_feed(&a, "pos", "{\"sym\":\"ETH-PERP\",\"book\":\"hedge\",\"qty\":2}", 1000);
    /* quoted in BTC, which nothing prices (an inverse perp does not): unconverted */
    test_app_feed(&a, "inst", "{\"sym\":\"ETH-BTC\",\"underlying\":\"ETH\",\"quote\":\"BTC\"}", 1000);
    test_app_feed(&a, "px", "{\"sym\":\"ETH-BTC\",\"mid\":0.05}", 1000);
    test_app_feed(&a, "pos", "{\"sym\":\"ETH-BTC\",\"book\":\"hedge\",\"qty\":10,\"avg_px\":0.04}", 1000);
    snap s;
    snap_init(&s);
    snapbuild_ctx c = {.now = 1000, .rate = 0, .source = "test"};
    assert_int_equal(snapbuild(&s, &a, &c), 0);
    const long i = snap_find(&s, "BTC-PERP"), e = snap_find(&s, "ETH-PERP"), u = snap_find(&s, "ETH-BTC");
    assert_true(u >= 0 && s.inst[u].unconverted);
    const snap_holding *uh = &s.holdings[s.inst[u].first_holding];
    assert_true(isnan(uh->notional_usd) && isnan(uh->pnl_unrealized) && isnan(uh->pnl_realized));
    assert_true(i >= 0 && e >= 0);
    const snap_inst *in = &s.inst[i];
    assert_true(fabs(in->pnl_realized_coin - 4000 * (1 / 50000.0 - 1 / 55000.0)) < 1e-15);
    assert_true(fabs(in->pnl_realized - 399) < 1e-9);
    assert_true(fabs(s.port.pnl_realized - 399) < 1e-9);
    assert_int_equal(in->nholdings, 3);
    const snap_holding *mm = &s.holdings[in->first_holding], *hedge = mm + 1, *flip = mm + 2;
    assert_true(fabs(mm->notional_usd - 10000) < 1e-9 && fabs(hedge->notional_usd - 5000) < 1e-9);
    assert_true(fabs(mm->pnl_unrealized_coin - 0.0181818) < 1e-7);
    assert_true(fabs(hedge->pnl_unrealized - 1875) < 1e-9);
    assert_true(fabs(flip->pnl_realized_coin - 0.00727273) < 1e-8 && fabs(flip->pnl_realized - 399) < 1e-9);
    assert_true(isnan(s.holdings[s.inst[e].first_holding].pnl_unrealized_coin)); /* linear */
    /* the dashboard's book view: book hedge's own value and P&L */
    const long hb = hedge->book;
    col_figures f = col_figures_of(&s, hb, (size_t)i);
    assert_true(f.notional == hedge->notional_usd && fabs(f.pnl - 1875) < 1e-9);
    assert_true(fabs(f.pnl_coin - 5000 * (1 / 40000.0 - 1 / 55000.0)) < 1e-15);
    f = col_figures_of(&s, hb, (size_t)e);
    assert_true(fabs(f.notional - 6000) < 1e-9 && isnan(f.pnl_coin)); /* 2 x 3000 */
    /* an inverse instrument brings the PnL coin column (no layout yet: all that may be) */
    dash d;
    assert_int_equal(dash_init(&d, o.max_instruments), 0);
    bool shown[COL_MAX];
    size_t coin = 0;
    while (coin < col_count() && strcmp(col_info(coin)->name, "PnL coin") != 0)
        coin++;
    assert_true(coin < col_count());
    dash_columns_shown(&d, shown);
    assert_false(shown[coin]);
    dash_order(&d, &s);
    dash_columns_shown(&d, shown);
    assert_true(d.has_coins && shown[coin]);
    dash_free(&d);
    jw w = {0};
    assert_int_equal(snapw_document(&w, &s), 0);
    assert_non_null(strstr(w.buf, "\"notional_usd\":5000.00,\"pnl_realized_coin\":0,\"pnl_unrealized_coin\":"));
    assert_non_null(strstr(w.buf, "\"pnl_realized_coin\":0.0072727"));
    jw_free(&w);
    snap_free(&s);
    app_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spread_of_bid_and_ask),
        cmocka_unit_test(inverse_holdings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
