/* test_srcmap.c - venues' own messages mapped by the shipped sources/ files
 * sections: the venues' documented samples give exact events, bad input is
 * refused whole with its reason, and the grammar's errors are precise. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <ini.h>

#include "testutil.h"

#include "feed/srcmap_in.h"
#include "invtop/srcmap.h"
#include "invtop/wire.h"

/* ---- the venues' samples, verbatim from their documentation ---- */

/* Deribit API docs, subscription ticker.BTC-PERPETUAL.raw */
static const char deribit_perp[] =
    "{\"params\" : {\"data\" : {\"timestamp\" : 1623060194301,\"stats\" : {\"volume_usd\" : 284061480,\"volume\" : "
    "7871.02139035,\"price_change\" : 0.7229,\"low\" : 35213.5,\"high\" : 36824.5},\"state\" : "
    "\"open\",\"settlement_price\" : 36169.49,\"open_interest\" : 502097590,\"min_price\" : 35898.37,\"max_price\" : "
    "36991.72,\"mark_price\" : 36446.51,\"last_price\" : 36457.5,\"interest_value\" : "
    "1.7362511643080387,\"instrument_name\" : \"BTC-PERPETUAL\",\"index_price\" : 36441.64,\"funding_8h\" : "
    "0.0000211,\"estimated_delivery_price\" : 36441.64,\"current_funding\" : 0,\"best_bid_price\" : "
    "36442.5,\"best_bid_amount\" : 5000,\"best_ask_price\" : 36443,\"best_ask_amount\" : 100 }, \"channel\" : "
    "\"ticker.BTC-PERPETUAL.raw\" },\"method\" : \"subscription\",\"jsonrpc\" : \"2.0\" }";

/* Deribit API docs, an option's ticker */
static const char deribit_option[] =
    "{\"jsonrpc\":\"2.0\",\"method\":\"subscription\",\"params\":{\"channel\":\"ticker.BTC-5JUN20-9250-C.raw\","
    "\"data\":{\"underlying_price\":9440.73,\"underlying_index\":\"SYN.BTC-5JUN20\",\"timestamp\":1590969652595,"
    "\"stats\":{\"volume\":13.4,\"price_change\":-19.1489,\"low\":0.037,\"high\":0.047},\"state\":\"open\","
    "\"settlement_price\":0.05,\"open_interest\":533.2,\"min_price\":0.0115,\"max_price\":0.069,\"mark_price\":"
    "0.03847784,\"mark_iv\":63.21,\"last_price\":0.038,\"interest_rate\":0.0,\"instrument_name\":\"BTC-5JUN20-"
    "9250-C\",\"index_price\":9434.36,\"greeks\":{\"vega\":3.88497,\"theta\":-28.34113,\"rho\":0.66242,"
    "\"gamma\":0.00058,\"delta\":0.62959},\"estimated_delivery_price\":9434.36,\"bid_iv\":58.39,"
    "\"best_bid_price\":0.0365,\"best_bid_amount\":15.4,\"best_ask_price\":0.04,\"best_ask_amount\":4.8,"
    "\"ask_iv\":66.9}}}";

/* Deribit API docs, user.changes.future.BTC.raw */
static const char deribit_changes[] =
    "{\"params\" : {\"data\" : {\"trades\" : [{\"trade_seq\" : 866638,\"trade_id\" : \"1430914\",\"timestamp\" : "
    "1605780344032,\"tick_direction\" : 1,\"state\" : \"filled\",\"self_trade\" : false,\"reduce_only\" : "
    "false,\"profit_loss\" : 0.00004898,\"price\" : 17391,\"post_only\" : false,\"order_type\" : "
    "\"market\",\"order_id\" : \"3398016\",\"matching_id\" : null,\"mark_price\" : 17391,\"liquidity\" : "
    "\"T\",\"instrument_name\" : \"BTC-PERPETUAL\",\"index_price\" : 17501.88,\"fee_currency\" : \"BTC\",\"fee\" : "
    "1.6e-7,\"direction\" : \"sell\",\"amount\" : 10 } ],\"positions\" : [ { \"total_profit_loss\" : "
    "1.69711368, \"size_currency\" : 10.646886321, \"size\" : 185160, \"settlement_price\" : 16025.83, "
    "\"realized_profit_loss\" : 0.012454598, \"realized_funding\" : 0.01235663, \"open_orders_margin\" : 0, "
    "\"mark_price\" : 17391, \"maintenance_margin\" : 0.234575865, \"leverage\" : 33, \"kind\" : \"future\", "
    "\"interest_value\" : 1.7362511643080387, \"instrument_name\" : \"BTC-PERPETUAL\", \"initial_margin\" : "
    "0.319750953, \"index_price\" : 17501.88, \"floating_profit_loss\" : 0.906961435, \"direction\" : \"buy\", "
    "\"delta\" : 10.646886321, \"average_price\" : 15000 } ],\"orders\" : [ { \"web\" : true, \"order_state\" : "
    "\"filled\", \"order_id\" : \"3398016\", \"instrument_name\" : \"BTC-PERPETUAL\", \"filled_amount\" : 10, "
    "\"direction\" : \"sell\", \"average_price\" : 17391, \"amount\" : 10 } ],\"instrument_name\" : "
    "\"BTC-PERPETUAL\" }, \"channel\" : \"user.changes.future.BTC.raw\" },\"method\" : "
    "\"subscription\",\"jsonrpc\" : \"2.0\" }";

