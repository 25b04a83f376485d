/* prosimos.c - Prosimos simulation parameters (the JSON that Prosimos reads beside a BPMN model,
 * and that Simod discovers from event logs) as a flujo scenario tree.
 *
 * What maps to what:
 *   resource_calendars[]        calendars (week intervals; from..to day ranges wrap past Sunday)
 *   resource_profiles[]         pools: resources with the same open hours, cost and durations for
 *     .resource_list[]          the same tasks are one pool, their amounts added; a task that
 *   task_resource_distribution  several pools can do lists them as alternatives, each with its
 *                               duration (the free one that was freed first takes the work)
 *   arrival_time_distribution   arrivals[0].interarrival, on the wall clock (clock: elapsed): an
 *   arrival_time_calendar       arrival in closed time waits for the calendar to open
 *   gateway_branching_...       gateway probabilities by flow id, normalised to add up to 1
 *   event_distribution          events' durations (elapsed time)
 *   case_attributes (discrete)  arrivals[0].attributes
 * Distributions (times in seconds; distribution_params is a list of {"value": x}; values after
 * the ones listed are ignored):
 *   fix [v]                     v
 *   expon [mean, min, max]      min + exponential(mean - min), drawn again above max
 *   norm [mean, sd, min, max]   normal(mean, sd) in [min, max]
 *   uniform [min, max]          uniform(min, max)
 *   lognorm [mean, var, min, max], gamma [mean, var, min, max]: of the duration itself, in bounds
 *   triang [c, loc, scale, min, max]: triangular(loc, loc + c scale, loc + scale) in bounds
 * Values outside [min, max] are drawn again; after 1000 failed draws the value is the mean if it
 * lies inside, else the middle of the interval (flujo_dist.h). Parameters written as plain
 * numbers, and the lists only that form has, are scipy's ([shape,] loc, scale, min, max: Prosimos
 * up to 1.2.5), and the older layout of the sections (maps keyed by id) is read too. Rejected,
 * naming the key:
 * prioritisation_rules, batch_processing, branch_rules, event_attributes, global_attributes,
 * fuzzy calendars (model_type FUZZY), continuous case attributes, histogram arrivals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flujo_dist.h"
#include "import/prosimos_int.h"

/* ---- shared by the Prosimos files ---------------------------------------------------------- */

const char *flujo__pro_str(const flujo__ynode_t *n)
{
    return n != NULL && n->kind == FLUJO__Y_SCALAR ? n->value : NULL;
}

flujo_status_t flujo__pro_fail(flujo__pro_ctx_t *c, const flujo__ynode_t *n, const char *path,
                               const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return flujo__imp_fail(c->err, c->file, n != NULL ? n->line : 0, "%s: %s", path, msg);
}

bool flujo__pro_number(const flujo__ynode_t *n, double *out)
{
    return flujo__pro_str(n) != NULL && flujo_parse_number(n->value, out);
}

flujo_status_t flujo__pro_need_list(flujo__pro_ctx_t *c, const flujo__ynode_t *n, const char *path)
{
    if (n == NULL || n->kind != FLUJO__Y_SEQ) {
        return flujo__pro_fail(c, n, path, "expected a list");
    }
    return FLUJO_OK;
}

