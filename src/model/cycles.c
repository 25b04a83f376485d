/* cycles.c - the loops of a model (rework cycles) for `flujo check`: the strongly connected
 * components of its graph, each with its nodes in the order a token meets them. */
#include <assert.h>
#include <stdlib.h>

#include <igraph/igraph.h>

#include "model/graph_int.h"

/* Orders the nodes of one strongly connected component as a token meets them: breadth first from
 * an entry node (one with a flow from outside the component, else the first). */
static void order_cycle(const flujo_model_t *m, const igraph_vector_int_t *memb, igraph_integer_t c,
                        flujo_cycle_t *cy)
{
    int64_t entry = -1;
    for (size_t v = 0; v < m->n_nodes && entry < 0; v++) {
        if (VECTOR(*memb)[v] != c) {
            continue;
        }
        for (size_t k = m->in_start[v]; k < m->in_start[v + 1]; k++) {
            if (VECTOR(*memb)[m->flows[m->in_flow[k]].source] != c) {
                entry = (int64_t)v;
                break;
            }
        }
    }
    for (size_t v = 0; v < m->n_nodes && entry < 0; v++) {
        if (VECTOR(*memb)[v] == c) {
            entry = (int64_t)v;
        }
    }
    bool *seen = flujo_xcalloc(m->n_nodes, sizeof(bool));
    cy->nodes[0] = entry;
    seen[entry] = true;
    size_t n = 1;
    for (size_t head = 0; head < n; head++) {
        int64_t v = cy->nodes[head];
        for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
            int64_t w = m->flows[m->out_flow[k]].target;
            if (VECTOR(*memb)[w] == c && !seen[w]) {
                seen[w] = true;
                cy->nodes[n++] = w;
            }
        }
    }
    assert(n == cy->n);
    free(seen);
}

flujo_status_t flujo__find_cycles(const flujo_model_t *m, flujo_cycle_t **cycles, size_t *n_cycles,
                                  flujo_err_t *err)
{
    igraph_vector_int_t memb, csize;
    igraph_integer_t no = 0;
    flujo_status_t st = FLUJO_OK;

    *cycles = NULL;
    *n_cycles = 0;
    if (igraph_vector_int_init(&memb, 0) != IGRAPH_SUCCESS) {
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
    }
    if (igraph_vector_int_init(&csize, 0) != IGRAPH_SUCCESS) {
        st = flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
        goto out_free_memb;
    }
    igraph_error_t rc =
        igraph_connected_components(&m->priv->graph->g, &memb, &csize, &no, IGRAPH_STRONG);
    if (rc != IGRAPH_SUCCESS) {
        st = flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_connected_components: %s", m->file,
                           igraph_strerror(rc));
        goto out_free_csize;
    }
    /* A component is a loop if it has several nodes, or one node with a flow to itself. Report
     * loops in the order of their first node in the file. */
    bool *self = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    bool *done = flujo_xcalloc((size_t)no + 1, sizeof(bool));
    for (size_t j = 0; j < m->n_flows; j++) {
        if (m->flows[j].source == m->flows[j].target) {
            self[m->flows[j].source] = true;
        }
    }
    size_t cap = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        igraph_integer_t c = VECTOR(memb)[v];
        if (done[c] || (VECTOR(csize)[c] < 2 && !self[v])) {
            continue;
        }
        done[c] = true;
        flujo_grow((void **)cycles, &cap, *n_cycles + 1, sizeof(**cycles));
        flujo_cycle_t *cy = &(*cycles)[(*n_cycles)++];
        cy->n = (size_t)VECTOR(csize)[c];
        cy->nodes = flujo_xmalloc(cy->n * sizeof(*cy->nodes));
        order_cycle(m, &memb, c, cy);
    }
    free(self);
    free(done);
out_free_csize:
    igraph_vector_int_destroy(&csize);
out_free_memb:
    igraph_vector_int_destroy(&memb);
    return st;
}

void flujo_model_cycles_free(flujo_cycle_t *cycles, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cycles[i].nodes);
    }
    free(cycles);
}
