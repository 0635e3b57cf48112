/* closedloop.c - the quote loop closed in one process (see closedloop.h). */
#include "invtop/closedloop.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/app.h"
#include "invtop/headless.h"
#include "invtop/jsonw.h"
#include "invtop/ordexec.h"
#include "invtop/synth.h"
#include "invtop/wire.h"

void cl_default_params(cl_params *p)
{
    p->seed = 1;
    p->seconds = 600;
    p->rate = 500;
    p->interval_s = 1;
    p->latency_s = 0;
    p->start_ts = 1767225600;
    p->hedge = CL_HEDGE_OFF;
    p->manual_every_s = 30;
    p->fee_bps = OC_DEFAULT_FEE_BPS;
}

/* What a snapshot samples: inventory (sum of q_lots^2 over quoted
 * instruments, and their count), delta (sum of delta_usd^2 over
 * underlyings, and their count) and the P&L. */
typedef struct {
    double sq, dsq, pnl;
    size_t n, nund;
} cl_frame;

/* A quote on its way to the market. */
typedef struct {
    wire_quote q;
    double due; /* event time it arrives */
} in_flight;

typedef struct {
    app *a;
    synth *s;
    const cl_params *p;
    jw qtopic, qbody;
    in_flight *fifo; /* ring; every quote has the same latency, so due times ascend */
    size_t head, len, cap;
    cl_frame *frames; /* one per snapshot */
    size_t frames_cap;
    double first_frame, last_frame; /* event times */
    cl_result *r;
    ordexec *ex;          /* hedging: orders executed at the touch, NULL when off */
} loop_state;

static int fifo_push(loop_state *st, const wire_quote *q, double due)
{
    if (st->len == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 64;
        in_flight *f = malloc(cap * sizeof *f);
        if (!f)
            return -1;
        for (size_t k = 0; k < st->len; k++)
            f[k] = st->fifo[(st->head + k) % st->cap];
        free(st->fifo);
        st->fifo = f;
        st->head = 0;
        st->cap = cap;
    }
    st->fifo[(st->head + st->len++) % st->cap] = (in_flight){*q, due};
    return 0;
}

/* The market takes every quote that has arrived by event time now, as
 * invtop-feed does (a paused quote withdraws both sides). */
static void deliver(loop_state *st, double now)
{
    while (st->len && st->fifo[st->head].due <= now) {
        wire_quote *q = &st->fifo[st->head].q;
        if (q->paused)
            q->bid = q->ask = NAN;
        if (synth_set_quote(st->s, q->sym, q->bid, q->ask) == 0)
            st->r->quotes_taken++;
        else
            st->r->quote_errors++;
        st->head = (st->head + 1) % st->cap;
        st->len--;
    }
}

/* Instrument i's quote, published when a live invtop would publish it (see
 * app.c, requote): it moved, or `force` (the periodic republish). */
static void publish(loop_state *st, size_t i, double now, bool force)
{
    app *a = st->a;
    bool changed = qt_update(&a->qt, a->book, &a->risk, &a->ovr, i, now);
    if (!(changed || (force && qt_at(&a->qt, i)->eff.valid)))
        return;
    wire_quote q;
    if (qt_message(&a->qt, a->book, &a->ovr, i, now, a->user, &st->qtopic, &st->qbody) != 0 ||
        wire_decode_quote(st->qtopic.buf, st->qtopic.len, st->qbody.buf, st->qbody.len, &q) != WIRE_OK ||
        fifo_push(st, &q, now + st->p->latency_s) != 0) {
        st->r->quote_errors++;
        return;
    }
    st->r->quotes_published++;
}

static void publish_all(loop_state *st, double now, bool force)
{
    size_t n = book_count(st->a->book);
    for (size_t i = 0; i < n; i++)
        publish(st, i, now, force);
}

