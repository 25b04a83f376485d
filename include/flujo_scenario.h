/* flujo_scenario.h - scenario files (YAML, version 1): how much work arrives, who does it, how long
 * it takes, which way cases go and under which legal deadline; bound to the elements of a model. */
#ifndef FLUJO_SCENARIO_H
#define FLUJO_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flujo_calendar.h"
#include "flujo_dist.h"
#include "flujo_error.h"
#include "flujo_model.h"

/* Order in which a pool's queue serves waiting work. */
typedef enum flujo_queue {
    FLUJO_QUEUE_FIFO = 0, /* first come, first served */
    FLUJO_QUEUE_EDD,      /* earliest legal due date of the case first */
    FLUJO_QUEUE_PRIORITY  /* highest case priority first (arrivals[].priority), then FIFO */
} flujo_queue_t;

/* What the law makes of a case left without an answer past deadline + grace. */
typedef enum flujo_silence {
    FLUJO_SILENCE_NONE = 0, /* no silence rule */
    FLUJO_SILENCE_POSITIVE, /* approved by silencio administrativo positivo */
    FLUJO_SILENCE_NEGATIVE  /* the citizen may treat it as denied (silencio negativo) */
} flujo_silence_t;

/* A pool of performers: a unit (lane) or a named resource. */
typedef struct flujo_pool {
    char *name;                 /* name, equal to a lane's name when it comes from a lane */
    bool unlimited;             /* never queues */
    long count;                 /* performers (when not unlimited) */
    int calendar;               /* index into calendars */
    double cost_per_hour;       /* cost of one performer-hour of work */
    double paid_hours_per_week; /* hours one performer is paid for each week: as the scenario gives
                                   them, else the open hours per week of the pool's (last)
                                   calendar; 0 for unlimited pools, which have no staff */
    bool paid_hours_given;      /* paid_hours_per_week is the scenario's (else it follows the
                                   calendar, when optimize tries another) */
    flujo_queue_t queue;        /* discipline */
    bool assumed;               /* not in the scenario: 1 performer assumed */
    bool automated;             /* the system (redesign automate): no hand-offs to or from it */
    long line;                  /* line in the scenario, 0 if assumed */
    char *file;                 /* the file that line is in (a base or parameter file), or NULL */
} flujo_pool_t;

/* A categorical case attribute. */
typedef struct flujo_attr {
    char *name;     /* attribute name */
    char **values;  /* its values */
    double *number; /* values[i] read as a number, NaN when it is not one */
    size_t n;       /* number of values */
} flujo_attr_t;

typedef struct flujo_cond flujo_cond_t; /* a condition on case attributes (opaque) */

/* One of several pools that can do a task, with its own duration when it has one. */
typedef struct flujo_alt {
    int64_t pool;          /* the pool */
    bool own_duration;     /* duration is set (else the task's duration applies) */
    flujo_dist_t duration; /* the work when this pool does it */
} flujo_alt_t;

/* Parameters of an activity (task, sub-process or call activity). */
typedef struct flujo_task {
    bool given;             /* the scenario names this activity */
    flujo_dist_t duration;  /* work (tasks only) */
    int64_t pool;           /* performing pool, -1 for sub-processes and call activities; with
                               alternatives, the first of them */
    flujo_alt_t *alts;      /* when several pools can do it: each (the first free one does it) */
    size_t n_alts;          /* how many (0: only pool) */
    long units;             /* performers seized together */
    double error;           /* probability of ending through the error boundary event */
    int64_t error_boundary; /* that boundary event, or -1 */
    char *asme;             /* ASME-VM type, or NULL */
    int value_added;        /* 1 yes, 0 no, -1 not said */
    long instances;         /* multi-instance copies */
    bool instances_given;   /* instances is the scenario's (else loopCardinality, else 1) */
    double loop;            /* standard loop: probability of running again */
    bool loop_given;        /* loop is the scenario's */
    long loop_max;          /* standard loop: at most this many runs (0: no limit) */
    double deadline;        /* per-activity deadline, business seconds counted from the business
day after the task is reached (art. 132) */
    bool deadline_same_day; /* deadline: 0bd, to be done the same day (routing, art. 132.1) */
    int64_t called;         /* call activities: first node of the called process, or -1 */
    int64_t called_process; /* call activities: the called process, or -1 */
    long line;              /* line in the scenario, 0 if defaults */
} flujo_task_t;

