/* capacity.c - the analytic capacity check of a scenario: visit ratios and pool loads.
 *
 * The expected number of visits v of each node per case solves the traffic equations of an open
 * network, v = e + P^T v, where e is where cases enter and P[i][j] the expected number of tokens
 * node i sends to node j each time it runs (1 per flow out of a task or an AND split, the branch
 * probability out of an XOR split, 1/k per incoming flow at an AND join of k flows). The system
 * (I - P^T) v = e is solved by LU decomposition (GSL). A pool's load is the work its tasks bring
 * per case; times the arrival rate and over its open capacity, it is the utilisation of an open
 * Jackson network - the ground truth the simulation is checked against. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "flujo_rng.h"
#include "flujo_scenario.h"
#include "flujo_util.h"

#define MAX_DENSE 3000  /* nodes above which the dense solve is refused */
#define DRAWS     20000 /* samples to estimate condition and race probabilities */
#define WEEK      (7 * 86400.0)

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

/* Draws attribute values for one case of a random stream (weighted by rate). */
static void draw_case(const flujo_scenario_t *s, const double *weights, gsl_rng *r, int *values)
{
    double u = gsl_rng_uniform(r);
    size_t a = 0;
    while (a + 1 < s->n_arrivals && u >= weights[a]) {
        a++;
    }
    for (size_t k = 0; k < s->n_attrs; k++) {
        const double *cum = s->arrivals[a].attr_cum != NULL ? s->arrivals[a].attr_cum[k] : NULL;
        values[k] = -1;
        if (cum != NULL) {
            double x = gsl_rng_uniform(r);
            size_t j = 0;
            while (j + 1 < s->attrs[k].n && x >= cum[j]) {
                j++;
            }
            values[k] = (int)j;
        }
    }
}

/* Expected tokens a splitting gateway sends down each of its n flows per visit. */
static void gateway_split(const flujo_scenario_t *s, int64_t v, const double *weights, double *w)
{
    const flujo_node_t *nd = &s->model->nodes[v];
    const flujo_split_t *g = &s->gateways[v];
    size_t n = g->n;
    bool exclusive = nd->gateway == FLUJO_GW_EXCLUSIVE;
    if (nd->gateway == FLUJO_GW_PARALLEL) {
        for (size_t k = 0; k < n; k++) {
            w[k] = 1;
        }
        return;
    }
    if (g->route == FLUJO_ROUTE_COND) {
        gsl_rng *r = flujo_rng_new(0x5eed, 0, flujo_rng_stream("capacity", nd->id));
        int *values = flujo_xcalloc(s->n_attrs + 1, sizeof(int));
        memset(w, 0, n * sizeof(*w));
        for (int i = 0; i < DRAWS; i++) {
            draw_case(s, weights, r, values);
            bool any = false;
            for (size_t o = 0; o < n; o++) {
                size_t k = g->order[o];
                if (g->cond[k] == NULL ? !any : flujo_cond_eval(g->cond[k], values)) {
                    w[k] += 1.0 / DRAWS;
                    any = true;
                    if (exclusive) {
                        break;
                    }
                }
            }
        }
        free(values);
        gsl_rng_free(r);
        return;
    }
    if (exclusive) {
        for (size_t k = 0; k < n; k++) {
            w[k] = g->route == FLUJO_ROUTE_PROB ? g->prob[k] : 1.0 / (double)n;
        }
        return;
    }
    /* inclusive: each flow by its probability, at least one (draws with none are redrawn) */
    double none = 1;
    for (size_t k = 0; k < n; k++) {
        w[k] = g->route == FLUJO_ROUTE_PROB ? g->prob[k] : 1.0 / (double)n;
        none *= 1 - w[k];
    }
    for (size_t k = 0; k < n; k++) {
        w[k] = none < 1 ? w[k] / (1 - none) : 1.0 / (double)n;
    }
}

/* Probability that each event after an event-based gateway fires first, by sampling delays. */
static void race_split(const flujo_scenario_t *s, int64_t v, double *w)
{
    const flujo_model_t *m = s->model;
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    gsl_rng *r = flujo_rng_new(0x5eed, 0, flujo_rng_stream("capacity-race", m->nodes[v].id));
    memset(w, 0, n * sizeof(*w));
    for (int i = 0; i < DRAWS; i++) {
        double best = INFINITY;
        size_t win = 0;
        for (size_t k = 0; k < n; k++) {
            int64_t t = m->flows[m->out_flow[first + k]].target;
            const flujo_delay_t *e = &s->events[t];
            double d =
                e->has_delay ? flujo_dist_sample(&e->delay, r) : (e->n_at > 0 ? 0 : INFINITY);
            if (d < best) {
                best = d;
                win = k;
            }
        }
        w[win] += 1.0 / DRAWS;
    }
    gsl_rng_free(r);
}

