/* engine_int.h - what the files of the engine share: its state (tokens, scopes, cases, joins, the
 * event list, the pools), the typed events, and the steps each file provides.
 *
 * State is a set of tokens (where each case's threads of work are), scopes (a case, a running
 * sub-process or called process), cases, join waits, and one event list. Moving a token along
 * sequence flows takes no simulated time, so routing through gateways and events without delay
 * happens inside one event, through a work list (routing.c), and only what takes time (work,
 * delays, timers, arrivals) goes through the event list (run.c takes them off it, one named call
 * per kind). Every structure lives in an array with a free list and grows by doubling (tokens.c),
 * so a long run allocates nothing once it reached its largest state.
 *
 * Stale events are not removed: each token carries a generation, bumped whenever it leaves a node
 * or is freed, and an event for an older generation is ignored when it comes up. What a run
 * measures is gathered in one place (measure.c), called at the few moments that matter: work
 * queued and done, a case arriving and completing, the end of the run. */
#ifndef FLUJO_ENGINE_INT_H
#define FLUJO_ENGINE_INT_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/base_int.h"
#include "engine/evq_int.h"
#include "engine/resource_int.h"
#include "flujo_engine.h"
#include "random/random_int.h"
#include "scenario/scenario_int.h"
#include "stats/stats_int.h"

#define FLUJO__HOUR        3600.0
#define FLUJO__MAX_ROUTING 1000000 /* token moves in one instant before a loop is declared */
#define FLUJO__MAX_STUCK   20      /* stuck case ids kept for the report */
#define NONE               (-1)

/* Event kinds; their payloads are the members of flujo_ev_data_t of the same name. */
enum {
    EV_ARRIVAL,    /* .arrival: the next case of a stream */
    EV_TASK_DONE,  /* .token: a task's work is done */
    EV_DELAY_DONE, /* .token: a catch event's delay is over */
    EV_BOUNDARY,   /* .boundary: a timed boundary event of an activity fires */
    EV_RACE,       /* .race: the first event after an event-based gateway happens */
    EV_EVSUB       /* .evsub: the timer of an event sub-process fires */
};

/* What a node does when a token reaches it. */
enum {
    B_PASS,      /* start events inside scopes, throw events, boundary events: go on */
    B_END,       /* end event: the token ends */
    B_TERMINATE, /* terminate end event: the scope ends */
    B_THROW_END, /* error or escalation end event: the nearest activity around that catches it */
    B_THROW_ESC, /* escalation throw event: the same, and the thrower goes on */
    B_TASK,      /* work by a pool */
    B_SCOPE,     /* sub-process or call activity */
    B_GATEWAY,   /* exclusive, parallel, inclusive or complex gateway */
    B_RACE,      /* event-based gateway */
    B_CATCH,     /* intermediate catch event: a delay or a release time */
    B_LINK       /* link throw event: jump to its catch */
};

enum { J_NONE, J_AND, J_OR };

/* Token states. */
enum { T_FREE, T_MOVING, T_QUEUED, T_BUSY, T_DELAY, T_JOIN, T_SCOPE, T_MI, T_MSG };

/* A node as the engine uses it. */
typedef struct ninfo {
    uint8_t beh;         /* behaviour */
    uint8_t join;        /* J_AND or J_OR for a synchronising gateway with several inputs */
    uint8_t pause;       /* tokens here stop the legal clock */
    uint8_t choose;      /* an activity or event with conditional flows: leaves by choosing */
    uint8_t msg_wait;    /* a catch event a message flow points to: waits for its message */
    int32_t msg_first;   /* nodes its message flows point to, in msgt[] */
    int32_t msg_n;       /* how many */
    int32_t pool;        /* tasks: pool (with alternatives: the first) */
    int32_t units;       /* tasks: performers seized together */
    int32_t alt_first;   /* tasks any of several pools can do: their pools in alt_pool[] */
    int32_t alt_n;       /* how many (0: only pool) */
    int32_t link;        /* link throw: the catch event it jumps to */
    int32_t bnd_first;   /* activities: timed boundary events in bnd[] */
    int32_t bnd_n;       /* how many */
    int32_t entry_first; /* scopes: entry nodes in entries[] */
    int32_t entry_n;     /* how many */
    int32_t evsub_first; /* scope content: event sub-processes in evsubs[] */
    int32_t evsub_n;     /* how many */
    int32_t or_index;    /* OR joins: row of the reach table */
} ninfo_t;

