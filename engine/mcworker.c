/* mcworker.c - Monte Carlo worker thread (see mcworker.h). */
#include "invtop/mcworker.h"

#include <pthread.h>
#include <stdlib.h>

struct mcworker {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop, job_ready, busy, result_ready;
    pv_inputs job;    /* owned by the loop until job_ready, then by the worker */
    pv_params params;
    double job_time;
    pv_result result; /* written by the worker under the mutex */
    double result_time;
};

static void *run(void *arg)
{
    mcworker *w = arg;
    pv_result local;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->job_ready && !w->stop)
            pthread_cond_wait(&w->cv, &w->mu);
        if (w->stop)
            break;
        w->job_ready = false;
        w->busy = true;
        pv_params p = w->params;
        double t = w->job_time;
        pthread_mutex_unlock(&w->mu);
        local.valid[PV_MONTE_CARLO] = false;
        (void)pv_monte_carlo(&w->job, &p, &local); /* no memory: the slot stays invalid */
        pthread_mutex_lock(&w->mu);
        w->result = local;
        w->result_time = t;
        w->result_ready = true;
        w->busy = false;
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

mcworker *mcw_start(size_t cap_und, size_t cap_opt)
{
    mcworker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    if (pv_inputs_init(&w->job, cap_und, cap_opt) != 0) {
        pv_inputs_free(&w->job);
        free(w);
        return NULL;
    }
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->cv, NULL);
    if (pthread_create(&w->thread, NULL, run, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->cv);
        pv_inputs_free(&w->job);
        free(w);
        return NULL;
    }
    return w;
}

bool mcw_submit(mcworker *w, const pv_inputs *in, const pv_params *p, double t)
{
    pthread_mutex_lock(&w->mu);
    bool idle = !w->busy && !w->job_ready;
    if (idle) {
        pv_inputs_copy(&w->job, in);
        w->params = *p;
        w->job_time = t;
        w->job_ready = true;
        pthread_cond_signal(&w->cv);
    }
    pthread_mutex_unlock(&w->mu);
    return idle;
}

bool mcw_collect(mcworker *w, pv_result *res, double *t)
{
    pthread_mutex_lock(&w->mu);
    bool got = w->result_ready;
    if (got) {
        pv_result_take(res, &w->result, PV_MONTE_CARLO);
        *t = w->result_time;
        w->result_ready = false;
    }
    pthread_mutex_unlock(&w->mu);
    return got;
}

void mcw_stop(mcworker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->cv);
    pv_inputs_free(&w->job);
    free(w);
}
