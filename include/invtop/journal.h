/* journal.h - the override journal (prefix journal_): one JSON line per
 * change, written and fsync'd before the change takes effect, replayed at
 * start-up so active overrides and the kill switch come back.
 *
 * Line: {"ts":EVENT_TIME,"user":"alice","ssh":"10.0.0.5 51234 10.0.0.9 22",
 * "sym":"BTC-PERP","action":"skew+","reason":"key ]","kill":false,
 * "before":{OVERRIDE},"after":{OVERRIDE}} with OVERRIDE = {"skew_bps",
 * "skew_replace","half_spread_bps","bid","ask","size_bid","size_ask",
 * "paused","expires"} (null for what is not set). sym "" is a global change. */
#ifndef INVTOP_JOURNAL_H
#define INVTOP_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "invtop/jsonw.h"
#include "invtop/override.h"

typedef struct {
    int fd;           /* -1 when not open */
    bool ok;          /* the last write went through */
    char err[192];    /* why not, for the screen */
    char path[4096];
    jw line;
} journal;

/* The default path: $XDG_STATE_HOME/invtop/overrides.jsonl, else
 * $HOME/.local/state/invtop/overrides.jsonl. Returns buf. */
const char *journal_default_path(char *buf, size_t cap);

/* A journal beside the override journal at path: its name with ".jsonl"
 * replaced by ".KIND.jsonl" (or ".KIND.jsonl" appended). Returns buf. */
const char *journal_beside(const char *path, const char *kind, char *buf, size_t cap);

/* Create the directory holding path (mode 0700, parents too). Returns 0,
 * or -1 with errno set. */
int journal_make_parent(const char *path);

/* Append one line (len bytes, its newline included) to fd with one write()
 * and fsync it, so a crash leaves at worst a torn last line. Returns 0, or
 * -1 with errno set (ENOSPC for a short write). */
int journal_append(int fd, const char *line, size_t len);

/* Open path for appending, creating its directory (mode 0700) when needed.
 * Returns 0, or -1 with the reason in j->err (the journal then refuses every
 * write, and overrides with it). */
int journal_open(journal *j, const char *path);
void journal_close(journal *j);

/* Append one change and fsync. Returns 0, or -1 with the reason in j->err:
 * the caller must then not apply the change. */
int journal_write(journal *j, const ovr_change *c, double ts, const char *user, const char *ssh,
                  const char *reason);

/* Replay path into t (a missing file, or one that is not a regular file,
 * is an empty journal): every readable
 * line's `after` state and kill switch are committed in order, then the undo
 * history is dropped. Unreadable lines (a torn last line after a crash) are
 * skipped and counted in *skipped. Returns 0, or -1 with the reason in err
 * when the file exists but cannot be read. */
int journal_load(const char *path, ovr_table *t, size_t *applied, size_t *skipped, char *err,
                 size_t errlen);

/* Parse one journal line into a change. Returns 0, or -1 when the line is
 * not a journal record (a torn line, an edited one). */
int journal_parse_line(const char *line, size_t len, ovr_change *c);


#endif
