/* test_wire.c - decoding: valid messages in every framing, invalid ones with
 * their reasons, and random mutations that must never crash. */
#include <ctype.h>
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

#include "invtop/book.h"
#include "invtop/ingest.h"
#include "invtop/wire.h"
#include "invtop/wire_body.h"

static wire_status decode1(const char *frame, event *ev)
{
    const char *f[1] = {frame};
    size_t l[1] = {strlen(frame)};
    return wire_decode_frames(1, f, l, ev);
}

static wire_status decode2(const char *topic, const char *body, event *ev)
{
    const char *f[2] = {topic, body};
    size_t l[2] = {strlen(topic), strlen(body)};
    return wire_decode_frames(2, f, l, ev);
}

static void two_frame_px(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(decode2("px.BTC-PERP",
                             "{\"sym\":\"BTC-PERP\",\"bid\":100.5,\"ask\":101.5,\"ts\":1700000000.25,"
                             "\"seq\":7,\"src\":\"a\"}",
                             &ev),
                     WIRE_OK);
    assert_int_equal(ev.kind, EVENT_PX);
    assert_string_equal(ev.sym, "BTC-PERP");
    assert_true(ev.u.px.bid == 100.5 && ev.u.px.ask == 101.5 && ev.u.px.mid == 101.0);
    assert_true(ev.ts == 1700000000.25);
    assert_true(ev.has_seq && ev.seq == 7);
    assert_string_equal(ev.src, "a");
}

static void one_frame_and_topic_symbol(void **state)
{
    (void)state;
    event ev;
    /* The symbol may come from the topic alone. */
    assert_int_equal(decode1("px.ETH {\"mid\":2000}", &ev), WIRE_OK);
    assert_string_equal(ev.sym, "ETH");
    assert_true(ev.u.px.mid == 2000 && isnan(ev.u.px.bid));
    assert_false(ev.has_seq);
    assert_true(isnan(ev.ts));
    /* A bare kind topic with sym in the body; last works as mid. */
    assert_int_equal(decode1("px {\"sym\":\"X\",\"last\":3.5}", &ev), WIRE_OK);
    assert_true(ev.u.px.mid == 3.5);
    /* Both given and equal. */
    assert_int_equal(decode2("pos.X", "{\"sym\":\"X\",\"qty\":-2.5,\"avg_px\":10}", &ev), WIRE_OK);
    assert_int_equal(ev.kind, EVENT_POS);
    assert_true(ev.u.pos.qty == -2.5 && ev.u.pos.avg_px == 10);
}

static void fills_and_positions(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(decode2("fill", "{\"sym\":\"X\",\"side\":\"sell\",\"qty\":3,\"px\":9.5,\"fee\":0.01}", &ev),
                     WIRE_OK);
    assert_int_equal(ev.kind, EVENT_FILL);
    assert_true(ev.u.fill.qty == -3 && ev.u.fill.px == 9.5 && ev.u.fill.fee == 0.01);
    assert_int_equal(decode2("fill", "{\"sym\":\"X\",\"side\":\"buy\",\"qty\":1e2,\"px\":1}", &ev), WIRE_OK);
    assert_true(ev.u.fill.qty == 100 && ev.u.fill.fee == 0);
    assert_int_equal(decode2("pos", "{\"sym\":\"X\",\"qty\":0}", &ev), WIRE_OK);
    assert_true(ev.u.pos.qty == 0 && isnan(ev.u.pos.avg_px));
}

static void instruments(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(decode2("inst", "{\"sym\":\"BTC-PERP\",\"kind\":\"perp\",\"underlying\":\"BTC\","
                                     "\"mult\":0.001,\"tick\":0.5,\"lot\":1}", &ev), WIRE_OK);
    assert_int_equal(ev.u.inst.kind, INST_PERP);
    assert_string_equal(ev.u.inst.underlying, "BTC");
    assert_true(ev.u.inst.mult == 0.001 && ev.u.inst.tick == 0.5 && ev.u.inst.lot == 1);
    assert_int_equal(decode2("inst", "{\"sym\":\"BTC-C\",\"kind\":\"option\",\"underlying\":\"BTC\","
                                     "\"strike\":70000,\"expiry\":\"2026-12-25T08:00:00Z\","
                                     "\"right\":\"C\",\"iv\":0.55}", &ev), WIRE_OK);
    assert_int_equal(ev.u.inst.kind, INST_OPTION);
    assert_true(ev.u.inst.expiry == 1798185600.0); /* date -u -d 2026-12-25T08:00:00Z +%s */
    assert_true(ev.u.inst.right == 'C' && ev.u.inst.iv == 0.55 && ev.u.inst.mult == 1);
    assert_int_equal(decode2("inst", "{\"sym\":\"S\"}", &ev), WIRE_OK);
    assert_int_equal(ev.u.inst.kind, INST_SPOT);
    assert_true(isnan(ev.u.inst.iv));
    /* no quote: "" (risk/ccy.h infers one); no settle: linear */
    assert_string_equal(ev.u.inst.quote, "");
    assert_int_equal(ev.u.inst.settle, INST_SETTLE_LINEAR);
    assert_int_equal(decode2("inst", "{\"sym\":\"BTC-PERP\",\"kind\":\"perp\",\"quote\":\"USD\","
                                     "\"settle\":\"inverse\"}", &ev), WIRE_OK);
    assert_string_equal(ev.u.inst.quote, "USD");
    assert_int_equal(ev.u.inst.settle, INST_SETTLE_INVERSE);
    assert_int_equal(decode2("inst", "{\"sym\":\"ETH-BTC\",\"quote\":\"BTC\",\"settle\":\"linear\"}", &ev),
                     WIRE_OK);
    assert_string_equal(ev.u.inst.quote, "BTC");
    assert_int_equal(ev.u.inst.settle, INST_SETTLE_LINEAR);
    /* equal events are equal in quote and settle too */
    event other;
    assert_int_equal(decode2("inst", "{\"sym\":\"ETH-BTC\",\"quote\":\"ETH\"}", &other), WIRE_OK);
    assert_false(wire_events_equal(&ev, &other));
    assert_int_equal(decode2("inst", "{\"sym\":\"ETH-BTC\",\"quote\":\"BTC\",\"settle\":\"inverse\"}", &other),
                     WIRE_OK);
    assert_false(wire_events_equal(&ev, &other));
    assert_int_equal(decode2("inst", "{\"sym\":\"ETH-BTC\",\"quote\":\"BTC\"}", &other), WIRE_OK);
    assert_true(wire_events_equal(&ev, &other));
}

static void iso8601(void **state)
{
    (void)state;
    double t;
    assert_int_equal(wire_parse_iso8601("1970-01-02", 10, &t), 0);
    assert_true(t == 86400);
    assert_int_equal(wire_parse_iso8601("2000-03-01T00:00:00.5Z", 22, &t), 0);
    assert_true(t == 951868800.5); /* date -u -d 2000-03-01 +%s, plus 0.5 */
    assert_int_equal(wire_parse_iso8601("2000-13-01", 10, &t), -1);
    assert_int_equal(wire_parse_iso8601("2000-01-01T", 11, &t), -1);
    assert_int_equal(wire_parse_iso8601("yesterday", 9, &t), -1);
}

