/* redesign_model.c - simplification operators applied to a bound scenario, so that a redesign
 * needs no new drawing: bypass a step, merge two steps into one, run a chain of steps in parallel.
 *
 * Each operator checks that its targets fit (a step to bypass has one way in and one way out;
 * merged steps follow each other directly; ...), describes the change as a flujo_model_edit_t,
 * lets the model module build the changed model, and moves every parameter of the scenario to
 * its node in it. Elements keep their ids, so they keep their random streams and the redesign is
 * compared with the as-is design on common random numbers. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "model/model_int.h"
#include "scenario/scenario_int.h"

static bool has_boundary(const flujo_model_t *m, int64_t v)
{
    for (size_t u = 0; u < m->n_nodes; u++) {
        if (m->nodes[u].kind == FLUJO_NODE_BOUNDARY && m->nodes[u].attached_to == v) {
            return true;
        }
    }
    return false;
}

static const char *label(const flujo_model_t *m, int64_t v, char *buf, size_t n)
{
    return flujo_model_label(m, v, buf, n);
}

/* The single flow out of (or into) v, or -1 when v has another number of them. */
static int64_t only_out(const flujo_model_t *m, int64_t v)
{
    return flujo_model_out_degree(m, v) == 1 ? m->out_flow[m->out_start[v]] : -1;
}

static int64_t only_in(const flujo_model_t *m, int64_t v)
{
    return flujo_model_in_degree(m, v) == 1 ? m->in_flow[m->in_start[v]] : -1;
}

/* A new id from base and suffix that the model does not use yet. */
static char *fresh_id(const flujo_model_t *m, const char *base, const char *suffix)
{
    flujo_sbuf_t b;
    for (int k = 1;; k++) {
        flujo_sbuf_init(&b);
        flujo_sbuf_printf(&b, "flujo-%s-%s", base, suffix);
        if (k > 1) {
            flujo_sbuf_printf(&b, "-%d", k);
        }
        if (flujo_model_find_node(m, b.s) < 0 && flujo_model_find_flow(m, b.s) < 0) {
            return flujo_sbuf_take(&b);
        }
        flujo_sbuf_destroy(&b);
    }
}

/* Builds the edited model and moves the scenario onto it. */
static flujo_status_t apply(flujo_scenario_t *s, const flujo_model_edit_t *ed, flujo_err_t *err)
{
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    int64_t *node_map = flujo_xcalloc(nn + ed->n_add_nodes + 1, sizeof(int64_t));
    int64_t *flow_map = flujo_xcalloc(m->n_flows + 1, sizeof(int64_t));
    flujo_model_t *m2 = flujo_model_edited(m, ed, node_map, flow_map, err);
    if (m2 == NULL) {
        free(node_map);
        free(flow_map);
        return err->status;
    }
    size_t n2 = m2->n_nodes;
    flujo_task_t *tasks = flujo_xcalloc(n2 + 1, sizeof(*tasks));
    flujo_split_t *gateways = flujo_xcalloc(n2 + 1, sizeof(*gateways));
    flujo_delay_t *events = flujo_xcalloc(n2 + 1, sizeof(*events));
    bool *pause = flujo_xcalloc(n2 + 1, sizeof(bool));
    bool *until = s->sla.until != NULL ? flujo_xcalloc(n2 + 1, sizeof(bool)) : NULL;
    for (size_t v = 0; v < n2; v++) {
        flujo__task_init(&tasks[v]);
        events[v].calendar = -1;
        gateways[v].n = flujo_model_out_degree(m2, (int64_t)v);
    }
    for (size_t v = 0; v < nn; v++) {
        int64_t w = node_map[v];
        if (w < 0) {
            flujo__task_destroy(&s->tasks[v]);
            flujo__split_destroy(&s->gateways[v]);
            flujo__delay_destroy(&s->events[v]);
            continue;
        }
        tasks[w] = s->tasks[v];
        events[w] = s->events[v];
        if (s->gateways[v].n == gateways[w].n) {
            gateways[w] = s->gateways[v]; /* the same flows, in the same order */
        } else {
            flujo__split_destroy(&s->gateways[v]);
        }
        pause[w] = s->sla.pause[v];
        if (until != NULL) {
            until[w] = s->sla.until[v];
        }
        tasks[w].error_boundary =
            tasks[w].error_boundary >= 0 ? node_map[tasks[w].error_boundary] : -1;
        tasks[w].called = tasks[w].called >= 0 ? node_map[tasks[w].called] : -1;
    }
    for (size_t i = 0; i < s->n_arrivals; i++) {
        s->arrivals[i].start = node_map[s->arrivals[i].start];
    }
    free(s->tasks);
    free(s->gateways);
    free(s->events);
    free(s->sla.pause);
    free(s->sla.until);
    s->tasks = tasks;
    s->gateways = gateways;
    s->events = events;
    s->sla.pause = pause;
    s->sla.until = until;
    flujo_model_free(s->model);
    s->model = m2;
    free(node_map);
    free(flow_map);
    return FLUJO_OK;
}

