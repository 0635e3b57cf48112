/* cli.c - invtop's options and config keys: two tables of opttab.h rows, and
 * what reads them (command line, config file, --set) and writes them
 * (--help, man page, example config, --print-config). */
#include "tui/cli.h"

#include <assert.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/clialert.h"
#include "tui/clisource.h"
#include "tui/clicur.h"
#include "tui/opttab.h"
#include "invtop/numparse.h"
#include "invtop/version.h"

#include <ini.h>

/* ---- values that are more than a number or a string ---- */

/* --var-levels "0.95,0.99": each in (0.5, 1). */
static int parse_levels(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    snprintf(err, errlen, "is not a list of up to %d levels above 0.5 and below 1, comma-separated (default %s)",
             PV_MAX_LEVELS, r->defs);
    pv_params *pv = &((invtop_opts *)obj)->engine.risk.pv;
    double lv[PV_MAX_LEVELS];
    size_t n = 0;
    const char *s = arg;
    while (*s) {
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (errno || end == s || !(v > 0.5 && v < 1) || n == PV_MAX_LEVELS)
            return -1;
        lv[n++] = v;
        if (*end == ',')
            end++;
        else if (*end)
            return -1;
        s = end;
    }
    if (n == 0)
        return -1;
    memcpy(pv->var_levels, lv, n * sizeof *lv);
    pv->nvar = n;
    err[0] = '\0';
    return 0;
}

static void format_levels(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    const pv_params *pv = &((const invtop_opts *)obj)->engine.risk.pv;
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < pv->nvar && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%.15g", i ? "," : "", pv->var_levels[i]);
}

/* The next comma-separated item of *s into buf, spaces around it dropped
 * (*s becomes NULL after the last: "a,b," is "a", "b", ""). Returns 1, 0
 * when there is none left, -1 when the item does not fit buf. */
static int next_item(const char **s, char *buf, size_t cap)
{
    if (!*s)
        return 0;
    const char *a = *s, *b = *s + strcspn(*s, ",");
    *s = *b ? b + 1 : NULL;
    while (a < b && *a == ' ')
        a++;
    while (b > a && b[-1] == ' ')
        b--;
    if ((size_t)(b - a) >= cap)
        return -1;
    memcpy(buf, a, (size_t)(b - a));
    buf[b - a] = '\0';
    return 1;
}

/* A list of price moves, fractions ("-0.1,0,0.1"), into the doubles at
 * r->off and their count at r->off_n: each finite and > -1 (a price never
 * reaches 0), strictly ascending (a grid's columns read left to right), 1
 * to r->cap of them; with empty_ok, "none" is the empty list. */
static int parse_move_list(const ot_row *r, void *obj, const char *arg, bool empty_ok, char *err, size_t errlen)
{
    double m[STRESS_MAX_MOVES];
    size_t n = 0;
    char item[64] = "", what[160] = "";
    assert(r->cap <= STRESS_MAX_MOVES);
    if (!(empty_ok && !strcmp(arg, "none"))) {
        const char *s = arg;
        int got;
        while (!what[0] && (got = next_item(&s, item, sizeof item)) != 0) {
            double v;
            if (got < 0)
                snprintf(what, sizeof what, "an item is too long");
            else if (n == r->cap)
                snprintf(what, sizeof what, "more than %zu moves", r->cap);
            else if (num_parse(item, -DBL_MAX, DBL_MAX, false, &v) != 0)
                snprintf(what, sizeof what, "'%s' is not a number", item);
            else if (!(v > -1))
                snprintf(what, sizeof what, "%s is not > -1", item);
            else if (n && !(v > m[n - 1]))
                snprintf(what, sizeof what, "%s does not follow %.15g in ascending order", item, m[n - 1]);
            else
                m[n++] = v;
        }
    }
    if (what[0]) {
        snprintf(err, errlen, "is not %s%zu ascending moves (fractions of the price, each > -1), comma-separated: "
                 "%s (default %s)", empty_ok ? "none or up to " : "a list of 1 to ", r->cap, what, r->defs);
        return -1;
    }
    memcpy((char *)obj + r->off, m, n * sizeof *m);
    *(size_t *)(void *)((char *)obj + r->off_n) = n;
    return 0;
}

static int parse_moves(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    return parse_move_list(r, obj, arg, false, err, errlen);
}

/* As parse_moves, and "none": no extended moves. */
static int parse_extended(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    return parse_move_list(r, obj, arg, true, err, errlen);
}

/* What parse_moves and parse_extended read back: "none" for no moves. */
static void format_moves(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    const double *m = (const double *)(const void *)((const char *)obj + r->off);
    size_t n = *(const size_t *)(const void *)((const char *)obj + r->off_n), len = 0;
    snprintf(buf, cap, "none");
    for (size_t i = 0; i < n && len < cap; i++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%.15g", i ? "," : "", m[i]);
}

/* The greeks ladder's bucket bounds in days into the ladder_params at
 * r->off (ladder_parse: ascending, > 0; the open last bucket is added). */
static int parse_buckets(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    ladder_params *lp = (ladder_params *)(void *)((char *)obj + r->off);
    if (ladder_parse(arg, lp) == 0)
        return 0;
    snprintf(err, errlen, "is not a list of 1 to %d ascending bounds in days > 0, comma-separated (default %s)",
             LADDER_MAX_BUCKETS - 1, r->defs);
    return -1;
}

static void format_buckets(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    const ladder_params *lp = (const ladder_params *)(const void *)((const char *)obj + r->off);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i + 1 < lp->nbuckets && len < cap; i++) /* the last bound is INFINITY */
        len += (size_t)snprintf(buf + len, cap - len, "%s%.15g", i ? "," : "", lp->upper_days[i]);
}

/* ---- [underlying NAME] hedge and hedge_book: names into the block ---- */

static const char *const on_off[] = {"off", "on", NULL}; /* inst_param.auto_hedge */

static int parse_hedge_inst(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    inst_param *p = obj;
    if (!book_id_ok(arg)) {
        snprintf(err, errlen, "is not an instrument: SYM or SYM@VENUE, symbol characters");
        return -1;
    }
    snprintf(p->hedge, sizeof p->hedge, "%s", arg);
    return 0;
}

static void format_hedge_inst(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    snprintf(buf, cap, "%s", ((const inst_param *)obj)->hedge);
}

static int parse_hedge_book(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    inst_param *p = obj;
    if (!book_id_ok(arg) || strchr(arg, '@') || strlen(arg) >= sizeof p->hedge_book) {
        snprintf(err, errlen, "is not a book's name: symbol characters, at most %zu", sizeof p->hedge_book - 1);
        return -1;
    }
    snprintf(p->hedge_book, sizeof p->hedge_book, "%s", arg);
    return 0;
}

static void format_hedge_book(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    snprintf(buf, cap, "%s", ((const inst_param *)obj)->hedge_book);
}

/* ---- [scenario NAME]: its keys' values, into one or_scenario ---- */

/* A move, a fraction of the price: finite and > -1 (a price never reaches
 * 0). */
static int move_of(const char *s, double *m)
{
    return num_parse(s, -DBL_MAX, DBL_MAX, false, m) == 0 && *m > -1 ? 0 : -1;
}

/* move = UND:M,UND:M: a move per underlying, each underlying once, at most
 * OR_SCENARIO_MOVES. */
