/* snaptab.c - the snapshot's schema (see snaptab.h): one row per figure of
 * the headless document, and the few values that are not plain fields
 * (arrays the snapshot holds in its own tables, names looked up in another
 * part, keys that are data: VaR levels, reject reasons).
 *
 * Decoding rules (the bytes are untrusted: they come over the network from
 * an engine): tables hold at most SNAPW_MAX_INST instruments or
 * underlyings, BOOK_MAX_BOOKS books, SNAPR_MAX_HOLDINGS holdings in all,
 * SNAPR_MAX_SCENARIOS scenarios (over is an error); fixed arrays keep the
 * newest SNAP_LAST_REJECTS rejects (newest first), SNAP_EVENTS events and
 * SNAP_SERIES series points (newest last) and drop the rest, so an older
 * viewer still reads a newer engine's longer lists. Derived on the way
 * back: an underlying's limit.since from its "delta" entry in
 * limits.breaches (matched in order by name and utilization; an entry
 * matching no underlying is an error; the other kinds repeat what their
 * rows say), result.valid[m] from whether any of the method's figures is a
 * number, the VaR levels from the first method's level keys ("p95", ...) in
 * order and es_level from the first key in cvar (a key that no level writes
 * back the same, such as "p5", is an error), has_greeks from the presence
 * of "greeks" (without it the greeks are NAN and greeks_status -1),
 * has_quote and eff.valid from the quote's model_valid and eff_valid (a
 * null quote leaves q and eff zeroed), has_override from override not null,
 * a holding's book from the first book of its name ("" with no such book:
 * none; another unknown name is an error). Not in the document, so left at
 * their defaults: engine_silence_s, pv.mc_paths, pv.mc_seed,
 * result.scenarios[], feed.rejected[] for ok and ignored. */
#include "invtop/snaptab.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "invtop/backtest.h"
#include "invtop/book.h"
#include "invtop/exposure.h"
#include "invtop/snapwire.h"
#include "state/snaptab_in.h"

/* The most returns --window keeps. */
#define SNAPR_MAX_SCENARIOS 1000000

static const char *const level_names[] = {"info", "warn", "alert"};
static const char *const zone_names[] = {"green", "yellow", "red", "n/a"}; /* bt_zone order */
const char *const snapw_sock_role[2] = {"connect", "bind"};
const char *const snapw_sock_mode[2] = {"plain", "curve"};

const char *snaptab_skew_name(int m)
{
    return skew_model_name((skew_model)m);
}

static const char *reason_name(int v)
{
    return wire_status_name((wire_status)v);
}

/* ---- level keys ---- */

void snapw_level_key(double level, char *out, size_t len)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%.6g", level * 100);
    size_t o = 0;
    if (o + 1 < len)
        out[o++] = 'p';
    for (const char *d = digits; *d && o + 1 < len; d++)
        if (*d != '.')
            out[o++] = *d;
    out[o] = '\0';
}

/* Whether key token k is a level key "p<digits>": 1 with *level = 0.<digits>,
 * 0 when it is not one, -1 (an error set) when no level writes it back the
 * same ("p5": 0.5 is written "p50"; "p05"). */