static void cryptofeed_shapes(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(decode1("COINBASE-ticker-BTC-USD {\"exchange\":\"COINBASE\",\"symbol\":\"BTC-USD\","
                             "\"bid\":100,\"ask\":102,\"timestamp\":1700000000.5,\"receipt_timestamp\":1700000000.6}",
                             &ev), WIRE_OK);
    assert_int_equal(ev.kind, EVENT_PX);
    assert_string_equal(ev.sym, "BTC-USD");
    assert_true(ev.u.px.mid == 101 && ev.ts == 1700000000.5);
    assert_int_equal(decode1("fills {\"exchange\":\"X\",\"symbol\":\"ETH-USD\",\"price\":2000,"
                             "\"amount\":0.5,\"side\":\"buy\",\"fee\":null,\"timestamp\":1}", &ev), WIRE_OK);
    assert_int_equal(ev.kind, EVENT_FILL);
    assert_true(ev.u.fill.qty == 0.5 && ev.u.fill.px == 2000 && ev.u.fill.fee == 0);
    assert_int_equal(decode1("BINANCE-positions-SOL-USDT {\"symbol\":\"SOL-USDT\",\"position\":-4,"
                             "\"entry_price\":150,\"side\":\"short\",\"timestamp\":2}", &ev), WIRE_OK);
    assert_int_equal(ev.kind, EVENT_POS);
    assert_true(ev.u.pos.qty == -4 && ev.u.pos.avg_px == 150);
    /* Other cryptofeed channels are ignored, not rejected. */
    assert_int_equal(decode1("COINBASE-trades-BTC-USD {\"symbol\":\"BTC-USD\"}", &ev), WIRE_IGNORED);
    assert_int_equal(decode1("l2_book {\"symbol\":\"BTC-USD\"}", &ev), WIRE_IGNORED);
}

/* Issue 12: cryptofeed positions carry their side. One-way mode ("both")
 * sends a signed size; hedge mode sends one unsigned size per leg, so a
 * short of 2 arrives as "position":2 and must be -2. */
static void cryptofeed_position_sides(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(decode1("BITGET-positions-ETH-USDT-PERP {\"exchange\":\"BITGET\",\"symbol\":\"ETH-USDT-PERP\","
                             "\"side\":\"short\",\"position\":2,\"entry_price\":3000,\"timestamp\":1700000000}",
                             &ev), WIRE_OK);
    assert_int_equal(ev.kind, EVENT_POS);
    assert_int_equal(ev.origin, EVENT_FROM_CRYPTOFEED);
    assert_int_equal(ev.u.pos.leg, POS_LEG_SHORT);
    assert_near(ev.u.pos.qty, -2, 0); /* unsigned 2 on the short leg */
    assert_near(ev.u.pos.avg_px, 3000, 0);
    assert_string_equal(ev.venue, "BITGET");
    assert_string_equal(ev.book, "");
    /* a venue that signs its short leg says the same */
    assert_int_equal(decode1("BITGET-positions-ETH-USDT-PERP {\"side\":\"short\",\"position\":-2}", &ev), WIRE_OK);
    assert_near(ev.u.pos.qty, -2, 0);
    assert_int_equal(decode1("BITGET-positions-ETH-USDT-PERP {\"side\":\"long\",\"position\":3}", &ev), WIRE_OK);
    assert_int_equal(ev.u.pos.leg, POS_LEG_LONG);
    assert_near(ev.u.pos.qty, 3, 0);
    /* one-way mode: the size is signed, the leg is the net */
    assert_int_equal(decode1("BITGET-positions-BTC-USDT-PERP {\"side\":\"both\",\"position\":-1.5}", &ev), WIRE_OK);
    assert_int_equal(ev.u.pos.leg, POS_LEG_NET);
    assert_near(ev.u.pos.qty, -1.5, 0);
    assert_int_equal(decode1("BITGET-positions-BTC-USDT-PERP {\"position\":-1.5}", &ev), WIRE_OK);
    assert_int_equal(ev.u.pos.leg, POS_LEG_NET);
    assert_near(ev.u.pos.qty, -1.5, 0);
    /* the fill account is the book */
    assert_int_equal(decode1("BITGET-positions-BTC-USDT-PERP {\"side\":\"long\",\"position\":1,\"account\":\"desk1\"}",
                             &ev), WIRE_OK);
    assert_string_equal(ev.book, "desk1");
    assert_int_equal(decode1("BITGET-positions-BTC-USDT-PERP {\"side\":\"sideways\",\"position\":1}", &ev),
                     WIRE_ERR_VALUE);
    assert_int_equal(decode1("BITGET-positions-BTC-USDT-PERP {\"side\":1,\"position\":1}", &ev), WIRE_ERR_TYPE);
}

/* An instrument is a symbol on a venue: cryptofeed's exchange (topic or
 * body, which must agree) and the native "venue" field. */
static void venues(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(decode1("OKX-ticker-ETH-USDT-PERP {\"exchange\":\"OKX\",\"symbol\":\"ETH-USDT-PERP\","
                             "\"bid\":3000,\"ask\":3002}", &ev), WIRE_OK);
    assert_string_equal(ev.venue, "OKX");
    assert_string_equal(ev.sym, "ETH-USDT-PERP");
    assert_near(ev.u.px.mid, 3001, 0);
    /* the topic alone names it */
    assert_int_equal(decode1("BITGET-ticker-ETH-USDT-PERP {\"bid\":3010,\"ask\":3012}", &ev), WIRE_OK);
    assert_string_equal(ev.venue, "BITGET");
    assert_string_equal(ev.sym, "ETH-USDT-PERP");
    /* the body alone names it (bare key topic); null falls back to the topic */
    assert_int_equal(decode1("ticker {\"exchange\":\"KRAKEN\",\"symbol\":\"BTC-USD\",\"bid\":1,\"ask\":2}", &ev),
                     WIRE_OK);
    assert_string_equal(ev.venue, "KRAKEN");
    assert_int_equal(decode1("OKX-ticker-BTC-USD {\"exchange\":null,\"bid\":1,\"ask\":2}", &ev), WIRE_OK);
    assert_string_equal(ev.venue, "OKX");
    /* disagreement between topic and body */
    assert_int_equal(decode1("OKX-ticker-ETH-USDT-PERP {\"exchange\":\"BITGET\",\"symbol\":\"ETH-USDT-PERP\","
                             "\"bid\":3000,\"ask\":3002}", &ev), WIRE_ERR_TOPIC);
    assert_int_equal(decode1("OKX-fills-ETH-USDT-PERP {\"exchange\":\"BINANCE\",\"side\":\"buy\",\"amount\":1,"
                             "\"price\":3000}", &ev), WIRE_ERR_TOPIC);
    /* '_' is a symbol byte: cryptofeed's BINANCE_FUTURES is a venue */
    assert_int_equal(decode1("BINANCE_FUTURES-ticker-BTC-USDT-PERP {\"exchange\":\"BINANCE_FUTURES\","
                             "\"symbol\":\"BTC-USDT-PERP\",\"bid\":60000,\"ask\":60001}", &ev), WIRE_OK);
    assert_string_equal(ev.venue, "BINANCE_FUTURES");
    assert_string_equal(ev.sym, "BTC-USDT-PERP");
    assert_int_equal(decode1("ticker {\"exchange\":\"BIN ANCE\",\"symbol\":\"BTC-USD\",\"bid\":1,\"ask\":2}", &ev),
                     WIRE_ERR_SYMBOL);
    /* native: an optional "venue" and, on pos and fill, "book" */
    assert_int_equal(decode1("px.BTC-PERP {\"venue\":\"DERIBIT\",\"mid\":100}", &ev), WIRE_OK);
    assert_int_equal(ev.origin, EVENT_FROM_NATIVE);
    assert_string_equal(ev.venue, "DERIBIT");
    assert_int_equal(decode1("px.BTC-PERP {\"mid\":100}", &ev), WIRE_OK);
    assert_string_equal(ev.venue, "");
    assert_int_equal(decode1("pos.BTC-PERP {\"qty\":3,\"book\":\"mm\"}", &ev), WIRE_OK);
    assert_string_equal(ev.book, "mm");
    assert_int_equal(decode1("fill.BTC-PERP {\"side\":\"buy\",\"qty\":1,\"px\":5,\"book\":\"hedge\",\"venue\":\"D\"}",
                             &ev), WIRE_OK);
    assert_string_equal(ev.book, "hedge");
    assert_string_equal(ev.venue, "D");
    assert_int_equal(decode1("px.BTC-PERP {\"venue\":\"A@B\",\"mid\":100}", &ev), WIRE_ERR_SYMBOL);
}

