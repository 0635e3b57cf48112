/* cli.c - command line parsing driven by one option table. */
#include "invtop/cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invtop/keys.h"
#include "invtop/numparse.h"
#include "invtop/version.h"

#include <ini.h>

typedef enum {
    OPT_HEADLESS = 256, OPT_CONNECT, OPT_BIND, OPT_RCVHWM, OPT_INTERVAL, OPT_COUNT, OPT_RECORD,
    OPT_REPLAY, OPT_SPEED, OPT_STALE, OPT_MAXINST, OPT_HELP, OPT_VERSION,
    OPT_SAMPLE, OPT_WINDOW, OPT_LAMBDA, OPT_HORIZON, OPT_VARLEVELS, OPT_ESLEVEL, OPT_MCPATHS,
    OPT_MCSEED, OPT_RATE, OPT_IV, OPT_MAXUND, OPT_HISTORY, OPT_LIM_POS, OPT_LIM_DELTA, OPT_LIM_VAR,
    OPT_MODEL, OPT_GAMMA, OPT_K, OPT_FILL_A, OPT_TAU, OPT_SESSION_END, OPT_SKEW_FACTOR, OPT_VOL_MULT,
    OPT_MIN_SPREAD, OPT_QMAX, OPT_QUOTES, OPT_CLOCK, OPT_DEMO, OPT_TRADER, OPT_READONLY,
    OPT_NO_COLOR, OPT_THEME, OPT_FPS, OPT_JOURNAL, OPT_LIST_OVR, OPT_REFRESH, OPT_OVR_TTL,
    OPT_KEYGEN, OPT_KEY_NAME, OPT_CURVE_SECRET, OPT_ALLOW_KEYS, OPT_SERVER_KEY, OPT_Q_SECRET,
    OPT_Q_ALLOW, OPT_CONFIG, OPT_SET, OPT_PRINT_CONFIG, OPT_EXAMPLE_CONFIG, OPT_MANPAGE,
    OPT_SERVE, OPT_SERVE_PUB, OPT_ATTACH, OPT_ATTACH_PUB, OPT_TRADER_KEYS, OPT_EXEC, OPT_USER
} opt_id;

typedef struct {
    const char *name;
    const char *arg; /* NULL: a flag */
    opt_id id;
    const char *group;
    const char *help;
    const char *section; /* config file section, NULL: command line only */
    const char *key;     /* config key */
    const char *defval;  /* the default as the config file writes it ("" = unset) */
} opt_spec;

