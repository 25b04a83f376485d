/* cli_batch.c - a baseline and its alternatives loaded on common random numbers and run, for
 * `flujo compare` and `flujo report`. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "cli.h"

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
        if (st == FLUJO_OK) {
            cli_scenario_notes(*out, true); /* its warnings (the notes of a batch: too many) */
        }
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
    if (st == FLUJO_OK) {
        cli_scenario_notes(*out, true);
    }
    free(all[n_sets]);
    free(all[n_sets + 1]);
    free(all);
    return st;
}

int cli_batch_run(cli_batch_t *b, char **files, int n_files, const cli_sim_t *o)
{
    bool quiet = o->quiet;
    memset(b, 0, sizeof(*b));
    flujo_err_t err = {0};
    int rc = CLI_EXIT_OK;
    /* `compare actual.yaml *.yaml` names the baseline again: leave it out of the alternatives
     * when there are others (alone, it is a comparison of the scenario with itself) */
    const char **use = flujo_xcalloc((size_t)n_files + 1, sizeof(char *));
    size_t n = 0;
    char *base_real = realpath(files[0], NULL);
    for (int i = 0; i < n_files; i++) {
        char *real = i > 0 ? realpath(files[i], NULL) : NULL;
        bool again = real != NULL && base_real != NULL && strcmp(real, base_real) == 0;
        free(real);
        if (again && n_files > 2) {
            if (!quiet) {
                cli_error(_("note: %s is the baseline: left out of the alternatives"), files[i]);
            }
            continue;
        }
        use[n++] = files[i];
    }
    free(base_real);
    b->sc = flujo_xcalloc(n + 1, sizeof(*b->sc));
    b->res = flujo_xcalloc(n + 1, sizeof(*b->res));
    b->cap = flujo_xcalloc(n + 1, sizeof(*b->cap));
    b->has_cap = flujo_xcalloc(n + 1, sizeof(*b->has_cap));
    b->n = n;
    for (size_t i = 0; i < n && rc == CLI_EXIT_OK; i++) {
        if (load(use[i], o->sets, o->n_sets, i > 0 ? b->sc[0] : NULL, quiet, &b->sc[i], &err) !=
            FLUJO_OK) {
            rc = cli_fail(&err);
        } else {
            b->has_cap[i] = cli_capacity(use[i], b->sc[i], &b->cap[i]);
        }
    }
    flujo_experiment_opts_t eo = {0};
    cli_sim_engine(o, &eo);
    eo.engine.started = flujo_monotonic_seconds(); /* --max-seconds: for all of them */
    cli_catch_sigint(true);
    for (size_t i = 0; i < n && rc == CLI_EXIT_OK; i++) {
        eo.progress_ctx = (void *)use[i];
        eo.capacity = b->has_cap[i] ? &b->cap[i] : NULL;
        flujo_status_t st = flujo_experiment_run(b->sc[i], &eo, &b->res[i], &err);
        if (st == FLUJO_EINTR && n == 1 && b->res[i]->n_done > 0) {
            cli_error("interrupted: reporting the %ld replication%s finished so far (partial)",
                      b->res[i]->n_done, b->res[i]->n_done == 1 ? "" : "s");
            rc = 130;
        } else if (st == FLUJO_EINTR) {
            cli_error("interrupted: nothing to report without every scenario");
            rc = 130;
        } else if (st != FLUJO_OK) {
            rc = cli_fail(&err);
        } else if (flujo_results_in_flight(b->res[i]) > 0) {
            cli_error("warning: %s: %llu case(s) could not finish; `flujo run` lists them",
                      b->sc[i]->file, (unsigned long long)flujo_results_in_flight(b->res[i]));
        }
    }
    cli_catch_sigint(false);
    free(use);
    return rc;
}

void cli_batch_free(cli_batch_t *b)
{
    for (size_t i = 0; i < b->n; i++) {
        flujo_results_free(b->res[i]);
        flujo_scenario_free(b->sc[i]);
        if (b->has_cap[i]) {
            flujo_capacity_destroy(&b->cap[i]);
        }
    }
    free(b->res);
    free(b->cap);
    free(b->has_cap);
    free(b->sc);
    memset(b, 0, sizeof(*b));
}
