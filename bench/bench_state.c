/* bench_state.c - the state protocol's payload (docs/STATE.md), in process,
 * on one core: how many bytes a viewer receives per second and what an
 * update costs the engine, beside the full snapshot, and the same content in
 * MessagePack (msgpack-c) as the compact encoding to weigh against JSON.
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
 * JSON: the full document is snapw_document; the update is the engine's own
 * serve_publish (engine/serve.c) on a real server bound to inproc:// with no
 * subscriber, its size sv.update.len. MessagePack: the same fields in the same
 * order and nesting, twice: "map" keeps every key (maps where JSON has
 * objects: the same document, checked value by value against the JSON one
 * after the last frame), "array" drops the keys (arrays where JSON has
 * objects: a schema both sides must share). Numbers: integral values as
 * msgpack ints, others as float64, NaN as nil; fixed-decimal fields rounded
 * as JSON rounds them.
 * The MessagePack update is the same diff (per part, per instrument, on the
 * encoded bytes; serve_publish also skips encoding an instrument whose
 * snapshot struct did not change, which these do not). The encoders take
 * turns within every frame, in a rotating order; times are the
 * best (and median) over the frames of each kind (plain, risk sample).
 *
 * Usage: bench_state [CYCLES]   (10 frames a cycle, default 30) */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#include "invtop/backtest.h"
#include "invtop/exposure.h"
#include "invtop/jsonw.h"
#include "invtop/ovrjson.h"
#include "invtop/serve.h"
#include "invtop/snapshot.h"
#include "invtop/snapwire.h"
#include "invtop/wire_body.h" /* jsmn, for the check of the msgpack document */

#if defined(__has_include)
#if __has_include(<msgpack.h>)
#define HAVE_MSGPACK 1
#include <msgpack.h>
#endif
#endif

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

#ifdef HAVE_MSGPACK
/* ---- the same content in MessagePack ---- */

typedef struct {
    msgpack_sbuffer sb;
    msgpack_packer pk;
    bool keys; /* maps with JSON's keys, or arrays of the values alone */
} mp;

static void mp_init(mp *m, bool keys)
{
    msgpack_sbuffer_init(&m->sb);
    msgpack_packer_init(&m->pk, &m->sb, msgpack_sbuffer_write);
    m->keys = keys;
}

#define MK(m, lit) ((m)->keys ? (void)msgpack_pack_str_with_body(&(m)->pk, lit, sizeof lit - 1) : (void)0)

static void mp_key(mp *m, const char *k)
{
    if (m->keys)
        msgpack_pack_str_with_body(&m->pk, k, strlen(k));
}
static void mp_obj(mp *m, size_t n)
{
    if (m->keys)
        msgpack_pack_map(&m->pk, n);
    else
        msgpack_pack_array(&m->pk, n);
}
static void mp_arr(mp *m, size_t n) { msgpack_pack_array(&m->pk, n); }
static void mp_str(mp *m, const char *s) { msgpack_pack_str_with_body(&m->pk, s, strlen(s)); }
static void mp_bool(mp *m, bool b) { (void)(b ? msgpack_pack_true(&m->pk) : msgpack_pack_false(&m->pk)); }
static void mp_nil(mp *m) { msgpack_pack_nil(&m->pk); }
static void mp_int(mp *m, int64_t v) { msgpack_pack_int64(&m->pk, v); }
static void mp_num(mp *m, double v)
{
    if (!isfinite(v))
        msgpack_pack_nil(&m->pk);
    else if (v == trunc(v) && fabs(v) < 9e15)
        msgpack_pack_int64(&m->pk, (int64_t)v);
    else
        msgpack_pack_double(&m->pk, v);
}
static void mp_fixed(mp *m, double v, int d)
{
    static const double p10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};
    if (!isfinite(v) || fabs(v) >= 1e30) {
        msgpack_pack_nil(&m->pk);
        return;
    }
    mp_num(m, nearbyint(v * p10[d]) / p10[d]);
}
#define MKNUM(m, k, v) (MK(m, k), mp_num(m, v))
#define MKFIX(m, k, v, d) (MK(m, k), mp_fixed(m, v, d))
#define MKINT(m, k, v) (MK(m, k), mp_int(m, (int64_t)(v)))
#define MKSTR(m, k, v) (MK(m, k), mp_str(m, v))
#define MKBOOL(m, k, v) (MK(m, k), mp_bool(m, v))

static const char *const kind_names[] = {"spot", "perp", "future", "option"};
static const char *const leg_names[] = {"net", "long", "short"};
static const char *const level_names[] = {"info", "warn", "alert"};

static void mp_feed(mp *m, const snap_feed *f)
{
    mp_obj(m, 11);
    MKINT(m, "msgs", f->msgs);
    MKINT(m, "accepted", f->accepted);
    MKINT(m, "ignored", f->ignored);
    MKFIX(m, "rate", f->rate, 1);
    MK(m, "rejected");
    mp_obj(m, 3);
    MKINT(m, "total", f->rejected_total);
    MK(m, "by_reason");
    mp_obj(m, WIRE_STATUS_COUNT - WIRE_IGNORED - 1);
    for (int r = WIRE_IGNORED + 1; r < WIRE_STATUS_COUNT; r++) {
        mp_key(m, wire_status_name((wire_status)r));
        mp_int(m, (int64_t)f->rejected[r]);
    }
    MK(m, "last");
    mp_arr(m, f->nlast);
    for (size_t i = 0; i < f->nlast; i++) {
        mp_obj(m, 3);
        MKSTR(m, "reason", wire_status_name(f->last[i].reason));
        MKFIX(m, "ts", f->last[i].time, 3);
        MKSTR(m, "excerpt", f->last[i].excerpt);
    }
    MKINT(m, "gaps", f->gaps);
    MKINT(m, "seq_restarts", f->seq_restarts);
    MKINT(m, "seq_untracked", f->seq_untracked);
    MKINT(m, "record_errors", f->record_errors);
    MKINT(m, "quotes_published", f->quotes_published);
    MKFIX(m, "last_msg_age_s", f->last_msg_age_s, 3);
}

