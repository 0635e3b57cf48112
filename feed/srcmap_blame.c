/* srcmap_blame.c - which field a native refusal of a mapped record
 * concerns (see sm_blame in srcmap_in.h): the refusal path only, so that a
 * desk reading "bybit-execution: cl_ord_id: bad_symbol ('')" knows what to
 * change in its mapping. */
#include <string.h>

#include "feed/srcmap_in.h"
#include "invtop/wire_body.h"

/* The field whose native key is s[0..n), or NULL. */
static const sm_field_def *field_of(const char *s, size_t n)
{
    for (int f = 0; f < F_COUNT; f++) {
        const sm_field_def *d = sm_field_info((sm_field)f);
        if (strlen(d->native) == n && memcmp(d->native, s, n) == 0)
            return d;
    }
    return NULL;
}

/* Its own check of one value: symbol bytes, an id's, a number's grammar. */
static bool value_ok(const body_view *b, int i, sm_fclass cls)
{
    char id[EVENT_ID_MAX];
    double x;
    switch (cls) {
    case FC_SYMBOL: return wb_key_symbol(b, i, false, id) == WIRE_OK;
    case FC_ID: return wb_key_id(b, i, false, id) == WIRE_OK;
    case FC_NUMBER: return wb_key_number_or(b, i, &x, WIRE_OK) == WIRE_OK;
    case FC_WORD: break;
    }
    return true;
}

/* The native body with value token v replaced by good: the decoder's word
 * on it (WIRE_ERR_OVERSIZE when it does not fit). */
static wire_status with_good_value(event_kind kind, const char *body, size_t len, const jsmntok_t *v,
                                   const char *good, char *buf, size_t cap)
{
    const size_t start = (size_t)v->start - (v->type == JSMN_STRING), end = (size_t)v->end + (v->type == JSMN_STRING);
    const size_t glen = strlen(good);
    if (len - (end - start) + glen > cap)
        return WIRE_ERR_OVERSIZE;
    memcpy(buf, body, start);
    memcpy(buf + start, good, glen);
    memcpy(buf + start + glen, body + end, len - end);
    event ev;
    return wire_decode_mapped(kind, buf, len - (end - start) + glen, &ev);
}

const char *sm_blame(event_kind kind, const char *body, size_t len, wire_status st, char *scratch,
                     size_t scratch_cap, char *val, size_t cap)
{
    jsmntok_t tok[WIRE_MAX_TOKENS];
    body_view b;
    if (cap)
        val[0] = '\0';
    if (wb_parse_body_jsmn(body, len, tok, &b) != WIRE_OK)
        return NULL;
    b.numeric_strings = true;
    const sm_field_def *word = NULL;
    int word_at = -1;
    for (int pass = 0; pass < 2; pass++) /* each value alone first, then in place */
        for (int i = 0; i < b.nkeys; i++) {
            const jsmntok_t *k = &tok[b.key[i]], *v = &tok[b.key[i] + 1];
            const sm_field_def *d = field_of(body + k->start, (size_t)(k->end - k->start));
            if (!d)
                continue;
            bool blamed = false;
            if (pass == 0) {
                blamed = !value_ok(&b, i, d->cls);
                if (d->cls == FC_WORD && !word) {
                    word = d;
                    word_at = i;
                }
            } else if (d->good) {
                blamed = with_good_value(kind, body, len, v, d->good, scratch, scratch_cap) != st;
            }
            if (blamed) {
                snprintf(val, cap, "%.*s", v->end - v->start, body + v->start);
                return d->name;
            }
        }
    if (st == WIRE_ERR_VALUE && word) {
        const jsmntok_t *v = &tok[b.key[word_at] + 1];
        snprintf(val, cap, "%.*s", v->end - v->start, body + v->start);
        return word->name;
    }
    return NULL;
}
