/* command.h - what a view asks the engine to do (prefix cmd_): the override
 * actions and the kill switch, from a key on the local dashboard, a remote
 * viewer's request channel or `invtop --attach ... --exec 'COMMAND'`.
 *
 * One text grammar, parsed here and nowhere else (docs/STATE.md):
 *   skew ID +N          add N bp to the instrument's skew override
 *   spread ID +N        widen (+) or narrow (-) its half spread by N bp
 *   pause ID            pause its quote, or resume a paused one
 *   clear ID            back to the model
 *   set ID K=V ...      an exact override: skew, replace (0|1), half, bid, ask,
 *                       size_bid, size_ask, paused (0|1), ttl (seconds, 0: none)
 *   undo                undo the last change
 *   kill | unkill       the kill switch: pause every quote, or lift it
 *   clear-all           every override back to the model
 *   hedge UND [LOTS]    send a hedge order for underlying UND: LOTS (signed,
 *                       whole lots of its hedge instrument; > 0 buys), or
 *                       without LOTS the suggestion in force
 *   ack RULE [SECONDS]  acknowledge alert rule RULE: silence it until it
 *                       resolves, or for SECONDS (> 0)
 * ID is the instrument's id, SYM or SYM@VENUE. Pure parsing, no state. */
#ifndef INVTOP_COMMAND_H
#define INVTOP_COMMAND_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/event.h"
#include "invtop/override.h"

#define CMD_TEXT_MAX 512

typedef enum {
    CMD_SKEW = 0,
    CMD_SPREAD,
    CMD_PAUSE,
    CMD_CLEAR,
    CMD_SET,
    CMD_UNDO,
    CMD_KILL,
    CMD_UNKILL,
    CMD_CLEAR_ALL,
    CMD_HEDGE,
    CMD_ACK,
    CMD_COUNT
} cmd_kind;

typedef struct {
    cmd_kind kind;
    char id[EVENT_ID_MAX]; /* "" for undo, kill, unkill, clear-all; hedge: the underlying;
                              ack: the alert rule's name (1-47 symbol characters) */
    double value;          /* skew, spread: the bp to add; hedge: lots (NAN: the suggestion);
                              ack: seconds silenced (NAN: until the alert resolves) */
    ovr set;               /* set: the override; expires holds the TTL in seconds (NAN: none) */
} command;

/* The grammar's word for a kind ("skew", "clear-all", ...). */
const char *cmd_name(cmd_kind k);

/* True when the kind names an instrument (hedge names an underlying, ack a
 * rule: false). */
bool cmd_has_id(cmd_kind k);

/* Parse one command line. Returns 0 and fills *out, or -1 with a one-line
 * reason in err (out unspecified). */
int cmd_parse(const char *text, command *out, char *err, size_t errlen);

/* Write c in the grammar (the inverse of cmd_parse). Returns the length, or
 * -1 when cap is too small. */
int cmd_format(const command *c, char *out, size_t cap);

#endif
