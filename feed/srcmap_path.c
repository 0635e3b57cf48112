/* srcmap_path.c - the paths of [source NAME] sections: the trie of those
 * from the message's root, compiled for the path-directed scan
 * (feed/srcmap_scan.c), and looking a path up in a message's tokens. */
#include <string.h>

#include "feed/srcmap_in.h"

/* The child of node `at` one step s down, made when there is none yet;
 * -1 when the trie is full. */
static int child_of(sm_trie *tr, int at, const sm_step *s)
{
    sm_node *nd = &tr->node[at];
    for (int c = nd->child; c >= 0; c = tr->node[c].sibling) {
        const sm_node *x = &tr->node[c];
        if (s->index >= 0 ? x->index == s->index
                          : x->index < 0 && x->len == s->len && memcmp(x->key, s->key, s->len) == 0)
            return c;
    }
    if (tr->n == SM_NODES)
        return -1;
    const int c = tr->n++;
    tr->node[c] = (sm_node){s->key, s->len, s->hash, s->index, (int16_t)at, -1, nd->child, false, false, false};
    nd->child = (int16_t)c;
    if (s->index >= 0) {
        nd->elems = true;
    } else {
        nd->keys = true;
        unsigned k = sm_key_slot(at, s->hash);
        while (tr->by_key[k] >= 0)
            k = (k + 1) & (SM_KEY_SLOTS - 1);
        tr->by_key[k] = (int16_t)c;
    }
    return c;
}

/* Put path p in the trie (from_root: it starts at the root) and its nodes in p. */
static void add_path(sm_trie *tr, sm_path *p, bool from_root, bool full)
{
    for (int s = 0; s < SM_STEPS; s++)
        p->node[s] = -1;
    if (!from_root)
        return;
    int at = 0;
    for (int s = 0; s < p->n; s++) {
        if ((at = child_of(tr, at, &p->step[s])) < 0) {
            tr->ok = false;
            return;
        }
        p->node[s] = (int16_t)at;
    }
    if (full)
        tr->node[at].full = true;
}

static void add_term(sm_trie *tr, sm_term *t, bool from_root)
{
    if (t->type == SM_T_PATH || t->type == SM_T_MAP)
        add_path(tr, &t->path, from_root, false);
}

void sm_trie_build(srcmap *m)
{
    sm_trie *tr = &m->trie;
    tr->ok = true;
    tr->n = 1;
    tr->node[0] = (sm_node){NULL, 0, 0, -1, -1, -1, -1, false, false, false};
    for (int k = 0; k < SM_KEY_SLOTS; k++)
        tr->by_key[k] = -1;
    for (size_t i = 0; i < m->n; i++) {
        sm_section *s = m->sec[i];
        const bool records = s->records >= 0;
        for (int k = 0; k < s->nkv; k++) {
            sm_kv *kv = &s->kv[k];
            if (kv->what == K_RECORDS) {
                add_path(tr, kv->c.path, true, true);
            } else if (kv->what == K_WHEN) {
                for (int c = 0; c < kv->c.when->n; c++) {
                    add_term(tr, &kv->c.when->c[c].a, !records || kv->c.when->c[c].a.path.root);
                    add_term(tr, &kv->c.when->c[c].b, !records || kv->c.when->c[c].b.path.root);
                }
            } else if (kv->what == K_FIELD) {
                for (int t = 0; t < kv->c.expr->n; t++)
                    add_term(tr, &kv->c.expr->t[t], !records || kv->c.expr->t[t].path.root);
            }
        }
    }
    /* a records value is tokenized whole: no node below it */
    for (int k = 0; k < tr->n; k++)
        if (tr->node[k].full && tr->node[k].child >= 0)
            tr->ok = false;
}

/* ---- looking a path up ---- */

/* The key token of object t's key (key, len) whose hash is h: the first
 * of them, or -1. Linear, or through t's index, made at its first lookup
 * when it has SM_INDEX_MIN to SM_INDEX_SLOTS / 2 keys. */