static const opt_spec options[] = {
    {"connect", "ENDPOINT", OPT_CONNECT, "Feed", "SUB connects to a publisher (repeatable)", "feed", "connect", ""},
    {"bind", "ENDPOINT", OPT_BIND, "Feed", "SUB binds for publishers to connect (repeatable)", "feed", "bind", ""},
    {"rcvhwm", "N", OPT_RCVHWM, "Feed", "receive high-water mark in messages (default 1000000)", "feed", "rcvhwm", "1000000"},
    {"max-instruments", "N", OPT_MAXINST, "Feed", "book capacity (default 16384)", "feed", "max_instruments", "16384"},
    {"stale-ms", "MS", OPT_STALE, "Feed", "price is stale after MS of event time (default 5000)", "feed", "stale_ms", "5000"},
    {"curve-secret", "FILE", OPT_CURVE_SECRET, "Security", "CURVE key pair for the feed socket (server on --bind)", "feed", "curve_secret", ""},
    {"allow-keys", "FILE|DIR", OPT_ALLOW_KEYS, "Security", "publishers' public keys allowed to send (with --bind)", "feed", "allow_keys", ""},
    {"server-key", "KEY|FILE", OPT_SERVER_KEY, "Security", "CURVE public key of the publisher of the last --connect, or of the engine of --attach", NULL, NULL, NULL},
    {"quotes-curve-secret", "FILE", OPT_Q_SECRET, "Security", "CURVE key pair for the quote channel", "quotes", "curve_secret", ""},
    {"quotes-allow-keys", "FILE|DIR", OPT_Q_ALLOW, "Security", "quoting engines' public keys allowed to read quotes", "quotes", "allow_keys", ""},
    {"keygen", "DIR", OPT_KEYGEN, "Security", "write a key pair DIR/NAME.key (0600) and DIR/NAME.pub, then exit", NULL, NULL, NULL},
    {"key-name", "NAME", OPT_KEY_NAME, "Security", "the NAME for --keygen (default invtop)", NULL, NULL, NULL},
    {"serve", "ENDPOINT", OPT_SERVE, "Engine", "serve the state to viewers (invtop --attach) on a ROUTER bound here; CURVE with --curve-secret", "engine", "serve", ""},
    {"serve-pub", "ENDPOINT", OPT_SERVE_PUB, "Engine", "bind the state update stream (PUB) here (default: the --serve host, any free port)", "engine", "serve_pub", ""},
    {"trader-keys", "KEYS|FILE|DIR", OPT_TRADER_KEYS, "Engine", "trader public keys whose viewers may send commands (comma list, file or directory of *.pub)", "engine", "trader_keys", ""},
    {"attach", "ENDPOINT", OPT_ATTACH, "Viewer", "view a remote engine (invtop --serve): no feed, no risk of its own", NULL, NULL, NULL},
    {"attach-pub", "ENDPOINT", OPT_ATTACH_PUB, "Viewer", "with --attach: the update stream's endpoint (behind a forwarder; default: the one the engine names)", NULL, NULL, NULL},
    {"exec", "COMMAND", OPT_EXEC, "Viewer", "with --attach: send one command (see docs/STATE.md), exit 0 when applied, 1 when refused", NULL, NULL, NULL},
    {"user", "NAME", OPT_USER, "Viewer", "who the engine's journal names for this viewer's commands (default $USER)", NULL, NULL, NULL},
    {"record", "FILE", OPT_RECORD, "Record/replay", "append every accepted message to FILE", "feed", "record", ""},
    {"replay", "FILE", OPT_REPLAY, "Record/replay", "read a recording instead of ZeroMQ", NULL, NULL, NULL},
    {"speed", "X|max", OPT_SPEED, "Record/replay", "replay speed factor (default 1)", NULL, NULL, NULL},
    {"sample-ms", "MS", OPT_SAMPLE, "Risk", "sample underlying prices every MS of event time (default 1000)", "risk", "sample_ms", "1000"},
    {"window", "N", OPT_WINDOW, "Risk", "returns kept for historical VaR (default 500)", "risk", "window", "500"},
    {"ewma-lambda", "L", OPT_LAMBDA, "Risk", "EWMA covariance decay (default 0.94)", "risk", "ewma_lambda", "0.94"},
    {"horizon-s", "S", OPT_HORIZON, "Risk", "VaR horizon in seconds, sqrt-of-time scaled (default 60)", "risk", "horizon_s", "60"},
    {"var-levels", "P,P", OPT_VARLEVELS, "Risk", "VaR confidence levels (default 0.95,0.99)", "risk", "var_levels", "0.95,0.99"},
    {"es-level", "P", OPT_ESLEVEL, "Risk", "expected shortfall level (default 0.975)", "risk", "es_level", "0.975"},
    {"mc-paths", "N", OPT_MCPATHS, "Risk", "Monte Carlo paths (default 10000)", "risk", "mc_paths", "10000"},
    {"mc-seed", "N", OPT_MCSEED, "Risk", "Monte Carlo seed (default 42)", "risk", "mc_seed", "42"},
    {"risk-free-rate", "R", OPT_RATE, "Risk", "continuous rate for option pricing (default 0)", "risk", "risk_free_rate", "0"},
    {"iv", "VOL", OPT_IV, "Risk", "implied vol for options that carry none (default: none)", "risk", "iv", ""},
    {"max-underlyings", "N", OPT_MAXUND, "Risk", "underlyings modelled (default 256)", "risk", "max_underlyings", "256"},
    {"history", "FILE", OPT_HISTORY, "Risk", "preload price samples (CSV: time,NAME,...)", "risk", "history", ""},
    {"limit-pos-lots", "N", OPT_LIM_POS, "Limits", "max position per instrument in lots (default 50)", "risk", "limit_pos_lots", "50"},
    {"limit-delta-usd", "X", OPT_LIM_DELTA, "Limits", "max net delta per underlying in USD (default 1e6)", "risk", "limit_delta_usd", "1000000"},
    {"limit-var-usd", "X", OPT_LIM_VAR, "Limits", "max portfolio VaR in USD (default 1e5)", "risk", "limit_var_usd", "100000"},
    {"model", "NAME", OPT_MODEL, "Quotes", "skew model: glft, glft0, as, linear, none (default glft)", "quotes", "model", "glft"},
    {"gamma", "G", OPT_GAMMA, "Quotes", "risk aversion per bp and lot (default 0.05)", "quotes", "gamma", "0.05"},
    {"k", "K", OPT_K, "Quotes", "fill intensity decay per bp (default 0.3)", "quotes", "k", "0.3"},
    {"fill-a", "A", OPT_FILL_A, "Quotes", "fill intensity at the mid, per second (default 2)", "quotes", "fill_a", "2"},
    {"tau-s", "S", OPT_TAU, "Quotes", "as/linear: rolling horizon in seconds (default 60)", "quotes", "tau_s", "60"},
    {"session-end", "EPOCH", OPT_SESSION_END, "Quotes", "as: quote to a session end instead", "quotes", "session_end", ""},
    {"skew-factor", "F", OPT_SKEW_FACTOR, "Quotes", "linear: half spreads of skew at the limit (default 1)", "quotes", "skew_factor", "1"},
    {"vol-mult", "M", OPT_VOL_MULT, "Quotes", "linear/none: half spread in sigma*sqrt(tau) (default 1)", "quotes", "vol_mult", "1"},
    {"min-spread-bps", "BP", OPT_MIN_SPREAD, "Quotes", "narrowest quoted spread (default 1)", "quotes", "min_spread_bps", "1"},
    {"q-max-lots", "N", OPT_QMAX, "Quotes", "inventory where a side is withdrawn (default: --limit-pos-lots)", "quotes", "q_max_lots", ""},
    {"quotes", "ENDPOINT", OPT_QUOTES, "Quotes", "publish quote.SYM on a PUB socket bound here", "quotes", "endpoint", ""},
    {"quotes-refresh-s", "S", OPT_REFRESH, "Quotes", "republish every quote this often (default 5)", "quotes", "refresh_s", "5"},
    {"journal", "FILE", OPT_JOURNAL, "Overrides", "override journal (default $XDG_STATE_HOME/invtop/overrides.jsonl)", "journal", "path", ""},
    {"overrides", NULL, OPT_LIST_OVR, "Overrides", "print the active overrides from the journal and exit", NULL, NULL, NULL},
    {"override-ttl-s", "S", OPT_OVR_TTL, "Overrides", "hotkey overrides expire after S seconds (default: never)", "journal", "override_ttl_s", "0"},
    {"clock", "recv|ts", OPT_CLOCK, "Feed", "event time from receive time (default) or publishers' ts", "feed", "clock", "recv"},
    {"demo", NULL, OPT_DEMO, "Output", "watch the bundled synthetic market (no network needed)", NULL, NULL, NULL},
    {"trader", NULL, OPT_TRADER, "Output", "enable the quote override keys", "ui", "trader", "false"},
    {"readonly", NULL, OPT_READONLY, "Output", "override keys do nothing (the default)", NULL, NULL, NULL},
    {"fps", "N", OPT_FPS, "Output", "dashboard frames per second at most (default 10)", "ui", "fps", "10"},
    {"theme", "NAME", OPT_THEME, "Output", "dark, light or mono (default dark)", "ui", "theme", "dark"},
    {"no-color", NULL, OPT_NO_COLOR, "Output", "no colours (also when NO_COLOR is set)", "ui", "no_color", "false"},
    {"headless", NULL, OPT_HEADLESS, "Output", "print JSON snapshots instead of the dashboard", NULL, NULL, NULL},
    {"interval", "MS", OPT_INTERVAL, "Output", "headless snapshot period (default 1000)", "ui", "interval_ms", "1000"},
    {"count", "N", OPT_COUNT, "Output", "exit after N headless snapshots", NULL, NULL, NULL},
    {"config", "FILE", OPT_CONFIG, "General", "config file (default $XDG_CONFIG_HOME/invtop/invtop.ini)", NULL, NULL, NULL},
    {"set", "SECTION:KEY=V", OPT_SET, "General", "set any config key, e.g. --set 'instrument BTC-PERP:gamma=0.1'", NULL, NULL, NULL},
    {"print-config", NULL, OPT_PRINT_CONFIG, "General", "print the effective configuration as INI and exit", NULL, NULL, NULL},
    {"example-config", NULL, OPT_EXAMPLE_CONFIG, "General", "print an example config documenting every key and exit", NULL, NULL, NULL},
    {"help", NULL, OPT_HELP, "General", "this help", NULL, NULL, NULL},
    {"version", NULL, OPT_VERSION, "General", "print the version", NULL, NULL, NULL},
    {"manpage", NULL, OPT_MANPAGE, "General", "print the invtop(1) man page source and exit", NULL, NULL, NULL},
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
    enum { AS_DOUBLE, AS_MS, AS_SIZE, AS_ULONG };
    struct { opt_id id; double lo, hi; int as; void *dst; } const table[] = {
        {OPT_SAMPLE, 1, 86400000, AS_MS, &r->pv.sample_s},
        {OPT_WINDOW, 2, 1000000, AS_SIZE, &r->window},
        {OPT_LAMBDA, 1e-6, 0.999999, AS_DOUBLE, &r->lambda},
        {OPT_HORIZON, 1e-3, 1e8, AS_DOUBLE, &r->pv.horizon_s},
        {OPT_ESLEVEL, 0.5000001, 0.9999999, AS_DOUBLE, &r->pv.es_level},
        {OPT_MCPATHS, 0, 1e8, AS_SIZE, &r->pv.mc_paths},
        {OPT_MCSEED, 0, 4294967295.0, AS_ULONG, &r->pv.mc_seed},
        {OPT_RATE, -1, 1, AS_DOUBLE, &r->rate},
        {OPT_IV, 1e-4, 20, AS_DOUBLE, &r->default_iv},
        {OPT_MAXUND, 1, 4096, AS_SIZE, &r->max_und},
        {OPT_LIM_POS, 0, 1e15, AS_DOUBLE, &r->limits.max_pos_lots},
        {OPT_LIM_DELTA, 0, 1e18, AS_DOUBLE, &r->limits.max_delta_usd},
        {OPT_LIM_VAR, 0, 1e18, AS_DOUBLE, &r->limits.max_var_usd},
    };
    if (id == OPT_VARLEVELS)
        return levels(arg, &r->pv);
    if (id == OPT_HISTORY) {
        *history_file = arg;
        return 0;
    }
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        if (table[i].id != id)
            continue;
        double v;
        bool integer = table[i].as == AS_SIZE || table[i].as == AS_ULONG;
        if (num_parse(arg, table[i].lo, table[i].hi, integer, &v) != 0)
            return -1;
        switch (table[i].as) {
        case AS_MS: *(double *)table[i].dst = v / 1000; break;
        case AS_SIZE: *(size_t *)table[i].dst = (size_t)v; break;
        case AS_ULONG: *(unsigned long *)table[i].dst = (unsigned long)v; break;
        default: *(double *)table[i].dst = v; break;
        }
        return 0;
    }
    return -1;
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
            return num_parse(arg, table[i].lo, table[i].hi, false, table[i].dst);
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
        if (num_parse(arg, 0, 1e9, true, &v)) return -1;
        o->feed.rcvhwm = (int)v;
        return 0;
    case OPT_INTERVAL:
        if (num_parse(arg, 1, 86400000, false, &v)) return -1;
        o->interval_s = v / 1000;
        return 0;
    case OPT_COUNT:
        if (num_parse(arg, 1, 1e15, true, &v)) return -1;
        o->count = (long long)v;
        return 0;
    case OPT_RECORD: o->record = arg; return 0;
    case OPT_REPLAY: o->replay = arg; return 0;
    case OPT_SPEED:
        if (strcmp(arg, "max") == 0) {
            o->speed = 0;
            return 0;
        }
        if (num_parse(arg, 1e-3, 1e6, false, &v)) return -1;
        o->speed = v;
        return 0;
    case OPT_STALE:
        if (num_parse(arg, 1, 86400000, false, &v)) return -1;
        o->stale_s = v / 1000;
        return 0;
    case OPT_MAXINST:
        if (num_parse(arg, 1, 1000000, true, &v)) return -1;
        o->max_instruments = (size_t)v;
        return 0;
    case OPT_HELP:
    case OPT_VERSION:
    case OPT_CONFIG:
    case OPT_SET:
    case OPT_EXAMPLE_CONFIG:
        return 0;
    case OPT_PRINT_CONFIG: o->print_config = true; return 0;
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
        if (o->feed.nconnect == 0) { /* no --connect before it: the engine of --attach */
            o->attach_server_key = arg;
            return 0;
        }
        o->server_key_spec[o->feed.nconnect - 1] = arg;
        return 0;
    case OPT_SERVE:
    case OPT_SERVE_PUB:
    case OPT_ATTACH:
    case OPT_ATTACH_PUB:
        if (!strstr(arg, "://")) return -1;
        *(id == OPT_SERVE ? &o->serve : id == OPT_SERVE_PUB ? &o->serve_pub
          : id == OPT_ATTACH ? &o->attach : &o->attach_pub) = arg;
        return 0;
    case OPT_TRADER_KEYS: o->trader_keys = arg; return 0;
    case OPT_EXEC: o->exec = arg; return 0;
    case OPT_USER:
        if (!arg[0] || strlen(arg) >= 64) return -1;
        o->user = arg;
        return 0;
    case OPT_Q_SECRET: o->quotes_secret = arg; return 0;
    case OPT_Q_ALLOW: o->quotes_allow = arg; return 0;
    case OPT_JOURNAL: o->journal = arg; return 0;
    case OPT_LIST_OVR: o->list_overrides = true; return 0;
    case OPT_REFRESH: return num_parse(arg, 0.01, 86400, false, &o->quotes_refresh_s);
    case OPT_OVR_TTL: return num_parse(arg, 0, 1e9, false, &o->override_ttl_s);
    case OPT_TRADER: o->trader = true; return 0;
    case OPT_READONLY: o->trader = false; return 0;
    case OPT_NO_COLOR: o->no_color = true; return 0;
    case OPT_THEME: return theme_parse(arg, &o->theme);
    case OPT_FPS:
        if (num_parse(arg, 0.5, 120, false, &o->fps)) return -1;
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


