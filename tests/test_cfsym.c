/* test_cfsym.c - reference data inferred from cryptofeed's normalized
 * symbols (feed/cfsym.c), alone and through ingest_frames. Every expiry is
 * an epoch worked out by hand from the calendar (and checked with Python's
 * calendar.timegm) in the comment beside it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/cfsym.h"
#include "invtop/ingest.h"

/* 2024-12-27 08:00 UTC: 2024-12-27 00:00 is day 20084 since 1970-01-01
 * (54 years of 365 days + 13 leap days = 19723, + 361 days into 2024),
 * 20084 * 86400 = 1735257600, + 8 h (28800) = 1735286400. */
#define EXP_24Z27 1735286400.0

static void spot_perp_future_option(void **state)
{
    (void)state;
    event_inst r;
    assert_true(cfsym_infer("BTC-USDT", &r));
    assert_int_equal(r.kind, INST_SPOT);
    assert_string_equal(r.underlying, "BTC"); /* the base */
    assert_near(r.mult, 1, 0);
    assert_true(isnan(r.expiry) && isnan(r.strike) && isnan(r.iv));

    assert_true(cfsym_infer("BTC-USDT-PERP", &r));
    assert_int_equal(r.kind, INST_PERP);
    assert_string_equal(r.underlying, "BTC");
    assert_true(isnan(r.expiry));

    assert_true(cfsym_infer("BTC-USD-24Z27", &r));
    assert_int_equal(r.kind, INST_FUTURE);
    assert_string_equal(r.underlying, "BTC");
    assert_near(r.expiry, EXP_24Z27, 0);
    assert_true(isnan(r.strike));

    assert_true(cfsym_infer("BTC-USD-60000-24Z27-C", &r));
    assert_int_equal(r.kind, INST_OPTION);
    assert_string_equal(r.underlying, "BTC");
    assert_near(r.strike, 60000, 0);
    assert_int_equal(r.right, 'C');
    assert_near(r.expiry, EXP_24Z27, 0);
    assert_near(r.mult, 1, 0);
    assert_true(isnan(r.iv)); /* never guessed */

    assert_true(cfsym_infer("ETH-USD-2500.5-24Z27-P", &r));
    assert_int_equal(r.kind, INST_OPTION);
    assert_near(r.strike, 2500.5, 0);
    assert_int_equal(r.right, 'P');
}

static void month_codes(void **state)
{
    (void)state;
    /* F G H J K M N Q U V X Z = January .. December. The first of each
     * month of 2025 at 08:00 UTC: 2025-01-01 08:00 is 1735718400 (20089 days
     * * 86400 + 28800), then each month adds its days (2025: not leap). */
    static const char codes[] = "FGHJKMNQUVXZ";
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    double want = 1735718400.0;
    for (int m = 0; m < 12; m++) {
        char s[5] = {'2', '5', codes[m], '1', '\0'};
        double t = 0;
        if (!cfsym_expiry(s, 4, &t) || t != want)
            fail_msg("%s: %.0f, expected %.0f", s, t, want);
        want += days[m] * 86400.0;
    }
    double t = 0;
    /* 29 February 2024 exists (leap year): 2024-02-29 08:00 = 1709193600
     * (19782 days * 86400 + 28800). */
    assert_true(cfsym_expiry("24G29", 5, &t));
    assert_near(t, 1709193600.0, 0);
    /* a two-digit day; 31 December 2030 08:00 = 1924934400
     * (22279 days * 86400 + 28800) */
    assert_true(cfsym_expiry("30Z31", 5, &t));
    assert_near(t, 1924934400.0, 0);
}

static void refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "BTC",                    /* a bare currency */
        "BTC-USD-FX",             /* an FX pair */
        "BTC-USD-24A27",          /* A is no month code */
        "BTC-USD-24F32",          /* 32 January */
        "BTC-USD-25G30",          /* 30 February */
        "BTC-USD-25G29",          /* 29 February 2025: not a leap year */
        "BTC-USD-24Z0",           /* day 0 */
        "BTC-USD-24Z123",         /* three-digit day */
        "BTC-USD-2Z27",           /* one-digit year */
        "BTC-USD-60000-24Z27",    /* four parts: neither future nor option */
        "BTC-USD-60000-24Z27-X",  /* right neither C nor P */
        "BTC-USD-60000-24Z27-CC", /* right of two letters */
        "BTC-USD-ABC-24Z27-C",    /* strike not a number */
        "BTC-USD-0-24Z27-C",      /* strike 0 */
        "BTC-USD-60000-24Z27-C-X",/* six parts */
        "BTC--USD",               /* an empty part */
        "-BTC-USD",
        "BTC-USD-",
        "",
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        event_inst r;
        memset(&r, 0x5a, sizeof r);
        event_inst before = r;
        if (cfsym_infer(bad[k], &r))
            fail_msg("'%s' inferred", bad[k]);
        if (memcmp(&r, &before, sizeof r) != 0)
            fail_msg("'%s': out was touched", bad[k]);
    }
    double t = 123;
    assert_false(cfsym_expiry("24A27", 5, &t));
    assert_false(cfsym_expiry("24F32", 5, &t));
    assert_false(cfsym_expiry("25G30", 5, &t));
    assert_false(cfsym_expiry("24Z", 3, &t));
    assert_near(t, 123, 0); /* untouched */
}

