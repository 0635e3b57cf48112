/* synth.c - synthetic market (see synth.h). */
#include "invtop/synth.h"

#include <assert.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed/synth_chain.h"
#include "invtop/event.h"
#include "invtop/position.h"

#define SECONDS_PER_HOUR 3600.0
/* Underlyings move jointly on this simulated-time grid. */
#define GRID_S 0.05
/* The market's own quoted half spread around the underlying, in bps. */
#define MARKET_HALF_SPREAD_BPS 1.0

typedef struct {
    double sigma_h, mu_h;    /* per hour, for the lead underlying */
    double jumps_h;          /* jump arrivals per hour */
    double jump_mean, jump_sd;
    double rho;              /* pairwise correlation */
} scenario_params;

static const scenario_params scenarios[] = {
    [SYNTH_CALM] = {0.010, 0.00, 0.5, 0.0, 0.005, 0.7},
    [SYNTH_TREND] = {0.012, 0.03, 1.0, 0.002, 0.008, 0.7},
    [SYNTH_CRASH] = {0.030, -0.15, 20.0, -0.01, 0.02, 0.9},
};

static const struct {
    const char *name;
    double price, vol_mult;
} known_underlyings[] = {
    {"BTC", 65000, 1.0}, {"ETH", 3400, 1.2}, {"SOL", 150, 1.6}, {"BNB", 580, 1.3},
    {"XRP", 0.62, 1.5},  {"ADA", 0.45, 1.5}, {"AVAX", 28, 1.7}, {"LINK", 14, 1.6},
};
#define N_KNOWN (sizeof known_underlyings / sizeof *known_underlyings)

typedef struct {
    char name[16];
    double logp, sigma_s, mu_s;
} underlying;

typedef struct {
    char sym[EVENT_SYM_MAX];
    size_t und;
    inst_kind kind;
    double basis; /* log premium over the underlying */
    double tick, lot;
    position pos;
    double last_fill_check;
    bool external;           /* quoted by an external engine (synth_set_quote) */
    double ext_bid, ext_ask; /* its quotes; NAN for a withdrawn side */
    double quoted_mid;       /* of its last px message; 0 before the first */
} sinst;

typedef enum { PEND_INST, PEND_POS, PEND_PX, PEND_FILL } pend_kind;

/* idx: an instrument, its chain's (options, pool) numbered from ninst on */
typedef struct {
    pend_kind kind;
    size_t idx;
    double qty, px, fee;
} pending;

struct synth {
    synth_opts o;
    scenario_params sc;
    gsl_rng *rng;
    gsl_matrix *chol; /* lower Cholesky factor of the correlation matrix */
    double *z;        /* scratch normals */
    underlying *und;
    size_t nund;
    sinst *inst;
    size_t ninst;
    pending *queue;   /* ring */
    size_t qcap, qhead, qlen;
    double t, t_grid, next_inst, next_pos;
    size_t rr;
    long long seq;
    synth_chain *chain;                  /* NULL without opts.options */
    size_t nchain;                       /* its instruments */
    int chain_und[SYNTH_CHAIN_SLOTS];    /* underlying of each chain slot, -1 absent */
    size_t chain_ref[SYNTH_CHAIN_SLOTS]; /* the instrument whose mid prices its options */
    size_t *due;                         /* scratch: options whose px is due */
};

void synth_default_opts(synth_opts *o)
{
    memset(o, 0, sizeof *o);
    o->instruments = 8;
    o->seed = 1;
    o->scenario = SYNTH_CALM;
    o->dt = 0.001;
    o->half_spread_bps = 5;
    o->fill_a = 2.0;
    o->fill_k = 0.3;
    o->inst_every_s = 2;
    o->pos_every_s = 3;
    o->src = "invtop-feed";
}

int synth_parse_scenario(const char *name, synth_scenario *out)
{
    static const char *const names[] = {"calm", "trend", "crash"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (synth_scenario)i;
            return 0;
        }
    return -1;
}

static double pow10_floor(double x)
{
    return pow(10, floor(log10(x)));
}

