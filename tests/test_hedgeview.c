/* test_hedgeview.c - what the hedge panel shows of a snapshot built by
 * hand: a row's cells where the column headers are, within an 80-column
 * panel with room left for the reason; the words that carry the meaning
 * without colour ('!' outside the band, the state names, "x" before a
 * cross hedge's instrument, "-" for no suggestion) and the slots the
 * colour comes from; the orders' lines and slots; the header line; how the
 * rows are shared at the panel's least and its wish; the H key's question
 * and refusal. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "invtop/hedge.h"
#include "tui/hedgeview.h"
#include "tui/layout.h"
#include "tui/theme.h"

#define INNER_80 76 /* an 80-column panel's cells inside its box and padding */

static snap_hedge hedge(const char *und, double net, double band, const char *inst, double lots, double usd,
                        int state, const char *reason)
{
    snap_hedge h;
    memset(&h, 0, sizeof h);
    snprintf(h.underlying, sizeof h.underlying, "%s", und);
    snprintf(h.inst, sizeof h.inst, "%s", inst);
    snprintf(h.inst_underlying, sizeof h.inst_underlying, "%s", und);
    snprintf(h.reason, sizeof h.reason, "%s", reason);
    h.net_delta_usd = net;
    h.band_usd = band;
    h.lots = lots;
    h.usd = usd;
    h.state = state;
    h.hedge_ratio = 1;
    h.variance_removed = h.cooldown_until = NAN;
    return h;
}

/* Cells of a UTF-8 string (each sequence one cell). */
static int cells(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xc0) != 0x80;
    return n;
}

static void rows_under_their_headers(void **state)
{
    (void)state;
    char head[256], line[256];
    /* the columns tile the table; the reason keeps a few cells at 80 columns */
    int x = 0;
    for (int c = 0; c < HGV_COLS; c++) {
        assert_int_equal(hgv_col_x((hgv_col)c), x);
        x += hgv_col_w((hgv_col)c);
    }
    assert_int_equal(hgv_col_w(HGV_REASON), 0);
    assert_true(INNER_80 - hgv_col_x(HGV_REASON) >= 8);
    hgv_head_line(200, head, sizeof head);
    assert_memory_equal(head + hgv_col_x(HGV_STATE), " State", 6);
    assert_memory_equal(head + hgv_col_x(HGV_REASON), " Reason", 7);
    assert_memory_equal(head + hgv_col_x(HGV_LOTS), "   Lots", 7);
    /* a row outside its band: '!', its figures under their headers, cut to the width */
    snap_hedge h = hedge("BTC", 325000, 50000, "BTC-PERP", -5000, -325000, HG_SUGGESTED,
                         "outside the band: 325.0k > 50.0k, sell 5000 lots of BTC-PERP");
    hgv_hedge_line(&h, false, 200, line, sizeof line);
    assert_string_equal(line, "!BTC        325k +-50.0k   BTC-PERP    -5.00k   -325k suggested     "
                              "outside the band: 325.0k > 50.0k, sell 5000 lots of BTC-PERP");
    hgv_hedge_line(&h, true, INNER_80, line, sizeof line);
    assert_int_equal(cells(line), INNER_80);
    assert_non_null(strstr(line, "\u00b150.0k"));
    assert_memory_equal(line + hgv_col_x(HGV_STATE) + 1, " suggested", 10); /* one byte more: the "±" */
    hgv_head_line(INNER_80, head, sizeof head);
    assert_true(cells(head) <= INNER_80);
    assert_non_null(strstr(head, " Reason")); /* whole at 80 columns */
    /* inside: no '!'; no suggestion: "-"; a cross hedge: "x" before its instrument */
    h = hedge("ETH", 12000, 50000, "BTC-PERP", 0, 0, HG_INSIDE, "inside the band");
    h.cross = true;
    hgv_hedge_line(&h, false, 200, line, sizeof line);
    assert_string_equal(line, " ETH       12.0k +-50.0k x BTC-PERP         -       - inside        inside the band");
    /* no instrument, no price */
    h = hedge("DOGE", NAN, 20000, "", 0, 0, HG_NO_PRICE, "no price for DOGE");
    hgv_hedge_line(&h, false, 200, line, sizeof line);
    assert_string_equal(line, " DOGE          - +-20.0k   -                -       - no_price      no price for DOGE");
}

