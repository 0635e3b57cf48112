/* statusbar.c - the dashboard's top line (see statusbar.h). */
#include "tui/statusbar.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "invtop/alertrule.h"
#include "tui/format.h"
#include "tui/theme.h"
#include "invtop/version.h"

#define SEP " | "
#define SEP_LEN 3
#define TIGHT_SEP "|"
/* Figures that change every second are padded to their usual widest
 * ("99999 msg/s", "1.00k/s", "1m05s"), so that 999 and 1000 msg/s choose
 * the same segments and a new figure rewrites its digits, not the line. */
#define RATE_W 5
#define RATE_BRIEF_W 5
#define AGE_W 5

/* One segment's two forms; a builder returns false when the segment has
 * nothing to say (no kill switch, no warning...). */
typedef struct {
    char full[SBAR_TEXT], brief[SBAR_TEXT];
    int slot;
} form;

typedef bool (*seg_fn)(const snap *s, const sbar_view *v, form *f);

static bool engine_silent(const snap *s)
{
    return !isnan(s->engine_silence_s) && s->engine_silence_s > SBAR_SILENT_S;
}

/* A segment's two forms. Only a snapshot's source can be longer than
 * SBAR_TEXT - 1 bytes: it is cut there, on purpose (a segment is otherwise
 * shown whole or not at all). False, the segment not shown, if the text
 * could not be written at all. */
static bool say(form *f, int slot, const char *full, const char *brief)
{
    assert(full && brief);
    const int nf = snprintf(f->full, sizeof f->full, "%s", full);
    const int nb = snprintf(f->brief, sizeof f->brief, "%s", brief);
    f->slot = slot;
    return nf >= 0 && nb >= 0;
}

static bool seg_name(const snap *s, const sbar_view *v, form *f)
{
    (void)s, (void)v;
    return say(f, SLOT_ACCENT, "invtop " INVTOP_VERSION, "invtop");
}

static bool seg_silent(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    if (!engine_silent(s))
        return false;
    char age[16], full[64], brief[32];
    fmt_age(age, sizeof age, s->engine_silence_s);
    snprintf(full, sizeof full, "ENGINE SILENT %s: STALE", age);
    snprintf(brief, sizeof brief, "SILENT %s", age);
    return say(f, SLOT_BREACH, full, brief);
}

static bool seg_kill(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    return s->kill && say(f, SLOT_BREACH, "KILL SWITCH ON", "KILL");
}

static bool seg_frozen(const snap *s, const sbar_view *v, form *f)
{
    (void)s;
    return v->frozen && say(f, SLOT_WARNING, "FROZEN (Z)", "FROZEN");
}

static bool seg_breach(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    if (!s->breaches)
        return false;
    char full[48], brief[32];
    snprintf(full, sizeof full, "LIMIT BREACH %zu", s->breaches);
    snprintf(brief, sizeof brief, "BREACH %zu", s->breaches);
    return say(f, SLOT_BREACH, full, brief);
}

/* Firing alerts by severity, the worst first, in words ("ALERT 2 crit 1
 * warn"); short, the worst severity's count and its mark ("AL2!": ! for
 * critical, w warning, i info), so that it fits at 40 columns beside the
 * other states. Coloured by the worst: critical the breach (alert) slot,
 * warning the warning slot, info the bar's. Nothing when none fires. */
static bool seg_alerts(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    static const struct {
        int sev, slot;
        const char *word, *mark;
    } by[] = {{AL_CRITICAL, SLOT_BREACH, "crit", "!"}, {AL_WARNING, SLOT_WARNING, "warn", "w"},
              {AL_INFO, SLOT_ACCENT, "info", "i"}};
    /* at most 5 + 3 * 26 and 2 + 21 bytes: both fit SBAR_TEXT */
    char full[SBAR_TEXT] = "ALERT", brief[SBAR_TEXT] = "";
    size_t nf = strlen(full);
    int slot = -1;
    for (size_t k = 0; k < sizeof by / sizeof *by; k++) {
        const size_t n = s->alerts_firing[by[k].sev];
        if (!n)
            continue;
        if (slot < 0) {
            slot = by[k].slot;
            snprintf(brief, sizeof brief, "AL%zu%s", n, by[k].mark);
        }
        nf += (size_t)snprintf(full + nf, sizeof full - nf, " %zu %s", n, by[k].word);
    }
    return slot >= 0 && say(f, slot, full, brief);
}

