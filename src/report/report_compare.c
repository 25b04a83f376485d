/* report_compare.c - the writers of `flujo compare`: a side-by-side table an analyst can paste in
 * a report, the ranking with a one-line verdict per scenario, and the JSON of DESIGN.md §5. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

static void pad(FILE *f, const char *s, int width, bool right)
{
    int w = (int)flujo_utf8_width(s);
    if (right && w < width) {
        fprintf(f, "%*s", width - w, "");
    }
    fputs(s, f);
    if (!right && w < width) {
        fprintf(f, "%*s", width - w, "");
    }
}

/* The scenario's short label: its file name without directory and extension. */
static void label_of(const flujo_compared_t *c, char *buf, size_t n)
{
    const char *file = c->r->s->file, *slash = strrchr(file, '/');
    const char *base = slash != NULL ? slash + 1 : file;
    size_t len = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot != NULL && dot != base) {
        len = (size_t)(dot - base);
    }
    snprintf(buf, n, "%.*s", (int)len, base);
}

/* A KPI value for people: shares in percent, the rest with four significant digits. */
static void value_text(flujo_ckpi_t k, double v, char *buf, size_t n)
{
    if (isnan(v)) {
        snprintf(buf, n, "-");
    } else if (flujo_ckpi_is_share(k)) {
        snprintf(buf, n, "%.2f%%", 100 * v);
    } else {
        snprintf(buf, n, "%.4g", v);
    }
}

/* "+1.1% [+0.5, +1.7] ✓" (in points for shares), or "=" for no difference at all. */
static void delta_text(flujo_ckpi_t k, const flujo_delta_t *d, char *buf, size_t n)
{
    if (!d->defined) {
        snprintf(buf, n, "-");
    } else if (d->lo == 0 && d->hi == 0) {
        snprintf(buf, n, "%s", _("= (identical)"));
    } else if (flujo_ckpi_is_share(k)) {
        snprintf(buf, n, "%+.2f pt [%+.2f, %+.2f]%s", 100 * d->mean, 100 * d->lo, 100 * d->hi,
                 d->significant ? " ✓" : "");
    } else if (!isnan(d->rel)) {
        snprintf(buf, n, "%+.1f%% [%+.1f, %+.1f]%s", 100 * d->rel, 100 * d->rel_lo, 100 * d->rel_hi,
                 d->significant ? " ✓" : "");
    } else {
        snprintf(buf, n, "%+.3g [%+.3g, %+.3g]%s", d->mean, d->lo, d->hi,
                 d->significant ? " ✓" : "");
    }
}

/* One significant change in words: "cuts mean cycle time (h) 31% [27%, 35%]". */
static void change_text(flujo_ckpi_t k, const flujo_delta_t *d, char *buf, size_t n)
{
    bool up = d->mean > 0;
    const char *label = _(flujo_ckpi_words(k));
    if (flujo_ckpi_is_share(k)) {
        snprintf(buf, n, _("%s %s by %.1f points [%.1f, %.1f]"), up ? _("raises") : _("lowers"),
                 label, fabs(100 * d->mean), fabs(100 * (up ? d->lo : d->hi)),
                 fabs(100 * (up ? d->hi : d->lo)));
    } else if (!isnan(d->rel)) {
        snprintf(buf, n, "%s %s %.1f%% [%.1f%%, %.1f%%]", up ? _("raises") : _("cuts"), label,
                 fabs(100 * d->rel), fabs(100 * (up ? d->rel_lo : d->rel_hi)),
                 fabs(100 * (up ? d->rel_hi : d->rel_lo)));
    } else {
        snprintf(buf, n, _("%s %s by %.3g"), up ? _("raises") : _("cuts"), label, fabs(d->mean));
    }
}

