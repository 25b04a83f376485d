/* measure.c - what a replication measures, gathered in one place: work entering the queues and done
 * (waits, work, cost, hand-offs per activity, pool and case), cases arriving and completing (cycle
 * and legal times, the plazo), work in process over time, and at the end the replication's
 * figures over the statistics window. The activity and case logs are written from here too: they
 * are what is measured, one record at a time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n_int.h"
#include "engine/engine_int.h"

static const struct {
    const char *key;
    const char *label;
} parts[FLUJO_PART_N] = {
    [FLUJO_PART_WAIT_PERFORMER] = {"wait_performer", N_("waiting for a free performer")},
    [FLUJO_PART_WAIT_HOURS] = {"wait_hours", N_("waiting for the unit's working hours")},
    [FLUJO_PART_WORK] = {"work", N_("work")},
    [FLUJO_PART_WORK_PAUSED] = {"work_paused", N_("work paused by the unit's closed hours")},
    [FLUJO_PART_DELAY] = {"delay", N_("timers and fixed delays")},
    [FLUJO_PART_ADMINISTRADO] = {"administrado", N_("with the administrado")},
    [FLUJO_PART_SYNC] = {"sync", N_("waiting at a join for a parallel branch")},
    [FLUJO_PART_OTHER] = {"other", N_("other")},
};

const char *flujo_part_key(flujo_part_t p)
{
    return p < FLUJO_PART_N ? parts[p].key : "?";
}

const char *flujo_part_label(flujo_part_t p)
{
    return p < FLUJO_PART_N ? parts[p].label : "?";
}

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
    ms->pool_case_work = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    ms->act_part = flujo_xcalloc((nn + 1) * FLUJO_PART_N, sizeof(double));
    ms->pool_part = flujo_xcalloc((s->n_pools + 1) * FLUJO_PART_N, sizeof(double));
    ms->pool_feed = flujo_xcalloc(s->n_pools * (s->n_pools + 1) + 1, sizeof(double));
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
    free(ms->pool_case_work);
    free(ms->act_part);
    free(ms->pool_part);
    free(ms->pool_feed);
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
    rep->act_parts_h = flujo_xcalloc((nn + 1) * FLUJO_PART_N, sizeof(double));
    rep->pool_parts_h = flujo_xcalloc((s->n_pools + 1) * FLUJO_PART_N, sizeof(double));
    rep->pool_feed_h = flujo_xcalloc(s->n_pools * (s->n_pools + 1) + 1, sizeof(double));
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
    flujo_tally_init(&ms->t_handoff_lead);
    ms->in_process = 0;
    ms->wip_day = 0;
    for (int p = 0; p < FLUJO_PART_N; p++) {
        flujo_tally_init(&ms->t_part[p]);
    }
    memset(ms->act_part, 0, e->m->n_nodes * FLUJO_PART_N * sizeof(double));
    memset(ms->pool_part, 0, s->n_pools * FLUJO_PART_N * sizeof(double));
    memset(ms->pool_feed, 0, s->n_pools * (s->n_pools + 1) * sizeof(double));
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
        ms->pool_case_work[p] = 0;
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

/* The calendar of the pool token k works or waits for (the first of several while none took it). */
static const flujo_calendar_t *pool_calendar(const flujo_engine_t *e, const tok_t *k)
{
    const ninfo_t *ni = &e->ni[k->node];
    int32_t pool = k->pool != NONE ? k->pool
                   : ni->alt_n > 0 ? e->alt_pool[ni->alt_first]
                                   : ni->pool;
    return e->s->calendars[e->s->pools[pool].calendar];
}

/* Adds the time of token k from its mark to now to p[], by what it was doing: queued while its
 * unit was open (for a performer) or closed (for the unit's hours); working (the open time of its
 * unit's calendar once the work started) or paused by the closed hours; in a delay; at a join.
 * Everything at a pause_in node is the administrado's. */
