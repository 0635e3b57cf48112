/* test_stress.c - the stress matrix against hand computations and against
 * independent revaluations: bs_price (GSL's normal cdf, where the module
 * uses bs_price_fast) for options, lp_value for LP ranges, qm S move for
 * delta-one. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "invtop/bs.h"
#include "invtop/lp.h"
#include "invtop/stress.h"

#define DAY (1.0 / 365)

static stress_leg linear(size_t und, size_t inst, size_t book, double qm, double spot)
{
    return (stress_leg){.kind = STRESS_LINEAR, .und = und, .inst = inst, .book = book, .qm = qm, .spot = spot};
}

static stress_leg option(size_t und, size_t inst, size_t book, double qm, double S, double K, double T,
                         double sigma, char right)
{
    return (stress_leg){.kind = STRESS_OPTION, .und = und, .inst = inst, .book = book, .qm = qm,
                        .spot = S, .strike = K, .T = T, .r = 0.01, .sigma = sigma, .right = right};
}

static stress_leg lp(size_t und, size_t inst, size_t book, double L, double P, double lower, double upper)
{
    return (stress_leg){.kind = STRESS_LP, .und = und, .inst = inst, .book = book, .qm = L, .spot = P,
                        .lower = lower, .upper = upper};
}

/* The vol of row v, from the Deribit formula written out again here. */
static double row_vol(double sigma, double T, size_t v)
{
    double days = T * 365, power = days <= 30 ? 0.3 : 0.13;
    double m = pow(30 / fmax(days, 1), power);
    return v == 0 ? sigma * (1 - 0.25 * m) : v == 1 ? sigma : sigma * (1 + 0.5 * m);
}

/* An option leg's P&L revalued with bs_price. */
static double bs_pnl(const stress_leg *l, double move, double sigma)
{
    return l->qm * (bs_price(l->spot * (1 + move), l->strike, l->T, l->r, sigma, l->right) -
                    bs_price(l->spot, l->strike, l->T, l->r, l->sigma, l->right));
}

static void default_params_are_deribits(void **state)
{
    (void)state;
    stress_params p;
    stress_default_params(&p);
    static const double moves[] = {-0.16, -0.12, -0.08, -0.04, 0, 0.04, 0.08, 0.12, 0.16};
    static const double ext[] = {-0.66, -0.33, 0.5, 1, 2, 3, 4, 5};
    assert_int_equal(p.nmoves, 9);
    assert_int_equal(p.nextended, 8);
    for (size_t k = 0; k < 9; k++)
        assert_true(p.moves[k] == moves[k]);
    for (size_t k = 0; k < 8; k++)
        assert_true(p.extended[k] == ext[k]);
    assert_true(p.vol_up == 0.5 && p.vol_down == 0.25 && p.power_short == 0.3 && p.power_long == 0.13);
    char why[128] = "";
    assert_int_equal(stress_params_check(&p, why, sizeof why), 0);
    assert_string_equal(why, "");
}

/* 2 BTC perp long at 65000: exactly 2 * 65000 * move in every vol row. */
static void perp_is_linear_in_every_vol_row(void **state)
{
    (void)state;
    stress_params p;
    stress_default_params(&p);
    stress_leg leg = linear(0, 0, 0, 2, 65000);
    stress_grid port, und, book;
    double scratch[1];
    stress_run(&p, &leg, 1, 1, 1, 1, &port, &und, &book, scratch);
    for (size_t v = 0; v < STRESS_VOLS; v++)
        for (size_t k = 0; k < p.nmoves; k++)
            if (port.pnl[v][k] != 2 * 65000 * p.moves[k])
                fail_msg("row %zu move %g: %.17g, expected %.17g", v, p.moves[k], port.pnl[v][k],
                         2 * 65000 * p.moves[k]);
    for (size_t k = 0; k < p.nextended; k++)
        assert_true(port.ext[k] == 2 * 65000 * p.extended[k]);
    assert_near(port.worst.pnl, -20800, 1e-9);
    assert_int_equal(port.worst.move, 0); /* -0.16 */
    assert_int_equal(port.worst.vol, 0);  /* every row ties: the first */
    assert_int_equal(port.worst.inst, 0);
    assert_near(port.worst.inst_pnl, -20800, 1e-9);
    assert_near(und.worst.pnl, -20800, 1e-9);
    assert_near(book.worst.pnl, -20800, 1e-9);
}

