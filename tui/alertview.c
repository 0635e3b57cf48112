/* alertview.c - the alerts overlay's words (see alertview.h). */
#include "tui/alertview.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "invtop/alertrule.h"
#include "tui/format.h"
#include "tui/theme.h"

bool alv_bell(size_t prev, size_t now)
{
    return now > prev;
}

bool alv_bell_heard(size_t *seen, size_t now, bool on)
{
    const bool ring = on && alv_bell(*seen, now);
    *seen = now;
    return ring;
}

size_t alv_count(const snap *s)
{
    return s->nalerts < SNAP_ALERTS ? s->nalerts : SNAP_ALERTS;
}

const char *alv_sev_short(int severity)
{
    static const char *const w[AL_SEVERITY_COUNT] = {[AL_INFO] = "info", [AL_WARNING] = "warn",
                                                     [AL_CRITICAL] = "crit"};
    return severity >= 0 && severity < AL_SEVERITY_COUNT ? w[severity] : "?";
}

static const char *word(const char *s)
{
    return s ? s : "?";
}

/* Append to out (len bytes used of cap), cut at cap; returns the bytes
 * used after it. */
__attribute__((format(printf, 4, 5))) static size_t add(char *out, size_t cap, size_t len, const char *fmt, ...)
{
    if (len + 1 >= cap)
        return len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out + len, cap - len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return len;
    return len + (size_t)n < cap ? len + (size_t)n : cap - 1;
}

void alv_title(const snap *s, char *out, size_t cap)
{
    const size_t n = alv_count(s);
    if (!n) {
        snprintf(out, cap, "Alerts: no rule configured");
        return;
    }
    static const int order[] = {AL_CRITICAL, AL_WARNING, AL_INFO};
    size_t firing = 0;
    for (int k = 0; k < AL_SEVERITY_COUNT; k++)
        firing += s->alerts_firing[k];
    char parts[96] = "";
    size_t len = 0;
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        if (!s->alerts_firing[order[k]])
            continue;
        char num[24];
        snprintf(num, sizeof num, "%zu", s->alerts_firing[order[k]]);
        len = add(parts, sizeof parts, len, len ? ", %s %s" : "%s %s", num, word(al_severity_name(order[k])));
    }
    if (firing)
        snprintf(out, cap, "Alerts: %zu firing (%s) of %zu rule%s", firing, parts, n, n == 1 ? "" : "s");
    else
        snprintf(out, cap, "Alerts: none firing of %zu rule%s", n, n == 1 ? "" : "s");
}

void alv_notify_line(const snap *s, char *out, size_t cap, int *slot)
{
    if (!s->notify_on) {
        snprintf(out, cap, "notify: off (no --notify-cmd)");
        *slot = SLOT_DIM;
        return;
    }
    const bool bad = s->notify_failures || s->notify_timeouts || s->notify_dropped;
    int n = snprintf(out, cap, "notify: %lu sent, %lu ok, %lu failed, %lu timed out", s->notify_sent, s->notify_ok,
                     s->notify_failures, s->notify_timeouts);
    if (n >= 0 && (size_t)n < cap && s->notify_dropped) /* rare: said when it happened */
        n += snprintf(out + n, cap - (size_t)n, ", %lu dropped", s->notify_dropped);
    if (n >= 0 && (size_t)n < cap && s->notify_error[0])
        snprintf(out + n, cap - (size_t)n, "; last error: %s", s->notify_error);
    *slot = bad ? SLOT_WARNING : SLOT_DIM;
}

/* widths of the table's columns; a blank after each */
static const int col_w[ALV_COLS] = {
    [ALV_STATE] = 8, [ALV_SEV] = 4, [ALV_NAME] = 13, [ALV_VALUE] = 6,
    [ALV_OP] = 2,    [ALV_THRESHOLD] = 6, [ALV_SINCE] = 6, [ALV_NOTES] = 0,
};

int alv_col_w(alv_col c)
{
    return c < ALV_COLS ? col_w[c] : 0;
}

int alv_col_x(alv_col c)
{
    int x = 0;
    for (int k = 0; k < (int)c && k < ALV_COLS; k++)
        x += col_w[k] + 1;
    return x;
}

