/* findings.c - what `flujo check SCENARIO` means: the findings of the model a scenario runs, less
 * what the scenario settles, with its notes and the capacity check's verdict on each unit. The
 * findings about the scenario name its file, so that a report names the right one for each. */
#include <math.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_scenario.h"

/* Capacity findings: pools at or above 100% of what their performers can do (an error: the
 * queue grows without bound) and above 85% (a warning), with what would bring them to 85%. */
static void capacity_diags(const flujo_scenario_t *s, const flujo_capacity_t *cap, flujo_diags_t *d)
{
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        double rho = cap->rho[p];
        if (pool->unlimited || !(rho > 0.85)) {
            continue;
        }
        long need = (long)ceil(rho * (double)pool->count / 0.85 - 1e-9);
        long more = need - pool->count;
        double less = 100 * (1 - 0.85 / rho);
        const char *file = pool->file != NULL ? pool->file : s->file;
        if (rho >= 1) {
            flujo_diags_add_in(
                d, FLUJO_SEV_ERROR, "overloaded", NULL, file, pool->line,
                "'%s' is offered %.0f%% of what its %ld performer%s can do: the queue "
                "grows without bound; it needs %ld more performer%s or %.0f%% less "
                "work (to reach 85%%)",
                pool->name, 100 * rho, pool->count, pool->count == 1 ? "" : "s", more,
                more == 1 ? "" : "s", less);
        } else {
            flujo_diags_add_in(d, FLUJO_SEV_WARNING, "high-load", NULL, file, pool->line,
                               "'%s' is loaded to %.0f%% with %ld performer%s: queues will be long "
                               "and slow to settle (%ld more performer%s or %.0f%% less work reach "
                               "85%%)",
                               pool->name, 100 * rho, pool->count, pool->count == 1 ? "" : "s",
                               more, more == 1 ? "" : "s", less);
        }
    }
}

flujo_status_t flujo_scenario_check(const flujo_scenario_t *s, flujo_findings_t *out,
                                    flujo_err_t *err)
{
    const flujo_model_t *m = s->model;
    flujo_diags_t model;
    memset(out, 0, sizeof(*out));
    flujo_diags_init(&out->diags);
    flujo_diags_init(&model);
    flujo_status_t st = flujo_model_check(m, &model, &out->cycles, &out->n_cycles, err);
    if (st != FLUJO_OK) {
        flujo_diags_destroy(&model);
        return st;
    }
    /* an unlabelled split whose flows the scenario routes (probabilities or conditions, from the
     * YAML or --params) is no longer a finding */
    for (size_t i = 0; i < model.n; i++) {
        const flujo_diag_t *d = &model.items[i];
        int64_t v = d->id != NULL ? flujo_model_find_node(m, d->id) : -1;
        if (strcmp(d->code, "unlabelled-split") == 0 && v >= 0 &&
            s->gateways[v].route != FLUJO_ROUTE_EQUAL) {
            continue;
        }
        flujo_diags_add_in(&out->diags, d->severity, d->code, d->id, d->file, d->line, "%s",
                           d->message);
    }
    flujo_diags_destroy(&model);
    for (size_t i = 0; i < s->notes.n; i++) {
        const flujo_diag_t *n = &s->notes.items[i];
        /* notes are about the scenario; its warnings may be about the model */
        const char *file = n->file == NULL && n->severity == FLUJO_SEV_NOTE ? s->file : n->file;
        flujo_diags_add_in(&out->diags, n->severity, n->code, n->id, file, n->line, "%s",
                           n->message);
    }
    flujo_err_t cerr = {0};
    if (flujo_scenario_capacity(s, &out->capacity, &cerr) != FLUJO_OK) {
        flujo_diags_add(&out->diags, FLUJO_SEV_ERROR, "endless-loop", NULL, 0, "%s", cerr.msg);
    } else {
        out->has_capacity = true;
        capacity_diags(s, &out->capacity, &out->diags);
    }
    return FLUJO_OK;
}

void flujo_findings_destroy(flujo_findings_t *f)
{
    if (f->has_capacity) {
        flujo_capacity_destroy(&f->capacity);
    }
    flujo_model_cycles_free(f->cycles, f->n_cycles);
    flujo_diags_destroy(&f->diags);
    memset(f, 0, sizeof(*f));
}
