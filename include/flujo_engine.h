/* flujo_engine.h - one replication of a scenario: expedientes arrive, move through the BPMN graph,
 * queue for the performers of each pool, are worked on, wait, and leave. */
#ifndef FLUJO_ENGINE_H
#define FLUJO_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flujo_error.h"
#include "flujo_scenario.h"
#include "flujo_stats.h"

#include <signal.h>

/* One activity instance, for event logs. Times are simulation seconds. */
typedef struct flujo_activity_rec {
    long replication;   /* replication number, from 1 */
    uint64_t case_id;   /* case number within the replication, from 1 */
    int64_t node;       /* the task */
    int64_t pool;       /* the pool that did it */
    double enable_time; /* the token reached the task */
    double start_time;  /* work started */
    double end_time;    /* work ended */
    bool background;    /* the case came by a background stream (not an expediente) */
} flujo_activity_rec_t;

/* One completed case, for event logs. Times are simulation seconds; legal figures in business
 * days of the legal calendar. */
typedef struct flujo_case_rec {
    long replication;    /* replication number, from 1 */
    uint64_t case_id;    /* case number within the replication, from 1 */
    int64_t start;       /* the start event it arrived at */
    double arrival_time; /* filed */
    double count_start;  /* 00:00 of the business day the plazo starts counting */
    double due_time;     /* end of the plazo, pauses aside (INFINITY without sla) */
    double end_time;     /* completed */
    double legal_bd;     /* legal time: business days counted, pauses excluded */
    double paused_bd;    /* business days the clock stood still (pause_in) */
    bool within;         /* legal time <= deadline (false without sla) */
    bool silenced;       /* legal time > deadline + grace (false without sla) */
    const int *attrs;    /* value index of each case attribute (-1 unset), during the call */
} flujo_case_rec_t;

/* Receives each completed activity instance, in completion order. */
typedef void (*flujo_log_fn)(void *ctx, const flujo_activity_rec_t *rec);

/* Receives each completed case of the procedure (background arrivals aside), in completion
 * order. */
typedef void (*flujo_case_log_fn)(void *ctx, const flujo_case_rec_t *rec);

/* How a run may be limited or observed. Zero fields mean "no limit" / "none". */
typedef struct flujo_engine_opts {
    uint64_t max_events;         /* stop with FLUJO_ELIMIT after this many events */
    double max_seconds;          /* stop with FLUJO_ELIMIT after this much computing time... */
    double started;              /* ...counted from this flujo_monotonic_seconds() (0: the run's
                                    start; flujo_experiment_run sets it for all replications) */
    volatile sig_atomic_t *stop; /* stop with FLUJO_EINTR once *stop is set (SIGINT) */
    flujo_log_fn log;            /* activity log receiver */
    flujo_case_log_fn case_log;  /* case log receiver */
    void *log_ctx;               /* their context */
} flujo_engine_opts_t;

/* The parts of an expediente's cycle: every instant of it is one of these, so that they add up to
 * the cycle time. On parallel branches the parts are those of the branch that decided when the
 * case went on (the last to reach a join, the last to end): the critical path. */
typedef enum flujo_part {
    FLUJO_PART_WAIT_PERFORMER = 0, /* queued while the unit is open: for a free performer */
    FLUJO_PART_WAIT_HOURS,         /* queued while the unit is closed: for its working hours */
    FLUJO_PART_WORK,               /* work in the performers' hands, during the unit's hours */
    FLUJO_PART_WORK_PAUSED,        /* a started task stretched over its unit's closed hours */
    FLUJO_PART_DELAY,              /* timers, release times, catch events, durations in bd or d */
    FLUJO_PART_ADMINISTRADO,       /* at a pause_in lane or pool: the citizen's time */
    FLUJO_PART_SYNC,               /* waiting at a join for a parallel branch */
    FLUJO_PART_OTHER,              /* anything else */
    FLUJO_PART_N
} flujo_part_t;

/* The JSON key of a part ("wait_performer"), and its label for people ("waiting for a free
 * performer", in English; the reports translate it). */
const char *flujo_part_key(flujo_part_t p);
const char *flujo_part_label(flujo_part_t p);

#define FLUJO_WIP_POINTS 1000

/* What one replication measured. Case figures are means over the cases that arrived after the
 * warm-up and before arrivals stopped ("counted") and completed; pool and activity figures are
 * over the same window. */
