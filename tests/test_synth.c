/* test_synth.c - the synthetic market: reproducible, valid on the wire, and
 * statistically what it claims (fill intensity A*exp(-k*delta), GBM vol);
 * with options, a chain priced by Black-Scholes at the iv it carries, desk
 * fills at its quotes, and a pool range (synth.h). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/bs.h"
#include "invtop/jsonr.h"
#include "invtop/synth.h"
#include "invtop/wire.h"

static void same_seed_same_market(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    synth *a = synth_new(&o), *b = synth_new(&o);
    o.seed = 2;
    synth *c = synth_new(&o);
    jw ta = {0}, ba = {0}, tb = {0}, bb = {0};
    int differ_c = 0;
    for (int i = 0; i < 20000; i++) {
        assert_int_equal(synth_next(a, &ta, &ba), 0);
        assert_int_equal(synth_next(b, &tb, &bb), 0);
        assert_string_equal(ta.buf, tb.buf);
        assert_string_equal(ba.buf, bb.buf);
        assert_int_equal(synth_next(c, &tb, &bb), 0);
        differ_c |= strcmp(ba.buf, bb.buf) != 0;
    }
    assert_true(differ_c);
    jw_free(&ta); jw_free(&ba); jw_free(&tb); jw_free(&bb);
    synth_free(a); synth_free(b); synth_free(c);
}

static void every_message_decodes(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    o.instruments = 12;
    o.scenario = SYNTH_CRASH;
    o.start_ts = 1700000000;
    synth *s = synth_new(&o);
    assert_non_null(s);
    jw t = {0}, b = {0};
    int64_t last_seq = 0;
    int kinds[4] = {0};
    for (int i = 0; i < 50000; i++) {
        assert_int_equal(synth_next(s, &t, &b), 0);
        event ev;
        wire_status st = wire_decode(t.buf, t.len, b.buf, b.len, &ev);
        if (st != WIRE_OK)
            fail_msg("message %d rejected (%s): %s %s", i, wire_status_name(st), t.buf, b.buf);
        assert_true(ev.has_seq && ev.seq == last_seq + 1);
        last_seq = ev.seq;
        kinds[ev.kind]++;
    }
    for (int k = 0; k < 4; k++)
        assert_true(kinds[k] > 0);
    assert_int_equal(synth_count(s), 12);
    assert_string_equal(synth_symbol(s, 0), "BTC-PERP");
    assert_null(synth_symbol(s, 12));
    jw_free(&t); jw_free(&b);
    synth_free(s);
}

/* Fills per side per second must match A*exp(-k*delta) for the 5 bp quotes:
 * a Poisson count, so within 4 standard deviations. */
static void fill_intensity_matches_model(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    o.instruments = 1;
    o.dt = 0.05;
    synth *s = synth_new(&o);
    jw t = {0}, b = {0};
    double buys = 0, sells = 0;
    double last_mid = NAN, sum_sq = 0;
    long n_ret = 0;
    while (synth_time(s) < 20000) {
        assert_int_equal(synth_next(s, &t, &b), 0);
        event ev;
        assert_int_equal(wire_decode(t.buf, t.len, b.buf, b.len, &ev), WIRE_OK);
        if (ev.kind == EVENT_FILL)
            *(ev.u.fill.qty > 0 ? &buys : &sells) += 1;
        /* sample the mid once per simulated second for the volatility check */
        if (ev.kind == EVENT_PX && fmod(synth_time(s) + 1e-9, 1.0) < o.dt * 0.5) {
            if (!isnan(last_mid)) {
                double r = log(ev.u.px.mid / last_mid);
                sum_sq += r * r;
                n_ret++;
            }
            last_mid = ev.u.px.mid;
        }
    }
    double expected = o.fill_a * exp(-o.fill_k * o.half_spread_bps) * synth_time(s);
    double tol = 4 * sqrt(expected);
    if (fabs(buys - expected) > tol || fabs(sells - expected) > tol)
        fail_msg("fills buy %.0f sell %.0f, expected %.1f +- %.1f", buys, sells, expected, tol);
    /* calm BTC: 1%/sqrt(hour) diffusion plus 0.5 jumps/hour of sd 0.5% */
    double var_s = pow(0.01, 2) / 3600 + 0.5 / 3600 * pow(0.005, 2);
    double realized = sqrt(sum_sq / (double)n_ret);
    if (fabs(realized / sqrt(var_s) - 1) > 0.10)
        fail_msg("realized 1s vol %.3g, expected %.3g", realized, sqrt(var_s));
    jw_free(&t); jw_free(&b);
    synth_free(s);
}

