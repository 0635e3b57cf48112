/* test_ordconsumer.c - the executing end of the order channel without its
 * sockets: an order is acknowledged and executed once at the touch with its
 * fee, a resend is acknowledged again and never executed twice, an unknown
 * symbol is rejected, malformed input is counted and never crashes. */
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

#include "invtop/ordconsumer.h"
#include "invtop/synth.h"
#include "invtop/wire.h"

#define BID 64999.5
#define ASK 65000.5
#define NOW 1795311649.25

/* A market of one perp, an option without a touch, and a symbol that joins
 * when `listed` turns true. */
typedef struct {
    bool listed;
    int calls;
} market;

static int touch(void *ctx, const char *sym, double *bid, double *ask)
{
    market *m = ctx;
    m->calls++;
    if (strcmp(sym, "BTC-PERP") == 0 || (m->listed && strcmp(sym, "NEW-PERP") == 0)) {
        *bid = BID;
        *ask = ASK;
        return 0;
    }
    return strcmp(sym, "BTC-27DEC24-65000-C") == 0 ? 1 : -1;
}

static const char order_sell[] =
    "{\"type\":\"order\",\"cl_ord_id\":\"H6f3a9c2e-1\",\"sym\":\"BTC-PERP\",\"venue\":\"\",\"underlying\":\"BTC\","
    "\"book\":\"hedge\",\"side\":\"sell\",\"qty\":5,\"lots\":5000,\"px\":65000,\"ts\":1795311648.001,"
    "\"expires\":1795311678.001,\"attempt\":1,\"user\":\"alice\",\"auto\":false}";

static oc_verdict handle(oc_consumer *c, const char *msg, jw *reply, oc_fill *f)
{
    return oc_handle(c, msg, strlen(msg), NOW, reply, f);
}

/* An order of side and qty for sym under id (book hedge, venue none). */
static const char *order(char *buf, size_t cap, const char *id, const char *sym, const char *side, double qty)
{
    snprintf(buf, cap,
             "{\"type\":\"order\",\"cl_ord_id\":\"%s\",\"sym\":\"%s\",\"book\":\"hedge\",\"side\":\"%s\","
             "\"qty\":%.17g,\"lots\":1,\"px\":65000,\"attempt\":1}",
             id, sym, side, qty);
    return buf;
}

static void executes_once_at_the_touch(void **state)
{
    (void)state;
    market m = {0};
    oc_consumer *c = oc_new(OC_DEFAULT_FEE_BPS, touch, &m);
    assert_non_null(c);
    jw reply = {0}, topic = {0}, body = {0};
    oc_fill f;
    assert_int_equal(handle(c, order_sell, &reply, &f), OC_EXECUTED);
    assert_string_equal(reply.buf, "{\"type\":\"ack\",\"cl_ord_id\":\"H6f3a9c2e-1\"}");
    /* a sell at the bid, 5 bp of its notional */
    assert_string_equal(f.sym, "BTC-PERP");
    assert_string_equal(f.venue, "");
    assert_string_equal(f.book, "hedge");
    assert_string_equal(f.clid, "H6f3a9c2e-1");
    assert_near(f.qty, -5, 0);
    assert_near(f.px, BID, 0);
    assert_near(f.fee, 5 * 5 * BID / 1e4, 1e-9);
    assert_near(f.ts, NOW, 0);
    /* as the feed publishes it, and as invtop reads it back */
    assert_int_equal(oc_fill_write(&f, &topic, &body), 0);
    assert_string_equal(topic.buf, "fill.BTC-PERP");
    event ev;
    assert_int_equal(wire_decode(topic.buf, topic.len, body.buf, body.len, &ev), WIRE_OK);
    assert_int_equal(ev.kind, EVENT_FILL);
    assert_string_equal(ev.sym, "BTC-PERP");
    assert_string_equal(ev.venue, "");
    assert_string_equal(ev.book, "hedge");
    assert_string_equal(ev.u.fill.clid, "H6f3a9c2e-1");
    assert_near(ev.u.fill.qty, -5, 0);
    assert_near(ev.u.fill.px, BID, 0);
    assert_near(ev.u.fill.fee, f.fee, 1e-9);
    assert_near(ev.ts, NOW, 1e-6);

    /* the same order again, even changed: acknowledged, not executed */
    oc_fill untouched;
    memset(&untouched, 0x5a, sizeof untouched);
    f = untouched;
    assert_int_equal(handle(c, order_sell, &reply, &f), OC_DUPLICATE);
    assert_string_equal(reply.buf, "{\"type\":\"ack\",\"cl_ord_id\":\"H6f3a9c2e-1\"}");
    char buf[512];
    assert_int_equal(handle(c, order(buf, sizeof buf, "H6f3a9c2e-1", "BTC-PERP", "buy", 7), &reply, &f), OC_DUPLICATE);
    assert_memory_equal(&f, &untouched, sizeof f);

    /* another id is another order: a buy at the ask, the fee by --fee-bps */
    oc_consumer *c2 = oc_new(2.5, touch, &m);
    assert_non_null(c2);
    assert_int_equal(handle(c2, order(buf, sizeof buf, "H6f3a9c2e-2", "BTC-PERP", "buy", 0.25), &reply, &f),
                     OC_EXECUTED);
    assert_near(f.qty, 0.25, 0);
    assert_near(f.px, ASK, 0);
    assert_near(f.fee, 2.5 * 0.25 * ASK / 1e4, 1e-12);
    assert_int_equal(oc_fill_write(&f, &topic, &body), 0);
    assert_int_equal(wire_decode(topic.buf, topic.len, body.buf, body.len, &ev), WIRE_OK);
    assert_near(ev.u.fill.qty, 0.25, 0);

    const oc_stats *st = oc_get_stats(c);
    assert_int_equal(st->orders, 3);
    assert_int_equal(st->executed, 1);
    assert_int_equal(st->duplicates, 2);
    assert_int_equal(st->rejected + st->malformed, 0);
    assert_null(oc_new(-1, touch, &m));
    assert_null(oc_new(NAN, touch, &m));
    oc_free(c2);
    oc_free(c);
    jw_free(&reply);
    jw_free(&topic);
    jw_free(&body);
}