/* A fill may name the order it executes: cl_ord_id, symbol bytes, up to
 * EVENT_ID_MAX - 1 of them (a hedge order's id, docs/PROTOCOL.md "Order
 * channel"); absent or null it is "". A bad one refuses the fill with an
 * ordinary reason, counted as every reject is (by ingest). */
static wire_status decode_both(const char *topic, const char *body, event *ev);

static void fill_cl_ord_id(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(decode_both("fill.BTC-PERP", "{\"side\":\"sell\",\"qty\":5,\"px\":64999.5,\"fee\":162.5,"
                                 "\"book\":\"hedge\",\"cl_ord_id\":\"H6f3a9c2e-1\",\"ts\":1795311648}", &ev),
                     WIRE_OK);
    assert_string_equal(ev.u.fill.clid, "H6f3a9c2e-1");
    assert_string_equal(ev.book, "hedge");
    assert_true(ev.u.fill.qty == -5 && ev.u.fill.px == 64999.5 && ev.u.fill.fee == 162.5);
    memset(ev.u.fill.clid, 'x', sizeof ev.u.fill.clid); /* absent is "", not what was there */
    assert_int_equal(decode_both("fill.BTC-PERP", "{\"side\":\"buy\",\"qty\":1,\"px\":5}", &ev), WIRE_OK);
    assert_string_equal(ev.u.fill.clid, "");
    memset(ev.u.fill.clid, 'x', sizeof ev.u.fill.clid);
    assert_int_equal(decode_both("fill.BTC-PERP", "{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":null}", &ev),
                     WIRE_OK);
    assert_string_equal(ev.u.fill.clid, "");
    /* cryptofeed's fills have no such field: "" */
    memset(ev.u.fill.clid, 'x', sizeof ev.u.fill.clid);
    assert_int_equal(decode_both("COINBASE-fills-BTC-USD", "{\"side\":\"buy\",\"amount\":1,\"price\":5}", &ev),
                     WIRE_OK);
    assert_string_equal(ev.u.fill.clid, "");
    /* two fills that differ only by their order are two events */
    event other;
    assert_int_equal(decode_both("fill.X", "{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":\"A-1\"}", &ev),
                     WIRE_OK);
    assert_int_equal(decode_both("fill.X", "{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":\"A-2\"}", &other),
                     WIRE_OK);
    assert_false(wire_events_equal(&ev, &other));
    /* EVENT_ID_MAX - 1 bytes fit (more than a symbol's 47), one more does not */
    char id[EVENT_ID_MAX + 1], body[256];
    memset(id, 'H', EVENT_ID_MAX - 1);
    id[EVENT_ID_MAX - 1] = '\0';
    snprintf(body, sizeof body, "{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":\"%s\"}", id);
    assert_int_equal(decode_both("fill.X", body, &ev), WIRE_OK);
    assert_string_equal(ev.u.fill.clid, id);
    id[EVENT_ID_MAX - 1] = 'H';
    id[EVENT_ID_MAX] = '\0';
    snprintf(body, sizeof body, "{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":\"%s\"}", id);
    assert_int_equal(decode_both("fill.X", body, &ev), WIRE_ERR_SYMBOL);
    const struct {
        const char *body;
        wire_status expect;
    } bad[] = {
        {"{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":5}", WIRE_ERR_TYPE},
        {"{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":[\"A\"]}", WIRE_ERR_TYPE},
        {"{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":\"\"}", WIRE_ERR_SYMBOL},
        {"{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":\"A B\"}", WIRE_ERR_SYMBOL},
        {"{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":\"A@B\"}", WIRE_ERR_SYMBOL},
        {"{\"side\":\"buy\",\"qty\":1,\"px\":5,\"cl_ord_id\":\"A\\u0041\"}", WIRE_ERR_SYMBOL},
        {body, WIRE_ERR_SYMBOL}, /* the one byte too long */
    };
    /* through the path every received message takes: refused and counted */
    book *b = book_new(4);
    assert_non_null(b);
    ingest in;
    ingest_init(&in, b, NULL);
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        const char *f[2] = {"fill.X", bad[k].body};
        const size_t l[2] = {6, strlen(bad[k].body)};
        const uint64_t before = in.stats.rejected[bad[k].expect];
        const wire_status st = ingest_frames(&in, 2, f, l, 1.0 + (double)k);
        if (st != bad[k].expect)
            fail_msg("%s: %s, expected %s", bad[k].body, wire_status_name(st), wire_status_name(bad[k].expect));
        assert_int_equal(in.stats.rejected[bad[k].expect], before + 1);
    }
    assert_int_equal(in.stats.rejected_total, sizeof bad / sizeof *bad);
    assert_int_equal(in.stats.accepted, 0);
    book_free(b);
}

/* cryptofeed's numeric_type=str: numbers may arrive as strings, read with
 * the JSON number grammar; native messages stay strict. */
/* cryptofeed's account is any name from its config: it becomes the book,
 * made symbol-shaped, and never gets a fill rejected (it was ignored before
 * books existed, so refusing it would lose fills). */
