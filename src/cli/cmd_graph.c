/* cmd_graph.c - `flujo graph`: write the process graph as DOT or GraphML. */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "flujo_bpmn.h"
#include "flujo_report.h"
#include "flujo_scenario.h"

int cli_graph(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "dot";
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
            return cli_usage_error("graph", "option '%s' needs a value", argv[optind - 1]);
        default:
            return cli_usage_error("graph", "unknown option '%s'", argv[optind - 1]);
        }
    }
    flujo_graph_writer_t write = flujo_report_graph_writer(format);
    if (write == NULL) {
        return cli_format_error("graph", format);
    }
    if (argc - optind != 1) {
        return cli_usage_error("graph", "graph takes exactly one MODEL.bpmn or SCENARIO.yaml");
    }
    /* a scenario's graph is its model after the scenario's redesign: list */
    flujo_err_t err = {0};
    flujo_model_t *own = NULL;
    flujo_scenario_t *s = NULL;
    const flujo_model_t *m;
    if (cli_is_scenario_path(argv[optind])) {
        if (flujo_scenario_load(argv[optind], NULL, 0, &s, &err) != FLUJO_OK) {
            return cli_fail(&err);
        }
        m = s->model;
    } else {
        if (flujo_bpmn_read(argv[optind], &own, &err) != FLUJO_OK) {
            return cli_fail(&err);
        }
        m = own;
    }
    int rc = CLI_EXIT_OK;
    cli_out_t out;
    if (!cli_out_open(&out, output)) {
        rc = CLI_EXIT_INPUT;
    } else {
        flujo_status_t st = write(out.f, m, &err);
        if (!cli_out_finish(&out, st, &err)) {
            rc = CLI_EXIT_INPUT;
        }
    }
    flujo_model_free(own);
    flujo_scenario_free(s);
    return rc;
}
