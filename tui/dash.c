/* dash.c - dashboard state and actions (see dash.h). */
#include "tui/dash.h"
#include "tui/panels.h"

#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int dash_init(dash *d, size_t cap)
{
    memset(d, 0, sizeof *d);
    d->cap = cap;
    d->order = calloc(cap ? cap : 1, sizeof *d->order);
    d->spark_mid = malloc((cap ? cap : 1) * DASH_SPARK * sizeof *d->spark_mid);
    d->spark_q = malloc((cap ? cap : 1) * DASH_SPARK * sizeof *d->spark_q);
    d->sort_col = 0; /* the first column, Symbol */
    d->book = d->sorted_book = -1;
    d->focus = panel_home();
    d->log_follow = true;
    d->var_method = PV_HISTORICAL;
    d->scope_bucket = -1;
    evlog_init(&d->log);
    if (!d->order || !d->spark_mid || !d->spark_q)
        return -1;
    for (size_t i = 0; i < cap * DASH_SPARK; i++)
        d->spark_mid[i] = d->spark_q[i] = NAN;
    return 0;
}

void dash_free(dash *d)
{
    free(d->order);
    free(d->spark_mid);
    free(d->spark_q);
    memset(d, 0, sizeof *d);
}

void dash_columns_shown(const dash *d, bool shown[COL_MAX])
{
    col_fit(d->geom.table_width, (d->has_venues ? COLF_VENUES : 0u) | (d->has_coins ? COLF_COINS : 0u), shown);
}

void dash_set_layout(dash *d, const lay_result *l)
{
    const lay_rect *p = &l->r[PANEL_POSITIONS];
    d->geom.table_width = l->too_small || !p->visible ? 0 : p->w - 2;
    for (int i = 0; i < PANEL_COUNT; i++)
        d->geom.panel[i] = !l->too_small && l->r[i].visible;
    d->geom.wide_summary = l->wide_summary;
    panel_id f[PANEL_COUNT];
    size_t n = dash_focusable(d, f), k = 0;
    while (k < n && f[k] != d->focus)
        k++;
    if (k == n)
        d->focus = panel_home(); /* the focused panel left the screen */
}

size_t dash_focusable(const dash *d, panel_id out[PANEL_COUNT])
{
    const panel_id home = panel_home();
    size_t n = 0;
    bool known = d->geom.table_width > 0;
    for (int p = 0; p < PANEL_COUNT; p++)
        if ((panel_info((panel_id)p)->flags & PANF_FOCUS) && (p == (int)home || !known || d->geom.panel[p]) &&
            (!(panel_info((panel_id)p)->flags & PANF_TOGGLE) || (d->panels_on & LAY_BIT(p))))
            out[n++] = (panel_id)p;
    return n;
}

long dash_selected_index(const dash *d)
{
    return d->norder ? (long)d->order[d->sel] : -1;
}

/* Room for n instruments (a remote engine's count is known only from its
 * snapshots). Returns how many fit: n, or the old capacity without memory. */
static size_t fit(dash *d, size_t n)
{
    if (n <= d->cap)
        return n;
    size_t want = d->cap * 2 > n ? d->cap * 2 : n;
    size_t *order = realloc(d->order, want * sizeof *order);
    if (order)
        d->order = order;
    double *mid = order ? realloc(d->spark_mid, want * DASH_SPARK * sizeof *mid) : NULL;
    if (mid)
        d->spark_mid = mid;
    double *q = mid ? realloc(d->spark_q, want * DASH_SPARK * sizeof *q) : NULL;
    if (!q)
        return d->cap; /* what grew stays grown, unused */
    d->spark_q = q;
    for (size_t i = d->cap * DASH_SPARK; i < want * DASH_SPARK; i++)
        d->spark_mid[i] = d->spark_q[i] = NAN;
    d->cap = want;
    return n;
}

size_t dash_spark(const dash *d, dash_spark_kind k, size_t i, double out[DASH_SPARK])
{
    assert(i < d->cap); /* dash_order hands out no index beyond what fit() made room for */
    const double *ring = (k == DASH_SPARK_MID ? d->spark_mid : d->spark_q) + i * DASH_SPARK;
    size_t start = (d->spark_head + DASH_SPARK - d->spark_n) % DASH_SPARK;
    for (size_t n = 0; n < d->spark_n; n++)
        out[n] = ring[(start + n) % DASH_SPARK];
    return d->spark_n;
}

