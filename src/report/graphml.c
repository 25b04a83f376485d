/* graphml.c - the process graph in GraphML (for Gephi, yEd): one node per flow node, one edge per
 * sequence flow, their attributes as data keys. */
#include <stdint.h>
#include <stdio.h>

#include "flujo_report.h"
#include "report/report_int.h"

static void graphml_data(FILE *f, const char *key, const char *value)
{
    if (value == NULL || value[0] == '\0') {
        return;
    }
    fprintf(f, "      <data key=\"%s\">", key);
    flujo__xml_text(f, value);
    fputs("</data>\n", f);
}

flujo_status_t flujo_report_graph_graphml(FILE *f, const flujo_model_t *m, flujo_err_t *err)
{
    static const char *const node_keys[] = {"name", "type", "lane", "unit", "process", "parent"};
    static const char *const edge_keys[] = {"name", "condition", "default"};
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
          f);
    for (size_t k = 0; k < sizeof(node_keys) / sizeof(node_keys[0]); k++) {
        fprintf(f, "  <key id=\"%s\" for=\"node\" attr.name=\"%s\" attr.type=\"string\"/>\n",
                node_keys[k], node_keys[k]);
    }
    for (size_t k = 0; k < sizeof(edge_keys) / sizeof(edge_keys[0]); k++) {
        fprintf(f, "  <key id=\"e_%s\" for=\"edge\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                edge_keys[k], edge_keys[k], k == 2 ? "boolean" : "string");
    }
    fputs("  <graph id=\"G\" edgedefault=\"directed\">\n", f);
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        fputs("    <node id=\"", f);
        flujo__xml_text(f, n->id);
        fputs("\">\n", f);
        graphml_data(f, "name", n->name);
        graphml_data(f, "type", n->type);
        graphml_data(f, "lane", n->lane >= 0 ? m->lanes[n->lane].name : NULL);
        graphml_data(f, "unit", flujo_model_unit(m, (int64_t)v));
        graphml_data(f, "process", m->processes[n->process].id);
        graphml_data(f, "parent", n->parent >= 0 ? m->nodes[n->parent].id : NULL);
        fputs("    </node>\n", f);
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        const flujo_flow_t *fl = &m->flows[j];
        fputs("    <edge id=\"", f);
        flujo__xml_text(f, fl->id);
        fputs("\" source=\"", f);
        flujo__xml_text(f, m->nodes[fl->source].id);
        fputs("\" target=\"", f);
        flujo__xml_text(f, m->nodes[fl->target].id);
        fputs("\">\n", f);
        graphml_data(f, "e_name", fl->name);
        graphml_data(f, "e_condition", fl->condition);
        graphml_data(f, "e_default", fl->is_default ? "true" : NULL);
        fputs("    </edge>\n", f);
    }
    fputs("  </graph>\n</graphml>\n", f);
    return flujo__finish(f, "cannot write the output", err);
}
