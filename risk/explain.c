/* explain.c - P&L explain (see explain.h). */
#include "invtop/explain.h"

#include <assert.h>
#include <math.h>
#include <string.h>

void expl_clear(expl_terms *t)
{
    memset(t->term, 0, sizeof t->term);
    t->start = t->end = NAN;
}

void expl_add(expl_terms *a, const expl_terms *b)
{
    for (int k = 0; k < EXPL_NTERMS; k++)
        a->term[k] += b->term[k];
    if (!isnan(b->start) && !(a->start <= b->start))
        a->start = b->start;
    if (!isnan(b->end) && !(a->end >= b->end))
        a->end = b->end;
}

/* x, or 0 when unknown: a greek that is not modelled contributes nothing
 * and leaves its P&L to the unexplained term. */
static double or0(double x)
{
    return isfinite(x) ? x : 0;
}

void expl_step(const expl_state *from, const expl_state *to, double dt_years, bool with_second_order,
               expl_terms *out)
{
    assert(from && to && out && to->known);
    expl_clear(out);
    double *t = out->term;
    const double pnl0 = from->known ? from->pnl : 0, fees0 = from->known ? from->fees : 0;
    const double actual = or0(to->pnl - pnl0);
    double hyp = 0;
    if (from->known && from->qm != 0 && isfinite(from->mark) && isfinite(to->mark))
        hyp = from->qm * (to->mark - from->mark);
    if (from->known && from->qm != 0) {
        if (from->linear) {
            t[EXPL_DELTA] = hyp;
        } else {
            const double dS = isfinite(from->S) && isfinite(to->S) ? to->S - from->S : 0;
            const double dv = isfinite(from->sigma) && isfinite(to->sigma) ? to->sigma - from->sigma : 0;
            t[EXPL_DELTA] = or0(from->delta) * dS;
            t[EXPL_GAMMA] = 0.5 * or0(from->gamma) * dS * dS;
            t[EXPL_VEGA] = or0(from->vega) * dv;
            t[EXPL_THETA] = or0(from->theta) * dt_years;
            if (with_second_order) {
                t[EXPL_VANNA] = or0(from->vanna) * dS * dv;
                t[EXPL_VOLGA] = 0.5 * or0(from->volga) * dv * dv;
            }
        }
    }
    double taylor = 0;
    for (int k = EXPL_DELTA; k <= EXPL_VOLGA; k++)
        taylor += t[k];
    t[EXPL_UNEXPLAINED] = hyp - taylor;
    t[EXPL_FEES] = -or0(to->fees - fees0);
    t[EXPL_NEW_TRADES] = actual - hyp - t[EXPL_FEES];
    t[EXPL_TOTAL] = actual;
}

const char *expl_term_name(expl_term k)
{
    static const char *const names[EXPL_NTERMS] = {"delta", "gamma", "vega", "theta", "vanna",
                                                   "volga", "unexplained", "new_trades", "fees", "total"};
    return (unsigned)k < EXPL_NTERMS ? names[k] : "unknown";
}
