/* html_analysis.c - what the HTML report's diagram, charts and tables are drawn from: which nodes
 * only the units' other work reaches, and the activities ranked by the hours expedientes wait for
 * them. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/base_int.h"
#include "report/html_int.h"

/* Nodes only background arrivals reach (the units' other work), not steps of the procedure. */
bool *flujo__html_background_only(const flujo_scenario_t *s)
{
    const flujo_model_t *m = s->model;
    size_t nn = m->n_nodes;
    bool *bg = flujo_xcalloc(nn + 1, sizeof(bool)), *fg = flujo_xcalloc(nn + 1, sizeof(bool));
    int64_t *stack = flujo_xcalloc(nn + m->n_flows + 1, sizeof(int64_t));
    for (int pass = 0; pass < 2; pass++) {
        bool *seen = pass == 0 ? fg : bg;
        size_t top = 0;
        for (size_t i = 0; i < s->n_arrivals; i++) {
            if (s->arrivals[i].background == (pass == 1) && !seen[s->arrivals[i].start]) {
                seen[s->arrivals[i].start] = true;
                stack[top++] = s->arrivals[i].start;
            }
        }
        while (top > 0) {
            int64_t v = stack[--top];
            for (size_t k = m->out_start[v]; k < m->out_start[v + 1]; k++) {
                int64_t t = m->flows[m->out_flow[k]].target;
                if (!seen[t]) {
                    seen[t] = true;
                    stack[top++] = t;
                }
            }
        }
    }
    for (size_t v = 0; v < nn; v++) {
        bg[v] = bg[v] && !fg[v];
    }
    free(fg);
    free(stack);
    return bg;
}

static int by_total(const void *a, const void *b)
{
    double x = ((const flujo__act_wait_t *)a)->total, y = ((const flujo__act_wait_t *)b)->total;
    if (x != y) {
        return x > y ? -1 : 1;
    }
    return ((const flujo__act_wait_t *)a)->node < ((const flujo__act_wait_t *)b)->node ? -1 : 1;
}

/* The hours an expediente loses at activity v, in all its visits: waiting for a free performer,
 * for the unit's hours, and with its work paused by them (the same figures as the units' and the
 * bottlenecks'). */
double flujo__html_lost(const flujo_results_t *r, size_t v)
{
    return flujo_results_activity_part(r, v, FLUJO_PART_WAIT_PERFORMER).mean +
           flujo_results_activity_part(r, v, FLUJO_PART_WAIT_HOURS).mean +
           flujo_results_activity_part(r, v, FLUJO_PART_WORK_PAUSED).mean;
}

/* The activities of the procedure by the hours an expediente loses there, most first (automated
 * units and the units' other work left out); *n of them, *sum hours in all. */
flujo__act_wait_t *flujo__html_wait_ranking(const flujo_results_t *r, size_t *n, double *sum)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    flujo__act_wait_t *a = flujo_xcalloc(m->n_nodes + 1, sizeof(*a));
    bool *bg = flujo__html_background_only(s);
    *n = 0;
    *sum = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_task_t *t = &s->tasks[v];
        if (m->nodes[v].kind != FLUJO_NODE_TASK || t->pool < 0 || s->pools[t->pool].automated ||
            bg[v]) {
            continue;
        }
        double w = flujo__html_lost(r, v);
        if (!(w > 0)) {
            continue;
        }
        a[*n].node = v;
        a[*n].total = w;
        *sum += a[*n].total;
        (*n)++;
    }
    free(bg);
    qsort(a, *n, sizeof(*a), by_total);
    return a;
}