static void cryptofeed_account_is_the_book(void **state)
{
    (void)state;
    event ev;
    const char *fill = "COINBASE-fills-BTC-USD {\"exchange\":\"COINBASE\",\"symbol\":\"BTC-USD\","
                       "\"side\":\"buy\",\"amount\":1,\"price\":100,\"account\":%s}";
    char buf[256];
    struct { const char *account, *book; } cases[] = {
        {"\"desk1\"", "desk1"},
        {"\"sub account\"", "sub_account"},
        {"\"me@example.com\"", "me_example.com"},
        {"12345", ""},
        {"null", ""},
        {"\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}, /* 56 bytes cut at 47 */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        snprintf(buf, sizeof buf, fill, cases[k].account);
        assert_int_equal(decode1(buf, &ev), WIRE_OK);
        assert_string_equal(ev.book, cases[k].book);
    }
}

static void numeric_strings(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(decode1("COINBASE-ticker-BTC-USD {\"symbol\":\"BTC-USD\",\"bid\":\"150.25\",\"ask\":\"150.75\","
                             "\"timestamp\":\"1700000000.5\"}", &ev), WIRE_OK);
    assert_near(ev.u.px.bid, 150.25, 0);
    assert_near(ev.u.px.ask, 150.75, 0);
    assert_near(ev.u.px.mid, 150.5, 0); /* (150.25 + 150.75) / 2 */
    assert_near(ev.ts, 1700000000.5, 0);
    assert_int_equal(decode1("COINBASE-fills-BTC-USD {\"side\":\"sell\",\"amount\":\"0.5\",\"price\":\"2000\","
                             "\"fee\":\"0.25\",\"timestamp\":\"1700000001\"}", &ev), WIRE_OK);
    assert_near(ev.u.fill.qty, -0.5, 0);
    assert_near(ev.u.fill.px, 2000, 0);
    assert_near(ev.u.fill.fee, 0.25, 0);
    assert_near(ev.ts, 1700000001, 0);
    assert_int_equal(decode1("BITGET-positions-ETH-USDT-PERP {\"side\":\"short\",\"position\":\"2\","
                             "\"entry_price\":\"3000.5\"}", &ev), WIRE_OK);
    assert_near(ev.u.pos.qty, -2, 0);
    assert_near(ev.u.pos.avg_px, 3000.5, 0);
    /* the same limits as numbers */
    assert_int_equal(decode1("COINBASE-ticker-BTC-USD {\"bid\":\"1e999\",\"ask\":\"2\"}", &ev), WIRE_ERR_NUMBER);
    assert_int_equal(decode1("COINBASE-ticker-BTC-USD {\"bid\":\"-1\",\"ask\":\"2\"}", &ev), WIRE_ERR_PRICE);
    assert_int_equal(decode1("COINBASE-ticker-BTC-USD {\"bid\":1,\"ask\":2,\"timestamp\":\"-5\"}", &ev),
                     WIRE_ERR_NUMBER);
    /* native: a string is not a number */
    assert_int_equal(decode1("px.X {\"bid\":\"150.25\",\"ask\":151}", &ev), WIRE_ERR_TYPE);
    assert_int_equal(decode1("px.X {\"mid\":1,\"ts\":\"1700000000\"}", &ev), WIRE_ERR_TYPE);
    assert_int_equal(decode1("pos.X {\"qty\":\"2\"}", &ev), WIRE_ERR_TYPE);
    /* strings that are not JSON numbers are refused, as the unquoted text would be */
    static const char *const broken[] = {"1e", "", " 1", "1 ", "0x10", "1,5", "+1", "01", "1.", ".5", "-",
                                         "NaN", "inf", "Infinity", "1e+", "\\u0031", "1_000"};
    for (size_t k = 0; k < sizeof broken / sizeof *broken; k++) {
        char msg[160];
        snprintf(msg, sizeof msg, "COINBASE-ticker-BTC-USD {\"bid\":\"%s\",\"ask\":2}", broken[k]);
        wire_status st = decode1(msg, &ev);
        if (st != WIRE_ERR_TYPE)
            fail_msg("bid \"%s\": %s, expected bad_type", broken[k], wire_status_name(st));
        snprintf(msg, sizeof msg, "COINBASE-ticker-BTC-USD {\"bid\":1,\"ask\":2,\"timestamp\":\"%s\"}", broken[k]);
        st = decode1(msg, &ev);
        if (st != WIRE_ERR_TYPE)
            fail_msg("timestamp \"%s\": %s, expected bad_type", broken[k], wire_status_name(st));
    }
}

typedef struct {
    const char *topic; /* NULL: body is one frame */
    const char *body;
    wire_status expect;
} bad_case;

static const bad_case bad_cases[] = {
    {"px", "{\"sym\":\"X\",\"bid\":1,\"ask\":2", WIRE_ERR_JSON},
    {"px", "[1,2]", WIRE_ERR_JSON},
    {"px", "{\"sym\":\"X\",\"mid\":1} {}", WIRE_ERR_JSON},
    {"px", "{\"sym\":\"X\",\"mid\":1,\"mid\":2}", WIRE_ERR_JSON},
    {"inst.X", "{\"underlying\":\"A\",\"kind\":\"spot\",\"underlying\":\"A\"}", WIRE_ERR_JSON},
    {"quote", "{\"sym\":\"X\",\"mid\":1}", WIRE_ERR_KIND},
    {"pxx.X", "{\"mid\":1}", WIRE_ERR_KIND},
    {"px", "{\"mid\":1}", WIRE_ERR_MISSING},
    {"px.X", "{}", WIRE_ERR_MISSING},
    {"px.X", "{\"bid\":1}", WIRE_ERR_MISSING},
    {"pos.X", "{\"avg_px\":1}", WIRE_ERR_MISSING},
    {"fill.X", "{\"side\":\"buy\",\"px\":1}", WIRE_ERR_MISSING},
    {"inst.X", "{\"kind\":\"option\",\"strike\":1,\"right\":\"C\"}", WIRE_ERR_MISSING},
    {"px.X", "{\"mid\":\"100\"}", WIRE_ERR_TYPE},
    {"px.X", "{\"mid\":true}", WIRE_ERR_TYPE},
    {"px.X", "{\"mid\":01}", WIRE_ERR_TYPE},
    {"px.X", "{\"mid\":1.}", WIRE_ERR_TYPE},
    {"px", "{\"sym\":5,\"mid\":1}", WIRE_ERR_TYPE},
    {"px.X", "{\"mid\":1e999}", WIRE_ERR_NUMBER},
    {"px.X", "{\"mid\":1,\"ts\":-5}", WIRE_ERR_NUMBER},
    {"px.X", "{\"mid\":1,\"seq\":1.5}", WIRE_ERR_NUMBER},
    {"px.X", "{\"mid\":1,\"seq\":-1}", WIRE_ERR_NUMBER},
    {"inst.X", "{\"mult\":0}", WIRE_ERR_NUMBER},
    {"px.X", "{\"mid\":0}", WIRE_ERR_PRICE},
    {"px.X", "{\"mid\":-3}", WIRE_ERR_PRICE},
    {"px.X", "{\"bid\":-1,\"ask\":2}", WIRE_ERR_PRICE},
    {"px.X", "{\"mid\":2e12}", WIRE_ERR_PRICE},
    {"fill.X", "{\"side\":\"buy\",\"qty\":1,\"px\":0}", WIRE_ERR_PRICE},
    {"pos.X", "{\"qty\":2e12}", WIRE_ERR_QTY},
    {"fill.X", "{\"side\":\"buy\",\"qty\":0,\"px\":1}", WIRE_ERR_QTY},
    {"fill.X", "{\"side\":\"buy\",\"qty\":-1,\"px\":1}", WIRE_ERR_QTY},
    {"px.X", "{\"bid\":2,\"ask\":1}", WIRE_ERR_CROSSED},
    {"px", "{\"sym\":\"BTC USD\",\"mid\":1}", WIRE_ERR_SYMBOL},
    {"px", "{\"sym\":\"\",\"mid\":1}", WIRE_ERR_SYMBOL},
    {"px", "{\"sym\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"mid\":1}", WIRE_ERR_SYMBOL},
    {"px", "{\"sym\":\"A\\u0041\",\"mid\":1}", WIRE_ERR_SYMBOL},
    {"px.B@D", "{\"mid\":1}", WIRE_ERR_SYMBOL},
    {"px.A", "{\"sym\":\"B\",\"mid\":1}", WIRE_ERR_TOPIC},
    {"fill.X", "{\"side\":\"long\",\"qty\":1,\"px\":1}", WIRE_ERR_VALUE},
    {"inst.X", "{\"kind\":\"swap\"}", WIRE_ERR_VALUE},
    {"inst.X", "{\"settle\":\"quanto\"}", WIRE_ERR_VALUE},
    {"inst.X", "{\"settle\":1}", WIRE_ERR_TYPE},
    {"inst.X", "{\"quote\":\"US D\"}", WIRE_ERR_SYMBOL},
    {"inst.X", "{\"kind\":\"option\",\"strike\":1,\"right\":\"X\",\"expiry\":1}", WIRE_ERR_VALUE},
    {"inst.X", "{\"kind\":\"option\",\"strike\":1,\"right\":\"C\",\"expiry\":\"soon\"}", WIRE_ERR_VALUE},
    {NULL, "px.X", WIRE_ERR_FRAMING},
    {NULL, " {\"mid\":1}", WIRE_ERR_FRAMING},
    {NULL, "px.X ", WIRE_ERR_FRAMING},
};

static void rejects_with_reason(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const bad_case *c = &bad_cases[i];
        event ev;
        wire_status got = c->topic ? decode2(c->topic, c->body, &ev) : decode1(c->body, &ev);
        if (got != c->expect)
            fail_msg("case %zu (%s %s): got %s, expected %s", i, c->topic ? c->topic : "",
                     c->body, wire_status_name(got), wire_status_name(c->expect));
    }
}

