/* report_int.h - what the report writers (report.c, report_compare.c, report_html.c) share. */
#ifndef FLUJO_REPORT_INT_H
#define FLUJO_REPORT_INT_H

#include <stdio.h>

#include "flujo_scenario.h"
#include "flujo_stats.h"
#include "report/json_int.h"

/* Writes {"mean", "ci95": [lo, hi], "sd"} of an estimate times scale, leaving the object open
 * for further keys (percentiles); the caller ends it. */
void flujo__json_estimate_open(flujo__json_t *j, flujo_estimate_t e, double scale);

/* Writes s as XML or HTML text or attribute value: & < > " ' escaped, control characters (which
 * XML cannot hold) as spaces. */
void flujo__xml_text(FILE *f, const char *s);

/* x with `digits` significant digits and never an exponent (1061 h, not 1.06e+03): into buf;
 * "-" for NaN. */
const char *flujo__sig(double x, int digits, char *buf, size_t n);

/* A share 0..1 as a percentage with one decimal that never rounds to 100.0% or 0.0% unless it is
 * exactly that (">99.9%", "<0.1%"): into buf. */
const char *flujo__pct(double x, char *buf, size_t n);

/* The pool that does activity v, or its pools joined by " | " when any of several can: into buf. */
const char *flujo__task_pools(const flujo_scenario_t *s, size_t v, char *buf, size_t n);

/* Copies a rule condition as the scenario wrote it ("riesgo in [bajo, medio]") into buf, with its
 * keywords (and, or, not, in, not in) in the report's language; names and values stay as written.
 */
const char *flujo__condition_text(const char *expr, char *buf, size_t n);

#endif
