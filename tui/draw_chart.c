/* draw_chart.c - the session chart: portfolio P&L and VaR over the session
 * as btop-style braille graphs, the VaR limit as a dashed line (see
 * drawpanel.h). */
#include "tui/drawpanel.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/format.h"

/* A limit this many times the highest VaR flattens the VaR graph to
 * nothing: it is named, not drawn. */
#define LIMIT_ON_SCALE 4.0

#define CHART_ROWS 24
#define CHART_CELLS 256
#define CHART_ROW_BYTES (3 * CHART_CELLS + 1)

/* Rows [y, y + h) of one graph of vals, with `label` in the label column
 * (lw cells) of its first row; slot_of gives each row's slot. */
static void graph(const draw_ctx *c, int y, int x, int w, int h, int lw, const char *label, const double *vals,
                  size_t n, bool peak, double lo, double hi, double base, double mark,
                  int (*slot_of)(int row, int h, double lo, double hi, double ref), double ref)
{
    char rows[CHART_ROWS][CHART_ROW_BYTES]; /* 19 kB of stack: drawing is never reentrant */
    double cols[2 * CHART_CELLS];
    int gw = w - lw;
    if (gw > CHART_CELLS)
        gw = CHART_CELLS;
    if (h > CHART_ROWS)
        h = CHART_ROWS;
    if (gw < 1 || h < 1)
        return;
    draw_text(c, y, x, lw, SLOT_DIM, label);
    size_t ncols = (size_t)gw * (c->utf8 ? 2 : 1); /* dot columns */
    (void)fmt_graph_columns(vals, n, ncols, peak, cols);
    fmt_graph(rows[0], CHART_ROW_BYTES, h, cols, ncols, gw, lo, hi, base, mark, c->utf8);
    for (int row = 0; row < h; row++)
        draw_text(c, y + row, x + lw, gw, slot_of(row, h, lo, hi, ref), rows[row]);
}

/* The value range a graph row covers: [bottom, top). */
static void row_range(int row, int h, double lo, double hi, double *bottom, double *top)
{
    double per = (hi - lo) / h;
    *bottom = lo + per * (h - 1 - row);
    *top = *bottom + per;
}

/* P&L rows above zero are gains, below losses, the zero row plain. */
static int pnl_slot(int row, int h, double lo, double hi, double zero)
{
    double b, t;
    row_range(row, h, lo, hi, &b, &t);
    return b >= zero ? SLOT_GAIN : t <= zero ? SLOT_LOSS : SLOT_NORMAL;
}

/* VaR rows over the limit are breaches, the limit's row a warning. */
static int var_slot(int row, int h, double lo, double hi, double limit)
{
    double b, t;
    row_range(row, h, lo, hi, &b, &t);
    if (isnan(limit))
        return SLOT_ACCENT;
    return b >= limit ? SLOT_BREACH : t > limit ? SLOT_WARNING : SLOT_ACCENT;
}

void draw_chart(const panel_frame *f, const lay_rect *r, bool focused)
{
    const draw_ctx *c = f->c;
    const snap *s = f->s;
    char title[96], hz[16], line[256];
    size_t nv = s->pv.nvar;
    double level = nv ? s->pv.var_levels[nv - 1] * 100 : 99;
    snprintf(hz, sizeof hz, "%g", s->pv.horizon_s);
    snprintf(title, sizeof title, "Session: P&L, VaR %g%% %ss (USD)", level, hz);
    draw_box(c, r, title, focused);
    int x = r->x + 2, w = r->w - 4, y = r->y + 1, ih = r->h - 2;
    size_t n = s->nseries;
    if (n < 2) {
        draw_wrapped(c, &y, y + ih, x, w, 2, SLOT_DIM, "waiting for risk samples: one point per sample");
        return;
    }
    double pnl[SNAP_SERIES], var[SNAP_SERIES];
    double plo = 0, phi = 0, vmax = 0;
    for (size_t k = 0; k < n; k++) {
        pnl[k] = s->series[k].pnl;
        var[k] = s->series[k].var;
        if (!isnan(pnl[k])) {
            plo = fmin(plo, pnl[k]);
            phi = fmax(phi, pnl[k]);
        }
        if (!isnan(var[k]))
            vmax = fmax(vmax, var[k]);
    }
    double limit = s->limits.max_var_usd > 0 ? s->limits.max_var_usd : NAN;
    bool limit_drawn = !isnan(limit) && limit <= fmax(vmax, 1e-12) * LIMIT_ON_SCALE;
    /* the ranges move in 1-2-5 steps: a new high redraws the graph only
     * when it passes a step */
    double vhi = fmt_nice_ceil(fmax(vmax * 1.15, limit_drawn ? limit * 1.05 : 0));
    if (!(vhi > 0))
        vhi = 1;
    plo = -fmt_nice_ceil(-plo);
    phi = fmt_nice_ceil(phi);
    if (!(phi > plo))
        phi = plo + 1;
    /* legend: the latest values, the session's span, the limit */
    char p_now[16], v_now[16], lim[16], span[16];
    fmt_compact(p_now, sizeof p_now, pnl[n - 1]);
    fmt_compact(v_now, sizeof v_now, var[n - 1]);
    fmt_compact(lim, sizeof lim, limit);
    fmt_age(span, sizeof span, s->series[n - 1].t - s->series[0].t);
    /* as much of the legend as fits, most important first */
    const char *more[3] = {isnan(limit) ? "  limit off" : "", isnan(limit) || limit_drawn ? "" : " (off scale)", ""};
    char lim_s[32], span_s[32];
    if (!isnan(limit)) {
        snprintf(lim_s, sizeof lim_s, "  limit %s", lim);
        more[0] = lim_s;
    }
    snprintf(span_s, sizeof span_s, "  over %s", span);
    more[2] = span_s;
    snprintf(line, sizeof line, "P&L %s  VaR %s", p_now, v_now);
    for (int k = 0; k < 3; k++)
        if ((int)(strlen(line) + strlen(more[k])) <= w)
            strcat(line, more[k]);
    draw_text(c, y, x, w, SLOT_DIM, line);
    int gh = ih - 1, ph = gh / 2 > 0 ? gh / 2 : 1, vh = gh - ph;
    if (gh < 2)
        return;
    const int lw = 4;
    graph(c, y + 1, x, w, ph, lw, "P&L", pnl, n, false, plo, phi, 0, NAN, pnl_slot, 0);
    graph(c, y + 1 + ph, x, w, vh, lw, "VaR", var, n, true, 0, vhi, 0, limit_drawn ? limit : NAN, var_slot,
          limit_drawn ? limit : NAN);
}
