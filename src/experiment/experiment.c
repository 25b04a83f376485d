/* experiment.c - replications in parallel threads, and estimates over them.
 *
 * Replication r always runs with streams seeded from (seed, r, element), whichever thread takes
 * it, and its results go to slot r - 1; estimates are computed in replication order afterwards.
 * So the output does not depend on the number of threads or on their timing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_experiment.h"
#include "stats/stats_int.h"

#include <pthread.h>

typedef struct shared {
    const flujo_scenario_t *s;
    const flujo_experiment_opts_t *o;
    flujo_results_t *res;
    pthread_mutex_t lock;     /* guards everything below */
    long next;                /* next replication to hand out (from 1) */
    long done;                /* finished */
    long failed_rep;          /* lowest failing replication, 0 if none */
    flujo_status_t failed_st; /* its status */
    flujo_err_t failed_err;   /* its message */
} shared_t;

/* Which failure to report: a real error over an interruption, then the lowest replication. */
static bool better_failure(const shared_t *sh, long r, flujo_status_t st)
{
    if (sh->failed_rep == 0) {
        return true;
    }
    bool intr = st == FLUJO_EINTR, had_intr = sh->failed_st == FLUJO_EINTR;
    if (intr != had_intr) {
        return had_intr;
    }
    return r < sh->failed_rep;
}

static void *worker(void *arg)
{
    shared_t *sh = arg;
    flujo_engine_t *e = flujo_engine_new(sh->s, &sh->o->engine);
    for (;;) {
        pthread_mutex_lock(&sh->lock);
        /* Replications are handed out in order, so when one fails every lower-numbered one has
         * started already: stop handing out, and the lowest failure is known at the end. */
        long r = sh->failed_rep != 0 ? sh->res->n_reps + 1 : sh->next++;
        pthread_mutex_unlock(&sh->lock);
        if (r > sh->res->n_reps) {
            break;
        }
        flujo_rep_t rep;
        flujo_err_t err = {0};
        flujo_status_t st = flujo_engine_run(e, r, &rep, &err);
        pthread_mutex_lock(&sh->lock);
        if (st == FLUJO_OK) {
            sh->res->reps[r - 1] = rep;
            sh->done++;
            if (sh->o->progress != NULL) {
                sh->o->progress(sh->o->progress_ctx, sh->done, sh->res->n_reps);
            }
        } else if (better_failure(sh, r, st)) {
            sh->failed_rep = r;
            sh->failed_st = st;
            sh->failed_err = err;
        }
        pthread_mutex_unlock(&sh->lock);
    }
    flujo_engine_free(e);
    return NULL;
}

flujo_status_t flujo_experiment_run(const flujo_scenario_t *s, const flujo_experiment_opts_t *o,
                                    flujo_results_t **out, flujo_err_t *err)
{
    flujo_experiment_opts_t dflt = {0};
    if (o == NULL) {
        o = &dflt;
    }
    /* A loop no case ever leaves is refused before it runs until the calendars end (a capacity
     * check the caller computed has found none). */
    if (o->capacity == NULL) {
        flujo_capacity_t cap;
        flujo_status_t cst = flujo_scenario_capacity(s, &cap, err);
        if (cst != FLUJO_OK) {
            return cst;
        }
        flujo_capacity_destroy(&cap);
    }
    /* one computing-time limit for every replication, counted from now */
    flujo_experiment_opts_t timed = *o;
    if (timed.engine.max_seconds > 0 && timed.engine.started <= 0) {
        timed.engine.started = flujo_monotonic_seconds();
        o = &timed;
    }
    flujo_results_t *res = flujo_xcalloc(1, sizeof(*res));
    res->s = s;
    res->n_reps = s->replications;
    res->reps = flujo_xcalloc((size_t)s->replications + 1, sizeof(*res->reps));
    shared_t sh = {0};
    sh.s = s;
    sh.o = o;
    sh.res = res;
    sh.next = 1;
    pthread_mutex_init(&sh.lock, NULL);
    int threads = o->threads > 1 ? o->threads : 1;
    if (threads > s->replications) {
        threads = (int)s->replications;
    }
    if (threads <= 1) {
        worker(&sh);
    } else {
        pthread_t *tid = flujo_xcalloc((size_t)threads, sizeof(*tid));
        int started = 0;
        for (int i = 0; i < threads; i++) {
            if (pthread_create(&tid[i], NULL, worker, &sh) != 0) {
                break;
            }
            started++;
        }
        if (started == 0) {
            worker(&sh);
        }
        for (int i = 0; i < started; i++) {
            pthread_join(tid[i], NULL);
        }
        free(tid);
    }
    pthread_mutex_destroy(&sh.lock);
    res->n_done = sh.done;
    res->hist_h = flujo_xmalloc(sizeof(flujo_hist_t));
    res->hist_bd = flujo_xmalloc(sizeof(flujo_hist_t));
    flujo_hist_init(res->hist_h);
    flujo_hist_init(res->hist_bd);
    for (long i = 0; i < res->n_reps; i++) {
        if (res->reps[i].replication > 0) {
            flujo_hist_merge(res->hist_h, res->reps[i].hist_h);
            flujo_hist_merge(res->hist_bd, res->reps[i].hist_bd);
        }
    }
    if (sh.failed_rep != 0) {
        if (err != NULL) {
            *err = sh.failed_err;
        }
        if (sh.failed_st == FLUJO_EINTR) {
            res->partial = true;
            *out = res;
            return FLUJO_EINTR;
        }
        flujo_results_free(res);
        return sh.failed_st;
    }
    *out = res;
    return FLUJO_OK;
}

