/* test_engine.c - the engine against queueing theory and exact deterministic cases. Fixed seeds;
 * every tolerance is the 95% confidence interval the experiment itself reports. */
#include <stdlib.h>
#include <string.h>

#include "flujo_compare.h"
#include "flujo_experiment.h"
#include "flujo_report.h"
#include "flujo_scenario.h"
#include "scenario/scenario_int.h"
#include "test_helpers.h"

#define SIM FIXTURES "/sim/"

static flujo_scenario_t *load(const char *path, const char *const *sets, size_t n_sets)
{
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    flujo_status_t st = flujo_scenario_load(path, sets, n_sets, &s, &err);
    if (st != FLUJO_OK) {
        print_error("%s\n", err.msg);
    }
    assert_int_equal(st, FLUJO_OK);
    return s;
}

static flujo_results_t *run(const flujo_scenario_t *s, int threads)
{
    flujo_experiment_opts_t o = {0};
    flujo_results_t *r = NULL;
    flujo_err_t err = {0};
    o.threads = threads;
    flujo_status_t st = flujo_experiment_run(s, &o, &r, &err);
    if (st != FLUJO_OK) {
        print_error("%s\n", err.msg);
    }
    assert_int_equal(st, FLUJO_OK);
    return r;
}

static void assert_in_ci(flujo_estimate_t e, double theory, const char *what)
{
    if (!(theory >= e.lo && theory <= e.hi)) {
        print_error("%s: %.6g not in [%.6g, %.6g] (mean %.6g)\n", what, theory, e.lo, e.hi, e.mean);
        fail();
    }
}

static size_t pool(const flujo_scenario_t *s, const char *name)
{
    for (size_t p = 0; p < s->n_pools; p++) {
        if (strcmp(s->pools[p].name, name) == 0) {
            return p;
        }
    }
    fail_msg("no pool %s", name);
    return 0;
}

static size_t node(const flujo_scenario_t *s, const char *id)
{
    int64_t v = flujo_model_find_node(s->model, id);
    assert_true(v >= 0);
    return (size_t)v;
}

/* Little's law for the queue of every pool: per replication, L - lambda W; 0 must be in its CI. */
static void assert_little(const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    for (size_t p = 0; p < s->n_pools; p++) {
        double *x = calloc((size_t)r->n_reps, sizeof(double));
        for (long i = 0; i < r->n_reps; i++) {
            const flujo_rep_t *rep = &r->reps[i];
            x[i] = rep->pool_queue[p] - rep->pool_rate_h[p] * rep->pool_wait_h[p];
        }
        flujo_estimate_t e = flujo_estimate(x, (size_t)r->n_reps, 1);
        free(x);
        flujo_estimate_t q = flujo_results_pool(r, p, FLUJO_POOL_QUEUE);
        /* a queue that is always empty has L = W = 0 exactly */
        if (q.mean == 0) {
            continue;
        }
        char what[128];
        snprintf(what, sizeof(what), "Little's law L - lambda W at %s", s->pools[p].name);
        assert_in_ci(e, 0, what);
    }
}

static void engine__mm1_rho_08__wait_3_2h_cycle_4h(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "mm1.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_WAITING_H), 3.2, "M/M/1 Wq");
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 4.0, "M/M/1 W");
    assert_in_ci(flujo_results_pool(r, pool(s, "Servidor"), FLUJO_POOL_UTIL), 0.8, "M/M/1 rho");
    assert_in_ci(flujo_results_pool(r, pool(s, "Servidor"), FLUJO_POOL_QUEUE), 3.2, "M/M/1 Lq");
    assert_little(r);
    assert_int_equal(flujo_results_in_flight(r), 0);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Erlang C: the probability of waiting in M/M/c, and Wq = C / (c mu - lambda). */
static double erlang_c_wait(int c, double lambda, double mu)
{
    double a = lambda / mu, rho = a / c, term = 1, sum = 0;
    for (int k = 0; k < c; k++) {
        sum += term;
        term *= a / (k + 1);
    }
    double top = term / (1 - rho);
    return top / (sum + top) / (c * mu - lambda);
}

static void engine__mmc__wait_matches_erlang_c(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "mmc.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    double wq = erlang_c_wait(3, 2, 1 / 1.2);
    assert_close(wq, 1.294382, 1e-5);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_WAITING_H), wq, "M/M/3 Wq");
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), wq + 1.2, "M/M/3 W");
    assert_in_ci(flujo_results_pool(r, 0, FLUJO_POOL_UTIL), 0.8, "M/M/3 rho");
    assert_little(r);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Three pools of one performer that can each do the task are one M/M/3: the same Erlang C wait,
 * each pool busy 80% of its time. */
