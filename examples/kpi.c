/* kpi.c - the smallest program on libflujo: simulate a scenario and print two KPIs.
 *
 *   cc -Iinclude examples/kpi.c build/libflujo.a \
 *      $(pkg-config --libs libxml-2.0 igraph gsl yaml-0.1) -lm -lpthread -o build/kpi
 *   build/kpi models/licencia_funcionamiento/actual.yaml
 *
 * (`make build/examples/kpi` does the same.) It loads the scenario with an override, runs its
 * replications in two threads and prints the share of expedientes decided within the plazo and
 * the unit that is the bottleneck. */
#include <stdio.h>
#include <stdlib.h>

#include "flujo.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: kpi SCENARIO.yaml\n");
        return 2;
    }
    flujo_lib_init();
    flujo_err_t err = {0};
    flujo_scenario_t *s = NULL;
    const char *sets[] = {"replications=5"}; /* as `flujo run --set replications=5` */
    if (flujo_scenario_load(argv[1], sets, 1, &s, &err) != FLUJO_OK) {
        fprintf(stderr, "kpi: %s\n", err.msg);
        return 1;
    }
    flujo_experiment_opts_t opts = {.threads = 2};
    flujo_results_t *r = NULL;
    if (flujo_experiment_run(s, &opts, &r, &err) != FLUJO_OK) {
        fprintf(stderr, "kpi: %s\n", err.msg);
        flujo_results_free(r);
        flujo_scenario_free(s);
        return 1;
    }
    flujo_estimate_t within = flujo_results_kpi(r, FLUJO_KPI_WITHIN);
    printf("%s\n", s->name);
    printf("  within the plazo: %.1f%% [%.1f, %.1f] over %ld replications\n", 100 * within.mean,
           100 * within.lo, 100 * within.hi, r->n_done);
    flujo_bottleneck_t *b = calloc(s->n_pools + 1, sizeof(*b));
    if (b != NULL && flujo_results_bottlenecks(r, b) > 0) {
        printf("  bottleneck: %s (%.0f%% of all queue time, %.0f%% busy)\n",
               s->pools[b[0].pool].name, 100 * b[0].waiting_share, 100 * b[0].utilization);
    }
    free(b);
    flujo_results_free(r);
    flujo_scenario_free(s);
    return 0;
}
