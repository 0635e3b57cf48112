/* snapread.c - decode the headless snapshot document (see snapwire.h): the
 * inverse of snapw_document in snapwire.c, field for field, read with
 * jsonr.h's strict reader.
 *
 * The bytes are untrusted (they come over the network from an engine), so:
 *  - at most SNAPW_MAX_DOC bytes holding one strict JSON object, white
 *    space around it (jr_open), in at most SNAPR_MAX_TOKENS tokens of 28
 *    bytes each, allocated per call and freed before return, nested at
 *    most SNAPW_MAX_DEPTH deep.
 *  - tables: more than SNAPW_MAX_INST instruments or underlyings,
 *    BOOK_MAX_BOOKS books, SNAPR_MAX_HOLDINGS holdings in all
 *    (snapread_inst.c) or SNAPR_MAX_SCENARIOS scenarios is an error.
 *  - fixed arrays: entries beyond SNAP_LAST_REJECTS rejects (newest first),
 *    SNAP_EVENTS events and SNAP_SERIES series points (both newest last) are
 *    dropped, keeping the newest, so an older viewer still reads a newer
 *    engine that sends longer lists.
 *  - everything is decoded into a snapshot of its own, moved into *out only
 *    when all of it decoded; on error *out is untouched and the reason names
 *    the place: "instruments[3].quote.bid: expected a number (byte 1234)".
 *
 * Keys: unknown ones are skipped (forward compatible), as are keys spelled
 * with escapes (no known key needs one); a known key given twice is an
 * error. A known key absent or null takes its default: numbers NAN, counts
 * 0, flags false, strings "", names their first value. Only "version" is
 * required.
 * Values: numbers written as null come back as NAN. Counts are JSON
 * integers in [0, INT64_MAX]. Strings are unescaped (\uXXXX to UTF-8,
 * surrogate pairs joined, a lone surrogate refused) and must fit their
 * field; control characters (U+0000-U+001F, U+007F) become '?', as the
 * engine's own event log does: decoded text is drawn on a terminal. Names
 * (kind, leg, level, zone, greeks, reason, model, socket role and mode)
 * must be one the encoder writes.
 * Derived on the way back: an underlying's limit.since comes from its
 * "delta" entry in limits.breaches (the only place the document has it;
 * matched in order by name and utilization, an entry matching no
 * underlying is an error; the other breach kinds repeat what their rows
 * say and are not read); result.valid[m] is whether any of the method's
 * figures is a number; var levels are the level keys ("p95", ...) of the
 * first method in var, in order, and es_level the first level key in cvar
 * (a key that no level writes back the same, such as "p5", is an error).
 * The instruments, with what is derived for them, are read in
 * snapread_inst.c.
 * Not in the document, so left at their defaults: engine_silence_s (NAN:
 * the viewer sets it), pv.mc_paths, pv.mc_seed, result.scenarios[],
 * feed.rejected[] for ok and ignored. */
#include "invtop/snapwire.h"

#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "invtop/backtest.h"
#include "invtop/book.h"
#include "invtop/jsonr.h"
#include "invtop/snapread.h"

/* A valid document averages over 7 bytes per token. */
#define SNAPR_MAX_TOKENS ((int)(SNAPW_MAX_DOC / 4))
/* The most returns --window keeps. */
#define SNAPR_MAX_SCENARIOS 1000000

/* ---- var level keys ---- */

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

/* ---- parts ---- */

static int read_rejects(const jr *r, int v, snap_feed *f)
{
    static const jr_field rej_fields[] = {
        JR_FOWN("reason", 0),
        JR_FNUM(snap_reject, "ts", time),
        JR_FSTR(snap_reject, "excerpt", excerpt),
    };
    const char *names[WIRE_STATUS_COUNT];
    for (int i = 0; i < WIRE_STATUS_COUNT; i++)
        names[i] = wire_status_name((wire_status)i);
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    f->nlast = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (f->nlast == SNAP_LAST_REJECTS)
            break; /* newest first: the rest are older */
        snap_reject *d = &f->last[f->nlast];
        int own[1];
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (jr_read_fields(r, e, rej_fields, JR_NFIELDS(rej_fields), d, own) != 0)
            return -1;
        const int reason = jr_name(r, own[0], names, WIRE_STATUS_COUNT, "reject reason");
        if (reason < 0)
            return -1;
        d->reason = (wire_status)reason;
        f->nlast++;
    }
    return 0;
}

