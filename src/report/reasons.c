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
    } else if (b->waiting_share >= 0.005) {
        /* the wait splits into the part until the unit opened (its working hours or
         * session) and the rest (a free performer was lacking) */
        double hours = isnan(b->wait_hours_h) ? 0 : b->wait_hours_h;
        double performer = b->wait_h - hours > 0 ? b->wait_h - hours : 0;
        char split[96];
        if (hours < 0.05 * b->wait_h) {
            snprintf(split, sizeof(split), "%s", _("for a free performer"));
        } else if (performer < 0.05 * b->wait_h) {
            snprintf(split, sizeof(split), "%s", _("for its working hours"));
        } else {
            char a[32], c[32];
            snprintf(split, sizeof(split), _("%s h for a free performer, %s h for its hours"),
                     flujo__sig(performer, 3, a, sizeof(a)), flujo__sig(hours, 3, c, sizeof(c)));
        }
        char w[32];
        snprintf(buf, n,
                 _("%s; expedientes wait %s h there on average (%s), %.0f%% of all queue "
                   "time"),
                 busy, flujo__sig(b->wait_h, 3, w, sizeof(w)), split, 100 * b->waiting_share);
    } else {
        snprintf(buf, n, _("%s; work hardly waits"), busy);
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
