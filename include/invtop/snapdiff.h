/* snapdiff.h - the state protocol's UPDATE: what changed between two
 * snapshots, field by field (prefix sdiff_; docs/STATE.md).
 *
 * The engine keeps, per instrument, the leaves it last sent (schema.h: one
 * per field, a 64-bit hash of its text each) and each part's last text; an
 * update carries the parts whose text changed, whole (they are few and
 * small), and for each instrument that changed either its changed leaves
 * [INDEX, ID, VALUE, ID, VALUE, ...] or, when its shape changed (a quote
 * appears, a holding is added, greeks come or go) or it is new, the whole
 * object [INDEX, OBJECT]. A viewer applies it to the snapshot it holds,
 * decoding only the values carried: no document is rebuilt or re-read. */
#ifndef INVTOP_SNAPDIFF_H
#define INVTOP_SNAPDIFF_H

#include <stddef.h>
#include <stdint.h>

#include "invtop/jsonw.h"
#include "invtop/schema.h"
#include "invtop/snapshot.h"

/* One instrument as last sent: its leaves' ids and hashes. */
typedef struct {
    uint32_t *id;
    uint64_t *hash;
    size_t n, cap;
} sdiff_sig;

/* The engine's side: what the viewers hold. */
typedef struct {
    jw *part;               /* by the document's row; len 0: never sent */
    int nparts;
    sdiff_sig *sig;         /* per instrument */
    size_t nsig, cap_sig;
    snap_inst *last_inst;   /* the instruments as last diffed, to skip unchanged ones */
    snap_holding *last_hold;
    size_t nlast, cap_last, cap_last_hold;
    sch_leaves leaves;
    jw scratch;
    uint64_t leaf_entries, whole_entries; /* instruments sent as leaves, whole */
} sdiff;

/* An empty diff state: the first update carries everything. */
void sdiff_init(sdiff *d);
void sdiff_free(sdiff *d);

/* Forget what was sent: the next update carries everything. */
void sdiff_forget(sdiff *d);

/* Reset out and write the update that takes what d last sent to s, then
 * remember s. Returns 0, or -1 without memory (d then forgets: the next
 * update is whole). */
int sdiff_update(sdiff *d, const snap *s, jw *out);

/* Apply update js[0..len) to s, at version `version`. Returns 0, or -1
 * with the reason in err (errlen may be 0) and s unchanged: not strict
 * JSON, a part or field whose value is not what the schema says, an
 * instrument index beyond the count, a leaf of no field, a count that does
 * not match. Untrusted bytes: never crashes. */
int sdiff_apply(snap *s, uint64_t version, const char *js, size_t len, char *err, size_t errlen);

#endif