/* A line cut to w cells (the text is ASCII, a cell a byte). */
static void cut(char *out, size_t cap, int w)
{
    if (w >= 0 && (size_t)w < cap && strlen(out) > (size_t)w)
        out[w] = '\0';
}

void alv_head_line(int w, char *out, size_t cap)
{
    snprintf(out, cap, "%-*s %-*s %-*s %*s %-*s %*s %*s %s", col_w[ALV_STATE], "State", col_w[ALV_SEV], "Sev",
             col_w[ALV_NAME], "Rule", col_w[ALV_VALUE], "Value", col_w[ALV_OP], "Op", col_w[ALV_THRESHOLD],
             "Thresh", col_w[ALV_SINCE], "Since", "Notes");
    cut(out, cap, w);
}

/* How long a lasts in its state at the snapshot's time; NAN: unknown. */
static double age(const snap *s, const snap_alert *a)
{
    if (isnan(a->since) || isnan(s->ts))
        return NAN;
    return s->ts > a->since ? s->ts - a->since : 0;
}

/* What is left of a timed silence at the snapshot's time; NAN: none. */
static double silence_left(const snap *s, const snap_alert *a)
{
    if (isnan(a->silenced_until))
        return NAN;
    if (isnan(s->ts))
        return INFINITY; /* no clock to count with: silenced, for how long unknown */
    return a->silenced_until > s->ts ? a->silenced_until - s->ts : NAN;
}

void alv_notes(const snap *s, const snap_alert *a, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    if (a->flapping)
        len = add(out, cap, len, "flapping");
    const double left = silence_left(s, a);
    char t[32];
    if (a->acked) {
        len = add(out, cap, len, "%sacked", len ? ", " : "");
    } else if (!isnan(left)) {
        if (isinf(left))
            snprintf(t, sizeof t, "silenced");
        else {
            char d[12];
            fmt_age(d, sizeof d, left);
            snprintf(t, sizeof t, "silenced %s", d);
        }
        len = add(out, cap, len, "%s%s", len ? ", " : "", t);
    }
    if (a->action[0]) {
        len = add(out, cap, len, "%s%s", len ? ", " : "", a->action);
        if (a->acted)
            len = add(out, cap, len, " acted");
    }
}

void alv_line(const snap *s, const snap_alert *a, int w, char *out, size_t cap)
{
    char name[32], value[16], thr[16], since[16], notes[128];
    const size_t nl = strlen(a->name);
    if (nl > (size_t)col_w[ALV_NAME])
        snprintf(name, sizeof name, "%.*s~", col_w[ALV_NAME] - 1, a->name);
    else
        snprintf(name, sizeof name, "%s", a->name);
    fmt_abbrev(value, sizeof value, a->value, true, col_w[ALV_VALUE]);
    fmt_abbrev(thr, sizeof thr, a->threshold, true, col_w[ALV_THRESHOLD]);
    const double d = age(s, a);
    if (isnan(d))
        snprintf(since, sizeof since, "-");
    else
        fmt_age(since, sizeof since, d);
    alv_notes(s, a, notes, sizeof notes);
    /* notes too long for the room left: cut after a whole word, "~" says
     * there is more (the selected rule's detail has it all) */
    const int room = w - alv_col_x(ALV_NOTES);
    if (room > 0 && strlen(notes) > (size_t)room) {
        size_t keep = (size_t)room - 1;
        while (keep > 0 && notes[keep] != ' ')
            keep--;
        while (keep > 0 && (notes[keep - 1] == ' ' || notes[keep - 1] == ','))
            keep--;
        notes[keep] = '~';
        notes[keep + 1] = '\0';
    }
    snprintf(out, cap, "%-*s %-*s %-*s %*s %-*s %*s %*s %s", col_w[ALV_STATE], word(al_state_name(a->state)),
             col_w[ALV_SEV], alv_sev_short(a->severity), col_w[ALV_NAME], name, col_w[ALV_VALUE], value,
             col_w[ALV_OP], word(al_op_name(a->op)), col_w[ALV_THRESHOLD], thr, col_w[ALV_SINCE], since, notes);
    cut(out, cap, w);
    for (size_t n = strlen(out); n > 0 && out[n - 1] == ' '; n--) /* no notes: no trailing blank */
        out[n - 1] = '\0';
}

