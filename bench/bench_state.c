/* bench_state.c - the state protocol's payload (docs/STATE.md), in process,
 * on one core: what a viewer receives per second and what an update costs
 * the engine and the viewer, against the protocol's first version in the
 * same run.
 *
 * The snapshot is filled directly, as snapbuild would leave it: 1,000
 * instruments over 20 underlyings and 2 venues (per underlying and venue:
 * 2 spots, a perp, 8 futures and 14 options), positions in 40% of them held
 * in 3 books, a model quote on every one, a few overrides, 500 historical
 * scenarios, 32 events, 120 chart points. Each frame changes what the engine
 * changes each frame at 10 frames/s with a tenth of the instruments ticking:
 * those instruments (mid, bid, ask, notional, P&L, greeks, quote; one in 20
 * of them also a fill: qty, average price, holdings), the feed counters, the
 * portfolio, underlyings and books; every 10th frame (sample-ms 1000) a risk
 * sample: VaR, the 500 scenarios, the backtest, the limits, a chart point;
 * every 30th frame an event.
 *
 * Per frame, in the same run:
 *   full   the whole document (snapw_document): what a viewer would get
 *          without updates, and what the headless output prints;
 *   v1     the baseline, invtop-state/1's update: every part whose text
 *          changed and every instrument whose text changed, whole
 *          [INDEX, OBJECT] (the schema's own writers, sch_write_value and
 *          sch_write; instruments whose struct did not change are skipped
 *          unencoded, as v1's serve_publish did);
 *   v2     invtop-state/2's update (sdiff_update): changed parts whole,
 *          changed instruments as [INDEX, ID, VALUE, ...] of their changed
 *          leaves (or whole when their shape changed), then deflated
 *          (zf_deflate): the bytes of the UPDATE's body frame.
 * The viewer's side: the v2 update inflated and applied to the snap held
 * (zf_inflate, sdiff_apply) against decoding the full document
 * (snapw_decode). The engine's encoders take turns within every frame in a
 * rotating order; times are the best and median over the frames. Every
 * frame the viewer's snap must encode byte for byte to the engine's document
 * (exit 1 otherwise).
 *
 * Usage: bench_state [CYCLES]   (10 frames a cycle, default 30)
 *        bench_state --fields   the instrument table's rows and sub-rows as
 *                               JSON, to name field ids (state_viewers.py) */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invtop/backtest.h"
#include "invtop/exposure.h"
#include "invtop/jsonw.h"
#include "invtop/ovrjson.h"
#include "invtop/schema.h"
#include "invtop/serve.h" /* SERVE_PROTOCOL */
#include "invtop/snapdiff.h"
#include "invtop/snapshot.h"
#include "invtop/snaptab.h"
#include "invtop/snapwire.h"
#include "invtop/zframe.h"

#define NUND 20
#define NVENUES 2
#define PER_GROUP 25 /* instruments per underlying and venue */
#define NINST (NUND * NVENUES * PER_GROUP)
#define NBOOKS 3
#define NSCEN 500
#define FPS 10
#define RISK_EVERY 10  /* frames between risk samples (sample-ms 1000 at 10 frames/s) */
#define EVENT_EVERY 30 /* frames between engine events */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- a deterministic generator ---- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static double unif(void) { return (double)(rnd() >> 11) * 0x1.0p-53; }
static double gauss(void)
{
    double u = unif() + 1e-12, v = unif();
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}
static double on_tick(double px, double tick) { return round(px / tick) * tick; }

/* ---- the snapshot ---- */

static const char *const und_names[NUND] = {"BTC",  "ETH",  "SOL",  "XRP",  "BNB",  "ADA",  "DOGE",
                                            "AVAX", "DOT",  "LINK", "MATIC", "LTC", "TRX",  "ATOM",
                                            "NEAR", "APT",  "ARB",  "OP",   "FIL",  "UNI"};
static const double und_px0[NUND] = {64000, 3100, 150, 0.52, 580, 0.45, 0.16, 36, 7.1, 17,
                                     0.71,  84,   0.12, 8.9, 6.8, 9.5,  1.1, 2.4, 5.9, 10.2};
static const char *const venue_names[NVENUES] = {"DERIBIT", "BINANCE"};
static const char *const book_names[NBOOKS] = {"delta1", "vol", "hedge"};
static const char *const expiries[8] = {"28JUN24", "05JUL24", "12JUL24", "26JUL24",
                                        "30AUG24", "27SEP24", "27DEC24", "28MAR25"};

typedef struct {
    snap s;
    double und_px[NUND];
    double t0;
    uint64_t frame;
} world;

static double greek_delta(const snap_inst *x, double u)
{
    if (x->kind != INST_OPTION)
        return 1;
    double m = log(u / x->strike);
    double d = 0.5 + 0.5 * tanh(2.5 * m);
    return x->right == 'C' ? d : d - 1;
}

