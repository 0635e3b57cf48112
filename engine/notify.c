/* notify.c - the runner of `--notify-cmd CMD` (see notify.h). */
#include "invtop/notify.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void set_error(notify_runner *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_error(notify_runner *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->last_error, sizeof r->last_error, fmt, ap);
    va_end(ap);
}

int notify_init(notify_runner *r, const char *cmd, double timeout_s, size_t max_running)
{
    memset(r, 0, sizeof *r);
    if (!cmd)
        return 0;
    if (!(timeout_s > 0) || isinf(timeout_s)) {
        set_error(r, "notify timeout must be a positive number of seconds");
        return -1;
    }
    if (max_running == 0) {
        set_error(r, "notify needs at least one running command");
        return -1;
    }
    r->words = strdup(cmd);
    r->child = calloc(max_running, sizeof *r->child);
    if (!r->words || !r->child) {
        set_error(r, "notify: out of memory");
        notify_free(r);
        return -1;
    }
    size_t n = 0;
    for (char *p = r->words; *p;) {
        while (*p == ' ' || *p == '\t')
            *p++ = '\0';
        if (!*p)
            break;
        if (n == NOTIFY_MAX_ARGS) {
            set_error(r, "notify command has more than %d words", NOTIFY_MAX_ARGS);
            notify_free(r);
            return -1;
        }
        r->argv[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    if (n == 0) {
        set_error(r, "notify command is blank");
        notify_free(r);
        return -1;
    }
    r->argv[n] = NULL;
    for (size_t i = 0; i < max_running; i++)
        r->child[i].fd = -1;
    r->timeout_s = timeout_s;
    r->max_running = max_running;
    r->enabled = true;
    return 0;
}

static void close_input(notify_child *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    free(c->rest);
    c->rest = NULL;
    c->rest_len = c->rest_off = 0;
}

/* write() to a pipe whose reader is gone raises SIGPIPE, which would kill a
 * process that neither ignores nor handles it. Block it around the write;
 * a SIGPIPE this write raised is then pending on this thread and taken
 * back (one that was pending before is left alone, it is not ours). The
 * MSG_NOSIGNAL of pipes. */
static ssize_t write_nosigpipe(int fd, const char *buf, size_t len)
{
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    bool was_pending = sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE);
    ssize_t n;
    do
        n = write(fd, buf, len);
    while (n < 0 && errno == EINTR);
    int saved = errno;
    /* whatever write returned: a write that blocked could take part of the
     * buffer and raise SIGPIPE for the rest */
    if (!was_pending && sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE)) {
        struct timespec zero = {0, 0};
        while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR)
            ;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return n;
}

/* Write what the pipe takes of c's rest; close the pipe once all is
 * written, or when the child no longer reads (EPIPE) or the pipe fails. */
static void feed_child(notify_child *c)
{
    while (c->fd >= 0 && c->rest_off < c->rest_len) {
        ssize_t n = write_nosigpipe(c->fd, c->rest + c->rest_off, c->rest_len - c->rest_off);
        if (n > 0) {
            c->rest_off += (size_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return; /* the pipe is full: the rest waits for notify_poll */
        } else {
            break; /* EPIPE: the child closed its input; its exit status tells */
        }
    }
    close_input(c);
}

/* pipe() with both ends close-on-exec (another child must not hold this
 * child's write end, or this child never sees end of file) and above the
 * standard descriptors (a dup2 onto the same number would keep the
 * close-on-exec flag). */
static int make_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        if (fds[i] <= STDERR_FILENO) {
            int moved = fcntl(fds[i], F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
            if (moved < 0)
                goto fail;
            close(fds[i]);
            fds[i] = moved;
        } else if (fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0) {
            goto fail;
        }
    }
    int fl = fcntl(fds[1], F_GETFL);
    if (fl < 0 || fcntl(fds[1], F_SETFL, fl | O_NONBLOCK) != 0)
        goto fail;
    return 0;
fail:;
    int saved = errno;
    close(fds[0]);
    close(fds[1]);
    errno = saved;
    return -1;
}

/* posix_spawnp the command with stdin from in_fd; 0 with *pid, or an
 * error number. */
