/* serve.h - the engine's state for remote viewers, the ZeroMQ guide's Clone
 * pattern (prefix serve_; protocol in docs/STATE.md).
 *
 * A ROUTER at --serve answers HELLO (where the update stream is, and
 * whether the sender may trade: the rule COMMAND applies), SNAPSHOT
 * (the whole document at the last published version) and COMMAND (from a
 * trader's CURVE key only); a PUB at --serve-pub carries UPDATE messages
 * with only the parts and the fields of instruments that changed (snapdiff.h), each chained
 * to the version before it, and a HUGZ heartbeat every second. An epoch
 * drawn at start tells a viewer that the engine restarted. Single-threaded:
 * the event loop polls the ROUTER and calls serve_publish once a frame. */
#ifndef INVTOP_SERVE_H
#define INVTOP_SERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/command.h"
#include "invtop/curve.h"
#include "invtop/jsonw.h"
#include "invtop/snapdiff.h"
#include "invtop/snapshot.h"

#define SERVE_PROTOCOL "invtop-state/2"
/* Updates queued per viewer before it loses them (and resyncs): ~10 s at
 * the dashboard's 10 frames a second. */
#define SERVE_SNDHWM 100

/* Carry out a viewer's command for `who` (the name it gave) holding CURVE
 * key `key` (Z85, "" without CURVE): 0 applied, -1 refused; a one-line
 * answer in msg. With c NULL the command was refused before it reached the
 * engine (msg says why): only log it. */
typedef int (*serve_command_fn)(void *ctx, const command *c, const char *who, const char *key,
                                char *msg, size_t cap);

typedef struct {
    void *router, *pub;
    char pub_endpoint[256];   /* as viewers are told to connect */
    uint64_t epoch;
    snap sent;                /* the snapshot as last published (SNAPSHOT answers it) */
    sdiff diff;               /* what viewers hold, field by field */
    jw update, zupdate, doc; /* an update's JSON, deflated (zframe.h) */
    const curve_allow *traders; /* borrowed; NULL: nobody may send commands */
    bool curve;
    double last_beat;         /* monotonic seconds of the last message on the PUB */
    uint64_t updates, snapshots, bytes_published, commands_applied, commands_refused;
} server;

/* Bind the ROUTER at endpoint and the PUB at pub_endpoint (NULL: the same
 * host, a free port). With secret (Z85, or NULL for plaintext) both are
 * CURVE servers in ZAP domain "state". traders is the allow-list of keys
 * whose commands are carried out. Returns 0, or -1 with the reason in err
 * (nothing left open). */
int serve_open(server *sv, void *zctx, const char *endpoint, const char *pub_endpoint,
               const char *secret, const curve_allow *traders, uint64_t epoch, char *err,
               size_t errlen);
void serve_close(server *sv);

/* Publish snapshot s as an update of what changed since the last one (the
 * first is everything), at monotonic time mono. Returns 0, or -1 without
 * memory (nothing published; the next call sends the difference). */
int serve_publish(server *sv, const snap *s, double mono);

/* A heartbeat when nothing went out for a second. */
void serve_heartbeat(server *sv, double mono);

/* Answer every waiting request (non-blocking); commands go to fn. */
void serve_poll(server *sv, serve_command_fn fn, void *ctx);

#endif
