/* optrun.c - the options desk on the event clock (see optrun.h). */
#include "invtop/optrun.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/lp.h"

void or_default_params(or_params *p)
{
    memset(p, 0, sizeof *p);
    ladder_default_params(&p->ladder);
    stress_default_params(&p->stress);
    p->second_order = true;
}

int or_init(optrun *o, const or_params *p, size_t cap_inst, size_t max_und)
{
    memset(o, 0, sizeof *o);
    o->p = *p;
    o->cap_inst = cap_inst;
    o->max_und = max_und;
    o->stress_at = o->prev_time = NAN;
    o->und = calloc(max_und, sizeof *o->und);
    o->scratch = calloc(cap_inst, sizeof *o->scratch);
    o->moves = calloc(max_und, sizeof *o->moves);
    o->und_move = calloc(max_und, sizeof *o->und_move);
    o->prev = calloc(cap_inst, sizeof *o->prev);
    o->cur = calloc(cap_inst, sizeof *o->cur);
    o->inst_current = calloc(cap_inst, sizeof *o->inst_current);
    o->inst_last = calloc(cap_inst, sizeof *o->inst_last);
    o->inst_session = calloc(cap_inst, sizeof *o->inst_session);
    if (!o->und || !o->scratch || !o->moves || !o->und_move || !o->prev || !o->cur || !o->inst_current ||
        !o->inst_last || !o->inst_session)
        return -1;
    for (size_t i = 0; i < cap_inst; i++) {
        expl_clear(&o->inst_current[i]);
        expl_clear(&o->inst_last[i]);
        expl_clear(&o->inst_session[i]);
    }
    expl_clear(&o->current);
    expl_clear(&o->last);
    expl_clear(&o->session);
    return 0;
}

void or_free(optrun *o)
{
    free(o->legs);
    free(o->und);
    free(o->scratch);
    free(o->moves);
    free(o->und_move);
    free(o->cov);
    free(o->prev);
    free(o->cur);
    free(o->inst_current);
    free(o->inst_last);
    free(o->inst_session);
    memset(o, 0, sizeof *o);
}

/* ---- stress ---- */

/* The leg of holding h, or false when it cannot be revalued (no price, no
 * vol, expired, unmodelled): it then stays out of the grid. */
static bool leg_of(const book *b, const exposure *e, const book_holding *h, stress_leg *l)
{
    const book_inst *in = book_at(b, h->inst);
    const expo_inst *x = &e->inst[h->inst];
    if (x->und < 0 || (size_t)x->und >= e->nund || x->status != EXPO_OK || h->pos.qty == 0)
        return false;
    memset(l, 0, sizeof *l);
    l->und = (size_t)x->und;
    l->inst = h->inst;
    l->book = h->book;
    l->qm = h->pos.qty * in->ref.mult;
    const double S = e->und[x->und].price;
    switch (in->ref.kind) {
    case INST_OPTION:
        l->kind = STRESS_OPTION;
        l->spot = S;
        l->strike = in->ref.strike;
        l->T = x->T;
        l->r = e->rate;
        l->sigma = x->iv;
        l->right = in->ref.right;
        return S > 0 && x->T > 0 && x->iv > 0;
    case INST_LP:
        l->kind = STRESS_LP;
        l->spot = S;
        l->lower = in->ref.lower;
        l->upper = in->ref.upper;
        return S > 0 && l->qm > 0;
    default: /* in the report currency at the instrument's rate (x->status ok: it has one) */
        l->kind = in->ref.settle == INST_SETTLE_INVERSE ? STRESS_INVERSE : STRESS_LINEAR;
        l->spot = l->kind == STRESS_INVERSE ? in->mid : in->mid * x->rate;
        if (l->kind == STRESS_INVERSE)
            l->qm *= x->rate;
        return l->spot > 0;
    }
}

static bool build_legs(optrun *o, const book *b, const exposure *e)
{
    const size_t nh = book_nholdings(b);
    if (nh > o->cap_legs) {
        stress_leg *legs = realloc(o->legs, nh * sizeof *legs);
        if (!legs)
            return false;
        o->legs = legs;
        o->cap_legs = nh;
    }
    o->nlegs = 0;
    for (size_t k = 0; k < nh; k++) {
        const book_holding *h = book_holding_at(b, k);
        if (h->inst < e->ninst && leg_of(b, e, h, &o->legs[o->nlegs]))
            o->nlegs++;
    }
    return true;
}

/* The covariance of the window's log returns, nund x nund (NULL until it
 * is known or without memory: scenarios then carry no beta). */
