/* opttab.c - options from one table (see opttab.h). */
#include "tui/opttab.h"

#include <assert.h>
#include <ctype.h>
#include <float.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "invtop/numparse.h"

#define AT(obj, off, T) ((T *)(void *)((char *)(obj) + (off)))
#define CAT(obj, off, T) ((const T *)(const void *)((const char *)(obj) + (off)))

typedef const char *cstr;

static bool is_number(ot_type t)
{
    return t == OT_DOUBLE || t == OT_MS || t == OT_INT || t == OT_LLONG || t == OT_SIZE || t == OT_ULONG;
}

static bool is_integer(ot_type t)
{
    return t == OT_INT || t == OT_LLONG || t == OT_SIZE || t == OT_ULONG;
}

static bool is_action(ot_type t)
{
    return t == OT_HELP || t == OT_VERSION || t == OT_MANPAGE;
}

/* A number in the unit the user writes, as a file writes it. */
static void num_text(const ot_row *r, double v, char *buf, size_t cap)
{
    if ((r->flags & OT_MAX) && v == 0)
        snprintf(buf, cap, "max");
    else if (is_integer(r->type))
        snprintf(buf, cap, "%.0f", v);
    else
        snprintf(buf, cap, "%.15g", v);
}

/* A number that is a value of r (not unset). */
static bool in_range(const ot_row *r, double v)
{
    return (v >= r->min && v <= r->max) || ((r->flags & OT_MAX) && v == 0); /* false for NAN */
}

static size_t nchoices(const ot_row *r)
{
    size_t n = 0;
    while (r->choices && r->choices[n])
        n++;
    return n;
}

bool ot_default_unset(const ot_row *r)
{
    if (is_number(r->type))
        return !in_range(r, r->def);
    if (r->type == OT_CHOICE)
        return !(r->def >= 0 && r->def < (double)nchoices(r));
    if (r->type == OT_FLAG)
        return false;
    return r->defs == NULL;
}

/* Store number v (in the user's unit) at r's destination. */
static void store_number(const ot_row *r, void *obj, double v)
{
    switch (r->type) {
    case OT_DOUBLE: *AT(obj, r->off, double) = v; break;
    case OT_MS: *AT(obj, r->off, double) = v / 1000; break;
    case OT_INT: *AT(obj, r->off, int) = (int)v; break;
    case OT_LLONG: *AT(obj, r->off, long long) = (long long)v; break;
    case OT_SIZE: *AT(obj, r->off, size_t) = (size_t)v; break;
    case OT_ULONG: *AT(obj, r->off, unsigned long) = (unsigned long)v; break;
    default: assert(!"not a number"); break;
    }
}

/* The number at r's destination, in the user's unit. */
static double load_number(const ot_row *r, const void *obj)
{
    switch (r->type) {
    case OT_DOUBLE: return *CAT(obj, r->off, double);
    case OT_MS: return *CAT(obj, r->off, double) * 1000;
    case OT_INT: return *CAT(obj, r->off, int);
    case OT_LLONG: return (double)*CAT(obj, r->off, long long);
    case OT_SIZE: return (double)*CAT(obj, r->off, size_t);
    case OT_ULONG: return (double)*CAT(obj, r->off, unsigned long);
    default: assert(!"not a number"); return NAN;
    }
}

void ot_defaults(const ot_row *rows, size_t n, void *obj)
{
    for (size_t i = 0; i < n; i++) {
        const ot_row *r = &rows[i];
        char err[8];
        if (is_number(r->type))
            store_number(r, obj, r->def);
        else if (r->type == OT_FLAG && !(r->flags & OT_NEGATE))
            *AT(obj, r->off, bool) = r->def != 0;
        else if (r->type == OT_STR || r->type == OT_ENDPOINT)
            *AT(obj, r->off, const char *) = r->defs;
        else if (r->type == OT_CHOICE)
            *AT(obj, r->off, int) = ot_default_unset(r) ? -1 : (int)r->def;
        else if (r->type == OT_CUSTOM && r->defs)
            (void)r->parse(r, obj, r->defs, err, sizeof err);
    }
}

