/* run_json.c - `flujo run --format json`: every figure of a run with its 95% interval, with the
 * keys of DESIGN.md §5. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/base_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

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

static const char *silence_word(flujo_silence_t s)
{
    return s == FLUJO_SILENCE_POSITIVE   ? "positive"
           : s == FLUJO_SILENCE_NEGATIVE ? "negative"
                                         : "none";
}

/* "cases": how many arrived, were completed and were still in process at the end. */
static void json_cases(flujo__json_t *j, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    flujo__json_key(j, "cases");
    flujo__json_begin_object(j);
    if (s->cases > 0) {
        flujo__json_key(j, "per_replication");
        flujo__json_int(j, s->cases);
    }
    flujo__json_key(j, "arrived");
    flujo__json_int(j, (int64_t)flujo_results_arrived(r));
    flujo__json_key(j, "completed");
    flujo__json_int(j, (int64_t)flujo_results_completed(r));
    flujo__json_key(j, "in_flight_at_end");
    flujo__json_int(j, (int64_t)flujo_results_in_flight(r));
    flujo__json_end_object(j);
}

/* "sla": the legal deadline (one per rule, if any), grace and silence, and the shares within it
 * and silenced. */
static void json_sla(flujo__json_t *j, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    flujo__json_key(j, "sla");
    flujo__json_begin_object(j);
    flujo__json_key(j, "deadline_bd");
    flujo__json_double(j, s->sla.set ? s->sla.deadline / 86400 : NAN);
    flujo__json_key(j, "deadline_rules");
    flujo__json_begin_array(j);
    for (size_t i = 0; i <= s->sla.n_rules && s->sla.n_rules > 0; i++) {
        bool other = i == s->sla.n_rules;
        flujo__json_begin_object(j);
        flujo__json_key(j, "condition");
        flujo__json_string(j, other ? "else" : s->sla.rule_text[i]);
        flujo__json_key(j, "deadline_bd");
        flujo__json_double(j, (other ? s->sla.deadline : s->sla.rule_deadline[i]) / 86400);
        json_est(j, "within", flujo_results_rule_within(r, i));
        flujo__json_end_object(j);
    }
    flujo__json_end_array(j);
    flujo__json_key(j, "grace_bd");
    flujo__json_double(j, s->sla.set ? s->sla.grace / 86400 : NAN);
    flujo__json_key(j, "silence");
    flujo__json_string(j, s->sla.set ? silence_word(s->sla.silence) : NULL);
    flujo__json_key(j, "meaning");
    flujo__json_string(j, s->sla.set ? flujo_report_silence_meaning(s->sla.silence) : NULL);
    json_est(j, "within", flujo_results_kpi(r, FLUJO_KPI_WITHIN));
    json_est(j, "silenced", flujo_results_kpi(r, FLUJO_KPI_SILENCED));
    json_est(j, "paused_bd", flujo_results_kpi(r, FLUJO_KPI_PAUSED_BD));
    flujo__json_key(j, "legal_time_bd");
    flujo__json_begin_object(j);
    flujo__json_key(j, "p50");
    flujo__json_double(j, flujo_hist_quantile(r->hist_bd, 0.50));
    flujo__json_key(j, "p90");
    flujo__json_double(j, flujo_hist_quantile(r->hist_bd, 0.90));
    flujo__json_key(j, "p95");
    flujo__json_double(j, flujo_hist_quantile(r->hist_bd, 0.95));
    flujo__json_end_object(j);
    flujo__json_end_object(j);
}

/* "KEY": {part: estimate} for the parts of the cycle, of an activity (node) or of a pool's work:
 * which says which one (0: the case, 1: node `i`, 2: pool `i`). */
