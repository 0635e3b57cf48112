/* keys.c - the key table, its handlers and the one dispatcher (see keys.h). */
#include "tui/keys.h"

#include <curses.h> /* key codes only: nothing here draws */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "invtop/command.h"
#include "tui/alertview.h"
#include "tui/drawkit.h"
#include "tui/format.h"
#include "tui/hedgeview.h"
#include "tui/keys_options.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC 27

/* ---- what handlers share ---- */

/* A refusal the view makes itself: the footer and the event log. */
static void refuse(keyctx *k, const char *why)
{
    dash_message(k->d, k->now, why);
    dash_log_answer(k->d, k->now, EVLOG_WARN, why, NULL);
}

/* Send c through the sink and show what became of it. */
static void send(keyctx *k, const command *c)
{
    char msg[192] = "", text[CMD_TEXT_MAX];
    if (!k->sink->send) {
        refuse(k, "commands: this view is not connected to an engine");
        return;
    }
    fe_answer a = k->sink->send(k->sink->ctx, c, ++k->d->next_cmd, msg, sizeof msg);
    if (a == FE_PENDING && !msg[0]) {
        if (cmd_format(c, text, sizeof text) < 0)
            snprintf(text, sizeof text, "%s", cmd_name(c->kind));
        snprintf(msg, sizeof msg, "sent: %.120s (waiting for the engine)", text);
    }
    dash_answer(k->d, k->now, a, msg);
}

/* A command of kind on the selected instrument (KF_SELECTED), or on none. */
static void send_kind(keyctx *k, cmd_kind kind, double value)
{
    command c;
    memset(&c, 0, sizeof c);
    c.kind = kind;
    c.value = value;
    if (cmd_has_id(kind))
        snprintf(c.id, sizeof c.id, "%s", k->sel->id);
    send(k, &c);
}

/* ---- the terminal ---- */

static void key_resize(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->react |= KR_RESIZE;
}

static void key_mouse(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->react |= KR_MOUSE;
}

static void key_redraw(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->react |= KR_REDRAW;
}

/* ---- the dashboard ---- */

static void key_quit(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->quit = true;
}

static void key_help(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->help = !k->d->help;
    k->d->help_top = 0;
}

static void key_close_help(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->help = false;
}

static void key_alerts(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->alerts = !k->d->alerts;
}

static void key_close_alerts(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->alerts = false;
}

/* arg rows (-1 up, +1 down) */
static void key_move(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    dash_move(k->d, (long)row->arg);
}

/* arg pages (-1 up, +1 down) */
static void key_page(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    dash_move(k->d, (long)row->arg * (long)(k->page ? k->page : 1));
}

/* arg -1: the first row (the newest event, the help's top), +1: the last */
static void key_end(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    dash *d = k->d;
    if (row->arg < 0)
        dash_move(d, -(long)(d->norder + EVLOG_CAP + d->help_top));
    else
        dash_move(d, (long)(d->norder + EVLOG_CAP));
}

static void key_focus(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    dash *d = k->d;
    panel_id f[PANEL_COUNT];
    size_t n = dash_focusable(d, f), at = 0;
    while (at < n && f[at] != d->focus)
        at++;
    d->focus = f[at < n ? (at + 1) % n : 0];
}

static void key_filter(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->filter_editing = true;
}

/* arg -1: the column to the left, +1: to the right */
static void key_sort(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    k->d->sort_col = dash_next_col(k->d, row->arg < 0 ? -1 : 1);
}

static void key_invert(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->sort_desc = !k->d->sort_desc;
}

static void key_var_method(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->var_method = (pv_method)((k->d->var_method + 1) % PV_METHODS);
}

static void key_book(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    dash *d = k->d;
    char msg[96];
    dash_next_book(d, k->shown->nbooks);
    dash_stress_follow_book(d, k->shown); /* the stress grid shows the book too */
    if (d->book < 0)
        snprintf(msg, sizeof msg, "all books");
    else
        snprintf(msg, sizeof msg, "book %s", draw_book_label(k->shown->books[d->book].name));
    dash_message(d, k->now, msg);
}

