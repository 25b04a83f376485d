/* write.c - a laid-out model written back (flujo_bpmn_write_layout): the BPMN file again, its old
 * diagrams replaced by planes of the new layout (one for the collaboration or first process, one
 * per sub-process with contents), indented as modellers write them. */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "bpmn/reader_int.h"
#include "flujo_bpmn.h"

/* The namespace with href on the root, declared with the first free prefix of the list if
 * absent. */
static xmlNsPtr need_ns(xmlDocPtr doc, xmlNodePtr root, const char *href, const char *const *prefs)
{
    xmlNsPtr ns = xmlSearchNsByHref(doc, root, (const xmlChar *)href);
    if (ns != NULL) {
        return ns;
    }
    for (size_t i = 0; prefs[i] != NULL; i++) {
        if (xmlSearchNs(doc, root, (const xmlChar *)prefs[i]) == NULL) {
            return xmlNewNs(root, (const xmlChar *)href, (const xmlChar *)prefs[i]);
        }
    }
    return NULL;
}

/* Helpers to build DI elements. */
typedef struct di_writer {
    xmlNsPtr di, dc, ddi; /* BPMNDI, DC and DI namespaces */
} di_writer_t;

static void set_num(xmlNodePtr el, const char *name, double v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%.0f", v);
    xmlNewProp(el, (const xmlChar *)name, (const xmlChar *)buf);
}

/* Sets attribute id of el to prefix followed by the whole of id (never cut: a cut id could split
 * a UTF-8 character or make two long ids equal). */
static void set_prefixed_id(xmlNodePtr el, const char *prefix, const char *id)
{
    xmlChar *v = xmlStrcat(xmlStrdup((const xmlChar *)prefix), (const xmlChar *)id);
    xmlNewProp(el, (const xmlChar *)"id", v);
    xmlFree(v);
}

static xmlNodePtr add_shape(const di_writer_t *w, xmlNodePtr plane, const char *id, const double *b,
                            bool horizontal, bool expanded_attr, bool expanded)
{
    xmlNodePtr s = xmlNewChild(plane, w->di, (const xmlChar *)"BPMNShape", NULL);
    set_prefixed_id(s, "flujo-di-", id);
    xmlNewProp(s, (const xmlChar *)"bpmnElement", (const xmlChar *)id);
    if (horizontal) {
        xmlNewProp(s, (const xmlChar *)"isHorizontal", (const xmlChar *)"true");
    }
    if (expanded_attr) {
        xmlNewProp(s, (const xmlChar *)"isExpanded",
                   (const xmlChar *)(expanded ? "true" : "false"));
    }
    xmlNodePtr bounds = xmlNewChild(s, w->dc, (const xmlChar *)"Bounds", NULL);
    set_num(bounds, "x", b[0]);
    set_num(bounds, "y", b[1]);
    set_num(bounds, "width", b[2]);
    set_num(bounds, "height", b[3]);
    return s;
}

static void add_edge(const di_writer_t *w, xmlNodePtr plane, const char *id, const double *pts,
                     size_t n)
{
    xmlNodePtr e = xmlNewChild(plane, w->di, (const xmlChar *)"BPMNEdge", NULL);
    set_prefixed_id(e, "flujo-di-", id);
    xmlNewProp(e, (const xmlChar *)"bpmnElement", (const xmlChar *)id);
    for (size_t k = 0; k < n; k++) {
        xmlNodePtr wp = xmlNewChild(e, w->ddi, (const xmlChar *)"waypoint", NULL);
        set_num(wp, "x", pts[2 * k]);
        set_num(wp, "y", pts[2 * k + 1]);
    }
}

/* Puts each element child of el on its own line, indented two spaces per level, as modellers
 * write their files (libxml2 does not indent nodes added to a parsed document). */
static void indent(xmlDocPtr doc, xmlNodePtr el, int depth)
{
    char pad[130];
    bool any = false;
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        any = any || c->type == XML_ELEMENT_NODE;
    }
    if (!any) {
        return;
    }
    int n = 2 * (depth + 1) < 128 ? 2 * (depth + 1) : 128;
    pad[0] = '\n';
    memset(pad + 1, ' ', (size_t)n);
    pad[n + 1] = '\0';
    for (xmlNodePtr c = el->children; c != NULL; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            xmlAddPrevSibling(c, xmlNewDocText(doc, (const xmlChar *)pad));
            indent(doc, c, depth + 1);
        }
    }
    pad[n - 1] = '\0'; /* two spaces less before the closing tag */
    xmlAddChild(el, xmlNewDocText(doc, (const xmlChar *)pad));
}

static xmlNodePtr new_plane(const di_writer_t *w, xmlNodePtr root, const char *element)
{
    xmlNodePtr d = xmlNewChild(root, w->di, (const xmlChar *)"BPMNDiagram", NULL);
    set_prefixed_id(d, "flujo-diagram-", element);
    xmlNodePtr p = xmlNewChild(d, w->di, (const xmlChar *)"BPMNPlane", NULL);
    set_prefixed_id(p, "flujo-plane-", element);
    xmlNewProp(p, (const xmlChar *)"bpmnElement", (const xmlChar *)element);
    return p;
}

