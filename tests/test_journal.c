/* test_journal.c - the override journal: round trip, a torn last line, a
 * journal that cannot be opened, and a full disk (/dev/full: ENOSPC). */
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "invtop/journal.h"
#include "testutil.h"

static void temp_path(char *buf, size_t cap)
{
    snprintf(buf, cap, "/tmp/invtop-journal-XXXXXX");
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    close(fd);
    unlink(buf);
}

static void round_trip_and_torn_line(void **state)
{
    (void)state;
    char path[64];
    temp_path(path, sizeof path);
    ovr_table t;
    assert_int_equal(ovr_table_init(&t, 8), 0);
    journal j;
    assert_int_equal(journal_open(&j, path), 0);
    ovr_change c;
    ovr_propose_skew(&t, "BTC-PERP", 2.5, 1000, 60, &c);
    assert_int_equal(journal_write(&j, &c, 1000, "alice", "10.0.0.5 1 10.0.0.9 22", "key ]"), 0);
    ovr_commit(&t, &c);
    ovr after = ovr_none();
    after.bid = 99.5;
    after.ask = 100.5;
    after.skew_replace = true;
    after.skew_bps = -4;
    after.size_bid = 3;
    ovr_propose_set(&t, "ETH-PERP", &after, "edit", &c);
    assert_int_equal(journal_write(&j, &c, 1001, "alice", "", "edit form"), 0);
    ovr_commit(&t, &c);
    ovr_propose_kill(&t, true, &c);
    assert_int_equal(journal_write(&j, &c, 1002, "bob", "", "key K"), 0);
    ovr_commit(&t, &c);
    journal_close(&j);
    /* a crash in the middle of the next line */
    FILE *fp = fopen(path, "a");
    assert_non_null(fp);
    fputs("{\"ts\":1003,\"user\":\"bob\",\"sym\":\"BTC-PERP\",\"action\":\"clear\",\"kill\":tr", fp);
    fclose(fp);
    ovr_table back;
    assert_int_equal(ovr_table_init(&back, 8), 0);
    size_t applied, skipped;
    char err[128];
    assert_int_equal(journal_load(path, &back, &applied, &skipped, err, sizeof err), 0);
    assert_int_equal(applied, 3);
    assert_int_equal(skipped, 1);
    assert_true(back.kill);
    assert_true(ovr_equal(&t.e[ovr_slot(&t, "BTC-PERP")].o, &back.e[ovr_slot(&back, "BTC-PERP")].o));
    ovr e = ovr_get(&back, "ETH-PERP");
    assert_true(ovr_equal(&e, &after));
    assert_near(ovr_get(&back, "BTC-PERP").expires, 1060, 1e-9);
    assert_int_equal(back.undo_n, 0); /* history is not this session's to undo */
    /* a missing journal is an empty one */
    unlink(path);
    assert_int_equal(journal_load(path, &back, &applied, &skipped, err, sizeof err), 0);
    assert_int_equal(applied, 0);
    ovr_table_free(&t);
    ovr_table_free(&back);
}

static void unwritable_journal_refuses(void **state)
{
    (void)state;
    journal j;
    /* procfs refuses new directories even to root */
    assert_int_equal(journal_open(&j, "/proc/invtop-test/overrides.jsonl"), -1);
    assert_false(j.ok);
    assert_non_null(strstr(j.err, "/proc/invtop-test"));
    ovr_table t;
    assert_int_equal(ovr_table_init(&t, 2), 0);
    ovr_change c;
    ovr_propose_pause(&t, "X", 0, 0, &c);
    assert_int_equal(journal_write(&j, &c, 0, "u", "", "key p"), -1);
    journal_close(&j);
    /* a full disk: the write fails, the caller is told, nothing pretends */
    assert_int_equal(journal_open(&j, "/dev/full"), 0);
    assert_int_equal(journal_write(&j, &c, 0, "u", "", "key p"), -1);
    assert_false(j.ok);
    assert_non_null(strstr(j.err, "No space"));
    journal_close(&j);
    ovr_table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip_and_torn_line),
        cmocka_unit_test(unwritable_journal_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
