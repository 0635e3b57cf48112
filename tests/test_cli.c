/* test_cli.c - command line parsing: defaults, values, usage errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "tui/cli.h"
#include "tui/toolopts.h"

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
    assert_int_equal(o.engine.feed.nconnect, 1); /* the synthetic feed's default endpoint */
    assert_string_equal(o.engine.feed.connect[0], "tcp://127.0.0.1:5555");
    assert_true(o.interval_s == 1.0 && o.engine.stale_s == 5.0 && o.engine.speed == 1.0);
    char *a1[] = {"invtop", "--connect", "tcp://a:1", "--bind", "tcp://*:2", "--connect",
                  "ipc:///tmp/x", "--interval", "250", "--count", "3", "--stale-ms", "1500",
                  "--rcvhwm", "10", "--headless", NULL};
    assert_int_equal(parse(&o, 16, a1), CLI_RUN);
    assert_int_equal(o.engine.feed.nconnect, 2);
    assert_int_equal(o.engine.feed.nbind, 1);
    assert_true(o.interval_s == 0.25 && o.count == 3 && o.engine.stale_s == 1.5);
    assert_int_equal(o.engine.feed.rcvhwm, 10);
    char *a2[] = {"invtop", "--replay", "f.jsonl", "--speed", "max", NULL};
    assert_int_equal(parse(&o, 5, a2), CLI_RUN);
    assert_true(o.engine.speed == 0);
    assert_int_equal(o.engine.feed.nconnect, 0);
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

/* cli_parse on argv (NULL-terminated); what it said on err_out into a
 * string the caller frees. */
static cli_result parse_err(invtop_opts *o, char **argv, char **err)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    size_t len;
    FILE *null = fopen("/dev/null", "w"), *e = open_memstream(err, &len);
    assert_non_null(null);
    assert_non_null(e);
    cli_defaults(o);
    cli_result r = cli_parse(argc, argv, o, null, e);
    fclose(null);
    fclose(e);
    return r;
}

/* An option that does nothing without another is a usage error that names
 * the one missing (issue 19, item 13), whichever program's table it is in;
 * the companion may come from the config file. */
static void needs_its_companion(void **state)
{
    (void)state;
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
    static invtop_opts o;
    struct {
        char *argv[8];
        const char *said; /* the whole line on stderr */
    } alone[] = {
        {{"invtop", "--exec", "skew BTC-PERP +1", "--headless", "--count", "1", NULL},
         "invtop: --exec needs --attach ENDPOINT; try --help\n"},
        {{"invtop", "--attach-pub", "tcp://127.0.0.1:5", "--headless", "--count", "1", NULL},
         "invtop: --attach-pub needs --attach ENDPOINT; try --help\n"},
        {{"invtop", "--user", "alice", NULL}, "invtop: --user needs --attach ENDPOINT; try --help\n"},
        {{"invtop", "--speed", "max", NULL}, "invtop: --speed needs --replay FILE; try --help\n"},
        {{"invtop", "--count", "3", NULL}, "invtop: --count needs --headless; try --help\n"},
        {{"invtop", "--interval", "200", NULL}, "invtop: --interval needs --headless; try --help\n"},
        {{"invtop", "--key-name", "k", NULL}, "invtop: --key-name needs --keygen DIR; try --help\n"},
        {{"invtop", "--serve-pub", "tcp://127.0.0.1:5", NULL},
         "invtop: --serve-pub needs --serve ENDPOINT (or 'serve' in [engine]); try --help\n"},
        {{"invtop", "--trader-keys", "k.pub", NULL},
         "invtop: --trader-keys needs --serve ENDPOINT (or 'serve' in [engine]); try --help\n"},
        {{"invtop", "--quotes-curve-secret", "k.key", NULL},
         "invtop: --quotes-curve-secret needs --quotes ENDPOINT (or 'endpoint' in [quotes]); try --help\n"},
        {{"invtop", "--allow-keys", "a.pub", NULL},
         "invtop: --allow-keys needs --curve-secret FILE (or 'curve_secret' in [feed]); try --help\n"},
        {{"invtop", "--server-key", "k.pub", "--headless", NULL}, NULL},
    };
    for (size_t i = 0; i < sizeof alone / sizeof *alone; i++) {
        char *err = NULL;
        if (parse_err(&o, alone[i].argv, &err) != CLI_USAGE)
            fail_msg("%s alone accepted", alone[i].argv[1]);
        if (alone[i].said && strcmp(err, alone[i].said) != 0)
            fail_msg("%s alone: said '%s', not '%s'", alone[i].argv[1], err, alone[i].said);
        assert_true(strlen(err) > 0 && strchr(err, '\n') == err + strlen(err) - 1); /* one line */
        free(err);
        cli_free(&o);
    }
    /* with it, each runs */
    char *with[][8] = {
        {"invtop", "--attach", "tcp://127.0.0.1:5", "--exec", "skew BTC-PERP +1", "--user", "alice", NULL},
        {"invtop", "--attach", "tcp://127.0.0.1:5", "--attach-pub", "tcp://127.0.0.1:6", NULL},
        {"invtop", "--replay", "f.jsonl", "--speed", "max", NULL},
        {"invtop", "--headless", "--count", "3", "--interval", "200", NULL},
        {"invtop", "--keygen", "d", "--key-name", "k", NULL},
        {"invtop", "--serve", "tcp://127.0.0.1:5", "--serve-pub", "tcp://127.0.0.1:6", NULL},
        {"invtop", "--attach", "tcp://127.0.0.1:5", "--server-key", "k.pub", NULL},
    };
    for (size_t i = 0; i < sizeof with / sizeof *with; i++) {
        char *err = NULL;
        if (parse_err(&o, with[i], &err) != CLI_RUN)
            fail_msg("%s %s: %s", with[i][1], with[i][3], err);
        free(err);
        cli_free(&o);
    }
    /* the companion from the file; an allow-list in the file needs its key anywhere */
    char path[] = "/tmp/test_cli_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("[engine]\nserve = tcp://127.0.0.1:5\n[feed]\nallow_keys = a.pub\n", f);
    fclose(f);
    char *from_file[] = {"invtop", "--config", path, "--serve-pub", "tcp://127.0.0.1:6", NULL};
    char *err = NULL;
    assert_int_equal(parse_err(&o, from_file, &err), CLI_USAGE);
    assert_string_equal(err, "invtop: 'allow_keys' in [feed] (--allow-keys) needs --curve-secret FILE "
                             "(or 'curve_secret' in [feed]); try --help\n");
    free(err);
    cli_free(&o);
    char *keyed[] = {"invtop", "--config", path, "--serve-pub", "tcp://127.0.0.1:6", "--curve-secret", "k", NULL};
    assert_int_equal(parse_err(&o, keyed, &err), CLI_RUN);
    free(err);
    cli_free(&o);
    unlink(path);
    /* the other programs' tables follow the same rule */
    static sim_opts so;
    static feed_opts fo;
    static relay_opts ro;
    FILE *null = fopen("/dev/null", "w");
    char *sim_alone[] = {"invtop-sim", "--seconds", "5", NULL};
    assert_int_equal(sim_parse(3, sim_alone, &so, null, null), 2);
    char *sim_with[] = {"invtop-sim", "--closed-loop", "--seconds", "5", NULL};
    assert_int_equal(sim_parse(4, sim_with, &so, null, null), 0);
    char *feed_alone[] = {"invtop-feed", "--allow-keys", "a.pub", NULL};
    assert_int_equal(feed_parse(3, feed_alone, &fo, null, null), 2);
    char *relay_alone[] = {"invtop-relay", "--engine", "tcp://a:1", "--engine-pub", "tcp://a:2", "--bind", "tcp://b:1",
                           "--bind-pub", "tcp://b:2", "--allow-keys", "a.pub", NULL};
    assert_int_equal(relay_parse(11, relay_alone, &ro, null, null), 2);
    fclose(null);
}