/* Colour only doubles the words: warning outside the band (counting what
 * is in flight), dim without a delta; orders filled ok, refused,
 * rejected and expired alert. */
static void slots_follow_the_words(void **state)
{
    (void)state;
    snap_hedge h = hedge("BTC", 60000, 50000, "BTC-PERP", -1, -65000, HG_SUGGESTED, "outside");
    assert_true(hgv_outside(&h));
    assert_int_equal(hgv_hedge_slot(&h), SLOT_WARNING);
    h.inflight_usd = -20000; /* an order out brings it inside */
    assert_false(hgv_outside(&h));
    assert_int_equal(hgv_hedge_slot(&h), SLOT_NORMAL);
    h.inflight_usd = NAN;
    h.net_delta_usd = -50001;
    assert_int_equal(hgv_hedge_slot(&h), SLOT_WARNING);
    h.net_delta_usd = 50000; /* on the band: inside */
    assert_int_equal(hgv_hedge_slot(&h), SLOT_NORMAL);
    h.net_delta_usd = NAN;
    assert_int_equal(hgv_hedge_slot(&h), SLOT_DIM);
    h.net_delta_usd = 60000;
    h.band_usd = -1; /* a remote engine's snapshot: no band, and no abort */
    assert_false(hgv_outside(&h));
    h.band_usd = NAN;
    assert_false(hgv_outside(&h));
    static const struct {
        int state, slot;
    } want[] = {{ORD_PENDING, SLOT_NORMAL},  {ORD_ACKED, SLOT_NORMAL},    {ORD_PARTIAL, SLOT_NORMAL},
                {ORD_FILLED, SLOT_GAIN},     {ORD_EXPIRED, SLOT_BREACH},  {ORD_REJECTED, SLOT_BREACH},
                {ORD_REFUSED, SLOT_BREACH}};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        snap_order o = {.state = want[k].state};
        assert_int_equal(hgv_order_slot(&o), want[k].slot);
    }
}

static snap_order order(const char *clid, double qty, int st, double filled, double px, double created)
{
    snap_order o;
    memset(&o, 0, sizeof o);
    snprintf(o.clid, sizeof o.clid, "%s", clid);
    snprintf(o.inst, sizeof o.inst, "BTC-PERP");
    snprintf(o.underlying, sizeof o.underlying, "BTC");
    o.qty = qty;
    o.state = st;
    o.filled = filled;
    o.fill_px = px;
    o.created = created;
    return o;
}

/* An order's line: id, instrument, side and quantity, state, age, what
 * filled at what price (the instrument's tick's decimals); refused or
 * rejected, why; within 80 columns. */
