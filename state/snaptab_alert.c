/* snaptab_alert.c - the schema of the alerts part: every rule with its
 * state, what fires by severity, the notify command's counters (see
 * snaptab.h; the decoding rules are at the top of snaptab.c). */
#include "invtop/snaptab.h"

#include "invtop/alertrule.h"
#include "state/snaptab_in.h"

static size_t count_rules(const void *base, const snap *s)
{
    (void)s;
    return ((const snap *)base)->nalerts;
}

static void *elem_rule(const void *base, const snap *s, size_t k)
{
    (void)s;
    snap *x = (snap *)base;
    return k < x->nalerts ? (void *)&x->alerts[k] : NULL;
}

static int resize_rules(void *base, snap *s, size_t n)
{
    (void)s;
    ((snap *)base)->nalerts = n;
    return 0;
}

static const sch_row rule_rows[] = {
    SCH_ROW(snap_alert, "name", SCH_STR, name, .doc = "the rule's name ([alert NAME])"),
    SCH_ROW(snap_alert, "metric", SCH_STR, metric, .doc = "what it watches, named as the snapshot names it"),
    SCH_ROW(snap_alert, "scope", SCH_STRNULL, scope, .doc = "an underlying, instrument, venue or book (null: none)"),
    SCH_ROW(snap_alert, "op", SCH_ENUM, op, .name_fn = al_op_name, .nnames = AL_OP_COUNT, .what = "operator",
            .doc = "> >= < <="),
    SCH_ROW(snap_alert, "threshold", SCH_NUM, threshold, .doc = "fires when the value passes it"),
    SCH_ROW(snap_alert, "clear", SCH_NUM, clear, .doc = "resolves only past it (hysteresis; = threshold: none)"),
    SCH_ROW(snap_alert, "for_s", SCH_NUM, for_s, .unit = "s", .doc = "event time the breach must hold first"),
    SCH_ROW(snap_alert, "severity", SCH_ENUM, severity, .name_fn = al_severity_name, .nnames = AL_SEVERITY_COUNT,
            .what = "severity", .doc = "info, warning or critical"),
    SCH_ROW(snap_alert, "state", SCH_ENUM, state, .name_fn = al_state_name, .nnames = AL_STATE_COUNT,
            .what = "alert state", .doc = "inactive, pending, firing or resolved"),
    SCH_ROW(snap_alert, "value", SCH_NUM, value, .doc = "the metric's last value (null: unknown)"),
    SCH_ROW(snap_alert, "since", SCH_FIXED, since, .prec = 3, .unit = "s",
            .doc = "event time of its last change of state (null: never)"),
    SCH_ROW(snap_alert, "flapping", SCH_BOOL, flapping, .doc = "it flaps: notified once, not at every flip"),
    SCH_ROW(snap_alert, "acked", SCH_BOOL, acked, .doc = "acknowledged: silent until it resolves"),
    SCH_ROW(snap_alert, "silenced_until", SCH_FIXED, silenced_until, .prec = 3, .unit = "s",
            .doc = "silent until this event time (null: not)"),
    SCH_ROW(snap_alert, "action", SCH_STRNULL, action, .doc = "widen:F, pause, kill or hedge (null: none)"),
    SCH_ROW(snap_alert, "acted", SCH_BOOL, acted, .doc = "its action is in force"),
    SCH_ROW(snap_alert, "action_note", SCH_STRNULL, action_note,
            .doc = "what the action did, or would have done in read-only"),
    SCH_ROW(snap_alert, "notified_at", SCH_FIXED, notified_at, .prec = 3, .unit = "s",
            .doc = "event time of its last notification (null: never)"),
    SCH_ROW(snap_alert, "notified", SCH_ENUM, notified, .name_fn = al_note_name, .nnames = AL_NOTE_COUNT,
            .what = "notification", .doc = "what was last notified: none, firing, resolved or flapping"),
};
static const sch_table rule_table = {"alerts.rules[]", sizeof(snap_alert), rule_rows, SCH_NROWS(rule_rows), NULL};

static const sch_row firing_rows[] = {
    SCH_ROW(snap, "info", SCH_SIZE, alerts_firing[AL_INFO], .doc = "info alerts firing"),
    SCH_ROW(snap, "warning", SCH_SIZE, alerts_firing[AL_WARNING], .doc = "warning alerts firing"),
    SCH_ROW(snap, "critical", SCH_SIZE, alerts_firing[AL_CRITICAL], .doc = "critical alerts firing"),
};
static const sch_table firing_table = {"alerts.firing", sizeof(snap), firing_rows, SCH_NROWS(firing_rows), NULL};

static const sch_row notify_rows[] = {
    SCH_ROW(snap, "on", SCH_BOOL, notify_on, .doc = "--notify-cmd given"),
    SCH_ROW(snap, "sent", SCH_ULONG, notify_sent, .doc = "commands started"),
    SCH_ROW(snap, "ok", SCH_ULONG, notify_ok, .doc = "commands that exited 0"),
    SCH_ROW(snap, "failures", SCH_ULONG, notify_failures, .doc = "commands that failed to start or exited non-zero"),
    SCH_ROW(snap, "timeouts", SCH_ULONG, notify_timeouts, .doc = "commands killed at --notify-timeout-s"),
    SCH_ROW(snap, "dropped", SCH_ULONG, notify_dropped, .doc = "notifications dropped: too many commands running"),
    SCH_ROW(snap, "error", SCH_STRNULL, notify_error, .doc = "the last thing that went wrong (null: nothing)"),
};
static const sch_table notify_table = {"alerts.notify", sizeof(snap), notify_rows, SCH_NROWS(notify_rows), NULL};

static const sch_row alerts_rows[] = {
    {.key = "firing", .type = SCH_OBJ, .sub = &firing_table, .doc = "alerts firing by severity"},
    {.key = "notify", .type = SCH_OBJ, .sub = &notify_table, .doc = "the notify command's counters"},
    {.key = "rules", .type = SCH_ARR, .sub = &rule_table, .count = count_rules, .elem = elem_rule,
     .resize = resize_rules, .max = SNAP_ALERTS, .keep_first = true, .doc = "every rule, in config order"},
};
const sch_table snaptab_alerts_table = {"alerts", sizeof(snap), alerts_rows, SCH_NROWS(alerts_rows), NULL};
