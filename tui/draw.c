/* draw.c - status bar, summary, positions, footer (see drawpanel.h), and
 * the screen: the panel table's rows, then the overlays (see draw.h).
 * Everything shown comes from the snapshot. */
#include "tui/draw.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "invtop/backtest.h"
#include "tui/drawpanel.h"
#include "tui/format.h"
#include "tui/keys.h"
#include "tui/optview.h"
#include "tui/statusbar.h"

void draw_status(const panel_frame *f, const lay_rect *r, bool focused)
{
    (void)focused;
    const draw_ctx *c = f->c;
    const snap *s = f->s;
    const dash *d = f->d;
    sbar_view v = {d->frozen, c->readonly, c->remote};
    sbar_line l;
    sbar_build(s, &v, r->w, &l);
    bool alarm = s->kill || (!isnan(s->engine_silence_s) && s->engine_silence_s > SBAR_SILENT_S);
    int slot = alarm ? SLOT_BREACH : SLOT_ACCENT;
    attrset(c->th->attr[slot]);
    mvhline(r->y, r->x, ' ', r->w);
    attrset(A_NORMAL);
    for (size_t i = 0; i < l.n; i++) {
        int sep = (int)strlen(l.sep);
        if (i)
            draw_text(c, r->y, r->x + l.seg[i].x - sep, sep, slot, l.sep);
        draw_text(c, r->y, r->x + l.seg[i].x, r->w - l.seg[i].x, l.seg[i].slot == SLOT_ACCENT ? slot : l.seg[i].slot,
                  l.seg[i].text);
    }
}

/* A summary figure's value is right-aligned in the widest form
 * fmt_compact gives ("-99.9k"), so a change of the last digit rewrites
 * that digit alone and nothing after it moves. */
#define FIGURE_W 6

/* "label value" at x if the whole of it fits before end, else nothing;
 * returns the next x (end once one did not fit, so none after it shows). */
static int figure(const draw_ctx *c, int y, int x, int end, const char *label, double v, int slot)
{
    char num[32], cell[40];
    int lw = (int)strlen(label);
    if (x + lw + 1 + FIGURE_W > end)
        return end;
    fmt_compact(num, sizeof num, v);
    snprintf(cell, sizeof cell, "%*s", FIGURE_W, num);
    draw_text(c, y, x, lw, SLOT_DIM, label);
    draw_text(c, y, x + lw + 1, FIGURE_W, slot, cell);
    return x + lw + 1 + FIGURE_W + 2;
}

/* One method's VaR line. With all four shown (`marked`), the method the
 * limits and the histogram use (v) is marked ">" and drawn as a header. */
static void draw_var_line(const draw_ctx *c, int y, int x, int end, const snap *s, pv_method m, bool marked,
                          bool chosen)
{
    char buf[192], v1[16], v2[16], es[16], hz[16];
    bool ok = s->result.valid[m];
    size_t nv = s->pv.nvar;
    fmt_compact(v1, sizeof v1, ok && nv > 0 ? s->result.var[m][0] : NAN);
    fmt_compact(v2, sizeof v2, ok && nv > 1 ? s->result.var[m][nv - 1] : NAN);
    fmt_compact(es, sizeof es, ok ? s->result.es[m] : NAN);
    fmt_horizon(hz, sizeof hz, s->pv.horizon_s);
    snprintf(buf, sizeof buf, "%-14s VaR %s %g%% %6s  %g%% %6s  CVaR %g%% %6s USD", pv_method_name(m), hz,
             nv > 0 ? s->pv.var_levels[0] * 100 : 0, v1, nv > 1 ? s->pv.var_levels[nv - 1] * 100 : 0, v2,
             s->pv.es_level * 100, es);
    if (marked) {
        draw_text(c, y, x, 2, chosen ? SLOT_HEADER : SLOT_NORMAL, chosen ? "> " : "  ");
        x += 2;
    }
    draw_text(c, y, x, end - x, marked && chosen ? SLOT_HEADER : SLOT_NORMAL, buf);
}

