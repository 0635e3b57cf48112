/* snaptab_hedge.c - the schema of the hedging parts: a hedge row per
 * underlying, and the orders with the order channel's settings (see
 * snaptab.h; the decoding rules are at the top of snaptab.c). */
#include "invtop/snaptab.h"

#include <math.h>

#include "invtop/hedge.h"
#include "state/snaptab_in.h"

#define PART_ARRAY(name, arr, count)                                    \
    static size_t count_##name(const void *base, const snap *s)         \
    {                                                                   \
        (void)s;                                                        \
        return ((const snap *)base)->count;                             \
    }                                                                   \
    static void *elem_##name(const void *base, const snap *s, size_t k) \
    {                                                                   \
        (void)s;                                                        \
        snap *x = (snap *)base;                                         \
        return k < x->count ? (void *)&x->arr[k] : NULL;                \
    }                                                                   \
    static int resize_##name(void *base, snap *s, size_t n)             \
    {                                                                   \
        (void)s;                                                        \
        ((snap *)base)->count = n;                                      \
        return 0;                                                       \
    }
PART_ARRAY(hedges, hedges, nhedges)
PART_ARRAY(orders, orders, norders)

/* A signed size as its side: "buy", "sell", or null for none. */
static void write_side(jw *w, double x)
{
    if (x > 0)
        jw_str(w, "buy");
    else if (x < 0)
        jw_str(w, "sell");
    else
        jw_null(w);
}

static void write_hedge_side(jw *w, const void *base, const snap *s)
{
    (void)s;
    write_side(w, ((const snap_hedge *)base)->lots);
}

static void write_order_side(jw *w, const void *base, const snap *s)
{
    (void)s;
    write_side(w, ((const snap_order *)base)->lots);
}

static const sch_row hedge_rows[] = {
    SCH_ROW(snap_hedge, "underlying", SCH_STR, underlying, .doc = "the underlying"),
    SCH_ROW(snap_hedge, "net_delta_usd", SCH_FIXED, net_delta_usd, .prec = 2, .unit = "USD",
            .doc = "net delta, all books, options and pool ranges included (null: no price)"),
    SCH_ROW(snap_hedge, "inflight_usd", SCH_FIXED, inflight_usd, .prec = 2, .unit = "USD",
            .doc = "delta of its orders out and not yet filled"),
    SCH_ROW(snap_hedge, "band_usd", SCH_FIXED, band_usd, .prec = 2, .unit = "USD",
            .doc = "no hedge while |net + inflight| stays within it"),
    SCH_ROW(snap_hedge, "instrument", SCH_STRNULL, inst, .doc = "the hedge instrument's id (null: none)"),
    SCH_ROW(snap_hedge, "instrument_underlying", SCH_STRNULL, inst_underlying,
            .doc = "its underlying: another one in a cross hedge"),
    SCH_ROW(snap_hedge, "cross", SCH_BOOL, cross, .doc = "hedged with another underlying's instrument"),
    SCH_ROW(snap_hedge, "hedge_ratio", SCH_NUM, hedge_ratio,
            .doc = "minimum-variance ratio h* = rho sigma_x / sigma_h (1 with its own instrument)"),
    SCH_ROW(snap_hedge, "variance_removed_pct", SCH_FIXED, variance_removed, .prec = 2, .unit = "%",
            .doc = "cross hedge: the share of its variance the hedge removes, 100 rho^2 (null: own)"),
    SCH_ROW(snap_hedge, "price", SCH_NUM, price, .unit = "USD", .doc = "the hedge instrument's mid"),
    SCH_ROW(snap_hedge, "lots", SCH_NUM, lots, .doc = "the suggestion in whole lots, signed (> 0 buys; 0: none)"),
    {.key = "side", .type = SCH_CUSTOM, .write = write_hedge_side, .read = snaptab_read_nothing, .unit = "string",
     .doc = "buy or sell (null: no suggestion)"},
    SCH_ROW(snap_hedge, "qty", SCH_NUM, qty, .doc = "the suggestion in the instrument's units, signed"),
    SCH_ROW(snap_hedge, "usd", SCH_FIXED, usd, .prec = 2, .unit = "USD", .doc = "the delta it adds"),
    SCH_ROW(snap_hedge, "state", SCH_ENUM, state, .name_fn = hg_state_name, .nnames = HG_STATE_COUNT,
            .what = "hedge state", .doc = "suggested, inside, pending, cooldown, no_price, no_instrument, too_small, "
                                          "capped, kill, read_only or no_channel"),
    SCH_ROW(snap_hedge, "reason", SCH_STR, reason, .doc = "why, or why not (never empty)"),
    SCH_ROW(snap_hedge, "auto", SCH_BOOL, automatic, .doc = "automatic hedging on for it"),
    SCH_ROW(snap_hedge, "cooldown_until", SCH_FIXED, cooldown_until, .prec = 3, .unit = "s",
            .doc = "event time the next automatic order may go (null: no cooldown)"),
};
const sch_table snaptab_hedge_table = {"hedges[]", sizeof(snap_hedge), hedge_rows, SCH_NROWS(hedge_rows), NULL};