/* Recompute what follows from an instrument's mid and position. */
static void price_inst(world *w, snap_inst *x, size_t u)
{
    double mid = x->mid, tick = x->tick;
    x->bid = on_tick(mid * (1 - 2e-4), tick);
    x->ask = on_tick(mid * (1 + 2e-4), tick);
    if (x->ask <= x->bid)
        x->ask = x->bid + tick;
    x->notional_usd = x->qty * mid * x->mult;
    x->pnl_unrealized = x->qty != 0 ? x->qty * (mid - x->avg_px) * x->mult : 0;
    double uPx = w->und_px[u];
    x->delta = greek_delta(x, uPx) * (1 + 1e-3 * gauss());
    x->delta_usd = x->delta * x->qty * uPx * x->mult;
    if (x->kind == INST_OPTION) {
        x->gamma = 1e-5 * (1 + 0.1 * unif()) * 64000 / uPx;
        x->vega = x->qty * 12.5 * (1 + 0.05 * unif()) * uPx / 64000;
        x->theta = -x->qty * 3.7 * (1 + 0.05 * unif()) * uPx / 64000;
    } else {
        x->gamma = 0;
        x->vega = 0;
        x->theta = 0;
    }
    x->limit.util = fabs(x->qty) / 50;
    double sigma = 3 + 2 * unif();
    double skew = -x->qty * 0.4 * (1 + 0.1 * unif());
    double half = sigma * 0.9 + 1;
    x->q.model = SKEW_GLFT;
    x->q.reservation = mid * (1 + skew * 1e-4);
    x->q.bid = on_tick(x->q.reservation * (1 - half * 1e-4), tick);
    x->q.ask = on_tick(x->q.reservation * (1 + half * 1e-4), tick);
    x->q.skew_bps = skew;
    x->q.half_spread_bps = half;
    x->q.q_lots = x->qty / x->lot;
    x->q.sigma_bps = sigma;
    if (!x->has_override) {
        x->eff.valid = true;
        x->eff.manual = false;
        x->eff.paused = false;
        x->eff.bid = x->q.bid;
        x->eff.ask = x->q.ask;
        x->eff.reservation = x->q.reservation;
        x->eff.skew_bps = x->q.skew_bps;
        x->eff.half_spread_bps = x->q.half_spread_bps;
    } else {
        x->eff.valid = true;
        x->eff.manual = true;
        x->eff.reservation = x->q.reservation;
        x->eff.skew_bps = x->q.skew_bps + (isnan(x->o.skew_bps) ? 0 : x->o.skew_bps);
        x->eff.half_spread_bps = x->q.half_spread_bps;
        x->eff.bid = x->o.paused ? NAN : x->q.bid;
        x->eff.ask = x->o.paused ? NAN : x->q.ask;
    }
    for (size_t h = x->first_holding; h < x->first_holding + x->nholdings; h++) {
        snap_holding *d = &w->s.holdings[h];
        d->pnl_unrealized = d->qty * (mid - d->avg_px) * x->mult;
    }
}

/* Split an instrument's position over its holdings (1 or 2 books). */
static void split_holdings(world *w, snap_inst *x)
{
    double share = x->nholdings == 2 ? 0.6 : 1;
    for (size_t h = x->first_holding; h < x->first_holding + x->nholdings; h++) {
        snap_holding *d = &w->s.holdings[h];
        double q = h == x->first_holding ? round(x->qty * share) : x->qty - round(x->qty * share);
        d->qty = q;
        d->avg_px = q != 0 ? x->avg_px : NAN;
        d->leg = POS_LEG_NET;
        d->pnl_realized = x->pnl_realized * (x->qty != 0 ? q / x->qty : 0);
    }
}

static void aggregate(world *w)
{
    snap *s = &w->s;
    memset(&s->port, 0, sizeof s->port);
    for (size_t u = 0; u < s->nund; u++) {
        snap_und *d = &s->und[u];
        d->price = w->und_px[u];
        d->delta = d->delta_usd = d->gamma = d->vega = d->theta = 0;
    }
    for (size_t k = 0; k < s->nbooks; k++) {
        brisk_row *r = &s->books[k].r;
        r->gross_usd = r->net_usd = r->net_delta_usd = r->pnl_realized = r->pnl_unrealized = 0;
    }
    for (size_t i = 0; i < s->ninst; i++) {
        const snap_inst *x = &s->inst[i];
        size_t u = i / (NVENUES * PER_GROUP);
        s->port.gross_usd += fabs(x->notional_usd);
        s->port.net_usd += x->notional_usd;
        s->port.pnl_realized += x->pnl_realized;
        s->port.pnl_unrealized += x->pnl_unrealized;
        s->port.net_delta_usd += x->delta_usd;
        snap_und *d = &s->und[u];
        d->delta += x->delta * x->qty * x->mult;
        d->delta_usd += x->delta_usd;
        d->gamma += x->gamma * x->qty;
        d->vega += x->vega;
        d->theta += x->theta;
        for (size_t h = x->first_holding; h < x->first_holding + x->nholdings; h++) {
            const snap_holding *hd = &s->holdings[h];
            brisk_row *r = &s->books[hd->book].r;
            double notional = hd->qty * x->mid * x->mult;
            r->gross_usd += fabs(notional);
            r->net_usd += notional;
            r->net_delta_usd += x->delta * hd->qty * w->und_px[u] * x->mult;
            r->pnl_realized += hd->pnl_realized;
            r->pnl_unrealized += hd->pnl_unrealized;
        }
    }
    for (size_t u = 0; u < s->nund; u++)
        s->und[u].limit.util = fabs(s->und[u].delta_usd) / 1e6;
    for (size_t k = 0; k < s->nbooks; k++)
        s->books[k].r.delta.util = fabs(s->books[k].r.net_delta_usd) / s->books[k].lim.max_delta_usd;
}

