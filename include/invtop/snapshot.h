/* snapshot.h - one consistent, immutable moment of the engine's state: all
 * that any view shows (prefix snap_).
 *
 * The engine fills a snapshot (engine/snapbuild.c); views draw from it and
 * never read engine state; the state protocol carries it to remote viewers
 * (state/snapwire.c encodes it as the headless JSON document and decodes it
 * back). A snapshot owns its arrays; `version` only grows within one engine
 * run. Plain data: risk/ types reused where they already say what a view
 * needs. */
#ifndef INVTOP_SNAPSHOT_H
#define INVTOP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/bookrisk.h"
#include "invtop/event.h"
#include "invtop/explain.h"
#include "invtop/ladder.h"
#include "invtop/limits.h"
#include "invtop/override.h"
#include "invtop/portvar.h"
#include "invtop/skew.h"
#include "invtop/wire.h"

#define SNAP_LAST_REJECTS 8
#define SNAP_EXCERPT 64
#define SNAP_EVENTS 32      /* engine events carried (newest last) */
#define SNAP_EVENT_TEXT 128
#define SNAP_SERIES 120     /* session chart points (one per risk sample, thinned) */
#define SNAP_TEXT 160
#define SNAP_FEED_SOCKETS 32 /* feed endpoints described (binds and connects) */
#define SNAP_STRESS_VOLS 3   /* down, same, up */
#define SNAP_STRESS_MOVES 32 /* grid columns at most (stress_params) */
#define SNAP_STRESS_PARTS 16 /* underlyings and books with a grid of their own */
#define SNAP_SCENARIOS 16    /* named scenarios carried */
#define SNAP_LADDER_ROWS 64  /* ladder rows: (book, underlying) pairs */
#define SNAP_HEDGES 64       /* underlyings with a hedge row */
#define SNAP_ORDERS 32       /* orders carried (newest last) */
#define SNAP_ALERTS 64       /* alert rules carried (config order) */
#define SNAP_SOURCES 64      /* venue mapping sections carried (SRCMAP_MAX_SECTIONS) */

typedef struct {
    wire_status reason;
    double time;
    char excerpt[SNAP_EXCERPT];
} snap_reject;

/* One [source NAME] section of the venue mappings (srcmap.h), in messages. */
typedef struct {
    char name[EVENT_SYM_MAX];
    uint64_t matched, applied, rejected;
} snap_source;

typedef struct {
    uint64_t msgs, accepted, ignored, rejected_total;
    uint64_t rejected[WIRE_STATUS_COUNT];
    uint64_t gaps, seq_restarts, seq_untracked, record_errors, quotes_published;
    double rate;             /* messages per second over the last period */
    double last_msg_age_s;   /* NAN before any message */
    snap_reject last[SNAP_LAST_REJECTS]; /* newest first */
    size_t nlast;
    snap_source sources[SNAP_SOURCES]; /* in the mapping's order */
    size_t nsources;
} snap_feed;

/* The totals are in the report currency (`currency`; the `_usd` names
 * mean "in the report currency"). Instruments quoted in a currency without
 * a rate are in none of them: counted in `unconverted`, their currencies
 * listed in unconverted_ccys; currencies whose rate is assumed (a
 * stablecoin without a price) in assumed_rates. Lists: names joined by
 * commas, "" when none. */
typedef struct {
    double gross_usd, net_usd, net_delta_usd, pnl_realized, pnl_unrealized;
    char currency[EVENT_SYM_MAX];
    size_t unconverted;
    char unconverted_ccys[SNAP_TEXT];
    char assumed_rates[SNAP_TEXT];
} snap_portfolio;

/* One endpoint of the feed socket as the engine set it up. */
typedef struct {
    char endpoint[SNAP_TEXT];
    bool bind;  /* else a connect */
    bool curve; /* bind: CURVE server; connect: CURVE client of the publisher's key */
} snap_sock;

typedef struct {
    char name[EVENT_SYM_MAX];
    double price, delta, delta_usd, gamma, vega, theta;
    limit_state limit;       /* its max delta USD */
} snap_und;

