/* traffic.c - the solve of the traffic equations v = e + P^T v of an open network: one strongly
 * connected component at a time, in topological order, each by LU decomposition (GSL). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "base/base_int.h"
#include "scenario/capacity_int.h"

#define MAX_DENSE 3000 /* nodes of one loop above which its dense solve is refused */

/* Strongly connected components of the graph whose edges out of node v are target[start[v] ..
 * start[v + 1]) (Tarjan's algorithm, without recursion). comp[v] numbers them in the order they
 * close: a component's edges lead only to itself and to components of lower number. Returns how
 * many there are. */
static size_t components(size_t nn, const size_t *start, const int64_t *target, size_t *comp)
{
    const size_t unset = SIZE_MAX;
    size_t *index = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t *low = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t *stack = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t *frame = flujo_xmalloc((nn + 1) * sizeof(size_t)); /* call stack: nodes */
    size_t *next = flujo_xmalloc((nn + 1) * sizeof(size_t));  /* per node: next edge to follow */
    bool *on = flujo_xcalloc(nn + 1, sizeof(bool));
    size_t counter = 0, n_comp = 0, sp = 0, fp = 0;
    for (size_t v = 0; v < nn; v++) {
        index[v] = unset;
    }
    for (size_t root = 0; root < nn; root++) {
        if (index[root] != unset) {
            continue;
        }
        index[root] = low[root] = counter++;
        next[root] = start[root];
        stack[sp++] = root;
        on[root] = true;
        frame[fp++] = root;
        while (fp > 0) {
            size_t v = frame[fp - 1];
            if (next[v] < start[v + 1]) {
                size_t w = (size_t)target[next[v]++];
                if (index[w] == unset) {
                    index[w] = low[w] = counter++;
                    next[w] = start[w];
                    stack[sp++] = w;
                    on[w] = true;
                    frame[fp++] = w;
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                size_t w;
                do {
                    w = stack[--sp];
                    on[w] = false;
                    comp[w] = n_comp;
                } while (w != v);
                n_comp++;
            }
            fp--;
            if (fp > 0 && low[v] < low[frame[fp - 1]]) {
                low[frame[fp - 1]] = low[v];
            }
        }
    }
    free(index);
    free(low);
    free(stack);
    free(frame);
    free(next);
    free(on);
    return n_comp;
}

/* The node to name for a loop that is never left: its first gateway, else its first node. */
static int64_t loop_culprit(const flujo_model_t *m, const size_t *nodes, size_t k)
{
    size_t best = nodes[0];
    bool gateway = false;
    for (size_t i = 0; i < k; i++) {
        bool g = m->nodes[nodes[i]].kind == FLUJO_NODE_GATEWAY;
        if ((g && !gateway) || (g == gateway && nodes[i] < best)) {
            best = nodes[i];
            gateway = g;
        }
    }
    return (int64_t)best;
}

/* Solves the traffic equations x = e + P^T x for cases entering at start: one strongly connected
 * component at a time, upstream first, each fed by what the ones before send into it. A loop whose
 * cases never all leave (every node of it sends at least one token back in, or a solve without a
 * finite, positive answer) gives FLUJO__TRAPPED with its gateway in *culprit. */
flujo__solve_t flujo__solve_visits(const flujo_model_t *m, const flujo__route_t *r, int64_t start,
                                   double *x, int64_t *culprit)
{
    size_t nn = m->n_nodes;
    size_t *ostart = flujo_xcalloc(nn + 2, sizeof(size_t));
    int64_t *target = flujo_xmalloc((r->n + 1) * sizeof(int64_t));
    double *share = flujo_xmalloc((r->n + 1) * sizeof(double));
    for (size_t i = 0; i < r->n; i++) {
        ostart[r->e[i].from + 2]++;
    }
    for (size_t v = 0; v < nn; v++) {
        ostart[v + 2] += ostart[v + 1];
    }
    for (size_t i = 0; i < r->n; i++) { /* stable counting sort by source */
        size_t k = ostart[r->e[i].from + 1]++;
        target[k] = r->e[i].to;
        share[k] = r->e[i].p;
    }
    size_t *comp = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t n_comp = components(nn, ostart, target, comp);
    size_t *cstart = flujo_xcalloc(n_comp + 2, sizeof(size_t));
    size_t *cnodes = flujo_xmalloc((nn + 1) * sizeof(size_t));
    size_t *pos = flujo_xmalloc((nn + 1) * sizeof(size_t));
    for (size_t v = 0; v < nn; v++) {
        cstart[comp[v] + 2]++;
    }
    for (size_t c = 0; c < n_comp; c++) {
        cstart[c + 2] += cstart[c + 1];
    }
    for (size_t v = 0; v < nn; v++) {
        cnodes[cstart[comp[v] + 1]++] = v;
    }
    for (size_t c = 0; c < n_comp; c++) { /* place of each node within its component */
        for (size_t i = cstart[c]; i < cstart[c + 1]; i++) {
            pos[cnodes[i]] = i - cstart[c];
        }
    }
    double *b = flujo_xcalloc(nn + 1, sizeof(double));
    b[start] = 1;
    flujo__solve_t res = FLUJO__SOLVED;
    for (size_t c = n_comp; c-- > 0 && res == FLUJO__SOLVED;) {
        const size_t *nodes = &cnodes[cstart[c]];
        size_t k = cstart[c + 1] - cstart[c];
        bool reached = false, closed = true;
        for (size_t i = 0; i < k; i++) {
            size_t v = nodes[i];
            reached = reached || b[v] > 0;
            double inside = 0;
            for (size_t j = ostart[v]; j < ostart[v + 1]; j++) {
                inside += comp[target[j]] == c ? share[j] : 0;
            }
            closed = closed && inside >= 1 - 1e-9;
            x[v] = 0;
        }
        if (!reached) {
            continue;
        }
        if (closed) {
            res = FLUJO__TRAPPED;
        } else if (k == 1) {
            size_t v = nodes[0];
            double self = 0;
            for (size_t j = ostart[v]; j < ostart[v + 1]; j++) {
                self += (size_t)target[j] == v ? share[j] : 0;
            }
            x[v] = b[v] / (1 - self);
        } else if (k > MAX_DENSE) {
            res = FLUJO__TOO_BIG;
        } else {
            gsl_matrix *a = gsl_matrix_alloc(k, k);
            gsl_vector *rhs = gsl_vector_alloc(k), *sol = gsl_vector_alloc(k);
            gsl_permutation *perm = gsl_permutation_alloc(k);
            if (a == NULL || rhs == NULL || sol == NULL || perm == NULL) {
                res = FLUJO__TOO_BIG; /* out of memory: the loads stay unknown */
                gsl_permutation_free(perm);
                gsl_vector_free(sol);
                gsl_vector_free(rhs);
                gsl_matrix_free(a);
                break;
            }
            gsl_matrix_set_identity(a);
            for (size_t i = 0; i < k; i++) {
                size_t v = nodes[i];
                gsl_vector_set(rhs, i, b[v]);
                for (size_t j = ostart[v]; j < ostart[v + 1]; j++) {
                    size_t w = (size_t)target[j];
                    if (comp[w] == c) {
                        gsl_matrix_set(a, pos[w], i, gsl_matrix_get(a, pos[w], i) - share[j]);
                    }
                }
            }
            int signum;
            bool ok = gsl_linalg_LU_decomp(a, perm, &signum) == GSL_SUCCESS;
            for (size_t i = 0; i < k && ok; i++) {
                ok = fabs(gsl_matrix_get(a, i, i)) > 1e-12;
            }
            ok = ok && gsl_linalg_LU_solve(a, perm, rhs, sol) == GSL_SUCCESS;
            for (size_t i = 0; i < k && ok; i++) {
                double vis = gsl_vector_get(sol, i);
                ok = isfinite(vis) && vis > -1e-9 && vis < 1e9;
                x[nodes[i]] = vis > 0 ? vis : 0;
            }
            res = ok ? FLUJO__SOLVED : FLUJO__TRAPPED;
            gsl_permutation_free(perm);
            gsl_vector_free(sol);
            gsl_vector_free(rhs);
            gsl_matrix_free(a);
        }
        if (res == FLUJO__TRAPPED) {
            *culprit = loop_culprit(m, nodes, k);
            break;
        }
        for (size_t i = 0; i < k; i++) { /* what leaves the component feeds the next ones */
            size_t v = nodes[i];
            for (size_t j = ostart[v]; j < ostart[v + 1]; j++) {
                b[target[j]] += comp[target[j]] != c ? share[j] * x[v] : 0;
            }
        }
    }
    free(b);
    free(pos);
    free(cnodes);
    free(cstart);
    free(comp);
    free(share);
    free(target);
    free(ostart);
    return res;
}
