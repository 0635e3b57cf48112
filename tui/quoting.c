/* quoting.c - model quotes per instrument (see quoting.h). */
#include "invtop/quoting.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int qt_init(quoting *qt, const skew_params *p, size_t cap)
{
    memset(qt, 0, sizeof *qt);
    qt->p = *p;
    qt->cap = cap;
    qt->e = calloc(cap, sizeof *qt->e);
    return qt->e ? 0 : -1;
}

void qt_free(quoting *qt)
{
    free(qt->e);
    memset(qt, 0, sizeof *qt);
}

/* Volatility of instrument i's underlying in bp per sqrt(second), or NAN. */
static double sigma_bps(const riskrun *rr, size_t i)
{
    if (i >= rr->expo.ninst || rr->expo.inst[i].und < 0 || !hist_cov_ready(rr->hist))
        return NAN;
    size_t u = (size_t)rr->expo.inst[i].und;
    return sqrt(hist_cov(rr->hist, u, u) / rr->p.pv.sample_s) * 1e4;
}

static bool side_moved(double was, double now, double step)
{
    if (isnan(was) != isnan(now))
        return true;
    return !isnan(now) && fabs(now - was) >= step * (1 - 1e-9);
}

bool qt_update(quoting *qt, const book *b, const riskrun *rr, size_t i, double now)
{
    if (i >= qt->cap)
        return false;
    qt_entry *e = &qt->e[i];
    const book_inst *in = book_at(b, i);
    double lot = in->ref.lot > 0 ? in->ref.lot : 1;
    skew_input si = {in->mid, sigma_bps(rr, i), in->pos.qty / lot, in->ref.tick, now};
    e->valid = skew_quote_of(&qt->p, &si, &e->q) == 0;
    if (!e->valid)
        return false;
    if (!e->published)
        return true;
    double step = in->ref.tick > 0 ? in->ref.tick : in->mid * 1e-5;
    return side_moved(e->pub_bid, e->q.bid, step) || side_moved(e->pub_ask, e->q.ask, step);
}

void qt_write_value(const quoting *qt, size_t i, jw *w)
{
    if (i >= qt->cap || !qt->e[i].valid) {
        jw_null(w);
        return;
    }
    const skew_quote *q = &qt->e[i].q;
    jw_obj_begin(w);
    jw_kstr(w, "model", skew_model_name(q->model));
    jw_knum(w, "reservation", q->reservation);
    jw_knum(w, "bid", q->bid);
    jw_knum(w, "ask", q->ask);
    jw_key(w, "skew_bps");
    jw_fixed(w, q->skew_bps, 3);
    jw_key(w, "half_spread_bps");
    jw_fixed(w, q->half_spread_bps, 3);
    jw_knum(w, "q_lots", q->q_lots);
    jw_key(w, "sigma");
    jw_fixed(w, q->sigma_bps, 4);
    jw_obj_end(w);
}

int qt_message(quoting *qt, const book *b, size_t i, double now, jw *topic, jw *body)
{
    qt_entry *e = &qt->e[i];
    const book_inst *in = book_at(b, i);
    const skew_quote *q = &e->q;
    jw_reset(topic);
    jw_reset(body);
    jw_append(topic, "quote.", 6);
    jw_append(topic, in->sym, strlen(in->sym));
    jw_obj_begin(body);
    jw_kstr(body, "sym", in->sym);
    jw_knum(body, "bid", q->bid);
    jw_knum(body, "ask", q->ask);
    jw_knum(body, "mid", in->mid);
    jw_knum(body, "reservation", q->reservation);
    jw_key(body, "skew_bps");
    jw_fixed(body, q->skew_bps, 3);
    jw_key(body, "half_spread_bps");
    jw_fixed(body, q->half_spread_bps, 3);
    jw_kstr(body, "model", skew_model_name(q->model));
    jw_kstr(body, "src", "model");
    jw_knum(body, "q_lots", q->q_lots);
    jw_key(body, "sigma_bps");
    jw_fixed(body, q->sigma_bps, 4);
    jw_kint(body, "seq", (int64_t)++qt->seq);
    jw_key(body, "ts");
    jw_fixed(body, now, 6);
    jw_obj_end(body);
    e->published = true;
    e->pub_bid = q->bid;
    e->pub_ask = q->ask;
    qt->published++;
    return jw_ok(topic) && jw_ok(body) ? 0 : -1;
}

void qt_write_params(const quoting *qt, jw *w)
{
    const skew_params *p = &qt->p;
    jw_obj_begin(w);
    jw_kstr(w, "model", skew_model_name(p->model));
    jw_knum(w, "gamma", p->gamma);
    jw_knum(w, "k", p->k);
    jw_knum(w, "A", p->A);
    jw_knum(w, "delta", p->delta);
    jw_knum(w, "tau_s", p->tau_s);
    jw_knum(w, "session_end", p->session_end);
    jw_knum(w, "skew_factor", p->skew_factor);
    jw_knum(w, "vol_mult", p->vol_mult);
    jw_knum(w, "min_spread_bps", p->min_spread_bps);
    jw_knum(w, "q_max_lots", p->q_max_lots);
    jw_kstr(w, "units", "bp of mid, lots, seconds");
    jw_obj_end(w);
}
