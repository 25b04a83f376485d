/* bench.c - `make bench`: the speed and memory of the engine on the reference model
 * (../shared/bench/reference.yaml, five M/M/c pools at 80%). It measures, and prints; it does not
 * judge (the README records the numbers and the machine):
 *   always    one thread, 10 replications of about 100,000 cases, then ten times as many: cases/s,
 *             events/s and peak resident memory (flat: memory holds the cases in flight)
 *   office    the same on a Monday-to-Friday 08:00-16:45 calendar with Peru's holidays, for every
 *             pool and the arrivals (the working-time arithmetic on every task)
 *   threads   20 replications with 1 thread, then with 2: the speed-up
 * `bench --peer HOURS` runs one replication of HOURS hours on one thread and prints one line of
 * key=value pairs, the same as tests/bench/reference_simpy.py, for `make bench-peers`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

typedef struct outcome {
    uint64_t cases, events;
    double seconds, cycle, lo, hi;
} outcome_t;

static int measure(const char *path, const char *const *sets, size_t n_sets, int threads,
                   outcome_t *out)
{
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    if (flujo_scenario_load(path, sets, n_sets, &s, &err) != FLUJO_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    flujo_experiment_opts_t o = {0};
    o.threads = threads;
    flujo_results_t *r = NULL;
    double t0 = now_s();
    if (flujo_experiment_run(s, &o, &r, &err) != FLUJO_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        flujo_scenario_free(s);
        return 1;
    }
    out->seconds = now_s() - t0;
    out->cases = flujo_results_completed(r);
    out->events = 0;
    for (long i = 0; i < r->n_reps; i++) {
        out->events += r->reps[i].events;
    }
    flujo_estimate_t cyc = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    out->cycle = cyc.mean;
    out->lo = cyc.lo;
    out->hi = cyc.hi;
    flujo_results_free(r);
    flujo_scenario_free(s);
    return 0;
}

static void line(const char *what, const outcome_t *o)
{
    printf("%-22s %9llu cases in %7.3f s: %9.0f cases/s, %10.0f events/s, peak RSS %5.1f MB, "
           "mean cycle %.3f h [%.3f, %.3f]\n",
           what, (unsigned long long)o->cases, o->seconds, (double)o->cases / o->seconds,
           (double)o->events / o->seconds, (double)peak_rss_kb() / 1024, o->cycle, o->lo, o->hi);
}

int main(int argc, char **argv)
{
    flujo_lib_init();
    if (argc > 1 && strcmp(argv[1], "--peer") == 0) {
        const char *path = argc > 3 ? argv[3] : "../shared/bench/reference.yaml";
        char horizon[64];
        snprintf(horizon, sizeof(horizon), "horizon=%sh", argc > 2 ? argv[2] : "100000");
        const char *sets[] = {horizon, "replications=2", "warmup=0h"};
        outcome_t o;
        if (measure(path, sets, 3, 1, &o) != 0) {
            return 1;
        }
        /* two replications (flujo's least, for its intervals): per replication */
        printf("cases=%llu seconds=%.3f cases_per_s=%.0f mean_cycle_h=%.4f\n",
               (unsigned long long)o.cases / 2, o.seconds / 2, (double)o.cases / o.seconds,
               o.cycle);
        return 0;
    }
    const char *path = argc > 1 ? argv[1] : "../shared/bench/reference.yaml";
    printf("flujo bench: %s (analytic mean cycle 23.4634 h in always)\n", path);
    outcome_t o;
    const char *always1[] = {"horizon=100000h", "replications=10", "warmup=0h"};
    const char *always10[] = {"horizon=1000000h", "replications=10", "warmup=0h"};
    if (measure(path, always1, 3, 1, &o) != 0) {
        return 1;
    }
    line("always, 1 thread", &o);
    if (measure(path, always10, 3, 1, &o) != 0) {
        return 1;
    }
    line("always x10, 1 thread", &o);
    /* every pool and the arrivals on an office calendar with holidays: the same load in its open
     * hours (43.75 a week), about 100,000 cases a replication */
    const char *office[] = {
        "calendars={oficina: {week: {mon-fri: [\"08:00-16:45\"]}, holidays: peru}}",
        "arrivals=[{interarrival: exponential(1h), calendar: oficina}]",
        "resources.Intake.calendar=oficina",
        "resources.Assessment.calendar=oficina",
        "resources.Review.calendar=oficina",
        "resources.Decision.calendar=oficina",
        "resources.Notification.calendar=oficina",
        "horizon=16000d",
        "replications=10",
        "warmup=0h",
    };
    if (measure(path, office, sizeof(office) / sizeof(office[0]), 1, &o) != 0) {
        return 1;
    }
    line("office hours, 1 thread", &o);
    const char *twenty[] = {"horizon=50000h", "replications=20", "warmup=0h"};
    outcome_t one, two;
    if (measure(path, twenty, 3, 1, &one) != 0 || measure(path, twenty, 3, 2, &two) != 0) {
        return 1;
    }
    line("20 replications, -j 1", &one);
    line("20 replications, -j 2", &two);
    printf("speed-up of -j 2 over -j 1: %.2fx\n", one.seconds / two.seconds);
    return 0;
}