/* ---- the config file: every key is an option of the table above ---- */

static size_t spec_index(const opt_spec *spec)
{
    return (size_t)(spec - options);
}

static const opt_spec *spec_for_key(const char *section, const char *key)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (options[i].section && strcmp(options[i].section, section) == 0 &&
            strcmp(options[i].key, key) == 0)
            return &options[i];
    return NULL;
}

static const char *own(invtop_opts *o, const char *s)
{
    if (o->nowned == CLI_MAX_OWNED)
        return NULL;
    char *c = strdup(s);
    if (c)
        o->owned[o->nowned++] = c;
    return c;
}

void cli_free(invtop_opts *o)
{
    for (size_t i = 0; i < o->nowned; i++)
        free(o->owned[i]);
    o->nowned = 0;
}

static int parse_bool(const char *v, bool *out)
{
    if (!strcmp(v, "true") || !strcmp(v, "yes") || !strcmp(v, "1") || !strcmp(v, "on"))
        *out = true;
    else if (!strcmp(v, "false") || !strcmp(v, "no") || !strcmp(v, "0") || !strcmp(v, "off"))
        *out = false;
    else
        return -1;
    return 0;
}

/* Apply a spec's value from a file or --set (strings are copied). */
static int apply_value(invtop_opts *o, const opt_spec *spec, const char *value)
{
    if (!spec->arg) {
        bool on;
        if (parse_bool(value, &on) != 0)
            return -1;
        if (on && apply(o, spec->id, NULL) != 0)
            return -1;
        if (!on && spec->id == OPT_TRADER)
            o->trader = false;
        if (!on && spec->id == OPT_NO_COLOR)
            o->no_color = false;
        o->given[spec_index(spec)] = on ? "true" : "false";
        return 0;
    }
    if (!value[0])
        return 0; /* an empty value leaves the default */
    const char *copy = own(o, value);
    if (!copy || apply(o, spec->id, copy) != 0)
        return -1;
    o->given[spec_index(spec)] = copy;
    return 0;
}