void dash_sample(dash *d, const snap *s)
{
    size_t n = fit(d, s->ninst);
    for (size_t i = 0; i < n; i++) {
        const snap_inst *in = &s->inst[i];
        double lot = in->lot > 0 ? in->lot : 1;
        d->spark_mid[i * DASH_SPARK + d->spark_head] = in->mid;
        d->spark_q[i * DASH_SPARK + d->spark_head] = in->qty / lot;
    }
    d->spark_head = (d->spark_head + 1) % DASH_SPARK;
    d->spark_taken++;
    if (d->spark_n < DASH_SPARK)
        d->spark_n++;
}

/* ---- the event log: the engine's events and the view's answers ---- */

void dash_log_answer(dash *d, double now, evlog_level level, const char *text, const char *echo)
{
    evlog_add(&d->log, now, level, "%s", text);
    if (!echo || !echo[0])
        return;
    snprintf(d->echo[d->echo_next], DASH_ECHO_TEXT, "%s", echo);
    d->echo_next = (d->echo_next + 1) % DASH_ECHOES;
}

/* True (and forgotten) when event text echoes an answer already logged. */
static bool is_echo(dash *d, const char *text)
{
    for (size_t k = 0; k < DASH_ECHOES; k++)
        if (d->echo[k][0] && strstr(text, d->echo[k])) {
            d->echo[k][0] = '\0';
            return true;
        }
    return false;
}

void dash_take_events(dash *d, const snap *s)
{
    unsigned long fresh;
    if (!d->events_started || s->events_total < d->events_seen)
        fresh = s->events_total; /* the first snapshot, or a restarted engine */
    else
        fresh = s->events_total - d->events_seen;
    d->events_started = true;
    d->events_seen = s->events_total;
    if (fresh == 0)
        return;
    size_t take = fresh < s->nevents ? (size_t)fresh : s->nevents;
    if (fresh > take)
        evlog_add(&d->log, s->nevents ? s->events[s->nevents - take].time : s->ts, EVLOG_INFO,
                  "(%lu earlier engine events not shown)", fresh - take);
    for (size_t k = s->nevents - take; k < s->nevents; k++) {
        const snap_event *e = &s->events[k];
        if (is_echo(d, e->text))
            continue;
        evlog_level lv = e->level == EVLOG_ALERT ? EVLOG_ALERT : e->level == EVLOG_WARN ? EVLOG_WARN : EVLOG_INFO;
        evlog_add(&d->log, e->time, lv, "%s", e->text);
    }
}

/* ---- rows and sorting ---- */

typedef struct {
    const snap *s;
    size_t col;
    bool desc;
    long book;
} sort_ctx;

void dash_next_book(dash *d, size_t nbooks)
{
    d->book = d->book + 1 < (long)nbooks ? d->book + 1 : -1;
}

