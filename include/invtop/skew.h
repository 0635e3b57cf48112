/* skew.h - suggested quotes that pull inventory back to neutral (prefix skew_).
 *
 * The formulas work in any consistent units ("model units"): the paper
 * simulation uses price units; the dashboard uses basis points of mid, so
 * one parameter set fits BTC at 65,000 and XRP at 0.6. Inventory q is in
 * lots.
 *  - as: Avellaneda & Stoikov (2008): reservation r = s - q gamma sigma^2 tau,
 *    total spread gamma sigma^2 tau + (2/gamma) ln(1 + gamma/k).
 *  - glft: Gueant, Lehalle & Fernandez-Tapia, closed-form approximation:
 *    half spread c1 + (Delta/2) sigma c2, skew sigma c2 per lot, with
 *    c1 = ln(1 + xi Delta/k) / (xi Delta) and
 *    c2 = sqrt(gamma/(2 A Delta k) (1 + xi Delta/k)^(k/(xi Delta) + 1)),
 *    xi = gamma; or the xi = 0 variant c1 = 1/k, c2 = sqrt(gamma e/(2 A Delta k)).
 *  - linear: the quote centre moves -skew_factor * half_spread * q/q_max,
 *    half spread = vol_mult * sigma * sqrt(tau).
 *  - none: symmetric quotes (the linear model's half spread, no skew). */
#ifndef INVTOP_SKEW_H
#define INVTOP_SKEW_H

#include <stdbool.h>

typedef enum { SKEW_NONE = 0, SKEW_AS, SKEW_GLFT, SKEW_GLFT0, SKEW_LINEAR, SKEW_MODELS } skew_model;

/* Avellaneda-Stoikov in model units: reservation price and total spread. */
void skew_as(double s, double q, double gamma, double sigma, double tau, double k,
             double *reservation, double *spread);

/* GLFT coefficients. xi = gamma for the closed form, 0 for the xi = 0
 * variant. Returns 0, or -1 when an argument is not > 0 (xi may be 0). */
int skew_glft_coeffs(double gamma, double xi, double delta, double A, double k, double *c1,
                     double *c2);

typedef struct {
    skew_model model;
    double gamma;          /* risk aversion, per (bp x lot) in dashboard units */
    double k;              /* fill intensity decay per bp */
    double A;              /* fill intensity at zero distance, per second */
    double delta;          /* GLFT order size in lots (1) */
    double tau_s;          /* AS and linear: rolling horizon in seconds */
    double session_end;    /* AS: epoch seconds of the session end; NAN = rolling */
    double skew_factor;    /* linear: centre shift at q = q_max, in half spreads */
    double vol_mult;       /* linear and none: half spread in sigma*sqrt(tau) */
    double min_spread_bps; /* never quote tighter than this (and one tick) */
    double q_max_lots;     /* at |q| >= q_max the side adding inventory is withdrawn */
} skew_params;

typedef struct {
    double mid;       /* instrument mid, > 0 */
    double sigma_bps; /* volatility in bp of mid per sqrt(second) */
    double q_lots;    /* inventory in lots */
    double tick;      /* price increment, 0 = none */
    double now;       /* event time, epoch seconds (AS session end) */
} skew_input;

typedef struct {
    skew_model model;
    double reservation;     /* price */
    double bid, ask;        /* price, rounded outward to the tick; NAN when withdrawn */
    double skew_bps;        /* (reservation - mid) / mid in bp */
    double half_spread_bps; /* half the quoted spread in bp of mid */
    double q_lots, sigma_bps;
} skew_quote;

/* Defaults (dashboard units): glft, gamma 0.05, k 0.3/bp, A 2/s, Delta 1,
 * tau 60 s rolling, skew_factor 1, vol_mult 1, min spread 1 bp, q_max 50. */
void skew_default_params(skew_params *p);

/* The quote for one instrument. Returns 0, or -1 when the input cannot be
 * quoted (no mid, no volatility, bad parameters); *out is then untouched. */
int skew_quote_of(const skew_params *p, const skew_input *in, skew_quote *out);

/* "none", "as", "glft", "glft0", "linear"; parse returns 0 or -1. */
const char *skew_model_name(skew_model m);
int skew_parse_model(const char *name, skew_model *out);

#endif
