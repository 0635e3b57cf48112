/* theme.c - semantic colour slots (see theme.h). */
#include "tui/theme.h"

#include <curses.h>
#include <string.h>

typedef struct {
    short fg, bg;
    int extra; /* attributes added on top of the colour pair */
} slot_style;

/* -1 is the terminal's default colour (use_default_colors). */
static const slot_style dark[SLOT_COUNT] = {
    [SLOT_NORMAL] = {-1, -1, 0},           [SLOT_HEADER] = {COLOR_CYAN, -1, A_BOLD},
    [SLOT_GAIN] = {COLOR_GREEN, -1, 0},    [SLOT_LOSS] = {COLOR_RED, -1, 0},
    [SLOT_WARNING] = {COLOR_YELLOW, -1, 0}, [SLOT_BREACH] = {COLOR_WHITE, COLOR_RED, A_BOLD},
    [SLOT_STALE] = {COLOR_MAGENTA, -1, 0}, [SLOT_SELECTION] = {COLOR_BLACK, COLOR_CYAN, 0},
    [SLOT_DIM] = {COLOR_BLUE, -1, A_BOLD}, [SLOT_ACCENT] = {COLOR_BLACK, COLOR_GREEN, 0},
};

/* On light backgrounds yellow and cyan text wash out: darker choices. */
static const slot_style light[SLOT_COUNT] = {
    [SLOT_NORMAL] = {-1, -1, 0},            [SLOT_HEADER] = {COLOR_BLUE, -1, A_BOLD},
    [SLOT_GAIN] = {COLOR_GREEN, -1, A_BOLD}, [SLOT_LOSS] = {COLOR_RED, -1, A_BOLD},
    [SLOT_WARNING] = {COLOR_MAGENTA, -1, A_BOLD}, [SLOT_BREACH] = {COLOR_WHITE, COLOR_RED, A_BOLD},
    [SLOT_STALE] = {COLOR_MAGENTA, -1, 0},  [SLOT_SELECTION] = {COLOR_WHITE, COLOR_BLUE, 0},
    [SLOT_DIM] = {COLOR_BLACK, -1, A_DIM},  [SLOT_ACCENT] = {COLOR_WHITE, COLOR_BLUE, 0},
};

static const int mono[SLOT_COUNT] = {
    [SLOT_NORMAL] = A_NORMAL, [SLOT_HEADER] = A_BOLD,    [SLOT_GAIN] = A_NORMAL,
    [SLOT_LOSS] = A_BOLD,     [SLOT_WARNING] = A_UNDERLINE, [SLOT_BREACH] = A_REVERSE | A_BOLD,
    [SLOT_STALE] = A_DIM,     [SLOT_SELECTION] = A_REVERSE, [SLOT_DIM] = A_DIM,
    [SLOT_ACCENT] = A_REVERSE,
};

int theme_parse(const char *name, theme_scheme *out)
{
    static const char *const names[] = {"dark", "light", "mono"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (theme_scheme)i;
            return 0;
        }
    return -1;
}

void theme_init(theme *t, theme_scheme scheme, bool want_color)
{
    if (!want_color || scheme == THEME_MONO || !has_colors() || start_color() == ERR) {
        t->scheme = THEME_MONO;
        memcpy(t->attr, mono, sizeof t->attr);
        return;
    }
    use_default_colors();
    const slot_style *s = scheme == THEME_LIGHT ? light : dark;
    t->scheme = scheme;
    for (int i = 0; i < SLOT_COUNT; i++) {
        init_pair((short)(i + 1), s[i].fg, s[i].bg);
        t->attr[i] = (int)COLOR_PAIR(i + 1) | s[i].extra;
    }
    /* the terminal's own colours are pair 0: ncurses then sends no colour
     * pair change (ESC [39;49m) before plain text */
    if (s[SLOT_NORMAL].fg == -1 && s[SLOT_NORMAL].bg == -1 && !s[SLOT_NORMAL].extra)
        t->attr[SLOT_NORMAL] = A_NORMAL;
}
