/* riskrun.c - the risk core on the event clock (see riskrun.h). */
#include "invtop/riskrun.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int rr_init(riskrun *r, const rr_params *p, size_t cap_inst)
{
    memset(r, 0, sizeof *r);
    r->p = *p;
    r->cap_inst = cap_inst;
    r->computed_at = r->mc_at = r->bt_var = NAN;
    r->next_sample = r->next_horizon = NAN;
    r->hist = hist_new(p->max_und, p->window, p->lambda);
    r->scratch = malloc((p->window + p->max_und) * sizeof *r->scratch);
    r->prices = malloc(p->max_und * sizeof *r->prices);
    r->bt_store = calloc(p->bt_window ? p->bt_window : 1, sizeof *r->bt_store);
    r->bt_seq = calloc(p->bt_window ? p->bt_window : 1, sizeof *r->bt_seq);
    r->bt_qm = calloc(cap_inst, sizeof *r->bt_qm);
    r->bt_mid = calloc(cap_inst, sizeof *r->bt_mid);
    r->bt_rate = calloc(cap_inst, sizeof *r->bt_rate);
    r->book_delta = malloc(p->max_und * sizeof *r->book_delta);
    for (size_t k = 0; k < BOOK_MAX_BOOKS; k++) {
        r->book_limits[k] = (brisk_limits){NAN, NAN};
        r->books[k].delta.since = r->books[k].var.since = NAN;
    }
    if (!r->book_delta || !r->hist || !r->scratch || !r->prices || !r->bt_store || !r->bt_seq || !r->bt_qm ||
        !r->bt_mid || !r->bt_rate || expo_init(&r->expo, cap_inst, p->max_und) != 0 ||
        pv_inputs_init(&r->inputs, p->max_und, cap_inst) != 0 ||
        limits_init(&r->lim, cap_inst, p->max_und) != 0 || or_init(&r->opt, &p->opt, cap_inst, p->max_und) != 0)
        return -1;
    expo_set_currency(&r->expo, &p->ccy);
    bt_init(&r->bt, r->bt_store, p->bt_window);
    if (p->mc_async && !(r->mc = mcw_start(p->max_und, cap_inst)))
        return -1;
    return 0;
}

void rr_free(riskrun *r)
{
    mcw_stop(r->mc);
    or_free(&r->opt);
    hist_free(r->hist);
    expo_free(&r->expo);
    pv_inputs_free(&r->inputs);
    limits_free(&r->lim);
    free(r->scratch);
    free(r->prices);
    free(r->bt_store);
    free(r->bt_seq);
    free(r->bt_qm);
    free(r->bt_mid);
    free(r->bt_rate);
    free(r->iv_inst);
    free(r->lots_inst);
    free(r->lot_inst);
    free(r->delta_und);
    free(r->book_delta);
    memset(r, 0, sizeof *r);
}

const double *rr_historical_pnl(const riskrun *r, size_t *n)
{
    *n = r->result.valid[PV_HISTORICAL] ? r->result.scenarios[PV_HISTORICAL] : 0;
    return r->scratch; /* pv_historical leaves the sorted P&L there */
}

double rr_limit_var(const riskrun *r)
{
    const pv_result *res = &r->result;
    if (!res->valid[PV_PARAMETRIC] || r->p.pv.nvar == 0)
        return NAN;
    return res->var[PV_PARAMETRIC][r->p.pv.nvar - 1];
}

int rr_enable_overrides(riskrun *r)
{
    r->iv_inst = malloc(r->cap_inst * sizeof *r->iv_inst);
    r->lots_inst = malloc(r->cap_inst * sizeof *r->lots_inst);
    r->lot_inst = malloc(r->cap_inst * sizeof *r->lot_inst);
    r->delta_und = malloc(r->p.max_und * sizeof *r->delta_und);
    if (!r->iv_inst || !r->lots_inst || !r->lot_inst || !r->delta_und)
        return -1;
    for (size_t i = 0; i < r->cap_inst; i++)
        r->iv_inst[i] = r->lots_inst[i] = r->lot_inst[i] = NAN;
    for (size_t u = 0; u < r->p.max_und; u++)
        r->delta_und[u] = NAN;
    r->have_overrides = true;
    return 0;
}

void rr_set_inst_params(riskrun *r, size_t i, double iv, double max_pos_lots, double lot)
{
    assert(r->have_overrides && i < r->cap_inst);
    r->iv_inst[i] = iv;
    r->lots_inst[i] = max_pos_lots;
    r->lot_inst[i] = lot;
}

static void update_limits(riskrun *r, const book *b, double now)
{
    limit_overrides ov = {r->lots_inst, r->lot_inst, r->delta_und};
    limits_update(&r->lim, &r->p.limits, b, &r->expo, rr_limit_var(r), now,
                  r->have_overrides ? &ov : NULL);
}

/* Exposures, limits and per-book figures and limits at event time now: the
 * engine's own refresh, on a sample. */
static void refresh(riskrun *r, const book *b, double now)
{
    expo_compute(&r->expo, b, r->hist, now, r->p.rate, r->p.default_iv, r->iv_inst);
    update_limits(r, b, now);
    r->nbooks = brisk_compute(r->books, BOOK_MAX_BOOKS, b, &r->expo, &r->inputs, &r->p.pv,
                              r->book_limits, now, r->book_delta);
}