/* Expected tokens of the nearest inclusive split upstream of an OR join, per firing. */
static double or_join_tokens(const flujo_scenario_t *s, int64_t join, const double *weights)
{
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    int64_t *queue = flujo_xmalloc((nn + 1) * sizeof(*queue));
    bool *seen = flujo_xcalloc(nn + 1, sizeof(bool));
    size_t head = 0, tail = 0;
    double tokens = 1;
    queue[tail++] = join;
    seen[join] = true;
    while (head < tail) {
        int64_t v = queue[head++];
        if (v != join && m->nodes[v].gateway == FLUJO_GW_INCLUSIVE &&
            flujo_model_out_degree(m, v) >= 2) {
            size_t n = flujo_model_out_degree(m, v);
            double *w = flujo_xcalloc(n, sizeof(double));
            gateway_split(s, v, weights, w);
            tokens = 0;
            for (size_t k = 0; k < n; k++) {
                tokens += w[k];
            }
            free(w);
            break;
        }
        for (size_t k = m->in_start[v]; k < m->in_start[v + 1]; k++) {
            int64_t u = m->flows[m->in_flow[k]].source;
            if (!seen[u]) {
                seen[u] = true;
                queue[tail++] = u;
            }
        }
    }
    free(queue);
    free(seen);
    return tokens > 0 ? tokens : 1;
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

/* Entry nodes of a scope: its start events, or the nodes no flow enters when it has none. */
static void add_entries(const flujo_model_t *m, int64_t process, int64_t parent, double amount,
                        gsl_matrix *a, int64_t from)
{
    bool has_start = false;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        has_start = has_start ||
                    (n->kind == FLUJO_NODE_START && n->process == process && n->parent == parent);
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->process != process || n->parent != parent || n->kind == FLUJO_NODE_BOUNDARY ||
            (n->kind == FLUJO_NODE_SUBPROCESS && n->triggered_by_event) || n->for_compensation) {
            continue;
        }
        bool entry = has_start
                         ? n->kind == FLUJO_NODE_START
                         : flujo_model_in_degree(m, (int64_t)v) == 0 &&
                               !((n->event_defs & FLUJO_EV_LINK) && n->kind == FLUJO_NODE_CATCH);
        if (entry) {
            /* A[v][from] -= amount: v receives `amount` tokens per visit of `from` */
            gsl_matrix_set(a, v, (size_t)from, gsl_matrix_get(a, v, (size_t)from) - amount);
        }
    }
}

static void flow_to(gsl_matrix *a, int64_t from, int64_t to, double amount)
{
    gsl_matrix_set(a, (size_t)to, (size_t)from,
                   gsl_matrix_get(a, (size_t)to, (size_t)from) - amount);
}

/* Builds I - P^T for the cases of one arrival stream (weights select the stream whose attributes
 * decide the conditions) into a. */
static void routing_matrix(const flujo_scenario_t *s, const double *weights, gsl_matrix *a)
{
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    gsl_matrix_set_identity(a);
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        const flujo_task_t *t = &s->tasks[v];
        size_t first = m->out_start[v], deg = m->out_start[v + 1] - first;
        double stay = 1; /* share of visits that leave by the normal outgoing flows */
        if (n->kind == FLUJO_NODE_TASK && t->error > 0 && t->error_boundary >= 0) {
            flow_to(a, (int64_t)v, t->error_boundary, t->error);
            stay = 1 - t->error;
        }
        if (n->kind == FLUJO_NODE_SUBPROCESS && !n->triggered_by_event) {
            add_entries(m, n->process, (int64_t)v, (double)t->instances, a, (int64_t)v);
        }
        if (n->kind == FLUJO_NODE_CALL && t->called_process >= 0) {
            add_entries(m, t->called_process, -1, (double)t->instances, a, (int64_t)v);
        }
        if ((n->event_defs & FLUJO_EV_LINK) && n->kind == FLUJO_NODE_THROW && n->event_ref) {
            for (size_t w = 0; w < nn; w++) {
                const flujo_node_t *c = &m->nodes[w];
                if (c->kind == FLUJO_NODE_CATCH && (c->event_defs & FLUJO_EV_LINK) &&
                    c->event_ref != NULL && strcmp(c->event_ref, n->event_ref) == 0 &&
                    c->process == n->process && c->parent == n->parent) {
                    flow_to(a, (int64_t)v, (int64_t)w, 1);
                }
            }
        }
        if (deg == 0) {
            continue;
        }
        double *w = flujo_xcalloc(deg, sizeof(double));
        if (n->kind == FLUJO_NODE_GATEWAY && deg >= 2 && n->gateway != FLUJO_GW_EVENT) {
            gateway_split(s, (int64_t)v, weights, w);
        } else if (n->gateway == FLUJO_GW_EVENT) {
            race_split(s, (int64_t)v, w);
        } else {
            for (size_t k = 0; k < deg; k++) {
                w[k] = stay;
            }
        }
        for (size_t k = 0; k < deg; k++) {
            int64_t to = m->flows[m->out_flow[first + k]].target;
            const flujo_node_t *tn = &m->nodes[to];
            double join = 1;
            size_t in = flujo_model_in_degree(m, to);
            if (in >= 2 && tn->gateway == FLUJO_GW_PARALLEL) {
                join = 1.0 / (double)in;
            } else if (in >= 2 &&
                       (tn->gateway == FLUJO_GW_INCLUSIVE || tn->gateway == FLUJO_GW_COMPLEX)) {
                join = 1.0 / or_join_tokens(s, to, weights);
            }
            flow_to(a, (int64_t)v, to, w[k] * join);
        }
        free(w);
    }
}