static void engine__alternative_pools__same_as_one_pool_of_three(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "alternatives.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    double wq = erlang_c_wait(3, 2, 1 / 1.2);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_WAITING_H), wq, "3 x M/M/1 pooled Wq");
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), wq + 1.2, "3 x M/M/1 pooled W");
    for (const char *const *p = (const char *const[]){"A", "B", "C", NULL}; *p != NULL; p++) {
        assert_in_ci(flujo_results_pool(r, pool(s, *p), FLUJO_POOL_UTIL), 0.8, *p);
    }
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Alternatives with their own durations: work alternates between the pools, nobody waits. */
static void engine__alternative_pools__own_durations_exact(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "alternatives_fixed.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_WAITING_H).mean, 0, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_PROCESSING_H).mean, 1.25, 1e-3);
    assert_close(flujo_results_pool(r, pool(s, "Rápido"), FLUJO_POOL_UTIL).mean, 60.0 / 100, 2e-3);
    assert_close(flujo_results_pool(r, pool(s, "Lento"), FLUJO_POOL_UTIL).mean, 90.0 / 100, 2e-3);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* A list of one alternative with its own duration is that pool with that duration (its
 * distribution moves to the task: freed once - found by fuzz_scenario as a double free). */
static void engine__one_alternative_with_duration__the_pool_and_its_duration(void **state)
{
    (void)state;
    const char *sets[] = {"tasks.T.resource=[{pool: Lento, duration: 90m}]"};
    flujo_scenario_t *s = load(SIM "alternatives_fixed.yaml", sets, 1);
    const flujo_task_t *t = &s->tasks[node(s, "T")];
    assert_int_equal(t->n_alts, 0);
    assert_int_equal(t->pool, (int64_t)pool(s, "Lento"));
    assert_close(flujo_dist_mean(&t->duration), 5400, 1e-9);
    flujo_results_t *r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_PROCESSING_H).mean, 1.5, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* The benchmark of ../shared/bench: an open Jackson network of five M/M/c pools. */
static void engine__reference_network__jackson_values(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(FIXTURES "/bench/reference.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 23.4634, "reference cycle time");
    static const struct {
        const char *pool;
        double wait;
    } table[] = {
        {"Intake", 2.8444},   {"Assessment", 2.5888},   {"Review", 4.0635},
        {"Decision", 2.3857}, {"Notification", 3.2000},
    };
    for (size_t i = 0; i < 5; i++) {
        size_t p = pool(s, table[i].pool);
        assert_in_ci(flujo_results_pool(r, p, FLUJO_POOL_WAIT_H), table[i].wait, table[i].pool);
        assert_in_ci(flujo_results_pool(r, p, FLUJO_POOL_UTIL), 0.8, table[i].pool);
    }
    assert_little(r);
    /* the analytic capacity check agrees with the table */
    flujo_capacity_t cap;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    for (size_t p = 0; p < s->n_pools; p++) {
        assert_close(cap.rho[p], 0.8, 1e-6);
    }
    assert_close(cap.visits[node(s, "T3")], 0.7, 1e-9);
    flujo_capacity_destroy(&cap);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void engine__rework_loop__visits_one_over_one_minus_p(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "rework.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    size_t a = node(s, "A");
    double *x = calloc((size_t)r->n_reps, sizeof(double));
    for (long i = 0; i < r->n_reps; i++) {
        x[i] = r->reps[i].act_count[a] / (double)r->reps[i].completed;
    }
    assert_in_ci(flujo_estimate(x, (size_t)r->n_reps, 1), 1 / 0.7, "visits per case");
    free(x);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 1 / 0.7, "rework cycle");
    flujo_capacity_t cap;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    assert_close(cap.visits[a], 1 / 0.7, 1e-9);
    flujo_capacity_destroy(&cap);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void engine__and_fork_join_fixed__exact_cycle(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "forkjoin.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    flujo_estimate_t c = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    assert_close(c.mean, 4.5, 1e-9);
    assert_close(c.sd, 0, 1e-9);
    assert_close(r->hist_h->min, 4.5, 1e-9);
    assert_close(r->hist_h->max, 4.5, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_PROCESSING_H).mean, 6.5, 1e-9);
    assert_int_equal(flujo_results_in_flight(r), 0);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void engine__or_split_join__waits_for_taken_branches_only(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "orsplit.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 8.0 / 3, "OR cycle");
    assert_close(r->hist_h->max, 3, 1e-9);
    assert_close(r->hist_h->min, 2, 1e-9);
    assert_int_equal(flujo_results_in_flight(r), 0);
    /* one pass of the join per case: the two branches together run 4/3 times per case */
    double n = flujo_results_activity_count(r, node(s, "B")) +
               flujo_results_activity_count(r, node(s, "C"));
    assert_close(n / (double)flujo_results_completed(r), 4.0 / 3, 0.02);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void engine__and_join_after_xor__cases_reported_stuck(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "deadlock.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    assert_true(flujo_results_arrived(r) > 0);
    assert_int_equal(flujo_results_completed(r), 0);
    assert_int_equal(flujo_results_in_flight(r), flujo_results_arrived(r));
    assert_true(r->reps[0].n_stuck > 0);
    assert_int_equal(r->reps[0].stuck[0], 1); /* the first case of the replication */
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void engine__boundaries_errors_races__exact_paths(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "events.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    flujo_estimate_t c = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    assert_close(c.mean, 3, 1e-9);
    assert_close(r->hist_h->max, 3, 1e-9);
    /* the non-interrupting timer adds avisar once per recordar (counts are of instances that
     * start inside the window, so the few at its edges may differ) */
    double avisar = flujo_results_activity_count(r, node(s, "avisar"));
    double recordar = flujo_results_activity_count(r, node(s, "recordar"));
    assert_close(avisar / recordar, 1, 0.002);
    /* largo never completes: the interrupting timer cuts it at 2 h, and each cut visit counts,
     * with its 2 h of work */
    assert_close(flujo_results_activity_count(r, node(s, "largo")) / recordar, 1, 0.002);
    assert_close(flujo_results_activity(r, node(s, "largo"), true).mean, 2, 1e-9);
    double *x = calloc((size_t)r->n_reps, sizeof(double));
    for (long i = 0; i < r->n_reps; i++) {
        x[i] = r->reps[i].act_count[node(s, "corregir")] / r->reps[i].act_count[node(s, "revisar")];
    }
    assert_in_ci(flujo_estimate(x, (size_t)r->n_reps, 1), 0.25, "error boundary share");
    free(x);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void engine__subprocess_mi_call_terminate__exact_cycle(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "scopes.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 8, 1e-9);
    assert_close(r->hist_h->max, 8, 1e-9);
    /* instances per case, up to the window's edges */
    double cases = (double)flujo_results_completed(r);
    assert_close(flujo_results_activity_count(r, node(s, "par")) / cases, 3, 0.01);
    assert_close(flujo_results_activity_count(r, node(s, "seq")) / cases, 3, 0.01);
    assert_close(flujo_results_activity_count(r, node(s, "pagar")) / cases, 1, 0.01);
    /* eterno never ends: the terminate end event cuts it, once per case */
    assert_close(flujo_results_activity_count(r, node(s, "eterno")) / cases, 1, 0.01);
    assert_int_equal(flujo_results_in_flight(r), 0);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Share per replication of instances of node a among those of a and b. */
static flujo_estimate_t share(const flujo_results_t *r, size_t a, size_t b, bool over_b)
{
    double *x = calloc((size_t)r->n_reps, sizeof(double));
    for (long i = 0; i < r->n_reps; i++) {
        double na = r->reps[i].act_count[a], nb = r->reps[i].act_count[b];
        x[i] = over_b ? na / nb : na / (na + nb);
    }
    flujo_estimate_t e = flujo_estimate(x, (size_t)r->n_reps, 1);
    free(x);
    return e;
}

static void engine__attributes_conditions_and_loops__routed_by_theory(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "routing.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    size_t post = node(s, "posterior"), prev = node(s, "previa"), firmar = node(s, "firmar");
    assert_in_ci(share(r, post, prev, false), 0.85, "share of bajo or medio");
    double *x = calloc((size_t)r->n_reps, sizeof(double));
    for (long i = 0; i < r->n_reps; i++) {
        x[i] = r->reps[i].act_count[firmar] /
               (r->reps[i].act_count[post] + r->reps[i].act_count[prev]);
    }
    assert_in_ci(flujo_estimate(x, (size_t)r->n_reps, 1), 1.75, "loop runs per case");
    free(x);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static void engine__priority_queue__urgent_waits_less_fifo_does_not(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "queues.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    size_t a = node(s, "a"), b = node(s, "b"), doble = node(s, "doble");
    flujo_estimate_t wa = flujo_results_activity(r, a, false);
    flujo_estimate_t wb = flujo_results_activity(r, b, false);
    assert_true(wa.hi < wb.lo);
    /* the two-performer task takes both at once: its work is 12 minutes per instance */
    assert_close(flujo_results_activity(r, doble, true).mean, 0.2, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
    const char *sets[] = {"resources.Servidor.queue=fifo"};
    s = load(SIM "queues.yaml", sets, 1);
    r = run(s, 2);
    wa = flujo_results_activity(r, a, false);
    wb = flujo_results_activity(r, b, false);
    assert_true(wa.lo < wb.hi && wb.lo < wa.hi); /* same treatment, overlapping intervals */
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* The legal clock counts from the business day after filing and stops in pause_in lanes; see
 * tests/fixtures/legal/pausa.yaml for the arithmetic. */
static void engine__legal_clock__next_day_start_and_pauses(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(FIXTURES "/legal/pausa.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    flujo_estimate_t bd = flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD);
    assert_close(bd.mean, 1.0 / 24, 1e-9);
    assert_close(bd.sd, 0, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_PAUSED_BD).mean, 1 + 1.0 / 24, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_WITHIN).mean, 1, 0);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_SILENCED).mean, 0, 0);
    assert_close(flujo_results_activity_within(r, node(s, "resolver")).mean, 1, 0);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 50, 1e-9);
    /* no hand-off: the case goes from the Mesa to the citizen and back to the Mesa, and the
     * citizen is no office */
    assert_close(flujo_results_kpi(r, FLUJO_KPI_HANDOFFS).mean, 0, 1e-12);
    assert_true(isnan(flujo_results_kpi(r, FLUJO_KPI_HANDOFF_BD).mean));
    /* the parts of the cycle: 1 h of work, 48 h with the citizen, 1 h of work */
    assert_close(flujo_results_part(r, FLUJO_PART_WORK).mean, 2, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_ADMINISTRADO).mean, 48, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* Resolver by another office that opens at 09:00: one hand-off, whose transfer is from the
     * Mesa's work done (Monday 01:00) to the other office's start (Wednesday 09:00) less the two
     * business days with the citizen: 8 h = 1/3 bd; the 8 h wait for the office's hours */
    const char *other[] = {"tasks.Resolver.resource=Subgerencia",
                           "resources.Subgerencia={count: unlimited, calendar: manana}",
                           "calendars.manana={week: {mon-sun: [\"09:00-17:00\"]}}"};
    s = load(FIXTURES "/legal/pausa.yaml", other, 3);
    r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_HANDOFFS).mean, 1, 1e-12);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_HANDOFF_BD).mean, 1.0 / 3, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 58, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WAIT_HOURS).mean, 8, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WORK).mean, 2, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_ADMINISTRADO).mean, 48, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* sla.until: the legal clock is read when the case reaches Resolver (Wednesday 01:00) */
    const char *until[] = {"sla.pause_in=[]", "sla.until=Resolver"};
    s = load(FIXTURES "/legal/pausa.yaml", until, 2);
    r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD).mean, 1 + 1.0 / 24, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 50, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* decided on filing (Revisar): the citizen's later pause no longer stops the clock */
    const char *early[] = {"sla.until=Revisar"};
    s = load(FIXTURES "/legal/pausa.yaml", early, 1);
    r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD).mean, 0, 1e-12);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_PAUSED_BD).mean, 0, 1e-12);
    flujo_results_free(r);
    flujo_scenario_free(s);
    const char *sets[] = {"sla.pause_in=[]", "sla.deadline=1bd", "sla.grace=0bd"};
    s = load(FIXTURES "/legal/pausa.yaml", sets, 3);
    r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD).mean, 1 + 2.0 / 24, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_WITHIN).mean, 0, 0);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_SILENCED).mean, 1, 0);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Work advances only in open hours; utilisation is work over open time, as the capacity check
 * estimates it. */
