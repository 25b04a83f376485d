/* refs.c - pass 2 of the BPMN reader: what refers to elements by id. Sequence flows are created
 * between the nodes they name, lanes get their nodes, boundary events their activity, gateways
 * and activities their default flow, pools their process and message flows their ends; with the
 * lookups of references the diagram (di.c) uses too. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "bpmn/reader_int.h"

/* Looks a reference up in map. References typed xsd:QName in the BPMN schema (processRef,
 * attachedToRef, bpmnElement, ...) may carry a prefix ("tns:Task_1"); the local part is tried
 * when the whole value is not an id. */
static bool lookup_ref(const flujo_strmap_t *map, const char *ref, int64_t *out)
{
    if (ref == NULL) {
        return false;
    }
    if (flujo_strmap_get(map, ref, out)) {
        return true;
    }
    const char *colon = strrchr(ref, ':');
    return colon != NULL && flujo_strmap_get(map, colon + 1, out);
}

int64_t flujo__bpmn_find_node_ref(const flujo__bpmn_reader_t *r, const char *ref)
{
    int64_t v;
    if (lookup_ref(&r->m->priv->ids, ref, &v) && v >= 0) {
        return v;
    }
    return -1;
}

int64_t flujo__bpmn_find_flow_ref(const flujo__bpmn_reader_t *r, const char *ref)
{
    int64_t v;
    if (lookup_ref(&r->m->priv->ids, ref, &v) && v < 0) {
        return -v - 1;
    }
    return -1;
}

int64_t flujo__bpmn_find_in(const flujo_strmap_t *map, const char *ref)
{
    int64_t v;
    return lookup_ref(map, ref, &v) ? v : -1;
}

static void link_participants(flujo__bpmn_reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t i = 0; i < m->n_participants; i++) {
        char *ref = flujo__bpmn_get_attr(r->part_el.el[i], "processRef");
        int64_t p = flujo__bpmn_find_in(&r->process_ids, ref);
        if (p >= 0) {
            m->participants[i].process = p;
            if (m->processes[p].participant < 0) {
                m->processes[p].participant = (int64_t)i;
            }
        } else if (ref != NULL) {
            flujo_diags_add(&m->diags, FLUJO_SEV_WARNING, "dangling-process-ref",
                            m->participants[i].id, m->participants[i].line,
                            "participant '%s' (%s) refers to process '%s', which does not exist",
                            m->participants[i].name, m->participants[i].id, ref);
        }
        free(ref);
    }
}

/* Describes the scope a node lives in, for messages. */
static const char *scope_name(const flujo_model_t *m, int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    return n->parent >= 0 ? m->nodes[n->parent].id : m->processes[n->process].id;
}

static void read_flows(flujo__bpmn_reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t k = 0; k < r->n_flows; k++) {
        const flujo__bpmn_pending_flow_t *pf = &r->flows[k];
        char *id = flujo__bpmn_take_id(r, pf->el);
        char *name = flujo__bpmn_get_attr(pf->el, "name");
        char *src_ref = flujo__bpmn_get_attr(pf->el, "sourceRef");
        char *tgt_ref = flujo__bpmn_get_attr(pf->el, "targetRef");
        long line = flujo__bpmn_line_of(pf->el);
        int64_t src = flujo__bpmn_find_node_ref(r, src_ref);
        int64_t tgt = flujo__bpmn_find_node_ref(r, tgt_ref);

        if (src < 0 || tgt < 0) {
            bool bad_src = src < 0;
            const char *ref = bad_src ? src_ref : tgt_ref;
            if (ref == NULL) {
                flujo_diags_add(&m->diags, FLUJO_SEV_ERROR, "dangling-flow", id, line,
                                "sequence flow '%s' has no %s", id,
                                bad_src ? "sourceRef" : "targetRef");
            } else {
                flujo_diags_add(&m->diags, FLUJO_SEV_ERROR, "dangling-flow", id, line,
                                "sequence flow '%s' %s '%s', which is not a flow node of this "
                                "model",
                                id, bad_src ? "comes from" : "goes to", ref);
            }
        } else if (m->nodes[src].process != pf->process || m->nodes[src].parent != pf->parent ||
                   m->nodes[tgt].process != pf->process || m->nodes[tgt].parent != pf->parent) {
            int64_t out = m->nodes[src].parent != pf->parent || m->nodes[src].process != pf->process
                              ? src
                              : tgt;
            flujo_diags_add(
                &m->diags, FLUJO_SEV_ERROR, "flow-crosses-scope", id, line,
                "sequence flow '%s' defined in '%s' connects '%s', which belongs to "
                "'%s': use a message flow between pools, and start and end events "
                "inside sub-processes",
                id, pf->parent >= 0 ? m->nodes[pf->parent].id : m->processes[pf->process].id,
                m->nodes[out].id, scope_name(m, out));
        } else {
            int64_t j = flujo_model_add_flow(m, id, name, src, tgt, line);
            for (xmlNodePtr c = pf->el->children; c != NULL; c = c->next) {
                if (flujo__bpmn_is_el(c, NS_MODEL, "conditionExpression")) {
                    m->flows[j].condition = flujo__bpmn_get_text(c);
                    break;
                }
            }
        }
        free(id);
        free(name);
        free(src_ref);
        free(tgt_ref);
    }
}

