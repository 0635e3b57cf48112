/* synth.h - a synthetic market for demos and tests (prefix synth_).
 *
 * Underlyings follow correlated geometric Brownian motion with occasional
 * jumps (Cholesky factor of a constant-correlation matrix, GSL RNG, seeded).
 * Instruments (perp, spot, future per underlying) are quoted around the
 * underlying. A market maker quotes every instrument; its fills arrive as
 * Poisson events with intensity A*exp(-k*delta) per side, delta being the
 * quote's distance from mid in bps, so inventory wanders. The generator
 * runs on simulated time (dt per message), so a seed fixes every message.
 * It does no I/O: it writes wire protocol v1 messages into caller buffers.
 *
 * With opts.options, an options chain and a liquidity-pool range join them
 * (feed/synth_chain.c), on a random stream of their own: the delta-one
 * instruments draw what they drew without them.
 *
 * The chain: options on BTC and ETH (those of the two that are underlyings),
 * expiring at the first 08:00 UTC after start_ts + 1, 7, 30 and 90 days,
 * SYNTH_OPT_STRIKES strikes per expiry around the start price (BTC 55k..75k
 * step 5k, ETH 2800..4000 step 300), a call and a put each: 80 options,
 * named as Deribit does (BTC-27DEC24-65000-C), multiplier 1, BTC lot 0.1
 * tick 0.5, ETH lot 1 tick 0.05. No rate, no carry: forward F = S, where S
 * is the last mid quoted for the underlying's spot instrument (its perp
 * when it has no spot; its model mid before the first quote), as a venue
 * marks options off its index. Capitals name the SYNTH_OPT_ and SYNTH_LP_
 * constants below (kappa, beta, nu: VOL_KAPPA, SPOT_VOL_BETA, VOL_OF_VOL).
 *   ATM level  L(t) = base * scen * exp(x(t)), base BTC 0.55, ETH 0.70,
 *              scen 1, 1.1, 1.5 for calm, trend, crash; each 50 ms step
 *              dx = -kappa x dt + beta r + nu sqrt(dt) z, r the underlying's
 *              log return over the step (beta < 0: spot down, vol up),
 *              z standard normal, x kept in [-1, 1].
 *   term       atm(T) = L * (TERM_LONG + (1 - TERM_LONG) exp(-T / TERM_TAU)).
 *   smile      iv(K, T) = atm(T) * f, f = 1 + SKEW m + CURVATURE m^2,
 *              m = ln(K / F) / sqrt(max(T, 1 day)), f in [0.5, 3], iv in
 *              [IV_MIN, IV_MAX].
 *   px         mid = max(bs_price(S, K, T, 0, iv), MIN_MARK) (the wire has no
 *              zero price), bid = BS at iv - HALF_SPREAD_VOL
 *              floored to the tick, ask = BS at iv + HALF_SPREAD_VOL ceiled
 *              (ask >= bid + tick); the px message carries bid, ask, mid (the
 *              mark) and iv, but a wing whose bid would be under a tick
 *              carries mid and iv alone (the wire has no one-sided quote,
 *              and a venue shows no zero bid). One option's price
 *              every PX_EVERY_S of simulated time, round robin over those
 *              not expired (an expired option gets no px and no fill).
 *   fills      Poisson, one per FILL_EVERY_S on average over the chain:
 *              a uniform option (dropped unless its last px was two-sided
 *              and it has not expired), the desk buying at its last bid or
 *              selling at its last ask with even odds, 1..FILL_MAX_LOTS
 *              lots, fee min(FEE_RATE S, 12.5% of the premium) per unit.
 * The pool: ETH-USDC-LP, an inst of kind "lp" on ETH with bounds lower and
 * upper LP_HALF_WIDTH either side of the start price (rounded to 100: 2800
 * and 4000 at 3400), and a pos whose qty is the liquidity L, sized so the
 * range holds LP_VALUE_USD at the start price, and whose avg_px is that
 * price (the pool price at deposit). It has no px: it is valued from the
 * underlying. Options and the pool go out with the other instruments on the
 * inst and pos cadences. */
#ifndef INVTOP_SYNTH_H
#define INVTOP_SYNTH_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/jsonw.h"

typedef enum { SYNTH_CALM = 0, SYNTH_TREND, SYNTH_CRASH } synth_scenario;

