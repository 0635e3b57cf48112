/* test_cli.c - command line parsing: defaults, values, usage errors. */
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

/* ---- the options desk: [stress], [ladder], [explain] ---- */

/* The desk of options after the defaults alone. */
static or_params default_desk(void)
{
    static invtop_opts d;
    cli_defaults(&d);
    return d.engine.risk.opt;
}

/* Nothing given: Deribit's portfolio-margin grid (moves -16%..+16% by 4%,
 * vol shocks +50% / -25% at 30 days, powers 0.3 and 0.13), its extended
 * moves, the 0-1d..90d+ ladder, vanna and volga in the explain, no scenario;
 * the same as the libraries' defaults. */
static void desk_defaults_are_deribits(void **state)
{
    (void)state;
    const or_params p = default_desk();
    const stress_params *st = &p.stress;
    static const double moves[] = {-0.16, -0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12, 0.16};
    static const double ext[] = {-0.66, -0.33, 0.5, 1, 2, 3, 4, 5};
    assert_int_equal(st->nmoves, 9);
    for (size_t k = 0; k < 9; k++)
        assert_true(st->moves[k] == moves[k]);
    assert_int_equal(st->nextended, 8);
    for (size_t k = 0; k < 8; k++)
        assert_true(st->extended[k] == ext[k]);
    assert_true(st->vol_up == 0.5 && st->vol_down == 0.25 && st->power_short == 0.3 && st->power_long == 0.13);
    stress_params lib;
    stress_default_params(&lib);
    assert_int_equal(lib.nmoves, st->nmoves);
    assert_int_equal(lib.nextended, st->nextended);
    assert_memory_equal(lib.moves, st->moves, st->nmoves * sizeof *st->moves);
    assert_memory_equal(lib.extended, st->extended, st->nextended * sizeof *st->extended);
    assert_true(lib.vol_up == st->vol_up && lib.vol_down == st->vol_down && lib.power_short == st->power_short &&
                lib.power_long == st->power_long);
    ladder_params lad;
    ladder_default_params(&lad);
    assert_int_equal(p.ladder.nbuckets, 5);
    assert_int_equal(lad.nbuckets, 5);
    assert_memory_equal(lad.upper_days, p.ladder.upper_days, 5 * sizeof *lad.upper_days); /* the rest: unset */
    assert_true(p.second_order);
    assert_int_equal(p.nscen, 0);
}

/* [stress], [ladder] and [explain] from a config file, and the same keys by
 * --set, which wins; --print-config shows them and reads back the same. */