typedef struct tok {
    double enable;   /* when it reached its node */
    double start;    /* when its work started */
    double work;     /* work sampled, seconds of its clock */
    uint32_t gen;    /* generation, for stale events */
    int32_t node;    /* where it is */
    int32_t cas;     /* its case */
    int32_t scope;   /* the scope it runs in */
    int32_t parent;  /* multi-instance children: the token at the activity */
    int32_t child;   /* T_SCOPE: the scope it waits for */
    int32_t count;   /* T_MI: children still running; sequential MI: runs left; loops: runs */
    int32_t runs;    /* standard loops around a sub-process: runs so far */
    int32_t snext;   /* next token of the scope */
    int32_t sprev;   /* previous token of the scope */
    int32_t wnext;   /* next token waiting at the same join, or free list */
    int32_t inpos;   /* incoming flow position it arrived by (joins) */
    int32_t pool;    /* tasks: the pool doing (or holding) its work; NONE while it waits in the
                        queues of several pools */
    uint8_t state;   /* T_* */
    uint8_t paused;  /* counted in its case's pause count */
    uint8_t counted; /* its work is in the statistics window */
    double mark;     /* up to when its time is in part[] (measure.c) */
    double excl_b;   /* tasks: the case's excl_b when its work started */
    double part[FLUJO_PART_N]; /* its path's time so far, by part of the cycle */
} tok_t;

typedef struct scope {
    int32_t cas;     /* its case */
    int32_t node;    /* sub-process or call activity node, NONE for the case itself */
    int32_t parent;  /* the token waiting for it, NONE for the case */
    int32_t first;   /* first token of the scope */
    int32_t active;  /* live tokens directly in the scope */
    int32_t joins;   /* pending join entries */
    int32_t or_wait; /* pending OR join entries */
    int32_t next;    /* free list */
    uint32_t gen;    /* generation, for event sub-process timers */
    uint8_t dirty;   /* queued for an OR join check */
} scope_t;

typedef struct ecase {
    uint64_t id;               /* number within the replication */
    double arrival;            /* when it arrived */
    double due;                /* legal deadline instant (EDD) */
    double priority;           /* for priority queues */
    double waiting;            /* seconds in queues */
    double processing;         /* seconds of work */
    double cost;               /* cost of the work */
    double bstart;             /* business clock when the plazo starts counting */
    double deadline;           /* its plazo, business seconds */
    int32_t rule;              /* the sla rule that gave it (n_rules: the else plazo) */
    double pause_since;        /* business clock when the pause began */
    double paused;             /* business seconds paused after bstart */
    int32_t pauses;            /* tokens at pausing nodes */
    int32_t handoffs;          /* changes of office between consecutive tasks */
    int32_t last_pool;         /* office of the last task */
    double last_end_b;         /* counted cases: the business clock when the last task ended */
    double excl_b;             /* counted cases: business seconds spent in delays and with the
                                  administrado so far (left out of hand-off transfers) */
    double last_excl_b;        /* excl_b when the last task ended */
    double part[FLUJO_PART_N]; /* its cycle by part, once complete (the critical path) */
    double decided;            /* when the case reached an sla.until node, or -1 */
    int32_t top;               /* its top scope */
    int32_t msgs;              /* its messages at catch events (msgs[] list), or NONE */
    int32_t start;             /* the start event it arrived at */
    int32_t next;              /* free list */
    uint8_t counted;           /* arrived inside the window */
    uint8_t background;        /* arrived by a background stream: simulated, never counted */
} ecase_t;

/* Messages for one catch event of one case: those come before a token (count), or the tokens
 * waiting for one (a list through tok_t.wnext). */
typedef struct msgbox {
    int32_t node;   /* the catch event */
    int32_t count;  /* messages not yet taken */
    int32_t waiter; /* first token waiting, or NONE */
    int32_t next;   /* the case's next box, or the free list */
} msgbox_t;

typedef struct join {
    int32_t node;    /* the join gateway */
    int32_t waiting; /* first waiting token (chained by wnext) */
    int32_t next;    /* next entry of the scope, or free list */
    uint64_t mask;   /* AND: incoming positions arrived */
} join_t;

/* Entries of a work list: a token reaching a node through incoming position inpos. */
typedef struct move {
    int32_t tok;
    int32_t node;
    int32_t inpos;
} move_t;

