/* draw.c - status bar, summary, positions, footer, help (see draw.h). */
#include "invtop/draw.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "invtop/format.h"
#include "invtop/version.h"

/* Bytes of s that fill at most maxw cells (UTF-8 aware). */
static int bytes_for_cells(const char *s, int maxw)
{
    int cells = 0, i = 0;
    while (s[i] && cells < maxw) {
        i++;
        while ((s[i] & 0xc0) == 0x80)
            i++; /* continuation bytes belong to the same cell */
        cells++;
    }
    return i;
}

void draw_text(const draw_ctx *c, int y, int x, int maxw, int slot, const char *s)
{
    if (maxw <= 0)
        return;
    attrset(c->th->attr[slot]);
    mvaddnstr(y, x, s, bytes_for_cells(s, maxw));
    attrset(A_NORMAL);
}

int draw_pnl_slot(double v)
{
    return v > 0 ? SLOT_GAIN : v < 0 ? SLOT_LOSS : SLOT_NORMAL;
}

/* One cell holding the wide character w, for the line-filling calls. */
static cchar_t wide_cell(wchar_t w)
{
    const wchar_t text[2] = {w, L'\0'};
    cchar_t cc;
    setcchar(&cc, text, A_NORMAL, 0, NULL);
    return cc;
}

void draw_box(const draw_ctx *c, const lay_rect *r, const char *title, bool focused)
{
    /* Explicit glyphs, not the alternate character set: ACS is mangled by some
     * terminals and multiplexers in UTF-8 mode, and must never appear under
     * LANG=C. Lines are filled cell by cell from one prepared cell: passing
     * them as UTF-8 text cost a quarter of a frame in multibyte decoding. */
    const wchar_t glyph[6] = {L'\u2500', L'\u2502', L'\u250c', L'\u2510', L'\u2514', L'\u2518'};
    const wchar_t ascii[6] = {L'-', L'|', L'+', L'+', L'+', L'+'};
    cchar_t cell[6];
    for (int k = 0; k < 6; k++)
        cell[k] = wide_cell(c->utf8 ? glyph[k] : ascii[k]);
    attrset(c->th->attr[focused ? SLOT_HEADER : SLOT_DIM]);
    const int right = r->x + r->w - 1, bottom = r->y + r->h - 1;
    mvhline_set(r->y, r->x + 1, &cell[0], r->w - 2);
    mvhline_set(bottom, r->x + 1, &cell[0], r->w - 2);
    mvvline_set(r->y + 1, r->x, &cell[1], r->h - 2);
    mvvline_set(r->y + 1, right, &cell[1], r->h - 2);
    mvadd_wch(r->y, r->x, &cell[2]);
    mvadd_wch(r->y, right, &cell[3]);
    mvadd_wch(bottom, r->x, &cell[4]);
    mvadd_wch(bottom, right, &cell[5]);
    attrset(A_NORMAL);
    char t[96];
    snprintf(t, sizeof t, " %s ", title);
    draw_text(c, r->y, r->x + 2, r->w - 4, SLOT_HEADER, t);
}

static void draw_status(const draw_ctx *c, const lay_rect *r, const app *a, const dash *d)
{
    const feedstat *fs = &a->in.stats;
    char age[16], line[512], clock[16];
    fmt_age(age, sizeof age, isnan(fs->last_msg_time) ? NAN : c->now - fs->last_msg_time);
    time_t t = (time_t)c->now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    snprintf(line, sizeof line,
             " invtop %s | %s | %.0f msg/s | rej %llu | gaps %llu | last %s | %s UTC | %s%s%s",
             INVTOP_VERSION, c->source, c->rate, (unsigned long long)fs->rejected_total,
             (unsigned long long)fs->gaps, age, clock, c->readonly ? "READ-ONLY" : "TRADER",
             d->frozen ? " | FROZEN (Z)" : "", a->ovr.kill ? " | KILL SWITCH ON" : a->publishing ? " | quotes on" : "");
    unsigned long long refused = a->sec ? sec_refused(a->sec) : 0;
    size_t len = strlen(line);
    if (refused)
        snprintf(line + len, sizeof line - len, " | AUTH REFUSED %llu", refused);
    len = strlen(line);
    if (a->sec && a->sec->warning[0])
        snprintf(line + len, sizeof line - len, " | WARNING %s", a->sec->warning);
    int slot = a->ovr.kill ? SLOT_BREACH : SLOT_ACCENT;
    attrset(c->th->attr[slot]);
    mvhline(r->y, r->x, ' ', r->w);
    attrset(A_NORMAL);
    draw_text(c, r->y, r->x, r->w, slot, line);
}

