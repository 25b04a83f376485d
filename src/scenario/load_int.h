/* load_int.h - what the files of the scenario loader share: the loader's state, its messages and
 * typed getters (schema.c), the binding of names (bind.c), and the reader of each top-level key
 * and each step of binding that load.c walks in turn.
 *
 * Every reader and getter below fails with FLUJO_ESCENARIO and a message naming the file, line and
 * key (flujo__fail) in L->err, and stops at the first error: the caller returns it as it is. */
#ifndef FLUJO_LOAD_INT_H
#define FLUJO_LOAD_INT_H

#include "base/base_int.h"
#include "flujo_scenario.h"
#include "scenario/scenario_int.h"
#include "yaml/yaml_int.h"

#include <sys/stat.h>

#define FLUJO__MAX_EXTENDS 16
#define FLUJO__PROB_TOL    1e-6 /* how far probabilities that must add up to 1 may miss it */

/* The state of one flujo_scenario_load. */
typedef struct flujo__loader {
    flujo_scenario_t *s; /* being built */
    flujo_err_t *err;    /* where the first error goes */
    char **files;        /* every file read (node->file points into these) */
    size_t n_files;      /* how many */
    size_t cap_files;    /* allocated */
    bool bare;           /* a bare model, no scenario file */
    /* identity of the files being read, outermost first */
    struct stat chain[FLUJO__MAX_EXTENDS + 2];
    char **removed; /* ids and names of steps a redesign removed so far */
    size_t n_removed, cap_removed;
    const char *path;           /* the scenario (or model) named by the caller */
    const flujo__ynode_t *root; /* the scenario's tree, merged and overridden (load.c) */
    double warmup, horizon;     /* the run's length before cases arrive and while they do */
    flujo_clock_t warmup_clock, horizon_clock; /* their clocks (window.c) */
    /* used[i]: the scenario binds pool i, or calendar i, or declares it new: true (unused.c) */
    bool *pool_used, *cal_used;
    size_t cap_pool_used, cap_cal_used; /* allocated */
    flujo_strmap_t pool_refs;           /* pools (squeezed) and calendars that some file read */
    flujo_strmap_t cal_refs;            /* refers to as it is written, before merging */
    const char *imported;               /* another tool's parameter file read, or NULL */
} flujo__loader_t;

/* ---- messages and typed getters (schema.c) */

/* Fails with "FILE:LINE: PATH: message" about node n (or the scenario when n is NULL). */
flujo_status_t flujo__fail(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                           const char *fmt, ...) FLUJO_PRINTF(4, 5);

/* Line of key i of map (the key's own line is the most useful place for a message). */
flujo__ynode_t flujo__keyref(const flujo__ynode_t *map, size_t i);

/* "a.b" (or b when a is empty): the path of key b under a, to free. */
char *flujo__join_path(const char *a, const char *b);

/* " (did you mean 'X'?)" for the closest of names (n of them, NULL or empty ones skipped) to key,
 * or "", into buf of len bytes. */
void flujo__suggest(const char *key, const char *const *names, size_t n, char *buf, size_t len);

/* Fails for the first key of map that is not in allowed (NULL-terminated), listing them. */
flujo_status_t flujo__check_keys(flujo__loader_t *L, const flujo__ynode_t *map, const char *path,
                                 const char *const *allowed);

/* Fail unless n is a map, or a single value. */
flujo_status_t flujo__need_map(flujo__loader_t *L, const flujo__ynode_t *n, const char *path);
flujo_status_t flujo__need_scalar(flujo__loader_t *L, const flujo__ynode_t *n, const char *path);

/* Reads a single value as a number, a probability (0 to 1), a whole number from min to max, a
 * distribution (owned by the caller) or a duration on its clock. *out is set only on success. */
flujo_status_t flujo__get_number(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                                 double *out);
flujo_status_t flujo__get_prob(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                               double *out);
flujo_status_t flujo__get_count(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                                long min, long max, long *out);
flujo_status_t flujo__get_dist(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                               flujo_dist_t *out);
flujo_status_t flujo__get_duration(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                                   double *sec, flujo_clock_t *clock);

/* Reads a single value true or false. *out is set only on success. */
flujo_status_t flujo__get_bool(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                               bool *out);

/* Records a note (an assumed default) with its code in s->notes. */
void flujo__note(flujo__loader_t *L, const char *code, const char *fmt, ...) FLUJO_PRINTF(3, 4);

/* ---- binding names (bind.c) */

