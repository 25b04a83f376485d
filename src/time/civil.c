/* civil.c - civil dates: day numbers of the proleptic Gregorian calendar and back, weekdays,
 * and the date and time texts of scenario files and logs. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flujo_calendar.h"

long flujo_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void flujo_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

int flujo_weekday(long z)
{
    /* 1970-01-01 was a Thursday (3 when Monday is 0) */
    long w = (z + 3) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

const char *flujo_weekday_name(int wd)
{
    static const char *const names[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    return names[wd >= 0 && wd < 7 ? wd : 0];
}

bool flujo_parse_datetime(const char *text, long *day, double *sec)
{
    char date[11];
    int h = 0, m = 0, n = 0;
    if (strlen(text) < 10) {
        return false;
    }
    memcpy(date, text, 10);
    date[10] = '\0';
    if (!flujo_parse_date(date, day)) {
        return false;
    }
    *sec = 0;
    if (text[10] == '\0') {
        return true;
    }
    if ((text[10] != 'T' && text[10] != ' ') || sscanf(text + 11, "%2d:%2d%n", &h, &m, &n) != 2 ||
        h > 23 || m > 59 || h < 0 || m < 0) {
        return false;
    }
    const char *p = text + 11 + n;
    double s = 0;
    if (*p == ':') { /* seconds, maybe with a fraction */
        char *end;
        if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2])) {
            return false;
        }
        s = strtod(p + 1, &end);
        if (!(s >= 0 && s < 60)) {
            return false;
        }
        p = end;
    }
    if (*p != '\0') {
        return false;
    }
    *sec = h * 3600.0 + m * 60.0 + s;
    return true;
}

bool flujo_parse_date(const char *text, long *day)
{
    int y, m, d, n = 0;
    if (sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || text[n] != '\0' || n != 10) {
        return false;
    }
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999) {
        return false;
    }
    long z = flujo_days_from_civil(y, m, d);
    int y2, m2, d2;
    flujo_civil_from_days(z, &y2, &m2, &d2);
    if (y2 != y || m2 != m || d2 != d) {
        return false; /* 2026-02-30 */
    }
    *day = z;
    return true;
}

void flujo_format_time(long origin, double t, char *buf, size_t n)
{
    double s = floor(t + 0.5);
    long day = (long)floor(s / FLUJO_DAY);
    long sec = (long)(s - (double)day * FLUJO_DAY);
    int y, m, d;
    flujo_civil_from_days(origin + day, &y, &m, &d);
    snprintf(buf, n, "%04d-%02d-%02dT%02ld:%02ld:%02ld", y, m, d, sec / 3600, sec / 60 % 60,
             sec % 60);
}