/* The next row shown, after the selection and wrapping, whose instrument
 * has an override (the M or P flag): a trader finds what was changed by
 * hand without scrolling through every row. */
static void key_next_override(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    dash *d = k->d;
    for (size_t step = 1; step <= d->norder; step++) {
        size_t pos = (d->sel + step) % d->norder;
        if (k->shown->inst[d->order[pos]].has_override) { /* order indexes the snapshot shown */
            d->sel = pos;
            d->selected[0] = '\0'; /* dash_order reads the id at the new position */
            return;
        }
    }
    dash_message(d, k->now, "no override on the rows shown");
}

static void key_freeze(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->frozen = !k->d->frozen;
}

static void key_reload(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    char msg[256] = "";
    if (!k->sink->reload) {
        refuse(k, "reload: not available on an attached viewer");
        return;
    }
    fe_answer a = k->sink->reload(k->sink->ctx, msg, sizeof msg);
    dash_message(k->d, k->now, msg);
    dash_log_answer(k->d, k->now, a == FE_REFUSED ? EVLOG_ALERT : EVLOG_INFO, msg, NULL);
}

/* ---- quote overrides (KF_TRADER) ---- */

/* arg: bp added to the skew */
static void key_skew(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    send_kind(k, CMD_SKEW, row->arg);
}

/* arg: bp added to the half spread */
static void key_spread(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    send_kind(k, CMD_SPREAD, row->arg);
}

static void key_edit(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    ef_open(&k->d->form, k->sel->id, &k->sel->o, k->now, fmt_price_decimals(k->sel->mid, k->sel->tick));
}

static void key_pause(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    send_kind(k, CMD_PAUSE, 0);
}

static void key_clear(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    send_kind(k, CMD_CLEAR, 0);
}

static void key_undo(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    send_kind(k, CMD_UNDO, 0);
}

static const char *ask_kill(const keyctx *k)
{
    return k->shown->kill ? "Lift the kill switch? y to confirm, any other key cancels"
                          : "KILL SWITCH: pause every quote? y to confirm, any other key cancels";
}

static void key_kill(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    send_kind(k, k->shown->kill ? CMD_UNKILL : CMD_KILL, 0);
}

static const char *ask_clear_all(const keyctx *k)
{
    (void)k;
    return "Clear EVERY override? y to confirm, any other key cancels";
}

static void key_clear_all(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    send_kind(k, CMD_CLEAR_ALL, 0);
}

/* ---- hedging (KF_TRADER | KF_HEDGE) ---- */

/* The question names the suggestion on screen; y sends the command for
 * that underlying only (dash hg_asked), with no lots: the engine sends the
 * suggestion in force when the command arrives, not a number that was
 * right when the question was asked. */
static const char *ask_hedge(const keyctx *k)
{
    static char q[sizeof k->d->message];
    hgv_ask(k->hedge, q, sizeof q);
    snprintf(k->d->hg_asked, sizeof k->d->hg_asked, "%s", k->hedge->underlying);
    return q;
}

static void key_hedge(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    dash *d = k->d;
    if (strcmp(d->hg_asked, k->hedge->underlying) != 0) {
        /* the row under the cursor is no longer the one asked about (the
         * engine dropped that underlying): nothing is sent on its say-so */
        char why[160];
        snprintf(why, sizeof why, "hedge not sent: the row asked about (%s) is gone; H again for %s", d->hg_asked,
                 k->hedge->underlying);
        d->hg_asked[0] = '\0';
        refuse(k, why);
        return;
    }
    d->hg_asked[0] = '\0';
    command c;
    memset(&c, 0, sizeof c);
    c.kind = CMD_HEDGE;
    snprintf(c.id, sizeof c.id, "%s", k->hedge->underlying);
    c.value = NAN; /* the suggestion in force when the engine takes it */
    send(k, &c);
}

