/* test_ingest.c - decode, check and apply through ingest_frames: venues,
 * fees stated in the base coin, the event clock and its advance hook, and a
 * full book. Each expected number is worked out in the comment beside it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/ingest.h"

static wire_status feed1(ingest *in, const char *frame, double now)
{
    const char *f[1] = {frame};
    size_t l[1] = {strlen(frame)};
    return ingest_frames(in, 1, f, l, now);
}

static const book_inst *inst_of(const book *b, const char *id)
{
    long i = book_find(b, id);
    if (i < 0)
        fail_msg("no instrument %s", id);
    return book_at(b, (size_t)i);
}

/* The same pair on two cryptofeed exchanges is two instruments, priced
 * apart; so is a native symbol with and without a venue. */
static void venues_are_instruments(void **state)
{
    (void)state;
    book *b = book_new(8);
    ingest in;
    ingest_init(&in, b, NULL);
    assert_int_equal(feed1(&in, "OKX-ticker-ETH-USDT-PERP {\"exchange\":\"OKX\",\"symbol\":\"ETH-USDT-PERP\","
                                "\"bid\":3000,\"ask\":3002}", 1), WIRE_OK);
    assert_int_equal(in.last_index, 0);
    assert_int_equal(feed1(&in, "BITGET-ticker-ETH-USDT-PERP {\"exchange\":\"BITGET\",\"symbol\":\"ETH-USDT-PERP\","
                                "\"bid\":3010,\"ask\":3012}", 2), WIRE_OK);
    assert_int_equal(in.last_index, 1);
    assert_int_equal(book_count(b), 2);
    assert_int_equal(book_find(b, "ETH-USDT-PERP@OKX"), 0);
    assert_int_equal(book_find(b, "ETH-USDT-PERP@BITGET"), 1);
    assert_int_equal(book_find(b, "ETH-USDT-PERP"), -1);
    assert_near(inst_of(b, "ETH-USDT-PERP@OKX")->mid, 3001, 0);    /* (3000 + 3002) / 2 */
    assert_near(inst_of(b, "ETH-USDT-PERP@BITGET")->mid, 3011, 0); /* (3010 + 3012) / 2 */
    assert_string_equal(inst_of(b, "ETH-USDT-PERP@BITGET")->venue, "BITGET");
    /* a fill on OKX moves OKX's position only */
    assert_int_equal(feed1(&in, "OKX-fills-ETH-USDT-PERP {\"side\":\"buy\",\"amount\":2,\"price\":3001}", 3), WIRE_OK);
    assert_near(inst_of(b, "ETH-USDT-PERP@OKX")->pos.qty, 2, 0);
    assert_near(inst_of(b, "ETH-USDT-PERP@BITGET")->pos.qty, 0, 0);
    /* the topic's exchange and the body's disagree: refused, counted, no change */
    assert_int_equal(feed1(&in, "OKX-ticker-ETH-USDT-PERP {\"exchange\":\"BITGET\",\"bid\":1,\"ask\":2}", 4),
                     WIRE_ERR_TOPIC);
    assert_int_equal(in.stats.rejected[WIRE_ERR_TOPIC], 1);
    assert_near(inst_of(b, "ETH-USDT-PERP@BITGET")->mid, 3011, 0);
    assert_near(inst_of(b, "ETH-USDT-PERP@OKX")->mid, 3001, 0);
    /* native: "venue" */
    assert_int_equal(feed1(&in, "px.BTC-PERP {\"venue\":\"DERIBIT\",\"mid\":60000}", 5), WIRE_OK);
    assert_int_equal(feed1(&in, "px.BTC-PERP {\"mid\":60100}", 6), WIRE_OK);
    assert_near(inst_of(b, "BTC-PERP@DERIBIT")->mid, 60000, 0);
    assert_near(inst_of(b, "BTC-PERP")->mid, 60100, 0);
    /* cryptofeed's venue names with '_' */
    assert_int_equal(feed1(&in, "BINANCE_FUTURES-ticker-BTC-USDT-PERP {\"exchange\":\"BINANCE_FUTURES\","
                                "\"symbol\":\"BTC-USDT-PERP\",\"bid\":\"60000\",\"ask\":\"60002\"}", 7), WIRE_OK);
    assert_near(inst_of(b, "BTC-USDT-PERP@BINANCE_FUTURES")->mid, 60001, 0);
    assert_int_equal(book_count(b), 5);
    assert_int_equal(in.stats.accepted, 6);
    book_free(b);
}