/* "label value" pairs across a line; returns the next x. */
static int pair(const draw_ctx *c, int y, int x, int end, const char *label, double v, bool money)
{
    char num[32];
    if (money)
        fmt_compact(num, sizeof num, v);
    else
        snprintf(num, sizeof num, "%.0f%%", v * 100);
    draw_text(c, y, x, end - x, SLOT_DIM, label);
    x += (int)strlen(label) + 1;
    draw_text(c, y, x, end - x, money ? draw_pnl_slot(0) : SLOT_NORMAL, num);
    return x + (int)strlen(num) + 3;
}

static void draw_var_line(const draw_ctx *c, int y, int x, int end, const app *a, pv_method m)
{
    const riskrun *rr = &a->risk;
    char buf[160], v1[16], v2[16], es[16];
    bool ok = rr->result.valid[m];
    size_t nv = rr->p.pv.nvar;
    fmt_compact(v1, sizeof v1, ok && nv > 0 ? rr->result.var[m][0] : NAN);
    fmt_compact(v2, sizeof v2, ok && nv > 1 ? rr->result.var[m][nv - 1] : NAN);
    fmt_compact(es, sizeof es, ok ? rr->result.es[m] : NAN);
    snprintf(buf, sizeof buf, "%-14s VaR %g%% %7s  %g%% %7s  CVaR %g%% %7s", pv_method_name(m),
             nv > 0 ? rr->p.pv.var_levels[0] * 100 : 0, v1,
             nv > 1 ? rr->p.pv.var_levels[nv - 1] * 100 : 0, v2, rr->p.pv.es_level * 100, es);
    draw_text(c, y, x, end - x, SLOT_NORMAL, buf);
}

static void util_bar(const draw_ctx *c, int y, int x, int end, const char *label,
                     const limit_state *s)
{
    char bar[64], pct[16];
    int w = 10;
    if (x + (int)strlen(label) + w + 8 > end)
        return;
    draw_text(c, y, x, end - x, SLOT_DIM, label);
    x += (int)strlen(label) + 1;
    fmt_bar(bar, sizeof bar, isnan(s->util) ? 0 : s->util, w, c->utf8);
    int slot = isnan(s->util) ? SLOT_DIM : s->util > 1 ? SLOT_BREACH : s->util > 0.8 ? SLOT_WARNING : SLOT_GAIN;
    draw_text(c, y, x, w, slot, bar);
    if (isnan(s->util))
        snprintf(pct, sizeof pct, " off");
    else
        snprintf(pct, sizeof pct, " %3.0f%%", s->util * 100);
    draw_text(c, y, x + w, 6, slot, pct);
}

const char *draw_book_label(const char *name)
{
    return name[0] ? name : "(no book)";
}

/* The largest utilization among instruments or underlyings. */
static const limit_state *worst(const limit_state *s, size_t n)
{
    const limit_state *w = NULL;
    for (size_t i = 0; i < n; i++)
        if (!isnan(s[i].util) && (!w || s[i].util > w->util))
            w = &s[i];
    return w;
}

