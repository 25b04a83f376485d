/* check_report.c - the reports of `flujo check`: one diagnostic as a compiler-style line, what the
 * model holds in text and JSON, and the capacity check of a scenario. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

static const char *severity_word(flujo_severity_t s)
{
    switch (s) {
    case FLUJO_SEV_ERROR:
        return _("error");
    case FLUJO_SEV_WARNING:
        return _("warning");
    case FLUJO_SEV_NOTE:
        return _("note");
    }
    return _("note");
}

void flujo_report_diag(FILE *f, const char *file, const flujo_diag_t *d)
{
    file = d->file != NULL ? d->file : file;
    if (d->line > 0) {
        fprintf(f, "%s:%ld: %s: %s\n", file, d->line, severity_word(d->severity), d->message);
    } else {
        fprintf(f, "%s: %s: %s\n", file, severity_word(d->severity), d->message);
    }
}

static size_t sum_counts(const flujo_model_t *m, flujo_count_t from, flujo_count_t to)
{
    size_t n = 0;
    for (int c = from; c <= (int)to; c++) {
        n += m->counts[c];
    }
    return n;
}

/* "unlimited", or "  3 performers": how many a pool has, into buf. */
static const char *performers_text(const flujo_pool_t *pool, char *buf, size_t n)
{
    if (pool->unlimited) {
        snprintf(buf, n, "%s", _("unlimited"));
    } else {
        snprintf(buf, n, "%3ld %s", pool->count,
                 flujo__plural((size_t)pool->count, N_("performer"), N_("performers")));
    }
    return buf;
}

/* "12 activities (10 userTask, 2 task)": a group total with its non-zero members. */
static void group_line(FILE *f, const flujo_model_t *m, const char *what, const char *whats,
                       flujo_count_t from, flujo_count_t to)
{
    size_t total = sum_counts(m, from, to);
    fprintf(f, "  %zu %s", total, flujo__plural(total, what, whats));
    if (total > 0) {
        const char *sep = " (";
        for (int c = from; c <= (int)to; c++) {
            if (m->counts[c] > 0) {
                fprintf(f, "%s%zu %s", sep, m->counts[c], flujo_count_name((flujo_count_t)c));
                sep = ", ";
            }
        }
        fputc(')', f);
    }
    fputc('\n', f);
}

flujo_status_t flujo_report_check_text(FILE *f, const flujo_model_t *m, const flujo_diags_t *d,
                                       const flujo_cycle_t *cycles, size_t n_cycles,
                                       flujo_err_t *err)
{
    char lbl[256];
    fprintf(f, "%s: %zu %s, %zu %s, %zu %s\n", m->file, m->n_processes,
            flujo__plural(m->n_processes, N_("process"), N_("processes")), m->n_participants,
            flujo__plural(m->n_participants, N_("pool"), N_("pools")), m->n_lanes,
            flujo__plural(m->n_lanes, N_("lane"), N_("lanes")));
    group_line(f, m, N_("activity"), N_("activities"), FLUJO_COUNT_TASK, FLUJO_COUNT_CALL_ACTIVITY);
    group_line(f, m, N_("event"), N_("events"), FLUJO_COUNT_START_EVENT,
               FLUJO_COUNT_BOUNDARY_EVENT);
    group_line(f, m, N_("gateway"), N_("gateways"), FLUJO_COUNT_EXCLUSIVE_GATEWAY,
               FLUJO_COUNT_COMPLEX_GATEWAY);
    fprintf(f, "  %zu %s, %zu %s\n", m->counts[FLUJO_COUNT_SEQUENCE_FLOW],
            flujo__plural(m->counts[FLUJO_COUNT_SEQUENCE_FLOW], N_("sequence flow"),
                          N_("sequence flows")),
            m->counts[FLUJO_COUNT_MESSAGE_FLOW],
            flujo__plural(m->counts[FLUJO_COUNT_MESSAGE_FLOW], N_("message flow"),
                          N_("message flows")));
    if (m->n_lanes > 0) {
        fprintf(f, "  %s:", _("lanes"));
        for (size_t i = 0; i < m->n_lanes; i++) {
            size_t n = 0;
            for (size_t v = 0; v < m->n_nodes; v++) {
                n += m->nodes[v].lane == (int64_t)i;
            }
            fprintf(f, "%s %s (%zu)", i ? "," : "",
                    m->lanes[i].name[0] ? m->lanes[i].name : m->lanes[i].id, n);
        }
        fputc('\n', f);
    }
    for (size_t k = 0; k < n_cycles; k++) {
        fprintf(f, "  %s %zu:", _("rework loop"), k + 1);
        for (size_t i = 0; i < cycles[k].n; i++) {
            fprintf(f, "%s%s", i ? " -> " : " ",
                    flujo_model_label(m, cycles[k].nodes[i], lbl, sizeof(lbl)));
        }
        fputc('\n', f);
    }
    size_t ne = flujo_diags_count(d, FLUJO_SEV_ERROR);
    size_t nw = flujo_diags_count(d, FLUJO_SEV_WARNING);
    fprintf(f, "%zu %s, %zu %s\n", ne, flujo__plural(ne, N_("error"), N_("errors")), nw,
            flujo__plural(nw, N_("warning"), N_("warnings")));
    return flujo__finish(f, "cannot write the output", err);
}

