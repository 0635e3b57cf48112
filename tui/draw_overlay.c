/* draw_overlay.c - the help and the override edit form, drawn over the
 * middle of the screen (see drawpanel.h). */
#include "tui/drawpanel.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

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
