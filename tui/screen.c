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

/* Journal-then-apply a proposed change, and say what happened. */
static void apply_change(screen *s, app *a, const ovr_change *c, double now, const char *reason)
{
    char msg[192];
    if (app_override(a, c, now, reason) != 0) {
        snprintf(msg, sizeof msg, "OVERRIDE REFUSED: %.170s", a->jr.err);
        evlog_add(&s->d.log, now, EVLOG_ALERT, "%s", msg);
    } else {
        ovr o = ovr_get(&a->ovr, c->sym);
        if (c->sym[0])
            snprintf(msg, sizeof msg, "%s %s: skew %+.1f bp%s%s%s by %s", c->sym, c->action,
                     isnan(o.skew_bps) ? 0.0 : o.skew_bps, o.skew_replace ? " (replaces)" : "",
                     o.paused ? ", paused" : "", ovr_is_set(&o) ? "" : " (model)", a->user);
        else
            snprintf(msg, sizeof msg, "%s by %s%s", c->action, a->user,
                     a->ovr.kill ? ": KILL SWITCH ON, every quote paused" : "");
        evlog_add(&s->d.log, now, c->sym[0] ? EVLOG_INFO : EVLOG_ALERT, "override %s", msg);
    }
    dash_message(&s->d, now, msg);
}

static void override_key(screen *s, app *a, key_action act, int ch, double now)
{
    dash *d = &s->d;
    if (!a->o->trader) {
        dash_message(d, now, "READ-ONLY: quotes cannot be changed; start invtop with --trader");
        return;
    }
    if (act == ACT_KILL || act == ACT_CLEAR_ALL) {
        d->confirm = act;
        dash_message(d, now, act == ACT_CLEAR_ALL ? "Clear EVERY override? y to confirm, any other key cancels"
                             : a->ovr.kill ? "Lift the kill switch? y to confirm, any other key cancels"
                                           : "KILL SWITCH: pause every quote? y to confirm, any other key cancels");
        return;
    }
    long sel = dash_selected_index(d);
    ovr_change c;
    int rc = -1;
    char reason[32];
    snprintf(reason, sizeof reason, "key %c", ch > 32 && ch < 127 ? ch : '?');
    if (act == ACT_UNDO) {
        rc = ovr_propose_undo(&a->ovr, &c);
        if (rc != 0)
            dash_message(d, now, "nothing to undo");
    } else if (sel < 0) {
        dash_message(d, now, "no instrument selected");
        return;
    } else {
        const char *sym = book_at(a->book, (size_t)sel)->id;
        const qt_entry *q = (size_t)sel < a->qt.cap ? &a->qt.e[sel] : NULL;
        double ttl = a->o->override_ttl_s, half = q && q->valid ? q->q.half_spread_bps : NAN;
        switch (act) {
        case ACT_SKEW_DOWN: rc = ovr_propose_skew(&a->ovr, sym, -1, now, ttl, &c); break;
        case ACT_SKEW_UP: rc = ovr_propose_skew(&a->ovr, sym, 1, now, ttl, &c); break;
        case ACT_SKEW_DOWN10: rc = ovr_propose_skew(&a->ovr, sym, -10, now, ttl, &c); break;
        case ACT_SKEW_UP10: rc = ovr_propose_skew(&a->ovr, sym, 10, now, ttl, &c); break;
        case ACT_NARROWER: rc = ovr_propose_spread(&a->ovr, sym, -1, half, now, ttl, &c); break;
        case ACT_WIDER: rc = ovr_propose_spread(&a->ovr, sym, 1, half, now, ttl, &c); break;
        case ACT_PAUSE: rc = ovr_propose_pause(&a->ovr, sym, now, ttl, &c); break;
        case ACT_CLEAR: rc = ovr_propose_clear(&a->ovr, sym, &c); break;
        case ACT_EDIT: {
            ovr cur = ovr_get(&a->ovr, sym);
            ef_open(&d->form, sym, &cur, now);
            return;
        }
        default: return;
        }
        if (rc != 0)
            dash_message(d, now, "no model spread yet to change");
    }
    if (rc == 0)
        apply_change(s, a, &c, now, reason);
}