/* Binance spot docs, <symbol>@bookTicker */
static const char binance_book[] =
    "{\"u\":400900217,\"s\":\"BNBUSDT\",\"b\":\"25.35190000\",\"B\":\"31.21000000\",\"a\":\"25.36520000\","
    "\"A\":\"40.66000000\"}";

/* Binance USD-M futures docs, <symbol>@markPrice */
static const char binance_mark[] =
    "{\"e\":\"markPriceUpdate\",\"E\":1562305380000,\"s\":\"BTCUSDT\",\"p\":\"11794.15000000\",\"i\":"
    "\"11784.62659091\",\"P\":\"11784.25641265\",\"r\":\"0.00038167\",\"T\":1562306400000}";

/* Binance USD-M futures docs, ACCOUNT_UPDATE */
static const char binance_account[] =
    "{\"e\":\"ACCOUNT_UPDATE\",\"E\":1564745798939,\"T\":1564745798938,\"a\":{\"m\":\"ORDER\",\"B\":[{\"a\":"
    "\"USDT\",\"wb\":\"122624.12345678\",\"cw\":\"100.12345678\",\"bc\":\"50.12345678\"},{\"a\":\"BUSD\",\"wb\":"
    "\"1.00000000\",\"cw\":\"0.00000000\",\"bc\":\"-49.12345678\"}],\"P\":[{\"s\":\"BTCUSDT\",\"pa\":\"0\",\"ep\":"
    "\"0.00000\",\"bep\":\"0\",\"cr\":\"200\",\"up\":\"0\",\"mt\":\"isolated\",\"iw\":\"0.00000000\",\"ps\":"
    "\"BOTH\"},{\"s\":\"BTCUSDT\",\"pa\":\"20\",\"ep\":\"6563.66500\",\"bep\":\"0\",\"cr\":\"0\",\"up\":"
    "\"2850.21200\",\"mt\":\"isolated\",\"iw\":\"13200.70726908\",\"ps\":\"LONG\"},{\"s\":\"BTCUSDT\",\"pa\":"
    "\"-10\",\"ep\":\"6563.86000\",\"bep\":\"6563.6\",\"cr\":\"-45.04000000\",\"up\":\"-1423.15600\",\"mt\":"
    "\"isolated\",\"iw\":\"6570.42511771\",\"ps\":\"SHORT\"}]}}";

/* Binance USD-M futures docs, ORDER_TRADE_UPDATE (x NEW) */
static const char binance_order_new[] =
    "{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1568879465651,\"T\":1568879465650,\"o\":{\"s\":\"BTCUSDT\",\"c\":"
    "\"TEST\",\"S\":\"SELL\",\"o\":\"TRAILING_STOP_MARKET\",\"f\":\"GTC\",\"q\":\"0.001\",\"p\":\"0\",\"ap\":"
    "\"0\",\"sp\":\"7103.04\",\"x\":\"NEW\",\"X\":\"NEW\",\"i\":8886774,\"l\":\"0\",\"z\":\"0\",\"L\":\"0\","
    "\"N\":\"USDT\",\"n\":\"0\",\"T\":1568879465650,\"t\":0,\"b\":\"0\",\"a\":\"9.91\",\"m\":false,\"R\":false,"
    "\"wt\":\"CONTRACT_PRICE\",\"ot\":\"TRAILING_STOP_MARKET\",\"ps\":\"LONG\",\"cp\":false,\"AP\":\"7476.89\","
    "\"cr\":\"5.0\",\"pP\":false,\"si\":0,\"ss\":0,\"rp\":\"0\",\"V\":\"EXPIRE_TAKER\",\"pm\":\"OPPONENT\","
    "\"gtd\":0,\"er\":\"0\"}}";

/* OKX v5 docs, tickers channel */
static const char okx_tickers[] =
    "{\"arg\":{\"channel\":\"tickers\",\"instId\":\"BTC-USDT\"},\"data\":[{\"instType\":\"SPOT\",\"instId\":"
    "\"BTC-USDT\",\"last\":\"9999.99\",\"lastSz\":\"0.1\",\"askPx\":\"9999.99\",\"askSz\":\"11\",\"bidPx\":"
    "\"8888.88\",\"bidSz\":\"5\",\"open24h\":\"9000\",\"high24h\":\"10000\",\"low24h\":\"8888.88\",\"volCcy24h\":"
    "\"2222\",\"vol24h\":\"2222\",\"sodUtc0\":\"2222\",\"sodUtc8\":\"2222\",\"ts\":\"1597026383085\"}]}";

