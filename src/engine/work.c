/* work.c - work by the pools: a task reached, queued for performers (of one pool or of the first
 * free of several), worked on its pool's calendar, done; multi-instance and loops of tasks. */
#include "engine/engine_int.h"

const flujo_dist_t *flujo__work_of(const flujo_engine_t *e, int32_t v, int32_t p)
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
    const flujo_dist_t *d = flujo__work_of(e, v, pool);
    flujo__meas_flush(e, t); /* its wait in the queue, if any */
    k->excl_b = e->cs[k->cas].excl_b;
    k->state = T_BUSY;
    /* work on a closed office begins when it opens; the wait until then is queue time */
    k->start = d->clock == FLUJO_CLOCK_WORK
                   ? flujo__checked(e, flujo_calendar_next_open(c, e->now), v)
                   : e->now;
    k->work = flujo_dist_sample(d, e->node_rng[v]);
    double end = flujo__end_of(e, d, k->work, cal, v);
    end = end < k->start ? k->start : end; /* no work: done when it starts, the office open */
    flujo__schedule(e, end, EV_TASK_DONE, (flujo_ev_data_t){.token = {(uint32_t)t, k->gen}});
}

/* Takes waiting token t out of every queue it waits in. */
void flujo__task_unqueue(flujo_engine_t *e, int32_t t)
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
            flujo__task_unqueue(e, (int32_t)next);
            k->pool = p;
            flujo__meas_entry(e, p, k->counted);
        }
        task_start(e, (int32_t)next);
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
            flujo__meas_entry(e, p, k->counted);
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
    flujo__meas_entry(e, pool, k->counted);
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
void flujo__arm_boundaries(flujo_engine_t *e, int32_t t, int32_t v)
{
    const ninfo_t *ni = &e->ni[v];
    for (int32_t i = 0; i < ni->bnd_n; i++) {
        int32_t b = e->bnd[ni->bnd_first + i];
        double when = flujo__delay_end(e, b);
        flujo__schedule(e, when, EV_BOUNDARY,
                        (flujo_ev_data_t){.boundary = {(uint32_t)t, e->tok[t].gen, (uint32_t)b}});
    }
}

void flujo__task_enable(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    int32_t v = k->node;
    const flujo_task_t *task = &e->s->tasks[v];
    flujo__arm_boundaries(e, t, v);
    if (e->m->nodes[v].loop == FLUJO_LOOP_MI_PARALLEL && task->instances > 1) {
        k->state = T_MI;
        k->count = (int32_t)task->instances;
        k->enable = e->now;
        for (long i = 0; i < task->instances; i++) {
            int32_t c = flujo__tok_clone(e, t);
            e->tok[c].node = v;
            e->tok[c].parent = t;
            task_seize(e, c);
        }
        return;
    }
    k->count = e->m->nodes[v].loop == FLUJO_LOOP_MI_SEQUENTIAL ? (int32_t)task->instances : 0;
    task_seize(e, t);
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

void flujo__task_release(flujo_engine_t *e, int32_t t)
{
    int32_t pool = e->tok[t].pool;
    flujo__meas_work(e, t);
    flujo_res_release(&e->res[pool], e->now, e->ni[e->tok[t].node].units);
    e->released[pool] = e->now;
    serve(e, pool);
}

void flujo__task_done(flujo_engine_t *e, int32_t t)
{
    const flujo_scenario_t *s = e->s;
    tok_t *k = &e->tok[t];
    int32_t v = k->node;
    const flujo_task_t *task = &s->tasks[v];
    int pool = k->pool;

    /* free the performers first: the next waiting work starts at this same instant */
    flujo__meas_flush(e, t);
    flujo__task_release(e, t);
    flujo__meas_task(e, t, pool, flujo__work_of(e, v, pool));

    if (task->error > 0 && flujo_rng_uniform(e->branch_rng[v]) < task->error) {
        /* the work ends through the error boundary event; a multi-instance child ends the whole
         * activity */
        int32_t owner = k->parent != NONE ? k->parent : t;
        if (owner != t) {
            flujo__meas_take(e, owner, t); /* the case goes on along this instance's path */
            flujo__tok_free(e, t);
        }
        int32_t b = (int32_t)task->error_boundary;
        e->tok[owner].gen++;
        /* cancel remaining instances of a parallel multi-instance activity */
        if (e->tok[owner].state == T_MI) {
            for (int32_t x = e->sc[e->tok[owner].scope].first; x != NONE;) {
                int32_t nx = e->tok[x].snext;
                if (e->tok[x].parent == owner) {
                    if (e->tok[x].state == T_QUEUED) {
                        flujo__meas_task_cut(e, x);
                        flujo__task_unqueue(e, x);
                    } else if (e->tok[x].state == T_BUSY) {
                        flujo__meas_task_cut(e, x);
                        flujo__task_release(e, x);
                    }
                    flujo__tok_free(e, x);
                }
                x = nx;
            }
        }
        e->tok[owner].node = b;
        flujo__tok_leave(e, owner);
        return;
    }
    if (k->parent != NONE) {
        flujo__instance_done(e, t);
        return;
    }
    if (runs_again(e, t)) {
        task_seize(e, t);
        return;
    }
    flujo__activity_done(e, t);
}
