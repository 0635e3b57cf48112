/* test_sources.c - the shipped mappings as --sources reads them
 * (tui/clisource.c: a name found beside the program or a file), on venue
 * messages beyond the documented samples of test_srcmap.c: an OKX position
 * that was closed (pos "0", avgPx ""), and what --sources refuses; and a
 * desk's own mapping: a refusal by the native checks names the field, a
 * text section leaves JSON to the JSON sections, and a message no section
 * takes is unknown_kind. Expected values are the messages' own numbers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/ingest.h"
#include "invtop/srcmap.h"
#include "tui/clisource.h"

static srcmap *load(const char *arg)
{
    srcmap *m = NULL;
    char err[600];
    if (clisource_load(&m, arg, err, sizeof err) != 0)
        fail_msg("--sources %s: %s", arg, err);
    assert_int_equal(srcmap_check(m, err, sizeof err), 0);
    return m;
}

static void decode1(const srcmap *m, srcmap_ctx *cx, const char *msg, srcmap_result *r)
{
    const char *f[1] = {msg};
    const size_t l[1] = {strlen(msg)};
    srcmap_decode(m, cx, 1, f, l, r);
}

/* OKX's positions channel states a closed position as pos "0" with avgPx
 * "": the book goes flat on that leg, and no entry price is claimed. */
static void okx_closed_position(void **state)
{
    (void)state;
    srcmap *m = load("sources/okx.ini");
    srcmap_ctx *cx = srcmap_ctx_new();
    srcmap_result r;
    decode1(m, cx,
            "{\"arg\":{\"channel\":\"positions\",\"instType\":\"FUTURES\"},\"data\":[{\"instId\":\"ETH-USD-210430\","
            "\"pos\":\"0\",\"avgPx\":\"\",\"posSide\":\"long\",\"instType\":\"FUTURES\"}]}",
            &r);
    assert_int_equal(r.status, WIRE_OK);
    assert_int_equal(r.nevents, 1);
    assert_int_equal(r.events[0].kind, EVENT_POS);
    assert_string_equal(r.events[0].sym, "ETH-USD-210430");
    assert_string_equal(r.events[0].venue, "OKX");
    assert_true(r.events[0].u.pos.qty == 0);
    assert_true(isnan(r.events[0].u.pos.avg_px));
    assert_int_equal(r.events[0].u.pos.leg, POS_LEG_LONG);
    /* an open one still carries its entry price (avgPx "2566.31") */
    decode1(m, cx,
            "{\"arg\":{\"channel\":\"positions\"},\"data\":[{\"instId\":\"ETH-USD-210430\",\"pos\":\"-2\","
            "\"avgPx\":\"2566.31\",\"posSide\":\"net\"}]}",
            &r);
    assert_int_equal(r.status, WIRE_OK);
    assert_int_equal(r.nevents, 1);
    assert_true(r.events[0].u.pos.qty == -2);
    assert_true(r.events[0].u.pos.avg_px == 2566.31);
    srcmap_ctx_free(cx);
    srcmap_free(m);
}

/* A shipped name is found from the checkout (the test runs from the project
 * root; the program's own directory is the test's, build/tests, whose
 * ../sources does not exist, so the name is looked up and refused, naming
 * where it looked), and a file that is not there is refused too. */
