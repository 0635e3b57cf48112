/* record.c - record and replay (see record.h). */
#include "invtop/record.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define JSMN_STATIC
#define JSMN_STRICT
#include <jsmn.h>

/* Enough for the largest accepted body (64 KiB can hold ~20k tokens). */
#define REPLAY_MAX_TOKENS 32768

int recorder_open(recorder *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->fp = fopen(path, "a");
    return r->fp ? 0 : -1;
}

int recorder_write(recorder *r, double t, const char *topic, size_t topic_len, const char *body,
                   size_t body_len)
{
    jw *w = &r->line;
    jw_reset(w);
    jw_obj_begin(w);
    jw_kfixed(w, "t", t, 6);
    jw_key(w, "topic");
    jw_strn(w, topic, topic_len);
    jw_key(w, "body");
    size_t start = w->len;
    jw_raw(w, body, body_len);
    for (size_t i = start; i < w->len; i++)
        if (w->buf[i] == '\n' || w->buf[i] == '\r')
            w->buf[i] = ' ';
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    if (!jw_ok(w) || fwrite(w->buf, 1, w->len, r->fp) != w->len) {
        r->errors++;
        return -1;
    }
    return 0;
}

int recorder_close(recorder *r)
{
    int rc = 0;
    if (r->fp && fclose(r->fp) != 0)
        rc = -1;
    r->fp = NULL;
    jw_free(&r->line);
    return rc;
}

int replay_open(replay *rp, const char *path)
{
    memset(rp, 0, sizeof *rp);
    rp->tokens = malloc(REPLAY_MAX_TOKENS * sizeof(jsmntok_t));
    if (!rp->tokens)
        return -1;
    rp->fp = fopen(path, "r");
    if (!rp->fp) {
        int e = errno;
        free(rp->tokens);
        rp->tokens = NULL;
        errno = e;
        return -1;
    }
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Unescape a JSON string (ASCII escapes only; \u00XX) into dst. */
static int unescape(const char *s, size_t n, char *dst, size_t cap, size_t *out_len)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\\') {
            if (++i >= n)
                return -1;
            switch (s[i]) {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'u': {
                int v = 0;
                for (int k = 1; k <= 4; k++) {
                    int h = i + (size_t)k < n ? hexval(s[i + (size_t)k]) : -1;
                    if (h < 0)
                        return -1;
                    v = v * 16 + h;
                }
                if (v > 0x7f)
                    return -1;
                c = (char)v;
                i += 4;
                break;
            }
            default: c = s[i]; break;
            }
        }
        if (o + 1 >= cap)
            return -1;
        dst[o++] = c;
    }
    dst[o] = '\0';
    *out_len = o;
    return 0;
}

static int parse_line(replay *rp, char *line, size_t len, replay_msg *m)
{
    jsmntok_t *tok = rp->tokens;
    jsmn_parser p;
    jsmn_init(&p);
    int n = jsmn_parse(&p, line, len, tok, REPLAY_MAX_TOKENS);
    if (n < 1 || tok[0].type != JSMN_OBJECT)
        return -1;
    int t_tok = -1, topic_tok = -1, body_tok = -1, i = 1;
    for (int k = 0; k < tok[0].size && i + 1 < n; k++) {
        const char *key = line + tok[i].start;
        size_t klen = (size_t)(tok[i].end - tok[i].start);
        if (klen == 1 && key[0] == 't')
            t_tok = i + 1;
        else if (klen == 5 && memcmp(key, "topic", 5) == 0)
            topic_tok = i + 1;
        else if (klen == 4 && memcmp(key, "body", 4) == 0)
            body_tok = i + 1;
        int end = tok[i + 1].end, j = i + 2;
        while (j < n && tok[j].start < end)
            j++;
        i = j;
    }
    if (t_tok < 0 || topic_tok < 0 || body_tok < 0 || tok[t_tok].type != JSMN_PRIMITIVE ||
        tok[topic_tok].type != JSMN_STRING || tok[body_tok].type != JSMN_OBJECT)
        return -1;
    line[tok[t_tok].end] = '\0'; /* the byte after a primitive is a separator */
    char *end;
    m->t = strtod(line + tok[t_tok].start, &end);
    if (end != line + tok[t_tok].end || !isfinite(m->t))
        return -1;
    if (unescape(line + tok[topic_tok].start, (size_t)(tok[topic_tok].end - tok[topic_tok].start),
                 rp->topic, sizeof rp->topic, &m->topic_len) != 0)
        return -1;
    m->topic = rp->topic;
    m->body = line + tok[body_tok].start;
    m->body_len = (size_t)(tok[body_tok].end - tok[body_tok].start);
    return 0;
}

int replay_next(replay *rp, replay_msg *m)
{
    for (;;) {
        errno = 0;
        ssize_t n = getline(&rp->line, &rp->line_cap, rp->fp);
        if (n < 0)
            return ferror(rp->fp) ? -1 : 0;
        rp->line_no++;
        while (n > 0 && (rp->line[n - 1] == '\n' || rp->line[n - 1] == '\r'))
            rp->line[--n] = '\0';
        if (n == 0)
            continue;
        if (parse_line(rp, rp->line, (size_t)n, m) == 0)
            return 1;
        rp->bad_lines++;
    }
}

void replay_close(replay *rp)
{
    if (rp->fp)
        fclose(rp->fp);
    free(rp->line);
    free(rp->tokens);
    memset(rp, 0, sizeof *rp);
}
