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


static const char *const level_names[] = {"info", "warn", "alert"};
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

/* A value the reader derives elsewhere, or a constant: nothing to read. */
int snaptab_read_nothing(const jr *r, int v, void *base, snap *s)
{
    (void)r;
    (void)v;
    (void)base;
    (void)s;
    return 0;
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
static const sch_table reject_table = {"feed.rejected.last[]", sizeof(snap_reject), reject_rows, SCH_NROWS(reject_rows), NULL};

static int resize_rejects(void *base, snap *s, size_t n)
{
    (void)s;
    ((snap *)base)->feed.nlast = n; /* at most SNAP_LAST_REJECTS: the row's max */
    return 0;
}

static const sch_row rejected_rows[] = {
    SCH_ROW(snap, "total", SCH_U64, feed.rejected_total, .doc = "rejects, all reasons"),
    {.key = "by_reason", .type = SCH_CUSTOM, .unit = "{count}", .write = write_by_reason, .read = read_by_reason,
     .doc = "one counter per reject reason (all reasons always present)"},
    {.key = "last", .type = SCH_ARR, .sub = &reject_table, .count = count_rejects, .elem = elem_reject,
     .resize = resize_rejects, .max = SNAP_LAST_REJECTS, .keep_first = true, .doc = "the last 8 rejects, newest first"},
};
static const sch_table rejected_table = {"feed.rejected", sizeof(snap), rejected_rows, SCH_NROWS(rejected_rows), NULL};

static size_t count_sources(const void *base, const snap *s)
{
    (void)s;
    return ((const snap *)base)->feed.nsources;
}

static void *elem_source(const void *base, const snap *s, size_t k)
{
    (void)s;
    return (void *)&((const snap *)base)->feed.sources[k];
}

static int resize_sources(void *base, snap *s, size_t n)
{
    (void)s;
    ((snap *)base)->feed.nsources = n; /* at most SNAP_SOURCES: the row's max */
    return 0;
}

static const sch_row source_rows[] = {
    SCH_ROW(snap_source, "name", SCH_STR, name, .doc = "the section, [source NAME]"),
    SCH_ROW(snap_source, "matched", SCH_U64, matched,
            .doc = "messages for which its topic and when held for a record"),
    SCH_ROW(snap_source, "applied", SCH_U64, applied, .doc = "of those, messages applied to the book"),
    SCH_ROW(snap_source, "rejected", SCH_U64, rejected,
            .doc = "messages refused because of its record (a path absent, a wrong type, an unmapped value, a "
                   "failed check)"),
};
static const sch_table source_table = {"feed.sources[]", sizeof(snap_source), source_rows, SCH_NROWS(source_rows),
                                       NULL};

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
    {.key = "sources", .type = SCH_ARR, .sub = &source_table, .count = count_sources, .elem = elem_source,
     .resize = resize_sources, .max = SNAP_SOURCES,
     .doc = "the venue mappings' sections (--sources, [source NAME]), each counted; empty without any"},
};
static const sch_table feed_table = {"feed", sizeof(snap), feed_rows, SCH_NROWS(feed_rows), NULL};

/* ---- portfolio ---- */

/* A list of currency names, held joined by commas, written as an array. */
static void write_ccy_list(jw *w, const char *list)
{
    jw_arr_begin(w);
    for (const char *p = list; *p;) {
        const size_t n = strcspn(p, ",");
        jw_strn(w, p, n);
        p += n + (p[n] == ',');
    }
    jw_arr_end(w);
}

static int read_ccy_list(const jr *r, int v, char *list, size_t cap)
{
    list[0] = '\0';
    if (jr_is_null(r, v))
        return 0;
    int e, n = jr_array(r, v, &e);
    if (n < 0)
        return -1;
    size_t len = 0;
    for (int i = 0; i < n; i++, e = r->next[e]) {
        char name[EVENT_SYM_MAX];
        if (jr_str(r, e, name, sizeof name) != 0)
            return -1;
        if (!name[0] || strchr(name, ',') || len + strlen(name) + 2 > cap)
            return jr_fail(r, e, "a currency name: 1 or more characters, no comma, %zu in all", cap - 1);
        len += (size_t)snprintf(list + len, cap - len, "%s%s", i ? "," : "", name);
    }
    return 0;
}

static void write_unconverted_ccys(jw *w, const void *base, const snap *s)
{
    (void)s;
    write_ccy_list(w, ((const snap *)base)->port.unconverted_ccys);
}

