/* test_hedging.c - the engine's hedge suggestions (engine/hedging.c) and
 * automatic hedging (engine/apphedge.c), on engines built from messages
 * and configured by invtop.ini text, with event time driven by message
 * times and app_tick: which instrument, the band, lots, the state and
 * its reason; the cross hedge against a hand computation of h* = cov / var
 * and 100 rho^2; one automatic order per sample outside the band, none
 * within the cooldown, never above the maximum order. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "testapp.h"
#include "testutil.h"

#include "invtop/hedging.h"
#include "invtop/history.h"
#include "tui/cli.h"

#define T0 1000.0 /* the first message; risk samples fall on whole seconds */
#define MAX_SENT 64

/* ---- the order channel: what the engine sent ---- */

typedef struct {
    char msg[MAX_SENT][1024];
    size_t n;
} sink;

static int record(void *ctx, const char *m, size_t len)
{
    sink *s = ctx;
    assert_true(s->n < MAX_SENT);
    assert_true(len < sizeof s->msg[0]);
    memcpy(s->msg[s->n], m, len);
    s->msg[s->n][len] = '\0';
    s->n++;
    return 0;
}

/* The string value of key in a flat JSON message into buf ("" when absent). */
static const char *str_of(const char *msg, const char *key, char *buf, size_t cap)
{
    char k[64];
    snprintf(k, sizeof k, "\"%s\":\"", key);
    const char *p = strstr(msg, k), *e = p ? strchr(p + strlen(k), '"') : NULL;
    snprintf(buf, cap, "%.*s", e ? (int)(e - p - strlen(k)) : 0, e ? p + strlen(k) : "");
    return buf;
}

/* The number value of key, NAN when absent. */
static double num_of(const char *msg, const char *key)
{
    char k[64];
    snprintf(k, sizeof k, "\"%s\":", key);
    const char *p = strstr(msg, k);
    return p ? strtod(p + strlen(k), NULL) : NAN;
}

/* ---- an engine in a temporary directory ---- */

typedef struct {
    char dir[64], journal[128], orders[128];
    invtop_opts io; /* the configuration read; owns its strings */
    engcfg o;
    app a;
    bool started;
    sink sent;
    snap s;
} fx;

static int fx_setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/invtop-hedging-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->journal, sizeof f->journal, "%s/overrides.jsonl", f->dir);
    ord_journal_path(f->journal, f->orders, sizeof f->orders);
    snap_init(&f->s);
    *state = f;
    return 0;
}

static void fx_stop(fx *f)
{
    if (f->started)
        app_free(&f->a);
    f->started = false;
    cli_free(&f->io);
    memset(&f->sent, 0, sizeof f->sent);
    unlink(f->journal);
    unlink(f->orders);
}

static int fx_teardown(void **state)
{
    fx *f = *state;
    fx_stop(f);
    snap_free(&f->s);
    int rc = rmdir(f->dir);
    free(f);
    return rc;
}

/* The engine's defaults, then ini (as invtop.ini would be read): a delta
 * limit of 200000 USD (so a band of 100000), Monte Carlo in place, the
 * override journal in the temporary directory. */
static void fx_config(fx *f, const char *ini)
{
    char err[256] = "";
    cli_defaults(&f->io);
    assert_int_equal(cli_load_config_text(&f->io, "[risk]\nlimit_delta_usd = 200000\n", err, sizeof err), 0);
    if (ini && cli_load_config_text(&f->io, ini, err, sizeof err) != 0)
        fail_msg("config: %s", err);
    f->o = f->io.engine;
    f->o.risk.mc_async = false;
    f->o.journal = f->journal;
}

static void fx_start(fx *f)
{
    test_app_start(&f->a, &f->o);
    f->started = true;
}

/* The order channel: the orders journal opened and the sends recorded. */
static void fx_channel(fx *f)
{
    size_t skipped;
    assert_int_equal(ord_open(&f->a.orders, f->orders, &skipped), 0);
    app_orders_io(&f->a, record, &f->sent);
}

