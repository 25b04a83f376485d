/* rng.c - seeded random number streams (GSL mt19937). */
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "random/random_int.h"

/* flujo_rng_t is never defined: a flujo_rng_t * is a gsl_rng * under another name, so that no
 * GSL type leaves random/. */
static gsl_rng *gsl(flujo_rng_t *r)
{
    return (gsl_rng *)(void *)r;
}

void flujo__random_lib_init(void)
{
    /* GSL's default handler aborts; GSL still returns its error codes with the handler off, which
     * is what the callers (random/, stats/, scenario/ capacity) check. */
    gsl_set_error_handler_off();
}

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

void flujo_rng_seed(flujo_rng_t *r, uint64_t seed, uint64_t replication, uint64_t stream)
{
    uint64_t s = mix(mix(mix(seed) ^ replication) ^ stream);
    /* mt19937 takes 32 bits of seed; 0 would select GSL's default seed. */
    unsigned long s32 = (unsigned long)((s ^ (s >> 32)) & 0xffffffffULL);
    gsl_rng_set(gsl(r), s32 != 0 ? s32 : 1);
}

flujo_rng_t *flujo_rng_new(uint64_t seed, uint64_t replication, uint64_t stream)
{
    gsl_rng *g = gsl_rng_alloc(gsl_rng_mt19937);
    if (g == NULL) {
        fprintf(stderr, "flujo: out of memory allocating a random number generator\n");
        abort();
    }
    flujo_rng_t *r = (flujo_rng_t *)(void *)g;
    flujo_rng_seed(r, seed, replication, stream);
    return r;
}

void flujo_rng_free(flujo_rng_t *r)
{
    if (r != NULL) {
        gsl_rng_free(gsl(r));
    }
}

double flujo_rng_uniform(flujo_rng_t *r)
{
    return gsl_rng_uniform(gsl(r));
}

unsigned long flujo_rng_uniform_int(flujo_rng_t *r, unsigned long n)
{
    return gsl_rng_uniform_int(gsl(r), n);
}
