/* test_opttab.c - every option table against everything generated from it:
 * each row's typed default is what --help, the man page, the example config
 * and --print-config show, and what the options struct holds; the library
 * defaults (*_default_params) agree with the tables; --print-config prints
 * the values in force; a reload reads the file again. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "invtop/app.h"
#include "tui/cli.h"
#include "tui/opttab.h"
#include "tui/toolopts.h"

/* ---- capture ---- */

typedef struct {
    FILE *f;
    char *buf;
    size_t len;
} capture;

static FILE *cap_open(capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    assert_non_null(c->f);
    return c->f;
}

static char *cap_close(capture *c)
{
    fclose(c->f);
    return c->buf;
}

/* ---- what a row's default should look like, worked out here ---- */

static bool is_num(ot_type t)
{
    return t == OT_DOUBLE || t == OT_MS || t == OT_INT || t == OT_LLONG || t == OT_SIZE || t == OT_ULONG;
}

/* The default as text, or NULL for none shown; *unset says it is the
 * row's description of no value rather than a value. */
static const char *expected(const ot_row *r, char *buf, size_t cap, bool *unset)
{
    *unset = false;
    if (is_num(r->type)) {
        if ((r->flags & OT_MAX) && r->def == 0)
            return "max";
        if (!(r->def >= r->min && r->def <= r->max)) {
            *unset = true;
            return r->unset;
        }
        if (r->type == OT_DOUBLE || r->type == OT_MS)
            snprintf(buf, cap, "%.15g", r->def);
        else
            snprintf(buf, cap, "%lld", (long long)r->def);
        return buf;
    }
    switch (r->type) {
    case OT_FLAG: return r->def != 0 ? "true" : "false";
    case OT_CHOICE: {
        size_t n = 0;
        while (r->choices[n])
            n++;
        if (r->def >= 0 && r->def < (double)n)
            return r->choices[(size_t)r->def];
        *unset = true;
        return r->unset;
    }
    case OT_STR:
    case OT_ENDPOINT:
    case OT_LIST:
    case OT_CUSTOM:
        if (r->defs)
            return r->defs;
        *unset = true;
        return r->unset;
    default: return NULL;
    }
}

/* The line of text starting with prefix, after the first line equal to
 * after (NULL: from the start); NULL when none. Returns a copy. */
static char *line_after(const char *text, const char *after, const char *prefix)
{
    const char *p = text;
    if (after) {
        size_t n = strlen(after);
        for (p = text; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
            if (!strncmp(p, after, n) && (p[n] == '\n' || p[n] == '\0'))
                break;
        if (!p)
            return NULL;
    }
    size_t n = strlen(prefix);
    for (; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (after && p != text && p[0] == '[' && strncmp(p, after, strlen(after)) != 0)
            return NULL; /* the next config section */
        if (!strncmp(p, prefix, n))
            return strndup(p, strcspn(p, "\n"));
    }
    return NULL;
}

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && !strcmp(s + a - b, tail);
}

/* roff as the man page writes it: '-' as '\-'. */
static void roffed(const char *s, char *out, size_t cap)
{
    size_t k = 0;
    for (; *s && k + 3 < cap; s++) {
        if (*s == '-')
            out[k++] = '\\';
        out[k++] = *s;
    }
    out[k] = '\0';
}

/* The default shown in --help for every row of p (options and keys), and
 * in the man page. */