static int key_level(const jr *r, int k, double *level)
{
    static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *s = r->js + r->tok[k].start;
    const size_t n = (size_t)(r->tok[k].end - r->tok[k].start);
    if (n < 2 || s[0] != 'p')
        return 0;
    for (size_t i = 1; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    if (n - 1 > 15)
        return jr_fail(r, k, "level key with over 15 digits");
    uint64_t m = 0;
    for (size_t i = 1; i < n; i++)
        m = m * 10 + (uint64_t)(s[i] - '0');
    *level = (double)m / pow10[n - 1]; /* exact operands: correctly rounded */
    char back[32];
    snapw_level_key(*level, back, sizeof back);
    if (strlen(back) != n || memcmp(back, s, n) != 0)
        return jr_fail(r, k, "level key that no level is written as (%s is)", back);
    return 1;
}

/* ---- feed ---- */

static void write_by_reason(jw *w, const void *base, const snap *s)
{
    (void)s;
    const snap_feed *f = &((const snap *)base)->feed;
    jw_obj_begin(w);
    for (int r = WIRE_IGNORED + 1; r < WIRE_STATUS_COUNT; r++)
        jw_kint(w, wire_status_name((wire_status)r), (int64_t)f->rejected[r]);
    jw_obj_end(w);
}

static int read_by_reason(const jr *r, int v, void *base, snap *s)
{
    (void)s;
    snap_feed *f = &((snap *)base)->feed;
    jr_field by[WIRE_STATUS_COUNT];
    int nby = 0;
    for (int k = WIRE_IGNORED + 1; k < WIRE_STATUS_COUNT; k++)
        by[nby++] = (jr_field){wire_status_name((wire_status)k), JR_U64,
                               offsetof(snap_feed, rejected) + (size_t)k * sizeof f->rejected[0], 0};
    return jr_read_fields(r, v, by, nby, f, NULL);
}

static size_t count_rejects(const void *base, const snap *s)
{
    (void)s;
    return ((const snap *)base)->feed.nlast;
}

static void *elem_reject(const void *base, const snap *s, size_t k)
{
    (void)s;
    return (void *)&((const snap *)base)->feed.last[k];
}

static const sch_row reject_rows[] = {
    SCH_ROW(snap_reject, "reason", SCH_ENUM, reason, .name_fn = reason_name, .nnames = WIRE_STATUS_COUNT,
            .what = "reject reason", .doc = "why (a reject reason of the wire protocol)"),
    SCH_ROW(snap_reject, "ts", SCH_FIXED, time, .prec = 3, .unit = "s", .doc = "event time of the reject"),
    SCH_ROW(snap_reject, "excerpt", SCH_STR, excerpt, .doc = "the message's first bytes"),
};
static const sch_table reject_table = {"feed.rejected.last[]", reject_rows, SCH_NROWS(reject_rows), NULL};

/* An array at v with n elements, each an object (or [..] for want_array):
 * returns n and the first element's token, or -1. */
static int objects(const jr *r, int v, int *first)
{
    return jr_array(r, v, first);
}

static int read_rejects(const jr *r, int v, void *base, snap *s)
{
    snap_feed *f = &((snap *)base)->feed;
    int e, n = objects(r, v, &e);
    if (n < 0)
        return -1;
    f->nlast = 0;
    for (int i = 0; i < n && f->nlast < SNAP_LAST_REJECTS; i++, e = r->next[e]) {
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (sch_read(r, e, &reject_table, &f->last[f->nlast], s) != 0)
            return -1; /* newest first: the rest are older */
        f->nlast++;
    }
    return 0;
}

static const sch_row rejected_rows[] = {
    SCH_ROW(snap, "total", SCH_U64, feed.rejected_total, .doc = "rejects, all reasons"),
    {.key = "by_reason", .type = SCH_CUSTOM, .unit = "{count}", .write = write_by_reason, .read = read_by_reason,
     .doc = "one counter per reject reason (all reasons always present)"},
    {.key = "last", .type = SCH_ARR, .sub = &reject_table, .count = count_rejects, .elem = elem_reject,
     .read = read_rejects, .doc = "the last 8 rejects, newest first"},
};
static const sch_table rejected_table = {"feed.rejected", rejected_rows, SCH_NROWS(rejected_rows), NULL};

static const sch_row feed_rows[] = {
    SCH_ROW(snap, "msgs", SCH_U64, feed.msgs, .doc = "messages received (accepted + ignored + rejected)"),
    SCH_ROW(snap, "accepted", SCH_U64, feed.accepted, .doc = "messages applied to the book"),
    SCH_ROW(snap, "ignored", SCH_U64, feed.ignored, .doc = "well-formed messages invtop does not use"),
    SCH_ROW(snap, "rate", SCH_FIXED, feed.rate, .prec = 1, .unit = "/s",
            .doc = "messages received per second over the last interval"),
    {.key = "rejected", .type = SCH_OBJ, .sub = &rejected_table, .doc = "rejected messages"},
    SCH_ROW(snap, "gaps", SCH_U64, feed.gaps, .doc = "messages missing according to seq"),
    SCH_ROW(snap, "seq_restarts", SCH_U64, feed.seq_restarts, .doc = "publishers seen restarting their seq"),
    SCH_ROW(snap, "seq_untracked", SCH_U64, feed.seq_untracked,
            .doc = "messages with seq from sources beyond the 64 tracked"),
    SCH_ROW(snap, "record_errors", SCH_U64, feed.record_errors, .doc = "failed writes to --record"),
    SCH_ROW(snap, "quotes_published", SCH_U64, feed.quotes_published, .doc = "quote messages sent on --quotes"),
    SCH_ROW(snap, "last_msg_age_s", SCH_FIXED, feed.last_msg_age_s, .prec = 3, .unit = "s",
            .doc = "event time since the last message (null before any)"),
};
static const sch_table feed_table = {"feed", feed_rows, SCH_NROWS(feed_rows), NULL};

/* ---- portfolio ---- */

static const sch_row port_rows[] = {
    SCH_ROW(snap, "gross_usd", SCH_FIXED, port.gross_usd, .prec = 2, .unit = "USD", .doc = "sum of abs(notional)"),
    SCH_ROW(snap, "net_usd", SCH_FIXED, port.net_usd, .prec = 2, .unit = "USD", .doc = "sum of notional"),
    SCH_ROW(snap, "pnl_realized", SCH_FIXED, port.pnl_realized, .prec = 2, .unit = "USD",
            .doc = "sum of realized P&L"),
    SCH_ROW(snap, "pnl_unrealized", SCH_FIXED, port.pnl_unrealized, .prec = 2, .unit = "USD",
            .doc = "sum of unrealized P&L"),
    SCH_ROW(snap, "net_delta_usd", SCH_FIXED, port.net_delta_usd, .prec = 2, .unit = "USD",
            .doc = "sum of instrument delta_usd"),
};
static const sch_table port_table = {"portfolio", port_rows, SCH_NROWS(port_rows), NULL};

/* ---- risk ---- */

static void write_var(jw *w, const void *base, const snap *s)
{
    (void)base;
    char key[16];
    jw_obj_begin(w);
    for (int m = 0; m < PV_METHODS; m++) {
        jw_key(w, pv_method_name((pv_method)m));
        jw_obj_begin(w);
        for (size_t k = 0; k < s->pv.nvar && k < PV_MAX_LEVELS; k++) {
            snapw_level_key(s->pv.var_levels[k], key, sizeof key);
            jw_key(w, key);
            jw_fixed(w, s->result.valid[m] ? s->result.var[m][k] : NAN, 2);
        }
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

static void write_cvar(jw *w, const void *base, const snap *s)
{
    (void)base;
    char key[16];
    jw_obj_begin(w);
    snapw_level_key(s->pv.es_level, key, sizeof key);
    for (int m = 0; m < PV_METHODS; m++) {
        jw_key(w, pv_method_name((pv_method)m));
        jw_obj_begin(w);
        jw_key(w, key);
        jw_fixed(w, s->result.valid[m] ? s->result.es[m] : NAN, 2);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

/* The method objects of var or cvar at v: own[m] per pv_method. */
static int read_methods(const jr *r, int v, int *own)
{
    jr_field f[PV_METHODS];
    for (int m = 0; m < PV_METHODS; m++)
        f[m] = (jr_field){pv_method_name((pv_method)m), JR_OWN, (size_t)m, 0};
    if (jr_read_fields(r, v, f, PV_METHODS, NULL, own) != 0)
        return -1;
    for (int m = 0; m < PV_METHODS; m++)
        if (!jr_is_null(r, own[m]) && r->tok[own[m]].type != JSMN_OBJECT)
            return jr_fail(r, own[m], "expected an object");
    return 0;
}

/* risk.var: the first method present gives the levels (its level keys in
 * order, a level twice is kept twice); the others are matched to them.
 * Read before cvar, it resets both. */
static int read_var(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    for (int m = 0; m < PV_METHODS; m++) {
        for (int k = 0; k < PV_MAX_LEVELS; k++)
            s->result.var[m][k] = NAN;
        s->result.es[m] = NAN;
    }
    s->pv.nvar = 0;
    s->pv.es_level = NAN;
    int own[PV_METHODS];
    if (read_methods(r, v, own) != 0)
        return -1;
    bool defined = false;
    for (int m = 0; m < PV_METHODS; m++) {
        if (jr_is_null(r, own[m]))
            continue;
        unsigned filled = 0;
        int k = own[m] + 1;
        for (int i = 0; i < r->tok[own[m]].size; i++, k = r->next[k + 1]) {
            double level;
            const int kl = key_level(r, k, &level);
            if (kl < 0)
                return -1;
            if (kl == 0)
                continue;
            size_t at = 0;
            if (!defined) {
                if (s->pv.nvar == PV_MAX_LEVELS)
                    return jr_fail(r, k, "more than %d var levels", PV_MAX_LEVELS);
                at = s->pv.nvar++;
                s->pv.var_levels[at] = level;
            } else {
                while (at < s->pv.nvar && (s->pv.var_levels[at] != level || (filled >> at & 1)))
                    at++;
                if (at == s->pv.nvar)
                    continue; /* a level the first method lacks */
            }
            filled |= 1u << at;
            if (jr_num(r, k + 1, &s->result.var[m][at]) != 0)
                return -1;
        }
        defined = true;
    }
    return 0;
}

/* risk.cvar: es_level is the first level key found; each method's value at
 * that level is its ES. */
static int read_cvar(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    int own[PV_METHODS];
    if (read_methods(r, v, own) != 0)
        return -1;
    for (int m = 0; m < PV_METHODS; m++) {
        if (jr_is_null(r, own[m]))
            continue;
        int k = own[m] + 1;
        for (int i = 0; i < r->tok[own[m]].size; i++, k = r->next[k + 1]) {
            double level;
            const int kl = key_level(r, k, &level);
            if (kl < 0)
                return -1;
            if (kl == 0)
                continue;
            if (isnan(s->pv.es_level))
                s->pv.es_level = level;
            if (level == s->pv.es_level) {
                if (jr_num(r, k + 1, &s->result.es[m]) != 0)
                    return -1;
                break;
            }
        }
    }
    return 0;
}

static void write_method(jw *w, const void *base, const snap *s)
{
    (void)base;
    (void)s;
    jw_str(w, pv_method_name(PV_PARAMETRIC));
}

static int read_nothing(const jr *r, int v, void *base, snap *s)
{
    (void)r;
    (void)v;
    (void)base;
    (void)s;
    return 0;
}

static const sch_table bt_table;

static int backtest_finish(const jr *r, const int *tok, void *base, snap *s)
{
    (void)s;
    /* absent or null is no zone, not green */
    if (jr_is_null(r, tok[sch_find(&bt_table, "zone")]))
        ((snap *)base)->bt_zone = BT_NA;
    return 0;
}

static const sch_row bt_rows[] = {
    {.key = "method", .type = SCH_CUSTOM, .unit = "string", .write = write_method, .read = read_nothing,
     .doc = "the method backtested: parametric"},
    SCH_ROW(snap, "level", SCH_NUM, bt_level, .doc = "the VaR level tested (the highest --var-levels)"),
    SCH_ROW(snap, "n", SCH_SIZE, bt_n, .doc = "horizons observed (the last --backtest-window)"),
    SCH_ROW(snap, "exceptions", SCH_SIZE, bt_exceptions, .doc = "horizons whose loss exceeded the VaR"),
    SCH_ROW(snap, "kupiec_lr", SCH_FIXED, kupiec_lr, .prec = 6, .doc = "Kupiec's unconditional coverage LR"),
    SCH_ROW(snap, "kupiec_p", SCH_FIXED, kupiec_p, .prec = 6, .doc = "its p-value"),
    SCH_ROW(snap, "christoffersen_lr", SCH_FIXED, christoffersen_lr, .prec = 6,
            .doc = "Christoffersen's independence LR"),
    SCH_ROW(snap, "christoffersen_p", SCH_FIXED, christoffersen_p, .prec = 6, .doc = "its p-value"),
    SCH_ROW(snap, "zone", SCH_ENUM, bt_zone, .names = zone_names, .nnames = BT_NA + 1, .what = "backtest zone",
            .doc = "the Basel traffic light; n/a until n reaches 250"),
};
static const sch_table bt_table = {"risk.backtest", bt_rows, SCH_NROWS(bt_rows), backtest_finish};

static void write_scenarios(jw *w, const void *base, const snap *s)
{
    (void)base;
    jw_arr_begin(w);
    for (size_t k = 0; k < s->nscen; k++)
        jw_fixed(w, s->scenarios[k], 2);
    jw_arr_end(w);
}

static int read_scenarios(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAPR_MAX_SCENARIOS)
        return jr_fail(r, v, "more than %d scenarios", SNAPR_MAX_SCENARIOS);
    if (snap_reserve(s, 0, 0, 0, 0, (size_t)n) != 0)
        return jr_fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e])
        if (jr_num(r, e, &s->scenarios[i]) != 0)
            return -1;
    s->nscen = (size_t)n;
    return 0;
}

static int risk_finish(const jr *r, const int *tok, void *base, snap *s)
{
    (void)r;
    (void)tok;
    (void)base;
    for (int m = 0; m < PV_METHODS; m++) {
        bool any = !isnan(s->result.es[m]);
        for (size_t k = 0; k < s->pv.nvar; k++)
            any = any || !isnan(s->result.var[m][k]);
        s->result.valid[m] = any;
    }
    return 0;
}

static const sch_row risk_rows[] = {
    SCH_ROW(snap, "horizon_s", SCH_NUM, pv.horizon_s, .unit = "s", .doc = "VaR horizon (--horizon-s)"),
    SCH_ROW(snap, "sample_s", SCH_NUM, pv.sample_s, .unit = "s",
            .doc = "sampling interval of underlying prices (--sample-ms / 1000)"),
    SCH_ROW(snap, "returns", SCH_SIZE, returns, .doc = "return vectors held (at most --window)"),
    SCH_ROW(snap, "window", SCH_SIZE, window, .doc = "the window (--window)"),
    SCH_ROW(snap, "computed_at", SCH_FIXED, computed_at, .prec = 3, .unit = "s",
            .doc = "event time of the last risk computation (null before)"),
    SCH_ROW(snap, "monte_carlo_at", SCH_FIXED, mc_at, .prec = 3, .unit = "s",
            .doc = "event time whose inputs the Monte Carlo figures used"),
    {.key = "var", .type = SCH_CUSTOM, .write = write_var, .read = read_var, .unit = "{{USD}}",
     .doc = "var.METHOD.pNN: VaR at each --var-levels level, a positive loss; null while the method lacks data"},
    {.key = "cvar", .type = SCH_CUSTOM, .write = write_cvar, .read = read_cvar, .unit = "{{USD}}",
     .doc = "cvar.METHOD.pNNN: expected shortfall at --es-level"},
    {.key = "backtest", .type = SCH_OBJ, .sub = &bt_table, .doc = "the VaR backtest"},
    {.key = "scenarios", .type = SCH_CUSTOM, .write = write_scenarios, .read = read_scenarios, .unit = "[USD]",
     .doc = "the historical P&L scenarios, ascending (the histogram)"},
};
static const sch_table risk_table = {"risk", risk_rows, SCH_NROWS(risk_rows), risk_finish};

/* ---- underlyings ---- */

static size_t count_und(const void *base, const snap *s)
{
    (void)base;
    return s->nund;
}

static void *elem_und(const void *base, const snap *s, size_t k)
{
    (void)base;
    return &s->und[k];
}

static const sch_row und_rows[] = {
    SCH_ROW(snap_und, "name", SCH_STR, name, .doc = "the underlying"),
    SCH_ROW(snap_und, "price", SCH_NUM, price, .unit = "USD", .doc = "its price (null when unknown)"),
    SCH_ROW(snap_und, "delta", SCH_NUM, delta, .doc = "net delta in underlying units"),
    SCH_ROW(snap_und, "delta_usd", SCH_FIXED, delta_usd, .prec = 2, .unit = "USD", .doc = "net delta in USD"),
    SCH_ROW(snap_und, "gamma", SCH_NUM, gamma, .doc = "delta units per 1 USD move"),
    SCH_ROW(snap_und, "vega", SCH_FIXED, vega, .prec = 4, .unit = "USD", .doc = "per vol point (1%)"),
    SCH_ROW(snap_und, "theta", SCH_FIXED, theta, .prec = 4, .unit = "USD", .doc = "per day"),
    SCH_ROW(snap_und, "limit_util", SCH_FIXED, limit.util, .prec = 4,
            .doc = "net delta against its max_delta_usd (null: no limit)"),
};
static const sch_table und_table = {"underlyings[]", und_rows, SCH_NROWS(und_rows), NULL};

/* An update may carry underlyings without limits: an underlying keeps the
 * since its breach entry gave while its name stays. */
static int read_underlyings(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAPW_MAX_INST)
        return jr_fail(r, v, "more than %d underlyings", SNAPW_MAX_INST);
    if (snap_reserve(s, 0, (size_t)n, 0, 0, 0) != 0)
        return jr_fail(r, v, "out of memory");
    const size_t had = s->nund;
    s->nund = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_und *d = &s->und[i], old = *d;
        memset(d, 0, sizeof *d);
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (sch_read(r, e, &und_table, d, s) != 0)
            return -1;
        d->limit.since = (size_t)i < had && strcmp(old.name, d->name) == 0 ? old.limit.since : NAN;
        s->nund++;
    }
    return 0;
}

