/* report.c - writers of check reports and process graphs (text, JSON, DOT, GraphML). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_calendar.h"
#include "flujo_report.h"
#include "report/report_int.h"

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
        return _("error");
    case FLUJO_SEV_WARNING:
        return _("warning");
    case FLUJO_SEV_NOTE:
        return _("note");
    }
    return _("note");
}

void flujo_report_diag(FILE *f, const char *file, const flujo_diag_t *d)
{
    file = d->file != NULL ? d->file : file;
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

/* The singular or the plural of a word, translated. */
static const char *pl(size_t n, const char *one, const char *many)
{
    return n == 1 ? _(one) : _(many);
}

/* "unlimited", or "  3 performers": how many a pool has, into buf. */
static const char *performers_text(const flujo_pool_t *pool, char *buf, size_t n)
{
    if (pool->unlimited) {
        snprintf(buf, n, "%s", _("unlimited"));
    } else {
        snprintf(buf, n, "%3ld %s", pool->count,
                 pl((size_t)pool->count, N_("performer"), N_("performers")));
    }
    return buf;
}

/* Writes s in a column of `width` characters (UTF-8 code points, not bytes), cut or padded. */
static void column(FILE *f, const char *s, int width, bool right)
{
    int chars = 0;
    const char *end = s;
    while (*end && chars < width) {
        end++;
        while ((*end & 0xC0) == 0x80) {
            end++; /* continuation bytes belong to the same character */
        }
        chars++;
    }
    if (right) {
        fprintf(f, "%*s", width - chars, "");
    }
    fwrite(s, 1, (size_t)(end - s), f);
    if (!right) {
        fprintf(f, "%*s", width - chars, "");
    }
}

/* "12 activities (10 userTask, 2 task)": a group total with its non-zero members. */
static void group_line(FILE *f, const flujo_model_t *m, const char *what, const char *whats,
                       flujo_count_t from, flujo_count_t to)
{
    size_t total = sum_counts(m, from, to);
    fprintf(f, "  %zu %s", total, pl(total, what, whats));
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
    fprintf(f, "%s: %zu %s, %zu %s, %zu %s\n", m->file, m->n_processes,
            pl(m->n_processes, N_("process"), N_("processes")), m->n_participants,
            pl(m->n_participants, N_("pool"), N_("pools")), m->n_lanes,
            pl(m->n_lanes, N_("lane"), N_("lanes")));
    group_line(f, m, N_("activity"), N_("activities"), FLUJO_COUNT_TASK, FLUJO_COUNT_CALL_ACTIVITY);
    group_line(f, m, N_("event"), N_("events"), FLUJO_COUNT_START_EVENT,
               FLUJO_COUNT_BOUNDARY_EVENT);
    group_line(f, m, N_("gateway"), N_("gateways"), FLUJO_COUNT_EXCLUSIVE_GATEWAY,
               FLUJO_COUNT_COMPLEX_GATEWAY);
    fprintf(f, "  %zu %s, %zu %s\n", m->counts[FLUJO_COUNT_SEQUENCE_FLOW],
            pl(m->counts[FLUJO_COUNT_SEQUENCE_FLOW], N_("sequence flow"), N_("sequence flows")),
            m->counts[FLUJO_COUNT_MESSAGE_FLOW],
            pl(m->counts[FLUJO_COUNT_MESSAGE_FLOW], N_("message flow"), N_("message flows")));
    if (m->n_lanes > 0) {
        fprintf(f, "  %s:", _("lanes"));
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
        fprintf(f, "  %s %zu:", _("rework loop"), k + 1);
        for (size_t i = 0; i < cycles[k].n; i++) {
            fprintf(f, "%s%s", i ? " -> " : " ",
                    flujo_model_label(m, cycles[k].nodes[i], lbl, sizeof(lbl)));
        }
        fputc('\n', f);
    }
    size_t ne = flujo_diags_count(d, FLUJO_SEV_ERROR);
    size_t nw = flujo_diags_count(d, FLUJO_SEV_WARNING);
    fprintf(f, "%zu %s, %zu %s\n", ne, pl(ne, N_("error"), N_("errors")), nw,
            pl(nw, N_("warning"), N_("warnings")));
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
                                       const flujo_scenario_t *s, const flujo_capacity_t *cap,
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
    flujo__json_key(&j, "notes");
    json_diags(&j, d, FLUJO_SEV_NOTE);
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
    if (s != NULL && cap != NULL) {
        flujo__json_key(&j, "scenario");
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "name");
        flujo__json_string(&j, s->name);
        flujo__json_key(&j, "arrivals_per_h");
        flujo__json_double(&j, (cap->rate - cap->bg_rate) * 3600);
        flujo__json_key(&j, "background_per_h");
        flujo__json_double(&j, cap->bg_rate * 3600);
        flujo__json_key(&j, "redesign");
        flujo__json_begin_array(&j);
        for (size_t i = 0; i < s->changes.n; i++) {
            flujo__json_string(&j, s->changes.items[i].message);
        }
        flujo__json_end_array(&j);
        flujo__json_key(&j, "capacity");
        flujo__json_begin_array(&j);
        for (size_t p = 0; p < s->n_pools; p++) {
            flujo__json_begin_object(&j);
            flujo__json_key(&j, "resource");
            flujo__json_string(&j, s->pools[p].name);
            flujo__json_key(&j, "count");
            if (s->pools[p].unlimited) {
                flujo__json_string(&j, "unlimited");
            } else {
                flujo__json_int(&j, s->pools[p].count);
            }
            flujo__json_key(&j, "work_h_per_case");
            flujo__json_double(&j, cap->work[p] / 3600);
            flujo__json_key(&j, "utilization");
            flujo__json_double(&j, s->pools[p].unlimited ? NAN : cap->rho[p]);
            flujo__json_end_object(&j);
        }
        flujo__json_end_array(&j);
        flujo__json_end_object(&j);
    }
    flujo__json_end_object(&j);
    flujo__json_finish(&j);
    return finish(f, err);
}