static size_t check_help_and_man(const ot_prog *p, const char *help, const char *man)
{
    size_t checked = 0;
    for (int keys = 0; keys < 2; keys++) {
        const ot_row *rows = keys ? p->keys : p->rows;
        size_t n = keys ? p->nkeys : p->nrows;
        for (size_t i = 0; i < n; i++) {
            const ot_row *r = &rows[i];
            if (!keys && !r->name && !r->section)
                continue;
            char buf[256], prefix[sizeof buf + 16], heading[256], note[300]; /* prefix: buf and the .BR */
            bool unset;
            const char *d = expected(r, buf, sizeof buf, &unset);
            if (r->type == OT_FLAG && !r->section)
                d = NULL; /* a plain switch shows no default */
            snprintf(heading, sizeof heading, "%s:", r->group);
            if (keys)
                snprintf(prefix, sizeof prefix, "  %s = ", r->key);
            else if (!r->name) /* a config key only: as --set takes it */
                snprintf(prefix, sizeof prefix, "  %s:%s=", r->section, r->key);
            else
                snprintf(prefix, sizeof prefix, "  --%s ", r->name);
            char *line = line_after(help, heading, prefix);
            if (!line)
                fail_msg("%s --help: no line for %s under '%s'", p->name, r->name ? r->name : r->key, heading);
            snprintf(note, sizeof note, " (default %s)", d ? d : "");
            if (d ? !ends_with(line, note) : strstr(line, "(default") != NULL)
                fail_msg("%s --help: '%s' should end with '%s'", p->name, line, d ? note : "no default");
            free(line);
            /* the man page: the row's heading line, then its help with the default */
            if (keys)
                snprintf(prefix, sizeof prefix, ".BR %s \" = \"", r->key);
            else if (!r->name)
                snprintf(prefix, sizeof prefix, ".BR %s:%s \"=\"", r->section, r->key);
            else
                roffed(r->name, buf, sizeof buf), snprintf(prefix, sizeof prefix, ".BR \\-\\-%s%s", buf, r->arg ? " " : "\n");
            const char *at = strstr(man, prefix);
            if (keys) {
                snprintf(heading, sizeof heading, ".SS %s\n", r->group);
                char g[300];
                roffed(heading, g, sizeof g);
                const char *sec = strstr(man, g);
                assert_non_null(sec);
                at = strstr(sec, prefix);
            }
            if (!at)
                fail_msg("%s man page: no entry %s", p->name, prefix);
            const char *body = strchr(at, '\n') + 1;
            char *bl = strndup(body, strcspn(body, "\n"));
            if (d) {
                char want[300];
                roffed(note, want, sizeof want);
                if (!strstr(bl, want))
                    fail_msg("%s man page: '%s' lacks '%s'", p->name, bl, want);
            } else if (strstr(bl, "(default")) {
                fail_msg("%s man page: '%s' shows a default", p->name, bl);
            }
            free(bl);
            checked++;
        }
    }
    return checked;
}

/* The typed default is what the options struct holds after the defaults. */
static void check_struct(const ot_prog *p, const void *obj)
{
    for (size_t i = 0; i < p->nrows; i++) {
        const ot_row *r = &p->rows[i];
        if (r->type == OT_HELP || r->type == OT_VERSION || r->type == OT_MANPAGE || r->type == OT_LIST ||
            (r->type == OT_CUSTOM && !r->format) || (r->flags & OT_NEGATE))
            continue;
        char buf[256], got[256];
        bool unset;
        const char *d = expected(r, buf, sizeof buf, &unset);
        bool set = ot_format(r, obj, got, sizeof got);
        if (unset ? set : !set || strcmp(got, d) != 0)
            fail_msg("%s --%s: the struct holds '%s', the table says %s", p->name, r->name, set ? got : "(unset)",
                     unset ? "unset" : d);
    }
}

