/* test_helpers.h - what the cmocka test programs share. */
#ifndef FLUJO_TEST_HELPERS_H
#define FLUJO_TEST_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#ifndef FIXTURES
#define FIXTURES "tests/fixtures"
#endif
#ifndef SHARED
#define SHARED "../shared"
#endif

/* The exit status of a test program that skips all it would test (automake's convention). */
#define TEST_SKIPPED 77

/* True if the shared test corpus (SHARED: ../shared beside the clone, or make test SHARED=...)
 * holds sub; otherwise prints one "SKIPPED:" line saying what is skipped without it (tests/run.sh
 * lists those lines at the end) and returns false. */
static inline bool have_shared(const char *sub, const char *what)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", SHARED, sub);
    FILE *f = fopen(path, "r");
    if (f != NULL) {
        fclose(f);
        return true;
    }
    printf("SKIPPED: %s: no %s (set SHARED=path/to/shared: make test SHARED=...)\n", what, path);
    return false;
}

/* cmocka 1.1's assert_float_equal compares as float; doubles need their own check. */
#define assert_close(a, b, tol) assert_close_impl((a), (b), (tol), #a, __FILE__, __LINE__)

static inline void assert_close_impl(double a, double b, double tol, const char *expr,
                                     const char *file, int line)
{
    if (!(fabs(a - b) <= tol)) {
        print_error("%s = %.10g, expected %.10g +/- %.3g\n", expr, a, b, tol);
        _fail(file, line);
    }
}

/* True if haystack contains needle; for asserting on error messages. */
#define assert_contains(haystack, needle)                                                          \
    do {                                                                                           \
        const char *h_ = (haystack);                                                               \
        if (strstr(h_, (needle)) == NULL) {                                                        \
            print_error("'%s' does not contain '%s'\n", h_, (needle));                             \
            fail();                                                                                \
        }                                                                                          \
    } while (0)

#ifdef FLUJO_SCENARIO_H
/* Loads a scenario that must load; the reason otherwise. */
static inline flujo_scenario_t *scenario_ok(const char *path, const char *const *sets, size_t n)
{
    flujo_scenario_t *s = NULL;
    flujo_err_t err = {0};
    if (flujo_scenario_load(path, sets, n, &s, &err) != FLUJO_OK) {
        print_error("%s\n", err.msg);
        fail();
    }
    return s;
}
#endif

#ifdef FLUJO_MODEL_H
/* The shape of element `index` of a kind (node, lane...) on the model's diagram, or NULL. */
static inline const flujo_shape_t *shape_of(const flujo_model_t *m, flujo_di_kind_t kind,
                                            int64_t index)
{
    for (size_t i = 0; i < m->n_shapes; i++) {
        if (m->shapes[i].kind == kind && m->shapes[i].index == index) {
            return &m->shapes[i];
        }
    }
    return NULL;
}

/* The edge of sequence flow j, or NULL. */
static inline const flujo_edge_t *edge_of(const flujo_model_t *m, size_t j)
{
    for (size_t k = 0; k < m->n_edges; k++) {
        if (m->edges[k].kind == FLUJO_DI_FLOW && m->edges[k].index == (int64_t)j) {
            return &m->edges[k];
        }
    }
    return NULL;
}

/* True if point (x, y) lies on the border of shape s, within a pixel. */
static inline bool on_border(const flujo_shape_t *s, double x, double y)
{
    bool in_x = x >= s->x - 1 && x <= s->x + s->w + 1;
    bool in_y = y >= s->y - 1 && y <= s->y + s->h + 1;
    bool edge_x = fabs(x - s->x) <= 1 || fabs(x - s->x - s->w) <= 1;
    bool edge_y = fabs(y - s->y) <= 1 || fabs(y - s->y - s->h) <= 1;
    return (edge_x && in_y) || (edge_y && in_x);
}

/* True if shape a lies inside shape b. */
static inline bool inside(const flujo_shape_t *a, const flujo_shape_t *b)
{
    return a->x >= b->x && a->x + a->w <= b->x + b->w && a->y >= b->y && a->y + a->h <= b->y + b->h;
}

