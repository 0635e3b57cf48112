/* test_clialert.c - the alerts' configuration (issue 23): [alert NAME]
 * sections and their --set twins, the [alerts] options, what --help,
 * --print-config and the example config say of them. */
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
#include <ini.h>

#include "tui/cli.h"
#include "tui/clialert.h"

/* cli_parse on argv (NULL-terminated) from the defaults; what it printed
 * into *out and said on err_out into *err (either may be NULL: dropped),
 * strings the caller frees. */
static cli_result parse(invtop_opts *o, char **argv, char **out, char **err)
{
    int argc = 0;
    while (argv[argc])
        argc++;
    size_t lo, le;
    char *o_s = NULL, *e_s = NULL;
    FILE *fo = open_memstream(&o_s, &lo), *fe = open_memstream(&e_s, &le);
    assert_non_null(fo);
    assert_non_null(fe);
    cli_defaults(o);
    cli_result r = cli_parse(argc, argv, o, fo, fe);
    fclose(fo);
    fclose(fe);
    if (out)
        *out = o_s;
    else
        free(o_s);
    if (err)
        *err = e_s;
    else
        free(e_s);
    return r;
}

static char *printed(const invtop_opts *o)
{
    char *s = NULL;
    size_t len;
    FILE *f = open_memstream(&s, &len);
    assert_non_null(f);
    cli_print_config(o, f);
    fclose(f);
    return s;
}

/* The rule named name in o, or NULL. */
static const alrtcfg_rule *rule(const invtop_opts *o, const char *name)
{
    for (size_t k = 0; k < o->engine.alerts.n; k++)
        if (!strcmp(o->engine.alerts.rule[k].name, name))
            return &o->engine.alerts.rule[k];
    return NULL;
}

static char *write_file(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_clialert_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static const char delta_hi[] = "[alert delta_hi]\nmetric = net_delta_usd\nop = >\nthreshold = 100000\n"
                               "clear = 50000\nfor = 0\n";

/* The acceptance's rule, and one with every key, from a config file. */
static void rules_from_a_file(void **state)
{
    (void)state;
    static invtop_opts o;
    char err[512];
    cli_defaults(&o);
    assert_int_equal(o.engine.alerts.n, 0);
    assert_int_equal(cli_load_config_text(&o, delta_hi, err, sizeof err), 0);
    assert_int_equal(o.engine.alerts.n, 1);
    const alrtcfg_rule *r = &o.engine.alerts.rule[0];
    assert_string_equal(r->name, "delta_hi");
    assert_string_equal(r->metric, "net_delta_usd");
    assert_int_equal(r->rule.op, AL_GT);
    assert_true(r->rule.threshold == 100000 && r->rule.clear == 50000 && r->rule.for_s == 0);
    /* what it does not say: the defaults (alrtcfg_rule_new) */
    assert_int_equal(r->rule.severity, AL_WARNING);
    assert_string_equal(r->scope, "");
    assert_int_equal(r->action, ALRT_ACT_NONE);
    assert_true(isnan(r->factor) && !r->undo && r->action_scope[0] == '\0');
    assert_int_equal(r->rule.flap_high, 4); /* flap detection on, as al_rule_init has it */
    cli_free(&o);
    /* every key */
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o,
                                          "[alert dvol]\nmetric = price\nop = >=\nthreshold = 80\nclear = 70\n"
                                          "for = 2.5\nseverity = critical\nscope = BTC-DVOL@DERIBIT\n"
                                          "action = pause\naction_scope = BTC\nundo = on\n"
                                          "[alert low]\nmetric = msg_rate\nop = <\nthreshold = 1\nseverity = info\n",
                                          err, sizeof err),
                     0);
    assert_int_equal(o.engine.alerts.n, 2);
    r = rule(&o, "dvol");
    assert_non_null(r);
    assert_string_equal(r->metric, "price");
    assert_int_equal(r->rule.op, AL_GE);
    assert_true(r->rule.threshold == 80 && r->rule.clear == 70 && r->rule.for_s == 2.5);
    assert_int_equal(r->rule.severity, AL_CRITICAL);
    assert_string_equal(r->scope, "BTC-DVOL@DERIBIT");
    assert_int_equal(r->action, ALRT_ACT_PAUSE);
    assert_string_equal(r->action_scope, "BTC");
    assert_true(r->undo);
    r = rule(&o, "low");
    assert_non_null(r);
    assert_int_equal(r->rule.op, AL_LT);
    assert_int_equal(r->rule.severity, AL_INFO);
    assert_true(isnan(r->rule.clear)); /* none given: the threshold */
    cli_free(&o);
    /* undo in the project's boolean words */
    const char *yes[] = {"true", "on", "1", "yes"}, *no[] = {"false", "off", "0", "no"};
    for (size_t i = 0; i < 4; i++) {
        char text[200];
        for (int v = 0; v < 2; v++) {
            snprintf(text, sizeof text, "[alert u]\nmetric = pnl\nthreshold = 1\naction = kill\nundo = %s\n",
                     v ? yes[i] : no[i]);
            cli_defaults(&o);
            assert_int_equal(cli_load_config_text(&o, text, err, sizeof err), 0);
            if (o.engine.alerts.rule[0].undo != (v == 1))
                fail_msg("undo = %s read as %d", v ? yes[i] : no[i], o.engine.alerts.rule[0].undo);
            cli_free(&o);
        }
    }
}