static void invtop_defaults_everywhere(void **state)
{
    (void)state;
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
    const ot_prog *p = cli_prog();
    capture h, m, e, c;
    static invtop_opts o;
    char *help_argv[] = {"invtop", "--help", NULL};
    cli_defaults(&o);
    assert_int_equal(cli_parse(2, help_argv, &o, cap_open(&h), stderr), CLI_EXIT_OK);
    cli_print_manpage(cap_open(&m), NULL);
    cli_print_example(cap_open(&e));
    char *pc_argv[] = {"invtop", "--print-config", NULL};
    cli_defaults(&o);
    assert_int_equal(cli_parse(2, pc_argv, &o, cap_open(&c), stderr), CLI_EXIT_OK);
    char *help = cap_close(&h), *man = cap_close(&m), *ex = cap_close(&e), *pc = cap_close(&c);
    size_t n = check_help_and_man(p, help, man);
    assert_true(n >= 70);
    size_t in_files = 0;
    for (size_t i = 0; i < p->nrows; i++) {
        const ot_row *r = &p->rows[i];
        if (!r->section)
            continue;
        char buf[256], sec[64], want[300];
        bool unset;
        const char *d = expected(r, buf, sizeof buf, &unset);
        snprintf(sec, sizeof sec, "[%s]", r->section);
        /* the example config: "# key = default", "# key =" when unset */
        snprintf(want, sizeof want, "# %s =", r->key);
        char *line = line_after(ex, sec, want);
        if (!line)
            fail_msg("example config: no '%s' in %s", want, sec);
        if (!unset)
            snprintf(want + strlen(want), sizeof want - strlen(want), " %s", d);
        if (strcmp(line, want) != 0)
            fail_msg("example config: '%s', expected '%s'", line, want);
        free(line);
        /* --print-config, nothing given: the default in force */
        snprintf(want, sizeof want, unset ? "# %s =" : "%s = ", r->key);
        line = line_after(pc, sec, want);
        if (!line)
            fail_msg("--print-config: no '%s' in %s", want, sec);
        if (!unset) {
            snprintf(want + strlen(want), sizeof want - strlen(want), "%s", d);
            if (strcmp(line, want) != 0)
                fail_msg("--print-config: '%s', expected '%s'", line, want);
        }
        free(line);
        in_files++;
    }
    assert_true(in_files >= 45);
    /* what the acceptance asks by name */
    assert_non_null(strstr(pc, "\nconnect = tcp://127.0.0.1:5555\n"));
    assert_non_null(strstr(help, "Per-instrument keys"));
    assert_non_null(strstr(man, "max_pos_lots"));
    cli_defaults(&o);
    check_struct(p, &o);
    free(help), free(man), free(ex), free(pc);
    cli_free(&o);
}

/* A config key without a --name (set on the command line by --set) is in
 * --help, the man page and the example config all the same, as --set
 * takes it; a row with neither name nor section stays out. */
static void config_only_keys_shown(void **state)
{
    (void)state;
    typedef struct {
        double x, y;
        bool f;
    } obj;
    static const ot_row rows[] = {
        {.name = "x", .arg = "X", .group = "G", .section = "s", .key = "x", .type = OT_DOUBLE, .def = 1, .min = 0,
         .max = 9, .off = offsetof(obj, x), .help = "named"},
        {.arg = "Y", .group = "G", .section = "s", .key = "y", .type = OT_DOUBLE, .def = 2, .min = 0, .max = 9,
         .off = offsetof(obj, y), .help = "config only"},
        {.group = "G", .section = "t", .key = "f", .type = OT_FLAG, .def = 1, .off = offsetof(obj, f),
         .help = "config flag"},
        {.group = "G", .type = OT_DOUBLE, .def = 3, .min = 0, .max = 9, .off = offsetof(obj, y), .help = "nowhere"},
    };
    const ot_prog p = {.name = "t", .version = "1", .synopsis = "", .summary = "test", .rows = rows, .nrows = 4};
    capture h, m, e;
    ot_print_help(&p, cap_open(&h));
    ot_print_man(&p, cap_open(&m), NULL);
    ot_print_example(&p, cap_open(&e));
    char *help = cap_close(&h), *man = cap_close(&m), *ex = cap_close(&e);
    const char *in_help[] = {"\n  s:y=Y", "config only (default 2)\n", "\n  t:f=true|false", "config flag (default true)\n"};
    for (size_t i = 0; i < sizeof in_help / sizeof *in_help; i++)
        if (!strstr(help, in_help[i]))
            fail_msg("--help lacks '%s':\n%s", in_help[i], help);
    assert_null(strstr(help, "nowhere"));
    if (!strstr(man, ".TP\n.BR s:y \"=\" \"\\fIY\\fR\"\nconfig only (default 2). Config: [s] y, or \\-\\-set 's:y=Y'.\n"))
        fail_msg("man page:\n%s", man);
    assert_null(strstr(man, "nowhere"));
    if (!strstr(ex, "[s]\n# named (--x X)\n# x = 1\n# config only (--set 's:y=Y')\n# y = 2\n") ||
        !strstr(ex, "[t]\n# config flag (--set 't:f=true|false')\n# f = true\n"))
        fail_msg("example config:\n%s", ex);
    free(help), free(man), free(ex);
}