static void desk_keys_from_file_and_set(void **state)
{
    (void)state;
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
    static invtop_opts o;
    char err[512];
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o,
                                          "[stress]\nmoves = -0.2, 0, 0.2\nextended = -0.5,1\nvol_up = 0.6\n"
                                          "vol_down = 0.2\nvega_power_short = 0.25\nvega_power_long = 0.1\n"
                                          "[ladder]\nbuckets = 2,14,60\n[explain]\nvanna_volga = false\n",
                                          err, sizeof err),
                     0);
    const or_params *p = &o.engine.risk.opt;
    assert_int_equal(p->stress.nmoves, 3);
    assert_true(p->stress.moves[0] == -0.2 && p->stress.moves[1] == 0 && p->stress.moves[2] == 0.2);
    assert_int_equal(p->stress.nextended, 2);
    assert_true(p->stress.extended[0] == -0.5 && p->stress.extended[1] == 1);
    assert_true(p->stress.vol_up == 0.6 && p->stress.vol_down == 0.2 && p->stress.power_short == 0.25 &&
                p->stress.power_long == 0.1);
    assert_int_equal(p->ladder.nbuckets, 4);
    assert_true(p->ladder.upper_days[0] == 2 && p->ladder.upper_days[2] == 60 && isinf(p->ladder.upper_days[3]));
    assert_false(p->second_order);
    cli_free(&o);
    /* by --set, from the command line: the desk's keys have no --name of their own */
    char *argv[] = {"invtop", "--headless", "--set", "stress:moves=-0.1,0,0.1", "--set", "stress:extended=none",
                    "--set", "stress:vol_up=1", "--set", "stress:vega_power_long=0.2", "--set", "ladder:buckets=1,7",
                    "--set", "explain:vanna_volga=false", NULL};
    char *e = NULL;
    assert_int_equal(parse_err(&o, argv, &e), CLI_RUN);
    free(e);
    assert_int_equal(p->stress.nmoves, 3);
    assert_true(p->stress.moves[0] == -0.1 && p->stress.moves[2] == 0.1);
    assert_int_equal(p->stress.nextended, 0);
    assert_true(p->stress.vol_up == 1 && p->stress.vol_down == 0.25 && p->stress.power_long == 0.2);
    assert_int_equal(p->ladder.nbuckets, 3);
    assert_false(p->second_order);
    /* printed, and read back the same */
    char *pc = NULL;
    size_t len;
    FILE *f = open_memstream(&pc, &len);
    cli_print_config(&o, f);
    fclose(f);
    const char *want[] = {"\n[stress]\nmoves = -0.1,0,0.1\nextended = none\nvol_up = 1\nvol_down = 0.25\n"
                          "vega_power_short = 0.3\nvega_power_long = 0.2\n",
                          "\n[ladder]\nbuckets = 1,7\n", "\n[explain]\nvanna_volga = false\n"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(pc, want[i]))
            fail_msg("--print-config lacks '%s':\n%s", want[i], pc);
    static invtop_opts back;
    cli_defaults(&back);
    assert_int_equal(cli_load_config_text(&back, pc, err, sizeof err), 0);
    assert_memory_equal(&back.engine.risk.opt, p, sizeof *p);
    free(pc);
    cli_free(&o), cli_free(&back);
}

/* A bad value of the desk is refused naming the key and the section, and
 * leaves the defaults as they were: alone, and when two keys that are
 * fine alone make an unusable grid together (vol_down with
 * vega_power_short), which is judged on the whole source, in any order. */
