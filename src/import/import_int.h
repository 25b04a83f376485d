/* import_int.h - the simulation parameters other tools write: Prosimos JSON (prosimos.c), BPSim
 * and QBP inside a BPMN file (bpmn_sim.c). Each reader builds the equivalent flujo scenario tree
 * (yaml_int.h: calendars, resources, tasks, gateways, events, arrivals, start, cases, ...) with
 * the foreign file's name and lines on its nodes, and the scenario reader binds and checks it like
 * a scenario file: one vocabulary, one set of checks and messages. What they share is here
 * (import.c). */
#ifndef FLUJO_IMPORT_INT_H
#define FLUJO_IMPORT_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/base_int.h"
#include "flujo_error.h"
#include "yaml/yaml_int.h"

/* Prosimos simulation parameters (JSON text buf of file) as a scenario tree without flujo: and
 * model: keys. Notes go to notes. Fails with FLUJO_ESCENARIO ("FILE:LINE: key: why") on what it
 * cannot read or flujo cannot simulate. */
flujo_status_t flujo__prosimos_tree(const char *buf, size_t len, const char *file,
                                    flujo__ynode_t **out, flujo_diags_t *notes, flujo_err_t *err);

/* The BPSim (1.0 or 2.0) or QBP parameters inside the BPMN file at path, as a scenario tree; *out
 * is NULL when the file has neither. file is the name for messages (kept by the caller). */
flujo_status_t flujo__bpmn_sim_tree(const char *path, const char *file, flujo__ynode_t **out,
                                    flujo_diags_t *notes, flujo_err_t *err);

/* ---- shared by the readers ----------------------------------------------------------------- */

/* Sets err to "FILE:LINE: message" (FLUJO_ESCENARIO) and returns its status. */
flujo_status_t flujo__imp_fail(flujo_err_t *err, const char *file, long line, const char *fmt, ...)
    FLUJO_PRINTF(4, 5);

/* A scalar node holding the formatted text. */
flujo__ynode_t *flujo__imp_scalarf(const char *file, long line, const char *fmt, ...)
    FLUJO_PRINTF(3, 4);

/* A duration in seconds as flujo writes it ("600s"), exactly. */
const char *flujo__imp_seconds(double s, char *buf, size_t n);

/* Open intervals per weekday (0 Monday .. 6 Sunday), seconds after midnight. */
typedef struct flujo__week {
    int (*iv)[2]; /* from, to */
    int *wd;      /* their weekdays */
    size_t n, cap;
} flujo__week_t;

/* Opens every day from weekday from_wd to to_wd (wrapping past Sunday) from `from` to `to`
 * seconds after midnight. */
void flujo__week_add(flujo__week_t *w, int from_wd, int to_wd, int from, int to);

/* The week as a calendar node: {week: {mon: ["09:00:00-17:00:00", ...], ...}}; NULL when it is
 * never open. Frees what the week holds. */
flujo__ynode_t *flujo__week_tree(flujo__week_t *w, const char *file, long line);

/* The weekday of a name: MONDAY, Monday, MO, mon ... (0 Monday .. 6 Sunday), or -1. */
int flujo__imp_weekday(const char *name);

/* "09:00", "09:00:00", "09:00:00.000", with an optional zone suffix (+00:00, Z) ignored: seconds
 * after midnight (23:59:59.999 is 86400), or -1. */
int flujo__imp_clock(const char *text);

#endif
