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

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "base/base_int.h"
#include "flujo_scenario.h"
#include "random/random_int.h"

#define MAX_DENSE 3000  /* nodes of one loop above which its dense solve is refused */
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
static void draw_case(const flujo_scenario_t *s, const double *weights, flujo_rng_t *r, int *values)
{
    double u = flujo_rng_uniform(r);
    size_t a = 0;
    while (a + 1 < s->n_arrivals && u >= weights[a]) {
        a++;
    }
    for (size_t k = 0; k < s->n_attrs; k++) {
        const double *cum = s->arrivals[a].attr_cum != NULL ? s->arrivals[a].attr_cum[k] : NULL;
        values[k] = -1;
        if (cum != NULL) {
            double x = flujo_rng_uniform(r);
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
        flujo_rng_t *r = flujo_rng_new(0x5eed, 0, flujo_rng_stream("capacity", nd->id));
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
        flujo_rng_free(r);
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
    flujo_rng_t *r = flujo_rng_new(0x5eed, 0, flujo_rng_stream("capacity-race", m->nodes[v].id));
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
    flujo_rng_free(r);
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

/* P as a list of entries: node from sends p tokens to node to per visit (p > 0). */
typedef struct entry {
    int64_t from, to;
    double p;
} entry_t;

typedef struct route {
    entry_t *e;
    size_t n, cap;
} route_t;

static void flow_to(route_t *r, int64_t from, int64_t to, double amount)
{
    if (amount > 0) {
        flujo_grow((void **)&r->e, &r->cap, r->n + 1, sizeof(*r->e));
        r->e[r->n++] = (entry_t){from, to, amount};
    }
}

/* Entry nodes of a scope: its start events, or the nodes no flow enters when it has none. */
static void add_entries(const flujo_model_t *m, int64_t process, int64_t parent, double amount,
                        route_t *r, int64_t from)
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
            flow_to(r, from, (int64_t)v, amount); /* v receives `amount` tokens per visit */
        }
    }
}

/* Builds P for the cases of one arrival stream (weights select the stream whose attributes decide
 * the conditions) into r. */
