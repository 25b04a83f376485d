/* report_html.c - `flujo report`: one self-contained HTML page (inline CSS and SVG, no scripts, no
 * network) an analyst can open anywhere and show to a gerente: the process diagram coloured by
 * where expedientes wait, the legal plazo, the units' load, the bottlenecks and their reasons,
 * the ASME-VM table of the PCM methodology and, given several scenarios, their comparison. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_report.h"
#include "report/report_int.h"

/* ---- small writers ---------------------------------------------------------------------------
 */

/* Text and attribute values, escaped (report.c). */
static void esc(FILE *f, const char *s)
{
    flujo__xml_text(f, s);
}

/* A section's heading and the muted paragraph that says how to read it. */
static void section(FILE *f, const char *title, const char *intro)
{
    fprintf(f, "<h2>%s</h2>\n<p class=\"muted\">", title);
    esc(f, intro);
    fputs("</p>\n", f);
}

/* A number for people: 4 significant digits, no exponent for usual sizes. */
static const char *num(double x, char *buf, size_t n)
{
    if (isnan(x)) {
        snprintf(buf, n, "–");
        return buf;
    }
    return flujo__sig(x, 3, buf, n);
}

/* Characters (not bytes) of a UTF-8 string. */
static size_t chars(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes && s[i]; i++) {
        n += (s[i] & 0xC0) != 0x80;
    }
    return n;
}

/* Splits text into at most max_lines lines of at most width characters at spaces (a longer word
 * is cut); the last line ends with "…" when text does not fit. Returns the number of lines. */
static int wrap(const char *text, int width, char lines[][128], int max_lines)
{
    int n = 0;
    const char *p = text;
    while (*p == ' ') {
        p++;
    }
    while (*p && n < max_lines) {
        /* the longest prefix of whole words within width characters */
        const char *end = p, *best = NULL;
        size_t used = 0;
        while (*end) {
            const char *w = end;
            while (*w && *w != ' ') {
                w++;
            }
            size_t len = chars(end, (size_t)(w - end));
            if (used + (best != NULL ? 1 : 0) + len > (size_t)width) {
                break;
            }
            used += (best != NULL ? 1 : 0) + len;
            best = w;
            end = *w ? w + 1 : w;
        }
        if (best == NULL) {
            /* a word longer than the line: cut it at width characters */
            const char *c = p;
            for (int k = 0; *c && k < width; k++) {
                c++;
                while ((*c & 0xC0) == 0x80) {
                    c++;
                }
            }
            best = c;
        }
        size_t bytes = (size_t)(best - p);
        bytes = bytes < 120 ? bytes : 120;
        memcpy(lines[n], p, bytes);
        lines[n][bytes] = '\0';
        n++;
        p = best;
        while (*p == ' ') {
            p++;
        }
    }
    if (*p && n > 0) {
        /* the rest does not fit: end the last line with an ellipsis */
        char *last = lines[n - 1];
        size_t len = strlen(last);
        while (len > 0 && chars(last, len) + 1 > (size_t)width) {
            do {
                len--;
            } while (len > 0 && (last[len] & 0xC0) == 0x80);
        }
        snprintf(last + len, 128 - len, "…");
    }
    return n;
}

/* Writes the lines of a label centred on x, the first baseline at y. */
static void text_lines(FILE *f, double x, double y, double size, const char *cls, char lines[][128],
                       int n)
{
    fprintf(f, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\">", cls, x, y, size);
    for (int i = 0; i < n; i++) {
        fprintf(f, "<tspan x=\"%.1f\" dy=\"%.1f\">", x, i == 0 ? 0 : size * 1.15);
        esc(f, lines[i]);
        fputs("</tspan>", f);
    }
    fputs("</text>\n", f);
}

/* A colour on the waiting scale: light for no wait, orange, then red for the longest. */
static void heat(double t, char *buf, size_t n)
{
    static const double stops[3][3] = {{247, 251, 255}, {253, 174, 97}, {215, 48, 39}};
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    int k = t < 0.5 ? 0 : 1;
    double u = t < 0.5 ? t / 0.5 : (t - 0.5) / 0.5;
    int c[3];
    for (int i = 0; i < 3; i++) {
        c[i] = (int)lround(stops[k][i] + u * (stops[k + 1][i] - stops[k][i]));
    }
    snprintf(buf, n, "#%02x%02x%02x", c[0], c[1], c[2]);
}

/* A tick step of 1, 2 or 5 times a power of ten giving about `want` steps over span. */
static double nice_step(double span, int want)
{
    if (!(span > 0)) {
        return 1;
    }
    double raw = span / want, p = pow(10, floor(log10(raw))), r = raw / p;
    return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * p;
}

/* ---- the diagram ----------------------------------------------------------------------------
 */

typedef struct drawing {
    double *node; /* 4 per node (x, y, w, h), w = 0 when not drawn */
    double *lane; /* 4 per lane */
    double *pool; /* 4 per participant (DI) or process (layout) */
    bool pool_is_process;
    bool *lane_vertical; /* lanes and pools drawn top to bottom (isHorizontal="false") */
    bool *pool_vertical;
    bool *container; /* activities drawn around others (expanded sub-processes) */
    size_t *first;   /* flow j: points[2 first[j] .. 2 first[j + 1]) */
    double *points;
    double x0, y0, x1, y1; /* bounds */
    flujo_layout_t lay;    /* when laid out here */
    bool laid_out;
} drawing_t;

static void grow_bounds(drawing_t *d, double x, double y)
{
    d->x0 = x < d->x0 ? x : d->x0;
    d->y0 = y < d->y0 ? y : d->y0;
    d->x1 = x > d->x1 ? x : d->x1;
    d->y1 = y > d->y1 ? y : d->y1;
}

/* The diagram of the main plane, from the file's own DI when it draws every node of the
 * process level, else from an automatic layered layout. */
