/* columns.c - the positions table's columns (see columns.h). */
#include "tui/columns.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "invtop/skew.h"
#include "tui/drawkit.h"
#include "tui/format.h"
#include "tui/theme.h"

col_figures col_figures_of(const snap *s, long book_ix, size_t i)
{
    assert(s && i < s->ninst);
    const snap_inst *in = &s->inst[i];
    const bool inverse = in->settle == INST_SETTLE_INVERSE;
    double inst_delta = in->has_greeks ? in->delta_usd : NAN;
    if (book_ix < 0)
        return (col_figures){in->qty, in->notional_usd, inst_delta, in->pnl_realized + in->pnl_unrealized,
                             inverse ? in->pnl_realized_coin + in->pnl_unrealized_coin : NAN, true};
    col_figures r = {0, 0, 0, 0, inverse ? 0 : NAN, false};
    for (size_t k = in->first_holding; k < in->first_holding + in->nholdings && k < s->nholdings; k++) {
        const snap_holding *h = &s->holdings[k];
        if (h->book != (size_t)book_ix)
            continue;
        r.held = true;
        r.qty += h->qty;
        r.notional += h->notional_usd; /* the engine's, as the instrument's: converted, inverse-aware */
        r.pnl += h->pnl_realized + h->pnl_unrealized;
        r.pnl_coin += h->pnl_realized_coin + h->pnl_unrealized_coin;
    }
    if (in->kind != INST_OPTION && in->kind != INST_LP) /* delta-one: its delta is its value */
        r.delta_usd = isnan(inst_delta) ? NAN : r.notional;
    else
        r.delta_usd = in->qty != 0 ? inst_delta * r.qty / in->qty : NAN;
    return r;
}

/* ---- what the rows share ---- */

static double lot_of(const snap_inst *in)
{
    return in->lot > 0 ? in->lot : 1;
}

/* The quote shown: the effective one (an override's when one applies). */
static const ovr_quote *shown_quote(const snap_inst *in)
{
    return in->eff.valid ? &in->eff : NULL;
}

static int price_decimals(const snap_inst *in)
{
    return fmt_price_decimals(in->mid, in->tick);
}

/* Left-aligned text cut to width. */
/* A name that does not fit keeps its head and its longer tail with a '~'
 * between: an option's strike and right are at its end, and two options cut
 * at the end alone would read the same. Names are ASCII (wire symbols). */
static int text_cell(char *out, size_t cap, int width, const char *text)
{
    const int n = (int)strlen(text);
    if (n <= width || width < 5) {
        snprintf(out, cap, "%-*.*s", width, width, text);
        return SLOT_NORMAL;
    }
    const int tail = width / 2 + 1, head = width - 1 - tail;
    snprintf(out, cap, "%.*s~%s", head, text, text + n - tail);
    return SLOT_NORMAL;
}

/* ---- the columns' keys and cells, in the table's order ---- */

static const char *key_id(const snap_inst *in)
{
    return in->id;
}

static int cell_sym(const col_cell_src *c, char *out, size_t cap, int width)
{
    return text_cell(out, cap, width, c->in->sym);
}

static const char *key_venue(const snap_inst *in)
{
    return in->venue;
}

static int cell_venue(const col_cell_src *c, char *out, size_t cap, int width)
{
    return text_cell(out, cap, width, c->in->venue[0] ? c->in->venue : "-");
}

static double val_qty(const snap_inst *in, const col_figures *f)
{
    (void)in;
    return f->qty;
}

static int cell_qty(const col_cell_src *c, char *out, size_t cap, int width)
{
    fmt_aligned(out, cap, c->fig->qty, fmt_price_decimals(c->fig->qty, c->in->lot), 4, width);
    return SLOT_NORMAL;
}

static double val_mid(const snap_inst *in, const col_figures *f)
{
    (void)f;
    return in->mid;
}

static int cell_mid(const col_cell_src *c, char *out, size_t cap, int width)
{
    fmt_aligned(out, cap, c->in->mid, price_decimals(c->in), 6, width);
    return SLOT_NORMAL;
}

static double val_notional(const snap_inst *in, const col_figures *f)
{
    (void)in;
    return f->notional;
}

static int cell_notional(const col_cell_src *c, char *out, size_t cap, int width)
{
    fmt_number(out, cap, c->fig->notional, 0, width);
    return SLOT_NORMAL;
}

static double val_delta(const snap_inst *in, const col_figures *f)
{
    (void)in;
    return f->delta_usd;
}

static int cell_delta(const col_cell_src *c, char *out, size_t cap, int width)
{
    fmt_number(out, cap, c->fig->delta_usd, 0, width);
    return SLOT_NORMAL;
}

static double val_pnl(const snap_inst *in, const col_figures *f)
{
    (void)in;
    return f->pnl;
}

static int cell_pnl(const col_cell_src *c, char *out, size_t cap, int width)
{
    fmt_number(out, cap, c->fig->pnl, 0, width); /* whole USD, as Notional and Delta$ */
    return draw_loss_slot(c->fig->pnl);
}

