/* measure.c - what a replication measures, gathered in one place: work entering the queues and done
 * (waits, work, cost, hand-offs per activity, pool and case), cases arriving and completing (cycle
 * and legal times, the plazo), work in process over time, and at the end the replication's
 * figures over the statistics window. The activity and case logs are written from here too: they
 * are what is measured, one record at a time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"

void flujo__meas_new(flujo_engine_t *e)
{
    const flujo_scenario_t *s = e->s;
    size_t nn = e->m->n_nodes;
    meas_t *ms = &e->ms;
    ms->t_act_wait = flujo_xcalloc(nn + 1, sizeof(flujo_tally_t));
    ms->t_act_proc = flujo_xcalloc(nn + 1, sizeof(flujo_tally_t));
    ms->t_act_within = flujo_xcalloc(nn + 1, sizeof(flujo_tally_t));
    ms->t_pool_wait = flujo_xcalloc(s->n_pools + 1, sizeof(flujo_tally_t));
    ms->t_pool_case_wait = flujo_xcalloc(s->n_pools + 1, sizeof(flujo_tally_t));
    ms->t_pool_case_hours = flujo_xcalloc(s->n_pools + 1, sizeof(flujo_tally_t));
    ms->pool_entries = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    ms->pool_work = flujo_xcalloc(s->n_pools + 1, sizeof(double));
}

void flujo__meas_free(flujo_engine_t *e)
{
    meas_t *ms = &e->ms;
    free(ms->t_act_wait);
    free(ms->t_act_proc);
    free(ms->t_act_within);
    free(ms->t_pool_wait);
    free(ms->t_pool_case_wait);
    free(ms->t_pool_case_hours);
    free(ms->pool_entries);
    free(ms->pool_work);
}

/* The arrays of a replication's figures, for a scenario. */
static void rep_alloc(flujo_rep_t *rep, const flujo_scenario_t *s, size_t nn)
{
    rep->hist_h = flujo_xmalloc(sizeof(flujo_hist_t));
    rep->hist_bd = flujo_xmalloc(sizeof(flujo_hist_t));
    flujo_hist_init(rep->hist_h);
    flujo_hist_init(rep->hist_bd);
    rep->pool_util = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep->pool_busy = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep->pool_queue = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep->pool_wait_h = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep->pool_rate_h = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep->pool_case_wait_h = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep->pool_case_queue = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep->pool_case_hours_h = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    rep->act_count = flujo_xcalloc(nn + 1, sizeof(double));
    rep->act_wait_h = flujo_xcalloc(nn + 1, sizeof(double));
    rep->act_proc_h = flujo_xcalloc(nn + 1, sizeof(double));
    rep->act_within = flujo_xcalloc(nn + 1, sizeof(double));
    rep->stuck = flujo_xcalloc(FLUJO__MAX_STUCK, sizeof(uint64_t));
    rep->rule_within = flujo_xcalloc(s->sla.n_rules + 1, sizeof(double));
    rep->handoff_pairs = flujo_xcalloc(s->n_pools * s->n_pools + 1, sizeof(double));
    rep->wip_step = (s->n_days + FLUJO_WIP_POINTS - 1) / FLUJO_WIP_POINTS;
    rep->wip_step = rep->wip_step > 0 ? rep->wip_step : 1;
    rep->n_wip = (s->n_days + rep->wip_step - 1) / rep->wip_step;
    rep->wip = flujo_xcalloc((size_t)rep->n_wip + 1, sizeof(double));
    rep->rule_cases = flujo_xcalloc(s->sla.n_rules + 1, sizeof(double));
}

void flujo__meas_start(flujo_engine_t *e, long r, flujo_rep_t *rep)
{
    const flujo_scenario_t *s = e->s;
    meas_t *ms = &e->ms;
    memset(rep, 0, sizeof(*rep));
    rep->replication = r;
    rep_alloc(rep, s, e->m->n_nodes);
    ms->n_within = ms->n_silenced = 0;
    flujo_tally_init(&ms->t_cycle);
    flujo_tally_init(&ms->t_bd);
    flujo_tally_init(&ms->t_wait);
    flujo_tally_init(&ms->t_proc);
    flujo_tally_init(&ms->t_cost);
    flujo_tally_init(&ms->t_hand);
    flujo_tally_init(&ms->t_paused);
    flujo_tally_init(&ms->t_handoff_bd);
    ms->in_process = 0;
    ms->wip_day = 0;
    for (size_t v = 0; v < e->m->n_nodes; v++) {
        flujo_tally_init(&ms->t_act_wait[v]);
        flujo_tally_init(&ms->t_act_proc[v]);
        flujo_tally_init(&ms->t_act_within[v]);
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        flujo_tally_init(&ms->t_pool_wait[p]);
        flujo_tally_init(&ms->t_pool_case_wait[p]);
        flujo_tally_init(&ms->t_pool_case_hours[p]);
        ms->pool_entries[p] = 0;
        ms->pool_work[p] = 0;
    }
}

