/* app.h - invtop's state and what happens to it (prefix app_): a message
 * arrives, time passes. The event loop (loop.h) feeds it; front ends
 * (headless snapshots, the dashboard) read it. Single-threaded: only the
 * Monte Carlo worker inside the risk runner runs beside it.
 *
 * Everything runs on event time: risk samples, staleness, limits and
 * breaches, and the event log that says so (watch.h) move as messages are
 * taken (app_message) and as the loop's clock advances (app_tick), never
 * because a snapshot is built, so the same messages give the same events at
 * the same event times whatever the frame rate or snapshot period. */
#ifndef INVTOP_APP_H
#define INVTOP_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/alerts.h"
#include "invtop/book.h"
#include "invtop/command.h"
#include "invtop/engcfg.h"
#include "invtop/ingest.h"
#include "invtop/journal.h"
#include "invtop/jsonw.h"
#include "invtop/override.h"
#include "invtop/quotepub.h"
#include "invtop/quoting.h"
#include "invtop/record.h"
#include "invtop/riskrun.h"
#include "invtop/security.h"
#include "invtop/evlog.h"
#include "invtop/hedging.h"
#include "invtop/orders.h"
#include "invtop/snapshot.h"
#include "invtop/watch.h"

/* Hand one order message (JSON) to the order channel. Returns 0, or -1
 * when it cannot leave now (it is sent again later). */
typedef int (*app_order_send_fn)(void *ctx, const char *msg, size_t len);

typedef struct app_s {
    engcfg cfg;             /* the configuration in force: a copy the app owns, so R can
                             * reload it (its strings stay the caller's) */
    ip_set params;          /* per-instrument values in force (quoting reads them too) */
    book *book;
    ingest in;
    srcmap_ctx *map_cx;     /* the ingest's mapping scratch, NULL without --sources */
    riskrun risk;
    quoting qt;
    recorder rec;
    bool recording;
    qpub pub;
    bool publishing;
    jw qtopic, qbody; /* reused for every published quote */
    ovr_table ovr;    /* manual overrides and the kill switch */
    journal jr;       /* where every override change goes first */
    char user[64];    /* who acts here (user_name: $USER, else the uid's name) */
    char ssh[128];    /* $SSH_CONNECTION: where the user came from */
    double last_pub, last_refresh; /* event times of the last quote and full republish */
    sec_state *sec;   /* CURVE, ZAP and handshake counters; owned by the loop */
    uint64_t version; /* of the last snapshot built; only grows */
    evlog log;        /* the engine's events: rejects, gaps, staleness, limits, overrides */
    watch watch;      /* what the event log has said, on event time */
    snap_point series[SNAP_SERIES]; /* the session chart, thinned by stride */
    size_t nseries;
    unsigned series_stride, series_skip; /* keep every stride-th sample */
    bool series_live; /* the last point is the latest sample, not kept history */
    /* hedging (engine/apphedge.c) */
    ord_book orders;          /* hedge orders and their journal */
    void *ord_sock;           /* --orders: the DEALER, NULL without */
    app_order_send_fn ord_send; /* how an order leaves: the socket's, or the closed loop's */
    void *ord_ctx;
    const char *ord_via;      /* where orders go when not --orders (the demo market), NULL */
    double *hedge_cooldown;   /* per underlying (history index): automatic hedging waits
                                 until this event time; NAN: free */
    uint64_t order_replies_bad; /* replies that were not an ack or reject of ours */
    alrt_engine alerts;       /* [alert NAME] rules (engine/appalert.c) */
} app;

/* Set everything up from the configuration c (copied; its strings and
 * reload_ctx must outlive a): book, risk (Monte Carlo in place when
 * `deterministic`), quoting, --record, --history, and the --quotes socket in
 * zctx (needed only then; may be NULL otherwise), a CURVE server when sec
 * holds a quotes key. Returns 0, or -1 after a
 * one-line reason on stderr (free with app_free anyway). */
int app_init(app *a, const engcfg *c, void *zctx, bool deterministic, sec_state *sec);
void app_free(app *a);

/* One received message (1 or 2 frames) at receive time recv: decode, apply,
 * record; at its event time, log what it changed (a reject, a gap, a price
 * fresh again, a position limit breached or back, staleness whose deadline
 * it passes), and requote the instrument it touched. */
void app_message(app *a, size_t nframes, const char *const frames[], const size_t lens[],
                 double recv);

/* The event clock, given the receive-side time `recv` (the wall clock live,
 * the recorded time in a replay): recv itself, or with --clock ts the latest
 * publisher ts (recv before any). */
double app_now(const app *a, double recv);

/* True once the event clock runs: a message arrived and, with --clock ts,
 * a publisher's ts was seen. Risk sampling starts then, so its grid is
 * on the clock that drives it. */
bool app_clock_started(const app *a);