static const inst_param no_param = {PARAM_INSTRUMENT, "", -1, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, -1};

static inst_param *param_slot(invtop_opts *o, param_scope scope, const char *name)
{
    for (size_t i = 0; i < o->nparams; i++)
        if (o->params[i].scope == scope && strcmp(o->params[i].name, name) == 0)
            return &o->params[i];
    if (o->nparams == CLI_MAX_PARAMS || !name[0] || strlen(name) >= sizeof o->params[0].name)
        return NULL;
    inst_param *p = &o->params[o->nparams++];
    *p = no_param;
    p->scope = scope;
    snprintf(p->name, sizeof p->name, "%s", name);
    return p;
}

static int apply_param(invtop_opts *o, param_scope scope, const char *name, const char *key,
                       const char *value)
{
    inst_param *p = param_slot(o, scope, name);
    if (!p)
        return -1;
    bool quoting = scope == PARAM_INSTRUMENT || scope == PARAM_UNDERLYING;
    if (!strcmp(key, "model") && quoting) {
        skew_model m;
        if (skew_parse_model(value, &m) != 0)
            return -1;
        p->model = (int)m;
        return 0;
    }
    if (!strcmp(key, "fee_unit") && scope == PARAM_VENUE) {
        if (strcmp(value, "quote") != 0 && strcmp(value, "base") != 0)
            return -1;
        p->fee_base = !strcmp(value, "base");
        return 0;
    }
    enum { INST = 1, UND = 2, BOOK = 4 };
    struct { const char *key; double *dst; double lo, hi; int scopes; } const fields[] = {
        {"gamma", &p->gamma, 1e-9, 1e6, INST | UND}, {"k", &p->k, 1e-9, 1e6, INST | UND},
        {"fill_a", &p->fill_a, 1e-9, 1e9, INST | UND}, {"max_pos_lots", &p->max_pos_lots, 0, 1e15, INST},
        {"iv", &p->iv, 1e-4, 20, INST | UND}, {"lot", &p->lot, 1e-12, 1e12, INST},
        {"tick", &p->tick, 1e-12, 1e9, INST}, {"max_delta_usd", &p->max_delta_usd, 0, 1e18, INST | UND | BOOK},
        {"max_var_usd", &p->max_var_usd, 0, 1e18, BOOK},
    };
    const int mine = scope == PARAM_INSTRUMENT ? INST : scope == PARAM_UNDERLYING ? UND
                   : scope == PARAM_BOOK ? BOOK : 0;
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!strcmp(key, fields[i].key)) {
            if (!(fields[i].scopes & mine))
                return -1;
            return num_parse(value, fields[i].lo, fields[i].hi, false, fields[i].dst);
        }
    return -1;
}

