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

/* A refusal the view makes itself: the footer and the event log. */
static void refuse(screen *s, double now, const char *why)
{
    dash_message(&s->d, now, why);
    dash_log_answer(&s->d, now, EVLOG_WARN, why, NULL);
}

/* Show the engine's answer to a command: the footer and the event log
 * (where the engine's own event for it is then skipped). */
static void show_answer(screen *s, double now, fe_answer a, const char *msg)
{
    char line[256];
    if (a == FE_APPLIED) {
        snprintf(line, sizeof line, "override %s", msg);
        dash_message(&s->d, now, msg);
        dash_log_answer(&s->d, now, strstr(msg, "KILL") || strstr(msg, "kill") ? EVLOG_ALERT : EVLOG_INFO, line, msg);
    } else if (a == FE_REFUSED) {
        snprintf(line, sizeof line, "OVERRIDE REFUSED: %s", msg[0] ? msg : "no reason given");
        dash_message(&s->d, now, line);
        dash_log_answer(&s->d, now, EVLOG_ALERT, line, msg);
    } else {
        dash_message(&s->d, now, msg);
        dash_log_answer(&s->d, now, EVLOG_INFO, msg, NULL);
    }
    s->dirty = true;
}

/* Send c through the sink and show what became of it. */
static void send_command(screen *s, const command *c, double now)
{
    fe_sink *k = &s->fe.sink;
    char msg[192] = "", text[CMD_TEXT_MAX];
    if (!k->send) {
        refuse(s, now, "commands: this view is not connected to an engine");
        return;
    }
    uint64_t id = ++s->next_cmd;
    fe_answer a = k->send(k->ctx, c, id, msg, sizeof msg);
    if (a == FE_PENDING && !msg[0]) {
        if (cmd_format(c, text, sizeof text) < 0)
            snprintf(text, sizeof text, "%s", cmd_name(c->kind));
        snprintf(msg, sizeof msg, "sent: %.120s (waiting for the engine)", text);
    }
    show_answer(s, now, a, msg);
}

static void override_key(screen *s, key_action act, double now)
{
    dash *d = &s->d;
    if (!s->fe.sink.trader) {
        refuse(s, now, "READ-ONLY: quotes cannot be changed; start invtop with --trader");
        return;
    }
    if (act == ACT_KILL || act == ACT_CLEAR_ALL) {
        d->confirm = act;
        dash_message(d, now, act == ACT_CLEAR_ALL ? "Clear EVERY override? y to confirm, any other key cancels"
                             : s->shown.kill      ? "Lift the kill switch? y to confirm, any other key cancels"
                                                  : "KILL SWITCH: pause every quote? y to confirm, any other key cancels");
        return;
    }
    command c;
    memset(&c, 0, sizeof c);
    c.kind = CMD_UNDO;
    if (act != ACT_UNDO) {
        long sel = dash_selected_index(d);
        if (sel < 0 || (size_t)sel >= s->shown.ninst) {
            refuse(s, now, "no instrument selected");
            return;
        }
        const snap_inst *in = &s->shown.inst[sel];
        snprintf(c.id, sizeof c.id, "%s", in->id);
        switch (act) {
        case ACT_SKEW_DOWN: c.kind = CMD_SKEW; c.value = -1; break;
        case ACT_SKEW_UP: c.kind = CMD_SKEW; c.value = 1; break;
        case ACT_SKEW_DOWN10: c.kind = CMD_SKEW; c.value = -10; break;
        case ACT_SKEW_UP10: c.kind = CMD_SKEW; c.value = 10; break;
        case ACT_NARROWER: c.kind = CMD_SPREAD; c.value = -1; break;
        case ACT_WIDER: c.kind = CMD_SPREAD; c.value = 1; break;
        case ACT_PAUSE: c.kind = CMD_PAUSE; break;
        case ACT_CLEAR: c.kind = CMD_CLEAR; break;
        case ACT_EDIT: ef_open(&d->form, in->id, &in->o, now); return;
        default: return;
        }
    }
    send_command(s, &c, now);
}