typedef struct flujo_rep {
    long replication;       /* number, from 1 */
    uint64_t events;        /* events processed */
    uint64_t arrived;       /* counted cases that arrived */
    uint64_t completed;     /* of them, completed */
    uint64_t in_flight;     /* of them, never completed (stuck) */
    double cycle_h;         /* mean elapsed cycle time, hours */
    double cycle_bd;        /* mean legal time: business days counted from the business day
 after filing, pauses excluded (Ley 27444 arts. 133-134) */
    double waiting_h;       /* mean time waiting in queues per case, hours */
    double processing_h;    /* mean work per case, hours */
    double cost;            /* mean cost per case: its work × units × cost_per_hour */
    double staff_cost_week; /* what the pools' staff are paid a week (paid hours × count ×
                               cost_per_hour), whether they work or not */
    double cost_total;      /* the procedure's share of the staff's pay over the window (each
                               unit's by the procedure's share of its work; all of it without
                               background work), per completed expediente */
    double handoffs;        /* mean hand-offs per case: consecutive tasks done by different
                               offices (the administrado's and automated pools are none) */
    double within;          /* share of cases within the plazo (NaN without sla) */
    double *rule_within;    /* per sla deadline rule (then the else plazo): share within */
    double *rule_cases;     /* per rule: counted cases completed under it */
    double silenced;        /* share silenced (NaN without sla) */
    double throughput_bd;   /* completed counted cases per business day of the window */
    flujo_hist_t *hist_h;   /* cycle times, hours */
    flujo_hist_t *hist_bd;  /* legal times, business days */
    double paused_bd;       /* mean business days the legal clock stood still per case */
    double handoff_bd;      /* mean transfer of a hand-off: business days from the end of one
                               unit's work to the start of the next unit's, the administrado's
                               time and timers between them left out */
    double handoff_lead_bd; /* mean lead of a hand-off: business days from the end of one
                               office's work to the end of the next one's, the same time aside */
    double cycle_parts_h[FLUJO_PART_N]; /* mean hours of each part per completed case (NaN: none) */
    double *act_parts_h;  /* per node × part (node * FLUJO_PART_N + part): hours per completed
                             expediente spent there in all its visits */
    double *pool_parts_h; /* per pool × part: the same for the pool's work */
    double *pool_feed_h;  /* per pair of pools (pool * (n_pools + 1) + from): of the hours the work
                             at pool waited for its hours or stood paused by them, per
                             expediente, those of work that came from pool `from` (the office
                             before it; from = n_pools: from no office) */
    double *pool_util;    /* per pool: busy performers / (count × open share), NaN unlimited */
    double *pool_busy;    /* per pool: mean busy performers */
    double *pool_queue;   /* per pool: mean queue length */
    double *pool_wait_h;  /* per pool: mean wait of work enabled in the window, hours */
    double *pool_rate_h;  /* per pool: work items entering the queue per hour of window */
    double *pool_case_wait_h;  /* per pool: mean wait of the procedure's work there (background
                                  arrivals aside), hours */
    double *pool_case_queue;   /* per pool: hours the procedure's work waited there per hour of
                                  window (its mean number waiting) */
    double *pool_case_hours_h; /* per pool: of pool_case_wait_h, the part until the pool next
                                  opened after the work arrived (waiting for its working hours or
                                  session; the rest is waiting for a free performer) */
    double *handoff_pairs;     /* per pair of pools (from * n_pools + to): hand-offs of counted
                                  cases, per completed counted case */
    double *wip;               /* expedientes of the procedure in process (background aside) at
                                  00:00 of every wip_step-th day of simulated time: at most
                                  FLUJO_WIP_POINTS, whatever the horizon */
    long n_wip;                /* points in wip */
    long wip_step;             /* days between them */
    double window_end;         /* end of the statistics window (cases: N - when the run ended) */
    double *act_count;         /* per node: instances enabled in the window */
    double *act_wait_h;        /* per node: mean wait in queue, hours (NaN if none) */
    double *act_proc_h;        /* per node: mean work, hours (NaN if none) */
    double *act_within;        /* per node: share done within its deadline (NaN if none) */
    uint64_t *stuck;           /* ids of cases that could not finish (first ones) */
    size_t n_stuck;            /* how many ids are listed */
} flujo_rep_t;

typedef struct flujo_engine flujo_engine_t;

/* Prepares an engine for the scenario (borrowed; it must outlive the engine). One engine runs one
 * replication at a time; give each thread its own. */
flujo_engine_t *flujo_engine_new(const flujo_scenario_t *s, const flujo_engine_opts_t *opts);

void flujo_engine_free(flujo_engine_t *e);

/* Runs replication number r (from 1) into *out, which it allocates (free with flujo_rep_destroy).
 * Streams are seeded from (scenario seed, r, element), so the result depends only on them.
 * Fails with FLUJO_ESIM when the model cannot progress (a loop that never advances time, no
 * condition true at a gateway, a case or a queue still there when the calendars end),
 * FLUJO_ELIMIT past max_events or max_seconds, FLUJO_EINTR when stopped; *out is then empty. */
flujo_status_t flujo_engine_run(flujo_engine_t *e, long r, flujo_rep_t *out, flujo_err_t *err);

void flujo_rep_destroy(flujo_rep_t *rep);

#endif
