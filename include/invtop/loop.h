/* loop.h - invtop's event loop: one thread for the state (the feed's reader thread
 * and the Monte Carlo worker only hand it finished work).
 *
 * Live: zmq_poll over the feed reader's wake descriptor (subread.h), the
 * viewers' channel, the keyboard and a signal pipe; each turn takes the
 * received messages up to a budget (count and time), then emits what is
 * due, and does not sleep while messages wait. Replay:
 * messages come from a recording and their recorded receive times are the
 * event clock, so `--speed max` output depends only on the file. */
#ifndef INVTOP_LOOP_H
#define INVTOP_LOOP_H

#include <stdbool.h>

#include "invtop/engcfg.h"
#include "invtop/frontend.h"

/* Messages drained per turn before due work (snapshots, drawing) runs. */
#define LOOP_DRAIN_MAX 4096
#define LOOP_DRAIN_SECONDS 0.005

/* The view the loop shows the engine in, started once the engine is set up
 * (so set-up errors reach a plain terminal) and stopped before it is torn
 * down. start returns the front end, or NULL after a reason on stderr.
 * deterministic: the view's output must depend on the recording alone in a
 * max-speed replay (headless lines), so the engine then runs its Monte
 * Carlo in place and numbers versions from 0. */
typedef struct {
    frontend *(*start)(void *ctx);
    void (*stop)(void *ctx);
    void *ctx;
    bool deterministic;
} loop_view;

/* Run the engine configured by c (the caller's, read only) on its source,
 * shown by view, until --count
 * snapshots were printed, the replay ended, the view is done, or a byte
 * arrives on signal_fd (the main module's self-pipe; -1 for none). The
 * loop gives the front end its source and its command sink (the engine in
 * this process). Returns the process exit status: 0 ok, 1 runtime failure
 * (reason on stderr). */
int loop_run(const engcfg *c, const loop_view *view, int signal_fd);

#endif