static wire_status feed1(ingest *in, const char *frame, double now)
{
    const char *f[1] = {frame};
    size_t l[1] = {strlen(frame)};
    return ingest_frames(in, 1, f, l, now);
}

/* An instrument first seen in a cryptofeed message gets its kind from its
 * symbol, flagged as inferred; an inst message then wins and stays. */
static void inferred_through_ingest(void **state)
{
    (void)state;
    book *b = book_new(8);
    ingest in;
    ingest_init(&in, b, NULL);

    assert_int_equal(feed1(&in, "DERIBIT-ticker-BTC-USD-60000-24Z27-C {\"symbol\":\"BTC-USD-60000-24Z27-C\","
                                "\"bid\":0.05,\"ask\":0.06,\"timestamp\":1700000000}", 1), WIRE_OK);
    long i = book_find(b, "BTC-USD-60000-24Z27-C@DERIBIT");
    assert_true(i >= 0);
    const book_inst *bi = book_at(b, (size_t)i);
    assert_true(bi->ref_inferred);
    assert_false(bi->has_ref);
    assert_int_equal(bi->ref.kind, INST_OPTION);
    assert_string_equal(bi->ref.underlying, "BTC");
    assert_near(bi->ref.strike, 60000, 0);
    assert_int_equal(bi->ref.right, 'C');
    assert_near(bi->ref.expiry, EXP_24Z27, 0);

    assert_int_equal(feed1(&in, "OKX-positions-ETH-USDT-PERP {\"symbol\":\"ETH-USDT-PERP\",\"position\":1,"
                                "\"side\":\"both\"}", 2), WIRE_OK);
    const book_inst *eth = book_at(b, (size_t)book_find(b, "ETH-USDT-PERP@OKX"));
    assert_true(eth->ref_inferred);
    assert_int_equal(eth->ref.kind, INST_PERP);
    assert_string_equal(eth->ref.underlying, "ETH");

    /* the venue's inst message wins: its iv and mult, no longer inferred */
    assert_int_equal(feed1(&in, "inst.BTC-USD-60000-24Z27-C {\"venue\":\"DERIBIT\",\"kind\":\"option\","
                                "\"underlying\":\"BTC\",\"strike\":60000,\"expiry\":\"2024-12-27T08:00:00Z\","
                                "\"right\":\"C\",\"iv\":0.6,\"mult\":0.1}", 3), WIRE_OK);
    assert_true(bi->has_ref);
    assert_false(bi->ref_inferred);
    assert_near(bi->ref.iv, 0.6, 0);
    assert_near(bi->ref.mult, 0.1, 0);
    /* a later cryptofeed message does not infer over it */
    assert_int_equal(feed1(&in, "DERIBIT-ticker-BTC-USD-60000-24Z27-C {\"symbol\":\"BTC-USD-60000-24Z27-C\","
                                "\"bid\":0.07,\"ask\":0.08}", 4), WIRE_OK);
    assert_false(bi->ref_inferred);
    assert_near(bi->ref.iv, 0.6, 0);
    assert_near(bi->ref.mult, 0.1, 0);

    /* inst first: the cryptofeed message infers nothing */
    assert_int_equal(feed1(&in, "inst.SOL-USDT-PERP {\"venue\":\"OKX\",\"kind\":\"perp\",\"underlying\":\"SOL\","
                                "\"mult\":10}", 5), WIRE_OK);
    assert_int_equal(feed1(&in, "OKX-ticker-SOL-USDT-PERP {\"symbol\":\"SOL-USDT-PERP\",\"bid\":150,\"ask\":151}", 6),
                     WIRE_OK);
    const book_inst *sol = book_at(b, (size_t)book_find(b, "SOL-USDT-PERP@OKX"));
    assert_true(sol->has_ref);
    assert_false(sol->ref_inferred);
    assert_near(sol->ref.mult, 10, 0);

    /* a native message is not a cryptofeed symbol: nothing inferred */
    assert_int_equal(feed1(&in, "px.BTC-USDT-PERP {\"mid\":60000}", 7), WIRE_OK);
    const book_inst *nat = book_at(b, (size_t)book_find(b, "BTC-USDT-PERP"));
    assert_false(nat->ref_inferred);
    assert_int_equal(nat->ref.kind, INST_SPOT);
    /* nor from a cryptofeed symbol of no known shape */
    assert_int_equal(feed1(&in, "OKX-ticker-BTC-USD-FX {\"symbol\":\"BTC-USD-FX\",\"bid\":1,\"ask\":2}", 8), WIRE_OK);
    const book_inst *fx = book_at(b, (size_t)book_find(b, "BTC-USD-FX@OKX"));
    assert_false(fx->ref_inferred);
    assert_int_equal(fx->ref.kind, INST_SPOT);
    assert_string_equal(fx->ref.underlying, "");
    book_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spot_perp_future_option),
        cmocka_unit_test(month_codes),
        cmocka_unit_test(refused),
        cmocka_unit_test(inferred_through_ingest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
