/* draw_panels.c - risk histogram and delta bars, instrument detail, event
 * log (see drawpanel.h). */
#include "tui/drawpanel.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "invtop/exposure.h"
#include "tui/format.h"

#define MAX_BINS 256
#define DELTA_BAR_MAX 16 /* cells: a fill redraws the bar's tip, and a longer bar a longer tip */
#define HIST_MIN_SCENARIOS 30 /* fewer: every bar is one or two scenarios high */

static void histogram(const draw_ctx *c, int y, int x, int w, int h, const snap *s)
{
    static const char *const up[] = {" ", "\u2581", "\u2582", "\u2583", "\u2584",
                                     "\u2585", "\u2586", "\u2587", "\u2588"};
    size_t n = s->nscen;
    const double *pnl = s->scenarios;
    if (w < 8 || h < 3) {
        draw_text(c, y, x, w, SLOT_DIM, "P&L histogram: no room");
        return;
    }
    if (n < HIST_MIN_SCENARIOS) {
        char line[160], bar[128];
        int end = y + h, bw = w < 40 ? w : 40;
        draw_wrapped(c, &y, end, x, w, 2, SLOT_DIM, "P&L histogram warming up: it draws once 30 scenarios are held");
        if (y < end) {
            fmt_bar(bar, sizeof bar, (double)n / HIST_MIN_SCENARIOS, bw, c->utf8);
            draw_text(c, y++, x, bw, SLOT_ACCENT, bar);
        }
        snprintf(line, sizeof line, "%zu of the window's %zu returns so far", n, s->window);
        draw_wrapped(c, &y, end, x, w, 2, SLOT_DIM, line);
        return;
    }
    /* the square-root rule (23 bins for 500 scenarios), one cell each:
     * more bins than that draw noise, and redraw it every second */
    size_t bins = (size_t)ceil(sqrt((double)n));
    if (bins > (size_t)w)
        bins = (size_t)w;
    if (bins > MAX_BINS)
        bins = MAX_BINS;
    unsigned counts[MAX_BINS];
    double lo = pnl[0], hi = pnl[n - 1];
    if (!(hi > lo))
        hi = lo + 1;
    /* bins on a 1-2-5 grid and heights against a 1-2-5 top: a new
     * scenario moves one bar, not every bin edge and every height */
    double bin_w = fmt_nice_ceil((hi - lo) / (double)bins);
    lo = floor(lo / bin_w) * bin_w;
    size_t used = (size_t)ceil((hi - lo) / bin_w);
    bins = used < 1 ? 1 : used < bins ? used : bins;
    hi = lo + (double)bins * bin_w;
    unsigned top = (unsigned)fmt_nice_ceil(fmt_histogram(pnl, n, lo, hi, counts, bins));
    int bar_h = h - 2;
    size_t nv = s->pv.nvar;
    double var_hi = nv ? s->result.var[PV_HISTORICAL][nv - 1] : NAN, es = s->result.es[PV_HISTORICAL];
    size_t var_bin = fmt_bin_of(-var_hi, lo, hi, bins), es_bin = fmt_bin_of(-es, lo, hi, bins);
    for (size_t b = 0; b < bins; b++) {
        double cells = top ? (double)counts[b] / top * bar_h : 0;
        /* bars plain; the tail beyond VaR is marked red on the axis below
         * (red bars cost a colour change on each of their rows) */
        for (int row = 0; row < bar_h; row++) {
            double fillv = cells - (bar_h - 1 - row);
            const char *g;
            if (fillv >= 1)
                g = c->utf8 ? up[8] : "#";
            else if (fillv > 0)
                g = c->utf8 ? up[(int)(fillv * 8)] : (fillv >= 0.5 ? "." : " ");
            else
                g = " ";
            draw_text(c, y + row, x + (int)b, 1, SLOT_NORMAL, g);
        }
        const char *mark = b == var_bin ? "V" : b == es_bin ? "E" : "-";
        draw_text(c, y + bar_h, x + (int)b, 1,
                  b == var_bin || b == es_bin ? SLOT_BREACH : b < var_bin ? SLOT_LOSS : SLOT_DIM, mark);
    }
    char l1[16], l2[16], l3[16], l4[16], label[160];
    fmt_compact(l1, sizeof l1, lo);
    fmt_compact(l4, sizeof l4, hi);
    fmt_compact(l2, sizeof l2, -var_hi);
    fmt_compact(l3, sizeof l3, -es);
    snprintf(label, sizeof label, "%s..%s USD  V VaR%g %s  E CVaR %s  (%zu)", l1, l4,
             nv ? s->pv.var_levels[nv - 1] * 100 : 0, l2, l3, n);
    draw_text(c, y + bar_h + 1, x, w, SLOT_DIM, label);
}