static int parse_scen_moves(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    or_scenario *sc = obj, q = *sc;
    char item[EVENT_SYM_MAX + 64], what[200] = "";
    const char *s = arg;
    int got;
    q.nmoves = 0;
    while (!what[0] && (got = next_item(&s, item, sizeof item)) != 0) {
        if (got < 0) {
            snprintf(what, sizeof what, "an item is too long");
            break;
        }
        char *colon = strrchr(item, ':'); /* a number has none: the name may */
        const char *und = item, *mv = colon ? colon + 1 + strspn(colon + 1, " ") : "";
        if (colon) {
            *colon = '\0';
            size_t len = strlen(und);
            while (len && und[len - 1] == ' ')
                item[--len] = '\0';
        }
        double m = 0;
        bool again = false;
        for (size_t k = 0; k < q.nmoves; k++)
            again = again || !strcmp(q.und[k], und);
        if (!colon || !und[0] || strlen(und) >= EVENT_SYM_MAX)
            snprintf(what, sizeof what, "'%.60s%s%s' is not UNDERLYING:MOVE", und, colon ? ":" : "", mv);
        else if (move_of(mv, &m) != 0)
            snprintf(what, sizeof what, "%s's move '%s' is not a number > -1", und, mv);
        else if (again)
            snprintf(what, sizeof what, "%s has two moves", und);
        else if (q.nmoves == OR_SCENARIO_MOVES)
            snprintf(what, sizeof what, "more than %d underlyings", OR_SCENARIO_MOVES);
        else {
            snprintf(q.und[q.nmoves], sizeof q.und[q.nmoves], "%s", und);
            q.move[q.nmoves++] = m;
        }
    }
    if (what[0]) {
        snprintf(err, errlen, "is not a list of up to %d UNDERLYING:MOVE, comma-separated, each move a fraction "
                 "of the price > -1: %s", OR_SCENARIO_MOVES, what);
        return -1;
    }
    *sc = q;
    return 0;
}

static void format_scen_moves(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    const or_scenario *sc = obj;
    size_t len = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < sc->nmoves && len < cap; k++)
        len += (size_t)snprintf(buf + len, cap - len, "%s%s:%.15g", k ? "," : "", sc->und[k], sc->move[k]);
}

/* driver = UND: the underlying whose move carries the others. */
static int parse_driver(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    or_scenario *sc = obj;
    if (!arg[0] || strlen(arg) >= sizeof sc->driver || strpbrk(arg, ",:")) {
        snprintf(err, errlen, "is not an underlying's name: 1 to %d characters, no ',' or ':'", EVENT_SYM_MAX - 1);
        return -1;
    }
    snprintf(sc->driver, sizeof sc->driver, "%s", arg);
    return 0;
}

static void format_driver(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    snprintf(buf, cap, "%s", ((const or_scenario *)obj)->driver);
}

/* driver_move = M: NAN until given (check_desk wants one with a driver). */
static int parse_driver_move(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    double m;
    if (move_of(arg, &m) != 0) {
        snprintf(err, errlen, "is not a move: a fraction of the price, a number > -1");
        return -1;
    }
    ((or_scenario *)obj)->driver_move = m;
    return 0;
}

static void format_driver_move(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    (void)r;
    double m = ((const or_scenario *)obj)->driver_move;
    buf[0] = '\0';
    if (!isnan(m))
        snprintf(buf, cap, "%.15g", m);
}

/* --server-key: the publisher's of the last --connect, or (none before it)
 * the engine's of --attach. */
static int parse_server_key(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r, (void)err, (void)errlen;
    invtop_opts *o = obj;
    engcfg *e = &o->engine;
    if (e->feed.nconnect == 0)
        o->attach_server_key = arg;
    else
        e->server_key_spec[e->feed.nconnect - 1] = arg;
    return 0;
}

static int set_setting(invtop_opts *o, const char *setting, char *why, size_t cap);

/* --sources FILE|NAME (repeatable), or sources = A, B in [feed]: each read
 * into the mapping; nothing printed back (its sections are). */
static int parse_sources(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    invtop_opts *o = obj;
    char buf[1024], *save = NULL;
    snprintf(buf, sizeof buf, "%s", arg);
    int n = 0;
    for (char *t = strtok_r(buf, ", \t", &save); t; t = strtok_r(NULL, ", \t", &save), n++)
        if (clisource_load(&o->sources, t, err, errlen) != 0)
            return -1;
    if (!n)
        snprintf(err, errlen, "names no mapping");
    return n ? 0 : -1;
}

static void format_sources(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    clisource_row_format(r, obj, buf, cap);
}

static int parse_set(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    (void)r;
    return set_setting(obj, arg, err, errlen);
}

/* A name: not empty, shorter than 64, no '/' (a file name part). */
static int parse_name(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    if (!arg[0] || strlen(arg) >= 64 || strchr(arg, '/')) {
        char d[256];
        const char *def = ot_default_text(r, d, sizeof d);
        snprintf(err, errlen, "is not a name: 1 to 63 characters, no '/'%s%s%s", def ? " (default " : "",
                 def ? def : "", def ? ")" : "");
        return -1;
    }
    *(const char **)(void *)((char *)obj + r->off) = arg;
    return 0;
}

static void format_name(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    const char *s = *(const char *const *)(const void *)((const char *)obj + r->off);
    snprintf(buf, cap, "%s", s ? s : "");
}

/* OT_CHOICE writes an int: the enums it writes must be one */
_Static_assert(sizeof(skew_model) == sizeof(int) && sizeof(theme_scheme) == sizeof(int), "enums are ints");

static const char *const models[] = {"none", "as", "glft", "glft0", "linear", NULL}; /* skew_model */
static const char *const themes[] = {"dark", "light", "mono", NULL};                /* theme_scheme */
static const char *const clocks[] = {"recv", "ts", NULL};
static const char *const fee_units[] = {"quote", "base", NULL}; /* inst_param.fee_base */

#define O(field) offsetof(invtop_opts, field)
#define DESK "Options desk (config keys; on the command line --set 'SECTION:KEY=V')"