/* widen's factor in each spelling, in either order of the keys; the
 * last given wins. */
static void widen_spellings(void **state)
{
    (void)state;
    static invtop_opts o;
    char err[512];
    struct {
        const char *keys;
        double factor;
    } cases[] = {
        {"action = widen:2\n", 2},
        {"action = widen 2\n", 2},
        {"action = widen\nfactor = 2\n", 2},
        {"factor = 2\naction = widen\n", 2},
        {"action = widen:1.5\n", 1.5},
        {"action = widen:2\nfactor = 3\n", 3},
        {"factor = 3\naction = widen:2\n", 2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[300];
        snprintf(text, sizeof text, "[alert v]\nmetric = price\nscope = DVOL\nthreshold = 80\n%s", cases[i].keys);
        cli_defaults(&o);
        if (cli_load_config_text(&o, text, err, sizeof err) != 0)
            fail_msg("%s: refused: %s", cases[i].keys, err);
        const alrtcfg_rule *r = &o.engine.alerts.rule[0];
        if (r->action != ALRT_ACT_WIDEN || r->factor != cases[i].factor)
            fail_msg("%s: action %d factor %g, not widen %g", cases[i].keys, r->action, r->factor, cases[i].factor);
        cli_free(&o);
    }
    /* on the command line too */
    char *argv[] = {"invtop", "--set", "alert v:metric=price", "--set", "alert v:scope=DVOL", "--set",
                    "alert v:threshold=80", "--set", "alert v:action=widen", "--set", "alert v:factor=2", NULL};
    char *e = NULL;
    assert_int_equal(parse(&o, argv, NULL, &e), CLI_RUN);
    free(e);
    assert_int_equal(o.engine.alerts.n, 1);
    assert_int_equal(o.engine.alerts.rule[0].action, ALRT_ACT_WIDEN);
    assert_true(o.engine.alerts.rule[0].factor == 2);
    cli_free(&o);
    /* the other actions */
    const char *act[] = {"pause", "kill", "hedge", "none"};
    const alrtcfg_action want[] = {ALRT_ACT_PAUSE, ALRT_ACT_KILL, ALRT_ACT_HEDGE, ALRT_ACT_NONE};
    for (size_t i = 0; i < 4; i++) {
        char text[200];
        snprintf(text, sizeof text, "[alert a]\nmetric = pnl\nthreshold = 1\naction = %s\n", act[i]);
        cli_defaults(&o);
        assert_int_equal(cli_load_config_text(&o, text, err, sizeof err), 0);
        assert_int_equal(o.engine.alerts.rule[0].action, want[i]);
        cli_free(&o);
    }
}

/* --set 'alert NAME:KEY=V': a rule made on the command line, judged once
 * every --set is read; cli_set changes a key of a rule, and refuses a rule
 * left incomplete. */
static void set_twins(void **state)
{
    (void)state;
    static invtop_opts o;
    char *argv[] = {"invtop", "--set", "alert x:metric=price", "--set", "alert x:threshold=80", "--set",
                    "alert x:scope=DVOL", "--set", "alert x:op=>=", "--set", "alert x:clear=70", "--set",
                    "alert x:severity=critical", "--set", "alert x:action_scope=BTC@DERIBIT", "--set",
                    "alert x:undo=true", "--set", "alert x:for=3", NULL};
    char *e = NULL;
    assert_int_equal(parse(&o, argv, NULL, &e), CLI_RUN);
    free(e);
    assert_int_equal(o.engine.alerts.n, 1);
    const alrtcfg_rule *r = rule(&o, "x");
    assert_non_null(r);
    assert_string_equal(r->metric, "price");
    assert_string_equal(r->scope, "DVOL");
    assert_int_equal(r->rule.op, AL_GE);
    assert_true(r->rule.threshold == 80 && r->rule.clear == 70 && r->rule.for_s == 3);
    assert_int_equal(r->rule.severity, AL_CRITICAL);
    assert_string_equal(r->action_scope, "BTC@DERIBIT");
    assert_true(r->undo);
    /* one --set at a time: a key of a rule there is, judged at once */
    char err[600];
    assert_int_equal(cli_set(&o, "alert x:threshold=90", err, sizeof err), 0);
    assert_true(rule(&o, "x")->rule.threshold == 90);
    assert_int_equal(cli_set(&o, "alert x:clear=95", err, sizeof err), -1); /* above 90 with >= */
    assert_non_null(strstr(err, "--set alert x:clear=95 is refused: [alert x] clear = 95 is above threshold = 90"));
    assert_true(rule(&o, "x")->rule.clear == 70); /* as it was */
    /* a new rule by one --set lacks its threshold: refused, and not added */
    assert_int_equal(cli_set(&o, "alert y:metric=pnl", err, sizeof err), -1);
    assert_string_equal(err, "--set alert y:metric=pnl is refused: [alert y] needs a threshold");
    assert_int_equal(o.engine.alerts.n, 1);
    assert_int_equal(cli_set(&o, "alert x:thresh=1", err, sizeof err), -1);
    assert_string_equal(err, "--set alert x:thresh=1 is refused: unknown key 'thresh' in [alert x]");
    cli_free(&o);
    /* over a config file's rule: --set wins, and the whole is judged after it */
    char *path = write_file(delta_hi);
    char *over[] = {"invtop", "--config", path, "--set", "alert delta_hi:clear=80000", "--set",
                    "alert delta_hi:scope=BTC", NULL};
    assert_int_equal(parse(&o, over, NULL, &e), CLI_RUN);
    free(e);
    r = rule(&o, "delta_hi");
    assert_non_null(r);
    assert_true(r->rule.threshold == 100000 && r->rule.clear == 80000);
    assert_string_equal(r->scope, "BTC");
    cli_free(&o);
    char *bad[] = {"invtop", "--config", path, "--set", "alert delta_hi:clear=200000", NULL};
    assert_int_equal(parse(&o, bad, NULL, &e), CLI_USAGE);
    assert_string_equal(e, "invtop: --set: [alert delta_hi] clear = 200000 is above threshold = 100000: with op > "
                           "the alert fires past the threshold and resolves back past clear, so clear must be at "
                           "most the threshold; try --help\n");
    free(e);
    cli_free(&o);
    unlink(path);
}

/* A bad rule is refused with a reason that names its section, and nothing
 * of the text reaches the rules; the same in a file given to invtop (exit
 * 2, "usage or configuration error"). */
static void bad_rules_refused(void **state)
{
    (void)state;
    static invtop_opts o;
    struct {
        const char *text, *said;
    } bad[] = {
        {"[alert x]\nmetric = delta\nthreshold = 1\n",
         "metric = delta in [alert x] is not a metric: one of net_delta_usd, var_util, var_usd, pnl,"},
        {"[alert x]\nmetric = pnl\n", "[alert x] needs a threshold"},
        {"[alert x]\nthreshold = 1\n", "[alert x] needs a metric (none given)"},
        {"[alert x]\nmetric = pnl\nthreshold = 1\nclear = 2\n",
         "[alert x] clear = 2 is above threshold = 1: with op > the alert fires past the threshold and resolves "
         "back past clear, so clear must be at most the threshold"},
        {"[alert x]\nmetric = msg_rate\nop = <=\nthreshold = 1\nclear = 0.5\n",
         "[alert x] clear = 0.5 is below threshold = 1: with op <= "},
        {"[alert x]\nmetric = pnl\nthreshold = 1\nseverty = critical\n", "unknown key 'severty' in [alert x]"},
        {"[alert x]\nop = =>\n", "op = => in [alert x] is not one of >, >=, <, <= (default >)"},
        {"[alert x]\nseverity = loud\n", "severity = loud in [alert x] is not one of info, warning, critical "
                                         "(default warning)"},
        {"[alert x]\nfor = -1\n", "for = -1 in [alert x] is out of range: 0 to 1000000000 (default 0)"},
        {"[alert x]\nthreshold = nan\n", "threshold = nan in [alert x] is not a number"},
        {"[alert x]\nclear = 1e400\n", "clear = 1e400 in [alert x] is not a number"},
        {"[alert x]\naction = explode\n", "action = explode in [alert x] is not an action: widen:F"},
        {"[alert x]\naction = widen:0\n", "action = widen:0 in [alert x] is not an action"},
        {"[alert x]\naction = pause:2\n", "action = pause:2 in [alert x] is not an action"},
        {"[alert x]\nmetric = pnl\nthreshold = 1\naction = widen\n",
         "[alert x]: widen needs a factor > 0 (action = widen:2, or factor = 2)"},
        {"[alert x]\nfactor = 0\n", "factor = 0 in [alert x] is not a factor: a number from 1e-06 to 1000000"},
        {"[alert x]\nscope = a b\n", "scope = a b in [alert x] is not an underlying, an instrument"},
        {"[alert x]\naction_scope = @V\n", "action_scope = @V in [alert x] is not an underlying"},
        {"[alert x]\nmetric = price\nthreshold = 80\n", "[alert x]: price needs a scope"},
        {"[alert x]\nundo = maybe\n", "undo = maybe in [alert x] is not one of true, false"},
        {"[alert x y]\nmetric = pnl\n", "[alert x y]: an alert's name is 1 to 47 letters, digits, '.', '_' or '-'"},
        {"[alert]\nmetric = pnl\n", "[alert] needs a name: [alert NAME]"},
        {"[alert ok]\nmetric = pnl\nthreshold = 1\n[alert x]\nmetric = nope\n", "metric = nope in [alert x]"},
        {"[alert ok]\nmetric = pnl\nthreshold = 1\n[alert x]\nmetric = pnl\n", "[alert x] needs a threshold"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[512];
        cli_defaults(&o);
        if (cli_load_config_text(&o, bad[i].text, err, sizeof err) == 0)
            fail_msg("accepted: %s", bad[i].text);
        if (!strstr(err, bad[i].said))
            fail_msg("%s: said '%s', not '%s'", bad[i].text, err, bad[i].said);
        /* the section named: the text's last [..] line, the one refused */
        const char *sec = strrchr(bad[i].text, '[');
        char want[64];
        snprintf(want, sizeof want, "%.*s", (int)(strchr(sec, ']') - sec + 1), sec);
        if (!strstr(err, want))
            fail_msg("%s: '%s' does not name %s", bad[i].text, err, want);
        if (o.engine.alerts.n != 0)
            fail_msg("%s: refused, yet %zu rules", bad[i].text, o.engine.alerts.n);
        cli_free(&o);
    }
    /* a name too long for alrtcfg_rule.name (by --set: inih cuts a file's
     * section names at 49 characters) */
    char err[600], set[128];
    snprintf(set, sizeof set, "alert %048d:metric=pnl", 0);
    cli_defaults(&o);
    assert_int_equal(cli_set(&o, set, err, sizeof err), -1);
    assert_non_null(strstr(err, "an alert's name is 1 to 47 letters"));
    assert_int_equal(o.engine.alerts.n, 0);
    cli_free(&o);
    /* the program: exit status 2 (CLI_USAGE), the file and the section named */
    char *path = write_file("[alert x]\nmetric = pnl\nthreshold = 1\nclear = 2\n");
    char *argv[] = {"invtop", "--config", path, NULL};
    char *e = NULL, want[200];
    assert_int_equal(parse(&o, argv, NULL, &e), CLI_USAGE);
    snprintf(want, sizeof want, "invtop: %s: [alert x] clear = 2 is above threshold = 1", path);
    if (strncmp(e, want, strlen(want)) != 0)
        fail_msg("said '%s', not '%s...'", e, want);
    free(e);
    cli_free(&o);
    unlink(path);
    path = write_file("[alert x]\nmetric = pnl\nthreshold = 1\nsevertiy = info\n");
    char *argv2[] = {"invtop", "--config", path, NULL};
    assert_int_equal(parse(&o, argv2, NULL, &e), CLI_USAGE);
    snprintf(want, sizeof want, "invtop: %s:4: unknown key 'severtiy' in [alert x]\n", path);
    assert_string_equal(e, want);
    free(e);
    cli_free(&o);
    unlink(path);
}

/* 64 rules fit; the 65th is refused, in a file or by --set, and the 64
 * stay. */
static void at_most_64_rules(void **state)
{
    (void)state;
    static invtop_opts o;
    static char text[16384];
    size_t len = 0;
    for (int k = 1; k <= ALRT_MAX; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "[alert r%d]\nmetric = pnl\nthreshold = %d\n", k, k);
    char err[600];
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o, text, err, sizeof err), 0);
    assert_int_equal(o.engine.alerts.n, ALRT_MAX);
    static alrtcfg was;
    was = o.engine.alerts;
    assert_int_equal(cli_set(&o, "alert r65:metric=pnl", err, sizeof err), -1);
    assert_string_equal(err, "--set alert r65:metric=pnl is refused: [alert r65]: too many alert rules: at most 64");
    assert_memory_equal(&o.engine.alerts, &was, sizeof was);
    assert_int_equal(cli_set(&o, "alert r3:threshold=30", err, sizeof err), 0); /* a known one still changes */
    assert_true(rule(&o, "r3")->rule.threshold == 30);
    cli_free(&o);
    snprintf(text + len, sizeof text - len, "[alert r65]\nmetric = pnl\nthreshold = 65\n");
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o, text, err, sizeof err), 3 * ALRT_MAX + 2);
    assert_string_equal(err, "[alert r65]: too many alert rules: at most 64");
    assert_int_equal(o.engine.alerts.n, 0); /* nothing of the refused text */
    cli_free(&o);
}

