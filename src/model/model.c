/* model.c - the process model, its igraph graph and the structural checks of `flujo check`.
 *
 * Vertex i of the graph is nodes[i] and edge j is flows[j], built with one igraph_create(). The
 * checks that need more than sequence flows (a boundary event continues its activity, a link throw
 * jumps to its catch, a sub-process starts its inner start events) build a second, temporary graph
 * with those extra edges appended after the flows. This is the only file that calls igraph. */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <igraph/igraph.h>

#include "model/model_int.h"

struct flujo_graph {
    igraph_t g; /* vertex i = nodes[i], edge j = flows[j] */
};

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

void flujo__model_lib_init(void)
{
    /* igraph's default handlers print and abort; igraph still returns its error codes with these
     * handlers, which is what this part checks. */
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

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
    if (m->priv->graph != NULL) {
        igraph_destroy(&m->priv->graph->g);
        free(m->priv->graph);
    }
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

/* Creates an igraph graph on n vertices from the sequence flows followed by the extra edges
 * extra[0..2*n_extra). */
static flujo_status_t make_graph(const flujo_model_t *m, igraph_integer_t n, const int64_t *extra,
                                 size_t n_extra, igraph_t *out, flujo_err_t *err)
{
    igraph_vector_int_t edges;
    flujo_status_t st = FLUJO_OK;
    size_t ne = m->n_flows + n_extra;

    if (igraph_vector_int_init(&edges, 2 * (igraph_integer_t)ne) != IGRAPH_SUCCESS) {
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: cannot allocate the edge list", m->file);
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        VECTOR(edges)[2 * j] = m->flows[j].source; /* edge j == flows[j] */
        VECTOR(edges)[2 * j + 1] = m->flows[j].target;
    }
    for (size_t k = 0; k < 2 * n_extra; k++) {
        VECTOR(edges)[2 * m->n_flows + k] = extra[k];
    }
    igraph_error_t rc = igraph_create(out, &edges, n, IGRAPH_DIRECTED);
    if (rc != IGRAPH_SUCCESS) {
        st =
            flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_create: %s", m->file, igraph_strerror(rc));
    }
    igraph_vector_int_destroy(&edges);
    return st;
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

    struct flujo_graph *g = flujo_xcalloc(1, sizeof(*g));
    flujo_status_t st = make_graph(m, (igraph_integer_t)m->n_nodes, NULL, 0, &g->g, err);
    if (st != FLUJO_OK) {
        free(g);
        return st;
    }
    m->priv->graph = g;
    return FLUJO_OK;
}

/* ---- edited copies -------------------------------------------------------------------------- */

static int count_slot(const char *type)
{
    for (int c = 0; c < FLUJO_COUNT_N; c++) {
        if (strcmp(count_names[c], type) == 0) {
            return c;
        }
    }
    return -1;
}

static char *dup_or_null(const char *s)
{
    return s != NULL ? flujo_xstrdup(s) : NULL;
}

/* Appends a copy of node o of model src to dst (indices into src are fixed up by the caller). */
static int64_t copy_node(flujo_model_t *dst, const flujo_node_t *o, const char *name)
{
    int64_t v =
        flujo_model_add_node(dst, o->id, name != NULL ? name : o->name, o->type, o->kind, o->line);
    flujo_node_t *n = &dst->nodes[v];
    n->gateway = o->gateway;
    n->event_defs = o->event_defs;
    n->timer = dup_or_null(o->timer);
    n->event_ref = dup_or_null(o->event_ref);
    n->process = o->process;
    n->lane = o->lane;
    n->cancel_activity = o->cancel_activity;
    n->is_interrupting = o->is_interrupting;
    n->triggered_by_event = o->triggered_by_event;
    n->for_compensation = o->for_compensation;
    n->loop = o->loop;
    n->loop_cardinality = dup_or_null(o->loop_cardinality);
    n->loop_condition = dup_or_null(o->loop_condition);
    n->loop_maximum = o->loop_maximum;
    n->called_element = dup_or_null(o->called_element);
    /* parent, attached_to and default_flow are fixed up once every index is known */
    return v;
}

flujo_model_t *flujo_model_edited(const flujo_model_t *m, const flujo_model_edit_t *ed,
                                  int64_t *node_map, int64_t *flow_map, flujo_err_t *err)
{
    size_t nn = m->n_nodes, na = ed->n_add_nodes;
    flujo_model_t *out = flujo_model_new(m->file);
    memcpy(out->counts, m->counts, sizeof(out->counts));
    for (size_t i = 0; i < m->n_processes; i++) {
        const flujo_process_t *p = &m->processes[i];
        int64_t k = flujo_model_add_process(out, p->id, p->name, p->line);
        out->processes[k].participant = p->participant;
        out->processes[k].is_executable = p->is_executable;
    }
    for (size_t i = 0; i < m->n_participants; i++) {
        const flujo_participant_t *p = &m->participants[i];
        int64_t k = flujo_model_add_participant(out, p->id, p->name, p->line);
        out->participants[k].process = p->process;
    }
    for (size_t i = 0; i < m->n_lanes; i++) {
        const flujo_lane_t *l = &m->lanes[i];
        flujo_model_add_lane(out, l->id, l->name, l->process, l->parent, l->line);
    }
    /* nodes: the kept ones in order, then the added ones */
    for (size_t v = 0; v < nn; v++) {
        node_map[v] = -1;
        if (ed->drop_node != NULL && ed->drop_node[v]) {
            int c = count_slot(m->nodes[v].type);
            if (c >= 0 && out->counts[c] > 0) {
                out->counts[c]--;
            }
            continue;
        }
        node_map[v] = copy_node(out, &m->nodes[v], ed->rename != NULL ? ed->rename[v] : NULL);
    }
    for (size_t k = 0; k < na; k++) {
        const flujo_new_node_t *a = &ed->add_nodes[k];
        const flujo_node_t *like = &m->nodes[a->like];
        int64_t v = flujo_model_add_node(out, a->id, a->name, a->type, a->kind, like->line);
        out->nodes[v].gateway = a->gateway;
        out->nodes[v].process = like->process;
        out->nodes[v].lane = like->lane;
        node_map[nn + k] = v;
        int c = count_slot(a->type);
        if (c >= 0) {
            out->counts[c]++;
        }
    }
    for (size_t v = 0; v < nn; v++) {
        if (node_map[v] < 0) {
            continue;
        }
        const flujo_node_t *o = &m->nodes[v];
        flujo_node_t *n = &out->nodes[node_map[v]];
        n->parent = o->parent >= 0 ? node_map[o->parent] : -1;
        n->attached_to = o->attached_to >= 0 ? node_map[o->attached_to] : -1;
    }
    for (size_t k = 0; k < na; k++) {
        int64_t like = ed->add_nodes[k].like;
        out->nodes[node_map[nn + k]].parent =
            m->nodes[like].parent >= 0 ? node_map[m->nodes[like].parent] : -1;
    }
    /* flows: the kept ones in order, with their new ends, then the added ones */
    for (size_t j = 0; j < m->n_flows; j++) {
        const flujo_flow_t *f = &m->flows[j];
        flow_map[j] = -1;
        if (ed->drop_flow != NULL && ed->drop_flow[j]) {
            if (out->counts[FLUJO_COUNT_SEQUENCE_FLOW] > 0) {
                out->counts[FLUJO_COUNT_SEQUENCE_FLOW]--;
            }
            continue;
        }
        int64_t src =
            ed->flow_source != NULL && ed->flow_source[j] >= 0 ? ed->flow_source[j] : f->source;
        int64_t dst =
            ed->flow_target != NULL && ed->flow_target[j] >= 0 ? ed->flow_target[j] : f->target;
        assert(node_map[src] >= 0 && node_map[dst] >= 0);
        int64_t k =
            flujo_model_add_flow(out, f->id, f->name, node_map[src], node_map[dst], f->line);
        out->flows[k].condition = dup_or_null(f->condition);
        out->flows[k].is_default = f->is_default;
        flow_map[j] = k;
    }
    for (size_t k = 0; k < ed->n_add_flows; k++) {
        const flujo_new_flow_t *a = &ed->add_flows[k];
        flujo_model_add_flow(out, a->id, "", node_map[a->source], node_map[a->target], 0);
        out->counts[FLUJO_COUNT_SEQUENCE_FLOW]++;
    }
    for (size_t v = 0; v < nn; v++) {
        if (node_map[v] >= 0 && m->nodes[v].default_flow >= 0) {
            out->nodes[node_map[v]].default_flow = flow_map[m->nodes[v].default_flow];
        }
    }
    for (size_t i = 0; i < m->n_msgflows; i++) {
        const flujo_msgflow_t *f = &m->msgflows[i];
        int64_t k = flujo_model_add_msgflow(out, f->id, f->name, f->line);
        flujo_msgflow_t *g = &out->msgflows[k];
        g->source_node = f->source_node >= 0 ? node_map[f->source_node] : -1;
        g->target_node = f->target_node >= 0 ? node_map[f->target_node] : -1;
        g->source_participant = f->source_participant;
        g->target_participant = f->target_participant;
    }
    /* the diagram of what did not change: shapes of kept elements, edges of flows whose ends
     * stayed */
    out->n_planes = m->n_planes;
    for (size_t i = 0; i < m->n_shapes; i++) {
        const flujo_shape_t *s = &m->shapes[i];
        int64_t index = s->index;
        if (s->kind == FLUJO_DI_NODE) {
            index = node_map[s->index];
        } else if (s->kind == FLUJO_DI_MSGFLOW || s->kind == FLUJO_DI_FLOW) {
            continue;
        }
        if (s->kind != FLUJO_DI_OTHER && index < 0) {
            continue;
        }
        int64_t k = flujo_model_add_shape(out, s->element, s->plane);
        flujo_shape_t *t = &out->shapes[k];
        const char *element = t->element;
        *t = *s;
        t->element = (char *)element;
        t->index = index;
    }
    for (size_t i = 0; i < m->n_edges; i++) {
        const flujo_edge_t *e = &m->edges[i];
        int64_t index = e->index;
        if (e->kind == FLUJO_DI_FLOW) {
            bool moved = index >= 0 && ((ed->flow_source != NULL && ed->flow_source[index] >= 0) ||
                                        (ed->flow_target != NULL && ed->flow_target[index] >= 0));
            index = index >= 0 && !moved ? flow_map[index] : -1;
            if (index < 0) {
                continue;
            }
        }
        int64_t k = flujo_model_add_edge(out, e->element, e->plane);
        out->edges[k].kind = e->kind;
        out->edges[k].index = index;
        for (size_t p = 0; p < e->n_points; p++) {
            flujo_model_add_point(out, m->points[2 * (e->first + p)],
                                  m->points[2 * (e->first + p) + 1]);
        }
    }
    for (size_t i = 0; i < m->diags.n; i++) {
        const flujo_diag_t *d = &m->diags.items[i];
        flujo_diags_add(&out->diags, d->severity, d->code, d->id, d->line, "%s", d->message);
    }
    if (flujo_model_finish(out, err) != FLUJO_OK) {
        flujo_model_free(out);
        return NULL;
    }
    return out;
}

bool flujo__model_id(const flujo_model_t *m, const char *id, int64_t *v)
{
    return flujo_strmap_get(&m->priv->ids, id, v);
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

/* ---- checks ---------------------------------------------------------------------------------- */

static bool is_activity(const flujo_node_t *n)
{
    return n->kind == FLUJO_NODE_TASK || n->kind == FLUJO_NODE_SUBPROCESS ||
           n->kind == FLUJO_NODE_CALL;
}

/* Nodes that run without a sequence flow reaching them: event sub-processes (started by their
 * trigger) and compensation handlers (started by a compensation boundary event). */
static bool is_triggered(const flujo_node_t *n)
{
    return (n->kind == FLUJO_NODE_SUBPROCESS && n->triggered_by_event) || n->for_compensation;
}

static bool is_link(const flujo_node_t *n, flujo_node_kind_t kind)
{
    return n->kind == kind && (n->event_defs & FLUJO_EV_LINK) != 0 && n->event_ref != NULL;
}

/* A node where a token may split into several: an AND/OR/complex gateway with several outgoing
 * flows, or an activity with several outgoing flows (implicit split). */
static bool is_sync_split(const flujo_model_t *m, int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    if (flujo_model_out_degree(m, v) < 2) {
        return false;
    }
    return n->gateway == FLUJO_GW_PARALLEL || n->gateway == FLUJO_GW_INCLUSIVE ||
           n->gateway == FLUJO_GW_COMPLEX || (is_activity(n) && n->default_flow < 0);
}

/* A gateway that waits for several tokens: AND, OR or complex with several incoming flows. */
static bool is_sync_join(const flujo_model_t *m, int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    return flujo_model_in_degree(m, v) >= 2 &&
           (n->gateway == FLUJO_GW_PARALLEL || n->gateway == FLUJO_GW_INCLUSIVE ||
            n->gateway == FLUJO_GW_COMPLEX);
}

/* True if node v starts its scope: a start event, or, in a scope without start events, a node that
 * no sequence flow enters (BPMN's implicit start). */
static bool is_entry(const flujo_model_t *m, int64_t v, const bool *scope_has_start)
{
    const flujo_node_t *n = &m->nodes[v];
    if (n->kind == FLUJO_NODE_BOUNDARY || is_triggered(n) || is_link(n, FLUJO_NODE_CATCH)) {
        return false;
    }
    if (n->kind == FLUJO_NODE_START) {
        return true;
    }
    size_t scope = n->parent >= 0 ? (size_t)n->parent : m->n_nodes + (size_t)n->process;
    return !scope_has_start[scope] && flujo_model_in_degree(m, v) == 0;
}

/* Extra edges of the reachability graph; vertex n_nodes is a virtual root (forward) or sink. */
typedef struct edge_list {
    int64_t *e; /* pairs */
    size_t n;   /* number of edges */
    size_t cap; /* allocated pairs */
} edge_list_t;

static void edge_add(edge_list_t *l, int64_t from, int64_t to)
{
    flujo_grow((void **)&l->e, &l->cap, 2 * (l->n + 1), sizeof(*l->e));
    l->e[2 * l->n] = from;
    l->e[2 * l->n + 1] = to;
    l->n++;
}

/* Edges along which execution continues without a sequence flow: activity → its boundary events,
 * link throw → link catch of the same name in the same scope. */
static void add_implicit_edges(const flujo_model_t *m, edge_list_t *l)
{
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->kind == FLUJO_NODE_BOUNDARY && n->attached_to >= 0) {
            edge_add(l, n->attached_to, (int64_t)v);
        }
        if (!is_link(n, FLUJO_NODE_THROW)) {
            continue;
        }
        for (size_t w = 0; w < m->n_nodes; w++) {
            const flujo_node_t *c = &m->nodes[w];
            if (is_link(c, FLUJO_NODE_CATCH) && c->process == n->process &&
                c->parent == n->parent && strcmp(c->event_ref, n->event_ref) == 0) {
                edge_add(l, (int64_t)v, (int64_t)w);
            }
        }
    }
}