static void draw_summary(const draw_ctx *c, const lay_rect *r, const lay_result *l, const app *a,
                         const dash *d)
{
    const exposure *e = &a->risk.expo;
    /* with a book filter, the book's own figures and limits */
    const brisk_row *br = d->book >= 0 && (size_t)d->book < a->risk.nbooks ? &a->risk.books[d->book] : NULL;
    double realized = 0, unrealized = 0;
    size_t n = book_count(a->book);
    for (size_t i = 0; i < n && !br; i++) {
        realized += book_at(a->book, i)->pos.realized;
        unrealized += book_unrealized(book_at(a->book, i));
    }
    if (br) {
        realized = br->pnl_realized;
        unrealized = br->pnl_unrealized;
    }
    char title[80];
    snprintf(title, sizeof title, br ? "Book %s" : "Portfolio", br ? draw_book_label(book_name(a->book, (size_t)d->book)) : "");
    draw_box(c, r, title, false);
    int y = r->y + 1, x = r->x + 2, end = r->x + r->w - 2;
    x = pair(c, y, x, end, "Gross", br ? br->gross_usd : e->gross_usd, true);
    x = pair(c, y, x, end, "Net", br ? br->net_usd : e->net_usd, true);
    x = pair(c, y, x, end, "Net delta $", br ? br->net_delta_usd : e->net_delta_usd, true);
    char num[32];
    draw_text(c, y, x, end - x, SLOT_DIM, "PnL real");
    x += 9;
    fmt_compact(num, sizeof num, realized);
    draw_text(c, y, x, end - x, draw_pnl_slot(realized), num);
    x += (int)strlen(num) + 2;
    draw_text(c, y, x, end - x, SLOT_DIM, "unreal");
    x += 7;
    fmt_compact(num, sizeof num, unrealized);
    draw_text(c, y, x, end - x, draw_pnl_slot(unrealized), num);
    x += (int)strlen(num) + 3;
    const bt_record *bt = &a->risk.bt;
    double lvl = a->risk.p.pv.nvar ? a->risk.p.pv.var_levels[a->risk.p.pv.nvar - 1] : 0.99;
    bt_zone z = bt_zone_of(bt->exceptions, bt->n, 1 - lvl);
    char btl[64];
    snprintf(btl, sizeof btl, "backtest %s %zu/%zu", bt_zone_name(z), bt->exceptions, bt->n);
    draw_text(c, y, x, end - x, z == BT_GREEN ? SLOT_GAIN : z == BT_YELLOW ? SLOT_WARNING : SLOT_BREACH, btl);
    y++;
    char hz[48];
    snprintf(hz, sizeof hz, "horizon %gs, %zu returns", a->risk.p.pv.horizon_s, hist_nreturns(a->risk.hist));
    if (l->wide_summary) {
        int half = (end - r->x - 2) / 2;
        for (int m = 0; m < PV_METHODS; m++)
            draw_var_line(c, y + m / 2, r->x + 2 + (m % 2) * half, r->x + 2 + (m % 2 + 1) * half - 1, a,
                          (pv_method)m);
        y += 2;
    } else {
        draw_var_line(c, y, r->x + 2, end, a, d->var_method);
        if (end - (r->x + 66) > (int)strlen(hz))
            draw_text(c, y, r->x + 2 + 64, end - (r->x + 66), SLOT_DIM, hz);
        y++;
    }
    if (y < r->y + r->h - 1) {
        const limits *lim = &a->risk.lim;
        const limit_state *wp = worst(lim->inst, lim->ninst), *wd = worst(lim->und, lim->nund);
        limit_state none = {NAN, NAN};
        int w3 = (end - r->x - 2) / 3;
        util_bar(c, y, r->x + 2, r->x + 2 + w3, br ? "book VaR" : "VaR limit", br ? &br->var : &lim->var);
        util_bar(c, y, r->x + 2 + w3, r->x + 2 + 2 * w3, "max position", wp ? wp : &none);
        util_bar(c, y, r->x + 2 + 2 * w3, end, br ? "book delta" : "max delta", br ? &br->delta : wd ? wd : &none);
        if (l->wide_summary && y + 1 < r->y + r->h - 1)
            draw_text(c, y + 1, r->x + 2, end - r->x - 2, SLOT_DIM, hz);
    }
}

/* ---- positions ---- */

typedef struct {
    dash_col col;
    int width;
    int priority; /* lower is kept first when the panel is narrow */
} column;

