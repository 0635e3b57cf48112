/* synth_chain.h - the options chain and the liquidity-pool range of the
 * synthetic market (prefix synth_chain_), private to feed/.
 *
 * synth.c owns the message queue, the underlyings, the wire framing and the
 * cadences; this file owns what is particular to the chain: its instruments
 * (options on BTC and ETH, one ETH-USDC pool range), their volatility
 * surface, their quotes and the desk's option fills. The quoting model is
 * documented in invtop/synth.h, where users of the generator read it.
 *
 * Instruments are numbered 0..count-1: the options first, then the pool
 * range (when ETH is an underlying). The chain draws from its own random
 * stream, so switching it on leaves the delta-one market's draws alone. */
#ifndef INVTOP_FEED_SYNTH_CHAIN_H
#define INVTOP_FEED_SYNTH_CHAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/jsonw.h"
#include "invtop/position.h"
#include "invtop/synth.h"

/* Underlyings the chain covers: BTC (slot 0) and ETH (slot 1). */
#define SYNTH_CHAIN_SLOTS 2

typedef struct {
    unsigned long seed;
    synth_scenario scenario;
    double start_ts;                /* epoch seconds at simulated time 0 */
    int und[SYNTH_CHAIN_SLOTS];     /* synth's index of BTC, ETH; -1 when absent */
    double p0[SYNTH_CHAIN_SLOTS];   /* their prices at time 0 (> 0 where present) */
} synth_chain_cfg;

typedef struct synth_chain synth_chain;

/* A fill of the desk on one option, decided when it is due. */
typedef struct {
    size_t j;   /* the option */
    double qty; /* signed: > 0 the desk buys (at the bid), < 0 it sells (at the ask) */
    double px, fee;
} synth_chain_fill;

/* The chain slot of the underlying named `name` ("BTC" 0, "ETH" 1), or -1. */
int synth_chain_slot_of(const char *name);

/* Build the chain of the underlyings present in cfg (expiries fixed from
 * start_ts, strikes from p0). Returns NULL on no memory. */
synth_chain *synth_chain_new(const synth_chain_cfg *cfg);
void synth_chain_free(synth_chain *c);

/* Instruments in the chain (options and pool range), and instrument j's
 * symbol (NULL past the end). */
size_t synth_chain_count(const synth_chain *c);
const char *synth_chain_symbol(const synth_chain *c, size_t j);

/* The slot (0..SYNTH_CHAIN_SLOTS-1) of instrument j's underlying. */
size_t synth_chain_slot(const synth_chain *c, size_t j);

/* Instrument j's position: options move by fills, the pool's is fixed. */
position *synth_chain_position(synth_chain *c, size_t j);

/* One step of slot k's ATM volatility over dt simulated seconds, its
 * underlying now at log price logp (the return since the last step drives
 * the level, against its sign). A slot absent from the chain is ignored. */
void synth_chain_step(synth_chain *c, size_t k, double logp, double dt);

/* Options whose price is due by simulated time t, round robin over the
 * live (unexpired) ones at one per SYNTH_OPT_PX_EVERY_S: their indexes go
 * to out (at most cap). A backlog beyond cap is skipped, not owed. */
size_t synth_chain_px_due(synth_chain *c, double t, size_t *out, size_t cap);

/* The next desk fill due by t, if any: true with *f set. Fills arrive as a
 * Poisson process; one landing on an option without a two-sided quote
 * (none yet, or a wing bid under a tick) or expired is dropped. Call again until false. */
bool synth_chain_fill_due(synth_chain *c, double t, synth_chain_fill *f);

/* Body fields of instrument j's inst message (after the common ones). */
void synth_chain_inst(const synth_chain *c, size_t j, jw *body);

/* Body fields of option j's px at epoch time now_ts with the underlying at
 * S (> 0): bid and ask (not for a wing bid under a tick), mid and iv; the
 * quote is kept for later fills. j must
 * be an option that px_due returned at this time (so it has not expired). */
void synth_chain_px(synth_chain *c, size_t j, double S, double now_ts, jw *body);

#endif