static void routing(const flujo_scenario_t *s, const double *weights, route_t *r)
{
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    r->n = 0;
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        const flujo_task_t *t = &s->tasks[v];
        size_t first = m->out_start[v], deg = m->out_start[v + 1] - first;
        double stay = 1; /* share of visits that leave by the normal outgoing flows */
        if (n->kind == FLUJO_NODE_TASK && t->error > 0 && t->error_boundary >= 0) {
            flow_to(r, (int64_t)v, t->error_boundary, t->error);
            stay = 1 - t->error;
        }
        if (n->kind == FLUJO_NODE_SUBPROCESS && !n->triggered_by_event) {
            add_entries(m, n->process, (int64_t)v, (double)t->instances, r, (int64_t)v);
        }
        if (n->kind == FLUJO_NODE_CALL && t->called_process >= 0) {
            add_entries(m, t->called_process, -1, (double)t->instances, r, (int64_t)v);
        }
        if ((n->event_defs & FLUJO_EV_LINK) && n->kind == FLUJO_NODE_THROW && n->event_ref) {
            for (size_t w = 0; w < nn; w++) {
                const flujo_node_t *c = &m->nodes[w];
                if (c->kind == FLUJO_NODE_CATCH && (c->event_defs & FLUJO_EV_LINK) &&
                    c->event_ref != NULL && strcmp(c->event_ref, n->event_ref) == 0 &&
                    c->process == n->process && c->parent == n->parent) {
                    flow_to(r, (int64_t)v, (int64_t)w, 1);
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
            flow_to(r, (int64_t)v, to, w[k] * join);
        }
        free(w);
    }
}

/* How a solve of the traffic equations ended. */
typedef enum solve { SOLVED, TRAPPED, TOO_BIG } solve_t;

/* Strongly connected components of the graph whose edges out of node v are target[start[v] ..
 * start[v + 1]) (Tarjan's algorithm, without recursion). comp[v] numbers them in the order they
 * close: a component's edges lead only to itself and to components of lower number. Returns how
 * many there are. */
static size_t components(size_t nn, const size_t *start, const int64_t *target, size_t *comp)
{
    const size_t unset = SIZE_MAX;
    size_t *index = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t *low = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t *stack = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t *frame = flujo_xmalloc((nn + 1) * sizeof(size_t)); /* call stack: nodes */
    size_t *next = flujo_xmalloc((nn + 1) * sizeof(size_t));  /* per node: next edge to follow */
    bool *on = flujo_xcalloc(nn + 1, sizeof(bool));
    size_t counter = 0, n_comp = 0, sp = 0, fp = 0;
    for (size_t v = 0; v < nn; v++) {
        index[v] = unset;
    }
    for (size_t root = 0; root < nn; root++) {
        if (index[root] != unset) {
            continue;
        }
        index[root] = low[root] = counter++;
        next[root] = start[root];
        stack[sp++] = root;
        on[root] = true;
        frame[fp++] = root;
        while (fp > 0) {
            size_t v = frame[fp - 1];
            if (next[v] < start[v + 1]) {
                size_t w = (size_t)target[next[v]++];
                if (index[w] == unset) {
                    index[w] = low[w] = counter++;
                    next[w] = start[w];
                    stack[sp++] = w;
                    on[w] = true;
                    frame[fp++] = w;
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                size_t w;
                do {
                    w = stack[--sp];
                    on[w] = false;
                    comp[w] = n_comp;
                } while (w != v);
                n_comp++;
            }
            fp--;
            if (fp > 0 && low[v] < low[frame[fp - 1]]) {
                low[frame[fp - 1]] = low[v];
            }
        }
    }
    free(index);
    free(low);
    free(stack);
    free(frame);
    free(next);
    free(on);
    return n_comp;
}

/* The node to name for a loop that is never left: its first gateway, else its first node. */
static int64_t loop_culprit(const flujo_model_t *m, const size_t *nodes, size_t k)
{
    size_t best = nodes[0];
    bool gateway = false;
    for (size_t i = 0; i < k; i++) {
        bool g = m->nodes[nodes[i]].kind == FLUJO_NODE_GATEWAY;
        if ((g && !gateway) || (g == gateway && nodes[i] < best)) {
            best = nodes[i];
            gateway = g;
        }
    }
    return (int64_t)best;
}

/* Solves the traffic equations x = e + P^T x for cases entering at start: one strongly connected
 * component at a time, upstream first, each fed by what the ones before send into it. A loop whose
 * cases never all leave (every node of it sends at least one token back in, or a solve without a
 * finite, positive answer) gives TRAPPED with its gateway in *culprit. */
static solve_t solve_visits(const flujo_model_t *m, const route_t *r, int64_t start, double *x,
                            int64_t *culprit)
{
    size_t nn = m->n_nodes;
    size_t *ostart = flujo_xcalloc(nn + 2, sizeof(size_t));
    int64_t *target = flujo_xmalloc((r->n + 1) * sizeof(int64_t));
    double *share = flujo_xmalloc((r->n + 1) * sizeof(double));
    for (size_t i = 0; i < r->n; i++) {
        ostart[r->e[i].from + 2]++;
    }
    for (size_t v = 0; v < nn; v++) {
        ostart[v + 2] += ostart[v + 1];
    }
    for (size_t i = 0; i < r->n; i++) { /* stable counting sort by source */
        size_t k = ostart[r->e[i].from + 1]++;
        target[k] = r->e[i].to;
        share[k] = r->e[i].p;
    }
    size_t *comp = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t n_comp = components(nn, ostart, target, comp);
    size_t *cstart = flujo_xcalloc(n_comp + 2, sizeof(size_t));
    size_t *cnodes = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t *pos = flujo_xmalloc((nn + 1) * sizeof(size_t));
    for (size_t v = 0; v < nn; v++) {
        cstart[comp[v] + 2]++;
    }
    for (size_t c = 0; c < n_comp; c++) {
        cstart[c + 2] += cstart[c + 1];
    }
    for (size_t v = 0; v < nn; v++) {
        cnodes[cstart[comp[v] + 1]++] = v;
    }
    for (size_t c = 0; c < n_comp; c++) { /* place of each node within its component */
        for (size_t i = cstart[c]; i < cstart[c + 1]; i++) {
            pos[cnodes[i]] = i - cstart[c];
        }
    }
    double *b = flujo_xcalloc(nn + 1, sizeof(double));
    b[start] = 1;
    solve_t res = SOLVED;
    for (size_t c = n_comp; c-- > 0 && res == SOLVED;) {
        const size_t *nodes = &cnodes[cstart[c]];
        size_t k = cstart[c + 1] - cstart[c];
        bool reached = false, closed = true;
        for (size_t i = 0; i < k; i++) {
            size_t v = nodes[i];
            reached = reached || b[v] > 0;
            double inside = 0;
            for (size_t j = ostart[v]; j < ostart[v + 1]; j++) {
                inside += comp[target[j]] == c ? share[j] : 0;
            }
            closed = closed && inside >= 1 - 1e-9;
            x[v] = 0;
        }
        if (!reached) {
            continue;
        }
        if (closed) {
            res = TRAPPED;
        } else if (k == 1) {
            size_t v = nodes[0];
            double self = 0;
            for (size_t j = ostart[v]; j < ostart[v + 1]; j++) {
                self += (size_t)target[j] == v ? share[j] : 0;
            }
            x[v] = b[v] / (1 - self);
        } else if (k > MAX_DENSE) {
            res = TOO_BIG;
        } else {
            gsl_matrix *a = gsl_matrix_alloc(k, k);
            gsl_vector *rhs = gsl_vector_alloc(k), *sol = gsl_vector_alloc(k);
            gsl_permutation *perm = gsl_permutation_alloc(k);
            if (a == NULL || rhs == NULL || sol == NULL || perm == NULL) {
                res = TOO_BIG; /* out of memory: the loads stay unknown */
                gsl_permutation_free(perm);
                gsl_vector_free(sol);
                gsl_vector_free(rhs);
                gsl_matrix_free(a);
                break;
            }
            gsl_matrix_set_identity(a);
            for (size_t i = 0; i < k; i++) {
                size_t v = nodes[i];
                gsl_vector_set(rhs, i, b[v]);
                for (size_t j = ostart[v]; j < ostart[v + 1]; j++) {
                    size_t w = (size_t)target[j];
                    if (comp[w] == c) {
                        gsl_matrix_set(a, pos[w], i, gsl_matrix_get(a, pos[w], i) - share[j]);
                    }
                }
            }
            int signum;
            bool ok = gsl_linalg_LU_decomp(a, perm, &signum) == GSL_SUCCESS;
            for (size_t i = 0; i < k && ok; i++) {
                ok = fabs(gsl_matrix_get(a, i, i)) > 1e-12;
            }
            ok = ok && gsl_linalg_LU_solve(a, perm, rhs, sol) == GSL_SUCCESS;
            for (size_t i = 0; i < k && ok; i++) {
                double vis = gsl_vector_get(sol, i);
                ok = isfinite(vis) && vis > -1e-9 && vis < 1e9;
                x[nodes[i]] = vis > 0 ? vis : 0;
            }
            res = ok ? SOLVED : TRAPPED;
            gsl_permutation_free(perm);
            gsl_vector_free(sol);
            gsl_vector_free(rhs);
            gsl_matrix_free(a);
        }
        if (res == TRAPPED) {
            *culprit = loop_culprit(m, nodes, k);
            break;
        }
        for (size_t i = 0; i < k; i++) { /* what leaves the component feeds the next ones */
            size_t v = nodes[i];
            for (size_t j = ostart[v]; j < ostart[v + 1]; j++) {
                b[target[j]] += comp[target[j]] != c ? share[j] * x[v] : 0;
            }
        }
    }
    free(b);
    free(pos);
    free(cnodes);
    free(cstart);
    free(comp);
    free(share);
    free(target);
    free(ostart);
    return res;
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
    route_t r = {0};
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
        routing(s, weights, &r);
        int64_t v = -1;
        solve_t res = solve_visits(m, &r, s->arrivals[i].start, x, &v);
        if (res == TOO_BIG) { /* visits unknown: no loads, as for a model without tasks */
            memset(out->visits, 0, nn * sizeof(double));
            goto out_free;
        }
        if (res == TRAPPED) {
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
    free(r.e);
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
