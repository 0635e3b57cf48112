/* hedgeview.c - the hedge panel's data (see hedgeview.h). */
#include "tui/hedgeview.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "invtop/hedge.h"
#include "tui/format.h"
#include "tui/theme.h"

/* ---- the hedge table ---- */

static const struct {
    int w;
    const char *head;
    bool right; /* the header right-aligned over a figure */
} cols[HGV_COLS] = {
    [HGV_FLAG] = {1, " ", false},      [HGV_UND] = {8, "Und", false},    [HGV_NET] = {7, "Delta$", true},
    [HGV_BAND] = {8, "Band", true},    [HGV_INST] = {14, " x Inst", false}, [HGV_LOTS] = {7, "Lots", true},
    [HGV_USD] = {8, "USD", true},      [HGV_STATE] = {14, " State", false}, [HGV_REASON] = {0, " Reason", false},
};

int hgv_col_x(hgv_col c)
{
    assert((unsigned)c < HGV_COLS);
    int x = 0;
    for (int k = 0; k < (int)c; k++)
        x += cols[k].w;
    return x;
}

int hgv_col_w(hgv_col c)
{
    assert((unsigned)c < HGV_COLS);
    return cols[c].w;
}

/* Append s to out at *o, cut at `cells` cells of line width w (ASCII, but
 * a UTF-8 sequence counts one cell and is never split). */
static void put(char *out, size_t cap, size_t *o, int *cells, int w, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p && *cells < w;) {
        size_t len = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : (*p & 0xf8) == 0xf0 ? 4 : 1;
        if (*o + len + 1 > cap)
            break;
        memcpy(out + *o, p, len);
        *o += len;
        p += len;
        (*cells)++;
    }
    if (cap)
        out[*o < cap ? *o : cap - 1] = '\0';
}

void hgv_head_line(int w, char *out, size_t cap)
{
    size_t o = 0;
    int cells = 0;
    char cell[32];
    if (cap)
        out[0] = '\0';
    for (int c = 0; c < HGV_COLS; c++) {
        if (cols[c].w)
            snprintf(cell, sizeof cell, cols[c].right ? "%*s" : "%-*s", cols[c].w, cols[c].head);
        else
            snprintf(cell, sizeof cell, "%s", cols[c].head);
        put(out, cap, &o, &cells, w, cell);
    }
}

bool hgv_outside(const snap_hedge *h)
{
    const double inflight = isfinite(h->inflight_usd) ? h->inflight_usd : 0;
    /* hg_outside asserts a band >= 0: a viewer draws whatever a remote
     * engine's snapshot says, and a negative band there is no band */
    return hg_outside(h->net_delta_usd + inflight, h->band_usd >= 0 ? h->band_usd : NAN);
}

bool hgv_has_suggestion(const snap_hedge *h)
{
    return isfinite(h->lots) && h->lots != 0;
}

/* Cell c of row h, its column's width (the reason: whole). */
static void hedge_cell(const snap_hedge *h, hgv_col c, bool utf8, char *out, size_t cap)
{
    char num[32];
    const int w = cols[c].w;
    switch (c) {
    case HGV_FLAG:
        snprintf(out, cap, "%s", hgv_outside(h) ? "!" : " ");
        break;
    case HGV_UND:
        snprintf(out, cap, "%-*.*s", w, w - 1, h->underlying);
        break;
    case HGV_NET:
        fmt_abbrev(out, cap, h->net_delta_usd, false, w);
        break;
    case HGV_BAND:
        if (!isfinite(h->band_usd)) {
            snprintf(out, cap, "%*s", w, "-");
        } else {
            fmt_compact(num, sizeof num, h->band_usd);
            /* "±" is one cell in two bytes: pad by cells, not bytes */
            const int used = (int)strlen(num) + (utf8 ? 1 : 2);
            snprintf(out, cap, "%*s%s%s", used < w ? w - used : 0, "", utf8 ? "\u00b1" : "+-", num);
        }
        break;
    case HGV_INST:
        if (!h->inst[0])
            snprintf(out, cap, "   %-*s", w - 3, "-");
        else
            snprintf(out, cap, " %s %-*.*s", h->cross ? "x" : " ", w - 3, w - 3, h->inst);
        break;
    case HGV_LOTS:
        if (hgv_has_suggestion(h))
            fmt_abbrev(out, cap, h->lots, false, w);
        else
            snprintf(out, cap, "%*s", w, "-");
        break;
    case HGV_USD:
        if (hgv_has_suggestion(h))
            fmt_abbrev(out, cap, h->usd, false, w);
        else
            snprintf(out, cap, "%*s", w, "-");
        break;
    case HGV_STATE: {
        const char *name = hg_state_name(h->state);
        snprintf(out, cap, " %-*s", w - 1, name ? name : "?");
        break;
    }
    case HGV_REASON:
        snprintf(out, cap, " %s", h->reason);
        break;
    default:
        out[0] = '\0';
    }
}

void hgv_hedge_cell(const snap_hedge *h, hgv_col c, bool utf8, char *out, size_t cap)
{
    assert((unsigned)c < HGV_COLS);
    hedge_cell(h, c, utf8, out, cap);
}

