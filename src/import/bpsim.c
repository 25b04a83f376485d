/* bpsim.c - BPSim 1.0 and 2.0 simulation parameters inside a BPMN file, as a flujo scenario tree.
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
 *   Calendar       iCalendar VEVENTs with DTSTART, DTEND and a weekly or daily RRULE */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "flujo_dist.h"
#include "import/bpmn_sim_int.h"

/* A parameter (e.g. TimeParameters/ProcessingTime) of an ElementParameters, or NULL. */
static xmlNodePtr param(flujo__sim_ctx_t *c, xmlNodePtr ep, const char *group, const char *name)
{
    xmlNodePtr g = flujo__sim_child(ep, c->ns, group);
    return g != NULL ? flujo__sim_child(g, c->ns, name) : NULL;
}

/* ElementParameters of the scenario and those it inherits, the scenario's own last (later ones
 * override earlier ones for the same element). */
typedef struct eparams {
    xmlNodePtr *ep;
    size_t n, cap;
} eparams_t;

static void collect_scenario(flujo__sim_ctx_t *c, xmlNodePtr data, xmlNodePtr sc, int depth,
                             eparams_t *out, xmlNodePtr *sp)
{
    char *inh = flujo__sim_prop(sc, "inherits");
    if (inh != NULL && depth < 16) {
        for (xmlNodePtr o = data->children; o != NULL; o = o->next) {
            char *id = flujo__sim_is_el(o, c->ns, "Scenario") ? flujo__sim_prop(o, "id") : NULL;
            if (id != NULL && strcmp(id, inh) == 0 && o != sc) {
                collect_scenario(c, data, o, depth + 1, out, sp);
            }
            free(id);
        }
    }
    free(inh);
    if (flujo__sim_child(sc, c->ns, "ScenarioParameters") != NULL) {
        *sp = flujo__sim_child(sc, c->ns, "ScenarioParameters");
    }
    for (xmlNodePtr e = sc->children; e != NULL; e = e->next) {
        if (flujo__sim_is_el(e, c->ns, "ElementParameters")) {
            flujo_grow((void **)&out->ep, &out->cap, out->n + 1, sizeof(*out->ep));
            out->ep[out->n++] = e;
        }
    }
}

/* The id an ElementParameters refers to (its QName's local part), owned by the caller. */
static char *element_ref(xmlNodePtr ep)
{
    char *r = flujo__sim_prop(ep, "elementRef");
    if (r != NULL && strchr(r, ':') != NULL) {
        char *l = flujo_xstrdup(strchr(r, ':') + 1);
        free(r);
        return l;
    }
    return r;
}

/* The latest ElementParameters group for element ref holding parameter group/name. */
static xmlNodePtr latest(flujo__sim_ctx_t *c, const eparams_t *eps, const char *ref,
                         const char *group, const char *name)
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
    char *name = el != NULL ? flujo__sim_prop(el, "name") : NULL;
    snprintf(buf, n, "%s", name != NULL && name[0] ? name : id);
    free(name);
    return buf;
}

