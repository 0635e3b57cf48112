/* screen.h - the terminal dashboard as a front end (prefix screen_):
 * ncurses set-up and restoration, keys and mouse, frames at --fps that are
 * drawn only when something changed (ncurses then sends only the cells that
 * differ), resizing at any moment. */
#ifndef INVTOP_SCREEN_H
#define INVTOP_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "invtop/dash.h"
#include "invtop/draw.h"
#include "invtop/frontend.h"
#include "invtop/theme.h"

typedef struct {
    frontend fe;
    theme th;
    bool utf8, started, dirty, force;
    lay_result lay;
    dash d;
    uint64_t msgs_seen, msgs_at_rate;
    double rate, rate_t, last_sample;
} screen;

/* Enter the terminal: locale, curses modes, colours (theme; want_color false
 * forces monochrome), mouse, ESC delay. Returns 0, or -1 after a one-line
 * reason on stderr (no terminal, bad TERM); the terminal is then untouched. */
int screen_start(screen *s, const invtop_opts *o, size_t cap);

/* Leave the terminal as it was. Safe to call twice. */
void screen_stop(screen *s);

#endif