static void mp_portfolio(mp *m, const snap_portfolio *p)
{
    mp_obj(m, 5);
    MKFIX(m, "gross_usd", p->gross_usd, 2);
    MKFIX(m, "net_usd", p->net_usd, 2);
    MKFIX(m, "pnl_realized", p->pnl_realized, 2);
    MKFIX(m, "pnl_unrealized", p->pnl_unrealized, 2);
    MKFIX(m, "net_delta_usd", p->net_delta_usd, 2);
}

static void mp_risk(mp *m, const snap *s)
{
    char key[16];
    size_t nvar = s->pv.nvar < PV_MAX_LEVELS ? s->pv.nvar : PV_MAX_LEVELS;
    mp_obj(m, 10);
    MKNUM(m, "horizon_s", s->pv.horizon_s);
    MKNUM(m, "sample_s", s->pv.sample_s);
    MKINT(m, "returns", s->returns);
    MKINT(m, "window", s->window);
    MKFIX(m, "computed_at", s->computed_at, 3);
    MKFIX(m, "monte_carlo_at", s->mc_at, 3);
    MK(m, "var");
    mp_obj(m, PV_METHODS);
    for (int me = 0; me < PV_METHODS; me++) {
        mp_key(m, pv_method_name((pv_method)me));
        mp_obj(m, nvar);
        for (size_t k = 0; k < nvar; k++) {
            snapw_level_key(s->pv.var_levels[k], key, sizeof key);
            mp_key(m, key);
            mp_fixed(m, s->result.valid[me] ? s->result.var[me][k] : NAN, 2);
        }
    }
    MK(m, "cvar");
    mp_obj(m, PV_METHODS);
    snapw_level_key(s->pv.es_level, key, sizeof key);
    for (int me = 0; me < PV_METHODS; me++) {
        mp_key(m, pv_method_name((pv_method)me));
        mp_obj(m, 1);
        mp_key(m, key);
        mp_fixed(m, s->result.valid[me] ? s->result.es[me] : NAN, 2);
    }
    MK(m, "backtest");
    mp_obj(m, 9);
    MKSTR(m, "method", pv_method_name(PV_PARAMETRIC));
    MKNUM(m, "level", s->bt_level);
    MKINT(m, "n", s->bt_n);
    MKINT(m, "exceptions", s->bt_exceptions);
    MKFIX(m, "kupiec_lr", s->kupiec_lr, 6);
    MKFIX(m, "kupiec_p", s->kupiec_p, 6);
    MKFIX(m, "christoffersen_lr", s->christoffersen_lr, 6);
    MKFIX(m, "christoffersen_p", s->christoffersen_p, 6);
    MKSTR(m, "zone", bt_zone_name((bt_zone)s->bt_zone));
    MK(m, "scenarios");
    mp_arr(m, s->nscen);
    for (size_t k = 0; k < s->nscen; k++)
        mp_fixed(m, s->scenarios[k], 2);
}

static void mp_underlyings(mp *m, const snap *s)
{
    mp_arr(m, s->nund);
    for (size_t u = 0; u < s->nund; u++) {
        const snap_und *x = &s->und[u];
        mp_obj(m, 8);
        MKSTR(m, "name", x->name);
        MKNUM(m, "price", x->price);
        MKNUM(m, "delta", x->delta);
        MKFIX(m, "delta_usd", x->delta_usd, 2);
        MKNUM(m, "gamma", x->gamma);
        MKFIX(m, "vega", x->vega, 4);
        MKFIX(m, "theta", x->theta, 4);
        MKFIX(m, "limit_util", x->limit.util, 4);
    }
}

static void mp_breach(mp *m, const char *kind, const char *name, const limit_state *st)
{
    if (isnan(st->since))
        return;
    mp_obj(m, 4);
    MKSTR(m, "kind", kind);
    MKSTR(m, "name", name);
    MKFIX(m, "util", st->util, 4);
    MKFIX(m, "since", st->since, 3);
}

static void mp_limits(mp *m, const snap *s)
{
    size_t n = !isnan(s->var_limit.since);
    for (size_t i = 0; i < s->ninst; i++)
        n += !isnan(s->inst[i].limit.since);
    for (size_t u = 0; u < s->nund; u++)
        n += !isnan(s->und[u].limit.since);
    for (size_t k = 0; k < s->nbooks; k++)
        n += !isnan(s->books[k].r.delta.since) + !isnan(s->books[k].r.var.since);
    mp_obj(m, 7);
    MKNUM(m, "max_pos_lots", s->limits.max_pos_lots);
    MKNUM(m, "max_delta_usd", s->limits.max_delta_usd);
    MKNUM(m, "max_var_usd", s->limits.max_var_usd);
    MKFIX(m, "var_util", s->var_limit.util, 4);
    MKFIX(m, "var_since", s->var_limit.since, 3);
    MKINT(m, "breach_count", s->breaches);
    MK(m, "breaches");
    mp_arr(m, n);
    for (size_t i = 0; i < s->ninst; i++)
        mp_breach(m, "position", s->inst[i].id, &s->inst[i].limit);
    for (size_t u = 0; u < s->nund; u++)
        mp_breach(m, "delta", s->und[u].name, &s->und[u].limit);
    mp_breach(m, "var", "portfolio", &s->var_limit);
    for (size_t k = 0; k < s->nbooks; k++) {
        mp_breach(m, "book_delta", s->books[k].name, &s->books[k].r.delta);
        mp_breach(m, "book_var", s->books[k].name, &s->books[k].r.var);
    }
}

