/* stress.h - stress matrix: full revaluation of every position on a grid of
 * underlying moves x {vol down, same, up}, and named scenarios (prefix
 * stress_).
 *
 * The grid is Deribit's portfolio margin's: the underlying price becomes
 * S (1 + move); no time passes. Per leg kind:
 *  - LINEAR (spot, perp, future): qm * spot * move in every vol row;
 *  - OPTION: qm * (V(S (1 + move), sigma') - V(S, sigma)), V Black-Scholes
 *    (bs.h), sigma' = sigma (1 - vol_down m) in the down row, sigma in the
 *    same row, sigma (1 + vol_up m) in the up row, with the Deribit
 *    term-structure multiplier m = (30 / max(days, 1))^power, days = T * 365
 *    and power = power_short when days <= 30, else power_long;
 *  - LP: a Uniswap-v3 range (lp.h): value(P (1 + move)) - value(P) in every
 *    vol row;
 *  - INVERSE (a coin-margined contract of qm report-currency units): its
 *    coin P&L qm (1/S - 1/(S (1 + move))) valued at today's S, that is
 *    qm move / (1 + move), in every vol row (a long loses more on a fall
 *    than it gains on a rise of the same size: the 1/S payoff).
 * P&L in the report currency (ccy.h). Pure computation: no I/O, no allocation,
 * no state between calls. */
#ifndef INVTOP_STRESS_H
#define INVTOP_STRESS_H

#include <stddef.h>

#define STRESS_VOLS 3 /* vol rows: 0 down, 1 same, 2 up */
#define STRESS_VOL_DOWN 0
#define STRESS_VOL_SAME 1
#define STRESS_VOL_UP 2
#define STRESS_MAX_MOVES 32
/* The least vol an option is revalued at in a scenario: a vol shift never
 * takes a vol to 0 or below, where Black-Scholes has no value. 0.1 vol
 * point. (The grid's vol down row needs no floor: stress_params_check keeps
 * it positive.) */
#define STRESS_MIN_VOL 0.001

typedef struct {
    double moves[STRESS_MAX_MOVES]; /* fractions of the underlying price */
    size_t nmoves;
    double extended[STRESS_MAX_MOVES]; /* extra moves, valued with vol up only, shown apart */
    size_t nextended;
    double vol_up, vol_down;          /* relative vol shocks at the 30-day point */
    double power_short, power_long;   /* term-structure powers, <= 30 days and > 30 days */
} stress_params;

/* Deribit portfolio-margin parameters into *p: moves -0.16..+0.16 step 0.04
 * (9, 0 included), vol_up 0.5, vol_down 0.25, power_short 0.3 (<= 30 days),
 * power_long 0.13 (> 30 days); extended moves -0.66, -0.33, 0.5, 1, 2, 3, 4,
 * 5. p must not be NULL. */
void stress_default_params(stress_params *p);

/* Takes parameters to validate. Returns 0 when they are usable, or -1 with
 * the first reason written to why (truncated to whylen; why may be NULL
 * when whylen is 0). Rules: 1..STRESS_MAX_MOVES moves and 0..STRESS_MAX_MOVES
 * extended moves, each finite and > -1 (a price never reaches 0); vol shocks
 * finite >= 0; vol_down * 30^power_short < 1, so the vol down row leaves the
 * shortest option (1 day) a positive vol (which implies vol_down < 1);
 * powers finite >= 0. */
int stress_params_check(const stress_params *p, char *why, size_t whylen);

/* Deribit's term-structure multiplier m = (30 / max(days, 1))^power of an
 * option T years from expiry (T > 0, asserted): days = T * 365, power =
 * power_short when days <= 30, else power_long. */
double stress_vol_mult(const stress_params *p, double T);

/* The vol an option of vol sigma (> 0) and expiry T (> 0) is revalued at in
 * row vol (STRESS_VOL_DOWN, _SAME or _UP; all asserted): sigma (1 - vol_down
 * m), sigma, sigma (1 + vol_up m); > 0 when p passes stress_params_check. */
double stress_shocked_vol(const stress_params *p, double sigma, double T, size_t vol);

typedef enum { STRESS_LINEAR, STRESS_OPTION, STRESS_LP, STRESS_INVERSE } stress_kind;

/* One position, self-contained: the caller resolves prices, vols and
 * indices (an expired option, or one with no vol or underlying price, is
 * the caller's to leave out or to give as its intrinsic value). */
