/* engine.c - an engine for a scenario: the tables of what each node does, built once and shared
 * by every replication the engine runs, and their release. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

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

/* What node v does (its behaviour, join kind, pool), with the pools of a task several can do
 * appended to alt_pool[] / alt_dur[] (*n_alt used, caps their allocations). */
static void node_behaviour(flujo_engine_t *e, size_t v, size_t *n_alt, size_t *cap_alt,
                           size_t *cap_dur)
{
    const flujo_scenario_t *s = e->s;
    const flujo_model_t *m = e->m;
    const flujo_node_t *n = &m->nodes[v];
    ninfo_t *ni = &e->ni[v];
    switch (n->kind) {
    case FLUJO_NODE_TASK:
        ni->beh = B_TASK;
        ni->pool = (int32_t)s->tasks[v].pool;
        ni->units = (int32_t)s->tasks[v].units;
        ni->alt_first = (int32_t)*n_alt;
        for (size_t k = 0; k < s->tasks[v].n_alts; k++) {
            flujo_grow((void **)&e->alt_pool, cap_alt, *n_alt + 1, sizeof(*e->alt_pool));
            flujo_grow((void **)&e->alt_dur, cap_dur, *n_alt + 1, sizeof(*e->alt_dur));
            e->alt_pool[*n_alt] = (int32_t)s->tasks[v].alts[k].pool;
            e->alt_dur[*n_alt] = flujo__task_duration(&s->tasks[v], s->tasks[v].alts[k].pool);
            (*n_alt)++;
            ni->alt_n++;
        }
        break;
    case FLUJO_NODE_SUBPROCESS:
    case FLUJO_NODE_CALL:
        ni->beh = B_SCOPE;
        break;
    case FLUJO_NODE_END:
        ni->beh = (n->event_defs & FLUJO_EV_TERMINATE)                       ? B_TERMINATE
                  : (n->event_defs & (FLUJO_EV_ERROR | FLUJO_EV_ESCALATION)) ? B_THROW_END
                                                                             : B_END;
        break;
    case FLUJO_NODE_CATCH:
        ni->beh = B_CATCH;
        break;
    case FLUJO_NODE_THROW:
        ni->beh = (n->event_defs & FLUJO_EV_LINK)         ? B_LINK
                  : (n->event_defs & FLUJO_EV_ESCALATION) ? B_THROW_ESC
                                                          : B_PASS;
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
}

/* The per-node table: behaviour, timed boundary events, the entries and event sub-processes of
 * each scope (sub-processes, then processes). */
static void node_tables(flujo_engine_t *e)
{
    const flujo_scenario_t *s = e->s;
    const flujo_model_t *m = e->m;
    size_t nn = m->n_nodes;
    size_t n_bnd = 0, cap_bnd = 0, n_ent = 0, cap_ent = 0, n_evs = 0, cap_evs = 0;
    size_t n_alt = 0, cap_alt = 0, cap_dur = 0;
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        ninfo_t *ni = &e->ni[v];
        ni->pool = NONE;
        ni->link = NONE;
        ni->or_index = NONE;
        ni->pause = s->sla.pause != NULL && s->sla.pause[v];
        ni->choose = flujo_model_conditional_out(m, (int64_t)v);
        node_behaviour(e, v, &n_alt, &cap_alt, &cap_dur);
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
}

/* The message flows flujo simulates, grouped by source node; the catch events they reach wait for
 * their message unless the scenario times them. */
static void message_targets(flujo_engine_t *e)
{
    const flujo_model_t *m = e->m;
    e->msgt = flujo_xcalloc(m->n_msgflows + 1, sizeof(int32_t));
    for (size_t i = 0; i < m->n_msgflows; i++) { /* how many from each source */
        if (flujo_model_msgflow_target(m, i) >= 0) {
            e->ni[m->msgflows[i].source_node].msg_n++;
        }
    }
    int32_t n = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        e->ni[v].msg_first = n;
        n += e->ni[v].msg_n;
        e->ni[v].msg_n = 0;
    }
    for (size_t i = 0; i < m->n_msgflows; i++) {
        int64_t w = flujo_model_msgflow_target(m, i);
        if (w < 0) {
            continue;
        }
        ninfo_t *src = &e->ni[m->msgflows[i].source_node];
        e->msgt[src->msg_first + src->msg_n++] = (int32_t)w;
        const flujo_delay_t *d = &e->s->events[w];
        e->ni[w].msg_wait = m->nodes[w].kind == FLUJO_NODE_CATCH && !d->has_delay && d->n_at == 0;
    }
}

/* Each link throw event jumps to the catch event of its name in the same scope. */
static void link_targets(flujo_engine_t *e)
{
    const flujo_model_t *m = e->m;
    size_t nn = m->n_nodes;
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
}

/* A random stream per purpose: interarrival times and attributes of each arrival stream; the
 * draws of each node that draws (durations, delays, routing) and of each activity's error, loop
 * and conditional flows. reset() seeds them for each replication. */
static void streams(flujo_engine_t *e)
{
    const flujo_scenario_t *s = e->s;
    const flujo_model_t *m = e->m;
    size_t nn = m->n_nodes;
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
        if (beh == B_TASK || beh == B_SCOPE || e->ni[v].choose) {
            e->branch_rng[v] = stream();
        }
    }
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
    node_tables(e);
    link_targets(e);
    message_targets(e);
    build_reach(e);
    flujo_evq_init(&e->q);
    e->res = flujo_xcalloc(s->n_pools + 1, sizeof(*e->res));
    for (size_t p = 0; p < s->n_pools; p++) {
        flujo_res_init(&e->res[p], s->pools[p].unlimited, s->pools[p].count, s->pools[p].queue,
                       s->warmup_end, s->arrivals_end);
    }
    streams(e);
    flujo__meas_new(e);
    e->released = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    e->free_tok = e->free_sc = e->free_cs = e->free_jn = e->free_mb = NONE;
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
    flujo__meas_free(e);
    free(e->released);
    free(e->alt_pool);
    free(e->msgt);
    free(e->mb);
    free(e->alt_dur);
    free(e);
}
