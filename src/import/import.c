/* import.c - what the readers of other tools' parameters share: messages, numbers, week
 * calendars and clock times. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_int.h"

flujo_status_t flujo__imp_fail(flujo_err_t *err, const char *file, long line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (line > 0) {
        return flujo_err_set(err, FLUJO_ESCENARIO, "%s:%ld: %s", file, line, msg);
    }
    return flujo_err_set(err, FLUJO_ESCENARIO, "%s: %s", file, msg);
}

flujo__ynode_t *flujo__imp_scalarf(const char *file, long line, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return flujo__yaml_new_scalar(buf, file, line);
}

const char *flujo__imp_seconds(double s, char *buf, size_t n)
{
    snprintf(buf, n, "%.17gs", s);
    return buf;
}

void flujo__week_add(flujo__week_t *w, int from_wd, int to_wd, int from, int to)
{
    for (int d = from_wd;; d = (d + 1) % 7) {
        size_t cap = w->cap;
        flujo_grow((void **)&w->iv, &cap, w->n + 1, sizeof(*w->iv));
        cap = w->cap;
        flujo_grow((void **)&w->wd, &cap, w->n + 1, sizeof(*w->wd));
        w->cap = cap;
        w->iv[w->n][0] = from;
        w->iv[w->n][1] = to;
        w->wd[w->n] = d;
        w->n++;
        if (d == to_wd) {
            break;
        }
    }
}

static void clock_text(int s, char *buf, size_t n)
{
    snprintf(buf, n, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
}

flujo__ynode_t *flujo__week_tree(flujo__week_t *w, const char *file, long line)
{
    static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    flujo__ynode_t *week = flujo__yaml_new_map(file, line);
    for (int d = 0; d < 7; d++) {
        flujo__ynode_t *list = NULL;
        for (size_t i = 0; i < w->n; i++) {
            if (w->wd[i] != d || w->iv[i][1] <= w->iv[i][0]) {
                continue;
            }
            if (list == NULL) {
                list = flujo__yaml_new_seq(file, line);
            }
            char a[16], b[16];
            clock_text(w->iv[i][0], a, sizeof(a));
            clock_text(w->iv[i][1], b, sizeof(b));
            flujo__yaml_seq_add(list, flujo__imp_scalarf(file, line, "%s-%s", a, b));
        }
        if (list != NULL) {
            flujo__yaml_map_add(week, days[d], line, list);
        }
    }
    free(w->iv);
    free(w->wd);
    memset(w, 0, sizeof(*w));
    if (week->n == 0) {
        flujo__yaml_free(week);
        return NULL;
    }
    flujo__ynode_t *cal = flujo__yaml_new_map(file, line);
    flujo__yaml_map_add(cal, "week", line, week);
    return cal;
}

int flujo__imp_weekday(const char *name)
{
    static const char *const names[] = {"monday", "tuesday",  "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    char low[16];
    size_t n = strlen(name);
    if (n < 2 || n >= sizeof(low)) {
        return -1;
    }
    for (size_t i = 0; i <= n; i++) {
        low[i] = (char)tolower((unsigned char)name[i]);
    }
    for (int d = 0; d < 7; d++) {
        /* the whole name, or its first two or three letters (MO, MON) */
        if (strcmp(low, names[d]) == 0 || ((n == 2 || n == 3) && strncmp(low, names[d], n) == 0)) {
            return d;
        }
    }
    return -1;
}

int flujo__imp_clock(const char *text)
{
    int h, m, used = 0;
    double s = 0;
    if (sscanf(text, "%d:%d%n", &h, &m, &used) != 2) {
        return -1;
    }
    const char *p = text + used;
    if (*p == ':') {
        char *end;
        s = strtod(p + 1, &end);
        if (end == p + 1 || !(s >= 0 && s < 60)) {
            return -1;
        }
        p = end;
    }
    /* a zone suffix (Z, +00:00) is ignored: times are local to the model */
    if (*p != '\0' && *p != 'Z' && *p != '+' && *p != '-') {
        return -1;
    }
    if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && (m > 0 || s > 0))) {
        return -1;
    }
    int t = h * 3600 + m * 60 + (int)floor(s + 0.5);
    return t >= 86399 ? 86400 : t;
}
