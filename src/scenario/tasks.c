/* tasks.c - the tasks: key: each activity's duration, performers (one pool or alternatives),
 * error probability, ASME type, instances, loop and deadline; and the parameters of an activity
 * (defaults, freeing, the duration on a pool). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

static const char *const asme_types[] = {"operacion", "inspeccion", "traslado",
                                         "espera",    "archivo",    NULL};

/* ASME-VM type without accents: "operación" → "operacion". NULL if unknown. */
static const char *asme_type(const char *v)
{
    static const struct {
        const char *in, *out;
    } accents[] = {{"operación", "operacion"}, {"inspección", "inspeccion"}};
    for (size_t i = 0; i < 2; i++) {
        if (strcmp(v, accents[i].in) == 0) {
            return accents[i].out;
        }
    }
    for (size_t i = 0; asme_types[i] != NULL; i++) {
        if (strcmp(v, asme_types[i]) == 0) {
            return asme_types[i];
        }
    }
    return NULL;
}

/* The error boundary event attached to activity v, or -1. */
static int64_t error_boundary(const flujo_model_t *m, int64_t v)
{
    for (size_t b = 0; b < m->n_nodes; b++) {
        if (m->nodes[b].kind == FLUJO_NODE_BOUNDARY && m->nodes[b].attached_to == v &&
            (m->nodes[b].event_defs & FLUJO_EV_ERROR)) {
            return (int64_t)b;
        }
    }
    return -1;
}

/* Frees the alternatives of t and the durations they own (one moved to the task owns none). */
void flujo__free_alts(flujo_task_t *t)
{
    for (size_t i = 0; i < t->n_alts; i++) {
        if (t->alts[i].own_duration) {
            flujo_dist_destroy(&t->alts[i].duration);
        }
    }
    free(t->alts);
    t->alts = NULL;
    t->n_alts = 0;
}

/* resource: [A, B] or [{pool: A, duration: D}, ...]: any of several pools does the task. */
static flujo_status_t read_alternatives(flujo__loader_t *L, const flujo__ynode_t *r,
                                        const char *path, flujo_task_t *t)
{
    static const char *const keys[] = {"pool", "duration", NULL};
    if (r->n == 0) {
        return flujo__fail(L, r, path, "name at least one pool");
    }
    flujo__free_alts(t);
    t->alts = flujo_xcalloc(r->n, sizeof(*t->alts));
    flujo_status_t st = FLUJO_OK;
    for (size_t i = 0; i < r->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *y = r->items[i];
        char idx[32];
        snprintf(idx, sizeof(idx), "[%zu]", i + 1);
        char *p = flujo__join_path(path, idx);
        flujo_alt_t *a = &t->alts[t->n_alts];
        const flujo__ynode_t *name = y;
        if (y->kind == FLUJO__Y_MAP) {
            st = flujo__check_keys(L, y, p, keys);
            name = flujo__yaml_get(y, "pool");
            if (st == FLUJO_OK && name == NULL) {
                st = flujo__fail(L, y, p, "each alternative needs pool: (and may have duration:)");
            }
        }
        if (st == FLUJO_OK) {
            char *np = y->kind == FLUJO__Y_MAP ? flujo__join_path(p, "pool") : flujo_xstrdup(p);
            if ((st = flujo__need_scalar(L, name, np)) == FLUJO_OK) {
                st = flujo__pool_ref(L, name, np, name->value, &a->pool);
            }
            free(np);
        }
        for (size_t k = 0; k < t->n_alts && st == FLUJO_OK; k++) {
            if (t->alts[k].pool == a->pool) {
                st = flujo__fail(L, name, p, "'%s' is named twice", name->value);
            }
        }
        const flujo__ynode_t *d = y->kind == FLUJO__Y_MAP ? flujo__yaml_get(y, "duration") : NULL;
        if (st == FLUJO_OK && d != NULL) {
            char *dp = flujo__join_path(p, "duration");
            st = flujo__get_dist(L, d, dp, &a->duration);
            a->own_duration = st == FLUJO_OK;
            free(dp);
        }
        if (st == FLUJO_OK) {
            t->n_alts++;
        }
        free(p);
    }
    if (st == FLUJO_OK) {
        t->pool = t->alts[0].pool;
        t->units = 1;
        if (t->n_alts == 1) { /* one pool after all: the task's duration unless it has its own */
            if (t->alts[0].own_duration) {
                flujo_dist_destroy(&t->duration);
                t->duration = t->alts[0].duration;
                t->alts[0].own_duration = false;
            }
            flujo__free_alts(t);
        }
    } else {
        flujo__free_alts(t);
    }
    return st;
}

