/* dash.c - dashboard state and actions (see dash.h). */
#include "invtop/dash.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int dash_init(dash *d, size_t cap)
{
    memset(d, 0, sizeof *d);
    d->cap = cap;
    d->order = calloc(cap, sizeof *d->order);
    d->spark_mid = malloc(cap * DASH_SPARK * sizeof *d->spark_mid);
    d->spark_q = malloc(cap * DASH_SPARK * sizeof *d->spark_q);
    d->was_stale = calloc(cap, sizeof *d->was_stale);
    d->breach_since = malloc(cap * sizeof *d->breach_since);
    d->sort_col = COL_SYM;
    d->book = d->sorted_book = -1;
    d->focus = PANEL_POSITIONS;
    d->log_follow = true;
    d->var_method = PV_HISTORICAL;
    d->var_breach_since = NAN;
    evlog_init(&d->log);
    if (!d->order || !d->spark_mid || !d->spark_q || !d->was_stale || !d->breach_since)
        return -1;
    for (size_t i = 0; i < cap; i++)
        d->breach_since[i] = NAN;
    for (size_t i = 0; i < cap * DASH_SPARK; i++)
        d->spark_mid[i] = d->spark_q[i] = NAN;
    return 0;
}

void dash_free(dash *d)
{
    free(d->order);
    free(d->spark_mid);
    free(d->spark_q);
    free(d->was_stale);
    free(d->breach_since);
    memset(d, 0, sizeof *d);
}

const char *dash_col_name(dash_col c)
{
    static const char *const names[] = {"Symbol", "Venue", "Qty", "Mid", "Notional", "Delta$", "PnL",
                                        "Inventory", "Bid", "Ask", "Skew bp", "Model"};
    return (unsigned)c < COL_COUNT ? names[c] : "?";
}

long dash_selected_index(const dash *d)
{
    return d->norder ? (long)d->order[d->sel] : -1;
}

static void log_breaches(dash *d, const app *a, double now)
{
    const limits *l = &a->risk.lim;
    for (size_t i = 0; i < l->ninst && i < d->cap; i++) {
        double since = l->inst[i].since;
        const char *sym = book_at(a->book, i)->id;
        if (!isnan(since) && isnan(d->breach_since[i]))
            evlog_add(&d->log, now, EVLOG_ALERT, "LIMIT %s position at %.0f%% of its limit", sym,
                      l->inst[i].util * 100);
        else if (isnan(since) && !isnan(d->breach_since[i]))
            evlog_add(&d->log, now, EVLOG_INFO, "limit %s position back within its limit", sym);
        d->breach_since[i] = since;
    }
    if (!isnan(l->var.since) && isnan(d->var_breach_since))
        evlog_add(&d->log, now, EVLOG_ALERT, "LIMIT portfolio VaR at %.0f%% of its limit",
                  l->var.util * 100);
    d->var_breach_since = l->var.since;
}

void dash_observe(dash *d, const app *a, double now)
{
    const feedstat *fs = &a->in.stats;
    if (fs->rejected_total > d->seen_rejects) {
        uint64_t fresh = fs->rejected_total - d->seen_rejects;
        const feedstat_reject *r = feedstat_recent(fs, 0);
        if (fresh > 1)
            evlog_add(&d->log, now, EVLOG_WARN, "%llu messages rejected, last: %s: %.60s",
                      (unsigned long long)fresh, wire_status_name(r->reason), r->excerpt);
        else
            evlog_add(&d->log, now, EVLOG_WARN, "rejected (%s): %.70s", wire_status_name(r->reason),
                      r->excerpt);
        d->seen_rejects = fs->rejected_total;
    }
    if (fs->gaps > d->seen_gaps) {
        evlog_add(&d->log, now, EVLOG_WARN, "seq gap: %llu message(s) lost",
                  (unsigned long long)(fs->gaps - d->seen_gaps));
        d->seen_gaps = fs->gaps;
    }
    size_t n = book_count(a->book);
    for (size_t i = 0; i < n && i < d->cap; i++) {
        const book_inst *in = book_at(a->book, i);
        bool stale = book_is_stale(in, now, a->o->stale_s);
        if (stale && !d->was_stale[i] && !isnan(in->px_time))
            evlog_add(&d->log, now, EVLOG_WARN, "%s price stale (no update for %.1fs)", in->id,
                      now - in->px_time);
        else if (!stale && d->was_stale[i])
            evlog_add(&d->log, now, EVLOG_INFO, "%s price fresh again", in->id);
        d->was_stale[i] = stale;
    }
    log_breaches(d, a, now);
}

