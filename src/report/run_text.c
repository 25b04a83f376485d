/* run_text.c - the summary of `flujo run` for people: the case figures with their intervals, each
 * unit and activity, the bottlenecks and the cases that could not finish. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

/* "23.46 [23.21, 23.70]" with a precision that suits the value. */
static void text_est(FILE *f, flujo_estimate_t e, double scale, const char *unit)
{
    if (isnan(e.mean)) {
        fputs("-", f);
        return;
    }
    fprintf(f, "%.4g%s", e.mean * scale, unit);
    if (!isnan(e.lo)) {
        fprintf(f, " [%.4g, %.4g]", e.lo * scale, e.hi * scale);
    }
}

/* The width of the label column: the longest label in this language, 22 at least. */
static int label_width(const flujo_scenario_t *s)
{
    char within_l[96], silenced_l[96];
    snprintf(within_l, sizeof(within_l), _("within plazo (%.4g bd)"), s->sla.deadline / 86400);
    snprintf(silenced_l, sizeof(silenced_l), _("silenced (> %.4g bd)"),
             (s->sla.deadline + s->sla.grace) / 86400);
    const char *labels[] = {
        _("cycle time"), _("legal time"),    _("within plazo (varies)"), within_l,
        silenced_l,      _("cost per case"), _("hand-offs per case"),    _("throughput")};
    int lw = 22;
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        int n = (int)flujo_utf8_width(labels[i]) + 1;
        lw = n > lw ? n : lw;
    }
    return lw;
}

/* The scenario's name, the replications and what they counted, its redesign and the cases. */
static void text_header(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    fprintf(f, "%s\n", s->name);
    fprintf(f, "%ld %s%s, %s %llu; ", r->n_done,
            flujo__plural((size_t)r->n_done, N_("replication"), N_("replications")),
            r->partial ? _(" (PARTIAL: interrupted)") : "", _("seed"), (unsigned long long)s->seed);
    if (s->cases > 0) {
        fprintf(f, _("%ld expedientes each, all counted, until the last is done"), s->cases);
    } else {
        fprintf(f, _("%.6g h counted after a %.6g h warm-up"),
                (s->arrivals_end - s->warmup_end) / 3600, s->warmup_end / 3600);
    }
    fputc('\n', f);
    for (size_t i = 0; i < s->changes.n; i++) {
        fprintf(f, "%s: %s\n", _("redesign"), s->changes.items[i].message);
    }
    fprintf(f, _("cases: %llu arrived, %llu completed, %llu could not finish"),
            (unsigned long long)flujo_results_arrived(r),
            (unsigned long long)flujo_results_completed(r),
            (unsigned long long)flujo_results_in_flight(r));
    fputs("\n\n", f);
}

/* Cycle time and legal time with their percentiles. */
static void text_times(FILE *f, const flujo_results_t *r, int lw)
{
    char bd_unit[16];
    snprintf(bd_unit, sizeof(bd_unit), " %s", _("bd"));
    flujo__column(f, _("cycle time"), lw, false);
    text_est(f, flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 1, " h");
    if (r->hist_h->n > 0) {
        fprintf(f, "   p50 %.4g  p90 %.4g  p95 %.4g  max %.4g h",
                flujo_hist_quantile(r->hist_h, 0.5), flujo_hist_quantile(r->hist_h, 0.9),
                flujo_hist_quantile(r->hist_h, 0.95), flujo_hist_quantile(r->hist_h, 1));
    }
    fputc('\n', f);
    flujo__column(f, _("legal time"), lw, false);
    text_est(f, flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD), 1, bd_unit);
    if (r->hist_bd->n > 0) {
        fprintf(f, "   p50 %.4g  p90 %.4g  p95 %.4g%s", flujo_hist_quantile(r->hist_bd, 0.5),
                flujo_hist_quantile(r->hist_bd, 0.9), flujo_hist_quantile(r->hist_bd, 0.95),
                bd_unit);
    }
    flujo_estimate_t pz = flujo_results_kpi(r, FLUJO_KPI_PAUSED_BD);
    if (pz.mean > 0) {
        fprintf(f, _("   (clock paused %.3g bd per case)"), pz.mean);
    }
    fputc('\n', f);
}

/* Where the cycle goes: each part with its share, those of the expediente's critical path, so that
 * they add up to the cycle time. Parts that never happen are left out. */
