/* alertrule.h - the alert-rule evaluator (prefix al_): one rule's state on
 * event time, flap detection, silences and when to notify. Pure: values and
 * event times in, states and decisions out; no I/O, no globals, no clock,
 * no allocation (every structure is the caller's, by value or in place).
 *
 * Where the semantics come from:
 *  - states and `for`: Prometheus alerting rules (inactive, pending, firing;
 *    the condition must hold at every evaluation for `for` seconds before
 *    the alert fires), plus `resolved` as Alertmanager reports it;
 *  - `clear`: Zabbix's recovery expression (a separate threshold to leave
 *    the problem state: hysteresis);
 *  - flapping: Nagios's flap detection ("Detection and Handling of State
 *    Flapping": a flap starts above a high threshold of state changes and
 *    ends below a lower one), counted here on event time instead of over
 *    the last 21 checks, since the engine evaluates on events, not on a
 *    fixed check interval (see al_rule.flap_*);
 *  - notification: Alertmanager's group_wait, group_interval and
 *    repeat_interval (defaults 30 s, 5 min, 4 h) and its silences.
 *
 * A rule compares a value with `threshold` by `op`:
 *   breach:  value op threshold          (starts pending, or firing)
 *   hold:    value op clear              (keeps a firing alert firing)
 * so with `var_util > 0.8, clear 0.7` the alert fires at 0.81, stays firing
 * at 0.75 and 0.71, and resolves at 0.7 or below (0.7 > 0.7 is false). With
 * `>=` it stays firing at 0.7 and resolves below it; `<` and `<=` mirror.
 * clear NAN means clear = threshold (no hysteresis).
 *
 * States and their transitions (one per al_step):
 *   inactive --breach--> pending (for > 0) or firing (for = 0)
 *   pending  --breach held for `for` s--> firing
 *   pending  --no breach--> inactive (hysteresis is for firing alerts only:
 *            `for` asks the breach itself to hold; a dip between clear and
 *            threshold resets it, as Prometheus does)
 *   firing   --not hold--> resolved
 *   resolved --breach--> pending or firing; resolved is kept while the
 *            value does not breach (it is the "last word" of an alert that
 *            fired; there is no time-out back to inactive)
 * A NAN value (metric unknown) changes nothing: the state, its since and
 * the flap state stay as they are, the step reports `unknown`. Time spent
 * unknown while pending counts towards `for`.
 *
 * Event time never runs backwards here: a step at an earlier time than the
 * track's last step is taken at the last step's time. */
#ifndef INVTOP_ALERTRULE_H
#define INVTOP_ALERTRULE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { AL_GT = 0, AL_GE, AL_LT, AL_LE, AL_OP_COUNT } al_op;

typedef enum { AL_INFO = 0, AL_WARNING, AL_CRITICAL, AL_SEVERITY_COUNT } al_severity;

typedef enum { AL_INACTIVE = 0, AL_PENDING, AL_FIRING, AL_RESOLVED, AL_STATE_COUNT } al_state;

/* What a notification says (and what was last said about an alert). */
typedef enum {
    AL_NOTE_NONE = 0, /* nothing (no notification, or none sent yet) */
    AL_NOTE_FIRING,   /* the alert fires (first time, or a repeat) */
    AL_NOTE_RESOLVED, /* it no longer fires (also the end of a flap when it is not firing) */
    AL_NOTE_FLAPPING, /* it flaps: said once, then nothing until the flap ends */
    AL_NOTE_COUNT
} al_note;

/* How many transitions to firing a track remembers for flap detection;
 * the largest flap_high. */
#define AL_FLAP_RING 8

