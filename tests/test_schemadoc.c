/* test_schemadoc.c - the docs' key lists are the schema's: the block
 * between "<!-- schema:NAME -->" and "<!-- /schema:NAME -->" in
 * docs/PROTOCOL.md (every key of the headless document) and docs/STATE.md
 * (the document's top-level keys) is what sch_doc writes from the tables
 * (state/snaptab.c). Fails, naming the first line that differs, when a row
 * was added, renamed or re-documented without the docs. `test_schemadoc
 * --write` (make docs) rewrites the blocks from the tables. Run from the
 * project root. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/snaptab.h"

typedef struct {
    const char *file, *name;
    bool nested;
} block;

static const block blocks[] = {
    {"docs/PROTOCOL.md", "keys", true},
    {"docs/STATE.md", "parts", false},
};

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16;
    char *buf = malloc(cap);
    *n = 0;
    for (size_t got; buf && (got = fread(buf + *n, 1, cap - 1 - *n, f)) > 0;) {
        *n += got;
        if (*n + 1 == cap) {
            char *g = realloc(buf, cap *= 2);
            if (!g)
                free(buf);
            buf = g;
        }
    }
    fclose(f);
    if (buf)
        buf[*n] = '\0';
    return buf;
}

/* Check (or with write, rewrite) one block; 0 when it agrees. */
static int check(const block *b, bool write)
{
    size_t n;
    char *text = slurp(b->file, &n);
    if (!text) {
        fprintf(stderr, "%s: cannot read\n", b->file);
        return 1;
    }
    char open[64], close[64];
    snprintf(open, sizeof open, "<!-- schema:%s -->\n```\n", b->name);
    snprintf(close, sizeof close, "```\n<!-- /schema:%s -->", b->name);
    char *from = strstr(text, open), *to = from ? strstr(from, close) : NULL;
    if (!from || !to) {
        fprintf(stderr, "%s: no block \"%s\" ... \"%s\"\n", b->file, open, close);
        free(text);
        return 1;
    }
    from += strlen(open);
    jw w = {0};
    sch_doc(&w, snaptab_document(), "", b->nested);
    int rc = 0;
    const size_t have = (size_t)(to - from);
    if (have != w.len || memcmp(from, w.buf, have) != 0) {
        if (write) {
            FILE *f = fopen(b->file, "wb");
            rc = !f || fwrite(text, 1, (size_t)(from - text), f) != (size_t)(from - text) ||
                 fwrite(w.buf, 1, w.len, f) != w.len || fputs(to, f) < 0;
            if (f && fclose(f) != 0)
                rc = 1;
            fprintf(stderr, "%s: block %s rewritten%s\n", b->file, b->name, rc ? " (FAILED)" : "");
        } else {
            size_t i = 0, line = 1;
            while (i < have && i < w.len && from[i] == w.buf[i])
                line += from[i++] == '\n';
            while (i > 0 && w.buf[i - 1] != '\n')
                i--; /* the whole line */
            const char *eol = strchr(w.buf + i, '\n');
            fprintf(stderr, "%s: block %s disagrees with the schema at its line %zu; the schema says:\n%.*s\n"
                            "(make docs rewrites it)\n",
                    b->file, b->name, line, eol ? (int)(eol - (w.buf + i)) : 80, w.buf + i);
            rc = 1;
        }
    }
    jw_free(&w);
    free(text);
    return rc;
}

int main(int argc, char **argv)
{
    const bool write = argc > 1 && strcmp(argv[1], "--write") == 0;
    int bad = 0;
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++)
        bad += check(&blocks[i], write);
    if (!bad)
        printf("ok: the docs' key lists are the schema's (%zu blocks)\n", sizeof blocks / sizeof blocks[0]);
    return bad && !write ? 1 : 0;
}