static void add_event(world *w, double t, int level, const char *text)
{
    snap *s = &w->s;
    if (s->nevents == SNAP_EVENTS) {
        memmove(s->events, s->events + 1, (SNAP_EVENTS - 1) * sizeof *s->events);
        s->nevents--;
    }
    snap_event *e = &s->events[s->nevents++];
    e->time = t;
    e->level = level;
    snprintf(e->text, sizeof e->text, "%s", text);
    s->events_total++;
}

/* A risk sample: VaR, scenarios, backtest, limits, a chart point. */
static void risk_sample(world *w)
{
    snap *s = &w->s;
    double scale = 1 + 0.02 * gauss();
    for (int m = 0; m < PV_METHODS; m++) {
        s->result.valid[m] = true;
        for (size_t k = 0; k < s->pv.nvar; k++)
            s->result.var[m][k] = (41000 + 9000 * (double)k + 800 * m) * scale * (1 + 0.003 * gauss());
        s->result.es[m] = 56000 * scale * (1 + 0.003 * gauss());
        s->result.scenarios[m] = m == PV_MONTE_CARLO ? 10000 : NSCEN;
    }
    double sd = 18000 * scale;
    for (size_t k = 0; k < NSCEN; k++)
        s->scenarios[k] = sd * gauss();
    for (size_t k = 1; k < NSCEN; k++) /* ascending: insertion sort, nearly sorted after the first */
        for (size_t j = k; j > 0 && s->scenarios[j - 1] > s->scenarios[j]; j--) {
            double t = s->scenarios[j];
            s->scenarios[j] = s->scenarios[j - 1];
            s->scenarios[j - 1] = t;
        }
    s->computed_at = s->ts;
    s->mc_at = s->ts - 0.4;
    s->bt_n++;
    if (unif() < 0.01)
        s->bt_exceptions++;
    s->kupiec_lr = bt_kupiec(s->bt_exceptions, s->bt_n, 1 - s->bt_level, &s->kupiec_p);
    s->christoffersen_lr = 0.1 + 0.01 * unif();
    s->christoffersen_p = 0.7 + 0.01 * unif();
    s->bt_zone = (int)bt_zone_of(s->bt_exceptions, s->bt_n, 1 - s->bt_level);
    s->var_limit.util = s->result.var[PV_PARAMETRIC][1] / s->limits.max_var_usd;
    for (size_t k = 0; k < s->nbooks; k++)
        s->books[k].r.var_usd = 20000 * (1 + 0.5 * (double)k) * scale;
    for (size_t k = 0; k < s->nbooks; k++)
        s->books[k].r.var.util = s->books[k].r.var_usd / s->books[k].lim.max_var_usd;
    if (s->nseries == SNAP_SERIES) { /* the engine thins it: every other point */
        for (size_t k = 0; k < SNAP_SERIES / 2; k++)
            s->series[k] = s->series[2 * k + 1];
        s->nseries = SNAP_SERIES / 2;
    }
    s->series[s->nseries++] =
        (snap_point){s->ts, s->port.pnl_realized + s->port.pnl_unrealized, s->result.var[PV_PARAMETRIC][1]};
}

