/* edit.c - edited copies of a model (flujo_model_edited): nodes and flows left out, rewired,
 * renamed or added, with what did not change (processes, lanes, the diagram) carried over. The
 * scenario's redesign operators are built on it. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "model/model_int.h"

static int count_slot(const char *type)
{
    for (int c = 0; c < FLUJO_COUNT_N; c++) {
        if (strcmp(flujo_count_name((flujo_count_t)c), type) == 0) {
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

/* Processes, participants and lanes, as they were. */
static void copy_scopes(const flujo_model_t *m, flujo_model_t *out)
{
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
}

/* The kept nodes in order, then the added ones, with their parents and attachments in the new
 * numbering; element counts updated. */
static void copy_nodes(const flujo_model_t *m, const flujo_model_edit_t *ed, flujo_model_t *out,
                       int64_t *node_map)
{
    size_t nn = m->n_nodes, na = ed->n_add_nodes;
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
}

/* The kept flows in order, with their new ends, then the added ones; default flows mapped. */
static void copy_flows(const flujo_model_t *m, const flujo_model_edit_t *ed, flujo_model_t *out,
                       const int64_t *node_map, int64_t *flow_map)
{
    size_t nn = m->n_nodes;
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
}

static void copy_msgflows(const flujo_model_t *m, flujo_model_t *out, const int64_t *node_map)
{
    for (size_t i = 0; i < m->n_msgflows; i++) {
        const flujo_msgflow_t *f = &m->msgflows[i];
        int64_t k = flujo_model_add_msgflow(out, f->id, f->name, f->line);
        flujo_msgflow_t *g = &out->msgflows[k];
        g->source_node = f->source_node >= 0 ? node_map[f->source_node] : -1;
        g->target_node = f->target_node >= 0 ? node_map[f->target_node] : -1;
        g->source_participant = f->source_participant;
        g->target_participant = f->target_participant;
    }
}

static void copy_diagram(const flujo_model_t *m, const flujo_model_edit_t *ed, flujo_model_t *out,
                         const int64_t *node_map, const int64_t *flow_map)
{
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
}

flujo_model_t *flujo_model_edited(const flujo_model_t *m, const flujo_model_edit_t *ed,
                                  int64_t *node_map, int64_t *flow_map, flujo_err_t *err)
{
    flujo_model_t *out = flujo_model_new(m->file);
    memcpy(out->counts, m->counts, sizeof(out->counts));
    copy_scopes(m, out);
    copy_nodes(m, ed, out, node_map);
    copy_flows(m, ed, out, node_map, flow_map);
    copy_msgflows(m, out, node_map);
    copy_diagram(m, ed, out, node_map, flow_map);
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
