/* flujo.h - the whole public API of libflujo: read BPMN models, load scenarios, simulate them,
 * compare and optimise redesigns, and write the results. A program needs only this header (and
 * -Iinclude); what the parts of the library share among themselves is not in include/.
 *
 * Call flujo_lib_init() once before anything else. Every call that can fail returns a
 * flujo_status_t and fills a flujo_err_t with one line naming the file, line and element. */
#ifndef FLUJO_H
#define FLUJO_H

/* The version of this API: FLUJO_VERSION_MAJOR changes when a program written for an older one
 * may no longer build or run unchanged. */
#define FLUJO_VERSION_MAJOR 0
#define FLUJO_VERSION_MINOR 1
#define FLUJO_VERSION_PATCH 0
#define FLUJO_VERSION       "0.1.0"

#include "flujo_bpmn.h"
#include "flujo_calendar.h"
#include "flujo_compare.h"
#include "flujo_dist.h"
#include "flujo_engine.h"
#include "flujo_error.h"
#include "flujo_experiment.h"
#include "flujo_i18n.h"
#include "flujo_model.h"
#include "flujo_optimize.h"
#include "flujo_report.h"
#include "flujo_scenario.h"
#include "flujo_stats.h"

#endif