static void engine__calendars__utilisation_agrees_with_capacity_check(void **state)
{
    (void)state;
    flujo_scenario_t *s = load("models/tramite_documentario/actual.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    flujo_capacity_t cap;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    for (size_t p = 0; p < s->n_pools; p++) {
        if (s->pools[p].unlimited) {
            continue;
        }
        flujo_estimate_t u = flujo_results_pool(r, p, FLUJO_POOL_UTIL);
        assert_true(u.mean < 1);
        if (fabs(u.mean - cap.rho[p]) > 0.03) {
            print_error("%s: simulated %.4f, capacity check %.4f\n", s->pools[p].name, u.mean,
                        cap.rho[p]);
            fail();
        }
    }
    flujo_capacity_destroy(&cap);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* EDD serves the case whose plazo ends first: with plazos by case attribute, urgent cases wait
 * less, while FIFO treats both alike. */
static void engine__edd_queue__short_plazos_first(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "queues_edd.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    size_t a = node(s, "a"), b = node(s, "b");
    assert_true(flujo_results_activity(r, a, false).hi < flujo_results_activity(r, b, false).lo);
    int urgent[1] = {0}, normal[1] = {1};
    assert_close(flujo__scenario_deadline(s, urgent), 2 * 86400, 0);
    assert_close(flujo__scenario_deadline(s, normal), 10 * 86400, 0);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Background arrivals load the pools but are never counted: the procedure's expedientes see the
 * M/M/1 of the total load, and only they are in the KPIs, throughput and bottleneck waits. */
static void engine__background_arrivals__load_but_not_counted(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "background.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_WAITING_H), 4.0, "M/M/1 Wq, procedure");
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 5.0, "M/M/1 W, procedure");
    assert_in_ci(flujo_results_pool(r, 0, FLUJO_POOL_UTIL), 0.8, "rho of both streams");
    assert_in_ci(flujo_results_pool(r, 0, FLUJO_POOL_CASE_WAIT_H), 4.0, "procedure's pool wait");
    /* 0.3 expedientes per hour over 40,000 h and 20 replications; the background's 0.5 are not */
    double arrived = (double)flujo_results_arrived(r);
    assert_true(fabs(arrived - 0.3 * 40000 * 20) < 4 * sqrt(0.3 * 40000 * 20));
    assert_true(flujo_results_activity_count(r, node(s, "t2")) > 0);
    flujo_bottleneck_t b[1];
    assert_int_equal(flujo_results_bottlenecks(r, b), 1);
    assert_close(b[0].waiting_share, 1, 1e-12);
    assert_close(b[0].wait_hours_h, 0, 0); /* always open: all of the wait is for the server */
    flujo_capacity_t cap;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    assert_close(cap.rho[0], 0.8, 1e-9);
    flujo_capacity_destroy(&cap);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* the server paid 10 an hour, idle or not: the procedure pays its share of the work (0.3 of
     * 0.8 work-hours an hour), so an expediente costs 10 × (0.3 / 0.8) / 0.3 = 12.5 */
    const char *paid[] = {"resources.Servidor={count: 1, cost_per_hour: 10}"};
    s = load(SIM "background.yaml", paid, 1);
    r = run(s, 2);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_STAFF_COST).mean, 1680, 1e-9);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_COST_TOTAL), 12.5, "staff paid per expediente");
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* A file that arrives at midnight at a unit opening at 08:00, with the performer free, waits
 * 8 h, all of it for the unit's working hours. */