static int read_feed(const jr *r, int v, snap_feed *f)
{
    static const jr_field feed_fields[] = {
        JR_FU64(snap_feed, "msgs", msgs),
        JR_FU64(snap_feed, "accepted", accepted),
        JR_FU64(snap_feed, "ignored", ignored),
        JR_FNUM(snap_feed, "rate", rate),
        JR_FOWN("rejected", 0),
        JR_FU64(snap_feed, "gaps", gaps),
        JR_FU64(snap_feed, "seq_restarts", seq_restarts),
        JR_FU64(snap_feed, "seq_untracked", seq_untracked),
        JR_FU64(snap_feed, "record_errors", record_errors),
        JR_FU64(snap_feed, "quotes_published", quotes_published),
        JR_FNUM(snap_feed, "last_msg_age_s", last_msg_age_s),
    };
    static const jr_field rejected_fields[] = {
        JR_FU64(snap_feed, "total", rejected_total),
        JR_FOWN("by_reason", 0),
        JR_FOWN("last", 1),
    };
    int own[2];
    if (jr_read_fields(r, v, feed_fields, JR_NFIELDS(feed_fields), f, own) != 0)
        return -1;
    const int rejected = own[0];
    if (jr_read_fields(r, rejected, rejected_fields, JR_NFIELDS(rejected_fields), f, own) != 0)
        return -1;
    const int last = own[1];
    /* by_reason: one counter per reject reason, as snapwire.c lists them */
    jr_field by[WIRE_STATUS_COUNT];
    int nby = 0;
    for (int s = WIRE_IGNORED + 1; s < WIRE_STATUS_COUNT; s++)
        by[nby++] = (jr_field){wire_status_name((wire_status)s), JR_U64,
                            offsetof(snap_feed, rejected) + (size_t)s * sizeof f->rejected[0], 0};
    if (jr_read_fields(r, own[0], by, nby, f, NULL) != 0)
        return -1;
    return read_rejects(r, last, f);
}

static int read_portfolio(const jr *r, int v, snap_portfolio *p)
{
    static const jr_field port_fields[] = {
        JR_FNUM(snap_portfolio, "gross_usd", gross_usd),
        JR_FNUM(snap_portfolio, "net_usd", net_usd),
        JR_FNUM(snap_portfolio, "pnl_realized", pnl_realized),
        JR_FNUM(snap_portfolio, "pnl_unrealized", pnl_unrealized),
        JR_FNUM(snap_portfolio, "net_delta_usd", net_delta_usd),
    };
    return jr_read_fields(r, v, port_fields, JR_NFIELDS(port_fields), p, NULL);
}

/* The method objects of var or cvar at v: own[m] per pv_method. */
static int read_methods(const jr *r, int v, int *own)
{
    jr_field f[PV_METHODS];
    for (int m = 0; m < PV_METHODS; m++)
        f[m] = (jr_field){pv_method_name((pv_method)m), JR_OWN, (size_t)m, 0};
    for (int m = 0; m < PV_METHODS; m++)
        own[m] = -1;
    if (jr_read_fields(r, v, f, PV_METHODS, NULL, own) != 0)
        return -1;
    for (int m = 0; m < PV_METHODS; m++)
        if (!jr_is_null(r, own[m]) && r->tok[own[m]].type != JSMN_OBJECT)
            return jr_fail(r, own[m], "expected an object");
    return 0;
}

/* risk.var: the first method present gives the levels (its level keys in
 * order, a level twice is kept twice); the others are matched to them. */
