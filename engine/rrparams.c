/* rrparams.c - the risk runner's default parameters (see riskrun.h), apart
 * from the runner so a config reader links them without it. */
#include "invtop/riskrun.h"

#include <math.h>
#include <string.h>

void rr_default_params(rr_params *p)
{
    memset(p, 0, sizeof *p);
    pv_default_params(&p->pv);
    p->rate = 0;
    p->default_iv = NAN;
    p->window = 500;
    p->lambda = 0.94;
    p->max_und = 256;
    p->bt_window = 250;
    limits_default_params(&p->limits);
    p->mc_async = true;
    or_default_params(&p->opt);
    ccy_default_params(&p->ccy);
}
