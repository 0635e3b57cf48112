/* viewer.h - invtop --attach (prefix viewer_): the dashboard, headless
 * lines or one command (--exec) on a remote engine's state, through the
 * state protocol (attach.h). */
#ifndef INVTOP_VIEWER_H
#define INVTOP_VIEWER_H

#include "tui/cli.h"

/* Run until a signal on signal_fd, q, --count lines, or --exec's answer.
 * Returns the exit status: 0, 1 (runtime failure; --exec: refused or no
 * answer), 2 (bad keys). */
int viewer_run(const invtop_opts *o, int signal_fd);

#endif