static flujo_status_t read_gateways(flujo__pro_ctx_t *c, const flujo__ynode_t *list,
                                    flujo__ynode_t **out)
{
    flujo_status_t st = flujo__pro_need_list(c, list, "gateway_branching_probabilities");
    if (st != FLUJO_OK || list->n == 0) {
        return st;
    }
    flujo__ynode_t *gws = flujo__yaml_new_map(c->file, list->line);
    *out = gws;
    for (size_t i = 0; i < list->n; i++) {
        const flujo__ynode_t *g = list->items[i];
        char p[96];
        snprintf(p, sizeof(p), "gateway_branching_probabilities[%zu]", i + 1);
        const char *id =
            g->kind == FLUJO__Y_MAP ? flujo__pro_str(flujo__yaml_get(g, "gateway_id")) : NULL;
        const flujo__ynode_t *ps = id != NULL ? flujo__yaml_get(g, "probabilities") : NULL;
        if (id == NULL || ps == NULL || ps->kind != FLUJO__Y_SEQ || ps->n == 0) {
            return flujo__pro_fail(c, g, p,
                                   "expected {gateway_id, probabilities: [{path_id, value}, ...]}");
        }
        /* a missing value takes an equal share of what the others leave; then normalised */
        double *v = flujo_xcalloc(ps->n, sizeof(double));
        bool *given = flujo_xcalloc(ps->n, sizeof(bool));
        double sum = 0;
        size_t n_missing = 0;
        for (size_t k = 0; k < ps->n; k++) {
            const flujo__ynode_t *it = ps->items[k];
            const flujo__ynode_t *val =
                it->kind == FLUJO__Y_MAP ? flujo__yaml_get(it, "value") : NULL;
            if (it->kind != FLUJO__Y_MAP ||
                flujo__pro_str(flujo__yaml_get(it, "path_id")) == NULL) {
                free(v);
                free(given);
                return flujo__pro_fail(c, it, p, "probabilities[%zu]: expected {path_id, value}",
                                       k + 1);
            }
            if (val != NULL && (!flujo__pro_number(val, &v[k]) || v[k] < 0)) {
                free(v);
                free(given);
                return flujo__pro_fail(c, val, p, "probabilities[%zu]: value must be a number >= 0",
                                       k + 1);
            }
            given[k] = val != NULL;
            sum += given[k] ? v[k] : 0;
            n_missing += !given[k];
        }
        for (size_t k = 0; k < ps->n; k++) {
            if (!given[k]) {
                v[k] = sum < 1 ? (1 - sum) / (double)n_missing : 0;
            }
        }
        sum = 0;
        for (size_t k = 0; k < ps->n; k++) {
            sum += v[k];
        }
        if (!(sum > 0)) {
            free(v);
            free(given);
            return flujo__pro_fail(c, g, p, "the probabilities of gateway '%s' add up to 0", id);
        }
        if (fabs(sum - 1) > 1e-6) {
            flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "normalised", id, c->file, g->line,
                               "the probabilities of gateway '%s' add up to %.6g: divided by it",
                               id, sum);
        }
        flujo__ynode_t *gm = flujo__yaml_new_map(c->file, g->line);
        for (size_t k = 0; k < ps->n; k++) {
            const flujo__ynode_t *it = ps->items[k];
            flujo__yaml_map_add(gm, flujo__pro_str(flujo__yaml_get(it, "path_id")), it->line,
                                flujo__imp_scalarf(c->file, it->line, "%.17g", v[k] / sum));
        }
        free(v);
        free(given);
        flujo__yaml_map_add(gws, id, g->line, gm);
    }
    return FLUJO_OK;
}

static flujo_status_t read_events(flujo__pro_ctx_t *c, const flujo__ynode_t *list,
                                  flujo__ynode_t **out)
{
    flujo_status_t st = flujo__pro_need_list(c, list, "event_distribution");
    if (st != FLUJO_OK || list->n == 0) {
        return st;
    }
    flujo__ynode_t *evs = flujo__yaml_new_map(c->file, list->line);
    *out = evs;
    for (size_t i = 0; i < list->n; i++) {
        const flujo__ynode_t *ev = list->items[i];
        char p[64], buf[512];
        snprintf(p, sizeof(p), "event_distribution[%zu]", i + 1);
        const char *id =
            ev->kind == FLUJO__Y_MAP ? flujo__pro_str(flujo__yaml_get(ev, "event_id")) : NULL;
        if (id == NULL) {
            return flujo__pro_fail(c, ev, p,
                                   "expected {event_id, distribution_name, distribution_params}");
        }
        if ((st = flujo__pro_dist_text(c, ev, p, buf, sizeof(buf))) != FLUJO_OK) {
            return st;
        }
        flujo__ynode_t *en = flujo__yaml_new_map(c->file, ev->line);
        flujo__yaml_map_add(en, "duration", ev->line,
                            flujo__yaml_new_scalar(buf, c->file, ev->line));
        flujo__yaml_map_add(evs, id, ev->line, en);
    }
    return FLUJO_OK;
}

