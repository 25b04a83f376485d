/* unsimulated.c - nothing silent: each BPMN element or attribute that would change what a case
 * does or how long it takes, and that flujo does not simulate as the standard says with this
 * scenario, named in a warning ("not-simulated") with its file and line; and the BPMN data flujo
 * does use when the scenario does not override it (loopCardinality, loopMaximum). The README's
 * coverage table lists each case with its test. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

/* A warning about model node v. */
static void warn(flujo__loader_t *L, int64_t v, const char *fmt, const char *what)
{
    const flujo_model_t *m = L->s->model;
    char lbl[256];
    flujo_model_label(m, v, lbl, sizeof(lbl));
    flujo_diags_add_in(&L->s->notes, FLUJO_SEV_WARNING, "not-simulated", m->nodes[v].id, m->file,
                       m->nodes[v].line, fmt, lbl, what != NULL ? what : "");
}

/* The whole number a loopCardinality holds ("3", "${3}", "#{ 3 }"), or 0 if it holds another
 * expression. */
static long cardinality(const char *text)
{
    const char *p = text;
    while (isspace((unsigned char)*p) || *p == '$' || *p == '#' || *p == '{') {
        p++;
    }
    char *end;
    long n = strtol(p, &end, 10);
    while (isspace((unsigned char)*end) || *end == '}') {
        end++;
    }
    return end != p && *end == '\0' && n >= 1 && n <= 10000 ? n : 0;
}

/* Multi-instance and standard loops: the scenario's instances and loop, else the model's. */
static void loops(flujo__loader_t *L, size_t v, size_t *n_card)
{
    const flujo_node_t *n = &L->s->model->nodes[v];
    flujo_task_t *t = &L->s->tasks[v];
    if (n->loop == FLUJO_LOOP_MI_PARALLEL || n->loop == FLUJO_LOOP_MI_SEQUENTIAL) {
        long c = n->loop_cardinality != NULL ? cardinality(n->loop_cardinality) : 0;
        if (!t->instances_given && c > 0) {
            t->instances = c;
            (*n_card)++;
        } else if (!t->instances_given) {
            warn(L, (int64_t)v,
                 n->loop_cardinality != NULL
                     ? "%s: loopCardinality '%s' is not a number flujo can read: one instance "
                       "runs (give the number under tasks: as instances:)"
                     : "%s is multi-instance without a loopCardinality: one instance runs (give "
                       "the number under tasks: as instances:)%s",
                 n->loop_cardinality);
        }
        if (n->loop_condition != NULL) {
            warn(L, (int64_t)v,
                 "%s: completionCondition '%s' is not simulated: every instance runs to its end",
                 n->loop_condition);
        }
    } else if (n->loop == FLUJO_LOOP_STANDARD) {
        if (!t->loop_given) {
            char what[300] = "";
            if (n->loop_condition != NULL) {
                snprintf(what, sizeof(what), " (its loopCondition '%.200s' is not read)",
                         n->loop_condition);
            }
            warn(L, (int64_t)v,
                 "%s is a standard loop%s: it runs once (give the probability of running again "
                 "under tasks: as loop:)",
                 what);
        }
        if (t->loop_max == 0 && n->loop_maximum > 0) {
            t->loop_max = n->loop_maximum;
        }
    }
}

/* Whether a message flow flujo simulates reaches node v. */
static bool messaged(const flujo_model_t *m, int64_t v)
{
    for (size_t i = 0; i < m->n_msgflows; i++) {
        if (flujo_model_msgflow_target(m, i) == v) {
            return true;
        }
    }
    return false;
}

/* An event nothing in the scenario times (events: naming it, even with at: [], settles it): what
 * it becomes. */