/* Every option and config key of invtop: one row each. */
static const ot_row options[] = {
    {.name = "connect", .arg = "ENDPOINT", .group = "Feed", .section = "feed", .key = "connect", .type = OT_LIST,
     .defs = "tcp://127.0.0.1:5555", .off = O(engine.feed.connect), .off_n = O(engine.feed.nconnect), .cap = SUB_MAX_ENDPOINTS,
     .help = "SUB connects to a publisher, repeatable; none with --bind, --replay or --demo"},
    {.name = "bind", .arg = "ENDPOINT", .group = "Feed", .section = "feed", .key = "bind", .type = OT_LIST,
     .off = O(engine.feed.bind), .off_n = O(engine.feed.nbind), .cap = SUB_MAX_ENDPOINTS,
     .help = "SUB binds for publishers to connect (repeatable)"},
    {.name = "rcvhwm", .arg = "N", .group = "Feed", .section = "feed", .key = "rcvhwm", .type = OT_INT,
     .def = SUB_DEFAULT_RCVHWM, .min = 0, .max = 1e9, .off = O(engine.feed.rcvhwm),
     .help = "receive high-water mark in messages"},
    {.name = "max-instruments", .arg = "N", .group = "Feed", .section = "feed", .key = "max_instruments",
     .type = OT_SIZE, .def = ENGCFG_MAX_INSTRUMENTS, .min = 1, .max = 1000000, .off = O(engine.max_instruments), .help = "book capacity"},
    {.name = "stale-ms", .arg = "MS", .group = "Feed", .section = "feed", .key = "stale_ms", .type = OT_MS,
     .def = ENGCFG_STALE_MS, .min = 1, .max = 86400000, .off = O(engine.stale_s), .help = "price is stale after MS of event time"},
    {.name = "clock", .arg = "recv|ts", .group = "Feed", .section = "feed", .key = "clock", .type = OT_CHOICE,
     .def = 0, .choices = clocks, .off = O(engine.clock_ts), .help = "event time from receive time or publishers' ts"},
    {.name = "sources", .arg = "FILE|NAME", .group = "Feed", .section = "feed", .key = "sources", .type = OT_CUSTOM,
     .unset = "none", .parse = parse_sources, .format = format_sources,
     .help = "read venues' own messages by the [source NAME] sections of FILE, or of a shipped mapping NAME "
             "(deribit, binance, okx, dwx), repeatable (docs/SOURCES.md)"},
    {.name = "record", .arg = "FILE", .group = "Feed", .section = "feed", .key = "record", .type = OT_STR,
     .off = O(engine.record), .help = "append every accepted message to FILE"},
    {.name = "curve-secret", .arg = "FILE", .group = "Security", .section = "feed", .key = "curve_secret",
     .type = OT_STR, .off = O(engine.curve_secret), .help = "CURVE key pair: server on --bind, client on a --connect with --server-key (a --connect "
             "without one stays plaintext, with a warning), and --serve's"},
    {.name = "allow-keys", .arg = "FILE|DIR", .group = "Security", .section = "feed", .key = "allow_keys",
     .type = OT_STR, .flags = OT_NEEDS_ANYWHERE, .needs = "curve-secret", .off = O(engine.allow_keys),
     .help = "publishers' public keys allowed to send to --bind"},
    {.name = "server-key", .arg = "KEY|FILE", .group = "Security", .type = OT_CUSTOM, .parse = parse_server_key,
     .help = "CURVE public key of the publisher of the last --connect, or of the engine of --attach"},
    {.name = "quotes-curve-secret", .arg = "FILE", .group = "Security", .section = "quotes", .key = "curve_secret",
     .type = OT_STR, .needs = "quotes", .off = O(engine.quotes_secret), .help = "CURVE key pair for the quote channel"},
    {.name = "quotes-allow-keys", .arg = "FILE|DIR", .group = "Security", .section = "quotes", .key = "allow_keys",
     .type = OT_STR, .flags = OT_NEEDS_ANYWHERE, .needs = "quotes-curve-secret", .off = O(engine.quotes_allow),
     .help = "quoting engines' public keys allowed to read quotes"},
    {.name = "keygen", .arg = "DIR", .group = "Security", .type = OT_STR, .off = O(keygen_dir),
     .help = "write a key pair DIR/NAME.key (0600) and DIR/NAME.pub, then exit"},
    {.name = "key-name", .arg = "NAME", .group = "Security", .type = OT_CUSTOM, .defs = "invtop",
     .needs = "keygen", .parse = parse_name, .format = format_name, .off = O(key_name),
     .help = "the key pair's file name"},
    {.name = "model", .arg = "NAME", .group = "Quotes", .section = "quotes", .key = "model", .type = OT_CHOICE,
     .def = SKEW_GLFT, .choices = models, .off = O(engine.quote.model), .help = "skew model: glft, glft0, as, linear, none"},
    {.name = "gamma", .arg = "G", .group = "Quotes", .section = "quotes", .key = "gamma", .type = OT_DOUBLE,
     .def = 0.05, .min = 1e-9, .max = 1e6, .off = O(engine.quote.gamma), .help = "risk aversion per bp and lot"},
    {.name = "k", .arg = "K", .group = "Quotes", .section = "quotes", .key = "k", .type = OT_DOUBLE,
     .def = 0.3, .min = 1e-9, .max = 1e6, .off = O(engine.quote.k), .help = "fill intensity decay per bp"},
    {.name = "fill-a", .arg = "A", .group = "Quotes", .section = "quotes", .key = "fill_a", .type = OT_DOUBLE,
     .def = 2, .min = 1e-9, .max = 1e9, .off = O(engine.quote.A), .help = "fill intensity at the mid, per second"},
    {.name = "tau-s", .arg = "S", .group = "Quotes", .section = "quotes", .key = "tau_s", .type = OT_DOUBLE,
     .def = 60, .min = 0, .max = 1e9, .off = O(engine.quote.tau_s), .help = "as/linear: rolling horizon in seconds"},
    {.name = "session-end", .arg = "EPOCH", .group = "Quotes", .section = "quotes", .key = "session_end",
     .type = OT_DOUBLE, .def = NAN, .min = 0, .max = 1e11, .unset = "none, a rolling --tau-s",
     .off = O(engine.quote.session_end), .help = "as: quote to a session end instead"},
    {.name = "skew-factor", .arg = "F", .group = "Quotes", .section = "quotes", .key = "skew_factor",
     .type = OT_DOUBLE, .def = 1, .min = 0, .max = 1e6, .off = O(engine.quote.skew_factor),
     .help = "linear: half spreads of skew at the limit"},
    {.name = "vol-mult", .arg = "M", .group = "Quotes", .section = "quotes", .key = "vol_mult", .type = OT_DOUBLE,
     .def = 1, .min = 0, .max = 1e6, .off = O(engine.quote.vol_mult), .help = "linear/none: half spread in sigma*sqrt(tau)"},
    {.name = "min-spread-bps", .arg = "BP", .group = "Quotes", .section = "quotes", .key = "min_spread_bps",
     .type = OT_DOUBLE, .def = 1, .min = 0, .max = 1e6, .off = O(engine.quote.min_spread_bps),
     .help = "narrowest quoted spread"},
    {.name = "q-max-lots", .arg = "N", .group = "Quotes", .section = "quotes", .key = "q_max_lots",
     .type = OT_DOUBLE, .def = NAN, .min = 0, .max = 1e15, .unset = "--limit-pos-lots", .off = O(engine.quote.q_max_lots),
     .help = "inventory where a side is withdrawn"},
    {.name = "quotes", .arg = "ENDPOINT", .group = "Quotes", .section = "quotes", .key = "endpoint",
     .type = OT_ENDPOINT, .off = O(engine.quotes), .help = "publish quote.SYM on a PUB socket bound here"},
    {.name = "quotes-refresh-s", .arg = "S", .group = "Quotes", .section = "quotes", .key = "refresh_s",
     .type = OT_DOUBLE, .def = ENGCFG_QUOTES_REFRESH_S, .min = 0.01, .max = 86400, .off = O(engine.quotes_refresh_s),
     .help = "republish every quote this often"},
    {.name = "sample-ms", .arg = "MS", .group = "Risk", .section = "risk", .key = "sample_ms", .type = OT_MS,
     .def = 1000, .min = 1, .max = 86400000, .off = O(engine.risk.pv.sample_s),
     .help = "sample underlying prices every MS of event time"},
    {.name = "window", .arg = "N", .group = "Risk", .section = "risk", .key = "window", .type = OT_SIZE,
     .def = 500, .min = 2, .max = 1000000, .off = O(engine.risk.window), .help = "returns kept for historical VaR"},
    {.name = "ewma-lambda", .arg = "L", .group = "Risk", .section = "risk", .key = "ewma_lambda", .type = OT_DOUBLE,
     .def = 0.94, .min = 1e-6, .max = 0.999999, .off = O(engine.risk.lambda), .help = "EWMA covariance decay"},
    {.name = "horizon-s", .arg = "S", .group = "Risk", .section = "risk", .key = "horizon_s", .type = OT_DOUBLE,
     .def = 60, .min = 1e-3, .max = 1e8, .off = O(engine.risk.pv.horizon_s),
     .help = "VaR horizon in seconds, sqrt-of-time scaled"},
    {.name = "var-levels", .arg = "P,P", .group = "Risk", .section = "risk", .key = "var_levels", .type = OT_CUSTOM,
     .defs = "0.95,0.99", .parse = parse_levels, .format = format_levels, .help = "VaR confidence levels"},
    {.name = "es-level", .arg = "P", .group = "Risk", .section = "risk", .key = "es_level", .type = OT_DOUBLE,
     .def = 0.975, .min = 0.5000001, .max = 0.9999999, .off = O(engine.risk.pv.es_level),
     .help = "expected shortfall level"},
    {.name = "mc-paths", .arg = "N", .group = "Risk", .section = "risk", .key = "mc_paths", .type = OT_SIZE,
     .def = 10000, .min = 0, .max = 1e8, .off = O(engine.risk.pv.mc_paths), .help = "Monte Carlo paths"},
    {.name = "mc-seed", .arg = "N", .group = "Risk", .section = "risk", .key = "mc_seed", .type = OT_ULONG,
     .def = 42, .min = 0, .max = 4294967295.0, .off = O(engine.risk.pv.mc_seed), .help = "Monte Carlo seed"},
    {.name = "risk-free-rate", .arg = "R", .group = "Risk", .section = "risk", .key = "risk_free_rate",
     .type = OT_DOUBLE, .def = 0, .min = -1, .max = 1, .off = O(engine.risk.rate),
     .help = "continuous rate for option pricing"},
    {.name = "iv", .arg = "VOL", .group = "Risk", .section = "risk", .key = "iv", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-4, .max = 20, .unset = "none", .off = O(engine.risk.default_iv),
     .help = "implied vol for options that carry none"},
    {.name = "max-underlyings", .arg = "N", .group = "Risk", .section = "risk", .key = "max_underlyings",
     .type = OT_SIZE, .def = 256, .min = 1, .max = 4096, .off = O(engine.risk.max_und), .help = "underlyings modelled"},
    {.name = "backtest-window", .arg = "N", .group = "Risk", .section = "risk", .key = "backtest_window",
     .type = OT_SIZE, .def = 250, .min = 1, .max = 1000000, .off = O(engine.risk.bt_window),
     .help = "VaR backtest: horizons kept for exceptions, Kupiec, Christoffersen, the Basel zone "
             "(n/a below 250)"},
    {.name = "history", .arg = "FILE", .group = "Risk", .section = "risk", .key = "history", .type = OT_STR,
     .off = O(engine.history), .help = "preload price samples (CSV: time,NAME,...)"},
    {.name = "limit-pos-lots", .arg = "N", .group = "Limits", .section = "risk", .key = "limit_pos_lots",
     .type = OT_DOUBLE, .def = 50, .min = 0, .max = 1e15, .off = O(engine.risk.limits.max_pos_lots),
     .help = "max position per instrument in lots"},
    {.name = "limit-delta-usd", .arg = "X", .group = "Limits", .section = "risk", .key = "limit_delta_usd",
     .type = OT_DOUBLE, .def = 1e6, .min = 0, .max = 1e18, .off = O(engine.risk.limits.max_delta_usd),
     .help = "max net delta per underlying in USD"},
    {.name = "limit-var-usd", .arg = "X", .group = "Limits", .section = "risk", .key = "limit_var_usd",
     .type = OT_DOUBLE, .def = 1e5, .min = 0, .max = 1e18, .off = O(engine.risk.limits.max_var_usd),
     .help = "max portfolio VaR in USD"},
    /* the options desk: config keys only, --set 'stress:moves=...' on the command line; their
     * defaults are the libraries' (stress_default_params: Deribit's portfolio margin,
     * ladder_default_params), which test_opttab holds them to */
    {.arg = "M,M,...", .group = DESK, .section = "stress", .key = "moves", .type = OT_CUSTOM,
     .defs = "-0.16,-0.12,-0.08,-0.04,0,0.04,0.08,0.12,0.16", .parse = parse_moves, .format = format_moves,
     .off = O(engine.risk.opt.stress.moves), .off_n = O(engine.risk.opt.stress.nmoves), .cap = STRESS_MAX_MOVES,
     .help = "the stress grid's underlying moves, fractions of the price"},
    {.arg = "M,M,...|none", .group = DESK, .section = "stress", .key = "extended", .type = OT_CUSTOM,
     .defs = "-0.66,-0.33,0.5,1,2,3,4,5", .parse = parse_extended, .format = format_moves,
     .off = O(engine.risk.opt.stress.extended), .off_n = O(engine.risk.opt.stress.nextended),
     .cap = STRESS_MAX_MOVES, .help = "extra moves, valued with vol up only and shown apart"},
    {.arg = "F", .group = DESK, .section = "stress", .key = "vol_up", .type = OT_DOUBLE, .def = 0.5, .min = 0,
     .max = 10, .off = O(engine.risk.opt.stress.vol_up),
     .help = "vol up row: sigma (1 + vol_up m), m = (30 / max(days, 1))^power"},
    {.arg = "F", .group = DESK, .section = "stress", .key = "vol_down", .type = OT_DOUBLE, .def = 0.25, .min = 0,
     .max = 0.99, .off = O(engine.risk.opt.stress.vol_down),
     .help = "vol down row: sigma (1 - vol_down m); vol_down 30^vega_power_short must stay below 1"},
    {.arg = "P", .group = DESK, .section = "stress", .key = "vega_power_short", .type = OT_DOUBLE, .def = 0.3,
     .min = 0, .max = 2, .off = O(engine.risk.opt.stress.power_short),
     .help = "the power of m for options up to 30 days"},
    {.arg = "P", .group = DESK, .section = "stress", .key = "vega_power_long", .type = OT_DOUBLE, .def = 0.13,
     .min = 0, .max = 2, .off = O(engine.risk.opt.stress.power_long),
     .help = "the power of m beyond 30 days"},
    {.arg = "D,D,...", .group = DESK, .section = "ladder", .key = "buckets", .type = OT_CUSTOM, .defs = "1,7,30,90",
     .parse = parse_buckets, .format = format_buckets, .off = O(engine.risk.opt.ladder),
     .help = "the greeks ladder's expiry buckets: upper bounds in days, an open last bucket after them "
             "(1,7,30,90: 0-1d, 1-7d, 7-30d, 30-90d, 90d+)"},
    {.group = DESK, .section = "explain", .key = "vanna_volga", .type = OT_FLAG, .def = 1,
     .off = O(engine.risk.opt.second_order), .help = "the P&L explain's second-order terms, vanna and volga"},
    {.name = "theme", .arg = "NAME", .group = "Output", .section = "ui", .key = "theme", .type = OT_CHOICE,
     .def = THEME_DARK, .choices = themes, .off = O(theme), .help = "dark, light or mono"},
    {.name = "no-color", .group = "Output", .section = "ui", .key = "no_color", .type = OT_FLAG,
     .off = O(no_color), .help = "no colours (also when NO_COLOR is set)"},
    {.name = "fps", .arg = "N", .group = "Output", .section = "ui", .key = "fps", .type = OT_DOUBLE, .def = 10,
     .min = 0.5, .max = 120, .off = O(fps), .help = "dashboard frames per second at most"},
    {.name = "trader", .group = "Output", .section = "ui", .key = "trader", .type = OT_FLAG, .off = O(engine.trader),
     .help = "enable the quote override keys"},
    {.name = "readonly", .group = "Output", .type = OT_FLAG, .flags = OT_NEGATE, .off = O(engine.trader),
     .help = "override keys do nothing (the default)"},
    {.name = "headless", .group = "Output", .type = OT_FLAG, .off = O(headless),
     .help = "print JSON snapshots instead of the dashboard"},
    {.name = "interval", .arg = "MS", .group = "Output", .section = "ui", .key = "interval_ms", .type = OT_MS,
     .def = 1000, .min = 1, .max = 86400000, .needs = "headless", .off = O(interval_s),
     .help = "snapshot period"},
    {.name = "count", .arg = "N", .group = "Output", .type = OT_LLONG, .def = 0, .min = 1, .max = 1e15,
     .unset = "unlimited", .needs = "headless", .off = O(count), .help = "exit after N snapshots"},
    {.name = "demo", .group = "Output", .type = OT_FLAG, .off = O(engine.demo),
     .help = "watch the bundled synthetic market (no network needed)"},
    {.name = "journal", .arg = "FILE", .group = "Overrides", .section = "journal", .key = "path", .type = OT_STR,
     .unset = "$XDG_STATE_HOME/invtop/overrides.jsonl", .off = O(engine.journal), .help = "override journal"},
    {.name = "overrides", .group = "Overrides", .type = OT_FLAG, .off = O(list_overrides),
     .help = "print the active overrides from the journal and exit"},
    {.name = "override-ttl-s", .arg = "S", .group = "Overrides", .section = "journal", .key = "override_ttl_s",
     .type = OT_DOUBLE, .def = 0, .min = 0, .max = 1e9, .off = O(engine.override_ttl_s),
     .help = "hotkey overrides expire after S seconds, 0 never"},
    {.name = "orders", .arg = "ENDPOINT", .group = "Hedging", .section = "hedging", .key = "orders",
     .type = OT_ENDPOINT, .off = O(engine.orders),
     .help = "send hedge orders on a DEALER socket bound here (docs/PROTOCOL.md, Order channel)"},
    {.name = "auto-hedge", .group = "Hedging", .section = "hedging", .key = "auto_hedge", .type = OT_FLAG,
     .off = O(engine.hedge.automatic),
     .help = "automatic hedging: send the suggested hedge when delta leaves the band (needs --trader, --orders)"},
    {.name = "hedge-cooldown-s", .arg = "S", .group = "Hedging", .section = "hedging", .key = "cooldown_s",
     .type = OT_DOUBLE, .def = ENGCFG_HEDGE_COOLDOWN_S, .min = 0, .max = 86400, .off = O(engine.hedge.cooldown_s),
     .help = "automatic hedging: at most one order per underlying this often (event time)"},
    {.name = "max-order-usd", .arg = "USD", .group = "Hedging", .section = "hedging", .key = "max_order_usd",
     .type = OT_DOUBLE, .def = ENGCFG_MAX_ORDER_USD, .min = 0, .max = 1e18, .off = O(engine.hedge.max_order_usd),
     .help = "the largest hedge order (delta USD); larger ones are refused, automatic ones capped"},
    {.name = "order-ttl-s", .arg = "S", .group = "Hedging", .section = "hedging", .key = "order_ttl_s",
     .type = OT_DOUBLE, .def = ENGCFG_ORDER_TTL_S, .min = 0.1, .max = 86400, .off = O(engine.hedge.order_ttl_s),
     .help = "an order not acknowledged within S seconds of event time expires"},
    CLIALERT_OPTIONS,
    CLICUR_OPTIONS,
    {.name = "replay", .arg = "FILE", .group = "Record/replay", .type = OT_STR, .off = O(engine.replay),
     .help = "read a recording instead of ZeroMQ"},
    {.name = "speed", .arg = "X|max", .group = "Record/replay", .type = OT_DOUBLE, .flags = OT_MAX, .def = 1,
     .min = 1e-3, .max = 1e6, .needs = "replay", .off = O(engine.speed), .help = "replay speed factor"},
    {.name = "serve", .arg = "ENDPOINT", .group = "Engine", .section = "engine", .key = "serve", .type = OT_ENDPOINT,
     .off = O(engine.serve), .help = "serve the state to viewers (invtop --attach) on a ROUTER bound here; CURVE with --curve-secret"},
    {.name = "serve-pub", .arg = "ENDPOINT", .group = "Engine", .section = "engine", .key = "serve_pub",
     .type = OT_ENDPOINT, .unset = "the --serve host, any free port", .needs = "serve", .off = O(engine.serve_pub),
     .help = "bind the state update stream (PUB) here"},
    {.name = "trader-keys", .arg = "KEYS|FILE|DIR", .group = "Engine", .section = "engine", .key = "trader_keys",
     .type = OT_STR, .needs = "serve", .off = O(engine.trader_keys),
     .help = "trader public keys whose viewers may send commands (comma list, file or directory of *.pub)"},
    {.name = "attach", .arg = "ENDPOINT", .group = "Viewer", .type = OT_ENDPOINT, .off = O(attach),
     .help = "view a remote engine (invtop --serve): no feed, no risk of its own"},
    {.name = "attach-pub", .arg = "ENDPOINT", .group = "Viewer", .type = OT_ENDPOINT, .off = O(attach_pub),
     .needs = "attach", .unset = "the one the engine names",
     .help = "the update stream's endpoint (behind a forwarder)"},
    {.name = "exec", .arg = "COMMAND", .group = "Viewer", .type = OT_STR, .needs = "attach", .off = O(exec),
     .help = "send one command (see docs/STATE.md), exit 0 when applied, 1 when refused"},
    {.name = "user", .arg = "NAME", .group = "Viewer", .type = OT_CUSTOM, .needs = "attach", .parse = parse_name,
     .format = format_name, .unset = "$USER", .off = O(user),
     .help = "who the engine's journal names for this viewer's commands"},
    {.name = "config", .arg = "FILE", .group = "General", .type = OT_STR, .off = O(config),
     .unset = "$XDG_CONFIG_HOME/invtop/invtop.ini", .help = "config file"},
    {.name = "set", .arg = "SECTION:KEY=V", .group = "General", .type = OT_CUSTOM, .parse = parse_set,
     .help = "set any config key, e.g. --set 'instrument BTC-PERP:gamma=0.1'"},
    {.name = "print-config", .group = "General", .type = OT_FLAG, .off = O(print_config),
     .help = "print the configuration in force as INI and exit"},
    {.name = "example-config", .group = "General", .type = OT_FLAG, .off = O(example_config),
     .help = "print an example config documenting every key and exit"},
    {.name = "help", .group = "General", .type = OT_HELP, .help = "this help"},
    {.name = "version", .group = "General", .type = OT_VERSION, .help = "print the version"},
    {.name = "manpage", .group = "General", .type = OT_FLAG, .off = O(manpage),
     .help = "print the invtop(1) man page source and exit"},
};
#define N_OPTIONS (sizeof options / sizeof *options)

