/* relay_main.c - invtop-relay: carry an engine's state (docs/STATE.md) to
 * another network with zmq_proxy alone: XSUB->XPUB for the update stream,
 * ROUTER->DEALER for requests (the envelope brings answers back). CURVE
 * client upstream, CURVE server downstream, ZAP here. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zmq.h>

#include "invtop/curve.h"
#include "tui/toolopts.h"
#include "invtop/zap.h"

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
}

typedef struct {
    void *front, *back;
} proxy_pair;

static void *run_proxy(void *arg)
{
    proxy_pair *p = arg;
    zmq_proxy(p->front, p->back, NULL); /* returns when the context shuts down */
    return NULL;
}

/* A socket: CURVE server downstream (with the relay's secret), or CURVE
 * client upstream (when the engine's key is known). */
static void *make(void *ctx, int type, const char *secret, const char *server_key, bool server)
{
    void *s = zmq_socket(ctx, type);
    int linger = 0;
    if (!s || zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger) != 0)
        return NULL;
    if (server && secret && curve_set_server(s, secret, "state") != 0)
        return NULL;
    if (!server && server_key) {
        char pub[CURVE_KEY_LEN + 1], sec[CURVE_KEY_LEN + 1];
        if (!secret && zmq_curve_keypair(pub, sec) != 0)
            return NULL;
        if (curve_set_client(s, secret ? secret : sec, server_key) != 0)
            return NULL;
    }
    return s;
}

int main(int argc, char **argv)
{
    relay_opts o;
    int rc = relay_parse(argc, argv, &o, stdout, stderr);
    if (rc)
        return rc == 1 ? 0 : 2;
    char secret[CURVE_KEY_LEN + 1], engine_key[CURVE_KEY_LEN + 1], err[300];
    static curve_allow allow;
    if ((o.secret && curve_read_key(o.secret, false, secret, err, sizeof err) != 0) ||
        (o.engine_key && curve_read_key(o.engine_key, true, engine_key, err, sizeof err) != 0) ||
        (o.allow && curve_load_allow(o.allow, &allow, err, sizeof err) != 0)) {
        fprintf(stderr, "invtop-relay: %s\n", err);
        return 2;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    void *ctx = zmq_ctx_new();
    zap_handler zap = {0};
    if (o.secret) {
        if (zap_start(&zap, ctx) != 0) {
            fprintf(stderr, "invtop-relay: cannot start the ZAP handler\n");
            return 1;
        }
        zap.allow[ZAP_STATE] = o.allow ? &allow : NULL;
    }
    const char *sec = o.secret ? secret : NULL, *ek = o.engine_key ? engine_key : NULL;
    proxy_pair updates = {make(ctx, ZMQ_XPUB, sec, NULL, true), make(ctx, ZMQ_XSUB, sec, ek, false)};
    proxy_pair requests = {make(ctx, ZMQ_ROUTER, sec, NULL, true), make(ctx, ZMQ_DEALER, sec, ek, false)};
    if (!updates.front || !updates.back || !requests.front || !requests.back ||
        zmq_bind(updates.front, o.bind_pub) != 0 || zmq_connect(updates.back, o.engine_pub) != 0 ||
        zmq_bind(requests.front, o.bind) != 0 || zmq_connect(requests.back, o.engine) != 0) {
        fprintf(stderr, "invtop-relay: %s\n", zmq_strerror(zmq_errno()));
        return 1;
    }
    pthread_t t1, t2;
    if (pthread_create(&t1, NULL, run_proxy, &updates) != 0 ||
        pthread_create(&t2, NULL, run_proxy, &requests) != 0) {
        fprintf(stderr, "invtop-relay: cannot start the proxies\n");
        return 1;
    }
    while (!stop_flag) {
        zmq_pollitem_t item = {zap.rep, 0, ZMQ_POLLIN, 0};
        if (zap.rep ? zmq_poll(&item, 1, 200) > 0 : (usleep(200000), 0))
            zap_serve(&zap);
    }
    zmq_ctx_shutdown(ctx); /* the proxies return */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    zmq_close(updates.front);
    zmq_close(updates.back);
    zmq_close(requests.front);
    zmq_close(requests.back);
    zap_stop(&zap);
    zmq_ctx_term(ctx);
    return 0;
}
