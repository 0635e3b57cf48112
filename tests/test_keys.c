/* test_keys.c - the key table walked row by row, without a terminal: every
 * row with help is in the help overlay's text, every row dispatches to its
 * handler in each mode it works in (trader on; a counting sink sees the
 * override commands, questions wait for y), read-only refuses every
 * override, the footer's and the edit form's hints and the filter editor's
 * keys come from the table; then what the override, form, filter,
 * question, hedge and alert keys send and change. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <curses.h> /* key codes */

#include "invtop/alertrule.h"
#include "invtop/hedge.h"
#include "tui/keys.h"
#include "tui/panels.h"

#define CTRL_L 12

/* ---- a dashboard on a snapshot of three instruments, and a counting sink ---- */

typedef struct {
    int sent, reloads;
    command last;
} counter;

static fe_answer count_send(void *ctx, const command *c, uint64_t id, char *msg, size_t cap)
{
    (void)id;
    counter *n = ctx;
    n->sent++;
    n->last = *c;
    snprintf(msg, cap, "%s done", cmd_name(c->kind));
    return FE_APPLIED;
}

static fe_answer count_reload(void *ctx, char *msg, size_t cap)
{
    counter *n = ctx;
    n->reloads++;
    snprintf(msg, cap, "config reloaded");
    return FE_APPLIED;
}

typedef struct {
    snap s;
    dash d;
    counter n;
    fe_sink sink;
} fixture;

/* A hedge row: lots 0 is no suggestion. */
static void add_hedge(snap *s, const char *und, const char *inst, double lots, double usd, int state,
                      const char *reason)
{
    snap_hedge *h = &s->hedges[s->nhedges++];
    memset(h, 0, sizeof *h);
    snprintf(h->underlying, sizeof h->underlying, "%s", und);
    snprintf(h->inst, sizeof h->inst, "%s", inst);
    h->net_delta_usd = -usd;
    h->band_usd = 50000;
    h->lots = lots;
    h->usd = usd;
    h->state = state;
    snprintf(h->reason, sizeof h->reason, "%s", reason);
}

/* An alert rule in state st, severity sev. */
static void add_alert(snap *s, const char *name, int st, int sev, bool acked)
{
    snap_alert *a = &s->alerts[s->nalerts++];
    memset(a, 0, sizeof *a);
    snprintf(a->name, sizeof a->name, "%s", name);
    snprintf(a->metric, sizeof a->metric, "var_util");
    a->op = AL_GT;
    a->threshold = 0.8;
    a->clear = a->silenced_until = a->notified_at = NAN;
    a->value = st == AL_FIRING ? 0.9 : 0.5;
    a->since = 100;
    a->state = st;
    a->severity = sev;
    a->acked = acked;
    if (st == AL_FIRING)
        s->alerts_firing[sev]++;
}

/* BTC-PERP, ETH-PERP, SOL-PERP (paused by hand: the only override); hedge
 * rows BTC (sell 5000 lots of BTC-PERP suggested) and ETH (inside its
 * band: no suggestion); alert rules var_high (firing, critical: the
 * cursor's), delta_wide (pending) and stale_px (firing, acknowledged). */
static void fill_snap(snap *s, size_t ninst)
{
    static const char *const ids[] = {"BTC-PERP", "ETH-PERP", "SOL-PERP"};
    snap_init(s);
    assert_int_equal(snap_reserve(s, 3, 1, 1, 1, 1), 0);
    s->ninst = ninst;
    for (size_t i = 0; i < ninst; i++) {
        snap_inst *in = &s->inst[i];
        memset(in, 0, sizeof *in);
        snprintf(in->sym, sizeof in->sym, "%s", ids[i]);
        snprintf(in->id, sizeof in->id, "%s", ids[i]);
        in->mid = 100;
        in->lot = 1;
        in->o = ovr_none();
    }
    if (ninst > 2) {
        s->inst[2].o.paused = true;
        s->inst[2].has_override = true;
    }
    add_hedge(s, "BTC", "BTC-PERP", -5000, -325000, HG_SUGGESTED, "outside the band: 325.0k > 50.0k");
    add_hedge(s, "ETH", "ETH-PERP", 0, 0, HG_INSIDE, "inside the band: 12.0k <= 50.0k");
    add_alert(s, "var_high", AL_FIRING, AL_CRITICAL, false);
    add_alert(s, "delta_wide", AL_PENDING, AL_WARNING, false);
    add_alert(s, "stale_px", AL_FIRING, AL_WARNING, true);
}