static int read_var(const jr *r, int v, snap *s)
{
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
static int read_cvar(const jr *r, int v, snap *s)
{
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

static int read_risk(const jr *r, int v, snap *s)
{
    static const jr_field risk_fields[] = {
        JR_FNUM(snap, "horizon_s", pv.horizon_s),
        JR_FNUM(snap, "sample_s", pv.sample_s),
        JR_FSIZE(snap, "returns", returns),
        JR_FSIZE(snap, "window", window),
        JR_FNUM(snap, "computed_at", computed_at),
        JR_FNUM(snap, "monte_carlo_at", mc_at),
        JR_FOWN("var", 0),
        JR_FOWN("cvar", 1),
        JR_FOWN("backtest", 2),
        JR_FOWN("scenarios", 3),
    };
    static const jr_field bt_fields[] = {
        JR_FNUM(snap, "level", bt_level),
        JR_FSIZE(snap, "n", bt_n),
        JR_FSIZE(snap, "exceptions", bt_exceptions),
        JR_FNUM(snap, "kupiec_lr", kupiec_lr),
        JR_FNUM(snap, "kupiec_p", kupiec_p),
        JR_FNUM(snap, "christoffersen_lr", christoffersen_lr),
        JR_FNUM(snap, "christoffersen_p", christoffersen_p),
        JR_FOWN("zone", 0),
    };
    for (int m = 0; m < PV_METHODS; m++) {
        for (int k = 0; k < PV_MAX_LEVELS; k++)
            s->result.var[m][k] = NAN;
        s->result.es[m] = NAN;
    }
    s->pv.nvar = 0;
    s->pv.es_level = NAN;
    int own[4] = {-1, -1, -1, -1}, bt[1] = {-1};
    if (jr_read_fields(r, v, risk_fields, JR_NFIELDS(risk_fields), s, own) != 0 ||
        read_var(r, own[0], s) != 0 || read_cvar(r, own[1], s) != 0)
        return -1;
    for (int m = 0; m < PV_METHODS; m++) {
        bool any = !isnan(s->result.es[m]);
        for (size_t k = 0; k < s->pv.nvar; k++)
            any = any || !isnan(s->result.var[m][k]);
        s->result.valid[m] = any;
    }
    /* in bt_zone order; absent or null is no zone, not green */
    static const char *const zones[] = {"green", "yellow", "red", "n/a"};
    if (jr_read_fields(r, own[2], bt_fields, JR_NFIELDS(bt_fields), s, bt) != 0)
        return -1;
    const int zone = jr_is_null(r, bt[0]) ? BT_NA : jr_name(r, bt[0], zones, BT_NA + 1, "backtest zone");
    if (zone < 0)
        return -1;
    s->bt_zone = zone;
    int e, n = jr_array(r, own[3], &e);
    if (n < 0)
        return -1;
    if (n > SNAPR_MAX_SCENARIOS)
        return jr_fail(r, own[3], "more than %d scenarios", SNAPR_MAX_SCENARIOS);
    if (snap_reserve(s, 0, 0, 0, 0, (size_t)n) != 0)
        return jr_fail(r, own[3], "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e])
        if (jr_num(r, e, &s->scenarios[i]) != 0)
            return -1;
    s->nscen = (size_t)n;
    return 0;
}

static int read_underlyings(const jr *r, int v, snap *s)
{
    static const jr_field und_fields[] = {
        JR_FSTR(snap_und, "name", name),
        JR_FNUM(snap_und, "price", price),
        JR_FNUM(snap_und, "delta", delta),
        JR_FNUM(snap_und, "delta_usd", delta_usd),
        JR_FNUM(snap_und, "gamma", gamma),
        JR_FNUM(snap_und, "vega", vega),
        JR_FNUM(snap_und, "theta", theta),
        JR_FNUM(snap_und, "limit_util", limit.util),
    };
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAPW_MAX_INST)
        return jr_fail(r, v, "more than %d underlyings", SNAPW_MAX_INST);
    if (snap_reserve(s, 0, (size_t)n, 0, 0, 0) != 0)
        return jr_fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_und *d = &s->und[i];
        memset(d, 0, sizeof *d);
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (jr_read_fields(r, e, und_fields, JR_NFIELDS(und_fields), d, NULL) != 0)
            return -1;
        d->limit.since = NAN; /* from limits.breaches */
        s->nund++;
    }
    return 0;
}

/* Both NAN, or equal. */
static bool same(double a, double b)
{
    return (isnan(a) && isnan(b)) || a == b;
}

/* limits.breaches: only "delta" entries carry something the rows lack (an
 * underlying's since). They come in the order of the underlyings; each is
 * matched to the next underlying of that name and utilization. */
static int read_breaches(const jr *r, int v, snap *s)
{
    static const jr_field breach_fields[] = {
        JR_FOWN("kind", 0),
        JR_FOWN("name", 1),
        JR_FOWN("util", 2),
        JR_FOWN("since", 3),
    };
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
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

static int read_limits(const jr *r, int v, snap *s)
{
    static const jr_field limit_fields[] = {
        JR_FNUM(snap, "max_pos_lots", limits.max_pos_lots),
        JR_FNUM(snap, "max_delta_usd", limits.max_delta_usd),
        JR_FNUM(snap, "max_var_usd", limits.max_var_usd),
        JR_FNUM(snap, "var_util", var_limit.util),
        JR_FNUM(snap, "var_since", var_limit.since),
        JR_FSIZE(snap, "breach_count", breaches),
        JR_FOWN("breaches", 0),
    };
    int own[1] = {-1};
    if (jr_read_fields(r, v, limit_fields, JR_NFIELDS(limit_fields), s, own) != 0)
        return -1;
    return read_breaches(r, own[0], s);
}

static int read_books(const jr *r, int v, snap *s)
{
    static const jr_field book_fields[] = {
        JR_FSTR(snap_book, "name", name),
        JR_FNUM(snap_book, "gross_usd", r.gross_usd),
        JR_FNUM(snap_book, "net_usd", r.net_usd),
        JR_FNUM(snap_book, "net_delta_usd", r.net_delta_usd),
        JR_FNUM(snap_book, "pnl_realized", r.pnl_realized),
        JR_FNUM(snap_book, "pnl_unrealized", r.pnl_unrealized),
        JR_FNUM(snap_book, "var_usd", r.var_usd),
        JR_FNUM(snap_book, "max_delta_usd", lim.max_delta_usd),
        JR_FNUM(snap_book, "max_var_usd", lim.max_var_usd),
        JR_FNUM(snap_book, "delta_util", r.delta.util),
        JR_FNUM(snap_book, "var_util", r.var.util),
        JR_FNUM(snap_book, "delta_since", r.delta.since),
        JR_FNUM(snap_book, "var_since", r.var.since),
    };
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > BOOK_MAX_BOOKS)
        return jr_fail(r, v, "more than %d books", BOOK_MAX_BOOKS);
    if (snap_reserve(s, 0, 0, (size_t)n, 0, 0) != 0)
        return jr_fail(r, v, "out of memory");
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_book *d = &s->books[i];
        memset(d, 0, sizeof *d);
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (jr_read_fields(r, e, book_fields, JR_NFIELDS(book_fields), d, NULL) != 0)
            return -1;
        s->nbooks++;
    }
    return 0;
}

