/* engine.c - the discrete-event engine: one replication of a scenario.
 *
 * State is a set of tokens (where each case's threads of work are), scopes (a case, a running
 * sub-process or called process), cases, join waits, and one event list. Moving a token along
 * sequence flows takes no simulated time, so routing through gateways and events without delay
 * happens inside one event, through a work list, and only what takes time (work, delays, timers,
 * arrivals) goes through the event list. Every structure lives in an array with a free list and
 * grows by doubling, so a long run allocates nothing once it reached its largest state.
 *
 * Stale events are not removed: each token carries a generation, bumped whenever it leaves a
 * node or is freed, and an event for an older generation is ignored when it comes up. */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "engine/evq_int.h"
#include "engine/resource_int.h"
#include "flujo_engine.h"
#include "random/random_int.h"

#define HOUR        3600.0
#define MAX_ROUTING 1000000 /* token moves in one instant before a loop is declared */
#define MAX_STUCK   20      /* stuck case ids kept for the report */
#define NONE        (-1)

/* Event kinds and their priorities at equal times: work finishing frees performers before
 * anything else happens at that instant, and new cases come last. */
enum { EV_ARRIVAL, EV_TASK_DONE, EV_DELAY_DONE, EV_BOUNDARY, EV_RACE, EV_EVSUB };
static const unsigned ev_priority[] = {3, 0, 1, 2, 1, 2};

/* What a node does when a token reaches it. */
enum {
    B_PASS,      /* start events inside scopes, throw events, boundary events: go on */
    B_END,       /* end event: the token ends */
    B_TERMINATE, /* terminate end event: the scope ends */
    B_TASK,      /* work by a pool */
    B_SCOPE,     /* sub-process or call activity */
    B_GATEWAY,   /* exclusive, parallel, inclusive or complex gateway */
    B_RACE,      /* event-based gateway */
    B_CATCH,     /* intermediate catch event: a delay or a release time */
    B_LINK       /* link throw event: jump to its catch */
};

enum { J_NONE, J_AND, J_OR };

/* Token states. */
enum { T_FREE, T_MOVING, T_QUEUED, T_BUSY, T_DELAY, T_JOIN, T_SCOPE, T_MI };

/* A node as the engine uses it. */
typedef struct ninfo {
    uint8_t beh;         /* behaviour */
    uint8_t join;        /* J_AND or J_OR for a synchronising gateway with several inputs */
    uint8_t pause;       /* tokens here stop the legal clock */
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
    uint64_t id;        /* number within the replication */
    double arrival;     /* when it arrived */
    double due;         /* legal deadline instant (EDD) */
    double priority;    /* for priority queues */
    double waiting;     /* seconds in queues */
    double processing;  /* seconds of work */
    double cost;        /* cost of the work */
    double bstart;      /* business clock when the plazo starts counting */
    double deadline;    /* its plazo, business seconds */
    int32_t rule;       /* the sla rule that gave it (n_rules: the else plazo) */
    double pause_since; /* business clock when the pause began */
    double paused;      /* business seconds paused after bstart */
    int32_t pauses;     /* tokens at pausing nodes */
    int32_t handoffs;   /* changes of pool between consecutive tasks */
    int32_t last_pool;  /* pool of the last task */
    double last_end_b;  /* counted cases: the business clock when the last task ended */
    double decided;     /* when the case reached an sla.until node, or -1 */
    int32_t top;        /* its top scope */
    int32_t start;      /* the start event it arrived at */
    int32_t next;       /* free list */
    uint8_t counted;    /* arrived inside the window */
    uint8_t background; /* arrived by a background stream: simulated, never counted */
} ecase_t;

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

struct flujo_engine {
    const flujo_scenario_t *s;
    const flujo_model_t *m;
    flujo_engine_opts_t opts;
    ninfo_t *ni;                  /* per node */
    int32_t *bnd;                 /* timed boundary events, grouped by activity */
    int32_t *entries;             /* scope entry nodes, grouped by scope node */
    int32_t *proc_entry;          /* per process: first entry in entries[], count after it */
    evsub_t *evsubs;              /* event sub-processes, grouped by container */
    int32_t *proc_evsub;          /* per process: first in evsubs[] and count */
    int32_t *inpos;               /* per flow: position among the target's incoming flows */
    int32_t *alt_pool;            /* pools of tasks with alternatives, grouped by task */
    const flujo_dist_t **alt_dur; /* the duration when that pool does it */
    double *released;   /* per pool: when a performer last became free (who serves next) */
    uint64_t *reach;    /* OR joins: bit v of row r: node v can reach OR join r */
    size_t reach_words; /* words per row */
    int32_t *link_of;   /* per node: link catch target */
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
    /* statistics of the replication */
    flujo_tally_t t_cycle, t_bd, t_wait, t_proc, t_cost, t_hand, t_paused, t_handoff_bd;
    double n_within, n_silenced;
    flujo_tally_t *t_act_wait, *t_act_proc; /* per node */
    flujo_tally_t *t_act_within;            /* per node: 1 within the activity deadline, else 0 */
    flujo_tally_t *t_pool_wait;             /* per pool */
    flujo_tally_t *t_pool_case_wait;        /* per pool: the procedure's work only */
    flujo_tally_t *t_pool_case_hours;       /* per pool: the same, until the pool opened */
    double *pool_entries;                   /* per pool, in the window */
    double in_process;                      /* expedientes of the procedure in the system */
    double win_end;                         /* end of the statistics window (cases: N - open
                                               until the run ends) */
    long n_cases;                           /* cases: N - expedientes arrived so far */
    long wip_day;                           /* next day whose 00:00 value is to be recorded */
    double *pool_work;                      /* per pool: performer-seconds worked in the window */
};

/* ---- preparation ----------------------------------------------------------------------------- */

static bool is_entry(const flujo_model_t *m, int64_t v, int64_t process, int64_t parent,
                     bool has_start)
{
    const flujo_node_t *n = &m->nodes[v];
    if (n->process != process || n->parent != parent || n->kind == FLUJO_NODE_BOUNDARY ||
        (n->kind == FLUJO_NODE_SUBPROCESS && n->triggered_by_event) || n->for_compensation) {
        return false;
    }
    if (has_start) {
        return n->kind == FLUJO_NODE_START;
    }
    return flujo_model_in_degree(m, v) == 0 &&
           !(n->kind == FLUJO_NODE_CATCH && (n->event_defs & FLUJO_EV_LINK));
}

/* Appends the entry nodes of content (process, parent) to e->entries; returns the first index. */
static int32_t collect_entries(flujo_engine_t *e, size_t *n_entries, size_t *cap, int64_t process,
                               int64_t parent, int32_t *count)
{
    const flujo_model_t *m = e->m;
    bool has_start = false;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        has_start = has_start ||
                    (n->kind == FLUJO_NODE_START && n->process == process && n->parent == parent);
    }
    int32_t first = (int32_t)*n_entries;
    *count = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (is_entry(m, (int64_t)v, process, parent, has_start)) {
            flujo_grow((void **)&e->entries, cap, *n_entries + 1, sizeof(*e->entries));
            e->entries[(*n_entries)++] = (int32_t)v;
            (*count)++;
        }
    }
    return first;
}

static int32_t collect_evsubs(flujo_engine_t *e, size_t *n, size_t *cap, int64_t process,
                              int64_t parent, int32_t *count)
{
    const flujo_model_t *m = e->m;
    int32_t first = (int32_t)*n;
    *count = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        if (nd->kind != FLUJO_NODE_SUBPROCESS || !nd->triggered_by_event ||
            nd->process != process || nd->parent != parent) {
            continue;
        }
        for (size_t w = 0; w < m->n_nodes; w++) {
            const flujo_node_t *st = &m->nodes[w];
            if (st->kind == FLUJO_NODE_START && st->parent == (int64_t)v &&
                (e->s->events[w].has_delay || e->s->events[w].n_at > 0)) {
                flujo_grow((void **)&e->evsubs, cap, *n + 1, sizeof(*e->evsubs));
                e->evsubs[(*n)++] = (evsub_t){(int32_t)v, (int32_t)w};
                (*count)++;
            }
        }
    }
    return first;
}

/* For each OR join, the nodes from which it can be reached (sequence flows and boundary
 * attachments, and from a sub-process node through its content): while a token of the scope sits
 * on one of them, the join must keep waiting. */
static void build_reach(flujo_engine_t *e)
{
    const flujo_model_t *m = e->m;
    size_t nn = m->n_nodes, rows = 0;
    for (size_t v = 0; v < nn; v++) {
        if (e->ni[v].join == J_OR) {
            e->ni[v].or_index = (int32_t)rows++;
        }
    }
    e->reach_words = (nn + 63) / 64;
    e->reach = flujo_xcalloc(rows * e->reach_words + 1, sizeof(uint64_t));
    int32_t *queue = flujo_xmalloc((nn + 1) * sizeof(*queue));
    for (size_t j = 0; j < nn; j++) {
        if (e->ni[j].join != J_OR) {
            continue;
        }
        uint64_t *row = &e->reach[(size_t)e->ni[j].or_index * e->reach_words];
        size_t head = 0, tail = 0;
        queue[tail++] = (int32_t)j;
        row[j / 64] |= 1ULL << (j % 64);
        while (head < tail) {
            int32_t v = queue[head++];
            for (size_t k = m->in_start[v]; k < m->in_start[v + 1]; k++) {
                int32_t u = (int32_t)m->flows[m->in_flow[k]].source;
                if (!(row[u / 64] & (1ULL << (u % 64)))) {
                    row[u / 64] |= 1ULL << (u % 64);
                    queue[tail++] = u;
                }
            }
            if (m->nodes[v].kind == FLUJO_NODE_BOUNDARY && m->nodes[v].attached_to >= 0) {
                int32_t u = (int32_t)m->nodes[v].attached_to;
                if (!(row[u / 64] & (1ULL << (u % 64)))) {
                    row[u / 64] |= 1ULL << (u % 64);
                    queue[tail++] = u;
                }
            }
        }
    }
    free(queue);
}

/* A generator for a stream; reset() seeds it for each replication. */
static flujo_rng_t *stream(void)
{
    return flujo_rng_new(0, 0, 0);
}

