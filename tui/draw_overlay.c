/* draw_overlay.c - the help, the alerts and the override edit form, drawn
 * over the middle of the screen (see drawpanel.h). */
#include "tui/drawpanel.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/alertview.h"
#include "tui/format.h"
#include "tui/keys.h"

void draw_help(const draw_ctx *c, int cols, int rows, dash *d)
{
    int w = cols - 4 < 96 ? cols - 4 : 96, text_w = w - 5 - KEYS_HELP_LABEL; /* borders, margins, a space */
    if (text_w < 8)
        text_w = 8;
    int total = (int)keys_help_lines(text_w);
    int h = total + 4 < rows - 2 ? total + 4 : rows - 2, body = h - 3;
    if (body < 1)
        return;
    /* clamp the scroll to what is left below the top line */
    if (d->help_top > (size_t)(total > body ? total - body : 0))
        d->help_top = (size_t)(total > body ? total - body : 0);
    lay_rect r = {(rows - h) / 2, (cols - w) / 2, h, w, true};
    for (int y = r.y; y < r.y + r.h; y++)
        mvhline(y, r.x, ' ', r.w);
    char title[96];
    if (total > body)
        snprintf(title, sizeof title, "Help: keys %zu-%d of %d (Up/Down scroll, Esc or ? closes)", d->help_top + 1,
                 (int)d->help_top + body, total);
    else
        snprintf(title, sizeof title, "Help: keys (Esc or ? closes)");
    draw_box(c, &r, title, true);
    char buf[256];
    for (int y = r.y + 2, n = (int)d->help_top; y < r.y + r.h - 1 && keys_help_line(text_w, (size_t)n, buf, sizeof buf);
         y++, n++)
        draw_text(c, y, r.x + 2, r.w - 4, SLOT_NORMAL, buf);
}

/* The widest the alerts overlay grows: the table and most notes. Up to a
 * few columns wider than that it takes the screen's width, so that its box
 * never sits just inside a panel's border. */
#define ALERTS_MAX_W 110
#define ALERTS_FULL_W (ALERTS_MAX_W + 8)
/* Rows for the selected rule's paragraph, when the rules leave them. */
#define ALERTS_DETAIL 3

void draw_alerts(const draw_ctx *c, const snap *s, int cols, int rows, dash *d)
{
    const size_t n = alv_count(s);
    const int w = cols <= ALERTS_FULL_W ? cols : ALERTS_MAX_W, text_w = w - 4;
    /* inside the box: the notify line, the column headers, the rules (or
     * one line saying there are none), the detail */
    const int want = 2 + 2 + (n ? (int)n : 1) + (n ? ALERTS_DETAIL : 0);
    const int h = want < rows - 2 ? want : rows - 2, body = h - 2;
    if (body < 1 || text_w < 8)
        return;
    int rest = body - 2; /* rows for the rules and the detail */
    int detail = n ? rest - 2 : 0; /* two rules before any detail */
    detail = detail < 0 ? 0 : detail > ALERTS_DETAIL ? ALERTS_DETAIL : detail;
    const int nrows = rest - detail;
    if (nrows > 0)
        dash_alert_fit(d, (size_t)nrows);
    lay_rect r = {(rows - h) / 2, (cols - w) / 2, h, w, true};
    for (int y = r.y; y < r.y + r.h; y++)
        mvhline(y, r.x, ' ', r.w);
    char what[96], title[sizeof what + 80], line[512];
    alv_title(s, what, sizeof what);
    if (nrows > 0 && n > (size_t)nrows)
        snprintf(title, sizeof title, "%s, %zu-%zu shown (a or Esc closes)", what, d->al_scroll + 1,
                 d->al_scroll + (size_t)nrows);
    else
        snprintf(title, sizeof title, "%s (a or Esc closes)", what);
    draw_box(c, &r, title, true);
    const int x = r.x + 2, end = r.y + r.h - 1;
    int y = r.y + 1, slot;
    alv_notify_line(s, line, sizeof line, &slot);
    draw_text(c, y++, x, text_w, slot, line);
    if (y >= end)
        return;
    alv_head_line(text_w, line, sizeof line);
    draw_text(c, y++, x, text_w, SLOT_HEADER, line);
    if (!n) {
        if (y < end)
            draw_text(c, y, x, text_w, SLOT_DIM, "no alert rule: [alert NAME] sections in the config add them");
        return;
    }
    const snap_alert *sel = NULL;
    for (int row = 0; row < nrows && y < end && d->al_scroll + (size_t)row < n; row++, y++) {
        const size_t i = d->al_scroll + (size_t)row;
        const snap_alert *a = &s->alerts[i];
        alv_line(s, a, text_w, line, sizeof line);
        draw_text(c, y, x, text_w, alv_slot(a), line);
        if (i == d->al_sel) {
            /* the selection marks the rule's name; its state and
             * severity keep their colour */
            sel = a;
            const int nx = alv_col_x(ALV_NAME);
            if ((int)strlen(line) > nx)
                draw_text(c, y, x + nx, alv_col_w(ALV_NAME), SLOT_SELECTION, line + nx);
        }
    }
    if (sel && detail > 0) {
        alv_detail(s, sel, line, sizeof line);
        y = end - detail;
        draw_wrapped(c, &y, end, x, text_w, 2, SLOT_NORMAL, line);
    }
}

void draw_form(const draw_ctx *c, const editform *f, int cols, int rows)
{
    int w = cols - 4 < 60 ? cols - 4 : 60, h = EF_COUNT + 6 < rows - 2 ? EF_COUNT + 6 : rows - 2;
    lay_rect r = {(rows - h) / 2, (cols - w) / 2, h, w, true};
    for (int y = r.y; y < r.y + r.h; y++)
        mvhline(y, r.x, ' ', r.w);
    char title[128];
    snprintf(title, sizeof title, "Override %s", f->sym);
    draw_box(c, &r, title, true);
    for (int k = 0; k < EF_COUNT && r.y + 1 + k < r.y + r.h - 3; k++) {
        char line[96];
        snprintf(line, sizeof line, "%-26s %s%s", ef_label((ef_field)k), f->text[k], k == (int)f->cur ? "_" : "");
        draw_text(c, r.y + 1 + k, r.x + 2, r.w - 4, k == (int)f->cur ? SLOT_SELECTION : SLOT_NORMAL, line);
    }
    char hints[128];
    (void)keys_hints(KM_FORM, KEYS_ALL_HINTS, 0, ", ", hints, sizeof hints);
    draw_text(c, r.y + r.h - 3, r.x + 2, r.w - 4, SLOT_DIM, hints);
    draw_text(c, r.y + r.h - 2, r.x + 2, r.w - 4, f->error[0] ? SLOT_BREACH : SLOT_DIM,
              f->error[0] ? f->error : "empty = not overridden; TTL 0 = until cleared");
}