static void delta_bars(const draw_ctx *c, int y, int x, int w, int h, const snap *s)
{
    double top = 0;
    for (size_t u = 0; u < s->nund; u++)
        top = fmax(top, fabs(s->und[u].delta_usd));
    top = fmt_nice_ceil(top); /* bars rescale in 1-2-5 steps, not with every move of the largest */
    int row = 0;
    for (size_t u = 0; u < s->nund && row < h; u++) {
        char name[12], num[16], bar[128], line[192];
        snprintf(name, sizeof name, "%-8.8s", s->und[u].name);
        /* three digits, as the summary: a dollar's move is not worth a redraw */
        fmt_compact(num, sizeof num, s->und[u].delta_usd);
        int bw = w - 20;
        if (bw > DELTA_BAR_MAX)
            bw = DELTA_BAR_MAX;
        if (bw < 1)
            bw = 1;
        fmt_bar(bar, sizeof bar, top > 0 ? fabs(s->und[u].delta_usd) / top : 0, bw, c->utf8);
        snprintf(line, sizeof line, "%s %9s ", name, num);
        draw_text(c, y + row, x, w, SLOT_NORMAL, line);
        /* plain, as the Inventory bars: the sign is the number's, and
         * colour is kept for what needs attention */
        draw_text(c, y + row, x + (int)strlen(line), bw, SLOT_NORMAL, bar);
        row++;
    }
    if (row == 0 && h > 0)
        draw_text(c, y, x, w, SLOT_DIM, "no exposure yet");
}

void draw_risk(const panel_frame *f, const lay_rect *r, bool focused)
{
    const draw_ctx *c = f->c;
    const snap *s = f->s;
    char title[96], hz[16];
    snprintf(hz, sizeof hz, "%g", s->pv.horizon_s);
    snprintf(title, sizeof title, "Risk: historical P&L %ss, delta $ by underlying", hz);
    draw_box(c, r, title, focused);
    int inner_h = r->h - 2, x = r->x + 2, w = r->w - 4;
    int hist_h = inner_h / 2 + 1;
    histogram(c, r->y + 1, x, w, hist_h, s);
    delta_bars(c, r->y + 1 + hist_h, x, w, inner_h - hist_h, s);
}

/* What the instrument is: kind, underlying, contract terms. */
static void contract_line(const snap_inst *in, char *line, size_t cap)
{
    static const char *const kinds[] = INST_KIND_NAMES;
    const char *kind = (unsigned)in->kind < INST_KIND_COUNT ? kinds[in->kind] : "?";
    const char *und = in->underlying[0] ? in->underlying : "?";
    if (in->kind == INST_OPTION && !isnan(in->expiry)) {
        char exp[16];
        time_t t = (time_t)in->expiry;
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(exp, sizeof exp, "%Y-%m-%d", &tm);
        snprintf(line, cap, "%s %s %g on %s, expiry %s, mult %g, lot %g, tick %g",
                 in->right == 'P' || in->right == 'p' ? "put" : "call", kind, in->strike, und, exp, in->mult,
                 in->lot, in->tick);
    } else {
        snprintf(line, cap, "%s on %s, mult %g, lot %g, tick %g", kind, und, in->mult, in->lot, in->tick);
    }
}

/* An option's vol and where it came from, an lp range's bounds, amounts
 * and impermanent loss: what its greeks and value rest on, shown right
 * under the contract. */
static void options_lines(const draw_ctx *c, int *y, int end, int x, int w, const snap_inst *in)
{
    char line[256];
    if (in->kind == INST_OPTION) {
        const char *src = expo_iv_source_name((expo_iv_source)in->iv_source);
        if (!isnan(in->iv))
            snprintf(line, sizeof line, "iv %.2f%% (%s)", in->iv * 100, src[0] ? src : "source unknown");
        else if (in->iv_unsolved) /* the line below says why */
            snprintf(line, sizeof line, "iv: none");
        else
            snprintf(line, sizeof line, "iv: none (no vol on its prices or from its mid, none configured)");
        draw_wrapped(c, y, end, x, w, 2, isnan(in->iv) ? SLOT_WARNING : SLOT_NORMAL, line);
        if (in->iv_unsolved)
            draw_wrapped(c, y, end, x, w, 2, SLOT_WARNING, "no vol from mid (outside no-arbitrage bounds)");
    } else if (in->kind == INST_LP) {
        snprintf(line, sizeof line, "range %g - %g, %s", in->lp_lower, in->lp_upper,
                 isnan(in->lp_base) ? "no underlying price yet" : in->lp_in_range ? "in range" : "OUT OF RANGE");
        draw_wrapped(c, y, end, x, w, 2, !isnan(in->lp_base) && !in->lp_in_range ? SLOT_WARNING : SLOT_NORMAL, line);
        if (!isnan(in->lp_base)) {
            snprintf(line, sizeof line, "holds base %.6g, quote %.2f; vs holding the deposit %+.2f USD (impermanent loss)", in->lp_base,
                     in->lp_quote, in->lp_il);
            draw_wrapped(c, y, end, x, w, 2, draw_loss_slot(in->lp_il), line);
        }
    }
}