static void external_quotes_and_bad_options(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    synth *s = synth_new(&o);
    assert_int_equal(synth_set_quote(s, "BTC-PERP", 60000, 70000), 0);
    assert_int_equal(synth_set_quote(s, "NOPE", 1, 2), -1);
    assert_int_equal(synth_set_quote(s, "BTC-PERP", 2, 1), -1);
    assert_int_equal(synth_set_quote(s, "BTC-PERP", NAN, 1), 0); /* bid withdrawn */
    assert_int_equal(synth_set_quote(s, "BTC-PERP", -5, 1), -1);
    assert_int_equal(synth_set_quote(s, "BTC-PERP", 1, INFINITY), -1);
    synth_free(s);
    synth_scenario sc;
    assert_int_equal(synth_parse_scenario("crash", &sc), 0);
    assert_int_equal(sc, SYNTH_CRASH);
    assert_int_equal(synth_parse_scenario("boom", &sc), -1);
    o.instruments = 0;
    assert_null(synth_new(&o));
    synth_default_opts(&o);
    o.dt = 0;
    assert_null(synth_new(&o));
}

/* FNV-1a over topic, body and a separator per message. */
static uint64_t fnv1a(uint64_t h, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t stream_hash(const synth_opts *o, int n)
{
    synth *s = synth_new(o);
    assert_non_null(s);
    jw t = {0}, b = {0};
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++) {
        assert_int_equal(synth_next(s, &t, &b), 0);
        h = fnv1a(fnv1a(fnv1a(fnv1a(h, t.buf, t.len), "\n", 1), b.buf, b.len), "\n", 1);
    }
    jw_free(&t); jw_free(&b);
    synth_free(s);
    return h;
}

/* Without options the stream is the one the generator wrote before the
 * chain existed, byte for byte: the hashes were taken from that version
 * (commit 59f774b) on x86-64 glibc 2.36; a libm whose exp or log rounds
 * differently in the last bit may move a tick and the hash with it. */
static void options_off_stream_unchanged(void **state)
{
    (void)state;
    synth_opts o;
    synth_default_opts(&o);
    assert_false(o.options);
    synth *s = synth_new(&o);
    assert_int_equal(synth_count(s), 8);
    assert_null(synth_symbol(s, 8));
    jw t = {0}, b = {0};
    assert_int_equal(synth_next(s, &t, &b), 0);
    assert_string_equal(t.buf, "inst.BTC-PERP");
    assert_string_equal(b.buf, "{\"sym\":\"BTC-PERP\",\"ts\":0.001000,\"seq\":1,\"src\":\"invtop-feed\",\"kind\":\"perp\","
                               "\"underlying\":\"BTC\",\"mult\":1,\"tick\":0.1,\"lot\":0.01}");
    jw_free(&t); jw_free(&b);
    synth_free(s);
    assert_true(stream_hash(&o, 100000) == 0xba614b2ab170e2b1ULL);
    o.instruments = 12;
    o.scenario = SYNTH_CRASH;
    o.start_ts = 1700000000;
    o.seed = 7;
    assert_true(stream_hash(&o, 100000) == 0x2f90d1ee985dde7aULL);
}

/* ---- with options ---- */

#define START_TS 1700000000.0 /* 14 Nov 2023 22:13 UTC */
#define MAX_SEEN 128

/* The number at key in the JSON object body, NAN when absent. */
static double body_num(const char *body, const char *key)
{
    static const jr_limits lim = {65536, 256, 4};
    jr r;
    char err[128];
    if (jr_open(&r, body, strlen(body), &lim, err, sizeof err) != 0)
        fail_msg("%s: %s", body, err);
    struct { double v; } out = {NAN};
    const jr_field f[] = {{key, JR_NUM, 0, 0}};
    assert_int_equal(jr_read_fields(&r, 0, f, 1, &out, NULL), 0);
    jr_close(&r);
    return out.v;
}

