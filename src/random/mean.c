/* mean.c - the means of duration distributions: in closed form for each family, and for a bounded
 * term the mean of the density restricted to its bounds (GSL's QAGS quadrature over the part of
 * the bounds where the density is not negligible). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>

#include "flujo_dist.h"
#include "random/random_int.h"

double flujo_dist_mean(const flujo_dist_t *d)
{
    double x = 0;
    for (; d != NULL; d = d->next) {
        x += d->bounded ? d->bmean : flujo__dist_term_mean(d);
    }
    return x;
}

double flujo__dist_term_mean(const flujo_dist_t *d)
{
    const double *p = d->p;
    switch (d->kind) {
    case FLUJO_DIST_FIXED:
    case FLUJO_DIST_EXPONENTIAL:
    case FLUJO_DIST_LOGNORMAL:
    case FLUJO_DIST_GAMMA:
        return p[0];
    case FLUJO_DIST_UNIFORM:
        return (p[0] + p[1]) / 2;
    case FLUJO_DIST_TRIANGULAR:
        return (p[0] + p[1] + p[2]) / 3;
    case FLUJO_DIST_PERT:
        return (p[0] + 4 * p[1] + p[2]) / 6;
    case FLUJO_DIST_NORMAL: {
        /* mean of the normal truncated at 0 */
        if (p[1] == 0) {
            return p[0];
        }
        double alpha = -p[0] / p[1];
        double phi = exp(-alpha * alpha / 2) / 2.5066282746310002; /* sqrt(2 pi) */
        double tail = 0.5 * erfc(alpha / sqrt(2));
        return p[0] + p[1] * phi / tail;
    }
    case FLUJO_DIST_ERLANG:
        return p[1];
    case FLUJO_DIST_WEIBULL:
        return p[1] * tgamma(1 + 1 / p[0]);
    case FLUJO_DIST_EMPIRICAL: {
        double s = 0;
        for (size_t i = 0; i < d->n_values; i++) {
            s += d->values[i];
        }
        return s / (double)d->n_values;
    }
    }
    return 0;
}

/* ---- the mean of a bounded term ------------------------------------------------------------ */

/* The density of one term at x (families with a density). */
static double density(const flujo_dist_t *d, double x)
{
    const double *p = d->p;
    switch (d->kind) {
    case FLUJO_DIST_EXPONENTIAL:
        return gsl_ran_exponential_pdf(x, p[0]);
    case FLUJO_DIST_NORMAL:
        return x < 0 ? 0 : gsl_ran_gaussian_pdf(x - p[0], p[1]);
    case FLUJO_DIST_LOGNORMAL:
        return gsl_ran_lognormal_pdf(x, d->a, d->b);
    case FLUJO_DIST_GAMMA:
    case FLUJO_DIST_ERLANG:
        return gsl_ran_gamma_pdf(x, d->a, d->b);
    case FLUJO_DIST_WEIBULL:
        return gsl_ran_weibull_pdf(x, p[1], p[0]);
    case FLUJO_DIST_TRIANGULAR:
        if (x < p[0] || x > p[2] || p[2] <= p[0]) {
            return 0;
        }
        return x < p[1] ? 2 * (x - p[0]) / ((p[2] - p[0]) * (p[1] - p[0]))
                        : 2 * (p[2] - x) / ((p[2] - p[0]) * (p[2] - p[1]));
    case FLUJO_DIST_PERT:
        return x < p[0] || x > p[2] || p[2] <= p[0]
                   ? 0
                   : gsl_ran_beta_pdf((x - p[0]) / (p[2] - p[0]), d->a, d->b) / (p[2] - p[0]);
    default:
        return 0;
    }
}

/* Where the density of one term is not negligible: [*from, *to]. A quantile GSL cannot compute
 * (a gamma of shape in the millions) is NaN, which makes the caller take the fallback; GSL's
 * default handler would abort instead, so it is off here whatever the program set. */
