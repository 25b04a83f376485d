/* report.c - writers of check reports and process graphs (text, JSON, DOT, GraphML). */
#include <stdio.h>
#include <string.h>

#include "flujo_report.h"
#include "json_int.h"

static flujo_status_t finish(FILE *f, flujo_err_t *err)
{
    if (fflush(f) != 0 || ferror(f)) {
        return flujo_err_set(err, FLUJO_EIO, "cannot write the output");
    }
    return FLUJO_OK;
}

static const char *severity_word(flujo_severity_t s)
{
    switch (s) {
    case FLUJO_SEV_ERROR:
        return "error";
    case FLUJO_SEV_WARNING:
        return "warning";
    case FLUJO_SEV_NOTE:
        return "note";
    }
    return "note";
}

void flujo_report_diag(FILE *f, const char *file, const flujo_diag_t *d)
{
    if (d->line > 0) {
        fprintf(f, "%s:%ld: %s: %s\n", file, d->line, severity_word(d->severity), d->message);
    } else {
        fprintf(f, "%s: %s: %s\n", file, severity_word(d->severity), d->message);
    }
}

static size_t sum_counts(const flujo_model_t *m, flujo_count_t from, flujo_count_t to)
{
    size_t n = 0;
    for (int c = from; c <= (int)to; c++) {
        n += m->counts[c];
    }
    return n;
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* "12 activities (10 userTask, 2 task)": a group total with its non-zero members. */
static void group_line(FILE *f, const flujo_model_t *m, const char *what, const char *whats,
                       flujo_count_t from, flujo_count_t to)
{
    size_t total = sum_counts(m, from, to);
    fprintf(f, "  %zu %s", total, total == 1 ? what : whats);
    if (total > 0) {
        const char *sep = " (";
        for (int c = from; c <= (int)to; c++) {
            if (m->counts[c] > 0) {
                fprintf(f, "%s%zu %s", sep, m->counts[c], flujo_count_name((flujo_count_t)c));
                sep = ", ";
            }
        }
        fputc(')', f);
    }
    fputc('\n', f);
}

flujo_status_t flujo_report_check_text(FILE *f, const flujo_model_t *m, const flujo_diags_t *d,
                                       const flujo_cycle_t *cycles, size_t n_cycles,
                                       flujo_err_t *err)
{
    char lbl[256];
    fprintf(f, "%s: %zu process%s, %zu pool%s, %zu lane%s\n", m->file, m->n_processes,
            m->n_processes == 1 ? "" : "es", m->n_participants, plural(m->n_participants),
            m->n_lanes, plural(m->n_lanes));
    group_line(f, m, "activity", "activities", FLUJO_COUNT_TASK, FLUJO_COUNT_CALL_ACTIVITY);
    group_line(f, m, "event", "events", FLUJO_COUNT_START_EVENT, FLUJO_COUNT_BOUNDARY_EVENT);
    group_line(f, m, "gateway", "gateways", FLUJO_COUNT_EXCLUSIVE_GATEWAY,
               FLUJO_COUNT_COMPLEX_GATEWAY);
    fprintf(f, "  %zu sequence flow%s, %zu message flow%s\n", m->counts[FLUJO_COUNT_SEQUENCE_FLOW],
            plural(m->counts[FLUJO_COUNT_SEQUENCE_FLOW]), m->counts[FLUJO_COUNT_MESSAGE_FLOW],
            plural(m->counts[FLUJO_COUNT_MESSAGE_FLOW]));
    if (m->n_lanes > 0) {
        fputs("  lanes:", f);
        for (size_t i = 0; i < m->n_lanes; i++) {
            size_t n = 0;
            for (size_t v = 0; v < m->n_nodes; v++) {
                n += m->nodes[v].lane == (int64_t)i;
            }
            fprintf(f, "%s %s (%zu)", i ? "," : "",
                    m->lanes[i].name[0] ? m->lanes[i].name : m->lanes[i].id, n);
        }
        fputc('\n', f);
    }
    for (size_t k = 0; k < n_cycles; k++) {
        fprintf(f, "  rework loop %zu:", k + 1);
        for (size_t i = 0; i < cycles[k].n; i++) {
            fprintf(f, "%s%s", i ? " -> " : " ",
                    flujo_model_label(m, cycles[k].nodes[i], lbl, sizeof(lbl)));
        }
        fputc('\n', f);
    }
    size_t ne = flujo_diags_count(d, FLUJO_SEV_ERROR);
    size_t nw = flujo_diags_count(d, FLUJO_SEV_WARNING);
    fprintf(f, "%zu error%s, %zu warning%s\n", ne, plural(ne), nw, plural(nw));
    return finish(f, err);
}

static void json_diags(flujo__json_t *j, const flujo_diags_t *d, flujo_severity_t sev)
{
    flujo__json_begin_array(j);
    for (size_t i = 0; i < d->n; i++) {
        const flujo_diag_t *g = &d->items[i];
        if (g->severity != sev) {
            continue;
        }
        flujo__json_begin_object(j);
        flujo__json_key(j, "id");
        flujo__json_string(j, g->id);
        flujo__json_key(j, "code");
        flujo__json_string(j, g->code);
        flujo__json_key(j, "line");
        flujo__json_int(j, g->line);
        flujo__json_key(j, "message");
        flujo__json_string(j, g->message);
        flujo__json_end_object(j);
    }
    flujo__json_end_array(j);
}

flujo_status_t flujo_report_check_json(FILE *f, const flujo_model_t *m, const flujo_diags_t *d,
                                       const flujo_cycle_t *cycles, size_t n_cycles,
                                       flujo_err_t *err)
{
    flujo__json_t j;
    flujo__json_init(&j, f);
    flujo__json_begin_object(&j);
    flujo__json_key(&j, "file");
    flujo__json_string(&j, m->file);
    flujo__json_key(&j, "processes");
    flujo__json_begin_array(&j);
    for (size_t p = 0; p < m->n_processes; p++) {
        const flujo_process_t *pr = &m->processes[p];
        size_t nodes = 0;
        for (size_t v = 0; v < m->n_nodes; v++) {
            nodes += m->nodes[v].process == (int64_t)p;
        }
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "id");
        flujo__json_string(&j, pr->id);
        flujo__json_key(&j, "name");
        flujo__json_string(&j, pr->name);
        flujo__json_key(&j, "participant");
        flujo__json_string(&j, pr->participant >= 0 ? m->participants[pr->participant].name : NULL);
        flujo__json_key(&j, "nodes");
        flujo__json_int(&j, (int64_t)nodes);
        flujo__json_key(&j, "lanes");
        flujo__json_begin_array(&j);
        for (size_t i = 0; i < m->n_lanes; i++) {
            if (m->lanes[i].process == (int64_t)p) {
                flujo__json_string(&j, m->lanes[i].name);
            }
        }
        flujo__json_end_array(&j);
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_key(&j, "counts");
    flujo__json_begin_object(&j);
    for (int c = 0; c < FLUJO_COUNT_N; c++) {
        flujo__json_key(&j, flujo_count_name((flujo_count_t)c));
        flujo__json_int(&j, (int64_t)m->counts[c]);
    }
    flujo__json_end_object(&j);
    flujo__json_key(&j, "errors");
    json_diags(&j, d, FLUJO_SEV_ERROR);
    flujo__json_key(&j, "warnings");
    json_diags(&j, d, FLUJO_SEV_WARNING);
    flujo__json_key(&j, "loops");
    flujo__json_begin_array(&j);
    for (size_t k = 0; k < n_cycles; k++) {
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "nodes");
        flujo__json_begin_array(&j);
        for (size_t i = 0; i < cycles[k].n; i++) {
            flujo__json_string(&j, m->nodes[cycles[k].nodes[i]].id);
        }
        flujo__json_end_array(&j);
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_end_object(&j);
    flujo__json_finish(&j);
    return finish(f, err);
}

/* ---- DOT ---------------------------------------------------------------------------------------
 */

static void dot_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            fputc('\\', f);
        }
        fputc(*s, f);
    }
    fputc('"', f);
}