static bool body_has_str(const char *body, const char *key, const char *want)
{
    static const jr_limits lim = {65536, 256, 4};
    jr r;
    char err[128], got[64];
    assert_int_equal(jr_open(&r, body, strlen(body), &lim, err, sizeof err), 0);
    const jr_field f[] = {{key, JR_STR, 0, sizeof got}};
    got[0] = '\0';
    assert_int_equal(jr_read_fields(&r, 0, f, 1, got, NULL), 0);
    jr_close(&r);
    return strcmp(got, want) == 0;
}

/* What a reader of an options stream has learnt, from the stream alone. */
typedef struct {
    char sym[EVENT_SYM_MAX];
    event_inst in;
    bool two_sided; /* its last px: */
    double bid, ask, mid, iv;
    double filled;  /* signed sum of its fills */
    int fills, pxs;
} seen_opt;

typedef struct {
    seen_opt opt[MAX_SEEN];
    size_t nopt;
    double spot[2]; /* last mid of BTC-USD, ETH-USD (the options' reference) */
    bool lp_inst, lp_pos;
    double lp_lower, lp_upper, lp_qty, lp_avg;
    int bs_checked, bounds_checked, fills, pos_checked;
} chain_view;

static seen_opt *find_opt(chain_view *v, const char *sym)
{
    for (size_t i = 0; i < v->nopt; i++)
        if (strcmp(v->opt[i].sym, sym) == 0)
            return &v->opt[i];
    return NULL;
}

static int spot_slot(const char *und)
{
    return strcmp(und, "BTC") == 0 ? 0 : strcmp(und, "ETH") == 0 ? 1 : -1;
}

/* Check one option px against Black-Scholes from the stream's own numbers:
 * its inst's strike, expiry and right, the message's ts and iv, the last
 * mid of the underlying's spot instrument. */
static void check_option_px(chain_view *v, seen_opt *o, const event *ev, const char *body)
{
    double iv = body_num(body, "iv"), mid = body_num(body, "mid");
    if (!(isfinite(iv) && iv >= 0.05 && iv <= 3))
        fail_msg("%s: iv %g out of 0.05..3", o->sym, iv);
    assert_true(isfinite(mid) && mid > 0);
    o->two_sided = !isnan(ev->u.px.bid);
    if (o->two_sided) {
        o->bid = ev->u.px.bid;
        o->ask = ev->u.px.ask;
        if (!(o->bid < o->ask && o->bid <= mid && mid <= o->ask))
            fail_msg("%s: bid %g mid %g ask %g", o->sym, o->bid, mid, o->ask);
    }
    o->mid = mid;
    o->iv = iv;
    o->pxs++;
    double S = v->spot[spot_slot(o->in.underlying)];
    if (isnan(S))
        return; /* priced before its underlying's first quote, off the model mid */
    double K = o->in.strike, T = (o->in.expiry - ev->ts) / BS_SECONDS_PER_YEAR;
    assert_true(T > 0);
    double want = fmax(bs_price(S, K, T, 0, iv, o->in.right), SYNTH_OPT_MIN_MARK);
    if (fabs(mid - want) > 1e-9 * want)
        fail_msg("%s: mid %.15g, Black-Scholes at S %.10g iv %.15g T %.10g gives %.15g", o->sym, mid, S, iv, T,
                 want);
    v->bs_checked++;
    double lo = o->in.right == 'C' ? fmax(S - K, 0) : fmax(K - S, 0), hi = o->in.right == 'C' ? S : K;
    if (!(mid >= lo - 1e-9 * hi && mid <= hi))
        fail_msg("%s: mid %g outside [%g, %g]", o->sym, mid, lo, hi);
    v->bounds_checked++;
}