static void framing_limits(void **state)
{
    (void)state;
    event ev;
    const char *f3[3] = {"px", "{\"sym\":\"X\",\"mid\":1}", "extra"};
    size_t l3[3] = {2, strlen(f3[1]), 5};
    assert_int_equal(wire_decode_frames(3, f3, l3, &ev), WIRE_ERR_FRAMING);
    assert_int_equal(wire_decode_frames(0, f3, l3, &ev), WIRE_ERR_FRAMING);
    /* A frame one byte over 64 KiB is refused before parsing. */
    size_t n = WIRE_MAX_FRAME + 1;
    char *big = malloc(n);
    assert_non_null(big);
    memset(big, ' ', n);
    memcpy(big, "{\"sym\":\"X\",\"mid\":1}", 19);
    const char *f2[2] = {"px", big};
    size_t l2[2] = {2, n};
    assert_int_equal(wire_decode_frames(2, f2, l2, &ev), WIRE_ERR_OVERSIZE);
    l2[1] = WIRE_MAX_FRAME; /* exactly at the limit is fine */
    assert_int_equal(wire_decode_frames(2, f2, l2, &ev), WIRE_OK);
    free(big);
    /* Deep nesting inside an ignored field costs tokens, not a crash. */
    char deep[2100];
    size_t k = 0;
    k += (size_t)sprintf(deep, "{\"sym\":\"X\",\"mid\":1,\"x\":");
    for (int i = 0; i < 1000; i++)
        deep[k++] = '[';
    for (int i = 0; i < 1000; i++)
        deep[k++] = ']';
    deep[k++] = '}';
    deep[k] = '\0';
    assert_int_equal(decode2("px", deep, &ev), WIRE_ERR_JSON);
}

static void status_names(void **state)
{
    (void)state;
    for (int s = 0; s < WIRE_STATUS_COUNT; s++)
        assert_non_null(wire_status_name((wire_status)s));
    assert_string_equal(wire_status_name(WIRE_ERR_CROSSED), "crossed");
    assert_string_equal(wire_status_name((wire_status)999), "unknown");
}

/* Random byte mutations of valid messages: any status is fine, crashing is
 * not, and a message that still decodes must satisfy the validation rules. */
static void mutations_never_crash(void **state)
{
    (void)state;
    static const char *const seeds[] = {
        "px.BTC {\"sym\":\"BTC\",\"bid\":1,\"ask\":2,\"seq\":1,\"src\":\"s\",\"ts\":5}",
        "fill {\"sym\":\"X\",\"side\":\"buy\",\"qty\":3,\"px\":9.5,\"fee\":0.01}",
        "inst {\"sym\":\"O\",\"kind\":\"option\",\"strike\":5,\"expiry\":\"2026-01-01\",\"right\":\"P\",\"iv\":0.4}",
        "COINBASE-ticker-BTC-USD {\"symbol\":\"BTC-USD\",\"bid\":100,\"ask\":102,\"timestamp\":1}",
        "pos.X {\"qty\":-2,\"avg_px\":3}",
    };
    const char charset[] = "{}[]\":,.-+eE0123456789 \\abnrstu\x01\xff";
    uint32_t rng = 12345;
    char buf[256];
    for (int iter = 0; iter < 200000; iter++) {
        const char *s = seeds[iter % 5];
        size_t n = strlen(s);
        memcpy(buf, s, n);
        int edits = 1 + (int)((rng = rng * 1103515245u + 12345u) >> 16) % 4;
        for (int e = 0; e < edits; e++) {
            rng = rng * 1103515245u + 12345u;
            size_t pos = (rng >> 8) % n;
            rng = rng * 1103515245u + 12345u;
            switch ((rng >> 16) % 3) {
            case 0: buf[pos] = charset[(rng >> 4) % (sizeof charset - 1)]; break;
            case 1: if (n > 1) { memmove(buf + pos, buf + pos + 1, n - pos - 1); n--; } break;
            default: if (n < sizeof buf - 1) { memmove(buf + pos + 1, buf + pos, n - pos); buf[pos] = charset[(rng >> 4) % (sizeof charset - 1)]; n++; } break;
            }
        }
        event ev;
        const char *f[1] = {buf};
        size_t l[1] = {n};
        wire_status st = wire_decode_frames(1, f, l, &ev);
        assert_true((unsigned)st < WIRE_STATUS_COUNT);
        if (st != WIRE_OK)
            continue;
        assert_true(strlen(ev.sym) > 0 && strlen(ev.sym) < EVENT_SYM_MAX);
        if (ev.kind == EVENT_PX)
            assert_true(ev.u.px.mid > 0 && isfinite(ev.u.px.mid));
        if (ev.kind == EVENT_FILL)
            assert_true(ev.u.fill.px > 0 && fabs(ev.u.fill.qty) <= WIRE_MAX_QTY);
    }
}

/* Exactly letters, digits and . _ : / - make a symbol (PROTOCOL.md). */
/* Decoded both ways, through the px fast path (wire_decode) and the general
 * path: the same status, and on success the same event. Returns the status. */
static wire_status both_ways_into(const char *topic, const char *body, event *fast)
{
    event general;
    const wire_status st = wire_decode(topic, strlen(topic), body, strlen(body), fast);
    const wire_status st_general = wire_decode_general(topic, strlen(topic), body, strlen(body), &general);
    if (st != st_general)
        fail_msg("%s %s: fast path %s, general %s", topic, body, wire_status_name(st),
                 wire_status_name(st_general));
    if (st == WIRE_OK && !wire_events_equal(fast, &general))
        fail_msg("%s %s: the two paths decode different events", topic, body);
    return st;
}