static int read_unconverted_ccys(const jr *r, int v, void *base, snap *s)
{
    (void)s;
    snap_portfolio *p = &((snap *)base)->port;
    return read_ccy_list(r, v, p->unconverted_ccys, sizeof p->unconverted_ccys);
}

static void write_assumed_rates(jw *w, const void *base, const snap *s)
{
    (void)s;
    write_ccy_list(w, ((const snap *)base)->port.assumed_rates);
}

static int read_assumed_rates(const jr *r, int v, void *base, snap *s)
{
    (void)s;
    snap_portfolio *p = &((snap *)base)->port;
    return read_ccy_list(r, v, p->assumed_rates, sizeof p->assumed_rates);
}

static const sch_row port_rows[] = {
    SCH_ROW(snap, "currency", SCH_STR, port.currency,
            .doc = "the report currency (--currency): every total and _usd figure is in it"),
    SCH_ROW(snap, "gross_usd", SCH_FIXED, port.gross_usd, .prec = 2, .unit = "USD",
            .doc = "sum of abs(notional_usd); _usd and USD figures are in the report currency (currency)"),
    SCH_ROW(snap, "net_usd", SCH_FIXED, port.net_usd, .prec = 2, .unit = "USD", .doc = "sum of notional"),
    SCH_ROW(snap, "pnl_realized", SCH_FIXED, port.pnl_realized, .prec = 2, .unit = "USD",
            .doc = "sum of realized P&L, each at its quote currency's rate now"),
    SCH_ROW(snap, "pnl_unrealized", SCH_FIXED, port.pnl_unrealized, .prec = 2, .unit = "USD",
            .doc = "sum of unrealized P&L"),
    SCH_ROW(snap, "net_delta_usd", SCH_FIXED, port.net_delta_usd, .prec = 2, .unit = "USD",
            .doc = "sum of instrument delta_usd"),
    SCH_ROW(snap, "unconverted", SCH_SIZE, port.unconverted,
            .doc = "instruments quoted in a currency without a rate: in none of the totals"),
    {.key = "unconverted_ccys", .type = SCH_CUSTOM, .unit = "[string]", .write = write_unconverted_ccys,
     .read = read_unconverted_ccys, .doc = "the currencies without a rate that instruments are quoted in"},
    {.key = "assumed_rates", .type = SCH_CUSTOM, .unit = "[string]", .write = write_assumed_rates,
     .read = read_assumed_rates, .doc = "the currencies whose rate is assumed (stablecoins without a price, at USD's)"},
};
static const sch_table port_table = {"portfolio", sizeof(snap), port_rows, SCH_NROWS(port_rows), NULL};

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
    {.key = "units", .type = SCH_CUSTOM, .unit = "string", .write = write_units, .read = snaptab_read_nothing,
     .doc = "\"bp of mid, lots, seconds\""},
};
static const sch_table qp_table = {"quote_params", sizeof(snap), qp_rows, SCH_NROWS(qp_rows), NULL};

static const sch_row overrides_rows[] = {
    SCH_ROW(snap, "kill", SCH_BOOL, kill, .doc = "the kill switch: every quote withdrawn"),
    SCH_ROW(snap, "active", SCH_SIZE, overrides_active, .doc = "overrides in force"),
    SCH_ROW(snap, "journal_ok", SCH_BOOL, journal_ok, .doc = "the override journal is writable"),
    SCH_ROW(snap, "journal_error", SCH_STR, journal_error, .doc = "why not (\"\" when it is)"),
    SCH_ROW(snap, "publishing", SCH_BOOL, publishing, .doc = "quotes go out on --quotes"),
};
static const sch_table overrides_table = {"overrides", sizeof(snap), overrides_rows, SCH_NROWS(overrides_rows), NULL};

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
static const sch_table sock_table = {"security.feed_sockets[]", sizeof(snap_sock), sock_rows, SCH_NROWS(sock_rows), NULL};

static int resize_socks(void *base, snap *s, size_t n)
{
    (void)base;
    s->nfeed_socks = n; /* at most SNAP_FEED_SOCKETS: the row's max */
    return 0;
}

