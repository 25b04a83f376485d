/* flujo_compare.h - scenarios compared on common random numbers: paired differences of each KPI
 * with their 95% confidence intervals, a weighted score and a ranking. */
#ifndef FLUJO_COMPARE_H
#define FLUJO_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "flujo_experiment.h"
#include "flujo_scenario.h"

/* The KPIs a comparison reports, each with one value per replication. */
typedef enum flujo_ckpi {
    FLUJO_CK_CYCLE_H = 0,   /* mean cycle time, hours */
    FLUJO_CK_CYCLE_H_P90,   /* 90th percentile of the cycle time, hours */
    FLUJO_CK_CYCLE_BD,      /* mean legal time, business days */
    FLUJO_CK_CYCLE_BD_P90,  /* 90th percentile of the legal time, business days */
    FLUJO_CK_WITHIN,        /* share within the plazo */
    FLUJO_CK_SILENCED,      /* share silenced */
    FLUJO_CK_COST,          /* mean cost per case */
    FLUJO_CK_HANDOFFS,      /* mean hand-offs per case */
    FLUJO_CK_WAITING_SHARE, /* waiting in queues over cycle time */
    FLUJO_CK_BUSIEST_UTIL,  /* utilisation of the busiest pool */
    FLUJO_CK_STAFF_COST,    /* what the units' staff are paid a week */
    FLUJO_CK_COST_TOTAL,    /* the staff's pay per expediente (idle time included) */
    FLUJO_CK_PART,          /* the parts of the cycle, hours per expediente: FLUJO_CK_PART + p
                               for flujo_part_t p (keys and weights: the parts' keys) */
    FLUJO_CK_N = FLUJO_CK_PART + FLUJO_PART_N
} flujo_ckpi_t;

/* JSON key of a KPI ("cycle_time_h"), its label for people ("mean cycle time (h)"), and the
 * --weights key that weighs it ("cycle"). */
const char *flujo_ckpi_key(flujo_ckpi_t k);
const char *flujo_ckpi_label(flujo_ckpi_t k);
const char *flujo_ckpi_words(flujo_ckpi_t k); /* for sentences: "mean cycle time" */
const char *flujo_ckpi_weight_key(flujo_ckpi_t k);

/* True for KPIs that are shares (compared in points, not in percent of the baseline). */
bool flujo_ckpi_is_share(flujo_ckpi_t k);

/* True when a higher value is better (the share within the plazo). */
bool flujo_ckpi_higher_is_better(flujo_ckpi_t k);

/* The value of KPI k in one replication (NaN when undefined: no sla, no completed case). */
double flujo_ckpi_rep(const flujo_rep_t *rep, const flujo_scenario_t *s, flujo_ckpi_t k);

/* The paired difference scenario - baseline of one KPI over replications. */
typedef struct flujo_delta {
    bool defined;  /* both sides have the KPI in every replication */
    double mean;   /* mean difference */
    double lo, hi; /* its 95% Student-t interval */
    double rel;    /* mean difference over the baseline mean (NaN for shares or a 0 base) */
    double rel_lo; /* the interval over the baseline mean */
    double rel_hi;
    bool significant; /* the interval excludes 0 */
    double gain;      /* improvement for the score: shares in points (fraction), others relative
                         to the baseline, positive when better; 0 unless significant */
} flujo_delta_t;

/* One scenario of a comparison. */
typedef struct flujo_compared {
    const flujo_results_t *r;         /* its results (borrowed) */
    flujo_estimate_t kpi[FLUJO_CK_N]; /* estimate of each KPI */
    flujo_delta_t delta[FLUJO_CK_N];  /* against the baseline (all 0 for the baseline) */
    double score;                     /* weighted gain, in points (0 for the baseline) */
    int rank;                         /* 1 = best score; 0 for a stress test (kind: stress),
                                         shown but not ranked */
    long tied;                        /* the scenario ranked just above it when no weighted KPI
                                         differs significantly between the two (their paired
                                         differences, replication by replication), else -1 */
} flujo_compared_t;

typedef struct flujo_comparison {
    flujo_compared_t *s;        /* s[0] is the baseline */
    size_t n;                   /* scenarios */
    double weights[FLUJO_CK_N]; /* weight of each KPI in the score */
} flujo_comparison_t;

/* Default weights: cycle=0.5, sla=0.3, cost=0.2 (cost: the staff paid per expediente). */
void flujo_compare_default_weights(double *w);

/* Parses "cycle=0.5,sla=0.3,cost=0.2" into w[FLUJO_CK_N] (KPIs not named weigh 0). Keys:
 * cycle, cycle_p90, legal, legal_p90, sla, silenced, cost, handoffs, waiting, utilization.
 * Weights are numbers from 0; they need not add up to 1. */
flujo_status_t flujo_compare_parse_weights(const char *text, double *w, flujo_err_t *err);

/* Compares results of scenarios run on the same seed and replications (res[0] the baseline):
 * per KPI the paired difference of each scenario against the baseline, replication by
 * replication; the score is 100 × the sum over KPIs of weight × gain (significant differences
 * only); ranks by score, ties in the given order. Fails with FLUJO_EUSAGE if the results do not
 * share their seed and number of finished replications. Free with flujo_comparison_free. */
flujo_status_t flujo_compare(const flujo_results_t *const *res, size_t n, const double *weights,
                             flujo_comparison_t *out, flujo_err_t *err);

void flujo_comparison_free(flujo_comparison_t *c);

#endif
