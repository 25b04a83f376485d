/* cmd_compare.c - `flujo compare`: run a baseline and its alternatives on common random numbers,
 * then report the paired differences, the scores and the ranking. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "cli.h"
#include "flujo_compare.h"
#include "flujo_experiment.h"
#include "flujo_report.h"
#include "flujo_scenario.h"

#include <unistd.h>

int cli_compare(int argc, char **argv)
{
    static const struct option opts[] = {
        {"weights", required_argument, NULL, 'w'},
        {"format", required_argument, NULL, 'f'},
        CLI_SIM_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    const char *format = "text", *weights_text = NULL;
    cli_sim_t so;
    cli_sim_init(&so, argc);
    int rc = CLI_EXIT_OK, c;
    flujo_err_t err = {0};
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":w:f:" CLI_SIM_SHORT_OPTIONS, opts, NULL)) != -1) {
        int shared = cli_sim_option("compare", c, argv, &so);
        if (shared != 0) {
            if (shared < 0) {
                rc = CLI_EXIT_USAGE;
                goto out;
            }
            continue;
        }
        switch (c) {
        case 'w':
            weights_text = optarg;
            break;
        case 'f':
            format = optarg;
            break;
        }
    }
    flujo_compare_writer_t write = flujo_report_compare_writer(format);
    if (write == NULL) {
        rc = cli_format_error("compare", format);
        goto out;
    }
    if (argc - optind < 2) {
        rc = cli_usage_error("compare", "compare needs a BASE.yaml and at least one ALT.yaml");
        goto out;
    }
    double weights[FLUJO_CK_N];
    flujo_compare_default_weights(weights);
    if (weights_text != NULL && flujo_compare_parse_weights(weights_text, weights, &err)) {
        rc = cli_usage_error("compare", "%s", err.msg);
        goto out;
    }

    cli_batch_t batch;
    rc = cli_batch_run(&batch, argv + optind, argc - optind, &so);
    size_t n = batch.n;
    flujo_results_t **res = batch.res;
    flujo_comparison_t cmp = {0};
    if (rc == CLI_EXIT_OK &&
        flujo_compare((const flujo_results_t *const *)res, n, weights, &cmp, &err) != FLUJO_OK) {
        rc = cli_fail(&err);
    }
    if (rc == CLI_EXIT_OK) {
        cli_out_t o;
        if (!cli_out_open(&o, so.output)) {
            rc = CLI_EXIT_INPUT;
        } else {
            flujo_status_t st = write(o.f, &cmp, &err);
            if (!cli_out_finish(&o, st, &err)) {
                rc = CLI_EXIT_INPUT;
            }
        }
    }
    flujo_comparison_free(&cmp);
    cli_batch_free(&batch);
out:
    cli_sim_free(&so);
    return rc;
}