static flujo_status_t drawing_build(const flujo_model_t *m, drawing_t *d, flujo_err_t *err)
{
    memset(d, 0, sizeof(*d));
    d->x0 = d->y0 = INFINITY;
    d->x1 = d->y1 = -INFINITY;
    bool complete = m->n_shapes > 0;
    int plane = 0;
    for (size_t v = 0; v < m->n_nodes && complete; v++) {
        bool found = m->nodes[v].parent >= 0;
        for (size_t i = 0; i < m->n_shapes && !found; i++) {
            const flujo_shape_t *s = &m->shapes[i];
            found = s->kind == FLUJO_DI_NODE && s->index == (int64_t)v && s->plane == plane;
        }
        complete = found;
    }
    if (!complete) {
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
    return FLUJO_OK;
}

static void drawing_free(drawing_t *d)
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

/* Placed label boxes, to keep flow labels off shapes and other labels. */
typedef struct placed {
    double (*box)[4];
    size_t n, cap;
} placed_t;

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
static double place_cost(const placed_t *p, const drawing_t *d, const flujo_model_t *m,
                         const double *b)
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
static int place_pick(const placed_t *p, const drawing_t *d, const flujo_model_t *m,
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

static bool place_free(const placed_t *p, const drawing_t *d, const flujo_model_t *m,
                       const double *b)
{
    return !(place_cost(p, d, m, b) > 0);
}

static void place_add(placed_t *p, const double *b)
{
    flujo_grow((void **)&p->box, &p->cap, p->n + 1, sizeof(*p->box));
    memcpy(p->box[p->n++], b, sizeof(p->box[0]));
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

/* An expanded sub-process, drawn before what it holds: its frame, and its name at a top corner
 * inside (or above it) where it overlaps nothing. */
static void frame(FILE *f, const flujo_model_t *m, const drawing_t *d, placed_t *pl, size_t v)
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
    int nl = wrap(name, (int)((b[2] - 12) / 5.3), lines, 2);
    double w = 0, h = nl * 10 * 1.15;
    for (int i = 0; i < nl; i++) {
        double lw = (double)chars(lines[i], strlen(lines[i])) * 5.6;
        w = lw > w ? lw : w;
    }
    double cand[3][4] = {{b[0] + 6, b[1] + 4, w, h},
                         {b[0] + b[2] - 6 - w, b[1] + 4, w, h},
                         {b[0] + 6, b[1] - 4 - h, w, h}};
    int k = place_pick(pl, d, m, cand, 3);
    place_add(pl, cand[k]);
    text_lines(f, cand[k][0], cand[k][1] + 10 * 0.85, 10, "subname", lines, nl);
    fputs("</g>\n", f);
}

/* The label under a gateway or an event, placed where it overlaps nothing already drawn. */
static void external_label(FILE *f, const flujo_model_t *m, const drawing_t *d, placed_t *pl,
                           int64_t v)
{
    const flujo_node_t *n = &m->nodes[v];
    const double *b = &d->node[4 * v];
    if (!n->name[0]) {
        return;
    }
    char lines[3][128];
    int nl = wrap(n->name, 22, lines, 3);
    double lh = 9 * 1.15, h = nl * lh, w = 0;
    for (int i = 0; i < nl; i++) {
        double lw = (double)chars(lines[i], strlen(lines[i])) * 4.9;
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
    place_add(pl, cand[k]);
    text_lines(f, cand[k][0] + w / 2, cand[k][1] + 9 * 0.85, 9, "lbl", lines, nl);
}

/* The name of a flow (Sí, No, ...) near its start, where it overlaps no shape or label. */
static void flow_label(FILE *f, const flujo_model_t *m, const drawing_t *d, placed_t *pl, size_t j)
{
    const char *name = m->flows[j].name;
    size_t a = d->first[j], z = d->first[j + 1];
    if (!name[0] || z - a < 2) {
        return;
    }
    double w = (double)chars(name, strlen(name)) * 4.9 + 2, h = 10;
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
                    place_add(pl, box);
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

/* Nodes only background arrivals reach (the units' other work), not steps of the procedure. */
static bool *background_only(const flujo_scenario_t *s)
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

typedef struct act_wait {
    size_t node;
    double total; /* hours waited per replication */
} act_wait_t;

static int by_total(const void *a, const void *b)
{
    double x = ((const act_wait_t *)a)->total, y = ((const act_wait_t *)b)->total;
    if (x != y) {
        return x > y ? -1 : 1;
    }
    return ((const act_wait_t *)a)->node < ((const act_wait_t *)b)->node ? -1 : 1;
}

/* The activities of the procedure by the hours expedientes wait for them per replication, most
 * first (automated units and the units' other work left out); *n of them, *sum hours in all. */
static act_wait_t *wait_ranking(const flujo_results_t *r, size_t *n, double *sum)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    act_wait_t *a = flujo_xcalloc(m->n_nodes + 1, sizeof(*a));
    bool *bg = background_only(s);
    double reps = r->n_done > 0 ? (double)r->n_done : 1;
    *n = 0;
    *sum = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_task_t *t = &s->tasks[v];
        if (m->nodes[v].kind != FLUJO_NODE_TASK || t->pool < 0 || s->pools[t->pool].automated ||
            bg[v]) {
            continue;
        }
        double w = flujo_results_activity(r, v, false).mean;
        if (!(w > 0)) {
            continue;
        }
        a[*n].node = v;
        a[*n].total = w * flujo_results_activity_count(r, v) / reps;
        *sum += a[*n].total;
        (*n)++;
    }
    free(bg);
    qsort(a, *n, sizeof(*a), by_total);
    return a;
}

#define OVERVIEW_PX 1150.0 /* the width of the page's content, for the overview's badges */
#define TOP_WAITS   5      /* activities numbered on the overview */

/* The diagram: pools and lanes, flows, then nodes, activities coloured by their mean wait and
 * labelled with their wait and work. */
static flujo_status_t diagram(FILE *f, const flujo_results_t *r, flujo_err_t *err)
{
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    drawing_t d;
    flujo_status_t st = drawing_build(m, &d, err);
    if (st != FLUJO_OK) {
        return st;
    }
    double *wait = flujo_xcalloc(m->n_nodes + 1, sizeof(double));
    double *work = flujo_xcalloc(m->n_nodes + 1, sizeof(double));
    double max_wait = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        wait[v] = flujo_results_activity(r, v, false).mean;
        work[v] = flujo_results_activity(r, v, true).mean;
        if (m->nodes[v].kind == FLUJO_NODE_TASK && s->tasks[v].pool >= 0 &&
            !s->pools[s->tasks[v].pool].unlimited && wait[v] > max_wait) {
            max_wait = wait[v];
        }
    }
    double pad = 10, w = d.x1 - d.x0 + 2 * pad, h = d.y1 - d.y0 + 2 * pad;
    /* an overview that fits the page (the same drawing, by reference), then the drawing at its
     * own size, to be scrolled */
    fprintf(f,
            "<svg class=\"overview\" xmlns=\"http://www.w3.org/2000/svg\" "
            "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"%.0f %.0f %.0f %.0f\" "
            "role=\"img\"><use href=\"#bpmn-drawing\" xlink:href=\"#bpmn-drawing\"/>\n",
            d.x0 - pad, d.y0 - pad, w, h);
    /* the activities where most of the waiting happens, numbered on the overview with badges
     * that stay readable at its scale (the page is about OVERVIEW_PX wide) */
    size_t n_rank;
    double rank_sum;
    act_wait_t *rank = wait_ranking(r, &n_rank, &rank_sum);
    size_t n_top = 0;
    while (n_top < n_rank && n_top < TOP_WAITS && rank[n_top].total >= 0.01 * rank_sum) {
        n_top++;
    }
    double scale = w > OVERVIEW_PX ? OVERVIEW_PX / w : 1, rad = 11 / scale;
    for (size_t i = 0; i < n_top; i++) {
        const double *b = &d.node[4 * rank[i].node];
        if (b[2] <= 0) {
            continue;
        }
        fprintf(f,
                "<g class=\"badge\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
                "stroke-width=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\">%zu"
                "</text></g>\n",
                b[0] + b[2], b[1], rad, rad / 6, b[0] + b[2], b[1] + rad * 0.45, rad * 1.25, i + 1);
    }
    fputs("</svg>\n", f);
    /* legend */
    char top_wait[32];
    fputs("<div class=\"legend\"><span>", f);
    esc(f, _("mean wait in queue:"));
    fputs("</span><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"180\" height=\"14\" "
          "role=\"img\">",
          f);
    for (int i = 0; i < 18; i++) {
        char c[16];
        heat(i / 17.0, c, sizeof(c));
        fprintf(f, "<rect x=\"%d\" y=\"0\" width=\"10\" height=\"14\" fill=\"%s\"/>", i * 10, c);
    }
    fprintf(f, "</svg><span>0 – %s h</span><span class=\"muted\">",
            num(max_wait, top_wait, sizeof(top_wait)));
    esc(f, _("(white boxes: the citizen's time or the system's, which does not queue)"));
    fputs("</span></div>\n", f);
    if (n_top > 0) {
        fprintf(f, "<p>%s</p>\n<ol class=\"where\">\n",
                _("Most of the waiting, numbered on "
                  "the diagram:"));
        for (size_t i = 0; i < n_top; i++) {
            size_t v = rank[i].node;
            char hours[32];
            fputs("<li><b>", f);
            esc(f, m->nodes[v].name[0] ? m->nodes[v].name : m->nodes[v].id);
            fputs("</b> (", f);
            char pools[512];
            esc(f, flujo__task_pools(s, v, pools, sizeof(pools)));
            fputs("): ", f);
            fprintf(f, _("waits %s h on average, %.0f%% of all the waiting"),
                    num(wait[v], hours, sizeof(hours)), 100 * rank[i].total / rank_sum);
            fputs("</li>\n", f);
        }
        fputs("</ol>\n", f);
    }
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
    /* pools and lanes, with their names written upwards in the title band */
    size_t n_pools = d.pool_is_process ? m->n_processes : m->n_participants;
    for (size_t i = 0; i < n_pools; i++) {
        const double *b = &d.pool[4 * i];
        if (b[2] <= 0) {
            continue;
        }
        const char *name = d.pool_is_process ? m->processes[i].name : m->participants[i].name;
        fprintf(f, "<rect class=\"pool\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
                b[0], b[1], b[2], b[3]);
        if (name == NULL || name[0] == '\0') {
            continue;
        }
        if (d.pool_vertical[i]) { /* the title band on top */
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
        const double *b = &d.lane[4 * i];
        if (b[2] <= 0) {
            continue;
        }
        fprintf(f, "<rect class=\"lane\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
                b[0], b[1], b[2], b[3]);
        char lines[3][128];
        bool vertical = d.lane_vertical[i];
        int nl = wrap(m->lanes[i].name, (int)((vertical ? b[2] : b[3]) / 6.5), lines, 2);
        if (nl == 0) {
            continue; /* a lane without a name */
        }
        if (vertical) {
            fprintf(f, "<g transform=\"translate(%.1f %.1f)\">", b[0] + b[2] / 2, b[1] + 12);
        } else {
            fprintf(f, "<g transform=\"translate(%.1f %.1f) rotate(-90)\">", b[0] + 12,
                    b[1] + b[3] / 2);
        }
        text_lines(f, 0, nl > 1 ? -2 : 3, 10, "lanename", lines, nl);
        fputs("</g>\n", f);
    }
    /* flows */
    for (size_t j = 0; j < m->n_flows; j++) {
        size_t a = d.first[j], z = d.first[j + 1];
        if (z - a < 2) {
            continue;
        }
        fputs("<polyline class=\"flow\" points=\"", f);
        for (size_t k = a; k < z; k++) {
            fprintf(f, "%s%.1f,%.1f", k > a ? " " : "", d.points[2 * k], d.points[2 * k + 1]);
        }
        fputs("\" marker-end=\"url(#arrow)\"/>\n", f);
    }
    /* nodes */
    placed_t pl = {0};
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (d.container[v]) {
            frame(f, m, &d, &pl, v);
        }
    }
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        const double *b = &d.node[4 * v];
        if (b[2] <= 0 || d.container[v]) {
            continue;
        }
        double cx = b[0] + b[2] / 2, cy = b[1] + b[3] / 2;
        fputs("<g>", f);
        if (is_activity(n)) {
            char fill[16] = "#ffffff";
            bool worked = !isnan(wait[v]);
            const flujo_task_t *t = &s->tasks[v];
            bool counted = n->kind == FLUJO_NODE_TASK && t->pool >= 0 &&
                           !s->pools[t->pool].unlimited && worked;
            if (counted) {
                heat(max_wait > 0 ? wait[v] / max_wait : 0, fill, sizeof(fill));
            }
            fputs("<title>", f);
            esc(f, n->name[0] ? n->name : n->id);
            if (worked) {
                char a[32], bb[32];
                fprintf(f, " — %s %s h, %s %s h", _("waiting"), num(wait[v], a, sizeof(a)),
                        _("work"), num(work[v], bb, sizeof(bb)));
            }
            fputs("</title>", f);
            fprintf(f,
                    "<rect class=\"task%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    "rx=\"8\" fill=\"%s\"/>\n",
                    counted ? "" : " plain", b[0], b[1], b[2], b[3], fill);
            /* the wait and work at the bottom, on one line if it fits, else two; the name
             * above, in the lines left */
            char stat[2][128];
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
                snprintf(stat[0], sizeof(stat[0]), "%s %s h · %s %s h", _("wait"), a, _("work"),
                         bb);
                ns = 1;
                if ((double)chars(stat[0], strlen(stat[0])) * 4.6 > b[2] - 6) {
                    snprintf(stat[0], sizeof(stat[0]), "%s %s h", _("wait"), a);
                    snprintf(stat[1], sizeof(stat[1]), "%s %s h", _("work"), bb);
                    ns = 2;
                }
            }
            double stat_h = ns * 8.5 * 1.15;
            int width = (int)((b[2] - 8) / 5.3);
            int room = (int)((b[3] - 8 - stat_h) / (10 * 1.15));
            char lines[6][128];
            int nl = wrap(n->name[0] ? n->name : n->id, width, lines,
                          room < 1   ? 1
                          : room > 6 ? 6
                                     : room);
            double top = b[1] + 4 + 10 * 0.85 + (b[3] - stat_h - 8 - nl * 10 * 1.15) / 2;
            text_lines(f, cx, top, 10, "tname", lines, nl);
            if (ns > 0) {
                text_lines(f, cx, b[1] + b[3] - 5 - (ns - 1) * 8.5 * 1.15, 8.5, "tstat", stat, ns);
            }
            place_add(&pl, b);
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
    /* external labels after every shape is known, then flow labels */
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (d.node[4 * v + 2] > 0 && !is_activity(&m->nodes[v])) {
            external_label(f, m, &d, &pl, (int64_t)v);
        }
    }
    for (size_t j = 0; j < m->n_flows; j++) {
        flow_label(f, m, &d, &pl, j);
    }
    fputs("</g></svg></div>\n", f);
    free(pl.box);
    free(wait);
    free(work);
    drawing_free(&d);
    return FLUJO_OK;
}