static void add_pending(const flujo_engine_t *e, const tok_t *k, double *p)
{
    double from = k->mark, to = e->now, dur = to - from;
    if (!(dur > 0)) {
        return;
    }
    if (k->node >= 0 && e->ni[k->node].pause) {
        p[FLUJO_PART_ADMINISTRADO] += dur;
        return;
    }
    switch (k->state) {
    case T_QUEUED: {
        double open = flujo_calendar_work_between(pool_calendar(e, k), from, to);
        open = open < dur ? open : dur;
        p[FLUJO_PART_WAIT_PERFORMER] += open;
        p[FLUJO_PART_WAIT_HOURS] += dur - open;
        break;
    }
    case T_BUSY: {
        /* work on a closed office starts when it opens: until then the work waits for its hours */
        double s = k->start < from ? from : k->start > to ? to : k->start;
        p[FLUJO_PART_WAIT_HOURS] += s - from;
        if (flujo__work_of(e, k->node, k->pool)->clock == FLUJO_CLOCK_WORK) {
            double open = flujo_calendar_work_between(pool_calendar(e, k), s, to);
            open = open < to - s ? open : to - s;
            p[FLUJO_PART_WORK] += open;
            p[FLUJO_PART_WORK_PAUSED] += to - s - open;
        } else {
            p[FLUJO_PART_DELAY] += to - s; /* elapsed days outside the performers' hands */
        }
        break;
    }
    case T_DELAY:
        p[FLUJO_PART_DELAY] += dur;
        break;
    case T_JOIN:
    case T_MSG:
        p[FLUJO_PART_SYNC] += dur; /* for a branch, or another pool's message */
        break;
    default:
        p[FLUJO_PART_OTHER] += dur; /* a moving token takes no time: this stays 0 */
        break;
    }
}

void flujo__meas_path(const flujo_engine_t *e, int32_t t, double *dst)
{
    const tok_t *k = &e->tok[t];
    if (k->state == T_SCOPE && k->child != NONE && e->sc[k->child].first != NONE) {
        /* its path goes on inside the scope: take one of the tokens there */
        flujo__meas_path(e, e->sc[k->child].first, dst);
        return;
    }
    if (k->state == T_MI) {
        for (int32_t x = e->sc[k->scope].first; x != NONE; x = e->tok[x].snext) {
            if (e->tok[x].parent == t) {
                flujo__meas_path(e, x, dst);
                return;
            }
        }
    }
    memcpy(dst, k->part, sizeof(k->part));
    add_pending(e, k, dst);
}

void flujo__meas_take(flujo_engine_t *e, int32_t dst, int32_t src)
{
    double p[FLUJO_PART_N];
    flujo__meas_path(e, src, p);
    memcpy(e->tok[dst].part, p, sizeof(p));
    e->tok[dst].mark = e->now;
}

