/* events.c - the events: key: the delay of each timer or message (a duration, or times of day),
 * on a calendar. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static flujo_status_t read_event(flujo__loader_t *L, int64_t v, const flujo__ynode_t *map,
                                 const char *path)
{
    static const char *const keys[] = {"duration", "at", "calendar", NULL};
    flujo_delay_t *e = &L->s->events[v];
    flujo_status_t st = flujo__need_map(L, map, path);
    if (st == FLUJO_OK) {
        st = flujo__check_keys(L, map, path, keys);
    }
    const flujo__ynode_t *x;
    if (st == FLUJO_OK && (x = flujo__yaml_get(map, "calendar")) != NULL) {
        char *p = flujo__join_path(path, "calendar");
        st = flujo__get_calendar_ref(L, x, p, &e->calendar);
        free(p);
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(map, "duration")) != NULL) {
        char *p = flujo__join_path(path, "duration");
        flujo_dist_t d;
        if ((st = flujo__get_dist(L, x, p, &d)) == FLUJO_OK) {
            e->delay = d;
            e->has_delay = true;
        }
        free(p);
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(map, "at")) != NULL) {
        char *p = flujo__join_path(path, "at");
        size_t n = x->kind == FLUJO__Y_SEQ ? x->n : 1;
        e->at = flujo_xcalloc(n, sizeof(double));
        for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
            const flujo__ynode_t *t = x->kind == FLUJO__Y_SEQ ? x->items[k] : x;
            int sec;
            if (t->kind != FLUJO__Y_SCALAR ||
                !flujo__parse_clock(t->value, strlen(t->value), &sec) || sec >= 86400) {
                st = flujo__fail(L, t, p, "expected times of day like \"11:00\"");
            } else {
                e->at[e->n_at++] = sec;
            }
        }
        qsort(e->at, e->n_at, sizeof(double), cmp_double);
        if (st == FLUJO_OK && e->has_delay) {
            st = flujo__fail(L, x, p, "give either duration or at, not both");
        }
        free(p);
    }
    e->line = map->line;
    return st;
}

static flujo_status_t read_events(flujo__loader_t *L, const flujo__ynode_t *evs)
{
    flujo_status_t st = flujo__need_map(L, evs, "events");
    for (size_t i = 0; i < evs->n && st == FLUJO_OK; i++) {
        char *p = flujo__join_path("events", evs->keys[i]);
        int64_t v;
        flujo__ynode_t kr = flujo__keyref(evs, i);
        st = flujo__bind_node(L, &kr, p, evs->keys[i], flujo__is_event_node, "event", &v);
        if (st == FLUJO_OK && L->s->events[v].line > 0) {
            st = flujo__fail(L, &kr, p, "'%s' is set twice (by id and by name?)",
                             L->s->model->nodes[v].id);
        }
        if (st == FLUJO_OK) {
            st = read_event(L, v, evs->items[i], p);
        }
        free(p);
    }
    return st;
}

flujo_status_t flujo__key_events(flujo__loader_t *L, const flujo__ynode_t *x)
{
    return x != NULL ? read_events(L, x) : FLUJO_OK;
}

void flujo__delay_destroy(flujo_delay_t *d)
{
    flujo_dist_destroy(&d->delay);
    free(d->at);
    d->at = NULL;
}
