/* optimum.c - the writers of `flujo optimize`: the staffings simulated with their cost and KPI,
 * the cheapest that meets the target, and the cost-KPI frontier, in text and JSON. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

static void target_text(const flujo_target_t *t, char *buf, size_t n)
{
    if (flujo_ckpi_is_share(t->kpi)) {
        snprintf(buf, n, "%s %s %g%%", flujo_ckpi_key(t->kpi),
                 t->at_least ? ">=" : "<=", 100 * t->value);
    } else {
        snprintf(buf, n, "%s %s %g", flujo_ckpi_key(t->kpi), t->at_least ? ">=" : "<=", t->value);
    }
}

static void kpi_text(flujo_ckpi_t k, flujo_estimate_t e, char *buf, size_t n)
{
    if (isnan(e.mean)) {
        snprintf(buf, n, "-");
    } else if (flujo_ckpi_is_share(k)) {
        snprintf(buf, n, "%.2f%% [%.2f, %.2f]", 100 * e.mean, 100 * e.lo, 100 * e.hi);
    } else {
        snprintf(buf, n, "%.4g [%.4g, %.4g]", e.mean, e.lo, e.hi);
    }
}

/* Staffing value `value` of item v: a number of performers, or the name of a calendar. */
static void item_cell(const flujo_scenario_t *s, const flujo_vary_t *v, long value, char *buf,
                      size_t n)
{
    if (v->n_calendars > 0) {
        snprintf(buf, n, "%s", flujo_calendar_name(s->calendars[v->calendars[value]]));
    } else {
        snprintf(buf, n, "%ld", value);
    }
}

/* The column head of item v: its pool, and "calendar" for a calendar item. */
static void item_head(const flujo_scenario_t *s, const flujo_vary_t *v, char *buf, size_t n)
{
    if (v->n_calendars > 0) {
        snprintf(buf, n, _("%s (calendar)"), s->pools[v->pool].name);
    } else {
        snprintf(buf, n, "%s", s->pools[v->pool].name);
    }
}

/* Whether candidate k is on the frontier: run, and no other run staffing costs no more and does
 * at least as well (of two equal ones, the first listed stays). */
static bool on_frontier(const flujo_optimum_t *o, size_t k, const flujo_target_t *t)
{
    const flujo_candidate_t *c = &o->c[k];
    if (c->state != FLUJO_CAND_RUN) {
        return false;
    }
    for (size_t j = 0; j < o->n; j++) {
        const flujo_candidate_t *d = &o->c[j];
        if (j == k || d->state != FLUJO_CAND_RUN || d->cost > c->cost) {
            continue;
        }
        bool better = t->at_least ? d->kpi.mean > c->kpi.mean : d->kpi.mean < c->kpi.mean;
        bool same = d->kpi.mean == c->kpi.mean;
        if (better || (same && (d->cost < c->cost || j < k))) {
            return false;
        }
    }
    return true;
}

flujo_status_t flujo_report_optimize_text(FILE *f, const flujo_scenario_t *s,
                                          const flujo_vary_t *vary, size_t n_vary,
                                          const flujo_target_t *t, const flujo_optimum_t *o,
                                          flujo_err_t *err)
{
    char tt[128], cell[128];
    target_text(t, tt, sizeof(tt));
    size_t counts[4] = {0, 0, 0, 0};
    for (size_t k = 0; k < o->n; k++) {
        counts[o->c[k].state]++;
    }
    fprintf(f,
            _("Cheapest staffing of '%s' with %s (the whole 95%% interval), %ld replications "
              "each, seed %llu."),
            s->name, tt, s->replications, (unsigned long long)s->seed);
    fputc('\n', f);
    fprintf(f,
            _("%zu staffings: %zu overload a unit in the capacity check, %zu simulated, %zu "
              "cannot beat one that missed, %zu can only cost more than one that met it."),
            o->n, counts[FLUJO_CAND_OVERLOADED], counts[FLUJO_CAND_RUN], counts[FLUJO_CAND_WORSE],
            counts[FLUJO_CAND_COSTLIER]);
    fputc('\n', f);
    fprintf(f, "%s\n\n",
            o->cost_is_count ? _("Cost: performers in all units (no pool has a cost_per_hour).")
                             : _("Cost: what the staff of all units are paid a week "
                                 "(performers × paid hours × cost_per_hour)."));
    int *w = flujo_xcalloc(n_vary + 1, sizeof(int));
    for (size_t i = 0; i < n_vary; i++) {
        item_head(s, &vary[i], cell, sizeof(cell));
        w[i] = (int)flujo_utf8_width(cell);
        w[i] = w[i] < 6 ? 6 : w[i];
        for (size_t k = 0; vary[i].n_calendars > 0 && k < vary[i].n_calendars; k++) {
            item_cell(s, &vary[i], (long)k, cell, sizeof(cell));
            int cw = (int)flujo_utf8_width(cell);
            w[i] = cw > w[i] ? cw : w[i];
        }
        item_head(s, &vary[i], cell, sizeof(cell));
        flujo__pad(f, cell, w[i], false);
        fputs("  ", f);
    }
    flujo__pad(f, _("cost/week"), 12, true);
    fprintf(f, "  %s\n", _(flujo_ckpi_label(t->kpi)));
    for (size_t k = 0; k < o->n; k++) {
        const flujo_candidate_t *c = &o->c[k];
        if (c->state != FLUJO_CAND_RUN) {
            continue;
        }
        for (size_t i = 0; i < n_vary; i++) {
            item_cell(s, &vary[i], c->count[i], cell, sizeof(cell));
            flujo__pad(f, cell, w[i], false);
            fputs("  ", f);
        }
        kpi_text(t->kpi, c->kpi, cell, sizeof(cell));
        fprintf(f, "%12.1f  ", c->cost);
        flujo__pad(f, cell, 30, false);
        fprintf(f, "  %s%s\n", c->meets ? _("meets") : _("misses"),
                (int64_t)k == o->best ? _("  <- cheapest that meets the target") : "");
    }
    free(w);
    if (o->best >= 0) {
        const flujo_candidate_t *b = &o->c[o->best];
        fprintf(f, "\n%s", _("cheapest staffing that meets the target:"));
        for (size_t i = 0; i < n_vary; i++) {
            item_head(s, &vary[i], tt, sizeof(tt));
            item_cell(s, &vary[i], b->count[i], cell, sizeof(cell));
            fprintf(f, "%s %s %s", i ? "," : "", tt, cell);
        }
        fprintf(f, _(" (cost %.1f a week)"), b->cost);
        fputc('\n', f);
    } else {
        fprintf(f, "\n%s\n",
                _("no staffing in these ranges meets the target with confidence: widen the "
                  "ranges, add replications, or look elsewhere than staffing"));
    }
    fputs(_("frontier (each better than every staffing that costs no more):"), f);
    for (size_t k = 0; k < o->n; k++) {
        if (!on_frontier(o, k, t)) {
            continue;
        }
        fputs("\n  ", f);
        for (size_t i = 0; i < n_vary; i++) {
            item_cell(s, &vary[i], o->c[k].count[i], cell, sizeof(cell));
            fprintf(f, "%s%s", i ? "/" : "", cell);
        }
        kpi_text(t->kpi, o->c[k].kpi, cell, sizeof(cell));
        fprintf(f, "  %s %.1f  %s", _("cost"), o->c[k].cost, cell);
    }
    fputc('\n', f);
    return flujo__finish(f, "cannot write the comparison", err);
}