/* A venue whose fees are in the base coin: fee 0.001 BTC at 60000 is 60 USD;
 * another venue's 0.001 stays 0.001 USD. */
static void fees_in_base_per_venue(void **state)
{
    (void)state;
    book *b = book_new(8);
    ingest in;
    ingest_init(&in, b, NULL);
    in.fee_base[in.nfee_base++] = "BINANCE";
    assert_int_equal(feed1(&in, "BINANCE-fills-BTC-USDT {\"symbol\":\"BTC-USDT\",\"side\":\"buy\",\"amount\":0.5,"
                                "\"price\":60000,\"fee\":0.001}", 1), WIRE_OK);
    const book_inst *bn = inst_of(b, "BTC-USDT@BINANCE");
    assert_near(bn->pos.qty, 0.5, 0);
    assert_near(bn->pos.fees, 60, 1e-9);      /* 0.001 * 60000 */
    assert_near(bn->pos.realized, -60, 1e-9); /* an opening fill realizes only its fee */
    assert_int_equal(feed1(&in, "OKX-fills-BTC-USDT {\"symbol\":\"BTC-USDT\",\"side\":\"buy\",\"amount\":0.5,"
                                "\"price\":60000,\"fee\":0.001}", 2), WIRE_OK);
    const book_inst *ok = inst_of(b, "BTC-USDT@OKX");
    assert_near(ok->pos.fees, 0.001, 1e-15);
    assert_near(ok->pos.realized, -0.001, 1e-15);
    /* closing on BINANCE at 61000 with fee 0.0005 BTC (30.5 USD):
     * 0.5 * (61000 - 60000) = 500, minus 30.5 -> -60 + 469.5 = 409.5 */
    assert_int_equal(feed1(&in, "BINANCE-fills-BTC-USDT {\"side\":\"sell\",\"amount\":\"0.5\",\"price\":\"61000\","
                                "\"fee\":\"0.0005\"}", 3), WIRE_OK);
    assert_near(bn->pos.qty, 0, 0);
    assert_near(bn->pos.realized, 409.5, 1e-9);
    assert_near(bn->pos.fees, 90.5, 1e-9); /* 60 + 30.5 */
    book_free(b);
}

typedef struct {
    double t[16];
    size_t n;
    const book *b; /* the book when called: its X mid then */
    double mid[16];
} hook_log;

static void record_advance(void *ctx, double event_time)
{
    hook_log *h = ctx;
    long i = book_find(h->b, "X");
    h->mid[h->n] = i >= 0 ? book_at(h->b, (size_t)i)->mid : NAN;
    h->t[h->n++] = event_time;
}

/* With --clock ts: the hook sees each message's event time before the
 * message changes the book; never before the first ts (the clock has not
 * started), and the clock never goes back. */
