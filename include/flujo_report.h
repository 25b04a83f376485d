/* flujo_report.h - writers of flujo's results: check reports, process graphs. They write to a FILE
 * * the caller opened and return FLUJO_EIO if writing failed. */
#ifndef FLUJO_REPORT_H
#define FLUJO_REPORT_H

#include <stdio.h>

#include "flujo_compare.h"
#include "flujo_engine.h"
#include "flujo_error.h"
#include "flujo_experiment.h"
#include "flujo_model.h"
#include "flujo_optimize.h"
#include "flujo_scenario.h"

/* Writes one diagnostic as a compiler-style line: "FILE:LINE: error: message". */
void flujo_report_diag(FILE *f, const char *file, const flujo_diag_t *d);

/* The human summary of `flujo check`: what the model holds, its rework loops and the number of
 * errors and warnings. Diagnostics themselves are written with flujo_report_diag. */
flujo_status_t flujo_report_check_text(FILE *f, const flujo_model_t *m, const flujo_diags_t *d,
                                       const flujo_cycle_t *cycles, size_t n_cycles,
                                       flujo_err_t *err);

/* `flujo check --format json`: {"file", "processes", "counts": {local name: number}, "errors":
 * [{"id", "code", "line", "message"}], "warnings": [...], "notes": [...], "loops": [{"nodes":
 * [ids]}]}. Every counted element name appears in counts, with 0 when absent. For a scenario (s
 * and cap not NULL), "scenario": {"name", "arrivals_per_h", "capacity": [{"resource", "count",
 * "work_h_per_case", "utilization"}]} is added. */
flujo_status_t flujo_report_check_json(FILE *f, const flujo_model_t *m, const flujo_diags_t *d,
                                       const flujo_cycle_t *cycles, size_t n_cycles,
                                       const flujo_scenario_t *s, const flujo_capacity_t *cap,
                                       flujo_err_t *err);

/* The capacity part of `flujo check SCENARIO`: arrivals per hour and, per pool, the work each
 * case brings and the utilisation it implies. */
flujo_status_t flujo_report_capacity_text(FILE *f, const flujo_scenario_t *s,
                                          const flujo_capacity_t *cap, flujo_err_t *err);

/* The process graph in Graphviz DOT: one vertex per flow node, one edge per sequence flow, pools
 * and lanes (nested) and expanded sub-processes as clusters; boundary events hang from their
 * activity by a dotted edge. */
flujo_status_t flujo_report_graph_dot(FILE *f, const flujo_model_t *m, flujo_err_t *err);

/* The process graph in GraphML: node i = nodes[i], edge j = flows[j], with id, name, type, lane,
 * pool, process and parent as data keys. */
flujo_status_t flujo_report_graph_graphml(FILE *f, const flujo_model_t *m, flujo_err_t *err);

/* The summary of `flujo run` for people: cycle time with its confidence interval and percentiles,
 * waiting against work, the legal deadline, cost, each pool and activity, and the bottlenecks
 * with their reasons. */
flujo_status_t flujo_report_run_text(FILE *f, const flujo_results_t *r, flujo_err_t *err);

/* `flujo run --format json`, with the keys of DESIGN.md §5. Times in hours (_h) and business days
 * (_bd); each estimate is {"mean", "ci95": [lo, hi], "sd"}, distributions add p50, p90, p95,
 * max. */
flujo_status_t flujo_report_run_json(FILE *f, const flujo_results_t *r, flujo_err_t *err);

/* `flujo run --format csv`: one row per figure, section,item,metric,mean,ci95_lo,ci95_hi,sd. */
flujo_status_t flujo_report_run_csv(FILE *f, const flujo_results_t *r, flujo_err_t *err);

/* One line saying why pool b is a bottleneck ("80% busy with 2 performers; an expediente loses
 * 12.4 h there (...)"), into buf. */
const char *flujo_report_reason(const flujo_results_t *r, const flujo_bottleneck_t *b, char *buf,
                                size_t n);

/* What causes it, in words ("its hours"), and the lever that acts on that cause: more performers;
 * longer or moved hours of the unit, or of the office whose work reaches it after hours; into
 * buf. */
const char *flujo_report_cause(flujo_cause_t c);
const char *flujo_report_lever(const flujo_results_t *r, const flujo_bottleneck_t *b, char *buf,
                               size_t n);

/* `flujo compare`: the KPIs side by side, each scenario's paired difference from the baseline
 * (Δ% [CI], ✓ when significant), the scenarios' names, and the ranking with a verdict each. */
flujo_status_t flujo_report_compare_text(FILE *f, const flujo_comparison_t *c, flujo_err_t *err);

/* `flujo compare --format json`: {"flujo", "baseline", "replications", "seed", "weights",
 * "scenarios": [{"name", "file", "kpis": {key: estimate}, "delta": {key: {"mean", "ci95",
 * "relative", "relative_ci95", "significant"} or null}, "score", "rank", "verdict"}]}; the
 * baseline is scenarios[0]. */
flujo_status_t flujo_report_compare_json(FILE *f, const flujo_comparison_t *c, flujo_err_t *err);

/* One line on scenario i of a comparison: its main significant changes and whether it is
 * recommended ("cuts mean cycle time (h) 31% [27%, 35%], raises cost per case 4% [3%, 5%]:
 * recommended"), into buf. */
const char *flujo_report_verdict(const flujo_comparison_t *c, size_t i, char *buf, size_t n);

