/* arrivals.c - the arrivals: key: the streams of cases, where they start, the time between
 * them, their calendar, clock, priority and case attributes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

static int add_attr_value(flujo_attr_t *a, const char *value)
{
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->values[i], value) == 0) {
            return (int)i;
        }
    }
    size_t cap = a->n;
    flujo_grow((void **)&a->values, &cap, a->n + 1, sizeof(*a->values));
    cap = a->n;
    flujo_grow((void **)&a->number, &cap, a->n + 1, sizeof(*a->number));
    a->values[a->n] = flujo_xstrdup(value);
    double x;
    a->number[a->n] = flujo_parse_number(value, &x) ? x : NAN;
    return (int)a->n++;
}

/* First pass over arrivals: collect attribute names and values so that conditions can be parsed
 * before the streams are read. */
static flujo_status_t collect_attrs(flujo__loader_t *L, const flujo__ynode_t *arr)
{
    flujo_scenario_t *s = L->s;
    for (size_t i = 0; arr->kind == FLUJO__Y_SEQ && i < arr->n; i++) {
        const flujo__ynode_t *attrs = flujo__yaml_get(arr->items[i], "attributes");
        if (attrs == NULL) {
            continue;
        }
        char *p = flujo_xstrdup("arrivals.attributes");
        flujo_status_t st = flujo__need_map(L, attrs, p);
        for (size_t k = 0; k < (st == FLUJO_OK ? attrs->n : 0) && st == FLUJO_OK; k++) {
            const flujo__ynode_t *vals = attrs->items[k];
            int ai = flujo__find_attr(s, attrs->keys[k]);
            if (ai < 0) {
                size_t cap = s->n_attrs;
                flujo_grow((void **)&s->attrs, &cap, s->n_attrs + 1, sizeof(*s->attrs));
                memset(&s->attrs[s->n_attrs], 0, sizeof(flujo_attr_t));
                s->attrs[s->n_attrs].name = flujo_xstrdup(attrs->keys[k]);
                ai = (int)s->n_attrs++;
            }
            if (vals->kind == FLUJO__Y_MAP) {
                for (size_t j = 0; j < vals->n; j++) {
                    add_attr_value(&s->attrs[ai], vals->keys[j]);
                }
            } else if (vals->kind == FLUJO__Y_SCALAR) {
                add_attr_value(&s->attrs[ai], vals->value);
            } else {
                char *ap = flujo__join_path(p, attrs->keys[k]);
                st = flujo__fail(L, vals, ap, "expected {value: probability, ...} or one value");
                free(ap);
            }
        }
        free(p);
        if (st != FLUJO_OK) {
            return st;
        }
    }
    return FLUJO_OK;
}

static flujo_status_t read_arrival_attrs(flujo__loader_t *L, flujo_arrival_t *a,
                                         const flujo__ynode_t *attrs, const char *path)
{
    flujo_scenario_t *s = L->s;
    a->attr_cum = flujo_xcalloc(s->n_attrs + 1, sizeof(double *));
    for (size_t k = 0; k < attrs->n; k++) {
        int ai = flujo__find_attr(s, attrs->keys[k]);
        const flujo_attr_t *at = &s->attrs[ai];
        double *cum = flujo_xcalloc(at->n, sizeof(double));
        a->attr_cum[ai] = cum;
        const flujo__ynode_t *vals = attrs->items[k];
        char *p = flujo__join_path(path, attrs->keys[k]);
        if (vals->kind == FLUJO__Y_SCALAR) {
            cum[add_attr_value(&s->attrs[ai], vals->value)] = 1;
        } else {
            for (size_t j = 0; j < vals->n; j++) {
                double pr;
                char *vp = flujo__join_path(p, vals->keys[j]);
                flujo_status_t st = flujo__get_prob(L, vals->items[j], vp, &pr);
                free(vp);
                if (st != FLUJO_OK) {
                    free(p);
                    return st;
                }
                cum[add_attr_value(&s->attrs[ai], vals->keys[j])] += pr;
            }
        }
        double sum = 0;
        for (size_t j = 0; j < at->n; j++) {
            sum += cum[j];
            cum[j] = sum;
        }
        if (fabs(sum - 1) > FLUJO__PROB_TOL) {
            flujo_status_t st =
                flujo__fail(L, vals, p, "the probabilities add up to %.10g, not 1", sum);
            free(p);
            return st;
        }
        cum[at->n - 1] = 1; /* no draw may fall past the last value by rounding */
        free(p);
    }
    return FLUJO_OK;
}