static bool seg_mode(const snap *s, const sbar_view *v, form *f)
{
    (void)s;
    return v->readonly ? say(f, SLOT_ACCENT, "READ-ONLY", "RO") : say(f, SLOT_WARNING, "TRADER", "TRD");
}

static bool seg_stale(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    size_t n = 0;
    for (size_t i = 0; i < s->ninst; i++)
        n += s->inst[i].stale;
    if (!n)
        return false;
    char full[48], brief[32];
    snprintf(full, sizeof full, "%zu STALE PRICE%s", n, n == 1 ? "" : "S");
    snprintf(brief, sizeof brief, "STALE %zu", n);
    return say(f, SLOT_STALE, full, brief);
}

static bool seg_auth(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    if (!s->handshakes_refused)
        return false;
    char full[48], brief[32];
    snprintf(full, sizeof full, "AUTH REFUSED %llu", (unsigned long long)s->handshakes_refused);
    snprintf(brief, sizeof brief, "AUTH %llu", (unsigned long long)s->handshakes_refused);
    return say(f, SLOT_BREACH, full, brief);
}

static bool seg_warning(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    if (!s->sec_warning[0])
        return false;
    char full[SBAR_TEXT];
    snprintf(full, sizeof full, "WARNING %.80s", s->sec_warning);
    return say(f, SLOT_WARNING, full, "WARNING");
}

static bool seg_remote(const snap *s, const sbar_view *v, form *f)
{
    (void)s;
    if (!v->remote)
        return false;
    /* a view is a state: the numbers are another engine's, and which one
     * is said even short ("VIEW risk-1:7000") */
    char full[SBAR_TEXT], brief[SBAR_TEXT];
    const char *where = strstr(v->remote, "://") ? strstr(v->remote, "://") + 3 : v->remote;
    snprintf(full, sizeof full, "VIEW OF %.80s", v->remote);
    snprintf(brief, sizeof brief, "VIEW %.80s", where);
    return say(f, SLOT_ACCENT, full, brief);
}

static bool seg_quotes(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    return !s->kill && s->publishing && say(f, SLOT_ACCENT, "quotes on", "Q on");
}

/* The feed's figures are the engine's: unknown while it is silent. */
static bool seg_last(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    char age[16], full[32];
    if (engine_silent(s))
        return say(f, SLOT_STALE, "last ?", "last ?");
    fmt_age(age, sizeof age, s->feed.last_msg_age_s);
    snprintf(full, sizeof full, "last %*s", AGE_W, age);
    char brief[16];
    snprintf(brief, sizeof brief, "%*s", AGE_W, age);
    return say(f, SLOT_ACCENT, full, brief);
}

/* A feed counter: "rej 17", short "r17". */
static bool counter(form *f, const char *label, char initial, unsigned long long n)
{
    char full[32], brief[32];
    snprintf(full, sizeof full, "%s %llu", label, n);
    snprintf(brief, sizeof brief, "%c%llu", initial, n);
    return say(f, SLOT_ACCENT, full, brief);
}

static bool seg_rejects(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    return counter(f, "rej", 'r', (unsigned long long)s->feed.rejected_total);
}

static bool seg_gaps(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    return counter(f, "gaps", 'g', (unsigned long long)s->feed.gaps);
}

static bool seg_rate(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    if (engine_silent(s))
        return say(f, SLOT_STALE, "? msg/s", "?/s");
    char num[16], full[32], brief[32];
    fmt_compact(num, sizeof num, s->feed.rate);
    snprintf(full, sizeof full, "%*.0f msg/s", RATE_W, s->feed.rate);
    snprintf(brief, sizeof brief, "%*s/s", RATE_BRIEF_W, num);
    return say(f, SLOT_ACCENT, full, brief);
}

static bool seg_clock(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    if (isnan(s->ts))
        return false;
    char clock[16], full[32];
    time_t t = (time_t)s->ts;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return false;
    strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    snprintf(full, sizeof full, "%s UTC", clock);
    return say(f, SLOT_ACCENT, full, clock);
}

static bool seg_source(const snap *s, const sbar_view *v, form *f)
{
    (void)v;
    return s->source[0] && say(f, SLOT_ACCENT, s->source, s->source);
}

/* Left to right as shown; rank: lower is kept longer (abbreviated and
 * dropped last). */
