/* quoting.c - model quotes per instrument (see quoting.h). */
#include "invtop/quoting.h"

#include "invtop/ovrjson.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/journal.h"

int qt_init(quoting *qt, const skew_params *p, size_t cap)
{
    memset(qt, 0, sizeof *qt);
    qt->p = *p;
    qt->cap = cap;
    qt->e = calloc(cap, sizeof *qt->e);
    return qt->e ? 0 : -1;
}

const qt_entry *qt_at(const quoting *qt, size_t i)
{
    assert(i < qt->cap);
    return &qt->e[i];
}

void qt_free(quoting *qt)
{
    free(qt->e);
    memset(qt, 0, sizeof *qt);
}

/* Volatility of instrument i's underlying in bp per sqrt(second), or NAN.
 * An instrument seen since the last risk sample is looked up by name. */
static double sigma_bps(const riskrun *rr, const book_inst *in, size_t i)
{
    if (!hist_cov_ready(rr->hist))
        return NAN;
    int u = i < rr->expo.ninst ? rr->expo.inst[i].und : -1;
    if (u < 0)
        u = hist_find(rr->hist, in->ref.underlying[0] ? in->ref.underlying : in->sym);
    if (u < 0)
        return NAN;
    return sqrt(hist_cov(rr->hist, (size_t)u, (size_t)u) / rr->p.pv.sample_s) * 1e4;
}

static bool side_moved(double was, double now, double step)
{
    if (isnan(was) != isnan(now))
        return true;
    return !isnan(now) && fabs(now - was) >= step * (1 - 1e-9);
}

bool qt_update(quoting *qt, const book *b, const riskrun *rr, const ovr_table *ov, size_t i,
               double now)
{
    assert(i < qt->cap);
    qt_entry *e = &qt->e[i];
    const book_inst *in = book_at(b, i);
    skew_params p = qt->p;
    double lot = in->ref.lot > 0 ? in->ref.lot : 1, tick = in->ref.tick;
    if (qt->params && qt->params->n) {
        inst_param ip = ip_for(qt->params, in->id, in->sym, in->ref.underlying[0] ? in->ref.underlying : in->sym);
        if (ip.model >= 0)
            p.model = (skew_model)ip.model;
        p.gamma = isnan(ip.v[IP_GAMMA]) ? p.gamma : ip.v[IP_GAMMA];
        p.k = isnan(ip.v[IP_K]) ? p.k : ip.v[IP_K];
        p.A = isnan(ip.v[IP_FILL_A]) ? p.A : ip.v[IP_FILL_A];
        p.q_max_lots = isnan(ip.v[IP_MAX_POS_LOTS]) ? p.q_max_lots : ip.v[IP_MAX_POS_LOTS];
        if (!(in->ref.lot > 0) && ip.v[IP_LOT] > 0)
            lot = ip.v[IP_LOT];
        if (!(tick > 0) && ip.v[IP_TICK] > 0)
            tick = ip.v[IP_TICK];
    }
    skew_input si = {in->mid, sigma_bps(rr, in, i), in->pos.qty / lot, tick, now};
    e->valid = skew_quote_of(&p, &si, &e->q) == 0;
    ovr o = ovr_get(ov, in->id);
    ovr_effective(&e->q, e->valid, &o, ov->kill, in->mid, tick, &e->eff);
    if (!e->eff.valid)
        return false;
    if (!e->published || e->pub_manual != e->eff.manual || e->pub_paused != e->eff.paused)
        return true;
    double step = tick > 0 ? tick : in->mid * 1e-5;
    return side_moved(e->pub_bid, e->eff.bid, step) || side_moved(e->pub_ask, e->eff.ask, step);
}

int qt_message(quoting *qt, const book *b, const ovr_table *ov, size_t i, double now,
               const char *user, jw *topic, jw *body)
{
    assert(i < qt->cap);
    qt_entry *e = &qt->e[i];
    const book_inst *in = book_at(b, i);
    const skew_quote *q = &e->q;
    const ovr_quote *eff = &e->eff;
    jw_reset(topic);
    jw_reset(body);
    jw_append(topic, "quote.", 6);
    jw_append(topic, in->sym, strlen(in->sym));
    jw_obj_begin(body);
    jw_kstr(body, "sym", in->sym);
    if (in->venue[0])
        jw_kstr(body, "venue", in->venue);
    jw_knum(body, "bid", eff->bid);
    jw_knum(body, "ask", eff->ask);
    jw_knum(body, "mid", in->mid);
    jw_knum(body, "reservation", eff->reservation);
    jw_kfixed(body, "skew_bps", eff->skew_bps, 3);
    jw_kfixed(body, "half_spread_bps", eff->half_spread_bps, 3);
    jw_kstr(body, "model", skew_model_name(q->model));
    jw_kstr(body, "src", eff->manual ? "manual" : "model");
    jw_kbool(body, "paused", eff->paused);
    jw_key(body, "model_quote");
    jw_obj_begin(body);
    jw_knum(body, "bid", e->valid ? q->bid : NAN);
    jw_knum(body, "ask", e->valid ? q->ask : NAN);
    jw_kfixed(body, "skew_bps", e->valid ? q->skew_bps : NAN, 3);
    jw_kfixed(body, "half_spread_bps", e->valid ? q->half_spread_bps : NAN, 3);
    jw_obj_end(body);
    ovr o = ovr_get(ov, in->id);
    jw_key(body, "override");
    if (ovr_is_set(&o))
        ovrjson_write(body, &o);
    else
        jw_null(body);
    jw_kbool(body, "kill", ov->kill);
    jw_knum(body, "q_lots", q->q_lots);
    jw_kfixed(body, "sigma_bps", e->valid ? q->sigma_bps : NAN, 4);
    jw_kstr(body, "user", eff->manual ? user : "");
    jw_kint(body, "seq", (int64_t)++qt->seq);
    jw_kfixed(body, "ts", now, 6);
    jw_obj_end(body);
    e->published = true;
    e->pub_bid = eff->bid;
    e->pub_ask = eff->ask;
    e->pub_manual = eff->manual;
    e->pub_paused = eff->paused;
    qt->published++;
    return jw_ok(topic) && jw_ok(body) ? 0 : -1;
}

int qt_heartbeat(quoting *qt, double now, jw *topic, jw *body)
{
    jw_reset(topic);
    jw_reset(body);
    jw_append(topic, "hb", 2);
    jw_obj_begin(body);
    jw_kfixed(body, "ts", now, 6);
    jw_kint(body, "seq", (int64_t)++qt->seq);
    jw_kstr(body, "src", "invtop");
    jw_obj_end(body);
    return jw_ok(topic) && jw_ok(body) ? 0 : -1;
}

