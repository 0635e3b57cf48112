/* optview.c - the options desk's panels' data (see optview.h). */
#include "tui/optview.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/drawkit.h"

static const struct {
    const char *name, *words;
    bool fractional;
} figs[OPTV_FIGS] = {
    [OPTV_DELTA] = {"delta", "delta, underlying units", true},
    [OPTV_DELTA_USD] = {"$delta", "delta, USD", false},
    [OPTV_GAMMA_USD] = {"$gamma/1%", "$gamma per 1% move, USD", false},
    [OPTV_VEGA] = {"vega", "vega, USD per vol point", false},
    [OPTV_THETA] = {"theta", "theta, USD per day", false},
};

const char *optv_fig_name(optv_fig f)
{
    assert((unsigned)f < OPTV_FIGS);
    return figs[f].name;
}

const char *optv_fig_words(optv_fig f)
{
    assert((unsigned)f < OPTV_FIGS);
    return figs[f].words;
}

bool optv_fig_fractional(optv_fig f)
{
    assert((unsigned)f < OPTV_FIGS);
    return figs[f].fractional;
}

const char *optv_sort_name(optv_sort s)
{
    return s == OPTV_BY_TOTAL ? "|total|" : "name";
}

double optv_fig_value(const ladder_cell *c, optv_fig f)
{
    switch (f) {
    case OPTV_DELTA: return c->delta;
    case OPTV_DELTA_USD: return c->delta_usd;
    case OPTV_GAMMA_USD: return c->gamma_usd;
    case OPTV_VEGA: return c->vega;
    case OPTV_THETA: return c->theta;
    default: return NAN;
    }
}

/* ---- the ladder ---- */

/* Whether ladder row r belongs to the book shown (book_ix -1: all books). */
static bool row_shown(const snap *s, const snap_ladder_row *r, long book_ix)
{
    if (book_ix < 0 || (size_t)book_ix >= s->nbooks)
        return r->all_books;
    return !r->all_books && strcmp(r->book, s->books[book_ix].name) == 0;
}

/* x before y: < 0. Ties by name, then by place (stable). */
static int row_cmp(const snap *s, optv_fig f, optv_sort sort, size_t x, size_t y)
{
    const snap_ladder_row *a = &s->ladder_rows[x], *b = &s->ladder_rows[y];
    if (sort == OPTV_BY_TOTAL) {
        double va = fabs(optv_fig_value(&a->total, f)), vb = fabs(optv_fig_value(&b->total, f));
        if (isnan(va) != isnan(vb))
            return isnan(va) ? 1 : -1; /* unknown last */
        if (va != vb && !isnan(va))
            return va > vb ? -1 : 1;
    }
    int c = strcmp(a->underlying, b->underlying);
    return c ? c : (x > y) - (x < y);
}

size_t optv_ladder_rows(const snap *s, long book_ix, optv_fig f, optv_sort sort, size_t out[SNAP_LADDER_ROWS])
{
    size_t n = 0;
    for (size_t k = 0; k < s->nladder && k < SNAP_LADDER_ROWS; k++)
        if (row_shown(s, &s->ladder_rows[k], book_ix))
            out[n++] = k;
    /* insertion sort: at most SNAP_LADDER_ROWS rows, sorted after each key or snapshot */
    for (size_t i = 1; i < n; i++) {
        size_t v = out[i], j = i;
        for (; j > 0 && row_cmp(s, f, sort, out[j - 1], v) > 0; j--)
            out[j] = out[j - 1];
        out[j] = v;
    }
    return n;
}

size_t optv_bucket_of(const snap *s, const snap_inst *in)
{
    const double days = isfinite(in->expiry) ? (in->expiry - s->ts) / 86400.0 : NAN;
    return ladder_bucket(&s->ladder, days);
}

bool optv_in_ladder_cell(const snap *s, long book_ix, size_t i, const char *und, int bucket)
{
    assert(i < s->ninst);
    const snap_inst *in = &s->inst[i];
    if (!in->underlying[0] || strcmp(in->underlying, und) != 0)
        return false;
    if (bucket >= 0 && optv_bucket_of(s, in) != (size_t)bucket)
        return false;
    if (book_ix < 0)
        return in->qty != 0; /* the ladder sums what is held */
    for (size_t k = in->first_holding; k < in->first_holding + in->nholdings && k < s->nholdings; k++)
        if (s->holdings[k].book == (size_t)book_ix && s->holdings[k].qty != 0)
            return true;
    return false;
}

void optv_cell_words(const snap *s, const char *und, int bucket, char *out, size_t cap)
{
    char label[LADDER_LABEL] = "";
    if (bucket >= 0 && (size_t)bucket < s->ladder.nbuckets && s->ladder.nbuckets <= LADDER_MAX_BUCKETS)
        ladder_label(&s->ladder, (size_t)bucket, label);
    snprintf(out, cap, "%s %s", und, label[0] ? label : "every expiry");
}

size_t optv_ladder_fit(int width, size_t nbuckets)
{
    const int room = width - OPTV_LADDER_NAME_W - OPTV_LADDER_TOTAL_W;
    if (room < OPTV_LADDER_CELL_W)
        return 0;
    const size_t fit = (size_t)(room / OPTV_LADDER_CELL_W);
    return fit < nbuckets ? fit : nbuckets;
}

