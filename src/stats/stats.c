/* stats.c - tallies, time-weighted averages, log-binned histograms, t intervals. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "flujo_stats.h"
#include "stats/stats_int.h"

void flujo_tally_init(flujo_tally_t *t)
{
    t->n = 0;
    t->mean = 0;
    t->m2 = 0;
    t->min = INFINITY;
    t->max = -INFINITY;
}

void flujo_tally_add(flujo_tally_t *t, double x)
{
    /* Welford: stable for long runs of similar values, unlike sum and sum of squares */
    t->n += 1;
    double d = x - t->mean;
    t->mean += d / t->n;
    t->m2 += d * (x - t->mean);
    t->min = x < t->min ? x : t->min;
    t->max = x > t->max ? x : t->max;
}

double flujo_tally_var(const flujo_tally_t *t)
{
    return t->n > 1 ? t->m2 / (t->n - 1) : 0;
}

void flujo_timeavg_init(flujo_timeavg_t *a, double t0, double t1)
{
    a->t0 = t0;
    a->t1 = t1;
    a->last = 0;
    a->value = 0;
    a->area = 0;
}

/* Adds value × the part of [from, to] inside the window. */
static void accumulate(flujo_timeavg_t *a, double from, double to)
{
    double lo = from > a->t0 ? from : a->t0;
    double hi = to < a->t1 ? to : a->t1;
    if (hi > lo) {
        a->area += a->value * (hi - lo);
    }
}

void flujo_timeavg_set(flujo_timeavg_t *a, double t, double value)
{
    accumulate(a, a->last, t);
    a->last = t;
    a->value = value;
}

void flujo_timeavg_end(flujo_timeavg_t *a, double t1)
{
    if (isinf(a->t1)) {
        a->t1 = t1;
    }
}

double flujo_timeavg_mean(const flujo_timeavg_t *a)
{
    flujo_timeavg_t b = *a;
    if (b.last < b.t1) {
        accumulate(&b, b.last, b.t1);
    }
    return b.t1 > b.t0 ? b.area / (b.t1 - b.t0) : NAN;
}

#define LOG_G 0.00995033085316808 /* ln(1.01) */

void flujo_hist_init(flujo_hist_t *h)
{
    memset(h, 0, sizeof(*h));
}

void flujo_hist_add(flujo_hist_t *h, double x)
{
    h->n++;
    h->max = h->n == 1 || x > h->max ? x : h->max;
    h->min = h->n == 1 || x < h->min ? x : h->min;
    if (!(x >= FLUJO_HIST_MIN)) {
        h->zero++;
        return;
    }
    double k = floor(log(x / FLUJO_HIST_MIN) / LOG_G);
    h->bins[k < FLUJO_HIST_BINS ? (size_t)k : FLUJO_HIST_BINS]++;
}

void flujo_hist_merge(flujo_hist_t *dst, const flujo_hist_t *src)
{
    if (src->n == 0) {
        return;
    }
    dst->max = dst->n == 0 || src->max > dst->max ? src->max : dst->max;
    dst->min = dst->n == 0 || src->min < dst->min ? src->min : dst->min;
    dst->n += src->n;
    dst->zero += src->zero;
    for (size_t k = 0; k <= FLUJO_HIST_BINS; k++) {
        dst->bins[k] += src->bins[k];
    }
}

double flujo_hist_cdf(const flujo_hist_t *h, double x)
{
    if (h->n == 0) {
        return NAN;
    }
    if (x >= h->max) {
        return 1;
    }
    if (x < h->min) {
        return 0;
    }
    uint64_t below = h->zero;
    if (x >= FLUJO_HIST_MIN) {
        double k = floor(log(x / FLUJO_HIST_MIN) / LOG_G);
        size_t last = k < FLUJO_HIST_BINS ? (size_t)k : FLUJO_HIST_BINS;
        for (size_t b = 0; b <= last; b++) {
            below += h->bins[b];
        }
    }
    return (double)below / (double)h->n;
}

double flujo_hist_quantile(const flujo_hist_t *h, double q)
{
    if (h->n == 0) {
        return NAN;
    }
    if (q >= 1) {
        return h->max;
    }
    /* the observation of rank ceil(q n), as the empirical quantile */
    uint64_t rank = (uint64_t)ceil(q * (double)h->n);
    rank = rank < 1 ? 1 : rank;
    uint64_t seen = h->zero;
    if (seen >= rank) {
        return h->min < FLUJO_HIST_MIN ? h->min : FLUJO_HIST_MIN;
    }
    for (size_t k = 0; k <= FLUJO_HIST_BINS; k++) {
        seen += h->bins[k];
        if (seen >= rank) {
            double mid = FLUJO_HIST_MIN * exp(((double)k + 0.5) * LOG_G);
            return mid > h->max ? h->max : mid < h->min ? h->min : mid;
        }
    }
    return h->max;
}

flujo_estimate_t flujo_estimate(const double *x, size_t n, size_t stride)
{
    flujo_estimate_t e = {NAN, NAN, NAN, NAN, 0};
    flujo_tally_t t;
    flujo_tally_init(&t);
    for (size_t i = 0; i < n; i++) {
        double v = x[i * stride];
        if (!isnan(v)) {
            flujo_tally_add(&t, v);
        }
    }
    e.n = (size_t)t.n;
    if (e.n == 0) {
        return e;
    }
    e.mean = t.mean;
    if (e.n < 2) {
        return e;
    }
    e.sd = sqrt(flujo_tally_var(&t));
    double half = gsl_cdf_tdist_Pinv(0.975, t.n - 1) * e.sd / sqrt(t.n);
    e.lo = e.mean - half;
    e.hi = e.mean + half;
    return e;
}
