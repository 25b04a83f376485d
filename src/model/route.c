/* route.c - the orthogonal routing of the flows of a laid-out model: for each flow a few candidate
 * polylines, the way a modeller would draw them, and the cheapest one, counting the shapes it
 * crosses and the stretches it lays on flows already routed. */
#include <math.h>
#include <string.h>

#include "model/layout_int.h"

static void add_point(flujo_layout_t *lay, size_t *n, size_t *cap, double x, double y)
{
    flujo_grow((void **)&lay->points, cap, 2 * (*n + 1), sizeof(double));
    lay->points[2 * *n] = x;
    lay->points[2 * *n + 1] = y;
    (*n)++;
}

/* A candidate route: an orthogonal polyline. */
#define ROUTE_MAX        6 /* points of a route */
#define ROUTE_CANDIDATES 8 /* routes tried per flow */
typedef struct route {
    double x[ROUTE_MAX], y[ROUTE_MAX];
    int n;
} route_t;

static void route_add(route_t *r, double x, double y)
{
    if (r->n < ROUTE_MAX) {
        r->x[r->n] = x;
        r->y[r->n] = y;
        r->n++;
    }
}

/* True if the axis-parallel segment (x1, y1)-(x2, y2) enters rectangle s (x, y, w, h). */
static bool segment_hits(const double *s, double x1, double y1, double x2, double y2)
{
    double lo_x = x1 < x2 ? x1 : x2, hi_x = x1 < x2 ? x2 : x1;
    double lo_y = y1 < y2 ? y1 : y2, hi_y = y1 < y2 ? y2 : y1;
    return s[2] > 0 && hi_x > s[0] - 4 && lo_x < s[0] + s[2] + 4 && hi_y > s[1] - 4 &&
           lo_y < s[1] + s[3] + 4;
}

/* Length two axis-parallel segments share when they run along the same line. */
static double segment_overlap(double ax1, double ay1, double ax2, double ay2, double bx1,
                              double by1, double bx2, double by2)
{
    bool ah = ay1 == ay2, bh = by1 == by2;
    if (ah != bh) {
        return 0;
    }
    if (ah ? fabs(ay1 - by1) > 3 : fabs(ax1 - bx1) > 3) {
        return 0;
    }
    double a1 = ah ? ax1 : ay1, a2 = ah ? ax2 : ay2, b1 = ah ? bx1 : by1, b2 = ah ? bx2 : by2;
    double alo = a1 < a2 ? a1 : a2, ahi = a1 < a2 ? a2 : a1;
    double blo = b1 < b2 ? b1 : b2, bhi = b1 < b2 ? b2 : b1;
    double lo = alo > blo ? alo : blo, hi = ahi < bhi ? ahi : bhi;
    return hi > lo ? hi - lo : 0;
}

/* Cost of a route: shapes crossed (other than its ends) weigh most, then stretches laid on flows
 * already routed, then the candidate's rank (the order a modeller would try them in). */
static double route_cost(const flujo_model_t *m, const flujo_layout_t *lay, size_t j,
                         const route_t *r, int rank)
{
    int64_t src = m->flows[j].source, dst = m->flows[j].target;
    int64_t owner = m->nodes[src].kind == FLUJO_NODE_BOUNDARY ? m->nodes[src].attached_to : -1;
    double cost = rank;
    for (int k = 0; k + 1 < r->n; k++) {
        /* the first segment leaves its source and the last one enters its target */
        for (size_t v = 0; v < m->n_nodes; v++) {
            bool end = ((int64_t)v == src || (int64_t)v == owner) && k == 0;
            end = end || ((int64_t)v == dst && k + 2 == r->n);
            if (end ||
                (m->nodes[v].kind == FLUJO_NODE_BOUNDARY && m->nodes[v].attached_to == dst)) {
                continue;
            }
            if (segment_hits(&lay->node[4 * v], r->x[k], r->y[k], r->x[k + 1], r->y[k + 1])) {
                cost += 1000;
            }
        }
        for (size_t f = 0; f < j; f++) {
            for (size_t q = lay->first[f]; q + 1 < lay->first[f + 1]; q++) {
                const double *p = &lay->points[2 * q];
                if (segment_overlap(r->x[k], r->y[k], r->x[k + 1], r->y[k + 1], p[0], p[1], p[2],
                                    p[3]) > 10) {
                    cost += 20;
                }
            }
        }
    }
    return cost;
}

/* Candidate routes of flow j from shape a to shape b, most natural first; `owner` is the activity
 * when a is one of its boundary events, else NULL. Columns are COL_W apart with shapes centred 50
 * from their column's left, so the middle of the gap after a shape's column is 85 right of its
 * centre; rows are ROW_H apart, so the channel between two rows is ROW_H / 2 above or below a
 * shape's centre. */
