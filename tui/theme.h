/* theme.h - colours by meaning, not by hue (prefix theme_). Three schemes:
 * dark, light (for light terminal backgrounds) and mono (bold, reverse, dim
 * only), chosen automatically when the terminal has no colours or NO_COLOR
 * is set. Call after initscr. */
#ifndef INVTOP_THEME_H
#define INVTOP_THEME_H

#include <stdbool.h>

typedef enum {
    SLOT_NORMAL = 0,
    SLOT_HEADER,    /* panel titles, column headers */
    SLOT_GAIN,
    SLOT_LOSS,
    SLOT_WARNING,   /* utilization > 80%, yellow zone */
    SLOT_BREACH,    /* over a limit, red zone */
    SLOT_STALE,     /* prices not updated within stale_ms */
    SLOT_SELECTION, /* the selected row */
    SLOT_DIM,       /* secondary text */
    SLOT_ACCENT,    /* status bar, key hints */
    SLOT_COUNT
} theme_slot;

typedef enum { THEME_DARK = 0, THEME_LIGHT, THEME_MONO } theme_scheme;

typedef struct {
    theme_scheme scheme;
    int attr[SLOT_COUNT]; /* ncurses attributes per slot */
} theme;

/* Set up t for the scheme; falls back to mono when colours are unavailable.
 * want_color false (--no-color, NO_COLOR) forces mono. */
void theme_init(theme *t, theme_scheme scheme, bool want_color);

/* Parse "dark", "light" or "mono". Returns 0 or -1. */
int theme_parse(const char *name, theme_scheme *out);

#endif