flujo_status_t flujo_report_capacity_text(FILE *f, const flujo_scenario_t *s,
                                          const flujo_capacity_t *cap, flujo_err_t *err)
{
    if (s->changes.n > 0) {
        fprintf(f, "%s: %zu %s\n", _("redesign"), s->changes.n,
                pl(s->changes.n,
                   N_("change applied to the model before simulating (the structure above is the "
                      "changed one):"),
                   N_("changes applied to the model before simulating (the structure above is "
                      "the changed one):")));
        for (size_t i = 0; i < s->changes.n; i++) {
            fprintf(f, "  - %s\n", s->changes.items[i].message);
        }
    }
    double cases = cap->rate - cap->bg_rate;
    fprintf(f, _("scenario '%s': arrivals %.4g per hour on average (%.4g per business day)"),
            s->name, cases * 3600, cases * 86400 * 7 / cap->bd_week);
    if (cap->bg_rate > 0) {
        fprintf(f, _(", plus %.4g per hour of background work"), cap->bg_rate * 3600);
    }
    fputc('\n', f);
    fprintf(f, "  %s\n", _("capacity check (open network estimate):"));
    /* columns as wide as their widest entry (at least "unlimited"): names and "3 performers"
     * are never cut */
    int name_w = 8, who_w = (int)flujo_utf8_width(_("unlimited"));
    char who[64];
    for (size_t p = 0; p < s->n_pools; p++) {
        int nw = (int)flujo_utf8_width(s->pools[p].name);
        int ww = (int)flujo_utf8_width(performers_text(&s->pools[p], who, sizeof(who)));
        name_w = nw > name_w ? (nw < 60 ? nw : 60) : name_w;
        who_w = ww > who_w ? ww : who_w;
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        /* hours of work per week of 7 days: comparable with a weekly timetable */
        double per_week = cap->rate * cap->work[p] * 24 * 7;
        char hw[32];
        flujo__sig(per_week, 3, hw, sizeof(hw));
        fputs("    ", f);
        column(f, pool->name, name_w, false);
        fputs("  ", f);
        column(f, performers_text(pool, who, sizeof(who)), who_w, false);
        if (pool->unlimited) {
            fprintf(f, " %8s %s\n", hw, _("h a week in its hands"));
        } else {
            fprintf(f, " %8s %s %.0f%%%s\n", hw, _("h of work a week, utilisation"),
                    100 * cap->rho[p], cap->rho[p] >= 1 ? _("  OVERLOADED") : "");
        }
    }
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

void flujo__xml_text(FILE *f, const char *s)
{
    for (; s != NULL && *s; s++) {
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
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            /* control characters other than tab and newlines cannot be in XML at all */
            fputc((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r' ? ' ' : *s, f);
        }
    }
}

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
    return finish(f, err);
}

/* ---- run results ------------------------------------------------------------------------- */

const char *flujo__sig(double x, int digits, char *buf, size_t n)
{
    if (isnan(x)) {
        snprintf(buf, n, "-");
    } else if (fabs(x) >= pow(10, digits) - 0.5) {
        snprintf(buf, n, "%.0f", x);
    } else {
        snprintf(buf, n, "%.*g", digits, x);
    }
    return buf;
}

const char *flujo__pct(double x, char *buf, size_t n)
{
    if (x < 1 && 100 * x >= 99.95) {
        snprintf(buf, n, ">99.9%%");
    } else if (x > 0 && 100 * x < 0.05) {
        snprintf(buf, n, "<0.1%%");
    } else {
        snprintf(buf, n, "%.1f%%", 100 * x);
    }
    return buf;
}

const char *flujo__task_pools(const flujo_scenario_t *s, size_t v, char *buf, size_t n)
{
    const flujo_task_t *t = &s->tasks[v];
    if (t->n_alts == 0) {
        snprintf(buf, n, "%s", t->pool >= 0 ? s->pools[t->pool].name : "");
        return buf;
    }
    size_t o = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < t->n_alts && o + 1 < n; k++) {
        int w = snprintf(buf + o, n - o, "%s%s", k ? " | " : "", s->pools[t->alts[k].pool].name);
        o += w > 0 ? (size_t)w : 0;
    }
    return buf;
}

