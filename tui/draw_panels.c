/* draw_panels.c - risk histogram and delta bars, instrument detail, event
 * log (see draw.h). */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "invtop/draw.h"
#include "invtop/format.h"

#define MAX_BINS 256

static void histogram(const draw_ctx *c, int y, int x, int w, int h, const app *a)
{
    static const char *const up[] = {" ", "\u2581", "\u2582", "\u2583", "\u2584",
                                     "\u2585", "\u2586", "\u2587", "\u2588"};
    size_t n;
    const double *pnl = rr_historical_pnl(&a->risk, &n);
    if (n < 2 || w < 8 || h < 3) {
        draw_text(c, y, x, w, SLOT_DIM, "P&L histogram: waiting for returns...");
        return;
    }
    size_t bins = (size_t)w < MAX_BINS ? (size_t)w : MAX_BINS;
    unsigned counts[MAX_BINS];
    double lo = pnl[0], hi = pnl[n - 1];
    if (!(hi > lo))
        hi = lo + 1;
    unsigned top = fmt_histogram(pnl, n, lo, hi, counts, bins);
    int bar_h = h - 2;
    const pv_result *res = &a->risk.result;
    size_t nv = a->risk.p.pv.nvar;
    double var_hi = nv ? res->var[PV_HISTORICAL][nv - 1] : NAN, es = res->es[PV_HISTORICAL];
    size_t var_bin = fmt_bin_of(-var_hi, lo, hi, bins), es_bin = fmt_bin_of(-es, lo, hi, bins);
    for (size_t b = 0; b < bins; b++) {
        double cells = top ? (double)counts[b] / top * bar_h : 0;
        int slot = b <= var_bin ? SLOT_LOSS : SLOT_NORMAL;
        for (int row = 0; row < bar_h; row++) {
            double fillv = cells - (bar_h - 1 - row);
            const char *g;
            if (fillv >= 1)
                g = c->utf8 ? up[8] : "#";
            else if (fillv > 0)
                g = c->utf8 ? up[(int)(fillv * 8)] : (fillv >= 0.5 ? "." : " ");
            else
                g = " ";
            draw_text(c, y + row, x + (int)b, 1, slot, g);
        }
        const char *mark = b == var_bin ? "V" : b == es_bin ? "E" : "-";
        draw_text(c, y + bar_h, x + (int)b, 1, b == var_bin || b == es_bin ? SLOT_BREACH : SLOT_DIM, mark);
    }
    char l1[16], l2[16], l3[16], label[128];
    fmt_compact(l1, sizeof l1, lo);
    fmt_compact(l2, sizeof l2, -var_hi);
    fmt_compact(l3, sizeof l3, -es);
    snprintf(label, sizeof label, "%s .. V VaR%g %s  E CVaR %s  (%zu scenarios)", l1,
             nv ? a->risk.p.pv.var_levels[nv - 1] * 100 : 0, l2, l3, n);
    draw_text(c, y + bar_h + 1, x, w, SLOT_DIM, label);
}

static void delta_bars(const draw_ctx *c, int y, int x, int w, int h, const app *a)
{
    const exposure *e = &a->risk.expo;
    double top = 0;
    for (size_t u = 0; u < e->nund; u++)
        if (e->und[u].ninst)
            top = fmax(top, fabs(e->und[u].delta_usd));
    int row = 0;
    for (size_t u = 0; u < e->nund && row < h; u++) {
        if (!e->und[u].ninst)
            continue;
        char name[12], num[16], bar[128], line[192];
        snprintf(name, sizeof name, "%-8.8s", hist_name(a->risk.hist, u));
        fmt_number(num, sizeof num, e->und[u].delta_usd, 0, 9);
        int bw = w - 20;
        if (bw < 1)
            bw = 1;
        fmt_bar(bar, sizeof bar, top > 0 ? fabs(e->und[u].delta_usd) / top : 0, bw, c->utf8);
        snprintf(line, sizeof line, "%s %s ", name, num);
        draw_text(c, y + row, x, w, SLOT_NORMAL, line);
        draw_text(c, y + row, x + (int)strlen(line), bw, draw_pnl_slot(e->und[u].delta_usd), bar);
        row++;
    }
    if (row == 0)
        draw_text(c, y, x, w, SLOT_DIM, "no exposure yet");
}

void draw_risk(const draw_ctx *c, const lay_rect *r, const app *a, const dash *d)
{
    draw_box(c, r, "Risk: historical P&L, delta by underlying", d->focus == PANEL_RISK);
    int inner_h = r->h - 2, x = r->x + 2, w = r->w - 4;
    int hist_h = inner_h / 2 + 1;
    histogram(c, r->y + 1, x, w, hist_h, a);
    delta_bars(c, r->y + 1 + hist_h, x, w, inner_h - hist_h, a);
}

/* The sparkline ring of instrument i, oldest first, into tmp. */
static size_t ring_values(const dash *d, const double *ring, size_t i, double *tmp)
{
    size_t start = (d->spark_head + DASH_SPARK - d->spark_n) % DASH_SPARK;
    for (size_t k = 0; k < d->spark_n; k++)
        tmp[k] = ring[i * DASH_SPARK + (start + k) % DASH_SPARK];
    return d->spark_n;
}