typedef struct evsub {
    int32_t node;  /* the event sub-process */
    int32_t start; /* its start event (carries the delay) */
} evsub_t;

/* What one replication measures as it goes (measure.c), before collect turns it into the
 * replication's figures. Window: cases arriving after the warm-up and before arrivals stop. */
typedef struct meas {
    flujo_tally_t t_cycle;              /* counted cases: elapsed cycle time, hours */
    flujo_tally_t t_bd;                 /* legal time, business days */
    flujo_tally_t t_wait;               /* time in queues, hours */
    flujo_tally_t t_proc;               /* work, hours */
    flujo_tally_t t_cost;               /* cost of the work */
    flujo_tally_t t_hand;               /* hand-offs */
    flujo_tally_t t_paused;             /* business days the legal clock stood still */
    flujo_tally_t t_handoff_bd;         /* transfer of each hand-off, business days */
    flujo_tally_t t_handoff_lead;       /* lead of each hand-off, business days */
    double n_within;                    /* counted cases within the plazo */
    double n_silenced;                  /* counted cases silenced */
    flujo_tally_t *t_act_wait;          /* per node: wait in queue, hours */
    flujo_tally_t *t_act_proc;          /* per node: work, hours */
    flujo_tally_t *t_act_within;        /* per node: 1 within the activity deadline, else 0 */
    flujo_tally_t *t_pool_wait;         /* per pool: wait of every job */
    flujo_tally_t *t_pool_case_wait;    /* per pool: the procedure's work only */
    flujo_tally_t *t_pool_case_hours;   /* per pool: the same, until the pool opened */
    double *pool_entries;               /* per pool: jobs entering, in the window */
    double *pool_work;                  /* per pool: performer-seconds worked in the window */
    double *pool_case_work;             /* of them, for the procedure (background aside) */
    flujo_tally_t t_part[FLUJO_PART_N]; /* counted cases: hours of each part of the cycle */
    double *act_part;  /* per node × part: seconds of counted cases' tokens there */
    double *pool_part; /* per pool × part: the same for the pool's tasks */
    double *pool_feed; /* per pool × (pool + 1): its hours-waits by office before */
    double in_process; /* expedientes of the procedure in the system */
    long wip_day;      /* next day whose 00:00 value is to be recorded */
} meas_t;

struct flujo_engine {
    const flujo_scenario_t *s;
    const flujo_model_t *m;
    flujo_engine_opts_t opts;
    ninfo_t *ni;         /* per node */
    int32_t *bnd;        /* timed boundary events, grouped by activity */
    int32_t *entries;    /* scope entry nodes, grouped by scope node */
    int32_t *proc_entry; /* per process: first entry in entries[], count after it */
    evsub_t *evsubs;     /* event sub-processes, grouped by container */
    int32_t *proc_evsub; /* per process: first in evsubs[] and count */
    int32_t *inpos;      /* per flow: position among the target's incoming flows */
    int32_t *alt_pool;   /* pools of tasks with alternatives, grouped by task */
    int32_t *msgt;       /* message flow targets, grouped by source node */
    msgbox_t *mb;        /* message boxes of the cases */
    size_t n_mb, cap_mb;
    int32_t free_mb;
    const flujo_dist_t **alt_dur; /* the duration when that pool does it */
    double *released;   /* per pool: when a performer last became free (who serves next) */
    uint64_t *reach;    /* OR joins: bit v of row r: node v can reach OR join r */
    size_t reach_words; /* words per row */
    flujo_evq_t q;      /* future events */
    flujo_res_t *res;   /* per pool */
    tok_t *tok;
    size_t n_tok, cap_tok;
    int32_t free_tok;
    scope_t *sc;
    size_t n_sc, cap_sc;
    int32_t free_sc;
    ecase_t *cs;
    size_t n_cs, cap_cs;
    int32_t free_cs;
    int *attrs; /* n_attrs values per case slot */
    size_t cap_attrs;
    join_t *jn;
    size_t n_jn, cap_jn;
    int32_t free_jn;
    move_t *wl; /* work list ring */
    size_t wl_head, wl_n, wl_cap;
    int32_t *dirty; /* scopes waiting for an OR join check */
    size_t n_dirty, cap_dirty;
    flujo_rng_t **arr_rng;    /* per stream: interarrival times */
    flujo_rng_t **attr_rng;   /* per stream: attributes */
    flujo_rng_t **node_rng;   /* per node: durations, delays, routing */
    flujo_rng_t **branch_rng; /* per task: error and loop draws */
    double now;
    uint64_t next_id;
    uint64_t routing; /* token moves at the current instant */
    flujo_err_t *err;
    flujo_status_t st;
    flujo_rep_t *rep;
    long r;
    double win_end; /* end of the statistics window (cases: N - open until the run ends) */
    long n_cases;   /* cases: N - expedientes arrived so far */
    meas_t ms;      /* what the replication measures (measure.c) */
};