static bool word_char(char c)
{
    return c == '_' || c == '-' || c == '.' || (unsigned char)c >= 0x80 || (c >= '0' && c <= '9') ||
           ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

const char *flujo__condition_text(const char *expr, char *buf, size_t n)
{
    size_t o = 0;
    int depth = 0;
    for (const char *p = expr; *p && o + 1 < n;) {
        if (*p == '"' || *p == '\'') { /* a quoted value: copied as it is */
            const char *e = strchr(p + 1, *p);
            size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
            for (size_t k = 0; k < len && o + 1 < n; k++) {
                buf[o++] = p[k];
            }
            p += len;
            continue;
        }
        if (!word_char(*p)) {
            depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
            buf[o++] = *p++;
            continue;
        }
        const char *s = p;
        while (word_char(*p)) {
            p++;
        }
        size_t len = (size_t)(p - s);
        const char *kw = NULL;
        if (depth == 0 && len == 3 && strncmp(s, "not", 3) == 0) {
            const char *q = p;
            while (*q == ' ') {
                q++;
            }
            if (strncmp(q, "in", 2) == 0 && !word_char(q[2])) {
                kw = _("not in");
                p = q + 2;
            } else {
                kw = _("not");
            }
        } else if (depth == 0 && len == 2 && strncmp(s, "in", 2) == 0) {
            kw = _("in");
        } else if (depth == 0 && len == 3 && strncmp(s, "and", 3) == 0) {
            kw = _("and");
        } else if (depth == 0 && len == 2 && strncmp(s, "or", 2) == 0) {
            kw = _("or");
        }
        if (kw != NULL) {
            s = kw;
            len = strlen(kw);
        }
        for (size_t k = 0; k < len && o + 1 < n; k++) {
            buf[o++] = s[k];
        }
    }
    buf[o] = '\0';
    return buf;
}

void flujo__json_estimate_open(flujo__json_t *j, flujo_estimate_t e, double scale)
{
    flujo__json_begin_object(j);
    flujo__json_key(j, "mean");
    flujo__json_double(j, e.mean * scale);
    flujo__json_key(j, "ci95");
    flujo__json_begin_array(j);
    flujo__json_double(j, e.lo * scale);
    flujo__json_double(j, e.hi * scale);
    flujo__json_end_array(j);
    flujo__json_key(j, "sd");
    flujo__json_double(j, e.sd * scale);
}

static void json_est(flujo__json_t *j, const char *key, flujo_estimate_t e)
{
    flujo__json_key(j, key);
    flujo__json_estimate_open(j, e, 1);
    flujo__json_end_object(j);
}

static void json_dist(flujo__json_t *j, const char *key, flujo_estimate_t e, const flujo_hist_t *h)
{
    flujo__json_key(j, key);
    flujo__json_estimate_open(j, e, 1);
    flujo__json_key(j, "p50");
    flujo__json_double(j, flujo_hist_quantile(h, 0.50));
    flujo__json_key(j, "p90");
    flujo__json_double(j, flujo_hist_quantile(h, 0.90));
    flujo__json_key(j, "p95");
    flujo__json_double(j, flujo_hist_quantile(h, 0.95));
    flujo__json_key(j, "max");
    flujo__json_double(j, flujo_hist_quantile(h, 1));
    flujo__json_end_object(j);
}

const char *flujo_report_reason(const flujo_results_t *r, const flujo_bottleneck_t *b, char *buf,
                                size_t n)
{
    const flujo_pool_t *p = &r->s->pools[b->pool];
    char busy[96];
    snprintf(busy, sizeof(busy), _("%.0f%% busy with %ld %s"), 100 * b->utilization, p->count,
             pl((size_t)p->count, N_("performer"), N_("performers")));
    if (p->unlimited) {
        snprintf(buf, n, "%s", _("never queues (unlimited performers)"));
    } else if (b->waiting_share >= 0.005) {
        /* the wait splits into the part until the unit opened (its working hours or
         * session) and the rest (a free performer was lacking) */
        double hours = isnan(b->wait_hours_h) ? 0 : b->wait_hours_h;
        double performer = b->wait_h - hours > 0 ? b->wait_h - hours : 0;
        char split[96];
        if (hours < 0.05 * b->wait_h) {
            snprintf(split, sizeof(split), "%s", _("for a free performer"));
        } else if (performer < 0.05 * b->wait_h) {
            snprintf(split, sizeof(split), "%s", _("for its working hours"));
        } else {
            char a[32], c[32];
            snprintf(split, sizeof(split), _("%s h for a free performer, %s h for its hours"),
                     flujo__sig(performer, 3, a, sizeof(a)), flujo__sig(hours, 3, c, sizeof(c)));
        }
        char w[32];
        snprintf(buf, n,
                 _("%s; expedientes wait %s h there on average (%s), %.0f%% of all queue "
                   "time"),
                 busy, flujo__sig(b->wait_h, 3, w, sizeof(w)), split, 100 * b->waiting_share);
    } else {
        snprintf(buf, n, _("%s; work hardly waits"), busy);
    }
    return buf;
}

static const char *silence_word(flujo_silence_t s)
{
    return s == FLUJO_SILENCE_POSITIVE   ? "positive"
           : s == FLUJO_SILENCE_NEGATIVE ? "negative"
                                         : "none";
}

const char *flujo_report_silence_meaning(flujo_silence_t s)
{
    switch (s) {
    case FLUJO_SILENCE_POSITIVE:
        return _("approved by silencio administrativo positivo (Ley 27444 art. 33)");
    case FLUJO_SILENCE_NEGATIVE:
        return _("the citizen may treat it as denied (silencio negativo) and appeal");
    case FLUJO_SILENCE_NONE:
        break;
    }
    return _("no silence rule: the case stays pending");
}

static bool is_task(const flujo_model_t *m, size_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_TASK;
}

flujo_status_t flujo_report_run_json(FILE *f, const flujo_results_t *r, flujo_err_t *err)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    flujo__json_t j;
    char reason[300];
    flujo__json_init(&j, f);
    flujo__json_begin_object(&j);
    flujo__json_key(&j, "flujo");
    flujo__json_int(&j, 1);
    flujo__json_key(&j, "scenario");
    flujo__json_string(&j, s->name);
    flujo__json_key(&j, "replications");
    flujo__json_int(&j, r->n_done);
    flujo__json_key(&j, "seed");
    flujo__json_int(&j, (int64_t)s->seed);
    flujo__json_key(&j, "partial");
    flujo__json_bool(&j, r->partial);
    flujo__json_key(&j, "cases");
    flujo__json_begin_object(&j);
    if (s->cases > 0) {
        flujo__json_key(&j, "per_replication");
        flujo__json_int(&j, s->cases);
    }
    flujo__json_key(&j, "arrived");
    flujo__json_int(&j, (int64_t)flujo_results_arrived(r));
    flujo__json_key(&j, "completed");
    flujo__json_int(&j, (int64_t)flujo_results_completed(r));
    flujo__json_key(&j, "in_flight_at_end");
    flujo__json_int(&j, (int64_t)flujo_results_in_flight(r));
    flujo__json_end_object(&j);
    json_dist(&j, "cycle_time_h", flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), r->hist_h);
    json_dist(&j, "cycle_time_bd", flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD), r->hist_bd);
    json_est(&j, "waiting_h", flujo_results_kpi(r, FLUJO_KPI_WAITING_H));
    json_est(&j, "processing_h", flujo_results_kpi(r, FLUJO_KPI_PROCESSING_H));
    flujo__json_key(&j, "sla");
    flujo__json_begin_object(&j);
    flujo__json_key(&j, "deadline_bd");
    flujo__json_double(&j, s->sla.set ? s->sla.deadline / 86400 : NAN);
    flujo__json_key(&j, "deadline_rules");
    flujo__json_begin_array(&j);
    for (size_t i = 0; i <= s->sla.n_rules && s->sla.n_rules > 0; i++) {
        bool other = i == s->sla.n_rules;
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "condition");
        flujo__json_string(&j, other ? "else" : s->sla.rule_text[i]);
        flujo__json_key(&j, "deadline_bd");
        flujo__json_double(&j, (other ? s->sla.deadline : s->sla.rule_deadline[i]) / 86400);
        json_est(&j, "within", flujo_results_rule_within(r, i));
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_key(&j, "grace_bd");
    flujo__json_double(&j, s->sla.set ? s->sla.grace / 86400 : NAN);
    flujo__json_key(&j, "silence");
    flujo__json_string(&j, s->sla.set ? silence_word(s->sla.silence) : NULL);
    flujo__json_key(&j, "meaning");
    flujo__json_string(&j, s->sla.set ? flujo_report_silence_meaning(s->sla.silence) : NULL);
    json_est(&j, "within", flujo_results_kpi(r, FLUJO_KPI_WITHIN));
    json_est(&j, "silenced", flujo_results_kpi(r, FLUJO_KPI_SILENCED));
    json_est(&j, "paused_bd", flujo_results_kpi(r, FLUJO_KPI_PAUSED_BD));
    flujo__json_key(&j, "legal_time_bd");
    flujo__json_begin_object(&j);
    flujo__json_key(&j, "p50");
    flujo__json_double(&j, flujo_hist_quantile(r->hist_bd, 0.50));
    flujo__json_key(&j, "p90");
    flujo__json_double(&j, flujo_hist_quantile(r->hist_bd, 0.90));
    flujo__json_key(&j, "p95");
    flujo__json_double(&j, flujo_hist_quantile(r->hist_bd, 0.95));
    flujo__json_end_object(&j);
    flujo__json_end_object(&j);
    json_est(&j, "cost_per_case", flujo_results_kpi(r, FLUJO_KPI_COST));
    json_est(&j, "handoffs_per_case", flujo_results_kpi(r, FLUJO_KPI_HANDOFFS));
    json_est(&j, "handoff_lead_bd", flujo_results_kpi(r, FLUJO_KPI_HANDOFF_BD));
    json_est(&j, "throughput_per_bd", flujo_results_kpi(r, FLUJO_KPI_THROUGHPUT));
    flujo__json_key(&j, "resources");
    flujo__json_begin_array(&j);
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "name");
        flujo__json_string(&j, pool->name);
        flujo__json_key(&j, "count");
        if (pool->unlimited) {
            flujo__json_string(&j, "unlimited");
        } else {
            flujo__json_int(&j, pool->count);
        }
        json_est(&j, "utilization", flujo_results_pool(r, p, FLUJO_POOL_UTIL));
        json_est(&j, "busy", flujo_results_pool(r, p, FLUJO_POOL_BUSY));
        json_est(&j, "queue_length", flujo_results_pool(r, p, FLUJO_POOL_QUEUE));
        json_est(&j, "waiting_h", flujo_results_pool(r, p, FLUJO_POOL_WAIT_H));
        json_est(&j, "arrivals_per_h", flujo_results_pool(r, p, FLUJO_POOL_RATE_H));
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_key(&j, "activities");
    flujo__json_begin_array(&j);
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (!is_task(m, v)) {
            continue;
        }
        const flujo_node_t *n = &m->nodes[v];
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "id");
        flujo__json_string(&j, n->id);
        flujo__json_key(&j, "name");
        flujo__json_string(&j, n->name);
        flujo__json_key(&j, "lane");
        flujo__json_string(&j, flujo_model_unit(m, (int64_t)v));
        flujo__json_key(&j, "resource");
        char pools[512];
        flujo__json_string(&j, flujo__task_pools(s, v, pools, sizeof(pools)));
        flujo__json_key(&j, "count");
        flujo__json_double(&j, flujo_results_activity_count(r, v));
        json_est(&j, "waiting_h", flujo_results_activity(r, v, false));
        json_est(&j, "processing_h", flujo_results_activity(r, v, true));
        const flujo_task_t *t = &s->tasks[v];
        bool has_deadline = t->deadline > 0 || t->deadline_same_day;
        flujo__json_key(&j, "deadline_bd");
        flujo__json_double(&j, has_deadline ? t->deadline / 86400 : NAN);
        json_est(&j, "within_deadline", flujo_results_activity_within(r, v));
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_key(&j, "bottlenecks");
    flujo__json_begin_array(&j);
    flujo_bottleneck_t *b = flujo_xcalloc(s->n_pools + 1, sizeof(*b));
    size_t nb = flujo_results_bottlenecks(r, b);
    for (size_t i = 0; i < nb; i++) {
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "resource");
        flujo__json_string(&j, s->pools[b[i].pool].name);
        flujo__json_key(&j, "utilization");
        flujo__json_double(&j, b[i].utilization);
        flujo__json_key(&j, "waiting_share");
        flujo__json_double(&j, b[i].waiting_share);
        flujo__json_key(&j, "wait_h");
        flujo__json_double(&j, b[i].wait_h);
        flujo__json_key(&j, "wait_for_hours_h");
        flujo__json_double(&j, b[i].wait_hours_h);
        flujo__json_key(&j, "reason");
        flujo__json_string(&j, flujo_report_reason(r, &b[i], reason, sizeof(reason)));
        flujo__json_end_object(&j);
    }
    free(b);
    flujo__json_end_array(&j);
    flujo__json_key(&j, "stuck_cases");
    flujo__json_begin_array(&j);
    for (long i = 0; i < r->n_reps; i++) {
        for (size_t k = 0; k < r->reps[i].n_stuck; k++) {
            flujo__json_begin_object(&j);
            flujo__json_key(&j, "replication");
            flujo__json_int(&j, r->reps[i].replication);
            flujo__json_key(&j, "case");
            flujo__json_int(&j, (int64_t)r->reps[i].stuck[k]);
            flujo__json_end_object(&j);
        }
    }
    flujo__json_end_array(&j);
    flujo__json_key(&j, "notes");
    flujo__json_begin_array(&j);
    for (size_t i = 0; i < s->notes.n; i++) {
        flujo__json_string(&j, s->notes.items[i].message);
    }
    flujo__json_end_array(&j);
    flujo__json_end_object(&j);
    flujo__json_finish(&j);
    return finish(f, err);
}

