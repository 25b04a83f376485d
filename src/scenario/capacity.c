/* capacity.c - the analytic capacity check of a scenario: visit ratios and pool loads.
 *
 * The expected number of visits v of each node per case solves the traffic equations of an open
 * network, v = e + P^T v, where e is where cases enter and P[i][j] the expected number of tokens
 * node i sends to node j each time it runs (1 per flow out of a task or an AND split, the branch
 * probability out of an XOR split, 1/k per incoming flow at an AND join of k flows). P is sparse:
 * the system (I - P^T) v = e is solved one strongly connected component at a time, in topological
 * order, each by LU decomposition (GSL) - a chain of thousands of tasks costs no more than its
 * flows, and only a rework loop makes a (small) dense solve. A pool's load is the work its tasks
 * bring per case; times the arrival rate and over its open capacity, it is the utilisation of an
 * open Jackson network - the ground truth the simulation is checked against. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_scenario.h"
#include "scenario/capacity_int.h"

#define WEEK (7 * 86400.0)

static double open_fraction(const flujo_calendar_t *c)
{
    return flujo_calendar_week_open(c) / WEEK;
}

/* Business days per week of the legal calendar. */
static double bdays_per_week(const flujo_scenario_t *s)
{
    const flujo_calendar_t *c = s->calendars[s->legal_calendar];
    if (flujo_calendar_is_always(c)) {
        return 7;
    }
    /* one week of table days from day 0, holidays aside */
    double n = 0;
    for (long d = 0; d < 7 && d < s->n_days; d++) {
        n += flujo_calendar_work_between(c, (double)d * 86400, (double)(d + 1) * 86400) > 0;
    }
    return n > 0 ? n : 5;
}

/* Mean elapsed seconds of a duration on its clock, with business days spread over the week. */
static double elapsed_mean(const flujo_scenario_t *s, const flujo_dist_t *d)
{
    double m = flujo_dist_mean(d);
    return d->clock == FLUJO_CLOCK_BDAYS ? m * 7 / bdays_per_week(s) : m;
}

/* Arrivals per elapsed second of one stream. */
static double stream_rate(const flujo_scenario_t *s, const flujo_arrival_t *a)
{
    double mean = flujo_dist_mean(&a->interarrival);
    if (!(mean > 0)) {
        return 0;
    }
    switch (a->interarrival.clock) {
    case FLUJO_CLOCK_WORK:
        /* open time (clock: elapsed adds about one arrival held at each opening, left out) */
        return open_fraction(s->calendars[a->calendar]) / mean;
    case FLUJO_CLOCK_BDAYS:
        return bdays_per_week(s) / 7 / mean;
    case FLUJO_CLOCK_DAYS:
        return 1 / mean;
    }
    return 0;
}

double flujo_scenario_arrival_rate(const flujo_scenario_t *s)
{
    double rate = 0;
    for (size_t i = 0; i < s->n_arrivals; i++) {
        rate += s->arrivals[i].background ? 0 : stream_rate(s, &s->arrivals[i]);
    }
    return rate;
}

/* Runs of an activity per visit: multi-instance copies times expected standard-loop runs. */
static double runs_per_visit(const flujo_task_t *t)
{
    double runs = (double)t->instances;
    if (t->loop > 0) {
        runs *= t->loop_max > 0 ? (1 - pow(t->loop, (double)t->loop_max)) / (1 - t->loop)
                                : 1 / (1 - t->loop);
    }
    return runs;
}

