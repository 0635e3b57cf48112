/* test_dash.c - dashboard state without a terminal, from snapshots built
 * out of an app fed messages: filter, sort, the selection following its
 * instrument, paging, clicks, books, the event log (the engine's events
 * and the view's answers, each once), freezing. Keys go through the key
 * table's dispatcher, as on the screen. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <curses.h> /* key codes */

#include "tui/dash.h"
#include "tui/keys.h"
#include "invtop/snapbuild.h"
#include "testapp.h"
#include "testutil.h"

/* The engine's side of a frame, as the live loop does it: event time
 * reaches now (what is due is logged), then a snapshot. */
static void frame(app *a, snap *s, double now)
{
    snapbuild_ctx c = {now, 0, "test"};
    (void)app_tick(a, now);
    assert_int_equal(snapbuild(s, a, &c), 0);
}

/* A key pressed on the dashboard showing s (read-only, no engine). */
static void press(dash *d, const snap *s, int ch, size_t page)
{
    fe_sink sink = {0};
    keyctx k = {.d = d, .shown = s, .sink = &sink, .now = 0, .page = page};
    (void)keys_dispatch(&k, ch);
}

static const char *sym_at(const snap *s, const dash *d, size_t k)
{
    return s->inst[d->order[k]].sym;
}

static void sort_filter_select(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    test_app_feed(&a, "pos.ETH-PERP", "{\"qty\":5}", 1);
    test_app_feed(&a, "pos.BTC-PERP", "{\"qty\":-2}", 1);
    test_app_feed(&a, "pos.SOL-PERP", "{\"qty\":9}", 1);
    test_app_feed(&a, "pos.ETH-USD", "{\"qty\":1}", 1);
    snap s;
    snap_init(&s);
    frame(&a, &s, 1);
    dash d;
    assert_int_equal(dash_init(&d, 2), 0); /* grows to the snapshot's count */
    dash_order(&d, &s);
    assert_int_equal(d.norder, 4);
    assert_string_equal(sym_at(&s, &d, 0), "BTC-PERP"); /* by symbol */
    assert_string_equal(sym_at(&s, &d, 3), "SOL-PERP");
    press(&d, &s, 'j', 10);
    dash_order(&d, &s);
    assert_string_equal(d.selected, "ETH-PERP");
    press(&d, &s, '>', 10); /* Qty: no venues, so no Venue column to sort on */
    assert_string_equal(col_info(d.sort_col)->name, "Qty");
    press(&d, &s, 'I', 10);
    dash_order(&d, &s);
    assert_string_equal(sym_at(&s, &d, 0), "SOL-PERP"); /* 9, 5, 1, -2 */
    assert_string_equal(sym_at(&s, &d, 3), "BTC-PERP");
    assert_string_equal(d.selected, "ETH-PERP"); /* the selection followed its instrument */
    assert_int_equal(d.sel, 1);
    press(&d, &s, '<', 10); /* back past Venue to Symbol */
    assert_string_equal(col_info(d.sort_col)->name, "Symbol");
    press(&d, &s, '>', 10);
    press(&d, &s, '/', 10);
    press(&d, &s, 'e', 10);
    press(&d, &s, 't', 10);
    press(&d, &s, '\r', 10);
    assert_false(d.filter_editing); /* editing ended */
    dash_order(&d, &s);
    assert_int_equal(d.norder, 2); /* case-insensitive substring */
    press(&d, &s, 'G', 10);
    dash_order(&d, &s);
    assert_string_equal(d.selected, "ETH-USD");
    press(&d, &s, '/', 10);
    press(&d, &s, 27, 10); /* Esc clears */
    dash_order(&d, &s);
    assert_int_equal(d.norder, 4);
    dash_click_row(&d, 0);
    dash_order(&d, &s);
    assert_string_equal(d.selected, "SOL-PERP");
    press(&d, &s, KEY_NPAGE, 3);
    dash_scroll_to_selection(&d, 3);
    assert_int_equal(d.sel, 3);
    assert_int_equal(d.scroll, 1);
    press(&d, &s, 'v', 3);
    assert_int_equal(d.var_method, PV_CORNISH_FISHER);
    /* with the help open the arrows scroll it, not the selection */
    press(&d, &s, '?', 3);
    press(&d, &s, 'j', 3);
    assert_int_equal(d.help_top, 1);
    assert_int_equal(d.sel, 3);
    press(&d, &s, 'g', 3);
    assert_int_equal(d.help_top, 0);
    press(&d, &s, 27, 3);
    press(&d, &s, 'q', 3);
    assert_true(d.quit);
    dash_free(&d);
    snap_free(&s);
    app_free(&a);
}

