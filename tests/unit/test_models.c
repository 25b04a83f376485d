/* test_models.c - the models of models/: each BPMN file has a complete, clean diagram (every flow
 * node a shape inside its lane, none overlapping, every sequence flow an edge whose ends touch its
 * shapes and that crosses no other node nor runs along or turns on another flow) and no
 * structural errors; each scenario loads and passes its capacity check; each redesign moves its
 * KPI the way the folder's README says; on each model the parts of the cycle add up to it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flujo_bpmn.h"
#include "flujo_experiment.h"
#include "flujo_model.h"
#include "flujo_scenario.h"
#include "test_helpers.h"

#include <dirent.h>

#define MODELS    "models"
#define MAX_FILES 128

static char *bpmn_files[MAX_FILES], *yaml_files[MAX_FILES];
static size_t n_bpmn, n_yaml;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect(void)
{
    DIR *top = opendir(MODELS);
    if (top == NULL) {
        fprintf(stderr, "test_models: run from the repository root\n");
        exit(1);
    }
    struct dirent *d;
    while ((d = readdir(top)) != NULL) {
        if (d->d_name[0] == '.') {
            continue;
        }
        char dir[512];
        snprintf(dir, sizeof(dir), "%s/%s", MODELS, d->d_name);
        DIR *sub = opendir(dir);
        if (sub == NULL) {
            continue;
        }
        struct dirent *e;
        while ((e = readdir(sub)) != NULL) {
            size_t n = strlen(e->d_name);
            char path[1024];
            snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
            if (n > 5 && strcmp(e->d_name + n - 5, ".bpmn") == 0 && n_bpmn < MAX_FILES) {
                bpmn_files[n_bpmn++] = strdup(path);
            } else if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0 && n_yaml < MAX_FILES) {
                yaml_files[n_yaml++] = strdup(path);
            }
        }
        closedir(sub);
    }
    closedir(top);
    qsort(bpmn_files, n_bpmn, sizeof(char *), cmp_str);
    qsort(yaml_files, n_yaml, sizeof(char *), cmp_str);
}

static void model_file__complete_diagram__and_no_errors(void **state)
{
    const char *path = *state;
    flujo_model_t *m = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_bpmn_read(path, &m, &err), FLUJO_OK);
    assert_int_equal(m->diags.n, 0);
    diagram_check_t c = check_diagram(m, path);
    assert_int_equal(c.problems, 0);
    assert_int_equal(c.crossings, 0);
    assert_int_equal(shared_segments(m, path), 0);
    flujo_diags_t d;
    flujo_diags_init(&d);
    assert_int_equal(flujo_model_check(m, &d, NULL, NULL, &err), FLUJO_OK);
    for (size_t i = 0; i < d.n; i++) {
        print_error("%s: %s\n", path, d.items[i].message);
    }
    assert_int_equal(d.n, 0);
    flujo_diags_destroy(&d);
    flujo_model_free(m);
}

static void scenario_file__loads__capacity_below_one(void **state)
{
    const char *path = *state;
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    flujo_status_t st = flujo_scenario_load(path, NULL, 0, &s, &err);
    if (st != FLUJO_OK) {
        print_error("%s\n", err.msg);
    }
    assert_int_equal(st, FLUJO_OK);
    assert_int_equal(s->notes.n, 0); /* the shipped scenarios assume nothing */
    flujo_capacity_t cap;
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    for (size_t p = 0; p < s->n_pools; p++) {
        assert_true(s->pools[p].unlimited || cap.rho[p] < 1);
    }
    flujo_capacity_destroy(&cap);
    flujo_scenario_free(s);
}

/* ---- the redesigns move the KPIs the way the folder READMEs say --------------------------------
 */

static flujo_results_t *run(const char *path, const char *set)
{
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    const char *sets[1] = {set};
    if (flujo_scenario_load(path, sets, set != NULL, &s, &err) != FLUJO_OK) {
        print_error("%s\n", err.msg);
        fail();
    }
    flujo_experiment_opts_t o = {.threads = 2};
    flujo_results_t *r = NULL;
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_OK);
    return r;
}

static void done(flujo_results_t *r)
{
    flujo_scenario_free((flujo_scenario_t *)r->s);
    flujo_results_free(r);
}

/* The 95% CI of the paired differences alt - base of KPI k, replication by replication (the
 * scenarios share their random streams, so the differences are those of the designs). */
static flujo_estimate_t paired(const flujo_results_t *base, const flujo_results_t *alt,
                               flujo_kpi_t k)
{
    double d[64];
    size_t n = 0;
    for (long i = 0; i < base->n_reps && i < alt->n_reps && n < 64; i++) {
        d[n++] = flujo_rep_kpi(&alt->reps[i], k) - flujo_rep_kpi(&base->reps[i], k);
    }
    return flujo_estimate(d, n, 1);
}

