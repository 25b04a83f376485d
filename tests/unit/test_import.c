/* test_import.c - the simulation parameters other tools write: Prosimos JSON, BPSim and QBP in the
 * BPMN file. Each fixture gives the same results as the flujo scenario written for it by hand (the
 * same random numbers: identical figures), M/M/1 in each format agrees with queueing theory, the
 * conversions keep what the formats mean (shifted and bounded distributions, calendars, pools of
 * equivalent resources, alternatives, normalised probabilities), and what cannot be read is
 * refused in one line naming the file, the line and the key or element. */
#include <stdlib.h>
#include <string.h>

#include "flujo_experiment.h"
#include "flujo_scenario.h"
#include "test_helpers.h"

#include <unistd.h>

#define IMP FIXTURES "/import/"

static flujo_results_t *run(const flujo_scenario_t *s)
{
    flujo_experiment_opts_t o = {.threads = 2};
    flujo_results_t *r = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_OK);
    return r;
}

static size_t pool(const flujo_scenario_t *s, const char *name)
{
    for (size_t p = 0; p < s->n_pools; p++) {
        if (strcmp(s->pools[p].name, name) == 0) {
            return p;
        }
    }
    print_error("no pool %s\n", name);
    fail();
    return 0;
}

static size_t node(const flujo_scenario_t *s, const char *id)
{
    int64_t v = flujo_model_find_node(s->model, id);
    assert_true(v >= 0);
    return (size_t)v;
}

/* Same figures, to the last digit, from the imported parameters and the hand-written scenario. */
static void assert_same_results(const char *imported, const char *const *sets, size_t n_sets,
                                const char *scenario)
{
    flujo_scenario_t *a = scenario_ok(imported, sets, n_sets);
    flujo_scenario_t *b = scenario_ok(scenario, NULL, 0);
    flujo_results_t *ra = run(a), *rb = run(b);
    assert_int_equal(a->n_pools, b->n_pools);
    assert_int_equal(a->cases, b->cases);
    for (int k = 0; k < FLUJO_KPI_N; k++) {
        flujo_estimate_t x = flujo_results_kpi(ra, (flujo_kpi_t)k);
        flujo_estimate_t y = flujo_results_kpi(rb, (flujo_kpi_t)k);
        assert_true((isnan(x.mean) && isnan(y.mean)) || x.mean == y.mean);
    }
    for (size_t p = 0; p < b->n_pools; p++) {
        size_t q = pool(a, b->pools[p].name);
        assert_int_equal(a->pools[q].count, b->pools[p].count);
        assert_true(flujo_results_pool(ra, q, FLUJO_POOL_UTIL).mean ==
                    flujo_results_pool(rb, p, FLUJO_POOL_UTIL).mean);
        assert_true(flujo_results_pool(ra, q, FLUJO_POOL_WAIT_H).mean ==
                    flujo_results_pool(rb, p, FLUJO_POOL_WAIT_H).mean);
    }
    assert_int_equal(flujo_results_completed(ra), flujo_results_completed(rb));
    flujo_results_free(ra);
    flujo_results_free(rb);
    flujo_scenario_free(a);
    flujo_scenario_free(b);
}

static void import__prosimos__same_results_as_its_scenario(void **state)
{
    (void)state;
    const char *sets[] = {"params=" IMP "prestamo.json", "cases=2000", "replications=10"};
    assert_same_results(IMP "prestamo.bpmn", sets, 3, IMP "prestamo.yaml");
}

/* The older layout (sections keyed by id, calendars by resource, scipy's parameter lists as plain
 * numbers) of the same parameters: the same scenario, the same figures. */
static void import__prosimos_older_layout__same_results_as_its_scenario(void **state)
{
    (void)state;
    const char *sets[] = {"params=" IMP "prestamo_old.json", "cases=2000", "replications=10"};
    assert_same_results(IMP "prestamo.bpmn", sets, 3, IMP "prestamo.yaml");
}

static void import__qbp__same_results_as_its_scenario(void **state)
{
    (void)state;
    const char *sets[] = {"replications=10"};
    assert_same_results(IMP "prestamo_qbp.bpmn", sets, 1, IMP "prestamo_qbp.yaml");
}