flujo_engine_t *flujo_engine_new(const flujo_scenario_t *s, const flujo_engine_opts_t *opts)
{
    flujo_engine_t *e = flujo_xcalloc(1, sizeof(*e));
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    e->s = s;
    e->m = m;
    if (opts != NULL) {
        e->opts = *opts;
    }
    e->ni = flujo_xcalloc(nn + 1, sizeof(*e->ni));
    e->inpos = flujo_xcalloc(m->n_flows + 1, sizeof(*e->inpos));
    for (size_t v = 0; v < nn; v++) {
        for (size_t k = m->in_start[v]; k < m->in_start[v + 1]; k++) {
            e->inpos[m->in_flow[k]] = (int32_t)(k - m->in_start[v]);
        }
    }
    size_t n_bnd = 0, cap_bnd = 0, n_ent = 0, cap_ent = 0, n_evs = 0, cap_evs = 0;
    size_t n_alt = 0, cap_alt = 0, cap_dur = 0;
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        ninfo_t *ni = &e->ni[v];
        ni->pool = NONE;
        ni->link = NONE;
        ni->or_index = NONE;
        ni->pause = s->sla.pause != NULL && s->sla.pause[v];
        switch (n->kind) {
        case FLUJO_NODE_TASK:
            ni->beh = B_TASK;
            ni->pool = (int32_t)s->tasks[v].pool;
            ni->units = (int32_t)s->tasks[v].units;
            ni->alt_first = (int32_t)n_alt;
            for (size_t k = 0; k < s->tasks[v].n_alts; k++) {
                flujo_grow((void **)&e->alt_pool, &cap_alt, n_alt + 1, sizeof(*e->alt_pool));
                flujo_grow((void **)&e->alt_dur, &cap_dur, n_alt + 1, sizeof(*e->alt_dur));
                e->alt_pool[n_alt] = (int32_t)s->tasks[v].alts[k].pool;
                e->alt_dur[n_alt] = flujo_task_duration(&s->tasks[v], s->tasks[v].alts[k].pool);
                n_alt++;
                ni->alt_n++;
            }
            break;
        case FLUJO_NODE_SUBPROCESS:
        case FLUJO_NODE_CALL:
            ni->beh = B_SCOPE;
            break;
        case FLUJO_NODE_END:
            ni->beh = (n->event_defs & FLUJO_EV_TERMINATE) ? B_TERMINATE : B_END;
            break;
        case FLUJO_NODE_CATCH:
            ni->beh = B_CATCH;
            break;
        case FLUJO_NODE_THROW:
            ni->beh = (n->event_defs & FLUJO_EV_LINK) ? B_LINK : B_PASS;
            break;
        case FLUJO_NODE_GATEWAY:
            ni->beh = n->gateway == FLUJO_GW_EVENT ? B_RACE : B_GATEWAY;
            if (flujo_model_in_degree(m, (int64_t)v) >= 2) {
                ni->join = n->gateway == FLUJO_GW_PARALLEL ? J_AND
                           : n->gateway == FLUJO_GW_INCLUSIVE || n->gateway == FLUJO_GW_COMPLEX
                               ? J_OR
                               : J_NONE;
            }
            break;
        default:
            ni->beh = B_PASS;
        }
        /* timed boundary events of this activity */
        ni->bnd_first = (int32_t)n_bnd;
        for (size_t b = 0; b < nn; b++) {
            if (m->nodes[b].kind == FLUJO_NODE_BOUNDARY && m->nodes[b].attached_to == (int64_t)v &&
                (s->events[b].has_delay || s->events[b].n_at > 0)) {
                flujo_grow((void **)&e->bnd, &cap_bnd, n_bnd + 1, sizeof(*e->bnd));
                e->bnd[n_bnd++] = (int32_t)b;
                ni->bnd_n++;
            }
        }
        if (n->kind == FLUJO_NODE_SUBPROCESS && !n->triggered_by_event) {
            ni->entry_first =
                collect_entries(e, &n_ent, &cap_ent, n->process, (int64_t)v, &ni->entry_n);
        }
        if (n->kind == FLUJO_NODE_SUBPROCESS) {
            ni->evsub_first =
                collect_evsubs(e, &n_evs, &cap_evs, n->process, (int64_t)v, &ni->evsub_n);
        }
    }
    e->proc_entry = flujo_xcalloc(2 * m->n_processes + 1, sizeof(int32_t));
    e->proc_evsub = flujo_xcalloc(2 * m->n_processes + 1, sizeof(int32_t));
    for (size_t p = 0; p < m->n_processes; p++) {
        e->proc_entry[2 * p] =
            collect_entries(e, &n_ent, &cap_ent, (int64_t)p, -1, &e->proc_entry[2 * p + 1]);
        e->proc_evsub[2 * p] =
            collect_evsubs(e, &n_evs, &cap_evs, (int64_t)p, -1, &e->proc_evsub[2 * p + 1]);
    }
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (e->ni[v].beh != B_LINK || n->event_ref == NULL) {
            continue;
        }
        for (size_t w = 0; w < nn; w++) {
            const flujo_node_t *c = &m->nodes[w];
            if (c->kind == FLUJO_NODE_CATCH && (c->event_defs & FLUJO_EV_LINK) &&
                c->event_ref != NULL && strcmp(c->event_ref, n->event_ref) == 0 &&
                c->process == n->process && c->parent == n->parent) {
                e->ni[v].link = (int32_t)w;
                break;
            }
        }
    }
    build_reach(e);

    flujo_evq_init(&e->q);
    e->res = flujo_xcalloc(s->n_pools + 1, sizeof(*e->res));
    for (size_t p = 0; p < s->n_pools; p++) {
        flujo_res_init(&e->res[p], s->pools[p].unlimited, s->pools[p].count, s->pools[p].queue,
                       s->warmup_end, s->arrivals_end);
    }
    e->arr_rng = flujo_xcalloc(s->n_arrivals + 1, sizeof(flujo_rng_t *));
    e->attr_rng = flujo_xcalloc(s->n_arrivals + 1, sizeof(flujo_rng_t *));
    for (size_t i = 0; i < s->n_arrivals; i++) {
        e->arr_rng[i] = stream();
        e->attr_rng[i] = stream();
    }
    e->node_rng = flujo_xcalloc(nn + 1, sizeof(flujo_rng_t *));
    e->branch_rng = flujo_xcalloc(nn + 1, sizeof(flujo_rng_t *));
    for (size_t v = 0; v < nn; v++) {
        uint8_t beh = e->ni[v].beh;
        if (beh == B_TASK || beh == B_GATEWAY || beh == B_RACE || beh == B_CATCH ||
            m->nodes[v].kind == FLUJO_NODE_BOUNDARY || m->nodes[v].kind == FLUJO_NODE_START) {
            e->node_rng[v] = stream();
        }
        if (beh == B_TASK || beh == B_SCOPE) {
            e->branch_rng[v] = stream();
        }
    }
    e->t_act_wait = flujo_xcalloc(nn + 1, sizeof(flujo_tally_t));
    e->t_act_proc = flujo_xcalloc(nn + 1, sizeof(flujo_tally_t));
    e->t_act_within = flujo_xcalloc(nn + 1, sizeof(flujo_tally_t));
    e->t_pool_wait = flujo_xcalloc(s->n_pools + 1, sizeof(flujo_tally_t));
    e->t_pool_case_wait = flujo_xcalloc(s->n_pools + 1, sizeof(flujo_tally_t));
    e->t_pool_case_hours = flujo_xcalloc(s->n_pools + 1, sizeof(flujo_tally_t));
    e->pool_entries = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    e->pool_work = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    e->released = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    e->free_tok = e->free_sc = e->free_cs = e->free_jn = NONE;
    return e;
}

void flujo_engine_free(flujo_engine_t *e)
{
    if (e == NULL) {
        return;
    }
    const flujo_scenario_t *s = e->s;
    for (size_t i = 0; i < s->n_arrivals; i++) {
        flujo_rng_free(e->arr_rng[i]);
        flujo_rng_free(e->attr_rng[i]);
    }
    for (size_t v = 0; v < e->m->n_nodes; v++) {
        if (e->node_rng[v] != NULL) {
            flujo_rng_free(e->node_rng[v]);
        }
        if (e->branch_rng[v] != NULL) {
            flujo_rng_free(e->branch_rng[v]);
        }
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        flujo_res_destroy(&e->res[p]);
    }
    flujo_evq_destroy(&e->q);
    free(e->arr_rng);
    free(e->attr_rng);
    free(e->node_rng);
    free(e->branch_rng);
    free(e->res);
    free(e->ni);
    free(e->bnd);
    free(e->entries);
    free(e->proc_entry);
    free(e->evsubs);
    free(e->proc_evsub);
    free(e->inpos);
    free(e->reach);
    free(e->tok);
    free(e->sc);
    free(e->cs);
    free(e->attrs);
    free(e->jn);
    free(e->wl);
    free(e->dirty);
    free(e->t_act_wait);
    free(e->t_act_proc);
    free(e->t_act_within);
    free(e->t_pool_wait);
    free(e->t_pool_case_wait);
    free(e->t_pool_case_hours);
    free(e->pool_entries);
    free(e->pool_work);
    free(e->released);
    free(e->alt_pool);
    free(e->alt_dur);
    free(e);
}

/* ---- failures
 * ------------------------------------------------------------------------------------ */

static void sim_fail(flujo_engine_t *e, flujo_status_t st, const char *fmt, ...) FLUJO_PRINTF(3, 4);

static void sim_fail(flujo_engine_t *e, flujo_status_t st, const char *fmt, ...)
{
    if (e->st != FLUJO_OK) {
        return;
    }
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    e->st = flujo_err_set(e->err, st, "%s: replication %ld: %s", e->s->file, e->r, msg);
}

static const char *label(const flujo_engine_t *e, int32_t v)
{
    const flujo_node_t *n = &e->m->nodes[v];
    return n->name[0] ? n->name : n->id;
}

/* A time computed from a calendar; INFINITY means the case would outlive the calendars. */
static double checked(flujo_engine_t *e, double t, int32_t node)
{
    if (!isfinite(t)) {
        sim_fail(e, FLUJO_ESIM,
                 "'%s' would end after the last day the calendars cover (%ld days): a calendar "
                 "that never opens, or a horizon too short for the work",
                 label(e, node), e->s->n_days);
        return e->now;
    }
    return t;
}