static int find_key(srcmap_ctx *cx, const char *js, int t, const char *key, uint32_t len, uint32_t h)
{
    const jsmntok_t *o = &cx->tok[t];
    int table = -1;
    if (o->size >= SM_INDEX_MIN && o->size <= SM_INDEX_SLOTS / 2) {
        for (int i = 0; i < cx->nindexed && table < 0; i++)
            if (cx->indexed[i] == t)
                table = i;
        if (table < 0 && cx->nindexed < SM_INDEXED) {
            table = cx->nindexed++;
            cx->indexed[table] = t;
            int *slot = cx->slot[table];
            memset(slot, 0, sizeof cx->slot[table]);
            for (int k = 0, kt = t + 1; k < o->size; k++, kt = cx->next[kt + 1]) {
                const char *ks = js + cx->tok[kt].start;
                const uint32_t kn = (uint32_t)(cx->tok[kt].end - cx->tok[kt].start);
                unsigned at = sm_key_hash(ks, kn) & (SM_INDEX_SLOTS - 1);
                bool dup = false;
                for (; slot[at] && !dup; at = (at + 1) & (SM_INDEX_SLOTS - 1)) {
                    const jsmntok_t *x = &cx->tok[slot[at] - 1];
                    dup = (uint32_t)(x->end - x->start) == kn && memcmp(js + x->start, ks, kn) == 0;
                }
                if (!dup)
                    slot[at] = kt + 1; /* the first of duplicates stays */
            }
        }
    }
    if (table >= 0) {
        const int *slot = cx->slot[table];
        for (unsigned at = h & (SM_INDEX_SLOTS - 1); slot[at]; at = (at + 1) & (SM_INDEX_SLOTS - 1)) {
            const jsmntok_t *x = &cx->tok[slot[at] - 1];
            if ((uint32_t)(x->end - x->start) == len && memcmp(js + x->start, key, len) == 0)
                return slot[at] - 1;
        }
        return -1;
    }
    for (int k = 0, kt = t + 1; k < o->size; k++, kt = cx->next[kt + 1]) {
        const jsmntok_t *x = &cx->tok[kt];
        /* the length and first byte first: most keys differ there */
        if ((uint32_t)(x->end - x->start) == len && js[x->start] == key[0] && memcmp(js + x->start, key, len) == 0)
            return kt;
    }
    return -1;
}

/* After the path-directed scan: the scan took every node on the way whose
 * value is an object (array) with children by key (index), so a node it
 * has no token for is absent when its parent's value is the container
 * the step needs, and that value is no such container else. */
static walk_rc resolve(const srcmap_ctx *cx, const sm_path *p, int *at, int *step)
{
    int t = cx->node_tok[0];
    for (int s = 0; s < p->n; s++) {
        const int v = cx->node_tok[p->node[s]];
        if (v < 0) {
            *step = s;
            const jsmntype_t want = p->step[s].index >= 0 ? JSMN_ARRAY : JSMN_OBJECT;
            return cx->tok[t].type == want ? W_ABSENT : W_THROUGH;
        }
        t = v;
    }
    *at = t;
    return W_FOUND;
}

walk_rc sm_walk(srcmap_ctx *cx, const char *js, int from, const sm_path *p, int *at, int *step)
{
    if (cx->fast && p->node[0] >= 0)
        return resolve(cx, p, at, step);
    int t = p->root ? 0 : from;
    for (int s = 0; s < p->n; s++) {
        const sm_step *st = &p->step[s];
        const jsmntok_t *o = &cx->tok[t];
        *step = s;
        if (st->index >= 0) {
            if (o->type != JSMN_ARRAY)
                return W_THROUGH;
            if (st->index >= o->size)
                return W_ABSENT;
            int e = t + 1;
            for (int k = 0; k < st->index; k++)
                e = cx->next[e];
            t = e;
            continue;
        }
        if (o->type != JSMN_OBJECT)
            return W_THROUGH;
        const int key = find_key(cx, js, t, st->key, st->len, st->hash);
        if (key < 0)
            return W_ABSENT;
        t = key + 1;
    }
    *at = t;
    return W_FOUND;
}
