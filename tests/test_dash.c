/* test_dash.c - dashboard state without a terminal: filter, sort, the
 * selection following its symbol, paging, clicks, the event log. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/dash.h"
#include "testutil.h"

static void feed(app *a, const char *topic, const char *body, double t)
{
    const char *f[2] = {topic, body};
    size_t l[2] = {strlen(topic), strlen(body)};
    app_message(a, 2, f, l, t);
}

static const char *sym_at(const app *a, const dash *d, size_t k)
{
    return book_at(a->book, d->order[k])->sym;
}

static void sort_filter_select(void **state)
{
    (void)state;
    invtop_opts o;
    cli_defaults(&o);
    o.risk.mc_async = false;
    app a;
    assert_int_equal(app_init(&a, &o, NULL, true, NULL), 0);
    feed(&a, "pos.ETH-PERP", "{\"qty\":5}", 1);
    feed(&a, "pos.BTC-PERP", "{\"qty\":-2}", 1);
    feed(&a, "pos.SOL-PERP", "{\"qty\":9}", 1);
    feed(&a, "pos.ETH-USD", "{\"qty\":1}", 1);
    dash d;
    assert_int_equal(dash_init(&d, o.max_instruments), 0);
    dash_order(&d, &a);
    assert_int_equal(d.norder, 4);
    assert_string_equal(sym_at(&a, &d, 0), "BTC-PERP"); /* by symbol */
    assert_string_equal(sym_at(&a, &d, 3), "SOL-PERP");
    dash_action(&d, ACT_DOWN, 10);
    dash_order(&d, &a);
    assert_string_equal(d.selected, "ETH-PERP");
    dash_action(&d, ACT_SORT_RIGHT, 10); /* Venue */
    dash_action(&d, ACT_SORT_RIGHT, 10); /* Qty */
    dash_action(&d, ACT_SORT_INVERT, 10);
    dash_order(&d, &a);
    assert_string_equal(sym_at(&a, &d, 0), "SOL-PERP"); /* 9, 5, 1, -2 */
    assert_string_equal(sym_at(&a, &d, 3), "BTC-PERP");
    assert_string_equal(d.selected, "ETH-PERP"); /* the selection followed its symbol */
    assert_int_equal(d.sel, 1);
    dash_action(&d, ACT_FILTER, 10);
    assert_true(dash_filter_key(&d, 'e'));
    assert_true(dash_filter_key(&d, 't'));
    assert_true(dash_filter_key(&d, '\r'));
    assert_false(dash_filter_key(&d, 'x')); /* editing ended */
    dash_order(&d, &a);
    assert_int_equal(d.norder, 2); /* case-insensitive substring */
    dash_action(&d, ACT_BOTTOM, 10);
    dash_order(&d, &a);
    assert_string_equal(d.selected, "ETH-USD");
    dash_action(&d, ACT_FILTER, 10);
    assert_true(dash_filter_key(&d, 27)); /* Esc clears */
    dash_order(&d, &a);
    assert_int_equal(d.norder, 4);
    dash_click_row(&d, 0);
    dash_order(&d, &a);
    assert_string_equal(d.selected, "SOL-PERP");
    dash_action(&d, ACT_PAGE_DOWN, 3);
    dash_scroll_to_selection(&d, 3);
    assert_int_equal(d.sel, 3);
    assert_int_equal(d.scroll, 1);
    dash_action(&d, ACT_VAR_METHOD, 3);
    assert_int_equal(d.var_method, PV_CORNISH_FISHER);
    dash_action(&d, ACT_QUIT, 3);
    assert_true(d.quit);
    dash_free(&d);
    app_free(&a);
}

/* Venues and books on the dashboard: the venue column groups rows, a filter
 * on "@OKX" keeps one venue, and the book filter shows one book's holdings
 * (qty and notional of that book only) and cycles back to all books. */
