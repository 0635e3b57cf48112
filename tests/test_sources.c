/* test_sources.c - the shipped mappings as --sources reads them
 * (tui/clisource.c: a name found beside the program or a file), on venue
 * messages beyond the documented samples of test_srcmap.c: an OKX position
 * that was closed (pos "0", avgPx ""), and what --sources refuses. Expected
 * values are the messages' own numbers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(okx_closed_position),
        cmocka_unit_test(what_sources_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