static void build(world *w)
{
    snap *s = &w->s;
    snap_init(s);
    if (snap_reserve(s, NINST, NUND, NBOOKS, 2 * NINST, NSCEN) != 0)
        abort();
    w->t0 = 1719500000.0;
    s->version = 1;
    s->ts = w->t0;
    snprintf(s->source, sizeof s->source, "tcp://10.1.2.3:5555 tcp://10.1.2.4:5555");
    snap_feed *f = &s->feed;
    f->msgs = f->accepted = 12000000;
    f->ignored = 1520;
    f->rejected[WIRE_ERR_SEQ_DUP] = 3;
    f->rejected[WIRE_ERR_PRICE] = 1;
    f->rejected_total = 4;
    f->rate = 1000;
    f->last_msg_age_s = 0.004;
    f->nlast = 2;
    f->last[0] = (snap_reject){WIRE_ERR_SEQ_DUP, w->t0 - 300, "{\"sym\":\"ETH-PERP\",\"seq\":88123,\"mid\":3101.5}"};
    f->last[1] = (snap_reject){WIRE_ERR_PRICE, w->t0 - 900, "{\"sym\":\"OP-USD\",\"mid\":-1}"};
    pv_default_params(&s->pv);
    s->returns = s->window = NSCEN;
    s->bt_level = s->pv.var_levels[s->pv.nvar - 1];
    s->bt_n = 2400;
    s->bt_exceptions = 22;
    limits_default_params(&s->limits);
    s->var_limit = (limit_state){0.4, NAN};
    skew_default_params(&s->quote_params);
    s->journal_ok = true;
    s->publishing = true;
    s->feed_curve = s->quotes_curve = true;
    s->nfeed_socks = 1;
    s->feed_socks[0] = (snap_sock){"tcp://0.0.0.0:5555", true, true};
    s->feed_allowed = 2;
    s->quotes_allowed = 1;
    s->nscen = NSCEN;
    s->nund = NUND;
    for (size_t u = 0; u < NUND; u++) {
        w->und_px[u] = und_px0[u];
        snprintf(s->und[u].name, sizeof s->und[u].name, "%s", und_names[u]);
        s->und[u].limit = (limit_state){0, NAN};
    }
    s->nbooks = NBOOKS;
    for (size_t k = 0; k < NBOOKS; k++) {
        snap_book *b = &s->books[k];
        memset(b, 0, sizeof *b);
        snprintf(b->name, sizeof b->name, "%s", book_names[k]);
        b->lim = (brisk_limits){2e6, 1e5};
        b->r.delta = b->r.var = (limit_state){0, NAN};
    }
    s->ninst = NINST;
    s->nholdings = 0;
    for (size_t i = 0; i < NINST; i++) {
        snap_inst *x = &s->inst[i];
        memset(x, 0, sizeof *x);
        size_t u = i / (NVENUES * PER_GROUP), v = (i / PER_GROUP) % NVENUES, j = i % PER_GROUP;
        double px = und_px0[u];
        x->tick = pow(10, floor(log10(px)) - 4);
        x->lot = px > 1000 ? 0.001 : px > 10 ? 0.01 : 1;
        x->mult = 1;
        x->strike = x->expiry = NAN;
        if (j < 2) {
            x->kind = INST_SPOT;
            snprintf(x->sym, sizeof x->sym, "%s-%s", und_names[u], j ? "USDC" : "USD");
        } else if (j == 2) {
            x->kind = INST_PERP;
            snprintf(x->sym, sizeof x->sym, "%s-PERP", und_names[u]);
        } else if (j < 11) {
            x->kind = INST_FUTURE;
            snprintf(x->sym, sizeof x->sym, "%s-%s", und_names[u], expiries[j - 3]);
            x->expiry = w->t0 + 86400.0 * (double)(1 + 30 * (j - 3));
            px *= 1 + 0.01 * (double)(j - 3);
        } else {
            size_t o = j - 11; /* 7 strikes x C/P */
            x->kind = INST_OPTION;
            x->right = o % 2 ? 'P' : 'C';
            x->strike = on_tick(und_px0[u] * (0.85 + 0.05 * (double)(o / 2)), x->tick * 100);
            x->expiry = w->t0 + 86400.0 * 30;
            char k[32];
            snprintf(k, sizeof k, "%.10g", x->strike);
            snprintf(x->sym, sizeof x->sym, "%s-%s-%s-%c", und_names[u], expiries[4], k, x->right);
            px = und_px0[u] * 0.04 + fmax(0, x->right == 'C' ? und_px0[u] - x->strike : x->strike - und_px0[u]);
        }
        snprintf(x->venue, sizeof x->venue, "%s", venue_names[v]);
        snprintf(x->id, sizeof x->id, "%s@%s", x->sym, x->venue);
        snprintf(x->underlying, sizeof x->underlying, "%s", und_names[u]);
        x->mid = on_tick(px, x->tick);
        x->stale = false;
        x->has_greeks = true;
        x->greeks_status = EXPO_OK;
        x->has_quote = true;
        x->o = ovr_none();
        x->limit = (limit_state){0, NAN};
        if (rnd() % 10 < 4) {
            x->qty = (double)((int)(rnd() % 41) - 20) * (x->kind == INST_OPTION ? 1 : 5);
            if (x->qty == 0)
                x->qty = 3;
            x->avg_px = x->mid * (1 + 0.01 * gauss());
            x->pnl_realized = 50 * gauss();
        }
        x->first_holding = s->nholdings;
        if (x->qty != 0) {
            x->nholdings = rnd() % 3 == 0 ? 2 : 1;
            for (size_t h = 0; h < x->nholdings; h++) {
                snap_holding *d = &s->holdings[s->nholdings++];
                memset(d, 0, sizeof *d);
                d->book = x->kind == INST_OPTION ? (h ? 2 : 1) : (h ? 2 : 0);
            }
            split_holdings(w, x);
        }
        if (i % 97 == 5) { /* a few overrides */
            x->has_override = true;
            x->o.skew_bps = 2;
            x->o.paused = i % 194 == 5;
        }
        price_inst(w, x, u);
    }
    for (size_t i = 0; i < NINST; i += 331) { /* three positions over their limit */
        s->inst[i].limit.util = 1.2;
        s->inst[i].limit.since = w->t0 - 40;
    }
    for (size_t i = 0; i < NINST; i++)
        s->overrides_active += s->inst[i].has_override;
    aggregate(w);
    static const char *const texts[] = {
        "BREACH position BTC-27SEP24@DERIBIT 1.20x max lots (50)",
        "override skew ETH-PERP@BINANCE +2 bp by alice (curve:Hc3x...)",
        "feed tcp://10.1.2.4:5555: sequence gap, 3 messages lost (src binance-md-2)",
        "risk: covariance ready, 500 returns; Monte Carlo 10000 paths in 41 ms",
        "limit back under: SOL delta 0.93x of 1e6 USD",
    };
    for (size_t k = 0; k < SNAP_EVENTS; k++)
        add_event(w, w->t0 - 600 + 10 * (double)k, (int)(k % 3), texts[k % 5]);
    for (size_t k = 0; k < SNAP_SERIES; k++) {
        s->ts = w->t0 - 120 + (double)k;
        risk_sample(w);
    }
    s->ts = w->t0;
    s->nseries = SNAP_SERIES - 1; /* so the thinning does not fire at once */
}

