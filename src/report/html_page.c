/* html_page.c - `flujo report`: one self-contained HTML page (inline CSS and SVG, no scripts, no
 * network) an analyst can open anywhere and show to a gerente: the process diagram coloured by
 * where expedientes wait, the legal plazo, the units' load, the bottlenecks and their reasons,
 * the ASME-VM table of the PCM methodology and, given several scenarios, their comparison. This
 * file writes the page: its head and style, the summary cards and the sections in their order.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/i18n_int.h"
#include "flujo_calendar.h"
#include "flujo_report.h"
#include "report/html_int.h"
#include "report/report_int.h"

/* Text and attribute values, escaped (format.c). */
static void esc(FILE *f, const char *s)
{
    flujo__xml_text(f, s);
}

/* A summary card: a title, a big value and a note; cls "good" or "bad" colours the value. */
static void card(FILE *f, const char *title, const char *value, const char *note, const char *cls)
{
    fprintf(f, "<div class=\"card%s%s\"><span>", cls[0] ? " " : "", cls);
    esc(f, title);
    fputs("</span><b>", f);
    esc(f, value);
    fputs("</b><span>", f);
    esc(f, note);
    fputs("</span></div>\n", f);
}

/* The cards at the top: legal time, the plazo and silence, cycle time, waiting, hand-offs, cost. */
static void summary_cards(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    char v[64], note[128], x[32], y[32];
    flujo_estimate_t bd = flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD);
    flujo_estimate_t h = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    fputs("<section class=\"cards\">\n", f);
    snprintf(v, sizeof(v), "%s %s", flujo__sig(bd.mean, 3, x, sizeof(x)), _("bd"));
    snprintf(note, sizeof(note), "p90 %s %s",
             flujo__sig(flujo_hist_quantile(r->hist_bd, 0.9), 3, x, sizeof(x)), _("bd"));
    card(f, _("average legal time"), v, note, "");
    if (s->sla.set) {
        flujo_estimate_t w = flujo_results_kpi(r, FLUJO_KPI_WITHIN);
        flujo_estimate_t sil = flujo_results_kpi(r, FLUJO_KPI_SILENCED);
        flujo__pct(w.mean, v, sizeof(v));
        snprintf(note, sizeof(note), "[%.1f, %.1f]", 100 * w.lo, 100 * w.hi);
        card(f, _("decided within the plazo"), v, note, w.mean >= 0.95 ? "good" : "bad");
        flujo__pct(sil.mean, v, sizeof(v));
        card(f, _("fall into administrative silence"), v,
             s->sla.silence == FLUJO_SILENCE_POSITIVE   ? _("approved by positive silence")
             : s->sla.silence == FLUJO_SILENCE_NEGATIVE ? _("may be treated as denied")
                                                        : _("no silence rule"),
             sil.mean > 0.01 ? "bad" : "good");
    }
    snprintf(v, sizeof(v), "%s h", flujo__sig(h.mean, 3, x, sizeof(x)));
    snprintf(note, sizeof(note), "%s %s", flujo__sig(h.mean / 24, 3, x, sizeof(x)),
             _("calendar days"));
    card(f, _("average cycle time"), v, note, "");
    /* the queues on the critical path: never above the cycle, parallel branches or not */
    double wait = flujo_results_part(r, FLUJO_PART_WAIT_PERFORMER).mean +
                  flujo_results_part(r, FLUJO_PART_WAIT_HOURS).mean;
    snprintf(v, sizeof(v), "%.0f%%", h.mean > 0 ? 100 * wait / h.mean : 0);
    card(f, _("waiting in queues"), v, _("share of the cycle"), "");
    flujo_estimate_t ho = flujo_results_kpi(r, FLUJO_KPI_HANDOFFS);
    flujo_estimate_t lead = flujo_results_kpi(r, FLUJO_KPI_HANDOFF_BD);
    flujo__sig(ho.mean, 3, v, sizeof(v));
    snprintf(note, sizeof(note), _("%s bd each"), flujo__sig(lead.mean, 3, y, sizeof(y)));
    card(f, _("hand-offs between units"), v, note, "");
    flujo_estimate_t cost = flujo_results_kpi(r, FLUJO_KPI_COST_TOTAL);
    double staff = flujo_results_kpi(r, FLUJO_KPI_STAFF_COST).mean;
    if (staff > 0 && !isnan(cost.mean)) {
        const char *money = flujo__currency_symbol(r->s);
        snprintf(v, sizeof(v), "%s %.4g", money, cost.mean);
        snprintf(note, sizeof(note), _("the staff paid: %s %s a week; %s %s of work"), money,
                 flujo__sig(staff, 4, x, sizeof(x)), money,
                 flujo__sig(flujo_results_kpi(r, FLUJO_KPI_COST).mean, 4, y, sizeof(y)));
        card(f, _("cost per expediente"), v, note, "");
    }
    fputs("</section>\n", f);
}