static void tools_defaults_everywhere(void **state)
{
    (void)state;
    const ot_prog *progs[] = {feed_prog(), sim_prog(), relay_prog()};
    static feed_opts fo;
    static sim_opts so;
    static relay_opts ro;
    feed_defaults(&fo);
    sim_defaults(&so);
    relay_defaults(&ro);
    const void *objs[] = {&fo, &so, &ro};
    for (size_t k = 0; k < 3; k++) {
        capture h, m;
        ot_print_help(progs[k], cap_open(&h));
        ot_print_man(progs[k], cap_open(&m), NULL);
        char *help = cap_close(&h), *man = cap_close(&m);
        assert_true(check_help_and_man(progs[k], help, man) >= 8);
        check_struct(progs[k], objs[k]);
        free(help), free(man);
    }
    /* each program prints its own through its parser */
    char *feed_argv[] = {"invtop-feed", "--manpage", NULL};
    capture m;
    assert_int_equal(feed_parse(2, feed_argv, &fo, cap_open(&m), stderr), 1);
    char *man = cap_close(&m);
    assert_non_null(strstr(man, ".TH INVTOP-FEED 1"));
    assert_non_null(strstr(man, "(default 1000)"));
    free(man);
}

/* The engine's defaults (engcfg_defaults: the risk runner's, the quotes',
 * its own) agree with the table's, for every row that fills the engine's
 * configuration: one number, two writers, this test between them. */
static void library_defaults_agree(void **state)
{
    (void)state;
    static invtop_opts lib, tab;
    memset(&lib, 0, sizeof lib);
    engcfg_defaults(&lib.engine);
    cli_defaults(&tab);
    const ot_prog *p = cli_prog();
    const size_t lo = offsetof(invtop_opts, engine), hi = lo + sizeof(engcfg);
    size_t compared = 0;
    for (size_t i = 0; i < p->nrows; i++) {
        const ot_row *r = &p->rows[i];
        if (r->type == OT_HELP || r->type == OT_VERSION || r->type == OT_MANPAGE ||
            (r->type == OT_CUSTOM && !r->format) || (r->flags & OT_NEGATE))
            continue; /* no value of its own */
        bool levels = r->name && !strcmp(r->name, "var-levels"); /* custom: no offset */
        if (!levels && !(r->off >= lo && r->off < hi))
            continue; /* the views' and the command line's */
        char a[256], b[256];
        bool sa = ot_format(r, &lib, a, sizeof a), sb = ot_format(r, &tab, b, sizeof b);
        if (sa != sb || strcmp(a, b) != 0)
            fail_msg("--%s: the engine's default %s, the table's %s", r->name ? r->name : r->key,
                     sa ? a : "(unset)", sb ? b : "(unset)");
        compared++;
    }
    assert_true(compared >= 45);
    assert_true(isnan(tab.engine.risk.default_iv) && isnan(lib.engine.risk.default_iv));
    assert_true(isnan(tab.engine.quote.session_end) && isnan(lib.engine.quote.session_end));
    /* q_max_lots unset: the position limit (app_init) */
    assert_true(isnan(tab.engine.quote.q_max_lots) && isnan(lib.engine.quote.q_max_lots));
    /* what no option sets comes from the libraries, the same either way */
    assert_true(lib.engine.risk.mc_async && tab.engine.risk.mc_async);
    assert_true(lib.engine.quote.delta == tab.engine.quote.delta && lib.engine.quote.delta > 0);
    assert_null(lib.engine.reload);
    /* the other programs */
    static feed_opts fo;
    feed_defaults(&fo);
    synth_opts so;
    synth_default_opts(&so);
    assert_true(fo.synth.instruments == so.instruments && fo.synth.seed == so.seed &&
                fo.synth.scenario == so.scenario && fo.synth.underlyings == so.underlyings);
    static sim_opts sm;
    sim_defaults(&sm);
    assim_params ap;
    assim_default_params(&ap);
    cl_params cp;
    cl_default_params(&cp);
    assert_true(sm.paper.paths == ap.paths && sm.seed == ap.seed && sm.seed == cp.seed);
    assert_true(sm.loop.seconds == cp.seconds && sm.loop.rate == cp.rate && sm.loop.interval_s == cp.interval_s &&
                sm.loop.latency_s == cp.latency_s);
    /* the names of choices are the enums' */
    const ot_row *model = ot_find_name(p->rows, p->nrows, "model");
    for (int m = 0; m < SKEW_MODELS; m++)
        assert_string_equal(model->choices[m], skew_model_name((skew_model)m));
    assert_null(model->choices[SKEW_MODELS]);
    const ot_row *th = ot_find_name(p->rows, p->nrows, "theme");
    for (int t = 0; th->choices[t]; t++) {
        theme_scheme ts;
        assert_int_equal(theme_parse(th->choices[t], &ts), 0);
        assert_int_equal((int)ts, t);
    }
    const ot_row *scen = ot_find_name(feed_prog()->rows, feed_prog()->nrows, "scenario");
    for (int s = 0; scen->choices[s]; s++) {
        synth_scenario sc;
        assert_int_equal(synth_parse_scenario(scen->choices[s], &sc), 0);
        assert_int_equal((int)sc, s);
    }
}

