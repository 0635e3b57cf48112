/* assim.h - the simulation of Avellaneda & Stoikov (2008), section 3.3
 * (prefix assim_), using skew_as, the function the dashboard quotes with.
 *
 * Each path: mid s0 moving +-sigma sqrt(dt) per step with equal odds; at each
 * step both sides are quoted and each is filled (one unit) with probability
 * A exp(-k delta) dt, delta being its distance from mid. The inventory
 * strategy quotes the full A-S spread around the reservation price; the
 * symmetric strategy quotes the spread the paper's table prints,
 * (2/gamma) ln(1 + gamma/k), around the mid. Both see the same draws. */
#ifndef INVTOP_ASSIM_H
#define INVTOP_ASSIM_H

#include <stddef.h>

typedef struct {
    double s0, T, sigma, dt, q0, k, A, gamma;
    size_t paths;
    unsigned long seed;
} assim_params;

typedef struct {
    double spread;                  /* (2/gamma) ln(1 + gamma/k), as the paper prints */
    double profit_mean, profit_sd;  /* final cash + q * s */
    double q_mean, q_sd;            /* final inventory */
} assim_row;

typedef enum { ASSIM_INVENTORY = 0, ASSIM_SYMMETRIC } assim_strategy;

/* The paper's values: s0 100, T 1, sigma 2, dt 0.005, q0 0, k 1.5, A 140,
 * gamma 0.1, 1000 paths, seed 1. */
void assim_default_params(assim_params *p);

/* Run one strategy. Returns 0, or -1 on bad parameters. Standard deviations
 * use the n-1 divisor. */
int assim_run(const assim_params *p, assim_strategy s, assim_row *out);

#endif
