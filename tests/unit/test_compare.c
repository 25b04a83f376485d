/* test_compare.c - scenarios compared on common random numbers: against queueing theory on the
 * benchmark network, exact zeros for a scenario against itself and for changes that do not
 * touch the simulation, the score and ranking, weights, and identical output for any -j. */
#include <stdlib.h>
#include <string.h>

#include "flujo_compare.h"
#include "flujo_optimize.h"
#include "flujo_report.h"
#include "flujo_scenario.h"
#include "test_helpers.h"

#define BENCH FIXTURES "/bench/reference.yaml"

static flujo_results_t *run(const flujo_scenario_t *s, int threads)
{
    flujo_experiment_opts_t o = {.threads = threads};
    flujo_results_t *r = NULL;
    flujo_err_t err = {0};
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_OK);
    return r;
}

/* Compares alternative sets against the benchmark (NULL: the benchmark itself). */
static void compare(const char *const *alt_sets, size_t n_alt, const char *seed,
                    flujo_comparison_t *c, flujo_scenario_t **sc, flujo_results_t **res)
{
    const char *base_sets[1] = {seed};
    sc[0] = scenario_ok(BENCH, base_sets, seed != NULL);
    const char *sets[4] = {seed};
    size_t n = seed != NULL;
    for (size_t i = 0; i < n_alt; i++) {
        sets[n++] = alt_sets[i];
    }
    sc[1] = scenario_ok(BENCH, sets, n);
    res[0] = run(sc[0], 2);
    res[1] = run(sc[1], 2);
    double w[FLUJO_CK_N];
    flujo_compare_default_weights(w);
    flujo_err_t err = {0};
    assert_int_equal(flujo_compare((const flujo_results_t *const *)res, 2, w, c, &err), FLUJO_OK);
}

static void release(flujo_comparison_t *c, flujo_scenario_t **sc, flujo_results_t **res)
{
    flujo_comparison_free(c);
    for (int i = 0; i < 2; i++) {
        flujo_results_free(res[i]);
        flujo_scenario_free(sc[i]);
    }
}

/* One more server at Notification (M/M/1 at rho 0.8 becomes M/M/2 at 0.4): the mean wait there
 * falls from 3.2 h to 0.15238 h (Erlang C), so the cycle time falls by 3.0476 h; the paired
 * interval holds that value and is significant. */
static void compare__server_added_at_bottleneck__significant_by_theory(void **state)
{
    (void)state;
    const char *more[] = {"resources.Notification.count=2"};
    flujo_comparison_t c;
    flujo_scenario_t *sc[2];
    flujo_results_t *res[2];
    compare(more, 1, NULL, &c, sc, res);
    const flujo_delta_t *d = &c.s[1].delta[FLUJO_CK_CYCLE_H];
    double a = 0.8, rho = 0.4, top = a * a / 2 / (1 - rho);
    double wq2 = top / (1 + a + top) / (2 * 1.25 - 1);
    assert_close(wq2, 0.152381, 1e-6);
    if (!(d->lo <= wq2 - 3.2 && wq2 - 3.2 <= d->hi)) {
        print_error("delta %g [%g, %g], theory %g\n", d->mean, d->lo, d->hi, wq2 - 3.2);
        fail();
    }
    assert_true(d->significant && d->hi < 0);
    assert_true(c.s[1].delta[FLUJO_CK_WAITING_SHARE].significant);
    assert_true(c.s[1].score > 0);
    assert_int_equal(c.s[1].rank, 1);
    assert_int_equal(c.s[0].rank, 2);
    char verdict[512];
    assert_contains(flujo_report_verdict(&c, 1, verdict, sizeof(verdict)),
                    "cuts the mean cycle time");
    assert_contains(verdict, ": recommended");
    release(&c, sc, res);
}

/* A scenario against itself, and against a change that does not touch the simulation (the name,
 * the cost rates of a unit), gives differences of exactly 0 in every time KPI, never
 * significant, whatever the seed. */
