/* backtest.c - VaR backtests (see backtest.h). */
#include "invtop/backtest.h"

#include <assert.h>
#include <gsl/gsl_cdf.h>
#include <math.h>

/* x*log(y), with the limit 0 when x is 0. */
static double xlogy(double x, double y)
{
    return x == 0 ? 0 : x * log(y);
}

static double chi2_pvalue(double lr)
{
    return lr > 0 ? gsl_cdf_chisq_Q(lr, 1) : 1;
}

double bt_kupiec(size_t x, size_t n, double q, double *pvalue)
{
    if (n == 0) {
        *pvalue = 1;
        return 0;
    }
    double fx = (double)x, fn = (double)n, phat = fx / fn;
    double lr = -2 * (xlogy(fn - fx, 1 - q) + xlogy(fx, q)) +
                2 * (xlogy(fn - fx, 1 - phat) + xlogy(fx, phat));
    if (lr < 0)
        lr = 0; /* rounding when phat == q */
    *pvalue = chi2_pvalue(lr);
    return lr;
}

double bt_christoffersen(const bool *hits, size_t n, double *pvalue)
{
    double n00 = 0, n01 = 0, n10 = 0, n11 = 0;
    for (size_t i = 1; i < n; i++) {
        if (!hits[i - 1])
            *(hits[i] ? &n01 : &n00) += 1;
        else
            *(hits[i] ? &n11 : &n10) += 1;
    }
    double total = n00 + n01 + n10 + n11;
    if (total == 0 || n00 + n01 == 0 || n10 + n11 == 0) {
        *pvalue = 1;
        return 0;
    }
    double pi0 = n01 / (n00 + n01), pi1 = n11 / (n10 + n11), pi = (n01 + n11) / total;
    double lr = -2 * (xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi)) +
                2 * (xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1));
    if (lr < 0)
        lr = 0;
    *pvalue = chi2_pvalue(lr);
    return lr;
}

bt_zone bt_zone_of(size_t x, size_t n, double q)
{
    assert(x <= n && q > 0 && q < 1);
    if (n < BT_BASEL_N)
        return BT_NA; /* 0 in 1 is "at most 0" with probability 99%: no zone */
    double c = gsl_cdf_binomial_P((unsigned)x, q, (unsigned)n);
    if (c < 0.95)
        return BT_GREEN;
    if (c < 0.9999)
        return BT_YELLOW;
    return BT_RED;
}

const char *bt_zone_name(bt_zone z)
{
    static const char *const names[] = {"green", "yellow", "red", "n/a"};
    return (unsigned)z <= BT_NA ? names[z] : "unknown";
}

void bt_init(bt_record *r, bool *storage, size_t cap)
{
    r->hits = storage;
    r->cap = cap;
    r->n = r->head = r->exceptions = 0;
}

void bt_add(bt_record *r, bool exception)
{
    if (r->cap == 0)
        return;
    if (r->n == r->cap) {
        r->exceptions -= r->hits[r->head]; /* the oldest leaves the ring */
        r->n--;
    }
    r->hits[r->head] = exception;
    r->head = (r->head + 1) % r->cap;
    r->n++;
    r->exceptions += exception;
}

void bt_sequence(const bt_record *r, bool *out)
{
    size_t start = (r->head + r->cap - r->n) % (r->cap ? r->cap : 1);
    for (size_t i = 0; i < r->n; i++)
        out[i] = r->hits[(start + i) % r->cap];
}
