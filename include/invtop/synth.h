/* synth.h - a synthetic market for demos and tests (prefix synth_).
 *
 * Underlyings follow correlated geometric Brownian motion with occasional
 * jumps (Cholesky factor of a constant-correlation matrix, GSL RNG, seeded).
 * Instruments (perp, spot, future per underlying) are quoted around the
 * underlying. A market maker quotes every instrument; its fills arrive as
 * Poisson events with intensity A*exp(-k*delta) per side, delta being the
 * quote's distance from mid in bps, so inventory wanders. The generator
 * runs on simulated time (dt per message), so a seed fixes every message.
 * It does no I/O: it writes wire protocol v1 messages into caller buffers. */
#ifndef INVTOP_SYNTH_H
#define INVTOP_SYNTH_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/jsonw.h"

typedef enum { SYNTH_CALM = 0, SYNTH_TREND, SYNTH_CRASH } synth_scenario;

typedef struct {
    size_t instruments;     /* >= 1 */
    size_t underlyings;     /* 0: chosen from instruments (1..8) */
    unsigned long seed;
    synth_scenario scenario;
    double dt;              /* simulated seconds per message, > 0 */
    double start_ts;        /* epoch seconds at simulated time 0 */
    double half_spread_bps; /* the market maker's own symmetric quotes */
    double fill_a;          /* fill intensity at zero distance, per second per side */
    double fill_k;          /* decay of intensity per bp of distance */
    double inst_every_s;    /* inst messages repeat this often (simulated) */
    double pos_every_s;     /* absolute pos snapshots this often (simulated) */
    const char *src;        /* publisher name carried in every message */
} synth_opts;

typedef struct synth synth;

/* Fill o with the defaults: 8 instruments, calm, dt 1 ms, 5 bp half spread,
 * A = 2/s, k = 0.3/bp, inst every 2 s, pos every 3 s, src "invtop-feed". */
void synth_default_opts(synth_opts *o);

/* Parse "calm", "trend" or "crash". Returns 0, or -1 for another name. */
int synth_parse_scenario(const char *name, synth_scenario *out);

/* Create a generator. Returns NULL on invalid options or no memory. */
synth *synth_new(const synth_opts *o);
void synth_free(synth *s);

/* Write the next message: its topic into *topic and JSON body into *body
 * (both reset first). Returns 0, or -1 when a writer ran out of memory. */
int synth_next(synth *s, jw *topic, jw *body);

/* Simulated seconds elapsed. */
double synth_time(const synth *s);

/* Replace the built-in symmetric quotes of instrument sym by external ones;
 * fills then arrive at these prices with intensity by their distance from
 * mid. A side given as NAN is withdrawn (no fills on it). Prices must be
 * > 0 with bid < ask. Returns 0, or -1 for an unknown symbol or bad prices
 * (nothing changes). */
int synth_set_quote(synth *s, const char *sym, double bid, double ask);

/* Number of instruments and the symbol of the i-th. */
size_t synth_count(const synth *s);
const char *synth_symbol(const synth *s, size_t i);

#endif
