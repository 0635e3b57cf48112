/* snaptab_risk.c - the schema of the snapshot's risk parts: risk (VaR, ES,
 * backtest, scenarios), underlyings, limits and books (see snaptab.h; the
 * decoding rules are at the top of snaptab.c). */
#include "invtop/snaptab.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "invtop/backtest.h"
#include "invtop/book.h"
#include "invtop/snapwire.h"
#include "state/snaptab_in.h"

/* The most returns --window keeps. */
#define SNAPR_MAX_SCENARIOS 1000000

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

static const char *const zone_names[] = {"green", "yellow", "red", "n/a"}; /* bt_zone order */

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
    {.key = "method", .type = SCH_CUSTOM, .unit = "string", .write = write_method, .read = snaptab_read_nothing,
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
static const sch_table bt_table = {"risk.backtest", sizeof(snap), bt_rows, SCH_NROWS(bt_rows), backtest_finish};

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
    SCH_ROW(snap, "iv_unsolved", SCH_SIZE, iv_unsolved,
            .doc = "options whose mid gave no implied vol (outside the no-arbitrage bounds)"),
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
const sch_table snaptab_risk_table = {"risk", sizeof(snap), risk_rows, SCH_NROWS(risk_rows), risk_finish};

/* ---- underlyings ---- */

size_t snaptab_count_und(const void *base, const snap *s)
{
    (void)base;
    return s->nund;
}

void *snaptab_elem_und(const void *base, const snap *s, size_t k)
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
const sch_table snaptab_und_table = {"underlyings[]", sizeof(snap_und), und_rows, SCH_NROWS(und_rows), NULL};

/* An update may carry underlyings without limits: an underlying keeps the
 * since its breach entry gave while its name stays. */
int snaptab_read_underlyings(const jr *r, int v, void *base, snap *s)
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
        if (sch_read(r, e, &snaptab_und_table, d, s) != 0)
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
const sch_table snaptab_limit_table = {"limits", sizeof(snap), limit_rows, SCH_NROWS(limit_rows), NULL};

/* ---- books ---- */

size_t snaptab_count_books(const void *base, const snap *s)
{
    (void)base;
    return s->nbooks;
}

void *snaptab_elem_book(const void *base, const snap *s, size_t k)
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
const sch_table snaptab_book_table = {"books[]", sizeof(snap_book), book_rows, SCH_NROWS(book_rows), NULL};

int snaptab_resize_books(void *base, snap *s, size_t n)
{
    (void)base;
    if (snap_reserve(s, 0, 0, n, 0, 0) != 0)
        return -1;
    s->nbooks = n;
    return 0;
}

