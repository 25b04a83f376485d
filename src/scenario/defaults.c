/* defaults.c - binding what the scenario leaves out: the pool of each lane, call activities,
 * default durations, gateways and timers (each recorded as a note), the checks that every task
 * can start and every event-based gateway can fire, and the default arrivals. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

/* Lists up to 5 names, then ", ...". */
static void list_add(flujo_sbuf_t *b, size_t *n, const char *name)
{
    if (*n < 5) {
        flujo_sbuf_printf(b, "%s%s", *n ? ", " : "", name);
    } else if (*n == 5) {
        flujo_sbuf_add(b, ", ...");
    }
    (*n)++;
}

/* Which process each call activity calls (by id, or the part after a prefix:). */
flujo_status_t flujo__bind_calls(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        s->tasks[v].called = -1;
        s->tasks[v].called_process = -1;
        if (nd->kind != FLUJO_NODE_CALL || nd->called_element == NULL) {
            continue;
        }
        const char *ref = nd->called_element;
        const char *colon = strrchr(ref, ':');
        for (size_t p = 0; p < m->n_processes; p++) {
            if (strcmp(m->processes[p].id, ref) == 0 ||
                (colon != NULL && strcmp(m->processes[p].id, colon + 1) == 0)) {
                s->tasks[v].called_process = (int64_t)p;
            }
        }
    }
    return FLUJO_OK;
}

/* Every lane is a pool (of 1 performer unless resources says otherwise), and every task without a
 * resource is done by the pool of its lane (or pool, or process). */
flujo_status_t flujo__bind_pools(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t assumed;
    size_t n_assumed = 0;
    flujo_sbuf_init(&assumed);
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (m->nodes[v].kind != FLUJO_NODE_TASK || s->tasks[v].pool >= 0) {
            continue;
        }
        const char *unit = flujo_model_unit(m, (int64_t)v);
        int64_t p = flujo__find_pool(s, unit);
        if (p < 0) {
            p = flujo__add_pool(s, unit);
            s->pools[p].assumed = true;
            list_add(&assumed, &n_assumed, unit);
        }
        s->tasks[v].pool = p;
        s->tasks[v].units = 1;
    }
    if (n_assumed > 0) {
        flujo__note(L, "default-pool",
                    "assumed 1 performer, 24/7, for %zu unit%s not under resources: %s", n_assumed,
                    n_assumed == 1 ? "" : "s", assumed.s);
    }
    flujo_sbuf_destroy(&assumed);
    return FLUJO_OK;
}

/* A task that seizes more performers than its pool has could never start. */
flujo_status_t flujo__check_units(flujo__loader_t *L)
{
    const flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_task_t *t = &s->tasks[v];
        const flujo_pool_t *pool = t->pool >= 0 ? &s->pools[t->pool] : NULL;
        if (pool != NULL && t->n_alts == 0 && !pool->unlimited && t->units > pool->count) {
            flujo__ynode_t where = {0};
            where.file = L->files != NULL ? L->files[0] : L->path;
            where.line = t->line;
            char *p =
                flujo__join_path("tasks", m->nodes[v].name[0] ? m->nodes[v].name : m->nodes[v].id);
            flujo_status_t st =
                flujo__fail(L, &where, p,
                            "needs %ld performers of '%s' at once, which has %ld: it "
                            "could never start",
                            t->units, pool->name, pool->count);
            free(p);
            return st;
        }
    }
    return FLUJO_OK;
}

flujo_status_t flujo__default_durations(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t names;
    size_t n = 0;
    flujo_sbuf_init(&names);
    for (size_t v = 0; v < m->n_nodes; v++) {
        flujo_task_t *t = &s->tasks[v];
        bool all_own = t->n_alts > 0;
        for (size_t k = 0; k < t->n_alts; k++) {
            all_own = all_own && t->alts[k].own_duration;
        }
        if (m->nodes[v].kind == FLUJO_NODE_TASK && t->duration.text == NULL &&
            t->duration.kind == FLUJO_DIST_FIXED && t->duration.p[0] == 0 && !all_own) {
            flujo_dist_fixed(&t->duration, 3600, FLUJO_CLOCK_WORK);
            t->duration.text = flujo_xstrdup("1h");
            list_add(&names, &n, m->nodes[v].name[0] ? m->nodes[v].name : m->nodes[v].id);
        }
    }
    if (n > 0) {
        flujo__note(L, "default-duration",
                    "assumed a fixed 1h for %zu task%s without a duration: %s", n,
                    n == 1 ? "" : "s", names.s);
    }
    flujo_sbuf_destroy(&names);
    return FLUJO_OK;
}

/* The conditional flows of activity or event v without a scenario: each condition holds with
 * probability 1/n, n its conditional and default flows. */