/* Read one message of an options stream into v, checking as it goes. */
static void view_message(chain_view *v, const jw *t, const jw *b)
{
    event ev;
    wire_status st = wire_decode(t->buf, t->len, b->buf, b->len, &ev);
    if (strncmp(t->buf, "inst.", 5) == 0 && body_has_str(b->buf, "kind", "lp")) {
        /* the engine learns kind lp in parallel: until then it is an unknown kind */
        assert_true(st == WIRE_OK || st == WIRE_ERR_VALUE);
        assert_true(body_has_str(b->buf, "underlying", "ETH"));
        v->lp_inst = true;
        v->lp_lower = body_num(b->buf, "lower");
        v->lp_upper = body_num(b->buf, "upper");
        return;
    }
    if (st != WIRE_OK)
        fail_msg("rejected (%s): %s %s", wire_status_name(st), t->buf, b->buf);
    if (strcmp(ev.sym, "ETH-USDC-LP") == 0) {
        assert_true(ev.kind == EVENT_POS); /* no px, no fill: valued from ETH */
        v->lp_pos = true;
        v->lp_qty = ev.u.pos.qty;
        v->lp_avg = ev.u.pos.avg_px;
        return;
    }
    seen_opt *o = find_opt(v, ev.sym);
    if (ev.kind == EVENT_INST && ev.u.inst.kind == INST_OPTION && !o) {
        assert_true(v->nopt < MAX_SEEN);
        o = &v->opt[v->nopt++];
        snprintf(o->sym, sizeof o->sym, "%s", ev.sym);
        o->in = ev.u.inst;
        return;
    }
    if (ev.kind == EVENT_PX && (strcmp(ev.sym, "BTC-USD") == 0 || strcmp(ev.sym, "ETH-USD") == 0))
        v->spot[ev.sym[0] == 'B' ? 0 : 1] = ev.u.px.mid;
    if (!o)
        return;
    if (ev.kind == EVENT_PX) {
        check_option_px(v, o, &ev, b->buf);
    } else if (ev.kind == EVENT_FILL) {
        /* the desk trades at the option's quote: buys at its bid, sells at its ask */
        assert_true(o->two_sided);
        assert_true(ev.u.fill.px == (ev.u.fill.qty > 0 ? o->bid : o->ask));
        double lots = fabs(ev.u.fill.qty) / o->in.lot;
        assert_true(fabs(lots - round(lots)) < 1e-9 && lots >= 1 && lots <= SYNTH_OPT_FILL_MAX_LOTS);
        assert_true(ev.u.fill.fee > 0 && ev.u.fill.fee <= 0.125 * ev.u.fill.px * fabs(ev.u.fill.qty) + 1e-12);
        o->filled += ev.u.fill.qty;
        o->fills++;
        v->fills++;
    } else if (ev.kind == EVENT_POS) {
        /* the snapshot states what the fills sent so far add up to */
        if (fabs(ev.u.pos.qty - o->filled) > 1e-9)
            fail_msg("%s: pos %g after fills of %g", o->sym, ev.u.pos.qty, o->filled);
        v->pos_checked++;
    }
}

static synth *options_market(unsigned long seed, double dt)
{
    synth_opts o;
    synth_default_opts(&o);
    o.options = true;
    o.start_ts = START_TS;
    o.seed = seed;
    o.dt = dt;
    synth *s = synth_new(&o);
    assert_non_null(s);
    return s;
}

/* Run an options market for `seconds` of simulated time into v. */
static void watch(chain_view *v, unsigned long seed, double dt, double seconds)
{
    memset(v, 0, sizeof *v);
    v->spot[0] = v->spot[1] = NAN;
    synth *s = options_market(seed, dt);
    jw t = {0}, b = {0};
    while (synth_time(s) < seconds) {
        assert_int_equal(synth_next(s, &t, &b), 0);
        view_message(v, &t, &b);
    }
    jw_free(&t); jw_free(&b);
    synth_free(s);
}

/* The chain on BTC and ETH: strikes either side of the spot, calls and
 * puts, at least three expiries, as many instruments as synth_count says. */