typedef struct {
    char name[EVENT_SYM_MAX];
    brisk_row r;
    brisk_limits lim;
} snap_book;

/* A stress grid: P&L per vol scenario (down, same, up) and move, the
 * extended moves (vol up), the worst cell and the position losing most in
 * it. name: its underlying or book ("" for the portfolio). */
typedef struct {
    char name[EVENT_SYM_MAX];
    double pnl[SNAP_STRESS_VOLS][SNAP_STRESS_MOVES];
    double ext[SNAP_STRESS_MOVES];
    double worst_pnl, worst_move;  /* worst_move: the move itself, a fraction */
    int worst_vol;                 /* 0 down, 1 same, 2 up */
    char worst_inst[EVENT_ID_MAX]; /* "" when nothing is held */
    double worst_inst_pnl;
} snap_stress;

typedef struct {
    char name[EVENT_SYM_MAX];
    double pnl;                    /* portfolio P&L under the scenario */
    char worst_inst[EVENT_ID_MAX];
    double worst_inst_pnl;
} snap_scenario;

/* One ladder row: an underlying's greeks per expiry bucket, in one book
 * ("" book: all books). */
typedef struct {
    char book[EVENT_SYM_MAX];
    bool all_books;
    char underlying[EVENT_SYM_MAX];
    ladder_cell cell[LADDER_MAX_BUCKETS];
    size_t ncells;                 /* the ladder's bucket count */
    ladder_cell total;
} snap_ladder_row;

/* A holding: its figures in the report currency as its instrument's are
 * (NAN when unconverted), its value at mid (an inverse one's qty x mult x
 * rate), an inverse holding's coin P&L (NAN: linear). */
typedef struct {
    size_t book;             /* index into snap.books */
    pos_leg leg;
    double qty, avg_px, pnl_realized, pnl_unrealized;
    double notional_usd;
    double pnl_realized_coin, pnl_unrealized_coin;
} snap_holding;

typedef struct {
    char sym[EVENT_SYM_MAX], venue[EVENT_SYM_MAX], id[EVENT_ID_MAX];
    inst_kind kind;
    double mult, tick, lot, strike, expiry; /* strike, expiry: options, else NAN */
    char right;
    bool ref_inferred;
    char underlying[EVENT_SYM_MAX]; /* the modelled underlying, "" when none */
    double qty, avg_px, mid, bid, ask, notional_usd, pnl_realized, pnl_unrealized;
    double spread_bps;       /* the market's (ask - bid) / mid, bp; NAN without both */
    /* currency (risk/ccy.h): the quote currency, how it settles (inst_settle),
     * the rate to the report currency (NAN: none, unconverted), whether it
     * is assumed, the value in the quote currency, an inverse contract's
     * unrealized and realized coin P&L (NAN: linear) */
    char quote_ccy[EVENT_SYM_MAX];
    int settle;
    double rate;
    bool rate_assumed, unconverted;
    double notional_quote, pnl_unrealized_coin, pnl_realized_coin;
    bool stale;
    /* greeks (expo_status as its name's index), NAN when not computed */
    int greeks_status;
    bool has_greeks;
    double delta, delta_usd, gamma, vega, theta;
    double iv;               /* options: the vol used, NAN when none */
    int iv_source;           /* expo_iv_source */
    bool iv_unsolved;        /* its mid gave no vol (no-arbitrage bounds) */
    /* lp ranges: bounds, amounts held, impermanent loss, in range */
    double lp_lower, lp_upper, lp_base, lp_quote, lp_il;
    bool lp_in_range;
    expl_terms explain_last, explain_session; /* P&L explain */
    limit_state limit;       /* position against its max lots */
    /* quote: the model's (valid) and the effective one with any override */
    bool has_quote;
    skew_quote q;
    ovr_quote eff;
    bool has_override;
    ovr o;
    size_t first_holding, nholdings; /* into snap.holdings */
} snap_inst;

/* One underlying's hedge: its net delta against the band, the instrument
 * to hedge with and the suggestion, or why there is none (hg_state). */
