/* test_feedstat.c - seq gaps, duplicates, reordering, restarts; reject ring. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/feedstat.h"

static event with_seq(const char *src, int64_t seq)
{
    event e = {.kind = EVENT_PX, .has_seq = true, .seq = seq};
    strcpy(e.src, src);
    return e;
}

static void gaps_dups_restarts(void **state)
{
    (void)state;
    feedstat fs;
    feedstat_init(&fs);
    event e = with_seq("a", 10);
    assert_int_equal(feedstat_check_seq(&fs, &e), WIRE_OK); /* first seen: no gap */
    e = with_seq("a", 11);
    assert_int_equal(feedstat_check_seq(&fs, &e), WIRE_OK);
    e = with_seq("a", 15); /* 12, 13, 14 missing */
    assert_int_equal(feedstat_check_seq(&fs, &e), WIRE_OK);
    assert_int_equal(fs.gaps, 3);
    e = with_seq("a", 15);
    assert_int_equal(feedstat_check_seq(&fs, &e), WIRE_ERR_SEQ_DUP);
    e = with_seq("a", 13);
    assert_int_equal(feedstat_check_seq(&fs, &e), WIRE_ERR_SEQ_OLD);
    e = with_seq("b", 1); /* another source is tracked on its own */
    assert_int_equal(feedstat_check_seq(&fs, &e), WIRE_OK);
    assert_int_equal(fs.gaps, 3);
    e = with_seq("a", 1); /* a restarted publisher counts from 1 again */
    assert_int_equal(feedstat_check_seq(&fs, &e), WIRE_OK);
    assert_int_equal(fs.restarts, 1);
    e = with_seq("a", 2);
    assert_int_equal(feedstat_check_seq(&fs, &e), WIRE_OK);
    assert_int_equal(fs.gaps, 3);
    event noseq = {.kind = EVENT_PX};
    assert_int_equal(feedstat_check_seq(&fs, &noseq), WIRE_OK);
}

static void reject_ring_keeps_newest(void **state)
{
    (void)state;
    feedstat fs;
    feedstat_init(&fs);
    assert_null(feedstat_recent(&fs, 0));
    char msg[16];
    for (int i = 0; i < FEEDSTAT_LAST_REJECTS + 3; i++) {
        int n = snprintf(msg, sizeof msg, "m%d\n", i);
        feedstat_reject_msg(&fs, WIRE_ERR_JSON, i, msg, (size_t)n);
    }
    assert_int_equal(fs.rejected_total, FEEDSTAT_LAST_REJECTS + 3);
    assert_int_equal(fs.rejected[WIRE_ERR_JSON], FEEDSTAT_LAST_REJECTS + 3);
    const feedstat_reject *r = feedstat_recent(&fs, 0);
    assert_string_equal(r->excerpt, "m10?"); /* newest; control bytes shown as ? */
    assert_string_equal(feedstat_recent(&fs, FEEDSTAT_LAST_REJECTS - 1)->excerpt, "m3?");
    assert_null(feedstat_recent(&fs, FEEDSTAT_LAST_REJECTS));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gaps_dups_restarts),
        cmocka_unit_test(reject_ring_keeps_newest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
