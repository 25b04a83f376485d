/* html_tables.c - the lists and tables of the HTML report: the bottlenecks with their reasons,
 * the plazo figures, the hand-offs between units, the ASME-VM table of the PCM methodology and
 * the comparison of redesigns. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_report.h"
#include "report/html_int.h"
#include "report/report_int.h"

/* Text and attribute values, escaped (format.c). */
static void esc(FILE *f, const char *s)
{
    flujo__xml_text(f, s);
}

/* Where the cycle goes: one bar, split by the parts of the cycle, and their table with hours
 * per expediente (with the interval) and share. The parts add up to the cycle time. */
void flujo__html_parts(FILE *f, const flujo_results_t *r)
{
    static const char *const colour[FLUJO_PART_N] = {
        [FLUJO_PART_WAIT_PERFORMER] = "#d7301f", [FLUJO_PART_WAIT_HOURS] = "#fc8d59",
        [FLUJO_PART_WORK] = "#2b8cbe",           [FLUJO_PART_WORK_PAUSED] = "#fdcc8a",
        [FLUJO_PART_DELAY] = "#bdbdbd",          [FLUJO_PART_ADMINISTRADO] = "#74c476",
        [FLUJO_PART_SYNC] = "#9e9ac8",           [FLUJO_PART_OTHER] = "#636363"};
    double cycle = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean;
    if (!(cycle > 0)) {
        return;
    }
    fputs("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 900 28\" "
          "width=\"900\" height=\"28\" role=\"img\">",
          f);
    double x = 0;
    for (int p = 0; p < FLUJO_PART_N; p++) {
        double h = flujo_results_part(r, (flujo_part_t)p).mean;
        if (!(h > 0)) {
            continue;
        }
        double w = 900 * h / cycle;
        fprintf(f, "<rect x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"24\" fill=\"%s\"><title>", x,
                w, colour[p]);
        esc(f, _(flujo_part_label((flujo_part_t)p)));
        fputs("</title></rect>", f);
        x += w;
    }
    fputs("</svg>\n<table>\n<tr><th></th><th>", f);
    esc(f, _("part of the cycle"));
    fputs("</th><th>", f);
    esc(f, _("hours per expediente"));
    fputs("</th><th>", f);
    esc(f, _("share"));
    fputs("</th></tr>\n", f);
    for (int p = 0; p < FLUJO_PART_N; p++) {
        flujo_estimate_t e = flujo_results_part(r, (flujo_part_t)p);
        if (!(e.mean > 0)) {
            continue;
        }
        char a[32], lo[32], hi[32];
        fprintf(f, "<tr><td style=\"background:%s\"></td><td>", colour[p]);
        esc(f, _(flujo_part_label((flujo_part_t)p)));
        fprintf(f, "</td><td class=\"n\">%s [%s, %s]</td><td class=\"n\">%.0f%%</td></tr>\n",
                flujo__html_num(e.mean, a, sizeof(a)), flujo__html_num(e.lo, lo, sizeof(lo)),
                flujo__html_num(e.hi, hi, sizeof(hi)), 100 * e.mean / cycle);
    }
    fputs("</table>\n", f);
}

/* The worst bottlenecks where work waits (five at most), each with its reason. */
void flujo__html_bottlenecks(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    flujo_bottleneck_t *b = flujo_xcalloc(s->n_pools + 1, sizeof(*b));
    size_t nb = flujo_results_bottlenecks(r, b);
    char reason[400], lever[600];
    fputs("<ol class=\"bn\">\n", f);
    for (size_t i = 0; i < nb && i < 5; i++) {
        if (!(b[i].hours_per_case >= 0.005) || s->pools[b[i].pool].unlimited) {
            continue;
        }
        fputs("<li><b>", f);
        esc(f, s->pools[b[i].pool].name);
        fputs("</b>: ", f);
        esc(f, flujo_report_reason(r, &b[i], reason, sizeof(reason)));
        fputs("<br>", f);
        esc(f, _("cause:"));
        fputc(' ', f);
        esc(f, flujo_report_cause(b[i].cause));
        fputs("; ", f);
        esc(f, _("lever:"));
        fputc(' ', f);
        esc(f, flujo_report_lever(r, &b[i], lever, sizeof(lever)));
        fputs("</li>\n", f);
    }
    fputs("</ol>\n", f);
    free(b);
}

