/* frontend.h - what the event loop drives: headless snapshots or the
 * dashboard, local or attached to a remote engine (prefix fe_).
 *
 * A front end gets a frame every period (wall time, or event time in a
 * max-speed replay) with the newest snapshot, reads its input when the
 * input fd is readable, and sends what the user asks for to the engine
 * through its command sink. It never reads or changes engine state. */
#ifndef INVTOP_FRONTEND_H
#define INVTOP_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/command.h"
#include "invtop/snapshot.h"

/* The answer to a command. */
typedef enum {
    FE_APPLIED = 0, /* journaled and applied; msg says what it did */
    FE_PENDING,     /* sent to a remote engine; the answer comes to ack() */
    FE_REFUSED      /* not applied; msg says why */
} fe_answer;

/* Where a front end's commands go: the engine in this process, or a remote
 * engine's request channel. */
typedef struct {
    /* Send c; write a one-line answer in msg. id is the command's number,
     * the one a later ack() carries for a pending answer. */
    fe_answer (*send)(void *ctx, const command *c, uint64_t id, char *msg, size_t cap);
    /* R: reload the engine's config; NULL when this front end cannot. */
    fe_answer (*reload)(void *ctx, char *msg, size_t cap);
    void *ctx;
    bool trader;            /* the user may send overrides (else read-only) */
    /* Read-only: who may, completing "READ-ONLY: ... change quotes" (or
     * "... acknowledge alerts") when a key is refused (static text, short enough for one line at 80
     * columns); NULL: "start invtop with --trader to". */
    const char *read_only_why;
} fe_sink;

typedef struct frontend frontend;
struct frontend {
    double period_s;        /* between frames */
    int input_fd;           /* -1: no input */
    bool event_time_frames; /* frames on event-time boundaries (deterministic replay) */
    const char *source;     /* what feeds invtop, for display */
    const char *remote;     /* the engine's endpoint when this views a remote
                               engine (invtop --attach), NULL for a local one */
    /* Show snapshot s (valid during the call only; copy what must outlive
     * it) at event time now. */
    void (*frame)(frontend *f, const snap *s, double now);
    /* Read the keyboard at event time now. */
    void (*input)(frontend *f, double now);
    /* The answer to pending command id (NULL: the front end sends none). */
    void (*ack)(frontend *f, uint64_t id, fe_answer a, const char *msg);
    /* What happened to the remote engine viewed (it went silent, came
     * back, restarted), as a line text (copied) of the front end's event
     * log at event time now; alert marks the ones that need attention.
     * NULL: the front end keeps no log. */
    void (*notice)(frontend *f, double now, bool alert, const char *text);
    fe_sink sink;
    bool done;
    int status;
    void *impl;
};

#endif
