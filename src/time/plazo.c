/* plazo.c - when a plazo in días hábiles filed at an instant starts to count and ends, and which
 * holidays it steps over (Ley 27444 art. 133.1 [TUO 144]: it counts from the business day after
 * filing, and ends at 24:00 of its last business day). */
#include <math.h>
#include <stdlib.h>

#include "base/base_int.h"
#include "flujo_calendar.h"

flujo_status_t flujo_plazo_compute(const flujo_calendar_t *c, long origin, double t, double bdays,
                                   flujo_plazo_t *out, flujo_err_t *err)
{
    double start = flujo_calendar_count_start(c, t);
    double due = flujo_calendar_add_bdays(c, start, bdays);
    if (!isfinite(start) || !isfinite(due)) {
        return flujo_err_set(err, FLUJO_ELIMIT,
                             "the plazo ends beyond the days the calendar covers");
    }
    flujo_plazo_t p = {0};
    p.filed_day = (long)floor(t / FLUJO_DAY);
    p.filed_business = flujo_calendar_is_business_day(c, p.filed_day);
    p.counts_from = (long)floor(start / FLUJO_DAY);
    p.last_day = (long)ceil(due / FLUJO_DAY) - 1;
    size_t cap = 0;
    /* a Monday to Friday that is no business day is a holiday the plazo steps over */
    for (long k = p.filed_day + 1; k <= p.last_day; k++) {
        if (!flujo_calendar_is_business_day(c, k) && flujo_weekday(origin + k) < 5) {
            flujo_grow((void **)&p.skipped, &cap, p.n_skipped + 1, sizeof(*p.skipped));
            p.skipped[p.n_skipped++] = k;
        }
    }
    *out = p;
    return FLUJO_OK;
}

void flujo_plazo_destroy(flujo_plazo_t *p)
{
    free(p->skipped);
    p->skipped = NULL;
    p->n_skipped = 0;
}