static const char *gateway_mark(flujo_gateway_t g)
{
    switch (g) {
    case FLUJO_GW_EXCLUSIVE:
        return "X";
    case FLUJO_GW_PARALLEL:
        return "+";
    case FLUJO_GW_INCLUSIVE:
        return "O";
    case FLUJO_GW_EVENT:
        return "E";
    case FLUJO_GW_COMPLEX:
        return "*";
    case FLUJO_GW_NONE:
        break;
    }
    return "";
}

static void dot_node(FILE *f, const flujo_model_t *m, int64_t v, int depth)
{
    const flujo_node_t *n = &m->nodes[v];
    const char *label = n->name[0] ? n->name : n->id;
    fprintf(f, "%*s", 2 * depth, "");
    dot_string(f, n->id);
    fputs(" [label=", f);
    switch (n->kind) {
    case FLUJO_NODE_TASK:
    case FLUJO_NODE_CALL:
    case FLUJO_NODE_SUBPROCESS:
        dot_string(f, label);
        fprintf(f, ", shape=box, style=\"rounded%s\"", n->kind == FLUJO_NODE_TASK ? "" : ",bold");
        break;
    case FLUJO_NODE_GATEWAY: {
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        flujo_sbuf_printf(&b, "%s%s%s", gateway_mark(n->gateway), n->name[0] ? " " : "", n->name);
        dot_string(f, b.s);
        flujo_sbuf_destroy(&b);
        fputs(", shape=diamond", f);
        break;
    }
    default:
        dot_string(f, n->name);
        fprintf(f, ", shape=%s", n->kind == FLUJO_NODE_END ? "doublecircle" : "circle");
        fputs(", width=0.3, fixedsize=false", f);
    }
    fputs(", xlabel=", f);
    dot_string(f, n->type);
    fputs("];\n", f);
}

