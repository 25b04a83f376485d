/* flujo_experiment.h - replications of a scenario, in parallel threads, and the estimates they
 * give: grand means with 95% confidence intervals, pooled percentiles, bottlenecks. */
#ifndef FLUJO_EXPERIMENT_H
#define FLUJO_EXPERIMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "flujo_engine.h"
#include "flujo_scenario.h"
#include "flujo_stats.h"

typedef struct flujo_experiment_opts {
    int threads; /* threads (0 or 1: run in the calling thread) */
    /* Limits, stop flag, logs. The log receivers get every replication's records, each from the
     * thread that runs it (rec->replication tells which): they may be called from several
     * threads at once, so a receiver that writes one log keeps one replication. */
    flujo_engine_opts_t engine;
    /* The scenario's capacity check (flujo_scenario_capacity), when the caller has computed it:
     * borrowed, and not computed again. NULL: the experiment computes it. */
    const flujo_capacity_t *capacity;
    /* Called after each replication, serialised (never from two threads at once). */
    void (*progress)(void *ctx, long done, long total);
    void *progress_ctx;
} flujo_experiment_opts_t;

/* Case-level figures, each with one value per replication. */
typedef enum flujo_kpi {
    FLUJO_KPI_CYCLE_H = 0,     /* mean cycle time, hours */
    FLUJO_KPI_CYCLE_BD,        /* mean legal time, business days */
    FLUJO_KPI_WAITING_H,       /* mean queue time per case, hours */
    FLUJO_KPI_PROCESSING_H,    /* mean work per case, hours */
    FLUJO_KPI_COST,            /* mean cost per case */
    FLUJO_KPI_HANDOFFS,        /* mean hand-offs per case */
    FLUJO_KPI_WITHIN,          /* share within the plazo */
    FLUJO_KPI_SILENCED,        /* share silenced */
    FLUJO_KPI_THROUGHPUT,      /* completed cases per business day */
    FLUJO_KPI_PAUSED_BD,       /* business days the legal clock stood still per case */
    FLUJO_KPI_HANDOFF_BD,      /* transfer per hand-off between offices: from one office's work done
                                  to the next one's start, business days */
    FLUJO_KPI_HANDOFF_LEAD_BD, /* lead per hand-off: from one office's work done to the next
                                  one's done, as the dates of successive documents show */
    FLUJO_KPI_STAFF_COST,      /* what the units' staff are paid a week */
    FLUJO_KPI_COST_TOTAL,      /* the staff's pay per expediente, idle time included */
    FLUJO_KPI_N
} flujo_kpi_t;

/* Per-pool figures. */
typedef enum flujo_pool_kpi {
    FLUJO_POOL_UTIL = 0,    /* busy over open time */
    FLUJO_POOL_BUSY,        /* mean busy performers */
    FLUJO_POOL_QUEUE,       /* mean queue length */
    FLUJO_POOL_WAIT_H,      /* mean wait, hours */
    FLUJO_POOL_RATE_H,      /* work entering per hour */
    FLUJO_POOL_CASE_WAIT_H, /* mean wait of the procedure's work (background aside), hours */
    FLUJO_POOL_CASE_QUEUE,  /* the procedure's work waiting there, on average */
    FLUJO_POOL_CASE_HOURS_H /* of FLUJO_POOL_CASE_WAIT_H, the part until the pool opened */
} flujo_pool_kpi_t;

/* What causes most of the hours an expediente loses at a unit. */
typedef enum flujo_cause {
    FLUJO_CAUSE_STAFF = 0, /* waiting for a free performer: at least 2/3 of them */
    FLUJO_CAUSE_HOURS,     /* waiting for its hours and work paused by them: at least 2/3 */
    FLUJO_CAUSE_MIXED      /* both */
} flujo_cause_t;

/* A pool ranked as a bottleneck, by the hours an expediente of the procedure loses there in all
 * its visits (background work aside). */
