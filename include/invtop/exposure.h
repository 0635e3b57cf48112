/* exposure.h - deltas and greeks per instrument, aggregated per underlying
 * and for the portfolio (prefix expo_).
 *
 * Underlying of an instrument: its inst message's `underlying`, else its own
 * symbol. Underlying price: the mid of the instrument named exactly like the
 * underlying, else of a spot on it, else of a perp, else of a future (the
 * first seen of each kind). Delta-one instruments: delta = qty * mult
 * (underlying units), delta_usd = delta * own mid. Options: Black-Scholes on
 * the underlying price with the instrument's implied vol (else the default
 * vol; NAN default = "missing", never guessed); an expired option, or one
 * with no underlying price or vol, contributes nothing and says why.
 * Money is in the report currency (ccy.h): an instrument's value and
 * P&L in its quote currency times its rate; without a rate it is
 * unconverted, status no_rate, and in no total. An inverse contract
 * (settle inverse) is worth qty*mult of its quote currency, its delta is
 * qty*mult/S coins (delta_usd qty*mult*rate) and its P&L is paid in coin.
 * Underlying prices are in the report currency too.
 * Position greeks: gamma = qty*mult*Gamma (delta units per 1 USD move of the
 * underlying), vega = qty*mult*Vega/100 (USD per vol point), theta =
 * qty*mult*Theta/365 (USD per day). */
#ifndef INVTOP_EXPOSURE_H
#define INVTOP_EXPOSURE_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/book.h"
#include "invtop/ccy.h"
#include "invtop/history.h"

typedef enum {
    EXPO_OK = 0,
    EXPO_NO_PRICE,      /* no mid for the instrument (delta-one) */
    EXPO_NO_UNDERLYING, /* option without an underlying price */
    EXPO_MISSING_VOL,   /* option without implied vol */
    EXPO_EXPIRED,       /* option at or past expiry */
    EXPO_UNMODELLED,    /* the underlying table is full */
    EXPO_NO_RATE        /* its quote currency has no rate (risk/ccy.h) */
} expo_status;

/* Where an option's vol came from: the venue's mark vol on its last price,
 * solved from its mid, or configured (inst message, [instrument] or
 * [underlying] iv, --iv). */
typedef enum {
    EXPO_IV_NONE = 0, /* not an option, or no vol at all */
    EXPO_IV_MARKET,
    EXPO_IV_IMPLIED,
    EXPO_IV_CONFIG
} expo_iv_source;

typedef struct {
    int und;            /* history index of the underlying, -1 when unmodelled */
    expo_status status;
    double delta, delta_usd, gamma, vega, theta;
    double vanna, volga;  /* options: per 1.00 of vol (vanna per unit move) */
    /* per 1 of qty, in the units of the position's greeks above */
    double unit_delta, unit_gamma, unit_vega, unit_theta;
    double value_usd;     /* the position's value in the report currency: at
                             mid, an lp range's from its underlying (0 when
                             unknown or unconverted) */
    double unrealized;    /* its unrealized P&L on the same value */
    double realized;      /* its realized P&L (book_realized) in the report
                             currency: 0 when unconverted or unknown */
    /* currency (risk/ccy.h): its quote currency's index in exposure.ccy (-1:
     * the table is full), the rate (NAN: none, the instrument is
     * unconverted and in no total), value, unrealized and realized P&L in
     * the quote currency (realized NAN: an inverse one's coin P&L without
     * a mid), an inverse contract's unrealized and realized coin P&L (NAN:
     * linear), the report currency's delta of one contract */
    int ccy;
    double rate;
    bool unconverted;
    double value_quote, unrealized_quote, realized_quote, pnl_coin, realized_coin;
    double unit_delta_usd;
    double iv, T;         /* options: the vol used and years to expiry, NAN */
    expo_iv_source iv_source;
    bool iv_unsolved;     /* its mid gave no vol (outside the no-arbitrage
                             bounds): the configured vol was used, if any */
    /* lp ranges: amounts held (base, quote), impermanent loss against
     * holding the deposited amounts (<= 0), in range */
    double lp_base, lp_quote, lp_il;
    bool lp_in_range;
} expo_inst;