static void confirm_key(screen *s, int ch, double now)
{
    key_action act = s->d.confirm;
    s->d.confirm = ACT_NONE;
    if (ch != 'y' && ch != 'Y') {
        dash_message(&s->d, now, "cancelled");
        return;
    }
    command c;
    memset(&c, 0, sizeof c);
    c.kind = act == ACT_CLEAR_ALL ? CMD_CLEAR_ALL : s->shown.kill ? CMD_UNKILL : CMD_KILL;
    send_command(s, &c, now);
}

static void form_key(screen *s, int ch, double now)
{
    editform *f = &s->d.form;
    ef_state st = ef_key(f, ch);
    ovr o;
    if (st != EF_APPLY || ef_parse(f, 0, &o) != 0)
        return; /* still editing, cancelled, or an error shown inline */
    command c;
    memset(&c, 0, sizeof c);
    c.kind = CMD_SET;
    snprintf(c.id, sizeof c.id, "%s", f->sym);
    c.set = o; /* parsed at time 0: expires is the TTL in seconds (NAN: none) */
    f->open = false;
    send_command(s, &c, now);
}

static void reload_key(screen *s, double now)
{
    char msg[256] = "";
    if (!s->fe.sink.reload) {
        refuse(s, now, "reload: not available on an attached viewer");
        return;
    }
    fe_answer a = s->fe.sink.reload(s->fe.sink.ctx, msg, sizeof msg);
    dash_message(&s->d, now, msg);
    dash_log_answer(&s->d, now, a == FE_REFUSED ? EVLOG_ALERT : EVLOG_INFO, msg, NULL);
}

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
        if (ch == KEY_RESIZE) {
            relayout(s);
            continue;
        }
        if (ch == KEY_MOUSE) {
            mouse(s);
            continue;
        }
        if (s->d.form.open) {
            form_key(s, ch, now);
            continue;
        }
        if (s->d.confirm != ACT_NONE) {
            confirm_key(s, ch, now);
            continue;
        }
        if (dash_filter_key(&s->d, ch))
            continue;
        key_action act = keys_lookup(ch);
        if (keys_is_override(act)) {
            override_key(s, act, now);
            continue;
        }
        if (act == ACT_RELOAD) {
            reload_key(s, now);
            continue;
        }
        if (act == ACT_BOOK) {
            char msg[96];
            dash_next_book(&s->d, s->shown.nbooks);
            snprintf(msg, sizeof msg, s->d.book < 0 ? "all books" : "book %s",
                     s->d.book < 0 ? "" : draw_book_label(s->shown.books[s->d.book].name));
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
        dash_order(&s->d, &s->shown); /* keys act on the snapshot shown, frozen or not */
}

static bool same(double x, double y)
{
    return x == y || (isnan(x) && isnan(y));
}

/* Whether b shows anything a redraw of a would not: cheap fields that move
 * whenever the content does, and the clock's second (ages, TTLs). */
static bool differs(const snap *a, const snap *b)
{
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
    if (s->d.message[0] && now > s->d.message_until && s->d.confirm == ACT_NONE) {
        s->d.message[0] = '\0';
        s->dirty = true;
    }
    if (!s->dirty && !s->force)
        return;
    draw_ctx c = {&s->th, s->utf8, !f->sink.trader};
    draw_screen(&c, &s->lay, &s->shown, &s->d);
    wnoutrefresh(stdscr);
    doupdate();
    s->dirty = s->force = false;
}

static void on_ack(frontend *f, uint64_t id, fe_answer a, const char *msg)
{
    (void)id;
    screen *s = f->impl;
    show_answer(s, s->now, a, msg ? msg : "");
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
    set_escdelay(25);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    bool want_color = !o->no_color && !getenv("NO_COLOR");
    theme_init(&s->th, o->theme, want_color);
    relayout(s);
    s->fe.period_s = 1.0 / o->fps;
    s->fe.input_fd = STDIN_FILENO;
    s->fe.frame = on_frame;
    s->fe.input = on_input;
    s->fe.ack = on_ack;
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