typedef struct flujo_bottleneck {
    size_t pool;             /* pool index */
    double utilization;      /* mean utilisation (NaN for unlimited pools) */
    double waiting_share;    /* share of the procedure's queue time spent waiting for this pool */
    double wait_h;           /* mean wait of one piece of the procedure's work there, hours */
    double job_hours_h;      /* of it, until the pool opened (per piece of work) */
    double hours_per_case;   /* lost there per expediente: the three below, hours */
    double wait_performer_h; /* per expediente: queued while the unit was open */
    double wait_hours_h;     /* per expediente: queued while it was closed */
    double work_paused_h;    /* per expediente: work started and stopped by its closing */
    flujo_cause_t cause;     /* which of them dominates */
    long feeder;             /* the office whose work brings most of the hours lost to this
                                unit's hours (at least half of them) and which is open fewer
                                hours a week: its window is the lever; or -1 */
} flujo_bottleneck_t;

/* The JSON word of a cause: "staff", "hours", "mixed". */
const char *flujo_cause_key(flujo_cause_t c);

typedef struct flujo_results {
    const flujo_scenario_t *s; /* borrowed */
    long n_reps;               /* replications asked for */
    long n_done;               /* replications finished (all, unless partial) */
    bool partial;              /* interrupted: only n_done replications */
    flujo_rep_t *reps;         /* [n_reps]; the finished ones have replication > 0 */
    flujo_hist_t *hist_h;      /* cycle times of every replication, hours */
    flujo_hist_t *hist_bd;     /* legal times of every replication, business days */
} flujo_results_t;

/* Runs the scenario's replications (from 1 to s->replications) into *out (free with
 * flujo_results_free). Results are identical for any number of threads. A scenario whose routing
 * makes a loop no case leaves fails at once with the capacity check's error (nothing run, *out
 * untouched); a capacity check handed in o->capacity has passed that test already. On failure of a
 * replication, the error of the lowest-numbered failing one is returned. When stopped
 * (FLUJO_EINTR) the replications finished so far are returned in *out, marked partial, with
 * status FLUJO_EINTR. */
flujo_status_t flujo_experiment_run(const flujo_scenario_t *s, const flujo_experiment_opts_t *o,
                                    flujo_results_t **out, flujo_err_t *err);

void flujo_results_free(flujo_results_t *r);

/* Estimates over the finished replications. */
flujo_estimate_t flujo_results_kpi(const flujo_results_t *r, flujo_kpi_t k);
flujo_estimate_t flujo_results_pool(const flujo_results_t *r, size_t pool, flujo_pool_kpi_t k);
flujo_estimate_t flujo_results_activity(const flujo_results_t *r, size_t node, bool processing);

/* Hours of part p per completed expediente: of its cycle (the parts add up to the cycle time), of
 * node `node` in all its visits, of the work of pool `pool` in all its visits. */
flujo_estimate_t flujo_results_part(const flujo_results_t *r, flujo_part_t p);
flujo_estimate_t flujo_results_activity_part(const flujo_results_t *r, size_t node, flujo_part_t p);
flujo_estimate_t flujo_results_pool_part(const flujo_results_t *r, size_t pool, flujo_part_t p);

/* Share of cases within the plazo among those under sla rule i (n_rules: the else plazo). */
flujo_estimate_t flujo_results_rule_within(const flujo_results_t *r, size_t rule);

/* Share of the activity's instances done within its deadline (tasks.X.deadline). */
flujo_estimate_t flujo_results_activity_within(const flujo_results_t *r, size_t node);

/* The value of KPI k in replication i (NaN when undefined). */
double flujo_rep_kpi(const flujo_rep_t *rep, flujo_kpi_t k);

/* Total counts over finished replications. */
uint64_t flujo_results_arrived(const flujo_results_t *r);
uint64_t flujo_results_completed(const flujo_results_t *r);
uint64_t flujo_results_in_flight(const flujo_results_t *r);
double flujo_results_activity_count(const flujo_results_t *r, size_t node);

/* Pools ranked worst first: by the hours an expediente loses there, then utilisation. Fills out[]
 * (the caller gives s->n_pools slots) and returns how many pools have any work. */
size_t flujo_results_bottlenecks(const flujo_results_t *r, flujo_bottleneck_t *out);

#endif
