/* bpmn.c - BPMN 2.0 XML → flujo_model_t, with libxml2 (bpmn/ is the only part that reads BPMN).
 *
 * The document is parsed safely (parse.c) into a tree, then walked twice: the first pass creates
 * processes, participants, lanes and flow nodes, recursing into sub-processes (read.c); the second
 * resolves what refers to them by id (sequence flows, lane membership, boundary attachment,
 * default flows, message flows: refs.c; diagram elements: di.c). Elements are recognised by
 * namespace URI + local name only, so `bpmn:`, `bpmn2:`, `semantic:` and default-namespace files
 * read alike, and vendor extension elements, being in other namespaces, are never visited. */
#include <stdlib.h>

#include <libxml/tree.h>

#include "bpmn/reader_int.h"
#include "flujo_bpmn.h"

static void reader_destroy(flujo__bpmn_reader_t *r)
{
    flujo_strmap_destroy(&r->ids);
    flujo_strmap_destroy(&r->lane_ids);
    flujo_strmap_destroy(&r->process_ids);
    flujo_strmap_destroy(&r->part_ids);
    flujo_strmap_destroy(&r->msg_ids);
    flujo_strmap_destroy(&r->global_defs);
    free(r->globals.el);
    free(r->node_el.el);
    free(r->lane_el.el);
    free(r->part_el.el);
    free(r->msg_el.el);
    free(r->flows);
}

static flujo_status_t read_doc(xmlDocPtr doc, const char *name, flujo_model_t **out,
                               flujo_err_t *err)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (root == NULL || !flujo__bpmn_is_el(root, NS_MODEL, "definitions")) {
        const char *ns = root != NULL && root->ns != NULL ? (const char *)root->ns->href : "";
        return flujo_err_set(err, FLUJO_EMODEL,
                             "%s:%ld: not a BPMN 2.0 model: the root element is <%s> in namespace "
                             "'%s', expected <definitions> in namespace '%s'",
                             name, root != NULL ? flujo__bpmn_line_of(root) : 1L,
                             root != NULL ? (const char *)root->name : "", ns, NS_MODEL);
    }
    flujo__bpmn_reader_t r = {0};
    r.m = flujo_model_new(name);
    r.err = err;
    flujo_strmap_init(&r.ids);
    flujo_strmap_init(&r.lane_ids);
    flujo_strmap_init(&r.process_ids);
    flujo_strmap_init(&r.part_ids);
    flujo_strmap_init(&r.msg_ids);
    flujo_strmap_init(&r.global_defs);

    flujo__bpmn_read_elements(&r, root);
    if (r.st == FLUJO_OK) {
        flujo__bpmn_read_flows(&r);
    }
    if (r.st == FLUJO_OK) {
        flujo__bpmn_read_refs(&r);
        for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
            if (flujo__bpmn_is_el(c, NS_BPMNDI, "BPMNDiagram")) {
                flujo__bpmn_read_diagram(&r, c);
            }
        }
    }
    if (r.st == FLUJO_OK) {
        r.st = flujo_model_finish(r.m, err);
    }
    flujo_status_t st = r.st;
    if (st == FLUJO_OK) {
        *out = r.m;
    } else {
        flujo_model_free(r.m);
    }
    reader_destroy(&r);
    return st;
}

flujo_status_t flujo_bpmn_read_memory(const char *buf, size_t len, const char *name,
                                      flujo_model_t **out, flujo_err_t *err)
{
    xmlDocPtr doc = NULL;
    flujo_status_t st = flujo__bpmn_parse_checked(buf, len, name, &doc, err);
    if (st != FLUJO_OK) {
        return st;
    }
    st = read_doc(doc, name, out, err);
    xmlFreeDoc(doc);
    return st;
}

flujo_status_t flujo_bpmn_read(const char *path, flujo_model_t **out, flujo_err_t *err)
{
    xmlDocPtr doc = NULL;
    flujo_status_t st = flujo__bpmn_parse_file(path, &doc, err);
    if (st != FLUJO_OK) {
        return st;
    }
    st = read_doc(doc, path, out, err);
    xmlFreeDoc(doc);
    return st;
}
