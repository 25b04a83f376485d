/* scenario_int.h - what the files of the scenario module share about a loaded scenario: the
 * parameters of its nodes, its conditions and the structural redesign operators. The loader's own
 * internals are in load_int.h, the capacity check's in capacity_int.h. */
#ifndef FLUJO_SCENARIO_INT_H
#define FLUJO_SCENARIO_INT_H

#include "flujo_scenario.h"

/* Evaluates a condition on a case's attribute values (value index per attribute, -1 unset). */
bool flujo__cond_eval(const flujo_cond_t *c, const int *values);

/* The plazo of a case with these attribute values, business seconds: the first sla rule whose
 * condition holds, else sla.deadline. */
double flujo__scenario_deadline(const flujo_scenario_t *s, const int *values);

/* The duration of task t when pool p does it (an alternative's own, else the task's). */
const flujo_dist_t *flujo__task_duration(const flujo_task_t *t, int64_t p);

/* Free what one activity's, gateway's or event's parameters hold. */
void flujo__task_destroy(flujo_task_t *t);
void flujo__split_destroy(flujo_split_t *g);
void flujo__delay_destroy(flujo_delay_t *d);

/* Defaults of the parameters of a node the scenario does not name. */
void flujo__task_init(flujo_task_t *t);

/* Frees the alternatives of t and the durations they own (one moved to the task owns none);
 * leaves t without alternatives. */
void flujo__free_alts(flujo_task_t *t);

/* The conditions on case attributes (cond.c). */

/* Parses the condition `text` over the case attributes of s (which must be collected already).
 * Returns it, owned by the caller (flujo__cond_free), or NULL with the reason in why (n bytes,
 * truncated) when the text is not a condition, names an unknown attribute (suggesting the closest)
 * or value, or compares with a number an attribute none of whose values is a number. */
flujo_cond_t *flujo__cond_parse(const flujo_scenario_t *s, const char *text, char *why, size_t n);

/* Frees a condition and its operands; NULL is allowed. */
void flujo__cond_free(flujo_cond_t *c);

/* Index of the case attribute named `name` in s->attrs, or -1. */
int flujo__find_attr(const flujo_scenario_t *s, const char *name);

/* The structural redesign operators (redesign_model.c), applied to a scenario whose parameters
 * are already bound: each builds the changed model, moves every parameter to its node in it and
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
