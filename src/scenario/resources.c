/* resources.c - the resources: key: the pools of performers, their size, calendar, cost, paid
 * hours, queue discipline, and whether the scenario brings them new (no unit of the model). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

int64_t flujo__add_pool(flujo_scenario_t *s, const char *name)
{
    size_t cap = s->n_pools;
    flujo_grow((void **)&s->pools, &cap, s->n_pools + 1, sizeof(*s->pools));
    flujo_pool_t *p = &s->pools[s->n_pools];
    memset(p, 0, sizeof(*p));
    p->name = flujo_xstrdup(name);
    p->count = 1;
    p->calendar = 0;
    return (int64_t)s->n_pools++;
}

/* paid_hours_per_week: H - what one performer is paid for, more than 0 and at most a week. */
static flujo_status_t read_paid_hours(flujo__loader_t *L, const flujo__ynode_t *x, const char *path,
                                      flujo_pool_t *pool)
{
    double h;
    flujo_status_t st = flujo__get_number(L, x, path, &h);
    if (st != FLUJO_OK) {
        return st;
    }
    if (!(h > 0 && h <= 168)) {
        return flujo__fail(L, x, path,
                           "paid hours per week are more than 0 and at most 168 (a whole week), "
                           "not %s",
                           x->value);
    }
    if (pool->unlimited) {
        return flujo__fail(L, x, path, "an unlimited pool has no staff to pay");
    }
    pool->paid_hours_per_week = h;
    pool->paid_hours_given = true;
    return FLUJO_OK;
}

static flujo_status_t read_resources(flujo__loader_t *L, const flujo__ynode_t *res)
{
    static const char *const keys[] = {
        "count", "calendar", "cost_per_hour", "paid_hours_per_week", "queue", "new", NULL};
    flujo_status_t st = flujo__need_map(L, res, "resources");
    for (size_t i = 0; i < res->n && st == FLUJO_OK; i++) {
        char *p = flujo__join_path("resources", res->keys[i]);
        const flujo__ynode_t *v = res->items[i];
        char *name = flujo_strdup_squeeze(res->keys[i]);
        /* keys that differ in white space only (a base file's and its own) name one pool */
        if (flujo__find_pool(L->s, name) >= 0) {
            flujo__ynode_t kr = flujo__keyref(res, i);
            st = flujo__fail(L, &kr, p, "another key names pool '%s' (white space aside)", name);
            free(name);
            free(p);
            break;
        }
        int64_t pi = flujo__add_pool(L->s, name);
        free(name);
        flujo_pool_t *pool = &L->s->pools[pi];
        pool->line = res->key_lines[i];
        pool->file = flujo_xstrdup(res->file);
        const flujo__ynode_t *count = v; /* "Mesa de Partes: 3" is short for {count: 3} */
        if (v->kind == FLUJO__Y_MAP) {
            st = flujo__check_keys(L, v, p, keys);
            count = flujo__yaml_get(v, "count");
        }
        char *cp = flujo__join_path(p, "count");
        if (st == FLUJO_OK && count != NULL) {
            if (count->kind == FLUJO__Y_SCALAR && strcmp(count->value, "unlimited") == 0) {
                pool->unlimited = true;
            } else {
                double n;
                st = flujo__get_number(L, count, cp, &n);
                if (st == FLUJO_OK && (n != floor(n) || n < 1 || n > 1000000)) {
                    st = flujo__fail(L, count, cp,
                                     "a pool needs a whole number of performers, at least 1 (or "
                                     "unlimited), not %s",
                                     count->value);
                }
                pool->count = st == FLUJO_OK ? (long)n : 1; /* never convert what is out of range */
            }
        }
        free(cp);
        if (st == FLUJO_OK && v->kind == FLUJO__Y_MAP) {
            const flujo__ynode_t *x;
            if ((x = flujo__yaml_get(v, "calendar")) != NULL) {
                char *xp = flujo__join_path(p, "calendar");
                st = flujo__get_calendar_ref(L, x, xp, &pool->calendar);
                free(xp);
            }
            if (st == FLUJO_OK && (x = flujo__yaml_get(v, "cost_per_hour")) != NULL) {
                char *xp = flujo__join_path(p, "cost_per_hour");
                st = flujo__get_number(L, x, xp, &pool->cost_per_hour);
                if (st == FLUJO_OK && pool->cost_per_hour < 0) {
                    st = flujo__fail(L, x, xp, "a cost cannot be negative");
                }
                free(xp);
            }
            if (st == FLUJO_OK && (x = flujo__yaml_get(v, "paid_hours_per_week")) != NULL) {
                char *xp = flujo__join_path(p, "paid_hours_per_week");
                st = read_paid_hours(L, x, xp, pool);
                free(xp);
            }
            if (st == FLUJO_OK && (x = flujo__yaml_get(v, "queue")) != NULL) {
                char *xp = flujo__join_path(p, "queue");
                if ((st = flujo__need_scalar(L, x, xp)) == FLUJO_OK) {
                    if (strcmp(x->value, "fifo") == 0) {
                        pool->queue = FLUJO_QUEUE_FIFO;
                    } else if (strcmp(x->value, "edd") == 0) {
                        pool->queue = FLUJO_QUEUE_EDD;
                    } else if (strcmp(x->value, "priority") == 0) {
                        pool->queue = FLUJO_QUEUE_PRIORITY;
                    } else {
                        st = flujo__fail(L, x, xp, "'%s' is not fifo, edd or priority", x->value);
                    }
                }
                free(xp);
            }
            bool is_new = false;
            if (st == FLUJO_OK && (x = flujo__yaml_get(v, "new")) != NULL) {
                char *xp = flujo__join_path(p, "new");
                st = flujo__get_bool(L, x, xp, &is_new);
                free(xp);
            }
            if (is_new) {
                flujo__use_pool(L, pi);
            }
        }
        free(p);
    }
    return st;
}

flujo_status_t flujo__key_resources(flujo__loader_t *L, const flujo__ynode_t *x)
{
    return x != NULL ? read_resources(L, x) : FLUJO_OK;
}
