/* bpsim_calendar.c - BPSim calendars: the iCalendar text of each Calendar (VEVENTs with DTSTART,
 * DTEND and a weekly or daily RRULE) as a flujo week calendar. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "flujo_calendar.h"
#include "import/bpmn_sim_int.h"

/* One BPSim calendar (iCalendar text) into a week. */
static flujo_status_t ical_week(flujo__sim_ctx_t *c, xmlNodePtr cal, flujo__week_t *w)
{
    xmlChar *txt = xmlNodeGetContent(cal);
    char *s = flujo_xstrdup(txt != NULL ? (const char *)txt : "");
    xmlFree(txt);
    int start = -1, end = -1, sday = -1;
    unsigned days = 0;
    bool daily = false, in_event = false;
    flujo_status_t st = FLUJO_OK;
    for (char *ln = strtok(s, "\r\n"); ln != NULL && st == FLUJO_OK; ln = strtok(NULL, "\r\n")) {
        while (isspace((unsigned char)*ln)) {
            ln++;
        }
        if (strncmp(ln, "BEGIN:VEVENT", 12) == 0) {
            in_event = true;
            start = end = sday = -1;
            days = 0;
            daily = false;
        } else if (strncmp(ln, "DTSTART", 7) == 0 || strncmp(ln, "DTEND", 5) == 0) {
            /* DTSTART[;TZID=...]:20240101T090000 */
            const char *v = strrchr(ln, ':');
            int y, mo, d, h, mi, sec = 0;
            if (v == NULL || sscanf(v + 1, "%4d%2d%2dT%2d%2d%2d", &y, &mo, &d, &h, &mi, &sec) < 5) {
                st = flujo__sim_fail(c, cal, "Calendar: cannot read '%s'", ln);
                break;
            }
            int t = h * 3600 + mi * 60 + sec;
            if (ln[2] == 'S') {
                start = t;
                sday = flujo_weekday(flujo_days_from_civil(y, mo, d));
            } else {
                end = t;
            }
        } else if (strncmp(ln, "RRULE:", 6) == 0) {
            daily = strstr(ln, "FREQ=DAILY") != NULL;
            const char *by = strstr(ln, "BYDAY=");
            for (const char *p = by != NULL ? by + 6 : NULL; p != NULL && *p && *p != ';'; p++) {
                char two[3] = {p[0], p[1], '\0'};
                int wd = flujo__imp_weekday(two);
                if (wd >= 0) {
                    days |= 1u << wd;
                    p++;
                }
            }
            if (!daily && strstr(ln, "FREQ=WEEKLY") == NULL) {
                st = flujo__sim_fail(
                    c, cal, "Calendar: only weekly and daily repetitions are supported (%s)", ln);
            }
        } else if (strncmp(ln, "END:VEVENT", 10) == 0 && in_event) {
            in_event = false;
            if (start < 0 || end < 0) {
                st = flujo__sim_fail(c, cal, "Calendar: a VEVENT needs DTSTART and DTEND");
                break;
            }
            if (daily) {
                days = 0x7f;
            } else if (days == 0) {
                days = sday >= 0 ? 1u << sday : 0;
            }
            for (int d = 0; d < 7; d++) {
                if (!(days & (1u << d))) {
                    continue;
                }
                if (end > start) {
                    flujo__week_add(w, d, d, start, end);
                } else { /* past midnight: the rest of the day and the start of the next */
                    flujo__week_add(w, d, d, start, 86400);
                    if (end > 0) {
                        flujo__week_add(w, (d + 1) % 7, (d + 1) % 7, 0, end);
                    }
                }
            }
        }
    }
    free(s);
    return st;
}

flujo_status_t flujo__bpsim_calendars(flujo__sim_ctx_t *c, xmlNodePtr data, flujo__ynode_t *cals)
{
    for (xmlNodePtr sc = data->children; sc != NULL; sc = sc->next) {
        if (!flujo__sim_is_el(sc, c->ns, "Scenario")) {
            continue;
        }
        for (xmlNodePtr cal = flujo__sim_find(sc->children, c->ns, "Calendar", false); cal != NULL;
             cal = cal->next) {
            if (!flujo__sim_is_el(cal, c->ns, "Calendar")) {
                continue;
            }
            char *id = flujo__sim_prop(cal, "id");
            if (id == NULL || flujo__yaml_get(cals, id) != NULL) {
                free(id);
                continue;
            }
            flujo__week_t w = {0};
            flujo_status_t st = ical_week(c, cal, &w);
            if (st != FLUJO_OK) {
                free(w.iv);
                free(w.wd);
                free(id);
                return st;
            }
            flujo__ynode_t *t = flujo__week_tree(&w, c->file, flujo__sim_line_of(cal));
            if (t == NULL) {
                st = flujo__sim_fail(c, cal, "Calendar '%s' is never open", id);
                free(id);
                return st;
            }
            flujo__yaml_map_add(cals, id, flujo__sim_line_of(cal), t);
            free(id);
        }
    }
    return FLUJO_OK;
}