static const double *covariance(optrun *o, const history *h, size_t nund)
{
    if (!hist_cov_ready(h) || nund == 0)
        return NULL;
    if (!o->cov && !(o->cov = malloc(o->max_und * o->max_und * sizeof *o->cov)))
        return NULL;
    for (size_t u = 0; u < nund; u++)
        for (size_t v = 0; v < nund; v++)
            o->cov[u * nund + v] = hist_cov(h, u, v);
    return o->cov;
}

static void run_scenarios(optrun *o, const exposure *e, const history *h)
{
    const size_t nund = e->nund;
    const double *cov = covariance(o, h, nund);
    for (size_t k = 0; k < o->p.nscen; k++) {
        const or_scenario *sc = &o->p.scen[k];
        for (size_t u = 0; u < nund; u++)
            o->und_move[u] = NAN;
        for (size_t m = 0; m < sc->nmoves; m++) {
            int u = hist_find(h, sc->und[m]);
            if (u >= 0 && (size_t)u < nund)
                o->und_move[u] = sc->move[m];
        }
        int d = sc->driver[0] ? hist_find(h, sc->driver) : -1;
        stress_scenario s = {o->und_move, d >= 0 && (size_t)d < nund ? d : -1, sc->driver_move, sc->vol_shift};
        o->scen_pnl[k] = stress_scenario_pnl(&s, o->legs, o->nlegs, e->ninst, nund, cov, o->moves,
                                             &o->scen_inst[k], &o->scen_inst_pnl[k], o->scratch);
    }
}

/* ---- explain ---- */

static void capture(const book *b, const exposure *e, size_t i, expl_state *st)
{
    const book_inst *in = book_at(b, i);
    const expo_inst *x = &e->inst[i];
    const double S = x->und >= 0 && (size_t)x->und < e->nund ? e->und[x->und].price : NAN;
    memset(st, 0, sizeof *st);
    st->known = true;
    st->linear = in->ref.kind != INST_OPTION && in->ref.kind != INST_LP;
    st->qm = in->pos.qty * in->ref.mult;
    st->mark = in->mid;
    st->S = S;
    st->sigma = x->iv;
    st->delta = x->delta;
    st->gamma = x->gamma;
    st->vega = x->vega * 100;   /* per vol point -> per 1.00 */
    st->theta = x->theta * 365; /* per day -> per year */
    st->vanna = x->vanna;
    st->volga = x->volga;
    st->pnl = x->realized + x->unrealized;
    st->fees = in->pos.fees;
    if (in->ref.kind == INST_LP) {
        const lp_range unit = {1.0, in->ref.lower, in->ref.upper};
        st->mark = S > 0 && in->has_ref ? lp_value(&unit, S) : NAN; /* per unit of liquidity */
    }
    if (x->status != EXPO_OK && !st->linear)
        st->delta = st->gamma = st->vega = st->theta = st->vanna = st->volga = NAN;
}

static void explain_step(optrun *o, const book *b, const exposure *e, double now, bool horizon)
{
    const size_t n = book_count(b);
    assert(n <= o->cap_inst && n <= e->ninst);
    for (size_t i = 0; i < n; i++)
        capture(b, e, i, &o->cur[i]);
    if (!isnan(o->prev_time) && now > o->prev_time) {
        const double dt = (now - o->prev_time) / (365.0 * 86400.0);
        const expl_state none = {0};
        for (size_t i = 0; i < n; i++) {
            expl_terms t;
            expl_step(i < o->nprev ? &o->prev[i] : &none, &o->cur[i], dt, o->p.second_order, &t);
            t.start = o->prev_time;
            t.end = now;
            expl_add(&o->inst_current[i], &t);
            expl_add(&o->inst_session[i], &t);
            expl_add(&o->current, &t);
            expl_add(&o->session, &t);
        }
    }
    if (horizon) {
        o->last = o->current;
        expl_clear(&o->current);
        for (size_t i = 0; i < n; i++) {
            o->inst_last[i] = o->inst_current[i];
            expl_clear(&o->inst_current[i]);
        }
    }
    expl_state *t = o->prev;
    o->prev = o->cur;
    o->cur = t;
    o->nprev = n;
    o->prev_time = now;
}

void or_sample(optrun *o, const book *b, const exposure *e, const history *h, double now, bool horizon)
{
    assert(o && b && e && h);
    explain_step(o, b, e, now, horizon);
    if (!build_legs(o, b, e))
        return;
    o->nund = e->nund < o->max_und ? e->nund : o->max_und;
    o->nbooks = book_nbooks(b) < BOOK_MAX_BOOKS ? book_nbooks(b) : BOOK_MAX_BOOKS;
    stress_run(&o->p.stress, o->legs, o->nlegs, e->ninst, o->nund, o->nbooks, &o->port, o->und, o->books,
               o->scratch);
    run_scenarios(o, e, h);
    o->stress_at = now;
}
