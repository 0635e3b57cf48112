/* alertrule.c - the alert-rule evaluator (see alertrule.h). */
#include "invtop/alertrule.h"

#include <assert.h>
#include <math.h>
#include <string.h>

static const char *const op_names[] = {">", ">=", "<", "<="};
_Static_assert(sizeof op_names / sizeof *op_names == AL_OP_COUNT, "one name per al_op");

static const char *const severity_names[] = {"info", "warning", "critical"};
_Static_assert(sizeof severity_names / sizeof *severity_names == AL_SEVERITY_COUNT, "one name per al_severity");

static const char *const state_names[] = {"inactive", "pending", "firing", "resolved"};
_Static_assert(sizeof state_names / sizeof *state_names == AL_STATE_COUNT, "one name per al_state");

static const char *const note_names[] = {"none", "firing", "resolved", "flapping"};
_Static_assert(sizeof note_names / sizeof *note_names == AL_NOTE_COUNT, "one name per al_note");

const char *al_op_name(int op)
{
    return op >= 0 && op < AL_OP_COUNT ? op_names[op] : NULL;
}

const char *al_severity_name(int s)
{
    return s >= 0 && s < AL_SEVERITY_COUNT ? severity_names[s] : NULL;
}

const char *al_state_name(int s)
{
    return s >= 0 && s < AL_STATE_COUNT ? state_names[s] : NULL;
}

const char *al_note_name(int n)
{
    return n >= 0 && n < AL_NOTE_COUNT ? note_names[n] : NULL;
}