/* ---- alerts (KF_TRADER | KF_ALERT) ---- */

/* The question names the rule under the cursor; y acknowledges that rule
 * only (dash al_asked), until it resolves (no duration: the value NAN). */
static const char *ask_ack(const keyctx *k)
{
    static char q[sizeof k->d->message];
    alv_ask(k->alert, q, sizeof q);
    snprintf(k->d->al_asked, sizeof k->d->al_asked, "%s", k->alert->name);
    return q;
}

static void key_ack(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    dash *d = k->d;
    if (strcmp(d->al_asked, k->alert->name) != 0) {
        /* the rule under the cursor is no longer the one asked about (a
         * reload dropped it): nothing is acknowledged on its say-so */
        char why[160];
        snprintf(why, sizeof why, "ack not sent: the rule asked about (%s) is gone; A again for %s", d->al_asked,
                 k->alert->name);
        d->al_asked[0] = '\0';
        refuse(k, why);
        return;
    }
    d->al_asked[0] = '\0';
    command c;
    memset(&c, 0, sizeof c);
    c.kind = CMD_ACK;
    snprintf(c.id, sizeof c.id, "%s", k->alert->name);
    c.value = NAN; /* until the alert resolves */
    send(k, &c);
}

/* ---- the filter editor ---- */

static void key_filter_keep(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->filter_editing = false;
}

static void key_filter_clear(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->filter[0] = '\0';
    k->d->filter_editing = false;
}

static void key_filter_erase(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    size_t n = strlen(k->d->filter);
    if (n)
        k->d->filter[n - 1] = '\0';
}

/* Printable ASCII is typed; any other key does nothing. */
static void key_filter_type(keyctx *k, const key_binding *row, int ch)
{
    (void)row;
    char *f = k->d->filter;
    size_t n = strlen(f);
    if (ch >= 0x20 && ch < 0x7f && n + 1 < sizeof k->d->filter) {
        f[n] = (char)ch;
        f[n + 1] = '\0';
    }
}

/* ---- the override edit form ---- */

/* arg: -1 previous field, +1 next */
static void key_form_move(keyctx *k, const key_binding *row, int ch)
{
    (void)ch;
    ef_move(&k->d->form, row->arg < 0 ? -1 : 1);
}

/* Every field valid: the exact override goes to the engine and the form
 * closes; else the form stays, the reason shown inline. */
static void key_form_apply(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    editform *f = &k->d->form;
    ovr o;
    if (ef_parse(f, 0, &o) != 0)
        return;
    command c;
    memset(&c, 0, sizeof c);
    c.kind = CMD_SET;
    snprintf(c.id, sizeof c.id, "%s", f->sym);
    c.set = o; /* parsed at time 0: expires is the TTL in seconds (NAN: none) */
    f->open = false;
    send(k, &c);
}

static void key_form_cancel(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->form.open = false;
}

static void key_form_erase(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    ef_erase(&k->d->form);
}

static void key_form_type(keyctx *k, const key_binding *row, int ch)
{
    (void)row;
    ef_type(&k->d->form, ch);
}

/* ---- a question ---- */

static const key_binding *run(keyctx *k, const key_binding *b, int ch, bool ask);

static void key_yes(keyctx *k, const key_binding *row, int ch)
{
    (void)row;
    const key_binding *q = k->d->confirm;
    k->d->confirm = NULL;
    if (q)
        (void)run(k, q, ch, false);
}

static void key_no(keyctx *k, const key_binding *row, int ch)
{
    (void)row, (void)ch;
    k->d->confirm = NULL;
    dash_message(k->d, k->now, "cancelled");
}

/* ---- the table ---- */

#define V KM_VIEW
#define TR KF_TRADER
#define SEL KF_SELECTED
#define ASK KF_CONFIRM
#define PAN KF_PANELS
#define HDG KF_HEDGE
#define ALR KF_ALERT