static void json_parts(flujo__json_t *j, const char *key, const flujo_results_t *r, int which,
                       size_t i)
{
    flujo__json_key(j, key);
    flujo__json_begin_object(j);
    for (int p = 0; p < FLUJO_PART_N; p++) {
        flujo_estimate_t e = which == 0   ? flujo_results_part(r, (flujo_part_t)p)
                             : which == 1 ? flujo_results_activity_part(r, i, (flujo_part_t)p)
                                          : flujo_results_pool_part(r, i, (flujo_part_t)p);
        json_est(j, flujo_part_key((flujo_part_t)p), e);
    }
    flujo__json_end_object(j);
}

/* "resources": each pool with its size, utilisation, queue and wait. */
static void json_resources(flujo__json_t *j, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    flujo__json_key(j, "resources");
    flujo__json_begin_array(j);
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        flujo__json_begin_object(j);
        flujo__json_key(j, "name");
        flujo__json_string(j, pool->name);
        flujo__json_key(j, "count");
        if (pool->unlimited) {
            flujo__json_string(j, "unlimited");
        } else {
            flujo__json_int(j, pool->count);
        }
        json_est(j, "utilization", flujo_results_pool(r, p, FLUJO_POOL_UTIL));
        json_est(j, "busy", flujo_results_pool(r, p, FLUJO_POOL_BUSY));
        json_est(j, "queue_length", flujo_results_pool(r, p, FLUJO_POOL_QUEUE));
        json_est(j, "waiting_h", flujo_results_pool(r, p, FLUJO_POOL_WAIT_H));
        json_est(j, "arrivals_per_h", flujo_results_pool(r, p, FLUJO_POOL_RATE_H));
        json_parts(j, "parts_h", r, 2, p);
        flujo__json_end_object(j);
    }
    flujo__json_end_array(j);
}

/* "activities": each task with its unit and pools, count, wait, work and deadline. */
static void json_activities(flujo__json_t *j, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    flujo__json_key(j, "activities");
    flujo__json_begin_array(j);
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (!flujo__is_task(m, v)) {
            continue;
        }
        const flujo_node_t *n = &m->nodes[v];
        flujo__json_begin_object(j);
        flujo__json_key(j, "id");
        flujo__json_string(j, n->id);
        flujo__json_key(j, "name");
        flujo__json_string(j, n->name);
        flujo__json_key(j, "lane");
        flujo__json_string(j, flujo_model_unit(m, (int64_t)v));
        flujo__json_key(j, "resource");
        char pools[512];
        flujo__json_string(j, flujo__task_pools(s, v, pools, sizeof(pools)));
        flujo__json_key(j, "count");
        flujo__json_double(j, flujo_results_activity_count(r, v));
        json_est(j, "waiting_h", flujo_results_activity(r, v, false));
        json_est(j, "processing_h", flujo_results_activity(r, v, true));
        const flujo_task_t *t = &s->tasks[v];
        bool has_deadline = t->deadline > 0 || t->deadline_same_day;
        flujo__json_key(j, "deadline_bd");
        flujo__json_double(j, has_deadline ? t->deadline / 86400 : NAN);
        json_est(j, "within_deadline", flujo_results_activity_within(r, v));
        json_parts(j, "parts_h", r, 1, v);
        flujo__json_end_object(j);
    }
    flujo__json_end_array(j);
}

