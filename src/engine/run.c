/* run.c - one replication: the event loop takes the next event off the list and hands it to the
 * step of its kind, until no event is left, a limit is reached or the run cannot progress. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "engine/engine_int.h"

void flujo__run_fail(flujo_engine_t *e, flujo_status_t st, const char *fmt, ...)
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

const char *flujo__label(const flujo_engine_t *e, int32_t v)
{
    const flujo_node_t *n = &e->m->nodes[v];
    return n->name[0] ? n->name : n->id;
}

/* ---- one call per kind of event ------------------------------------------------------------- */

/* The next case of a stream arrives (unless cases: N were all brought by other streams). */
static void on_arrival(flujo_engine_t *e, uint32_t stream)
{
    const flujo_scenario_t *s = e->s;
    if (s->cases > 0 && e->n_cases >= s->cases) {
        return; /* another stream brought the last one */
    }
    if (s->cases > 0 && !s->arrivals[stream].background) {
        e->n_cases++;
    }
    flujo__case_new(e, stream);
    flujo__arrival_schedule(e, stream);
}

/* A task's work is done. */
static void on_task_done(flujo_engine_t *e, uint32_t t, uint32_t gen)
{
    if (flujo__tok_live(e, t, gen)) {
        flujo__task_done(e, (int32_t)t);
    }
}

/* A catch event's delay is over: the token goes on. */
static void on_delay_done(flujo_engine_t *e, uint32_t t, uint32_t gen)
{
    if (flujo__tok_live(e, t, gen)) {
        flujo__meas_flush(e, (int32_t)t);
        flujo__tok_leave(e, (int32_t)t);
    }
}

/* A timed boundary event b of the activity token t is at fires: an interrupting one takes the
 * token away from the activity, a non-interrupting one sends a copy along its flows. */
static void on_boundary(flujo_engine_t *e, uint32_t t, uint32_t gen, uint32_t event)
{
    int32_t b = (int32_t)(event & ((1u << FLUJO__FIRED_SHIFT) - 1));
    uint32_t fired = event >> FLUJO__FIRED_SHIFT;
    if (!flujo__tok_live(e, t, gen)) {
        return;
    }
    const flujo_node_t *bn = &e->m->nodes[b];
    const flujo_delay_t *d = &e->s->events[b];
    if (!bn->cancel_activity && (d->cycle < 0 || (long)fired + 1 < d->cycle) &&
        fired < FLUJO__FIRED_MAX) {
        /* a timeCycle: it fires again one period on, while the activity runs */
        flujo__schedule(
            e, flujo__delay_end(e, b), EV_BOUNDARY,
            (flujo_ev_data_t){
                .boundary = {t, gen, (uint32_t)b | ((fired + 1) << FLUJO__FIRED_SHIFT)}});
    }
    if (bn->cancel_activity) {
        flujo__tok_cancel(e, (int32_t)t);
        e->tok[t].node = b;
        flujo__tok_pause(e, (int32_t)t, e->ni[b].pause);
        flujo__tok_leave(e, (int32_t)t);
    } else {
        int32_t c = flujo__tok_clone(e, (int32_t)t);
        flujo__meas_take(e, c, (int32_t)t); /* t's path so far, its wait at the activity too */
        e->tok[c].node = b;
        flujo__tok_pause(e, c, e->ni[b].pause);
        flujo__tok_leave(e, c);
    }
}

/* The first event after an event-based gateway has happened: the token goes down its flow. */
static void on_race(flujo_engine_t *e, uint32_t t, uint32_t gen, uint32_t out)
{
    const flujo_model_t *m = e->m;
    if (!flujo__tok_live(e, t, gen)) {
        return;
    }
    const flujo_flow_t *f = &m->flows[m->out_flow[out]];
    flujo__meas_flush(e, (int32_t)t);
    e->tok[t].gen++;
    if (m->nodes[f->target].kind == FLUJO_NODE_CATCH) {
        /* the winning event has happened: go on after it */
        e->tok[t].node = (int32_t)f->target;
        flujo__tok_pause(e, (int32_t)t, e->ni[f->target].pause);
        flujo__tok_leave(e, (int32_t)t);
    } else {
        flujo__tok_follow(e, (int32_t)t, m->out_flow[out]);
    }
}

/* The timer of an event sub-process of a scope still as it was fires. */
static void on_evsub(flujo_engine_t *e, uint32_t sc, uint32_t gen, uint32_t x)
{
    if (sc < e->n_sc && e->sc[sc].gen == gen) {
        flujo__evsub_fire(e, (int32_t)sc, &e->evsubs[x]);
    }
}

/* ---- the loop -------------------------------------------------------------------------------- */

