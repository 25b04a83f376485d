/* flujo_stats.h - a constant-memory histogram for percentiles, and confidence intervals over
 * replications. */
#ifndef FLUJO_STATS_H
#define FLUJO_STATS_H

#include <stddef.h>
#include <stdint.h>

/* A histogram on a logarithmic scale: bin k holds [g^k, g^(k+1)) with g = 1.01, so that a
 * percentile read at the geometric middle of its bin is within 0.5% of the exact one, in constant
 * memory whatever the number of observations. Values below FLUJO_HIST_MIN count as 0. */
#define FLUJO_HIST_MIN  1e-6
#define FLUJO_HIST_BINS 3472 /* up to 1e9 */

typedef struct flujo_hist {
    uint64_t n;                         /* observations */
    uint64_t zero;                      /* observations below FLUJO_HIST_MIN */
    double min;                         /* smallest observation, exact */
    double max;                         /* largest observation, exact */
    uint32_t bins[FLUJO_HIST_BINS + 1]; /* the last bin also takes everything above 1e9 */
} flujo_hist_t;

/* The q-quantile (0 < q <= 1); NaN when empty. q = 1 gives the exact maximum; estimates are kept
 * within the exact minimum and maximum. */
double flujo_hist_quantile(const flujo_hist_t *h, double q);

/* The share of observations at or below x (bins are counted whole up to the one holding x, so
 * within a bin's width, 1%, of the exact value); NaN when empty. */
double flujo_hist_cdf(const flujo_hist_t *h, double x);

/* An estimate over replications: mean, standard deviation and the 95% Student-t confidence
 * interval of the mean (GSL's gsl_cdf_tdist_Pinv). NaN values (a replication where the quantity
 * is undefined) are left out; n counts the others. */
typedef struct flujo_estimate {
    double mean; /* mean over replications */
    double sd;   /* sample standard deviation */
    double lo;   /* 95% CI lower bound */
    double hi;   /* 95% CI upper bound */
    size_t n;    /* replications that contributed */
} flujo_estimate_t;

flujo_estimate_t flujo_estimate(const double *x, size_t n, size_t stride);

#endif
