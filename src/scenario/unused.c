/* unused.c - names a scenario declares that nothing uses: a pool under resources: that is no unit
 * of the model and that no task's resource: names, a calendar under calendars: that no pool,
 * arrival stream, event, legal_calendar or redesign uses. Either is a typo (the pool or calendar
 * meant is left as it was, and the new one changes nothing) unless it is declared new: true. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

/* Marks entry i of a growing array of flags (new slots are false). */
static void mark(bool **used, size_t *cap, size_t i)
{
    flujo_grow((void **)used, cap, i + 1, sizeof(**used));
    (*used)[i] = true;
}

static bool marked(const bool *used, size_t cap, size_t i)
{
    return i < cap && used[i];
}

static bool has(const flujo_strmap_t *refs, const char *name)
{
    int64_t v;
    return flujo_strmap_get(refs, name, &v);
}

static void add_pool_ref(flujo__loader_t *L, const flujo__ynode_t *n)
{
    if (n != NULL && n->kind == FLUJO__Y_SCALAR) {
        char *sq = flujo_strdup_squeeze(n->value);
        flujo_strmap_put(&L->pool_refs, sq, 0, NULL);
        free(sq);
    }
}

static void add_cal_ref(flujo__loader_t *L, const flujo__ynode_t *n)
{
    if (n != NULL && n->kind == FLUJO__Y_SCALAR) {
        flujo_strmap_put(&L->cal_refs, n->value, 0, NULL);
    }
}

/* resource: POOL, {POOL: units}, [POOL, ...] or [{pool: POOL, ...}, ...] (tasks.c). */
static void add_resource_refs(flujo__loader_t *L, const flujo__ynode_t *r)
{
    if (r == NULL) {
        return;
    }
    if (r->kind == FLUJO__Y_SCALAR) {
        add_pool_ref(L, r);
    } else if (r->kind == FLUJO__Y_MAP && r->n == 1) {
        flujo__ynode_t k = {.kind = FLUJO__Y_SCALAR, .value = r->keys[0]};
        add_pool_ref(L, &k);
    } else if (r->kind == FLUJO__Y_SEQ) {
        for (size_t i = 0; i < r->n; i++) {
            const flujo__ynode_t *y = r->items[i];
            add_pool_ref(L, y->kind == FLUJO__Y_MAP ? flujo__yaml_get(y, "pool") : y);
        }
    }
}

/* The calendar: of every item of a map (resources:, events:) or list (arrivals:). */
static void add_item_calendars(flujo__loader_t *L, const flujo__ynode_t *x)
{
    for (size_t i = 0; x != NULL && x->kind != FLUJO__Y_SCALAR && i < x->n; i++) {
        add_cal_ref(L, flujo__yaml_get(x->items[i], "calendar"));
    }
}

void flujo__collect_refs(flujo__loader_t *L, const flujo__ynode_t *root)
{
    const flujo__ynode_t *tasks = flujo__yaml_get(root, "tasks");
    for (size_t i = 0; tasks != NULL && tasks->kind == FLUJO__Y_MAP && i < tasks->n; i++) {
        add_resource_refs(L, flujo__yaml_get(tasks->items[i], "resource"));
    }
    add_item_calendars(L, flujo__yaml_get(root, "resources"));
    add_item_calendars(L, flujo__yaml_get(root, "arrivals"));
    add_item_calendars(L, flujo__yaml_get(root, "events"));
    add_cal_ref(L, flujo__yaml_get(root, "legal_calendar"));
    const flujo__ynode_t *red = flujo__yaml_get(root, "redesign");
    for (size_t i = 0; red != NULL && red->kind == FLUJO__Y_SEQ && i < red->n; i++) {
        const flujo__ynode_t *op = red->items[i];
        if (flujo__yaml_get(op, "automate") != NULL) {
            add_resource_refs(L, flujo__yaml_get(op, "resource"));
        }
        const flujo__ynode_t *cal = flujo__yaml_get(op, "calendar");
        for (size_t k = 0; cal != NULL && cal->kind == FLUJO__Y_MAP && k < cal->n; k++) {
            add_cal_ref(L, cal->items[k]);
        }
    }
}

void flujo__use_pool(flujo__loader_t *L, int64_t p)
{
    mark(&L->pool_used, &L->cap_pool_used, (size_t)p);
}

void flujo__use_calendar(flujo__loader_t *L, int c)
{
    mark(&L->cal_used, &L->cap_cal_used, (size_t)c);
}

/* The names of the units of the model (lanes, participants, processes by name and id), which
 * pools take when they stand for one (flujo_model_unit), *n_model of them; then those of the
 * pools in use, *n in all. Borrowed. */
