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

#include "srcmap_samples.h"
#include "testutil.h"

#include "feed/srcmap_in.h"
#include "invtop/srcmap.h"
#include "invtop/wire.h"

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

static char *order_trade(void)
{
    char *s = binance_order_trade();
    assert_non_null(s);
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
        cmocka_unit_test(check_errors),
        cmocka_unit_test_setup_teardown(print_reads_back, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