static void mp_books(mp *m, const snap *s)
{
    mp_arr(m, s->nbooks);
    for (size_t k = 0; k < s->nbooks; k++) {
        const snap_book *b = &s->books[k];
        mp_obj(m, 13);
        MKSTR(m, "name", b->name);
        MKFIX(m, "gross_usd", b->r.gross_usd, 2);
        MKFIX(m, "net_usd", b->r.net_usd, 2);
        MKFIX(m, "net_delta_usd", b->r.net_delta_usd, 2);
        MKFIX(m, "pnl_realized", b->r.pnl_realized, 2);
        MKFIX(m, "pnl_unrealized", b->r.pnl_unrealized, 2);
        MKFIX(m, "var_usd", b->r.var_usd, 2);
        MKNUM(m, "max_delta_usd", b->lim.max_delta_usd);
        MKNUM(m, "max_var_usd", b->lim.max_var_usd);
        MKFIX(m, "delta_util", b->r.delta.util, 4);
        MKFIX(m, "var_util", b->r.var.util, 4);
        MKFIX(m, "delta_since", b->r.delta.since, 3);
        MKFIX(m, "var_since", b->r.var.since, 3);
    }
}

static void mp_quote_params(mp *m, const skew_params *p)
{
    mp_obj(m, 12);
    MKSTR(m, "model", skew_model_name(p->model));
    MKNUM(m, "gamma", p->gamma);
    MKNUM(m, "k", p->k);
    MKNUM(m, "A", p->A);
    MKNUM(m, "delta", p->delta);
    MKNUM(m, "tau_s", p->tau_s);
    MKNUM(m, "session_end", p->session_end);
    MKNUM(m, "skew_factor", p->skew_factor);
    MKNUM(m, "vol_mult", p->vol_mult);
    MKNUM(m, "min_spread_bps", p->min_spread_bps);
    MKNUM(m, "q_max_lots", p->q_max_lots);
    MKSTR(m, "units", "bp of mid, lots, seconds");
}

static void mp_overrides(mp *m, const snap *s)
{
    mp_obj(m, 5);
    MKBOOL(m, "kill", s->kill);
    MKINT(m, "active", s->overrides_active);
    MKBOOL(m, "journal_ok", s->journal_ok);
    MKSTR(m, "journal_error", s->journal_error);
    MKBOOL(m, "publishing", s->publishing);
}

static void mp_security(mp *m, const snap *s)
{
    mp_obj(m, 12);
    MKBOOL(m, "feed_curve", s->feed_curve);
    MK(m, "feed_sockets");
    mp_arr(m, s->nfeed_socks);
    for (size_t k = 0; k < s->nfeed_socks; k++) {
        const snap_sock *x = &s->feed_socks[k];
        mp_obj(m, 3);
        MKSTR(m, "endpoint", x->endpoint);
        MKSTR(m, "role", snapw_sock_role[x->bind]);
        MKSTR(m, "mode", snapw_sock_mode[x->curve]);
    }
    MKBOOL(m, "quotes_curve", s->quotes_curve);
    MKINT(m, "handshakes_refused", s->handshakes_refused);
    MKINT(m, "feed_handshakes_refused", s->feed_refused);
    MKINT(m, "quotes_handshakes_refused", s->quotes_refused);
    MKINT(m, "feed_keys_denied", s->feed_denied);
    MKINT(m, "quotes_keys_denied", s->quotes_denied);
    MKINT(m, "feed_keys_allowed", s->feed_allowed);
    MKINT(m, "quotes_keys_allowed", s->quotes_allowed);
    MKINT(m, "commands_refused", s->commands_refused);
    MKSTR(m, "warning", s->sec_warning);
}

static void mp_events(mp *m, const snap *s)
{
    mp_obj(m, 2);
    MKINT(m, "total", s->events_total);
    MK(m, "last");
    mp_arr(m, s->nevents);
    for (size_t k = 0; k < s->nevents; k++) {
        const snap_event *e = &s->events[k];
        mp_obj(m, 3);
        MKFIX(m, "ts", e->time, 3);
        MKSTR(m, "level", level_names[(unsigned)e->level < 3 ? e->level : 0]);
        MKSTR(m, "text", e->text);
    }
}

static void mp_series(mp *m, const snap *s)
{
    mp_arr(m, s->nseries);
    for (size_t k = 0; k < s->nseries; k++) {
        mp_arr(m, 3);
        mp_fixed(m, s->series[k].t, 3);
        mp_fixed(m, s->series[k].pnl, 2);
        mp_fixed(m, s->series[k].var, 2);
    }
}

