/* resource_int.h - a pool of performers and the queue of work waiting for them, with the
 * time-weighted statistics of both. */
#ifndef FLUJO_RESOURCE_INT_H
#define FLUJO_RESOURCE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flujo_scenario.h"
#include "flujo_stats.h"
#include "stats/stats_int.h"

/* A token waiting for `units` performers. */
typedef struct flujo_wait {
    uint32_t token; /* engine token index */
    uint32_t units; /* performers it needs together */
    double key;     /* EDD: due time; priority: minus the priority; FIFO: 0 */
    uint64_t seq;   /* arrival order, the tie-break */
} flujo_wait_t;

typedef struct flujo_res {
    bool unlimited;            /* never queues */
    long count;                /* performers */
    long busy;                 /* performers working now */
    flujo_queue_t disc;        /* queue discipline */
    flujo_wait_t *w;           /* FIFO: ring buffer from head; EDD/priority: binary heap */
    size_t head;               /* FIFO: first waiting entry */
    size_t n;                  /* waiting entries */
    size_t cap;                /* allocated entries */
    uint64_t seq;              /* entries so far */
    flujo_timeavg_t busy_avg;  /* performers busy over the window */
    flujo_timeavg_t queue_avg; /* queue length over the window */
} flujo_res_t;

/* Sets up an idle pool with statistics over the window [t0, t1]. */
void flujo_res_init(flujo_res_t *r, bool unlimited, long count, flujo_queue_t disc, double t0,
                    double t1);

/* Empties the pool for another replication, keeping the allocation. */
void flujo_res_reset(flujo_res_t *r, double t0, double t1);

void flujo_res_destroy(flujo_res_t *r);

/* Seizes units performers at time now if nobody waits and they are free; returns whether it did.
 * Unlimited pools always grant. */
bool flujo_res_seize(flujo_res_t *r, double now, long units);

/* True if flujo_res_seize would grant units performers now. */
bool flujo_res_can_seize(const flujo_res_t *r, long units);

/* Puts a token in the queue. */
void flujo_res_wait(flujo_res_t *r, double now, uint32_t token, long units, double key);

/* If the first waiting token fits in the free performers, seizes them for it, removes it from the
 * queue and returns true with its index in *token. Strict order: a large request at the head
 * blocks smaller ones behind it. */
bool flujo_res_next(flujo_res_t *r, double now, uint32_t *token);

/* Gives units performers back. */
void flujo_res_release(flujo_res_t *r, double now, long units);

/* Removes a waiting token (its activity was interrupted); false if it is not waiting. */
bool flujo_res_remove(flujo_res_t *r, double now, uint32_t token);

#endif