static wire_status both_ways(const char *topic, const char *body)
{
    event ev;
    return both_ways_into(topic, body, &ev);
}

/* The fast path takes only plain valid px bodies and leaves every other one
 * (a refusal included) to the general path: hand-picked edges, then 30,000
 * bodies built from the px keys and others in random order, values and
 * spacing, each decoded both ways. */
static void px_fast_path_agrees(void **state)
{
    (void)state;
    static const struct {
        const char *topic, *body;
        wire_status want;
    } edge[] = {
        {"px.BTC-PERP", "{\"sym\":\"BTC-PERP\",\"ts\":1700000000.001000,\"seq\":41,\"src\":\"invtop-feed\","
                        "\"bid\":65006.4,\"ask\":65019.6}", WIRE_OK},
        {"px.X", " {\n\"ask\" : 2 ,\t\"bid\":1 }\r\n", WIRE_OK},
        {"px.X", "{\"mid\":5}", WIRE_OK},
        {"px.X", "{\"last\":5,\"venue\":\"OKX\"}", WIRE_OK},
        {"px.X", "{\"mid\":5,\"last\":7}", WIRE_OK},
        {"px.X", "{\"mid\":5,\"last\":\"junk\"}", WIRE_OK},      /* last unread when mid is there */
        {"px.X", "{\"bid\":1,\"ask\":2,\"mid\":\"junk\"}", WIRE_OK}, /* mid unread when bid/ask are */
        {"px", "{\"sym\":\"X\",\"mid\":5}", WIRE_OK},
        {"px", "{\"mid\":5}", WIRE_ERR_MISSING},
        {"px.X", "{\"sym\":\"Y\",\"mid\":5}", WIRE_ERR_TOPIC},
        {"px.X", "{\"bid\":1}", WIRE_ERR_MISSING},
        {"px.X", "{\"bid\":2,\"ask\":1}", WIRE_ERR_CROSSED},
        {"px.X", "{\"mid\":0}", WIRE_ERR_PRICE},
        {"px.X", "{\"mid\":-0.0}", WIRE_ERR_PRICE},
        {"px.X", "{\"mid\":1,\"ts\":-1}", WIRE_ERR_NUMBER},
        {"px.X", "{\"mid\":1,\"ts\":-0}", WIRE_OK},
        {"px.X", "{\"mid\":1,\"ts\":100000000001}", WIRE_ERR_NUMBER},
        {"px.X", "{\"mid\":1,\"seq\":1.5}", WIRE_ERR_NUMBER},
        {"px.X", "{\"mid\":1,\"seq\":9007199254740992}", WIRE_OK},
        {"px.X", "{\"mid\":1,\"seq\":9007199254740993}", WIRE_OK}, /* strtod rounds it to 2^53 */
        {"px.X", "{\"mid\":1,\"src\":\"\"}", WIRE_ERR_SYMBOL},
        {"px.X", "{\"mid\":1,\"src\":\"a b\"}", WIRE_ERR_SYMBOL},
        {"px.X", "{\"mid\":1,\"src\":\"0123456789012345678901234567890123456789012345678\"}", WIRE_ERR_SYMBOL},
        {"px.X", "{\"mid\":1,\"src\":null}", WIRE_OK},
        {"px.X", "{\"mid\":1,\"venue\":null}", WIRE_OK},
        {"px.X", "{\"mid\":\"1\"}", WIRE_ERR_TYPE},
        {"px.X", "{\"mid\":1e2}", WIRE_OK},
        {"px.X", "{\"mid\":01}", WIRE_ERR_TYPE},
        {"px.X", "{\"mid\":1,\"mid\":1}", WIRE_ERR_JSON},
        {"px.X", "{\"mid\":1,\"other\":[1]}", WIRE_OK},
        {"px.X", "{\"mid\":1}x", WIRE_ERR_JSON},
        {"px.X", "{\"m\\u0069d\":1}", WIRE_ERR_MISSING},
        {"px.X", "{\"mid\":1,}", WIRE_OK}, /* jsmn takes a trailing comma */
        {"px.X", "{}", WIRE_ERR_MISSING},
        {"pos.X", "{\"qty\":1}", WIRE_OK},
    };
    for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
        if (both_ways(edge[i].topic, edge[i].body) != edge[i].want)
            fail_msg("%s %s: %s, expected %s", edge[i].topic, edge[i].body,
                     wire_status_name(both_ways(edge[i].topic, edge[i].body)), wire_status_name(edge[i].want));
    /* keys: the px ones (the string-valued first), another, a repeat */
    static const char *const keys[] = {"sym", "src", "venue", "ts", "seq", "bid", "ask", "mid", "last", "x", "bid"};
    static const char *const good_str[] = {"\"X\"", "\"OKX\"", "\"feed-1\""};
    static const char *const good_num[] = {"1", "2.5", "100.25", "1700000000.123456", "7", "0.001"};
    static const char *const any[] = {
        "0", "-3", "18446744073709551616", "1e3", "1.", "01", "\"Y\"", "\"\"", "\"a b\"", "null",
        "true", "[1]", "{}", "\"1.5\"", "9007199254740993", "-0", "2.50000000000000000001",
    };
    static const char *const spaces[] = {"", "", "", " ", "\n", "\t "};
    srand(15);
    int ok = 0;
    for (int n = 0; n < 30000; n++) {
        char body[512];
        size_t len = 0;
        const int nkeys = rand() % 7;
        len += (size_t)snprintf(body + len, sizeof body - len, "%s{", spaces[rand() % 6]);
        for (int k = 0; k < nkeys; k++) {
            const int key = rand() % 11;
            const char *value = rand() % 4 == 0 ? any[rand() % 17]
                                : key < 3      ? good_str[rand() % 3]
                                               : good_num[rand() % 6];
            len += (size_t)snprintf(body + len, sizeof body - len, "%s%s\"%s\"%s:%s%s%s", k ? "," : "",
                                    spaces[rand() % 6], keys[key], spaces[rand() % 6], spaces[rand() % 6],
                                    value, spaces[rand() % 6]);
        }
        snprintf(body + len, sizeof body - len, "}%s", spaces[rand() % 6]);
        ok += both_ways(rand() % 4 ? "px.X" : "px", body) == WIRE_OK;
    }
    assert_true(ok > 1000); /* the random bodies reach the success path, not only refusals */
}

static void symbol_bytes(void **state)
{
    (void)state;
    for (int c = 0; c < 256; c++) {
        const char one[2] = {(char)c, 'A'};
        const bool want = (c < 128 && isalnum(c)) || (c != 0 && strchr("._:/-", c) != NULL);
        if (wb_symbol_ok(one, 2) != want)
            fail_msg("byte 0x%02x: symbol_ok %d, expected %d", c, !want, want);
    }
}

/* Keys are matched on their length and first, middle and last bytes, then
 * in full: keys alike in those stay apart, and the empty key is a key. */