/* OKX v5 docs, positions channel */
static const char okx_positions[] =
    "{\"arg\":{\"channel\":\"positions\",\"uid\":\"77982378738415879\",\"instType\":\"FUTURES\"},\"eventType\":"
    "\"snapshot\",\"curPage\":1,\"lastPage\":true,\"data\":[{\"adl\":\"1\",\"availPos\":\"1\",\"avgPx\":"
    "\"2566.31\",\"cTime\":\"1619507758793\",\"ccy\":\"ETH\",\"deltaBS\":\"\",\"instId\":\"ETH-USD-210430\","
    "\"instType\":\"FUTURES\",\"interest\":\"0\",\"idxPx\":\"2566.13\",\"last\":\"2566.22\",\"lever\":\"10\","
    "\"liqPx\":\"2352.8496681818233\",\"markPx\":\"2353.849\",\"margin\":\"0.0003896645377994\",\"mgnMode\":"
    "\"isolated\",\"notionalUsd\":\"2276.2546609009605\",\"pos\":\"1\",\"posCcy\":\"\",\"posId\":"
    "\"307173036051017730\",\"posSide\":\"long\",\"tradeId\":\"109844\",\"uTime\":\"1619507761462\",\"upl\":"
    "\"-0.0000009932766034\",\"realizedPnl\":\"0.001\",\"pnl\":\"0.0011\",\"fee\":\"-0.0001\",\"closeOrderAlgo\":"
    "[{\"algoId\":\"123\",\"slTriggerPx\":\"123\",\"closeFraction\":\"0.6\"}]}]}";

/* OKX v5 docs, orders channel */
static const char okx_orders[] =
    "{\"arg\":{\"channel\":\"orders\",\"instType\":\"SPOT\",\"instId\":\"BTC-USDT\",\"uid\":\"614488474791936\"},"
    "\"data\":[{\"accFillSz\":\"0.001\",\"avgPx\":\"31527.1\",\"clOrdId\":\"\",\"code\":\"0\",\"cTime\":"
    "\"1654084334977\",\"execType\":\"M\",\"fee\":\"-0.02522168\",\"feeCcy\":\"USDT\",\"fillFee\":\"-0.02522168\","
    "\"fillFeeCcy\":\"USDT\",\"fillNotionalUsd\":\"31.50818374\",\"fillPx\":\"31527.1\",\"fillSz\":\"0.001\","
    "\"fillPnl\":\"0.01\",\"fillTime\":\"1654084353263\",\"instId\":\"BTC-USDT\",\"instType\":\"SPOT\",\"ordId\":"
    "\"452197707845865472\",\"ordType\":\"limit\",\"pnl\":\"0\",\"posSide\":\"\",\"px\":\"31527.1\",\"side\":"
    "\"sell\",\"state\":\"filled\",\"sz\":\"0.001\",\"tdMode\":\"cash\",\"attachAlgoOrds\":[],\"tradeId\":"
    "\"242589207\",\"uTime\":\"1654084353264\",\"linkedAlgoOrd\":{\"algoId\":\"\"}}]}";

/* DWX ZeroMQ connector: one text frame */
static const char dwx_tick[] = "EURUSD:|:1.116400;1.116430";

/* ---- fixtures ---- */

typedef struct {
    srcmap *m;
    char err[256];
    int line_err;
} loader;

static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    loader *l = user;
    if (strncmp(section, "source ", 7) != 0)
        return 0;
    if (srcmap_set(l->m, section + 7, key, value, l->err, sizeof l->err) != 0) {
        fprintf(stderr, "%s\n", l->err);
        return 0;
    }
    return 1;
}

/* The shipped mappings, all of them in one srcmap as the program loads them. */
static srcmap *load_all(void)
{
    static const char *const files[] = {"sources/deribit.ini", "sources/binance.ini", "sources/okx.ini",
                                        "sources/dwx.ini"};
    loader l = {srcmap_new(), "", 0};
    assert_non_null(l.m);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        if (ini_parse(files[i], on_ini, &l) != 0)
            fail_msg("%s: %s", files[i], l.err);
    }
    char err[256];
    if (srcmap_check(l.m, err, sizeof err) != 0)
        fail_msg("srcmap_check: %s", err);
    return l.m;
}

typedef struct {
    srcmap *m;
    srcmap_ctx *cx;
    srcmap_result r;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->m = load_all();
    f->cx = srcmap_ctx_new();
    *state = f;
    return f->cx ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    srcmap_ctx_free(f->cx);
    srcmap_free(f->m);
    free(f);
    return 0;
}

/* Decode one frame. */
static const srcmap_result *dec(fixture *f, const char *frame)
{
    const char *fr[1] = {frame};
    size_t l[1] = {strlen(frame)};
    srcmap_decode(f->m, f->cx, 1, fr, l, &f->r);
    return &f->r;
}

static void assert_ok(const srcmap_result *r, size_t n)
{
    if (r->status != WIRE_OK || r->nevents != n)
        fail_msg("status %s, %zu events (want ok, %zu): %s", wire_status_name(r->status), r->nevents, n, r->why);
}

/* ---- the samples ---- */