/* ---- charts ---------------------------------------------------------------------------------
 */

#define CW 640.0 /* chart width */
#define CH 260.0 /* chart height */
#define ML 56.0  /* margins */
#define MR 56.0
#define MT 16.0
#define MB 40.0

static void chart_open(FILE *f, double height)
{
    fprintf(f,
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" "
            "width=\"%.0f\" role=\"img\">\n",
            CW, height, CW);
}

/* A vertical axis on the left (or right) from 0 to top, with its ticks and a caption. */
static void y_axis(FILE *f, double top, bool right, bool percent, const char *caption,
                   double height)
{
    double x = right ? CW - MR : ML, plot = height - MT - MB;
    double step = nice_step(top, 5);
    fprintf(f, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x, MT, x,
            height - MB);
    for (double v = 0; v <= top + step * 1e-9; v += step) {
        double y = height - MB - plot * v / top;
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
                right ? x + 4 : x - 4, y + 3, right ? "start" : "end");
        if (percent) {
            fprintf(f, "%.0f%%", 100 * v);
        } else {
            fprintf(f, "%g", v);
        }
        fputs("</text>\n", f);
        if (!right) {
            fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                    ML, y, CW - MR, y);
        }
    }
    fprintf(f, "<text class=\"cap\" transform=\"translate(%.1f %.1f) rotate(-90)\">",
            right ? CW - 10 : 14, MT + plot / 2);
    esc(f, caption);
    fputs("</text>\n", f);
}

/* A horizontal axis from 0 to right, with its ticks and a caption. */
static void x_axis(FILE *f, double right, const char *caption, double height)
{
    double step = nice_step(right, 8), plot = CW - ML - MR;
    fprintf(f, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", ML,
            height - MB, CW - MR, height - MB);
    for (double v = 0; v <= right + step * 1e-9; v += step) {
        double x = ML + plot * v / right;
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%g</text>\n",
                x, height - MB + 14, v);
    }
    fprintf(f, "<text class=\"cap\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", ML + plot / 2,
            height - 6);
    esc(f, caption);
    fputs("</text>\n", f);
}

/* Placing the names of vertical chart marks: x of each line, and for each name its row (0 just
 * above the plot, 1 above that, ...) and its extent [lo, hi]. */
