/* synth_chain.c - the synthetic market's options chain and pool range (see
 * synth_chain.h; the model is documented in invtop/synth.h). */
#include "feed/synth_chain.h"

#include <assert.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "invtop/bs.h"
#include "invtop/event.h"

#define SECONDS_PER_DAY 86400.0
/* Venues settle crypto options at 08:00 UTC. */
#define SETTLE_S (8 * 3600.0)
#define N_EXPIRIES (sizeof expiry_days / sizeof *expiry_days)
#define N_RIGHTS 2

static const double expiry_days[] = {1, 7, 30, 90};
static const char rights[N_RIGHTS] = {'C', 'P'};

/* Per underlying: strikes are SYNTH_OPT_STRIKES levels `step` apart around
 * the start price rounded to `round_to`; ticks and lots as on a venue. */
static const struct {
    const char *name;
    double step, round_to, tick, lot, atm_vol;
} slots[SYNTH_CHAIN_SLOTS] = {
    {"BTC", 5000, 1000, 0.5, 0.1, SYNTH_OPT_ATM_BTC},
    {"ETH", 300, 100, 0.05, 1, SYNTH_OPT_ATM_ETH},
};

/* Vol level multiplier per scenario (synth_scenario order): a crash is a
 * high-vol regime from its first second. */
static const double scenario_vol[] = {1.0, 1.1, 1.5};

typedef struct {
    char sym[EVENT_SYM_MAX];
    size_t slot;
    double strike, expiry; /* expiry in epoch seconds */
    char right;
    position pos;
    bool two_sided;        /* its last px had a bid and an ask: bid/ask/S hold it */
    double bid, ask, S;
} copt;

typedef struct {
    bool present;
    double x;         /* log of the ATM level over its base */
    double prev_logp; /* the underlying at the last step */
} cslot;

struct synth_chain {
    synth_chain_cfg cfg;
    gsl_rng *rng;
    copt *opt;
    size_t nopt;
    bool has_lp;
    char lp_sym[EVENT_SYM_MAX];
    double lp_lower, lp_upper;
    position lp_pos;
    cslot slot[SYNTH_CHAIN_SLOTS];
    double next_px, next_fill;
    size_t rr;
};

int synth_chain_slot_of(const char *name)
{
    for (int k = 0; k < SYNTH_CHAIN_SLOTS; k++)
        if (strcmp(slots[k].name, name) == 0)
            return k;
    return -1;
}

/* The first 08:00 UTC at or after `at`: expiries fall where venues put them. */
static double settle_after(double at)
{
    return ceil((at - SETTLE_S) / SECONDS_PER_DAY) * SECONDS_PER_DAY + SETTLE_S;
}

/* Deribit's spelling, BTC-27DEC24-65000-C, which traders read at a glance. */
static void option_symbol(char *dst, size_t cap, const char *und, double expiry, double strike, char right)
{
    static const char *const months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                         "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    time_t tt = (time_t)expiry;
    struct tm tm;
    gmtime_r(&tt, &tm);
    snprintf(dst, cap, "%s-%d%s%02d-%.0f-%c", und, tm.tm_mday, months[tm.tm_mon], tm.tm_year % 100, strike,
             right);
}

static double round_to(double x, double unit)
{
    return round(x / unit) * unit;
}

/* The pool's liquidity L for `value` USD at price P in [lower, upper]:
 * value = x P + y with x = L (1/sqrt P - 1/sqrt upper), y = L (sqrt P -
 * sqrt lower), the Uniswap v3 holdings of a range. */
static double lp_liquidity(double value, double P, double lower, double upper)
{
    assert(lower < P && P < upper);
    return value / (P * (1 / sqrt(P) - 1 / sqrt(upper)) + sqrt(P) - sqrt(lower));
}

static void setup_options(synth_chain *c)
{
    size_t n = 0;
    for (size_t k = 0; k < SYNTH_CHAIN_SLOTS; k++) {
        if (!c->slot[k].present)
            continue;
        double center = round_to(c->cfg.p0[k], slots[k].round_to);
        for (size_t e = 0; e < N_EXPIRIES; e++) {
            double expiry = settle_after(c->cfg.start_ts + expiry_days[e] * SECONDS_PER_DAY);
            for (int s = 0; s < SYNTH_OPT_STRIKES; s++) {
                double strike = center + (s - SYNTH_OPT_STRIKES / 2) * slots[k].step;
                for (size_t r = 0; r < N_RIGHTS; r++) {
                    copt *o = &c->opt[n++];
                    o->slot = k;
                    o->strike = strike;
                    o->expiry = expiry;
                    o->right = rights[r];
                    option_symbol(o->sym, sizeof o->sym, slots[k].name, expiry, strike, rights[r]);
                }
            }
        }
    }
    assert(n == c->nopt);
}