typedef struct {
    char underlying[EVENT_SYM_MAX];
    double net_delta_usd;          /* all books, options and pool ranges; NAN: no price */
    double inflight_usd;           /* delta of orders sent and not yet filled */
    double band_usd;               /* inside when |net + inflight| <= band */
    char inst[EVENT_ID_MAX];       /* the hedge instrument's id, "" when none */
    char inst_underlying[EVENT_SYM_MAX]; /* its underlying: another one in a cross hedge */
    bool cross;                    /* hedged with another underlying's instrument */
    double hedge_ratio;            /* minimum-variance h* (1 with its own instrument) */
    double variance_removed;       /* cross hedge: percent of the variance removed; NAN own */
    double price;                  /* the hedge instrument's mid, NAN when none */
    double lots;                   /* suggested, signed whole lots (0: none) */
    double qty;                    /* the same in the instrument's units */
    double usd;                    /* the delta USD the suggestion adds */
    int state;                     /* hg_state */
    char reason[SNAP_TEXT];        /* why, or why not; never empty */
    bool automatic;                /* automatic hedging on for it */
    double cooldown_until;         /* event time; NAN when none runs */
} snap_hedge;

/* One alert rule and its alert: the rule as configured, its state on
 * event time (al_state), and what it did. */
typedef struct {
    char name[48], metric[32], scope[EVENT_ID_MAX];
    int op;                        /* al_op */
    double threshold, clear, for_s;
    int severity;                  /* al_severity */
    int state;                     /* al_state */
    double value;                  /* the metric's last value, NAN: unknown */
    double since;                  /* event time of the last change of state, NAN: never */
    bool flapping;
    bool acked;                    /* silenced until it resolves */
    double silenced_until;         /* silenced until this event time, NAN: not */
    char action[32];               /* "widen:2", "pause", ... ("" none) */
    bool acted;                    /* its action is in force */
    char action_note[SNAP_TEXT];   /* what the action did, or would have done (read-only) */
    double notified_at;            /* event time of its last notification, NAN: never */
    int notified;                  /* al_note last sent */
} snap_alert;

/* One order on the order channel (ord_state). */
typedef struct {
    char clid[EVENT_ID_MAX];       /* client order id */
    char inst[EVENT_ID_MAX], underlying[EVENT_SYM_MAX], book[EVENT_SYM_MAX];
    double qty, lots;              /* signed: > 0 buy */
    double filled, fill_px;        /* filled so far (signed), average price (NAN: none) */
    double created, expires;       /* event time */
    unsigned long attempts;        /* times sent (SCH_ULONG reads and writes an unsigned long) */
    int state;                     /* ord_state */
    bool automatic;                /* sent by automatic hedging */
    char user[32];
    char reason[SNAP_TEXT];        /* refused or rejected: why */
} snap_order;

typedef struct {
    double time;
    int level;               /* evlog_level */
    char text[SNAP_EVENT_TEXT];
} snap_event;

typedef struct {
    double t, pnl, var;      /* session P&L (realized + unrealized), VaR (NAN: unknown) */
} snap_point;

