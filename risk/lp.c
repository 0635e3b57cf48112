/* lp.c - concentrated-liquidity amounts and value (see lp.h). */
#include "invtop/lp.h"

#include <assert.h>
#include <math.h>

int lp_check(const lp_range *r)
{
    if (!r || !isfinite(r->L) || !(r->L >= 0) || !isfinite(r->lower) || !(r->lower >= 0) ||
        !(r->upper > r->lower) || isnan(r->upper))
        return -1;
    return 0;
}

void lp_amounts(const lp_range *r, double P, double *x, double *y)
{
    assert(lp_check(r) == 0 && P > 0 && isfinite(P) && x && y);
    /* Clamping P into the range gives the three cases of lp.h with one pair
     * of formulas: below it the position holds what it held at lower, above
     * it what it held at upper. 1/sqrt(INFINITY) is 0, so the full range
     * needs no case of its own. */
    double p = P < r->lower ? r->lower : P > r->upper ? r->upper : P;
    double sp = sqrt(p);
    *x = r->L * (1 / sp - 1 / sqrt(r->upper));
    *y = r->L * (sp - sqrt(r->lower));
}

double lp_value(const lp_range *r, double P)
{
    double x, y;
    lp_amounts(r, P, &x, &y);
    return x * P + y;
}

double lp_delta(const lp_range *r, double P)
{
    double x, y;
    lp_amounts(r, P, &x, &y);
    return x;
}

bool lp_in_range(const lp_range *r, double P)
{
    assert(lp_check(r) == 0 && P > 0);
    return P >= r->lower && P < r->upper;
}

double lp_gamma(const lp_range *r, double P)
{
    return lp_in_range(r, P) ? -r->L / (2 * P * sqrt(P)) : 0;
}

double lp_il(const lp_range *r, double P0, double P)
{
    double x0, y0;
    lp_amounts(r, P0, &x0, &y0);
    return lp_value(r, P) - (x0 * P + y0);
}