static void setup(fixture *f, unsigned mode, bool trader)
{
    memset(f, 0, sizeof *f);
    fill_snap(&f->s, 3);
    assert_int_equal(dash_init(&f->d, 3), 0);
    dash_order(&f->d, &f->s);
    f->sink = (fe_sink){count_send, count_reload, &f->n, trader, NULL};
    ovr none = ovr_none();
    switch (mode) {
    case KM_HELP: f->d.help = true; break;
    case KM_FILTER: f->d.filter_editing = true; break;
    case KM_FORM: ef_open(&f->d.form, "BTC-PERP", &none, 0, 2); break;
    case KM_CONFIRM: f->d.confirm = keys_find(KM_TABLE, 'C'); break;
    case KM_ALERTS: f->d.alerts = true; break;
    default: break;
    }
    assert_int_equal(keys_mode(&f->d), mode);
}

static void teardown(fixture *f)
{
    dash_free(&f->d);
    snap_free(&f->s);
}

static const key_binding *press(fixture *f, int ch, keyctx *out)
{
    keyctx k = {.d = &f->d, .shown = &f->s, .sink = &f->sink, .now = 10, .page = 2};
    const key_binding *b = keys_dispatch(&k, ch);
    dash_order(&f->d, &f->s); /* as the screen does after keys */
    if (out)
        *out = k;
    return b;
}

static const unsigned modes[] = {KM_TABLE, KM_HELP, KM_FILTER, KM_FORM, KM_CONFIRM, KM_ALERTS};
#define N_MODES (sizeof modes / sizeof *modes)

/* A key that mode binds to no row of its own: what its KEY_OTHER row takes. */
static int unbound_key(unsigned mode)
{
    for (int ch = 'a'; ch <= 'z'; ch++) {
        const key_binding *b = keys_find(mode, ch);
        if (!b || b->key == KEY_OTHER)
            return ch;
    }
    fail_msg("mode %u binds every letter", mode);
    return 0;
}

/* ---- the table's shape ---- */

/* Every row has a handler and a mode; a key is bound once per mode (a later
 * row would never run); a row without help is an alias of a row with help
 * and the same handler, typing (KEY_OTHER) or a terminal event; every
 * question has its text; every mode with typing has one KEY_OTHER row. */
static void table_is_well_formed(void **state)
{
    (void)state;
    size_t n;
    const key_binding *t = keys_table(&n);
    assert_true(n > 40);
    for (size_t i = 0; i < n; i++) {
        assert_non_null(t[i].fn);
        assert_true(t[i].modes != 0 && (t[i].modes & ~(unsigned)KM_ANY) == 0);
        assert_int_equal((t[i].flags & KF_CONFIRM) != 0, t[i].ask != NULL);
        for (size_t j = 0; j < i; j++)
            if (t[j].key == t[i].key && (t[j].modes & t[i].modes))
                fail_msg("row %zu (%s) is shadowed by row %zu (%s)", i, t[i].label, j, t[j].label);
        if (t[i].help) {
            assert_true(t[i].label && t[i].label[0]);
            continue;
        }
        bool alias = t[i].key == KEY_OTHER || t[i].key == KEY_RESIZE || t[i].key == KEY_MOUSE;
        for (size_t j = 0; j < i && !alias; j++)
            alias = t[j].help && t[j].fn == t[i].fn && (t[j].modes & t[i].modes);
        if (!alias)
            fail_msg("row %zu (%s) has no help and follows no row with its handler", i, t[i].label);
    }
}

/* The help overlay's lines, generated as it draws them, at a wide and a
 * narrow width: each row with help starts a line with its label, its
 * wrapped lines read back as its help, and each row shown there is found
 * by the dispatcher in the modes it claims. */
static void help_lists_every_row(void **state)
{
    (void)state;
    size_t n;
    const key_binding *t = keys_table(&n);
    const int widths[] = {78, 20};
    for (size_t w = 0; w < 2; w++) {
        size_t lines = keys_help_lines(widths[w]);
        assert_true(lines >= n / 2);
        assert_null(keys_help_line(widths[w], lines, (char[8]){0}, 8)); /* past the end */
        for (size_t i = 0; i < n; i++) {
            if (!t[i].help)
                continue;
            char text[512] = "", line[256], label[64];
            size_t first = (size_t)-1;
            for (size_t k = 0; k < lines; k++) {
                if (keys_help_line(widths[w], k, line, sizeof line) != &t[i])
                    continue;
                if (first == (size_t)-1) {
                    first = k;
                    snprintf(label, sizeof label, "%-*s ", KEYS_HELP_LABEL, t[i].label);
                    assert_memory_equal(line, label, strlen(label));
                } else {
                    for (int c = 0; c <= KEYS_HELP_LABEL; c++)
                        assert_int_equal(line[c], ' '); /* continuation: the key column empty */
                }
                size_t len = strlen(text);
                snprintf(text + len, sizeof text - len, "%s%s", len ? " " : "", line + KEYS_HELP_LABEL + 1);
            }
            if (first == (size_t)-1)
                fail_msg("'%s' (%s) is not in the help at width %d", t[i].label, t[i].help, widths[w]);
            assert_string_equal(text, t[i].help);
            for (size_t m = 0; m < N_MODES; m++)
                if (t[i].modes & modes[m])
                    assert_ptr_equal(keys_find(modes[m], t[i].key == KEY_OTHER ? unbound_key(modes[m]) : t[i].key),
                                     &t[i]);
        }
    }
}

