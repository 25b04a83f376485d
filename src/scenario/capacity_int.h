/* capacity_int.h - what the files of the capacity check share (capacity.c, capacity_routing.c,
 * traffic.c): the routing P of the traffic equations and their solve. */
#ifndef FLUJO_CAPACITY_INT_H
#define FLUJO_CAPACITY_INT_H

#include "flujo_scenario.h"
#include "scenario/scenario_int.h"

/* P as a list of entries: node from sends p tokens to node to per visit (p > 0; p < 0 takes back
 * from `to` what an activity sends it for the visits its error end events end, see routing). */
typedef struct flujo__entry {
    int64_t from, to;
    double p;
} flujo__entry_t;

typedef struct flujo__route {
    flujo__entry_t *e;
    size_t n, cap;
    double *worked; /* per node: the share of a task's mean work done per visit (below 1 when
                       an interrupting timer cuts it) */
} flujo__route_t;

/* Builds P for the cases of one arrival stream (weights select the stream whose attributes decide
 * the conditions) into r: its entries replace those r held, in storage r owns (the caller frees
 * r->e and r->worked). Conditions and event races are estimated by sampling, on random streams of
 * their own. */
void flujo__routing(const flujo_scenario_t *s, const double *weights, flujo__route_t *r);

/* How a solve of the traffic equations ended. */
typedef enum flujo__solve { FLUJO__SOLVED, FLUJO__TRAPPED, FLUJO__TOO_BIG } flujo__solve_t;

/* Solves the traffic equations x = e + P^T x of model m for cases entering at node start, P being
 * r, into x (one value per node). A loop that is never left gives FLUJO__TRAPPED with the node to
 * name in *culprit; a loop too big for a dense solve (or out of memory) gives FLUJO__TOO_BIG, the
 * visits then unknown. */
flujo__solve_t flujo__solve_visits(const flujo_model_t *m, const flujo__route_t *r, int64_t start,
                                   double *x, int64_t *culprit);

#endif
