/* flujo_calendar.h - working calendars: weekly shifts, holidays (Peru's national ones built in),
 * working-time and business-day arithmetic; and the civil-date helpers they need.
 *
 * Simulation time is seconds since 00:00 of the start date, local time (Peru keeps no daylight
 * saving time). A calendar answers: is it open at t, when does it open next, when are w working
 * seconds done, how much working time lies between two instants, and the same for business days
 * (a day with open time that is not a holiday). Queries are O(log days) through per-day tables. */
#ifndef FLUJO_CALENDAR_H
#define FLUJO_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>

#include "flujo_error.h"

#define FLUJO_DAY 86400.0

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms). */
long flujo_days_from_civil(int y, int m, int d);
void flujo_civil_from_days(long z, int *y, int *m, int *d);

/* Weekday of a day number: 0 Monday ... 6 Sunday. */
int flujo_weekday(long z);

/* The English name of weekday wd (0 Monday). */
const char *flujo_weekday_name(int wd);

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS[.fff]" into a day number and
 * seconds after midnight. */
bool flujo_parse_datetime(const char *text, long *day, double *sec);

/* Parses "YYYY-MM-DD" into a day number; false if it is not a valid date. */
bool flujo_parse_date(const char *text, long *day);

/* Formats simulation time t (seconds after 00:00 of day `origin`) as "YYYY-MM-DDTHH:MM:SS". */
void flujo_format_time(long origin, double t, char *buf, size_t n);

/* True if day z is one of Peru's 16 national holidays (D.L. 713 and later laws: 1 Jan, Jueves and
 * Viernes Santo, 1 May, 7 and 29 Jun, 23, 28 and 29 Jul, 6 and 30 Aug, 8 Oct, 1 Nov, 8, 9 and 25
 * Dec); *name (if not NULL) gets its Spanish name. The current list is applied to every year. */
bool flujo_peru_holiday(long z, const char **name);

/* Easter Sunday of year y (Gregorian computus). */
long flujo_easter(int y);

typedef struct flujo_calendar flujo_calendar_t;

/* A calendar that is never open until intervals are added; `always` makes one open 24/7 with
 * every day a business day. The name is copied. */
flujo_calendar_t *flujo_calendar_new(const char *name, bool always);

/* The días hábiles of the law when no other is given: Monday to Friday, whole days, without Peru's
 * national holidays. */
flujo_calendar_t *flujo_calendar_new_habiles(const char *name);

/* Frees the calendar. NULL is a no-op. */
void flujo_calendar_free(flujo_calendar_t *c);

/* The name given at creation. */
const char *flujo_calendar_name(const flujo_calendar_t *c);

/* True for a calendar made with always. */
bool flujo_calendar_is_always(const flujo_calendar_t *c);

/* Opens weekday wd (0 Monday .. 6 Sunday) from `from` to `to` seconds after midnight
 * (0 <= from < to <= 86400). Overlapping intervals are merged. */
void flujo_calendar_add_interval(flujo_calendar_t *c, int wd, int from, int to);

/* Closes day z (a holiday or a día no laborable). */
void flujo_calendar_add_holiday(flujo_calendar_t *c, long z);

/* Closes every Peruvian national holiday (flujo_peru_holiday). */
void flujo_calendar_add_peru_holidays(flujo_calendar_t *c);

/* Builds the day tables for simulation day 0 = day `origin` and n_days days after it. Must be
 * called before any query below, and after every add. Queries beyond the table return INFINITY
 * (add/next) or count nothing. */
void flujo_calendar_finish(flujo_calendar_t *c, long origin, long n_days);

/* Seconds of open time in a week without holidays (for capacity estimates). */
double flujo_calendar_week_open(const flujo_calendar_t *c);

/* True if the calendar is open at instant t. */
bool flujo_calendar_is_open(const flujo_calendar_t *c, double t);

/* The earliest instant >= t at which the calendar is open; INFINITY if it never opens again. */
double flujo_calendar_next_open(const flujo_calendar_t *c, double t);

/* The earliest instant at which w working seconds after t are done (t itself for w <= 0);
 * INFINITY if the calendar does not have that much open time left. */
double flujo_calendar_add_work(const flujo_calendar_t *c, double t, double w);

/* Working seconds between t1 and t2 (t1 <= t2). */
double flujo_calendar_work_between(const flujo_calendar_t *c, double t1, double t2);

/* True if simulation day d (0 = start date) is a business day. */
bool flujo_calendar_is_business_day(const flujo_calendar_t *c, long d);

/* The business clock: business days elapsed since time 0 as seconds (86400 per business day; it
 * stands still on other days). */
double flujo_calendar_bclock(const flujo_calendar_t *c, double t);

/* The earliest instant at which x business seconds (86400 per business day) have elapsed on the
 * business clock after t; INFINITY beyond the table. */
double flujo_calendar_add_bdays(const flujo_calendar_t *c, double t, double x);

/* 00:00 of the first business day after the day of t: where a plazo in días hábiles starts to
 * count for something filed at t (Ley 27444 art. 133.1 [TUO 144]: "a partir del día hábil
 * siguiente"), also when t itself falls on a non-business day. INFINITY beyond the table. */
double flujo_calendar_count_start(const flujo_calendar_t *c, double t);

/* A plazo in días hábiles: when it starts to count and ends, in simulation days of its calendar
 * (day 0 = the calendar's origin). */
typedef struct flujo_plazo {
    long filed_day;      /* the day it was filed */
    bool filed_business; /* that day is a business day */
    long counts_from;    /* the business day after filing, from which it counts */
    long last_day;       /* its last business day: it ends at 24:00 of it */
    long *skipped;       /* the holidays (closed Mondays to Fridays) after filing, up to the end */
    size_t n_skipped;    /* how many */
} flujo_plazo_t;

/* The plazo of `bdays` business seconds (86400 per día hábil) filed at instant t on calendar c,
 * whose day 0 is day number origin. Fails with FLUJO_ELIMIT when it ends beyond the days the
 * calendar covers (*out untouched). Free with flujo_plazo_destroy. */
flujo_status_t flujo_plazo_compute(const flujo_calendar_t *c, long origin, double t, double bdays,
                                   flujo_plazo_t *out, flujo_err_t *err);
void flujo_plazo_destroy(flujo_plazo_t *p);

#endif