const char *flujo_report_verdict(const flujo_comparison_t *c, size_t i, char *buf, size_t n)
{
    const flujo_compared_t *s = &c->s[i];
    if (i == 0) {
        snprintf(buf, n, "%s", _("the baseline"));
        return buf;
    }
    /* the weighted KPIs that changed significantly, the heaviest first */
    int order[FLUJO_CK_N], m = 0;
    for (int k = 0; k < FLUJO_CK_N; k++) {
        if (c->weights[k] > 0 && s->delta[k].significant) {
            order[m++] = k;
        }
    }
    for (int a = 1; a < m; a++) {
        for (int b = a; b > 0; b--) {
            double wa = c->weights[order[b]] * fabs(s->delta[order[b]].gain);
            double wb = c->weights[order[b - 1]] * fabs(s->delta[order[b - 1]].gain);
            if (wa > wb) {
                int t = order[b];
                order[b] = order[b - 1];
                order[b - 1] = t;
            }
        }
    }
    size_t used = 0;
    buf[0] = '\0';
    for (int a = 0; a < m && a < 3 && used < n; a++) {
        char part[160];
        change_text((flujo_ckpi_t)order[a], &s->delta[order[a]], part, sizeof(part));
        used += (size_t)snprintf(buf + used, n - used, "%s%s", a > 0 ? ", " : "", part);
    }
    if (used < n) {
        snprintf(buf + used, n - used, "%s%s", m > 0 ? ": " : "",
                 s->score > 0   ? _("recommended")
                 : s->score < 0 ? _("not recommended")
                                : _("no significant difference from the baseline"));
    }
    return buf;
}

/* The formula of the score, from the weights: "0.5 × cycle + 0.3 × sla + 0.2 × cost". */
static void formula(const flujo_comparison_t *c, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < FLUJO_CK_N && used < n; k++) {
        if (c->weights[k] > 0) {
            used += (size_t)snprintf(buf + used, n - used, "%s%g × %s", used > 0 ? " + " : "",
                                     c->weights[k], flujo_ckpi_weight_key((flujo_ckpi_t)k));
        }
    }
}

static flujo_status_t finish(FILE *f, flujo_err_t *err)
{
    if (fflush(f) != 0 || ferror(f)) {
        return flujo_err_set(err, FLUJO_EIO, "cannot write the comparison");
    }
    return FLUJO_OK;
}

flujo_status_t flujo_report_compare_text(FILE *f, const flujo_comparison_t *c, flujo_err_t *err)
{
    const flujo_results_t *base = c->s[0].r;
    char lab[128], cell[160], text[1024];
    fprintf(f, _("Compared with '%s' on common random numbers: %ld replications, seed %llu."),
            base->s->name, base->n_done, (unsigned long long)base->s->seed);
    fprintf(f, "\n%s\n\n",
            /* xgettext:no-c-format */
            _("Δ = scenario - baseline, mean [95% CI] of the paired differences, in % of the "
              "baseline (points for shares); ✓ significant."));
    /* column widths: the widest cell of each scenario */
    int name_w = 0, *col = flujo_xcalloc(c->n, sizeof(int));
    for (int k = 0; k < FLUJO_CK_N; k++) {
        int w = (int)flujo_utf8_width(_(flujo_ckpi_label((flujo_ckpi_t)k)));
        name_w = w > name_w ? w : name_w;
    }
    for (size_t i = 0; i < c->n; i++) {
        label_of(&c->s[i], lab, sizeof(lab));
        col[i] = (int)flujo_utf8_width(lab);
        for (int k = 0; k < FLUJO_CK_N; k++) {
            char v[48], d[112];
            value_text((flujo_ckpi_t)k, c->s[i].kpi[k].mean, v, sizeof(v));
            delta_text((flujo_ckpi_t)k, &c->s[i].delta[k], d, sizeof(d));
            snprintf(cell, sizeof(cell), i == 0 ? "%s" : "%s  %s", v, d);
            int w = (int)flujo_utf8_width(cell);
            col[i] = w > col[i] ? w : col[i];
        }
    }
    pad(f, "", name_w, false);
    for (size_t i = 0; i < c->n; i++) {
        label_of(&c->s[i], lab, sizeof(lab));
        fputs("   ", f);
        pad(f, lab, i + 1 < c->n ? col[i] : 0, false);
    }
    fputc('\n', f);
    for (int k = 0; k < FLUJO_CK_N; k++) {
        pad(f, _(flujo_ckpi_label((flujo_ckpi_t)k)), name_w, false);
        for (size_t i = 0; i < c->n; i++) {
            char v[48], d[112];
            value_text((flujo_ckpi_t)k, c->s[i].kpi[k].mean, v, sizeof(v));
            delta_text((flujo_ckpi_t)k, &c->s[i].delta[k], d, sizeof(d));
            snprintf(cell, sizeof(cell), i == 0 ? "%s" : "%s  %s", v, d);
            fputs("   ", f);
            pad(f, cell, i + 1 < c->n ? col[i] : 0, false);
        }
        fputc('\n', f);
    }
    free(col);
    fprintf(f, "\n%s\n", _("scenarios:"));
    for (size_t i = 0; i < c->n; i++) {
        label_of(&c->s[i], lab, sizeof(lab));
        fprintf(f, "  %-20s %s\n", lab, c->s[i].r->s->name);
    }
    formula(c, text, sizeof(text));
    fputc('\n', f);
    fprintf(f,
            _("ranking (score = 100 × (%s), improvements over the baseline counted only where "
              "significant):"),
            text);
    fputc('\n', f);
    for (int rank = 1; rank <= (int)c->n; rank++) {
        for (size_t i = 0; i < c->n; i++) {
            if (c->s[i].rank != rank) {
                continue;
            }
            label_of(&c->s[i], lab, sizeof(lab));
            fprintf(f, "  %d. ", rank);
            pad(f, lab, 20, false);
            fprintf(f, " %+7.2f  %s\n", c->s[i].score,
                    flujo_report_verdict(c, i, text, sizeof(text)));
        }
    }
    return finish(f, err);
}