/* How a split gateway chooses among its outgoing flows (model out_flow order). */
typedef enum flujo_route {
    FLUJO_ROUTE_EQUAL = 0, /* equal probabilities (default) */
    FLUJO_ROUTE_PROB,      /* given probabilities */
    FLUJO_ROUTE_COND       /* conditions on case attributes; else last */
} flujo_route_t;

typedef struct flujo_split {
    flujo_route_t route; /* how */
    size_t n;            /* outgoing flows */
    double *prob;        /* PROB: probability of each flow */
    flujo_cond_t **cond; /* COND: condition of each flow, NULL for the else flow */
    size_t *order;       /* COND: evaluation order (as written; the else flow last) */
    long line;           /* line in the scenario, 0 if defaults */
} flujo_split_t;

/* Parameters of an event: a delay, or release times. */
typedef struct flujo_delay {
    bool has_delay;     /* delay is set */
    flujo_dist_t delay; /* time until the event happens (timers, messages, boundary events) */
    int calendar;       /* calendar for s/m/h delays and release times, -1: elapsed time */
    double *at;         /* release times, seconds after midnight, sorted */
    size_t n_at;        /* number of release times */
    long line;          /* line in the scenario, 0 if defaults */
    long cycle;         /* from a timeCycle: times a non-interrupting boundary event fires, one
                           period (delay) after the other (-1: as long as its activity runs);
                           0 for once */
} flujo_delay_t;

/* A stream of arriving cases. */
typedef struct flujo_arrival {
    int64_t start;             /* start event */
    flujo_dist_t interarrival; /* between arrivals, in open time of the calendar */
    int calendar;              /* index into calendars */
    bool from_timer;           /* taken from the model's timer start event (no arrivals: given) */
    bool elapsed;              /* clock: elapsed - the time between arrivals runs on the wall
                                  clock, and an arrival in closed time waits for the opening */
    double priority;           /* case priority for priority queues */
    bool background;           /* other work loading the pools: simulated, never counted */
    double **attr_cum;         /* per attribute: cumulative probabilities of its values, or NULL */
    long line;                 /* line in the scenario, 0 if defaults */
} flujo_arrival_t;

/* The legal deadline. */
typedef struct flujo_sla {
    bool set;                 /* the scenario has an sla section */
    double deadline;          /* plazo, business seconds (86400 per día hábil); the else value
                                 when the plazo depends on the case */
    size_t n_rules;           /* conditional plazos, tried in order before `deadline` */
    flujo_cond_t **rule_cond; /* condition of each rule */
    double *rule_deadline;    /* plazo of each rule, business seconds */
    char **rule_text;         /* condition of each rule as written */
    double grace;             /* further business seconds before silence takes effect */
    flujo_silence_t silence;  /* what silence means */
    bool *pause;              /* pause[v]: time at node v stops the legal clock (pause_in) */
    bool *until;              /* until[v]: reaching node v decides the case: the legal clock stops
                                 (sla.until); NULL when the case's end decides it */
} flujo_sla_t;

/* A scenario bound to its model. Every array indexed by node has m->n_nodes entries. */
typedef struct flujo_scenario {
    char *file;                   /* scenario path (or the model path for a bare model) */
    char *name;                   /* scenario name */
    char *currency;               /* what costs are counted in: an ISO 4217 code, "PEN" unless
                                     the scenario says otherwise */
    flujo_model_t *model;         /* the model, owned */
    long start_day;               /* day number of simulation time 0 (00:00 local) */
    double start_time;            /* when arrivals begin (start: with a time of day), seconds */
    long cases;                   /* cases: N - arrivals stop after N expedientes of the
                                     procedure, all counted, and the run ends when they are
                                     done; 0: the warm-up and horizon window */
    uint64_t seed;                /* experiment seed */
    long replications;            /* replications */
    bool stress;                  /* kind: stress - a load test, never ranked as a redesign */
    double warmup_end;            /* simulation time when counting starts */
    double arrivals_end;          /* simulation time when arrivals stop (INFINITY with cases) */
    flujo_calendar_t **calendars; /* calendars[0] is "always" */
    size_t n_calendars;           /* number of calendars */
    int legal_calendar;           /* index of the calendar defining días hábiles */
    flujo_arrival_t *arrivals;    /* arrival streams */
    size_t n_arrivals;            /* number of streams */
    flujo_pool_t *pools;          /* pools */
    size_t n_pools;               /* number of pools */
    flujo_task_t *tasks;          /* per node; meaningful for activities */
    flujo_split_t *gateways;      /* per node; meaningful for splitting gateways */
    flujo_delay_t *events;        /* per node; meaningful for events */
    flujo_attr_t *attrs;          /* case attributes */
    size_t n_attrs;               /* number of attributes */
    flujo_sla_t sla;              /* legal deadline */
    long n_days;                  /* days the calendars cover */
    flujo_diags_t notes;          /* defaults assumed (notes) and warnings about parameters */
    flujo_diags_t changes;        /* what the redesign: list changed, one note each, in order */
} flujo_scenario_t;