#define P(field) offsetof(inst_param, field)
#define INST "Per-instrument keys, [instrument SYM] or [instrument SYM@VENUE]"
#define UND "Per-underlying keys, [underlying NAME] (an instrument's own win)"

#define S(field) offsetof(or_scenario, field)
#define SCEN "Named stress scenarios, [scenario NAME] (at most 16)"
_Static_assert(OR_MAX_SCENARIOS == 16, "SCEN says how many scenarios there may be");

/* The keys of named sections: section is the scope (ip_scope_name), the
 * destination an offset into the block's inst_param; or "scenario", into
 * one of the options desk's or_scenario. */
static const ot_row block_keys[] = {
    {.group = INST, .section = "instrument", .key = "model", .arg = "NAME", .type = OT_CHOICE, .def = -1,
     .choices = models, .unset = "--model", .off = P(model), .help = "skew model"},
    {.group = INST, .section = "instrument", .key = "gamma", .arg = "G", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-9, .max = 1e6, .unset = "--gamma", .off = P(v[IP_GAMMA]), .help = "risk aversion per bp and lot"},
    {.group = INST, .section = "instrument", .key = "k", .arg = "K", .type = OT_DOUBLE, .def = NAN, .min = 1e-9,
     .max = 1e6, .unset = "--k", .off = P(v[IP_K]), .help = "fill intensity decay per bp"},
    {.group = INST, .section = "instrument", .key = "fill_a", .arg = "A", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-9, .max = 1e9, .unset = "--fill-a", .off = P(v[IP_FILL_A]), .help = "fill intensity at the mid"},
    {.group = INST, .section = "instrument", .key = "max_pos_lots", .arg = "N", .type = OT_DOUBLE, .def = NAN,
     .min = 0, .max = 1e15, .unset = "--limit-pos-lots", .off = P(v[IP_MAX_POS_LOTS]),
     .help = "position limit in lots, and where a side is withdrawn"},
    {.group = INST, .section = "instrument", .key = "iv", .arg = "VOL", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-4, .max = 20, .unset = "--iv", .off = P(v[IP_IV]), .help = "implied vol when its messages carry none"},
    {.group = INST, .section = "instrument", .key = "lot", .arg = "X", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-12, .max = 1e12, .unset = "its inst message's, else 1", .off = P(v[IP_LOT]),
     .help = "lot size in units of the instrument"},
    {.group = INST, .section = "instrument", .key = "tick", .arg = "X", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-12, .max = 1e9, .unset = "its inst message's, else none", .off = P(v[IP_TICK]),
     .help = "price increment quotes are rounded to"},
    {.group = UND, .section = "underlying", .key = "model", .arg = "NAME", .type = OT_CHOICE, .def = -1,
     .choices = models, .unset = "--model", .off = P(model), .help = "skew model of its instruments"},
    {.group = UND, .section = "underlying", .key = "gamma", .arg = "G", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-9, .max = 1e6, .unset = "--gamma", .off = P(v[IP_GAMMA]), .help = "risk aversion per bp and lot"},
    {.group = UND, .section = "underlying", .key = "k", .arg = "K", .type = OT_DOUBLE, .def = NAN, .min = 1e-9,
     .max = 1e6, .unset = "--k", .off = P(v[IP_K]), .help = "fill intensity decay per bp"},
    {.group = UND, .section = "underlying", .key = "fill_a", .arg = "A", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-9, .max = 1e9, .unset = "--fill-a", .off = P(v[IP_FILL_A]), .help = "fill intensity at the mid"},
    {.group = UND, .section = "underlying", .key = "iv", .arg = "VOL", .type = OT_DOUBLE, .def = NAN,
     .min = 1e-4, .max = 20, .unset = "--iv", .off = P(v[IP_IV]), .help = "implied vol of its options"},
    {.group = UND, .section = "underlying", .key = "max_delta_usd", .arg = "X", .type = OT_DOUBLE, .def = NAN,
     .min = 0, .max = 1e18, .unset = "--limit-delta-usd", .off = P(v[IP_MAX_DELTA_USD]),
     .help = "net delta limit in USD"},
    {.group = UND, .section = "underlying", .key = "hedge", .arg = "SYM@VENUE", .type = OT_CUSTOM,
     .unset = "its perp with the newest price, else a future, else spot", .parse = parse_hedge_inst,
     .format = format_hedge_inst, .help = "the instrument to hedge it with (another underlying's: a cross hedge)"},
    {.group = UND, .section = "underlying", .key = "hedge_band_usd", .arg = "USD", .type = OT_DOUBLE, .def = NAN,
     .min = 0, .max = 1e18, .unset = "half its max_delta_usd", .off = P(v[IP_HEDGE_BAND_USD]),
     .help = "no hedge while |net delta| stays within this"},
    {.group = UND, .section = "underlying", .key = "hedge_book", .arg = "BOOK", .type = OT_CUSTOM, .unset = "hedge",
     .parse = parse_hedge_book, .format = format_hedge_book, .help = "the book its hedge fills go to"},
    {.group = UND, .section = "underlying", .key = "auto_hedge", .arg = "on|off", .type = OT_CHOICE, .def = -1,
     .choices = on_off, .unset = "--auto-hedge", .off = P(auto_hedge),
     .help = "automatic hedging for this underlying"},
    {.group = UND, .section = "underlying", .key = "max_order_usd", .arg = "USD", .type = OT_DOUBLE, .def = NAN,
     .min = 0, .max = 1e18, .unset = "--max-order-usd", .off = P(v[IP_MAX_ORDER_USD]),
     .help = "the largest hedge order for it (delta USD)"},
    {.group = "Per-venue keys, [venue NAME]", .section = "venue", .key = "fee_unit", .arg = "quote|base",
     .type = OT_CHOICE, .def = 0, .choices = fee_units, .off = P(fee_base),
     .help = "the unit of the fees its fills carry (base is converted at the fill price)"},
    {.group = "Per-book keys, [book NAME] (a desk or strategy)", .section = "book", .key = "max_delta_usd",
     .arg = "X", .type = OT_DOUBLE, .def = NAN, .min = 0, .max = 1e18, .unset = "off",
     .off = P(v[IP_MAX_DELTA_USD]), .help = "net delta limit of the book in USD"},
    {.group = "Per-book keys, [book NAME] (a desk or strategy)", .section = "book", .key = "max_var_usd",
     .arg = "X", .type = OT_DOUBLE, .def = NAN, .min = 0, .max = 1e18, .unset = "off",
     .off = P(v[IP_MAX_VAR_USD]), .help = "VaR limit of the book in USD"},
    {.group = SCEN, .section = "scenario", .key = "move", .arg = "UND:M,...", .type = OT_CUSTOM, .unset = "none",
     .parse = parse_scen_moves, .format = format_scen_moves,
     .help = "a move per underlying, fractions of the price (BTC:-0.39,ETH:-0.43)"},
    {.group = SCEN, .section = "scenario", .key = "driver", .arg = "UND", .type = OT_CUSTOM, .unset = "none",
     .parse = parse_driver, .format = format_driver, .off = S(driver),
     .help = "an underlying whose move (driver_move) carries every underlying without a move of its own, "
             "by its beta to the driver from the risk window's covariance"},
    {.group = SCEN, .section = "scenario", .key = "driver_move", .arg = "M", .type = OT_CUSTOM, .unset = "none",
     .parse = parse_driver_move, .format = format_driver_move, .off = S(driver_move),
     .help = "the driver's move, a fraction of the price"},
    {.group = SCEN, .section = "scenario", .key = "vol_shift", .arg = "V", .type = OT_DOUBLE, .def = 0, .min = -1,
     .max = 5, .off = S(vol_shift), .help = "added to every option's vol (0.3: 30 vol points up)"},
    CLIALERT_KEYS,
    CLISOURCE_KEYS,
    CLICUR_KEYS,
};
#define N_KEYS (sizeof block_keys / sizeof *block_keys)