/* Venues and books on the dashboard: the venue column groups rows, a filter
 * on "@OKX" keeps one venue, and the book filter shows one book's holdings
 * (qty and notional of that book only) and cycles back to all books. */
static void venues_and_books(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    test_app_feed(&a, "px", "{\"sym\":\"ETH-PERP\",\"venue\":\"OKX\",\"mid\":3000}", 1);
    test_app_feed(&a, "px", "{\"sym\":\"BTC-PERP\",\"venue\":\"OKX\",\"mid\":60000}", 1);
    test_app_feed(&a, "px", "{\"sym\":\"BTC-PERP\",\"venue\":\"BYBIT\",\"mid\":60010}", 1);
    test_app_feed(&a, "pos", "{\"sym\":\"BTC-PERP\",\"venue\":\"OKX\",\"book\":\"mm\",\"qty\":2}", 1);
    test_app_feed(&a, "pos", "{\"sym\":\"BTC-PERP\",\"venue\":\"OKX\",\"book\":\"hedge\",\"qty\":-0.5}", 1);
    test_app_feed(&a, "pos", "{\"sym\":\"ETH-PERP\",\"venue\":\"OKX\",\"book\":\"hedge\",\"qty\":3}", 1);
    snap s;
    snap_init(&s);
    frame(&a, &s, 1);
    dash d;
    assert_int_equal(dash_init(&d, o.max_instruments), 0);
    dash_order(&d, &s);
    assert_true(d.has_venues);
    press(&d, &s, '>', 10); /* Venue: BYBIT's row first, then OKX's by symbol */
    assert_string_equal(col_info(d.sort_col)->name, "Venue");
    dash_order(&d, &s);
    assert_int_equal(d.norder, 3);
    assert_string_equal(s.inst[d.order[0]].id, "BTC-PERP@BYBIT");
    assert_string_equal(s.inst[d.order[1]].id, "BTC-PERP@OKX");
    assert_string_equal(s.inst[d.order[2]].id, "ETH-PERP@OKX");
    press(&d, &s, '/', 10);
    for (const char *k = "@okx"; *k; k++)
        press(&d, &s, *k, 10);
    press(&d, &s, '\r', 10);
    dash_order(&d, &s);
    assert_int_equal(d.norder, 2);
    press(&d, &s, '/', 10);
    press(&d, &s, 27, 10);
    dash_next_book(&d, s.nbooks); /* "mm", first seen */
    assert_string_equal(s.books[d.book].name, "mm");
    dash_order(&d, &s);
    assert_int_equal(d.norder, 1);
    col_figures r = col_figures_of(&s, d.book, d.order[0]);
    assert_true(r.qty == 2 && r.notional == 120000); /* 2 x 60000 */
    assert_near(r.delta_usd, 120000, 1e-6);            /* delta-one: the book's notional */
    dash_next_book(&d, s.nbooks); /* "hedge": BTC -0.5, ETH 3 */
    dash_order(&d, &s);
    assert_int_equal(d.norder, 2);
    r = col_figures_of(&s, d.book, (size_t)snap_find(&s, "BTC-PERP@OKX"));
    assert_true(r.qty == -0.5 && r.notional == -30000);
    dash_next_book(&d, s.nbooks); /* all books again */
    assert_int_equal(d.book, -1);
    dash_order(&d, &s);
    assert_int_equal(d.norder, 3);
    r = col_figures_of(&s, d.book, (size_t)snap_find(&s, "BTC-PERP@OKX"));
    assert_true(r.qty == 1.5 && r.notional == 90000);
    assert_near(r.delta_usd, r.notional, 1e-6); /* the snapshot's figures agree with each other */
    dash_free(&d);
    snap_free(&s);
    app_free(&a);
}

/* The engine logs on event time (watch.h); the dashboard takes its events from
 * snapshots, each once, newest last, and says when some were missed. */