/* Marks in mark[] the vertices reachable from (mode OUT) or reaching (mode IN) vertex `from`. */
static flujo_status_t reach(const flujo_model_t *m, const igraph_t *g, igraph_integer_t from,
                            igraph_neimode_t mode, bool *mark, flujo_err_t *err)
{
    igraph_vector_int_t res;
    if (igraph_vector_int_init(&res, 0) != IGRAPH_SUCCESS) {
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
    }
    igraph_error_t rc = igraph_subcomponent(g, &res, from, mode);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&res);
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_subcomponent: %s", m->file,
                             igraph_strerror(rc));
    }
    for (igraph_integer_t k = 0; k < igraph_vector_int_size(&res); k++) {
        mark[VECTOR(res)[k]] = true;
    }
    igraph_vector_int_destroy(&res);
    return FLUJO_OK;
}

/* Reports the nodes with bad[v] == kind as regions, one line each: a region starts at a node no
 * other bad node of the kind leads to (or, inside a cycle, at its first node in the file) and
 * holds what follows it along sequence flows, so a dead branch of ten tasks is one finding. */
static void report_regions(const flujo_model_t *m, const unsigned char *bad, unsigned char kind,
                           flujo_diags_t *d)
{
    size_t nn = m->n_nodes;
    bool *covered = flujo_xcalloc(nn + 1, sizeof(bool));
    int64_t *queue = flujo_xmalloc((nn + 1) * sizeof(*queue));
    char lbl[256];

    for (int pass = 0; pass < 2; pass++) {
        for (size_t v = 0; v < nn; v++) {
            if (bad[v] != kind || covered[v]) {
                continue;
            }
            bool has_bad_pred = false;
            for (size_t k = m->in_start[v]; k < m->in_start[v + 1]; k++) {
                has_bad_pred = has_bad_pred || bad[m->flows[m->in_flow[k]].source] == kind;
            }
            if (pass == 0 && has_bad_pred) {
                continue; /* first pass: only heads; cycles without a head wait for pass 1 */
            }
            size_t n = 0;
            covered[v] = true;
            queue[n++] = (int64_t)v;
            for (size_t head = 0; head < n; head++) {
                int64_t u = queue[head];
                for (size_t k = m->out_start[u]; k < m->out_start[u + 1]; k++) {
                    int64_t w = m->flows[m->out_flow[k]].target;
                    if (bad[w] == kind && !covered[w]) {
                        covered[w] = true;
                        queue[n++] = w;
                    }
                }
            }
            flujo_sbuf_t more;
            flujo_sbuf_init(&more);
            if (n > 1) {
                flujo_sbuf_printf(&more,
                                  " (nor %s the %zu node%s after it: ", kind == 1 ? "can" : "from",
                                  n - 1, n - 1 > 1 ? "s" : "");
                for (size_t i = 1; i < n && i <= 5; i++) {
                    flujo_sbuf_printf(&more, "%s%s", i > 1 ? ", " : "", m->nodes[queue[i]].id);
                }
                flujo_sbuf_add(&more, n > 6 ? ", ...)" : ")");
            }
            const flujo_node_t *nd = &m->nodes[v];
            flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
            if (kind == 1) {
                flujo_diags_add(d, FLUJO_SEV_ERROR, "unreachable", nd->id, nd->line,
                                "%s cannot be reached from any start event%s", lbl,
                                more.s != NULL ? more.s : "");
            } else {
                flujo_diags_add(d, FLUJO_SEV_ERROR, "no-end", nd->id, nd->line,
                                "no end event can be reached from %s%s: a case there never "
                                "finishes",
                                lbl, more.s != NULL ? more.s : "");
            }
            flujo_sbuf_destroy(&more);
        }
    }
    free(covered);
    free(queue);
}

