/* log_csv.c - the logs of `flujo run --log FILE.csv`: one row per activity instance (the event log)
 * and one row per case (the case log), times as local dates. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "flujo_calendar.h"
#include "flujo_report.h"
#include "report/report_int.h"

void flujo_report_log_header(FILE *f)
{
    fputs("case_id,activity_id,activity,lane,resource,enable_time,start_time,end_time\n", f);
}

void flujo_report_log_row(FILE *f, const flujo_scenario_t *s, const flujo_activity_rec_t *rec)
{
    const flujo_model_t *m = s->model;
    const flujo_node_t *n = &m->nodes[rec->node];
    char t1[32], t2[32], t3[32];
    flujo_format_time(s->start_day, rec->enable_time, t1, sizeof(t1));
    flujo_format_time(s->start_day, rec->start_time, t2, sizeof(t2));
    flujo_format_time(s->start_day, rec->end_time, t3, sizeof(t3));
    fprintf(f, "%llu,", (unsigned long long)rec->case_id);
    flujo__csv_field(f, n->id);
    fputc(',', f);
    flujo__csv_field(f, n->name);
    fputc(',', f);
    flujo__csv_field(f, flujo_model_unit(m, rec->node));
    fputc(',', f);
    flujo__csv_field(f, s->pools[rec->pool].name);
    fprintf(f, ",%s,%s,%s\n", t1, t2, t3);
}

void flujo_report_case_log_header(FILE *f)
{
    fputs("case_id,start_event,arrival_time,count_start,due_time,end_time,cycle_time_h,"
          "legal_time_bd,paused_bd,within_plazo,silenced\n",
          f);
}

/* A deadline that ends at midnight is written as 24:00 of its last day, as people count it. */
static void format_due(const flujo_scenario_t *s, double t, char *buf, size_t n)
{
    double day = floor(t / 86400);
    if (t == day * 86400 && t > 0) {
        flujo_format_time(s->start_day, t - 1, buf, n);
        size_t len = strlen(buf);
        if (len >= 8) {
            memcpy(buf + len - 8, "24:00:00", 8);
        }
        return;
    }
    flujo_format_time(s->start_day, t, buf, n);
}

void flujo_report_case_log_row(FILE *f, const flujo_scenario_t *s, const flujo_case_rec_t *rec)
{
    char arr[32], cs[32], due[32], end[32];
    flujo_format_time(s->start_day, rec->arrival_time, arr, sizeof(arr));
    flujo_format_time(s->start_day, rec->count_start, cs, sizeof(cs));
    flujo_format_time(s->start_day, rec->end_time, end, sizeof(end));
    if (isfinite(rec->due_time)) {
        format_due(s, rec->due_time, due, sizeof(due));
    } else {
        due[0] = '\0';
    }
    fprintf(f, "%llu,", (unsigned long long)rec->case_id);
    flujo__csv_field(f, s->model->nodes[rec->start].id);
    fprintf(f, ",%s,%s,%s,%s,%.6g,%.6g,%.6g,%s,%s\n", arr, cs, due, end,
            (rec->end_time - rec->arrival_time) / 3600, rec->legal_bd, rec->paused_bd,
            s->sla.set ? (rec->within ? "true" : "false") : "",
            s->sla.set ? (rec->silenced ? "true" : "false") : "");
}
