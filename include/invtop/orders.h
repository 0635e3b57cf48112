/* orders.h - the engine's hedge orders and their journal (prefix ord_).
 *
 * An order is an event, not a state: it is journaled (written and fsync'd)
 * before it is sent, sent again every ORD_RESEND_S of event time until the
 * consumer acknowledges it or its TTL passes, and matched with the fills
 * that come back on the feed by its client order id. A restart replays the
 * journal: what was not acknowledged and has not expired is sent again with
 * the same id, and the consumer deduplicates by id, so an order is never
 * lost and never doubled.
 *
 * Journal line (one JSON object): {"ts":T,"event":"new","order":{ORDER}}
 * for a new order, {"ts":T,"event":"ack"|"reject"|"expired"|"fill",
 * "cl_ord_id":ID,...} for what happens to it (fill: "qty" signed, "px";
 * reject: "reason"). ORDER is the message the channel carries (ord_encode).
 *
 * The table keeps every order still open and the last ORD_KEEP closed
 * ones. Single-threaded; owns its memory. No sockets: the caller sends what
 * ord_due returns (engine/ordchan.c over ZeroMQ, or the closed loop). */
#ifndef INVTOP_ORDERS_H
#define INVTOP_ORDERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/event.h"
#include "invtop/hedge.h"
#include "invtop/jsonw.h"

#define ORD_MAX 256      /* orders held: open ones and the newest closed */
#define ORD_RESEND_S 1.0 /* event seconds between sends of an unacknowledged order */
#define ORD_TEXT 96

typedef struct {
    char clid[EVENT_ID_MAX];
    char sym[EVENT_SYM_MAX], venue[EVENT_SYM_MAX], inst[EVENT_ID_MAX];
    char underlying[EVENT_SYM_MAX], book[EVENT_SYM_MAX];
    double qty;          /* signed instrument units: > 0 buys */
    double lots;         /* signed whole lots */
    double px;           /* the instrument's mid when made (a reference) */
    double usd;          /* the delta USD it adds to its underlying when filled */
    double created, expires, last_sent; /* event time; last_sent NAN before the first */
    double filled;       /* signed, so far */
    double fill_notional;/* sum of |qty| * px over fills */
    unsigned attempts;
    ord_state state;
    bool automatic;
    char user[32];
    char reason[ORD_TEXT];
} order;

typedef struct {
    order o[ORD_MAX];    /* oldest first */
    size_t n;
    char prefix[24];     /* client order ids: PREFIX-N */
    uint64_t next_seq;
    double ttl_s;
    int fd;              /* the journal, -1 when none */
    bool in_memory;      /* a simulation's: nothing is journaled (ord_in_memory) */
    bool journal_ok;
    char err[160];       /* why the journal refuses, for the screen */
    char path[4096];
    jw line;             /* scratch for journal lines and messages */
    uint64_t sent, refused, acks, rejects, expired, fills;
} ord_book;

/* Empty book: client ids PREFIX-1, PREFIX-2... (prefix: letters, digits,
 * '-', at most 23 bytes; asserted), TTL ttl_s > 0. No journal (orders are
 * then refused until ord_open). */
void ord_init(ord_book *b, const char *prefix, double ttl_s);
void ord_free(ord_book *b);

/* For a simulation on simulated time (the closed loop): orders are held
 * and never journaled; nothing survives the process, by design. */
void ord_in_memory(ord_book *b);

/* The orders journal beside the override journal: its path with ".jsonl"
 * replaced by ".orders.jsonl" (or ".orders.jsonl" appended). Returns buf. */
const char *ord_journal_path(const char *override_journal, char *buf, size_t cap);

/* Replay the journal at path (missing: empty), then open it for appending
 * (creating its directory). Orders that were not acknowledged come back
 * pending and are sent again when due (ord_due); ids keep their numbers.
 * Returns 0, or -1 with the reason in b->err (the book then refuses new
 * orders; what was replayed stays). Torn lines are skipped and counted in
 * *skipped. */
int ord_open(ord_book *b, const char *path, size_t *skipped);

/* Make, journal (fsync) and hold a new order of `lots` (signed, whole) of
 * instrument inst (sym, venue) with `lot` units a lot, at reference price
 * px, adding usd of delta to underlying und, filled into book to_book, at
 * event time now. Returns its index, or -1 with the reason in why (the
 * journal refused it, the table is full of open orders): nothing changed
 * but the refusal count. */
long ord_new(ord_book *b, const char *sym, const char *venue, const char *und, const char *to_book,
             double lots, double lot, double px, double usd, double now, bool automatic,
             const char *user, char *why, size_t cap);

/* Hold a refused order (never journaled, never sent) so the screen shows
 * it with its reason. */
void ord_refused(ord_book *b, const char *inst, const char *und, double lots, double qty, double now,
                 bool automatic, const char *user, const char *reason);

/* The index of the next order due to be sent at event time now (pending,
 * never sent or last sent ORD_RESEND_S ago), or -1. The caller sends it
 * (ord_encode) and calls ord_sent. */
long ord_due(const ord_book *b, double now);

/* Order i was handed to the channel at now (sent true) or could not be
 * (sent false: tried again after ORD_RESEND_S). */
void ord_sent(ord_book *b, size_t i, double now, bool sent);

/* Order i as the channel's JSON message into w (reset first). */
void ord_encode(const ord_book *b, size_t i, jw *w);

/* A consumer's reply (one JSON frame: ack or reject) at event time now:
 * journaled, then applied. Returns the order's index, or -1 with why in
 * err (not JSON, unknown type or id): nothing changes. A repeated ack is
 * taken and changes nothing. */
long ord_reply(ord_book *b, const char *msg, size_t len, double now, char *err, size_t cap);

/* A fill for client id clid (qty signed, px) at now: journaled, applied.
 * Returns the index, or -1 when no order has that id. */
long ord_fill(ord_book *b, const char *clid, double qty, double px, double now);

/* Let event time reach now: open orders past their TTL and not
 * acknowledged expire (journaled). Returns how many expired. */
size_t ord_expire(ord_book *b, double now);

/* Delta USD of underlying und's orders that are out and not filled (by
 * their share left to fill), and the index of the newest open one (-1). */
double ord_inflight_usd(const ord_book *b, const char *und, long *newest_open);

/* True for states an order leaves no more (filled, expired, rejected,
 * refused). */
bool ord_closed(ord_state s);

#endif
