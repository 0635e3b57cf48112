/* frontend.h - what the event loop drives besides the app: headless
 * snapshots or the dashboard (prefix fe_). A front end wants a frame every
 * period (wall time, or event time in a max-speed replay) and, for the
 * dashboard, to read its input when the input fd is readable. */
#ifndef INVTOP_FRONTEND_H
#define INVTOP_FRONTEND_H

#include <stdbool.h>

#include "invtop/app.h"

typedef struct frontend frontend;
struct frontend {
    double period_s;        /* between frames */
    int input_fd;           /* -1: no input */
    bool event_time_frames; /* frames on event-time boundaries (deterministic replay) */
    const char *source;     /* what feeds invtop, for display */
    void (*frame)(frontend *f, app *a, double now);
    void (*input)(frontend *f, app *a, double now);
    bool done;
    int status;
    void *impl;
};

#endif