/* Loads a scenario file, or a bare BPMN model (.bpmn/.xml) with the documented defaults, and
 * binds it to its model. `sets` are "KEY=VALUE" overrides applied over the file (dotted keys,
 * "resources.Mesa de Partes.count=4"). On failure returns FLUJO_ESCENARIO (or the model's or
 * I/O status) with one line "FILE:LINE: key: what is wrong" in err and leaves *out untouched.
 * Defaults that were assumed are listed in (*out)->notes. */
flujo_status_t flujo_scenario_load(const char *path, const char *const *sets, size_t n_sets,
                                   flujo_scenario_t **out, flujo_err_t *err);

/* Frees a scenario and its model. NULL is a no-op. */
void flujo_scenario_free(flujo_scenario_t *s);

/* What the staff of pool `pool` (an index into s->pools) are paid each week, in s->currency:
 * count × paid_hours_per_week × cost_per_hour, whether they work or not; 0 for an unlimited pool.
 * Never fails. */
double flujo_scenario_staff_cost_per_week(const flujo_scenario_t *s, size_t pool);

/* The staff cost of the scenario per week: the sum of flujo_scenario_staff_cost_per_week over its
 * pools, in s->currency. Never fails. */
double flujo_scenario_staff_cost(const flujo_scenario_t *s);

/* The analytic capacity check: expected visits per case of each node (traffic equations with the
 * routing probabilities, solved with GSL), the work each pool receives per case and the
 * utilisation it implies at the scenario's arrival rate. An open queueing-network estimate: it
 * ignores synchronisation waits and the queue time against which boundary timers also run
 * (their share of firing is sampled against the work's duration); event sub-processes are not in
 * it. */
typedef struct flujo_capacity {
    double *visits;  /* per node: expected visits per case (activities: runs) */
    double *work;    /* per pool: performer-seconds of work per case */
    double *rho;     /* per pool: utilisation at rate (0 for unlimited pools) */
    double rate;     /* arrivals per elapsed second, background streams included */
    double bg_rate;  /* of it, arrivals of background streams */
    double bd_week;  /* business days per week of the legal calendar */
    int64_t busiest; /* pool with the highest utilisation, -1 if none */
} flujo_capacity_t;

/* Computes the capacity check of a scenario. Fails with FLUJO_ESCENARIO when a loop is taken with
 * probability 1 (visits without bound), naming the loop's gateway. */
flujo_status_t flujo_scenario_capacity(const flujo_scenario_t *s, flujo_capacity_t *out,
                                       flujo_err_t *err);

/* Arrivals per elapsed second of the procedure's own streams (background streams aside). */
double flujo_scenario_arrival_rate(const flujo_scenario_t *s);

/* Frees the arrays of a capacity check. */
void flujo_capacity_destroy(flujo_capacity_t *c);

/* What `flujo check SCENARIO` finds. */
typedef struct flujo_findings {
    flujo_diags_t diags;       /* in the order they are reported: the model's findings (an
                                  unlabelled split the scenario routes is none), the scenario's
                                  notes, then the capacity check's error or its overloaded (error)
                                  and high-load (warning) units; those about the scenario name
                                  its file */
    flujo_cycle_t *cycles;     /* the model's rework loops */
    size_t n_cycles;           /* how many */
    bool has_capacity;         /* the capacity check could be computed (no endless loop) */
    flujo_capacity_t capacity; /* it, when has_capacity */
} flujo_findings_t;

/* Checks a loaded scenario as `flujo check` does: the structure of its model (after its redesign),
 * its notes, and the capacity check, whose load above 100% of a unit is an error ("overloaded",
 * with the performers or the cut in work that would bring it to 85%) and above 85% a warning
 * ("high-load"). Fails (FLUJO_EGRAPH) only if igraph does; free the findings with
 * flujo_findings_destroy in any case. */
flujo_status_t flujo_scenario_check(const flujo_scenario_t *s, flujo_findings_t *out,
                                    flujo_err_t *err);

/* Frees what the findings hold. */
void flujo_findings_destroy(flujo_findings_t *f);

#endif
