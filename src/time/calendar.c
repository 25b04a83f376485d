/* calendar.c - working calendars and business days.
 *
 * A calendar is a weekly pattern (sorted, disjoint open intervals per weekday) minus closed days.
 * Two cumulative functions of the day index d describe it over the simulated span: open_before(d),
 * the open seconds before day d, and bdays_before(d), the business days before day d. Each is
 * whole weeks of the pattern plus the part of a week, minus what the closed days before d take
 * away; flujo_calendar_finish lists those closed days (holidays that fall on open weekdays) with
 * the cumulative open time they take, so memory grows with the holidays of the span (16 a year in
 * Peru), not with its days. The working-time clock W(t) = open_before(day) + the open part of the
 * day before t is non-decreasing, and "add w working seconds" is W's inverse: a galloping search
 * for the day from the day the work starts, then a walk over that day's few intervals. Business
 * days work the same way with a clock that runs 24 h on business days and stands still on the
 * others. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_calendar.h"

#define BLOCK_SHIFT 6 /* days per block of the closed-day index: 64 */

static void week_split(long z, long *q, int *r);

/* One open interval of a day, in seconds after midnight: [from, to). */
typedef struct interval {
    int from; /* opening second */
    int to;   /* closing second */
} interval_t;

struct flujo_calendar {
    char *name;              /* name in the scenario file */
    bool always;             /* 24/7 */
    interval_t *week[7];     /* intervals per weekday, 0 = Monday */
    size_t n_week[7];        /* number of intervals */
    size_t cap_week[7];      /* allocated */
    double week_day_open[7]; /* open seconds per weekday */
    long *holidays;          /* closed day numbers */
    size_t n_holidays;       /* how many */
    size_t cap_holidays;     /* allocated */
    bool peru;               /* Peruvian national holidays are closed */
    long origin;             /* day number of simulation day 0 */
    long n_days;             /* days covered */
    double wprefix[8];       /* open seconds of a week before weekday i (wprefix[7]: the week) */
    int bprefix[8];          /* open weekdays before weekday i */
    long *closed;            /* day numbers in [origin, origin + n_days) closed on an open weekday,
                                sorted */
    double *lost;            /* lost[k]: open seconds closed[0..k) take away */
    size_t n_closed;         /* how many */
    uint32_t *block;         /* block[b]: closed days before day index b * 64 (a few per block) */
    double open0, bdays0;    /* open seconds and open weekdays from the Monday 1970-01-05 to day
                                index 0, as if nothing were closed */
};

/* ---- building ----------------------------------------------------------------------------------
 */

flujo_calendar_t *flujo_calendar_new(const char *name, bool always)
{
    flujo_calendar_t *c = flujo_xcalloc(1, sizeof(*c));
    c->name = flujo_xstrdup(name);
    c->always = always;
    if (always) {
        for (int wd = 0; wd < 7; wd++) {
            flujo_calendar_add_interval(c, wd, 0, 86400);
        }
    }
    return c;
}

flujo_calendar_t *flujo_calendar_new_habiles(const char *name)
{
    flujo_calendar_t *c = flujo_calendar_new(name, false);
    for (int wd = 0; wd < 5; wd++) {
        flujo_calendar_add_interval(c, wd, 0, 86400);
    }
    flujo_calendar_add_peru_holidays(c);
    return c;
}

void flujo_calendar_free(flujo_calendar_t *c)
{
    if (c == NULL) {
        return;
    }
    for (int wd = 0; wd < 7; wd++) {
        free(c->week[wd]);
    }
    free(c->holidays);
    free(c->closed);
    free(c->lost);
    free(c->block);
    free(c->name);
    free(c);
}

const char *flujo_calendar_name(const flujo_calendar_t *c)
{
    return c->name;
}

bool flujo_calendar_is_always(const flujo_calendar_t *c)
{
    return c->always;
}

static int cmp_interval(const void *a, const void *b)
{
    const interval_t *x = a, *y = b;
    return x->from != y->from ? (x->from < y->from ? -1 : 1) : 0;
}