/* ---- dispatch ---- */

/* Every row, in every mode it works in, with the trader on: the dispatcher
 * finds it and runs its handler; an override reaches the sink (or opens
 * the edit form); a question waits, and y runs the handler. */
static void every_key_reaches_its_handler(void **state)
{
    (void)state;
    size_t n;
    const key_binding *t = keys_table(&n);
    size_t runs = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t m = 0; m < N_MODES; m++) {
            if (!(t[i].modes & modes[m]))
                continue;
            fixture f;
            setup(&f, modes[m], true);
            int ch = t[i].key == KEY_OTHER ? unbound_key(modes[m]) : t[i].key;
            if (t[i].flags & KF_HEDGE) /* its row is on screen, and suggests a hedge */
                f.d.panels_on |= LAY_BIT(PANEL_HEDGES);
            const key_binding *asked = f.d.confirm, *expect = &t[i];
            if (t[i].modes == KM_CONFIRM && t[i].key != KEY_OTHER)
                expect = asked; /* y: the question's row runs */
            keyctx k;
            const key_binding *b = press(&f, ch, &k);
            if (b != &t[i])
                fail_msg("key '%s' in mode %u went to '%s'", t[i].label, modes[m], b ? b->label : "(none)");
            if (t[i].flags & KF_CONFIRM) {
                assert_null(k.ran);
                assert_ptr_equal(f.d.confirm, &t[i]);
                assert_int_equal(keys_mode(&f.d), KM_CONFIRM);
                assert_non_null(strstr(f.d.message, "y to confirm"));
                assert_int_equal(f.n.sent, 0);
                assert_non_null(press(&f, 'y', &k));
                assert_null(f.d.confirm);
            }
            assert_ptr_equal(k.ran, expect);
            if (expect->flags & KF_TRADER)
                assert_true(f.n.sent == 1 || f.d.form.open);
            runs++;
            teardown(&f);
        }
    }
    assert_true(runs >= n);
}

/* Read-only: every row that changes quotes says why and sends nothing. */
static void read_only_refuses_overrides(void **state)
{
    (void)state;
    size_t n, refused = 0;
    const key_binding *t = keys_table(&n);
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & KF_TRADER))
            continue;
        fixture f;
        setup(&f, t[i].modes & KM_TABLE ? KM_TABLE : KM_ALERTS, false); /* A works in the alerts overlay */
        keyctx k;
        assert_ptr_equal(press(&f, t[i].key, &k), &t[i]);
        assert_null(k.ran);
        assert_null(f.d.confirm);
        assert_false(f.d.form.open);
        assert_int_equal(f.n.sent, 0);
        assert_non_null(strstr(f.d.message, "READ-ONLY"));
        assert_non_null(strstr(evlog_get(&f.d.log, 0)->text, "start invtop with --trader"));
        assert_non_null(strstr(f.d.message, t[i].flags & KF_ALERT ? "acknowledge alerts" : "change quotes"));
        assert_true(strlen(f.d.message) + 1 <= 80);
        refused++;
        teardown(&f);
    }
    assert_int_equal(refused, 17); /* [ ] { } - = e p c u K C H, A and Enter's three codes */
}

/* A remote viewer's sink says what would make it a trader: the local
 * advice (--trader) is not given. */
static void read_only_says_why(void **state)
{
    (void)state;
    fixture f;
    setup(&f, KM_TABLE, false);
    f.sink.read_only_why = "only a key on the engine's --trader-keys may";
    keyctx k;
    (void)press(&f, '[', &k);
    assert_int_equal(f.n.sent, 0);
    assert_non_null(strstr(f.d.message, "READ-ONLY"));
    assert_non_null(strstr(f.d.message, "--trader-keys"));
    assert_true(strlen(f.d.message) + 1 <= 80); /* the footer's one line at 80x24, whole */
    assert_null(strstr(evlog_get(&f.d.log, 0)->text, "start invtop with --trader"));
    teardown(&f);
}

/* ---- hints ---- */

