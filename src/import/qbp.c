/* qbp.c - QBP simulation parameters inside a BPMN file, as a flujo scenario tree.
 *
 * QBP (processSimulationInfo): processInstances (cases: N), startDateTime, arrivalRateDistribution
 * in the default timetable, timetables (rules, holidays), resources (totalAmount, costPerHour,
 * timetableId), elements (durationDistribution, resourceIds), sequenceFlows
 * (executionProbability). QBP times are seconds; EXPONENTIAL's mean is arg1, NORMAL's sd arg1,
 * LOGNORMAL's and GAMMA's variance arg1, UNIFORM min arg1 and max arg2, TRIANGULAR mode mean,
 * min arg1, max arg2. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "import/bpmn_sim_int.h"

/* A QBP distribution element as flujo text (values in seconds). */
static flujo_status_t qbp_dist(flujo__sim_ctx_t *c, xmlNodePtr d, char *buf, size_t n)
{
    char *type = flujo__sim_prop(d, "type");
    double mean = NAN, a1 = NAN, a2 = NAN;
    flujo__sim_num_prop(d, "mean", &mean);
    flujo__sim_num_prop(d, "arg1", &a1);
    flujo__sim_num_prop(d, "arg2", &a2);
    char t1[64], t2[64], t3[64];
    flujo_status_t st = FLUJO_OK;
    if (type == NULL) {
        st = flujo__sim_fail(c, d, "<%s>: missing type", (const char *)d->name);
    } else if (strcmp(type, "FIXED") == 0 && !isnan(mean)) {
        flujo__imp_seconds(mean, buf, n);
    } else if (strcmp(type, "EXPONENTIAL") == 0 && (a1 > 0 || mean > 0)) {
        /* the mean is arg1 (the mean attribute is unused); some writers put it in mean */
        snprintf(buf, n, "exponential(%s)", flujo__imp_seconds(a1 > 0 ? a1 : mean, t1, sizeof(t1)));
    } else if (strcmp(type, "NORMAL") == 0 && !isnan(mean) && !isnan(a1)) {
        snprintf(buf, n, "normal(%s, %s)", flujo__imp_seconds(mean, t1, sizeof(t1)),
                 flujo__imp_seconds(a1, t2, sizeof(t2)));
    } else if (strcmp(type, "UNIFORM") == 0 && !isnan(a1) && !isnan(a2)) {
        snprintf(buf, n, "uniform(%s, %s)", flujo__imp_seconds(a1, t1, sizeof(t1)),
                 flujo__imp_seconds(a2, t2, sizeof(t2)));
    } else if (strcmp(type, "TRIANGULAR") == 0 && !isnan(mean) && !isnan(a1) && !isnan(a2)) {
        snprintf(buf, n, "triangular(%s, %s, %s)", flujo__imp_seconds(a1, t1, sizeof(t1)),
                 flujo__imp_seconds(mean, t2, sizeof(t2)), flujo__imp_seconds(a2, t3, sizeof(t3)));
    } else if ((strcmp(type, "LOGNORMAL") == 0 || strcmp(type, "GAMMA") == 0) && !isnan(mean) &&
               a1 >= 0) {
        snprintf(buf, n, "%s(%s, %s)", strcmp(type, "GAMMA") == 0 ? "gamma" : "lognormal",
                 flujo__imp_seconds(mean, t1, sizeof(t1)),
                 flujo__imp_seconds(sqrt(a1), t2, sizeof(t2)));
    } else if (strcmp(type, "FIXED") == 0 || strcmp(type, "EXPONENTIAL") == 0 ||
               strcmp(type, "NORMAL") == 0 || strcmp(type, "UNIFORM") == 0 ||
               strcmp(type, "TRIANGULAR") == 0 || strcmp(type, "LOGNORMAL") == 0 ||
               strcmp(type, "GAMMA") == 0) {
        st = flujo__sim_fail(c, d, "<%s type=\"%s\">: missing or invalid mean, arg1 or arg2",
                             (const char *)d->name, type);
    } else {
        st = flujo__sim_fail(
            c, d,
            "<%s>: distribution %s is not supported (FIXED, EXPONENTIAL, NORMAL, UNIFORM, "
            "TRIANGULAR, LOGNORMAL, GAMMA are)",
            (const char *)d->name, type);
    }
    free(type);
    return st;
}

/* The calendar name of timetable id (its id, prefixed when flujo keeps the name). */
static void qbp_calendar_name(const char *id, char *buf, size_t n)
{
    snprintf(buf, n, "%s%s", strcmp(id, "always") == 0 || strcmp(id, "habiles") == 0 ? "qbp " : "",
             id);
}

