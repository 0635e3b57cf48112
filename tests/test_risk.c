/* test_risk.c - history, exposures and the four portfolio VaR methods,
 * against closed forms: log returns, the explicit EWMA weighted sum,
 * Black-Scholes deltas, sqrt(w'Sw) for delta-normal, and for a position
 * whose value is monotone in one underlying, the P&L quantile at the normal
 * quantile of the move. */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "testapp.h"
#include "testutil.h"

#include "invtop/app.h"
#include "invtop/bookrisk.h"
#include "invtop/bs.h"
#include "invtop/portvar.h"
#include "invtop/riskrun.h"

static void history_returns_and_ewma(void **state)
{
    (void)state;
    history *h = hist_new(4, 50, 0.94);
    assert_non_null(h);
    assert_int_equal(hist_index(h, "A", true), 0);
    assert_int_equal(hist_index(h, "B", true), 1);
    assert_int_equal(hist_index(h, "C", false), -1);
    double px[2] = {100, 50};
    hist_sample(h, px); /* first sample: prices only */
    assert_int_equal(hist_nreturns(h), 0);
    double ra[40], rb[40];
    for (int t = 0; t < 40; t++) {
        ra[t] = 0.01 * sin(t * 1.3);
        rb[t] = 0.02 * cos(t * 0.7);
        px[0] *= exp(ra[t]);
        px[1] *= exp(rb[t]);
        if (t == 5) {
            double saved = px[1];
            px[1] = NAN; /* unknown at this sample: return 0, price kept */
            hist_sample(h, px);
            px[1] = saved;
            continue; /* the next return spans two steps */
        }
        hist_sample(h, px);
    }
    assert_int_equal(hist_nreturns(h), 40);
    assert_true(fabs(hist_returns(h, 0)[0] - ra[0]) < 1e-12);
    assert_true(fabs(hist_returns(h, 39)[0] - ra[39]) < 1e-12);
    assert_true(hist_returns(h, 5)[1] == 0);
    /* B's return after the gap is the two-step log change */
    double b6 = 0.02 * cos(5 * 0.7) + 0.02 * cos(6 * 0.7);
    assert_true(fabs(hist_returns(h, 6)[1] - b6) < 1e-12);
    /* EWMA: equal weights over the first 20, then lambda decay, written as a sum */
    const double *r[40];
    for (int t = 0; t < 40; t++)
        r[t] = hist_returns(h, (size_t)t);
    double seed_ab = 0;
    for (int t = 0; t < 20; t++)
        seed_ab += r[t][0] * r[t][1] / 20;
    double expect = pow(0.94, 20) * seed_ab;
    for (int t = 20; t < 40; t++)
        expect += 0.06 * pow(0.94, 39 - t) * r[t][0] * r[t][1];
    assert_true(fabs(hist_cov(h, 0, 1) - expect) < 1e-15);
    assert_true(hist_cov(h, 1, 0) == hist_cov(h, 0, 1));
    hist_free(h);
}

static event mk(event_kind k, const char *sym)
{
    event e = {.kind = k};
    snprintf(e.sym, sizeof e.sym, "%s", sym);
    return e;
}