static void default_conditional(const flujo_model_t *m, int64_t v, flujo_split_t *g)
{
    size_t first = m->out_start[v], n = 0;
    for (size_t k = 0; k < g->n; k++) {
        n += flujo_model_flow_kind(m, m->out_flow[first + k]) != FLUJO_FLOW_ALWAYS;
    }
    g->prob = flujo_xcalloc(g->n + 1, sizeof(double));
    for (size_t k = 0; k < g->n; k++) {
        bool c = flujo_model_flow_kind(m, m->out_flow[first + k]) == FLUJO_FLOW_COND;
        g->prob[k] = c ? 1.0 / (double)n : 0;
    }
    g->route = FLUJO_ROUTE_PROB;
}

flujo_status_t flujo__default_gateways(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t names, cnames;
    size_t n = 0, nc = 0;
    flujo_sbuf_init(&names);
    flujo_sbuf_init(&cnames);
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        flujo_split_t *g = &s->gateways[v];
        bool chooses = nd->gateway == FLUJO_GW_EXCLUSIVE || nd->gateway == FLUJO_GW_INCLUSIVE ||
                       nd->gateway == FLUJO_GW_COMPLEX;
        if (chooses && g->n >= 2 && g->route == FLUJO_ROUTE_EQUAL) {
            list_add(&names, &n, nd->name[0] ? nd->name : nd->id);
        }
        if (g->route == FLUJO_ROUTE_EQUAL && flujo_model_conditional_out(m, (int64_t)v)) {
            default_conditional(m, (int64_t)v, g);
            list_add(&cnames, &nc, nd->name[0] ? nd->name : nd->id);
        }
    }
    if (n > 0) {
        flujo__note(L, "default-gateway", "assumed equal probabilities at %zu gateway%s: %s", n,
                    n == 1 ? "" : "s", names.s);
    }
    if (nc > 0) {
        flujo__note(L, "default-conditions",
                    "assumed that each condition on the flows out of %zu activit%s or event%s "
                    "holds with probability 1/n (n: its conditional and default flows): %s",
                    nc, nc == 1 ? "y" : "ies", nc == 1 ? "" : "s", cnames.s);
    }
    flujo_sbuf_destroy(&names);
    flujo_sbuf_destroy(&cnames);
    return FLUJO_OK;
}

/* ISO 8601 durations of BPMN timers (PnYnMnWnDTnHnMnS) in elapsed seconds; years and months are
 * taken as 365 and 30 days. False if the text is not one. */
static bool iso_duration(const char *s, double *out)
{
    double total = 0;
    bool time = false, any = false;
    while (isspace((unsigned char)*s)) {
        s++;
    }
    if (*s++ != 'P') {
        return false;
    }
    while (*s && !isspace((unsigned char)*s)) {
        if (*s == 'T') {
            time = true;
            s++;
            continue;
        }
        char *end;
        double v = strtod(s, &end);
        if (end == s || !isfinite(v) || v < 0) {
            return false;
        }
        switch (*end) {
        case 'Y':
            total += v * 365 * 86400;
            break;
        case 'M':
            total += time ? v * 60 : v * 30 * 86400;
            break;
        case 'W':
            total += v * 7 * 86400;
            break;
        case 'D':
            total += v * 86400;
            break;
        case 'H':
            total += v * 3600;
            break;
        case 'S':
            total += v;
            break;
        default:
            return false;
        }
        any = true;
        s = end + 1;
    }
    *out = total;
    return any;
}

/* An ISO 8601 repeating interval of a timeCycle: "R/PT1H", "R3/PT1H", "R3/2026-01-05T08:00/P1D"
 * (the start date is not read): its period in seconds and its repetitions (-1 without end). */
static bool iso_cycle(const char *s, double *period, long *reps)
{
    while (isspace((unsigned char)*s)) {
        s++;
    }
    if (*s++ != 'R') {
        return false;
    }
    char *end;
    long n = strtol(s, &end, 10);
    *reps = end == s ? -1 : n;
    if (*end != '/' || (end != s && n < 1)) {
        return false;
    }
    const char *last = strrchr(end, '/');
    return iso_duration(last + 1, period) && *period > 0;
}

/* Timers take their BPMN timeDuration (or the period of their timeCycle) when the scenario gives
 * no delay. */