static void untimed_event(flujo__loader_t *L, size_t v)
{
    const flujo_model_t *m = L->s->model;
    const flujo_node_t *n = &m->nodes[v];
    const flujo_delay_t *d = &L->s->events[v];
    unsigned waits = FLUJO_EV_TIMER | FLUJO_EV_MESSAGE | FLUJO_EV_SIGNAL | FLUJO_EV_CONDITIONAL;
    if (d->has_delay || d->n_at > 0 || d->line > 0 || !(n->event_defs & waits) ||
        messaged(m, (int64_t)v)) {
        return;
    }
    const char *timer = (n->event_defs & FLUJO_EV_TIMER) && n->timer != NULL ? n->timer : NULL;
    char why[320];
    if (timer != NULL) {
        snprintf(why, sizeof(why),
                 "its timer '%.200s' is not a timeDuration or timeCycle flujo reads", timer);
    } else {
        snprintf(why, sizeof(why), "nothing in the scenario says when its %s comes",
                 (n->event_defs & FLUJO_EV_MESSAGE)  ? "message"
                 : (n->event_defs & FLUJO_EV_SIGNAL) ? "signal"
                 : (n->event_defs & FLUJO_EV_TIMER)  ? "timer"
                                                     : "condition");
    }
    if (n->kind == FLUJO_NODE_CATCH) {
        bool raced = false;
        for (size_t k = m->in_start[v]; k < m->in_start[v + 1]; k++) {
            raced = raced || m->nodes[m->flows[m->in_flow[k]].source].gateway == FLUJO_GW_EVENT;
        }
        warn(L, (int64_t)v,
             raced ? "%s: %s, so it never wins its event-based gateway (give it a delay under "
                     "events:)"
                   : "%s: %s, so it passes at once (give it a delay under events:)",
             why);
    } else if (n->kind == FLUJO_NODE_BOUNDARY) {
        warn(L, (int64_t)v, "%s: %s, so it never fires (give it a delay under events:)", why);
    } else if (n->kind == FLUJO_NODE_START && n->parent >= 0 &&
               m->nodes[n->parent].triggered_by_event) {
        warn(L, (int64_t)v,
             "%s starts an event sub-process, but %s, so it never starts (give it a delay under "
             "events:)",
             why);
    }
}

/* Whether some arrival stream starts at node v. */
static bool has_arrivals(const flujo_scenario_t *s, int64_t v)
{
    for (size_t i = 0; i < s->n_arrivals; i++) {
        if (s->arrivals[i].start == v) {
            return true;
        }
    }
    return false;
}

/* Whether a call activity calls process p. */
static bool is_called(const flujo_scenario_t *s, int64_t p)
{
    for (size_t v = 0; v < s->model->n_nodes; v++) {
        if (s->model->nodes[v].kind == FLUJO_NODE_CALL && s->tasks[v].called_process == p) {
            return true;
        }
    }
    return false;
}

/* Error and escalation end events nothing catches, the other throws flujo does not simulate. */
static void throws(flujo__loader_t *L, size_t v)
{
    const flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    const flujo_node_t *n = &m->nodes[v];
    int64_t b;
    bool escalates = n->kind == FLUJO_NODE_THROW && (n->event_defs & FLUJO_EV_ESCALATION);
    if ((n->kind == FLUJO_NODE_END && (n->event_defs & (FLUJO_EV_ERROR | FLUJO_EV_ESCALATION))) ||
        escalates) {
        bool caught = flujo_model_static_catcher(m, (int64_t)v, &b) >= 0;
        for (size_t c = 0; !caught && n->parent < 0 && c < m->n_nodes; c++) {
            caught = m->nodes[c].kind == FLUJO_NODE_CALL &&
                     s->tasks[c].called_process == n->process &&
                     flujo_model_catcher(m, (int64_t)c, (int64_t)v) >= 0;
        }
        if (!caught) {
            warn(L, (int64_t)v,
                 escalates ? "%s throws an %s that no boundary event around it catches: the path "
                             "goes on as after a plain event"
                           : "%s throws an %s that no boundary event around it catches: it ends "
                             "its path as a plain end event",
                 (n->event_defs & FLUJO_EV_ERROR) ? "error" : "escalation");
        }
        return;
    }
    unsigned other = FLUJO_EV_SIGNAL | FLUJO_EV_ESCALATION | FLUJO_EV_COMPENSATE | FLUJO_EV_CANCEL;
    other &= n->kind == FLUJO_NODE_END ? ~0u : ~(unsigned)FLUJO_EV_ESCALATION;
    if ((n->kind == FLUJO_NODE_THROW || n->kind == FLUJO_NODE_END) && (n->event_defs & other)) {
        const char *what = (n->event_defs & FLUJO_EV_SIGNAL)       ? "signal"
                           : (n->event_defs & FLUJO_EV_ESCALATION) ? "escalation"
                           : (n->event_defs & FLUJO_EV_COMPENSATE) ? "compensation"
                                                                   : "cancellation";
        warn(L, (int64_t)v,
             "%s throws a %s, which flujo does not simulate: nothing catches it, and the path "
             "goes on (or ends) as if it were a plain event",
             what);
    }
}

