/* alerts.h - the engine's alert rules on event time (prefix alrt_): each
 * [alert NAME] rule's metric read from the engine's state, stepped through
 * its evaluator (alertrule.h: hysteresis, for, flapping), notified by the
 * notify command on Alertmanager's timing, and its action (widen, pause,
 * kill, hedge) applied as a command of user alert:NAME, journaled like a
 * trader's, the moment it fires, and undone when it resolves if the rule
 * says so.
 *
 * Rules are evaluated at most every ALRT_EVAL_S of event time (and when a
 * pending rule's `for` runs out), never because a frame is drawn. Each rule
 * is its own notification group (Alertmanager's default grouping by alert
 * name). Silences (ack) are journaled beside the override journal
 * (<journal>.alerts.jsonl) so a restart keeps them.
 *
 * The engine's glue is in app.h (app_alerts_*); this header holds the
 * state the app owns. Single-threaded. */
#ifndef INVTOP_ALERTS_H
#define INVTOP_ALERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/alertcfg.h"
#include "invtop/alertrule.h"
#include "invtop/jsonw.h"
#include "invtop/notify.h"
#include "invtop/override.h"

#define ALRT_EVAL_S 0.1   /* event seconds between evaluations */
#define ALRT_UNDO_MAX 64  /* quotes one rule's action may change (and undo) */
#define ALRT_NOTE 160

/* What a rule's action changed, to undo it. */
typedef struct {
    char id[EVENT_ID_MAX];
    ovr before;
} alrt_undo;

typedef struct {
    al_track track;
    al_group group;
    bool acted;                 /* the action is in force */
    char note[ALRT_NOTE];       /* what it did, or would have done */
    alrt_undo undo[ALRT_UNDO_MAX];
    size_t nundo;
    bool killed;                /* it turned the kill switch on */
    bool waiting;               /* firing, and some quotes it covers had none yet */
} alrt_state;

typedef struct {
    alrt_state r[ALRT_MAX];
    size_t n;
    double next_eval;           /* event time, NAN before the first */
    double pnl_high;            /* the session P&L's high, NAN before any */
    double rate_t;              /* event time of the rate window's start, NAN */
    uint64_t rate_msgs, rate_rej;
    double msg_rate, reject_rate;
    notify_runner notify;
    jw json;
    int fd;                     /* the silences journal, -1 none */
    char path[4096];
} alrt_engine;

#endif
