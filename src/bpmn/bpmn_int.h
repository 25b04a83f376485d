/* bpmn_int.h - what the BPMN reader shares with the reader of the simulation parameters some
 * tools put inside BPMN files (import/bpmn_sim.c): the safe XML parse (parse.c). The reader's own
 * internals are in reader_int.h. */
#ifndef FLUJO_BPMN_INT_H
#define FLUJO_BPMN_INT_H

#include <libxml/tree.h>

#include "flujo_error.h"

#define FLUJO__NS_MODEL "http://www.omg.org/spec/BPMN/20100524/MODEL"

/* Reads and parses the XML file at path as the BPMN reader does: bounded size, no network, no
 * entity declarations, nothing else read. Errors name the file and line. */
flujo_status_t flujo__bpmn_parse_file(const char *path, xmlDocPtr *out, flujo_err_t *err);

#endif
