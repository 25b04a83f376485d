/* formats.c - the output formats of each command, in one table: the name `--format` takes and the
 * writer it selects. A new format is a writer in report/ and a row here; the command line finds
 * it, lists it in its messages and its help. */
#include <stdio.h>
#include <string.h>

#include "flujo_report.h"

/* `flujo check`: the summary (with the capacity table of a scenario), or the JSON report. */
static flujo_status_t check_text(FILE *f, const flujo_model_t *m, const flujo_findings_t *fi,
                                 const flujo_scenario_t *s, flujo_err_t *err)
{
    flujo_status_t st = flujo_report_check_text(f, m, &fi->diags, fi->cycles, fi->n_cycles, err);
    if (st == FLUJO_OK && s != NULL && fi->has_capacity) {
        st = flujo_report_capacity_text(f, s, &fi->capacity, err);
    }
    return st;
}

static flujo_status_t check_json(FILE *f, const flujo_model_t *m, const flujo_findings_t *fi,
                                 const flujo_scenario_t *s, flujo_err_t *err)
{
    bool cap = s != NULL && fi->has_capacity;
    return flujo_report_check_json(f, m, &fi->diags, fi->cycles, fi->n_cycles, cap ? s : NULL,
                                   cap ? &fi->capacity : NULL, err);
}

/* Each command's formats, in the order its help lists them; the first is the default. The writer
 * is stored as a generic function pointer and called through its command's type. */
typedef void (*any_fn)(void);
static const struct format {
    const char *command; /* run, check, graph, compare, optimize */
    const char *name;    /* what --format takes */
    any_fn write;        /* the writer, of the command's writer type */
} formats[] = {
    {"run", "text", (any_fn)flujo_report_run_text},
    {"run", "json", (any_fn)flujo_report_run_json},
    {"run", "csv", (any_fn)flujo_report_run_csv},
    {"check", "text", (any_fn)check_text},
    {"check", "json", (any_fn)check_json},
    {"graph", "dot", (any_fn)flujo_report_graph_dot},
    {"graph", "graphml", (any_fn)flujo_report_graph_graphml},
    {"compare", "text", (any_fn)flujo_report_compare_text},
    {"compare", "json", (any_fn)flujo_report_compare_json},
    {"optimize", "text", (any_fn)flujo_report_optimize_text},
    {"optimize", "json", (any_fn)flujo_report_optimize_json},
};

static any_fn find(const char *command, const char *name)
{
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (strcmp(formats[i].command, command) == 0 && strcmp(formats[i].name, name) == 0) {
            return formats[i].write;
        }
    }
    return NULL;
}

flujo_run_writer_t flujo_report_run_writer(const char *name)
{
    return (flujo_run_writer_t)find("run", name);
}

flujo_check_writer_t flujo_report_check_writer(const char *name)
{
    return (flujo_check_writer_t)find("check", name);
}

flujo_graph_writer_t flujo_report_graph_writer(const char *name)
{
    return (flujo_graph_writer_t)find("graph", name);
}

flujo_compare_writer_t flujo_report_compare_writer(const char *name)
{
    return (flujo_compare_writer_t)find("compare", name);
}

flujo_optimize_writer_t flujo_report_optimize_writer(const char *name)
{
    return (flujo_optimize_writer_t)find("optimize", name);
}

const char *flujo_report_formats(const char *command, const char *sep, const char *last, char *buf,
                                 size_t n)
{
    size_t count = 0, total = 0, used = 0;
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
        total += strcmp(formats[i].command, command) == 0;
    }
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]) && used < n; i++) {
        if (strcmp(formats[i].command, command) != 0) {
            continue;
        }
        const char *join = count == 0 ? "" : count + 1 == total ? last : sep;
        int k = snprintf(buf + used, n - used, "%s%s", join, formats[i].name);
        used += k > 0 ? (size_t)k : 0;
        count++;
    }
    return buf;
}