static void event_log(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    dash d;
    assert_int_equal(dash_init(&d, o.max_instruments), 0);
    snap s;
    snap_init(&s);
    test_app_feed(&a, "px.X", "{\"mid\":1,\"seq\":1,\"src\":\"s\"}", 100);
    test_app_feed(&a, "px.X", "{\"mid\":-1}", 100);
    test_app_feed(&a, "px.X", "{\"mid\":2,\"seq\":4,\"src\":\"s\"}", 100);
    frame(&a, &s, 100);
    dash_take_events(&d, &s);
    assert_int_equal(d.log.n, 2);
    assert_non_null(strstr(evlog_get(&d.log, 0)->text, "seq gap: 2"));
    assert_non_null(strstr(evlog_get(&d.log, 1)->text, "bad_price"));
    dash_take_events(&d, &s); /* the same snapshot again: nothing new */
    assert_int_equal(d.log.n, 2);
    frame(&a, &s, 110); /* 10 s without a price: stale */
    dash_take_events(&d, &s);
    assert_non_null(strstr(evlog_get(&d.log, 0)->text, "X price stale"));
    test_app_feed(&a, "px.X", "{\"mid\":3}", 111);
    frame(&a, &s, 111);
    dash_take_events(&d, &s);
    assert_non_null(strstr(evlog_get(&d.log, 0)->text, "fresh again"));
    assert_int_equal(d.log.n, 4);
    /* more events than a snapshot carries: the newest, and a line for the rest */
    for (int k = 0; k < SNAP_EVENTS + 5; k++) /* a reject each counting window: each its own event */
        test_app_feed(&a, "px.X", "{\"mid\":-1}", 112 + k * WATCH_COUNT_WINDOW_S);
    unsigned long seen = s.events_total;
    frame(&a, &s, 150);
    assert_true(s.events_total - seen > SNAP_EVENTS);
    dash_take_events(&d, &s);
    assert_int_equal(d.log.n, 4 + 1 + SNAP_EVENTS);
    char missed[64];
    snprintf(missed, sizeof missed, "(%lu earlier engine events not shown)", s.events_total - seen - SNAP_EVENTS);
    assert_string_equal(evlog_get(&d.log, SNAP_EVENTS)->text, missed);
    assert_string_equal(evlog_get(&d.log, 0)->text, s.events[SNAP_EVENTS - 1].text); /* newest last */
    dash_free(&d);
    snap_free(&s);
    app_free(&a);
}

/* A command's answer is logged by the view at once; the engine's own event
 * for it, arriving with the next snapshot, is not shown a second time. */
static void answers_logged_once(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    o.trader = true;
    char jpath[] = "/tmp/test_dash_journal.XXXXXX";
    int fd = mkstemp(jpath);
    assert_true(fd >= 0);
    close(fd);
    o.journal = jpath;
    app a;
    test_app_start(&a, &o);
    dash d;
    assert_int_equal(dash_init(&d, o.max_instruments), 0);
    snap s;
    snap_init(&s);
    test_app_feed(&a, "pos.BTC-PERP", "{\"qty\":1}", 1);
    frame(&a, &s, 1);
    dash_take_events(&d, &s);
    size_t before = d.log.n;
    command c;
    char msg[192], line[224];
    assert_int_equal(cmd_parse("pause BTC-PERP", &c, msg, sizeof msg), 0);
    assert_int_equal(app_command(&a, &c, 2, "tester", "", "key", msg, sizeof msg), 0);
    snprintf(line, sizeof line, "override %s", msg);
    dash_log_answer(&d, 2, EVLOG_INFO, line, msg);
    frame(&a, &s, 2);
    dash_take_events(&d, &s);
    assert_int_equal(d.log.n, before + 1);
    assert_string_equal(evlog_get(&d.log, 0)->text, line);
    /* the same command again is a new event: logged when the view has not */
    assert_int_equal(app_command(&a, &c, 3, "tester", "", "key", msg, sizeof msg), 0);
    frame(&a, &s, 3);
    dash_take_events(&d, &s);
    assert_int_equal(d.log.n, before + 2);
    dash_free(&d);
    snap_free(&s);
    app_free(&a);
    unlink(jpath);
}

