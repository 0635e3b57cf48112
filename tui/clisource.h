/* clisource.h - the command line's part of venue mappings (issue 24),
 * private to tui/cli.c (prefix clisource_): [source NAME] sections, whose
 * keys are free field names and so go straight to the mapping (srcmap.h)
 * rather than through the option table; --sources FILE|NAME, which reads
 * such sections from a file or a shipped mapping; and the [source NAME]
 * blocks --print-config writes. */
#ifndef INVTOP_CLISOURCE_H
#define INVTOP_CLISOURCE_H

#include <stddef.h>
#include <stdio.h>

#include "invtop/srcmap.h"
#include "tui/opttab.h"

/* The config section's word: [source NAME], --set 'source NAME:KEY=V'. */
#define CLISOURCE_SCOPE "source"

/* One "key = value" of a config section. Returns 0 when section is no
 * [source NAME] (nothing done), 1 when it is one: the key is set in *m
 * (created on first use; NULL until then), or err (cap bytes) says why it
 * is refused and *m is unchanged. */
int clisource_on_ini(srcmap **m, const char *section, const char *key, const char *value, char *err, size_t cap);

/* Resolve --sources' argument into a file: arg itself when it names a file
 * (it has a '/' or ends in .ini), else the shipped mapping NAME.ini beside
 * the running program: ../sources/ or ../../sources/ (a checkout's build/
 * or build/san/) or ../share/invtop/sources/ (where `make install` puts
 * them). Returns 0 with
 * path (cap bytes) set, or -1 with path holding where it looked. */
int clisource_find(const char *arg, char *path, size_t cap);

/* Read every [source NAME] section of the file --sources arg names into *m
 * (created on first use). Any other section, a bad line or a refused key is
 * an error: -1 with err naming the file and the line; *m may then hold the
 * keys before the bad one (the program exits on it). 0 when read. */
int clisource_load(srcmap **m, const char *arg, char *err, size_t cap);

/* The option table's rows of [source NAME] (CLISOURCE_KEYS): for --help,
 * the man page and the example config; the keys themselves go to the
 * mapping (clisource_on_ini), so these handlers refuse and print nothing. */
int clisource_row_parse(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);
void clisource_row_format(const ot_row *r, const void *obj, char *buf, size_t cap);

#define CLISOURCE_GROUP "Venue mappings, [source NAME] (at most 64; docs/SOURCES.md)"
#define CLISOURCE_ROW(k, a, h)                                                                                \
    {.group = CLISOURCE_GROUP, .section = CLISOURCE_SCOPE, .key = k, .arg = a, .type = OT_CUSTOM,              \
     .unset = "none", .parse = clisource_row_parse, .format = clisource_row_format, .help = h}
#define CLISOURCE_KEYS                                                                                        \
    CLISOURCE_ROW("topic", "PREFIX", "the messages it reads: their topic starts with PREFIX (a bare JSON or "   \
                                     "text body has an empty topic)"),                                        \
    CLISOURCE_ROW("when", "COND [and COND]...", "a record is taken when every TERM == VALUE, TERM != VALUE "    \
                                                "(and !PATH: absent) holds"),                                 \
    CLISOURCE_ROW("kind", "px|pos|fill|inst", "what each record becomes"),                                    \
    CLISOURCE_ROW("records", "PATH", "where the records are: an array or an object (the whole body)"),        \
    CLISOURCE_ROW("text", "TEMPLATE", "a text body: {FIELD} captures and literal separators"),                \
    CLISOURCE_ROW("FIELD", "EXPR", "a field of the kind (sym, venue, bid, qty, ...; inst_kind for an inst's "  \
                                   "kind) from PATH, $.PATH, 'TEXT', a number, PATH{KEY: VALUE, ...}, joined " \
                                   "by * or /; any field name is a key here")

/* The mapping's sections as a config file writes them (nothing for NULL). */
void clisource_print_config(const srcmap *m, FILE *out);

#endif