static void confirm_key(screen *s, app *a, int ch, double now)
{
    key_action act = s->d.confirm;
    s->d.confirm = ACT_NONE;
    if (ch != 'y' && ch != 'Y') {
        dash_message(&s->d, now, "cancelled");
        return;
    }
    ovr_change c;
    if (act == ACT_KILL)
        ovr_propose_kill(&a->ovr, !a->ovr.kill, &c);
    else
        ovr_propose_clear(&a->ovr, "", &c);
    apply_change(s, a, &c, now, act == ACT_KILL ? "key K" : "key C");
}

static void form_key(screen *s, app *a, int ch, double now)
{
    editform *f = &s->d.form;
    ef_state st = ef_key(f, ch);
    ovr o;
    if (st != EF_APPLY || ef_parse(f, now, &o) != 0)
        return; /* still editing, cancelled, or an error shown inline */
    ovr_change c;
    ovr_propose_set(&a->ovr, f->sym, &o, "edit", &c);
    f->open = false;
    apply_change(s, a, &c, now, "edit form");
}

static void on_input(frontend *f, app *a, double now)
{
    screen *s = f->impl;
    int ch;
    bool any = false;
    if (isnan(now))
        now = app_now(a, a->in.stats.last_msg_time); /* replay pacing: the last event time */
    while ((ch = getch()) != ERR) {
        s->dirty = any = true;
        if (ch == KEY_RESIZE) {
            relayout(s);
            continue;
        }
        if (ch == KEY_MOUSE) {
            mouse(s);
            continue;
        }
        if (s->d.form.open) {
            form_key(s, a, ch, now);
            continue;
        }
        if (s->d.confirm != ACT_NONE) {
            confirm_key(s, a, ch, now);
            continue;
        }
        if (dash_filter_key(&s->d, ch))
            continue;
        key_action act = keys_lookup(ch);
        if (keys_is_override(act)) {
            override_key(s, a, act, ch, now);
            continue;
        }
        if (act == ACT_RELOAD) {
            char msg[256];
            bool ok = app_reload(a, msg, sizeof msg) == 0;
            evlog_add(&s->d.log, now, ok ? EVLOG_INFO : EVLOG_ALERT, "%s", msg);
            dash_message(&s->d, now, msg);
            continue;
        }
        if (act == ACT_BOOK) {
            char msg[96];
            dash_next_book(&s->d, book_nbooks(a->book));
            snprintf(msg, sizeof msg, s->d.book < 0 ? "all books" : "book %s",
                     s->d.book < 0 ? "" : draw_book_label(book_name(a->book, (size_t)s->d.book)));
            dash_message(&s->d, now, msg);
            continue;
        }
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
    if (any)
        dash_order(&s->d, a);
}

static void on_frame(frontend *f, app *a, double now)
{
    screen *s = f->impl;
    /* ncurses' SIGWINCH handler only sets a flag that the next getch turns
     * into KEY_RESIZE; a signal landing outside the loop's poll wakes
     * nothing, so without this read the resize would wait for a key press. */
    on_input(f, a, now);
    if (f->done)
        return;
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
    bool changed = msgs != s->msgs_seen || s->d.message[0];
    s->msgs_seen = msgs;
    if (s->d.frozen && !s->dirty && !s->force)
        return; /* the feed is consumed, the screen keeps its picture */
    if (!changed && !s->dirty && !s->force)
        return;
    if (!s->d.frozen) {
        rr_refresh(&a->risk, a->book, now);
        dash_order(&s->d, a);
    }
    if (s->d.message[0] && now > s->d.message_until && s->d.confirm == ACT_NONE)
        s->d.message[0] = '\0';
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
    s->fe.frame_app = on_frame;
    s->fe.input_app = on_input;
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