static const sch_row sec_rows[] = {
    SCH_ROW(snap, "feed_curve", SCH_BOOL, feed_curve,
            .doc = "every feed endpoint is CURVE (false with any plaintext one, or none)"),
    {.key = "feed_sockets", .type = SCH_ARR, .sub = &sock_table, .count = count_socks, .elem = elem_sock,
     .resize = resize_socks, .max = SNAP_FEED_SOCKETS, .what = "feed sockets", .doc = "the feed's endpoints, binds first"},
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
static const sch_table sec_table = {"security", sizeof(snap), sec_rows, SCH_NROWS(sec_rows), NULL};

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
static const sch_table event_table = {"events.last[]", sizeof(snap_event), event_rows, SCH_NROWS(event_rows), NULL};

static int resize_events(void *base, snap *s, size_t n)
{
    (void)base;
    s->nevents = n; /* at most SNAP_EVENTS: the row's max */
    return 0;
}

static const sch_row events_rows[] = {
    SCH_ROW(snap, "total", SCH_ULONG, events_total, .doc = "events logged since the start"),
    {.key = "last", .type = SCH_ARR, .sub = &event_table, .count = count_events, .elem = elem_event,
     .resize = resize_events, .max = SNAP_EVENTS, .keep_last = true, .doc = "the engine's event log, newest last"},
};
static const sch_table events_table = {"events", sizeof(snap), events_rows, SCH_NROWS(events_rows), NULL};

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

/* The holdings table is refilled as the instruments are read. */
static int resize_instruments(void *base, snap *s, size_t n)
{
    (void)base;
    if (snap_reserve(s, n, 0, 0, 0, 0) != 0)
        return -1;
    s->ninst = n;
    s->nholdings = 0;
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
    {.key = "risk", .type = SCH_OBJ, .sub = &snaptab_risk_table, .doc = "VaR, ES and their backtest"},
    {.key = "underlyings", .type = SCH_ARR, .sub = &snaptab_und_table, .count = snaptab_count_und, .elem = snaptab_elem_und,
     .read = snaptab_read_underlyings, .doc = "net greeks per underlying"},
    {.key = "limits", .type = SCH_OBJ, .sub = &snaptab_limit_table, .doc = "limits and breaches"},
    {.key = "books", .type = SCH_ARR, .sub = &snaptab_book_table, .count = snaptab_count_books, .elem = snaptab_elem_book,
     .resize = snaptab_resize_books, .max = BOOK_MAX_BOOKS, .doc = "per book, in order of first sight"},
    {.key = "quote_params", .type = SCH_OBJ, .sub = &qp_table, .doc = "the quoting model's parameters"},
    {.key = "overrides", .type = SCH_OBJ, .sub = &overrides_table, .doc = "manual overrides and the journal"},
    {.key = "security", .type = SCH_OBJ, .sub = &sec_table, .doc = "CURVE on each channel, refusals"},
    {.key = "events", .type = SCH_OBJ, .sub = &events_table, .doc = "the engine's event log"},
    {.key = "series", .type = SCH_CUSTOM, .write = write_series, .read = read_series, .unit = "[[s,USD,USD]]",
     .doc = "[t, pnl, var] per risk sample, thinned to 120 points; the last is the latest sample"},
    {.key = "ladder", .type = SCH_OBJ, .sub = &snaptab_ladder_table,
     .doc = "the greeks ladder: per underlying and expiry bucket, all books and per book"},
    {.key = "stress", .type = SCH_OBJ, .sub = &snaptab_stress_table, .is_null = snaptab_stress_null,
     .doc = "the stress matrix: full revaluation on moves x vol scenarios (null before the first risk sample)"},
    {.key = "explain", .type = SCH_OBJ, .sub = &snaptab_explain_table,
     .doc = "P&L explain: the last horizon, the open one, the session"},
    {.key = "hedges", .type = SCH_ARR, .sub = &snaptab_hedge_table, .count = snaptab_count_hedges,
     .elem = snaptab_elem_hedge, .resize = snaptab_resize_hedges, .max = SNAP_HEDGES, .keep_first = true,
     .doc = "per underlying: net delta, band, hedge instrument, the suggestion, its state and reason"},
    {.key = "orders", .type = SCH_OBJ, .sub = &snaptab_orders_table,
     .doc = "hedge orders: the order channel's settings and the last orders"},
    {.key = "alerts", .type = SCH_OBJ, .sub = &snaptab_alerts_table,
     .doc = "alert rules: each one's state, what fires by severity, the notify command's counters"},
    {.key = "instruments", .type = SCH_ARR, .sub = &snaptab_inst_table, .count = count_inst, .elem = elem_inst,
     .resize = resize_instruments, .max = SNAPW_MAX_INST, .doc = "in order of first sight, never removed"},
};
static const sch_table doc_table = {"", sizeof(snap), doc_rows, SCH_NROWS(doc_rows), doc_finish};

const sch_table *snaptab_document(void)
{
    return &doc_table;
}

bool snaptab_is_part(int i)
{
    return i > sch_find(&doc_table, "source") && i < sch_find(&doc_table, "instruments");
}
