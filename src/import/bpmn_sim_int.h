/* bpmn_sim_int.h - what the readers of the simulation parameters inside BPMN files share: the
 * namespaces, the reading context, the XML helpers (sim_xml.c), the flows' probabilities and start
 * times (bpmn_sim.c), and the two readers, QBP (qbp.c) and BPSim (bpsim.c, with its values,
 * bpsim_dist.c, and calendars, bpsim_calendar.c). */
#ifndef FLUJO_BPMN_SIM_INT_H
#define FLUJO_BPMN_SIM_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

#include "bpmn/bpmn_int.h"
#include "import/import_int.h"

#define NS_BPSIM1 "http://www.bpsim.org/schemas/1.0"
#define NS_BPSIM2 "http://www.bpsim.org/schemas/2.0"
#define NS_QBP    "http://www.qbp-simulator.com/Schema201212"

/* One file being read. */
typedef struct flujo__sim_ctx {
    const char *file;         /* its name in messages */
    flujo_err_t *err;         /* where a failure goes */
    flujo_diags_t *notes;     /* where notes go */
    xmlNodePtr root;          /* the document's root element */
    const char *ns;           /* the parameters' namespace */
    flujo__ynode_t *gateways; /* the gateways' flow weights so far, or NULL */
} flujo__sim_ctx_t;

/* ---- XML helpers (sim_xml.c)
 * ----------------------------------------------------------------------
 */

/* n is an element named name in namespace ns (any namespace when ns is NULL); false for NULL. */
bool flujo__sim_is_el(xmlNodePtr n, const char *ns, const char *name);

/* n's line in the file, 0 for NULL. */
long flujo__sim_line_of(xmlNodePtr n);

/* The first (last) element named name in namespace ns at or below n, in document order. */
xmlNodePtr flujo__sim_find(xmlNodePtr n, const char *ns, const char *name, bool last);

/* The first child element of n named name in namespace ns, or NULL (also for n NULL). */
xmlNodePtr flujo__sim_child(xmlNodePtr n, const char *ns, const char *name);

/* An attribute's value, owned by the caller (free), or NULL. */
char *flujo__sim_prop(xmlNodePtr n, const char *name);

/* A numeric attribute; false when absent, empty, "NaN" or not a number. */
bool flujo__sim_num_prop(xmlNodePtr n, const char *name, double *out);

/* Sets c->err to "FILE:LINE: message", the line of n (FLUJO_ESCENARIO), and returns its status. */
flujo_status_t flujo__sim_fail(flujo__sim_ctx_t *c, xmlNodePtr n, const char *fmt, ...)
    FLUJO_PRINTF(3, 4);

/* Adds a note with that code at the line of n to c->notes. */
void flujo__sim_note(flujo__sim_ctx_t *c, xmlNodePtr n, const char *code, const char *fmt, ...)
    FLUJO_PRINTF(4, 5);

/* The BPMN element with this id (any namespace), or NULL. */
xmlNodePtr flujo__sim_by_id(xmlNodePtr n, const char *id);

/* n's local name ends with suffix ("Task", "Gateway"). */
bool flujo__sim_name_ends(xmlNodePtr n, const char *suffix);

/* ---- shared by the readers (bpmn_sim.c) ---------------------------------------------------------
 */

/* Adds probability p (a weight) of flow id to its source gateway in c->gateways; a flow that does
 * not leave a gateway gets a note instead (at: where the probability is given). */
void flujo__sim_flow_weight(flujo__sim_ctx_t *c, xmlNodePtr at, const char *flow, double p);

/* "2024-01-01T09:00:00.000+00:00" as flujo's start (local time as written, to the second) into
 * buf; false when it is no date and time or does not fit. */
bool flujo__sim_start_text(const char *v, char *buf, size_t n);

/* ---- the readers ---------------------------------------------------------------------------- */

/* The QBP processSimulationInfo element info into the scenario tree out (qbp.c). */
flujo_status_t flujo__qbp(flujo__sim_ctx_t *c, xmlNodePtr info, flujo__ynode_t *out);

/* The first Scenario of the BPSimData element data, with those it inherits, into the scenario
 * tree out (bpsim.c). */
flujo_status_t flujo__bpsim(flujo__sim_ctx_t *c, xmlNodePtr data, flujo__ynode_t *out);

/* Seconds in a BPSim time unit; 0 if unknown (bpsim_dist.c). */
double flujo__bpsim_unit_seconds(const char *u);

/* The value of a parameter: the one without validFor, else the first; *cal gets the validFor of
 * the one chosen (NULL if none; the caller frees it). NULL when it holds no input value
 * (bpsim_dist.c). */
xmlNodePtr flujo__bpsim_param_value(xmlNodePtr param, char **cal);

/* A BPSim parameter value as flujo duration text in buf; unit: seconds per base time unit
 * (bpsim_dist.c). */
flujo_status_t flujo__bpsim_dist(flujo__sim_ctx_t *c, xmlNodePtr v, double unit, char *buf,
                                 size_t n);

/* The calendars of the scenarios of data: each Calendar id as a flujo calendar in cals
 * (bpsim_calendar.c). */
flujo_status_t flujo__bpsim_calendars(flujo__sim_ctx_t *c, xmlNodePtr data, flujo__ynode_t *cals);

#endif