/* --print-config writes the rules back as sections, and reading that gives
 * the same rules (and prints the same again). */
static void print_config_round_trip(void **state)
{
    (void)state;
    static invtop_opts o, back;
    char err[600];
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o,
                                          "[alert delta_hi]\nmetric = net_delta_usd\nop = >\nthreshold = 100000\n"
                                          "clear = 50000\nfor = 0\n"
                                          "[alert vol_spike]\nmetric = price\nop = >\nthreshold = 80\nclear = 70\n"
                                          "severity = critical\nscope = DVOL\naction = widen\nfactor = 2\n"
                                          "action_scope = BTC\nundo = true\n"
                                          "[alert loss]\nmetric = pnl\nop = <=\nthreshold = -2500.5\nfor = 12.25\n"
                                          "severity = info\nscope = mm\naction = pause\nfactor = 3\n"
                                          "[alert tiny]\nmetric = var_util\nop = >=\nthreshold = 0.8\nclear = 0.7\n"
                                          "action = hedge\naction_scope = ETH-PERP@DERIBIT\n",
                                          err, sizeof err),
                     0);
    assert_int_equal(o.engine.alerts.n, 4);
    char *pc = printed(&o);
    const char *want[] = {
        "\n[alert delta_hi]\nmetric = net_delta_usd\nop = >\nthreshold = 100000\nclear = 50000\nfor = 0\n"
        "severity = warning\nundo = false\n",
        "\n[alert vol_spike]\nmetric = price\nop = >\nthreshold = 80\nclear = 70\nfor = 0\nseverity = critical\n"
        "scope = DVOL\naction = widen:2\naction_scope = BTC\nundo = true\n",
        "\n[alert loss]\nmetric = pnl\nop = <=\nthreshold = -2500.5\nfor = 12.25\nseverity = info\nscope = mm\n"
        "action = pause\nfactor = 3\nundo = false\n",
        "\n[alert tiny]\nmetric = var_util\nop = >=\nthreshold = 0.8\nclear = 0.7\nfor = 0\nseverity = warning\n"
        "action = hedge\naction_scope = ETH-PERP@DERIBIT\nundo = false\n",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(pc, want[i]))
            fail_msg("--print-config lacks '%s':\n%s", want[i], pc);
    cli_defaults(&back);
    if (cli_load_config_text(&back, pc, err, sizeof err) != 0)
        fail_msg("--print-config does not load back: %s", err);
    assert_int_equal(back.engine.alerts.n, o.engine.alerts.n);
    assert_memory_equal(back.engine.alerts.rule, o.engine.alerts.rule, o.engine.alerts.n * sizeof *o.engine.alerts.rule);
    char *pc2 = printed(&back);
    assert_string_equal(strchr(pc, '\n'), strchr(pc2, '\n')); /* the first line names the file */
    free(pc), free(pc2);
    cli_free(&o), cli_free(&back);
    /* through the program: --set's rule printed by --print-config */
    char *argv[] = {"invtop", "--set", "alert s:metric=stale_s", "--set", "alert s:threshold=30", "--print-config",
                    NULL};
    char *out = NULL;
    assert_int_equal(parse(&o, argv, &out, NULL), CLI_EXIT_OK);
    if (!strstr(out, "\n[alert s]\nmetric = stale_s\nop = >\nthreshold = 30\nfor = 0\nseverity = warning\n"
                     "undo = false\n"))
        fail_msg("--print-config:\n%s", out);
    free(out);
    cli_free(&o);
}

