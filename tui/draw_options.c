/* draw_options.c - the options desk's panels: the greeks ladder, and the
 * stress grid with the P&L explain (see drawpanel.h). What they show of
 * the snapshot is optview's; here, where it goes in the panel's cells. */
#include "tui/drawpanel.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tui/format.h"
#include "tui/optview.h"

/* ---- the greeks ladder ---- */

void draw_ladder_fit(dash *d, const lay_rect *r)
{
    const int rows = r->h - 3; /* the box and the header */
    dash_ladder_fit(d, rows > 0 ? (size_t)rows : 0, r->w - 4);
}

/* The first bucket shown: dash_ladder_fit's, within s's buckets. */
static size_t ladder_first(const dash *d, size_t fit, size_t nb)
{
    return fit >= nb ? 0 : d->lad_first > nb - fit ? nb - fit : d->lad_first;
}

void draw_ladder(const panel_frame *f, const lay_rect *r, bool focused)
{
    const draw_ctx *c = f->c;
    const snap *s = f->s;
    const dash *d = f->d;
    const int x = r->x + 2, w = r->w - 4, end = r->y + r->h - 1;
    const bool one_book = d->book >= 0 && (size_t)d->book < s->nbooks;
    const size_t nb = s->ladder.nbuckets <= LADDER_MAX_BUCKETS ? s->ladder.nbuckets : 0;
    const size_t fit = optv_ladder_fit(w, nb), first = ladder_first(d, fit, nb);
    const int rows = end - (r->y + 2);
    char title[256], paged[96] = "", scrolled[80] = "";
    if (fit && fit < nb) /* say that buckets are off the panel, and which show */
        snprintf(paged, sizeof paged, ", buckets %zu-%zu of %zu (Left/Right)", first + 1, first + fit, nb);
    if (rows > 0 && d->nlad > (size_t)rows)
        snprintf(scrolled, sizeof scrolled, ", rows %zu-%zu of %zu", d->lad_scroll + 1,
                 d->lad_scroll + (size_t)rows < d->nlad ? d->lad_scroll + (size_t)rows : d->nlad, d->nlad);
    snprintf(title, sizeof title, "Ladder: %s, %s%s, by %s%s%s", optv_fig_words(d->lad_fig), one_book ? "book " : "",
             one_book ? draw_book_label(s->books[d->book].name) : "all books", optv_sort_name(d->lad_sort), paged,
             scrolled);
    draw_box(c, r, title, focused);
    int y = r->y + 1;
    if (w <= 0 || y >= end)
        return;
    if (nb == 0) {
        draw_wrapped(c, &y, end, x, w, 2, SLOT_DIM, "no ladder: the engine has not sent one yet");
        return;
    }
    if (fit == 0) {
        char why[96];
        snprintf(why, sizeof why, "the ladder needs %d columns: widen the terminal",
                 OPTV_LADDER_NAME_W + OPTV_LADDER_CELL_W + OPTV_LADDER_TOTAL_W + 4);
        draw_wrapped(c, &y, end, x, w, 2, SLOT_DIM, why);
        return;
    }
    /* the header: the cursor's bucket (or the total) marked when focused */
    char cell[32];
    draw_text(c, y, x, OPTV_LADDER_NAME_W, SLOT_HEADER, "Underlying");
    int cx = x + OPTV_LADDER_NAME_W;
    for (size_t b = first; b < first + fit; b++) {
        char label[LADDER_LABEL];
        ladder_label(&s->ladder, b, label);
        snprintf(cell, sizeof cell, "%*.*s", OPTV_LADDER_CELL_W, OPTV_LADDER_CELL_W - 1, label);
        draw_text(c, y, cx, OPTV_LADDER_CELL_W, focused && d->lad_col == b ? SLOT_SELECTION : SLOT_HEADER, cell);
        cx += OPTV_LADDER_CELL_W;
    }
    snprintf(cell, sizeof cell, "%*s", OPTV_LADDER_TOTAL_W, "Total");
    draw_text(c, y, cx, OPTV_LADDER_TOTAL_W, focused && d->lad_col >= nb ? SLOT_SELECTION : SLOT_HEADER, cell);
    y++;
    if (d->nlad == 0) {
        draw_wrapped(c, &y, end, x, w, 2, SLOT_DIM,
                     one_book ? "this book holds nothing on a modelled underlying"
                              : "nothing held on a modelled underlying");
        return;
    }
    const bool frac = optv_fig_fractional(d->lad_fig);
    for (size_t k = d->lad_scroll; k < d->nlad && y < end; k++, y++) {
        if (d->lad_rows[k] >= s->nladder) /* ordered from this snapshot: never, but never read past it */
            break;
        const snap_ladder_row *row = &s->ladder_rows[d->lad_rows[k]];
        const bool cur = focused && k == d->lad_sel;
        const bool scoped = d->scope_on && strcmp(d->scope_und, row->underlying) == 0;
        char name[OPTV_LADDER_NAME_W + 8];
        /* the row Enter scoped the positions to is marked, focused or not */
        snprintf(name, sizeof name, "%s%-*.*s", scoped ? "*" : " ", OPTV_LADDER_NAME_W - 2, OPTV_LADDER_NAME_W - 2,
                 row->underlying);
        draw_text(c, y, x, OPTV_LADDER_NAME_W - 1, cur ? SLOT_SELECTION : SLOT_NORMAL, name);
        cx = x + OPTV_LADDER_NAME_W;
        for (size_t b = first; b < first + fit; b++) {
            const double v = b < row->ncells ? optv_fig_value(&row->cell[b], d->lad_fig) : NAN;
            fmt_abbrev(cell, sizeof cell, v, frac, OPTV_LADDER_CELL_W);
            /* an empty bucket dimmed: the figures that are there stand out */
            draw_text(c, y, cx, OPTV_LADDER_CELL_W, cur && d->lad_col == b ? SLOT_SELECTION : v == 0 ? SLOT_DIM : SLOT_NORMAL,
                      cell);
            cx += OPTV_LADDER_CELL_W;
        }
        fmt_abbrev(cell, sizeof cell, optv_fig_value(&row->total, d->lad_fig), frac, OPTV_LADDER_TOTAL_W);
        draw_text(c, y, cx, OPTV_LADDER_TOTAL_W, cur && d->lad_col >= nb ? SLOT_SELECTION : SLOT_NORMAL, cell);
    }
}