/* "bottlenecks": the pools, worst first, with why. */
static void json_bottlenecks(flujo__json_t *j, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    char reason[400], lever[600];
    flujo__json_key(j, "bottlenecks");
    flujo__json_begin_array(j);
    flujo_bottleneck_t *b = flujo_xcalloc(s->n_pools + 1, sizeof(*b));
    size_t nb = flujo_results_bottlenecks(r, b);
    for (size_t i = 0; i < nb; i++) {
        flujo__json_begin_object(j);
        flujo__json_key(j, "resource");
        flujo__json_string(j, s->pools[b[i].pool].name);
        flujo__json_key(j, "utilization");
        flujo__json_double(j, b[i].utilization);
        flujo__json_key(j, "waiting_share");
        flujo__json_double(j, b[i].waiting_share);
        flujo__json_key(j, "wait_h");
        flujo__json_double(j, b[i].wait_h);
        flujo__json_key(j, "wait_for_hours_h");
        flujo__json_double(j, b[i].job_hours_h);
        flujo__json_key(j, "hours_per_case");
        flujo__json_double(j, b[i].hours_per_case);
        flujo__json_key(j, "wait_performer_h");
        flujo__json_double(j, b[i].wait_performer_h);
        flujo__json_key(j, "wait_hours_h");
        flujo__json_double(j, b[i].wait_hours_h);
        flujo__json_key(j, "work_paused_h");
        flujo__json_double(j, b[i].work_paused_h);
        flujo__json_key(j, "cause");
        flujo__json_string(j, flujo_cause_key(b[i].cause));
        flujo__json_key(j, "lever");
        flujo__json_string(j, flujo_report_lever(r, &b[i], lever, sizeof(lever)));
        flujo__json_key(j, "reason");
        flujo__json_string(j, flujo_report_reason(r, &b[i], reason, sizeof(reason)));
        flujo__json_end_object(j);
    }
    free(b);
    flujo__json_end_array(j);
}

/* "stuck_cases": the cases that could not finish, by replication. */
static void json_stuck_cases(flujo__json_t *j, const flujo_results_t *r)
{
    flujo__json_key(j, "stuck_cases");
    flujo__json_begin_array(j);
    for (long i = 0; i < r->n_reps; i++) {
        for (size_t k = 0; k < r->reps[i].n_stuck; k++) {
            flujo__json_begin_object(j);
            flujo__json_key(j, "replication");
            flujo__json_int(j, r->reps[i].replication);
            flujo__json_key(j, "case");
            flujo__json_int(j, (int64_t)r->reps[i].stuck[k]);
            flujo__json_end_object(j);
        }
    }
    flujo__json_end_array(j);
}

flujo_status_t flujo_report_run_json(FILE *f, const flujo_results_t *r, flujo_err_t *err)
{
    const flujo_scenario_t *s = r->s;
    flujo__json_t j;
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
    json_cases(&j, r);
    json_dist(&j, "cycle_time_h", flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), r->hist_h);
    json_dist(&j, "cycle_time_bd", flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD), r->hist_bd);
    json_est(&j, "waiting_h", flujo_results_kpi(r, FLUJO_KPI_WAITING_H));
    json_est(&j, "processing_h", flujo_results_kpi(r, FLUJO_KPI_PROCESSING_H));
    json_parts(&j, "cycle_parts_h", r, 0, 0);
    json_sla(&j, r);
    json_est(&j, "cost_per_case", flujo_results_kpi(r, FLUJO_KPI_COST));
    json_est(&j, "staff_cost_per_week", flujo_results_kpi(r, FLUJO_KPI_STAFF_COST));
    json_est(&j, "cost_per_case_total", flujo_results_kpi(r, FLUJO_KPI_COST_TOTAL));
    flujo__json_key(&j, "currency");
    flujo__json_string(&j, s->currency);
    json_est(&j, "handoffs_per_case", flujo_results_kpi(r, FLUJO_KPI_HANDOFFS));
    json_est(&j, "handoff_transfer_bd", flujo_results_kpi(r, FLUJO_KPI_HANDOFF_BD));
    json_est(&j, "handoff_lead_bd", flujo_results_kpi(r, FLUJO_KPI_HANDOFF_LEAD_BD));
    json_est(&j, "throughput_per_bd", flujo_results_kpi(r, FLUJO_KPI_THROUGHPUT));
    json_resources(&j, r);
    json_activities(&j, r);
    json_bottlenecks(&j, r);
    json_stuck_cases(&j, r);
    flujo__json_key(&j, "notes");
    flujo__json_begin_array(&j);
    for (size_t i = 0; i < s->notes.n; i++) {
        flujo__json_string(&j, s->notes.items[i].message);
    }
    flujo__json_end_array(&j);
    flujo__json_end_object(&j);
    flujo__json_finish(&j);
    return flujo__finish(f, "cannot write the output", err);
}
