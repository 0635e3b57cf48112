/* limits.c - limit utilization and breaches (see limits.h). */
#include "invtop/limits.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void limits_default_params(limit_params *p)
{
    p->max_pos_lots = 50;
    p->max_delta_usd = 1e6;
    p->max_var_usd = 1e5;
}

int limits_init(limits *l, size_t cap_inst, size_t cap_und)
{
    memset(l, 0, sizeof *l);
    l->inst = calloc(cap_inst, sizeof *l->inst);
    l->und = calloc(cap_und, sizeof *l->und);
    l->cap_inst = cap_inst;
    l->cap_und = cap_und;
    l->var = (limit_state){NAN, NAN};
    for (size_t i = 0; l->inst && i < cap_inst; i++)
        l->inst[i] = (limit_state){NAN, NAN};
    for (size_t u = 0; l->und && u < cap_und; u++)
        l->und[u] = (limit_state){NAN, NAN};
    return l->inst && l->und ? 0 : -1;
}

void limits_free(limits *l)
{
    free(l->inst);
    free(l->und);
    memset(l, 0, sizeof *l);
}

/* Set a utilization and keep the breach start time; returns 1 when breached. */
static size_t set_util(limit_state *s, double util, double now)
{
    s->util = util;
    if (util > 1) {
        if (isnan(s->since))
            s->since = now;
        return 1;
    }
    s->since = NAN;
    return 0;
}

/* The override at i when there is one, else the default. */
static double pick(const double *ov, size_t i, double dflt)
{
    return ov && !isnan(ov[i]) ? ov[i] : dflt;
}

static const limit_overrides no_overrides = {NULL, NULL, NULL};

/* Instrument i's position against its limit. A pool range's position is
 * its liquidity, no count of lots: only a limit set for it applies (its
 * exposure is held by its underlying's delta limit). */
static double position_util(const limit_params *p, const book *b, size_t i, const limit_overrides *ov)
{
    const book_inst *in = book_at(b, i);
    double lot = in->ref.lot > 0 ? in->ref.lot : pick(ov->lot, i, 1);
    double max_lots = pick(ov->max_lots, i, in->ref.kind == INST_LP ? NAN : p->max_pos_lots);
    return max_lots > 0 ? fabs(in->pos.qty) / (max_lots * lot) : NAN;
}

void limits_update(limits *l, const limit_params *p, const book *b, const exposure *e,
                   double var_usd, double now, const limit_overrides *ov)
{
    if (!ov)
        ov = &no_overrides;
    l->breaches = 0;
    assert(e->ninst <= l->cap_inst); /* sized for the book (limits_init) */
    /* instruments a message brought in after e was computed keep their
     * state (limits_update_inst); the book only grows */
    if (e->ninst > l->ninst)
        l->ninst = e->ninst;
    for (size_t i = 0; i < l->ninst; i++)
        l->breaches += set_util(&l->inst[i], position_util(p, b, i, ov), now);
    l->nund = e->nund < l->cap_und ? e->nund : l->cap_und;
    for (size_t u = 0; u < l->nund; u++) {
        double max_delta = pick(ov->max_delta_usd, u, p->max_delta_usd);
        double util = max_delta > 0 ? fabs(e->und[u].delta_usd) / max_delta : NAN;
        l->breaches += set_util(&l->und[u], util, now);
    }
    double vu = p->max_var_usd > 0 && !isnan(var_usd) ? var_usd / p->max_var_usd : NAN;
    l->breaches += set_util(&l->var, vu, now);
}

void limits_update_inst(limits *l, const limit_params *p, const book *b, size_t i, double now,
                        const limit_overrides *ov)
{
    assert(l && p && b && i < book_count(b) && i < l->cap_inst);
    if (!ov)
        ov = &no_overrides;
    if (i >= l->ninst)
        l->ninst = i + 1; /* the slots between were never set: {NAN, NAN} (limits_init) */
    size_t was = l->inst[i].util > 1;
    size_t now_breached = set_util(&l->inst[i], position_util(p, b, i, ov), now);
    l->breaches = l->breaches - was + now_breached;
}
