/* calendars.c - the calendars: key (named week schedules with holidays, new: true for one that
 * nothing uses yet) and legal_calendar: (the calendar business days are counted on). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

static const struct {
    const char *name;
    int wd;
} day_names[] = {
    {"mon", 0}, {"tue", 1}, {"wed", 2}, {"thu", 3}, {"fri", 4}, {"sat", 5}, {"sun", 6}, {"lun", 0},
    {"mar", 1}, {"mie", 2}, {"mié", 2}, {"jue", 3}, {"vie", 4}, {"sab", 5}, {"sáb", 5}, {"dom", 6},
};

static int day_index(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(day_names) / sizeof(day_names[0]); i++) {
        if (strlen(day_names[i].name) == n && strncmp(day_names[i].name, s, n) == 0) {
            return day_names[i].wd;
        }
    }
    return -1;
}

/* "mon-fri", "sat", "mon,wed,fri" → mask of weekdays. */
static bool parse_days(const char *s, unsigned *mask)
{
    *mask = 0;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma != NULL ? (size_t)(comma - s) : strlen(s);
        const char *dash = memchr(s, '-', len);
        if (dash != NULL) {
            int a = day_index(s, (size_t)(dash - s));
            int b = day_index(dash + 1, len - (size_t)(dash - s) - 1);
            if (a < 0 || b < 0) {
                return false;
            }
            for (int d = a;; d = (d + 1) % 7) {
                *mask |= 1u << d;
                if (d == b) {
                    break;
                }
            }
        } else {
            int a = day_index(s, len);
            if (a < 0) {
                return false;
            }
            *mask |= 1u << a;
        }
        s += len;
        if (*s == ',') {
            s++;
        }
    }
    return *mask != 0;
}