static char *write_file(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_opttab_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static void print_config_in_force(void **state)
{
    (void)state;
    char *path = write_file("[risk]\nwindow = 300\nvar_levels = 0.9\n[quotes]\nmodel = as\n"
                            "[instrument BTC-PERP]\ngamma = 0.1\nmax_pos_lots = 20\n[venue X]\nfee_unit = base\n");
    static invtop_opts o;
    char *argv[] = {"invtop", "--config", path, "--gamma", "0.2", "--bind", "tcp://*:7",
                    "--set", "book mm:max_var_usd=20000", "--trader", "--print-config", NULL};
    capture c;
    cli_defaults(&o);
    assert_int_equal(cli_parse(11, argv, &o, cap_open(&c), stderr), CLI_EXIT_OK);
    char *pc = cap_close(&c);
    const char *want[] = {"\ngamma = 0.2\n", "\nwindow = 300\n", "\nvar_levels = 0.9\n", "\nmodel = as\n",
                          "\nbind = tcp://*:7\n", "\n# connect =\n", "\ntrader = true\n",
                          "\n[instrument BTC-PERP]\ngamma = 0.1\nmax_pos_lots = 20\n", "\n[venue X]\nfee_unit = base\n",
                          "\n[book mm]\nmax_var_usd = 20000\n", "\nk = 0.3\n"};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(pc, want[i]))
            fail_msg("--print-config lacks '%s':\n%s", want[i], pc);
    assert_true(o.engine.quote.model == SKEW_AS && o.engine.params.n == 3);
    /* what it prints loads back and prints the same */
    static invtop_opts back;
    cli_defaults(&back);
    char err[256];
    assert_int_equal(cli_load_config_text(&back, pc, err, sizeof err), 0);
    capture c2;
    cli_print_config(&back, cap_open(&c2));
    char *pc2 = cap_close(&c2);
    assert_string_equal(strchr(pc, '\n'), strchr(pc2, '\n')); /* the first line names the file */
    free(pc), free(pc2);
    cli_free(&o), cli_free(&back);
    unlink(path);
}

