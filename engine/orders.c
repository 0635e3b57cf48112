/* orders.c - hedge orders, their journal and their replies (see orders.h). */
#include "invtop/orders.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "invtop/book.h"
#include "invtop/journal.h"
#include "invtop/jsonr.h"

bool ord_closed(ord_state s)
{
    return s == ORD_FILLED || s == ORD_EXPIRED || s == ORD_REJECTED || s == ORD_REFUSED;
}

void ord_init(ord_book *b, const char *prefix, double ttl_s)
{
    assert(b && prefix && strlen(prefix) < sizeof b->prefix && ttl_s > 0);
    memset(b, 0, sizeof *b);
    snprintf(b->prefix, sizeof b->prefix, "%s", prefix);
    b->next_seq = 1;
    b->ttl_s = ttl_s;
    b->fd = -1;
    snprintf(b->err, sizeof b->err, "no orders journal");
}

void ord_free(ord_book *b)
{
    if (b->fd >= 0)
        close(b->fd);
    b->fd = -1;
    jw_free(&b->line);
}

const char *ord_journal_path(const char *override_journal, char *buf, size_t cap)
{
    return journal_beside(override_journal, "orders", buf, cap);
}

static long find(const ord_book *b, const char *clid)
{
    for (size_t i = b->n; i-- > 0;)
        if (!strcmp(b->o[i].clid, clid))
            return (long)i;
    return -1;
}

/* A free slot at the end: the oldest closed order makes room when full.
 * NULL when every order held is open. */
static order *slot(ord_book *b)
{
    if (b->n == ORD_MAX) {
        size_t k = 0;
        while (k < b->n && !ord_closed(b->o[k].state))
            k++;
        if (k == b->n)
            return NULL;
        memmove(&b->o[k], &b->o[k + 1], (b->n - k - 1) * sizeof b->o[0]);
        b->n--;
    }
    order *o = &b->o[b->n++];
    memset(o, 0, sizeof *o);
    o->last_sent = NAN;
    return o;
}

/* ---- the message and the journal ---- */

static void write_order(jw *w, const order *o)
{
    jw_obj_begin(w);
    jw_kstr(w, "type", "order");
    jw_kstr(w, "cl_ord_id", o->clid);
    jw_kstr(w, "sym", o->sym);
    jw_kstr(w, "venue", o->venue);
    jw_kstr(w, "underlying", o->underlying);
    jw_kstr(w, "book", o->book);
    jw_kstr(w, "side", o->qty > 0 ? "buy" : "sell");
    jw_knum(w, "qty", fabs(o->qty));
    jw_knum(w, "lots", fabs(o->lots));
    jw_knum(w, "px", o->px);
    jw_knum(w, "usd", o->usd);
    jw_kfixed(w, "ts", o->created, 3);
    jw_kfixed(w, "expires", o->expires, 3);
    jw_kint(w, "attempt", (int64_t)o->attempts + 1);
    jw_kstr(w, "user", o->user);
    jw_kbool(w, "auto", o->automatic);
    jw_obj_end(w);
}

void ord_encode(const ord_book *b, size_t i, jw *w)
{
    assert(i < b->n);
    jw_reset(w);
    write_order(w, &b->o[i]);
}

/* Begin a journal line {"ts":now,"event":ev,"cl_ord_id":id in b->line. */
static jw *line_begin(ord_book *b, double now, const char *ev, const char *clid)
{
    jw *w = &b->line;
    jw_reset(w);
    jw_obj_begin(w);
    jw_kfixed(w, "ts", now, 3);
    jw_kstr(w, "event", ev);
    if (clid)
        jw_kstr(w, "cl_ord_id", clid);
    return w;
}

void ord_in_memory(ord_book *b)
{
    b->in_memory = b->journal_ok = true;
    b->err[0] = '\0';
}

/* End the line and append it (fsync). 0, or -1 with the reason in b->err. */
static int line_write(ord_book *b)
{
    jw *w = &b->line;
    if (b->in_memory)
        return 0;
    jw_obj_end(w);
    jw_append(w, "\n", 1);
    if (b->fd < 0 || !jw_ok(w) || journal_append(b->fd, w->buf, w->len) != 0) {
        if (b->fd >= 0)
            snprintf(b->err, sizeof b->err, "orders journal %.100s: %s", b->path,
                     jw_ok(w) ? strerror(errno) : "out of memory");
        b->journal_ok = false;
        return -1;
    }
    b->journal_ok = true;
    b->err[0] = '\0';
    return 0;
}