void dash_sample(dash *d, const app *a)
{
    size_t n = book_count(a->book);
    for (size_t i = 0; i < n && i < d->cap; i++) {
        const book_inst *in = book_at(a->book, i);
        double lot = in->ref.lot > 0 ? in->ref.lot : 1;
        d->spark_mid[i * DASH_SPARK + d->spark_head] = in->mid;
        d->spark_q[i * DASH_SPARK + d->spark_head] = in->pos.qty / lot;
    }
    d->spark_head = (d->spark_head + 1) % DASH_SPARK;
    if (d->spark_n < DASH_SPARK)
        d->spark_n++;
}

/* ---- sorting ---- */

typedef struct {
    const app *a;
    dash_col col;
    bool desc;
    long book;
} sort_ctx;

void dash_next_book(dash *d, size_t nbooks)
{
    d->book = d->book + 1 < (long)nbooks ? d->book + 1 : -1;
}

dash_row dash_row_figures(const app *a, long book_ix, size_t i)
{
    const book_inst *in = book_at(a->book, i);
    double inst_delta = i < a->risk.expo.ninst ? a->risk.expo.inst[i].delta_usd : NAN;
    if (book_ix < 0)
        return (dash_row){in->pos.qty, book_notional(in), inst_delta,
                          in->pos.realized + book_unrealized(in), true};
    dash_row r = {0, 0, 0, 0, false};
    for (int h = in->first_holding; h >= 0; h = book_holding_at(a->book, (size_t)h)->next) {
        const book_holding *bh = book_holding_at(a->book, (size_t)h);
        if (bh->book != (size_t)book_ix)
            continue;
        r.held = true;
        r.qty += bh->pos.qty;
        r.notional += book_holding_notional(a->book, bh);
        r.pnl += bh->pos.realized + book_holding_unrealized(a->book, bh);
    }
    if (in->ref.kind != INST_OPTION)
        r.delta_usd = isnan(inst_delta) ? NAN : r.notional;
    else
        r.delta_usd = in->pos.qty != 0 ? inst_delta * r.qty / in->pos.qty : NAN;
    return r;
}

static double col_value(const app *a, long book_ix, size_t i, dash_col c)
{
    const book_inst *in = book_at(a->book, i);
    const qt_entry *q = i < a->qt.cap ? &a->qt.e[i] : NULL;
    double lot = in->ref.lot > 0 ? in->ref.lot : 1;
    dash_row r = dash_row_figures(a, book_ix, i);
    switch (c) {
    case COL_QTY: return r.qty;
    case COL_MID: return in->mid;
    case COL_NOTIONAL: return r.notional;
    case COL_DELTA: return r.delta_usd;
    case COL_PNL: return r.pnl;
    case COL_INV: return fabs(r.qty / lot);
    case COL_BID: return q && q->valid ? q->q.bid : NAN;
    case COL_ASK: return q && q->valid ? q->q.ask : NAN;
    case COL_SKEW: return q && q->valid ? q->q.skew_bps : NAN;
    case COL_MODEL: return q && q->valid ? (double)q->q.model : NAN;
    case COL_SYM:
    case COL_VENUE:
    case COL_COUNT: break;
    }
    return NAN;
}

