/* cmd_compare.c - `flujo compare`: run a baseline and its alternatives on common random numbers,
 * then report the paired differences, the scores and the ranking. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flujo_compare.h"
#include "flujo_experiment.h"
#include "flujo_report.h"
#include "flujo_scenario.h"
#include "flujo_util.h"

#include <unistd.h>

/* Loads scenario i with the user's overrides; alternatives also take the baseline's seed and
 * replications, so that every scenario draws the same random numbers. */
static flujo_status_t load(const char *path, char **sets, size_t n_sets,
                           const flujo_scenario_t *base, bool quiet, flujo_scenario_t **out,
                           flujo_err_t *err)
{
    flujo_status_t st = flujo_scenario_load(path, (const char *const *)sets, n_sets, out, err);
    if (st != FLUJO_OK || base == NULL ||
        ((*out)->seed == base->seed && (*out)->replications == base->replications)) {
        return st;
    }
    if (!quiet) {
        cli_error("note: %s: compared with the baseline's seed %llu and %ld replications", path,
                  (unsigned long long)base->seed, base->replications);
    }
    flujo_scenario_free(*out);
    *out = NULL;
    char **all = flujo_xcalloc(n_sets + 3, sizeof(char *));
    memcpy(all, sets, n_sets * sizeof(char *));
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    flujo_sbuf_printf(&b, "seed=%llu", (unsigned long long)base->seed);
    all[n_sets] = flujo_sbuf_take(&b);
    flujo_sbuf_init(&b);
    flujo_sbuf_printf(&b, "replications=%ld", base->replications);
    all[n_sets + 1] = flujo_sbuf_take(&b);
    st = flujo_scenario_load(path, (const char *const *)all, n_sets + 2, out, err);
    free(all[n_sets]);
    free(all[n_sets + 1]);
    free(all);
    return st;
}

int cli_compare(int argc, char **argv)
{
    static const struct option opts[] = {
        {"weights", required_argument, NULL, 'w'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"replications", required_argument, NULL, 'r'},
        {"seed", required_argument, NULL, 's'},
        {"set", required_argument, NULL, 'S'},
        {"quiet", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    const char *format = "text", *output = NULL, *weights_text = NULL;
    long threads = 1;
    bool quiet = false;
    size_t n_sets = 0;
    char **sets = flujo_xcalloc((size_t)argc + 2, sizeof(char *));
    int rc = CLI_EXIT_OK, c;
    flujo_err_t err = {0};
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":w:f:o:j:r:s:S:q", opts, NULL)) != -1) {
        int shared = cli_sim_option("compare", c, optarg, sets, &n_sets, &threads);
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
        case 'o':
            output = optarg;
            break;
        case 'q':
            quiet = true;
            break;
        case ':':
            rc = cli_usage_error("compare", "option '%s' needs a value", argv[optind - 1]);
            goto out;
        default:
            rc = cli_usage_error("compare", "unknown option '%s'", argv[optind - 1]);
            goto out;
        }
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        rc = cli_usage_error("compare", "unknown format '%s' (use text or json)", format);
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

    /* `compare actual.yaml *.yaml` names the baseline again: leave it out of the alternatives
     * when there are others (alone, it is a comparison of the scenario with itself) */
    const char **files = flujo_xcalloc((size_t)argc + 1, sizeof(char *));
    size_t n = 0;
    char *base_real = realpath(argv[optind], NULL);
    for (int i = optind; i < argc; i++) {
        char *real = i > optind ? realpath(argv[i], NULL) : NULL;
        bool again = real != NULL && base_real != NULL && strcmp(real, base_real) == 0;
        free(real);
        if (again && argc - optind > 2) {
            if (!quiet) {
                cli_error("note: %s is the baseline: left out of the alternatives", argv[i]);
            }
            continue;
        }
        files[n++] = argv[i];
    }
    free(base_real);
    flujo_scenario_t **sc = flujo_xcalloc(n, sizeof(*sc));
    flujo_results_t **res = flujo_xcalloc(n, sizeof(*res));
    for (size_t i = 0; i < n && rc == CLI_EXIT_OK; i++) {
        if (load(files[i], sets, n_sets, i > 0 ? sc[0] : NULL, quiet, &sc[i], &err) != FLUJO_OK) {
            rc = cli_fail(&err);
        }
    }
    flujo_experiment_opts_t eo = {0};
    eo.threads = (int)threads;
    eo.engine.stop = &cli_interrupted;
    cli_catch_sigint(true);
    for (size_t i = 0; i < n && rc == CLI_EXIT_OK; i++) {
        if (!quiet && isatty(STDERR_FILENO)) {
            eo.progress = cli_progress;
            eo.progress_ctx = (void *)files[i];
        }
        flujo_status_t st = flujo_experiment_run(sc[i], &eo, &res[i], &err);
        if (st == FLUJO_EINTR) {
            cli_error("interrupted: no comparison without every scenario");
            rc = 130;
        } else if (st != FLUJO_OK) {
            rc = cli_fail(&err);
        } else if (flujo_results_in_flight(res[i]) > 0) {
            cli_error("warning: %s: %llu case(s) could not finish; `flujo run` lists them",
                      sc[i]->file, (unsigned long long)flujo_results_in_flight(res[i]));
        }
    }
    cli_catch_sigint(false);
    flujo_comparison_t cmp = {0};
    if (rc == CLI_EXIT_OK &&
        flujo_compare((const flujo_results_t *const *)res, n, weights, &cmp, &err) != FLUJO_OK) {
        rc = cli_fail(&err);
    }
    if (rc == CLI_EXIT_OK) {
        cli_out_t o;
        if (!cli_out_open(&o, output)) {
            rc = CLI_EXIT_INPUT;
        } else {
            flujo_status_t st = strcmp(format, "json") == 0
                                    ? flujo_report_compare_json(o.f, &cmp, &err)
                                    : flujo_report_compare_text(o.f, &cmp, &err);
            if (!cli_out_close(&o, st == FLUJO_OK)) {
                rc = CLI_EXIT_INPUT;
            }
        }
    }
    flujo_comparison_free(&cmp);
    for (size_t i = 0; i < n; i++) {
        flujo_results_free(res[i]);
        flujo_scenario_free(sc[i]);
    }
    free(res);
    free(sc);
    free(files);
out:
    for (size_t i = 0; i < n_sets; i++) {
        free(sets[i]);
    }
    free(sets);
    return rc;
}