static flujo_status_t read_attributes(flujo__pro_ctx_t *c, const flujo__ynode_t *list,
                                      flujo__ynode_t **out)
{
    flujo_status_t st = flujo__pro_need_list(c, list, "case_attributes");
    if (st != FLUJO_OK || list->n == 0) {
        return st;
    }
    flujo__ynode_t *attrs = flujo__yaml_new_map(c->file, list->line);
    *out = attrs;
    for (size_t i = 0; i < list->n; i++) {
        const flujo__ynode_t *a = list->items[i];
        char p[64];
        snprintf(p, sizeof(p), "case_attributes[%zu]", i + 1);
        const char *name =
            a->kind == FLUJO__Y_MAP ? flujo__pro_str(flujo__yaml_get(a, "name")) : NULL;
        const char *type = name != NULL ? flujo__pro_str(flujo__yaml_get(a, "type")) : NULL;
        const flujo__ynode_t *vals = name != NULL ? flujo__yaml_get(a, "values") : NULL;
        if (name == NULL || type == NULL || vals == NULL) {
            return flujo__pro_fail(c, a, p, "expected {name, type, values}");
        }
        if (strcmp(type, "discrete") != 0) {
            return flujo__pro_fail(
                c, a, p,
                "'%s' is a %s attribute: flujo's case attributes are discrete (values "
                "with probabilities)",
                name, type);
        }
        if (vals->kind != FLUJO__Y_SEQ || vals->n == 0) {
            return flujo__pro_fail(c, vals, p, "values: expected [{key, value}, ...]");
        }
        flujo__ynode_t *vm = flujo__yaml_new_map(c->file, a->line);
        for (size_t k = 0; k < vals->n; k++) {
            const flujo__ynode_t *it = vals->items[k];
            const char *key =
                it->kind == FLUJO__Y_MAP ? flujo__pro_str(flujo__yaml_get(it, "key")) : NULL;
            double pr;
            if (key == NULL || !flujo__pro_number(flujo__yaml_get(it, "value"), &pr)) {
                flujo__yaml_free(vm);
                return flujo__pro_fail(c, it, p,
                                       "values[%zu]: expected {key, value: a probability}", k + 1);
            }
            flujo__yaml_map_add(vm, key, it->line,
                                flujo__imp_scalarf(c->file, it->line, "%.17g", pr));
        }
        flujo__yaml_map_add(attrs, name, a->line, vm);
    }
    return FLUJO_OK;
}

/* ---- the older layout ---------------------------------------------------------------------- */

static flujo__ynode_t *kv(const char *file, long line, const char *key, flujo__ynode_t *value)
{
    flujo__ynode_t *m = flujo__yaml_new_map(file, line);
    flujo__yaml_map_add(m, key, line, value);
    return m;
}

/* Older Prosimos files (and those converted from QBP) write the sections as maps keyed by id:
 * resource_profiles {id: {name, resource_list}}, resource_calendars {resource id: [periods]},
 * task_resource_distribution {task: {resource: distribution}}, gateway_branching_probabilities
 * {gateway: {flow: p}}. They become the lists of the current layout, in place. */
