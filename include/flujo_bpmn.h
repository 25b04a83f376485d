/* flujo_bpmn.h - reading BPMN 2.0 XML files into a flujo_model_t. */
#ifndef FLUJO_BPMN_H
#define FLUJO_BPMN_H

#include <stddef.h>
#include <stdio.h>

#include "flujo_error.h"
#include "flujo_model.h"

/* Largest BPMN file flujo reads. */
#define FLUJO_BPMN_MAX_BYTES ((size_t)64 << 20)
/* Most flow nodes, sequence flows and lanes a model may have (a municipal procedure has hundreds).
 */
#define FLUJO_BPMN_MAX_ELEMENTS 20000

/* Reads the BPMN 2.0 file at path into a new model (*out, caller frees with flujo_model_free).
 *
 * Reads processes, collaborations, lanes, every flow node type, event definitions, boundary
 * events, loop characteristics, sequence and message flows and the diagram. Elements are matched by
 * namespace URI and local name, never by prefix; extension elements are skipped. The file is parsed
 * without network access and without entity declarations: a DOCTYPE that declares entities or
 * names an external DTD is refused, so no external file is read and no entity is expanded.
 *
 * Broken references (a flow to a node that does not exist, a boundary event on nothing) do not fail
 * the read: they are recorded in (*out)->diags as errors for `flujo check`. The read fails with
 * FLUJO_EIO (cannot read), FLUJO_ELIMIT (file too large, more than
 * FLUJO_BPMN_MAX_ELEMENTS elements), FLUJO_EPARSE (not well-formed XML, or
 * an entity declaration) or FLUJO_EMODEL (not BPMN 2.0, duplicate ids), with "FILE:LINE: message"
 * in err; *out is then untouched. */
flujo_status_t flujo_bpmn_read(const char *path, flujo_model_t **out, flujo_err_t *err);

/* Same as flujo_bpmn_read for a document in memory; name is used in messages. */
flujo_status_t flujo_bpmn_read_memory(const char *buf, size_t len, const char *name,
                                      flujo_model_t **out, flujo_err_t *err);

/* Writes the BPMN file at path to out with its diagram replaced by the layout `lay` of its model m
 * (read from the same file): one plane for the collaboration (or the first process) with pools,
 * lanes, nodes and flows, and one plane per sub-process for its contents (shown collapsed, as
 * modellers' drill-down). Everything else in the file is kept as it was. Fails with the statuses
 * of flujo_bpmn_read, or FLUJO_EIO if writing fails. */
flujo_status_t flujo_bpmn_write_layout(const char *path, const flujo_model_t *m,
                                       const flujo_layout_t *lay, FILE *out, flujo_err_t *err);

#endif