static void option_chain_shape(void **state)
{
    (void)state;
    static chain_view v;
    watch(&v, 1, 0.001, 3);
    synth *s = options_market(1, 0.001);
    assert_int_equal(synth_count(s), 8 + v.nopt + 1);
    assert_string_equal(synth_symbol(s, 8 + v.nopt), "ETH-USDC-LP");
    assert_int_equal(synth_set_quote(s, v.opt[0].sym, 1, 2), -1); /* not externally quotable */
    synth_free(s);
    assert_true(v.nopt >= 40 && v.nopt <= 80);
    for (int u = 0; u < 2; u++) {
        double spot = v.spot[u];
        assert_false(isnan(spot));
        int below = 0, above = 0, calls = 0, puts = 0;
        double expiries[MAX_SEEN];
        size_t nexp = 0;
        for (size_t i = 0; i < v.nopt; i++) {
            const event_inst *in = &v.opt[i].in;
            if (spot_slot(in->underlying) != u)
                continue;
            below += in->strike < spot;
            above += in->strike > spot;
            calls += in->right == 'C';
            puts += in->right == 'P';
            assert_true(in->expiry > START_TS && in->mult == 1 && in->tick > 0 && in->lot > 0);
            bool known = false;
            for (size_t e = 0; e < nexp; e++)
                known |= expiries[e] == in->expiry;
            if (!known)
                expiries[nexp++] = in->expiry;
        }
        if (!(below > 0 && above > 0 && calls > 0 && puts > 0 && nexp >= 3))
            fail_msg("underlying %d at %g: strikes %d below %d above, %d calls %d puts, %zu expiries", u, spot,
                     below, above, calls, puts, nexp);
    }
}

/* Every option px is Black-Scholes at the iv it carries, within 1e-9, off
 * the last spot mid; its quote brackets it; and the vol moves, against the
 * underlying. */
static void option_px_is_black_scholes(void **state)
{
    (void)state;
    static chain_view v;
    watch(&v, 3, 0.001, 60);
    assert_true(v.bs_checked > 2000 && v.bounds_checked == v.bs_checked);
    for (size_t i = 0; i < v.nopt; i++)
        assert_true(v.opt[i].pxs >= 20); /* every option priced every second or two */

    /* the vol level: a 30-day near-the-money BTC option sampled over 20
     * minutes, its log iv changes against the spot's log changes */
    synth *s = options_market(5, 0.01);
    jw t = {0}, b = {0};
    char sym[EVENT_SYM_MAX] = "";
    double last_iv = NAN, last_s = NAN, spot = NAN, sxy = 0, sxx = 0, syy = 0, iv_min = INFINITY, iv_max = 0;
    int n = 0;
    while (synth_time(s) < 1200) {
        assert_int_equal(synth_next(s, &t, &b), 0);
        event ev;
        if (strcmp(t.buf, "inst.ETH-USDC-LP") == 0)
            continue;
        assert_int_equal(wire_decode(t.buf, t.len, b.buf, b.len, &ev), WIRE_OK);
        const event_inst *in = &ev.u.inst;
        if (!sym[0] && ev.kind == EVENT_INST && in->kind == INST_OPTION && strcmp(in->underlying, "BTC") == 0 &&
            in->strike == 65000 && in->expiry - START_TS > 25 * 86400 && in->expiry - START_TS < 35 * 86400)
            snprintf(sym, sizeof sym, "%s", ev.sym);
        if (ev.kind != EVENT_PX)
            continue;
        if (strcmp(ev.sym, "BTC-USD") == 0)
            spot = ev.u.px.mid;
        if (sym[0] && strcmp(ev.sym, sym) == 0 && !isnan(spot)) {
            double iv = body_num(b.buf, "iv");
            iv_min = fmin(iv_min, iv);
            iv_max = fmax(iv_max, iv);
            if (!isnan(last_iv)) {
                double x = log(spot / last_s), y = log(iv / last_iv);
                sxy += x * y, sxx += x * x, syy += y * y;
                n++;
            }
            last_iv = iv, last_s = spot;
        }
    }
    jw_free(&t); jw_free(&b);
    synth_free(s);
    double corr = sxy / sqrt(sxx * syy);
    if (!(n > 500 && iv_max / iv_min > 1.02 && corr < -0.1))
        fail_msg("%d samples, iv %g..%g, spot-vol correlation %g", n, iv_min, iv_max, corr);
}

/* The desk trades options now and then at their quotes, and the pos
 * snapshots agree with the fills; the pool range is stated and sized. */
