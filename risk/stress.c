/* stress.c - stress matrix and named scenarios (see stress.h). */
#include "invtop/stress.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "invtop/bs.h"
#include "invtop/lp.h"

/* Deribit's term structure pivots on the 30-day option. */
#define PIVOT_DAYS 30.0

void stress_default_params(stress_params *p)
{
    assert(p);
    /* literals rather than k * 0.04, so each move is the decimal it shows
     * (-0.16, not -0.16000000000000003) and a P&L is exactly qm S move */
    static const double moves[] = {-0.16, -0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12, 0.16};
    static const double extended[] = {-0.66, -0.33, 0.5, 1, 2, 3, 4, 5};
    memset(p, 0, sizeof *p);
    p->nmoves = sizeof moves / sizeof *moves;
    memcpy(p->moves, moves, sizeof moves);
    p->nextended = sizeof extended / sizeof *extended;
    memcpy(p->extended, extended, sizeof extended);
    p->vol_up = 0.5;
    p->vol_down = 0.25;
    p->power_short = 0.3;
    p->power_long = 0.13;
}

/* Writes the reason into why (when there is room) and returns -1. */
static int refuse(char *why, size_t whylen, const char *fmt, ...)
{
    if (why && whylen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, whylen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int check_moves(const double *m, size_t n, const char *what, char *why, size_t whylen)
{
    for (size_t k = 0; k < n; k++)
        if (!isfinite(m[k]) || !(m[k] > -1))
            return refuse(why, whylen, "%s[%zu] = %g: a move must be finite and > -1", what, k, m[k]);
    return 0;
}

int stress_params_check(const stress_params *p, char *why, size_t whylen)
{
    assert(p && (why || whylen == 0));
    if (p->nmoves < 1 || p->nmoves > STRESS_MAX_MOVES)
        return refuse(why, whylen, "%zu moves: 1 to %d", p->nmoves, STRESS_MAX_MOVES);
    if (p->nextended > STRESS_MAX_MOVES)
        return refuse(why, whylen, "%zu extended moves: at most %d", p->nextended, STRESS_MAX_MOVES);
    if (check_moves(p->moves, p->nmoves, "moves", why, whylen) != 0 ||
        check_moves(p->extended, p->nextended, "extended", why, whylen) != 0)
        return -1;
    if (!isfinite(p->vol_up) || !(p->vol_up >= 0))
        return refuse(why, whylen, "vol_up = %g: must be finite and >= 0", p->vol_up);
    if (!isfinite(p->vol_down) || !(p->vol_down >= 0))
        return refuse(why, whylen, "vol_down = %g: must be finite and >= 0", p->vol_down);
    if (!isfinite(p->power_short) || !(p->power_short >= 0))
        return refuse(why, whylen, "power_short = %g: must be finite and >= 0", p->power_short);
    if (!isfinite(p->power_long) || !(p->power_long >= 0))
        return refuse(why, whylen, "power_long = %g: must be finite and >= 0", p->power_long);
    /* the largest multiplier is the 1-day option's (days are floored at 1) */
    double mmax = pow(PIVOT_DAYS, p->power_short);
    if (!(p->vol_down * mmax < 1))
        return refuse(why, whylen,
                      "vol_down = %g: times 30^power_short (%g) must be < 1, or a 1-day option's vol "
                      "goes to 0",
                      p->vol_down, mmax);
    return 0;
}

double stress_vol_mult(const stress_params *p, double T)
{
    assert(p && T > 0);
    double days = T * 365;
    double power = days <= PIVOT_DAYS ? p->power_short : p->power_long;
    return pow(PIVOT_DAYS / fmax(days, 1), power);
}

/* sigma shocked in row vol with the multiplier m already known. Checked
 * parameters keep the down row positive (vol_down m < 1), so no floor. */
static double shock(const stress_params *p, double sigma, double m, size_t vol)
{
    if (vol == STRESS_VOL_SAME)
        return sigma;
    return vol == STRESS_VOL_UP ? sigma * (1 + p->vol_up * m) : sigma * (1 - p->vol_down * m);
}

double stress_shocked_vol(const stress_params *p, double sigma, double T, size_t vol)
{
    assert(p && sigma > 0 && T > 0 && vol < STRESS_VOLS);
    return shock(p, sigma, stress_vol_mult(p, T), vol);
}

int stress_leg_check(const stress_leg *l, size_t ninst, size_t nund, size_t nbooks)
{
    if (!l || l->und >= nund || l->inst >= ninst || l->book >= nbooks || !isfinite(l->qm) ||
        !isfinite(l->spot) || !(l->spot > 0))
        return -1;
    switch (l->kind) {
    case STRESS_LINEAR:
    case STRESS_INVERSE:
        return 0;
    case STRESS_OPTION:
        return l->strike > 0 && isfinite(l->strike) && l->T > 0 && isfinite(l->T) && l->sigma > 0 &&
                       isfinite(l->sigma) && isfinite(l->r) && (l->right == 'C' || l->right == 'P')
                   ? 0
                   : -1;
    case STRESS_LP: {
        lp_range r = {l->qm, l->lower, l->upper};
        return lp_check(&r);
    }
    }
    return -1;
}

/* bs_price_fast's constants for one vol: at S = exp(x), d1 = (x + d_shift)
 * / vst. Everything that does not depend on the move is computed once per
 * leg and vol, so a cell costs one exp and two erfc. */
typedef struct {
    double d_shift, vst;
} bs_row;

static bs_row bs_row_of(const stress_leg *l, double sigma)
{
    return (bs_row){-log(l->strike) + (l->r + 0.5 * sigma * sigma) * l->T, sigma * sqrt(l->T)};
}

/* A leg's constants for a set of vol rows: ln S, K e^{-rT}, one bs_row per
 * row's vol (options), the value now (options and LP). */
typedef struct {
    double x0, strike_df, base;
    bs_row row[STRESS_VOLS];
    lp_range lp;
} leg_consts;

/* sigmas[0..nrows) are the vols an option is revalued at (ignored for the
 * other kinds). */
static void leg_prepare(const stress_leg *l, const double *sigmas, size_t nrows, leg_consts *c)
{
    assert(nrows <= STRESS_VOLS);
    switch (l->kind) {
    case STRESS_LINEAR:
    case STRESS_INVERSE:
        break;
    case STRESS_OPTION: {
        c->x0 = log(l->spot);
        c->strike_df = l->strike * exp(-l->r * l->T);
        for (size_t v = 0; v < nrows; v++)
            c->row[v] = bs_row_of(l, sigmas[v]);
        /* the value now through the same function as the shocked values, so
         * an unmoved cell at the same vol is exactly 0 */
        bs_row now = bs_row_of(l, l->sigma);
        c->base = bs_price_fast(c->x0, now.d_shift, now.vst, c->strike_df, l->right);
        break;
    }
    case STRESS_LP:
        c->lp = (lp_range){l->qm, l->lower, l->upper};
        c->base = lp_value(&c->lp, l->spot);
        break;
    }
}

/* P&L of a prepared leg when its underlying moves by move (lm = log1p(move)),
 * an option at the vol of its row v. */
static double leg_pnl(const stress_leg *l, const leg_consts *c, double move, double lm, size_t v)
{
    switch (l->kind) {
    case STRESS_LINEAR:
        return l->qm * l->spot * move;
    case STRESS_OPTION:
        return l->qm * (bs_price_fast(c->x0 + lm, c->row[v].d_shift, c->row[v].vst, c->strike_df, l->right) -
                        c->base);
    case STRESS_LP:
        return lp_value(&c->lp, l->spot * (1 + move)) - c->base;
    case STRESS_INVERSE:
        return l->qm * move / (1 + move);
    }
    return 0;
}

/* The grid's vol of an option leg in each row (down, same, up). */
static void grid_vols(const stress_params *p, const stress_leg *l, double sig[STRESS_VOLS])
{
    double m = l->kind == STRESS_OPTION ? stress_vol_mult(p, l->T) : 0;
    for (size_t v = 0; v < STRESS_VOLS; v++)
        sig[v] = shock(p, l->sigma, m, v);
}

/* The whole grid of one leg into cell and ext. Linear and LP legs do not
 * see the vol, so one row is computed and copied. */
static void leg_grid(const stress_params *p, const double *lm, const double *lext, const stress_leg *l,
                     double cell[STRESS_VOLS][STRESS_MAX_MOVES], double *ext)
{
    double sig[STRESS_VOLS];
    grid_vols(p, l, sig);
    leg_consts c;
    leg_prepare(l, sig, STRESS_VOLS, &c);
    size_t n = p->nmoves;
    if (l->kind == STRESS_OPTION) {
        for (size_t v = 0; v < STRESS_VOLS; v++)
            for (size_t k = 0; k < n; k++)
                cell[v][k] = leg_pnl(l, &c, p->moves[k], lm[k], v);
    } else {
        for (size_t k = 0; k < n; k++)
            cell[0][k] = leg_pnl(l, &c, p->moves[k], lm[k], 0);
        memcpy(cell[1], cell[0], n * sizeof **cell);
        memcpy(cell[2], cell[0], n * sizeof **cell);
    }
    for (size_t k = 0; k < p->nextended; k++)
        ext[k] = leg_pnl(l, &c, p->extended[k], lext[k], STRESS_VOL_UP);
}

/* cell is read only, but C11 converts double (*)[N] to const double
 * (*)[N] only through a cast, so it is not declared const. */
static void grid_add(stress_grid *g, const stress_params *p, double cell[STRESS_VOLS][STRESS_MAX_MOVES],
                     const double *ext)
{
    for (size_t v = 0; v < STRESS_VOLS; v++)
        for (size_t k = 0; k < p->nmoves; k++)
            g->pnl[v][k] += cell[v][k];
    for (size_t k = 0; k < p->nextended; k++)
        g->ext[k] += ext[k];
}

/* The lowest cell, the first in vol-then-move order on ties. */
static void grid_worst_cell(stress_grid *g, size_t nmoves)
{
    stress_worst w = {g->pnl[0][0], 0, 0, -1, 0};
    for (size_t v = 0; v < STRESS_VOLS; v++)
        for (size_t k = 0; k < nmoves; k++)
            if (g->pnl[v][k] < w.pnl) {
                w.pnl = g->pnl[v][k];
                w.move = k;
                w.vol = v;
            }
    g->worst = w;
}

/* Which legs a grid holds. */
typedef enum { OF_ALL, OF_UND, OF_BOOK } leg_filter;

static int leg_in(const stress_leg *l, leg_filter f, size_t key)
{
    return f == OF_ALL || (f == OF_UND ? l->und == key : l->book == key);
}

/* The instrument with the lowest summed P&L, over the legs that pass the
 * filter, whose P&L in the cell are in scratch[inst] (filled by the
 * caller); ties go to the lowest index. *inst -1 and *pnl 0 without legs. */
static void lowest_inst(const stress_leg *legs, size_t nlegs, leg_filter f, size_t key,
                        const double *scratch, long *inst, double *pnl)
{
    *inst = -1;
    *pnl = 0;
    for (size_t i = 0; i < nlegs; i++) {
        const stress_leg *l = &legs[i];
        if (!leg_in(l, f, key))
            continue;
        double s = scratch[l->inst];
        if (*inst < 0 || s < *pnl || (s == *pnl && (long)l->inst < *inst)) {
            *inst = (long)l->inst;
            *pnl = s;
        }
    }
}

/* Names the worst instrument of grid g, whose legs are those passing the
 * filter: every such leg revalued in g's worst cell, summed per instrument
 * in scratch. */
static void name_worst(const stress_params *p, const double *lm, const stress_leg *legs, size_t nlegs,
                       leg_filter f, size_t key, stress_grid *g, double *scratch)
{
    const size_t k = g->worst.move, v = g->worst.vol;
    for (size_t i = 0; i < nlegs; i++)
        if (leg_in(&legs[i], f, key))
            scratch[legs[i].inst] = 0;
    for (size_t i = 0; i < nlegs; i++) {
        const stress_leg *l = &legs[i];
        if (!leg_in(l, f, key))
            continue;
        /* only the cell's row: the same vol, computed the same way, as
         * leg_grid's, so the sum matches the grid's cell */
        double sig = l->kind == STRESS_OPTION ? stress_shocked_vol(p, l->sigma, l->T, v) : 0;
        leg_consts c;
        leg_prepare(l, &sig, 1, &c);
        scratch[l->inst] += leg_pnl(l, &c, p->moves[k], lm[k], 0);
    }
    lowest_inst(legs, nlegs, f, key, scratch, &g->worst.inst, &g->worst.inst_pnl);
}

void stress_run(const stress_params *p, const stress_leg *legs, size_t nlegs, size_t ninst,
                size_t nund, size_t nbooks, stress_grid *port, stress_grid *und, stress_grid *books,
                double *scratch)
{
    assert(p && stress_params_check(p, NULL, 0) == 0);
    (void)ninst; /* only the legs' checks read it */
    assert(port && (und || nund == 0) && (books || nbooks == 0) && ((legs && scratch) || nlegs == 0));
    memset(port, 0, sizeof *port);
    if (nund)
        memset(und, 0, nund * sizeof *und);
    if (nbooks)
        memset(books, 0, nbooks * sizeof *books);
    /* ln(1 + move) once per move, shared by every option leg */
    double lm[STRESS_MAX_MOVES], lext[STRESS_MAX_MOVES];
    for (size_t k = 0; k < p->nmoves; k++)
        lm[k] = log1p(p->moves[k]);
    for (size_t k = 0; k < p->nextended; k++)
        lext[k] = log1p(p->extended[k]);
    double cell[STRESS_VOLS][STRESS_MAX_MOVES], ext[STRESS_MAX_MOVES];
    for (size_t i = 0; i < nlegs; i++) {
        const stress_leg *l = &legs[i];
        assert(stress_leg_check(l, ninst, nund, nbooks) == 0);
        leg_grid(p, lm, lext, l, cell, ext);
        grid_add(port, p, cell, ext);
        grid_add(&und[l->und], p, cell, ext);
        grid_add(&books[l->book], p, cell, ext);
    }
    grid_worst_cell(port, p->nmoves);
    name_worst(p, lm, legs, nlegs, OF_ALL, 0, port, scratch);
    for (size_t u = 0; u < nund; u++) {
        grid_worst_cell(&und[u], p->nmoves);
        name_worst(p, lm, legs, nlegs, OF_UND, u, &und[u], scratch);
    }
    for (size_t b = 0; b < nbooks; b++) {
        grid_worst_cell(&books[b], p->nmoves);
        name_worst(p, lm, legs, nlegs, OF_BOOK, b, &books[b], scratch);
    }
}

/* The scenario's moves per underlying (see stress.h). */
static void scenario_moves(const stress_scenario *s, size_t nund, const double *cov, double *moves)
{
    for (size_t u = 0; u < nund; u++) {
        double m = s->und_move ? s->und_move[u] : NAN;
        assert(isnan(m) || (isfinite(m) && m > -1));
        moves[u] = m;
    }
    if (s->driver >= 0) {
        size_t d = (size_t)s->driver;
        assert(d < nund && isfinite(s->driver_move) && s->driver_move > -1);
        moves[d] = s->driver_move;
        double var = cov ? cov[d * nund + d] : NAN;
        if (var > 0 && isfinite(var)) {
            double ld = log1p(s->driver_move);
            for (size_t u = 0; u < nund; u++)
                if (isnan(moves[u]))
                    moves[u] = expm1(cov[u * nund + d] / var * ld);
        }
    }
    for (size_t u = 0; u < nund; u++)
        if (isnan(moves[u]))
            moves[u] = 0;
}

double stress_scenario_pnl(const stress_scenario *s, const stress_leg *legs, size_t nlegs,
                           size_t ninst, size_t nund, const double *cov, double *moves_out,
                           long *worst_inst, double *worst_inst_pnl, double *scratch)
{
    assert(s && (moves_out || nund == 0) && ((legs && scratch) || nlegs == 0));
    assert(isfinite(s->vol_shift));
    (void)ninst; /* only the legs' checks read it */
    scenario_moves(s, nund, cov, moves_out);
    for (size_t i = 0; i < nlegs; i++) {
        assert(stress_leg_check(&legs[i], ninst, nund, SIZE_MAX) == 0);
        scratch[legs[i].inst] = 0;
    }
    double total = 0;
    for (size_t i = 0; i < nlegs; i++) {
        const stress_leg *l = &legs[i];
        /* one row, at the shifted vol */
        double sig = fmax(l->sigma + s->vol_shift, STRESS_MIN_VOL);
        leg_consts c;
        leg_prepare(l, &sig, 1, &c);
        double m = moves_out[l->und];
        double pnl = leg_pnl(l, &c, m, log1p(m), 0);
        scratch[l->inst] += pnl;
        total += pnl;
    }
    long inst;
    double inst_pnl;
    lowest_inst(legs, nlegs, OF_ALL, 0, scratch, &inst, &inst_pnl);
    if (worst_inst)
        *worst_inst = inst;
    if (worst_inst_pnl)
        *worst_inst_pnl = inst_pnl;
    return total;
}
