/* test_series.c - the session chart's series (engine/app.c): thinned so it
 * covers the whole session in SNAP_SERIES points, yet its newest point is
 * always the latest risk sample, the one the summary shows. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <cmocka.h>

#include "invtop/riskrun.h"
#include "invtop/snapbuild.h"
#include "testapp.h"

/* One held instrument whose price moves every half second for `seconds` of
 * event time (1 s samples). After every sample the snapshot's newest chart
 * point is that sample: its time, and the VaR the summary shows. */
static void newest_point_is_the_latest_sample(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    snap s;
    snap_init(&s);
    const double t0 = 1.79e9;
    const int steps = 2 * 1000; /* 1000 samples: the stride reaches 16 */
    char body[64];
    size_t checked = 0;
    for (int k = 0; k < steps; k++) {
        const double t = t0 + 0.5 * k;
        app_tick(&a, app_now(&a, t));
        /* a wandering price, so each sample's VaR differs from the last */
        snprintf(body, sizeof body, "{\"mid\":%.4f}", 100 + 5 * sin(k * 0.013) + (k % 7) * 0.1);
        test_app_feed(&a, "px.X", body, t);
        if (k == 0)
            test_app_feed(&a, "pos.X", "{\"qty\":10}", t);
        if (isnan(a.risk.computed_at) || a.risk.computed_at != t)
            continue; /* no sample at this tick */
        snapbuild_ctx c = {.now = t, .rate = 0, .source = "test"};
        assert_int_equal(snapbuild(&s, &a, &c), 0);
        assert_true(s.nseries >= 1 && s.nseries <= SNAP_SERIES);
        const snap_point *last = &s.series[s.nseries - 1];
        assert_true(last->t == t);
        const double var = rr_limit_var(&a.risk);
        assert_true(last->var == var || (isnan(last->var) && isnan(var)));
        for (size_t i = 1; i < s.nseries; i++)
            assert_true(s.series[i].t > s.series[i - 1].t);
        checked++;
    }
    assert_true(checked > 900);
    /* thinned, the chart still starts near the session's start */
    assert_true(s.series[0].t - t0 <= 32);
    assert_true(s.nseries > SNAP_SERIES / 2);
    snap_free(&s);
    app_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(newest_point_is_the_latest_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