/* Lane membership: a node listed by nested lanes belongs to the innermost one. */
static void read_lane_refs(flujo__bpmn_reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t i = 0; i < m->n_lanes; i++) {
        for (xmlNodePtr c = r->lane_el.el[i]->children; c != NULL; c = c->next) {
            if (!flujo__bpmn_is_el(c, NS_MODEL, "flowNodeRef")) {
                continue;
            }
            char *ref = flujo__bpmn_get_text(c);
            int64_t v = flujo__bpmn_find_node_ref(r, ref);
            if (v < 0) {
                flujo_diags_add(&m->diags, FLUJO_SEV_WARNING, "dangling-lane-ref", m->lanes[i].id,
                                flujo__bpmn_line_of(c),
                                "lane '%s' (%s) lists '%s', which is not a flow node of this model",
                                m->lanes[i].name, m->lanes[i].id, ref != NULL ? ref : "");
            } else if (m->nodes[v].lane < 0 ||
                       m->lanes[m->nodes[v].lane].depth < m->lanes[i].depth) {
                m->nodes[v].lane = (int64_t)i;
            }
            free(ref);
        }
    }
}

/* attachedToRef of boundary events and default flows of gateways and activities. */
static void read_node_refs(flujo__bpmn_reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t v = 0; v < m->n_nodes; v++) {
        xmlNodePtr el = r->node_el.el[v];
        flujo_node_t *n = &m->nodes[v];
        if (n->kind == FLUJO_NODE_BOUNDARY) {
            char *ref = flujo__bpmn_get_attr(el, "attachedToRef");
            int64_t a = flujo__bpmn_find_node_ref(r, ref);
            if (a >= 0 && m->nodes[a].kind != FLUJO_NODE_TASK &&
                m->nodes[a].kind != FLUJO_NODE_SUBPROCESS && m->nodes[a].kind != FLUJO_NODE_CALL) {
                a = -1;
            }
            if (a < 0) {
                flujo_diags_add(&m->diags, FLUJO_SEV_ERROR, "dangling-boundary", n->id, n->line,
                                "boundary event '%s' (%s) is attached to '%s', which is not an "
                                "activity of this model",
                                n->name, n->id, ref != NULL ? ref : "");
            }
            n->attached_to = a;
            free(ref);
        }
        char *def = flujo__bpmn_get_attr(el, "default");
        if (def != NULL) {
            int64_t j = flujo__bpmn_find_flow_ref(r, def);
            if (j >= 0 && m->flows[j].source == (int64_t)v) {
                n->default_flow = j;
                m->flows[j].is_default = true;
            } else {
                flujo_diags_add(&m->diags, FLUJO_SEV_ERROR, "bad-default-flow", n->id, n->line,
                                "the default flow '%s' of %s '%s' is not one of its outgoing "
                                "sequence flows",
                                def, n->type, n->id);
            }
            free(def);
        }
    }
}

/* Resolves one end of a message flow to a node or a participant. */
static bool msg_end(flujo__bpmn_reader_t *r, const char *ref, int64_t *node, int64_t *part)
{
    *node = flujo__bpmn_find_node_ref(r, ref);
    *part = *node < 0 ? flujo__bpmn_find_in(&r->part_ids, ref) : -1;
    return *node >= 0 || *part >= 0;
}

static void read_msgflow_refs(flujo__bpmn_reader_t *r)
{
    flujo_model_t *m = r->m;
    for (size_t i = 0; i < m->n_msgflows; i++) {
        flujo_msgflow_t *f = &m->msgflows[i];
        char *src = flujo__bpmn_get_attr(r->msg_el.el[i], "sourceRef");
        char *tgt = flujo__bpmn_get_attr(r->msg_el.el[i], "targetRef");
        bool ok_src = msg_end(r, src, &f->source_node, &f->source_participant);
        bool ok_tgt = msg_end(r, tgt, &f->target_node, &f->target_participant);
        if (!ok_src || !ok_tgt) {
            const char *ref = !ok_src ? src : tgt;
            flujo_diags_add(&m->diags, FLUJO_SEV_WARNING, "dangling-message-flow", f->id, f->line,
                            "message flow '%s' %s '%s', which is neither a flow node nor a pool",
                            f->id, !ok_src ? "comes from" : "goes to", ref != NULL ? ref : "");
        }
        free(src);
        free(tgt);
    }
}

void flujo__bpmn_read_flows(flujo__bpmn_reader_t *r)
{
    link_participants(r);
    read_flows(r);
}

void flujo__bpmn_read_refs(flujo__bpmn_reader_t *r)
{
    read_lane_refs(r);
    read_node_refs(r);
    read_msgflow_refs(r);
}