static void mp_part(mp *m, const snap *s, snapw_part p)
{
    switch (p) {
    case SNAPW_FEED: mp_feed(m, &s->feed); break;
    case SNAPW_PORTFOLIO: mp_portfolio(m, &s->port); break;
    case SNAPW_RISK: mp_risk(m, s); break;
    case SNAPW_UNDERLYINGS: mp_underlyings(m, s); break;
    case SNAPW_LIMITS: mp_limits(m, s); break;
    case SNAPW_BOOKS: mp_books(m, s); break;
    case SNAPW_QUOTE_PARAMS: mp_quote_params(m, &s->quote_params); break;
    case SNAPW_OVERRIDES: mp_overrides(m, s); break;
    case SNAPW_SECURITY: mp_security(m, s); break;
    case SNAPW_EVENTS: mp_events(m, s); break;
    case SNAPW_SERIES: mp_series(m, s); break;
    case SNAPW_PARTS: mp_nil(m); break;
    }
}

static void mp_quote(mp *m, const snap_inst *x)
{
    if (!(x->has_quote || x->eff.valid)) {
        mp_nil(m);
        return;
    }
    mp_obj(m, 17);
    MKSTR(m, "src", x->eff.manual ? "manual" : "model");
    MKBOOL(m, "paused", x->eff.paused);
    MKBOOL(m, "eff_valid", x->eff.valid);
    MKNUM(m, "eff_bid", x->eff.bid);
    MKNUM(m, "eff_ask", x->eff.ask);
    MKNUM(m, "eff_reservation", x->eff.reservation);
    MKFIX(m, "eff_skew_bps", x->eff.skew_bps, 3);
    MKFIX(m, "eff_half_spread_bps", x->eff.half_spread_bps, 3);
    MKBOOL(m, "model_valid", x->has_quote);
    MKSTR(m, "model", skew_model_name(x->q.model));
    MKNUM(m, "reservation", x->q.reservation);
    MKNUM(m, "bid", x->q.bid);
    MKNUM(m, "ask", x->q.ask);
    MKFIX(m, "skew_bps", x->q.skew_bps, 3);
    MKFIX(m, "half_spread_bps", x->q.half_spread_bps, 3);
    MKNUM(m, "q_lots", x->q.q_lots);
    MKFIX(m, "sigma", x->q.sigma_bps, 4);
}

static void mp_override(mp *m, const ovr *o)
{
    mp_obj(m, 9);
    MKNUM(m, "skew_bps", o->skew_bps);
    MKBOOL(m, "skew_replace", o->skew_replace);
    MKNUM(m, "half_spread_bps", o->half_spread_bps);
    MKNUM(m, "bid", o->bid);
    MKNUM(m, "ask", o->ask);
    MKNUM(m, "size_bid", o->size_bid);
    MKNUM(m, "size_ask", o->size_ask);
    MKBOOL(m, "paused", o->paused);
    MKFIX(m, "expires", o->expires, 3);
}

static void mp_inst(mp *m, const snap *s, size_t i)
{
    const snap_inst *x = &s->inst[i];
    mp_obj(m, x->has_greeks ? 32 : 26);
    MKSTR(m, "sym", x->sym);
    MKSTR(m, "venue", x->venue);
    MKSTR(m, "id", x->id);
    MKSTR(m, "kind", kind_names[(unsigned)x->kind < 4 ? x->kind : 0]);
    MKBOOL(m, "ref_inferred", x->ref_inferred);
    MKNUM(m, "mult", x->mult);
    MKNUM(m, "tick", x->tick);
    MKNUM(m, "lot", x->lot);
    MKNUM(m, "strike", x->strike);
    MKFIX(m, "expiry", x->expiry, 3);
    MK(m, "right");
    if (x->right == 'C' || x->right == 'P')
        msgpack_pack_str_with_body(&m->pk, &x->right, 1);
    else
        mp_nil(m);
    MKNUM(m, "qty", x->qty);
    MKNUM(m, "avg_px", x->qty != 0 ? x->avg_px : NAN);
    MKNUM(m, "mid", x->mid);
    MKNUM(m, "bid", x->bid);
    MKNUM(m, "ask", x->ask);
    MKFIX(m, "notional_usd", x->notional_usd, 2);
    MKFIX(m, "pnl_realized", x->pnl_realized, 2);
    MKFIX(m, "pnl_unrealized", x->pnl_unrealized, 2);
    MKBOOL(m, "stale", x->stale);
    MK(m, "underlying");
    if (x->underlying[0])
        mp_str(m, x->underlying);
    else
        mp_nil(m);
    if (x->has_greeks) {
        bool ok = x->greeks_status == EXPO_OK;
        MKNUM(m, "delta", x->delta);
        MKFIX(m, "delta_usd", ok || x->greeks_status == EXPO_NO_PRICE ? x->delta_usd : NAN, 2);
        MKNUM(m, "gamma", ok ? x->gamma : NAN);
        MKFIX(m, "vega", ok ? x->vega : NAN, 4);
        MKFIX(m, "theta", ok ? x->theta : NAN, 4);
        MKSTR(m, "greeks", expo_status_name((expo_status)x->greeks_status));
    }
    MKFIX(m, "limit_util", x->limit.util, 4);
    MKFIX(m, "limit_since", x->limit.since, 3);
    MK(m, "quote");
    mp_quote(m, x);
    MK(m, "override");
    if (x->has_override)
        mp_override(m, &x->o);
    else
        mp_nil(m);
    MK(m, "holdings");
    size_t end = x->first_holding + x->nholdings;
    if (end > s->nholdings)
        end = s->nholdings;
    mp_arr(m, end > x->first_holding ? end - x->first_holding : 0);
    for (size_t h = x->first_holding; h < end; h++) {
        const snap_holding *d = &s->holdings[h];
        mp_obj(m, 6);
        MKSTR(m, "book", d->book < s->nbooks ? s->books[d->book].name : "");
        MKSTR(m, "leg", leg_names[(unsigned)d->leg < 3 ? d->leg : 0]);
        MKNUM(m, "qty", d->qty);
        MKNUM(m, "avg_px", d->avg_px);
        MKFIX(m, "pnl_realized", d->pnl_realized, 2);
        MKFIX(m, "pnl_unrealized", d->pnl_unrealized, 2);
    }
}