/* Common requirements of a step an operator moves: an activity of the kinds given, without
 * boundary events, not deciding the case (sla.until). */
static flujo_status_t movable(const flujo_scenario_t *s, int64_t v, bool events_too,
                              flujo_err_t *err)
{
    const flujo_model_t *m = s->model;
    const flujo_node_t *n = &m->nodes[v];
    char lb[300];
    bool ok = n->kind == FLUJO_NODE_TASK || n->kind == FLUJO_NODE_SUBPROCESS ||
              n->kind == FLUJO_NODE_CALL ||
              (events_too && (n->kind == FLUJO_NODE_CATCH || n->kind == FLUJO_NODE_THROW));
    if (!ok) {
        return flujo_err_set(err, FLUJO_ESCENARIO, "%s is a %s: the operator works on %s",
                             label(m, v, lb, sizeof(lb)), n->type,
                             events_too ? "activities and intermediate events" : "activities");
    }
    if (has_boundary(m, v)) {
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "%s has boundary events: change it in the model instead",
                             label(m, v, lb, sizeof(lb)));
    }
    if (s->sla.until != NULL && s->sla.until[v]) {
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "%s decides the case (sla.until): name another node there first",
                             label(m, v, lb, sizeof(lb)));
    }
    return FLUJO_OK;
}

flujo_status_t flujo__redesign_remove(flujo_scenario_t *s, int64_t v, flujo_err_t *err)
{
    const flujo_model_t *m = s->model;
    char lb[300];
    flujo_status_t st = movable(s, v, true, err);
    if (st != FLUJO_OK) {
        return st;
    }
    int64_t fi = only_in(m, v), fo = only_out(m, v);
    if (fi < 0 || fo < 0) {
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "%s has %zu incoming and %zu outgoing flows: only a step with one "
                             "way in and one way out can be bypassed",
                             label(m, v, lb, sizeof(lb)), flujo_model_in_degree(m, v),
                             flujo_model_out_degree(m, v));
    }
    bool *drop_node = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    bool *drop_flow = flujo_xcalloc(m->n_flows + 1, sizeof(bool));
    int64_t *target = flujo_xcalloc(m->n_flows + 1, sizeof(int64_t));
    for (size_t j = 0; j < m->n_flows; j++) {
        target[j] = -1;
    }
    drop_node[v] = true;
    drop_flow[fo] = true;
    target[fi] = m->flows[fo].target;
    flujo_model_edit_t ed = {0};
    ed.drop_node = drop_node;
    ed.drop_flow = drop_flow;
    ed.flow_target = target;
    st = apply(s, &ed, err);
    free(drop_node);
    free(drop_flow);
    free(target);
    return st;
}

