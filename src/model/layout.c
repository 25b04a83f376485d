/* layout.c - the automatic swimlane layout of `flujo layout` (flujo_model_layout): each scope's
 * nodes in columns (the longest path, rework loops set aside) and in rows inside their lane's band
 * (Sugiyama's order, igraph), pools stacked, sub-process contents below, boundary events on their
 * activity; the flows are then routed (route.c). */
#include <stdlib.h>
#include <string.h>

#include <igraph/igraph.h>

#include "model/layout_int.h"

static void node_size(const flujo_node_t *n, double *w, double *h)
{
    switch (n->kind) {
    case FLUJO_NODE_TASK:
    case FLUJO_NODE_CALL:
    case FLUJO_NODE_SUBPROCESS:
        *w = 100;
        *h = 80;
        break;
    case FLUJO_NODE_GATEWAY:
        *w = *h = 50;
        break;
    default:
        *w = *h = 36;
    }
}

/* The node that stands for v in its scope's layout: a boundary event stands for its activity. */
static int64_t anchor(const flujo_model_t *m, int64_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_BOUNDARY && m->nodes[v].attached_to >= 0
               ? m->nodes[v].attached_to
               : v;
}

/* Bands of a process: lanes that hold nodes or have no sub-lanes, depth first; band n_lanes
 * is the "no lane" band. */
static size_t lane_bands(const flujo_model_t *m, int64_t process, int64_t parent, int64_t *out,
                         size_t n)
{
    for (size_t i = 0; i < m->n_lanes; i++) {
        const flujo_lane_t *l = &m->lanes[i];
        if (l->process != process || l->parent != parent) {
            continue;
        }
        bool leaf = true;
        for (size_t k = 0; k < m->n_lanes && leaf; k++) {
            leaf = m->lanes[k].parent != (int64_t)i;
        }
        bool holds = false;
        for (size_t v = 0; v < m->n_nodes && !holds; v++) {
            holds = m->nodes[v].lane == (int64_t)i;
        }
        if (leaf || holds) {
            out[n++] = (int64_t)i;
        }
        n = lane_bands(m, process, (int64_t)i, out, n);
    }
    return n;
}

/* Flow number k out of node v and then out of its boundary events bl[0..nbl) in turn; -1 past
 * the last. */
static int64_t nth_flow(const flujo_model_t *m, int64_t v, const int64_t *bl, size_t nbl, size_t k)
{
    size_t own = m->out_start[v + 1] - m->out_start[v];
    if (k < own) {
        return m->out_flow[m->out_start[v] + k];
    }
    k -= own;
    for (size_t q = 0; q < nbl; q++) {
        size_t nb = m->out_start[bl[q] + 1] - m->out_start[bl[q]];
        if (k < nb) {
            return m->out_flow[m->out_start[bl[q]] + k];
        }
        k -= nb;
    }
    return -1;
}

/* Columns for the nodes of a scope, as a modeller draws them: a depth-first walk from the start
 * events (then from nodes nothing enters, then from the rest) finds the rework loops as the flows
 * back to a node still on the walk; without them the graph is acyclic, and each node's column is
 * the longest path to it. Flows from a boundary event leave from its activity. */
