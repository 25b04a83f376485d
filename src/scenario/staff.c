/* staff.c - what staff are paid: the default paid hours per week of a pool (its calendar's open
 * hours) and the staff cost of a pool and of the scenario per week. */
#include <assert.h>

#include "scenario/load_int.h"

/* A pool's calendar may change up to the last redesign (calendar: {POOL: NAME}), so the default
 * is taken after it: a Subgerente who signs 16:00-16:30 is paid 2.5 h a week unless the scenario
 * says 40. */
flujo_status_t flujo__default_paid_hours(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    for (size_t i = 0; i < s->n_pools; i++) {
        flujo_pool_t *p = &s->pools[i];
        if (p->unlimited) {
            p->paid_hours_per_week = 0;
        } else if (p->paid_hours_per_week == 0) {
            p->paid_hours_per_week = flujo_calendar_week_open(s->calendars[p->calendar]) / 3600;
        }
    }
    return FLUJO_OK;
}

double flujo_scenario_staff_cost_per_week(const flujo_scenario_t *s, size_t pool)
{
    assert(pool < s->n_pools);
    const flujo_pool_t *p = &s->pools[pool];
    if (p->unlimited) {
        return 0;
    }
    return (double)p->count * p->paid_hours_per_week * p->cost_per_hour;
}

double flujo_scenario_staff_cost(const flujo_scenario_t *s)
{
    double total = 0;
    for (size_t i = 0; i < s->n_pools; i++) {
        total += flujo_scenario_staff_cost_per_week(s, i);
    }
    return total;
}