void ot_list_default(const ot_row *r, void *obj)
{
    assert(r->type == OT_LIST);
    size_t *n = AT(obj, r->off_n, size_t);
    if (*n == 0 && r->defs && r->cap > 0)
        AT(obj, r->off, const char *)[(*n)++] = r->defs;
}

static int parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = {"true", "yes", "1", "on"}, *const no[] = {"false", "no", "0", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (!strcmp(v, yes[i]) || !strcmp(v, no[i])) {
            *out = !strcmp(v, yes[i]);
            return 0;
        }
    }
    return -1;
}

/* A bound of r's range as the user writes it ("0.5", "1e-09", "16384"). */
static void bound_text(const ot_row *r, double v, char *buf, size_t cap)
{
    snprintf(buf, cap, is_integer(r->type) ? "%.0f" : "%.15g", v);
}

/* Why arg is not a value of r (a built-in type): words that follow the
 * value, the default last when the row shows one. */
static void why_not(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    char d[256], note[300] = "";
    const char *def = ot_default_text(r, d, sizeof d);
    if (def)
        snprintf(note, sizeof note, " (default %s)", def);
    if (is_number(r->type)) {
        char lo[64], hi[64];
        double v;
        bound_text(r, r->min, lo, sizeof lo);
        bound_text(r, r->max, hi, sizeof hi);
        const char *what = num_parse(arg, -DBL_MAX, DBL_MAX, false, &v) != 0    ? "is not a number"
                           : is_integer(r->type) && v != floor(v) ? "is not a whole number"
                                                                  : "is out of range";
        snprintf(err, errlen, "%s: %s to %s%s%s", what, lo, hi, (r->flags & OT_MAX) ? " or max" : "", note);
        return;
    }
    switch (r->type) {
    case OT_FLAG: snprintf(err, errlen, "is not one of true, false, yes, no, on, off, 1, 0"); break;
    case OT_CHOICE: {
        size_t len = (size_t)snprintf(err, errlen, "is not one of");
        for (size_t i = 0; r->choices[i] && len < errlen; i++)
            len += (size_t)snprintf(err + len, errlen - len, "%s %s", i ? "," : "", r->choices[i]);
        if (len < errlen)
            snprintf(err + len, errlen - len, "%s", note);
        break;
    }
    case OT_LIST:
        if (*AT(obj, r->off_n, size_t) >= r->cap) {
            snprintf(err, errlen, "is one too many: at most %zu", r->cap);
            break;
        }
        /* fall through */
    case OT_ENDPOINT:
        snprintf(err, errlen, "is not a ZeroMQ endpoint (tcp://HOST:PORT, ipc://PATH, inproc://NAME)");
        break;
    default: snprintf(err, errlen, "is not a valid value%s", note); break;
    }
}

/* The value into obj; -1 when it is not one (err left to the caller) but
 * for a custom row, whose parse may have said why. */
static int set_value(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    if (r->type == OT_FLAG) {
        bool on = true;
        if (arg && parse_bool(arg, &on) != 0)
            return -1;
        *AT(obj, r->off, bool) = (r->flags & OT_NEGATE) ? !on : on;
        return 0;
    }
    if (!arg || is_action(r->type))
        return -1;
    if (is_number(r->type)) {
        double v = 0;
        if (!((r->flags & OT_MAX) && !strcmp(arg, "max")) &&
            num_parse(arg, r->min, r->max, is_integer(r->type), &v) != 0)
            return -1;
        store_number(r, obj, v);
        return 0;
    }
    switch (r->type) {
    case OT_ENDPOINT:
        if (!strstr(arg, "://"))
            return -1;
        /* fall through */
    case OT_STR:
        *AT(obj, r->off, const char *) = arg;
        return 0;
    case OT_LIST: {
        size_t *n = AT(obj, r->off_n, size_t);
        if (*n >= r->cap || !strstr(arg, "://"))
            return -1;
        AT(obj, r->off, const char *)[(*n)++] = arg;
        return 0;
    }
    case OT_CHOICE:
        for (size_t i = 0; r->choices[i]; i++)
            if (!strcmp(arg, r->choices[i])) {
                *AT(obj, r->off, int) = (int)i;
                return 0;
            }
        return -1;
    case OT_CUSTOM:
        return r->parse(r, obj, arg, err, errlen);
    default:
        return -1;
    }
}

