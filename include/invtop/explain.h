/* explain.h - P&L explain: what moved the P&L between two moments (prefix
 * expl_).
 *
 * A step runs from one captured state of the book to the next. Per
 * instrument, with the position held at the step's start (qm = qty * mult,
 * an lp range's liquidity):
 *   actual       = change of its P&L (realized, fees subtracted, plus
 *                  unrealized at its mark)
 *   hypothetical = full revaluation of the start position: qm * (mark now -
 *                  mark then), its value change for an lp range
 *   delta, gamma = delta dS, gamma dS^2 / 2 (dS: the underlying's move;
 *                  a delta-one instrument's delta term is its hypothetical)
 *   vega, theta  = vega dsigma, theta dt (options)
 *   vanna, volga = vanna dS dsigma, volga dsigma^2 / 2 (options; included
 *                  when asked, else they stay in unexplained)
 *   unexplained  = hypothetical - the Taylor terms above
 *   fees         = - fees paid during the step
 *   new_trades   = actual - hypothetical - fees
 * so delta + gamma + vega + theta (+ vanna + volga) + unexplained +
 * new_trades + fees = total = actual, by construction for every
 * instrument and for their sum. An instrument first seen during a step held
 * nothing at its start: all its P&L is new trades and fees.
 *
 * Pure: the caller captures states from the book and its exposures
 * (engine/riskrun.c) and keeps them. */
#ifndef INVTOP_EXPLAIN_H
#define INVTOP_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    EXPL_DELTA = 0,
    EXPL_GAMMA,
    EXPL_VEGA,
    EXPL_THETA,
    EXPL_VANNA,
    EXPL_VOLGA,
    EXPL_UNEXPLAINED,
    EXPL_NEW_TRADES,
    EXPL_FEES,
    EXPL_TOTAL,
    EXPL_NTERMS
} expl_term;

/* Terms over an interval [start, end] of event time (NAN before any). */
typedef struct {
    double term[EXPL_NTERMS];
    double start, end;
} expl_terms;

/* One instrument at a moment. Greeks are the position's (already times
 * qm): delta in underlying units, gamma per unit move squared, vega and
 * vanna per 1.00 of vol, volga per 1.00 of vol squared, theta per year. */
typedef struct {
    bool known;      /* the instrument existed at this moment */
    bool linear;     /* delta-one: its delta term is its whole revaluation */
    double qm;       /* qty * mult; an lp range's liquidity */
    double mark;     /* what one qm is worth (mid; an lp range's value per
                        unit of liquidity); NAN when unknown */
    double S;        /* its underlying's price, NAN when unknown */
    double sigma;    /* an option's vol, NAN otherwise */
    double delta, gamma, vega, theta, vanna, volga; /* NAN: not modelled */
    double pnl;      /* realized (fees subtracted) + unrealized */
    double fees;     /* fees paid so far */
} expl_state;

/* Empty terms over nothing (all 0, start and end NAN). */
void expl_clear(expl_terms *t);

/* Add b's terms to a, widening a's interval to cover b's. */
void expl_add(expl_terms *a, const expl_terms *b);

/* One instrument's step from state `from` (known false: it did not exist)
 * to state `to` over dt_years of event time into *out (its interval left
 * NAN: the caller's). with_second_order: vanna and volga are terms, else
 * they stay 0 and their P&L is unexplained. `to` must be known (asserted). */
void expl_step(const expl_state *from, const expl_state *to, double dt_years, bool with_second_order,
               expl_terms *out);

/* "delta", "gamma", "vega", "theta", "vanna", "volga", "unexplained",
 * "new_trades", "fees", "total". */
const char *expl_term_name(expl_term t);

#endif
