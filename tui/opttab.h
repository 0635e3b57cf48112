/* opttab.h - a program's options as one table (prefix ot_).
 *
 * Each row names an option (--name, and/or a config key in a section), its
 * type and range, its typed default, its help and where the value goes (an
 * offset into the program's options struct). From the table come the
 * defaults, parsing and validation (command line and config values),
 * --help, the man page, the example config and --print-config, so none of
 * them can disagree with another. A second table of the same rows holds the
 * keys of named sections ([instrument SYM], ...); their destination is an
 * offset into the struct of one such section.
 *
 * No I/O but the FILE the caller gives; no curses, no ZeroMQ, no config
 * file reader (the caller feeds section, key and value). Stateless: tables
 * are const, everything changes only the struct passed in. */
#ifndef INVTOP_OPTTAB_H
#define INVTOP_OPTTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum {
    OT_FLAG = 0, /* bool: --name sets it (clears it with OT_NEGATE); true|false in a file */
    OT_STR,      /* const char *: the text, pointer kept (the caller keeps it alive) */
    OT_ENDPOINT, /* const char *: a ZeroMQ endpoint (has "://") */
    OT_LIST,     /* const char *[cap] at off, size_t count at off_n: endpoints, repeatable */
    OT_DOUBLE,   /* double in [min, max] */
    OT_MS,       /* given in milliseconds in [min, max], kept in seconds (double) */
    OT_INT,      /* int: a whole number in [min, max] */
    OT_LLONG,    /* long long */
    OT_SIZE,     /* size_t */
    OT_ULONG,    /* unsigned long */
    OT_CHOICE,   /* int: the index of the name in choices (-1: unset) */
    OT_CUSTOM,   /* parse and format handlers; default in defs as text */
    OT_HELP,     /* --help: print the help, exit 0 */
    OT_VERSION,  /* --version: print "NAME VERSION", exit 0 */
    OT_MANPAGE   /* --manpage: print the man page source, exit 0 */
} ot_type;

/* Row flags. */
#define OT_NEGATE 1u /* OT_FLAG: the option clears the flag (--readonly) */
#define OT_MAX 2u    /* OT_DOUBLE: "max" is also a value, kept as 0 (--speed X|max) */
#define OT_NEEDS_ANYWHERE 4u /* the needs rule holds for a value from a config file too
                              * (a security setting that would be off without its companion) */

typedef struct ot_row ot_row;

/* A custom value: parse arg into obj (0), or -1 (obj untouched), with a
 * reason in err when there is more to say than "bad value". */
typedef int (*ot_parse_fn)(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);
/* A custom value as text (what parse reads back); "" when unset. */
typedef void (*ot_format_fn)(const ot_row *r, const void *obj, char *buf, size_t cap);

struct ot_row {
    const char *name;    /* --name; NULL: a config key only (set from the command line
                          * with the program's --set, and shown as SECTION:KEY=ARG) */
    const char *arg;     /* the value in help ("MS"); NULL: a flag or an action */
    const char *group;   /* heading in --help and the man page */
    const char *section; /* config section; NULL: command line only */
    const char *key;     /* config key */
    ot_type type;
    unsigned flags;
    double def;          /* default of a number (in the unit given), flag (0, 1) or
                          * choice (index); NAN or out of [min, max]: unset */
    double min, max;     /* range of a number */
    const char *defs;    /* default of a string, list or custom value; NULL: unset */
    const char *unset;   /* what an unset value means, shown as its default
                          * ("none", "$USER"); NULL: nothing shown */
    const char *const *choices; /* OT_CHOICE: the names, NULL-terminated */
    const char *help;
    const char *needs;   /* the --name of the option without which this one does nothing
                          * (--exec needs "attach"): given on the command line (with
                          * OT_NEEDS_ANYWHERE: set anywhere) while that one is not set
                          * (command line or file), a usage error; help says "with --attach:".
                          * NULL: none. A config file serves several modes, so a key that
                          * one mode ignores is not an error there. */
    size_t off;          /* destination: offsetof in the program's struct */
    size_t off_n;        /* OT_LIST: offsetof its count (size_t) */
    size_t cap;          /* OT_LIST: capacity */
    ot_parse_fn parse;   /* OT_CUSTOM */
    ot_format_fn format; /* OT_CUSTOM */
};

typedef struct {
    const char *name;        /* "invtop" */
    const char *version;
    const char *synopsis;    /* after the name; alternatives separated by '\n' */
    const char *summary;     /* one line: the man page's NAME and help's second line */
    const char *about;       /* plain text paragraphs ("\n\n" between) for --help and DESCRIPTION */
    const char *help_tail;   /* text after the options in --help, or NULL */
    const char *man_tail;    /* roff after OPTIONS and CONFIGURATION (FILES, EXIT STATUS...) */
    const ot_row *rows;
    size_t nrows;
    const ot_row *keys;      /* keys of named sections ([instrument SYM]...), or NULL */
    size_t nkeys;
    const char *keys_about;  /* plain text before the named sections' keys */
} ot_prog;