static void setup_underlyings(synth *s)
{
    for (size_t u = 0; u < s->nund; u++) {
        underlying *d = &s->und[u];
        double price = 100, vm = 1.5;
        if (u < N_KNOWN) {
            snprintf(d->name, sizeof d->name, "%s", known_underlyings[u].name);
            price = known_underlyings[u].price;
            vm = known_underlyings[u].vol_mult;
        } else {
            snprintf(d->name, sizeof d->name, "U%u", (unsigned)((u + 1) % 100000));
        }
        d->logp = log(price);
        d->sigma_s = s->sc.sigma_h * vm / sqrt(SECONDS_PER_HOUR);
        d->mu_s = s->sc.mu_h / SECONDS_PER_HOUR;
    }
}

static void setup_instruments(synth *s)
{
    static const char *const suffix[] = {"PERP", "USD", "FUT"};
    static const inst_kind kinds[] = {INST_PERP, INST_SPOT, INST_FUTURE};
    static const double basis[] = {0.0002, 0.0, 0.002};
    for (size_t i = 0; i < s->ninst; i++) {
        sinst *in = &s->inst[i];
        size_t u = i % s->nund, variant = i / s->nund;
        in->und = u;
        in->kind = kinds[variant % 3];
        in->basis = basis[variant % 3] * (double)(1 + variant / 3);
        if (variant < 3)
            snprintf(in->sym, sizeof in->sym, "%s-%s", s->und[u].name, suffix[variant]);
        else
            snprintf(in->sym, sizeof in->sym, "%s-%s%u", s->und[u].name, suffix[variant % 3],
                     (unsigned)((variant / 3 + 1) % 100000));
        double price = exp(s->und[u].logp);
        in->tick = pow10_floor(price) * 1e-5;
        in->lot = pow(10, round(log10(1000.0 / price)));
        in->last_fill_check = 0;
    }
}

