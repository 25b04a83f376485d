/* prosimos_calendar.c - Prosimos calendars: resource_calendars' time periods as flujo week
 * calendars, each with its flujo name and its open hours as text (equal calendars, equal texts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/prosimos_int.h"

flujo_status_t flujo__pro_periods(flujo__pro_ctx_t *c, const flujo__ynode_t *list, const char *path,
                                  flujo__week_t *w)
{
    flujo_status_t st = flujo__pro_need_list(c, list, path);
    if (st != FLUJO_OK) {
        return st;
    }
    for (size_t i = 0; i < list->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *it = list->items[i];
        char p[160];
        snprintf(p, sizeof(p), "%s[%zu]", path, i + 1);
        if (it->kind != FLUJO__Y_MAP) {
            return flujo__pro_fail(c, it, p, "expected {from, to, beginTime, endTime}");
        }
        const char *from = flujo__pro_str(flujo__yaml_get(it, "from"));
        const char *to = flujo__pro_str(flujo__yaml_get(it, "to"));
        const char *b = flujo__pro_str(flujo__yaml_get(it, "beginTime"));
        const char *e = flujo__pro_str(flujo__yaml_get(it, "endTime"));
        int fd = from != NULL ? flujo__imp_weekday(from) : -1;
        int td = to != NULL ? flujo__imp_weekday(to) : fd;
        int bs = b != NULL ? flujo__imp_clock(b) : -1;
        int es = e != NULL ? flujo__imp_clock(e) : -1;
        if (fd < 0 || td < 0) {
            return flujo__pro_fail(c, it, p, "from and to must be days: MONDAY ... SUNDAY");
        }
        if (bs < 0 || es < 0) {
            return flujo__pro_fail(c, it, p,
                                   "beginTime and endTime must be times like \"09:00:00.000\"");
        }
        if (es == 0 && bs > 0) {
            es = 86400; /* an interval ending at midnight */
        }
        if (es <= bs) {
            return flujo__pro_fail(
                c, it, p,
                "beginTime %s is not before endTime %s (an interval cannot cross "
                "midnight: split it in two)",
                b, e);
        }
        flujo__week_add(w, fd, td, bs, es);
    }
    return st;
}

flujo_status_t flujo__pro_read_calendars(flujo__pro_ctx_t *c, const flujo__ynode_t *cals,
                                         flujo__ynode_t *out)
{
    flujo_status_t st = flujo__pro_need_list(c, cals, "resource_calendars");
    if (st != FLUJO_OK) {
        return st;
    }
    c->cal_names = flujo_xcalloc(cals->n + 1, sizeof(char *));
    c->cal_sigs = flujo_xcalloc(cals->n + 1, sizeof(char *));
    c->cal_ids = flujo_xcalloc(cals->n + 1, sizeof(char *));
    for (size_t i = 0; i < cals->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *it = cals->items[i];
        char p[64];
        snprintf(p, sizeof(p), "resource_calendars[%zu]", i + 1);
        const char *id =
            it->kind == FLUJO__Y_MAP ? flujo__pro_str(flujo__yaml_get(it, "id")) : NULL;
        if (id == NULL) {
            return flujo__pro_fail(c, it, p, "expected {id, name, time_periods}");
        }
        /* the names flujo keeps for itself get a prefix */
        char name[300];
        snprintf(name, sizeof(name), "%s%s",
                 strcmp(id, "always") == 0 || strcmp(id, "habiles") == 0 ? "prosimos " : "", id);
        for (size_t k = 0; k < c->n_cals; k++) {
            if (strcmp(c->cal_ids[k], id) == 0) {
                return flujo__pro_fail(c, it, p, "calendar '%s' is defined twice", id);
            }
        }
        flujo__week_t w = {0};
        char pp[96];
        snprintf(pp, sizeof(pp), "%s.time_periods", p);
        if ((st = flujo__pro_periods(c, flujo__yaml_get(it, "time_periods"), pp, &w)) != FLUJO_OK) {
            free(w.iv);
            free(w.wd);
            return st;
        }
        flujo__ynode_t *cal = flujo__week_tree(&w, c->file, it->line);
        if (cal == NULL) {
            return flujo__pro_fail(c, it, p, "calendar '%s' is never open", id);
        }
        /* the week's days and intervals, in order, as its signature */
        flujo_sbuf_t sig;
        flujo_sbuf_init(&sig);
        const flujo__ynode_t *week = cal->items[0];
        for (size_t d = 0; d < week->n; d++) {
            flujo_sbuf_printf(&sig, "%s:", week->keys[d]);
            for (size_t k = 0; k < week->items[d]->n; k++) {
                flujo_sbuf_printf(&sig, "%s,", week->items[d]->items[k]->value);
            }
        }
        flujo__yaml_map_add(out, name, it->line, cal);
        c->cal_ids[c->n_cals] = id;
        c->cal_sigs[c->n_cals] = flujo_sbuf_take(&sig);
        c->cal_names[c->n_cals++] = flujo_xstrdup(name);
    }
    return st;
}

const char *flujo__pro_calendar_sig(const flujo__pro_ctx_t *c, const char *id)
{
    for (size_t k = 0; k < c->n_cals; k++) {
        if (strcmp(c->cal_ids[k], id) == 0) {
            return c->cal_sigs[k];
        }
    }
    return "";
}

const char *flujo__pro_calendar_name(const flujo__pro_ctx_t *c, const char *id)
{
    for (size_t k = 0; k < c->n_cals; k++) {
        if (strcmp(c->cal_ids[k], id) == 0) {
            return c->cal_names[k];
        }
    }
    return NULL;
}
