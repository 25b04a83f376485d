/* test_redesign.c - the simplification operators of scenario files (redesign:): the graph each
 * produces, exact cycle times, hand-offs and costs on a deterministic line of three steps, the
 * errors for targets that do not fit, and common random numbers kept across a redesign. */
#include <stdlib.h>
#include <string.h>

#include "flujo_compare.h"
#include "flujo_experiment.h"
#include "flujo_scenario.h"
#include "test_helpers.h"

#define LINEA FIXTURES "/redesign/linea.yaml"

static flujo_scenario_t *load(const char *redesign)
{
    char set[512];
    snprintf(set, sizeof(set), "redesign=%s", redesign);
    const char *sets[1] = {set};
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    if (flujo_scenario_load(LINEA, sets, redesign != NULL, &s, &err) != FLUJO_OK) {
        print_error("%s\n", err.msg);
        fail();
    }
    return s;
}

static const char *load_fails(const char *redesign)
{
    static flujo_err_t err;
    char set[512];
    snprintf(set, sizeof(set), "redesign=%s", redesign);
    const char *sets[1] = {set};
    flujo_scenario_t *s = NULL;
    memset(&err, 0, sizeof(err));
    assert_int_equal(flujo_scenario_load(LINEA, sets, 1, &s, &err), FLUJO_ESCENARIO);
    assert_null(s);
    return err.msg;
}

static flujo_results_t *run(const flujo_scenario_t *s)
{
    flujo_experiment_opts_t o = {.threads = 1};
    flujo_results_t *r = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_OK);
    return r;
}

/* The source and target ids of the flow with this id, as "src>dst", or "" if absent. */
static const char *ends(const flujo_model_t *m, const char *flow)
{
    static char buf[256];
    int64_t j = flujo_model_find_flow(m, flow);
    if (j < 0) {
        return "";
    }
    snprintf(buf, sizeof(buf), "%s>%s", m->nodes[m->flows[j].source].id,
             m->nodes[m->flows[j].target].id);
    return buf;
}

/* Whether node a has a flow to node b. */
static bool linked(const flujo_model_t *m, const char *a, const char *b)
{
    int64_t u = flujo_model_find_node(m, a), v = flujo_model_find_node(m, b);
    for (size_t k = m->out_start[u]; u >= 0 && v >= 0 && k < m->out_start[u + 1]; k++) {
        if (m->flows[m->out_flow[k]].target == v) {
            return true;
        }
    }
    return false;
}

/* The model after the change has no structural errors, and what the change did not touch keeps
 * its diagram. */
static void assert_sound(const flujo_scenario_t *s)
{
    flujo_diags_t d;
    flujo_diags_init(&d);
    flujo_err_t err = {0};
    assert_int_equal(flujo_model_check(s->model, &d, NULL, NULL, &err), FLUJO_OK);
    assert_int_equal(flujo_diags_count(&d, FLUJO_SEV_ERROR), 0);
    flujo_diags_destroy(&d);
}

static void check(const char *redesign, double cycle_h, double handoffs, double cost)
{
    flujo_scenario_t *s = load(redesign);
    assert_sound(s);
    flujo_results_t *r = run(s);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, cycle_h, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_HANDOFFS).mean, handoffs, 1e-12);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_COST).mean, cost, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void redesign__as_is__exact(void **state)
{
    (void)state;
    check(NULL, 6.5, 2, 10 + 40 + 120);
}

/* remove: Evaluar's incoming flow f2 now reaches the Ventana; f3 and b are gone. */
static void redesign__remove__bypasses_the_step(void **state)
{
    (void)state;
    flujo_scenario_t *s = load("[{remove: Evaluar}]");
    const flujo_model_t *m = s->model;
    assert_int_equal(flujo_model_find_node(m, "b"), -1);
    assert_string_equal(ends(m, "f2"), "a>w");
    assert_string_equal(ends(m, "f3"), "");
    assert_int_equal(m->counts[FLUJO_COUNT_TASK], 2);
    assert_int_equal(m->counts[FLUJO_COUNT_SEQUENCE_FLOW], 6);
    assert_int_equal(s->changes.n, 1);
    assert_contains(s->changes.items[0].message, "'Evaluar' (b) removed");
    /* the diagram: nothing was drawn in this file, and nothing new is invented */
    assert_int_equal(m->n_shapes, 0);
    flujo_scenario_free(s);
    check("[{remove: Evaluar}]", 4.5, 1, 10 + 120);
    check("[{remove: Ventana}]", 6, 2, 170); /* an event can be bypassed too */
}

/* merge: Registrar and Evaluar become one task of the Mesa (1 h + 2 h), one hand-off less; the
 * work of Evaluar is now paid at the Mesa's rate. */
