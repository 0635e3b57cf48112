/* security.c - CURVE set-up, ZAP and monitors (see security.h). */
#include "invtop/security.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* True for tcp:// endpoints on a loopback address (or ipc/inproc). */
static bool local_endpoint(const char *ep)
{
    if (strncmp(ep, "tcp://", 6) != 0)
        return true;
    const char *h = ep + 6;
    return strncmp(h, "127.", 4) == 0 || strncmp(h, "localhost:", 10) == 0 ||
           strncmp(h, "[::1]", 5) == 0 || strncmp(h, "lo:", 3) == 0;
}

/* Add "<before>EP<after>" to the warning, "; "-separated, while it fits. */
static void warn(sec_state *s, const char *before, const char *ep, const char *after)
{
    size_t n = strlen(s->warning);
    if (n + 40 >= sizeof s->warning)
        return;
    snprintf(s->warning + n, sizeof s->warning - n, "%s%s%s%s", n ? "; " : "", before, ep, after);
}

static void warn_plain(sec_state *s, const char *ep)
{
    if (!local_endpoint(ep))
        warn(s, "plaintext ", ep, " off loopback");
}

/* What sub_open will make of each feed endpoint (feed complete: keys set). */
static void note_feed_sockets(sec_state *s, const sub_opts *feed)
{
    assert(feed->nbind <= SUB_MAX_ENDPOINTS && feed->nconnect <= SUB_MAX_ENDPOINTS);
    s->nfeed_socks = 0;
    for (size_t i = 0; i < feed->nbind; i++)
        s->feed_socks[s->nfeed_socks++] = (sec_socket){feed->bind[i], true, sub_bind_curve(feed)};
    for (size_t i = 0; i < feed->nconnect; i++)
        s->feed_socks[s->nfeed_socks++] = (sec_socket){feed->connect[i], false, sub_connect_curve(feed, i)};
    s->feed_curve = s->nfeed_socks > 0;
    for (size_t k = 0; k < s->nfeed_socks; k++)
        s->feed_curve = s->feed_curve && s->feed_socks[k].curve;
}

/* --trader-keys: a comma-separated list of Z85 keys, or an allow-list file
 * or directory. */
static int load_traders(const char *spec, curve_allow *a, char *err, size_t errlen)
{
    if (access(spec, F_OK) == 0)
        return curve_load_allow(spec, a, err, errlen);
    char *buf = strdup(spec), *save = NULL;
    if (!buf) {
        snprintf(err, errlen, "--trader-keys: out of memory");
        return -1;
    }
    a->n = 0;
    int rc = 0;
    for (char *k = strtok_r(buf, ", ", &save); k && rc == 0; k = strtok_r(NULL, ", ", &save)) {
        if (!curve_key_ok(k) || a->n == CURVE_MAX_ALLOWED) {
            snprintf(err, errlen, "--trader-keys: '%.20s' is neither a key nor a file", k);
            rc = -1;
        } else {
            snprintf(a->key[a->n++], CURVE_KEY_LEN + 1, "%s", k);
        }
    }
    free(buf);
    return rc;
}

int sec_load(sec_state *s, const engcfg *o, sub_opts *feed)
{
    assert(s && o && feed);
    char err[300];
    memset(s, 0, sizeof *s);
    if (o->curve_secret) {
        if (curve_read_key(o->curve_secret, false, s->feed_secret, err, sizeof err) != 0)
            goto fail;
        s->feed_key = true;
        feed->curve_secret = s->feed_secret;
    }
    if (o->allow_keys && curve_load_allow(o->allow_keys, &s->feed_allow, err, sizeof err) != 0)
        goto fail;
    if (o->quotes_secret) {
        if (curve_read_key(o->quotes_secret, false, s->quotes_secret, err, sizeof err) != 0)
            goto fail;
        s->quotes_curve = true;
    }
    if (o->quotes_allow && curve_load_allow(o->quotes_allow, &s->quotes_allow, err, sizeof err) != 0)
        goto fail;
    if (o->trader_keys && load_traders(o->trader_keys, &s->traders, err, sizeof err) != 0)
        goto fail;
    if (o->serve && !s->feed_key)
        warn_plain(s, o->serve);
    for (size_t i = 0; i < feed->nconnect; i++) {
        if (o->server_key_spec[i]) {
            if (curve_read_key(o->server_key_spec[i], true, s->server_key[i], err, sizeof err) != 0)
                goto fail;
            feed->server_key[i] = s->server_key[i];
        } else if (s->feed_key) {
            /* CURVE asked for, but nothing to authenticate this publisher by */
            warn(s, "feed connect ", feed->connect[i], " plaintext (no --server-key)");
        } else {
            warn_plain(s, feed->connect[i]);
        }
    }
    for (size_t i = 0; i < feed->nbind && !s->feed_key; i++)
        warn_plain(s, feed->bind[i]);
    note_feed_sockets(s, feed);
    if (o->quotes && !s->quotes_curve)
        warn_plain(s, o->quotes);
    return 0;
fail:
    fprintf(stderr, "invtop: %s\n", err);
    return -1;
}

int sec_start(sec_state *s, void *zctx)
{
    if (!s->feed_key && !s->quotes_curve)
        return 0;
    if (zap_start(&s->zap, zctx) != 0) {
        fprintf(stderr, "invtop: cannot start the ZAP handler (another in this process?)\n");
        return -1;
    }
    /* Without an allow-list a CURVE server admits nobody: encryption without
     * knowing who is there is not what --curve-secret promises. */
    s->zap.allow[ZAP_FEED] = &s->feed_allow;
    s->zap.allow[ZAP_QUOTES] = &s->quotes_allow;
    s->zap.allow[ZAP_STATE] = NULL; /* any viewer may read; commands need --trader-keys */
    s->zap_on = true;
    return 0;
}

void sec_monitor(sec_state *s, void *zctx, void *socket, zap_domain d)
{
    zap_monitor *m = d == ZAP_QUOTES ? &s->mon_quotes : &s->mon_feed;
    if (socket && zap_monitor_start(m, zctx, socket, zap_domain_name(d)) != 0) {
        size_t n = strlen(s->warning);
        snprintf(s->warning + n, sizeof s->warning - n, "%shandshakes on %s unmonitored",
                 n ? "; " : "", zap_domain_name(d));
    }
}

void sec_poll(sec_state *s)
{
    if (s->zap_on)
        zap_serve(&s->zap);
    zap_monitor_drain(&s->mon_feed);
    zap_monitor_drain(&s->mon_quotes);
}

unsigned long long sec_refused(const sec_state *s)
{
    return s->mon_feed.failed + s->mon_quotes.failed;
}

void sec_stop(sec_state *s)
{
    zap_monitor_stop(&s->mon_feed);
    zap_monitor_stop(&s->mon_quotes);
    if (s->zap_on)
        zap_stop(&s->zap);
    s->zap_on = false;
}
