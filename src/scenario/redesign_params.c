/* redesign_params.c - the redesign changes of parameters: automate a task, staff a pool, move a
 * pool to another calendar. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "scenario/load_int.h"

/* The pool of `staff:` and `calendar:` keys. */
static flujo_status_t bind_pool_key(flujo__loader_t *L, const flujo__ynode_t *map, size_t i,
                                    const char *path, int64_t *out)
{
    flujo__ynode_t at = flujo__keyref(map, i);
    char *sq = flujo_strdup_squeeze(map->keys[i]);
    *out = flujo__find_pool(L->s, sq);
    free(sq);
    if (*out < 0) {
        return flujo__fail(L, &at, path, "no pool named '%s'", map->keys[i]);
    }
    return FLUJO_OK;
}

flujo_status_t flujo__redesign_staff(flujo__loader_t *L, const flujo__ynode_t *y, const char *path)
{
    flujo_status_t st = flujo__need_map(L, y, path);
    for (size_t i = 0; i < y->n && st == FLUJO_OK; i++) {
        int64_t p;
        if ((st = bind_pool_key(L, y, i, path, &p)) != FLUJO_OK ||
            (st = flujo__need_scalar(L, y->items[i], path)) != FLUJO_OK) {
            break;
        }
        flujo_pool_t *pool = &L->s->pools[p];
        const char *text = y->items[i]->value;
        double v;
        if (!flujo_parse_number(text, &v) || v != floor(v) || fabs(v) > 1e6) {
            st = flujo__fail(L, y->items[i], path,
                             "'%s': expected +N, -N or a number of performers", text);
            break;
        }
        if (pool->unlimited) {
            st = flujo__fail(L, y->items[i], path, "'%s' is unlimited: nothing to staff",
                             pool->name);
            break;
        }
        long before = pool->count;
        long after = text[0] == '+' || text[0] == '-' ? before + (long)v : (long)v;
        if (after < 1 || after > 100000) {
            st = flujo__fail(L, y->items[i], path, "'%s' would have %ld performers", pool->name,
                             after);
            break;
        }
        pool->count = after;
        flujo__changed(L, _("%s: %ld -> %ld performers"), pool->name, before, after);
    }
    return st;
}

flujo_status_t flujo__redesign_calendar(flujo__loader_t *L, const flujo__ynode_t *y,
                                        const char *path)
{
    flujo_status_t st = flujo__need_map(L, y, path);
    for (size_t i = 0; i < y->n && st == FLUJO_OK; i++) {
        int64_t p;
        int c;
        if ((st = bind_pool_key(L, y, i, path, &p)) != FLUJO_OK ||
            (st = flujo__get_calendar_ref(L, y->items[i], path, &c)) != FLUJO_OK) {
            break;
        }
        L->s->pools[p].calendar = c;
        flujo__changed(L, _("%s works on calendar '%s'"), L->s->pools[p].name,
                       flujo_calendar_name(L->s->calendars[c]));
    }
    return st;
}

#define SYSTEM_POOL "Sistema (automatizado)"

flujo_status_t flujo__redesign_automate(flujo__loader_t *L, const flujo__ynode_t *op,
                                        const char *path)
{
    flujo_scenario_t *s = L->s;
    const flujo__ynode_t *y = flujo__yaml_get(op, "automate");
    const flujo__ynode_t *d = flujo__yaml_get(op, "duration");
    const flujo__ynode_t *r = flujo__yaml_get(op, "resource");
    int64_t v;
    flujo_status_t st = flujo__need_scalar(L, y, path);
    if (st == FLUJO_OK) {
        st = flujo__bind_node(L, y, path, y->value, flujo__is_task_only, "task", &v);
    }
    if (st != FLUJO_OK) {
        return st;
    }
    if (d == NULL) {
        return flujo__fail(L, op, path, "automate needs the new duration, e.g. duration: 1m");
    }
    flujo_dist_t dist;
    char *dp = flujo__join_path(path, "duration");
    st = flujo__get_dist(L, d, dp, &dist);
    free(dp);
    if (st != FLUJO_OK) {
        return st;
    }
    flujo_task_t *t = &s->tasks[v];
    flujo_dist_destroy(&t->duration);
    t->duration = dist;
    if (r != NULL) {
        char *rp = flujo__join_path(path, "resource");
        if ((st = flujo__need_scalar(L, r, rp)) == FLUJO_OK && strcmp(r->value, "unlimited") == 0) {
            int64_t p = flujo__find_pool(s, SYSTEM_POOL);
            if (p < 0) {
                p = flujo__add_pool(s, SYSTEM_POOL);
                s->pools[p].unlimited = true;
                s->pools[p].automated = true;
            }
            flujo__free_alts(t);
            t->pool = p;
            t->units = 1;
        } else if (st == FLUJO_OK) {
            st = flujo__read_resource_ref(L, r, rp, t);
        }
        free(rp);
    }
    char lb[300];
    if (st == FLUJO_OK) {
        flujo__changed(L, _("%s automated: %s by %s"),
                       flujo_model_label(s->model, v, lb, sizeof(lb)),
                       t->duration.text != NULL ? t->duration.text : "?", s->pools[t->pool].name);
    }
    return st;
}
