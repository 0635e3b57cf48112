/* ordexec.c - hedge orders executed in process (see ordexec.h). */
#include "invtop/ordexec.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define ORDEXEC_ROUNDS 8
#define ORDEXEC_FILLS 16 /* per round */

struct ordexec {
    app *a;
    oc_consumer *oc;
    oc_touch_fn touch;
    void *touch_ctx;
    double now;
    jw reply, replies, batch;
    oc_fill *fills;
    size_t nfills, cap_fills;
    jw topic, body;
    ordexec_cost cost;
};

static int send_order(void *ctx, const char *msg, size_t len)
{
    ordexec *x = ctx;
    if (x->nfills == x->cap_fills) { /* room first: an executed order's fill is never dropped */
        size_t cap = x->cap_fills ? 2 * x->cap_fills : 16;
        oc_fill *n = realloc(x->fills, cap * sizeof *n);
        if (!n)
            return -1; /* not taken: sent again later */
        x->fills = n;
        x->cap_fills = cap;
    }
    oc_fill f;
    oc_verdict v = oc_handle(x->oc, msg, len, x->now, &x->reply, &f);
    if (x->reply.len) {
        jw_append(&x->replies, x->reply.buf, x->reply.len);
        jw_append(&x->replies, "\n", 1);
    }
    if (v != OC_EXECUTED)
        return 0;
    x->fills[x->nfills++] = f;
    double bid, ask;
    x->cost.fills++;
    x->cost.traded_usd += fabs(f.qty) * f.px;
    x->cost.fees_usd += f.fee;
    if (x->touch(x->touch_ctx, f.sym, &bid, &ask) == 0)
        x->cost.spread_usd += fabs(f.qty) * fabs(f.px - (bid + ask) / 2);
    return 0;
}

ordexec *ordexec_new(app *a, double fee_bps, oc_touch_fn touch, void *touch_ctx)
{
    assert(a && touch && fee_bps >= 0);
    ordexec *x = calloc(1, sizeof *x);
    if (!x || !(x->oc = oc_new(fee_bps, touch, touch_ctx))) {
        free(x);
        return NULL;
    }
    x->a = a;
    x->touch = touch;
    x->touch_ctx = touch_ctx;
    app_orders_io(a, send_order, x);
    return x;
}

void ordexec_free(ordexec *x)
{
    if (!x)
        return;
    oc_free(x->oc);
    free(x->fills);
    jw_free(&x->reply);
    jw_free(&x->replies);
    jw_free(&x->batch);
    jw_free(&x->topic);
    jw_free(&x->body);
    free(x);
}

void ordexec_set_now(ordexec *x, double now)
{
    x->now = now;
}

void ordexec_flush(ordexec *x, double recv, ordexec_fill_fn on_fill, void *ctx)
{
    app *a = x->a;
    double now = app_now(a, recv);
    x->now = now;
    for (int round = 0; round < ORDEXEC_ROUNDS && (x->replies.len || x->nfills); round++) {
        jw_reset(&x->batch);
        jw_append(&x->batch, x->replies.buf, x->replies.len);
        jw_reset(&x->replies);
        oc_fill fills[ORDEXEC_FILLS];
        size_t n = x->nfills < ORDEXEC_FILLS ? x->nfills : ORDEXEC_FILLS;
        memcpy(fills, x->fills, n * sizeof *fills);
        memmove(x->fills, x->fills + n, (x->nfills - n) * sizeof *fills);
        x->nfills -= n;
        for (size_t k = 0, start = 0; k < x->batch.len; k++)
            if (x->batch.buf[k] == '\n') {
                app_order_reply(a, x->batch.buf + start, k - start, now);
                start = k + 1;
            }
        for (size_t k = 0; k < n; k++) {
            if (oc_fill_write(&fills[k], &x->topic, &x->body) != 0)
                continue;
            const char *frames[2] = {x->topic.buf, x->body.buf};
            size_t lens[2] = {x->topic.len, x->body.len};
            uint64_t accepted = a->in.stats.accepted;
            app_message(a, 2, frames, lens, recv);
            if (on_fill && a->in.stats.accepted != accepted)
                on_fill(ctx, a->in.last_index, now);
        }
    }
}

const ordexec_cost *ordexec_get_cost(const ordexec *x)
{
    return &x->cost;
}
