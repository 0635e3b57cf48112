/* hedging.h - the engine's hedge suggestions per underlying (prefix hgs_):
 * which instrument to hedge with, how many lots bring delta back to the
 * middle of the band, and why there is no suggestion when there is none.
 *
 * The hedge instrument of an underlying: `[underlying NAME] hedge =
 * SYM@VENUE` when configured (another underlying's instrument makes it a
 * cross hedge), else the perpetual on it with the most recent price, else
 * the future with the most recent price, else the spot with the most
 * recent price. An underlying with none of its own is cross hedged with
 * the instrument of the underlying whose returns correlate most with its
 * own (EWMA covariance), when one is known. The band: `[underlying NAME]
 * hedge_band_usd`, else half of its max_delta_usd (the delta limit).
 *
 * Reads the engine's state (book, exposures, covariance, orders); writes
 * only the row it is asked for. No I/O. */
#ifndef INVTOP_HEDGING_H
#define INVTOP_HEDGING_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/book.h"
#include "invtop/engcfg.h"
#include "invtop/exposure.h"
#include "invtop/history.h"
#include "invtop/instparam.h"
#include "invtop/orders.h"
#include "invtop/snapshot.h"

#define HGS_DEFAULT_BOOK "hedge"

/* What a suggestion is made from: the engine's state, borrowed. */
typedef struct {
    const book *b;
    const exposure *e;         /* as the last computation left it */
    const history *h;          /* underlying names and their EWMA covariance */
    const ip_set *params;
    const engcfg_hedge *cfg;
    double default_max_delta;  /* --limit-delta-usd */
    double stale_s;
    const ord_book *orders;
    bool kill, trader, channel; /* kill switch on; this engine may trade; --orders open */
    const double *cooldown_until; /* per underlying (history index), NAN: none; NULL: none */
} hgs_inputs;

/* The hedge instrument a row chose. */
typedef struct {
    long inst;      /* book index, -1 when none */
    double lot;     /* its lot (instrument units), NAN when none */
    double lot_usd; /* the delta USD one lot adds to the underlying (signed as a
                       buy; a cross hedge's divided by its ratio), NAN when unknown */
} hgs_pick;

/* Underlying u's (history index) hedge at event time now into row (all of
 * it written) and the instrument it chose into *pick. */
void hgs_row(const hgs_inputs *in, size_t u, double now, snap_hedge *row, hgs_pick *pick);

/* The book hedge fills of underlying und go to. */
const char *hgs_book(const ip_set *params, const char *und);

/* The largest order for underlying und (delta USD). */
double hgs_max_order_usd(const hgs_inputs *in, const char *und);

#endif
