/* test_evq.c - the event list's total order, the statistics helpers and the pool queues. */
#include <stdlib.h>

#include "engine/evq_int.h"
#include "engine/resource_int.h"
#include "flujo_stats.h"
#include "random/random_int.h"
#include "stats/stats_int.h"
#include "test_helpers.h"

static void evq__random_pushes__pop_in_time_priority_fifo_order(void **state)
{
    (void)state;
    flujo_evq_t q;
    flujo_evq_init(&q);
    flujo_rng_t *r = flujo_rng_new(9, 9, 9);
    /* few distinct times so that ties are common */
    for (uint32_t i = 0; i < 20000; i++) {
        double t = (double)flujo_rng_uniform_int(r, 50);
        unsigned prio = (unsigned)flujo_rng_uniform_int(r, 3);
        flujo_evq_push(&q, t, prio, 0, (flujo_ev_data_t){.boundary = {i, prio, 0}});
    }
    flujo_ev_t prev, ev;
    assert_int_equal(flujo_evq_pop(&q, &prev), 1);
    size_t n = 1;
    while (flujo_evq_pop(&q, &ev)) {
        assert_true(ev.time >= prev.time);
        if (ev.time == prev.time) {
            assert_true(ev.data.boundary.gen >= prev.data.boundary.gen); /* priority */
            if (ev.data.boundary.gen == prev.data.boundary.gen) {
                assert_true(ev.data.boundary.tok > prev.data.boundary.tok); /* push order */
            }
        }
        prev = ev;
        n++;
    }
    assert_int_equal(n, 20000);
    assert_int_equal(flujo_evq_pop(&q, &ev), 0);
    flujo_evq_clear(&q);
    flujo_evq_push(&q, 1, 0, 7, (flujo_ev_data_t){.boundary = {1, 2, 3}});
    assert_int_equal(flujo_evq_pop(&q, &ev), 1);
    assert_int_equal(ev.kind, 7);
    assert_int_equal(ev.data.boundary.event, 3);
    flujo_rng_free(r);
    flujo_evq_destroy(&q);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void hist__quantiles__within_half_percent_of_exact(void **state)
{
    (void)state;
    enum { NS = 100001 };
    double *x = malloc(NS * sizeof(double));
    flujo_hist_t *h = malloc(sizeof(*h));
    flujo_hist_init(h);
    flujo_rng_t *r = flujo_rng_new(1, 2, 3);
    for (int i = 0; i < NS; i++) {
        double u;
        do { /* as gsl_rng_uniform_pos: (0, 1) */
            u = flujo_rng_uniform(r);
        } while (u == 0);
        x[i] = -log(u) * 20 + 0.001; /* exponential, hours */
        flujo_hist_add(h, x[i]);
    }
    qsort(x, NS, sizeof(double), cmp_double);
    const double qs[] = {0.01, 0.1, 0.5, 0.9, 0.95, 0.99};
    for (size_t i = 0; i < sizeof(qs) / sizeof(qs[0]); i++) {
        double exact = x[(size_t)ceil(qs[i] * NS) - 1];
        double est = flujo_hist_quantile(h, qs[i]);
        assert_true(fabs(est - exact) <= 0.005 * exact);
    }
    assert_close(flujo_hist_quantile(h, 1), x[NS - 1], 0);
    /* the CDF against the exact share at or below, within a bin's width around the point */
    const double pts[] = {0.5, 5, 20, 60};
    for (size_t i = 0; i < sizeof(pts) / sizeof(pts[0]); i++) {
        size_t below_lo = 0, below_hi = 0;
        for (int k = 0; k < NS; k++) {
            below_lo += x[k] <= pts[i] / 1.01;
            below_hi += x[k] <= pts[i] * 1.01;
        }
        double cdf = flujo_hist_cdf(h, pts[i]);
        assert_true(cdf >= (double)below_lo / NS && cdf <= (double)below_hi / NS);
    }
    assert_close(flujo_hist_cdf(h, 1e9), 1, 0);
    assert_close(flujo_hist_cdf(h, 0.0001), 0, 0);
    /* merging two halves gives the same answer as one */
    flujo_hist_t *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
    flujo_hist_init(a);
    flujo_hist_init(b);
    for (int i = 0; i < NS; i++) {
        flujo_hist_add(i % 2 ? a : b, x[i]);
    }
    flujo_hist_merge(a, b);
    assert_close(flujo_hist_quantile(a, 0.9), flujo_hist_quantile(h, 0.9), 0);
    assert_true(isnan(flujo_hist_quantile(b, 0.5)) == 0);
    flujo_hist_init(b);
    assert_true(isnan(flujo_hist_quantile(b, 0.5)));
    free(a);
    free(b);
    free(h);
    free(x);
    flujo_rng_free(r);
}

static void estimate__t_interval__matches_tables(void **state)
{
    (void)state;
    /* 1..10: mean 5.5, sd 3.02765, t(0.975, 9) = 2.262157 */
    double x[10];
    for (int i = 0; i < 10; i++) {
        x[i] = i + 1;
    }
    flujo_estimate_t e = flujo_estimate(x, 10, 1);
    assert_close(e.mean, 5.5, 1e-12);
    assert_close(e.sd, 3.0276503540974917, 1e-12);
    assert_close(e.hi - e.mean, 2.2621571627982 * 3.0276503540974917 / sqrt(10), 1e-9);
    double y[3] = {1, NAN, 3};
    e = flujo_estimate(y, 3, 1);
    assert_int_equal(e.n, 2);
    assert_close(e.mean, 2, 0);
    e = flujo_estimate(y, 1, 1);
    assert_true(isnan(e.lo));
}

static void timeavg__clipped_to_window(void **state)
{
    (void)state;
    flujo_timeavg_t a;
    flujo_timeavg_init(&a, 10, 20);
    flujo_timeavg_set(&a, 5, 4);  /* 4 from 5 to 15: 5 units inside */
    flujo_timeavg_set(&a, 15, 2); /* 2 from 15 to the end of the window */
    assert_close(flujo_timeavg_mean(&a), (4 * 5 + 2 * 5) / 10.0, 1e-12);
    flujo_timeavg_set(&a, 30, 100); /* after the window: no effect */
    assert_close(flujo_timeavg_mean(&a), 3, 1e-12);
}

static void res__fifo_multi_unit__head_of_line_order(void **state)
{
    (void)state;
    flujo_res_t r;
    uint32_t t;
    flujo_res_init(&r, false, 3, FLUJO_QUEUE_FIFO, 0, 100);
    assert_true(flujo_res_seize(&r, 0, 2));
    assert_false(flujo_res_seize(&r, 1, 2)); /* only 1 free */
    flujo_res_wait(&r, 1, 10, 2, 0);
    assert_false(flujo_res_seize(&r, 2, 1)); /* someone waits: no overtaking */
    flujo_res_wait(&r, 2, 11, 1, 0);
    for (uint32_t i = 0; i < 40; i++) { /* the ring grows and wraps */
        flujo_res_wait(&r, 3, 100 + i, 1, 0);
    }
    assert_false(flujo_res_next(&r, 3, &t)); /* head needs 2, 1 free */
    flujo_res_release(&r, 4, 2);
    assert_true(flujo_res_next(&r, 4, &t));
    assert_int_equal(t, 10);
    assert_true(flujo_res_next(&r, 4, &t));
    assert_int_equal(t, 11);
    assert_false(flujo_res_next(&r, 4, &t)); /* all 3 busy */
    assert_true(flujo_res_remove(&r, 5, 105));
    assert_false(flujo_res_remove(&r, 5, 105));
    flujo_res_release(&r, 6, 3);
    uint32_t expect = 100;
    while (flujo_res_next(&r, 6, &t)) {
        assert_int_equal(t, expect);
        expect += expect == 104 ? 2 : 1;
        flujo_res_release(&r, 6, 1);
    }
    assert_int_equal(expect, 140);
    flujo_res_destroy(&r);
}

static void res__edd_and_priority__key_then_arrival(void **state)
{
    (void)state;
    flujo_res_t r;
    uint32_t t;
    flujo_res_init(&r, false, 1, FLUJO_QUEUE_EDD, 0, 10);
    assert_true(flujo_res_seize(&r, 0, 1));
    flujo_res_wait(&r, 0, 1, 1, 50);
    flujo_res_wait(&r, 0, 2, 1, 20);
    flujo_res_wait(&r, 0, 3, 1, 50);
    flujo_res_wait(&r, 0, 4, 1, 10);
    assert_true(flujo_res_remove(&r, 0, 2));
    const uint32_t order[] = {4, 1, 3};
    for (int i = 0; i < 3; i++) {
        flujo_res_release(&r, 1, 1);
        assert_true(flujo_res_next(&r, 1, &t));
        assert_int_equal(t, order[i]);
    }
    flujo_res_destroy(&r);
    flujo_res_init(&r, true, 0, FLUJO_QUEUE_FIFO, 0, 10);
    for (int i = 0; i < 100; i++) {
        assert_true(flujo_res_seize(&r, 0, 5)); /* unlimited never queues */
    }
    flujo_res_destroy(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(evq__random_pushes__pop_in_time_priority_fifo_order),
        cmocka_unit_test(hist__quantiles__within_half_percent_of_exact),
        cmocka_unit_test(estimate__t_interval__matches_tables),
        cmocka_unit_test(timeavg__clipped_to_window),
        cmocka_unit_test(res__fifo_multi_unit__head_of_line_order),
        cmocka_unit_test(res__edd_and_priority__key_then_arrival),
    };
    return cmocka_run_group_tests_name("evq", tests, NULL, NULL);
}
