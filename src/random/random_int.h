/* random_int.h - seeded random number streams and draws from distributions, for the parts that
 * simulate (engine/, scenario/ capacity). One stream per purpose, reproducible from (seed,
 * replication, stream), so that compared scenarios share random numbers where they share
 * elements. GSL stays behind this header: a stream is an opaque flujo_rng_t. */
#ifndef FLUJO_RANDOM_INT_H
#define FLUJO_RANDOM_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flujo_dist.h"

/* Turns GSL's aborting error handler off (flujo_lib_init calls it). */
void flujo__random_lib_init(void);

/* A Mersenne Twister (GSL's mt19937) stream. */
typedef struct flujo_rng flujo_rng_t;

/* The stream id of a purpose ("task", "gateway", "arrival", ...) and an element id: a hash of
 * both, so that the same element gets the same stream in every scenario that has it. */
uint64_t flujo_rng_stream(const char *purpose, const char *element);

/* Seeds r for stream `stream` of replication `replication` of an experiment with seed `seed`. The
 * three numbers are mixed with splitmix64, so that nearby seeds, replications and streams give
 * unrelated sequences. */
void flujo_rng_seed(flujo_rng_t *r, uint64_t seed, uint64_t replication, uint64_t stream);

/* A new stream seeded as flujo_rng_seed does; never NULL (aborts without memory). Free it with
 * flujo_rng_free (NULL is a no-op). */
flujo_rng_t *flujo_rng_new(uint64_t seed, uint64_t replication, uint64_t stream);
void flujo_rng_free(flujo_rng_t *r);

/* A uniform draw from [0, 1). */
double flujo_rng_uniform(flujo_rng_t *r);

/* A uniform draw from 0 .. n-1 (n >= 1). */
unsigned long flujo_rng_uniform_int(flujo_rng_t *r, unsigned long n);

/* Parses "<number><unit>" of len bytes of text (white space around it allowed) into *value
 * seconds and *clock, with *has_unit false for a bare number; unitless numbers are accepted only
 * when clock is NULL. False, with the reason in err, otherwise (units.c). */
bool flujo__parse_quantity(const char *text, size_t len, double *value, flujo_clock_t *clock,
                           bool *has_unit, flujo_err_t *err);

/* The mean of one term of d (d->next aside), unbounded (mean.c). */
double flujo__dist_term_mean(const flujo_dist_t *d);

/* What a bounded term gives when no draw falls inside its bounds: its unbounded mean if that lies
 * inside them, else their middle (mean.c). */
double flujo__dist_fallback(const flujo_dist_t *d);

/* The mean of one bounded term: of its density restricted to [d->lo, d->hi] (mean.c). */
double flujo__dist_bounded_mean(const flujo_dist_t *d);

/* One sample of d, in seconds of the distribution's clock, never negative. */
double flujo_dist_sample(const flujo_dist_t *d, flujo_rng_t *r);

#endif
