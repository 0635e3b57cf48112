/* snapwire.h - a snapshot as JSON (prefix snapw_): the headless document
 * (docs/PROTOCOL.md, "Headless snapshots") and, part by part, the state
 * protocol's payload (docs/STATE.md).
 *
 * The document is one object: "version", "ts", then one key per part below,
 * then "instruments" (one object per instrument, in the engine's order). A
 * part or an instrument is encoded on its own so the state protocol can
 * send only those whose encoding changed; the viewer reassembles the same
 * document. Decoding is the inverse, and is fed untrusted bytes: it never
 * crashes, allocates only what a bounded document needs, and on any error
 * leaves its output unchanged. */
#ifndef INVTOP_SNAPWIRE_H
#define INVTOP_SNAPWIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/jsonw.h"
#include "invtop/snapshot.h"

typedef enum {
    SNAPW_FEED = 0,
    SNAPW_PORTFOLIO,
    SNAPW_RISK,
    SNAPW_UNDERLYINGS,
    SNAPW_LIMITS,
    SNAPW_BOOKS,
    SNAPW_QUOTE_PARAMS,
    SNAPW_OVERRIDES,
    SNAPW_SECURITY,
    SNAPW_EVENTS,
    SNAPW_SERIES,
    SNAPW_PARTS
} snapw_part;

/* Largest document the decoder accepts (bytes). */
#define SNAPW_MAX_DOC (64u * 1024 * 1024)
/* Most instruments a decoded document may hold. */
#define SNAPW_MAX_INST 100000
/* Deepest nesting the decoder accepts (the top object is depth 1; the
 * document nests 5 deep, the rest is room for what a newer engine adds). */
#define SNAPW_MAX_DEPTH 32

/* security.feed_sockets[]: "role" by snap_sock.bind, "mode" by .curve (the
 * encoder writes, the decoder reads these names). */
extern const char *const snapw_sock_role[2]; /* "connect", "bind" */
extern const char *const snapw_sock_mode[2]; /* "plain", "curve" */

/* The document key of a part ("feed", "portfolio", ...). */
const char *snapw_part_name(snapw_part p);

/* Part p's value is an array (underlyings, books, series); the others are
 * objects, as is every instrument. */
bool snapw_part_is_array(snapw_part p);

/* The key of a VaR level: "p95" for 0.95, "p975" for 0.975 (out: len
 * bytes, always terminated). */
void snapw_level_key(double level, char *out, size_t len);

/* Write part p's value (an object or array) into w (not reset). */
void snapw_part_value(jw *w, const snap *s, snapw_part p);

/* Write instrument i's object into w (not reset). */
void snapw_inst(jw *w, const snap *s, size_t i);

/* Reset w and write the whole document and a newline. Returns 0, or -1
 * when the writer ran out of memory. */
int snapw_document(jw *w, const snap *s);

/* A document kept as its encoded pieces, as the state protocol moves them:
 * the engine keeps what it last sent, a viewer what it last received, and
 * both assemble the very bytes snapw_document writes. */
typedef struct {
    uint64_t version;
    double ts;
    char source[SNAP_TEXT];
    jw part[SNAPW_PARTS];
    jw *inst;               /* encoded instrument objects, in the engine's order */
    size_t ninst, cap;
} snapw_store;

/* An empty store (free with snapw_store_free). */
void snapw_store_init(snapw_store *st);
void snapw_store_free(snapw_store *st);

/* Replace part p, or instrument i (i <= ninst: one past the end appends),
 * with the n bytes at text. Returns 0, or -1 without memory or for an i
 * beyond the end (nothing changes). */
int snapw_store_part(snapw_store *st, snapw_part p, const char *text, size_t n);
int snapw_store_inst(snapw_store *st, size_t i, const char *text, size_t n);

/* Reset w and write the store's document and a newline. Returns 0, or -1
 * without memory. */
int snapw_store_document(const snapw_store *st, jw *w);

/* Decode a document (as snapw_document writes it, newline optional) into
 * out. Returns 0, or -1 with a one-line reason in err; out is then
 * unchanged. Keys it does not know are skipped. */
int snapw_decode(const char *js, size_t len, snap *out, char *err, size_t errlen);

#endif