static void ts_clock_and_advance(void **state)
{
    (void)state;
    const double wall = 1.73e9, t0 = 1.7e9 - 365 * 86400.0; /* a year-old tape received now */
    book *b = book_new(4);
    ingest in;
    ingest_init(&in, b, NULL);
    in.clock_ts = true;
    hook_log log = {.n = 0, .b = b};
    in.advance = record_advance;
    in.advance_ctx = &log;
    assert_true(isnan(ingest_event_time(&in, wall)));
    /* no ts yet: applied at its receive time, no advance */
    assert_int_equal(feed1(&in, "px.X {\"mid\":1}", wall), WIRE_OK);
    assert_int_equal(log.n, 0);
    assert_near(book_at(b, 0)->px_time, wall, 0);
    assert_int_equal(feed1(&in, "px.X {\"mid\":2,\"ts\":1668464000}", wall + 1), WIRE_OK);
    assert_int_equal(feed1(&in, "px.X {\"mid\":3,\"ts\":1668463990}", wall + 2), WIRE_OK); /* older ts */
    assert_int_equal(feed1(&in, "COINBASE-ticker-X {\"symbol\":\"X\",\"bid\":4,\"ask\":4,\"timestamp\":\"1668464005\"}",
                           wall + 3), WIRE_OK); /* another instrument (X@COINBASE) */
    assert_int_equal(feed1(&in, "px.X {\"mid\":5}", wall + 4), WIRE_OK); /* no ts: the clock */
    assert_int_equal(log.n, 4);
    assert_near(log.t[0], t0, 0);      /* the first ts */
    assert_near(log.t[1], t0, 0);      /* an older ts does not turn the clock back */
    assert_near(log.t[2], t0 + 5, 0);  /* a numeric-string timestamp */
    assert_near(log.t[3], t0 + 5, 0);  /* no ts: the latest */
    /* the hook ran before each message changed the book */
    assert_near(log.mid[0], 1, 0);
    assert_near(log.mid[1], 2, 0);
    assert_near(log.mid[3], 3, 0);
    assert_near(book_at(b, 0)->mid, 5, 0);
    assert_near(book_at(b, 0)->px_time, t0 + 5, 0);
    assert_near(ingest_event_time(&in, wall + 4), t0 + 5, 0);
    /* a refused message does not advance */
    assert_int_equal(feed1(&in, "px.X {\"mid\":-1,\"ts\":1668464100}", wall + 5), WIRE_ERR_PRICE);
    assert_int_equal(log.n, 4);
    /* without clock_ts the event time is the receive time */
    in.clock_ts = false;
    assert_near(ingest_event_time(&in, wall + 6), wall + 6, 0);
    assert_int_equal(feed1(&in, "px.X {\"mid\":6,\"ts\":1}", wall + 6), WIRE_OK);
    assert_near(log.t[4], wall + 6, 0);
    book_free(b);
}

/* Books beyond BOOK_MAX_BOOKS are refused as book_full, nothing changed. */
static void too_many_books_is_book_full(void **state)
{
    (void)state;
    book *b = book_new(32);
    ingest in;
    ingest_init(&in, b, NULL);
    char msg[96];
    for (int k = 0; k < BOOK_MAX_BOOKS; k++) {
        snprintf(msg, sizeof msg, "pos.BTC {\"qty\":1,\"book\":\"b%d\"}", k);
        assert_int_equal(feed1(&in, msg, 1), WIRE_OK);
    }
    assert_int_equal(feed1(&in, "pos.BTC {\"qty\":5,\"book\":\"extra\"}", 2), WIRE_ERR_BOOK_FULL);
    assert_int_equal(feed1(&in, "X-fills-BTC {\"side\":\"buy\",\"amount\":5,\"price\":1,\"account\":\"extra\"}", 2),
                     WIRE_ERR_BOOK_FULL);
    assert_int_equal(in.stats.rejected[WIRE_ERR_BOOK_FULL], 2);
    assert_int_equal(book_nbooks(b), BOOK_MAX_BOOKS);
    assert_near(book_at(b, 0)->pos.qty, BOOK_MAX_BOOKS, 0); /* 64 books of 1 */
    assert_int_equal(book_count(b), 1); /* the fill's BTC@X was not created */
    book_free(b);
}

/* A message neither decoder takes goes to the mapping: one message, two
 * sections (its fills, then its position), applied in order; a message a
 * section cannot map is refused whole, its excerpt naming the section and
 * the field, and the sections' counters say which did what. */
