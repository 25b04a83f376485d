/* test_dist.c - duration distributions: the text form, its errors, and samples against theory
 * (fixed seed; tolerances of a few standard errors, as in GSL's randist tests). */
#include <stdlib.h>

#include <gsl/gsl_sf_gamma.h>

#include "flujo_dist.h"
#include "random/random_int.h"
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
    flujo_rng_t *r = flujo_rng_new(seed, 1, 7);
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
    flujo_rng_free(r);
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
    parse_fails("1e308h", "'1e308h' is longer than 1000 years");
    parse_fails("exponential(9000000h)", "'9000000h' is longer than 1000 years");
    parse_fails("weibull(0.01, 1h)", "has a mean longer than 1000 years");    /* 10^158 h */
    parse_fails("weibull(0.00001, 1h)", "has a mean longer than 1000 years"); /* Gamma overflows */
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
    flujo_rng_t *r = flujo_rng_new(3, 3, 3);
    double sum = 0;
    for (int i = 0; i < N; i++) {
        double x = flujo_dist_sample(&d, r);
        assert_true(x >= 0);
        sum += x;
    }
    assert_close(sum / N / 3600, m + s * phi / Phi, 0.01);
    flujo_rng_free(r);
    flujo_dist_destroy(&d);
}

/* Sample mean of a bounded distribution against its exact mean, every sample inside [lo, hi]. */
static void check_bounded(const char *text, double mean, double lo, double hi, uint64_t seed)
{
    flujo_dist_t d = parse_ok(text);
    flujo_rng_t *r = flujo_rng_new(seed, 1, 9);
    double s = 0, s2 = 0;
    for (int i = 0; i < N; i++) {
        double x = flujo_dist_sample(&d, r);
        assert_true(x >= lo - 1e-9 && x <= hi + 1e-9);
        s += x;
        s2 += x * x;
    }
    double m = s / N, sd = sqrt(s2 / N - m * m);
    assert_close(flujo_dist_mean(&d), mean, 1e-6 * mean);
    assert_close(m, mean, 5 * sd / sqrt(N) + 1e-9);
    flujo_rng_free(r);
    flujo_dist_destroy(&d);
}

static double std_normal_pdf(double z)
{
    return exp(-z * z / 2) / 2.5066282746310002;
}

static double std_normal_cdf(double z)
{
    return 0.5 * erfc(-z / sqrt(2));
}

/* Bounds and sums: the closed-form means of truncated distributions, the shifted exponential of
 * Prosimos' expon(mean, min, max), the fallback when no draw can fall inside. */
static void dist_bounded__sums_and_bounds__exact_means(void **state)
{
    (void)state;
    double m = 600, s = 240, a = 300, b = 1200; /* normal(10m, 4m) in [5m, 20m] */
    double al = (a - m) / s, be = (b - m) / s;
    double tn = m + s * (std_normal_pdf(al) - std_normal_pdf(be)) /
                        (std_normal_cdf(be) - std_normal_cdf(al));
    check_bounded("normal(10m, 4m) in [5m, 20m]", tn, a, b, 21);
    /* exponential of mean mu below b: mu - b e^(-b/mu) / (1 - e^(-b/mu)) */
    double mu = 1800, hi = 3600;
    double te = mu - hi * exp(-hi / mu) / (1 - exp(-hi / mu));
    check_bounded("exponential(30m) in [0s, 60m]", te, 0, hi, 22);
    /* Prosimos expon [mean 40m, min 5m, max 65m]: 5m + an exponential of 35m below 60m */
    double mu2 = 2100, c2 = 3600;
    double te2 = 300 + mu2 - c2 * exp(-c2 / mu2) / (1 - exp(-c2 / mu2));
    check_bounded("5m + exponential(35m) in [0s, 60m]", te2, 300, 3900, 23);
    check_bounded("uniform(0m, 10m) in [5m, 20m]", 450, 300, 600, 24);
    check_bounded("empirical(1m, 2m, 9m) in [0m, 5m]", 90, 60, 120, 25);
    /* nothing can fall inside: the middle of the interval (the mean is outside it) */
    check_bounded("fixed(30m) in [40m, 50m]", 2700, 2700, 2700, 26);
    /* lognormal: the quadrature's mean against the samples alone */
    flujo_dist_t d = parse_ok("lognormal(10m, 5m) in [2m, 30m]");
    double q = flujo_dist_mean(&d);
    flujo_dist_destroy(&d);
    assert_true(q > 500 && q < 640);
    check_bounded("lognormal(10m, 5m) in [2m, 30m]", q, 120, 1800, 27);
    /* gamma of shape k, scale t below b: k t P(k + 1, b/t) / P(k, b/t) (regularised) */
    double k = 4, th = 150;
    double tg = k * th * gsl_sf_gamma_inc_P(k + 1, 900 / th) / gsl_sf_gamma_inc_P(k, 900 / th);
    check_bounded("gamma(10m, 5m) in [0s, 15m]", tg, 0, 900, 28);
}

static void dist_bounded__bad_bounds__one_line_reason(void **state)
{
    (void)state;
    parse_fails("normal(10m, 4m) in [20m, 5m]", "0 <= min <= max");
    parse_fails("normal(10m, 4m) in [5, 20m]", "same kind of unit");
    parse_fails("normal(10m, 4m) in [1bd, 2bd]", "same kind of unit");
    parse_fails("normal(10m, 4m) in [5m]", "in [min, max]");
    parse_fails("5m + 2bd", "mixes s/m/h and bd");
    parse_fails("5m + gauss(3m)", "unknown distribution 'gauss'");
    flujo_dist_t d = parse_ok("1e+3s + 2m");
    assert_close(flujo_dist_mean(&d), 1120, 1e-9);
    flujo_dist_destroy(&d);
}

static void rng_streams__same_inputs_same_numbers_different_inputs_differ(void **state)
{
    (void)state;
    flujo_rng_t *a = flujo_rng_new(1, 1, flujo_rng_stream("task", "T1"));
    flujo_rng_t *b = flujo_rng_new(1, 1, flujo_rng_stream("task", "T1"));
    flujo_rng_t *c = flujo_rng_new(1, 2, flujo_rng_stream("task", "T1"));
    flujo_rng_t *d = flujo_rng_new(1, 1, flujo_rng_stream("task", "T2"));
    int same_c = 0, same_d = 0;
    for (int i = 0; i < 1000; i++) {
        double x = flujo_rng_uniform(a);
        assert_true(x == flujo_rng_uniform(b));
        same_c += x == flujo_rng_uniform(c);
        same_d += x == flujo_rng_uniform(d);
    }
    assert_true(same_c < 3 && same_d < 3);
    assert_true(flujo_rng_stream("task", "T1") != flujo_rng_stream("gateway", "T1"));
    flujo_rng_free(a);
    flujo_rng_free(b);
    flujo_rng_free(c);
    flujo_rng_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dist_parse__units__seconds_and_clock),
        cmocka_unit_test(dist_parse__impossible__one_line_reason),
        cmocka_unit_test(dist_sample__families__moments_match_theory),
        cmocka_unit_test(dist_sample__normal_near_zero__resampled_not_negative),
        cmocka_unit_test(dist_bounded__sums_and_bounds__exact_means),
        cmocka_unit_test(dist_bounded__bad_bounds__one_line_reason),
        cmocka_unit_test(rng_streams__same_inputs_same_numbers_different_inputs_differ),
    };
    return cmocka_run_group_tests_name("dist", tests, NULL, NULL);
}
