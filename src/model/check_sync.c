/* check_sync.c - synchronisation: parallel splits whose branches are never joined, and parallel
 * joins whose branches do not start at a common split (a possible deadlock), over the model's
 * graph. */
#include <stdlib.h>
#include <string.h>

#include <igraph/igraph.h>

#include "model/graph_int.h"

/* A node where a token may split into several: an AND/OR/complex gateway with several outgoing
 * flows, or an activity with several outgoing flows (implicit split). */
static bool is_sync_split(const flujo_model_t *m, int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    if (flujo_model_out_degree(m, v) < 2) {
        return false;
    }
    return n->gateway == FLUJO_GW_PARALLEL || n->gateway == FLUJO_GW_INCLUSIVE ||
           n->gateway == FLUJO_GW_COMPLEX || (flujo__node_is_activity(n) && n->default_flow < 0);
}

/* A gateway that waits for several tokens: AND, OR or complex with several incoming flows. */
static bool is_sync_join(const flujo_model_t *m, int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    return flujo_model_in_degree(m, v) >= 2 &&
           (n->gateway == FLUJO_GW_PARALLEL || n->gateway == FLUJO_GW_INCLUSIVE ||
            n->gateway == FLUJO_GW_COMPLEX);
}

/* The set of vertices reachable from v along sequence flows (mode OUT) or reaching it (IN). */
static flujo_status_t reach_one(const flujo_model_t *m, int64_t v, igraph_neimode_t mode,
                                bool *mark, flujo_err_t *err)
{
    memset(mark, 0, m->n_nodes * sizeof(*mark));
    return flujo__graph_reach(m, &m->priv->graph->g, (igraph_integer_t)v, mode, mark, err);
}

/* Marks in owner[] which branch of a split first reaches each node, walking forward from `from`
 * but not through synchronising joins (they are marked, not expanded) nor back through the split.
 * Returns a node already owned by another branch, or -1: where two branches' tokens meet
 * without being synchronised. */
static int64_t claim_branch(const flujo_model_t *m, int64_t split, int64_t from, int64_t branch,
                            int64_t *owner, int64_t *queue)
{
    size_t head = 0, tail = 0;
    int64_t clash = -1;
    if (owner[from] >= 0 && owner[from] != branch) {
        return is_sync_join(m, from) ? -1 : from;
    }
    owner[from] = branch;
    queue[tail++] = from;
    while (head < tail) {
        int64_t v = queue[head++];
        if (v == split || is_sync_join(m, v)) {
            continue;
        }
        for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
            int64_t w = m->flows[m->out_flow[k]].target;
            if (owner[w] < 0) {
                owner[w] = branch;
                queue[tail++] = w;
            } else if (owner[w] != branch && !is_sync_join(m, w) && clash < 0) {
                clash = w;
            }
        }
    }
    return clash;
}

/* An AND split whose branches never meet at a synchronising join leaves several tokens running
 * to the end, and if the branches merge at a non-synchronising node the path after it runs once
 * per branch (lack of synchronisation); an AND join whose branches do not come from one split
 * waits for a token that may never come (deadlock). These are warnings: they are sometimes
 * intended. */
flujo_status_t flujo__check_synchronisation(const flujo_model_t *m, flujo_diags_t *d,
                                            flujo_err_t *err)
{
    size_t nn = m->n_nodes;
    char lbl[256], lbl2[256];
    bool *common = flujo_xmalloc((nn + 1) * sizeof(bool));
    bool *seen = flujo_xmalloc((nn + 1) * sizeof(bool));
    int64_t *owner = flujo_xmalloc((nn + 1) * sizeof(int64_t));
    int64_t *queue = flujo_xmalloc((nn + 1) * sizeof(int64_t));
    flujo_status_t st = FLUJO_OK;

    for (size_t v = 0; v < nn && st == FLUJO_OK; v++) {
        const flujo_node_t *n = &m->nodes[v];
        bool split = n->gateway == FLUJO_GW_PARALLEL && flujo_model_out_degree(m, (int64_t)v) >= 2;
        bool join = n->gateway == FLUJO_GW_PARALLEL && flujo_model_in_degree(m, (int64_t)v) >= 2;
        if (split) {
            /* common[w]: w is a synchronising join every branch reaches */
            for (size_t w = 0; w < nn; w++) {
                common[w] = is_sync_join(m, (int64_t)w);
            }
            for (size_t k = m->out_start[v]; k < m->out_start[v + 1] && st == FLUJO_OK; k++) {
                st = reach_one(m, m->flows[m->out_flow[k]].target, IGRAPH_OUT, seen, err);
                for (size_t w = 0; w < nn; w++) {
                    common[w] = common[w] && seen[w];
                }
            }
            bool meet = false;
            for (size_t w = 0; w < nn; w++) {
                meet = meet || common[w];
            }
            if (st == FLUJO_OK && !meet) {
                int64_t clash = -1;
                for (size_t w = 0; w < nn; w++) {
                    owner[w] = -1;
                }
                for (size_t k = m->out_start[v]; k < m->out_start[v + 1] && clash < 0; k++) {
                    clash = claim_branch(m, (int64_t)v, m->flows[m->out_flow[k]].target, (int64_t)k,
                                         owner, queue);
                }
                flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
                if (clash >= 0) {
                    flujo_diags_add(d, FLUJO_SEV_WARNING, "and-split-no-join", n->id, n->line,
                                    "the branches of parallel gateway %s merge at %s without a "
                                    "parallel join: what follows runs once per branch",
                                    lbl, flujo_model_label(m, clash, lbl2, sizeof(lbl2)));
                } else {
                    flujo_diags_add(d, FLUJO_SEV_WARNING, "and-split-no-join", n->id, n->line,
                                    "the branches of parallel gateway %s never meet at a parallel "
                                    "or inclusive join before an end: they are not synchronised",
                                    lbl);
                }
            }
        }
        if (join && st == FLUJO_OK) {
            for (size_t w = 0; w < nn; w++) {
                common[w] = is_sync_split(m, (int64_t)w);
            }
            for (size_t k = m->in_start[v]; k < m->in_start[v + 1] && st == FLUJO_OK; k++) {
                st = reach_one(m, m->flows[m->in_flow[k]].source, IGRAPH_IN, seen, err);
                for (size_t w = 0; w < nn; w++) {
                    common[w] = common[w] && seen[w];
                }
            }
            bool meet = false;
            for (size_t w = 0; w < nn; w++) {
                meet = meet || common[w];
            }
            if (st == FLUJO_OK && !meet) {
                flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
                flujo_diags_add(d, FLUJO_SEV_WARNING, "and-join-deadlock", n->id, n->line,
                                "parallel gateway %s waits for %zu tokens but its branches do not "
                                "start at a common parallel split: the case may deadlock there",
                                lbl, flujo_model_in_degree(m, (int64_t)v));
            }
        }
    }
    free(common);
    free(seen);
    free(owner);
    free(queue);
    return st;
}
