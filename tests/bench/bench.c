/* bench.c - `make bench`: the speed and memory of the engine on the reference model. Runs the
 * scenario single-threaded for about a million cases and prints cases/s, events/s and the peak
 * resident memory; then four times as many cases, to show that memory does not grow with them. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "flujo_experiment.h"
#include "flujo_scenario.h"

#include <sys/resource.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int bench(const char *path, const char *horizon)
{
    const char *sets[] = {horizon, "replications=10", "warmup=0h"};
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    if (flujo_scenario_load(path, sets, 3, &s, &err) != FLUJO_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    flujo_experiment_opts_t o = {0};
    o.threads = 1;
    flujo_results_t *r = NULL;
    double t0 = now_s();
    if (flujo_experiment_run(s, &o, &r, &err) != FLUJO_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        flujo_scenario_free(s);
        return 1;
    }
    double dt = now_s() - t0;
    uint64_t cases = flujo_results_completed(r), events = 0;
    for (long i = 0; i < r->n_reps; i++) {
        events += r->reps[i].events;
    }
    flujo_estimate_t cyc = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    printf("%-10s %9llu cases in %6.3f s: %10.0f cases/s, %11.0f events/s, peak RSS %5.1f MB, "
           "mean cycle %.3f h [%.3f, %.3f] (analytic 23.4634)\n",
           horizon + 8, (unsigned long long)cases, dt, (double)cases / dt, (double)events / dt,
           (double)peak_rss_kb() / 1024, cyc.mean, cyc.lo, cyc.hi);
    flujo_results_free(r);
    flujo_scenario_free(s);
    return 0;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "../shared/bench/reference.yaml";
    flujo_lib_init();
    printf("flujo bench: %s, 1 thread, 10 replications\n", path);
    if (bench(path, "horizon=100000h") != 0 || bench(path, "horizon=400000h") != 0) {
        return 1;
    }
    return 0;
}