static void text_parts(FILE *f, const flujo_results_t *r)
{
    double cycle = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean;
    if (isnan(cycle)) {
        return; /* no case completed */
    }
    int pw = 0;
    for (int p = 0; p < FLUJO_PART_N; p++) {
        int w = (int)flujo_utf8_width(_(flujo_part_label((flujo_part_t)p)));
        pw = w > pw ? w : pw;
    }
    fprintf(f, "%s\n",
            _("where the cycle goes (hours per expediente; the parts add up to the cycle "
              "time):"));
    for (int p = 0; p < FLUJO_PART_N; p++) {
        flujo_estimate_t e = flujo_results_part(r, (flujo_part_t)p);
        if (!(e.mean > 0)) {
            continue;
        }
        fputs("  ", f);
        flujo__column(f, _(flujo_part_label((flujo_part_t)p)), pw + 1, false);
        text_est(f, e, 1, " h");
        if (cycle > 0) {
            fprintf(f, "   %.0f%%", 100 * e.mean / cycle);
        }
        fputc('\n', f);
    }
}

/* For a scenario with a plazo: the shares within it (per rule, if any) and silenced, and what
 * silence means. */
static void text_sla(FILE *f, const flujo_results_t *r, int lw)
{
    const flujo_scenario_t *s = r->s;
    if (s->sla.set) {
        char label[64];
        if (s->sla.n_rules > 0) {
            snprintf(label, sizeof(label), "%s", _("within plazo (varies)"));
        } else {
            snprintf(label, sizeof(label), _("within plazo (%.4g bd)"), s->sla.deadline / 86400);
        }
        flujo__column(f, label, lw, false);
        text_est(f, flujo_results_kpi(r, FLUJO_KPI_WITHIN), 100, "%");
        for (size_t i = 0; i <= s->sla.n_rules && s->sla.n_rules > 0; i++) {
            bool other = i == s->sla.n_rules;
            char cond[256];
            fprintf(f, "\n  %s (%.4g %s): ",
                    other ? _("other cases")
                          : flujo__condition_text(s->sla.rule_text[i], cond, sizeof(cond)),
                    (other ? s->sla.deadline : s->sla.rule_deadline[i]) / 86400, _("bd"));
            text_est(f, flujo_results_rule_within(r, i), 100, "%");
        }
        if (s->sla.n_rules > 0) {
            snprintf(label, sizeof(label), _("silenced (+%.4g bd)"), s->sla.grace / 86400);
        } else {
            snprintf(label, sizeof(label), _("silenced (> %.4g bd)"),
                     (s->sla.deadline + s->sla.grace) / 86400);
        }
        fputc('\n', f);
        flujo__column(f, label, lw, false);
        text_est(f, flujo_results_kpi(r, FLUJO_KPI_SILENCED), 100, "%");
        fprintf(f, "   %s\n", flujo_report_silence_meaning(s->sla.silence));
    }
}

/* Cost, hand-offs and throughput. */
static void text_case_figures(FILE *f, const flujo_results_t *r, int lw)
{
    char bd_unit[16];
    snprintf(bd_unit, sizeof(bd_unit), " %s", _("bd"));
    char money[16];
    snprintf(money, sizeof(money), "%s ", flujo__currency_symbol(r->s));
    flujo__column(f, _("cost per case"), lw, false);
    double staff = flujo_results_kpi(r, FLUJO_KPI_STAFF_COST).mean;
    double total = flujo_results_kpi(r, FLUJO_KPI_COST_TOTAL).mean;
    if (isnan(total)) {
        fputs("-\n", f);
    } else if (staff == 0 && !(flujo_results_kpi(r, FLUJO_KPI_COST).mean > 0)) {
        fprintf(f, "- (%s)\n", _("no pool has a cost_per_hour"));
    } else {
        fputs(money, f);
        text_est(f, flujo_results_kpi(r, FLUJO_KPI_COST_TOTAL), 1, "");
        fprintf(f, " %s; ", _("paying the staff's hours"));
        fputs(money, f);
        text_est(f, flujo_results_kpi(r, FLUJO_KPI_COST), 1, "");
        fprintf(f, " %s (", _("of work"));
        fputs(money, f);
        char week[32];
        fprintf(f, _("%s a week of staff)"),
                flujo__sig(flujo_results_kpi(r, FLUJO_KPI_STAFF_COST).mean, 4, week, sizeof(week)));
        fputc('\n', f);
    }
    flujo__column(f, _("hand-offs per case"), lw, false);
    text_est(f, flujo_results_kpi(r, FLUJO_KPI_HANDOFFS), 1, "");
    flujo_estimate_t lead = flujo_results_kpi(r, FLUJO_KPI_HANDOFF_BD);
    if (!isnan(lead.mean)) {
        fprintf(f, ", %s ", _("each"));
        text_est(f, lead, 1, bd_unit);
        fprintf(f, " %s", _("from one office's work done to the next one's start"));
        flujo_estimate_t to_done = flujo_results_kpi(r, FLUJO_KPI_HANDOFF_LEAD_BD);
        fprintf(f, _(" (%.4g bd to the next one's work done)"), to_done.mean);
    }
    fputc('\n', f);
    flujo__column(f, _("throughput"), lw, false);
    char per_bd[64];
    snprintf(per_bd, sizeof(per_bd), " %s", _("cases per business day"));
    text_est(f, flujo_results_kpi(r, FLUJO_KPI_THROUGHPUT), 1, per_bd);
    fputs("\n\n", f);
}