static int route_candidates(const double *a, const double *b, const double *owner, route_t *c)
{
    double ax = a[0] + a[2] / 2, ay = a[1] + a[3] / 2, bx = b[0] + b[2] / 2, by = b[1] + b[3] / 2;
    double top = a[1], bottom = a[1] + a[3];
    int n = 0;
    memset(c, 0, ROUTE_CANDIDATES * sizeof(*c));
    if (owner != NULL) {
        /* down from the boundary event, below its activity's row, then to the target */
        double chan = owner[1] + owner[3] / 2 + ROW_H / 2 + 8;
        if (b[0] > ax && by > bottom) {
            route_add(&c[n], ax, bottom);
            route_add(&c[n], ax, by);
            route_add(&c[n++], b[0], by);
        }
        for (int t = 0; t < 2; t++) {
            double x = t == 0 ? b[0] - 25 : bx - 85; /* turn just before it, or in the gap */
            if (x > ax + 10) {
                route_add(&c[n], ax, bottom);
                route_add(&c[n], ax, chan);
                route_add(&c[n], x, chan);
                route_add(&c[n], x, by);
                route_add(&c[n++], b[0], by);
            }
        }
        route_add(&c[n], ax, bottom);
        route_add(&c[n], ax, chan);
        route_add(&c[n], bx, chan);
        route_add(&c[n++], bx, b[1] > chan ? b[1] : b[1] + b[3]);
        return n;
    }
    if (b[0] >= a[0] + a[2]) {
        double ex = a[0] + a[2], tx = b[0];
        double early = ax + 85 < tx ? ax + 85 : (ex + tx) / 2;
        double late = bx - 85 > early ? bx - 85 : early;
        if (ay == by) {
            route_add(&c[n], ex, ay);
            route_add(&c[n++], tx, by);
        } else {
            /* turn late (just before the target), or early (just after the source) */
            double turns[2] = {late, early};
            for (int t = 0; t < 2; t++) {
                route_add(&c[n], ex, ay);
                route_add(&c[n], turns[t], ay);
                route_add(&c[n], turns[t], by);
                route_add(&c[n++], tx, by);
            }
            /* leave by the top or bottom side towards the target's row */
            route_add(&c[n], ax, by > ay ? bottom : top);
            route_add(&c[n], ax, by);
            route_add(&c[n++], tx, by);
        }
        /* around obstacles: along the channel above or below the source's or the target's row */
        double chans[4] = {ay - ROW_H / 2, ay + ROW_H / 2, by - ROW_H / 2, by + ROW_H / 2};
        for (int k = 0; k < 4; k++) {
            if (k >= 2 && ay == by) {
                continue;
            }
            route_add(&c[n], ex, ay);
            route_add(&c[n], early, ay);
            route_add(&c[n], early, chans[k]);
            route_add(&c[n], late, chans[k]);
            route_add(&c[n], late, by);
            route_add(&c[n++], tx, by);
        }
        return n;
    }
    /* backward (a rework loop) or within a column: over the top or under the bottom of the
     * source's row, or of the target's row, into the target's nearer side */
    if (fabs(ax - bx) < 1 && (by > bottom || by < top)) {
        route_add(&c[n], ax, by > ay ? bottom : top);
        route_add(&c[n++], bx, by > ay ? b[1] : b[1] + b[3]);
    }
    double chans[4] = {ay - ROW_H / 2 + 6, ay + ROW_H / 2 - 6, by - ROW_H / 2 + 6,
                       by + ROW_H / 2 - 6};
    for (int k = 0; k < 4; k++) {
        double chan = chans[k];
        if ((k >= 2 && ay == by) || (chan > top && chan < bottom)) {
            continue;
        }
        route_add(&c[n], ax, chan < ay ? top : bottom);
        route_add(&c[n], ax, chan);
        route_add(&c[n], bx, chan);
        route_add(&c[n++], bx, chan < by ? b[1] : b[1] + b[3]);
    }
    return n;
}

void flujo__layout_route(const flujo_model_t *m, flujo_layout_t *lay, size_t j, size_t *n,
                         size_t *cap)
{
    const double *a = &lay->node[4 * m->flows[j].source];
    const double *b = &lay->node[4 * m->flows[j].target];
    const flujo_node_t *src = &m->nodes[m->flows[j].source];
    const double *owner = src->kind == FLUJO_NODE_BOUNDARY && src->attached_to >= 0
                              ? &lay->node[4 * src->attached_to]
                              : NULL;
    route_t c[ROUTE_CANDIDATES];
    int nc = route_candidates(a, b, owner, c);
    int best = 0;
    double best_cost = INFINITY;
    for (int k = 0; k < nc; k++) {
        double cost = route_cost(m, lay, j, &c[k], k);
        if (cost < best_cost) {
            best_cost = cost;
            best = k;
        }
    }
    for (int k = 0; k < c[best].n; k++) {
        add_point(lay, n, cap, c[best].x[k], c[best].y[k]);
    }
}