void flujo__meas_flush(flujo_engine_t *e, int32_t t)
{
    tok_t *k = &e->tok[t];
    if (k->state == T_SCOPE || k->state == T_MI) {
        flujo__meas_take(e, t, t); /* a scope's or instances' path */
        return;
    }
    if (!(e->now > k->mark)) {
        k->mark = e->now; /* no time has passed: nothing to account (most calls) */
        return;
    }
    double p[FLUJO_PART_N] = {0};
    add_pending(e, k, p);
    ecase_t *c = &e->cs[k->cas];
    for (int i = 0; i < FLUJO_PART_N; i++) {
        k->part[i] += p[i];
    }
    if (c->counted && k->node >= 0) {
        double *act = &e->ms.act_part[(size_t)k->node * FLUJO_PART_N];
        int32_t pool = e->ni[k->node].beh == B_TASK ? k->pool : NONE;
        double *pp = pool != NONE ? &e->ms.pool_part[(size_t)pool * FLUJO_PART_N] : NULL;
        for (int i = 0; i < FLUJO_PART_N; i++) {
            act[i] += p[i];
            if (pp != NULL) {
                pp[i] += p[i];
            }
        }
        if (pool != NONE) {
            /* the office the work came from (the case's last one), which sent it at that hour */
            size_t from = c->last_pool != NONE ? (size_t)c->last_pool : e->s->n_pools;
            e->ms.pool_feed[(size_t)pool * (e->s->n_pools + 1) + from] +=
                p[FLUJO_PART_WAIT_HOURS] + p[FLUJO_PART_WORK_PAUSED];
        }
        /* business time outside the offices' hands is left out of hand-off transfers: the
         * administrado's, and delays but those of release times (a routing window between
         * offices is the transfer itself) */
        bool routing = k->state == T_DELAY && e->s->events[k->node].n_at > 0;
        if (p[FLUJO_PART_ADMINISTRADO] > 0 || (p[FLUJO_PART_DELAY] > 0 && !routing)) {
            const flujo_calendar_t *legal = e->s->calendars[e->s->legal_calendar];
            c->excl_b +=
                flujo_calendar_bclock(legal, e->now) - flujo_calendar_bclock(legal, k->mark);
        }
    }
    k->mark = e->now;
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
        double w = (double)e->ni[k->node].units * flujo_calendar_work_between(c, from, to);
        e->ms.pool_work[pool] += w;
        if (!e->cs[k->cas].background) {
            e->ms.pool_case_work[pool] += w;
        }
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

/* Hand-offs: each time consecutive tasks of a case are done by different offices (work of an
 * automated pool or of the administrado, at a pause_in node, hands nothing off). The transfer of
 * one is the business time from the previous office's work done to the start of this one's,
 * without the time the case spent meanwhile with the administrado and in delays other than
 * routing windows (release times) (on parallel branches, a task that started before the previous
 * one ended transfers 0). */
static void measure_handoff(flujo_engine_t *e, ecase_t *c, const tok_t *k, int32_t pool)
{
    const flujo_scenario_t *s = e->s;
    if (s->pools[pool].automated || e->ni[k->node].pause) {
        return;
    }
    const flujo_calendar_t *legal = s->calendars[s->legal_calendar];
    double now_b = c->counted ? flujo_calendar_bclock(legal, e->now) : 0;
    if (c->last_pool != NONE && c->last_pool != pool) {
        c->handoffs++;
        if (c->counted) {
            e->rep->handoff_pairs[(size_t)c->last_pool * s->n_pools + (size_t)pool] += 1;
            double transfer = flujo_calendar_bclock(legal, k->start) - c->last_end_b -
                              (k->excl_b - c->last_excl_b);
            flujo_tally_add(&e->ms.t_handoff_bd, (transfer > 0 ? transfer : 0) / FLUJO_DAY);
            double lead = now_b - c->last_end_b - (c->excl_b - c->last_excl_b);
            flujo_tally_add(&e->ms.t_handoff_lead, (lead > 0 ? lead : 0) / FLUJO_DAY);
        }
    }
    c->last_pool = pool;
    c->last_end_b = now_b;
    c->last_excl_b = c->excl_b;
}

/* Token t's visit of its task at pool `pool` ends now (done, or cut short by an interrupting
 * event: done false), having waited from its enabling to `start` and worked `worked` seconds: the
 * case's waiting, work, cost and hand-offs, the activity's and pool's figures, the activity log. */
static void task_visit(flujo_engine_t *e, int32_t t, int32_t pool, double start, double worked,
                       bool done)
{
    const flujo_scenario_t *s = e->s;
    const tok_t *k = &e->tok[t];
    int32_t v = k->node;
    const flujo_task_t *task = &s->tasks[v];
    ecase_t *c = &e->cs[k->cas];
    const flujo_pool_t *pp = &s->pools[pool];
    double wait = start - k->enable;
    c->waiting += wait;
    c->processing += worked;
    c->cost += worked / FLUJO__HOUR * (double)e->ni[v].units * pp->cost_per_hour;
    if (done || start < e->now) {
        measure_handoff(e, c, k, pool); /* the office has had the case */
    }
    if (k->counted) {
        flujo_tally_add(&e->ms.t_act_wait[v], wait / FLUJO__HOUR);
        flujo_tally_add(&e->ms.t_act_proc[v], worked / FLUJO__HOUR);
        if (done && (task->deadline > 0 || task->deadline_same_day)) {
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
        flujo_activity_rec_t rec = {e->r,      c->id, v,      pool,
                                    k->enable, start, e->now, c->background != 0};
        e->opts.log(e->opts.log_ctx, &rec);
    }
}

void flujo__meas_task(flujo_engine_t *e, int32_t t, int32_t pool, const flujo_dist_t *d)
{
    const tok_t *k = &e->tok[t];
    /* work is touch time (s, m, h); durations in bd or d are elapsed time outside the
     * performers' hands (the citizen fixing a file, a publication period) */
    double worked = d->clock == FLUJO_CLOCK_WORK ? k->work : 0;
    task_visit(e, t, pool, k->start, worked, true);
}

void flujo__meas_task_cut(flujo_engine_t *e, int32_t t)
{
    const tok_t *k = &e->tok[t];
    int32_t pool = k->pool >= 0 ? k->pool : e->ni[k->node].pool;
    if (pool < 0) {
        return;
    }
    double start = e->now, worked = 0;
    if (k->state == T_BUSY) {
        start = k->start;
        const flujo_dist_t *d = flujo__work_of(e, k->node, pool);
        if (d->clock == FLUJO_CLOCK_WORK) {
            const flujo_calendar_t *c = e->s->calendars[e->s->pools[pool].calendar];
            worked = flujo_calendar_work_between(c, k->start, e->now);
            worked = worked < k->work ? worked : k->work;
        }
    }
    task_visit(e, t, pool, start, worked, false);
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
        for (int p = 0; p < FLUJO_PART_N; p++) {
            flujo_tally_add(&e->ms.t_part[p], c->part[p] / FLUJO__HOUR);
        }
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
    rep->handoff_lead_bd = nan_if_empty(&e->ms.t_handoff_lead);
    rep->waiting_h = nan_if_empty(&e->ms.t_wait);
    rep->processing_h = nan_if_empty(&e->ms.t_proc);
    rep->cost = nan_if_empty(&e->ms.t_cost);
    rep->handoffs = nan_if_empty(&e->ms.t_hand);
    double done = e->ms.t_cycle.n;
    for (int p = 0; p < FLUJO_PART_N; p++) {
        rep->cycle_parts_h[p] = nan_if_empty(&e->ms.t_part[p]);
    }
    /* per expediente: all visits of the counted cases, over the counted cases completed */
    for (size_t i = 0; i < m->n_nodes * FLUJO_PART_N; i++) {
        rep->act_parts_h[i] = done > 0 ? e->ms.act_part[i] / FLUJO__HOUR / done : NAN;
    }
    for (size_t i = 0; i < s->n_pools * FLUJO_PART_N; i++) {
        rep->pool_parts_h[i] = done > 0 ? e->ms.pool_part[i] / FLUJO__HOUR / done : NAN;
    }
    for (size_t i = 0; i < s->n_pools * (s->n_pools + 1); i++) {
        rep->pool_feed_h[i] = done > 0 ? e->ms.pool_feed[i] / FLUJO__HOUR / done : NAN;
    }
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
    double staff = 0; /* the procedure's staff cost per week */
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
        /* the procedure pays the share of each unit's paid hours its work takes, idle time
         * included: all of it when the unit does nothing else, its share of the work done when
         * the unit also does background work, nothing for a unit that did no work */
        double all = e->ms.pool_work[p];
        double share = all > 0 ? e->ms.pool_case_work[p] / all : 0;
        staff += flujo_scenario_staff_cost_per_week(s, p) * share;
        rep->pool_wait_h[p] = nan_if_empty(&e->ms.t_pool_wait[p]);
        rep->pool_rate_h[p] = window > 0 ? e->ms.pool_entries[p] / (window / FLUJO__HOUR) : NAN;
        const flujo_tally_t *cw = &e->ms.t_pool_case_wait[p];
        rep->pool_case_wait_h[p] = nan_if_empty(cw);
        rep->pool_case_hours_h[p] = nan_if_empty(&e->ms.t_pool_case_hours[p]);
        rep->pool_case_queue[p] =
            window > 0 && cw->n > 0 ? cw->mean * cw->n / (window / FLUJO__HOUR) : 0;
    }
    /* what the entity pays its staff over the window, per completed expediente */
    rep->staff_cost_week = flujo_scenario_staff_cost(s);
    rep->cost_total = done > 0 && window > 0 ? staff * window / (7 * FLUJO_DAY) / done : NAN;
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
    free(rep->act_parts_h);
    free(rep->pool_parts_h);
    free(rep->pool_feed_h);
    memset(rep, 0, sizeof(*rep));
}