/* Forward reachability from the starts of every process, and backward from every sink. */
static flujo_status_t check_reachability(const flujo_model_t *m, flujo_diags_t *d, flujo_err_t *err)
{
    size_t nn = m->n_nodes;
    bool *scope_has_start = flujo_xcalloc(nn + m->n_processes + 1, sizeof(bool));
    bool *fwd = flujo_xcalloc(nn + 1, sizeof(bool));
    bool *bwd = flujo_xcalloc(nn + 1, sizeof(bool));
    edge_list_t l = {0};
    igraph_t g;
    flujo_status_t st;
    size_t n_starts = 0;

    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->kind == FLUJO_NODE_START) {
            size_t scope = n->parent >= 0 ? (size_t)n->parent : nn + (size_t)n->process;
            scope_has_start[scope] = true;
            n_starts += n->parent < 0;
        }
    }
    if (nn > 0 && n_starts == 0) {
        flujo_diags_add(d, FLUJO_SEV_ERROR, "no-start", NULL, 0,
                        "the model has no start event, so no case (expediente) can begin");
    }

    /* Forward graph: flows, implicit edges, root → process-level entries, sub-process → its
     * entries, scope → its triggered nodes (event sub-processes, compensation handlers). */
    int64_t root = (int64_t)nn;
    add_implicit_edges(m, &l);
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        int64_t container = n->parent >= 0 ? n->parent : root;
        if (is_entry(m, (int64_t)v, scope_has_start) || is_triggered(n)) {
            edge_add(&l, container, (int64_t)v);
        }
    }
    st = make_graph(m, (igraph_integer_t)nn + 1, l.e, l.n, &g, err);
    if (st != FLUJO_OK) {
        goto out_free;
    }
    st = reach(m, &g, root, IGRAPH_OUT, fwd, err);
    igraph_destroy(&g);
    if (st != FLUJO_OK) {
        goto out_free;
    }

    /* Backward graph: flows and implicit edges only, sink ← every node where a token may end. */
    l.n = 0;
    add_implicit_edges(m, &l);
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (flujo_model_out_degree(m, (int64_t)v) == 0 && !is_link(n, FLUJO_NODE_THROW)) {
            edge_add(&l, (int64_t)v, root);
        }
    }
    st = make_graph(m, (igraph_integer_t)nn + 1, l.e, l.n, &g, err);
    if (st != FLUJO_OK) {
        goto out_free;
    }
    st = reach(m, &g, root, IGRAPH_IN, bwd, err);
    igraph_destroy(&g);
    if (st != FLUJO_OK) {
        goto out_free;
    }

    /* bad[v]: 1 unreachable, 2 reachable but no end reachable */
    unsigned char *bad = flujo_xcalloc(nn + 1, 1);
    for (size_t v = 0; v < nn; v++) {
        bad[v] = n_starts > 0 && !fwd[v] ? 1 : (!bwd[v] ? 2 : 0);
    }
    report_regions(m, bad, 1, d);
    report_regions(m, bad, 2, d);
    free(bad);
out_free:
    free(l.e);
    free(scope_has_start);
    free(fwd);
    free(bwd);
    return st;
}

/* Nodes where tokens end without an end event. */
static void check_implicit_ends(const flujo_model_t *m, flujo_diags_t *d)
{
    char lbl[256];
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (flujo_model_out_degree(m, (int64_t)v) > 0 || n->kind == FLUJO_NODE_END ||
            is_triggered(n) || is_link(n, FLUJO_NODE_THROW) ||
            (n->event_defs & FLUJO_EV_COMPENSATE) != 0) {
            continue;
        }
        flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
        flujo_diags_add(d, FLUJO_SEV_WARNING, "implicit-end", n->id, n->line,
                        "%s has no outgoing sequence flow: tokens end there without an end event",
                        lbl);
    }
}

