/* check_reach.c - reachability: the nodes no start event leads to (unreachable) and those from
 * which no end can be reached (no-end), reported as regions, over a graph of the flows with the
 * edges along which execution continues without one (boundary events, links, sub-process starts,
 * triggered nodes). */
#include <stdlib.h>
#include <string.h>

#include <igraph/igraph.h>

#include "model/graph_int.h"

/* True if node v starts its scope: a start event, or, in a scope without start events, a node that
 * no sequence flow enters (BPMN's implicit start). */
static bool is_entry(const flujo_model_t *m, int64_t v, const bool *scope_has_start)
{
    const flujo_node_t *n = &m->nodes[v];
    if (n->kind == FLUJO_NODE_BOUNDARY || flujo__node_is_triggered(n) ||
        flujo__node_is_link(n, FLUJO_NODE_CATCH)) {
        return false;
    }
    if (n->kind == FLUJO_NODE_START) {
        return true;
    }
    size_t scope = n->parent >= 0 ? (size_t)n->parent : m->n_nodes + (size_t)n->process;
    return !scope_has_start[scope] && flujo_model_in_degree(m, v) == 0;
}

/* Extra edges of the reachability graph; vertex n_nodes is a virtual root (forward) or sink. */
typedef struct edge_list {
    int64_t *e; /* pairs */
    size_t n;   /* number of edges */
    size_t cap; /* allocated pairs */
} edge_list_t;

static void edge_add(edge_list_t *l, int64_t from, int64_t to)
{
    flujo_grow((void **)&l->e, &l->cap, 2 * (l->n + 1), sizeof(*l->e));
    l->e[2 * l->n] = from;
    l->e[2 * l->n + 1] = to;
    l->n++;
}

/* Edges along which execution continues without a sequence flow: activity → its boundary events,
 * link throw → link catch of the same name in the same scope. */
static void add_implicit_edges(const flujo_model_t *m, edge_list_t *l)
{
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->kind == FLUJO_NODE_BOUNDARY && n->attached_to >= 0) {
            edge_add(l, n->attached_to, (int64_t)v);
        }
        if (!flujo__node_is_link(n, FLUJO_NODE_THROW)) {
            continue;
        }
        for (size_t w = 0; w < m->n_nodes; w++) {
            const flujo_node_t *c = &m->nodes[w];
            if (flujo__node_is_link(c, FLUJO_NODE_CATCH) && c->process == n->process &&
                c->parent == n->parent && strcmp(c->event_ref, n->event_ref) == 0) {
                edge_add(l, (int64_t)v, (int64_t)w);
            }
        }
    }
}

/* Reports the nodes with bad[v] == kind as regions, one line each: a region starts at a node no
 * other bad node of the kind leads to (or, inside a cycle, at its first node in the file) and
 * holds what follows it along sequence flows, so a dead branch of ten tasks is one finding. */
static void report_regions(const flujo_model_t *m, const unsigned char *bad, unsigned char kind,
                           flujo_diags_t *d)
{
    size_t nn = m->n_nodes;
    bool *covered = flujo_xcalloc(nn + 1, sizeof(bool));
    int64_t *queue = flujo_xmalloc((nn + 1) * sizeof(*queue));
    char lbl[256];

    for (int pass = 0; pass < 2; pass++) {
        for (size_t v = 0; v < nn; v++) {
            if (bad[v] != kind || covered[v]) {
                continue;
            }
            bool has_bad_pred = false;
            for (size_t k = m->in_start[v]; k < m->in_start[v + 1]; k++) {
                has_bad_pred = has_bad_pred || bad[m->flows[m->in_flow[k]].source] == kind;
            }
            if (pass == 0 && has_bad_pred) {
                continue; /* first pass: only heads; cycles without a head wait for pass 1 */
            }
            size_t n = 0;
            covered[v] = true;
            queue[n++] = (int64_t)v;
            for (size_t head = 0; head < n; head++) {
                int64_t u = queue[head];
                for (size_t k = m->out_start[u]; k < m->out_start[u + 1]; k++) {
                    int64_t w = m->flows[m->out_flow[k]].target;
                    if (bad[w] == kind && !covered[w]) {
                        covered[w] = true;
                        queue[n++] = w;
                    }
                }
            }
            flujo_sbuf_t more;
            flujo_sbuf_init(&more);
            if (n > 1) {
                flujo_sbuf_printf(&more,
                                  " (nor %s the %zu node%s after it: ", kind == 1 ? "can" : "from",
                                  n - 1, n - 1 > 1 ? "s" : "");
                for (size_t i = 1; i < n && i <= 5; i++) {
                    flujo_sbuf_printf(&more, "%s%s", i > 1 ? ", " : "", m->nodes[queue[i]].id);
                }
                flujo_sbuf_add(&more, n > 6 ? ", ...)" : ")");
            }
            const flujo_node_t *nd = &m->nodes[v];
            flujo_model_label(m, (int64_t)v, lbl, sizeof(lbl));
            if (kind == 1) {
                flujo_diags_add(d, FLUJO_SEV_ERROR, "unreachable", nd->id, nd->line,
                                "%s cannot be reached from any start event%s", lbl,
                                more.s != NULL ? more.s : "");
            } else {
                flujo_diags_add(d, FLUJO_SEV_ERROR, "no-end", nd->id, nd->line,
                                "no end event can be reached from %s%s: a case there never "
                                "finishes",
                                lbl, more.s != NULL ? more.s : "");
            }
            flujo_sbuf_destroy(&more);
        }
    }
    free(covered);
    free(queue);
}