/* m = (30 / max(days, 1))^power: 1 day 30^0.3, 10 days 3^0.3, 30 days 1,
 * 90 days (1/3)^0.13 (values from a calculator). */
static void vol_multiplier_by_expiry(void **state)
{
    (void)state;
    stress_params p;
    stress_default_params(&p);
    assert_near(stress_vol_mult(&p, 1 * DAY), 2.774191114672181, 1e-12);
    assert_near(stress_vol_mult(&p, 10 * DAY), 1.3903891703159093, 1e-12);
    assert_near(stress_vol_mult(&p, 30 * DAY), 1, 1e-12);
    assert_near(stress_vol_mult(&p, 90 * DAY), 0.8669104475782533, 1e-12);
    /* under a day counts as a day; either side of 30 days takes its power */
    assert_near(stress_vol_mult(&p, 0.25 * DAY), 2.774191114672181, 1e-12);
    assert_near(stress_vol_mult(&p, 29 * DAY), pow(30.0 / 29, 0.3), 1e-12);
    assert_near(stress_vol_mult(&p, 29.9 * DAY), pow(30.0 / 29.9, 0.3), 1e-12);
    assert_near(stress_vol_mult(&p, 31 * DAY), pow(30.0 / 31, 0.13), 1e-12);
    /* a 1-day option at 60 vol: down 0.6 (1 - 0.25 x 2.7742) = 0.18387,
     * up 0.6 (1 + 0.5 x 2.7742) = 1.43226 */
    assert_near(stress_shocked_vol(&p, 0.6, DAY, STRESS_VOL_DOWN), 0.18387133279917285, 1e-12);
    assert_near(stress_shocked_vol(&p, 0.6, DAY, STRESS_VOL_SAME), 0.6, 0);
    assert_near(stress_shocked_vol(&p, 0.6, DAY, STRESS_VOL_UP), 1.4322573344016543, 1e-12);
    /* 90 days: 0.6 (1 - 0.25 x 0.86691) and 0.6 (1 + 0.5 x 0.86691) */
    assert_near(stress_shocked_vol(&p, 0.6, 90 * DAY, STRESS_VOL_DOWN), 0.46996343286326201, 1e-12);
    assert_near(stress_shocked_vol(&p, 0.6, 90 * DAY, STRESS_VOL_UP), 0.86007313427347599, 1e-12);
}

/* Every cell of an option leg is qm (V(S (1 + move), sigma') - V(S, sigma))
 * by bs_price; and bs_price itself against a reference value. */
