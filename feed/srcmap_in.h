/* srcmap_in.h - the compiled form of [source NAME] sections, shared by
 * feed/srcmap.c (configuration: compile, check, print) and
 * feed/srcmap_eval.c (decoding). Private to feed/. */
#ifndef INVTOP_SRCMAP_IN_H
#define INVTOP_SRCMAP_IN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "invtop/srcmap.h"
#include "invtop/wire_body.h" /* jsmn, configured as the decoder has it */

#define SM_STEPS 12 /* steps of one path */
#define SM_TERMS 8  /* terms of one expression */
#define SM_MAP 16   /* entries of one map */
#define SM_CONDS 8  /* conditions of one `when` */
#define SM_PARTS 16 /* literals and captures of one template */
#define SM_KEYS 40  /* keys one section may set */

/* The fields a section may give, every kind's (sm_field_info says whose). */
typedef enum {
    F_SYM, F_VENUE, F_TS, F_SEQ, F_SRC,                    /* every kind */
    F_BID, F_ASK, F_MID, F_LAST, F_IV,                     /* px (iv: inst too) */
    F_QTY, F_AVG_PX, F_SIDE, F_BOOK,                       /* pos (qty, side, book: fill too) */
    F_PX, F_FEE, F_CL_ORD_ID,                              /* fill */
    F_UNDERLYING, F_MULT, F_TICK, F_LOT, F_STRIKE, F_EXPIRY, F_RIGHT,
    F_LOWER, F_UPPER, F_QUOTE, F_SETTLE, F_INST_KIND,      /* inst */
    F_COUNT
} sm_field;

/* What a field's native value is, for naming the field a native refusal
 * concerns (sm_blame): symbol bytes, a client order id, a number (with a
 * value that passes every native check of it), or one of some words. */
typedef enum { FC_SYMBOL, FC_ID, FC_NUMBER, FC_WORD } sm_fclass;

typedef struct {
    const char *name;   /* the key in a section */
    const char *native; /* its key in the native body ("kind" for inst_kind) */
    unsigned kinds;     /* bit k: a field of event_kind k */
    sm_fclass cls;
    const char *good;   /* FC_NUMBER: a value every native check takes */
} sm_field_def;

/* Field f's definition; f < F_COUNT. */
const sm_field_def *sm_field_info(sm_field f);

/* The field a native refusal st of the native body body[0..len) of kind
 * `kind` concerns: the first whose value fails its own check (symbol bytes,
 * a number's grammar) or, put in place of a value that passes every check,
 * makes the decoder say something else; with WIRE_ERR_VALUE, else the first
 * word field. Its name, and its value's text (at most cap - 1 bytes) in
 * val; NULL when no one field can be named. scratch (scratch_cap bytes)
 * holds the bodies tried. For the refusal path only: it decodes the body
 * again once per field. */
const char *sm_blame(event_kind kind, const char *body, size_t len, wire_status st, char *scratch,
                     size_t scratch_cap, char *val, size_t cap);

/* The field named s[0..n), or -1. */
int sm_field_named(const char *s, size_t n);

/* The name of event_kind kind ("px"...); kind < EVENT_KIND_COUNT. */
const char *sm_kind_name(int kind);

/* One step of a path: a key (index < 0) or an array element [index]. */
typedef struct {
    const char *key; /* into the key's value text; not terminated */
    uint32_t len;
    int32_t index;
    uint32_t hash; /* sm_key_hash of the key */
} sm_step;

/* A key's hash for the object indexes of feed/srcmap_eval.c: its length
 * and first and last bytes, mixed. */
static inline uint32_t sm_key_hash(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    return (uint32_t)n * 0x9E3779B1u ^ (uint32_t)(unsigned char)s[0] * 0x85EBCA6Bu ^
           (uint32_t)(unsigned char)s[n - 1] * 0xC2B2AE35u;
}

typedef struct {
    bool root; /* `$.`: from the message's root, else from the record */
    uint8_t n;
    sm_step step[SM_STEPS];
    /* node[s]: the trie node of the path's first s + 1 steps (see sm_trie),
     * -1 for a path from the record (in a section with records) */
    int16_t node[SM_STEPS];
    const char *text; /* as written, for messages */
    uint32_t text_len;
} sm_path;