static void desk_bad_values_refused(void **state)
{
    (void)state;
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
    static invtop_opts o;
    const or_params def = default_desk();
    struct {
        const char *text, *said;
    } bad[] = {
        {"[stress]\nmoves = -1,0\n", "moves = -1,0 in [stress] is not a list of 1 to 32 ascending moves (fractions of "
                                      "the price, each > -1), comma-separated: -1 is not > -1 (default "
                                      "-0.16,-0.12,-0.08,-0.04,0,0.04,0.08,0.12,0.16)"},
        {"[stress]\nmoves = 0.1,-0.1\n", "-0.1 does not follow 0.1 in ascending order"},
        {"[stress]\nmoves = 0,inf\n", "'inf' is not a number"},
        {"[stress]\nmoves = nan\n", "'nan' is not a number"},
        {"[stress]\nmoves = 0.1,,0.2\n", "'' is not a number"},
        {"[stress]\nmoves = 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33\n",
         "more than 32 moves"},
        {"[stress]\nextended = -2\n", "extended = -2 in [stress] is not none or up to 32 ascending moves"},
        {"[stress]\nvol_up = -0.1\n", "vol_up = -0.1 in [stress] is out of range: 0 to 10 (default 0.5)"},
        {"[stress]\nvol_down = 1\n", "vol_down = 1 in [stress] is out of range: 0 to 0.99 (default 0.25)"},
        {"[stress]\nvega_power_short = -1\n", "vega_power_short = -1 in [stress] is out of range"},
        {"[stress]\nvega_power_long = x\n", "vega_power_long = x in [stress] is not a number"},
        {"[ladder]\nbuckets = 30,7\n", "buckets = 30,7 in [ladder] is not a list of 1 to 7 ascending bounds in days > 0"},
        {"[ladder]\nbuckets = 0\n", "buckets = 0 in [ladder]"},
        {"[ladder]\nbuckets = 1,2,3,4,5,6,7,8\n", "buckets = 1,2,3,4,5,6,7,8 in [ladder]"},
        {"[explain]\nvanna_volga = perhaps\n", "vanna_volga = perhaps in [explain] is not one of true, false"},
        {"[stress]\nmoves = -0.1,0.1\nvol_down = 0.5\n",
         "[stress] vol_down = 0.5 with vega_power_short = 0.3: vol_down x 30^vega_power_short = 1.39 must be < 1"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[512];
        cli_defaults(&o);
        if (cli_load_config_text(&o, bad[i].text, err, sizeof err) == 0)
            fail_msg("accepted: %s", bad[i].text);
        if (!strstr(err, bad[i].said))
            fail_msg("%s: said '%s', not '%s'", bad[i].text, err, bad[i].said);
        if (memcmp(&o.engine.risk.opt, &def, sizeof def) != 0)
            fail_msg("%s: refused, yet the desk changed", bad[i].text);
        cli_free(&o);
    }
    /* the two keys together, in either order, and --set one at a time */
    char err[512];
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o, "[stress]\nvol_down = 0.5\nvega_power_short = 0.1\n", err, sizeof err), 0);
    assert_true(o.engine.risk.opt.stress.vol_down == 0.5 && o.engine.risk.opt.stress.power_short == 0.1);
    cli_free(&o);
    cli_defaults(&o);
    assert_int_equal(cli_set(&o, "stress:vol_down=0.5", err, sizeof err), -1);
    assert_string_equal(err, "--set stress:vol_down=0.5 is refused: [stress] vol_down = 0.5 with vega_power_short = "
                             "0.3: vol_down x 30^vega_power_short = 1.39 must be < 1, or a 1-day option's vol goes "
                             "to 0 in the vol down row");
    assert_memory_equal(&o.engine.risk.opt, &def, sizeof def);
    assert_int_equal(cli_set(&o, "stress:vega_power_short=0.1", err, sizeof err), 0);
    assert_int_equal(cli_set(&o, "stress:vol_down=0.5", err, sizeof err), 0);
    /* on the command line, judged after every --set, so their order does not matter */
    char *fine[] = {"invtop", "--set", "stress:vol_down=0.5", "--set", "stress:vega_power_short=0.1", NULL};
    char *e = NULL;
    cli_free(&o); /* parse_err starts from the defaults */
    assert_int_equal(parse_err(&o, fine, &e), CLI_RUN);
    free(e);
    char *alone[] = {"invtop", "--set", "stress:vol_down=0.5", NULL};
    cli_free(&o);
    assert_int_equal(parse_err(&o, alone, &e), CLI_USAGE);
    assert_non_null(strstr(e, "invtop: --set: [stress] vol_down = 0.5 with vega_power_short = 0.3"));
    free(e);
    cli_free(&o);
}

/* The or_scenario named name in p, or NULL. */
static const or_scenario *scen(const or_params *p, const char *name)
{
    for (size_t k = 0; k < p->nscen; k++)
        if (!strcmp(p->scen[k].name, name))
            return &p->scen[k];
    return NULL;
}

/* [scenario NAME] from a config file: moves per underlying with a vol shift
 * (a March 2020 day), a driver's move carried by beta (a BTC crash), a
 * vol shift alone; a --set changes a key of one, or makes one; and
 * --print-config reads back the same. */
