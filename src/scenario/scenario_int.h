/* scenario_int.h - what the files of the scenario module (scenario.c, redesign_model.c) share. */
#ifndef FLUJO_SCENARIO_INT_H
#define FLUJO_SCENARIO_INT_H

#include "flujo_scenario.h"

/* Free what one activity's, gateway's or event's parameters hold. */
void flujo__task_destroy(flujo_task_t *t);
void flujo__split_destroy(flujo_split_t *g);
void flujo__delay_destroy(flujo_delay_t *d);

/* Defaults of the parameters of a node the scenario does not name. */
void flujo__task_init(flujo_task_t *t);

/* The structural redesign operators (redesign_model.c), applied to a scenario whose parameters are
 * already bound: each builds the changed model, moves every parameter to its node in it and
 * frees the old one. On failure (a target that does not fit the operator) they return
 * FLUJO_ESCENARIO with the reason alone in err->msg (the caller adds file, line and key) and
 * change nothing. */

/* Bypasses activity or intermediate event v: its one incoming flow goes where its one outgoing
 * flow went. */
flujo_status_t flujo__redesign_remove(flujo_scenario_t *s, int64_t v, flujo_err_t *err);

/* Task a, which directly precedes task b, becomes one task named `name` doing both: the sum of
 * their durations, by a's performers (one queue and one hand-off less). */
flujo_status_t flujo__redesign_merge(flujo_scenario_t *s, int64_t a, int64_t b, const char *name,
                                     flujo_err_t *err);

/* The chain of activities v[0] -> v[1] -> ... (each directly preceding the next) runs in
 * parallel between a new AND split and AND join. */
flujo_status_t flujo__redesign_parallel(flujo_scenario_t *s, const int64_t *v, size_t n,
                                        flujo_err_t *err);

#endif
