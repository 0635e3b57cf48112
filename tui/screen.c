/* screen.c - the dashboard front end (see screen.h). */
#include "invtop/screen.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invtop/headless.h"
#include "invtop/keys.h"

static void relayout(screen *s)
{
    lay_compute(COLS, LINES, &s->lay);
    s->force = true;
}

/* Rows of the positions table shown, for paging. */
static size_t page_rows(const screen *s)
{
    int h = s->lay.r[PANEL_POSITIONS].h - 3;
    return h > 0 ? (size_t)h : 1;
}

static void mouse(screen *s)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
        return;
    const lay_rect *r = &s->lay.r[PANEL_POSITIONS];
    if (ev.x > r->x && ev.x < r->x + r->w - 1 && ev.y >= r->y + 2 && ev.y < r->y + r->h - 1)
        dash_click_row(&s->d, (size_t)(ev.y - r->y - 2));
}

static void on_input(frontend *f, app *a, double now)
{
    screen *s = f->impl;
    int ch;
    (void)now;
    while ((ch = getch()) != ERR) {
        s->dirty = true;
        if (ch == KEY_RESIZE) {
            relayout(s);
            continue;
        }
        if (ch == KEY_MOUSE) {
            mouse(s);
            continue;
        }
        if (dash_filter_key(&s->d, ch))
            continue;
        key_action act = keys_lookup(ch);
        if (act == ACT_REDRAW) {
            clearok(curscr, TRUE);
            s->force = true;
        }
        dash_action(&s->d, act, page_rows(s));
        if (s->d.quit) {
            f->done = true;
            return;
        }
    }
    dash_order(&s->d, a);
}

static void on_frame(frontend *f, app *a, double now)
{
    screen *s = f->impl;
    uint64_t msgs = headless_received(&a->in.stats);
    double mono_rate_window = now - s->rate_t;
    if (mono_rate_window >= 1 || s->rate_t == 0) {
        s->rate = s->rate_t == 0 ? 0 : (double)(msgs - s->msgs_at_rate) / mono_rate_window;
        s->msgs_at_rate = msgs;
        s->rate_t = now;
    }
    if (now - s->last_sample >= 1) {
        dash_sample(&s->d, a);
        s->last_sample = now;
    }
    dash_observe(&s->d, a, now);
    bool changed = msgs != s->msgs_seen;
    s->msgs_seen = msgs;
    if (s->d.frozen && !s->dirty && !s->force)
        return; /* the feed is consumed, the screen keeps its picture */
    if (!changed && !s->dirty && !s->force)
        return;
    if (!s->d.frozen) {
        rr_refresh(&a->risk, a->book, now);
        dash_order(&s->d, a);
    }
    draw_ctx c = {&s->th, s->utf8, f->source, !a->o->trader, now, s->rate};
    draw_screen(&c, &s->lay, a, &s->d);
    wnoutrefresh(stdscr);
    doupdate();
    s->dirty = s->force = false;
}

int screen_start(screen *s, const invtop_opts *o, size_t cap)
{
    memset(s, 0, sizeof *s);
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "invtop: the dashboard needs a terminal; use --headless for JSON output\n");
        return -1;
    }
    setlocale(LC_ALL, "");
    s->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    if (!newterm(NULL, stdout, stdin)) {
        fprintf(stderr, "invtop: cannot use the terminal (TERM=%s)\n", getenv("TERM") ? getenv("TERM") : "");
        return -1;
    }
    if (dash_init(&s->d, cap) != 0) {
        endwin();
        fprintf(stderr, "invtop: out of memory\n");
        return -1;
    }
    s->started = true;
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    bool want_color = !o->no_color && !getenv("NO_COLOR");
    theme_init(&s->th, o->theme, want_color);
    relayout(s);
    s->fe.period_s = 1.0 / o->fps;
    s->fe.input_fd = STDIN_FILENO;
    s->fe.frame = on_frame;
    s->fe.input = on_input;
    s->fe.impl = s;
    return 0;
}

void screen_stop(screen *s)
{
    if (s->started) {
        endwin();
        dash_free(&s->d);
    }
    s->started = false;
}