static void mp_document(mp *m, const snap *s)
{
    msgpack_sbuffer_clear(&m->sb);
    mp_obj(m, 3 + SNAPW_PARTS + 1);
    MKINT(m, "version", s->version);
    MKFIX(m, "ts", s->ts, 3);
    MKSTR(m, "source", s->source);
    for (int p = 0; p < SNAPW_PARTS; p++) {
        mp_key(m, snapw_part_name((snapw_part)p));
        mp_part(m, s, (snapw_part)p);
    }
    MK(m, "instruments");
    mp_arr(m, s->ninst);
    for (size_t i = 0; i < s->ninst; i++)
        mp_inst(m, s, i);
}

/* What was last sent, as encoded bytes (the engine's snapw_store, in msgpack). */
typedef struct {
    char *buf;
    size_t len, cap;
} blob;

static void blob_set(blob *b, const char *p, size_t n)
{
    if (n > b->cap) {
        b->cap = n * 2;
        b->buf = realloc(b->buf, b->cap);
        if (!b->buf)
            abort();
    }
    memcpy(b->buf, p, n);
    b->len = n;
}

typedef struct {
    mp out, x;
    blob part[SNAPW_PARTS];
    blob *inst;
    size_t ninst;
    size_t *changed; /* scratch: indices of the instruments that changed */
    int changed_part[SNAPW_PARTS];
} mp_server;

static void mps_init(mp_server *sv, bool keys)
{
    memset(sv, 0, sizeof *sv);
    mp_init(&sv->out, keys);
    mp_init(&sv->x, keys);
    sv->inst = calloc(NINST, sizeof *sv->inst);
    sv->changed = calloc(NINST, sizeof *sv->changed);
    if (!sv->inst || !sv->changed)
        abort();
}

static void mps_free(mp_server *sv)
{
    msgpack_sbuffer_destroy(&sv->out.sb);
    msgpack_sbuffer_destroy(&sv->x.sb);
    for (int p = 0; p < SNAPW_PARTS; p++)
        free(sv->part[p].buf);
    for (size_t i = 0; i < NINST; i++)
        free(sv->inst[i].buf);
    free(sv->inst);
    free(sv->changed);
}

static bool differs(const blob *b, const msgpack_sbuffer *x)
{
    return b->len != x->size || memcmp(b->buf, x->data, x->size) != 0;
}

/* serve_publish's diff in msgpack: {"ts","source","ninst","parts":{NAME|INDEX:VALUE},
 * "instruments":[[INDEX,VALUE],..]} (an array of five without keys; parts then keyed by index). */
static void mps_publish(mp_server *sv, const snap *s)
{
    mp *x = &sv->x, *u = &sv->out;
    int nparts = 0;
    for (int p = 0; p < SNAPW_PARTS; p++) {
        msgpack_sbuffer_clear(&x->sb);
        mp_part(x, s, (snapw_part)p);
        if (!differs(&sv->part[p], &x->sb))
            continue;
        blob_set(&sv->part[p], x->sb.data, x->sb.size);
        sv->changed_part[nparts++] = p;
    }
    size_t ninst = 0;
    for (size_t i = 0; i < s->ninst && i < NINST; i++) {
        msgpack_sbuffer_clear(&x->sb);
        mp_inst(x, s, i);
        if (i < sv->ninst && !differs(&sv->inst[i], &x->sb))
            continue;
        blob_set(&sv->inst[i], x->sb.data, x->sb.size);
        sv->changed[ninst++] = i;
    }
    sv->ninst = s->ninst;
    msgpack_sbuffer_clear(&u->sb);
    mp_obj(u, 5);
    MKFIX(u, "ts", s->ts, 3);
    MKSTR(u, "source", s->source);
    MKINT(u, "ninst", s->ninst);
    MK(u, "parts");
    msgpack_pack_map(&u->pk, (size_t)nparts);
    for (int k = 0; k < nparts; k++) {
        int p = sv->changed_part[k];
        if (u->keys)
            mp_str(u, snapw_part_name((snapw_part)p));
        else
            mp_int(u, p);
        msgpack_sbuffer_write(&u->sb, sv->part[p].buf, sv->part[p].len);
    }
    MK(u, "instruments");
    mp_arr(u, ninst);
    for (size_t k = 0; k < ninst; k++) {
        size_t i = sv->changed[k];
        mp_arr(u, 2);
        mp_int(u, (int64_t)i);
        msgpack_sbuffer_write(&u->sb, sv->inst[i].buf, sv->inst[i].len);
    }
}

/* ---- the check: the msgpack document holds what the JSON one holds ---- */