/* One snapshot at event time t: the JSON line, and the inventory sample. */
static int frame(loop_state *st, jw *out, double t, double prev, uint64_t period_msgs,
                 cl_snapshot_fn emit, void *ctx)
{
    app *a = st->a;
    if (st->r->snapshots == st->frames_cap) {
        size_t cap = st->frames_cap ? 2 * st->frames_cap : 1024;
        cl_frame *f = realloc(st->frames, cap * sizeof *f);
        if (!f)
            return -1;
        st->frames = f;
        st->frames_cap = cap;
    }
    double sq = 0;
    size_t cnt = 0;
    for (size_t i = 0; i < book_count(a->book); i++) {
        const qt_entry *e = qt_at(&a->qt, i);
        if (e->valid || e->eff.valid) { /* the snapshot shows a quote */
            sq += e->q.q_lots * e->q.q_lots;
            cnt++;
        }
    }
    cl_frame *fr = &st->frames[st->r->snapshots];
    fr->sq = sq;
    fr->n = cnt;
    rr_refresh_figures(&a->risk, a->book, t); /* delta and P&L as they are at t */
    const exposure *e = &a->risk.expo;
    double dsq = 0, pnl = 0;
    size_t nund = 0;
    for (size_t u = 0; u < e->nund; u++)
        if (e->und[u].ninst && isfinite(e->und[u].delta_usd)) {
            dsq += e->und[u].delta_usd * e->und[u].delta_usd;
            nund++;
        }
    for (size_t i = 0; i < book_count(a->book); i++)
        pnl += expo_inst_pnl(e, i);
    fr->dsq = dsq;
    fr->nund = nund;
    fr->pnl = pnl;
    if (st->r->snapshots++ == 0)
        st->first_frame = t;
    st->last_frame = t;
    if (!emit)
        return 0;
    headless_ctx c = {
        .now = t,
        .period_s = t - prev,
        .period_msgs = period_msgs,
        .source = "invtop-sim --closed-loop",
    };
    if (headless_snapshot(out, a, &c) != 0)
        return -1;
    emit(ctx, out->buf, out->len);
    return 0;
}

/* ---- hedge orders: executed at once at the market's touch ---- */

static int touch(void *ctx, const char *sym, double *bid, double *ask)
{
    return synth_touch(ctx, sym, bid, ask);
}

static void refill(void *ctx, size_t i, double now)
{
    publish(ctx, i, now, false);
}

static void flush_orders(loop_state *st, double recv)
{
    if (st->ex)
        ordexec_flush(st->ex, recv, refill, st);
}

static void set_now(loop_state *st, double now)
{
    if (st->ex)
        ordexec_set_now(st->ex, now);
}

/* The scripted trader: every underlying's suggestion, taken as the hedge
 * key would take it. */
static void manual_hedges(loop_state *st, double now)
{
    app *a = st->a;
    for (size_t u = 0; u < hist_count(a->risk.hist) && u < a->cfg.risk.max_und; u++) {
        snap_hedge row;
        app_hedge_row(a, u, now, &row);
        if (row.state != HG_SUGGESTED && row.state != HG_CAPPED)
            continue;
        command c = {.kind = CMD_HEDGE, .value = NAN};
        snprintf(c.id, sizeof c.id, "%s", row.underlying);
        char msg[256];
        set_now(st, now);
        (void)app_command(a, &c, now, "script", "", "scripted", msg, sizeof msg); /* a refusal is logged */
    }
}

/* True when a risk computation ran since computed_at was `before`. */
static bool risk_ran(const app *a, double before)
{
    double now = a->risk.computed_at;
    return !isnan(now) && (isnan(before) || now != before);
}

static int loop(loop_state *st, const engcfg *o, cl_snapshot_fn emit, void *ctx)
{
    app *a = st->a;
    const cl_params *p = st->p;
    cl_result *r = st->r;
    jw topic = {0}, body = {0}, out = {0};
    double t0 = NAN, next_frame = NAN, prev_frame = NAN, last_refresh = NAN, next_manual = NAN;
    uint64_t msgs_at_frame = 0;
    int rc = 0;
    while (synth_time(st->s) < p->seconds) {
        deliver(st, p->start_ts + synth_time(st->s));
        if (synth_next(st->s, &topic, &body) != 0) {
            fprintf(stderr, "invtop-sim: out of memory\n");
            rc = -1;
            break;
        }
        double recv = p->start_ts + synth_time(st->s);
        double now = app_now(a, recv);
        if (isnan(t0)) {
            t0 = prev_frame = now;
            next_frame = t0 + p->interval_s;
        }
        double computed = a->risk.computed_at;
        set_now(st, now);
        app_tick(a, now); /* samples due before this message */
        if (p->hedge == CL_HEDGE_MANUAL && !(now < next_manual)) {
            manual_hedges(st, now);
            next_manual = now + p->manual_every_s;
        }
        flush_orders(st, recv);
        if (risk_ran(a, computed))
            publish_all(st, now, false); /* new volatilities: every quote moves */
        if (isnan(last_refresh) || now - last_refresh >= o->quotes_refresh_s) {
            publish_all(st, now, true);
            last_refresh = now;
        }
        if (now >= next_frame) {
            uint64_t received = headless_received(&a->in.stats);
            if (frame(st, &out, next_frame, prev_frame, received - msgs_at_frame, emit, ctx) != 0) {
                fprintf(stderr, "invtop-sim: out of memory writing a snapshot\n");
                rc = -1;
                break;
            }
            msgs_at_frame = received;
            prev_frame = next_frame;
            next_frame = t0 + (floor((now - t0) / p->interval_s) + 1) * p->interval_s;
        }
        const char *frames[2] = {topic.buf, body.buf};
        size_t lens[2] = {topic.len, body.len};
        uint64_t accepted = a->in.stats.accepted;
        computed = a->risk.computed_at;
        set_now(st, now);
        app_message(a, 2, frames, lens, recv); /* may sample first (the ingest's hook) */
        r->messages++;
        if (topic.len > 5 && memcmp(topic.buf, "fill.", 5) == 0)
            r->fills++;
        if (risk_ran(a, computed))
            publish_all(st, app_now(a, recv), false);
        else if (a->in.stats.accepted != accepted)
            publish(st, a->in.last_index, app_now(a, recv), false);
        flush_orders(st, recv);
    }
    jw_free(&topic);
    jw_free(&body);
    jw_free(&out);
    return rc;
}

