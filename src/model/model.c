/* model.c - the process model: creating and freeing one, the builders the readers call, finishing
 * it (adjacency arrays, derived fields and its graph, graph.c) and finding its nodes and flows. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

static const char *const count_names[FLUJO_COUNT_N] = {
    "process",
    "participant",
    "lane",
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "scriptTask",
    "businessRuleTask",
    "sendTask",
    "receiveTask",
    "subProcess",
    "transaction",
    "adHocSubProcess",
    "callActivity",
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
    "sequenceFlow",
    "messageFlow",
};

const char *flujo_count_name(flujo_count_t c)
{
    assert(c < FLUJO_COUNT_N);
    return count_names[c];
}

flujo_model_t *flujo_model_new(const char *file)
{
    flujo_model_t *m = flujo_xcalloc(1, sizeof(*m));
    m->priv = flujo_xcalloc(1, sizeof(*m->priv));
    m->file = flujo_xstrdup(file != NULL ? file : "-");
    flujo_diags_init(&m->diags);
    flujo_strmap_init(&m->priv->ids);
    return m;
}

void flujo_model_free(flujo_model_t *m)
{
    if (m == NULL) {
        return;
    }
    for (size_t i = 0; i < m->n_nodes; i++) {
        flujo_node_t *n = &m->nodes[i];
        free(n->id);
        free(n->name);
        free(n->timer);
        free(n->event_ref);
        free(n->loop_cardinality);
        free(n->loop_condition);
        free(n->called_element);
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        free(m->flows[j].id);
        free(m->flows[j].name);
        free(m->flows[j].condition);
    }
    for (size_t i = 0; i < m->n_lanes; i++) {
        free(m->lanes[i].id);
        free(m->lanes[i].name);
    }
    for (size_t i = 0; i < m->n_processes; i++) {
        free(m->processes[i].id);
        free(m->processes[i].name);
    }
    for (size_t i = 0; i < m->n_participants; i++) {
        free(m->participants[i].id);
        free(m->participants[i].name);
    }
    for (size_t i = 0; i < m->n_msgflows; i++) {
        free(m->msgflows[i].id);
        free(m->msgflows[i].name);
    }
    for (size_t i = 0; i < m->n_shapes; i++) {
        free(m->shapes[i].element);
    }
    for (size_t i = 0; i < m->n_edges; i++) {
        free(m->edges[i].element);
    }
    flujo__model_graph_free(m);
    free(m->nodes);
    free(m->flows);
    free(m->lanes);
    free(m->processes);
    free(m->participants);
    free(m->msgflows);
    free(m->shapes);
    free(m->edges);
    free(m->points);
    free(m->out_start);
    free(m->out_flow);
    free(m->in_start);
    free(m->in_flow);
    flujo_diags_destroy(&m->diags);
    flujo_strmap_destroy(&m->priv->ids);
    free(m->priv);
    free(m->file);
    free(m);
}

static char *squeezed_or_empty(const char *s)
{
    return s != NULL ? flujo_strdup_squeeze(s) : flujo_xstrdup("");
}

int64_t flujo_model_add_node(flujo_model_t *m, const char *id, const char *name, const char *type,
                             flujo_node_kind_t kind, long line)
{
    assert(m->priv->graph == NULL);
    flujo_grow((void **)&m->nodes, &m->priv->cap_nodes, m->n_nodes + 1, sizeof(*m->nodes));
    int64_t v = (int64_t)m->n_nodes++;
    flujo_node_t *n = &m->nodes[v];
    n->id = flujo_xstrdup(id);
    n->name = squeezed_or_empty(name);
    n->type = type;
    n->kind = kind;
    n->line = line;
    n->process = -1;
    n->parent = -1;
    n->lane = -1;
    n->attached_to = -1;
    n->cancel_activity = true;
    n->is_interrupting = true;
    n->default_flow = -1;
    flujo_strmap_put(&m->priv->ids, id, v, NULL);
    return v;
}

int64_t flujo_model_add_flow(flujo_model_t *m, const char *id, const char *name, int64_t source,
                             int64_t target, long line)
{
    assert(m->priv->graph == NULL);
    assert(source >= 0 && (size_t)source < m->n_nodes);
    assert(target >= 0 && (size_t)target < m->n_nodes);
    flujo_grow((void **)&m->flows, &m->priv->cap_flows, m->n_flows + 1, sizeof(*m->flows));
    int64_t j = (int64_t)m->n_flows++;
    flujo_flow_t *f = &m->flows[j];
    f->id = flujo_xstrdup(id);
    f->name = squeezed_or_empty(name);
    f->source = source;
    f->target = target;
    f->process = m->nodes[source].process;
    f->line = line;
    flujo_strmap_put(&m->priv->ids, id, -(j + 1), NULL);
    return j;
}

int64_t flujo_model_add_lane(flujo_model_t *m, const char *id, const char *name, int64_t process,
                             int64_t parent, long line)
{
    flujo_grow((void **)&m->lanes, &m->priv->cap_lanes, m->n_lanes + 1, sizeof(*m->lanes));
    int64_t i = (int64_t)m->n_lanes++;
    flujo_lane_t *l = &m->lanes[i];
    l->id = flujo_xstrdup(id);
    l->name = squeezed_or_empty(name);
    l->process = process;
    l->parent = parent;
    l->depth = parent >= 0 ? m->lanes[parent].depth + 1 : 0;
    l->line = line;
    return i;
}

int64_t flujo_model_add_process(flujo_model_t *m, const char *id, const char *name, long line)
{
    flujo_grow((void **)&m->processes, &m->priv->cap_processes, m->n_processes + 1,
               sizeof(*m->processes));
    int64_t i = (int64_t)m->n_processes++;
    flujo_process_t *p = &m->processes[i];
    p->id = flujo_xstrdup(id);
    p->name = squeezed_or_empty(name);
    p->participant = -1;
    p->line = line;
    return i;
}

int64_t flujo_model_add_participant(flujo_model_t *m, const char *id, const char *name, long line)
{
    flujo_grow((void **)&m->participants, &m->priv->cap_participants, m->n_participants + 1,
               sizeof(*m->participants));
    int64_t i = (int64_t)m->n_participants++;
    flujo_participant_t *p = &m->participants[i];
    p->id = flujo_xstrdup(id);
    p->name = squeezed_or_empty(name);
    p->process = -1;
    p->line = line;
    return i;
}

int64_t flujo_model_add_msgflow(flujo_model_t *m, const char *id, const char *name, long line)
{
    flujo_grow((void **)&m->msgflows, &m->priv->cap_msgflows, m->n_msgflows + 1,
               sizeof(*m->msgflows));
    int64_t i = (int64_t)m->n_msgflows++;
    flujo_msgflow_t *f = &m->msgflows[i];
    f->id = flujo_xstrdup(id);
    f->name = squeezed_or_empty(name);
    f->source_node = f->target_node = -1;
    f->source_participant = f->target_participant = -1;
    f->line = line;
    return i;
}

int64_t flujo_model_add_shape(flujo_model_t *m, const char *element, int plane)
{
    flujo_grow((void **)&m->shapes, &m->priv->cap_shapes, m->n_shapes + 1, sizeof(*m->shapes));
    int64_t i = (int64_t)m->n_shapes++;
    flujo_shape_t *s = &m->shapes[i];
    s->element = flujo_xstrdup(element);
    s->index = -1;
    s->plane = plane;
    s->horizontal = true;
    return i;
}

int64_t flujo_model_add_edge(flujo_model_t *m, const char *element, int plane)
{
    flujo_grow((void **)&m->edges, &m->priv->cap_edges, m->n_edges + 1, sizeof(*m->edges));
    int64_t i = (int64_t)m->n_edges++;
    flujo_edge_t *e = &m->edges[i];
    e->element = flujo_xstrdup(element);
    e->index = -1;
    e->plane = plane;
    e->first = m->n_points;
    return i;
}

void flujo_model_add_point(flujo_model_t *m, double x, double y)
{
    assert(m->n_edges > 0);
    flujo_grow((void **)&m->points, &m->priv->cap_points, 2 * (m->n_points + 1),
               sizeof(*m->points));
    m->points[2 * m->n_points] = x;
    m->points[2 * m->n_points + 1] = y;
    m->n_points++;
    m->edges[m->n_edges - 1].n_points++;
}

/* Counting sort of flow indices by an end node: start[v]..start[v+1] index the flows of v. */
static void group_flows(const flujo_model_t *m, bool by_source, size_t **startp, int64_t **flowp)
{
    size_t *start = flujo_xcalloc(m->n_nodes + 1, sizeof(*start));
    int64_t *flow = flujo_xcalloc(m->n_flows, sizeof(*flow));
    for (size_t j = 0; j < m->n_flows; j++) {
        int64_t v = by_source ? m->flows[j].source : m->flows[j].target;
        start[v + 1]++;
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        start[v + 1] += start[v];
    }
    size_t *fill = flujo_xmalloc((m->n_nodes + 1) * sizeof(*fill));
    memcpy(fill, start, (m->n_nodes + 1) * sizeof(*fill));
    for (size_t j = 0; j < m->n_flows; j++) {
        int64_t v = by_source ? m->flows[j].source : m->flows[j].target;
        flow[fill[v]++] = (int64_t)j; /* ascending j within a node: document order */
    }
    free(fill);
    *startp = start;
    *flowp = flow;
}