/* ---- replaying the journal ---- */

typedef struct {
    char type[16], clid[EVENT_ID_MAX], sym[EVENT_SYM_MAX], venue[EVENT_SYM_MAX], und[EVENT_SYM_MAX];
    char book[EVENT_SYM_MAX], side[8], user[32], reason[ORD_TEXT];
    double qty, lots, px, usd, ts, expires;
    bool automatic;
} order_msg;

static const jr_field order_fields[] = {
    JR_FSTR(order_msg, "type", type),       JR_FSTR(order_msg, "cl_ord_id", clid),
    JR_FSTR(order_msg, "sym", sym),         JR_FSTR(order_msg, "venue", venue),
    JR_FSTR(order_msg, "underlying", und),  JR_FSTR(order_msg, "book", book),
    JR_FSTR(order_msg, "side", side),       JR_FNUM(order_msg, "qty", qty),
    JR_FNUM(order_msg, "lots", lots),       JR_FNUM(order_msg, "px", px),
    JR_FNUM(order_msg, "usd", usd),         JR_FNUM(order_msg, "ts", ts),
    JR_FNUM(order_msg, "expires", expires), JR_FSTR(order_msg, "user", user),
    JR_FBOOL(order_msg, "auto", automatic), JR_FSTR(order_msg, "reason", reason),
};

typedef struct {
    char event[16], clid[EVENT_ID_MAX], reason[ORD_TEXT];
    double ts, qty, px;
} jline;

enum { OWN_ORDER = 0 };
static const jr_field line_fields[] = {
    JR_FNUM(jline, "ts", ts),   JR_FSTR(jline, "event", event), JR_FSTR(jline, "cl_ord_id", clid),
    JR_FNUM(jline, "qty", qty), JR_FNUM(jline, "px", px),       JR_FSTR(jline, "reason", reason),
    JR_FOWN("order", OWN_ORDER),
};

/* a line is well under 1 KiB (ids and names are bounded); 0 bytes would refuse them all */
static const jr_limits line_limits = {.max_bytes = 4096, .max_tokens = 128, .max_depth = 3};

static void apply_fill(order *o, double qty, double px)
{
    o->filled += qty;
    o->fill_notional += fabs(qty) * px;
    bool full = fabs(o->filled) >= fabs(o->qty) * (1 - 1e-9);
    o->state = full ? ORD_FILLED : ORD_PARTIAL;
}

/* One journal line into b. 0, or -1 when it is not a journal record. */
static int replay_line(ord_book *b, const char *s, size_t n)
{
    jr r;
    char err[128];
    jline l = {0};
    int own[1];
    int rc = -1;
    if (jr_open(&r, s, n, &line_limits, err, sizeof err) != 0)
        return -1;
    if (jr_read_fields(&r, 0, line_fields, JR_NFIELDS(line_fields), &l, own) != 0)
        goto out;
    if (!strcmp(l.event, "new")) {
        order_msg m = {0};
        if (jr_read_fields(&r, own[OWN_ORDER], order_fields, JR_NFIELDS(order_fields), &m, NULL) != 0 ||
            !m.clid[0] || !(m.qty > 0) || !(m.lots > 0) || isnan(m.expires) || find(b, m.clid) >= 0)
            goto out;
        order *o = slot(b);
        if (!o)
            goto out;
        double sign = !strcmp(m.side, "sell") ? -1 : 1;
        snprintf(o->clid, sizeof o->clid, "%s", m.clid);
        snprintf(o->sym, sizeof o->sym, "%s", m.sym);
        snprintf(o->venue, sizeof o->venue, "%s", m.venue);
        book_make_id(o->inst, m.sym, m.venue);
        snprintf(o->underlying, sizeof o->underlying, "%s", m.und);
        snprintf(o->book, sizeof o->book, "%s", m.book);
        snprintf(o->user, sizeof o->user, "%s", m.user);
        o->qty = sign * m.qty;
        o->lots = sign * m.lots;
        o->px = m.px;
        o->usd = m.usd;
        o->created = m.ts;
        o->expires = m.expires;
        o->automatic = m.automatic;
        o->state = ORD_PENDING;
        /* an id of this table's prefix: new ones are numbered past it */
        size_t pl = strlen(b->prefix);
        char *end;
        if (!strncmp(m.clid, b->prefix, pl) && m.clid[pl] == '-' && isdigit((unsigned char)m.clid[pl + 1])) {
            unsigned long long q = strtoull(m.clid + pl + 1, &end, 10);
            if (!*end && q >= b->next_seq && q < UINT64_MAX)
                b->next_seq = q + 1;
        }
        rc = 0;
        goto out;
    }
    long i = find(b, l.clid);
    if (i < 0)
        goto out;
    order *o = &b->o[i];
    if (!strcmp(l.event, "ack")) {
        if (o->state == ORD_PENDING)
            o->state = ORD_ACKED;
    } else if (!strcmp(l.event, "reject")) {
        o->state = ORD_REJECTED;
        snprintf(o->reason, sizeof o->reason, "%s", l.reason);
    } else if (!strcmp(l.event, "expired")) {
        o->state = ORD_EXPIRED;
    } else if (!strcmp(l.event, "fill") && isfinite(l.qty) && isfinite(l.px)) {
        apply_fill(o, l.qty, l.px);
    } else {
        goto out;
    }
    rc = 0;
out:
    jr_close(&r);
    return rc;
}