/* A copy of a snapshot keeps its numbers however the engine moves on: what
 * freezing shows. */
static void frozen_copy_is_consistent(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    snap live, shown;
    snap_init(&live);
    snap_init(&shown);
    test_app_feed(&a, "inst.BTC-FUT", "{\"kind\":\"future\",\"underlying\":\"BTC\"}", 1);
    test_app_feed(&a, "px.BTC-FUT", "{\"mid\":65000}", 1);
    frame(&a, &live, 1);
    assert_int_equal(snap_copy(&shown, &live), 0);
    test_app_feed(&a, "pos.BTC-FUT", "{\"qty\":0.03}", 2);
    test_app_feed(&a, "px.BTC-FUT", "{\"mid\":65100}", 2);
    frame(&a, &live, 2);
    long i = snap_find(&shown, "BTC-FUT");
    assert_true(i >= 0);
    col_figures was = col_figures_of(&shown, -1, (size_t)i), now = col_figures_of(&live, -1, (size_t)i);
    assert_true(was.qty == 0 && was.notional == 0);
    assert_near(now.notional, 0.03 * 65100, 1e-6);
    assert_near(now.delta_usd, now.notional, 1e-6);
    snap_free(&live);
    snap_free(&shown);
    app_free(&a);
}

/* With the focus on Events the arrows scroll it; the event scrolled to
 * stays at the top as new ones arrive; g follows the newest again. */
static void event_log_scrolls(void **state)
{
    (void)state;
    dash d;
    snap s;
    snap_init(&s); /* no instruments */
    assert_int_equal(dash_init(&d, 4), 0);
    for (int k = 0; k < 10; k++)
        evlog_add(&d.log, k, EVLOG_INFO, "event %d", k);
    press(&d, &s, 'j', 5); /* focus on positions: the log does not move */
    assert_int_equal(dash_log_offset(&d), 0);
    for (int k = 0; k < 3; k++)
        press(&d, &s, '\t', 5);
    assert_int_equal(d.focus, PANEL_LOG);
    press(&d, &s, 'j', 5);
    press(&d, &s, 'j', 5);
    assert_int_equal(dash_log_offset(&d), 2);
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 7");
    evlog_add(&d.log, 10, EVLOG_INFO, "event 10");
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 7");
    press(&d, &s, KEY_NPAGE, 5);
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 2");
    press(&d, &s, 'G', 5); /* the oldest, not past it */
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 0");
    press(&d, &s, KEY_NPAGE, 5);
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 0");
    press(&d, &s, 'k', 5);
    assert_string_equal(evlog_get(&d.log, dash_log_offset(&d))->text, "event 1");
    press(&d, &s, 'g', 5);
    assert_int_equal(dash_log_offset(&d), 0);
    evlog_add(&d.log, 11, EVLOG_INFO, "event 11");
    assert_int_equal(dash_log_offset(&d), 0); /* following the newest again */
    /* scrolled to the oldest, then the ring wraps past it: the oldest kept */
    press(&d, &s, 'G', 5);
    for (int k = 12; k < 12 + EVLOG_CAP; k++)
        evlog_add(&d.log, k, EVLOG_INFO, "event %d", k);
    assert_int_equal(dash_log_offset(&d), EVLOG_CAP - 1);
    dash_free(&d);
    snap_free(&s);
}

/* The options desk from an engine fed an options book: L shows the ladder
 * and takes the focus; the arrows move its cursor, not the positions';
 * Enter on a cell shows the positions it sums (its underlying, its bucket,
 * held), on the total every bucket; Enter again or Esc shows all; f and s
 * re-order the rows by |total| of the figure shown; with a book shown the
 * ladder is the book's and the stress grid follows it; x pages the grids. */
