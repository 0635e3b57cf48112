/* bench_render.c - dashboard frames rendered into a pseudo-terminal: time
 * and bytes per frame at 80x24 and 200x60 with 20 and 1,000 instruments
 * ticking (a tenth of them move between frames). A frame is what the loop
 * and the screen do: build the snapshot (snapbuild, which refreshes the
 * exposures), order the rows, draw from the snapshot. Baseline in the same run:
 * the same frames with a full repaint each time (what a naive redraw sends).
 * Ratios below 1 are what only drawing what changed saves. */
#define _GNU_SOURCE
#include <curses.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <pty.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "invtop/app.h"
#include "tui/dash.h"
#include "tui/draw.h"
#include "invtop/snapbuild.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void feed(app *a, const char *topic, const char *body, double t)
{
    const char *f[2] = {topic, body};
    size_t l[2] = {strlen(topic), strlen(body)};
    app_message(a, 2, f, l, t);
}

/* The terminal's side: a thread reads everything invtop writes, so a large
 * frame never blocks on a full pty buffer, and counts it. */
typedef struct {
    int fd;
    atomic_size_t bytes;
    atomic_bool stop;
} reader;

static void *read_all(void *arg)
{
    reader *r = arg;
    char buf[65536];
    while (!atomic_load(&r->stop)) {
        ssize_t n = read(r->fd, buf, sizeof buf);
        if (n > 0)
            atomic_fetch_add(&r->bytes, (size_t)n);
        else
            usleep(200);
    }
    return NULL;
}

/* Bytes read so far, once the terminal has caught up with what was written. */
static size_t settled(reader *r)
{
    size_t before;
    do {
        before = atomic_load(&r->bytes);
        usleep(2000);
    } while (atomic_load(&r->bytes) != before);
    return before;
}

typedef struct {
    double us;
    double bytes;
} cost;

static cost frames(reader *rd, const draw_ctx *c, const lay_result *l, app *a, snap *s, dash *d,
                   size_t ninst, int nframes, bool full, double *t, double *snap_us)
{
    char topic[64], body[128];
    double us = 0, build = 0;
    size_t start = settled(rd);
    for (int f = 0; f < nframes; f++) {
        for (size_t i = f % 10; i < ninst; i += 10) {
            snprintf(topic, sizeof topic, "px.I%04zu", i);
            snprintf(body, sizeof body, "{\"mid\":%.2f}", 100 + 5 * sin(*t + (double)i));
            feed(a, topic, body, *t);
        }
        *t += 0.1;
        double t0 = now_s();
        snapbuild_ctx sc = {*t, 1000, "bench"};
        if (snapbuild(s, a, &sc) != 0)
            return (cost){NAN, NAN};
        build += (now_s() - t0) * 1e6;
        dash_order(d, s);
        draw_screen(c, l, s, d);
        if (full)
            clearok(curscr, TRUE);
        wnoutrefresh(stdscr);
        doupdate();
        fflush(stdout);
        us += (now_s() - t0) * 1e6;
    }
    if (snap_us)
        *snap_us = build / nframes;
    return (cost){us / nframes, (double)(settled(rd) - start) / nframes};
}

static void one(int cols, int rows, size_t ninst)
{
    int master, slave;
    struct winsize ws = {(unsigned short)rows, (unsigned short)cols, 0, 0};
    if (openpty(&master, &slave, NULL, NULL, &ws) != 0)
        return;
    fcntl(master, F_SETFL, O_NONBLOCK);
    reader rd = {master, 0, false};
    pthread_t th_reader;
    pthread_create(&th_reader, NULL, read_all, &rd);
    FILE *out = fdopen(dup(slave), "w"), *in = fdopen(dup(slave), "r");
    SCREEN *scr = newterm("xterm-256color", out, in);
    set_term(scr);
    resizeterm(rows, cols);
    theme th;
    theme_init(&th, THEME_DARK, true);
    engcfg o;
    engcfg_defaults(&o);
    o.risk.mc_async = false;
    o.risk.pv.mc_paths = 100;
    o.max_instruments = 2048;
    app a;
    dash d;
    snap s;
    snap_init(&s);
    if (app_init(&a, &o, NULL, true, NULL) != 0 || dash_init(&d, o.max_instruments) != 0)
        return;
    char topic[64], body[128];
    double t = 1.7e9;
    for (size_t i = 0; i < ninst; i++) {
        snprintf(topic, sizeof topic, "inst.I%04zu", i);
        snprintf(body, sizeof body, "{\"kind\":\"perp\",\"underlying\":\"U%zu\",\"lot\":1,\"tick\":0.01}", i % 20);
        feed(&a, topic, body, t);
        snprintf(topic, sizeof topic, "pos.I%04zu", i);
        snprintf(body, sizeof body, "{\"qty\":%d,\"avg_px\":100}", (int)(i % 7) - 3);
        feed(&a, topic, body, t);
    }
    for (int k = 0; k < 30; k++) { /* enough samples for risk and quotes */
        for (size_t i = 0; i < ninst; i++) {
            snprintf(topic, sizeof topic, "px.I%04zu", i);
            snprintf(body, sizeof body, "{\"mid\":%.2f}", 100 * exp(0.001 * sin(k + (double)i)));
            feed(&a, topic, body, t);
        }
        t += 1;
        app_tick(&a, t);
    }
    lay_result l;
    lay_compute(cols, rows, 0, &l); /* the default screen: no options desk panels */
    draw_ctx c = {&th, true, true, NULL};
    double snap_us;
    frames(&rd, &c, &l, &a, &s, &d, ninst, 5, true, &t, NULL); /* warm up */
    cost full = frames(&rd, &c, &l, &a, &s, &d, ninst, 50, true, &t, NULL);
    cost inc = frames(&rd, &c, &l, &a, &s, &d, ninst, 50, false, &t, &snap_us);
    endwin();
    atomic_store(&rd.stop, true);
    pthread_join(th_reader, NULL);
    delscreen(scr);
    fclose(out);
    fclose(in);
    close(slave);
    close(master);
    fprintf(stdout, "  %3dx%-3d %5zu instruments   %8.1f us/frame (snapshot %6.1f) %8.0f bytes/frame   full repaint %8.1f us %8.0f bytes   ratio bytes %.2f time %.2f\n",
            cols, rows, ninst, inc.us, snap_us, inc.bytes, full.us, full.bytes, inc.bytes / full.bytes, inc.us / full.us);
    dash_free(&d);
    snap_free(&s);
    app_free(&a);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    printf("rendering into a pseudo-terminal (xterm-256color, UTF-8; a tenth of the instruments move per frame)\n");
    one(80, 24, 20);
    one(80, 24, 1000);
    one(200, 60, 20);
    one(200, 60, 1000);
    printf("  target: under 1 ms per frame\n");
    return 0;
}
