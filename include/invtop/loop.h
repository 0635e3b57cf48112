/* loop.h - invtop's single-threaded event loop.
 *
 * Live: zmq_poll over the SUB socket and a signal pipe; each turn drains the
 * socket up to a budget (count and time), then emits what is due. Replay:
 * messages come from a recording and their recorded receive times are the
 * event clock, so `--speed max` output depends only on the file. */
#ifndef INVTOP_LOOP_H
#define INVTOP_LOOP_H

#include "invtop/cli.h"

/* Messages drained per turn before due work (snapshots, drawing) runs. */
#define LOOP_DRAIN_MAX 4096
#define LOOP_DRAIN_SECONDS 0.005

/* Run until --count snapshots were printed, the replay ended, or a byte
 * arrives on signal_fd (the main module's self-pipe; -1 for none). Returns
 * the process exit status: 0 ok, 1 runtime failure (reason on stderr). */
int loop_run(const invtop_opts *o, int signal_fd);

#endif