static void option_cell_is_a_bs_revaluation(void **state)
{
    (void)state;
    /* call S = K = 100, T = 0.25, r = 0.05, sigma = 0.3: 6.583084497992466
     * (scipy.stats.norm on the textbook formula) */
    assert_near(bs_price(100, 100, 0.25, 0.05, 0.3, 'C'), 6.583084497992466, 1e-12);
    stress_params p;
    stress_default_params(&p);
    stress_leg legs[] = {
        {.kind = STRESS_OPTION, .qm = 3, .spot = 100, .strike = 100, .T = 0.25, .r = 0.05, .sigma = 0.3, .right = 'C'},
        option(0, 0, 0, -7, 65000, 60000, 7 * DAY, 0.55, 'P'),
        option(0, 0, 0, 0.5, 3000, 3400, 200 * DAY, 0.8, 'C'),
    };
    for (size_t i = 0; i < sizeof legs / sizeof *legs; i++) {
        stress_grid port, und, book;
        double scratch[1];
        stress_run(&p, &legs[i], 1, 1, 1, 1, &port, &und, &book, scratch);
        for (size_t v = 0; v < STRESS_VOLS; v++)
            for (size_t k = 0; k < p.nmoves; k++) {
                double want = bs_pnl(&legs[i], p.moves[k], row_vol(legs[i].sigma, legs[i].T, v));
                if (fabs(port.pnl[v][k] - want) > 1e-9 * legs[i].spot * fabs(legs[i].qm))
                    fail_msg("leg %zu row %zu move %g: %.15g, bs_price %.15g", i, v, p.moves[k],
                             port.pnl[v][k], want);
            }
        /* no move, same vol: nothing happened, exactly */
        assert_true(port.pnl[STRESS_VOL_SAME][4] == 0);
    }
}

/* An LP leg is lp_value(P (1 + move)) - lp_value(P) in every vol row. */
static void lp_leg_is_the_lp_value_change(void **state)
{
    (void)state;
    stress_params p;
    stress_default_params(&p);
    stress_leg leg = lp(0, 0, 0, 1000, 3000, 2500, 3500);
    const lp_range r = {1000, 2500, 3500};
    stress_grid port, und, book;
    double scratch[1];
    stress_run(&p, &leg, 1, 1, 1, 1, &port, &und, &book, scratch);
    for (size_t v = 0; v < STRESS_VOLS; v++)
        for (size_t k = 0; k < p.nmoves; k++)
            assert_near(port.pnl[v][k], lp_value(&r, 3000 * (1 + p.moves[k])) - lp_value(&r, 3000), 1e-9);
    /* +50% takes the price to 4500, above the range: all quote, 9160.7978
     * against 8835.2562 now (test_lp's hand values) */
    assert_near(port.ext[2], 9160.797830996160426 - 8835.256217322228041, 1e-8);
    /* -66%: 1020, below it, all base: 3.0969149 x 1020 */
    assert_near(port.ext[0], 3.096914905429668450 * 1020 - 8835.256217322228041, 1e-8);
    /* the full range: 2 L (sqrt(P (1 + move)) - sqrt(P)) */
    stress_leg full = lp(0, 0, 0, 10, 3000, 0, INFINITY);
    stress_run(&p, &full, 1, 1, 1, 1, &port, &und, &book, scratch);
    assert_near(port.pnl[1][8], 2 * 10 * (sqrt(3000 * 1.16) - sqrt(3000)), 1e-9);
}

/* A mixed book: 2 underlyings, 3 books, every kind of leg. */
static const stress_leg mixed[] = {
    {.kind = STRESS_LINEAR, .und = 0, .inst = 0, .book = 0, .qm = 1, .spot = 65000},
    {.kind = STRESS_OPTION, .und = 0, .inst = 1, .book = 0, .qm = -5, .spot = 65000, .strike = 60000, .T = 7 * DAY, .r = 0.01, .sigma = 0.6, .right = 'P'},
    {.kind = STRESS_OPTION, .und = 0, .inst = 1, .book = 1, .qm = -5, .spot = 65000, .strike = 60000, .T = 7 * DAY, .r = 0.01, .sigma = 0.6, .right = 'P'},
    {.kind = STRESS_OPTION, .und = 0, .inst = 2, .book = 1, .qm = 2, .spot = 65000, .strike = 70000, .T = 60 * DAY, .r = 0.01, .sigma = 0.5, .right = 'C'},
    {.kind = STRESS_LINEAR, .und = 1, .inst = 3, .book = 2, .qm = -20, .spot = 3000},
    {.kind = STRESS_LP, .und = 1, .inst = 4, .book = 2, .qm = 1000, .spot = 3000, .lower = 2500, .upper = 3500},
    {.kind = STRESS_LINEAR, .und = 0, .inst = 0, .book = 2, .qm = -3, .spot = 65000},
};
#define NMIXED (sizeof mixed / sizeof *mixed)

