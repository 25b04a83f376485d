/* graph_int.h - the igraph side of the model, shared by the files of model/ only (no other part
 * may include igraph): the graph a finished model holds, temporary graphs with extra edges, and
 * reachability over either. */
#ifndef FLUJO_GRAPH_INT_H
#define FLUJO_GRAPH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <igraph/igraph.h>

#include "model/model_int.h"

struct flujo_graph {
    igraph_t g; /* vertex i = nodes[i], edge j = flows[j] */
};

/* Creates an igraph graph on n vertices from the sequence flows followed by the extra edges
 * extra[0..2*n_extra). The caller destroys *out (igraph_destroy) on success; on failure (igraph
 * out of memory) nothing is left to free and err is set (FLUJO_EGRAPH). */
flujo_status_t flujo__graph_create(const flujo_model_t *m, igraph_integer_t n, const int64_t *extra,
                                   size_t n_extra, igraph_t *out, flujo_err_t *err);

/* Marks in mark[] the vertices reachable from (mode OUT) or reaching (mode IN) vertex `from`.
 * Marks are only set, never cleared. Fails with FLUJO_EGRAPH (err set) if igraph fails. */
flujo_status_t flujo__graph_reach(const flujo_model_t *m, const igraph_t *g, igraph_integer_t from,
                                  igraph_neimode_t mode, bool *mark, flujo_err_t *err);

#endif