static void process_layers(const flujo_model_t *m, const int64_t *local, const int64_t *global,
                           size_t n, igraph_vector_int_t *layers)
{
    /* the boundary events of each local node, in node order */
    size_t *bstart = flujo_xcalloc(n + 2, sizeof(size_t));
    int64_t *blist = flujo_xmalloc((m->n_nodes + 1) * sizeof(int64_t));
    for (size_t b = 0; b < m->n_nodes; b++) {
        const flujo_node_t *nd = &m->nodes[b];
        if (nd->kind == FLUJO_NODE_BOUNDARY && nd->attached_to >= 0 &&
            local[nd->attached_to] >= 0) {
            bstart[local[nd->attached_to] + 2]++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        bstart[i + 2] += bstart[i + 1];
    }
    for (size_t b = 0; b < m->n_nodes; b++) {
        const flujo_node_t *nd = &m->nodes[b];
        if (nd->kind == FLUJO_NODE_BOUNDARY && nd->attached_to >= 0 &&
            local[nd->attached_to] >= 0) {
            blist[bstart[local[nd->attached_to] + 1]++] = (int64_t)b;
        }
    }
    unsigned char *state = flujo_xcalloc(n + 1, 1);          /* 0 new, 1 on the walk, 2 done */
    size_t *order = flujo_xmalloc((n + 1) * sizeof(*order)); /* finishing order */
    size_t *stack = flujo_xmalloc((n + 1) * sizeof(*stack));
    size_t *next = flujo_xcalloc(n + 1, sizeof(*next)); /* next outgoing flow to look at */
    bool *back = flujo_xcalloc(m->n_flows + 1, sizeof(bool));
    size_t n_order = 0;
    /* successors of local node i: flows out of its node and out of its boundary events */
    for (int pass = 0; pass < 3; pass++) {
        for (size_t r = 0; r < n; r++) {
            const flujo_node_t *nd = &m->nodes[global[r]];
            bool root = pass == 0   ? nd->kind == FLUJO_NODE_START
                        : pass == 1 ? flujo_model_in_degree(m, global[r]) == 0
                                    : true;
            if (state[r] != 0 || !root) {
                continue;
            }
            size_t top = 0;
            stack[top++] = r;
            state[r] = 1;
            while (top > 0) {
                size_t i = stack[top - 1];
                int64_t v = global[i];
                /* the flows of v, then those of its boundary events, numbered 0.. */
                int64_t f = nth_flow(m, v, &blist[bstart[i]], bstart[i + 1] - bstart[i], next[i]);
                if (f < 0) {
                    state[i] = 2;
                    order[n_order++] = i;
                    top--;
                    continue;
                }
                next[i]++;
                int64_t t = local[m->flows[f].target];
                if (t < 0) {
                    continue;
                }
                if (state[t] == 1) {
                    back[f] = true;
                } else if (state[t] == 0) {
                    state[t] = 1;
                    stack[top++] = (size_t)t;
                }
            }
        }
    }
    /* longest path in reverse finishing order (a topological order of the acyclic part) */
    for (size_t i = 0; i < n; i++) {
        VECTOR(*layers)[i] = 0;
    }
    for (size_t o = n_order; o-- > 0;) {
        size_t i = order[o];
        int64_t f;
        for (size_t k = 0;
             (f = nth_flow(m, global[i], &blist[bstart[i]], bstart[i + 1] - bstart[i], k)) >= 0;
             k++) {
            if (back[f]) {
                continue;
            }
            int64_t t = local[m->flows[f].target];
            if (t >= 0 && t != (int64_t)i && VECTOR(*layers)[t] < VECTOR(*layers)[i] + 1) {
                VECTOR(*layers)[t] = VECTOR(*layers)[i] + 1;
            }
        }
    }
    free(bstart);
    free(blist);
    free(state);
    free(order);
    free(stack);
    free(next);
    free(back);
}

/* A node's place for sorting the nodes of each layout cell into Sugiyama's order. */
typedef struct cell_key {
    size_t cell; /* band * columns + column */
    double x;    /* Sugiyama's position in the layer */
    size_t i;    /* the node (ties) */
} cell_key_t;

static int cmp_cell_key(const void *pa, const void *pb)
{
    const cell_key_t *a = pa, *b = pb;
    if (a->cell != b->cell) {
        return a->cell < b->cell ? -1 : 1;
    }
    if (a->x != b->x) {
        return a->x < b->x ? -1 : 1;
    }
    return a->i < b->i ? -1 : a->i > b->i;
}

/* The grid of one scope: its bands (the lanes that hold nodes, then the "no lane" band) and, for
 * each of its nodes, its band, column and row inside the (band, column) cell. */
typedef struct scope_grid {
    int64_t *bands;  /* [nb + 1] the lane of each band; bands[nb] = -1, nodes without a lane */
    size_t nb;       /* lane bands */
    size_t *band_of; /* [n] band of each node */
    size_t *col;     /* [n] column: Sugiyama's layer */
    size_t *row;     /* [n] row inside its cell */
    size_t *rows;    /* [(nb + 1) * n_cols] rows of each cell */
    size_t n_cols;   /* columns */
} scope_grid_t;

/* Sugiyama's layout of the flow graph of the scope's n nodes (boundary flows leaving from their
 * activity) on the columns of process_layers: row i of *res is node i's (place in its layer,
 * layer). The caller destroys *res on success; on failure nothing is left and err is set. */
static flujo_status_t sugiyama(const flujo_model_t *m, const int64_t *local, const int64_t *global,
                               size_t n, igraph_matrix_t *res, flujo_err_t *err)
{
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, 0) != IGRAPH_SUCCESS) {
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        int64_t a = local[anchor(m, m->flows[j].source)], b = local[m->flows[j].target];
        if (a >= 0 && b >= 0 && a != b) {
            igraph_vector_int_push_back(&edges, a);
            igraph_vector_int_push_back(&edges, b);
        }
    }
    igraph_t g;
    igraph_error_t rc = igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED);
    igraph_vector_int_destroy(&edges);
    if (rc != IGRAPH_SUCCESS) {
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_create: %s", m->file,
                             igraph_strerror(rc));
    }
    if (igraph_matrix_init(res, 0, 0) != IGRAPH_SUCCESS) {
        igraph_destroy(&g);
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
    }
    igraph_vector_int_t layers;
    if (igraph_vector_int_init(&layers, (igraph_integer_t)n) != IGRAPH_SUCCESS) {
        igraph_destroy(&g);
        igraph_matrix_destroy(res);
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: out of memory", m->file);
    }
    process_layers(m, local, global, n, &layers);
    rc = igraph_layout_sugiyama(&g, res, NULL, NULL, &layers, 1, 1, 100, NULL);
    igraph_vector_int_destroy(&layers);
    igraph_destroy(&g);
    if (rc != IGRAPH_SUCCESS) {
        igraph_matrix_destroy(res);
        return flujo_err_set(err, FLUJO_EGRAPH, "%s: igraph_layout_sugiyama: %s", m->file,
                             igraph_strerror(rc));
    }
    return FLUJO_OK;
}