/* Solves a x = e; false (with the node of most visits in *worst) if a loop is never left. */
static bool solve(gsl_matrix *a, gsl_permutation *perm, const gsl_vector *e, gsl_vector *x,
                  size_t *worst)
{
    int signum;
    size_t nn = a->size1;
    bool singular = gsl_linalg_LU_decomp(a, perm, &signum) != GSL_SUCCESS;
    for (size_t i = 0; i < nn && !singular; i++) {
        singular = fabs(gsl_matrix_get(a, i, i)) < 1e-12;
    }
    if (!singular) {
        singular = gsl_linalg_LU_solve(a, perm, e, x) != GSL_SUCCESS;
    }
    *worst = 0;
    for (size_t v = 0; v < nn && !singular; v++) {
        double vis = gsl_vector_get(x, v);
        singular = !isfinite(vis) || vis > 1e9;
        *worst = vis > gsl_vector_get(x, *worst) ? v : *worst;
    }
    return !singular;
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
    if (nn == 0 || nn > MAX_DENSE) {
        return FLUJO_OK;
    }
    gsl_matrix *a = gsl_matrix_calloc(nn, nn);
    gsl_vector *e = gsl_vector_calloc(nn);
    gsl_vector *x = gsl_vector_alloc(nn);
    gsl_permutation *perm = gsl_permutation_alloc(nn);
    double *weights = flujo_xcalloc(s->n_arrivals + 1, sizeof(double));
    flujo_status_t st = FLUJO_OK;
    if (a == NULL || e == NULL || x == NULL || perm == NULL) {
        st =
            flujo_err_set(err, FLUJO_ESCENARIO, "%s: out of memory in the capacity check", s->file);
        goto out_free;
    }
    /* One solve per arrival stream: each stream's attributes decide its conditions, and visits
     * add up weighted by the streams' rates. */
    for (size_t i = 0; i < s->n_arrivals && st == FLUJO_OK; i++) {
        double share =
            rate > 0 ? stream_rate(s, &s->arrivals[i]) / rate : 1.0 / (double)s->n_arrivals;
        for (size_t k = 0; k < s->n_arrivals; k++) {
            weights[k] = k >= i ? 1 : 0; /* cumulative: every draw picks stream i */
        }
        routing_matrix(s, weights, a);
        gsl_vector_set_zero(e);
        gsl_vector_set(e, (size_t)s->arrivals[i].start, 1);
        size_t worst;
        if (!solve(a, perm, e, x, &worst)) {
            st = flujo_err_set(err, FLUJO_ESCENARIO,
                               "%s: the routing probabilities make a loop that is never left (a "
                               "rework loop taken with probability 1?): check the gateways around "
                               "'%s'",
                               s->file, m->nodes[worst].id);
            break;
        }
        for (size_t v = 0; v < nn; v++) {
            double vis = gsl_vector_get(x, v);
            out->visits[v] += share * (vis > 0 ? vis : 0);
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
        double per_case = out->visits[v] * runs_per_visit(t) * (double)t->units;
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
            out->work[p] += share * per_case * elapsed_mean(s, flujo_task_duration(t, p));
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
    gsl_permutation_free(perm);
    gsl_vector_free(x);
    gsl_vector_free(e);
    gsl_matrix_free(a);
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