typedef struct mark_place {
    size_t n;
    const double *x, *w; /* line positions and name widths */
    int *row;
    bool *left;
    double *lo, *hi;
    long budget; /* search steps left */
} mark_place_t;

/* True if the names of marks i and j (both placed) can stand as placed: not in one row over each
 * other, and neither line, which rises to its own name's row, through the other's name. */
static bool marks_agree(const mark_place_t *p, size_t i, size_t j)
{
    if (p->row[i] == p->row[j] && p->lo[i] < p->hi[j] + 6 && p->lo[j] < p->hi[i] + 6) {
        return false;
    }
    if (fabs(p->x[i] - p->x[j]) < 1) {
        return true; /* one line: only the names must part */
    }
    bool j_under_i = p->x[j] > p->lo[i] - 1 && p->x[j] < p->hi[i] + 1;
    bool i_under_j = p->x[i] > p->lo[j] - 1 && p->x[i] < p->hi[j] + 1;
    return (!j_under_i || p->row[i] > p->row[j]) && (!i_under_j || p->row[j] > p->row[i]);
}

/* Depth-first: marks 0..k-1 placed; place k..n-1 in rows below `rows`. */
static bool marks_search(mark_place_t *p, size_t k, int rows)
{
    if (k == p->n) {
        return true;
    }
    for (int r = 0; r < rows; r++) {
        for (int side = 0; side < 2; side++) {
            if (--p->budget < 0) {
                return false;
            }
            double a = side == 0 ? p->x[k] + 4 : p->x[k] - 4 - p->w[k];
            if (a < ML || a + p->w[k] > CW - MR) {
                continue; /* clear of the axes' tick labels */
            }
            p->row[k] = r;
            p->left[k] = side == 1;
            p->lo[k] = a;
            p->hi[k] = a + p->w[k];
            bool ok = true;
            for (size_t j = 0; ok && j < k; j++) {
                ok = marks_agree(p, k, j);
            }
            if (ok && marks_search(p, k + 1, rows)) {
                return true;
            }
        }
    }
    return false;
}

/* Rows and sides for the names of the n vertical marks at marks[i] on an axis from 0 to right:
 * the fewest rows in which no name overlaps another and no line runs through a name, each name
 * right of its line where it can be. Returns the number of rows. */
static int mark_rows(const double *marks, const char *const *names, size_t n, double right,
                     int *row, bool *left)
{
    double *x = flujo_xcalloc(n + 1, sizeof(double)), *w = flujo_xcalloc(n + 1, sizeof(double));
    double *lo = flujo_xcalloc(n + 1, sizeof(double)), *hi = flujo_xcalloc(n + 1, sizeof(double));
    for (size_t i = 0; i < n; i++) {
        x[i] = ML + (CW - ML - MR) * marks[i] / right;
        w[i] = (double)chars(names[i], strlen(names[i])) * 5.4;
    }
    mark_place_t p = {n, x, w, row, left, lo, hi, 200000};
    int rows = n > 0 ? 1 : 0;
    while (rows <= (int)n && !marks_search(&p, 0, rows)) {
        rows++;
    }
    if (rows > (int)n) { /* too many marks to search: one row each, names right of their lines */
        for (size_t i = 0; i < n; i++) {
            row[i] = (int)i;
            left[i] = false;
        }
        rows = (int)n; /* n > 0 here: no marks always fit in 0 rows */
    }
    free(x);
    free(w);
    free(lo);
    free(hi);
    return rows;
}

/* Histogram (share of expedientes per bin) and CDF of a pooled distribution, with vertical
 * marks (the plazo) named above the plot. */
static void histogram(FILE *f, const flujo_hist_t *hist, const char *unit, const double *marks,
                      const char *const *mark_names, const bool *dashed, size_t n_marks)
{
    if (hist->n == 0) {
        return;
    }
    double right = flujo_hist_quantile(hist, 0.995);
    for (size_t i = 0; i < n_marks; i++) {
        right = marks[i] * 1.1 > right ? marks[i] * 1.1 : right;
    }
    right = right > 0 ? right : 1;
    double step = nice_step(right, 25);
    right = ceil(right / step) * step;
    int bins = (int)lround(right / step);
    double *share = flujo_xcalloc((size_t)bins + 1, sizeof(double)), top = 0;
    for (int k = 0; k < bins; k++) {
        double lo = k == 0 ? -1 : flujo_hist_cdf(hist, k * step);
        share[k] = flujo_hist_cdf(hist, (k + 1) * step) - (k == 0 ? 0 : lo);
        top = share[k] > top ? share[k] : top;
    }
    top = nice_step(top, 4) * ceil(top / nice_step(top, 4));
    top = top > 0 ? top : 1;
    double plot_w = CW - ML - MR, plot_h = CH - MT - MB;
    int *row = flujo_xcalloc(n_marks + 1, sizeof(int));
    bool *left = flujo_xcalloc(n_marks + 1, sizeof(bool));
    int rows = mark_rows(marks, mark_names, n_marks, right, row, left);
    /* the names above the plot, in rows; each line rises to its own name */
    double band = rows > 0 ? 13.0 * rows + 4 : 0;
    chart_open(f, CH + band);
    fprintf(f, "<g transform=\"translate(0 %.0f)\">\n", band);
    y_axis(f, top, false, true, _("share of expedientes"), CH);
    y_axis(f, 1, true, true, _("cumulative"), CH);
    x_axis(f, right, unit, CH);
    for (int k = 0; k < bins; k++) {
        double x = ML + plot_w * k / bins, bw = plot_w / bins;
        double bh = plot_h * share[k] / top;
        fprintf(f, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
                x + 0.5, CH - MB - bh, bw - 1, bh);
    }
    fputs("<polyline class=\"cdf\" points=\"", f);
    for (int k = 0; k <= 100; k++) {
        double xv = right * k / 100;
        fprintf(f, "%s%.1f,%.1f", k ? " " : "", ML + plot_w * k / 100,
                CH - MB - plot_h * flujo_hist_cdf(hist, xv));
    }
    fputs("\"/>\n", f);
    for (size_t i = 0; i < n_marks; i++) {
        double x = ML + plot_w * marks[i] / right;
        fprintf(f, "<line class=\"plazo%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
                dashed[i] ? " grace" : "", x, MT - 13.0 * row[i] - 13, x, CH - MB);
    }
    for (size_t i = 0; i < n_marks; i++) {
        double x = ML + plot_w * marks[i] / right;
        fprintf(f, "<text class=\"plazolbl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
                left[i] ? x - 4 : x + 4, MT - 5 - 13.0 * row[i], left[i] ? "end" : "start");
        esc(f, mark_names[i]);
        fputs("</text>\n", f);
    }
    fputs("</g></svg>\n", f);
    free(row);
    free(left);
    free(share);
}