/* The [alerts] options: defaults (Alertmanager's timing, a 10 s notify
 * timeout, the bell on), the command line, the file, and their ranges. */
static void alert_options(void **state)
{
    (void)state;
    static invtop_opts o;
    char *none[] = {"invtop", NULL};
    assert_int_equal(parse(&o, none, NULL, NULL), CLI_RUN);
    const alrtcfg *a = &o.engine.alerts;
    assert_null(a->notify_cmd);
    assert_true(a->notify_timeout_s == 10);
    assert_true(a->timing.group_wait == 30 && a->timing.group_interval == 300 && a->timing.repeat_interval == 14400);
    assert_false(o.no_bell);
    cli_free(&o);
    char *argv[] = {"invtop", "--notify-cmd", "/usr/bin/logger -t invtop", "--notify-timeout-s", "2.5",
                    "--alert-group-wait-s", "1", "--alert-group-interval-s", "2", "--alert-repeat-s", "60",
                    "--no-bell", NULL};
    char *e = NULL;
    assert_int_equal(parse(&o, argv, NULL, &e), CLI_RUN);
    free(e);
    assert_string_equal(a->notify_cmd, "/usr/bin/logger -t invtop");
    assert_true(a->notify_timeout_s == 2.5);
    assert_true(a->timing.group_wait == 1 && a->timing.group_interval == 2 && a->timing.repeat_interval == 60);
    assert_true(o.no_bell);
    cli_free(&o);
    char *path = write_file("[alerts]\nnotify_cmd = notify.sh --json\nnotify_timeout_s = 3\ngroup_wait_s = 0.5\n"
                            "group_interval_s = 4\nrepeat_s = 600\nno_bell = true\n");
    char *file[] = {"invtop", "--config", path, "--alert-repeat-s", "700", NULL};
    assert_int_equal(parse(&o, file, NULL, &e), CLI_RUN);
    free(e);
    assert_string_equal(a->notify_cmd, "notify.sh --json");
    assert_true(a->notify_timeout_s == 3 && a->timing.group_wait == 0.5 && a->timing.group_interval == 4);
    assert_true(a->timing.repeat_interval == 700); /* the command line wins */
    assert_true(o.no_bell);
    cli_free(&o);
    unlink(path);
    /* the timing must be > 0 (al_timing), the timeout at least 0.1 s */
    struct {
        char *argv[4];
        const char *said;
    } bad[] = {
        {{"invtop", "--alert-group-wait-s", "0", NULL},
         "invtop: --alert-group-wait-s 0 is out of range: 0.001 to 1000000000 (default 30); try --help\n"},
        {{"invtop", "--alert-group-interval-s", "0", NULL},
         "invtop: --alert-group-interval-s 0 is out of range: 0.001 to 1000000000 (default 300); try --help\n"},
        {{"invtop", "--alert-repeat-s", "-1", NULL},
         "invtop: --alert-repeat-s -1 is out of range: 0.001 to 1000000000 (default 14400); try --help\n"},
        {{"invtop", "--notify-timeout-s", "0.05", NULL},
         "invtop: --notify-timeout-s 0.05 is out of range: 0.1 to 86400 (default 10); try --help\n"},
        {{"invtop", "--alert-group-wait-s", "inf", NULL},
         "invtop: --alert-group-wait-s inf is not a number: 0.001 to 1000000000 (default 30); try --help\n"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(parse(&o, bad[i].argv, NULL, &e), CLI_USAGE);
        if (strcmp(e, bad[i].said) != 0)
            fail_msg("%s %s: said '%s', not '%s'", bad[i].argv[1], bad[i].argv[2], e, bad[i].said);
        free(e);
        cli_free(&o);
    }
}

/* --help: the options' lines, the [alert NAME] keys under their heading,
 * every metric in metric's; op's and severity's names are the evaluator's. */
static void help_says_it(void **state)
{
    (void)state;
    static invtop_opts o;
    char *argv[] = {"invtop", "--help", NULL};
    char *help = NULL;
    assert_int_equal(parse(&o, argv, &help, NULL), CLI_EXIT_OK);
    const char *lines[] = {
        "\nAlerts:\n"
        "  --notify-cmd CMD           run CMD (no shell) with each alert as JSON on its standard input: CMD is "
        "split on blanks, no quoting or expansion (default none)\n"
        "  --notify-timeout-s S       a notify command still running after S seconds is killed (default 10)\n"
        "  --alert-group-wait-s S     group wait: a new alert waits S seconds of event time so that alerts that "
        "change together are notified together (default 30)\n"
        /* a left column as wide as the column: still two blanks before the help */
        "  --alert-group-interval-s S  group interval: notifications are sent at most once per S seconds of event "
        "time (default 300)\n"
        "  --alert-repeat-s S         repeat interval: an alert still firing is notified again after S seconds of "
        "event time (default 14400)\n"
        "  --no-bell                  no terminal bell for critical alerts (default false)\n",
        "\nAlert rules, [alert NAME] (at most 64):\n  metric = NAME ",
        "\n  op = >|>=|<|<=             it fires when the metric op threshold holds (default >)\n",
        "\n  threshold = X              the value it fires past (default none, required)\n",
        "\n  for = S                    seconds of event time the breach must hold before it fires (pending until "
        "then) (default 0)\n",
        "\n  severity = info|warning|critical  how loud: critical rings the terminal bell (default warning)\n",
        "\n  undo = true|false          undo the action when the alert resolves (default false)\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        if (!strstr(help, lines[i]))
            fail_msg("--help lacks '%s'", lines[i]);
    const char *keys[] = {"metric", "op", "threshold", "clear", "for", "severity", "scope", "action", "factor",
                          "action_scope", "undo"};
    const char *sec = strstr(help, "\nAlert rules, [alert NAME] (at most 64):\n");
    assert_non_null(sec);
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        char want[64];
        snprintf(want, sizeof want, "\n  %s = ", keys[i]);
        if (!strstr(sec, want))
            fail_msg("--help: no key %s under [alert NAME]", keys[i]);
    }
    free(help);
    /* metric's help names every metric alrt_metric_name knows, and no other */
    const ot_prog *p = cli_prog();
    const ot_row *m = ot_find_key(p->keys, p->nkeys, "alert", "metric");
    assert_non_null(m);
    const char *list = strstr(m->help, ": ") + 2;
    char *names = strndup(list, strcspn(list, "("));
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(names, ", ", &save); t; t = strtok_r(NULL, ", ", &save), n++)
        if (alrt_metric_parse(t) != (int)n)
            fail_msg("metric's help lists '%s' as metric %zu", t, n);
    assert_int_equal(n, ALRT_M_COUNT);
    free(names);
    for (int i = 0; i < AL_OP_COUNT; i++)
        assert_string_equal(clialert_ops[i], al_op_name(i));
    assert_null(clialert_ops[AL_OP_COUNT]);
    for (int i = 0; i < AL_SEVERITY_COUNT; i++)
        assert_string_equal(clialert_severities[i], al_severity_name(i));
    assert_null(clialert_severities[AL_SEVERITY_COUNT]);
}