typedef enum { SM_T_PATH, SM_T_TEXT, SM_T_NUM, SM_T_MAP } sm_term_type;

/* A map entry: key (text) to a value, text or number. */
typedef struct {
    const char *key, *val; /* into the value text; not terminated */
    uint32_t key_len, val_len;
    bool num; /* the value is a number, x */
    double x;
} sm_entry;

typedef struct {
    sm_term_type type;
    sm_path path;   /* PATH, MAP: where the value is */
    const char *s;  /* TEXT: the constant; NUM: as written */
    uint32_t n;
    double x;       /* NUM */
    uint8_t nmap;
    int8_t dflt;    /* MAP: the `*` entry, -1 none */
    sm_entry map[SM_MAP];
} sm_term;

/* Terms joined by `*` or `/`, left to right: op[i] joins t[i-1] and t[i]. */
typedef struct {
    uint8_t n;
    char op[SM_TERMS];
    sm_term t[SM_TERMS];
} sm_expr;

typedef enum { SM_EQ, SM_NE, SM_ABSENT } sm_cmp;
typedef struct {
    sm_cmp op; /* ABSENT: `!PATH`, a.path the path */
    sm_term a, b;
} sm_cond;
typedef struct {
    uint8_t n;
    sm_cond c[SM_CONDS];
} sm_when;

/* A text template: literals and {FIELD} captures, never two captures in a
 * row (where would the first end?). */
typedef struct {
    uint8_t n;
    struct {
        bool cap;
        const char *s; /* the literal, or the capture's field name */
        uint32_t len;
        int field; /* a capture's sm_field, -1 when unknown */
    } p[SM_PARTS];
} sm_tmpl;

typedef enum { K_TOPIC, K_WHEN, K_KIND, K_RECORDS, K_TEXT, K_FIELD } sm_keytype;

/* One key as set: its text, and what it compiled to. */
typedef struct {
    char *key, *val;
    sm_keytype what;
    int field; /* K_FIELD: its sm_field, -1 for a name no kind knows */
    union {
        sm_when *when;   /* K_WHEN */
        sm_path *path;   /* K_RECORDS */
        sm_tmpl *tmpl;   /* K_TEXT */
        sm_expr *expr;   /* K_FIELD */
        void *any;
    } c;                 /* NULL for topic and kind */
} sm_kv;

typedef struct {
    char name[SRCMAP_NAME_MAX];
    int nkv;
    sm_kv kv[SM_KEYS];
    /* each key's position in kv, -1 when not set */
    int topic, when, kind_at, records, text;
    int field[F_COUNT];
    int kind; /* the event_kind `kind` names, -1 when not set */
} sm_section;

/* Room for as many trie nodes: more, and the mapping is decoded the
 * general way only. */
#define SM_NODES 256

/* A node of the trie of every path the sections follow from the message's
 * root: a value the path-directed scan looks for (feed/srcmap_scan.c).
 * Node 0 is the root. */
typedef struct {
    const char *key; /* the step from the parent: a key (index < 0) */
    uint32_t len, hash;
    int32_t index;   /* or the element [index] */
    int16_t parent, child, sibling; /* the first child, the next sibling; -1 none */
    bool full;       /* a records path: every token of its value */
    bool keys, elems; /* it has children by key, by index */
} sm_node;

/* Slots of the trie's table of children by key (a power of two, four
 * times SM_NODES: a key no path wants mostly meets an empty slot). */
#define SM_KEY_SLOTS 1024

/* Where a child by key of node `parent` whose key's hash is h goes first
 * in sm_trie.by_key. */
static inline unsigned sm_key_slot(int parent, uint32_t h)
{
    return (h ^ (uint32_t)parent * 0x27D4EB2Fu) & (SM_KEY_SLOTS - 1);
}

typedef struct {
    bool ok; /* the path-directed scan serves the mapping */
    int n;
    sm_node node[SM_NODES];
    int16_t by_key[SM_KEY_SLOTS]; /* children by key, -1: empty */
} sm_trie;

struct srcmap {
    size_t n;
    sm_section *sec[SRCMAP_MAX_SECTIONS];
    sm_trie trie; /* rebuilt by srcmap_set (sm_trie_build) */
};