flujo_status_t flujo_model_finish(flujo_model_t *m, flujo_err_t *err)
{
    assert(m->priv->graph == NULL);
    /* Nodes in a sub-process that no lane lists sit in the lane of the sub-process. Parents come
     * before their children in document order, so one forward pass settles nested scopes. */
    for (size_t v = 0; v < m->n_nodes; v++) {
        flujo_node_t *n = &m->nodes[v];
        if (n->lane < 0 && n->parent >= 0) {
            n->lane = m->nodes[n->parent].lane;
        }
        if (n->lane < 0 && n->attached_to >= 0) {
            n->lane = m->nodes[n->attached_to].lane;
        }
    }
    group_flows(m, true, &m->out_start, &m->out_flow);
    group_flows(m, false, &m->in_start, &m->in_flow);
    return flujo__model_graph_build(m, err);
}

int64_t flujo_model_find_node(const flujo_model_t *m, const char *id)
{
    int64_t v;
    if (id != NULL && flujo_strmap_get(&m->priv->ids, id, &v) && v >= 0) {
        return v;
    }
    return -1;
}

int64_t flujo_model_find_flow(const flujo_model_t *m, const char *id)
{
    int64_t v;
    if (id != NULL && flujo_strmap_get(&m->priv->ids, id, &v) && v < 0) {
        return -v - 1;
    }
    return -1;
}

