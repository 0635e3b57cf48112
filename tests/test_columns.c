/* test_columns.c - the positions table's column rows (tui/columns.h): each
 * row is whole (a header that fits its width with the sort mark, one sort
 * key, a cell function, words); every cell stays within its width for
 * instruments at their extremes, in UTF-8 and ASCII; the columns that fit a
 * width; the sort's unknown values last and its ties; an inverse
 * instrument's coin P&L and a book's figures as the engine wrote them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tui/columns.h"
#include "tui/theme.h"

/* Cells a UTF-8 string takes: its code points (the table's glyphs are all
 * one cell wide). */
static int cells(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static void rows_are_whole(void **state)
{
    (void)state;
    const size_t n = col_count();
    assert_true(n > 0 && n <= COL_MAX);
    bool prio_seen[COL_MAX] = {false};
    for (size_t c = 0; c < n; c++) {
        const col_spec *r = col_info(c);
        assert_non_null(r->name);
        assert_true(r->name[0] != '\0');
        assert_true(r->width > 0);
        /* the header and its sort mark ("^" or "v") within the column */
        if ((int)strlen(r->name) + 1 > r->width)
            fail_msg("column %s: header and sort mark wider than its %d cells", r->name, r->width);
        if (!r->cell)
            fail_msg("column %s has no cell function", r->name);
        if (!r->sort_text == !r->sort_value)
            fail_msg("column %s: one sort key, text or value, not %s", r->name, r->sort_text ? "both" : "none");
        assert_true(r->doc && r->doc[0]);
        if (r->priority < 0 || r->priority >= (int)n || prio_seen[r->priority])
            fail_msg("column %s: priority %d is not one of 0..%zu, each once", r->name, r->priority, n - 1);
        prio_seen[r->priority] = true;
        for (size_t o = 0; o < c; o++)
            if (strcmp(col_info(o)->name, r->name) == 0)
                fail_msg("two columns named %s", r->name);
    }
    assert_string_equal(col_info(0)->name, "Symbol"); /* the default sort */
}

/* Instruments at their extremes, in a snapshot of their own. */
#define NINST 6
static snap_inst insts[NINST];
static snap_holding holds[2];
static snap snapshot;

static const snap *extreme_snapshot(void)
{
    snap *s = &snapshot;
    memset(s, 0, sizeof *s);
    memset(insts, 0, sizeof insts);
    for (size_t i = 0; i < NINST; i++) {
        snap_inst *in = &insts[i];
        snprintf(in->sym, sizeof in->sym, "S%zu", i);
        snprintf(in->id, sizeof in->id, "S%zu", i);
        in->mult = 1;
        in->mid = in->bid = in->ask = in->strike = in->expiry = NAN;
        in->delta = in->delta_usd = NAN;
        in->limit.util = NAN;
    }
    /* 0: nothing known; 1: a 47-byte symbol on a 47-byte venue, huge and
     * negative; 2: an option with greeks and a quote; 3: a manual override
     * over its limit; 4: a paused one; 5: tiny numbers. Inventory's lots
     * stay within the +-99.9 its number has room for: above that the
     * number pushes the bar past the column (cut on screen), as it always
     * has, which this refactoring leaves as it is. */
    memset(insts[1].sym, 'W', EVENT_SYM_MAX - 1);
    memset(insts[1].venue, 'V', EVENT_SYM_MAX - 1);
    insts[1].qty = -1e12, insts[1].mid = 1e12, insts[1].notional_usd = -1e24, insts[1].pnl_realized = -9e15;
    insts[1].lot = 1e11, insts[1].tick = 1e-9, insts[1].limit.util = 1e9;
    insts[1].settle = INST_SETTLE_INVERSE, insts[1].pnl_realized_coin = -9e15; /* a coin P&L too wide */
    insts[2].kind = INST_OPTION, insts[2].qty = 3, insts[2].mid = 0.0123, insts[2].tick = 0.0001;
    insts[2].has_greeks = true, insts[2].delta_usd = 1234.5, insts[2].has_quote = true;
    insts[2].q = (skew_quote){.bid = 0.012, .ask = 0.0125, .skew_bps = -999999};
    insts[2].eff = (ovr_quote){.valid = true, .bid = 0.012, .ask = 0.0125, .skew_bps = -999999};
    insts[3].qty = 50, insts[3].lot = 1, insts[3].mid = 65000.5, insts[3].limit.util = 1.4, insts[3].has_quote = true;
    insts[3].eff = (ovr_quote){.valid = true, .manual = true, .bid = 64000, .ask = 66000, .skew_bps = 12.5};
    insts[4].eff = (ovr_quote){.valid = true, .manual = true, .paused = true, .bid = NAN, .ask = NAN, .skew_bps = NAN};
    insts[5].qty = -1e-9, insts[5].mid = 1e-9, insts[5].pnl_unrealized = -0.4, insts[5].limit.util = 0;
    insts[1].first_holding = 0, insts[1].nholdings = 2;
    holds[0] = (snap_holding){.book = 0, .qty = -1e12, .pnl_realized = -1};
    holds[1] = (snap_holding){.book = 1, .qty = 5};
    s->inst = insts, s->ninst = NINST;
    s->holdings = holds, s->nholdings = 2;
    s->limits.max_pos_lots = 10;
    return s;
}

static void cells_fit_their_width(void **state)
{
    (void)state;
    const snap *s = extreme_snapshot();
    for (size_t c = 0; c < col_count(); c++) {
        const col_spec *r = col_info(c);
        for (size_t i = 0; i < s->ninst; i++)
            for (long bk = -1; bk <= 1; bk++)
                for (int utf8 = 0; utf8 < 2; utf8++) {
                    const col_figures f = col_figures_of(s, bk, i);
                    const col_cell_src src = {s, &s->inst[i], &f, bk, utf8};
                    char out[128];
                    memset(out, 0, sizeof out);
                    const int slot = r->cell(&src, out, sizeof out, r->width);
                    if (cells(out) > r->width)
                        fail_msg("column %s, instrument %zu, book %ld%s: '%s' is %d cells, over %d", r->name, i,
                                 bk, utf8 ? "" : " (ASCII)", out, cells(out), r->width);
                    assert_true(slot >= 0 && slot < SLOT_COUNT);
                    for (const char *p = out; !utf8 && *p; p++)
                        if ((unsigned char)*p >= 0x80)
                            fail_msg("column %s: '%s' is not ASCII", r->name, out);
                }
    }
}

static size_t find(const char *name);

/* Two options cut to the column must still read apart: the tail (strike,
 * right) is kept. */
static void long_symbols_keep_their_tail(void **state)
{
    (void)state;
    const col_spec *r = col_info(find("Symbol"));
    snap_inst a = {0}, b = {0};
    snprintf(a.sym, sizeof a.sym, "BTC-14DEC26-55000-C");
    snprintf(b.sym, sizeof b.sym, "BTC-14DEC26-55000-P");
    snap s = {0};
    const col_figures f = {0};
    char oa[64], ob[64];
    const col_cell_src sa = {&s, &a, &f, -1, 0}, sb = {&s, &b, &f, -1, 0};
    r->cell(&sa, oa, sizeof oa, r->width);
    r->cell(&sb, ob, sizeof ob, r->width);
    assert_int_equal((int)strlen(oa), r->width);
    assert_string_not_equal(oa, ob);
    assert_string_equal(oa + strlen(oa) - 7, "55000-C");
    assert_string_equal(oa, "BTC-1~55000-C");
}

/* Sorted by Symbol, a chain reads as a desk expects: per underlying, its
 * delta-one instruments first, then options by expiry, strike, right. */
static void symbol_sorts_as_a_chain(void **state)
{
    (void)state;
    snap_inst in[5];
    memset(in, 0, sizeof in);
    const struct { const char *sym, *und; inst_kind kind; double expiry, strike; char right; } d[5] = {
        {"BTC-1JAN27-60000-P", "BTC", INST_OPTION, 200, 60000, 'P'},
        {"ETH-PERP", "ETH", INST_PERP, NAN, NAN, 0},
        {"BTC-1JAN27-60000-C", "BTC", INST_OPTION, 200, 60000, 'C'},
        {"BTC-7DEC26-70000-C", "BTC", INST_OPTION, 100, 70000, 'C'},
        {"BTC-PERP", "BTC", INST_PERP, NAN, NAN, 0},
    };
    for (int k = 0; k < 5; k++) {
        snprintf(in[k].sym, sizeof in[k].sym, "%s", d[k].sym);
        snprintf(in[k].id, sizeof in[k].id, "%s", d[k].sym);
        snprintf(in[k].underlying, sizeof in[k].underlying, "%s", d[k].und);
        in[k].kind = d[k].kind, in[k].expiry = d[k].expiry, in[k].strike = d[k].strike, in[k].right = d[k].right;
    }
    snap s = {0};
    s.inst = in, s.ninst = 5;
    const size_t sym = find("Symbol");
    size_t order[5] = {0, 1, 2, 3, 4};
    for (int a = 0; a < 5; a++) /* insertion sort by the column's comparison */
        for (int b = a; b > 0 && col_compare(&s, -1, sym, false, order[b - 1], order[b]) > 0; b--) {
            size_t t = order[b];
            order[b] = order[b - 1];
            order[b - 1] = t;
        }
    const size_t want[5] = {4, 3, 2, 0, 1}; /* BTC-PERP, 7DEC 70000-C, 1JAN 60000-C, -P, ETH-PERP */
    for (int k = 0; k < 5; k++)
        if (order[k] != want[k])
            fail_msg("position %d: %s, want %s", k, in[order[k]].sym, in[want[k]].sym);
}

static size_t find(const char *name)
{
    for (size_t c = 0; c < col_count(); c++)
        if (strcmp(col_info(c)->name, name) == 0)
            return c;
    fail_msg("no column %s", name);
    return 0;
}

static void columns_that_fit(void **state)
{
    (void)state;
    bool shown[COL_MAX];
    const unsigned all = COLF_VENUES | COLF_COINS;
    col_fit(0, all, shown); /* no layout yet: all */
    for (size_t c = 0; c < col_count(); c++)
        assert_true(shown[c]);
    col_fit(0, COLF_COINS, shown);
    assert_false(shown[find("Venue")]);
    assert_true(shown[find("Symbol")] && shown[find("PnL coin")]);
    col_fit(0, COLF_VENUES, shown); /* no inverse instrument: no coin column */
    assert_false(shown[find("PnL coin")]);
    assert_true(shown[find("Venue")]);
    /* 80 columns (a table of 78): with an inverse instrument its coin P&L
     * stays beside PnL, by priority after PnL: 3 + 14 + 11 + 14 + 11 + 11
     * = 64, Skew bp's 9 make 73, Inventory's 15 would make 88 */
    col_fit(78, COLF_COINS, shown);
    assert_true(shown[find("PnL")] && shown[find("PnL coin")] && shown[find("Skew bp")]);
    assert_false(shown[find("Inventory")]);
    col_fit(78, 0, shown); /* without one: 73 - 11 + 15 = 77, Inventory stays */
    assert_true(shown[find("Inventory")] && shown[find("Skew bp")]);
    /* greedy by priority: a column is left out only when it does not fit
     * beside the columns before it in priority that are shown */
    const size_t n = col_count();
    for (int w = 1; w < 400; w++) {
        col_fit(w, all, shown);
        int used = COL_FLAGS_WIDTH;
        for (int prio = 0; prio < (int)n; prio++)
            for (size_t c = 0; c < n; c++) {
                const col_spec *r = col_info(c);
                if (r->priority != prio)
                    continue;
                if (shown[c])
                    used += r->width + 1;
                else if (used + r->width + 1 <= w)
                    fail_msg("width %d: %s fits (%d used) but is not shown", w, r->name, used);
            }
        if (used > w && used > COL_FLAGS_WIDTH)
            fail_msg("width %d: the columns shown take %d", w, used);
        for (size_t c = n; c < COL_MAX; c++)
            assert_false(shown[c]);
    }
}

/* An inverse BTC perp (1 USD a contract, mid 55,000) in three books, as
 * the engine writes it (tests/e2e/currencies.sh and test_ccy.c check
 * those figures): book 0 long 10,000 from 50,000: value 10,000 USD,
 * 10000 (1/50000 - 1/55000) = 0.0181818 BTC = 1,000 USD; book 1 long
 * 5,000 from 40,000: 5,000 USD, 5000 (1/40000 - 1/55000) = 0.0340909 BTC
 * = 1,875 USD; book 2 flat, 4,000 sold at 55,000 and bought back at
 * 50,000: 4000 (1/50000 - 1/55000) = 0.0072727 BTC realized = 400 USD,
 * less a 1 USD fee = 399. All books: 0.0181818 + 0.0340909 + 0.0072727 =
 * 0.0595455 BTC, 3,274 USD. Book 1's notional is its own 5,000 USD, not
 * qty x mult x mid = 275,000,000; its delta the same 5,000. A linear
 * ETH-PERP has no coin P&L (blank); one quoted in a currency without a
 * rate has no notional ("-"). */
static void coin_pnl_and_book_figures(void **state)
{
    (void)state;
    snap_inst in[3];
    snap_holding h[5];
    memset(in, 0, sizeof in);
    memset(h, 0, sizeof h);
    snap s = {0};
    s.inst = in, s.ninst = 3, s.holdings = h, s.nholdings = 5;
    in[0] = (snap_inst){.sym = "BTC-PERP", .id = "BTC-PERP", .kind = INST_PERP, .settle = INST_SETTLE_INVERSE,
                        .mult = 1, .qty = 15000, .mid = 55000, .notional_usd = 15000, .pnl_realized = 399,
                        .pnl_unrealized = 2875, .pnl_realized_coin = 0.0072727, .pnl_unrealized_coin = 0.0522727,
                        .has_greeks = true, .delta_usd = 15000, .first_holding = 0, .nholdings = 3};
    h[0] = (snap_holding){.book = 0, .qty = 10000, .notional_usd = 10000, .pnl_unrealized = 1000,
                          .pnl_unrealized_coin = 0.0181818};
    h[1] = (snap_holding){.book = 1, .qty = 5000, .notional_usd = 5000, .pnl_unrealized = 1875,
                          .pnl_unrealized_coin = 0.0340909};
    h[2] = (snap_holding){.book = 2, .qty = 0, .pnl_realized = 399, .pnl_realized_coin = 0.0072727};
    in[1] = (snap_inst){.sym = "ETH-PERP", .id = "ETH-PERP", .kind = INST_PERP, .mult = 1, .qty = 2, .mid = 3000,
                        .notional_usd = 6000, .pnl_unrealized = 200, .pnl_realized_coin = NAN,
                        .pnl_unrealized_coin = NAN, .has_greeks = true, .delta_usd = 6000, .first_holding = 3,
                        .nholdings = 1};
    h[3] = (snap_holding){.book = 1, .qty = 2, .notional_usd = 6000, .pnl_unrealized = 200,
                          .pnl_realized_coin = NAN, .pnl_unrealized_coin = NAN};
    in[2] = (snap_inst){.sym = "ETH-BTC", .id = "ETH-BTC", .kind = INST_SPOT, .mult = 1, .qty = 10, .mid = 0.05,
                        .unconverted = true, .notional_usd = NAN, .pnl_unrealized = NAN, .has_greeks = true,
                        .delta_usd = NAN, .first_holding = 4, .nholdings = 1};
    h[4] = (snap_holding){.book = 1, .qty = 10, .notional_usd = NAN, .pnl_unrealized = NAN,
                          .pnl_realized_coin = NAN, .pnl_unrealized_coin = NAN};
    col_figures f = col_figures_of(&s, -1, 0);
    assert_float_equal(f.pnl, 3274, 1e-9);
    assert_float_equal(f.pnl_coin, 0.0595455, 1e-7);
    const col_spec *coin = col_info(find("PnL coin")), *notional = col_info(find("Notional"));
    char out[64];
    col_cell_src src = {&s, &in[0], &f, -1, false};
    assert_int_equal(coin->cell(&src, out, sizeof out, coin->width), SLOT_NORMAL);
    assert_string_equal(out, "   0.05955");
    f = col_figures_of(&s, 1, 0);
    assert_float_equal(f.qty, 5000, 0);
    assert_float_equal(f.notional, 5000, 0);
    assert_float_equal(f.delta_usd, 5000, 0);
    assert_float_equal(f.pnl, 1875, 0);
    assert_float_equal(f.pnl_coin, 0.0340909, 1e-12);
    f = col_figures_of(&s, 2, 0);
    assert_float_equal(f.pnl, 399, 0);
    assert_float_equal(f.pnl_coin, 0.0072727, 1e-12);
    /* a coin loss in the loss colour */
    f.pnl_coin = -0.0072727;
    assert_int_equal(coin->cell(&src, out, sizeof out, coin->width), SLOT_LOSS);
    assert_string_equal(out, "  -0.00727");
    /* linear: no coin P&L, a blank cell, sorted last */
    f = col_figures_of(&s, 1, 1);
    assert_true(isnan(f.pnl_coin));
    assert_float_equal(f.notional, 6000, 0);
    src.in = &in[1];
    coin->cell(&src, out, sizeof out, coin->width);
    assert_string_equal(out, "          ");
    assert_true(col_compare(&s, -1, find("PnL coin"), true, 1, 0) > 0);
    /* unconverted: its book's notional unknown, shown as such */
    f = col_figures_of(&s, 1, 2);
    assert_true(isnan(f.notional) && isnan(f.delta_usd));
    src.in = &in[2];
    notional->cell(&src, out, sizeof out, notional->width);
    assert_string_equal(out, "         -");
}

static void sort_unknown_last_and_ties(void **state)
{
    (void)state;
    const snap *s = extreme_snapshot();
    const size_t mid = find("Mid"), sym = find("Symbol"), venue = find("Venue");
    /* instrument 0 has no mid: after 3 ascending and descending alike */
    for (int desc = 0; desc < 2; desc++) {
        assert_true(col_compare(s, -1, mid, desc, 0, 3) > 0);
        assert_true(col_compare(s, -1, mid, desc, 3, 0) < 0);
    }
    assert_true(col_compare(s, -1, mid, false, 5, 3) < 0);
    assert_true(col_compare(s, -1, mid, true, 5, 3) > 0);
    /* no venue on 0 and 2: tied on the venue, by id then */
    assert_true(col_compare(s, -1, venue, false, 0, 2) < 0);
    assert_true(col_compare(s, -1, venue, false, 2, 1) < 0); /* "" before "VVV..." */
    assert_true(col_compare(s, -1, sym, true, 0, 2) > 0);
    assert_int_equal(col_compare(s, -1, sym, false, 2, 2), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_are_whole),
        cmocka_unit_test(cells_fit_their_width),
        cmocka_unit_test(long_symbols_keep_their_tail),
        cmocka_unit_test(symbol_sorts_as_a_chain),
        cmocka_unit_test(columns_that_fit),
        cmocka_unit_test(coin_pnl_and_book_figures),
        cmocka_unit_test(sort_unknown_last_and_ties),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