static void list_layout(flujo__ynode_t *root)
{
    const char *f = root->file;
    for (size_t i = 0; i < root->n; i++) {
        const char *k = root->keys[i];
        flujo__ynode_t *v = root->items[i];
        if (v->kind != FLUJO__Y_MAP) {
            continue;
        }
        flujo__ynode_t *seq = flujo__yaml_new_seq(f, v->line);
        for (size_t j = 0; j < v->n; j++) {
            const char *id = v->keys[j];
            flujo__ynode_t *x = flujo__yaml_clone(v->items[j]);
            long ln = v->key_lines[j];
            flujo__ynode_t *item;
            if (strcmp(k, "resource_profiles") == 0 || strcmp(k, "resource_calendars") == 0) {
                if (strcmp(k, "resource_calendars") == 0) {
                    item = kv(f, ln, "time_periods", x);
                } else {
                    item = x->kind == FLUJO__Y_MAP ? x : kv(f, ln, "resource_list", x);
                }
                flujo__yaml_map_add(item, "id", ln, flujo__yaml_new_scalar(id, f, ln));
            } else if (strcmp(k, "task_resource_distribution") == 0) {
                flujo__ynode_t *rs = flujo__yaml_new_seq(f, ln);
                for (size_t q = 0; x->kind == FLUJO__Y_MAP && q < x->n; q++) {
                    flujo__ynode_t *d = flujo__yaml_clone(x->items[q]);
                    if (d->kind == FLUJO__Y_MAP) {
                        flujo__yaml_map_add(d, "resource_id", x->key_lines[q],
                                            flujo__yaml_new_scalar(x->keys[q], f, x->key_lines[q]));
                    }
                    flujo__yaml_seq_add(rs, d);
                }
                flujo__yaml_free(x);
                item = kv(f, ln, "resources", rs);
                flujo__yaml_map_add(item, "task_id", ln, flujo__yaml_new_scalar(id, f, ln));
            } else if (strcmp(k, "gateway_branching_probabilities") == 0) {
                flujo__ynode_t *ps = flujo__yaml_new_seq(f, ln);
                for (size_t q = 0; x->kind == FLUJO__Y_MAP && q < x->n; q++) {
                    flujo__ynode_t *pv =
                        kv(f, x->key_lines[q], "value", flujo__yaml_clone(x->items[q]));
                    flujo__yaml_map_add(pv, "path_id", x->key_lines[q],
                                        flujo__yaml_new_scalar(x->keys[q], f, x->key_lines[q]));
                    flujo__yaml_seq_add(ps, pv);
                }
                flujo__yaml_free(x);
                item = kv(f, ln, "probabilities", ps);
                flujo__yaml_map_add(item, "gateway_id", ln, flujo__yaml_new_scalar(id, f, ln));
            } else {
                flujo__yaml_free(x);
                continue;
            }
            flujo__yaml_seq_add(seq, item);
        }
        if (seq->n == 0) {
            flujo__yaml_free(seq);
            continue;
        }
        flujo__yaml_free(v);
        root->items[i] = seq;
    }
}

/* ---- the whole file ------------------------------------------------------------------------ */

/* The keys of the file: unsupported sections refused (unless empty), unknown ones noted, fuzzy
 * calendars refused, the required ones present. */
static flujo_status_t check_keys(flujo__pro_ctx_t *c, const flujo__ynode_t *root)
{
    static const char *const unsupported[] = {"prioritisation_rules", "batch_processing",
                                              "branch_rules",         "event_attributes",
                                              "global_attributes",    NULL};
    static const char *const known[] = {"resource_profiles",
                                        "resource_calendars",
                                        "task_resource_distribution",
                                        "arrival_time_distribution",
                                        "arrival_time_calendar",
                                        "gateway_branching_probabilities",
                                        "event_distribution",
                                        "case_attributes",
                                        "model_type",
                                        "granule_size",
                                        "gateway_execution_limit",
                                        NULL};
    if (root == NULL || root->kind != FLUJO__Y_MAP) {
        return flujo__imp_fail(c->err, c->file, root != NULL ? root->line : 0,
                               "expected a JSON object with Prosimos' keys (resource_profiles, "
                               "resource_calendars, task_resource_distribution, ...)");
    }
    for (size_t i = 0; i < root->n; i++) {
        const char *k = root->keys[i];
        const flujo__ynode_t *v = root->items[i];
        for (size_t u = 0; unsupported[u] != NULL; u++) {
            if (strcmp(k, unsupported[u]) == 0 && !(v->kind == FLUJO__Y_SEQ && v->n == 0) &&
                !(v->kind == FLUJO__Y_MAP && v->n == 0)) {
                return flujo__imp_fail(c->err, c->file, root->key_lines[i],
                                       "%s: not supported by flujo (remove it to simulate "
                                       "without it)",
                                       k);
            }
        }
        bool ok = false;
        for (size_t u = 0; known[u] != NULL && !ok; u++) {
            ok = strcmp(k, known[u]) == 0;
        }
        for (size_t u = 0; unsupported[u] != NULL && !ok; u++) {
            ok = strcmp(k, unsupported[u]) == 0;
        }
        if (!ok) {
            flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "ignored-key", k, c->file,
                               root->key_lines[i], "%s: not a Prosimos key flujo knows: ignored",
                               k);
        }
    }
    const char *mt = flujo__pro_str(flujo__yaml_get(root, "model_type"));
    if (mt != NULL && strcmp(mt, "CRISP") != 0) {
        const flujo__ynode_t *mn = flujo__yaml_get(root, "model_type");
        return flujo__pro_fail(
            c, mn, "model_type",
            "'%s' calendars (with probabilities) are not supported: give crisp ones", mt);
    }
    static const char *const required[] = {"resource_profiles", "resource_calendars",
                                           "task_resource_distribution",
                                           "arrival_time_distribution", NULL};
    for (size_t i = 0; required[i] != NULL; i++) {
        if (flujo__yaml_get(root, required[i]) == NULL) {
            return flujo__imp_fail(c->err, c->file, root->line, "missing %s", required[i]);
        }
    }
    return FLUJO_OK;
}

