/* histload.c - CSV price preload (see histload.h). */
#include "invtop/histload.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTLOAD_MAX_COLS 4096

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

int histload_csv(const char *path, history *h)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        fprintf(stderr, "invtop: --history %s: %s\n", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0, ncols = 0, lineno = 1;
    int *col = NULL;
    double *prices = NULL;
    int rc = -1;
    if (getline(&line, &cap, fp) < 0) {
        fprintf(stderr, "invtop: --history %s: empty file\n", path);
        goto done;
    }
    chomp(line);
    col = malloc(HISTLOAD_MAX_COLS * sizeof *col);
    prices = malloc(HISTLOAD_MAX_COLS * sizeof *prices);
    if (!col || !prices)
        goto done;
    char *save = NULL, *tok = strtok_r(line, ",", &save); /* the time column */
    while ((tok = strtok_r(NULL, ",", &save)) != NULL) {
        int u = ncols < HISTLOAD_MAX_COLS ? hist_index(h, tok, true) : -1;
        if (u < 0) {
            fprintf(stderr, "invtop: --history %s:1: cannot add underlying '%s' (too many?)\n",
                    path, tok);
            goto done;
        }
        col[ncols++] = u;
    }
    while (getline(&line, &cap, fp) >= 0) {
        lineno++;
        chomp(line);
        if (!line[0])
            continue;
        for (size_t u = 0; u < hist_count(h); u++)
            prices[u] = NAN;
        char *p = strchr(line, ','); /* skip the time */
        for (size_t c = 0; c < ncols; c++) {
            if (!p) {
                fprintf(stderr, "invtop: --history %s:%zu: %zu prices expected\n", path, lineno, ncols);
                goto done;
            }
            char *end;
            p++;
            double v = (*p == ',' || *p == '\0') ? NAN : strtod(p, &end);
            if (!isnan(v) && (end == p || (*end != ',' && *end != '\0') || !(v > 0) || !isfinite(v))) {
                fprintf(stderr, "invtop: --history %s:%zu: bad price in column %zu\n", path, lineno, c + 2);
                goto done;
            }
            prices[col[c]] = v;
            p = strchr(p, ',');
        }
        hist_sample(h, prices);
    }
    rc = 0;
done:
    free(line);
    free(col);
    free(prices);
    fclose(fp);
    return rc;
}
