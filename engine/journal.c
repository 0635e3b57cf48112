/* journal.c - the override journal (see journal.h). */
#include "invtop/journal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "invtop/book.h"
#include "invtop/ovrjson.h"
#include "invtop/wire_body.h"

const char *journal_default_path(char *buf, size_t cap)
{
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (state && state[0] == '/')
        snprintf(buf, cap, "%s/invtop/overrides.jsonl", state);
    else
        snprintf(buf, cap, "%s/.local/state/invtop/overrides.jsonl", home ? home : ".");
    return buf;
}

const char *journal_beside(const char *path, const char *kind, char *buf, size_t cap)
{
    size_t n = strlen(path);
    if (n > 6 && !strcmp(path + n - 6, ".jsonl"))
        snprintf(buf, cap, "%.*s.%s.jsonl", (int)(n - 6), path, kind);
    else
        snprintf(buf, cap, "%s.%s.jsonl", path, kind);
    return buf;
}

int journal_make_parent(const char *path)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(dir, 0700) != 0 && errno != EEXIST ? -1 : 0;
}

int journal_open(journal *j, const char *path)
{
    memset(j, 0, sizeof *j);
    snprintf(j->path, sizeof j->path, "%s", path);
    j->fd = -1;
    if (journal_make_parent(path) != 0 ||
        (j->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        snprintf(j->err, sizeof j->err, "journal %.120s: %s", path, strerror(errno));
        return -1;
    }
    /* a torn last line (a crash mid-write) is ended first, or the next line
     * would be glued to it and skipped with it by the next load */
    struct stat st;
    char last = '\n';
    int rfd = fstat(j->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    if (rfd >= 0) {
        if (pread(rfd, &last, 1, st.st_size - 1) != 1)
            last = '\n';
        close(rfd);
    }
    if (last != '\n' && journal_append(j->fd, "\n", 1) != 0) {
        snprintf(j->err, sizeof j->err, "journal %.120s: %s", path, strerror(errno));
        close(j->fd);
        j->fd = -1;
        return -1;
    }
    j->ok = true;
    return 0;
}

void journal_close(journal *j)
{
    if (j->fd >= 0)
        close(j->fd);
    j->fd = -1;
    jw_free(&j->line);
}

int journal_write(journal *j, const ovr_change *c, double ts, const char *user, const char *ssh,
                  const char *reason)
{
    if (j->fd < 0) {
        if (!j->err[0])
            snprintf(j->err, sizeof j->err, "no journal open");
        return -1;
    }
    jw *w = &j->line;
    jw_reset(w);
    jw_obj_begin(w);
    jw_kfixed(w, "ts", ts, 3);
    jw_kstr(w, "user", user);
    jw_kstr(w, "ssh", ssh);
    jw_kstr(w, "sym", c->sym);
    jw_kstr(w, "action", ovr_action_name(c->action));
    jw_kstr(w, "reason", reason);
    jw_kbool(w, "kill", c->kill_after);
    jw_key(w, "before");
    ovrjson_write(w, &c->before);
    jw_key(w, "after");
    ovrjson_write(w, &c->after);
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    if (!jw_ok(w) || journal_append(j->fd, w->buf, w->len) != 0) {
        snprintf(j->err, sizeof j->err, "journal %.120s: %s", j->path, jw_ok(w) ? strerror(errno) : "out of memory");
        j->ok = false;
        return -1;
    }
    j->ok = true;
    j->err[0] = '\0';
    return 0;
}

int journal_append(int fd, const char *line, size_t len)
{
    ssize_t n = write(fd, line, len); /* one write() per line */
    if (n >= 0 && n != (ssize_t)len)
        errno = ENOSPC;
    return n == (ssize_t)len && fsync(fd) == 0 ? 0 : -1;
}

static wire_status read_ovr(const body_view *line, const char *key, ovr *o)
{
    return ovrjson_read(line, wb_find_value(line, key), o);
}

static wire_status parse_line(const char *s, size_t n, ovr_change *c)
{
    jsmntok_t tok[WIRE_MAX_TOKENS];
    body_view b;
    char action[24];
    memset(c, 0, sizeof *c);
    TRY(wb_parse_body(s, n, tok, &b));
    TRY(wb_get_string(&b, "sym", c->sym, sizeof c->sym));
    TRY(wb_get_string(&b, "action", action, sizeof action));
    /* replay applies a line's after state and kill switch, whatever did it:
     * a name this version does not know (an edited line, a newer invtop) is
     * still applied, as exact values, rather than dropping a pause */
    if (ovr_action_parse(action, &c->action) != 0)
        c->action = OVR_SET;
    if (c->sym[0] && !book_id_ok(c->sym))
        return WIRE_ERR_SYMBOL;
    if (wb_find_value(&b, "kill") < 0)
        return WIRE_ERR_MISSING;
    TRY(wb_opt_bool(&b, "kill", &c->kill_after));
    TRY(read_ovr(&b, "before", &c->before));
    return read_ovr(&b, "after", &c->after);
}

int journal_parse_line(const char *line, size_t len, ovr_change *c)
{
    return parse_line(line, len, c) == WIRE_OK ? 0 : -1;
}

int journal_load(const char *path, ovr_table *t, size_t *applied, size_t *skipped, char *err,
                 size_t errlen)
{
    *applied = *skipped = 0;
    FILE *fp = fopen(path, "r");
    if (!fp) {
        if (errno == ENOENT)
            return 0; /* no journal yet: nothing to restore */
        snprintf(err, errlen, "journal %.120s: %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(fp); /* a device or a pipe has no history to replay (and may never end) */
        return 0;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        ovr_change c;
        if (journal_parse_line(line, (size_t)n, &c) != 0) {
            (*skipped)++;
            continue;
        }
        c.is_undo = false;
        c.kill_before = t->kill; /* a global line other than clear-all restores the switch only */
        if (ovr_commit(t, &c) == 0)
            (*applied)++;
    }
    free(line);
    fclose(fp);
    t->undo_n = t->undo_head = 0; /* undo is for this session's own changes */
    return 0;
}
