/* ordconsumer.c - the executing end of the order channel (see ordconsumer.h). */
#include "invtop/ordconsumer.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/wire.h"
#include "invtop/wire_body.h"

/* An id answered, with its answer: NULL an ack (it was executed), else the
 * reject's reason (a static string). */
typedef struct {
    uint32_t hash;
    const char *reason;
    char id[EVENT_ID_MAX];
} oc_seen;

struct oc_consumer {
    double fee_bps;
    oc_touch_fn touch;
    void *ctx;
    oc_stats st;
    /* The last OC_SEEN_MAX ids answered, oldest overwritten: a ring searched
     * whole (orders come a few a second at most; the hash spares the
     * string compares). */
    size_t next, count;
    oc_seen seen[OC_SEEN_MAX];
};

oc_consumer *oc_new(double fee_bps, oc_touch_fn touch, void *ctx)
{
    if (!(fee_bps >= 0 && isfinite(fee_bps)) || !touch)
        return NULL;
    oc_consumer *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->fee_bps = fee_bps;
    c->touch = touch;
    c->ctx = ctx;
    return c;
}

void oc_free(oc_consumer *c)
{
    free(c);
}

const oc_stats *oc_get_stats(const oc_consumer *c)
{
    return &c->st;
}

/* FNV-1a */
static uint32_t id_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static const oc_seen *seen_find(const oc_consumer *c, const char *id, uint32_t h)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->seen[i].hash == h && strcmp(c->seen[i].id, id) == 0)
            return &c->seen[i];
    return NULL;
}

static void remember(oc_consumer *c, const char *id, uint32_t h, const char *reason)
{
    oc_seen *e = &c->seen[c->next];
    e->hash = h;
    e->reason = reason;
    strcpy(e->id, id); /* < EVENT_ID_MAX: wb_get_id saw to that */
    c->next = (c->next + 1) % OC_SEEN_MAX;
    if (c->count < OC_SEEN_MAX)
        c->count++;
}

/* The answer to id: an ack (reason NULL) or a reject with its reason. */
static void answer(jw *reply, const char *id, const char *reason)
{
    jw_reset(reply);
    jw_obj_begin(reply);
    jw_kstr(reply, "type", reason ? "reject" : "ack");
    jw_kstr(reply, "cl_ord_id", id);
    if (reason)
        jw_kstr(reply, "reason", reason);
    jw_obj_end(reply);
    if (!jw_ok(reply))
        jw_reset(reply); /* nothing half written goes out */
}

/* An optional name (venue, book): absent, null or "" is none, else symbol
 * bytes. */
static bool opt_name(const body_view *b, const char *key, char *dst)
{
    const int v = wb_find_value(b, key);
    dst[0] = '\0';
    if (v >= 0 && b->tok[v].type == JSMN_STRING && b->tok[v].end == b->tok[v].start)
        return true;
    return wb_get_symbol(b, key, false, dst) == WIRE_OK;
}

/* The order's instrument, side and size into f; NULL, or why not. */
static const char *read_order(const body_view *b, oc_fill *f)
{
    const char *s;
    size_t n;
    if (wb_get_symbol(b, "sym", true, f->sym) != WIRE_OK)
        return "bad sym";
    if (!opt_name(b, "venue", f->venue))
        return "bad venue";
    if (!opt_name(b, "book", f->book))
        return "bad book";
    const int v = wb_find_value(b, "side");
    double sign;
    if (v < 0 || wb_tok_plain_string(b, v, &s, &n) != WIRE_OK)
        return "bad side";
    if (wb_str_is(s, n, "buy"))
        sign = 1;
    else if (wb_str_is(s, n, "sell"))
        sign = -1;
    else
        return "bad side";
    double qty = NAN;
    if (wb_req_number(b, "qty", &qty) != WIRE_OK || !(qty > 0 && qty <= WIRE_MAX_QTY))
        return "bad qty";
    f->qty = sign * qty;
    return NULL;
}

oc_verdict oc_handle(oc_consumer *c, const char *msg, size_t len, double now, jw *reply, oc_fill *fill)
{
    jsmntok_t tok[WIRE_MAX_TOKENS];
    body_view b;
    char id[EVENT_ID_MAX];
    const char *s;
    size_t n;
    jw_reset(reply);
    c->st.orders++;
    if (len > WIRE_MAX_FRAME || wb_parse_body(msg, len, tok, &b) != WIRE_OK ||
        wb_get_id(&b, "cl_ord_id", true, id) != WIRE_OK) {
        c->st.malformed++;
        return OC_DROPPED;
    }
    const int type = wb_find_value(&b, "type");
    if (type < 0 || wb_tok_plain_string(&b, type, &s, &n) != WIRE_OK || !wb_str_is(s, n, "order")) {
        c->st.rejected++;
        answer(reply, id, "not an order");
        return OC_REJECTED;
    }
    const uint32_t h = id_hash(id);
    const oc_seen *e = seen_find(c, id, h);
    if (e) {
        c->st.duplicates++;
        answer(reply, id, e->reason);
        return OC_DUPLICATE;
    }
    oc_fill f;
    memset(&f, 0, sizeof f);
    const char *why = read_order(&b, &f);
    if (why) { /* as malformed when sent again: not remembered */
        c->st.rejected++;
        answer(reply, id, why);
        return OC_REJECTED;
    }
    /* the verdicts from here on depend on the market: remembered */
    double bid = NAN, ask = NAN;
    int market = c->touch(c->ctx, f.sym, &bid, &ask);
    if (market == 0 && !(bid > 0 && bid < ask && ask <= WIRE_MAX_PRICE))
        market = 1; /* a touch out of its contract is none to trade at */
    if (market == 0) {
        f.px = f.qty > 0 ? ask : bid;
        f.fee = c->fee_bps * fabs(f.qty) * f.px / 1e4;
    }
    why = market < 0 ? "unknown symbol" : market > 0 ? "no market"
        : !(f.fee <= WIRE_MAX_PRICE) ? "too large" : NULL; /* a fee no reader would take */
    if (why) {
        remember(c, id, h, why);
        c->st.rejected++;
        answer(reply, id, why);
        return OC_REJECTED;
    }
    f.ts = now;
    memcpy(f.clid, id, sizeof f.clid);
    remember(c, id, h, NULL);
    c->st.executed++;
    answer(reply, id, NULL);
    *fill = f;
    return OC_EXECUTED;
}

int oc_fill_write(const oc_fill *f, jw *topic, jw *body)
{
    jw_reset(topic);
    jw_reset(body);
    jw_append(topic, "fill.", 5);
    jw_append(topic, f->sym, strlen(f->sym));
    jw_obj_begin(body);
    jw_kstr(body, "sym", f->sym);
    if (f->venue[0])
        jw_kstr(body, "venue", f->venue);
    jw_kstr(body, "side", f->qty > 0 ? "buy" : "sell");
    jw_knum(body, "qty", fabs(f->qty));
    jw_knum(body, "px", f->px);
    jw_knum(body, "fee", f->fee);
    if (f->book[0])
        jw_kstr(body, "book", f->book);
    jw_kstr(body, "cl_ord_id", f->clid);
    jw_kfixed(body, "ts", f->ts, 6);
    jw_obj_end(body);
    return jw_ok(topic) && jw_ok(body) ? 0 : -1;
}
