/* reader_int.h - what the files of the BPMN reader share (bpmn.c drives it: the parse, parse.c;
 * pass 1, the elements, read.c; pass 2, the references, refs.c; the diagram, di.c): the
 * namespaces, the XML accessors (xml.c), the reader's state and its passes. The writer (write.c)
 * uses the namespaces and accessors too. */
#ifndef FLUJO_READER_INT_H
#define FLUJO_READER_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "base/base_int.h"
#include "bpmn/bpmn_int.h"
#include "model/model_int.h"

#define NS_MODEL  FLUJO__NS_MODEL
#define NS_BPMNDI "http://www.omg.org/spec/BPMN/20100524/DI"
#define NS_DC     "http://www.omg.org/spec/DD/20100524/DC"
#define NS_DI     "http://www.omg.org/spec/DD/20100524/DI"

/* A sequence flow element waiting for its nodes to exist. */
typedef struct flujo__bpmn_pending_flow {
    xmlNodePtr el;   /* the sequenceFlow element */
    int64_t process; /* process it was found in */
    int64_t parent;  /* sub-process it was found in, or -1 */
} flujo__bpmn_pending_flow_t;

/* Elements kept between the passes, by the index of what they became. */
typedef struct flujo__bpmn_el_list {
    xmlNodePtr *el; /* el[i] */
    size_t n;       /* used */
    size_t cap;     /* allocated */
} flujo__bpmn_el_list_t;

/* The state of one read: the model being built, what pass 2 needs of pass 1, the first fatal
 * error. */
typedef struct flujo__bpmn_reader {
    flujo_model_t *m;                  /* the model being built */
    flujo_err_t *err;                  /* where a fatal error goes */
    flujo_status_t st;                 /* FLUJO_OK until a fatal error */
    flujo_strmap_t ids;                /* id → line of every element read, for duplicates */
    flujo_strmap_t lane_ids;           /* lane id → lane index */
    flujo_strmap_t process_ids;        /* process id → process index */
    flujo_strmap_t part_ids;           /* participant id → index */
    flujo_strmap_t msg_ids;            /* message flow id → index */
    flujo_strmap_t global_defs;        /* id of a top-level event definition → index in globals */
    flujo__bpmn_el_list_t globals;     /* top-level event definitions */
    flujo__bpmn_el_list_t node_el;     /* node_el.el[v]: element of node v */
    flujo__bpmn_el_list_t lane_el;     /* element of lane i */
    flujo__bpmn_el_list_t part_el;     /* element of participant i */
    flujo__bpmn_el_list_t msg_el;      /* element of message flow i */
    flujo__bpmn_pending_flow_t *flows; /* sequence flows to create in pass 2 */
    size_t n_flows;                    /* number of pending flows */
    size_t cap_flows;                  /* allocated */
    size_t anon;                       /* number of ids made up for elements without one */
    size_t n_elements; /* model elements read so far, against FLUJO_BPMN_MAX_ELEMENTS */
} flujo__bpmn_reader_t;

/* ---- the XML accessors (xml.c) ----------------------------------------------------------------
 */

/* An element in namespace ns. */
bool flujo__bpmn_in_ns(xmlNodePtr el, const char *ns);

/* An element in namespace ns with that local name. */
bool flujo__bpmn_is_el(xmlNodePtr el, const char *ns, const char *local);

/* The element's line in the file. */
long flujo__bpmn_line_of(xmlNodePtr el);

/* The value of an unqualified attribute, copied (free()), or NULL. */
char *flujo__bpmn_get_attr(xmlNodePtr el, const char *name);

/* xsd:boolean attribute, or dflt when absent or not a boolean. */
bool flujo__bpmn_get_bool(xmlNodePtr el, const char *name, bool dflt);

/* The text content of an element with surrounding white space removed, copied, or NULL when
 * there is none. */
char *flujo__bpmn_get_text(xmlNodePtr el);

/* ---- the parse (parse.c) ----------------------------------------------------------------------
 */

/* The checks before parsing (empty, binary, too large), then the parse of buf (named name in
 * messages) into *out, which the caller frees (xmlFreeDoc). Errors name the file and line. */
flujo_status_t flujo__bpmn_parse_checked(const char *buf, size_t len, const char *name,
                                         xmlDocPtr *out, flujo_err_t *err);

/* A libxml2 generic error handler that drops the message (libxml2's default one prints). */
void flujo__bpmn_quiet(void *ctx, const char *msg, ...);

/* ---- the passes ---------------------------------------------------------------------------------
 */

/* The element's id, copied; elements without one get a made-up id that cannot clash with XML
 * ids ("#3"). A second element with an id already read is fatal (r->st): references would be
 * ambiguous. An id that is not a valid XML id gets a warning (read.c). */
char *flujo__bpmn_take_id(flujo__bpmn_reader_t *r, xmlNodePtr el);

/* The node, flow, or entry of map (lane, participant, message flow, event definition) that
 * reference ref (a QName, its prefix ignored when the whole value is no id) names; -1 if none or
 * ref is NULL (refs.c). */
int64_t flujo__bpmn_find_node_ref(const flujo__bpmn_reader_t *r, const char *ref);
int64_t flujo__bpmn_find_flow_ref(const flujo__bpmn_reader_t *r, const char *ref);
int64_t flujo__bpmn_find_in(const flujo_strmap_t *map, const char *ref);

/* Pass 1: the top-level event definitions, then the processes (with their lanes and flow nodes)
 * and collaborations (participants, message flows) under root <definitions> (read.c). Stops at
 * the first fatal error (r->st: a duplicate id, too many elements). */
void flujo__bpmn_read_elements(flujo__bpmn_reader_t *r, xmlNodePtr root);

/* Pass 2, first part: pools' processes, then the sequence flows between the nodes they name
 * (refs.c); flows that cannot be created are findings in the model's diagnostics. */
void flujo__bpmn_read_flows(flujo__bpmn_reader_t *r);

/* Pass 2, the rest: lane membership, boundary attachments and default flows, message flows' ends
 * (refs.c). */
void flujo__bpmn_read_refs(flujo__bpmn_reader_t *r);

/* The planes of one <BPMNDiagram>: shapes and edges appended to the model (di.c). */
void flujo__bpmn_read_diagram(flujo__bpmn_reader_t *r, xmlNodePtr diagram);

#endif