static void compare__no_op__exactly_zero_never_significant(void **state)
{
    (void)state;
    const char *seeds[] = {"seed=1", "seed=2", "seed=3", "seed=4", "seed=5"};
    const char *noop[] = {"name=Otro nombre", "resources.Intake.cost_per_hour=0"};
    for (size_t s = 0; s < 5; s++) {
        flujo_comparison_t c;
        flujo_scenario_t *sc[2];
        flujo_results_t *res[2];
        compare(noop, 2, seeds[s], &c, sc, res);
        for (int k = 0; k < FLUJO_CK_N; k++) {
            const flujo_delta_t *d = &c.s[1].delta[k];
            if (!d->defined) {
                assert_true(k == FLUJO_CK_WITHIN || k == FLUJO_CK_SILENCED); /* no sla */
                continue;
            }
            assert_false(d->significant);
            assert_close(d->mean, 0, 0);
            assert_close(d->lo, 0, 0);
            assert_close(d->hi, 0, 0);
        }
        assert_close(c.s[1].score, 0, 0);
        char verdict[512];
        assert_contains(flujo_report_verdict(&c, 1, verdict, sizeof(verdict)),
                        "no significant difference");
        release(&c, sc, res);
    }
}

/* The comparison's JSON is the same byte for byte with 1 or 3 threads. */
static void compare__threads__byte_identical(void **state)
{
    (void)state;
    char *out[2] = {NULL, NULL};
    size_t len[2];
    for (int t = 0; t < 2; t++) {
        const char *sets[] = {"replications=6"};
        const char *alt[] = {"replications=6", "resources.Review.count=3"};
        flujo_scenario_t *sc[2] = {scenario_ok(BENCH, sets, 1), scenario_ok(BENCH, alt, 2)};
        flujo_results_t *res[2] = {run(sc[0], t == 0 ? 1 : 3), run(sc[1], t == 0 ? 1 : 3)};
        double w[FLUJO_CK_N];
        flujo_compare_default_weights(w);
        flujo_comparison_t c;
        flujo_err_t err = {0};
        assert_int_equal(flujo_compare((const flujo_results_t *const *)res, 2, w, &c, &err),
                         FLUJO_OK);
        FILE *f = open_memstream(&out[t], &len[t]);
        assert_int_equal(flujo_report_compare_json(f, &c, &err), FLUJO_OK);
        fclose(f);
        release(&c, sc, res);
    }
    assert_int_equal(len[0], len[1]);
    assert_memory_equal(out[0], out[1], len[0]);
    free(out[0]);
    free(out[1]);
}

/* Different seeds or replications cannot be paired. */
static void compare__different_seed__refused(void **state)
{
    (void)state;
    const char *s1[] = {"replications=3"}, *s2[] = {"replications=3", "seed=9"};
    flujo_scenario_t *sc[2] = {scenario_ok(BENCH, s1, 1), scenario_ok(BENCH, s2, 2)};
    flujo_results_t *res[2] = {run(sc[0], 1), run(sc[1], 1)};
    double w[FLUJO_CK_N];
    flujo_compare_default_weights(w);
    flujo_comparison_t c;
    flujo_err_t err = {0};
    assert_int_equal(flujo_compare((const flujo_results_t *const *)res, 2, w, &c, &err),
                     FLUJO_EUSAGE);
    assert_contains(err.msg, "same seed and replications");
    for (int i = 0; i < 2; i++) {
        flujo_results_free(res[i]);
        flujo_scenario_free(sc[i]);
    }
}

