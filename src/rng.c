/* rng.c - seeded random number streams (GSL mt19937). */
#include <stdio.h>
#include <stdlib.h>

#include "flujo_rng.h"

/* splitmix64 (Steele, Lea, Flood 2014): a bijective 64-bit mixer, so distinct inputs never share a
 * state and one-bit input changes flip half the output bits. */
static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t flujo_rng_stream(const char *purpose, const char *element)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a over "purpose\0element" */
    for (const char *p = purpose; *p; p++) {
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    }
    h = (h ^ 0xffu) * 1099511628211ULL;
    for (const char *p = element != NULL ? element : ""; *p; p++) {
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    }
    return mix(h);
}

void flujo_rng_seed(gsl_rng *r, uint64_t seed, uint64_t replication, uint64_t stream)
{
    uint64_t s = mix(mix(mix(seed) ^ replication) ^ stream);
    /* mt19937 takes 32 bits of seed; 0 would select GSL's default seed. */
    unsigned long s32 = (unsigned long)((s ^ (s >> 32)) & 0xffffffffULL);
    gsl_rng_set(r, s32 != 0 ? s32 : 1);
}

gsl_rng *flujo_rng_new(uint64_t seed, uint64_t replication, uint64_t stream)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r == NULL) {
        fprintf(stderr, "flujo: out of memory allocating a random number generator\n");
        abort();
    }
    flujo_rng_seed(r, seed, replication, stream);
    return r;
}
