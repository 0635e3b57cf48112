/* feedstat.h - what the feed did: accepted, ignored and rejected messages by
 * reason, the last few rejects, and sequence gaps per publisher.
 *
 * A feedstat is a plain struct owned by the caller (no allocation). */
#ifndef INVTOP_FEEDSTAT_H
#define INVTOP_FEEDSTAT_H

#include <stddef.h>
#include <stdint.h>

#include "invtop/event.h"
#include "invtop/wire.h"

#define FEEDSTAT_LAST_REJECTS 8
#define FEEDSTAT_EXCERPT 64
#define FEEDSTAT_MAX_SRC 64
/* A seq this far below the last one from its src means the publisher restarted. */
#define FEEDSTAT_RESTART_WINDOW 1000

typedef struct {
    wire_status reason;
    double time; /* event time */
    char excerpt[FEEDSTAT_EXCERPT]; /* printable start of the message */
} feedstat_reject;

typedef struct {
    char name[EVENT_SYM_MAX];
    int64_t last_seq;
} feedstat_src;

typedef struct {
    uint64_t accepted;
    uint64_t ignored;
    uint64_t rejected_total;
    uint64_t rejected[WIRE_STATUS_COUNT];
    uint64_t gaps;           /* messages missing according to seq */
    uint64_t restarts;       /* publishers seen restarting their seq */
    uint64_t untracked_seq;  /* seq from a src beyond FEEDSTAT_MAX_SRC */
    double last_msg_time;    /* event time of the last message, NAN before any */
    feedstat_reject last[FEEDSTAT_LAST_REJECTS]; /* ring, newest at last_head-1 */
    unsigned last_head, last_count;
    feedstat_src src[FEEDSTAT_MAX_SRC];
    size_t nsrc;
} feedstat;

/* Zero the counters. */
void feedstat_init(feedstat *fs);

/* Track ev's seq for its src. Returns WIRE_OK (in order, or a gap that is
 * counted, or a restart), WIRE_ERR_SEQ_DUP or WIRE_ERR_SEQ_OLD; on those two
 * the tracking is unchanged and the caller rejects the message. Events
 * without seq return WIRE_OK and change nothing. */
wire_status feedstat_check_seq(feedstat *fs, const event *ev);

/* Count a rejected message (reason is an error status) at event time `now`,
 * keeping a printable excerpt of its first bytes (msg may be NULL). */
void feedstat_reject_msg(feedstat *fs, wire_status reason, double now, const char *msg,
                         size_t len);

/* The i-th most recent reject (0 = newest), or NULL when i >= last_count. */
const feedstat_reject *feedstat_recent(const feedstat *fs, unsigned i);

#endif
