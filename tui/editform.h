/* editform.h - the override edit form's fields and validation (prefix ef_).
 * Pure: the screen draws it, and the key table (keys.h) maps keys to these
 * edits. An empty field leaves that part of the override unset. */
#ifndef INVTOP_EDITFORM_H
#define INVTOP_EDITFORM_H

#include <stdbool.h>

#include "invtop/override.h"

typedef enum {
    EF_SKEW = 0, EF_REPLACE, EF_HALF, EF_BID, EF_ASK, EF_SIZE_BID, EF_SIZE_ASK, EF_PAUSED, EF_TTL,
    EF_COUNT
} ef_field;

typedef struct {
    char sym[EVENT_ID_MAX];
    char text[EF_COUNT][24];
    char filled[EF_COUNT][24]; /* the text ef_open put there */
    ovr current;               /* the override it was filled from */
    ef_field cur;
    char error[96]; /* why the last Enter was refused, shown inline */
    bool open;
} editform;

/* Open the form on sym, filled from its current override: basis points
 * to 0.01 bp, prices to price_decimals (the instrument's tick), trailing
 * zeros dropped. A field left as filled keeps the override's exact value
 * (ef_parse), so a rounded figure on screen never changes it. */
void ef_open(editform *f, const char *sym, const ovr *current, double now, int price_decimals);

/* The next field (dir > 0) or the previous one (dir < 0), wrapping. */
void ef_move(editform *f, int dir);

/* Erase the last character of the current field. */
void ef_erase(editform *f);

/* Append printable ASCII ch to the current field (others are ignored) and
 * forget the last error. */
void ef_type(editform *f, int ch);

/* Parse the fields into an override at event time now (TTL from now).
 * Returns 0, or -1 with the reason in f->error. */
int ef_parse(editform *f, double now, ovr *out);

/* The label of a field. */
const char *ef_label(ef_field k);

#endif
