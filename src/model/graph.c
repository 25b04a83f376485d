/* graph.c - the model's igraph graph: vertex i is nodes[i] and edge j is flows[j], built with one
 * igraph_create(). The checks that need more than sequence flows (a boundary event continues its
 * activity, a link throw jumps to its catch, a sub-process starts its inner start events) build a
 * second, temporary graph with those extra edges appended after the flows (flujo__graph_create),
 * and walk it with flujo__graph_reach. Only the files of model/ call igraph. */
#include <stdlib.h>

#include <igraph/igraph.h>

#include "model/graph_int.h"

void flujo__model_lib_init(void)
{
    /* igraph's default handlers print and abort; igraph still returns its error codes with these
     * handlers, which is what this part checks. */
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

flujo_status_t flujo__graph_create(const flujo_model_t *m, igraph_integer_t n, const int64_t *extra,
                                   size_t n_extra, igraph_t *out, flujo_err_t *err)
{
    igraph_vector_int_t edges;
    flujo_status_t st = FLUJO_OK;
    size_t ne = m->n_flows + n_extra;

    if (igraph_vector_int_init(&edges, 2 * (igraph_integer_t)ne) != IGRAPH_SUCCESS) {
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: cannot allocate the edge list", m->file);
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        VECTOR(edges)[2 * j] = m->flows[j].source; /* edge j == flows[j] */
        VECTOR(edges)[2 * j + 1] = m->flows[j].target;
    }
    for (size_t k = 0; k < 2 * n_extra; k++) {
        VECTOR(edges)[2 * m->n_flows + k] = extra[k];
    }
    igraph_error_t rc = igraph_create(out, &edges, n, IGRAPH_DIRECTED);
    if (rc != IGRAPH_SUCCESS) {
        st =
            flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_create: %s", m->file, igraph_strerror(rc));
    }
    igraph_vector_int_destroy(&edges);
    return st;
}

flujo_status_t flujo__model_graph_build(flujo_model_t *m, flujo_err_t *err)
{
    struct flujo_graph *g = flujo_xcalloc(1, sizeof(*g));
    flujo_status_t st = flujo__graph_create(m, (igraph_integer_t)m->n_nodes, NULL, 0, &g->g, err);
    if (st != FLUJO_OK) {
        free(g);
        return st;
    }
    m->priv->graph = g;
    return FLUJO_OK;
}

void flujo__model_graph_free(flujo_model_t *m)
{
    if (m->priv->graph != NULL) {
        igraph_destroy(&m->priv->graph->g);
        free(m->priv->graph);
    }
}

flujo_status_t flujo__graph_reach(const flujo_model_t *m, const igraph_t *g, igraph_integer_t from,
                                  igraph_neimode_t mode, bool *mark, flujo_err_t *err)
{
    igraph_vector_int_t res;
    if (igraph_vector_int_init(&res, 0) != IGRAPH_SUCCESS) {
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
    }
    igraph_error_t rc = igraph_subcomponent(g, &res, from, mode);
    if (rc != IGRAPH_SUCCESS) {
        igraph_vector_int_destroy(&res);
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_subcomponent: %s", m->file,
                             igraph_strerror(rc));
    }
    for (igraph_integer_t k = 0; k < igraph_vector_int_size(&res); k++) {
        mark[VECTOR(res)[k]] = true;
    }
    igraph_vector_int_destroy(&res);
    return FLUJO_OK;
}
