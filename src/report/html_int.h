/* html_int.h - what the files of the HTML report (html_*.c) share: the small writers of
 * html_util.c, the waiting analysis of html_analysis.c, the diagram's geometry and label
 * placement (html_diagram.c, html_labels.c), the charts and tables the page (html_page.c) puts in
 * its sections, and the style sheet. Every writer writes to f and reports no error: the page
 * checks the stream once, at its end. */
#ifndef FLUJO_HTML_INT_H
#define FLUJO_HTML_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "flujo_compare.h"
#include "flujo_error.h"
#include "flujo_experiment.h"
#include "flujo_model.h"
#include "flujo_scenario.h"
#include "flujo_stats.h"

/* ---- the style sheet ---------------------------------------------------------------------- */

/* The page's CSS: src/report/style.css without its comment lines, its lines joined. The Makefile
 * generates its definition ($(BUILD)/src/report/style_css.c) from that file. */
extern const char flujo__report_css[];

/* ---- small writers (html_util.c) ---------------------------------------------------------- */

/* Writes a section's heading and the muted paragraph that says how to read it (escaped). */
void flujo__html_section(FILE *f, const char *title, const char *intro);

/* x for people, into buf: 3 significant digits without an exponent (flujo__sig), "–" for NaN. */
const char *flujo__html_num(double x, char *buf, size_t n);

/* The characters (code points, not bytes) of the first `bytes` bytes of UTF-8 string s. */
size_t flujo__html_chars(const char *s, size_t bytes);

/* Splits text into at most max_lines lines of at most width characters at spaces (a longer word
 * is cut); the last line ends with "…" when text does not fit. Returns the number of lines. */
int flujo__html_wrap(const char *text, int width, char lines[][128], int max_lines);

/* Writes n lines as one SVG text of class cls, each line centred on x, the first baseline at y. */
void flujo__html_text_lines(FILE *f, double x, double y, double size, const char *cls,
                            char lines[][128], int n);

/* The colour at t (0..1, clamped) of the waiting scale, "#rrggbb" into buf: light for no wait,
 * orange, then red for the longest. */
void flujo__html_heat(double t, char *buf, size_t n);

/* ---- where the waiting is (html_analysis.c) ----------------------------------------------- */

/* An activity and the hours an expediente loses there. */
typedef struct flujo__act_wait {
    size_t node;
    double total; /* hours per expediente, in all its visits */
} flujo__act_wait_t;

/* Which nodes only background arrivals reach (the units' other work, not steps of the
 * procedure): an array of s->model->n_nodes flags the caller frees. */
bool *flujo__html_background_only(const flujo_scenario_t *s);

/* The hours an expediente loses at activity v in all its visits (waiting and work paused). */
double flujo__html_lost(const flujo_results_t *r, size_t v);

/* The activities of the procedure by the hours an expediente loses there, most
 * first (automated units and the units' other work left out): an array the caller frees, *n of
 * them, *sum hours in all. */
flujo__act_wait_t *flujo__html_wait_ranking(const flujo_results_t *r, size_t *n, double *sum);

/* ---- the diagram (html_diagram.c, html_labels.c) ------------------------------------------ */

/* Where each shape of the diagram is, in the file's coordinates. */
typedef struct flujo__drawing {
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
} flujo__drawing_t;

/* Placed label boxes, to keep flow labels off shapes and other labels. Starts zeroed; the
 * caller frees box. */
typedef struct flujo__placed {
    double (*box)[4];
    size_t n, cap;
} flujo__placed_t;

/* Adds box b (x, y, w, h) to the placed ones. */
void flujo__place_add(flujo__placed_t *p, const double *b);

/* An expanded sub-process v, drawn before what it holds: its frame, and its name at a top corner
 * inside (or above it) where it overlaps nothing; the name's box is added to pl. */
void flujo__html_frame(FILE *f, const flujo_model_t *m, const flujo__drawing_t *d,
                       flujo__placed_t *pl, size_t v);

/* The name of gateway or event v beside its shape, where it overlaps nothing placed (or least);
 * its box is added to pl. */
void flujo__html_external_label(FILE *f, const flujo_model_t *m, const flujo__drawing_t *d,
                                flujo__placed_t *pl, int64_t v);

/* The name of flow j (Sí, No, ...) near its start, where it overlaps no shape or label, else not
 * at all; its box is added to pl. */
void flujo__html_flow_label(FILE *f, const flujo_model_t *m, const flujo__drawing_t *d,
                            flujo__placed_t *pl, size_t j);

/* The diagram of r's model: an overview that fits the page with the worst waits numbered, the
 * legend and list of them, and the drawing at full size. Fails only if the model has no DI and
 * cannot be laid out (the error of flujo_model_layout). */
flujo_status_t flujo__html_diagram(FILE *f, const flujo_results_t *r, flujo_err_t *err);

/* ---- charts (html_charts.c) --------------------------------------------------------------- */

/* Histogram (share of expedientes per bin) and CDF of a pooled distribution, with n_marks
 * vertical marks (the plazo; dashed[i] for a grace) named above the plot. Nothing if the
 * distribution is empty. */
void flujo__html_histogram(FILE *f, const flujo_hist_t *hist, const char *unit, const double *marks,
                           const char *const *mark_names, const bool *dashed, size_t n_marks);

/* Utilisation of each limited pool with its 95% interval, and the 85% line. */
void flujo__html_utilisation(FILE *f, const flujo_results_t *r);

/* Pareto of the waiting: activities by the hours expedientes wait for them, with the cumulative
 * share. Nothing if nothing waits. */
void flujo__html_pareto(FILE *f, const flujo_results_t *r);

/* Expedientes in process at 00:00 of each day, the mean over replications, with the warm-up
 * shaded. */
void flujo__html_wip_chart(FILE *f, const flujo_results_t *r);

/* ---- lists and tables (html_tables.c) ----------------------------------------------------- */

/* Where the cycle goes: a bar split by the parts of the cycle, and their table. */
void flujo__html_parts(FILE *f, const flujo_results_t *r);

/* The five worst bottlenecks that make work wait, with their reasons. */
void flujo__html_bottlenecks(FILE *f, const flujo_results_t *r);

/* For a scenario with a plazo: the shares within it (per rule, if any) and silenced, and what
 * silence means. */
void flujo__html_sla_table(FILE *f, const flujo_results_t *r);

/* Hand-offs between units per expediente, as a matrix shaded by size. */
void flujo__html_handoff_matrix(FILE *f, const flujo_results_t *r);

/* The ASME-VM table of the PCM simplification methodology (D.S. 007-2011-PCM): each activity
 * with its ASME type, times and whether it adds value, and the share of value-added time. */
void flujo__html_asme_table(FILE *f, const flujo_results_t *r);

/* The section comparing the scenarios of c: KPIs and paired differences side by side, then the
 * ranking with a verdict each. */
void flujo__html_comparison(FILE *f, const flujo_comparison_t *c);

#endif