void flujo_calendar_add_interval(flujo_calendar_t *c, int wd, int from, int to)
{
    if (from >= to) {
        return;
    }
    flujo_grow((void **)&c->week[wd], &c->cap_week[wd], c->n_week[wd] + 1, sizeof(interval_t));
    c->week[wd][c->n_week[wd]++] = (interval_t){from, to};
    qsort(c->week[wd], c->n_week[wd], sizeof(interval_t), cmp_interval);
    /* merge overlapping or touching intervals */
    size_t n = 0;
    for (size_t i = 0; i < c->n_week[wd]; i++) {
        if (n > 0 && c->week[wd][i].from <= c->week[wd][n - 1].to) {
            if (c->week[wd][i].to > c->week[wd][n - 1].to) {
                c->week[wd][n - 1].to = c->week[wd][i].to;
            }
        } else {
            c->week[wd][n++] = c->week[wd][i];
        }
    }
    c->n_week[wd] = n;
    c->week_day_open[wd] = 0;
    for (size_t i = 0; i < n; i++) {
        c->week_day_open[wd] += c->week[wd][i].to - c->week[wd][i].from;
    }
}

void flujo_calendar_add_holiday(flujo_calendar_t *c, long z)
{
    if (c->always) {
        return;
    }
    flujo_grow((void **)&c->holidays, &c->cap_holidays, c->n_holidays + 1, sizeof(long));
    c->holidays[c->n_holidays++] = z;
}

void flujo_calendar_add_peru_holidays(flujo_calendar_t *c)
{
    c->peru = !c->always;
}

static bool closed_day(const flujo_calendar_t *c, long z)
{
    for (size_t i = 0; i < c->n_holidays; i++) {
        if (c->holidays[i] == z) {
            return true;
        }
    }
    return c->peru && flujo_peru_holiday(z, NULL);
}

void flujo_calendar_finish(flujo_calendar_t *c, long origin, long n_days)
{
    free(c->closed);
    free(c->lost);
    free(c->block);
    c->closed = NULL;
    c->lost = NULL;
    c->block = NULL;
    c->n_closed = 0;
    c->origin = origin;
    c->n_days = n_days;
    c->wprefix[0] = 0;
    c->bprefix[0] = 0;
    for (int wd = 0; wd < 7; wd++) {
        c->wprefix[wd + 1] = c->wprefix[wd] + c->week_day_open[wd];
        c->bprefix[wd + 1] = c->bprefix[wd] + (c->week_day_open[wd] > 0);
    }
    if (c->always) {
        return; /* every query has its own answer */
    }
    long q0;
    int r0;
    week_split(origin, &q0, &r0);
    c->open0 = (double)q0 * c->wprefix[7] + c->wprefix[r0];
    c->bdays0 = (double)(q0 * c->bprefix[7] + c->bprefix[r0]);
    size_t cap = 0;
    for (long d = 0; d < n_days; d++) {
        long z = origin + d;
        int wd = flujo_weekday(z);
        if (c->week_day_open[wd] > 0 && closed_day(c, z)) {
            flujo_grow((void **)&c->closed, &cap, c->n_closed + 1, sizeof(long));
            c->closed[c->n_closed++] = z;
        }
    }
    c->lost = flujo_xmalloc((c->n_closed + 1) * sizeof(double));
    c->lost[0] = 0;
    for (size_t k = 0; k < c->n_closed; k++) {
        c->lost[k + 1] = c->lost[k] + c->week_day_open[flujo_weekday(c->closed[k])];
    }
    long n_blocks = (n_days >> BLOCK_SHIFT) + 2;
    c->block = flujo_xmalloc((size_t)n_blocks * sizeof(uint32_t));
    size_t k = 0;
    for (long b = 0; b < n_blocks; b++) {
        while (k < c->n_closed && c->closed[k] < origin + (b << BLOCK_SHIFT)) {
            k++;
        }
        c->block[b] = (uint32_t)k;
    }
}

double flujo_calendar_week_open(const flujo_calendar_t *c)
{
    double s = 0;
    for (int wd = 0; wd < 7; wd++) {
        s += c->week_day_open[wd];
    }
    return s;
}

/* ---- queries -----------------------------------------------------------------------------------
 */

/* Splits t into a day index and the second of that day. */
static long day_of(double t, double *tod)
{
    double d = floor(t / FLUJO_DAY);
    *tod = t - d * FLUJO_DAY;
    return (long)d;
}

/* Whole weeks since the Monday 1970-01-05 (day 4) and the weekday: z = 4 + 7 q + r. */
static void week_split(long z, long *q, int *r)
{
    long x = z - 4;
    long qq = x >= 0 ? x / 7 : -((-x + 6) / 7);
    *q = qq;
    *r = (int)(x - 7 * qq);
}