int ord_open(ord_book *b, const char *path, size_t *skipped)
{
    assert(b && path && skipped);
    *skipped = 0;
    snprintf(b->path, sizeof b->path, "%s", path);
    FILE *fp = fopen(path, "r");
    struct stat st;
    bool torn = false; /* the file ends inside a line: a crash mid-write */
    if (fp && fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode)) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, fp)) >= 0) {
            torn = n > 0 && line[n - 1] != '\n';
            while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                line[--n] = '\0';
            if (n > 0 && replay_line(b, line, (size_t)n) != 0)
                (*skipped)++;
        }
        free(line);
    }
    if (fp)
        fclose(fp);
    else if (errno != ENOENT) {
        snprintf(b->err, sizeof b->err, "orders journal %.100s: %s", path, strerror(errno));
        return -1;
    }
    if (journal_make_parent(path) != 0 || (b->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        snprintf(b->err, sizeof b->err, "orders journal %.100s: %s", path, strerror(errno));
        return -1;
    }
    /* end the torn line, or the next record would be glued to it and lost */
    if (torn && journal_append(b->fd, "\n", 1) != 0) {
        snprintf(b->err, sizeof b->err, "orders journal %.100s: %s", path, strerror(errno));
        close(b->fd);
        b->fd = -1;
        return -1;
    }
    b->journal_ok = true;
    b->err[0] = '\0';
    return 0;
}

/* ---- the orders' life ---- */

long ord_new(ord_book *b, const char *sym, const char *venue, const char *und, const char *to_book,
             double lots, double lot, double px, double usd, double now, bool automatic,
             const char *user, char *why, size_t cap)
{
    assert(b && sym && venue && und && to_book && user && why);
    assert(lots != 0 && lots == floor(lots) && lot > 0);
    if (b->fd < 0 && !b->in_memory) {
        snprintf(why, cap, "%s", b->err[0] ? b->err : "no orders journal");
        b->refused++;
        return -1;
    }
    bool room = b->n < ORD_MAX;
    for (size_t k = 0; k < b->n && !room; k++)
        room = ord_closed(b->o[k].state);
    if (!room) {
        snprintf(why, cap, "%d orders open: none can be added", ORD_MAX);
        b->refused++;
        return -1;
    }
    order x = {0}, *o = &x;
    snprintf(o->clid, sizeof o->clid, "%s-%llu", b->prefix, (unsigned long long)b->next_seq);
    snprintf(o->sym, sizeof o->sym, "%s", sym);
    snprintf(o->venue, sizeof o->venue, "%s", venue);
    book_make_id(o->inst, sym, venue);
    snprintf(o->underlying, sizeof o->underlying, "%s", und);
    snprintf(o->book, sizeof o->book, "%s", to_book);
    snprintf(o->user, sizeof o->user, "%s", user);
    o->lots = lots;
    o->qty = lots * lot;
    o->px = px;
    o->usd = usd;
    o->created = now;
    o->expires = now + b->ttl_s;
    o->last_sent = NAN;
    o->automatic = automatic;
    o->state = ORD_PENDING;
    jw *w = line_begin(b, now, "new", NULL);
    jw_key(w, "order");
    write_order(w, o);
    if (line_write(b) != 0) { /* nothing changes */
        snprintf(why, cap, "%s", b->err);
        b->refused++;
        return -1;
    }
    o = slot(b); /* room was checked: never NULL */
    *o = x;
    b->next_seq++;
    return (long)(o - b->o);
}