/* The plazo (one per rule, if any) and, where silence applies, the end of its grace, as marks
 * of the legal-time chart: their positions in bd, names and whether dashed. Returns how many. */
static size_t plazo_marks(const flujo_scenario_t *s, double marks[16], bool dashed[16],
                          const char *names[16], char name_buf[16][96])
{
    char cond[256];
    size_t nm = 0;
    if (s->sla.set) {
        for (size_t i = 0; i <= s->sla.n_rules && nm + 2 <= 16; i++) {
            bool other = i == s->sla.n_rules;
            double d = (other ? s->sla.deadline : s->sla.rule_deadline[i]) / 86400;
            marks[nm] = d;
            if (s->sla.n_rules > 0) {
                snprintf(name_buf[nm], sizeof(name_buf[nm]), "%s %.4g %s (%s)", _("plazo"), d,
                         _("bd"),
                         other ? _("other cases")
                               : flujo__condition_text(s->sla.rule_text[i], cond, sizeof(cond)));
            } else {
                snprintf(name_buf[nm], sizeof(name_buf[nm]), "%s %.4g %s", _("plazo"), d, _("bd"));
            }
            names[nm] = name_buf[nm];
            nm++;
            if (s->sla.grace > 0 && s->sla.silence != FLUJO_SILENCE_NONE) {
                marks[nm] = d + s->sla.grace / 86400;
                dashed[nm] = true;
                snprintf(name_buf[nm], sizeof(name_buf[nm]), "%s (+%.4g %s)", _("silence"),
                         s->sla.grace / 86400, _("bd"));
                names[nm] = name_buf[nm];
                nm++;
            }
        }
    }
    return nm;
}

/* The section on the legal time: its histogram with the plazo marks, and the plazo figures. */
static void sla_section(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    double marks[16];
    bool dashed[16] = {false};
    const char *names[16];
    char name_buf[16][96];
    size_t nm = plazo_marks(s, marks, dashed, names, name_buf);
    flujo__html_section(
        f, _("Legal time and the plazo"),
        _("Business days from the day after filing to the decision, with the citizen's time "
          "left out (Ley 27444 arts. 133-134). Bars: share of expedientes per interval; "
          "line: share decided by then."));
    flujo__html_histogram(f, r->hist_bd, _("business days (legal clock)"), marks, names, dashed,
                          nm);
    if (s->sla.set) {
        flujo__html_sla_table(f, r);
    }
}

/* The page's head with its style sheet, the scenario's name as its heading, and the opening of
 * the line under it. */
static void page_head(FILE *f, const flujo_scenario_t *s)
{
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
            flujo_i18n_lang());
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    esc(f, s->name);
    fputs(" — flujo</title>\n<style>", f);
    fputs(flujo__report_css, f);
    fputs("</style>\n</head>\n<body>\n<main>\n<h1>", f);
    esc(f, s->name);
    fputs("</h1>\n<p class=\"sub\">", f);
}

