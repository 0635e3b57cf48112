/* closedloop.h - the quote loop closed in one process, on simulated time
 * (prefix cl_).
 *
 * The synthetic market (synth.h) feeds invtop's app (app.h) message by
 * message, as a max-speed replay would: each message's ts is the event
 * clock. The app's quotes take the path they take over ZeroMQ - the
 * publish decision of a live invtop (a side moved by a tick, a change of
 * model/manual/pause, every quote again each --quotes-refresh-s), encoded
 * as quote.SYM and decoded as invtop-feed decodes it - and reach the market
 * latency_s of simulated time later, where they are filled with intensity
 * A*exp(-k*distance). Nothing reads a clock or waits, and the market's seed
 * and the options fix every number: the same inputs give the same output on
 * any machine under any load. invtop-sim --closed-loop runs it. */
#ifndef INVTOP_CLOSEDLOOP_H
#define INVTOP_CLOSEDLOOP_H

#include <stddef.h>
#include <stdint.h>

#include "invtop/engcfg.h"

/* Who hedges in the loop. */
typedef enum {
    CL_HEDGE_OFF = 0, /* nobody: skews alone */
    CL_HEDGE_MANUAL,  /* a scripted trader takes the suggestion every manual_every_s */
    CL_HEDGE_AUTO     /* automatic hedging (--auto-hedge) */
} cl_hedge_mode;

typedef struct {
    unsigned long seed; /* the market's seed */
    double seconds;     /* simulated seconds to run, > 0 */
    double rate;        /* market messages per simulated second, > 0 */
    double interval_s;  /* snapshot period in event time, > 0 */
    double latency_s;   /* simulated delay from a published quote to the market, >= 0 */
    double start_ts;    /* epoch seconds at simulated time 0 */
    cl_hedge_mode hedge;
    double manual_every_s; /* CL_HEDGE_MANUAL: the trader looks this often, > 0 */
    double fee_bps;        /* hedge orders' fee at the market (ordconsumer.h) */
} cl_params;

typedef struct {
    uint64_t messages;         /* market messages the app received */
    uint64_t fills;            /* of which fill.SYM */
    uint64_t quotes_published; /* quote.SYM messages the app sent */
    uint64_t quotes_taken;     /* quotes the market applied */
    uint64_t quote_errors;     /* quotes that could not be encoded, decoded or applied */
    size_t snapshots;
    double span_s;             /* event time from the first snapshot to the last */
    double inv_rms_lots;       /* inventory RMS in lots (below), NAN without samples */
    size_t inv_samples;
    /* hedging, over the snapshots after the first tenth */
    double delta_rms_usd;      /* RMS of each underlying's net delta (USD) */
    double pnl_sd;             /* standard deviation of the P&L's change per snapshot (USD) */
    double pnl_final;          /* realized + unrealized at the end, fees included (USD) */
    uint64_t hedge_orders, hedge_fills;
    double hedge_traded_usd;   /* |qty| x price over hedge fills */
    double hedge_spread_usd;   /* paid against the mid: |qty| x |px - mid| */
    double hedge_fees_usd;
} cl_result;

/* Called with each snapshot line (headless JSON, newline included). */
typedef void (*cl_snapshot_fn)(void *ctx, const char *line, size_t len);

/* Defaults: seed 1, 600 s at 500 messages/s (2 ms of simulated time per
 * message), snapshots every 1 s, no latency, start_ts 1767225600
 * (2026-01-01T00:00:00Z), no hedging (manual: every 30 s; fees 5 bp).
 *
 * Hedging: orders leave through the app's order sink (app_orders_io) and
 * are executed at once by the executing end invtop-feed uses (ordconsumer.h)
 * at the market's touch with the fee; the ack and the fill (a fill message
 * with the order's id, book hedge) come back to the app before the next
 * market message. Orders are held in memory (no journal in a simulation);
 * the engine configuration's trader flag is set for MANUAL and AUTO, and
 * its hedge.automatic for AUTO. */
void cl_default_params(cl_params *p);

/* Run the loop with the engine configuration o (model, quote and risk parameters;
 * no --quotes, --replay or --demo: the loop is the source and the sink).
 * Every interval_s of event time a headless snapshot goes to emit (when
 * not NULL). inv_rms_lots is taken over the snapshots after the first
 * tenth, every instrument with a quote (q_lots, as the snapshots show it).
 * Returns 0, or -1 after a one-line reason on stderr. */
int cl_run(const cl_params *p, const engcfg *o, cl_snapshot_fn emit, void *ctx,
           cl_result *out);

#endif