/* ---- limits ---- */

static void write_breach(jw *w, const char *kind, const char *name, const limit_state *l)
{
    if (isnan(l->since))
        return;
    jw_obj_begin(w);
    jw_kstr(w, "kind", kind);
    jw_kstr(w, "name", name);
    jw_kfixed(w, "util", l->util, 4);
    jw_kfixed(w, "since", l->since, 3);
    jw_obj_end(w);
}

static void write_breaches(jw *w, const void *base, const snap *s)
{
    (void)base;
    jw_arr_begin(w);
    for (size_t i = 0; i < s->ninst; i++)
        write_breach(w, "position", s->inst[i].id, &s->inst[i].limit);
    for (size_t u = 0; u < s->nund; u++)
        write_breach(w, "delta", s->und[u].name, &s->und[u].limit);
    write_breach(w, "var", "portfolio", &s->var_limit);
    for (size_t k = 0; k < s->nbooks; k++) {
        write_breach(w, "book_delta", s->books[k].name, &s->books[k].r.delta);
        write_breach(w, "book_var", s->books[k].name, &s->books[k].r.var);
    }
    jw_arr_end(w);
}

/* Both NAN, or equal. */
static bool same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* limits.breaches: only "delta" entries carry something the rows lack (an
 * underlying's since). They come in the order of the underlyings; each is
 * matched to the next underlying of that name and utilization. */
static int read_breaches(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    static const jr_field breach_fields[] = {
        JR_FOWN("kind", 0),
        JR_FOWN("name", 1),
        JR_FOWN("util", 2),
        JR_FOWN("since", 3),
    };
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    for (size_t u = 0; u < s->nund; u++)
        s->und[u].limit.since = NAN;
    size_t next_und = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        int own[4];
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (jr_read_fields(r, e, breach_fields, JR_NFIELDS(breach_fields), NULL, own) != 0)
            return -1;
        char kind[32], name[EVENT_SYM_MAX];
        if (own[0] < 0 || r->tok[own[0]].type != JSMN_STRING ||
            jr_str(r, own[0], kind, sizeof kind) != 0 || strcmp(kind, "delta") != 0)
            continue; /* another kind, or one this viewer does not know */
        double util, since;
        if (jr_str(r, own[1], name, sizeof name) != 0 || jr_num(r, own[2], &util) != 0 ||
            jr_num(r, own[3], &since) != 0)
            return -1;
        size_t u = next_und;
        while (u < s->nund && (strcmp(s->und[u].name, name) != 0 || !same(s->und[u].limit.util, util)))
            u++;
        if (u == s->nund)
            return jr_fail(r, e, "breach of an underlying not in underlyings, or out of order");
        s->und[u].limit.since = since;
        next_und = u + 1;
    }
    return 0;
}