static void values_are_checked(void **state)
{
    (void)state;
    const ot_prog *p = cli_prog();
    static invtop_opts o;
    cli_defaults(&o);
    char err[256];
    for (int keys = 0; keys < 2; keys++) {
        const ot_row *rows = keys ? p->keys : p->rows;
        size_t n = keys ? p->nkeys : p->nrows;
        for (size_t i = 0; i < n; i++) {
            const ot_row *r = &rows[i];
            inst_param block = ip_none(IP_INSTRUMENT, "X");
            or_scenario scen = {.name = "X", .driver_move = NAN}; /* [scenario NAME]'s block */
            alrtcfg_rule rule = alrtcfg_rule_new("X");           /* [alert NAME]'s */
            void *obj = !keys                              ? (void *)&o
                        : !strcmp(r->section, "scenario") ? (void *)&scen
                        : !strcmp(r->section, "alert")    ? (void *)&rule
                                                          : (void *)&block;
            if (is_num(r->type)) {
                char v[64];
                snprintf(v, sizeof v, "%.17g", r->max * 2 + 1);
                assert_int_equal(ot_set(r, obj, v, err, sizeof err), -1);
                snprintf(v, sizeof v, "%.17g", r->min - fabs(r->min) - 1);
                assert_int_equal(ot_set(r, obj, v, err, sizeof err), -1);
                assert_int_equal(ot_set(r, obj, "abc", err, sizeof err), -1);
                snprintf(v, sizeof v, "%.17g", r->max);
                assert_int_equal(ot_set(r, obj, v, err, sizeof err), 0);
            } else if (r->type == OT_CHOICE) {
                assert_int_equal(ot_set(r, obj, "no-such", err, sizeof err), -1);
                assert_int_equal(ot_set(r, obj, r->choices[0], err, sizeof err), 0);
            } else if (r->type == OT_ENDPOINT || r->type == OT_LIST) {
                assert_int_equal(ot_set(r, obj, "no-scheme", err, sizeof err), -1);
            }
        }
    }
    /* the config file's errors name the key and the section */
    cli_defaults(&o);
    assert_int_equal(cli_load_config_text(&o, "[risk]\nhorizon = 5\n", err, sizeof err), 2);
    assert_string_equal(err, "unknown key 'horizon' in [risk]");
    assert_int_equal(cli_load_config_text(&o, "[quotes]\ngamma = -1\n", err, sizeof err), 2);
    assert_string_equal(err, "gamma = -1 in [quotes] is out of range: 1e-09 to 1000000 (default 0.05)");
    assert_int_equal(cli_load_config_text(&o, "[book b]\nlot = 1\n", err, sizeof err), 2);
    assert_string_equal(err, "unknown key 'lot' in [book b]");
    /* a delta limit is an underlying's or a book's: an instrument's would be
     * read and then never applied */
    assert_int_equal(cli_load_config_text(&o, "[instrument X]\nmax_delta_usd = 5\n", err, sizeof err), 2);
    assert_string_equal(err, "unknown key 'max_delta_usd' in [instrument X]");
    assert_int_equal(cli_load_config_text(&o, "[underlying X]\nmax_delta_usd = 5\n", err, sizeof err), 0);
    assert_int_equal(cli_set(&o, "quotes:gamma", err, sizeof err), -1);
    cli_free(&o);
}

static void reload_reads_again(void **state)
{
    (void)state;
    char *path = write_file("[quotes]\ngamma = 0.1\n");
    char *argv[] = {"invtop", "--config", path, "--headless", "--window", "100", "--journal", "/dev/null", NULL};
    static invtop_opts o;
    cli_defaults(&o);
    assert_int_equal(cli_parse(8, argv, &o, stderr, stderr), CLI_RUN);
    assert_non_null(o.engine.reload);
    static app a;
    assert_int_equal(app_init(&a, &o.engine, NULL, true, NULL), 0);
    assert_true(a.qt.p.gamma == 0.1 && a.qt.p.q_max_lots == 50); /* unset: the position limit */
    FILE *f = fopen(path, "w");
    fputs("[quotes]\ngamma = 0.3\n[risk]\nlimit_pos_lots = 7\n[instrument X]\ntick = 0.5\n", f);
    fclose(f);
    static engcfg_live live;
    char err[256];
    assert_int_equal(o.engine.reload(o.engine.reload_ctx, &o.engine, &live, err, sizeof err), 0);
    assert_true(live.quote.gamma == 0.3 && live.limits.max_pos_lots == 7 && live.params.n == 1);
    assert_true(isnan(live.quote.q_max_lots) && !live.restart);
    assert_true(live.params.e[0].v[IP_TICK] == 0.5);
    char msg[256];
    assert_int_equal(app_reload(&a, msg, sizeof msg), 0); /* the engine's R: the same hook */
    assert_true(a.qt.p.gamma == 0.3 && a.qt.p.q_max_lots == 7 && a.risk.p.limits.max_pos_lots == 7);
    assert_true(a.params.n == 1 && ip_block(&a.params, IP_INSTRUMENT, "X") != NULL);
    f = fopen(path, "w");
    fputs("[quotes]\ngamma = zero\n", f);
    fclose(f);
    assert_int_equal(o.engine.reload(o.engine.reload_ctx, &o.engine, &live, err, sizeof err), -1);
    assert_non_null(strstr(err, ":2: gamma = zero in [quotes] is not a number: 1e-09 to 1000000 (default 0.05)"));
    assert_int_equal(app_reload(&a, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "reload refused: invtop: "));
    assert_true(a.qt.p.gamma == 0.3); /* nothing changed */
    /* the options desk is set up once: a change of it needs a restart, and R says so */
    f = fopen(path, "w");
    fputs("[quotes]\ngamma = 0.3\n[stress]\nvol_up = 0.7\n", f);
    fclose(f);
    assert_int_equal(o.engine.reload(o.engine.reload_ctx, &o.engine, &live, err, sizeof err), 0);
    assert_true(live.restart);
    assert_int_equal(app_reload(&a, msg, sizeof msg), 0);
    assert_non_null(strstr(msg, "the options desk (stress, scenarios, ladder, explain), alert rules and notifications need a restart"));
    app_free(&a);
    cli_free(&o);
    unlink(path);
}