static void ladder_selects_into_positions(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    const double t = 1000;
    char body[256];
    test_app_feed(&a, "inst", "{\"sym\":\"BTC-PERP\",\"kind\":\"perp\",\"underlying\":\"BTC\",\"mult\":1}", t);
    test_app_feed(&a, "inst", "{\"sym\":\"ETH-PERP\",\"kind\":\"perp\",\"underlying\":\"ETH\",\"mult\":1}", t);
    static const struct {
        const char *sym;
        double days, qty;
        const char *book;
    } opt[] = {{"BTC-20D-C", 20, 2, "vol"}, {"BTC-100D-C", 100, 3, "vol"}, {"BTC-5D-C", 5, 0, "vol"}};
    for (size_t k = 0; k < 3; k++) {
        snprintf(body, sizeof body,
                 "{\"sym\":\"%s\",\"kind\":\"option\",\"underlying\":\"BTC\",\"mult\":1,\"strike\":70000,"
                 "\"expiry\":%.0f,\"right\":\"C\"}",
                 opt[k].sym, t + opt[k].days * 86400);
        test_app_feed(&a, "inst", body, t);
        snprintf(body, sizeof body, "{\"sym\":\"%s\",\"mid\":1500,\"iv\":0.5}", opt[k].sym);
        test_app_feed(&a, "px", body, t);
        snprintf(body, sizeof body, "{\"sym\":\"%s\",\"qty\":%g,\"book\":\"%s\"}", opt[k].sym, opt[k].qty,
                 opt[k].book);
        test_app_feed(&a, "pos", body, t);
    }
    test_app_feed(&a, "px", "{\"sym\":\"BTC-PERP\",\"mid\":65000}", t);
    test_app_feed(&a, "px", "{\"sym\":\"ETH-PERP\",\"mid\":3400}", t);
    test_app_feed(&a, "pos", "{\"sym\":\"BTC-PERP\",\"qty\":-1,\"book\":\"mm\"}", t);
    test_app_feed(&a, "pos", "{\"sym\":\"ETH-PERP\",\"qty\":50,\"book\":\"mm\"}", t);
    snap s;
    snap_init(&s);
    frame(&a, &s, t);
    dash d;
    assert_int_equal(dash_init(&d, o.max_instruments), 0);
    dash_order(&d, &s);
    assert_int_equal(d.norder, 5);
    assert_int_equal(d.nlad, 2); /* BTC, ETH: all books */
    assert_string_equal(s.ladder_rows[d.lad_rows[0]].underlying, "BTC");
    press(&d, &s, 'L', 10);
    assert_true(d.panels_on & LAY_BIT(PANEL_LADDER));
    assert_int_equal(d.focus, PANEL_LADDER);
    press(&d, &s, 'j', 10); /* the ladder's cursor, not the positions' */
    dash_order(&d, &s);
    assert_string_equal(d.lad_und, "ETH");
    assert_int_equal(d.sel, 0);
    press(&d, &s, 'k', 10);
    for (int k = 0; k < 2; k++)
        press(&d, &s, KEY_RIGHT, 10); /* 7-30d */
    assert_int_equal(d.lad_col, 2);
    press(&d, &s, '\r', 10);
    dash_order(&d, &s);
    assert_true(d.scope_on);
    assert_int_equal(d.norder, 1);
    assert_string_equal(s.inst[d.order[0]].id, "BTC-20D-C");
    press(&d, &s, '\r', 10); /* the same cell again: all */
    dash_order(&d, &s);
    assert_false(d.scope_on);
    assert_int_equal(d.norder, 5);
    for (int k = 0; k < 9; k++)
        press(&d, &s, KEY_RIGHT, 10); /* past the last bucket: the total, and no further */
    assert_int_equal(d.lad_col, s.ladder.nbuckets);
    press(&d, &s, KEY_ENTER, 10);
    dash_order(&d, &s);
    assert_int_equal(d.norder, 3); /* the perp and the two held options; the flat 5-day one is not summed */
    for (size_t k = 0; k < d.norder; k++)
        assert_string_not_equal(s.inst[d.order[k]].id, "BTC-5D-C");
    press(&d, &s, 27, 10); /* Esc: all */
    dash_order(&d, &s);
    assert_int_equal(d.norder, 5);
    /* |total| of delta: 50 ETH before BTC's few coins; of $gamma, BTC (ETH has none) */
    press(&d, &s, 's', 10);
    dash_order(&d, &s);
    assert_string_equal(s.ladder_rows[d.lad_rows[0]].underlying, "ETH");
    press(&d, &s, 'f', 10);
    press(&d, &s, 'f', 10);
    assert_int_equal(d.lad_fig, OPTV_GAMMA_USD);
    dash_order(&d, &s);
    assert_string_equal(s.ladder_rows[d.lad_rows[0]].underlying, "BTC");
    /* a book: its ladder rows, and the stress grid follows it */
    press(&d, &s, 'b', 10);
    dash_order(&d, &s);
    assert_string_equal(s.books[d.book].name, "vol");
    assert_int_equal(d.nlad, 1);
    assert_string_equal(s.ladder_rows[d.lad_rows[0]].book, "vol");
    assert_int_equal(d.stress_kind, OPTV_BOOK);
    assert_string_equal(d.stress_name, "vol");
    press(&d, &s, 'b', 10);
    press(&d, &s, 'b', 10); /* all books: the portfolio's grid */
    assert_int_equal(d.stress_kind, OPTV_PORTFOLIO);
    frame(&a, &s, t + 2); /* a risk sample: the stress grids */
    dash_order(&d, &s);
    assert_false(isnan(s.stress_at));
    press(&d, &s, 'x', 10); /* x pages them: BTC, ETH, then the books */
    assert_int_equal(d.stress_kind, OPTV_UNDERLYING);
    assert_string_equal(d.stress_name, "BTC");
    press(&d, &s, 'x', 10);
    press(&d, &s, 'x', 10);
    assert_int_equal(d.stress_kind, OPTV_BOOK);
    press(&d, &s, 'L', 10); /* off: Enter does not act on a hidden ladder */
    assert_false(d.panels_on & LAY_BIT(PANEL_LADDER));
    dash_free(&d);
    snap_free(&s);
    app_free(&a);
}

