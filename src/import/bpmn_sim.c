/* bpmn_sim.c - the simulation parameters some modelling tools keep inside the BPMN file, as a
 * flujo scenario tree: BPSim 1.0 and 2.0 (the WfMC standard: Signavio, Trisotech, Cardanit,
 * Sparx, jBPM) and QBP (BIMP, Apromore, Simod before Prosimos).
 *
 * Real exports bend their schemas (elements out of order, calendars elsewhere, probabilities as
 * percentages): elements are found by namespace and local name wherever they are, and what is
 * unambiguous is read; the rest is refused naming the element, or left out with a note.
 *
 * BPSim (of the first Scenario, with the scenarios it inherits from):
 *   ScenarioParameters replication, seed, baseTimeUnit; Start, Duration, Warmup
 *   start events   ControlParameters/InterTriggerTimer (arrivals), TriggerCount (cases: N)
 *   tasks          TimeParameters ProcessingTime + SetUpTime + ValidationTime + ReworkTime (work);
 *                  ResourceParameters/Selection getResource('id', n) [| getResource(...)]
 *   resources      ResourceParameters/Quantity (performers; a value valid in a calendar makes it
 *                  the pool's calendar), CostParameters/UnitCost (per base time unit)
 *   tasks (jBPM)   ResourceParameters/Quantity on the task itself: a pool of its own
 *   flows          ControlParameters/Probability (weights, normalised per gateway)
 *   catch events   InterTriggerTimer or a TimeParameters value: their duration
 *   Calendar       iCalendar VEVENTs with DTSTART, DTEND and a weekly or daily RRULE
 * QBP (processSimulationInfo): processInstances (cases: N), startDateTime, arrivalRateDistribution
 * in the default timetable, timetables (rules, holidays), resources (totalAmount, costPerHour,
 * timetableId), elements (durationDistribution, resourceIds), sequenceFlows
 * (executionProbability). QBP times are seconds; EXPONENTIAL's mean is arg1, NORMAL's sd arg1,
 * LOGNORMAL's and GAMMA's variance arg1, UNIFORM min arg1 and max arg2, TRIANGULAR mode mean,
 * min arg1, max arg2. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "bpmn/bpmn_int.h"
#include "flujo_calendar.h"
#include "flujo_dist.h"
#include "import/import_int.h"

#define NS_BPSIM1 "http://www.bpsim.org/schemas/1.0"
#define NS_BPSIM2 "http://www.bpsim.org/schemas/2.0"
#define NS_QBP    "http://www.qbp-simulator.com/Schema201212"

typedef struct ctx {
    const char *file;
    flujo_err_t *err;
    flujo_diags_t *notes;
    xmlNodePtr root;
    const char *ns; /* the parameters' namespace */
    flujo__ynode_t *gateways;
} ctx_t;

/* ---- XML helpers ---------------------------------------------------------------------------- */

static bool in_ns(xmlNodePtr n, const char *ns)
{
    return n->ns != NULL && n->ns->href != NULL && strcmp((const char *)n->ns->href, ns) == 0;
}

static bool is_el(xmlNodePtr n, const char *ns, const char *name)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
           (ns == NULL || in_ns(n, ns));
}

static long line_of(xmlNodePtr n)
{
    return n != NULL ? xmlGetLineNo(n) : 0;
}

/* The first (last) element named name in namespace ns at or below n, in document order. */
static xmlNodePtr find(xmlNodePtr n, const char *ns, const char *name, bool last)
{
    xmlNodePtr found = NULL;
    for (; n != NULL; n = n->next) {
        if (is_el(n, ns, name)) {
            if (!last) {
                return n;
            }
            found = n;
        }
        if (n->type == XML_ELEMENT_NODE) {
            xmlNodePtr f = find(n->children, ns, name, last);
            if (f != NULL) {
                if (!last) {
                    return f;
                }
                found = f;
            }
        }
    }
    return found;
}

static xmlNodePtr child(xmlNodePtr n, const char *ns, const char *name)
{
    for (xmlNodePtr c = n != NULL ? n->children : NULL; c != NULL; c = c->next) {
        if (is_el(c, ns, name)) {
            return c;
        }
    }
    return NULL;
}

/* An attribute's value, owned by the caller (free), or NULL. */
static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (v == NULL) {
        return NULL;
    }
    char *s = flujo_xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

/* A numeric attribute; false when absent, empty, "NaN" or not a number. */
static bool num_prop(xmlNodePtr n, const char *name, double *out)
{
    char *v = prop(n, name);
    bool ok = v != NULL && flujo_parse_number(v, out) && isfinite(*out);
    free(v);
    return ok;
}

static flujo_status_t fail(ctx_t *c, xmlNodePtr n, const char *fmt, ...) FLUJO_PRINTF(3, 4);

static flujo_status_t fail(ctx_t *c, xmlNodePtr n, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return flujo__imp_fail(c->err, c->file, line_of(n), "%s", msg);
}

static void note(ctx_t *c, xmlNodePtr n, const char *code, const char *fmt, ...) FLUJO_PRINTF(4, 5);

static void note(ctx_t *c, xmlNodePtr n, const char *code, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, code, NULL, c->file, line_of(n), "%s", msg);
}

/* The BPMN element with this id (any namespace), or NULL. */
static xmlNodePtr by_id(xmlNodePtr n, const char *id)
{
    for (; n != NULL; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (in_ns(n, FLUJO__NS_MODEL)) {
            xmlChar *v = xmlGetProp(n, (const xmlChar *)"id");
            bool hit = v != NULL && strcmp((const char *)v, id) == 0;
            xmlFree(v);
            if (hit) {
                return n;
            }
        }
        xmlNodePtr f = by_id(n->children, id);
        if (f != NULL) {
            return f;
        }
    }
    return NULL;
}

static bool name_ends(xmlNodePtr n, const char *suffix)
{
    size_t a = strlen((const char *)n->name), b = strlen(suffix);
    return a >= b && strcmp((const char *)n->name + a - b, suffix) == 0;
}

/* ---- gateways from flow probabilities -------------------------------------------------------- */

/* Adds probability p (a weight) of flow id to its source gateway in c->gateways. */
static void flow_weight(ctx_t *c, xmlNodePtr at, const char *flow, double p)
{
    xmlNodePtr f = by_id(c->root, flow);
    char *src =
        f != NULL && is_el(f, FLUJO__NS_MODEL, "sequenceFlow") ? prop(f, "sourceRef") : NULL;
    xmlNodePtr g = src != NULL ? by_id(c->root, src) : NULL;
    if (g == NULL || !name_ends(g, "Gateway")) {
        note(c, at, "ignored-probability",
             "the probability of flow '%s' is left out: the flow does not leave a gateway", flow);
        free(src);
        return;
    }
    if (c->gateways == NULL) {
        c->gateways = flujo__yaml_new_map(c->file, line_of(at));
    }
    flujo__ynode_t *gm = flujo__yaml_get(c->gateways, src);
    if (gm == NULL) {
        gm = flujo__yaml_new_map(c->file, line_of(at));
        flujo__yaml_map_add(c->gateways, src, line_of(at), gm);
    }
    flujo__yaml_map_add(gm, flow, line_of(at),
                        flujo__imp_scalarf(c->file, line_of(at), "%.17g", p));
    free(src);
}

