/* html_diagram.c - the BPMN diagram of the HTML report: its geometry (the file's own DI, else an
 * automatic layout), an overview that fits the page with the worst waits numbered, the legend,
 * and the drawing at full size: pools and lanes, flows, then nodes, activities coloured by their
 * mean wait and labelled with their wait and work. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "report/html_int.h"
#include "report/report_int.h"

#define PANEL_W   1040.0 /* drawing units an overview window shows across */
#define PANEL_H   400.0  /* and down */
#define PANEL_PX  1144.0 /* its width on the page at most: 1.1 times the drawing's size */
#define TOP_WAITS 5      /* activities numbered on the overview */

/* Text and attribute values, escaped (format.c). */
static void esc(FILE *f, const char *s)
{
    flujo__xml_text(f, s);
}

static void grow_bounds(flujo__drawing_t *d, double x, double y)
{
    d->x0 = x < d->x0 ? x : d->x0;
    d->y0 = y < d->y0 ? y : d->y0;
    d->x1 = x > d->x1 ? x : d->x1;
    d->y1 = y > d->y1 ? y : d->y1;
}

/* Whether the file's DI draws every node of the process level on the plane. */
static bool di_complete(const flujo_model_t *m, int plane)
{
    bool complete = m->n_shapes > 0;
    for (size_t v = 0; v < m->n_nodes && complete; v++) {
        bool found = m->nodes[v].parent >= 0;
        for (size_t i = 0; i < m->n_shapes && !found; i++) {
            const flujo_shape_t *s = &m->shapes[i];
            found = s->kind == FLUJO_DI_NODE && s->index == (int64_t)v && s->plane == plane;
        }
        complete = found;
    }
    return complete;
}

/* The drawing from an automatic layered layout. */
static flujo_status_t drawing_from_layout(const flujo_model_t *m, flujo__drawing_t *d,
                                          flujo_err_t *err)
{
    flujo_status_t st = flujo_model_layout(m, &d->lay, err);
    if (st != FLUJO_OK) {
        return st;
    }
    d->laid_out = true;
    d->node = d->lay.node;
    d->lane = d->lay.lane;
    d->pool = d->lay.pool;
    d->pool_is_process = true;
    d->first = d->lay.first;
    d->points = d->lay.points;
    d->lane_vertical = flujo_xcalloc(m->n_lanes + 1, sizeof(bool));
    d->pool_vertical = flujo_xcalloc(m->n_processes + 1, sizeof(bool));
    d->container = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    for (size_t p = 0; p < m->n_processes; p++) {
        const double *b = &d->pool[4 * p];
        if (b[3] > 0) {
            grow_bounds(d, b[0], b[1]);
            grow_bounds(d, b[0] + b[2], b[1] + b[3]);
        }
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        const double *b = &d->node[4 * v];
        grow_bounds(d, b[0], b[1]);
        grow_bounds(d, b[0] + b[2], b[1] + b[3] + 30);
    }
    return FLUJO_OK;
}

/* Node, lane and pool boxes from the DI shapes of the plane. */
static void drawing_shapes(const flujo_model_t *m, flujo__drawing_t *d, int plane)
{
    d->node = flujo_xcalloc(4 * m->n_nodes + 1, sizeof(double));
    d->lane = flujo_xcalloc(4 * m->n_lanes + 1, sizeof(double));
    d->pool = flujo_xcalloc(4 * m->n_participants + 1, sizeof(double));
    d->first = flujo_xcalloc(m->n_flows + 1, sizeof(size_t));
    d->points = flujo_xcalloc(2 * m->n_points + 1, sizeof(double));
    d->lane_vertical = flujo_xcalloc(m->n_lanes + 1, sizeof(bool));
    d->pool_vertical = flujo_xcalloc(m->n_participants + 1, sizeof(bool));
    d->container = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    for (size_t i = 0; i < m->n_shapes; i++) {
        const flujo_shape_t *s = &m->shapes[i];
        double *b = NULL;
        if (s->plane != plane) {
            continue;
        }
        if (s->kind == FLUJO_DI_NODE) {
            b = &d->node[4 * s->index];
        } else if (s->kind == FLUJO_DI_LANE) {
            b = &d->lane[4 * s->index];
            d->lane_vertical[s->index] = !s->horizontal;
        } else if (s->kind == FLUJO_DI_PARTICIPANT) {
            b = &d->pool[4 * s->index];
            d->pool_vertical[s->index] = !s->horizontal;
        }
        if (b != NULL) {
            b[0] = s->x;
            b[1] = s->y;
            b[2] = s->w;
            b[3] = s->h;
            grow_bounds(d, s->x, s->y);
            grow_bounds(d, s->x + s->w, s->y + s->h);
            if (s->kind == FLUJO_DI_NODE) {
                grow_bounds(d, s->x + s->w / 2, s->y + s->h + 30); /* external labels */
            }
        }
    }
}