static int lookup(const char *s, const char *const *names, int count)
{
    if (!s)
        return -1;
    for (int i = 0; i < count; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

int al_parse_op(const char *s)
{
    return lookup(s, op_names, AL_OP_COUNT);
}

int al_parse_severity(const char *s)
{
    return lookup(s, severity_names, AL_SEVERITY_COUNT);
}

void al_rule_init(al_rule *r, al_op op, double threshold)
{
    assert(r);
    *r = (al_rule){.op = op,
                   .threshold = threshold,
                   .clear = NAN,
                   .for_s = 0,
                   .severity = AL_WARNING,
                   .flap_window_s = 600,
                   .flap_high = 4,
                   .flap_low = 1};
}

static bool op_above(al_op op)
{
    return op == AL_GT || op == AL_GE;
}

int al_rule_check(const al_rule *r)
{
    assert(r);
    if ((int)r->op < 0 || r->op >= AL_OP_COUNT || (int)r->severity < 0 || r->severity >= AL_SEVERITY_COUNT)
        return -1;
    if (!isfinite(r->threshold))
        return -1;
    if (!isnan(r->clear)) {
        if (!isfinite(r->clear))
            return -1;
        if (op_above(r->op) ? r->clear > r->threshold : r->clear < r->threshold)
            return -1;
    }
    if (!isfinite(r->for_s) || r->for_s < 0)
        return -1;
    if (r->flap_high != 0) {
        if (r->flap_high < 1 || r->flap_high > AL_FLAP_RING || r->flap_low < 0 || r->flap_low >= r->flap_high)
            return -1;
        if (!isfinite(r->flap_window_s) || !(r->flap_window_s > 0))
            return -1;
    }
    return 0;
}

void al_track_init(al_track *t)
{
    assert(t);
    memset(t, 0, sizeof *t);
    t->state = AL_INACTIVE;
    t->since = NAN;
    t->value = NAN;
    t->at = -INFINITY;
    t->flapping = false;
    t->nfired = t->head = 0;
    t->acked = false;
    t->silenced_until = NAN;
    t->sent = AL_NOTE_NONE;
    t->last_notified = NAN;
    t->unsent_since = NAN;
}

/* value op x; false when value is NAN */
static bool meets(al_op op, double value, double x)
{
    switch (op) {
    case AL_GT:
        return value > x;
    case AL_GE:
        return value >= x;
    case AL_LT:
        return value < x;
    case AL_LE:
        return value <= x;
    default:
        break;
    }
    assert(!"al_op out of range");
    return false;
}

/* What t should have said last, given its state: a flap is said as such;
 * a firing alert as firing; an alert no longer firing as resolved once a
 * firing or a flap about it went out (an alert that fired and resolved
 * between two notifications is never said to have resolved); otherwise
 * what was said stands. */
static al_note wanted(const al_track *t)
{
    if (t->flapping)
        return AL_NOTE_FLAPPING;
    if (t->state == AL_FIRING)
        return AL_NOTE_FIRING;
    if (t->sent == AL_NOTE_FIRING || t->sent == AL_NOTE_FLAPPING)
        return AL_NOTE_RESOLVED;
    return t->sent;
}

/* Keep unsent_since: the time something new to say first appeared, kept
 * while it stays unsaid (so a flipping alert cannot postpone its own
 * notification), NAN when nothing is. */
static void note_unsent(al_track *t, double now)
{
    if (wanted(t) == t->sent)
        t->unsent_since = NAN;
    else if (isnan(t->unsent_since))
        t->unsent_since = now;
}

static int fired_within(const al_track *t, double from)
{
    int n = 0;
    for (int i = 0; i < t->nfired; i++)
        if (t->fired[i] > from)
            n++;
    return n;
}

static void to_state(al_track *t, al_state s, double now)
{
    t->state = s;
    t->since = now;
    if (s == AL_FIRING) {
        t->fired[t->head] = now;
        t->head = (t->head + 1) % AL_FLAP_RING;
        if (t->nfired < AL_FLAP_RING)
            t->nfired++;
    }
}

bool al_step(const al_rule *r, al_track *t, double value, double now, al_change *out)
{
    assert(r && t && out);
    assert(al_rule_check(r) == 0);
    assert(isfinite(now));
    assert(t->nfired >= 0 && t->nfired <= AL_FLAP_RING && t->head >= 0 && t->head < AL_FLAP_RING);
    if (now < t->at) /* event time does not run backwards */
        now = t->at;
    *out = (al_change){.from = t->state, .to = t->state};
    t->value = value;
    t->at = now;
    if (isnan(value)) {
        out->unknown = true;
        return false;
    }
    const bool breach = meets(r->op, value, r->threshold);
    const bool hold = meets(r->op, value, isnan(r->clear) ? r->threshold : r->clear);
    switch (t->state) {
    case AL_INACTIVE:
    case AL_RESOLVED:
        if (breach)
            to_state(t, r->for_s > 0 ? AL_PENDING : AL_FIRING, now);
        break;
    case AL_PENDING:
        assert(isfinite(t->since));
        if (!breach)
            to_state(t, AL_INACTIVE, now);
        else if (now - t->since >= r->for_s)
            to_state(t, AL_FIRING, now);
        break;
    case AL_FIRING:
        if (!hold) {
            to_state(t, AL_RESOLVED, now);
            if (t->acked) {
                t->acked = false;
                out->ack_ended = true;
            }
        }
        break;
    default:
        assert(!"al_state out of range");
        break;
    }
    out->to = t->state;
    if (r->flap_high > 0) {
        const int n = fired_within(t, now - r->flap_window_s);
        if (!t->flapping && n >= r->flap_high)
            t->flapping = out->flap_started = true;
        else if (t->flapping && n <= r->flap_low)
            out->flap_stopped = true;
    } else if (t->flapping) { /* the rule no longer detects flaps */
        out->flap_stopped = true;
    }
    if (out->flap_stopped)
        t->flapping = false;
    note_unsent(t, now);
    return out->from != out->to || out->flap_started || out->flap_stopped;
}

double al_pending_due(const al_rule *r, const al_track *t)
{
    assert(r && t);
    if (t->state != AL_PENDING)
        return INFINITY;
    assert(isfinite(t->since));
    return t->since + r->for_s;
}

int al_ack(al_track *t)
{
    assert(t);
    if (t->state != AL_FIRING)
        return -1;
    t->acked = true;
    return 0;
}

int al_silence(al_track *t, double now, double until)
{
    assert(t);
    if (!isfinite(until) || !(until > now))
        return -1;
    t->silenced_until = until;
    return 0;
}

void al_unsilence(al_track *t)
{
    assert(t);
    t->acked = false;
    t->silenced_until = NAN;
}

bool al_silenced(const al_track *t, double now)
{
    assert(t);
    return t->acked || now < t->silenced_until; /* NAN compares false */
}

void al_group_init(al_group *g)
{
    assert(g);
    g->last_sent = NAN;
}

/* When member t has something to send (*note, *repeat), or INFINITY.
 * *joins: it has something new to say and is not silenced at now, so it
 * goes with any notification of the group at now, due or not. */
static double member_due(const al_timing *tm, const al_group *g, const al_track *t, double now, al_note *note,
                         bool *repeat, bool *joins)
{
    *note = AL_NOTE_NONE;
    *repeat = *joins = false;
    if (t->acked)
        return INFINITY;
    const double gate = isnan(g->last_sent) ? -INFINITY : g->last_sent + tm->group_interval;
    const double lift = isnan(t->silenced_until) ? -INFINITY : t->silenced_until;
    const al_note w = wanted(t);
    if (w != t->sent) {
        assert(!isnan(t->unsent_since)); /* al_step keeps it */
        *note = w;
        *joins = lift <= now;
        return fmax(gate, fmax(t->unsent_since + tm->group_wait, lift));
    }
    if (w == AL_NOTE_FIRING) {
        assert(isfinite(t->last_notified));
        *note = w;
        *repeat = true;
        return fmax(gate, fmax(t->last_notified + tm->repeat_interval, lift));
    }
    return INFINITY;
}

size_t al_due(const al_timing *tm, al_group *g, al_track *const *members, size_t n, double now,
              al_send *send, double *next)
{
    assert(tm && g && next && (n == 0 || (members && send)));
    assert(tm->group_wait > 0 && tm->group_interval > 0 && tm->repeat_interval > 0);
    assert(isfinite(now));
    /* a notification of the group is due now when any member's is */
    bool flush = false;
    for (size_t i = 0; i < n && !flush; i++) {
        assert(members[i]);
        al_note note;
        bool repeat, joins;
        flush = member_due(tm, g, members[i], now, &note, &repeat, &joins) <= now;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        al_note note;
        bool repeat, joins;
        const double due = member_due(tm, g, members[i], now, &note, &repeat, &joins);
        send[i] = (al_send){AL_NOTE_NONE, false};
        if (flush && (due <= now || joins)) {
            assert(note != AL_NOTE_NONE);
            send[i] = (al_send){note, repeat};
            k++;
        }
    }
    if (k > 0) {
        g->last_sent = now;
        for (size_t i = 0; i < n; i++) {
            if (send[i].note == AL_NOTE_NONE)
                continue;
            members[i]->sent = send[i].note;
            members[i]->last_notified = now;
            members[i]->unsent_since = NAN;
        }
    }
    *next = INFINITY;
    for (size_t i = 0; i < n; i++) {
        al_note note;
        bool repeat, joins;
        const double due = member_due(tm, g, members[i], now, &note, &repeat, &joins);
        assert(!(due <= now)); /* everything due went out */
        if (due < *next)
            *next = due;
    }
    return k;
}
