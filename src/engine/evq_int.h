/* evq_int.h - the future event list: a binary min-heap of events ordered by time, then
 * priority, then the order they were pushed, so that a run depends only on its seed. */
#ifndef FLUJO_EVQ_INT_H
#define FLUJO_EVQ_INT_H

#include <stddef.h>
#include <stdint.h>

/* A scheduled event. What a, b and c mean depends on kind (engine.c). */
typedef struct flujo_ev {
    double time;   /* when, seconds of simulation time */
    uint64_t key;  /* priority in the top 8 bits, push sequence below: the total order at ties */
    uint32_t kind; /* what happens */
    uint32_t a;    /* payload */
    uint32_t b;    /* payload */
    uint32_t c;    /* payload */
} flujo_ev_t;

/* The heap, in caller storage. */
typedef struct flujo_evq {
    flujo_ev_t *heap; /* heap[0] is the next event */
    size_t n;         /* events held */
    size_t cap;       /* allocated */
    uint64_t seq;     /* pushes so far */
} flujo_evq_t;

void flujo_evq_init(flujo_evq_t *q);
void flujo_evq_destroy(flujo_evq_t *q);

/* Removes every event, keeping the allocation (for the next replication). */
void flujo_evq_clear(flujo_evq_t *q);

/* Schedules an event; priority 0..255, lower runs first among events at the same time. The array
 * doubles when full, so a long run allocates nothing once it has reached its largest size. */
void flujo_evq_push(flujo_evq_t *q, double time, unsigned priority, uint32_t kind, uint32_t a,
                    uint32_t b, uint32_t c);

/* Removes the next event into *ev; returns 0 when the list is empty, 1 otherwise. */
int flujo_evq_pop(flujo_evq_t *q, flujo_ev_t *ev);

#endif