/* ---- the stress grid ---- */

static const char *const vol_names[SNAP_STRESS_VOLS] = {"down", "same", "up"};

/* A row of moves: label, then each move's header. */
static void moves_row(const draw_ctx *c, int y, int x, const char *label, const double *moves, size_t n)
{
    char cell[32], m[16];
    draw_text(c, y, x, OPTV_GRID_LABEL_W, SLOT_HEADER, label);
    for (size_t k = 0; k < n; k++) {
        optv_move_label(moves[k], m, sizeof m);
        snprintf(cell, sizeof cell, "%*s", OPTV_GRID_CELL_W, m);
        draw_text(c, y, x + OPTV_GRID_LABEL_W + (int)k * OPTV_GRID_CELL_W, OPTV_GRID_CELL_W, SLOT_HEADER, cell);
    }
}

/* A row of P&L figures after a label; column `mark` (-1: none) is the
 * worst cell: on a background in every theme, reverse video in monochrome
 * (bold alone would not set it apart from the losses, bold there). */
static void pnl_row(const draw_ctx *c, int y, int x, const char *label, const double *pnl, size_t n, int mark)
{
    char cell[32];
    draw_text(c, y, x, OPTV_GRID_LABEL_W, SLOT_HEADER, label);
    for (size_t k = 0; k < n; k++) {
        fmt_abbrev(cell, sizeof cell, pnl[k], false, OPTV_GRID_CELL_W - 1);
        const int slot = (int)k == mark ? (pnl[k] < 0 ? SLOT_BREACH : SLOT_SELECTION) : draw_loss_slot(pnl[k]);
        const int cx = x + OPTV_GRID_LABEL_W + (int)k * OPTV_GRID_CELL_W;
        draw_text(c, y, cx + 1, OPTV_GRID_CELL_W - 1, slot, cell);
    }
}

/* "worst -20.8k: move -16%, vol down; BTC-PERP loses most there, -20.8k". */
static void worst_words(const snap_stress *g, char *out, size_t cap)
{
    char pnl[16], mv[16], inst[16];
    fmt_abbrev(pnl, sizeof pnl, g->worst_pnl, false, 6);
    optv_move_label(g->worst_move, mv, sizeof mv);
    const char *vol = g->worst_vol >= 0 && g->worst_vol < SNAP_STRESS_VOLS ? vol_names[g->worst_vol] : "?";
    if (!g->worst_inst[0]) {
        snprintf(out, cap, "worst %s: move %s, vol %s (no position loses)", pnl + strspn(pnl, " "), mv, vol);
        return;
    }
    fmt_abbrev(inst, sizeof inst, g->worst_inst_pnl, false, 6);
    snprintf(out, cap, "worst %s: move %s, vol %s; %s loses most there, %s", pnl + strspn(pnl, " "), mv, vol,
             g->worst_inst, inst + strspn(inst, " "));
}

