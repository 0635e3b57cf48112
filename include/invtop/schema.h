/* schema.h - the snapshot's schema: one row per field (prefix sch_).
 *
 * A table describes one JSON object of the headless document (a part, an
 * instrument, a quote, a holding...): for each member its key, its type,
 * where it lives in the C struct (an offset from the object's base), its
 * number format, what null means and a one-line doc. The same rows drive
 * the encoder (sch_write), the decoder (sch_read), the field-by-field diff
 * of the state protocol (sch_leaves, sch_apply_leaf) and the key lists of
 * docs/PROTOCOL.md and docs/STATE.md (sch_doc). A figure that is not a plain
 * value (an array, a name looked up in another part, a value derived from
 * others) is a SCH_CUSTOM row whose write and read functions live beside
 * the table (state/snaptab.c); everything else is generic.
 *
 * Nothing here allocates except through the snapshot's own functions; no
 * globals. Decoding is fed untrusted bytes: it never crashes, and errors
 * name their place (jsonr.h). */
#ifndef INVTOP_SCHEMA_H
#define INVTOP_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/jsonr.h"
#include "invtop/jsonw.h"
#include "invtop/snapshot.h"

typedef enum {
    SCH_NUM,    /* double, up to 15 significant digits; NAN is null */
    SCH_FIXED,  /* double, `prec` decimals; NAN is null */
    SCH_U64,    /* uint64_t count */
    SCH_SIZE,   /* size_t count */
    SCH_ULONG,  /* unsigned long count */
    SCH_BOOL,   /* bool */
    SCH_STR,    /* char[size]; "" is written "" */
    SCH_STRNULL,/* char[size]; "" is written null */
    SCH_ENUM,   /* an int-like of `size` bytes, written as names[value] */
    SCH_OBJ,    /* a nested object: `sub`'s rows, offsets from the same base */
    SCH_ARR,    /* an array of `sub` objects: count() of them at elem(k) */
    SCH_CUSTOM  /* write() and read() do it */
} sch_type;

typedef struct sch_row sch_row;

/* One object's rows. finish, when set, runs after the rows were read with
 * each row's value token in tok[] (-1 when absent): what the object derives
 * from several keys (presence flags). Returns 0 or -1 (an error set). */
typedef struct {
    const char *name; /* its place in the document, for the docs */
    size_t size;      /* of the struct an object is read into (an array's elements) */
    const sch_row *rows;
    int nrows;
    int (*finish)(const jr *r, const int *tok, void *base, snap *s);
} sch_table;

struct sch_row {
    const char *key;
    sch_type type;
    size_t off;                   /* from the object's base */
    size_t size;                  /* SCH_STR*: the array; SCH_ENUM: the integer */
    int prec;                     /* SCH_FIXED: decimals */
    const char *const *names;     /* SCH_ENUM: by value (or name_fn) */
    const char *(*name_fn)(int v); /* SCH_ENUM: the name of value v < nnames */
    int nnames;
    const char *what;             /* SCH_ENUM: what the names are, for errors */
    const sch_table *sub;         /* SCH_OBJ, SCH_ARR: the nested rows */
    /* optional: false leaves the key out (written), which reads as absent */
    bool (*present)(const void *base);
    /* optional for SCH_NUM/SCH_FIXED: the value written, when not the field's */
    double (*get)(const void *base);
    /* SCH_OBJ: written null when this says so (optional) */
    bool (*is_null)(const void *base);
    /* SCH_ARR: the elements (elem returns NULL past the end) */
    size_t (*count)(const void *base, const snap *s);
    void *(*elem)(const void *base, const snap *s, size_t k);
    /* SCH_ARR read generically (read NULL): resize makes room for n
     * elements and sets the count to n (-1 without memory); over max
     * elements (0: no bound) is refused, or with keep_last the newest max
     * are kept, with keep_first the first max */
    int (*resize)(void *base, snap *s, size_t n);
    size_t max;
    bool keep_first, keep_last;
    /* SCH_CUSTOM, and an SCH_ARR read otherwise (the whole array at v) */
    void (*write)(jw *w, const void *base, const snap *s);
    int (*read)(const jr *r, int v, void *base, snap *s);
    const char *unit;             /* the docs' type column: "USD", "s", ... */
    const char *doc;              /* one line, with what null means */
};

/* Row constructors: a table row is one line. */
#define SCH_ROW(T, k, ty, m, ...) {.key = k, .type = ty, .off = offsetof(T, m), .size = sizeof(((T *)0)->m), __VA_ARGS__}
#define SCH_NROWS(a) ((int)(sizeof(a) / sizeof(a)[0]))

/* Write the object of table t at base into w (not reset): "{...}". */
void sch_write(jw *w, const sch_table *t, const void *base, const snap *s);

/* Write row x's value (not its key) for base. */
void sch_write_value(jw *w, const sch_row *x, const void *base, const snap *s);

/* Read the object at token v (absent or null: {}) into base with table t:
 * absent keys take their defaults (NAN, 0, false, "", names[0]), unknown
 * keys are skipped, a known key twice is an error. Returns 0, or -1 with
 * the reason set (base partly written). Only for a document from jr_open. */
int sch_read(const jr *r, int v, const sch_table *t, void *base, snap *s);

/* Read one row's value at token v into base (absent or null: its default).
 * Returns 0 or -1 (an error set). */
int sch_read_value(const jr *r, int v, const sch_row *x, void *base, snap *s);

/* The index of t's row named key, or -1. */
int sch_find(const sch_table *t, const char *key);

/* ---- the diff: an object as leaves ----
 * A leaf is one value the state protocol can send on its own: a scalar or
 * custom row, a nested object's or array's shape (null/{} or the element
 * count), each of a nested object's or array element's rows. Its id names
 * it: row | (sub + 1) << 6 | elem << 12. Two encodings of an object with
 * the same ids in the same order differ only in the leaves whose text
 * differs; other ids mean another shape (send the object whole). */
#define SCH_LEAF_ROW(id) ((id) & 63u)
#define SCH_LEAF_SUB(id) ((int)(((id) >> 6) & 63u) - 1)
#define SCH_LEAF_ELEM(id) ((id) >> 12)
#define SCH_MAX_LEAF_ELEMS (1u << 19)

typedef struct {
    uint32_t *id;
    size_t *start, *len; /* the leaf's JSON text in text.buf */
    size_t n, cap;
    jw text;
    bool failed;         /* out of memory: the list is not whole */
} sch_leaves;

/* Free l's memory (a zeroed sch_leaves is empty). */
void sch_leaves_free(sch_leaves *l);

/* Reset l and list the leaves of table t's object at base. Returns 0, or
 * -1 without memory. */
int sch_leaves_of(sch_leaves *l, const sch_table *t, const void *base, const snap *s);

/* Decode leaf `id`'s value at token v into the object of table t at base
 * (the nested element it names, for an array). Shape leaves (a nested
 * object's or array's own id) are refused: a new shape comes whole.
 * Returns 0, or -1 (an error set): a bad id or value; base may then be
 * partly written (callers try on a copy first). */
int sch_apply_leaf(const jr *r, int v, uint32_t id, const sch_table *t, void *base, snap *s);

/* The row of t a leaf id names (its nested row for a sub-leaf), or NULL. */
const sch_row *sch_leaf_row(const sch_table *t, uint32_t id);

/* ---- docs ---- */

/* Write the key list of t as docs lines "PATH  TYPE  DOC" under prefix
 * (e.g. "portfolio", "instruments[]"), each nested table's rows after its
 * row when nested (else t's rows only). */
void sch_doc(jw *w, const sch_table *t, const char *prefix, bool nested);

#endif