static void scenarios_from_file_and_set(void **state)
{
    (void)state;
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
    static invtop_opts o;
    char err[512];
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o,
                                          "[scenario covid]\nmove = BTC:-0.39, ETH:-0.43\nvol_shift = 0.3\n"
                                          "[scenario crash]\ndriver = BTC\ndriver_move = -0.30\n"
                                          "[scenario volcrush]\nvol_shift = -0.1\n",
                                          err, sizeof err),
                     0);
    const or_params *p = &o.engine.risk.opt;
    assert_int_equal(p->nscen, 3);
    const or_scenario *c = scen(p, "covid"), *k = scen(p, "crash"), *v = scen(p, "volcrush");
    assert_non_null(c);
    assert_non_null(k);
    assert_non_null(v);
    assert_int_equal(c->nmoves, 2);
    assert_string_equal(c->und[0], "BTC");
    assert_string_equal(c->und[1], "ETH");
    assert_true(c->move[0] == -0.39 && c->move[1] == -0.43 && c->vol_shift == 0.3);
    assert_string_equal(c->driver, "");
    assert_string_equal(k->driver, "BTC");
    assert_true(k->driver_move == -0.3 && k->nmoves == 0 && k->vol_shift == 0);
    assert_true(v->vol_shift == -0.1 && v->nmoves == 0 && !v->driver[0]);
    /* --set reaches a key of one, and a new one */
    assert_int_equal(cli_set(&o, "scenario crash:driver_move=-0.2", err, sizeof err), 0);
    assert_int_equal(cli_set(&o, "scenario solo:move=SOL:-0.5", err, sizeof err), 0);
    assert_int_equal(p->nscen, 4);
    assert_true(scen(p, "crash")->driver_move == -0.2 && scen(p, "solo")->move[0] == -0.5);
    /* printed, and read back the same */
    char *pc = NULL;
    size_t len;
    FILE *f = open_memstream(&pc, &len);
    cli_print_config(&o, f);
    fclose(f);
    const char *want[] = {"\n[scenario covid]\nmove = BTC:-0.39,ETH:-0.43\nvol_shift = 0.3\n",
                          "\n[scenario crash]\ndriver = BTC\ndriver_move = -0.2\nvol_shift = 0\n",
                          "\n[scenario volcrush]\nvol_shift = -0.1\n", "\n[scenario solo]\nmove = SOL:-0.5\n"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(pc, want[i]))
            fail_msg("--print-config lacks '%s':\n%s", want[i], pc);
    static invtop_opts back;
    cli_defaults(&back);
    assert_int_equal(cli_load_config_text(&back, pc, err, sizeof err), 0);
    assert_memory_equal(&back.engine.risk.opt, p, sizeof *p);
    free(pc);
    cli_free(&o), cli_free(&back);
    /* on the command line, a driver and its move in two --set */
    char *argv[] = {"invtop", "--set", "scenario crash:driver=BTC", "--set", "scenario crash:driver_move=-0.3", NULL};
    char *e = NULL;
    assert_int_equal(parse_err(&o, argv, &e), CLI_RUN);
    free(e);
    assert_int_equal(p->nscen, 1);
    assert_true(!strcmp(p->scen[0].driver, "BTC") && p->scen[0].driver_move == -0.3);
    cli_free(&o);
}

/* The report currency and [currency NAME]: from a file and --set, printed
 * and read back; bad codes, names and instruments refused. */
