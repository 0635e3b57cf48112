/* evlog.h - the dashboard's event log: a fixed ring of the latest events
 * (prefix evlog_). No allocation. */
#ifndef INVTOP_EVLOG_H
#define INVTOP_EVLOG_H

#include <stddef.h>

#define EVLOG_CAP 256
#define EVLOG_TEXT 112

typedef enum { EVLOG_INFO = 0, EVLOG_WARN, EVLOG_ALERT } evlog_level;

typedef struct {
    double time; /* event time */
    evlog_level level;
    char text[EVLOG_TEXT];
} evlog_entry;

typedef struct {
    evlog_entry e[EVLOG_CAP];
    size_t head, n;
    unsigned long total;
} evlog;

void evlog_init(evlog *l);
/* Add a printf-formatted line (truncated to EVLOG_TEXT - 1 bytes). */
void evlog_add(evlog *l, double time, evlog_level level, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The i-th newest entry (0 = newest), or NULL. */
const evlog_entry *evlog_get(const evlog *l, size_t i);

#endif