/* ---- run.c: failures --------------------------------------------------------------------------
 */

/* Stops the replication with status st and "FILE: replication R: message" (the first failure
 * wins; later ones are ignored). */
void flujo__run_fail(flujo_engine_t *e, flujo_status_t st, const char *fmt, ...) FLUJO_PRINTF(3, 4);

/* The name of node v for messages, else its id. */
const char *flujo__label(const flujo_engine_t *e, int32_t v);

/* ---- delays.c: the clocks of durations --------------------------------------------------------
 */

/* Fails the run: the work at node would end after the calendars do; returns now. */
double flujo__outlived(flujo_engine_t *e, int32_t node);

/* A time computed from a calendar; INFINITY means the case would outlive the calendars (a failure
 * naming node, and now is returned instead). */
static inline double flujo__checked(flujo_engine_t *e, double t, int32_t node)
{
    return isfinite(t) ? t : flujo__outlived(e, node);
}

/* The instant a duration sampled on its clock ends, starting now; calendar is the working-time
 * calendar for s/m/h (-1: elapsed). */
double flujo__end_of(flujo_engine_t *e, const flujo_dist_t *d, double x, int calendar,
                     int32_t node);

/* When the delay of event node v, started now, is over. */
double flujo__delay_end(flujo_engine_t *e, int32_t v);

/* Priorities of the event kinds at equal times: work finishing frees performers before anything
 * else happens at that instant, and new cases come last. */
static const unsigned flujo__ev_priority[] = {
    [EV_ARRIVAL] = 3,  [EV_TASK_DONE] = 0, [EV_DELAY_DONE] = 1,
    [EV_BOUNDARY] = 2, [EV_RACE] = 1,      [EV_EVSUB] = 2,
};

/* Puts an event of kind `kind` on the event list at time, with the priority of its kind. */
static inline void flujo__schedule(flujo_engine_t *e, double time, uint32_t kind,
                                   flujo_ev_data_t data)
{
    flujo_evq_push(&e->q, time, flujo__ev_priority[kind], kind, data);
}

/* ---- tokens.c: pools of objects, moving tokens ------------------------------------------------
 */

/* A new token of scope sc (and its case), at no node yet. */
int32_t flujo__tok_new(flujo_engine_t *e, int32_t sc);

/* Releases a token: it leaves its scope (which may then be done). */
void flujo__tok_free(flujo_engine_t *e, int32_t t);

/* Updates the case's legal-clock pause when token t, which was not (on) or was (!on) at a pausing
 * node, enters or leaves one. */
void flujo__tok_pause_change(flujo_engine_t *e, int32_t t, bool on);

/* Updates the case's legal-clock pause when a token enters (on) or leaves (!on) a pausing node. */
static inline void flujo__tok_pause(flujo_engine_t *e, int32_t t, bool on)
{
    if (e->tok[t].paused != on) {
        flujo__tok_pause_change(e, t, on);
    }
}

/* Queues a token to reach node through incoming position inpos. */
void flujo__tok_go(flujo_engine_t *e, int32_t t, int32_t node, int32_t inpos);

/* Leaves the token's node along every outgoing flow (tasks and events split like a parallel
 * gateway). A node without outgoing flows ends the token. */
void flujo__tok_leave(flujo_engine_t *e, int32_t t);

/* Queues scope sc for an OR-join check when it has OR joins waiting. */
static inline void flujo__scope_mark(flujo_engine_t *e, int32_t sc)
{
    if (e->sc[sc].or_wait > 0 && !e->sc[sc].dirty) {
        e->sc[sc].dirty = 1;
        flujo_grow((void **)&e->dirty, &e->cap_dirty, e->n_dirty + 1, sizeof(*e->dirty));
        e->dirty[e->n_dirty++] = sc;
    }
}

/* A new scope of case cas for scope node `node` (NONE: the case itself), waited for by token
 * parent (NONE: the case); and its release once its content is done or cancelled. */
