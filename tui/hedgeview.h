/* hedgeview.h - what the hedge panel shows of a snapshot (prefix hgv_):
 * one line per underlying (its net delta against the band, the hedge
 * instrument, the suggestion and its state and reason), the last orders
 * newest first, the header line (automatic hedging, the order channel),
 * how the panel's rows are shared between them, the slot each line is
 * drawn in, and the words of the H key (its question, its refusal).
 * Plain functions of a snapshot, no ncurses: tested without a terminal
 * (tests/test_hedgeview.c). Colour says what the words already say: a
 * monochrome screen reads the same from the state names and the '!' of a
 * delta outside its band. */
#ifndef INVTOP_HEDGEVIEW_H
#define INVTOP_HEDGEVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/snapshot.h"

/* The hedge table's columns, left to right, and the cells each takes (a
 * right-aligned figure's cells include the blank before it). The reason
 * takes what is left of the width. */
typedef enum {
    HGV_FLAG = 0, /* '!' when the delta is outside its band */
    HGV_UND,
    HGV_NET,      /* net delta, USD */
    HGV_BAND,     /* +-band, USD */
    HGV_INST,     /* "x " before a cross hedge's instrument */
    HGV_LOTS,     /* suggested lots, signed */
    HGV_USD,      /* the delta USD the suggestion adds */
    HGV_STATE,    /* hg_state_name */
    HGV_REASON,
    HGV_COLS
} hgv_col;

/* The first cell of column c from the table's left edge. */
int hgv_col_x(hgv_col c);

/* The width of column c; HGV_REASON: 0 (the rest). */
int hgv_col_w(hgv_col c);

/* The column headers as one line (the table's width when w allows). */
void hgv_head_line(int w, char *out, size_t cap);

/* Cell c of row h, hgv_col_w(c) cells (the reason: whole, after a
 * blank); utf8: "±" before the band, else "+-". */
void hgv_hedge_cell(const snap_hedge *h, hgv_col c, bool utf8, char *out, size_t cap);

/* Whether h's delta, counting what its orders in flight add, is outside
 * its band (the engine's test: |net + inflight| > band); never with a
 * band that is not >= 0 (a remote snapshot's, as decoded). */
bool hgv_outside(const snap_hedge *h);

/* Hedge row h as one line of the table (its cells in a row), cut to w
 * cells. */
void hgv_hedge_line(const snap_hedge *h, bool utf8, int w, char *out, size_t cap);

/* The slot the row's net delta and state are drawn in: warning outside
 * the band, dim when its delta is unknown, else normal. */
int hgv_hedge_slot(const snap_hedge *h);

/* The selected row in full: its reason, then what the table has no column
 * for (orders in flight, the cross hedge's ratio and variance removed,
 * automatic hedging and its cooldown against the snapshot's time). */
void hgv_detail(const snap *s, const snap_hedge *h, char *out, size_t cap);

/* The orders' headers, and order o of s as one line (clid, instrument,
 * side and quantity, state, filled at the average price, age against the
 * snapshot's time, then why when refused or rejected), cut to w cells;
 * an id longer than its column keeps its end ("~" and the counter). */
void hgv_order_head(int w, char *out, size_t cap);
void hgv_order_line(const snap *s, const snap_order *o, int w, char *out, size_t cap);

/* The first cell of an order line's state, and its width. */
#define HGV_ORDER_STATE_X 42
#define HGV_ORDER_STATE_W 8

/* An order's slot: alert when it expired, was rejected or refused; ok
 * (gain) when filled; else normal. */
int hgv_order_slot(const snap_order *o);

/* The header line: automatic hedging on or off, the order channel (its
 * endpoint or "no --orders"), what it sent and refused, its limits, and
 * what is wrong with it. *slot: alert when the channel or its journal
 * fails, accent with automatic hedging on, else normal. */
void hgv_header(const snap *s, char *out, size_t cap, int *slot);

/* How the panel's inner rows are shared (hgv_plan). */
typedef struct {
    int hedge_rows;  /* table rows for underlyings ("none" line included) */
    bool detail;     /* the selected row's detail line */
    bool orders_head; /* the orders' header line */
    int order_rows;  /* orders shown, newest first */
} hgv_layout;

/* Share `rows` inner rows (the box's inside) for nhedges underlyings and
 * norders orders: the header line and the column headers first, then two
 * underlyings, the orders' header and the newest order, the detail line,
 * the other underlyings, the other orders. */
void hgv_plan(int rows, size_t nhedges, size_t norders, hgv_layout *out);

/* A whole number of USD with thousands separators: "-325,000"; NAN: "-". */
void hgv_grouped(double v, char *out, size_t cap);

/* The H key's question for h (a suggestion: lots != 0): "Send hedge: sell
 * 5000 lots BTC-PERP (-325,000 USD)? y to confirm, any other key cancels". */
void hgv_ask(const snap_hedge *h, char *out, size_t cap);

/* Why H sends nothing for h (no suggestion): "no hedge for BTC: <reason>". */
void hgv_no_hedge(const snap_hedge *h, char *out, size_t cap);

/* Whether h has a suggestion H can send: whole lots, non-zero, finite. */
bool hgv_has_suggestion(const snap_hedge *h);

#endif