static flujo_status_t qbp_timetables(flujo__sim_ctx_t *c, xmlNodePtr info, flujo__ynode_t *cals,
                                     char **default_cal)
{
    xmlNodePtr tts = flujo__sim_child(info, NS_QBP, "timetables");
    xmlNodePtr hols = flujo__sim_child(info, NS_QBP, "holidays");
    for (xmlNodePtr t = tts != NULL ? tts->children : NULL; t != NULL; t = t->next) {
        if (!flujo__sim_is_el(t, NS_QBP, "timetable")) {
            continue;
        }
        char *id = flujo__sim_prop(t, "id"), *def = flujo__sim_prop(t, "default"),
             *hid = flujo__sim_prop(t, "holidaysId");
        if (id == NULL) {
            free(def);
            free(hid);
            return flujo__sim_fail(c, t, "<timetable>: missing id");
        }
        flujo__week_t w = {0};
        xmlNodePtr rules = flujo__sim_child(t, NS_QBP, "rules");
        for (xmlNodePtr r = rules != NULL ? rules->children : NULL; r != NULL; r = r->next) {
            if (!flujo__sim_is_el(r, NS_QBP, "rule")) {
                continue;
            }
            char *ft = flujo__sim_prop(r, "fromTime"), *tt = flujo__sim_prop(r, "toTime");
            char *fd = flujo__sim_prop(r, "fromWeekDay"), *td = flujo__sim_prop(r, "toWeekDay");
            int a = ft != NULL ? flujo__imp_clock(ft) : -1,
                b = tt != NULL ? flujo__imp_clock(tt) : -1;
            int d1 = fd != NULL ? flujo__imp_weekday(fd) : -1;
            int d2 = td != NULL ? flujo__imp_weekday(td) : d1;
            free(ft);
            free(tt);
            free(fd);
            free(td);
            if (a < 0 || b < 0 || d1 < 0 || d2 < 0) {
                free(w.iv);
                free(w.wd);
                free(id);
                free(def);
                free(hid);
                return flujo__sim_fail(c, r,
                                       "<rule>: expected fromTime and toTime like 09:00:00.000 and "
                                       "fromWeekDay (toWeekDay) like MONDAY");
            }
            b = b == 0 && a > 0 ? 86400 : b;
            if (b > a) {
                flujo__week_add(&w, d1, d2, a, b);
            }
        }
        char name[300];
        qbp_calendar_name(id, name, sizeof(name));
        flujo__ynode_t *cal = flujo__week_tree(&w, c->file, flujo__sim_line_of(t));
        if (cal == NULL) {
            free(id);
            free(def);
            free(hid);
            return flujo__sim_fail(c, t, "timetable '%s' is never open", name);
        }
        /* its holidays */
        for (xmlNodePtr hs = hols != NULL ? hols->children : NULL; hs != NULL && hid != NULL;
             hs = hs->next) {
            char *hsid =
                flujo__sim_is_el(hs, NS_QBP, "holidays") ? flujo__sim_prop(hs, "id") : NULL;
            if (hsid != NULL && strcmp(hsid, hid) == 0) {
                flujo__ynode_t *list = flujo__yaml_new_seq(c->file, flujo__sim_line_of(hs));
                for (xmlNodePtr h = hs->children; h != NULL; h = h->next) {
                    char *date =
                        flujo__sim_is_el(h, NS_QBP, "holiday") ? flujo__sim_prop(h, "date") : NULL;
                    if (date != NULL && strlen(date) >= 10) {
                        date[10] = '\0';
                        flujo__yaml_seq_add(
                            list, flujo__yaml_new_scalar(date, c->file, flujo__sim_line_of(h)));
                    }
                    free(date);
                }
                flujo__yaml_map_add(cal, "holidays", flujo__sim_line_of(hs), list);
            }
            free(hsid);
        }
        flujo__yaml_map_add(cals, name, flujo__sim_line_of(t), cal);
        if (def != NULL && strcmp(def, "true") == 0 && *default_cal == NULL) {
            *default_cal = flujo_xstrdup(name);
        }
        free(id);
        free(def);
        free(hid);
    }
    return FLUJO_OK;
}

