/* test_cli.c - command line parsing: defaults, values, usage errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/cli.h"

static cli_result parse(invtop_opts *o, int argc, char **argv)
{
    FILE *null = fopen("/dev/null", "w");
    cli_defaults(o);
    cli_result r = cli_parse(argc, argv, o, null, null);
    fclose(null);
    return r;
}

static void defaults_and_values(void **state)
{
    (void)state;
    invtop_opts o;
    char *a0[] = {"invtop", "--headless", NULL};
    assert_int_equal(parse(&o, 2, a0), CLI_RUN);
    assert_true(o.headless);
    assert_int_equal(o.feed.nconnect, 1); /* the synthetic feed's default endpoint */
    assert_string_equal(o.feed.connect[0], "tcp://127.0.0.1:5555");
    assert_true(o.interval_s == 1.0 && o.stale_s == 5.0 && o.speed == 1.0);
    char *a1[] = {"invtop", "--connect", "tcp://a:1", "--bind", "tcp://*:2", "--connect",
                  "ipc:///tmp/x", "--interval", "250", "--count", "3", "--stale-ms", "1500",
                  "--rcvhwm", "10", NULL};
    assert_int_equal(parse(&o, 15, a1), CLI_RUN);
    assert_int_equal(o.feed.nconnect, 2);
    assert_int_equal(o.feed.nbind, 1);
    assert_true(o.interval_s == 0.25 && o.count == 3 && o.stale_s == 1.5);
    assert_int_equal(o.feed.rcvhwm, 10);
    char *a2[] = {"invtop", "--replay", "f.jsonl", "--speed", "max", NULL};
    assert_int_equal(parse(&o, 5, a2), CLI_RUN);
    assert_true(o.speed == 0);
    assert_int_equal(o.feed.nconnect, 0);
}

static void usage_errors(void **state)
{
    (void)state;
    invtop_opts o;
    char *bad[][4] = {
        {"invtop", "--bogus", NULL, NULL},
        {"invtop", "--interval", "0", NULL},
        {"invtop", "--interval", "abc", NULL},
        {"invtop", "--count", "1.5", NULL},
        {"invtop", "--connect", "no-scheme", NULL},
        {"invtop", "--speed", "-1", NULL},
        {"invtop", "extra", NULL, NULL},
        {"invtop", "--interval", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        int argc = 0;
        while (bad[i][argc])
            argc++;
        if (parse(&o, argc, bad[i]) != CLI_USAGE)
            fail_msg("case %zu accepted", i);
    }
    char *mixed[] = {"invtop", "--replay", "f", "--connect", "tcp://a:1", NULL};
    assert_int_equal(parse(&o, 5, mixed), CLI_USAGE);
    char *help[] = {"invtop", "--help", NULL};
    assert_int_equal(parse(&o, 2, help), CLI_EXIT_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_and_values),
        cmocka_unit_test(usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