static void json_est(flujo__json_t *j, flujo_estimate_t e)
{
    flujo__json_estimate_open(j, e, 1);
    flujo__json_end_object(j);
}

flujo_status_t flujo_report_compare_json(FILE *f, const flujo_comparison_t *c, flujo_err_t *err)
{
    flujo__json_t j;
    char text[1024];
    flujo__json_init(&j, f);
    flujo__json_begin_object(&j);
    flujo__json_key(&j, "flujo");
    flujo__json_int(&j, 1);
    flujo__json_key(&j, "baseline");
    flujo__json_string(&j, c->s[0].r->s->name);
    flujo__json_key(&j, "replications");
    flujo__json_int(&j, c->s[0].r->n_done);
    flujo__json_key(&j, "seed");
    flujo__json_int(&j, (int64_t)c->s[0].r->s->seed);
    flujo__json_key(&j, "weights");
    flujo__json_begin_object(&j);
    for (int k = 0; k < FLUJO_CK_N; k++) {
        if (c->weights[k] > 0) {
            flujo__json_key(&j, flujo_ckpi_weight_key((flujo_ckpi_t)k));
            flujo__json_double(&j, c->weights[k]);
        }
    }
    flujo__json_end_object(&j);
    flujo__json_key(&j, "scenarios");
    flujo__json_begin_array(&j);
    for (size_t i = 0; i < c->n; i++) {
        const flujo_compared_t *s = &c->s[i];
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "name");
        flujo__json_string(&j, s->r->s->name);
        flujo__json_key(&j, "file");
        flujo__json_string(&j, s->r->s->file);
        flujo__json_key(&j, "kpis");
        flujo__json_begin_object(&j);
        for (int k = 0; k < FLUJO_CK_N; k++) {
            flujo__json_key(&j, flujo_ckpi_key((flujo_ckpi_t)k));
            json_est(&j, s->kpi[k]);
        }
        flujo__json_end_object(&j);
        flujo__json_key(&j, "delta");
        flujo__json_begin_object(&j);
        for (int k = 0; k < FLUJO_CK_N; k++) {
            const flujo_delta_t *d = &s->delta[k];
            flujo__json_key(&j, flujo_ckpi_key((flujo_ckpi_t)k));
            if (!d->defined) {
                flujo__json_null(&j);
                continue;
            }
            flujo__json_begin_object(&j);
            flujo__json_key(&j, "mean");
            flujo__json_double(&j, d->mean);
            flujo__json_key(&j, "ci95");
            flujo__json_begin_array(&j);
            flujo__json_double(&j, d->lo);
            flujo__json_double(&j, d->hi);
            flujo__json_end_array(&j);
            flujo__json_key(&j, "relative");
            flujo__json_double(&j, d->rel);
            flujo__json_key(&j, "relative_ci95");
            flujo__json_begin_array(&j);
            flujo__json_double(&j, d->rel_lo);
            flujo__json_double(&j, d->rel_hi);
            flujo__json_end_array(&j);
            flujo__json_key(&j, "significant");
            flujo__json_bool(&j, d->significant);
            flujo__json_end_object(&j);
        }
        flujo__json_end_object(&j);
        flujo__json_key(&j, "score");
        flujo__json_double(&j, s->score);
        flujo__json_key(&j, "rank");
        flujo__json_int(&j, s->rank);
        flujo__json_key(&j, "verdict");
        flujo__json_string(&j, flujo_report_verdict(c, i, text, sizeof(text)));
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_end_object(&j);
    flujo__json_finish(&j);
    return finish(f, err);
}