/* Turns each gateway's weights into probabilities adding up to 1. */
static flujo_status_t normalise_gateways(ctx_t *c)
{
    for (size_t i = 0; c->gateways != NULL && i < c->gateways->n; i++) {
        flujo__ynode_t *gm = c->gateways->items[i];
        double sum = 0, v;
        for (size_t k = 0; k < gm->n; k++) {
            flujo_parse_number(gm->items[k]->value, &v);
            sum += v;
        }
        if (!(sum > 0)) {
            return flujo__imp_fail(c->err, c->file, gm->line,
                                   "the probabilities of the flows leaving gateway '%s' add up "
                                   "to 0",
                                   c->gateways->keys[i]);
        }
        if (fabs(sum - 1) > 1e-6) {
            flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "normalised", c->gateways->keys[i],
                               c->file, gm->line,
                               "the probabilities of the flows leaving gateway '%s' add up to "
                               "%.6g: divided by it",
                               c->gateways->keys[i], sum);
        }
        for (size_t k = 0; k < gm->n; k++) {
            flujo_parse_number(gm->items[k]->value, &v);
            free(gm->items[k]->value);
            char buf[64];
            snprintf(buf, sizeof(buf), "%.17g", v / sum);
            gm->items[k]->value = flujo_xstrdup(buf);
        }
    }
    return FLUJO_OK;
}

/* "2024-01-01T09:00:00.000+00:00" as flujo's start (local time as written, to the second). */
static bool start_text(const char *v, char *buf, size_t n)
{
    if (v == NULL || strlen(v) < 10) {
        return false;
    }
    size_t len = 10;
    if (v[10] == 'T' || v[10] == ' ') {
        len = 11;
        while (v[len] != '\0' && (isdigit((unsigned char)v[len]) || v[len] == ':') && len < 19) {
            len++;
        }
    }
    if (len >= n) {
        return false;
    }
    memcpy(buf, v, len);
    buf[len] = '\0';
    if (buf[10] == ' ') {
        buf[10] = 'T';
    }
    long day;
    double sec;
    return flujo_parse_datetime(buf, &day, &sec);
}

/* ---- QBP ------------------------------------------------------------------------------------ */