/* Shapes and edges of the nodes and flows of one scope (parent -1: every process). */
static void plane_contents(const di_writer_t *w, xmlNodePtr plane, const flujo_model_t *m,
                           const flujo_layout_t *lay, int64_t parent)
{
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        int64_t scope = n->parent;
        if (scope != parent || n->id[0] == '#') {
            continue;
        }
        bool sub = n->kind == FLUJO_NODE_SUBPROCESS;
        add_shape(w, plane, n->id, &lay->node[4 * v], false, sub, false);
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        const flujo_flow_t *f = &m->flows[j];
        if (m->nodes[f->source].parent != parent || f->id[0] == '#') {
            continue;
        }
        add_edge(w, plane, f->id, &lay->points[2 * lay->first[j]],
                 lay->first[j + 1] - lay->first[j]);
    }
}

flujo_status_t flujo_bpmn_write_layout(const char *path, const flujo_model_t *m,
                                       const flujo_layout_t *lay, FILE *out, flujo_err_t *err)
{
    static const char *const di_prefs[] = {"bpmndi", "flujodi", NULL};
    static const char *const dc_prefs[] = {"dc", "omgdc", "flujodc", NULL};
    static const char *const ddi_prefs[] = {"di", "omgdi", "flujoddi", NULL};
    xmlDocPtr doc = NULL;
    flujo_status_t st = flujo__bpmn_parse_file(path, &doc, err);
    if (st != FLUJO_OK) {
        return st;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!flujo__bpmn_is_el(root, NS_MODEL, "definitions")) {
        xmlFreeDoc(doc);
        return flujo_err_set(err, FLUJO_EMODEL, "%s: not a BPMN 2.0 model", path);
    }
    di_writer_t w = {need_ns(doc, root, NS_BPMNDI, di_prefs), need_ns(doc, root, NS_DC, dc_prefs),
                     need_ns(doc, root, NS_DI, ddi_prefs)};
    /* the old diagrams go; the collaboration (or first process) gets the new plane */
    const char *main_el = m->n_processes > 0 ? m->processes[0].id : "definitions";
    for (xmlNodePtr c = root->children, next; c != NULL; c = next) {
        next = c->next;
        if (flujo__bpmn_is_el(c, NS_BPMNDI, "BPMNDiagram")) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
    }
    xmlChar *collab = NULL;
    for (xmlNodePtr c = root->children; c != NULL && collab == NULL; c = c->next) {
        if (flujo__bpmn_is_el(c, NS_MODEL, "collaboration")) {
            collab = xmlGetNoNsProp(c, (const xmlChar *)"id");
        }
    }
    xmlNodePtr plane = new_plane(&w, root, collab != NULL ? (const char *)collab : main_el);
    for (size_t i = 0; i < m->n_participants; i++) {
        int64_t p = m->participants[i].process;
        if (p >= 0) {
            add_shape(&w, plane, m->participants[i].id, &lay->pool[4 * p], true, false, false);
        }
    }
    for (size_t i = 0; i < m->n_lanes; i++) {
        if (lay->lane[4 * i + 3] > 0 && m->lanes[i].id[0] != '#') {
            add_shape(&w, plane, m->lanes[i].id, &lay->lane[4 * i], true, false, false);
        }
    }
    plane_contents(&w, plane, m, lay, -1);
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (m->nodes[v].kind != FLUJO_NODE_SUBPROCESS) {
            continue;
        }
        bool inner = false;
        for (size_t u = 0; u < m->n_nodes && !inner; u++) {
            inner = m->nodes[u].parent == (int64_t)v;
        }
        if (inner) {
            plane_contents(&w, new_plane(&w, root, m->nodes[v].id), m, lay, (int64_t)v);
        }
    }
    xmlFree(collab);
    for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
        if (flujo__bpmn_is_el(c, NS_BPMNDI, "BPMNDiagram")) {
            xmlAddPrevSibling(c, xmlNewDocText(doc, (const xmlChar *)"  "));
            xmlAddNextSibling(c, xmlNewDocText(doc, (const xmlChar *)"\n"));
            indent(doc, c, 1);
        }
    }
    /* written as UTF-8 whatever the file declared: every name fits, where a declared
     * ISO-8859-1 could not hold a character read from a reference (libxml2 would print an
     * encoder error and stop) */
    xmlFree((xmlChar *)doc->encoding);
    doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
    xmlGenericErrorFunc old = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, flujo__bpmn_quiet);
    int rc = xmlDocDump(out, doc);
    xmlSetGenericErrorFunc(old_ctx, old);
    xmlFreeDoc(doc);
    if (rc < 0 || fflush(out) != 0 || ferror(out)) {
        return flujo_err_set(err, FLUJO_EIO, "cannot write the model");
    }
    return FLUJO_OK;
}