/* Let event time reach now (the loop's clock, with or without messages):
 * prices whose staleness deadline now passes logged stale (stamped with the
 * deadline), counted rejects and gaps logged at their window's end; risk
 * sampling and, when it ran, limits and breaches judged and every
 * instrument requoted; expired overrides back to the model; every
 * instrument's quote republished every --quotes-refresh-s, a heartbeat when
 * idle. Returns seconds until the next of these is due (a sample, a
 * staleness deadline, a window's end): the loop's timer. */
double app_tick(app *a, double now);

/* R: have the configuration's reload hook (cfg.reload, set by whoever read
 * it: the command line) read it again, then app_apply. Returns 0 and a note in msg
 * on what needs a restart, or -1 with the config error in msg (nothing
 * changes). */
int app_reload(app *a, char *msg, size_t cap);

/* Apply what can change while running: model and quote parameters, limits,
 * per-instrument values, staleness, refresh and TTL. Returns 0 with a note
 * in msg, or -1 (out of memory for per-instrument values; nothing changes). */
int app_apply(app *a, const engcfg_live *n, char *msg, size_t cap);

/* Apply a proposed override change: journal it (written and fsync'd), then
 * commit it, then requote what it touches. Returns 0, or -1 when the journal
 * refused it or the table is full: nothing changed, and the reason is in
 * a->jr.err. */
int app_override(app *a, const ovr_change *c, double now, const char *reason);

/* The same for a change made by `who` (journaled as the user) from
 * `origin` (journaled as "ssh": a connection, or "curve:KEY" for a remote
 * viewer). */
int app_override_by(app *a, const ovr_change *c, double now, const char *reason, const char *who,
                    const char *origin);

/* Carry out a view's command at event time now for `who` from `origin`:
 * propose, journal (fsync), apply, requote, log the result in the engine's
 * event log. Returns 0 with what was done in msg, or -1 with the reason
 * (unknown instrument, nothing to undo, journal refused...): nothing
 * changed. The caller checks the sender may trade. */
int app_command(app *a, const command *cmd, double now, const char *who, const char *origin,
                const char *reason, char *msg, size_t cap);

/* ---- hedging and orders (engine/apphedge.c) ---- */

/* Set up the orders journal (beside the override journal) and, with
 * --orders, the order channel in zctx. Returns 0, or -1 after a one-line
 * reason on stderr (the channel cannot be bound). A journal that cannot be
 * opened only refuses orders, with the reason on screen. */
int app_hedge_init(app *a, void *zctx);
void app_hedge_free(app *a);

/* Send orders through fn(ctx, ...) instead of the socket (the closed loop). */
void app_orders_io(app *a, app_order_send_fn fn, void *ctx);

/* A hedge command (`hedge UND [LOTS]`) for `who` at event time now: the
 * suggestion in force, or LOTS; refused under the kill switch, without a
 * price, channel or journal, above the maximum order. Returns 0 with what
 * was sent in msg, or -1 with the reason (the refusal is shown among the
 * orders and logged). The caller checks the sender may trade. */
int app_hedge_command(app *a, const command *cmd, double now, const char *who, char *msg, size_t cap);

/* Event time reached now: orders past their TTL expire, due ones are sent;
 * after a risk sample (`sampled`), automatic hedging acts. */
void app_hedge_tick(app *a, double now, bool sampled);

/* A position of instrument i changed at now (a pos or fill message):
 * automatic hedging looks at its underlying at once, not at the next
 * sample. */
void app_hedge_position(app *a, size_t i, double now);

/* A reply from the order channel's consumer at now. */
void app_order_reply(app *a, const char *msg, size_t len, double now);

/* Read every reply waiting on the order socket (none without one). */
void app_orders_read(app *a, double now);

/* Underlying u's (history index) hedge row at now, exposures as the
 * engine last computed them. */
void app_hedge_row(const app *a, size_t u, double now, snap_hedge *row);

/* The hedge rows and orders of the snapshot at now (exposures as the
 * engine last computed them). */
void app_hedge_snap(const app *a, double now, snap *s);

/* ---- alerts (engine/appalert.c) ---- */

/* Set up the rules of cfg.alerts, the notify command and the silences
 * journal (replayed: acknowledged rules stay silenced). Returns 0, or -1
 * after a one-line reason on stderr (a notify command that cannot be set
 * up). */
int app_alerts_init(app *a);
void app_alerts_free(app *a);

/* Event time reached now: every rule evaluated when due (ALRT_EVAL_S),
 * state changes logged, actions applied or undone, notifications decided.
 * Returns seconds until the next evaluation or notification is due. */
double app_alerts_tick(app *a, double now);

/* The notify command's children at monotonic time mono: writes finished,
 * exits reaped, timeouts killed. Returns seconds until one is due. */
double app_alerts_poll(app *a, double mono);

/* `ack RULE [SECONDS]` for who at now: silence the rule until it resolves
 * (or for SECONDS), journaled. Returns 0 with what was done in msg, or -1
 * with the reason (no such rule, not firing, journal refused). */
int app_alerts_ack(app *a, const command *cmd, double now, const char *who, char *msg, size_t cap);

/* The alerts part of the snapshot. */
void app_alerts_snap(const app *a, snap *s);

#endif