/* One frame at 10 frames/s: a tenth of the instruments tick. */
static void frame(world *w)
{
    snap *s = &w->s;
    w->frame++;
    s->version++;
    s->ts = w->t0 + (double)w->frame / FPS;
    snap_feed *f = &s->feed;
    uint64_t n = 90 + rnd() % 20;
    f->msgs += n;
    f->accepted += n;
    f->quotes_published += n / 2;
    f->rate = 1000 + (double)(rnd() % 200) - 100;
    f->last_msg_age_s = 0.001 * (double)(rnd() % 100);
    for (size_t u = 0; u < NUND; u++)
        w->und_px[u] *= 1 + 2e-4 * gauss();
    for (size_t k = 0; k < NINST / 10; k++) {
        size_t i = rnd() % NINST; /* may repeat: about 9.5% distinct */
        snap_inst *x = &s->inst[i];
        size_t u = i / (NVENUES * PER_GROUP);
        x->mid = on_tick(x->mid * (1 + 3e-4 * gauss()), x->tick);
        if (k % 20 == 0) { /* a fill */
            double q = (rnd() % 2 ? 1 : -1) * (x->kind == INST_OPTION ? 1 : 5);
            if (x->qty + q == 0)
                q = -q;
            if (x->nholdings == 0)
                continue; /* no holding slot: only the price moves */
            x->avg_px = (x->avg_px * x->qty + x->mid * q) / (x->qty + q);
            x->qty += q;
            x->pnl_realized += 10 * gauss();
            split_holdings(w, x);
        }
        price_inst(w, x, u);
    }
    aggregate(w);
    if (w->frame % RISK_EVERY == 0)
        risk_sample(w);
    if (w->frame % EVENT_EVERY == 0) {
        char t[SNAP_EVENT_TEXT];
        snprintf(t, sizeof t, "override spread %.60s +1 bp by bob (curve:Xq9w...)", s->inst[rnd() % NINST].id);
        add_event(w, s->ts, 0, t);
    }
}

/* ---- v1, the baseline: changed parts and changed instruments, whole ---- */

typedef struct {
    jw part[64];            /* by document row: the text last sent */
    jw *inst;               /* by instrument: the text last sent */
    size_t ninst, cap_inst;
    snap_inst *last_inst;   /* the structs last encoded, to skip unchanged ones */
    snap_holding *last_hold;
    size_t nlast, cap_last, cap_last_hold;
    jw x;
    size_t part_bytes;      /* of the last update: its parts' values */
} v1_state;

static void v1_free(v1_state *v)
{
    for (int p = 0; p < 64; p++)
        jw_free(&v->part[p]);
    for (size_t i = 0; i < v->cap_inst; i++)
        jw_free(&v->inst[i]);
    free(v->inst);
    free(v->last_inst);
    free(v->last_hold);
    jw_free(&v->x);
}

/* v1's serve.c: instrument i has the fields and holdings it had last time. */
static bool v1_unchanged(const v1_state *v, const snap *s, size_t i)
{
    if (i >= v->nlast)
        return false;
    snap_inst a = s->inst[i], b = v->last_inst[i];
    if (a.nholdings != b.nholdings)
        return false;
    const snap_holding *ha = s->holdings + a.first_holding, *hb = v->last_hold + b.first_holding;
    a.first_holding = b.first_holding = 0;
    return memcmp(&a, &b, sizeof a) == 0 && memcmp(ha, hb, a.nholdings * sizeof *ha) == 0;
}

static void v1_remember(v1_state *v, const snap *s)
{
    if (s->ninst > v->cap_last) {
        v->last_inst = realloc(v->last_inst, s->ninst * sizeof *v->last_inst);
        v->cap_last = s->ninst;
    }
    if (s->nholdings > v->cap_last_hold) {
        v->last_hold = realloc(v->last_hold, s->nholdings * sizeof *v->last_hold);
        v->cap_last_hold = s->nholdings;
    }
    if (!v->last_inst || (s->nholdings && !v->last_hold))
        abort();
    memcpy(v->last_inst, s->inst, s->ninst * sizeof *s->inst);
    if (s->nholdings)
        memcpy(v->last_hold, s->holdings, s->nholdings * sizeof *s->holdings);
    v->nlast = s->ninst;
}

static bool same_text(const jw *a, const jw *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->buf, b->buf, a->len) == 0);
}