static double val_pnl_coin(const snap_inst *in, const col_figures *f)
{
    (void)in;
    return f->pnl_coin;
}

/* Blank for a linear instrument (it has no coin P&L), else the coin to
 * 1e-5 (a satoshi is 1e-8: a fraction of a dollar at 1e-5). */
static int cell_pnl_coin(const col_cell_src *c, char *out, size_t cap, int width)
{
    if (c->in->settle != INST_SETTLE_INVERSE) {
        snprintf(out, cap, "%*s", width, "");
        return SLOT_NORMAL;
    }
    fmt_number(out, cap, c->fig->pnl_coin, 5, width);
    return draw_loss_slot(c->fig->pnl_coin);
}

static double val_inventory(const snap_inst *in, const col_figures *f)
{
    return fabs(f->qty / lot_of(in));
}

static int cell_inventory(const col_cell_src *c, char *out, size_t cap, int width)
{
    const snap_inst *in = c->in;
    /* the engine's utilization (per-instrument limits); a book's share against the default */
    double lots = c->fig->qty / lot_of(in);
    double util = c->book < 0 ? in->limit.util
                  : c->s->limits.max_pos_lots > 0 ? fabs(lots) / c->s->limits.max_pos_lots : NAN;
    char bar[64], q_s[16];
    snprintf(q_s, sizeof q_s, "%+5.1f ", fabs(lots) < 0.05 ? 0.0 : lots); /* never "-0.0" */
    fmt_bar(bar, sizeof bar, util, width - 6, c->utf8);
    snprintf(out, cap, "%s%s", q_s, bar);
    return isnan(util) ? SLOT_NORMAL : util > 1 ? SLOT_BREACH : util > 0.8 ? SLOT_WARNING : SLOT_NORMAL;
}

/* Sorted by the model's quote; the cells show the effective one. */
static double val_bid(const snap_inst *in, const col_figures *f)
{
    (void)f;
    return in->has_quote ? in->q.bid : NAN;
}

static int cell_bid(const col_cell_src *c, char *out, size_t cap, int width)
{
    const ovr_quote *q = shown_quote(c->in);
    fmt_aligned(out, cap, q ? q->bid : NAN, price_decimals(c->in), 6, width);
    return SLOT_NORMAL;
}

static double val_ask(const snap_inst *in, const col_figures *f)
{
    (void)f;
    return in->has_quote ? in->q.ask : NAN;
}

static int cell_ask(const col_cell_src *c, char *out, size_t cap, int width)
{
    const ovr_quote *q = shown_quote(c->in);
    fmt_aligned(out, cap, q ? q->ask : NAN, price_decimals(c->in), 6, width);
    return SLOT_NORMAL;
}

static double val_skew(const snap_inst *in, const col_figures *f)
{
    (void)f;
    return in->has_quote ? in->q.skew_bps : NAN;
}

static int cell_skew(const col_cell_src *c, char *out, size_t cap, int width)
{
    const ovr_quote *q = shown_quote(c->in);
    fmt_number(out, cap, q ? q->skew_bps : NAN, 2, width);
    return q ? (q->manual ? SLOT_WARNING : SLOT_NORMAL) : SLOT_DIM; /* its sign is a direction, not a gain */
}

static double val_model(const snap_inst *in, const col_figures *f)
{
    (void)f;
    return in->has_quote ? (double)in->q.model : NAN;
}

static int cell_model(const col_cell_src *c, char *out, size_t cap, int width)
{
    const ovr_quote *q = shown_quote(c->in);
    snprintf(out, cap, "%-*s", width, !q ? "-" : q->manual ? "manual" : skew_model_name(c->in->q.model));
    return SLOT_NORMAL;
}

/* ---- the table: one row per column, left to right as on screen ---- */