static void check_gateways(const flujo_model_t *m, flujo_diags_t *d)
{
    char lbl[256];
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        size_t in = flujo_model_in_degree(m, (int64_t)v);
        size_t out = flujo_model_out_degree(m, (int64_t)v);
        flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
        if (n->kind == FLUJO_NODE_GATEWAY && in == 1 && out == 1) {
            flujo_diags_add(d, FLUJO_SEV_WARNING, "pass-through-gateway", n->id, n->line,
                            "gateway %s has one incoming and one outgoing flow: it does nothing",
                            lbl);
        }
        if ((n->gateway == FLUJO_GW_EXCLUSIVE || n->gateway == FLUJO_GW_INCLUSIVE) && out >= 2) {
            flujo_sbuf_t ids;
            size_t bare = 0;
            flujo_sbuf_init(&ids);
            for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
                const flujo_flow_t *f = &m->flows[m->out_flow[k]];
                if (!f->is_default && f->name[0] == '\0' && f->condition == NULL) {
                    flujo_sbuf_printf(&ids, "%s%s", bare++ ? ", " : "", f->id);
                }
            }
            if (bare > 0) {
                flujo_diags_add(d, FLUJO_SEV_WARNING, "unlabelled-split", n->id, n->line,
                                "%s gateway %s has %zu outgoing flow%s without a name or condition "
                                "(%s): the scenario must give their probabilities by flow id",
                                n->gateway == FLUJO_GW_EXCLUSIVE ? "exclusive" : "inclusive", lbl,
                                bare, bare > 1 ? "s" : "", ids.s);
            }
            flujo_sbuf_destroy(&ids);
        }
    }
}

/* The set of vertices reachable from v along sequence flows (mode OUT) or reaching it (IN). */
static flujo_status_t reach_one(const flujo_model_t *m, int64_t v, igraph_neimode_t mode,
                                bool *mark, flujo_err_t *err)
{
    memset(mark, 0, m->n_nodes * sizeof(*mark));
    return reach(m, &m->priv->graph->g, (igraph_integer_t)v, mode, mark, err);
}

/* Marks in owner[] which branch of a split first reaches each node, walking forward from `from`
 * but not through synchronising joins (they are marked, not expanded) nor back through the split.
 * Returns a node already owned by another branch, or -1: where two branches' tokens meet
 * without being synchronised. */
static int64_t claim_branch(const flujo_model_t *m, int64_t split, int64_t from, int64_t branch,
                            int64_t *owner, int64_t *queue)
{
    size_t head = 0, tail = 0;
    int64_t clash = -1;
    if (owner[from] >= 0 && owner[from] != branch) {
        return is_sync_join(m, from) ? -1 : from;
    }
    owner[from] = branch;
    queue[tail++] = from;
    while (head < tail) {
        int64_t v = queue[head++];
        if (v == split || is_sync_join(m, v)) {
            continue;
        }
        for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
            int64_t w = m->flows[m->out_flow[k]].target;
            if (owner[w] < 0) {
                owner[w] = branch;
                queue[tail++] = w;
            } else if (owner[w] != branch && !is_sync_join(m, w) && clash < 0) {
                clash = w;
            }
        }
    }
    return clash;
}

/* An AND split whose branches never meet at a synchronising join leaves several tokens running
 * to the end, and if the branches merge at a non-synchronising node the path after it runs once
 * per branch (lack of synchronisation); an AND join whose branches do not come from one split
 * waits for a token that may never come (deadlock). These are warnings: they are sometimes
 * intended. */
static flujo_status_t check_synchronisation(const flujo_model_t *m, flujo_diags_t *d,
                                            flujo_err_t *err)
{
    size_t nn = m->n_nodes;
    char lbl[256], lbl2[256];
    bool *common = flujo_xmalloc((nn + 1) * sizeof(bool));
    bool *seen = flujo_xmalloc((nn + 1) * sizeof(bool));
    int64_t *owner = flujo_xmalloc((nn + 1) * sizeof(int64_t));
    int64_t *queue = flujo_xmalloc((nn + 1) * sizeof(int64_t));
    flujo_status_t st = FLUJO_OK;

    for (size_t v = 0; v < nn && st == FLUJO_OK; v++) {
        const flujo_node_t *n = &m->nodes[v];
        bool split = n->gateway == FLUJO_GW_PARALLEL && flujo_model_out_degree(m, (int64_t)v) >= 2;
        bool join = n->gateway == FLUJO_GW_PARALLEL && flujo_model_in_degree(m, (int64_t)v) >= 2;
        if (split) {
            /* common[w]: w is a synchronising join every branch reaches */
            for (size_t w = 0; w < nn; w++) {
                common[w] = is_sync_join(m, (int64_t)w);
            }
            for (size_t k = m->out_start[v]; k < m->out_start[v + 1] && st == FLUJO_OK; k++) {
                st = reach_one(m, m->flows[m->out_flow[k]].target, IGRAPH_OUT, seen, err);
                for (size_t w = 0; w < nn; w++) {
                    common[w] = common[w] && seen[w];
                }
            }
            bool meet = false;
            for (size_t w = 0; w < nn; w++) {
                meet = meet || common[w];
            }
            if (st == FLUJO_OK && !meet) {
                int64_t clash = -1;
                for (size_t w = 0; w < nn; w++) {
                    owner[w] = -1;
                }
                for (size_t k = m->out_start[v]; k < m->out_start[v + 1] && clash < 0; k++) {
                    clash = claim_branch(m, (int64_t)v, m->flows[m->out_flow[k]].target, (int64_t)k,
                                         owner, queue);
                }
                flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
                if (clash >= 0) {
                    flujo_diags_add(d, FLUJO_SEV_WARNING, "and-split-no-join", n->id, n->line,
                                    "the branches of parallel gateway %s merge at %s without a "
                                    "parallel join: what follows runs once per branch",
                                    lbl, flujo_model_label(m, clash, lbl2, sizeof(lbl2)));
                } else {
                    flujo_diags_add(d, FLUJO_SEV_WARNING, "and-split-no-join", n->id, n->line,
                                    "the branches of parallel gateway %s never meet at a parallel "
                                    "or inclusive join before an end: they are not synchronised",
                                    lbl);
                }
            }
        }
        if (join && st == FLUJO_OK) {
            for (size_t w = 0; w < nn; w++) {
                common[w] = is_sync_split(m, (int64_t)w);
            }
            for (size_t k = m->in_start[v]; k < m->in_start[v + 1] && st == FLUJO_OK; k++) {
                st = reach_one(m, m->flows[m->in_flow[k]].source, IGRAPH_IN, seen, err);
                for (size_t w = 0; w < nn; w++) {
                    common[w] = common[w] && seen[w];
                }
            }
            bool meet = false;
            for (size_t w = 0; w < nn; w++) {
                meet = meet || common[w];
            }
            if (st == FLUJO_OK && !meet) {
                flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
                flujo_diags_add(d, FLUJO_SEV_WARNING, "and-join-deadlock", n->id, n->line,
                                "parallel gateway %s waits for %zu tokens but its branches do not "
                                "start at a common parallel split: the case may deadlock there",
                                lbl, flujo_model_in_degree(m, (int64_t)v));
            }
        }
    }
    free(common);
    free(seen);
    free(owner);
    free(queue);
    return st;
}

/* Activities with several unconditional outgoing flows start all of them (BPMN's implicit AND
 * split), which modellers often draw meaning "one of them". */
static void check_implicit_splits(const flujo_model_t *m, flujo_diags_t *d)
{
    char lbl[256];
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        size_t out = flujo_model_out_degree(m, (int64_t)v);
        if (!is_activity(n) || out < 2) {
            continue;
        }
        size_t plain = 0;
        for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
            const flujo_flow_t *f = &m->flows[m->out_flow[k]];
            plain += f->condition == NULL && !f->is_default;
        }
        if (plain >= 2) {
            flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
            flujo_diags_add(d, FLUJO_SEV_WARNING, "implicit-split", n->id, n->line,
                            "activity %s has %zu outgoing flows without conditions: all of them "
                            "are taken in parallel (use a gateway if only one is meant)",
                            lbl, plain);
        }
    }
}

/* Orders the nodes of one strongly connected component as a token meets them: breadth first from
 * an entry node (one with a flow from outside the component, else the first). */