static void keep_text(jw *dst, const jw *src)
{
    jw_reset(dst);
    jw_append(dst, src->buf, src->len);
    if (!jw_ok(dst))
        abort();
}

/* v1's update: {"ts","source","ninst","parts":{..},"instruments":[[i,{..}],..]}. */
static void v1_update(v1_state *v, const snap *s, jw *u)
{
    const sch_table *doc = snaptab_document(), *it = snaptab_instrument();
    jw *x = &v->x;
    jw_reset(u);
    jw_obj_begin(u);
    jw_kfixed(u, "ts", s->ts, 3);
    jw_kstr(u, "source", s->source);
    jw_kint(u, "ninst", (int64_t)s->ninst);
    jw_key(u, "parts");
    jw_obj_begin(u);
    v->part_bytes = 0;
    for (int p = 0; p < doc->nrows && p < 64; p++) {
        if (!snaptab_is_part(p))
            continue;
        jw_reset(x);
        sch_write_value(x, &doc->rows[p], s, s);
        if (same_text(x, &v->part[p]))
            continue;
        jw_key(u, doc->rows[p].key);
        jw_raw(u, x->buf, x->len);
        v->part_bytes += x->len;
        keep_text(&v->part[p], x);
    }
    jw_obj_end(u);
    jw_key(u, "instruments");
    jw_arr_begin(u);
    if (s->ninst > v->cap_inst) {
        v->inst = realloc(v->inst, s->ninst * sizeof *v->inst);
        if (!v->inst)
            abort();
        memset(v->inst + v->cap_inst, 0, (s->ninst - v->cap_inst) * sizeof *v->inst);
        v->cap_inst = s->ninst;
    }
    for (size_t i = 0; i < s->ninst; i++) {
        if (v1_unchanged(v, s, i))
            continue;
        jw_reset(x);
        sch_write(x, it, &s->inst[i], s);
        if (i < v->ninst && same_text(x, &v->inst[i]))
            continue;
        jw_arr_begin(u);
        jw_int(u, (int64_t)i);
        jw_raw(u, x->buf, x->len);
        jw_arr_end(u);
        keep_text(&v->inst[i], x);
    }
    jw_arr_end(u);
    jw_obj_end(u);
    if (!jw_ok(u))
        abort();
    v->ninst = s->ninst;
    v1_remember(v, s);
}

/* ---- measuring ---- */

enum { T_FULL, T_V1, T_V2, T_Z, T_V2Z, T_DECODE, T_APPLY, TIMERS };

typedef struct {
    double *t; /* seconds, one per frame */
    size_t n;
} series_t;

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double best(series_t *s)
{
    qsort(s->t, s->n, sizeof *s->t, cmp_d);
    return s->n ? s->t[0] : NAN;
}

static double median(series_t *s)
{
    qsort(s->t, s->n, sizeof *s->t, cmp_d);
    return s->n ? s->t[s->n / 2] : NAN;
}

/* Bytes per update: all frames, plain frames, risk-sample frames. */
typedef struct {
    double all, plain, risk;
} bytes_t;

static void count(bytes_t *b, size_t n, bool risk)
{
    b->all += (double)n;
    *(risk ? &b->risk : &b->plain) += (double)n;
}

static void die_diff(const char *what, size_t f, const jw *want, const jw *got)
{
    size_t k = 0, n = want->len < got->len ? want->len : got->len;
    while (k < n && want->buf[k] == got->buf[k])
        k++;
    size_t from = k > 40 ? k - 40 : 0;
    fprintf(stderr,
            "bench_state: FAILED: %s differs from the engine's document at frame %zu "
            "(%zu against %zu bytes, first difference at byte %zu)\n  engine: %.80s\n  viewer: %.80s\n",
            what, f, want->len, got->len, k, want->buf + from, got->buf + from);
    exit(1);
}

/* The instrument table's rows (and nested rows) as JSON: field id
 * row | (sub + 1) << 6 | elem << 12 names rows[row][0] (.rows[row][1][sub]). */
static int print_fields(void)
{
    const sch_table *t = snaptab_instrument();
    jw w = {0};
    jw_arr_begin(&w);
    for (int i = 0; i < t->nrows; i++) {
        const sch_row *x = &t->rows[i];
        jw_arr_begin(&w);
        jw_str(&w, x->key);
        if (x->type == SCH_OBJ || x->type == SCH_ARR) {
            jw_arr_begin(&w);
            for (int k = 0; k < x->sub->nrows; k++)
                jw_str(&w, x->sub->rows[k].key);
            jw_arr_end(&w);
            jw_bool(&w, x->type == SCH_ARR);
        }
        jw_arr_end(&w);
    }
    jw_arr_end(&w);
    printf("%.*s\n", (int)w.len, w.buf);
    int rc = jw_ok(&w) ? 0 : 1;
    jw_free(&w);
    return rc;
}

