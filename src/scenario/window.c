/* window.c - how long a run lasts: warmup: and horizon:, or cases:, the days the calendars must
 * cover for it, and where the warm-up and the arrivals end. */
#include <math.h>

#include "scenario/load_int.h"

#define MAX_DAYS        (2000L * 366) /* days the calendars cover: 1000 years and as long again */
#define DEFAULT_WARMUP  "20bd"
#define DEFAULT_HORIZON "250bd"

/* The largest business-day span the calendars must cover: the arrivals window, then as long again
 * for cases in flight, plus three years. A calendar open one day a week needs 7 days per bd. */
static long calendar_span(double warmup, flujo_clock_t wc, double horizon, flujo_clock_t hc)
{
    double days = 0;
    days += wc == FLUJO_CLOCK_WORK   ? warmup / FLUJO_DAY
            : wc == FLUJO_CLOCK_DAYS ? warmup / FLUJO_DAY
                                     : 7 * warmup / FLUJO_DAY + 30;
    days += hc == FLUJO_CLOCK_WORK   ? horizon / FLUJO_DAY
            : hc == FLUJO_CLOCK_DAYS ? horizon / FLUJO_DAY
                                     : 7 * horizon / FLUJO_DAY + 30;
    days = ceil(2 * days) + 3 * 366;
    return days < MAX_DAYS ? (long)days : MAX_DAYS + 1; /* beyond: refused by the caller */
}

static double to_elapsed(const flujo_scenario_t *s, double from, double amount, flujo_clock_t c)
{
    if (c == FLUJO_CLOCK_BDAYS) {
        return flujo_calendar_add_bdays(s->calendars[s->legal_calendar], from, amount);
    }
    return from + amount;
}

/* cases: - a number of cases from the start, all counted, instead of warmup and horizon. */
flujo_status_t flujo__key_cases(flujo__loader_t *L, const flujo__ynode_t *cn)
{
    flujo_scenario_t *s = L->s;
    flujo_status_t st;
    const flujo__ynode_t *wn = flujo__yaml_get(L->root, "warmup");
    const flujo__ynode_t *hn = flujo__yaml_get(L->root, "horizon");
    if (cn != NULL) {
        if ((st = flujo__get_count(L, cn, "cases", 1, 100000000, &s->cases)) != FLUJO_OK) {
            return st;
        }
        if (wn != NULL || hn != NULL) {
            return flujo__fail(L, cn, "cases",
                               "runs N expedientes from the start, all counted: it does not go "
                               "with warmup or horizon (leave those out, or cases)");
        }
        s->n_days = 3 * 366; /* for now: cases_span sizes the calendars */
    }
    return FLUJO_OK;
}

/* warmup: - the time before the counted arrivals (none with cases:). */
flujo_status_t flujo__key_warmup(flujo__loader_t *L, const flujo__ynode_t *wn)
{
    flujo_status_t st;
    flujo_err_t e = {0};
    if (L->s->cases > 0) {
        /* no warm-up (cases: does not go with warmup:) */
    } else if (wn != NULL) {
        if ((st = flujo__get_duration(L, wn, "warmup", &L->warmup, &L->warmup_clock)) != FLUJO_OK) {
            return st;
        }
    } else {
        flujo_parse_duration(DEFAULT_WARMUP, &L->warmup, &L->warmup_clock, &e);
        flujo__note(L, "default-warmup", "assumed a warm-up of %s", DEFAULT_WARMUP);
    }
    return FLUJO_OK;
}

/* horizon: - how long cases arrive after the warm-up (none with cases:). */
flujo_status_t flujo__key_horizon(flujo__loader_t *L, const flujo__ynode_t *hn)
{
    flujo_status_t st;
    flujo_err_t e = {0};
    if (L->s->cases > 0) {
        /* no horizon */
    } else if (hn != NULL) {
        if ((st = flujo__get_duration(L, hn, "horizon", &L->horizon, &L->horizon_clock)) !=
            FLUJO_OK) {
            return st;
        }
        if (L->horizon <= 0) {
            return flujo__fail(L, hn, "horizon", "the horizon must be longer than 0");
        }
    } else {
        flujo_parse_duration(DEFAULT_HORIZON, &L->horizon, &L->horizon_clock, &e);
        flujo__note(L, "default-horizon", "assumed a horizon of %s", DEFAULT_HORIZON);
    }
    return FLUJO_OK;
}

/* The days the calendars must cover: for warmup and horizon, or for now with cases:. */
flujo_status_t flujo__window_days(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo__ynode_t *wn = flujo__yaml_get(L->root, "warmup");
    const flujo__ynode_t *hn = flujo__yaml_get(L->root, "horizon");
    if (s->cases == 0) {
        s->n_days = calendar_span(L->warmup, L->warmup_clock, L->horizon, L->horizon_clock);
    }
    if (s->n_days > MAX_DAYS) {
        return flujo__fail(L, hn != NULL ? hn : wn, hn != NULL ? "horizon" : "warmup",
                           "more than 1000 years of simulated time is not supported");
    }
    return FLUJO_OK;
}

/* Every calendar sized to those days, then the ends of the warm-up and of the arrivals on them. */
flujo_status_t flujo__finish_calendars(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    for (size_t i = 0; i < s->n_calendars; i++) {
        flujo_calendar_finish(s->calendars[i], s->start_day, s->n_days);
    }
    if (s->cases > 0) {
        s->warmup_end = s->start_time;
        s->arrivals_end = INFINITY;
    } else {
        s->warmup_end = to_elapsed(s, s->start_time, L->warmup, L->warmup_clock);
        s->arrivals_end = to_elapsed(s, s->warmup_end, L->horizon, L->horizon_clock);
    }
    return FLUJO_OK;
}

/* cases: N - the calendars must cover the N arrivals at the procedure's arrival rate, and as long
 * again for the last ones to finish, plus three years. */
flujo_status_t flujo__cases_span(flujo__loader_t *L)
{
    flujo_scenario_t *s = L->s;
    if (s->cases == 0) {
        return FLUJO_OK;
    }
    const flujo__ynode_t *where = flujo__yaml_get(L->root, "cases");
    double rate = flujo_scenario_arrival_rate(s);
    if (!(rate > 0)) {
        return flujo__fail(L, where, "cases", "no expediente of the procedure ever arrives");
    }
    double days = (double)s->cases / rate / FLUJO_DAY + s->start_time / FLUJO_DAY;
    if (2 * days + 3 * 366 > MAX_DAYS) {
        return flujo__fail(
            L, where, "cases",
            "%ld expedientes at %.4g a day would take more than 1000 years to arrive", s->cases,
            rate * FLUJO_DAY);
    }
    s->n_days = (long)ceil(2 * days) + 3 * 366;
    for (size_t i = 0; i < s->n_calendars; i++) {
        flujo_calendar_finish(s->calendars[i], s->start_day, s->n_days);
    }
    return FLUJO_OK;
}
