/* reasons.c - the sentences the run reports share: why a pool is a bottleneck, and what
 * administrative silence means for a case. */
#include <math.h>
#include <stdio.h>

#include "base/i18n_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

const char *flujo_report_reason(const flujo_results_t *r, const flujo_bottleneck_t *b, char *buf,
                                size_t n)
{
    const flujo_pool_t *p = &r->s->pools[b->pool];
    char busy[96];
    snprintf(busy, sizeof(busy), _("%.0f%% busy with %ld %s"), 100 * b->utilization, p->count,
             flujo__plural((size_t)p->count, N_("performer"), N_("performers")));
    if (p->unlimited) {
        snprintf(buf, n, "%s", _("never queues (unlimited performers)"));
    } else if (b->hours_per_case >= 0.005) {
        char h[32], a[32], c[32], d[32];
        snprintf(buf, n,
                 _("%s; an expediente loses %s h there (%s h waiting for a free performer, %s h "
                   "for its hours, %s h of work paused by its closed hours)"),
                 busy, flujo__sig(b->hours_per_case, 3, h, sizeof(h)),
                 flujo__sig(b->wait_performer_h, 3, a, sizeof(a)),
                 flujo__sig(b->wait_hours_h, 3, c, sizeof(c)),
                 flujo__sig(b->work_paused_h, 3, d, sizeof(d)));
    } else {
        snprintf(buf, n, _("%s; work hardly waits"), busy);
    }
    return buf;
}

const char *flujo_report_cause(flujo_cause_t c)
{
    return c == FLUJO_CAUSE_STAFF   ? _("its staff")
           : c == FLUJO_CAUSE_HOURS ? _("its hours")
                                    : _("its staff and its hours");
}

const char *flujo_report_lever(const flujo_results_t *r, const flujo_bottleneck_t *b, char *buf,
                               size_t n)
{
    const flujo_scenario_t *s = r->s;
    const flujo_pool_t *p = &s->pools[b->pool];
    char staff[200] = "", hours[300] = "";
    snprintf(staff, sizeof(staff), _("more performers at '%s' (or less work per case)"), p->name);
    if (b->feeder >= 0) {
        /* the work reaches the unit at an hour its own calendar does not serve: the window of the
         * office that sends it decides, as much as the unit's own hours */
        const flujo_pool_t *f = &s->pools[b->feeder];
        snprintf(hours, sizeof(hours),
                 _("move the window of '%s' (calendar %s) earlier in the day, or keep '%s' open "
                   "after it"),
                 f->name, flujo_calendar_name(s->calendars[f->calendar]), p->name);
    } else {
        snprintf(hours, sizeof(hours), _("longer or moved opening hours of '%s' (calendar %s)"),
                 p->name, flujo_calendar_name(s->calendars[p->calendar]));
    }
    if (b->cause == FLUJO_CAUSE_STAFF) {
        snprintf(buf, n, "%s", staff);
    } else if (b->cause == FLUJO_CAUSE_HOURS) {
        snprintf(buf, n, "%s", hours);
    } else {
        snprintf(buf, n, "%s; %s", hours, staff);
    }
    return buf;
}

const char *flujo_report_silence_meaning(flujo_silence_t s)
{
    switch (s) {
    case FLUJO_SILENCE_POSITIVE:
        return _("approved by silencio administrativo positivo (Ley 27444 art. 33)");
    case FLUJO_SILENCE_NEGATIVE:
        return _("the citizen may treat it as denied (silencio negativo) and appeal");
    case FLUJO_SILENCE_NONE:
        break;
    }
    return _("no silence rule: the case stays pending");
}