static const ot_prog invtop_prog = {
    .name = "invtop",
    .version = INVTOP_VERSION,
    .synopsis = "[OPTION]...",
    .summary = "live terminal dashboard for market-making inventory risk",
    .about = "invtop listens to position, fill, price and instrument messages from ZeroMQ\n"
             "publishers (wire protocol v1, cryptofeed's ZeroMQ backend), keeps the book,\n"
             "computes delta and greeks, VaR and CVaR four ways with backtests and limits,\n"
             "and suggests quote skews that pull inventory back to neutral. It shows them in\n"
             "an ncurses dashboard, or prints JSON lines with --headless. With --quotes it\n"
             "publishes its quotes, which a trader can override by hand with --trader.\n"
             "Options come from the defaults, then the config file, then the command line.",
    .help_tail = "Exit status: 0 ok, 1 runtime failure, 2 usage error.\n"
                 "Protocol and snapshot schema: docs/PROTOCOL.md\n",
    .man_tail = ".SH FILES\n.TP\n.I $XDG_CONFIG_HOME/invtop/invtop.ini\nconfiguration "
                "(see \\fBinvtop \\-\\-example\\-config\\fR)\n.TP\n"
                ".I $XDG_STATE_HOME/invtop/overrides.jsonl\nthe override journal\n"
                ".SH ENVIRONMENT\n.TP\n.B NO_COLOR\nno colours\n.TP\n.B USER, SSH_CONNECTION\n"
                "recorded with every override\n"
                ".SH EXIT STATUS\n0 success, 1 runtime failure, 2 usage or configuration error.\n"
                ".SH SEE ALSO\n.BR invtop\\-feed (1),\n.BR invtop\\-sim (1),\n.BR invtop\\-relay (1);\n"
                "the protocol: /usr/share/doc/invtop/PROTOCOL.md\n",
    .rows = options,
    .nrows = N_OPTIONS,
    .keys = block_keys,
    .nkeys = N_KEYS,
    .keys_about = "Per instrument, per underlying, per venue and per book: config sections named\n"
                  "after the thing ([instrument BTC-PERP], [underlying BTC], [venue BINANCE],\n"
                  "[book mm]), stress scenarios and alert rules by name ([scenario covid],\n"
                  "[alert var_high]); --set 'instrument BTC-PERP:gamma=0.1' sets any of them\n"
                  "from the command line. [instrument SYM@VENUE] wins over [instrument SYM] on\n"
                  "that venue, and an instrument's values over its underlying's. A scenario\n"
                  "moves underlyings by move, or by driver and driver_move, and shifts vols by\n"
                  "vol_shift; each is valued on every risk sample. An alert rule fires when\n"
                  "its metric passes its threshold for `for` seconds of event time, and\n"
                  "resolves past clear; invtop --example-config ends with rules a desk starts\n"
                  "from. Unset values follow:",
};