/* Utilisation of each pool with its 95% interval, and the 85% line. */
static void utilisation(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    size_t n = 0;
    for (size_t p = 0; p < s->n_pools; p++) {
        n += !s->pools[p].unlimited;
    }
    if (n == 0) {
        return;
    }
    double rowh = 26, height = MT + MB + rowh * (double)n, left = 230;
    chart_open(f, height);
    double plot = CW - left - 60;
    for (int t = 0; t <= 100; t += 20) {
        double x = left + plot * t / 100;
        fprintf(f, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x,
                MT, x, height - MB);
        fprintf(f,
                "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d%%</text>\n",
                x, height - MB + 14, t);
    }
    double x85 = left + plot * 0.85;
    fprintf(f, "<line class=\"plazo grace\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n",
            x85, MT, x85, height - MB);
    size_t i = 0;
    for (size_t p = 0; p < s->n_pools; p++) {
        const flujo_pool_t *pool = &s->pools[p];
        if (pool->unlimited) {
            continue;
        }
        flujo_estimate_t u = flujo_results_pool(r, p, FLUJO_POOL_UTIL);
        double y = MT + rowh * (double)i++;
        char lines[1][128], c[16];
        wrap(pool->name, 38, lines, 1);
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
                y + 16);
        esc(f, lines[0]);
        fputs("</text>\n", f);
        double val = isnan(u.mean) ? 0 : u.mean;
        heat(val >= 0.85 ? 1 : val / 0.85 * 0.7, c, sizeof(c));
        fprintf(f,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                "class=\"ubar\"/>\n",
                left, y + 5, plot * (val > 1 ? 1 : val), rowh - 10, c);
        if (!isnan(u.lo)) {
            double x0 = left + plot * u.lo, x1 = left + plot * (u.hi > 1 ? 1 : u.hi);
            fprintf(f, "<path class=\"whisker\" d=\"M%.1f %.1fH%.1fM%.1f %.1fv8M%.1f %.1fv8\"/>\n",
                    x0, y + rowh / 2, x1, x0, y + rowh / 2 - 4, x1, y + rowh / 2 - 4);
        }
        /* the figure right of its bar and interval, or right of the 85% line if that would run
         * through it */
        char pct[32];
        snprintf(pct, sizeof(pct), "%.0f%%", 100 * val);
        double end = !isnan(u.hi) && u.hi > val ? u.hi : val;
        double tx = left + plot * (end > 1 ? 1 : end) + 6, tw = 6.0 * (double)strlen(pct);
        if (tx < x85 + 3 && tx + tw > x85 - 3) {
            tx = x85 + 4;
        }
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>\n", tx, y + 16, pct);
    }
    fputs("</svg>\n", f);
}

/* Pareto of the waiting: activities by the hours expedientes wait for them, with the cumulative
 * share. */
static void pareto(FILE *f, const flujo_results_t *r)
{
    const flujo_model_t *m = r->s->model;
    size_t n;
    double sum;
    act_wait_t *a = wait_ranking(r, &n, &sum);
    if (n == 0 || !(sum > 0)) {
        free(a);
        return;
    }
    size_t shown = n < 12 ? n : 12;
    double rowh = 24, left = 250, height = MT + 24 + rowh * (double)shown;
    double plot = CW - left - 120, top = a[0].total / sum, cum = 0;
    chart_open(f, height);
    for (size_t i = 0; i < shown; i++) {
        const flujo_node_t *nd = &m->nodes[a[i].node];
        double share = a[i].total / sum, y = MT + rowh * (double)i;
        cum += share;
        char lines[1][128], c[16];
        wrap(nd->name[0] ? nd->name : nd->id, 42, lines, 1);
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
                y + 15);
        esc(f, lines[0]);
        fputs("</text>\n", f);
        heat(share / top, c, sizeof(c));
        fprintf(f,
                "<rect class=\"ubar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                "fill=\"%s\"><title>",
                left, y + 4, plot * share / top, rowh - 8, c);
        esc(f, nd->name);
        fprintf(f, "</title></rect>\n<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%.0f%% · ",
                left + plot * share / top + 6, y + 15, 100 * share);
        esc(f, _("cumulative"));
        fprintf(f, " %.0f%%</text>\n", 100 * cum);
    }
    fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">", left, height - 6);
    esc(f, _("share of all the hours expedientes wait in queues"));
    fputs("</text>\n</svg>\n", f);
    free(a);
}

/* Expedientes in process at 00:00 of each day, the mean over replications, with the warm-up
 * shaded. */
static void wip_chart(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    double end = 0;
    long first = -1; /* a finished replication (after an interruption, not all are) */
    for (long i = 0; i < r->n_reps; i++) {
        end = r->reps[i].window_end > end ? r->reps[i].window_end : end;
        first = first < 0 && r->reps[i].replication > 0 ? i : first;
    }
    if (first < 0 || r->reps[first].wip_step <= 0) {
        return;
    }
    long step = r->reps[first].wip_step;
    long points = (long)ceil(end / 86400 / (double)step) + 1;
    long n_wip = r->reps[first].n_wip;
    points = points < n_wip ? points : n_wip;
    if (points < 2) {
        return;
    }
    double days = (double)((points - 1) * step) + 1; /* the last point's day, plus one */
    double *mean = flujo_xcalloc((size_t)points + 1, sizeof(double)), top = 0;
    for (long d = 0; d < points; d++) {
        double sum = 0;
        long k = 0;
        for (long i = 0; i < r->n_reps; i++) {
            if (r->reps[i].replication > 0) {
                sum += r->reps[i].wip[d];
                k++;
            }
        }
        mean[d] = k > 0 ? sum / (double)k : 0;
        top = mean[d] > top ? mean[d] : top;
    }
    top = top > 0 ? nice_step(top, 4) * ceil(top / nice_step(top, 4)) : 1;
    double plot_w = CW - ML - MR, plot_h = CH - MT - MB;
    chart_open(f, CH);
    if (s->cases == 0) {
        double wx = ML + plot_w * (s->warmup_end / 86400) / (days - 1);
        fprintf(f,
                "<rect class=\"warmup\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n",
                ML, MT, wx - ML, plot_h);
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">", ML + 4, MT + 12);
        esc(f, _("warm-up"));
        fputs("</text>\n", f);
    }
    y_axis(f, top, false, false, _("expedientes in process"), CH);
    x_axis(f, days - 1, _("days of simulated time"), CH);
    fputs("<polyline class=\"wip\" points=\"", f);
    for (long d = 0; d < points; d++) {
        fprintf(f, "%s%.1f,%.1f", d ? " " : "", ML + plot_w * (double)(d * step) / (days - 1),
                CH - MB - plot_h * mean[d] / top);
    }
    fputs("\"/>\n</svg>\n", f);
    free(mean);
}

/* ---- tables ---------------------------------------------------------------------------------
 */