typedef struct {
    invtop_opts *o;
    char err[256];
} ini_ctx;

/* One "key = value" under [section]; 0 stops inih at this line. */
static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    ini_ctx *c = user;
    if (c->err[0])
        return 1; /* report only the first error */
    static const struct { const char *prefix; param_scope scope; } blocks[] = {
        {"instrument ", PARAM_INSTRUMENT}, {"underlying ", PARAM_UNDERLYING},
        {"venue ", PARAM_VENUE}, {"book ", PARAM_BOOK},
    };
    for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
        size_t n = strlen(blocks[b].prefix);
        if (strncmp(section, blocks[b].prefix, n) != 0)
            continue;
        if (apply_param(c->o, blocks[b].scope, section + n, key, value) != 0) {
            snprintf(c->err, sizeof c->err, "unknown key or bad value '%s = %s' in [%s]", key, value, section);
            return 0;
        }
        return 1;
    }
    const opt_spec *spec = spec_for_key(section, key);
    if (!spec) {
        snprintf(c->err, sizeof c->err, "unknown key '%s' in [%s]", key, section);
        return 0;
    }
    if (apply_value(c->o, spec, value) != 0) {
        snprintf(c->err, sizeof c->err, "bad value for '%s' in [%s]: '%s'", key, section, value);
        return 0;
    }
    return 1;
}

