/* html_labels.c - where the names go on the BPMN diagram of the HTML report: each label box is
 * put at the first of a few candidate places that overlaps no shape, flow line or label already
 * placed, else at the least bad one; sub-process names inside their frame, gateway and event
 * names beside their shape, flow names near where the flow leaves. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/base_int.h"
#include "report/html_int.h"
#include "report/report_int.h"

/* Text and attribute values, escaped (format.c). */
static void esc(FILE *f, const char *s)
{
    flujo__xml_text(f, s);
}

static double overlap_area(const double *a, const double *b)
{
    double w = fmin(a[0] + a[2], b[0] + b[2]) - fmax(a[0], b[0]);
    double h = fmin(a[1] + a[3], b[1] + b[3]) - fmax(a[1], b[1]);
    return w > 0 && h > 0 ? w * h : 0;
}

/* The length of segment p-q inside the open box b (x, y, w, h), by Liang-Barsky clipping. */
static double clipped_length(const double *p, const double *q, const double *b)
{
    double dx = q[0] - p[0], dy = q[1] - p[1], t0 = 0, t1 = 1;
    double pk[4] = {-dx, dx, -dy, dy};
    double qk[4] = {p[0] - b[0], b[0] + b[2] - p[0], p[1] - b[1], b[1] + b[3] - p[1]};
    for (int k = 0; k < 4; k++) {
        if (pk[k] == 0) {
            if (!(qk[k] > 0)) {
                return 0; /* parallel to this side and outside (or on) it */
            }
            continue;
        }
        double t = qk[k] / pk[k];
        if (pk[k] < 0) {
            t0 = t > t0 ? t : t0;
        } else {
            t1 = t < t1 ? t : t1;
        }
    }
    return t1 > t0 ? (t1 - t0) * hypot(dx, dy) : 0;
}

/* How much of box b lies over placed labels and shapes (containers aside), and how much flow
 * line runs through it (each pixel of line as much as 10 square pixels of overlap): for choosing
 * the least bad place when there is no free one. */
static double place_cost(const flujo__placed_t *p, const flujo__drawing_t *d,
                         const flujo_model_t *m, const double *b)
{
    double a = 0;
    for (size_t i = 0; i < p->n; i++) {
        a += overlap_area(b, p->box[i]);
    }
    for (size_t k = 0; k < m->n_flows; k++) {
        for (size_t i = d->first[k]; i + 1 < d->first[k + 1]; i++) {
            a += 10 * clipped_length(&d->points[2 * i], &d->points[2 * i + 2], b);
        }
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        const double *s = &d->node[4 * v];
        if (s[2] > 0 && !d->container[v]) {
            a += overlap_area(b, s);
        }
    }
    return a;
}

/* Of n candidate boxes (x, y, w, h), the first free one, else the one least in the way. */
static int place_pick(const flujo__placed_t *p, const flujo__drawing_t *d, const flujo_model_t *m,
                      double (*cand)[4], int n)
{
    int best = 0;
    double best_cost = INFINITY;
    for (int k = 0; k < n; k++) {
        double c = place_cost(p, d, m, cand[k]);
        if (c <= 0) {
            return k;
        }
        if (c < best_cost) {
            best_cost = c;
            best = k;
        }
    }
    return best;
}

static bool place_free(const flujo__placed_t *p, const flujo__drawing_t *d, const flujo_model_t *m,
                       const double *b)
{
    return !(place_cost(p, d, m, b) > 0);
}

void flujo__place_add(flujo__placed_t *p, const double *b)
{
    flujo_grow((void **)&p->box, &p->cap, p->n + 1, sizeof(*p->box));
    memcpy(p->box[p->n++], b, sizeof(p->box[0]));
}

/* An expanded sub-process, drawn before what it holds: its frame, and its name at a top corner
 * inside (or above it) where it overlaps nothing. */