/* The P&L explain's table: a row per interval (the last complete horizon,
 * the open one, the session), a column per term. Needs 4 rows. */
static void explain_block(const draw_ctx *c, int y, int x, int w, const snap *s, bool under_other)
{
    expl_term terms[EXPL_NTERMS];
    const size_t n = optv_explain_terms(s, terms);
    const int lw = w - (int)n * OPTV_GRID_CELL_W > 10 ? 10 : w - (int)n * OPTV_GRID_CELL_W;
    char cell[32], hz[16], last[32];
    fmt_horizon(hz, sizeof hz, s->explain_horizon_s);
    if (lw >= 9)
        snprintf(last, sizeof last, "last %s", hz);
    else
        snprintf(last, sizeof last, "last");
    /* under another part's grid the explain is still the portfolio's */
    draw_text(c, y, x, lw, SLOT_HEADER, under_other ? "port" : "P&L");
    for (size_t k = 0; k < n; k++) {
        snprintf(cell, sizeof cell, "%*s", OPTV_GRID_CELL_W, optv_term_label(terms[k]));
        draw_text(c, y, x + lw + (int)k * OPTV_GRID_CELL_W, OPTV_GRID_CELL_W, SLOT_HEADER, cell);
    }
    const expl_terms *rows[3] = {&s->explain_last, &s->explain_current, &s->explain_session};
    const char *labels[3] = {last, "open", lw >= 7 ? "session" : "sess"};
    for (int r = 0; r < 3; r++) {
        const int ry = y + 1 + r;
        draw_text(c, ry, x, lw, SLOT_HEADER, labels[r]);
        if (isnan(rows[r]->start)) { /* no interval yet: not zeros that were never measured */
            draw_text(c, ry, x + lw + 1, w - lw - 1, SLOT_DIM,
                      r == 0 ? "no complete horizon yet" : "nothing measured yet");
            continue;
        }
        for (size_t k = 0; k < n; k++) {
            const double v = rows[r]->term[terms[k]];
            fmt_abbrev(cell, sizeof cell, v, true, OPTV_GRID_CELL_W - 1);
            draw_text(c, ry, x + lw + (int)k * OPTV_GRID_CELL_W + 1, OPTV_GRID_CELL_W - 1,
                      terms[k] == EXPL_TOTAL ? draw_loss_slot(v) : SLOT_NORMAL, cell);
        }
    }
}

/* Cells the explain table needs: its terms and a label of 4 at least. */
static int explain_width(const snap *s)
{
    expl_term terms[EXPL_NTERMS];
    return 4 + (int)optv_explain_terms(s, terms) * OPTV_GRID_CELL_W;
}

/* One named scenario a line: name, P&L, the position losing most; `more`
 * (> 0): how many others have no row, said at the line's start. */
static void scenario_line(const draw_ctx *c, int y, int x, int w, const snap_scenario *sc, size_t more)
{
    char pnl[16], inst[16], count[48] = "", line[EVENT_SYM_MAX + EVENT_ID_MAX + 112];
    fmt_abbrev(pnl, sizeof pnl, sc->pnl, false, 6);
    if (more)
        snprintf(count, sizeof count, "(+%zu more, enlarge) ", more);
    if (sc->worst_inst[0]) {
        fmt_abbrev(inst, sizeof inst, sc->worst_inst_pnl, false, 6);
        snprintf(line, sizeof line, "%s%-12.12s %s  %s loses most, %s", count, sc->name, pnl, sc->worst_inst,
                 inst + strspn(inst, " "));
    } else {
        snprintf(line, sizeof line, "%s%-12.12s %s", count, sc->name, pnl);
    }
    draw_text(c, y, x, w, draw_loss_slot(sc->pnl), line);
}

/* What the panel shows below the grid and its worst line, in this order
 * as rows allow; a block that does not fit whole is left out (and named). */
enum { BLK_EXPLAIN, BLK_EXTENDED, BLK_SCENARIOS, BLK_COUNT };

