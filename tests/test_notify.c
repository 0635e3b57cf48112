/* test_notify.c - the runner of --notify-cmd: the command receives the JSON
 * exactly, with its words as argv, and starts with its output to /dev/null,
 * SIGPIPE at its default, in a process group of its own; a JSON larger than a pipe holds does not
 * block notify_send; a command that hangs is killed (its process group too)
 * at the timeout the test's clock says; an exit status 3 is a failure, and
 * so is a missing program; beyond max_running a notification is dropped.
 *
 * The runner's time is what each test passes in; the monotonic clock read
 * here only bounds how long a test waits for a child (and measures that
 * notify_send did not wait). SIGPIPE is left at its default on purpose: a
 * child that closes its input must not kill the test, the runner sees to
 * it. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "invtop/notify.h"
#include "testutil.h"

#define WAIT_S 10.0 /* how long a test waits for a child before failing */
#define NOT_BLOCKED_S 0.5

static const char ALERT[] =
    "{\"rule\":\"var_util_high\",\"state\":\"firing\",\"severity\":\"critical\",\"value\":0.8512,"
    "\"threshold\":0.8,\"scope\":\"BTC\",\"since\":1700000000.25,\"time\":1700000012.5}\n";

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void nap(void)
{
    struct timespec ts = {0, 5 * 1000 * 1000};
    nanosleep(&ts, NULL);
}

typedef struct {
    char dir[64];
    char path[8][160]; /* files to remove */
    size_t n;
} tmpdir;

static void tmp_open(tmpdir *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->dir, sizeof t->dir, "/tmp/invtop-notify-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
}

/* DIR/name, remembered for tmp_close */
static const char *tmp_file(tmpdir *t, const char *name)
{
    assert_true(t->n < sizeof t->path / sizeof *t->path);
    char path[sizeof t->path[0]]; /* not straight into t: t->dir is read */
    snprintf(path, sizeof path, "%s/%s", t->dir, name);
    memcpy(t->path[t->n], path, sizeof path);
    return t->path[t->n++];
}

static void tmp_close(tmpdir *t)
{
    for (size_t i = 0; i < t->n; i++)
        unlink(t->path[i]);
    rmdir(t->dir);
}

/* An executable #!/bin/sh script DIR/name; each %s of body is DIR, %% a %. */
static const char *script(tmpdir *t, const char *name, const char *body)
{
    const char *path = tmp_file(t, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("#!/bin/sh\n", fp);
    for (const char *p = body; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            fputs(t->dir, fp);
            p++;
        } else if (p[0] == '%' && p[1] == '%') {
            fputc('%', fp);
            p++;
        } else {
            fputc(*p, fp);
        }
    }
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(chmod(path, 0755), 0);
    return path;
}

/* The whole file (NUL-terminated, *len bytes), or NULL when it is missing. */
static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    size_t cap = 1024, n = 0;
    char *b = malloc(cap + 1);
    assert_non_null(b);
    size_t got;
    while ((got = fread(b + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            b = realloc(b, cap + 1);
            assert_non_null(b);
        }
    }
    fclose(fp);
    b[n] = '\0';
    *len = n;
    return b;
}

/* Poll r at runner time t until nothing runs; false after WAIT_S. */
static bool settle(notify_runner *r, double t)
{
    double until = mono() + WAIT_S;
    while (r->running > 0 && mono() < until) {
        notify_poll(r, t);
        if (r->running > 0)
            nap();
    }
    return r->running == 0;
}

/* Wait for path to exist (without polling the runner); false after WAIT_S. */
static bool wait_file(const char *path)
{
    double until = mono() + WAIT_S;
    while (access(path, F_OK) != 0) {
        if (mono() >= until)
            return false;
        nap();
    }
    return true;
}

/* A process that still runs: not gone and not a zombie (a grandchild whose
 * parent was killed is reaped by init, or left a zombie where nothing
 * reaps). */
static bool alive(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    size_t n;
    char *s = slurp(path, &n);
    if (!s)
        return false;
    const char *paren = strrchr(s, ')');
    bool running = paren && paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
    free(s);
    return running;
}