/* The example config ships rules that load as the file is, and the one
 * left commented out loads once uncommented; it explains every metric. */
static void example_rules_load(void **state)
{
    (void)state;
    static invtop_opts o;
    char err[600];
    char *ex = NULL;
    size_t exlen;
    FILE *f = open_memstream(&ex, &exlen);
    assert_non_null(f);
    cli_print_example(f);
    fclose(f);
    /* each line fits the reader's buffer (a longer one goes on as a line of
     * its own, which is no comment) */
    for (const char *l = ex; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] == '\n'))
        if (strcspn(l, "\n") + 1 >= INI_MAX_LINE)
            fail_msg("the example config has a line of %zu bytes: %.60s...", strcspn(l, "\n"), l);
    for (int k = 0; alrt_metric_name(k); k++) {
        char want[200];
        snprintf(want, sizeof want, "\n#   %-22s %s\n", alrt_metric_name(k), alrt_metric_doc(k));
        if (!strstr(ex, want))
            fail_msg("the example config does not explain %s", alrt_metric_name(k));
    }
    cli_defaults(&o);
    if (cli_load_config_text(&o, ex, err, sizeof err) != 0)
        fail_msg("the example config does not load: %s", err);
    const char *names[] = {"var_high", "var_breach", "delta_high", "drawdown", "feed_silent", "stale", "rejects",
                           "journal"};
    assert_int_equal(o.engine.alerts.n, sizeof names / sizeof *names);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        assert_string_equal(o.engine.alerts.rule[i].name, names[i]);
    const alrtcfg_rule *r = rule(&o, "var_high");
    assert_true(!strcmp(r->metric, "var_util") && r->rule.op == AL_GT && r->rule.threshold == 0.8 &&
                r->rule.clear == 0.7 && r->rule.for_s == 30 && r->rule.severity == AL_WARNING);
    r = rule(&o, "feed_silent");
    assert_true(!strcmp(r->metric, "msg_rate") && r->rule.op == AL_LT && r->rule.threshold == 1 &&
                r->rule.for_s == 10 && r->rule.severity == AL_CRITICAL);
    r = rule(&o, "journal");
    assert_true(!strcmp(r->metric, "journal_error") && r->rule.threshold == 0 && r->rule.severity == AL_CRITICAL);
    cli_free(&o);
    /* uncomment vol_spike: every "# " line from its header to the end */
    char *at = strstr(ex, "\n# [alert vol_spike]\n");
    assert_non_null(at);
    size_t cut = (size_t)(at - ex) + 1;
    char *un = malloc(strlen(ex) + 1), *w = un;
    memcpy(w, ex, cut);
    w += cut;
    for (const char *s = ex + cut; *s;) {
        if (!strncmp(s, "# ", 2))
            s += 2;
        size_t len = strcspn(s, "\n") + (s[strcspn(s, "\n")] == '\n');
        memcpy(w, s, len);
        w += len, s += len;
    }
    *w = '\0';
    cli_defaults(&o);
    if (cli_load_config_text(&o, un, err, sizeof err) != 0)
        fail_msg("vol_spike uncommented does not load: %s", err);
    assert_int_equal(o.engine.alerts.n, 9);
    r = rule(&o, "vol_spike");
    assert_non_null(r);
    assert_true(!strcmp(r->metric, "price") && !strcmp(r->scope, "DVOL") && r->rule.threshold == 80 &&
                r->rule.clear == 70 && r->action == ALRT_ACT_WIDEN && r->factor == 2 &&
                !strcmp(r->action_scope, "BTC") && r->undo && r->rule.severity == AL_CRITICAL);
    cli_free(&o);
    free(un);
    free(ex);
}