/* The points of each flow from the DI edges of the plane. */
static void drawing_flows(const flujo_model_t *m, flujo__drawing_t *d, int plane)
{
    /* flows in flow order; a flow without an edge on this plane has no points */
    size_t n = 0;
    for (size_t j = 0; j < m->n_flows; j++) {
        d->first[j] = n;
        for (size_t k = 0; k < m->n_edges; k++) {
            const flujo_edge_t *e = &m->edges[k];
            if (e->kind != FLUJO_DI_FLOW || e->index != (int64_t)j || e->plane != plane) {
                continue;
            }
            for (size_t p = 0; p < e->n_points; p++) {
                d->points[2 * n] = m->points[2 * (e->first + p)];
                d->points[2 * n + 1] = m->points[2 * (e->first + p) + 1];
                grow_bounds(d, d->points[2 * n], d->points[2 * n + 1]);
                n++;
            }
            break;
        }
    }
    d->first[m->n_flows] = n;
}

/* Marks the sub-processes drawn around other nodes. */
static void drawing_containers(const flujo_model_t *m, flujo__drawing_t *d)
{
    /* a sub-process drawn expanded, with other nodes inside its box, is their frame */
    for (size_t v = 0; v < m->n_nodes; v++) {
        const double *b = &d->node[4 * v];
        if (m->nodes[v].kind == FLUJO_NODE_TASK || b[2] <= 0 ||
            (m->nodes[v].kind != FLUJO_NODE_SUBPROCESS && m->nodes[v].kind != FLUJO_NODE_CALL)) {
            continue;
        }
        for (size_t u = 0; u < m->n_nodes && !d->container[v]; u++) {
            const double *c = &d->node[4 * u];
            double cx = c[0] + c[2] / 2, cy = c[1] + c[3] / 2;
            d->container[v] = u != v && c[2] > 0 && c[2] < b[2] && cx > b[0] && cx < b[0] + b[2] &&
                              cy > b[1] && cy < b[1] + b[3];
        }
    }
}

/* The diagram of the main plane, from the file's own DI when it draws every node of the
 * process level, else from an automatic layered layout. */
static flujo_status_t drawing_build(const flujo_model_t *m, flujo__drawing_t *d, flujo_err_t *err)
{
    memset(d, 0, sizeof(*d));
    d->x0 = d->y0 = INFINITY;
    d->x1 = d->y1 = -INFINITY;
    int plane = 0;
    if (!di_complete(m, plane)) {
        return drawing_from_layout(m, d, err);
    }
    drawing_shapes(m, d, plane);
    drawing_flows(m, d, plane);
    drawing_containers(m, d);
    return FLUJO_OK;
}

static void drawing_free(flujo__drawing_t *d)
{
    free(d->lane_vertical);
    free(d->pool_vertical);
    free(d->container);
    if (d->laid_out) {
        flujo_layout_destroy(&d->lay);
    } else {
        free(d->node);
        free(d->lane);
        free(d->pool);
        free(d->first);
        free(d->points);
    }
}

static bool is_activity(const flujo_node_t *n)
{
    return n->kind == FLUJO_NODE_TASK || n->kind == FLUJO_NODE_SUBPROCESS ||
           n->kind == FLUJO_NODE_CALL;
}