static void engine__bottleneck_wait__split_into_hours_and_performer(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "hours.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 9, 1e-9);
    flujo_bottleneck_t b[1];
    assert_int_equal(flujo_results_bottlenecks(r, b), 1);
    assert_close(b[0].wait_h, 8, 1e-9);
    assert_close(b[0].job_hours_h, 8, 1e-9);
    assert_close(b[0].hours_per_case, 8, 1e-9);
    assert_close(b[0].wait_hours_h, 8, 1e-9);
    assert_close(b[0].wait_performer_h, 0, 1e-9);
    assert_int_equal(b[0].cause, FLUJO_CAUSE_HOURS);
    assert_int_equal(b[0].feeder, -1); /* the files come from no other office */
    assert_close(flujo_results_part(r, FLUJO_PART_WAIT_HOURS).mean, 8, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WORK).mean, 1, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* two files at once for one performer: the second also waits the first one's hour, with the
     * unit open: per expediente 8 h for the hours and half an hour for the performer */
    const char *sets[] = {"arrivals=[{interarrival: 24h}, {interarrival: 24h}]"};
    s = load(SIM "hours.yaml", sets, 1);
    r = run(s, 1);
    assert_int_equal(flujo_results_bottlenecks(r, b), 1);
    assert_close(b[0].wait_h, 8.5, 1e-9);
    assert_close(b[0].job_hours_h, 8, 1e-9);
    assert_close(b[0].wait_hours_h, 8, 1e-9);
    assert_close(b[0].wait_performer_h, 0.5, 1e-9);
    assert_close(b[0].hours_per_case, 8.5, 1e-9);
    assert_int_equal(b[0].cause, FLUJO_CAUSE_HOURS);
    assert_close(flujo_results_part(r, FLUJO_PART_WAIT_PERFORMER).mean, 0.5, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* a task of no work filed at midnight is done when the unit opens: 8 h, all for its hours,
     * in the cycle as in the waiting (it used to end before it started, at midnight) */
    const char *none[] = {"tasks.Atender.duration=0h"};
    s = load(SIM "hours.yaml", none, 1);
    r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 8, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_WAITING_H).mean, 8, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WAIT_HOURS).mean, 8, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Error end events inside a sub-process (tests/fixtures/sim/error_end.bpmn): "Observado" ends the
 * sub-process through the boundary that names its error, "Falla" through the catch-all one, each
 * case exactly Revisar (1 h) then the way out (Aprobar 0.5 h, Notificar 2 h, Registrar falla
 * 4 h); the capacity check counts each way by its probability. error: on the sub-process ends
 * it through its (first) error boundary too. */
static void error_end__sub_process__ends_through_its_boundary(void **state)
{
    (void)state;
    static const struct {
        const char *set;
        double cycle_h;
    } exact[] = {{"gateways.¿Conforme?={Sí: 1, No: 0, Falla: 0}", 1.5},
                 {"gateways.¿Conforme?={Sí: 0, No: 1, Falla: 0}", 3},
                 {"gateways.¿Conforme?={Sí: 0, No: 0, Falla: 1}", 5}};
    for (size_t i = 0; i < 3; i++) {
        const char *sets[] = {exact[i].set};
        flujo_scenario_t *s = load(SIM "error_end.yaml", sets, 1);
        flujo_results_t *r = run(s, 1);
        assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, exact[i].cycle_h, 1e-9);
        assert_close(flujo_results_part(r, FLUJO_PART_WORK).mean, exact[i].cycle_h, 1e-9);
        flujo_results_free(r);
        flujo_scenario_free(s);
    }
    flujo_scenario_t *s = load(SIM "error_end.yaml", NULL, 0);
    flujo_results_t *r = run(s, 2);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 1 + 0.5 * 0.5 + 0.3 * 2 + 0.2 * 4,
                 "the three ways out by their probabilities");
    flujo_capacity_t cap;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    assert_close(cap.visits[node(s, "B")], 0.5, 1e-9);
    assert_close(cap.visits[node(s, "C")], 0.3, 1e-9);
    assert_close(cap.visits[node(s, "D")], 0.2, 1e-9);
    assert_close(cap.work[0], 3600 * (1 + 0.5 * 0.5 + 0.3 * 2 + 0.2 * 4), 1e-6);
    flujo_capacity_destroy(&cap);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* error: 1 on the sub-process, every case ending well inside it: out through Observación */
    const char *sets[] = {"gateways.¿Conforme?={Sí: 1, No: 0, Falla: 0}",
                          "tasks.Evaluación={error: 1}"};
    s = load(SIM "error_end.yaml", sets, 2);
    r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 3, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Conditional and default flows out of a task (tests/fixtures/sim/conditional.bpmn): the plain
 * flow always, the conditional one when its condition holds, the default one when it does not;
 * exact with the condition always or never true, 2.6 h by its probability or by a condition on an
 * attribute of the case, and the capacity check routes the same way. Without the scenario's word,
 * each condition holds with probability 1/2 (its conditional and default flows), with a note. */