void ord_refused(ord_book *b, const char *inst, const char *und, double lots, double qty, double now,
                 bool automatic, const char *user, const char *reason)
{
    b->refused++;
    order *o = slot(b);
    if (!o)
        return;
    snprintf(o->clid, sizeof o->clid, "-");
    snprintf(o->inst, sizeof o->inst, "%s", inst);
    snprintf(o->sym, sizeof o->sym, "%s", inst);
    snprintf(o->underlying, sizeof o->underlying, "%s", und);
    snprintf(o->user, sizeof o->user, "%s", user);
    snprintf(o->reason, sizeof o->reason, "%s", reason);
    o->lots = lots;
    o->qty = qty;
    o->px = NAN;
    o->created = o->expires = now;
    o->automatic = automatic;
    o->state = ORD_REFUSED;
}

long ord_due(const ord_book *b, double now)
{
    for (size_t i = 0; i < b->n; i++) {
        const order *o = &b->o[i];
        if (o->state == ORD_PENDING && now < o->expires &&
            (isnan(o->last_sent) || now - o->last_sent >= ORD_RESEND_S || now < o->last_sent))
            return (long)i;
    }
    return -1;
}

void ord_sent(ord_book *b, size_t i, double now, bool sent)
{
    assert(i < b->n);
    b->o[i].last_sent = now;
    if (sent) {
        b->o[i].attempts++;
        b->sent++;
    }
}

long ord_reply(ord_book *b, const char *msg, size_t len, double now, char *err, size_t cap)
{
    static const jr_limits lim = {.max_bytes = 4096, .max_tokens = 64, .max_depth = 2};
    jr r;
    jline l = {0};
    char type[16] = "";
    const jr_field f[] = {{"type", JR_STR, 0, sizeof type}};
    if (jr_open(&r, msg, len, &lim, err, cap) != 0)
        return -1;
    long i = -1;
    if (jr_read_fields(&r, 0, f, 1, type, NULL) != 0 ||
        jr_read_fields(&r, 0, line_fields, JR_NFIELDS(line_fields) - 1, &l, NULL) != 0) {
        /* err says why */
    } else if (strcmp(type, "ack") != 0 && strcmp(type, "reject") != 0) {
        snprintf(err, cap, "reply type '%.15s' is neither ack nor reject", type);
    } else if ((i = find(b, l.clid)) < 0 || b->o[i].state == ORD_REFUSED) {
        snprintf(err, cap, "%s for unknown cl_ord_id '%.60s'", type, l.clid);
        i = -1;
    } else {
        order *o = &b->o[i];
        bool ack = type[0] == 'a';
        if (ack ? o->state == ORD_PENDING : !ord_closed(o->state)) {
            jw *w = line_begin(b, now, ack ? "ack" : "reject", o->clid);
            if (!ack)
                jw_kstr(w, "reason", l.reason[0] ? l.reason : "rejected");
            (void)line_write(b); /* the consumer has it either way: take the reply */
            if (ack) {
                o->state = ORD_ACKED;
                b->acks++;
            } else {
                o->state = ORD_REJECTED;
                snprintf(o->reason, sizeof o->reason, "%s", l.reason[0] ? l.reason : "rejected");
                b->rejects++;
            }
        }
    }
    jr_close(&r);
    return i;
}

long ord_fill(ord_book *b, const char *clid, double qty, double px, double now)
{
    long i = clid[0] ? find(b, clid) : -1;
    if (i < 0 || b->o[i].state == ORD_REFUSED)
        return -1;
    jw *w = line_begin(b, now, "fill", clid);
    jw_knum(w, "qty", qty);
    jw_knum(w, "px", px);
    (void)line_write(b); /* the position moved already: record what we can */
    apply_fill(&b->o[i], qty, px);
    b->fills++;
    return i;
}

size_t ord_expire(ord_book *b, double now)
{
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++) {
        order *o = &b->o[i];
        if (o->state != ORD_PENDING || now < o->expires)
            continue;
        (void)line_begin(b, now, "expired", o->clid);
        (void)line_write(b); /* a lost line only means a resend after a restart, deduplicated */
        o->state = ORD_EXPIRED;
        b->expired++;
        n++;
    }
    return n;
}

double ord_inflight_usd(const ord_book *b, const char *und, long *newest_open)
{
    double usd = 0;
    *newest_open = -1;
    for (size_t i = 0; i < b->n; i++) {
        const order *o = &b->o[i];
        if (ord_closed(o->state) || strcmp(o->underlying, und) != 0)
            continue;
        *newest_open = (long)i;
        if (o->qty != 0)
            usd += o->usd * (1 - o->filled / o->qty);
    }
    return usd;
}