typedef struct {
    stress_kind kind;
    size_t und;  /* underlying index (< nund) */
    size_t inst; /* instrument index (< ninst), to name the worst position */
    size_t book; /* book index (< nbooks) */
    double qm;   /* LINEAR, OPTION: qty * multiplier; LP: liquidity L (>= 0);
                    INVERSE: qty * multiplier * rate, in the report currency */
    double spot; /* LINEAR: the instrument's own mid in the report currency;
                    OPTION, LP: the underlying's price; INVERSE: its mid */
    double strike, T, r, sigma; /* OPTION: T in years (> 0), sigma annualised (> 0) */
    char right;                 /* OPTION: 'C' or 'P' */
    double lower, upper;        /* LP: range in quote per base; lower 0 and upper INFINITY = full range */
} stress_leg;

/* Takes one leg and the index bounds of the run it goes to. Returns 0 when
 * stress_run and stress_scenario_pnl can value it: indices in bounds, qm and
 * spot finite, spot > 0; OPTION: strike > 0, T > 0, sigma > 0, r finite,
 * right 'C' or 'P'; LP: a valid lp_range (qm >= 0). Otherwise -1. */
int stress_leg_check(const stress_leg *l, size_t ninst, size_t nund, size_t nbooks);

typedef struct {
    double pnl;      /* the grid's lowest P&L */
    size_t move, vol; /* its cell: moves[move], vol row */
    long inst;       /* the instrument with the lowest P&L in that cell, -1 when the grid has no legs */
    double inst_pnl; /* that instrument's P&L in that cell (0 when inst is -1) */
} stress_worst;

typedef struct {
    double pnl[STRESS_VOLS][STRESS_MAX_MOVES]; /* [vol row][move]; moves past nmoves are 0 */
    double ext[STRESS_MAX_MOVES];              /* extended moves, vol up row */
    stress_worst worst;
} stress_grid;

/* Revalue legs[0..nlegs) on the grid of p (stress_params_check == 0,
 * asserted; every leg passes stress_leg_check, asserted): the portfolio into
 * *port, per underlying into und[0..nund), per book into books[0..nbooks);
 * each grid is zeroed first. A grid's worst cell is its lowest P&L over the
 * 3 x nmoves cells (extended moves excluded; ties: the first in vol-then-move
 * order); its worst instrument the one whose legs in that grid sum to the
 * lowest P&L in that cell (ties: the lowest index), which may be a gain when
 * nothing loses. So the portfolio's names the instrument that loses most in
 * the portfolio's worst cell, an underlying's the one among its legs in the
 * underlying's worst cell, a book's likewise. scratch: at least ninst
 * doubles, overwritten (per-instrument P&L of a cell). The caller owns every
 * array; und and books may be NULL only when nund, nbooks are 0, scratch
 * only when nlegs is 0. Cost: nlegs x (nmoves x 3 + nextended) revaluations,
 * plus three per leg to name the worst instruments. */
void stress_run(const stress_params *p, const stress_leg *legs, size_t nlegs, size_t ninst,
                size_t nund, size_t nbooks, stress_grid *port, stress_grid *und, stress_grid *books,
                double *scratch);

/* A named scenario: moves per underlying, one of which may drive the others
 * through their betas, and a shift of every option's vol. */
typedef struct {
    const double *und_move; /* per underlying (nund), NAN: not given; NULL: none given */
    long driver;            /* underlying whose move propagates to the others by beta, -1: none */
    double driver_move;     /* the driver's move (wins over und_move[driver]) */
    double vol_shift;       /* additive change of every option's vol, e.g. +0.20 = +20 vol
                             * points (floored at STRESS_MIN_VOL) */
} stress_scenario;

/* The scenario's move per underlying into moves_out[0..nund): the given
 * moves (finite, > -1, asserted); with a driver d (< nund, asserted), d moves
 * by driver_move and every underlying u without its own move by ln(1 + m_u) =
 * beta_u ln(1 + m_d), beta_u = cov[u][d] / cov[d][d] from cov (nund x nund,
 * row-major, of log returns; NULL, or cov[d][d] not > 0: no propagation);
 * an underlying without a move is unmoved (0). Then every leg (each passing
 * stress_leg_check with nbooks unbounded, asserted) is revalued at its
 * underlying's move, options at sigma + vol_shift. Returns the portfolio
 * P&L; the instrument with the lowest P&L into *worst_inst (-1 when no legs)
 * and its P&L into *worst_inst_pnl (0 then); either pointer may be NULL.
 * scratch: at least ninst doubles, overwritten (NULL only when nlegs is 0).
 * The caller owns every array. */
double stress_scenario_pnl(const stress_scenario *s, const stress_leg *legs, size_t nlegs,
                           size_t ninst, size_t nund, const double *cov, double *moves_out,
                           long *worst_inst, double *worst_inst_pnl, double *scratch);

#endif