static void grids_sum_to_the_portfolio(void **state)
{
    (void)state;
    stress_params p;
    stress_default_params(&p);
    stress_grid port, und[2], books[3];
    double scratch[5];
    stress_run(&p, mixed, NMIXED, 5, 2, 3, &port, und, books, scratch);
    for (size_t v = 0; v < STRESS_VOLS; v++)
        for (size_t k = 0; k < p.nmoves; k++) {
            assert_near(und[0].pnl[v][k] + und[1].pnl[v][k], port.pnl[v][k], 1e-8);
            assert_near(books[0].pnl[v][k] + books[1].pnl[v][k] + books[2].pnl[v][k], port.pnl[v][k], 1e-8);
        }
    for (size_t k = 0; k < p.nextended; k++) {
        assert_near(und[0].ext[k] + und[1].ext[k], port.ext[k], 1e-7);
        assert_near(books[0].ext[k] + books[1].ext[k] + books[2].ext[k], port.ext[k], 1e-7);
    }
    /* and the portfolio is the sum of the legs, each revalued on its own */
    double sum = 0;
    for (size_t i = 0; i < NMIXED; i++) {
        stress_grid g, gu[2], gb[3];
        stress_run(&p, &mixed[i], 1, 5, 2, 3, &g, gu, gb, scratch);
        sum += g.pnl[2][3];
    }
    assert_near(port.pnl[2][3], sum, 1e-8);
}

static void worst_instrument_in_a_mixed_book(void **state)
{
    (void)state;
    stress_params p;
    stress_default_params(&p);
    stress_grid port, und[2], books[3];
    double scratch[5];
    stress_run(&p, mixed, NMIXED, 5, 2, 3, &port, und, books, scratch);
    /* the worst cell is the lowest of the 27 */
    for (size_t v = 0; v < STRESS_VOLS; v++)
        for (size_t k = 0; k < p.nmoves; k++)
            assert_true(port.worst.pnl <= port.pnl[v][k]);
    assert_true(port.worst.pnl == port.pnl[port.worst.vol][port.worst.move]);
    /* 10 short 7-day puts on BTC: -16% with vol up, and they lose most there,
     * their two legs (in two books) summed */
    assert_int_equal(port.worst.move, 0);
    assert_int_equal(port.worst.vol, STRESS_VOL_UP);
    assert_int_equal(port.worst.inst, 1);
    double sig_up = row_vol(0.6, 7 * DAY, 2);
    assert_near(port.worst.inst_pnl, 2 * bs_pnl(&mixed[1], -0.16, sig_up), 1e-6);
    /* ETH: short 20 perp and an LP range; the worst is +16% (the perp loses
     * 20 x 3000 x 0.16 = 9600, the range gains less) and names the perp */
    assert_int_equal(und[1].worst.move, 8);
    assert_int_equal(und[1].worst.inst, 3);
    assert_near(und[1].worst.inst_pnl, -9600, 1e-9);
    /* book 2 holds BTC perp short 3 and the ETH legs: up 16% costs the perp
     * 3 x 65000 x 0.16 = 31200, the most; book 0 holds the same perp long,
     * where it gains: each book counts only its own legs of an instrument */
    assert_int_equal(books[2].worst.move, 8);
    assert_int_equal(books[2].worst.inst, 0);
    assert_near(books[2].worst.inst_pnl, -31200, 1e-9);
    assert_int_equal(books[0].worst.move, 0);
    assert_int_equal(books[0].worst.inst, 1);
    assert_near(books[0].worst.inst_pnl, bs_pnl(&mixed[1], -0.16, row_vol(0.6, 7 * DAY, books[0].worst.vol)), 1e-6);
    /* at the portfolio's worst cell the perp nets 1 - 3 = -2 BTC: a gain of
     * 2 x 65000 x 0.16, so it is not named though book 0's leg loses */
    assert_true(port.worst.inst != 0);
}

