/* bind.c - binding the names a scenario uses to model elements (by id, else by exact name among
 * the nodes a key may name), to its calendars and to its pools; every failure suggests the
 * closest name. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

/* Which nodes a key may name (see load_int.h). */
bool flujo__is_activity_node(const flujo_model_t *m, int64_t v)
{
    flujo_node_kind_t k = m->nodes[v].kind;
    return k == FLUJO_NODE_TASK || k == FLUJO_NODE_SUBPROCESS || k == FLUJO_NODE_CALL;
}

bool flujo__is_split_node(const flujo_model_t *m, int64_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_GATEWAY || flujo_model_conditional_out(m, v);
}

bool flujo__is_event_node(const flujo_model_t *m, int64_t v)
{
    flujo_node_kind_t k = m->nodes[v].kind;
    return k == FLUJO_NODE_CATCH || k == FLUJO_NODE_BOUNDARY || k == FLUJO_NODE_START ||
           k == FLUJO_NODE_THROW || k == FLUJO_NODE_END;
}

bool flujo__is_any_node(const flujo_model_t *m, int64_t v)
{
    (void)m;
    (void)v;
    return true;
}

bool flujo__is_start_node(const flujo_model_t *m, int64_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_START && m->nodes[v].parent < 0;
}

bool flujo__is_step_node(const flujo_model_t *m, int64_t v)
{
    flujo_node_kind_t k = m->nodes[v].kind;
    return flujo__is_activity_node(m, v) || k == FLUJO_NODE_CATCH || k == FLUJO_NODE_THROW;
}

bool flujo__is_task_only(const flujo_model_t *m, int64_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_TASK;
}

/* The one node named `name`, whatever its kind, or -1. */
static int64_t other_kind(const flujo_model_t *m, const char *name)
{
    int64_t found = -1;
    for (size_t i = 0; i < m->n_nodes; i++) {
        if (strcmp(m->nodes[i].name, name) == 0) {
            if (found >= 0) {
                return -1;
            }
            found = (int64_t)i;
        }
    }
    return found;
}

/* The node a scenario key names: by id, else by exact name among the nodes `ok` accepts. */
flujo_status_t flujo__bind_node(flujo__loader_t *L, const flujo__ynode_t *where, const char *path,
                                const char *key, flujo__node_filter_t ok, const char *what,
                                int64_t *out)
{
    const flujo_model_t *m = L->s->model;
    int64_t v = flujo_model_find_node(m, key);
    const char *an = strchr("aeiou", what[0]) != NULL ? "an" : "a";
    if (v >= 0) {
        if (!ok(m, v)) {
            return flujo__fail(L, where, path, "'%s' is a %s, not %s %s", key, m->nodes[v].type, an,
                               what);
        }
        *out = v;
        return FLUJO_OK;
    }
    char *name = flujo_strdup_squeeze(key);
    int64_t found = -1;
    flujo_sbuf_t ids;
    flujo_sbuf_init(&ids);
    size_t n_found = 0;
    for (size_t i = 0; i < m->n_nodes; i++) {
        if (ok(m, (int64_t)i) && strcmp(m->nodes[i].name, name) == 0) {
            flujo_sbuf_printf(&ids, "%s%s", n_found ? ", " : "", m->nodes[i].id);
            found = (int64_t)i;
            n_found++;
        }
    }
    flujo_status_t st = FLUJO_OK;
    if (n_found > 1) {
        st = flujo__fail(L, where, path, "%zu %ss are named '%s' (%s): use the id of one", n_found,
                         what, name, ids.s);
    } else if (n_found == 0 && (v = other_kind(m, name)) >= 0) {
        st = flujo__fail(L, where, path, "'%s' is a %s, not %s %s", name, m->nodes[v].type, an,
                         what);
    } else if (n_found == 0) {
        const char **names = flujo_xcalloc(m->n_nodes + 1, sizeof(*names));
        size_t nn = 0;
        for (size_t i = 0; i < m->n_nodes; i++) {
            if (ok(m, (int64_t)i)) {
                names[nn++] = m->nodes[i].name;
            }
        }
        char hint[300];
        flujo__suggest(name, names, nn, hint, sizeof(hint));
        free(names);
        st = flujo__fail(L, where, path, "the model has no %s with this id or name%s", what, hint);
    } else {
        *out = found;
    }
    flujo_sbuf_destroy(&ids);
    free(name);
    return st;
}

int flujo__find_calendar(const flujo_scenario_t *s, const char *name)
{
    for (size_t i = 0; i < s->n_calendars; i++) {
        if (strcmp(flujo_calendar_name(s->calendars[i]), name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

flujo_status_t flujo__get_calendar_ref(flujo__loader_t *L, const flujo__ynode_t *n,
                                       const char *path, int *out)
{
    flujo_status_t st = flujo__need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    int c = flujo__find_calendar(L->s, n->value);
    if (c < 0) {
        const char **names = flujo_xcalloc(L->s->n_calendars + 1, sizeof(*names));
        for (size_t i = 0; i < L->s->n_calendars; i++) {
            names[i] = flujo_calendar_name(L->s->calendars[i]);
        }
        char hint[200];
        flujo__suggest(n->value, names, L->s->n_calendars, hint, sizeof(hint));
        free(names);
        return flujo__fail(L, n, path, "no calendar named '%s'%s (define it under calendars:)",
                           n->value, hint);
    }
    flujo__use_calendar(L, c);
    *out = c;
    return FLUJO_OK;
}

int64_t flujo__find_pool(const flujo_scenario_t *s, const char *name)
{
    for (size_t i = 0; i < s->n_pools; i++) {
        if (strcmp(s->pools[i].name, name) == 0) {
            return (int64_t)i;
        }
    }
    return -1;
}

/* The pool named `name`, or a failure that suggests the closest names. */
flujo_status_t flujo__pool_ref(flujo__loader_t *L, const flujo__ynode_t *at, const char *path,
                               const char *name, int64_t *out)
{
    char *sq = flujo_strdup_squeeze(name);
    int64_t p = flujo__find_pool(L->s, sq);
    free(sq);
    if (p < 0) {
        const char **names = flujo_xcalloc(L->s->n_pools + 1, sizeof(*names));
        for (size_t i = 0; i < L->s->n_pools; i++) {
            names[i] = L->s->pools[i].name;
        }
        char hint[200];
        flujo__suggest(name, names, L->s->n_pools, hint, sizeof(hint));
        free(names);
        return flujo__fail(L, at, path,
                           "no pool named '%s'%s: define it under resources: or name a lane", name,
                           hint);
    }
    flujo__use_pool(L, p);
    *out = p;
    return FLUJO_OK;
}