void flujo_results_free(flujo_results_t *r)
{
    if (r == NULL) {
        return;
    }
    for (long i = 0; i < r->n_reps; i++) {
        flujo_rep_destroy(&r->reps[i]);
    }
    free(r->reps);
    free(r->hist_h);
    free(r->hist_bd);
    free(r);
}

double flujo_rep_kpi(const flujo_rep_t *rep, flujo_kpi_t k)
{
    switch (k) {
    case FLUJO_KPI_CYCLE_H:
        return rep->cycle_h;
    case FLUJO_KPI_CYCLE_BD:
        return rep->cycle_bd;
    case FLUJO_KPI_WAITING_H:
        return rep->waiting_h;
    case FLUJO_KPI_PROCESSING_H:
        return rep->processing_h;
    case FLUJO_KPI_COST:
        return rep->cost;
    case FLUJO_KPI_HANDOFFS:
        return rep->handoffs;
    case FLUJO_KPI_WITHIN:
        return rep->within;
    case FLUJO_KPI_SILENCED:
        return rep->silenced;
    case FLUJO_KPI_THROUGHPUT:
        return rep->throughput_bd;
    case FLUJO_KPI_PAUSED_BD:
        return rep->paused_bd;
    case FLUJO_KPI_HANDOFF_BD:
        return rep->handoff_bd;
    case FLUJO_KPI_HANDOFF_LEAD_BD:
        return rep->handoff_lead_bd;
    case FLUJO_KPI_STAFF_COST:
        return rep->staff_cost_week;
    case FLUJO_KPI_COST_TOTAL:
        return rep->cost_total;
    case FLUJO_KPI_N:
        break;
    }
    return NAN;
}

/* Collects one value per finished replication and estimates over them. Every quantity reported
 * this way (times, counts, costs, queue lengths, shares) is non-negative, so the t interval is
 * cut at 0: with few replications of a skewed quantity it can reach below, where the mean
 * cannot be. */
static flujo_estimate_t over_reps(const flujo_results_t *r,
                                  double (*get)(const flujo_rep_t *, size_t, int), size_t index,
                                  int which)
{
    double *x = flujo_xcalloc((size_t)r->n_reps + 1, sizeof(double));
    size_t n = 0;
    for (long i = 0; i < r->n_reps; i++) {
        if (r->reps[i].replication > 0) {
            x[n++] = get(&r->reps[i], index, which);
        }
    }
    flujo_estimate_t e = flujo_estimate(x, n, 1);
    e.lo = e.lo < 0 ? 0 : e.lo;
    free(x);
    return e;
}

static double get_kpi(const flujo_rep_t *rep, size_t index, int which)
{
    (void)index;
    return flujo_rep_kpi(rep, (flujo_kpi_t)which);
}

