/* test_snapbuild.c - figures the engine fills into a snapshot, checked by
 * hand against the prices fed: an instrument's market spread. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testapp.h"

#include "invtop/snapbuild.h"
#include "invtop/snapwire.h"

static void spread_of_bid_and_ask(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    test_app_feed(&a, "px.X", "{\"bid\":99.5,\"ask\":100.5}", 1000);
    test_app_feed(&a, "px.Y", "{\"mid\":50}", 1000);
    snap s;
    snap_init(&s);
    snapbuild_ctx c = {.now = 1000, .rate = 0, .source = "test"};
    assert_int_equal(snapbuild(&s, &a, &c), 0);
    const long x = snap_find(&s, "X"), y = snap_find(&s, "Y");
    assert_true(x >= 0 && y >= 0);
    /* (100.5 - 99.5) / 100 = 1%: 100 bp */
    assert_true(fabs(s.inst[x].spread_bps - 100) < 1e-9);
    assert_true(isnan(s.inst[y].spread_bps)); /* a mid alone: no spread */
    jw w = {0};
    assert_int_equal(snapw_document(&w, &s), 0);
    assert_non_null(strstr(w.buf, "\"spread_bps\":100.00,"));
    assert_non_null(strstr(w.buf, "\"spread_bps\":null,"));
    jw_free(&w);
    snap_free(&s);
    app_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spread_of_bid_and_ask),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