static void order_lines(void **state)
{
    (void)state;
    snap s;
    snap_init(&s);
    assert_int_equal(snap_reserve(&s, 1, 0, 0, 0, 0), 0);
    s.ninst = 1;
    memset(&s.inst[0], 0, sizeof s.inst[0]);
    snprintf(s.inst[0].id, sizeof s.inst[0].id, "BTC-PERP");
    s.inst[0].tick = 0.5;
    s.ts = 1000;
    char line[256], head[128];
    snap_order o = order("H6f3a9c2e-1", -5, ORD_FILLED, -5, 64999.5, 997);
    hgv_order_line(&s, &o, 200, line, sizeof line);
    assert_string_equal(line, "H6f3a9c2e-1      BTC-PERP     sell 5.00   filled    3.0s  5.00 @ 64999.5");
    hgv_order_head(200, head, sizeof head);
    assert_string_equal(head, "Order            Inst         Side qty    State      Age  Filled @ avg px");
    assert_memory_equal(line + HGV_ORDER_STATE_X, "filled", 6);
    assert_memory_equal(head + HGV_ORDER_STATE_X, "State", 5);
    o = order("H6f3a9c2e-2", 0.25, ORD_REJECTED, 0, NAN, 880);
    snprintf(o.reason, sizeof o.reason, "no market");
    hgv_order_line(&s, &o, 200, line, sizeof line);
    assert_string_equal(line, "H6f3a9c2e-2      BTC-PERP     buy 0.250   rejected 2m00s  why: no market");
    o = order("H6f3a9c2e-3", 2, ORD_PENDING, 0, NAN, 999.5);
    o.automatic = true;
    hgv_order_line(&s, &o, INNER_80, line, sizeof line);
    assert_string_equal(line, "H6f3a9c2e-3      BTC-PERP     buy 2.00    pending   0.5s  -  (auto)");
    /* invtop's own ids whole; a longer one keeps its end, the counter */
    o = order("H6b15caa941ba-12", 2, ORD_ACKED, 0, NAN, 999);
    hgv_order_line(&s, &o, INNER_80, line, sizeof line);
    assert_memory_equal(line, "H6b15caa941ba-12 BTC-PERP", 25);
    o = order("consumer-side-id-0042", 2, ORD_ACKED, 0, NAN, 999);
    hgv_order_line(&s, &o, INNER_80, line, sizeof line);
    assert_memory_equal(line, "~er-side-id-0042 BTC-PERP", 25);
    o = order("H6f3a9c2e-4", 2, ORD_EXPIRED, 0, NAN, 900);
    snprintf(o.reason, sizeof o.reason, "a long reason that runs past the eightieth column of the screen");
    o.state = ORD_REFUSED;
    hgv_order_line(&s, &o, INNER_80, line, sizeof line);
    assert_int_equal((int)strlen(line), INNER_80);
    assert_non_null(strstr(line, "refused"));
    snap_free(&s);
}

/* The header says whether hedging is automatic and where orders go (or
 * that they go nowhere); the channel's trouble is an alert. */
static void header_line(void **state)
{
    (void)state;
    snap s;
    snap_init(&s);
    char line[256];
    int slot;
    hgv_header(&s, line, sizeof line, &slot);
    assert_string_equal(line, "AUTO OFF | no --orders: suggestions only");
    assert_int_equal(slot, SLOT_NORMAL);
    snprintf(s.orders_endpoint, sizeof s.orders_endpoint, "tcp://*:5560");
    s.orders_journal_ok = true;
    s.hedge_auto = true;
    s.orders_sent = 3;
    s.orders_refused = 1;
    s.max_order_usd = 250000;
    s.order_ttl_s = 30;
    hgv_header(&s, line, sizeof line, &slot);
    assert_string_equal(line, "AUTO ON | orders tcp://*:5560 | sent 3, refused 1 | max 250k USD, ttl 30s");
    assert_int_equal(slot, SLOT_ACCENT);
    snprintf(s.orders_error, sizeof s.orders_error, "bind: address in use");
    hgv_header(&s, line, sizeof line, &slot);
    assert_string_equal(line, "AUTO ON | orders tcp://*:5560: bind: address in use | sent 3, refused 1");
    assert_int_equal(slot, SLOT_BREACH);
    s.orders_error[0] = '\0';
    s.orders_journal_ok = false;
    hgv_header(&s, line, sizeof line, &slot);
    assert_non_null(strstr(line, "ORDER JOURNAL FAILING"));
    assert_int_equal(slot, SLOT_BREACH);
    snap_free(&s);
}

/* The panel's least (LAY_HEDGE_MIN_H) shows two underlyings and the
 * orders' header; its wish (LAY_HEDGE_WANT_H) four, the detail line and
 * four orders; in between the newest order comes before the detail line,
 * the detail before the other underlyings. */