/* send, asserting that it returned 0 without waiting for the child */
static void send_quickly(notify_runner *r, const char *json, size_t len, double t)
{
    double t0 = mono();
    assert_int_equal(notify_send(r, json, len, t), 0);
    double took = mono() - t0;
    if (took >= NOT_BLOCKED_S)
        fail_msg("notify_send took %.3f s", took);
}

/* Each test's runner and scratch directory, freed by the teardown even
 * when an assertion ends the test early: no child outlives a failed test. */
typedef struct {
    notify_runner r;
    tmpdir t;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx)
        return -1;
    *state = fx; /* a zeroed runner is a disabled one, safe to free */
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    notify_free(&fx->r);
    if (fx->t.dir[0])
        tmp_close(&fx->t);
    free(fx);
    return 0;
}

static void receives_the_json_and_its_words(void **state)
{
    fixture *fx = *state;
    tmpdir *t = &fx->t;
    tmp_open(t);
    const char *got = tmp_file(t, "got"), *args = tmp_file(t, "args");
    const char *save = script(t, "save.sh", "printf '%%s\\n' \"$@\" > %s/args\ncat > %s/got\n");
    char cmd[256];
    /* blanks are spaces and tabs, runs of them one separator; a quote is
     * an ordinary character */
    snprintf(cmd, sizeof cmd, " \t%s  one\ttwo \"x y\"  ", save);
    notify_runner *r = &fx->r;
    assert_int_equal(notify_init(r, cmd, 5, 4), 0);
    assert_true(r->enabled);
    assert_true(isinf(notify_poll(r, 1000))); /* nothing running */
    send_quickly(r, ALERT, strlen(ALERT), 1000);
    assert_int_equal(r->sent, 1);
    assert_int_equal(r->running, 1);
    assert_near(notify_poll(r, 1001), 4, 1e-9); /* its timeout, if it has not ended */
    assert_true(settle(r, 1001));
    assert_int_equal(r->ok, 1);
    assert_int_equal(r->failures, 0);
    assert_int_equal(r->timeouts, 0);
    assert_int_equal(r->dropped, 0);
    assert_string_equal(r->last_error, "");
    assert_true(isinf(notify_poll(r, 1001)));
    size_t n;
    char *body = slurp(got, &n);
    assert_non_null(body);
    assert_int_equal(n, strlen(ALERT));
    assert_memory_equal(body, ALERT, n);
    free(body);
    char *words = slurp(args, &n);
    assert_non_null(words);
    assert_string_equal(words, "one\ntwo\n\"x\ny\"\n");
    free(words);
    notify_free(r);
}

/* "SigIgn:\t0000000000001000\n..." -> the mask after name */
static unsigned long long sig_mask(const char *status, const char *name)
{
    const char *p = strstr(status, name);
    assert_non_null(p);
    return strtoull(p + strlen(name), NULL, 16);
}

/* The child starts clean whatever invtop's own state: output to /dev/null,
 * SIGPIPE and the terminal's signals at their defaults even when invtop
 * ignores them, no signal blocked, and a process group of its own. */
