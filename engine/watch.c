/* watch.c - the event log's conditions on event time (see watch.h). */
#include "invtop/watch.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int watch_init(watch *w, size_t cap, double stale_s)
{
    assert(w && cap > 0 && stale_s > 0);
    memset(w, 0, sizeof *w);
    w->now = NAN;
    w->stale_s = stale_s;
    w->cap = cap;
    w->next_due = INFINITY;
    w->rejects.window_end = w->gaps.window_end = NAN;
    w->var_breach_since = NAN;
    w->stale = calloc(cap, sizeof *w->stale);
    w->gone = malloc(cap * sizeof *w->gone);
    w->breach_since = malloc(cap * sizeof *w->breach_since);
    if (!w->stale || !w->gone || !w->breach_since)
        return -1;
    for (size_t i = 0; i < cap; i++)
        w->breach_since[i] = NAN;
    return 0;
}

void watch_free(watch *w)
{
    free(w->stale);
    free(w->gone);
    free(w->breach_since);
    memset(w, 0, sizeof *w);
}

void watch_set_stale(watch *w, double stale_s)
{
    assert(w && stale_s > 0);
    w->stale_s = stale_s;
    w->next_due = -INFINITY; /* judge every price again at the next advance */
}

/* ---- counters: rejects and gaps ---- */

static uint64_t rejects_total(const feedstat *fs)
{
    return fs->rejected_total;
}

static uint64_t gaps_total(const feedstat *fs)
{
    return fs->gaps;
}

/* Log what c has not said yet of the counter (value total) at time t. */
static void say_count(watch_count *c, bool rejects, const feedstat *fs, evlog *log, uint64_t total, double t)
{
    uint64_t fresh = total - c->logged;
    c->logged = total;
    if (!rejects) {
        evlog_add(log, t, EVLOG_WARN, "seq gap: %llu message(s) lost", (unsigned long long)fresh);
        return;
    }
    const feedstat_reject *r = feedstat_recent(fs, 0); /* the newest is the last counted */
    if (!r)
        evlog_add(log, t, EVLOG_WARN, "%llu messages rejected", (unsigned long long)fresh);
    else if (fresh > 1)
        evlog_add(log, t, EVLOG_WARN, "%llu messages rejected, last: %s: %.60s", (unsigned long long)fresh,
                  wire_status_name(r->reason), r->excerpt);
    else
        evlog_add(log, t, EVLOG_WARN, "rejected (%s): %.70s", wire_status_name(r->reason), r->excerpt);
}

/* After a message at t: a count with no window open is said at once and
 * opens one; within a window it waits for the window's end. */
static void count_message(watch_count *c, bool rejects, const feedstat *fs, evlog *log, uint64_t total,
                          double t)
{
    if (total == c->logged || (!isnan(c->window_end) && t < c->window_end))
        return;
    say_count(c, rejects, fs, log, total, t);
    c->window_end = t + WATCH_COUNT_WINDOW_S;
}

void watch_message(watch *w, const book *b, const feedstat *fs, evlog *log, long inst, double t)
{
    assert(w && b && fs && log && !isnan(t));
    count_message(&w->rejects, true, fs, log, rejects_total(fs), t);
    count_message(&w->gaps, false, fs, log, gaps_total(fs), t);
    if (inst < 0 || (size_t)inst >= book_count(b))
        return;
    size_t i = (size_t)inst;
    assert(i < w->cap);
    const book_inst *in = book_at(b, i);
    if (isnan(in->px_time))
        return;
    if (w->stale[i] && !book_is_stale(in, t, w->stale_s)) {
        evlog_add(log, in->px_time, EVLOG_INFO, "%s price fresh again", in->id);
        w->stale[i] = false;
    }
    if (!w->stale[i] && in->px_time + w->stale_s < w->next_due)
        w->next_due = in->px_time + w->stale_s;
}

/* ---- advancing ---- */