typedef struct {
    al_op op;
    double threshold;     /* finite */
    double clear;         /* NAN: threshold; else on the non-breach side or equal:
                             <= threshold for > and >=, >= threshold for < and <=.
                             A literal rule must name it: left out, it is 0 */
    double for_s;         /* seconds of event time the breach must hold; 0: at once */
    al_severity severity; /* carried for the caller (the evaluator does not use it) */
    /* Flap detection: the alert flaps when at least flap_high transitions to
     * firing fall within the last flap_window_s seconds of event time (the
     * start includes the step's own transition), and stops flapping when at
     * most flap_low do. flap_high 0 turns detection off (a literal rule that
     * names no flap field has it off); else 1 <= flap_high <= AL_FLAP_RING,
     * flap_low < flap_high and flap_window_s > 0. */
    double flap_window_s;
    int flap_high, flap_low;
} al_rule;

/* Per-rule (per-alert) state. Initialise with al_track_init; al_step,
 * al_ack, al_silence and al_due update it. The fields are public so that
 * views can show them and the engine can restore journaled silences. */
typedef struct {
    al_state state;
    double since; /* event time of the last state change (the pending
                     start while pending); NAN before the first */
    double value; /* the last step's value (NAN: unknown) */
    double at;    /* event time of the last step; -INFINITY before the first */
    /* flap detection */
    bool flapping;
    double fired[AL_FLAP_RING]; /* times of the last transitions to firing, a ring */
    int nfired, head;           /* entries held (<= AL_FLAP_RING), next slot */
    /* silences */
    bool acked;            /* silenced until the alert resolves */
    double silenced_until; /* silenced while event time < this; NAN: not */
    /* notification (al_due) */
    al_note sent;         /* what was last notified about this alert */
    double last_notified; /* event time of that notification; NAN: never */
    double unsent_since;  /* since when there is something new to notify
                             (what it should say differs from `sent`); NAN: nothing */
} al_track;

/* What one al_step did. from == to when the state did not change. */
typedef struct {
    al_state from, to;
    bool unknown;      /* the value was NAN: nothing was evaluated */
    bool flap_started; /* the alert began to flap at this step */
    bool flap_stopped; /* it stopped flapping at this step */
    bool ack_ended;    /* the alert resolved, which lifted its acknowledgement */
} al_change;

/* Notification timing, seconds of event time, all > 0 and finite. */
typedef struct {
    double group_wait;      /* something new to say waits this long (from when it
                               became so) before it is sent, so that alerts that
                               change together are sent together */
    double group_interval;  /* a group sends at most once per this long */
    double repeat_interval; /* a firing alert is notified again after this long */
} al_timing;

/* Alertmanager's defaults: 30 s, 5 min, 4 h. */
#define AL_TIMING_DEFAULTS {30.0, 300.0, 4 * 3600.0}

/* A notification group (alerts the engine sends together; which alerts
 * belong together is the caller's choice). Initialise with al_group_init. */
typedef struct {
    double last_sent; /* event time of the group's last notification; NAN: never */
} al_group;

/* What al_due decided for one member of a group. */
typedef struct {
    al_note note; /* AL_NOTE_NONE: nothing for this one now */
    bool repeat;  /* the note is a repeat of a firing alert already notified */
} al_send;

/* Names, spelled as in the config: operators ">", ">=", "<", "<=";
 * severities "info", "warning", "critical"; states "inactive",
 * "pending", "firing", "resolved"; notes "none", "firing", "resolved",
 * "flapping". Each takes an enum value as int and returns a static string,
 * or NULL when the value is out of range. */
const char *al_op_name(int op);
const char *al_severity_name(int s);
const char *al_state_name(int s);
const char *al_note_name(int n);

/* Config parsers: the exact spelling al_op_name / al_severity_name give
 * (case-sensitive, no blanks). s may be NULL. Returns the enum value, or -1
 * when s is NULL or not one of them. */
int al_parse_op(const char *s);
int al_parse_severity(const char *s);

/* Fill *r with the defaults for op and threshold: clear NAN, for 0,
 * severity warning, flap detection on with a 600 s window, flap_high 4,
 * flap_low 1 (four firings in ten minutes make a flap; it ends once at most
 * one firing is left in the last ten minutes). r non-NULL. */