static void option_fills_and_pool(void **state)
{
    (void)state;
    static chain_view v;
    watch(&v, 1, 0.001, 300);
    /* one per SYNTH_OPT_FILL_EVERY_S (15 s) on average, a few dropped */
    if (!(v.fills >= 8 && v.fills <= 40))
        fail_msg("%d option fills in 5 simulated minutes", v.fills);
    assert_true(v.pos_checked > 50 * (int)v.nopt);
    int held = 0;
    for (size_t i = 0; i < v.nopt; i++)
        held += v.opt[i].filled != 0;
    assert_true(held >= 3);
    assert_true(v.lp_inst && v.lp_pos);
    assert_true(v.lp_lower < v.lp_upper && v.lp_qty > 0);
    double P = v.lp_avg, L = v.lp_qty;
    assert_true(v.lp_lower < P && P < v.lp_upper);
    double value = L * (1 / sqrt(P) - 1 / sqrt(v.lp_upper)) * P + L * (sqrt(P) - sqrt(v.lp_lower));
    if (!(value > 1e5 && value < 1e6))
        fail_msg("pool worth %g at %g", value, P);
}

/* With options the stream is still a function of the seed, and the
 * delta-one instruments move and fill as they do without options. */
static void options_same_seed_same_stream(void **state)
{
    (void)state;
    synth *a = options_market(9, 0.001), *b = options_market(9, 0.001), *c = options_market(10, 0.001);
    synth_opts o;
    synth_default_opts(&o);
    o.start_ts = START_TS;
    o.seed = 9;
    synth *plain = synth_new(&o);
    jw ta = {0}, ba = {0}, tb = {0}, bb = {0}, tp = {0}, bp = {0};
    int differ_c = 0, delta_one = 0;
    for (int i = 0; i < 100000; i++) {
        assert_int_equal(synth_next(a, &ta, &ba), 0);
        assert_int_equal(synth_next(b, &tb, &bb), 0);
        assert_string_equal(ta.buf, tb.buf);
        assert_string_equal(ba.buf, bb.buf);
        assert_int_equal(synth_next(c, &tb, &bb), 0);
        differ_c |= strcmp(ba.buf, bb.buf) != 0;
        /* a's delta-one px and fills come in the order and at the prices of
         * the plain market's (only seq differs) */
        event ea, ep;
        if (strcmp(ta.buf, "inst.ETH-USDC-LP") == 0)
            continue;
        assert_int_equal(wire_decode(ta.buf, ta.len, ba.buf, ba.len, &ea), WIRE_OK);
        if ((ea.kind != EVENT_PX && ea.kind != EVENT_FILL) || strchr(ea.sym, '-') != strrchr(ea.sym, '-'))
            continue; /* options and the pool have two dashes or more */
        do {
            assert_int_equal(synth_next(plain, &tp, &bp), 0);
            assert_int_equal(wire_decode(tp.buf, tp.len, bp.buf, bp.len, &ep), WIRE_OK);
        } while (ep.kind != EVENT_PX && ep.kind != EVENT_FILL);
        assert_string_equal(ta.buf, tp.buf);
        assert_true(ea.ts == ep.ts);
        if (ea.kind == EVENT_PX)
            assert_true(ea.u.px.bid == ep.u.px.bid && ea.u.px.ask == ep.u.px.ask);
        else
            assert_true(ea.u.fill.qty == ep.u.fill.qty && ea.u.fill.px == ep.u.fill.px);
        delta_one++;
    }
    assert_true(differ_c);
    assert_true(delta_one > 50000);
    jw_free(&ta); jw_free(&ba); jw_free(&tb); jw_free(&bb); jw_free(&tp); jw_free(&bp);
    synth_free(a); synth_free(b); synth_free(c); synth_free(plain);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_seed_same_market),
        cmocka_unit_test(every_message_decodes),
        cmocka_unit_test(fill_intensity_matches_model),
        cmocka_unit_test(external_quotes_and_bad_options),
        cmocka_unit_test(options_off_stream_unchanged),
        cmocka_unit_test(option_chain_shape),
        cmocka_unit_test(option_px_is_black_scholes),
        cmocka_unit_test(option_fills_and_pool),
        cmocka_unit_test(options_same_seed_same_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