static void compare__weights__parsed_and_checked(void **state)
{
    (void)state;
    double w[FLUJO_CK_N];
    flujo_err_t err = {0};
    assert_int_equal(flujo_compare_parse_weights("legal=0.6, sla=0.4", w, &err), FLUJO_OK);
    assert_close(w[FLUJO_CK_CYCLE_BD], 0.6, 0);
    assert_close(w[FLUJO_CK_WITHIN], 0.4, 0);
    assert_close(w[FLUJO_CK_CYCLE_H], 0, 0);
    assert_int_equal(flujo_compare_parse_weights("speed=1", w, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "unknown KPI 'speed'");
    assert_int_equal(flujo_compare_parse_weights("cycle=-1", w, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "needs a weight from 0");
    assert_int_equal(flujo_compare_parse_weights("cycle=abc", w, &err), FLUJO_EUSAGE);
    assert_int_equal(flujo_compare_parse_weights("cycle=0", w, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "at least one positive weight");
}

/* The benchmark with Intake 1..3 and Notification 1..2 against "cycle_time_h <= 21.2": one
 * Intake performer overloads it (rho 1.6), so those staffings are never run; (2, 1) gives the
 * known 23.46 h, (2, 2) 20.42 h and (3, 1) 20.93 h by Erlang C, too close to 21.2 for its
 * interval to be below: the cheapest staffing meeting the target with confidence is one more
 * Notification performer, and (3, 2), which can only cost more, is not run. */
static void optimize__bench__cheapest_by_theory(void **state)
{
    (void)state;
    flujo_scenario_t *s = scenario_ok(BENCH, NULL, 0);
    flujo_err_t err = {0};
    flujo_target_t t;
    assert_int_equal(flujo_target_parse("cycle_time_h<=21.2", &t, &err), FLUJO_OK);
    flujo_vary_t *v = NULL;
    size_t nv = 0;
    assert_int_equal(flujo_vary_parse(s, "Intake:1..3,Notification:1..2", &v, &nv, &err), FLUJO_OK);
    flujo_experiment_opts_t o = {.threads = 2};
    flujo_optimum_t best;
    assert_int_equal(flujo_optimize(s, v, nv, &t, &o, &best, &err), FLUJO_OK);
    assert_int_equal(best.n, 6);
    assert_true(best.cost_is_count);
    size_t overloaded = 0, run = 0;
    for (size_t k = 0; k < best.n; k++) {
        const flujo_candidate_t *c = &best.c[k];
        if (c->count[0] == 1) {
            assert_int_equal(c->state, FLUJO_CAND_OVERLOADED);
            overloaded++;
        }
        run += c->state == FLUJO_CAND_RUN;
        if (c->count[0] == 2 && c->count[1] == 1) {
            assert_true(c->kpi.lo <= 23.4634 && 23.4634 <= c->kpi.hi);
            assert_false(c->meets);
        }
        if (c->count[0] == 3 && c->count[1] == 2) {
            assert_int_equal(c->state, FLUJO_CAND_COSTLIER);
        }
    }
    assert_int_equal(overloaded, 2);
    assert_int_equal(run, 3);
    assert_true(best.best >= 0);
    assert_int_equal(best.c[best.best].count[0], 2);
    assert_int_equal(best.c[best.best].count[1], 2);
    /* the scenario's own staffing is back */
    assert_int_equal(s->pools[v[0].pool].count, 2);
    assert_int_equal(s->pools[v[1].pool].count, 1);
    flujo_optimum_free(&best);
    flujo_vary_free(v, nv);
    flujo_scenario_free(s);
}

static void optimize__target_and_vary__parsed_and_checked(void **state)
{
    (void)state;
    flujo_err_t err = {0};
    flujo_target_t t;
    assert_int_equal(flujo_target_parse("sla.within>=95%", &t, &err), FLUJO_OK);
    assert_int_equal(t.kpi, FLUJO_CK_WITHIN);
    assert_true(t.at_least);
    assert_close(t.value, 0.95, 1e-12);
    assert_int_equal(flujo_target_parse("within>=95", &t, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "is a share");
    assert_int_equal(flujo_target_parse("speed>=1", &t, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "unknown KPI 'speed'");
    assert_int_equal(flujo_target_parse("within=0.9", &t, &err), FLUJO_EUSAGE);
    flujo_scenario_t *s = scenario_ok(BENCH, NULL, 0);
    flujo_vary_t *v = NULL;
    size_t nv = 0;
    assert_int_equal(flujo_vary_parse(s, "Nadie:1..2", &v, &nv, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "no pool 'Nadie'");
    assert_int_equal(flujo_vary_parse(s, "Intake:3..1", &v, &nv, &err), FLUJO_EUSAGE);
    assert_int_equal(flujo_vary_parse(s, "Intake:1..2,Intake:1..3", &v, &nv, &err), FLUJO_EUSAGE);
    assert_contains(err.msg, "given twice");
    assert_int_equal(flujo_vary_parse(s, "Intake", &v, &nv, &err), FLUJO_EUSAGE);
    flujo_scenario_free(s);
}

int main(void)
{
    flujo_lib_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(compare__server_added_at_bottleneck__significant_by_theory),
        cmocka_unit_test(compare__no_op__exactly_zero_never_significant),
        cmocka_unit_test(compare__threads__byte_identical),
        cmocka_unit_test(compare__different_seed__refused),
        cmocka_unit_test(compare__weights__parsed_and_checked),
        cmocka_unit_test(optimize__bench__cheapest_by_theory),
        cmocka_unit_test(optimize__target_and_vary__parsed_and_checked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
