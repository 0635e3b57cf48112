/* portvar.c - portfolio VaR/ES (see portvar.h). */
#include "invtop/portvar.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/bs.h"
#include "invtop/varstat.h"

void pv_default_params(pv_params *p)
{
    memset(p, 0, sizeof *p);
    p->horizon_s = 60;
    p->sample_s = 1;
    p->var_levels[0] = 0.95;
    p->var_levels[1] = 0.99;
    p->nvar = 2;
    p->es_level = 0.975;
    p->mc_paths = 10000;
    p->mc_seed = 42;
}

const char *pv_method_name(pv_method m)
{
    static const char *const names[] = {"parametric", "historical", "cornish_fisher", "monte_carlo"};
    return (unsigned)m < PV_METHODS ? names[m] : "unknown";
}

void pv_result_take(pv_result *dst, const pv_result *src, pv_method m)
{
    dst->valid[m] = src->valid[m];
    memcpy(dst->var[m], src->var[m], sizeof dst->var[m]);
    dst->es[m] = src->es[m];
    dst->scenarios[m] = src->scenarios[m];
}

int pv_inputs_init(pv_inputs *in, size_t cap_und, size_t cap_opt)
{
    memset(in, 0, sizeof *in);
    in->cap_und = cap_und;
    in->cap_opt = cap_opt;
    in->price = calloc(cap_und, sizeof *in->price);
    in->ln_price = calloc(cap_und, sizeof *in->ln_price);
    in->linear_usd = calloc(cap_und, sizeof *in->linear_usd);
    in->inverse_usd = calloc(cap_und, sizeof *in->inverse_usd);
    in->delta_usd = calloc(cap_und, sizeof *in->delta_usd);
    in->cov = calloc(cap_und * cap_und, sizeof *in->cov);
    in->opt = calloc(cap_opt ? cap_opt : 1, sizeof *in->opt);
    return in->price && in->ln_price && in->linear_usd && in->inverse_usd && in->delta_usd && in->cov && in->opt ? 0 : -1;
}

void pv_inputs_free(pv_inputs *in)
{
    free(in->price);
    free(in->ln_price);
    free(in->linear_usd);
    free(in->inverse_usd);
    free(in->delta_usd);
    free(in->cov);
    free(in->opt);
    memset(in, 0, sizeof *in);
}

void pv_inputs_fill(pv_inputs *in, const exposure *e, const history *h)
{
    size_t n = e->nund < in->cap_und ? e->nund : in->cap_und;
    in->nund = n;
    for (size_t u = 0; u < n; u++) {
        in->price[u] = e->und[u].price;
        in->ln_price[u] = log(e->und[u].price);
        in->linear_usd[u] = e->und[u].linear_usd;
        in->inverse_usd[u] = e->und[u].inverse_usd;
        in->delta_usd[u] = e->und[u].delta_usd;
        for (size_t v = 0; v < n; v++)
            in->cov[u * n + v] = hist_cov(h, u, v);
    }
    in->cov_ready = hist_cov_ready(h);
    assert(e->nopt <= in->cap_opt); /* one leg per instrument at most: sized for the book */
    in->nopt = e->nopt;
    memcpy(in->opt, e->opt, in->nopt * sizeof *in->opt);
}

void pv_inputs_copy(pv_inputs *dst, const pv_inputs *src)
{
    size_t n = src->nund;
    dst->nund = n;
    memcpy(dst->price, src->price, n * sizeof *dst->price);
    memcpy(dst->ln_price, src->ln_price, n * sizeof *dst->ln_price);
    memcpy(dst->linear_usd, src->linear_usd, n * sizeof *dst->linear_usd);
    memcpy(dst->inverse_usd, src->inverse_usd, n * sizeof *dst->inverse_usd);
    memcpy(dst->delta_usd, src->delta_usd, n * sizeof *dst->delta_usd);
    memcpy(dst->cov, src->cov, n * n * sizeof *dst->cov);
    dst->cov_ready = src->cov_ready;
    assert(src->nopt <= dst->cap_opt);
    dst->nopt = src->nopt;
    memcpy(dst->opt, src->opt, dst->nopt * sizeof *dst->opt);
}

double pv_scenario_pnl(const pv_inputs *in, const double *moves)
{
    double pnl = 0;
    for (size_t u = 0; u < in->nund; u++) {
        if (in->linear_usd[u] != 0)
            pnl += pv_delta_one_pnl(in->linear_usd[u], false, moves[u]);
        if (in->inverse_usd[u] != 0)
            pnl += pv_delta_one_pnl(in->inverse_usd[u], true, moves[u]);
    }
    for (size_t k = 0; k < in->nopt; k++) {
        const expo_option *o = &in->opt[k];
        double x = in->ln_price[o->und] + moves[o->und];
        pnl += o->qm * (bs_price_fast(x, o->d_shift, o->vol_sqrt_t, o->strike_df, o->right) - o->base);
    }
    return pnl;
}

static double horizon_scale(const pv_params *p)
{
    return sqrt(p->horizon_s / p->sample_s);
}