int ot_set(const ot_row *r, void *obj, const char *arg, char *err, size_t errlen)
{
    assert(r && obj && (err || !errlen));
    char scratch[1];
    if (!errlen) {
        err = scratch; /* the caller wants no reason */
        errlen = sizeof scratch;
    }
    err[0] = '\0';
    if (set_value(r, obj, arg, err, errlen) == 0) {
        err[0] = '\0'; /* whatever a custom parse left */
        return 0;
    }
    if (!arg)
        snprintf(err, errlen, "needs a value");
    else if (!err[0])
        why_not(r, obj, arg, err, errlen);
    return -1;
}

bool ot_is_set(const ot_row *r, const void *obj)
{
    assert(r && obj);
    char buf[64];
    if (r->type == OT_FLAG)
        return *CAT(obj, r->off, bool) != ((r->flags & OT_NEGATE) != 0);
    if (r->type == OT_LIST) {
        const char *const *items;
        return ot_list(r, obj, &items) > 0;
    }
    if (r->type == OT_STR || r->type == OT_ENDPOINT)
        return *CAT(obj, r->off, cstr) != NULL;
    if (is_action(r->type) || (r->type == OT_CUSTOM && !r->format))
        return false;
    return ot_format(r, obj, buf, sizeof buf);
}

size_t ot_list(const ot_row *r, const void *obj, const char *const **items)
{
    assert(r->type == OT_LIST);
    *items = CAT(obj, r->off, cstr);
    return *CAT(obj, r->off_n, size_t);
}

bool ot_format(const ot_row *r, const void *obj, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (is_number(r->type)) {
        double v = load_number(r, obj);
        if (!in_range(r, v))
            return false;
        num_text(r, v, buf, cap);
        return true;
    }
    const char *s = NULL;
    const char *const *items;
    int c;
    switch (r->type) {
    case OT_FLAG:
        s = *CAT(obj, r->off, bool) ? "true" : "false";
        break;
    case OT_STR:
    case OT_ENDPOINT: s = *CAT(obj, r->off, cstr); break;
    case OT_LIST: s = ot_list(r, obj, &items) ? items[0] : NULL; break;
    case OT_CHOICE:
        c = *CAT(obj, r->off, int);
        s = c >= 0 && (size_t)c < nchoices(r) ? r->choices[c] : NULL;
        break;
    case OT_CUSTOM: r->format(r, obj, buf, cap); return buf[0] != '\0';
    default: break;
    }
    if (s)
        snprintf(buf, cap, "%s", s);
    return s != NULL;
}

const char *ot_default_text(const ot_row *r, char *buf, size_t cap)
{
    if (is_action(r->type))
        return NULL;
    if (ot_default_unset(r))
        return r->unset;
    if (is_number(r->type))
        num_text(r, r->def, buf, cap);
    else if (r->type == OT_FLAG)
        snprintf(buf, cap, "%s", r->def != 0 ? "true" : "false");
    else if (r->type == OT_CHOICE)
        snprintf(buf, cap, "%s", r->choices[(size_t)r->def]);
    else
        snprintf(buf, cap, "%s", r->defs);
    return buf;
}

const ot_row *ot_find_name(const ot_row *rows, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].name && !strcmp(rows[i].name, name))
            return &rows[i];
    return NULL;
}

const ot_row *ot_find_key(const ot_row *rows, size_t n, const char *section, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].section && !strcmp(rows[i].section, section) && !strcmp(rows[i].key, key))
            return &rows[i];
    return NULL;
}

/* ---- the command line ---- */

/* The row named by r->needs (which must be one of p's). */
static const ot_row *needed(const ot_prog *p, const ot_row *r)
{
    const ot_row *n = ot_find_name(p->rows, p->nrows, r->needs);
    assert(n && "a needs column names an option of the same table");
    return n;
}

/* Row r as an error names it: "--name", or "'key' in [section]" when the
 * value came from a file. */
static void row_subject(const ot_row *r, bool from_file, char *buf, size_t cap)
{
    if (from_file && r->section)
        snprintf(buf, cap, "'%s' in [%s] (--%s)", r->key, r->section, r->name);
    else
        snprintf(buf, cap, "--%s", r->name);
}

