/* compare.c - scenarios against a baseline on common random numbers.
 *
 * Replication r of every scenario draws from streams seeded by (seed, r, element id), so the
 * parts two designs share see the same arrivals, durations and routing draws. The difference of a
 * KPI between a scenario and the baseline is therefore taken replication by replication, and its
 * mean and 95% Student-t interval (flujo_estimate) say whether the change is real: the paired
 * interval is much narrower than two independent ones, and a scenario compared with itself gives
 * differences of exactly 0. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_compare.h"
#include "flujo_stats.h"

static const struct {
    const char *key, *label, *words, *weight;
    bool share, higher;
} ckpi[FLUJO_CK_N] = {
    [FLUJO_CK_CYCLE_H] = {"cycle_time_h", N_("mean cycle time (h)"), N_("the mean cycle time"),
                          "cycle", false, false},
    [FLUJO_CK_CYCLE_H_P90] = {"cycle_time_h_p90", N_("p90 cycle time (h)"),
                              N_("the p90 cycle time"), "cycle_p90", false, false},
    [FLUJO_CK_CYCLE_BD] = {"cycle_time_bd", N_("mean legal time (bd)"), N_("the mean legal time"),
                           "legal", false, false},
    [FLUJO_CK_CYCLE_BD_P90] = {"cycle_time_bd_p90", N_("p90 legal time (bd)"),
                               N_("the p90 legal time"), "legal_p90", false, false},
    [FLUJO_CK_WITHIN] = {"within", N_("share within plazo"), N_("the share within plazo"), "sla",
                         true, true},
    [FLUJO_CK_SILENCED] = {"silenced", N_("share silenced"), N_("the share silenced"), "silenced",
                           true, false},
    [FLUJO_CK_COST] = {"cost_per_case", N_("worked cost per case"), N_("the worked cost per case"),
                       "worked_cost", false, false},
    [FLUJO_CK_HANDOFFS] = {"handoffs_per_case", N_("hand-offs per case"),
                           N_("the hand-offs per case"), "handoffs", false, false},
    [FLUJO_CK_WAITING_SHARE] = {"waiting_share", N_("waiting share of the cycle"),
                                N_("the waiting share"), "waiting", true, false},
    [FLUJO_CK_BUSIEST_UTIL] = {"busiest_utilization", N_("busiest unit's utilisation"),
                               N_("the busiest unit's utilisation"), "utilization", true, false},
    [FLUJO_CK_STAFF_COST] = {"staff_cost_per_week", N_("staff cost per week"),
                             N_("the staff cost per week"), "staff", false, false},
    [FLUJO_CK_COST_TOTAL] = {"cost_per_case_total", N_("cost per case (staff paid)"),
                             N_("the cost per case"), "cost", false, false},
    [FLUJO_CK_PART + FLUJO_PART_WAIT_PERFORMER] = {"wait_performer",
                                                   N_("waiting for a free performer (h)"),
                                                   N_("the waiting for a free performer"),
                                                   "wait_performer", false, false},
    [FLUJO_CK_PART + FLUJO_PART_WAIT_HOURS] = {"wait_hours", N_("waiting for the units' hours (h)"),
                                               N_("the waiting for the units' hours"), "wait_hours",
                                               false, false},
    [FLUJO_CK_PART +
        FLUJO_PART_WORK] = {"work", N_("work (h)"), N_("the work"), "work", false, false},
    [FLUJO_CK_PART + FLUJO_PART_WORK_PAUSED] = {"work_paused",
                                                N_("work paused by closed hours (h)"),
                                                N_("the work paused by closed hours"),
                                                "work_paused", false, false},
    [FLUJO_CK_PART + FLUJO_PART_DELAY] = {"delay", N_("timers and fixed delays (h)"),
                                          N_("the timers and fixed delays"), "delay", false, false},
    [FLUJO_CK_PART + FLUJO_PART_ADMINISTRADO] = {"administrado", N_("with the administrado (h)"),
                                                 N_("the time with the administrado"),
                                                 "administrado", false, false},
    [FLUJO_CK_PART + FLUJO_PART_SYNC] = {"sync", N_("waiting at joins (h)"),
                                         N_("the waiting at joins"), "sync", false, false},
    [FLUJO_CK_PART + FLUJO_PART_OTHER] = {"other", N_("other time (h)"), N_("the other time"),
                                          "other", false, false},
};

const char *flujo_ckpi_key(flujo_ckpi_t k)
{
    return ckpi[k].key;
}

const char *flujo_ckpi_label(flujo_ckpi_t k)
{
    return ckpi[k].label;
}

const char *flujo_ckpi_words(flujo_ckpi_t k)
{
    return ckpi[k].words;
}

const char *flujo_ckpi_weight_key(flujo_ckpi_t k)
{
    return ckpi[k].weight;
}

bool flujo_ckpi_is_share(flujo_ckpi_t k)
{
    return ckpi[k].share;
}

bool flujo_ckpi_higher_is_better(flujo_ckpi_t k)
{
    return ckpi[k].higher;
}

double flujo_ckpi_rep(const flujo_rep_t *rep, const flujo_scenario_t *s, flujo_ckpi_t k)
{
    switch (k) {
    case FLUJO_CK_CYCLE_H:
        return rep->cycle_h;
    case FLUJO_CK_CYCLE_H_P90:
        return flujo_hist_quantile(rep->hist_h, 0.9);
    case FLUJO_CK_CYCLE_BD:
        return rep->cycle_bd;
    case FLUJO_CK_CYCLE_BD_P90:
        return flujo_hist_quantile(rep->hist_bd, 0.9);
    case FLUJO_CK_WITHIN:
        return rep->within;
    case FLUJO_CK_SILENCED:
        return rep->silenced;
    case FLUJO_CK_COST:
        return rep->cost;
    case FLUJO_CK_HANDOFFS:
        return rep->handoffs;
    case FLUJO_CK_STAFF_COST:
        return rep->staff_cost_week;
    case FLUJO_CK_COST_TOTAL:
        return rep->cost_total;
    case FLUJO_CK_WAITING_SHARE:
        /* the queues on the critical path, so that parallel branches never make it above 1 */
        return rep->cycle_h > 0 ? (rep->cycle_parts_h[FLUJO_PART_WAIT_PERFORMER] +
                                   rep->cycle_parts_h[FLUJO_PART_WAIT_HOURS]) /
                                      rep->cycle_h
                                : NAN;
    case FLUJO_CK_BUSIEST_UTIL: {
        double best = NAN;
        for (size_t p = 0; p < s->n_pools; p++) {
            double u = rep->pool_util[p];
            if (!isnan(u) && !(u <= best)) {
                best = u;
            }
        }
        return best;
    }
    default:
        if (k >= FLUJO_CK_PART && k < FLUJO_CK_N) {
            return rep->cycle_parts_h[k - FLUJO_CK_PART];
        }
        break;
    }
    return NAN;
}