/* An unknown symbol or one without a touch is rejected with the reason, and
 * stays rejected: a resend after the symbol is listed is not executed. */
static void rejects_what_it_cannot_trade(void **state)
{
    (void)state;
    market m = {0};
    oc_consumer *c = oc_new(OC_DEFAULT_FEE_BPS, touch, &m);
    assert_non_null(c);
    jw reply = {0};
    oc_fill f;
    char buf[512];
    assert_int_equal(handle(c, order(buf, sizeof buf, "R-1", "NEW-PERP", "buy", 1), &reply, &f), OC_REJECTED);
    assert_string_equal(reply.buf, "{\"type\":\"reject\",\"cl_ord_id\":\"R-1\",\"reason\":\"unknown symbol\"}");
    assert_int_equal(handle(c, order(buf, sizeof buf, "R-2", "BTC-27DEC24-65000-C", "sell", 1), &reply, &f),
                     OC_REJECTED);
    assert_string_equal(reply.buf, "{\"type\":\"reject\",\"cl_ord_id\":\"R-2\",\"reason\":\"no market\"}");
    m.listed = true;
    assert_int_equal(handle(c, order(buf, sizeof buf, "R-1", "NEW-PERP", "buy", 1), &reply, &f), OC_DUPLICATE);
    assert_string_equal(reply.buf, "{\"type\":\"reject\",\"cl_ord_id\":\"R-1\",\"reason\":\"unknown symbol\"}");
    assert_int_equal(handle(c, order(buf, sizeof buf, "R-3", "NEW-PERP", "buy", 1), &reply, &f), OC_EXECUTED);
    /* a fee past what the wire takes (qty * px out of reason) */
    assert_int_equal(handle(c, order(buf, sizeof buf, "R-4", "BTC-PERP", "buy", 9e11), &reply, &f), OC_REJECTED);
    assert_string_equal(reply.buf, "{\"type\":\"reject\",\"cl_ord_id\":\"R-4\",\"reason\":\"too large\"}");
    const oc_stats *st = oc_get_stats(c);
    assert_int_equal(st->rejected, 3);
    assert_int_equal(st->executed, 1);
    assert_int_equal(st->duplicates, 1);
    oc_free(c);
    jw_free(&reply);
}

/* Malformed input: without a usable id, counted and unanswered; with one, a
 * reject naming what is wrong, not remembered. The market is not asked. */