static const sch_row limit_rows[] = {
    SCH_ROW(snap, "max_pos_lots", SCH_NUM, limits.max_pos_lots, .doc = "position limit per instrument, lots"),
    SCH_ROW(snap, "max_delta_usd", SCH_NUM, limits.max_delta_usd, .unit = "USD",
            .doc = "net delta limit per underlying"),
    SCH_ROW(snap, "max_var_usd", SCH_NUM, limits.max_var_usd, .unit = "USD", .doc = "portfolio VaR limit"),
    SCH_ROW(snap, "var_util", SCH_FIXED, var_limit.util, .prec = 4,
            .doc = "VaR against max_var_usd (1 = at it; null: off)"),
    SCH_ROW(snap, "var_since", SCH_FIXED, var_limit.since, .prec = 3, .unit = "s",
            .doc = "event time the VaR breach began (null: none)"),
    SCH_ROW(snap, "breach_count", SCH_SIZE, breaches, .doc = "limits in breach now"),
    {.key = "breaches", .type = SCH_CUSTOM, .unit = "[object]", .write = write_breaches, .read = read_breaches,
     .doc = "[{kind: position|delta|var|book_delta|book_var, name, util, since}]"},
};
static const sch_table limit_table = {"limits", limit_rows, SCH_NROWS(limit_rows), NULL};