/* ---- pools of objects --------------------------------------------------------------------------
 */

static int32_t tok_alloc(flujo_engine_t *e)
{
    int32_t t = e->free_tok;
    if (t != NONE) {
        e->free_tok = e->tok[t].wnext;
    } else {
        flujo_grow((void **)&e->tok, &e->cap_tok, e->n_tok + 1, sizeof(*e->tok));
        t = (int32_t)e->n_tok++;
    }
    uint32_t gen = e->tok[t].gen;
    memset(&e->tok[t], 0, sizeof(tok_t));
    e->tok[t].gen = gen + 1;
    e->tok[t].parent = NONE;
    e->tok[t].child = NONE;
    e->tok[t].wnext = NONE;
    e->tok[t].node = NONE;
    return t;
}

static void mark_dirty(flujo_engine_t *e, int32_t sc)
{
    if (e->sc[sc].or_wait > 0 && !e->sc[sc].dirty) {
        e->sc[sc].dirty = 1;
        flujo_grow((void **)&e->dirty, &e->cap_dirty, e->n_dirty + 1, sizeof(*e->dirty));
        e->dirty[e->n_dirty++] = sc;
    }
}

/* Updates the case's legal-clock pause when a token enters (on) or leaves (!on) a pausing node. */
static void set_pause(flujo_engine_t *e, int32_t t, bool on)
{
    tok_t *k = &e->tok[t];
    if (k->paused == on) {
        return;
    }
    ecase_t *c = &e->cs[k->cas];
    k->paused = on; /* only pauses between the start of counting and the decision stop it */
    const flujo_calendar_t *legal = e->s->calendars[e->s->legal_calendar];
    double b = flujo_calendar_bclock(legal, e->now);
    b = b > c->bstart ? b : c->bstart;
    if (c->decided >= 0) {
        double d = flujo_calendar_bclock(legal, c->decided);
        b = b < d ? b : d;
    }
    if (on && c->pauses++ == 0) {
        c->pause_since = b;
    } else if (!on && --c->pauses == 0) {
        c->paused += b - c->pause_since;
    }
}

/* A new token of scope sc (and its case), at no node yet. */
static int32_t tok_new(flujo_engine_t *e, int32_t sc)
{
    int32_t t = tok_alloc(e);
    tok_t *k = &e->tok[t];
    scope_t *s = &e->sc[sc];
    k->scope = sc;
    k->cas = s->cas;
    k->state = T_MOVING;
    k->sprev = NONE;
    k->snext = s->first;
    if (s->first != NONE) {
        e->tok[s->first].sprev = t;
    }
    s->first = t;
    s->active++;
    return t;
}

static void scope_done(flujo_engine_t *e, int32_t sc);

/* Releases a token: it leaves its scope (which may then be done). */
static void tok_free(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    assert(k->state != T_FREE);
    set_pause(e, t, false);
    int32_t sc = k->scope;
    scope_t *s = &e->sc[sc];
    if (k->sprev != NONE) {
        e->tok[k->sprev].snext = k->snext;
    } else {
        s->first = k->snext;
    }
    if (k->snext != NONE) {
        e->tok[k->snext].sprev = k->sprev;
    }
    k->state = T_FREE;
    k->gen++;
    k->wnext = e->free_tok;
    e->free_tok = t;
    mark_dirty(e, sc);
    if (--s->active == 0) {
        scope_done(e, sc);
    }
}

static int32_t scope_new(flujo_engine_t *e, int32_t cas, int32_t node, int32_t parent)
{
    int32_t sc = e->free_sc;
    if (sc != NONE) {
        e->free_sc = e->sc[sc].next;
    } else {
        flujo_grow((void **)&e->sc, &e->cap_sc, e->n_sc + 1, sizeof(*e->sc));
        sc = (int32_t)e->n_sc++;
    }
    uint32_t gen = e->sc[sc].gen;
    memset(&e->sc[sc], 0, sizeof(scope_t));
    scope_t *s = &e->sc[sc];
    s->gen = gen + 1;
    s->cas = cas;
    s->node = node;
    s->parent = parent;
    s->first = NONE;
    s->joins = NONE;
    s->next = NONE;
    return sc;
}

static void scope_release(flujo_engine_t *e, int32_t sc)
{
    scope_t *s = &e->sc[sc];
    for (int32_t j = s->joins; j != NONE;) {
        int32_t next = e->jn[j].next;
        e->jn[j].next = e->free_jn;
        e->free_jn = j;
        j = next;
    }
    s->joins = NONE;
    s->gen++;
    s->next = e->free_sc;
    e->free_sc = sc;
}

/* ---- moving tokens -----------------------------------------------------------------------------
 */

/* Queues a token to reach node through incoming position inpos. */
static void go(flujo_engine_t *e, int32_t t, int32_t node, int32_t inpos)
{
    if (e->wl_n == e->wl_cap) {
        size_t old = e->wl_cap;
        flujo_grow((void **)&e->wl, &e->wl_cap, e->wl_n + 1, sizeof(*e->wl));
        if (e->wl_head + e->wl_n > old) {
            memcpy(&e->wl[old], &e->wl[0], (e->wl_head + e->wl_n - old) * sizeof(*e->wl));
        }
    }
    e->wl[(e->wl_head + e->wl_n) % e->wl_cap] = (move_t){t, node, inpos};
    e->wl_n++;
    e->tok[t].state = T_MOVING;
}

/* Sends token t down outgoing flow f (and a copy down each further flow the caller sends). */
static void follow(flujo_engine_t *e, int32_t t, int64_t f)
{
    const flujo_flow_t *fl = &e->m->flows[f];
    go(e, t, (int32_t)fl->target, e->inpos[f]);
}

/* A copy of t in the same scope, for another branch. */
static int32_t tok_clone(flujo_engine_t *e, int32_t t)
{
    int32_t c = tok_new(e, e->tok[t].scope);
    return c;
}

/* Leaves node v along every outgoing flow (tasks and events split like a parallel gateway). A
 * node without outgoing flows ends the token. */
static void leave_all(flujo_engine_t *e, int32_t t)
{
    const flujo_model_t *m = e->m;
    int32_t v = e->tok[t].node;
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    e->tok[t].gen++;
    if (n == 0) {
        tok_free(e, t);
        return;
    }
    for (size_t k = 1; k < n; k++) {
        follow(e, tok_clone(e, t), m->out_flow[first + k]);
    }
    follow(e, t, m->out_flow[first]);
}

/* ---- time
 * ---------------------------------------------------------------------------------------- */

/* The instant a duration sampled on its clock ends, starting now; calendar is the working-time
 * calendar for s/m/h (-1: elapsed). */
static double end_of(flujo_engine_t *e, const flujo_dist_t *d, double x, int calendar, int32_t node)
{
    const flujo_scenario_t *s = e->s;
    switch (d->clock) {
    case FLUJO_CLOCK_WORK:
        if (calendar < 0) {
            return e->now + x;
        }
        return checked(e, flujo_calendar_add_work(s->calendars[calendar], e->now, x), node);
    case FLUJO_CLOCK_BDAYS:
        return checked(e, flujo_calendar_add_bdays(s->calendars[s->legal_calendar], e->now, x),
                       node);
    case FLUJO_CLOCK_DAYS:
        return e->now + x;
    }
    return e->now + x;
}

/* The next listed release time (time of day) on a day the calendar has open time, from now. */
static double next_release(flujo_engine_t *e, const flujo_delay_t *d, int32_t node)
{
    const flujo_scenario_t *s = e->s;
    long day = (long)floor(e->now / FLUJO_DAY);
    for (long dd = day; dd < s->n_days; dd++) {
        if (d->calendar >= 0 && !flujo_calendar_is_business_day(s->calendars[d->calendar], dd)) {
            continue;
        }
        for (size_t i = 0; i < d->n_at; i++) {
            double t = (double)dd * FLUJO_DAY + d->at[i];
            if (t >= e->now) {
                return t;
            }
        }
    }
    return checked(e, INFINITY, node);
}

/* When the delay of event node v, started now, is over. */
static double delay_end(flujo_engine_t *e, int32_t v)
{
    const flujo_delay_t *d = &e->s->events[v];
    if (d->n_at > 0) {
        return next_release(e, d, v);
    }
    if (!d->has_delay) {
        return e->now;
    }
    double x = flujo_dist_sample(&d->delay, e->node_rng[v]);
    return end_of(e, &d->delay, x, d->calendar, v);
}

static void schedule(flujo_engine_t *e, double time, uint32_t kind, uint32_t a, uint32_t b,
                     uint32_t c)
{
    flujo_evq_push(&e->q, time, ev_priority[kind], kind, a, b, c);
}

/* ---- tasks
 * --------------------------------------------------------------------------------------- */

/* The duration of the task at token t's node when pool p does it. */
static const flujo_dist_t *work_of(const flujo_engine_t *e, int32_t v, int32_t p)
{
    const ninfo_t *ni = &e->ni[v];
    for (int32_t i = 0; i < ni->alt_n; i++) {
        if (e->alt_pool[ni->alt_first + i] == p) {
            return e->alt_dur[ni->alt_first + i];
        }
    }
    return &e->s->tasks[v].duration;
}

static void task_start(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    int32_t v = k->node;
    int pool = k->pool;
    int cal = e->s->pools[pool].calendar;
    const flujo_calendar_t *c = e->s->calendars[cal];
    const flujo_dist_t *d = e->ni[v].alt_n > 0 ? work_of(e, v, pool) : &e->s->tasks[v].duration;
    k->state = T_BUSY;
    /* work on a closed office begins when it opens; the wait until then is queue time */
    k->start =
        d->clock == FLUJO_CLOCK_WORK ? checked(e, flujo_calendar_next_open(c, e->now), v) : e->now;
    k->work = flujo_dist_sample(d, e->node_rng[v]);
    double end = end_of(e, d, k->work, cal, v);
    schedule(e, end, EV_TASK_DONE, (uint32_t)t, k->gen, 0);
}