/* R with no config file says so and where it looked, and changes nothing
 * (issue 19, item 16): re-reading the command line alone is no reload. */
static void reload_without_a_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/test_opttab_cfg_XXXXXX";
    assert_non_null(mkdtemp(dir));
    setenv("XDG_CONFIG_HOME", dir, 1);
    char *argv[] = {"invtop", "--headless", "--gamma", "0.2", "--journal", "/dev/null", NULL};
    static invtop_opts o;
    cli_defaults(&o);
    assert_int_equal(cli_parse(6, argv, &o, stderr, stderr), CLI_RUN);
    assert_null(o.config);
    static app a;
    assert_int_equal(app_init(&a, &o.engine, NULL, true, NULL), 0);
    char msg[256], where[300];
    snprintf(where, sizeof where, "%s/invtop/invtop.ini", dir);
    assert_int_equal(app_reload(&a, msg, sizeof msg), -1);
    if (!strstr(msg, "no config file") || !strstr(msg, where) || strstr(msg, "reloaded"))
        fail_msg("R without a config file said '%s'", msg);
    assert_true(a.qt.p.gamma == 0.2);
    /* once the file is there, R reads it */
    char subdir[320];
    snprintf(subdir, sizeof subdir, "%s/invtop", dir);
    assert_int_equal(mkdir(subdir, 0700), 0);
    FILE *f = fopen(where, "w");
    assert_non_null(f);
    fputs("[quotes]\nk = 0.5\n", f);
    fclose(f);
    assert_int_equal(app_reload(&a, msg, sizeof msg), 0);
    assert_non_null(strstr(msg, "config reloaded"));
    assert_true(a.qt.p.k == 0.5 && a.qt.p.gamma == 0.2); /* the command line still wins */
    app_free(&a);
    cli_free(&o);
    unlink(where);
    rmdir(subdir);
    rmdir(dir);
    setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
}

/* Every needs column names an option of its own table, and help and the man
 * page say it ("with --attach: ") where the row's own help does not. */
static void needs_name_options(void **state)
{
    (void)state;
    const ot_prog *progs[] = {cli_prog(), feed_prog(), sim_prog(), relay_prog()};
    size_t rows_with = 0;
    for (size_t k = 0; k < 4; k++) {
        capture h, m;
        ot_print_help(progs[k], cap_open(&h));
        ot_print_man(progs[k], cap_open(&m), NULL);
        char *help = cap_close(&h), *man = cap_close(&m);
        for (size_t i = 0; i < progs[k]->nrows; i++) {
            const ot_row *r = &progs[k]->rows[i];
            if (!r->needs)
                continue;
            const ot_row *n = ot_find_name(progs[k]->rows, progs[k]->nrows, r->needs);
            if (!n || n == r)
                fail_msg("%s --%s needs '%s', not an other option of %s", progs[k]->name, r->name, r->needs,
                         progs[k]->name);
            assert_true(r->name != NULL);
            char want[128], roffed_want[256];
            snprintf(want, sizeof want, "with --%s: %s", r->needs, r->help);
            if (!strstr(help, want))
                fail_msg("%s --help lacks '%s'", progs[k]->name, want);
            roffed(want, roffed_want, sizeof roffed_want);
            if (!strstr(man, roffed_want))
                fail_msg("%s man page lacks '%s'", progs[k]->name, roffed_want);
            rows_with++;
        }
        free(help), free(man);
    }
    assert_true(rows_with >= 18);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(invtop_defaults_everywhere),
        cmocka_unit_test(tools_defaults_everywhere),
        cmocka_unit_test(config_only_keys_shown),
        cmocka_unit_test(library_defaults_agree),
        cmocka_unit_test(print_config_in_force),
        cmocka_unit_test(values_are_checked),
        cmocka_unit_test(reload_reads_again),
        cmocka_unit_test(reload_without_a_file),
        cmocka_unit_test(needs_name_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