static void malformed_counted(void **state)
{
    (void)state;
    market m = {0};
    oc_consumer *c = oc_new(OC_DEFAULT_FEE_BPS, touch, &m);
    assert_non_null(c);
    jw reply = {0};
    oc_fill f;
    static const char *const dropped[] = {
        "",
        "{",
        "[1,2]",
        "null",
        "{\"type\":\"order\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":1}", /* no id */
        "{\"type\":\"order\",\"cl_ord_id\":5,\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":1}",
        "{\"type\":\"order\",\"cl_ord_id\":\"\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":1}",
        "{\"type\":\"order\",\"cl_ord_id\":\"A B\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":1}",
        "{\"type\":\"order\",\"cl_ord_id\":\"A\",\"cl_ord_id\":\"B\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":1}",
        "{\"type\":\"order\",\"cl_ord_id\":\"H-1\"} trailing",
    };
    for (size_t k = 0; k < sizeof dropped / sizeof *dropped; k++) {
        reply.len = 0;
        if (handle(c, dropped[k], &reply, &f) != OC_DROPPED)
            fail_msg("not dropped: %s", dropped[k]);
        assert_int_equal(reply.len, 0);
    }
    /* an id one byte too long */
    char id[EVENT_ID_MAX + 1], buf[512];
    memset(id, 'H', EVENT_ID_MAX);
    id[EVENT_ID_MAX] = '\0';
    assert_int_equal(handle(c, order(buf, sizeof buf, id, "BTC-PERP", "buy", 1), &reply, &f), OC_DROPPED);
    /* the frame not terminated, and bytes that are no text */
    char raw[64];
    memset(raw, '{', sizeof raw);
    assert_int_equal(oc_handle(c, raw, sizeof raw, NOW, &reply, &f), OC_DROPPED);
    const char nul[] = "{\"type\":\"order\",\"cl_ord_id\":\"H\0X\",\"sym\":\"BTC-PERP\"}";
    assert_int_equal(oc_handle(c, nul, sizeof nul - 1, NOW, &reply, &f), OC_DROPPED);
    const size_t ndropped = sizeof dropped / sizeof *dropped + 3;
    assert_int_equal(oc_get_stats(c)->malformed, ndropped);

    static const struct {
        const char *body, *reason;
    } rejected[] = {
        {"{\"type\":\"ack\",\"cl_ord_id\":\"M-1\"}", "not an order"},
        {"{\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":1}", "not an order"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"side\":\"buy\",\"qty\":1}", "bad sym"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC PERP\",\"side\":\"buy\",\"qty\":1}", "bad sym"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"venue\":\"A@B\",\"side\":\"buy\",\"qty\":1}",
         "bad venue"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"book\":7,\"side\":\"buy\",\"qty\":1}",
         "bad book"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"side\":\"long\",\"qty\":1}", "bad side"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"qty\":1}", "bad side"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":0}", "bad qty"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":-1}", "bad qty"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":\"1\"}", "bad qty"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"side\":\"buy\",\"qty\":1e400}", "bad qty"},
        {"{\"type\":\"order\",\"cl_ord_id\":\"M-1\",\"sym\":\"BTC-PERP\",\"side\":\"buy\"}", "bad qty"},
    };
    char want[256];
    for (size_t k = 0; k < sizeof rejected / sizeof *rejected; k++) {
        if (handle(c, rejected[k].body, &reply, &f) != OC_REJECTED)
            fail_msg("not rejected: %s", rejected[k].body);
        snprintf(want, sizeof want, "{\"type\":\"reject\",\"cl_ord_id\":\"M-1\",\"reason\":\"%s\"}", rejected[k].reason);
        assert_string_equal(reply.buf, want);
    }
    assert_int_equal(m.calls, 0);
    /* not remembered: the id, well formed at last, executes */
    assert_int_equal(handle(c, order(buf, sizeof buf, "M-1", "BTC-PERP", "buy", 1), &reply, &f), OC_EXECUTED);
    const oc_stats *st = oc_get_stats(c);
    assert_int_equal(st->malformed, ndropped);
    assert_int_equal(st->rejected, sizeof rejected / sizeof *rejected);
    assert_int_equal(st->executed, 1);
    oc_free(c);
    jw_free(&reply);
}

/* The last OC_SEEN_MAX ids are remembered, and no more (the bound the help
 * states): the oldest, pushed out, would execute again. */