static const col_spec table[] = {
    {.name = "Symbol", .width = 13, .priority = 0, .left = true, .flags = COLF_SELECTION, .sort_text = key_id,
     .cell = cell_sym, .doc = "the instrument's symbol; sorted as a chain: by underlying, delta-one first, options by expiry, strike and right, then by id (symbol@venue)"},
    {.name = "Venue", .width = 10, .priority = 3, .left = true, .flags = COLF_VENUES, .sort_text = key_venue,
     .cell = cell_venue, .doc = "its exchange, - for none; sorting groups the venues"},
    {.name = "Qty", .width = 10, .priority = 1, .sort_value = val_qty, .cell = cell_qty,
     .doc = "the position in units, of the book shown"},
    {.name = "Mid", .width = 13, .priority = 2, .flags = COLF_STALE, .sort_value = val_mid, .cell = cell_mid,
     .doc = "the mid price, decimals from the tick; greyed when stale"},
    {.name = "Notional", .width = 10, .priority = 8, .sort_value = val_notional, .cell = cell_notional,
     .doc = "its value in the report currency (qty x multiplier x mid x rate; inverse: qty x multiplier "
            "x rate), whole units; - when unconverted"},
    {.name = "Delta$", .width = 10, .priority = 9, .sort_value = val_delta, .cell = cell_delta,
     .doc = "the USD delta (options: from their greeks), whole USD"},
    {.name = "PnL", .width = 10, .priority = 4, .sort_value = val_pnl, .cell = cell_pnl,
     .doc = "realized plus unrealized P&L, whole USD; a loss in the loss colour"},
    {.name = "PnL coin", .width = 10, .priority = 5, .flags = COLF_COINS, .sort_value = val_pnl_coin,
     .cell = cell_pnl_coin,
     .doc = "an inverse (coin-settled) instrument's realized plus unrealized P&L in its base coin, to 1e-5 "
            "(fees, paid in the quote currency, are in PnL only); blank for a linear one; the column exists "
            "once some instrument is inverse"},
    {.name = "Inventory", .width = 14, .priority = 7, .left = true, .sort_value = val_inventory,
     .cell = cell_inventory, .doc = "the position in lots and its limit's use as a bar; sorted by size"},
    {.name = "Bid", .width = 13, .priority = 10, .sort_value = val_bid, .cell = cell_bid,
     .doc = "the quoted bid (an override's when one applies)"},
    {.name = "Ask", .width = 13, .priority = 11, .sort_value = val_ask, .cell = cell_ask,
     .doc = "the quoted ask (an override's when one applies)"},
    {.name = "Skew bp", .width = 8, .priority = 6, .sort_value = val_skew, .cell = cell_skew,
     .doc = "the quote's skew in bp, a direction: marked when overridden"},
    {.name = "Model", .width = 6, .priority = 12, .left = true, .sort_value = val_model, .cell = cell_model,
     .doc = "the quoting model, or manual under an override"},
};
#define NCOLS (sizeof table / sizeof *table)
_Static_assert(NCOLS <= COL_MAX, "more columns than a column set holds: raise COL_MAX");

size_t col_count(void)
{
    return NCOLS;
}

const col_spec *col_info(size_t c)
{
    assert(c < NCOLS);
    return &table[c];
}

void col_fit(int width, unsigned have, bool shown[COL_MAX])
{
    assert(shown);
    const unsigned conditional = COLF_VENUES | COLF_COINS;
    int used = COL_FLAGS_WIDTH;
    for (size_t k = 0; k < COL_MAX; k++)
        shown[k] = false;
    for (int prio = 0; prio < (int)NCOLS; prio++)
        for (size_t k = 0; k < NCOLS; k++)
            if (table[k].priority == prio) {
                shown[k] = !(table[k].flags & conditional & ~have) &&
                           (width <= 0 || used + table[k].width + 1 <= width);
                if (shown[k])
                    used += table[k].width + 1;
            }
}

/* The Symbol column's order, as a desk reads a chain: by underlying, its
 * delta-one instruments (and pool ranges) first, then its options by expiry,
 * strike and right; the id breaks ties. */
static int chain_order(const snap_inst *a, const snap_inst *b)
{
    int r = strcmp(a->underlying[0] ? a->underlying : a->sym, b->underlying[0] ? b->underlying : b->sym);
    if (r)
        return r;
    const bool oa = a->kind == INST_OPTION, ob = b->kind == INST_OPTION;
    if (oa != ob)
        return oa - ob;
    if (oa) {
        if (a->expiry != b->expiry && !isnan(a->expiry) && !isnan(b->expiry))
            return a->expiry < b->expiry ? -1 : 1;
        if (a->strike != b->strike && !isnan(a->strike) && !isnan(b->strike))
            return a->strike < b->strike ? -1 : 1;
        if (a->right != b->right)
            return a->right < b->right ? -1 : 1;
    }
    return strcmp(a->id, b->id);
}

int col_compare(const snap *s, long book_ix, size_t col, bool desc, size_t x, size_t y)
{
    assert(col < NCOLS && x < s->ninst && y < s->ninst);
    const col_spec *c = &table[col];
    const snap_inst *ix = &s->inst[x], *iy = &s->inst[y];
    int r;
    if (c->sort_text == key_id) {
        r = chain_order(ix, iy);
    } else if (c->sort_text) {
        r = strcmp(c->sort_text(ix), c->sort_text(iy));
        if (r == 0)
            r = strcmp(ix->id, iy->id);
    } else {
        const col_figures fx = col_figures_of(s, book_ix, x), fy = col_figures_of(s, book_ix, y);
        const double a = c->sort_value(ix, &fx), b = c->sort_value(iy, &fy);
        if (isnan(a) || isnan(b))
            return isnan(a) - isnan(b); /* unknown values last, whatever the order */
        r = (a > b) - (a < b);
    }
    if (r == 0)
        r = (x > y) - (x < y); /* stable: first seen first */
    return desc ? -r : r;
}