static void redesign__merge__one_task_summed_durations(void **state)
{
    (void)state;
    flujo_scenario_t *s = load("[{merge: [Registrar, Evaluar], as: Registrar y evaluar}]");
    const flujo_model_t *m = s->model;
    int64_t a = flujo_model_find_node(m, "a");
    assert_true(a >= 0);
    assert_string_equal(m->nodes[a].name, "Registrar y evaluar");
    assert_int_equal(flujo_model_find_node(m, "b"), -1);
    assert_string_equal(ends(m, "f3"), "a>w");
    assert_close(flujo_dist_mean(&s->tasks[a].duration), 3 * 3600, 0);
    assert_string_equal(s->tasks[a].duration.text, "1h + 2h");
    flujo_scenario_free(s);
    check("[{merge: [Registrar, Evaluar], as: Registrar y evaluar}]", 6.5, 1, 30 + 120);
}

/* parallel: an AND split before Registrar and Evaluar, an AND join after them. */
static void redesign__parallel__and_split_and_join(void **state)
{
    (void)state;
    flujo_scenario_t *s = load("[{parallel: [Registrar, Evaluar]}]");
    const flujo_model_t *m = s->model;
    int64_t split = flujo_model_find_node(m, "flujo-a-split");
    int64_t join = flujo_model_find_node(m, "flujo-a-join");
    assert_true(split >= 0 && join >= 0);
    assert_int_equal(m->nodes[split].gateway, FLUJO_GW_PARALLEL);
    assert_int_equal(m->nodes[join].gateway, FLUJO_GW_PARALLEL);
    assert_string_equal(ends(m, "f1"), "s>flujo-a-split");
    assert_string_equal(ends(m, "f3"), "flujo-a-join>w");
    assert_string_equal(ends(m, "f2"), "");
    assert_true(linked(m, "flujo-a-split", "a") && linked(m, "flujo-a-split", "b"));
    assert_true(linked(m, "a", "flujo-a-join") && linked(m, "b", "flujo-a-join"));
    assert_int_equal(m->nodes[split].lane, m->nodes[flujo_model_find_node(m, "a")].lane);
    assert_int_equal(m->counts[FLUJO_COUNT_PARALLEL_GATEWAY], 2);
    flujo_scenario_free(s);
    check("[{parallel: [Registrar, Evaluar]}]", 5.5, 2, 170);
}

/* automate: Evaluar done by the system in 1 minute: no hand-off to or from the system, so Mesa
 * hands straight to Gerencia. */
static void redesign__automate__system_takes_no_handoffs(void **state)
{
    (void)state;
    check("[{automate: Evaluar, duration: 1m, resource: unlimited}]", 1 + 1.0 / 60 + 0.5 + 3, 1,
          10 + 120);
    /* without resource, the same unit does it faster */
    check("[{automate: Evaluar, duration: 6m}]", 1 + 0.1 + 0.5 + 3, 2, 10 + 2 + 120);
}

/* staff and calendar change the pools; changes apply in order, each on the model the previous
 * ones left. */
static void redesign__staff_calendar_and_chains(void **state)
{
    (void)state;
    flujo_scenario_t *s = load("[{staff: {Mesa: +2, Gerencia: 4}}, {staff: {Mesa: -1}}]");
    for (size_t p = 0; p < s->n_pools; p++) {
        if (strcmp(s->pools[p].name, "Mesa") == 0) {
            assert_int_equal(s->pools[p].count, 2);
        }
        if (strcmp(s->pools[p].name, "Gerencia") == 0) {
            assert_int_equal(s->pools[p].count, 4);
        }
    }
    flujo_scenario_free(s);
    /* Gerencia working 08:00-17:00 every day: the case ready at 03:30 waits until 08:00 */
    const char *sets[] = {"calendars={diurno: {week: {mon-sun: [\"08:00-17:00\"]}}}",
                          "redesign=[{calendar: {Gerencia: diurno}}]"};
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_load(LINEA, sets, 2, &s, &err), FLUJO_OK);
    flujo_results_t *r = run(s);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 11, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* remove, then merge: each change works on the model the previous ones left */
    check("[{remove: Ventana}, {merge: [Registrar, Evaluar]}]", 6, 1, 30 + 120);
}