static void order_cycle(const flujo_model_t *m, const igraph_vector_int_t *memb, igraph_integer_t c,
                        flujo_cycle_t *cy)
{
    int64_t entry = -1;
    for (size_t v = 0; v < m->n_nodes && entry < 0; v++) {
        if (VECTOR(*memb)[v] != c) {
            continue;
        }
        for (size_t k = m->in_start[v]; k < m->in_start[v + 1]; k++) {
            if (VECTOR(*memb)[m->flows[m->in_flow[k]].source] != c) {
                entry = (int64_t)v;
                break;
            }
        }
    }
    for (size_t v = 0; v < m->n_nodes && entry < 0; v++) {
        if (VECTOR(*memb)[v] == c) {
            entry = (int64_t)v;
        }
    }
    bool *seen = flujo_xcalloc(m->n_nodes, sizeof(bool));
    cy->nodes[0] = entry;
    seen[entry] = true;
    size_t n = 1;
    for (size_t head = 0; head < n; head++) {
        int64_t v = cy->nodes[head];
        for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
            int64_t w = m->flows[m->out_flow[k]].target;
            if (VECTOR(*memb)[w] == c && !seen[w]) {
                seen[w] = true;
                cy->nodes[n++] = w;
            }
        }
    }
    assert(n == cy->n);
    free(seen);
}

static flujo_status_t find_cycles(const flujo_model_t *m, flujo_cycle_t **cycles, size_t *n_cycles,
                                  flujo_err_t *err)
{
    igraph_vector_int_t memb, csize;
    igraph_integer_t no = 0;
    flujo_status_t st = FLUJO_OK;

    *cycles = NULL;
    *n_cycles = 0;
    if (igraph_vector_int_init(&memb, 0) != IGRAPH_SUCCESS) {
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
    }
    if (igraph_vector_int_init(&csize, 0) != IGRAPH_SUCCESS) {
        st = flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
        goto out_free_memb;
    }
    igraph_error_t rc =
        igraph_connected_components(&m->priv->graph->g, &memb, &csize, &no, IGRAPH_STRONG);
    if (rc != IGRAPH_SUCCESS) {
        st = flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_connected_components: %s", m->file,
                           igraph_strerror(rc));
        goto out_free_csize;
    }
    /* A component is a loop if it has several nodes, or one node with a flow to itself. Report
     * loops in the order of their first node in the file. */
    bool *self = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    bool *done = flujo_xcalloc((size_t)no + 1, sizeof(bool));
    for (size_t j = 0; j < m->n_flows; j++) {
        if (m->flows[j].source == m->flows[j].target) {
            self[m->flows[j].source] = true;
        }
    }
    size_t cap = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        igraph_integer_t c = VECTOR(memb)[v];
        if (done[c] || (VECTOR(csize)[c] < 2 && !self[v])) {
            continue;
        }
        done[c] = true;
        flujo_grow((void **)cycles, &cap, *n_cycles + 1, sizeof(**cycles));
        flujo_cycle_t *cy = &(*cycles)[(*n_cycles)++];
        cy->n = (size_t)VECTOR(csize)[c];
        cy->nodes = flujo_xmalloc(cy->n * sizeof(*cy->nodes));
        order_cycle(m, &memb, c, cy);
    }
    free(self);
    free(done);
out_free_csize:
    igraph_vector_int_destroy(&csize);
out_free_memb:
    igraph_vector_int_destroy(&memb);
    return st;
}

void flujo_model_cycles_free(flujo_cycle_t *cycles, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cycles[i].nodes);
    }
    free(cycles);
}

flujo_status_t flujo_model_check(const flujo_model_t *m, flujo_diags_t *diags,
                                 flujo_cycle_t **cycles, size_t *n_cycles, flujo_err_t *err)
{
    assert(m->priv->graph != NULL);
    for (size_t i = 0; i < m->diags.n; i++) {
        const flujo_diag_t *g = &m->diags.items[i];
        flujo_diags_add(diags, g->severity, g->code, g->id, g->line, "%s", g->message);
    }
    flujo_status_t st = check_reachability(m, diags, err);
    if (st != FLUJO_OK) {
        return st;
    }
    check_gateways(m, diags);
    check_implicit_splits(m, diags);
    st = check_synchronisation(m, diags, err);
    if (st != FLUJO_OK) {
        return st;
    }
    check_implicit_ends(m, diags);
    if (cycles != NULL) {
        st = find_cycles(m, cycles, n_cycles, err);
    }
    return st;
}

/* ---- layout ---------------------------------------------------------------------------------- */

#define COL_W     170.0 /* column width */
#define ROW_H     120.0 /* row height inside a lane */
#define LANE_PAD  25.0  /* space above and below the rows of a lane */
#define LANE_HEAD 30.0  /* lane title band on the left */
#define POOL_HEAD 30.0  /* pool title band on the left */
#define MARGIN    40.0  /* space before the first column */

static void node_size(const flujo_node_t *n, double *w, double *h)
{
    switch (n->kind) {
    case FLUJO_NODE_TASK:
    case FLUJO_NODE_CALL:
    case FLUJO_NODE_SUBPROCESS:
        *w = 100;
        *h = 80;
        break;
    case FLUJO_NODE_GATEWAY:
        *w = *h = 50;
        break;
    default:
        *w = *h = 36;
    }
}

/* The node that stands for v in its scope's layout: a boundary event stands for its activity. */
static int64_t anchor(const flujo_model_t *m, int64_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_BOUNDARY && m->nodes[v].attached_to >= 0
               ? m->nodes[v].attached_to
               : v;
}

/* Bands of a process: lanes that hold nodes or have no sub-lanes, depth first; band n_lanes
 * is the "no lane" band. */
static size_t lane_bands(const flujo_model_t *m, int64_t process, int64_t parent, int64_t *out,
                         size_t n)
{
    for (size_t i = 0; i < m->n_lanes; i++) {
        const flujo_lane_t *l = &m->lanes[i];
        if (l->process != process || l->parent != parent) {
            continue;
        }
        bool leaf = true;
        for (size_t k = 0; k < m->n_lanes && leaf; k++) {
            leaf = m->lanes[k].parent != (int64_t)i;
        }
        bool holds = false;
        for (size_t v = 0; v < m->n_nodes && !holds; v++) {
            holds = m->nodes[v].lane == (int64_t)i;
        }
        if (leaf || holds) {
            out[n++] = (int64_t)i;
        }
        n = lane_bands(m, process, (int64_t)i, out, n);
    }
    return n;
}

/* Columns for the nodes of a scope, as a modeller draws them: a depth-first walk from the start
 * events (then from nodes nothing enters, then from the rest) finds the rework loops as the flows
 * back to a node still on the walk; without them the graph is acyclic, and each node's column is
 * the longest path to it. Flows from a boundary event leave from its activity. */
/* Flow number k out of node v and then out of its boundary events bl[0..nbl) in turn; -1 past
 * the last. */
static int64_t nth_flow(const flujo_model_t *m, int64_t v, const int64_t *bl, size_t nbl, size_t k)
{
    size_t own = m->out_start[v + 1] - m->out_start[v];
    if (k < own) {
        return m->out_flow[m->out_start[v] + k];
    }
    k -= own;
    for (size_t q = 0; q < nbl; q++) {
        size_t nb = m->out_start[bl[q] + 1] - m->out_start[bl[q]];
        if (k < nb) {
            return m->out_flow[m->out_start[bl[q]] + k];
        }
        k -= nb;
    }
    return -1;
}