static void conditional_flows__out_of_a_task__as_bpmn_says(void **state)
{
    (void)state;
    static const struct {
        const char *set;
        double cycle_h;
    } exact[] = {{"gateways.Revisar={Conforme: 1}", 2}, {"gateways.Revisar={Conforme: 0}", 4}};
    for (size_t i = 0; i < 2; i++) {
        const char *sets[] = {exact[i].set};
        flujo_scenario_t *s = load(SIM "conditional.yaml", sets, 1);
        flujo_results_t *r = run(s, 1);
        assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, exact[i].cycle_h, 1e-9);
        flujo_results_free(r);
        flujo_scenario_free(s);
    }
    const char *by_attr[] = {
        "arrivals=[{interarrival: 24h, attributes: {tipo: {conforme: 0.7, otro: 0.3}}}]",
        "gateways.Revisar={Conforme: \"tipo == conforme\"}"};
    for (size_t n = 0; n <= 2; n += 2) {
        flujo_scenario_t *s = load(SIM "conditional.yaml", by_attr, n);
        flujo_results_t *r = run(s, 2);
        assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 1 + 0.7 * 1 + 0.3 * 3,
                     "the condition's flow 70% of the time, the default's 30%");
        flujo_capacity_t cap;
        flujo_err_t err = {0};
        assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
        assert_close(cap.visits[node(s, "B")], 0.7, n == 0 ? 1e-12 : 0.02);
        assert_close(cap.visits[node(s, "C")], 0.3, n == 0 ? 1e-12 : 0.02);
        assert_close(cap.visits[node(s, "D")], 1, 1e-12);
        flujo_capacity_destroy(&cap);
        flujo_results_free(r);
        flujo_scenario_free(s);
    }
    const char *none[] = {"gateways={}"};
    flujo_scenario_t *s = load(SIM "conditional.yaml", none, 1);
    bool noted = false;
    for (size_t i = 0; i < s->notes.n; i++) {
        noted = noted || strcmp(s->notes.items[i].code, "default-conditions") == 0;
    }
    assert_true(noted);
    assert_close(s->gateways[node(s, "A")].prob[0], 0.5, 0);
    flujo_scenario_free(s);
}

/* Work cut short by an interrupting event keeps its figures (tests/fixtures/sim/events.yaml):
 * "largo" (5 h) is interrupted by its 2 h timer, so each visit counts 2 h of work and its cost;
 * with one performer for it alone, cases that queue behind it keep that wait too. */
