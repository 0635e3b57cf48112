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
#include <unistd.h>

#include "invtop/cli.h"
#include "invtop/loop.h"

static int signal_pipe[2] = {-1, -1};

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

int main(int argc, char **argv)
{
    invtop_opts o;
    cli_defaults(&o);
    switch (cli_parse(argc, argv, &o, stdout, stderr)) {
    case CLI_EXIT_OK:
        return 0;
    case CLI_USAGE:
        return 2;
    case CLI_RUN:
        break;
    }
    if (install_signals() != 0) {
        perror("invtop: cannot install signal handlers");
        return 1;
    }
    return loop_run(&o, signal_pipe[0]);
}