/* The first row given (given[i], or set in obj for OT_NEEDS_ANYWHERE) whose
 * needs row is not set in obj: one line on err_out; true when there is one. */
static bool needs_missing(const ot_prog *p, const void *obj, const bool *given, FILE *err_out)
{
    for (size_t i = 0; i < p->nrows; i++) {
        const ot_row *r = &p->rows[i];
        if (!r->needs)
            continue;
        const ot_row *n = needed(p, r);
        bool anywhere = (r->flags & OT_NEEDS_ANYWHERE) && ot_is_set(r, obj);
        if (!(given[i] || anywhere) || ot_is_set(n, obj))
            continue;
        char who[160], also[160] = "";
        row_subject(r, !given[i], who, sizeof who);
        if (n->section)
            snprintf(also, sizeof also, " (or '%s' in [%s])", n->key, n->section);
        fprintf(err_out, "%s: %s needs --%s%s%s%s; try --help\n", p->name, who, n->name, n->arg ? " " : "",
                n->arg ? n->arg : "", also);
        return true;
    }
    return false;
}

/* A value as an error quotes it: as given, in quotes when empty or spaced. */
static void value_text(const char *v, char *buf, size_t cap)
{
    bool plain = v[0] && !strpbrk(v, " \t'");
    snprintf(buf, cap, plain ? "%s" : "'%s'", v);
}

ot_result ot_parse_args(const ot_prog *p, void *obj, int argc, char **argv, int *rest, bool *seen,
                        FILE *out, FILE *err_out)
{
    assert(p && obj && argv && out && err_out);
    struct option *longopts = calloc(p->nrows + 1, sizeof *longopts);
    bool *cleared = calloc(p->nrows + 1, sizeof *cleared);
    bool *given = calloc(p->nrows + 1, sizeof *given);
    ot_result res = OT_RUN;
    if (!longopts || !cleared || !given) {
        fprintf(err_out, "%s: out of memory\n", p->name);
        res = OT_USAGE;
        goto done;
    }
    size_t nl = 0;
    for (size_t i = 0; i < p->nrows; i++)
        if (p->rows[i].name)
            longopts[nl++] = (struct option){p->rows[i].name,
                                             p->rows[i].arg ? required_argument : no_argument, NULL,
                                             256 + (int)i};
    optind = 1;
    opterr = 0;
    int c;
    while (res == OT_RUN && (c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c < 256 || c >= 256 + (int)p->nrows) {
            fprintf(err_out, "%s: unknown option or missing value: '%s'; try --help\n", p->name,
                    argv[optind - 1]);
            res = OT_USAGE;
            break;
        }
        size_t i = (size_t)(c - 256);
        const ot_row *r = &p->rows[i];
        given[i] = true;
        if (seen)
            seen[i] = true;
        switch (r->type) {
        case OT_HELP: ot_print_help(p, out); res = OT_EXIT_OK; continue;
        case OT_VERSION: fprintf(out, "%s %s\n", p->name, p->version); res = OT_EXIT_OK; continue;
        case OT_MANPAGE: ot_print_man(p, out, NULL); res = OT_EXIT_OK; continue;
        case OT_LIST:
            if (!cleared[i])
                *AT(obj, r->off_n, size_t) = 0; /* the command line's list replaces the file's */
            cleared[i] = true;
            break;
        default: break;
        }
        char err[400], val[300];
        if (ot_set(r, obj, r->arg ? optarg : NULL, err, sizeof err) != 0) {
            value_text(optarg ? optarg : "", val, sizeof val);
            fprintf(err_out, "%s: --%s %s %s; try --help\n", p->name, r->name, val, err);
            res = OT_USAGE;
        }
    }
    if (res == OT_RUN) {
        if (rest)
            *rest = optind;
        else if (optind < argc) {
            fprintf(err_out, "%s: unexpected argument '%s'; try --help\n", p->name, argv[optind]);
            res = OT_USAGE;
        }
    }
    if (res == OT_RUN && needs_missing(p, obj, given, err_out))
        res = OT_USAGE;
done:
    free(longopts);
    free(cleared);
    free(given);
    return res;
}

