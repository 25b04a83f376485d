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

/* The pool named `name`, or -1. */
static int64_t find_pool(const flujo_scenario_t *s, const char *name)
{
    for (size_t i = 0; i < s->n_pools; i++) {
        if (strcmp(s->pools[i].name, name) == 0) {
            return (int64_t)i;
        }
    }
    return -1;
}

/* The pool named `name` that --vary can vary (*p), or FLUJO_EUSAGE: none, or an unlimited one. */
static flujo_status_t vary_pool(const flujo_scenario_t *s, const char *name, int64_t *p,
                                flujo_err_t *err)
{
    *p = find_pool(s, name);
    if (*p < 0) {
        return flujo_err_set(err, FLUJO_EUSAGE, "--vary: the scenario has no pool '%s'", name);
    }
    if (s->pools[*p].unlimited) {
        return flujo_err_set(err, FLUJO_EUSAGE, "--vary: '%s' is unlimited", name);
    }
    return FLUJO_OK;
}

/* One calendar item, "calendar:POOL=NAME,NAME...", whose names are in names (comma-separated). */
static flujo_status_t parse_calendars(const flujo_scenario_t *s, const char *item, flujo_vary_t *v,
                                      flujo_err_t *err)
{
    const char *eq = strchr(item, '=');
    if (eq == NULL) {
        return flujo_err_set(err, FLUJO_EUSAGE,
                             "--vary '%s': expected calendar:POOL=CALENDAR,CALENDAR..., as in "
                             "calendar:Gerencia=firma_1600,firma_1100",
                             item);
    }
    char *pool = flujo_xstrndup(item + 9, (size_t)(eq - item - 9));
    char *name = flujo_strdup_squeeze(pool);
    free(pool);
    int64_t p;
    flujo_status_t st = vary_pool(s, name, &p, err);
    free(name);
    v->pool = (size_t)p;
    char *list = flujo_xstrdup(eq + 1);
    size_t cap = 0;
    for (char *save = NULL, *c = strtok_r(list, ",", &save); c != NULL && st == FLUJO_OK;
         c = strtok_r(NULL, ",", &save)) {
        char *cal = flujo_strdup_squeeze(c);
        int k = -1;
        for (size_t i = 0; i < s->n_calendars && k < 0; i++) {
            k = strcmp(flujo_calendar_name(s->calendars[i]), cal) == 0 ? (int)i : -1;
        }
        if (k < 0) {
            st = flujo_err_set(err, FLUJO_EUSAGE, "--vary: the scenario has no calendar '%s'", cal);
        } else {
            flujo_grow((void **)&v->calendars, &cap, v->n_calendars + 1, sizeof(*v->calendars));
            v->calendars[v->n_calendars++] = k;
        }
        free(cal);
    }
    free(list);
    v->lo = 0;
    v->hi = (long)v->n_calendars - 1;
    if (st == FLUJO_OK && v->n_calendars == 0) {
        st = flujo_err_set(err, FLUJO_EUSAGE, "--vary '%s': name at least one calendar", item);
    }
    return st;
}

/* One count item, "POOL:FROM..TO". */
static flujo_status_t parse_count(const flujo_scenario_t *s, char *item, flujo_vary_t *v,
                                  flujo_err_t *err)
{
    char *colon = strrchr(item, ':');
    char *range = colon != NULL ? colon + 1 : NULL;
    char *dots = range != NULL ? strstr(range, "..") : NULL;
    if (colon == NULL || dots == NULL) {
        return flujo_err_set(err, FLUJO_EUSAGE,
                             "--vary '%s': expected POOL:FROM..TO, as in Inspectores:1..6", item);
    }
    *colon = '\0';
    *dots = '\0';
    char *name = flujo_strdup_squeeze(item);
    double a, b;
    int64_t p;
    flujo_status_t st = vary_pool(s, name, &p, err);
    bool whole = st == FLUJO_OK && flujo_parse_number(range, &a) &&
                 flujo_parse_number(dots + 2, &b) && a == floor(a) && b == floor(b) && a >= 1 &&
                 b >= a && b <= 1000;
    if (st == FLUJO_OK && !whole) {
        st = flujo_err_set(err, FLUJO_EUSAGE,
                           "--vary: '%s' needs whole numbers 1 <= FROM <= TO <= 1000", name);
    } else if (st == FLUJO_OK) {
        *v = (flujo_vary_t){(size_t)p, (long)a, (long)b, NULL, 0};
    }
    free(name);
    return st;
}

