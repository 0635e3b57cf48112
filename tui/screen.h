/* screen.h - the terminal dashboard as a front end (prefix screen_):
 * ncurses set-up and restoration, keys and mouse, frames at --fps that are
 * drawn only when something changed (ncurses then sends only the cells that
 * differ), resizing at any moment.
 *
 * It draws only from the snapshot it keeps (a copy of the last one shown;
 * Z freezes it) and sends what the user asks for through fe.sink: it never
 * reads or changes engine state, so the same screen serves the engine in
 * this process and a remote one. */
#ifndef INVTOP_SCREEN_H
#define INVTOP_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include "tui/cli.h"
#include "tui/dash.h"
#include "tui/draw.h"
#include "invtop/frontend.h"
#include "invtop/snapshot.h"
#include "tui/theme.h"

typedef struct {
    frontend fe;
    theme th;
    bool utf8, started, dirty, force;
    lay_result lay;
    dash d;
    snap shown;          /* the snapshot on screen: a copy, kept while frozen */
    bool have_shown;
    double now;          /* the latest event time the loop gave */
    double last_sample;  /* event time of the last sparkline sample, NAN before */
    bool bell;           /* ring the terminal bell when a new critical alert fires
                            (--no-bell: false); the caller's to set, screen_start sets it */
    size_t crit_seen;    /* critical alerts firing in the last snapshot heard (alv_bell) */
} screen;

/* Enter the terminal: locale, curses modes, colours (theme; --no-color or
 * NO_COLOR force monochrome), mouse, ESC delay, the bell, and set up fe
 * (frame, input, ack, notice; the caller fills fe.sink and fe.source).
 * Every snapshot heard, live or behind a freeze, rings the bell once when
 * more critical alerts fire than in the one before (alv_bell): a local
 * dashboard and each remote viewer ring their own. cap is the most
 * instruments shown. Returns 0, or -1 after a one-line reason on stderr
 * (no terminal, bad TERM, no memory); the terminal is then untouched. */
int screen_start(screen *s, const invtop_opts *o, size_t cap);

/* Leave the terminal as it was and free what the screen holds. Safe to
 * call twice. */
void screen_stop(screen *s);

#endif