/* The hedge panel's cursor (a hand-made snapshot: the engine's hedges are
 * not built here): E gives the panel the focus, the arrows move over the
 * underlyings, the cursor follows its underlying when the engine's order
 * changes, keeps its place when that one is gone, stays in the rows shown
 * (dash_hedge_fit), and E again leaves Tab's round. */
static void hedge_cursor(void **state)
{
    (void)state;
    snap s;
    snap_init(&s);
    static const char *const und[] = {"BTC", "ETH", "SOL", "XRP"};
    s.nhedges = 4;
    for (size_t k = 0; k < 4; k++) {
        memset(&s.hedges[k], 0, sizeof s.hedges[k]);
        snprintf(s.hedges[k].underlying, EVENT_SYM_MAX, "%s", und[k]);
    }
    dash d;
    assert_int_equal(dash_init(&d, 4), 0);
    dash_order(&d, &s);
    panel_id tab[PANEL_COUNT];
    const size_t before = dash_focusable(&d, tab);
    press(&d, &s, 'E', 10);
    assert_int_equal(d.focus, PANEL_HEDGES);
    assert_int_equal(dash_focusable(&d, tab), before + 1);
    press(&d, &s, 'j', 10);
    press(&d, &s, 'j', 10);
    dash_order(&d, &s);
    assert_string_equal(d.hg_und, "SOL");
    assert_string_equal(dash_hedge_selected(&d, &s)->underlying, "SOL");
    dash_hedge_fit(&d, 2); /* two rows shown: SOL the second */
    assert_int_equal(d.hg_scroll, 1);
    press(&d, &s, 'G', 10);
    dash_order(&d, &s);
    assert_string_equal(d.hg_und, "XRP");
    press(&d, &s, 'g', 10);
    press(&d, &s, 'j', 10);
    dash_order(&d, &s);
    assert_string_equal(d.hg_und, "ETH");
    /* the engine's order changes: the cursor follows ETH */
    const snap_hedge first = s.hedges[0];
    s.hedges[0] = s.hedges[3];
    s.hedges[3] = first;
    s.hedges[1] = s.hedges[2];
    snprintf(s.hedges[2].underlying, EVENT_SYM_MAX, "ETH");
    dash_order(&d, &s);
    assert_int_equal(d.hg_sel, 2);
    assert_string_equal(dash_hedge_selected(&d, &s)->underlying, "ETH");
    /* ETH gone: the cursor keeps its place, on what is there now */
    s.hedges[2] = s.hedges[3];
    s.nhedges = 3;
    dash_order(&d, &s);
    assert_string_equal(d.hg_und, "BTC");
    s.nhedges = 0;
    dash_order(&d, &s);
    assert_null(dash_hedge_selected(&d, &s));
    press(&d, &s, 'E', 10);
    assert_false(d.panels_on & LAY_BIT(PANEL_HEDGES));
    assert_int_equal(dash_focusable(&d, tab), before);
    dash_free(&d);
    snap_free(&s);
}