/* Records the work in process at 00:00 of every day up to now, before it changes. */
static void wip_advance(flujo_engine_t *e)
{
    long today = (long)floor(e->now / 86400);
    while (e->ms.wip_day * e->rep->wip_step <= today && e->ms.wip_day < e->rep->n_wip) {
        e->rep->wip[e->ms.wip_day++] = e->ms.in_process;
    }
}

/* Token t's performers stop working now (done or interrupted): the open time they worked inside
 * the statistics window counts towards the pool's utilisation. */
void flujo__meas_work(flujo_engine_t *e, int32_t t)
{
    const flujo_scenario_t *s = e->s;
    const tok_t *k = &e->tok[t];
    int pool = k->pool;
    double from = k->start > s->warmup_end ? k->start : s->warmup_end;
    double to = e->now < e->win_end ? e->now : e->win_end;
    if (to > from) {
        const flujo_calendar_t *c = s->calendars[s->pools[pool].calendar];
        e->ms.pool_work[pool] +=
            (double)e->ni[k->node].units * flujo_calendar_work_between(c, from, to);
    }
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

/* Hand-offs: each time consecutive tasks of a case are done by different pools (work of an
 * automated pool hands nothing off); the lead time of one is the business time from the previous
 * unit's work done to this one's. */
static void measure_handoff(flujo_engine_t *e, ecase_t *c, int32_t pool)
{
    const flujo_scenario_t *s = e->s;
    const flujo_pool_t *pp = &s->pools[pool];
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
            flujo_tally_add(&e->ms.t_handoff_bd, (now_b - c->last_end_b) / FLUJO_DAY);
        }
    }
    if (!pp->automated) {
        c->last_pool = pool;
        c->last_end_b = now_b;
    }
}

void flujo__meas_task(flujo_engine_t *e, int32_t t, int32_t pool, const flujo_dist_t *d)
{
    const flujo_scenario_t *s = e->s;
    const tok_t *k = &e->tok[t];
    int32_t v = k->node;
    const flujo_task_t *task = &s->tasks[v];
    ecase_t *c = &e->cs[k->cas];
    const flujo_pool_t *pp = &s->pools[pool];
    /* work is touch time (s, m, h); durations in bd or d are elapsed time outside the
     * performers' hands (the citizen fixing a file, a publication period) */
    double wait = k->start - k->enable;
    double worked = d->clock == FLUJO_CLOCK_WORK ? k->work : 0;
    c->waiting += wait;
    c->processing += worked;
    c->cost += worked / FLUJO__HOUR * (double)e->ni[v].units * pp->cost_per_hour;
    measure_handoff(e, c, pool);
    if (k->counted) {
        flujo_tally_add(&e->ms.t_act_wait[v], wait / FLUJO__HOUR);
        flujo_tally_add(&e->ms.t_act_proc[v], worked / FLUJO__HOUR);
        if (task->deadline > 0 || task->deadline_same_day) {
            flujo_tally_add(&e->ms.t_act_within[v], e->now <= activity_due(e, k->enable, task));
        }
        flujo_tally_add(&e->ms.t_pool_wait[pool], wait / FLUJO__HOUR);
        if (!c->background) {
            /* had a performer been free, the work would have waited only until the pool opened */
            double opens = flujo_calendar_next_open(s->calendars[pp->calendar], k->enable);
            double hours = opens - k->enable < wait ? opens - k->enable : wait;
            flujo_tally_add(&e->ms.t_pool_case_wait[pool], wait / FLUJO__HOUR);
            flujo_tally_add(&e->ms.t_pool_case_hours[pool], hours / FLUJO__HOUR);
        }
    }
    if (e->opts.log != NULL) {
        flujo_activity_rec_t rec = {e->r,      c->id,    v,      pool,
                                    k->enable, k->start, e->now, c->background != 0};
        e->opts.log(e->opts.log_ctx, &rec);
    }
}

void flujo__meas_case_new(flujo_engine_t *e, const ecase_t *c)
{
    if (c->counted) {
        e->rep->arrived++;
    }
    if (!c->background) {
        wip_advance(e);
        e->ms.in_process += 1;
    }
}