static void hints_come_from_the_table(void **state)
{
    (void)state;
    char line[256];
    size_t len = keys_hints(KM_TABLE, KEYS_ALL_HINTS, 0, "  ", line, sizeof line);
    assert_int_equal(len, strlen(line));
    for (const char *want = "?/F1 Help\0q/F10 Quit\0Tab Focus\0/ Filter\0</> Sort\0I Invert\0v VaR\0Z Freeze\0L Ladder\0S Stress\0E Hedges\0";
         *want; want += strlen(want) + 1)
        if (!strstr(line, want))
            fail_msg("footer \"%s\" lacks \"%s\"", line, want);
    char help[256];
    keys_hints(KM_HELP, KEYS_ALL_HINTS, 0, "  ", help, sizeof help);
    assert_string_equal(help, line); /* the same keys work with the help open */
    assert_null(strstr(line, "Ack")); /* A acknowledges in the alerts overlay only */
    assert_non_null(strstr(line, "a Alerts"));
    keys_hints(KM_ALERTS, KEYS_ALL_HINTS, 0, "  ", help, sizeof help);
    assert_non_null(strstr(help, "A/Enter Ack"));
    keys_hints(KM_ALERTS, 0, 0, "  ", help, sizeof help); /* the narrowest footer keeps it */
    assert_string_equal(help, "q/F10 Quit  A/Enter Ack");
    keys_hints(KM_FILTER, KEYS_ALL_HINTS, 0, "  ", line, sizeof line);
    assert_string_equal(line, "Enter keeps  Esc clears");
    keys_hints(KM_FORM, KEYS_ALL_HINTS, 0, ", ", line, sizeof line);
    assert_string_equal(line, "Tab/Down moves, Enter applies, Esc cancels");
    /* every hinted row is in its modes' line */
    size_t n;
    const key_binding *t = keys_table(&n);
    for (size_t i = 0; i < n; i++)
        for (size_t m = 0; t[i].hint && m < N_MODES; m++)
            if (t[i].modes & modes[m]) {
                keys_hints(modes[m], KEYS_ALL_HINTS, 0, " ", line, sizeof line);
                assert_non_null(strstr(line, t[i].hint));
            }
    /* cut to fit, terminated */
    char small[12];
    assert_int_equal(keys_hints(KM_TABLE, KEYS_ALL_HINTS, 0, "  ", small, sizeof small), sizeof small - 1);
    assert_int_equal(strlen(small), sizeof small - 1);
}

/* ---- what the keys do ---- */

static void overrides_send_commands(void **state)
{
    (void)state;
    static const struct {
        int key;
        cmd_kind kind;
        double value;
        const char *id;
    } want[] = {{'[', CMD_SKEW, -1, "BTC-PERP"},  {']', CMD_SKEW, 1, "BTC-PERP"},   {'{', CMD_SKEW, -10, "BTC-PERP"},
                {'}', CMD_SKEW, 10, "BTC-PERP"},  {'-', CMD_SPREAD, -1, "BTC-PERP"}, {'=', CMD_SPREAD, 1, "BTC-PERP"},
                {'p', CMD_PAUSE, 0, "BTC-PERP"},  {'c', CMD_CLEAR, 0, "BTC-PERP"},  {'u', CMD_UNDO, 0, ""}};
    fixture f;
    setup(&f, KM_TABLE, true);
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        press(&f, want[i].key, NULL);
        assert_int_equal(f.n.sent, (int)i + 1);
        assert_int_equal(f.n.last.kind, want[i].kind);
        assert_true(f.n.last.value == want[i].value);
        assert_string_equal(f.n.last.id, want[i].id);
    }
    assert_int_equal(f.d.next_cmd, 9);
    /* the answer is in the footer and the event log */
    assert_string_equal(f.d.message, "undo done");
    assert_string_equal(evlog_get(&f.d.log, 0)->text, "override undo done");
    /* the kill switch asks; y sends kill; with the switch on, K lifts it */
    press(&f, 'K', NULL);
    assert_non_null(strstr(f.d.message, "KILL SWITCH: pause every quote?"));
    press(&f, KEY_RESIZE, NULL); /* the terminal's events do not answer a question */
    press(&f, KEY_MOUSE, NULL);
    assert_non_null(f.d.confirm);
    press(&f, 'y', NULL);
    assert_int_equal(f.n.last.kind, CMD_KILL);
    f.s.kill = true;
    press(&f, 'K', NULL);
    assert_non_null(strstr(f.d.message, "Lift the kill switch?"));
    press(&f, 'Y', NULL);
    assert_int_equal(f.n.last.kind, CMD_UNKILL);
    /* any other key cancels */
    int sent = f.n.sent;
    press(&f, 'C', NULL);
    press(&f, 'n', NULL);
    assert_null(f.d.confirm);
    assert_string_equal(f.d.message, "cancelled");
    assert_int_equal(f.n.sent, sent);
    press(&f, 'C', NULL);
    press(&f, 'y', NULL);
    assert_int_equal(f.n.last.kind, CMD_CLEAR_ALL);
    teardown(&f);
    /* nothing selected: refused before the sink */
    setup(&f, KM_TABLE, true);
    snap_free(&f.s);
    fill_snap(&f.s, 0);
    dash_order(&f.d, &f.s);
    press(&f, ']', NULL);
    assert_int_equal(f.n.sent, 0);
    assert_string_equal(f.d.message, "no instrument selected");
    press(&f, 'u', NULL); /* undo names no instrument */
    assert_int_equal(f.n.sent, 1);
    teardown(&f);
    /* a view with no engine to send to says so; so does R without reload */
    setup(&f, KM_TABLE, true);
    f.sink.send = NULL;
    f.sink.reload = NULL;
    press(&f, 'p', NULL);
    assert_non_null(strstr(f.d.message, "not connected"));
    press(&f, 'R', NULL);
    assert_non_null(strstr(f.d.message, "not available"));
    f.sink.reload = count_reload;
    press(&f, 'R', NULL);
    assert_int_equal(f.n.reloads, 1);
    assert_string_equal(f.d.message, "config reloaded");
    teardown(&f);
}

