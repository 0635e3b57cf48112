/* ordconsumer.h - the executing end of the order channel (prefix oc_):
 * what invtop-feed --orders does with each hedge order invtop sends
 * (docs/PROTOCOL.md "Order channel (hedge orders)").
 *
 * An order is one JSON frame {"type":"order","cl_ord_id":ID,"sym":...,
 * "side":"buy"|"sell","qty":Q,...}. oc_handle answers it and says whether to
 * publish a fill; it does no I/O (the sockets are the caller's), so it is
 * tested without them (tests/test_ordconsumer.c):
 *  - a new id: executed once at the market's touch (a buy at the ask, a sell
 *    at the bid) with fee = fee_bps * qty * px / 1e4, answered with
 *    {"type":"ack","cl_ord_id":ID}, and its fill handed back;
 *  - an id seen before: its first answer again (the ack, or the same
 *    reject), never a second fill, whatever the rest of the message says;
 *  - a symbol the market does not know ("unknown symbol") or cannot trade
 *    ("no market"), or a fee past what the wire takes ("too large"):
 *    {"type":"reject","cl_ord_id":ID,"reason":...}, remembered like an
 *    execution (a later resend cannot execute what invtop was told was
 *    refused);
 *  - a malformed order with a usable id: a reject with the reason, not
 *    remembered (a resend is as malformed); without one (not one JSON
 *    object, no cl_ord_id, a bad one): counted, no answer.
 * Ids are remembered in a ring of the last OC_SEEN_MAX answered: a resend of
 * an id older than that would execute again (invtop resends an order only
 * until it expires, --order-ttl-s, far fewer than OC_SEEN_MAX orders). */
#ifndef INVTOP_ORDCONSUMER_H
#define INVTOP_ORDCONSUMER_H

#include <stddef.h>
#include <stdint.h>

#include "invtop/event.h"
#include "invtop/jsonw.h"

#define OC_SEEN_MAX 4096
#define OC_DEFAULT_FEE_BPS 5.0

/* The market's touch for sym: 0 with *bid < *ask, 1 when sym is in the
 * market but has no touch to trade at, -1 when it is unknown. */
typedef int (*oc_touch_fn)(void *ctx, const char *sym, double *bid, double *ask);

/* A fill to publish on the feed (oc_fill_write). */
typedef struct {
    char sym[EVENT_SYM_MAX], venue[EVENT_SYM_MAX], book[EVENT_SYM_MAX]; /* venue, book: "" none */
    char clid[EVENT_ID_MAX];
    double qty; /* signed: > 0 bought, < 0 sold */
    double px, fee, ts;
} oc_fill;

typedef enum {
    OC_DROPPED = 0, /* malformed without a usable id: no answer (counted) */
    OC_EXECUTED,    /* a new order: the ack to send, the fill to publish */
    OC_DUPLICATE,   /* an id seen before: its first answer again, no fill */
    OC_REJECTED     /* the reject to send, no fill */
} oc_verdict;

typedef struct {
    uint64_t orders;     /* messages handled */
    uint64_t executed;   /* fills made */
    uint64_t duplicates; /* answered again */
    uint64_t rejected;   /* rejects sent for a first sight (duplicates aside) */
    uint64_t malformed;  /* dropped without an answer */
} oc_stats;

typedef struct oc_consumer oc_consumer;

/* A consumer executing at touch(ctx, ...) with fee_bps (>= 0, finite).
 * NULL without memory or on a bad fee_bps. */
oc_consumer *oc_new(double fee_bps, oc_touch_fn touch, void *ctx);
void oc_free(oc_consumer *c);

/* Handle one message msg[0..len) received at the feed's clock `now` (epoch
 * seconds, the fill's ts). reply is reset and holds the answer to send
 * (empty for OC_DROPPED); *fill is set for OC_EXECUTED only. A reply that
 * ran out of memory is empty (the caller sees jw_ok false): the id is then
 * remembered all the same, and the resend gets the answer. */
oc_verdict oc_handle(oc_consumer *c, const char *msg, size_t len, double now, jw *reply, oc_fill *fill);

const oc_stats *oc_get_stats(const oc_consumer *c);

/* A fill as the feed's wire message: topic fill.SYM and its JSON body (sym,
 * venue when given, side, qty, px, fee, book when given, cl_ord_id, ts),
 * both reset first. Returns 0, or -1 when a writer ran out of memory. */
int oc_fill_write(const oc_fill *f, jw *topic, jw *body);

#endif