int cli_set(invtop_opts *o, const char *setting, char *err, size_t errlen)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", setting);
    char *colon = strchr(buf, ':'), *eq = colon ? strchr(colon, '=') : NULL;
    if (!colon || !eq) {
        snprintf(err, errlen, "--set wants SECTION:KEY=VALUE, got '%s'", setting);
        return -1;
    }
    *colon = *eq = '\0';
    ini_ctx c = {o, ""};
    if (!on_ini(&c, buf, colon + 1, eq + 1)) {
        snprintf(err, errlen, "--set %s: %s", setting, c.err);
        return -1;
    }
    return 0;
}

int cli_load_config_text(invtop_opts *o, const char *text, char *err, size_t errlen)
{
    ini_ctx c = {o, ""};
    int line = ini_parse_string(text, on_ini, &c);
    snprintf(err, errlen, "%s", c.err);
    return line != 0 ? line : c.err[0] ? -1 : 0;
}

static const char *default_config(char *buf, size_t cap)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        snprintf(buf, cap, "%s/invtop/invtop.ini", xdg);
    else
        snprintf(buf, cap, "%s/.config/invtop/invtop.ini", home ? home : ".");
    return buf;
}

/* Read the config file named by --config (or the default when it exists). */
static cli_result load_config(int argc, char **argv, invtop_opts *o, FILE *err_out)
{
    static char path[4096];
    const char *file = NULL;
    for (int i = 1; i < argc - 1; i++)
        if (!strcmp(argv[i], "--config"))
            file = argv[i + 1];
    for (int i = 1; i < argc; i++)
        if (!strncmp(argv[i], "--config=", 9))
            file = argv[i] + 9;
    if (!file) {
        default_config(path, sizeof path);
        if (access(path, F_OK) != 0)
            return CLI_RUN;
        file = path;
    }
    ini_ctx c = {o, ""};
    int line = ini_parse(file, on_ini, &c);
    if (line < 0) {
        fprintf(err_out, "invtop: cannot read config %s: %s\n", file, strerror(errno));
        return CLI_USAGE;
    }
    if (line > 0 || c.err[0]) {
        fprintf(err_out, "invtop: %s:%d: %s\n", file, line, c.err[0] ? c.err : "not an INI line");
        return CLI_USAGE;
    }
    o->config = file;
    return CLI_RUN;
}

/* The config file's sections, in the order files are written. */
static const char *const sections[] = {"feed", "quotes", "risk", "ui", "journal", "engine"};
#define N_SECTIONS (sizeof sections / sizeof *sections)

/* True when spec is a key of section sec. */
static bool in_section(const opt_spec *spec, const char *sec)
{
    return spec->section && strcmp(spec->section, sec) == 0;
}

static void print_value(FILE *out, const opt_spec *spec, const char *v)
{
    if (v && v[0])
        fprintf(out, "%s = %s\n", spec->key, v);
    else
        fprintf(out, "# %s =\n", spec->key);
}