/* The heads of the four part columns, in the language of the messages. */
static void part_heads(const char *heads[4])
{
    heads[0] = _("for staff");
    heads[1] = _("for hours");
    heads[2] = _("paused");
    heads[3] = _("work");
}

/* The width of the part columns: 10, or the widest head. */
static int part_width(void)
{
    const char *heads[4];
    part_heads(heads);
    int w = 10;
    for (size_t c = 0; c < 4; c++) {
        int hw = (int)flujo_utf8_width(heads[c]);
        w = hw > w ? hw : w;
    }
    return w;
}

/* The hours per expediente of four parts, in columns part_width() wide: waiting for a performer,
 * for the hours, work paused and work. which: 1 an activity (node i), 2 a pool (i). */
static void text_part_columns(FILE *f, const flujo_results_t *r, int which, size_t i)
{
    int w = part_width();
    static const flujo_part_t cols[] = {FLUJO_PART_WAIT_PERFORMER, FLUJO_PART_WAIT_HOURS,
                                        FLUJO_PART_WORK_PAUSED, FLUJO_PART_WORK};
    for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
        flujo_estimate_t e = which == 1 ? flujo_results_activity_part(r, i, cols[c])
                                        : flujo_results_pool_part(r, i, cols[c]);
        char buf[32];
        fprintf(f, " %*s", w, flujo__sig(e.mean, 3, buf, sizeof(buf)));
    }
}

/* Their headers, and the line that says what the columns count. */
static void text_part_headers(FILE *f)
{
    const char *heads[4];
    part_heads(heads);
    int w = part_width();
    for (size_t c = 0; c < 4; c++) {
        fputc(' ', f);
        flujo__column(f, heads[c], w, true);
    }
    fputc('\n', f);
}

/* One line per unit: its performers and utilisation, and the hours an expediente spends there in
 * all its visits: waiting for a free performer, for the unit's hours, its work paused by them, and
 * work; the name column as wide as the widest name (up to 60 characters). */
static void text_pools(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    int uw = (int)flujo_utf8_width(_("unit (pool)"));
    for (size_t p = 0; p < s->n_pools; p++) {
        int w = (int)flujo_utf8_width(s->pools[p].name);
        uw = w > uw ? (w < 60 ? w : 60) : uw;
    }
    fprintf(f, "%s\n",
            _("hours per expediente, in all its visits: waiting for a free performer, "
              "waiting for the unit's hours, work paused by them, work"));
    flujo__column(f, _("unit (pool)"), uw, false);
    fputc(' ', f);
    int pw = (int)flujo_utf8_width(_("performers"));
    pw = pw > 10 ? pw : 10;
    flujo__column(f, _("performers"), pw, true);
    fputs("  ", f);
    flujo__column(f, _("utilisation"), 22, false);
    text_part_headers(f);
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        char perf[32];
        if (pool->unlimited) {
            snprintf(perf, sizeof(perf), "%s", _("unlimited"));
        } else {
            snprintf(perf, sizeof(perf), "%ld", pool->count);
        }
        flujo__column(f, pool->name, uw, false);
        fputc(' ', f);
        flujo__column(f, perf, pw, true);
        fputs("  ", f);
        flujo_estimate_t u = flujo_results_pool(r, p, FLUJO_POOL_UTIL);
        char buf[64];
        if (isnan(u.mean)) {
            snprintf(buf, sizeof(buf), "-");
        } else {
            snprintf(buf, sizeof(buf), "%.1f%% [%.1f, %.1f]", 100 * u.mean, 100 * u.lo, 100 * u.hi);
        }
        fprintf(f, "%-22s", buf);
        text_part_columns(f, r, 2, p);
        fputc('\n', f);
    }
}