static const column columns[] = {
    {COL_SYM, 13, 0}, {COL_VENUE, 10, 3}, {COL_QTY, 10, 1},  {COL_MID, 13, 2},
    {COL_NOTIONAL, 10, 7}, {COL_DELTA, 10, 8}, {COL_PNL, 10, 4}, {COL_INV, 14, 6},
    {COL_BID, 13, 9}, {COL_ASK, 13, 10},  {COL_SKEW, 8, 5},  {COL_MODEL, 6, 11},
};
#define N_COLUMNS (sizeof columns / sizeof *columns)

/* Which columns fit in width (flags column of 2 included); the venue
 * column only when some instrument has a venue. */
static void fit_columns(int width, bool venues, bool *shown)
{
    int used = 2;
    for (int prio = 0; prio <= 11; prio++)
        for (size_t k = 0; k < N_COLUMNS; k++)
            if (columns[k].priority == prio) {
                if (columns[k].col == COL_VENUE && !venues) {
                    shown[k] = false;
                    continue;
                }
                shown[k] = used + columns[k].width + 1 <= width;
                if (shown[k])
                    used += columns[k].width + 1;
            }
}

static void cell(const draw_ctx *c, const app *a, size_t i, const dash_row *row, dash_col col,
                 char *out, size_t cap, int width, int *slot)
{
    const book_inst *in = book_at(a->book, i);
    const qt_entry *q = i < a->qt.cap && a->qt.e[i].eff.valid ? &a->qt.e[i] : NULL;
    int pd = fmt_price_decimals(in->mid, in->ref.tick);
    double lot = in->ref.lot > 0 ? in->ref.lot : 1;
    const dash_row *rw = row;
    *slot = SLOT_NORMAL;
    switch (col) {
    case COL_SYM: snprintf(out, cap, "%-*.*s", width, width, in->sym); break;
    case COL_VENUE: snprintf(out, cap, "%-*.*s", width, width, in->venue[0] ? in->venue : "-"); break;
    case COL_QTY: fmt_aligned(out, cap, rw->qty, fmt_price_decimals(rw->qty, in->ref.lot), 4, width); break;
    case COL_MID: fmt_aligned(out, cap, in->mid, pd, 6, width); break;
    case COL_NOTIONAL: fmt_number(out, cap, rw->notional, 0, width); break;
    case COL_DELTA: fmt_number(out, cap, rw->delta_usd, 0, width); break;
    case COL_PNL:
        fmt_number(out, cap, rw->pnl, 2, width);
        *slot = draw_pnl_slot(rw->pnl);
        break;
    case COL_INV: {
        double util = a->risk.p.limits.max_pos_lots > 0 ? fabs(rw->qty / lot) / a->risk.p.limits.max_pos_lots : NAN;
        char bar[64], q_s[16];
        double lots = rw->qty / lot;
        snprintf(q_s, sizeof q_s, "%+5.1f ", fabs(lots) < 0.05 ? 0.0 : lots); /* never "-0.0" */
        fmt_bar(bar, sizeof bar, util, width - 6, c->utf8);
        snprintf(out, cap, "%s%s", q_s, bar);
        *slot = isnan(util) ? SLOT_NORMAL : util > 1 ? SLOT_BREACH : util > 0.8 ? SLOT_WARNING : SLOT_NORMAL;
        break;
    }
    case COL_BID: fmt_aligned(out, cap, q ? q->eff.bid : NAN, pd, 6, width); break;
    case COL_ASK: fmt_aligned(out, cap, q ? q->eff.ask : NAN, pd, 6, width); break;
    case COL_SKEW:
        fmt_number(out, cap, q ? q->eff.skew_bps : NAN, 2, width);
        *slot = q ? (q->eff.manual ? SLOT_WARNING : draw_pnl_slot(q->eff.skew_bps)) : SLOT_DIM;
        break;
    case COL_MODEL:
        snprintf(out, cap, "%-*s", width, !q ? "-" : q->eff.manual ? "manual" : skew_model_name(q->q.model));
        break;
    case COL_COUNT: out[0] = '\0'; break;
    }
}