/* ---- books ---- */

static size_t count_books(const void *base, const snap *s)
{
    (void)base;
    return s->nbooks;
}

static void *elem_book(const void *base, const snap *s, size_t k)
{
    (void)base;
    return &s->books[k];
}

static const sch_row book_rows[] = {
    SCH_ROW(snap_book, "name", SCH_STR, name, .doc = "the book (\"\" for positions without one)"),
    SCH_ROW(snap_book, "gross_usd", SCH_FIXED, r.gross_usd, .prec = 2, .unit = "USD", .doc = "sum of abs(notional)"),
    SCH_ROW(snap_book, "net_usd", SCH_FIXED, r.net_usd, .prec = 2, .unit = "USD", .doc = "sum of notional"),
    SCH_ROW(snap_book, "net_delta_usd", SCH_FIXED, r.net_delta_usd, .prec = 2, .unit = "USD", .doc = "net delta"),
    SCH_ROW(snap_book, "pnl_realized", SCH_FIXED, r.pnl_realized, .prec = 2, .unit = "USD", .doc = "realized P&L"),
    SCH_ROW(snap_book, "pnl_unrealized", SCH_FIXED, r.pnl_unrealized, .prec = 2, .unit = "USD",
            .doc = "unrealized P&L"),
    SCH_ROW(snap_book, "var_usd", SCH_FIXED, r.var_usd, .prec = 2, .unit = "USD",
            .doc = "delta-normal VaR at the highest level (null before the covariance)"),
    SCH_ROW(snap_book, "max_delta_usd", SCH_NUM, lim.max_delta_usd, .unit = "USD",
            .doc = "its [book NAME] delta limit (null: off)"),
    SCH_ROW(snap_book, "max_var_usd", SCH_NUM, lim.max_var_usd, .unit = "USD", .doc = "its VaR limit (null: off)"),
    SCH_ROW(snap_book, "delta_util", SCH_FIXED, r.delta.util, .prec = 4, .doc = "delta against its limit"),
    SCH_ROW(snap_book, "var_util", SCH_FIXED, r.var.util, .prec = 4, .doc = "VaR against its limit"),
    SCH_ROW(snap_book, "delta_since", SCH_FIXED, r.delta.since, .prec = 3, .unit = "s",
            .doc = "event time its delta breach began (null: none)"),
    SCH_ROW(snap_book, "var_since", SCH_FIXED, r.var.since, .prec = 3, .unit = "s",
            .doc = "event time its VaR breach began (null: none)"),
};
static const sch_table book_table = {"books[]", book_rows, SCH_NROWS(book_rows), NULL};