/* "23.46 [23.21, 23.70]" with a precision that suits the value. */
static void text_est(FILE *f, flujo_estimate_t e, double scale, const char *unit)
{
    if (isnan(e.mean)) {
        fputs("-", f);
        return;
    }
    fprintf(f, "%.4g%s", e.mean * scale, unit);
    if (!isnan(e.lo)) {
        fprintf(f, " [%.4g, %.4g]", e.lo * scale, e.hi * scale);
    }
}

flujo_status_t flujo_report_run_text(FILE *f, const flujo_results_t *r, flujo_err_t *err)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    char reason[300];
    flujo_estimate_t cyc = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    flujo_estimate_t wait = flujo_results_kpi(r, FLUJO_KPI_WAITING_H);
    flujo_estimate_t work = flujo_results_kpi(r, FLUJO_KPI_PROCESSING_H);

    /* the label column is as wide as the longest label in this language, 22 at least */
    char within_l[96], silenced_l[96];
    snprintf(within_l, sizeof(within_l), _("within plazo (%.4g bd)"), s->sla.deadline / 86400);
    snprintf(silenced_l, sizeof(silenced_l), _("silenced (> %.4g bd)"),
             (s->sla.deadline + s->sla.grace) / 86400);
    const char *labels[] = {
        _("cycle time"), _("legal time"),    _("within plazo (varies)"), within_l,
        silenced_l,      _("cost per case"), _("hand-offs per case"),    _("throughput")};
    int lw = 22;
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        int n = (int)flujo_utf8_width(labels[i]) + 1;
        lw = n > lw ? n : lw;
    }
    char bd_unit[16];
    snprintf(bd_unit, sizeof(bd_unit), " %s", _("bd"));
    fprintf(f, "%s\n", s->name);
    fprintf(f, "%ld %s%s, %s %llu; ", r->n_done,
            pl((size_t)r->n_done, N_("replication"), N_("replications")),
            r->partial ? _(" (PARTIAL: interrupted)") : "", _("seed"), (unsigned long long)s->seed);
    if (s->cases > 0) {
        fprintf(f, _("%ld expedientes each, all counted, until the last is done"), s->cases);
    } else {
        fprintf(f, _("%.6g h counted after a %.6g h warm-up"),
                (s->arrivals_end - s->warmup_end) / 3600, s->warmup_end / 3600);
    }
    fputc('\n', f);
    for (size_t i = 0; i < s->changes.n; i++) {
        fprintf(f, "%s: %s\n", _("redesign"), s->changes.items[i].message);
    }
    fprintf(f, _("cases: %llu arrived, %llu completed, %llu could not finish"),
            (unsigned long long)flujo_results_arrived(r),
            (unsigned long long)flujo_results_completed(r),
            (unsigned long long)flujo_results_in_flight(r));
    fputs("\n\n", f);
    column(f, _("cycle time"), lw, false);
    text_est(f, cyc, 1, " h");
    if (r->hist_h->n > 0) {
        fprintf(f, "   p50 %.4g  p90 %.4g  p95 %.4g  max %.4g h",
                flujo_hist_quantile(r->hist_h, 0.5), flujo_hist_quantile(r->hist_h, 0.9),
                flujo_hist_quantile(r->hist_h, 0.95), flujo_hist_quantile(r->hist_h, 1));
    }
    fputc('\n', f);
    column(f, _("legal time"), lw, false);
    text_est(f, flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD), 1, bd_unit);
    if (r->hist_bd->n > 0) {
        fprintf(f, "   p50 %.4g  p90 %.4g  p95 %.4g%s", flujo_hist_quantile(r->hist_bd, 0.5),
                flujo_hist_quantile(r->hist_bd, 0.9), flujo_hist_quantile(r->hist_bd, 0.95),
                bd_unit);
    }
    flujo_estimate_t pz = flujo_results_kpi(r, FLUJO_KPI_PAUSED_BD);
    if (pz.mean > 0) {
        fprintf(f, _("   (clock paused %.3g bd per case)"), pz.mean);
    }
    fputc('\n', f);
    fputs("  ", f);
    column(f, _("waiting in queues"), lw - 2, false);
    text_est(f, wait, 1, " h");
    if (cyc.mean > 0 && !isnan(wait.mean)) {
        fprintf(f, _("   (%.0f%% of the cycle)"), 100 * wait.mean / cyc.mean);
    }
    fputs("\n  ", f);
    column(f, _("work"), lw - 2, false);
    text_est(f, work, 1, " h");
    if (cyc.mean > 0 && !isnan(work.mean)) {
        fprintf(f, _("   (%.0f%% of the cycle)"), 100 * work.mean / cyc.mean);
    }
    fputc('\n', f);
    if (s->sla.set) {
        char label[64];
        if (s->sla.n_rules > 0) {
            snprintf(label, sizeof(label), "%s", _("within plazo (varies)"));
        } else {
            snprintf(label, sizeof(label), _("within plazo (%.4g bd)"), s->sla.deadline / 86400);
        }
        column(f, label, lw, false);
        text_est(f, flujo_results_kpi(r, FLUJO_KPI_WITHIN), 100, "%");
        for (size_t i = 0; i <= s->sla.n_rules && s->sla.n_rules > 0; i++) {
            bool other = i == s->sla.n_rules;
            char cond[256];
            fprintf(f, "\n  %s (%.4g %s): ",
                    other ? _("other cases")
                          : flujo__condition_text(s->sla.rule_text[i], cond, sizeof(cond)),
                    (other ? s->sla.deadline : s->sla.rule_deadline[i]) / 86400, _("bd"));
            text_est(f, flujo_results_rule_within(r, i), 100, "%");
        }
        if (s->sla.n_rules > 0) {
            snprintf(label, sizeof(label), _("silenced (+%.4g bd)"), s->sla.grace / 86400);
        } else {
            snprintf(label, sizeof(label), _("silenced (> %.4g bd)"),
                     (s->sla.deadline + s->sla.grace) / 86400);
        }
        fputc('\n', f);
        column(f, label, lw, false);
        text_est(f, flujo_results_kpi(r, FLUJO_KPI_SILENCED), 100, "%");
        fprintf(f, "   %s\n", flujo_report_silence_meaning(s->sla.silence));
    }
    column(f, _("cost per case"), lw, false);
    text_est(f, flujo_results_kpi(r, FLUJO_KPI_COST), 1, "");
    fputc('\n', f);
    column(f, _("hand-offs per case"), lw, false);
    text_est(f, flujo_results_kpi(r, FLUJO_KPI_HANDOFFS), 1, "");
    flujo_estimate_t lead = flujo_results_kpi(r, FLUJO_KPI_HANDOFF_BD);
    if (!isnan(lead.mean)) {
        fprintf(f, ", %s ", _("each"));
        text_est(f, lead, 1, bd_unit);
        fprintf(f, " %s", _("from one unit's work to the next"));
    }
    fputc('\n', f);
    column(f, _("throughput"), lw, false);
    char per_bd[64];
    snprintf(per_bd, sizeof(per_bd), " %s", _("cases per business day"));
    text_est(f, flujo_results_kpi(r, FLUJO_KPI_THROUGHPUT), 1, per_bd);
    fputs("\n\n", f);

    /* name columns as wide as the widest name (up to 60 characters) */
    int uw = (int)flujo_utf8_width(_("unit (pool)")), aw = (int)flujo_utf8_width(_("activity"));
    for (size_t p = 0; p < s->n_pools; p++) {
        int w = (int)flujo_utf8_width(s->pools[p].name);
        uw = w > uw ? (w < 60 ? w : 60) : uw;
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        int w = (int)flujo_utf8_width(m->nodes[v].name[0] ? m->nodes[v].name : m->nodes[v].id);
        aw = is_task(m, v) && w > aw ? (w < 60 ? w : 60) : aw;
    }
    column(f, _("unit (pool)"), uw, false);
    fputc(' ', f);
    int pw = (int)flujo_utf8_width(_("performers"));
    pw = pw > 10 ? pw : 10;
    column(f, _("performers"), pw, true);
    fputs("  ", f);
    column(f, _("utilisation"), 24, false);
    fputc(' ', f);
    column(f, _("queue"), 12, false);
    fprintf(f, " %s\n", _("wait per job (h)"));
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        char perf[32];
        if (pool->unlimited) {
            snprintf(perf, sizeof(perf), "%s", _("unlimited"));
        } else {
            snprintf(perf, sizeof(perf), "%ld", pool->count);
        }
        column(f, pool->name, uw, false);
        fputc(' ', f);
        column(f, perf, pw, true);
        fputs("  ", f);
        flujo_estimate_t u = flujo_results_pool(r, p, FLUJO_POOL_UTIL);
        char buf[64];
        if (isnan(u.mean)) {
            snprintf(buf, sizeof(buf), "-");
        } else {
            snprintf(buf, sizeof(buf), "%.1f%% [%.1f, %.1f]", 100 * u.mean, 100 * u.lo, 100 * u.hi);
        }
        fprintf(f, "%-24s ", buf);
        flujo_estimate_t q = flujo_results_pool(r, p, FLUJO_POOL_QUEUE);
        fprintf(f, "%-12s ", flujo__sig(q.mean, 3, buf, sizeof(buf)));
        flujo_estimate_t w = flujo_results_pool(r, p, FLUJO_POOL_WAIT_H);
        text_est(f, w, 1, "");
        fputc('\n', f);
    }
    fputc('\n', f);
    column(f, _("activity"), aw, false);
    fputc(' ', f);
    column(f, _("per rep."), 10, true);
    fputs("  ", f);
    column(f, _("wait (h)"), 12, false);
    fprintf(f, " %s\n", _("work (h)"));
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (!is_task(m, v)) {
            continue;
        }
        const flujo_node_t *n = &m->nodes[v];
        column(f, n->name[0] ? n->name : n->id, aw, false);
        fprintf(f, " %10.0f  ",
                flujo_results_activity_count(r, v) / (double)(r->n_done > 0 ? r->n_done : 1));
        flujo_estimate_t w = flujo_results_activity(r, v, false);
        char buf[64];
        fprintf(f, "%-12s ", flujo__sig(w.mean, 3, buf, sizeof(buf)));
        flujo_estimate_t p = flujo_results_activity(r, v, true);
        fputs(flujo__sig(p.mean, 3, buf, sizeof(buf)), f);
        const flujo_task_t *t = &s->tasks[v];
        flujo_estimate_t in = flujo_results_activity_within(r, v);
        if (t->deadline_same_day && !isnan(in.mean)) {
            fprintf(f, _("   %.0f%% the same day"), 100 * in.mean);
        } else if (t->deadline > 0 && !isnan(in.mean)) {
            fprintf(f, _("   %.0f%% within %.4g bd"), 100 * in.mean, t->deadline / 86400);
        }
        fputc('\n', f);
    }
    flujo_bottleneck_t *b = flujo_xcalloc(s->n_pools + 1, sizeof(*b));
    size_t nb = flujo_results_bottlenecks(r, b);
    fprintf(f, "\n%s\n", _("bottlenecks, worst first:"));
    for (size_t i = 0; i < nb && i < 3; i++) {
        fprintf(f, "  %zu. %s: %s\n", i + 1, s->pools[b[i].pool].name,
                flujo_report_reason(r, &b[i], reason, sizeof(reason)));
    }
    free(b);
    for (long i = 0; i < r->n_reps; i++) {
        const flujo_rep_t *rep = &r->reps[i];
        if (rep->n_stuck > 0) {
            fprintf(f, "\n%s %ld: %zu %s", _("replication"), rep->replication, rep->n_stuck,
                    pl(rep->n_stuck, N_("case could not finish (a join that waits forever?):"),
                       N_("cases could not finish (a join that waits forever?):")));
            for (size_t k = 0; k < rep->n_stuck; k++) {
                fprintf(f, " %llu", (unsigned long long)rep->stuck[k]);
            }
            fputc('\n', f);
        }
    }
    return finish(f, err);
}

