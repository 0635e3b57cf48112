/* screen.c - the dashboard front end (see screen.h). */
#include "tui/screen.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invtop/alertrule.h"
#include "tui/alertview.h"
#include "tui/keys.h"

static void relayout(screen *s)
{
    lay_compute(COLS, LINES, s->d.panels_on, &s->lay);
    dash_set_layout(&s->d, &s->lay);
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

/* Every key goes to the key table's dispatcher (keys.h); the terminal's
 * part (layout, mouse, a full redraw) is done here as it asks. */
static void on_input(frontend *f, double now)
{
    screen *s = f->impl;
    int ch;
    bool any = false;
    if (isnan(now))
        now = s->now;
    else
        s->now = now;
    while ((ch = getch()) != ERR) {
        s->dirty = any = true;
        keyctx k = {.d = &s->d, .shown = &s->shown, .sink = &f->sink, .now = now, .page = page_rows(s)};
        (void)keys_dispatch(&k, ch);
        if (k.react & KR_RESIZE)
            relayout(s);
        if (k.react & KR_MOUSE)
            mouse(s);
        if (k.react & KR_REDRAW) {
            clearok(curscr, TRUE);
            s->force = true;
        }
        if (s->d.quit) {
            f->done = true;
            return;
        }
    }
    if (any)
        dash_order(&s->d, &s->shown); /* keys act on the snapshot shown, frozen or not */
}

static bool same(double x, double y)
{
    return x == y || (isnan(x) && isnan(y));
}

/* Whether b's alerts or notify counters differ from a's (what the status
 * bar and the alerts overlay show of them). */
static bool alerts_differ(const snap *a, const snap *b)
{
    if (a->nalerts != b->nalerts || a->notify_on != b->notify_on || a->notify_sent != b->notify_sent ||
        a->notify_ok != b->notify_ok || a->notify_failures != b->notify_failures ||
        a->notify_timeouts != b->notify_timeouts || a->notify_dropped != b->notify_dropped ||
        strcmp(a->notify_error, b->notify_error) != 0)
        return true;
    for (int k = 0; k < AL_SEVERITY_COUNT; k++)
        if (a->alerts_firing[k] != b->alerts_firing[k])
            return true;
    for (size_t k = 0; k < a->nalerts && k < SNAP_ALERTS; k++) {
        const snap_alert *x = &a->alerts[k], *y = &b->alerts[k];
        if (x->state != y->state || x->flapping != y->flapping || x->acked != y->acked || x->acted != y->acted ||
            x->notified != y->notified || !same(x->value, y->value) || !same(x->since, y->since) ||
            !same(x->silenced_until, y->silenced_until) || !same(x->notified_at, y->notified_at) ||
            strcmp(x->name, y->name) != 0 || strcmp(x->action_note, y->action_note) != 0)
            return true;
    }
    return false;
}

/* Whether b shows anything a redraw of a would not: cheap fields that move
 * whenever the content does, and the clock's second (ages, TTLs). */
static bool differs(const snap *a, const snap *b)
{
    /* the order channel's answers (an ack, a reject) come with no feed message */
    if (a->norders != b->norders || a->orders_sent != b->orders_sent || a->orders_refused != b->orders_refused ||
        a->hedge_auto != b->hedge_auto || a->nhedges != b->nhedges)
        return true;
    for (size_t k = 0; k < a->norders && k < SNAP_ORDERS; k++)
        if (a->orders[k].state != b->orders[k].state || !same(a->orders[k].filled, b->orders[k].filled))
            return true;
    /* alerts change on the engine's timers (a pending alert's `for`), and
     * its notify command's counters with no feed message */
    if (alerts_differ(a, b))
        return true;
    return a->feed.msgs != b->feed.msgs || a->events_total != b->events_total || a->ninst != b->ninst ||
           a->nseries != b->nseries || a->overrides_active != b->overrides_active || a->kill != b->kill ||
           a->publishing != b->publishing || a->handshakes_refused != b->handshakes_refused ||
           a->nscen != b->nscen || !same(floor(a->ts), floor(b->ts)) || !same(a->computed_at, b->computed_at) ||
           !same(a->mc_at, b->mc_at) || !same(floor(a->engine_silence_s), floor(b->engine_silence_s));
}

static void on_frame(frontend *f, const snap *snp, double now)
{
    screen *s = f->impl;
    /* ncurses' SIGWINCH handler only sets a flag that the next getch turns
     * into KEY_RESIZE; a signal landing outside the loop's poll wakes
     * nothing, so without this read the resize would wait for a key press. */
    on_input(f, now);
    if (f->done)
        return;
    /* the bell hears every snapshot, frozen or not: a freeze keeps the
     * picture, not the desk's ears */
    if (alv_bell_heard(&s->crit_seen, snp->alerts_firing[AL_CRITICAL], s->bell))
        beep();
    if (!s->d.frozen) { /* frozen: the feed is consumed, the screen keeps its snapshot */
        if (!s->have_shown || differs(&s->shown, snp)) {
            if (snap_copy(&s->shown, snp) != 0) {
                dash_message(&s->d, now, "out of memory: the screen keeps its last picture");
            } else {
                s->have_shown = true;
                dash_take_events(&s->d, &s->shown);
                dash_order(&s->d, &s->shown);
                s->dirty = true;
            }
        }
        if (s->have_shown && (isnan(s->last_sample) || now - s->last_sample >= 1 || now < s->last_sample)) {
            dash_sample(&s->d, &s->shown);
            s->last_sample = now;
            s->dirty = true;
        }
    }
    if (s->d.message[0] && now > s->d.message_until && !s->d.confirm) {
        s->d.message[0] = '\0';
        s->dirty = true;
    }
    if (!s->dirty && !s->force)
        return;
    draw_ctx c = {&s->th, s->utf8, !f->sink.trader, f->remote};
    draw_screen(&c, &s->lay, &s->shown, &s->d);
    wnoutrefresh(stdscr);
    doupdate();
    s->dirty = s->force = false;
}

static void on_ack(frontend *f, uint64_t id, fe_answer a, const char *msg)
{
    (void)id;
    screen *s = f->impl;
    dash_answer(&s->d, s->now, a, msg ? msg : "");
    s->dirty = true;
}

static void on_notice(frontend *f, double now, bool alert, const char *text)
{
    screen *s = f->impl;
    dash_log_answer(&s->d, isnan(now) ? s->now : now, alert ? EVLOG_ALERT : EVLOG_INFO, text, NULL);
    s->dirty = true;
}

int screen_start(screen *s, const invtop_opts *o, size_t cap)
{
    memset(s, 0, sizeof *s);
    snap_init(&s->shown);
    s->now = s->last_sample = NAN;
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
        dash_free(&s->d);
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
    leaveok(stdscr, TRUE); /* the cursor is hidden: parking it costs bytes every frame */
    set_escdelay(25);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    bool want_color = !o->no_color && !getenv("NO_COLOR");
    theme_init(&s->th, o->theme, want_color);
    s->bell = !o->no_bell;
    relayout(s);
    s->fe.period_s = 1.0 / o->fps;
    s->fe.input_fd = STDIN_FILENO;
    s->fe.frame = on_frame;
    s->fe.input = on_input;
    s->fe.ack = on_ack;
    s->fe.notice = on_notice;
    s->fe.impl = s;
    return 0;
}

void screen_stop(screen *s)
{
    if (s->started) {
        endwin();
        dash_free(&s->d);
        snap_free(&s->shown);
    }
    s->started = false;
}
