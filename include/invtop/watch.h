/* watch.h - what the engine's event log says about the feed and the limits,
 * on event time (prefix watch_): prices going stale and fresh again,
 * rejected messages, seq gaps, position and VaR limits breached and back.
 *
 * Every event is stamped with the event time it happened, and is detected as
 * event time advances (messages, and the loop's clock with none), never
 * because a snapshot is built: the same messages give the same events at the
 * same times whatever the frame rate or snapshot period.
 *  - A price is stale once more than stale_s of event time has passed since
 *    its last update: the event is stamped last update + stale_s, logged as
 *    soon as event time passes that deadline; "fresh again" is stamped with
 *    the time of the price that came back.
 *  - The first rejected message (or seq gap) is logged at its time; more
 *    within WATCH_COUNT_WINDOW_S are counted and logged as one event at the
 *    window's end, so a flood cannot push everything else out of the log.
 *  - Breaches are logged at the event time the limit was found breached
 *    (the message that moved the position, or the risk sample).
 * Cost: O(1) per message and per advance, but for a scan of the instruments
 * when event time passes the earliest staleness deadline (which a busy
 * feed pushes out by about stale_s each time). No allocation after
 * watch_init; single-threaded. */
#ifndef INVTOP_WATCH_H
#define INVTOP_WATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/book.h"
#include "invtop/evlog.h"
#include "invtop/feedstat.h"
#include "invtop/limits.h"

/* Event time over which rejects (or gaps) after a logged one are counted into one event. */
#define WATCH_COUNT_WINDOW_S 1.0

/* A counter (rejects, gaps) and what the log has said of it. */
typedef struct {
    uint64_t logged;   /* the counter's value the log has accounted for */
    double window_end; /* event time the open window closes, NAN: none open */
} watch_count;

/* An instrument gone stale, found by a scan, and its deadline. */
typedef struct {
    double deadline;
    size_t i;
} watch_gone;

typedef struct {
    double now;            /* the event time reached, NAN before any */
    double stale_s;        /* > 0 */
    size_t cap;            /* instruments (the book's capacity) */
    bool *stale;           /* by instrument: the log said stale, not yet fresh again */
    double next_due;       /* no fresh price's deadline is earlier (may be earlier than the
                            * earliest: then a scan finds nothing and moves it) */
    watch_gone *gone;      /* cap: scratch for a scan */
    uint64_t scans;        /* times the instruments were scanned (what a busy feed costs) */
    watch_count rejects, gaps;
    double *breach_since;  /* by instrument: the breach start logged, NAN none */
    double var_breach_since;
} watch;

/* Set up for a book of cap instruments (cap > 0) and prices stale after
 * stale_s (> 0). Returns 0, or -1 without memory (watch_free anyway). */
int watch_init(watch *w, size_t cap, double stale_s);
void watch_free(watch *w);

/* Event time reaches t (a message is about to be applied at t, or the loop's
 * clock reads t): log, in time order, the counts whose window closed at or
 * before t and the prices whose deadline t passes. A t before the time
 * reached changes nothing. b is the book as it is before the message. */
void watch_advance(watch *w, const book *b, const feedstat *fs, evlog *log, double t);

/* A message was taken at event time t (after watch_advance(t)): its
 * rejects and gaps (fs), and, when inst >= 0, the instrument it touched:
 * a price that came back is logged fresh again at t. */
void watch_message(watch *w, const book *b, const feedstat *fs, evlog *log, long inst, double t);

/* Limits were recomputed at event time t: log breaches that began and
 * ended, of instrument inst alone (inst >= 0: rr_check_position), or of
 * every instrument and the portfolio VaR (inst < 0: a sample). */
void watch_limits(watch *w, const book *b, const limits *l, evlog *log, long inst, double t);

/* A reload's staleness (> 0): every price is judged again at the next
 * advance (one scan); those fresh under it are logged fresh again then. */
void watch_set_stale(watch *w, double stale_s);

/* Event time from now until the next deadline (a staleness deadline or a
 * window's end), >= 0; INFINITY when none. */
double watch_due_in(const watch *w, double now);

#endif