static void the_child_starts_clean(void **state)
{
    fixture *fx = *state;
    tmpdir *t = &fx->t;
    tmp_open(t);
    const char *fds = tmp_file(t, "fds"), *sigs = tmp_file(t, "sigs"), *ids = tmp_file(t, "ids");
    const char *env = script(t, "env.sh",
                             "out=$(readlink /proc/$$/fd/1) err=$(readlink /proc/$$/fd/2)\n"
                             "echo \"$out $err\" > %s/fds\n"
                             /* read by the shell itself: a child of it could see the
                              * mask the shell holds while it forks */
                             "while read -r k v; do echo \"$k $v\"; done < /proc/$$/status > %s/sigs\n"
                             "echo $$ $(cut -d' ' -f5 /proc/$$/stat) > %s/ids\n"
                             "cat > /dev/null\n");
    notify_runner *r = &fx->r;
    assert_int_equal(notify_init(r, env, 5, 1), 0);
    /* as invtop's main: SIGPIPE ignored; and a blocked signal and an
     * ignored SIGINT (a shell's background job) */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old_pipe, old_int;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_pipe);
    sigaction(SIGINT, &ign, &old_int);
    sigset_t usr1, old_mask;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, &old_mask);
    send_quickly(r, ALERT, strlen(ALERT), 0);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGPIPE, &old_pipe, NULL);
    assert_true(settle(r, 0));
    assert_int_equal(r->ok, 1);
    size_t n;
    char *s = slurp(fds, &n);
    assert_non_null(s);
    assert_string_equal(s, "/dev/null /dev/null\n");
    free(s);
    s = slurp(sigs, &n);
    assert_non_null(s);
    unsigned long long ignored = sig_mask(s, "SigIgn:"), blocked = sig_mask(s, "SigBlk:");
    free(s);
    static const int dfl[] = {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT};
    for (size_t i = 0; i < sizeof dfl / sizeof *dfl; i++)
        if (ignored & (1ULL << (dfl[i] - 1)))
            fail_msg("signal %d is ignored in the child (SigIgn %llx)", dfl[i], ignored);
    assert_int_equal(blocked, 0);
    s = slurp(ids, &n);
    assert_non_null(s);
    int pid = 0, pgrp = 0;
    assert_int_equal(sscanf(s, "%d %d", &pid, &pgrp), 2);
    free(s);
    assert_true(pid > 0);
    assert_int_equal(pgrp, pid);
    assert_int_not_equal(pgrp, (int)getpgrp());
    notify_free(r);
}

static char *big_json(size_t len)
{
    char *j = malloc(len);
    assert_non_null(j);
    memset(j, 'a', len);
    memcpy(j, "{\"pad\":\"", 8);
    memcpy(j + len - 3, "\"}\n", 3);
    for (size_t i = 8; i < len - 3; i += 97)
        j[i] = (char)('0' + i % 10); /* a shifted or repeated piece shows */
    return j;
}

/* More than a pipe holds, to a child that sleeps before it reads: a
 * blocking write would wait for it; notify_send returns at once and
 * notify_poll writes the rest as the child reads. */
static void a_large_json_does_not_block(void **state)
{
    fixture *fx = *state;
    tmpdir *t = &fx->t;
    tmp_open(t);
    const char *got = tmp_file(t, "got");
    const char *slow = script(t, "slow.sh", "sleep 1\ncat > %s/got\n");
    notify_runner *r = &fx->r;
    assert_int_equal(notify_init(r, slow, 30, 4), 0);
    size_t len = 256 * 1024;
    char *json = big_json(len);
    send_quickly(r, json, len, 50);
    assert_int_equal(r->running, 1);
    /* a rest is waiting: poll again soon, not at the timeout */
    assert_near(notify_poll(r, 50.5), NOTIFY_RETRY_S, 1e-12);
    assert_true(settle(r, 50.5));
    assert_int_equal(r->ok, 1);
    assert_int_equal(r->failures + r->timeouts, 0);
    size_t n;
    char *body = slurp(got, &n);
    assert_non_null(body);
    assert_int_equal(n, len);
    assert_memory_equal(body, json, len);
    free(body);
    free(json);
    notify_free(r);
}

/* A command that reads its JSON, then hangs in a child of its own: killed
 * at its timeout with that child, counted as a timeout, not a failure. */