static double get_pool(const flujo_rep_t *rep, size_t p, int which)
{
    switch ((flujo_pool_kpi_t)which) {
    case FLUJO_POOL_UTIL:
        return rep->pool_util[p];
    case FLUJO_POOL_BUSY:
        return rep->pool_busy[p];
    case FLUJO_POOL_QUEUE:
        return rep->pool_queue[p];
    case FLUJO_POOL_WAIT_H:
        return rep->pool_wait_h[p];
    case FLUJO_POOL_RATE_H:
        return rep->pool_rate_h[p];
    case FLUJO_POOL_CASE_WAIT_H:
        return rep->pool_case_wait_h[p];
    case FLUJO_POOL_CASE_QUEUE:
        return rep->pool_case_queue[p];
    case FLUJO_POOL_CASE_HOURS_H:
        return rep->pool_case_hours_h[p];
    }
    return NAN;
}

static double get_activity(const flujo_rep_t *rep, size_t v, int which)
{
    return which == 2 ? rep->act_within[v] : which ? rep->act_proc_h[v] : rep->act_wait_h[v];
}

/* A share's interval (from over_reps, so already cut at 0) cut at 1 above. */
static flujo_estimate_t share(flujo_estimate_t e)
{
    e.hi = e.hi > 1 ? 1 : e.hi;
    return e;
}

flujo_estimate_t flujo_results_kpi(const flujo_results_t *r, flujo_kpi_t k)
{
    flujo_estimate_t e = over_reps(r, get_kpi, 0, (int)k);
    return k == FLUJO_KPI_WITHIN || k == FLUJO_KPI_SILENCED ? share(e) : e;
}

flujo_estimate_t flujo_results_pool(const flujo_results_t *r, size_t pool, flujo_pool_kpi_t k)
{
    flujo_estimate_t e = over_reps(r, get_pool, pool, (int)k);
    return k == FLUJO_POOL_UTIL ? share(e) : e;
}

flujo_estimate_t flujo_results_activity(const flujo_results_t *r, size_t node, bool processing)
{
    return over_reps(r, get_activity, node, processing);
}

static double get_part(const flujo_rep_t *rep, size_t i, int which)
{
    (void)i;
    return rep->cycle_parts_h[which];
}

static double get_activity_part(const flujo_rep_t *rep, size_t v, int which)
{
    return rep->act_parts_h[v * FLUJO_PART_N + (size_t)which];
}

static double get_pool_part(const flujo_rep_t *rep, size_t p, int which)
{
    return rep->pool_parts_h[p * FLUJO_PART_N + (size_t)which];
}

flujo_estimate_t flujo_results_part(const flujo_results_t *r, flujo_part_t p)
{
    return over_reps(r, get_part, 0, (int)p);
}

flujo_estimate_t flujo_results_activity_part(const flujo_results_t *r, size_t node, flujo_part_t p)
{
    return over_reps(r, get_activity_part, node, (int)p);
}

flujo_estimate_t flujo_results_pool_part(const flujo_results_t *r, size_t pool, flujo_part_t p)
{
    return over_reps(r, get_pool_part, pool, (int)p);
}

static double get_rule(const flujo_rep_t *rep, size_t i, int which)
{
    (void)which;
    return rep->rule_within[i];
}

flujo_estimate_t flujo_results_rule_within(const flujo_results_t *r, size_t rule)
{
    return share(over_reps(r, get_rule, rule, 0));
}

flujo_estimate_t flujo_results_activity_within(const flujo_results_t *r, size_t node)
{
    return share(over_reps(r, get_activity, node, 2));
}

uint64_t flujo_results_arrived(const flujo_results_t *r)
{
    uint64_t n = 0;
    for (long i = 0; i < r->n_reps; i++) {
        n += r->reps[i].arrived;
    }
    return n;
}

uint64_t flujo_results_completed(const flujo_results_t *r)
{
    uint64_t n = 0;
    for (long i = 0; i < r->n_reps; i++) {
        n += r->reps[i].completed;
    }
    return n;
}

uint64_t flujo_results_in_flight(const flujo_results_t *r)
{
    uint64_t n = 0;
    for (long i = 0; i < r->n_reps; i++) {
        n += r->reps[i].in_flight;
    }
    return n;
}

double flujo_results_activity_count(const flujo_results_t *r, size_t node)
{
    double n = 0;
    for (long i = 0; i < r->n_reps; i++) {
        if (r->reps[i].replication > 0) {
            n += r->reps[i].act_count[node];
        }
    }
    return n;
}

const char *flujo_cause_key(flujo_cause_t c)
{
    return c == FLUJO_CAUSE_STAFF ? "staff" : c == FLUJO_CAUSE_HOURS ? "hours" : "mixed";
}

