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

/* What `flujo run` was asked, beyond the options every simulating command shares. */
typedef struct run_args {
    cli_sim_t so;             /* the shared options */
    flujo_run_writer_t write; /* --format */
    const char *log_path;     /* --log FILE.csv|FILE.xes, or NULL */
    bool xes;                 /* the log is XES */
    const char *path;         /* the scenario (or model) */
} run_args_t;

/* Reads the command line into *a; returns CLI_EXIT_OK, or the exit status after a usage error. */
static int parse_args(int argc, char **argv, run_args_t *a)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"log", required_argument, NULL, 'l'},
        CLI_SIM_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *format = "text";
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:l:" CLI_SIM_SHORT_OPTIONS, opts, NULL)) != -1) {
        int shared = cli_sim_option("run", c, argv, &a->so);
        if (shared < 0) {
            return CLI_EXIT_USAGE;
        }
        if (shared > 0) {
            continue;
        }
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'l':
            a->log_path = optarg;
            break;
        }
    }
    a->write = flujo_report_run_writer(format);
    if (a->write == NULL) {
        return cli_format_error("run", format);
    }
    if (argc - optind != 1) {
        return cli_usage_error("run", "run takes exactly one SCENARIO.yaml (or MODEL.bpmn) file");
    }
    a->path = argv[optind];
    if (a->log_path != NULL) {
        size_t n = strlen(a->log_path);
        a->xes = n >= 4 && strcmp(a->log_path + n - 4, ".xes") == 0;
        if (n < 4 || (!a->xes && strcmp(a->log_path + n - 4, ".csv") != 0)) {
            return cli_usage_error("run",
                                   "--log writes FILE.csv (with FILE.cases.csv) or FILE.xes");
        }
    }
    return CLI_EXIT_OK;
}

/* The logs of replication 1 a run writes as it goes: the XES log, or the activity log and the
 * case log beside it, each opened as an output that is renamed into place when complete. */
typedef struct run_logs {
    log_ctx_t lc;       /* what the log receivers write to */
    cli_out_t log_out;  /* the activity (or XES) log */
    cli_out_t case_out; /* the case log (CSV) */
    char *case_path;    /* its path */
} run_logs_t;

/* Opens the logs a asks for and sets eo's receivers; false (printed why, nothing left open) if a
 * file cannot be written. */
static bool open_logs(const run_args_t *a, const flujo_scenario_t *s, run_logs_t *l,
                      flujo_experiment_opts_t *eo)
{
    l->lc.s = s;
    if (a->log_path == NULL) {
        return true;
    }
    if (a->xes) {
        if (!cli_out_open(&l->log_out, a->log_path)) {
            return false;
        }
        l->lc.xes = flujo_xes_begin(l->log_out.f, s);
    } else {
        l->case_path = cases_path(a->log_path);
        if (!cli_out_open(&l->log_out, a->log_path)) {
            return false;
        }
        if (!cli_out_open(&l->case_out, l->case_path)) {
            cli_out_close(&l->log_out, false);
            return false;
        }
        l->lc.f = l->log_out.f;
        l->lc.cases = l->case_out.f;
        flujo_report_log_header(l->lc.f);
        flujo_report_case_log_header(l->lc.cases);
    }
    eo->engine.log = log_row;
    eo->engine.case_log = case_row;
    eo->engine.log_ctx = &l->lc;
    return true;
}

/* Writes the results (after the logs are complete); returns the exit status. */
static int report(const run_args_t *a, const flujo_results_t *res, run_logs_t *l, bool partial)
{
    flujo_err_t err = {0};
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
    if (a->log_path != NULL) {
        ok = close_logs(&l->lc, &l->log_out, &l->case_out, true);
    }
    cli_out_t out;
    if (res->n_done == 0) {
        ok = false;
    } else if (cli_out_open(&out, a->so.output)) {
        ok = cli_out_finish(&out, a->write(out.f, res, &err), &err) && ok;
    } else {
        ok = false;
    }
    return partial ? 130 : ok ? CLI_EXIT_OK : CLI_EXIT_INPUT;
}

int cli_run(int argc, char **argv)
{
    run_args_t a = {0};
    cli_sim_init(&a.so, argc);
    int rc = parse_args(argc, argv, &a);
    flujo_err_t err = {0};
    flujo_scenario_t *s = NULL;
    if (rc != CLI_EXIT_OK) {
        goto out;
    }
    if (flujo_scenario_load(a.path, (const char *const *)a.so.sets, a.so.n_sets, &s, &err) !=
        FLUJO_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    cli_scenario_notes(s, a.so.quiet);
    flujo_capacity_t cap;
    bool has_cap = cli_capacity(a.path, s, &cap);
    run_logs_t logs = {0};
    flujo_experiment_opts_t eo = {0};
    cli_sim_engine(&a.so, &eo);
    eo.capacity = has_cap ? &cap : NULL;
    if (!open_logs(&a, s, &logs, &eo)) {
        rc = CLI_EXIT_INPUT;
        goto out_cap;
    }
    cli_catch_sigint(true);
    flujo_results_t *res = NULL;
    flujo_status_t st = flujo_experiment_run(s, &eo, &res, &err);
    cli_catch_sigint(false);
    if (st != FLUJO_OK && st != FLUJO_EINTR) {
        rc = cli_fail(&err);
        if (a.log_path != NULL) {
            close_logs(&logs.lc, &logs.log_out, &logs.case_out, false);
        }
    } else {
        rc = report(&a, res, &logs, st == FLUJO_EINTR);
    }
    flujo_results_free(res);
out_cap:
    free(logs.case_path);
    if (has_cap) {
        flujo_capacity_destroy(&cap);
    }
out:
    flujo_scenario_free(s);
    cli_sim_free(&a.so);
    return rc;
}