/* The symbol inside a gateway's diamond. */
static void gateway_mark(FILE *f, const flujo_node_t *n, double cx, double cy, double r)
{
    double k = r * 0.38;
    switch (n->gateway) {
    case FLUJO_GW_EXCLUSIVE:
        fprintf(f, "<path class=\"mark\" d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\"/>\n",
                cx - k, cy - k, cx + k, cy + k, cx + k, cy - k, cx - k, cy + k);
        break;
    case FLUJO_GW_PARALLEL:
        fprintf(f, "<path class=\"mark\" d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\"/>\n", cx,
                cy - k * 1.2, cx, cy + k * 1.2, cx - k * 1.2, cy, cx + k * 1.2, cy);
        break;
    case FLUJO_GW_INCLUSIVE:
        fprintf(f, "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n", cx, cy, k);
        break;
    case FLUJO_GW_EVENT:
        fprintf(f, "<circle class=\"thin\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n", cx, cy,
                k * 1.1);
        break;
    default:
        fprintf(f,
                "<path class=\"mark\" d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1fM%.1f "
                "%.1fL%.1f %.1f\"/>\n",
                cx, cy - k, cx, cy + k, cx - k, cy, cx + k, cy, cx - k * 0.7, cy - k * 0.7,
                cx + k * 0.7, cy + k * 0.7);
    }
}

/* An event: thin circle for a start, thick for an end, double for intermediate ones; a clock
 * for timers, an envelope for messages. */