static void import__bpsim__same_results_as_its_scenario(void **state)
{
    (void)state;
    assert_same_results(IMP "prestamo_bpsim.bpmn", NULL, 0, IMP "prestamo_bpsim.yaml");
}

/* M/M/1 at rho = 0.8 in each format: Wq = 3.2 h, W = 4 h, utilisation 0.8. */
static void assert_mm1(const char *path, const char *const *sets, size_t n)
{
    flujo_scenario_t *s = scenario_ok(path, sets, n);
    flujo_results_t *r = run(s);
    flujo_estimate_t w = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    flujo_estimate_t q = flujo_results_kpi(r, FLUJO_KPI_WAITING_H);
    flujo_estimate_t u = flujo_results_pool(r, pool(s, "Servidor"), FLUJO_POOL_UTIL);
    if (!(w.lo <= 4 && 4 <= w.hi && q.lo <= 3.2 && 3.2 <= q.hi && u.lo <= 0.8 && 0.8 <= u.hi)) {
        print_error("%s: W %g [%g, %g], Wq %g [%g, %g], rho %g [%g, %g]\n", path, w.mean, w.lo,
                    w.hi, q.mean, q.lo, q.hi, u.mean, u.lo, u.hi);
        fail();
    }
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void import__mm1_in_every_format__queueing_theory(void **state)
{
    (void)state;
    const char *sets[] = {"params=" IMP "mm1.json", "cases=50000", "replications=10"};
    assert_mm1(IMP "mm1.bpmn", sets, 3);
    assert_mm1(IMP "mm1_qbp.bpmn", sets + 2, 1);
    assert_mm1(IMP "mm1_bpsim.bpmn", NULL, 0);
}

/* What the Prosimos conversion makes of each part of prestamo.json. */
static void import__prosimos__what_each_key_becomes(void **state)
{
    (void)state;
    const char *sets[] = {"params=" IMP "prestamo.json", "cases=2000"};
    flujo_scenario_t *s = scenario_ok(IMP "prestamo.bpmn", sets, 2);
    /* ana and beto (same calendar, cost, durations) are one pool of 2, named by their profile */
    assert_int_equal(s->pools[pool(s, "Mesa")].count, 2);
    assert_close(s->pools[pool(s, "Mesa")].cost_per_hour, 20, 0);
    /* carla and darío differ: two pools, alternatives with their own durations */
    const flujo_task_t *ev = &s->tasks[node(s, "t_evaluar")];
    assert_int_equal(ev->n_alts, 2);
    assert_int_equal(ev->alts[0].pool, (int64_t)pool(s, "Carla"));
    assert_int_equal(ev->alts[1].pool, (int64_t)pool(s, "Darío"));
    assert_string_equal(ev->alts[0].duration.text, "normal(3600s, 900s) in [1800s, 7200s]");
    assert_string_equal(ev->alts[1].duration.text, "normal(4500s, 900s) in [1800s, 9000s]");
    /* expon [mean 900, min 300, max 3600]: 300 s plus an exponential of 600 s below 3300 s */
    const flujo_task_t *reg = &s->tasks[node(s, "t_registrar")];
    assert_string_equal(reg->duration.text, "300s + exponential(600s) in [0s, 3300s]");
    double mu = 600, c = 3300;
    assert_close(flujo_dist_mean(&reg->duration), 300 + mu - c * exp(-c / mu) / (1 - exp(-c / mu)),
                 1e-6);
    /* fix [600, 0, 1]: the values after the first are ignored */
    assert_string_equal(s->tasks[node(s, "t_aprobar")].duration.text, "600s");
    /* calendars: Monday to Friday, 8 hours */
    const flujo_calendar_t *cal = s->calendars[s->pools[pool(s, "Darío")].calendar];
    assert_close(flujo_calendar_week_open(cal), 5 * 8 * 3600, 0);
    assert_true(flujo_calendar_is_open(cal, 12 * 3600));              /* Monday 12:00 */
    assert_false(flujo_calendar_is_open(cal, 20 * 3600));             /* Monday 20:00 */
    assert_false(flujo_calendar_is_open(cal, 5 * 86400 + 13 * 3600)); /* Saturday */
    /* arrivals: on the wall clock, held until the arrival calendar opens; attributes */
    assert_int_equal(s->n_arrivals, 1);
    assert_true(s->arrivals[0].elapsed);
    assert_close(flujo_dist_mean(&s->arrivals[0].interarrival), 2400, 0);
    assert_close(flujo_calendar_week_open(s->calendars[s->arrivals[0].calendar]), 30 * 3600, 0);
    assert_int_equal(s->n_attrs, 1);
    assert_string_equal(s->attrs[0].name, "canal");
    /* the gateway's probabilities (given as strings), the timer's gamma of mean 1 day */
    const flujo_split_t *g = &s->gateways[node(s, "g_completa")];
    assert_int_equal(g->route, FLUJO_ROUTE_PROB);
    assert_close(g->prob[0] + g->prob[1], 1, 1e-12);
    assert_true(fabs(g->prob[0] - 0.75) < 1e-12 || fabs(g->prob[0] - 0.25) < 1e-12);
    assert_close(flujo_dist_mean(&s->events[node(s, "ev_espera")].delay), 86400, 1);
    assert_int_equal(s->cases, 2000);
    flujo_scenario_free(s);
}

/* The arrivals of clock: elapsed fall only in open time, and cases: N brings exactly N. */
typedef struct arrivals_seen {
    const flujo_scenario_t *s;
    const flujo_calendar_t *cal;
    long n, closed;
} arrivals_seen_t;

static void on_case(void *ctx, const flujo_case_rec_t *rec)
{
    arrivals_seen_t *a = ctx;
    if (rec->replication == 1) {
        a->n++;
        a->closed += !flujo_calendar_is_open(a->cal, rec->arrival_time);
    }
}

static void import__elapsed_arrivals__only_in_open_time_exactly_n(void **state)
{
    (void)state;
    const char *sets[] = {"params=" IMP "prestamo.json", "cases=700", "replications=2"};
    flujo_scenario_t *s = scenario_ok(IMP "prestamo.bpmn", sets, 3);
    arrivals_seen_t seen = {s, s->calendars[s->arrivals[0].calendar], 0, 0};
    flujo_experiment_opts_t o = {.threads = 2};
    o.engine.case_log = on_case;
    o.engine.log_ctx = &seen;
    flujo_results_t *r = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_OK);
    assert_int_equal(seen.n, 700);
    assert_int_equal(seen.closed, 0);
    assert_int_equal(flujo_results_arrived(r), 1400);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* ---- what cannot be read -------------------------------------------------------------------- */

static char dir[] = "/tmp/flujo_test_import_XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) != NULL ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* File `from` with the text old replaced by new, written to the temporary directory as name. */
static const char *variant_of(const char *from, const char *name, const char *old, const char *new)
{
    static char path[256];
    static char buf[65536];
    FILE *f = fopen(from, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof(buf) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *at = strstr(buf, old);
    assert_non_null(at);
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(buf, 1, (size_t)(at - buf), f);
    fputs(new, f);
    fputs(at + strlen(old), f);
    fclose(f);
    return path;
}

static const char *variant(const char *name, const char *old, const char *new)
{
    return variant_of(IMP "prestamo.json", name, old, new);
}

static void assert_refused(const char *model, const char *params, const char *why)
{
    char set[300];
    snprintf(set, sizeof(set), "params=%s", params);
    const char *sets[] = {set};
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    flujo_status_t st = flujo_scenario_load(model, sets, params != NULL, &s, &err);
    assert_true(st == FLUJO_ESCENARIO || (st == FLUJO_EIO && strstr(why, ".json") != NULL));
    assert_contains(err.msg, why);
    assert_null(strchr(err.msg, '\n'));
}

static void import__prosimos__refusals_name_file_line_key(void **state)
{
    (void)state;
    const char *p;
    char want[400];
    p = variant("batch.json", "\"batch_processing\": []",
                "\"batch_processing\": [{\"task_id\": \"t_aprobar\"}]");
    snprintf(want, sizeof(want), "%s:54: batch_processing: not supported by flujo", p);
    assert_refused(IMP "prestamo.bpmn", p, want);
    p = variant("zoe.json", "{\"resource_id\": \"elena\"", "{\"resource_id\": \"zoe\"");
    snprintf(want, sizeof(want),
             "%s:37: task_resource_distribution[4].resources[1]: resource "
             "'zoe' is in no resource_profiles entry",
             p);
    assert_refused(IMP "prestamo.bpmn", p, want);
    p = variant("weird.json", "\"distribution_name\": \"fix\"", "\"distribution_name\": \"weird\"");
    assert_refused(IMP "prestamo.bpmn", p, "unknown distribution 'weird'");
    p = variant("montag.json",
                "\"from\": \"MONDAY\", \"to\": \"FRIDAY\", \"beginTime\": \"12:00:00\"",
                "\"from\": \"MONTAG\", \"to\": \"FRIDAY\", \"beginTime\": \"12:00:00\"");
    assert_refused(IMP "prestamo.bpmn", p,
                   "resource_calendars[2].time_periods[1]: from and to must be days");
    p = variant("cont.json", "\"type\": \"discrete\"", "\"type\": \"continuous\"");
    assert_refused(IMP "prestamo.bpmn", p, "'canal' is a continuous attribute");
    p = variant("task.json", "\"task_id\": \"t_aprobar\"", "\"task_id\": \"t_firmar\"");
    assert_refused(IMP "prestamo.bpmn", p, "tasks.t_firmar: the model has no task with this id");
    p = variant("fuzzy.json", "\"prioritisation_rules\": []", "\"model_type\": \"FUZZY\"");
    assert_refused(IMP "prestamo.bpmn", p, "model_type: 'FUZZY' calendars");
    p = variant("noon.json", "\"endTime\": \"14:00:00.000\"", "\"endTime\": \"07:00:00.000\"");
    assert_refused(IMP "prestamo.bpmn", p, "cannot cross midnight");
    assert_refused(IMP "prestamo.bpmn", IMP "nothing_here.json", "nothing_here.json");
}

static void import__qbp_bpsim__refusals_name_file_line_element(void **state)
{
    (void)state;
    const char *p;
    char want[400];
    p = variant_of(IMP "prestamo_qbp.bpmn", "hist.bpmn", "type=\"UNIFORM\"", "type=\"HISTOGRAM\"");
    snprintf(want, sizeof(want),
             "%s:48: <durationDistribution>: distribution HISTOGRAM is not supported", p);
    assert_refused(p, NULL, want);
    p = variant_of(IMP "prestamo_qbp.bpmn", "rid.bpmn", "<qbp:resourceId>r_gerencia<",
                   "<qbp:resourceId>r_nadie<");
    assert_refused(p, NULL, "<resourceId>: 'r_nadie' is not one of the resources");
    p = variant_of(IMP "prestamo_bpsim.bpmn", "roles.bpmn", "getResource('gerencia', 1)",
                   "getResourceByRoles(['jefe'])");
    assert_refused(p, NULL, "flujo reads getResource('id', n)");
    p = variant_of(IMP "prestamo_bpsim.bpmn", "monthly.bpmn",
                   "RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "RRULE:FREQ=MONTHLY");
    assert_refused(p, NULL, "only weekly and daily repetitions are supported");
    p = variant_of(IMP "prestamo_bpsim.bpmn", "beta.bpmn",
                   "<bpsim:UniformDistribution min=\"10\" max=\"20\"/>",
                   "<bpsim:BetaDistribution shape=\"2\" scale=\"3\"/>");
    assert_refused(p, NULL, "<BetaDistribution> is not supported as a time");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(import__prosimos__same_results_as_its_scenario),
        cmocka_unit_test(import__prosimos_older_layout__same_results_as_its_scenario),
        cmocka_unit_test(import__qbp__same_results_as_its_scenario),
        cmocka_unit_test(import__bpsim__same_results_as_its_scenario),
        cmocka_unit_test(import__mm1_in_every_format__queueing_theory),
        cmocka_unit_test(import__prosimos__what_each_key_becomes),
        cmocka_unit_test(import__elapsed_arrivals__only_in_open_time_exactly_n),
        cmocka_unit_test(import__prosimos__refusals_name_file_line_key),
        cmocka_unit_test(import__qbp_bpsim__refusals_name_file_line_element),
    };
    return cmocka_run_group_tests_name("import", tests, setup, teardown);
}