/* Takes waiting token t out of every queue it waits in. */
static void unqueue(flujo_engine_t *e, int32_t t)
{
    const tok_t *k = &e->tok[t];
    const ninfo_t *ni = &e->ni[k->node];
    if (k->pool != NONE) {
        flujo_res_remove(&e->res[k->pool], e->now, (uint32_t)t);
        return;
    }
    for (int32_t i = 0; i < ni->alt_n; i++) {
        flujo_res_remove(&e->res[e->alt_pool[ni->alt_first + i]], e->now, (uint32_t)t);
    }
}

/* Starts the work waiting in pool p's queue that its free performers can take. */
static void serve(flujo_engine_t *e, int32_t p)
{
    uint32_t next;
    while (flujo_res_next(&e->res[p], e->now, &next)) {
        tok_t *k = &e->tok[next];
        if (k->pool == NONE) {
            /* it waited for any of several pools: this one takes it */
            unqueue(e, (int32_t)next);
            k->pool = p;
            if (k->counted) {
                e->pool_entries[p] += 1;
            }
        }
        task_start(e, (int32_t)next);
    }
}

/* Token t's performers stop working now (done or interrupted): the open time they worked inside
 * the statistics window counts towards the pool's utilisation. */
static void account_work(flujo_engine_t *e, int32_t t)
{
    const flujo_scenario_t *s = e->s;
    const tok_t *k = &e->tok[t];
    int pool = k->pool;
    double from = k->start > s->warmup_end ? k->start : s->warmup_end;
    double to = e->now < e->win_end ? e->now : e->win_end;
    if (to > from) {
        const flujo_calendar_t *c = s->calendars[s->pools[pool].calendar];
        e->pool_work[pool] +=
            (double)e->ni[k->node].units * flujo_calendar_work_between(c, from, to);
    }
}

/* Of the pools that can do task v, the one to take work arriving now: one with a free performer,
 * open now rather than later, the one whose performer has been free longest; NONE if all are
 * busy. */
static int32_t pick_pool(flujo_engine_t *e, int32_t v)
{
    const ninfo_t *ni = &e->ni[v];
    int32_t best = NONE;
    bool best_open = false;
    for (int32_t i = 0; i < ni->alt_n; i++) {
        int32_t p = e->alt_pool[ni->alt_first + i];
        if (!flujo_res_can_seize(&e->res[p], ni->units)) {
            continue;
        }
        bool open = flujo_calendar_is_open(e->s->calendars[e->s->pools[p].calendar], e->now);
        if (best == NONE || (open && !best_open) ||
            (open == best_open && e->released[p] < e->released[best])) {
            best = p;
            best_open = open;
        }
    }
    return best;
}

/* Asks the task's pool for performers (or any of its pools): starts now, or waits in the queue
 * (in each of the pools' queues, until one of them takes it). */
static void task_seize(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    int32_t v = k->node;
    const ninfo_t *ni = &e->ni[v];
    const ecase_t *c = &e->cs[k->cas];
    k->enable = e->now;
    k->counted = e->now >= e->s->warmup_end && e->now < e->win_end;
    if (ni->alt_n > 0) {
        int32_t p = pick_pool(e, v);
        k->state = T_QUEUED;
        k->pool = p;
        if (p != NONE) {
            flujo_res_seize(&e->res[p], e->now, ni->units);
            e->pool_entries[p] += k->counted;
            task_start(e, t);
            return;
        }
        for (int32_t i = 0; i < ni->alt_n; i++) {
            flujo_res_t *r = &e->res[e->alt_pool[ni->alt_first + i]];
            double key = r->disc == FLUJO_QUEUE_EDD ? c->due : -c->priority;
            flujo_res_wait(r, e->now, (uint32_t)t, ni->units, key);
        }
        return;
    }
    int pool = ni->pool;
    k->pool = pool;
    if (k->counted) {
        e->pool_entries[pool] += 1;
    }
    flujo_res_t *r = &e->res[pool];
    if (flujo_res_seize(r, e->now, ni->units)) {
        task_start(e, t);
        return;
    }
    double key = r->disc == FLUJO_QUEUE_EDD ? c->due : -c->priority;
    k->state = T_QUEUED;
    flujo_res_wait(r, e->now, (uint32_t)t, ni->units, key);
}

/* Starts the timed boundary events of an activity the token just reached. */
static void arm_boundaries(flujo_engine_t *e, int32_t t, int32_t v)
{
    const ninfo_t *ni = &e->ni[v];
    for (int32_t i = 0; i < ni->bnd_n; i++) {
        int32_t b = e->bnd[ni->bnd_first + i];
        double when = delay_end(e, b);
        schedule(e, when, EV_BOUNDARY, (uint32_t)t, e->tok[t].gen, (uint32_t)b);
    }
}

static void task_enable(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    int32_t v = k->node;
    const flujo_task_t *task = &e->s->tasks[v];
    arm_boundaries(e, t, v);
    if (e->m->nodes[v].loop == FLUJO_LOOP_MI_PARALLEL && task->instances > 1) {
        k->state = T_MI;
        k->count = (int32_t)task->instances;
        k->enable = e->now;
        for (long i = 0; i < task->instances; i++) {
            int32_t c = tok_clone(e, t);
            e->tok[c].node = v;
            e->tok[c].parent = t;
            task_seize(e, c);
        }
        return;
    }
    k->count = e->m->nodes[v].loop == FLUJO_LOOP_MI_SEQUENTIAL ? (int32_t)task->instances : 0;
    task_seize(e, t);
}

/* The activity of token t is complete: leave it (the scope's or the case's next step). */
static void activity_done(flujo_engine_t *e, int32_t t)
{
    leave_all(e, t);
}

/* Decides, when one run of activity v ends, whether it runs again (sequential multi-instance,
 * standard loop). */
static bool runs_again(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    int32_t v = k->node;
    const flujo_task_t *task = &e->s->tasks[v];
    flujo_loop_t loop = e->m->nodes[v].loop;
    if (loop == FLUJO_LOOP_MI_SEQUENTIAL) {
        return --k->count > 0;
    }
    if (loop == FLUJO_LOOP_STANDARD && task->loop > 0) {
        k->count++;
        if (task->loop_max > 0 && k->count >= task->loop_max) {
            return false;
        }
        return flujo_rng_uniform(e->branch_rng[v]) < task->loop;
    }
    return false;
}

/* When an activity reached at `enable` must be done: N días hábiles count like a plazo, from the
 * business day after (art. 132); 0bd means the same business day (art. 132.1, routing "el mismo
 * día"), the next one for work reached on a non-business day. */
static double activity_due(const flujo_engine_t *e, double enable, const flujo_task_t *task)
{
    const flujo_calendar_t *legal = e->s->calendars[e->s->legal_calendar];
    double start = flujo_calendar_count_start(legal, enable);
    if (task->deadline > 0) {
        return flujo_calendar_add_bdays(legal, start, task->deadline);
    }
    long day = (long)floor(enable / FLUJO_DAY);
    return flujo_calendar_is_business_day(legal, day) ? (double)(day + 1) * FLUJO_DAY
                                                      : start + FLUJO_DAY;
}

static void task_done(flujo_engine_t *e, int32_t t)
{
    const flujo_scenario_t *s = e->s;
    tok_t *k = &e->tok[t];
    int32_t v = k->node;
    const flujo_task_t *task = &s->tasks[v];
    int pool = k->pool;
    ecase_t *c = &e->cs[k->cas];
    const flujo_pool_t *pp = &s->pools[pool];

    /* free the performers first: the next waiting work starts at this same instant */
    account_work(e, t);
    flujo_res_release(&e->res[pool], e->now, e->ni[v].units);
    e->released[pool] = e->now;
    serve(e, pool);

    /* work is touch time (s, m, h); durations in bd or d are elapsed time outside the
     * performers' hands (the citizen fixing a file, a publication period) */
    double wait = k->start - k->enable;
    const flujo_dist_t *wd = e->ni[v].alt_n > 0 ? work_of(e, v, pool) : &task->duration;
    double worked = wd->clock == FLUJO_CLOCK_WORK ? k->work : 0;
    c->waiting += wait;
    c->processing += worked;
    c->cost += worked / HOUR * (double)e->ni[v].units * pp->cost_per_hour;
    /* the business clock now, for the lead time of a hand-off (counted cases only) */
    double now_b = c->counted && !pp->automated
                       ? flujo_calendar_bclock(s->calendars[s->legal_calendar], e->now)
                       : 0;
    if (pp->automated) {
        /* a step the system does is no unit's work: it hands nothing off */
    } else if (c->last_pool != NONE && c->last_pool != pool) {
        c->handoffs++;
        if (c->counted) {
            e->rep->handoff_pairs[(size_t)c->last_pool * s->n_pools + (size_t)pool] += 1;
            /* lead time of the hand-off: from the previous unit's work done to this one's */
            flujo_tally_add(&e->t_handoff_bd, (now_b - c->last_end_b) / FLUJO_DAY);
        }
    }
    if (!pp->automated) {
        c->last_pool = pool;
        c->last_end_b = now_b;
    }
    if (k->counted) {
        flujo_tally_add(&e->t_act_wait[v], wait / HOUR);
        flujo_tally_add(&e->t_act_proc[v], worked / HOUR);
        if (task->deadline > 0 || task->deadline_same_day) {
            flujo_tally_add(&e->t_act_within[v], e->now <= activity_due(e, k->enable, task));
        }
        flujo_tally_add(&e->t_pool_wait[pool], wait / HOUR);
        if (!c->background) {
            /* had a performer been free, the work would have waited only until the pool opened */
            double opens = flujo_calendar_next_open(s->calendars[pp->calendar], k->enable);
            double hours = opens - k->enable < wait ? opens - k->enable : wait;
            flujo_tally_add(&e->t_pool_case_wait[pool], wait / HOUR);
            flujo_tally_add(&e->t_pool_case_hours[pool], hours / HOUR);
        }
    }
    if (e->opts.log != NULL) {
        flujo_activity_rec_t rec = {e->r,      c->id,    v,      pool,
                                    k->enable, k->start, e->now, c->background != 0};
        e->opts.log(e->opts.log_ctx, &rec);
    }

    if (task->error > 0 && flujo_rng_uniform(e->branch_rng[v]) < task->error) {
        /* the work ends through the error boundary event; a multi-instance child ends the whole
         * activity */
        int32_t owner = k->parent != NONE ? k->parent : t;
        if (owner != t) {
            tok_free(e, t);
        }
        int32_t b = (int32_t)task->error_boundary;
        e->tok[owner].gen++;
        /* cancel remaining instances of a parallel multi-instance activity */
        if (e->tok[owner].state == T_MI) {
            for (int32_t x = e->sc[e->tok[owner].scope].first; x != NONE;) {
                int32_t nx = e->tok[x].snext;
                if (e->tok[x].parent == owner) {
                    if (e->tok[x].state == T_QUEUED) {
                        unqueue(e, x);
                    } else if (e->tok[x].state == T_BUSY) {
                        int32_t xp = e->tok[x].pool;
                        account_work(e, x);
                        flujo_res_release(&e->res[xp], e->now, e->ni[v].units);
                        e->released[xp] = e->now;
                        serve(e, xp);
                    }
                    tok_free(e, x);
                }
                x = nx;
            }
        }
        e->tok[owner].node = b;
        leave_all(e, owner);
        return;
    }
    if (k->parent != NONE) {
        int32_t p = k->parent;
        tok_free(e, t);
        if (--e->tok[p].count == 0) {
            activity_done(e, p);
        }
        return;
    }
    if (runs_again(e, t)) {
        task_seize(e, t);
        return;
    }
    activity_done(e, t);
}

