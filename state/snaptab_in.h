/* snaptab_in.h - what state/snaptab.c and state/snaptab_inst.c share (the
 * schema's two halves; not a public contract). */
#ifndef INVTOP_STATE_SNAPTAB_IN_H
#define INVTOP_STATE_SNAPTAB_IN_H

#include "invtop/schema.h"

/* One instrument's rows (the document's "instruments" elements). */
extern const sch_table snaptab_inst_table;

/* The name of skew model m (skew_model_name for an int). */
const char *snaptab_skew_name(int m);

#endif
