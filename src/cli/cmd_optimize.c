/* cmd_optimize.c - `flujo optimize`: the cheapest staffing that meets a target. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "cli.h"
#include "flujo_optimize.h"
#include "flujo_report.h"
#include "flujo_scenario.h"

#include <unistd.h>

int cli_optimize(int argc, char **argv)
{
    static const struct option opts[] = {
        {"target", required_argument, NULL, 't'},
        {"vary", required_argument, NULL, 'v'},
        {"format", required_argument, NULL, 'f'},
        CLI_SIM_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *format = "text", *target_text = NULL, *vary_text = NULL;
    cli_sim_t so;
    cli_sim_init(&so, argc);
    int rc = CLI_EXIT_OK, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":t:v:f:" CLI_SIM_SHORT_OPTIONS, opts, NULL)) != -1) {
        int shared = cli_sim_option("optimize", c, argv, &so);
        if (shared != 0) {
            if (shared < 0) {
                rc = CLI_EXIT_USAGE;
                goto out;
            }
            continue;
        }
        switch (c) {
        case 't':
            target_text = optarg;
            break;
        case 'v':
            vary_text = optarg;
            break;
        case 'f':
            format = optarg;
            break;
        }
    }
    flujo_optimize_writer_t write = flujo_report_optimize_writer(format);
    if (write == NULL) {
        rc = cli_format_error("optimize", format);
        goto out;
    }
    if (argc - optind != 1 || target_text == NULL || vary_text == NULL) {
        rc = cli_usage_error("optimize", "optimize takes one SCENARIO.yaml, --target and --vary");
        goto out;
    }
    flujo_err_t err = {0};
    flujo_target_t target;
    if (flujo_target_parse(target_text, &target, &err) != FLUJO_OK) {
        rc = cli_usage_error("optimize", "%s", err.msg);
        goto out;
    }
    flujo_scenario_t *s = NULL;
    if (flujo_scenario_load(argv[optind], (const char *const *)so.sets, so.n_sets, &s, &err) !=
        FLUJO_OK) {
        rc = cli_fail(&err);
        goto out;
    }
    cli_scenario_notes(s, true);
    flujo_vary_t *vary = NULL;
    size_t n_vary = 0;
    if (flujo_vary_parse(s, vary_text, &vary, &n_vary, &err) != FLUJO_OK) {
        rc = cli_usage_error("optimize", "%s", err.msg);
        flujo_scenario_free(s);
        goto out;
    }
    flujo_experiment_opts_t eo = {0};
    cli_sim_engine(&so, &eo);
    eo.engine.started = flujo_monotonic_seconds(); /* --max-seconds: for the whole search */
    flujo_optimum_t best;
    cli_catch_sigint(true);
    flujo_status_t st = flujo_optimize(s, vary, n_vary, &target, &eo, &best, &err);
    cli_catch_sigint(false);
    if (st == FLUJO_EINTR) {
        cli_error("interrupted: no answer without the staffings still to run");
        rc = 130;
    } else if (st != FLUJO_OK) {
        rc = cli_fail(&err);
    } else {
        cli_out_t o;
        if (!cli_out_open(&o, so.output)) {
            rc = CLI_EXIT_INPUT;
        } else {
            flujo_status_t wst = write(o.f, s, vary, n_vary, &target, &best, &err);
            if (!cli_out_finish(&o, wst, &err)) {
                rc = CLI_EXIT_INPUT;
            }
        }
        flujo_optimum_free(&best);
    }
    flujo_vary_free(vary, n_vary);
    flujo_scenario_free(s);
out:
    cli_sim_free(&so);
    return rc;
}