void hgv_hedge_line(const snap_hedge *h, bool utf8, int w, char *out, size_t cap)
{
    size_t o = 0;
    int cells = 0;
    char cell[SNAP_TEXT + EVENT_ID_MAX + 8];
    if (cap)
        out[0] = '\0';
    for (int c = 0; c < HGV_COLS; c++) {
        hedge_cell(h, (hgv_col)c, utf8, cell, sizeof cell);
        put(out, cap, &o, &cells, w, cell);
    }
}

int hgv_hedge_slot(const snap_hedge *h)
{
    if (isnan(h->net_delta_usd))
        return SLOT_DIM;
    return hgv_outside(h) ? SLOT_WARNING : SLOT_NORMAL;
}

void hgv_detail(const snap *s, const snap_hedge *h, char *out, size_t cap)
{
    char more[SNAP_TEXT + EVENT_ID_MAX + EVENT_SYM_MAX + 96] = "", num[32];
    size_t n = 0;
#define MORE(...) \
    (n += (size_t)snprintf(more + (n < sizeof more ? n : sizeof more - 1), n < sizeof more ? sizeof more - n : 1, __VA_ARGS__))
    if (isfinite(h->inflight_usd) && h->inflight_usd != 0) {
        fmt_compact(num, sizeof num, h->inflight_usd);
        MORE("; in flight %s USD", num);
    }
    if (h->cross) {
        MORE("; cross hedge with %s (%s)", h->inst, h->inst_underlying);
        if (isfinite(h->hedge_ratio))
            MORE(", ratio %.3g", h->hedge_ratio);
        if (isfinite(h->variance_removed))
            MORE(", %.0f%% of the variance removed", h->variance_removed);
    }
    if (h->automatic) {
        MORE("; auto");
        if (isfinite(h->cooldown_until) && h->cooldown_until > s->ts) {
            fmt_age(num, sizeof num, h->cooldown_until - s->ts);
            MORE(", cooldown %s", num);
        }
    }
#undef MORE
    snprintf(out, cap, "%s: %s%s", h->underlying, h->reason[0] ? h->reason : "no reason given", more);
}

/* ---- orders ---- */

/* Where an order line's fields start (the state at HGV_ORDER_STATE_X).
 * The id's column holds invtop's own ids (a 12-digit session prefix, '-',
 * a counter) whole. */
enum { O_CLID = 0, O_INST = 17, O_SIDE = 30, O_STATE = HGV_ORDER_STATE_X, O_AGE = 51, O_FILL = 58 };

void hgv_order_head(int w, char *out, size_t cap)
{
    char line[96];
    snprintf(line, sizeof line, "%-*s%-*s%-*s%-*s%*s  %s", O_INST - O_CLID, "Order", O_SIDE - O_INST, "Inst",
             O_STATE - O_SIDE, "Side qty", O_AGE - O_STATE, "State", O_FILL - O_AGE - 2, "Age", "Filled @ avg px");
    size_t o = 0;
    int cells = 0;
    if (cap)
        out[0] = '\0';
    put(out, cap, &o, &cells, w, line);
}

int hgv_order_slot(const snap_order *o)
{
    switch (o->state) {
    case ORD_EXPIRED:
    case ORD_REJECTED:
    case ORD_REFUSED: return SLOT_BREACH;
    case ORD_FILLED: return SLOT_GAIN;
    default: return SLOT_NORMAL;
    }
}

/* The instrument's price decimals in s (its tick when s has it). */
static int price_decimals(const snap *s, const char *inst, double px)
{
    const long i = snap_find(s, inst);
    return fmt_price_decimals(px, i >= 0 ? s->inst[i].tick : NAN);
}

void hgv_order_line(const snap *s, const snap_order *o, int w, char *out, size_t cap)
{
    char qty[32], age[16], fill[64], side[32];
    const char *state = ord_state_name(o->state);
    fmt_abbrev(qty, sizeof qty, fabs(o->qty), true, 6);
    snprintf(side, sizeof side, "%s %s", o->qty < 0 ? "sell" : "buy", qty + strspn(qty, " "));
    fmt_age(age, sizeof age, s->ts - o->created);
    const bool why = (o->state == ORD_REFUSED || o->state == ORD_REJECTED) && o->reason[0];
    if (o->filled != 0 && isfinite(o->filled)) {
        fmt_abbrev(qty, sizeof qty, fabs(o->filled), true, 6);
        if (isfinite(o->fill_px))
            snprintf(fill, sizeof fill, "%s @ %.*f", qty + strspn(qty, " "), price_decimals(s, o->inst, o->fill_px),
                     o->fill_px);
        else
            snprintf(fill, sizeof fill, "%s", qty + strspn(qty, " "));
    } else {
        snprintf(fill, sizeof fill, "-");
    }
    /* a longer id keeps its end, where ids differ (the counter): "~" says the cut */
    char clid[EVENT_ID_MAX + 2];
    const size_t idw = O_INST - O_CLID - 1, idn = strlen(o->clid);
    snprintf(clid, sizeof clid, "%s%s", idn > idw ? "~" : "", idn > idw ? o->clid + idn - (idw - 1) : o->clid);
    char line[EVENT_ID_MAX * 2 + SNAP_TEXT + 160];
    snprintf(line, sizeof line, "%-*.*s %-*.*s %-*.*s %-*.*s %*s  %s%s%s", O_INST - O_CLID - 1, O_INST - O_CLID - 1,
             clid, O_SIDE - O_INST - 1, O_SIDE - O_INST - 1, o->inst, O_STATE - O_SIDE - 1, O_STATE - O_SIDE - 1,
             side, O_AGE - O_STATE - 1, O_AGE - O_STATE - 1, state ? state : "?", O_FILL - O_AGE - 2, age,
             why ? "" : fill, why ? "why: " : o->automatic ? "  (auto)" : "", why ? o->reason : "");
    size_t n = 0;
    int cells = 0;
    if (cap)
        out[0] = '\0';
    put(out, cap, &n, &cells, w, line);
}