int32_t flujo__scope_new(flujo_engine_t *e, int32_t cas, int32_t node, int32_t parent);
void flujo__scope_release(flujo_engine_t *e, int32_t sc);

/* Frees the join entries of scope sc (their tokens are gone or go with them). */
void flujo__scope_free_joins(flujo_engine_t *e, int32_t sc);

/* Sends token t down outgoing flow f. */
static inline void flujo__tok_follow(flujo_engine_t *e, int32_t t, int64_t f)
{
    flujo__tok_go(e, t, (int32_t)e->m->flows[f].target, e->inpos[f]);
}

/* A copy of t in the same scope, for another branch: it inherits t's path (t is moving: all its
 * time is in its parts). */
static inline int32_t flujo__tok_clone(flujo_engine_t *e, int32_t t)
{
    int32_t c = flujo__tok_new(e, e->tok[t].scope);
    memcpy(e->tok[c].part, e->tok[t].part, sizeof(e->tok[c].part));
    return c;
}

/* True if the event for token t at generation gen still concerns it. */
static inline bool flujo__tok_live(const flujo_engine_t *e, uint32_t t, uint32_t gen)
{
    return t < e->n_tok && e->tok[t].state != T_FREE && e->tok[t].gen == gen;
}

/* The attribute values of case cas (NULL when the scenario has no attributes). */
static inline int *flujo__case_attrs(const flujo_engine_t *e, int32_t cas)
{
    return e->s->n_attrs > 0 ? &e->attrs[(size_t)cas * e->s->n_attrs] : NULL;
}

/* ---- work.c: work by the pools ----------------------------------------------------------------
 */

/* Token t reached task node: its boundary timers start, then its instances ask for performers. */
void flujo__task_enable(flujo_engine_t *e, int32_t t);

/* The work of token t is done now: its performers take the next work, it is measured, and the
 * token goes on (through the error boundary event, to its next run, or out of the activity). */
void flujo__task_done(flujo_engine_t *e, int32_t t);

/* Token t's performers stop now (done or interrupted): their work is measured and they take the
 * next work waiting for them. */
void flujo__task_release(flujo_engine_t *e, int32_t t);

/* The duration of task v when pool p does it (an alternative's own, else the task's). */
const flujo_dist_t *flujo__work_of(const flujo_engine_t *e, int32_t v, int32_t p);

/* Takes waiting token t out of every queue it waits in. */
void flujo__task_unqueue(flujo_engine_t *e, int32_t t);

/* Starts the timed boundary events of an activity token t just reached. */
void flujo__arm_boundaries(flujo_engine_t *e, int32_t t, int32_t v);

/* The activity of token t is complete: leave it (the scope's or the case's next step). */
static inline void flujo__activity_done(flujo_engine_t *e, int32_t t)
{
    flujo__tok_leave(e, t);
}

/* ---- scopes.c: sub-processes, call activities, event sub-processes, cancelling --------------- */

/* Token t reached a sub-process or call activity. */
void flujo__scope_enter(flujo_engine_t *e, int32_t t);

/* All tokens of scope sc are gone. */
void flujo__scope_done(flujo_engine_t *e, int32_t sc);

/* Cancels every token of scope sc (and what they wait for), leaving the scope alive and empty of
 * tokens except `keep`. */
void flujo__scope_cancel(flujo_engine_t *e, int32_t sc, int32_t keep);

/* Stops whatever token t is doing (before it is freed or moved): leaves a queue, frees
 * performers, cancels children and sub-process contents. */
void flujo__tok_cancel(flujo_engine_t *e, int32_t t);

/* Starts the timers of the n event sub-processes from evsubs[first] in scope sc. */
void flujo__evsubs_start(flujo_engine_t *e, int32_t sc, int32_t first, int32_t n);

/* The timer of event sub-process x of scope sc fired: interrupting ones cancel the content,
 * then its content runs. */
void flujo__evsub_fire(flujo_engine_t *e, int32_t sc, const evsub_t *x);

/* ---- routing.c: tokens reaching nodes, gateways, joins ----------------------------------------
 */

/* Moves tokens until none is left to move at this instant, then settles OR joins. */
void flujo__drain(flujo_engine_t *e);

/* Token t leaves an activity or event with conditional flows: its plain flows always, each
 * conditional one by its probability or condition, the default one when none of those is taken
 * (probabilities with neither a plain nor a default flow are drawn again until one is). */