static void process_layers(const flujo_model_t *m, const int64_t *local, const int64_t *global,
                           size_t n, igraph_vector_int_t *layers)
{
    /* the boundary events of each local node, in node order */
    size_t *bstart = flujo_xcalloc(n + 2, sizeof(size_t));
    int64_t *blist = flujo_xmalloc((m->n_nodes + 1) * sizeof(int64_t));
    for (size_t b = 0; b < m->n_nodes; b++) {
        const flujo_node_t *nd = &m->nodes[b];
        if (nd->kind == FLUJO_NODE_BOUNDARY && nd->attached_to >= 0 &&
            local[nd->attached_to] >= 0) {
            bstart[local[nd->attached_to] + 2]++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        bstart[i + 2] += bstart[i + 1];
    }
    for (size_t b = 0; b < m->n_nodes; b++) {
        const flujo_node_t *nd = &m->nodes[b];
        if (nd->kind == FLUJO_NODE_BOUNDARY && nd->attached_to >= 0 &&
            local[nd->attached_to] >= 0) {
            blist[bstart[local[nd->attached_to] + 1]++] = (int64_t)b;
        }
    }
    unsigned char *state = flujo_xcalloc(n + 1, 1);          /* 0 new, 1 on the walk, 2 done */
    size_t *order = flujo_xmalloc((n + 1) * sizeof(*order)); /* finishing order */
    size_t *stack = flujo_xmalloc((n + 1) * sizeof(*stack));
    size_t *next = flujo_xcalloc(n + 1, sizeof(*next)); /* next outgoing flow to look at */
    bool *back = flujo_xcalloc(m->n_flows + 1, sizeof(bool));
    size_t n_order = 0;
    /* successors of local node i: flows out of its node and out of its boundary events */
    for (int pass = 0; pass < 3; pass++) {
        for (size_t r = 0; r < n; r++) {
            const flujo_node_t *nd = &m->nodes[global[r]];
            bool root = pass == 0   ? nd->kind == FLUJO_NODE_START
                        : pass == 1 ? flujo_model_in_degree(m, global[r]) == 0
                                    : true;
            if (state[r] != 0 || !root) {
                continue;
            }
            size_t top = 0;
            stack[top++] = r;
            state[r] = 1;
            while (top > 0) {
                size_t i = stack[top - 1];
                int64_t v = global[i];
                /* the flows of v, then those of its boundary events, numbered 0.. */
                int64_t f = nth_flow(m, v, &blist[bstart[i]], bstart[i + 1] - bstart[i], next[i]);
                if (f < 0) {
                    state[i] = 2;
                    order[n_order++] = i;
                    top--;
                    continue;
                }
                next[i]++;
                int64_t t = local[m->flows[f].target];
                if (t < 0) {
                    continue;
                }
                if (state[t] == 1) {
                    back[f] = true;
                } else if (state[t] == 0) {
                    state[t] = 1;
                    stack[top++] = (size_t)t;
                }
            }
        }
    }
    /* longest path in reverse finishing order (a topological order of the acyclic part) */
    for (size_t i = 0; i < n; i++) {
        VECTOR(*layers)[i] = 0;
    }
    for (size_t o = n_order; o-- > 0;) {
        size_t i = order[o];
        int64_t f;
        for (size_t k = 0;
             (f = nth_flow(m, global[i], &blist[bstart[i]], bstart[i + 1] - bstart[i], k)) >= 0;
             k++) {
            if (back[f]) {
                continue;
            }
            int64_t t = local[m->flows[f].target];
            if (t >= 0 && t != (int64_t)i && VECTOR(*layers)[t] < VECTOR(*layers)[i] + 1) {
                VECTOR(*layers)[t] = VECTOR(*layers)[i] + 1;
            }
        }
    }
    free(bstart);
    free(blist);
    free(state);
    free(order);
    free(stack);
    free(next);
    free(back);
}

/* Lays out the nodes of one scope (process p, parent sub-process or -1) from (x0, y0); returns the
 * height used and the width in *width. Lanes are used only at process level. */
/* A node's place for sorting the nodes of each layout cell into Sugiyama's order. */
typedef struct cell_key {
    size_t cell; /* band * columns + column */
    double x;    /* Sugiyama's position in the layer */
    size_t i;    /* the node (ties) */
} cell_key_t;

static int cmp_cell_key(const void *pa, const void *pb)
{
    const cell_key_t *a = pa, *b = pb;
    if (a->cell != b->cell) {
        return a->cell < b->cell ? -1 : 1;
    }
    if (a->x != b->x) {
        return a->x < b->x ? -1 : 1;
    }
    return a->i < b->i ? -1 : a->i > b->i;
}

static flujo_status_t layout_scope(const flujo_model_t *m, flujo_layout_t *lay, int64_t p,
                                   int64_t parent, double x0, double y0, double *width,
                                   double *height, flujo_err_t *err)
{
    size_t nn = m->n_nodes;
    int64_t *local = flujo_xmalloc((nn + 1) * sizeof(*local));
    int64_t *global = flujo_xmalloc((nn + 1) * sizeof(*global));
    size_t n = 0;
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        local[v] = -1;
        if (nd->process == p && nd->parent == parent && nd->kind != FLUJO_NODE_BOUNDARY) {
            local[v] = (int64_t)n;
            global[n++] = (int64_t)v;
        }
    }
    *width = 0;
    *height = 0;
    flujo_status_t st = FLUJO_OK;
    if (n == 0) {
        goto out_free;
    }
    /* the scope's flow graph, boundary flows leaving from their activity */
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS) {
        st = flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
        goto out_free;
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        int64_t a = local[anchor(m, m->flows[j].source)], b = local[m->flows[j].target];
        if (a >= 0 && b >= 0 && a != b) {
            igraph_vector_int_push_back(&edges, a);
            igraph_vector_int_push_back(&edges, b);
        }
    }
    igraph_t g;
    igraph_matrix_t res;
    igraph_error_t rc = igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&edges);
    if (rc != IGRAPH_SUCCESS) {
        st =
            flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_create: %s", m->file, igraph_strerror(rc));
        goto out_free;
    }
    if (igraph_matrix_init(&res, 0, 0) != IGRAPH_SUCCESS) {
        igraph_destroy(&g);
        st = flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
        goto out_free;
    }
    igraph_vector_int_t layers;
    if (igraph_vector_int_init(&layers, (igraph_integer_t)n) != IGRAPH_SUCCESS) {
        igraph_destroy(&g);
        igraph_matrix_destroy(&res);
        st = flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
        goto out_free;
    }
    process_layers(m, local, global, n, &layers);
    rc = igraph_layout_sugiyama(&g, &res, NULL, NULL, &layers, 1, 1, 100, NULL);
    igraph_vector_int_destroy(&layers);
    igraph_destroy(&g);
    if (rc != IGRAPH_SUCCESS) {
        igraph_matrix_destroy(&res);
        st = flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_layout_sugiyama: %s", m->file,
                           igraph_strerror(rc));
        goto out_free;
    }
    /* columns are Sugiyama's layers; inside a (band, column) cell, nodes are stacked in the
     * order Sugiyama put them in their layer */
    int64_t *bands = flujo_xmalloc((m->n_lanes + 2) * sizeof(*bands));
    size_t nb = parent < 0 ? lane_bands(m, p, -1, bands, 0) : 0;
    bands[nb] = -1; /* nodes without a lane */
    size_t *band_of = flujo_xcalloc(n + 1, sizeof(size_t));
    size_t *col = flujo_xcalloc(n + 1, sizeof(size_t));
    size_t *row = flujo_xcalloc(n + 1, sizeof(size_t));
    size_t n_cols = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t lane = m->nodes[global[i]].lane;
        band_of[i] = nb;
        for (size_t b = 0; b < nb; b++) {
            band_of[i] = bands[b] == lane ? b : band_of[i];
        }
        col[i] = (size_t)MATRIX(res, i, 1);
        n_cols = col[i] + 1 > n_cols ? col[i] + 1 : n_cols;
    }
    size_t *rows = flujo_xcalloc((nb + 1) * n_cols + 1, sizeof(size_t));
    /* rank inside the cell: the place in Sugiyama's order among the nodes of the cell (sorted by
     * cell, then order, then index: O(n log n), for models of thousands of nodes) */
    cell_key_t *keys = flujo_xmalloc((n + 1) * sizeof(*keys));
    for (size_t i = 0; i < n; i++) {
        keys[i] = (cell_key_t){band_of[i] * n_cols + col[i], MATRIX(res, i, 0), i};
    }
    qsort(keys, n, sizeof(*keys), cmp_cell_key);
    for (size_t k = 0; k < n; k++) {
        size_t i = keys[k].i;
        row[i] = k > 0 && keys[k - 1].cell == keys[k].cell ? row[keys[k - 1].i] + 1 : 0;
        rows[keys[k].cell] = row[i] + 1;
    }
    free(keys);
    igraph_matrix_destroy(&res);
    double left = x0 + (parent < 0 ? POOL_HEAD + LANE_HEAD : 0) + MARGIN;
    *width = left - x0 + (double)n_cols * COL_W;
    double y = y0;
    bool any_unlaned = false;
    for (size_t i = 0; i < n; i++) {
        any_unlaned = any_unlaned || band_of[i] == nb;
    }
    for (size_t b = 0; b <= nb; b++) {
        if (b == nb && !any_unlaned && nb > 0) {
            break;
        }
        size_t max_rows = 1;
        for (size_t c = 0; c < n_cols; c++) {
            max_rows = rows[b * n_cols + c] > max_rows ? rows[b * n_cols + c] : max_rows;
        }
        double band_h = (double)max_rows * ROW_H + 2 * LANE_PAD;
        if (b < nb) {
            double *l = &lay->lane[4 * bands[b]];
            l[0] = x0 + POOL_HEAD;
            l[1] = y;
            l[3] = band_h;
        }
        for (size_t i = 0; i < n; i++) {
            if (band_of[i] != b) {
                continue;
            }
            double w, h;
            node_size(&m->nodes[global[i]], &w, &h);
            double *nd = &lay->node[4 * global[i]];
            nd[0] = left + (double)col[i] * COL_W + (COL_W - 70 - w) / 2;
            nd[1] = y + LANE_PAD + (double)row[i] * ROW_H + (ROW_H - h) / 2;
            nd[2] = w;
            nd[3] = h;
        }
        y += band_h;
    }
    /* parent lanes span their children */
    for (size_t i = m->n_lanes; i-- > 0;) {
        const flujo_lane_t *l = &m->lanes[i];
        if (l->process != p || parent >= 0) {
            continue;
        }
        for (size_t k = 0; k < m->n_lanes; k++) {
            if (m->lanes[k].parent != (int64_t)i || lay->lane[4 * k + 3] <= 0) {
                continue;
            }
            double *pl = &lay->lane[4 * i], *cl = &lay->lane[4 * k];
            if (pl[3] <= 0) {
                pl[1] = cl[1];
                pl[3] = cl[3];
            } else {
                double top = pl[1] < cl[1] ? pl[1] : cl[1];
                double bot = pl[1] + pl[3] > cl[1] + cl[3] ? pl[1] + pl[3] : cl[1] + cl[3];
                pl[1] = top;
                pl[3] = bot - top;
            }
            pl[0] = x0 + POOL_HEAD;
            cl[0] = x0 + POOL_HEAD + LANE_HEAD * (m->lanes[k].depth);
        }
    }
    *height = y - y0;
    free(bands);
    free(band_of);
    free(col);
    free(row);
    free(rows);
