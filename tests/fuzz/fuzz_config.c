/* fuzz_config.c - libFuzzer target for the config reader: any text either
 * loads or is refused with a line number; the options stay usable. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    static invtop_opts o; /* large: not on the fuzzer's stack */
    char err[256];
    cli_defaults(&o);
    (void)cli_load_config_text(&o, text, err, sizeof err);
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        cli_print_config(&o, null); /* every value read back must print */
        fclose(null);
    }
    cli_free(&o);
    free(text);
    return 0;
}