static const struct {
    seg_fn fn;
    int rank;
} segments[] = {
    {seg_name, 9},    {seg_silent, 0},  {seg_kill, 0},    {seg_frozen, 1},  {seg_breach, 1},  {seg_mode, 2},
    {seg_alerts, 2},  {seg_stale, 3},   {seg_auth, 4},    {seg_warning, 4}, {seg_remote, 3},  {seg_source, 11},
    {seg_rate, 9},    {seg_rejects, 7}, {seg_gaps, 7},    {seg_last, 6},    {seg_quotes, 8},  {seg_clock, 10},
};
#define N_SEGMENTS (sizeof segments / sizeof *segments)
#define MAX_RANK 11
#define STATE_RANK 3 /* ranks up to this one say what the numbers are */

typedef struct {
    form f;
    int rank;
    bool brief, dropped;
} cand;

static int line_width(const cand *c, size_t n, int sep)
{
    int w = 1, shown = 0; /* a leading blank */
    for (size_t i = 0; i < n; i++)
        if (!c[i].dropped)
            w += (int)strlen(c[i].brief ? c[i].f.brief : c[i].f.full) + (shown++ ? sep : 0);
    return w;
}

/* Abbreviate every segment of rank; drop those of rank, the rightmost
 * first, while the line is wider than width. */
static void abbreviate(cand *c, size_t n, int rank)
{
    for (size_t i = 0; i < n; i++)
        if (c[i].rank == rank)
            c[i].brief = true;
}

static void drop(cand *c, size_t n, int rank, int sep, int width)
{
    for (size_t i = n; i-- > 0 && line_width(c, n, sep) > width;)
        if (c[i].rank == rank)
            c[i].dropped = true;
}

void sbar_build(const snap *s, const sbar_view *v, int width, sbar_line *out)
{
    assert(s && v && out);
    _Static_assert(N_SEGMENTS <= SBAR_SEGMENTS, "room for every segment");
    memset(out, 0, sizeof *out);
    out->sep = SEP;
    cand c[N_SEGMENTS];
    size_t n = 0;
    for (size_t k = 0; k < N_SEGMENTS; k++) {
        memset(&c[n], 0, sizeof c[n]);
        if (segments[k].fn(s, v, &c[n].f)) {
            c[n].rank = segments[k].rank;
            n++;
        }
    }
    /* the other segments abbreviated, least important first, then
     * dropped in the same order (the rightmost of a rank first); then the
     * states abbreviated, their separators shrunk to a bar, and dropped */
    int sep = SEP_LEN;
    for (int rank = MAX_RANK; rank > STATE_RANK && line_width(c, n, sep) > width; rank--)
        abbreviate(c, n, rank);
    for (int rank = MAX_RANK; rank > STATE_RANK; rank--)
        drop(c, n, rank, sep, width);
    for (int rank = STATE_RANK; rank >= 0 && line_width(c, n, sep) > width; rank--)
        abbreviate(c, n, rank);
    if (line_width(c, n, sep) > width)
        sep = (int)strlen(TIGHT_SEP);
    for (int rank = STATE_RANK; rank >= 0; rank--)
        drop(c, n, rank, sep, width);
    /* room left by a drop goes back to the most important, in full */
    for (int rank = 0; rank <= MAX_RANK; rank++)
        for (size_t i = 0; i < n; i++)
            if (c[i].rank == rank && c[i].brief && !c[i].dropped) {
                c[i].brief = false;
                if (line_width(c, n, sep) > width)
                    c[i].brief = true;
            }
    out->sep = sep == SEP_LEN ? SEP : TIGHT_SEP;
    int x = 1;
    for (size_t i = 0; i < n; i++) {
        if (c[i].dropped)
            continue;
        if (out->n)
            x += sep;
        sbar_seg *g = &out->seg[out->n++];
        const char *text = c[i].brief ? c[i].f.brief : c[i].f.full;
        const size_t len = strlen(text);
        assert(len < sizeof g->text); /* a form and a segment both hold SBAR_TEXT */
        memcpy(g->text, text, len + 1);
        g->slot = c[i].f.slot;
        g->x = x;
        x += (int)strlen(g->text);
    }
    out->width = out->n ? x : 0;
}

char *sbar_text(const sbar_line *l, char *out, size_t cap)
{
    assert(l && out && cap > 0);
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < l->n && len < cap; i++) {
        int k = snprintf(out + len, cap - len, "%s%s", i ? l->sep : " ", l->seg[i].text);
        if (k < 0)
            break;
        len += (size_t)k;
    }
    return out;
}