/* ---- help, man page, example config, effective config ---- */

/* Row r's help as the help, the man page and the example config show it:
 * "with --attach: " first when it needs another option. */
static const char *row_help(const ot_row *r, char *buf, size_t cap)
{
    if (!r->needs)
        return r->help;
    snprintf(buf, cap, "with --%s: %s", r->needs, r->help);
    return buf;
}

/* " (default X)" of row r into buf, or "" when it shows none. */
static const char *default_note(const ot_row *r, char *buf, size_t cap)
{
    char d[256];
    const char *t = ot_default_text(r, d, sizeof d);
    buf[0] = '\0';
    if (t && !(r->type == OT_FLAG && !r->section))
        snprintf(buf, cap, " (default %s)", t);
    return buf;
}

static void print_rows_help(FILE *out, const ot_row *rows, size_t n, bool keys)
{
    const char *group = "";
    for (size_t i = 0; i < n; i++) {
        const ot_row *r = &rows[i];
        if (!keys && !r->name && !r->section)
            continue;
        if (strcmp(group, r->group) != 0) {
            group = r->group;
            fprintf(out, "\n%s:\n", group);
        }
        char left[64], note[300], help[400];
        if (keys)
            snprintf(left, sizeof left, "%s = %s", r->key, r->arg ? r->arg : "true|false");
        else if (!r->name) /* a config key only: shown as --set takes it */
            snprintf(left, sizeof left, "%s:%s=%s", r->section, r->key, r->arg ? r->arg : "true|false");
        else
            snprintf(left, sizeof left, "--%s%s%s", r->name, r->arg ? " " : "", r->arg ? r->arg : "");
        /* two blanks at least between the columns, also after a long left
         * one: one blank would join them for whoever reads the help by
         * columns */
        fprintf(out, "  %-26s %s%s%s\n", left, strlen(left) >= 26 ? " " : "", row_help(r, help, sizeof help),
                default_note(r, note, sizeof note));
    }
}

void ot_print_help(const ot_prog *p, FILE *out)
{
    const char *s = p->synopsis;
    for (bool first = true; s && *s; first = false) {
        size_t len = strcspn(s, "\n");
        fprintf(out, "%s %s %.*s\n", first ? "Usage:" : "      ", p->name, (int)len, s);
        s += len + (s[len] == '\n');
    }
    fprintf(out, "%c%s.\n", toupper((unsigned char)p->summary[0]), p->summary + 1);
    if (p->about)
        fprintf(out, "\n%s\n", p->about);
    print_rows_help(out, p->rows, p->nrows, false);
    if (p->nkeys) {
        if (p->keys_about)
            fprintf(out, "\n%s\n", p->keys_about);
        print_rows_help(out, p->keys, p->nkeys, true);
    }
    if (p->help_tail)
        fprintf(out, "\n%s", p->help_tail);
}

void ot_roff(FILE *out, const char *s)
{
    bool line_start = true;
    for (; *s; s++) {
        if (line_start && (*s == '.' || *s == '\''))
            fputs("\\&", out);
        line_start = *s == '\n';
        if (*s == '\\')
            fputs("\\e", out);
        else if (*s == '-')
            fputs("\\-", out);
        else
            fputc(*s, out);
    }
}

/* Plain paragraphs ("\n\n" between) as roff. */
static void roff_paragraphs(FILE *out, const char *s)
{
    while (*s) {
        const char *end = strstr(s, "\n\n");
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char *para = strndup(s, len);
        if (para) {
            ot_roff(out, para);
            free(para);
        }
        fputs("\n", out);
        if (!end)
            break;
        fputs(".PP\n", out);
        s = end + 2;
    }
}

static void man_note(FILE *out, const ot_row *r)
{
    char note[300], help[400];
    default_note(r, note, sizeof note);
    ot_roff(out, row_help(r, help, sizeof help));
    ot_roff(out, note);
    fputs(".", out);
}

