/* keys_help.c - the words generated from the key table (see keys.h): a
 * mode's hint line for the footer and the edit form, and the help
 * overlay's wrapped lines. The table, its handlers and the dispatcher are
 * keys.c's; this file only reads the rows (keys_table). */
#include "tui/keys.h"

#include <stdio.h>
#include <string.h>

#include "tui/format.h"

size_t keys_hints(unsigned mode, int max_rank, unsigned lacking, const char *sep, char *out, size_t cap)
{
    size_t nkeys;
    const key_binding *t = keys_table(&nkeys);
    size_t len = 0;
    if (cap)
        out[0] = '\0';
    for (size_t i = 0; i < nkeys; i++) {
        if (!(t[i].modes & mode) || !t[i].hint || t[i].hint_rank > max_rank || (t[i].flags & lacking))
            continue;
        char label[32];
        size_t n = 0;
        for (const char *s = t[i].label; *s && n + 1 < sizeof label; s++) {
            if (s[0] == ',' && s[1] == ' ') {
                label[n++] = '/';
                s++;
            } else {
                label[n++] = *s;
            }
        }
        label[n] = '\0';
        int w = snprintf(out + len, cap > len ? cap - len : 0, "%s%s %s", len ? sep : "", label, t[i].hint);
        if (w > 0)
            len = len + (size_t)w < cap ? len + (size_t)w : (cap ? cap - 1 : 0);
    }
    return len;
}

/* ---- the help's text ---- */

/* Walk the help's lines up to line `want` (SIZE_MAX: all); the line found
 * goes into out. Returns the number of lines walked. */
static size_t help_walk(int w, size_t want, char *out, size_t cap, const key_binding **row)
{
    size_t n;
    const key_binding *t = keys_table(&n);
    size_t line = 0;
    if (w < 1)
        w = 1;
    for (size_t i = 0; i < n; i++) {
        if (!t[i].help)
            continue;
        size_t next;
        for (const char *s = t[i].help; *s; s += next, line++) {
            size_t len = fmt_wrap(s, w, &next);
            if (line != want)
                continue;
            snprintf(out, cap, "%-*s %.*s", KEYS_HELP_LABEL, s == t[i].help ? t[i].label : "", (int)len, s);
            *row = &t[i];
            return line + 1;
        }
    }
    return line;
}

size_t keys_help_lines(int w)
{
    const key_binding *row;
    return help_walk(w, (size_t)-1, NULL, 0, &row);
}

const key_binding *keys_help_line(int w, size_t n, char *out, size_t cap)
{
    const key_binding *row = NULL;
    (void)help_walk(w, n, out, cap, &row);
    return row;
}