const ot_prog *cli_prog(void)
{
    return &invtop_prog;
}

void cli_defaults(invtop_opts *o)
{
    memset(o, 0, sizeof *o);
    engcfg_defaults(&o->engine); /* and what no option sets: backtest window, Monte Carlo thread,
                                  * GLFT order size */
    ot_defaults(options, N_OPTIONS, o);
}

/* ---- the config file: every key is a row of the tables above ---- */

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
    srcmap_free(o->sources);
    o->sources = NULL;
    o->engine.sources = NULL;
}

typedef struct {
    invtop_opts *o;
    char err[512];
} ini_ctx;

/* A key of a named section ("instrument BTC-PERP"): 1 when the section is
 * one (c->err set when the key or value is bad), 0 when it is not. */
static int on_block(ini_ctx *c, const char *section, const char *key, const char *value)
{
    for (ip_scope s = 0; s < IP_SCOPES; s++) {
        const char *scope = ip_scope_name(s);
        size_t n = strlen(scope);
        if (strncmp(section, scope, n) != 0 || section[n] != ' ')
            continue;
        const ot_row *r = ot_find_key(block_keys, N_KEYS, scope, key);
        inst_param *p = r ? ip_slot(&c->o->engine.params, s, section + n + 1) : NULL;
        char why[300];
        if (!r)
            snprintf(c->err, sizeof c->err, "unknown key '%s' in [%s]", key, section);
        else if (!p)
            snprintf(c->err, sizeof c->err, "[%s]: too many named sections", section);
        else if (ot_set(r, p, value, why, sizeof why) != 0)
            snprintf(c->err, sizeof c->err, "%s = %s in [%s] %s", key, value, section, why);
        return 1;
    }
    return 0;
}

