/* test_synth.c - the synthetic market: reproducible, valid on the wire, and
 * statistically what it claims (fill intensity A*exp(-k*delta), GBM vol). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/synth.h"
#include "invtop/wire.h"

static void same_seed_same_market(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    synth *a = synth_new(&o), *b = synth_new(&o);
    o.seed = 2;
    synth *c = synth_new(&o);
    jw ta = {0}, ba = {0}, tb = {0}, bb = {0};
    int differ_c = 0;
    for (int i = 0; i < 20000; i++) {
        assert_int_equal(synth_next(a, &ta, &ba), 0);
        assert_int_equal(synth_next(b, &tb, &bb), 0);
        assert_string_equal(ta.buf, tb.buf);
        assert_string_equal(ba.buf, bb.buf);
        assert_int_equal(synth_next(c, &tb, &bb), 0);
        differ_c |= strcmp(ba.buf, bb.buf) != 0;
    }
    assert_true(differ_c);
    jw_free(&ta); jw_free(&ba); jw_free(&tb); jw_free(&bb);
    synth_free(a); synth_free(b); synth_free(c);
}

static void every_message_decodes(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    o.instruments = 12;
    o.scenario = SYNTH_CRASH;
    o.start_ts = 1700000000;
    synth *s = synth_new(&o);
    assert_non_null(s);
    jw t = {0}, b = {0};
    int64_t last_seq = 0;
    int kinds[4] = {0};
    for (int i = 0; i < 50000; i++) {
        assert_int_equal(synth_next(s, &t, &b), 0);
        event ev;
        wire_status st = wire_decode(t.buf, t.len, b.buf, b.len, &ev);
        if (st != WIRE_OK)
            fail_msg("message %d rejected (%s): %s %s", i, wire_status_name(st), t.buf, b.buf);
        assert_true(ev.has_seq && ev.seq == last_seq + 1);
        last_seq = ev.seq;
        kinds[ev.kind]++;
    }
    for (int k = 0; k < 4; k++)
        assert_true(kinds[k] > 0);
    assert_int_equal(synth_count(s), 12);
    assert_string_equal(synth_symbol(s, 0), "BTC-PERP");
    assert_null(synth_symbol(s, 12));
    jw_free(&t); jw_free(&b);
    synth_free(s);
}

/* Fills per side per second must match A*exp(-k*delta) for the 5 bp quotes:
 * a Poisson count, so within 4 standard deviations. */
static void fill_intensity_matches_model(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    o.instruments = 1;
    o.dt = 0.05;
    synth *s = synth_new(&o);
    jw t = {0}, b = {0};
    double buys = 0, sells = 0;
    double last_mid = NAN, sum_sq = 0;
    long n_ret = 0;
    while (synth_time(s) < 20000) {
        assert_int_equal(synth_next(s, &t, &b), 0);
        event ev;
        assert_int_equal(wire_decode(t.buf, t.len, b.buf, b.len, &ev), WIRE_OK);
        if (ev.kind == EVENT_FILL)
            *(ev.u.fill.qty > 0 ? &buys : &sells) += 1;
        /* sample the mid once per simulated second for the volatility check */
        if (ev.kind == EVENT_PX && fmod(synth_time(s) + 1e-9, 1.0) < o.dt * 0.5) {
            if (!isnan(last_mid)) {
                double r = log(ev.u.px.mid / last_mid);
                sum_sq += r * r;
                n_ret++;
            }
            last_mid = ev.u.px.mid;
        }
    }
    double expected = o.fill_a * exp(-o.fill_k * o.half_spread_bps) * synth_time(s);
    double tol = 4 * sqrt(expected);
    if (fabs(buys - expected) > tol || fabs(sells - expected) > tol)
        fail_msg("fills buy %.0f sell %.0f, expected %.1f +- %.1f", buys, sells, expected, tol);
    /* calm BTC: 1%/sqrt(hour) diffusion plus 0.5 jumps/hour of sd 0.5% */
    double var_s = pow(0.01, 2) / 3600 + 0.5 / 3600 * pow(0.005, 2);
    double realized = sqrt(sum_sq / (double)n_ret);
    if (fabs(realized / sqrt(var_s) - 1) > 0.10)
        fail_msg("realized 1s vol %.3g, expected %.3g", realized, sqrt(var_s));
    jw_free(&t); jw_free(&b);
    synth_free(s);
}

static void external_quotes_and_bad_options(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    synth *s = synth_new(&o);
    assert_int_equal(synth_set_quote(s, "BTC-PERP", 60000, 70000), 0);
    assert_int_equal(synth_set_quote(s, "NOPE", 1, 2), -1);
    assert_int_equal(synth_set_quote(s, "BTC-PERP", 2, 1), -1);
    assert_int_equal(synth_set_quote(s, "BTC-PERP", NAN, 1), 0); /* bid withdrawn */
    assert_int_equal(synth_set_quote(s, "BTC-PERP", -5, 1), -1);
    assert_int_equal(synth_set_quote(s, "BTC-PERP", 1, INFINITY), -1);
    synth_free(s);
    synth_scenario sc;
    assert_int_equal(synth_parse_scenario("crash", &sc), 0);
    assert_int_equal(sc, SYNTH_CRASH);
    assert_int_equal(synth_parse_scenario("boom", &sc), -1);
    o.instruments = 0;
    assert_null(synth_new(&o));
    synth_default_opts(&o);
    o.dt = 0;
    assert_null(synth_new(&o));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_market),
        cmocka_unit_test(every_message_decodes),
        cmocka_unit_test(fill_intensity_matches_model),
        cmocka_unit_test(external_quotes_and_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