void ot_print_man(const ot_prog *p, FILE *out, void (*extra)(FILE *out))
{
    fputs(".TH ", out);
    for (const char *c = p->name; *c; c++)
        fputc(*c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c, out);
    fprintf(out, " 1 \"2026\" \"invtop %s\" \"User Commands\"\n.SH NAME\n", p->version);
    ot_roff(out, p->name);
    fputs(" \\- ", out);
    ot_roff(out, p->summary);
    fputs("\n.SH SYNOPSIS\n", out);
    const char *s = p->synopsis;
    while (s && *s) {
        size_t len = strcspn(s, "\n");
        char *line = strndup(s, len);
        fputs(".B ", out);
        ot_roff(out, p->name);
        fputs("\n", out);
        if (line) {
            ot_roff(out, line);
            free(line);
        }
        fputs("\n", out);
        s += len;
        if (*s == '\n') {
            fputs(".br\n", out);
            s++;
        }
    }
    fputs(".SH DESCRIPTION\n", out);
    roff_paragraphs(out, p->about ? p->about : p->summary);
    fputs(".SH OPTIONS\n", out);
    const char *group = "";
    for (size_t i = 0; i < p->nrows; i++) {
        const ot_row *r = &p->rows[i];
        if (!r->name && !r->section)
            continue;
        if (strcmp(group, r->group) != 0) {
            group = r->group;
            fprintf(out, ".SS %s\n", group);
        }
        if (r->name) {
            fputs(".TP\n.BR \\-\\-", out);
            ot_roff(out, r->name);
            if (r->arg) {
                fputs(" \" \" \"\\fI", out);
                ot_roff(out, r->arg);
                fputs("\\fR\"", out);
            }
        } else { /* a config key only: shown as --set takes it */
            fputs(".TP\n.BR ", out);
            ot_roff(out, r->section);
            fputs(":", out);
            ot_roff(out, r->key);
            fputs(" \"=\" \"\\fI", out);
            ot_roff(out, r->arg ? r->arg : "true|false");
            fputs("\\fR\"", out);
        }
        fputs("\n", out);
        man_note(out, r);
        if (r->section) {
            fputs(" Config: [", out);
            ot_roff(out, r->section);
            fputs("] ", out);
            ot_roff(out, r->key);
            if (!r->name) {
                fputs(", or \\-\\-set '", out);
                ot_roff(out, r->section);
                fputs(":", out);
                ot_roff(out, r->key);
                fputs("=", out);
                ot_roff(out, r->arg ? r->arg : "true|false");
                fputs("'", out);
            }
            fputs(".", out);
        }
        fputs("\n", out);
    }
    if (p->nkeys) {
        fputs(".SH CONFIGURATION\n", out);
        if (p->keys_about)
            roff_paragraphs(out, p->keys_about);
        group = "";
        for (size_t i = 0; i < p->nkeys; i++) {
            const ot_row *r = &p->keys[i];
            if (strcmp(group, r->group) != 0) {
                group = r->group;
                fputs(".SS ", out);
                ot_roff(out, group);
                fputs("\n", out);
            }
            fputs(".TP\n.BR ", out);
            ot_roff(out, r->key);
            fputs(" \" = \" \"\\fI", out);
            ot_roff(out, r->arg ? r->arg : "true|false");
            fputs("\\fR\"\n", out);
            man_note(out, r);
            fputs("\n", out);
        }
    }
    if (extra)
        extra(out);
    if (p->man_tail)
        fputs(p->man_tail, out);
}

/* The config sections of rows, in table order, into secs (at most cap);
 * returns how many. */
static size_t sections_of(const ot_row *rows, size_t n, const char **secs, size_t cap)
{
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        if (!rows[i].section)
            continue;
        size_t k = 0;
        while (k < ns && strcmp(secs[k], rows[i].section) != 0)
            k++;
        if (k == ns && ns < cap)
            secs[ns++] = rows[i].section;
    }
    return ns;
}

/* Plain text as "# " comment lines. */
static void comment(FILE *out, const char *s)
{
    while (*s) {
        size_t len = strcspn(s, "\n");
        fprintf(out, len ? "# %.*s\n" : "#\n", (int)len, s);
        s += len + (s[len] == '\n');
    }
}

/* How wide the example config's key lines are at most (a word longer than
 * the room left stands alone): the file is meant to be copied as a config,
 * and inih, its reader, takes at most 199 bytes a line. */
