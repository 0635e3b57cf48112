/* bs.c - Black-Scholes (see bs.h). */
#include "invtop/bs.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <math.h>

double bs_price(double S, double K, double T, double r, double sigma, char right)
{
    if (T <= 0)
        return right == 'C' ? fmax(S - K, 0) : fmax(K - S, 0);
    double sq = sigma * sqrt(T);
    double d1 = (log(S / K) + (r + 0.5 * sigma * sigma) * T) / sq, d2 = d1 - sq;
    double df = exp(-r * T);
    if (right == 'C')
        return S * gsl_cdf_ugaussian_P(d1) - K * df * gsl_cdf_ugaussian_P(d2);
    return K * df * gsl_cdf_ugaussian_P(-d2) - S * gsl_cdf_ugaussian_P(-d1);
}

/* Standard normal cdf through libm's erfc (accurate in both tails). */
static double norm_cdf(double x)
{
    return 0.5 * erfc(-x * M_SQRT1_2);
}

double bs_price_fast(double x, double d_shift, double vol_sqrt_t, double strike_df, char right)
{
    double S = exp(x), d1 = (x + d_shift) / vol_sqrt_t, d2 = d1 - vol_sqrt_t;
    if (right == 'C')
        return S * norm_cdf(d1) - strike_df * norm_cdf(d2);
    return strike_df * norm_cdf(-d2) - S * norm_cdf(-d1);
}

int bs_greeks_of(double S, double K, double T, double r, double sigma, char right,
                 bs_greeks *out)
{
    if (!(S > 0) || !(K > 0) || !(T > 0) || !(sigma > 0) || !isfinite(S) || !isfinite(K) ||
        !isfinite(T) || !isfinite(sigma) || !isfinite(r) || (right != 'C' && right != 'P'))
        return -1;
    double sqT = sqrt(T), sq = sigma * sqT;
    double d1 = (log(S / K) + (r + 0.5 * sigma * sigma) * T) / sq, d2 = d1 - sq;
    double df = exp(-r * T), pdf1 = gsl_ran_ugaussian_pdf(d1);
    bs_greeks g;
    g.gamma = pdf1 / (S * sq);
    g.vega = S * pdf1 * sqT;
    /* Both from d(vega)/dS and d(vega)/dsigma: vega = S n(d1) sqrt(T), with
     * n'(d) = -d n(d), dd1/dS = 1/(S sq), dd1/dsigma = -d2/sigma. Put-call
     * parity makes them the same for puts (the parity term has no sigma). */
    g.vanna = -pdf1 * d2 / sigma;
    g.volga = g.vega * d1 * d2 / sigma;
    double decay = -S * pdf1 * sigma / (2 * sqT);
    if (right == 'C') {
        double n1 = gsl_cdf_ugaussian_P(d1), n2 = gsl_cdf_ugaussian_P(d2);
        g.price = S * n1 - K * df * n2;
        g.delta = n1;
        g.theta = decay - r * K * df * n2;
    } else {
        double n1 = gsl_cdf_ugaussian_P(-d1), n2 = gsl_cdf_ugaussian_P(-d2);
        g.price = K * df * n2 - S * n1;
        g.delta = -n1;
        g.theta = decay + r * K * df * n2;
    }
    *out = g;
    return 0;
}