/* A key of [scenario NAME]: 1 when the section is one (c->err set when the
 * key, the value or the name is bad, or a 17th scenario would be added;
 * nothing changes then), 0 when it is not. */
static int on_scenario(ini_ctx *c, const char *section, const char *key, const char *value)
{
    static const char scope[] = "scenario";
    const size_t n = sizeof scope - 1;
    if (strncmp(section, scope, n) != 0 || section[n] != ' ')
        return 0;
    const char *name = section + n + 1;
    or_params *p = &c->o->engine.risk.opt;
    const ot_row *r = ot_find_key(block_keys, N_KEYS, scope, key);
    size_t k = 0;
    while (k < p->nscen && strcmp(p->scen[k].name, name) != 0)
        k++;
    or_scenario fresh; /* a new scenario goes in only once its first key is good */
    memset(&fresh, 0, sizeof fresh);
    fresh.driver_move = NAN;
    snprintf(fresh.name, sizeof fresh.name, "%s", name);
    char why[300];
    if (!r)
        snprintf(c->err, sizeof c->err, "unknown key '%s' in [%s]", key, section);
    else if (!name[0] || strlen(name) >= sizeof fresh.name)
        snprintf(c->err, sizeof c->err, "[%s]: a scenario's name is 1 to %zu characters", section,
                 sizeof fresh.name - 1);
    else if (k == OR_MAX_SCENARIOS)
        snprintf(c->err, sizeof c->err, "[%s]: too many scenarios: at most %d", section, OR_MAX_SCENARIOS);
    else if (ot_set(r, k < p->nscen ? &p->scen[k] : &fresh, value, why, sizeof why) != 0)
        snprintf(c->err, sizeof c->err, "%s = %s in [%s] %s", key, value, section, why);
    else if (k == p->nscen)
        p->scen[p->nscen++] = fresh;
    return 1;
}

/* One "key = value" under [section]; 0 stops inih at this line. */
static int on_ini(void *user, const char *section, const char *key, const char *value)
{
    ini_ctx *c = user;
    if (c->err[0])
        return 1; /* report only the first error */
    if (on_block(c, section, key, value) || on_scenario(c, section, key, value) ||
        clialert_on_ini(&c->o->engine.alerts, section, key, value, c->err, sizeof c->err) ||
        clisource_on_ini(&c->o->sources, section, key, value, c->err, sizeof c->err) ||
        clicur_on_ini(&c->o->engine.risk.ccy, section, key, value, c->err, sizeof c->err))
        return !c->err[0];
    const ot_row *r = ot_find_key(options, N_OPTIONS, section, key);
    if (!r) {
        snprintf(c->err, sizeof c->err, "unknown key '%s' in [%s]", key, section);
        return 0;
    }
    if (r->type != OT_FLAG && !value[0])
        return 1; /* an empty value leaves the default */
    const char *v = r->type == OT_FLAG ? value : own(c->o, value);
    char why[300];
    if (!v) {
        snprintf(c->err, sizeof c->err, "%s = %s in [%s]: out of memory for strings", key, value, section);
        return 0;
    }
    if (ot_set(r, c->o, v, why, sizeof why) != 0) {
        snprintf(c->err, sizeof c->err, "%s = %s in [%s] %s", key, value, section, why);
        return 0;
    }
    return 1;
}

/* The options desk's keys taken together, once a source (the config file,
 * the command line, one --set) has been read: each key was checked alone as
 * it came, but a rule that joins keys cannot be held key by key, or the
 * order they come in would decide. The rules: the grid passes
 * stress_params_check; a scenario's driver comes with its driver_move and
 * has no move of its own; a scenario changes something. Returns 0, or -1
 * with why (naming the section and keys); the caller then puts the desk
 * back as it was before the source. */
static int check_desk(const or_params *p, char *why, size_t cap)
{
    char reason[200];
    if (stress_params_check(&p->stress, reason, sizeof reason) != 0) {
        /* stress_params_check decides; the rule it says in its own names
         * is said here in the keys' */
        const double joint = p->stress.vol_down * pow(30, p->stress.power_short);
        if (!(joint < 1))
            snprintf(why, cap, "[stress] vol_down = %g with vega_power_short = %g: vol_down x 30^vega_power_short "
                     "= %.3g must be < 1, or a 1-day option's vol goes to 0 in the vol down row",
                     p->stress.vol_down, p->stress.power_short, joint);
        else
            snprintf(why, cap, "[stress] is not a usable grid: %s", reason);
        return -1;
    }
    for (size_t k = 0; k < p->nscen; k++) {
        const or_scenario *sc = &p->scen[k];
        bool own = false; /* the driver has a move of its own too */
        for (size_t m = 0; m < sc->nmoves; m++)
            own = own || !strcmp(sc->und[m], sc->driver);
        if (sc->driver[0] && isnan(sc->driver_move))
            snprintf(why, cap, "[scenario %s] driver = %s needs driver_move, the driver's move", sc->name, sc->driver);
        else if (!sc->driver[0] && !isnan(sc->driver_move))
            snprintf(why, cap, "[scenario %s] driver_move = %g needs driver, the underlying that moves", sc->name,
                     sc->driver_move);
        else if (own)
            snprintf(why, cap, "[scenario %s] driver = %s has a move in move too: give the driver's move as "
                     "driver_move only", sc->name, sc->driver);
        else if (!sc->nmoves && !sc->driver[0] && sc->vol_shift == 0)
            snprintf(why, cap, "[scenario %s] changes nothing: give move, driver and driver_move, or vol_shift",
                     sc->name);
        else
            continue;
        return -1;
    }
    return 0;
}

/* What a source's keys are judged on together (judge), and put back as it
 * was when the source is refused: the options desk and the alert rules
 * (with the [alerts] settings beside them). */
typedef struct {
    or_params desk;
    alrtcfg alerts;
} judged;

static void judged_keep(judged *j, const invtop_opts *o)
{
    j->desk = o->engine.risk.opt;
    j->alerts = o->engine.alerts;
}

static void judged_restore(invtop_opts *o, const judged *j)
{
    o->engine.risk.opt = j->desk;
    o->engine.alerts = j->alerts;
}

/* The keys of a source that are judged together: check_desk, then every
 * alert rule (clialert_check). 0, or -1 with why naming the section. */
static int judge(const invtop_opts *o, char *why, size_t cap)
{
    if (check_desk(&o->engine.risk.opt, why, cap) != 0 || clialert_check(&o->engine.alerts, why, cap) != 0)
        return -1;
    return 0;
}

/* One "SECTION:KEY=VALUE" into o; -1 with why in why, as words that follow
 * the setting (ot_set's form). */
static int set_setting(invtop_opts *o, const char *setting, char *why, size_t cap)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", setting);
    char *colon = strchr(buf, ':'), *eq = colon ? strchr(colon, '=') : NULL;
    if (!colon || !eq) {
        snprintf(why, cap, "is not SECTION:KEY=VALUE");
        return -1;
    }
    *colon = *eq = '\0';
    ini_ctx c = {o, ""};
    if (!on_ini(&c, buf, colon + 1, eq + 1)) {
        snprintf(why, cap, "is refused: %s", c.err);
        return -1;
    }
    return 0;
}

int cli_set(invtop_opts *o, const char *setting, char *err, size_t errlen)
{
    assert(o && setting && err && errlen);
    char why[600];
    judged was;
    judged_keep(&was, o);
    if (set_setting(o, setting, why, sizeof why) != 0)
        snprintf(err, errlen, "--set %s %s", setting, why);
    else if (judge(o, why, sizeof why) != 0)
        snprintf(err, errlen, "--set %s is refused: %s", setting, why);
    else
        return 0;
    judged_restore(o, &was); /* a refused setting leaves the desk and the rules as they were */
    return -1;
}