/* One line per activity: how often per replication, its wait and work, and its deadline. */
static void text_activities(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    int aw = (int)flujo_utf8_width(_("activity"));
    for (size_t v = 0; v < m->n_nodes; v++) {
        int w = (int)flujo_utf8_width(m->nodes[v].name[0] ? m->nodes[v].name : m->nodes[v].id);
        aw = flujo__is_task(m, v) && w > aw ? (w < 60 ? w : 60) : aw;
    }
    fputc('\n', f);
    flujo__column(f, _("activity"), aw, false);
    fputc(' ', f);
    flujo__column(f, _("per rep."), 10, true);
    text_part_headers(f);
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (!flujo__is_task(m, v)) {
            continue;
        }
        const flujo_node_t *n = &m->nodes[v];
        flujo__column(f, n->name[0] ? n->name : n->id, aw, false);
        fprintf(f, " %10.0f",
                flujo_results_activity_count(r, v) / (double)(r->n_done > 0 ? r->n_done : 1));
        text_part_columns(f, r, 1, v);
        const flujo_task_t *t = &s->tasks[v];
        flujo_estimate_t in = flujo_results_activity_within(r, v);
        if (t->deadline_same_day && !isnan(in.mean)) {
            fprintf(f, _("   %.0f%% the same day"), 100 * in.mean);
        } else if (t->deadline > 0 && !isnan(in.mean)) {
            fprintf(f, _("   %.0f%% within %.4g bd"), 100 * in.mean, t->deadline / 86400);
        }
        fputc('\n', f);
    }
}

/* The three worst bottlenecks with their reasons, causes and levers. */
static void text_bottlenecks(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    char reason[400], lever[600];
    flujo_bottleneck_t *b = flujo_xcalloc(s->n_pools + 1, sizeof(*b));
    size_t nb = flujo_results_bottlenecks(r, b);
    fprintf(f, "\n%s\n",
            _("bottlenecks, worst first (the hours an expediente loses at each unit, in all its "
              "visits):"));
    for (size_t i = 0; i < nb && i < 3; i++) {
        fprintf(f, "  %zu. %s: %s\n", i + 1, s->pools[b[i].pool].name,
                flujo_report_reason(r, &b[i], reason, sizeof(reason)));
        if (!s->pools[b[i].pool].unlimited && b[i].hours_per_case >= 0.005) {
            fprintf(f, "     %s %s; %s %s\n", _("cause:"), flujo_report_cause(b[i].cause),
                    _("lever:"), flujo_report_lever(r, &b[i], lever, sizeof(lever)));
        }
    }
    free(b);
}

/* The cases that could not finish, by replication. */
static void text_stuck(FILE *f, const flujo_results_t *r)
{
    for (long i = 0; i < r->n_reps; i++) {
        const flujo_rep_t *rep = &r->reps[i];
        if (rep->n_stuck > 0) {
            fprintf(f, "\n%s %ld: %zu %s", _("replication"), rep->replication, rep->n_stuck,
                    flujo__plural(rep->n_stuck,
                                  N_("case could not finish (a join that waits forever?):"),
                                  N_("cases could not finish (a join that waits forever?):")));
            for (size_t k = 0; k < rep->n_stuck; k++) {
                fprintf(f, " %llu", (unsigned long long)rep->stuck[k]);
            }
            fputc('\n', f);
        }
    }
}

flujo_status_t flujo_report_run_text(FILE *f, const flujo_results_t *r, flujo_err_t *err)
{
    int lw = label_width(r->s);
    text_header(f, r);
    text_times(f, r, lw);
    text_parts(f, r);
    text_sla(f, r, lw);
    text_case_figures(f, r, lw);
    text_pools(f, r);
    text_activities(f, r);
    text_bottlenecks(f, r);
    text_stuck(f, r);
    return flujo__finish(f, "cannot write the output", err);
}
