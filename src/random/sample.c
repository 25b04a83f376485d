/* sample.c - draws from duration distributions, through GSL's random variates (the parameter
 * conversions are derived once at parse time, dist.c). */
#include <math.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "flujo_dist.h"
#include "random/random_int.h"

static double sample_one(const flujo_dist_t *d, gsl_rng *r);

double flujo_dist_sample(const flujo_dist_t *d, flujo_rng_t *rng)
{
    gsl_rng *r = (gsl_rng *)(void *)rng; /* see rng.c */
    double x = 0;
    for (; d != NULL; d = d->next) {
        if (!d->bounded) {
            x += sample_one(d, r);
            continue;
        }
        double y = NAN;
        for (int i = 0; i < FLUJO_DIST_MAX_REDRAWS && isnan(y); i++) {
            double v = sample_one(d, r);
            y = v >= d->lo && v <= d->hi ? v : NAN;
        }
        x += isnan(y) ? flujo__dist_fallback(d) : y;
    }
    return x;
}

static double sample_one(const flujo_dist_t *d, gsl_rng *r)
{
    const double *p = d->p;
    switch (d->kind) {
    case FLUJO_DIST_FIXED:
        return p[0];
    case FLUJO_DIST_EXPONENTIAL:
        return gsl_ran_exponential(r, p[0]);
    case FLUJO_DIST_UNIFORM:
        return p[0] + (p[1] - p[0]) * gsl_rng_uniform(r);
    case FLUJO_DIST_TRIANGULAR: {
        /* inverse CDF */
        double lo = p[0], mode = p[1], hi = p[2];
        if (hi <= lo) {
            return lo;
        }
        double u = gsl_rng_uniform(r);
        double fc = (mode - lo) / (hi - lo);
        return u < fc ? lo + sqrt(u * (hi - lo) * (mode - lo))
                      : hi - sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case FLUJO_DIST_PERT:
        if (p[2] <= p[0]) {
            return p[0];
        }
        return p[0] + (p[2] - p[0]) * gsl_ran_beta(r, d->a, d->b);
    case FLUJO_DIST_NORMAL:
        /* mean > 0, so each draw is kept with probability >= 1/2 */
        for (int i = 0; i < 1000; i++) {
            double x = p[0] + gsl_ran_gaussian(r, p[1]);
            if (x >= 0) {
                return x;
            }
        }
        return p[0];
    case FLUJO_DIST_LOGNORMAL:
        return gsl_ran_lognormal(r, d->a, d->b);
    case FLUJO_DIST_GAMMA:
    case FLUJO_DIST_ERLANG:
        return gsl_ran_gamma(r, d->a, d->b);
    case FLUJO_DIST_WEIBULL:
        return gsl_ran_weibull(r, p[1], p[0]);
    case FLUJO_DIST_EMPIRICAL:
        return d->values[gsl_rng_uniform_int(r, d->n_values)];
    }
    return 0;
}
