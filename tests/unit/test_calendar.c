/* test_calendar.c - working calendars against a minute-by-minute reference, Peru's holidays and
 * the días hábiles of 2025 and 2026. */
#include <math.h>
#include <stdlib.h>

#include "flujo_calendar.h"
#include "random/random_int.h"
#include "test_helpers.h"

#define MIN  60.0
#define HOUR 3600.0

/* The office calendar of the design: Monday to Friday 08:00-13:00 and 14:00-16:45, Peruvian
 * holidays closed, from Monday 2026-01-05 for n days. */
static flujo_calendar_t *oficina(long n_days)
{
    flujo_calendar_t *c = flujo_calendar_new("oficina", false);
    for (int wd = 0; wd < 5; wd++) {
        flujo_calendar_add_interval(c, wd, 8 * 3600, 13 * 3600);
        flujo_calendar_add_interval(c, wd, 14 * 3600, 16 * 3600 + 45 * 60);
    }
    flujo_calendar_add_peru_holidays(c);
    flujo_calendar_finish(c, flujo_days_from_civil(2026, 1, 5), n_days);
    return c;
}

static void dates__civil_round_trip_and_weekday(void **state)
{
    (void)state;
    assert_int_equal(flujo_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(flujo_weekday(flujo_days_from_civil(2026, 1, 5)), 0);   /* Monday */
    assert_int_equal(flujo_weekday(flujo_days_from_civil(2026, 11, 21)), 5); /* Saturday */
    for (long z = -1000; z < 30000; z += 7) {
        int y, m, d;
        flujo_civil_from_days(z, &y, &m, &d);
        assert_int_equal(flujo_days_from_civil(y, m, d), z);
    }
    long z;
    assert_true(flujo_parse_date("2026-03-02", &z));
    assert_int_equal(z, flujo_days_from_civil(2026, 3, 2));
    assert_false(flujo_parse_date("2026-02-30", &z));
    assert_false(flujo_parse_date("2026-3-2", &z));
    assert_false(flujo_parse_date("mañana", &z));
    char buf[32];
    flujo_format_time(flujo_days_from_civil(2026, 1, 5), 86400 + 9.5 * HOUR, buf, sizeof(buf));
    assert_string_equal(buf, "2026-01-06T09:30:00");
}

static void easter__known_years(void **state)
{
    (void)state;
    assert_int_equal(flujo_easter(2000), flujo_days_from_civil(2000, 4, 23));
    assert_int_equal(flujo_easter(2024), flujo_days_from_civil(2024, 3, 31));
    assert_int_equal(flujo_easter(2025), flujo_days_from_civil(2025, 4, 20));
    assert_int_equal(flujo_easter(2026), flujo_days_from_civil(2026, 4, 5));
    assert_int_equal(flujo_easter(2038), flujo_days_from_civil(2038, 4, 25));
}

static void peru_holidays__sixteen_a_year_with_holy_week(void **state)
{
    (void)state;
    const char *name = NULL;
    assert_true(flujo_peru_holiday(flujo_days_from_civil(2026, 4, 2), &name));
    assert_string_equal(name, "Jueves Santo");
    assert_true(flujo_peru_holiday(flujo_days_from_civil(2025, 4, 18), &name));
    assert_string_equal(name, "Viernes Santo");
    assert_true(flujo_peru_holiday(flujo_days_from_civil(2026, 12, 9), &name));
    assert_string_equal(name, "Batalla de Ayacucho");
    assert_false(flujo_peru_holiday(flujo_days_from_civil(2026, 4, 6), NULL));
    for (int y = 2020; y <= 2040; y++) {
        int n = 0;
        for (long z = flujo_days_from_civil(y, 1, 1); z < flujo_days_from_civil(y + 1, 1, 1); z++) {
            n += flujo_peru_holiday(z, NULL);
        }
        assert_int_equal(n, 16);
    }
}

/* DOMAIN.md §1.9: 2025 has 249 días hábiles, 2026 has 248 (Monday to Friday minus holidays). */
static void business_days__2025_249_and_2026_248(void **state)
{
    (void)state;
    flujo_calendar_t *c = flujo_calendar_new("habiles", false);
    for (int wd = 0; wd < 5; wd++) {
        flujo_calendar_add_interval(c, wd, 0, 86400);
    }
    flujo_calendar_add_peru_holidays(c);
    long origin = flujo_days_from_civil(2025, 1, 1);
    flujo_calendar_finish(c, origin, 800);
    long y26 = flujo_days_from_civil(2026, 1, 1) - origin;
    long y27 = flujo_days_from_civil(2027, 1, 1) - origin;
    assert_close(flujo_calendar_bclock(c, (double)y26 * 86400) / 86400, 249, 0);
    assert_close((flujo_calendar_bclock(c, (double)y27 * 86400) -
                  flujo_calendar_bclock(c, (double)y26 * 86400)) /
                     86400,
                 248, 0);
    flujo_calendar_free(c);
}

static void add_work__design_example__task_resumes_next_morning(void **state)
{
    (void)state;
    flujo_calendar_t *c = oficina(60);
    /* Friday 2026-01-09 16:15 + 2 h: 30 min on Friday, 1 h 30 on Monday from 08:00 */
    double fri = 4 * 86400.0;
    double end = flujo_calendar_add_work(c, fri + 16.25 * HOUR, 2 * HOUR);
    assert_close(end, 7 * 86400.0 + 9.5 * HOUR, 1e-6);
    /* work over lunch: 12:30 + 1 h = 14:30 */
    assert_close(flujo_calendar_add_work(c, 12.5 * HOUR, HOUR), 14.5 * HOUR, 1e-6);
    /* work that ends exactly at closing time ends then, not next morning */
    assert_close(flujo_calendar_add_work(c, 16 * HOUR, 45 * MIN), 16.75 * HOUR, 1e-6);
    /* started while closed: begins at the opening */
    assert_close(flujo_calendar_add_work(c, 6 * HOUR, 30 * MIN), 8.5 * HOUR, 1e-6);
    assert_close(flujo_calendar_next_open(c, 13.5 * HOUR), 14 * HOUR, 1e-6);
    assert_close(flujo_calendar_next_open(c, fri + 17 * HOUR), 7 * 86400.0 + 8 * HOUR, 1e-6);
    assert_close(flujo_calendar_work_between(c, 0, 86400), 7.75 * HOUR, 1e-6);
    assert_true(flujo_calendar_week_open(c) == 5 * 7.75 * HOUR);
    flujo_calendar_free(c);
}

static void calendar__holy_week__closed_thursday_and_friday(void **state)
{
    (void)state;
    flujo_calendar_t *c = oficina(120);
    long jueves = flujo_days_from_civil(2026, 4, 2) - flujo_days_from_civil(2026, 1, 5);
    assert_false(flujo_calendar_is_business_day(c, jueves));
    assert_false(flujo_calendar_is_business_day(c, jueves + 1));
    assert_true(flujo_calendar_is_business_day(c, jueves - 1));
    /* Wednesday 16:00 + 1 h ends Monday 08:15 */
    double t = flujo_calendar_add_work(c, (double)(jueves - 1) * 86400 + 16 * HOUR, HOUR);
    assert_close(t, (double)(jueves + 4) * 86400 + 8.25 * HOUR, 1e-6);
    flujo_calendar_free(c);
}

/* The reference, written from the definition and not from the tables: is the office open in the
 * minute that starts at t? */
static bool ref_open(const flujo_calendar_t *c, double t)
{
    (void)c;
    long day = (long)floor(t / 86400);
    long z = flujo_days_from_civil(2026, 1, 5) + day;
    double minute = (t - (double)day * 86400) / 60;
    if (flujo_weekday(z) >= 5 || flujo_peru_holiday(z, NULL)) {
        return false;
    }
    return (minute >= 480 && minute < 780) || (minute >= 840 && minute < 1005);
}

static void calendar__random_instants__match_minute_walk(void **state)
{
    (void)state;
    flujo_calendar_t *c = oficina(200);
    flujo_rng_t *r = flujo_rng_new(42, 0, 0);
    for (int k = 0; k < 300; k++) {
        double t = MIN * (double)flujo_rng_uniform_int(r, 150 * 1440);
        double w = MIN * (double)flujo_rng_uniform_int(r, 3 * 465); /* up to 3 working days */
        /* add_work: walk forward counting open minutes */
        double walk = t, done = 0;
        while (done < w) {
            if (ref_open(c, walk)) {
                done += MIN;
            }
            walk += MIN;
        }
        double expect = w == 0 ? t : walk;
        assert_close(flujo_calendar_add_work(c, t, w), expect, 1e-6);
        /* work_between over the walked span */
        assert_close(flujo_calendar_work_between(c, t, walk), w, 1e-6);
        /* next_open */
        double nx = t;
        while (!ref_open(c, nx)) {
            nx += MIN;
        }
        assert_close(flujo_calendar_next_open(c, t), nx, 1e-6);
        /* business clock against counting business days */
        long day = (long)floor(t / 86400);
        double days = 0;
        for (long d = 0; d < day; d++) {
            days += ref_open(c, (double)d * 86400 + 9 * HOUR);
        }
        double tod = t - (double)day * 86400;
        double bc = days * 86400 + (ref_open(c, (double)day * 86400 + 9 * HOUR) ? tod : 0);
        assert_close(flujo_calendar_bclock(c, t), bc, 1e-6);
        double x = 86400 * (double)flujo_rng_uniform_int(r, 30) +
                   MIN * (double)flujo_rng_uniform_int(r, 1440);
        double to = flujo_calendar_add_bdays(c, t, x);
        assert_close(flujo_calendar_bclock(c, to), bc + x, 1e-6);
        assert_true(to >= t);
    }
    flujo_rng_free(r);
    flujo_calendar_free(c);
}

/* Ley 27444 art. 133.1: a plazo counts from the business day after filing. */
static void count_start__next_business_day__holidays_and_weekends(void **state)
{
    (void)state;
    flujo_calendar_t *c = flujo_calendar_new_habiles("habiles");
    long origin = flujo_days_from_civil(2026, 3, 2); /* a Monday */
    flujo_calendar_finish(c, origin, 400);
    /* Monday 10:30 → Tuesday; 8 días hábiles end on Thursday of the next week at 24:00 */
    double start = flujo_calendar_count_start(c, 10.5 * HOUR);
    assert_close(start, 86400, 0);
    double due = flujo_calendar_add_bdays(c, start, 8 * 86400.0);
    assert_close(due, (double)(flujo_days_from_civil(2026, 3, 13) - origin) * 86400, 0);
    /* Friday → Monday */
    assert_close(flujo_calendar_count_start(c, 4 * 86400 + 9 * HOUR), 7 * 86400, 0);
    /* Jueves Santo (Thursday 2 April 2026) → Monday 6 April */
    double jueves = (double)(flujo_days_from_civil(2026, 4, 2) - origin) * 86400 + 10 * HOUR;
    assert_close(flujo_calendar_count_start(c, jueves),
                 (double)(flujo_days_from_civil(2026, 4, 6) - origin) * 86400, 0);
    /* Saturday before Fiestas Patrias week: Monday 27 July is hábil */
    double sat = (double)(flujo_days_from_civil(2026, 7, 25) - origin) * 86400;
    assert_close(flujo_calendar_count_start(c, sat),
                 (double)(flujo_days_from_civil(2026, 7, 27) - origin) * 86400, 0);
    flujo_calendar_free(c);
    flujo_calendar_t *a = flujo_calendar_new("always", true);
    flujo_calendar_finish(a, origin, 10);
    assert_close(flujo_calendar_count_start(a, 1.5 * 86400), 2 * 86400, 0);
    flujo_calendar_free(a);
}

static void calendar__always__plain_arithmetic(void **state)
{
    (void)state;
    flujo_calendar_t *c = flujo_calendar_new("always", true);
    flujo_calendar_add_peru_holidays(c); /* no effect on 24/7 */
    flujo_calendar_finish(c, flujo_days_from_civil(2026, 1, 1), 10);
    assert_close(flujo_calendar_add_work(c, 100, 50), 150, 0);
    assert_close(flujo_calendar_next_open(c, 123), 123, 0);
    assert_close(flujo_calendar_bclock(c, 86400 * 3.5), 86400 * 3.5, 0);
    assert_true(flujo_calendar_is_business_day(c, 0)); /* 1 January, but 24/7 */
    flujo_calendar_free(c);
}

static void calendar__beyond_table__infinity(void **state)
{
    (void)state;
    flujo_calendar_t *c = oficina(10);
    assert_true(isinf(flujo_calendar_add_work(c, 0, 100 * HOUR)));
    assert_true(isinf(flujo_calendar_next_open(c, 20 * 86400.0)));
    assert_true(isinf(flujo_calendar_add_bdays(c, 0, 30 * 86400.0)));
    flujo_calendar_t *never = flujo_calendar_new("nunca", false);
    flujo_calendar_finish(never, 0, 30);
    assert_true(isinf(flujo_calendar_next_open(never, 0)));
    flujo_calendar_free(never);
    flujo_calendar_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates__civil_round_trip_and_weekday),
        cmocka_unit_test(easter__known_years),
        cmocka_unit_test(peru_holidays__sixteen_a_year_with_holy_week),
        cmocka_unit_test(business_days__2025_249_and_2026_248),
        cmocka_unit_test(add_work__design_example__task_resumes_next_morning),
        cmocka_unit_test(calendar__holy_week__closed_thursday_and_friday),
        cmocka_unit_test(calendar__random_instants__match_minute_walk),
        cmocka_unit_test(count_start__next_business_day__holidays_and_weekends),
        cmocka_unit_test(calendar__always__plain_arithmetic),
        cmocka_unit_test(calendar__beyond_table__infinity),
    };
    return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
