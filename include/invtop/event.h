/* event.h - the decoded form of one wire message, shared by feed/ (which
 * produces events) and risk/ (which applies them). Plain data, no functions:
 * this header is the only thing the two directories have in common. */
#ifndef INVTOP_EVENT_H
#define INVTOP_EVENT_H

#include <stdbool.h>
#include <stdint.h>

/* Longest symbol is 47 bytes; the array keeps room for the terminator. */
#define EVENT_SYM_MAX 48
/* An instrument's id, SYM or SYM@VENUE (risk/book.h), with its terminator. */
#define EVENT_ID_MAX (2 * EVENT_SYM_MAX)

/* A kind is decoded by its row in feed/wire.c (topic, body decoder) and
 * applied by risk/book.c. */
typedef enum {
    EVENT_INST = 0, /* instrument reference data */
    EVENT_PX,       /* a price: bid/ask or mid */
    EVENT_POS,      /* an absolute position, last value wins */
    EVENT_FILL,     /* a trade that adjusts the position */
    EVENT_KIND_COUNT
} event_kind;

typedef enum {
    INST_SPOT = 0,
    INST_PERP,
    INST_FUTURE,
    INST_OPTION,
    INST_LP          /* a concentrated-liquidity pool range (risk/lp.h) */
} inst_kind;

/* The wire's and the snapshot's names, by inst_kind: one list for every
 * reader and writer of a kind. */
#define INST_KIND_NAMES {"spot", "perp", "future", "option", "lp"}
#define INST_KIND_COUNT 5

/* How a contract settles. Linear: P&L is paid in the quote currency,
 * (mid - avg_px) x qty x mult. Inverse (coin-margined): a contract is mult
 * units of the quote currency and P&L is paid in the base coin, qty x mult
 * x (1/avg_px - 1/mid) (risk/ccy.h). */
typedef enum {
    INST_SETTLE_LINEAR = 0,
    INST_SETTLE_INVERSE
} inst_settle;

/* The wire's and the snapshot's names, by inst_settle. */
#define INST_SETTLE_NAMES {"linear", "inverse"}
#define INST_SETTLE_COUNT 2

typedef struct {
    inst_kind kind;
    char underlying[EVENT_SYM_MAX]; /* "" when not given */
    double mult;                     /* contract multiplier, default 1 */
    double tick;                     /* 0 when not given */
    double lot;                      /* 0 when not given */
    double strike;                   /* options only */
    double expiry;                   /* options only, epoch seconds */
    char right;                      /* 'C' or 'P', options only */
    double iv;                       /* implied vol, NAN when not given */
    double lower, upper;             /* lp only: the range in quote per base;
                                        lower 0, upper INFINITY: full range */
    char quote[EVENT_SYM_MAX];       /* quote currency, "" when not given
                                        (risk/ccy.h infers one) */
    inst_settle settle;              /* linear unless given */
} event_inst;

typedef struct {
    double bid, ask; /* NAN when only a mid was given */
    double mid;      /* always set: (bid+ask)/2 or the given mid/last */
    double iv;       /* an option's mark vol from the venue, NAN when not given */
} event_px;

/* Which part of a position a `pos` message states. A venue in one-way mode
 * (and every native producer) states the net; a venue in hedge mode holds a
 * long leg and a short leg at once and states each, unsigned, with its side. */
typedef enum {
    POS_LEG_NET = 0,
    POS_LEG_LONG,
    POS_LEG_SHORT
} pos_leg;

typedef struct {
    double qty;    /* signed, absolute: >= 0 on the long leg, <= 0 on the short */
    double avg_px; /* NAN when not given */
    pos_leg leg;
} event_pos;

typedef struct {
    double qty; /* signed: > 0 buy, < 0 sell */
    double px;
    double fee; /* in quote currency, 0 when not given */
    /* the client order id of the order it executes (native cl_ord_id, symbol
     * bytes, at most EVENT_ID_MAX - 1), "" when not given */
    char clid[EVENT_ID_MAX];
} event_fill;

/* Where a message came from. Native messages are strict; cryptofeed-shaped
 * ones may carry numbers as strings and name instruments by cryptofeed's
 * normalized symbols, from which reference data can be inferred. */
typedef enum {
    EVENT_FROM_NATIVE = 0,
    EVENT_FROM_CRYPTOFEED
} event_origin;

typedef struct {
    event_kind kind;
    event_origin origin;
    char sym[EVENT_SYM_MAX];
    char venue[EVENT_SYM_MAX]; /* exchange; "" is a venue too (none given) */
    char book[EVENT_SYM_MAX];  /* pos and fill: desk or strategy, "" when none */
    char src[EVENT_SYM_MAX]; /* publisher name, "" when not given */
    double ts;               /* publisher's epoch seconds, NAN when absent */
    int64_t seq;             /* valid when has_seq */
    bool has_seq;
    union {
        event_inst inst;
        event_px px;
        event_pos pos;
        event_fill fill;
    } u;
} event;

#endif