/* ---- flujo optimize ------------------------------------------------------------------------ */

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

/* Whether candidate k is on the frontier: run, and better than every cheaper run. */
static bool on_frontier(const flujo_optimum_t *o, size_t k, const flujo_target_t *t)
{
    const flujo_candidate_t *c = &o->c[k];
    if (c->state != FLUJO_CAND_RUN) {
        return false;
    }
    bool higher = t->at_least;
    for (size_t j = 0; j < k; j++) {
        const flujo_candidate_t *d = &o->c[j];
        if (d->state == FLUJO_CAND_RUN &&
            (higher ? d->kpi.mean >= c->kpi.mean : d->kpi.mean <= c->kpi.mean)) {
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
                             : _("Cost: performers × cost_per_hour × open hours a week, all "
                                 "units."));
    int *w = flujo_xcalloc(n_vary + 1, sizeof(int));
    for (size_t i = 0; i < n_vary; i++) {
        w[i] = (int)flujo_utf8_width(s->pools[vary[i].pool].name);
        w[i] = w[i] < 6 ? 6 : w[i];
        pad(f, s->pools[vary[i].pool].name, w[i], false);
        fputs("  ", f);
    }
    pad(f, _("cost/week"), 12, true);
    fprintf(f, "  %s\n", _(flujo_ckpi_label(t->kpi)));
    for (size_t k = 0; k < o->n; k++) {
        const flujo_candidate_t *c = &o->c[k];
        if (c->state != FLUJO_CAND_RUN) {
            continue;
        }
        for (size_t i = 0; i < n_vary; i++) {
            snprintf(cell, sizeof(cell), "%ld", c->count[i]);
            pad(f, cell, w[i], false);
            fputs("  ", f);
        }
        kpi_text(t->kpi, c->kpi, cell, sizeof(cell));
        fprintf(f, "%12.1f  ", c->cost);
        pad(f, cell, 30, false);
        fprintf(f, "  %s%s\n", c->meets ? _("meets") : _("misses"),
                (int64_t)k == o->best ? _("  <- cheapest that meets the target") : "");
    }
    free(w);
    if (o->best >= 0) {
        const flujo_candidate_t *b = &o->c[o->best];
        fprintf(f, "\n%s", _("cheapest staffing that meets the target:"));
        for (size_t i = 0; i < n_vary; i++) {
            fprintf(f, "%s %s %ld", i ? "," : "", s->pools[vary[i].pool].name, b->count[i]);
        }
        fprintf(f, _(" (cost %.1f a week)"), b->cost);
        fputc('\n', f);
    } else {
        fprintf(f, "\n%s\n",
                _("no staffing in these ranges meets the target with confidence: widen the "
                  "ranges, add replications, or look elsewhere than staffing"));
    }
    fputs(_("frontier (each better than every cheaper staffing):"), f);
    for (size_t k = 0; k < o->n; k++) {
        if (!on_frontier(o, k, t)) {
            continue;
        }
        fputs("\n  ", f);
        for (size_t i = 0; i < n_vary; i++) {
            fprintf(f, "%s%ld", i ? "/" : "", o->c[k].count[i]);
        }
        kpi_text(t->kpi, o->c[k].kpi, cell, sizeof(cell));
        fprintf(f, "  %s %.1f  %s", _("cost"), o->c[k].cost, cell);
    }
    fputc('\n', f);
    return finish(f, err);
}

flujo_status_t flujo_report_optimize_json(FILE *f, const flujo_scenario_t *s,
                                          const flujo_vary_t *vary, size_t n_vary,
                                          const flujo_target_t *t, const flujo_optimum_t *o,
                                          flujo_err_t *err)
{
    static const char *const states[] = {"overloaded", "run", "cannot_beat_a_miss",
                                         "costlier_than_a_hit"};
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
            flujo__json_key(&j, s->pools[vary[i].pool].name);
            flujo__json_int(&j, c->count[i]);
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
            json_est(&j, c->kpi);
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
    return finish(f, err);
}