/* Hand-offs between units per expediente, as a matrix shaded by size. */
static void handoff_matrix(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    size_t np = s->n_pools;
    double *mx = flujo_xcalloc(np * np + 1, sizeof(double)), top = 0;
    bool *used = flujo_xcalloc(np + 1, sizeof(bool));
    for (size_t i = 0; i < np * np; i++) {
        double sum = 0;
        long k = 0;
        for (long rep = 0; rep < r->n_reps; rep++) {
            if (r->reps[rep].replication > 0 && !isnan(r->reps[rep].handoff_pairs[i])) {
                sum += r->reps[rep].handoff_pairs[i];
                k++;
            }
        }
        mx[i] = k > 0 ? sum / (double)k : 0;
        top = mx[i] > top ? mx[i] : top;
        if (mx[i] > 0) {
            used[i / np] = used[i % np] = true;
        }
    }
    if (!(top > 0)) {
        fprintf(f, "<p class=\"muted\">%s</p>\n", _("No hand-offs between units."));
        free(mx);
        free(used);
        return;
    }
    fputs("<table class=\"matrix\"><thead><tr><th>", f);
    esc(f, _("from \\ to"));
    fputs("</th>", f);
    for (size_t q = 0; q < np; q++) {
        if (used[q]) {
            fputs("<th>", f);
            esc(f, s->pools[q].name);
            fputs("</th>", f);
        }
    }
    fputs("</tr></thead><tbody>\n", f);
    for (size_t p = 0; p < np; p++) {
        if (!used[p]) {
            continue;
        }
        fputs("<tr><th>", f);
        esc(f, s->pools[p].name);
        fputs("</th>", f);
        for (size_t q = 0; q < np; q++) {
            if (!used[q]) {
                continue;
            }
            double v = mx[p * np + q];
            char c[16], b[32];
            heat(v / top * 0.8, c, sizeof(c));
            if (v > 0) {
                fprintf(f, "<td style=\"background:%s\">%s</td>", c, num(v, b, sizeof(b)));
            } else {
                fputs("<td></td>", f);
            }
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
    free(mx);
    free(used);
}

/* The ASME-VM table of the PCM simplification methodology (D.S. 007-2011-PCM): each activity
 * with its ASME type, times and whether it adds value, and the share of value-added time. */
static void asme_table(FILE *f, const flujo_results_t *r)
{
    static const struct {
        const char *key, *symbol, *name;
    } types[] = {
        {"operacion", "○", N_("operation")}, {"inspeccion", "□", N_("inspection")},
        {"traslado", "⇨", N_("transport")},  {"espera", "D", N_("delay")},
        {"archivo", "▽", N_("storage")},
    };
    const flujo_scenario_t *s = r->s;
    const flujo_model_t *m = s->model;
    double added = 0;
    double completed = (double)flujo_results_completed(r);
    bool *bg = background_only(s);
    static const char *const heads[] = {"#",
                                        N_("activity"),
                                        N_("unit"),
                                        N_("ASME type"),
                                        N_("times per expediente"),
                                        N_("waiting (h)"),
                                        N_("work or delay (h)"),
                                        N_("adds value")};
    fputs("<table class=\"asme\"><thead><tr>", f);
    for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
        fputs("<th>", f);
        esc(f, _(heads[i]));
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    int row = 0;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *n = &m->nodes[v];
        const flujo_task_t *t = &s->tasks[v];
        double count = flujo_results_activity_count(r, v);
        if (n->kind != FLUJO_NODE_TASK || count <= 0 || t->pool < 0 || bg[v]) {
            continue; /* bg: the units' other work, not a step of the procedure */
        }
        double visits = completed > 0 ? count / completed : 0;
        double w = flujo_results_activity(r, v, false).mean;
        /* work in s/m/h; a delay in bd or d (the citizen's time) is its mean elapsed length */
        double p = t->duration.clock == FLUJO_CLOCK_WORK
                       ? flujo_results_activity(r, v, true).mean
                       : flujo_dist_mean(&t->duration) / 3600 *
                             (t->duration.clock == FLUJO_CLOCK_BDAYS ? 7.0 / 5 : 1);
        const char *sym = "·", *tname = "–";
        for (size_t k = 0; k < sizeof(types) / sizeof(types[0]); k++) {
            if (t->asme != NULL && strcmp(t->asme, types[k].key) == 0) {
                sym = types[k].symbol;
                tname = _(types[k].name);
            }
        }
        char a[32], b[32], c[32];
        fprintf(f, "<tr><td>%d</td><td>", ++row);
        esc(f, n->name[0] ? n->name : n->id);
        fputs("</td><td>", f);
        char pools[512];
        esc(f, flujo__task_pools(s, v, pools, sizeof(pools)));
        fprintf(f, "</td><td><span class=\"sym\">%s</span> ", sym);
        esc(f, tname);
        fprintf(f, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
                num(visits, a, sizeof(a)), num(w, b, sizeof(b)), num(p, c, sizeof(c)));
        /* not said: by ASME type, as the methodology does: only operations add value */
        int va = t->value_added >= 0 ? t->value_added
                 : t->asme != NULL   ? strcmp(t->asme, "operacion") == 0
                                     : -1;
        esc(f, va == 1 ? _("yes") : va == 0 ? _("no") : "–");
        if (t->value_added < 0 && va >= 0) {
            fputs("*", f);
        }
        fputs("</td></tr>\n", f);
        if (va == 1 && t->duration.clock == FLUJO_CLOCK_WORK) {
            added += visits * (isnan(p) ? 0 : p);
        }
    }
    fputs("</tbody></table>\n", f);
    free(bg);
    flujo_estimate_t cyc = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    char a[32], b[32], c[32];
    fputs("<p>", f);
    fprintf(f, _("Value-added work: %s h per expediente, %s%% of the mean cycle time of %s h."),
            num(added, a, sizeof(a)),
            cyc.mean > 0 ? num(100 * added / cyc.mean, b, sizeof(b)) : "–",
            num(cyc.mean, c, sizeof(c)));
    fputs("</p>\n<p class=\"muted\">", f);
    esc(f, _("* not said in the scenario (value_added): by ASME type, only operations add "
             "value. Delays in business days are shown as calendar hours."));
    fputs("</p>\n", f);
}

/* ---- the page -------------------------------------------------------------------------------
 */

static const char css[] =
    "body{font-family:'Helvetica Neue',Arial,sans-serif;color:#222;margin:0;background:#fafafa}"
    "main{max-width:1200px;margin:0 auto;padding:16px 24px}"
    "h1{font-size:24px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px "
    "solid #ddd;padding-bottom:4px}"
    ".sub{color:#555;margin:0 0 12px}.muted{color:#777;font-size:13px}"
    ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}"
    ".card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px;min-width:"
    "150px}.card b{display:block;font-size:22px}.card span{font-size:12px;color:#555}"
    ".card.bad b{color:#b2182b}.card.good b{color:#1a7f37}"
    ".scroll{overflow-x:auto;border:1px solid #ddd;background:#fff}svg.bpmn{display:block}"
    "svg.overview{width:100%;height:auto;background:#fff;border:1px solid #ddd}"
    "svg.chart{max-width:100%;height:auto;background:#fff}"
    ".pool{fill:none;stroke:#333;stroke-width:1.2}.lane{fill:none;stroke:#888;stroke-width:0.8}"
    ".poolname{font-size:12px;font-weight:bold;text-anchor:middle}"
    ".lanename{text-anchor:middle;fill:#333}"
    ".flow{fill:none;stroke:#333;stroke-width:1.1}"
    ".task{stroke:#333;stroke-width:1.2}.task.plain{fill:#fff;stroke-dasharray:4 2}"
    ".tname{text-anchor:middle;fill:#111}.tstat{text-anchor:middle;fill:#111;font-weight:bold}"
    ".gw{fill:#fff;stroke:#333;stroke-width:1.2}.mark{fill:none;stroke:#333;stroke-width:2.2}"
    ".thin{fill:none;stroke:#333;stroke-width:1}"
    ".ev-start{fill:#fff;stroke:#333;stroke-width:1.3}.ev-end{fill:#fff;stroke:#333;"
    "stroke-width:3.2}.ev-mid{fill:#fff;stroke:#333;stroke-width:1.2}"
    ".lbl{text-anchor:middle;fill:#333}.flbl{font-size:9px;fill:#1f4e99}"
    ".legend{display:flex;align-items:center;gap:8px;font-size:13px;margin:6px 0}"
    ".axis{stroke:#444}.grid{stroke:#eee}.tick{font-size:10px;fill:#444}"
    ".cap{font-size:11px;fill:#333;text-anchor:middle}.xlbl{text-anchor:middle;fill:#333}"
    ".bar{fill:#6baed6}.cdf{fill:none;stroke:#08306b;stroke-width:1.8}"
    ".plazo{stroke:#b2182b;stroke-width:1.8}.plazo.grace{stroke-dasharray:5 3}"
    ".plazolbl{font-size:10px;fill:#b2182b;paint-order:stroke;stroke:#fff;stroke-width:3px}."
    "whisker{stroke:#222;stroke-width:1.2;fill:none}"
    ".ubar{stroke:#555;stroke-width:0.5}.warmup{fill:#f0f0f0}.wip{fill:none;stroke:#08519c;"
    "stroke-width:1.6}"
    "table{border-collapse:collapse;background:#fff;font-size:13px;margin:6px 0}"
    "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}th{background:#f0f0f0}"
    ".sym{font-size:15px}ol.bn li{margin:4px 0}.ok{color:#1a7f37}.no{color:#b2182b}"
    ".sub{fill:none;stroke:#333;stroke-width:1.2}.subname{fill:#111;font-weight:bold}"
    ".badge circle{fill:#7f0000;stroke:#fff}.badge text{fill:#fff;font-weight:bold;"
    "text-anchor:middle}ol.where{margin:4px 0 8px;padding-left:28px}"
    "ol.where li::marker{color:#7f0000;font-weight:bold}"
    "footer{color:#888;font-size:12px;margin:32px 0 16px}";