static void ties_and_empty_grids(void **state)
{
    (void)state;
    stress_params p;
    stress_default_params(&p);
    /* two identical perps: the lower index is named; an underlying and a
     * book without legs have flat grids and no instrument */
    stress_leg legs[] = {linear(0, 3, 0, 1, 100), linear(0, 1, 0, 1, 100)};
    stress_grid port, und[2], books[2];
    double scratch[4];
    stress_run(&p, legs, 2, 4, 2, 2, &port, und, books, scratch);
    assert_int_equal(port.worst.inst, 1);
    assert_near(port.worst.inst_pnl, -16, 1e-12);
    assert_int_equal(und[1].worst.inst, -1);
    assert_near(und[1].worst.pnl, 0, 0);
    assert_near(und[1].worst.inst_pnl, 0, 0);
    assert_int_equal(books[1].worst.inst, -1);
    /* no legs at all */
    stress_run(&p, NULL, 0, 0, 0, 0, &port, NULL, NULL, NULL);
    assert_int_equal(port.worst.inst, -1);
    assert_near(port.pnl[2][8], 0, 0);
}

/* The extended moves are valued with the vol up, only. */
static void extended_moves_use_vol_up(void **state)
{
    (void)state;
    stress_params p;
    stress_default_params(&p);
    stress_leg leg = option(0, 0, 0, 1.5, 65000, 70000, 14 * DAY, 0.55, 'C');
    stress_grid port, und, book;
    double scratch[1];
    stress_run(&p, &leg, 1, 1, 1, 1, &port, &und, &book, scratch);
    double up = row_vol(0.55, 14 * DAY, 2);
    for (size_t k = 0; k < p.nextended; k++) {
        double want = bs_pnl(&leg, p.extended[k], up);
        if (fabs(port.ext[k] - want) > 1e-9 * 65000 * 1.5)
            fail_msg("extended %g: %.15g, bs_price at vol up %.15g", p.extended[k], port.ext[k], want);
    }
    /* the vol matters at +50% (97,500 against a 70,000 strike, 14 days):
     * 1.5 x 160.8 more than at the same vol (scipy: 241.2) */
    assert_near(port.ext[2] - bs_pnl(&leg, 0.5, 0.55), 241.2039369383201, 1e-6);
}

/* Explicit moves per underlying and a vol shift. */
static void scenario_with_explicit_moves(void **state)
{
    (void)state;
    stress_leg legs[] = {
        linear(0, 0, 0, 2, 65000),
        linear(1, 1, 0, -30, 3000),
        option(0, 2, 0, -4, 65000, 60000, 20 * DAY, 0.5, 'P'),
        lp(1, 3, 0, 1000, 3000, 2500, 3500),
    };
    const double given[] = {-0.10, 0.05};
    stress_scenario s = {.und_move = given, .driver = -1, .vol_shift = 0.20};
    double moves[2], scratch[4], inst_pnl;
    long inst;
    double pnl = stress_scenario_pnl(&s, legs, 4, 4, 2, NULL, moves, &inst, &inst_pnl, scratch);
    assert_true(moves[0] == -0.10 && moves[1] == 0.05);
    const lp_range r = {1000, 2500, 3500};
    double perp = 2 * 65000 * -0.10, eth = -30 * 3000 * 0.05;
    double put = bs_pnl(&legs[2], -0.10, 0.70); /* 50 vol + 20 points */
    double range = lp_value(&r, 3150) - lp_value(&r, 3000);
    assert_near(pnl, perp + eth + put + range, 1e-6);
    /* short 4 puts 10% down with vol up 20 points lose most */
    assert_int_equal(inst, 2);
    assert_near(inst_pnl, put, 1e-6);
    /* a vol shift below zero vol floors at STRESS_MIN_VOL */
    stress_scenario crush = {.und_move = NULL, .driver = -1, .vol_shift = -1};
    pnl = stress_scenario_pnl(&crush, &legs[2], 1, 4, 2, NULL, moves, NULL, NULL, scratch);
    assert_true(moves[0] == 0 && moves[1] == 0);
    assert_near(pnl, bs_pnl(&legs[2], 0, STRESS_MIN_VOL), 1e-6);
}