/* The ETH range: bounds 18% either side of the start price, L for the value. */
static void setup_lp(synth_chain *c)
{
    const int k = 1;
    double P = c->cfg.p0[k];
    c->lp_lower = round_to(P * (1 - SYNTH_LP_HALF_WIDTH), slots[k].round_to);
    c->lp_upper = round_to(P * (1 + SYNTH_LP_HALF_WIDTH), slots[k].round_to);
    snprintf(c->lp_sym, sizeof c->lp_sym, "%s-USDC-LP", slots[k].name);
    c->lp_pos.qty = round(lp_liquidity(SYNTH_LP_VALUE_USD, P, c->lp_lower, c->lp_upper));
    c->lp_pos.avg_px = P; /* the pool price at deposit */
}

synth_chain *synth_chain_new(const synth_chain_cfg *cfg)
{
    assert((unsigned)cfg->scenario < sizeof scenario_vol / sizeof *scenario_vol);
    synth_chain *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->cfg = *cfg;
    size_t present = 0;
    for (size_t k = 0; k < SYNTH_CHAIN_SLOTS; k++) {
        c->slot[k].present = cfg->und[k] >= 0;
        if (c->slot[k].present) {
            assert(cfg->p0[k] > 0);
            c->slot[k].prev_logp = log(cfg->p0[k]);
            present++;
        }
    }
    c->nopt = present * N_EXPIRIES * SYNTH_OPT_STRIKES * N_RIGHTS;
    c->has_lp = c->slot[1].present;
    c->rng = gsl_rng_alloc(gsl_rng_mt19937);
    c->opt = calloc(c->nopt ? c->nopt : 1, sizeof *c->opt);
    if (!c->rng || !c->opt) {
        synth_chain_free(c);
        return NULL;
    }
    /* its own stream: the delta-one market draws what it drew without a chain */
    gsl_rng_set(c->rng, cfg->seed ^ 0x9e3779b9UL);
    setup_options(c);
    if (c->has_lp)
        setup_lp(c);
    c->next_px = SYNTH_OPT_PX_EVERY_S;
    c->next_fill = gsl_ran_exponential(c->rng, SYNTH_OPT_FILL_EVERY_S);
    return c;
}

void synth_chain_free(synth_chain *c)
{
    if (!c)
        return;
    if (c->rng)
        gsl_rng_free(c->rng);
    free(c->opt);
    free(c);
}

size_t synth_chain_count(const synth_chain *c)
{
    return c->nopt + (c->has_lp ? 1 : 0);
}

const char *synth_chain_symbol(const synth_chain *c, size_t j)
{
    if (j < c->nopt)
        return c->opt[j].sym;
    return j == c->nopt && c->has_lp ? c->lp_sym : NULL;
}

size_t synth_chain_slot(const synth_chain *c, size_t j)
{
    assert(j < synth_chain_count(c));
    return j < c->nopt ? c->opt[j].slot : 1;
}

position *synth_chain_position(synth_chain *c, size_t j)
{
    assert(j < synth_chain_count(c));
    return j < c->nopt ? &c->opt[j].pos : &c->lp_pos;
}

void synth_chain_step(synth_chain *c, size_t k, double logp, double dt)
{
    assert(k < SYNTH_CHAIN_SLOTS && dt > 0);
    cslot *sl = &c->slot[k];
    if (!sl->present)
        return;
    double r = logp - sl->prev_logp;
    sl->prev_logp = logp;
    double z = gsl_ran_gaussian_ziggurat(c->rng, 1.0);
    sl->x += -SYNTH_OPT_VOL_KAPPA * sl->x * dt + SYNTH_OPT_SPOT_VOL_BETA * r +
             SYNTH_OPT_VOL_OF_VOL * sqrt(dt) * z;
    /* a long crash would otherwise walk the level out of any venue's range */
    sl->x = fmin(fmax(sl->x, -1.0), 1.0);
}

static double years_left(const copt *o, double now_ts)
{
    return (o->expiry - now_ts) / BS_SECONDS_PER_YEAR;
}

/* The smile of synth.h at strike K, T years, the underlying at S. */
static double smile_iv(const synth_chain *c, const copt *o, double S, double T)
{
    double level = slots[o->slot].atm_vol * scenario_vol[c->cfg.scenario] * exp(c->slot[o->slot].x);
    double atm = level * (SYNTH_OPT_TERM_LONG + (1 - SYNTH_OPT_TERM_LONG) * exp(-T / SYNTH_OPT_TERM_TAU_Y));
    double m = log(o->strike / S) / sqrt(fmax(T, SYNTH_OPT_SMILE_T_FLOOR_Y));
    double f = fmin(fmax(1 + SYNTH_OPT_SKEW * m + SYNTH_OPT_CURVATURE * m * m, 0.5), 3.0);
    return fmin(fmax(atm * f, SYNTH_OPT_IV_MIN), SYNTH_OPT_IV_MAX);
}

