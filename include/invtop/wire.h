/* wire.h - decoding and validating wire protocol v1 messages (docs/PROTOCOL.md).
 *
 * A message arrives as one frame "TOPIC JSON" or two frames [TOPIC][JSON].
 * Decoding is all-or-nothing: on any error the output event is unspecified
 * and the caller must not use it; nothing outside the event is touched. The
 * decoder never allocates and keeps no state, so it is safe to call from any
 * thread and on any bytes. */
#ifndef INVTOP_WIRE_H
#define INVTOP_WIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/event.h"

/* Frames larger than this are refused (also set as ZMQ_MAXMSGSIZE). */
#define WIRE_MAX_FRAME (64 * 1024)
/* Largest accepted |qty| and price; larger ones are "absurd". */
#define WIRE_MAX_QTY 1e12
#define WIRE_MAX_PRICE 1e12

/* Outcome of decoding one message. WIRE_OK and WIRE_IGNORED are not errors;
 * every other value is a reject reason with a stable name (wire_status_name),
 * used as the key in the headless "rejected" object. The order is the order
 * of the reason counters: append, never reorder. */
typedef enum {
    WIRE_OK = 0,
    WIRE_IGNORED,       /* well formed but not ours: other cryptofeed keys, hb */
    WIRE_ERR_FRAMING,   /* no topic, empty frame, more than two frames */
    WIRE_ERR_OVERSIZE,  /* a frame over WIRE_MAX_FRAME */
    WIRE_ERR_JSON,      /* not one JSON object, or a duplicated key */
    WIRE_ERR_KIND,      /* unknown topic kind */
    WIRE_ERR_MISSING,   /* a required field is absent */
    WIRE_ERR_TYPE,      /* a field has the wrong JSON type */
    WIRE_ERR_NUMBER,    /* non-finite or out-of-range number */
    WIRE_ERR_PRICE,     /* price <= 0 or above WIRE_MAX_PRICE */
    WIRE_ERR_QTY,       /* |qty| > WIRE_MAX_QTY, or a fill qty <= 0 */
    WIRE_ERR_CROSSED,   /* bid > ask */
    WIRE_ERR_SYMBOL,    /* over 47 bytes or outside [A-Za-z0-9._:/-] */
    WIRE_ERR_TOPIC,     /* the topic's .SYMBOL disagrees with "sym" */
    WIRE_ERR_VALUE,     /* bad enumerated value: side, kind, right, expiry */
    WIRE_ERR_BOOK_FULL, /* a new symbol but the book has no room (set by the caller) */
    WIRE_ERR_SEQ_DUP,   /* seq equal to the last one from that src (set by the caller) */
    WIRE_ERR_SEQ_OLD,   /* seq below the last one from that src (set by the caller) */
    WIRE_STATUS_COUNT
} wire_status;

/* Stable lower-case name of a status ("ok", "ignored", "bad_json", ...).
 * Returns a static string; "unknown" for an out-of-range value. */
const char *wire_status_name(wire_status status);

/* The message kinds, one row each by event_kind (feed/wire.c): how a topic
 * names the kind, natively (KIND or KIND.SYMBOL) and as a cryptofeed
 * channel, and how its body becomes the kind's part of the event. The
 * topics, the bodies and the comparison of events are read from the rows:
 * a new kind is an event_kind, one row and its decoder (and risk/book.c
 * applying it). */
struct body_view; /* wire_body.h */
#define WIRE_KIND_KEYS 4 /* room for a kind's required keys, and the NULL after them */
typedef struct {
    const char *topic;      /* native: the topic's KIND */
    const char *cf_channel; /* the cryptofeed channel (KEY) it comes as, NULL: none */
    bool booked;            /* carries a book: native "book", cryptofeed "account" */
    /* The kind's part of ev from body b, the common fields (sym, venue,
     * ts, seq, src, book) read already: native names, and cryptofeed's
     * (NULL without a channel). */
    wire_status (*native)(const struct body_view *b, event *ev);
    wire_status (*cryptofeed)(const struct body_view *b, event *ev);
    /* A fast path for the hottest bodies, NULL: none. True with *ev made
     * when body[0..len) is a plain body it takes, for a topic naming
     * symbol sym (sym_len bytes; NULL: none); false leaves the body to
     * the general path, which then decides (and decides alike). */
    bool (*direct)(const char *body, size_t len, const char *sym, size_t sym_len, event *ev);
    /* The kind's part of two events of this kind equal, numbers bit for bit. */
    bool (*equal)(const event *a, const event *b);
    /* The keys a native and a cryptofeed body cannot do without, the
     * symbol aside (which the topic may give), NULL-terminated: what the
     * protocol promises, checked by the tests against the decoders. */
    const char *required[WIRE_KIND_KEYS];
    const char *cf_required[WIRE_KIND_KEYS];
} wire_kind;

/* Kind k's row; k < EVENT_KIND_COUNT, asserted. */
const wire_kind *wire_kind_info(event_kind k);

/* Decode a message given as separate topic and JSON body (the two-frame form,
 * also used by replay). Neither buffer needs a terminator. On WIRE_OK *out
 * holds the event; any other status leaves *out unspecified. */
wire_status wire_decode(const char *topic, size_t topic_len,
                        const char *body, size_t body_len, event *out);

/* wire_decode without its fast path for the common native px body: the
 * reference that path is tested against (the unit tests and the wire
 * fuzzer require the same status and the same event from both). */
wire_status wire_decode_general(const char *topic, size_t topic_len,
                                const char *body, size_t body_len, event *out);

/* Decode a native body of kind `kind` that a venue's message was mapped
 * into (srcmap.h): what wire_decode does with the topic "KIND", except that
 * numbers may also come as strings holding a number in JSON's grammar
 * (numeric_type=str: "25.35190000"; "abc" is WIRE_ERR_TYPE). The event's
 * origin is EVENT_FROM_NATIVE, and every check of a native body applies.
 * Same result contract as wire_decode; kind < EVENT_KIND_COUNT, asserted. */
wire_status wire_decode_mapped(event_kind kind, const char *body, size_t len, event *ev);

/* True when a and b are the same decoded event: kind, origin, names, ts,
 * seq when present, and every field of the kind's part, numbers bit for bit
 * (so a NaN equals the same NaN, and 0 is not -0). For comparing decoders. */
bool wire_events_equal(const event *a, const event *b);

/* Decode a message as received: nframes frames with their lengths. Only 1 or
 * 2 frames are valid (any other count is WIRE_ERR_FRAMING, and frames/lens
 * need only hold min(nframes, 2) entries). One frame is split at its first
 * space into topic and body. Same result contract as wire_decode. */
wire_status wire_decode_frames(size_t nframes, const char *const frames[],
                               const size_t lens[], event *out);

/* A quote as invtop publishes it (quote.SYM): the fields a quoting engine or
 * the synthetic feed needs. A withdrawn side is null on the wire, NAN here. */
typedef struct {
    char sym[EVENT_SYM_MAX];
    double bid, ask;
    bool paused;
} wire_quote;

/* Decode a quote message body (topic "quote.SYM" or "quote"). Returns WIRE_OK,
 * WIRE_ERR_KIND for another topic, or the reason the body is refused. */
wire_status wire_decode_quote(const char *topic, size_t topic_len, const char *body,
                              size_t body_len, wire_quote *out);

/* Parse an expiry given as ISO-8601 UTC ("2026-12-25", "2026-12-25T08:00:00Z",
 * fractional seconds allowed) into epoch seconds. Returns 0 and sets *out,
 * or -1 when the text is not such a date. */
int wire_parse_iso8601(const char *text, size_t len, double *out);

#endif
