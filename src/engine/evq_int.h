/* evq_int.h - the future event list: a binary min-heap of events ordered by time, then
 * priority, then the order they were pushed, so that a run depends only on its seed. */
#ifndef FLUJO_EVQ_INT_H
#define FLUJO_EVQ_INT_H

#include <stddef.h>
#include <stdint.h>

/* What an event carries: one member per kind of event (engine_int.h names the kinds). Tokens and
 * scopes are named by index and generation, so that an event for a token that has moved on since
 * is recognised as stale. */
typedef union flujo_ev_data {
    struct {
        uint32_t stream; /* the arrival stream */
    } arrival;
    struct {
        uint32_t tok; /* the token whose work or delay ends */
        uint32_t gen; /* its generation when the event was scheduled */
    } token;
    struct {
        uint32_t tok;   /* the token at the activity */
        uint32_t gen;   /* its generation */
        uint32_t event; /* the boundary event node, and in the bits from FLUJO__FIRED_SHIFT up
                           the times it has fired for this activity (a timeCycle) */
    } boundary;
    struct {
        uint32_t tok; /* the token at the event-based gateway */
        uint32_t gen; /* its generation */
        uint32_t out; /* the winning flow's index in the model's out_flow[] */
    } race;
    struct {
        uint32_t scope; /* the scope whose event sub-process starts */
        uint32_t gen;   /* the scope's generation */
        uint32_t evsub; /* the event sub-process, index in the engine's evsubs[] */
    } evsub;
} flujo_ev_data_t;

/* A scheduled event. */
/* Where a boundary event's count of firings starts in its payload (models have fewer than 2^20
 * nodes, the reader's limit being 20,000). */
#define FLUJO__FIRED_SHIFT 20
#define FLUJO__FIRED_MAX   4095

typedef struct flujo_ev {
    double time;          /* when, seconds of simulation time */
    uint64_t key;         /* priority in the top 8 bits, push sequence below: the total order */
    uint32_t kind;        /* what happens */
    flujo_ev_data_t data; /* what it happens to */
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
void flujo_evq_push(flujo_evq_t *q, double time, unsigned priority, uint32_t kind,
                    flujo_ev_data_t data);

/* Removes the next event into *ev; returns 0 when the list is empty, 1 otherwise. */
int flujo_evq_pop(flujo_evq_t *q, flujo_ev_t *ev);

#endif
