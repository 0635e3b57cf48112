/* skew.c - inventory-skewed quotes (see skew.h). */
#include "invtop/skew.h"

#include <math.h>
#include <string.h>

void skew_as(double s, double q, double gamma, double sigma, double tau, double k,
             double *reservation, double *spread)
{
    double risk = gamma * sigma * sigma * tau;
    *reservation = s - q * risk;
    *spread = risk + (2 / gamma) * log1p(gamma / k);
}

int skew_glft_coeffs(double gamma, double xi, double delta, double A, double k, double *c1,
                     double *c2)
{
    if (!(gamma > 0) || !(delta > 0) || !(A > 0) || !(k > 0) || !(xi >= 0))
        return -1;
    if (xi == 0) {
        *c1 = 1 / k;
        *c2 = sqrt(gamma * M_E / (2 * A * delta * k));
        return 0;
    }
    double x = xi * delta;
    *c1 = log1p(x / k) / x;
    *c2 = sqrt(gamma / (2 * A * delta * k) * pow(1 + x / k, k / x + 1));
    return 0;
}

void skew_default_params(skew_params *p)
{
    p->model = SKEW_GLFT;
    p->gamma = 0.05;
    p->k = 0.3;
    p->A = 2;
    p->delta = 1;
    p->tau_s = 60;
    p->session_end = NAN;
    p->skew_factor = 1;
    p->vol_mult = 1;
    p->min_spread_bps = 1;
    p->q_max_lots = 50;
}

const char *skew_model_name(skew_model m)
{
    static const char *const names[] = {"none", "as", "glft", "glft0", "linear"};
    return (unsigned)m < SKEW_MODELS ? names[m] : "unknown";
}

int skew_parse_model(const char *name, skew_model *out)
{
    for (int m = 0; m < SKEW_MODELS; m++)
        if (strcmp(name, skew_model_name((skew_model)m)) == 0) {
            *out = (skew_model)m;
            return 0;
        }
    return -1;
}

/* Reservation offset and half spread in bp for the chosen model. */
static int model_bps(const skew_params *p, const skew_input *in, double *centre, double *half)
{
    double sigma = in->sigma_bps, q = in->q_lots;
    double tau = p->tau_s;
    if (p->model == SKEW_AS && !isnan(p->session_end))
        tau = fmax(p->session_end - in->now, 0);
    switch (p->model) {
    case SKEW_AS: {
        double r, spread;
        if (!(p->gamma > 0) || !(p->k > 0))
            return -1;
        skew_as(0, q, p->gamma, sigma, tau, p->k, &r, &spread);
        *centre = r;
        *half = spread / 2;
        return 0;
    }
    case SKEW_GLFT:
    case SKEW_GLFT0: {
        double c1, c2;
        double xi = p->model == SKEW_GLFT ? p->gamma : 0;
        if (skew_glft_coeffs(p->gamma, xi, p->delta, p->A, p->k, &c1, &c2) != 0)
            return -1;
        *half = c1 + p->delta / 2 * sigma * c2;
        *centre = -sigma * c2 * q;
        return 0;
    }
    case SKEW_LINEAR:
    case SKEW_NONE:
        *half = p->vol_mult * sigma * sqrt(tau);
        *centre = p->model == SKEW_NONE || !(p->q_max_lots > 0)
                      ? 0
                      : -p->skew_factor * *half * q / p->q_max_lots;
        return 0;
    case SKEW_MODELS:
        break;
    }
    return -1;
}

int skew_quote_of(const skew_params *p, const skew_input *in, skew_quote *out)
{
    if (!(in->mid > 0) || !isfinite(in->mid) || !(in->sigma_bps >= 0) || !isfinite(in->sigma_bps) ||
        !isfinite(in->q_lots))
        return -1;
    double centre, half;
    if (model_bps(p, in, &centre, &half) != 0 || !isfinite(centre) || !isfinite(half))
        return -1;
    double unit = in->mid * 1e-4; /* one bp in price */
    double tick = in->tick > 0 ? in->tick : 0;
    double min_half = fmax(p->min_spread_bps * unit, tick) / 2;
    half = fmax(half * unit, min_half);
    double reservation = in->mid + centre * unit;
    double bid = reservation - half, ask = reservation + half;
    if (tick > 0) {
        /* outward to the tick, with a small tolerance for representation error */
        bid = floor(bid / tick + 1e-9) * tick;
        ask = ceil(ask / tick - 1e-9) * tick;
    }
    if (!(bid > 0))
        bid = NAN; /* a quote at or below zero is no quote */
    if (p->q_max_lots > 0 && in->q_lots >= p->q_max_lots)
        bid = NAN; /* buying would add to a long at its limit */
    if (p->q_max_lots > 0 && in->q_lots <= -p->q_max_lots)
        ask = NAN;
    out->model = p->model;
    out->reservation = reservation;
    out->bid = bid;
    out->ask = ask;
    out->skew_bps = (reservation - in->mid) / in->mid * 1e4;
    out->half_spread_bps = (isnan(bid) || isnan(ask)) ? half / unit : (ask - bid) / 2 / unit;
    out->q_lots = in->q_lots;
    out->sigma_bps = in->sigma_bps;
    return 0;
}