/* A value out of range says the range and the default, from the table, on
 * the command line and in a config file (issue 19, item 14). */
static void range_errors_say_the_range(void **state)
{
    (void)state;
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
    static invtop_opts o;
    struct {
        char *argv[4];
        const char *said;
    } cases[] = {
        {{"invtop", "--fps", "0", NULL}, "invtop: --fps 0 is out of range: 0.5 to 120 (default 10); try --help\n"},
        {{"invtop", "--fps", "fast", NULL}, "invtop: --fps fast is not a number: 0.5 to 120 (default 10); try --help\n"},
        {{"invtop", "--window", "2.5", NULL},
         "invtop: --window 2.5 is not a whole number: 2 to 1000000 (default 500); try --help\n"},
        {{"invtop", "--speed", "0", NULL},
         "invtop: --speed 0 is out of range: 0.001 to 1000000 or max (default 1); try --help\n"},
        {{"invtop", "--stale-ms", "", NULL},
         "invtop: --stale-ms '' is not a number: 1 to 86400000 (default 5000); try --help\n"},
        {{"invtop", "--theme", "blue", NULL}, "invtop: --theme blue is not one of dark, light, mono (default dark); "
                                              "try --help\n"},
        {{"invtop", "--iv", "99", NULL}, "invtop: --iv 99 is out of range: 0.0001 to 20 (default none); try --help\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *err = NULL;
        assert_int_equal(parse_err(&o, cases[i].argv, &err), CLI_USAGE);
        if (strcmp(err, cases[i].said) != 0)
            fail_msg("%s %s: said '%s', not '%s'", cases[i].argv[1], cases[i].argv[2], err, cases[i].said);
        free(err);
        cli_free(&o);
    }
    /* config keys: the same words after the key, the value and the section */
    char err[512];
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o, "[ui]\nfps = 0\n", err, sizeof err), 2);
    assert_string_equal(err, "fps = 0 in [ui] is out of range: 0.5 to 120 (default 10)");
    assert_int_equal(cli_load_config_text(&o, "[risk]\nwindow = 1\n", err, sizeof err), 2);
    assert_string_equal(err, "window = 1 in [risk] is out of range: 2 to 1000000 (default 500)");
    assert_int_equal(cli_load_config_text(&o, "[instrument X]\ngamma = 0\n", err, sizeof err), 2);
    assert_string_equal(err, "gamma = 0 in [instrument X] is out of range: 1e-09 to 1000000 (default --gamma)");
    assert_int_equal(cli_load_config_text(&o, "[ui]\nno_color = maybe\n", err, sizeof err), 2);
    assert_string_equal(err, "no_color = maybe in [ui] is not one of true, false, yes, no, on, off, 1, 0");
    assert_int_equal(cli_set(&o, "ui:fps=500", err, sizeof err), -1);
    assert_string_equal(err, "--set ui:fps=500 is refused: fps = 500 in [ui] is out of range: 0.5 to 120 (default 10)");
    cli_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_and_values),
        cmocka_unit_test(usage_errors),
        cmocka_unit_test(needs_its_companion),
        cmocka_unit_test(range_errors_say_the_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