size_t flujo_model_out_degree(const flujo_model_t *m, int64_t v)
{
    return m->out_start[v + 1] - m->out_start[v];
}

size_t flujo_model_in_degree(const flujo_model_t *m, int64_t v)
{
    return m->in_start[v + 1] - m->in_start[v];
}

const char *flujo_model_unit(const flujo_model_t *m, int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    if (n->lane >= 0 && m->lanes[n->lane].name[0] != '\0') {
        return m->lanes[n->lane].name;
    }
    if (n->process >= 0) {
        const flujo_process_t *p = &m->processes[n->process];
        if (p->participant >= 0 && m->participants[p->participant].name[0] != '\0') {
            return m->participants[p->participant].name;
        }
        return p->name[0] != '\0' ? p->name : p->id;
    }
    return "";
}

const char *flujo_model_label(const flujo_model_t *m, int64_t v, char *buf, size_t n)
{
    const flujo_node_t *nd = &m->nodes[v];
    if (nd->name[0] != '\0') {
        snprintf(buf, n, "'%s' (%s)", nd->name, nd->id);
    } else {
        snprintf(buf, n, "%s", nd->id);
    }
    return buf;
}

int64_t flujo_model_catcher(const flujo_model_t *m, int64_t activity, int64_t thrower)
{
    unsigned kind = m->nodes[thrower].event_defs & (FLUJO_EV_ERROR | FLUJO_EV_ESCALATION);
    const char *ref = m->nodes[thrower].event_ref;
    int64_t any = -1;
    for (size_t b = 0; kind != 0 && b < m->n_nodes; b++) {
        const flujo_node_t *n = &m->nodes[b];
        if (n->kind != FLUJO_NODE_BOUNDARY || n->attached_to != activity ||
            !(n->event_defs & kind)) {
            continue;
        }
        if (n->event_ref == NULL) {
            any = any < 0 ? (int64_t)b : any;
        } else if (ref != NULL && strcmp(n->event_ref, ref) == 0) {
            return (int64_t)b;
        }
    }
    return any;
}

int64_t flujo_model_static_catcher(const flujo_model_t *m, int64_t thrower, int64_t *boundary)
{
    for (int64_t a = m->nodes[thrower].parent; a >= 0; a = m->nodes[a].parent) {
        int64_t b = flujo_model_catcher(m, a, thrower);
        if (b >= 0) {
            *boundary = b;
            return a;
        }
    }
    *boundary = -1;
    return -1;
}

flujo_flow_kind_t flujo_model_flow_kind(const flujo_model_t *m, int64_t flow)
{
    const flujo_flow_t *f = &m->flows[flow];
    if (m->nodes[f->source].kind == FLUJO_NODE_GATEWAY) {
        return FLUJO_FLOW_ALWAYS;
    }
    if (f->condition != NULL) {
        return FLUJO_FLOW_COND;
    }
    return f->is_default || m->nodes[f->source].default_flow == flow ? FLUJO_FLOW_DEFAULT
                                                                     : FLUJO_FLOW_ALWAYS;
}

bool flujo_model_conditional_out(const flujo_model_t *m, int64_t v)
{
    if (m->nodes[v].kind == FLUJO_NODE_GATEWAY) {
        return false;
    }
    for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
        if (flujo_model_flow_kind(m, (int64_t)m->out_flow[k]) != FLUJO_FLOW_ALWAYS) {
            return true;
        }
    }
    return false;
}

int64_t flujo_model_msgflow_target(const flujo_model_t *m, size_t i)
{
    const flujo_msgflow_t *f = &m->msgflows[i];
    if (f->source_node < 0 || f->target_node < 0) {
        return -1;
    }
    const flujo_node_t *w = &m->nodes[f->target_node];
    bool start = w->kind == FLUJO_NODE_START && w->parent < 0 &&
                 w->process != m->nodes[f->source_node].process;
    bool catch = w->kind == FLUJO_NODE_CATCH && (w->event_defs & FLUJO_EV_MESSAGE);
    return start || catch ? f->target_node : -1;
}