void flujo_compare_default_weights(double *w)
{
    memset(w, 0, FLUJO_CK_N * sizeof(*w));
    w[FLUJO_CK_CYCLE_H] = 0.5;
    w[FLUJO_CK_WITHIN] = 0.3;
    w[FLUJO_CK_COST_TOTAL] = 0.2;
}

flujo_status_t flujo_compare_parse_weights(const char *text, double *w, flujo_err_t *err)
{
    memset(w, 0, FLUJO_CK_N * sizeof(*w));
    char *copy = flujo_xstrdup(text);
    flujo_status_t st = FLUJO_OK;
    bool any = false;
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item != NULL && st == FLUJO_OK;
         item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        char *key = flujo_strdup_squeeze(item);
        if (eq != NULL) {
            key[strcspn(key, "= ")] = '\0';
        }
        int k = -1;
        for (int i = 0; i < FLUJO_CK_N && k < 0; i++) {
            k = strcmp(key, ckpi[i].weight) == 0 ? i : -1;
        }
        char *end = NULL;
        double v = eq != NULL ? strtod(eq + 1, &end) : NAN;
        while (end != NULL && *end == ' ') {
            end++;
        }
        if (k < 0) {
            flujo_sbuf_t keys;
            flujo_sbuf_init(&keys);
            for (int i = 0; i < FLUJO_CK_N; i++) {
                flujo_sbuf_printf(&keys, "%s%s", i > 0 ? ", " : "", ckpi[i].weight);
            }
            st = flujo_err_set(err, FLUJO_EUSAGE, "--weights: unknown KPI '%s' (use %s)", key,
                               keys.s);
            flujo_sbuf_destroy(&keys);
        } else if (eq == NULL || end == eq + 1 || *end != '\0' || !(v >= 0) || !isfinite(v)) {
            st = flujo_err_set(err, FLUJO_EUSAGE,
                               "--weights: '%s' needs a weight from 0, as in %s=0.5", key, key);
        } else {
            w[k] = v;
            any = any || v > 0;
        }
        free(key);
    }
    free(copy);
    if (st == FLUJO_OK && !any) {
        st = flujo_err_set(err, FLUJO_EUSAGE,
                           "--weights: give at least one positive weight (cycle=0.5,sla=0.3,...)");
    }
    return st;
}

