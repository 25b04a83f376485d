/* di.c - the diagram of a BPMN file (BPMN DI): each plane's shapes with their bounds and labels,
 * and its edges with their waypoints, bound to the elements they draw. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "bpmn/reader_int.h"

static bool get_double(xmlNodePtr el, const char *name, double *out)
{
    char *v = flujo__bpmn_get_attr(el, name);
    if (v == NULL) {
        return false;
    }
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    while (*end == ' ' || *end == '\t') {
        end++;
    }
    bool ok = end != v && *end == '\0' && errno == 0 && isfinite(d);
    free(v);
    if (ok) {
        *out = d;
    }
    return ok;
}

static bool get_bounds(xmlNodePtr el, double *x, double *y, double *w, double *h)
{
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (flujo__bpmn_is_el(c, NS_DC, "Bounds")) {
            return get_double(c, "x", x) && get_double(c, "y", y) && get_double(c, "width", w) &&
                   get_double(c, "height", h);
        }
    }
    return false;
}

/* What a bpmnElement reference of the diagram points to. */
static flujo_di_kind_t di_target(flujo__bpmn_reader_t *r, const char *ref, int64_t *index)
{
    if ((*index = flujo__bpmn_find_node_ref(r, ref)) >= 0) {
        return FLUJO_DI_NODE;
    }
    if ((*index = flujo__bpmn_find_flow_ref(r, ref)) >= 0) {
        return FLUJO_DI_FLOW;
    }
    if ((*index = flujo__bpmn_find_in(&r->lane_ids, ref)) >= 0) {
        return FLUJO_DI_LANE;
    }
    if ((*index = flujo__bpmn_find_in(&r->part_ids, ref)) >= 0) {
        return FLUJO_DI_PARTICIPANT;
    }
    if ((*index = flujo__bpmn_find_in(&r->msg_ids, ref)) >= 0) {
        return FLUJO_DI_MSGFLOW;
    }
    *index = -1;
    return FLUJO_DI_OTHER;
}

static void read_shape(flujo__bpmn_reader_t *r, xmlNodePtr el, int plane)
{
    flujo_model_t *m = r->m;
    double x, y, w, h;
    char *ref = flujo__bpmn_get_attr(el, "bpmnElement");
    if (ref == NULL || !get_bounds(el, &x, &y, &w, &h)) {
        free(ref);
        return;
    }
    int64_t i = flujo_model_add_shape(m, ref, plane);
    flujo_shape_t *s = &m->shapes[i];
    s->kind = di_target(r, ref, &s->index);
    s->x = x;
    s->y = y;
    s->w = w;
    s->h = h;
    s->expanded = flujo__bpmn_get_bool(el, "isExpanded", false);
    s->horizontal = flujo__bpmn_get_bool(el, "isHorizontal", true);
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (flujo__bpmn_is_el(c, NS_BPMNDI, "BPMNLabel")) {
            s->has_label = get_bounds(c, &s->lx, &s->ly, &s->lw, &s->lh);
        }
    }
    free(ref);
}

static void read_edge(flujo__bpmn_reader_t *r, xmlNodePtr el, int plane)
{
    flujo_model_t *m = r->m;
    char *ref = flujo__bpmn_get_attr(el, "bpmnElement");
    if (ref == NULL) {
        return;
    }
    int64_t i = flujo_model_add_edge(m, ref, plane);
    m->edges[i].kind = di_target(r, ref, &m->edges[i].index);
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        double x, y;
        if (flujo__bpmn_is_el(c, NS_DI, "waypoint") && get_double(c, "x", &x) &&
            get_double(c, "y", &y)) {
            flujo_model_add_point(m, x, y);
        }
    }
    free(ref);
}

void flujo__bpmn_read_diagram(flujo__bpmn_reader_t *r, xmlNodePtr diagram)
{
    for (xmlNodePtr p = diagram->children; p != NULL; p = p->next) {
        if (!flujo__bpmn_is_el(p, NS_BPMNDI, "BPMNPlane")) {
            continue;
        }
        int plane = r->m->n_planes++;
        for (xmlNodePtr c = p->children; c != NULL; c = c->next) {
            if (flujo__bpmn_is_el(c, NS_BPMNDI, "BPMNShape")) {
                read_shape(r, c, plane);
            } else if (flujo__bpmn_is_el(c, NS_BPMNDI, "BPMNEdge")) {
                read_edge(r, c, plane);
            }
        }
    }
}
