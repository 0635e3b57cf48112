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
    ovr_propose_set(&t, "ETH-PERP", &after, OVR_EDIT, &c);
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
    /* the next run's first line is not glued to the torn one (and lost) */
    assert_int_equal(journal_open(&j, path), 0);
    ovr_propose_kill(&back, false, &c);
    assert_int_equal(journal_write(&j, &c, 1004, "bob", "", "key K"), 0);
    ovr_commit(&back, &c);
    journal_close(&j);
    ovr_table again;
    assert_int_equal(ovr_table_init(&again, 8), 0);
    assert_int_equal(journal_load(path, &again, &applied, &skipped, err, sizeof err), 0);
    assert_int_equal(applied, 4);
    assert_int_equal(skipped, 1);
    assert_false(again.kill);
    ovr_table_free(&again);
    /* a missing journal is an empty one */
    unlink(path);
    assert_int_equal(journal_load(path, &back, &applied, &skipped, err, sizeof err), 0);
    assert_int_equal(applied, 0);
    ovr_table_free(&t);
    ovr_table_free(&back);
}

/* The journal's action names are on disk: every action has its own, and
 * they are the names older runs wrote. */
static void action_names_are_stable(void **state)
{
    (void)state;
    static const char *const on_disk[] = {"skew+", "skew-", "wider", "narrower", "pause", "resume", "set",
                                          "edit", "clear", "clear-all", "kill", "unkill", "undo", "expired"};
    assert_int_equal(sizeof on_disk / sizeof *on_disk, OVR_ACTION_COUNT);
    for (size_t k = 0; k < OVR_ACTION_COUNT; k++) {
        ovr_action a;
        assert_string_equal(ovr_action_name((ovr_action)k), on_disk[k]);
        assert_int_equal(ovr_action_parse(on_disk[k], &a), 0);
        assert_int_equal(a, k);
    }
    ovr_action a = OVR_KILL;
    assert_int_equal(ovr_action_parse("kill-state", &a), -1);
    assert_int_equal(a, OVR_KILL); /* unchanged */
    assert_string_equal(ovr_action_name(OVR_ACTION_COUNT), "?");
}

/* A journal as older runs wrote it (the edit form's "edit", clear-all, the
 * kill switch and its undo) loads; a line whose action this version does
 * not know still restores its state (a pause must survive a restart). */
static void older_journal_loads(void **state)
{
    (void)state;
    char path[64];
    temp_path(path, sizeof path);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    const char *none = "{\"skew_bps\":null,\"skew_replace\":false,\"half_spread_bps\":null,\"bid\":null,"
                       "\"ask\":null,\"size_bid\":null,\"size_ask\":null,\"paused\":false,\"expires\":null}";
    const char *skew = "{\"skew_bps\":-3,\"skew_replace\":true,\"half_spread_bps\":null,\"bid\":null,"
                       "\"ask\":null,\"size_bid\":null,\"size_ask\":null,\"paused\":false,\"expires\":null}";
    const char *paused = "{\"skew_bps\":null,\"skew_replace\":false,\"half_spread_bps\":null,\"bid\":null,"
                         "\"ask\":null,\"size_bid\":null,\"size_ask\":null,\"paused\":true,\"expires\":null}";
    fprintf(fp, "{\"ts\":1,\"user\":\"a\",\"ssh\":\"\",\"sym\":\"BTC\",\"action\":\"edit\",\"reason\":\"edit form\","
                "\"kill\":false,\"before\":%s,\"after\":%s}\n", none, skew);
    fprintf(fp, "{\"ts\":2,\"user\":\"a\",\"ssh\":\"\",\"sym\":\"ETH\",\"action\":\"skew-\",\"reason\":\"key [\","
                "\"kill\":false,\"before\":%s,\"after\":%s}\n", none, skew);
    fprintf(fp, "{\"ts\":3,\"user\":\"a\",\"ssh\":\"\",\"sym\":\"\",\"action\":\"clear-all\",\"reason\":\"key C\","
                "\"kill\":false,\"before\":%s,\"after\":%s}\n", none, none);
    fprintf(fp, "{\"ts\":4,\"user\":\"a\",\"ssh\":\"\",\"sym\":\"SOL\",\"action\":\"frobnicate\",\"reason\":\"?\","
                "\"kill\":false,\"before\":%s,\"after\":%s}\n", none, paused);
    fprintf(fp, "{\"ts\":5,\"user\":\"a\",\"ssh\":\"\",\"sym\":\"\",\"action\":\"kill\",\"reason\":\"key K\","
                "\"kill\":true,\"before\":%s,\"after\":%s}\n", none, none);
    fprintf(fp, "{\"ts\":6,\"user\":\"a\",\"ssh\":\"\",\"sym\":\"\",\"action\":\"undo\",\"reason\":\"key u\","
                "\"kill\":false,\"before\":%s,\"after\":%s}\n", none, none);
    fclose(fp);
    ovr_table t;
    assert_int_equal(ovr_table_init(&t, 8), 0);
    size_t applied, skipped;
    char err[128];
    assert_int_equal(journal_load(path, &t, &applied, &skipped, err, sizeof err), 0);
    assert_int_equal(applied, 6);
    assert_int_equal(skipped, 0);
    assert_false(ovr_is_set(&t.e[ovr_slot(&t, "BTC")].o)); /* cleared by clear-all */
    assert_false(ovr_is_set(&t.e[ovr_slot(&t, "ETH")].o));
    assert_true(ovr_get(&t, "SOL").paused);
    assert_false(t.kill); /* killed, then undone */
    ovr_change c;
    const char *line = "{\"ts\":1,\"user\":\"a\",\"sym\":\"X\",\"action\":\"wider\",\"kill\":false,"
                       "\"before\":{},\"after\":{\"half_spread_bps\":9}}";
    assert_int_equal(journal_parse_line(line, strlen(line), &c), 0);
    assert_int_equal(c.action, OVR_WIDER);
    ovr_table_free(&t);
    unlink(path);
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
        cmocka_unit_test(action_names_are_stable),
        cmocka_unit_test(older_journal_loads),
        cmocka_unit_test(unwritable_journal_refuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
