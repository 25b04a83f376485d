/* scopes.c - sub-processes, call activities and event sub-processes as nested scopes of a case; and
 * cancelling what a token does when an interrupting event takes it elsewhere. */
#include "engine/engine_int.h"

void flujo__evsubs_start(flujo_engine_t *e, int32_t sc, int32_t first, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        const evsub_t *x = &e->evsubs[first + i];
        const flujo_delay_t *d = &e->s->events[x->start];
        if (!d->has_delay && d->n_at == 0) {
            continue; /* nothing says when it starts: it never does (check warns) */
        }
        double when = flujo__delay_end(e, x->start);
        flujo__schedule(e, when, EV_EVSUB,
                        (flujo_ev_data_t){
                            .evsub = {(uint32_t)sc, e->sc[sc].gen, (uint32_t)i + (uint32_t)first}});
    }
}

/* Runs one instance of the content of scope node v for token t (a sub-process or a call). */
static void scope_open(flujo_engine_t *e, int32_t t, int32_t v)
{
    const flujo_scenario_t *s = e->s;
    int32_t sc = flujo__scope_new(e, e->tok[t].cas, v, t);
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
        flujo__scope_done(e, sc); /* empty content: done at once */
        return;
    }
    for (int32_t i = 0; i < n; i++) {
        int32_t x = flujo__tok_new(e, sc);
        memcpy(e->tok[x].part, e->tok[t].part, sizeof(e->tok[x].part)); /* t is moving */
        flujo__tok_go(e, x, e->entries[first + i], NONE);
    }
    flujo__evsubs_start(e, sc, ev_first, ev_n);
}

void flujo__scope_enter(flujo_engine_t *e, int32_t t)
{
    int32_t v = e->tok[t].node;
    const flujo_task_t *task = &e->s->tasks[v];
    flujo_loop_t loop = e->m->nodes[v].loop;
    flujo__arm_boundaries(e, t, v);
    e->tok[t].state = T_SCOPE;
    e->tok[t].enable = e->now;
    if (loop == FLUJO_LOOP_MI_PARALLEL && task->instances > 1) {
        e->tok[t].state = T_MI;
        e->tok[t].count = (int32_t)task->instances;
        for (long i = 0; i < task->instances && e->st == FLUJO_OK; i++) {
            int32_t c = flujo__tok_clone(e, t);
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

/* All tokens of scope sc are gone. */
void flujo__scope_done(flujo_engine_t *e, int32_t sc)
{
    scope_t *s = &e->sc[sc];
    int32_t t = s->parent;
    int32_t cas = s->cas;
    if (t == NONE) {
        flujo__scope_release(e, sc);
        flujo__case_done(e, cas);
        return;
    }
    flujo__scope_release(e, sc);
    tok_t *k = &e->tok[t];
    k->child = NONE;
    int32_t v = k->node;
    if (k->parent != NONE) {
        /* one instance of a parallel multi-instance sub-process */
        flujo__instance_done(e, t);
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
    if (task->error > 0 && flujo_rng_uniform(e->branch_rng[v]) < task->error) {
        /* error: on a sub-process or call: it ends through its error boundary event */
        k->gen++;
        k->node = (int32_t)task->error_boundary;
        flujo__tok_leave(e, t);
        return;
    }
    flujo__activity_done(e, t);
}

/* Cancels every token of scope sc (and what they wait for), leaving the scope alive and empty of
 * tokens except `keep`. */
void flujo__scope_cancel(flujo_engine_t *e, int32_t sc, int32_t keep)
{
    /* Hold the scope open while its tokens go: tok_free must not complete it midway. */
    e->sc[sc].active++;
    for (int32_t x = e->sc[sc].first; x != NONE;) {
        int32_t nx = e->tok[x].snext;
        if (x != keep) {
            flujo__tok_cancel(e, x);
            flujo__tok_free(e, x);
        }
        x = nx;
    }
    /* join entries hold only cancelled tokens now */
    flujo__scope_free_joins(e, sc);
    scope_t *s = &e->sc[sc];
    s->or_wait = 0;
    s->gen++; /* event sub-process timers of the old content are void */
    s->active--;
}

/* Stops whatever token t is doing (before it is freed or moved): leaves a queue, frees
 * performers, cancels children and sub-process contents. */
void flujo__tok_cancel(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    flujo__meas_flush(e, t); /* what it did until now */
    switch (k->state) {
    case T_QUEUED:
        flujo__meas_task_cut(e, t);
        flujo__task_unqueue(e, t);
        break;
    case T_BUSY:
        flujo__meas_task_cut(e, t);
        flujo__task_release(e, t);
        break;
    case T_SCOPE:
        if (k->child != NONE) {
            int32_t sc = k->child;
            k->child = NONE;
            flujo__scope_cancel(e, sc, NONE);
            flujo__scope_release(e, sc);
        }
        break;
    case T_MSG:
        flujo__msg_unwait(e, t);
        break;
    case T_MI:
        for (int32_t x = e->sc[k->scope].first; x != NONE;) {
            int32_t nx = e->tok[x].snext;
            if (e->tok[x].parent == t) {
                flujo__tok_cancel(e, x);
                flujo__tok_free(e, x);
            }
            x = nx;
        }
        break;
    default:
        break;
    }
    k->gen++;
}

void flujo__evsub_fire(flujo_engine_t *e, int32_t sc, const evsub_t *x)
{
    const flujo_node_t *nd = &e->m->nodes[x->start];
    if (nd->is_interrupting) {
        flujo__scope_cancel(e, sc, NONE);
    }
    /* its path: the scope's until the scope (re)opened, then the timer */
    int32_t up = e->sc[sc].parent;
    double since = up != NONE ? e->tok[up].mark : e->cs[e->sc[sc].cas].arrival;
    /* a token at the event sub-process waits for its content, then ends */
    int32_t t = flujo__tok_new(e, sc);
    if (up != NONE) {
        memcpy(e->tok[t].part, e->tok[up].part, sizeof(e->tok[t].part));
    }
    e->tok[t].part[FLUJO_PART_DELAY] += e->now - since;
    e->tok[t].node = x->node;
    e->tok[t].state = T_SCOPE;
    int32_t child = flujo__scope_new(e, e->tok[t].cas, x->node, t);
    e->tok[t].child = child;
    e->tok[t].count = 1;
    int32_t w = flujo__tok_new(e, child);
    memcpy(e->tok[w].part, e->tok[t].part, sizeof(e->tok[w].part));
    /* the start event's delay is over: go on from it */
    e->tok[w].node = x->start;
    flujo__tok_leave(e, w);
}