/* The grid of the scope's n nodes from Sugiyama's layout res: columns are Sugiyama's layers;
 * inside a (band, column) cell, nodes are stacked in the order Sugiyama put them in their layer.
 * grid_destroy frees it. */
static void make_grid(const flujo_model_t *m, int64_t p, int64_t parent, const int64_t *global,
                      size_t n, const igraph_matrix_t *res, scope_grid_t *gr)
{
    int64_t *bands = flujo_xmalloc((m->n_lanes + 2) * sizeof(*bands));
    size_t nb = parent < 0 ? lane_bands(m, p, -1, bands, 0) : 0;
    bands[nb] = -1; /* nodes without a lane */
    size_t *band_of = flujo_xcalloc(n + 1, sizeof(size_t));
    size_t *col = flujo_xcalloc(n + 1, sizeof(size_t));
    size_t *row = flujo_xcalloc(n + 1, sizeof(size_t));
    size_t n_cols = 0;
    for (size_t i = 0; i < n; i++) {
        int64_t lane = m->nodes[global[i]].lane;
        band_of[i] = nb;
        for (size_t b = 0; b < nb; b++) {
            band_of[i] = bands[b] == lane ? b : band_of[i];
        }
        col[i] = (size_t)MATRIX(*res, i, 1);
        n_cols = col[i] + 1 > n_cols ? col[i] + 1 : n_cols;
    }
    size_t *rows = flujo_xcalloc((nb + 1) * n_cols + 1, sizeof(size_t));
    /* rank inside the cell: the place in Sugiyama's order among the nodes of the cell (sorted by
     * cell, then order, then index: O(n log n), for models of thousands of nodes) */
    cell_key_t *keys = flujo_xmalloc((n + 1) * sizeof(*keys));
    for (size_t i = 0; i < n; i++) {
        keys[i] = (cell_key_t){band_of[i] * n_cols + col[i], MATRIX(*res, i, 0), i};
    }
    qsort(keys, n, sizeof(*keys), cmp_cell_key);
    for (size_t k = 0; k < n; k++) {
        size_t i = keys[k].i;
        row[i] = k > 0 && keys[k - 1].cell == keys[k].cell ? row[keys[k - 1].i] + 1 : 0;
        rows[keys[k].cell] = row[i] + 1;
    }
    free(keys);
    *gr = (scope_grid_t){bands, nb, band_of, col, row, rows, n_cols};
}

