/* settings.c - the keys of the run itself: name:, kind:, start:, seed: and replications:. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

#define DEFAULT_START "2026-01-05"
#define DEFAULT_REPS  10

/* name: - else the first process's name, else the file's name without directory and
 * extension. */
flujo_status_t flujo__key_name(flujo__loader_t *L, const flujo__ynode_t *x)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    const char *path = L->path;
    flujo_status_t st;
    if (x != NULL && (st = flujo__need_scalar(L, x, "name")) != FLUJO_OK) {
        return st;
    }
    if (x != NULL) {
        s->name = flujo_xstrdup(x->value);
    } else if (m->n_processes > 0 && m->processes[0].name[0]) {
        s->name = flujo_xstrdup(m->processes[0].name);
    } else {
        /* the file's name without directory and extension */
        const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
        const char *dot = strrchr(base, '.');
        s->name =
            flujo_xstrndup(base, dot != NULL && dot > base ? (size_t)(dot - base) : strlen(base));
    }
    return FLUJO_OK;
}

/* start: - the date (and time) the run starts at. */
flujo_status_t flujo__key_start(flujo__loader_t *L, const flujo__ynode_t *x)
{
    flujo_scenario_t *s = L->s;
    flujo_status_t st;
    const char *start = DEFAULT_START;
    if (x != NULL) {
        if ((st = flujo__need_scalar(L, x, "start")) != FLUJO_OK) {
            return st;
        }
        start = x->value;
        if (!flujo_parse_datetime(start, &s->start_day, &s->start_time)) {
            return flujo__fail(L, x, "start",
                               "'%s' is not a date like 2026-03-02 (or 2026-03-02T09:00)", start);
        }
    } else {
        flujo_parse_date(start, &s->start_day);
    }
    return FLUJO_OK;
}

/* seed: - of the random streams, 1 by default. */
flujo_status_t flujo__key_seed(flujo__loader_t *L, const flujo__ynode_t *x)
{
    flujo_scenario_t *s = L->s;
    flujo_status_t st;
    s->seed = 1;
    if (x != NULL) {
        double v;
        if ((st = flujo__get_number(L, x, "seed", &v)) != FLUJO_OK) {
            return st;
        }
        if (v < 0 || v != floor(v) || v > 9007199254740992.0) {
            return flujo__fail(L, x, "seed", "expected a whole number >= 0");
        }
        s->seed = (uint64_t)v;
    }
    return FLUJO_OK;
}

/* replications: - how many independent runs. */
flujo_status_t flujo__key_replications(flujo__loader_t *L, const flujo__ynode_t *x)
{
    flujo_scenario_t *s = L->s;
    flujo_status_t st;
    s->replications = DEFAULT_REPS;
    if (x != NULL) {
        if ((st = flujo__get_count(L, x, "replications", 2, 100000, &s->replications)) !=
            FLUJO_OK) {
            return st;
        }
    } else {
        flujo__note(L, "default-replications", "assumed %d replications", DEFAULT_REPS);
    }
    return FLUJO_OK;
}

/* kind: - redesign (the default) or stress: a test of the process under a load it does not have
 * today (a February peak, a campaign), which compare shows but never ranks as a redesign. */
flujo_status_t flujo__key_kind(flujo__loader_t *L, const flujo__ynode_t *x)
{
    flujo_scenario_t *s = L->s;
    flujo_status_t st;
    s->stress = false;
    if (x == NULL) {
        return FLUJO_OK;
    }
    if ((st = flujo__need_scalar(L, x, "kind")) != FLUJO_OK) {
        return st;
    }
    if (strcmp(x->value, "stress") == 0) {
        s->stress = true;
    } else if (strcmp(x->value, "redesign") != 0) {
        return flujo__fail(L, x, "kind",
                           "'%s' is not a kind: use redesign (a change to the process, the "
                           "default) or stress (a load test, shown by compare but not ranked)",
                           x->value);
    }
    return FLUJO_OK;
}