/* Which nodes a key may name. */
typedef bool (*flujo__node_filter_t)(const flujo_model_t *m, int64_t v);
bool flujo__is_activity_node(const flujo_model_t *m, int64_t v); /* task, subprocess, call */
bool flujo__is_split_node(const flujo_model_t *m, int64_t v);    /* a gateway, or an activity or
                                                                  event with conditional flows */
bool flujo__is_event_node(const flujo_model_t *m, int64_t v);    /* any event */
bool flujo__is_any_node(const flujo_model_t *m, int64_t v);      /* any node */
bool flujo__is_start_node(const flujo_model_t *m, int64_t v);    /* start event of a process */
bool flujo__is_step_node(const flujo_model_t *m, int64_t v);     /* activity, intermediate event */
bool flujo__is_task_only(const flujo_model_t *m, int64_t v);     /* task */

/* The node a scenario key names: by id, else by exact name among the nodes `ok` accepts (`what`
 * names them in messages). Fails when none or several fit, `where` and `path` placing it. */
flujo_status_t flujo__bind_node(flujo__loader_t *L, const flujo__ynode_t *where, const char *path,
                                const char *key, flujo__node_filter_t ok, const char *what,
                                int64_t *out);

/* Index of the calendar named `name` in s->calendars, or -1. */
int flujo__find_calendar(const flujo_scenario_t *s, const char *name);

/* The calendar that the single value n names, or a failure that suggests the closest names. */
flujo_status_t flujo__get_calendar_ref(flujo__loader_t *L, const flujo__ynode_t *n,
                                       const char *path, int *out);

/* Index of the pool named `name` in s->pools, or -1. */
int64_t flujo__find_pool(const flujo_scenario_t *s, const char *name);

/* The pool named `name`, or a failure that suggests the closest names. */
flujo_status_t flujo__pool_ref(flujo__loader_t *L, const flujo__ynode_t *at, const char *path,
                               const char *name, int64_t *out);

/* ---- names declared and used (unused.c) */

/* Pool p, or calendar c, is used: a task's resource: (or a redesign's) names the pool; a pool, an
 * arrival stream, an event, legal_calendar or a redesign names the calendar; or the scenario
 * declares it new: true. Never fails. */
void flujo__use_pool(flujo__loader_t *L, int64_t p);
void flujo__use_calendar(flujo__loader_t *L, int c);

/* Records the pools and calendars that the tree of one file refers to as it is written (a task's
 * resource:, a calendar: of a pool, stream, event or redesign, legal_calendar:): a name a base
 * file uses stays in use in a scenario that extends it and sends that work elsewhere. Never
 * fails; ignores what is malformed (the readers report it). */
void flujo__collect_refs(flujo__loader_t *L, const flujo__ynode_t *root);

/* ---- what the key readers share */

/* Adds a new pool named `name` (a copy) of 1 performer on the 24/7 calendar; its index. */
int64_t flujo__add_pool(flujo_scenario_t *s, const char *name);

/* Adds calendar c to the scenario, which owns it from then on. Never fails. */
flujo_status_t flujo__add_calendar(flujo__loader_t *L, flujo_calendar_t *c);

/* "HH:MM" or "HH:MM:SS[.fff]" (n bytes of s) → seconds after midnight (24:00 allowed); false if
 * the text is not a time of day. */
bool flujo__parse_clock(const char *s, size_t n, int *sec);

/* A task's resource: a pool name, {Pool: units}, or a list of alternative pools. */
flujo_status_t flujo__read_resource_ref(flujo__loader_t *L, const flujo__ynode_t *r,
                                        const char *path, flujo_task_t *t);

/* Records a change a redesign made, in s->changes. */
void flujo__changed(flujo__loader_t *L, const char *fmt, ...) FLUJO_PRINTF(2, 3);

/* The redesign changes of parameters (redesign_params.c): `- staff: {POOL: +N}`, `- calendar:
 * {POOL: CALENDAR}` (y the map, path its key) and `- automate: TASK` (op the item). */
flujo_status_t flujo__redesign_staff(flujo__loader_t *L, const flujo__ynode_t *y, const char *path);
flujo_status_t flujo__redesign_calendar(flujo__loader_t *L, const flujo__ynode_t *y,
                                        const char *path);
flujo_status_t flujo__redesign_automate(flujo__loader_t *L, const flujo__ynode_t *op,
                                        const char *path);

/* ---- the readers of the top-level keys, in the order load.c walks them
 *
 * Each reads one key: x is its value, NULL when the scenario does not have it (the reader then
 * assumes the default, recording a note, or does nothing). */

