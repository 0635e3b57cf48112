/* history.c - samples, returns, EWMA covariance (see history.h). */
#include "invtop/history.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct history {
    size_t max_und, window, nund;
    double lambda;
    char (*names)[HIST_NAME_MAX];
    double *last;     /* last known price per underlying */
    double *ring;     /* window x max_und returns */
    size_t head, nret, total;
    bool primed;      /* a price has been seen: samples now make returns */
    double *cov;      /* max_und x max_und */
};

history *hist_new(size_t max_und, size_t window, double lambda)
{
    if (max_und == 0 || window == 0 || !(lambda > 0 && lambda < 1) || max_und > 4096)
        return NULL;
    history *h = calloc(1, sizeof *h);
    if (!h)
        return NULL;
    h->max_und = max_und;
    h->window = window;
    h->lambda = lambda;
    h->names = calloc(max_und, sizeof *h->names);
    h->last = malloc(max_und * sizeof *h->last);
    h->ring = calloc(window * max_und, sizeof *h->ring);
    h->cov = calloc(max_und * max_und, sizeof *h->cov);
    if (!h->names || !h->last || !h->ring || !h->cov) {
        hist_free(h);
        return NULL;
    }
    for (size_t u = 0; u < max_und; u++)
        h->last[u] = NAN;
    return h;
}

void hist_free(history *h)
{
    if (!h)
        return;
    free(h->names);
    free(h->last);
    free(h->ring);
    free(h->cov);
    free(h);
}

int hist_find(const history *h, const char *name)
{
    for (size_t u = 0; u < h->nund; u++)
        if (strcmp(h->names[u], name) == 0)
            return (int)u;
    return -1;
}

int hist_index(history *h, const char *name, bool create)
{
    int found = hist_find(h, name);
    if (found >= 0)
        return found;
    if (!create || h->nund == h->max_und || strlen(name) >= HIST_NAME_MAX)
        return -1;
    snprintf(h->names[h->nund], HIST_NAME_MAX, "%s", name);
    return (int)h->nund++;
}

size_t hist_count(const history *h) { return h->nund; }
const char *hist_name(const history *h, size_t u) { return u < h->nund ? h->names[u] : NULL; }
size_t hist_nreturns(const history *h) { return h->nret; }
size_t hist_total_returns(const history *h) { return h->total; }
bool hist_cov_ready(const history *h) { return h->total >= 2; }
double hist_last_price(const history *h, size_t u) { return u < h->nund ? h->last[u] : NAN; }

double hist_cov(const history *h, size_t u, size_t v)
{
    return h->cov[u * h->max_und + v];
}

const double *hist_returns(const history *h, size_t k)
{
    size_t start = (h->head + h->window - h->nret) % h->window;
    return &h->ring[((start + k) % h->window) * h->max_und];
}

void hist_sample(history *h, const double *prices)
{
    double *r = &h->ring[h->head * h->max_und];
    bool any = false;
    for (size_t u = 0; u < h->nund; u++) {
        double p = prices[u];
        bool known = p > 0 && isfinite(p);
        r[u] = (known && h->last[u] > 0) ? log(p / h->last[u]) : 0;
        if (known) {
            h->last[u] = p;
            any = true;
        }
    }
    /* Until some price is known there is nothing to return from. */
    if (!h->primed) {
        h->primed = any;
        return;
    }
    h->head = (h->head + 1) % h->window;
    if (h->nret < h->window)
        h->nret++;
    h->total++;
    size_t n = h->nund, stride = h->max_und;
    double w_old = h->total <= HIST_EWMA_SEED ? (double)(h->total - 1) / (double)h->total : h->lambda;
    double w_new = 1 - w_old;
    for (size_t u = 0; u < n; u++)
        for (size_t v = 0; v <= u; v++) {
            double c = w_old * h->cov[u * stride + v] + w_new * r[u] * r[v];
            h->cov[u * stride + v] = c;
            h->cov[v * stride + u] = c;
        }
}