static void json_diags(flujo__json_t *j, const flujo_diags_t *d, flujo_severity_t sev)
{
    flujo__json_begin_array(j);
    for (size_t i = 0; i < d->n; i++) {
        const flujo_diag_t *g = &d->items[i];
        if (g->severity != sev) {
            continue;
        }
        flujo__json_begin_object(j);
        flujo__json_key(j, "id");
        flujo__json_string(j, g->id);
        flujo__json_key(j, "code");
        flujo__json_string(j, g->code);
        flujo__json_key(j, "line");
        flujo__json_int(j, g->line);
        flujo__json_key(j, "message");
        flujo__json_string(j, g->message);
        flujo__json_end_object(j);
    }
    flujo__json_end_array(j);
}

flujo_status_t flujo_report_check_json(FILE *f, const flujo_model_t *m, const flujo_diags_t *d,
                                       const flujo_cycle_t *cycles, size_t n_cycles,
                                       const flujo_scenario_t *s, const flujo_capacity_t *cap,
                                       flujo_err_t *err)
{
    flujo__json_t j;
    flujo__json_init(&j, f);
    flujo__json_begin_object(&j);
    flujo__json_key(&j, "file");
    flujo__json_string(&j, m->file);
    flujo__json_key(&j, "processes");
    flujo__json_begin_array(&j);
    for (size_t p = 0; p < m->n_processes; p++) {
        const flujo_process_t *pr = &m->processes[p];
        size_t nodes = 0;
        for (size_t v = 0; v < m->n_nodes; v++) {
            nodes += m->nodes[v].process == (int64_t)p;
        }
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "id");
        flujo__json_string(&j, pr->id);
        flujo__json_key(&j, "name");
        flujo__json_string(&j, pr->name);
        flujo__json_key(&j, "participant");
        flujo__json_string(&j, pr->participant >= 0 ? m->participants[pr->participant].name : NULL);
        flujo__json_key(&j, "nodes");
        flujo__json_int(&j, (int64_t)nodes);
        flujo__json_key(&j, "lanes");
        flujo__json_begin_array(&j);
        for (size_t i = 0; i < m->n_lanes; i++) {
            if (m->lanes[i].process == (int64_t)p) {
                flujo__json_string(&j, m->lanes[i].name);
            }
        }
        flujo__json_end_array(&j);
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    flujo__json_key(&j, "counts");
    flujo__json_begin_object(&j);
    for (int c = 0; c < FLUJO_COUNT_N; c++) {
        flujo__json_key(&j, flujo_count_name((flujo_count_t)c));
        flujo__json_int(&j, (int64_t)m->counts[c]);
    }
    flujo__json_end_object(&j);
    flujo__json_key(&j, "errors");
    json_diags(&j, d, FLUJO_SEV_ERROR);
    flujo__json_key(&j, "warnings");
    json_diags(&j, d, FLUJO_SEV_WARNING);
    flujo__json_key(&j, "notes");
    json_diags(&j, d, FLUJO_SEV_NOTE);
    flujo__json_key(&j, "loops");
    flujo__json_begin_array(&j);
    for (size_t k = 0; k < n_cycles; k++) {
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "nodes");
        flujo__json_begin_array(&j);
        for (size_t i = 0; i < cycles[k].n; i++) {
            flujo__json_string(&j, m->nodes[cycles[k].nodes[i]].id);
        }
        flujo__json_end_array(&j);
        flujo__json_end_object(&j);
    }
    flujo__json_end_array(&j);
    if (s != NULL && cap != NULL) {
        flujo__json_key(&j, "scenario");
        flujo__json_begin_object(&j);
        flujo__json_key(&j, "name");
        flujo__json_string(&j, s->name);
        flujo__json_key(&j, "arrivals_per_h");
        flujo__json_double(&j, (cap->rate - cap->bg_rate) * 3600);
        flujo__json_key(&j, "background_per_h");
        flujo__json_double(&j, cap->bg_rate * 3600);
        flujo__json_key(&j, "redesign");
        flujo__json_begin_array(&j);
        for (size_t i = 0; i < s->changes.n; i++) {
            flujo__json_string(&j, s->changes.items[i].message);
        }
        flujo__json_end_array(&j);
        flujo__json_key(&j, "capacity");
        flujo__json_begin_array(&j);
        for (size_t p = 0; p < s->n_pools; p++) {
            flujo__json_begin_object(&j);
            flujo__json_key(&j, "resource");
            flujo__json_string(&j, s->pools[p].name);
            flujo__json_key(&j, "count");
            if (s->pools[p].unlimited) {
                flujo__json_string(&j, "unlimited");
            } else {
                flujo__json_int(&j, s->pools[p].count);
            }
            flujo__json_key(&j, "work_h_per_case");
            flujo__json_double(&j, cap->work[p] / 3600);
            flujo__json_key(&j, "utilization");
            flujo__json_double(&j, s->pools[p].unlimited ? NAN : cap->rho[p]);
            flujo__json_end_object(&j);
        }
        flujo__json_end_array(&j);
        flujo__json_end_object(&j);
    }
    flujo__json_end_object(&j);
    flujo__json_finish(&j);
    return flujo__finish(f, "cannot write the output", err);
}

