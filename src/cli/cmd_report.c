/* cmd_report.c - `flujo report`: the HTML report of a scenario, with the comparison of its
 * alternatives when they are given. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "cli.h"
#include "flujo_compare.h"
#include "flujo_report.h"

int cli_report(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_SIM_LONG_OPTIONS,
        {NULL, 0, NULL, 0},
    };
    cli_sim_t so;
    cli_sim_init(&so, argc);
    int rc = CLI_EXIT_OK, c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":" CLI_SIM_SHORT_OPTIONS, opts, NULL)) != -1) {
        if (cli_sim_option("report", c, argv, &so) < 0) { /* every option is a shared one */
            rc = CLI_EXIT_USAGE;
            goto out;
        }
    }
    if (argc - optind < 1) {
        rc =
            cli_usage_error("report", "report takes a SCENARIO.yaml (and alternatives to compare)");
        goto out;
    }
    cli_batch_t batch;
    rc = cli_batch_run(&batch, argv + optind, argc - optind, &so);
    flujo_comparison_t cmp = {0};
    flujo_err_t err = {0};
    if (rc == CLI_EXIT_OK && batch.n > 1) {
        double w[FLUJO_CK_N];
        flujo_compare_default_weights(w);
        if (flujo_compare((const flujo_results_t *const *)batch.res, batch.n, w, &cmp, &err) !=
            FLUJO_OK) {
            rc = cli_fail(&err);
        }
    }
    bool partial = rc == 130 && batch.n == 1 && batch.res[0] != NULL && batch.res[0]->n_done > 0;
    if (rc == CLI_EXIT_OK || partial) {
        cli_out_t o;
        if (!cli_out_open(&o, so.output)) {
            rc = CLI_EXIT_INPUT;
        } else {
            flujo_status_t st =
                flujo_report_html(o.f, batch.res[0], batch.n > 1 ? &cmp : NULL, &err);
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