/* The state grammar's ack: a rule's name (1-47 symbol characters), then
 * seconds > 0 or nothing (until the alert resolves: NAN); cmd_format
 * writes what cmd_parse reads back; bad names and durations are refused
 * with a reason. */
static void ack_grammar(void **state)
{
    (void)state;
    command c;
    char err[128], text[CMD_TEXT_MAX];
    assert_string_equal(cmd_name(CMD_ACK), "ack");
    assert_false(cmd_has_id(CMD_ACK)); /* a rule, not an instrument */
    assert_int_equal(cmd_parse("ack var_high", &c, err, sizeof err), 0);
    assert_int_equal(c.kind, CMD_ACK);
    assert_string_equal(c.id, "var_high");
    assert_true(isnan(c.value));
    assert_int_equal(cmd_format(&c, text, sizeof text), (int)strlen("ack var_high"));
    assert_string_equal(text, "ack var_high");
    assert_int_equal(cmd_parse("  ack   btc.dvol:hi-1/x  600 ", &c, err, sizeof err), 0);
    assert_string_equal(c.id, "btc.dvol:hi-1/x");
    assert_true(c.value == 600);
    assert_true(cmd_format(&c, text, sizeof text) > 0);
    assert_string_equal(text, "ack btc.dvol:hi-1/x 600");
    command back;
    assert_int_equal(cmd_parse(text, &back, err, sizeof err), 0);
    assert_int_equal(back.kind, CMD_ACK);
    assert_string_equal(back.id, c.id);
    assert_true(back.value == c.value);
    assert_int_equal(cmd_parse("ack r 0.5", &c, err, sizeof err), 0);
    assert_true(c.value == 0.5);
    /* 47 characters pass, 48 do not */
    char name[64], line[96];
    memset(name, 'a', 47);
    name[47] = '\0';
    snprintf(line, sizeof line, "ack %s", name);
    assert_int_equal(cmd_parse(line, &c, err, sizeof err), 0);
    assert_string_equal(c.id, name);
    snprintf(line, sizeof line, "ack %sb", name);
    assert_int_equal(cmd_parse(line, &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "rule's name"));
    /* book_id_ok takes 95 characters around an @: 48 of them are still too many */
    snprintf(line, sizeof line, "ack %.30s@%.17s", name, name);
    assert_int_equal(cmd_parse(line, &c, err, sizeof err), -1);
    snprintf(line, sizeof line, "ack %.30s@%.16s", name, name);
    assert_int_equal(cmd_parse(line, &c, err, sizeof err), 0);
    static const char *const bad_name[] = {"ack", "ack  ", "ack var!", "ack v\"x", "ack @", "ack a@"};
    for (size_t k = 0; k < sizeof bad_name / sizeof *bad_name; k++) {
        if (cmd_parse(bad_name[k], &c, err, sizeof err) != -1)
            fail_msg("'%s' parsed", bad_name[k]);
        assert_non_null(strstr(err, "ack wants an alert rule's name"));
    }
    static const char *const bad_secs[] = {"ack r 0", "ack r -5", "ack r abc", "ack r nan", "ack r inf", "ack r 2e9"};
    for (size_t k = 0; k < sizeof bad_secs / sizeof *bad_secs; k++) {
        if (cmd_parse(bad_secs[k], &c, err, sizeof err) != -1)
            fail_msg("'%s' parsed", bad_secs[k]);
        assert_non_null(strstr(err, "ack wants seconds > 0"));
    }
    assert_int_equal(cmd_parse("ack r 5 6", &c, err, sizeof err), -1);
    assert_non_null(strstr(err, "too many words"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sort_filter_select),
        cmocka_unit_test(venues_and_books),
        cmocka_unit_test(event_log),
        cmocka_unit_test(answers_logged_once),
        cmocka_unit_test(frozen_copy_is_consistent),
        cmocka_unit_test(event_log_scrolls),
        cmocka_unit_test(ladder_selects_into_positions),
        cmocka_unit_test(hedge_cursor),
        cmocka_unit_test(ack_grammar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
