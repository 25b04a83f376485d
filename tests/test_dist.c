/* test_dist.c - duration distributions: the text form, its errors, and samples against theory
 * (fixed seed; tolerances of a few standard errors, as in GSL's randist tests). */
#include <stdlib.h>

#include <gsl/gsl_rng.h>

#include "flujo_dist.h"
#include "flujo_rng.h"
#include "test_helpers.h"

#define N 200000

static flujo_dist_t parse_ok(const char *text)
{
    flujo_dist_t d;
    flujo_err_t err = {0};
    flujo_status_t st = flujo_dist_parse(text, &d, &err);
    if (st != FLUJO_OK) {
        print_error("%s\n", err.msg);
    }
    assert_int_equal(st, FLUJO_OK);
    return d;
}

static void parse_fails(const char *text, const char *why)
{
    flujo_dist_t d;
    flujo_err_t err = {0};
    assert_int_equal(flujo_dist_parse(text, &d, &err), FLUJO_ESCENARIO);
    assert_contains(err.msg, why);
}

/* Sample mean and variance against the theoretical ones. */
static void check_moments(const char *text, double mean, double var, uint64_t seed)
{
    flujo_dist_t d = parse_ok(text);
    gsl_rng *r = flujo_rng_new(seed, 1, 7);
    double s = 0, s2 = 0, lo = INFINITY;
    for (int i = 0; i < N; i++) {
        double x = flujo_dist_sample(&d, r);
        s += x;
        s2 += x * x;
        lo = x < lo ? x : lo;
    }
    double m = s / N, v = s2 / N - m * m;
    assert_true(lo >= 0);
    assert_close(flujo_dist_mean(&d), mean, 1e-9 * mean);
    /* 5 standard errors of the mean; the variance to 3% */
    assert_close(m, mean, 5 * sqrt(var / N) + 1e-12);
    assert_close(v, var, 0.03 * var + 1e-12);
    gsl_rng_free(r);
    flujo_dist_destroy(&d);
}

static void dist_parse__units__seconds_and_clock(void **state)
{
    (void)state;
    flujo_dist_t d = parse_ok("triangular(9m, 15m, 30m)");
    assert_int_equal(d.kind, FLUJO_DIST_TRIANGULAR);
    assert_int_equal(d.clock, FLUJO_CLOCK_WORK);
    assert_close(d.p[0], 540, 0);
    assert_close(d.p[2], 1800, 0);
    flujo_dist_destroy(&d);
    d = parse_ok("2bd");
    assert_int_equal(d.kind, FLUJO_DIST_FIXED);
    assert_int_equal(d.clock, FLUJO_CLOCK_BDAYS);
    assert_close(d.p[0], 2 * 86400, 0);
    flujo_dist_destroy(&d);
    d = parse_ok(" uniform( 1d , 2.5d ) ");
    assert_int_equal(d.clock, FLUJO_CLOCK_DAYS);
    assert_close(flujo_dist_mean(&d), 1.75 * 86400, 1e-9);
    flujo_dist_destroy(&d);
    d = parse_ok("empirical(1h, 2h, 30m)");
    assert_int_equal(d.n_values, 3);
    assert_close(flujo_dist_mean(&d), 4200, 1e-9);
    flujo_dist_destroy(&d);
    d = parse_ok("erlang(3, 2h)");
    assert_close(d.a, 3, 0);
    assert_close(d.b, 2400, 1e-9);
    flujo_dist_destroy(&d);
    double sec;
    flujo_clock_t c;
    flujo_err_t err = {0};
    assert_true(flujo_parse_duration("8bd", &sec, &c, &err));
    assert_int_equal(c, FLUJO_CLOCK_BDAYS);
    assert_false(flujo_parse_duration("8", &sec, &c, &err));
    assert_contains(err.msg, "has no unit");
    assert_false(flujo_parse_duration("-3h", &sec, &c, &err));
}

static void dist_parse__impossible__one_line_reason(void **state)
{
    (void)state;
    parse_fails("triangular(5m, 1m, 2m)", "min <= mode <= max");
    parse_fails("triangular(1m, 2m)", "takes 3 arguments, not 2");
    parse_fails("exponential(0h)", "mean must be positive");
    parse_fails("normal(-1h, 1h)", "mean > 0");
    parse_fails("lognormal(1h, 0h)", "sd > 0");
    parse_fails("erlang(2.5, 1h)", "whole number of phases");
    parse_fails("erlang(2h, 1h)", "plain number, without a unit");
    parse_fails("weibull(1.5, 2)", "no unit");
    parse_fails("uniform(1h, 2bd)", "mixes s/m/h and bd");
    parse_fails("gauss(1h)", "unknown distribution 'gauss'");
    parse_fails("exponential(1h", "closing ')'");
    parse_fails("5", "'5' has no unit");
    parse_fails("nanh", "not a number");
    parse_fails("infh", "not a number");
    parse_fails("exponential(1e999h)", "not a number");
    parse_fails("uniform(3h, 1h)", "0 <= a <= b");
}