void flujo__leave_choosing(flujo_engine_t *e, int32_t t);

/* ---- messages.c: message flows between pools -------------------------------------------------
 */

/* Token t leaves (or ends at) a node with message flows: each message starts the process of a
 * message start event it points to, for the same case, or reaches a catch event, releasing a
 * token of the case waiting there or kept for the next one that comes. */
void flujo__send_messages(flujo_engine_t *e, int32_t t);

/* Token t reached a catch event that waits for a message: it takes one kept for it and goes on,
 * or waits (T_MSG). */
void flujo__msg_wait(flujo_engine_t *e, int32_t t);

/* Waiting token t is cancelled: it no longer waits for its message. */
void flujo__msg_unwait(flujo_engine_t *e, int32_t t);

/* Case cas is done: its message boxes are freed. */
void flujo__msgs_free(flujo_engine_t *e, int32_t cas);

/* ---- cases.c: arrivals and completions --------------------------------------------------------
 */

/* The next arrival of stream `stream`, unless arrivals stop before it. */
void flujo__arrival_schedule(flujo_engine_t *e, size_t stream);

/* A case of stream `stream` arrives now at its start event. */
void flujo__case_new(flujo_engine_t *e, size_t stream);

/* The last token of case cas is gone: the case is complete. */
void flujo__case_done(flujo_engine_t *e, int32_t cas);

/* ---- measure.c: what a replication measures ---------------------------------------------------
 */

/* The measurement arrays of an engine, and their release. */
void flujo__meas_new(flujo_engine_t *e);
void flujo__meas_free(flujo_engine_t *e);

/* Sets up rep for replication r (its arrays allocated) and empties the measurements. */
void flujo__meas_start(flujo_engine_t *e, long r, flujo_rep_t *rep);

/* Work enters pool p's queue (or starts at once) now; counted: inside the window. */
static inline void flujo__meas_entry(flujo_engine_t *e, int32_t p, bool counted)
{
    e->ms.pool_entries[p] += counted;
}

/* Token t's performers stop working now: the open time they worked inside the window counts
 * towards the pool's utilisation. */
void flujo__meas_work(flujo_engine_t *e, int32_t t);

/* Token t leaves the state it was in since its mark: that time goes to its parts by cause (the
 * unit open or closed, work or paused, a delay, the administrado, a join), and for counted cases
 * to its node's and pool's sums. Its mark moves to now. */
void flujo__meas_flush(flujo_engine_t *e, int32_t t);

/* The parts of token t's path as of now (its parts and the time since its mark, by cause; for a
 * token waiting on a scope or on parallel instances, the path of one of them) into dst. */
void flujo__meas_path(const flujo_engine_t *e, int32_t t, double *dst);

/* Token dst takes src's path as of now: dst goes on where src's branch decided (the last branch
 * of a scope or of parallel instances, a boundary event's copy). */
void flujo__meas_take(flujo_engine_t *e, int32_t dst, int32_t src);

/* Token t's work at pool `pool`, of duration d, is done now: the case's waiting, work, cost and
 * hand-offs, the activity's and pool's figures, and the activity log. */
void flujo__meas_task(flujo_engine_t *e, int32_t t, int32_t pool, const flujo_dist_t *d);

/* Token t's task (queued or at work) is cut short now by an interrupting event: its wait, the
 * work done so far and its cost count as those of a visit. */
void flujo__meas_task_cut(flujo_engine_t *e, int32_t t);

/* Case c arrived now. */
void flujo__meas_case_new(flujo_engine_t *e, const ecase_t *c);

/* Case cas completed now, with legal time legal_s (business seconds) and its verdicts. */
void flujo__meas_case_done(flujo_engine_t *e, int32_t cas, double legal_s, bool within,
                           bool silenced);

/* The run is over: cases still in flight are listed, and the figures of rep are computed. */
void flujo__meas_finish(flujo_engine_t *e);

/* One instance t of a parallel multi-instance activity is done: it ends, and the activity is done
 * with its last instance. */
static inline void flujo__instance_done(flujo_engine_t *e, int32_t t)
{
    int32_t p = e->tok[t].parent;
    if (e->tok[p].count == 1) {
        flujo__meas_take(e, p, t); /* the last instance decided when the activity ended */
    }
    flujo__tok_free(e, t);
    if (--e->tok[p].count == 0) {
        flujo__activity_done(e, p);
    }
}

#endif