/* Kinds of activity simulated other than the standard says. */
static void activities(flujo__loader_t *L, size_t v)
{
    const flujo_node_t *n = &L->s->model->nodes[v];
    if (n->kind == FLUJO_NODE_SUBPROCESS && strcmp(n->type, "adHocSubProcess") == 0) {
        warn(L, (int64_t)v,
             "%s is an ad-hoc sub-process: flujo runs each of its activities once, all in "
             "parallel%s",
             NULL);
    }
    if (n->kind == FLUJO_NODE_CALL && L->s->tasks[v].called_process < 0) {
        warn(L, (int64_t)v,
             "%s calls '%s', which is no process of this file: it takes no time (processes of "
             "other files, bpmn:import, are not read)",
             n->called_element != NULL ? n->called_element : "");
    }
    if (n->kind == FLUJO_NODE_GATEWAY && n->gateway == FLUJO_GW_COMPLEX) {
        warn(L, (int64_t)v,
             "%s is a complex gateway: flujo splits and joins it as an inclusive gateway (its "
             "activationCondition is not read)%s",
             NULL);
    }
}

/* Processes no case reaches: a pool's process started only by a message or a timer. */
static void unstarted(flujo__loader_t *L)
{
    const flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    for (size_t p = 0; p < m->n_processes; p++) {
        int64_t first = -1;
        bool started = false;
        for (size_t v = 0; v < m->n_nodes && !started; v++) {
            if (m->nodes[v].process == (int64_t)p && flujo__is_start_node(m, (int64_t)v)) {
                first = first < 0 ? (int64_t)v : first;
                started = has_arrivals(s, (int64_t)v) || messaged(m, (int64_t)v);
            }
        }
        if (first < 0 || started || is_called(s, (int64_t)p)) {
            continue;
        }
        warn(L, first,
             "%s starts a process that gets no case: no arrivals: stream starts it, and no "
             "message flow from another pool reaches its start event%s",
             NULL);
    }
    /* a timer start event simulated as the arrivals: of the scenario, not as its timer */
    for (size_t i = 0; i < s->n_arrivals; i++) {
        const flujo_node_t *n = &m->nodes[s->arrivals[i].start];
        if ((n->event_defs & FLUJO_EV_TIMER) && n->timer != NULL && !s->arrivals[i].from_timer) {
            warn(
                L, s->arrivals[i].start,
                "%s is a timer start event: its cases arrive as the scenario's arrivals: key says, "
                "not by its timer '%s'",
                n->timer);
        }
    }
}

flujo_status_t flujo__model_loops(flujo__loader_t *L)
{
    size_t n_card = 0;
    for (size_t v = 0; v < L->s->model->n_nodes; v++) {
        loops(L, v, &n_card);
    }
    if (n_card > 0) {
        flujo__note(L, "instances-from-model",
                    "took the instances of %zu multi-instance activit%s from the model's "
                    "loopCardinality",
                    n_card, n_card == 1 ? "y" : "ies");
    }
    return FLUJO_OK;
}

flujo_status_t flujo__check_unsimulated(flujo__loader_t *L)
{
    for (size_t v = 0; v < L->s->model->n_nodes; v++) {
        untimed_event(L, v);
        throws(L, v);
        activities(L, v);
    }
    unstarted(L);
    return FLUJO_OK;
}
