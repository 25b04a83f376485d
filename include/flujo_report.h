/* flujo_report.h - writers of flujo's results: check reports, process graphs. They write to a FILE
 * * the caller opened and return FLUJO_EIO if writing failed. */
#ifndef FLUJO_REPORT_H
#define FLUJO_REPORT_H

#include <stdio.h>

#include "flujo_error.h"
#include "flujo_model.h"

/* Writes one diagnostic as a compiler-style line: "FILE:LINE: error: message". */
void flujo_report_diag(FILE *f, const char *file, const flujo_diag_t *d);

/* The human summary of `flujo check`: what the model holds, its rework loops and the number of
 * errors and warnings. Diagnostics themselves are written with flujo_report_diag. */
flujo_status_t flujo_report_check_text(FILE *f, const flujo_model_t *m, const flujo_diags_t *d,
                                       const flujo_cycle_t *cycles, size_t n_cycles,
                                       flujo_err_t *err);

/* `flujo check --format json`: {"file", "processes", "counts": {local name: number}, "errors":
 * [{"id", "code", "line", "message"}], "warnings": [...], "loops": [{"nodes": [ids]}]}. Every
 * counted element name appears in counts, with 0 when absent. */
flujo_status_t flujo_report_check_json(FILE *f, const flujo_model_t *m, const flujo_diags_t *d,
                                       const flujo_cycle_t *cycles, size_t n_cycles,
                                       flujo_err_t *err);

/* The process graph in Graphviz DOT: one vertex per flow node, one edge per sequence flow, pools
 * and lanes (nested) and expanded sub-processes as clusters; boundary events hang from their
 * activity by a dotted edge. */
flujo_status_t flujo_report_graph_dot(FILE *f, const flujo_model_t *m, flujo_err_t *err);

/* The process graph in GraphML: node i = nodes[i], edge j = flows[j], with id, name, type, lane,
 * pool, process and parent as data keys. */
flujo_status_t flujo_report_graph_graphml(FILE *f, const flujo_model_t *m, flujo_err_t *err);

#endif