static void interrupted_work__keeps_its_wait_work_and_cost(void **state)
{
    (void)state;
    const char *sets[] = {"resources.p={count: unlimited, cost_per_hour: 10}"};
    flujo_scenario_t *s = load(SIM "events.yaml", sets, 1);
    flujo_results_t *r = run(s, 1);
    size_t largo = node(s, "largo");
    assert_close(flujo_results_activity(r, largo, true).mean, 2, 1e-9);
    assert_close(flujo_results_activity(r, largo, false).mean, 0, 1e-9);
    assert_true(flujo_results_activity_count(r, largo) > 0);
    /* per case: largo 2 h, recordar 3 h, avisar 0.5 h, revisar 1 h and corregir 1 h a quarter of
     * the time; the cost is that work at 10 an hour */
    flujo_estimate_t proc = flujo_results_kpi(r, FLUJO_KPI_PROCESSING_H);
    assert_in_ci(proc, 6.75, "work of every visit, the cut one included");
    assert_close(flujo_results_kpi(r, FLUJO_KPI_COST).mean, 10 * proc.mean, 1e-6);
    flujo_results_free(r);
    flujo_scenario_free(s);
    /* one performer for largo, a file every hour: each waits 1 h for the one before it to be cut
     * at its 2 h, works 1 h and is cut in turn; that wait is in the activity's figures as in the
     * parts of the cycle */
    const char *queued[] = {"resources.q={count: 1}", "tasks.largo={duration: 5h, resource: q}",
                            "arrivals=[{interarrival: 1h}]"};
    s = load(SIM "events.yaml", queued, 3);
    r = run(s, 1);
    double wait = flujo_results_activity(r, node(s, "largo"), false).mean;
    assert_close(wait, 1, 0.01);
    assert_close(flujo_results_activity(r, node(s, "largo"), true).mean, 1, 0.01);
    assert_close(wait,
                 flujo_results_activity_part(r, node(s, "largo"), FLUJO_PART_WAIT_PERFORMER).mean,
                 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* The capacity check counts the work reached through a boundary timer
 * (tests/fixtures/sim/escalation.yaml): uniform(0, 2 h) against a 30-minute timer is cut 75% of
 * the time, so the Jefatura gets 0.75 visits per case, 112% of its performer, and check flags it
 * overloaded; the Mesa works E[min(D, 30 m)] = 0.4375 h per case. */
static void capacity__boundary_timer__counts_the_escalation(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "escalation.yaml", NULL, 0);
    flujo_capacity_t cap;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    assert_close(cap.visits[node(s, "B")], 0.75, 0.01);
    size_t mesa = 0, jefatura = 1;
    if (strcmp(s->pools[0].name, "Mesa") != 0) {
        mesa = 1;
        jefatura = 0;
    }
    assert_close(cap.rho[jefatura], 1.5 * 0.75, 0.015);
    assert_close(cap.work[mesa] / 3600, 0.4375, 0.005);
    flujo_capacity_destroy(&cap);
    flujo_findings_t fi;
    assert_int_equal(flujo_scenario_check(s, &fi, &err), FLUJO_OK);
    bool overloaded = false;
    for (size_t i = 0; i < fi.diags.n; i++) {
        overloaded = overloaded || (strcmp(fi.diags.items[i].code, "overloaded") == 0 &&
                                    strstr(fi.diags.items[i].message, "Jefatura") != NULL);
    }
    assert_true(overloaded);
    flujo_findings_destroy(&fi);
    flujo_scenario_free(s);
}

/* Conditions written in the model (tests/fixtures/sim/model_conditions.bpmn, JUEL and FEEL
 * forms and a default flow) route the cases when the scenario gives the gateway nothing: exact
 * for each value of the attribute, 1.7 h by its shares, with a note; one that names a value the
 * attribute does not have is warned of with its flow's line, and equal probabilities stand. */
static void model_conditions__read_in_the_modellers_forms(void **state)
{
    (void)state;
    static const struct {
        const char *set;
        double cycle_h;
    } exact[] = {
        {"arrivals=[{interarrival: 24h, attributes: {riesgo: {alto: 1, medio: 0, bajo: 0}}}]", 3},
        {"arrivals=[{interarrival: 24h, attributes: {riesgo: {alto: 0, medio: 1, bajo: 0}}}]", 2},
        {"arrivals=[{interarrival: 24h, attributes: {riesgo: {alto: 0, medio: 0, bajo: 1}}}]", 1}};
    for (size_t i = 0; i < 3; i++) {
        const char *sets[] = {exact[i].set};
        flujo_scenario_t *s = load(SIM "model_conditions.yaml", sets, 1);
        flujo_results_t *r = run(s, 1);
        assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, exact[i].cycle_h, 1e-9);
        flujo_results_free(r);
        flujo_scenario_free(s);
    }
    flujo_scenario_t *s = load(SIM "model_conditions.yaml", NULL, 0);
    assert_int_equal(s->gateways[node(s, "g")].route, FLUJO_ROUTE_COND);
    flujo_results_t *r = run(s, 2);
    assert_in_ci(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H), 0.2 * 3 + 0.3 * 2 + 0.5 * 1,
                 "routed by the model's conditions");
    flujo_results_free(r);
    flujo_scenario_free(s);
    const char *medio[] = {"arrivals=[{interarrival: 24h, attributes: {riesgo: medio}}]"};
    s = load(SIM "model_conditions.yaml", medio, 1);
    bool warned = false;
    for (size_t i = 0; i < s->notes.n; i++) {
        const flujo_diag_t *d = &s->notes.items[i];
        warned = warned || (d->severity == FLUJO_SEV_WARNING && d->line == 13 &&
                            strstr(d->message, "no value 'alto'") != NULL);
    }
    assert_true(warned);
    assert_int_equal(s->gateways[node(s, "g")].route, FLUJO_ROUTE_EQUAL);
    flujo_scenario_free(s);
}

/* timeCycle timers (tests/fixtures/sim/cycle.bpmn): the timer start files a case a day; the
 * non-interrupting R3/PT1H boundary fires three times in Tramitar's 4.5 h, R/PT1H four times,
 * and the capacity check counts as many Recordar per case. */
static void timer_cycle__start_and_repeating_boundary(void **state)
{
    (void)state;
    /* R3/PT1H, then the same boundary without a count (the scenario's own delay of 1 h and
     * the model's cycle: -1) */
    static const struct {
        long cycle;
        double per_case;
    } cases[] = {{3, 3}, {-1, 4}};
    for (size_t i = 0; i < 2; i++) {
        flujo_scenario_t *s = load(SIM "cycle.yaml", NULL, 0);
        assert_true(s->arrivals[0].from_timer);
        assert_close(flujo_dist_mean(&s->arrivals[0].interarrival), 86400, 0);
        assert_int_equal(s->events[node(s, "b")].cycle, 3);
        s->events[node(s, "b")].cycle = cases[i].cycle;
        flujo_results_t *r = run(s, 1);
        double n = (double)flujo_results_completed(r);
        assert_close(flujo_results_activity_count(r, node(s, "R")) / n, cases[i].per_case, 1e-12);
        assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 4.5, 1e-9);
        flujo_capacity_t cap;
        flujo_err_t err = {0};
        assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
        assert_close(cap.visits[node(s, "R")], cases[i].per_case, 1e-9);
        flujo_capacity_destroy(&cap);
        flujo_results_free(r);
        flujo_scenario_free(s);
    }
}

/* Message flows between pools (tests/fixtures/sim/pools.bpmn): the Municipalidad's message
 * starts the Notaría's process for the same case, whose answer releases the Municipalidad's
 * catch event: 3.5 h exactly, all of it work along the critical path through the other pool;
 * the Notaría's work is counted and offered to it in the capacity check. With no work at the
 * Notaría the answer comes at once: 1.5 h. */
static void messages__between_pools__simulated(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "pools.yaml", NULL, 0);
    for (size_t i = 0; i < s->notes.n; i++) {
        assert_true(s->notes.items[i].severity == FLUJO_SEV_NOTE); /* nothing left unsimulated */
    }
    flujo_results_t *r = run(s, 1);
    double n = (double)flujo_results_completed(r);
    assert_true(n > 0);
    assert_int_equal(flujo_results_in_flight(r), 0);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 3.5, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WORK).mean, 3.5, 1e-9);
    assert_close(flujo_results_activity_count(r, node(s, "verificar")) / n, 1, 1e-12);
    flujo_capacity_t cap;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    assert_close(cap.visits[node(s, "verificar")], 1, 1e-12);
    flujo_capacity_destroy(&cap);
    flujo_results_free(r);
    flujo_scenario_free(s);
    const char *quick[] = {"tasks.Verificar.duration=0h"};
    s = load(SIM "pools.yaml", quick, 1);
    r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 1.5, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* An escalation thrown mid-way through a sub-process (tests/fixtures/sim/escalation_throw.bpmn):
 * the non-interrupting boundary sends a copy to Informar while the work goes on: 3 h, one
 * Informar per case, and the capacity check counts it. */
