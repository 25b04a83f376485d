/* flujo_optimize.h - the cheapest staffing that meets a target with statistical confidence: the
 * analytic capacity check prunes what cannot work, simulation confirms the rest. */
#ifndef FLUJO_OPTIMIZE_H
#define FLUJO_OPTIMIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "flujo_compare.h"
#include "flujo_experiment.h"
#include "flujo_scenario.h"

/* A target on a KPI: "within >= 0.95", "cycle_time_bd <= 10". */
typedef struct flujo_target {
    flujo_ckpi_t kpi; /* which KPI */
    bool at_least;    /* >= (true) or <= (false) */
    double value;     /* the bound */
} flujo_target_t;

/* Parses "sla.within>=0.95" (KPI keys of flujo_compare.h, optionally prefixed "sla."; shares
 * may be written in percent, "within>=95%"). FLUJO_EUSAGE with a reason on failure. */
flujo_status_t flujo_target_parse(const char *text, flujo_target_t *out, flujo_err_t *err);

/* A pool whose number of performers varies from lo to hi, or (n_calendars > 0) whose calendar is
 * one of several: a signing window moved, mornings instead of afternoons. */
typedef struct flujo_vary {
    size_t pool;
    long lo, hi;        /* performers (a calendar item: its index among calendars[], 0..n-1) */
    int *calendars;     /* calendar items: the calendars to try, indices into s->calendars */
    size_t n_calendars; /* how many; 0 for a count item */
} flujo_vary_t;

/* Parses "Inspectores ITSE:1..6,Evaluadores:1..4,calendar:Gerencia=firma_1600,firma_1100"
 * against the scenario's pools and calendars (allocates *out; the caller frees it with
 * flujo_vary_free). A calendar item lists the names after '=' up to the next item (the next piece
 * with ':'). FLUJO_EUSAGE with a reason on failure. */
flujo_status_t flujo_vary_parse(const flujo_scenario_t *s, const char *text, flujo_vary_t **out,
                                size_t *n, flujo_err_t *err);

/* Frees what flujo_vary_parse returned. */
void flujo_vary_free(flujo_vary_t *v, size_t n);

/* What became of one staffing. */
typedef enum flujo_cand_state {
    FLUJO_CAND_OVERLOADED = 0, /* the capacity check puts a pool at or above 100%: not run */
    FLUJO_CAND_RUN,            /* simulated */
    FLUJO_CAND_WORSE,          /* not run: it has no more performers anywhere than one that
                                  missed the target (more staff is assumed never to hurt) */
    FLUJO_CAND_COSTLIER        /* not run: it has at least the performers of one that met it */
} flujo_cand_state_t;

typedef struct flujo_candidate {
    long *count;              /* performers of each varied pool (a calendar item: the index of
                                 its calendar among the item's) */
    double cost;              /* staffing cost per week (see flujo_optimize) */
    double max_rho;           /* highest utilisation in the capacity check */
    flujo_cand_state_t state; /* what was done with it */
    flujo_estimate_t kpi;     /* the target KPI, when run */
    bool meets;               /* run, and its 95% interval lies on the target's side */
    size_t index;             /* position in the enumeration (ties in cost keep this order) */
} flujo_candidate_t;

typedef struct flujo_optimum {
    flujo_candidate_t *c; /* every staffing, cheapest first */
    size_t n;
    int64_t best;       /* cheapest staffing that meets the target, or -1 */
    bool cost_is_count; /* no pool has a cost_per_hour: cost counts performers */
    size_t runs;        /* staffings simulated */
} flujo_optimum_t;

/* Tries every staffing of the varied pools (at most 10000; a staffing is a number of performers
 * for each count item and a calendar for each calendar item), cheapest first: cost per week is
 * what the staff are paid, flujo_scenario_staff_cost (performers × paid hours × cost_per_hour; the
 * paid hours follow the calendar unless the scenario gives them), or the number of performers
 * when no pool has a cost. A staffing that overloads a pool in the capacity check is not
 * simulated, nor one that cannot beat a staffing already seen to miss the target (the same
 * calendars and no more performers anywhere), nor one that can only cost more than a staffing
 * already seen to meet it (the same calendars, at least its performers). A staffing meets the
 * target when the whole 95% interval of its KPI is on the target's side. The scenario's pools are
 * restored before returning. Free with flujo_optimum_free. */
flujo_status_t flujo_optimize(flujo_scenario_t *s, const flujo_vary_t *vary, size_t n_vary,
                              const flujo_target_t *target, const flujo_experiment_opts_t *o,
                              flujo_optimum_t *out, flujo_err_t *err);

void flujo_optimum_free(flujo_optimum_t *o);

#endif