flujo_status_t flujo__default_events(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t names;
    size_t n = 0;
    flujo_sbuf_init(&names);
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        flujo_delay_t *e = &s->events[v];
        double sec;
        long reps = 0;
        if (e->has_delay || e->n_at > 0 || !(nd->event_defs & FLUJO_EV_TIMER) ||
            nd->timer == NULL || flujo__is_start_node(m, (int64_t)v) ||
            (!iso_duration(nd->timer, &sec) && !iso_cycle(nd->timer, &sec, &reps))) {
            continue;
        }
        e->cycle = reps == 1 ? 0 : reps;
        flujo_dist_fixed(&e->delay, sec, FLUJO_CLOCK_DAYS);
        e->delay.text = flujo_xstrdup(nd->timer);
        e->has_delay = true;
        list_add(&names, &n, nd->name[0] ? nd->name : nd->id);
    }
    if (n > 0) {
        flujo__note(
            L, "timer-from-model",
            "took the delay of %zu timer%s from the model's timeDuration or timeCycle (elapsed "
            "time): %s",
            n, n == 1 ? "" : "s", names.s);
    }
    flujo_sbuf_destroy(&names);
    return FLUJO_OK;
}

/* An event-based gateway waits for the first of its events: one of them must be able to fire. */
flujo_status_t flujo__check_races(flujo__loader_t *L)
{
    const flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        if (nd->kind != FLUJO_NODE_GATEWAY || nd->gateway != FLUJO_GW_EVENT) {
            continue;
        }
        size_t first = m->out_start[v], deg = m->out_start[v + 1] - first, fires = 0;
        for (size_t k = 0; k < deg; k++) {
            const flujo_delay_t *d = &s->events[m->flows[m->out_flow[first + k]].target];
            fires += d->has_delay || d->n_at > 0;
        }
        if (deg > 0 && fires == 0) {
            char buf[160];
            return flujo_err_set(L->err, FLUJO_ESCENARIO,
                                 "%s:%ld: event-based gateway %s: none of its events can fire, so "
                                 "its cases would wait forever (give one a duration or at: under "
                                 "events: in the scenario)",
                                 m->file, nd->line,
                                 flujo_model_label(m, (int64_t)v, buf, sizeof(buf)));
        }
    }
    return FLUJO_OK;
}

/* Arrivals for a scenario without any: one stream at the first start event of a process (not of a
 * sub-process) in the model's order, exponential at the rate that loads the busiest pool to 70%. */
flujo_status_t flujo__default_arrivals(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    if (s->n_arrivals > 0) {
        return FLUJO_OK;
    }
    int64_t start = -1;
    for (size_t v = 0; v < m->n_nodes && start < 0; v++) {
        if (flujo__is_start_node(m, (int64_t)v)) {
            start = (int64_t)v;
        }
    }
    if (m->n_processes == 0) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s: the file defines no process: there is nothing to simulate",
                             m->file);
    }
    if (start < 0) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s: the model has no start event, so no case can arrive", m->file);
    }
    s->arrivals = flujo_xcalloc(1, sizeof(*s->arrivals));
    s->n_arrivals = 1;
    flujo_arrival_t *a = &s->arrivals[0];
    a->start = start;
    double period;
    long reps;
    const flujo_node_t *sn = &m->nodes[start];
    if ((sn->event_defs & FLUJO_EV_TIMER) && sn->timer != NULL &&
        iso_cycle(sn->timer, &period, &reps)) {
        /* a timer start event: a case each period, on the wall clock */
        flujo_dist_fixed(&a->interarrival, period, FLUJO_CLOCK_WORK);
        a->elapsed = true;
        a->from_timer = true;
        flujo__note(L, "arrivals-from-timer",
                    "took the arrivals from the timer start event '%s': one case every %g h "
                    "(its timeCycle %s%s)",
                    sn->name[0] ? sn->name : sn->id, period / 3600, sn->timer,
                    reps > 0 ? "; its count of repetitions is not read" : "");
        return FLUJO_OK;
    }
    flujo_dist_fixed(&a->interarrival, 3600, FLUJO_CLOCK_WORK);
    a->interarrival.kind = FLUJO_DIST_EXPONENTIAL;
    flujo_capacity_t cap;
    flujo_status_t st = flujo_scenario_capacity(s, &cap, L->err);
    if (st != FLUJO_OK) {
        return st;
    }
    double mean = 3600;
    const char *busiest = "none";
    if (cap.busiest >= 0 && cap.rho[cap.busiest] > 0) {
        /* rho scales with the rate: at one arrival per hour it is rho[busiest] */
        mean = 3600 * cap.rho[cap.busiest] / 0.7;
        busiest = s->pools[cap.busiest].name;
    }
    a->interarrival.p[0] = mean;
    flujo_sbuf_t t;
    flujo_sbuf_init(&t);
    flujo_sbuf_printf(&t, "exponential(%.4gh)", mean / 3600);
    a->interarrival.text = flujo_sbuf_take(&t);
    flujo__note(L, "default-arrivals",
                "assumed arrivals %s at '%s', which loads the busiest unit (%s) to 70%%",
                a->interarrival.text,
                m->nodes[start].name[0] ? m->nodes[start].name : m->nodes[start].id, busiest);
    flujo_capacity_destroy(&cap);
    return FLUJO_OK;
}