static void escalation_throw__caught_without_interrupting(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "escalation_throw.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    double n = (double)flujo_results_completed(r);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 3, 1e-9);
    assert_close(flujo_results_activity_count(r, node(s, "C")) / n, 1, 1e-12);
    assert_close(flujo_results_activity_count(r, node(s, "B")) / n, 1, 1e-12);
    flujo_capacity_t cap;
    flujo_err_t err = {0};
    assert_int_equal(flujo_scenario_capacity(s, &cap, &err), FLUJO_OK);
    assert_close(cap.visits[node(s, "C")], 1, 1e-12);
    assert_close(cap.visits[node(s, "B")], 1, 1e-12);
    flujo_capacity_destroy(&cap);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* The staff cost, exactly, on tests/fixtures/redesign/linea.yaml: three units open 24/7 at 10, 20
 * and 40 an hour are paid 168 h a week each, working or not; nine expedientes (one a day from
 * 24 h) complete in the 240 h counted, so each costs the 240 h of pay over nine, while its worked
 * cost is 1 h × 10 + 2 h × 20 + 3 h × 40. A Gerencia paid 40 h a week is priced at those. */
static void cost__staff_paid__whether_working_or_not(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(FIXTURES "/redesign/linea.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_STAFF_COST).mean, 70 * 168, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_COST_TOTAL).mean, 70.0 * 240 / 9, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_COST).mean, 10 + 40 + 120, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
    const char *sets[] = {"resources.Gerencia={count: 1, cost_per_hour: 40, "
                          "paid_hours_per_week: 40}"};
    s = load(FIXTURES "/redesign/linea.yaml", sets, 1);
    r = run(s, 1);
    double week = 30 * 168 + 40 * 40;
    assert_close(flujo_results_kpi(r, FLUJO_KPI_STAFF_COST).mean, week, 1e-9);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_COST_TOTAL).mean, week * 240 / 168 / 9, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* The parts of a deterministic case, exactly: tests/fixtures/legal/tarea_1615.yaml files at 16:15
 * on Monday at a Mesa open 08:00-13:00 and 14:00-16:45: Registrar (2 h) works 16:15-16:45, stands
 * paused until 08:00, works to 09:30; the routing window holds it until 11:00; Evaluar works
 * 11:00-11:30. */
static void parts__deterministic_case__exact(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(FIXTURES "/legal/tarea_1615.yaml", NULL, 0);
    flujo_results_t *r = run(s, 1);
    assert_close(flujo_results_kpi(r, FLUJO_KPI_CYCLE_H).mean, 19.25, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WORK).mean, 2.5, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WORK_PAUSED).mean, 15.25, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_DELAY).mean, 1.5, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WAIT_PERFORMER).mean, 0, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_WAIT_HOURS).mean, 0, 1e-9);
    assert_close(flujo_results_part(r, FLUJO_PART_OTHER).mean, 0, 1e-9);
    /* the Mesa's own figures per expediente agree */
    size_t mesa = 0;
    while (strcmp(s->pools[mesa].name, "Mesa de Partes") != 0) {
        mesa++;
    }
    assert_close(flujo_results_pool_part(r, mesa, FLUJO_PART_WORK_PAUSED).mean, 15.25, 1e-9);
    assert_close(flujo_results_pool_part(r, mesa, FLUJO_PART_WORK).mean, 2, 1e-9);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Two M/M/1 queues on parallel branches: each case waits in both, so its waits summed exceed
 * the part of its cycle spent queueing; the parts follow the branch that decided the join and
 * add up to the cycle, and the waiting share stays below 1. */
static void parts__parallel_queues__add_up_to_the_cycle(void **state)
{
    (void)state;
    const char *sets[] = {"arrivals=[{interarrival: exponential(4h)}]",
                          "resources={p: unlimited, q1: {count: 1}, q2: {count: 1}}",
                          "tasks.B={duration: exponential(3h), resource: q1}",
                          "tasks.C={duration: exponential(3.4h), resource: q2}"};
    flujo_scenario_t *s = load(SIM "forkjoin.yaml", sets, 4);
    flujo_results_t *r = run(s, 1);
    for (long i = 0; i < r->n_reps; i++) {
        const flujo_rep_t *rep = &r->reps[i];
        double sum = 0;
        for (int p = 0; p < FLUJO_PART_N; p++) {
            assert_true(rep->cycle_parts_h[p] >= 0);
            sum += rep->cycle_parts_h[p];
        }
        assert_close(sum, rep->cycle_h, 1e-9 * rep->cycle_h);
        double share = flujo_ckpi_rep(rep, s, FLUJO_CK_WAITING_SHARE);
        assert_true(share > 0 && share < 1);
        /* the waits of both branches together are more than the queueing on the critical path */
        assert_true(rep->waiting_h > rep->cycle_parts_h[FLUJO_PART_WAIT_PERFORMER]);
    }
    flujo_results_free(r);
    flujo_scenario_free(s);
}

static char *json_of(const flujo_results_t *r)
{
    char *buf = NULL;
    size_t len = 0;
    flujo_err_t err = {0};
    FILE *f = open_memstream(&buf, &len);
    assert_int_equal(flujo_report_run_json(f, r, &err), FLUJO_OK);
    fclose(f);
    return buf;
}

static void experiment__threads__byte_identical_json(void **state)
{
    (void)state;
    const char *sets[] = {"replications=7", "horizon=3000h"};
    flujo_scenario_t *s = load(FIXTURES "/bench/reference.yaml", sets, 2);
    flujo_results_t *r1 = run(s, 1), *r3 = run(s, 3);
    char *a = json_of(r1), *b = json_of(r3);
    assert_string_equal(a, b);
    /* and another seed gives other numbers */
    const char *sets2[] = {"replications=7", "horizon=3000h", "seed=2"};
    flujo_scenario_t *s2 = load(FIXTURES "/bench/reference.yaml", sets2, 3);
    flujo_results_t *r2 = run(s2, 3);
    assert_true(flujo_results_kpi(r2, FLUJO_KPI_CYCLE_H).mean !=
                flujo_results_kpi(r1, FLUJO_KPI_CYCLE_H).mean);
    free(a);
    free(b);
    flujo_results_free(r1);
    flujo_results_free(r3);
    flujo_results_free(r2);
    flujo_scenario_free(s2);
    flujo_scenario_free(s);
}

