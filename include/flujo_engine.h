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

#define FLUJO_WIP_POINTS 1000

/* What one replication measured. Case figures are means over the cases that arrived after the
 * warm-up and before arrivals stopped ("counted") and completed; pool and activity figures are
 * over the same window. */
typedef struct flujo_rep {
    long replication;         /* number, from 1 */
    uint64_t events;          /* events processed */
    uint64_t arrived;         /* counted cases that arrived */
    uint64_t completed;       /* of them, completed */
    uint64_t in_flight;       /* of them, never completed (stuck) */
    double cycle_h;           /* mean elapsed cycle time, hours */
    double cycle_bd;          /* mean legal time: business days counted from the business day
   after filing, pauses excluded (Ley 27444 arts. 133-134) */
    double waiting_h;         /* mean time waiting in queues per case, hours */
    double processing_h;      /* mean work per case, hours */
    double cost;              /* mean cost per case */
    double handoffs;          /* mean hand-offs per case */
    double within;            /* share of cases within the plazo (NaN without sla) */
    double *rule_within;      /* per sla deadline rule (then the else plazo): share within */
    double *rule_cases;       /* per rule: counted cases completed under it */
    double silenced;          /* share silenced (NaN without sla) */
    double throughput_bd;     /* completed counted cases per business day of the window */
    flujo_hist_t *hist_h;     /* cycle times, hours */
    flujo_hist_t *hist_bd;    /* legal times, business days */
    double paused_bd;         /* mean business days the legal clock stood still per case */
    double handoff_bd;        /* mean lead time of a hand-off: business days from the end of one
                                 unit's task to the end of the next unit's task */
    double *pool_util;        /* per pool: busy performers / (count × open share), NaN unlimited */
    double *pool_busy;        /* per pool: mean busy performers */
    double *pool_queue;       /* per pool: mean queue length */
    double *pool_wait_h;      /* per pool: mean wait of work enabled in the window, hours */
    double *pool_rate_h;      /* per pool: work items entering the queue per hour of window */
    double *pool_case_wait_h; /* per pool: mean wait of the procedure's work there (background
                                 arrivals aside), hours */
    double *pool_case_queue;  /* per pool: hours the procedure's work waited there per hour of
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