static void apply_inst(book *b, const char *sym, inst_kind kind, const char *und, double mult)
{
    event e = mk(EVENT_INST, sym);
    e.u.inst.kind = kind;
    snprintf(e.u.inst.underlying, sizeof e.u.inst.underlying, "%s", und);
    e.u.inst.mult = mult;
    e.u.inst.iv = NAN;
    e.u.inst.strike = NAN;
    e.u.inst.expiry = NAN;
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

static void apply_px(book *b, const char *sym, double mid)
{
    event e = mk(EVENT_PX, sym);
    e.u.px.bid = e.u.px.ask = NAN;
    e.u.px.mid = mid;
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

static void apply_pos(book *b, const char *sym, double qty)
{
    event e = mk(EVENT_POS, sym);
    e.u.pos.qty = qty;
    e.u.pos.avg_px = NAN;
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

static void apply_option(book *b, const char *sym, const char *und, double strike, double expiry,
                         char right, double iv)
{
    event e = mk(EVENT_INST, sym);
    e.u.inst.kind = INST_OPTION;
    snprintf(e.u.inst.underlying, sizeof e.u.inst.underlying, "%s", und);
    e.u.inst.mult = 1;
    e.u.inst.strike = strike;
    e.u.inst.expiry = expiry;
    e.u.inst.right = right;
    e.u.inst.iv = iv;
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

static void exposures(void **state)
{
    (void)state;
    const double now = 1.7e9, year = BS_SECONDS_PER_YEAR;
    book *b = book_new(16);
    history *h = hist_new(8, 10, 0.94);
    exposure e;
    assert_int_equal(expo_init(&e, 16, 8), 0);
    apply_inst(b, "BTC-PERP", INST_PERP, "BTC", 0.001);
    apply_px(b, "BTC-PERP", 101);
    apply_pos(b, "BTC-PERP", 1000);
    apply_option(b, "BTC-C", "BTC", 100, now + year, 'C', 0.2);
    apply_pos(b, "BTC-C", 2);
    apply_option(b, "BTC-OLD", "BTC", 100, now - 1, 'P', 0.2);
    apply_pos(b, "BTC-OLD", 5);
    apply_option(b, "BTC-NOVOL", "BTC", 100, now + year, 'P', NAN);
    apply_pos(b, "BTC-NOVOL", 1);
    apply_px(b, "ETH", 10); /* no inst: its own underlying, spot */
    apply_pos(b, "ETH", -3);
    expo_compute(&e, b, h, now, 0.0, NAN, NULL);
    int btc = hist_index(h, "BTC", false);
    assert_true(btc >= 0);
    /* only the perp prices BTC */
    assert_near(e.und[btc].price, 101, 0);
    assert_near(e.inst[0].delta, 1000 * 0.001, 1e-12);
    assert_near(e.inst[0].delta_usd, 1000 * 0.001 * 101, 1e-9);
    bs_greeks g;
    assert_int_equal(bs_greeks_of(101, 100, 1, 0, 0.2, 'C', &g), 0);
    assert_near(e.inst[1].delta, 2 * g.delta, 1e-12);
    assert_near(e.inst[1].gamma, 2 * g.gamma, 1e-12);
    assert_near(e.inst[1].vega, 2 * g.vega / 100, 1e-12);
    assert_near(e.inst[1].theta, 2 * g.theta / 365, 1e-12);
    assert_int_equal(e.inst[2].status, EXPO_EXPIRED);
    assert_near(e.inst[2].delta, 0, 0);
    assert_int_equal(e.inst[3].status, EXPO_MISSING_VOL);
    assert_near(e.und[btc].delta_usd, 101 + 2 * g.delta * 101, 1e-9);
    assert_near(e.und[btc].linear_usd, 101, 1e-9);
    int eth = hist_index(h, "ETH", false);
    assert_near(e.und[eth].delta_usd, -30, 1e-12);
    assert_int_equal(e.nopt, 1);
    /* a default vol fills the gap; an exactly named instrument beats the perp */
    apply_px(b, "BTC", 100);
    expo_compute(&e, b, h, now, 0.0, 0.5, NULL);
    assert_near(e.und[btc].price, 100, 0);
    assert_int_equal(e.inst[3].status, EXPO_OK);
    assert_int_equal(e.nopt, 2);
    assert_string_equal(expo_status_name(EXPO_MISSING_VOL), "missing_vol");
    /* an instrument moved to another underlying is counted there at once */
    apply_inst(b, "BTC-PERP", INST_PERP, "ETH", 0.001);
    expo_compute(&e, b, h, now, 0.0, 0.5, NULL);
    assert_int_equal(e.inst[0].und, eth);
    assert_near(e.und[eth].delta_usd, -30 + 1000 * 0.001 * 101, 1e-9); /* at its own mid */
    expo_free(&e);
    hist_free(h);
    book_free(b);
}

/* One underlying at price S, a delta-one exposure D and optional long call. */
static void single(pv_inputs *in, double S, double D, double sigma2, const expo_option *call)
{
    assert_int_equal(pv_inputs_init(in, 2, 2), 0);
    in->nund = 1;
    in->price[0] = S;
    in->ln_price[0] = log(S);
    in->linear_usd[0] = D;
    in->delta_usd[0] = D;
    in->cov[0] = sigma2;
    in->cov_ready = true;
    if (call) {
        in->opt[0] = *call;
        in->nopt = 1;
    }
}

static void parametric_closed_form(void **state)
{
    (void)state;
    pv_params p;
    pv_default_params(&p);
    pv_result res = {0};
    pv_inputs in;
    assert_int_equal(pv_inputs_init(&in, 2, 1), 0);
    in.nund = 2;
    in.delta_usd[0] = 1e6;
    in.delta_usd[1] = -4e5;
    double s1 = 2e-4, s2 = 3e-4, rho = 0.6;
    in.cov[0] = s1 * s1;
    in.cov[1] = in.cov[2] = rho * s1 * s2;
    in.cov[3] = s2 * s2;
    in.cov_ready = true;
    pv_parametric(&in, &p, &res);
    double sd = sqrt(1e12 * s1 * s1 + 1.6e11 * s2 * s2 - 2 * 4e11 * rho * s1 * s2) * sqrt(60.0);
    assert_true(res.valid[PV_PARAMETRIC]);
    assert_near(res.var[PV_PARAMETRIC][0], 1.6448536269514722 * sd, 1e-6);
    assert_near(res.var[PV_PARAMETRIC][1], 2.3263478740408408 * sd, 1e-6);
    assert_near(res.es[PV_PARAMETRIC], 2.3378027922014240 * sd, 1e-6);
    pv_inputs_free(&in);
}

static void historical_linear(void **state)
{
    (void)state;
    history *h = hist_new(1, 100, 0.94);
    assert_int_equal(hist_index(h, "X", true), 0);
    double px = 100;
    hist_sample(h, &px);
    double rets[5] = {-0.02, 0.01, -0.005, 0.03, -0.01};
    for (int i = 0; i < 5; i++) {
        px *= exp(rets[i]);
        hist_sample(h, &px);
    }
    pv_params p;
    pv_default_params(&p);
    p.horizon_s = 4; /* scale 2 */
    pv_inputs in;
    single(&in, px, 1000, hist_cov(h, 0, 0), NULL);
    double scratch[110];
    pv_result res = {0};
    pv_historical(&in, h, &p, scratch, &res);
    assert_true(res.valid[PV_HISTORICAL] && res.valid[PV_CORNISH_FISHER]);
    /* P&L sorted: 1000*expm1(2r) for r = -0.02, -0.01, -0.005, 0.01, 0.03.
     * Type-7 at 5%: h = 4*0.05 = 0.2 between the two smallest. */
    double a = 1000 * expm1(-0.04), b = 1000 * expm1(-0.02);
    assert_near(res.var[PV_HISTORICAL][0], -(a + 0.2 * (b - a)), 1e-9);
    assert_near(res.es[PV_HISTORICAL], -a, 1e-9); /* 97.5%: h = 0.1, only a below */
    assert_int_equal(res.scenarios[PV_HISTORICAL], 5);
    pv_inputs_free(&in);
    hist_free(h);
}

static void monte_carlo_against_closed_form(void **state)
{
    (void)state;
    const double S = 100, sigma = 0.002; /* per sample */
    pv_params p;
    pv_default_params(&p);
    p.horizon_s = 25; /* scale 5: sd of the move 0.01 */
    p.mc_paths = 200000;
    expo_option call = {0, 100, 0.25, 0, 0.6, 'C', 10, 0, 0, 0, 0};
    call.base = bs_price(S, 100, 0.25, 0, 0.6, 'C');
    call.d_shift = -log(100.0) + 0.5 * 0.36 * 0.25;
    call.vol_sqrt_t = 0.6 * 0.5;
    call.strike_df = 100;
    pv_inputs in;
    single(&in, S, 5000, sigma * sigma, &call);
    pv_result res = {0}, again = {0};
    assert_int_equal(pv_monte_carlo(&in, &p, &res), 0);
    assert_int_equal(pv_monte_carlo(&in, &p, &again), 0);
    assert_true(res.valid[PV_MONTE_CARLO]);
    assert_true(res.var[PV_MONTE_CARLO][1] == again.var[PV_MONTE_CARLO][1]); /* seeded */
    /* long exposure and long call: P&L increases with the move, so its
     * 1% quantile is the P&L at the move's 1% quantile */
    for (size_t k = 0; k < p.nvar; k++) {
        double m = gsl_cdf_ugaussian_Pinv(1 - p.var_levels[k]) * 0.01;
        double pnl = 5000 * expm1(m) + 10 * (bs_price(S * exp(m), 100, 0.25, 0, 0.6, 'C') - call.base);
        double got = res.var[PV_MONTE_CARLO][k];
        if (fabs(got - (-pnl)) > 0.02 * fabs(pnl))
            fail_msg("level %.2f: MC VaR %.4f, closed form %.4f", p.var_levels[k], got, -pnl);
    }
    in.cov_ready = false;
    pv_result none = {0};
    assert_int_equal(pv_monte_carlo(&in, &p, &none), 0);
    assert_false(none.valid[PV_MONTE_CARLO]);
    pv_inputs_free(&in);
}

static void singular_covariance_still_factors(void **state)
{
    (void)state;
    pv_params p;
    pv_default_params(&p);
    p.mc_paths = 1000;
    pv_inputs in;
    assert_int_equal(pv_inputs_init(&in, 3, 1), 0);
    in.nund = 3;
    double s = 1e-3;
    /* two underlyings moving as one, a third that never moves */
    double c[9] = {s * s, s * s, 0, s * s, s * s, 0, 0, 0, 0};
    memcpy(in.cov, c, sizeof c);
    for (int u = 0; u < 3; u++) {
        in.price[u] = 10;
        in.ln_price[u] = log(10.0);
        in.linear_usd[u] = in.delta_usd[u] = 100;
    }
    in.cov_ready = true;
    pv_result res = {0};
    assert_int_equal(pv_monte_carlo(&in, &p, &res), 0);
    assert_true(res.valid[PV_MONTE_CARLO] && isfinite(res.var[PV_MONTE_CARLO][1]));
    pv_inputs_free(&in);
}

/* ---- issue 12: per-book figures and the event clock ---- */

static void apply_pos_in(book *b, const char *sym, const char *name, double qty, double avg)
{
    event e = mk(EVENT_POS, sym);
    snprintf(e.book, sizeof e.book, "%s", name);
    e.u.pos.qty = qty;
    e.u.pos.avg_px = avg;
    assert_int_equal(book_apply(b, &e, 0, NULL), 0);
}

/* Gross, net, delta, P&L and parametric VaR per book, by hand:
 *   BTC (spot, its own underlying, mid 100): mm 3 @ 90 then sells 1 @ 105
 *     fee 0.5 -> mm 2 @ 90, realized 15 - 0.5 = 14.5; hedge -1 @ 110.
 *   ETH-PERP (underlying ETH, mult 0.5, mid 2000): hedge 4 @ 1900.
 *   mm:    notional 2*100 = 200; delta 200; unrealized (100-90)*2 = 20.
 *   hedge: BTC -100, ETH 4*0.5*2000 = 4000; gross 4100, net 3900;
 *          unrealized (100-110)*-1 + (2000-1900)*4*0.5 = 10 + 200 = 210. */
static void per_book_figures(void **state)
{
    (void)state;
    book *b = book_new(8);
    history *h = hist_new(8, 10, 0.94);
    exposure e;
    assert_int_equal(expo_init(&e, 8, 8), 0);
    apply_pos_in(b, "BTC", "mm", 3, 90);
    apply_pos_in(b, "BTC", "hedge", -1, 110);
    event f = mk(EVENT_FILL, "BTC");
    strcpy(f.book, "mm");
    f.u.fill.qty = -1;
    f.u.fill.px = 105;
    f.u.fill.fee = 0.5;
    assert_int_equal(book_apply(b, &f, 0, NULL), 0);
    apply_px(b, "BTC", 100);
    apply_inst(b, "ETH-PERP", INST_PERP, "ETH", 0.5);
    apply_px(b, "ETH-PERP", 2000);
    apply_pos_in(b, "ETH-PERP", "hedge", 4, 1900);
    expo_compute(&e, b, h, 10, 0.0, NAN, NULL);
    assert_int_equal(hist_find(h, "BTC"), 0);
    assert_int_equal(hist_find(h, "ETH"), 1);

    pv_params p;
    pv_default_params(&p); /* horizon 60 s, sample 1 s, VaR 95% and 99% */
    brisk_row rows[BOOK_MAX_BOOKS];
    for (size_t k = 0; k < BOOK_MAX_BOOKS; k++)
        rows[k].delta.since = rows[k].var.since = NAN;
    brisk_limits lim[2] = {{250, NAN}, {NAN, NAN}};
    double scratch[8];
    assert_int_equal(brisk_compute(rows, BOOK_MAX_BOOKS, b, &e, NULL, &p, lim, 10, scratch), 2);
    assert_string_equal(book_name(b, 0), "mm");
    assert_near(rows[0].gross_usd, 200, 1e-9);
    assert_near(rows[0].net_usd, 200, 1e-9);
    assert_near(rows[0].net_delta_usd, 200, 1e-9);
    assert_near(rows[0].pnl_realized, 14.5, 1e-9);
    assert_near(rows[0].pnl_unrealized, 20, 1e-9);
    assert_true(isnan(rows[0].var_usd)); /* no covariance given */
    assert_near(rows[0].delta.util, 200.0 / 250, 1e-12);
    assert_true(isnan(rows[0].delta.since));
    assert_true(isnan(rows[0].var.util)); /* no limit */
    assert_near(rows[1].gross_usd, 4100, 1e-9);
    assert_near(rows[1].net_usd, 3900, 1e-9);
    assert_near(rows[1].net_delta_usd, 3900, 1e-9);
    assert_near(rows[1].pnl_realized, 0, 1e-9);
    assert_near(rows[1].pnl_unrealized, 210, 1e-9);
    assert_true(isnan(rows[1].delta.util));
    /* the books sum to the instruments */
    assert_near(rows[0].net_usd + rows[1].net_usd, book_notional(book_at(b, 0)) + book_notional(book_at(b, 1)),
                1e-9);

    /* a breach keeps the time it began */
    lim[0].max_delta_usd = 150;
    brisk_compute(rows, BOOK_MAX_BOOKS, b, &e, NULL, &p, lim, 10, scratch);
    assert_near(rows[0].delta.util, 200.0 / 150, 1e-12);
    assert_near(rows[0].delta.since, 10, 0);
    brisk_compute(rows, BOOK_MAX_BOOKS, b, &e, NULL, &p, lim, 20, scratch);
    assert_near(rows[0].delta.since, 10, 0);

    /* delta-normal VaR per book with a diagonal covariance (per 1 s sample):
     * sd = sqrt(sum d_u^2 s_u^2) * sqrt(60 / 1), VaR99 = 2.3263478740408408 sd */
    pv_inputs in;
    assert_int_equal(pv_inputs_init(&in, 2, 1), 0);
    in.nund = 2;
    const double s1 = 2e-4, s2 = 3e-4;
    in.cov[0] = s1 * s1;
    in.cov[1] = in.cov[2] = 0;
    in.cov[3] = s2 * s2;
    in.cov_ready = true;
    lim[0] = (brisk_limits){NAN, 0.5}; /* VaR99 of mm is 2.326 * 0.3098 = 0.72: breached */
    brisk_compute(rows, BOOK_MAX_BOOKS, b, &e, &in, &p, lim, 30, scratch);
    double sd_mm = 200 * s1 * sqrt(60.0);
    double sd_hedge = sqrt(100.0 * 100 * s1 * s1 + 4000.0 * 4000 * s2 * s2) * sqrt(60.0);
    assert_near(rows[0].var_usd, 2.3263478740408408 * sd_mm, 1e-9);
    assert_near(rows[1].var_usd, 2.3263478740408408 * sd_hedge, 1e-9);
    assert_near(rows[0].var.util, 2.3263478740408408 * sd_mm / 0.5, 1e-9);
    assert_near(rows[0].var.since, 30, 0);
    assert_true(isnan(rows[0].delta.since)); /* the delta limit is off again */
    pv_inputs_free(&in);
    expo_free(&e);
    hist_free(h);
    book_free(b);
}

static void rr_setup(riskrun *r, size_t window)
{
    rr_params p;
    rr_default_params(&p);
    p.mc_async = false;
    p.window = window;
    assert_int_equal(rr_init(r, &p, 8), 0);
    assert_near(r->p.pv.sample_s, 1, 0);
}

/* One sample per boundary crossed, however many or few calls. X is a spot
 * (its own underlying) priced 100 at t0 and 100 + k right after the tick at
 * t0 + k (the runner is ticked before a message changes the book). */
static void samples_every_boundary(void **state)
{
    (void)state;
    const double t0 = 1.7e9; /* on the 1 s grid */
    riskrun r;
    rr_setup(&r, 500);
    book *b = book_new(4);
    apply_pos(b, "X", 1);
    apply_px(b, "X", 100);
    assert_false(rr_tick(&r, b, t0)); /* the grid starts: next boundary t0 + 1 */
    for (int k = 1; k <= 39; k++) {
        assert_true(rr_tick(&r, b, t0 + k));
        apply_px(b, "X", 100 + k);
    }
    /* 39 boundaries t0+1 .. t0+39, 39 samples; the first only primes the
     * prices (no return before it): 38 returns */
    assert_int_equal(hist_total_returns(r.hist), 38);
    /* sample k saw the price set after tick k-1: 99 + k */
    assert_near(hist_returns(r.hist, 37)[0], log(138.0 / 137.0), 1e-15);
    /* a quiet stretch of 5.5 s crosses t0+40 .. t0+44: 5 samples, the first
     * with the move 138 -> 139, the other four flat */
    assert_true(rr_tick(&r, b, t0 + 44.5));
    assert_int_equal(hist_total_returns(r.hist), 43);
    assert_near(hist_returns(r.hist, 38)[0], log(139.0 / 138.0), 1e-15);
    for (size_t k = 39; k < 43; k++)
        assert_near(hist_returns(r.hist, k)[0], 0, 0);
    /* no boundary since t0+44: nothing */
    assert_false(rr_tick(&r, b, t0 + 44.9));
    assert_int_equal(hist_total_returns(r.hist), 43);
    /* exactly on boundaries: t0+45 and t0+46 are both crossed */
    assert_true(rr_tick(&r, b, t0 + 46));
    assert_int_equal(hist_total_returns(r.hist), 45);
    rr_free(&r);
    book_free(b);
}

/* A jump of 99 boundaries keeps at most a window's worth of samples. */
static void samples_capped_at_window(void **state)
{
    (void)state;
    const double t0 = 1.7e9;
    riskrun r;
    rr_setup(&r, 8);
    book *b = book_new(4);
    apply_pos(b, "X", 1);
    apply_px(b, "X", 100);
    assert_false(rr_tick(&r, b, t0));
    assert_true(rr_tick(&r, b, t0 + 1)); /* primes */
    assert_int_equal(hist_total_returns(r.hist), 0);
    apply_px(b, "X", 101);
    /* t0+2 .. t0+100 is 99 boundaries, capped at the window of 8 */
    assert_true(rr_tick(&r, b, t0 + 100.5));
    assert_int_equal(hist_total_returns(r.hist), 8);
    assert_int_equal(hist_nreturns(r.hist), 8);
    assert_near(hist_returns(r.hist, 0)[0], log(101.0 / 100.0), 1e-15);
    rr_free(&r);
    book_free(b);
}

/* --clock ts on a tape a year old, received now: the replay loop ticks
 * before each message at app_now (the receive time before any ts). The
 * sampling grid must start on the event clock, not at the receive time. */
static void old_tape_with_ts_clock(void **state)
{
    (void)state;
    const double wall = 1.73e9, t0 = 1.7e9 - 365 * 86400.0; /* 1668464000 */
    engcfg o;
    test_app_options(&o);
    o.clock_ts = true;
    app a;
    test_app_start(&a, &o);
    char body[128];
    for (int k = 0; k < 40; k++) {
        double recv = wall + k * 0.001;
        app_tick(&a, app_now(&a, recv)); /* as the replay loop does */
        snprintf(body, sizeof body, "{\"mid\":%d,\"ts\":%.0f}", 100 + k, t0 + k);
        test_app_feed(&a, "px.X", body, recv);
        if (k == 0)
            test_app_feed(&a, "pos.X", "{\"qty\":1}", recv);
    }
    assert_near(app_now(&a, wall), t0 + 39, 0);
    /* the grid starts at t0; boundaries t0+1 .. t0+39 sampled before the
     * message at each: 39 samples, the first priming: 38 returns */
    assert_int_equal(hist_total_returns(a.risk.hist), 38);
    app_free(&a);
}

/* Before any message nothing is due: the loop sleeps until one comes (an
 * idle dashboard spun a core at 100% when this said "due now"). After the
 * first message the next sample is due within one sample interval. */
static void idle_engine_has_nothing_due(void **state)
{
    (void)state;
    engcfg o;
    test_app_options(&o);
    app a;
    test_app_start(&a, &o);
    const double wall = 1.73e9;
    assert_true(app_tick(&a, app_now(&a, wall)) > 1e6);
    assert_true(app_tick(&a, app_now(&a, wall + 5)) > 1e6);
    test_app_feed(&a, "px.X", "{\"mid\":100}", wall + 5.25);
    const double due = app_tick(&a, app_now(&a, wall + 5.25));
    assert_true(due > 0 && due <= o.risk.pv.sample_s);
    app_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(history_returns_and_ewma),
        cmocka_unit_test(exposures),
        cmocka_unit_test(parametric_closed_form),
        cmocka_unit_test(historical_linear),
        cmocka_unit_test(monte_carlo_against_closed_form),
        cmocka_unit_test(singular_covariance_still_factors),
        cmocka_unit_test(per_book_figures),
        cmocka_unit_test(samples_every_boundary),
        cmocka_unit_test(samples_capped_at_window),
        cmocka_unit_test(old_tape_with_ts_clock),
        cmocka_unit_test(idle_engine_has_nothing_due),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
