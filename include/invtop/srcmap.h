/* srcmap.h - venues' own messages read by configuration (issue 24, prefix
 * srcmap_): [source NAME] sections map a message's JSON (or text) records
 * onto the native kinds px, pos, fill and inst. docs/SOURCES.md is the
 * grammar; this header is its contract.
 *
 * A mapping is compiled once (srcmap_set per key, then srcmap_check) and
 * is read-only afterwards: decoding never allocates, keeps its scratch in a
 * srcmap_ctx, and never changes the srcmap, so one srcmap may serve
 * several contexts. Each mapped record is written as a native body and
 * decoded by the native decoder (wire_decode), so every validation of a
 * native message applies to a mapped one by construction. */
#ifndef INVTOP_SRCMAP_H
#define INVTOP_SRCMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "invtop/event.h"
#include "invtop/wire.h"

/* At most this many [source NAME] sections (a bit each in srcmap_result). */
#define SRCMAP_MAX_SECTIONS 64
/* A section's name: 1 to 47 bytes of [A-Za-z0-9._-]. */
#define SRCMAP_NAME_MAX EVENT_SYM_MAX
/* Events one message may give (records taken over all sections); a
 * message with more is rejected whole (WIRE_ERR_VALUE, "too many records"). */
#define SRCMAP_MAX_EVENTS 512
/* Why a mapped message was refused: the section, the field and what was
 * wrong, e.g. "deribit-ticker: bid: params.data.best_bid_price is absent". */
#define SRCMAP_WHY_MAX 160

typedef struct srcmap srcmap;         /* the compiled sections (opaque) */
typedef struct srcmap_ctx srcmap_ctx; /* one decoder's scratch (opaque) */

/* A new mapping with no sections, or NULL when out of memory. Owned by the
 * caller, freed with srcmap_free (NULL is fine there). */
srcmap *srcmap_new(void);
void srcmap_free(srcmap *m);

/* Set key `key` of section `name` to `value` as written in the config file
 * (or in --set 'source NAME:KEY=VALUE'), compiling it. Keys: topic, when,
 * kind, records, text, and FIELD names of the section's kind (see
 * docs/SOURCES.md; `inst_kind` is an inst's own kind, since `kind` says what
 * each record becomes). Setting a key again replaces it; a new name adds a
 * section (in the order first named: the order sections take records).
 * Returns 0, or -1 with err (cap bytes) saying what is wrong with the value
 * (the mapping is then unchanged). A FIELD not known for the kind is
 * refused by srcmap_check, not here (kind may come after the fields). */
int srcmap_set(srcmap *m, const char *name, const char *key, const char *value, char *err, size_t cap);

/* The sections taken together: each has a kind, the fields its kind cannot
 * do without (sym; px: bid and ask, or mid or last; pos: qty; fill: side,
 * qty, px; inst: nothing more), fields its kind knows, and at most one of
 * text and records. Returns 0, or -1 with err naming the section. */
int srcmap_check(const srcmap *m, char *err, size_t cap);

/* Sections, and the name of section k < srcmap_count(m). */
size_t srcmap_count(const srcmap *m);
const char *srcmap_name(const srcmap *m, size_t k);

/* Write every section as a config file says it ("[source NAME]" and its
 * "key = value" lines as given, in the order set): what --print-config
 * prints; reading it back gives the same mapping. */
void srcmap_print(const srcmap *m, FILE *out);

/* Two mappings say the same (the same sections, keys and values). */
bool srcmap_same(const srcmap *a, const srcmap *b);

/* A decoder's scratch: room for the tokens of a WIRE_MAX_FRAME message and
 * SRCMAP_MAX_EVENTS events. NULL when out of memory; srcmap_ctx_free(NULL)
 * is fine. */
srcmap_ctx *srcmap_ctx_new(void);
void srcmap_ctx_free(srcmap_ctx *cx);

/* What decoding one message gave. */
typedef struct {
    /* WIRE_OK: events[0..nevents) are the records taken, in order (sections
     * in their order, records in the message's order), each a valid native
     * event; WIRE_IGNORED: some section's topic matched but none took a
     * record; WIRE_ERR_KIND: no section's topic matched; any other status:
     * a record that was taken could not be mapped or failed the native
     * checks, and the whole message is refused (no event to apply). */
    wire_status status;
    const event *events; /* into the context: valid until its next decode */
    size_t nevents;
    uint64_t matched;    /* bit k: section k's topic and `when` held for a record */
    int failed;          /* the section whose record was refused, -1 when none */
    char why[SRCMAP_WHY_MAX]; /* on a refusal: section, field, what was wrong */
} srcmap_result;

/* Decode one message of nframes frames (lens[i] bytes each) as received,
 * after the native and cryptofeed decoders left it (wire_decode_frames said
 * WIRE_ERR_KIND or WIRE_ERR_FRAMING). Topic and body: two frames are
 * [topic][body]; one frame starting with '{' is a bare JSON body with an
 * empty topic; one frame with a space is "TOPIC BODY"; one frame without a
 * space is a bare text body (text = TEMPLATE sections), empty topic. Fills
 * *r (see srcmap_result); never reads past the frames, never allocates. */
void srcmap_decode(const srcmap *m, srcmap_ctx *cx, size_t nframes, const char *const frames[],
                   const size_t lens[], srcmap_result *r);

#endif
