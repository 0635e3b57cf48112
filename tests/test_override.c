/* test_override.c - override arithmetic: stacking, replacing, absolute prices,
 * pause and kill switch, clear and undo, TTL expiry on event time. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/override.h"
#include "testutil.h"

/* A model quote at mid 100: skew -2 bp, half spread 5 bp. */
static skew_quote model(void)
{
    skew_quote q = {SKEW_GLFT, 100 * (1 - 2e-4), 0, 0, -2, 5, 1, 1};
    q.bid = q.reservation - 0.05;
    q.ask = q.reservation + 0.05;
    return q;
}

static void effective_quotes(void **state)
{
    (void)state;
    skew_quote m = model();
    ovr o = ovr_none();
    ovr_quote e;
    ovr_effective(&m, true, &o, false, 100, 0, &e);
    assert_true(e.valid && !e.manual && !e.paused);
    assert_near(e.bid, m.bid, 1e-12); /* no override: the model's quote */
    o.skew_bps = 3; /* added: -2 + 3 = +1 bp */
    ovr_effective(&m, true, &o, false, 100, 0, &e);
    assert_true(e.manual);
    assert_near(e.skew_bps, 1, 1e-12);
    assert_near(e.reservation, 100.01, 1e-12);
    assert_near(e.bid, 100.01 - 0.05, 1e-12);
    assert_near(e.ask, 100.01 + 0.05, 1e-12);
    o.skew_replace = true; /* replaces: +3 bp */
    o.half_spread_bps = 10;
    ovr_effective(&m, true, &o, false, 100, 0.01, &e);
    assert_near(e.reservation, 100.03, 1e-12);
    assert_near(e.bid, 99.93, 1e-9); /* 100.03 - 0.10, on the tick */
    assert_near(e.ask, 100.13, 1e-9);
    o.bid = 99.5; /* an absolute price wins on its side */
    ovr_effective(&m, true, &o, false, 100, 0.01, &e);
    assert_near(e.bid, 99.5, 0);
    assert_near(e.ask, 100.13, 1e-9);
    o.ask = 99.4; /* crossed: no quote at all */
    ovr_effective(&m, true, &o, false, 100, 0.01, &e);
    assert_true(isnan(e.bid) && isnan(e.ask));
    o = ovr_none();
    o.paused = true;
    ovr_effective(&m, true, &o, false, 100, 0, &e);
    assert_true(e.paused && e.manual && isnan(e.bid) && isnan(e.ask));
    o = ovr_none();
    ovr_effective(&m, true, &o, true, 100, 0, &e); /* kill switch */
    assert_true(e.paused && e.manual);
    /* absolute prices quote even before the model has a quote */
    o.bid = 1;
    o.ask = 2;
    ovr_effective(NULL, false, &o, false, NAN, 0, &e);
    assert_true(e.valid && e.bid == 1 && e.ask == 2);
}