int cl_run(const cl_params *p, const engcfg *o, cl_snapshot_fn emit, void *ctx,
           cl_result *out)
{
    assert(p && o && out);
    memset(out, 0, sizeof *out);
    out->inv_rms_lots = out->span_s = out->delta_rms_usd = out->pnl_sd = out->pnl_final = NAN;
    if (!(p->seconds > 0) || !(p->rate > 0) || !(p->interval_s > 0) || !(p->latency_s >= 0) ||
        !(p->manual_every_s > 0) || !(p->fee_bps >= 0)) {
        fprintf(stderr, "invtop-sim: the closed loop needs seconds, rate and interval > 0, latency >= 0\n");
        return -1;
    }
    if (o->quotes || o->replay || o->demo) {
        fprintf(stderr, "invtop-sim: the closed loop is its own feed and quote channel; "
                        "drop --quotes, --replay and --demo\n");
        return -1;
    }
    synth_opts so;
    synth_default_opts(&so);
    so.seed = p->seed;
    so.dt = 1.0 / p->rate;
    so.start_ts = p->start_ts;
    static app zero_app;
    app a = zero_app;
    loop_state st = {.a = &a, .p = p, .r = out};
    engcfg cfg = *o;
    cfg.trader = cfg.trader || p->hedge != CL_HEDGE_OFF;
    cfg.hedge.automatic = p->hedge == CL_HEDGE_AUTO;
    cfg.orders = NULL; /* the loop is the order channel */
    int rc = -1;
    bool inited = false;
    st.s = synth_new(&so);
    if (!st.s) {
        fprintf(stderr, "invtop-sim: cannot create the synthetic market\n");
    } else {
        inited = true; /* app_free even when app_init fails */
        if (app_init(&a, &cfg, NULL, true, NULL) == 0) { /* Monte Carlo in place */
            if (p->hedge != CL_HEDGE_OFF) {
                ord_in_memory(&a.orders);
                if (!(st.ex = ordexec_new(&a, p->fee_bps, touch, st.s)))
                    fprintf(stderr, "invtop-sim: out of memory\n");
            }
            if (p->hedge == CL_HEDGE_OFF || st.ex)
                rc = loop(&st, &cfg, emit, ctx);
        }
    }
    if (rc == 0 && out->snapshots) {
        size_t n = out->snapshots, skip = n / 10, cnt = 0;
        double sq = 0;
        for (size_t k = skip; k < n; k++) {
            sq += st.frames[k].sq;
            cnt += st.frames[k].n;
        }
        out->inv_samples = cnt;
        out->inv_rms_lots = cnt ? sqrt(sq / (double)cnt) : NAN;
        double dsq = 0, sum = 0, sum2 = 0;
        size_t nd = 0, np = 0;
        for (size_t k = skip; k < n; k++) {
            dsq += st.frames[k].dsq;
            nd += st.frames[k].nund;
            if (k > skip) {
                double d = st.frames[k].pnl - st.frames[k - 1].pnl;
                sum += d;
                sum2 += d * d;
                np++;
            }
        }
        out->delta_rms_usd = nd ? sqrt(dsq / (double)nd) : NAN;
        out->pnl_sd = np > 1 ? sqrt((sum2 - sum * sum / (double)np) / (double)(np - 1)) : NAN;
        out->pnl_final = st.frames[n - 1].pnl;
        out->hedge_orders = a.orders.next_seq - 1;
        if (st.ex) {
            const ordexec_cost *c = ordexec_get_cost(st.ex);
            out->hedge_fills = c->fills;
            out->hedge_traded_usd = c->traded_usd;
            out->hedge_spread_usd = c->spread_usd;
            out->hedge_fees_usd = c->fees_usd;
        }
        out->span_s = st.last_frame - st.first_frame;
    }
    if (inited)
        app_free(&a);
    synth_free(st.s);
    jw_free(&st.qtopic);
    jw_free(&st.qbody);
    free(st.fifo);
    free(st.frames);
    ordexec_free(st.ex);
    return rc;
}