void draw_detail(const draw_ctx *c, const lay_rect *r, const app *a, const dash *d)
{
    long sel = dash_selected_index(d);
    char title[96];
    snprintf(title, sizeof title, "Detail %s", sel >= 0 ? book_at(a->book, (size_t)sel)->id : "");
    draw_box(c, r, title, d->focus == PANEL_DETAIL);
    if (sel < 0)
        return;
    size_t i = (size_t)sel;
    const book_inst *in = book_at(a->book, i);
    int x = r->x + 2, w = r->w - 4, y = r->y + 1, end = r->y + r->h - 1;
    double tmp[DASH_SPARK];
    char spark[DASH_SPARK * 4 + 1], line[256];
    static const char *const kinds[] = {"spot", "perp", "future", "option"};
    const expo_inst *x_e = i < a->risk.expo.ninst ? &a->risk.expo.inst[i] : NULL;
    snprintf(line, sizeof line, "%s on %s, mult %g, lot %g, tick %g", kinds[in->ref.kind],
             x_e && x_e->und >= 0 ? hist_name(a->risk.hist, (size_t)x_e->und) : "?", in->ref.mult,
             in->ref.lot, in->ref.tick);
    draw_text(c, y++, x, w, SLOT_DIM, line);
    size_t n = ring_values(d, d->spark_mid, i, tmp);
    fmt_sparkline(spark, sizeof spark, tmp, n, w - 10, c->utf8);
    draw_text(c, y, x, 10, SLOT_DIM, "price");
    draw_text(c, y++, x + 10, w - 10, SLOT_NORMAL, spark);
    n = ring_values(d, d->spark_q, i, tmp);
    fmt_sparkline(spark, sizeof spark, tmp, n, w - 10, c->utf8);
    draw_text(c, y, x, 10, SLOT_DIM, "inventory");
    draw_text(c, y++, x + 10, w - 10, SLOT_NORMAL, spark);
    const qt_entry *q = i < a->qt.cap && a->qt.e[i].valid ? &a->qt.e[i] : NULL;
    const skew_params *p = &a->qt.p;
    if (y < end && q) {
        snprintf(line, sizeof line, "%s: q %+.2f lots, sigma %.3f bp/s^0.5, gamma %g, k %g, A %g",
                 skew_model_name(q->q.model), q->q.q_lots, q->q.sigma_bps, p->gamma, p->k, p->A);
        draw_text(c, y++, x, w, SLOT_NORMAL, line);
    } else if (y < end) {
        draw_text(c, y++, x, w, SLOT_DIM, "no quote yet (waiting for volatility)");
    }
    if (y < end && q) {
        int pd = fmt_price_decimals(in->mid, in->ref.tick);
        snprintf(line, sizeof line, "reservation %.*f  bid %.*f  ask %.*f", pd, q->q.reservation,
                 pd, q->q.bid, pd, q->q.ask);
        draw_text(c, y++, x, w, SLOT_NORMAL, line);
    }
    if (y < end && q) {
        snprintf(line, sizeof line, "skew %+.2f bp  half spread %.2f bp", q->q.skew_bps,
                 q->q.half_spread_bps);
        draw_text(c, y++, x, w, draw_pnl_slot(q->q.skew_bps), line);
    }
    const qt_entry *e = i < a->qt.cap ? &a->qt.e[i] : NULL;
    ovr o = ovr_get(&a->ovr, in->id);
    if (y < end && e && e->eff.manual) {
        int pd = fmt_price_decimals(in->mid, in->ref.tick);
        char ttl[16] = "";
        if (!isnan(o.expires))
            fmt_age(ttl, sizeof ttl, o.expires - c->now);
        snprintf(line, sizeof line, "MANUAL%s: bid %.*f ask %.*f skew %+.2f bp%s%s",
                 e->eff.paused ? " (PAUSED)" : "", pd, e->eff.bid, pd, e->eff.ask, e->eff.skew_bps,
                 ttl[0] ? ", expires in " : "", ttl);
        draw_text(c, y++, x, w, SLOT_WARNING, line);
    }
    if (y < end && x_e) {
        if (in->ref.kind == INST_OPTION)
            snprintf(line, sizeof line, "delta %.4f  gamma %.3g  vega %.2f  theta %.2f/day  [%s]",
                     x_e->delta, x_e->gamma, x_e->vega, x_e->theta, expo_status_name(x_e->status));
        else
            snprintf(line, sizeof line, "delta %.4g units, %.0f USD", x_e->delta, x_e->delta_usd);
        draw_text(c, y++, x, w, SLOT_NORMAL, line);
    }
}

void draw_log(const draw_ctx *c, const lay_rect *r, const dash *d)
{
    char title[64];
    const size_t skip = dash_log_offset(d);
    if (skip)
        snprintf(title, sizeof title, "Events (%lu, %zu newer above)", d->log.total, skip);
    else
        snprintf(title, sizeof title, "Events (%lu)", d->log.total);
    draw_box(c, r, title, d->focus == PANEL_LOG);
    for (int row = 0; row < r->h - 2; row++) {
        const evlog_entry *e = evlog_get(&d->log, skip + (size_t)row);
        if (!e)
            break;
        char when[16], line[160];
        time_t t = (time_t)e->time;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%H:%M:%S", &tm);
        snprintf(line, sizeof line, "%s %s", when, e->text);
        int slot = e->level == EVLOG_ALERT ? SLOT_BREACH : e->level == EVLOG_WARN ? SLOT_WARNING : SLOT_NORMAL;
        draw_text(c, r->y + 1 + row, r->x + 2, r->w - 4, slot, line);
    }
}