static void event_shape(FILE *f, const flujo_node_t *n, double cx, double cy, double r)
{
    const char *cls = n->kind == FLUJO_NODE_START ? "ev-start"
                      : n->kind == FLUJO_NODE_END ? "ev-end"
                                                  : "ev-mid";
    fprintf(f, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n", cls, cx, cy, r);
    if (n->kind != FLUJO_NODE_START && n->kind != FLUJO_NODE_END) {
        fprintf(f, "<circle class=\"thin\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n", cx, cy, r - 3);
    }
    if (n->event_defs & FLUJO_EV_TIMER) {
        double k = r * 0.55;
        fprintf(f, "<circle class=\"thin\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n", cx, cy, k);
        fprintf(f, "<path class=\"thin\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1f\"/>\n", cx,
                cy - k * 0.75, cx, cy, cx + k * 0.55, cy + k * 0.2);
    } else if (n->event_defs & FLUJO_EV_MESSAGE) {
        double w = r * 0.9, h = r * 0.6;
        fprintf(f,
                "<path class=\"thin\" d=\"M%.1f %.1fh%.1fv%.1fh%.1fzM%.1f %.1fl%.1f %.1fl%.1f "
                "%.1f\"/>\n",
                cx - w / 2, cy - h / 2, w, h, -w, cx - w / 2, cy - h / 2, w / 2, h / 2, w / 2,
                -h / 2);
    } else if (n->event_defs & FLUJO_EV_TERMINATE) {
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n", cx, cy, r * 0.55);
    }
}

/* A window of the overview: the region of the drawing around some of the activities where
 * expedientes lose most time. */
typedef struct panel {
    double x0, y0, x1, y1; /* the centres of its activities' boxes: their bounds */
} panel_t;

/* The overview: the drawing by reference, in windows of PANEL_W × PANEL_H drawing units around
 * the n_top activities of rank (one window for activities close enough to share it), so that the
 * page shows them at their own size or larger (PANEL_PX wide at most: at 1,400 px the page is
 * about 1,150 px wide, and the smallest text, 8.5 px, shows at 9 px or more), each numbered with
 * a badge; the whole drawing follows at full size. Without such activities, its start. */
static void overview(FILE *f, const flujo__drawing_t *d, double pad, const flujo__act_wait_t *rank,
                     size_t n_top)
{
    panel_t pn[TOP_WAITS + 1];
    size_t np = 0;
    for (size_t i = 0; i < n_top; i++) {
        const double *b = &d->node[4 * rank[i].node];
        double cx = b[0] + b[2] / 2, cy = b[1] + b[3] / 2;
        size_t k = 0;
        for (; k < np; k++) {
            double x0 = cx < pn[k].x0 ? cx : pn[k].x0, x1 = cx > pn[k].x1 ? cx : pn[k].x1;
            double y0 = cy < pn[k].y0 ? cy : pn[k].y0, y1 = cy > pn[k].y1 ? cy : pn[k].y1;
            if (x1 - x0 <= PANEL_W - 240 && y1 - y0 <= PANEL_H - 160) {
                pn[k] = (panel_t){x0, y0, x1, y1};
                break;
            }
        }
        if (k == np) {
            pn[np++] = (panel_t){cx, cy, cx, cy};
        }
    }
    if (np == 0) {
        pn[np++] = (panel_t){d->x0 + PANEL_W / 2, d->y0 + PANEL_H / 2, d->x0 + PANEL_W / 2,
                             d->y0 + PANEL_H / 2};
    }
    double dw = d->x1 - d->x0 + 2 * pad, dh = d->y1 - d->y0 + 2 * pad;
    double w = dw < PANEL_W ? dw : PANEL_W, h = dh < PANEL_H ? dh : PANEL_H;
    for (size_t k = 0; k < np; k++) {
        /* centred on its activities, inside the drawing */
        double x = (pn[k].x0 + pn[k].x1 - w) / 2, y = (pn[k].y0 + pn[k].y1 - h) / 2;
        x = x + w > d->x1 + pad ? d->x1 + pad - w : x;
        x = x < d->x0 - pad ? d->x0 - pad : x;
        y = y + h > d->y1 + pad ? d->y1 + pad - h : y;
        y = y < d->y0 - pad ? d->y0 - pad : y;
        fprintf(f,
                "<svg class=\"overview\" xmlns=\"http://www.w3.org/2000/svg\" "
                "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"%.0f %.0f %.0f %.0f\" "
                "width=\"%.0f\" height=\"%.0f\" role=\"img\"><use href=\"#bpmn-drawing\" "
                "xlink:href=\"#bpmn-drawing\"/>\n",
                x, y, w, h, w * PANEL_PX / PANEL_W, h * PANEL_PX / PANEL_W);
        for (size_t i = 0; i < n_top; i++) {
            const double *b = &d->node[4 * rank[i].node];
            double bx = b[0] + b[2], by = b[1];
            if (b[2] <= 0 || bx < x || bx > x + w || by < y || by > y + h) {
                continue;
            }
            fprintf(f,
                    "<g class=\"badge\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"11\" "
                    "stroke-width=\"1.8\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"13.8\">%zu"
                    "</text></g>\n",
                    bx, by, bx, by + 5, i + 1);
        }
        fputs("</svg>\n", f);
    }
}

/* The legend of the colour scale, from no wait to max_wait. */
static void legend(FILE *f, double max_wait)
{
    char top_wait[32];
    fputs("<div class=\"legend\"><span>", f);
    esc(f, _("hours an expediente waits there in all its visits (queued, or its work paused):"));
    fputs("</span><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"180\" height=\"14\" "
          "role=\"img\">",
          f);
    for (int i = 0; i < 18; i++) {
        char c[16];
        flujo__html_heat(i / 17.0, c, sizeof(c));
        fprintf(f, "<rect x=\"%d\" y=\"0\" width=\"10\" height=\"14\" fill=\"%s\"/>", i * 10, c);
    }
    fprintf(f, "</svg><span>0 – %s h</span><span class=\"muted\">",
            flujo__html_num(max_wait, top_wait, sizeof(top_wait)));
    esc(f, _("(white boxes: the citizen's time or the system's, which does not queue)"));
    fputs("</span></div>\n", f);
}

/* The n_top activities of rank, as a list numbered as on the overview. */
static void top_waits(FILE *f, const flujo_results_t *r, const flujo__act_wait_t *rank,
                      size_t n_top, double rank_sum, const double *wait)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    if (n_top > 0) {
        fprintf(f, "<p>%s</p>\n<ol class=\"where\">\n",
                _("Where an expediente loses most time, numbered on the diagram:"));
        for (size_t i = 0; i < n_top; i++) {
            size_t v = rank[i].node;
            char hours[32];
            fputs("<li><b>", f);
            esc(f, m->nodes[v].name[0] ? m->nodes[v].name : m->nodes[v].id);
            fputs("</b> (", f);
            char pools[512];
            esc(f, flujo__task_pools(s, v, pools, sizeof(pools)));
            fputs("): ", f);
            fprintf(f, _("waits %s h per expediente, %.0f%% of all the waiting at the units"),
                    flujo__html_num(wait[v], hours, sizeof(hours)), 100 * rank[i].total / rank_sum);
            fputs("</li>\n", f);
        }
        fputs("</ol>\n", f);
    }
}