flujo_status_t flujo_report_optimize_json(FILE *f, const flujo_scenario_t *s,
                                          const flujo_vary_t *vary, size_t n_vary,
                                          const flujo_target_t *t, const flujo_optimum_t *o,
                                          flujo_err_t *err)
{
    static const char *const states[] = {"overloaded", "run", "cannot_beat_a_miss",
                                         "costlier_than_a_hit"};
    char cell[128];
    flujo__json_t j;
    flujo__json_init(&j, f);
    flujo__json_begin_object(&j);
    flujo__json_key(&j, "flujo");
    flujo__json_int(&j, 1);
    flujo__json_key(&j, "scenario");
    flujo__json_string(&j, s->name);
    flujo__json_key(&j, "target");
    flujo__json_begin_object(&j);
    flujo__json_key(&j, "kpi");
    flujo__json_string(&j, flujo_ckpi_key(t->kpi));
    flujo__json_key(&j, "op");
    flujo__json_string(&j, t->at_least ? ">=" : "<=");
    flujo__json_key(&j, "value");
    flujo__json_double(&j, t->value);
    flujo__json_end_object(&j);
    flujo__json_key(&j, "cost_is_performers");
    flujo__json_bool(&j, o->cost_is_count);
    flujo__json_key(&j, "runs");
    flujo__json_int(&j, (int64_t)o->runs);
    flujo__json_key(&j, "staffings");
    flujo__json_begin_array(&j);
    for (size_t k = 0; k < o->n; k++) {
        const flujo_candidate_t *c = &o->c[k];
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "count");
        flujo__json_begin_object(&j);
        for (size_t i = 0; i < n_vary; i++) {
            if (vary[i].n_calendars == 0) {
                flujo__json_key(&j, s->pools[vary[i].pool].name);
                flujo__json_int(&j, c->count[i]);
            }
        }
        flujo__json_end_object(&j);
        flujo__json_key(&j, "calendar");
        flujo__json_begin_object(&j);
        for (size_t i = 0; i < n_vary; i++) {
            if (vary[i].n_calendars > 0) {
                item_cell(s, &vary[i], c->count[i], cell, sizeof(cell));
                flujo__json_key(&j, s->pools[vary[i].pool].name);
                flujo__json_string(&j, cell);
            }
        }
        flujo__json_end_object(&j);
        flujo__json_key(&j, "cost");
        flujo__json_double(&j, c->cost);
        flujo__json_key(&j, "max_utilization");
        flujo__json_double(&j, c->max_rho);
        flujo__json_key(&j, "state");
        flujo__json_string(&j, states[c->state]);
        flujo__json_key(&j, "kpi");
        if (c->state == FLUJO_CAND_RUN) {
            flujo__json_estimate(&j, c->kpi);
        } else {
            flujo__json_null(&j);
        }
        flujo__json_key(&j, "meets");
        flujo__json_bool(&j, c->meets);
        flujo__json_key(&j, "frontier");
        flujo__json_bool(&j, on_frontier(o, k, t));
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_key(&j, "best");
    if (o->best >= 0) {
        flujo__json_int(&j, o->best);
    } else {
        flujo__json_null(&j);
    }
    flujo__json_end_object(&j);
    flujo__json_finish(&j);
    return flujo__finish(f, "cannot write the comparison", err);
}
