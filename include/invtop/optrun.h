/* optrun.h - the options desk on the event clock (prefix or_): the stress
 * matrix, named scenarios and the P&L explain, run on every risk sample
 * (engine/riskrun.c calls or_sample; the greeks ladder is built with each
 * snapshot, engine/snapbuild.c, from the same exposures).
 *
 * Stress: every holding is a leg (risk/stress.h) revalued in full on the
 * grid, per underlying, per book and for the portfolio. Scenarios: a move
 * per named underlying, or a driver's move carried to the others by their
 * beta to it from the risk window's covariance, and a vol shift.
 * Explain: each sample is a step (risk/explain.h) from the previous
 * sample's state; steps add into the open horizon (closed into `last` at
 * each horizon boundary) and the session. */
#ifndef INVTOP_OPTRUN_H
#define INVTOP_OPTRUN_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/book.h"
#include "invtop/event.h"
#include "invtop/explain.h"
#include "invtop/exposure.h"
#include "invtop/history.h"
#include "invtop/ladder.h"
#include "invtop/stress.h"

#define OR_MAX_SCENARIOS 16
#define OR_SCENARIO_MOVES 8

typedef struct {
    char name[EVENT_SYM_MAX];
    char und[OR_SCENARIO_MOVES][EVENT_SYM_MAX]; /* underlyings given a move */
    double move[OR_SCENARIO_MOVES];
    size_t nmoves;
    char driver[EVENT_SYM_MAX];  /* "" none: only the moves given */
    double driver_move;
    double vol_shift;            /* added to every option's vol */
} or_scenario;

typedef struct {
    ladder_params ladder;
    stress_params stress;
    or_scenario scen[OR_MAX_SCENARIOS];
    size_t nscen;
    bool second_order;           /* vanna and volga in the explain */
} or_params;

typedef struct {
    or_params p;
    size_t cap_inst, max_und;
    /* stress */
    stress_leg *legs;
    size_t nlegs, cap_legs;
    stress_grid port, *und, books[BOOK_MAX_BOOKS];
    size_t nund, nbooks;
    double *scratch, *moves, *und_move, *cov;
    double stress_at;            /* event time of the grids, NAN before */
    double scen_pnl[OR_MAX_SCENARIOS], scen_inst_pnl[OR_MAX_SCENARIOS];
    long scen_inst[OR_MAX_SCENARIOS];
    /* explain */
    expl_state *prev, *cur;
    size_t nprev;
    double prev_time;            /* NAN before the first sample */
    expl_terms *inst_current, *inst_last, *inst_session;
    expl_terms current, last, session;
} optrun;

/* Deribit's stress grid (stress_default_params), the default ladder, no
 * scenarios, vanna and volga in the explain. */
void or_default_params(or_params *p);

/* Set up for books of up to cap_inst instruments and max_und underlyings.
 * Returns 0, or -1 without memory (free with or_free anyway). */
int or_init(optrun *o, const or_params *p, size_t cap_inst, size_t max_und);
void or_free(optrun *o);

/* A risk sample at event time now, after e was computed from b: the stress
 * grids and scenarios, and an explain step from the previous sample;
 * horizon: a horizon boundary was crossed (the open horizon closes). A
 * book that outgrew the legs' memory keeps the last grids (stress_at
 * says when). */
void or_sample(optrun *o, const book *b, const exposure *e, const history *h, double now, bool horizon);

#endif