/* e opens the form on the selection; its keys are rows: Backspace, typing,
 * Tab, Enter (a bad field keeps it open), Esc. */
static void edit_form_keys(void **state)
{
    (void)state;
    fixture f;
    setup(&f, KM_TABLE, true);
    press(&f, 'j', NULL);
    press(&f, 'e', NULL);
    assert_true(f.d.form.open);
    assert_string_equal(f.d.form.sym, "ETH-PERP");
    assert_int_equal(keys_mode(&f.d), KM_FORM);
    press(&f, 'q', NULL); /* typed, not quit */
    assert_false(f.d.quit);
    press(&f, KEY_BACKSPACE, NULL);
    for (const char *s = "-2.5"; *s; s++)
        press(&f, *s, NULL);
    press(&f, '\t', NULL);
    press(&f, KEY_UP, NULL);
    press(&f, KEY_DOWN, NULL);
    assert_int_equal(f.d.form.cur, EF_REPLACE);
    press(&f, KEY_BTAB, NULL);
    press(&f, KEY_DOWN, NULL);
    press(&f, KEY_DOWN, NULL);
    press(&f, KEY_DOWN, NULL); /* bid */
    press(&f, 'x', NULL);
    press(&f, '\r', NULL);
    assert_true(f.d.form.open); /* explained inline, not sent */
    assert_non_null(strstr(f.d.form.error, "bid"));
    assert_int_equal(f.n.sent, 0);
    press(&f, 127, NULL);
    press(&f, KEY_ENTER, NULL);
    assert_false(f.d.form.open);
    assert_int_equal(f.n.last.kind, CMD_SET);
    assert_string_equal(f.n.last.id, "ETH-PERP");
    assert_true(f.n.last.set.skew_bps == -2.5);
    press(&f, 'e', NULL);
    press(&f, 27, NULL);
    assert_false(f.d.form.open);
    assert_int_equal(f.n.sent, 1);
    teardown(&f);
}

/* The filter editor: typing, Backspace (each code), Enter keeps, Esc clears;
 * the dashboard's keys are typed while it is open. */
static void filter_keys(void **state)
{
    (void)state;
    fixture f;
    setup(&f, KM_TABLE, true);
    press(&f, '/', NULL);
    for (const char *s = "qsolx"; *s; s++)
        press(&f, *s, NULL);
    assert_false(f.d.quit);
    press(&f, KEY_BACKSPACE, NULL);
    press(&f, 127, NULL);
    press(&f, 8, NULL);
    press(&f, KEY_F(10), NULL); /* not printable: ignored */
    assert_string_equal(f.d.filter, "qs");
    for (const char *s = "\x7f\x7fso"; *s; s++)
        press(&f, *s, NULL);
    assert_string_equal(f.d.filter, "so");
    assert_int_equal(f.d.norder, 1);
    press(&f, '\n', NULL);
    assert_false(f.d.filter_editing);
    assert_string_equal(f.d.filter, "so");
    press(&f, '/', NULL);
    press(&f, 27, NULL);
    assert_false(f.d.filter_editing);
    assert_string_equal(f.d.filter, "");
    assert_int_equal(f.d.norder, 3);
    teardown(&f);
}

/* o: the next row with an override, wrapping; none shown: says so. The
 * terminal keys hand their work back. */