size_t optv_ladder_first(size_t fit, size_t nbuckets, size_t col, size_t first)
{
    if (fit == 0 || fit >= nbuckets)
        return 0;
    const size_t last_first = nbuckets - fit;
    if (col >= nbuckets) /* the total: always shown, the window stays */
        return first > last_first ? last_first : first;
    if (col < first)
        return col;
    if (col >= first + fit)
        return col - fit + 1;
    return first > last_first ? last_first : first;
}

/* ---- stress ---- */

const snap_stress *optv_stress_find(const snap *s, optv_part_kind kind, const char *name, bool *found)
{
    const snap_stress *v = kind == OPTV_UNDERLYING ? s->stress_und : s->stress_books;
    const size_t n = kind == OPTV_UNDERLYING ? s->nstress_und : kind == OPTV_BOOK ? s->nstress_books : 0;
    for (size_t k = 0; k < n && k < SNAP_STRESS_PARTS; k++)
        if (strcmp(v[k].name, name) == 0) {
            *found = true;
            return &v[k];
        }
    *found = kind == OPTV_PORTFOLIO;
    return &s->stress_port;
}

void optv_stress_next(const snap *s, optv_part_kind *kind, char *name)
{
    /* the parts in order: 0 the portfolio, then underlyings, then books */
    const size_t nu = s->nstress_und < SNAP_STRESS_PARTS ? s->nstress_und : SNAP_STRESS_PARTS;
    const size_t nb = s->nstress_books < SNAP_STRESS_PARTS ? s->nstress_books : SNAP_STRESS_PARTS;
    size_t at = 0;
    bool found;
    const snap_stress *cur = optv_stress_find(s, *kind, name, &found);
    if (found && *kind == OPTV_UNDERLYING)
        at = 1 + (size_t)(cur - s->stress_und);
    else if (found && *kind == OPTV_BOOK)
        at = 1 + nu + (size_t)(cur - s->stress_books);
    const size_t next = (at + 1) % (1 + nu + nb);
    if (next == 0) {
        *kind = OPTV_PORTFOLIO;
        name[0] = '\0';
    } else if (next <= nu) {
        *kind = OPTV_UNDERLYING;
        snprintf(name, EVENT_SYM_MAX, "%s", s->stress_und[next - 1].name);
    } else {
        *kind = OPTV_BOOK;
        snprintf(name, EVENT_SYM_MAX, "%s", s->stress_books[next - 1 - nu].name);
    }
}

void optv_part_label(optv_part_kind kind, const char *name, char *out, size_t cap)
{
    if (kind == OPTV_UNDERLYING)
        snprintf(out, cap, "underlying %s", name);
    else if (kind == OPTV_BOOK)
        snprintf(out, cap, "book %s", draw_book_label(name));
    else
        snprintf(out, cap, "portfolio");
}

int optv_worst_col(const snap *s, const snap_stress *g)
{
    for (size_t k = 0; k < s->nstress_moves && k < SNAP_STRESS_MOVES; k++)
        if (s->stress_moves[k] == g->worst_move) /* the engine copies the move itself */
            return (int)k;
    return -1;
}

int optv_grid_width(size_t n)
{
    return OPTV_GRID_LABEL_W + (int)n * OPTV_GRID_CELL_W;
}

void optv_move_label(double move, char *out, size_t cap)
{
    const double pct = move * 100;
    /* %g of a fraction times 100 shows float dust (4.0000000000000036) */
    const double r = round(pct * 100) / 100;
    if (r == 0)
        snprintf(out, cap, "0%%");
    else
        snprintf(out, cap, "%+g%%", r);
}

/* x before y: the larger loss first, NAN last, then the engine's order. */
static bool scen_before(const snap_scenario *v, size_t x, size_t y)
{
    const double a = v[x].pnl, b = v[y].pnl;
    if (isnan(a) != isnan(b))
        return isnan(b);
    return a < b || (!(a > b) && x < y);
}

size_t optv_scenario_order(const snap *s, size_t out[SNAP_SCENARIOS])
{
    const size_t n = s->nstress_named < SNAP_SCENARIOS ? s->nstress_named : SNAP_SCENARIOS;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        for (; j > 0 && scen_before(s->stress_named, i, out[j - 1]); j--)
            out[j] = out[j - 1];
        out[j] = i;
    }
    return n;
}

/* ---- explain ---- */

size_t optv_explain_terms(const snap *s, expl_term out[EXPL_NTERMS])
{
    size_t n = 0;
    for (int t = 0; t < EXPL_NTERMS; t++)
        if (s->explain_second_order || (t != EXPL_VANNA && t != EXPL_VOLGA))
            out[n++] = (expl_term)t;
    return n;
}

const char *optv_term_label(expl_term t)
{
    switch (t) {
    case EXPL_UNEXPLAINED: return "unexpl";
    case EXPL_NEW_TRADES: return "trades";
    default: return (unsigned)t < EXPL_NTERMS ? expl_term_name(t) : "?";
    }
}
