/* snaptab.h - the snapshot's schema tables (prefix snaptab_; schema.h).
 *
 * One table for the whole headless document: "version", "ts", "source",
 * then the parts (feed ... series), then "instruments", each a row whose
 * nested rows describe its members. The encoder, decoder, diff and the docs'
 * key lists all walk these rows; a new figure is a struct field, a row here
 * and the line in engine/snapbuild.c that fills it (the rows: state/snaptab.c
 * for the document and its parts, snaptab_risk.c for the risk parts,
 * snaptab_inst.c for an instrument). Tables are constant and
 * shared; nothing here has state. */
#ifndef INVTOP_SNAPTAB_H
#define INVTOP_SNAPTAB_H

#include <stdbool.h>

#include "invtop/schema.h"

/* The document's table (base: the snap itself). */
const sch_table *snaptab_document(void);

/* One instrument's table (base: a snap_inst of the snap). */
const sch_table *snaptab_instrument(void);

/* Whether document row i is a part (from "feed" to "series"): sent whole in
 * an update when its encoding changed. */
bool snaptab_is_part(int i);

#endif