void pv_parametric(const pv_inputs *in, const pv_params *p, pv_result *res)
{
    res->valid[PV_PARAMETRIC] = false;
    if (!in->cov_ready)
        return;
    double var = 0;
    size_t n = in->nund;
    for (size_t u = 0; u < n; u++)
        for (size_t v = 0; v < n; v++)
            var += in->delta_usd[u] * in->cov[u * n + v] * in->delta_usd[v];
    double sd = sqrt(fmax(var, 0)) * horizon_scale(p);
    var_moments m = {2, 0, sd, 0, 0};
    for (size_t k = 0; k < p->nvar; k++)
        res->var[PV_PARAMETRIC][k] = var_gaussian(&m, p->var_levels[k]);
    res->es[PV_PARAMETRIC] = var_gaussian_es(&m, p->es_level);
    res->scenarios[PV_PARAMETRIC] = 0;
    res->valid[PV_PARAMETRIC] = true;
}

/* VaR at every level and ES from an ascending P&L sample. */
static void from_sorted(const double *pnl, size_t n, const pv_params *p, pv_method m, pv_result *res)
{
    double es_var, unused;
    for (size_t k = 0; k < p->nvar; k++)
        var_historical(pnl, n, p->var_levels[k], &res->var[m][k], &unused);
    var_historical(pnl, n, p->es_level, &es_var, &res->es[m]);
    res->scenarios[m] = n;
    res->valid[m] = true;
}

void pv_historical(const pv_inputs *in, const history *h, const pv_params *p, double *scratch,
                   pv_result *res)
{
    res->valid[PV_HISTORICAL] = res->valid[PV_CORNISH_FISHER] = false;
    size_t n = hist_nreturns(h);
    if (n == 0)
        return;
    double scale = horizon_scale(p), *moves = scratch + n;
    for (size_t k = 0; k < n; k++) {
        const double *r = hist_returns(h, k);
        for (size_t u = 0; u < in->nund; u++)
            moves[u] = r[u] * scale;
        scratch[k] = pv_scenario_pnl(in, moves);
    }
    var_moments m;
    bool have_moments = var_moments_of(scratch, n, &m) == 0;
    var_sort(scratch, n);
    from_sorted(scratch, n, p, PV_HISTORICAL, res);
    if (!have_moments)
        return;
    for (size_t k = 0; k < p->nvar; k++)
        res->var[PV_CORNISH_FISHER][k] = var_cornish_fisher(&m, p->var_levels[k]);
    res->es[PV_CORNISH_FISHER] = var_cornish_fisher_es(&m, p->es_level);
    res->scenarios[PV_CORNISH_FISHER] = n;
    res->valid[PV_CORNISH_FISHER] = true;
}

/* Lower Cholesky factor of cov into L (n x n). A covariance that is only
 * semi-definite (an underlying that never moved, two that move as one) gets
 * a growing diagonal jitter until it factors. Returns 0 or -1. */
static int cholesky(const double *cov, size_t n, double *L)
{
    double trace = 0;
    for (size_t u = 0; u < n; u++)
        trace += cov[u * n + u];
    double jitter = 0, base = trace > 0 ? trace / (double)n * 1e-12 : 1e-300;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = -1;
    for (int attempt = 0; attempt < 12 && rc != 0; attempt++) {
        memcpy(L, cov, n * n * sizeof *L);
        for (size_t u = 0; u < n; u++)
            L[u * n + u] += jitter;
        gsl_matrix_view m = gsl_matrix_view_array(L, n, n);
        rc = gsl_linalg_cholesky_decomp1(&m.matrix) == 0 ? 0 : -1;
        jitter = jitter == 0 ? base : jitter * 100;
    }
    gsl_set_error_handler(old);
    for (size_t u = 0; u < n; u++)
        for (size_t v = u + 1; v < n; v++)
            L[u * n + v] = 0;
    return rc;
}

int pv_monte_carlo(const pv_inputs *in, const pv_params *p, pv_result *res)
{
    res->valid[PV_MONTE_CARLO] = false;
    size_t n = in->nund, paths = p->mc_paths;
    if (!in->cov_ready || n == 0 || paths == 0)
        return 0;
    double *L = malloc(n * n * sizeof *L), *z = malloc(2 * n * sizeof *z);
    double *pnl = malloc(paths * sizeof *pnl);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    int rc = -1;
    if (L && z && pnl && rng) {
        rc = 0;
        if (cholesky(in->cov, n, L) == 0) {
            double scale = horizon_scale(p), *moves = z + n;
            gsl_rng_set(rng, p->mc_seed);
            for (size_t k = 0; k < paths; k++) {
                for (size_t u = 0; u < n; u++)
                    z[u] = gsl_ran_gaussian_ziggurat(rng, 1.0);
                for (size_t u = 0; u < n; u++) {
                    double w = 0;
                    for (size_t v = 0; v <= u; v++)
                        w += L[u * n + v] * z[v];
                    moves[u] = w * scale;
                }
                pnl[k] = pv_scenario_pnl(in, moves);
            }
            var_sort(pnl, paths);
            from_sorted(pnl, paths, p, PV_MONTE_CARLO, res);
        }
    }
    free(L);
    free(z);
    free(pnl);
    if (rng)
        gsl_rng_free(rng);
    return rc;
}
