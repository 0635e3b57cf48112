/* ladder.c - the greeks ladder (see ladder.h). */
#include "invtop/ladder.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ladder_default_params(ladder_params *p)
{
    static const double bounds[] = {1, 7, 30, 90, INFINITY};
    p->nbuckets = sizeof bounds / sizeof *bounds;
    memcpy(p->upper_days, bounds, sizeof bounds);
}

int ladder_parse(const char *text, ladder_params *p)
{
    ladder_params q = {0};
    const char *s = text;
    while (*s) {
        char *end;
        double d = strtod(s, &end);
        if (end == s || !(d > 0) || !isfinite(d) || q.nbuckets + 1 >= LADDER_MAX_BUCKETS ||
            (q.nbuckets && !(d > q.upper_days[q.nbuckets - 1])))
            return -1;
        q.upper_days[q.nbuckets++] = d;
        s = end;
        while (*s == ' ')
            s++;
        if (*s == ',')
            s++;
        else if (*s)
            return -1;
    }
    if (q.nbuckets == 0)
        return -1;
    q.upper_days[q.nbuckets++] = INFINITY;
    *p = q;
    return 0;
}

void ladder_label(const ladder_params *p, size_t k, char *dst)
{
    assert(k < p->nbuckets);
    if (isinf(p->upper_days[k]))
        snprintf(dst, LADDER_LABEL, "%gd+", k ? p->upper_days[k - 1] : 0.0);
    else
        snprintf(dst, LADDER_LABEL, "%g-%gd", k ? p->upper_days[k - 1] : 0.0, p->upper_days[k]);
}

size_t ladder_bucket(const ladder_params *p, double days)
{
    if (isnan(days))
        return 0;
    size_t k = 0;
    while (k + 1 < p->nbuckets && days > p->upper_days[k])
        k++;
    return k;
}

void ladder_add(const ladder_params *p, const book *b, const exposure *e, size_t i, double qty, double now,
                ladder_cell *row)
{
    assert(i < e->ninst && i < book_count(b));
    const expo_inst *x = &e->inst[i];
    if (x->und < 0 || (size_t)x->und >= e->nund || qty == 0)
        return;
    const book_inst *in = book_at(b, i);
    const double S = e->und[x->und].price;
    const double days = isfinite(in->ref.expiry) ? (in->ref.expiry - now) / 86400.0 : NAN;
    ladder_cell *c = &row[ladder_bucket(p, days)];
    const double delta = qty * x->unit_delta;
    c->delta += delta;
    c->delta_usd += isfinite(S) ? delta * S : 0;
    c->gamma_usd += isfinite(S) ? qty * x->unit_gamma * S * S / 100 : 0;
    c->vega += qty * x->unit_vega;
    c->theta += qty * x->unit_theta;
}

void ladder_cell_add(ladder_cell *a, const ladder_cell *b)
{
    a->delta += b->delta;
    a->delta_usd += b->delta_usd;
    a->gamma_usd += b->gamma_usd;
    a->vega += b->vega;
    a->theta += b->theta;
}