flujo_status_t flujo__check_reachability(const flujo_model_t *m, flujo_diags_t *d, flujo_err_t *err)
{
    size_t nn = m->n_nodes;
    bool *scope_has_start = flujo_xcalloc(nn + m->n_processes + 1, sizeof(bool));
    bool *fwd = flujo_xcalloc(nn + 1, sizeof(bool));
    bool *bwd = flujo_xcalloc(nn + 1, sizeof(bool));
    edge_list_t l = {0};
    igraph_t g;
    flujo_status_t st;
    size_t n_starts = 0;

    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->kind == FLUJO_NODE_START) {
            size_t scope = n->parent >= 0 ? (size_t)n->parent : nn + (size_t)n->process;
            scope_has_start[scope] = true;
            n_starts += n->parent < 0;
        }
    }
    if (nn > 0 && n_starts == 0) {
        flujo_diags_add(d, FLUJO_SEV_ERROR, "no-start", NULL, 0,
                        "the model has no start event, so no case (expediente) can begin");
    }

    /* Forward graph: flows, implicit edges, root → process-level entries, sub-process → its
     * entries, scope → its triggered nodes (event sub-processes, compensation handlers). */
    int64_t root = (int64_t)nn;
    add_implicit_edges(m, &l);
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        int64_t container = n->parent >= 0 ? n->parent : root;
        if (is_entry(m, (int64_t)v, scope_has_start) || flujo__node_is_triggered(n)) {
            edge_add(&l, container, (int64_t)v);
        }
    }
    st = flujo__graph_create(m, (igraph_integer_t)nn + 1, l.e, l.n, &g, err);
    if (st != FLUJO_OK) {
        goto out_free;
    }
    st = flujo__graph_reach(m, &g, root, IGRAPH_OUT, fwd, err);
    igraph_destroy(&g);
    if (st != FLUJO_OK) {
        goto out_free;
    }

    /* Backward graph: flows and implicit edges only, sink ← every node where a token may end. */
    l.n = 0;
    add_implicit_edges(m, &l);
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (flujo_model_out_degree(m, (int64_t)v) == 0 &&
            !flujo__node_is_link(n, FLUJO_NODE_THROW)) {
            edge_add(&l, (int64_t)v, root);
        }
    }
    st = flujo__graph_create(m, (igraph_integer_t)nn + 1, l.e, l.n, &g, err);
    if (st != FLUJO_OK) {
        goto out_free;
    }
    st = flujo__graph_reach(m, &g, root, IGRAPH_IN, bwd, err);
    igraph_destroy(&g);
    if (st != FLUJO_OK) {
        goto out_free;
    }

    /* bad[v]: 1 unreachable, 2 reachable but no end reachable */
    unsigned char *bad = flujo_xcalloc(nn + 1, 1);
    for (size_t v = 0; v < nn; v++) {
        bad[v] = n_starts > 0 && !fwd[v] ? 1 : (!bwd[v] ? 2 : 0);
    }
    report_regions(m, bad, 1, d);
    report_regions(m, bad, 2, d);
    free(bad);
out_free:
    free(l.e);
    free(scope_has_start);
    free(fwd);
    free(bwd);
    return st;
}