/* ---- scopes
 * -------------------------------------------------------------------------------------- */

static void start_evsubs(flujo_engine_t *e, int32_t sc, int32_t first, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        const evsub_t *x = &e->evsubs[first + i];
        double when = delay_end(e, x->start);
        schedule(e, when, EV_EVSUB, (uint32_t)sc, e->sc[sc].gen, (uint32_t)i + (uint32_t)first);
    }
}

/* Runs one instance of the content of scope node v for token t (a sub-process or a call). */
static void scope_open(flujo_engine_t *e, int32_t t, int32_t v)
{
    const flujo_scenario_t *s = e->s;
    int32_t sc = scope_new(e, e->tok[t].cas, v, t);
    e->tok[t].child = sc;
    int32_t first, n, ev_first, ev_n;
    if (e->m->nodes[v].kind == FLUJO_NODE_CALL) {
        int64_t p = s->tasks[v].called_process;
        if (p < 0) {
            /* a call to a process not in the file: nothing to do inside */
            first = n = ev_first = ev_n = 0;
        } else {
            first = e->proc_entry[2 * p];
            n = e->proc_entry[2 * p + 1];
            ev_first = e->proc_evsub[2 * p];
            ev_n = e->proc_evsub[2 * p + 1];
        }
    } else {
        first = e->ni[v].entry_first;
        n = e->ni[v].entry_n;
        ev_first = e->ni[v].evsub_first;
        ev_n = e->ni[v].evsub_n;
    }
    if (n == 0) {
        scope_done(e, sc); /* empty content: done at once */
        return;
    }
    for (int32_t i = 0; i < n; i++) {
        int32_t x = tok_new(e, sc);
        go(e, x, e->entries[first + i], NONE);
    }
    start_evsubs(e, sc, ev_first, ev_n);
}

static void scope_enter(flujo_engine_t *e, int32_t t)
{
    int32_t v = e->tok[t].node;
    const flujo_task_t *task = &e->s->tasks[v];
    flujo_loop_t loop = e->m->nodes[v].loop;
    arm_boundaries(e, t, v);
    e->tok[t].state = T_SCOPE;
    e->tok[t].enable = e->now;
    if (loop == FLUJO_LOOP_MI_PARALLEL && task->instances > 1) {
        e->tok[t].state = T_MI;
        e->tok[t].count = (int32_t)task->instances;
        for (long i = 0; i < task->instances && e->st == FLUJO_OK; i++) {
            int32_t c = tok_clone(e, t);
            e->tok[c].node = v;
            e->tok[c].parent = t;
            e->tok[c].state = T_SCOPE;
            e->tok[c].count = 1;
            scope_open(e, c, v);
        }
        return;
    }
    e->tok[t].count = loop == FLUJO_LOOP_MI_SEQUENTIAL ? (int32_t)task->instances : 1;
    e->tok[t].runs = 0;
    scope_open(e, t, v);
}

static void case_done(flujo_engine_t *e, int32_t cas);

/* All tokens of scope sc are gone. */
static void scope_done(flujo_engine_t *e, int32_t sc)
{
    scope_t *s = &e->sc[sc];
    int32_t t = s->parent;
    int32_t cas = s->cas;
    if (t == NONE) {
        scope_release(e, sc);
        case_done(e, cas);
        return;
    }
    scope_release(e, sc);
    tok_t *k = &e->tok[t];
    k->child = NONE;
    int32_t v = k->node;
    if (k->parent != NONE) {
        /* one instance of a parallel multi-instance sub-process */
        int32_t p = k->parent;
        tok_free(e, t);
        if (--e->tok[p].count == 0) {
            activity_done(e, p);
        }
        return;
    }
    const flujo_task_t *task = &e->s->tasks[v];
    flujo_loop_t loop = e->m->nodes[v].loop;
    if (loop == FLUJO_LOOP_MI_SEQUENTIAL && --k->count > 0) {
        scope_open(e, t, v);
        return;
    }
    if (loop == FLUJO_LOOP_STANDARD && task->loop > 0) {
        k->runs++;
        if ((task->loop_max == 0 || k->runs < task->loop_max) &&
            flujo_rng_uniform(e->branch_rng[v]) < task->loop) {
            scope_open(e, t, v);
            return;
        }
    }
    activity_done(e, t);
}

static void tok_cancel(flujo_engine_t *e, int32_t t);

/* Cancels every token of scope sc (and what they wait for), leaving the scope alive and empty of
 * tokens except `keep`. */
static void scope_cancel_tokens(flujo_engine_t *e, int32_t sc, int32_t keep)
{
    /* Hold the scope open while its tokens go: tok_free must not complete it midway. */
    e->sc[sc].active++;
    for (int32_t x = e->sc[sc].first; x != NONE;) {
        int32_t nx = e->tok[x].snext;
        if (x != keep) {
            tok_cancel(e, x);
            tok_free(e, x);
        }
        x = nx;
    }
    /* join entries hold only cancelled tokens now */
    scope_t *s = &e->sc[sc];
    for (int32_t j = s->joins; j != NONE;) {
        int32_t next = e->jn[j].next;
        e->jn[j].next = e->free_jn;
        e->free_jn = j;
        j = next;
    }
    s->joins = NONE;
    s->or_wait = 0;
    s->gen++; /* event sub-process timers of the old content are void */
    s->active--;
}

/* Stops whatever token t is doing (before it is freed or moved): leaves a queue, frees
 * performers, cancels children and sub-process contents. */
static void tok_cancel(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    int32_t v = k->node;
    switch (k->state) {
    case T_QUEUED:
        unqueue(e, t);
        break;
    case T_BUSY: {
        account_work(e, t);
        flujo_res_release(&e->res[k->pool], e->now, e->ni[v].units);
        e->released[k->pool] = e->now;
        serve(e, k->pool);
        break;
    }
    case T_SCOPE:
        if (k->child != NONE) {
            int32_t sc = k->child;
            k->child = NONE;
            scope_cancel_tokens(e, sc, NONE);
            scope_release(e, sc);
        }
        break;
    case T_MI:
        for (int32_t x = e->sc[k->scope].first; x != NONE;) {
            int32_t nx = e->tok[x].snext;
            if (e->tok[x].parent == t) {
                tok_cancel(e, x);
                tok_free(e, x);
            }
            x = nx;
        }
        break;
    default:
        break;
    }
    k->gen++;
}

/* ---- joins
 * --------------------------------------------------------------------------------------- */

static int32_t join_entry(flujo_engine_t *e, int32_t sc, int32_t node, int32_t pos)
{
    /* the oldest entry of this join still missing this position (AND), or any entry (OR) */
    for (int32_t j = e->sc[sc].joins; j != NONE; j = e->jn[j].next) {
        if (e->jn[j].node == node && (pos < 0 || !(e->jn[j].mask & (1ULL << pos)))) {
            return j;
        }
    }
    int32_t j = e->free_jn;
    if (j != NONE) {
        e->free_jn = e->jn[j].next;
    } else {
        flujo_grow((void **)&e->jn, &e->cap_jn, e->n_jn + 1, sizeof(*e->jn));
        j = (int32_t)e->n_jn++;
    }
    /* append, so that older entries are matched first */
    e->jn[j] = (join_t){node, NONE, NONE, 0};
    int32_t *link = &e->sc[sc].joins;
    while (*link != NONE) {
        link = &e->jn[*link].next;
    }
    *link = j;
    return j;
}

static void join_remove(flujo_engine_t *e, int32_t sc, int32_t j)
{
    int32_t *link = &e->sc[sc].joins;
    while (*link != j) {
        link = &e->jn[*link].next;
    }
    *link = e->jn[j].next;
    e->jn[j].next = e->free_jn;
    e->free_jn = j;
}

/* Fires join entry j: one waiting token goes on (returned), the others end. */
static int32_t join_fire(flujo_engine_t *e, int32_t sc, int32_t j)
{
    int32_t keep = e->jn[j].waiting;
    int32_t x = e->tok[keep].wnext;
    join_remove(e, sc, j);
    e->sc[sc].active++; /* the scope must not complete while the extra tokens go */
    while (x != NONE) {
        int32_t nx = e->tok[x].wnext;
        tok_free(e, x);
        x = nx;
    }
    e->sc[sc].active--;
    e->tok[keep].wnext = NONE;
    e->tok[keep].state = T_MOVING;
    return keep;
}

static void split(flujo_engine_t *e, int32_t t);

/* An OR join fires when no other token of its scope can still reach it. */
static void or_check(flujo_engine_t *e, int32_t sc)
{
    scope_t *s = &e->sc[sc];
    s->dirty = 0;
    for (int32_t j = s->joins; j != NONE && s->or_wait > 0;) {
        int32_t next = e->jn[j].next;
        int32_t node = e->jn[j].node;
        if (e->ni[node].join != J_OR) {
            j = next;
            continue;
        }
        const uint64_t *row = &e->reach[(size_t)e->ni[node].or_index * e->reach_words];
        bool blocked = false;
        for (int32_t x = s->first; x != NONE && !blocked; x = e->tok[x].snext) {
            const tok_t *k = &e->tok[x];
            if (k->state == T_JOIN && k->node == node) {
                continue;
            }
            int32_t at = k->node;
            blocked = at >= 0 && (row[at / 64] & (1ULL << (at % 64))) != 0;
        }
        if (!blocked) {
            s->or_wait--;
            int32_t t = join_fire(e, sc, j);
            split(e, t);
        }
        j = next;
    }
}