/* key, handler, arg, modes, flags, question, label, help, hint, hint rank. A row
 * without help is an alias of the row with help above it. */
static const key_binding table[] = {
    {'?', key_help, 0, V, 0, NULL, "?, F1", "show or hide this help", "Help", 1},
    {KEY_F(1), key_help, 0, V, 0, NULL, "F1", NULL, NULL, 0},
    {ESC, key_close_help, 0, KM_HELP, 0, NULL, "Esc", "close the help", NULL, 0},
    {'q', key_quit, 0, V, 0, NULL, "q, F10", "quit", "Quit", 0},
    {KEY_F(10), key_quit, 0, V, 0, NULL, "F10", NULL, NULL, 0},
    {KEY_UP, key_move, -1, V, 0, NULL, "Up, k", "select the row above", NULL, 0},
    {'k', key_move, -1, V, 0, NULL, "k", NULL, NULL, 0},
    {KEY_DOWN, key_move, 1, V, 0, NULL, "Down, j", "select the row below", NULL, 0},
    {'j', key_move, 1, V, 0, NULL, "j", NULL, NULL, 0},
    {KEY_PPAGE, key_page, -1, V, 0, NULL, "PgUp", "one page up", NULL, 0},
    {KEY_NPAGE, key_page, 1, V, 0, NULL, "PgDn", "one page down", NULL, 0},
    {'g', key_end, -1, V, 0, NULL, "g, Home", "first row", NULL, 0},
    {KEY_HOME, key_end, -1, V, 0, NULL, "Home", NULL, NULL, 0},
    {'G', key_end, 1, V, 0, NULL, "G, End", "last row", NULL, 0},
    {KEY_END, key_end, 1, V, 0, NULL, "End", NULL, NULL, 0},
    {'\t', key_focus, 0, V, PAN, NULL, "Tab", "next panel on screen; on Events the arrows scroll it", "Focus", 5},
    {'/', key_filter, 0, V, 0, NULL, "/", "filter instruments by symbol (Enter keeps, Esc clears)", "Filter", 2},
    {'<', key_sort, -1, V, 0, NULL, "<, >", "sort by the column on screen to the left / right", "Sort", 3},
    {'>', key_sort, 1, V, 0, NULL, ">", NULL, NULL, 0},
    {'I', key_invert, 0, V, 0, NULL, "I", "invert the sort order", "Invert", 7},
    {'v', key_var_method, 0, V, 0, NULL, "v", "next VaR method: the one limits and histogram use (marked > when all four show)",
     "VaR", 6},
    {'b', key_book, 0, V, 0, NULL, "b", "next book: one book's positions and limits, all after the last", NULL, 0},
    {'o', key_next_override, 0, V, 0, NULL, "o", "select the next row with an override (flag M or P)", NULL, 0},
    {'Z', key_freeze, 0, V, 0, NULL, "Z",
     "freeze: keep the snapshot on screen (keys still work on it; the feed keeps being consumed)", "Freeze", 4},
    {CTRL('l'), key_redraw, 0, V, 0, NULL, "Ctrl-L", "redraw the screen", NULL, 0},
    /* the options desk's panels */
    {'L', keyopt_toggle, PANEL_LADDER, V, 0, NULL, "L", "greeks ladder on or off (it takes the focus: arrows, Enter)",
     "Ladder", 8},
    {'f', keyopt_figure, 0, V, 0, NULL, "f", "ladder: next figure shown across the buckets: delta, $delta, $gamma/1%, vega, theta",
     NULL, 0},
    {'s', keyopt_sort, 0, V, 0, NULL, "s", "ladder: sort by underlying, or by |total| of the figure shown", NULL, 0},
    {KEY_LEFT, keyopt_column, -1, V, 0, NULL, "Left, Right", "ladder (focused): the bucket under the cursor, then the total",
     NULL, 0},
    {KEY_RIGHT, keyopt_column, 1, V, 0, NULL, "Right", NULL, NULL, 0},
    {'\r', keyopt_select, 0, KM_TABLE, 0, NULL, "Enter",
     "ladder (focused): show only the positions its cell sums (underlying, bucket); again: all", NULL, 0},
    {'\n', keyopt_select, 0, KM_TABLE, 0, NULL, "Enter", NULL, NULL, 0},
    {KEY_ENTER, keyopt_select, 0, KM_TABLE, 0, NULL, "Enter", NULL, NULL, 0},
    {ESC, keyopt_unscope, 0, KM_TABLE, 0, NULL, "Esc", "all positions again after Enter on the ladder", NULL, 0},
    {'S', keyopt_toggle, PANEL_STRESS, V, 0, NULL, "S", "stress panel on or off: P&L by move and vol, the worst cell, the P&L explain",
     "Stress", 9},
    {'x', keyopt_stress_next, 0, V, 0, NULL, "x", "stress: the next grid: portfolio, each underlying, each book", NULL, 0},
    /* hedging */
    {'E', keyopt_toggle, PANEL_HEDGES, V, 0, NULL, "E",
     "hedge panel on or off: net delta per underlying against its band, the suggested hedge, the last orders "
     "(it takes the focus: arrows select an underlying)",
     "Hedges", 10},
    {'H', key_hedge, 0, V, TR | HDG | ASK, ask_hedge, "H",
     "hedge: send the selected underlying's suggested hedge order (asks y; the engine sends the suggestion "
     "in force then)",
     NULL, 0},
    /* alerts */
    {'a', key_alerts, 0, V, 0, NULL, "a",
     "alerts overlay on or off: every rule's state, severity, value against its threshold, since when, "
     "flapping or silenced, its action; the notify command's counters (arrows select a rule)",
     "Alerts", 11},
    {ESC, key_close_alerts, 0, KM_ALERTS, 0, NULL, "Esc", "close the alerts overlay", NULL, 0},
    {'A', key_ack, 0, KM_ALERTS, TR | ALR | ASK, ask_ack, "A, Enter",
     "alerts overlay: acknowledge the selected firing alert, silenced until it resolves (asks y)", "Ack", 0},
    {'\r', key_ack, 0, KM_ALERTS, TR | ALR | ASK, ask_ack, "Enter", NULL, NULL, 0},
    {'\n', key_ack, 0, KM_ALERTS, TR | ALR | ASK, ask_ack, "Enter", NULL, NULL, 0},
    {KEY_ENTER, key_ack, 0, KM_ALERTS, TR | ALR | ASK, ask_ack, "Enter", NULL, NULL, 0},
    {'R', key_reload, 0, V, 0, NULL, "R", "reload the config file (says what needs a restart)", NULL, 0},
    /* quote overrides on the selected instrument */
    {'[', key_skew, -1, V, TR | SEL, NULL, "[ ]", "override: skew the selected quote -1 / +1 bp", NULL, 0},
    {']', key_skew, 1, V, TR | SEL, NULL, "]", NULL, NULL, 0},
    {'{', key_skew, -10, V, TR | SEL, NULL, "{ }", "override: skew -10 / +10 bp", NULL, 0},
    {'}', key_skew, 10, V, TR | SEL, NULL, "}", NULL, NULL, 0},
    {'-', key_spread, -1, V, TR | SEL, NULL, "- =", "override: spread 1 bp narrower / wider (each side)", NULL, 0},
    {'=', key_spread, 1, V, TR | SEL, NULL, "=", NULL, NULL, 0},
    {'e', key_edit, 0, V, TR | SEL, NULL, "e", "override: edit exact values and TTL (Tab moves, Enter applies)", NULL, 0},
    {'p', key_pause, 0, V, TR | SEL, NULL, "p", "override: pause or resume the selected quote", NULL, 0},
    {'c', key_clear, 0, V, TR | SEL, NULL, "c", "override: clear the selected quote back to the model", NULL, 0},
    {'u', key_undo, 0, V, TR, NULL, "u", "override: undo the last change", NULL, 0},
    {'K', key_kill, 0, V, TR | ASK, ask_kill, "K", "kill switch: pause every quote, or lift it (asks y)", NULL, 0},
    {'C', key_clear_all, 0, V, TR | ASK, ask_clear_all, "C", "clear every override (asks y)", NULL, 0},
    /* typing the filter */
    {'\r', key_filter_keep, 0, KM_FILTER, 0, NULL, "Enter", "filter: keep it and leave the editor", "keeps", 0},
    {'\n', key_filter_keep, 0, KM_FILTER, 0, NULL, "Enter", NULL, NULL, 0},
    {KEY_ENTER, key_filter_keep, 0, KM_FILTER, 0, NULL, "Enter", NULL, NULL, 0},
    {KEY_BACKSPACE, key_filter_erase, 0, KM_FILTER, 0, NULL, "Backspace", "filter: erase its last character", NULL, 0},
    {127, key_filter_erase, 0, KM_FILTER, 0, NULL, "Backspace", NULL, NULL, 0},
    {8, key_filter_erase, 0, KM_FILTER, 0, NULL, "Backspace", NULL, NULL, 0},
    {ESC, key_filter_clear, 0, KM_FILTER, 0, NULL, "Esc", "filter: clear it and leave the editor", "clears", 0},
    {KEY_OTHER, key_filter_type, 0, KM_FILTER, 0, NULL, "", NULL, NULL, 0},
    /* the override edit form */
    {'\t', key_form_move, 1, KM_FORM, 0, NULL, "Tab, Down", "edit form: next field", "moves", 0},
    {KEY_DOWN, key_form_move, 1, KM_FORM, 0, NULL, "Down", NULL, NULL, 0},
    {KEY_BTAB, key_form_move, -1, KM_FORM, 0, NULL, "S-Tab, Up", "edit form: previous field", NULL, 0},
    {KEY_UP, key_form_move, -1, KM_FORM, 0, NULL, "Up", NULL, NULL, 0},
    {'\r', key_form_apply, 0, KM_FORM, 0, NULL, "Enter",
     "edit form: apply (a bad field is explained and the form stays open)", "applies", 0},
    {'\n', key_form_apply, 0, KM_FORM, 0, NULL, "Enter", NULL, NULL, 0},
    {KEY_ENTER, key_form_apply, 0, KM_FORM, 0, NULL, "Enter", NULL, NULL, 0},
    {KEY_BACKSPACE, key_form_erase, 0, KM_FORM, 0, NULL, "Backspace", "edit form: erase a character", NULL, 0},
    {127, key_form_erase, 0, KM_FORM, 0, NULL, "Backspace", NULL, NULL, 0},
    {8, key_form_erase, 0, KM_FORM, 0, NULL, "Backspace", NULL, NULL, 0},
    {ESC, key_form_cancel, 0, KM_FORM, 0, NULL, "Esc", "edit form: cancel", "cancels", 0},
    {KEY_OTHER, key_form_type, 0, KM_FORM, 0, NULL, "", NULL, NULL, 0},
    /* a question (K, C) */
    {'y', key_yes, 0, KM_CONFIRM, 0, NULL, "y", "answer yes to a question; any other key cancels", NULL, 0},
    {'Y', key_yes, 0, KM_CONFIRM, 0, NULL, "Y", NULL, NULL, 0},
    {KEY_OTHER, key_no, 0, KM_CONFIRM, 0, NULL, "", NULL, NULL, 0},
    /* the terminal's events, wherever they come */
    {KEY_RESIZE, key_resize, 0, KM_ANY, 0, NULL, "", NULL, NULL, 0},
    {KEY_MOUSE, key_mouse, 0, KM_ANY, 0, NULL, "", NULL, NULL, 0},
};
#define N_KEYS (sizeof table / sizeof *table)

