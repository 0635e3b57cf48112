/* test_editform.c - the override edit form: navigation, validation, parsing
 * (its keys are the key table's rows: test_keys.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tui/editform.h"
#include "testutil.h"

/* Type s into the current field (DEL erases). */
static void type(editform *f, const char *s)
{
    for (; *s; s++)
        if (*s == 0x7f)
            ef_erase(f);
        else
            ef_type(f, (unsigned char)*s);
}

static void fill_and_apply(void **state)
{
    (void)state;
    editform f;
    ovr cur = ovr_none();
    cur.skew_bps = 2;
    ef_open(&f, "BTC-PERP", &cur, 1000, 2);
    assert_string_equal(f.text[EF_SKEW], "2");
    ef_erase(&f);
    type(&f, "-4.5");
    ef_move(&f, 1);
    type(&f, "\x7fy"); /* replace: y */
    ef_move(&f, 1);
    type(&f, "7");
    for (int k = 0; k < 6; k++)
        ef_move(&f, 1);
    type(&f, "30"); /* TTL */
    ovr o;
    assert_int_equal(ef_parse(&f, 1000, &o), 0);
    assert_near(o.skew_bps, -4.5, 0);
    assert_true(o.skew_replace);
    assert_near(o.half_spread_bps, 7, 0);
    assert_near(o.expires, 1030, 0);
    assert_true(isnan(o.bid) && isnan(o.size_ask) && !o.paused);
}

/* The form shows what a trader reads (5.36 bp, a price to its tick), and a
 * field left alone keeps the override's exact value. */
static void shows_rounded_keeps_exact(void **state)
{
    (void)state;
    editform f;
    ovr cur = ovr_none();
    cur.half_spread_bps = 5.358244798; /* the model's half spread + 1 bp, as "=" leaves it */
    cur.skew_bps = -0.5;
    cur.bid = 64990.123456789;
    ef_open(&f, "BTC-PERP", &cur, 0, 1);
    assert_string_equal(f.text[EF_HALF], "5.36");
    assert_string_equal(f.text[EF_SKEW], "-0.5");
    assert_string_equal(f.text[EF_BID], "64990.1");
    assert_string_equal(f.text[EF_ASK], "");
    ovr o;
    assert_int_equal(ef_parse(&f, 0, &o), 0);
    assert_true(o.half_spread_bps == cur.half_spread_bps); /* untouched: exact */
    assert_true(o.bid == cur.bid);
    f.cur = EF_HALF; /* typed over: what was typed */
    ef_erase(&f);
    type(&f, "7");
    assert_int_equal(ef_parse(&f, 0, &o), 0);
    assert_near(o.half_spread_bps, 5.37, 0);
}

static void invalid_input_is_explained(void **state)
{
    (void)state;
    editform f;
    ovr cur = ovr_none();
    ef_open(&f, "X", &cur, 0, 2);
    f.cur = EF_BID;
    type(&f, "abc");
    ovr o;
    assert_int_equal(ef_parse(&f, 0, &o), -1);
    assert_non_null(strstr(f.error, "bid"));
    assert_int_equal(f.cur, EF_BID);
    ef_erase(&f);
    ef_erase(&f);
    ef_erase(&f);
    type(&f, "101");
    f.cur = EF_ASK;
    type(&f, "100");
    assert_int_equal(ef_parse(&f, 0, &o), -1);
    assert_non_null(strstr(f.error, "below ask"));
    f.cur = EF_PAUSED;
    ef_erase(&f);
    type(&f, "maybe");
    f.cur = EF_ASK;
    ef_erase(&f);
    ef_erase(&f);
    ef_erase(&f);
    type(&f, "102");
    assert_int_equal(ef_parse(&f, 0, &o), -1);
    assert_non_null(strstr(f.error, "y or n"));
    assert_int_equal(f.cur, EF_PAUSED); /* the field at fault */
    ef_move(&f, -1);
    assert_int_equal(f.cur, EF_SIZE_ASK);
    f.cur = EF_SKEW; /* wraps backwards */
    ef_move(&f, -1);
    assert_int_equal(f.cur, EF_TTL);
    ef_type(&f, '\n'); /* not printable: ignored */
    assert_string_equal(f.text[EF_TTL], "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fill_and_apply),
        cmocka_unit_test(shows_rounded_keeps_exact),
        cmocka_unit_test(invalid_input_is_explained),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