typedef struct {
    double price;       /* NAN when no instrument gives one */
    double delta, delta_usd, gamma, vega, theta;
    double linear_usd;  /* linear delta-one part of delta_usd */
    double inverse_usd; /* inverse contracts' part: revalued on 1/S */
    size_t ninst;       /* instruments on this underlying (0: a stale name) */
} expo_und;

/* An option leg, self-contained for scenario revaluation. */
typedef struct {
    size_t und;
    double strike, T, r, sigma;
    char right;
    double qm;   /* qty * mult */
    double base; /* model price at the current underlying price */
    /* Black-Scholes constants for fast revaluation at S = exp(x):
     * d1 = (x + d_shift) / vol_sqrt_t, d2 = d1 - vol_sqrt_t. */
    double d_shift, vol_sqrt_t, strike_df;
} expo_option;

typedef struct {
    expo_inst *inst; /* one per book instrument, same index */
    size_t ninst, cap_inst;
    expo_und *und;   /* one per history underlying, same index */
    size_t nund, cap_und;
    expo_option *opt;
    size_t nopt;
    double gross_usd, net_usd, net_delta_usd;
    double rate;         /* the rate options were valued at */
    size_t unmodelled;
    size_t iv_unsolved;  /* options whose mid gave no implied vol */
    int *rank; /* scratch: price-source rank per underlying */
    int *und_hint; /* per instrument: its underlying's index last time, or -1 */
    ccy_params cp;   /* report currency and bindings (expo_set_currency) */
    ccy_table ccy;   /* the rates of the last expo_compute */
    int *inst_ccy;   /* per instrument: its quote currency's index */
    size_t unconverted; /* instruments whose quote currency has no rate */
} exposure;

/* Allocate for up to cap_inst instruments (the book's capacity: a book
 * with more is a caller's error, asserted by expo_compute) and cap_und
 * underlyings. Returns 0, or -1 when memory cannot be had (then free with
 * expo_free anyway). */
int expo_init(exposure *e, size_t cap_inst, size_t cap_und);
void expo_free(exposure *e);

/* The report currency and [currency] bindings the next expo_compute uses
 * (expo_init: ccy_default_params). */
void expo_set_currency(exposure *e, const ccy_params *p);

/* Recompute everything from the book at event time now. Registers new
 * underlyings in h (the shared name table). r is the continuous rate,
 * default_iv the vol for options without one (NAN: none), iv_by_inst (NULL,
 * or NAN entries: none) a configured vol per instrument that wins over the
 * default but not over the inst message's. Never allocates. */
void expo_compute(exposure *e, const book *b, history *h, double now, double r,
                  double default_iv, const double *iv_by_inst);

/* "ok", "no_price", "no_underlying_price", "missing_vol", "expired", "unmodelled", "no_rate". */
const char *expo_status_name(expo_status s);

/* A holding's value and unrealized P&L in the report currency into *value,
 * *unrealized: at its instrument's mid (book.h) converted at the rate
 * expo_compute last saw, an lp range's from its underlying's price (0 when
 * unknown or unconverted). */
void expo_holding_value(const exposure *e, const book *b, const book_holding *h, double *value,
                        double *unrealized);

/* A holding's realized P&L in the report currency (book_holding_realized
 * at the rate expo_compute last saw): NAN when unconverted or unknown. */
double expo_holding_realized(const exposure *e, const book *b, const book_holding *h);

/* Instrument i's session P&L in the report currency, realized plus
 * unrealized, as expo_compute last saw it (0 for one it has not seen). */
double expo_inst_pnl(const exposure *e, size_t i);

/* "", "market", "implied", "config". */
const char *expo_iv_source_name(expo_iv_source s);

#endif