out_free:
    free(local);
    free(global);
    return st;
}

static void add_point(flujo_layout_t *lay, size_t *n, size_t *cap, double x, double y)
{
    flujo_grow((void **)&lay->points, cap, 2 * (*n + 1), sizeof(double));
    lay->points[2 * *n] = x;
    lay->points[2 * *n + 1] = y;
    (*n)++;
}

/* A candidate route: an orthogonal polyline. */
#define ROUTE_MAX        6 /* points of a route */
#define ROUTE_CANDIDATES 8 /* routes tried per flow */
typedef struct route {
    double x[ROUTE_MAX], y[ROUTE_MAX];
    int n;
} route_t;

static void route_add(route_t *r, double x, double y)
{
    if (r->n < ROUTE_MAX) {
        r->x[r->n] = x;
        r->y[r->n] = y;
        r->n++;
    }
}

/* True if the axis-parallel segment (x1, y1)-(x2, y2) enters rectangle s (x, y, w, h). */
static bool segment_hits(const double *s, double x1, double y1, double x2, double y2)
{
    double lo_x = x1 < x2 ? x1 : x2, hi_x = x1 < x2 ? x2 : x1;
    double lo_y = y1 < y2 ? y1 : y2, hi_y = y1 < y2 ? y2 : y1;
    return s[2] > 0 && hi_x > s[0] - 4 && lo_x < s[0] + s[2] + 4 && hi_y > s[1] - 4 &&
           lo_y < s[1] + s[3] + 4;
}

/* Length two axis-parallel segments share when they run along the same line. */
static double segment_overlap(double ax1, double ay1, double ax2, double ay2, double bx1,
                              double by1, double bx2, double by2)
{
    bool ah = ay1 == ay2, bh = by1 == by2;
    if (ah != bh) {
        return 0;
    }
    if (ah ? fabs(ay1 - by1) > 3 : fabs(ax1 - bx1) > 3) {
        return 0;
    }
    double a1 = ah ? ax1 : ay1, a2 = ah ? ax2 : ay2, b1 = ah ? bx1 : by1, b2 = ah ? bx2 : by2;
    double alo = a1 < a2 ? a1 : a2, ahi = a1 < a2 ? a2 : a1;
    double blo = b1 < b2 ? b1 : b2, bhi = b1 < b2 ? b2 : b1;
    double lo = alo > blo ? alo : blo, hi = ahi < bhi ? ahi : bhi;
    return hi > lo ? hi - lo : 0;
}

/* Cost of a route: shapes crossed (other than its ends) weigh most, then stretches laid on flows
 * already routed, then the candidate's rank (the order a modeller would try them in). */
static double route_cost(const flujo_model_t *m, const flujo_layout_t *lay, size_t j,
                         const route_t *r, int rank)
{
    int64_t src = m->flows[j].source, dst = m->flows[j].target;
    int64_t owner = m->nodes[src].kind == FLUJO_NODE_BOUNDARY ? m->nodes[src].attached_to : -1;
    double cost = rank;
    for (int k = 0; k + 1 < r->n; k++) {
        /* the first segment leaves its source and the last one enters its target */
        for (size_t v = 0; v < m->n_nodes; v++) {
            bool end = ((int64_t)v == src || (int64_t)v == owner) && k == 0;
            end = end || ((int64_t)v == dst && k + 2 == r->n);
            if (end ||
                (m->nodes[v].kind == FLUJO_NODE_BOUNDARY && m->nodes[v].attached_to == dst)) {
                continue;
            }
            if (segment_hits(&lay->node[4 * v], r->x[k], r->y[k], r->x[k + 1], r->y[k + 1])) {
                cost += 1000;
            }
        }
        for (size_t f = 0; f < j; f++) {
            for (size_t q = lay->first[f]; q + 1 < lay->first[f + 1]; q++) {
                const double *p = &lay->points[2 * q];
                if (segment_overlap(r->x[k], r->y[k], r->x[k + 1], r->y[k + 1], p[0], p[1], p[2],
                                    p[3]) > 10) {
                    cost += 20;
                }
            }
        }
    }
    return cost;
}

/* Candidate routes of flow j from shape a to shape b, most natural first; `owner` is the activity
 * when a is one of its boundary events, else NULL. Columns are COL_W apart with shapes centred 50
 * from their column's left, so the middle of the gap after a shape's column is 85 right of its
 * centre; rows are ROW_H apart, so the channel between two rows is ROW_H / 2 above or below a
 * shape's centre. */