static void keys_with_shared_prefixes(void **state)
{
    (void)state;
    const char *js = "{\"underlying_a\":1,\"aXbYc\":2,\"underlying\":3,\"aZbYc\":4,\"\":5}";
    jsmntok_t tok[WIRE_MAX_TOKENS];
    body_view b;
    assert_int_equal(wb_parse_body(js, strlen(js), tok, &b), WIRE_OK);
    const char *const keys[] = {"underlying_a", "aXbYc", "underlying", "aZbYc", ""};
    for (size_t k = 0; k < 5; k++) {
        double v = 0;
        assert_int_equal(wb_req_number(&b, keys[k], &v), WIRE_OK);
        assert_true(v == (double)(k + 1));
    }
    assert_int_equal(wb_find_value(&b, "underlying_c"), -1);
    assert_int_equal(wb_find_value(&b, "aQbYc"), -1);
    const char *dup = "{\"aXbYc\":1,\"aZbYc\":2,\"aXbYc\":3}";
    assert_int_equal(wb_parse_body(dup, strlen(dup), tok, &b), WIRE_ERR_JSON);
}

/* One number through the body reader, compared bit for bit with strtod: as
 * the scanner reads it on its way (the value last, followed by more bytes,
 * set off by white space) and as wb_tok_number reads its token. */
static void number_as_strtod(const char *num)
{
    static const char *const layouts[] = {
        "{\"v\":%s}", "{\"v\":%s,\"pad\":\"0123456789abcdef\"}", "{ \"v\" : %s }",
        "{\"a\":1,\"v\":%s,\"b\":12345678901234567}",
    };
    const double want = strtod(num, NULL);
    for (size_t k = 0; k < sizeof layouts / sizeof *layouts; k++) {
        char js[128];
        jsmntok_t tok[WIRE_MAX_TOKENS];
        body_view b;
        snprintf(js, sizeof js, layouts[k], num);
        assert_int_equal(wb_parse_body(js, strlen(js), tok, &b), WIRE_OK);
        double got = NAN, slow = NAN;
        const wire_status st = wb_req_number(&b, "v", &got);
        const wire_status st_slow = wb_tok_number(&b, wb_find_value(&b, "v"), &slow);
        if (st != WIRE_OK || memcmp(&got, &want, sizeof want) != 0)
            fail_msg("'%s': decoded %.17g, strtod %.17g (%s)", js, got, want, wire_status_name(st));
        if (st_slow != WIRE_OK || memcmp(&slow, &want, sizeof want) != 0)
            fail_msg("'%s': token read %.17g, strtod %.17g (%s)", js, slow, want,
                     wire_status_name(st_slow));
    }
}

/* The decoder's fast decimal path must give the very double strtod gives:
 * random decimals of 1 to 22 digits (the fast path takes up to 19 digits
 * making at most 2^53, strtod the rest), and the edges of that range. */
static void numbers_exactly_as_strtod(void **state)
{
    (void)state;
    static const char *const edges[] = {
        "9007199254740992", "9007199254740993", "9007199254740991", "900719925474099.3",
        "9007199254740993.0", "0.9007199254740993", "18446744073709551615",
        "99999999999999999999", "1700000000.001000", "1700000000.123456789",
        "0.0000000000000000000001", "0.00000000000000000000001", "-0.0", "0", "-0",
        "123456789012345678901234", "4.9406564584124654e-324", "2.2250738585072014e-308",
    };
    for (size_t k = 0; k < sizeof edges / sizeof edges[0]; k++)
        number_as_strtod(edges[k]);
    uint64_t r = 88172645463325252ULL;
    char num[48];
    for (int k = 0; k < 300000; k++) {
        r ^= r << 13, r ^= r >> 7, r ^= r << 17; /* xorshift64 */
        int digits = 1 + (int)(r % 22), point = (int)((r >> 8) % (unsigned)(digits + 1));
        size_t n = 0;
        if ((r >> 20) & 1)
            num[n++] = '-';
        const bool below_one = point == 0 && ((r >> 21) & 1); /* 0.000xyz */
        if (below_one) {
            num[n++] = '0';
            num[n++] = '.';
        }
        for (int d = 0; d < digits; d++) {
            if (d == point && d > 0)
                num[n++] = '.';
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            const bool lead = d == 0 && digits > 1 && point != 1 && !below_one;
            num[n++] = (char)('0' + (lead ? 1 + r % 9 : r % 10));
        }
        num[n] = '\0';
        if (num[n - 1] == '.' || (num[0] == '-' && n == 1))
            continue;
        number_as_strtod(num);
    }
}

/* ---- the kinds' rows (wire_kind_info) ---- */

/* One message of each kind as key/value pairs (values in JSON), natively
 * and as cryptofeed sends it (no pairs: the kind has no channel). A kind
 * without an example here fails kind_rows: a new row brings one. */
typedef struct {
    const char *key, *value;
} kv;
typedef struct {
    const char *topic;
    kv native[8], cf[8];
} kind_example;
static const kind_example examples[] = {
    {"inst",
     {{"sym", "\"BTC-C\""}, {"kind", "\"option\""}, {"underlying", "\"BTC\""}, {"strike", "60000"},
      {"expiry", "\"2030-01-01\""}, {"right", "\"C\""}, {"book", "\"mm\""}},
     {{NULL, NULL}}},
    {"px", {{"sym", "\"X\""}, {"bid", "1"}, {"ask", "2"}, {"book", "\"mm\""}},
     {{"symbol", "\"BTC-USD\""}, {"exchange", "\"COINBASE\""}, {"bid", "\"1\""}, {"ask", "\"2\""}}},
    {"pos", {{"sym", "\"X\""}, {"qty", "-2"}, {"avg_px", "10"}, {"book", "\"mm\""}},
     {{"symbol", "\"BTC-USD\""}, {"position", "\"3\""}, {"side", "\"long\""}, {"account", "\"a b\""}}},
    {"fill", {{"sym", "\"X\""}, {"side", "\"buy\""}, {"qty", "1"}, {"px", "2"}, {"fee", "0.1"}, {"book", "\"mm\""}},
     {{"symbol", "\"BTC-USD\""}, {"side", "\"sell\""}, {"amount", "\"1\""}, {"price", "\"2\""}, {"account", "\"x\""}}},
};

/* The body of pairs kvs, leaving out key `without` (NULL: none). */
static const char *body_of(const kv *kvs, const char *without, char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "{");
    for (const kv *p = kvs; p->key && n < cap; p++)
        if (!without || strcmp(p->key, without) != 0)
            n += (size_t)snprintf(out + n, cap - n, "%s\"%s\":%s", n > 1 ? "," : "", p->key, p->value);
    if (n < cap)
        snprintf(out + n, cap - n, "}");
    return out;
}

static bool has_key(const kv *kvs, const char *key)
{
    for (const kv *p = kvs; p->key; p++)
        if (strcmp(p->key, key) == 0)
            return true;
    return false;
}

/* The topic (native or channel) decodes the body to kind k alike on both
 * paths, or fails alike with the status returned. */
static wire_status decode_both(const char *topic, const char *body, event *ev)
{
    event slow;
    const wire_status st = wire_decode(topic, strlen(topic), body, strlen(body), ev);
    assert_int_equal(wire_decode_general(topic, strlen(topic), body, strlen(body), &slow), st);
    if (st == WIRE_OK)
        assert_true(wire_events_equal(ev, &slow));
    return st;
}

