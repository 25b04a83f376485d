/* report_int.h - what the report writers (report.c, report_compare.c) share. */
#ifndef FLUJO_REPORT_INT_H
#define FLUJO_REPORT_INT_H

#include "flujo_stats.h"
#include "json_int.h"

/* Writes {"mean", "ci95": [lo, hi], "sd"} of an estimate times scale, leaving the object open
 * for further keys (percentiles); the caller ends it. */
void flujo__json_estimate_open(flujo__json_t *j, flujo_estimate_t e, double scale);

#endif