static srcmap *two_sections(void)
{
    srcmap *m = srcmap_new();
    char err[200];
    static const char *const keys[][3] = {
        {"v-fills", "records", "fills"}, {"v-fills", "kind", "fill"}, {"v-fills", "sym", "s"},
        {"v-fills", "side", "d"},        {"v-fills", "qty", "q"},     {"v-fills", "px", "p"},
        {"v-pos", "records", "pos"},     {"v-pos", "kind", "pos"},    {"v-pos", "sym", "s"},
        {"v-pos", "qty", "q"},           {"v-pos", "avg_px", "a"},
    };
    for (size_t k = 0; m && k < sizeof keys / sizeof *keys; k++)
        if (srcmap_set(m, keys[k][0], keys[k][1], keys[k][2], err, sizeof err) != 0)
            fail_msg("%s.%s: %s", keys[k][0], keys[k][1], err);
    assert_non_null(m);
    assert_int_equal(srcmap_check(m, err, sizeof err), 0);
    return m;
}

static void mapped_messages(void **state)
{
    (void)state;
    book *b = book_new(8);
    srcmap *m = two_sections();
    srcmap_ctx *cx = srcmap_ctx_new();
    assert_non_null(cx);
    ingest in;
    ingest_init(&in, b, NULL);
    ingest_set_sources(&in, m, cx);
    /* buys 2 of X at 10, then the venue states X at 5 (avg 9): the position wins */
    assert_int_equal(feed1(&in, "{\"fills\":[{\"s\":\"X\",\"d\":\"buy\",\"q\":2,\"p\":10}],"
                                "\"pos\":[{\"s\":\"X\",\"q\":5,\"a\":9},{\"s\":\"Y\",\"q\":-1,\"a\":3}]}", 1),
                     WIRE_OK);
    assert_near(inst_of(b, "X")->pos.qty, 5, 0);
    assert_near(inst_of(b, "X")->pos.avg_px, 9, 0);
    assert_near(inst_of(b, "Y")->pos.qty, -1, 0);
    assert_int_equal(in.ntouched, 2); /* X, then Y */
    assert_int_equal(in.touched[0], (size_t)book_find(b, "X"));
    assert_int_equal(in.touched[1], (size_t)book_find(b, "Y"));
    assert_true(in.last_position);
    assert_int_equal(in.stats.accepted, 1); /* one message */
    /* a position without its qty: refused whole (the fill before it too) */
    assert_int_equal(feed1(&in, "{\"fills\":[{\"s\":\"X\",\"d\":\"buy\",\"q\":1,\"p\":10}],"
                                "\"pos\":[{\"s\":\"Y\",\"a\":3}]}", 2),
                     WIRE_ERR_MISSING);
    assert_near(inst_of(b, "X")->pos.qty, 5, 0);
    assert_near(inst_of(b, "Y")->pos.qty, -1, 0);
    const feedstat_reject *r = feedstat_recent(&in.stats, 0);
    assert_non_null(r);
    assert_non_null(strstr(r->excerpt, "v-pos"));
    assert_non_null(strstr(r->excerpt, "qty"));
    /* counted per section: both matched twice; v-pos refused one */
    assert_int_equal(in.source[0].matched, 2);
    assert_int_equal(in.source[0].applied, 1);
    assert_int_equal(in.source[0].rejected, 0);
    assert_int_equal(in.source[1].matched, 2);
    assert_int_equal(in.source[1].applied, 1);
    assert_int_equal(in.source[1].rejected, 1);
    /* no record in it: ignored; native messages are as they were */
    assert_int_equal(feed1(&in, "{\"other\":1}", 3), WIRE_IGNORED);
    assert_int_equal(in.stats.ignored, 1);
    assert_int_equal(feed1(&in, "px {\"sym\":\"X\",\"mid\":11}", 4), WIRE_OK);
    assert_near(inst_of(b, "X")->mid, 11, 0);
    srcmap_ctx_free(cx);
    srcmap_free(m);
    book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(venues_are_instruments),
        cmocka_unit_test(mapped_messages),
        cmocka_unit_test(fees_in_base_per_venue),
        cmocka_unit_test(ts_clock_and_advance),
        cmocka_unit_test(too_many_books_is_book_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