flujo_status_t flujo__key_name(flujo__loader_t *L, const flujo__ynode_t *x);  /* settings.c */
flujo_status_t flujo__key_kind(flujo__loader_t *L, const flujo__ynode_t *x);  /* settings.c */
flujo_status_t flujo__key_start(flujo__loader_t *L, const flujo__ynode_t *x); /* settings.c */
flujo_status_t flujo__key_seed(flujo__loader_t *L, const flujo__ynode_t *x);  /* settings.c */
flujo_status_t flujo__key_replications(flujo__loader_t *L,
                                       const flujo__ynode_t *x);                 /* settings.c */
flujo_status_t flujo__key_currency(flujo__loader_t *L, const flujo__ynode_t *x); /* currency.c */
flujo_status_t flujo__key_cases(flujo__loader_t *L, const flujo__ynode_t *x);    /* window.c */
flujo_status_t flujo__key_warmup(flujo__loader_t *L, const flujo__ynode_t *x);   /* window.c */
flujo_status_t flujo__key_horizon(flujo__loader_t *L, const flujo__ynode_t *x);  /* window.c */
flujo_status_t flujo__key_calendars(flujo__loader_t *L, const flujo__ynode_t *x);
flujo_status_t flujo__key_legal_calendar(flujo__loader_t *L, const flujo__ynode_t *x);
flujo_status_t flujo__key_resources(flujo__loader_t *L, const flujo__ynode_t *x);
flujo_status_t flujo__key_arrivals(flujo__loader_t *L, const flujo__ynode_t *x);
flujo_status_t flujo__key_tasks(flujo__loader_t *L, const flujo__ynode_t *x);
flujo_status_t flujo__key_gateways(flujo__loader_t *L, const flujo__ynode_t *x);
flujo_status_t flujo__key_events(flujo__loader_t *L, const flujo__ynode_t *x);
flujo_status_t flujo__key_sla(flujo__loader_t *L, const flujo__ynode_t *x);
flujo_status_t flujo__key_redesign(flujo__loader_t *L, const flujo__ynode_t *x);

/* ---- the steps of binding between the keys (defaults.c, window.c), in the order load.c walks
 * them: each binds what the keys before it read */

/* Which process each call activity calls. Never fails. */
flujo_status_t flujo__bind_calls(flujo__loader_t *L);

/* The days the calendars must cover for warmup and horizon; fails beyond 1000 years. */
flujo_status_t flujo__window_days(flujo__loader_t *L);

/* Sizes every calendar to those days, and places the ends of the warm-up and of the arrivals. */
flujo_status_t flujo__finish_calendars(flujo__loader_t *L);

/* Every lane is a pool (of 1 performer unless resources says otherwise), and every task without a
 * resource is done by the pool of its lane (or pool, or process). Notes the pools assumed. */
flujo_status_t flujo__bind_pools(flujo__loader_t *L);

/* A task that seizes more performers than its pool has could never start. */
flujo_status_t flujo__check_units(flujo__loader_t *L);

/* The defaults of task durations, gateway probabilities and timer delays, each noted. */
flujo_status_t flujo__default_durations(flujo__loader_t *L);
flujo_status_t flujo__default_gateways(flujo__loader_t *L);
flujo_status_t flujo__default_events(flujo__loader_t *L);

/* An event-based gateway waits for the first of its events: one of them must be able to fire. */
flujo_status_t flujo__check_races(flujo__loader_t *L);

/* Arrivals for a scenario without any (noted); nothing when it has some. */
flujo_status_t flujo__default_arrivals(flujo__loader_t *L);

/* A pool under resources: that is no unit of the model (lane, participant or process) and that no
 * task's resource: names, and a calendar under calendars: that nothing uses, is a typo unless it
 * is declared new: true: fails naming it and the closest existing name (unused.c). */
flujo_status_t flujo__check_unused(flujo__loader_t *L);
flujo_status_t flujo__model_loops(flujo__loader_t *L);       /* unsimulated.c */
flujo_status_t flujo__model_conditions(flujo__loader_t *L);  /* conditions.c */
flujo_status_t flujo__check_unsimulated(flujo__loader_t *L); /* unsimulated.c */

/* The paid hours per week of every pool that does not give them: the open hours per week of its
 * calendar, the one the redesign left it; 0 for unlimited pools (staff.c). Never fails. */
flujo_status_t flujo__default_paid_hours(flujo__loader_t *L);

/* With cases: N, sizes the calendars to the N arrivals; nothing without. */
flujo_status_t flujo__cases_span(flujo__loader_t *L);

#endif