void al_rule_init(al_rule *r, al_op op, double threshold);

/* Check a rule the config built: op and severity in range, threshold
 * finite, clear NAN or finite on the non-breach side of threshold (or
 * equal), for_s finite and >= 0, the flap fields as described at al_rule.
 * Returns 0, or -1 on the first problem (r is not changed). r non-NULL.
 * al_step, al_pending_due and al_due take only rules that pass. */
int al_rule_check(const al_rule *r);

/* Start a track: inactive, no value, no flap history, not silenced,
 * nothing notified. t non-NULL. */
void al_track_init(al_track *t);

/* Evaluate rule r (al_rule_check passed) on value at event time now
 * (finite) and update t; *out (non-NULL) says what happened. value NAN
 * changes nothing but t->value and t->at (out->unknown). On a transition to
 * firing the time enters the flap ring; flap start and stop are evaluated
 * on every known value. Resolving lifts an acknowledgement (al_ack). Also
 * keeps t->unsent_since (what al_due will notify) up to date. Returns true
 * when the state or the flap state changed. */
bool al_step(const al_rule *r, al_track *t, double value, double now, al_change *out);

/* For the engine's timer: the event time at which a pending alert fires if
 * the breach still holds (since + for_s), so that it steps the rule again
 * with the value it holds; INFINITY when t is not pending. */
double al_pending_due(const al_rule *r, const al_track *t);

/* Acknowledge: silence a firing alert until it resolves (the step that
 * resolves it lifts the silence, and that resolution is notified if its
 * firing was). Returns 0, or -1 (t unchanged) when t is not firing. */
int al_ack(al_track *t);

/* Silence t while event time is before `until` (any state; the alert keeps
 * changing state, al_due says nothing about it). until must be finite and
 * after now; returns 0, or -1 (t unchanged) otherwise. A later call
 * replaces the time. */
int al_silence(al_track *t, double now, double until);

/* Lift both silences. */
void al_unsilence(al_track *t);

/* Whether t is silenced at event time now (acknowledged, or now < its
 * silence's end). */
bool al_silenced(const al_track *t, double now);

/* Initialise a group: never sent. */
void al_group_init(al_group *g);

/* Decide which members of group g to notify at event time now, and commit
 * it: members[0..n) (each non-NULL, n may be 0) are the group's tracks;
 * send[0..n) receives, per member, what to notify now (AL_NOTE_NONE for
 * nothing). A member has something to send when
 *  - what it should say differs from what was last sent (firing; resolved,
 *    only after a firing or a flap was sent; flapping, once per flap), at
 *    or after unsent_since + group_wait, or
 *  - it fires, its firing was sent and not flapping, at or after
 *    last_notified + repeat_interval (send.repeat),
 * and never before g->last_sent + group_interval, nor while silenced (a
 * change already waited for during a timed silence goes at its end). When
 * any member is due, the group notifies: the members due, and with them
 * every member with something new to say that is not silenced, its own
 * group_wait run out or not (Alertmanager sends the group: alerts that
 * change together are sent together). The members sent have `sent`,
 * last_notified and unsent_since updated, and g->last_sent = now when any
 * was. *next (non-NULL) receives the earliest later event time at which
 * something may be due (INFINITY: nothing until a step or a silence
 * changes it), for the engine's timer. Returns how many members to notify
 * now. The caller owns every array; nothing is kept.
 * Like Alertmanager, a firing that resolves before its notification went
 * out is no news (nothing is sent, and its group_wait starts again at the
 * next change): a rule with flap detection off whose alert never stays
 * firing for group_wait is never notified; flap detection is what reports
 * an alert that keeps doing that. */
size_t al_due(const al_timing *tm, al_group *g, al_track *const *members, size_t n, double now,
              al_send *send, double *next);

#endif
