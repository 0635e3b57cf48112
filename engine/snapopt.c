/* snapopt.c - the options desk's parts of a snapshot (see snapopt.h). */
#include "invtop/snapopt.h"

#include <math.h>
#include <string.h>

static void copy_name(char *dst, size_t cap, const char *src)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* The row of (book name, underlying) or a new one; NULL when the table is full. */
static snap_ladder_row *ladder_row(snap *s, bool all, const char *book_name, const char *und)
{
    for (size_t k = 0; k < s->nladder; k++) {
        snap_ladder_row *r = &s->ladder_rows[k];
        if (r->all_books == all && strcmp(r->underlying, und) == 0 && strcmp(r->book, book_name) == 0)
            return r;
    }
    if (s->nladder == SNAP_LADDER_ROWS)
        return NULL;
    snap_ladder_row *r = &s->ladder_rows[s->nladder++];
    memset(r, 0, sizeof *r);
    r->all_books = all;
    copy_name(r->book, sizeof r->book, book_name);
    copy_name(r->underlying, sizeof r->underlying, und);
    r->ncells = s->ladder.nbuckets;
    return r;
}

static void build_ladder(snap *s, const book *b, const riskrun *rr, double now)
{
    const exposure *e = &rr->expo;
    s->ladder = rr->p.opt.ladder;
    s->nladder = 0;
    for (size_t i = 0; i < book_count(b) && i < e->ninst; i++) {
        const int u = e->inst[i].und;
        const book_inst *in = book_at(b, i);
        if (u < 0 || in->pos.qty == 0)
            continue;
        snap_ladder_row *r = ladder_row(s, true, "", hist_name(rr->hist, (size_t)u));
        if (r)
            ladder_add(&s->ladder, b, e, i, in->pos.qty, now, r->cell);
    }
    /* per book: only when there is more than one (else the same rows again) */
    for (size_t k = 0; k < book_nholdings(b) && book_nbooks(b) > 1; k++) {
        const book_holding *h = book_holding_at(b, k);
        const int u = h->inst < e->ninst ? e->inst[h->inst].und : -1;
        if (u < 0 || h->pos.qty == 0)
            continue;
        snap_ladder_row *r = ladder_row(s, false, book_name(b, h->book), hist_name(rr->hist, (size_t)u));
        if (r)
            ladder_add(&s->ladder, b, e, h->inst, h->pos.qty, now, r->cell);
    }
    for (size_t k = 0; k < s->nladder; k++) {
        snap_ladder_row *r = &s->ladder_rows[k];
        memset(&r->total, 0, sizeof r->total);
        for (size_t c = 0; c < r->ncells; c++)
            ladder_cell_add(&r->total, &r->cell[c]);
    }
}

static void copy_grid(snap_stress *d, const char *name, const stress_grid *g, const stress_params *p,
                      const book *b)
{
    copy_name(d->name, sizeof d->name, name);
    memcpy(d->pnl, g->pnl, sizeof d->pnl);
    memcpy(d->ext, g->ext, sizeof d->ext);
    d->worst_pnl = g->worst.pnl;
    d->worst_move = g->worst.move < p->nmoves ? p->moves[g->worst.move] : NAN;
    d->worst_vol = (int)g->worst.vol;
    d->worst_inst[0] = '\0';
    if (g->worst.inst >= 0 && (size_t)g->worst.inst < book_count(b))
        copy_name(d->worst_inst, sizeof d->worst_inst, book_at(b, (size_t)g->worst.inst)->id);
    d->worst_inst_pnl = g->worst.inst_pnl;
}

static void build_stress(snap *s, const book *b, const riskrun *rr)
{
    const optrun *o = &rr->opt;
    const stress_params *p = &o->p.stress;
    _Static_assert(SNAP_STRESS_MOVES == STRESS_MAX_MOVES && SNAP_STRESS_VOLS == STRESS_VOLS,
                   "the snapshot holds every grid cell");
    s->stress_at = o->stress_at;
    s->nstress_moves = p->nmoves;
    s->nstress_ext = p->nextended;
    memcpy(s->stress_moves, p->moves, sizeof s->stress_moves);
    memcpy(s->stress_ext_moves, p->extended, sizeof s->stress_ext_moves);
    s->nstress_und = s->nstress_books = s->nstress_named = 0;
    if (isnan(o->stress_at))
        return;
    copy_grid(&s->stress_port, "", &o->port, p, b);
    for (size_t u = 0; u < o->nund && s->nstress_und < SNAP_STRESS_PARTS; u++) {
        bool held = false;
        for (size_t k = 0; k < o->nlegs && !held; k++)
            held = o->legs[k].und == u;
        if (held)
            copy_grid(&s->stress_und[s->nstress_und++], hist_name(rr->hist, u), &o->und[u], p, b);
    }
    for (size_t k = 0; k < o->nbooks && k < book_nbooks(b) && s->nstress_books < SNAP_STRESS_PARTS; k++)
        copy_grid(&s->stress_books[s->nstress_books++], book_name(b, k), &o->books[k], p, b);
    for (size_t k = 0; k < o->p.nscen && k < SNAP_SCENARIOS; k++) {
        snap_scenario *d = &s->stress_named[s->nstress_named++];
        copy_name(d->name, sizeof d->name, o->p.scen[k].name);
        d->pnl = o->scen_pnl[k];
        d->worst_inst[0] = '\0';
        if (o->scen_inst[k] >= 0 && (size_t)o->scen_inst[k] < book_count(b))
            copy_name(d->worst_inst, sizeof d->worst_inst, book_at(b, (size_t)o->scen_inst[k])->id);
        d->worst_inst_pnl = o->scen_inst_pnl[k];
    }
}

void snapopt_build(snap *s, const book *b, const riskrun *rr, double now)
{
    s->iv_unsolved = rr->expo.iv_unsolved;
    build_ladder(s, b, rr, now);
    build_stress(s, b, rr);
    s->explain_second_order = rr->opt.p.second_order;
    s->explain_horizon_s = rr->p.pv.horizon_s;
    s->explain_last = rr->opt.last;
    s->explain_current = rr->opt.current;
    s->explain_session = rr->opt.session;
}

void snapopt_inst(snap_inst *x, const book *b, const riskrun *rr, size_t i)
{
    const book_inst *in = book_at(b, i);
    x->iv = NAN;
    x->lp_lower = x->lp_upper = x->lp_base = x->lp_quote = x->lp_il = NAN;
    expl_clear(&x->explain_last);
    expl_clear(&x->explain_session);
    if (i < rr->opt.nprev) {
        x->explain_last = rr->opt.inst_last[i];
        x->explain_session = rr->opt.inst_session[i];
    }
    if (i >= rr->expo.ninst)
        return;
    const expo_inst *e = &rr->expo.inst[i];
    x->iv = e->iv;
    x->iv_source = (int)e->iv_source;
    x->iv_unsolved = e->iv_unsolved;
    if (in->ref.kind == INST_LP) {
        /* no price of its own to go stale: it is valued from its underlying,
         * whose instruments say when their prices do */
        x->stale = false;
        x->lp_lower = in->ref.lower;
        x->lp_upper = in->ref.upper;
        if (e->status == EXPO_OK) {
            x->lp_base = e->lp_base;
            x->lp_quote = e->lp_quote;
            x->lp_il = e->lp_il;
            x->lp_in_range = e->lp_in_range;
        }
    }
}