static void next_override_and_terminal_keys(void **state)
{
    (void)state;
    fixture f;
    setup(&f, KM_TABLE, false); /* viewing only: no trader needed */
    press(&f, 'o', NULL);
    assert_string_equal(f.d.selected, "SOL-PERP");
    press(&f, 'o', NULL); /* the only one: wraps back to it */
    assert_string_equal(f.d.selected, "SOL-PERP");
    f.s.inst[2].has_override = false;
    press(&f, 'g', NULL);
    press(&f, 'o', NULL);
    assert_string_equal(f.d.selected, "BTC-PERP");
    assert_string_equal(f.d.message, "no override on the rows shown");
    keyctx k;
    press(&f, CTRL_L, &k);
    assert_int_equal(k.react, KR_REDRAW);
    press(&f, KEY_RESIZE, &k);
    assert_int_equal(k.react, KR_RESIZE);
    press(&f, KEY_MOUSE, &k);
    assert_int_equal(k.react, KR_MOUSE);
    assert_null(press(&f, '!', &k)); /* unbound: nothing */
    assert_null(k.ran);
    press(&f, 'b', NULL);
    assert_string_equal(f.d.message, "all books"); /* the snapshot has no books */
    teardown(&f);
}

/* The options desk's keys: L and S turn their panels on and off and have
 * the screen laid out again; the ladder takes the focus, the stress panel
 * (nothing to move in) does not; off, the ladder leaves Tab's round; Enter
 * off the ladder says how to reach it; Left/Right off it and Esc without
 * a scope change nothing. */
static void options_desk_keys(void **state)
{
    (void)state;
    fixture f;
    setup(&f, KM_TABLE, false);
    keyctx k;
    panel_id tab[PANEL_COUNT];
    const size_t before = dash_focusable(&f.d, tab);
    press(&f, '\r', &k);
    assert_non_null(strstr(f.d.message, "L shows the ladder"));
    assert_false(f.d.scope_on);
    press(&f, KEY_RIGHT, &k);
    assert_int_equal(f.d.lad_col, 0);
    f.d.message[0] = '\0';
    press(&f, 27, &k);
    assert_string_equal(f.d.message, "");
    press(&f, 'S', &k);
    assert_int_equal(k.react, KR_RESIZE);
    assert_true(f.d.panels_on & LAY_BIT(PANEL_STRESS));
    assert_int_equal(f.d.focus, panel_home());
    press(&f, 'L', &k);
    assert_int_equal(k.react, KR_RESIZE);
    assert_int_equal(f.d.focus, PANEL_LADDER);
    assert_int_equal(dash_focusable(&f.d, tab), before + 1);
    press(&f, '\r', &k); /* the snapshot has no ladder rows */
    assert_string_equal(f.d.message, "the ladder shows no row to select");
    press(&f, 'L', &k);
    press(&f, 'S', &k);
    assert_int_equal(f.d.panels_on, 0);
    assert_int_equal(dash_focusable(&f.d, tab), before);
    teardown(&f);
}

/* E turns the hedge panel on and gives it the focus: the arrows move its
 * cursor, not the positions' selection. H on its selected row asks with
 * the suggestion's words and, after y, sends `hedge UND` with no lots
 * (the suggestion in force); another key cancels; a row with no
 * suggestion says why instead of asking; off, H says how to show the
 * panel; read-only refuses; a row asked about that is gone by y sends
 * nothing. */
