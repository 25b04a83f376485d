/* cmd_check.c - `flujo check`: read a model, run the structural checks, report. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flujo_bpmn.h"
#include "flujo_report.h"

int cli_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "text";
    const char *output = NULL;
    int c;

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":f:o:", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case ':':
            return cli_usage_error("check", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("check", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        return cli_usage_error("check", "unknown format '%s' (use text or json)", format);
    }
    if (argc - optind != 1) {
        return cli_usage_error("check", "check takes exactly one MODEL.bpmn file");
    }
    const char *path = argv[optind];

    flujo_err_t err = {0};
    flujo_model_t *m = NULL;
    if (flujo_bpmn_read(path, &m, &err) != FLUJO_OK) {
        return cli_fail(&err);
    }
    flujo_diags_t diags;
    flujo_cycle_t *cycles = NULL;
    size_t n_cycles = 0;
    int rc = CLI_EXIT_OK;
    flujo_diags_init(&diags);
    if (flujo_model_check(m, &diags, &cycles, &n_cycles, &err) != FLUJO_OK) {
        rc = cli_fail(&err);
        goto out_free;
    }
    bool json = strcmp(format, "json") == 0;
    if (!json) {
        for (size_t i = 0; i < diags.n; i++) {
            flujo_report_diag(stderr, m->file, &diags.items[i]);
        }
    }
    cli_out_t out;
    if (!cli_out_open(&out, output)) {
        rc = CLI_EXIT_INPUT;
        goto out_free;
    }
    flujo_status_t st = json ? flujo_report_check_json(out.f, m, &diags, cycles, n_cycles, &err)
                             : flujo_report_check_text(out.f, m, &diags, cycles, n_cycles, &err);
    if (!cli_out_close(&out, st == FLUJO_OK)) {
        rc = CLI_EXIT_INPUT;
    } else if (flujo_diags_count(&diags, FLUJO_SEV_ERROR) > 0) {
        rc = CLI_EXIT_INPUT;
    }
out_free:
    flujo_model_cycles_free(cycles, n_cycles);
    flujo_diags_destroy(&diags);
    flujo_model_free(m);
    return rc;
}
