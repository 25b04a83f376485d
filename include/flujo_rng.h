/* flujo_rng.h - seeded random number streams: one per purpose, reproducible from (seed,
 * replication, stream), so that compared scenarios share random numbers where they share
 * elements. */
#ifndef FLUJO_RNG_H
#define FLUJO_RNG_H

#include <stdint.h>

#include <gsl/gsl_rng.h>

/* The stream id of a purpose ("task", "gateway", "arrival", ...) and an element id: a hash of
 * both, so that the same element gets the same stream in every scenario that has it. */
uint64_t flujo_rng_stream(const char *purpose, const char *element);

/* Seeds r (a gsl_rng_mt19937) for stream `stream` of replication `replication` of an experiment
 * with seed `seed`. The three numbers are mixed with splitmix64, so that nearby seeds, replications
 * and streams give unrelated sequences. */
void flujo_rng_seed(gsl_rng *r, uint64_t seed, uint64_t replication, uint64_t stream);

/* A new mt19937 generator seeded as flujo_rng_seed does; never NULL (aborts without memory). */
gsl_rng *flujo_rng_new(uint64_t seed, uint64_t replication, uint64_t stream);

#endif
