/* test_closedloop.c - the in-process closed loop is a function of its inputs:
 * the same seed and options print the same snapshots byte for byte, another
 * seed does not, and the quotes really reach the market. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/closedloop.h"
#include "invtop/engcfg.h"
#include "invtop/jsonw.h"

static void collect(void *ctx, const char *line, size_t len)
{
    jw_append(ctx, line, len);
}

static void run(unsigned long seed, const char *model, jw *out, cl_result *r)
{
    engcfg o;
    engcfg_defaults(&o); /* the engine's own defaults: no command line, no config file */
    o.journal = "/dev/null";
    assert_int_equal(skew_parse_model(model, &o.quote.model), 0);
    cl_params p;
    cl_default_params(&p);
    p.seed = seed;
    p.seconds = 90;
    p.latency_s = 0.025;
    jw_reset(out);
    assert_int_equal(cl_run(&p, &o, collect, out, r), 0);
    assert_true(jw_ok(out));
}

static void same_inputs_same_output(void **state)
{
    (void)state;
    jw a = {0}, b = {0}, c = {0};
    cl_result ra, rb, rc;
    run(5, "glft", &a, &ra);
    run(5, "glft", &b, &rb);
    run(6, "glft", &c, &rc);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    assert_true(ra.inv_rms_lots == rb.inv_rms_lots);
    assert_int_equal(ra.quotes_published, rb.quotes_published);
    assert_int_equal(ra.fills, rb.fills);
    assert_false(c.len == a.len && memcmp(c.buf, a.buf, a.len) == 0);
    /* one snapshot a simulated second, quotes published and taken by the
     * market (all but those still in flight at the end) */
    assert_in_range(ra.snapshots, 88, 90);
    assert_true(fabs(ra.span_s - (double)(ra.snapshots - 1)) < 1e-6);
    assert_true(ra.messages >= 45000 && ra.fills > 0);
    assert_true(ra.quotes_published > 1000);
    assert_int_equal(ra.quote_errors, 0);
    assert_true(ra.quotes_taken <= ra.quotes_published && ra.quotes_taken + 100 > ra.quotes_published);
    assert_true(ra.fills > 0 && isfinite(ra.inv_rms_lots) && ra.inv_samples > 0);
    jw_free(&a);
    jw_free(&b);
    jw_free(&c);
}

static void symmetric_quotes_are_published_too(void **state)
{
    (void)state;
    jw a = {0};
    cl_result r;
    run(5, "none", &a, &r);
    assert_true(r.quotes_published > 1000);
    assert_non_null(strstr(a.buf, "\"model\":\"none\""));
    jw_free(&a);
}

/* The closed loop with hedging: `hedge` with band +-1,000 USD (delta limit
 * 2,000), cooldown 0, 120 simulated seconds, seed 1. */
static void run_hedged(cl_hedge_mode mode, cl_result *r)
{
    engcfg o;
    engcfg_defaults(&o);
    o.journal = "/dev/null";
    o.risk.limits.max_delta_usd = 2000;
    o.hedge.cooldown_s = 0;
    cl_params p;
    cl_default_params(&p);
    p.seconds = 120;
    p.hedge = mode;
    p.manual_every_s = 5;
    assert_int_equal(cl_run(&p, &o, NULL, NULL, r), 0);
}

/* Every hedge order is filled once, the same every run; hedging off sends
 * none; automatic hedging holds delta tighter than none at a cost the
 * result states, and each fill's fee is 5 bp of what it traded. */
static void hedging_orders_filled_once_and_delta_held(void **state)
{
    (void)state;
    cl_result off, man, au, au2;
    run_hedged(CL_HEDGE_OFF, &off);
    run_hedged(CL_HEDGE_MANUAL, &man);
    run_hedged(CL_HEDGE_AUTO, &au);
    run_hedged(CL_HEDGE_AUTO, &au2);
    assert_int_equal(off.hedge_orders, 0);
    assert_int_equal(off.hedge_fills, 0);
    assert_true(man.hedge_orders > 0 && au.hedge_orders > man.hedge_orders);
    assert_int_equal(man.hedge_fills, man.hedge_orders); /* never lost, never doubled */
    assert_int_equal(au.hedge_fills, au.hedge_orders);
    assert_int_equal(au.hedge_orders, au2.hedge_orders); /* deterministic */
    assert_true(au.delta_rms_usd == au2.delta_rms_usd && au.pnl_final == au2.pnl_final);
    assert_true(au.delta_rms_usd < 0.5 * off.delta_rms_usd);
    assert_true(au.hedge_spread_usd > 0);
    assert_true(fabs(au.hedge_fees_usd - 5e-4 * au.hedge_traded_usd) < 1e-6 * au.hedge_traded_usd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hedging_orders_filled_once_and_delta_held),
        cmocka_unit_test(same_inputs_same_output),
        cmocka_unit_test(symmetric_quotes_are_published_too),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