void cli_print_config(const invtop_opts *o, FILE *out)
{
    fprintf(out, "# invtop %s effective configuration (defaults, %s, command line)\n",
            INVTOP_VERSION, o->config ? o->config : "no config file");
    for (size_t s = 0; s < N_SECTIONS; s++) {
        fprintf(out, "\n[%s]\n", sections[s]);
        for (size_t i = 0; i < N_OPTIONS; i++) {
            const opt_spec *spec = &options[i];
            if (!in_section(spec, sections[s]))
                continue;
            if (spec->id == OPT_CONNECT || spec->id == OPT_BIND) {
                const char *const *list = spec->id == OPT_CONNECT ? o->feed.connect : o->feed.bind;
                size_t n = spec->id == OPT_CONNECT ? o->feed.nconnect : o->feed.nbind;
                if (!n)
                    print_value(out, spec, NULL);
                for (size_t k = 0; k < n; k++)
                    fprintf(out, "%s = %s\n", spec->key, list[k]);
                continue;
            }
            print_value(out, spec, o->given[i] ? o->given[i] : spec->defval);
        }
    }
    static const char *const scope_names[] = {"instrument", "underlying", "venue", "book"};
    for (size_t i = 0; i < o->nparams; i++) {
        const inst_param *p = &o->params[i];
        fprintf(out, "\n[%s %s]\n", scope_names[p->scope], p->name);
        if (p->model >= 0)
            fprintf(out, "model = %s\n", skew_model_name((skew_model)p->model));
        if (p->fee_base >= 0)
            fprintf(out, "fee_unit = %s\n", p->fee_base ? "base" : "quote");
        const struct { const char *k; double v; } f[] = {
            {"gamma", p->gamma}, {"k", p->k}, {"fill_a", p->fill_a}, {"max_pos_lots", p->max_pos_lots},
            {"iv", p->iv}, {"lot", p->lot}, {"tick", p->tick}, {"max_delta_usd", p->max_delta_usd},
            {"max_var_usd", p->max_var_usd}};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++)
            if (!isnan(f[k].v))
                fprintf(out, "%s = %.10g\n", f[k].k, f[k].v);
    }
}

/* roff-escape a string (backslashes and leading dots). */
static void roff(FILE *out, const char *s)
{
    if (*s == '.' || *s == '\'')
        fputs("\\&", out);
    for (; *s; s++) {
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else
            fputc(*s, out);
    }
}

void cli_print_manpage(FILE *out)
{
    fprintf(out, ".TH INVTOP 1 \"2026\" \"invtop %s\" \"User Commands\"\n", INVTOP_VERSION);
    fputs(".SH NAME\ninvtop \\- live terminal dashboard for market-making inventory risk\n"
          ".SH SYNOPSIS\n.B invtop\n[\\fIOPTION\\fR]...\n"
          ".SH DESCRIPTION\ninvtop listens to position, fill, price and instrument messages from "
          "ZeroMQ publishers (wire protocol v1, cryptofeed's ZeroMQ backend), keeps the book, "
          "computes delta and greeks, VaR and CVaR four ways with backtests and limits, and "
          "suggests quote skews that pull inventory back to neutral. It shows them in an "
          "ncurses dashboard, or prints JSON lines with \\fB\\-\\-headless\\fR. With "
          "\\fB\\-\\-quotes\\fR it publishes its quotes, which a trader can override by "
          "hand with \\fB\\-\\-trader\\fR.\n.SH OPTIONS\n", out);
    const char *group = "";
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const opt_spec *s = &options[i];
        if (strcmp(group, s->group) != 0) {
            group = s->group;
            fprintf(out, ".SS %s\n", group);
        }
        fprintf(out, ".TP\n.BR \\-\\-");
        roff(out, s->name);
        if (s->arg) {
            fputs(" \" \" \"\\fI", out);
            roff(out, s->arg);
            fputs("\\fR\"", out);
        }
        fputs("\n", out);
        roff(out, s->help);
        if (s->section)
            fprintf(out, " Config: [%s] %s.", s->section, s->key);
        fputs("\n", out);
    }
    fputs(".SH KEYS\n", out);
    size_t n;
    const key_binding *k = keys_table(&n);
    for (size_t i = 0; i < n; i++) {
        if (!k[i].help)
            continue;
        fputs(".TP\n.B ", out);
        roff(out, k[i].label);
        fputs("\n", out);
        roff(out, k[i].help);
        fputs("\n", out);
    }
    fputs(".SH FILES\n.TP\n.I $XDG_CONFIG_HOME/invtop/invtop.ini\nconfiguration "
          "(see \\fBinvtop \\-\\-example\\-config\\fR)\n.TP\n"
          ".I $XDG_STATE_HOME/invtop/overrides.jsonl\nthe override journal\n"
          ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nno colours\n.TP\n.B USER, SSH_CONNECTION\n"
          "recorded with every override\n"
          ".SH EXIT STATUS\n0 success, 1 runtime failure, 2 usage or configuration error.\n"
          ".SH SEE ALSO\n.BR invtop\\-feed (1),\n.BR invtop\\-sim (1);\n"
          "the protocol: /usr/share/doc/invtop/PROTOCOL.md\n", out);
}