void rr_refresh_figures(riskrun *r, const book *b, double now)
{
    assert(r && b);
    expo_compute(&r->expo, b, r->hist, now, r->p.rate, r->p.default_iv, r->iv_inst);
    limit_state kept[BOOK_MAX_BOOKS][2];
    for (size_t k = 0; k < BOOK_MAX_BOOKS; k++) {
        kept[k][0] = r->books[k].delta;
        kept[k][1] = r->books[k].var;
    }
    r->nbooks = brisk_compute(r->books, BOOK_MAX_BOOKS, b, &r->expo, &r->inputs, &r->p.pv,
                              r->book_limits, now, r->book_delta);
    for (size_t k = 0; k < BOOK_MAX_BOOKS; k++) { /* limit states move on samples only */
        r->books[k].delta = kept[k][0];
        r->books[k].var = kept[k][1];
    }
}

void rr_check_position(riskrun *r, const book *b, size_t i, double now)
{
    assert(r && b && i < book_count(b) && i < r->cap_inst);
    limit_overrides ov = {r->lots_inst, r->lot_inst, r->delta_und};
    limits_update_inst(&r->lim, &r->p.limits, b, i, now, r->have_overrides ? &ov : NULL);
}

double rr_horizon_pnl(const riskrun *r, const book *b)
{
    double pnl = 0;
    for (size_t i = 0; i < r->bt_n; i++) {
        const book_inst *in = book_at(b, i);
        const double rate = i < r->expo.ninst ? r->expo.inst[i].rate : NAN;
        const double then = r->bt_mid[i] * r->bt_rate[i], now = in->mid * rate; /* report currency */
        if (r->bt_qm[i] == 0 || !(then > 0) || !(now > 0))
            continue; /* no price or no rate, then or now: in no VaR either */
        const bool inverse = in->ref.settle == INST_SETTLE_INVERSE;
        const double value = r->bt_qm[i] * r->bt_rate[i] * (inverse ? 1 : r->bt_mid[i]);
        pnl += pv_delta_one_pnl(value, inverse, log(now / then));
    }
    return pnl;
}

static void backtest_step(riskrun *r, const book *b)
{
    if (!isnan(r->bt_var))
        bt_add(&r->bt, -rr_horizon_pnl(r, b) > r->bt_var);
    r->bt_var = rr_limit_var(r);
    r->bt_n = book_count(b);
    assert(r->bt_n <= r->cap_inst); /* sized for the book (rr_init) */
    for (size_t i = 0; i < r->bt_n; i++) {
        const book_inst *in = book_at(b, i);
        r->bt_qm[i] = in->pos.qty * in->ref.mult;
        r->bt_mid[i] = in->mid;
        r->bt_rate[i] = i < r->expo.ninst ? r->expo.inst[i].rate : NAN;
    }
}

/* Sample the book as it is at `samples` boundaries (the book did not change
 * between them), then compute the risk once. */
static void compute(riskrun *r, const book *b, double now, size_t samples)
{
    refresh(r, b, now);
    for (size_t u = 0; u < r->expo.nund; u++)
        r->prices[u] = r->expo.und[u].price;
    for (size_t k = 0; k < samples; k++)
        hist_sample(r->hist, r->prices);
    pv_inputs_fill(&r->inputs, &r->expo, r->hist);
    pv_parametric(&r->inputs, &r->p.pv, &r->result);
    pv_historical(&r->inputs, r->hist, &r->p.pv, r->scratch, &r->result);
    if (r->mc) {
        (void)mcw_submit(r->mc, &r->inputs, &r->p.pv, now); /* busy: next sample */
    } else if (pv_monte_carlo(&r->inputs, &r->p.pv, &r->result) == 0) {
        r->mc_at = now;
    }
    r->computed_at = now;
    update_limits(r, b, now);
}

/* The first boundary strictly after now on a grid of step. */
static double next_boundary(double now, double step)
{
    return (floor(now / step) + 1) * step;
}

bool rr_tick(riskrun *r, const book *b, double now)
{
    if (r->mc) {
        double t;
        if (mcw_collect(r->mc, &r->result, &t))
            r->mc_at = t;
    }
    if (isnan(r->next_sample)) {
        r->next_sample = next_boundary(now, r->p.pv.sample_s);
        r->next_horizon = next_boundary(now, r->p.pv.horizon_s);
        return false;
    }
    if (now < r->next_sample)
        return false;
    /* every boundary in [next_sample, now]; more than a window's worth would
     * only push out what the window already lost */
    double step = r->p.pv.sample_s;
    double crossed = floor(now / step) - round(r->next_sample / step) + 1;
    if (crossed < 1)
        crossed = 1;
    compute(r, b, now, crossed < (double)r->p.window ? (size_t)crossed : r->p.window);
    r->next_sample = next_boundary(now, r->p.pv.sample_s);
    const bool horizon = now >= r->next_horizon;
    or_sample(&r->opt, b, &r->expo, r->hist, now, horizon);
    if (horizon) {
        backtest_step(r, b);
        r->next_horizon = next_boundary(now, r->p.pv.horizon_s);
    }
    return true;
}

double rr_due_in(const riskrun *r, double now)
{
    if (isnan(r->next_sample))
        return INFINITY; /* no clock yet: the first tick sets the grid */
    double d = r->next_sample - now;
    return d > 0 ? d : 0;
}
