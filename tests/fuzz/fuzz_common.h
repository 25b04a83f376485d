/* fuzz_common.h - what the libFuzzer harnesses share: a private directory for the files the
 * readers want by name, with the models the scenario inputs may refer to. */
#ifndef FLUJO_FUZZ_COMMON_H
#define FLUJO_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flujo_error.h"
#include "flujo_experiment.h"
#include "flujo_scenario.h"

#include <unistd.h>

/* The directory, made once, holding m.bpmn (a one-task model), p.bpmn (the loan process of the
 * import tests) and whatever a harness writes. */
static inline const char *fuzz_dir(void)
{
    static char dir[64];
    if (dir[0] != '\0') {
        return dir;
    }
    snprintf(dir, sizeof(dir), "/tmp/flujo_fuzz_%ld", (long)getpid());
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "mkdir -p %s && cp " FUZZ_FIXTURES "/sim/single.bpmn %s/m.bpmn && cp " FUZZ_FIXTURES
             "/import/prestamo.bpmn %s/p.bpmn",
             dir, dir, dir);
    if (system(cmd) != 0) {
        abort();
    }
    flujo_lib_init();
    return dir;
}

/* Writes data to a file of the directory and returns its path. */
static inline const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        abort();
    }
    fwrite(data, 1, size, f);
    fclose(f);
    return path;
}

/* Loads the scenario (or model) at path with sets; for what loads, the capacity check and two
 * replications of at most 20,000 events each: parameters a reader accepts must never crash or
 * hang the engine. */
static inline void fuzz_simulate(const char *path, const char *const *sets, size_t n_sets)
{
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    if (flujo_scenario_load(path, sets, n_sets, &s, &err) != FLUJO_OK) {
        return;
    }
    flujo_capacity_t cap;
    if (flujo_scenario_capacity(s, &cap, &err) == FLUJO_OK) {
        flujo_capacity_destroy(&cap);
    }
    flujo_experiment_opts_t o = {0};
    o.threads = 1;
    o.engine.max_events = 20000;
    flujo_results_t *r = NULL;
    if (flujo_experiment_run(s, &o, &r, &err) == FLUJO_OK) {
        flujo_results_free(r);
    }
    flujo_scenario_free(s);
}

#endif