/* ---- routing
 * ------------------------------------------------------------------------------------- */

/* The attribute values of case cas (NULL when the scenario has no attributes). */
static int *case_attrs(const flujo_engine_t *e, int32_t cas)
{
    return e->s->n_attrs > 0 ? &e->attrs[(size_t)cas * e->s->n_attrs] : NULL;
}

/* Chooses the outgoing flows of a gateway and sends the token (and copies) down them. */

static void split(flujo_engine_t *e, int32_t t)
{
    const flujo_model_t *m = e->m;
    int32_t v = e->tok[t].node;
    const flujo_node_t *nd = &m->nodes[v];
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    e->tok[t].gen++;
    if (n == 0) {
        tok_free(e, t);
        return;
    }
    if (n == 1 || nd->gateway == FLUJO_GW_PARALLEL) {
        for (size_t k = 1; k < n; k++) {
            follow(e, tok_clone(e, t), m->out_flow[first + k]);
        }
        follow(e, t, m->out_flow[first]);
        return;
    }
    const flujo_split_t *g = &e->s->gateways[v];
    flujo_rng_t *r = e->node_rng[v];
    const int *attrs = case_attrs(e, e->tok[t].cas);
    bool exclusive = nd->gateway == FLUJO_GW_EXCLUSIVE;
    /* chosen flows as a bit set over positions (several for inclusive gateways) */
    bool pick[64] = {false};
    bool *chosen = n <= 64 ? pick : flujo_xcalloc(n, sizeof(bool));
    size_t n_chosen = 0;
    if (g->route == FLUJO_ROUTE_COND) {
        for (size_t o = 0; o < n; o++) {
            size_t k = g->order[o];
            if (g->cond[k] == NULL ? n_chosen == 0 : flujo_cond_eval(g->cond[k], attrs)) {
                chosen[k] = true;
                n_chosen++;
                if (exclusive) {
                    break;
                }
            }
        }
        if (n_chosen == 0) {
            sim_fail(e, FLUJO_ESIM,
                     "no condition of gateway '%s' holds for case %llu and it has no else flow",
                     label(e, v), (unsigned long long)e->cs[e->tok[t].cas].id);
            if (chosen != pick) {
                free(chosen);
            }
            return;
        }
    } else if (exclusive) {
        size_t k = 0;
        if (g->route == FLUJO_ROUTE_PROB) {
            double u = flujo_rng_uniform(r), acc = 0;
            for (k = 0; k + 1 < n; k++) {
                acc += g->prob[k];
                if (u < acc) {
                    break;
                }
            }
        } else {
            k = (size_t)flujo_rng_uniform_int(r, n);
        }
        chosen[k] = true;
        n_chosen = 1;
    } else {
        /* inclusive: each flow by its probability, drawn again until at least one is taken */
        for (int attempt = 0; attempt < 1000 && n_chosen == 0; attempt++) {
            for (size_t k = 0; k < n; k++) {
                double p = g->route == FLUJO_ROUTE_PROB ? g->prob[k] : 1.0 / (double)n;
                chosen[k] = flujo_rng_uniform(r) < p;
                n_chosen += chosen[k];
            }
        }
        if (n_chosen == 0) {
            chosen[0] = true;
            n_chosen = 1;
        }
    }
    bool used = false;
    for (size_t k = 0; k < n; k++) {
        if (!chosen[k]) {
            continue;
        }
        follow(e, used ? tok_clone(e, t) : t, m->out_flow[first + k]);
        used = true;
    }
    if (chosen != pick) {
        free(chosen);
    }
}

static void race(flujo_engine_t *e, int32_t t)
{
    const flujo_model_t *m = e->m;
    int32_t v = e->tok[t].node;
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    double best = INFINITY;
    size_t win = 0;
    for (size_t k = 0; k < n; k++) {
        int32_t target = (int32_t)m->flows[m->out_flow[first + k]].target;
        const flujo_delay_t *d = &e->s->events[target];
        if (!d->has_delay && d->n_at == 0) {
            continue; /* an event nothing triggers never wins */
        }
        double when = delay_end(e, target);
        if (when < best) {
            best = when;
            win = k;
        }
    }
    if (!isfinite(best)) {
        /* no event can fire: the first target takes the token at once */
        best = e->now;
        win = 0;
    }
    e->tok[t].state = T_DELAY;
    schedule(e, best, EV_RACE, (uint32_t)t, e->tok[t].gen, (uint32_t)(first + win));
}

/* Token t reaches node v (through incoming position pos): do what the node does. */
static void arrive(flujo_engine_t *e, int32_t t, int32_t v, int32_t pos)
{
    tok_t *k = &e->tok[t];
    const ninfo_t *ni = &e->ni[v];
    k->node = v;
    k->enable = e->now;
    k->inpos = pos;
    if (e->s->sla.until != NULL && e->s->sla.until[v] && e->cs[k->cas].decided < 0) {
        e->cs[k->cas].decided = e->now;
    }
    set_pause(e, t, ni->pause);
    mark_dirty(e, k->scope);
    switch (ni->beh) {
    case B_TASK:
        task_enable(e, t);
        return;
    case B_SCOPE:
        scope_enter(e, t);
        return;
    case B_END:
        tok_free(e, t);
        return;
    case B_TERMINATE: {
        int32_t sc = k->scope;
        scope_cancel_tokens(e, sc, t);
        tok_free(e, t);
        return;
    }
    case B_CATCH: {
        double when = delay_end(e, v);
        if (when > e->now) {
            k->state = T_DELAY;
            schedule(e, when, EV_DELAY_DONE, (uint32_t)t, k->gen, 0);
        } else {
            leave_all(e, t);
        }
        return;
    }
    case B_LINK:
        if (ni->link != NONE) {
            k->gen++;
            go(e, t, ni->link, NONE);
        } else {
            tok_free(e, t);
        }
        return;
    case B_RACE:
        race(e, t);
        return;
    case B_GATEWAY:
        if (ni->join == J_AND) {
            int32_t j = join_entry(e, k->scope, v, pos);
            join_t *jn = &e->jn[j];
            jn->mask |= 1ULL << pos;
            k->wnext = jn->waiting;
            jn->waiting = t;
            k->state = T_JOIN;
            size_t in = flujo_model_in_degree(e->m, v);
            uint64_t full = in >= 64 ? ~0ULL : (1ULL << in) - 1;
            if (jn->mask != full) {
                return;
            }
            t = join_fire(e, k->scope, j);
        } else if (ni->join == J_OR) {
            int32_t j = join_entry(e, k->scope, v, -1);
            join_t *jn = &e->jn[j];
            if (jn->waiting == NONE) {
                e->sc[k->scope].or_wait++;
            }
            k->wnext = jn->waiting;
            jn->waiting = t;
            k->state = T_JOIN;
            mark_dirty(e, k->scope);
            return;
        }
        split(e, t);
        return;
    default:
        leave_all(e, t);
        return;
    }
}

/* Moves tokens until none is left to move at this instant, then settles OR joins. */
static void drain(flujo_engine_t *e)
{
    for (;;) {
        while (e->wl_n > 0 && e->st == FLUJO_OK) {
            move_t mv = e->wl[e->wl_head];
            e->wl_head = (e->wl_head + 1) % e->wl_cap;
            e->wl_n--;
            if (++e->routing > MAX_ROUTING) {
                sim_fail(e, FLUJO_ESIM,
                         "tokens keep moving at the same instant around '%s': a loop without any "
                         "duration (set durations or probabilities to leave it)",
                         label(e, mv.node));
                return;
            }
            arrive(e, mv.tok, mv.node, mv.inpos);
        }
        if (e->n_dirty == 0 || e->st != FLUJO_OK) {
            return;
        }
        size_t n = e->n_dirty;
        e->n_dirty = 0;
        for (size_t i = 0; i < n; i++) {
            int32_t sc = e->dirty[i];
            if (e->sc[sc].dirty) {
                or_check(e, sc);
            }
        }
    }
}

/* ---- cases
 * ----------------------------------------------------------------------------------------- */

/* Records the work in process at 00:00 of every day up to now, before it changes. */
static void wip_advance(flujo_engine_t *e)
{
    long today = (long)floor(e->now / 86400);
    while (e->wip_day * e->rep->wip_step <= today && e->wip_day < e->rep->n_wip) {
        e->rep->wip[e->wip_day++] = e->in_process;
    }
}

static void new_case(flujo_engine_t *e, size_t stream)
{
    const flujo_scenario_t *s = e->s;
    const flujo_arrival_t *a = &s->arrivals[stream];
    int32_t cas = e->free_cs;
    if (cas != NONE) {
        e->free_cs = e->cs[cas].next;
    } else {
        flujo_grow((void **)&e->cs, &e->cap_cs, e->n_cs + 1, sizeof(*e->cs));
        cas = (int32_t)e->n_cs++;
        if (s->n_attrs > 0) {
            flujo_grow((void **)&e->attrs, &e->cap_attrs, e->n_cs * s->n_attrs, sizeof(int));
        }
    }
    ecase_t *c = &e->cs[cas];
    memset(c, 0, sizeof(*c));
    c->id = ++e->next_id;
    c->arrival = e->now;
    c->priority = a->priority;
    c->start = (int32_t)a->start;
    c->last_pool = NONE;
    c->next = NONE;
    c->background = a->background;
    c->counted = e->now >= s->warmup_end && !a->background;
    c->decided = -1;
    int *attrs = case_attrs(e, cas);
    for (size_t k = 0; k < s->n_attrs; k++) {
        attrs[k] = -1;
        const double *cum = a->attr_cum != NULL ? a->attr_cum[k] : NULL;
        if (cum != NULL) {
            double u = flujo_rng_uniform(e->attr_rng[stream]);
            size_t j = 0;
            while (j + 1 < s->attrs[k].n && u >= cum[j]) {
                j++;
            }
            attrs[k] = (int)j;
        }
    }
    const flujo_calendar_t *legal = s->calendars[s->legal_calendar];
    double count = checked(e, flujo_calendar_count_start(legal, e->now), (int32_t)a->start);
    c->bstart = flujo_calendar_bclock(legal, count);
    c->deadline = flujo_scenario_deadline(s, attrs);
    c->rule = (int32_t)s->sla.n_rules;
    for (size_t i = 0; i < s->sla.n_rules; i++) {
        if (flujo_cond_eval(s->sla.rule_cond[i], attrs)) {
            c->rule = (int32_t)i;
            break;
        }
    }
    /* the plazo ends at 24:00 of its last business day; EDD queues serve the earliest first */
    c->due = s->sla.set ? checked(e, flujo_calendar_add_bdays(legal, count, c->deadline),
                                  (int32_t)a->start)
                        : e->now;
    if (c->counted) {
        e->rep->arrived++;
    }
    if (!c->background) {
        wip_advance(e);
        e->in_process += 1;
    }
    int32_t sc = scope_new(e, cas, NONE, NONE);
    e->cs[cas].top = sc;
    int32_t t = tok_new(e, sc);
    int64_t p = e->m->nodes[a->start].process;
    start_evsubs(e, sc, e->proc_evsub[2 * p], e->proc_evsub[2 * p + 1]);
    go(e, t, (int32_t)a->start, NONE);
}