/* Closed days before day number z (index of the first closed day >= z): from the count before
 * z's block of 64 days, a step over the few closed days in the block. */
static size_t closed_before(const flujo_calendar_t *c, long z)
{
    long d = z - c->origin;
    if (d <= 0 || c->n_closed == 0) {
        return 0;
    }
    if (d > c->n_days) {
        return c->n_closed;
    }
    size_t k = c->block[d >> BLOCK_SHIFT];
    while (k < c->n_closed && c->closed[k] < z) {
        k++;
    }
    return k;
}

static bool is_closed(const flujo_calendar_t *c, long z)
{
    size_t k = closed_before(c, z);
    return k < c->n_closed && c->closed[k] == z;
}

/* Open seconds before day index d (0 <= d <= n_days). */
static double open_before(const flujo_calendar_t *c, long d)
{
    long q;
    int r;
    week_split(c->origin + d, &q, &r);
    return (double)q * c->wprefix[7] + c->wprefix[r] - c->open0 -
           c->lost[closed_before(c, c->origin + d)];
}

/* Business days before day index d (0 <= d <= n_days). */
static double bdays_before(const flujo_calendar_t *c, long d)
{
    long q;
    int r;
    week_split(c->origin + d, &q, &r);
    return (double)(q * c->bprefix[7] + c->bprefix[r]) - c->bdays0 -
           (double)closed_before(c, c->origin + d);
}

static const interval_t *day_intervals(const flujo_calendar_t *c, long d, size_t *n)
{
    long z = c->origin + d;
    int wd = flujo_weekday(z);
    if (c->week_day_open[wd] <= 0 || is_closed(c, z)) {
        *n = 0;
        return NULL;
    }
    *n = c->n_week[wd];
    return c->week[wd];
}

/* Open seconds of day d before second tod. */
static double open_in_day(const flujo_calendar_t *c, long d, double tod)
{
    size_t n;
    const interval_t *iv = day_intervals(c, d, &n);
    double s = 0;
    for (size_t i = 0; i < n && iv[i].from < tod; i++) {
        s += (tod < iv[i].to ? tod : iv[i].to) - iv[i].from;
    }
    return s;
}

/* The working-time clock W(t). */
static double wclock(const flujo_calendar_t *c, double t)
{
    double tod;
    long d = day_of(t, &tod);
    if (d < 0) {
        return 0;
    }
    if (d >= c->n_days) {
        return open_before(c, c->n_days);
    }
    return open_before(c, d) + open_in_day(c, d, tod);
}

bool flujo_calendar_is_open(const flujo_calendar_t *c, double t)
{
    double tod;
    long d = day_of(t, &tod);
    if (c->always) {
        return true;
    }
    if (d < 0 || d >= c->n_days) {
        return false;
    }
    size_t n;
    const interval_t *iv = day_intervals(c, d, &n);
    for (size_t i = 0; i < n; i++) {
        if (tod >= iv[i].from && tod < iv[i].to) {
            return true;
        }
    }
    return false;
}

/* The last day index in [lo, n_days) with f(day) < target, or lo - 1 if none; f is non-decreasing.
 * It gallops from lo (the answer is usually a few days on), then bisects. */
static long last_below(const flujo_calendar_t *c, double (*f)(const flujo_calendar_t *, long),
                       long lo, double target)
{
    if (lo >= c->n_days || f(c, lo) >= target) {
        return lo - 1;
    }
    long good = lo, bad = c->n_days, step = 1;
    while (good + step < c->n_days) {
        if (f(c, good + step) < target) {
            good += step;
            step *= 2;
        } else {
            bad = good + step;
            break;
        }
    }
    while (bad - good > 1) {
        long mid = good + (bad - good) / 2;
        if (f(c, mid) < target) {
            good = mid;
        } else {
            bad = mid;
        }
    }
    return good;
}