/* The largest utilization among n limit states `stride` bytes apart. */
static const limit_state *worst(const void *first, size_t n, size_t stride)
{
    const limit_state *w = NULL;
    for (size_t i = 0; i < n; i++) {
        const limit_state *s = (const limit_state *)((const char *)first + i * stride);
        if (!isnan(s->util) && (!w || s->util > w->util))
            w = s;
    }
    return w;
}

void draw_summary(const panel_frame *f, const lay_rect *r, bool focused)
{
    (void)focused;
    const draw_ctx *c = f->c;
    const lay_result *l = f->l;
    const snap *s = f->s;
    const dash *d = f->d;
    /* with a book filter, the book's own figures and limits */
    const brisk_row *br = d->book >= 0 && (size_t)d->book < s->nbooks ? &s->books[d->book].r : NULL;
    double realized = br ? br->pnl_realized : s->port.pnl_realized;
    double unrealized = br ? br->pnl_unrealized : s->port.pnl_unrealized;
    char title[96];
    snprintf(title, sizeof title, br ? "Book %s (USD)" : "Portfolio (USD)",
             br ? draw_book_label(s->books[d->book].name) : "");
    draw_box(c, r, title, false);
    int y = r->y + 1, x = r->x + 2, end = r->x + r->w - 2;
    x = figure(c, y, x, end, "Gross", br ? br->gross_usd : s->port.gross_usd, SLOT_NORMAL);
    x = figure(c, y, x, end, "Net", br ? br->net_usd : s->port.net_usd, SLOT_NORMAL);
    x = figure(c, y, x, end, "Net delta $", br ? br->net_delta_usd : s->port.net_delta_usd, SLOT_NORMAL);
    x = figure(c, y, x, end, "PnL real", realized, draw_loss_slot(realized));
    x = figure(c, y, x, end, "unreal", unrealized, draw_loss_slot(unrealized)) + 1;
    /* exceptions/observations; no zone, and no colour, before BT_BASEL_N */
    bt_zone z = (bt_zone)s->bt_zone;
    char btl[64];
    int btn = snprintf(btl, sizeof btl, "backtest %s %zu/%zu", bt_zone_name(z), s->bt_exceptions, s->bt_n);
    if (z == BT_NA && btn > 0 && (size_t)btn < sizeof btl)
        snprintf(btl + btn, sizeof btl - (size_t)btn, " of %d", BT_BASEL_N);
    if (end - x >= (int)strlen(btl)) { /* whole, or not at all: "backte" would say nothing */
        draw_text(c, y, x, end - x,
                  z == BT_GREEN    ? SLOT_GAIN
                  : z == BT_YELLOW ? SLOT_WARNING
                  : z == BT_RED    ? SLOT_BREACH
                                   : SLOT_DIM,
                  btl);
        x += (int)strlen(btl) + 3;
    } else
        x = end;
    char hz[64], h[16];
    fmt_horizon(h, sizeof h, s->pv.horizon_s);
    snprintf(hz, sizeof hz, "VaR horizon %s, %zu of %zu returns", h, s->returns, s->window);
    bool hz_shown = end - x >= (int)strlen(hz);
    if (hz_shown)
        draw_text(c, y, x, end - x, SLOT_DIM, hz);
    y++;
    if (l->wide_summary) {
        int half = (end - r->x - 2) / 2;
        for (int m = 0; m < PV_METHODS; m++)
            draw_var_line(c, y + m / 2, r->x + 2 + (m % 2) * half, r->x + 2 + (m % 2 + 1) * half - 1, s,
                          (pv_method)m, true, m == (int)d->var_method);
        y += 2;
    } else {
        draw_var_line(c, y, r->x + 2, end, s, d->var_method, false, true);
        y++;
    }
    if (y < r->y + r->h - 1) {
        const limit_state *wp = s->ninst ? worst(&s->inst[0].limit, s->ninst, sizeof *s->inst) : NULL;
        const limit_state *wd = s->nund ? worst(&s->und[0].limit, s->nund, sizeof *s->und) : NULL;
        limit_state none = {NAN, NAN};
        int w3 = (end - r->x - 2) / 3;
        draw_util_bar(c, y, r->x + 2, r->x + 2 + w3, br ? "book VaR" : "VaR limit", br ? &br->var : &s->var_limit);
        draw_util_bar(c, y, r->x + 2 + w3, r->x + 2 + 2 * w3, "max position", wp ? wp : &none);
        draw_util_bar(c, y, r->x + 2 + 2 * w3, end, br ? "book delta" : "max delta", br ? &br->delta : wd ? wd : &none);
        y++;
    }
    if (!hz_shown && y < r->y + r->h - 1)
        draw_text(c, y, r->x + 2, end - r->x - 2, SLOT_DIM, hz);
}

