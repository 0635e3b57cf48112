/* notify.h - the runner of `--notify-cmd CMD` (prefix notify_): each alert
 * starts CMD once with the alert's JSON on its standard input, and nothing
 * here ever waits on the child, so the event loop keeps its frame rate
 * whatever the command does.
 *
 * The command: CMD is split into words on blanks (spaces and tabs), at most
 * NOTIFY_MAX_ARGS of them; the first is the program, looked up in PATH when
 * it has no '/', the others its arguments. There is no shell: no quoting
 * (a quote is an ordinary character, so an argument cannot hold a blank),
 * no expansion of variables, globs or '~', no redirection or pipes. A
 * command that needs any of these is a script named by CMD.
 *
 * The child: its standard input is a pipe holding the JSON, then end of
 * file; its standard output and standard error are /dev/null (a
 * notification's chatter must not land on the dashboard's terminal; a
 * command that has something to say writes it to a file or a log). It
 * inherits invtop's environment and working directory, starts with no
 * signal blocked and SIGPIPE, SIGINT, SIGTERM, SIGHUP and SIGQUIT at their
 * defaults, and leads its own process group: a timeout kills the group
 * (the command's own children too, unless they moved to another group),
 * and a Ctrl-C on the terminal reaches invtop, not the command.
 *
 * Never blocking: the JSON goes through a non-blocking pipe; what the pipe
 * does not take at once (more than its capacity, 64 KiB on Linux; alerts
 * are far smaller) is kept and written by notify_poll, and the pipe is
 * closed once everything is written. A child that exits or closes its
 * input without reading is not an error in itself (its exit status
 * decides); the write's SIGPIPE is kept from the process (blocked around
 * the write and consumed), so the runner does not depend on SIGPIPE being
 * ignored (invtop's main ignores it anyway).
 *
 * Reaping: notify_poll reaps with waitpid(pid, WNOHANG) on each child's
 * own pid; it needs SIGCHLD not ignored (an ignored SIGCHLD lets the
 * kernel reap the children and their exit statuses are lost: counted as
 * failures, "lost"). Times are monotonic seconds the caller passes in; the
 * runner reads no clock.
 *
 * Not thread-safe: one runner belongs to the event loop's thread. */
#ifndef INVTOP_NOTIFY_H
#define INVTOP_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define NOTIFY_MAX_ARGS 16 /* words of CMD: the program and 15 arguments */
#define NOTIFY_ERR 128
/* How soon notify_poll asks to be called again while it has work that no
 * timeout announces: a write the pipe did not take, a killed child not yet
 * reaped. */
#define NOTIFY_RETRY_S 0.01

typedef struct {
    pid_t pid;       /* 0: a free slot */
    int fd;          /* write end of the child's stdin, -1 once closed */
    double deadline; /* monotonic time it is killed at */
    bool killed;     /* timed out and sent SIGKILL, not yet reaped */
    char *rest;      /* JSON the pipe has not taken yet (malloc'd), or NULL */
    size_t rest_len, rest_off;
} notify_child;

typedef struct {
    bool enabled;   /* false: no command, notify_send does nothing */
    char *words;    /* CMD with a NUL after each word; argv points into it */
    char *argv[NOTIFY_MAX_ARGS + 1];
    double timeout_s;
    size_t max_running;
    notify_child *child; /* max_running slots */
    /* counters since notify_init */
    unsigned long sent;     /* children started */
    unsigned long ok;       /* children that exited 0 */
    unsigned long failures; /* spawn failed, exit status not 0, killed by a
                             * signal that was not the runner's timeout, lost */
    unsigned long timeouts; /* children killed at their timeout (not failures) */
    unsigned long dropped;  /* notifications not sent: max_running were running */
    size_t running;         /* children started and not yet reaped */
    /* the last thing that went wrong, for the screen: "exit 3", "signal 9",
     * "timeout", "spawn /x/y: No such file or directory", "dropped: 4
     * running", ...; "" while nothing has */
    char last_error[NOTIFY_ERR];
} notify_runner;

/* Set up r for cmd (see the top of this file), killing a child that runs
 * longer than timeout_s seconds, with at most max_running children at once.
 * cmd NULL: a disabled runner (returns 0). Returns 0, or -1 with the reason
 * in r->last_error: a blank cmd, more than NOTIFY_MAX_ARGS words, a timeout
 * that is not a positive number, max_running 0, no memory. notify_free is
 * safe on r either way. */
int notify_init(notify_runner *r, const char *cmd, double timeout_s, size_t max_running);

/* Start the command with json (len bytes, copied when the pipe does not
 * take it all at once) on its stdin, at monotonic time now_mono; returns
 * without waiting for the child. Returns 0 (also when r is disabled:
 * nothing is done), or -1 with the reason in r->last_error: max_running
 * children already running (counted in dropped: a notification is never
 * queued), or the spawn failed (counted in failures; a missing program is
 * such a failure where the C library reports it at spawn, as glibc does,
 * else the child's exit status 127). */
int notify_send(notify_runner *r, const char *json, size_t len, double now_mono);

/* At monotonic time now_mono: go on writing what the pipes did not take,
 * reap the children that ended (ok, or failures with "exit N" / "signal N"
 * in last_error), and kill (SIGKILL to its process group) each child whose
 * timeout has passed, counting it in timeouts with "timeout". Returns the
 * seconds until notify_poll has something due: the next child's timeout,
 * NOTIFY_RETRY_S while a write or a killed child's reaping waits, INFINITY
 * with nothing running. A child that exits on its own is reaped at the next
 * call, so the loop calls this at every turn and uses the result only to
 * bound its wait. */
double notify_poll(notify_runner *r, double now_mono);

/* Kill (SIGKILL to their groups) and reap the children still running,
 * waiting for them (the only place the runner waits), and free r. The
 * counters stay readable; r is then a disabled runner. */
void notify_free(notify_runner *r);

#endif