static void csv_field(FILE *f, const char *s)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') {
            fputc('"', f);
        }
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_num(FILE *f, double x)
{
    if (isnan(x) || isinf(x)) {
        return;
    }
    fprintf(f, "%.10g", x == 0 ? 0 : x);
}

static void csv_row(FILE *f, const char *section, const char *item, const char *metric,
                    flujo_estimate_t e)
{
    csv_field(f, section);
    fputc(',', f);
    csv_field(f, item);
    fputc(',', f);
    csv_field(f, metric);
    fputc(',', f);
    csv_num(f, e.mean);
    fputc(',', f);
    csv_num(f, e.lo);
    fputc(',', f);
    csv_num(f, e.hi);
    fputc(',', f);
    csv_num(f, e.sd);
    fputc('\n', f);
}

flujo_status_t flujo_report_run_csv(FILE *f, const flujo_results_t *r, flujo_err_t *err)
{
    static const char *const kpi_names[FLUJO_KPI_N] = {
        "cycle_time_h",      "cycle_time_bd",     "waiting_h",       "processing_h",
        "cost_per_case",     "handoffs_per_case", "sla_within",      "sla_silenced",
        "throughput_per_bd", "legal_paused_bd",   "handoff_lead_bd",
    };
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    fputs("section,item,metric,mean,ci95_lo,ci95_hi,sd\n", f);
    for (int k = 0; k < FLUJO_KPI_N; k++) {
        csv_row(f, "case", "", kpi_names[k], flujo_results_kpi(r, (flujo_kpi_t)k));
    }
    static const char *const q[] = {"cycle_time_h_p50", "cycle_time_h_p90", "cycle_time_h_p95",
                                    "cycle_time_h_max"};
    static const double qs[] = {0.5, 0.9, 0.95, 1};
    for (int i = 0; i < 4; i++) {
        flujo_estimate_t e = {flujo_hist_quantile(r->hist_h, qs[i]), NAN, NAN, NAN, 0};
        csv_row(f, "case", "", q[i], e);
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        const char *name = s->pools[p].name;
        csv_row(f, "resource", name, "utilization", flujo_results_pool(r, p, FLUJO_POOL_UTIL));
        csv_row(f, "resource", name, "busy", flujo_results_pool(r, p, FLUJO_POOL_BUSY));
        csv_row(f, "resource", name, "queue_length", flujo_results_pool(r, p, FLUJO_POOL_QUEUE));
        csv_row(f, "resource", name, "waiting_h", flujo_results_pool(r, p, FLUJO_POOL_WAIT_H));
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (!is_task(m, v)) {
            continue;
        }
        const char *id = m->nodes[v].id;
        csv_row(f, "activity", id, "waiting_h", flujo_results_activity(r, v, false));
        csv_row(f, "activity", id, "processing_h", flujo_results_activity(r, v, true));
    }
    return finish(f, err);
}

