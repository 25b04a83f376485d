/* html_charts.c - the SVG charts of the HTML report: their axes, the histogram and CDF of the
 * legal time with the plazo marks named above the plot, the units' utilisation, the Pareto of
 * the waiting and the expedientes in process over time. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "report/html_int.h"
#include "report/report_int.h"

/* Text and attribute values, escaped (format.c). */
static void esc(FILE *f, const char *s)
{
    flujo__xml_text(f, s);
}

#define CW 640.0 /* chart width */
#define CH 260.0 /* chart height */
#define ML 56.0  /* margins */
#define MR 56.0
#define MT 16.0
#define MB 40.0

/* A tick step of 1, 2 or 5 times a power of ten giving about `want` steps over span. */
static double nice_step(double span, int want)
{
    if (!(span > 0)) {
        return 1;
    }
    double raw = span / want, p = pow(10, floor(log10(raw))), r = raw / p;
    return (r < 1.5 ? 1 : r < 3.5 ? 2 : r < 7.5 ? 5 : 10) * p;
}

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
        w[i] = (double)flujo__html_chars(names[i], strlen(names[i])) * 5.4;
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
void flujo__html_histogram(FILE *f, const flujo_hist_t *hist, const char *unit, const double *marks,
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
void flujo__html_utilisation(FILE *f, const flujo_results_t *r)
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
        flujo__html_wrap(pool->name, 38, lines, 1);
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
                y + 16);
        esc(f, lines[0]);
        fputs("</text>\n", f);
        double val = isnan(u.mean) ? 0 : u.mean;
        flujo__html_heat(val >= 0.85 ? 1 : val / 0.85 * 0.7, c, sizeof(c));
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
void flujo__html_pareto(FILE *f, const flujo_results_t *r)
{
    const flujo_model_t *m = r->s->model;
    size_t n;
    double sum;
    flujo__act_wait_t *a = flujo__html_wait_ranking(r, &n, &sum);
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
        flujo__html_wrap(nd->name[0] ? nd->name : nd->id, 42, lines, 1);
        fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
                y + 15);
        esc(f, lines[0]);
        fputs("</text>\n", f);
        flujo__html_heat(share / top, c, sizeof(c));
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
void flujo__html_wip_chart(FILE *f, const flujo_results_t *r)
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
