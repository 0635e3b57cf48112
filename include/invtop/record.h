/* record.h - recording accepted messages as JSON lines, and reading them back.
 *
 * One line per message: {"t":RECEIVE_TIME,"topic":"px.BTC","body":{...}}
 * with the body embedded as the JSON object it was received as. */
#ifndef INVTOP_RECORD_H
#define INVTOP_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "invtop/jsonw.h"

typedef struct {
    FILE *fp;
    jw line;
    unsigned long errors; /* failed writes; recording goes on trying */
} recorder;

/* Open path for appending. Returns 0, or -1 with errno set. */
int recorder_open(recorder *r, const char *path);

/* Append one message received at event time t. Line breaks inside the body
 * become spaces (JSON allows them only as white space), so a line is always
 * one message. Returns 0, or -1 when the write failed (counted in errors). */
int recorder_write(recorder *r, double t, const char *topic, size_t topic_len, const char *body,
                   size_t body_len);

/* Flush and close. Returns 0, or -1 when the final flush failed. */
int recorder_close(recorder *r);

typedef struct {
    FILE *fp;
    char *line;      /* getline buffer, owned */
    size_t line_cap;
    char topic[256]; /* unescaped topic of the current message */
    void *tokens;    /* jsmn token array, owned */
    unsigned long bad_lines; /* lines skipped as unreadable */
    unsigned long line_no;
} replay;

typedef struct {
    double t;
    const char *topic; /* valid until the next replay_next */
    size_t topic_len;
    const char *body;
    size_t body_len;
} replay_msg;

/* Open a recording. Returns 0, or -1 with errno set. */
int replay_open(replay *rp, const char *path);

/* Read the next message. Returns 1 with *m set, 0 at end of file, -1 on a
 * read error. Lines that are not recordings (torn, edited) are skipped and
 * counted in bad_lines. */
int replay_next(replay *rp, replay_msg *m);

/* Close and free. Safe on a replay that failed to open. */
void replay_close(replay *rp);

#endif