/* One family of a kind's row against its example: it decodes to the kind,
 * the book as the row says, and each required key's absence is
 * missing_field. */
static void check_family(const wire_kind *r, event_kind k, const char *topic, const kv *example,
                         const char *const *required, bool cryptofeed)
{
    char body[512];
    event ev;
    body_of(example, NULL, body, sizeof body);
    if (decode_both(topic, body, &ev) != WIRE_OK)
        fail_msg("kind %s: its example %s %s is refused", r->topic, topic, body);
    assert_int_equal(ev.kind, k);
    assert_int_equal(ev.origin, cryptofeed ? EVENT_FROM_CRYPTOFEED : EVENT_FROM_NATIVE);
    assert_true(r->equal(&ev, &ev));
    const bool book_given = has_key(example, cryptofeed ? "account" : "book");
    if (book_given && (ev.book[0] != '\0') != r->booked)
        fail_msg("kind %s (%s): a book given is %s, the row says booked=%d", r->topic, topic,
                 ev.book[0] ? "kept" : "dropped", r->booked);
    for (size_t q = 0; required[q]; q++) {
        if (!has_key(example, required[q]))
            fail_msg("kind %s: required key %s is not in its example", r->topic, required[q]);
        body_of(example, required[q], body, sizeof body);
        const wire_status st = decode_both(topic, body, &ev);
        if (st != WIRE_ERR_MISSING)
            fail_msg("kind %s (%s) without %s: %s, not missing_field", r->topic, topic, required[q],
                     wire_status_name(st));
    }
}

static void kind_rows(void **state)
{
    (void)state;
    for (int k = 0; k < EVENT_KIND_COUNT; k++) {
        const wire_kind *r = wire_kind_info((event_kind)k);
        if (!r->topic || !r->topic[0] || !r->native || !r->equal)
            fail_msg("kind %d: a row without topic, decoder or comparison", k);
        if (!r->cf_channel != !r->cryptofeed)
            fail_msg("kind %s: a cryptofeed channel needs its decoder, and the reverse", r->topic);
        for (int o = 0; o < k; o++) {
            const wire_kind *q = wire_kind_info((event_kind)o);
            if (strcmp(q->topic, r->topic) == 0 || (q->cf_channel && r->cf_channel && strcmp(q->cf_channel, r->cf_channel) == 0))
                fail_msg("kinds %s and %s share a name", q->topic, r->topic);
        }
        const kind_example *ex = NULL;
        for (size_t e = 0; e < sizeof examples / sizeof *examples; e++)
            if (strcmp(examples[e].topic, r->topic) == 0)
                ex = &examples[e];
        if (!ex)
            fail_msg("kind %s has no example in test_wire.c", r->topic);
        check_family(r, (event_kind)k, r->topic, ex->native, r->required, false);
        if (r->cf_channel)
            check_family(r, (event_kind)k, r->cf_channel, ex->cf, r->cf_required, true);
        else if (ex->cf[0].key)
            fail_msg("kind %s: a cryptofeed example but no channel", r->topic);
    }
}

/* An option's px may carry the venue's mark vol; absent, it is NAN; out of
 * range (0, 20], refused. The fast path reads it as the general path does. */
static void px_iv(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(both_ways_into("px.BTC-C", "{\"sym\":\"BTC-C\",\"mid\":2000.5,\"iv\":0.55,\"ts\":1700000000}", &ev),
                     WIRE_OK);
    assert_true(ev.u.px.mid == 2000.5 && ev.u.px.iv == 0.55);
    assert_int_equal(both_ways_into("px.BTC-C", "{\"bid\":10,\"ask\":12,\"iv\":0.8}", &ev), WIRE_OK);
    assert_true(ev.u.px.mid == 11 && ev.u.px.iv == 0.8);
    assert_int_equal(both_ways_into("px.BTC-C", "{\"mid\":5}", &ev), WIRE_OK);
    assert_true(isnan(ev.u.px.iv));
    assert_int_equal(both_ways_into("px.BTC-C", "{\"mid\":5,\"iv\":0}", &ev), WIRE_ERR_NUMBER);
    assert_int_equal(both_ways_into("px.BTC-C", "{\"mid\":5,\"iv\":-0.5}", &ev), WIRE_ERR_NUMBER);
    assert_int_equal(both_ways_into("px.BTC-C", "{\"mid\":5,\"iv\":55}", &ev), WIRE_ERR_NUMBER); /* percent */
    assert_int_equal(both_ways_into("px.BTC-C", "{\"mid\":5,\"iv\":\"x\"}", &ev), WIRE_ERR_TYPE);
    assert_int_equal(both_ways_into("px.BTC-C", "{\"mid\":5,\"iv\":null}", &ev), WIRE_OK);
    assert_true(isnan(ev.u.px.iv));
}

/* A pool range: kind lp with its bounds; lower 0 and no upper is full range. */
static void lp_inst(void **state)
{
    (void)state;
    event ev;
    assert_int_equal(both_ways_into("inst.ETH-LP", "{\"kind\":\"lp\",\"underlying\":\"ETH\",\"lower\":2500,\"upper\":3500}", &ev),
                     WIRE_OK);
    assert_int_equal(ev.u.inst.kind, INST_LP);
    assert_true(ev.u.inst.lower == 2500 && ev.u.inst.upper == 3500);
    assert_int_equal(both_ways_into("inst.ETH-LP", "{\"kind\":\"lp\",\"underlying\":\"ETH\"}", &ev), WIRE_OK);
    assert_true(ev.u.inst.lower == 0 && isinf(ev.u.inst.upper));
    assert_int_equal(both_ways_into("inst.ETH-LP", "{\"kind\":\"lp\",\"lower\":3500,\"upper\":2500}", &ev),
                     WIRE_ERR_VALUE);
    assert_int_equal(both_ways_into("inst.ETH-LP", "{\"kind\":\"lp\",\"lower\":-1}", &ev), WIRE_ERR_PRICE);
    assert_int_equal(both_ways_into("inst.ETH-LP", "{\"kind\":\"lp\",\"upper\":0}", &ev), WIRE_ERR_PRICE);
    assert_int_equal(both_ways_into("inst.ETH-LP", "{\"kind\":\"pool\"}", &ev), WIRE_ERR_VALUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(px_iv),
        cmocka_unit_test(lp_inst),
        cmocka_unit_test(two_frame_px),
        cmocka_unit_test(one_frame_and_topic_symbol),
        cmocka_unit_test(fills_and_positions),
        cmocka_unit_test(fill_cl_ord_id),
        cmocka_unit_test(instruments),
        cmocka_unit_test(iso8601),
        cmocka_unit_test(cryptofeed_shapes),
        cmocka_unit_test(cryptofeed_position_sides),
        cmocka_unit_test(venues),
        cmocka_unit_test(cryptofeed_account_is_the_book),
        cmocka_unit_test(numeric_strings),
        cmocka_unit_test(rejects_with_reason),
        cmocka_unit_test(framing_limits),
        cmocka_unit_test(status_names),
        cmocka_unit_test(mutations_never_crash),
        cmocka_unit_test(numbers_exactly_as_strtod),
        cmocka_unit_test(keys_with_shared_prefixes),
        cmocka_unit_test(symbol_bytes),
        cmocka_unit_test(px_fast_path_agrees),
        cmocka_unit_test(kind_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
