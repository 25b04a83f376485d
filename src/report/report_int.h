/* report_int.h - what the report writers of src/report/ share: the end of every writer and the
 * number and text helpers of format.c (significant digits, percentages, text columns, escaped
 * XML, CSV fields, estimates in JSON, a rule's condition in the report's language). */
#ifndef FLUJO_REPORT_INT_H
#define FLUJO_REPORT_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "flujo_compare.h"
#include "flujo_error.h"
#include "flujo_model.h"
#include "flujo_scenario.h"
#include "flujo_stats.h"
#include "report/json_int.h"

/* Flushes f; returns FLUJO_OK, or FLUJO_EIO with `message` in *err when writing to f failed
 * (now or before): how every writer ends. */
flujo_status_t flujo__finish(FILE *f, const char *message, flujo_err_t *err);

/* The singular or the plural of a word (both marked with N_), translated. */
const char *flujo__plural(size_t n, const char *one, const char *many);

/* Writes s in a column of `width` characters (UTF-8 code points, not bytes), cut or padded with
 * spaces; the spaces go before s when `right`. */
void flujo__column(FILE *f, const char *s, int width, bool right);

/* Writes s padded with spaces to `width` display columns (flujo_utf8_width), never cut; the
 * spaces go before s when `right`. */
void flujo__pad(FILE *f, const char *s, int width, bool right);

/* Writes {"mean", "ci95": [lo, hi], "sd"} of an estimate times scale, leaving the object open
 * for further keys (percentiles); the caller ends it. */
void flujo__json_estimate_open(flujo__json_t *j, flujo_estimate_t e, double scale);

/* Writes {"mean", "ci95": [lo, hi], "sd"} of an estimate, the object closed. */
void flujo__json_estimate(flujo__json_t *j, flujo_estimate_t e);

/* Writes s as XML or HTML text or attribute value: & < > " ' escaped, control characters (which
 * XML cannot hold) as spaces. */
void flujo__xml_text(FILE *f, const char *s);

/* Writes s as one CSV field: as it is, or in double quotes (a quote doubled) when it holds a
 * comma, a quote or a line break. */
void flujo__csv_field(FILE *f, const char *s);

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

/* Whether node v of m is a task: the activities the run reports list one by one. */
bool flujo__is_task(const flujo_model_t *m, size_t v);

/* How the scenario's money is written: "S/" for soles (PEN), else its ISO code (format.c). */
const char *flujo__currency_symbol(const flujo_scenario_t *s);

/* False for a part of the cycle that none of the compared scenarios has (a model without
 * timers): its row in a comparison would say nothing (comparison.c). */
bool flujo__ckpi_shown(const flujo_comparison_t *c, int k);

#endif
