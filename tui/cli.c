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
    OPT_REPLAY, OPT_SPEED, OPT_STALE, OPT_MAXINST, OPT_HELP, OPT_VERSION,
    OPT_SAMPLE, OPT_WINDOW, OPT_LAMBDA, OPT_HORIZON, OPT_VARLEVELS, OPT_ESLEVEL, OPT_MCPATHS,
    OPT_MCSEED, OPT_RATE, OPT_IV, OPT_MAXUND, OPT_HISTORY, OPT_LIM_POS, OPT_LIM_DELTA, OPT_LIM_VAR,
    OPT_MODEL, OPT_GAMMA, OPT_K, OPT_FILL_A, OPT_TAU, OPT_SESSION_END, OPT_SKEW_FACTOR, OPT_VOL_MULT,
    OPT_MIN_SPREAD, OPT_QMAX, OPT_QUOTES, OPT_CLOCK, OPT_DEMO, OPT_TRADER, OPT_READONLY,
    OPT_NO_COLOR, OPT_THEME, OPT_FPS, OPT_JOURNAL, OPT_LIST_OVR, OPT_REFRESH, OPT_OVR_TTL,
    OPT_KEYGEN, OPT_KEY_NAME, OPT_CURVE_SECRET, OPT_ALLOW_KEYS, OPT_SERVER_KEY, OPT_Q_SECRET,
    OPT_Q_ALLOW
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
    {"curve-secret", "FILE", OPT_CURVE_SECRET, "Security", "CURVE key pair for the feed socket (server on --bind)"},
    {"allow-keys", "FILE|DIR", OPT_ALLOW_KEYS, "Security", "publishers' public keys allowed to send (with --bind)"},
    {"server-key", "KEY|FILE", OPT_SERVER_KEY, "Security", "CURVE public key of the publisher of the last --connect"},
    {"quotes-curve-secret", "FILE", OPT_Q_SECRET, "Security", "CURVE key pair for the quote channel"},
    {"quotes-allow-keys", "FILE|DIR", OPT_Q_ALLOW, "Security", "quoting engines' public keys allowed to read quotes"},
    {"keygen", "DIR", OPT_KEYGEN, "Security", "write a key pair DIR/NAME.key (0600) and DIR/NAME.pub, then exit"},
    {"key-name", "NAME", OPT_KEY_NAME, "Security", "the NAME for --keygen (default invtop)"},
    {"record", "FILE", OPT_RECORD, "Record/replay", "append every accepted message to FILE"},
    {"replay", "FILE", OPT_REPLAY, "Record/replay", "read a recording instead of ZeroMQ"},
    {"speed", "X|max", OPT_SPEED, "Record/replay", "replay speed factor (default 1)"},
    {"sample-ms", "MS", OPT_SAMPLE, "Risk", "sample underlying prices every MS of event time (default 1000)"},
    {"window", "N", OPT_WINDOW, "Risk", "returns kept for historical VaR (default 500)"},
    {"ewma-lambda", "L", OPT_LAMBDA, "Risk", "EWMA covariance decay (default 0.94)"},
    {"horizon-s", "S", OPT_HORIZON, "Risk", "VaR horizon in seconds, sqrt-of-time scaled (default 60)"},
    {"var-levels", "P,P", OPT_VARLEVELS, "Risk", "VaR confidence levels (default 0.95,0.99)"},
    {"es-level", "P", OPT_ESLEVEL, "Risk", "expected shortfall level (default 0.975)"},
    {"mc-paths", "N", OPT_MCPATHS, "Risk", "Monte Carlo paths (default 10000)"},
    {"mc-seed", "N", OPT_MCSEED, "Risk", "Monte Carlo seed (default 42)"},
    {"risk-free-rate", "R", OPT_RATE, "Risk", "continuous rate for option pricing (default 0)"},
    {"iv", "VOL", OPT_IV, "Risk", "implied vol for options that carry none (default: none)"},
    {"max-underlyings", "N", OPT_MAXUND, "Risk", "underlyings modelled (default 256)"},
    {"history", "FILE", OPT_HISTORY, "Risk", "preload price samples (CSV: time,NAME,...)"},
    {"limit-pos-lots", "N", OPT_LIM_POS, "Limits", "max position per instrument in lots (default 50)"},
    {"limit-delta-usd", "X", OPT_LIM_DELTA, "Limits", "max net delta per underlying in USD (default 1e6)"},
    {"limit-var-usd", "X", OPT_LIM_VAR, "Limits", "max portfolio VaR in USD (default 1e5)"},
    {"model", "NAME", OPT_MODEL, "Quotes", "skew model: glft, glft0, as, linear, none (default glft)"},
    {"gamma", "G", OPT_GAMMA, "Quotes", "risk aversion per bp and lot (default 0.05)"},
    {"k", "K", OPT_K, "Quotes", "fill intensity decay per bp (default 0.3)"},
    {"fill-a", "A", OPT_FILL_A, "Quotes", "fill intensity at the mid, per second (default 2)"},
    {"tau-s", "S", OPT_TAU, "Quotes", "as/linear: rolling horizon in seconds (default 60)"},
    {"session-end", "EPOCH", OPT_SESSION_END, "Quotes", "as: quote to a session end instead"},
    {"skew-factor", "F", OPT_SKEW_FACTOR, "Quotes", "linear: half spreads of skew at the limit (default 1)"},
    {"vol-mult", "M", OPT_VOL_MULT, "Quotes", "linear/none: half spread in sigma*sqrt(tau) (default 1)"},
    {"min-spread-bps", "BP", OPT_MIN_SPREAD, "Quotes", "narrowest quoted spread (default 1)"},
    {"q-max-lots", "N", OPT_QMAX, "Quotes", "inventory where a side is withdrawn (default: --limit-pos-lots)"},
    {"quotes", "ENDPOINT", OPT_QUOTES, "Quotes", "publish quote.SYM on a PUB socket bound here"},
    {"quotes-refresh-s", "S", OPT_REFRESH, "Quotes", "republish every quote this often (default 5)"},
    {"journal", "FILE", OPT_JOURNAL, "Overrides", "override journal (default $XDG_STATE_HOME/invtop/overrides.jsonl)"},
    {"overrides", NULL, OPT_LIST_OVR, "Overrides", "print the active overrides from the journal and exit"},
    {"override-ttl-s", "S", OPT_OVR_TTL, "Overrides", "hotkey overrides expire after S seconds (default: never)"},
    {"clock", "recv|ts", OPT_CLOCK, "Feed", "event time from receive time (default) or publishers' ts"},
    {"demo", NULL, OPT_DEMO, "Output", "watch the bundled synthetic market (no network needed)"},
    {"trader", NULL, OPT_TRADER, "Output", "enable the quote override keys"},
    {"readonly", NULL, OPT_READONLY, "Output", "override keys do nothing (the default)"},
    {"fps", "N", OPT_FPS, "Output", "dashboard frames per second at most (default 10)"},
    {"theme", "NAME", OPT_THEME, "Output", "dark, light or mono (default dark)"},
    {"no-color", NULL, OPT_NO_COLOR, "Output", "no colours (also when NO_COLOR is set)"},
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
    rr_default_params(&o->risk);
    skew_default_params(&o->quote);
    o->fps = 10;
    o->quotes_refresh_s = 5;
    o->key_name = "invtop";
    o->theme = THEME_DARK;
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