static void a_hanging_command_is_killed_at_its_timeout(void **state)
{
    fixture *fx = *state;
    tmpdir *t = &fx->t;
    tmp_open(t);
    const char *got = tmp_file(t, "got"), *pidfile = tmp_file(t, "sleep.pid");
    tmp_file(t, "sleep.pid.tmp");
    const char *hang = script(t, "hang.sh",
                              "cat > %s/got\nsleep 30 &\necho $! > %s/sleep.pid.tmp\n"
                              "mv %s/sleep.pid.tmp %s/sleep.pid\nwait\n");
    notify_runner *r = &fx->r;
    assert_int_equal(notify_init(r, hang, 2, 4), 0);
    send_quickly(r, ALERT, strlen(ALERT), 100);
    assert_int_equal(r->running, 1);
    assert_near(notify_poll(r, 100.5), 1.5, 1e-9);
    /* it has read everything and hangs */
    assert_true(wait_file(pidfile));
    size_t n;
    char *s = slurp(pidfile, &n);
    assert_non_null(s);
    pid_t sleeper = (pid_t)atoi(s);
    free(s);
    assert_true(sleeper > 0);
    assert_true(alive(sleeper));
    /* not before its time */
    assert_near(notify_poll(r, 101.99), 0.01, 1e-9);
    assert_int_equal(r->running, 1);
    assert_int_equal(r->timeouts, 0);
    /* at its time: killed, reaped by the next polls */
    assert_near(notify_poll(r, 102), NOTIFY_RETRY_S, 1e-12);
    assert_int_equal(r->timeouts, 1);
    assert_string_equal(r->last_error, "timeout");
    assert_true(settle(r, 102.01));
    assert_int_equal(r->failures, 0);
    assert_int_equal(r->ok, 0);
    assert_int_equal(r->timeouts, 1);
    assert_true(isinf(notify_poll(r, 103)));
    /* its own child went with it */
    double until = mono() + WAIT_S;
    while (alive(sleeper) && mono() < until)
        nap();
    if (alive(sleeper)) {
        kill(sleeper, SIGKILL);
        fail_msg("the command's child %d outlived its timeout", (int)sleeper);
    }
    char *body = slurp(got, &n);
    assert_non_null(body);
    assert_int_equal(n, strlen(ALERT));
    assert_memory_equal(body, ALERT, n);
    free(body);
    notify_free(r);
}

/* A command that closes its input unread and exits 3: the runner's next
 * write meets a pipe without a reader (SIGPIPE, at its default here), and
 * the exit status is the failure. */
static void exit_3_is_a_failure(void **state)
{
    fixture *fx = *state;
    tmpdir *t = &fx->t;
    tmp_open(t);
    const char *closed = tmp_file(t, "closed");
    const char *fail = script(t, "fail.sh", "exec 0<&-\n: > %s/closed\nexit 3\n");
    notify_runner *r = &fx->r;
    assert_int_equal(notify_init(r, fail, 5, 4), 0);
    size_t len = 128 * 1024; /* more than the pipe takes at once */
    char *json = big_json(len);
    send_quickly(r, json, len, 10);
    assert_true(wait_file(closed));
    assert_true(settle(r, 10)); /* its first write has no reader */
    assert_int_equal(r->sent, 1);
    assert_int_equal(r->failures, 1);
    assert_int_equal(r->ok + r->timeouts, 0);
    assert_string_equal(r->last_error, "exit 3");
    /* the next one is counted too */
    send_quickly(r, ALERT, strlen(ALERT), 11);
    assert_true(settle(r, 11));
    assert_int_equal(r->sent, 2);
    assert_int_equal(r->failures, 2);
    free(json);
    notify_free(r);
}

/* A program that is not there: a failure with a reason, whether the C
 * library says so at spawn (glibc) or the child exits 127. */
static void a_missing_command_is_a_failure(void **state)
{
    fixture *fx = *state;
    static const char *const cmds[] = {"/nonexistent/invtop-notify arg", "invtop-no-such-notify-command"};
    for (size_t k = 0; k < 2; k++) {
        notify_runner *r = &fx->r;
        assert_int_equal(notify_init(r, cmds[k], 5, 4), 0);
        if (notify_send(r, ALERT, strlen(ALERT), 0) == 0)
            assert_true(settle(r, 0));
        else
            assert_int_equal(r->sent, 0);
        assert_int_equal(r->running, 0);
        assert_int_equal(r->failures, 1);
        assert_int_equal(r->ok + r->timeouts + r->dropped, 0);
        if (!strstr(r->last_error, "No such file") && strcmp(r->last_error, "exit 127") != 0)
            fail_msg("%s: last_error \"%s\"", cmds[k], r->last_error);
        notify_free(r);
    }
}

/* max_running children at once; one more is dropped, not queued; a slot
 * frees when its child is reaped; notify_free kills what still runs
 * without waiting for it to end. */