static int route_candidates(const double *a, const double *b, const double *owner, route_t *c)
{
    double ax = a[0] + a[2] / 2, ay = a[1] + a[3] / 2, bx = b[0] + b[2] / 2, by = b[1] + b[3] / 2;
    double top = a[1], bottom = a[1] + a[3];
    int n = 0;
    memset(c, 0, ROUTE_CANDIDATES * sizeof(*c));
    if (owner != NULL) {
        /* down from the boundary event, below its activity's row, then to the target */
        double chan = owner[1] + owner[3] / 2 + ROW_H / 2 + 8;
        if (b[0] > ax && by > bottom) {
            route_add(&c[n], ax, bottom);
            route_add(&c[n], ax, by);
            route_add(&c[n++], b[0], by);
        }
        for (int t = 0; t < 2; t++) {
            double x = t == 0 ? b[0] - 25 : bx - 85; /* turn just before it, or in the gap */
            if (x > ax + 10) {
                route_add(&c[n], ax, bottom);
                route_add(&c[n], ax, chan);
                route_add(&c[n], x, chan);
                route_add(&c[n], x, by);
                route_add(&c[n++], b[0], by);
            }
        }
        route_add(&c[n], ax, bottom);
        route_add(&c[n], ax, chan);
        route_add(&c[n], bx, chan);
        route_add(&c[n++], bx, b[1] > chan ? b[1] : b[1] + b[3]);
        return n;
    }
    if (b[0] >= a[0] + a[2]) {
        double ex = a[0] + a[2], tx = b[0];
        double early = ax + 85 < tx ? ax + 85 : (ex + tx) / 2;
        double late = bx - 85 > early ? bx - 85 : early;
        if (ay == by) {
            route_add(&c[n], ex, ay);
            route_add(&c[n++], tx, by);
        } else {
            /* turn late (just before the target), or early (just after the source) */
            double turns[2] = {late, early};
            for (int t = 0; t < 2; t++) {
                route_add(&c[n], ex, ay);
                route_add(&c[n], turns[t], ay);
                route_add(&c[n], turns[t], by);
                route_add(&c[n++], tx, by);
            }
            /* leave by the top or bottom side towards the target's row */
            route_add(&c[n], ax, by > ay ? bottom : top);
            route_add(&c[n], ax, by);
            route_add(&c[n++], tx, by);
        }
        /* around obstacles: along the channel above or below the source's or the target's row */
        double chans[4] = {ay - ROW_H / 2, ay + ROW_H / 2, by - ROW_H / 2, by + ROW_H / 2};
        for (int k = 0; k < 4; k++) {
            if (k >= 2 && ay == by) {
                continue;
            }
            route_add(&c[n], ex, ay);
            route_add(&c[n], early, ay);
            route_add(&c[n], early, chans[k]);
            route_add(&c[n], late, chans[k]);
            route_add(&c[n], late, by);
            route_add(&c[n++], tx, by);
        }
        return n;
    }
    /* backward (a rework loop) or within a column: over the top or under the bottom of the
     * source's row, or of the target's row, into the target's nearer side */
    if (fabs(ax - bx) < 1 && (by > bottom || by < top)) {
        route_add(&c[n], ax, by > ay ? bottom : top);
        route_add(&c[n++], bx, by > ay ? b[1] : b[1] + b[3]);
    }
    double chans[4] = {ay - ROW_H / 2 + 6, ay + ROW_H / 2 - 6, by - ROW_H / 2 + 6,
                       by + ROW_H / 2 - 6};
    for (int k = 0; k < 4; k++) {
        double chan = chans[k];
        if ((k >= 2 && ay == by) || (chan > top && chan < bottom)) {
            continue;
        }
        route_add(&c[n], ax, chan < ay ? top : bottom);
        route_add(&c[n], ax, chan);
        route_add(&c[n], bx, chan);
        route_add(&c[n++], bx, chan < by ? b[1] : b[1] + b[3]);
    }
    return n;
}

/* Orthogonal waypoints of flow j between the placed shapes: the cheapest candidate route. */
static void route(const flujo_model_t *m, flujo_layout_t *lay, size_t j, size_t *n, size_t *cap)
{
    const double *a = &lay->node[4 * m->flows[j].source];
    const double *b = &lay->node[4 * m->flows[j].target];
    const flujo_node_t *src = &m->nodes[m->flows[j].source];
    const double *owner = src->kind == FLUJO_NODE_BOUNDARY && src->attached_to >= 0
                              ? &lay->node[4 * src->attached_to]
                              : NULL;
    route_t c[ROUTE_CANDIDATES];
    int nc = route_candidates(a, b, owner, c);
    int best = 0;
    double best_cost = INFINITY;
    for (int k = 0; k < nc; k++) {
        double cost = route_cost(m, lay, j, &c[k], k);
        if (cost < best_cost) {
            best_cost = cost;
            best = k;
        }
    }
    for (int k = 0; k < c[best].n; k++) {
        add_point(lay, n, cap, c[best].x[k], c[best].y[k]);
    }
}

flujo_status_t flujo_model_layout(const flujo_model_t *m, flujo_layout_t *lay, flujo_err_t *err)
{
    memset(lay, 0, sizeof(*lay));
    lay->node = flujo_xcalloc(4 * m->n_nodes + 1, sizeof(double));
    lay->lane = flujo_xcalloc(4 * m->n_lanes + 1, sizeof(double));
    lay->pool = flujo_xcalloc(4 * m->n_processes + 1, sizeof(double));
    lay->first = flujo_xcalloc(m->n_flows + 1, sizeof(size_t));
    double y = 0, width = 0;
    flujo_status_t st = FLUJO_OK;
    for (size_t p = 0; p < m->n_processes && st == FLUJO_OK; p++) {
        double w, h;
        st = layout_scope(m, lay, (int64_t)p, -1, 0, y, &w, &h, err);
        if (h == 0) {
            h = ROW_H;
        }
        double *pl = &lay->pool[4 * p];
        pl[0] = 0;
        pl[1] = y;
        pl[3] = h;
        width = w > width ? w : width;
        y += h + 40;
    }
    /* sub-process contents, each in a band of its own below */
    for (size_t v = 0; v < m->n_nodes && st == FLUJO_OK; v++) {
        if (m->nodes[v].kind != FLUJO_NODE_SUBPROCESS) {
            continue;
        }
        double w, h;
        st = layout_scope(m, lay, m->nodes[v].process, (int64_t)v, 0, y, &w, &h, err);
        if (h > 0) {
            y += h + 40;
            width = w > width ? w : width;
        }
    }
    for (size_t p = 0; p < m->n_processes; p++) {
        lay->pool[4 * p + 2] = width;
    }
    for (size_t i = 0; i < m->n_lanes; i++) {
        if (lay->lane[4 * i + 3] > 0) {
            lay->lane[4 * i + 2] = width - lay->lane[4 * i];
        }
    }
    /* boundary events on the lower edge of their activity, right to left */
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->kind != FLUJO_NODE_BOUNDARY || n->attached_to < 0) {
            continue;
        }
        size_t k = 0;
        for (size_t u = 0; u < v; u++) {
            k += m->nodes[u].kind == FLUJO_NODE_BOUNDARY &&
                 m->nodes[u].attached_to == n->attached_to;
        }
        const double *a = &lay->node[4 * n->attached_to];
        double *b = &lay->node[4 * v];
        b[2] = b[3] = 36;
        b[0] = a[0] + a[2] - 46 - 40 * (double)k;
        b[1] = a[1] + a[3] - 18;
    }
    size_t np = 0, cap = 0;
    for (size_t j = 0; j < m->n_flows; j++) {
        lay->first[j] = np;
        route(m, lay, j, &np, &cap);
    }
    lay->first[m->n_flows] = np;
    lay->width = width;
    lay->height = y;
    if (st != FLUJO_OK) {
        flujo_layout_destroy(lay);
    }
    return st;
}

void flujo_layout_destroy(flujo_layout_t *lay)
{
    free(lay->node);
    free(lay->lane);
    free(lay->pool);
    free(lay->first);
    free(lay->points);
    memset(lay, 0, sizeof(*lay));
}