/* True if the interiors of shapes a and b overlap. */
static inline bool overlap(const flujo_shape_t *a, const flujo_shape_t *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* True if the axis-parallel or slanted segment p-q passes through the inside of shape s (more
 * than 2 pixels in), tested on the segment's bounding box, exact for axis-parallel segments. */
static inline bool crosses(const flujo_shape_t *s, const double *p, const double *q)
{
    double lo_x = p[0] < q[0] ? p[0] : q[0], hi_x = p[0] < q[0] ? q[0] : p[0];
    double lo_y = p[1] < q[1] ? p[1] : q[1], hi_y = p[1] < q[1] ? q[1] : p[1];
    return hi_x > s->x + 2 && lo_x < s->x + s->w - 2 && hi_y > s->y + 2 && lo_y < s->y + s->h - 2;
}

/* What is wrong with a model's diagram, each printed: a flow node without a shape or outside its
 * lane, two flow nodes of one scope that overlap, a sequence flow without an edge or whose ends
 * do not touch its shapes; and separately the edge segments that cross a flow node they do not
 * connect. */
typedef struct diagram_check {
    size_t problems;
    size_t crossings;
} diagram_check_t;

/* Length (pixels) that axis-parallel segments a0-a1 and b0-b1 run along one line together. */
static inline double common_run(const double *a0, const double *a1, const double *b0,
                                const double *b1)
{
    for (int axis = 0; axis < 2; axis++) {
        int o = 1 - axis; /* the coordinate that stays fixed along the segment */
        if (fabs(a0[o] - a1[o]) > 0.5 || fabs(b0[o] - b1[o]) > 0.5 || fabs(a0[o] - b0[o]) > 1) {
            continue;
        }
        double lo = fmax(fmin(a0[axis], a1[axis]), fmin(b0[axis], b1[axis]));
        double hi = fmin(fmax(a0[axis], a1[axis]), fmax(b0[axis], b1[axis]));
        if (hi - lo > 1) {
            return hi - lo;
        }
    }
    return 0;
}

/* True if point x lies on the axis-parallel segment p-q, within a pixel. */
static inline bool on_segment(const double *x, const double *p, const double *q)
{
    return x[0] >= fmin(p[0], q[0]) - 1 && x[0] <= fmax(p[0], q[0]) + 1 &&
           x[1] >= fmin(p[1], q[1]) - 1 && x[1] <= fmax(p[1], q[1]) + 1;
}

/* Pairs of sequence flows whose edges share a stretch of line: a reader cannot tell where each
 * goes (two flows into one target may share their last stretch: that reads as a merge). */
static inline size_t shared_segments(const flujo_model_t *m, const char *path)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_edges; i++) {
        const flujo_edge_t *e = &m->edges[i];
        for (size_t j = 0; j < i && e->kind == FLUJO_DI_FLOW; j++) {
            const flujo_edge_t *g = &m->edges[j];
            if (g->kind != FLUJO_DI_FLOW || g->plane != e->plane ||
                m->flows[g->index].target == m->flows[e->index].target) {
                continue;
            }
            bool found = false;
            for (size_t a = 0; a + 1 < e->n_points && !found; a++) {
                const double *p = &m->points[2 * (e->first + a)];
                for (size_t b = 0; b + 1 < g->n_points && !found; b++) {
                    const double *q = &m->points[2 * (g->first + b)];
                    /* or a bend of one on the other: two flows turning at one point cross there
                     * as a "+" that reads either way */
                    found = common_run(p, p + 2, q, q + 2) > 0 ||
                            (a > 0 && on_segment(p, q, q + 2)) ||
                            (b > 0 && on_segment(q, p, p + 2));
                }
            }
            if (found) {
                print_error("%s: flows %s and %s are drawn along one common segment\n", path,
                            m->flows[g->index].id, m->flows[e->index].id);
                n++;
            }
        }
    }
    return n;
}

static inline diagram_check_t check_diagram(const flujo_model_t *m, const char *path)
{
    diagram_check_t c = {0, 0};
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        const flujo_shape_t *s = shape_of(m, FLUJO_DI_NODE, (int64_t)v);
        if (s == NULL) {
            print_error("%s: node %s has no shape\n", path, nd->id);
            c.problems++;
            continue;
        }
        const flujo_shape_t *ls = nd->lane >= 0 ? shape_of(m, FLUJO_DI_LANE, nd->lane) : NULL;
        if (nd->lane >= 0 && nd->kind != FLUJO_NODE_BOUNDARY && nd->parent < 0 &&
            (ls == NULL || !inside(s, ls))) {
            print_error("%s: node %s lies outside its lane %s\n", path, nd->id,
                        m->lanes[nd->lane].id);
            c.problems++;
        }
        for (size_t u = 0; u < v && nd->kind != FLUJO_NODE_BOUNDARY; u++) {
            const flujo_shape_t *t = shape_of(m, FLUJO_DI_NODE, (int64_t)u);
            if (t != NULL && m->nodes[u].kind != FLUJO_NODE_BOUNDARY &&
                m->nodes[u].parent == nd->parent && m->nodes[u].process == nd->process &&
                t->plane == s->plane && overlap(s, t)) {
                print_error("%s: nodes %s and %s overlap\n", path, m->nodes[u].id, nd->id);
                c.problems++;
            }
        }
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        const flujo_flow_t *f = &m->flows[j];
        const flujo_edge_t *e = edge_of(m, j);
        const flujo_shape_t *a = shape_of(m, FLUJO_DI_NODE, f->source);
        const flujo_shape_t *b = shape_of(m, FLUJO_DI_NODE, f->target);
        if (e == NULL || e->n_points < 2 || a == NULL || b == NULL) {
            print_error("%s: flow %s has no edge\n", path, f->id);
            c.problems++;
            continue;
        }
        const double *p = &m->points[2 * e->first];
        const double *q = &m->points[2 * (e->first + e->n_points - 1)];
        if (!on_border(a, p[0], p[1]) || !on_border(b, q[0], q[1])) {
            print_error("%s: flow %s does not start and end on its shapes\n", path, f->id);
            c.problems++;
        }
        int64_t owner =
            m->nodes[f->source].kind == FLUJO_NODE_BOUNDARY ? m->nodes[f->source].attached_to : -1;
        for (size_t k = 0; k + 1 < e->n_points; k++) {
            const double *s0 = &m->points[2 * (e->first + k)];
            for (size_t v = 0; v < m->n_nodes; v++) {
                const flujo_shape_t *s = shape_of(m, FLUJO_DI_NODE, (int64_t)v);
                if ((int64_t)v == f->source || (int64_t)v == f->target || (int64_t)v == owner ||
                    s == NULL || s->plane != e->plane ||
                    m->nodes[v].kind == FLUJO_NODE_SUBPROCESS || !crosses(s, s0, s0 + 2)) {
                    continue;
                }
                print_error("%s: flow %s crosses %s\n", path, f->id, m->nodes[v].id);
                c.crossings++;
            }
        }
    }
    return c;
}
#endif

#endif
