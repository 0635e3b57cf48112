/* zap.h - the ZAP handler (RFC 27) in invtop's own context, and handshake
 * monitors (prefix zap_). Both are sockets the event loop polls: no thread.
 *
 * Domains: "feed" (publishers allowed to send to invtop), "quotes"
 * (quoting engines allowed to read invtop's quotes) and "state" (viewers of
 * the engine), each with its own allow-list. A CURVE client whose public
 * key is not on its domain's list is refused and counted; "state" without a
 * list admits every CURVE client (reading is encrypted, commands are
 * authorised by the trader list). An admitted client's user id is its
 * public key in Z85, which the engine reads from its messages' "User-Id". */
#ifndef INVTOP_ZAP_H
#define INVTOP_ZAP_H

#include <stdbool.h>
#include <stdint.h>

#include "invtop/curve.h"

typedef enum { ZAP_FEED = 0, ZAP_QUOTES, ZAP_STATE, ZAP_DOMAINS } zap_domain;

typedef struct {
    void *rep;                        /* bound at inproc://zeromq.zap.01 */
    const curve_allow *allow[ZAP_DOMAINS]; /* borrowed; NULL: nobody */
    uint64_t allowed[ZAP_DOMAINS], denied[ZAP_DOMAINS];
} zap_handler;

/* Bind the handler in zctx. Returns 0, or -1 (errno from libzmq). */
int zap_start(zap_handler *z, void *zctx);
/* Answer every waiting request (non-blocking). */
void zap_serve(zap_handler *z);
void zap_stop(zap_handler *z);
/* "feed", "quotes" or "state". */
const char *zap_domain_name(zap_domain d);

/* A socket monitor counting handshakes (refused ones above all). */
typedef struct {
    void *pair;
    uint64_t failed, succeeded, accepted, connected, disconnected;
} zap_monitor;

/* Monitor socket (an inproc endpoint named after `name`). Returns 0 or -1. */
int zap_monitor_start(zap_monitor *m, void *zctx, void *socket, const char *name);
/* Read every waiting event (non-blocking). */
void zap_monitor_drain(zap_monitor *m);
void zap_monitor_stop(zap_monitor *m);

#endif