static void row(const char *name, const bytes_t *b, size_t frames, size_t risky, double v1_all, series_t *t,
                double v1_med)
{
    size_t plain = frames - risky;
    double per = b->all / (double)frames, med = median(t);
    printf("  %-44s %8.0f %8.0f %8.0f %9.1f %7.3f %8.0f %8.0f %7.3f\n", name, per, plain ? b->plain / (double)plain : NAN,
           risky ? b->risk / (double)risky : NAN, per * FPS / 1e3, b->all / v1_all, best(t) * 1e6, med * 1e6,
           med / v1_med);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--fields") == 0)
        return print_fields();
    int cycles = argc > 1 ? atoi(argv[1]) : 30;
    if (cycles < 1)
        cycles = 1;
    size_t frames = (size_t)cycles * RISK_EVERY;
    static world w;
    build(&w);

    series_t tm[TIMERS];
    for (int k = 0; k < TIMERS; k++) {
        tm[k] = (series_t){calloc(frames, sizeof(double)), 0};
        if (!tm[k].t)
            abort();
    }
    bytes_t b_full = {0}, b_v1 = {0}, b_v2 = {0}, b_z = {0}, b_parts = {0};
    jw doc = {0}, u1 = {0}, u2 = {0}, z = {0}, infl = {0}, vdoc = {0};
    v1_state v1;
    memset(&v1, 0, sizeof v1);
    sdiff d;
    sdiff_init(&d);
    snap view, dec, fresh;
    snap_init(&view);
    snap_init(&dec);
    snap_init(&fresh);
    char err[256];

    /* the engine's first publication is everything: a viewer that held
     * nothing gets the document from it... */
    if (snapw_document(&doc, &w.s) != 0 || sdiff_update(&d, &w.s, &u2) != 0)
        abort();
    v1_update(&v1, &w.s, &u1);
    size_t first_v2 = u2.len, first_v1 = u1.len, first_doc = doc.len;
    if (zf_deflate(u2.buf, u2.len, &z) != 0)
        abort();
    size_t first_z = z.len;
    if (sdiff_apply(&fresh, w.s.version, u2.buf, u2.len, err, sizeof err) != 0) {
        fprintf(stderr, "bench_state: FAILED: the first update does not apply to an empty snap: %s\n", err);
        return 1;
    }
    if (snapw_document(&vdoc, &fresh) != 0)
        abort();
    if (!same_text(&doc, &vdoc))
        die_diff("the first update applied to an empty snap", 0, &doc, &vdoc);
    /* ...and the viewer measured starts, as a real one, from a SNAPSHOT */
    if (snapw_decode(doc.buf, doc.len, &view, err, sizeof err) != 0) {
        fprintf(stderr, "bench_state: FAILED: the snapshot does not decode: %s\n", err);
        return 1;
    }

    double inst_v1 = 0;
    uint64_t leaf0 = d.leaf_entries, whole0 = d.whole_entries;
    size_t risky = 0;
    for (size_t f = 0; f < frames; f++) {
        frame(&w);
        bool risk = w.frame % RISK_EVERY == 0;
        risky += risk;
        for (int r = 0; r < 3; r++) { /* the engine's encoders in turn */
            int e = (int)((f + (size_t)r) % 3);
            double t0 = now_s();
            if (e == 0) {
                if (snapw_document(&doc, &w.s) != 0)
                    abort();
                tm[T_FULL].t[tm[T_FULL].n++] = now_s() - t0;
            } else if (e == 1) {
                v1_update(&v1, &w.s, &u1);
                tm[T_V1].t[tm[T_V1].n++] = now_s() - t0;
            } else {
                if (sdiff_update(&d, &w.s, &u2) != 0)
                    abort();
                double t1 = now_s();
                if (zf_deflate(u2.buf, u2.len, &z) != 0)
                    abort();
                double t2 = now_s();
                tm[T_V2].t[tm[T_V2].n++] = t1 - t0;
                tm[T_Z].t[tm[T_Z].n++] = t2 - t1;
                tm[T_V2Z].t[tm[T_V2Z].n++] = t2 - t0;
            }
        }
        count(&b_full, doc.len, risk);
        count(&b_v1, u1.len, risk);
        count(&b_v2, u2.len, risk);
        count(&b_z, z.len, risk);
        count(&b_parts, v1.part_bytes, risk);
        for (const char *q = strstr(u1.buf, "\"instruments\":["); q && (q = strstr(q + 1, "[")) != NULL;)
            inst_v1 += q[1] >= '0' && q[1] <= '9';

        for (int r = 0; r < 2; r++) { /* the viewer's two ways in turn */
            double t0 = now_s();
            if ((f + (size_t)r) % 2 == 0) {
                if (snapw_decode(doc.buf, doc.len, &dec, err, sizeof err) != 0) {
                    fprintf(stderr, "bench_state: FAILED: frame %zu's document does not decode: %s\n", f, err);
                    return 1;
                }
                tm[T_DECODE].t[tm[T_DECODE].n++] = now_s() - t0;
            } else {
                if (zf_inflate(z.buf, z.len, &infl, SNAPW_MAX_DOC) != 0) {
                    fprintf(stderr, "bench_state: FAILED: frame %zu's update does not inflate\n", f);
                    return 1;
                }
                if (sdiff_apply(&view, w.s.version, infl.buf, infl.len, err, sizeof err) != 0) {
                    fprintf(stderr, "bench_state: FAILED: frame %zu's update does not apply: %s\n", f, err);
                    return 1;
                }
                tm[T_APPLY].t[tm[T_APPLY].n++] = now_s() - t0;
            }
        }
        /* untimed: the viewer holds the engine's document, byte for byte */
        if (infl.len != u2.len || memcmp(infl.buf, u2.buf, u2.len) != 0) {
            fprintf(stderr, "bench_state: FAILED: frame %zu's update does not inflate to what was deflated\n", f);
            return 1;
        }
        if (snapw_document(&vdoc, &view) != 0)
            abort();
        if (!same_text(&doc, &vdoc))
            die_diff("the viewer's snap", f, &doc, &vdoc);
    }
    /* and the full decode is the same document too */
    if (snapw_document(&vdoc, &dec) != 0)
        abort();
    if (!same_text(&doc, &vdoc))
        die_diff("the last document decoded", frames, &doc, &vdoc);

    double nf = (double)frames;
    printf("state protocol payload (%s): %d instruments, %d underlyings, %d venues, %zu holdings in %d books, "
           "%d scenarios; %zu frames at %d frames/s, a tenth ticking (%.1f instruments changed per update), "
           "a risk sample every %dth frame; in process, one core\n",
           SERVE_PROTOCOL, NINST, NUND, NVENUES, w.s.nholdings, NBOOKS, NSCEN, frames, FPS, inst_v1 / nf,
           RISK_EVERY);
    printf("  first update (everything): v1 %zu B, v2 %zu B, deflated %zu B; full document %zu B\n", first_v1,
           first_v2, first_z, first_doc);
    double v1_med = median(&tm[T_V1]);
    printf("  %-44s %8s %8s %8s %9s %7s %8s %8s %7s\n", "engine, per update", "B", "B plain", "B risk", "KB/s",
           "B /v1", "us best", "us med", "us /v1");
    row("full document (snapw_document)", &b_full, frames, risky, b_v1.all, &tm[T_FULL], v1_med);
    row("v1: changed parts, changed instruments whole", &b_v1, frames, risky, b_v1.all, &tm[T_V1], v1_med);
    row("v2: changed leaves, JSON (sdiff_update)", &b_v2, frames, risky, b_v1.all, &tm[T_V2], v1_med);
    row("v2 deflated (+ zf_deflate: the body frame)", &b_z, frames, risky, b_v1.all, &tm[T_V2Z], v1_med);
    printf("  %-44s %8s %8s %8s %9s %7s %8.0f %8.0f\n", "  of which zf_deflate", "", "", "", "", "",
           best(&tm[T_Z]) * 1e6, median(&tm[T_Z]) * 1e6);
    printf("  KB/s = B per update x %d updates/s / 1000, per viewer (the body frame only: the 4 other frames "
           "add ~50 B); B plain / risk: frames without / with a risk sample\n", FPS);
    printf("  parts (whole in v1 and v2): %.0f B per update, %.1f%% of v1, %.1f%% of v2 JSON; v2 instrument "
           "entries per update: %.1f by leaves, %.2f whole\n",
           b_parts.all / nf, 100 * b_parts.all / b_v1.all, 100 * b_parts.all / b_v2.all,
           (double)(d.leaf_entries - leaf0) / nf, (double)(d.whole_entries - whole0) / nf);
    double dec_med = median(&tm[T_DECODE]), dec_best = best(&tm[T_DECODE]);
    double app_med = median(&tm[T_APPLY]), app_best = best(&tm[T_APPLY]);
    printf("  %-44s %8s %8s %9s\n", "viewer, per update", "us best", "us med", "med /full");
    printf("  %-44s %8.0f %8.0f %9.3f\n", "full document decoded (snapw_decode)", dec_best * 1e6, dec_med * 1e6, 1.0);
    printf("  %-44s %8.0f %8.0f %9.3f\n", "v2: zf_inflate + sdiff_apply to the snap held", app_best * 1e6,
           app_med * 1e6, app_med / dec_med);
    printf("  v2 deflated: %.1f KB/s, %.3fx of v1 (%.1f KB/s), %.3fx of full documents (%.1f KB/s); engine "
           "%.2fx of v1's encode time; viewer %.2fx of a full decode\n",
           b_z.all / nf * FPS / 1e3, b_z.all / b_v1.all, b_v1.all / nf * FPS / 1e3, b_z.all / b_full.all,
           b_full.all / nf * FPS / 1e3, median(&tm[T_V2Z]) / v1_med, app_med / dec_med);
    printf("  check: %zu updates applied to the viewer's snap, each time its document equals the engine's "
           "byte for byte (%zu B at the end); the first update applied to an empty snap too\n",
           frames, doc.len);

    for (int k = 0; k < TIMERS; k++)
        free(tm[k].t);
    jw_free(&doc);
    jw_free(&u1);
    jw_free(&u2);
    jw_free(&z);
    jw_free(&infl);
    jw_free(&vdoc);
    v1_free(&v1);
    sdiff_free(&d);
    snap_free(&view);
    snap_free(&dec);
    snap_free(&fresh);
    snap_free(&w.s);
    return 0;
}
