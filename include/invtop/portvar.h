/* portvar.h - portfolio VaR and expected shortfall four ways (prefix pv_).
 *
 * Losses are positive USD over the horizon. Moves are log returns of the
 * underlyings per sample interval, scaled to the horizon by the square root
 * of time: sqrt(horizon_s / sample_s).
 *  - parametric: delta-normal, zero mean, EWMA covariance (RiskMetrics);
 *  - historical: every held return vector is a scenario, delta-one P&L is
 *    linear (delta_usd * (e^r - 1)), inverse contracts' follows 1/S (their
 *    coin P&L at today's price: N (1 - e^-r)), options are fully revalued;
 *  - Cornish-Fisher: modified VaR/ES from the historical P&L's moments;
 *  - Monte Carlo: correlated normal moves from the covariance's Cholesky
 *    factor (GSL), full revaluation, seeded so a run is reproducible.
 * Historical and Monte Carlo quantiles follow varstat.h's conventions. */
#ifndef INVTOP_PORTVAR_H
#define INVTOP_PORTVAR_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "invtop/exposure.h"
#include "invtop/history.h"

typedef enum { PV_PARAMETRIC = 0, PV_HISTORICAL, PV_CORNISH_FISHER, PV_MONTE_CARLO, PV_METHODS } pv_method;

#define PV_MAX_LEVELS 4

typedef struct {
    double horizon_s, sample_s;
    double var_levels[PV_MAX_LEVELS];
    size_t nvar;
    double es_level;
    size_t mc_paths;
    unsigned long mc_seed;
} pv_params;

typedef struct {
    bool valid[PV_METHODS];
    double var[PV_METHODS][PV_MAX_LEVELS]; /* per pv_params.var_levels */
    double es[PV_METHODS];                 /* at pv_params.es_level */
    size_t scenarios[PV_METHODS];
} pv_result;

/* Everything the methods need, copied out of the exposure and history so a
 * worker thread can own one (pv_inputs_copy). */
typedef struct {
    size_t nund, cap_und;
    double *price;      /* underlying prices */
    double *ln_price;   /* their logs, for option revaluation */
    double *linear_usd; /* linear delta-one exposure per underlying */
    double *inverse_usd; /* inverse contracts' per underlying: N (1 - e^-r) */
    double *delta_usd;  /* total delta per underlying (for parametric) */
    double *cov;        /* nund x nund, per sample interval */
    bool cov_ready;
    expo_option *opt;
    size_t nopt, cap_opt;
} pv_inputs;

/* Defaults: horizon 60 s, sample 1 s, VaR 95% and 99%, ES 97.5%, 10,000
 * paths, seed 42. */
void pv_default_params(pv_params *p);

/* Allocate inputs for cap_und underlyings and cap_opt option legs. Returns
 * 0, or -1 without memory (free with pv_inputs_free anyway). */
int pv_inputs_init(pv_inputs *in, size_t cap_und, size_t cap_opt);
void pv_inputs_free(pv_inputs *in);
/* Fill from an exposure and history (sizes must fit; extra legs dropped). */
void pv_inputs_fill(pv_inputs *in, const exposure *e, const history *h);
/* Deep copy src into dst (dst initialised with enough capacity). */
void pv_inputs_copy(pv_inputs *dst, const pv_inputs *src);

/* P&L in USD when each underlying u moves by log return moves[u]. */
double pv_scenario_pnl(const pv_inputs *in, const double *moves);

/* The P&L of a delta-one position worth value (report currency) when its
 * price moves by log return move: linear value (e^move - 1); inverse
 * (inverse true) its coin P&L N (1/S - 1/S') at today's S, value (1 -
 * e^-move). The one revaluation of the scenarios and of the backtest's
 * horizon P&L (riskrun.h). Inline: the Monte Carlo paths call it. */
static inline double pv_delta_one_pnl(double value, bool inverse, double move)
{
    return inverse ? -value * expm1(-move) : value * expm1(move);
}

/* Each method fills its slot of *res (valid=false when it cannot run:
 * too little history, no covariance). For historical, scratch must hold
 * window + nund doubles. Monte Carlo allocates its own work space and
 * returns -1 when it cannot (no memory); the others never fail. */
void pv_parametric(const pv_inputs *in, const pv_params *p, pv_result *res);
void pv_historical(const pv_inputs *in, const history *h, const pv_params *p, double *scratch,
                   pv_result *res); /* also fills PV_CORNISH_FISHER */
int pv_monte_carlo(const pv_inputs *in, const pv_params *p, pv_result *res);

/* Copy method m's slot of src into dst. */
void pv_result_take(pv_result *dst, const pv_result *src, pv_method m);

/* "parametric", "historical", "cornish_fisher", "monte_carlo". */
const char *pv_method_name(pv_method m);

#endif
