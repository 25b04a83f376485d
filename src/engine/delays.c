/* delays.c - the clocks durations run on: working time of a calendar, business days, elapsed time;
 * release times of catch events. */
#include <math.h>

#include "engine/engine_int.h"

/* A time computed from a calendar was INFINITY: the case would outlive the calendars. */
double flujo__outlived(flujo_engine_t *e, int32_t node)
{
    flujo__run_fail(e, FLUJO_ESIM,
                    "'%s' would end after the last day the calendars cover (%ld days): a calendar "
                    "that never opens, or a horizon too short for the work",
                    flujo__label(e, node), e->s->n_days);
    return e->now;
}

/* The instant a duration sampled on its clock ends, starting now; calendar is the working-time
 * calendar for s/m/h (-1: elapsed). */
double flujo__end_of(flujo_engine_t *e, const flujo_dist_t *d, double x, int calendar, int32_t node)
{
    const flujo_scenario_t *s = e->s;
    switch (d->clock) {
    case FLUJO_CLOCK_WORK:
        if (calendar < 0) {
            return e->now + x;
        }
        return flujo__checked(e, flujo_calendar_add_work(s->calendars[calendar], e->now, x), node);
    case FLUJO_CLOCK_BDAYS:
        return flujo__checked(
            e, flujo_calendar_add_bdays(s->calendars[s->legal_calendar], e->now, x), node);
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
    return flujo__checked(e, INFINITY, node);
}

/* When the delay of event node v, started now, is over. */
double flujo__delay_end(flujo_engine_t *e, int32_t v)
{
    const flujo_delay_t *d = &e->s->events[v];
    if (d->n_at > 0) {
        return next_release(e, d, v);
    }
    if (!d->has_delay) {
        return e->now;
    }
    double x = flujo_dist_sample(&d->delay, e->node_rng[v]);
    return flujo__end_of(e, &d->delay, x, d->calendar, v);
}