/* "12.3% [11.0, 13.5]": an estimate times scale with its unit and interval, into buf. */
static void ci_text(flujo_estimate_t e, double scale, const char *unit, char *buf, size_t n)
{
    if (isnan(e.mean)) {
        snprintf(buf, n, "–");
    } else if (isnan(e.lo)) {
        char m[32];
        snprintf(buf, n, "%s%s", flujo__sig(e.mean * scale, 3, m, sizeof(m)), unit);
    } else {
        char m[32], a[32], b[32];
        snprintf(buf, n, "%s%s [%s, %s]", flujo__sig(e.mean * scale, 3, m, sizeof(m)), unit,
                 flujo__sig(e.lo * scale, 3, a, sizeof(a)),
                 flujo__sig(e.hi * scale, 3, b, sizeof(b)));
    }
}

/* The shares decided within the plazo (per rule, if any) and silenced, with what silence means. */
void flujo__html_sla_table(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    char a[96];
    char cond[256];
    fputs("<table><tbody>\n", f);
    flujo_estimate_t w = flujo_results_kpi(r, FLUJO_KPI_WITHIN);
    fprintf(f, "<tr><th>%s</th><td>", _("within the plazo"));
    ci_text(w, 100, "%", a, sizeof(a));
    esc(f, a);
    fputs("</td></tr>\n", f);
    for (size_t i = 0; i <= s->sla.n_rules && s->sla.n_rules > 0; i++) {
        bool other = i == s->sla.n_rules;
        fprintf(f, "<tr><th>&nbsp;&nbsp;");
        esc(f, other ? _("other cases")
                     : flujo__condition_text(s->sla.rule_text[i], cond, sizeof(cond)));
        fprintf(f, " (%.4g %s)</th><td>",
                (other ? s->sla.deadline : s->sla.rule_deadline[i]) / 86400, _("bd"));
        ci_text(flujo_results_rule_within(r, i), 100, "%", a, sizeof(a));
        esc(f, a);
        fputs("</td></tr>\n", f);
    }
    fprintf(f, "<tr><th>%s</th><td>", _("silenced"));
    ci_text(flujo_results_kpi(r, FLUJO_KPI_SILENCED), 100, "%", a, sizeof(a));
    esc(f, a);
    fputs(" — ", f);
    esc(f, flujo_report_silence_meaning(s->sla.silence));
    fputs("</td></tr>\n</tbody></table>\n", f);
}