static void support(const flujo_dist_t *d, double *from, double *to)
{
    const double *p = d->p, q = 1e-14;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    *from = 0;
    *to = INFINITY;
    switch (d->kind) {
    case FLUJO_DIST_EXPONENTIAL:
        *to = gsl_cdf_exponential_Qinv(q, p[0]);
        break;
    case FLUJO_DIST_NORMAL:
        *from = p[0] - 8 * p[1] > 0 ? p[0] - 8 * p[1] : 0;
        *to = p[0] + 8 * p[1];
        break;
    case FLUJO_DIST_LOGNORMAL:
        *from = gsl_cdf_lognormal_Pinv(q, d->a, d->b);
        *to = gsl_cdf_lognormal_Qinv(q, d->a, d->b);
        break;
    case FLUJO_DIST_GAMMA:
    case FLUJO_DIST_ERLANG:
        *to = gsl_cdf_gamma_Qinv(q, d->a, d->b);
        break;
    case FLUJO_DIST_WEIBULL:
        *to = gsl_cdf_weibull_Qinv(q, p[1], p[0]);
        break;
    default:
        *from = p[0];
        *to = p[2];
        break;
    }
    gsl_set_error_handler(old);
}

typedef struct moment_ctx {
    const flujo_dist_t *d;
    int power; /* 0: the density, 1: x times the density */
} moment_ctx_t;

static double moment_f(double x, void *arg)
{
    const moment_ctx_t *c = arg;
    double f = density(c->d, x);
    return c->power == 0 ? f : x * f;
}

/* The integral of x^power f(x) over [a, b]: QAGS, or a fixed 200-point Gauss-Legendre rule if
 * QAGS does not converge. */
static double integrate(const flujo_dist_t *d, int power, double a, double b)
{
    moment_ctx_t c = {d, power};
    gsl_function fn = {moment_f, &c};
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    double v, e;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int st = gsl_integration_qags(&fn, a, b, 0, 1e-10, 1000, w, &v, &e);
    gsl_set_error_handler(old);
    gsl_integration_workspace_free(w);
    if (st != GSL_SUCCESS) {
        gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(200);
        v = gsl_integration_glfixed(&fn, a, b, t);
        gsl_integration_glfixed_table_free(t);
    }
    return v;
}

/* What a bounded term gives when no draw falls inside its bounds. */
double flujo__dist_fallback(const flujo_dist_t *d)
{
    double m = flujo__dist_term_mean(d);
    return m >= d->lo && m <= d->hi ? m : (d->lo + d->hi) / 2;
}

double flujo__dist_bounded_mean(const flujo_dist_t *d)
{
    const double *p = d->p;
    double lo = d->lo, hi = d->hi;
    switch (d->kind) {
    case FLUJO_DIST_FIXED:
        return p[0] >= lo && p[0] <= hi ? p[0] : (lo + hi) / 2;
    case FLUJO_DIST_UNIFORM: {
        double a = p[0] > lo ? p[0] : lo, b = p[1] < hi ? p[1] : hi;
        if (p[1] == p[0]) {
            return p[0] >= lo && p[0] <= hi ? p[0] : (lo + hi) / 2;
        }
        return a <= b ? (a + b) / 2 : flujo__dist_fallback(d);
    }
    case FLUJO_DIST_EMPIRICAL: {
        double s = 0;
        size_t n = 0;
        for (size_t i = 0; i < d->n_values; i++) {
            if (d->values[i] >= lo && d->values[i] <= hi) {
                s += d->values[i];
                n++;
            }
        }
        return n > 0 ? s / (double)n : flujo__dist_fallback(d);
    }
    default:
        break;
    }
    double from, to;
    support(d, &from, &to);
    double a = lo > from ? lo : from, b = hi < to ? hi : to;
    if (d->kind == FLUJO_DIST_TRIANGULAR && p[2] <= p[0]) {
        return p[0] >= lo && p[0] <= hi ? p[0] : (lo + hi) / 2;
    }
    if (!(a < b)) {
        return flujo__dist_fallback(d);
    }
    double mass = integrate(d, 0, a, b);
    /* a term that almost never falls inside takes the fallback (after the redraws fail) */
    if (!(mass > 1e-9)) {
        return flujo__dist_fallback(d);
    }
    return integrate(d, 1, a, b) / mass;
}