/* The calendar of the arrivals (arrival_time_calendar ac, NULL when the file has none) into cals,
 * named in *arrival_cal (left NULL without one). */
static flujo_status_t arrival_calendar(flujo__pro_ctx_t *c, const flujo__ynode_t *ac,
                                       flujo__ynode_t *cals, const char **arrival_cal)
{
    if (ac != NULL) {
        flujo__week_t w = {0};
        flujo_status_t st = flujo__pro_periods(c, ac, "arrival_time_calendar", &w);
        if (st != FLUJO_OK) {
            free(w.iv);
            free(w.wd);
            return st;
        }
        flujo__ynode_t *cal = flujo__week_tree(&w, c->file, ac->line);
        if (cal == NULL) {
            return flujo__pro_fail(c, ac, "arrival_time_calendar",
                                   "never open: no case could arrive");
        }
        *arrival_cal = "arrival_time_calendar";
        while (flujo__pro_calendar_name(c, *arrival_cal) != NULL) {
            *arrival_cal = "prosimos arrival_time_calendar";
        }
        flujo__yaml_map_add(cals, *arrival_cal, ac->line, cal);
    } else {
        flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "arrivals-always", NULL, c->file, 0,
                           "no arrival_time_calendar: cases arrive at any hour");
    }
    return FLUJO_OK;
}

/* gateways: and events: into out, and the case attributes (for the arrivals) in *attrsp. */
static flujo_status_t read_sections(flujo__pro_ctx_t *c, const flujo__ynode_t *root,
                                    flujo__ynode_t *out, flujo__ynode_t **attrsp)
{
    flujo_status_t st;
    flujo__ynode_t *gws = NULL, *evs = NULL, *attrs = NULL;
    const flujo__ynode_t *x;
    if ((x = flujo__yaml_get(root, "gateway_branching_probabilities")) != NULL &&
        (st = read_gateways(c, x, &gws)) != FLUJO_OK) {
        flujo__yaml_free(gws);
        return st;
    }
    if (gws != NULL) {
        flujo__yaml_map_add(out, "gateways", x->line, gws);
    }
    if ((x = flujo__yaml_get(root, "event_distribution")) != NULL &&
        (st = read_events(c, x, &evs)) != FLUJO_OK) {
        flujo__yaml_free(evs);
        return st;
    }
    if (evs != NULL) {
        flujo__yaml_map_add(out, "events", x->line, evs);
    }
    if ((x = flujo__yaml_get(root, "case_attributes")) != NULL &&
        (st = read_attributes(c, x, &attrs)) != FLUJO_OK) {
        flujo__yaml_free(attrs);
        return st;
    }
    *attrsp = attrs;
    return FLUJO_OK;
}

/* arrivals: one stream on the wall clock, held until the arrival calendar opens. Takes attrs
 * (freed on failure). */
static flujo_status_t add_arrivals(flujo__pro_ctx_t *c, const flujo__ynode_t *root,
                                   const flujo__ynode_t *ac, const char *arrival_cal,
                                   flujo__ynode_t *attrs, flujo__ynode_t *out)
{
    flujo_status_t st;
    const flujo__ynode_t *ad = flujo__yaml_get(root, "arrival_time_distribution");
    char buf[512];
    if ((st = flujo__pro_dist_text(c, ad, "arrival_time_distribution", buf, sizeof(buf))) !=
        FLUJO_OK) {
        flujo__yaml_free(attrs);
        return st;
    }
    flujo__ynode_t *arrivals = flujo__yaml_new_seq(c->file, ad->line);
    flujo__ynode_t *a = flujo__yaml_new_map(c->file, ad->line);
    flujo__yaml_map_add(a, "interarrival", ad->line,
                        flujo__yaml_new_scalar(buf, c->file, ad->line));
    if (arrival_cal != NULL) {
        flujo__yaml_map_add(a, "calendar", ac->line,
                            flujo__yaml_new_scalar(arrival_cal, c->file, ac->line));
        flujo__yaml_map_add(a, "clock", ad->line,
                            flujo__yaml_new_scalar("elapsed", c->file, ad->line));
    }
    if (attrs != NULL) {
        flujo__yaml_map_add(a, "attributes", attrs->line, attrs);
    }
    flujo__yaml_seq_add(arrivals, a);
    flujo__yaml_map_add(out, "arrivals", ad->line, arrivals);
    return FLUJO_OK;
}