static void hedge_keys(void **state)
{
    (void)state;
    fixture f;
    setup(&f, KM_TABLE, true);
    keyctx k;
    press(&f, 'H', &k); /* the panel is off */
    assert_null(f.d.confirm);
    assert_int_equal(f.n.sent, 0);
    assert_string_equal(f.d.message, "H sends the hedge panel's selected row: E shows it");
    press(&f, 'E', &k);
    assert_int_equal(k.react, KR_RESIZE);
    assert_true(f.d.panels_on & LAY_BIT(PANEL_HEDGES));
    assert_int_equal(f.d.focus, PANEL_HEDGES);
    assert_string_equal(f.d.hg_und, "BTC");
    press(&f, 'H', &k);
    assert_null(k.ran);
    assert_ptr_equal(f.d.confirm, keys_find(KM_TABLE, 'H'));
    assert_string_equal(f.d.message,
                        "Send hedge: sell 5000 lots BTC-PERP (-325,000 USD)? y to confirm, any other key cancels");
    assert_int_equal(f.n.sent, 0);
    press(&f, 'y', &k);
    assert_int_equal(f.n.sent, 1);
    assert_int_equal(f.n.last.kind, CMD_HEDGE);
    assert_string_equal(f.n.last.id, "BTC");
    assert_true(isnan(f.n.last.value)); /* the suggestion in force, not the one asked about */
    assert_string_equal(evlog_get(&f.d.log, 0)->text, "hedge done"); /* an order, not an override */
    assert_int_equal(evlog_get(&f.d.log, 0)->level, EVLOG_WARN);
    dash_answer(&f.d, 10, FE_REFUSED, "hedge BTC refused: kill switch on");
    assert_string_equal(evlog_get(&f.d.log, 0)->text, "hedge BTC refused: kill switch on");
    assert_int_equal(evlog_get(&f.d.log, 0)->level, EVLOG_ALERT);
    dash_answer(&f.d, 10, FE_REFUSED, "no such instrument");
    assert_string_equal(evlog_get(&f.d.log, 0)->text, "OVERRIDE REFUSED: no such instrument");
    /* another key cancels */
    press(&f, 'H', NULL);
    press(&f, 'n', NULL);
    assert_null(f.d.confirm);
    assert_string_equal(f.d.message, "cancelled");
    assert_int_equal(f.n.sent, 1);
    /* the arrows move the hedge cursor; ETH suggests nothing: H says why */
    press(&f, KEY_DOWN, NULL);
    assert_string_equal(f.d.hg_und, "ETH");
    assert_string_equal(f.d.selected, "BTC-PERP"); /* the positions' selection stays */
    press(&f, 'H', &k);
    assert_null(f.d.confirm);
    assert_null(k.ran);
    assert_int_equal(f.n.sent, 1);
    assert_string_equal(f.d.message, "no hedge for ETH: inside the band: 12.0k <= 50.0k");
    /* asked about BTC; by y the engine has dropped it and the cursor sits
     * on SOL, which suggests a hedge too: nothing is sent */
    press(&f, 'g', NULL);
    assert_string_equal(f.d.hg_und, "BTC");
    press(&f, 'H', NULL);
    assert_non_null(f.d.confirm);
    f.s.nhedges = 0;
    add_hedge(&f.s, "SOL", "SOL-PERP", 30, 3000, HG_SUGGESTED, "outside the band");
    add_hedge(&f.s, "ETH", "ETH-PERP", 0, 0, HG_INSIDE, "inside the band: 12.0k <= 50.0k");
    dash_order(&f.d, &f.s);
    assert_string_equal(f.d.hg_und, "SOL");
    press(&f, 'y', &k);
    assert_int_equal(f.n.sent, 1);
    assert_non_null(strstr(f.d.message, "hedge not sent: the row asked about (BTC) is gone"));
    /* asked again about SOL: a buy */
    press(&f, 'H', NULL);
    assert_string_equal(f.d.message,
                        "Send hedge: buy 30 lots SOL-PERP (3,000 USD)? y to confirm, any other key cancels");
    press(&f, 'y', NULL);
    assert_int_equal(f.n.sent, 2);
    assert_string_equal(f.n.last.id, "SOL");
    /* on screen but no room for the panel: refused */
    lay_result l;
    lay_compute(80, 24, f.d.panels_on | LAY_BIT(PANEL_STRESS), &l);
    dash_set_layout(&f.d, &l);
    assert_false(l.r[PANEL_HEDGES].visible);
    press(&f, 'H', NULL);
    assert_null(f.d.confirm);
    assert_int_equal(f.n.sent, 2);
    assert_non_null(strstr(f.d.message, "no room"));
    teardown(&f);
    /* read-only: refused before any question */
    setup(&f, KM_TABLE, false);
    press(&f, 'E', NULL);
    press(&f, 'H', &k);
    assert_null(f.d.confirm);
    assert_null(k.ran);
    assert_int_equal(f.n.sent, 0);
    assert_non_null(strstr(f.d.message, "READ-ONLY"));
    teardown(&f);
}

/* a opens the alerts overlay and closes it (Esc too); its arrows move
 * its cursor, not the positions' selection, and the cursor follows its
 * rule when the engine reorders them. A (and Enter) on the selected rule
 * asks with its name and, after y, sends `ack RULE` with no duration
 * (until it resolves); another key cancels; a rule that does not fire, or
 * is acknowledged already, says why instead of asking; out of the overlay
 * A does nothing; read-only refuses before any question; a rule asked
 * about that is gone by y is not acknowledged. */