int cli_load_config_text(invtop_opts *o, const char *text, char *err, size_t errlen)
{
    ini_ctx c = {o, ""};
    judged was;
    judged_keep(&was, o);
    int line = ini_parse_string(text, on_ini, &c);
    if (line == 0 && !c.err[0] && judge(o, c.err, sizeof c.err) != 0)
        line = -1;
    if (line != 0 || c.err[0])
        judged_restore(o, &was); /* nothing of a refused text reaches the desk or the rules */
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
    char path[4096];
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
    judged was;
    judged_keep(&was, o);
    int line = ini_parse(file, on_ini, &c);
    if (line < 0) {
        fprintf(err_out, "invtop: cannot read config %s: %s\n", file, strerror(errno));
        return CLI_USAGE;
    }
    if (line > 0 || c.err[0]) {
        judged_restore(o, &was); /* nothing of a refused file reaches the desk or the rules */
        fprintf(err_out, "invtop: %s:%d: %s\n", file, line, c.err[0] ? c.err : "not an INI line");
        return CLI_USAGE;
    }
    if (judge(o, c.err, sizeof c.err) != 0) { /* the file as a whole: no line */
        judged_restore(o, &was);
        fprintf(err_out, "invtop: %s: %s\n", file, c.err);
        return CLI_USAGE;
    }
    o->config = file == path ? own(o, path) : file;
    if (!o->config) {
        fprintf(err_out, "invtop: out of memory\n");
        return CLI_USAGE;
    }
    return CLI_RUN;
}

/* ---- what the tables write ---- */

void cli_print_config(const invtop_opts *o, FILE *out)
{
    fprintf(out, "# invtop %s configuration in force (defaults, %s, command line)\n", INVTOP_VERSION,
            o->config ? o->config : "no config file");
    ot_print_config(&invtop_prog, o, out);
    for (size_t i = 0; i < o->engine.params.n; i++) {
        const inst_param *p = &o->engine.params.e[i];
        fprintf(out, "\n[%s %s]\n", ip_scope_name(p->scope), p->name);
        ot_print_block(block_keys, N_KEYS, ip_scope_name(p->scope), p, out);
    }
    for (size_t k = 0; k < o->engine.risk.opt.nscen; k++) {
        const or_scenario *sc = &o->engine.risk.opt.scen[k];
        fprintf(out, "\n[scenario %s]\n", sc->name);
        ot_print_block(block_keys, N_KEYS, "scenario", sc, out);
    }
    clialert_print_config(&o->engine.alerts, out);
    clisource_print_config(o->sources, out);
    clicur_print_config(&o->engine.risk.ccy, out);
}

void cli_print_manpage(FILE *out, void (*keys)(FILE *out))
{
    ot_print_man(&invtop_prog, out, keys);
}

void cli_print_example(FILE *out)
{
    fprintf(out, "# invtop.ini: every key, with its default. Copy to\n"
                 "# $XDG_CONFIG_HOME/invtop/invtop.ini (~/.config/invtop/invtop.ini) or pass\n"
                 "# --config FILE. Every key has a command-line twin (shown), which wins.\n"
                 "# Generated by: invtop --example-config\n");
    ot_print_example(&invtop_prog, out);
    clialert_print_example(out);
}

/* ---- a running engine's reload (R) ---- */

/* The engine's reload hook (engcfg_reload_fn): ctx is the invtop_opts
 * cli_parse filled, whose command line is read again over a fresh config
 * file read; cur is the engine's configuration in force. */
static int reload(const void *ctx, const engcfg *cur, engcfg_live *out, char *err, size_t errlen)
{
    assert(ctx && cur && out && err && errlen > 0);
    const invtop_opts *was = ctx;
    invtop_opts *n = malloc(sizeof *n);
    FILE *sink = fopen("/dev/null", "w"), *errs = errlen > 1 ? fmemopen(err, errlen - 1, "w") : NULL;
    memset(err, 0, errlen);
    cli_result r = CLI_USAGE;
    if (n && sink && errs) {
        cli_defaults(n);
        r = cli_parse(was->argc, was->argv, n, sink, errs);
    }
    if (sink)
        fclose(sink);
    if (errs)
        fclose(errs);
    const engcfg *e = n ? &n->engine : NULL;
    if (r == CLI_RUN && !n->config) {
        char path[4096];
        snprintf(err, errlen, "no config file found (looked for %s); nothing changed",
                 default_config(path, sizeof path));
        r = CLI_USAGE;
    } else if (r == CLI_RUN) {
        *out = (engcfg_live){.quote = e->quote, .limits = e->risk.limits, .stale_s = e->stale_s,
                             .quotes_refresh_s = e->quotes_refresh_s, .override_ttl_s = e->override_ttl_s,
                             .params = e->params};
        out->restart = e->risk.window != cur->risk.window || e->risk.pv.sample_s != cur->risk.pv.sample_s ||
                       e->risk.bt_window != cur->risk.bt_window ||
                       e->feed.nconnect != cur->feed.nconnect || e->feed.nbind != cur->feed.nbind ||
                       (e->quotes && !cur->quotes) || e->max_instruments != cur->max_instruments ||
                       /* the options desk is set up once (or_init); bytes, not values: both
                        * were read by this code into zeroed structs, so equal settings are
                        * equal bytes, and a false "changed" costs only the restart note */
                       memcmp(&e->risk.opt, &cur->risk.opt, sizeof e->risk.opt) != 0 ||
                       /* the alert rules and their notification settings: engcfg_live
                        * carries none, so a change takes a restart */
                       !clialert_same(&e->alerts, &cur->alerts) ||
                       /* the mappings are the ingest's, set up once */
                       (e->sources && cur->sources ? !srcmap_same(e->sources, cur->sources)
                                                   : e->sources != cur->sources) ||
                       /* the currencies are the risk runner's, set up once (rr_init) */
                       !clicur_same(&e->risk.ccy, &cur->risk.ccy);
    } else {
        err[strcspn(err, "\n")] = '\0';
        if (!err[0])
            snprintf(err, errlen, "%s", n ? "cannot parse" : "out of memory");
    }
    if (n)
        cli_free(n);
    free(n);
    return r == CLI_RUN ? 0 : -1;
}

cli_result cli_parse(int argc, char **argv, invtop_opts *o, FILE *out, FILE *err_out)
{
    o->argc = argc;
    o->argv = argv;
    o->engine.reload = reload;
    o->engine.reload_ctx = o;
    cli_result cr = load_config(argc, argv, o, err_out);
    if (cr != CLI_RUN)
        return cr;
    judged was;
    judged_keep(&was, o);
    switch (ot_parse_args(&invtop_prog, o, argc, argv, NULL, NULL, out, err_out)) {
    case OT_RUN: break;
    case OT_EXIT_OK: return CLI_EXIT_OK;
    case OT_USAGE: return CLI_USAGE;
    }
    char why[600];
    if (judge(o, why, sizeof why) != 0) { /* the command line's --set as a whole */
        judged_restore(o, &was);
        fprintf(err_out, "invtop: --set: %s; try --help\n", why);
        return CLI_USAGE;
    }
    if (o->sources && srcmap_check(o->sources, why, sizeof why) != 0) {
        fprintf(err_out, "invtop: %s; try --help\n", why);
        return CLI_USAGE;
    }
    o->engine.sources = o->sources;
    if (o->manpage)
        return CLI_EXIT_OK;
    if (o->example_config) {
        cli_print_example(out);
        return CLI_EXIT_OK;
    }
    const engcfg *e = &o->engine;
    if (e->replay && (e->feed.nconnect || e->feed.nbind)) {
        fprintf(err_out, "invtop: --replay reads a file; drop --connect/--bind\n");
        return CLI_USAGE;
    }
    if (!e->replay && !e->demo && !e->feed.nconnect && !e->feed.nbind)
        ot_list_default(ot_find_name(options, N_OPTIONS, "connect"), o);
    if (o->print_config) {
        cli_print_config(o, out);
        return CLI_EXIT_OK;
    }
    if (o->attach_server_key && !o->attach) {
        fprintf(err_out, "invtop: --server-key before any --connect is the key of the engine of --attach: "
                         "give --attach, or put --server-key after its --connect; try --help\n");
        return CLI_USAGE;
    }
    if (e->demo && (e->replay || e->feed.nconnect || e->feed.nbind)) {
        fprintf(err_out, "invtop: --demo runs its own market; drop --replay/--connect/--bind\n");
        return CLI_USAGE;
    }
    return CLI_RUN;
}