/* A driver's move propagates by beta = cov / var: 2x2 by hand, var(BTC) =
 * 0.0004, cov(ETH, BTC) = 0.0006, so beta = 1.5 and BTC -10% moves ETH by
 * 0.9^1.5 - 1 = -0.1461850 (ln(1 + m) = 1.5 ln 0.9). */
static void scenario_with_beta_propagation(void **state)
{
    (void)state;
    const double cov[] = {0.0004, 0.0006, 0.0006, 0.0016};
    stress_leg legs[] = {linear(0, 0, 0, 1, 65000), linear(1, 1, 0, 10, 3000)};
    stress_scenario s = {.und_move = NULL, .driver = 0, .driver_move = -0.10};
    double moves[2], scratch[2], inst_pnl;
    long inst;
    double pnl = stress_scenario_pnl(&s, legs, 2, 2, 2, cov, moves, &inst, &inst_pnl, scratch);
    assert_near(moves[0], -0.10, 0);
    assert_near(moves[1], pow(0.9, 1.5) - 1, 1e-15);
    assert_near(moves[1], -0.14618503175453758, 1e-15); /* 30-digit decimal */
    assert_near(pnl, -6500 + 30000 * (pow(0.9, 1.5) - 1), 1e-9);
    assert_int_equal(inst, 0); /* -6500 against -4385.5 */
    assert_near(inst_pnl, -6500, 1e-9);
    /* ETH driving: beta of BTC on ETH = 0.0006 / 0.0016 = 0.375 */
    s.driver = 1;
    stress_scenario_pnl(&s, legs, 2, 2, 2, cov, moves, NULL, NULL, scratch);
    assert_near(moves[0], pow(0.9, 0.375) - 1, 1e-15);
    assert_near(moves[1], -0.10, 0);
    /* an underlying's own move wins over its beta */
    const double given[] = {NAN, 0.02};
    s = (stress_scenario){.und_move = given, .driver = 0, .driver_move = -0.10};
    stress_scenario_pnl(&s, legs, 2, 2, 2, cov, moves, NULL, NULL, scratch);
    assert_near(moves[1], 0.02, 0);
    /* no covariance, or a driver that never moved: nothing propagates */
    s = (stress_scenario){.und_move = NULL, .driver = 0, .driver_move = -0.10};
    stress_scenario_pnl(&s, legs, 2, 2, 2, NULL, moves, NULL, NULL, scratch);
    assert_near(moves[1], 0, 0);
    const double flat[] = {0, 0, 0, 0.0016};
    pnl = stress_scenario_pnl(&s, legs, 2, 2, 2, flat, moves, NULL, NULL, scratch);
    assert_near(moves[1], 0, 0);
    assert_near(pnl, -6500, 1e-9);
}

/* One bad value at a time into the defaults; the reason names the field. */
static const char *spoil(stress_params *p, int i)
{
    switch (i) {
    case 0: p->nmoves = 0; return "moves";
    case 1: p->nmoves = STRESS_MAX_MOVES + 1; return "moves";
    case 2: p->moves[3] = -1; return "moves[3]";
    case 3: p->moves[0] = NAN; return "moves[0]";
    case 4: p->moves[8] = INFINITY; return "moves[8]";
    case 5: p->extended[1] = -1.5; return "extended[1]";
    case 6: p->nextended = STRESS_MAX_MOVES + 1; return "extended";
    case 7: p->vol_up = -0.1; return "vol_up";
    case 8: p->vol_up = NAN; return "vol_up";
    case 9: p->vol_down = -0.1; return "vol_down";
    case 10: p->vol_down = 1; return "vol_down";
    case 11: p->vol_down = 0.4; return "vol_down"; /* 0.4 x 30^0.3 = 1.11: a 1-day vol below 0 */
    case 12: p->power_short = NAN; return "power_short";
    case 13: p->power_short = -1; return "power_short";
    case 14: p->power_long = INFINITY; return "power_long";
    case 15: p->power_long = -0.1; return "power_long";
    }
    return NULL;
}