/* Hand-offs between units per expediente, as a matrix shaded by size. */
void flujo__html_handoff_matrix(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    size_t np = s->n_pools;
    double *mx = flujo_xcalloc(np * np + 1, sizeof(double)), top = 0;
    bool *used = flujo_xcalloc(np + 1, sizeof(bool));
    for (size_t i = 0; i < np * np; i++) {
        double sum = 0;
        long k = 0;
        for (long rep = 0; rep < r->n_reps; rep++) {
            if (r->reps[rep].replication > 0 && !isnan(r->reps[rep].handoff_pairs[i])) {
                sum += r->reps[rep].handoff_pairs[i];
                k++;
            }
        }
        mx[i] = k > 0 ? sum / (double)k : 0;
        top = mx[i] > top ? mx[i] : top;
        if (mx[i] > 0) {
            used[i / np] = used[i % np] = true;
        }
    }
    if (!(top > 0)) {
        fprintf(f, "<p class=\"muted\">%s</p>\n", _("No hand-offs between units."));
        free(mx);
        free(used);
        return;
    }
    fputs("<table class=\"matrix\"><thead><tr><th>", f);
    esc(f, _("from \\ to"));
    fputs("</th>", f);
    for (size_t q = 0; q < np; q++) {
        if (used[q]) {
            fputs("<th>", f);
            esc(f, s->pools[q].name);
            fputs("</th>", f);
        }
    }
    fputs("</tr></thead><tbody>\n", f);
    for (size_t p = 0; p < np; p++) {
        if (!used[p]) {
            continue;
        }
        fputs("<tr><th>", f);
        esc(f, s->pools[p].name);
        fputs("</th>", f);
        for (size_t q = 0; q < np; q++) {
            if (!used[q]) {
                continue;
            }
            double v = mx[p * np + q];
            char c[16], b[32];
            flujo__html_heat(v / top * 0.8, c, sizeof(c));
            if (v > 0) {
                fprintf(f, "<td style=\"background:%s\">%s</td>", c,
                        flujo__html_num(v, b, sizeof(b)));
            } else {
                fputs("<td></td>", f);
            }
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    free(mx);
    free(used);
}

/* The ASME-VM table of the PCM simplification methodology (D.S. 007-2011-PCM): each activity
 * with its ASME type, times and whether it adds value, and the share of value-added time. */
void flujo__html_asme_table(FILE *f, const flujo_results_t *r)
{
    static const struct {
        const char *key, *symbol, *name;
    } types[] = {
        {"operacion", "○", N_("operation")}, {"inspeccion", "□", N_("inspection")},
        {"traslado", "⇨", N_("transport")},  {"espera", "D", N_("delay")},
        {"archivo", "▽", N_("storage")},
    };
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    double added = 0;
    double completed = (double)flujo_results_completed(r);
    bool *bg = flujo__html_background_only(s);
    static const char *const heads[] = {"#",
                                        N_("activity"),
                                        N_("unit"),
                                        N_("ASME type"),
                                        N_("times per expediente"),
                                        N_("waiting (h)"),
                                        N_("work or delay (h)"),
                                        N_("adds value")};
    fputs("<table class=\"asme\"><thead><tr>", f);
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        fputs("<th>", f);
        esc(f, _(heads[i]));
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    int row = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        const flujo_task_t *t = &s->tasks[v];
        double count = flujo_results_activity_count(r, v);
        if (n->kind != FLUJO_NODE_TASK || count <= 0 || t->pool < 0 || bg[v]) {
            continue; /* bg: the units' other work, not a step of the procedure */
        }
        double visits = completed > 0 ? count / completed : 0;
        double w = flujo_results_activity(r, v, false).mean;
        /* work in s/m/h; a delay in bd or d (the citizen's time) is its mean elapsed length */
        double p = t->duration.clock == FLUJO_CLOCK_WORK
                       ? flujo_results_activity(r, v, true).mean
                       : flujo_dist_mean(&t->duration) / 3600 *
                             (t->duration.clock == FLUJO_CLOCK_BDAYS ? 7.0 / 5 : 1);
        const char *sym = "·", *tname = "–";
        for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++) {
            if (t->asme != NULL && strcmp(t->asme, types[k].key) == 0) {
                sym = types[k].symbol;
                tname = _(types[k].name);
            }
        }
        char a[32], b[32], c[32];
        fprintf(f, "<tr><td>%d</td><td>", ++row);
        esc(f, n->name[0] ? n->name : n->id);
        fputs("</td><td>", f);
        char pools[512];
        esc(f, flujo__task_pools(s, v, pools, sizeof(pools)));
        fprintf(f, "</td><td><span class=\"sym\">%s</span> ", sym);
        esc(f, tname);
        fprintf(f, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
                flujo__html_num(visits, a, sizeof(a)), flujo__html_num(w, b, sizeof(b)),
                flujo__html_num(p, c, sizeof(c)));
        /* not said: by ASME type, as the methodology does: only operations add value */
        int va = t->value_added >= 0 ? t->value_added
                 : t->asme != NULL   ? strcmp(t->asme, "operacion") == 0
                                     : -1;
        esc(f, va == 1 ? _("yes") : va == 0 ? _("no") : "–");
        if (t->value_added < 0 && va >= 0) {
            fputs("*", f);
        }
        fputs("</td></tr>\n", f);
        if (va == 1 && t->duration.clock == FLUJO_CLOCK_WORK) {
            added += visits * (isnan(p) ? 0 : p);
        }
    }
    fputs("</tbody></table>\n", f);
    free(bg);
    flujo_estimate_t cyc = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    char a[32], b[32], c[32];
    fputs("<p>", f);
    fprintf(f, _("Value-added work: %s h per expediente, %s%% of the mean cycle time of %s h."),
            flujo__html_num(added, a, sizeof(a)),
            cyc.mean > 0 ? flujo__html_num(100 * added / cyc.mean, b, sizeof(b)) : "–",
            flujo__html_num(cyc.mean, c, sizeof(c)));
    fputs("</p>\n<p class=\"muted\">", f);
    esc(f, _("* not said in the scenario (value_added): by ASME type, only operations add "
             "value. Delays in business days are shown as calendar hours."));
    fputs("</p>\n", f);
}