/* The line under the heading: the replications, what they counted and whether interrupted. */
static void run_line(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    char a[64];
    const flujo_calendar_t *legal = s->calendars[s->legal_calendar];
    double bd_warm = flujo_calendar_bclock(legal, s->warmup_end) / 86400;
    double bd_all = s->cases > 0 ? bd_warm : flujo_calendar_bclock(legal, s->arrivals_end) / 86400;
    char b[64];
    if (s->cases > 0) {
        fprintf(f,
                _("%ld replications of %ld expedientes each, seed %llu; %llu expedientes counted."),
                r->n_done, s->cases, (unsigned long long)s->seed,
                (unsigned long long)flujo_results_completed(r));
    } else {
        fprintf(f,
                _("%ld replications of %s business days of arrivals after a warm-up of %s "
                  "business days, seed %llu; %llu expedientes counted."),
                r->n_done, flujo__html_num(bd_all - bd_warm, a, sizeof(a)),
                flujo__html_num(bd_warm, b, sizeof(b)), (unsigned long long)s->seed,
                (unsigned long long)flujo_results_completed(r));
    }
    if (r->partial) {
        fputs(" <strong>", f);
        fprintf(f, _("PARTIAL: interrupted after %ld of %ld replications."), r->n_done, r->n_reps);
        fputs("</strong>", f);
    }
    fputs("</p>\n", f);
}

flujo_status_t flujo_report_html(FILE *f, const flujo_results_t *r, const flujo_comparison_t *c,
                                 flujo_err_t *err)
{
    const flujo_scenario_t *s = r->s;
    page_head(f, s);
    run_line(f, r);
    for (size_t i = 0; i < s->changes.n; i++) {
        fputs("<p class=\"muted\">", f);
        esc(f, _("redesign:"));
        fputs(" ", f);
        esc(f, s->changes.items[i].message);
        fputs("</p>\n", f);
    }
    summary_cards(f, r);
    flujo__html_section(
        f, _("Where the cycle goes"),
        _("Every hour of an expediente's cycle is one of these parts, which add up to the cycle "
          "time; on parallel branches, those of the branch that decided when the case went on."));
    flujo__html_parts(f, r);
    flujo__html_section(
        f, _("Where expedientes wait"),
        _("Each activity is coloured by the hours an expediente waits there in all its visits "
          "(queued for a performer or for the unit's hours, or with its work paused by them), "
          "and labelled with those hours and its work per expediente. The windows show where it "
          "loses most; the whole diagram follows at full size."));
    flujo_status_t st = flujo__html_diagram(f, r, err);
    if (st != FLUJO_OK) {
        return st;
    }
    fprintf(f, "<h2>%s</h2>\n", _("Bottlenecks"));
    flujo__html_bottlenecks(f, r);
    sla_section(f, r);
    flujo__html_section(
        f, _("Utilisation of the units"),
        /* xgettext:no-c-format */
        _("Share of their working hours the performers are busy, with the 95% interval; "
          "above the dashed line (85%) queues grow long."));
    flujo__html_utilisation(f, r);
    flujo__html_section(
        f, _("Waiting per activity (Pareto)"),
        _("Hours an expediente waits at each activity in all its visits (queued, or its work "
          "paused), the largest first, and the cumulative share of all of them."));
    flujo__html_pareto(f, r);
    fprintf(f, "<h2>%s</h2>\n", _("Expedientes in process over time"));
    flujo__html_wip_chart(f, r);
    flujo__html_section(
        f, _("Hand-offs between units"),
        _("How many times per expediente the work passes from one unit (row) to another "
          "(column)."));
    flujo__html_handoff_matrix(f, r);
    flujo__html_section(
        f, _("ASME-VM table"),
        _("Activities by ASME type and value added, as in the PCM simplification methodology "
          "(D.S. 007-2011-PCM)."));
    flujo__html_asme_table(f, r);
    if (c != NULL && c->n > 1) {
        flujo__html_comparison(f, c);
    }
    fputs("<footer>flujo — ", f);
    /* xgettext:no-c-format */
    esc(f, _("simulated with common random numbers; every figure is a mean over replications "
             "with its 95% confidence interval where shown."));
    fputs("</footer>\n</main>\n</body>\n</html>\n", f);
    return flujo__finish(f, "cannot write the report", err);
}