static void experiment__limits__max_events_and_interrupt(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "mm1.yaml", NULL, 0);
    flujo_experiment_opts_t o = {0};
    flujo_results_t *r = NULL;
    flujo_err_t err = {0};
    o.engine.max_events = 1000;
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_ELIMIT);
    assert_null(r);
    assert_contains(err.msg, "stopped after 1000 events");
    volatile sig_atomic_t stop = 1;
    o.engine.max_events = 0;
    o.engine.stop = &stop;
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_EINTR);
    assert_non_null(r);
    assert_true(r->partial);
    assert_int_equal(r->n_done, 0);
    flujo_results_free(r);
    flujo_scenario_free(s);
}

/* Runs replication 1 of s straight on the engine (no capacity check first) and expects st. */
static void engine_fails(const flujo_scenario_t *s, const flujo_engine_opts_t *o, flujo_status_t st,
                         const char *msg)
{
    flujo_engine_t *e = flujo_engine_new(s, o);
    flujo_rep_t rep;
    flujo_err_t err = {0};
    assert_int_equal(flujo_engine_run(e, 1, &rep, &err), st);
    assert_contains(err.msg, msg);
    flujo_engine_free(e);
}

static void engine__loops_never_left__stop_with_message(void **state)
{
    (void)state;
    /* without any duration: time stands still */
    const char *zero[] = {"tasks.A.duration=0h", "gateways.¿Conforme?.Sí=0",
                          "gateways.¿Conforme?.No=1"};
    flujo_scenario_t *s = load(SIM "rework.yaml", zero, 3);
    engine_fails(s, NULL, FLUJO_ESIM, "tokens keep moving at the same instant around '¿Conforme?'");
    flujo_experiment_opts_t o = {0};
    flujo_results_t *r = NULL;
    flujo_err_t err = {0};
    /* the experiment refuses it before running, naming the gateway */
    assert_int_equal(flujo_experiment_run(s, &o, &r, &err), FLUJO_ESCENARIO);
    assert_null(r);
    assert_contains(err.msg, "never left");
    assert_contains(err.msg, "'¿Conforme?' (G)");
    flujo_scenario_free(s);
    /* with a duration: the one case goes round until the calendars end */
    s = load(SIM "rework_forever.yaml", NULL, 0);
    engine_fails(s, NULL, FLUJO_ESIM, "a case is still at 'Revisar' after the");
    flujo_scenario_free(s);
}

static void engine__overloaded_pool__stops_when_calendars_end(void **state)
{
    (void)state;
    /* M/M/1 offered 1000 times what it can do: the queue left when arrivals end would take
     * centuries to clear */
    const char *sets[] = {"tasks.T.duration=exponential(1000h)", "horizon=100h"};
    flujo_scenario_t *s = load(SIM "mm1.yaml", sets, 2);
    engine_fails(s, NULL, FLUJO_ESIM, "the units cannot keep up with the arrivals");
    flujo_scenario_free(s);
}

static void engine__max_seconds__stops_with_elimit(void **state)
{
    (void)state;
    flujo_scenario_t *s = load(SIM "mm1.yaml", NULL, 0);
    flujo_engine_opts_t o = {0};
    o.max_seconds = 1e-9;
    engine_fails(s, &o, FLUJO_ELIMIT, "stopped after 1e-09 s of computing (--max-seconds)");
    flujo_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(engine__mm1_rho_08__wait_3_2h_cycle_4h),
        cmocka_unit_test(engine__mmc__wait_matches_erlang_c),
        cmocka_unit_test(engine__alternative_pools__same_as_one_pool_of_three),
        cmocka_unit_test(engine__alternative_pools__own_durations_exact),
        cmocka_unit_test(engine__one_alternative_with_duration__the_pool_and_its_duration),
        cmocka_unit_test(engine__reference_network__jackson_values),
        cmocka_unit_test(engine__rework_loop__visits_one_over_one_minus_p),
        cmocka_unit_test(engine__and_fork_join_fixed__exact_cycle),
        cmocka_unit_test(engine__or_split_join__waits_for_taken_branches_only),
        cmocka_unit_test(engine__and_join_after_xor__cases_reported_stuck),
        cmocka_unit_test(engine__boundaries_errors_races__exact_paths),
        cmocka_unit_test(engine__subprocess_mi_call_terminate__exact_cycle),
        cmocka_unit_test(engine__attributes_conditions_and_loops__routed_by_theory),
        cmocka_unit_test(engine__priority_queue__urgent_waits_less_fifo_does_not),
        cmocka_unit_test(engine__legal_clock__next_day_start_and_pauses),
        cmocka_unit_test(engine__edd_queue__short_plazos_first),
        cmocka_unit_test(engine__background_arrivals__load_but_not_counted),
        cmocka_unit_test(parts__deterministic_case__exact),
        cmocka_unit_test(cost__staff_paid__whether_working_or_not),
        cmocka_unit_test(error_end__sub_process__ends_through_its_boundary),
        cmocka_unit_test(conditional_flows__out_of_a_task__as_bpmn_says),
        cmocka_unit_test(interrupted_work__keeps_its_wait_work_and_cost),
        cmocka_unit_test(capacity__boundary_timer__counts_the_escalation),
        cmocka_unit_test(model_conditions__read_in_the_modellers_forms),
        cmocka_unit_test(timer_cycle__start_and_repeating_boundary),
        cmocka_unit_test(messages__between_pools__simulated),
        cmocka_unit_test(escalation_throw__caught_without_interrupting),
        cmocka_unit_test(parts__parallel_queues__add_up_to_the_cycle),
        cmocka_unit_test(engine__bottleneck_wait__split_into_hours_and_performer),
        cmocka_unit_test(engine__calendars__utilisation_agrees_with_capacity_check),
        cmocka_unit_test(experiment__threads__byte_identical_json),
        cmocka_unit_test(experiment__limits__max_events_and_interrupt),
        cmocka_unit_test(engine__loops_never_left__stop_with_message),
        cmocka_unit_test(engine__overloaded_pool__stops_when_calendars_end),
        cmocka_unit_test(engine__max_seconds__stops_with_elimit),
    };
    flujo_lib_init();
    return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
