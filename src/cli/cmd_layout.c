/* cmd_layout.c - `flujo layout`: give a model a diagram (swimlanes laid out automatically). */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "flujo_bpmn.h"

int cli_layout(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    const char *output = NULL;
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            output = optarg;
            break;
        case ':':
            return cli_usage_error("layout", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("layout", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind != 1) {
        return cli_usage_error("layout", "layout takes exactly one MODEL.bpmn file");
    }
    const char *path = argv[optind];
    flujo_err_t err = {0};
    flujo_model_t *m = NULL;
    if (flujo_bpmn_read(path, &m, &err) != FLUJO_OK) {
        return cli_fail(&err);
    }
    flujo_layout_t lay;
    if (flujo_model_layout(m, &lay, &err) != FLUJO_OK) {
        flujo_model_free(m);
        return cli_fail(&err);
    }
    int rc = CLI_EXIT_OK;
    cli_out_t out;
    if (!cli_out_open(&out, output)) {
        rc = CLI_EXIT_INPUT;
    } else {
        flujo_status_t st = flujo_bpmn_write_layout(path, m, &lay, out.f, &err);
        if (!cli_out_finish(&out, st, &err)) {
            rc = CLI_EXIT_INPUT;
        }
    }
    flujo_layout_destroy(&lay);
    flujo_model_free(m);
    return rc;
}