int alv_slot(const snap_alert *a)
{
    switch (a->state) {
    case AL_FIRING:
        return a->severity == AL_CRITICAL ? SLOT_BREACH : a->severity == AL_WARNING ? SLOT_WARNING : SLOT_ACCENT;
    case AL_PENDING: return SLOT_WARNING;
    case AL_RESOLVED: return SLOT_GAIN;
    default: return SLOT_DIM;
    }
}

/* The comparison that resolves a firing alert: the negation of op. */
static const char *resolve_op(int op)
{
    switch (op) {
    case AL_GT: return "<=";
    case AL_GE: return "<";
    case AL_LT: return ">=";
    case AL_LE: return ">";
    default: return "?";
    }
}

/* A figure in a sentence: "0.85", "65000", "-"; %.6g keeps it short. */
static void figure(char *out, size_t cap, double v)
{
    if (isnan(v))
        snprintf(out, cap, "unknown");
    else
        snprintf(out, cap, "%.6g", v);
}

void alv_detail(const snap *s, const snap_alert *a, char *out, size_t cap)
{
    char value[32], thr[32], clr[32], forr[16], since[16], left[16], note_age[16];
    figure(value, sizeof value, a->value);
    figure(thr, sizeof thr, a->threshold);
    figure(clr, sizeof clr, isnan(a->clear) ? a->threshold : a->clear);
    fmt_age(forr, sizeof forr, a->for_s);
    const double d = age(s, a);
    if (isnan(d))
        snprintf(since, sizeof since, "?");
    else
        fmt_age(since, sizeof since, d);
    size_t len = 0;
    int n = snprintf(out, cap, "%s: %s%s%s = %s; fires when %s %s", a->name, a->metric[0] ? a->metric : "?",
                     a->scope[0] ? " of " : "", a->scope, value, word(al_op_name(a->op)), thr);
    len = n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
    if (a->for_s > 0)
        len = add(out, cap, len, " for %s", forr);
    len = add(out, cap, len, ", resolves at %s %s", resolve_op(a->op), clr);
    len = add(out, cap, len, "; %s.", word(al_severity_name(a->severity)));
    char st[16];
    snprintf(st, sizeof st, "%s", word(al_state_name(a->state)));
    st[0] = (char)(st[0] >= 'a' && st[0] <= 'z' ? st[0] - 'a' + 'A' : st[0]); /* it starts a sentence */
    if (isnan(a->since))
        len = add(out, cap, len, " %s", st);
    else
        len = add(out, cap, len, " %s for %s", st, since);
    if (a->flapping)
        len = add(out, cap, len, ", flapping");
    const double sl = silence_left(s, a);
    if (a->acked)
        len = add(out, cap, len, "; acknowledged: silenced until it resolves");
    else if (!isnan(sl)) {
        if (isinf(sl))
            snprintf(left, sizeof left, "a while");
        else
            fmt_age(left, sizeof left, sl);
        len = add(out, cap, len, "; silenced for %s more", left);
    }
    len = add(out, cap, len, ".");
    if (a->action[0]) {
        len = add(out, cap, len, " Action %s: %s", a->action, a->acted ? "acted" : "not in force");
        if (a->action_note[0])
            len = add(out, cap, len, " (%s)", a->action_note);
        len = add(out, cap, len, ".");
    }
    if (isnan(a->notified_at) || a->notified == AL_NOTE_NONE) {
        len = add(out, cap, len, " Not notified.");
    } else {
        if (isnan(s->ts))
            snprintf(note_age, sizeof note_age, "?");
        else
            fmt_age(note_age, sizeof note_age, s->ts > a->notified_at ? s->ts - a->notified_at : 0);
        len = add(out, cap, len, " Notified %s %s ago.", word(al_note_name(a->notified)), note_age);
    }
    (void)len;
}

bool alv_ackable(const snap_alert *a, char *why, size_t cap)
{
    if (a->state != AL_FIRING) {
        snprintf(why, cap, "%s is %s: only a firing alert is acknowledged", a->name, word(al_state_name(a->state)));
        return false;
    }
    if (a->acked) {
        snprintf(why, cap, "%s is acknowledged already: silenced until it resolves", a->name);
        return false;
    }
    return true;
}

void alv_ask(const snap_alert *a, char *out, size_t cap)
{
    snprintf(out, cap, "Acknowledge %s until it resolves? y to confirm, any other key cancels", a->name);
}