static void dist_sample__families__moments_match_theory(void **state)
{
    (void)state;
    double h = 3600;
    check_moments("exponential(2h)", 2 * h, 4 * h * h, 1);
    check_moments("uniform(1h, 3h)", 2 * h, 4 * h * h / 12, 2);
    /* triangular(a, c, b): mean (a+b+c)/3, var (a²+b²+c²-ab-ac-bc)/18 */
    check_moments("triangular(1h, 2h, 6h)", 3 * h, (1 + 36 + 4 - 6 - 2 - 12) * h * h / 18, 3);
    /* pert(a, m, b): mean (a+4m+b)/6, var (mean-a)(b-mean)/7 */
    check_moments("pert(1h, 2h, 6h)", 2.5 * h, 1.5 * 3.5 * h * h / 7, 4);
    check_moments("lognormal(4h, 2h)", 4 * h, 4 * h * h, 5);
    check_moments("gamma(3h, 1h)", 3 * h, h * h, 6);
    check_moments("erlang(4, 2h)", 2 * h, 4 * h * h / 4, 7);
    /* weibull(k, l): mean l Γ(1+1/k), var l²(Γ(1+2/k) - Γ(1+1/k)²) */
    double g1 = tgamma(1 + 1 / 1.5), g2 = tgamma(1 + 2 / 1.5);
    check_moments("weibull(1.5, 2h)", 2 * h * g1, 4 * h * h * (g2 - g1 * g1), 8);
    check_moments("empirical(1h, 2h, 6h)", 3 * h, (1 + 4 + 36) * h * h / 3 - 9 * h * h, 9);
    check_moments("fixed(90m)", 5400, 0, 10);
    /* normal far from 0 is the plain normal */
    check_moments("normal(10h, 1h)", 10 * h, h * h, 11);
}

static void dist_sample__normal_near_zero__resampled_not_negative(void **state)
{
    (void)state;
    /* truncated at 0: mean m + s φ(m/s) / Φ(m/s) */
    double m = 1, s = 1;
    double phi = exp(-0.5) / 2.5066282746310002, Phi = 0.5 * erfc(-m / s / sqrt(2));
    flujo_dist_t d = parse_ok("normal(1h, 1h)");
    assert_close(flujo_dist_mean(&d) / 3600, m + s * phi / Phi, 1e-9);
    gsl_rng *r = flujo_rng_new(3, 3, 3);
    double sum = 0;
    for (int i = 0; i < N; i++) {
        double x = flujo_dist_sample(&d, r);
        assert_true(x >= 0);
        sum += x;
    }
    assert_close(sum / N / 3600, m + s * phi / Phi, 0.01);
    gsl_rng_free(r);
    flujo_dist_destroy(&d);
}

static void rng_streams__same_inputs_same_numbers_different_inputs_differ(void **state)
{
    (void)state;
    gsl_rng *a = flujo_rng_new(1, 1, flujo_rng_stream("task", "T1"));
    gsl_rng *b = flujo_rng_new(1, 1, flujo_rng_stream("task", "T1"));
    gsl_rng *c = flujo_rng_new(1, 2, flujo_rng_stream("task", "T1"));
    gsl_rng *d = flujo_rng_new(1, 1, flujo_rng_stream("task", "T2"));
    int same_c = 0, same_d = 0;
    for (int i = 0; i < 1000; i++) {
        unsigned long x = gsl_rng_get(a);
        assert_int_equal(x, gsl_rng_get(b));
        same_c += x == gsl_rng_get(c);
        same_d += x == gsl_rng_get(d);
    }
    assert_true(same_c < 3 && same_d < 3);
    assert_true(flujo_rng_stream("task", "T1") != flujo_rng_stream("gateway", "T1"));
    gsl_rng_free(a);
    gsl_rng_free(b);
    gsl_rng_free(c);
    gsl_rng_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dist_parse__units__seconds_and_clock),
        cmocka_unit_test(dist_parse__impossible__one_line_reason),
        cmocka_unit_test(dist_sample__families__moments_match_theory),
        cmocka_unit_test(dist_sample__normal_near_zero__resampled_not_negative),
        cmocka_unit_test(rng_streams__same_inputs_same_numbers_different_inputs_differ),
    };
    return cmocka_run_group_tests_name("dist", tests, NULL, NULL);
}