static void what_sources_refuses(void **state)
{
    (void)state;
    srcmap *m = NULL;
    char err[600];
    assert_int_equal(clisource_load(&m, "no/such/file.ini", err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot be read"));
    assert_int_equal(clisource_load(&m, "nosuchvenue", err, sizeof err), -1);
    assert_non_null(strstr(err, "nosuchvenue.ini"));
    assert_null(m);
    /* a file holding another section: refused, naming the line */
    char path[] = "/tmp/invtop-sources-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("[source a]\nkind = px\n[risk]\nwindow = 3\n", f);
    fclose(f);
    assert_int_equal(clisource_load(&m, path, err, sizeof err), -1);
    assert_non_null(strstr(err, ":4:")); /* the line of its first key */
    assert_non_null(strstr(err, "[risk]"));
    remove(path);
    srcmap_free(m);
}

/* A mapping written as a desk would, from the text of a config file. */
static srcmap *mapping(const char *text)
{
    char path[] = "/tmp/invtop-mapping-XXXXXX";
    const int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    srcmap *m = load(path);
    remove(path);
    return m;
}

static const char desk[] = "[source ex]\n"
                           "topic = ex.\n"
                           "records = data\n"
                           "kind = fill\n"
                           "sym = s\n"
                           "side = S{Buy: 'buy', Sell: 'sell'}\n"
                           "qty = q\n"
                           "px = p\n"
                           "cl_ord_id = link\n"
                           "[source tk]\n"
                           "topic = tk.\n"
                           "kind = px\n"
                           "sym = s\n"
                           "bid = b\n"
                           "ask = a\n"
                           "[source csv]\n"
                           "text = {sym},{bid},{ask}\n"
                           "kind = px\n"
                           "venue = 'CSV'\n";

static void decode2(const srcmap *m, srcmap_ctx *cx, const char *topic, const char *body, srcmap_result *r)
{
    const char *f[2] = {topic, body};
    const size_t l[2] = {strlen(topic), strlen(body)};
    srcmap_decode(m, cx, 2, f, l, r);
}

/* A value the native checks refuse names its field and shows the value: a
 * Bybit-style empty orderLinkId as cl_ord_id, a crossed book, a price of 0. */
static void native_refusals_name_the_field(void **state)
{
    (void)state;
    srcmap *m = mapping(desk);
    srcmap_ctx *cx = srcmap_ctx_new();
    srcmap_result r;
    decode2(m, cx, "ex.1", "{\"data\":[{\"s\":\"X\",\"S\":\"Buy\",\"q\":\"1\",\"p\":\"10\",\"link\":\"\"}]}", &r);
    assert_int_equal(r.status, WIRE_ERR_SYMBOL);
    assert_int_equal(r.nevents, 0);
    assert_string_equal(r.why, "ex: cl_ord_id: bad_symbol ('')");
    decode2(m, cx, "tk.X", "{\"s\":\"X\",\"b\":\"1.3\",\"a\":\"1.2\"}", &r);
    assert_int_equal(r.status, WIRE_ERR_CROSSED);
    assert_string_equal(r.why, "tk: bid: crossed ('1.3')");
    decode2(m, cx, "tk.X", "{\"s\":\"X\",\"b\":1,\"a\":0}", &r);
    assert_int_equal(r.status, WIRE_ERR_PRICE);
    assert_string_equal(r.why, "tk: ask: bad_price ('0')");
    decode2(m, cx, "tk.X", "{\"s\":\"X\",\"b\":\"0x1\",\"a\":2}", &r);
    assert_string_equal(r.why, "tk: bid: bad_type ('0x1')");
    srcmap_ctx_free(cx);
    srcmap_free(m);
}

/* The text section has no topic, so it sees every message: a JSON object
 * is still not its (a JSON body holding two commas fits {sym},{bid},{ask}),
 * while a text line is. */
static void text_leaves_json_alone(void **state)
{
    (void)state;
    srcmap *m = mapping(desk);
    srcmap_ctx *cx = srcmap_ctx_new();
    srcmap_result r;
    decode2(m, cx, "tk.X", "{\"s\":\"X\",\"b\":1,\"a\":2}", &r);
    assert_int_equal(r.status, WIRE_OK);
    assert_int_equal(r.nevents, 1);
    assert_true(r.events[0].u.px.mid == 1.5);
    decode1(m, cx, "EURUSD,1.1,1.2", &r);
    assert_int_equal(r.status, WIRE_OK);
    assert_string_equal(r.events[0].venue, "CSV");
    assert_true(r.events[0].u.px.bid == 1.1 && r.events[0].u.px.ask == 1.2);
    srcmap_ctx_free(cx);
    srcmap_free(m);
}

/* Through the ingest: a bare JSON frame without a space that only the
 * text section's topic takes (none here but csv, which leaves JSON) is
 * ignored; with every section on a topic, it is unknown_kind, as a frame
 * of another topic is. */
static void what_no_section_takes(void **state)
{
    (void)state;
    srcmap *m = mapping("[source tk]\ntopic = tk.\nkind = px\nsym = s\nbid = b\nask = a\n");
    srcmap_ctx *cx = srcmap_ctx_new();
    book *b = book_new(4);
    ingest in;
    ingest_init(&in, b, NULL);
    ingest_set_sources(&in, m, cx);
    const char *f[1] = {"{\"a\":1}"};
    size_t l[1] = {strlen(f[0])};
    assert_int_equal(ingest_frames(&in, 1, f, l, 1), WIRE_ERR_KIND);
    f[0] = "zz {\"s\":\"X\",\"b\":1,\"a\":2}";
    l[0] = strlen(f[0]);
    assert_int_equal(ingest_frames(&in, 1, f, l, 2), WIRE_ERR_KIND);
    f[0] = "tk.X {\"s\":\"X\",\"b\":1,\"a\":2}";
    l[0] = strlen(f[0]);
    assert_int_equal(ingest_frames(&in, 1, f, l, 3), WIRE_OK);
    assert_int_equal(in.stats.rejected[WIRE_ERR_KIND], 2);
    assert_int_equal(book_count(b), 1);
    book_free(b);
    srcmap_ctx_free(cx);
    srcmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(okx_closed_position),
        cmocka_unit_test(what_sources_refuses),
        cmocka_unit_test(native_refusals_name_the_field),
        cmocka_unit_test(text_leaves_json_alone),
        cmocka_unit_test(what_no_section_takes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