static const char **unit_names(const flujo__loader_t *L, size_t *n_model, size_t *n)
{
    const flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    const char **names = flujo_xcalloc(
        m->n_lanes + m->n_participants + 2 * m->n_processes + s->n_pools + 1, sizeof(*names));
    size_t k = 0;
    for (size_t i = 0; i < m->n_lanes; i++) {
        names[k++] = m->lanes[i].name;
    }
    for (size_t i = 0; i < m->n_participants; i++) {
        names[k++] = m->participants[i].name;
    }
    for (size_t i = 0; i < m->n_processes; i++) {
        names[k++] = m->processes[i].name;
        names[k++] = m->processes[i].id;
    }
    *n_model = k;
    for (size_t i = 0; i < s->n_pools; i++) {
        if (marked(L->pool_used, L->cap_pool_used, i)) {
            names[k++] = s->pools[i].name;
        }
    }
    *n = k;
    return names;
}

/* Written by another tool's parameter file: BPSim and QBP list resources that do no task, and
 * Prosimos keys calendars by resource and leaves out, with its calendar, one that does no task. */
static bool imported(const flujo__loader_t *L, const flujo__ynode_t *n)
{
    return L->imported != NULL && n->file != NULL && strcmp(n->file, L->imported) == 0;
}

/* Pools: the ones under resources: are pools 0 .. n-1, in the order of their keys (the reader of
 * resources: makes them before any other). One that is a unit of the model stays in use even when
 * its tasks went to other pools (a redesign, tasks: resource:). Those of another tool's file are
 * not checked. */
static flujo_status_t check_pools(flujo__loader_t *L, const flujo__ynode_t *res)
{
    const flujo_scenario_t *s = L->s;
    size_t n_model, n_units;
    const char **units = unit_names(L, &n_model, &n_units);
    flujo_status_t st = FLUJO_OK;
    for (size_t i = 0; i < res->n && i < s->n_pools && st == FLUJO_OK; i++) {
        const char *name = s->pools[i].name;
        bool unit = false;
        for (size_t k = 0; k < n_model && !unit; k++) {
            unit = strcmp(units[k], name) == 0;
        }
        if (unit || marked(L->pool_used, L->cap_pool_used, i) || has(&L->pool_refs, name) ||
            imported(L, res->items[i])) {
            continue;
        }
        char hint[300];
        flujo__suggest(name, units, n_units, hint, sizeof(hint));
        flujo__ynode_t kr = flujo__keyref(res, i);
        char *p = flujo__join_path("resources", res->keys[i]);
        st = flujo__fail(L, &kr, p,
                         "no lane or participant of the model is named '%s' and no task's "
                         "resource: names it%s; write new: true for a pool that nothing uses yet",
                         name, hint);
        free(p);
    }
    free(units);
    return st;
}

/* Calendars: the ones defined under calendars: ("always" is built in), but for those of another
 * tool's file. */
static flujo_status_t check_calendars(flujo__loader_t *L, const flujo__ynode_t *cals)
{
    const flujo_scenario_t *s = L->s;
    flujo_status_t st = FLUJO_OK;
    for (size_t i = 0; i < cals->n && st == FLUJO_OK; i++) {
        int c = flujo__find_calendar(s, cals->keys[i]);
        if (c <= 0 || marked(L->cal_used, L->cap_cal_used, (size_t)c) ||
            has(&L->cal_refs, cals->keys[i]) || imported(L, cals->items[i])) {
            continue;
        }
        const char **names = flujo_xcalloc(s->n_calendars + 1, sizeof(*names));
        for (size_t k = 0; k < s->n_calendars; k++) {
            names[k] = (int)k != c ? flujo_calendar_name(s->calendars[k]) : NULL;
        }
        char hint[300];
        flujo__suggest(cals->keys[i], names, s->n_calendars, hint, sizeof(hint));
        free(names);
        flujo__ynode_t kr = flujo__keyref(cals, i);
        char *p = flujo__join_path("calendars", cals->keys[i]);
        st = flujo__fail(L, &kr, p,
                         "no pool, arrival, event, legal_calendar or redesign uses this "
                         "calendar%s; write new: true for a calendar that nothing uses yet",
                         hint);
        free(p);
    }
    return st;
}

flujo_status_t flujo__check_unused(flujo__loader_t *L)
{
    const flujo__ynode_t *res = flujo__yaml_get(L->root, "resources");
    const flujo__ynode_t *cals = flujo__yaml_get(L->root, "calendars");
    flujo_status_t st = FLUJO_OK;
    if (res != NULL && res->kind == FLUJO__Y_MAP) {
        st = check_pools(L, res);
    }
    if (st == FLUJO_OK && cals != NULL && cals->kind == FLUJO__Y_MAP) {
        st = check_calendars(L, cals);
    }
    return st;
}