static void grid_destroy(scope_grid_t *gr)
{
    free(gr->bands);
    free(gr->band_of);
    free(gr->col);
    free(gr->row);
    free(gr->rows);
}

/* Places the scope's nodes band by band from (x0, y0), giving each lane band its top and height;
 * returns the y below the last band, and the scope's width in *width. */
static double place_bands(const flujo_model_t *m, flujo_layout_t *lay, int64_t parent, double x0,
                          double y0, const int64_t *global, size_t n, const scope_grid_t *gr,
                          double *width)
{
    const int64_t *bands = gr->bands;
    const size_t *band_of = gr->band_of, *col = gr->col, *row = gr->row, *rows = gr->rows;
    size_t nb = gr->nb, n_cols = gr->n_cols;
    double left = x0 + (parent < 0 ? POOL_HEAD + LANE_HEAD : 0) + MARGIN;
    *width = left - x0 + (double)n_cols * COL_W;
    double y = y0;
    bool any_unlaned = false;
    for (size_t i = 0; i < n; i++) {
        any_unlaned = any_unlaned || band_of[i] == nb;
    }
    for (size_t b = 0; b <= nb; b++) {
        if (b == nb && !any_unlaned && nb > 0) {
            break;
        }
        size_t max_rows = 1;
        for (size_t c = 0; c < n_cols; c++) {
            max_rows = rows[b * n_cols + c] > max_rows ? rows[b * n_cols + c] : max_rows;
        }
        double band_h = (double)max_rows * ROW_H + 2 * LANE_PAD;
        if (b < nb) {
            double *l = &lay->lane[4 * bands[b]];
            l[0] = x0 + POOL_HEAD;
            l[1] = y;
            l[3] = band_h;
        }
        for (size_t i = 0; i < n; i++) {
            if (band_of[i] != b) {
                continue;
            }
            double w, h;
            node_size(&m->nodes[global[i]], &w, &h);
            double *nd = &lay->node[4 * global[i]];
            nd[0] = left + (double)col[i] * COL_W + (COL_W - 70 - w) / 2;
            nd[1] = y + LANE_PAD + (double)row[i] * ROW_H + (ROW_H - h) / 2;
            nd[2] = w;
            nd[3] = h;
        }
        y += band_h;
    }
    return y;
}

/* Parent lanes span their children. */
static void span_parent_lanes(const flujo_model_t *m, flujo_layout_t *lay, int64_t p,
                              int64_t parent, double x0)
{
    for (size_t i = m->n_lanes; i-- > 0;) {
        const flujo_lane_t *l = &m->lanes[i];
        if (l->process != p || parent >= 0) {
            continue;
        }
        for (size_t k = 0; k < m->n_lanes; k++) {
            if (m->lanes[k].parent != (int64_t)i || lay->lane[4 * k + 3] <= 0) {
                continue;
            }
            double *pl = &lay->lane[4 * i], *cl = &lay->lane[4 * k];
            if (pl[3] <= 0) {
                pl[1] = cl[1];
                pl[3] = cl[3];
            } else {
                double top = pl[1] < cl[1] ? pl[1] : cl[1];
                double bot = pl[1] + pl[3] > cl[1] + cl[3] ? pl[1] + pl[3] : cl[1] + cl[3];
                pl[1] = top;
                pl[3] = bot - top;
            }
            pl[0] = x0 + POOL_HEAD;
            cl[0] = x0 + POOL_HEAD + LANE_HEAD * (m->lanes[k].depth);
        }
    }
}

/* Lays out the nodes of one scope (process p, parent sub-process or -1) from (x0, y0); returns the
 * height used and the width in *width. Lanes are used only at process level. */
