/* main.c - invtop: parse the command line, install signal handling, run.
 *
 * The only module with process-wide state: the self-pipe that turns
 * SIGINT/SIGTERM/SIGHUP into a readable byte for the event loop. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <signal.h>
#include <stdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tui/cli.h"
#include "invtop/curve.h"
#include "invtop/journal.h"
#include "tui/keys.h"
#include "tui/opttab.h"
#include "tui/headview.h"
#include "invtop/loop.h"
#include "tui/screen.h"
#include "tui/viewer.h"

static int signal_pipe[2] = {-1, -1};

/* The view of a local engine: headless lines or the dashboard. */
typedef struct {
    const invtop_opts *o;
    headview head;
    screen scr;
    bool on_screen;
} view_ctx;

static frontend *start_view(void *ctx)
{
    view_ctx *v = ctx;
    if (v->o->headless) {
        headview_init(&v->head, v->o);
        return &v->head.fe;
    }
    if (screen_start(&v->scr, v->o, v->o->engine.max_instruments) != 0)
        return NULL;
    v->on_screen = true;
    return &v->scr.fe;
}

static void stop_view(void *ctx)
{
    view_ctx *v = ctx;
    if (v->on_screen)
        screen_stop(&v->scr);
    v->on_screen = false;
}

static void on_signal(int sig)
{
    int saved = errno;
    unsigned char b = (unsigned char)sig;
    if (write(signal_pipe[1], &b, 1) < 0) {
        /* pipe full: a byte is already waiting, which is all the loop needs */
    }
    errno = saved;
}

/* Whatever happens, the user gets their terminal back: at exit, and on a
 * fatal signal (endwin is not async-signal-safe, but the process is dying
 * anyway and a usable terminal is worth the risk; htop does the same). */
static void restore_terminal(void)
{
    if (stdscr && !isendwin())
        endwin();
}

static void on_fatal(int sig)
{
    restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static int install_signals(void)
{
    static const int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
        signal(fatal[i], on_fatal);
    if (atexit(restore_terminal) != 0)
        return -1;
    if (pipe(signal_pipe) != 0)
        return -1;
    for (int i = 0; i < 2; i++) {
        int fl = fcntl(signal_pipe[i], F_GETFL);
        if (fl < 0 || fcntl(signal_pipe[i], F_SETFL, fl | O_NONBLOCK) != 0 ||
            fcntl(signal_pipe[i], F_SETFD, FD_CLOEXEC) != 0)
            return -1;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0 ||
        sigaction(SIGHUP, &sa, NULL) != 0)
        return -1;
    signal(SIGPIPE, SIG_IGN); /* a closed stdout is reported by the write */
    return 0;
}

/* The man page's KEYS section, from the key table (the command line's
 * tables know nothing of the dashboard). */
static void man_keys(FILE *out)
{
    size_t n;
    const key_binding *k = keys_table(&n);
    fputs(".SH KEYS\n", out);
    for (size_t i = 0; i < n; i++) {
        if (!k[i].help)
            continue;
        fputs(".TP\n.B ", out);
        ot_roff(out, k[i].label);
        fputs("\n", out);
        ot_roff(out, k[i].help);
        fputs("\n", out);
    }
}

/* --overrides: what the journal says is active now, one line each; 0, or
 * 1 after a line on stderr when the journal does not exist (no override was
 * ever journaled there: a wrong path, not "no active overrides") or cannot
 * be read. */
static int print_overrides(const invtop_opts *o)
{
    char path[4096], err[256];
    const char *jpath = o->engine.journal ? o->engine.journal : journal_default_path(path, sizeof path);
    struct stat st;
    if (stat(jpath, &st) != 0 && errno == ENOENT) {
        fprintf(stderr, "invtop: journal %s does not exist (no override was ever journaled there)\n", jpath);
        return 1;
    }
    ovr_table t;
    size_t applied, skipped;
    if (ovr_table_init(&t, o->engine.max_instruments) != 0 ||
        journal_load(jpath, &t, &applied, &skipped, err, sizeof err) != 0) {
        fprintf(stderr, "invtop: %s\n", t.e ? err : "out of memory");
        ovr_table_free(&t);
        return 1;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    double now = (double)ts.tv_sec + ts.tv_nsec * 1e-9;
    printf("journal %s: %zu change(s) read%s; kill switch %s\n", jpath, applied,
           skipped ? ", unreadable lines skipped" : "", t.kill ? "ON (every quote paused)" : "off");
    size_t shown = 0;
    for (size_t i = 0; i < t.n; i++) {
        const ovr *v = &t.e[i].o;
        if (!ovr_is_set(v) || (!isnan(v->expires) && v->expires <= now))
            continue; /* cleared, or expired: back to the model */
        printf("%-20s", t.e[i].sym);
        if (!isnan(v->skew_bps))
            printf(" skew %+.2f bp%s", v->skew_bps, v->skew_replace ? " (replaces model)" : "");
        if (!isnan(v->half_spread_bps))
            printf(" half-spread %.2f bp", v->half_spread_bps);
        if (!isnan(v->bid))
            printf(" bid %.10g", v->bid);
        if (!isnan(v->ask))
            printf(" ask %.10g", v->ask);
        if (!isnan(v->size_bid) || !isnan(v->size_ask))
            printf(" size %.10g/%.10g", v->size_bid, v->size_ask);
        if (v->paused)
            printf(" PAUSED");
        if (!isnan(v->expires))
            printf(" expires in %.0f s", v->expires - now);
        printf("\n");
        shown++;
    }
    if (!shown)
        printf("no active overrides\n");
    ovr_table_free(&t);
    return 0;
}

int main(int argc, char **argv)
{
    invtop_opts o;
    cli_defaults(&o);
    switch (cli_parse(argc, argv, &o, stdout, stderr)) {
    case CLI_EXIT_OK:
        if (o.manpage)
            cli_print_manpage(stdout, man_keys);
        cli_free(&o);
        return 0;
    case CLI_USAGE:
        cli_free(&o);
        return 2;
    case CLI_RUN:
        break;
    }
    if (o.list_overrides) {
        int rc = print_overrides(&o);
        cli_free(&o);
        return rc;
    }
    if (o.keygen_dir) {
        char err[300];
        int rc = curve_keygen(o.keygen_dir, o.key_name, err, sizeof err);
        if (rc != 0)
            fprintf(stderr, "invtop: %s\n", err);
        else
            printf("wrote %s/%s.key (secret, mode 0600) and %s/%s.pub\n", o.keygen_dir, o.key_name,
                   o.keygen_dir, o.key_name);
        cli_free(&o);
        return rc ? 1 : 0;
    }
    if (install_signals() != 0) {
        perror("invtop: cannot install signal handlers");
        cli_free(&o);
        return 1;
    }
    int status;
    if (o.attach) {
        status = viewer_run(&o, signal_pipe[0]);
    } else {
        view_ctx vc = {.o = &o};
        /* headless lines of a max-speed replay are the same every run */
        loop_view view = {start_view, stop_view, &vc, o.headless};
        status = loop_run(&o.engine, &view, signal_pipe[0]);
        headview_free(&vc.head);
    }
    cli_free(&o);
    return status;
}