/* "HH:MM" or "HH:MM:SS[.fff]" → seconds after midnight (24:00 allowed). */
bool flujo__parse_clock(const char *s, size_t n, int *sec)
{
    int h, m, used = 0;
    double sc = 0;
    char buf[32];
    if (n == 0 || n >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (sscanf(buf, " %d:%d%n", &h, &m, &used) != 2) {
        return false;
    }
    if (buf[used] == ':') { /* seconds, with milliseconds perhaps: 17:00:00.000 */
        char *end;
        sc = strtod(buf + used + 1, &end);
        if (end == buf + used + 1 || !(sc >= 0 && sc < 60)) {
            return false;
        }
        used = (int)(end - buf);
    }
    while (isspace((unsigned char)buf[used])) {
        used++;
    }
    if (buf[used] != '\0' || h < 0 || m < 0 || m > 59 || h > 24 ||
        (h == 24 && (m != 0 || sc != 0))) {
        return false;
    }
    /* to the second; 23:59:59 and 23:59:59.999 (the end of the day in other tools) are 24:00 */
    int total = h * 3600 + m * 60 + (int)floor(sc + 0.5);
    *sec = total >= 86399 ? 86400 : total;
    return true;
}

static flujo_status_t read_week(flujo__loader_t *L, flujo_calendar_t *c, const flujo__ynode_t *week,
                                const char *path)
{
    flujo_status_t st = flujo__need_map(L, week, path);
    if (st != FLUJO_OK) {
        return st;
    }
    for (size_t i = 0; i < week->n; i++) {
        char *p = flujo__join_path(path, week->keys[i]);
        unsigned mask;
        flujo__ynode_t kr = flujo__keyref(week, i);
        if (!parse_days(week->keys[i], &mask)) {
            st = flujo__fail(
                L, &kr, p,
                "unknown days: write mon, tue, wed, thu, fri, sat, sun (or lun ... dom), a "
                "range like mon-fri or a list like mon,wed");
            free(p);
            return st;
        }
        const flujo__ynode_t *v = week->items[i];
        size_t n = v->kind == FLUJO__Y_SEQ ? v->n : 1;
        for (size_t k = 0; k < n; k++) {
            const flujo__ynode_t *iv = v->kind == FLUJO__Y_SEQ ? v->items[k] : v;
            if (iv->kind != FLUJO__Y_SCALAR) {
                st = flujo__fail(L, iv, p, "expected intervals like \"08:00-13:00\"");
                free(p);
                return st;
            }
            if (strcmp(iv->value, "closed") == 0 || strcmp(iv->value, "cerrado") == 0) {
                continue;
            }
            const char *dash = strchr(iv->value, '-');
            int from, to;
            if (dash == NULL || !flujo__parse_clock(iv->value, (size_t)(dash - iv->value), &from) ||
                !flujo__parse_clock(dash + 1, strlen(dash + 1), &to) || from >= to) {
                st = flujo__fail(
                    L, iv, p,
                    "'%s' is not an interval like \"08:00-13:00\" (start before end, within "
                    "one day)",
                    iv->value);
                free(p);
                return st;
            }
            for (int d = 0; d < 7; d++) {
                if (mask & (1u << d)) {
                    flujo_calendar_add_interval(c, d, from, to);
                }
            }
        }
        free(p);
    }
    return FLUJO_OK;
}

static flujo_status_t read_holidays(flujo__loader_t *L, flujo_calendar_t *c,
                                    const flujo__ynode_t *h, const char *path)
{
    size_t n = h->kind == FLUJO__Y_SEQ ? h->n : 1;
    for (size_t k = 0; k < n; k++) {
        const flujo__ynode_t *v = h->kind == FLUJO__Y_SEQ ? h->items[k] : h;
        long day;
        if (v->kind != FLUJO__Y_SCALAR) {
            return flujo__fail(L, v, path, "expected peru or dates like 2026-11-04");
        }
        if (strcmp(v->value, "peru") == 0) {
            flujo_calendar_add_peru_holidays(c);
        } else if (flujo_parse_date(v->value, &day)) {
            flujo_calendar_add_holiday(c, day);
        } else {
            return flujo__fail(L, v, path, "'%s' is neither peru nor a date like 2026-11-04",
                               v->value);
        }
    }
    return FLUJO_OK;
}

flujo_status_t flujo__add_calendar(flujo__loader_t *L, flujo_calendar_t *c)
{
    flujo_scenario_t *s = L->s;
    size_t cap = s->n_calendars;
    flujo_grow((void **)&s->calendars, &cap, s->n_calendars + 1, sizeof(*s->calendars));
    s->calendars[s->n_calendars++] = c;
    return FLUJO_OK;
}

static flujo_status_t read_calendars(flujo__loader_t *L, const flujo__ynode_t *cals)
{
    static const char *const keys[] = {"week", "holidays", "new", NULL};
    flujo_status_t st = flujo__need_map(L, cals, "calendars");
    for (size_t i = 0; i < cals->n && st == FLUJO_OK; i++) {
        char *p = flujo__join_path("calendars", cals->keys[i]);
        const flujo__ynode_t *v = cals->items[i];
        flujo__ynode_t kr = flujo__keyref(cals, i);
        if (flujo__find_calendar(L->s, cals->keys[i]) >= 0 &&
            strcmp(cals->keys[i], "always") != 0) {
            st = flujo__fail(L, &kr, p, "a calendar with this name is already defined");
        } else if (strcmp(cals->keys[i], "always") == 0) {
            if (v->kind != FLUJO__Y_SCALAR || strcmp(v->value, "always") != 0) {
                st = flujo__fail(L, v, p, "'always' is the 24/7 calendar and cannot be redefined");
            }
        } else if (v->kind == FLUJO__Y_SCALAR && strcmp(v->value, "always") == 0) {
            flujo__add_calendar(L, flujo_calendar_new(cals->keys[i], true));
        } else if ((st = flujo__need_map(L, v, p)) == FLUJO_OK &&
                   (st = flujo__check_keys(L, v, p, keys)) == FLUJO_OK) {
            flujo_calendar_t *c = flujo_calendar_new(cals->keys[i], false);
            const flujo__ynode_t *week = flujo__yaml_get(v, "week");
            const flujo__ynode_t *hol = flujo__yaml_get(v, "holidays");
            char *wp = flujo__join_path(p, "week");
            char *hp = flujo__join_path(p, "holidays");
            if (week == NULL) {
                st = flujo__fail(L, v, p,
                                 "a calendar needs week: (open hours per day) or the value "
                                 "always");
            } else {
                st = read_week(L, c, week, wp);
            }
            if (st == FLUJO_OK && hol != NULL) {
                st = read_holidays(L, c, hol, hp);
            }
            if (st == FLUJO_OK && flujo_calendar_week_open(c) <= 0) {
                st = flujo__fail(L, week, wp, "the calendar is never open");
            }
            bool is_new = false;
            const flujo__ynode_t *nw = flujo__yaml_get(v, "new");
            if (st == FLUJO_OK && nw != NULL) {
                char *np = flujo__join_path(p, "new");
                st = flujo__get_bool(L, nw, np, &is_new);
                free(np);
            }
            free(wp);
            free(hp);
            if (st == FLUJO_OK) {
                flujo__add_calendar(L, c);
                if (is_new) {
                    flujo__use_calendar(L, (int)L->s->n_calendars - 1);
                }
            } else {
                flujo_calendar_free(c);
            }
        }
        free(p);
    }
    return st;
}

/* The default legal calendar: Monday to Friday with Peru's national holidays (días hábiles). */
static void add_default_legal(flujo__loader_t *L)
{
    flujo__add_calendar(L, flujo_calendar_new_habiles("habiles"));
    L->s->legal_calendar = (int)L->s->n_calendars - 1;
}

/* calendars: - the 24/7 calendar "always" first, then the scenario's own. */
flujo_status_t flujo__key_calendars(flujo__loader_t *L, const flujo__ynode_t *x)
{
    flujo__add_calendar(L, flujo_calendar_new("always", true));
    return x != NULL ? read_calendars(L, x) : FLUJO_OK;
}

/* legal_calendar: - the calendar business days are counted on, habiles unless named. */
flujo_status_t flujo__key_legal_calendar(flujo__loader_t *L, const flujo__ynode_t *x)
{
    if (x != NULL) {
        return flujo__get_calendar_ref(L, x, "legal_calendar", &L->s->legal_calendar);
    }
    add_default_legal(L);
    return FLUJO_OK;
}