/* The paired difference alt - base of KPI k over the finished replications. */
static flujo_delta_t paired(const flujo_results_t *base, const flujo_results_t *alt, flujo_ckpi_t k,
                            double base_mean)
{
    flujo_delta_t d = {0};
    d.rel = d.rel_lo = d.rel_hi = NAN;
    double *x = flujo_xcalloc((size_t)base->n_reps + 1, sizeof(double));
    size_t n = 0;
    bool all = true;
    for (long i = 0; i < base->n_reps; i++) {
        const flujo_rep_t *a = &base->reps[i], *b = &alt->reps[i];
        if (a->replication <= 0 || b->replication <= 0) {
            continue;
        }
        double va = flujo_ckpi_rep(a, base->s, k), vb = flujo_ckpi_rep(b, alt->s, k);
        if (isnan(va) || isnan(vb)) {
            all = false;
            continue;
        }
        x[n++] = vb - va;
    }
    if (all && n >= 2) {
        flujo_estimate_t e = flujo_estimate(x, n, 1);
        d.defined = true;
        d.mean = e.mean;
        d.lo = e.lo;
        d.hi = e.hi;
        d.significant = e.lo > 0 || e.hi < 0;
        if (!ckpi[k].share && base_mean != 0 && isfinite(base_mean)) {
            d.rel = e.mean / base_mean;
            d.rel_lo = e.lo / base_mean;
            d.rel_hi = e.hi / base_mean;
        }
        double change = ckpi[k].share ? e.mean : d.rel;
        if (d.significant && isfinite(change)) {
            d.gain = ckpi[k].higher ? change : -change;
        }
    }
    free(x);
    return d;
}

flujo_status_t flujo_compare(const flujo_results_t *const *res, size_t n, const double *weights,
                             flujo_comparison_t *out, flujo_err_t *err)
{
    memset(out, 0, sizeof(*out));
    if (n == 0) {
        return flujo_err_set(err, FLUJO_EUSAGE, "nothing to compare");
    }
    for (size_t i = 1; i < n; i++) {
        if (res[i]->s->seed != res[0]->s->seed || res[i]->n_reps != res[0]->n_reps ||
            res[i]->n_done != res[0]->n_done) {
            return flujo_err_set(err, FLUJO_EUSAGE,
                                 "%s: compared scenarios must run the same seed and replications "
                                 "as the baseline %s",
                                 res[i]->s->file, res[0]->s->file);
        }
    }
    memcpy(out->weights, weights, sizeof(out->weights));
    out->n = n;
    out->s = flujo_xcalloc(n, sizeof(*out->s));
    for (size_t i = 0; i < n; i++) {
        flujo_compared_t *c = &out->s[i];
        c->r = res[i];
        for (int k = 0; k < FLUJO_CK_N; k++) {
            double *x = flujo_xcalloc((size_t)res[i]->n_reps + 1, sizeof(double));
            size_t m = 0;
            for (long r = 0; r < res[i]->n_reps; r++) {
                if (res[i]->reps[r].replication > 0) {
                    x[m++] = flujo_ckpi_rep(&res[i]->reps[r], res[i]->s, (flujo_ckpi_t)k);
                }
            }
            c->kpi[k] = flujo_estimate(x, m, 1);
            if (ckpi[k].share) {
                c->kpi[k].lo = c->kpi[k].lo < 0 ? 0 : c->kpi[k].lo;
                c->kpi[k].hi = c->kpi[k].hi > 1 ? 1 : c->kpi[k].hi;
            }
            free(x);
        }
    }
    for (size_t i = 0; i < n; i++) {
        flujo_compared_t *c = &out->s[i];
        c->score = 0;
        for (int k = 0; k < FLUJO_CK_N; k++) {
            c->delta[k] = paired(res[0], res[i], (flujo_ckpi_t)k, out->s[0].kpi[k].mean);
            c->score += 100 * weights[k] * c->delta[k].gain;
        }
    }
    /* rank: 1 + the scenarios scoring higher, or equal and given earlier; a stress test (not the
     * baseline) is not ranked */
    for (size_t i = 0; i < n; i++) {
        out->s[i].tied = -1;
        out->s[i].rank = 0;
        if (i > 0 && res[i]->s->stress) {
            continue;
        }
        int rank = 1;
        for (size_t j = 0; j < n; j++) {
            double si = out->s[i].score, sj = out->s[j].score;
            bool ranked = j == 0 || !res[j]->s->stress;
            rank += ranked && (sj > si || (sj == si && j < i));
        }
        out->s[i].rank = rank;
    }
    /* a tie: an alternative no weighted KPI tells apart from the one ranked just above it, by
     * their paired differences (they ran on the same random numbers) */
    for (size_t i = 1; i < n; i++) {
        for (size_t j = 1; j < n; j++) {
            if (out->s[i].rank == 0 || out->s[j].rank != out->s[i].rank - 1) {
                continue;
            }
            bool differ = false;
            for (int k = 0; k < FLUJO_CK_N && !differ; k++) {
                differ = weights[k] > 0 &&
                         paired(res[j], res[i], (flujo_ckpi_t)k, out->s[j].kpi[k].mean).significant;
            }
            out->s[i].tied = differ ? -1 : (long)j;
        }
    }
    return FLUJO_OK;
}

void flujo_comparison_free(flujo_comparison_t *c)
{
    free(c->s);
    memset(c, 0, sizeof(*c));
}
