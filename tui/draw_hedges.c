/* draw_hedges.c - the hedge panel (see drawpanel.h). What it shows of the
 * snapshot, and how its rows are shared, is hedgeview's; here, where it
 * goes in the panel's cells and in which slot. */
#include "tui/drawpanel.h"

#include <stdio.h>
#include <string.h>

#include "invtop/hedge.h"
#include "tui/hedgeview.h"

void draw_hedges_fit(dash *d, const lay_rect *r)
{
    hgv_layout p;
    hgv_plan(r->h - 2, d->nhg, d->nhg_orders, &p);
    dash_hedge_fit(d, p.hedge_rows > 0 ? (size_t)p.hedge_rows : 0);
}

/* Row h of the table at y: each cell in its column, clipped to w; the
 * underlying marked when it is the cursor's, the flag, the delta and the
 * state in the row's slot (outside the band: warning). */
static void hedge_row(const draw_ctx *c, int y, int x, int w, const snap_hedge *h, bool cur, bool focused)
{
    char cell[SNAP_TEXT + EVENT_ID_MAX + 8];
    const int tone = hgv_hedge_slot(h);
    for (int k = 0; k < HGV_COLS; k++) {
        const int cx = hgv_col_x((hgv_col)k), cw = hgv_col_w((hgv_col)k);
        const int room = cw && cw < w - cx ? cw : w - cx;
        if (room <= 0)
            break;
        hgv_hedge_cell(h, (hgv_col)k, c->utf8, cell, sizeof cell);
        int slot = SLOT_NORMAL;
        if (k == HGV_UND && cur)
            slot = focused ? SLOT_SELECTION : SLOT_HEADER;
        else if (k == HGV_FLAG || k == HGV_NET || k == HGV_STATE)
            slot = tone;
        else if (k == HGV_REASON)
            slot = SLOT_DIM;
        draw_text(c, y, x + cx, room, slot, cell);
    }
}

void draw_hedges(const panel_frame *f, const lay_rect *r, bool focused)
{
    const draw_ctx *c = f->c;
    const snap *s = f->s;
    const dash *d = f->d;
    const int x = r->x + 2, w = r->w - 4, end = r->y + r->h - 1;
    const size_t nh = s->nhedges < SNAP_HEDGES ? s->nhedges : SNAP_HEDGES;
    const size_t no = s->norders < SNAP_ORDERS ? s->norders : SNAP_ORDERS;
    hgv_layout p;
    hgv_plan(r->h - 2, nh, no, &p);
    char title[160], scrolled[64] = "", line[SNAP_TEXT * 2 + EVENT_ID_MAX * 2 + 64];
    if (nh > (size_t)p.hedge_rows && p.hedge_rows > 0)
        snprintf(scrolled, sizeof scrolled, ", rows %zu-%zu of %zu", d->hg_scroll + 1,
                 d->hg_scroll + (size_t)p.hedge_rows < nh ? d->hg_scroll + (size_t)p.hedge_rows : nh, nh);
    snprintf(title, sizeof title, "Hedges: net delta against the band, USD%s%s", scrolled,
             nh ? " (H: send the selected)" : "");
    draw_box(c, r, title, focused);
    int y = r->y + 1;
    if (w <= 0 || y >= end)
        return;
    int slot;
    hgv_header(s, line, sizeof line, &slot);
    draw_text(c, y++, x, w, slot, line);
    if (y >= end)
        return;
    hgv_head_line(w, line, sizeof line);
    draw_text(c, y++, x, w, SLOT_HEADER, line);
    const snap_hedge *sel = NULL;
    if (nh == 0 && p.hedge_rows > 0) {
        draw_text(c, y++, x, w, SLOT_DIM, "no hedge rows yet: the engine has sent none");
    } else {
        for (size_t k = d->hg_scroll; k < nh && k < d->hg_scroll + (size_t)p.hedge_rows && y < end; k++, y++)
            hedge_row(c, y, x, w, &s->hedges[k], k == d->hg_sel, focused);
        sel = dash_hedge_selected(d, s);
    }
    if (p.detail && sel && y < end) {
        hgv_detail(s, sel, line, sizeof line);
        draw_text(c, y++, x, w, hgv_hedge_slot(sel) == SLOT_WARNING ? SLOT_WARNING : SLOT_NORMAL, line);
    }
    if (p.orders_head && y < end) {
        if (no == 0) {
            draw_text(c, y++, x, w, SLOT_DIM, "orders: none this session");
        } else {
            hgv_order_head(w, line, sizeof line);
            draw_text(c, y++, x, w, SLOT_HEADER, line);
        }
    }
    /* newest first: the snapshot carries them newest last */
    for (int k = 0; k < p.order_rows && (size_t)k < no && y < end; k++, y++) {
        const snap_order *o = &s->orders[no - 1 - (size_t)k];
        hgv_order_line(s, o, w, line, sizeof line);
        draw_text(c, y, x, w, SLOT_NORMAL, line);
        const char *state = ord_state_name(o->state);
        if (w > HGV_ORDER_STATE_X && hgv_order_slot(o) != SLOT_NORMAL)
            draw_text(c, y, x + HGV_ORDER_STATE_X, w - HGV_ORDER_STATE_X < HGV_ORDER_STATE_W ? w - HGV_ORDER_STATE_X
                                                                                          : HGV_ORDER_STATE_W,
                      hgv_order_slot(o), state ? state : "?");
    }
}
