/* ordexec.h - hedge orders executed in process (prefix ordexec_): the
 * executing end invtop-feed uses (ordconsumer.h), wired to an app's order
 * sink, for the demo market and the closed loop, where the market lives in
 * the same process as the engine.
 *
 * The app hands an order to ordexec_send while it is in the middle of a
 * call; the consumer's answer (ack or reject) and the fill (a fill message
 * with the order's cl_ord_id) wait until ordexec_flush gives them to the
 * app, so the app is never re-entered. Single-threaded; owns its memory. */
#ifndef INVTOP_ORDEXEC_H
#define INVTOP_ORDEXEC_H

#include <stddef.h>
#include <stdint.h>

#include "invtop/app.h"
#include "invtop/ordconsumer.h"

/* A fill the app took: instrument index i of its book (the closed loop
 * publishes its quote again). */
typedef void (*ordexec_fill_fn)(void *ctx, size_t i, double now);

typedef struct ordexec ordexec;

/* What hedging cost, over the fills made. */
typedef struct {
    uint64_t fills;
    double traded_usd; /* |qty| x px */
    double spread_usd; /* |qty| x |px - mid| against the touch's mid */
    double fees_usd;
} ordexec_cost;

/* An executor at touch(touch_ctx, ...) with fee_bps (>= 0), attached to a
 * as its order sink (app_orders_io). NULL without memory. */
ordexec *ordexec_new(app *a, double fee_bps, oc_touch_fn touch, void *touch_ctx);
void ordexec_free(ordexec *x);

/* Give the app, received at recv, what the consumer answered and filled
 * since the last flush; what the app sends meanwhile waits for the next
 * round (at most 8 rounds per call). on_fill (NULL: none) hears each fill
 * the app took. */
void ordexec_flush(ordexec *x, double recv, ordexec_fill_fn on_fill, void *ctx);

/* The event time the app is at, for the fills' ts (set before app calls
 * that may send). */
void ordexec_set_now(ordexec *x, double now);

const ordexec_cost *ordexec_get_cost(const ordexec *x);

#endif
