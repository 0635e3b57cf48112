/* snapwire.h - a snapshot as JSON (prefix snapw_): the headless document
 * (docs/PROTOCOL.md, "Headless snapshots"), which is also the state
 * protocol's SNAPSHOT (docs/STATE.md).
 *
 * The document is one object: "version", "ts", "source", one key per part,
 * then "instruments" (one object per instrument, in the engine's order), as
 * the schema's rows say (snaptab.h). Decoding is the inverse, and is fed
 * untrusted bytes: it never crashes, allocates only what a bounded document
 * needs, and on any error leaves its output unchanged (the rules are at
 * the top of state/snaptab.c). */
#ifndef INVTOP_SNAPWIRE_H
#define INVTOP_SNAPWIRE_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/jsonw.h"
#include "invtop/snapshot.h"

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

/* The key of a VaR level: "p95" for 0.95, "p975" for 0.975 (out: len
 * bytes, always terminated). */
void snapw_level_key(double level, char *out, size_t len);

/* Reset w and write the whole document and a newline. Returns 0, or -1
 * when the writer ran out of memory. */
int snapw_document(jw *w, const snap *s);

/* Decode a document (as snapw_document writes it, newline optional) into
 * out. Returns 0, or -1 with a one-line reason in err; out is then
 * unchanged. Keys it does not know are skipped. */
int snapw_decode(const char *js, size_t len, snap *out, char *err, size_t errlen);

#endif