void flujo__html_comparison(FILE *f, const flujo_comparison_t *c)
{
    char text[1024], cell[160];
    flujo__html_section(
        f, _("Comparison of redesigns"),
        /* xgettext:no-c-format */
        _("Each scenario against the first on common random numbers: the paired difference "
          "per replication, mean and 95% interval; ✓ where the interval excludes 0."));
    fputs("<table><thead><tr><th></th>", f);
    for (size_t i = 0; i < c->n; i++) {
        fputs("<th>", f);
        esc(f, c->s[i].r->s->name);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (int k = 0; k < FLUJO_CK_N; k++) {
        if (!flujo__ckpi_shown(c, k)) {
            continue;
        }
        fputs("<tr><th>", f);
        esc(f, _(flujo_ckpi_label((flujo_ckpi_t)k)));
        fputs("</th>", f);
        for (size_t i = 0; i < c->n; i++) {
            const flujo_estimate_t *e = &c->s[i].kpi[k];
            const flujo_delta_t *d = &c->s[i].delta[k];
            bool share = flujo_ckpi_is_share((flujo_ckpi_t)k);
            if (isnan(e->mean)) {
                snprintf(cell, sizeof(cell), "–");
            } else if (share) {
                snprintf(cell, sizeof(cell), "%.1f%%", 100 * e->mean);
            } else {
                snprintf(cell, sizeof(cell), "%.4g", e->mean);
            }
            fputs("<td class=\"n\">", f);
            esc(f, cell);
            if (i > 0 && d->defined && !(d->lo == 0 && d->hi == 0)) {
                bool better =
                    flujo_ckpi_higher_is_better((flujo_ckpi_t)k) ? d->mean > 0 : d->mean < 0;
                if (share) {
                    snprintf(cell, sizeof(cell), "%+.1f pt [%+.1f, %+.1f]", 100 * d->mean,
                             100 * d->lo, 100 * d->hi);
                } else if (!isnan(d->rel)) {
                    snprintf(cell, sizeof(cell), "%+.1f%% [%+.1f, %+.1f]", 100 * d->rel,
                             100 * d->rel_lo, 100 * d->rel_hi);
                } else {
                    snprintf(cell, sizeof(cell), "%+.3g", d->mean);
                }
                fprintf(f, "<br><small class=\"%s\">",
                        d->significant ? (better ? "ok" : "no") : "muted");
                esc(f, cell);
                fputs(d->significant ? " ✓" : "", f);
                fputs("</small>", f);
            }
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n<ol>\n", f);
    for (int rank = 1; rank <= (int)c->n; rank++) {
        for (size_t i = 0; i < c->n; i++) {
            if (c->s[i].rank != rank) {
                continue;
            }
            fputs("<li><b>", f);
            esc(f, c->s[i].r->s->name);
            fprintf(f, "</b> (%+.2f): ", c->s[i].score);
            esc(f, flujo_report_verdict(c, i, text, sizeof(text)));
            fputs("</li>\n", f);
        }
    }
    fputs("</ol>\n", f);
    for (size_t i = 1; i < c->n; i++) {
        if (c->s[i].rank == 0) {
            fputs("<p class=\"muted\"><b>", f);
            esc(f, c->s[i].r->s->name);
            fprintf(f, "</b> (%+.2f): ", c->s[i].score);
            esc(f, flujo_report_verdict(c, i, text, sizeof(text)));
            fputs("</p>\n", f);
        }
    }
}