static int read_books(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > BOOK_MAX_BOOKS)
        return jr_fail(r, v, "more than %d books", BOOK_MAX_BOOKS);
    if (snap_reserve(s, 0, 0, (size_t)n, 0, 0) != 0)
        return jr_fail(r, v, "out of memory");
    s->nbooks = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_book *d = &s->books[i];
        memset(d, 0, sizeof *d);
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (sch_read(r, e, &book_table, d, s) != 0)
            return -1;
        s->nbooks++;
    }
    return 0;
}

/* ---- quote parameters, overrides, security ---- */

static void write_units(jw *w, const void *base, const snap *s)
{
    (void)base;
    (void)s;
    jw_str(w, "bp of mid, lots, seconds");
}

static const sch_row qp_rows[] = {
    SCH_ROW(snap, "model", SCH_ENUM, quote_params.model, .name_fn = snaptab_skew_name, .nnames = SKEW_MODELS,
            .what = "quote model", .doc = "the skew model"),
    SCH_ROW(snap, "gamma", SCH_NUM, quote_params.gamma, .doc = "risk aversion"),
    SCH_ROW(snap, "k", SCH_NUM, quote_params.k, .doc = "order-flow decay"),
    SCH_ROW(snap, "A", SCH_NUM, quote_params.A, .doc = "order-flow intensity"),
    SCH_ROW(snap, "delta", SCH_NUM, quote_params.delta, .doc = "lot size in the GLFT model"),
    SCH_ROW(snap, "tau_s", SCH_NUM, quote_params.tau_s, .unit = "s", .doc = "horizon of the AS model"),
    SCH_ROW(snap, "session_end", SCH_NUM, quote_params.session_end, .unit = "s", .doc = "session end"),
    SCH_ROW(snap, "skew_factor", SCH_NUM, quote_params.skew_factor, .doc = "linear model's skew per lot"),
    SCH_ROW(snap, "vol_mult", SCH_NUM, quote_params.vol_mult, .doc = "volatility multiplier"),
    SCH_ROW(snap, "min_spread_bps", SCH_NUM, quote_params.min_spread_bps, .unit = "bp", .doc = "spread floor"),
    SCH_ROW(snap, "q_max_lots", SCH_NUM, quote_params.q_max_lots, .doc = "inventory at which a side is withdrawn"),
    {.key = "units", .type = SCH_CUSTOM, .unit = "string", .write = write_units, .read = read_nothing,
     .doc = "\"bp of mid, lots, seconds\""},
};
static const sch_table qp_table = {"quote_params", qp_rows, SCH_NROWS(qp_rows), NULL};