static void redesign__bad_targets__one_clear_line(void **state)
{
    (void)state;
    struct {
        const char *redesign, *msg;
    } cases[] = {
        {"[{merge: [Registrar, Firmar]}]",
         "redesign[1].merge: 'Registrar' (a) does not directly precede 'Firmar' (c)"},
        {"[{remove: ¿Conforme?}]", "is a exclusiveGateway, not an activity or event"},
        {"[{remove: Firmar}]", "'Firmar' (c) has 2 incoming and 1 outgoing flows"},
        {"[{remove: Evaluarr}]", "no activity or event with this id or name (did you mean"},
        {"[{parallel: [Registrar]}]", "expected a list of at least two activities"},
        {"[{parallel: [Evaluar, Registrar]}]", "'Evaluar' (b) does not directly precede"},
        {"[{staff: {Nadie: +1}}]", "redesign[1].staff: no pool named 'Nadie'"},
        {"[{staff: {Mesa: -1}}]", "'Mesa' would have 0 performers"},
        {"[{staff: {Mesa: dos}}]", "expected +N, -N or a number of performers"},
        {"[{calendar: {Mesa: nocturno}}]", "nocturno"},
        {"[{automate: Evaluar}]", "automate needs the new duration"},
        {"[{remove: Evaluar, merge: [Registrar, Evaluar]}]", "one change per item"},
        {"[{borrar: Evaluar}]", "no change named"},
        {"[{merge: [Registrar, Evaluar], como: X}]", "unknown key"},
        {"{remove: Evaluar}", "redesign: expected a list of changes"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *msg = load_fails(cases[i].redesign);
        if (strstr(msg, cases[i].msg) == NULL || strncmp(msg, "--set: redesign", 15) != 0) {
            print_error("case %zu: '%s' lacks '%s'\n", i, msg, cases[i].msg);
            fail();
        }
    }
}

/* In a file, the error names the file, the line of the change and its key. */
static void redesign__error_in_file__names_line(void **state)
{
    (void)state;
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_load(FIXTURES "/redesign/bad_merge.yaml", NULL, 0, &s, &err),
                     FLUJO_ESCENARIO);
    assert_contains(err.msg, "bad_merge.yaml:6: redesign[2].merge: 'Registrar' (a) does not "
                             "directly precede 'Firmar' (c)");
}

/* Merging a wait in días hábiles with work is refused. */
static void redesign__merge_needs_work_on_both(void **state)
{
    (void)state;
    const char *sets[] = {"tasks.Evaluar.duration=2bd", "redesign=[{merge: [Registrar, Evaluar]}]"};
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_load(LINEA, sets, 2, &s, &err), FLUJO_ESCENARIO);
    assert_contains(err.msg, "must both be work in s, m or h");
}

/* Elements keep their ids and so their random streams: removing a step whose time is fixed
 * changes every replication by exactly that time, and compare sees it as significant. */
static void redesign__common_random_numbers_kept(void **state)
{
    (void)state;
    const char *base_sets[] = {"tasks.Registrar.duration=exponential(1h)",
                               "tasks.Firmar.duration=exponential(3h)", "replications=5"};
    const char *alt_sets[] = {"tasks.Registrar.duration=exponential(1h)",
                              "tasks.Firmar.duration=exponential(3h)", "replications=5",
                              "redesign=[{remove: Ventana}]"};
    flujo_scenario_t *sc[2] = {NULL, NULL};
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_load(LINEA, base_sets, 3, &sc[0], &err), FLUJO_OK);
    assert_int_equal(flujo_scenario_load(LINEA, alt_sets, 4, &sc[1], &err), FLUJO_OK);
    flujo_results_t *res[2] = {run(sc[0]), run(sc[1])};
    double w[FLUJO_CK_N];
    flujo_compare_default_weights(w);
    flujo_comparison_t c;
    assert_int_equal(flujo_compare((const flujo_results_t *const *)res, 2, w, &c, &err), FLUJO_OK);
    const flujo_delta_t *d = &c.s[1].delta[FLUJO_CK_CYCLE_H];
    assert_close(d->mean, -0.5, 1e-9);
    assert_close(d->lo, -0.5, 1e-9);
    assert_close(d->hi, -0.5, 1e-9);
    flujo_comparison_free(&c);
    for (int i = 0; i < 2; i++) {
        flujo_results_free(res[i]);
        flujo_scenario_free(sc[i]);
    }
}

int main(void)
{
    flujo_lib_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(redesign__as_is__exact),
        cmocka_unit_test(redesign__remove__bypasses_the_step),
        cmocka_unit_test(redesign__merge__one_task_summed_durations),
        cmocka_unit_test(redesign__parallel__and_split_and_join),
        cmocka_unit_test(redesign__automate__system_takes_no_handoffs),
        cmocka_unit_test(redesign__staff_calendar_and_chains),
        cmocka_unit_test(redesign__bad_targets__one_clear_line),
        cmocka_unit_test(redesign__error_in_file__names_line),
        cmocka_unit_test(redesign__merge_needs_work_on_both),
        cmocka_unit_test(redesign__common_random_numbers_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