static flujo_status_t qbp_resources(flujo__sim_ctx_t *c, xmlNodePtr info, flujo__ynode_t *res,
                                    flujo_strmap_t *names, char ***owned, size_t *n_owned)
{
    xmlNodePtr rs = flujo__sim_child(info, NS_QBP, "resources");
    for (xmlNodePtr r = rs != NULL ? rs->children : NULL; r != NULL; r = r->next) {
        if (!flujo__sim_is_el(r, NS_QBP, "resource")) {
            continue;
        }
        char *id = flujo__sim_prop(r, "id"), *name = flujo__sim_prop(r, "name"),
             *tt = flujo__sim_prop(r, "timetableId");
        double amount = 1, cost = 0;
        if (id == NULL || (flujo__sim_num_prop(r, "totalAmount", &amount) &&
                           (amount != floor(amount) || amount < 1 || amount > 1000000))) {
            free(id);
            free(name);
            free(tt);
            return flujo__sim_fail(c, r,
                                   "<resource>: expected an id and a totalAmount of at least 1");
        }
        flujo__sim_num_prop(r, "costPerHour", &cost);
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        flujo_sbuf_printf(&b, "%s", name != NULL && name[0] ? name : id);
        if (flujo__yaml_get(res, b.s) != NULL) {
            flujo_sbuf_printf(&b, " [%s]", id);
        }
        char *pool = flujo_sbuf_take(&b);
        flujo__ynode_t *pn = flujo__yaml_new_map(c->file, flujo__sim_line_of(r));
        flujo__yaml_map_add(pn, "count", flujo__sim_line_of(r),
                            flujo__imp_scalarf(c->file, flujo__sim_line_of(r), "%.0f", amount));
        flujo__yaml_map_add(
            pn, "cost_per_hour", flujo__sim_line_of(r),
            flujo__imp_scalarf(c->file, flujo__sim_line_of(r), "%.17g", cost < 0 ? 0 : cost));
        if (tt != NULL && tt[0]) {
            char cal[300];
            qbp_calendar_name(tt, cal, sizeof(cal));
            flujo__yaml_map_add(pn, "calendar", flujo__sim_line_of(r),
                                flujo__yaml_new_scalar(cal, c->file, flujo__sim_line_of(r)));
        }
        flujo__yaml_map_add(res, pool, flujo__sim_line_of(r), pn);
        flujo_grow((void **)owned, n_owned, *n_owned + 1, sizeof(char *));
        (*owned)[*n_owned - 1] = pool;
        int64_t old;
        flujo_strmap_put(names, id, (int64_t)(*n_owned - 1), &old);
        free(id);
        free(name);
        free(tt);
    }
    return FLUJO_OK;
}

static flujo_status_t qbp_tasks(flujo__sim_ctx_t *c, xmlNodePtr info, flujo__ynode_t *tasks,
                                const flujo_strmap_t *names, char **pools)
{
    xmlNodePtr es = flujo__sim_child(info, NS_QBP, "elements");
    for (xmlNodePtr e = es != NULL ? es->children : NULL; e != NULL; e = e->next) {
        if (!flujo__sim_is_el(e, NS_QBP, "element")) {
            continue;
        }
        char *eid = flujo__sim_prop(e, "elementId");
        if (eid == NULL) {
            return flujo__sim_fail(c, e, "<element>: missing elementId");
        }
        flujo__ynode_t *tn = flujo__yaml_new_map(c->file, flujo__sim_line_of(e));
        flujo__yaml_map_add(tasks, eid, flujo__sim_line_of(e), tn);
        free(eid);
        xmlNodePtr d = flujo__sim_child(e, NS_QBP, "durationDistribution");
        if (d != NULL) {
            char buf[512];
            flujo_status_t st = qbp_dist(c, d, buf, sizeof(buf));
            if (st != FLUJO_OK) {
                return st;
            }
            flujo__yaml_map_add(tn, "duration", flujo__sim_line_of(d),
                                flujo__yaml_new_scalar(buf, c->file, flujo__sim_line_of(d)));
        }
        double fixed;
        if (flujo__sim_num_prop(e, "fixedCost", &fixed) && fixed != 0) {
            flujo__sim_note(c, e, "ignored-cost",
                            "the fixed cost of a task is left out (flujo costs the "
                            "performers' time)");
        }
        xmlNodePtr ids = flujo__sim_child(e, NS_QBP, "resourceIds");
        flujo__ynode_t *alts = flujo__yaml_new_seq(c->file, flujo__sim_line_of(ids));
        for (xmlNodePtr r = ids != NULL ? ids->children : NULL; r != NULL; r = r->next) {
            if (!flujo__sim_is_el(r, NS_QBP, "resourceId")) {
                continue;
            }
            xmlChar *txt = xmlNodeGetContent(r);
            int64_t k;
            bool ok = txt != NULL && flujo_strmap_get(names, (const char *)txt, &k);
            if (!ok) {
                flujo_status_t st =
                    flujo__sim_fail(c, r, "<resourceId>: '%s' is not one of the resources",
                                    txt != NULL ? (const char *)txt : "");
                xmlFree(txt);
                flujo__yaml_free(alts);
                return st;
            }
            xmlFree(txt);
            flujo__yaml_seq_add(alts,
                                flujo__yaml_new_scalar(pools[k], c->file, flujo__sim_line_of(r)));
        }
        if (alts->n == 1) {
            flujo__yaml_map_add(tn, "resource", alts->line,
                                flujo__yaml_new_scalar(alts->items[0]->value, c->file, alts->line));
            flujo__yaml_free(alts);
        } else if (alts->n > 1) {
            flujo__yaml_map_add(tn, "resource", alts->line, alts);
        } else {
            flujo__yaml_free(alts);
        }
    }
    return FLUJO_OK;
}

