/* feedstat.c - feed counters (see feedstat.h). */
#include "invtop/feedstat.h"

#include <assert.h>
#include <math.h>
#include <string.h>

void feedstat_init(feedstat *fs)
{
    memset(fs, 0, sizeof *fs);
    fs->last_msg_time = NAN;
}

static feedstat_src *find_src(feedstat *fs, const char *name)
{
    for (size_t i = 0; i < fs->nsrc; i++)
        if (strcmp(fs->src[i].name, name) == 0)
            return &fs->src[i];
    if (fs->nsrc == FEEDSTAT_MAX_SRC)
        return NULL;
    feedstat_src *s = &fs->src[fs->nsrc++];
    memcpy(s->name, name, sizeof s->name);
    s->last_seq = -1;
    return s;
}

wire_status feedstat_check_seq(feedstat *fs, const event *ev)
{
    if (!ev->has_seq)
        return WIRE_OK;
    feedstat_src *s = find_src(fs, ev->src);
    if (!s) {
        fs->untracked_seq++;
        return WIRE_OK;
    }
    if (s->last_seq >= 0) {
        if (ev->seq == s->last_seq)
            return WIRE_ERR_SEQ_DUP;
        if (ev->seq < s->last_seq) {
            if (ev->seq > 1 && s->last_seq - ev->seq <= FEEDSTAT_RESTART_WINDOW)
                return WIRE_ERR_SEQ_OLD;
            fs->restarts++; /* counting starts over: not a gap */
        } else if (ev->seq > s->last_seq + 1) {
            fs->gaps += (uint64_t)(ev->seq - s->last_seq - 1);
        }
    }
    s->last_seq = ev->seq;
    return WIRE_OK;
}

void feedstat_reject_msg(feedstat *fs, wire_status reason, double now, const char *msg,
                         size_t len)
{
    assert(reason > WIRE_IGNORED && reason < WIRE_STATUS_COUNT);
    fs->rejected_total++;
    fs->rejected[reason]++;
    feedstat_reject *r = &fs->last[fs->last_head];
    fs->last_head = (fs->last_head + 1) % FEEDSTAT_LAST_REJECTS;
    if (fs->last_count < FEEDSTAT_LAST_REJECTS)
        fs->last_count++;
    r->reason = reason;
    r->time = now;
    size_t n = msg ? len : 0;
    if (n > FEEDSTAT_EXCERPT - 1)
        n = FEEDSTAT_EXCERPT - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)msg[i];
        r->excerpt[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    r->excerpt[n] = '\0';
}

const feedstat_reject *feedstat_recent(const feedstat *fs, unsigned i)
{
    if (i >= fs->last_count)
        return NULL;
    unsigned idx = (fs->last_head + FEEDSTAT_LAST_REJECTS - 1 - i) % FEEDSTAT_LAST_REJECTS;
    return &fs->last[idx];
}