typedef struct {
    const char *js;
    const jsmntok_t *t;
    int nt;
    bool keys;
    size_t values, mismatches, last_digit;
    char first[160];
} check;

static void mismatch(check *c, int i, const char *what)
{
    if (c->mismatches++ == 0)
        snprintf(c->first, sizeof c->first, "%s at JSON offset %d (%.40s)", what, c->t[i].start,
                 c->js + c->t[i].start);
}

/* The JSON string at token i (escapes undone: \" \\ \/ and \u00XX) equals o. */
static bool str_eq(const check *c, int i, const msgpack_object *o)
{
    if (o->type != MSGPACK_OBJECT_STR)
        return false;
    const char *p = c->js + c->t[i].start, *end = c->js + c->t[i].end;
    size_t k = 0;
    while (p < end) {
        char ch = *p++;
        if (ch == '\\' && p < end) {
            ch = *p++;
            if (ch == 'u' && end - p >= 4) {
                char hex[5] = {p[0], p[1], p[2], p[3], 0};
                ch = (char)strtol(hex, NULL, 16);
                p += 4;
            }
        }
        if (k >= o->via.str.size || o->via.str.ptr[k++] != ch)
            return false;
    }
    return k == o->via.str.size;
}

/* Compare the JSON value at token i with o; returns the token after it. */
static int walk(check *c, int i, const msgpack_object *o)
{
    if (i >= c->nt)
        return i;
    const jsmntok_t *t = &c->t[i];
    c->values++;
    if (t->type == JSMN_OBJECT) {
        int n = t->size;
        bool ok = c->keys ? o->type == MSGPACK_OBJECT_MAP && (int)o->via.map.size == n
                          : o->type == MSGPACK_OBJECT_ARRAY && (int)o->via.array.size == n;
        int j = i + 1;
        if (!ok) {
            mismatch(c, i, "object shape");
            for (int k = 0; k < n; k++) {
                msgpack_object nil = {.type = MSGPACK_OBJECT_NIL};
                j = walk(c, j + 1, &nil);
            }
            return j;
        }
        for (int k = 0; k < n; k++) {
            if (c->keys && !str_eq(c, j, &o->via.map.ptr[k].key))
                mismatch(c, j, "key");
            j = walk(c, j + 1, c->keys ? &o->via.map.ptr[k].val : &o->via.array.ptr[k]);
        }
        return j;
    }
    if (t->type == JSMN_ARRAY) {
        int n = t->size, j = i + 1;
        bool ok = o->type == MSGPACK_OBJECT_ARRAY && (int)o->via.array.size == n;
        if (!ok)
            mismatch(c, i, "array shape");
        for (int k = 0; k < n; k++) {
            msgpack_object nil = {.type = MSGPACK_OBJECT_NIL};
            j = walk(c, j, ok ? &o->via.array.ptr[k] : &nil);
        }
        return j;
    }
    if (t->type == JSMN_STRING) {
        if (!str_eq(c, i, o))
            mismatch(c, i, "string");
        return i + 1;
    }
    char ch = c->js[t->start];
    if (ch == 'n') {
        if (o->type != MSGPACK_OBJECT_NIL)
            mismatch(c, i, "null");
    } else if (ch == 't' || ch == 'f') {
        if (o->type != MSGPACK_OBJECT_BOOLEAN || o->via.boolean != (ch == 't'))
            mismatch(c, i, "bool");
    } else {
        double a = strtod(c->js + t->start, NULL), b;
        if (o->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
            b = (double)o->via.u64;
        else if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
            b = (double)o->via.i64;
        else if (o->type == MSGPACK_OBJECT_FLOAT64 || o->type == MSGPACK_OBJECT_FLOAT32)
            b = o->via.f64;
        else
            b = NAN;
        /* JSON has 15 significant digits (or the field's decimals), msgpack all 17;
         * a fixed-decimal tie may round the other way: one unit of the last digit */
        double ulp = 0;
        const char *dot = memchr(c->js + t->start, '.', (size_t)(t->end - t->start));
        if (dot && !memchr(c->js + t->start, 'e', (size_t)(t->end - t->start)))
            ulp = 1.01 * pow(10, -(double)(c->js + t->end - dot - 1));
        double d = fabs(a - b), rel = 1e-12 * fmax(fabs(a), fabs(b)) + 1e-12;
        if (!(d <= rel) && d <= ulp)
            c->last_digit++;
        else if (!(d <= rel))
            mismatch(c, i, "number");
    }
    return i + 1;
}

static void check_document(const char *js, size_t len, const msgpack_sbuffer *sb, bool keys)
{
    jsmn_parser p;
    jsmn_init(&p);
    int nt = jsmn_parse(&p, js, len, NULL, 0);
    jsmntok_t *t = malloc((size_t)(nt > 0 ? nt : 1) * sizeof *t);
    jsmn_init(&p);
    if (!t || nt <= 0 || jsmn_parse(&p, js, len, t, (unsigned)nt) != nt) {
        printf("  check: the JSON document does not parse\n");
        free(t);
        return;
    }
    msgpack_unpacked u;
    msgpack_unpacked_init(&u);
    size_t off = 0;
    if (msgpack_unpack_next(&u, sb->data, sb->size, &off) != MSGPACK_UNPACK_SUCCESS || off != sb->size) {
        printf("  check: the msgpack document does not unpack\n");
    } else {
        check c = {js, t, nt, keys, 0, 0, 0, ""};
        int end = walk(&c, 0, &u.data);
        printf("  check (msgpack %s): %zu values compared with the JSON document: %zu differ%s%s%s "
               "(%zu more by one unit of JSON's last digit: a rounding tie)\n",
               keys ? "map" : "array", c.values, c.mismatches, end == nt ? "" : " (tokens left)",
               c.mismatches ? "; first: " : "", c.first, c.last_digit);
    }
    msgpack_unpacked_destroy(&u);
    free(t);
}
#endif /* HAVE_MSGPACK */

/* ---- measuring ---- */

enum { E_JSON, E_MAP, E_ARR, ENCODERS };
static const char *const enc_names[ENCODERS] = {"JSON", "msgpack map", "msgpack array"};

typedef struct {
    double *t;     /* seconds, one per sample */
    size_t n;
    double bytes;  /* sum */
} series_t;

static void add(series_t *s, double t, size_t bytes)
{
    s->t[s->n++] = t;
    s->bytes += (double)bytes;
}

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
static double mean_bytes(const series_t *s) { return s->n ? s->bytes / (double)s->n : NAN; }

int main(int argc, char **argv)
{
    int cycles = argc > 1 ? atoi(argv[1]) : 30;
    if (cycles < 1)
        cycles = 1;
    size_t frames = (size_t)cycles * RISK_EVERY;
    static world w;
    build(&w);

    void *zctx = zmq_ctx_new();
    server sv;
    char err[256];
    if (serve_open(&sv, zctx, "inproc://bench-state", "inproc://bench-state-pub", NULL, NULL, 1, err,
                   sizeof err) != 0) {
        fprintf(stderr, "bench_state: %s\n", err);
        return 1;
    }
    jw doc = {0};
    int nenc = 1;
#ifdef HAVE_MSGPACK
    mp_server mps[2];
    mps_init(&mps[0], true);
    mps_init(&mps[1], false);
    mp full[2];
    mp_init(&full[0], true);
    mp_init(&full[1], false);
    nenc = ENCODERS;
#endif
    /* full[e], upd[e][kind]: kind 0 a plain frame, 1 a risk-sample frame */
    series_t sfull[ENCODERS], supd[ENCODERS][2];
    for (int e = 0; e < ENCODERS; e++) {
        sfull[e] = (series_t){calloc(frames, sizeof(double)), 0, 0};
        for (int k = 0; k < 2; k++)
            supd[e][k] = (series_t){calloc(frames, sizeof(double)), 0, 0};
    }
    /* JSON bytes by part in the updates (which parts change, and how much they weigh) */
    double part_bytes[SNAPW_PARTS + 1] = {0};
    size_t part_sent[SNAPW_PARTS + 1] = {0};
    jw prev[SNAPW_PARTS] = {{0}}, x = {0};
    double inst_changed = 0;

    /* the first publication is everything: prime every encoder's store */
    if (serve_publish(&sv, &w.s, 0) != 0)
        abort();
#ifdef HAVE_MSGPACK
    mps_publish(&mps[0], &w.s);
    mps_publish(&mps[1], &w.s);
#endif
    for (int p = 0; p < SNAPW_PARTS; p++)
        snapw_part_value(&prev[p], &w.s, (snapw_part)p);
    size_t first_update = sv.update.len;

    for (size_t f = 0; f < frames; f++) {
        frame(&w);
        int kind = w.frame % RISK_EVERY == 0;
        for (int r = 0; r < nenc; r++) { /* the encoders in turn */
            int e = (int)((f + (size_t)r) % (size_t)nenc);
            double t0 = now_s();
            size_t nb = 0;
            if (e == E_JSON) {
                uint64_t before = sv.bytes_published;
                if (serve_publish(&sv, &w.s, (double)f) != 0)
                    abort();
                nb = (size_t)(sv.bytes_published - before);
            }
#ifdef HAVE_MSGPACK
            else {
                mps_publish(&mps[e - 1], &w.s);
                nb = mps[e - 1].out.sb.size;
            }
#endif
            add(&supd[e][kind], now_s() - t0, nb);
        }
        for (int r = 0; r < nenc; r++) {
            int e = (int)((f + (size_t)r + 1) % (size_t)nenc);
            double t0 = now_s();
            size_t nb = 0;
            if (e == E_JSON) {
                if (snapw_document(&doc, &w.s) != 0)
                    abort();
                nb = doc.len;
            }
#ifdef HAVE_MSGPACK
            else {
                mp_document(&full[e - 1], &w.s);
                nb = full[e - 1].sb.size;
            }
#endif
            add(&sfull[e], now_s() - t0, nb);
        }
        /* untimed: which parts changed, from the engine's own bytes */
        for (int p = 0; p < SNAPW_PARTS; p++) {
            jw_reset(&x);
            snapw_part_value(&x, &w.s, (snapw_part)p);
            if (x.len == prev[p].len && memcmp(x.buf, prev[p].buf, x.len) == 0)
                continue;
            part_bytes[p] += (double)x.len;
            part_sent[p]++;
            jw_reset(&prev[p]);
            jw_raw(&prev[p], x.buf, x.len);
        }
        size_t changed = 0;
        const char *u = sv.update.buf;
        for (const char *q = strstr(u, "\"instruments\":["); q && (q = strstr(q + 1, "[")) != NULL;)
            changed += q[1] >= '0' && q[1] <= '9';
        inst_changed += (double)changed;
    }

    size_t plain = supd[E_JSON][0].n, risky = supd[E_JSON][1].n;
    double cyc = (double)RISK_EVERY;
    printf("state protocol payload: %d instruments, %d underlyings, %d venues, %zu holdings in %d books, "
           "%d scenarios, %d frames/s, a tenth ticking (%.1f instruments changed per update); "
           "%zu frames, one core\n",
           NINST, NUND, NVENUES, w.s.nholdings, NBOOKS, NSCEN, FPS, inst_changed / (double)frames, frames);
    printf("  every %dth frame a risk sample (VaR, scenarios, chart point); update bytes/s = "
           "(%d-1 plain + 1 risk frame) per second, per viewer; first update (everything) %zu bytes\n",
           RISK_EVERY, RISK_EVERY, first_update);
    double jfull = mean_bytes(&sfull[E_JSON]), jfull_t = best(&sfull[E_JSON]);
    double jplain = mean_bytes(&supd[E_JSON][0]), jrisk = mean_bytes(&supd[E_JSON][1]);
    double jsec = (jplain * (cyc - 1) + jrisk) * FPS / cyc;
    double jup_t = (best(&supd[E_JSON][0]) * (cyc - 1) + best(&supd[E_JSON][1])) / cyc;
    printf("  %-14s %9s %8s %8s %8s %8s %11s %11s %8s %8s %8s %7s %7s\n", "encoding", "full B", "full us",
           "B", "us", "plain B", "B/s/viewer", "full B/s", "upd us", "upd us", "upd us", "upd B", "upd us");
    printf("  %-14s %9s %8s %8s %8s %8s %11s %11s %8s %8s %8s %7s %7s\n", "", "", "best", "/JSON", "/JSON",
           "(risk B)", "(updates)", "(10 full/s)", "plain", "risk", "median", "/JSON", "/JSON");
    for (int e = 0; e < nenc; e++) {
        double fb = mean_bytes(&sfull[e]), ft = best(&sfull[e]);
        double pb = mean_bytes(&supd[e][0]), rb = mean_bytes(&supd[e][1]);
        double bps = (pb * (cyc - 1) + rb) * FPS / cyc;
        double pt = best(&supd[e][0]), rt = best(&supd[e][1]);
        double med = (median(&supd[e][0]) * (cyc - 1) + median(&supd[e][1])) / cyc;
        double ut = (pt * (cyc - 1) + rt) / cyc;
        printf("  %-14s %9.0f %8.0f %8.3f %8.3f %8.0f %11.0f %11.0f %8.0f %8.0f %8.0f %7.3f %7.3f\n", enc_names[e],
               fb, ft * 1e6, fb / jfull, ft / jfull_t, pb, bps, fb * FPS, pt * 1e6, rt * 1e6, med * 1e6,
               bps / jsec, ut / jup_t);
        printf("  %-14s %9s %8s %8s %8s %8.0f\n", "", "", "", "", "", rb);
    }
    printf("  updates / full snapshots (JSON): bytes %.4f; update cost / full encode %.3f; "
           "%zu plain and %zu risk frames; bytes/JSON and cost/JSON compare B/s/viewer and the mean "
           "best update cost\n",
           jsec / (jfull * FPS), jup_t / jfull_t, plain, risky);
    printf("  JSON update bytes by part (bytes/s per viewer; share of all update bytes; frames it was in):\n");
    double total = jsec;
    double inst_bytes = total;
    for (int p = 0; p < SNAPW_PARTS; p++) {
        double bps = part_bytes[p] / (double)frames * FPS;
        inst_bytes -= bps;
        if (part_sent[p] == 0)
            continue;
        printf("    %-13s %9.0f B/s  %5.1f%%  %5.1f%% of frames, %6.0f B each\n", snapw_part_name((snapw_part)p),
               bps, 100 * bps / total, 100.0 * (double)part_sent[p] / (double)frames,
               part_bytes[p] / (double)part_sent[p]);
    }
    printf("    %-13s %9.0f B/s  %5.1f%%  (and the update's own keys)\n", "instruments", inst_bytes,
           100 * inst_bytes / total);
#ifdef HAVE_MSGPACK
    printf("  msgpack map keeps JSON's keys (maps for objects); msgpack array drops them (arrays for "
           "objects, a shared schema); both float64 for non-integral numbers\n");
    if (snapw_document(&doc, &w.s) == 0) {
        mp_document(&full[0], &w.s);
        mp_document(&full[1], &w.s);
        check_document(doc.buf, doc.len, &full[0].sb, true);
        check_document(doc.buf, doc.len, &full[1].sb, false);
    }
    mps_free(&mps[0]);
    mps_free(&mps[1]);
    msgpack_sbuffer_destroy(&full[0].sb);
    msgpack_sbuffer_destroy(&full[1].sb);
#else
    printf("  (built without msgpack-c: make deps installs libmsgpack-dev)\n");
#endif
    printf("  no zlib figure: nothing in invtop links zlib (bench/state_viewers.py reports zlib on the live "
           "stream)\n");
    for (int e = 0; e < ENCODERS; e++) {
        free(sfull[e].t);
        free(supd[e][0].t);
        free(supd[e][1].t);
    }
    for (int p = 0; p < SNAPW_PARTS; p++)
        jw_free(&prev[p]);
    jw_free(&x);
    jw_free(&doc);
    serve_close(&sv);
    zmq_ctx_term(zctx);
    snap_free(&w.s);
    return 0;
}