void flujo_report_log_header(FILE *f)
{
    fputs("case_id,activity_id,activity,lane,resource,enable_time,start_time,end_time\n", f);
}

void flujo_report_log_row(FILE *f, const flujo_scenario_t *s, const flujo_activity_rec_t *rec)
{
    const flujo_model_t *m = s->model;
    const flujo_node_t *n = &m->nodes[rec->node];
    char t1[32], t2[32], t3[32];
    flujo_format_time(s->start_day, rec->enable_time, t1, sizeof(t1));
    flujo_format_time(s->start_day, rec->start_time, t2, sizeof(t2));
    flujo_format_time(s->start_day, rec->end_time, t3, sizeof(t3));
    fprintf(f, "%llu,", (unsigned long long)rec->case_id);
    csv_field(f, n->id);
    fputc(',', f);
    csv_field(f, n->name);
    fputc(',', f);
    csv_field(f, flujo_model_unit(m, rec->node));
    fputc(',', f);
    csv_field(f, s->pools[rec->pool].name);
    fprintf(f, ",%s,%s,%s\n", t1, t2, t3);
}

void flujo_report_case_log_header(FILE *f)
{
    fputs("case_id,start_event,arrival_time,count_start,due_time,end_time,cycle_time_h,"
          "legal_time_bd,paused_bd,within_plazo,silenced\n",
          f);
}

