/* stats_int.h - what the engine gathers figures with: tallies, time-weighted averages, and the
 * building of histograms (stats.c). */
#ifndef FLUJO_STATS_INT_H
#define FLUJO_STATS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "flujo_stats.h"

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

/* An empty histogram; one more observation; the counts of src added to dst. */
void flujo_hist_init(flujo_hist_t *h);
void flujo_hist_add(flujo_hist_t *h, double x);
void flujo_hist_merge(flujo_hist_t *dst, const flujo_hist_t *src);

#endif