flujo_status_t flujo__redesign_merge(flujo_scenario_t *s, int64_t a, int64_t b, const char *name,
                                     flujo_err_t *err)
{
    const flujo_model_t *m = s->model;
    char la[300], lb[300];
    flujo_status_t st = FLUJO_OK;
    for (int k = 0; k < 2 && st == FLUJO_OK; k++) {
        int64_t v = k == 0 ? a : b;
        st = movable(s, v, false, err);
        if (st == FLUJO_OK && m->nodes[v].kind != FLUJO_NODE_TASK) {
            st = flujo_err_set(err, FLUJO_ESCENARIO, "%s is a %s: only tasks can be merged",
                               label(m, v, la, sizeof(la)), m->nodes[v].type);
        }
        if (st == FLUJO_OK && (m->nodes[v].loop != FLUJO_LOOP_NONE || s->tasks[v].loop > 0 ||
                               s->tasks[v].instances > 1)) {
            st = flujo_err_set(err, FLUJO_ESCENARIO,
                               "%s repeats (loop or multi-instance): it cannot be merged",
                               label(m, v, la, sizeof(la)));
        }
    }
    if (st != FLUJO_OK) {
        return st;
    }
    int64_t f = only_out(m, a);
    if (a == b || f < 0 || m->flows[f].target != b || only_in(m, b) != f) {
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "%s does not directly precede %s (a single flow from the first to "
                             "the second, and none other into the second)",
                             label(m, a, la, sizeof(la)), label(m, b, lb, sizeof(lb)));
    }
    flujo_task_t *ta = &s->tasks[a], *tb = &s->tasks[b];
    if (ta->n_alts > 0 || tb->n_alts > 0) {
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "%s or %s can be done by any of several pools: merge them into one "
                             "pool first (resource:)",
                             label(m, a, la, sizeof(la)), label(m, b, lb, sizeof(lb)));
    }
    if (ta->duration.clock != FLUJO_CLOCK_WORK || tb->duration.clock != FLUJO_CLOCK_WORK) {
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "%s and %s must both be work in s, m or h to be done as one task "
                             "(not a wait in bd or d)",
                             label(m, a, la, sizeof(la)), label(m, b, lb, sizeof(lb)));
    }
    /* the merged task: a's id, performers and streams, both durations; value added if either
     * adds value; it ends where b ended, so b's deadline if b has one */
    flujo_dist_add_term(&ta->duration, &tb->duration);
    ta->value_added = ta->value_added == 1 || tb->value_added == 1   ? 1
                      : ta->value_added == 0 && tb->value_added == 0 ? 0
                                                                     : -1;
    if (tb->deadline > 0 || tb->deadline_same_day) {
        ta->deadline = tb->deadline;
        ta->deadline_same_day = tb->deadline_same_day;
    }
    bool *drop_node = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    bool *drop_flow = flujo_xcalloc(m->n_flows + 1, sizeof(bool));
    int64_t *source = flujo_xcalloc(m->n_flows + 1, sizeof(int64_t));
    char **rename = flujo_xcalloc(m->n_nodes + 1, sizeof(char *));
    for (size_t j = 0; j < m->n_flows; j++) {
        source[j] = m->flows[j].source == b ? a : -1;
    }
    drop_node[b] = true;
    drop_flow[f] = true;
    rename[a] = (char *)name;
    flujo_model_edit_t ed = {0};
    ed.drop_node = drop_node;
    ed.drop_flow = drop_flow;
    ed.flow_source = source;
    ed.rename = rename;
    st = apply(s, &ed, err);
    free(drop_node);
    free(drop_flow);
    free(source);
    free(rename);
    return st;
}