static const sch_row overrides_rows[] = {
    SCH_ROW(snap, "kill", SCH_BOOL, kill, .doc = "the kill switch: every quote withdrawn"),
    SCH_ROW(snap, "active", SCH_SIZE, overrides_active, .doc = "overrides in force"),
    SCH_ROW(snap, "journal_ok", SCH_BOOL, journal_ok, .doc = "the override journal is writable"),
    SCH_ROW(snap, "journal_error", SCH_STR, journal_error, .doc = "why not (\"\" when it is)"),
    SCH_ROW(snap, "publishing", SCH_BOOL, publishing, .doc = "quotes go out on --quotes"),
};
static const sch_table overrides_table = {"overrides", overrides_rows, SCH_NROWS(overrides_rows), NULL};

static size_t count_socks(const void *base, const snap *s)
{
    (void)base;
    return s->nfeed_socks;
}

static void *elem_sock(const void *base, const snap *s, size_t k)
{
    (void)base;
    return (void *)&s->feed_socks[k];
}

static const sch_row sock_rows[] = {
    SCH_ROW(snap_sock, "endpoint", SCH_STR, endpoint, .doc = "the endpoint"),
    SCH_ROW(snap_sock, "role", SCH_ENUM, bind, .names = snapw_sock_role, .nnames = 2, .what = "socket role",
            .doc = "bound or connected"),
    SCH_ROW(snap_sock, "mode", SCH_ENUM, curve, .names = snapw_sock_mode, .nnames = 2, .what = "socket mode",
            .doc = "CURVE or plaintext"),
};
static const sch_table sock_table = {"security.feed_sockets[]", sock_rows, SCH_NROWS(sock_rows), NULL};

static int read_socks(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAP_FEED_SOCKETS)
        return jr_fail(r, v, "more than %d feed sockets", SNAP_FEED_SOCKETS);
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (sch_read(r, e, &sock_table, &s->feed_socks[i], s) != 0)
            return -1;
    }
    s->nfeed_socks = (size_t)n;
    return 0;
}

static const sch_row sec_rows[] = {
    SCH_ROW(snap, "feed_curve", SCH_BOOL, feed_curve,
            .doc = "every feed endpoint is CURVE (false with any plaintext one, or none)"),
    {.key = "feed_sockets", .type = SCH_ARR, .sub = &sock_table, .count = count_socks, .elem = elem_sock,
     .read = read_socks, .doc = "the feed's endpoints, binds first"},
    SCH_ROW(snap, "quotes_curve", SCH_BOOL, quotes_curve, .doc = "the quote channel is CURVE"),
    SCH_ROW(snap, "handshakes_refused", SCH_U64, handshakes_refused, .doc = "CURVE handshakes refused"),
    SCH_ROW(snap, "feed_handshakes_refused", SCH_U64, feed_refused, .doc = "... on the feed"),
    SCH_ROW(snap, "quotes_handshakes_refused", SCH_U64, quotes_refused, .doc = "... on the quote channel"),
    SCH_ROW(snap, "feed_keys_denied", SCH_U64, feed_denied, .doc = "publisher keys not on --allow-keys"),
    SCH_ROW(snap, "quotes_keys_denied", SCH_U64, quotes_denied, .doc = "consumer keys denied"),
    SCH_ROW(snap, "feed_keys_allowed", SCH_U64, feed_allowed, .doc = "publisher keys allowed"),
    SCH_ROW(snap, "quotes_keys_allowed", SCH_U64, quotes_allowed, .doc = "consumer keys allowed"),
    SCH_ROW(snap, "commands_refused", SCH_U64, commands_refused, .doc = "viewers' commands refused"),
    SCH_ROW(snap, "warning", SCH_STR, sec_warning, .doc = "what is not secured (\"\" when all is)"),
};
static const sch_table sec_table = {"security", sec_rows, SCH_NROWS(sec_rows), NULL};

/* ---- events and series ---- */

static size_t count_events(const void *base, const snap *s)
{
    (void)base;
    return s->nevents;
}

static void *elem_event(const void *base, const snap *s, size_t k)
{
    (void)base;
    return (void *)&s->events[k];
}

static const sch_row event_rows[] = {
    SCH_ROW(snap_event, "ts", SCH_FIXED, time, .prec = 3, .unit = "s", .doc = "event time it happened"),
    SCH_ROW(snap_event, "level", SCH_ENUM, level, .names = level_names, .nnames = 3, .what = "event level",
            .doc = "how much it matters"),
    SCH_ROW(snap_event, "text", SCH_STR, text, .doc = "what happened"),
};
static const sch_table event_table = {"events.last[]", event_rows, SCH_NROWS(event_rows), NULL};

static int read_events(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    s->nevents = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (n - i > SNAP_EVENTS)
            continue; /* newest last: keep the last SNAP_EVENTS */
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (sch_read(r, e, &event_table, &s->events[s->nevents], s) != 0)
            return -1;
        s->nevents++;
    }
    return 0;
}