size_t synth_chain_px_due(synth_chain *c, double t, size_t *out, size_t cap)
{
    size_t n = 0;
    double now_ts = c->cfg.start_ts + t;
    while (c->next_px <= t && n < cap && c->nopt > 0) {
        c->next_px += SYNTH_OPT_PX_EVERY_S;
        for (size_t probe = 0; probe < c->nopt; probe++) {
            size_t j = c->rr++ % c->nopt;
            if (years_left(&c->opt[j], now_ts) > 0) {
                out[n++] = j;
                break;
            }
        }
    }
    if (c->next_px <= t) /* simulated time jumped (a huge dt): no backlog to replay */
        c->next_px = t + SYNTH_OPT_PX_EVERY_S;
    return n;
}

bool synth_chain_fill_due(synth_chain *c, double t, synth_chain_fill *f)
{
    while (c->nopt > 0 && c->next_fill <= t) {
        c->next_fill += gsl_ran_exponential(c->rng, SYNTH_OPT_FILL_EVERY_S);
        size_t j = gsl_rng_uniform_int(c->rng, c->nopt);
        bool buy = gsl_rng_uniform(c->rng) < 0.5;
        unsigned lots = 1 + (unsigned)gsl_rng_uniform_int(c->rng, SYNTH_OPT_FILL_MAX_LOTS);
        const copt *o = &c->opt[j];
        if (!o->two_sided || years_left(o, c->cfg.start_ts + t) <= 0)
            continue;
        double qty = slots[o->slot].lot * lots, px = buy ? o->bid : o->ask;
        /* Deribit's rule: 0.03% of the underlying, at most 12.5% of the premium */
        double fee = fmin(SYNTH_OPT_FEE_RATE * o->S, 0.125 * px) * qty;
        *f = (synth_chain_fill){j, buy ? qty : -qty, px, fee};
        return true;
    }
    return false;
}

void synth_chain_inst(const synth_chain *c, size_t j, jw *body)
{
    assert(j < synth_chain_count(c));
    if (j == c->nopt) {
        jw_kstr(body, "kind", "lp");
        jw_kstr(body, "underlying", slots[1].name);
        jw_knum(body, "lower", c->lp_lower);
        jw_knum(body, "upper", c->lp_upper);
        return;
    }
    const copt *o = &c->opt[j];
    jw_kstr(body, "kind", "option");
    jw_kstr(body, "underlying", slots[o->slot].name);
    jw_knum(body, "strike", o->strike);
    jw_knum(body, "expiry", o->expiry);
    char right[2] = {o->right, '\0'};
    jw_kstr(body, "right", right);
    jw_knum(body, "mult", 1);
    jw_knum(body, "tick", slots[o->slot].tick);
    jw_knum(body, "lot", slots[o->slot].lot);
}

void synth_chain_px(synth_chain *c, size_t j, double S, double now_ts, jw *body)
{
    assert(j < c->nopt && S > 0);
    copt *o = &c->opt[j];
    double T = years_left(o, now_ts), tick = slots[o->slot].tick;
    assert(T > 0);
    double iv = smile_iv(c, o, S, T);
    /* the wire has no zero price, and an out-of-the-money option's value
     * underflows to zero in its last minutes */
    double mid = fmax(bs_price(S, o->strike, T, 0, iv, o->right), SYNTH_OPT_MIN_MARK);
    double lo = bs_price(S, o->strike, T, 0, iv - SYNTH_OPT_HALF_SPREAD_VOL, o->right);
    double hi = bs_price(S, o->strike, T, 0, iv + SYNTH_OPT_HALF_SPREAD_VOL, o->right);
    double bid = floor(lo / tick) * tick, ask = fmax(ceil(hi / tick) * tick, bid + tick);
    /* A wing worth under a tick to a buyer has no bid on a venue, and the
     * wire has no one-sided quote: its mark alone goes out, and it is not
     * traded until it is worth a bid again. */
    o->two_sided = bid >= tick;
    o->bid = bid;
    o->ask = ask;
    o->S = S;
    if (o->two_sided) {
        jw_knum(body, "bid", bid);
        jw_knum(body, "ask", ask);
    }
    jw_knum(body, "mid", mid);
    jw_knum(body, "iv", iv);
}