static void currencies(void **state)
{
    (void)state;
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
    static invtop_opts o;
    char err[512];
    cli_defaults(&o);
    const ccy_params *p = &o.engine.risk.ccy;
    assert_string_equal(p->report, "USD");
    assert_int_equal(p->nbind, 0);
    assert_int_equal(cli_load_config_text(&o, "[risk]\ncurrency = EUR\n[currency BTC]\nprice = BTC-USD@KRAKEN\n", err,
                                          sizeof err),
                     0);
    assert_string_equal(p->report, "EUR");
    assert_int_equal(p->nbind, 1);
    assert_string_equal(p->bind[0].name, "BTC");
    assert_string_equal(p->bind[0].inst, "BTC-USD@KRAKEN");
    assert_int_equal(cli_set(&o, "currency BTC:price=XBTEUR", err, sizeof err), 0);
    assert_int_equal(cli_set(&o, "currency USDT:price=USDT-EUR", err, sizeof err), 0);
    assert_int_equal(p->nbind, 2);
    assert_string_equal(p->bind[0].inst, "XBTEUR");
    char *pc = NULL;
    size_t len;
    FILE *f = open_memstream(&pc, &len);
    cli_print_config(&o, f);
    fclose(f);
    if (!strstr(pc, "currency = EUR\n") || !strstr(pc, "\n[currency BTC]\nprice = XBTEUR\n") ||
        !strstr(pc, "\n[currency USDT]\nprice = USDT-EUR\n"))
        fail_msg("--print-config lacks the currencies:\n%s", pc);
    static invtop_opts back;
    cli_defaults(&back);
    assert_int_equal(cli_load_config_text(&back, pc, err, sizeof err), 0);
    assert_memory_equal(&back.engine.risk.ccy, p, sizeof *p);
    free(pc);
    cli_free(&back);
    static const char *const bad[] = {"[risk]\ncurrency = usd\n", "[risk]\ncurrency = U\n",
                                      "[currency btc]\nprice = BTC-USD\n", "[currency]\nprice = BTC-USD\n",
                                      "[currency ETH]\nprice = ETH USD\n", "[currency ETH]\nrate = 3000\n"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (cli_load_config_text(&o, bad[i], err, sizeof err) == 0)
            fail_msg("accepted: %s", bad[i]);
    assert_int_equal(p->nbind, 2); /* nothing added by the refused ones */
    cli_free(&o);
    char *argv[] = {"invtop", "--currency", "GBP", NULL};
    char *e = NULL;
    cli_defaults(&o);
    assert_int_equal(parse_err(&o, argv, &e), CLI_RUN);
    free(e);
    assert_string_equal(o.engine.risk.ccy.report, "GBP");
    cli_free(&o);
}

/* A bad scenario is refused naming the section and the key, and no
 * scenario is added; a 17th is refused and the 16 stay. */
static void scenarios_bad_refused(void **state)
{
    (void)state;
    static invtop_opts o;
    const or_params def = default_desk();
    struct {
        const char *text, *said;
    } bad[] = {
        {"[scenario x]\nmove = BTC\n", "move = BTC in [scenario x] is not a list of up to 8 UNDERLYING:MOVE, "
                                        "comma-separated, each move a fraction of the price > -1: 'BTC' is not "
                                        "UNDERLYING:MOVE"},
        {"[scenario x]\nmove = BTC:-1\n", "move = BTC:-1 in [scenario x] is not a list of up to 8 UNDERLYING:MOVE"},
        {"[scenario x]\nmove = BTC:nan\n", "BTC's move 'nan' is not a number > -1"},
        {"[scenario x]\nmove = BTC:0.1,BTC:0.2\n", "BTC has two moves"},
        {"[scenario x]\nmove = A:1,B:1,C:1,D:1,E:1,F:1,G:1,H:1,I:1\n", "more than 8 underlyings"},
        {"[scenario x]\nmove = :0.1\n", "':0.1' is not UNDERLYING:MOVE"},
        {"[scenario x]\ndriver = A,B\n", "driver = A,B in [scenario x] is not an underlying's name"},
        {"[scenario x]\ndriver = BTC\ndriver_move = -1\n", "driver_move = -1 in [scenario x] is not a move"},
        {"[scenario x]\nvol_shift = 6\n", "vol_shift = 6 in [scenario x] is out of range: -1 to 5 (default 0)"},
        {"[scenario x]\nvol_shift = -1.5\n", "vol_shift = -1.5 in [scenario x] is out of range"},
        {"[scenario x]\nbeta = 1\n", "unknown key 'beta' in [scenario x]"},
        {"[scenario x]\ndriver = BTC\n", "[scenario x] driver = BTC needs driver_move, the driver's move"},
        {"[scenario x]\ndriver_move = -0.3\n", "[scenario x] driver_move = -0.3 needs driver, the underlying"},
        {"[scenario x]\nmove = BTC:-0.1,ETH:-0.2\ndriver = BTC\ndriver_move = -0.3\n",
         "[scenario x] driver = BTC has a move in move too"},
        {"[scenario x]\nvol_shift = 0\n", "[scenario x] changes nothing"},
        {"[scenario ok]\nvol_shift = 0.1\n[scenario x]\nvol_shift = 9\n", "vol_shift = 9 in [scenario x]"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[512];
        cli_defaults(&o);
        if (cli_load_config_text(&o, bad[i].text, err, sizeof err) == 0)
            fail_msg("accepted: %s", bad[i].text);
        if (!strstr(err, bad[i].said))
            fail_msg("%s: said '%s', not '%s'", bad[i].text, err, bad[i].said);
        if (memcmp(&o.engine.risk.opt, &def, sizeof def) != 0)
            fail_msg("%s: refused, yet the desk changed (%zu scenarios)", bad[i].text, o.engine.risk.opt.nscen);
        cli_free(&o);
    }
    /* a name too long for or_scenario.name (by --set: inih cuts a file's
     * section names at 49 characters) */
    char err[512], set[128];
    snprintf(set, sizeof set, "scenario %048d:vol_shift=0.1", 0);
    cli_defaults(&o);
    assert_int_equal(cli_set(&o, set, err, sizeof err), -1);
    assert_non_null(strstr(err, "a scenario's name is 1 to 47 characters"));
    assert_int_equal(o.engine.risk.opt.nscen, 0);
    /* a bad first key of a new scenario adds none, on the command line too */
    char *bad_new[] = {"invtop", "--set", "scenario new:vol_shift=9", NULL};
    char *e = NULL;
    assert_int_equal(parse_err(&o, bad_new, &e), CLI_USAGE);
    assert_string_equal(e, "invtop: --set 'scenario new:vol_shift=9' is refused: vol_shift = 9 in [scenario new] is "
                           "out of range: -1 to 5 (default 0); try --help\n");
    free(e);
    assert_int_equal(o.engine.risk.opt.nscen, 0);
    cli_free(&o);
    /* 16 fit; the 17th is refused, in a file or by --set, and the 16 stay */
    char text[2048] = "";
    size_t len = 0;
    for (int k = 1; k <= OR_MAX_SCENARIOS; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "[scenario s%d]\nvol_shift = 0.%02d\n", k, k);
    cli_free(&o);
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o, text, err, sizeof err), 0);
    assert_int_equal(o.engine.risk.opt.nscen, OR_MAX_SCENARIOS);
    const or_params sixteen = o.engine.risk.opt;
    assert_int_equal(cli_set(&o, "scenario s17:vol_shift=0.1", err, sizeof err), -1);
    assert_string_equal(err, "--set scenario s17:vol_shift=0.1 is refused: [scenario s17]: too many scenarios: at "
                             "most 16");
    assert_memory_equal(&o.engine.risk.opt, &sixteen, sizeof sixteen);
    assert_int_equal(cli_set(&o, "scenario s3:vol_shift=0.5", err, sizeof err), 0); /* a known one still changes */
    snprintf(text + len, sizeof text - len, "[scenario s17]\nvol_shift = 0.1\n");
    cli_free(&o);
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o, text, err, sizeof err), 2 * OR_MAX_SCENARIOS + 2);
    assert_string_equal(err, "[scenario s17]: too many scenarios: at most 16");
    assert_memory_equal(&o.engine.risk.opt, &def, sizeof def); /* nothing of the refused text */
    cli_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(defaults_and_values),
        cmocka_unit_test(usage_errors),
        cmocka_unit_test(needs_its_companion),
        cmocka_unit_test(range_errors_say_the_range),
        cmocka_unit_test(desk_defaults_are_deribits),
        cmocka_unit_test(desk_keys_from_file_and_set),
        cmocka_unit_test(desk_bad_values_refused),
        cmocka_unit_test(scenarios_from_file_and_set),
        cmocka_unit_test(scenarios_bad_refused),
        cmocka_unit_test(currencies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
