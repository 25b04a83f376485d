/* cases.c - expedientes arriving by their streams (interarrival times, attributes, the legal plazo
 * each one gets) and completing (their legal time, within the plazo or silenced). */
#include <string.h>

#include "engine/engine_int.h"

void flujo__case_new(flujo_engine_t *e, size_t stream)
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
    c->msgs = NONE;
    c->next = NONE;
    c->background = a->background;
    c->counted = e->now >= s->warmup_end && !a->background;
    c->decided = -1;
    int *attrs = flujo__case_attrs(e, cas);
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
    double count = flujo__checked(e, flujo_calendar_count_start(legal, e->now), (int32_t)a->start);
    c->bstart = flujo_calendar_bclock(legal, count);
    c->deadline = flujo__scenario_deadline(s, attrs);
    c->rule = (int32_t)s->sla.n_rules;
    for (size_t i = 0; i < s->sla.n_rules; i++) {
        if (flujo__cond_eval(s->sla.rule_cond[i], attrs)) {
            c->rule = (int32_t)i;
            break;
        }
    }
    /* the plazo ends at 24:00 of its last business day; EDD queues serve the earliest first */
    c->due = s->sla.set ? flujo__checked(e, flujo_calendar_add_bdays(legal, count, c->deadline),
                                         (int32_t)a->start)
                        : e->now;
    flujo__meas_case_new(e, c);
    int32_t sc = flujo__scope_new(e, cas, NONE, NONE);
    e->cs[cas].top = sc;
    int32_t t = flujo__tok_new(e, sc);
    int64_t p = e->m->nodes[a->start].process;
    flujo__evsubs_start(e, sc, e->proc_evsub[2 * p], e->proc_evsub[2 * p + 1]);
    flujo__tok_go(e, t, (int32_t)a->start, NONE);
}

void flujo__case_done(flujo_engine_t *e, int32_t cas)
{
    const flujo_scenario_t *s = e->s;
    ecase_t *c = &e->cs[cas];
    const flujo_calendar_t *legal = s->calendars[s->legal_calendar];
    /* legal time: business days from the day after filing to the decision (sla.until) or the
     * case's end, pauses out */
    double decided = c->decided >= 0 ? c->decided : e->now;
    double legal_s = flujo_calendar_bclock(legal, decided) - c->bstart - c->paused;
    legal_s = legal_s > 0 ? legal_s : 0;
    bool within = s->sla.set && legal_s <= c->deadline;
    bool silenced = s->sla.set && legal_s > c->deadline + s->sla.grace;
    flujo__meas_case_done(e, cas, legal_s, within, silenced);
    flujo__msgs_free(e, cas);
    c->next = e->free_cs;
    e->free_cs = cas;
}

void flujo__arrival_schedule(flujo_engine_t *e, size_t stream)
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
        when = flujo__checked(e, flujo_calendar_next_open(s->calendars[a->calendar], e->now + x),
                              (int32_t)a->start);
    } else {
        when = flujo__end_of(e, &a->interarrival, x, a->calendar, (int32_t)a->start);
    }
    if (when < s->arrivals_end) {
        flujo__schedule(e, when, EV_ARRIVAL, (flujo_ev_data_t){.arrival = {(uint32_t)stream}});
    }
}