flujo_status_t flujo__read_resource_ref(flujo__loader_t *L, const flujo__ynode_t *r,
                                        const char *path, flujo_task_t *t)
{
    const char *name;
    const flujo__ynode_t *at = r;
    if (r->kind == FLUJO__Y_SEQ) {
        return read_alternatives(L, r, path, t);
    }
    if (r->kind == FLUJO__Y_SCALAR) {
        name = r->value;
        t->units = 1;
    } else if (r->kind == FLUJO__Y_MAP && r->n == 1) {
        name = r->keys[0];
        char *up = flujo__join_path(path, r->keys[0]);
        flujo_status_t st = flujo__get_count(L, r->items[0], up, 1, 1000, &t->units);
        free(up);
        if (st != FLUJO_OK) {
            return st;
        }
    } else {
        return flujo__fail(
            L, r, path,
            "expected a pool name, {Pool: units}, or a list of the pools that can do it");
    }
    flujo__free_alts(t);
    return flujo__pool_ref(L, at, path, name, &t->pool);
}

static flujo_status_t read_task(flujo__loader_t *L, int64_t v, const flujo__ynode_t *map,
                                const char *path)
{
    static const char *const keys[] = {"duration",    "resource",  "error", "asme",
                                       "value_added", "instances", "loop",  "loop_max",
                                       "deadline",    NULL};
    flujo_model_t *m = L->s->model;
    flujo_task_t *t = &L->s->tasks[v];
    flujo_status_t st = flujo__need_map(L, map, path);
    if (st == FLUJO_OK) {
        st = flujo__check_keys(L, map, path, keys);
    }
    if (st != FLUJO_OK) {
        return st;
    }
    t->given = true;
    t->line = map->line;
    bool is_task = m->nodes[v].kind == FLUJO_NODE_TASK;
    for (size_t i = 0; i < map->n && st == FLUJO_OK; i++) {
        const char *k = map->keys[i];
        const flujo__ynode_t *x = map->items[i];
        char *p = flujo__join_path(path, k);
        if (!is_task && (strcmp(k, "duration") == 0 || strcmp(k, "resource") == 0)) {
            st = flujo__fail(
                L, x, p,
                "'%s' is a %s: its time comes from the activities inside it; give %s to "
                "them",
                m->nodes[v].id, m->nodes[v].type, k);
        } else if (strcmp(k, "duration") == 0) {
            flujo_dist_t d;
            if ((st = flujo__get_dist(L, x, p, &d)) == FLUJO_OK) {
                flujo_dist_destroy(&t->duration);
                t->duration = d;
            }
        } else if (strcmp(k, "resource") == 0) {
            st = flujo__read_resource_ref(L, x, p, t);
        } else if (strcmp(k, "error") == 0) {
            st = flujo__get_prob(L, x, p, &t->error);
            if (st == FLUJO_OK && t->error > 0) {
                t->error_boundary = error_boundary(m, v);
                if (t->error_boundary < 0) {
                    st = flujo__fail(
                        L, x, p,
                        "'%s' has no error boundary event to end through: draw one on the "
                        "activity in the model",
                        m->nodes[v].id);
                }
            }
        } else if (strcmp(k, "asme") == 0) {
            if ((st = flujo__need_scalar(L, x, p)) == FLUJO_OK) {
                const char *a = asme_type(x->value);
                if (a == NULL) {
                    st = flujo__fail(
                        L, x, p,
                        "'%s' is not an ASME type (operacion, inspeccion, traslado, espera, "
                        "archivo)",
                        x->value);
                } else {
                    free(t->asme);
                    t->asme = flujo_xstrdup(a);
                }
            }
        } else if (strcmp(k, "value_added") == 0) {
            if ((st = flujo__need_scalar(L, x, p)) == FLUJO_OK) {
                if (strcmp(x->value, "true") == 0 || strcmp(x->value, "yes") == 0 ||
                    strcmp(x->value, "sí") == 0 || strcmp(x->value, "si") == 0) {
                    t->value_added = 1;
                } else if (strcmp(x->value, "false") == 0 || strcmp(x->value, "no") == 0) {
                    t->value_added = 0;
                } else {
                    st = flujo__fail(L, x, p, "expected true or false, not '%s'", x->value);
                }
            }
        } else if (strcmp(k, "instances") == 0) {
            st = flujo__get_count(L, x, p, 1, 10000, &t->instances);
            t->instances_given = true;
            if (st == FLUJO_OK && m->nodes[v].loop != FLUJO_LOOP_MI_PARALLEL &&
                m->nodes[v].loop != FLUJO_LOOP_MI_SEQUENTIAL) {
                st = flujo__fail(
                    L, x, p,
                    "'%s' is not a multi-instance activity in the model (draw the ||| or "
                    "≡ marker)",
                    m->nodes[v].id);
            }
        } else if (strcmp(k, "loop") == 0) {
            st = flujo__get_prob(L, x, p, &t->loop);
            t->loop_given = true;
            if (st == FLUJO_OK && t->loop >= 1) {
                st = flujo__fail(L, x, p, "a loop repeated with probability 1 never ends");
            }
            if (st == FLUJO_OK && m->nodes[v].loop != FLUJO_LOOP_STANDARD) {
                st = flujo__fail(L, x, p, "'%s' has no loop marker in the model", m->nodes[v].id);
            }
        } else if (strcmp(k, "loop_max") == 0) {
            st = flujo__get_count(L, x, p, 1, 100000, &t->loop_max);
        } else if (strcmp(k, "deadline") == 0) {
            flujo_clock_t c;
            st = flujo__get_duration(L, x, p, &t->deadline, &c);
            if (st == FLUJO_OK && c != FLUJO_CLOCK_BDAYS) {
                st = flujo__fail(L, x, p,
                                 "activity deadlines are counted in business days (bd), e.g. 7bd");
            }
            t->deadline_same_day = st == FLUJO_OK && t->deadline == 0;
        }
        free(p);
    }
    return st;
}