double flujo_calendar_add_work(const flujo_calendar_t *c, double t, double w)
{
    if (w <= 0) {
        return t;
    }
    if (c->always) {
        return t + w;
    }
    double target = wclock(c, t) + w;
    if (target > open_before(c, c->n_days)) {
        return INFINITY;
    }
    double tod;
    long d0 = day_of(t, &tod);
    long d = last_below(c, open_before, d0 < 0 ? 0 : d0, target);
    double rem = target - open_before(c, d);
    size_t n;
    const interval_t *iv = day_intervals(c, d, &n);
    for (size_t i = 0; i < n; i++) {
        double len = iv[i].to - iv[i].from;
        if (rem <= len) {
            return (double)d * FLUJO_DAY + iv[i].from + rem;
        }
        rem -= len;
    }
    /* rounding left a sliver past the last interval of the day: that interval's end */
    return (double)d * FLUJO_DAY + (n > 0 ? iv[n - 1].to : FLUJO_DAY);
}

double flujo_calendar_next_open(const flujo_calendar_t *c, double t)
{
    if (c->always) {
        return t;
    }
    double tod;
    long d = day_of(t, &tod);
    if (d < 0) {
        d = 0;
        tod = 0;
        t = 0;
    }
    if (d >= c->n_days) {
        return INFINITY;
    }
    size_t n;
    const interval_t *iv = day_intervals(c, d, &n);
    for (size_t i = 0; i < n; i++) {
        if (tod < iv[i].to) {
            return tod >= iv[i].from ? t : (double)d * FLUJO_DAY + iv[i].from;
        }
    }
    /* the first later day with open time (weekends and holidays are a few days at most; a
     * calendar open on no day of a week is never open) */
    for (long e = d + 1; e < c->n_days && e <= d + 7 + (long)c->n_closed; e++) {
        iv = day_intervals(c, e, &n);
        if (n > 0) {
            return (double)e * FLUJO_DAY + iv[0].from;
        }
    }
    return INFINITY;
}

double flujo_calendar_work_between(const flujo_calendar_t *c, double t1, double t2)
{
    if (c->always) {
        return t2 > t1 ? t2 - t1 : 0;
    }
    double w = wclock(c, t2) - wclock(c, t1);
    return w > 0 ? w : 0;
}

bool flujo_calendar_is_business_day(const flujo_calendar_t *c, long d)
{
    if (c->always) {
        return true;
    }
    if (d < 0 || d >= c->n_days) {
        return false;
    }
    long z = c->origin + d;
    return c->week_day_open[flujo_weekday(z)] > 0 && !is_closed(c, z);
}

double flujo_calendar_bclock(const flujo_calendar_t *c, double t)
{
    if (c->always) {
        return t;
    }
    double tod;
    long d = day_of(t, &tod);
    if (d < 0) {
        return 0;
    }
    if (d >= c->n_days) {
        return bdays_before(c, c->n_days) * FLUJO_DAY;
    }
    /* business days before d, and whether d is one, from one look at the closed days */
    long z = c->origin + d, q;
    int r;
    week_split(z, &q, &r);
    size_t k = closed_before(c, z);
    bool business = c->week_day_open[r] > 0 && !(k < c->n_closed && c->closed[k] == z);
    double before = (double)(q * c->bprefix[7] + c->bprefix[r]) - c->bdays0 - (double)k;
    return before * FLUJO_DAY + (business ? tod : 0);
}

double flujo_calendar_add_bdays(const flujo_calendar_t *c, double t, double x)
{
    if (x <= 0) {
        return t;
    }
    if (c->always) {
        return t + x;
    }
    double target = (flujo_calendar_bclock(c, t) + x) / FLUJO_DAY; /* in business days */
    if (target > bdays_before(c, c->n_days)) {
        return INFINITY;
    }
    /* The business day that holds the target: the last day d with bdays_before[d] < target that
     * is a business day. Landing exactly on the end of a business day gives that day's 24:00. */
    double tod;
    long d0 = day_of(t, &tod);
    long d = last_below(c, bdays_before, d0 < 0 ? 0 : d0, target);
    while (d > 0 && !flujo_calendar_is_business_day(c, d)) {
        d--; /* bdays_before is flat across closed days: step back to the business day */
    }
    double frac = target - bdays_before(c, d);
    return (double)d * FLUJO_DAY + frac * FLUJO_DAY;
}

double flujo_calendar_count_start(const flujo_calendar_t *c, double t)
{
    double tod;
    long d = day_of(t, &tod);
    if (c->always) {
        return (double)(d + 1) * FLUJO_DAY;
    }
    for (long e = d + 1; e >= 0 && e < c->n_days; e++) {
        if (flujo_calendar_is_business_day(c, e)) {
            return (double)e * FLUJO_DAY;
        }
    }
    return INFINITY;
}