static int read_quote_params(const jr *r, int v, skew_params *p)
{
    static const jr_field qp_fields[] = {
        JR_FOWN("model", 0),
        JR_FNUM(skew_params, "gamma", gamma),
        JR_FNUM(skew_params, "k", k),
        JR_FNUM(skew_params, "A", A),
        JR_FNUM(skew_params, "delta", delta),
        JR_FNUM(skew_params, "tau_s", tau_s),
        JR_FNUM(skew_params, "session_end", session_end),
        JR_FNUM(skew_params, "skew_factor", skew_factor),
        JR_FNUM(skew_params, "vol_mult", vol_mult),
        JR_FNUM(skew_params, "min_spread_bps", min_spread_bps),
        JR_FNUM(skew_params, "q_max_lots", q_max_lots),
    };
    const char *models[SKEW_MODELS];
    for (int m = 0; m < SKEW_MODELS; m++)
        models[m] = skew_model_name((skew_model)m);
    int own[1] = {-1};
    if (jr_read_fields(r, v, qp_fields, JR_NFIELDS(qp_fields), p, own) != 0)
        return -1;
    const int model = jr_name(r, own[0], models, SKEW_MODELS, "quote model");
    if (model < 0)
        return -1;
    p->model = (skew_model)model;
    return 0;
}