/* `flujo optimize`: the target, how many staffings were pruned and why, each simulated one with
 * its cost and KPI, the cheapest that meets the target and the cost-KPI frontier. */
flujo_status_t flujo_report_optimize_text(FILE *f, const flujo_scenario_t *s,
                                          const flujo_vary_t *vary, size_t n_vary,
                                          const flujo_target_t *t, const flujo_optimum_t *o,
                                          flujo_err_t *err);

/* `flujo optimize --format json`: {"flujo", "scenario", "target": {"kpi", "op", "value"},
 * "cost_is_performers", "runs", "staffings": [{"count": {pool: n}, "cost", "max_utilization",
 * "state", "kpi": estimate or null, "meets", "frontier"}], "best": index or null}, cheapest
 * first. */
flujo_status_t flujo_report_optimize_json(FILE *f, const flujo_scenario_t *s,
                                          const flujo_vary_t *vary, size_t n_vary,
                                          const flujo_target_t *t, const flujo_optimum_t *o,
                                          flujo_err_t *err);

/* `flujo report`: a self-contained HTML page (inline CSS and SVG, no scripts) on the results r:
 * summary figures, the diagram (the file's DI, else an automatic layout) with each activity
 * coloured by its mean wait, the bottlenecks, the legal time histogram and CDF with the plazo,
 * utilisation with intervals, the Pareto of waiting, work in process over time, the hand-off
 * matrix, the ASME-VM table and, when c compares several scenarios (r is c's baseline), the
 * comparison. In the language of flujo_i18n_init. */
flujo_status_t flujo_report_html(FILE *f, const flujo_results_t *r, const flujo_comparison_t *c,
                                 flujo_err_t *err);

/* What silence means in one line ("approved by silencio administrativo positivo ..."). */
const char *flujo_report_silence_meaning(flujo_silence_t s);

/* The header of the CSV case log, and one row for a completed case: when it was filed, when its
 * plazo started counting, when it was due and done, its legal time and whether it was within the
 * plazo or silenced. */
void flujo_report_case_log_header(FILE *f);
void flujo_report_case_log_row(FILE *f, const flujo_scenario_t *s, const flujo_case_rec_t *rec);

/* The event log in XES (IEEE 1849-2016): begin the log, hand it every activity instance and
 * every completed case of one replication (as the engine's log callbacks give them), end it.
 * Each case becomes a trace (concept:name = case number, the case attributes, flujo:legal_time_bd,
 * flujo:within_plazo, flujo:silenced) when it completes, with schedule, start and complete events
 * per activity instance (concept:name, lifecycle:transition, time:timestamp in Peru's UTC-5,
 * org:resource = pool, org:group = lane); cases that never completed are written at the end.
 * Background arrivals are left out. flujo_xes_end frees the writer. */
typedef struct flujo_xes flujo_xes_t;
flujo_xes_t *flujo_xes_begin(FILE *f, const flujo_scenario_t *s);
void flujo_xes_activity(flujo_xes_t *x, const flujo_activity_rec_t *rec);
void flujo_xes_case(flujo_xes_t *x, const flujo_case_rec_t *rec);
flujo_status_t flujo_xes_end(flujo_xes_t *x, flujo_err_t *err);

/* The writers of each command's results, by the name its --format option takes. */
typedef flujo_status_t (*flujo_run_writer_t)(FILE *f, const flujo_results_t *r, flujo_err_t *err);
typedef flujo_status_t (*flujo_check_writer_t)(FILE *f, const flujo_model_t *m,
                                               const flujo_findings_t *fi,
                                               const flujo_scenario_t *s, flujo_err_t *err);
typedef flujo_status_t (*flujo_graph_writer_t)(FILE *f, const flujo_model_t *m, flujo_err_t *err);
typedef flujo_status_t (*flujo_compare_writer_t)(FILE *f, const flujo_comparison_t *c,
                                                 flujo_err_t *err);
typedef flujo_status_t (*flujo_optimize_writer_t)(FILE *f, const flujo_scenario_t *s,
                                                  const flujo_vary_t *vary, size_t n_vary,
                                                  const flujo_target_t *t, const flujo_optimum_t *o,
                                                  flujo_err_t *err);

/* The writer of `flujo run|check|graph|compare|optimize --format NAME`, or NULL when the command
 * has no format of that name. A check writer reports the findings fi of model m, and with a
 * scenario s (NULL for a bare model) the capacity check among them. */
flujo_run_writer_t flujo_report_run_writer(const char *name);
flujo_check_writer_t flujo_report_check_writer(const char *name);
flujo_graph_writer_t flujo_report_graph_writer(const char *name);
flujo_compare_writer_t flujo_report_compare_writer(const char *name);
flujo_optimize_writer_t flujo_report_optimize_writer(const char *name);

/* The format names of a command ("run", "check", "graph", "compare", "optimize"), the default
 * first, joined by sep and the last one by last: ", " and " or " give "text, json or csv", "|" and
 * "|" give "text|json|csv". Written into buf (n bytes), which is returned. */
const char *flujo_report_formats(const char *command, const char *sep, const char *last, char *buf,
                                 size_t n);

/* The header of the CSV event log, and one row for an activity instance (ISO-8601 times). */
void flujo_report_log_header(FILE *f);
void flujo_report_log_row(FILE *f, const flujo_scenario_t *s, const flujo_activity_rec_t *rec);

#endif