static void params_check_rejects_bad_values(void **state)
{
    (void)state;
    for (int i = 0;; i++) {
        stress_params p;
        stress_default_params(&p);
        const char *field = spoil(&p, i);
        if (!field)
            break;
        char why[160] = "";
        if (stress_params_check(&p, why, sizeof why) != -1)
            fail_msg("case %d (%s) accepted", i, field);
        if (!strstr(why, field))
            fail_msg("case %d: the reason '%s' does not name %s", i, why, field);
    }
    /* the limits themselves are fine: 32 moves, 0 extended, no shocks, a
     * vol_down just under what a 1-day option can take */
    stress_params p;
    stress_default_params(&p);
    p.nmoves = STRESS_MAX_MOVES;
    p.nextended = 0;
    p.vol_up = p.power_short = p.power_long = 0;
    p.vol_down = 0.99;
    assert_int_equal(stress_params_check(&p, NULL, 0), 0);
    /* a short buffer is truncated, not overrun */
    char tiny[8];
    p.nmoves = 0;
    assert_int_equal(stress_params_check(&p, tiny, sizeof tiny), -1);
    assert_int_equal(strlen(tiny), 7);
}

static void leg_check_rejects_bad_legs(void **state)
{
    (void)state;
    const stress_leg good[] = {linear(0, 0, 0, 1, 100), option(0, 0, 0, 1, 100, 100, 0.1, 0.5, 'C'),
                               lp(0, 0, 0, 10, 100, 0, INFINITY)};
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(stress_leg_check(&good[i], 1, 1, 1), 0);
    stress_leg bad[] = {
        linear(1, 0, 0, 1, 100),   linear(0, 1, 0, 1, 100),  linear(0, 0, 1, 1, 100),
        linear(0, 0, 0, NAN, 100), linear(0, 0, 0, 1, 0),    linear(0, 0, 0, 1, INFINITY),
        option(0, 0, 0, 1, 100, 0, 0.1, 0.5, 'C'), option(0, 0, 0, 1, 100, 100, 0, 0.5, 'C'),
        option(0, 0, 0, 1, 100, 100, 0.1, 0, 'C'), option(0, 0, 0, 1, 100, 100, 0.1, 0.5, 'X'),
        lp(0, 0, 0, -1, 100, 0, INFINITY),          lp(0, 0, 0, 1, 100, 200, 100),
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (stress_leg_check(&bad[i], 1, 1, 1) != -1)
            fail_msg("bad leg %zu accepted", i);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_params_are_deribits),
        cmocka_unit_test(perp_is_linear_in_every_vol_row),
        cmocka_unit_test(vol_multiplier_by_expiry),
        cmocka_unit_test(option_cell_is_a_bs_revaluation),
        cmocka_unit_test(lp_leg_is_the_lp_value_change),
        cmocka_unit_test(grids_sum_to_the_portfolio),
        cmocka_unit_test(worst_instrument_in_a_mixed_book),
        cmocka_unit_test(ties_and_empty_grids),
        cmocka_unit_test(extended_moves_use_vol_up),
        cmocka_unit_test(scenario_with_explicit_moves),
        cmocka_unit_test(scenario_with_beta_propagation),
        cmocka_unit_test(params_check_rejects_bad_values),
        cmocka_unit_test(leg_check_rejects_bad_legs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