/* Pools and lanes, with their names written upwards in the title band. */
static void pools_and_lanes(FILE *f, const flujo_model_t *m, const flujo__drawing_t *d)
{
    size_t n_pools = d->pool_is_process ? m->n_processes : m->n_participants;
    for (size_t i = 0; i < n_pools; i++) {
        const double *b = &d->pool[4 * i];
        if (b[2] <= 0) {
            continue;
        }
        const char *name = d->pool_is_process ? m->processes[i].name : m->participants[i].name;
        fprintf(f, "<rect class=\"pool\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
                b[0], b[1], b[2], b[3]);
        if (name == NULL || name[0] == '\0') {
            continue;
        }
        if (d->pool_vertical[i]) { /* the title band on top */
            fprintf(f, "<text class=\"poolname\" x=\"%.1f\" y=\"%.1f\">", b[0] + b[2] / 2,
                    b[1] + 19);
        } else {
            fprintf(f, "<text class=\"poolname\" transform=\"translate(%.1f %.1f) rotate(-90)\">",
                    b[0] + 19, b[1] + b[3] / 2);
        }
        esc(f, name);
        fputs("</text>\n", f);
    }
    for (size_t i = 0; i < m->n_lanes; i++) {
        const double *b = &d->lane[4 * i];
        if (b[2] <= 0) {
            continue;
        }
        fprintf(f, "<rect class=\"lane\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
                b[0], b[1], b[2], b[3]);
        char lines[3][128];
        bool vertical = d->lane_vertical[i];
        int nl =
            flujo__html_wrap(m->lanes[i].name, (int)((vertical ? b[2] : b[3]) / 6.5), lines, 2);
        if (nl == 0) {
            continue; /* a lane without a name */
        }
        if (vertical) {
            fprintf(f, "<g transform=\"translate(%.1f %.1f)\">", b[0] + b[2] / 2, b[1] + 12);
        } else {
            fprintf(f, "<g transform=\"translate(%.1f %.1f) rotate(-90)\">", b[0] + 12,
                    b[1] + b[3] / 2);
        }
        flujo__html_text_lines(f, 0, nl > 1 ? -2 : 3, 10, "lanename", lines, nl);
        fputs("</g>\n", f);
    }
}

/* The sequence flows, as arrows. */
static void flows(FILE *f, const flujo_model_t *m, const flujo__drawing_t *d)
{
    for (size_t j = 0; j < m->n_flows; j++) {
        size_t a = d->first[j], z = d->first[j + 1];
        if (z - a < 2) {
            continue;
        }
        fputs("<polyline class=\"flow\" points=\"", f);
        for (size_t k = a; k < z; k++) {
            fprintf(f, "%s%.1f,%.1f", k > a ? " " : "", d->points[2 * k], d->points[2 * k + 1]);
        }
        fputs("\" marker-end=\"url(#arrow)\"/>\n", f);
    }
}

/* The figures at the bottom of activity v's box, into stat: its mean length for a delay in bd or
 * d, else its wait and work, on one line if it fits, else two. Returns the number of lines. */
