/* fuzz_journal.c - libFuzzer target for the override journal reader: a line
 * either parses into a change that commits cleanly, or is refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/journal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    ovr_change c;
    if (journal_parse_line(buf, size, &c) == 0) {
        ovr_table t;
        if (ovr_table_init(&t, 4) == 0) {
            (void)ovr_commit(&t, &c);
            ovr_quote q;
            skew_quote m = {SKEW_GLFT, 100, 99, 101, 0, 1, 0, 1};
            ovr o = ovr_get(&t, c.sym);
            ovr_effective(&m, true, &o, t.kill, 100, 0.01, &q);
            ovr_table_free(&t);
        }
    }
    free(buf);
    return 0;
}