static void draw_positions(const draw_ctx *c, const lay_rect *r, const app *a, dash *d)
{
    char title[96];
    snprintf(title, sizeof title, "Positions %zu%s%s%s%s%s", d->norder,
             d->book >= 0 && (size_t)d->book < book_nbooks(a->book) ? "  book: " : "",
             d->book >= 0 && (size_t)d->book < book_nbooks(a->book) ? draw_book_label(book_name(a->book, (size_t)d->book)) : "",
             d->filter[0] || d->filter_editing ? "  filter: " : "", d->filter, d->filter_editing ? "_" : "");
    draw_box(c, r, title, d->focus == PANEL_POSITIONS);
    int inner = r->w - 2, rows = r->h - 3;
    if (rows <= 0 || inner <= 0)
        return;
    bool shown[N_COLUMNS], venues = false;
    for (size_t i = 0; i < book_count(a->book) && !venues; i++)
        venues = book_at(a->book, i)->venue[0] != '\0';
    fit_columns(inner, venues, shown);
    int x = r->x + 1, y = r->y + 1;
    draw_text(c, y, x, 2, SLOT_HEADER, "  ");
    x += 2;
    for (size_t k = 0; k < N_COLUMNS; k++) {
        if (!shown[k])
            continue;
        char h[32];
        const char *name = dash_col_name(columns[k].col);
        const char *mark = columns[k].col == d->sort_col ? (d->sort_desc ? "v" : "^") : "";
        if (columns[k].col == COL_SYM || columns[k].col == COL_VENUE || columns[k].col == COL_MODEL ||
            columns[k].col == COL_INV)
            snprintf(h, sizeof h, "%s%s", name, mark);
        else
            snprintf(h, sizeof h, "%*s%s", columns[k].width - (int)strlen(mark), name, mark);
        draw_text(c, y, x, columns[k].width, SLOT_HEADER, h);
        x += columns[k].width + 1;
    }
    dash_scroll_to_selection(d, (size_t)rows);
    for (int row = 0; row < rows && d->scroll + (size_t)row < d->norder; row++) {
        size_t pos = d->scroll + (size_t)row, i = d->order[pos];
        const book_inst *in = book_at(a->book, i);
        bool sel = pos == d->sel;
        y = r->y + 2 + row;
        x = r->x + 1;
        if (sel) {
            attrset(c->th->attr[SLOT_SELECTION]);
            mvhline(y, x, ' ', inner);
            attrset(A_NORMAL);
        }
        bool stale = book_is_stale(in, c->now, a->o->stale_s);
        const dash_row fig = dash_row_figures(a, d->book, i);
        ovr o = ovr_get(&a->ovr, in->id);
        char flags[3] = {stale ? 'S' : ' ', o.paused || a->ovr.kill ? 'P' : ovr_is_set(&o) ? 'M' : ' ', '\0'};
        draw_text(c, y, x, 2, flags[1] != ' ' ? SLOT_WARNING : stale ? SLOT_STALE : SLOT_NORMAL, flags);
        x += 2;
        for (size_t k = 0; k < N_COLUMNS; k++) {
            if (!shown[k])
                continue;
            char buf[128];
            int slot;
            cell(c, a, i, &fig, columns[k].col, buf, sizeof buf, columns[k].width, &slot);
            draw_text(c, y, x, columns[k].width, sel ? SLOT_SELECTION : stale && columns[k].col == COL_MID ? SLOT_STALE : slot, buf);
            x += columns[k].width + 1;
        }
    }
    if (d->norder == 0)
        draw_text(c, r->y + 2, r->x + 2, inner - 2, SLOT_DIM,
                  d->filter[0] ? "no instrument matches the filter" : "waiting for data...");
}