static int cmp_bottleneck(const void *a, const void *b)
{
    const flujo_bottleneck_t *x = a, *y = b;
    if (x->hours_per_case != y->hours_per_case) {
        return x->hours_per_case > y->hours_per_case ? -1 : 1;
    }
    double ux = isnan(x->utilization) ? -1 : x->utilization;
    double uy = isnan(y->utilization) ? -1 : y->utilization;
    if (ux != uy) {
        return ux > uy ? -1 : 1;
    }
    return x->pool < y->pool ? -1 : x->pool > y->pool;
}

/* The mean over finished replications of a value NaN-free per replication (0 for NaN). */
static double rep_mean(const flujo_results_t *r, const double *(*array)(const flujo_rep_t *),
                       size_t i)
{
    double sum = 0;
    long n = 0;
    for (long k = 0; k < r->n_reps; k++) {
        if (r->reps[k].replication > 0) {
            double v = array(&r->reps[k])[i];
            sum += isnan(v) ? 0 : v;
            n++;
        }
    }
    return n > 0 ? sum / (double)n : 0;
}

static const double *feed_of(const flujo_rep_t *rep)
{
    return rep->pool_feed_h;
}

/* The office whose work brings at least half of the hours pool p loses to its hours, when that
 * office is open fewer hours a week than p: its narrow window (a signing session) sends the work
 * at an hour p no longer serves, and moving that window is the lever. -1 otherwise (p's own hours
 * are the lever). */
static long feeder(const flujo_results_t *r, size_t p, double hours)
{
    const flujo_scenario_t *s = r->s;
    long best = -1;
    double most = 0;
    for (size_t q = 0; q < s->n_pools; q++) {
        double h = rep_mean(r, feed_of, p * (s->n_pools + 1) + q);
        if (q != p && h > most) {
            most = h;
            best = (long)q;
        }
    }
    if (best < 0 || !(hours > 0) || most < 0.5 * hours) {
        return -1;
    }
    double own = flujo_calendar_week_open(s->calendars[s->pools[p].calendar]);
    double theirs = flujo_calendar_week_open(s->calendars[s->pools[best].calendar]);
    return theirs < own ? best : -1;
}

size_t flujo_results_bottlenecks(const flujo_results_t *r, flujo_bottleneck_t *out)
{
    const flujo_scenario_t *s = r->s;
    double total = 0;
    size_t n = 0;
    for (size_t p = 0; p < s->n_pools; p++) {
        flujo_estimate_t rate = flujo_results_pool(r, p, FLUJO_POOL_RATE_H);
        if (!(rate.mean > 0)) {
            continue;
        }
        flujo_bottleneck_t b = {0};
        b.pool = p;
        b.utilization = flujo_results_pool(r, p, FLUJO_POOL_UTIL).mean;
        /* the procedure's queue time per hour of window spent waiting for this pool (background
         * work loads the pool but is not what the analyst asks about) */
        b.waiting_share = flujo_results_pool(r, p, FLUJO_POOL_CASE_QUEUE).mean;
        b.wait_h = flujo_results_pool(r, p, FLUJO_POOL_CASE_WAIT_H).mean;
        b.job_hours_h = flujo_results_pool(r, p, FLUJO_POOL_CASE_HOURS_H).mean;
        b.wait_performer_h = flujo_results_pool_part(r, p, FLUJO_PART_WAIT_PERFORMER).mean;
        b.wait_hours_h = flujo_results_pool_part(r, p, FLUJO_PART_WAIT_HOURS).mean;
        b.work_paused_h = flujo_results_pool_part(r, p, FLUJO_PART_WORK_PAUSED).mean;
        double hours = b.wait_hours_h + b.work_paused_h;
        b.hours_per_case = b.wait_performer_h + hours;
        b.cause = b.wait_performer_h >= 2 * hours   ? FLUJO_CAUSE_STAFF
                  : hours >= 2 * b.wait_performer_h ? FLUJO_CAUSE_HOURS
                                                    : FLUJO_CAUSE_MIXED;
        b.feeder = feeder(r, p, hours);
        total += b.waiting_share;
        out[n++] = b;
    }
    for (size_t i = 0; i < n; i++) {
        out[i].waiting_share = total > 0 ? out[i].waiting_share / total : 0;
    }
    qsort(out, n, sizeof(*out), cmp_bottleneck);
    return n;
}