static int activity_stat(const flujo_scenario_t *s, size_t v, const double *b, const double *wait,
                         const double *work, char stat[2][128])
{
    const flujo_node_t *n = &s->model->nodes[v];
    const flujo_task_t *t = &s->tasks[v];
    bool worked = !isnan(wait[v]);
    int ns = 0;
    if (n->kind == FLUJO_NODE_TASK && t->duration.clock != FLUJO_CLOCK_WORK &&
        t->duration.text != NULL) {
        /* a delay in bd or d (the citizen's time, a publication): its mean length */
        double mean = flujo_dist_mean(&t->duration) / 86400;
        char mb[32];
        snprintf(stat[0], sizeof(stat[0]), "%s %s %s", _("takes"),
                 flujo__sig(mean, 2, mb, sizeof(mb)),
                 t->duration.clock == FLUJO_CLOCK_BDAYS ? _("bd") : _("d"));
        ns = 1;
    } else if (worked) {
        char a[32], bb[32];
        flujo__sig(wait[v], 2, a, sizeof(a));
        flujo__sig(work[v], 2, bb, sizeof(bb));
        snprintf(stat[0], sizeof(stat[0]), "%s %s h · %s %s h", _("wait"), a, _("work"), bb);
        ns = 1;
        if ((double)flujo__html_chars(stat[0], strlen(stat[0])) * 4.6 > b[2] - 6) {
            snprintf(stat[0], sizeof(stat[0]), "%s %s h", _("wait"), a);
            snprintf(stat[1], sizeof(stat[1]), "%s %s h", _("work"), bb);
            ns = 2;
        }
    }
    return ns;
}

/* Activity v: its box coloured by its wait (against max_wait), its figures in a tooltip, its name
 * and, at the bottom, its figures. */
static void activity(FILE *f, const flujo_scenario_t *s, size_t v, const double *b, double cx,
                     const double *wait, const double *work, double max_wait)
{
    const flujo_node_t *n = &s->model->nodes[v];
    char fill[16] = "#ffffff";
    bool worked = !isnan(wait[v]);
    const flujo_task_t *t = &s->tasks[v];
    bool counted =
        n->kind == FLUJO_NODE_TASK && t->pool >= 0 && !s->pools[t->pool].unlimited && worked;
    if (counted) {
        flujo__html_heat(max_wait > 0 ? wait[v] / max_wait : 0, fill, sizeof(fill));
    }
    fputs("<title>", f);
    esc(f, n->name[0] ? n->name : n->id);
    if (worked) {
        char a[32], bb[32];
        fprintf(f, " — %s %s h, %s %s h %s", _("waiting"), flujo__html_num(wait[v], a, sizeof(a)),
                _("work"), flujo__html_num(work[v], bb, sizeof(bb)), _("per expediente"));
    }
    fputs("</title>", f);
    fprintf(f,
            "<rect class=\"task%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
            "rx=\"8\" fill=\"%s\"/>\n",
            counted ? "" : " plain", b[0], b[1], b[2], b[3], fill);
    /* the wait and work at the bottom, on one line if it fits, else two; the name
     * above, in the lines left */
    char stat[2][128];
    int ns = activity_stat(s, v, b, wait, work, stat);
    double stat_h = ns * 8.5 * 1.15;
    int width = (int)((b[2] - 8) / 5.3);
    int room = (int)((b[3] - 8 - stat_h) / (10 * 1.15));
    char lines[6][128];
    int nl = flujo__html_wrap(n->name[0] ? n->name : n->id, width, lines,
                              room < 1   ? 1
                              : room > 6 ? 6
                                         : room);
    double top = b[1] + 4 + 10 * 0.85 + (b[3] - stat_h - 8 - nl * 10 * 1.15) / 2;
    flujo__html_text_lines(f, cx, top, 10, "tname", lines, nl);
    if (ns > 0) {
        flujo__html_text_lines(f, cx, b[1] + b[3] - 5 - (ns - 1) * 8.5 * 1.15, 8.5, "tstat", stat,
                               ns);
    }
}

/* The nodes: frames of expanded sub-processes first, then every other shape. Activity boxes are
 * added to pl. */
