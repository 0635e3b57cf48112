/* cli.c - command line parsing driven by one option table. */
#include "invtop/cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/version.h"

typedef enum {
    OPT_HEADLESS = 256, OPT_CONNECT, OPT_BIND, OPT_RCVHWM, OPT_INTERVAL, OPT_COUNT, OPT_RECORD,
    OPT_REPLAY, OPT_SPEED, OPT_STALE, OPT_MAXINST, OPT_HELP, OPT_VERSION
} opt_id;

typedef struct {
    const char *name;
    const char *arg; /* NULL: a flag */
    opt_id id;
    const char *group;
    const char *help;
} opt_spec;

static const opt_spec options[] = {
    {"connect", "ENDPOINT", OPT_CONNECT, "Feed", "SUB connects to a publisher (repeatable)"},
    {"bind", "ENDPOINT", OPT_BIND, "Feed", "SUB binds for publishers to connect (repeatable)"},
    {"rcvhwm", "N", OPT_RCVHWM, "Feed", "receive high-water mark in messages (default 1000000)"},
    {"max-instruments", "N", OPT_MAXINST, "Feed", "book capacity (default 16384)"},
    {"stale-ms", "MS", OPT_STALE, "Feed", "price is stale after MS of event time (default 5000)"},
    {"record", "FILE", OPT_RECORD, "Record/replay", "append every accepted message to FILE"},
    {"replay", "FILE", OPT_REPLAY, "Record/replay", "read a recording instead of ZeroMQ"},
    {"speed", "X|max", OPT_SPEED, "Record/replay", "replay speed factor (default 1)"},
    {"headless", NULL, OPT_HEADLESS, "Output", "print JSON snapshots instead of the dashboard"},
    {"interval", "MS", OPT_INTERVAL, "Output", "headless snapshot period (default 1000)"},
    {"count", "N", OPT_COUNT, "Output", "exit after N headless snapshots"},
    {"help", NULL, OPT_HELP, "General", "this help"},
    {"version", NULL, OPT_VERSION, "General", "print the version"},
};
#define N_OPTIONS (sizeof options / sizeof *options)

void cli_defaults(invtop_opts *o)
{
    memset(o, 0, sizeof *o);
    o->interval_s = 1.0;
    o->speed = 1.0;
    o->stale_s = 5.0;
    o->max_instruments = 16384;
    o->feed.rcvhwm = SUB_DEFAULT_RCVHWM;
}

static void print_help(FILE *out)
{
    fprintf(out, "Usage: invtop [OPTION]...\n"
                 "Live terminal dashboard for market-making inventory risk.\n");
    const char *group = "";
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const opt_spec *s = &options[i];
        if (strcmp(group, s->group) != 0) {
            group = s->group;
            fprintf(out, "\n%s:\n", group);
        }
        char left[40];
        snprintf(left, sizeof left, "--%s%s%s", s->name, s->arg ? " " : "", s->arg ? s->arg : "");
        fprintf(out, "  %-26s %s\n", left, s->help);
    }
    fprintf(out, "\nExit status: 0 ok, 1 runtime failure, 2 usage error.\n"
                 "Protocol and snapshot schema: docs/PROTOCOL.md\n");
}

/* Parse a number in [lo, hi]; integral when `integer`. */
static int number(const char *s, double lo, double hi, bool integer, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi) || (integer && v != floor(v)))
        return -1;
    *out = v;
    return 0;
}

static int add_endpoint(const char **list, size_t *n, const char *ep)
{
    if (*n == SUB_MAX_ENDPOINTS || !strstr(ep, "://"))
        return -1;
    list[(*n)++] = ep;
    return 0;
}

/* Apply one option. Returns 0, or -1 when its value is bad. */
static int apply(invtop_opts *o, opt_id id, const char *arg)
{
    double v;
    switch (id) {
    case OPT_HEADLESS: o->headless = true; return 0;
    case OPT_CONNECT: return add_endpoint(o->feed.connect, &o->feed.nconnect, arg);
    case OPT_BIND: return add_endpoint(o->feed.bind, &o->feed.nbind, arg);
    case OPT_RCVHWM:
        if (number(arg, 0, 1e9, true, &v)) return -1;
        o->feed.rcvhwm = (int)v;
        return 0;
    case OPT_INTERVAL:
        if (number(arg, 1, 86400000, false, &v)) return -1;
        o->interval_s = v / 1000;
        return 0;
    case OPT_COUNT:
        if (number(arg, 1, 1e15, true, &v)) return -1;
        o->count = (long long)v;
        return 0;
    case OPT_RECORD: o->record = arg; return 0;
    case OPT_REPLAY: o->replay = arg; return 0;
    case OPT_SPEED:
        if (strcmp(arg, "max") == 0) {
            o->speed = 0;
            return 0;
        }
        if (number(arg, 1e-3, 1e6, false, &v)) return -1;
        o->speed = v;
        return 0;
    case OPT_STALE:
        if (number(arg, 1, 86400000, false, &v)) return -1;
        o->stale_s = v / 1000;
        return 0;
    case OPT_MAXINST:
        if (number(arg, 1, 1000000, true, &v)) return -1;
        o->max_instruments = (size_t)v;
        return 0;
    case OPT_HELP:
    case OPT_VERSION:
        return 0;
    }
    return -1;
}

cli_result cli_parse(int argc, char **argv, invtop_opts *o, FILE *out, FILE *err_out)
{
    struct option longopts[N_OPTIONS + 1];
    for (size_t i = 0; i < N_OPTIONS; i++)
        longopts[i] = (struct option){options[i].name,
                                      options[i].arg ? required_argument : no_argument, NULL,
                                      (int)options[i].id};
    longopts[N_OPTIONS] = (struct option){0, 0, 0, 0};
    optind = 1;
    opterr = 0;
    int c, idx = -1;
    while ((c = getopt_long(argc, argv, "", longopts, &idx)) != -1) {
        if (c == '?' || c == ':') {
            fprintf(err_out, "invtop: unknown option or missing value: '%s'; try --help\n",
                    argv[optind - 1]);
            return CLI_USAGE;
        }
        if (c == OPT_HELP) {
            print_help(out);
            return CLI_EXIT_OK;
        }
        if (c == OPT_VERSION) {
            fprintf(out, "invtop %s\n", INVTOP_VERSION);
            return CLI_EXIT_OK;
        }
        if (apply(o, (opt_id)c, optarg) != 0) {
            const char *name = "?";
            for (size_t i = 0; i < N_OPTIONS; i++)
                if ((int)options[i].id == c)
                    name = options[i].name;
            fprintf(err_out, "invtop: bad value for --%s: '%s'; try --help\n", name,
                    optarg ? optarg : "");
            return CLI_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(err_out, "invtop: unexpected argument '%s'; try --help\n", argv[optind]);
        return CLI_USAGE;
    }
    if (o->replay && (o->feed.nconnect || o->feed.nbind)) {
        fprintf(err_out, "invtop: --replay reads a file; drop --connect/--bind\n");
        return CLI_USAGE;
    }
    if (!o->replay && !o->feed.nconnect && !o->feed.nbind)
        o->feed.connect[o->feed.nconnect++] = "tcp://127.0.0.1:5555";
    return CLI_RUN;
}
