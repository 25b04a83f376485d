/* capacity_routing.c - the routing of the traffic equations: P[i][j], the expected number of tokens
 * node i sends to node j each time it runs, from the branch probabilities of the scenario, its
 * conditions and event races (both sampled), the joins and the entries of subprocesses, calls
 * and links. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "random/random_int.h"
#include "scenario/capacity_int.h"

#define DRAWS 20000 /* samples to estimate condition and race probabilities */

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
                if (g->cond[k] == NULL ? !any : flujo__cond_eval(g->cond[k], values)) {
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

/* Expected tokens an activity or event with conditional flows sends down each of its flows per
 * visit: a plain flow 1, a conditional one its probability (or the share of cases whose condition
 * holds, sampled), the default one the chance that none holds; probabilities with neither a plain
 * nor a default flow are drawn again until one is taken. */
static void choosing_split(const flujo_scenario_t *s, int64_t v, const double *weights, double *w)
{
    const flujo_model_t *m = s->model;
    const flujo_split_t *g = &s->gateways[v];
    size_t first = m->out_start[v], n = g->n;
    bool plain = false;
    int64_t dflt = -1;
    double none = 1;
    for (size_t k = 0; k < n; k++) {
        flujo_flow_kind_t kind = flujo_model_flow_kind(m, m->out_flow[first + k]);
        w[k] = kind == FLUJO_FLOW_ALWAYS ? 1 : 0;
        plain = plain || kind == FLUJO_FLOW_ALWAYS;
        dflt = kind == FLUJO_FLOW_DEFAULT ? (int64_t)k : dflt;
        if (kind == FLUJO_FLOW_COND && g->route != FLUJO_ROUTE_COND) {
            w[k] = g->prob[k];
            none *= 1 - w[k];
        }
    }
    if (g->route == FLUJO_ROUTE_COND) {
        flujo_rng_t *r = flujo_rng_new(0x5eed, 0, flujo_rng_stream("capacity", m->nodes[v].id));
        int *values = flujo_xcalloc(s->n_attrs + 1, sizeof(int));
        none = 0;
        for (int i = 0; i < DRAWS; i++) {
            draw_case(s, weights, r, values);
            bool any = false;
            for (size_t k = 0; k < n; k++) {
                if (g->cond[k] != NULL && flujo__cond_eval(g->cond[k], values)) {
                    w[k] += 1.0 / DRAWS;
                    any = true;
                }
            }
            none += any ? 0 : 1.0 / DRAWS;
        }
        free(values);
        flujo_rng_free(r);
    }
    if (dflt >= 0) {
        w[dflt] = none;
    } else if (!plain && none > 0 && none < 1 && g->route != FLUJO_ROUTE_COND) {
        for (size_t k = 0; k < n; k++) {
            w[k] /= 1 - none;
        }
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

static void flow_to(flujo__route_t *r, int64_t from, int64_t to, double amount)
{
    if (amount > 0) {
        flujo_grow((void **)&r->e, &r->cap, r->n + 1, sizeof(*r->e));
        r->e[r->n++] = (flujo__entry_t){from, to, amount};
    }
}

/* Entry nodes of a scope: its start events, or the nodes no flow enters when it has none. */
static void add_entries(const flujo_model_t *m, int64_t process, int64_t parent, double amount,
                        flujo__route_t *r, int64_t from)
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

/* The timed boundary events of each activity, in one pass: the first of activity v is t[v], the
 * one after boundary b is t[n_nodes + 1 + b] (-1 ends a list). */
static int64_t *timed_boundaries(const flujo_scenario_t *s)
{
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    int64_t *t = flujo_xmalloc((2 * nn + 2) * sizeof(int64_t));
    for (size_t i = 0; i < 2 * nn + 2; i++) {
        t[i] = -1;
    }
    for (size_t b = nn; b-- > 0;) { /* backwards, so that each list is in the model's order */
        int64_t a = m->nodes[b].attached_to;
        if (m->nodes[b].kind == FLUJO_NODE_BOUNDARY && a >= 0 && s->events[b].has_delay) {
            t[nn + 1 + b] = t[a];
            t[a] = (int64_t)b;
        }
    }
    return t;
}

/* The timed boundary events of task v race its work: by sampling the work's duration (without
 * the queue before it or the closed hours within it) against each timer, the share of visits in
 * which each boundary fires (an interrupting one first of all; a non-interrupting one before the
 * work or an interrupting timer ends), which go on from it, and the share of the work's mean
 * done (r->worked[v]). timed lists each activity's timed boundary events (timed_boundaries).
 * Returns the share of visits the interrupting ones end, which do not leave by the normal flows. */
static double boundary_race(const flujo_scenario_t *s, int64_t v, const int64_t *timed,
                            flujo__route_t *r)
{
    const flujo_model_t *m = s->model;
    const flujo_task_t *t = &s->tasks[v];
    if (timed[v] < 0 || m->nodes[v].kind != FLUJO_NODE_TASK) {
        return 0;
    }
    int64_t *bnd = NULL;
    size_t n = 0, cap = 0;
    for (int64_t b = timed[v]; b >= 0; b = timed[m->n_nodes + 1 + (size_t)b]) {
        flujo_grow((void **)&bnd, &cap, n + 1, sizeof(*bnd));
        bnd[n++] = b;
    }
    const flujo_dist_t *work = t->pool >= 0 ? flujo__task_duration(t, t->pool) : &t->duration;
    flujo_rng_t *rng =
        flujo_rng_new(0x5eed, 0, flujo_rng_stream("capacity-boundary", m->nodes[v].id));
    double *fired = flujo_xcalloc(n, sizeof(double));
    double *at = flujo_xcalloc(n, sizeof(double));
    double cut = 0, full = 0, done = 0;
    for (int i = 0; i < DRAWS; i++) {
        double end = flujo_dist_sample(work, rng);
        full += end;
        for (size_t k = 0; k < n; k++) {
            at[k] = flujo_dist_sample(&s->events[bnd[k]].delay, rng);
            if (m->nodes[bnd[k]].cancel_activity && at[k] < end) {
                end = at[k]; /* the first interrupting timer ends the work */
            }
        }
        done += end;
        for (size_t k = 0; k < n; k++) {
            bool interrupting = m->nodes[bnd[k]].cancel_activity;
            long cycle = s->events[bnd[k]].cycle;
            if (interrupting ? at[k] == end && at[k] < INFINITY : at[k] < end) {
                /* a timeCycle fires once a period while the work lasts, up to its count */
                double times = 1;
                if (!interrupting && cycle != 0 && at[k] > 0) {
                    times = floor(end / at[k]);
                    times = cycle > 0 && times > (double)cycle ? (double)cycle : times;
                }
                fired[k] += times / DRAWS;
                cut += interrupting ? 1.0 / DRAWS : 0;
            }
        }
    }
    for (size_t k = 0; k < n; k++) {
        flow_to(r, v, bnd[k], fired[k]);
    }
    r->worked[v] = full > 0 ? done / full : 1;
    flujo_rng_free(rng);
    free(fired);
    free(at);
    free(bnd);
    return cut;
}

/* Builds P for the cases of one arrival stream (weights select the stream whose attributes decide
 * the conditions) into r. */
void flujo__routing(const flujo_scenario_t *s, const double *weights, flujo__route_t *r)
{
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    r->n = 0;
    free(r->worked);
    r->worked = flujo_xmalloc((nn + 1) * sizeof(double));
    for (size_t v = 0; v <= nn; v++) {
        r->worked[v] = 1;
    }
    /* a message flow to another pool's start event starts its process once per visit of its
     * source */
    for (size_t i = 0; i < m->n_msgflows; i++) {
        int64_t w = flujo_model_msgflow_target(m, i);
        if (w >= 0 && m->nodes[w].kind == FLUJO_NODE_START) {
            flow_to(r, m->msgflows[i].source_node, w, 1);
        }
    }
    /* error and escalation end events with the activity around them that catches them: each
     * visit of one goes on at the boundary event, and (an interrupting one) is a visit of the
     * activity that does not leave it by its normal flows */
    int64_t *caught_by = flujo_xcalloc(nn + 1, sizeof(int64_t));
    int64_t *timed = timed_boundaries(s);
    size_t *normal = flujo_xcalloc(2 * nn + 1, sizeof(size_t)); /* v's normal flows in r */
    for (size_t x = 0; x < nn; x++) {
        int64_t b = -1;
        caught_by[x] = -1;
        bool thrower =
            m->nodes[x].kind == FLUJO_NODE_END || (m->nodes[x].kind == FLUJO_NODE_THROW &&
                                                   (m->nodes[x].event_defs & FLUJO_EV_ESCALATION));
        if (thrower && flujo_model_static_catcher(m, (int64_t)x, &b) >= 0) {
            flow_to(r, (int64_t)x, b, 1);
            caught_by[x] = m->nodes[b].cancel_activity ? m->nodes[b].attached_to : -1;
        }
    }
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        const flujo_task_t *t = &s->tasks[v];
        size_t first = m->out_start[v], deg = m->out_start[v + 1] - first;
        double stay = 1; /* share of visits that leave by the normal outgoing flows */
        if (t->error > 0 && t->error_boundary >= 0) {
            flow_to(r, (int64_t)v, t->error_boundary, t->error);
            stay = 1 - t->error;
        }
        stay *= 1 - boundary_race(s, (int64_t)v, timed, r);
        if (n->kind == FLUJO_NODE_THROW && caught_by[v] >= 0) {
            stay = 0; /* an escalation an interrupting boundary catches: the throw goes nowhere */
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
        normal[2 * v] = normal[2 * v + 1] = r->n;
        if (deg == 0) {
            continue;
        }
        double *w = flujo_xcalloc(deg, sizeof(double));
        if (n->kind == FLUJO_NODE_GATEWAY && deg >= 2 && n->gateway != FLUJO_GW_EVENT) {
            gateway_split(s, (int64_t)v, weights, w);
        } else if (n->gateway == FLUJO_GW_EVENT) {
            race_split(s, (int64_t)v, w);
        } else if (flujo_model_conditional_out(m, (int64_t)v)) {
            choosing_split(s, (int64_t)v, weights, w);
            for (size_t k = 0; k < deg; k++) {
                w[k] *= stay;
            }
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
        normal[2 * v + 1] = r->n;
        free(w);
    }
    /* x_to = P(v, to) (x_v - x_thrower) for each normal flow of the catching activity v */
    for (size_t x = 0; x < nn; x++) {
        int64_t v = caught_by[x];
        for (size_t i = v >= 0 ? normal[2 * v] : 0; v >= 0 && i < normal[2 * v + 1]; i++) {
            flujo_grow((void **)&r->e, &r->cap, r->n + 1, sizeof(*r->e));
            r->e[r->n] = (flujo__entry_t){(int64_t)x, r->e[i].to, -r->e[i].p};
            r->n++;
        }
    }
    free(normal);
    free(caught_by);
    free(timed);
}