void flujo__meas_case_done(flujo_engine_t *e, int32_t cas, double legal_s, bool within,
                           bool silenced)
{
    const flujo_scenario_t *s = e->s;
    const ecase_t *c = &e->cs[cas];
    if (!c->background) {
        wip_advance(e);
        e->ms.in_process -= 1;
    }
    if (c->counted) {
        double cycle = e->now - c->arrival;
        double bd = legal_s / FLUJO_DAY;
        flujo_tally_add(&e->ms.t_cycle, cycle / FLUJO__HOUR);
        flujo_tally_add(&e->ms.t_bd, bd);
        flujo_tally_add(&e->ms.t_wait, c->waiting / FLUJO__HOUR);
        flujo_tally_add(&e->ms.t_proc, c->processing / FLUJO__HOUR);
        flujo_tally_add(&e->ms.t_cost, c->cost);
        flujo_tally_add(&e->ms.t_hand, c->handoffs);
        flujo_tally_add(&e->ms.t_paused, c->paused / FLUJO_DAY);
        flujo_hist_add(e->rep->hist_h, cycle / FLUJO__HOUR);
        flujo_hist_add(e->rep->hist_bd, bd);
        e->ms.n_within += within;
        e->ms.n_silenced += silenced;
        e->rep->rule_cases[c->rule] += 1;
        e->rep->rule_within[c->rule] += within;
        e->rep->completed++;
    }
    if (e->opts.case_log != NULL && !c->background) {
        const flujo_calendar_t *legal = s->calendars[s->legal_calendar];
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
                                flujo__case_attrs(e, cas)};
        e->opts.case_log(e->opts.log_ctx, &rec);
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
    rep->cycle_h = nan_if_empty(&e->ms.t_cycle);
    rep->cycle_bd = nan_if_empty(&e->ms.t_bd);
    rep->paused_bd = nan_if_empty(&e->ms.t_paused);
    rep->handoff_bd = nan_if_empty(&e->ms.t_handoff_bd);
    rep->waiting_h = nan_if_empty(&e->ms.t_wait);
    rep->processing_h = nan_if_empty(&e->ms.t_proc);
    rep->cost = nan_if_empty(&e->ms.t_cost);
    rep->handoffs = nan_if_empty(&e->ms.t_hand);
    double done = e->ms.t_cycle.n;
    for (size_t i = 0; i < s->n_pools * s->n_pools; i++) {
        rep->handoff_pairs[i] = done > 0 ? rep->handoff_pairs[i] / done : NAN;
    }
    rep->within = s->sla.set && done > 0 ? e->ms.n_within / done : NAN;
    rep->silenced = s->sla.set && done > 0 ? e->ms.n_silenced / done : NAN;
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
            pool->unlimited || open <= 0 ? NAN : e->ms.pool_work[p] / ((double)pool->count * open);
        rep->pool_queue[p] = flujo_timeavg_mean(&r->queue_avg);
        rep->pool_wait_h[p] = nan_if_empty(&e->ms.t_pool_wait[p]);
        rep->pool_rate_h[p] = window > 0 ? e->ms.pool_entries[p] / (window / FLUJO__HOUR) : NAN;
        const flujo_tally_t *cw = &e->ms.t_pool_case_wait[p];
        rep->pool_case_wait_h[p] = nan_if_empty(cw);
        rep->pool_case_hours_h[p] = nan_if_empty(&e->ms.t_pool_case_hours[p]);
        rep->pool_case_queue[p] =
            window > 0 && cw->n > 0 ? cw->mean * cw->n / (window / FLUJO__HOUR) : 0;
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        rep->act_count[v] = e->ms.t_act_wait[v].n;
        rep->act_wait_h[v] = nan_if_empty(&e->ms.t_act_wait[v]);
        rep->act_proc_h[v] = nan_if_empty(&e->ms.t_act_proc[v]);
        rep->act_within[v] = nan_if_empty(&e->ms.t_act_within[v]);
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
        if (rep->n_stuck < FLUJO__MAX_STUCK) {
            rep->stuck[rep->n_stuck++] = c->id;
        }
    }
}

void flujo__meas_finish(flujo_engine_t *e)
{
    find_stuck(e);
    while (e->ms.wip_day < e->rep->n_wip) {
        /* cases that could not finish stay in process */
        e->rep->wip[e->ms.wip_day++] = e->ms.in_process;
    }
    collect(e);
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
