/* fuzz_wire.c - libFuzzer target for the wire decoder. The first byte picks
 * the shape: 0xF0 and above, the body reader against an oracle (every number
 * it reads is the double strtod reads, and the keys it indexed are distinct);
 * else by its value mod 3: 0 one frame, 1 two frames split at the first NUL
 * (and the decoder against its general path: same status, same event), 2
 * the quote decoder on two frames; the rest is the message. Any input may
 * be refused; none may crash, read out of bounds or leave an invalid event. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/wire.h"
#include "invtop/wire_body.h"

/* The body reader must agree with strtod on every number it accepts (as the
 * scanner read it and as its token reads), with the byte check on every
 * symbol, and must not have indexed the same key twice. */
static void body_oracle(const char *js, size_t n)
{
    jsmntok_t tok[WIRE_MAX_TOKENS], slow[WIRE_MAX_TOKENS];
    body_view b, bs;
    wire_status st = wb_parse_body(js, n, tok, &b);
    /* the flat fast path must decide exactly as jsmn does, with the same tokens */
    if (wb_parse_body_jsmn(js, n, slow, &bs) != st)
        abort();
    if (st != WIRE_OK)
        return;
    if (memcmp(&tok[0], &slow[0], sizeof *tok) != 0 || b.nkeys != bs.nkeys ||
        memcmp(b.key, bs.key, (size_t)b.nkeys * sizeof *b.key) != 0)
        abort();
    for (int k = 0; k < b.nkeys; k++) { /* every key and value token as jsmn has it */
        const jsmntok_t *x = &tok[b.key[k]], *y = &slow[b.key[k]];
        if (x->type != y->type || x->start != y->start || x->end != y->end || x->size != y->size ||
            x->parent != y->parent || memcmp(&tok[b.key[k] + 1], &slow[b.key[k] + 1], sizeof *tok) != 0)
            abort();
    }
    for (int k = 0; k < b.nkeys; k++) {
        const jsmntok_t *key = &tok[b.key[k]];
        for (int j = 0; j < k; j++) {
            const jsmntok_t *o = &tok[b.key[j]];
            if (o->end - o->start == key->end - key->start &&
                memcmp(js + o->start, js + key->start, (size_t)(key->end - key->start)) == 0)
                abort();
        }
        const jsmntok_t *v = &tok[b.key[k] + 1];
        /* a symbol: what the scanner saw on its way is what the byte check says */
        char sym[EVENT_SYM_MAX];
        const wire_status want_sym =
            wb_is_null(&b, b.key[k] + 1) ? WIRE_ERR_MISSING
            : v->type != JSMN_STRING     ? WIRE_ERR_TYPE
            : wb_symbol_ok(js + v->start, (size_t)(v->end - v->start)) ? WIRE_OK
                                                                       : WIRE_ERR_SYMBOL;
        if (wb_key_symbol(&b, k, true, sym) != want_sym)
            abort();
        /* a number: the scanner's reading, the token's and strtod's agree */
        double got, slow;
        const wire_status st_got = wb_key_number(&b, k, &got);
        if (st_got != wb_tok_number(&b, b.key[k] + 1, &slow))
            abort();
        if (st_got != WIRE_OK)
            continue;
        char text[64];
        const size_t len = (size_t)(v->end - v->start);
        if (len >= sizeof text)
            abort(); /* longer numbers are refused */
        memcpy(text, js + v->start, len);
        text[len] = '\0';
        const double want = strtod(text, NULL);
        if (memcmp(&got, &want, sizeof got) != 0 || memcmp(&slow, &want, sizeof slow) != 0)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* a private copy without slack: ASan catches any read past the end */
    char *buf = malloc(size - 1 ? size - 1 : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, size - 1);
    size_t n = size - 1;
    event ev;
    if (data[0] >= 0xF0) {
        body_oracle(buf, n);
    } else if (data[0] % 3 == 0) {
        const char *f[1] = {buf};
        size_t l[1] = {n};
        if (wire_decode_frames(1, f, l, &ev) == WIRE_OK && (!ev.sym[0] || strlen(ev.sym) >= EVENT_SYM_MAX))
            abort();
    } else {
        char *nul = memchr(buf, '\0', n);
        size_t tl = nul ? (size_t)(nul - buf) : n / 2;
        const char *f[2] = {buf, buf + tl + (nul ? 1 : 0)};
        size_t l[2] = {tl, n - tl - (nul ? 1 : 0)};
        if (data[0] % 3 == 1) {
            const wire_status st = wire_decode_frames(2, f, l, &ev);
            if (st == WIRE_OK && ev.kind == EVENT_PX && !(ev.u.px.mid > 0 && isfinite(ev.u.px.mid)))
                abort();
            /* the fast path for px bodies decides as the general path does */
            event general;
            if (l[0] <= WIRE_MAX_FRAME && l[1] <= WIRE_MAX_FRAME &&
                (wire_decode_general(f[0], l[0], f[1], l[1], &general) != st ||
                 (st == WIRE_OK && !wire_events_equal(&ev, &general))))
                abort();
        } else {
            wire_quote q;
            if (wire_decode_quote(f[0], l[0], f[1], l[1], &q) == WIRE_OK && !isnan(q.bid) &&
                !isnan(q.ask) && q.bid > q.ask)
                abort();
        }
    }
    free(buf);
    return 0;
}