/* qsort_r is a GNU extension: an explicit merge sort keeps this portable C11. */
static int compare(const sort_ctx *s, size_t x, size_t y)
{
    return col_compare(s->s, s->book, s->col, s->desc, x, y);
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

/* The ladder's rows for the book shown, the cursor kept on its underlying
 * (after a move, cleared, on its position). */
static void order_ladder(dash *d, const snap *s)
{
    d->lad_nbuckets = s->ladder.nbuckets;
    if (d->lad_col > d->lad_nbuckets)
        d->lad_col = d->lad_nbuckets;
    d->nlad = optv_ladder_rows(s, d->book, d->lad_fig, d->lad_sort, d->lad_rows);
    bool found = false;
    for (size_t k = 0; d->lad_und[0] && k < d->nlad && !found; k++)
        if (strcmp(s->ladder_rows[d->lad_rows[k]].underlying, d->lad_und) == 0) {
            d->lad_sel = k;
            found = true;
        }
    if (!found && d->lad_sel >= d->nlad)
        d->lad_sel = d->nlad ? d->nlad - 1 : 0;
    if (d->nlad)
        memcpy(d->lad_und, s->ladder_rows[d->lad_rows[d->lad_sel]].underlying, sizeof d->lad_und);
}

/* The hedge panel's cursor kept on its underlying (after a move, cleared,
 * on its position). */
static void order_hedges(dash *d, const snap *s)
{
    d->nhg = s->nhedges < SNAP_HEDGES ? s->nhedges : SNAP_HEDGES;
    d->nhg_orders = s->norders < SNAP_ORDERS ? s->norders : SNAP_ORDERS;
    bool found = false;
    for (size_t k = 0; d->hg_und[0] && k < d->nhg && !found; k++)
        if (strcmp(s->hedges[k].underlying, d->hg_und) == 0) {
            d->hg_sel = k;
            found = true;
        }
    if (!found && d->hg_sel >= d->nhg)
        d->hg_sel = d->nhg ? d->nhg - 1 : 0;
    if (d->nhg)
        memcpy(d->hg_und, s->hedges[d->hg_sel].underlying, sizeof d->hg_und);
}

const snap_hedge *dash_hedge_selected(const dash *d, const snap *s)
{
    const size_t n = s->nhedges < SNAP_HEDGES ? s->nhedges : SNAP_HEDGES;
    for (size_t k = 0; d->hg_und[0] && k < n; k++)
        if (strcmp(s->hedges[k].underlying, d->hg_und) == 0)
            return &s->hedges[k];
    return NULL;
}

/* The alerts overlay's cursor kept on its rule (after a move, cleared, on
 * its position). */
static void order_alerts(dash *d, const snap *s)
{
    d->nal = s->nalerts < SNAP_ALERTS ? s->nalerts : SNAP_ALERTS;
    bool found = false;
    for (size_t k = 0; d->al_name[0] && k < d->nal && !found; k++)
        if (strcmp(s->alerts[k].name, d->al_name) == 0) {
            d->al_sel = k;
            found = true;
        }
    if (!found && d->al_sel >= d->nal)
        d->al_sel = d->nal ? d->nal - 1 : 0;
    if (d->nal)
        snprintf(d->al_name, sizeof d->al_name, "%s", s->alerts[d->al_sel].name);
}

const snap_alert *dash_alert_selected(const dash *d, const snap *s)
{
    const size_t n = s->nalerts < SNAP_ALERTS ? s->nalerts : SNAP_ALERTS;
    for (size_t k = 0; d->al_name[0] && k < n; k++)
        if (strcmp(s->alerts[k].name, d->al_name) == 0)
            return &s->alerts[k];
    return NULL;
}

void dash_order(dash *d, const snap *s)
{
    size_t n = fit(d, s->ninst);
    const char *last = n ? s->inst[n - 1].id : "";
    if (d->book >= (long)s->nbooks)
        d->book = -1; /* a restarted engine with fewer books */
    for (size_t i = 0; i < n && !d->has_venues; i++)
        d->has_venues = s->inst[i].venue[0] != '\0';
    for (size_t i = 0; i < n && !d->has_coins; i++)
        d->has_coins = s->inst[i].settle == INST_SETTLE_INVERSE;
    /* instruments are only appended: sorted by a key fixed for an instrument
     * (its id, its venue), the same count, last id, book and filter give the
     * same order */
    order_ladder(d, s);
    order_hedges(d, s);
    order_alerts(d, s);
    /* a ladder scope's buckets move with the clock: never the same order */
    bool same = d->sorted_valid && !d->scope_on && col_info(d->sort_col)->sort_text && d->sorted_col == d->sort_col && d->book < 0 &&
                d->sorted_book < 0 && d->sorted_n == n && d->sorted_desc == d->sort_desc &&
                strcmp(d->sorted_filter, d->filter) == 0 && strcmp(d->sorted_last, last) == 0;
    d->sorted_valid = !d->scope_on; /* a scoped order is never reused, nor the one after it */
    d->sorted_n = n;
    d->sorted_col = d->sort_col;
    d->sorted_desc = d->sort_desc;
    memcpy(d->sorted_filter, d->filter, sizeof d->filter);
    snprintf(d->sorted_last, sizeof d->sorted_last, "%s", last);
    d->sorted_book = d->book;
    if (!same) {
        d->norder = 0;
        for (size_t i = 0; i < n; i++)
            if (matches(s->inst[i].id, d->filter) && (d->book < 0 || col_figures_of(s, d->book, i).held) &&
                (!d->scope_on || optv_in_ladder_cell(s, d->book, i, d->scope_und, d->scope_bucket)))
                d->order[d->norder++] = i;
        sort_ctx sc = {s, d->sort_col, d->sort_desc, d->book};
        size_t *tmp = malloc((d->norder ? d->norder : 1) * sizeof *tmp);
        if (tmp) {
            merge_sort(d->order, tmp, d->norder, &sc);
            free(tmp);
        }
    }
    /* follow the selected id; after a move (id cleared) keep the position */
    bool found = false;
    for (size_t k = 0; d->selected[0] && k < d->norder && !found; k++)
        if (strcmp(s->inst[d->order[k]].id, d->selected) == 0) {
            d->sel = k;
            found = true;
        }
    if (!found && d->sel >= d->norder)
        d->sel = d->norder ? d->norder - 1 : 0;
    if (d->norder)
        memcpy(d->selected, s->inst[d->order[d->sel]].id, sizeof d->selected);
}

/* ---- moves and answers (the key handlers' shared steps) ---- */

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

/* The ladder's cursor, clamped; dash_order re-reads its underlying. */
static void move_ladder(dash *d, long delta)
{
    if (!d->nlad)
        return;
    long s = (long)d->lad_sel + delta;
    s = s < 0 ? 0 : s >= (long)d->nlad ? (long)d->nlad - 1 : s;
    d->lad_sel = (size_t)s;
    d->lad_und[0] = '\0';
}

/* The hedge panel's cursor, clamped; dash_order re-reads its underlying. */
static void move_hedge(dash *d, long delta)
{
    if (!d->nhg)
        return;
    long s = (long)d->hg_sel + delta;
    s = s < 0 ? 0 : s >= (long)d->nhg ? (long)d->nhg - 1 : s;
    d->hg_sel = (size_t)s;
    d->hg_und[0] = '\0';
}

/* The alerts overlay's cursor, clamped; dash_order re-reads its rule. */
static void move_alert(dash *d, long delta)
{
    if (!d->nal)
        return;
    long s = (long)d->al_sel + delta;
    s = s < 0 ? 0 : s >= (long)d->nal ? (long)d->nal - 1 : s;
    d->al_sel = (size_t)s;
    d->al_name[0] = '\0';
}

/* The help clamps help_top when it is drawn (it alone knows its length). */
void dash_move(dash *d, long delta)
{
    if (d->help)
        d->help_top = delta < 0 && (size_t)-delta > d->help_top ? 0 : d->help_top + (size_t)delta;
    else if (d->alerts)
        move_alert(d, delta);
    else if (d->focus == PANEL_LOG)
        scroll_log(d, delta);
    else if (d->focus == PANEL_LADDER)
        move_ladder(d, delta);
    else if (d->focus == PANEL_HEDGES)
        move_hedge(d, delta);
    else
        move_sel(d, delta);
}

/* ---- the options desk's panels ---- */

void dash_toggle_panel(dash *d, panel_id p)
{
    assert(panel_info(p)->flags & PANF_TOGGLE);
    d->panels_on ^= LAY_BIT(p);
    if ((d->panels_on & LAY_BIT(p)) && (panel_info(p)->flags & PANF_FOCUS))
        d->focus = p; /* dash_set_layout sends it home if the panel gets no room */
}

void dash_ladder_col(dash *d, const snap *s, int dir)
{
    const size_t n = s->ladder.nbuckets; /* the total is column n */
    if (dir < 0)
        d->lad_col = d->lad_col > n ? n : d->lad_col > 0 ? d->lad_col - 1 : 0;
    else
        d->lad_col = d->lad_col >= n ? n : d->lad_col + 1;
}

bool dash_ladder_scope(dash *d, const snap *s)
{
    if (!d->nlad || d->lad_sel >= d->nlad) {
        d->scope_on = false;
        return false;
    }
    const char *und = s->ladder_rows[d->lad_rows[d->lad_sel]].underlying;
    const int bucket = d->lad_col < s->ladder.nbuckets ? (int)d->lad_col : -1;
    if (d->scope_on && d->scope_bucket == bucket && strcmp(d->scope_und, und) == 0) {
        d->scope_on = false; /* the same cell again: lifted */
        return false;
    }
    d->scope_on = true;
    d->scope_bucket = bucket;
    snprintf(d->scope_und, sizeof d->scope_und, "%s", und);
    return true;
}

void dash_stress_next(dash *d, const snap *s)
{
    optv_stress_next(s, &d->stress_kind, d->stress_name);
}

void dash_stress_follow_book(dash *d, const snap *s)
{
    if (d->book >= 0 && (size_t)d->book < s->nbooks) {
        d->stress_kind = OPTV_BOOK;
        snprintf(d->stress_name, sizeof d->stress_name, "%s", s->books[d->book].name);
    } else {
        d->stress_kind = OPTV_PORTFOLIO;
        d->stress_name[0] = '\0';
    }
}

void dash_message(dash *d, double now, const char *text)
{
    assert(text);
    /* the footer's one line: a longer text (an engine's answer can be) is
     * cut, on purpose, and never wider than a footer shows anyway */
    const int n = snprintf(d->message, sizeof d->message, "%s", text);
    if (n < 0)
        d->message[0] = '\0';
    d->message_until = now + 4;
}

void dash_answer(dash *d, double now, fe_answer a, const char *msg)
{
    char line[256];
    /* the engine answers a hedge command in words starting "hedge UND",
     * an acknowledgement in words starting "ack RULE": an order or a
     * silence, not an override, and logged as the engine logs it */
    const bool hedge = strncmp(msg, "hedge ", 6) == 0, ack = strncmp(msg, "ack ", 4) == 0;
    if (a == FE_APPLIED) {
        snprintf(line, sizeof line, "%s%s", hedge || ack ? "" : "override ", msg);
        dash_message(d, now, msg);
        dash_log_answer(d, now,
                        ack     ? EVLOG_INFO
                        : hedge ? EVLOG_WARN
                        : strstr(msg, "KILL") || strstr(msg, "kill") ? EVLOG_ALERT
                                                                     : EVLOG_INFO,
                        line, msg);
    } else if (a == FE_REFUSED) {
        if (hedge || ack) /* "hedge BTC refused: why" says it all */
            snprintf(line, sizeof line, "%s", msg);
        else
            snprintf(line, sizeof line, "OVERRIDE REFUSED: %s", msg[0] ? msg : "no reason given");
        dash_message(d, now, line);
        dash_log_answer(d, now, EVLOG_ALERT, line, msg);
    } else {
        dash_message(d, now, msg);
        dash_log_answer(d, now, EVLOG_INFO, msg, NULL);
    }
}

size_t dash_next_col(const dash *d, int dir)
{
    bool shown[COL_MAX];
    dash_columns_shown(d, shown);
    const size_t n = col_count();
    size_t c = d->sort_col;
    for (size_t k = 0; k < n; k++) {
        c = (c + (dir < 0 ? n - 1 : 1)) % n;
        if (shown[c])
            return c;
    }
    return d->sort_col;
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

void dash_hedge_fit(dash *d, size_t rows)
{
    if (rows == 0)
        return;
    if (d->hg_sel < d->hg_scroll)
        d->hg_scroll = d->hg_sel;
    if (d->hg_sel >= d->hg_scroll + rows)
        d->hg_scroll = d->hg_sel - rows + 1;
    if (d->nhg <= rows)
        d->hg_scroll = 0;
    else if (d->hg_scroll > d->nhg - rows)
        d->hg_scroll = d->nhg - rows;
}

void dash_alert_fit(dash *d, size_t rows)
{
    if (rows == 0)
        return;
    if (d->al_sel < d->al_scroll)
        d->al_scroll = d->al_sel;
    if (d->al_sel >= d->al_scroll + rows)
        d->al_scroll = d->al_sel - rows + 1;
    if (d->nal <= rows)
        d->al_scroll = 0;
    else if (d->al_scroll > d->nal - rows)
        d->al_scroll = d->nal - rows;
}

void dash_ladder_fit(dash *d, size_t rows, int width)
{
    if (rows > 0) {
        if (d->lad_sel < d->lad_scroll)
            d->lad_scroll = d->lad_sel;
        if (d->lad_sel >= d->lad_scroll + rows)
            d->lad_scroll = d->lad_sel - rows + 1;
        if (d->nlad <= rows)
            d->lad_scroll = 0;
        else if (d->lad_scroll > d->nlad - rows)
            d->lad_scroll = d->nlad - rows;
    }
    const size_t fit = optv_ladder_fit(width, d->lad_nbuckets);
    d->lad_first = optv_ladder_first(fit, d->lad_nbuckets, d->lad_col, d->lad_first);
}