flujo_status_t flujo_vary_parse(const flujo_scenario_t *s, const char *text, flujo_vary_t **out,
                                size_t *n, flujo_err_t *err)
{
    *out = NULL;
    *n = 0;
    /* items are split at commas, but a calendar item's list of names runs on to the next piece
     * that has a ':' */
    char *copy = flujo_xstrdup(text);
    flujo_vary_t *v = flujo_xcalloc(2 * s->n_pools + 1, sizeof(*v));
    size_t nv = 0;
    flujo_status_t st = FLUJO_OK;
    flujo_sbuf_t item;
    flujo_sbuf_init(&item);
    char *save = NULL, *piece = strtok_r(copy, ",", &save);
    while (piece != NULL && st == FLUJO_OK) {
        flujo_sbuf_add(&item, piece);
        piece = strtok_r(NULL, ",", &save);
        bool calendar = strncmp(item.s, "calendar:", 9) == 0;
        while (calendar && piece != NULL && strchr(piece, ':') == NULL) {
            flujo_sbuf_printf(&item, ",%s", piece);
            piece = strtok_r(NULL, ",", &save);
        }
        flujo_vary_t one = {0};
        st = calendar ? parse_calendars(s, item.s, &one, err) : parse_count(s, item.s, &one, err);
        for (size_t i = 0; i < nv && st == FLUJO_OK; i++) {
            if (v[i].pool == one.pool && (v[i].n_calendars > 0) == (one.n_calendars > 0)) {
                st = flujo_err_set(err, FLUJO_EUSAGE, "--vary: '%s' is given twice",
                                   s->pools[one.pool].name);
            }
        }
        if (st == FLUJO_OK && nv < 2 * s->n_pools) {
            v[nv++] = one;
        } else {
            free(one.calendars);
        }
        flujo_sbuf_destroy(&item);
    }
    flujo_sbuf_destroy(&item);
    free(copy);
    if (st == FLUJO_OK && nv == 0) {
        st = flujo_err_set(err, FLUJO_EUSAGE, "--vary: name at least one pool");
    }
    if (st != FLUJO_OK) {
        flujo_vary_free(v, nv);
        return st;
    }
    *out = v;
    *n = nv;
    return FLUJO_OK;
}

void flujo_vary_free(flujo_vary_t *v, size_t n)
{
    for (size_t i = 0; v != NULL && i < n; i++) {
        free(v[i].calendars);
    }
    free(v);
}

