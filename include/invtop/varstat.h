/* varstat.h - VaR and expected shortfall of one series of returns or P&L
 * (prefix var_), with PerformanceAnalytics' conventions so the numbers agree
 * with its own regression tests:
 *  - historical VaR is the type-7 quantile (linear interpolation at
 *    h = (n-1)(1-p)); historical ES is the mean of the values strictly below it;
 *  - Gaussian uses the sample mean and the divisor-n standard deviation;
 *  - Cornish-Fisher (modified) uses skewness and excess kurtosis from
 *    divisor-n central moments; modified ES is Boudt, Peterson and Croux's
 *    (2008) tail expectation of the Edgeworth density, floored at the
 *    modified VaR (PerformanceAnalytics' "operational" form).
 * Every function returns a LOSS as a positive number (PerformanceAnalytics
 * prints the same figure negated). p is the confidence level, 0.5 < p < 1. */
#ifndef INVTOP_VARSTAT_H
#define INVTOP_VARSTAT_H

#include <stddef.h>

typedef struct {
    size_t n;
    double mean;
    double sd;     /* divisor n */
    double skew;   /* m3 / m2^1.5 */
    double exkurt; /* m4 / m2^2 - 3 */
} var_moments;

/* Moments of x[0..n). Returns 0, or -1 when n < 2 (then *m is untouched).
 * A constant series has sd 0, skew 0, exkurt 0. */
int var_moments_of(const double *x, size_t n, var_moments *m);

/* Type-7 quantile of sorted[0..n) (ascending, n >= 1) at probability q. */
double var_quantile7(const double *sorted, size_t n, double q);

/* Historical VaR and ES at confidence p of sorted[0..n) (ascending, n >= 1).
 * When no value lies strictly below the quantile, ES equals VaR. */
void var_historical(const double *sorted, size_t n, double p, double *var, double *es);

/* Gaussian VaR and ES from moments. */
double var_gaussian(const var_moments *m, double p);
double var_gaussian_es(const var_moments *m, double p);

/* Cornish-Fisher (modified) VaR and ES from moments. */
double var_cornish_fisher(const var_moments *m, double p);
double var_cornish_fisher_es(const var_moments *m, double p);

/* Sort x[0..n) ascending in place. */
void var_sort(double *x, size_t n);

#endif
