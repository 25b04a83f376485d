/* run_csv.c - `flujo run --format csv`: one row per figure (section, item, metric, mean, ci95_lo,
 * ci95_hi, sd), for spreadsheets. */
#include <math.h>
#include <stdio.h>

#include "flujo_report.h"
#include "report/report_int.h"

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
    flujo__csv_field(f, section);
    fputc(',', f);
    flujo__csv_field(f, item);
    fputc(',', f);
    flujo__csv_field(f, metric);
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
        "cycle_time_h",        "cycle_time_bd",       "waiting_h",           "processing_h",
        "cost_per_case",       "handoffs_per_case",   "sla_within",          "sla_silenced",
        "throughput_per_bd",   "legal_paused_bd",     "handoff_transfer_bd", "handoff_lead_bd",
        "staff_cost_per_week", "cost_per_case_total",
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
    char metric[64];
    for (int k = 0; k < FLUJO_PART_N; k++) {
        snprintf(metric, sizeof(metric), "cycle_%s_h", flujo_part_key((flujo_part_t)k));
        csv_row(f, "case", "", metric, flujo_results_part(r, (flujo_part_t)k));
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        const char *name = s->pools[p].name;
        for (int k = 0; k < FLUJO_PART_N; k++) {
            snprintf(metric, sizeof(metric), "%s_h", flujo_part_key((flujo_part_t)k));
            csv_row(f, "resource", name, metric, flujo_results_pool_part(r, p, (flujo_part_t)k));
        }
        csv_row(f, "resource", name, "utilization", flujo_results_pool(r, p, FLUJO_POOL_UTIL));
        csv_row(f, "resource", name, "busy", flujo_results_pool(r, p, FLUJO_POOL_BUSY));
        csv_row(f, "resource", name, "queue_length", flujo_results_pool(r, p, FLUJO_POOL_QUEUE));
        csv_row(f, "resource", name, "waiting_h", flujo_results_pool(r, p, FLUJO_POOL_WAIT_H));
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (!flujo__is_task(m, v)) {
            continue;
        }
        const char *id = m->nodes[v].id;
        csv_row(f, "activity", id, "waiting_h", flujo_results_activity(r, v, false));
        csv_row(f, "activity", id, "processing_h", flujo_results_activity(r, v, true));
        for (int k = 0; k < FLUJO_PART_N; k++) {
            snprintf(metric, sizeof(metric), "%s_h", flujo_part_key((flujo_part_t)k));
            csv_row(f, "activity", id, metric, flujo_results_activity_part(r, v, (flujo_part_t)k));
        }
    }
    return flujo__finish(f, "cannot write the output", err);
}