void flujo__html_frame(FILE *f, const flujo_model_t *m, const flujo__drawing_t *d,
                       flujo__placed_t *pl, size_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    const double *b = &d->node[4 * v];
    const char *name = n->name[0] ? n->name : n->id;
    fputs("<g><title>", f);
    esc(f, name);
    fprintf(f,
            "</title><rect class=\"sub\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
            "rx=\"10\"/>\n",
            b[0], b[1], b[2], b[3]);
    char lines[2][128];
    int nl = flujo__html_wrap(name, (int)((b[2] - 12) / 5.3), lines, 2);
    double w = 0, h = nl * 10 * 1.15;
    for (int i = 0; i < nl; i++) {
        double lw = (double)flujo__html_chars(lines[i], strlen(lines[i])) * 5.6;
        w = lw > w ? lw : w;
    }
    double cand[3][4] = {{b[0] + 6, b[1] + 4, w, h},
                         {b[0] + b[2] - 6 - w, b[1] + 4, w, h},
                         {b[0] + 6, b[1] - 4 - h, w, h}};
    int k = place_pick(pl, d, m, cand, 3);
    flujo__place_add(pl, cand[k]);
    flujo__html_text_lines(f, cand[k][0], cand[k][1] + 10 * 0.85, 10, "subname", lines, nl);
    fputs("</g>\n", f);
}

/* The label under a gateway or an event, placed where it overlaps nothing already drawn. */
void flujo__html_external_label(FILE *f, const flujo_model_t *m, const flujo__drawing_t *d,
                                flujo__placed_t *pl, int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    const double *b = &d->node[4 * v];
    if (!n->name[0]) {
        return;
    }
    char lines[3][128];
    int nl = flujo__html_wrap(n->name, 22, lines, 3);
    double lh = 9 * 1.15, h = nl * lh, w = 0;
    for (int i = 0; i < nl; i++) {
        double lw = (double)flujo__html_chars(lines[i], strlen(lines[i])) * 4.9;
        w = lw > w ? lw : w;
    }
    double cx = b[0] + b[2] / 2, cy = b[1] + b[3] / 2, below = b[1] + b[3] + 4;
    double above = b[1] - 4 - h;
    /* below, above, right and left of the shape, then below and above beside the middle (clear
     * of a flow that leaves or enters there), then the corners; the first free place, else the
     * one least in the way (boxes: left, top, width, height) */
    double cand[12][4] = {
        {cx - w / 2, below, w, h},
        {cx - w / 2, above, w, h},
        {b[0] + b[2] + 6, cy - h / 2, w, h},
        {b[0] - 6 - w, cy - h / 2, w, h},
        {cx + 4, below, w, h},
        {cx - 4 - w, below, w, h},
        {cx + 4, above, w, h},
        {cx - 4 - w, above, w, h},
        {b[0] + b[2] + 2, below, w, h},
        {b[0] - 2 - w, below, w, h},
        {b[0] + b[2] + 2, above, w, h},
        {b[0] - 2 - w, above, w, h},
    };
    int k = place_pick(pl, d, m, cand, 12);
    flujo__place_add(pl, cand[k]);
    flujo__html_text_lines(f, cand[k][0] + w / 2, cand[k][1] + 9 * 0.85, 9, "lbl", lines, nl);
}

/* The name of a flow (Sí, No, ...) near its start, where it overlaps no shape or label. */
void flujo__html_flow_label(FILE *f, const flujo_model_t *m, const flujo__drawing_t *d,
                            flujo__placed_t *pl, size_t j)
{
    const char *name = m->flows[j].name;
    size_t a = d->first[j], z = d->first[j + 1];
    if (!name[0] || z - a < 2) {
        return;
    }
    double w = (double)flujo__html_chars(name, strlen(name)) * 4.9 + 2, h = 10;
    /* along each segment, a few positions on either side: 12 and 30 pixels from its start
     * (the reader looks for the name where the flow leaves), then a quarter, half and three
     * quarters of the way */
    for (size_t k = a; k + 1 < z; k++) {
        const double *p = &d->points[2 * k], *q = &d->points[2 * k + 2];
        double len = hypot(q[0] - p[0], q[1] - p[1]);
        for (int t = 0; t < 5 && len > 0; t++) {
            double at = t == 0 ? 12 / len : t == 1 ? 30 / len : (t - 1) / 4.0;
            if (at >= 1) {
                continue;
            }
            double x = p[0] + (q[0] - p[0]) * at, y = p[1] + (q[1] - p[1]) * at;
            double cand[4][2] = {
                {x + 3, y - h - 2}, {x + 3, y + 2}, {x - w - 3, y - h - 2}, {x - w - 3, y + 2}};
            for (int c = 0; c < 4; c++) {
                double box[4] = {cand[c][0], cand[c][1], w, h};
                if (place_free(pl, d, m, box)) {
                    flujo__place_add(pl, box);
                    fprintf(f, "<text class=\"flbl\" x=\"%.1f\" y=\"%.1f\">", cand[c][0] + 1,
                            cand[c][1] + 8);
                    esc(f, name);
                    fputs("</text>\n", f);
                    return;
                }
            }
        }
    }
}