static void venues_and_books(void **state)
{
    (void)state;
    invtop_opts o;
    cli_defaults(&o);
    o.risk.mc_async = false;
    app a;
    assert_int_equal(app_init(&a, &o, NULL, true, NULL), 0);
    feed(&a, "px", "{\"sym\":\"ETH-PERP\",\"venue\":\"OKX\",\"mid\":3000}", 1);
    feed(&a, "px", "{\"sym\":\"BTC-PERP\",\"venue\":\"OKX\",\"mid\":60000}", 1);
    feed(&a, "px", "{\"sym\":\"BTC-PERP\",\"venue\":\"BYBIT\",\"mid\":60010}", 1);
    feed(&a, "pos", "{\"sym\":\"BTC-PERP\",\"venue\":\"OKX\",\"book\":\"mm\",\"qty\":2}", 1);
    feed(&a, "pos", "{\"sym\":\"BTC-PERP\",\"venue\":\"OKX\",\"book\":\"hedge\",\"qty\":-0.5}", 1);
    feed(&a, "pos", "{\"sym\":\"ETH-PERP\",\"venue\":\"OKX\",\"book\":\"hedge\",\"qty\":3}", 1);
    dash d;
    assert_int_equal(dash_init(&d, o.max_instruments), 0);
    dash_action(&d, ACT_SORT_RIGHT, 10); /* Venue: BYBIT's row first, then OKX's by symbol */
    dash_order(&d, &a);
    assert_int_equal(d.norder, 3);
    assert_string_equal(book_at(a.book, d.order[0])->id, "BTC-PERP@BYBIT");
    assert_string_equal(book_at(a.book, d.order[1])->id, "BTC-PERP@OKX");
    assert_string_equal(book_at(a.book, d.order[2])->id, "ETH-PERP@OKX");
    dash_action(&d, ACT_FILTER, 10);
    for (const char *k = "@okx"; *k; k++)
        assert_true(dash_filter_key(&d, *k));
    assert_true(dash_filter_key(&d, '\r'));
    dash_order(&d, &a);
    assert_int_equal(d.norder, 2);
    dash_action(&d, ACT_FILTER, 10);
    assert_true(dash_filter_key(&d, 27));
    dash_next_book(&d, book_nbooks(a.book)); /* "mm", first seen */
    assert_string_equal(book_name(a.book, (size_t)d.book), "mm");
    dash_order(&d, &a);
    assert_int_equal(d.norder, 1);
    dash_row r = dash_row_figures(&a, d.book, d.order[0]);
    assert_true(r.qty == 2 && r.notional == 120000); /* 2 x 60000 */
    dash_next_book(&d, book_nbooks(a.book)); /* "hedge": BTC -0.5, ETH 3 */
    dash_order(&d, &a);
    assert_int_equal(d.norder, 2);
    r = dash_row_figures(&a, d.book, (size_t)book_find(a.book, "BTC-PERP@OKX"));
    assert_true(r.qty == -0.5 && r.notional == -30000);
    dash_next_book(&d, book_nbooks(a.book)); /* all books again */
    assert_int_equal(d.book, -1);
    dash_order(&d, &a);
    assert_int_equal(d.norder, 3);
    r = dash_row_figures(&a, d.book, (size_t)book_find(a.book, "BTC-PERP@OKX"));
    assert_true(r.qty == 1.5 && r.notional == 90000);
    dash_free(&d);
    app_free(&a);
}

static void event_log(void **state)
{
    (void)state;
    invtop_opts o;
    cli_defaults(&o);
    o.risk.mc_async = false;
    app a;
    assert_int_equal(app_init(&a, &o, NULL, true, NULL), 0);
    dash d;
    assert_int_equal(dash_init(&d, o.max_instruments), 0);
    feed(&a, "px.X", "{\"mid\":1,\"seq\":1,\"src\":\"s\"}", 100);
    feed(&a, "px.X", "{\"mid\":-1}", 100);
    feed(&a, "px.X", "{\"mid\":2,\"seq\":4,\"src\":\"s\"}", 100);
    dash_observe(&d, &a, 100);
    assert_int_equal(d.log.n, 2);
    assert_non_null(strstr(evlog_get(&d.log, 0)->text, "seq gap: 2"));
    assert_non_null(strstr(evlog_get(&d.log, 1)->text, "bad_price"));
    dash_observe(&d, &a, 110); /* 10 s without a price: stale */
    assert_non_null(strstr(evlog_get(&d.log, 0)->text, "X price stale"));
    feed(&a, "px.X", "{\"mid\":3}", 111);
    dash_observe(&d, &a, 111);
    assert_non_null(strstr(evlog_get(&d.log, 0)->text, "fresh again"));
    dash_free(&d);
    app_free(&a);
}

/* With the focus on Events the arrows scroll it; the event scrolled to
 * stays at the top as new ones arrive; g follows the newest again. */
static void event_log_scrolls(void **state)
{
    (void)state;
    dash d;
    assert_int_equal(dash_init(&d, 4), 0);
    for (int k = 0; k < 10; k++)
        evlog_add(&d.log, k, EVLOG_INFO, "event %d", k);
    dash_action(&d, ACT_DOWN, 5); /* focus on positions: the log does not move */
    assert_int_equal(dash_log_offset(&d), 0);
    for (int k = 0; k < 3; k++)
        dash_action(&d, ACT_FOCUS, 5);
    assert_int_equal(d.focus, PANEL_LOG);
    dash_action(&d, ACT_DOWN, 5);
    dash_action(&d, ACT_DOWN, 5);
    assert_int_equal(dash_log_offset(&d), 2);
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 7");
    evlog_add(&d.log, 10, EVLOG_INFO, "event 10");
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 7");
    dash_action(&d, ACT_PAGE_DOWN, 5);
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 2");
    dash_action(&d, ACT_BOTTOM, 5); /* the oldest, not past it */
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 0");
    dash_action(&d, ACT_PAGE_DOWN, 5);
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 0");
    dash_action(&d, ACT_UP, 5);
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 1");
    dash_action(&d, ACT_TOP, 5);
    assert_int_equal(dash_log_offset(&d), 0);
    evlog_add(&d.log, 11, EVLOG_INFO, "event 11");
    assert_int_equal(dash_log_offset(&d), 0); /* following the newest again */
    /* scrolled to the oldest, then the ring wraps past it: the oldest kept */
    dash_action(&d, ACT_BOTTOM, 5);
    for (int k = 12; k < 12 + EVLOG_CAP; k++)
        evlog_add(&d.log, k, EVLOG_INFO, "event %d", k);
    assert_int_equal(dash_log_offset(&d), EVLOG_CAP - 1);
    dash_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sort_filter_select),
        cmocka_unit_test(venues_and_books),
        cmocka_unit_test(event_log),
        cmocka_unit_test(event_log_scrolls),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