static void deribit_tickers(void **state)
{
    fixture *f = *state;
    const srcmap_result *r = dec(f, deribit_perp);
    assert_ok(r, 1);
    const event *e = &r->events[0];
    assert_int_equal(e->kind, EVENT_PX);
    assert_int_equal(e->origin, EVENT_FROM_NATIVE);
    assert_string_equal(e->sym, "BTC-PERPETUAL");
    assert_string_equal(e->venue, "DERIBIT");
    assert_true(e->u.px.bid == 36442.5 && e->u.px.ask == 36443);
    assert_true(isnan(e->u.px.iv));
    assert_true(e->ts == 1623060194301 / 1000.0);
    assert_int_equal(r->failed, -1);

    r = dec(f, deribit_option);
    assert_ok(r, 1);
    e = &r->events[0];
    assert_string_equal(e->sym, "BTC-5JUN20-9250-C");
    assert_true(e->u.px.bid == 0.0365 * 9440.73);
    assert_true(e->u.px.ask == 0.04 * 9440.73);
    assert_true(e->u.px.iv == 63.21 / 100);
    assert_near(e->u.px.iv, 0.6321, 1e-15);
    assert_true(e->ts == 1590969652595 / 1000.0);
}

static void deribit_user_changes(void **state)
{
    fixture *f = *state;
    const srcmap_result *r = dec(f, deribit_changes);
    assert_ok(r, 3);
    const event *in = &r->events[0], *fl = &r->events[1], *ps = &r->events[2];
    assert_int_equal(in->kind, EVENT_INST);
    assert_string_equal(in->sym, "BTC-PERPETUAL");
    assert_string_equal(in->venue, "DERIBIT");
    assert_int_equal(in->u.inst.kind, INST_PERP);
    assert_string_equal(in->u.inst.underlying, "BTC");
    assert_true(in->u.inst.mult == 1);
    assert_int_equal(fl->kind, EVENT_FILL);
    assert_string_equal(fl->sym, "BTC-PERPETUAL");
    assert_true(fl->u.fill.qty == -10 && fl->u.fill.px == 17391);
    assert_true(fl->u.fill.fee == 1.6e-7 * 17391);
    assert_true(fl->ts == 1605780344032 / 1000.0);
    assert_int_equal(ps->kind, EVENT_POS);
    assert_true(ps->u.pos.qty == 185160 && ps->u.pos.avg_px == 15000);
    assert_int_equal(ps->u.pos.leg, POS_LEG_NET);
}

static void binance_samples(void **state)
{
    fixture *f = *state;
    const srcmap_result *r = dec(f, binance_book);
    assert_ok(r, 1);
    assert_string_equal(r->events[0].sym, "BNBUSDT");
    assert_string_equal(r->events[0].venue, "BINANCE");
    assert_true(r->events[0].u.px.bid == 25.3519 && r->events[0].u.px.ask == 25.3652);

    r = dec(f, binance_mark);
    assert_ok(r, 1);
    assert_string_equal(r->events[0].venue, "BINANCE_FUTURES");
    assert_true(r->events[0].u.px.mid == 11794.15 && isnan(r->events[0].u.px.bid));
    assert_true(r->events[0].ts == 1562305380.0);

    r = dec(f, binance_account);
    assert_ok(r, 3);
    const double qty[3] = {0, 20, -10};
    const pos_leg leg[3] = {POS_LEG_NET, POS_LEG_LONG, POS_LEG_SHORT};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(r->events[i].kind, EVENT_POS);
        assert_string_equal(r->events[i].sym, "BTCUSDT");
        assert_true(r->events[i].u.pos.qty == qty[i]);
        assert_int_equal(r->events[i].u.pos.leg, leg[i]);
        assert_true(r->events[i].ts == 1564745798.939);
    }
    assert_true(isnan(r->events[0].u.pos.avg_px)); /* "0.00000": none */
    assert_true(r->events[1].u.pos.avg_px == 6563.665 && r->events[2].u.pos.avg_px == 6563.86);

    r = dec(f, binance_order_new);
    assert_int_equal(r->status, WIRE_IGNORED);
    assert_int_equal(r->nevents, 0);
}

/* The TRADE variant of ORDER_TRADE_UPDATE, from the NEW sample. */
static char *order_trade(void)
{
    static const char *const from[] = {"\"x\":\"NEW\"", "\"X\":\"NEW\"", "\"l\":\"0\"", "\"L\":\"0\""};
    static const char *const to[] = {"\"x\":\"TRADE\"", "\"X\":\"FILLED\"", "\"l\":\"0.001\"", "\"L\":\"7103.04\""};
    char *s = malloc(sizeof binance_order_new + 64);
    strcpy(s, binance_order_new);
    for (int i = 0; i < 4; i++) {
        char *at = strstr(s, from[i]);
        assert_non_null(at);
        memmove(at + strlen(to[i]), at + strlen(from[i]), strlen(at + strlen(from[i])) + 1);
        memcpy(at, to[i], strlen(to[i]));
    }
    return s;
}

static void binance_trade(void **state)
{
    fixture *f = *state;
    char *s = order_trade();
    const srcmap_result *r = dec(f, s);
    assert_ok(r, 1);
    const event *e = &r->events[0];
    assert_int_equal(e->kind, EVENT_FILL);
    assert_string_equal(e->sym, "BTCUSDT");
    assert_true(e->u.fill.qty == -0.001 && e->u.fill.px == 7103.04 && e->u.fill.fee == 0);
    assert_true(e->ts == 1568879465.650);
    free(s);
}

