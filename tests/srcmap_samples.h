/* srcmap_samples.h - venues' own messages, verbatim from their
 * documentation, for the tests of the shipped sources/ mappings
 * (tests/test_srcmap.c, tests/test_srcmap_fast.c); tests/fuzz/corpus/srcmap
 * holds the same messages as the fuzzer's seeds. */
#ifndef INVTOP_TESTS_SRCMAP_SAMPLES_H
#define INVTOP_TESTS_SRCMAP_SAMPLES_H

#include <stdlib.h>
#include <string.h>

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

/* The TRADE variant of ORDER_TRADE_UPDATE, from the NEW sample (malloc'ed;
 * NULL when a piece to replace is missing). */
static inline char *binance_order_trade(void)
{
    static const char *const from[] = {"\"x\":\"NEW\"", "\"X\":\"NEW\"", "\"l\":\"0\"", "\"L\":\"0\""};
    static const char *const to[] = {"\"x\":\"TRADE\"", "\"X\":\"FILLED\"", "\"l\":\"0.001\"", "\"L\":\"7103.04\""};
    char *s = malloc(sizeof binance_order_new + 64);
    if (!s)
        return NULL;
    strcpy(s, binance_order_new);
    for (int i = 0; i < 4; i++) {
        char *at = strstr(s, from[i]);
        if (!at) {
            free(s);
            return NULL;
        }
        memmove(at + strlen(to[i]), at + strlen(from[i]), strlen(at + strlen(from[i])) + 1);
        memcpy(at, to[i], strlen(to[i]));
    }
    return s;
}

#endif
