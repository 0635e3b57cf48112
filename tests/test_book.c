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
#include "invtop/wire.h"

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
    position_fill(&p, -4, 110, 1, 1, false);
    /* 4 closed at +10 each = 40, minus the fee 1 */
    assert_near(p.realized, 39, EPS);
    assert_near(p.qty, 6, EPS);
    assert_near(p.avg_px, 100, EPS);
    position_fill(&p, -10, 90, 0, 1, false);
    /* 6 closed at -10 each = -60 -> -21; the other 4 open short at 90 */
    assert_near(p.realized, -21, EPS);
    assert_near(p.qty, -4, EPS);
    assert_near(p.avg_px, 90, EPS);
    position_fill(&p, 4, 80, 0, 1, false);
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
    position_fill(&p, 2, 100, 0, 1, false);
    position_fill(&p, 3, 110, 0, 1, false);
    assert_near(p.avg_px, (2 * 100 + 3 * 110) / 5.0, EPS); /* 106 */
    assert_near(position_unrealized(&p, 120, 1), 5 * (120 - 106), EPS);
    position q = {0};
    position_fill(&q, -10, 50, 0, 0.5, false);
    position_fill(&q, 10, 40, 0.25, 0.5, false);
    /* short 10 x mult 0.5 from 50 to 40: +50, minus fee 0.25 */
    assert_near(q.realized, 49.75, EPS);
    /* a zero-qty fill only charges its fee */
    position_fill(&q, 0, 40, 1, 0.5, false);
    assert_near(q.realized, 48.75, EPS);
}

/* An inverse contract (mult USD each, P&L in BTC), by hand:
 * - long 10,000 at 50,000 sold at 55,000: 10000/50000 - 10000/55000 =
 *   0.2 - 0.1818182 = 0.0181818 BTC, realized USD untouched (no fee);
 * - 10,000 at 50,000 plus 10,000 at 40,000: the harmonic average
 *   20000 / (0.2 + 0.25) = 44,444.44 (a linear average would say 45,000);
 * - then sell 5,000 at 50,000: 5000 (1/44444.44 - 1/50000) = 5000
 *   (0.0000225 - 0.00002) = 0.0125 BTC, 15,000 left at 44,444.44;
 * - then sell 25,000 at 40,000, through zero: 15,000 close at 15000
 *   (0.0000225 - 0.000025) = -0.0375 (total -0.025), 10,000 short at
 *   40,000;
 * - then buy 10,000 at 50,000: the short loses 10000 (1/40000 - 1/50000)
 *   = 10000 x 0.000005 = 0.05 BTC (total -0.075), flat;
 * - mult 10 with a 2.5 USD fee: 1,000 contracts of 10 USD from 50,000 to
 *   55,000 are 0.0181818 BTC, and the fee stays in USD: realized -2.5. */