const key_binding *keys_table(size_t *n)
{
    *n = N_KEYS;
    return table;
}

key_mode keys_mode(const dash *d)
{
    return d->form.open      ? KM_FORM
           : d->confirm      ? KM_CONFIRM
           : d->filter_editing ? KM_FILTER
           : d->help         ? KM_HELP
           : d->alerts       ? KM_ALERTS
                             : KM_TABLE;
}

const key_binding *keys_find(unsigned mode, int ch)
{
    const key_binding *other = NULL;
    for (size_t i = 0; i < N_KEYS; i++) {
        if (!(table[i].modes & mode))
            continue;
        if (table[i].key == ch)
            return &table[i];
        if (table[i].key == KEY_OTHER && !other)
            other = &table[i];
    }
    return other;
}

/* What row b needs, then (unless it asks first) its handler. */
static const key_binding *run(keyctx *k, const key_binding *b, int ch, bool ask)
{
    if ((b->flags & KF_TRADER) && !k->sink->trader) {
        char why[160];
        /* "READ-ONLY: <who may> change quotes": one line at 80 columns */
        snprintf(why, sizeof why, "READ-ONLY: %s %s",
                 k->sink->read_only_why ? k->sink->read_only_why : "start invtop with --trader to",
                 b->flags & KF_ALERT ? "acknowledge alerts" : "change quotes");
        refuse(k, why);
        return b;
    }
    if ((b->flags & KF_PANELS) && keys_lacking(k->d) & KF_PANELS) {
        refuse(k, "only the positions panel fits: enlarge the terminal for the others");
        return b;
    }
    if (b->flags & KF_SELECTED) {
        long sel = dash_selected_index(k->d);
        if (sel < 0 || (size_t)sel >= k->shown->ninst) {
            refuse(k, "no instrument selected");
            return b;
        }
        k->sel = &k->shown->inst[sel];
    }
    if (b->flags & KF_HEDGE) {
        const snap_hedge *h = dash_hedge_selected(k->d, k->shown);
        char why[SNAP_TEXT + EVENT_SYM_MAX + 32];
        if (!(k->d->panels_on & LAY_BIT(PANEL_HEDGES)) ||
            (k->d->geom.table_width > 0 && !k->d->geom.panel[PANEL_HEDGES])) {
            refuse(k, k->d->panels_on & LAY_BIT(PANEL_HEDGES) ? "H: the hedge panel has no room: enlarge the terminal"
                                                              : "H sends the hedge panel's selected row: E shows it");
            return b;
        }
        if (!h) {
            refuse(k, "no hedge row selected");
            return b;
        }
        if (!hgv_has_suggestion(h)) { /* nothing to send: say why instead of asking */
            hgv_no_hedge(h, why, sizeof why);
            refuse(k, why);
            return b;
        }
        k->hedge = h;
    }
    if (b->flags & KF_ALERT) {
        const snap_alert *al = dash_alert_selected(k->d, k->shown);
        char why[160];
        if (!al) {
            refuse(k, "no alert rule selected");
            return b;
        }
        if (!alv_ackable(al, why, sizeof why)) { /* not firing, or acknowledged: say why instead of asking */
            refuse(k, why);
            return b;
        }
        k->alert = al;
    }
    if (ask && (b->flags & KF_CONFIRM)) {
        k->d->confirm = b;
        dash_message(k->d, k->now, b->ask(k));
        return b;
    }
    k->ran = b;
    b->fn(k, b, ch);
    return b;
}

const key_binding *keys_dispatch(keyctx *k, int ch)
{
    k->react = 0;
    k->ran = NULL;
    k->sel = NULL;
    k->hedge = NULL;
    k->alert = NULL;
    const key_binding *b = keys_find(keys_mode(k->d), ch);
    return b ? run(k, b, ch, true) : NULL;
}

unsigned keys_lacking(const dash *d)
{
    panel_id f[PANEL_COUNT];
    return dash_focusable(d, f) < 2 ? KF_PANELS : 0;
}