/* Selection: getResource('id', n) [| getResource('id2', n2) ...] as a resource: node. */
static flujo_status_t selection(flujo__sim_ctx_t *c, xmlNodePtr sel, flujo__ynode_t **out)
{
    char *cal = NULL;
    xmlNodePtr v = flujo__bpsim_param_value(sel, &cal);
    free(cal);
    char *expr = v != NULL && flujo__sim_is_el(v, NULL, "ExpressionParameter")
                     ? flujo__sim_prop(v, "value")
                     : NULL;
    if (expr == NULL) {
        free(expr);
        return flujo__sim_fail(c, sel,
                               "Selection: expected an ExpressionParameter getResource('id', n)");
    }
    flujo__ynode_t *alts = flujo__yaml_new_seq(c->file, flujo__sim_line_of(v));
    long units = 1;
    flujo_status_t st = FLUJO_OK;
    for (const char *p = strstr(expr, "getResource"); p != NULL && st == FLUJO_OK;
         p = strstr(p + 1, "getResource")) {
        const char *q = p[strlen("getResource")] == '(' ? strpbrk(p, "'\"") : NULL;
        const char *e = q != NULL ? strchr(q + 1, *q) : NULL;
        if (e == NULL) {
            st = flujo__sim_fail(
                c, v,
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
        flujo__yaml_seq_add(alts, flujo__yaml_new_scalar(pool_name_of(flujo__sim_by_id(c->root, id),
                                                                      id, buf, sizeof(buf)),
                                                         c->file, flujo__sim_line_of(v)));
        free(id);
    }
    if (st == FLUJO_OK && (alts->n == 0 || strstr(expr, "&") != NULL)) {
        st = flujo__sim_fail(
            c, v, "Selection '%s': flujo reads getResource('id', n), or alternatives joined by |",
            expr);
    }
    if (st == FLUJO_OK && alts->n > 1 && units != 1) {
        st = flujo__sim_fail(c, v, "Selection '%s': alternatives take one performer each", expr);
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

/* What the ElementParameters of a scenario become. */
typedef struct bpsim_elems {
    const eparams_t *eps;     /* the scenario's ElementParameters */
    double unit;              /* seconds per base time unit */
    flujo__ynode_t *arrivals; /* arrivals: the start events' */
    flujo__ynode_t *tasks;    /* tasks: */
    flujo__ynode_t *events;   /* events: the catch events' durations */
    flujo__ynode_t *res;      /* resources: */
    double cases;             /* the start events' TriggerCounts, added up */
} bpsim_elems_t;

/* A start event: its arrivals (InterTriggerTimer) and cases (TriggerCount). */
static flujo_status_t start_event(flujo__sim_ctx_t *c, bpsim_elems_t *s, const char *ref)
{
    xmlNodePtr p;
    char buf[512], *cal = NULL;
    flujo_status_t st = FLUJO_OK;
    if ((p = latest(c, s->eps, ref, "ControlParameters", "InterTriggerTimer")) != NULL) {
        xmlNodePtr v = flujo__bpsim_param_value(p, &cal);
        if (v != NULL && (st = flujo__bpsim_dist(c, v, s->unit, buf, sizeof(buf))) == FLUJO_OK) {
            flujo__ynode_t *a = flujo__yaml_new_map(c->file, flujo__sim_line_of(v));
            flujo__yaml_map_add(a, "at", flujo__sim_line_of(v),
                                flujo__yaml_new_scalar(ref, c->file, flujo__sim_line_of(v)));
            flujo__yaml_map_add(a, "interarrival", flujo__sim_line_of(v),
                                flujo__yaml_new_scalar(buf, c->file, flujo__sim_line_of(v)));
            if (cal != NULL) {
                flujo__yaml_map_add(a, "calendar", flujo__sim_line_of(v),
                                    flujo__yaml_new_scalar(cal, c->file, flujo__sim_line_of(v)));
            }
            flujo__yaml_seq_add(s->arrivals, a);
        }
        free(cal);
    }
    double tc;
    if (st == FLUJO_OK &&
        (p = latest(c, s->eps, ref, "ControlParameters", "TriggerCount")) != NULL) {
        xmlNodePtr v = flujo__bpsim_param_value(p, &cal);
        free(cal);
        if (v != NULL && flujo__sim_num_prop(v, "value", &tc) && tc >= 1) {
            s->cases += tc;
        }
    }
    return st;
}

/* A sequence flow: its probability. */
static flujo_status_t flow_params(flujo__sim_ctx_t *c, bpsim_elems_t *s, const char *ref,
                                  xmlNodePtr at)
{
    xmlNodePtr p;
    char *cal = NULL;
    flujo_status_t st = FLUJO_OK;
    if ((p = latest(c, s->eps, ref, "ControlParameters", "Probability")) != NULL) {
        xmlNodePtr v = flujo__bpsim_param_value(p, &cal);
        free(cal);
        double pr;
        if (v != NULL && (!flujo__sim_num_prop(v, "value", &pr) || pr < 0)) {
            st = flujo__sim_fail(c, v, "Probability of '%s': expected a number of at least 0", ref);
        } else if (v != NULL) {
            flujo__sim_flow_weight(c, v, ref, pr);
        }
    }
    if (latest(c, s->eps, ref, "ControlParameters", "Condition") != NULL) {
        flujo__sim_note(c, at, "ignored-condition",
                        "the Condition of flow '%s' is left out: flujo routes by probabilities",
                        ref);
    }
    return st;
}

/* A resource, performer or lane: a pool (Quantity, UnitCost). */
static flujo_status_t resource_params(flujo__sim_ctx_t *c, bpsim_elems_t *s, const char *ref,
                                      xmlNodePtr el, xmlNodePtr at)
{
    xmlNodePtr p;
    char *cal = NULL;
    flujo_status_t st = FLUJO_OK;
    char name[300];
    pool_name_of(el, ref, name, sizeof(name));
    flujo__ynode_t *pn = flujo__yaml_new_map(c->file, flujo__sim_line_of(at));
    if ((p = latest(c, s->eps, ref, "ResourceParameters", "Quantity")) != NULL) {
        xmlNodePtr v = flujo__bpsim_param_value(p, &cal);
        double q;
        if (v != NULL && (!flujo__sim_num_prop(v, "value", &q) || q < 1 || q != floor(q))) {
            st = flujo__sim_fail(c, v, "Quantity of '%s': expected a whole number of at least 1",
                                 ref);
        } else if (v != NULL) {
            flujo__yaml_map_add(pn, "count", flujo__sim_line_of(v),
                                flujo__imp_scalarf(c->file, flujo__sim_line_of(v), "%.0f", q));
            if (cal != NULL) {
                flujo__yaml_map_add(pn, "calendar", flujo__sim_line_of(v),
                                    flujo__yaml_new_scalar(cal, c->file, flujo__sim_line_of(v)));
            }
        }
        free(cal);
    }
    if (st == FLUJO_OK && (p = latest(c, s->eps, ref, "CostParameters", "UnitCost")) != NULL) {
        xmlNodePtr v = flujo__bpsim_param_value(p, &cal);
        free(cal);
        double uc;
        if (v != NULL && flujo__sim_num_prop(v, "value", &uc) && uc >= 0) {
            flujo__yaml_map_add(
                pn, "cost_per_hour", flujo__sim_line_of(v),
                flujo__imp_scalarf(c->file, flujo__sim_line_of(v), "%.17g", uc * 3600 / s->unit));
        }
    }
    flujo__yaml_map_add(s->res, name, flujo__sim_line_of(at), pn);
    return st;
}

/* A task: its work and who does it. */
static flujo_status_t task_params(flujo__sim_ctx_t *c, bpsim_elems_t *s, const char *ref,
                                  xmlNodePtr el, xmlNodePtr at)
{
    xmlNodePtr p;
    char buf[512], *cal = NULL;
    flujo_status_t st = FLUJO_OK;
    /* work: processing, set-up, validation and rework times, summed */
    static const char *const work[] = {"ProcessingTime", "SetUpTime", "ValidationTime",
                                       "ReworkTime"};
    static const char *const other[] = {"WaitTime", "QueueTime", "TransferTime", "LagTime"};
    flujo_sbuf_t d;
    flujo_sbuf_init(&d);
    for (size_t k = 0; k < 4 && st == FLUJO_OK; k++) {
        if ((p = latest(c, s->eps, ref, "TimeParameters", work[k])) != NULL) {
            xmlNodePtr v = flujo__bpsim_param_value(p, &cal);
            free(cal);
            if (v != NULL &&
                (st = flujo__bpsim_dist(c, v, s->unit, buf, sizeof(buf))) == FLUJO_OK) {
                flujo_sbuf_printf(&d, "%s%s", d.len ? " + " : "", buf);
            }
        }
    }
    for (size_t k = 0; k < 4; k++) {
        if (latest(c, s->eps, ref, "TimeParameters", other[k]) != NULL) {
            flujo__sim_note(c, at, "ignored-time",
                            "the %s of '%s' is left out: flujo measures waiting, it does not take "
                            "it as given",
                            other[k], ref);
        }
    }
    flujo__ynode_t *tn = flujo__yaml_new_map(c->file, flujo__sim_line_of(at));
    if (d.len > 0) {
        flujo__yaml_map_add(tn, "duration", flujo__sim_line_of(at),
                            flujo__yaml_new_scalar(d.s, c->file, flujo__sim_line_of(at)));
    }
    flujo_sbuf_destroy(&d);
    if (st == FLUJO_OK && (p = latest(c, s->eps, ref, "ResourceParameters", "Selection")) != NULL) {
        flujo__ynode_t *r = NULL;
        if ((st = selection(c, p, &r)) == FLUJO_OK) {
            flujo__yaml_map_add(tn, "resource", flujo__sim_line_of(p), r);
        }
    } else if (st == FLUJO_OK &&
               (p = latest(c, s->eps, ref, "ResourceParameters", "Quantity")) != NULL) {
        /* jBPM: the staff of the task itself, a pool of its own */
        xmlNodePtr v = flujo__bpsim_param_value(p, &cal);
        free(cal);
        double q;
        if (v != NULL && flujo__sim_num_prop(v, "value", &q) && q >= 1) {
            char name[300];
            pool_name_of(el, ref, name, sizeof(name));
            flujo__ynode_t *pn = flujo__yaml_new_map(c->file, flujo__sim_line_of(v));
            flujo__yaml_map_add(
                pn, "count", flujo__sim_line_of(v),
                flujo__imp_scalarf(c->file, flujo__sim_line_of(v), "%.0f", floor(q)));
            flujo__yaml_map_add(s->res, name, flujo__sim_line_of(v), pn);
            flujo__yaml_map_add(tn, "resource", flujo__sim_line_of(v),
                                flujo__yaml_new_scalar(name, c->file, flujo__sim_line_of(v)));
        }
    }
    if (latest(c, s->eps, ref, "CostParameters", "UnitCost") != NULL ||
        latest(c, s->eps, ref, "CostParameters", "FixedCost") != NULL) {
        flujo__sim_note(
            c, at, "ignored-cost",
            "the cost parameters of task '%s' are left out: flujo costs the performers' "
            "time (UnitCost on a resource)",
            ref);
    }
    if (tn->n > 0) {
        flujo__yaml_map_add(s->tasks, ref, flujo__sim_line_of(at), tn);
    } else {
        flujo__yaml_free(tn);
    }
    return st;
}

/* An intermediate catch or boundary event: its duration. */
static flujo_status_t catch_event(flujo__sim_ctx_t *c, bpsim_elems_t *s, const char *ref)
{
    xmlNodePtr p;
    char buf[512], *cal = NULL;
    flujo_status_t st = FLUJO_OK;
    static const char *const times[][2] = {{"ControlParameters", "InterTriggerTimer"},
                                           {"TimeParameters", "ProcessingTime"},
                                           {"TimeParameters", "WaitTime"},
                                           {"TimeParameters", "Duration"},
                                           {"TimeParameters", "ElapsedTime"}};
    for (size_t k = 0; k < 5 && st == FLUJO_OK; k++) {
        if ((p = latest(c, s->eps, ref, times[k][0], times[k][1])) == NULL) {
            continue;
        }
        xmlNodePtr v = flujo__bpsim_param_value(p, &cal);
        free(cal);
        if (v != NULL && (st = flujo__bpsim_dist(c, v, s->unit, buf, sizeof(buf))) == FLUJO_OK) {
            flujo__ynode_t *en = flujo__yaml_new_map(c->file, flujo__sim_line_of(v));
            flujo__yaml_map_add(en, "duration", flujo__sim_line_of(v),
                                flujo__yaml_new_scalar(buf, c->file, flujo__sim_line_of(v)));
            flujo__yaml_map_add(s->events, ref, flujo__sim_line_of(v), en);
        }
        break;
    }
    return st;
}

/* The ElementParameters of each element, once per element (its latest parameters win), by the
 * kind of element they are for. */
static flujo_status_t element_params(flujo__sim_ctx_t *c, bpsim_elems_t *s)
{
    flujo_status_t st = FLUJO_OK;
    flujo_strmap_t done;
    flujo_strmap_init(&done);
    for (size_t i = 0; i < s->eps->n && st == FLUJO_OK; i++) {
        char *ref = element_ref(s->eps->ep[i]);
        int64_t seen;
        if (ref == NULL || flujo_strmap_get(&done, ref, &seen)) {
            free(ref);
            continue;
        }
        flujo_strmap_put(&done, ref, 1, &seen);
        xmlNodePtr el = flujo__sim_by_id(c->root, ref);
        xmlNodePtr at = s->eps->ep[i];
        if (el == NULL) {
            flujo__sim_note(c, at, "unknown-element",
                            "ElementParameters for '%s', which the model does not "
                            "have: left out",
                            ref);
            free(ref);
            continue;
        }
        const char *kind = (const char *)el->name;
        if (strcmp(kind, "startEvent") == 0) {
            st = start_event(c, s, ref);
        } else if (strcmp(kind, "sequenceFlow") == 0) {
            st = flow_params(c, s, ref, at);
        } else if (strcmp(kind, "resource") == 0 || strcmp(kind, "performer") == 0 ||
                   strcmp(kind, "lane") == 0) {
            st = resource_params(c, s, ref, el, at);
        } else if (flujo__sim_name_ends(el, "Task") || strcmp(kind, "task") == 0) {
            st = task_params(c, s, ref, el, at);
        } else if (strcmp(kind, "intermediateCatchEvent") == 0 ||
                   strcmp(kind, "boundaryEvent") == 0) {
            st = catch_event(c, s, ref);
        }
        free(ref);
    }
    flujo_strmap_destroy(&done);
    return st;
}

/* The scenario's time unit (*unitp, seconds), replications and seed. */
static flujo_status_t scenario_params(flujo__sim_ctx_t *c, xmlNodePtr sp, flujo__ynode_t *out,
                                      double *unitp)
{
    flujo_status_t st = FLUJO_OK;
    char *btu = sp != NULL ? flujo__sim_prop(sp, "baseTimeUnit") : NULL;
    double unit = btu != NULL ? flujo__bpsim_unit_seconds(btu) : 60;
    if (unit <= 0) {
        st = flujo__sim_fail(c, sp, "baseTimeUnit '%s' is not ms, s, min, hour, day or year", btu);
    }
    free(btu);
    double reps, seed;
    if (st == FLUJO_OK && sp != NULL && flujo__sim_num_prop(sp, "replication", &reps)) {
        if (reps < 2) {
            flujo__sim_note(
                c, sp, "replications",
                "replication=\"%.0f\": flujo runs at least 2 replications (for confidence "
                "intervals)",
                reps);
            reps = 2;
        }
        flujo__yaml_map_add(out, "replications", flujo__sim_line_of(sp),
                            flujo__imp_scalarf(c->file, flujo__sim_line_of(sp), "%.0f", reps));
    }
    if (st == FLUJO_OK && sp != NULL && flujo__sim_num_prop(sp, "seed", &seed) && seed >= 0) {
        flujo__yaml_map_add(out, "seed", flujo__sim_line_of(sp),
                            flujo__imp_scalarf(c->file, flujo__sim_line_of(sp), "%.0f", seed));
    }
    *unitp = unit;
    return st;
}

/* The scenario's Start, and its Duration and Warmup (constant times) in *horizon and *warmup. */
static flujo_status_t run_times(flujo__sim_ctx_t *c, xmlNodePtr sp, double unit,
                                flujo__ynode_t *out, double *horizon, double *warmup)
{
    flujo_status_t st = FLUJO_OK;
    for (int k = 0; k < 3 && st == FLUJO_OK && sp != NULL; k++) {
        static const char *const what[] = {"Start", "Duration", "Warmup"};
        xmlNodePtr p = flujo__sim_child(sp, c->ns, what[k]);
        char *cal = NULL;
        xmlNodePtr v = p != NULL ? flujo__bpsim_param_value(p, &cal) : NULL;
        free(cal);
        if (v == NULL) {
            continue;
        }
        if (k == 0) {
            char *val = flujo__sim_prop(v, "value"), start[32];
            if (val != NULL && flujo__sim_start_text(val, start, sizeof(start))) {
                flujo__yaml_map_add(out, "start", flujo__sim_line_of(v),
                                    flujo__yaml_new_scalar(start, c->file, flujo__sim_line_of(v)));
            } else {
                st = flujo__sim_fail(
                    c, v, "Start: expected a DateTimeParameter like 2024-01-01T08:00:00");
            }
            free(val);
            continue;
        }
        char buf[128];
        double x;
        if ((st = flujo__bpsim_dist(c, v, unit, buf, sizeof(buf))) == FLUJO_OK) {
            flujo_clock_t ck;
            flujo_err_t e = {0};
            if (!flujo_parse_duration(buf, &x, &ck, &e)) {
                st = flujo__sim_fail(c, v, "%s: expected a constant time", what[k]);
            } else if (k == 1) {
                *horizon = x;
            } else {
                *warmup = x;
            }
        }
    }
    return st;
}

/* How long a run lasts: cases: N when start events give a TriggerCount, else the horizon (and
 * warm-up) of the scenario's Duration. */
static void run_length(flujo__sim_ctx_t *c, xmlNodePtr sc, flujo__ynode_t *out, long ln,
                       double cases, double horizon, double warmup)
{
    if (cases > 0) {
        flujo__yaml_map_add(out, "cases", ln, flujo__imp_scalarf(c->file, ln, "%.0f", cases));
        if (horizon >= 0) {
            flujo__sim_note(
                c, sc, "ignored-duration",
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

flujo_status_t flujo__bpsim(flujo__sim_ctx_t *c, xmlNodePtr data, flujo__ynode_t *out)
{
    /* the first scenario, with what it inherits */
    xmlNodePtr sc = flujo__sim_child(data, c->ns, "Scenario");
    if (sc == NULL) {
        return flujo__sim_fail(c, data, "BPSimData: no Scenario");
    }
    for (xmlNodePtr o = sc->next; o != NULL; o = o->next) {
        if (flujo__sim_is_el(o, c->ns, "Scenario")) {
            char *id = flujo__sim_prop(o, "id");
            flujo__sim_note(c, o, "other-scenario",
                            "BPSim scenario '%s' is left out: flujo runs the first",
                            id != NULL ? id : "");
            free(id);
        }
    }
    eparams_t eps = {0};
    xmlNodePtr sp = NULL;
    collect_scenario(c, data, sc, 0, &eps, &sp);
    long ln = flujo__sim_line_of(sc);
    /* time unit, replications, seed, start, duration, warm-up */
    double unit;
    flujo_status_t st = scenario_params(c, sp, out, &unit);
    flujo__ynode_t *cals = flujo__yaml_new_map(c->file, ln);
    flujo__yaml_map_add(out, "calendars", ln, cals);
    if (st == FLUJO_OK) {
        st = flujo__bpsim_calendars(c, data, cals);
    }
    double horizon = -1, warmup = 0;
    if (st == FLUJO_OK) {
        st = run_times(c, sp, unit, out, &horizon, &warmup);
    }
    /* start events: arrivals; flows: probabilities; tasks, events and resources */
    bpsim_elems_t s = {0};
    s.eps = &eps;
    s.unit = unit;
    s.arrivals = flujo__yaml_new_seq(c->file, ln);
    s.tasks = flujo__yaml_new_map(c->file, ln);
    s.events = flujo__yaml_new_map(c->file, ln);
    s.res = flujo__yaml_new_map(c->file, ln);
    if (st == FLUJO_OK) {
        st = element_params(c, &s);
    }
    free(eps.ep);
    if (st == FLUJO_OK) {
        run_length(c, sc, out, ln, s.cases, horizon, warmup);
    }
    flujo__yaml_map_add(out, "resources", ln, s.res);
    flujo__yaml_map_add(out, "tasks", ln, s.tasks);
    if (s.events->n > 0) {
        flujo__yaml_map_add(out, "events", ln, s.events);
    } else {
        flujo__yaml_free(s.events);
    }
    if (s.arrivals->n > 0) {
        flujo__yaml_map_add(out, "arrivals", ln, s.arrivals);
    } else {
        flujo__yaml_free(s.arrivals);
    }
    return st;
}
