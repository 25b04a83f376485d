/* optimize.c - the cheapest staffing that meets a target.
 *
 * Every combination of the varied pools' performers is a candidate. The capacity check (an open
 * Jackson network: utilisation = arrival rate × work per case / capacity) is exact about which
 * staffings cannot keep up, so those are never simulated. The others are simulated cheapest
 * first; two orderings of staffings prune further, on the assumption that more performers never
 * make a KPI worse: a staffing with no more performers in any pool than one that missed the
 * target misses it too, and one with at least the performers of one that met it only costs more.
 * A staffing meets the target when its whole 95% interval is on the target's side, so the answer
 * holds with statistical confidence, not by luck of the mean. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_optimize.h"

#define MAX_CANDIDATES 10000

flujo_status_t flujo_target_parse(const char *text, flujo_target_t *out, flujo_err_t *err)
{
    const char *op = strstr(text, ">=");
    bool ge = op != NULL;
    if (op == NULL) {
        op = strstr(text, "<=");
    }
    if (op == NULL) {
        return flujo_err_set(err, FLUJO_EUSAGE,
                             "--target '%s': expected KPI>=VALUE or KPI<=VALUE, as in "
                             "sla.within>=0.95",
                             text);
    }
    char *key = flujo_xstrndup(text, (size_t)(op - text));
    char *sq = flujo_strdup_squeeze(key);
    free(key);
    const char *name = strncmp(sq, "sla.", 4) == 0 ? sq + 4 : sq;
    int k = -1;
    for (int i = 0; i < FLUJO_CK_N && k < 0; i++) {
        k = strcmp(name, flujo_ckpi_key((flujo_ckpi_t)i)) == 0 ? i : -1;
    }
    char *vtext = flujo_strdup_squeeze(op + 2);
    size_t vn = strlen(vtext);
    bool percent = vn > 0 && vtext[vn - 1] == '%';
    if (percent) {
        vtext[vn - 1] = '\0';
    }
    double v;
    flujo_status_t st = FLUJO_OK;
    if (k < 0) {
        flujo_sbuf_t keys;
        flujo_sbuf_init(&keys);
        for (int i = 0; i < FLUJO_CK_N; i++) {
            flujo_sbuf_printf(&keys, "%s%s", i ? ", " : "", flujo_ckpi_key((flujo_ckpi_t)i));
        }
        st = flujo_err_set(err, FLUJO_EUSAGE, "--target: unknown KPI '%s' (use %s)", sq, keys.s);
        flujo_sbuf_destroy(&keys);
    } else if (!flujo_parse_number(vtext, &v)) {
        st = flujo_err_set(err, FLUJO_EUSAGE, "--target: '%s' is not a number", op + 2);
    } else {
        v = percent ? v / 100 : v;
        if (flujo_ckpi_is_share((flujo_ckpi_t)k) && (v < 0 || v > 1)) {
            st = flujo_err_set(err, FLUJO_EUSAGE,
                               "--target: %s is a share: give it from 0 to 1, or in percent", name);
        } else {
            out->kpi = (flujo_ckpi_t)k;
            out->at_least = ge;
            out->value = v;
        }
    }
    free(vtext);
    free(sq);
    return st;
}

flujo_status_t flujo_vary_parse(const flujo_scenario_t *s, const char *text, flujo_vary_t **out,
                                size_t *n, flujo_err_t *err)
{
    *out = NULL;
    *n = 0;
    char *copy = flujo_xstrdup(text);
    flujo_vary_t *v = flujo_xcalloc(s->n_pools + 1, sizeof(*v));
    size_t nv = 0;
    flujo_status_t st = FLUJO_OK;
    for (char *save = NULL, *item = strtok_r(copy, ",", &save); item != NULL && st == FLUJO_OK;
         item = strtok_r(NULL, ",", &save)) {
        char *colon = strrchr(item, ':');
        char *range = colon != NULL ? colon + 1 : NULL;
        char *dots = range != NULL ? strstr(range, "..") : NULL;
        if (colon == NULL || dots == NULL) {
            st = flujo_err_set(err, FLUJO_EUSAGE,
                               "--vary '%s': expected POOL:FROM..TO, as in Inspectores:1..6", item);
            break;
        }
        *colon = '\0';
        *dots = '\0';
        char *name = flujo_strdup_squeeze(item);
        long lo = 0, hi = 0;
        double a, b;
        int64_t p = -1;
        for (size_t i = 0; i < s->n_pools && p < 0; i++) {
            p = strcmp(s->pools[i].name, name) == 0 ? (int64_t)i : -1;
        }
        if (p < 0) {
            st = flujo_err_set(err, FLUJO_EUSAGE, "--vary: the scenario has no pool '%s'", name);
        } else if (s->pools[p].unlimited) {
            st = flujo_err_set(err, FLUJO_EUSAGE, "--vary: '%s' is unlimited", name);
        } else if (!flujo_parse_number(range, &a) || !flujo_parse_number(dots + 2, &b) ||
                   a != floor(a) || b != floor(b) || a < 1 || b < a || b > 1000) {
            st = flujo_err_set(err, FLUJO_EUSAGE,
                               "--vary: '%s' needs whole numbers 1 <= FROM <= TO <= 1000", name);
        } else {
            lo = (long)a;
            hi = (long)b;
            for (size_t i = 0; i < nv; i++) {
                if (v[i].pool == (size_t)p) {
                    st = flujo_err_set(err, FLUJO_EUSAGE, "--vary: '%s' is given twice", name);
                }
            }
            if (st == FLUJO_OK) {
                v[nv++] = (flujo_vary_t){(size_t)p, lo, hi};
            }
        }
        free(name);
    }
    free(copy);
    if (st == FLUJO_OK && nv == 0) {
        st = flujo_err_set(err, FLUJO_EUSAGE, "--vary: name at least one pool");
    }
    if (st != FLUJO_OK) {
        free(v);
        return st;
    }
    *out = v;
    *n = nv;
    return FLUJO_OK;
}

/* a has at least the performers of b in every varied pool. */
static bool covers(const long *a, const long *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] < b[i]) {
            return false;
        }
    }
    return true;
}