static void card(FILE *f, const char *title, const char *value, const char *note, const char *cls)
{
    fprintf(f, "<div class=\"card%s%s\"><span>", cls[0] ? " " : "", cls);
    esc(f, title);
    fputs("</span><b>", f);
    esc(f, value);
    fputs("</b><span>", f);
    esc(f, note);
    fputs("</span></div>\n", f);
}

static void ci_text(flujo_estimate_t e, double scale, const char *unit, char *buf, size_t n)
{
    if (isnan(e.mean)) {
        snprintf(buf, n, "–");
    } else if (isnan(e.lo)) {
        char m[32];
        snprintf(buf, n, "%s%s", flujo__sig(e.mean * scale, 3, m, sizeof(m)), unit);
    } else {
        char m[32], a[32], b[32];
        snprintf(buf, n, "%s%s [%s, %s]", flujo__sig(e.mean * scale, 3, m, sizeof(m)), unit,
                 flujo__sig(e.lo * scale, 3, a, sizeof(a)),
                 flujo__sig(e.hi * scale, 3, b, sizeof(b)));
    }
}

static void summary_cards(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    char v[64], note[128], x[32], y[32];
    flujo_estimate_t bd = flujo_results_kpi(r, FLUJO_KPI_CYCLE_BD);
    flujo_estimate_t h = flujo_results_kpi(r, FLUJO_KPI_CYCLE_H);
    fputs("<section class=\"cards\">\n", f);
    snprintf(v, sizeof(v), "%s %s", flujo__sig(bd.mean, 3, x, sizeof(x)), _("bd"));
    snprintf(note, sizeof(note), "p90 %s %s",
             flujo__sig(flujo_hist_quantile(r->hist_bd, 0.9), 3, x, sizeof(x)), _("bd"));
    card(f, _("average legal time"), v, note, "");
    if (s->sla.set) {
        flujo_estimate_t w = flujo_results_kpi(r, FLUJO_KPI_WITHIN);
        flujo_estimate_t sil = flujo_results_kpi(r, FLUJO_KPI_SILENCED);
        flujo__pct(w.mean, v, sizeof(v));
        snprintf(note, sizeof(note), "[%.1f, %.1f]", 100 * w.lo, 100 * w.hi);
        card(f, _("decided within the plazo"), v, note, w.mean >= 0.95 ? "good" : "bad");
        flujo__pct(sil.mean, v, sizeof(v));
        card(f, _("fall into administrative silence"), v,
             s->sla.silence == FLUJO_SILENCE_POSITIVE   ? _("approved by positive silence")
             : s->sla.silence == FLUJO_SILENCE_NEGATIVE ? _("may be treated as denied")
                                                        : _("no silence rule"),
             sil.mean > 0.01 ? "bad" : "good");
    }
    snprintf(v, sizeof(v), "%s h", flujo__sig(h.mean, 3, x, sizeof(x)));
    snprintf(note, sizeof(note), "%s %s", flujo__sig(h.mean / 24, 3, x, sizeof(x)),
             _("calendar days"));
    card(f, _("average cycle time"), v, note, "");
    flujo_estimate_t wait = flujo_results_kpi(r, FLUJO_KPI_WAITING_H);
    snprintf(v, sizeof(v), "%.0f%%", h.mean > 0 ? 100 * wait.mean / h.mean : 0);
    card(f, _("waiting in queues"), v, _("share of the cycle"), "");
    flujo_estimate_t ho = flujo_results_kpi(r, FLUJO_KPI_HANDOFFS);
    flujo_estimate_t lead = flujo_results_kpi(r, FLUJO_KPI_HANDOFF_BD);
    flujo__sig(ho.mean, 3, v, sizeof(v));
    snprintf(note, sizeof(note), _("%s bd each"), flujo__sig(lead.mean, 3, y, sizeof(y)));
    card(f, _("hand-offs between units"), v, note, "");
    flujo_estimate_t cost = flujo_results_kpi(r, FLUJO_KPI_COST);
    if (cost.mean > 0) {
        snprintf(v, sizeof(v), "%.4g", cost.mean);
        card(f, _("cost per expediente"), v, _("performer time × cost per hour"), "");
    }
    fputs("</section>\n", f);
}

static void bottlenecks(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    flujo_bottleneck_t *b = flujo_xcalloc(s->n_pools + 1, sizeof(*b));
    size_t nb = flujo_results_bottlenecks(r, b);
    char reason[400];
    fputs("<ol class=\"bn\">\n", f);
    for (size_t i = 0; i < nb && i < 5; i++) {
        if (!(b[i].waiting_share > 0)) {
            continue;
        }
        fputs("<li><b>", f);
        esc(f, s->pools[b[i].pool].name);
        fputs("</b>: ", f);
        esc(f, flujo_report_reason(r, &b[i], reason, sizeof(reason)));
        fputs("</li>\n", f);
    }
    fputs("</ol>\n", f);
    free(b);
}

static void sla_section(FILE *f, const flujo_results_t *r)
{
    const flujo_scenario_t *s = r->s;
    char a[96];
    double marks[16];
    bool dashed[16] = {false};
    const char *names[16];
    char name_buf[16][96];
    char cond[256];
    size_t nm = 0;
    if (s->sla.set) {
        for (size_t i = 0; i <= s->sla.n_rules && nm + 2 <= 16; i++) {
            bool other = i == s->sla.n_rules;
            double d = (other ? s->sla.deadline : s->sla.rule_deadline[i]) / 86400;
            marks[nm] = d;
            if (s->sla.n_rules > 0) {
                snprintf(name_buf[nm], sizeof(name_buf[nm]), "%s %.4g %s (%s)", _("plazo"), d,
                         _("bd"),
                         other ? _("other cases")
                               : flujo__condition_text(s->sla.rule_text[i], cond, sizeof(cond)));
            } else {
                snprintf(name_buf[nm], sizeof(name_buf[nm]), "%s %.4g %s", _("plazo"), d, _("bd"));
            }
            names[nm] = name_buf[nm];
            nm++;
            if (s->sla.grace > 0 && s->sla.silence != FLUJO_SILENCE_NONE) {
                marks[nm] = d + s->sla.grace / 86400;
                dashed[nm] = true;
                snprintf(name_buf[nm], sizeof(name_buf[nm]), "%s (+%.4g %s)", _("silence"),
                         s->sla.grace / 86400, _("bd"));
                names[nm] = name_buf[nm];
                nm++;
            }
        }
    }
    section(f, _("Legal time and the plazo"),
            _("Business days from the day after filing to the decision, with the citizen's time "
              "left out (Ley 27444 arts. 133-134). Bars: share of expedientes per interval; "
              "line: share decided by then."));
    histogram(f, r->hist_bd, _("business days (legal clock)"), marks, names, dashed, nm);
    if (s->sla.set) {
        fputs("<table><tbody>\n", f);
        flujo_estimate_t w = flujo_results_kpi(r, FLUJO_KPI_WITHIN);
        fprintf(f, "<tr><th>%s</th><td>", _("within the plazo"));
        ci_text(w, 100, "%", a, sizeof(a));
        esc(f, a);
        fputs("</td></tr>\n", f);
        for (size_t i = 0; i <= s->sla.n_rules && s->sla.n_rules > 0; i++) {
            bool other = i == s->sla.n_rules;
            fprintf(f, "<tr><th>&nbsp;&nbsp;");
            esc(f, other ? _("other cases")
                         : flujo__condition_text(s->sla.rule_text[i], cond, sizeof(cond)));
            fprintf(f, " (%.4g %s)</th><td>",
                    (other ? s->sla.deadline : s->sla.rule_deadline[i]) / 86400, _("bd"));
            ci_text(flujo_results_rule_within(r, i), 100, "%", a, sizeof(a));
            esc(f, a);
            fputs("</td></tr>\n", f);
        }
        fprintf(f, "<tr><th>%s</th><td>", _("silenced"));
        ci_text(flujo_results_kpi(r, FLUJO_KPI_SILENCED), 100, "%", a, sizeof(a));
        esc(f, a);
        fputs(" — ", f);
        esc(f, flujo_report_silence_meaning(s->sla.silence));
        fputs("</td></tr>\n</tbody></table>\n", f);
    }
}

