/* evlog.c - event ring (see evlog.h). */
#include "invtop/evlog.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void evlog_init(evlog *l)
{
    memset(l, 0, sizeof *l);
}

void evlog_add(evlog *l, double time, evlog_level level, const char *fmt, ...)
{
    evlog_entry *e = &l->e[l->head];
    l->head = (l->head + 1) % EVLOG_CAP;
    if (l->n < EVLOG_CAP)
        l->n++;
    l->total++;
    e->time = time;
    e->level = level;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->text, sizeof e->text, fmt, ap);
    va_end(ap);
    for (char *c = e->text; *c; c++)
        if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
            *c = '?'; /* excerpts of rejected input are not for the terminal */
}

const evlog_entry *evlog_get(const evlog *l, size_t i)
{
    if (i >= l->n)
        return NULL;
    return &l->e[(l->head + EVLOG_CAP - 1 - i) % EVLOG_CAP];
}