/* A deadline that ends at midnight is written as 24:00 of its last day, as people count it. */
static void format_due(const flujo_scenario_t *s, double t, char *buf, size_t n)
{
    double day = floor(t / 86400);
    if (t == day * 86400 && t > 0) {
        flujo_format_time(s->start_day, t - 1, buf, n);
        size_t len = strlen(buf);
        if (len >= 8) {
            memcpy(buf + len - 8, "24:00:00", 8);
        }
        return;
    }
    flujo_format_time(s->start_day, t, buf, n);
}

void flujo_report_case_log_row(FILE *f, const flujo_scenario_t *s, const flujo_case_rec_t *rec)
{
    char arr[32], cs[32], due[32], end[32];
    flujo_format_time(s->start_day, rec->arrival_time, arr, sizeof(arr));
    flujo_format_time(s->start_day, rec->count_start, cs, sizeof(cs));
    flujo_format_time(s->start_day, rec->end_time, end, sizeof(end));
    if (isfinite(rec->due_time)) {
        format_due(s, rec->due_time, due, sizeof(due));
    } else {
        due[0] = '\0';
    }
    fprintf(f, "%llu,", (unsigned long long)rec->case_id);
    csv_field(f, s->model->nodes[rec->start].id);
    fprintf(f, ",%s,%s,%s,%s,%.6g,%.6g,%.6g,%s,%s\n", arr, cs, due, end,
            (rec->end_time - rec->arrival_time) / 3600, rec->legal_bd, rec->paused_bd,
            s->sla.set ? (rec->within ? "true" : "false") : "",
            s->sla.set ? (rec->silenced ? "true" : "false") : "");
}