/* qsort_r is a GNU extension: an explicit merge sort keeps this portable C11. */
static int compare(const sort_ctx *s, size_t x, size_t y)
{
    int r;
    const book_inst *ix = book_at(s->a->book, x), *iy = book_at(s->a->book, y);
    if (s->col == COL_VENUE && (r = strcmp(ix->venue, iy->venue)) != 0) {
        /* grouped by venue, by symbol within one */
    } else if (s->col == COL_SYM || s->col == COL_VENUE) {
        r = strcmp(ix->id, iy->id);
    } else {
        double a = col_value(s->a, s->book, x, s->col), b = col_value(s->a, s->book, y, s->col);
        if (isnan(a) || isnan(b))
            return isnan(a) - isnan(b); /* unknown values last, whatever the order */
        r = (a > b) - (a < b);
    }
    if (r == 0)
        r = (x > y) - (x < y); /* stable: first seen first */
    return s->desc ? -r : r;
}

static void merge_sort(size_t *v, size_t *tmp, size_t n, const sort_ctx *s)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    merge_sort(v, tmp, h, s);
    merge_sort(v + h, tmp, n - h, s);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = compare(s, v[i], v[j]) <= 0 ? v[i++] : v[j++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static bool matches(const char *sym, const char *filter)
{
    if (!filter[0])
        return true;
    size_t fl = strlen(filter);
    for (const char *s = sym; *s; s++) {
        size_t k = 0;
        while (k < fl && s[k] && tolower((unsigned char)s[k]) == tolower((unsigned char)filter[k]))
            k++;
        if (k == fl)
            return true;
    }
    return false;
}

void dash_order(dash *d, const app *a)
{
    size_t n = book_count(a->book) < d->cap ? book_count(a->book) : d->cap;
    /* symbols never change: sorted by symbol, the same book and filter give the same order */
    bool same = d->sorted_valid && d->sort_col == COL_SYM && d->sorted_col == COL_SYM && d->book < 0 && d->sorted_book < 0 &&
                d->sorted_n == n && d->sorted_desc == d->sort_desc &&
                strcmp(d->sorted_filter, d->filter) == 0;
    d->sorted_valid = true;
    d->sorted_n = n;
    d->sorted_col = d->sort_col;
    d->sorted_desc = d->sort_desc;
    memcpy(d->sorted_filter, d->filter, sizeof d->filter);
    d->sorted_book = d->book;
    if (same)
        goto select;
    d->norder = 0;
    for (size_t i = 0; i < n; i++)
        if (matches(book_at(a->book, i)->id, d->filter) && (d->book < 0 || dash_row_figures(a, d->book, i).held))
            d->order[d->norder++] = i;
    sort_ctx s = {a, d->sort_col, d->sort_desc, d->book};
    size_t *tmp = malloc((d->norder ? d->norder : 1) * sizeof *tmp);
    if (tmp) {
        merge_sort(d->order, tmp, d->norder, &s);
        free(tmp);
    }
select:
    /* follow the selected symbol; after a move (symbol cleared) keep the position */
    bool found = false;
    for (size_t k = 0; d->selected[0] && k < d->norder && !found; k++)
        if (strcmp(book_at(a->book, d->order[k])->id, d->selected) == 0) {
            d->sel = k;
            found = true;
        }
    if (!found && d->sel >= d->norder)
        d->sel = d->norder ? d->norder - 1 : 0;
    if (d->norder)
        memcpy(d->selected, book_at(a->book, d->order[d->sel])->id, sizeof d->selected);
}

static void move_sel(dash *d, long delta)
{
    if (!d->norder)
        return;
    long s = (long)d->sel + delta;
    if (s < 0)
        s = 0;
    if (s >= (long)d->norder)
        s = (long)d->norder - 1;
    d->sel = (size_t)s;
    d->selected[0] = '\0'; /* dash_order re-reads it from the new position */
}

size_t dash_log_offset(const dash *d)
{
    if (d->log_follow || d->log.n == 0 || d->log_top >= d->log.total)
        return 0;
    const unsigned long off = d->log.total - 1 - d->log_top;
    return off < d->log.n ? (size_t)off : d->log.n - 1;
}

/* Scroll the Events panel by delta entries (+ is older), clamped to what
 * the ring holds; back at the newest it follows new events again. */
static void scroll_log(dash *d, long delta)
{
    long off = (long)dash_log_offset(d) + delta;
    const long oldest = d->log.n ? (long)d->log.n - 1 : 0;
    off = off < 0 ? 0 : off > oldest ? oldest : off;
    d->log_follow = off == 0;
    d->log_top = d->log.total ? d->log.total - 1 - (unsigned long)off : 0;
}

/* The arrows and pages move the selection, or scroll the Events panel
 * when it has the focus. */
static void move(dash *d, long delta)
{
    if (d->focus == PANEL_LOG)
        scroll_log(d, delta);
    else
        move_sel(d, delta);
}

void dash_message(dash *d, double now, const char *text)
{
    snprintf(d->message, sizeof d->message, "%s", text);
    d->message_until = now + 4;
}

void dash_action(dash *d, key_action act, size_t page)
{
    if (page == 0)
        page = 1;
    switch (act) {
    case ACT_QUIT: d->quit = true; break;
    case ACT_HELP: d->help = !d->help; break;
    case ACT_CLOSE: d->help = false; break;
    case ACT_UP: move(d, -1); break;
    case ACT_DOWN: move(d, 1); break;
    case ACT_PAGE_UP: move(d, -(long)page); break;
    case ACT_PAGE_DOWN: move(d, (long)page); break;
    case ACT_TOP: move(d, -(long)(d->norder + EVLOG_CAP)); break;
    case ACT_BOTTOM: move(d, (long)(d->norder + EVLOG_CAP)); break;
    case ACT_FOCUS: d->focus = d->focus == PANEL_POSITIONS ? PANEL_RISK
                               : d->focus == PANEL_RISK    ? PANEL_DETAIL
                               : d->focus == PANEL_DETAIL  ? PANEL_LOG
                                                           : PANEL_POSITIONS;
        break;
    case ACT_FILTER: d->filter_editing = true; break;
    case ACT_SORT_LEFT: d->sort_col = d->sort_col == 0 ? COL_COUNT - 1 : d->sort_col - 1; break;
    case ACT_SORT_RIGHT: d->sort_col = (dash_col)((d->sort_col + 1) % COL_COUNT); break;
    case ACT_SORT_INVERT: d->sort_desc = !d->sort_desc; break;
    case ACT_VAR_METHOD: d->var_method = (pv_method)((d->var_method + 1) % PV_METHODS); break;
    case ACT_FREEZE: d->frozen = !d->frozen; break;
    default: break; /* redraw and the override actions are the screen's */
    }
}

bool dash_filter_key(dash *d, int key)
{
    if (!d->filter_editing)
        return false;
    size_t n = strlen(d->filter);
    if (key == 27) {
        d->filter[0] = '\0';
        d->filter_editing = false;
    } else if (key == '\n' || key == '\r') {
        d->filter_editing = false;
    } else if (key == 127 || key == 8 || key == 263 /* KEY_BACKSPACE */) {
        if (n)
            d->filter[n - 1] = '\0';
    } else if (key >= 0x20 && key < 0x7f && n + 1 < sizeof d->filter) {
        d->filter[n] = (char)key;
        d->filter[n + 1] = '\0';
    }
    return true;
}

void dash_click_row(dash *d, size_t row)
{
    if (d->scroll + row < d->norder) {
        d->sel = d->scroll + row;
        d->selected[0] = '\0';
    }
}

void dash_scroll_to_selection(dash *d, size_t rows)
{
    if (rows == 0)
        return;
    if (d->sel < d->scroll)
        d->scroll = d->sel;
    if (d->sel >= d->scroll + rows)
        d->scroll = d->sel - rows + 1;
    if (d->norder <= rows)
        d->scroll = 0;
    else if (d->scroll > d->norder - rows)
        d->scroll = d->norder - rows;
}