static const sch_row order_rows[] = {
    SCH_ROW(snap_order, "cl_ord_id", SCH_STR, clid, .doc = "client order id (\"-\": refused, never sent)"),
    SCH_ROW(snap_order, "instrument", SCH_STR, inst, .doc = "the instrument's id"),
    SCH_ROW(snap_order, "underlying", SCH_STR, underlying, .doc = "the underlying it hedges"),
    SCH_ROW(snap_order, "book", SCH_STR, book, .doc = "the book its fills go to"),
    {.key = "side", .type = SCH_CUSTOM, .write = write_order_side, .read = snaptab_read_nothing, .unit = "string",
     .doc = "buy or sell"},
    SCH_ROW(snap_order, "lots", SCH_NUM, lots, .doc = "whole lots, signed"),
    SCH_ROW(snap_order, "qty", SCH_NUM, qty, .doc = "instrument units, signed"),
    SCH_ROW(snap_order, "filled", SCH_NUM, filled, .doc = "filled so far, signed"),
    SCH_ROW(snap_order, "fill_px", SCH_NUM, fill_px, .unit = "USD", .doc = "average fill price (null: none)"),
    SCH_ROW(snap_order, "created", SCH_FIXED, created, .prec = 3, .unit = "s", .doc = "event time it was made"),
    SCH_ROW(snap_order, "expires", SCH_FIXED, expires, .prec = 3, .unit = "s",
            .doc = "event time it expires unless acknowledged"),
    SCH_ROW(snap_order, "attempts", SCH_ULONG, attempts, .doc = "times sent"),
    SCH_ROW(snap_order, "state", SCH_ENUM, state, .name_fn = ord_state_name, .nnames = ORD_STATE_COUNT,
            .what = "order state", .doc = "pending, acked, partial, filled, expired, rejected or refused"),
    SCH_ROW(snap_order, "auto", SCH_BOOL, automatic, .doc = "sent by automatic hedging"),
    SCH_ROW(snap_order, "user", SCH_STR, user, .doc = "who sent it (\"auto\" for automatic hedging)"),
    SCH_ROW(snap_order, "reason", SCH_STR, reason, .doc = "refused or rejected: why"),
};
static const sch_table order_table = {"orders.list[]", sizeof(snap_order), order_rows, SCH_NROWS(order_rows), NULL};

static const sch_row orders_rows[] = {
    SCH_ROW(snap, "endpoint", SCH_STRNULL, orders_endpoint,
            .doc = "--orders, or where the demo sends them (null: no order channel)"),
    SCH_ROW(snap, "auto_hedge", SCH_BOOL, hedge_auto, .doc = "automatic hedging on (--auto-hedge)"),
    SCH_ROW(snap, "cooldown_s", SCH_NUM, hedge_cooldown_s, .unit = "s",
            .doc = "automatic orders per underlying at most this often"),
    SCH_ROW(snap, "max_order_usd", SCH_NUM, max_order_usd, .unit = "USD", .doc = "the largest order"),
    SCH_ROW(snap, "ttl_s", SCH_NUM, order_ttl_s, .unit = "s", .doc = "unacknowledged orders expire after it"),
    SCH_ROW(snap, "journal_ok", SCH_BOOL, orders_journal_ok, .doc = "the orders journal takes writes"),
    SCH_ROW(snap, "error", SCH_STRNULL, orders_error, .doc = "why orders are refused (null: they are not)"),
    SCH_ROW(snap, "sent", SCH_U64, orders_sent, .doc = "order messages sent, resends included"),
    SCH_ROW(snap, "refused", SCH_U64, orders_refused, .doc = "orders refused by invtop"),
    {.key = "list", .type = SCH_ARR, .sub = &order_table, .count = count_orders, .elem = elem_orders,
     .resize = resize_orders, .max = SNAP_ORDERS, .keep_last = true, .doc = "the last 32 orders, newest last"},
};
const sch_table snaptab_orders_table = {"orders", sizeof(snap), orders_rows, SCH_NROWS(orders_rows), NULL};

size_t snaptab_count_hedges(const void *base, const snap *s)
{
    return count_hedges(base, s);
}

void *snaptab_elem_hedge(const void *base, const snap *s, size_t k)
{
    return elem_hedges(base, s, k);
}

int snaptab_resize_hedges(void *base, snap *s, size_t n)
{
    return resize_hedges(base, s, n);
}