static void case_done(flujo_engine_t *e, int32_t cas)
{
    const flujo_scenario_t *s = e->s;
    ecase_t *c = &e->cs[cas];
    if (!c->background) {
        wip_advance(e);
        e->in_process -= 1;
    }
    const flujo_calendar_t *legal = s->calendars[s->legal_calendar];
    /* legal time: business days from the day after filing to the decision (sla.until) or the
     * case's end, pauses out */
    double decided = c->decided >= 0 ? c->decided : e->now;
    double legal_s = flujo_calendar_bclock(legal, decided) - c->bstart - c->paused;
    legal_s = legal_s > 0 ? legal_s : 0;
    bool within = s->sla.set && legal_s <= c->deadline;
    bool silenced = s->sla.set && legal_s > c->deadline + s->sla.grace;
    if (c->counted) {
        double cycle = e->now - c->arrival;
        double bd = legal_s / FLUJO_DAY;
        flujo_tally_add(&e->t_cycle, cycle / HOUR);
        flujo_tally_add(&e->t_bd, bd);
        flujo_tally_add(&e->t_wait, c->waiting / HOUR);
        flujo_tally_add(&e->t_proc, c->processing / HOUR);
        flujo_tally_add(&e->t_cost, c->cost);
        flujo_tally_add(&e->t_hand, c->handoffs);
        flujo_tally_add(&e->t_paused, c->paused / FLUJO_DAY);
        flujo_hist_add(e->rep->hist_h, cycle / HOUR);
        flujo_hist_add(e->rep->hist_bd, bd);
        e->n_within += within;
        e->n_silenced += silenced;
        e->rep->rule_cases[c->rule] += 1;
        e->rep->rule_within[c->rule] += within;
        e->rep->completed++;
    }
    if (e->opts.case_log != NULL && !c->background) {
        flujo_case_rec_t rec = {e->r,
                                c->id,
                                c->start,
                                c->arrival,
                                flujo_calendar_count_start(legal, c->arrival),
                                s->sla.set ? c->due : INFINITY,
                                e->now,
                                legal_s / FLUJO_DAY,
                                c->paused / FLUJO_DAY,
                                within,
                                silenced,
                                case_attrs(e, cas)};
        e->opts.case_log(e->opts.log_ctx, &rec);
    }
    c->next = e->free_cs;
    e->free_cs = cas;
}

static void schedule_arrival(flujo_engine_t *e, size_t stream)
{
    const flujo_scenario_t *s = e->s;
    const flujo_arrival_t *a = &s->arrivals[stream];
    if (s->cases > 0 && e->n_cases >= s->cases) {
        return; /* all N arrived: every stream stops */
    }
    double x = flujo_dist_sample(&a->interarrival, e->arr_rng[stream]);
    double when;
    if (a->elapsed) {
        /* on the wall clock; an arrival in closed time is filed when the calendar opens */
        when = checked(e, flujo_calendar_next_open(s->calendars[a->calendar], e->now + x),
                       (int32_t)a->start);
    } else {
        when = end_of(e, &a->interarrival, x, a->calendar, (int32_t)a->start);
    }
    if (when < s->arrivals_end) {
        schedule(e, when, EV_ARRIVAL, (uint32_t)stream, 0, 0);
    }
}

/* ---- the run
 * ------------------------------------------------------------------------------------- */

static bool live(const flujo_engine_t *e, uint32_t t, uint32_t gen)
{
    return t < e->n_tok && e->tok[t].state != T_FREE && e->tok[t].gen == gen;
}

static void on_boundary(flujo_engine_t *e, int32_t t, int32_t b)
{
    const flujo_node_t *bn = &e->m->nodes[b];
    if (bn->cancel_activity) {
        tok_cancel(e, t);
        e->tok[t].node = b;
        set_pause(e, t, e->ni[b].pause);
        leave_all(e, t);
    } else {
        int32_t c = tok_clone(e, t);
        e->tok[c].node = b;
        set_pause(e, c, e->ni[b].pause);
        leave_all(e, c);
    }
}

static void on_evsub(flujo_engine_t *e, int32_t sc, const evsub_t *x)
{
    const flujo_node_t *nd = &e->m->nodes[x->start];
    if (nd->is_interrupting) {
        scope_cancel_tokens(e, sc, NONE);
    }
    /* a token at the event sub-process waits for its content, then ends */
    int32_t t = tok_new(e, sc);
    e->tok[t].node = x->node;
    e->tok[t].state = T_SCOPE;
    int32_t child = scope_new(e, e->tok[t].cas, x->node, t);
    e->tok[t].child = child;
    e->tok[t].count = 1;
    int32_t w = tok_new(e, child);
    /* the start event's delay is over: go on from it */
    e->tok[w].node = x->start;
    leave_all(e, w);
}

static void reset(flujo_engine_t *e, long r, flujo_rep_t *rep)
{
    const flujo_scenario_t *s = e->s;
    const flujo_model_t *m = e->m;
    flujo_evq_clear(&e->q);
    for (size_t p = 0; p < s->n_pools; p++) {
        flujo_res_reset(&e->res[p], s->warmup_end, s->cases > 0 ? INFINITY : s->arrivals_end);
    }
    e->win_end = s->cases > 0 ? INFINITY : s->arrivals_end;
    e->n_cases = 0;
    e->n_tok = e->n_sc = e->n_cs = e->n_jn = 0;
    e->free_tok = e->free_sc = e->free_cs = e->free_jn = NONE;
    e->wl_head = e->wl_n = 0;
    e->n_dirty = 0;
    e->now = s->start_time; /* arrivals begin at the start's time of day */
    e->next_id = 0;
    e->st = FLUJO_OK;
    e->r = r;
    e->rep = rep;
    e->n_within = e->n_silenced = 0;
    flujo_tally_init(&e->t_cycle);
    flujo_tally_init(&e->t_bd);
    flujo_tally_init(&e->t_wait);
    flujo_tally_init(&e->t_proc);
    flujo_tally_init(&e->t_cost);
    flujo_tally_init(&e->t_hand);
    flujo_tally_init(&e->t_paused);
    flujo_tally_init(&e->t_handoff_bd);
    e->in_process = 0;
    e->wip_day = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        flujo_tally_init(&e->t_act_wait[v]);
        flujo_tally_init(&e->t_act_proc[v]);
        flujo_tally_init(&e->t_act_within[v]);
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        flujo_tally_init(&e->t_pool_wait[p]);
        flujo_tally_init(&e->t_pool_case_wait[p]);
        flujo_tally_init(&e->t_pool_case_hours[p]);
        e->pool_entries[p] = 0;
        e->released[p] = 0;
        e->pool_work[p] = 0;
    }
    uint64_t seed = s->seed, rr = (uint64_t)r;
    for (size_t i = 0; i < s->n_arrivals; i++) {
        /* several streams may start at the same event: the stream number keeps them apart */
        const char *id = m->nodes[s->arrivals[i].start].id;
        flujo_rng_seed(e->arr_rng[i], seed, rr, flujo_rng_stream("arrival", id) + i);
        flujo_rng_seed(e->attr_rng[i], seed, rr, flujo_rng_stream("attributes", id) + i);
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (e->node_rng[v] != NULL) {
            flujo_rng_seed(e->node_rng[v], seed, rr, flujo_rng_stream("node", m->nodes[v].id));
        }
        if (e->branch_rng[v] != NULL) {
            flujo_rng_seed(e->branch_rng[v], seed, rr, flujo_rng_stream("branch", m->nodes[v].id));
        }
    }
}

static double nan_if_empty(const flujo_tally_t *t)
{
    return t->n > 0 ? t->mean : NAN;
}