#define EXAMPLE_WIDTH 100

/* "#   key = ARG          help (default X)", the help and the note wrapped
 * at blanks under the help's column. */
static void example_key(FILE *out, const char *left, const char *help, const char *note)
{
    enum { COL = 4 + 22 + 1 }; /* "#   ", the key's column, a blank */
    int col = fprintf(out, "#   %-22s %s", left, strlen(left) >= 22 ? " " : "");
    bool first = true;
    for (int part = 0; part < 2; part++) {
        for (const char *s = part ? note : help; *s;) {
            while (*s == ' ')
                s++;
            size_t word = strcspn(s, " ");
            if (!word)
                break;
            if (!first && col + 1 + (int)word > EXAMPLE_WIDTH) {
                fprintf(out, "\n#%*s", COL - 1, "");
                col = COL;
                first = true;
            }
            col += fprintf(out, "%s%.*s", first ? "" : " ", (int)word, s);
            first = false;
            s += word;
        }
    }
    fputc('\n', out);
}

void ot_print_example(const ot_prog *p, FILE *out)
{
    const char *secs[32];
    size_t ns = sections_of(p->rows, p->nrows, secs, 32);
    for (size_t s = 0; s < ns; s++) {
        fprintf(out, "\n[%s]\n", secs[s]);
        for (size_t i = 0; i < p->nrows; i++) {
            const ot_row *r = &p->rows[i];
            if (!r->section || strcmp(r->section, secs[s]) != 0)
                continue;
            char d[256], help[400];
            fprintf(out, "# %s", row_help(r, help, sizeof help));
            if (r->name)
                fprintf(out, " (--%s%s%s)", r->name, r->arg ? " " : "", r->arg ? r->arg : "");
            else
                fprintf(out, " (--set '%s:%s=%s')", r->section, r->key, r->arg ? r->arg : "true|false");
            if (ot_default_unset(r))
                fprintf(out, "\n# %s =\n", r->key);
            else
                fprintf(out, "\n# %s = %s\n", r->key, ot_default_text(r, d, sizeof d));
        }
    }
    if (!p->nkeys)
        return;
    fputs("\n", out);
    if (p->keys_about)
        comment(out, p->keys_about);
    const char *group = "";
    for (size_t i = 0; i < p->nkeys; i++) {
        const ot_row *r = &p->keys[i];
        if (strcmp(group, r->group) != 0) {
            group = r->group;
            fprintf(out, "#\n# %s:\n", group);
        }
        char left[64], note[300];
        snprintf(left, sizeof left, "%s = %s", r->key, r->arg ? r->arg : "true|false");
        example_key(out, left, r->help, default_note(r, note, sizeof note));
    }
}

void ot_print_config(const ot_prog *p, const void *obj, FILE *out)
{
    const char *secs[32];
    size_t ns = sections_of(p->rows, p->nrows, secs, 32);
    for (size_t s = 0; s < ns; s++) {
        fprintf(out, "\n[%s]\n", secs[s]);
        for (size_t i = 0; i < p->nrows; i++) {
            const ot_row *r = &p->rows[i];
            if (!r->section || strcmp(r->section, secs[s]) != 0)
                continue;
            char v[1024];
            if (r->type == OT_LIST) {
                const char *const *items;
                size_t n = ot_list(r, obj, &items);
                for (size_t k = 0; k < n; k++)
                    fprintf(out, "%s = %s\n", r->key, items[k]);
                if (!n)
                    fprintf(out, "# %s =\n", r->key);
            } else if (ot_format(r, obj, v, sizeof v)) {
                fprintf(out, "%s = %s\n", r->key, v);
            } else {
                fprintf(out, "# %s =\n", r->key);
            }
        }
    }
}

void ot_print_block(const ot_row *keys, size_t n, const char *sec, const void *block, FILE *out)
{
    for (size_t i = 0; i < n; i++) {
        char v[1024];
        if (keys[i].section && !strcmp(keys[i].section, sec) && ot_format(&keys[i], block, v, sizeof v))
            fprintf(out, "%s = %s\n", keys[i].key, v);
    }
}