typedef struct {
    uint64_t version;
    double ts;               /* event time the snapshot describes */
    double engine_silence_s; /* a remote viewer: seconds since the engine was
                                last heard (stale above 2); NAN for a local one */
    char source[SNAP_TEXT];  /* where the engine's data comes from */
    /* feed and portfolio */
    snap_feed feed;
    snap_portfolio port;
    /* risk */
    pv_params pv;
    pv_result result;
    size_t returns;          /* returns held in the window */
    size_t window;           /* returns the window holds at most */
    double computed_at, mc_at;
    size_t bt_n, bt_exceptions;
    double bt_level, kupiec_lr, kupiec_p, christoffersen_lr, christoffersen_p;
    int bt_zone;             /* bt_zone: BT_NA below BT_BASEL_N horizons */
    double *scenarios;       /* the historical P&L scenarios, ascending (nscen) */
    size_t nscen, cap_scen;
    /* limits */
    limit_params limits;
    limit_state var_limit;
    size_t breaches;
    /* quoting and overrides */
    skew_params quote_params;
    bool kill, journal_ok;
    size_t overrides_active;
    char journal_error[SNAP_TEXT];
    bool publishing;         /* --quotes on */
    /* security */
    bool feed_curve;         /* every feed endpoint is CURVE (false without any) */
    bool quotes_curve;
    snap_sock feed_socks[SNAP_FEED_SOCKETS]; /* binds, then connects */
    size_t nfeed_socks;
    uint64_t handshakes_refused, feed_refused, quotes_refused, feed_denied, quotes_denied,
        feed_allowed, quotes_allowed, commands_refused;
    char sec_warning[SNAP_TEXT];
    /* tables */
    snap_und *und;
    size_t nund, cap_und;
    snap_book *books;
    size_t nbooks, cap_books;
    snap_holding *holdings;
    size_t nholdings, cap_holdings;
    snap_inst *inst;
    size_t ninst, cap_inst;
    /* the engine's event log, newest last */
    snap_event events[SNAP_EVENTS];
    size_t nevents;
    unsigned long events_total;
    /* the session chart */
    snap_point series[SNAP_SERIES];
    size_t nseries;
    /* options desk: the greeks ladder (rows for all books first) */
    size_t iv_unsolved;      /* options whose mid gave no implied vol */
    ladder_params ladder;
    snap_ladder_row ladder_rows[SNAP_LADDER_ROWS];
    size_t nladder;
    /* the stress matrix (computed at stress_at; NAN: not yet) */
    double stress_at;
    double stress_moves[SNAP_STRESS_MOVES], stress_ext_moves[SNAP_STRESS_MOVES];
    size_t nstress_moves, nstress_ext;
    snap_stress stress_port;
    snap_stress stress_und[SNAP_STRESS_PARTS], stress_books[SNAP_STRESS_PARTS];
    size_t nstress_und, nstress_books;
    snap_scenario stress_named[SNAP_SCENARIOS];
    size_t nstress_named;
    /* P&L explain: the last complete horizon, the open one, the session */
    bool explain_second_order; /* vanna and volga are terms */
    double explain_horizon_s;
    expl_terms explain_last, explain_current, explain_session;
    /* hedging: per underlying, and the orders (newest last) */
    bool hedge_auto;         /* automatic hedging on (globally) */
    double hedge_cooldown_s, max_order_usd, order_ttl_s;
    char orders_endpoint[SNAP_TEXT]; /* --orders, "" when none */
    bool orders_journal_ok;
    char orders_error[SNAP_TEXT];
    snap_hedge hedges[SNAP_HEDGES];
    size_t nhedges;
    snap_order orders[SNAP_ORDERS];
    size_t norders;
    uint64_t orders_sent, orders_refused;
    /* alerts: every rule, what fires by severity, the notify command's counters */
    snap_alert alerts[SNAP_ALERTS];
    size_t nalerts;
    size_t alerts_firing[3];  /* by al_severity: info, warning, critical */
    bool notify_on;           /* --notify-cmd given */
    unsigned long notify_sent, notify_ok, notify_failures, notify_timeouts, notify_dropped;
    char notify_error[SNAP_TEXT];
} snap;

/* An empty snapshot (version 0, no instruments), owning nothing yet. */
void snap_init(snap *s);

/* Free what s owns and leave it empty. */
void snap_free(snap *s);

/* Make room for the given table sizes (growing, never shrinking). Returns 0,
 * or -1 without memory: s keeps its old arrays and counts. */
int snap_reserve(snap *s, size_t ninst, size_t nund, size_t nbooks, size_t nholdings,
                 size_t nscen);

/* Deep copy src into dst (dst initialised). Returns 0, or -1 without memory
 * (dst unchanged). */
int snap_copy(snap *dst, const snap *src);

/* Index of the instrument with id `id`, or -1. Linear: views call it once
 * per frame at most. */
long snap_find(const snap *s, const char *id);

#endif
