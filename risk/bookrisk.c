/* bookrisk.c - exposure and risk per book (see bookrisk.h). */
#include "invtop/bookrisk.h"

#include <assert.h>
#include <math.h>
#include <string.h>

/* The report currency's delta of one contract of instrument i, as the
 * exposure computed it (0 unconverted or without a price). */
static double unit_delta_usd(const exposure *e, size_t i)
{
    return i < e->ninst ? e->inst[i].unit_delta_usd : 0;
}

static void update_limit(limit_state *s, double value, double limit, double now)
{
    double since = s->since;
    if (!(limit > 0) || isnan(value)) {
        s->util = NAN;
        s->since = NAN;
        return;
    }
    s->util = fabs(value) / limit;
    s->since = s->util > 1 ? (isnan(since) ? now : since) : NAN;
}

/* Parametric VaR of the per-underlying deltas d, with in's covariance. */
static double book_var(const pv_inputs *in, const pv_params *p, double *d)
{
    if (!in || !in->cov_ready || p->nvar == 0)
        return NAN;
    pv_inputs mine = *in; /* shares the covariance, carries this book's deltas */
    mine.delta_usd = d;
    mine.nopt = 0;
    pv_result r;
    memset(&r, 0, sizeof r);
    pv_parametric(&mine, p, &r);
    return r.valid[PV_PARAMETRIC] ? r.var[PV_PARAMETRIC][p->nvar - 1] : NAN;
}

size_t brisk_compute(brisk_row *rows, size_t cap, const book *b, const exposure *e,
                     const pv_inputs *in, const pv_params *p, const brisk_limits *lim,
                     double now, double *delta_scratch)
{
    assert(rows && b && e && p);
    size_t nb = book_nbooks(b) < cap ? book_nbooks(b) : cap, nh = book_nholdings(b);
    size_t nund = in ? in->nund : 0;
    for (size_t k = 0; k < nb; k++) {
        brisk_row *r = &rows[k];
        double net_delta = 0;
        r->gross_usd = r->net_usd = r->pnl_realized = r->pnl_unrealized = 0;
        for (size_t u = 0; u < nund; u++)
            delta_scratch[u] = 0;
        for (size_t h = 0; h < nh; h++) {
            const book_holding *bh = book_holding_at(b, h);
            if (bh->book != k)
                continue;
            double notional, unrealized;
            expo_holding_value(e, b, bh, &notional, &unrealized);
            double delta = bh->pos.qty * unit_delta_usd(e, bh->inst);
            r->gross_usd += fabs(notional);
            r->net_usd += notional;
            const double realized = expo_holding_realized(e, b, bh);
            r->pnl_realized += isnan(realized) ? 0 : realized;
            r->pnl_unrealized += unrealized;
            net_delta += delta;
            int u = bh->inst < e->ninst ? e->inst[bh->inst].und : -1;
            if (u >= 0 && (size_t)u < nund)
                delta_scratch[u] += delta;
        }
        r->net_delta_usd = net_delta;
        r->var_usd = book_var(in, p, delta_scratch);
        update_limit(&r->delta, net_delta, lim ? lim[k].max_delta_usd : NAN, now);
        update_limit(&r->var, r->var_usd, lim ? lim[k].max_var_usd : NAN, now);
    }
    return nb;
}