static void draw_footer(const draw_ctx *c, const lay_rect *r, const lay_result *l, const dash *d)
{
    char hidden[64], line[256];
    if (d->message[0]) {
        attrset(c->th->attr[SLOT_WARNING]);
        mvhline(r->y, r->x, ' ', r->w);
        attrset(A_NORMAL);
        draw_text(c, r->y, r->x + 1, r->w - 1, SLOT_WARNING, d->message);
        return;
    }
    int nh = lay_hidden(l, hidden, sizeof hidden);
    /* what is hidden matters more than key hints, which the help lists anyway */
    snprintf(line, sizeof line, "%s%s%s F1/? Help  q Quit  / Filter  </> Sort  I Invert  v VaR  Z Freeze  Tab Focus",
             nh ? " hidden: " : "", nh ? hidden : "", nh ? " (enlarge) |" : "");
    attrset(c->th->attr[SLOT_DIM]);
    mvhline(r->y, r->x, ' ', r->w);
    attrset(A_NORMAL);
    draw_text(c, r->y, r->x, r->w, SLOT_DIM, line);
}

static void draw_help(const draw_ctx *c, int cols, int rows)
{
    size_t n;
    const key_binding *k = keys_table(&n);
    int lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += k[i].help != NULL;
    int w = cols - 4 < 72 ? cols - 4 : 72, h = lines + 4 < rows - 2 ? lines + 4 : rows - 2;
    lay_rect r = {(rows - h) / 2, (cols - w) / 2, h, w, true};
    for (int y = r.y; y < r.y + r.h; y++)
        mvhline(y, r.x, ' ', r.w);
    draw_box(c, &r, "Help: keys (Esc or ? closes)", true);
    int y = r.y + 2;
    for (size_t i = 0; i < n && y < r.y + r.h - 1; i++) {
        if (!k[i].help)
            continue;
        char line[160];
        snprintf(line, sizeof line, "%-12s %s", k[i].label, k[i].help);
        draw_text(c, y++, r.x + 2, r.w - 4, SLOT_NORMAL, line);
    }
}

static void draw_form(const draw_ctx *c, const editform *f, int cols, int rows)
{
    int w = cols - 4 < 60 ? cols - 4 : 60, h = EF_COUNT + 5 < rows - 2 ? EF_COUNT + 5 : rows - 2;
    lay_rect r = {(rows - h) / 2, (cols - w) / 2, h, w, true};
    for (int y = r.y; y < r.y + r.h; y++)
        mvhline(y, r.x, ' ', r.w);
    char title[128];
    snprintf(title, sizeof title, "Override %s (Tab moves, Enter applies, Esc cancels)", f->sym);
    draw_box(c, &r, title, true);
    for (int k = 0; k < EF_COUNT && r.y + 1 + k < r.y + r.h - 2; k++) {
        char line[96];
        snprintf(line, sizeof line, "%-26s %s%s", ef_label((ef_field)k), f->text[k], k == (int)f->cur ? "_" : "");
        draw_text(c, r.y + 1 + k, r.x + 2, r.w - 4, k == (int)f->cur ? SLOT_SELECTION : SLOT_NORMAL, line);
    }
    draw_text(c, r.y + r.h - 2, r.x + 2, r.w - 4, f->error[0] ? SLOT_BREACH : SLOT_DIM,
              f->error[0] ? f->error : "empty = not overridden; TTL 0 = until cleared");
}

void draw_screen(const draw_ctx *c, const lay_result *l, const app *a, dash *d)
{
    erase();
    if (l->too_small) {
        draw_text(c, 0, 0, COLS, SLOT_WARNING, "terminal too small for invtop: 40x10 at least");
        return;
    }
    draw_status(c, &l->r[PANEL_STATUS], a, d);
    draw_summary(c, &l->r[PANEL_SUMMARY], l, a, d);
    draw_positions(c, &l->r[PANEL_POSITIONS], a, d);
    if (l->r[PANEL_RISK].visible)
        draw_risk(c, &l->r[PANEL_RISK], a, d);
    if (l->r[PANEL_DETAIL].visible)
        draw_detail(c, &l->r[PANEL_DETAIL], a, d);
    if (l->r[PANEL_LOG].visible)
        draw_log(c, &l->r[PANEL_LOG], d);
    draw_footer(c, &l->r[PANEL_FOOTER], l, d);
    if (d->form.open)
        draw_form(c, &d->form, COLS, LINES);
    if (d->help)
        draw_help(c, COLS, LINES);
}