static const sch_row events_rows[] = {
    SCH_ROW(snap, "total", SCH_ULONG, events_total, .doc = "events logged since the start"),
    {.key = "last", .type = SCH_ARR, .sub = &event_table, .count = count_events, .elem = elem_event,
     .read = read_events, .doc = "the engine's event log, newest last"},
};
static const sch_table events_table = {"events", events_rows, SCH_NROWS(events_rows), NULL};

static void write_series(jw *w, const void *base, const snap *s)
{
    (void)base;
    jw_arr_begin(w);
    for (size_t k = 0; k < s->nseries; k++) {
        jw_arr_begin(w);
        jw_fixed(w, s->series[k].t, 3);
        jw_fixed(w, s->series[k].pnl, 2);
        jw_fixed(w, s->series[k].var, 2);
        jw_arr_end(w);
    }
    jw_arr_end(w);
}

static int read_series(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    s->nseries = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (n - i > SNAP_SERIES)
            continue; /* newest last: keep the last SNAP_SERIES */
        snap_point *d = &s->series[s->nseries];
        int x;
        const int m = jr_array(r, e, &x);
        if (m < 0)
            return -1;
        if (m < 3)
            return jr_fail(r, e, "expected [t, pnl, var]");
        if (jr_num(r, x, &d->t) != 0 || jr_num(r, r->next[x], &d->pnl) != 0 ||
            jr_num(r, r->next[r->next[x]], &d->var) != 0)
            return -1;
        s->nseries++;
    }
    return 0;
}

static size_t count_inst(const void *base, const snap *s)
{
    (void)base;
    return s->ninst;
}

static void *elem_inst(const void *base, const snap *s, size_t k)
{
    (void)base;
    return &s->inst[k];
}

static int read_instruments(const jr *r, int v, void *base, snap *s)
{
    (void)base;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAPW_MAX_INST)
        return jr_fail(r, v, "more than %d instruments", SNAPW_MAX_INST);
    if (snap_reserve(s, (size_t)n, 0, 0, 0, 0) != 0)
        return jr_fail(r, v, "out of memory");
    s->ninst = 0;
    s->nholdings = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_inst *x = &s->inst[i];
        memset(x, 0, sizeof *x);
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (sch_read(r, e, &snaptab_inst_table, x, s) != 0)
            return -1;
        s->ninst++;
    }
    return 0;
}

/* ---- the document ---- */

static int doc_finish(const jr *r, const int *tok, void *base, snap *s)
{
    (void)base;
    (void)s;
    /* "version" is the one key required */
    return jr_is_null(r, tok[0]) ? jr_fail(r, -1, "no \"version\": not a snapshot document") : 0;
}

static const sch_row doc_rows[] = {
    SCH_ROW(snap, "version", SCH_U64, version,
            .doc = "the snapshot's number; only grows (live: from the wall clock in us)"),
    SCH_ROW(snap, "ts", SCH_FIXED, ts, .prec = 3, .unit = "s", .doc = "event time of the snapshot (epoch seconds)"),
    SCH_ROW(snap, "source", SCH_STR, source, .doc = "where the engine's data comes from"),
    {.key = "feed", .type = SCH_OBJ, .sub = &feed_table, .doc = "the feed's counters"},
    {.key = "portfolio", .type = SCH_OBJ, .sub = &port_table, .doc = "portfolio totals"},
    {.key = "risk", .type = SCH_OBJ, .sub = &risk_table, .doc = "VaR, ES and their backtest"},
    {.key = "underlyings", .type = SCH_ARR, .sub = &und_table, .count = count_und, .elem = elem_und,
     .read = read_underlyings, .doc = "net greeks per underlying"},
    {.key = "limits", .type = SCH_OBJ, .sub = &limit_table, .doc = "limits and breaches"},
    {.key = "books", .type = SCH_ARR, .sub = &book_table, .count = count_books, .elem = elem_book,
     .read = read_books, .doc = "per book, in order of first sight"},
    {.key = "quote_params", .type = SCH_OBJ, .sub = &qp_table, .doc = "the quoting model's parameters"},
    {.key = "overrides", .type = SCH_OBJ, .sub = &overrides_table, .doc = "manual overrides and the journal"},
    {.key = "security", .type = SCH_OBJ, .sub = &sec_table, .doc = "CURVE on each channel, refusals"},
    {.key = "events", .type = SCH_OBJ, .sub = &events_table, .doc = "the engine's event log"},
    {.key = "series", .type = SCH_CUSTOM, .write = write_series, .read = read_series, .unit = "[[s,USD,USD]]",
     .doc = "[t, pnl, var] per risk sample, thinned to 120 points; the last is the latest sample"},
    {.key = "instruments", .type = SCH_ARR, .sub = &snaptab_inst_table, .count = count_inst, .elem = elem_inst,
     .read = read_instruments, .doc = "in order of first sight, never removed"},
};
static const sch_table doc_table = {"", doc_rows, SCH_NROWS(doc_rows), doc_finish};

const sch_table *snaptab_document(void)
{
    return &doc_table;
}

int snaptab_instruments_row(void)
{
    return sch_find(&doc_table, "instruments");
}

bool snaptab_is_part(int i)
{
    return i > sch_find(&doc_table, "source") && i < sch_find(&doc_table, "instruments");
}