static void okx_samples(void **state)
{
    fixture *f = *state;
    const srcmap_result *r = dec(f, okx_tickers);
    assert_ok(r, 1);
    assert_string_equal(r->events[0].sym, "BTC-USDT");
    assert_string_equal(r->events[0].venue, "OKX");
    assert_true(r->events[0].u.px.mid == 0.5 * (8888.88 + 9999.99));
    assert_near(r->events[0].u.px.mid, 9444.435, 1e-9);
    assert_true(r->events[0].ts == 1597026383.085);

    r = dec(f, okx_positions);
    assert_ok(r, 1);
    assert_string_equal(r->events[0].sym, "ETH-USD-210430");
    assert_true(r->events[0].u.pos.qty == 1 && r->events[0].u.pos.avg_px == 2566.31);
    assert_int_equal(r->events[0].u.pos.leg, POS_LEG_LONG);

    r = dec(f, okx_orders);
    assert_ok(r, 1);
    const event *e = &r->events[0];
    assert_string_equal(e->sym, "BTC-USDT");
    assert_true(e->u.fill.qty == -0.001 && e->u.fill.px == 31527.1 && e->u.fill.fee == 0.02522168);
    assert_true(e->ts == 1654084353.263);
}

static void dwx_sample(void **state)
{
    fixture *f = *state;
    const srcmap_result *r = dec(f, dwx_tick);
    assert_ok(r, 1);
    assert_string_equal(r->events[0].sym, "EURUSD");
    assert_string_equal(r->events[0].venue, "DWX");
    assert_true(r->events[0].u.px.bid == 1.1164 && r->events[0].u.px.ask == 1.11643);
    /* not the template: nothing took it, and it is no JSON either */
    r = dec(f, "EURUSD:1.1164;1.11643");
    assert_int_equal(r->status, WIRE_ERR_JSON);
}

/* ---- refusals ---- */

/* s with the first `from` replaced by `to` (malloc'ed). */
static char *replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    assert_non_null(at);
    char *out = malloc(strlen(s) + strlen(to) + 1);
    sprintf(out, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    return out;
}

static void assert_refused(const srcmap_result *r, wire_status st, const char *why1, const char *why2)
{
    if (r->status != st)
        fail_msg("status %s, want %s (%s)", wire_status_name(r->status), wire_status_name(st), r->why);
    assert_int_equal(r->nevents, 0);
    assert_true(r->failed >= 0);
    if (!strstr(r->why, why1) || !strstr(r->why, why2))
        fail_msg("why '%s' does not name %s and %s", r->why, why1, why2);
}

static void refused_whole(void **state)
{
    fixture *f = *state;
    char *s = replace(deribit_perp, "\"best_bid_price\" : 36442.5,", "");
    const srcmap_result *r = dec(f, s);
    assert_refused(r, WIRE_ERR_MISSING, "deribit-ticker: bid:", "best_bid_price");
    assert_int_equal(r->failed, 0);
    free(s);
    /* a value its map does not have */
    s = replace(binance_account, "\"ps\":\"LONG\"", "\"ps\":\"MIDDLE\"");
    assert_refused(dec(f, s), WIRE_ERR_VALUE, "binance-account-update: side:", "MIDDLE");
    free(s);
    /* a string that is no number, in arithmetic */
    s = replace(okx_orders, "\"fillFee\":\"-0.02522168\"", "\"fillFee\":\"abc\"");
    assert_refused(dec(f, s), WIRE_ERR_TYPE, "okx-orders: fee:", "fillFee");
    free(s);
    /* ... and as a field by itself, where the native decoder reads it */
    s = replace(okx_orders, "\"fillPx\":\"31527.1\"", "\"fillPx\":\"31527.1x\"");
    assert_refused(dec(f, s), WIRE_ERR_TYPE, "okx-orders", "31527.1x");
    free(s);
    /* what the native checks refuse: crossed */
    s = replace(deribit_perp, "\"best_ask_price\" : 36443", "\"best_ask_price\" : 36442");
    assert_refused(dec(f, s), WIRE_ERR_CROSSED, "deribit-ticker", "crossed");
    free(s);
    /* one record of three refused: none of them is taken */
    s = replace(binance_account, "\"pa\":\"20\"", "\"pa\":\"2e999\"");
    assert_refused(dec(f, s), WIRE_ERR_NUMBER, "binance-account-update", "bad_number");
    free(s);
    /* not JSON, no section took it */
    assert_int_equal(dec(f, "{\"u\":1,")->status, WIRE_ERR_JSON);
    /* JSON that no section takes */
    assert_int_equal(dec(f, "{\"hello\":1}")->status, WIRE_IGNORED);
}

/* A mapping of its own, from "NAME|KEY|VALUE" lines. */
static srcmap *mapping(const char *const *lines, size_t n)
{
    srcmap *m = srcmap_new();
    char err[256];
    for (size_t i = 0; i < n; i++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s", lines[i]);
        char *k = strchr(buf, '|');
        char *v = strchr(k + 1, '|');
        *k++ = '\0';
        *v++ = '\0';
        if (srcmap_set(m, buf, k, v, err, sizeof err) != 0)
            fail_msg("%s: %s", lines[i], err);
    }
    if (srcmap_check(m, err, sizeof err) != 0)
        fail_msg("check: %s", err);
    return m;
}