static int cmp_cand(const void *pa, const void *pb)
{
    const flujo_candidate_t *a = pa, *b = pb;
    if (a->cost != b->cost) {
        return a->cost < b->cost ? -1 : 1;
    }
    return a->index < b->index ? -1 : a->index > b->index;
}

flujo_status_t flujo_optimize(flujo_scenario_t *s, const flujo_vary_t *vary, size_t n_vary,
                              const flujo_target_t *target, const flujo_experiment_opts_t *o,
                              flujo_optimum_t *out, flujo_err_t *err)
{
    memset(out, 0, sizeof(*out));
    out->best = -1;
    if ((target->kpi == FLUJO_CK_WITHIN || target->kpi == FLUJO_CK_SILENCED) && !s->sla.set) {
        return flujo_err_set(err, FLUJO_EUSAGE,
                             "--target: %s needs a legal deadline, and %s has no sla: section",
                             flujo_ckpi_key(target->kpi), s->file);
    }
    size_t total = 1;
    for (size_t i = 0; i < n_vary; i++) {
        total *= (size_t)(vary[i].hi - vary[i].lo + 1);
        if (total > MAX_CANDIDATES) {
            return flujo_err_set(err, FLUJO_ELIMIT,
                                 "--vary: more than %d staffings to try; narrow the ranges",
                                 MAX_CANDIDATES);
        }
    }
    flujo_capacity_t cap;
    flujo_status_t st = flujo_scenario_capacity(s, &cap, err);
    if (st != FLUJO_OK) {
        return st;
    }
    long *saved = flujo_xcalloc(s->n_pools + 1, sizeof(long));
    bool any_cost = false;
    for (size_t p = 0; p < s->n_pools; p++) {
        saved[p] = s->pools[p].count;
        any_cost = any_cost || (!s->pools[p].unlimited && s->pools[p].cost_per_hour > 0);
    }
    out->cost_is_count = !any_cost;
    out->c = flujo_xcalloc(total, sizeof(*out->c));
    out->n = total;
    for (size_t k = 0; k < total; k++) {
        flujo_candidate_t *c = &out->c[k];
        c->count = flujo_xcalloc(n_vary + 1, sizeof(long));
        c->index = k;
        size_t rest = k;
        for (size_t i = n_vary; i-- > 0;) {
            size_t span = (size_t)(vary[i].hi - vary[i].lo + 1);
            c->count[i] = vary[i].lo + (long)(rest % span);
            rest /= span;
        }
        /* utilisation scales with 1/performers; cost over every limited pool */
        for (size_t p = 0; p < s->n_pools; p++) {
            const flujo_pool_t *pool = &s->pools[p];
            if (pool->unlimited) {
                continue;
            }
            long count = pool->count;
            for (size_t i = 0; i < n_vary; i++) {
                count = vary[i].pool == p ? c->count[i] : count;
            }
            double rho = cap.rho[p] * (double)pool->count / (double)count;
            c->max_rho = rho > c->max_rho ? rho : c->max_rho;
            double hours = flujo_calendar_week_open(s->calendars[pool->calendar]) / 3600;
            c->cost += any_cost ? (double)count * pool->cost_per_hour * hours : (double)count;
        }
        c->state = c->max_rho >= 1 ? FLUJO_CAND_OVERLOADED : FLUJO_CAND_WORSE;
        c->kpi.mean = c->kpi.lo = c->kpi.hi = NAN;
    }
    flujo_capacity_destroy(&cap);
    qsort(out->c, total, sizeof(*out->c), cmp_cand);
    for (size_t k = 0; k < total && st == FLUJO_OK; k++) {
        flujo_candidate_t *c = &out->c[k];
        if (c->state == FLUJO_CAND_OVERLOADED) {
            continue;
        }
        bool skip = false;
        for (size_t j = 0; j < k && !skip; j++) {
            const flujo_candidate_t *d = &out->c[j];
            if (d->state != FLUJO_CAND_RUN) {
                continue;
            }
            if (d->meets && covers(c->count, d->count, n_vary)) {
                c->state = FLUJO_CAND_COSTLIER;
                skip = true;
            } else if (!d->meets && covers(d->count, c->count, n_vary)) {
                c->state = FLUJO_CAND_WORSE;
                skip = true;
            }
        }
        if (skip) {
            continue;
        }
        for (size_t i = 0; i < n_vary; i++) {
            s->pools[vary[i].pool].count = c->count[i];
        }
        flujo_results_t *r = NULL;
        st = flujo_experiment_run(s, o, &r, err);
        if (st == FLUJO_OK) {
            double *x = flujo_xcalloc((size_t)r->n_reps + 1, sizeof(double));
            size_t m = 0;
            for (long i = 0; i < r->n_reps; i++) {
                x[m++] = flujo_ckpi_rep(&r->reps[i], s, target->kpi);
            }
            c->kpi = flujo_estimate(x, m, 1);
            free(x);
            c->state = FLUJO_CAND_RUN;
            c->meets = target->at_least ? c->kpi.lo >= target->value : c->kpi.hi <= target->value;
            out->runs++;
            if (c->meets && out->best < 0) {
                out->best = (int64_t)k;
            }
        }
        flujo_results_free(r);
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        s->pools[p].count = saved[p];
    }
    free(saved);
    if (st != FLUJO_OK) {
        flujo_optimum_free(out);
    }
    return st;
}

void flujo_optimum_free(flujo_optimum_t *o)
{
    for (size_t k = 0; k < o->n; k++) {
        free(o->c[k].count);
    }
    free(o->c);
    memset(o, 0, sizeof(*o));
}