static flujo_status_t layout_scope(const flujo_model_t *m, flujo_layout_t *lay, int64_t p,
                                   int64_t parent, double x0, double y0, double *width,
                                   double *height, flujo_err_t *err)
{
    size_t nn = m->n_nodes;
    int64_t *local = flujo_xmalloc((nn + 1) * sizeof(*local));
    int64_t *global = flujo_xmalloc((nn + 1) * sizeof(*global));
    size_t n = 0;
    for (size_t v = 0; v < nn; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        local[v] = -1;
        if (nd->process == p && nd->parent == parent && nd->kind != FLUJO_NODE_BOUNDARY) {
            local[v] = (int64_t)n;
            global[n++] = (int64_t)v;
        }
    }
    *width = 0;
    *height = 0;
    if (n == 0) {
        free(local);
        free(global);
        return FLUJO_OK;
    }
    igraph_matrix_t res;
    flujo_status_t st = sugiyama(m, local, global, n, &res, err);
    if (st == FLUJO_OK) {
        scope_grid_t gr;
        make_grid(m, p, parent, global, n, &res, &gr);
        igraph_matrix_destroy(&res);
        double y = place_bands(m, lay, parent, x0, y0, global, n, &gr, width);
        span_parent_lanes(m, lay, p, parent, x0);
        *height = y - y0;
        grid_destroy(&gr);
    }
    free(local);
    free(global);
    return st;
}

flujo_status_t flujo_model_layout(const flujo_model_t *m, flujo_layout_t *lay, flujo_err_t *err)
{
    memset(lay, 0, sizeof(*lay));
    lay->node = flujo_xcalloc(4 * m->n_nodes + 1, sizeof(double));
    lay->lane = flujo_xcalloc(4 * m->n_lanes + 1, sizeof(double));
    lay->pool = flujo_xcalloc(4 * m->n_processes + 1, sizeof(double));
    lay->first = flujo_xcalloc(m->n_flows + 1, sizeof(size_t));
    double y = 0, width = 0;
    flujo_status_t st = FLUJO_OK;
    for (size_t p = 0; p < m->n_processes && st == FLUJO_OK; p++) {
        double w, h;
        st = layout_scope(m, lay, (int64_t)p, -1, 0, y, &w, &h, err);
        if (h == 0) {
            h = ROW_H;
        }
        double *pl = &lay->pool[4 * p];
        pl[0] = 0;
        pl[1] = y;
        pl[3] = h;
        width = w > width ? w : width;
        y += h + 40;
    }
    /* sub-process contents, each in a band of its own below */
    for (size_t v = 0; v < m->n_nodes && st == FLUJO_OK; v++) {
        if (m->nodes[v].kind != FLUJO_NODE_SUBPROCESS) {
            continue;
        }
        double w, h;
        st = layout_scope(m, lay, m->nodes[v].process, (int64_t)v, 0, y, &w, &h, err);
        if (h > 0) {
            y += h + 40;
            width = w > width ? w : width;
        }
    }
    for (size_t p = 0; p < m->n_processes; p++) {
        lay->pool[4 * p + 2] = width;
    }
    for (size_t i = 0; i < m->n_lanes; i++) {
        if (lay->lane[4 * i + 3] > 0) {
            lay->lane[4 * i + 2] = width - lay->lane[4 * i];
        }
    }
    /* boundary events on the lower edge of their activity, right to left */
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        if (n->kind != FLUJO_NODE_BOUNDARY || n->attached_to < 0) {
            continue;
        }
        size_t k = 0;
        for (size_t u = 0; u < v; u++) {
            k += m->nodes[u].kind == FLUJO_NODE_BOUNDARY &&
                 m->nodes[u].attached_to == n->attached_to;
        }
        const double *a = &lay->node[4 * n->attached_to];
        double *b = &lay->node[4 * v];
        b[2] = b[3] = 36;
        b[0] = a[0] + a[2] - 46 - 40 * (double)k;
        b[1] = a[1] + a[3] - 18;
    }
    size_t np = 0, cap = 0;
    for (size_t j = 0; j < m->n_flows; j++) {
        lay->first[j] = np;
        flujo__layout_route(m, lay, j, &np, &cap);
    }
    lay->first[m->n_flows] = np;
    lay->width = width;
    lay->height = y;
    if (st != FLUJO_OK) {
        flujo_layout_destroy(lay);
    }
    return st;
}

void flujo_layout_destroy(flujo_layout_t *lay)
{
    free(lay->node);
    free(lay->lane);
    free(lay->pool);
    free(lay->first);
    free(lay->points);
    memset(lay, 0, sizeof(*lay));
}