static flujo_status_t convert(flujo__pro_ctx_t *c, const flujo__ynode_t *root, flujo__ynode_t *out)
{
    flujo_status_t st = check_keys(c, root);
    if (st != FLUJO_OK) {
        return st;
    }
    flujo__ynode_t *cals = flujo__yaml_new_map(c->file, root->line);
    flujo__yaml_map_add(out, "calendars", root->line, cals);
    if ((st = flujo__pro_read_calendars(c, flujo__yaml_get(root, "resource_calendars"), cals)) !=
            FLUJO_OK ||
        (st = flujo__pro_read_profiles(c, flujo__yaml_get(root, "resource_profiles"))) !=
            FLUJO_OK ||
        (st = flujo__pro_read_task_resources(
             c, flujo__yaml_get(root, "task_resource_distribution"))) != FLUJO_OK) {
        return st;
    }
    /* the arrivals' calendar */
    const flujo__ynode_t *ac = flujo__yaml_get(root, "arrival_time_calendar");
    const char *arrival_cal = NULL;
    if ((st = arrival_calendar(c, ac, cals, &arrival_cal)) != FLUJO_OK) {
        return st;
    }
    flujo__ynode_t *res = flujo__yaml_new_map(c->file, root->line);
    char **pool_names = NULL;
    size_t n_pools = 0;
    flujo__pro_make_pools(c, res, &pool_names, &n_pools);
    flujo__yaml_map_add(out, "resources", root->line, res);
    flujo__yaml_map_add(out, "tasks", root->line, flujo__pro_make_tasks(c, pool_names, n_pools));
    for (size_t i = 0; i < n_pools; i++) {
        free(pool_names[i]);
    }
    free(pool_names);

    flujo__ynode_t *attrs = NULL;
    if ((st = read_sections(c, root, out, &attrs)) != FLUJO_OK) {
        return st;
    }
    return add_arrivals(c, root, ac, arrival_cal, attrs, out);
}

flujo_status_t flujo__prosimos_tree(const char *buf, size_t len, const char *file,
                                    flujo__ynode_t **out, flujo_diags_t *notes, flujo_err_t *err)
{
    flujo__ynode_t *root = NULL;
    flujo_status_t st = flujo__yaml_parse(buf, len, file, &root, err);
    if (st != FLUJO_OK) {
        return st;
    }
    flujo__pro_ctx_t c = {0};
    c.file = file;
    c.err = err;
    c.notes = notes;
    if (root != NULL && root->kind == FLUJO__Y_MAP) {
        list_layout(root);
    }
    flujo__ynode_t *tree = flujo__yaml_new_map(file, 1);
    st = convert(&c, root, tree);
    for (size_t k = 0; k < c.n_tasks; k++) {
        for (size_t q = 0; q < c.tasks[k].n; q++) {
            free(c.tasks[k].dist[q]);
        }
        free(c.tasks[k].res);
        free(c.tasks[k].dist);
        free(c.tasks[k].lines);
    }
    free(c.tasks);
    free(c.res);
    for (size_t k = 0; k < c.n_cals; k++) {
        free(c.cal_names[k]);
        free(c.cal_sigs[k]);
    }
    free(c.cal_names);
    free(c.cal_sigs);
    free(c.cal_ids);
    if (st == FLUJO_OK && c.legacy) {
        flujo_diags_add_in(notes, FLUJO_SEV_NOTE, "scipy-lists", NULL, file, 0,
                           "distribution parameters read as scipy's lists ([shape,] loc, scale, "
                           "min, max), as Prosimos up to 1.2.5 wrote them");
    }
    if (st != FLUJO_OK) {
        flujo__yaml_free(tree);
        flujo__yaml_free(root);
        return st;
    }
    /* the tree borrows strings (ids, names) from root only while it is built: it holds copies */
    flujo__yaml_free(root);
    *out = tree;
    return FLUJO_OK;
}
