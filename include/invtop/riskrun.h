/* riskrun.h - runs the risk core on the event clock (prefix rr_).
 *
 * Every sample_s of event time: recompute exposures, sample underlying
 * prices into the history, recompute parametric, historical and
 * Cornish-Fisher VaR/ES (synchronously: they are cheap) and Monte Carlo
 * (on the worker thread when async, else in place so a replay is
 * deterministic), then limits. Every horizon_s: close the previous
 * horizon's backtest observation (hypothetical P&L of the positions held at
 * its start against its predicted VaR) and open the next. */
#ifndef INVTOP_RISKRUN_H
#define INVTOP_RISKRUN_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/backtest.h"
#include "invtop/book.h"
#include "invtop/bookrisk.h"
#include "invtop/exposure.h"
#include "invtop/history.h"
#include "invtop/limits.h"
#include "invtop/mcworker.h"
#include "invtop/optrun.h"
#include "invtop/portvar.h"

typedef struct {
    pv_params pv;
    double rate;        /* continuous risk-free rate for options */
    double default_iv;  /* NAN: options without iv show "missing_vol" */
    size_t window;      /* returns kept */
    double lambda;      /* EWMA decay */
    size_t max_und;     /* underlyings modelled */
    size_t bt_window;   /* backtest observations kept */
    limit_params limits;
    bool mc_async;      /* Monte Carlo on the worker thread */
    or_params opt;      /* ladder, stress grid, scenarios, explain */
    ccy_params ccy;     /* report currency and [currency NAME] bindings */
} rr_params;

typedef struct {
    rr_params p;
    size_t cap_inst;    /* the book's capacity (book_capacity), asserted, never a guard */
    history *hist;
    exposure expo;
    pv_inputs inputs;
    double *scratch;    /* window + max_und */
    double *prices;     /* max_und */
    pv_result result;
    double computed_at, mc_at; /* event times, NAN before the first */
    limits lim;
    bt_record bt;
    bool *bt_store, *bt_seq;
    double *bt_qm, *bt_mid, *bt_rate; /* positions (qty x mult), mids and their quote
                                         currency's rates at the horizon's start */
    size_t bt_n;
    double bt_var;          /* predicted VaR for the open horizon, NAN when none */
    double next_sample, next_horizon;
    mcworker *mc;
    optrun opt;         /* stress, scenarios, explain: on every sample */
    /* configured per-instrument/underlying values (NAN: default), filled by
     * the caller (rr_set_overrides); NULL until then */
    double *iv_inst, *lots_inst, *lot_inst, *delta_und;
    bool have_overrides;
    /* per book (book_name order): figures and the limits the caller set */
    brisk_row books[BOOK_MAX_BOOKS];
    brisk_limits book_limits[BOOK_MAX_BOOKS]; /* NAN: off */
    size_t nbooks;
    double *book_delta; /* scratch, max_und */
} riskrun;

/* Defaults: pv_default_params, ccy_default_params, rate 0, no default vol, window 500,
 * lambda 0.94, 256 underlyings, 250 backtest observations, default limits,
 * Monte Carlo async. */
void rr_default_params(rr_params *p);

/* Set up for books of up to cap_inst instruments: the book's capacity
 * (book_capacity), so every per-instrument array has a slot for every
 * instrument (a larger book is a caller's error, asserted). Returns 0, or
 * -1 when memory or the worker thread cannot be had (free with rr_free
 * anyway). */
int rr_init(riskrun *r, const rr_params *p, size_t cap_inst);
void rr_free(riskrun *r);

/* Advance to event time now: sample, compute and backtest when due. Every
 * sampling boundary crossed since the last call is one sample (at most a
 * window's worth), all of the book as it is: call it before a message
 * changes the book. The grid starts at the first call. Returns true when a
 * new risk computation ran (volatilities changed). */
bool rr_tick(riskrun *r, const book *b, double now);

/* Allocate the per-instrument and per-underlying override arrays (all NAN)
 * for the caller to fill; they are then used by every computation. Returns
 * 0 or -1 without memory. */
int rr_enable_overrides(riskrun *r);

/* Set instrument i's configured values (NAN: the default): vol, max
 * position in lots, lot size. After rr_enable_overrides; i < the capacity
 * is asserted. */
void rr_set_inst_params(riskrun *r, size_t i, double iv, double max_pos_lots, double lot);

/* Recompute the exposures and per-book figures a snapshot shows at event
 * time now (between samples: positions and prices move on every message).
 * A cache of the book: no limit state, breach time or sample changes, so a
 * snapshot built at any time leaves the engine's course as it was. */
void rr_refresh_figures(riskrun *r, const book *b, double now);

/* Instrument i's position limit at event time now, after a message changed
 * its position or lot (O(1)); the other limits move on samples (rr_tick).
 * i must be an instrument of b (asserted). */
void rr_check_position(riskrun *r, const book *b, size_t i, double now);

/* Seconds until the next sample is due from event time now (>= 0);
 * INFINITY before the first tick has set the sampling grid (nothing is due
 * until a message starts the clock, so an idle loop may sleep). */
double rr_due_in(const riskrun *r, double now);

/* The historical P&L scenarios of the last computation, ascending, and
 * their count in *n (0 before any). Valid until the next rr_tick. */
const double *rr_historical_pnl(const riskrun *r, size_t *n);

/* The VaR the portfolio limit and backtest are held to: parametric at the
 * highest VaR level (NAN until known). */
double rr_limit_var(const riskrun *r);

/* The backtest's hypothetical P&L of the open horizon, in the report
 * currency: the positions at its start revalued from the prices then to
 * the prices now (the mid times its quote currency's rate, at the start
 * and at the last risk pass), as the scenarios revalue them
 * (pv_delta_one_pnl): linear value (S'/S - 1), inverse N (1 - S/S');
 * options on their own price, as linear. An instrument without a price
 * or a rate, then or now, is left out (unconverted: in no VaR either). */
double rr_horizon_pnl(const riskrun *r, const book *b);

#endif
