/* drawkit.c - cell-level drawing helpers (see drawkit.h). */
#include "tui/drawkit.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tui/format.h"

/* Decode at most maxw cells of the first len bytes of UTF-8 s into w (cap
 * wide characters, NUL terminated); a malformed byte becomes '?'. Returns
 * the count. */
static int decode_cells(const char *s, size_t len, int maxw, wchar_t *w, int cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    int n = 0;
    while (i < len && p[i] && n < maxw && n < cap - 1) {
        unsigned c = p[i++];
        int more = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
        if (more < 0) {
            w[n++] = L'?';
            continue;
        }
        c &= more == 0 ? 0x7f : more == 1 ? 0x1f : more == 2 ? 0x0f : 0x07;
        for (; more > 0 && i < len && (p[i] & 0xc0) == 0x80; more--)
            c = (c << 6) | (p[i++] & 0x3f);
        w[n++] = more ? L'?' : (wchar_t)c;
    }
    w[n] = L'\0';
    return n;
}

/* The first len bytes of s, clipped to maxw cells. */
static void put_text(const draw_ctx *c, int y, int x, int maxw, int slot, const char *s, size_t len)
{
    if (maxw <= 0)
        return;
    /* wide characters straight to ncurses: its own multibyte decoding
     * (mbrtowc a byte at a time) was the largest cost of a frame */
    wchar_t w[512];
    int n = decode_cells(s, len, maxw, w, (int)(sizeof w / sizeof *w));
    attrset(c->th->attr[slot]);
    mvaddnwstr(y, x, w, n);
    attrset(A_NORMAL);
}

void draw_text(const draw_ctx *c, int y, int x, int maxw, int slot, const char *s)
{
    put_text(c, y, x, maxw, slot, s, (size_t)-1);
}

void draw_wrapped(const draw_ctx *c, int *y, int end, int x, int w, int indent, int slot, const char *s)
{
    if (w <= 0)
        return;
    if (w <= indent)
        indent = 0;
    for (bool first = true; *s && *y < end; first = false) {
        int lx = first ? x : x + indent, lw = first ? w : w - indent;
        size_t next, len = fmt_wrap(s, lw, &next);
        if (*y + 1 >= end) /* the last row: as much as fits */
            len = strlen(s);
        put_text(c, *y, lx, lw, slot, s, len);
        (*y)++;
        s += next;
    }
}

int draw_loss_slot(double v)
{
    return v < 0 ? SLOT_LOSS : SLOT_NORMAL;
}

const char *draw_book_label(const char *name)
{
    return name[0] ? name : "(no book)";
}

/* One cell holding the wide character w, for the line-filling calls. */
static cchar_t wide_cell(wchar_t w)
{
    const wchar_t text[2] = {w, L'\0'};
    cchar_t cc;
    setcchar(&cc, text, A_NORMAL, 0, NULL);
    return cc;
}

void draw_box(const draw_ctx *c, const lay_rect *r, const char *title, bool focused)
{
    /* Explicit glyphs, not the alternate character set: ACS is mangled by some
     * terminals and multiplexers in UTF-8 mode, and must never appear under
     * LANG=C. Lines are filled cell by cell from one prepared cell: passing
     * them as UTF-8 text cost a quarter of a frame in multibyte decoding. */
    const wchar_t glyph[6] = {L'\u2500', L'\u2502', L'\u250c', L'\u2510', L'\u2514', L'\u2518'};
    const wchar_t ascii[6] = {L'-', L'|', L'+', L'+', L'+', L'+'};
    cchar_t cell[6];
    for (int k = 0; k < 6; k++)
        cell[k] = wide_cell(c->utf8 ? glyph[k] : ascii[k]);
    attrset(c->th->attr[focused ? SLOT_HEADER : SLOT_DIM]);
    const int right = r->x + r->w - 1, bottom = r->y + r->h - 1;
    mvhline_set(r->y, r->x + 1, &cell[0], r->w - 2);
    mvhline_set(bottom, r->x + 1, &cell[0], r->w - 2);
    mvvline_set(r->y + 1, r->x, &cell[1], r->h - 2);
    mvvline_set(r->y + 1, right, &cell[1], r->h - 2);
    mvadd_wch(r->y, r->x, &cell[2]);
    mvadd_wch(r->y, right, &cell[3]);
    mvadd_wch(bottom, r->x, &cell[4]);
    mvadd_wch(bottom, right, &cell[5]);
    attrset(A_NORMAL);
    char t[128];
    snprintf(t, sizeof t, " %s ", title);
    draw_text(c, r->y, r->x + 2, r->w - 4, SLOT_HEADER, t);
}

void draw_util_bar(const draw_ctx *c, int y, int x, int end, const char *label, const limit_state *s)
{
    char bar[64], pct[16];
    int w = 10;
    if (x + (int)strlen(label) + w + 8 > end)
        return;
    draw_text(c, y, x, end - x, SLOT_DIM, label);
    x += (int)strlen(label) + 1;
    fmt_bar(bar, sizeof bar, isnan(s->util) ? 0 : s->util, w, c->utf8);
    /* coloured only when near or over the limit, as everywhere */
    int slot = isnan(s->util) ? SLOT_DIM : s->util > 1 ? SLOT_BREACH : s->util > 0.8 ? SLOT_WARNING : SLOT_NORMAL;
    draw_text(c, y, x, w, slot, bar);
    if (isnan(s->util))
        snprintf(pct, sizeof pct, " off");
    else
        snprintf(pct, sizeof pct, " %3.0f%%", s->util * 100);
    draw_text(c, y, x + w, 6, slot, pct);
}
