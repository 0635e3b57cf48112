/* security.h - invtop's CURVE set-up from the options, the ZAP handler and
 * the handshake monitors it runs, and the plaintext warning (prefix sec_). */
#ifndef INVTOP_SECURITY_H
#define INVTOP_SECURITY_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/engcfg.h"
#include "invtop/curve.h"
#include "invtop/zap.h"

/* One endpoint of the feed's SUB socket and what sub_open makes of it. */
typedef struct {
    const char *endpoint; /* the option's string (outlives the sec_state) */
    bool bind;            /* else a connect */
    bool curve;           /* bind: CURVE server; connect: CURVE client of --server-key */
} sec_socket;

typedef struct {
    char feed_secret[CURVE_KEY_LEN + 1];
    bool feed_key;   /* --curve-secret read into feed_secret: the engine's key pair
                        (feed binds, feed connects with --server-key, --serve) */
    bool feed_curve; /* every feed endpoint is CURVE; false without any */
    sec_socket feed_socks[2 * SUB_MAX_ENDPOINTS]; /* binds first, then connects */
    size_t nfeed_socks;
    char quotes_secret[CURVE_KEY_LEN + 1];
    bool quotes_curve;
    char server_key[SUB_MAX_ENDPOINTS][CURVE_KEY_LEN + 1];
    curve_allow feed_allow, quotes_allow;
    zap_handler zap;
    bool zap_on;
    zap_monitor mon_feed, mon_quotes;
    curve_allow traders;     /* --trader-keys: whose viewers may send commands */
    uint64_t commands_applied, commands_refused; /* from remote viewers */
    char warning[256]; /* plaintext endpoints off loopback, feed connects left
                          plaintext despite --curve-secret; "" when none */
} sec_state;

/* Read the keys and allow-lists named by the configuration c into s and point
 * feed->curve_secret/server_key at them; record what each feed endpoint will
 * be (feed_socks, feed_curve) and warn of plaintext ones. Returns 0, or -1
 * with a one-line reason on stderr. */
int sec_load(sec_state *s, const engcfg *c, sub_opts *feed);

/* Start the ZAP handler in zctx when any CURVE server needs one. Must run
 * before the sockets bind. Returns 0 or -1 (reason on stderr). */
int sec_start(sec_state *s, void *zctx);

/* Monitor a socket's handshakes (feed or quotes). Failure is not fatal:
 * refusals then go uncounted, which the warning says. */
void sec_monitor(sec_state *s, void *zctx, void *socket, zap_domain d);

/* Serve ZAP requests and read monitor events (non-blocking). */
void sec_poll(sec_state *s);

/* Handshakes refused, all sockets. */
unsigned long long sec_refused(const sec_state *s);

void sec_stop(sec_state *s);

#endif
