/* cmd_check.c - `flujo check`: read a model (or a scenario and its model), run the structural,
 * parameter and capacity checks, report. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "cli.h"
#include "flujo_bpmn.h"
#include "flujo_report.h"
#include "flujo_scenario.h"

static int check(const char *path, const char *format, const char *output, const char *const *sets,
                 size_t n_sets);

int cli_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"set", required_argument, NULL, 'S'},
        {"params", required_argument, NULL, CLI_OPT_PARAMS},
        {NULL, 0, NULL, 0},
    };
    const char *format = "text";
    const char *output = NULL;
    const char **sets = flujo_xcalloc((size_t)argc + 1, sizeof(char *));
    size_t n_sets = 0;
    char *params = NULL;
    flujo_sbuf_t pb;
    int c, rc = CLI_EXIT_OK;

    opterr = 0;
    optind = 1;
    while (rc == CLI_EXIT_OK && (c = getopt_long(argc, argv, ":f:o:S:", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            format = optarg;
            break;
        case 'o':
            output = optarg;
            break;
        case 'S':
            sets[n_sets++] = optarg;
            break;
        case CLI_OPT_PARAMS:
            flujo_sbuf_init(&pb);
            flujo_sbuf_printf(&pb, "params=%s", optarg);
            sets[n_sets++] = params = flujo_sbuf_take(&pb);
            break;
        case ':':
            rc = cli_usage_error("check", "option '%s' needs a value", argv[optind - 1]);
            break;
        default:
            rc = cli_usage_error("check", "unknown option '%s'", argv[optind - 1]);
            break;
        }
    }
    if (rc != CLI_EXIT_OK) {
        /* the usage error is printed */
    } else if (flujo_report_check_writer(format) == NULL) {
        rc = cli_format_error("check", format);
    } else if (argc - optind != 1) {
        rc = cli_usage_error("check", "check takes exactly one MODEL.bpmn or SCENARIO.yaml");
    } else {
        /* a model with --set or --params is checked as the scenario they make of it */
        rc = check(argv[optind], format, output, sets, n_sets);
    }
    free(params);
    free(sets);
    return rc;
}

static int check(const char *path, const char *format, const char *output, const char *const *sets,
                 size_t n_sets)
{
    flujo_err_t err = {0};
    flujo_model_t *own_model = NULL;
    flujo_scenario_t *s = NULL;
    const flujo_model_t *m;
    flujo_findings_t fi = {0};
    int rc = CLI_EXIT_OK;
    flujo_diags_init(&fi.diags);
    if (cli_is_scenario_path(path) || n_sets > 0) {
        if (flujo_scenario_load(path, sets, n_sets, &s, &err) != FLUJO_OK) {
            return cli_fail(&err);
        }
        m = s->model;
        if (flujo_scenario_check(s, &fi, &err) != FLUJO_OK) {
            rc = cli_fail(&err);
            goto out_free;
        }
    } else {
        if (flujo_bpmn_read(path, &own_model, &err) != FLUJO_OK) {
            return cli_fail(&err);
        }
        m = own_model;
        if (flujo_model_check(m, &fi.diags, &fi.cycles, &fi.n_cycles, &err) != FLUJO_OK) {
            rc = cli_fail(&err);
            goto out_free;
        }
        /* what flujo would not simulate as the model asks, run with the default scenario (a
         * model that cannot run has its errors above already) */
        flujo_scenario_t *d = NULL;
        flujo_err_t derr = {0};
        if (flujo_scenario_load(path, NULL, 0, &d, &derr) == FLUJO_OK) {
            for (size_t i = 0; i < d->notes.n; i++) {
                const flujo_diag_t *n = &d->notes.items[i];
                if (strcmp(n->code, "not-simulated") == 0) {
                    flujo_diags_add_in(&fi.diags, n->severity, n->code, n->id, n->file, n->line,
                                       "%s", n->message);
                }
            }
        }
        flujo_scenario_free(d);
    }
    /* the text report writes the findings on stderr, as a compiler does; JSON holds them */
    if (strcmp(format, "json") != 0) {
        for (size_t i = 0; i < fi.diags.n; i++) {
            flujo_report_diag(stderr, m->file, &fi.diags.items[i]);
        }
    }
    cli_out_t out;
    if (!cli_out_open(&out, output)) {
        rc = CLI_EXIT_INPUT;
        goto out_free;
    }
    flujo_status_t st = flujo_report_check_writer(format)(out.f, m, &fi, s, &err);
    if (!cli_out_finish(&out, st, &err)) {
        rc = CLI_EXIT_INPUT;
    } else if (flujo_diags_count(&fi.diags, FLUJO_SEV_ERROR) > 0) {
        rc = CLI_EXIT_INPUT;
    }
out_free:
    flujo_findings_destroy(&fi);
    flujo_model_free(own_model);
    flujo_scenario_free(s);
    return rc;
}