static void reset(flujo_engine_t *e, long r, flujo_rep_t *rep)
{
    const flujo_scenario_t *s = e->s;
    const flujo_model_t *m = e->m;
    flujo_evq_clear(&e->q);
    for (size_t p = 0; p < s->n_pools; p++) {
        flujo_res_reset(&e->res[p], s->warmup_end, s->cases > 0 ? INFINITY : s->arrivals_end);
        e->released[p] = 0;
    }
    e->win_end = s->cases > 0 ? INFINITY : s->arrivals_end;
    e->n_cases = 0;
    e->n_tok = e->n_sc = e->n_cs = e->n_jn = e->n_mb = 0;
    e->free_tok = e->free_sc = e->free_cs = e->free_jn = e->free_mb = NONE;
    e->wl_head = e->wl_n = 0;
    e->n_dirty = 0;
    e->now = s->start_time; /* arrivals begin at the start's time of day */
    e->next_id = 0;
    e->st = FLUJO_OK;
    e->r = r;
    e->rep = rep;
    flujo__meas_start(e, r, rep);
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

/* Stops the run past the limits of its options: events, computing time, Ctrl-C. True if it did. */
static bool over_limits(flujo_engine_t *e, uint64_t events)
{
    if (e->opts.max_events > 0 && events > e->opts.max_events) {
        flujo__run_fail(e, FLUJO_ELIMIT, "stopped after %llu events (--max-events)",
                        (unsigned long long)e->opts.max_events);
        return true;
    }
    if ((events & 4095) == 0 && e->opts.stop != NULL && *e->opts.stop) {
        flujo__run_fail(e, FLUJO_EINTR, "interrupted");
        return true;
    }
    if ((events & 4095) == 0 && e->opts.max_seconds > 0 &&
        flujo_monotonic_seconds() - e->opts.started > e->opts.max_seconds) {
        flujo__run_fail(e, FLUJO_ELIMIT, "stopped after %g s of computing (--max-seconds)",
                        e->opts.max_seconds);
        return true;
    }
    return false;
}

/* An event past the days the calendars cover: work still going on is a case that never ends,
 * stuck in a loop or behind an ever longer queue. Fails with the likeliest reason. */
static void past_calendars(flujo_engine_t *e, const flujo_ev_t *ev)
{
    const flujo_scenario_t *s = e->s;
    bool at_token = ev->kind == EV_TASK_DONE || ev->kind == EV_DELAY_DONE;
    uint32_t t = ev->data.token.tok;
    size_t longest = 0;
    for (size_t p = 1; p < s->n_pools; p++) {
        longest = e->res[p].n > e->res[longest].n ? p : longest;
    }
    if (s->n_pools > 0 && e->res[longest].n >= 100) {
        flujo__run_fail(e, FLUJO_ESIM,
                        "cases are still waiting after the %ld days the calendars cover (%zu at "
                        "'%s'): the units cannot keep up with the arrivals (see flujo check)",
                        s->n_days, e->res[longest].n, s->pools[longest].name);
    } else if (at_token && flujo__tok_live(e, t, ev->data.token.gen)) {
        flujo__run_fail(e, FLUJO_ESIM,
                        "a case is still at '%s' after the %ld days the calendars cover: a loop "
                        "it never leaves (taken with probability 1?)",
                        flujo__label(e, e->tok[t].node), s->n_days);
    } else {
        flujo__run_fail(e, FLUJO_ESIM,
                        "the run goes on past the %ld days the calendars cover: a case that "
                        "never ends?",
                        s->n_days);
    }
}

/* Hands event ev to the step of its kind. */
static void dispatch(flujo_engine_t *e, const flujo_ev_t *ev)
{
    const flujo_ev_data_t *d = &ev->data;
    switch (ev->kind) {
    case EV_ARRIVAL:
        on_arrival(e, d->arrival.stream);
        break;
    case EV_TASK_DONE:
        on_task_done(e, d->token.tok, d->token.gen);
        break;
    case EV_DELAY_DONE:
        on_delay_done(e, d->token.tok, d->token.gen);
        break;
    case EV_BOUNDARY:
        on_boundary(e, d->boundary.tok, d->boundary.gen, d->boundary.event);
        break;
    case EV_RACE:
        on_race(e, d->race.tok, d->race.gen, d->race.out);
        break;
    case EV_EVSUB:
        on_evsub(e, d->evsub.scope, d->evsub.gen, d->evsub.evsub);
        break;
    }
}

flujo_status_t flujo_engine_run(flujo_engine_t *e, long r, flujo_rep_t *out, flujo_err_t *err)
{
    const flujo_scenario_t *s = e->s;
    flujo_rep_t rep;
    e->err = err;
    reset(e, r, &rep);
    for (size_t i = 0; i < s->n_arrivals; i++) {
        flujo__arrival_schedule(e, i);
    }
    flujo_ev_t ev;
    while (e->st == FLUJO_OK && flujo_evq_pop(&e->q, &ev)) {
        if (ev.time != e->now) {
            e->routing = 0;
        }
        e->now = ev.time;
        rep.events++;
        if (over_limits(e, rep.events)) {
            break;
        }
        if (e->now > (double)s->n_days * FLUJO_DAY) {
            past_calendars(e, &ev);
            break;
        }
        dispatch(e, &ev);
        flujo__drain(e);
    }
    if (e->st != FLUJO_OK) {
        flujo_rep_destroy(&rep);
        return e->st;
    }
    flujo__meas_finish(e);
    *out = rep;
    return FLUJO_OK;
}