/* Parse "0.95,0.99" into levels, each in (0.5, 1). */
static int levels(const char *arg, pv_params *pv)
{
    size_t n = 0;
    const char *s = arg;
    while (*s) {
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (errno || end == s || !(v > 0.5 && v < 1) || n == PV_MAX_LEVELS)
            return -1;
        pv->var_levels[n++] = v;
        if (*end == ',')
            end++;
        else if (*end)
            return -1;
        s = end;
    }
    if (n == 0)
        return -1;
    pv->nvar = n;
    return 0;
}

/* Apply one risk or limit option. Returns 0, or -1 when its value is bad. */
static int apply_risk(rr_params *r, opt_id id, const char *arg, const char **history_file)
{
    double v;
    switch (id) {
    case OPT_SAMPLE:
        if (number(arg, 1, 86400000, false, &v)) return -1;
        r->pv.sample_s = v / 1000;
        return 0;
    case OPT_WINDOW:
        if (number(arg, 2, 1000000, true, &v)) return -1;
        r->window = (size_t)v;
        return 0;
    case OPT_LAMBDA:
        if (number(arg, 1e-6, 0.999999, false, &v)) return -1;
        r->lambda = v;
        return 0;
    case OPT_HORIZON:
        if (number(arg, 1e-3, 1e8, false, &v)) return -1;
        r->pv.horizon_s = v;
        return 0;
    case OPT_VARLEVELS: return levels(arg, &r->pv);
    case OPT_ESLEVEL:
        if (number(arg, 0.5000001, 0.9999999, false, &v)) return -1;
        r->pv.es_level = v;
        return 0;
    case OPT_MCPATHS:
        if (number(arg, 0, 1e8, true, &v)) return -1;
        r->pv.mc_paths = (size_t)v;
        return 0;
    case OPT_MCSEED:
        if (number(arg, 0, 4294967295.0, true, &v)) return -1;
        r->pv.mc_seed = (unsigned long)v;
        return 0;
    case OPT_RATE:
        if (number(arg, -1, 1, false, &v)) return -1;
        r->rate = v;
        return 0;
    case OPT_IV:
        if (number(arg, 1e-4, 20, false, &v)) return -1;
        r->default_iv = v;
        return 0;
    case OPT_MAXUND:
        if (number(arg, 1, 4096, true, &v)) return -1;
        r->max_und = (size_t)v;
        return 0;
    case OPT_HISTORY: *history_file = arg; return 0;
    case OPT_LIM_POS:
        if (number(arg, 0, 1e15, false, &v)) return -1;
        r->limits.max_pos_lots = v;
        return 0;
    case OPT_LIM_DELTA:
        if (number(arg, 0, 1e18, false, &v)) return -1;
        r->limits.max_delta_usd = v;
        return 0;
    case OPT_LIM_VAR:
        if (number(arg, 0, 1e18, false, &v)) return -1;
        r->limits.max_var_usd = v;
        return 0;
    default:
        return -1;
    }
}

