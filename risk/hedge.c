/* hedge.c - the hedge arithmetic and the hedge and order states' names
 * (see hedge.h). */
#include "invtop/hedge.h"

#include <assert.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const hg_names[] = {"suggested", "inside",    "pending", "cooldown",  "no_price",  "no_instrument",
                                       "too_small", "capped",    "kill",    "read_only", "no_channel"};
_Static_assert(sizeof hg_names / sizeof *hg_names == HG_STATE_COUNT, "one name per hg_state");

static const char *const ord_names[] = {"pending", "acked", "partial", "filled", "expired", "rejected", "refused"};
_Static_assert(sizeof ord_names / sizeof *ord_names == ORD_STATE_COUNT, "one name per ord_state");

const char *hg_state_name(int s)
{
    return s >= 0 && s < HG_STATE_COUNT ? hg_names[s] : NULL;
}

const char *ord_state_name(int s)
{
    return s >= 0 && s < ORD_STATE_COUNT ? ord_names[s] : NULL;
}

double hg_lots(double delta_usd, double lot_delta_usd)
{
    if (!isfinite(lot_delta_usd) || lot_delta_usd == 0)
        return 0;
    const double q = -delta_usd / lot_delta_usd;
    if (!isfinite(q))
        return 0;
    /* round() takes halves away from zero; + 0 turns a -0 into 0, so that
     * no view shows "-0 lots" */
    return round(q) + 0.0;
}

bool hg_outside(double delta_usd, double band_usd)
{
    assert(!(band_usd < 0));
    /* a NAN on either side compares false */
    return fabs(delta_usd) > band_usd;
}

double hg_mv_ratio(double rho, double sigma_x, double sigma_h)
{
    if (!isfinite(rho) || !isfinite(sigma_x) || !isfinite(sigma_h) || sigma_h <= 0)
        return NAN;
    return rho * sigma_x / sigma_h;
}

double hg_mv_contracts(double h, double exposure_units, double contract_units)
{
    if (!isfinite(h) || !isfinite(exposure_units) || !isfinite(contract_units) || contract_units <= 0)
        return NAN;
    const double n = h * exposure_units / contract_units;
    return isfinite(n) ? round(n) + 0.0 : NAN;
}

double hg_variance_removed(double rho)
{
    if (!(rho >= -1 && rho <= 1))
        return NAN;
    return 100 * rho * rho;
}

int hg_mv_multi(size_t k, const double *cov_hh, const double *cov_hx, double var_x, double *h,
                double *removed)
{
    assert(cov_hh && cov_hx && h && removed);
    if (k == 0 || !(var_x > 0) || !isfinite(var_x) || k > SIZE_MAX / sizeof(double) / (k + 1))
        return -1;
    for (size_t i = 0; i < k; i++) {
        if (!isfinite(cov_hx[i]))
            return -1;
        for (size_t j = 0; j <= i; j++)
            if (!isfinite(cov_hh[i * k + j]))
                return -1;
    }
    /* the factor (k x k) and the solution (k), so that h is written only
     * once everything has succeeded */
    double *scratch = malloc(k * (k + 1) * sizeof *scratch);
    if (!scratch)
        return -1;
    double *x = scratch + k * k;
    memcpy(scratch, cov_hh, k * k * sizeof *scratch);
    gsl_matrix_view m = gsl_matrix_view_array(scratch, k, k);
    gsl_vector_const_view b = gsl_vector_const_view_array(cov_hx, k);
    gsl_vector_view xv = gsl_vector_view_array(x, k);
    /* as risk/portvar.c does: a matrix that is not positive definite is an
     * answer (-1), not a reason for GSL's default handler to abort */
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = gsl_linalg_cholesky_decomp1(&m.matrix) == 0 &&
                     gsl_linalg_cholesky_solve(&m.matrix, &b.vector, &xv.vector) == 0
                 ? 0
                 : -1;
    gsl_set_error_handler(old);
    double explained = 0;
    for (size_t i = 0; rc == 0 && i < k; i++) {
        if (!isfinite(x[i]))
            rc = -1;
        explained += cov_hx[i] * x[i];
    }
    if (rc == 0 && isfinite(explained)) {
        memcpy(h, x, k * sizeof *h);
        *removed = 100 * explained / var_x;
    } else {
        rc = -1;
    }
    free(scratch);
    return rc;
}