typedef enum {
    OT_RUN = 0, /* parsed: run */
    OT_EXIT_OK, /* --help, --version or --manpage printed */
    OT_USAGE    /* bad command line: one line went to err_out */
} ot_result;

/* Every row's typed default into obj, except lists (a list's default
 * applies when the program says: ot_list_default). */
void ot_defaults(const ot_row *rows, size_t n, void *obj);

/* Append row r's default (defs) to its list in obj if the list is empty. */
void ot_list_default(const ot_row *r, void *obj);

/* True when row r's typed default is unset (NAN or out of range, NULL). */
bool ot_default_unset(const ot_row *r);

/* Parse one value for r into obj: arg as given on the command line or in a
 * file (NULL for a flag on the command line, which sets it). Strings are
 * stored as given: the caller keeps them alive. Returns 0 (err ""), or -1
 * (obj untouched but for a custom row's own doing) with in err why, as words
 * that follow the value and end with the row's default when it shows one:
 * "is out of range: 0.5 to 120 (default 10)", "is not a number: ...", "is
 * not one of dark, light, mono (default dark)"; a custom row's parse says
 * its own (same form), else "is not a valid value". err may be truncated. */
int ot_set(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen);

/* True when obj holds a value for r: a flag that is on, a list with an
 * element, a string, a number or choice that is not unset. */
bool ot_is_set(const ot_row *r, const void *obj);

/* The value of r in obj as a file writes it into buf; returns false when
 * unset (buf ""). Lists: the first element (see ot_list). */
bool ot_format(const ot_row *r, const void *obj, char *buf, size_t cap);

/* A list row's elements in obj: count, and the array. */
size_t ot_list(const ot_row *r, const void *obj, const char *const **items);

/* Row r's default as --help shows it after "default " (the typed default
 * formatted as a file writes it, else r->unset), or NULL for none. */
const char *ot_default_text(const ot_row *r, char *buf, size_t cap);

/* The row of --name, or of key in section; NULL when none. */
const ot_row *ot_find_name(const ot_row *rows, size_t n, const char *name);
const ot_row *ot_find_key(const ot_row *rows, size_t n, const char *section, const char *key);

/* getopt_long over the named rows of p into obj, in order. The first
 * occurrence of a list option on the command line empties the list (the
 * command line replaces a file's list). --help, --version and --manpage are
 * carried out here (to out). Stops at the first operand or "--": *rest
 * gets its index when rest is given, else an operand is a usage error.
 * seen[i], when given (p->nrows entries, false on entry), is set for each
 * row given. Then every row given whose needs row is not set in obj (which
 * may hold a config file's values) is a usage error (see ot_row.needs).
 * Errors are one line on err_out naming the program, the option, the value
 * and why (ot_set): "invtop: --fps 0 is out of range: 0.5 to 120 (default
 * 10); try --help", "invtop: --exec needs --attach ENDPOINT; try --help". */
ot_result ot_parse_args(const ot_prog *p, void *obj, int argc, char **argv, int *rest, bool *seen,
                        FILE *out, FILE *err_out);

/* --help: usage, about, the options by group with their help ("with
 * --attach: " first for a row that needs it) and defaults (a config key
 * without a --name as "SECTION:KEY=ARG", the form --set takes), the keys of
 * named sections, help_tail. */
void ot_print_help(const ot_prog *p, FILE *out);

/* The man page in roff: NAME, SYNOPSIS, DESCRIPTION, OPTIONS (by group,
 * defaults, config keys; a key without a --name as SECTION:KEY=ARG, with
 * its --set form), CONFIGURATION (the named sections' keys), then
 * extra(out) when given (invtop's key list), then man_tail. */
void ot_print_man(const ot_prog *p, FILE *out, void (*extra)(FILE *out));

/* The config file's sections in the order of the table, each with its keys
 * as comments: help, command-line twin (--name, or --set 'SECTION:KEY=ARG'
 * for a key without one), "# key = default". */
void ot_print_example(const ot_prog *p, FILE *out);

/* The values of obj as an INI file, every section of the table: "key =
 * value", one line per element of a list, "# key =" when unset. */
void ot_print_config(const ot_prog *p, const void *obj, FILE *out);

/* The keys of section sec set in block (a named section's struct), as
 * "key = value" lines. */
void ot_print_block(const ot_row *keys, size_t n, const char *sec, const void *block, FILE *out);

/* roff-escape s (backslashes, hyphens, a leading dot or quote). */
void ot_roff(FILE *out, const char *s);

#endif