static void collect(flujo_engine_t *e)
{
    const flujo_scenario_t *s = e->s;
    const flujo_model_t *m = e->m;
    flujo_rep_t *rep = e->rep;
    rep->cycle_h = nan_if_empty(&e->t_cycle);
    rep->cycle_bd = nan_if_empty(&e->t_bd);
    rep->paused_bd = nan_if_empty(&e->t_paused);
    rep->handoff_bd = nan_if_empty(&e->t_handoff_bd);
    rep->waiting_h = nan_if_empty(&e->t_wait);
    rep->processing_h = nan_if_empty(&e->t_proc);
    rep->cost = nan_if_empty(&e->t_cost);
    rep->handoffs = nan_if_empty(&e->t_hand);
    double done = e->t_cycle.n;
    for (size_t i = 0; i < s->n_pools * s->n_pools; i++) {
        rep->handoff_pairs[i] = done > 0 ? rep->handoff_pairs[i] / done : NAN;
    }
    rep->within = s->sla.set && done > 0 ? e->n_within / done : NAN;
    rep->silenced = s->sla.set && done > 0 ? e->n_silenced / done : NAN;
    for (size_t i = 0; i <= s->sla.n_rules; i++) {
        rep->rule_within[i] =
            s->sla.set && rep->rule_cases[i] > 0 ? rep->rule_within[i] / rep->rule_cases[i] : NAN;
    }
    /* the window: warm-up to the end of arrivals, or (cases: N) the whole run */
    double end = isinf(e->win_end) ? e->now : e->win_end;
    rep->window_end = end;
    const flujo_calendar_t *legal = s->calendars[s->legal_calendar];
    double bdays =
        (flujo_calendar_bclock(legal, end) - flujo_calendar_bclock(legal, s->warmup_end)) /
        FLUJO_DAY;
    rep->throughput_bd = bdays > 0 ? done / bdays : NAN;
    double window = end - s->warmup_end;
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        flujo_res_t *r = &e->res[p];
        flujo_timeavg_end(&r->busy_avg, end);
        flujo_timeavg_end(&r->queue_avg, end);
        double busy = flujo_timeavg_mean(&r->busy_avg);
        double open = flujo_calendar_work_between(s->calendars[pool->calendar], s->warmup_end, end);
        rep->pool_busy[p] = busy;
        /* utilisation is work over open time: performers hold work overnight, but only the open
         * hours are worked */
        rep->pool_util[p] =
            pool->unlimited || open <= 0 ? NAN : e->pool_work[p] / ((double)pool->count * open);
        rep->pool_queue[p] = flujo_timeavg_mean(&r->queue_avg);
        rep->pool_wait_h[p] = nan_if_empty(&e->t_pool_wait[p]);
        rep->pool_rate_h[p] = window > 0 ? e->pool_entries[p] / (window / HOUR) : NAN;
        const flujo_tally_t *cw = &e->t_pool_case_wait[p];
        rep->pool_case_wait_h[p] = nan_if_empty(cw);
        rep->pool_case_hours_h[p] = nan_if_empty(&e->t_pool_case_hours[p]);
        rep->pool_case_queue[p] = window > 0 && cw->n > 0 ? cw->mean * cw->n / (window / HOUR) : 0;
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        rep->act_count[v] = e->t_act_wait[v].n;
        rep->act_wait_h[v] = nan_if_empty(&e->t_act_wait[v]);
        rep->act_proc_h[v] = nan_if_empty(&e->t_act_proc[v]);
        rep->act_within[v] = nan_if_empty(&e->t_act_within[v]);
    }
}

/* After the last event, cases still holding tokens can never finish (a deadlocked join, a token
 * waiting for an event nothing triggers): count and name them. */
static void find_stuck(flujo_engine_t *e)
{
    flujo_rep_t *rep = e->rep;
    for (size_t t = 0; t < e->n_tok; t++) {
        const tok_t *k = &e->tok[t];
        if (k->state == T_FREE) {
            continue;
        }
        ecase_t *c = &e->cs[k->cas];
        if (c->next == -2) {
            continue; /* already listed */
        }
        c->next = -2;
        if (c->counted) {
            rep->in_flight++;
        }
        if (rep->n_stuck < MAX_STUCK) {
            rep->stuck[rep->n_stuck++] = c->id;
        }
    }
}

flujo_status_t flujo_engine_run(flujo_engine_t *e, long r, flujo_rep_t *out, flujo_err_t *err)
{
    const flujo_scenario_t *s = e->s;
    const flujo_model_t *m = e->m;
    flujo_rep_t rep = {0};
    rep.replication = r;
    rep.hist_h = flujo_xmalloc(sizeof(flujo_hist_t));
    rep.hist_bd = flujo_xmalloc(sizeof(flujo_hist_t));
    flujo_hist_init(rep.hist_h);
    flujo_hist_init(rep.hist_bd);
    rep.pool_util = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep.pool_busy = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep.pool_queue = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep.pool_wait_h = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep.pool_rate_h = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep.pool_case_wait_h = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep.pool_case_queue = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep.pool_case_hours_h = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep.act_count = flujo_xcalloc(m->n_nodes + 1, sizeof(double));
    rep.act_wait_h = flujo_xcalloc(m->n_nodes + 1, sizeof(double));
    rep.act_proc_h = flujo_xcalloc(m->n_nodes + 1, sizeof(double));
    rep.act_within = flujo_xcalloc(m->n_nodes + 1, sizeof(double));
    rep.stuck = flujo_xcalloc(MAX_STUCK, sizeof(uint64_t));
    rep.rule_within = flujo_xcalloc(s->sla.n_rules + 1, sizeof(double));
    rep.handoff_pairs = flujo_xcalloc(s->n_pools * s->n_pools + 1, sizeof(double));
    rep.wip_step = (s->n_days + FLUJO_WIP_POINTS - 1) / FLUJO_WIP_POINTS;
    rep.wip_step = rep.wip_step > 0 ? rep.wip_step : 1;
    rep.n_wip = (s->n_days + rep.wip_step - 1) / rep.wip_step;
    rep.wip = flujo_xcalloc((size_t)rep.n_wip + 1, sizeof(double));
    rep.rule_cases = flujo_xcalloc(s->sla.n_rules + 1, sizeof(double));
    e->err = err;
    reset(e, r, &rep);

    for (size_t i = 0; i < s->n_arrivals; i++) {
        schedule_arrival(e, i);
    }
    flujo_ev_t ev;
    while (e->st == FLUJO_OK && flujo_evq_pop(&e->q, &ev)) {
        if (ev.time != e->now) {
            e->routing = 0;
        }
        e->now = ev.time;
        rep.events++;
        if (e->opts.max_events > 0 && rep.events > e->opts.max_events) {
            sim_fail(e, FLUJO_ELIMIT, "stopped after %llu events (--max-events)",
                     (unsigned long long)e->opts.max_events);
            break;
        }
        if ((rep.events & 4095) == 0 && e->opts.stop != NULL && *e->opts.stop) {
            sim_fail(e, FLUJO_EINTR, "interrupted");
            break;
        }
        if ((rep.events & 4095) == 0 && e->opts.max_seconds > 0 &&
            flujo_monotonic_seconds() - e->opts.started > e->opts.max_seconds) {
            sim_fail(e, FLUJO_ELIMIT, "stopped after %g s of computing (--max-seconds)",
                     e->opts.max_seconds);
            break;
        }
        if (e->now > (double)s->n_days * FLUJO_DAY) {
            /* the calendars end here: work still going on is a case that never ends, stuck in a
             * loop or behind an ever longer queue */
            int32_t t = ev.kind == EV_TASK_DONE || ev.kind == EV_DELAY_DONE ? (int32_t)ev.a : NONE;
            size_t longest = 0;
            for (size_t p = 1; p < s->n_pools; p++) {
                longest = e->res[p].n > e->res[longest].n ? p : longest;
            }
            if (s->n_pools > 0 && e->res[longest].n >= 100) {
                sim_fail(e, FLUJO_ESIM,
                         "cases are still waiting after the %ld days the calendars cover (%zu at "
                         "'%s'): the units cannot keep up with the arrivals (see flujo check)",
                         s->n_days, e->res[longest].n, s->pools[longest].name);
            } else if (t != NONE && live(e, ev.a, ev.b)) {
                sim_fail(e, FLUJO_ESIM,
                         "a case is still at '%s' after the %ld days the calendars cover: a loop "
                         "it never leaves (taken with probability 1?)",
                         label(e, e->tok[t].node), s->n_days);
            } else {
                sim_fail(e, FLUJO_ESIM,
                         "the run goes on past the %ld days the calendars cover: a case that "
                         "never ends?",
                         s->n_days);
            }
            break;
        }
        switch (ev.kind) {
        case EV_ARRIVAL:
            if (s->cases > 0 && e->n_cases >= s->cases) {
                break; /* another stream brought the last one */
            }
            if (s->cases > 0 && !s->arrivals[ev.a].background) {
                e->n_cases++;
            }
            new_case(e, ev.a);
            schedule_arrival(e, ev.a);
            break;
        case EV_TASK_DONE:
            if (live(e, ev.a, ev.b)) {
                task_done(e, (int32_t)ev.a);
            }
            break;
        case EV_DELAY_DONE:
            if (live(e, ev.a, ev.b)) {
                leave_all(e, (int32_t)ev.a);
            }
            break;
        case EV_BOUNDARY:
            if (live(e, ev.a, ev.b)) {
                on_boundary(e, (int32_t)ev.a, (int32_t)ev.c);
            }
            break;
        case EV_RACE:
            if (live(e, ev.a, ev.b)) {
                const flujo_flow_t *f = &m->flows[m->out_flow[ev.c]];
                int32_t t = (int32_t)ev.a;
                e->tok[t].gen++;
                if (m->nodes[f->target].kind == FLUJO_NODE_CATCH) {
                    /* the winning event has happened: go on after it */
                    e->tok[t].node = (int32_t)f->target;
                    set_pause(e, t, e->ni[f->target].pause);
                    leave_all(e, t);
                } else {
                    follow(e, t, m->out_flow[ev.c]);
                }
            }
            break;
        case EV_EVSUB:
            if (ev.a < e->n_sc && e->sc[ev.a].gen == ev.b) {
                on_evsub(e, (int32_t)ev.a, &e->evsubs[ev.c]);
            }
            break;
        }
        drain(e);
    }
    if (e->st != FLUJO_OK) {
        flujo_rep_destroy(&rep);
        return e->st;
    }
    find_stuck(e);
    while (e->wip_day < rep.n_wip) {
        rep.wip[e->wip_day++] = e->in_process; /* cases that could not finish stay in process */
    }
    collect(e);
    *out = rep;
    return FLUJO_OK;
}

void flujo_rep_destroy(flujo_rep_t *rep)
{
    free(rep->hist_h);
    free(rep->hist_bd);
    free(rep->pool_util);
    free(rep->pool_busy);
    free(rep->pool_queue);
    free(rep->pool_wait_h);
    free(rep->pool_rate_h);
    free(rep->pool_case_wait_h);
    free(rep->pool_case_queue);
    free(rep->pool_case_hours_h);
    free(rep->act_count);
    free(rep->act_wait_h);
    free(rep->act_proc_h);
    free(rep->act_within);
    free(rep->stuck);
    free(rep->rule_within);
    free(rep->handoff_pairs);
    free(rep->wip);
    free(rep->rule_cases);
    memset(rep, 0, sizeof(*rep));
}