void draw_stress(const panel_frame *f, const lay_rect *r, bool focused)
{
    const draw_ctx *c = f->c;
    const snap *s = f->s;
    const dash *d = f->d;
    const int x = r->x + 2, w = r->w - 4, end = r->y + r->h - 1;
    int y = r->y + 1;
    bool found;
    const snap_stress *g = optv_stress_find(s, d->stress_kind, d->stress_name, &found);
    char part[EVENT_SYM_MAX + 32], asked[EVENT_SYM_MAX + 48] = "", at[16] = "";
    optv_part_label(found ? d->stress_kind : OPTV_PORTFOLIO, found ? d->stress_name : "", part, sizeof part);
    if (!found) { /* the grid asked for is not in this snapshot: say whose is shown */
        char want[EVENT_SYM_MAX + 32];
        optv_part_label(d->stress_kind, d->stress_name, want, sizeof want);
        snprintf(asked, sizeof asked, " (%s has no grid)", want);
    }
    const bool ready = !isnan(s->stress_at);
    if (ready) {
        time_t t = (time_t)s->stress_at;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(at, sizeof at, " at %H:%M:%S", &tm);
    }
    /* the blocks that fit, planned before the title names those that do not */
    const size_t nm = s->nstress_moves < SNAP_STRESS_MOVES ? s->nstress_moves : SNAP_STRESS_MOVES;
    const size_t ne = s->nstress_ext < SNAP_STRESS_MOVES ? s->nstress_ext : SNAP_STRESS_MOVES;
    const size_t nsc = s->nstress_named < SNAP_SCENARIOS ? s->nstress_named : SNAP_SCENARIOS;
    const bool grid_fits = optv_grid_width(nm) <= w;
    int left = end - y - (ready ? (grid_fits ? 5 : 2) : 1); /* the grid and worst line, or what stands for them */
    const int need[BLK_COUNT] = {4, 2, 1};
    const int width[BLK_COUNT] = {explain_width(s), optv_grid_width(ne), 20};
    const bool has[BLK_COUNT] = {true, ready && ne > 0, ready && nsc > 0};
    static const char *const names[BLK_COUNT] = {"explain", "ext moves", "scenarios"};
    bool show[BLK_COUNT];
    char missing[96] = "";
    for (int b = 0; b < BLK_COUNT; b++) {
        show[b] = has[b] && left >= need[b] && width[b] <= w;
        if (show[b])
            left -= need[b];
        else if (has[b])
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s", missing[0] ? ", " : "",
                     names[b]);
    }
    /* the title, most telling first (the box cuts the rest): whose grid,
     * then that the explain is the portfolio's under another's grid, what
     * has no room, the key */
    char title[320];
    const bool other = found && d->stress_kind != OPTV_PORTFOLIO;
    int tn = snprintf(title, sizeof title, "Stress P&L: %s%s, USD%s%s%s%s", part, asked, at,
                      show[BLK_EXPLAIN] && other ? "; explain: portfolio" : "", missing[0] ? "; no room: " : "",
                      missing);
    if (tn > 0 && tn + 12 <= w) /* the box pads the title with a blank each side */
        snprintf(title + tn, sizeof title - (size_t)tn, " (x: next)");
    draw_box(c, r, title, focused);
    if (w <= 0 || y >= end)
        return;
    if (!ready) {
        draw_text(c, y++, x, w, SLOT_DIM, "stress: waiting for the first risk sample");
    } else if (!grid_fits) {
        char why[96], worst[EVENT_ID_MAX + 96];
        snprintf(why, sizeof why, "the grid needs %d columns: widen the terminal", optv_grid_width(nm) + 4);
        draw_text(c, y++, x, w, SLOT_DIM, why);
        worst_words(g, worst, sizeof worst);
        draw_text(c, y++, x, w, draw_loss_slot(g->worst_pnl), worst);
    } else {
        const int mark = optv_worst_col(s, g);
        moves_row(c, y++, x, "vol", s->stress_moves, nm);
        for (int v = 0; v < SNAP_STRESS_VOLS && y < end; v++)
            pnl_row(c, y++, x, vol_names[v], g->pnl[v], nm, v == g->worst_vol ? mark : -1);
        char worst[EVENT_ID_MAX + 96];
        worst_words(g, worst, sizeof worst);
        if (y < end)
            draw_text(c, y++, x, w, draw_loss_slot(g->worst_pnl), worst);
    }
    if (show[BLK_EXPLAIN] && y + 4 <= end) {
        explain_block(c, y, x, w, s, other);
        y += 4;
    }
    if (show[BLK_EXTENDED] && y + 2 <= end) {
        /* extended moves are valued with vol up only: the label says so */
        moves_row(c, y++, x, "ext", s->stress_ext_moves, ne);
        pnl_row(c, y++, x, "vol up", g->ext, ne, -1);
    }
    if (show[BLK_SCENARIOS] && y < end) {
        /* worst first: with rows for a few, those that lose most; the
         * first line counts the ones left out, never hides them */
        size_t order[SNAP_SCENARIOS];
        const size_t n = optv_scenario_order(s, order), rows = (size_t)(end - y);
        const size_t shown = n <= rows ? n : rows;
        for (size_t k = 0; k < shown; k++, y++)
            scenario_line(c, y, x, w, &s->stress_named[order[k]], k == 0 ? n - shown : 0);
    }
}
