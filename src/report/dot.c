/* dot.c - the process graph in Graphviz DOT: pools, lanes and expanded sub-processes as
 * clusters, sequence flows, boundary events and message flows as edges. */
#include <stdint.h>
#include <stdio.h>

#include "base/base_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

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
    return flujo__finish(f, "cannot write the output", err);
}
