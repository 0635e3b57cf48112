/* attach.h - a viewer's side of the state protocol (prefix attach_;
 * docs/STATE.md): follow a remote engine's state, send it commands.
 *
 * A DEALER to the engine's ROUTER asks HELLO (where the update stream is)
 * and SNAPSHOT; a SUB on the update stream applies UPDATEs that chain onto
 * the version held, drops older ones, and on a gap or a new epoch asks for
 * a snapshot again. Updates that arrive while a snapshot is awaited are
 * kept and applied after it. With no message from the engine for
 * ATTACH_STALE_S the state is stale; after ATTACH_RECONNECT_S the viewer
 * starts over with new sockets after a random delay, so a hundred viewers
 * of a restarted engine do not all ask at once. Times are monotonic
 * seconds given by the caller; nothing blocks. */
#ifndef INVTOP_ATTACH_H
#define INVTOP_ATTACH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zmq.h>

#include "invtop/curve.h"
#include "invtop/jsonw.h"
#include "invtop/snapdiff.h"
#include "invtop/snapwire.h"

#define ATTACH_STALE_S 2.0     /* no heartbeat or update for this long: stale */
#define ATTACH_RECONNECT_S 3.0 /* ... and for this long: start over */
#define ATTACH_QUEUE 32        /* updates kept while a snapshot is awaited */
#define ATTACH_MSG 256

typedef enum { ATT_HELLO = 0, ATT_SNAPSHOT, ATT_LIVE, ATT_WAIT } attach_phase;

/* The answer to a command. */
typedef struct {
    uint64_t id;
    bool applied;
    char msg[ATTACH_MSG];
} attach_ack;

typedef struct {
    void *zctx, *dealer, *sub;
    char endpoint[256];
    char pub_endpoint[256];    /* --attach-pub, "" to use the one WELCOME names */
    char secret[CURVE_KEY_LEN + 1], server_key[CURVE_KEY_LEN + 1]; /* "" without CURVE */
    attach_phase phase;
    uint64_t epoch;            /* of the engine followed, 0 before the first */
    snap st;                   /* the document held (st.version its version) */
    bool have;                 /* st holds a whole document */
    bool current;              /* ... and it is the engine's: false from a start over
                                  (silence, a new epoch) until the next snapshot */
    bool changed;              /* st changed since attach_take_changed */
    bool contacted;            /* anything was heard from the engine since the open */
    bool trader;               /* the engine's last WELCOME said this viewer may send
                                  commands; false until then, and from a start over */
    double last_heard;         /* monotonic time of the last message from the engine */
    double doc_heard;          /* ... of the last one while the document was current */
    double next_try;           /* ATT_WAIT: when to start over; else when to re-ask */
    uint64_t rng;              /* for the reconnect delay */
    jw body;                   /* the last update inflated */
    jw queue[ATTACH_QUEUE];    /* updates awaiting a snapshot: "epoch version prev\njson" */
    size_t nqueue;
    attach_ack acks[8];        /* answers not yet taken */
    size_t nacks;
    uint64_t resyncs, updates, bytes, reconnects;
    uint64_t restarts;         /* WELCOMEs with another epoch than the one followed */
} attach;

/* Start following the engine at endpoint (its update stream at
 * pub_endpoint, or NULL for the one the engine names); CURVE when
 * server_key is given (with the viewer's key pair secret, or a throwaway
 * pair when NULL). seed varies the reconnect delay. Returns 0, or -1 with
 * the reason in err. */
int attach_open(attach *at, void *zctx, const char *endpoint, const char *pub_endpoint,
                const char *secret, const char *server_key, uint64_t seed, double mono, char *err,
                size_t errlen);
void attach_close(attach *at);

/* The sockets to poll for input (up to 2); returns how many. */
size_t attach_pollitems(const attach *at, zmq_pollitem_t *items);

/* Read what arrived and run the timers at monotonic time mono. */
void attach_service(attach *at, double mono);

/* True (once) when the document changed since the last call. */
bool attach_take_changed(attach *at);

/* The age of the document held, in seconds at monotonic time mono: since
 * the engine it came from was last heard while it was current (before the
 * first snapshot, since the open). It keeps growing through a start over
 * and a new engine's HELLO until that engine's snapshot arrives. */
double attach_silence(const attach *at, double mono);

/* Whether the document held is stale at mono: older than ATTACH_STALE_S
 * (attach_silence), or not the current engine's (a start over, a new
 * epoch, before its snapshot). A view says so rather than show it as live. */
bool attach_stale(const attach *at, double mono);

/* Send a command line as `user` with number id. Returns 0, or -1 when it
 * could not be queued. The answer comes back through attach_take_ack. */
int attach_command(attach *at, uint64_t id, const char *user, const char *text);

/* The oldest answer not yet taken: true and *out filled, or false. */
bool attach_take_ack(attach *at, attach_ack *out);

#endif
