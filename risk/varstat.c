/* varstat.c - series VaR/ES (see varstat.h). */
#include "invtop/varstat.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_sort.h>
#include <math.h>

int var_moments_of(const double *x, size_t n, var_moments *m)
{
    if (n < 2)
        return -1;
    double mean = 0;
    for (size_t i = 0; i < n; i++)
        mean += x[i];
    mean /= (double)n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - mean, d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    m2 /= (double)n;
    m3 /= (double)n;
    m4 /= (double)n;
    m->n = n;
    m->mean = mean;
    m->sd = sqrt(m2);
    m->skew = m2 > 0 ? m3 / pow(m2, 1.5) : 0;
    m->exkurt = m2 > 0 ? m4 / (m2 * m2) - 3 : 0;
    return 0;
}

double var_quantile7(const double *sorted, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return sorted[n - 1];
    return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

void var_historical(const double *sorted, size_t n, double p, double *var, double *es)
{
    double q = var_quantile7(sorted, n, 1 - p), sum = 0;
    size_t k = 0;
    while (k < n && sorted[k] < q)
        sum += sorted[k++];
    *var = -q;
    *es = k ? -sum / (double)k : -q;
}

double var_gaussian(const var_moments *m, double p)
{
    return -(m->mean + gsl_cdf_ugaussian_Pinv(1 - p) * m->sd);
}

double var_gaussian_es(const var_moments *m, double p)
{
    double z = gsl_cdf_ugaussian_Pinv(1 - p);
    return -m->mean + m->sd * gsl_ran_ugaussian_pdf(z) / (1 - p);
}

/* The Cornish-Fisher quantile of the standardized distribution at 1-p. */
static double cf_quantile(const var_moments *m, double p)
{
    double z = gsl_cdf_ugaussian_Pinv(1 - p), s = m->skew, k = m->exkurt;
    return z + (z * z - 1) * s / 6 + (z * z * z - 3 * z) * k / 24 -
           (2 * z * z * z - 5 * z) * s * s / 36;
}

double var_cornish_fisher(const var_moments *m, double p)
{
    return -(m->mean + cf_quantile(m, p) * m->sd);
}

double var_cornish_fisher_es(const var_moments *m, double p)
{
    double g = cf_quantile(m, p), s = m->skew, k = m->exkurt, alpha = 1 - p;
    /* J[n] = integral of u^n phi(u) du from -inf to g, by the recursion
     * J[n] = -g^(n-1) phi(g) + (n-1) J[n-2]. */
    double J[8], phi = gsl_ran_ugaussian_pdf(g);
    J[0] = gsl_cdf_ugaussian_P(g);
    J[1] = -phi;
    for (int n = 2; n < 8; n++)
        J[n] = -pow(g, n - 1) * phi + (n - 1) * J[n - 2];
    /* Tail mean of u under the Edgeworth density
     * phi(u) [1 + s/6 He3(u) + k/24 He4(u) + s^2/72 He6(u)]. */
    double tail = J[1] + s / 6 * (J[4] - 3 * J[2]) + k / 24 * (J[5] - 6 * J[3] + 3 * J[1]) +
                  s * s / 72 * (J[7] - 15 * J[5] + 45 * J[3] - 15 * J[1]);
    double e = tail / alpha; /* expected standardized value in the tail (< 0) */
    return -m->mean - m->sd * fmin(e, g);
}

void var_sort(double *x, size_t n)
{
    gsl_sort(x, 1, n);
}
