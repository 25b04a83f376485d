/* prosimos_int.h - what the files of the Prosimos reader share: the reading context with the
 * resources and tasks read so far, the JSON helpers (prosimos.c), distributions
 * (prosimos_dist.c), calendars (prosimos_calendar.c), and resources and tasks
 * (prosimos_resources.c). */
#ifndef FLUJO_PROSIMOS_INT_H
#define FLUJO_PROSIMOS_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "import/import_int.h"

/* A resource of a resource_profiles entry. */
typedef struct flujo__pro_res {
    const char *id, *name; /* borrowed from the JSON tree */
    const char *profile;   /* its profile's name (or id) */
    size_t profile_index;  /* which profile */
    double cost;           /* cost_per_hour */
    long amount;           /* performers */
    const char *calendar;  /* calendar id */
    long line;             /* where it is defined */
    bool used;             /* some task names it */
    int pool;              /* its pool (class) */
} flujo__pro_res_t;

/* A task of task_resource_distribution: the resources that can do it, with their durations. */
typedef struct flujo__pro_task {
    const char *id; /* task_id */
    long line;
    size_t n;    /* resources that can do it */
    size_t *res; /* their indices */
    char **dist; /* their durations, flujo text */
    long *lines; /* where each is given */
} flujo__pro_task_t;

/* One file being read. */
typedef struct flujo__pro_ctx {
    const char *file;
    flujo_err_t *err;
    flujo_diags_t *notes;
    flujo__pro_res_t *res;
    size_t n_res, cap_res;
    flujo__pro_task_t *tasks;
    size_t n_tasks;
    bool legacy;      /* a distribution was read as the scipy list of Prosimos <= 1.2.5 */
    char **cal_names; /* per resource_calendars entry: its flujo name */
    char **cal_sigs;  /* and its open hours as text (equal calendars, equal texts) */
    const char **cal_ids;
    size_t n_cals;
} flujo__pro_ctx_t;

/* ---- JSON helpers (prosimos.c) --------------------------------------------------------------- */

/* The text of a scalar node; NULL for anything else or NULL. */
const char *flujo__pro_str(const flujo__ynode_t *n);

/* Sets c->err to "FILE:LINE: path: message" (the line of n, 0 for NULL; FLUJO_ESCENARIO) and
 * returns its status. */
flujo_status_t flujo__pro_fail(flujo__pro_ctx_t *c, const flujo__ynode_t *n, const char *path,
                               const char *fmt, ...) FLUJO_PRINTF(4, 5);

/* A number written as a number or as a string ("12.5"). */
bool flujo__pro_number(const flujo__ynode_t *n, double *out);

/* Fails (flujo__pro_fail) unless n is a list. */
flujo_status_t flujo__pro_need_list(flujo__pro_ctx_t *c, const flujo__ynode_t *n, const char *path);

/* ---- distributions (prosimos_dist.c) --------------------------------------------------------- */

/* A Prosimos distribution ({distribution_name, distribution_params}) as flujo text in buf.
 * Parameters given as {"value": x} follow the current Prosimos (see the top of prosimos.c),
 * except the lists only scipy's form has (expon and uniform with 4 values, lognorm and gamma with
 * 5); plain numbers are scipy's form (and set c->legacy). path names it in messages. */
flujo_status_t flujo__pro_dist_text(flujo__pro_ctx_t *c, const flujo__ynode_t *d, const char *path,
                                    char *buf, size_t n);

/* ---- calendars (prosimos_calendar.c) --------------------------------------------------------- */

/* time_periods: [{from, to, beginTime, endTime}] into w (the caller frees what w holds, also on
 * failure). */
flujo_status_t flujo__pro_periods(flujo__pro_ctx_t *c, const flujo__ynode_t *list, const char *path,
                                  flujo__week_t *w);

/* resource_calendars into calendars of out, remembered in c (cal_ids, cal_names, cal_sigs). */
flujo_status_t flujo__pro_read_calendars(flujo__pro_ctx_t *c, const flujo__ynode_t *cals,
                                         flujo__ynode_t *out);

/* The open hours of calendar id as text ("" if there is no such calendar). */
const char *flujo__pro_calendar_sig(const flujo__pro_ctx_t *c, const char *id);

/* The flujo name of calendar id, or NULL if there is no such calendar. */
const char *flujo__pro_calendar_name(const flujo__pro_ctx_t *c, const char *id);

/* ---- resources and tasks (prosimos_resources.c) ------------------------------------------------
 */

/* resource_profiles into c->res (a resource listed again is its last listing). */
flujo_status_t flujo__pro_read_profiles(flujo__pro_ctx_t *c, const flujo__ynode_t *profiles);

/* task_resource_distribution into c->tasks, each resource's duration as flujo text. */
flujo_status_t flujo__pro_read_task_resources(flujo__pro_ctx_t *c, const flujo__ynode_t *list);

/* Groups the resources into pools and writes resources: {...}; pool_names gets each pool's name
 * (*n_pools of them, the caller frees them and the array). Resources no task uses get a note. */
void flujo__pro_make_pools(flujo__pro_ctx_t *c, flujo__ynode_t *out, char ***pool_names,
                           size_t *n_pools);

/* tasks: {task_id: {resource: POOL, duration: D}} or, for several pools, resource: [{pool,
 * duration}, ...]. */
flujo__ynode_t *flujo__pro_make_tasks(flujo__pro_ctx_t *c, char **pool_names, size_t n_pools);

#endif