static int read_overrides(const jr *r, int v, snap *s)
{
    static const jr_field ovr_fields[] = {
        JR_FBOOL(snap, "kill", kill),
        JR_FSIZE(snap, "active", overrides_active),
        JR_FBOOL(snap, "journal_ok", journal_ok),
        JR_FSTR(snap, "journal_error", journal_error),
        JR_FBOOL(snap, "publishing", publishing),
    };
    return jr_read_fields(r, v, ovr_fields, JR_NFIELDS(ovr_fields), s, NULL);
}

/* security.feed_sockets[]: at most SNAP_FEED_SOCKETS endpoint objects. */
static int read_feed_sockets(const jr *r, int v, snap *s)
{
    static const jr_field sock_fields[] = {
        JR_FSTR(snap_sock, "endpoint", endpoint),
        JR_FOWN("role", 0),
        JR_FOWN("mode", 1),
    };
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    if (n > SNAP_FEED_SOCKETS)
        return jr_fail(r, v, "more than %d feed sockets", SNAP_FEED_SOCKETS);
    for (int i = 0; i < n; i++, e = r->next[e]) {
        snap_sock *d = &s->feed_socks[i];
        int own[2];
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (jr_read_fields(r, e, sock_fields, JR_NFIELDS(sock_fields), d, own) != 0)
            return -1;
        const int role = jr_name(r, own[0], snapw_sock_role, 2, "socket role");
        const int mode = jr_name(r, own[1], snapw_sock_mode, 2, "socket mode");
        if (role < 0 || mode < 0)
            return -1;
        d->bind = role == 1;
        d->curve = mode == 1;
    }
    s->nfeed_socks = (size_t)n;
    return 0;
}

static int read_security(const jr *r, int v, snap *s)
{
    static const jr_field sec_fields[] = {
        JR_FBOOL(snap, "feed_curve", feed_curve),
        JR_FOWN("feed_sockets", 0),
        JR_FBOOL(snap, "quotes_curve", quotes_curve),
        JR_FU64(snap, "handshakes_refused", handshakes_refused),
        JR_FU64(snap, "feed_handshakes_refused", feed_refused),
        JR_FU64(snap, "quotes_handshakes_refused", quotes_refused),
        JR_FU64(snap, "feed_keys_denied", feed_denied),
        JR_FU64(snap, "quotes_keys_denied", quotes_denied),
        JR_FU64(snap, "feed_keys_allowed", feed_allowed),
        JR_FU64(snap, "quotes_keys_allowed", quotes_allowed),
        JR_FU64(snap, "commands_refused", commands_refused),
        JR_FSTR(snap, "warning", sec_warning),
    };
    int own[1] = {-1};
    if (jr_read_fields(r, v, sec_fields, JR_NFIELDS(sec_fields), s, own) != 0)
        return -1;
    return read_feed_sockets(r, own[0], s);
}