flujo_status_t flujo_report_capacity_text(FILE *f, const flujo_scenario_t *s,
                                          const flujo_capacity_t *cap, flujo_err_t *err)
{
    if (s->changes.n > 0) {
        fprintf(f, "%s: %zu %s\n", _("redesign"), s->changes.n,
                flujo__plural(
                    s->changes.n,
                    N_("change applied to the model before simulating (the structure above is the "
                       "changed one):"),
                    N_("changes applied to the model before simulating (the structure above is "
                       "the changed one):")));
        for (size_t i = 0; i < s->changes.n; i++) {
            fprintf(f, "  - %s\n", s->changes.items[i].message);
        }
    }
    double cases = cap->rate - cap->bg_rate;
    fprintf(f, _("scenario '%s': arrivals %.4g per hour on average (%.4g per business day)"),
            s->name, cases * 3600, cases * 86400 * 7 / cap->bd_week);
    if (cap->bg_rate > 0) {
        fprintf(f, _(", plus %.4g per hour of background work"), cap->bg_rate * 3600);
    }
    fputc('\n', f);
    fprintf(f, "  %s\n", _("capacity check (open network estimate):"));
    /* columns as wide as their widest entry (at least "unlimited"): names and "3 performers"
     * are never cut */
    int name_w = 8, who_w = (int)flujo_utf8_width(_("unlimited"));
    char who[64];
    for (size_t p = 0; p < s->n_pools; p++) {
        int nw = (int)flujo_utf8_width(s->pools[p].name);
        int ww = (int)flujo_utf8_width(performers_text(&s->pools[p], who, sizeof(who)));
        name_w = nw > name_w ? (nw < 60 ? nw : 60) : name_w;
        who_w = ww > who_w ? ww : who_w;
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        /* hours of work per week of 7 days: comparable with a weekly timetable */
        double per_week = cap->rate * cap->work[p] * 24 * 7;
        char hw[32];
        flujo__sig(per_week, 3, hw, sizeof(hw));
        fputs("    ", f);
        flujo__column(f, pool->name, name_w, false);
        fputs("  ", f);
        flujo__column(f, performers_text(pool, who, sizeof(who)), who_w, false);
        if (pool->unlimited) {
            fprintf(f, " %8s %s\n", hw, _("h a week in its hands"));
        } else {
            fprintf(f, " %8s %s %.0f%%%s\n", hw, _("h of work a week, utilisation"),
                    100 * cap->rho[p], cap->rho[p] >= 1 ? _("  OVERLOADED") : "");
        }
    }
    return flujo__finish(f, "cannot write the output", err);
}