/* A QBP distribution element as flujo text (values in seconds). */
static flujo_status_t qbp_dist(ctx_t *c, xmlNodePtr d, char *buf, size_t n)
{
    char *type = prop(d, "type");
    double mean = NAN, a1 = NAN, a2 = NAN;
    num_prop(d, "mean", &mean);
    num_prop(d, "arg1", &a1);
    num_prop(d, "arg2", &a2);
    char t1[64], t2[64], t3[64];
    flujo_status_t st = FLUJO_OK;
    if (type == NULL) {
        st = fail(c, d, "<%s>: missing type", (const char *)d->name);
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
        st = fail(c, d, "<%s type=\"%s\">: missing or invalid mean, arg1 or arg2",
                  (const char *)d->name, type);
    } else {
        st = fail(c, d,
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

static flujo_status_t qbp_timetables(ctx_t *c, xmlNodePtr info, flujo__ynode_t *cals,
                                     char **default_cal)
{
    xmlNodePtr tts = child(info, NS_QBP, "timetables");
    xmlNodePtr hols = child(info, NS_QBP, "holidays");
    for (xmlNodePtr t = tts != NULL ? tts->children : NULL; t != NULL; t = t->next) {
        if (!is_el(t, NS_QBP, "timetable")) {
            continue;
        }
        char *id = prop(t, "id"), *def = prop(t, "default"), *hid = prop(t, "holidaysId");
        if (id == NULL) {
            free(def);
            free(hid);
            return fail(c, t, "<timetable>: missing id");
        }
        flujo__week_t w = {0};
        xmlNodePtr rules = child(t, NS_QBP, "rules");
        for (xmlNodePtr r = rules != NULL ? rules->children : NULL; r != NULL; r = r->next) {
            if (!is_el(r, NS_QBP, "rule")) {
                continue;
            }
            char *ft = prop(r, "fromTime"), *tt = prop(r, "toTime");
            char *fd = prop(r, "fromWeekDay"), *td = prop(r, "toWeekDay");
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
                return fail(c, r,
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
        flujo__ynode_t *cal = flujo__week_tree(&w, c->file, line_of(t));
        if (cal == NULL) {
            free(id);
            free(def);
            free(hid);
            return fail(c, t, "timetable '%s' is never open", name);
        }
        /* its holidays */
        for (xmlNodePtr hs = hols != NULL ? hols->children : NULL; hs != NULL && hid != NULL;
             hs = hs->next) {
            char *hsid = is_el(hs, NS_QBP, "holidays") ? prop(hs, "id") : NULL;
            if (hsid != NULL && strcmp(hsid, hid) == 0) {
                flujo__ynode_t *list = flujo__yaml_new_seq(c->file, line_of(hs));
                for (xmlNodePtr h = hs->children; h != NULL; h = h->next) {
                    char *date = is_el(h, NS_QBP, "holiday") ? prop(h, "date") : NULL;
                    if (date != NULL && strlen(date) >= 10) {
                        date[10] = '\0';
                        flujo__yaml_seq_add(list,
                                            flujo__yaml_new_scalar(date, c->file, line_of(h)));
                    }
                    free(date);
                }
                flujo__yaml_map_add(cal, "holidays", line_of(hs), list);
            }
            free(hsid);
        }
        flujo__yaml_map_add(cals, name, line_of(t), cal);
        if (def != NULL && strcmp(def, "true") == 0 && *default_cal == NULL) {
            *default_cal = flujo_xstrdup(name);
        }
        free(id);
        free(def);
        free(hid);
    }
    return FLUJO_OK;
}

static flujo_status_t qbp_resources(ctx_t *c, xmlNodePtr info, flujo__ynode_t *res,
                                    flujo_strmap_t *names, char ***owned, size_t *n_owned)
{
    xmlNodePtr rs = child(info, NS_QBP, "resources");
    for (xmlNodePtr r = rs != NULL ? rs->children : NULL; r != NULL; r = r->next) {
        if (!is_el(r, NS_QBP, "resource")) {
            continue;
        }
        char *id = prop(r, "id"), *name = prop(r, "name"), *tt = prop(r, "timetableId");
        double amount = 1, cost = 0;
        if (id == NULL || (num_prop(r, "totalAmount", &amount) &&
                           (amount != floor(amount) || amount < 1 || amount > 1000000))) {
            free(id);
            free(name);
            free(tt);
            return fail(c, r, "<resource>: expected an id and a totalAmount of at least 1");
        }
        num_prop(r, "costPerHour", &cost);
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        flujo_sbuf_printf(&b, "%s", name != NULL && name[0] ? name : id);
        if (flujo__yaml_get(res, b.s) != NULL) {
            flujo_sbuf_printf(&b, " [%s]", id);
        }
        char *pool = flujo_sbuf_take(&b);
        flujo__ynode_t *pn = flujo__yaml_new_map(c->file, line_of(r));
        flujo__yaml_map_add(pn, "count", line_of(r),
                            flujo__imp_scalarf(c->file, line_of(r), "%.0f", amount));
        flujo__yaml_map_add(pn, "cost_per_hour", line_of(r),
                            flujo__imp_scalarf(c->file, line_of(r), "%.17g", cost < 0 ? 0 : cost));
        if (tt != NULL && tt[0]) {
            char cal[300];
            qbp_calendar_name(tt, cal, sizeof(cal));
            flujo__yaml_map_add(pn, "calendar", line_of(r),
                                flujo__yaml_new_scalar(cal, c->file, line_of(r)));
        }
        flujo__yaml_map_add(res, pool, line_of(r), pn);
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

static flujo_status_t qbp_tasks(ctx_t *c, xmlNodePtr info, flujo__ynode_t *tasks,
                                const flujo_strmap_t *names, char **pools)
{
    xmlNodePtr es = child(info, NS_QBP, "elements");
    for (xmlNodePtr e = es != NULL ? es->children : NULL; e != NULL; e = e->next) {
        if (!is_el(e, NS_QBP, "element")) {
            continue;
        }
        char *eid = prop(e, "elementId");
        if (eid == NULL) {
            return fail(c, e, "<element>: missing elementId");
        }
        flujo__ynode_t *tn = flujo__yaml_new_map(c->file, line_of(e));
        flujo__yaml_map_add(tasks, eid, line_of(e), tn);
        free(eid);
        xmlNodePtr d = child(e, NS_QBP, "durationDistribution");
        if (d != NULL) {
            char buf[512];
            flujo_status_t st = qbp_dist(c, d, buf, sizeof(buf));
            if (st != FLUJO_OK) {
                return st;
            }
            flujo__yaml_map_add(tn, "duration", line_of(d),
                                flujo__yaml_new_scalar(buf, c->file, line_of(d)));
        }
        double fixed;
        if (num_prop(e, "fixedCost", &fixed) && fixed != 0) {
            note(c, e, "ignored-cost",
                 "the fixed cost of a task is left out (flujo costs the "
                 "performers' time)");
        }
        xmlNodePtr ids = child(e, NS_QBP, "resourceIds");
        flujo__ynode_t *alts = flujo__yaml_new_seq(c->file, line_of(ids));
        for (xmlNodePtr r = ids != NULL ? ids->children : NULL; r != NULL; r = r->next) {
            if (!is_el(r, NS_QBP, "resourceId")) {
                continue;
            }
            xmlChar *txt = xmlNodeGetContent(r);
            int64_t k;
            bool ok = txt != NULL && flujo_strmap_get(names, (const char *)txt, &k);
            if (!ok) {
                flujo_status_t st = fail(c, r, "<resourceId>: '%s' is not one of the resources",
                                         txt != NULL ? (const char *)txt : "");
                xmlFree(txt);
                flujo__yaml_free(alts);
                return st;
            }
            xmlFree(txt);
            flujo__yaml_seq_add(alts, flujo__yaml_new_scalar(pools[k], c->file, line_of(r)));
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

static flujo_status_t qbp(ctx_t *c, xmlNodePtr info, flujo__ynode_t *out)
{
    flujo_status_t st = FLUJO_OK;
    long ln = line_of(info);
    double cases;
    if (num_prop(info, "processInstances", &cases)) {
        if (cases != floor(cases) || cases < 1) {
            return fail(c, info, "processInstances: expected a whole number of at least 1");
        }
        flujo__yaml_map_add(out, "cases", ln, flujo__imp_scalarf(c->file, ln, "%.0f", cases));
    }
    char *sdt = prop(info, "startDateTime");
    char start[32];
    if (sdt != NULL && sdt[0] && start_text(sdt, start, sizeof(start))) {
        flujo__yaml_map_add(out, "start", ln, flujo__yaml_new_scalar(start, c->file, ln));
    } else if (sdt != NULL && sdt[0]) {
        st = fail(c, info, "startDateTime: '%s' is not a date and time", sdt);
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
    xmlNodePtr sfs = child(info, NS_QBP, "sequenceFlows");
    for (xmlNodePtr f = sfs != NULL ? sfs->children : NULL; f != NULL && st == FLUJO_OK;
         f = f->next) {
        char *fid = is_el(f, NS_QBP, "sequenceFlow") ? prop(f, "elementId") : NULL;
        double p;
        if (fid != NULL && fid[0] && num_prop(f, "executionProbability", &p)) {
            if (p < 0) {
                st = fail(c, f, "executionProbability: cannot be negative");
            } else {
                flow_weight(c, f, fid, p);
            }
        }
        free(fid);
    }
    /* arrivals, in the default timetable */
    xmlNodePtr ad = child(info, NS_QBP, "arrivalRateDistribution");
    if (st == FLUJO_OK && ad == NULL) {
        st = fail(c, info, "<processSimulationInfo>: missing arrivalRateDistribution");
    }
    char buf[512];
    if (st == FLUJO_OK && (st = qbp_dist(c, ad, buf, sizeof(buf))) == FLUJO_OK) {
        flujo__ynode_t *arrivals = flujo__yaml_new_seq(c->file, line_of(ad));
        flujo__ynode_t *a = flujo__yaml_new_map(c->file, line_of(ad));
        flujo__yaml_map_add(a, "interarrival", line_of(ad),
                            flujo__yaml_new_scalar(buf, c->file, line_of(ad)));
        if (default_cal != NULL) {
            flujo__yaml_map_add(a, "calendar", line_of(ad),
                                flujo__yaml_new_scalar(default_cal, c->file, line_of(ad)));
        }
        flujo__yaml_seq_add(arrivals, a);
        flujo__yaml_map_add(out, "arrivals", line_of(ad), arrivals);
    }
    free(default_cal);
    if (child(info, NS_QBP, "statsOptions") != NULL) {
        note(c, child(info, NS_QBP, "statsOptions"), "ignored-stats",
             "statsOptions (trimming cases from the statistics) is left out: flujo counts every "
             "case of a run with cases: N");
    }
    return st;
}

/* ---- BPSim ---------------------------------------------------------------------------------- */

/* Seconds in a BPSim time unit; 0 if unknown. */
static double unit_seconds(const char *u)
{
    static const struct {
        const char *name;
        double s;
    } units[] = {{"ms", 0.001},  {"s", 1},           {"min", 60},   {"hour", 3600},
                 {"day", 86400}, {"year", 31536000}, {"second", 1}, {"minute", 60}};
    for (size_t i = 0; u != NULL && i < sizeof(units) / sizeof(units[0]); i++) {
        if (strcmp(u, units[i].name) == 0) {
            return units[i].s;
        }
    }
    return 0;
}

/* An ISO 8601 duration (PnYnMnDTnHnMnS; a month is 30 days, a year 365) in seconds, or -1. */
static double iso_seconds(const char *v)
{
    if (v == NULL || *v != 'P') {
        return -1;
    }
    double total = 0;
    bool in_time = false, any = false;
    for (const char *p = v + 1; *p;) {
        if (*p == 'T') {
            in_time = true;
            p++;
            continue;
        }
        char *end;
        double x = strtod(p, &end);
        if (end == p || x < 0) {
            return -1;
        }
        double unit = *end == 'Y'               ? 31536000
                      : *end == 'M' && !in_time ? 2592000
                      : *end == 'W'             ? 604800
                      : *end == 'D'             ? 86400
                      : *end == 'H'             ? 3600
                      : *end == 'M'             ? 60
                      : *end == 'S'             ? 1
                                                : -1;
        if (unit < 0) {
            return -1;
        }
        total += x * unit;
        any = true;
        p = end + 1;
    }
    return any ? total : -1;
}

/* Whether a value element is an input (not a result written back by a simulator). */
static bool is_input_value(xmlNodePtr v)
{
    if (v->type != XML_ELEMENT_NODE || is_el(v, NULL, "ResultRequest")) {
        return false;
    }
    xmlChar *r = xmlGetProp(v, (const xmlChar *)"result");
    bool result = r != NULL;
    xmlFree(r);
    return !result;
}

/* The value of a parameter: the one without validFor, else the first; *cal gets the validFor of
 * the one chosen (NULL if none). NULL when it holds no input value. */
static xmlNodePtr param_value(xmlNodePtr param, char **cal)
{
    xmlNodePtr first = NULL;
    *cal = NULL;
    for (xmlNodePtr v = param != NULL ? param->children : NULL; v != NULL; v = v->next) {
        if (!is_input_value(v)) {
            continue;
        }
        char *vf = prop(v, "validFor");
        if (vf == NULL) {
            return v;
        }
        free(vf);
        first = first != NULL ? first : v;
    }
    if (first != NULL) {
        *cal = prop(first, "validFor");
    }
    return first;
}

/* A BPSim parameter value as flujo duration text; unit: seconds per base time unit. */
static flujo_status_t bpsim_dist(ctx_t *c, xmlNodePtr v, double unit, char *buf, size_t n)
{
    const char *el = (const char *)v->name;
    char *tu = prop(v, "timeUnit");
    if (tu != NULL && unit_seconds(tu) > 0) {
        unit = unit_seconds(tu);
    }
    free(tu);
    double a = NAN, b = NAN, m = NAN;
    char t1[64], t2[64], t3[64];
    if (strcmp(el, "DurationParameter") == 0) {
        char *val = prop(v, "value");
        double s = iso_seconds(val);
        free(val);
        if (s < 0) {
            return fail(c, v, "<DurationParameter>: expected an ISO 8601 duration like PT30M");
        }
        flujo__imp_seconds(s, buf, n);
    } else if (strcmp(el, "FloatingParameter") == 0 || strcmp(el, "NumericParameter") == 0) {
        if (!num_prop(v, "value", &a) || a < 0) {
            return fail(c, v, "<%s>: expected a value of at least 0", el);
        }
        flujo__imp_seconds(a * unit, buf, n);
    } else if (strcmp(el, "NormalDistribution") == 0 || strcmp(el, "LogNormalDistribution") == 0 ||
               strcmp(el, "TruncatedNormalDistribution") == 0) {
        if (!num_prop(v, "mean", &m) || !num_prop(v, "standardDeviation", &a)) {
            return fail(c, v, "<%s>: expected mean and standardDeviation", el);
        }
        const char *fam = strcmp(el, "LogNormalDistribution") == 0 ? "lognormal" : "normal";
        int w = snprintf(buf, n, "%s(%s, %s)", fam, flujo__imp_seconds(m * unit, t1, sizeof(t1)),
                         flujo__imp_seconds(a * unit, t2, sizeof(t2)));
        if (strcmp(el, "TruncatedNormalDistribution") == 0) {
            double lo = 0, hi = 0;
            if (!num_prop(v, "min", &lo) || !num_prop(v, "max", &hi)) {
                return fail(c, v, "<%s>: expected min and max", el);
            }
            snprintf(buf + w, n - (size_t)w, " in [%s, %s]",
                     flujo__imp_seconds((lo > 0 ? lo : 0) * unit, t1, sizeof(t1)),
                     flujo__imp_seconds(hi * unit, t2, sizeof(t2)));
        }
    } else if (strcmp(el, "UniformDistribution") == 0) {
        if (!num_prop(v, "min", &a) || !num_prop(v, "max", &b)) {
            return fail(c, v, "<%s>: expected min and max", el);
        }
        snprintf(buf, n, "uniform(%s, %s)", flujo__imp_seconds(a * unit, t1, sizeof(t1)),
                 flujo__imp_seconds(b * unit, t2, sizeof(t2)));
    } else if (strcmp(el, "TriangularDistribution") == 0) {
        if (!num_prop(v, "min", &a) || !num_prop(v, "mode", &m) || !num_prop(v, "max", &b)) {
            return fail(c, v, "<%s>: expected min, mode and max", el);
        }
        snprintf(buf, n, "triangular(%s, %s, %s)", flujo__imp_seconds(a * unit, t1, sizeof(t1)),
                 flujo__imp_seconds(m * unit, t2, sizeof(t2)),
                 flujo__imp_seconds(b * unit, t3, sizeof(t3)));
    } else if (strcmp(el, "NegativeExponentialDistribution") == 0 ||
               strcmp(el, "ExponentialDistribution") == 0) {
        if (!num_prop(v, "mean", &m)) {
            return fail(c, v, "<%s>: expected mean", el);
        }
        snprintf(buf, n, "exponential(%s)", flujo__imp_seconds(m * unit, t1, sizeof(t1)));
    } else if (strcmp(el, "ErlangDistribution") == 0) {
        if (!num_prop(v, "mean", &m) || !num_prop(v, "k", &a)) {
            return fail(c, v, "<%s>: expected mean and k", el);
        }
        snprintf(buf, n, "erlang(%.17g, %s)", a, flujo__imp_seconds(m * unit, t1, sizeof(t1)));
    } else if (strcmp(el, "GammaDistribution") == 0 || strcmp(el, "WeibullDistribution") == 0) {
        if (!num_prop(v, "shape", &a) || !num_prop(v, "scale", &b) || !(a > 0) || !(b > 0)) {
            return fail(c, v, "<%s>: expected shape and scale above 0", el);
        }
        if (strcmp(el, "GammaDistribution") == 0) { /* as mean and sd: k theta, sqrt(k) theta */
            snprintf(buf, n, "gamma(%s, %s)", flujo__imp_seconds(a * b * unit, t1, sizeof(t1)),
                     flujo__imp_seconds(sqrt(a) * b * unit, t2, sizeof(t2)));
        } else {
            snprintf(buf, n, "weibull(%.17g, %s)", a, flujo__imp_seconds(b * unit, t1, sizeof(t1)));
        }
    } else if (strcmp(el, "UserDistribution") == 0) {
        /* discrete points: values repeated in proportion to their probabilities (to 1/1000) */
        flujo_sbuf_t s;
        flujo_sbuf_init(&s);
        flujo_sbuf_printf(&s, "empirical(");
        size_t k = 0;
        for (xmlNodePtr p = v->children; p != NULL; p = p->next) {
            if (!is_el(p, NULL, "UserDistributionDataPoint")) {
                continue;
            }
            double pr;
            xmlNodePtr pv = p->children;
            while (pv != NULL && pv->type != XML_ELEMENT_NODE) {
                pv = pv->next;
            }
            char one[512];
            if (!num_prop(p, "probability", &pr) || pv == NULL ||
                bpsim_dist(c, pv, unit, one, sizeof(one)) != FLUJO_OK || strchr(one, '(') != NULL) {
                flujo_sbuf_destroy(&s);
                return fail(c, p,
                            "<UserDistributionDataPoint>: expected a probability and a "
                            "constant value");
            }
            long copies = lround(pr * 1000);
            for (long i = 0; i < copies; i++) {
                flujo_sbuf_printf(&s, "%s%s", k++ ? ", " : "", one);
            }
        }
        flujo_sbuf_printf(&s, ")");
        if (k == 0) {
            flujo_sbuf_destroy(&s);
            return fail(c, v, "<UserDistribution>: no points");
        }
        snprintf(buf, n, "%s", s.s);
        bool fits = strlen(s.s) < n;
        flujo_sbuf_destroy(&s);
        if (!fits) {
            return fail(c, v, "<UserDistribution>: too many points");
        }
    } else {
        return fail(c, v,
                    "<%s> is not supported as a time (Normal, LogNormal, TruncatedNormal, "
                    "Uniform, Triangular, NegativeExponential, Erlang, Gamma, Weibull, User "
                    "distributions and constant or ISO 8601 durations are)",
                    el);
    }
    return FLUJO_OK;
}

/* A parameter (e.g. TimeParameters/ProcessingTime) of an ElementParameters, or NULL. */
static xmlNodePtr param(ctx_t *c, xmlNodePtr ep, const char *group, const char *name)
{
    xmlNodePtr g = child(ep, c->ns, group);
    return g != NULL ? child(g, c->ns, name) : NULL;
}

/* One BPSim calendar (iCalendar text) into a week. */
static flujo_status_t ical_week(ctx_t *c, xmlNodePtr cal, flujo__week_t *w)
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
                st = fail(c, cal, "Calendar: cannot read '%s'", ln);
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
                st = fail(c, cal, "Calendar: only weekly and daily repetitions are supported (%s)",
                          ln);
            }
        } else if (strncmp(ln, "END:VEVENT", 10) == 0 && in_event) {
            in_event = false;
            if (start < 0 || end < 0) {
                st = fail(c, cal, "Calendar: a VEVENT needs DTSTART and DTEND");
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

/* ElementParameters of the scenario and those it inherits, the scenario's own last (later ones
 * override earlier ones for the same element). */
typedef struct eparams {
    xmlNodePtr *ep;
    size_t n, cap;
} eparams_t;

static void collect_scenario(ctx_t *c, xmlNodePtr data, xmlNodePtr sc, int depth, eparams_t *out,
                             xmlNodePtr *sp)
{
    char *inh = prop(sc, "inherits");
    if (inh != NULL && depth < 16) {
        for (xmlNodePtr o = data->children; o != NULL; o = o->next) {
            char *id = is_el(o, c->ns, "Scenario") ? prop(o, "id") : NULL;
            if (id != NULL && strcmp(id, inh) == 0 && o != sc) {
                collect_scenario(c, data, o, depth + 1, out, sp);
            }
            free(id);
        }
    }
    free(inh);
    if (child(sc, c->ns, "ScenarioParameters") != NULL) {
        *sp = child(sc, c->ns, "ScenarioParameters");
    }
    for (xmlNodePtr e = sc->children; e != NULL; e = e->next) {
        if (is_el(e, c->ns, "ElementParameters")) {
            flujo_grow((void **)&out->ep, &out->cap, out->n + 1, sizeof(*out->ep));
            out->ep[out->n++] = e;
        }
    }
}

/* The id an ElementParameters refers to (its QName's local part), owned by the caller. */
static char *element_ref(xmlNodePtr ep)
{
    char *r = prop(ep, "elementRef");
    if (r != NULL && strchr(r, ':') != NULL) {
        char *l = flujo_xstrdup(strchr(r, ':') + 1);
        free(r);
        return l;
    }
    return r;
}

/* The latest ElementParameters group for element ref holding parameter group/name. */
static xmlNodePtr latest(ctx_t *c, const eparams_t *eps, const char *ref, const char *group,
                         const char *name)
{
    xmlNodePtr found = NULL;
    for (size_t i = 0; i < eps->n; i++) {
        char *r = element_ref(eps->ep[i]);
        if (r != NULL && strcmp(r, ref) == 0 && param(c, eps->ep[i], group, name) != NULL) {
            found = param(c, eps->ep[i], group, name);
        }
        free(r);
    }
    return found;
}

static const char *pool_name_of(xmlNodePtr el, const char *id, char *buf, size_t n)
{
    char *name = el != NULL ? prop(el, "name") : NULL;
    snprintf(buf, n, "%s", name != NULL && name[0] ? name : id);
    free(name);
    return buf;
}

/* Selection: getResource('id', n) [| getResource('id2', n2) ...] as a resource: node. */
static flujo_status_t selection(ctx_t *c, xmlNodePtr sel, flujo__ynode_t **out)
{
    char *cal = NULL;
    xmlNodePtr v = param_value(sel, &cal);
    free(cal);
    char *expr = v != NULL && is_el(v, NULL, "ExpressionParameter") ? prop(v, "value") : NULL;
    if (expr == NULL) {
        free(expr);
        return fail(c, sel, "Selection: expected an ExpressionParameter getResource('id', n)");
    }
    flujo__ynode_t *alts = flujo__yaml_new_seq(c->file, line_of(v));
    long units = 1;
    flujo_status_t st = FLUJO_OK;
    for (const char *p = strstr(expr, "getResource"); p != NULL && st == FLUJO_OK;
         p = strstr(p + 1, "getResource")) {
        const char *q = p[strlen("getResource")] == '(' ? strpbrk(p, "'\"") : NULL;
        const char *e = q != NULL ? strchr(q + 1, *q) : NULL;
        if (e == NULL) {
            st = fail(c, v,
                      "Selection '%s': flujo reads getResource('id', n), or alternatives joined "
                      "by |",
                      expr);
            break;
        }
        char *id = flujo_xstrndup(q + 1, (size_t)(e - q - 1));
        const char *comma = strchr(e, ',');
        const char *close = strchr(e, ')');
        if (comma != NULL && close != NULL && comma < close) {
            units = strtol(comma + 1, NULL, 10);
        }
        char buf[300];
        flujo__yaml_seq_add(
            alts, flujo__yaml_new_scalar(pool_name_of(by_id(c->root, id), id, buf, sizeof(buf)),
                                         c->file, line_of(v)));
        free(id);
    }
    if (st == FLUJO_OK && (alts->n == 0 || strstr(expr, "&") != NULL)) {
        st = fail(c, v,
                  "Selection '%s': flujo reads getResource('id', n), or alternatives joined by |",
                  expr);
    }
    if (st == FLUJO_OK && alts->n > 1 && units != 1) {
        st = fail(c, v, "Selection '%s': alternatives take one performer each", expr);
    }
    free(expr);
    if (st != FLUJO_OK) {
        flujo__yaml_free(alts);
        return st;
    }
    if (alts->n == 1) {
        flujo__ynode_t *one =
            units > 1 ? flujo__yaml_new_map(c->file, alts->line)
                      : flujo__yaml_new_scalar(alts->items[0]->value, c->file, alts->line);
        if (units > 1) {
            flujo__yaml_map_add(one, alts->items[0]->value, alts->line,
                                flujo__imp_scalarf(c->file, alts->line, "%ld", units));
        }
        flujo__yaml_free(alts);
        *out = one;
    } else {
        *out = alts;
    }
    return FLUJO_OK;
}

/* The calendars of the scenario: each Calendar id as a flujo calendar. */
static flujo_status_t bpsim_calendars(ctx_t *c, xmlNodePtr data, flujo__ynode_t *cals)
{
    for (xmlNodePtr sc = data->children; sc != NULL; sc = sc->next) {
        if (!is_el(sc, c->ns, "Scenario")) {
            continue;
        }
        for (xmlNodePtr cal = find(sc->children, c->ns, "Calendar", false); cal != NULL;
             cal = cal->next) {
            if (!is_el(cal, c->ns, "Calendar")) {
                continue;
            }
            char *id = prop(cal, "id");
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
            flujo__ynode_t *t = flujo__week_tree(&w, c->file, line_of(cal));
            if (t == NULL) {
                st = fail(c, cal, "Calendar '%s' is never open", id);
                free(id);
                return st;
            }
            flujo__yaml_map_add(cals, id, line_of(cal), t);
            free(id);
        }
    }
    return FLUJO_OK;
}

static flujo_status_t bpsim(ctx_t *c, xmlNodePtr data, flujo__ynode_t *out)
{
    /* the first scenario, with what it inherits */
    xmlNodePtr sc = child(data, c->ns, "Scenario");
    if (sc == NULL) {
        return fail(c, data, "BPSimData: no Scenario");
    }
    for (xmlNodePtr o = sc->next; o != NULL; o = o->next) {
        if (is_el(o, c->ns, "Scenario")) {
            char *id = prop(o, "id");
            note(c, o, "other-scenario", "BPSim scenario '%s' is left out: flujo runs the first",
                 id != NULL ? id : "");
            free(id);
        }
    }
    eparams_t eps = {0};
    xmlNodePtr sp = NULL;
    collect_scenario(c, data, sc, 0, &eps, &sp);
    flujo_status_t st = FLUJO_OK;
    long ln = line_of(sc);
    /* time unit, replications, seed, start, duration, warm-up */
    char *btu = sp != NULL ? prop(sp, "baseTimeUnit") : NULL;
    double unit = btu != NULL ? unit_seconds(btu) : 60;
    if (unit <= 0) {
        st = fail(c, sp, "baseTimeUnit '%s' is not ms, s, min, hour, day or year", btu);
    }
    free(btu);
    double reps, seed;
    if (st == FLUJO_OK && sp != NULL && num_prop(sp, "replication", &reps)) {
        if (reps < 2) {
            note(c, sp, "replications",
                 "replication=\"%.0f\": flujo runs at least 2 replications (for confidence "
                 "intervals)",
                 reps);
            reps = 2;
        }
        flujo__yaml_map_add(out, "replications", line_of(sp),
                            flujo__imp_scalarf(c->file, line_of(sp), "%.0f", reps));
    }
    if (st == FLUJO_OK && sp != NULL && num_prop(sp, "seed", &seed) && seed >= 0) {
        flujo__yaml_map_add(out, "seed", line_of(sp),
                            flujo__imp_scalarf(c->file, line_of(sp), "%.0f", seed));
    }
    flujo__ynode_t *cals = flujo__yaml_new_map(c->file, ln);
    flujo__yaml_map_add(out, "calendars", ln, cals);
    if (st == FLUJO_OK) {
        st = bpsim_calendars(c, data, cals);
    }
    double horizon = -1, warmup = 0;
    for (int k = 0; k < 3 && st == FLUJO_OK && sp != NULL; k++) {
        static const char *const what[] = {"Start", "Duration", "Warmup"};
        xmlNodePtr p = child(sp, c->ns, what[k]);
        char *cal = NULL;
        xmlNodePtr v = p != NULL ? param_value(p, &cal) : NULL;
        free(cal);
        if (v == NULL) {
            continue;
        }
        if (k == 0) {
            char *val = prop(v, "value"), start[32];
            if (val != NULL && start_text(val, start, sizeof(start))) {
                flujo__yaml_map_add(out, "start", line_of(v),
                                    flujo__yaml_new_scalar(start, c->file, line_of(v)));
            } else {
                st = fail(c, v, "Start: expected a DateTimeParameter like 2024-01-01T08:00:00");
            }
            free(val);
            continue;
        }
        char buf[128];
        double x;
        if ((st = bpsim_dist(c, v, unit, buf, sizeof(buf))) == FLUJO_OK) {
            flujo_clock_t ck;
            flujo_err_t e = {0};
            if (!flujo_parse_duration(buf, &x, &ck, &e)) {
                st = fail(c, v, "%s: expected a constant time", what[k]);
            } else if (k == 1) {
                horizon = x;
            } else {
                warmup = x;
            }
        }
    }
    /* start events: arrivals; flows: probabilities; tasks, events and resources */
    flujo__ynode_t *arrivals = flujo__yaml_new_seq(c->file, ln);
    flujo__ynode_t *tasks = flujo__yaml_new_map(c->file, ln);
    flujo__ynode_t *events = flujo__yaml_new_map(c->file, ln);
    flujo__ynode_t *res = flujo__yaml_new_map(c->file, ln);
    double cases = 0;
    flujo_strmap_t done;
    flujo_strmap_init(&done);
    for (size_t i = 0; i < eps.n && st == FLUJO_OK; i++) {
        char *ref = element_ref(eps.ep[i]);
        int64_t seen;
        if (ref == NULL || flujo_strmap_get(&done, ref, &seen)) {
            free(ref);
            continue;
        }
        flujo_strmap_put(&done, ref, 1, &seen);
        xmlNodePtr el = by_id(c->root, ref);
        xmlNodePtr at = eps.ep[i];
        if (el == NULL) {
            note(c, at, "unknown-element",
                 "ElementParameters for '%s', which the model does not "
                 "have: left out",
                 ref);
            free(ref);
            continue;
        }
        const char *kind = (const char *)el->name;
        xmlNodePtr p;
        char buf[512], *cal = NULL;
        if (strcmp(kind, "startEvent") == 0) {
            if ((p = latest(c, &eps, ref, "ControlParameters", "InterTriggerTimer")) != NULL) {
                xmlNodePtr v = param_value(p, &cal);
                if (v != NULL && (st = bpsim_dist(c, v, unit, buf, sizeof(buf))) == FLUJO_OK) {
                    flujo__ynode_t *a = flujo__yaml_new_map(c->file, line_of(v));
                    flujo__yaml_map_add(a, "at", line_of(v),
                                        flujo__yaml_new_scalar(ref, c->file, line_of(v)));
                    flujo__yaml_map_add(a, "interarrival", line_of(v),
                                        flujo__yaml_new_scalar(buf, c->file, line_of(v)));
                    if (cal != NULL) {
                        flujo__yaml_map_add(a, "calendar", line_of(v),
                                            flujo__yaml_new_scalar(cal, c->file, line_of(v)));
                    }
                    flujo__yaml_seq_add(arrivals, a);
                }
                free(cal);
            }
            double tc;
            if (st == FLUJO_OK &&
                (p = latest(c, &eps, ref, "ControlParameters", "TriggerCount")) != NULL) {
                xmlNodePtr v = param_value(p, &cal);
                free(cal);
                if (v != NULL && num_prop(v, "value", &tc) && tc >= 1) {
                    cases += tc;
                }
            }
        } else if (strcmp(kind, "sequenceFlow") == 0) {
            if ((p = latest(c, &eps, ref, "ControlParameters", "Probability")) != NULL) {
                xmlNodePtr v = param_value(p, &cal);
                free(cal);
                double pr;
                if (v != NULL && (!num_prop(v, "value", &pr) || pr < 0)) {
                    st = fail(c, v, "Probability of '%s': expected a number of at least 0", ref);
                } else if (v != NULL) {
                    flow_weight(c, v, ref, pr);
                }
            }
            if (latest(c, &eps, ref, "ControlParameters", "Condition") != NULL) {
                note(c, at, "ignored-condition",
                     "the Condition of flow '%s' is left out: flujo routes by probabilities", ref);
            }
        } else if (strcmp(kind, "resource") == 0 || strcmp(kind, "performer") == 0 ||
                   strcmp(kind, "lane") == 0) {
            char name[300];
            pool_name_of(el, ref, name, sizeof(name));
            flujo__ynode_t *pn = flujo__yaml_new_map(c->file, line_of(at));
            if ((p = latest(c, &eps, ref, "ResourceParameters", "Quantity")) != NULL) {
                xmlNodePtr v = param_value(p, &cal);
                double q;
                if (v != NULL && (!num_prop(v, "value", &q) || q < 1 || q != floor(q))) {
                    st = fail(c, v, "Quantity of '%s': expected a whole number of at least 1", ref);
                } else if (v != NULL) {
                    flujo__yaml_map_add(pn, "count", line_of(v),
                                        flujo__imp_scalarf(c->file, line_of(v), "%.0f", q));
                    if (cal != NULL) {
                        flujo__yaml_map_add(pn, "calendar", line_of(v),
                                            flujo__yaml_new_scalar(cal, c->file, line_of(v)));
                    }
                }
                free(cal);
            }
            if (st == FLUJO_OK &&
                (p = latest(c, &eps, ref, "CostParameters", "UnitCost")) != NULL) {
                xmlNodePtr v = param_value(p, &cal);
                free(cal);
                double uc;
                if (v != NULL && num_prop(v, "value", &uc) && uc >= 0) {
                    flujo__yaml_map_add(
                        pn, "cost_per_hour", line_of(v),
                        flujo__imp_scalarf(c->file, line_of(v), "%.17g", uc * 3600 / unit));
                }
            }
            flujo__yaml_map_add(res, name, line_of(at), pn);
        } else if (name_ends(el, "Task") || strcmp(kind, "task") == 0) {
            /* work: processing, set-up, validation and rework times, summed */
            static const char *const work[] = {"ProcessingTime", "SetUpTime", "ValidationTime",
                                               "ReworkTime"};
            static const char *const other[] = {"WaitTime", "QueueTime", "TransferTime", "LagTime"};
            flujo_sbuf_t d;
            flujo_sbuf_init(&d);
            for (size_t k = 0; k < 4 && st == FLUJO_OK; k++) {
                if ((p = latest(c, &eps, ref, "TimeParameters", work[k])) != NULL) {
                    xmlNodePtr v = param_value(p, &cal);
                    free(cal);
                    if (v != NULL && (st = bpsim_dist(c, v, unit, buf, sizeof(buf))) == FLUJO_OK) {
                        flujo_sbuf_printf(&d, "%s%s", d.len ? " + " : "", buf);
                    }
                }
            }
            for (size_t k = 0; k < 4; k++) {
                if (latest(c, &eps, ref, "TimeParameters", other[k]) != NULL) {
                    note(c, at, "ignored-time",
                         "the %s of '%s' is left out: flujo measures waiting, it does not take "
                         "it as given",
                         other[k], ref);
                }
            }
            flujo__ynode_t *tn = flujo__yaml_new_map(c->file, line_of(at));
            if (d.len > 0) {
                flujo__yaml_map_add(tn, "duration", line_of(at),
                                    flujo__yaml_new_scalar(d.s, c->file, line_of(at)));
            }
            flujo_sbuf_destroy(&d);
            if (st == FLUJO_OK &&
                (p = latest(c, &eps, ref, "ResourceParameters", "Selection")) != NULL) {
                flujo__ynode_t *r = NULL;
                if ((st = selection(c, p, &r)) == FLUJO_OK) {
                    flujo__yaml_map_add(tn, "resource", line_of(p), r);
                }
            } else if (st == FLUJO_OK &&
                       (p = latest(c, &eps, ref, "ResourceParameters", "Quantity")) != NULL) {
                /* jBPM: the staff of the task itself, a pool of its own */
                xmlNodePtr v = param_value(p, &cal);
                free(cal);
                double q;
                if (v != NULL && num_prop(v, "value", &q) && q >= 1) {
                    char name[300];
                    pool_name_of(el, ref, name, sizeof(name));
                    flujo__ynode_t *pn = flujo__yaml_new_map(c->file, line_of(v));
                    flujo__yaml_map_add(pn, "count", line_of(v),
                                        flujo__imp_scalarf(c->file, line_of(v), "%.0f", floor(q)));
                    flujo__yaml_map_add(res, name, line_of(v), pn);
                    flujo__yaml_map_add(tn, "resource", line_of(v),
                                        flujo__yaml_new_scalar(name, c->file, line_of(v)));
                }
            }
            if (latest(c, &eps, ref, "CostParameters", "UnitCost") != NULL ||
                latest(c, &eps, ref, "CostParameters", "FixedCost") != NULL) {
                note(c, at, "ignored-cost",
                     "the cost parameters of task '%s' are left out: flujo costs the performers' "
                     "time (UnitCost on a resource)",
                     ref);
            }
            if (tn->n > 0) {
                flujo__yaml_map_add(tasks, ref, line_of(at), tn);
            } else {
                flujo__yaml_free(tn);
            }
        } else if (strcmp(kind, "intermediateCatchEvent") == 0 ||
                   strcmp(kind, "boundaryEvent") == 0) {
            static const char *const times[][2] = {{"ControlParameters", "InterTriggerTimer"},
                                                   {"TimeParameters", "ProcessingTime"},
                                                   {"TimeParameters", "WaitTime"},
                                                   {"TimeParameters", "Duration"},
                                                   {"TimeParameters", "ElapsedTime"}};
            for (size_t k = 0; k < 5 && st == FLUJO_OK; k++) {
                if ((p = latest(c, &eps, ref, times[k][0], times[k][1])) == NULL) {
                    continue;
                }
                xmlNodePtr v = param_value(p, &cal);
                free(cal);
                if (v != NULL && (st = bpsim_dist(c, v, unit, buf, sizeof(buf))) == FLUJO_OK) {
                    flujo__ynode_t *en = flujo__yaml_new_map(c->file, line_of(v));
                    flujo__yaml_map_add(en, "duration", line_of(v),
                                        flujo__yaml_new_scalar(buf, c->file, line_of(v)));
                    flujo__yaml_map_add(events, ref, line_of(v), en);
                }
                break;
            }
        }
        free(ref);
    }
    flujo_strmap_destroy(&done);
    free(eps.ep);
    if (st == FLUJO_OK) {
        if (cases > 0) {
            flujo__yaml_map_add(out, "cases", ln, flujo__imp_scalarf(c->file, ln, "%.0f", cases));
            if (horizon >= 0) {
                note(c, sc, "ignored-duration",
                     "the scenario's Duration is left out: the TriggerCount of its start events "
                     "(%.0f cases) ends the run",
                     cases);
            }
        } else if (horizon > 0) {
            char b1[64], b2[64];
            flujo__yaml_map_add(
                out, "horizon", ln,
                flujo__yaml_new_scalar(
                    flujo__imp_seconds(horizon - warmup > 0 ? horizon - warmup : horizon, b1,
                                       sizeof(b1)),
                    c->file, ln));
            flujo__yaml_map_add(
                out, "warmup", ln,
                flujo__yaml_new_scalar(flujo__imp_seconds(warmup, b2, sizeof(b2)), c->file, ln));
        }
    }
    flujo__yaml_map_add(out, "resources", ln, res);
    flujo__yaml_map_add(out, "tasks", ln, tasks);
    if (events->n > 0) {
        flujo__yaml_map_add(out, "events", ln, events);
    } else {
        flujo__yaml_free(events);
    }
    if (arrivals->n > 0) {
        flujo__yaml_map_add(out, "arrivals", ln, arrivals);
    } else {
        flujo__yaml_free(arrivals);
    }
    return st;
}

/* ---- the file ------------------------------------------------------------------------------- */

flujo_status_t flujo__bpmn_sim_tree(const char *path, const char *file, flujo__ynode_t **out,
                                    flujo_diags_t *notes, flujo_err_t *err)
{
    *out = NULL;
    xmlDocPtr doc = NULL;
    flujo_status_t st = flujo__bpmn_parse_file(path, &doc, err);
    if (st != FLUJO_OK) {
        /* the model reader reports it the same way, with the rest of its checks */
        return FLUJO_OK;
    }
    ctx_t c = {0};
    c.file = file;
    c.err = err;
    c.notes = notes;
    c.root = xmlDocGetRootElement(doc);
    xmlNodePtr data = find(c.root, NS_BPSIM2, "BPSimData", false);
    c.ns = NS_BPSIM2;
    if (data == NULL) {
        data = find(c.root, NS_BPSIM1, "BPSimData", false);
        c.ns = NS_BPSIM1;
    }
    xmlNodePtr info = data == NULL ? find(c.root, NS_QBP, "processSimulationInfo", true) : NULL;
    if (data == NULL && info == NULL) {
        xmlFreeDoc(doc);
        return FLUJO_OK;
    }
    flujo__ynode_t *tree = flujo__yaml_new_map(file, 1);
    st = data != NULL ? bpsim(&c, data, tree) : qbp(&c, info, tree);
    if (st == FLUJO_OK) {
        st = normalise_gateways(&c);
    }
    if (st == FLUJO_OK && c.gateways != NULL) {
        flujo__yaml_map_add(tree, "gateways", c.gateways->line, c.gateways);
        c.gateways = NULL;
    }
    flujo__yaml_free(c.gateways);
    xmlFreeDoc(doc);
    if (st != FLUJO_OK) {
        flujo__yaml_free(tree);
        return st;
    }
    flujo_diags_add_in(notes, FLUJO_SEV_NOTE, "imported", NULL, file, 0,
                       "simulation parameters read from the model's %s data",
                       data != NULL ? "BPSim" : "QBP");
    *out = tree;
    return FLUJO_OK;
}