static void inverse_fills(void **state)
{
    (void)state;
    position p = {0};
    position_fill(&p, 10000, 50000, 0, 1, true);
    assert_near(p.avg_px, 50000, EPS);
    position_fill(&p, -10000, 55000, 0, 1, true);
    assert_near(p.realized_coin, 0.2 - 10000.0 / 55000, 1e-15);
    assert_near(p.realized_coin, 0.0181818, 1e-7);
    assert_near(p.realized, 0, 0);
    assert_near(p.qty, 0, 0);
    assert_near(p.avg_px, 0, 0);
    position q = {0};
    position_fill(&q, 10000, 50000, 0, 1, true);
    position_fill(&q, 10000, 40000, 0, 1, true);
    assert_near(q.avg_px, 2 / (1 / 50000.0 + 1 / 40000.0), 1e-9);
    assert_near(q.avg_px, 44444.444444, 1e-6);
    position_fill(&q, -5000, 50000, 0, 1, true);
    assert_near(q.realized_coin, 0.0125, 1e-12);
    assert_near(q.qty, 15000, 0);
    assert_near(q.avg_px, 44444.444444, 1e-6);
    position_fill(&q, -25000, 40000, 0, 1, true);
    assert_near(q.realized_coin, 0.0125 - 0.0375, 1e-12);
    assert_near(q.qty, -10000, 0);
    assert_near(q.avg_px, 40000, 0);
    position_fill(&q, 10000, 50000, 0, 1, true);
    assert_near(q.realized_coin, -0.075, 1e-12);
    assert_near(q.qty, 0, 0);
    assert_near(q.realized, 0, 0);
    position r = {0};
    position_fill(&r, 1000, 50000, 0, 10, true);
    position_fill(&r, -1000, 55000, 2.5, 10, true);
    assert_near(r.realized_coin, 0.0181818, 1e-7);
    assert_near(r.realized, -2.5, 0);
    assert_near(r.fees, 2.5, 0);
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

/* ---- issue 12: venues, books and legs ---- */

/* Decode one "TOPIC JSON" frame and apply it at event time now. */
static int apply_frame(book *b, const char *frame, double now)
{
    event ev;
    const char *f[1] = {frame};
    size_t l[1] = {strlen(frame)};
    wire_status st = wire_decode_frames(1, f, l, &ev);
    if (st != WIRE_OK)
        fail_msg("'%s': %s", frame, wire_status_name(st));
    return book_apply(b, &ev, now, NULL);
}

static const book_inst *inst_of(const book *b, const char *id)
{
    long i = book_find(b, id);
    if (i < 0)
        fail_msg("no instrument %s", id);
    return book_at(b, (size_t)i);
}

/* The holding of instrument id in book `name` on leg, or NULL. */
static const book_holding *holding_of(const book *b, const char *id, const char *name, pos_leg leg)
{
    long i = book_find(b, id);
    for (size_t h = 0; i >= 0 && h < book_nholdings(b); h++) {
        const book_holding *bh = book_holding_at(b, h);
        if (bh->inst == (size_t)i && bh->leg == leg && strcmp(book_name(b, bh->book), name) == 0)
            return bh;
    }
    return NULL;
}

static event ev_leg(const char *sym, const char *venue, const char *name, pos_leg leg, double qty,
                    double avg)
{
    event e = ev_pos(sym, qty, avg);
    strcpy(e.venue, venue);
    strcpy(e.book, name);
    e.u.pos.leg = leg;
    return e;
}

/* A cryptofeed short of 2 is -2 in the book, a one-way -1.5 stays -1.5. */
static void cryptofeed_short_is_negative(void **state)
{
    (void)state;
    book *b = book_new(4);
    assert_int_equal(apply_frame(b, "BITGET-positions-ETH-USDT-PERP {\"exchange\":\"BITGET\",\"symbol\":\"ETH-USDT-PERP\","
                                    "\"side\":\"short\",\"position\":2,\"entry_price\":3000}", 1), 0);
    const book_inst *eth = inst_of(b, "ETH-USDT-PERP@BITGET");
    assert_near(eth->pos.qty, -2, 0);
    assert_near(eth->pos.avg_px, 3000, EPS);
    assert_int_equal(apply_frame(b, "BITGET-positions-BTC-USDT-PERP {\"side\":\"both\",\"position\":-1.5,"
                                    "\"entry_price\":60000}", 2), 0);
    const book_inst *btc = inst_of(b, "BTC-USDT-PERP@BITGET");
    assert_near(btc->pos.qty, -1.5, 0);
    /* mid 59000: short 1.5 from 60000 gains 1.5 * 1000 = 1500 */
    assert_int_equal(apply_frame(b, "BITGET-ticker-BTC-USDT-PERP {\"bid\":58999,\"ask\":59001}", 3), 0);
    assert_near(book_unrealized(btc), 1500, EPS);
    book_free(b);
}

/* Hedge mode: a long and a short leg of one symbol are both held. */
static void hedge_mode_legs(void **state)
{
    (void)state;
    book *b = book_new(4);
    assert_int_equal(apply_frame(b, "BITGET-positions-ETH-USDT-PERP {\"side\":\"long\",\"position\":3,"
                                    "\"entry_price\":3000}", 1), 0);
    assert_int_equal(apply_frame(b, "BITGET-positions-ETH-USDT-PERP {\"side\":\"short\",\"position\":1,"
                                    "\"entry_price\":3100}", 2), 0);
    const book_inst *eth = inst_of(b, "ETH-USDT-PERP@BITGET");
    assert_near(eth->pos.qty, 2, 0);                             /* 3 - 1 */
    assert_near(eth->cost, 3 * 3000 - 1 * 3100, EPS);           /* 5900 */
    assert_near(eth->pos.avg_px, (3 * 3000 - 1 * 3100) / 2.0, EPS); /* 2950 */
    assert_int_equal(book_nholdings(b), 2);
    const book_holding *lg = holding_of(b, "ETH-USDT-PERP@BITGET", "", POS_LEG_LONG);
    const book_holding *sh = holding_of(b, "ETH-USDT-PERP@BITGET", "", POS_LEG_SHORT);
    assert_non_null(lg);
    assert_non_null(sh);
    assert_near(lg->pos.qty, 3, 0);
    assert_near(sh->pos.qty, -1, 0);
    /* restating a leg replaces it, it does not add */
    assert_int_equal(apply_frame(b, "BITGET-positions-ETH-USDT-PERP {\"side\":\"long\",\"position\":3,"
                                    "\"entry_price\":3000}", 3), 0);
    assert_near(eth->pos.qty, 2, 0);
    assert_int_equal(book_nholdings(b), 2);
    /* mid 3050: long 3 from 3000 = +150, short 1 from 3100 = +50 */
    assert_int_equal(apply_frame(b, "BITGET-ticker-ETH-USDT-PERP {\"bid\":3049,\"ask\":3051}", 4), 0);
    assert_near(book_unrealized(eth), 200, EPS);
    assert_near(book_holding_unrealized(b, lg), 150, EPS);
    assert_near(book_holding_unrealized(b, sh), 50, EPS);
    assert_near(book_notional(eth), 2 * 3050, EPS);
    assert_near(book_holding_notional(b, sh), -3050, EPS);

    /* legs that net to zero still carry both legs' P&L: long 2 from 100,
     * short 2 from 130, mid 120: (120-100)*2 = +40 and (120-130)*-2 = +20 */
    assert_int_equal(apply_frame(b, "OKX-positions-SOL-USDT-PERP {\"side\":\"long\",\"position\":2,"
                                    "\"entry_price\":100}", 5), 0);
    assert_int_equal(apply_frame(b, "OKX-positions-SOL-USDT-PERP {\"side\":\"short\",\"position\":2,"
                                    "\"entry_price\":130}", 6), 0);
    assert_int_equal(apply_frame(b, "OKX-ticker-SOL-USDT-PERP {\"bid\":119,\"ask\":121}", 7), 0);
    const book_inst *sol = inst_of(b, "SOL-USDT-PERP@OKX");
    assert_near(sol->pos.qty, 0, 0);
    assert_near(sol->cost, 2 * 100 - 2 * 130, EPS);
    assert_near(book_notional(sol), 0, EPS);
    assert_near(book_unrealized(sol), 60, EPS); /* (120*0 - (-60)) * 1 */
    book_free(b);
}

/* A pos stating a hedge-mode leg zeroes the net leg of the same book (the
 * venue's statement includes the fills since); other books keep theirs. */
static void leg_statement_zeroes_net_leg(void **state)
{
    (void)state;
    book *b = book_new(4);
    event f1 = ev_fill("ETH", 1, 100, 0.5);
    strcpy(f1.venue, "BITGET");
    assert_int_equal(book_apply(b, &f1, 1, NULL), 0);
    event f2 = ev_fill("ETH", 5, 100, 0);
    strcpy(f2.venue, "BITGET");
    strcpy(f2.book, "x");
    assert_int_equal(book_apply(b, &f2, 2, NULL), 0);
    const book_inst *in = inst_of(b, "ETH@BITGET");
    assert_near(in->pos.qty, 6, 0); /* 1 + 5 */
    event lg = ev_leg("ETH", "BITGET", "", POS_LEG_LONG, 3, 100);
    assert_int_equal(book_apply(b, &lg, 3, NULL), 0);
    /* "" : net 0 (zeroed) + long 3; "x": net 5 */
    assert_near(in->pos.qty, 8, 0);
    assert_near(holding_of(b, "ETH@BITGET", "", POS_LEG_NET)->pos.qty, 0, 0);
    assert_near(holding_of(b, "ETH@BITGET", "x", POS_LEG_NET)->pos.qty, 5, 0);
    assert_near(holding_of(b, "ETH@BITGET", "", POS_LEG_LONG)->pos.qty, 3, 0);
    /* realized P&L (the fee) is not undone by the statement */
    assert_near(in->pos.realized, -0.5, EPS);
    /* a net statement does not touch the legs */
    event net = ev_leg("ETH", "BITGET", "", POS_LEG_NET, 1, 100);
    assert_int_equal(book_apply(b, &net, 4, NULL), 0);
    assert_near(in->pos.qty, 9, 0); /* 1 + 3 + 5 */
    book_free(b);
}

/* The same symbol on two venues, or without one, is several instruments. */
static void venue_is_part_of_the_instrument(void **state)
{
    (void)state;
    book *b = book_new(4);
    event a = ev_px("BTC-PERP", 99, 101), c = ev_px("BTC-PERP", 199, 201), d = ev_px("BTC-PERP", 299, 301);
    strcpy(a.venue, "DERIBIT");
    strcpy(c.venue, "OKX");
    size_t idx = 9;
    assert_int_equal(book_apply(b, &a, 1, &idx), 0);
    assert_int_equal(idx, 0);
    assert_int_equal(book_apply(b, &c, 1, &idx), 0);
    assert_int_equal(idx, 1);
    assert_int_equal(book_apply(b, &d, 1, &idx), 0);
    assert_int_equal(idx, 2);
    assert_int_equal(book_count(b), 3);
    assert_int_equal(book_find(b, "BTC-PERP@DERIBIT"), 0);
    assert_int_equal(book_find(b, "BTC-PERP@OKX"), 1);
    assert_int_equal(book_find(b, "BTC-PERP"), 2);
    assert_near(book_at(b, 0)->mid, 100, 0);
    assert_near(book_at(b, 1)->mid, 200, 0);
    assert_near(book_at(b, 2)->mid, 300, 0);
    assert_string_equal(book_at(b, 1)->sym, "BTC-PERP");
    assert_string_equal(book_at(b, 1)->venue, "OKX");
    assert_string_equal(book_at(b, 1)->id, "BTC-PERP@OKX");
    assert_string_equal(book_at(b, 2)->id, "BTC-PERP");
    char id[BOOK_ID_MAX];
    book_make_id(id, "ETH", "BINANCE_FUTURES");
    assert_string_equal(id, "ETH@BINANCE_FUTURES");
    book_make_id(id, "ETH", "");
    assert_string_equal(id, "ETH");
    assert_true(book_id_ok("ETH@BINANCE_FUTURES"));
    assert_true(book_id_ok("ETH"));
    assert_false(book_id_ok("ETH@"));
    assert_false(book_id_ok("@OKX"));
    assert_false(book_id_ok("A@B@C"));
    book_free(b);
}

/* Native positions in two books of one instrument: both held, net summed. */
static void native_books(void **state)
{
    (void)state;
    book *b = book_new(4);
    assert_int_equal(apply_frame(b, "pos.BTC {\"qty\":3,\"avg_px\":90,\"book\":\"mm\"}", 1), 0);
    assert_int_equal(apply_frame(b, "pos.BTC {\"qty\":-1,\"avg_px\":110,\"book\":\"hedge\"}", 2), 0);
    const book_inst *in = inst_of(b, "BTC");
    assert_near(in->pos.qty, 2, 0); /* 3 - 1 */
    assert_int_equal(book_nholdings(b), 2);
    assert_int_equal(book_nbooks(b), 2);
    assert_string_equal(book_name(b, 0), "mm");
    assert_string_equal(book_name(b, 1), "hedge");
    /* a fill in mm reduces mm only: sell 1 at 105 from 90, fee 0.5: 15 - 0.5 */
    assert_int_equal(apply_frame(b, "fill.BTC {\"side\":\"sell\",\"qty\":1,\"px\":105,\"fee\":0.5,\"book\":\"mm\"}", 3),
                     0);
    assert_near(holding_of(b, "BTC", "mm", POS_LEG_NET)->pos.qty, 2, 0);
    assert_near(holding_of(b, "BTC", "mm", POS_LEG_NET)->pos.realized, 14.5, EPS);
    assert_near(holding_of(b, "BTC", "hedge", POS_LEG_NET)->pos.qty, -1, 0);
    assert_near(in->pos.qty, 1, 0);
    assert_near(in->pos.realized, 14.5, EPS);
    /* mid 100: mm (100-90)*2 = 20, hedge (100-110)*-1 = 10 */
    assert_int_equal(apply_frame(b, "px.BTC {\"bid\":99,\"ask\":101}", 4), 0);
    assert_near(book_unrealized(in), 30, EPS);
    book_free(b);
}

/* BOOK_MAX_BOOKS names, then a new one is refused and nothing changes. */
static void too_many_books(void **state)
{
    (void)state;
    book *b = book_new(32); /* 128 holdings: the names run out first */
    char name[16];
    for (int k = 0; k < BOOK_MAX_BOOKS; k++) {
        event e = ev_pos("BTC", 1, 100);
        snprintf(name, sizeof name, "b%d", k);
        strcpy(e.book, name);
        assert_int_equal(book_apply(b, &e, 10, NULL), 0);
    }
    const book_inst *in = book_at(b, 0);
    assert_near(in->pos.qty, BOOK_MAX_BOOKS, 0); /* 64 books of 1 */
    assert_int_equal(book_nbooks(b), BOOK_MAX_BOOKS);
    event e = ev_pos("BTC", 7, 100);
    strcpy(e.book, "one-too-many");
    size_t idx = 99;
    assert_int_equal(book_apply(b, &e, 20, &idx), -1);
    assert_int_equal(idx, 99);
    event f = ev_fill("BTC", 7, 100, 1);
    strcpy(f.book, "one-too-many");
    assert_int_equal(book_apply(b, &f, 20, NULL), -1);
    event g = ev_pos("ETH", 7, 100); /* a new instrument in a new book */
    strcpy(g.book, "one-too-many");
    assert_int_equal(book_apply(b, &g, 20, NULL), -1);
    assert_int_equal(book_count(b), 1);
    assert_int_equal(book_find(b, "ETH"), -1);
    assert_int_equal(book_nbooks(b), BOOK_MAX_BOOKS);
    assert_int_equal(book_nholdings(b), BOOK_MAX_BOOKS);
    assert_near(in->pos.qty, BOOK_MAX_BOOKS, 0);
    assert_near(in->pos.realized, 0, 0);
    assert_near(in->last_update, 10, 0);
    /* the known books still trade */
    event h = ev_fill("BTC", 1, 100, 0);
    strcpy(h.book, "b63");
    assert_int_equal(book_apply(b, &h, 30, NULL), 0);
    assert_near(in->pos.qty, BOOK_MAX_BOOKS + 1, 0);
    book_free(b);

    /* the holdings pool (4 per instrument) runs out likewise */
    b = book_new(1);
    const char *const names[] = {"a", "b", "c", "d"};
    for (int k = 0; k < 4; k++) {
        event p = ev_pos("X", 1, 10);
        strcpy(p.book, names[k]);
        assert_int_equal(book_apply(b, &p, 1, NULL), 0);
    }
    event p = ev_leg("X", "", "a", POS_LEG_LONG, 1, 10); /* a fifth holding */
    assert_int_equal(book_apply(b, &p, 2, NULL), -1);
    assert_int_equal(book_nholdings(b), 4);
    assert_near(book_at(b, 0)->pos.qty, 4, 0);
    event q = ev_pos("X", 2, 10); /* an existing holding: fine */
    strcpy(q.book, "a");
    assert_int_equal(book_apply(b, &q, 3, NULL), 0);
    assert_near(book_at(b, 0)->pos.qty, 5, 0);
    book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(partial_close_flip_and_flat),
        cmocka_unit_test(averaging_and_multiplier),
        cmocka_unit_test(inverse_fills),
        cmocka_unit_test(absolute_positions),
        cmocka_unit_test(book_flow),
        cmocka_unit_test(full_book_changes_nothing),
        cmocka_unit_test(many_symbols_hash),
        cmocka_unit_test(cryptofeed_short_is_negative),
        cmocka_unit_test(hedge_mode_legs),
        cmocka_unit_test(leg_statement_zeroes_net_leg),
        cmocka_unit_test(venue_is_part_of_the_instrument),
        cmocka_unit_test(native_books),
        cmocka_unit_test(too_many_books),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