static flujo_status_t read_tasks(flujo__loader_t *L, const flujo__ynode_t *tasks)
{
    flujo_status_t st = flujo__need_map(L, tasks, "tasks");
    for (size_t i = 0; i < tasks->n && st == FLUJO_OK; i++) {
        char *p = flujo__join_path("tasks", tasks->keys[i]);
        int64_t v;
        flujo__ynode_t kr = flujo__keyref(tasks, i);
        st = flujo__bind_node(L, &kr, p, tasks->keys[i], flujo__is_activity_node, "task", &v);
        if (st == FLUJO_OK && L->s->tasks[v].given) {
            st = flujo__fail(L, &kr, p, "'%s' is set twice (by id and by name?)",
                             L->s->model->nodes[v].id);
        }
        if (st == FLUJO_OK) {
            st = read_task(L, v, tasks->items[i], p);
        }
        free(p);
    }
    return st;
}

flujo_status_t flujo__key_tasks(flujo__loader_t *L, const flujo__ynode_t *x)
{
    return x != NULL ? read_tasks(L, x) : FLUJO_OK;
}

void flujo__task_init(flujo_task_t *t)
{
    memset(t, 0, sizeof(*t));
    t->pool = -1;
    t->units = 1;
    t->instances = 1;
    t->value_added = -1;
    t->error_boundary = -1;
    t->called = -1;
    t->called_process = -1;
}

const flujo_dist_t *flujo__task_duration(const flujo_task_t *t, int64_t p)
{
    for (size_t i = 0; i < t->n_alts; i++) {
        if (t->alts[i].pool == p && t->alts[i].own_duration) {
            return &t->alts[i].duration;
        }
    }
    return &t->duration;
}

void flujo__task_destroy(flujo_task_t *t)
{
    flujo__free_alts(t);
    flujo_dist_destroy(&t->duration);
    free(t->asme);
    t->asme = NULL;
}