static const srcmap_result *dec_with(srcmap *m, srcmap_ctx *cx, srcmap_result *r, const char *topic,
                                     const char *body)
{
    const char *fr[2] = {topic, body};
    size_t l[2] = {strlen(topic), strlen(body)};
    srcmap_decode(m, cx, 2, fr, l, r);
    return r;
}

static void paths_and_arithmetic(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "t|topic|md.", "t|kind|px", "t|sym|'X'", "t|mid|a[1] / b",
    };
    srcmap *m = mapping(lines, 4);
    srcmap_ctx *cx = srcmap_ctx_new();
    srcmap_result r;
    assert_ok(dec_with(m, cx, &r, "md.x", "{\"a\":[1,\"6\"],\"b\":\"2\"}"), 1);
    assert_true(r.events[0].u.px.mid == 3);
    assert_refused(dec_with(m, cx, &r, "md.x", "{\"a\":[1],\"b\":2}"), WIRE_ERR_MISSING, "t: mid:", "a[1] is absent");
    assert_refused(dec_with(m, cx, &r, "md.x", "{\"a\":{\"1\":2},\"b\":2}"), WIRE_ERR_TYPE, "t: mid:", "non-array");
    assert_refused(dec_with(m, cx, &r, "md.x", "{\"a\":[1,6],\"b\":0}"), WIRE_ERR_NUMBER, "t: mid:", "division by zero");
    assert_refused(dec_with(m, cx, &r, "md.x", "{\"a\":[1,1e300],\"b\":1e-300}"), WIRE_ERR_NUMBER, "t: mid:",
                   "not finite");
    /* no section's topic */
    assert_int_equal(dec_with(m, cx, &r, "other", "{}")->status, WIRE_ERR_KIND);
    srcmap_free(m);

    static const char *const through[] = {"t|kind|px", "t|sym|'X'", "t|mid|a.b", "t|when|!c"};
    m = mapping(through, 4);
    assert_refused(dec_with(m, cx, &r, "any", "{\"a\":5}"), WIRE_ERR_TYPE, "t: mid:", "b of a non-object");
    assert_int_equal(dec_with(m, cx, &r, "any", "{\"a\":{\"b\":5},\"c\":null}")->status, WIRE_IGNORED);
    assert_ok(dec_with(m, cx, &r, "any", "{\"a\":{\"b\":5}}"), 1);
    srcmap_free(m);
    srcmap_ctx_free(cx);
}

/* Comparisons: numbers as numbers, anything else as text. */
static void conditions(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "t|kind|px", "t|sym|s", "t|mid|1", "t|when|n == 1.50 and s != 'Y' and q == '1.50' and b == 'true'",
    };
    srcmap *m = mapping(lines, 4);
    srcmap_ctx *cx = srcmap_ctx_new();
    srcmap_result r;
    assert_ok(dec_with(m, cx, &r, "t", "{\"s\":\"X\",\"n\":1.5,\"q\":\"1.50\",\"b\":true}"), 1);
    assert_int_equal(dec_with(m, cx, &r, "t", "{\"s\":\"Y\",\"n\":1.5,\"q\":\"1.50\",\"b\":true}")->status,
                     WIRE_IGNORED);
    assert_int_equal(dec_with(m, cx, &r, "t", "{\"s\":\"X\",\"n\":1.5,\"q\":\"1.5\",\"b\":true}")->status,
                     WIRE_IGNORED);
    srcmap_free(m);
    /* a map's default, numeric values, and a miss without a default */
    static const char *const maps[] = {"t|kind|px", "t|sym|'S'", "t|mid|k{a: 1, 'b': x, *: 2.5} * 2", "t|iv|v{1: 0.5}"};
    m = mapping(maps, 4);
    assert_ok(dec_with(m, cx, &r, "t", "{\"k\":\"zzz\",\"v\":1}"), 1);
    assert_true(r.events[0].u.px.mid == 5 && r.events[0].u.px.iv == 0.5);
    assert_ok(dec_with(m, cx, &r, "t", "{\"k\":\"a\",\"v\":1}"), 1);
    assert_true(r.events[0].u.px.mid == 2);
    assert_refused(dec_with(m, cx, &r, "t", "{\"k\":\"b\",\"v\":1}"), WIRE_ERR_TYPE, "t: mid:", "not a number");
    assert_refused(dec_with(m, cx, &r, "t", "{\"k\":\"a\",\"v\":2}"), WIRE_ERR_VALUE, "t: iv:", "'2', not in its map");
    srcmap_free(m);
    m = mapping(lines, 4);
    /* != on an absent path does not hold */
    assert_int_equal(dec_with(m, cx, &r, "t", "{\"n\":1.5,\"q\":\"1.50\",\"b\":true}")->status, WIRE_IGNORED);
    srcmap_free(m);
    srcmap_ctx_free(cx);
}