/* The options model's parameters (see above). */
#define SYNTH_OPT_STRIKES 5
#define SYNTH_OPT_ATM_BTC 0.55
#define SYNTH_OPT_ATM_ETH 0.70
#define SYNTH_OPT_VOL_KAPPA (1.0 / 600)  /* per s: deviations fade over ~10 min */
#define SYNTH_OPT_SPOT_VOL_BETA (-3.0)   /* a 1% fall lifts the level 3% */
#define SYNTH_OPT_VOL_OF_VOL 0.002       /* per sqrt(s) */
#define SYNTH_OPT_TERM_LONG 1.15         /* long end over the short end */
#define SYNTH_OPT_TERM_TAU_Y (30.0 / 365)
#define SYNTH_OPT_SKEW (-0.08)
#define SYNTH_OPT_CURVATURE 0.04
#define SYNTH_OPT_SMILE_T_FLOOR_Y (1.0 / 365)
#define SYNTH_OPT_IV_MIN 0.05
#define SYNTH_OPT_IV_MAX 2.5
#define SYNTH_OPT_HALF_SPREAD_VOL 0.005 /* half a vol point */
#define SYNTH_OPT_MIN_MARK 1e-8
#define SYNTH_OPT_PX_EVERY_S 0.02
#define SYNTH_OPT_FILL_EVERY_S 15.0
#define SYNTH_OPT_FILL_MAX_LOTS 5
#define SYNTH_OPT_FEE_RATE 3e-4
#define SYNTH_LP_HALF_WIDTH 0.18
#define SYNTH_LP_VALUE_USD 300000.0

typedef struct {
    size_t instruments;     /* >= 1 */
    size_t underlyings;     /* 0: chosen from instruments (1..8) */
    unsigned long seed;
    synth_scenario scenario;
    double dt;              /* simulated seconds per message, > 0 */
    double start_ts;        /* epoch seconds at simulated time 0 */
    double half_spread_bps; /* the market maker's own symmetric quotes */
    double fill_a;          /* fill intensity at zero distance, per second per side */
    double fill_k;          /* decay of intensity per bp of distance */
    double inst_every_s;    /* inst messages repeat this often (simulated) */
    double pos_every_s;     /* absolute pos snapshots this often (simulated) */
    const char *src;        /* publisher name carried in every message */
    bool options;           /* add the options chain and the pool range */
} synth_opts;

typedef struct synth synth;

/* Fill o with the defaults: 8 instruments, calm, dt 1 ms, 5 bp half spread,
 * A = 2/s, k = 0.3/bp, inst every 2 s, pos every 3 s, src "invtop-feed",
 * no options (so `instruments` is the count). */
void synth_default_opts(synth_opts *o);

/* Parse "calm", "trend" or "crash". Returns 0, or -1 for another name. */
int synth_parse_scenario(const char *name, synth_scenario *out);

/* Create a generator. Returns NULL on invalid options or no memory. */
synth *synth_new(const synth_opts *o);
void synth_free(synth *s);

/* Write the next message: its topic into *topic and JSON body into *body
 * (both reset first). Returns 0, or -1 when a writer ran out of memory. */
int synth_next(synth *s, jw *topic, jw *body);

/* Simulated seconds elapsed. */
double synth_time(const synth *s);

/* Replace the built-in symmetric quotes of delta-one instrument sym by
 * external ones (an option or the pool is an unknown symbol here);
 * fills then arrive at these prices with intensity by their distance from
 * mid. A side given as NAN is withdrawn (no fills on it). Prices must be
 * > 0 with bid < ask. Returns 0, or -1 for an unknown symbol or bad prices
 * (nothing changes). */
int synth_set_quote(synth *s, const char *sym, double bid, double ask);

/* The market's touch for sym now: the bid and ask its px message would
 * carry at this moment (the market's own quotes around the model's mid, on
 * the tick; not the market maker's quotes, nor the last px sent). Returns 0
 * with 0 < *bid < *ask, 1 for an option or the pool range (in the market,
 * but with no touch to trade at here), -1 for a symbol it does not know;
 * *bid and *ask are set only with 0. Reads only: an execution at the
 * touch (invtop-feed --orders) is no fill of the market maker, and its
 * positions stay its own fills'. */
int synth_touch(const synth *s, const char *sym, double *bid, double *ask);

/* Number of instruments (the delta-one ones first, then with options the
 * chain's options and pool range) and the symbol of the i-th (NULL past
 * the end). */
size_t synth_count(const synth *s);
const char *synth_symbol(const synth *s, size_t i);

#endif