/* ---- positions ---- */

/* The flags column: stale, override; a blank keeps them off the symbol. */
#define FLAGS_W COL_FLAGS_WIDTH

void draw_positions_fit(dash *d, const lay_rect *r)
{
    const int inner = r->w - 2, rows = r->h - 3;
    if (rows > 0 && inner > 0)
        dash_scroll_to_selection(d, (size_t)rows);
}

void draw_positions(const panel_frame *f, const lay_rect *r, bool focused)
{
    const draw_ctx *c = f->c;
    const snap *s = f->s;
    const dash *d = f->d;
    char title[320], sorted[48] = "", scope[EVENT_SYM_MAX + LADDER_LABEL + 48] = "";
    bool one_book = d->book >= 0 && (size_t)d->book < s->nbooks;
    bool shown[COL_MAX];
    dash_columns_shown(d, shown);
    if (!shown[d->sort_col]) /* sorted by a column the panel is too narrow for: say which */
        snprintf(sorted, sizeof sorted, "  sort: %s%s", col_info(d->sort_col)->name, d->sort_desc ? "v" : "^");
    if (d->scope_on) { /* Enter on the ladder: only what that cell sums */
        char words[EVENT_SYM_MAX + LADDER_LABEL + 16];
        optv_cell_words(s, d->scope_und, d->scope_bucket, words, sizeof words);
        snprintf(scope, sizeof scope, "  ladder: %s (Esc: all)", words);
    }
    snprintf(title, sizeof title, "Positions %zu%s%s%s%s%s%s%s", d->norder, one_book ? "  book: " : "",
             one_book ? draw_book_label(s->books[d->book].name) : "", scope, sorted,
             d->filter[0] || d->filter_editing ? "  filter: " : "", d->filter, d->filter_editing ? "_" : "");
    draw_box(c, r, title, focused);
    int inner = r->w - 2, rows = r->h - 3;
    if (rows <= 0 || inner <= 0)
        return;
    int x = r->x + 1, y = r->y + 1;
    draw_text(c, y, x, FLAGS_W, SLOT_HEADER, "   ");
    x += FLAGS_W;
    const size_t ncols = col_count();
    for (size_t k = 0; k < ncols; k++) {
        if (!shown[k])
            continue;
        const col_spec *cs = col_info(k);
        char h[32];
        const char *mark = k == d->sort_col ? (d->sort_desc ? "v" : "^") : "";
        if (cs->left)
            snprintf(h, sizeof h, "%s%s", cs->name, mark);
        else
            snprintf(h, sizeof h, "%*s%s", cs->width - (int)strlen(mark), cs->name, mark);
        draw_text(c, y, x, cs->width, SLOT_HEADER, h);
        x += cs->width + 1;
    }
    for (int row = 0; row < rows && d->scroll + (size_t)row < d->norder; row++) {
        size_t pos = d->scroll + (size_t)row, i = d->order[pos];
        const snap_inst *in = &s->inst[i];
        bool sel = pos == d->sel;
        y = r->y + 2 + row;
        x = r->x + 1;
        const col_figures fig = col_figures_of(s, d->book, i);
        const col_cell_src src = {s, in, &fig, d->book, c->utf8};
        char flags[4] = {in->stale ? 'S' : ' ', in->o.paused || s->kill ? 'P' : in->has_override ? 'M' : ' ', ' ',
                         '\0'};
        draw_text(c, y, x, FLAGS_W, sel ? SLOT_SELECTION : flags[1] != ' ' ? SLOT_WARNING : in->stale ? SLOT_STALE : SLOT_NORMAL,
                  flags);
        x += FLAGS_W;
        for (size_t k = 0; k < ncols; k++) {
            if (!shown[k])
                continue;
            const col_spec *cs = col_info(k);
            char buf[128];
            const int slot = cs->cell(&src, buf, sizeof buf, cs->width);
            /* the selection marks the row's flags and symbol, not its
             * figures: a highlight under numbers that tick every frame
             * costs two attribute changes a frame on the wire */
            draw_text(c, y, x, cs->width,
                      sel && (cs->flags & COLF_SELECTION)    ? SLOT_SELECTION
                      : in->stale && (cs->flags & COLF_STALE) ? SLOT_STALE
                                                              : slot,
                      buf);
            x += cs->width + 1;
        }
    }
    if (d->norder == 0)
        draw_text(c, r->y + 2, r->x + 2, inner - 2, SLOT_DIM,
                  d->filter[0] ? "no instrument matches the filter"
                  : d->scope_on ? "nothing held in that ladder cell now"
                                : "waiting for data...");
}