static void nodes(FILE *f, const flujo_results_t *r, const flujo__drawing_t *d, const double *wait,
                  const double *work, double max_wait, flujo__placed_t *pl)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (d->container[v]) {
            flujo__html_frame(f, m, d, pl, v);
        }
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        const double *b = &d->node[4 * v];
        if (b[2] <= 0 || d->container[v]) {
            continue;
        }
        double cx = b[0] + b[2] / 2, cy = b[1] + b[3] / 2;
        fputs("<g>", f);
        if (is_activity(n)) {
            activity(f, s, v, b, cx, wait, work, max_wait);
            flujo__place_add(pl, b);
        } else if (n->kind == FLUJO_NODE_GATEWAY) {
            double r2 = b[2] / 2;
            fprintf(f, "<path class=\"gw\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fz\"/>\n", cx,
                    b[1], b[0] + b[2], cy, cx, b[1] + b[3], b[0], cy);
            gateway_mark(f, n, cx, cy, r2);
        } else {
            event_shape(f, n, cx, cy, b[2] / 2);
        }
        fputs("</g>\n", f);
    }
}

/* The diagram: pools and lanes, flows, then nodes, activities coloured by their mean wait and
 * labelled with their wait and work. */
flujo_status_t flujo__html_diagram(FILE *f, const flujo_results_t *r, flujo_err_t *err)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    flujo__drawing_t d;
    flujo_status_t st = drawing_build(m, &d, err);
    if (st != FLUJO_OK) {
        return st;
    }
    /* per expediente, in all its visits: the hours lost there (waiting, work paused) and work */
    double *wait = flujo_xcalloc(m->n_nodes + 1, sizeof(double));
    double *work = flujo_xcalloc(m->n_nodes + 1, sizeof(double));
    double max_wait = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        wait[v] = flujo_results_activity(r, v, false).mean;
        if (!isnan(wait[v])) {
            wait[v] = flujo__html_lost(r, v);
            work[v] = flujo_results_activity_part(r, v, FLUJO_PART_WORK).mean;
        }
        if (m->nodes[v].kind == FLUJO_NODE_TASK && s->tasks[v].pool >= 0 &&
            !s->pools[s->tasks[v].pool].unlimited && wait[v] > max_wait) {
            max_wait = wait[v];
        }
    }
    double pad = 10, w = d.x1 - d.x0 + 2 * pad, h = d.y1 - d.y0 + 2 * pad;
    /* the activities where most of the waiting happens, numbered on the overview with badges
     * that stay readable at its scale (the page is about OVERVIEW_PX wide) */
    size_t n_rank;
    double rank_sum;
    flujo__act_wait_t *rank = flujo__html_wait_ranking(r, &n_rank, &rank_sum);
    size_t n_top = 0;
    while (n_top < n_rank && n_top < TOP_WAITS && rank[n_top].total >= 0.01 * rank_sum) {
        n_top++;
    }
    /* an overview that fits the page (the same drawing, by reference), then the drawing at its
     * own size, to be scrolled */
    overview(f, &d, pad, rank, n_top);
    legend(f, max_wait);
    top_waits(f, r, rank, n_top, rank_sum, wait);
    free(rank);
    fprintf(f, "<p class=\"muted\">%s</p>\n",
            _("The same diagram at full size (scroll sideways; hover an activity for its "
              "figures):"));
    fprintf(f,
            "<div class=\"scroll\"><svg class=\"bpmn\" xmlns=\"http://www.w3.org/2000/svg\" "
            "viewBox=\"%.0f %.0f %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\">\n"
            "<g id=\"bpmn-drawing\">\n",
            d.x0 - pad, d.y0 - pad, w, h, w, h);
    fputs("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
          "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 "
          "5L0 10z\" fill=\"#333\"/></marker></defs>\n",
          f);
    pools_and_lanes(f, m, &d);
    flows(f, m, &d);
    flujo__placed_t pl = {0};
    nodes(f, r, &d, wait, work, max_wait, &pl);
    /* external labels after every shape is known, then flow labels */
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (d.node[4 * v + 2] > 0 && !is_activity(&m->nodes[v])) {
            flujo__html_external_label(f, m, &d, &pl, (int64_t)v);
        }
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        flujo__html_flow_label(f, m, &d, &pl, j);
    }
    fputs("</g></svg></div>\n", f);
    free(pl.box);
    free(wait);
    free(work);
    drawing_free(&d);
    return FLUJO_OK;
}