/* Compile every path of m's sections from the message's root (those of a
 * section without records, `$.` paths and records paths) into m->trie and
 * their nodes into the paths. ok is false when there are more nodes than
 * SM_NODES, or a records path has a path below it (its value is tokenized
 * whole and looked up the general way). */
void sm_trie_build(srcmap *m);

/* A message's JSON as tokens (feed/srcmap_scan.c): js[0..len) one JSON
 * value with only white space after it, as jsmn tokenizes it (strict,
 * parent links) into tok[0..*ntok) (cap at most), with next[i] the token
 * after token i's value (for a key: its value). False when it is not. */
bool sm_tokens(const char *js, size_t len, jsmntok_t *tok, int *next, int *stack, int cap, int *ntok);
/* The two ways sm_tokens has, each alone, for the tests: jsmn (stack:
 * cap ints of scratch), and the one-pass scanner, which takes only plain
 * messages (an object or array at the root, no escapes, no NUL, numbers
 * and literals in JSON's grammar) and says false for the rest, promising
 * nothing then; what it takes it gives exactly as jsmn does. */
/* One value at *at, its tokens from *ntok on as sm_scan makes them (parent
 * its parent token, -1 none; depth containers open around it); false when
 * it is not plain, else *at past it and the white space after it. */
bool sm_scan_value(const char *js, size_t len, size_t *at, jsmntok_t *tok, int *next, int cap, int *ntok, int depth,
                   int parent);
/* The path-directed scan: a plain message (what sm_scan takes: false for
 * the rest, promising nothing then) read once, looking only for the trie's
 * values. slot[k] (k < tr->n) is the token of node k's value, -1 when the
 * message has none; a token written is the one sm_scan writes at that
 * index (a skipped object's or array's size aside), with next[]; a records
 * (full) node's value has all its tokens. */
bool sm_fast_scan(const sm_trie *tr, const char *js, size_t len, jsmntok_t *tok, int *next, int cap, int *slot);
bool sm_tokens_jsmn(const char *js, size_t len, jsmntok_t *tok, int *next, int *stack, int cap, int *ntok);
bool sm_scan(const char *js, size_t len, jsmntok_t *tok, int *next, int cap, int *ntok);

/* Room for every token of a WIRE_MAX_FRAME body: each takes 2 bytes at the
 * least ("1," or "[]"). */
#define SM_MAX_TOKENS (WIRE_MAX_FRAME / 2 + 2)

#define SM_INDEXED 8       /* objects indexed per message */
#define SM_INDEX_MIN 9     /* keys from which an object is indexed */
#define SM_INDEX_SLOTS 128 /* a power of two, for up to half as many keys */

struct srcmap_ctx {
    jsmntok_t tok[SM_MAX_TOKENS];
    int next[SM_MAX_TOKENS]; /* the token after token i's value (its subtree) */
    int stack[SM_MAX_TOKENS];
    int ntok;
    /* fast: the path-directed scan read the message, slot[] its trie
     * nodes' tokens (sm_fast_scan); else tok[0..ntok) are all its tokens */
    bool fast;
    bool general; /* never the path-directed scan (the tests' reference) */
    int node_tok[SM_NODES];
    /* Objects of many keys get a hash index of their keys at their first
     * lookup: a Deribit ticker's 22 keys were searched a dozen times a
     * message (callgrind). indexed[i] is the object token of table i. */
    int nindexed;
    int indexed[SM_INDEXED];
    int slot[SM_INDEXED][SM_INDEX_SLOTS]; /* key token + 1, 0: empty */
    event ev[SRCMAP_MAX_EVENTS];
    char blame[WIRE_MAX_FRAME]; /* sm_blame's scratch */
    char body[WIRE_MAX_FRAME];
};

typedef enum { W_FOUND, W_ABSENT, W_THROUGH } walk_rc;

/* Follow path p from token `from` (the record; `$.`: the root) in
 * cx->tok. W_FOUND with *at its value; W_ABSENT when a key or element is
 * not there; W_THROUGH when a step meets a value that is no object (no
 * array for [N]), *step saying which. The first of duplicate keys is
 * taken. After the path-directed scan (cx->fast), a path with trie nodes
 * is looked up in cx->node_tok, with the same answer. */
walk_rc sm_walk(srcmap_ctx *cx, const char *js, int from, const sm_path *p, int *at, int *step);

#endif