static void rows_shared(void **state)
{
    (void)state;
    hgv_layout p;
    hgv_plan(LAY_HEDGE_MIN_H - 2, 3, 2, &p);
    assert_true(p.hedge_rows == 2 && p.orders_head && p.order_rows == 0 && !p.detail);
    hgv_plan(LAY_HEDGE_WANT_H - 2, 4, 4, &p);
    assert_true(p.hedge_rows == 4 && p.detail && p.orders_head && p.order_rows == 4);
    hgv_plan(LAY_HEDGE_WANT_H - 2, 4, 30, &p); /* more orders than rows: the rest is theirs */
    assert_true(p.hedge_rows == 4 && p.order_rows == 4);
    hgv_plan(LAY_HEDGE_WANT_H + 5 - 2, 4, 30, &p);
    assert_int_equal(p.order_rows, 9);
    hgv_plan(LAY_HEDGE_WANT_H - 2, 30, 30, &p); /* many of both: the underlyings first */
    assert_true(p.hedge_rows == 7 && p.detail && p.order_rows == 1);
    hgv_plan(7, 4, 3, &p); /* 5 rows after the headers: 2, head, 1 order, detail */
    assert_true(p.hedge_rows == 2 && p.orders_head && p.order_rows == 1 && p.detail);
    hgv_plan(9, 4, 3, &p); /* then the other underlyings */
    assert_true(p.hedge_rows == 4 && p.order_rows == 1);
    hgv_plan(8, 0, 0, &p); /* nothing yet: one line says so, and one that no order went */
    assert_true(p.hedge_rows == 1 && !p.detail && p.orders_head && p.order_rows == 0);
    hgv_plan(2, 3, 3, &p);
    assert_true(p.hedge_rows == 0 && !p.orders_head && p.order_rows == 0);
    hgv_plan(0, 3, 3, &p);
    assert_int_equal(p.hedge_rows, 0);
}

/* H's words: the question names side, lots, instrument and USD; the
 * refusal the row's reason; the detail line what the table has no column
 * for. */
static void key_words(void **state)
{
    (void)state;
    char out[256];
    static const struct {
        double v;
        const char *want;
    } g[] = {{-325000, "-325,000"}, {999, "999"},  {1000, "1,000"}, {0.4, "0"},
             {-0.4, "0"},           {NAN, "-"},    {1234567.6, "1,234,568"}, {-100, "-100"}};
    for (size_t k = 0; k < sizeof g / sizeof *g; k++) {
        hgv_grouped(g[k].v, out, sizeof out);
        assert_string_equal(out, g[k].want);
    }
    snap_hedge h = hedge("BTC", 325000, 50000, "BTC-PERP", -5000, -325000, HG_SUGGESTED, "outside the band");
    assert_true(hgv_has_suggestion(&h));
    hgv_ask(&h, out, sizeof out);
    assert_string_equal(out, "Send hedge: sell 5000 lots BTC-PERP (-325,000 USD)? y to confirm, any other key cancels");
    h.lots = 12;
    h.usd = 780.4;
    hgv_ask(&h, out, sizeof out);
    assert_string_equal(out, "Send hedge: buy 12 lots BTC-PERP (780 USD)? y to confirm, any other key cancels");
    h = hedge("ETH", 1000, 50000, "ETH-PERP", 0, 0, HG_INSIDE, "inside the band: 1.0k <= 50.0k");
    assert_false(hgv_has_suggestion(&h));
    h.lots = NAN;
    assert_false(hgv_has_suggestion(&h));
    hgv_no_hedge(&h, out, sizeof out);
    assert_string_equal(out, "no hedge for ETH: inside the band: 1.0k <= 50.0k");
    snap s;
    snap_init(&s);
    s.ts = 100;
    h = hedge("SOL", -90000, 50000, "ETH-PERP", 20, 70000, HG_COOLDOWN, "waiting for the cooldown");
    h.cross = true;
    snprintf(h.inst_underlying, sizeof h.inst_underlying, "ETH");
    h.hedge_ratio = 0.8123;
    h.variance_removed = 64.4;
    h.inflight_usd = 20000;
    h.automatic = true;
    h.cooldown_until = 112;
    hgv_detail(&s, &h, out, sizeof out);
    assert_string_equal(out, "SOL: waiting for the cooldown; in flight 20.0k USD; cross hedge with ETH-PERP (ETH), "
                             "ratio 0.812, 64% of the variance removed; auto, cooldown 12s");
    snap_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_under_their_headers),
        cmocka_unit_test(slots_follow_the_words),
        cmocka_unit_test(order_lines),
        cmocka_unit_test(header_line),
        cmocka_unit_test(rows_shared),
        cmocka_unit_test(key_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