flujo_status_t flujo__qbp(flujo__sim_ctx_t *c, xmlNodePtr info, flujo__ynode_t *out)
{
    flujo_status_t st = FLUJO_OK;
    long ln = flujo__sim_line_of(info);
    double cases;
    if (flujo__sim_num_prop(info, "processInstances", &cases)) {
        if (cases != floor(cases) || cases < 1) {
            return flujo__sim_fail(c, info,
                                   "processInstances: expected a whole number of at least 1");
        }
        flujo__yaml_map_add(out, "cases", ln, flujo__imp_scalarf(c->file, ln, "%.0f", cases));
    }
    char *sdt = flujo__sim_prop(info, "startDateTime");
    char start[32];
    if (sdt != NULL && sdt[0] && flujo__sim_start_text(sdt, start, sizeof(start))) {
        flujo__yaml_map_add(out, "start", ln, flujo__yaml_new_scalar(start, c->file, ln));
    } else if (sdt != NULL && sdt[0]) {
        st = flujo__sim_fail(c, info, "startDateTime: '%s' is not a date and time", sdt);
        free(sdt);
        return st;
    }
    free(sdt);
    flujo__ynode_t *cals = flujo__yaml_new_map(c->file, ln);
    flujo__yaml_map_add(out, "calendars", ln, cals);
    char *default_cal = NULL;
    if ((st = qbp_timetables(c, info, cals, &default_cal)) != FLUJO_OK) {
        free(default_cal);
        return st;
    }
    flujo__ynode_t *res = flujo__yaml_new_map(c->file, ln);
    flujo__yaml_map_add(out, "resources", ln, res);
    flujo_strmap_t names;
    flujo_strmap_init(&names);
    char **pools = NULL;
    size_t n_pools = 0;
    st = qbp_resources(c, info, res, &names, &pools, &n_pools);
    flujo__ynode_t *tasks = flujo__yaml_new_map(c->file, ln);
    flujo__yaml_map_add(out, "tasks", ln, tasks);
    if (st == FLUJO_OK) {
        st = qbp_tasks(c, info, tasks, &names, pools);
    }
    flujo_strmap_destroy(&names);
    for (size_t i = 0; i < n_pools; i++) {
        free(pools[i]);
    }
    free(pools);
    /* the flows' probabilities */
    xmlNodePtr sfs = flujo__sim_child(info, NS_QBP, "sequenceFlows");
    for (xmlNodePtr f = sfs != NULL ? sfs->children : NULL; f != NULL && st == FLUJO_OK;
         f = f->next) {
        char *fid =
            flujo__sim_is_el(f, NS_QBP, "sequenceFlow") ? flujo__sim_prop(f, "elementId") : NULL;
        double p;
        if (fid != NULL && fid[0] && flujo__sim_num_prop(f, "executionProbability", &p)) {
            if (p < 0) {
                st = flujo__sim_fail(c, f, "executionProbability: cannot be negative");
            } else {
                flujo__sim_flow_weight(c, f, fid, p);
            }
        }
        free(fid);
    }
    /* arrivals, in the default timetable */
    xmlNodePtr ad = flujo__sim_child(info, NS_QBP, "arrivalRateDistribution");
    if (st == FLUJO_OK && ad == NULL) {
        st = flujo__sim_fail(c, info, "<processSimulationInfo>: missing arrivalRateDistribution");
    }
    char buf[512];
    if (st == FLUJO_OK && (st = qbp_dist(c, ad, buf, sizeof(buf))) == FLUJO_OK) {
        flujo__ynode_t *arrivals = flujo__yaml_new_seq(c->file, flujo__sim_line_of(ad));
        flujo__ynode_t *a = flujo__yaml_new_map(c->file, flujo__sim_line_of(ad));
        flujo__yaml_map_add(a, "interarrival", flujo__sim_line_of(ad),
                            flujo__yaml_new_scalar(buf, c->file, flujo__sim_line_of(ad)));
        if (default_cal != NULL) {
            flujo__yaml_map_add(
                a, "calendar", flujo__sim_line_of(ad),
                flujo__yaml_new_scalar(default_cal, c->file, flujo__sim_line_of(ad)));
        }
        flujo__yaml_seq_add(arrivals, a);
        flujo__yaml_map_add(out, "arrivals", flujo__sim_line_of(ad), arrivals);
    }
    free(default_cal);
    if (flujo__sim_child(info, NS_QBP, "statsOptions") != NULL) {
        flujo__sim_note(
            c, flujo__sim_child(info, NS_QBP, "statsOptions"), "ignored-stats",
            "statsOptions (trimming cases from the statistics) is left out: flujo counts every "
            "case of a run with cases: N");
    }
    return st;
}