static void comparison(FILE *f, const flujo_comparison_t *c)
{
    char text[1024], cell[160];
    section(f, _("Comparison of redesigns"),
            /* xgettext:no-c-format */
            _("Each scenario against the first on common random numbers: the paired difference "
              "per replication, mean and 95% interval; ✓ where the interval excludes 0."));
    fputs("<table><thead><tr><th></th>", f);
    for (size_t i = 0; i < c->n; i++) {
        fputs("<th>", f);
        esc(f, c->s[i].r->s->name);
        fputs("</th>", f);
    }
    fputs("</tr></thead><tbody>\n", f);
    for (int k = 0; k < FLUJO_CK_N; k++) {
        fputs("<tr><th>", f);
        esc(f, _(flujo_ckpi_label((flujo_ckpi_t)k)));
        fputs("</th>", f);
        for (size_t i = 0; i < c->n; i++) {
            const flujo_estimate_t *e = &c->s[i].kpi[k];
            const flujo_delta_t *d = &c->s[i].delta[k];
            bool share = flujo_ckpi_is_share((flujo_ckpi_t)k);
            if (isnan(e->mean)) {
                snprintf(cell, sizeof(cell), "–");
            } else if (share) {
                snprintf(cell, sizeof(cell), "%.1f%%", 100 * e->mean);
            } else {
                snprintf(cell, sizeof(cell), "%.4g", e->mean);
            }
            fputs("<td class=\"n\">", f);
            esc(f, cell);
            if (i > 0 && d->defined && !(d->lo == 0 && d->hi == 0)) {
                bool better =
                    flujo_ckpi_higher_is_better((flujo_ckpi_t)k) ? d->mean > 0 : d->mean < 0;
                if (share) {
                    snprintf(cell, sizeof(cell), "%+.1f pt [%+.1f, %+.1f]", 100 * d->mean,
                             100 * d->lo, 100 * d->hi);
                } else if (!isnan(d->rel)) {
                    snprintf(cell, sizeof(cell), "%+.1f%% [%+.1f, %+.1f]", 100 * d->rel,
                             100 * d->rel_lo, 100 * d->rel_hi);
                } else {
                    snprintf(cell, sizeof(cell), "%+.3g", d->mean);
                }
                fprintf(f, "<br><small class=\"%s\">",
                        d->significant ? (better ? "ok" : "no") : "muted");
                esc(f, cell);
                fputs(d->significant ? " ✓" : "", f);
                fputs("</small>", f);
            }
            fputs("</td>", f);
        }
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n<ol>\n", f);
    for (int rank = 1; rank <= (int)c->n; rank++) {
        for (size_t i = 0; i < c->n; i++) {
            if (c->s[i].rank != rank) {
                continue;
            }
            fputs("<li><b>", f);
            esc(f, c->s[i].r->s->name);
            fprintf(f, "</b> (%+.2f): ", c->s[i].score);
            esc(f, flujo_report_verdict(c, i, text, sizeof(text)));
            fputs("</li>\n", f);
        }
    }
    fputs("</ol>\n", f);
}

flujo_status_t flujo_report_html(FILE *f, const flujo_results_t *r, const flujo_comparison_t *c,
                                 flujo_err_t *err)
{
    const flujo_scenario_t *s = r->s;
    char a[64];
    fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
            flujo_i18n_lang());
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
    esc(f, s->name);
    fputs(" — flujo</title>\n<style>", f);
    fputs(css, f);
    fputs("</style>\n</head>\n<body>\n<main>\n<h1>", f);
    esc(f, s->name);
    fputs("</h1>\n<p class=\"sub\">", f);
    const flujo_calendar_t *legal = s->calendars[s->legal_calendar];
    double bd_warm = flujo_calendar_bclock(legal, s->warmup_end) / 86400;
    double bd_all = s->cases > 0 ? bd_warm : flujo_calendar_bclock(legal, s->arrivals_end) / 86400;
    char b[64];
    if (s->cases > 0) {
        fprintf(f,
                _("%ld replications of %ld expedientes each, seed %llu; %llu expedientes counted."),
                r->n_done, s->cases, (unsigned long long)s->seed,
                (unsigned long long)flujo_results_completed(r));
    } else {
        fprintf(f,
                _("%ld replications of %s business days of arrivals after a warm-up of %s "
                  "business days, seed %llu; %llu expedientes counted."),
                r->n_done, num(bd_all - bd_warm, a, sizeof(a)), num(bd_warm, b, sizeof(b)),
                (unsigned long long)s->seed, (unsigned long long)flujo_results_completed(r));
    }
    if (r->partial) {
        fputs(" <strong>", f);
        fprintf(f, _("PARTIAL: interrupted after %ld of %ld replications."), r->n_done, r->n_reps);
        fputs("</strong>", f);
    }
    fputs("</p>\n", f);
    for (size_t i = 0; i < s->changes.n; i++) {
        fputs("<p class=\"muted\">", f);
        esc(f, _("redesign:"));
        fputs(" ", f);
        esc(f, s->changes.items[i].message);
        fputs("</p>\n", f);
    }
    summary_cards(f, r);
    section(f, _("Where expedientes wait"),
            _("Each activity is coloured by the mean time an expediente waits in its queue "
              "before the work starts, and labelled with that wait and the mean work."));
    flujo_status_t st = diagram(f, r, err);
    if (st != FLUJO_OK) {
        return st;
    }
    fprintf(f, "<h2>%s</h2>\n", _("Bottlenecks"));
    bottlenecks(f, r);
    sla_section(f, r);
    section(f, _("Utilisation of the units"),
            /* xgettext:no-c-format */
            _("Share of their working hours the performers are busy, with the 95% interval; "
              "above the dashed line (85%) queues grow long."));
    utilisation(f, r);
    section(f, _("Waiting per activity (Pareto)"),
            _("Hours expedientes wait for each activity, the largest first, and the cumulative "
              "share of all waiting."));
    pareto(f, r);
    fprintf(f, "<h2>%s</h2>\n", _("Expedientes in process over time"));
    wip_chart(f, r);
    section(f, _("Hand-offs between units"),
            _("How many times per expediente the work passes from one unit (row) to another "
              "(column)."));
    handoff_matrix(f, r);
    section(f, _("ASME-VM table"),
            _("Activities by ASME type and value added, as in the PCM simplification methodology "
              "(D.S. 007-2011-PCM)."));
    asme_table(f, r);
    if (c != NULL && c->n > 1) {
        comparison(f, c);
    }
    fputs("<footer>flujo — ", f);
    /* xgettext:no-c-format */
    esc(f, _("simulated with common random numbers; every figure is a mean over replications "
             "with its 95% confidence interval where shown."));
    fputs("</footer>\n</main>\n</body>\n</html>\n", f);
    if (fflush(f) != 0 || ferror(f)) {
        return flujo_err_set(err, FLUJO_EIO, "cannot write the report");
    }
    return FLUJO_OK;
}