static void alert_keys(void **state)
{
    (void)state;
    fixture f;
    setup(&f, KM_TABLE, true);
    keyctx k;
    assert_null(press(&f, 'A', &k)); /* the overlay is closed: A is no key here */
    assert_int_equal(f.n.sent, 0);
    assert_null(f.d.confirm);
    press(&f, 'a', &k);
    assert_true(f.d.alerts);
    assert_int_equal(keys_mode(&f.d), KM_ALERTS);
    assert_string_equal(f.d.al_name, "var_high");
    press(&f, KEY_DOWN, NULL);
    assert_string_equal(f.d.al_name, "delta_wide");
    assert_string_equal(f.d.selected, "BTC-PERP"); /* the positions' selection stays */
    /* pending: not acknowledged, and no question */
    press(&f, 'A', &k);
    assert_null(f.d.confirm);
    assert_null(k.ran);
    assert_string_equal(f.d.message, "delta_wide is pending: only a firing alert is acknowledged");
    /* acknowledged already */
    press(&f, 'G', NULL);
    assert_string_equal(f.d.al_name, "stale_px");
    press(&f, '\r', &k);
    assert_null(f.d.confirm);
    assert_string_equal(f.d.message, "stale_px is acknowledged already: silenced until it resolves");
    /* the firing one: a question, then y sends ack var_high */
    press(&f, 'g', NULL);
    assert_string_equal(f.d.al_name, "var_high");
    press(&f, 'A', &k);
    assert_null(k.ran);
    assert_ptr_equal(f.d.confirm, keys_find(KM_ALERTS, 'A'));
    assert_string_equal(f.d.message, "Acknowledge var_high until it resolves? y to confirm, any other key cancels");
    assert_int_equal(f.n.sent, 0);
    press(&f, 'y', &k);
    assert_int_equal(f.n.sent, 1);
    assert_int_equal(f.n.last.kind, CMD_ACK);
    assert_string_equal(f.n.last.id, "var_high");
    assert_true(isnan(f.n.last.value)); /* until it resolves */
    assert_string_equal(evlog_get(&f.d.log, 0)->text, "ack done"); /* a silence, not an override */
    assert_true(f.d.alerts); /* the overlay stays open */
    /* Enter asks too; another key cancels */
    press(&f, KEY_ENTER, NULL);
    assert_non_null(f.d.confirm);
    press(&f, 'n', NULL);
    assert_null(f.d.confirm);
    assert_string_equal(f.d.message, "cancelled");
    assert_int_equal(f.n.sent, 1);
    /* the cursor follows its rule when the engine reorders the rules */
    snap_alert first = f.s.alerts[0];
    f.s.alerts[0] = f.s.alerts[2];
    f.s.alerts[2] = first;
    dash_order(&f.d, &f.s);
    assert_int_equal(f.d.al_sel, 2);
    assert_string_equal(f.d.al_name, "var_high");
    /* asked about var_high; by y a reload has dropped it and the cursor
     * sits on another firing rule: nothing is sent */
    press(&f, '\n', NULL);
    assert_non_null(f.d.confirm);
    f.s.nalerts = 0;
    memset(f.s.alerts_firing, 0, sizeof f.s.alerts_firing);
    add_alert(&f.s, "pnl_drop", AL_FIRING, AL_WARNING, false);
    dash_order(&f.d, &f.s);
    assert_string_equal(f.d.al_name, "pnl_drop");
    press(&f, 'y', &k);
    assert_int_equal(f.n.sent, 1);
    assert_non_null(strstr(f.d.message, "ack not sent: the rule asked about (var_high) is gone"));
    /* no rule at all */
    f.s.nalerts = 0;
    dash_order(&f.d, &f.s);
    press(&f, 'A', &k);
    assert_null(f.d.confirm);
    assert_string_equal(f.d.message, "no alert rule selected");
    /* Esc closes the overlay; a opens it and closes it again */
    press(&f, 27, NULL);
    assert_false(f.d.alerts);
    assert_int_equal(keys_mode(&f.d), KM_TABLE);
    press(&f, 'a', NULL);
    press(&f, 'a', NULL);
    assert_false(f.d.alerts);
    teardown(&f);
    /* read-only: refused before any question */
    setup(&f, KM_ALERTS, false);
    press(&f, 'A', &k);
    assert_null(f.d.confirm);
    assert_null(k.ran);
    assert_int_equal(f.n.sent, 0);
    assert_string_equal(f.d.message, "READ-ONLY: start invtop with --trader to acknowledge alerts");
    teardown(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_is_well_formed),
        cmocka_unit_test(help_lists_every_row),
        cmocka_unit_test(every_key_reaches_its_handler),
        cmocka_unit_test(read_only_refuses_overrides),
        cmocka_unit_test(read_only_says_why),
        cmocka_unit_test(hints_come_from_the_table),
        cmocka_unit_test(overrides_send_commands),
        cmocka_unit_test(edit_form_keys),
        cmocka_unit_test(filter_keys),
        cmocka_unit_test(next_override_and_terminal_keys),
        cmocka_unit_test(options_desk_keys),
        cmocka_unit_test(hedge_keys),
        cmocka_unit_test(alert_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