static void feed(fx *f, const char *topic, double t, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void feed(fx *f, const char *topic, double t, const char *fmt, ...)
{
    char body[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    const uint64_t accepted = f->a.in.stats.accepted;
    test_app_feed(&f->a, topic, body, t);
    if (f->a.in.stats.accepted != accepted + 1)
        fail_msg("%s %s was not accepted", topic, body);
}

static void px(fx *f, const char *sym, double mid, double t)
{
    char topic[64];
    snprintf(topic, sizeof topic, "px.%s", sym);
    feed(f, topic, t, "{\"mid\":%.17g}", mid);
}

static void pos(fx *f, const char *sym, double qty, double t)
{
    char topic[64];
    snprintf(topic, sizeof topic, "pos.%s", sym);
    feed(f, topic, t, "{\"qty\":%.17g,\"avg_px\":65000}", qty);
}

/* BTC spot, BTC-PERP (lots of 0.001) at 65000 and a position of qty BTC
 * spot, at t. */
static void btc_market(fx *f, double qty, double t)
{
    feed(f, "inst.BTC", t, "{\"kind\":\"spot\"}");
    feed(f, "inst.BTC-PERP", t, "{\"kind\":\"perp\",\"underlying\":\"BTC\",\"lot\":0.001}");
    px(f, "BTC", 65000, t);
    px(f, "BTC-PERP", 65000, t);
    pos(f, "BTC", qty, t);
}

/* Underlying und's hedge row at event time now, the exposures as they are
 * then (the snapshot's part: what a view shows). */
static const snap_hedge *row(fx *f, const char *und, double now)
{
    rr_refresh_figures(&f->a.risk, f->a.book, now);
    app_hedge_snap(&f->a, now, &f->s);
    for (size_t k = 0; k < f->s.nhedges; k++)
        if (!strcmp(f->s.hedges[k].underlying, und)) {
            const snap_hedge *h = &f->s.hedges[k];
            if (!h->reason[0])
                fail_msg("%s: state %s without a reason", und, hg_state_name(h->state));
            return h;
        }
    fail_msg("no hedge row for %s", und);
    return NULL;
}

static void assert_state(const snap_hedge *h, hg_state want)
{
    if (h->state != (int)want)
        fail_msg("%s: state %s (%s), expected %s", h->underlying, hg_state_name(h->state), h->reason,
                 hg_state_name((int)want));
}

/* ---- the instrument ---- */

/* The perp over a future and a spot (even with older prices), among perps
 * the one priced last; without a perp the future, without that the spot. */
static void default_instrument_is_the_perp_priced_last(void **state)
{
    fx *f = *state;
    fx_config(f, NULL);
    fx_start(f);
    feed(f, "inst.BTC-PERP", T0, "{\"kind\":\"perp\",\"underlying\":\"BTC\",\"lot\":0.001}");
    feed(f, "inst.BTC-USDT-PERP", T0, "{\"kind\":\"perp\",\"underlying\":\"BTC\",\"lot\":0.001}");
    feed(f, "inst.BTC-FUT", T0, "{\"kind\":\"future\",\"underlying\":\"BTC\",\"lot\":0.001}");
    feed(f, "inst.BTC", T0, "{\"kind\":\"spot\"}");
    px(f, "BTC-PERP", 65010, T0);
    px(f, "BTC-FUT", 65100, T0 + 0.1);
    px(f, "BTC", 65000, T0 + 0.2);
    pos(f, "BTC", 5, T0 + 0.3);
    const snap_hedge *h = row(f, "BTC", T0 + 0.5);
    assert_string_equal(h->inst, "BTC-PERP");
    assert_string_equal(h->inst_underlying, "BTC");
    assert_false(h->cross);
    assert_near(h->hedge_ratio, 1, 0);
    assert_true(isnan(h->variance_removed));
    assert_near(h->price, 65010, 0);
    px(f, "BTC-USDT-PERP", 65020, T0 + 0.6);
    assert_string_equal(row(f, "BTC", T0 + 0.7)->inst, "BTC-USDT-PERP");
    px(f, "BTC-PERP", 65030, T0 + 0.8);
    h = row(f, "BTC", T0 + 0.9);
    assert_string_equal(h->inst, "BTC-PERP");
    assert_near(h->price, 65030, 0);
    /* ETH: a future and a spot; SOL: a spot alone */
    feed(f, "inst.ETH", T0 + 1, "{\"kind\":\"spot\"}");
    feed(f, "inst.ETH-FUT", T0 + 1, "{\"kind\":\"future\",\"underlying\":\"ETH\"}");
    px(f, "ETH-FUT", 2010, T0 + 1);
    px(f, "ETH", 2000, T0 + 1.1);
    px(f, "SOL", 150, T0 + 1.1);
    assert_string_equal(row(f, "ETH", T0 + 1.2)->inst, "ETH-FUT");
    assert_string_equal(row(f, "SOL", T0 + 1.2)->inst, "SOL");
}

/* [underlying BTC] hedge = X picks X over the perp; an X never seen says
 * no_instrument. */
static void configured_instrument(void **state)
{
    fx *f = *state;
    fx_config(f, "[underlying BTC]\nhedge = BTC-FUT\n");
    fx_start(f);
    btc_market(f, 5.0004, T0);
    feed(f, "inst.BTC-FUT", T0, "{\"kind\":\"future\",\"underlying\":\"BTC\",\"lot\":0.01}");
    px(f, "BTC-FUT", 65000, T0);
    const snap_hedge *h = row(f, "BTC", T0 + 0.5);
    assert_string_equal(h->inst, "BTC-FUT");
    assert_false(h->cross);
    assert_near(h->lots, -500, 0); /* 325026 / 650 a lot */
    fx_stop(f);

    fx_config(f, "[underlying BTC]\nhedge = BTC-PERP@NOWHERE\n");
    fx_start(f);
    btc_market(f, 5.0004, T0);
    h = row(f, "BTC", T0 + 0.5);
    assert_state(h, HG_NO_INSTRUMENT);
    assert_string_equal(h->inst, "");
    assert_near(h->lots, 0, 0);
    assert_non_null(strstr(h->reason, "BTC-PERP@NOWHERE"));
}

/* ---- the band ---- */

static void band_is_half_the_delta_limit_unless_given(void **state)
{
    fx *f = *state;
    fx_config(f, "[underlying ETH]\nmax_delta_usd = 80000\n"
                 "[underlying SOL]\nmax_delta_usd = 80000\nhedge_band_usd = 1234\n");
    fx_start(f);
    px(f, "BTC", 65000, T0);
    px(f, "ETH", 2000, T0);
    px(f, "SOL", 150, T0);
    assert_near(row(f, "BTC", T0)->band_usd, 100000, 0); /* --limit-delta-usd 200000 / 2 */
    assert_near(row(f, "ETH", T0)->band_usd, 40000, 0);  /* its own limit / 2 */
    assert_near(row(f, "SOL", T0)->band_usd, 1234, 0);   /* given */
}

/* ---- the suggestion and its state ---- */

/* +5.0004 BTC at 65000 (325026 USD) against a band of 100000, hedged with
 * lots of 0.001 BTC-PERP (65 USD): -5000.4 -> -5000 lots, -5 BTC,
 * -325000 USD; what it says depends on who may send it. */
static void suggestion_and_who_may_send_it(void **state)
{
    fx *f = *state;
    static const struct {
        bool trader, channel, kill;
        hg_state want;
    } cases[] = {
        {true, true, false, HG_SUGGESTED},
        {true, false, false, HG_NO_CHANNEL},
        {true, true, true, HG_KILL},
        {false, true, false, HG_READ_ONLY},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        fx_config(f, NULL);
        f->o.trader = cases[k].trader;
        fx_start(f);
        if (cases[k].channel)
            fx_channel(f);
        btc_market(f, 5.0004, T0);
        if (cases[k].kill) {
            ovr_change c;
            assert_int_equal(ovr_propose_kill(&f->a.ovr, true, &c), 0);
            assert_int_equal(app_override(&f->a, &c, T0 + 0.1, "test"), 0);
        }
        const snap_hedge *h = row(f, "BTC", T0 + 0.5);
        assert_state(h, cases[k].want);
        assert_string_equal(h->inst, "BTC-PERP");
        assert_near(h->net_delta_usd, 5.0004 * 65000, 1e-6);
        assert_near(h->inflight_usd, 0, 0);
        assert_near(h->band_usd, 100000, 0);
        assert_near(h->lots, -5000, 0);
        assert_near(h->qty, -5, 1e-12);
        assert_near(h->usd, -325000, 1e-6);
        assert_near(h->price, 65000, 0);
        assert_non_null(strstr(h->reason, "5000"));
        assert_int_equal(f->sent.n, 0); /* a suggestion sends nothing */
        fx_stop(f);
    }
}

static void inside_the_band(void **state)
{
    fx *f = *state;
    fx_config(f, NULL);
    f->o.trader = true;
    fx_start(f);
    fx_channel(f);
    btc_market(f, 1.5, T0); /* 97500 USD */
    const snap_hedge *h = row(f, "BTC", T0 + 0.5);
    assert_state(h, HG_INSIDE);
    assert_near(h->lots, 0, 0);
    assert_near(h->usd, 0, 0);
    assert_string_equal(h->inst, "BTC-PERP"); /* what it would hedge with */
    pos(f, "BTC", -1.5, T0 + 1);
    assert_state(row(f, "BTC", T0 + 1), HG_INSIDE);
    pos(f, "BTC", -1.6, T0 + 2); /* -104000: outside, so buy */
    h = row(f, "BTC", T0 + 2);
    assert_state(h, HG_SUGGESTED);
    assert_near(h->lots, 1600, 0);
}

/* A maximum order below the suggestion caps it to whole lots under it:
 * floor(cap / 65). */
static void capped_at_the_maximum_order(void **state)
{
    fx *f = *state;
    fx_config(f, "[underlying BTC]\nmax_order_usd = 100000\n");
    f->o.trader = true;
    fx_start(f);
    fx_channel(f);
    btc_market(f, 5.0004, T0);
    const snap_hedge *h = row(f, "BTC", T0 + 0.5);
    assert_state(h, HG_CAPPED);
    assert_near(h->lots, -1538, 0); /* floor(100000 / 65) */
    assert_near(h->qty, -1.538, 1e-12);
    assert_near(h->usd, -1538 * 65.0, 1e-6);
    assert_true(fabs(h->usd) <= 100000);
    fx_stop(f);

    fx_config(f, "[hedging]\nmax_order_usd = 50000\n");
    f->o.trader = true;
    fx_start(f);
    fx_channel(f);
    btc_market(f, 5.0004, T0);
    h = row(f, "BTC", T0 + 0.5);
    assert_state(h, HG_CAPPED);
    assert_near(h->lots, -769, 0); /* floor(50000 / 65) */
}

/* The hedge instrument's price is stale (5 s of event time without one)
 * while the underlying's is fresh: no_price, until it is priced again. */
static void stale_hedge_price(void **state)
{
    fx *f = *state;
    fx_config(f, NULL);
    f->o.trader = true;
    fx_start(f);
    fx_channel(f);
    btc_market(f, 5.0004, T0);
    assert_state(row(f, "BTC", T0 + 4.9), HG_SUGGESTED);
    px(f, "BTC", 65000, T0 + 6);
    const snap_hedge *h = row(f, "BTC", T0 + 6);
    assert_state(h, HG_NO_PRICE);
    assert_near(h->lots, 0, 0);
    assert_non_null(strstr(h->reason, "stale"));
    px(f, "BTC-PERP", 65000, T0 + 7);
    assert_state(row(f, "BTC", T0 + 7), HG_SUGGESTED);
}

/* ---- the cross hedge ---- */

/* Log returns of p (n + 1 prices) into r (n). */
static void returns(const double *p, size_t n, double *r)
{
    for (size_t k = 0; k < n; k++)
        r[k] = log(p[k + 1] / p[k]);
}

static double dot(const double *a, const double *b, size_t n)
{
    double s = 0;
    for (size_t k = 0; k < n; k++)
        s += a[k] * b[k];
    return s;
}

#define NPX 9
static const double ALT_PX[NPX] = {10, 10.2, 10.1, 10.35, 10.3, 10.5, 10.4, 10.45, 10.6};
static const double ETH_PX[NPX] = {2000, 2030, 2025, 2060, 2040, 2075, 2070, 2065, 2090};

/* [underlying ALT] hedge = ETH-PERP: another underlying's perp, a cross
 * hedge. The prices move between risk samples; with fewer returns than
 * the EWMA's seed the covariance is their plain average of r r' (zero
 * mean), and the count (quiet samples' zero returns included) cancels in
 * h* = cov(ALT, ETH) / var(ETH) and rho^2. */
static void configured_cross_hedge_from_sampled_prices(void **state)
{
    fx *f = *state;
    fx_config(f, "[underlying ALT]\nhedge = ETH-PERP\n");
    f->o.trader = true;
    fx_start(f);
    fx_channel(f);
    feed(f, "inst.ETH-PERP", T0, "{\"kind\":\"perp\",\"underlying\":\"ETH\",\"lot\":0.01}");
    px(f, "ALT", ALT_PX[0], T0);
    px(f, "ETH-PERP", ETH_PX[0], T0);
    feed(f, "pos.ALT", T0, "{\"qty\":50000,\"avg_px\":10}");
    app_tick(&f->a, T0 + 1);
    app_tick(&f->a, T0 + 2);
    for (size_t k = 1; k < NPX; k++) {
        px(f, "ALT", ALT_PX[k], T0 + 1.5 + (double)k);
        px(f, "ETH-PERP", ETH_PX[k], T0 + 1.5 + (double)k);
        app_tick(&f->a, T0 + 2 + (double)k);
    }
    assert_true(hist_total_returns(f->a.risk.hist) < HIST_EWMA_SEED);
    double rx[NPX - 1], ry[NPX - 1];
    returns(ALT_PX, NPX - 1, rx);
    returns(ETH_PX, NPX - 1, ry);
    const double h_star = dot(rx, ry, NPX - 1) / dot(ry, ry, NPX - 1);
    const double rho = dot(rx, ry, NPX - 1) / sqrt(dot(rx, rx, NPX - 1) * dot(ry, ry, NPX - 1));
    assert_true(rho > 0.5 && rho < 0.99); /* a real, imperfect correlation */
    const double now = T0 + 2 + NPX - 0.5;
    const snap_hedge *h = row(f, "ALT", now);
    assert_state(h, HG_SUGGESTED);
    assert_true(h->cross);
    assert_string_equal(h->inst, "ETH-PERP");
    assert_string_equal(h->inst_underlying, "ETH");
    assert_near(h->hedge_ratio, h_star, 1e-9 * h_star);
    assert_near(h->variance_removed, 100 * rho * rho, 1e-9);
    /* 50000 ALT at 10.6: 530000 USD; h* USD of ETH per USD of ALT, in
     * lots of 0.01 ETH at 2090 */
    const double delta = 50000 * ALT_PX[NPX - 1];
    assert_near(h->net_delta_usd, delta, 1e-6);
    const double lots = -delta * h_star / (0.01 * ETH_PX[NPX - 1]);
    assert_true(fabs(lots - round(lots)) < 0.4); /* not near a half */
    assert_near(h->lots, round(lots), 0);
    assert_near(h->qty, round(lots) * 0.01, 1e-9);
    assert_near(h->usd, round(lots) * 0.01 * ETH_PX[NPX - 1] / h_star, 1e-6);
    assert_near(h->price, ETH_PX[NPX - 1], 0);
}

/* An underlying with no instrument of its own (hand-made inputs: an
 * exposure with ALT's price and delta, ALT's price history) is hedged with
 * the instrument of the underlying whose returns correlate most with its
 * own, by |rho|: ETH-PERP, then XRP-PERP when XRP moves against ALT more
 * closely than ETH with it (a negative ratio: buy it to hedge a long). */
static void cross_hedge_with_the_most_correlated(void **state)
{
    fx *f = *state;
    fx_config(f, NULL);
    fx_start(f);
    feed(f, "inst.ETH-PERP", T0, "{\"kind\":\"perp\",\"underlying\":\"ETH\",\"lot\":0.01}");
    feed(f, "inst.XRP-PERP", T0, "{\"kind\":\"perp\",\"underlying\":\"XRP\",\"lot\":1}");
    static const double xrp1[NPX] = {0.5, 0.51, 0.50, 0.505, 0.51, 0.50, 0.505, 0.50, 0.51}; /* weak */
    static const double xrp2[NPX] = {0.5, 0.49, 0.495, 0.484, 0.485, 0.476, 0.48, 0.478, 0.471}; /* against */
    const double *xrp_runs[2] = {xrp1, xrp2};
    const char *want_inst[2] = {"ETH-PERP", "XRP-PERP"};
    const double now = T0 + 1;
    px(f, "ETH-PERP", ETH_PX[NPX - 1], now);
    for (int run = 0; run < 2; run++) {
        const double *xrp = xrp_runs[run];
        px(f, "XRP-PERP", xrp[NPX - 1], now);
        history *hs = hist_new(8, 64, 0.94);
        assert_non_null(hs);
        const int alt = hist_index(hs, "ALT", true), eth = hist_index(hs, "ETH", true),
                  xr = hist_index(hs, "XRP", true);
        for (size_t k = 0; k < NPX; k++)
            hist_sample(hs, (double[]){ALT_PX[k], ETH_PX[k], xrp[k]});
        exposure e;
        assert_int_equal(expo_init(&e, book_capacity(f->a.book), 8), 0);
        e.ninst = book_count(f->a.book);
        for (size_t i = 0; i < e.ninst; i++)
            e.inst[i].und = hist_find(hs, book_at(f->a.book, i)->ref.underlying);
        e.nund = 3;
        e.und[alt].price = ALT_PX[NPX - 1];
        e.und[alt].delta_usd = 50000 * ALT_PX[NPX - 1];
        e.und[eth].price = ETH_PX[NPX - 1];
        e.und[xr].price = xrp[NPX - 1];
        ord_book ob;
        ord_init(&ob, "T", 30);
        engcfg_hedge hc = {.automatic = false, .cooldown_s = 30, .max_order_usd = 1e9, .order_ttl_s = 30};
        hgs_inputs in = {.b = f->a.book, .e = &e, .h = hs, .params = &f->a.params, .cfg = &hc,
                         .default_max_delta = 200000, .stale_s = 5, .orders = &ob, .trader = true,
                         .channel = true};
        snap_hedge h;
        hgs_pick pk;
        hgs_row(&in, (size_t)alt, now, &h, &pk);
        assert_state(&h, HG_SUGGESTED);
        assert_true(h.cross);
        assert_string_equal(h.inst, want_inst[run]);
        /* by hand: every return, the first (zero) included in the count */
        double ra[NPX - 1], rv[NPX - 1], rw[NPX - 1];
        returns(ALT_PX, NPX - 1, ra);
        returns(run ? xrp : ETH_PX, NPX - 1, rv);
        returns(run ? ETH_PX : xrp, NPX - 1, rw);
        const double rho = dot(ra, rv, NPX - 1) / sqrt(dot(ra, ra, NPX - 1) * dot(rv, rv, NPX - 1));
        const double other = dot(ra, rw, NPX - 1) / sqrt(dot(ra, ra, NPX - 1) * dot(rw, rw, NPX - 1));
        assert_true(fabs(rho) > fabs(other)); /* the data say what the test says */
        const double h_star = dot(ra, rv, NPX - 1) / dot(rv, rv, NPX - 1);
        assert_near(h.hedge_ratio, h_star, 1e-9 * fabs(h_star));
        assert_near(h.variance_removed, 100 * rho * rho, 1e-9);
        const double lot = run ? 1 : 0.01, mid = run ? xrp[NPX - 1] : ETH_PX[NPX - 1];
        const double lots = -e.und[alt].delta_usd * h_star / (lot * mid);
        assert_true(fabs(lots - round(lots)) < 0.4);
        assert_near(h.lots, round(lots), 0);
        assert_true(run ? h.lots > 0 : h.lots < 0);
        assert_near(pk.lot, lot, 0);
        assert_near(pk.lot_usd, lot * mid / h_star, 1e-9);
        ord_free(&ob);
        expo_free(&e);
        hist_free(hs);
    }
}

/* ---- automatic hedging ---- */

/* An engine that may trade, hedges BTC by itself after risk samples (10 s
 * cooldown, orders expire after 5 s unacknowledged), with prices that do
 * not go stale, the order channel recorded; BTC inside its band at first
 * (1 BTC: 65000 USD). Samples at T0+1 and T0+2 send nothing; at T0+2.5 the
 * position becomes 5.0004 BTC and the order goes at once (cooldown until
 * T0+12.5, expiry at T0+7.5). */
static void auto_start(fx *f, const char *ini)
{
    char text[512];
    snprintf(text, sizeof text, "[hedging]\nauto_hedge = on\ncooldown_s = 10\norder_ttl_s = 5\n%s", ini ? ini : "");
    fx_config(f, text);
    f->o.trader = true;
    f->o.stale_s = 1e6;
    fx_start(f);
    fx_channel(f);
    btc_market(f, 1, T0);
    app_tick(&f->a, T0 + 1);
    app_tick(&f->a, T0 + 2);
    assert_int_equal(f->sent.n, 0);
    pos(f, "BTC", 5.0004, T0 + 2.5);
    assert_int_equal(f->sent.n, 1); /* a position change is looked at when it happens */
}

static void ticks(fx *f, double from, double to)
{
    for (double t = from; t <= to; t += 1)
        app_tick(&f->a, t);
}

static size_t distinct_orders(const sink *s)
{
    size_t n = 0;
    char a[128], b[128];
    for (size_t k = 0; k < s->n; k++) {
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = !strcmp(str_of(s->msg[k], "cl_ord_id", a, sizeof a), str_of(s->msg[j], "cl_ord_id", b, sizeof b));
        n += !seen;
    }
    return n;
}

/* The sample after delta leaves the band sends one order (the
 * suggestion, marked automatic); the consumer rejects it, and the samples
 * within the cooldown send nothing though delta is still outside; the
 * first sample after it sends the next order. */
static void one_order_then_the_cooldown(void **state)
{
    fx *f = *state;
    auto_start(f, NULL);
    app_tick(&f->a, T0 + 3);
    assert_int_equal(f->sent.n, 1);
    const char *m = f->sent.msg[0];
    char clid[128], other[128], reply[256];
    assert_string_equal(str_of(m, "type", other, sizeof other), "order");
    assert_string_equal(str_of(m, "sym", other, sizeof other), "BTC-PERP");
    assert_string_equal(str_of(m, "side", other, sizeof other), "sell");
    assert_string_equal(str_of(m, "book", other, sizeof other), "hedge");
    assert_string_equal(str_of(m, "user", other, sizeof other), "auto");
    assert_near(num_of(m, "lots"), 5000, 0);
    assert_near(num_of(m, "qty"), 5, 1e-12);
    assert_near(num_of(m, "attempt"), 1, 0);
    assert_non_null(strstr(m, "\"auto\":true"));
    str_of(m, "cl_ord_id", clid, sizeof clid);
    assert_true(clid[0] != '\0');
    assert_int_equal(f->a.orders.n, 1);
    const snap_hedge *h = row(f, "BTC", T0 + 3);
    assert_state(h, HG_PENDING); /* with the order, delta is inside */
    assert_near(h->inflight_usd, -325000, 1e-6);
    assert_near(h->cooldown_until, T0 + 12.5, 1e-9);
    /* the journal had it before it went out */
    FILE *fp = fopen(f->orders, "r");
    assert_non_null(fp);
    char line[2048];
    assert_non_null(fgets(line, sizeof line, fp));
    fclose(fp);
    assert_non_null(strstr(line, clid));

    snprintf(reply, sizeof reply, "{\"type\":\"reject\",\"cl_ord_id\":\"%s\",\"reason\":\"no market\"}", clid);
    app_order_reply(&f->a, reply, strlen(reply), T0 + 3.2);
    assert_int_equal(f->a.orders.o[0].state, ORD_REJECTED);
    ticks(f, T0 + 4, T0 + 12);
    assert_int_equal(f->sent.n, 1);
    h = row(f, "BTC", T0 + 12);
    assert_state(h, HG_COOLDOWN);
    assert_near(h->lots, -5000, 0);
    app_tick(&f->a, T0 + 13);
    assert_int_equal(f->sent.n, 2);
    assert_string_not_equal(str_of(f->sent.msg[1], "cl_ord_id", other, sizeof other), clid);
    assert_near(num_of(f->sent.msg[1], "lots"), 5000, 0);
    assert_non_null(strstr(f->sent.msg[1], "\"auto\":true"));
}

/* Never acknowledged: sent again every second, under its id, until it
 * expires (5 s); nothing new within the cooldown; after it, the next
 * order. */
static void unacknowledged_order_expires_then_the_next(void **state)
{
    fx *f = *state;
    auto_start(f, NULL);
    app_tick(&f->a, T0 + 3);
    assert_int_equal(f->sent.n, 1);
    ticks(f, T0 + 4, T0 + 7);
    assert_int_equal(f->sent.n, 5); /* resends at T0+4..T0+7 */
    assert_int_equal(distinct_orders(&f->sent), 1);
    assert_near(num_of(f->sent.msg[4], "attempt"), 5, 0);
    app_tick(&f->a, T0 + 8);
    assert_int_equal(f->a.orders.o[0].state, ORD_EXPIRED);
    assert_int_equal(f->sent.n, 5);
    assert_state(row(f, "BTC", T0 + 8), HG_COOLDOWN);
    ticks(f, T0 + 9, T0 + 12);
    assert_int_equal(f->sent.n, 5);
    app_tick(&f->a, T0 + 13);
    assert_int_equal(f->sent.n, 6);
    assert_int_equal(distinct_orders(&f->sent), 2);
    assert_near(num_of(f->sent.msg[5], "attempt"), 1, 0);
}

/* Acknowledged and filled (the fill comes back on the feed with its
 * cl_ord_id): delta is back inside and nothing more is sent, cooldown or
 * not. */
static void filled_back_inside_sends_nothing_more(void **state)
{
    fx *f = *state;
    auto_start(f, NULL);
    app_tick(&f->a, T0 + 3);
    assert_int_equal(f->sent.n, 1);
    char clid[128], msg[256];
    str_of(f->sent.msg[0], "cl_ord_id", clid, sizeof clid);
    snprintf(msg, sizeof msg, "{\"type\":\"ack\",\"cl_ord_id\":\"%s\"}", clid);
    app_order_reply(&f->a, msg, strlen(msg), T0 + 3.1);
    assert_int_equal(f->a.orders.o[0].state, ORD_ACKED);
    feed(f, "fill.BTC-PERP", T0 + 3.5,
         "{\"side\":\"sell\",\"qty\":5,\"px\":64999.5,\"fee\":16.25,\"book\":\"hedge\",\"cl_ord_id\":\"%s\"}", clid);
    assert_int_equal(f->a.orders.o[0].state, ORD_FILLED);
    ticks(f, T0 + 4, T0 + 30);
    assert_int_equal(f->sent.n, 1);
    const snap_hedge *h = row(f, "BTC", T0 + 30);
    assert_state(h, HG_INSIDE);
    assert_near(h->inflight_usd, 0, 0);
    assert_near(h->net_delta_usd, 5.0004 * 65000 - 5 * 65000, 1e-6);
}

/* Acknowledged, not filled: it is still out, delta counts it, nothing
 * more is sent after the cooldown either. */
static void acknowledged_unfilled_is_pending(void **state)
{
    fx *f = *state;
    auto_start(f, NULL);
    app_tick(&f->a, T0 + 3);
    char clid[128], msg[256];
    str_of(f->sent.msg[0], "cl_ord_id", clid, sizeof clid);
    snprintf(msg, sizeof msg, "{\"type\":\"ack\",\"cl_ord_id\":\"%s\"}", clid);
    app_order_reply(&f->a, msg, strlen(msg), T0 + 3.1);
    ticks(f, T0 + 4, T0 + 30);
    assert_int_equal(f->sent.n, 1);
    const snap_hedge *h = row(f, "BTC", T0 + 30);
    assert_state(h, HG_PENDING);
    assert_non_null(strstr(h->reason, clid));
    assert_near(h->inflight_usd, -325000, 1e-6);
}

/* Above the maximum order the automatic order is capped, every time. */
static void automatic_orders_never_above_the_maximum(void **state)
{
    fx *f = *state;
    auto_start(f, "max_order_usd = 100000\n");
    ticks(f, T0 + 3, T0 + 40); /* never acknowledged: resends, expiries, cooldowns */
    assert_true(distinct_orders(&f->sent) >= 3);
    for (size_t k = 0; k < f->sent.n; k++) {
        const char *m = f->sent.msg[k];
        assert_near(num_of(m, "lots"), 1538, 0);
        assert_true(fabs(num_of(m, "usd")) <= 100000);
        assert_true(num_of(m, "lots") * 0.001 * num_of(m, "px") <= 100000);
    }
    for (size_t i = 0; i < f->a.orders.n; i++)
        assert_true(fabs(f->a.orders.o[i].usd) <= 100000);
}

/* No automatic order without auto_hedge, with it off for the underlying,
 * without --trader, or under the kill switch. */
static void no_automatic_order_when_not_allowed(void **state)
{
    fx *f = *state;
    static const struct {
        const char *ini;
        bool trader, kill;
    } cases[] = {
        {"[hedging]\nauto_hedge = off\n", true, false},
        {"[hedging]\nauto_hedge = on\n[underlying BTC]\nauto_hedge = off\n", true, false},
        {"[hedging]\nauto_hedge = on\n", false, false},
        {"[hedging]\nauto_hedge = on\n", true, true},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        fx_config(f, cases[k].ini);
        f->o.trader = cases[k].trader;
        f->o.stale_s = 1e6;
        fx_start(f);
        fx_channel(f);
        if (cases[k].kill) { /* on before the position arrives */
            ovr_change c;
            assert_int_equal(ovr_propose_kill(&f->a.ovr, true, &c), 0);
            assert_int_equal(app_override(&f->a, &c, T0 - 1, "test"), 0);
        }
        btc_market(f, 5.0004, T0);
        ticks(f, T0 + 1, T0 + 20);
        if (f->sent.n != 0)
            fail_msg("case %zu: %zu orders sent", k, f->sent.n);
        assert_int_equal(f->a.orders.n, 0);
        fx_stop(f);
    }
    /* the control: with it allowed, the same sends */
    fx_config(f, "[hedging]\nauto_hedge = off\n[underlying BTC]\nauto_hedge = on\n");
    f->o.trader = true;
    f->o.stale_s = 1e6;
    fx_start(f);
    fx_channel(f);
    btc_market(f, 5.0004, T0);
    ticks(f, T0 + 1, T0 + 1);
    assert_int_equal(distinct_orders(&f->sent), 1); /* sent at the position, again at T0+1 */
    assert_int_equal(f->a.orders.n, 1);
}

#define FX(t) cmocka_unit_test_setup_teardown(t, fx_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        FX(default_instrument_is_the_perp_priced_last),
        FX(configured_instrument),
        FX(band_is_half_the_delta_limit_unless_given),
        FX(suggestion_and_who_may_send_it),
        FX(inside_the_band),
        FX(capped_at_the_maximum_order),
        FX(stale_hedge_price),
        FX(configured_cross_hedge_from_sampled_prices),
        FX(cross_hedge_with_the_most_correlated),
        FX(one_order_then_the_cooldown),
        FX(unacknowledged_order_expires_then_the_next),
        FX(filled_back_inside_sends_nothing_more),
        FX(acknowledged_unfilled_is_pending),
        FX(automatic_orders_never_above_the_maximum),
        FX(no_automatic_order_when_not_allowed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