typedef struct expectation {
    const char *base, *alt;
    flujo_kpi_t kpi;
    int sign; /* -1: the redesign lowers it, +1: raises it */
} expectation_t;

static const expectation_t expectations[] = {
    {"licencia_funcionamiento/actual.yaml", "licencia_funcionamiento/mesa_digital.yaml",
     FLUJO_KPI_HANDOFFS, -1},
    {"licencia_funcionamiento/actual.yaml", "licencia_funcionamiento/mesa_digital.yaml",
     FLUJO_KPI_CYCLE_BD, -1},
    {"licencia_funcionamiento/actual.yaml", "licencia_funcionamiento/firma_delegada.yaml",
     FLUJO_KPI_CYCLE_BD, -1},
    {"licencia_funcionamiento/actual.yaml", "licencia_funcionamiento/mas_inspectores.yaml",
     FLUJO_KPI_WITHIN, +1},
    {"licencia_funcionamiento/actual.yaml", "licencia_funcionamiento/licencia_en_el_acto.yaml",
     FLUJO_KPI_CYCLE_BD, -1},
    {"licencia_funcionamiento/actual.yaml", "licencia_funcionamiento/licencia_en_el_acto.yaml",
     FLUJO_KPI_HANDOFFS, -1},
    {"licencia_edificacion/actual.yaml", "licencia_edificacion/checklist.yaml", FLUJO_KPI_CYCLE_H,
     -1},
    {"licencia_edificacion/actual.yaml", "licencia_edificacion/mas_evaluador.yaml",
     FLUJO_KPI_CYCLE_BD, -1},
    {"licencia_edificacion/actual.yaml", "licencia_edificacion/sin_visto.yaml", FLUJO_KPI_CYCLE_BD,
     -1},
    {"acceso_informacion/actual.yaml", "acceso_informacion/portal.yaml", FLUJO_KPI_WITHIN, +1},
    {"acceso_informacion/actual.yaml", "acceso_informacion/entrega_digital.yaml", FLUJO_KPI_CYCLE_H,
     -1},
    {"acceso_informacion/actual.yaml", "acceso_informacion/frai_dedicado.yaml", FLUJO_KPI_WITHIN,
     +1},
    {"matrimonio_civil/actual.yaml", "matrimonio_civil/regidores.yaml", FLUJO_KPI_CYCLE_BD, -1},
    {"matrimonio_civil/actual.yaml", "matrimonio_civil/apertura_digital.yaml", FLUJO_KPI_CYCLE_H,
     -1},
    {"matrimonio_civil/actual.yaml", "matrimonio_civil/pico_febrero.yaml", FLUJO_KPI_CYCLE_BD, +1},
    {"recurso_apelacion/actual.yaml", "recurso_apelacion/paralelo.yaml", FLUJO_KPI_CYCLE_BD, -1},
    {"recurso_apelacion/actual.yaml", "recurso_apelacion/delegar_gm.yaml", FLUJO_KPI_CYCLE_BD, -1},
    {"recurso_apelacion/actual.yaml", "recurso_apelacion/mas_abogado.yaml", FLUJO_KPI_CYCLE_BD, -1},
    {"recurso_apelacion/actual.yaml", "recurso_apelacion/sgd.yaml", FLUJO_KPI_CYCLE_BD, -1},
    /* issue 14: the signing moved to 11:00 shortens the legal time at no cost; one more Mesa
     * performer shortens it too, and its price shows in the cost per case */
    {"tramite_documentario/actual.yaml", "tramite_documentario/firma_1100.yaml", FLUJO_KPI_CYCLE_BD,
     -1},
    {"tramite_documentario/actual.yaml", "tramite_documentario/mesa_2.yaml", FLUJO_KPI_CYCLE_BD,
     -1},
    {"tramite_documentario/actual.yaml", "tramite_documentario/mesa_2.yaml", FLUJO_KPI_COST_TOTAL,
     +1},
};

static void redesign__moves_its_kpi__significantly(void **state)
{
    const expectation_t *e = *state;
    char base[256], alt[256];
    snprintf(base, sizeof(base), MODELS "/%s", e->base);
    snprintf(alt, sizeof(alt), MODELS "/%s", e->alt);
    flujo_results_t *rb = run(base, NULL), *ra = run(alt, NULL);
    flujo_estimate_t d = paired(rb, ra, e->kpi);
    print_message("%s: difference %g [%g, %g]\n", e->alt, d.mean, d.lo, d.hi);
    assert_true(e->sign < 0 ? d.hi < 0 : d.lo > 0);
    done(rb);
    done(ra);
}

/* DOMAIN.md M1: the riesgo alto/muy alto licence is mostly decided within 8 días hábiles only if
 * the inspectors are not the bottleneck. */