/* R (the engine's reload) reads the rules again; the engine takes them at
 * its start (engcfg_live has none), so a change says a restart is needed,
 * and no change does not. */
static void reload_says_restart(void **state)
{
    (void)state;
    char *path = write_file(delta_hi);
    char *argv[] = {"invtop", "--config", path, "--headless", NULL};
    static invtop_opts o;
    assert_int_equal(parse(&o, argv, NULL, NULL), CLI_RUN);
    static engcfg_live live;
    char err[256];
    assert_int_equal(o.engine.reload(o.engine.reload_ctx, &o.engine, &live, err, sizeof err), 0);
    assert_false(live.restart);
    FILE *f = fopen(path, "w");
    fputs("[alert delta_hi]\nmetric = net_delta_usd\nop = >\nthreshold = 200000\nclear = 50000\n", f);
    fclose(f);
    assert_int_equal(o.engine.reload(o.engine.reload_ctx, &o.engine, &live, err, sizeof err), 0);
    assert_true(live.restart);
    f = fopen(path, "w");
    fprintf(f, "%s[alerts]\ngroup_wait_s = 5\n", delta_hi);
    fclose(f);
    assert_int_equal(o.engine.reload(o.engine.reload_ctx, &o.engine, &live, err, sizeof err), 0);
    assert_true(live.restart);
    f = fopen(path, "w");
    fprintf(f, "%s[alerts]\nnotify_cmd = x\n", delta_hi);
    fclose(f);
    assert_int_equal(o.engine.reload(o.engine.reload_ctx, &o.engine, &live, err, sizeof err), 0);
    assert_true(live.restart);
    f = fopen(path, "w");
    fprintf(f, "%s[alert more]\nmetric = pnl\nthreshold = 1\n", delta_hi);
    fclose(f);
    assert_int_equal(o.engine.reload(o.engine.reload_ctx, &o.engine, &live, err, sizeof err), 0);
    assert_true(live.restart);
    cli_free(&o);
    unlink(path);
}

int main(void)
{
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rules_from_a_file),
        cmocka_unit_test(widen_spellings),
        cmocka_unit_test(set_twins),
        cmocka_unit_test(bad_rules_refused),
        cmocka_unit_test(at_most_64_rules),
        cmocka_unit_test(print_config_round_trip),
        cmocka_unit_test(alert_options),
        cmocka_unit_test(help_says_it),
        cmocka_unit_test(example_rules_load),
        cmocka_unit_test(reload_says_restart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