flujo_status_t flujo_scenario_capacity(const flujo_scenario_t *s, flujo_capacity_t *out,
                                       flujo_err_t *err)
{
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    memset(out, 0, sizeof(*out));
    out->busiest = -1;
    out->visits = flujo_xcalloc(nn + 1, sizeof(double));
    out->work = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    out->rho = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    double rate = 0;
    for (size_t i = 0; i < s->n_arrivals; i++) {
        double r = stream_rate(s, &s->arrivals[i]);
        rate += r;
        out->bg_rate += s->arrivals[i].background ? r : 0;
    }
    out->rate = rate;
    out->bd_week = bdays_per_week(s);
    if (nn == 0) {
        return FLUJO_OK;
    }
    flujo__route_t r = {0};
    double *x = flujo_xcalloc(nn + 1, sizeof(double));
    double *weights = flujo_xcalloc(s->n_arrivals + 1, sizeof(double));
    flujo_status_t st = FLUJO_OK;
    /* One solve per arrival stream: each stream's attributes decide its conditions, and visits
     * add up weighted by the streams' rates. */
    for (size_t i = 0; i < s->n_arrivals && st == FLUJO_OK; i++) {
        double share =
            rate > 0 ? stream_rate(s, &s->arrivals[i]) / rate : 1.0 / (double)s->n_arrivals;
        for (size_t k = 0; k < s->n_arrivals; k++) {
            weights[k] = k >= i ? 1 : 0; /* cumulative: every draw picks stream i */
        }
        flujo__routing(s, weights, &r);
        int64_t v = -1;
        flujo__solve_t res = flujo__solve_visits(m, &r, s->arrivals[i].start, x, &v);
        if (res == FLUJO__TOO_BIG) { /* visits unknown: no loads, as for a model without tasks */
            memset(out->visits, 0, nn * sizeof(double));
            goto out_free;
        }
        if (res == FLUJO__TRAPPED) {
            char buf[160];
            flujo_model_label(m, v, buf, sizeof(buf));
            if (m->nodes[v].kind == FLUJO_NODE_GATEWAY) {
                st = flujo_err_set(err, FLUJO_ESCENARIO,
                                   "%s: the routing probabilities make a loop that is never left "
                                   "(a rework loop taken with probability 1?): check the gateways "
                                   "around %s",
                                   s->file, buf);
            } else {
                st = flujo_err_set(err, FLUJO_ESCENARIO,
                                   "%s:%ld: cases that reach %s never get to an end event: its "
                                   "flows go round in a cycle with no way out",
                                   m->file, m->nodes[v].line, buf);
            }
            break;
        }
        for (size_t u = 0; u < nn; u++) {
            out->visits[u] += share * x[u];
        }
    }
    if (st != FLUJO_OK) {
        goto out_free;
    }
    for (size_t v = 0; v < nn; v++) {
        const flujo_task_t *t = &s->tasks[v];
        if (m->nodes[v].kind != FLUJO_NODE_TASK || t->pool < 0) {
            continue;
        }
        double per_case = out->visits[v] * runs_per_visit(t) * (double)t->units *
                          (r.worked != NULL ? r.worked[v] : 1);
        if (t->n_alts == 0) {
            out->work[t->pool] += per_case * elapsed_mean(s, &t->duration);
            continue;
        }
        /* any of several pools: an unlimited one takes it all, else they share it in proportion
         * to their capacity (performers times open time) */
        double total = 0;
        int64_t unlimited = -1;
        for (size_t k = 0; k < t->n_alts; k++) {
            const flujo_pool_t *pool = &s->pools[t->alts[k].pool];
            if (pool->unlimited && unlimited < 0) {
                unlimited = t->alts[k].pool;
            }
            total += (double)pool->count * open_fraction(s->calendars[pool->calendar]);
        }
        for (size_t k = 0; k < t->n_alts; k++) {
            int64_t p = t->alts[k].pool;
            const flujo_pool_t *pool = &s->pools[p];
            double share = unlimited >= 0 ? (p == unlimited)
                           : total > 0    ? (double)pool->count *
                                             open_fraction(s->calendars[pool->calendar]) / total
                                       : 1.0 / (double)t->n_alts;
            out->work[p] += share * per_case * elapsed_mean(s, flujo__task_duration(t, p));
        }
    }
    double worst_rho = -1;
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        if (pool->unlimited) {
            continue;
        }
        double cap = (double)pool->count * open_fraction(s->calendars[pool->calendar]);
        out->rho[p] = cap > 0 ? rate * out->work[p] / cap : INFINITY;
        if (out->rho[p] > worst_rho) {
            worst_rho = out->rho[p];
            out->busiest = (int64_t)p;
        }
    }
out_free:
    free(r.e);
    free(r.worked);
    free(x);
    free(weights);
    if (st != FLUJO_OK) {
        flujo_capacity_destroy(out);
    }
    return st;
}

void flujo_capacity_destroy(flujo_capacity_t *c)
{
    free(c->visits);
    free(c->work);
    free(c->rho);
    c->visits = c->work = c->rho = NULL;
}