static void licence_alto__within_8bd__only_with_enough_inspectors(void **state)
{
    (void)state;
    const char *path = MODELS "/licencia_funcionamiento/actual.yaml";
    flujo_results_t *as_is = run(path, NULL);
    flujo_results_t *short_staffed = run(path, "resources.Inspectores ITSE.count=2");
    size_t alto = as_is->s->sla.n_rules; /* the else plazo: riesgo alto and muy alto */
    flujo_estimate_t ok = flujo_results_rule_within(as_is, alto);
    flujo_estimate_t late = flujo_results_rule_within(short_staffed, alto);
    print_message("riesgo alto within 8 bd: %g with 3 inspectors, %g with 2\n", ok.mean, late.mean);
    assert_true(ok.lo > 0.95);
    assert_true(late.hi < 0.85);
    done(as_is);
    done(short_staffed);
}

/* The calibration of M5 (README of models/recurso_apelacion): about 2.5 días hábiles from one
 * unit's document to the next one's (the lead of a hand-off), in the sourced range 1 to 4. */
static void appeal__handoff_lead__within_sourced_range(void **state)
{
    (void)state;
    flujo_results_t *r = run(MODELS "/recurso_apelacion/actual.yaml", NULL);
    flujo_estimate_t lead = flujo_results_kpi(r, FLUJO_KPI_HANDOFF_LEAD_BD);
    print_message("recurso de apelación: %g bd per hand-off [%g, %g]\n", lead.mean, lead.lo,
                  lead.hi);
    assert_true(lead.lo > 1.5 && lead.hi < 3.5);
    done(r);
}

/* Issue 14: on each model the parts of the cycle add up to the mean cycle (within 0.5%), none
 * negative or above it. */
static void model__parts_of_the_cycle__add_up(void **state)
{
    const char *path = *state;
    flujo_results_t *r = run(path, NULL);
    double cycle = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, sum = 0;
    for (int p = 0; p < FLUJO_PART_N; p++) {
        double h = flujo_results_part(r, (flujo_part_t)p).mean;
        assert_true(h >= 0 && h <= cycle * (1 + 1e-9));
        sum += h;
    }
    print_message("%s: parts %g h, cycle %g h\n", path, sum, cycle);
    assert_true(fabs(sum - cycle) <= 0.005 * cycle);
    done(r);
}

int main(void)
{
    flujo_lib_init();
    collect();
    size_t n = n_bpmn + n_yaml;
    struct CMUnitTest *tests = calloc(n + 1, sizeof(*tests));
    for (size_t i = 0; i < n_bpmn; i++) {
        tests[i].name = bpmn_files[i];
        tests[i].test_func = model_file__complete_diagram__and_no_errors;
        tests[i].initial_state = bpmn_files[i];
    }
    for (size_t i = 0; i < n_yaml; i++) {
        tests[n_bpmn + i].name = yaml_files[i];
        tests[n_bpmn + i].test_func = scenario_file__loads__capacity_below_one;
        tests[n_bpmn + i].initial_state = yaml_files[i];
    }
    int failed = _cmocka_run_group_tests("models", tests, n, NULL, NULL);
    size_t ne = sizeof(expectations) / sizeof(expectations[0]);
    struct CMUnitTest *sense = calloc(ne + 2, sizeof(*sense));
    for (size_t i = 0; i < ne; i++) {
        sense[i].name = expectations[i].alt;
        sense[i].test_func = redesign__moves_its_kpi__significantly;
        sense[i].initial_state = (void *)&expectations[i];
    }
    sense[ne] =
        (struct CMUnitTest)cmocka_unit_test(licence_alto__within_8bd__only_with_enough_inspectors);
    sense[ne + 1] = (struct CMUnitTest)cmocka_unit_test(appeal__handoff_lead__within_sourced_range);
    failed += _cmocka_run_group_tests("redesigns", sense, ne + 2, NULL, NULL);
    free(sense);
    struct CMUnitTest *parts = calloc(n_yaml + 1, sizeof(*parts));
    size_t np = 0;
    for (size_t i = 0; i < n_yaml; i++) {
        size_t len = strlen(yaml_files[i]);
        if (len >= 12 && strcmp(yaml_files[i] + len - 12, "/actual.yaml") == 0) {
            parts[np].name = yaml_files[i];
            parts[np].test_func = model__parts_of_the_cycle__add_up;
            parts[np].initial_state = yaml_files[i];
            np++;
        }
    }
    assert_true(np >= 6);
    failed += _cmocka_run_group_tests("parts", parts, np, NULL, NULL);
    free(parts);
    for (size_t i = 0; i < n_bpmn; i++) {
        free(bpmn_files[i]);
    }
    for (size_t i = 0; i < n_yaml; i++) {
        free(yaml_files[i]);
    }
    free(tests);
    return failed || n_bpmn < 7 ? 1 : 0;
}