/* More records than the native 256 tokens hold, up to SRCMAP_MAX_EVENTS. */
static void many_records(void **state)
{
    fixture *f = *state;
    for (int n = 500; n <= 600; n += 100) {
        char *s = malloc(64 + (size_t)n * 80);
        size_t len = (size_t)sprintf(s, "{\"arg\":{\"channel\":\"positions\"},\"data\":[");
        for (int i = 0; i < n; i++)
            len += (size_t)sprintf(s + len, "%s{\"instId\":\"S%d\",\"pos\":\"%d\",\"avgPx\":\"1\",\"posSide\":\"net\"}", i ? "," : "", i,
                                   i + 1);
        strcpy(s + len, "]}");
        const srcmap_result *r = dec(f, s);
        if (n <= SRCMAP_MAX_EVENTS) {
            assert_ok(r, (size_t)n);
            assert_string_equal(r->events[n - 1].sym, "S499");
            assert_true(r->events[n - 1].u.pos.qty == n);
        } else {
            assert_refused(r, WIRE_ERR_VALUE, "okx-positions", "too many records");
        }
        free(s);
    }
}

/* Each grammar error, with its message; the mapping is unchanged. */
static void grammar_errors(void **state)
{
    (void)state;
    static const struct {
        const char *name, *key, *value, *err;
    } cases[] = {
        {"t", "when", "params.x", "when: expected == or != after params.x"},
        {"t", "when", "a == 'b' or c == 'd'", "when: expected 'and' at 'or c == 'd''"},
        {"t", "when", "a == 'b", "when: unterminated quote"},
        {"t", "when", "!'x'", "when: expected a path after !"},
        {"t", "kind", "trade", "kind: 'trade' is none of px, pos, fill, inst"},
        {"t", "bid", "a + b", "bid: expected * or / at '+ b'"},
        {"t", "bid", "", "bid: expected a term at the end"},
        {"t", "bid", "a *", "bid: expected a term at the end"},
        {"t", "bid", "a..b", "bid: path a..b: empty key"},
        {"t", "bid", "a[x]", "bid: path a[x]: expected [N] at '[x]'"},
        {"t", "side", "S{BUY: 'buy', BUY: 'b'}", "side: S{...}: key BUY twice"},
        {"t", "side", "S{BUY 'buy'}", "side: S{...}: expected ':' after BUY"},
        {"t", "side", "S{BUY: 'buy'", "side: S{...}: expected ',' or '}' after buy"},
        {"t", "text", "{sym}{bid}", "text: {bid} follows another capture"},
        {"t", "text", "{sym", "text: unterminated {FIELD}"},
        {"t", "records", "a b", "records: unexpected 'b' after the path"},
        {"bad name", "kind", "px", "[source bad name]: a name is 1 to 47 bytes"},
    };
    srcmap *m = srcmap_new();
    char err[256];
    assert_int_equal(srcmap_set(m, "t", "kind", "px", err, sizeof err), 0);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        err[0] = '\0';
        if (srcmap_set(m, cases[i].name, cases[i].key, cases[i].value, err, sizeof err) != -1)
            fail_msg("%s = %s: accepted", cases[i].key, cases[i].value);
        if (strncmp(err, cases[i].err, strlen(cases[i].err)) != 0)
            fail_msg("%s = %s: '%s', want '%s'", cases[i].key, cases[i].value, err, cases[i].err);
    }
    assert_int_equal(srcmap_count(m), 1);
    srcmap_free(m);
}

