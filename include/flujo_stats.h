/* flujo_stats.h - tallies, time-weighted averages, a constant-memory histogram for percentiles,
 * and confidence intervals over replications. */
#ifndef FLUJO_STATS_H
#define FLUJO_STATS_H

#include <stddef.h>
#include <stdint.h>

/* Count, mean and variance of observations (Welford's update), with their range. */
typedef struct flujo_tally {
    double n;    /* observations */
    double mean; /* running mean */
    double m2;   /* sum of squared deviations from the mean */
    double min;  /* smallest */
    double max;  /* largest */
} flujo_tally_t;

void flujo_tally_init(flujo_tally_t *t);
void flujo_tally_add(flujo_tally_t *t, double x);

/* The sample variance (0 with fewer than two observations). */
double flujo_tally_var(const flujo_tally_t *t);

/* The average of a piecewise-constant quantity over the window [t0, t1] (a queue length, busy
 * performers): the value times the time it was held, clipped to the window. */
typedef struct flujo_timeavg {
    double t0, t1; /* window */
    double last;   /* time of the last change */
    double value;  /* value since then */
    double area;   /* value × time inside the window so far */
} flujo_timeavg_t;

void flujo_timeavg_init(flujo_timeavg_t *a, double t0, double t1);

/* The quantity changes to value at time t (t never decreases). */
void flujo_timeavg_set(flujo_timeavg_t *a, double t, double value);

/* The average over the window, counting the current value up to t1. */
double flujo_timeavg_mean(const flujo_timeavg_t *a);

/* Closes an open-ended window (t1 = INFINITY) at t1, the last change being at or before it. */
void flujo_timeavg_end(flujo_timeavg_t *a, double t1);

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

void flujo_hist_init(flujo_hist_t *h);
void flujo_hist_add(flujo_hist_t *h, double x);

/* Adds the counts of src to dst. */
void flujo_hist_merge(flujo_hist_t *dst, const flujo_hist_t *src);

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
