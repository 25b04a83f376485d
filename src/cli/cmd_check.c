/* cmd_check.c - `flujo check`: read a model (or a scenario and its model), run the structural,
 * parameter and capacity checks, report. */
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "cli.h"
#include "flujo_bpmn.h"
#include "flujo_report.h"
#include "flujo_scenario.h"

/* Capacity findings: pools at or above 100% of what their performers can do (an error: the
 * queue grows without bound) and above 85% (a warning), with what would bring them to 85%. */
static void capacity_diags(const flujo_scenario_t *s, const flujo_capacity_t *cap, flujo_diags_t *d)
{
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        double rho = cap->rho[p];
        if (pool->unlimited || !(rho > 0.85)) {
            continue;
        }
        long need = (long)ceil(rho * (double)pool->count / 0.85 - 1e-9);
        long more = need - pool->count;
        double less = 100 * (1 - 0.85 / rho);
        if (rho >= 1) {
            flujo_diags_add_in(
                d, FLUJO_SEV_ERROR, "overloaded", NULL, pool->file, pool->line,
                "'%s' is offered %.0f%% of what its %ld performer%s can do: the queue "
                "grows without bound; it needs %ld more performer%s or %.0f%% less "
                "work (to reach 85%%)",
                pool->name, 100 * rho, pool->count, pool->count == 1 ? "" : "s", more,
                more == 1 ? "" : "s", less);
        } else {
            flujo_diags_add_in(d, FLUJO_SEV_WARNING, "high-load", NULL, pool->file, pool->line,
                               "'%s' is loaded to %.0f%% with %ld performer%s: queues will be long "
                               "and slow to settle (%ld more performer%s or %.0f%% less work reach "
                               "85%%)",
                               pool->name, 100 * rho, pool->count, pool->count == 1 ? "" : "s",
                               more, more == 1 ? "" : "s", less);
        }
    }
}

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
    } else if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        rc = cli_usage_error("check", "unknown format '%s' (use text or json)", format);
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
    flujo_capacity_t cap = {0};
    bool have_cap = false;
    flujo_diags_t diags;
    flujo_diags_init(&diags);
    if (cli_is_scenario_path(path) || n_sets > 0) {
        if (flujo_scenario_load(path, sets, n_sets, &s, &err) != FLUJO_OK) {
            return cli_fail(&err);
        }
        m = s->model;
    } else {
        if (flujo_bpmn_read(path, &own_model, &err) != FLUJO_OK) {
            return cli_fail(&err);
        }
        m = own_model;
    }
    flujo_cycle_t *cycles = NULL;
    size_t n_cycles = 0;
    int rc = CLI_EXIT_OK;
    if (flujo_model_check(m, &diags, &cycles, &n_cycles, &err) != FLUJO_OK) {
        rc = cli_fail(&err);
        goto out_free;
    }
    if (s != NULL) {
        /* an unlabelled split whose flows the scenario routes (probabilities or conditions, from
         * the YAML or --params) is no longer a finding */
        flujo_diags_t kept;
        flujo_diags_init(&kept);
        for (size_t i = 0; i < diags.n; i++) {
            const flujo_diag_t *d = &diags.items[i];
            int64_t v = d->id != NULL ? flujo_model_find_node(m, d->id) : -1;
            if (strcmp(d->code, "unlabelled-split") == 0 && v >= 0 &&
                s->gateways[v].route != FLUJO_ROUTE_EQUAL) {
                continue;
            }
            flujo_diags_add_in(&kept, d->severity, d->code, d->id, d->file, d->line, "%s",
                               d->message);
        }
        flujo_diags_destroy(&diags);
        diags = kept;
        for (size_t i = 0; i < s->notes.n; i++) {
            const flujo_diag_t *n = &s->notes.items[i];
            flujo_diags_add_in(&diags, n->severity, n->code, n->id, n->file, n->line, "%s",
                               n->message);
        }
        if (flujo_scenario_capacity(s, &cap, &err) != FLUJO_OK) {
            flujo_diags_add(&diags, FLUJO_SEV_ERROR, "endless-loop", NULL, 0, "%s", err.msg);
        } else {
            have_cap = true;
            capacity_diags(s, &cap, &diags);
        }
    }
    bool json = strcmp(format, "json") == 0;
    if (!json) {
        for (size_t i = 0; i < diags.n; i++) {
            const flujo_diag_t *d = &diags.items[i];
            bool about_scenario =
                s != NULL && (strcmp(d->code, "overloaded") == 0 ||
                              strcmp(d->code, "high-load") == 0 || d->severity == FLUJO_SEV_NOTE);
            flujo_report_diag(stderr, about_scenario ? s->file : m->file, d);
        }
    }
    cli_out_t out;
    if (!cli_out_open(&out, output)) {
        rc = CLI_EXIT_INPUT;
        goto out_free;
    }
    flujo_status_t st = FLUJO_OK;
    if (json) {
        st = flujo_report_check_json(out.f, m, &diags, cycles, n_cycles, have_cap ? s : NULL,
                                     have_cap ? &cap : NULL, &err);
    } else {
        st = flujo_report_check_text(out.f, m, &diags, cycles, n_cycles, &err);
        if (st == FLUJO_OK && have_cap) {
            st = flujo_report_capacity_text(out.f, s, &cap, &err);
        }
    }
    if (!cli_out_finish(&out, st, &err)) {
        rc = CLI_EXIT_INPUT;
    } else if (flujo_diags_count(&diags, FLUJO_SEV_ERROR) > 0) {
        rc = CLI_EXIT_INPUT;
    }
out_free:
    if (have_cap) {
        flujo_capacity_destroy(&cap);
    }
    flujo_model_cycles_free(cycles, n_cycles);
    flujo_diags_destroy(&diags);
    flujo_model_free(own_model);
    flujo_scenario_free(s);
    return rc;
}
