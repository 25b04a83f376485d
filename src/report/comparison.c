/* comparison.c - the writers of `flujo compare`: a side-by-side table an analyst can paste in a
 * report, the ranking with a one-line verdict per scenario, and the JSON of DESIGN.md §5. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

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
                 s->rank == 0   ? _("a stress test, not a redesign: not ranked")
                 : s->score > 0 ? _("recommended")
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

bool flujo__ckpi_shown(const flujo_comparison_t *c, int k)
{
    if (k < FLUJO_CK_PART) {
        return true;
    }
    for (size_t i = 0; i < c->n; i++) {
        if (c->s[i].kpi[k].mean > 0) {
            return true;
        }
    }
    return false;
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
        if (!flujo__ckpi_shown(c, k)) {
            continue;
        }
        int w = (int)flujo_utf8_width(_(flujo_ckpi_label((flujo_ckpi_t)k)));
        name_w = w > name_w ? w : name_w;
    }
    for (size_t i = 0; i < c->n; i++) {
        label_of(&c->s[i], lab, sizeof(lab));
        col[i] = (int)flujo_utf8_width(lab);
        for (int k = 0; k < FLUJO_CK_N; k++) {
            if (!flujo__ckpi_shown(c, k)) {
                continue;
            }
            char v[48], d[112];
            value_text((flujo_ckpi_t)k, c->s[i].kpi[k].mean, v, sizeof(v));
            delta_text((flujo_ckpi_t)k, &c->s[i].delta[k], d, sizeof(d));
            snprintf(cell, sizeof(cell), i == 0 ? "%s" : "%s  %s", v, d);
            int w = (int)flujo_utf8_width(cell);
            col[i] = w > col[i] ? w : col[i];
        }
    }
    flujo__pad(f, "", name_w, false);
    for (size_t i = 0; i < c->n; i++) {
        label_of(&c->s[i], lab, sizeof(lab));
        fputs("   ", f);
        flujo__pad(f, lab, i + 1 < c->n ? col[i] : 0, false);
    }
    fputc('\n', f);
    for (int k = 0; k < FLUJO_CK_N; k++) {
        if (!flujo__ckpi_shown(c, k)) {
            continue;
        }
        flujo__pad(f, _(flujo_ckpi_label((flujo_ckpi_t)k)), name_w, false);
        for (size_t i = 0; i < c->n; i++) {
            char v[48], d[112];
            value_text((flujo_ckpi_t)k, c->s[i].kpi[k].mean, v, sizeof(v));
            delta_text((flujo_ckpi_t)k, &c->s[i].delta[k], d, sizeof(d));
            snprintf(cell, sizeof(cell), i == 0 ? "%s" : "%s  %s", v, d);
            fputs("   ", f);
            flujo__pad(f, cell, i + 1 < c->n ? col[i] : 0, false);
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
            flujo__pad(f, lab, 20, false);
            fprintf(f, " %+7.2f  %s", c->s[i].score,
                    flujo_report_verdict(c, i, text, sizeof(text)));
            if (c->s[i].tied >= 0) {
                char other[128];
                label_of(&c->s[c->s[i].tied], other, sizeof(other));
                fprintf(f, _(" (tied with %s: no weighted KPI tells them apart)"), other);
            }
            fputc('\n', f);
        }
    }
    for (size_t i = 1; i < c->n; i++) {
        if (c->s[i].rank == 0) {
            label_of(&c->s[i], lab, sizeof(lab));
            fputs("  -  ", f);
            flujo__pad(f, lab, 20, false);
            fprintf(f, " %+7.2f  %s\n", c->s[i].score,
                    flujo_report_verdict(c, i, text, sizeof(text)));
        }
    }
    return flujo__finish(f, "cannot write the comparison", err);
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
            flujo__json_estimate(&j, s->kpi[k]);
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
        flujo__json_key(&j, "kind");
        flujo__json_string(&j, s->r->s->stress ? "stress" : "redesign");
        flujo__json_key(&j, "rank");
        if (s->rank > 0) {
            flujo__json_int(&j, s->rank);
        } else {
            flujo__json_null(&j);
        }
        flujo__json_key(&j, "tied_with");
        if (s->tied >= 0) {
            flujo__json_string(&j, c->s[s->tied].r->s->name);
        } else {
            flujo__json_null(&j);
        }
        flujo__json_key(&j, "verdict");
        flujo__json_string(&j, flujo_report_verdict(c, i, text, sizeof(text)));
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_end_object(&j);
    flujo__json_finish(&j);
    return flujo__finish(f, "cannot write the comparison", err);
}