static flujo_status_t read_arrivals(flujo__loader_t *L, const flujo__ynode_t *arr)
{
    static const char *const keys[] = {"at",         "interarrival", "calendar",   "clock",
                                       "attributes", "priority",     "background", NULL};
    flujo_scenario_t *s = L->s;
    if (arr->kind != FLUJO__Y_SEQ) {
        return flujo__fail(L, arr, "arrivals",
                           "expected a list: one '- interarrival: ...' per stream");
    }
    flujo_status_t st = collect_attrs(L, arr);
    s->arrivals = flujo_xcalloc(arr->n + 1, sizeof(*s->arrivals));
    for (size_t i = 0; i < arr->n && st == FLUJO_OK; i++) {
        char idx[32];
        snprintf(idx, sizeof(idx), "arrivals[%zu]", i + 1);
        const flujo__ynode_t *x = arr->items[i];
        flujo_arrival_t *a = &s->arrivals[s->n_arrivals++];
        a->start = -1;
        a->line = x->line;
        if ((st = flujo__need_map(L, x, idx)) != FLUJO_OK ||
            (st = flujo__check_keys(L, x, idx, keys)) != FLUJO_OK) {
            break;
        }
        const flujo__ynode_t *y;
        if ((y = flujo__yaml_get(x, "at")) != NULL) {
            char *p = flujo__join_path(idx, "at");
            if ((st = flujo__need_scalar(L, y, p)) == FLUJO_OK) {
                st = flujo__bind_node(L, y, p, y->value, flujo__is_start_node, "start event",
                                      &a->start);
            }
            free(p);
        } else {
            size_t n = 0;
            for (size_t v = 0; v < s->model->n_nodes; v++) {
                if (flujo__is_start_node(s->model, (int64_t)v)) {
                    a->start = n++ == 0 ? (int64_t)v : a->start;
                }
            }
            if (n != 1) {
                st = flujo__fail(L, x, idx,
                                 n == 0
                                     ? "the model has no start event"
                                     : "the model has several start events: say which with 'at:'");
            }
        }
        if (st == FLUJO_OK) {
            y = flujo__yaml_get(x, "interarrival");
            char *p = flujo__join_path(idx, "interarrival");
            if (y == NULL) {
                st = flujo__fail(L, x, idx,
                                 "missing interarrival (e.g. interarrival: exponential(40m))");
            } else if ((st = flujo__get_dist(L, y, p, &a->interarrival)) == FLUJO_OK &&
                       !(flujo_dist_mean(&a->interarrival) > 0)) {
                st = flujo__fail(L, y, p, "the time between arrivals must be positive on average");
            }
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "calendar")) != NULL) {
            char *p = flujo__join_path(idx, "calendar");
            st = flujo__get_calendar_ref(L, y, p, &a->calendar);
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "clock")) != NULL) {
            char *p = flujo__join_path(idx, "clock");
            if ((st = flujo__need_scalar(L, y, p)) == FLUJO_OK) {
                if (strcmp(y->value, "elapsed") == 0) {
                    a->elapsed = true;
                } else if (strcmp(y->value, "open") != 0) {
                    st = flujo__fail(
                        L, y, p,
                        "expected open (the time between arrivals runs while the calendar "
                        "is open) or elapsed (it runs on the wall clock; an arrival in "
                        "closed time waits for the opening), not '%s'",
                        y->value);
                }
            }
            if (st == FLUJO_OK && a->elapsed && a->interarrival.clock != FLUJO_CLOCK_WORK) {
                st = flujo__fail(L, y, p,
                                 "clock: elapsed is for times between arrivals in s, m or h");
            }
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "background")) != NULL) {
            char *p = flujo__join_path(idx, "background");
            if ((st = flujo__need_scalar(L, y, p)) == FLUJO_OK) {
                if (strcmp(y->value, "true") == 0) {
                    a->background = true;
                } else if (strcmp(y->value, "false") != 0) {
                    st = flujo__fail(L, y, p, "expected true or false, not '%s'", y->value);
                }
            }
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "priority")) != NULL) {
            char *p = flujo__join_path(idx, "priority");
            st = flujo__get_number(L, y, p, &a->priority);
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "attributes")) != NULL) {
            char *p = flujo__join_path(idx, "attributes");
            st = read_arrival_attrs(L, a, y, p);
            free(p);
        }
    }
    return st;
}

flujo_status_t flujo__key_arrivals(flujo__loader_t *L, const flujo__ynode_t *x)
{
    return x != NULL ? read_arrivals(L, x) : FLUJO_OK;
}