static void dot_scope_nodes(FILE *f, const flujo_model_t *m, int64_t process, int64_t lane,
                            int64_t parent, int depth);

/* An expanded sub-process as a cluster of its inner nodes. */
static void dot_subprocess(FILE *f, const flujo_model_t *m, int64_t v, int depth)
{
    const flujo_node_t *n = &m->nodes[v];
    fprintf(f, "%*ssubgraph ", 2 * depth, "");
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    flujo_sbuf_printf(&b, "cluster_sub_%s", n->id);
    dot_string(f, b.s);
    flujo_sbuf_destroy(&b);
    fputs(" {\n", f);
    fprintf(f, "%*slabel=", 2 * (depth + 1), "");
    dot_string(f, n->name[0] ? n->name : n->id);
    fprintf(f, "; style=dashed;\n");
    dot_scope_nodes(f, m, n->process, -2, v, depth + 1);
    fprintf(f, "%*s}\n", 2 * depth, "");
}

/* Nodes of a scope in one lane (lane -2: any lane), with sub-processes as nested clusters. */
static void dot_scope_nodes(FILE *f, const flujo_model_t *m, int64_t process, int64_t lane,
                            int64_t parent, int depth)
{
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->process != process || n->parent != parent || (lane != -2 && n->lane != lane)) {
            continue;
        }
        dot_node(f, m, (int64_t)v, depth);
        if (n->kind == FLUJO_NODE_SUBPROCESS) {
            dot_subprocess(f, m, (int64_t)v, depth);
        }
    }
}

static void dot_lane(FILE *f, const flujo_model_t *m, int64_t lane, int depth)
{
    const flujo_lane_t *l = &m->lanes[lane];
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    flujo_sbuf_printf(&b, "cluster_lane_%s", l->id);
    fprintf(f, "%*ssubgraph ", 2 * depth, "");
    dot_string(f, b.s);
    flujo_sbuf_destroy(&b);
    fputs(" {\n", f);
    fprintf(f, "%*slabel=", 2 * (depth + 1), "");
    dot_string(f, l->name[0] ? l->name : l->id);
    fputs(";\n", f);
    for (size_t i = 0; i < m->n_lanes; i++) {
        if (m->lanes[i].parent == lane) {
            dot_lane(f, m, (int64_t)i, depth + 1);
        }
    }
    dot_scope_nodes(f, m, l->process, lane, -1, depth + 1);
    fprintf(f, "%*s}\n", 2 * depth, "");
}

