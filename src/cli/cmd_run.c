/* cmd_run.c - `flujo run`: load a scenario, run its replications, report. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "cli.h"
#include "flujo_experiment.h"
#include "flujo_report.h"
#include "flujo_scenario.h"

#include <signal.h>
#include <unistd.h>

/* The activity and case logs of replication 1, as CSV, or the XES log. */
typedef struct log_ctx {
    FILE *f;                   /* open activity log */
    FILE *cases;               /* open case log (CSV) */
    flujo_xes_t *xes;          /* the XES writer, instead of the CSV rows */
    const flujo_scenario_t *s; /* for names and dates */
} log_ctx_t;

static void log_row(void *ctx, const flujo_activity_rec_t *rec)
{
    log_ctx_t *l = ctx;
    if (rec->replication == 1) {
        if (l->xes != NULL) {
            flujo_xes_activity(l->xes, rec);
        } else {
            flujo_report_log_row(l->f, l->s, rec);
        }
    }
}

static void case_row(void *ctx, const flujo_case_rec_t *rec)
{
    log_ctx_t *l = ctx;
    if (rec->replication == 1) {
        if (l->xes != NULL) {
            flujo_xes_case(l->xes, rec);
        } else {
            flujo_report_case_log_row(l->cases, l->s, rec);
        }
    }
}

/* Ends the logs: completes the XES log, closes the files (renaming them into place if ok). */
static bool close_logs(log_ctx_t *l, cli_out_t *log_out, cli_out_t *case_out, bool ok)
{
    flujo_status_t st = FLUJO_OK;
    flujo_err_t err = {0};
    if (l->xes != NULL) {
        st = flujo_xes_end(l->xes, &err); /* frees the writer */
        l->xes = NULL;
    }
    bool good = ok ? cli_out_finish(log_out, st, &err) : cli_out_close(log_out, false);
    if (case_out->f != NULL) {
        good = cli_out_close(case_out, ok) && good;
    }
    return good && ok;
}

/* "events.csv" → "events.cases.csv": where the case log goes. */
static char *cases_path(const char *log_path)
{
    size_t n = strlen(log_path);
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    flujo_sbuf_addn(&b, log_path, n - 4);
    flujo_sbuf_add(&b, ".cases.csv");
    return flujo_sbuf_take(&b);
}

int cli_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"log", required_argument, NULL, 'l'},
        CLI_SIM_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *format = "text", *log_path = NULL;
    cli_sim_t so;
    cli_sim_init(&so, argc);
    int rc = CLI_EXIT_OK;
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:l:" CLI_SIM_SHORT_OPTIONS, opts, NULL)) != -1) {
        int shared = cli_sim_option("run", c, argv, &so);
        if (shared != 0) {
            if (shared < 0) {
                rc = CLI_EXIT_USAGE;
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'l':
            log_path = optarg;
            break;
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0) {
        rc = cli_usage_error("run", "unknown format '%s' (use text, json or csv)", format);
        goto out;
    }
    if (argc - optind != 1) {
        rc = cli_usage_error("run", "run takes exactly one SCENARIO.yaml (or MODEL.bpmn) file");
        goto out;
    }
    bool xes = false;
    if (log_path != NULL) {
        size_t n = strlen(log_path);
        xes = n >= 4 && strcmp(log_path + n - 4, ".xes") == 0;
        if (n < 4 || (!xes && strcmp(log_path + n - 4, ".csv") != 0)) {
            rc = cli_usage_error("run", "--log writes FILE.csv (with FILE.cases.csv) or FILE.xes");
            goto out;
        }
    }

    flujo_err_t err = {0};
    flujo_scenario_t *s = NULL;
    flujo_status_t st =
        flujo_scenario_load(argv[optind], (const char *const *)so.sets, so.n_sets, &s, &err);
    if (st != FLUJO_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    if (!so.quiet) {
        for (size_t i = 0; i < s->notes.n; i++) {
            cli_error("note: %s", s->notes.items[i].message);
        }
    }
    cli_warn_overload(argv[optind], s);
    cli_out_t log_out = {0}, case_out = {0};
    char *case_path = NULL;
    log_ctx_t lc = {NULL, NULL, NULL, s};
    flujo_experiment_opts_t eo = {0};
    cli_sim_engine(&so, &eo);
    if (log_path != NULL && xes) {
        if (!cli_out_open(&log_out, log_path)) {
            rc = CLI_EXIT_INPUT;
            flujo_scenario_free(s);
            goto out;
        }
        lc.xes = flujo_xes_begin(log_out.f, s);
        eo.engine.log = log_row;
        eo.engine.case_log = case_row;
        eo.engine.log_ctx = &lc;
    } else if (log_path != NULL) {
        case_path = cases_path(log_path);
        if (!cli_out_open(&log_out, log_path)) {
            rc = CLI_EXIT_INPUT;
            free(case_path);
            flujo_scenario_free(s);
            goto out;
        }
        if (!cli_out_open(&case_out, case_path)) {
            cli_out_close(&log_out, false);
            rc = CLI_EXIT_INPUT;
            free(case_path);
            flujo_scenario_free(s);
            goto out;
        }
        lc.f = log_out.f;
        lc.cases = case_out.f;
        flujo_report_log_header(lc.f);
        flujo_report_case_log_header(lc.cases);
        eo.engine.log = log_row;
        eo.engine.case_log = case_row;
        eo.engine.log_ctx = &lc;
    }
    cli_catch_sigint(true);
    flujo_results_t *res = NULL;
    st = flujo_experiment_run(s, &eo, &res, &err);
    cli_catch_sigint(false);
    bool partial = st == FLUJO_EINTR;
    if (st != FLUJO_OK && !partial) {
        rc = cli_fail(&err);
        if (log_path != NULL) {
            close_logs(&lc, &log_out, &case_out, false);
        }
        free(case_path);
        flujo_scenario_free(s);
        goto out;
    }
    if (partial) {
        cli_error("interrupted: reporting the %ld replication%s finished so far (partial)",
                  res->n_done, res->n_done == 1 ? "" : "s");
    }
    uint64_t stuck = flujo_results_in_flight(res);
    if (stuck > 0) {
        cli_error("warning: %llu case%s could not finish (a join waiting for a branch that was "
                  "never taken?); the report lists them",
                  (unsigned long long)stuck, stuck == 1 ? "" : "s");
    }
    bool ok = true;
    if (log_path != NULL) {
        ok = close_logs(&lc, &log_out, &case_out, true);
        free(case_path);
    }
    cli_out_t out;
    if (res->n_done == 0) {
        ok = false;
    } else if (cli_out_open(&out, so.output)) {
        flujo_status_t wst = strcmp(format, "json") == 0  ? flujo_report_run_json(out.f, res, &err)
                             : strcmp(format, "csv") == 0 ? flujo_report_run_csv(out.f, res, &err)
                                                          : flujo_report_run_text(out.f, res, &err);
        ok = cli_out_finish(&out, wst, &err) && ok;
    } else {
        ok = false;
    }
    rc = partial ? 130 : ok ? CLI_EXIT_OK : CLI_EXIT_INPUT;
    flujo_results_free(res);
    flujo_scenario_free(s);
out:
    cli_sim_free(&so);
    return rc;
}