static int setup_correlation(synth *s)
{
    size_t n = s->nund;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            gsl_matrix_set(s->chol, i, j, i == j ? 1.0 : s->sc.rho);
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int rc = gsl_linalg_cholesky_decomp1(s->chol);
    gsl_set_error_handler(old);
    if (rc != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            gsl_matrix_set(s->chol, i, j, 0.0); /* keep only L */
    return 0;
}

/* The chain on BTC and ETH where they are underlyings, each priced off its
 * spot instrument (the index a venue marks options from), else its perp. */
static int setup_chain(synth *s)
{
    synth_chain_cfg cfg = {s->o.seed, s->o.scenario, s->o.start_ts, {-1, -1}, {0, 0}};
    for (size_t u = 0; u < s->nund; u++) {
        int k = synth_chain_slot_of(s->und[u].name);
        if (k >= 0 && cfg.und[k] < 0) {
            cfg.und[k] = (int)u;
            cfg.p0[k] = exp(s->und[u].logp);
        }
    }
    for (size_t k = 0; k < SYNTH_CHAIN_SLOTS; k++) {
        s->chain_und[k] = cfg.und[k];
        s->chain_ref[k] = cfg.und[k] >= 0 ? (size_t)cfg.und[k] : 0; /* variant 0, the perp */
        for (size_t i = 0; cfg.und[k] >= 0 && i < s->ninst; i++)
            if (s->inst[i].und == (size_t)cfg.und[k] && s->inst[i].kind == INST_SPOT) {
                s->chain_ref[k] = i;
                break;
            }
    }
    s->chain = synth_chain_new(&cfg);
    if (!s->chain)
        return -1;
    s->nchain = synth_chain_count(s->chain);
    s->due = calloc(s->nchain ? s->nchain : 1, sizeof *s->due);
    return s->due ? 0 : -1;
}

synth *synth_new(const synth_opts *o)
{
    if (o->instruments == 0 || o->instruments > 100000 || !(o->dt > 0) ||
        (unsigned)o->scenario > SYNTH_CRASH || !(o->half_spread_bps >= 0) || !(o->fill_a >= 0) ||
        !(o->fill_k >= 0) || !(o->inst_every_s > 0) || !(o->pos_every_s > 0))
        return NULL;
    synth *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->o = *o;
    s->sc = scenarios[o->scenario];
    s->nund = o->underlyings ? o->underlyings : (o->instruments + 2) / 3;
    if (s->nund > N_KNOWN && !o->underlyings)
        s->nund = N_KNOWN;
    if (s->nund > o->instruments)
        s->nund = o->instruments;
    s->ninst = o->instruments;
    s->rng = gsl_rng_alloc(gsl_rng_mt19937);
    s->chol = gsl_matrix_alloc(s->nund, s->nund);
    s->z = calloc(s->nund, sizeof *s->z);
    s->und = calloc(s->nund, sizeof *s->und);
    s->inst = calloc(s->ninst, sizeof *s->inst);
    if (!s->rng || !s->chol || !s->z || !s->und || !s->inst) {
        synth_free(s);
        return NULL;
    }
    gsl_rng_set(s->rng, o->seed);
    setup_underlyings(s);
    setup_instruments(s);
    if (setup_correlation(s) != 0 || (o->options && setup_chain(s) != 0)) {
        synth_free(s);
        return NULL;
    }
    /* room for a full inst and pos refresh, a price and its fills (and the
     * chain's share): advance() refills the queue only once it is empty */
    s->qcap = 4 * s->ninst + 64 + (s->chain ? 3 * s->nchain + 64 : 0);
    s->queue = calloc(s->qcap, sizeof *s->queue);
    if (!s->queue) {
        synth_free(s);
        return NULL;
    }
    return s;
}

void synth_free(synth *s)
{
    if (!s)
        return;
    if (s->rng)
        gsl_rng_free(s->rng);
    if (s->chol)
        gsl_matrix_free(s->chol);
    free(s->z);
    free(s->und);
    free(s->inst);
    free(s->queue);
    synth_chain_free(s->chain);
    free(s->due);
    free(s);
}

double synth_time(const synth *s)
{
    return s->t;
}

size_t synth_count(const synth *s)
{
    return s->ninst + s->nchain;
}

const char *synth_symbol(const synth *s, size_t i)
{
    if (i < s->ninst)
        return s->inst[i].sym;
    return s->chain ? synth_chain_symbol(s->chain, i - s->ninst) : NULL;
}

int synth_set_quote(synth *s, const char *sym, double bid, double ask)
{
    bool bid_ok = isnan(bid) || (bid > 0 && isfinite(bid));
    bool ask_ok = isnan(ask) || (ask > 0 && isfinite(ask));
    if (!bid_ok || !ask_ok || (!isnan(bid) && !isnan(ask) && !(ask > bid)))
        return -1;
    for (size_t i = 0; i < s->ninst; i++)
        if (strcmp(s->inst[i].sym, sym) == 0) {
            s->inst[i].ext_bid = bid;
            s->inst[i].ext_ask = ask;
            s->inst[i].external = true;
            return 0;
        }
    return -1;
}

/* One joint step of all underlyings over dt seconds. */
static void step_underlyings(synth *s, double dt)
{
    for (size_t u = 0; u < s->nund; u++)
        s->z[u] = gsl_ran_gaussian_ziggurat(s->rng, 1.0);
    double jump_p = s->sc.jumps_h / SECONDS_PER_HOUR * dt;
    for (size_t u = 0; u < s->nund; u++) {
        double w = 0;
        for (size_t j = 0; j <= u; j++)
            w += gsl_matrix_get(s->chol, u, j) * s->z[j];
        underlying *d = &s->und[u];
        d->logp += (d->mu_s - 0.5 * d->sigma_s * d->sigma_s) * dt + d->sigma_s * sqrt(dt) * w;
        if (gsl_rng_uniform(s->rng) < jump_p)
            d->logp += s->sc.jump_mean + s->sc.jump_sd * gsl_ran_gaussian_ziggurat(s->rng, 1.0);
    }
}

static double inst_mid(const synth *s, const sinst *in)
{
    return exp(s->und[in->und].logp + in->basis);
}

/* The market's own quotes around mid, on the tick: its px message's. */
static void market_touch(const sinst *in, double mid, double *bid, double *ask)
{
    double hs = MARKET_HALF_SPREAD_BPS * 1e-4 * mid;
    *bid = floor((mid - hs) / in->tick) * in->tick;
    *ask = ceil((mid + hs) / in->tick) * in->tick;
}

int synth_touch(const synth *s, const char *sym, double *bid, double *ask)
{
    for (size_t i = 0; i < s->ninst; i++)
        if (strcmp(s->inst[i].sym, sym) == 0) {
            market_touch(&s->inst[i], inst_mid(s, &s->inst[i]), bid, ask);
            return 0;
        }
    for (size_t j = 0; j < s->nchain; j++)
        if (strcmp(synth_chain_symbol(s->chain, j), sym) == 0)
            return 1;
    return -1;
}

static void push(synth *s, pending p)
{
    if (s->qlen == s->qcap)
        return; /* cannot happen: qcap covers a full refresh plus fills */
    s->queue[(s->qhead + s->qlen++) % s->qcap] = p;
}

/* Fills on one side over `elapsed` seconds for a quote `dist_bps` away. */
static void side_fills(synth *s, size_t i, double elapsed, double dist_bps, double px,
                       double sign)
{
    const sinst *in = &s->inst[i];
    double lambda = s->o.fill_a * exp(-s->o.fill_k * fmax(dist_bps, 0));
    unsigned n = gsl_ran_poisson(s->rng, lambda * elapsed);
    for (unsigned k = 0; k < n && s->qlen + 1 < s->qcap; k++) {
        double qty = in->lot * (double)(1 + gsl_rng_uniform_int(s->rng, 3));
        pending p = {PEND_FILL, i, sign * qty, px, 0.5e-4 * qty * px};
        push(s, p);
    }
}

static void check_fills(synth *s, size_t i)
{
    sinst *in = &s->inst[i];
    double elapsed = s->t - in->last_fill_check, mid = inst_mid(s, in);
    in->last_fill_check = s->t;
    double bid, ask;
    if (in->external) {
        bid = in->ext_bid;
        ask = in->ext_ask;
    } else {
        bid = floor(mid * (1 - s->o.half_spread_bps * 1e-4) / in->tick) * in->tick;
        ask = ceil(mid * (1 + s->o.half_spread_bps * 1e-4) / in->tick) * in->tick;
    }
    if (!isnan(bid))
        side_fills(s, i, elapsed, (mid - bid) / mid * 1e4, bid, +1);
    if (!isnan(ask))
        side_fills(s, i, elapsed, (ask - mid) / mid * 1e4, ask, -1);
}

/* The chain's vol levels step on the underlyings' grid, each seeing its
 * underlying's return over the step. */
static void step_chain(synth *s)
{
    for (size_t k = 0; k < SYNTH_CHAIN_SLOTS; k++)
        if (s->chain_und[k] >= 0)
            synth_chain_step(s->chain, k, s->und[s->chain_und[k]].logp, GRID_S);
}

/* The chain's share of one advance: the option prices and desk fills due.
 * Its fills take what room the queue has left; one deferred stays due. */
static void chain_due(synth *s)
{
    size_t n = synth_chain_px_due(s->chain, s->t, s->due, s->nchain);
    for (size_t k = 0; k < n; k++)
        push(s, (pending){PEND_PX, s->ninst + s->due[k], 0, 0, 0});
    synth_chain_fill f;
    while (s->qlen + 1 < s->qcap && synth_chain_fill_due(s->chain, s->t, &f))
        push(s, (pending){PEND_FILL, s->ninst + f.j, f.qty, f.px, f.fee});
}

static void advance(synth *s)
{
    s->t += s->o.dt;
    while (s->t_grid + GRID_S <= s->t) {
        step_underlyings(s, GRID_S);
        if (s->chain)
            step_chain(s);
        s->t_grid += GRID_S;
    }
    size_t all = s->ninst + s->nchain;
    if (s->t >= s->next_inst) {
        for (size_t i = 0; i < all; i++)
            push(s, (pending){PEND_INST, i, 0, 0, 0});
        s->next_inst += s->o.inst_every_s;
    }
    if (s->t >= s->next_pos) {
        for (size_t i = 0; i < all; i++)
            push(s, (pending){PEND_POS, i, 0, 0, 0});
        s->next_pos += s->o.pos_every_s;
    }
    size_t i = s->rr++ % s->ninst;
    push(s, (pending){PEND_PX, i, 0, 0, 0});
    check_fills(s, i);
    if (s->chain)
        chain_due(s);
}

static void common_fields(synth *s, jw *body, const char *sym)
{
    jw_kstr(body, "sym", sym);
    jw_kfixed(body, "ts", s->o.start_ts + s->t, 6);
    jw_kint(body, "seq", ++s->seq);
    jw_kstr(body, "src", s->o.src);
}

static void render_pos(jw *body, const position *pos)
{
    jw_knum(body, "qty", pos->qty);
    if (pos->qty != 0)
        jw_knum(body, "avg_px", pos->avg_px);
}

/* A fill is booked as it goes out, so pos snapshots agree with the fills sent. */
static void render_fill(jw *body, position *pos, const pending *p)
{
    position_fill(pos, p->qty, p->px, p->fee, 1, false);
    jw_kstr(body, "side", p->qty > 0 ? "buy" : "sell");
    jw_knum(body, "qty", fabs(p->qty));
    jw_knum(body, "px", p->px);
    jw_knum(body, "fee", p->fee);
}

/* The underlying's price for slot k's options: its reference instrument's
 * last quoted mid, what a reader of the stream saw last. */
static double chain_spot(const synth *s, size_t k)
{
    const sinst *ref = &s->inst[s->chain_ref[k]];
    return ref->quoted_mid > 0 ? ref->quoted_mid : inst_mid(s, ref);
}

static void render_chain(synth *s, const pending *p, jw *body)
{
    size_t j = p->idx - s->ninst;
    switch (p->kind) {
    case PEND_INST:
        synth_chain_inst(s->chain, j, body);
        break;
    case PEND_POS:
        render_pos(body, synth_chain_position(s->chain, j));
        break;
    case PEND_PX:
        synth_chain_px(s->chain, j, chain_spot(s, synth_chain_slot(s->chain, j)), s->o.start_ts + s->t, body);
        break;
    case PEND_FILL:
        render_fill(body, synth_chain_position(s->chain, j), p);
        break;
    }
}

static void render(synth *s, const pending *p, jw *topic, jw *body)
{
    static const char *const kind_topic[] = {"inst", "pos", "px", "fill"};
    static const char *const kind_name[] = {"spot", "perp", "future", "option"};
    assert(p->idx < s->ninst + s->nchain);
    const char *sym = synth_symbol(s, p->idx);
    char t[EVENT_SYM_MAX + 8];
    int n = snprintf(t, sizeof t, "%s.%s", kind_topic[p->kind], sym);
    jw_append(topic, t, (size_t)n);
    jw_obj_begin(body);
    common_fields(s, body, sym);
    if (p->idx >= s->ninst) {
        render_chain(s, p, body);
        jw_obj_end(body);
        return;
    }
    sinst *in = &s->inst[p->idx];
    double mid = inst_mid(s, in);
    switch (p->kind) {
    case PEND_INST:
        jw_kstr(body, "kind", kind_name[in->kind]);
        jw_kstr(body, "underlying", s->und[in->und].name);
        jw_knum(body, "mult", 1);
        jw_knum(body, "tick", in->tick);
        jw_knum(body, "lot", in->lot);
        break;
    case PEND_POS:
        render_pos(body, &in->pos);
        break;
    case PEND_PX: {
        double bid, ask;
        market_touch(in, mid, &bid, &ask);
        in->quoted_mid = 0.5 * (bid + ask); /* as a decoder reads it */
        jw_knum(body, "bid", bid);
        jw_knum(body, "ask", ask);
        break;
    }
    case PEND_FILL:
        render_fill(body, &in->pos, p);
        break;
    }
    jw_obj_end(body);
}

int synth_next(synth *s, jw *topic, jw *body)
{
    jw_reset(topic);
    jw_reset(body);
    if (s->qlen == 0)
        advance(s);
    pending p = s->queue[s->qhead];
    s->qhead = (s->qhead + 1) % s->qcap;
    s->qlen--;
    render(s, &p, topic, body);
    return jw_ok(topic) && jw_ok(body) ? 0 : -1;
}