void cli_print_example(FILE *out)
{
    fprintf(out, "# invtop.ini: every key, with its default. Copy to\n"
                 "# $XDG_CONFIG_HOME/invtop/invtop.ini (~/.config/invtop/invtop.ini) or pass\n"
                 "# --config FILE. Every key has a command-line twin (shown), which wins.\n"
                 "# Generated by: invtop --example-config\n");
    for (size_t s = 0; s < N_SECTIONS; s++) {
        fprintf(out, "\n[%s]\n", sections[s]);
        for (size_t i = 0; i < N_OPTIONS; i++) {
            const opt_spec *spec = &options[i];
            if (!in_section(spec, sections[s]))
                continue;
            fprintf(out, "# %s (--%s%s%s)\n", spec->help, spec->name, spec->arg ? " " : "",
                    spec->arg ? spec->arg : "");
            fprintf(out, "# %s = %s\n", spec->key, spec->defval[0] ? spec->defval : "");
        }
    }
    fprintf(out, "\n# Per instrument and per underlying (the instrument's values win):\n"
                 "# model, gamma, k, fill_a, iv, max_delta_usd; instruments also lot, tick,\n"
                 "# max_pos_lots. [instrument SYM@VENUE] wins over [instrument SYM] on that venue.\n"
                 "# Command-line twin of any of these: --set 'instrument BTC-PERP:gamma=0.1'\n"
                 "# [instrument BTC-PERP]\n# model = glft\n# gamma = 0.1\n# max_pos_lots = 20\n"
                 "# lot = 0.001\n# tick = 0.5\n# iv = 0.55\n"
                 "# [underlying BTC]\n# max_delta_usd = 250000\n# iv = 0.6\n"
                 "\n# Per venue: fee_unit = quote|base, the unit of the fees its fills carry\n"
                 "# (base is converted at the fill price; default quote).\n"
                 "# [venue BINANCE]\n# fee_unit = base\n"
                 "\n# Per book (desk or strategy): max_delta_usd, max_var_usd (off when absent).\n"
                 "# [book mm]\n# max_delta_usd = 500000\n# max_var_usd = 20000\n");
}

/* Fold block p's given fields into r. */
static void merge_param(inst_param *r, const inst_param *p)
{
    if (p->model >= 0)
        r->model = p->model;
    double *dst[] = {&r->gamma, &r->k, &r->fill_a, &r->max_pos_lots, &r->iv, &r->lot, &r->tick, &r->max_delta_usd};
    const double src[] = {p->gamma, p->k, p->fill_a, p->max_pos_lots, p->iv, p->lot, p->tick, p->max_delta_usd};
    for (size_t k = 0; k < sizeof src / sizeof *src; k++)
        if (!isnan(src[k]))
            *dst[k] = src[k];
}

const inst_param *cli_param_block(const invtop_opts *o, param_scope scope, const char *name)
{
    for (size_t i = 0; i < o->nparams; i++)
        if (o->params[i].scope == scope && strcmp(o->params[i].name, name) == 0)
            return &o->params[i];
    return NULL;
}

inst_param cli_param_for(const invtop_opts *o, const char *id, const char *sym, const char *und)
{
    inst_param r = no_param;
    const inst_param *p;
    if ((p = cli_param_block(o, PARAM_UNDERLYING, und)))
        merge_param(&r, p);
    if ((p = cli_param_block(o, PARAM_INSTRUMENT, sym)))
        merge_param(&r, p);
    if (strcmp(id, sym) != 0 && (p = cli_param_block(o, PARAM_INSTRUMENT, id)))
        merge_param(&r, p);
    return r;
}

cli_result cli_parse(int argc, char **argv, invtop_opts *o, FILE *out, FILE *err_out)
{
    struct option longopts[N_OPTIONS + 1];
    for (size_t i = 0; i < N_OPTIONS; i++)
        longopts[i] = (struct option){options[i].name,
                                      options[i].arg ? required_argument : no_argument, NULL,
                                      (int)options[i].id};
    longopts[N_OPTIONS] = (struct option){0, 0, 0, 0};
    o->argc = argc;
    o->argv = argv;
    cli_result cr = load_config(argc, argv, o, err_out);
    if (cr != CLI_RUN)
        return cr;
    bool cli_connect = false, cli_bind = false;
    optind = 1;
    opterr = 0;
    int c, idx = -1;
    while ((c = getopt_long(argc, argv, "", longopts, &idx)) != -1) {
        if (c == OPT_CONNECT && !cli_connect) {
            o->feed.nconnect = 0; /* the command line's list replaces the file's */
            cli_connect = true;
        }
        if (c == OPT_BIND && !cli_bind) {
            o->feed.nbind = 0;
            cli_bind = true;
        }
        if (c == OPT_SET) {
            char err[300];
            if (cli_set(o, optarg, err, sizeof err) != 0) {
                fprintf(err_out, "invtop: %s; try --help\n", err);
                return CLI_USAGE;
            }
            continue;
        }
        if (c == OPT_EXAMPLE_CONFIG) {
            cli_print_example(out);
            return CLI_EXIT_OK;
        }
        if (c == OPT_MANPAGE) {
            cli_print_manpage(out);
            return CLI_EXIT_OK;
        }
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
        for (size_t i = 0; i < N_OPTIONS; i++)
            if ((int)options[i].id == c)
                o->given[i] = options[i].arg ? optarg : "true";
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
    if (o->print_config) {
        cli_print_config(o, out);
        return CLI_EXIT_OK;
    }
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