static int spawn(const notify_runner *r, int in_fd, pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    int err = posix_spawn_file_actions_init(&fa);
    if (err)
        return err;
    err = posix_spawnattr_init(&at);
    if (err) {
        posix_spawn_file_actions_destroy(&fa);
        return err;
    }
    sigset_t none, dfl;
    sigemptyset(&none);
    sigemptyset(&dfl);
    static const int to_default[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof to_default / sizeof *to_default; i++)
        sigaddset(&dfl, to_default[i]);
    err = posix_spawn_file_actions_adddup2(&fa, in_fd, STDIN_FILENO);
    if (!err)
        err = posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    if (!err)
        err = posix_spawn_file_actions_adddup2(&fa, STDOUT_FILENO, STDERR_FILENO);
    if (!err)
        err = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                                POSIX_SPAWN_SETSIGDEF);
    if (!err)
        err = posix_spawnattr_setpgroup(&at, 0); /* its own group, led by itself */
    if (!err)
        err = posix_spawnattr_setsigmask(&at, &none);
    if (!err)
        err = posix_spawnattr_setsigdefault(&at, &dfl);
    if (!err)
        err = posix_spawnp(pid, r->argv[0], &fa, &at, r->argv, environ);
    posix_spawnattr_destroy(&at);
    posix_spawn_file_actions_destroy(&fa);
    return err;
}

int notify_send(notify_runner *r, const char *json, size_t len, double now_mono)
{
    if (!r->enabled)
        return 0;
    if (r->running >= r->max_running) {
        r->dropped++;
        set_error(r, "dropped: %zu running", r->running);
        return -1;
    }
    notify_child *c = NULL;
    for (size_t i = 0; i < r->max_running && !c; i++)
        if (r->child[i].pid == 0)
            c = &r->child[i];
    int fds[2];
    if (make_pipe(fds) != 0) {
        r->failures++;
        set_error(r, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid;
    int err = spawn(r, fds[0], &pid);
    close(fds[0]);
    if (err) {
        close(fds[1]);
        r->failures++;
        set_error(r, "spawn %.60s: %s", r->argv[0], strerror(err));
        return -1;
    }
    *c = (notify_child){.pid = pid, .fd = fds[1], .deadline = now_mono + r->timeout_s};
    r->sent++;
    r->running++;
    /* the first write from the caller's buffer; only a rest is copied */
    ssize_t n = write_nosigpipe(c->fd, json, len);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        n = 0;
    if (n >= 0 && (size_t)n < len) {
        c->rest = malloc(len - (size_t)n);
        if (c->rest) {
            memcpy(c->rest, json + n, len - (size_t)n);
            c->rest_len = len - (size_t)n;
            return 0;
        }
        /* no memory for the rest: the child gets a cut JSON and says so
         * with its exit status, or is killed at its timeout */
    }
    close_input(c);
    return 0;
}

static void reap(notify_runner *r, notify_child *c, int status)
{
    if (c->killed) {
        /* counted when it was killed */
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        r->ok++;
    } else {
        r->failures++;
        if (WIFEXITED(status))
            set_error(r, "exit %d", WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
            set_error(r, "signal %d", WTERMSIG(status));
        else
            set_error(r, "status %d", status);
    }
    close_input(c);
    *c = (notify_child){.fd = -1};
    r->running--;
}

double notify_poll(notify_runner *r, double now_mono)
{
    double next = INFINITY;
    if (!r->enabled)
        return next;
    for (size_t i = 0; i < r->max_running; i++) {
        notify_child *c = &r->child[i];
        if (c->pid == 0)
            continue;
        feed_child(c);
        int status;
        pid_t w;
        do
            w = waitpid(c->pid, &status, WNOHANG);
        while (w < 0 && errno == EINTR);
        if (w == c->pid) {
            reap(r, c, status);
            continue;
        }
        if (w < 0) { /* ECHILD: reaped by someone else (SIGCHLD ignored?) */
            bool killed = c->killed;
            close_input(c);
            *c = (notify_child){.fd = -1};
            r->running--;
            if (!killed) {
                r->failures++;
                set_error(r, "lost: %s", strerror(errno));
            }
            continue;
        }
        if (!c->killed && now_mono >= c->deadline) {
            kill(-c->pid, SIGKILL);
            c->killed = true;
            close_input(c);
            r->timeouts++;
            set_error(r, "timeout");
        }
        double due = c->killed ? NOTIFY_RETRY_S : c->deadline - now_mono;
        if (c->fd >= 0 && due > NOTIFY_RETRY_S) /* a rest waits for the pipe */
            due = NOTIFY_RETRY_S;
        if (due < next)
            next = due;
    }
    return next;
}

void notify_free(notify_runner *r)
{
    if (r->child) {
        for (size_t i = 0; i < r->max_running; i++) {
            notify_child *c = &r->child[i];
            if (c->pid == 0)
                continue;
            close_input(c);
            kill(-c->pid, SIGKILL);
            while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
                ;
            *c = (notify_child){.fd = -1};
            r->running--;
        }
    }
    free(r->child);
    free(r->words);
    r->child = NULL;
    r->words = NULL;
    for (size_t i = 0; i <= NOTIFY_MAX_ARGS; i++)
        r->argv[i] = NULL;
    r->max_running = 0;
    r->enabled = false;
}