/* a has at least the performers of b in every varied pool, and the same calendars. */
static bool covers(const long *a, const long *b, const flujo_vary_t *vary, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (vary[i].n_calendars > 0 ? a[i] != b[i] : a[i] < b[i]) {
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

/* The scenario's pools as they were, to try staffings on it and put it back. */
typedef struct saved {
    long *count;
    int *calendar;
    double *paid;
} saved_t;

static void save(const flujo_scenario_t *s, saved_t *sv)
{
    sv->count = flujo_xcalloc(s->n_pools + 1, sizeof(long));
    sv->calendar = flujo_xcalloc(s->n_pools + 1, sizeof(int));
    sv->paid = flujo_xcalloc(s->n_pools + 1, sizeof(double));
    for (size_t p = 0; p < s->n_pools; p++) {
        sv->count[p] = s->pools[p].count;
        sv->calendar[p] = s->pools[p].calendar;
        sv->paid[p] = s->pools[p].paid_hours_per_week;
    }
}

static void restore(flujo_scenario_t *s, saved_t *sv)
{
    for (size_t p = 0; p < s->n_pools; p++) {
        s->pools[p].count = sv->count[p];
        s->pools[p].calendar = sv->calendar[p];
        s->pools[p].paid_hours_per_week = sv->paid[p];
    }
    free(sv->count);
    free(sv->calendar);
    free(sv->paid);
}

/* Puts staffing c on the scenario: the performers of count items, the calendars of calendar items
 * (and, unless the scenario gives them, the paid hours that follow a calendar). */
static void apply(flujo_scenario_t *s, const flujo_vary_t *vary, size_t n_vary, const long *c)
{
    for (size_t i = 0; i < n_vary; i++) {
        flujo_pool_t *pool = &s->pools[vary[i].pool];
        if (vary[i].n_calendars == 0) {
            pool->count = c[i];
            continue;
        }
        pool->calendar = vary[i].calendars[c[i]];
        if (!pool->paid_hours_given) {
            pool->paid_hours_per_week =
                flujo_calendar_week_open(s->calendars[pool->calendar]) / 3600;
        }
    }
}

/* Every candidate's staffing, cost and highest utilisation (the capacity check of each, which
 * counts the open hours of the calendars it uses). */
static flujo_status_t enumerate(flujo_scenario_t *s, const flujo_vary_t *vary, size_t n_vary,
                                size_t total, bool any_cost, flujo_optimum_t *out, flujo_err_t *err)
{
    flujo_status_t st = FLUJO_OK;
    for (size_t k = 0; k < total && st == FLUJO_OK; k++) {
        flujo_candidate_t *c = &out->c[k];
        c->count = flujo_xcalloc(n_vary + 1, sizeof(long));
        c->index = k;
        size_t rest = k;
        for (size_t i = n_vary; i-- > 0;) {
            size_t span = (size_t)(vary[i].hi - vary[i].lo + 1);
            c->count[i] = vary[i].lo + (long)(rest % span);
            rest /= span;
        }
        saved_t sv;
        save(s, &sv);
        apply(s, vary, n_vary, c->count);
        flujo_capacity_t cap;
        st = flujo_scenario_capacity(s, &cap, err);
        if (st == FLUJO_OK) {
            for (size_t p = 0; p < s->n_pools; p++) {
                const flujo_pool_t *pool = &s->pools[p];
                if (pool->unlimited) {
                    continue;
                }
                c->max_rho = cap.rho[p] > c->max_rho ? cap.rho[p] : c->max_rho;
                c->cost +=
                    any_cost ? flujo_scenario_staff_cost_per_week(s, p) : (double)pool->count;
            }
            flujo_capacity_destroy(&cap);
        }
        restore(s, &sv);
        c->state = c->max_rho >= 1 ? FLUJO_CAND_OVERLOADED : FLUJO_CAND_WORSE;
        c->kpi.mean = c->kpi.lo = c->kpi.hi = NAN;
    }
    return st;
}

/* Whether a staffing already run rules candidate k out: one that met the target with no more of
 * everything (k only costs more), or one that missed it with at least as much (k misses too). */
static bool pruned(flujo_optimum_t *out, size_t k, const flujo_vary_t *vary, size_t n_vary)
{
    flujo_candidate_t *c = &out->c[k];
    for (size_t j = 0; j < k; j++) {
        const flujo_candidate_t *d = &out->c[j];
        if (d->state != FLUJO_CAND_RUN) {
            continue;
        }
        if (d->meets && covers(c->count, d->count, vary, n_vary)) {
            c->state = FLUJO_CAND_COSTLIER;
            return true;
        }
        if (!d->meets && covers(d->count, c->count, vary, n_vary)) {
            c->state = FLUJO_CAND_WORSE;
            return true;
        }
    }
    return false;
}

/* Simulates candidate k and says whether its KPI meets the target with confidence. */
static flujo_status_t try_one(flujo_scenario_t *s, const flujo_vary_t *vary, size_t n_vary,
                              const flujo_target_t *target, const flujo_experiment_opts_t *o,
                              flujo_candidate_t *c, flujo_err_t *err)
{
    saved_t sv;
    save(s, &sv);
    apply(s, vary, n_vary, c->count);
    flujo_results_t *r = NULL;
    flujo_status_t st = flujo_experiment_run(s, o, &r, err);
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
    }
    flujo_results_free(r);
    restore(s, &sv);
    return st;
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
    bool any_cost = false;
    for (size_t p = 0; p < s->n_pools; p++) {
        any_cost = any_cost || (!s->pools[p].unlimited && s->pools[p].cost_per_hour > 0);
    }
    out->cost_is_count = !any_cost;
    out->c = flujo_xcalloc(total, sizeof(*out->c));
    out->n = total;
    flujo_status_t st = enumerate(s, vary, n_vary, total, any_cost, out, err);
    if (st == FLUJO_OK) {
        qsort(out->c, total, sizeof(*out->c), cmp_cand);
    }
    for (size_t k = 0; k < total && st == FLUJO_OK; k++) {
        flujo_candidate_t *c = &out->c[k];
        if (c->state == FLUJO_CAND_OVERLOADED || pruned(out, k, vary, n_vary)) {
            continue;
        }
        st = try_one(s, vary, n_vary, target, o, c, err);
        if (st == FLUJO_OK) {
            out->runs++;
            if (c->meets && out->best < 0) {
                out->best = (int64_t)k;
            }
        }
    }
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