static int by_deadline(const void *pa, const void *pb)
{
    const watch_gone *a = pa, *b = pb;
    if (a->deadline != b->deadline)
        return a->deadline < b->deadline ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Every price judged at t: those whose deadline t passes into out (sorted
 * by deadline), those fresh again under a new staleness logged at t;
 * next_due becomes the earliest deadline still ahead. Returns the count. */
static size_t scan(watch *w, const book *b, evlog *log, double t, watch_gone *out)
{
    size_t n = book_count(b), k = 0;
    double next = INFINITY;
    w->scans++;
    for (size_t i = 0; i < n; i++) {
        const book_inst *in = book_at(b, i);
        if (isnan(in->px_time))
            continue;
        bool stale = book_is_stale(in, t, w->stale_s);
        double deadline = in->px_time + w->stale_s;
        if (stale && !w->stale[i]) {
            out[k++] = (watch_gone){deadline, i};
            continue;
        }
        if (!stale && w->stale[i]) { /* only after watch_set_stale: a longer staleness */
            evlog_add(log, t, EVLOG_INFO, "%s price fresh again", in->id);
            w->stale[i] = false;
        }
        if (!w->stale[i] && deadline < next)
            next = deadline;
    }
    w->next_due = next;
    qsort(out, k, sizeof *out, by_deadline);
    return k;
}

void watch_advance(watch *w, const book *b, const feedstat *fs, evlog *log, double t)
{
    assert(w && b && fs && log);
    if (isnan(t) || (!isnan(w->now) && t <= w->now))
        return;
    w->now = t;
    watch_gone *gone = w->gone;
    size_t k = t > w->next_due ? scan(w, b, log, t, gone) : 0;
    /* the counts whose window closed by t, in time order (rejects first on a tie) */
    watch_count *cs[2] = {&w->rejects, &w->gaps};
    uint64_t totals[2] = {rejects_total(fs), gaps_total(fs)};
    size_t nc = 0, ci = 0, si = 0;
    int due[2];
    for (int c = 0; c < 2; c++)
        if (!isnan(cs[c]->window_end) && cs[c]->window_end <= t)
            due[nc++] = c;
    if (nc == 2 && cs[due[1]]->window_end < cs[due[0]]->window_end) {
        int x = due[0];
        due[0] = due[1];
        due[1] = x;
    }
    while (ci < nc || si < k) {
        if (ci < nc && (si == k || cs[due[ci]]->window_end <= gone[si].deadline)) {
            watch_count *c = cs[due[ci]];
            if (totals[due[ci]] != c->logged)
                say_count(c, due[ci] == 0, fs, log, totals[due[ci]], c->window_end);
            c->window_end = NAN;
            ci++;
        } else {
            const book_inst *in = book_at(b, gone[si].i);
            evlog_add(log, gone[si].deadline, EVLOG_WARN, "%s price stale (no update for %.1fs)", in->id,
                      w->stale_s);
            w->stale[gone[si].i] = true;
            si++;
        }
    }
}

double watch_due_in(const watch *w, double now)
{
    assert(w);
    double due = w->next_due;
    if (!isnan(w->rejects.window_end) && w->rejects.window_end < due)
        due = w->rejects.window_end;
    if (!isnan(w->gaps.window_end) && w->gaps.window_end < due)
        due = w->gaps.window_end;
    if (isinf(due) && due > 0)
        return INFINITY;
    return due > now ? due - now : 0;
}

/* ---- limits ---- */

static void breach_inst(watch *w, const book *b, const limits *l, evlog *log, size_t i, double t)
{
    double since = i < l->ninst ? l->inst[i].since : NAN;
    const char *id = book_at(b, i)->id;
    if (!isnan(since) && isnan(w->breach_since[i]))
        evlog_add(log, t, EVLOG_ALERT, "LIMIT %s position at %.0f%% of its limit", id, l->inst[i].util * 100);
    else if (isnan(since) && !isnan(w->breach_since[i]))
        evlog_add(log, t, EVLOG_INFO, "limit %s position back within its limit", id);
    w->breach_since[i] = since;
}

void watch_limits(watch *w, const book *b, const limits *l, evlog *log, long inst, double t)
{
    assert(w && b && l && log);
    if (inst >= 0) {
        if ((size_t)inst < book_count(b) && (size_t)inst < w->cap)
            breach_inst(w, b, l, log, (size_t)inst, t);
        return;
    }
    for (size_t i = 0; i < l->ninst && i < book_count(b) && i < w->cap; i++)
        breach_inst(w, b, l, log, i, t);
    if (!isnan(l->var.since) && isnan(w->var_breach_since))
        evlog_add(log, t, EVLOG_ALERT, "LIMIT portfolio VaR at %.0f%% of its limit", l->var.util * 100);
    else if (isnan(l->var.since) && !isnan(w->var_breach_since))
        evlog_add(log, t, EVLOG_INFO, "limit portfolio VaR back within its limit");
    w->var_breach_since = l->var.since;
}