/* ---- the header ---- */

void hgv_header(const snap *s, char *out, size_t cap, int *slot)
{
    char lim[96] = "", num[32], hz[16];
    *slot = s->hedge_auto ? SLOT_ACCENT : SLOT_NORMAL;
    if (!s->orders_endpoint[0]) {
        snprintf(out, cap, "AUTO %s | no --orders: suggestions only", s->hedge_auto ? "ON" : "OFF");
        return;
    }
    if (isfinite(s->max_order_usd) && s->max_order_usd > 0) {
        fmt_compact(num, sizeof num, s->max_order_usd);
        snprintf(lim, sizeof lim, " | max %s USD", num);
    }
    if (isfinite(s->order_ttl_s) && s->order_ttl_s > 0) {
        fmt_age(hz, sizeof hz, s->order_ttl_s);
        snprintf(lim + strlen(lim), sizeof lim - strlen(lim), ", ttl %s", hz);
    }
    if (s->orders_error[0] || !s->orders_journal_ok) {
        *slot = SLOT_BREACH;
        snprintf(out, cap, "AUTO %s | orders %s: %s | sent %llu, refused %llu", s->hedge_auto ? "ON" : "OFF",
                 s->orders_endpoint, s->orders_error[0] ? s->orders_error : "ORDER JOURNAL FAILING",
                 (unsigned long long)s->orders_sent, (unsigned long long)s->orders_refused);
        return;
    }
    snprintf(out, cap, "AUTO %s | orders %s | sent %llu, refused %llu%s", s->hedge_auto ? "ON" : "OFF",
             s->orders_endpoint, (unsigned long long)s->orders_sent, (unsigned long long)s->orders_refused, lim);
}

/* ---- the panel's rows ---- */

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

void hgv_plan(int rows, size_t nhedges, size_t norders, hgv_layout *out)
{
    memset(out, 0, sizeof *out);
    int left = rows - 2; /* the header line, the column headers */
    if (left <= 0)
        return;
    const int nh = nhedges ? (nhedges > 1000 ? 1000 : (int)nhedges) : 1; /* "none" is a line */
    const int no = norders > 1000 ? 1000 : (int)norders;
    out->hedge_rows = min_int(min_int(nh, 2), left);
    left -= out->hedge_rows;
    if (left > 0) {
        out->orders_head = true;
        left--;
    }
    out->order_rows = min_int(min_int(no, 1), left);
    left -= out->order_rows;
    if (nhedges && left > 0) {
        out->detail = true;
        left--;
    }
    const int more = min_int(nh - out->hedge_rows, left);
    out->hedge_rows += more;
    left -= more;
    out->order_rows += min_int(no - out->order_rows, left);
}

/* ---- the H key's words ---- */

void hgv_grouped(double v, char *out, size_t cap)
{
    if (!isfinite(v)) {
        snprintf(out, cap, "-");
        return;
    }
    char digits[64], g[96];
    const double r = round(v);
    snprintf(digits, sizeof digits, "%.0f", fabs(r) < 0.5 ? 0 : fabs(r));
    const size_t n = strlen(digits);
    size_t o = 0;
    if (r <= -0.5)
        g[o++] = '-';
    for (size_t k = 0; k < n && o + 2 < sizeof g; k++) {
        if (k && (n - k) % 3 == 0)
            g[o++] = ',';
        g[o++] = digits[k];
    }
    g[o] = '\0';
    snprintf(out, cap, "%s", g);
}

void hgv_ask(const snap_hedge *h, char *out, size_t cap)
{
    char usd[64];
    hgv_grouped(h->usd, usd, sizeof usd);
    snprintf(out, cap, "Send hedge: %s %.0f lots %s (%s USD)? y to confirm, any other key cancels",
             h->lots < 0 ? "sell" : "buy", fabs(h->lots), h->inst[0] ? h->inst : h->underlying, usd);
}

void hgv_no_hedge(const snap_hedge *h, char *out, size_t cap)
{
    snprintf(out, cap, "no hedge for %s: %s", h->underlying, h->reason[0] ? h->reason : "no suggestion");
}