/* The footer: what is hidden and the keys' hints, the richest form that
 * fits: all hints, then the hidden panels counted instead of named, then
 * only the most useful hints (help, quit, filter, sort, freeze). */
void draw_footer(const panel_frame *f, const lay_rect *r, bool focused)
{
    (void)focused;
    const draw_ctx *c = f->c;
    const dash *d = f->d;
    char hidden[64], hints[256];
    char line[sizeof " hidden:  (enlarge) | " + sizeof hidden + sizeof hints]; /* the longest form whole */
    if (d->message[0]) {
        attrset(c->th->attr[SLOT_WARNING]);
        mvhline(r->y, r->x, ' ', r->w);
        attrset(A_NORMAL);
        draw_text(c, r->y, r->x + 1, r->w - 1, SLOT_WARNING, d->message);
        return;
    }
    int nh = panel_hidden(f->l, hidden, sizeof hidden);
    static const struct {
        bool name_hidden;
        int max_rank;
    } tries[] = {{true, KEYS_ALL_HINTS}, {false, KEYS_ALL_HINTS}, {true, 4}, {false, 4}, {false, 2}, {false, 0}};
    for (size_t t = 0; t < sizeof tries / sizeof *tries; t++) {
        (void)keys_hints(keys_mode(d), tries[t].max_rank, keys_lacking(d), "  ", hints, sizeof hints);
        if (!nh)
            snprintf(line, sizeof line, " %s", hints);
        else if (tries[t].name_hidden)
            snprintf(line, sizeof line, " hidden: %s (enlarge) | %s", hidden, hints);
        else
            snprintf(line, sizeof line, " %d hidden (enlarge) | %s", nh, hints);
        if ((int)strlen(line) <= r->w)
            break;
    }
    attrset(c->th->attr[SLOT_DIM]);
    mvhline(r->y, r->x, ' ', r->w);
    attrset(A_NORMAL);
    draw_text(c, r->y, r->x, r->w, SLOT_DIM, line);
}

/* Below the minimum: say so, and what the minimum is, in words that wrap
 * to whatever width there is. */
static void draw_too_small(const draw_ctx *c)
{
    char msg[128];
    snprintf(msg, sizeof msg, "Terminal too small (%dx%d): invtop needs at least %dx%d.", COLS, LINES,
             LAY_MIN_COLS, LAY_MIN_ROWS);
    int y = 0;
    draw_wrapped(c, &y, LINES, 0, COLS, 0, SLOT_WARNING, msg);
}

void draw_screen(const draw_ctx *c, const lay_result *l, const snap *s, dash *d)
{
    erase();
    if (l->too_small) {
        draw_too_small(c);
        return;
    }
    for (int p = 0; p < PANEL_COUNT; p++) /* what a panel's size changes in d, before any reads d */
        if (l->r[p].visible && panel_info((panel_id)p)->fit)
            panel_info((panel_id)p)->fit(d, &l->r[p]);
    const panel_frame f = {c, l, s, d};
    for (int p = 0; p < PANEL_COUNT; p++) /* in the table's order */
        if (l->r[p].visible)
            panel_info((panel_id)p)->draw(&f, &l->r[p], d->focus == (panel_id)p);
    if (d->alerts)
        draw_alerts(c, s, COLS, LINES, d);
    if (d->form.open)
        draw_form(c, &d->form, COLS, LINES);
    if (d->help)
        draw_help(c, COLS, LINES, d);
}