void draw_detail(const panel_frame *f, const lay_rect *r, bool focused)
{
    const draw_ctx *c = f->c;
    const snap *s = f->s;
    const dash *d = f->d;
    long sel = dash_selected_index(d);
    char title[sizeof "Detail " + EVENT_ID_MAX];
    snprintf(title, sizeof title, "Detail %s", sel >= 0 && (size_t)sel < s->ninst ? s->inst[sel].id : "");
    draw_box(c, r, title, focused);
    if (sel < 0 || (size_t)sel >= s->ninst)
        return;
    size_t i = (size_t)sel;
    const snap_inst *in = &s->inst[i];
    int x = r->x + 2, w = r->w - 4, y = r->y + 1, end = r->y + r->h - 1;
    double tmp[DASH_SPARK];
    char spark[DASH_SPARK * 4 + 1], line[320];
    contract_line(in, line, sizeof line);
    draw_wrapped(c, &y, end, x, w, 2, SLOT_DIM, line);
    options_lines(c, &y, end, x, w, in);
    const char *label[2] = {"price", "inventory"};
    for (int k = 0; k < 2 && y < end; k++) {
        size_t n = dash_spark(d, k == 0 ? DASH_SPARK_MID : DASH_SPARK_LOTS, i, tmp);
        size_t shown = w > 10 ? fmt_page_shown(d->spark_taken, (size_t)(w - 10)) : 0;
        if (shown > n)
            shown = n;
        fmt_sparkline(spark, sizeof spark, tmp + (n - shown), shown, w - 10, c->utf8);
        draw_text(c, y, x, 10, SLOT_DIM, label[k]);
        draw_text(c, y++, x + 10, w - 10, SLOT_NORMAL, spark);
    }
    const skew_quote *q = in->has_quote ? &in->q : NULL;
    const skew_params *p = &s->quote_params;
    int pd = fmt_price_decimals(in->mid, in->tick);
    if (q) {
        snprintf(line, sizeof line, "%s: q %+.2f lots, sigma %.3f bp/s^0.5, gamma %g, k %g, A %g",
                 skew_model_name(q->model), q->q_lots, q->sigma_bps, p->gamma, p->k, p->A);
        draw_wrapped(c, &y, end, x, w, 2, SLOT_NORMAL, line);
        /* bid and ask side by side, as a desk writes them; the
         * reservation price is mid moved by the skew below, and a third
         * price ticking every frame would cost a third run of bytes */
        snprintf(line, sizeof line, "bid/ask %.*f / %.*f", pd, q->bid, pd, q->ask);
        draw_wrapped(c, &y, end, x, w, 2, SLOT_NORMAL, line);
        snprintf(line, sizeof line, "skew %+.2f bp  half spread %.2f bp", q->skew_bps, q->half_spread_bps);
        draw_wrapped(c, &y, end, x, w, 2, SLOT_NORMAL, line); /* a direction, not a gain */
    } else {
        draw_wrapped(c, &y, end, x, w, 2, SLOT_DIM, "no quote yet (waiting for volatility)");
    }
    if (in->eff.valid && in->eff.manual) {
        char ttl[16] = "";
        if (!isnan(in->o.expires))
            fmt_age(ttl, sizeof ttl, in->o.expires - s->ts);
        if (in->eff.paused)
            snprintf(line, sizeof line, "MANUAL: PAUSED, no quotes%s%s%s", s->kill ? " (kill switch)" : "",
                     ttl[0] ? ", expires in " : "", ttl);
        else
            snprintf(line, sizeof line, "MANUAL: bid %.*f ask %.*f skew %+.2f bp%s%s", pd, in->eff.bid, pd,
                     in->eff.ask, in->eff.skew_bps, ttl[0] ? ", expires in " : "", ttl);
        draw_wrapped(c, &y, end, x, w, 2, SLOT_WARNING, line);
    }
    if (in->has_greeks) {
        if (in->kind == INST_OPTION)
            snprintf(line, sizeof line, "delta %.4f  gamma %.3g  vega %.2f  theta %.2f/day  [%s]", in->delta,
                     in->gamma, in->vega, in->theta, expo_status_name((expo_status)in->greeks_status));
        else /* a flat position's delta is float dust: say 0, never -0 or 5e-18 */
            snprintf(line, sizeof line, "delta %.4g units, %.0f USD", fabs(in->delta) < 1e-12 ? 0.0 : in->delta,
                     fabs(in->delta_usd) < 0.5 ? 0.0 : in->delta_usd);
        draw_wrapped(c, &y, end, x, w, 2, SLOT_NORMAL, line);
    }
}

void draw_log(const panel_frame *f, const lay_rect *r, bool focused)
{
    const draw_ctx *c = f->c;
    const dash *d = f->d;
    char title[64];
    const size_t skip = dash_log_offset(d);
    if (skip)
        snprintf(title, sizeof title, "Events (%lu, %zu newer above)", d->log.total, skip);
    else
        snprintf(title, sizeof title, "Events (%lu)", d->log.total);
    draw_box(c, r, title, focused);
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