flujo_status_t flujo_report_graph_dot(FILE *f, const flujo_model_t *m, flujo_err_t *err)
{
    fputs("digraph ", f);
    dot_string(f, m->file);
    fputs(" {\n  rankdir=LR;\n  compound=true;\n  node [fontname=\"Helvetica\", fontsize=10];\n"
          "  edge [fontname=\"Helvetica\", fontsize=9];\n",
          f);
    for (size_t p = 0; p < m->n_processes; p++) {
        const flujo_process_t *pr = &m->processes[p];
        const char *label = pr->participant >= 0 && m->participants[pr->participant].name[0]
                                ? m->participants[pr->participant].name
                                : (pr->name[0] ? pr->name : pr->id);
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        flujo_sbuf_printf(&b, "cluster_pool_%s", pr->id);
        fputs("  subgraph ", f);
        dot_string(f, b.s);
        flujo_sbuf_destroy(&b);
        fputs(" {\n    label=", f);
        dot_string(f, label);
        fputs(";\n    style=bold;\n", f);
        for (size_t i = 0; i < m->n_lanes; i++) {
            if (m->lanes[i].process == (int64_t)p && m->lanes[i].parent < 0) {
                dot_lane(f, m, (int64_t)i, 2);
            }
        }
        dot_scope_nodes(f, m, (int64_t)p, -1, -1, 2);
        fputs("  }\n", f);
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        const flujo_flow_t *fl = &m->flows[j];
        fputs("  ", f);
        dot_string(f, m->nodes[fl->source].id);
        fputs(" -> ", f);
        dot_string(f, m->nodes[fl->target].id);
        fputs(" [id=", f);
        dot_string(f, fl->id);
        if (fl->name[0]) {
            fputs(", label=", f);
            dot_string(f, fl->name);
        }
        if (fl->is_default) {
            fputs(", arrowtail=odiamond, dir=both", f);
        }
        fputs("];\n", f);
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->kind == FLUJO_NODE_BOUNDARY && n->attached_to >= 0) {
            fputs("  ", f);
            dot_string(f, m->nodes[n->attached_to].id);
            fputs(" -> ", f);
            dot_string(f, n->id);
            fprintf(f, " [style=dotted, arrowhead=none%s];\n",
                    n->cancel_activity ? "" : ", color=gray40");
        }
    }
    for (size_t i = 0; i < m->n_msgflows; i++) {
        const flujo_msgflow_t *mf = &m->msgflows[i];
        if (mf->source_node >= 0 && mf->target_node >= 0) {
            fputs("  ", f);
            dot_string(f, m->nodes[mf->source_node].id);
            fputs(" -> ", f);
            dot_string(f, m->nodes[mf->target_node].id);
            fputs(" [style=dashed, arrowhead=empty, constraint=false, id=", f);
            dot_string(f, mf->id);
            fputs("];\n", f);
        }
    }
    fputs("}\n", f);
    return finish(f, err);
}

/* ---- GraphML -----------------------------------------------------------------------------------
 */

static void xml_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '&':
            fputs("&amp;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        default:
            fputc(*s, f);
        }
    }
}

static void graphml_data(FILE *f, const char *key, const char *value)
{
    if (value == NULL || value[0] == '\0') {
        return;
    }
    fprintf(f, "      <data key=\"%s\">", key);
    xml_text(f, value);
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
        xml_text(f, n->id);
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
        xml_text(f, fl->id);
        fputs("\" source=\"", f);
        xml_text(f, m->nodes[fl->source].id);
        fputs("\" target=\"", f);
        xml_text(f, m->nodes[fl->target].id);
        fputs("\">\n", f);
        graphml_data(f, "e_name", fl->name);
        graphml_data(f, "e_condition", fl->condition);
        graphml_data(f, "e_default", fl->is_default ? "true" : NULL);
        fputs("    </edge>\n", f);
    }
    fputs("  </graph>\n</graphml>\n", f);
    return finish(f, err);
}