/* srcmap_check's refusals name the section. */
static void check_errors(void **state)
{
    (void)state;
    static const struct {
        const char *lines[4];
        const char *err;
    } cases[] = {
        {{"p|kind|pos", "p|sym|s", "p|qty|q", "p|bid|b"}, "[source p]: bid is no field of pos"},
        {{"p|kind|px", "p|bid|b", "p|ask|a", "p|nope|1"}, "[source p]: nope is no field of px"},
        {{"p|kind|px", "p|bid|b", "p|ask|a", NULL}, "[source p]: no sym"},
        {{"p|kind|px", "p|sym|s", "p|bid|b", NULL}, "[source p]: bid without ask"},
        {{"p|kind|fill", "p|sym|s", "p|qty|q", NULL}, "[source p]: fill needs side, qty and px"},
        {{"p|sym|s", "p|mid|m", NULL, NULL}, "[source p]: no kind"},
        {{"p|kind|px", "p|text|{sym}:{mid}", "p|records|r", NULL}, "[source p]: text and records"},
        {{"p|kind|px", "p|text|{sym}:{mid}", "p|venue|v", NULL}, "[source p]: venue: a text section's other"},
        {{"p|kind|px", "p|text|{sym}:{mid}", "p|sym|'A'", NULL}, "[source p]: sym is both captured"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        srcmap *m = srcmap_new();
        char err[256] = "";
        for (int k = 0; k < 4 && cases[i].lines[k]; k++) {
            char buf[128];
            snprintf(buf, sizeof buf, "%s", cases[i].lines[k]);
            char *key = strchr(buf, '|'), *v;
            *key++ = '\0';
            v = strchr(key, '|');
            *v++ = '\0';
            assert_int_equal(srcmap_set(m, buf, key, v, err, sizeof err), 0);
        }
        assert_int_equal(srcmap_check(m, err, sizeof err), -1);
        if (strncmp(err, cases[i].err, strlen(cases[i].err)) != 0)
            fail_msg("case %zu: '%s', want '%s'", i, err, cases[i].err);
        srcmap_free(m);
    }
}

/* What srcmap_print writes reads back as the same mapping. */
static void print_reads_back(void **state)
{
    fixture *f = *state;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    srcmap_print(f->m, out);
    fclose(out);
    loader l = {srcmap_new(), "", 0};
    assert_int_equal(ini_parse_string(text, on_ini, &l), 0);
    assert_true(srcmap_same(f->m, l.m));
    assert_int_equal(srcmap_count(l.m), srcmap_count(f->m));
    assert_string_equal(srcmap_name(l.m, 0), "deribit-ticker");
    char err[64];
    assert_int_equal(srcmap_set(l.m, "dwx", "venue", "'DWX2'", err, sizeof err), 0);
    assert_false(srcmap_same(f->m, l.m));
    srcmap_free(l.m);
    free(text);
}

/* ---- the one-pass scanner against jsmn ---- */

#define EQ_TOK 8192
typedef struct {
    jsmntok_t tok[EQ_TOK], jtok[EQ_TOK];
    int next[EQ_TOK], jnext[EQ_TOK], stack[EQ_TOK];
} eq_scratch;

/* When the scanner takes js, jsmn takes it too, with the same tokens and
 * links; returns whether the scanner took it. */
static bool scan_agrees(eq_scratch *w, const char *js, size_t len)
{
    int n = 0, jn = 0;
    if (!sm_scan(js, len, w->tok, w->next, EQ_TOK, &n))
        return false;
    if (!sm_tokens_jsmn(js, len, w->jtok, w->jnext, w->stack, EQ_TOK, &jn))
        fail_msg("the scanner took what jsmn refuses: %.*s", (int)len, js);
    assert_int_equal(n, jn);
    for (int i = 0; i < n; i++) {
        const jsmntok_t *a = &w->tok[i], *b = &w->jtok[i];
        if (a->type != b->type || a->start != b->start || a->end != b->end || a->size != b->size ||
            a->parent != b->parent || w->next[i] != w->jnext[i])
            fail_msg("token %d differs: scan %d %d-%d size %d parent %d next %d, jsmn %d %d-%d size %d parent %d "
                     "next %d in %.*s",
                     i, a->type, a->start, a->end, a->size, a->parent, w->next[i], b->type, b->start, b->end, b->size,
                     b->parent, w->jnext[i], (int)len, js);
    }
    return true;
}

/* Every sample, and every one-byte deletion and replacement of each: the
 * scanner agrees with jsmn wherever it decides, and decides the samples. */
static void scanner_equals_jsmn(void **state)
{
    fixture *f = *state;
    char *trade = order_trade();
    const char *samples[] = {deribit_perp,  deribit_option, deribit_changes, binance_book,
                             binance_mark,  binance_account, binance_order_new, trade,
                             okx_tickers,   okx_positions,  okx_orders,        "[1,[],{},\"a\",true,null,-0.5e+3]"};
    static const char repl[] = {'"', '\\', '{', '}', '[', ']', ',', ':', ' ', '0', 'e', '-', '\0', 'x', '.', 't'};
    eq_scratch *w = malloc(sizeof *w);
    char *buf = malloc(8192);
    size_t taken = 0, tried = 0;
    for (size_t k = 0; k < sizeof samples / sizeof *samples; k++) {
        const char *s = samples[k];
        const size_t len = strlen(s);
        assert_true(len < 8192);
        if (!scan_agrees(w, s, len))
            fail_msg("the scanner does not take sample %zu", k);
        for (size_t i = 0; i < len; i++) {
            memcpy(buf, s, i); /* without byte i */
            memcpy(buf + i, s + i + 1, len - i - 1);
            taken += scan_agrees(w, buf, len - 1);
            tried++;
            const char *fr[1] = {buf};
            size_t l[1] = {len - 1};
            srcmap_decode(f->m, f->cx, 1, fr, l, &f->r); /* never crashes */
            memcpy(buf, s, len);
            for (size_t r = 0; r < sizeof repl; r++) {
                buf[i] = repl[r];
                taken += scan_agrees(w, buf, len);
                tried++;
            }
        }
        /* cut short */
        for (size_t cut = 0; cut < len; cut += 7)
            taken += scan_agrees(w, s, cut);
    }
    /* many taken and many left to jsmn: both ways are exercised */
    assert_true(taken > tried / 10 && taken < tried);
    free(buf);
    free(w);
    free(trade);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(deribit_tickers, setup, teardown),
        cmocka_unit_test_setup_teardown(deribit_user_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(binance_samples, setup, teardown),
        cmocka_unit_test_setup_teardown(binance_trade, setup, teardown),
        cmocka_unit_test_setup_teardown(okx_samples, setup, teardown),
        cmocka_unit_test_setup_teardown(dwx_sample, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_whole, setup, teardown),
        cmocka_unit_test(paths_and_arithmetic),
        cmocka_unit_test(conditions),
        cmocka_unit_test_setup_teardown(many_records, setup, teardown),
        cmocka_unit_test(grammar_errors),
        cmocka_unit_test_setup_teardown(scanner_equals_jsmn, setup, teardown),
        cmocka_unit_test(check_errors),
        cmocka_unit_test_setup_teardown(print_reads_back, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