/* Apply one quote-model option. Returns 0, or -1 when its value is bad. */
static int apply_quote(skew_params *q, opt_id id, const char *arg)
{
    struct { opt_id id; double *dst; double lo, hi; } const table[] = {
        {OPT_GAMMA, &q->gamma, 1e-9, 1e6},       {OPT_K, &q->k, 1e-9, 1e6},
        {OPT_FILL_A, &q->A, 1e-9, 1e9},          {OPT_TAU, &q->tau_s, 0, 1e9},
        {OPT_SESSION_END, &q->session_end, 0, 1e11}, {OPT_SKEW_FACTOR, &q->skew_factor, 0, 1e6},
        {OPT_VOL_MULT, &q->vol_mult, 0, 1e6},    {OPT_MIN_SPREAD, &q->min_spread_bps, 0, 1e6},
        {OPT_QMAX, &q->q_max_lots, 0, 1e15},
    };
    if (id == OPT_MODEL)
        return skew_parse_model(arg, &q->model);
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        if (table[i].id == id)
            return number(arg, table[i].lo, table[i].hi, false, table[i].dst);
    return -1;
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
    case OPT_QUOTES:
        if (!strstr(arg, "://")) return -1;
        o->quotes = arg;
        return 0;
    case OPT_CLOCK:
        if (strcmp(arg, "ts") != 0 && strcmp(arg, "recv") != 0) return -1;
        o->clock_ts = strcmp(arg, "ts") == 0;
        return 0;
    case OPT_DEMO: o->demo = true; return 0;
    case OPT_KEYGEN: o->keygen_dir = arg; return 0;
    case OPT_KEY_NAME:
        if (!arg[0] || strchr(arg, '/')) return -1;
        o->key_name = arg;
        return 0;
    case OPT_CURVE_SECRET: o->curve_secret = arg; return 0;
    case OPT_ALLOW_KEYS: o->allow_keys = arg; return 0;
    case OPT_SERVER_KEY:
        if (o->feed.nconnect == 0) return -1; /* it belongs to the --connect before it */
        o->server_key_spec[o->feed.nconnect - 1] = arg;
        return 0;
    case OPT_Q_SECRET: o->quotes_secret = arg; return 0;
    case OPT_Q_ALLOW: o->quotes_allow = arg; return 0;
    case OPT_JOURNAL: o->journal = arg; return 0;
    case OPT_LIST_OVR: o->list_overrides = true; return 0;
    case OPT_REFRESH: return number(arg, 0.01, 86400, false, &o->quotes_refresh_s);
    case OPT_OVR_TTL: return number(arg, 0, 1e9, false, &o->override_ttl_s);
    case OPT_TRADER: o->trader = true; return 0;
    case OPT_READONLY: o->trader = false; return 0;
    case OPT_NO_COLOR: o->no_color = true; return 0;
    case OPT_THEME: return theme_parse(arg, &o->theme);
    case OPT_FPS:
        if (number(arg, 0.5, 120, false, &o->fps)) return -1;
        return 0;
    case OPT_QMAX:
        o->q_max_set = true;
        return apply_quote(&o->quote, id, arg);
    case OPT_MODEL: case OPT_GAMMA: case OPT_K: case OPT_FILL_A: case OPT_TAU:
    case OPT_SESSION_END: case OPT_SKEW_FACTOR: case OPT_VOL_MULT: case OPT_MIN_SPREAD:
        return apply_quote(&o->quote, id, arg);
    default:
        return apply_risk(&o->risk, id, arg, &o->history);
    }
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
    if (!o->q_max_set)
        o->quote.q_max_lots = o->risk.limits.max_pos_lots;
    if ((o->allow_keys && !o->curve_secret) || (o->quotes_allow && !o->quotes_secret)) {
        fprintf(err_out, "invtop: an allow-list needs the matching --curve-secret / --quotes-curve-secret\n");
        return CLI_USAGE;
    }
    if (o->demo && (o->replay || o->feed.nconnect || o->feed.nbind)) {
        fprintf(err_out, "invtop: --demo runs its own market; drop --replay/--connect/--bind\n");
        return CLI_USAGE;
    }
    if (!o->replay && !o->demo && !o->feed.nconnect && !o->feed.nbind)
        o->feed.connect[o->feed.nconnect++] = "tcp://127.0.0.1:5555";
    return CLI_RUN;
}