static void beyond_max_running_is_dropped(void **state)
{
    fixture *fx = *state;
    tmpdir *t = &fx->t;
    tmp_open(t);
    const char *hang = script(t, "hang.sh", "cat > /dev/null\nexec sleep 30\n");
    notify_runner *r = &fx->r;
    assert_int_equal(notify_init(r, hang, 3, 2), 0);
    send_quickly(r, ALERT, strlen(ALERT), 0);
    send_quickly(r, ALERT, strlen(ALERT), 1);
    assert_int_equal(notify_send(r, ALERT, strlen(ALERT), 2), -1);
    assert_int_equal(r->sent, 2);
    assert_int_equal(r->running, 2);
    assert_int_equal(r->dropped, 1);
    assert_int_equal(r->failures, 0);
    assert_string_equal(r->last_error, "dropped: 2 running");
    /* the first times out (sent at 0), the second not yet (sent at 1) */
    notify_poll(r, 3);
    assert_true(r->running >= 1);
    double until = mono() + WAIT_S;
    while (r->running > 1 && mono() < until) {
        notify_poll(r, 3);
        nap();
    }
    assert_int_equal(r->running, 1);
    assert_near(notify_poll(r, 3), 1, 1e-9); /* the second's timeout */
    assert_int_equal(r->timeouts, 1);
    send_quickly(r, ALERT, strlen(ALERT), 3); /* a slot again */
    assert_int_equal(r->sent, 3);
    assert_int_equal(r->running, 2);
    assert_int_equal(r->dropped, 1);
    double t0 = mono();
    notify_free(r);
    assert_true(mono() - t0 < 5);
    assert_int_equal(r->running, 0);
    assert_false(r->enabled);
    assert_int_equal(notify_send(r, ALERT, strlen(ALERT), 4), 0); /* disabled now */
    assert_int_equal(r->sent, 3);
}

static void init_checks_its_arguments(void **state)
{
    fixture *fx = *state;
    notify_runner *r = &fx->r;
    assert_int_equal(notify_init(r, NULL, 5, 4), 0); /* disabled */
    assert_false(r->enabled);
    assert_int_equal(notify_send(r, ALERT, strlen(ALERT), 0), 0);
    assert_true(isinf(notify_poll(r, 0)));
    assert_int_equal(r->sent + r->failures + r->dropped, 0);
    notify_free(r);

    assert_int_equal(notify_init(r, " \t ", 5, 4), -1);
    assert_string_equal(r->last_error, "notify command is blank");
    notify_free(r);
    char cmd[128] = "/bin/true";
    for (int i = 1; i < NOTIFY_MAX_ARGS; i++)
        strcat(cmd, " a");
    assert_int_equal(notify_init(r, cmd, 5, 4), 0); /* 16 words */
    assert_string_equal(r->argv[0], "/bin/true");
    assert_string_equal(r->argv[NOTIFY_MAX_ARGS - 1], "a");
    assert_null(r->argv[NOTIFY_MAX_ARGS]);
    notify_free(r);
    strcat(cmd, " a");
    assert_int_equal(notify_init(r, cmd, 5, 4), -1); /* 17 */
    assert_non_null(strstr(r->last_error, "more than 16 words"));
    notify_free(r);
    assert_int_equal(notify_init(r, "/bin/true", 0, 4), -1);
    notify_free(r);
    assert_int_equal(notify_init(r, "/bin/true", NAN, 4), -1);
    notify_free(r);
    assert_int_equal(notify_init(r, "/bin/true", 5, 0), -1);
    notify_free(r);
}

int main(void)
{
    /* at its default: the runner must keep a child's closed input from
     * killing the process, whatever the test was started with */
    signal(SIGPIPE, SIG_DFL);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(receives_the_json_and_its_words, setup, teardown),
        cmocka_unit_test_setup_teardown(the_child_starts_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(a_large_json_does_not_block, setup, teardown),
        cmocka_unit_test_setup_teardown(a_hanging_command_is_killed_at_its_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(exit_3_is_a_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(a_missing_command_is_a_failure, setup, teardown),
        cmocka_unit_test_setup_teardown(beyond_max_running_is_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(init_checks_its_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