static void remembers_the_last_ids(void **state)
{
    (void)state;
    market m = {0};
    oc_consumer *c = oc_new(OC_DEFAULT_FEE_BPS, touch, &m);
    assert_non_null(c);
    jw reply = {0};
    oc_fill f;
    char buf[512], id[32];
    for (int k = 0; k <= OC_SEEN_MAX; k++) {
        snprintf(id, sizeof id, "S-%d", k);
        assert_int_equal(handle(c, order(buf, sizeof buf, id, "BTC-PERP", "buy", 1), &reply, &f), OC_EXECUTED);
    }
    /* S-0 is gone, S-1 .. S-OC_SEEN_MAX are still there */
    assert_int_equal(handle(c, order(buf, sizeof buf, "S-1", "BTC-PERP", "buy", 1), &reply, &f), OC_DUPLICATE);
    snprintf(id, sizeof id, "S-%d", OC_SEEN_MAX);
    assert_int_equal(handle(c, order(buf, sizeof buf, id, "BTC-PERP", "buy", 1), &reply, &f), OC_DUPLICATE);
    assert_int_equal(handle(c, order(buf, sizeof buf, "S-0", "BTC-PERP", "buy", 1), &reply, &f), OC_EXECUTED);
    oc_free(c);
    jw_free(&reply);
}

/* Random byte mutations of an order: any verdict, no crash, the counters
 * adding up, and a fill only ever at the touch with a decodable message. */
static void mutations_never_crash(void **state)
{
    (void)state;
    market m = {0};
    oc_consumer *c = oc_new(OC_DEFAULT_FEE_BPS, touch, &m);
    assert_non_null(c);
    jw reply = {0}, topic = {0}, body = {0};
    oc_fill f;
    const char charset[] = "{}[]\":,.-+eE0123456789 \\abnrstu\x01\xff";
    const size_t n = sizeof order_sell - 1;
    char msg[sizeof order_sell];
    srand(22);
    for (int round = 0; round < 20000; round++) {
        memcpy(msg, order_sell, n);
        for (int k = 0, edits = 1 + rand() % 4; k < edits; k++)
            msg[rand() % n] = charset[rand() % (sizeof charset - 1)];
        const size_t len = (size_t)rand() % (n + 1);
        const oc_verdict v = oc_handle(c, msg, len, NOW, &reply, &f);
        if (v == OC_DROPPED)
            assert_int_equal(reply.len, 0);
        else
            assert_true(reply.len > 0);
        if (v == OC_EXECUTED) {
            assert_true(f.px == (f.qty > 0 ? ASK : BID));
            event ev;
            assert_int_equal(oc_fill_write(&f, &topic, &body), 0);
            assert_int_equal(wire_decode(topic.buf, topic.len, body.buf, body.len, &ev), WIRE_OK);
        }
    }
    const oc_stats *st = oc_get_stats(c);
    assert_int_equal(st->orders, 20000);
    assert_int_equal(st->executed + st->duplicates + st->rejected + st->malformed, st->orders);
    oc_free(c);
    jw_free(&reply);
    jw_free(&topic);
    jw_free(&body);
}

/* The synthetic market's touch: its px message's bid and ask, read only. */
static void synth_touch_is_the_markets(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    o.options = true;
    o.start_ts = 1.7e9;
    synth *s = synth_new(&o);
    assert_non_null(s);
    jw topic = {0}, body = {0};
    double bid = NAN, ask = NAN;
    int seen = 0;
    for (int k = 0; k < 20000 && seen < 50; k++) {
        assert_int_equal(synth_next(s, &topic, &body), 0);
        event ev;
        if (wire_decode(topic.buf, topic.len, body.buf, body.len, &ev) != WIRE_OK || ev.kind != EVENT_PX ||
            strcmp(ev.sym, "BTC-PERP") != 0)
            continue;
        /* nothing moved since that px was made: the same touch (as the
         * px carries it, 15 significant digits) */
        assert_int_equal(synth_touch(s, "BTC-PERP", &bid, &ask), 0);
        assert_near(bid, ev.u.px.bid, 1e-9);
        assert_near(ask, ev.u.px.ask, 1e-9);
        assert_true(bid > 0 && bid < ask);
        seen++;
    }
    assert_int_equal(seen, 50);
    const char *opt = NULL;
    for (size_t i = 0; i < synth_count(s) && !opt; i++)
        if (strstr(synth_symbol(s, i), "-C"))
            opt = synth_symbol(s, i);
    assert_non_null(opt);
    assert_int_equal(synth_touch(s, opt, &bid, &ask), 1);
    assert_int_equal(synth_touch(s, "NOPE", &bid, &ask), -1);
    synth_free(s);
    jw_free(&topic);
    jw_free(&body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(executes_once_at_the_touch),
        cmocka_unit_test(rejects_what_it_cannot_trade),
        cmocka_unit_test(malformed_counted),
        cmocka_unit_test(remembers_the_last_ids),
        cmocka_unit_test(mutations_never_crash),
        cmocka_unit_test(synth_touch_is_the_markets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