static void stacking_clear_undo(void **state)
{
    (void)state;
    ovr_table t;
    assert_int_equal(ovr_table_init(&t, 4), 0);
    ovr_change c;
    for (int k = 0; k < 3; k++) {
        assert_int_equal(ovr_propose_skew(&t, "BTC", 1, 0, 0, &c), 0);
        assert_int_equal(ovr_commit(&t, &c), 0);
    }
    assert_near(ovr_get(&t, "BTC").skew_bps, 3, 0);
    assert_int_equal(ovr_propose_skew(&t, "BTC", -10, 0, 0, &c), 0);
    assert_near(c.before.skew_bps, 3, 0);
    assert_near(c.after.skew_bps, -7, 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_int_equal(ovr_propose_spread(&t, "BTC", 1, 4.5, 0, 0, &c), 0);
    assert_near(c.after.half_spread_bps, 5.5, 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_int_equal(ovr_propose_spread(&t, "BTC", -100, 4.5, 0, 0, &c), 0);
    assert_near(c.after.half_spread_bps, 0.5, 0); /* never below half a bp */
    assert_int_equal(ovr_propose_spread(&t, "ETH", 1, NAN, 0, 0, &c), -1);
    assert_int_equal(ovr_propose_pause(&t, "ETH", 0, 0, &c), 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_true(ovr_get(&t, "ETH").paused);
    assert_int_equal(ovr_active(&t), 2);
    /* undo walks back: the pause, then the spread, then the -10 */
    assert_int_equal(ovr_propose_undo(&t, &c), 0);
    assert_string_equal(c.sym, "ETH");
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_false(ovr_get(&t, "ETH").paused);
    assert_int_equal(ovr_propose_undo(&t, &c), 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_true(isnan(ovr_get(&t, "BTC").half_spread_bps));
    assert_int_equal(ovr_propose_undo(&t, &c), 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_near(ovr_get(&t, "BTC").skew_bps, 3, 0);
    assert_int_equal(ovr_propose_clear(&t, "BTC", &c), 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_false(ovr_is_set(&t.e[ovr_slot(&t, "BTC")].o));
    /* kill switch and clear-all are global */
    assert_int_equal(ovr_propose_kill(&t, true, &c), 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_true(t.kill);
    assert_int_equal(ovr_propose_skew(&t, "SOL", 2, 0, 0, &c), 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_int_equal(ovr_propose_clear(&t, "", &c), 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_int_equal(ovr_active(&t), 0);
    assert_true(t.kill); /* clearing overrides does not lift the kill switch */
    /* a full table refuses a new symbol and changes nothing */
    assert_int_equal(ovr_propose_skew(&t, "XRP", 1, 0, 0, &c), 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_int_equal(ovr_propose_skew(&t, "ADA", 1, 0, 0, &c), 0);
    assert_int_equal(ovr_commit(&t, &c), -1);
    assert_int_equal(ovr_slot(&t, "ADA"), -1);
    ovr_table_free(&t);
}

static void ttl_expiry_on_event_time(void **state)
{
    (void)state;
    ovr_table t;
    assert_int_equal(ovr_table_init(&t, 4), 0);
    ovr_change c;
    assert_int_equal(ovr_propose_skew(&t, "BTC", 5, 1000, 30, &c), 0);
    assert_near(c.after.expires, 1030, 0);
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_int_equal(ovr_next_expired(&t, 1029.9, &c), -1);
    assert_int_equal(ovr_next_expired(&t, 1030, &c), 0);
    assert_int_equal(c.action, OVR_EXPIRED);
    assert_string_equal(ovr_action_name(c.action), "expired");
    assert_false(ovr_is_set(&c.after));
    assert_int_equal(ovr_commit(&t, &c), 0);
    assert_int_equal(ovr_next_expired(&t, 2000, &c), -1);
    /* the expiry is not on the undo stack; the skew before it is */
    assert_int_equal(ovr_propose_undo(&t, &c), 0);
    assert_string_equal(c.sym, "BTC");
    assert_true(isnan(c.after.skew_bps)); /* undoing the skew goes back to none */
    ovr_table_free(&t);
}

/* An override's log line names every field the change made, and only
 * those: "=" changes the half spread, a resume with a TTL the pause and
 * the expiry. */
static void changes_described(void **state)
{
    (void)state;
    char out[256];
    ovr a = ovr_none(), b = ovr_none();
    assert_string_equal(ovr_describe(&a, &b, 0, out, sizeof out), "no change");
    b.half_spread_bps = 6.5;
    assert_string_equal(ovr_describe(&a, &b, 0, out, sizeof out), "half spread model -> 6.50 bp");
    a = b;
    a.paused = true;
    a.skew_bps = 3;
    b = a;
    b.paused = false;
    b.expires = 130;
    assert_string_equal(ovr_describe(&a, &b, 100, out, sizeof out), "resumed, TTL 30s");
    a = ovr_none();
    b = ovr_none();
    b.skew_bps = -1.5;
    b.skew_replace = true;
    b.bid = 64990.5;
    b.ask = 65010;
    b.size_bid = 2;
    assert_string_equal(ovr_describe(&a, &b, 0, out, sizeof out),
                        "skew none -> -1.50 bp, bid model -> 64990.5, ask model -> 65010, size bid default -> 2, "
                        "skew replaces the model's");
    a = b;
    a.expires = 50;
    b.expires = NAN;
    b.skew_bps = NAN;
    assert_string_equal(ovr_describe(&a, &b, 0, out, sizeof out), "skew -1.50 bp -> none, no TTL");
    char small[12];
    a = ovr_none();
    assert_int_equal(strlen(ovr_describe(&a, &b, 0, small, sizeof small)), sizeof small - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(changes_described),
        cmocka_unit_test(effective_quotes),
        cmocka_unit_test(stacking_clear_undo),
        cmocka_unit_test(ttl_expiry_on_event_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