flujo_status_t flujo__redesign_parallel(flujo_scenario_t *s, const int64_t *v, size_t n,
                                        flujo_err_t *err)
{
    const flujo_model_t *m = s->model;
    char la[300], lb[300];
    if (n < 2) {
        return flujo_err_set(err, FLUJO_ESCENARIO, "parallel needs at least two steps");
    }
    for (size_t i = 0; i < n; i++) {
        flujo_status_t st = movable(s, v[i], false, err);
        if (st != FLUJO_OK) {
            return st;
        }
        for (size_t k = 0; k < i; k++) {
            if (v[k] == v[i]) {
                return flujo_err_set(err, FLUJO_ESCENARIO, "%s is named twice",
                                     label(m, v[i], la, sizeof(la)));
            }
        }
    }
    for (size_t i = 0; i + 1 < n; i++) {
        int64_t f = only_out(m, v[i]);
        if (f < 0 || m->flows[f].target != v[i + 1] || only_in(m, v[i + 1]) != f) {
            return flujo_err_set(err, FLUJO_ESCENARIO,
                                 "%s does not directly precede %s (list the steps in the order "
                                 "they follow each other)",
                                 label(m, v[i], la, sizeof(la)),
                                 label(m, v[i + 1], lb, sizeof(lb)));
        }
    }
    if (flujo_model_in_degree(m, v[0]) == 0 || flujo_model_out_degree(m, v[n - 1]) == 0) {
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "the chain must be entered by a flow and left by one");
    }
    size_t nn = m->n_nodes;
    bool *drop_flow = flujo_xcalloc(m->n_flows + 1, sizeof(bool));
    int64_t *source = flujo_xcalloc(m->n_flows + 1, sizeof(int64_t));
    int64_t *target = flujo_xcalloc(m->n_flows + 1, sizeof(int64_t));
    int64_t split = (int64_t)nn, join = (int64_t)nn + 1;
    for (size_t j = 0; j < m->n_flows; j++) {
        const flujo_flow_t *f = &m->flows[j];
        source[j] = target[j] = -1;
        if (f->target == v[0]) {
            target[j] = split; /* every way into the chain now reaches the split */
        }
        if (f->source == v[n - 1]) {
            source[j] = join; /* every way out leaves from the join */
        }
        for (size_t i = 0; i + 1 < n; i++) {
            drop_flow[j] = drop_flow[j] || (f->source == v[i] && f->target == v[i + 1]);
        }
    }
    char *ids[2] = {fresh_id(m, m->nodes[v[0]].id, "split"),
                    fresh_id(m, m->nodes[v[0]].id, "join")};
    flujo_new_node_t add[2] = {
        {ids[0], NULL, "parallelGateway", FLUJO_NODE_GATEWAY, FLUJO_GW_PARALLEL, v[0]},
        {ids[1], NULL, "parallelGateway", FLUJO_NODE_GATEWAY, FLUJO_GW_PARALLEL, v[n - 1]},
    };
    flujo_new_flow_t *flows = flujo_xcalloc(2 * n, sizeof(*flows));
    char **flow_ids = flujo_xcalloc(2 * n, sizeof(char *));
    for (size_t i = 0; i < n; i++) {
        char suffix[32];
        snprintf(suffix, sizeof(suffix), "in-%zu", i + 1);
        flow_ids[2 * i] = fresh_id(m, m->nodes[v[0]].id, suffix);
        snprintf(suffix, sizeof(suffix), "out-%zu", i + 1);
        flow_ids[2 * i + 1] = fresh_id(m, m->nodes[v[0]].id, suffix);
        flows[2 * i] = (flujo_new_flow_t){flow_ids[2 * i], split, v[i]};
        flows[2 * i + 1] = (flujo_new_flow_t){flow_ids[2 * i + 1], v[i], join};
    }
    flujo_model_edit_t ed = {0};
    ed.drop_flow = drop_flow;
    ed.flow_source = source;
    ed.flow_target = target;
    ed.add_nodes = add;
    ed.n_add_nodes = 2;
    ed.add_flows = flows;
    ed.n_add_flows = 2 * n;
    flujo_status_t st = apply(s, &ed, err);
    for (size_t i = 0; i < 2 * n; i++) {
        free(flow_ids[i]);
    }
    free(flow_ids);
    free(flows);
    free(ids[0]);
    free(ids[1]);
    free(drop_flow);
    free(source);
    free(target);
    return st;
}
