/* test_book.c - average-cost accounting and the book, against hand-worked
 * arithmetic (each expected value is derived in the comment beside it). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/book.h"

#define EPS 1e-9

static event ev_px(const char *sym, double bid, double ask)
{
    event e = {.kind = EVENT_PX};
    strcpy(e.sym, sym);
    e.u.px.bid = bid;
    e.u.px.ask = ask;
    e.u.px.mid = 0.5 * (bid + ask);
    return e;
}

static event ev_pos(const char *sym, double qty, double avg)
{
    event e = {.kind = EVENT_POS};
    strcpy(e.sym, sym);
    e.u.pos.qty = qty;
    e.u.pos.avg_px = avg;
    return e;
}

static event ev_fill(const char *sym, double qty, double px, double fee)
{
    event e = {.kind = EVENT_FILL};
    strcpy(e.sym, sym);
    e.u.fill.qty = qty;
    e.u.fill.px = px;
    e.u.fill.fee = fee;
    return e;
}

static void partial_close_flip_and_flat(void **state)
{
    (void)state;
    position p = {0};
    position_set(&p, 10, 100, NAN);
    position_fill(&p, -4, 110, 1, 1);
    /* 4 closed at +10 each = 40, minus the fee 1 */
    assert_near(p.realized, 39, EPS);
    assert_near(p.qty, 6, EPS);
    assert_near(p.avg_px, 100, EPS);
    position_fill(&p, -10, 90, 0, 1);
    /* 6 closed at -10 each = -60 -> -21; the other 4 open short at 90 */
    assert_near(p.realized, -21, EPS);
    assert_near(p.qty, -4, EPS);
    assert_near(p.avg_px, 90, EPS);
    position_fill(&p, 4, 80, 0, 1);
    /* short 4 from 90 bought back at 80: +40 -> 19, flat */
    assert_near(p.realized, 19, EPS);
    assert_near(p.qty, 0, EPS);
    assert_near(p.avg_px, 0, EPS);
    assert_near(p.fees, 1, EPS);
}

static void averaging_and_multiplier(void **state)
{
    (void)state;
    position p = {0};
    position_fill(&p, 2, 100, 0, 1);
    position_fill(&p, 3, 110, 0, 1);
    assert_near(p.avg_px, (2 * 100 + 3 * 110) / 5.0, EPS); /* 106 */
    assert_near(position_unrealized(&p, 120, 1), 5 * (120 - 106), EPS);
    position q = {0};
    position_fill(&q, -10, 50, 0, 0.5);
    position_fill(&q, 10, 40, 0.25, 0.5);
    /* short 10 x mult 0.5 from 50 to 40: +50, minus fee 0.25 */
    assert_near(q.realized, 49.75, EPS);
    /* a zero-qty fill only charges its fee */
    position_fill(&q, 0, 40, 1, 0.5);
    assert_near(q.realized, 48.75, EPS);
}

static void absolute_positions(void **state)
{
    (void)state;
    position p = {0};
    position_set(&p, 10, NAN, 50); /* no avg given: the mark becomes the cost */
    assert_near(p.avg_px, 50, EPS);
    position_set(&p, 15, NAN, 60); /* same sign: cost kept */
    assert_near(p.avg_px, 50, EPS);
    position_set(&p, -5, NAN, 70); /* flipped: the mark again */
    assert_near(p.avg_px, 70, EPS);
    position_set(&p, -5, 65, 70); /* given: used */
    assert_near(p.avg_px, 65, EPS);
    position_set(&p, 0, NAN, 70);
    assert_near(p.avg_px, 0, EPS);
    assert_near(p.realized, 0, EPS); /* snapshots never realize */
}

static void book_flow(void **state)
{
    (void)state;
    book *b = book_new(4);
    assert_non_null(b);
    event e = ev_pos("BTC", 10, 100);
    size_t idx = 99;
    assert_int_equal(book_apply(b, &e, 1000, &idx), 0);
    assert_int_equal(idx, 0);
    const book_inst *in = book_at(b, 0);
    assert_int_equal(in->ref.kind, INST_SPOT);
    assert_near(in->ref.mult, 1, EPS);
    assert_true(isnan(in->mid));
    assert_near(book_notional(in), 0, EPS);
    assert_true(book_is_stale(in, 1000, 5)); /* never priced */
    e = ev_px("BTC", 104, 106);
    assert_int_equal(book_apply(b, &e, 1001, NULL), 0);
    assert_near(book_notional(in), 10 * 105, EPS);
    assert_near(book_unrealized(in), 10 * (105 - 100), EPS);
    assert_false(book_is_stale(in, 1005.9, 5));
    assert_true(book_is_stale(in, 1006.1, 5));
    e = ev_fill("BTC", -4, 110, 1);
    assert_int_equal(book_apply(b, &e, 1002, NULL), 0);
    assert_near(in->pos.realized, 39, EPS);
    assert_near(in->last_update, 1002, EPS);
    /* an inst message sets the multiplier used from then on */
    event ie = {.kind = EVENT_INST};
    strcpy(ie.sym, "BTC");
    ie.u.inst.kind = INST_PERP;
    ie.u.inst.mult = 0.1;
    assert_int_equal(book_apply(b, &ie, 1003, NULL), 0);
    assert_true(in->has_ref);
    assert_near(book_notional(in), 6 * 0.1 * 105, EPS);
    book_free(b);
}

static void full_book_changes_nothing(void **state)
{
    (void)state;
    book *b = book_new(2);
    event a = ev_px("A", 1, 2), c = ev_px("B", 3, 4), d = ev_px("C", 5, 6);
    assert_int_equal(book_apply(b, &a, 1, NULL), 0);
    assert_int_equal(book_apply(b, &c, 1, NULL), 0);
    assert_int_equal(book_apply(b, &d, 1, NULL), -1);
    assert_int_equal(book_count(b), 2);
    assert_int_equal(book_find(b, "C"), -1);
    /* known symbols still update when full */
    event a2 = ev_px("A", 7, 9);
    assert_int_equal(book_apply(b, &a2, 2, NULL), 0);
    assert_near(book_at(b, 0)->mid, 8, EPS);
    assert_int_equal(book_find(b, "B"), 1);
    book_free(b);
    assert_null(book_new(0));
}

static void many_symbols_hash(void **state)
{
    (void)state;
    book *b = book_new(10000);
    char sym[32];
    for (int i = 0; i < 10000; i++) {
        snprintf(sym, sizeof sym, "S%d", i);
        event e = ev_px(sym, 1, 2);
        assert_int_equal(book_apply(b, &e, 1, NULL), 0);
    }
    for (int i = 0; i < 10000; i += 97) {
        snprintf(sym, sizeof sym, "S%d", i);
        assert_int_equal(book_find(b, sym), i);
        assert_string_equal(book_at(b, (size_t)i)->sym, sym);
    }
    book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(partial_close_flip_and_flat),
        cmocka_unit_test(averaging_and_multiplier),
        cmocka_unit_test(absolute_positions),
        cmocka_unit_test(book_flow),
        cmocka_unit_test(full_book_changes_nothing),
        cmocka_unit_test(many_symbols_hash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