static int read_events(const jr *r, int v, snap *s)
{
    static const jr_field events_fields[] = {
        JR_FULONG(snap, "total", events_total),
        JR_FOWN("last", 0),
    };
    static const jr_field event_fields[] = {
        JR_FNUM(snap_event, "ts", time),
        JR_FOWN("level", 0),
        JR_FSTR(snap_event, "text", text),
    };
    static const char *const levels[] = {"info", "warn", "alert"};
    int own[1] = {-1};
    if (jr_read_fields(r, v, events_fields, JR_NFIELDS(events_fields), s, own) != 0)
        return -1;
    int e, n = jr_array(r, own[0], &e);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        if (n - i > SNAP_EVENTS)
            continue; /* newest last: keep the last SNAP_EVENTS */
        snap_event *d = &s->events[s->nevents];
        int lv[1];
        if (r->tok[e].type != JSMN_OBJECT)
            return jr_fail(r, e, "expected an object");
        if (jr_read_fields(r, e, event_fields, JR_NFIELDS(event_fields), d, lv) != 0)
            return -1;
        const int level = jr_name(r, lv[0], levels, 3, "event level");
        if (level < 0)
            return -1;
        d->level = level;
        s->nevents++;
    }
    return 0;
}

static int read_series(const jr *r, int v, snap *s)
{
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
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

/* The whole document at token 0 into s (initialised, empty). */
static int read_document(const jr *r, snap *s)
{
    enum { D_VERSION, D_FEED, D_PORT, D_RISK, D_UND, D_LIMITS, D_BOOKS, D_QP, D_OVR, D_SEC, D_EVENTS,
           D_SERIES, D_INST, D_OWN };
    static const jr_field doc_fields[] = {
        JR_FOWN("version", D_VERSION),
        JR_FNUM(snap, "ts", ts),
        JR_FSTR(snap, "source", source),
        JR_FOWN("feed", D_FEED),
        JR_FOWN("portfolio", D_PORT),
        JR_FOWN("risk", D_RISK),
        JR_FOWN("underlyings", D_UND),
        JR_FOWN("limits", D_LIMITS),
        JR_FOWN("books", D_BOOKS),
        JR_FOWN("quote_params", D_QP),
        JR_FOWN("overrides", D_OVR),
        JR_FOWN("security", D_SEC),
        JR_FOWN("events", D_EVENTS),
        JR_FOWN("series", D_SERIES),
        JR_FOWN("instruments", D_INST),
    };
    int own[D_OWN];
    if (jr_read_fields(r, 0, doc_fields, JR_NFIELDS(doc_fields), s, own) != 0)
        return -1;
    /* "version" is the one key required */
    if (jr_is_null(r, own[D_VERSION]))
        return jr_fail(r, -1, "no \"version\": not a snapshot document");
    if (jr_count(r, own[D_VERSION], &s->version) != 0)
        return -1;
    /* underlyings before limits (breaches), books before instruments */
    if (read_feed(r, own[D_FEED], &s->feed) != 0 || read_portfolio(r, own[D_PORT], &s->port) != 0 ||
        read_risk(r, own[D_RISK], s) != 0 || read_underlyings(r, own[D_UND], s) != 0 ||
        read_limits(r, own[D_LIMITS], s) != 0 || read_books(r, own[D_BOOKS], s) != 0 ||
        read_quote_params(r, own[D_QP], &s->quote_params) != 0 ||
        read_overrides(r, own[D_OVR], s) != 0 || read_security(r, own[D_SEC], s) != 0 ||
        read_events(r, own[D_EVENTS], s) != 0 || read_series(r, own[D_SERIES], s) != 0 ||
        snapr_instruments(r, own[D_INST], s) != 0)
        return -1;
    return 0;
}

/* Decode a document into out, or leave out as it was and say why in err
 * (see snapwire.h and the top of this file). */
int snapw_decode(const char *js, size_t len, snap *out, char *err, size_t errlen)
{
    static const jr_limits lim = {SNAPW_MAX_DOC, SNAPR_MAX_TOKENS, SNAPW_MAX_DEPTH};
    assert(out != NULL);
    jr r;
    if (jr_open(&r, js, len, &lim, err, errlen) != 0)
        return -1;
    snap tmp;
    snap_init(&tmp);
    const int rc = read_document(&r, &tmp);
    jr_close(&r);
    if (rc != 0) {
        snap_free(&tmp);
        return -1;
    }
    snap_free(out);
    *out = tmp;
    return 0;
}
