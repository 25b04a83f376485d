/* prosimos.c - Prosimos simulation parameters (the JSON that Prosimos reads beside a BPMN model,
 * and that Simod discovers from event logs) as a flujo scenario tree.
 *
 * What maps to what:
 *   resource_calendars[]        calendars (week intervals; from..to day ranges wrap past Sunday)
 *   resource_profiles[]         pools: resources with the same open hours, cost and durations for
 *     .resource_list[]          the same tasks are one pool, their amounts added; a task that
 *   task_resource_distribution  several pools can do lists them as alternatives, each with its
 *                               duration (the free one that was freed first takes the work)
 *   arrival_time_distribution   arrivals[0].interarrival, on the wall clock (clock: elapsed): an
 *   arrival_time_calendar       arrival in closed time waits for the calendar to open
 *   gateway_branching_...       gateway probabilities by flow id, normalised to add up to 1
 *   event_distribution          events' durations (elapsed time)
 *   case_attributes (discrete)  arrivals[0].attributes
 * Distributions (times in seconds; distribution_params is a list of {"value": x}; values after
 * the ones listed are ignored):
 *   fix [v]                     v
 *   expon [mean, min, max]      min + exponential(mean - min), drawn again above max
 *   norm [mean, sd, min, max]   normal(mean, sd) in [min, max]
 *   uniform [min, max]          uniform(min, max)
 *   lognorm [mean, var, min, max], gamma [mean, var, min, max]: of the duration itself, in bounds
 *   triang [c, loc, scale, min, max]: triangular(loc, loc + c scale, loc + scale) in bounds
 * Values outside [min, max] are drawn again; after 1000 failed draws the value is the mean if it
 * lies inside, else the middle of the interval (flujo_dist.h). Parameters written as plain
 * numbers, and the lists only that form has, are scipy's ([shape,] loc, scale, min, max: Prosimos
 * up to 1.2.5), and the older layout of the sections (maps keyed by id) is read too. Rejected,
 * naming the key:
 * prioritisation_rules, batch_processing, branch_rules, event_attributes, global_attributes,
 * fuzzy calendars (model_type FUZZY), continuous case attributes, histogram arrivals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flujo_dist.h"
#include "import/import_int.h"

typedef struct pres {
    const char *id, *name; /* borrowed from the JSON tree */
    const char *profile;   /* its profile's name (or id) */
    size_t profile_index;  /* which profile */
    double cost;           /* cost_per_hour */
    long amount;           /* performers */
    const char *calendar;  /* calendar id */
    long line;             /* where it is defined */
    bool used;             /* some task names it */
    int pool;              /* its pool (class) */
} pres_t;

typedef struct ptask {
    const char *id; /* task_id */
    long line;
    size_t n;    /* resources that can do it */
    size_t *res; /* their indices */
    char **dist; /* their durations, flujo text */
    long *lines; /* where each is given */
} ptask_t;

typedef struct ctx {
    const char *file;
    flujo_err_t *err;
    flujo_diags_t *notes;
    pres_t *res;
    size_t n_res, cap_res;
    ptask_t *tasks;
    size_t n_tasks;
    bool legacy;      /* a distribution was read as the scipy list of Prosimos <= 1.2.5 */
    char **cal_names; /* per resource_calendars entry: its flujo name */
    char **cal_sigs;  /* and its open hours as text (equal calendars, equal texts) */
    const char **cal_ids;
    size_t n_cals;
} ctx_t;

static const char *str(const flujo__ynode_t *n)
{
    return n != NULL && n->kind == FLUJO__Y_SCALAR ? n->value : NULL;
}

static flujo_status_t fail(ctx_t *c, const flujo__ynode_t *n, const char *path, const char *fmt,
                           ...) FLUJO_PRINTF(4, 5);

static flujo_status_t fail(ctx_t *c, const flujo__ynode_t *n, const char *path, const char *fmt,
                           ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return flujo__imp_fail(c->err, c->file, n != NULL ? n->line : 0, "%s: %s", path, msg);
}

/* A number written as a number or as a string ("12.5"). */
static bool number(const flujo__ynode_t *n, double *out)
{
    return str(n) != NULL && flujo_parse_number(n->value, out);
}

static flujo_status_t need_list(ctx_t *c, const flujo__ynode_t *n, const char *path)
{
    if (n == NULL || n->kind != FLUJO__Y_SEQ) {
        return fail(c, n, path, "expected a list");
    }
    return FLUJO_OK;
}

/* ---- distributions ------------------------------------------------------------------------- */

/* " in [lo, hi]" for the bounds that are given (a lone min bounds from below only). */
static void bounds(char *buf, size_t n, double lo, bool has_hi, double hi)
{
    char a[64], b[64];
    if (has_hi) {
        snprintf(buf, n, " in [%s, %s]", flujo__imp_seconds(lo, a, sizeof(a)),
                 flujo__imp_seconds(hi, b, sizeof(b)));
    } else if (lo > 0) {
        snprintf(buf, n, " in [%s, 1e300s]", flujo__imp_seconds(lo, a, sizeof(a)));
    } else {
        buf[0] = '\0';
    }
}

/* scipy's parameter lists (Prosimos up to 1.2.5, and its files converted from QBP): [shape,] loc,
 * scale[, min, max]; the value is loc plus the standard distribution scaled, drawn again outside
 * [min, max]. Here shape, loc and scale are read off p for family name. */
static flujo_status_t scipy_text(ctx_t *c, const flujo__ynode_t *d, const char *path,
                                 const char *name, const double *p, size_t np, char *buf, size_t n)
{
    char t1[64], t2[64], t3[64], term[200], bd[160];
    if (strcmp(name, "fix") == 0) {
        if (np < 1 || p[0] < 0) {
            return fail(c, d, path, "fix: needs a duration of at least 0");
        }
        flujo__imp_seconds(p[0], buf, n);
        return FLUJO_OK;
    }
    if (strcmp(name, "default") == 0) { /* U(p0, p1) */
        if (np < 2 || p[0] < 0 || p[1] < p[0]) {
            return fail(c, d, path, "default: needs 0 <= a <= b");
        }
        snprintf(buf, n, "uniform(%s, %s)", flujo__imp_seconds(p[0], t1, sizeof(t1)),
                 flujo__imp_seconds(p[1], t2, sizeof(t2)));
        return FLUJO_OK;
    }
    bool shaped =
        strcmp(name, "lognorm") == 0 || strcmp(name, "gamma") == 0 || strcmp(name, "triang") == 0;
    size_t o = shaped; /* where loc is */
    if (np < o + 2) {
        return fail(c, d, path, "%s: needs %s loc and scale", name, shaped ? "shape," : "");
    }
    double sh = shaped ? p[0] : 0, loc = p[o], scale = p[o + 1];
    bool bounded = np >= o + 4;
    double lo = bounded ? p[o + 2] : 0, hi = bounded ? p[o + 3] : 0;
    if (!(scale > 0) || (shaped && !(sh > 0)) || (bounded && hi < lo)) {
        return fail(c, d, path, "%s: needs scale > 0%s%s", name, shaped ? ", shape > 0" : "",
                    bounded ? " and min <= max" : "");
    }
    if (strcmp(name, "norm") == 0) {
        /* loc and scale are the mean and the sd: the value itself is bounded */
        snprintf(term, sizeof(term), "normal(%s, %s)", flujo__imp_seconds(loc, t1, sizeof(t1)),
                 flujo__imp_seconds(scale, t2, sizeof(t2)));
        loc = 0;
    } else if (strcmp(name, "expon") == 0) {
        snprintf(term, sizeof(term), "exponential(%s)", flujo__imp_seconds(scale, t1, sizeof(t1)));
    } else if (strcmp(name, "uniform") == 0) {
        snprintf(term, sizeof(term), "uniform(0s, %s)", flujo__imp_seconds(scale, t1, sizeof(t1)));
    } else if (strcmp(name, "triang") == 0) {
        snprintf(term, sizeof(term), "triangular(0s, %s, %s)",
                 flujo__imp_seconds(sh * scale, t1, sizeof(t1)),
                 flujo__imp_seconds(scale, t2, sizeof(t2)));
    } else if (strcmp(name, "lognorm") == 0 || strcmp(name, "gamma") == 0) {
        bool lg = strcmp(name, "lognorm") == 0;
        double m = lg ? scale * exp(sh * sh / 2) : sh * scale;
        double sd = lg ? m * sqrt(exp(sh * sh) - 1) : sqrt(sh) * scale;
        snprintf(term, sizeof(term), "%s(%s, %s)", lg ? "lognormal" : "gamma",
                 flujo__imp_seconds(m, t1, sizeof(t1)), flujo__imp_seconds(sd, t2, sizeof(t2)));
    } else {
        return fail(c, d, path,
                    "unknown distribution '%s' (Prosimos names: fix, expon, norm, uniform, "
                    "lognorm, gamma, triang)",
                    name);
    }
    if (loc < 0) {
        return fail(c, d, path, "%s: loc %.17g is negative: a duration cannot be", name, loc);
    }
    /* bounds on the value are bounds on the term, loc taken off */
    bd[0] = '\0';
    if (bounded) {
        double tlo = lo - loc > 0 ? lo - loc : 0;
        if (hi - loc < tlo) {
            return fail(c, d, path, "%s: max %.17g leaves no room above loc %.17g", name, hi, loc);
        }
        snprintf(bd, sizeof(bd), " in [%s, %s]", flujo__imp_seconds(tlo, t1, sizeof(t1)),
                 flujo__imp_seconds(hi - loc, t2, sizeof(t2)));
    }
    if (loc > 0) {
        snprintf(buf, n, "%s + %s%s", flujo__imp_seconds(loc, t3, sizeof(t3)), term, bd);
    } else {
        snprintf(buf, n, "%s%s", term, bd);
    }
    return FLUJO_OK;
}

/* A Prosimos distribution ({distribution_name, distribution_params}) as flujo text. Parameters
 * given as {"value": x} follow the current Prosimos (see the top of this file), except the lists
 * only scipy's form has (expon and uniform with 4 values, lognorm and gamma with 5); plain
 * numbers are scipy's form. */
static flujo_status_t dist_text(ctx_t *c, const flujo__ynode_t *d, const char *path, char *buf,
                                size_t n)
{
    if (d == NULL || d->kind != FLUJO__Y_MAP) {
        return fail(c, d, path, "expected {distribution_name, distribution_params}");
    }
    const char *name = str(flujo__yaml_get(d, "distribution_name"));
    const flujo__ynode_t *params = flujo__yaml_get(d, "distribution_params");
    if (name == NULL) {
        return fail(c, d, path, "missing distribution_name");
    }
    if (strcmp(name, "histogram_sampling") == 0) {
        return fail(c, d, path,
                    "histogram_sampling is not supported: give a distribution (fix, expon, norm, "
                    "uniform, lognorm, gamma, triang)");
    }
    double p[8];
    size_t np = 0;
    bool plain = false;
    if (params != NULL && params->kind != FLUJO__Y_SEQ) {
        return fail(c, params, path, "distribution_params: expected a list of {\"value\": x}");
    }
    for (size_t i = 0; params != NULL && i < params->n && np < 8; i++) {
        const flujo__ynode_t *it = params->items[i];
        const flujo__ynode_t *v = it->kind == FLUJO__Y_MAP ? flujo__yaml_get(it, "value") : it;
        plain = plain || it->kind != FLUJO__Y_MAP;
        if (!number(v, &p[np])) {
            return fail(c, it, path, "distribution_params[%zu]: expected {\"value\": a number}",
                        i + 1);
        }
        np++;
    }
    bool is_exp = strcmp(name, "expon") == 0, is_uni = strcmp(name, "uniform") == 0;
    bool is_log = strcmp(name, "lognorm") == 0, is_gam = strcmp(name, "gamma") == 0;
    if (plain || (is_exp && np == 4) || (is_uni && np == 4) || ((is_log || is_gam) && np == 5) ||
        strcmp(name, "triang") == 0 || strcmp(name, "default") == 0) {
        c->legacy = c->legacy || (strcmp(name, "fix") != 0 && strcmp(name, "triang") != 0 &&
                                  strcmp(name, "default") != 0);
        return scipy_text(c, d, path, name, p, np, buf, n);
    }
    static const struct {
        const char *name;
        size_t need;
    } need[] = {{"fix", 1},     {"expon", 1},   {"norm", 2},
                {"uniform", 2}, {"lognorm", 2}, {"gamma", 2}};
    size_t k = 0;
    while (k < sizeof(need) / sizeof(need[0]) && strcmp(need[k].name, name) != 0) {
        k++;
    }
    if (k == sizeof(need) / sizeof(need[0])) {
        return fail(c, d, path,
                    "unknown distribution '%s' (Prosimos names: fix, expon, norm, uniform, "
                    "lognorm, gamma, triang)",
                    name);
    }
    if (np < need[k].need) {
        return fail(c, d, path, "%s needs %zu parameters, not %zu", name, need[k].need, np);
    }
    char t1[64], t2[64], bd[160];
    /* the optional [min, max] after the family's own parameters */
    size_t first_bound = is_exp ? 1 : 2;
    double lo = np > first_bound && p[first_bound] > 0 ? p[first_bound] : 0;
    bool has_hi = np > first_bound + 1;
    double hi = has_hi ? p[first_bound + 1] : 0;
    if (has_hi && hi < lo) {
        return fail(c, d, path, "%s: max %.17g is below min %.17g", name, hi, lo);
    }
    if (strcmp(name, "fix") == 0) {
        if (p[0] < 0) {
            return fail(c, d, path, "fix: a duration cannot be negative");
        }
        flujo__imp_seconds(p[0], buf, n);
    } else if (is_exp) {
        /* min + an exponential of mean (mean - min), drawn again above max */
        double scale = p[0] - lo > 0 ? p[0] - lo : p[0];
        if (!(scale > 0)) {
            return fail(c, d, path, "expon: the mean must be positive");
        }
        bounds(bd, sizeof(bd), 0, has_hi, hi - lo);
        if (lo > 0) {
            snprintf(buf, n, "%s + exponential(%s)%s", flujo__imp_seconds(lo, t1, sizeof(t1)),
                     flujo__imp_seconds(scale, t2, sizeof(t2)), bd);
        } else {
            snprintf(buf, n, "exponential(%s)%s", flujo__imp_seconds(scale, t2, sizeof(t2)), bd);
        }
    } else if (is_uni) {
        snprintf(buf, n, "uniform(%s, %s)", flujo__imp_seconds(p[0] > 0 ? p[0] : 0, t1, sizeof(t1)),
                 flujo__imp_seconds(p[1], t2, sizeof(t2)));
    } else {
        /* norm: [mean, sd]; lognorm and gamma: [mean, variance] of the duration itself */
        double sd = strcmp(name, "norm") == 0 ? p[1] : sqrt(p[1] > 0 ? p[1] : 0);
        bounds(bd, sizeof(bd), lo, has_hi, hi);
        if (sd == 0) {
            snprintf(buf, n, "%s%s", flujo__imp_seconds(p[0], t1, sizeof(t1)), bd);
        } else {
            const char *fam = strcmp(name, "norm") == 0 ? "normal" : is_log ? "lognormal" : "gamma";
            snprintf(buf, n, "%s(%s, %s)%s", fam, flujo__imp_seconds(p[0], t1, sizeof(t1)),
                     flujo__imp_seconds(sd, t2, sizeof(t2)), bd);
        }
    }
    return FLUJO_OK;
}

/* ---- calendars ----------------------------------------------------------------------------- */

/* time_periods: [{from, to, beginTime, endTime}] into w. */
static flujo_status_t periods(ctx_t *c, const flujo__ynode_t *list, const char *path,
                              flujo__week_t *w)
{
    flujo_status_t st = need_list(c, list, path);
    if (st != FLUJO_OK) {
        return st;
    }
    for (size_t i = 0; i < list->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *it = list->items[i];
        char p[160];
        snprintf(p, sizeof(p), "%s[%zu]", path, i + 1);
        if (it->kind != FLUJO__Y_MAP) {
            return fail(c, it, p, "expected {from, to, beginTime, endTime}");
        }
        const char *from = str(flujo__yaml_get(it, "from"));
        const char *to = str(flujo__yaml_get(it, "to"));
        const char *b = str(flujo__yaml_get(it, "beginTime"));
        const char *e = str(flujo__yaml_get(it, "endTime"));
        int fd = from != NULL ? flujo__imp_weekday(from) : -1;
        int td = to != NULL ? flujo__imp_weekday(to) : fd;
        int bs = b != NULL ? flujo__imp_clock(b) : -1;
        int es = e != NULL ? flujo__imp_clock(e) : -1;
        if (fd < 0 || td < 0) {
            return fail(c, it, p, "from and to must be days: MONDAY ... SUNDAY");
        }
        if (bs < 0 || es < 0) {
            return fail(c, it, p, "beginTime and endTime must be times like \"09:00:00.000\"");
        }
        if (es == 0 && bs > 0) {
            es = 86400; /* an interval ending at midnight */
        }
        if (es <= bs) {
            return fail(c, it, p,
                        "beginTime %s is not before endTime %s (an interval cannot cross "
                        "midnight: split it in two)",
                        b, e);
        }
        flujo__week_add(w, fd, td, bs, es);
    }
    return st;
}

static flujo_status_t read_calendars(ctx_t *c, const flujo__ynode_t *cals, flujo__ynode_t *out)
{
    flujo_status_t st = need_list(c, cals, "resource_calendars");
    if (st != FLUJO_OK) {
        return st;
    }
    c->cal_names = flujo_xcalloc(cals->n + 1, sizeof(char *));
    c->cal_sigs = flujo_xcalloc(cals->n + 1, sizeof(char *));
    c->cal_ids = flujo_xcalloc(cals->n + 1, sizeof(char *));
    for (size_t i = 0; i < cals->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *it = cals->items[i];
        char p[64];
        snprintf(p, sizeof(p), "resource_calendars[%zu]", i + 1);
        const char *id = it->kind == FLUJO__Y_MAP ? str(flujo__yaml_get(it, "id")) : NULL;
        if (id == NULL) {
            return fail(c, it, p, "expected {id, name, time_periods}");
        }
        /* the names flujo keeps for itself get a prefix */
        char name[300];
        snprintf(name, sizeof(name), "%s%s",
                 strcmp(id, "always") == 0 || strcmp(id, "habiles") == 0 ? "prosimos " : "", id);
        for (size_t k = 0; k < c->n_cals; k++) {
            if (strcmp(c->cal_ids[k], id) == 0) {
                return fail(c, it, p, "calendar '%s' is defined twice", id);
            }
        }
        flujo__week_t w = {0};
        char pp[96];
        snprintf(pp, sizeof(pp), "%s.time_periods", p);
        if ((st = periods(c, flujo__yaml_get(it, "time_periods"), pp, &w)) != FLUJO_OK) {
            free(w.iv);
            free(w.wd);
            return st;
        }
        flujo__ynode_t *cal = flujo__week_tree(&w, c->file, it->line);
        if (cal == NULL) {
            return fail(c, it, p, "calendar '%s' is never open", id);
        }
        /* the week's days and intervals, in order, as its signature */
        flujo_sbuf_t sig;
        flujo_sbuf_init(&sig);
        const flujo__ynode_t *week = cal->items[0];
        for (size_t d = 0; d < week->n; d++) {
            flujo_sbuf_printf(&sig, "%s:", week->keys[d]);
            for (size_t k = 0; k < week->items[d]->n; k++) {
                flujo_sbuf_printf(&sig, "%s,", week->items[d]->items[k]->value);
            }
        }
        flujo__yaml_map_add(out, name, it->line, cal);
        c->cal_ids[c->n_cals] = id;
        c->cal_sigs[c->n_cals] = flujo_sbuf_take(&sig);
        c->cal_names[c->n_cals++] = flujo_xstrdup(name);
    }
    return st;
}

/* The open hours of calendar id as text. */
static const char *calendar_sig(const ctx_t *c, const char *id)
{
    for (size_t k = 0; k < c->n_cals; k++) {
        if (strcmp(c->cal_ids[k], id) == 0) {
            return c->cal_sigs[k];
        }
    }
    return "";
}

static const char *calendar_name(const ctx_t *c, const char *id)
{
    for (size_t k = 0; k < c->n_cals; k++) {
        if (strcmp(c->cal_ids[k], id) == 0) {
            return c->cal_names[k];
        }
    }
    return NULL;
}

/* ---- resources and tasks ------------------------------------------------------------------- */

static flujo_status_t read_profiles(ctx_t *c, const flujo__ynode_t *profiles)
{
    flujo_status_t st = need_list(c, profiles, "resource_profiles");
    if (st != FLUJO_OK) {
        return st;
    }
    for (size_t i = 0; i < profiles->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *pr = profiles->items[i];
        char p[64];
        snprintf(p, sizeof(p), "resource_profiles[%zu]", i + 1);
        const flujo__ynode_t *list =
            pr->kind == FLUJO__Y_MAP ? flujo__yaml_get(pr, "resource_list") : NULL;
        if (list == NULL || list->kind != FLUJO__Y_SEQ) {
            return fail(c, pr, p, "expected {id, name, resource_list: [...]}");
        }
        const char *pname = str(flujo__yaml_get(pr, "name"));
        const char *pid = str(flujo__yaml_get(pr, "id"));
        for (size_t k = 0; k < list->n; k++) {
            const flujo__ynode_t *r = list->items[k];
            char rp[160];
            snprintf(rp, sizeof(rp), "%s.resource_list[%zu]", p, k + 1);
            const char *id = r->kind == FLUJO__Y_MAP ? str(flujo__yaml_get(r, "id")) : NULL;
            if (id == NULL) {
                return fail(c, r, rp, "expected {id, name, cost_per_hour, amount, calendar}");
            }
            double amount = 1, cost = 0;
            const flujo__ynode_t *an = flujo__yaml_get(r, "amount");
            const flujo__ynode_t *cn = flujo__yaml_get(r, "cost_per_hour");
            if (an != NULL && (!number(an, &amount) || amount != floor(amount) || amount < 1 ||
                               amount > 1000000)) {
                return fail(c, an, rp, "amount: expected a whole number of at least 1");
            }
            if (cn != NULL && (!number(cn, &cost) || cost < 0)) {
                return fail(c, cn, rp, "cost_per_hour: expected a number of at least 0");
            }
            const char *cal = str(flujo__yaml_get(r, "calendar"));
            if (cal == NULL && calendar_name(c, id) != NULL) {
                cal = id; /* older files: calendars are keyed by resource id */
            }
            if (cal == NULL || calendar_name(c, cal) == NULL) {
                return fail(c, r, rp, "calendar: '%s' is not one of resource_calendars",
                            cal != NULL ? cal : "");
            }
            /* a resource listed again (in another profile) is the last listing */
            size_t j = 0;
            while (j < c->n_res && strcmp(c->res[j].id, id) != 0) {
                j++;
            }
            if (j == c->n_res) {
                flujo_grow((void **)&c->res, &c->cap_res, c->n_res + 1, sizeof(*c->res));
                c->n_res++;
            }
            const char *name = str(flujo__yaml_get(r, "name"));
            c->res[j] = (pres_t){id,
                                 name != NULL && name[0] ? name : id,
                                 pname != NULL && pname[0] ? pname : (pid != NULL ? pid : id),
                                 i,
                                 cost,
                                 (long)amount,
                                 cal,
                                 r->line,
                                 false,
                                 -1};
        }
    }
    return st;
}

static flujo_status_t read_task_resources(ctx_t *c, const flujo__ynode_t *list)
{
    flujo_status_t st = need_list(c, list, "task_resource_distribution");
    if (st != FLUJO_OK) {
        return st;
    }
    c->tasks = flujo_xcalloc(list->n + 1, sizeof(*c->tasks));
    for (size_t i = 0; i < list->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *it = list->items[i];
        char p[96];
        snprintf(p, sizeof(p), "task_resource_distribution[%zu]", i + 1);
        const char *id = it->kind == FLUJO__Y_MAP ? str(flujo__yaml_get(it, "task_id")) : NULL;
        const flujo__ynode_t *rs = id != NULL ? flujo__yaml_get(it, "resources") : NULL;
        if (id == NULL || rs == NULL || rs->kind != FLUJO__Y_SEQ || rs->n == 0) {
            return fail(c, it, p, "expected {task_id, resources: [{resource_id, ...}, ...]}");
        }
        for (size_t k = 0; k < c->n_tasks; k++) {
            if (strcmp(c->tasks[k].id, id) == 0) {
                return fail(c, it, p, "task '%s' is listed twice", id);
            }
        }
        ptask_t *t = &c->tasks[c->n_tasks++];
        t->id = id;
        t->line = it->line;
        t->res = flujo_xcalloc(rs->n, sizeof(size_t));
        t->dist = flujo_xcalloc(rs->n, sizeof(char *));
        t->lines = flujo_xcalloc(rs->n, sizeof(long));
        for (size_t k = 0; k < rs->n && st == FLUJO_OK; k++) {
            const flujo__ynode_t *r = rs->items[k];
            char rp[160];
            snprintf(rp, sizeof(rp), "%s.resources[%zu]", p, k + 1);
            const char *rid =
                r->kind == FLUJO__Y_MAP ? str(flujo__yaml_get(r, "resource_id")) : NULL;
            if (rid == NULL) {
                return fail(c, r, rp, "expected {resource_id, distribution_name, ...}");
            }
            size_t j = 0;
            while (j < c->n_res && strcmp(c->res[j].id, rid) != 0) {
                j++;
            }
            if (j == c->n_res) {
                return fail(c, r, rp, "resource '%s' is in no resource_profiles entry", rid);
            }
            for (size_t q = 0; q < t->n; q++) {
                if (t->res[q] == j) {
                    return fail(c, r, rp, "resource '%s' is listed twice for task '%s'", rid, id);
                }
            }
            char buf[512];
            if ((st = dist_text(c, r, rp, buf, sizeof(buf))) != FLUJO_OK) {
                return st;
            }
            t->res[t->n] = j;
            t->dist[t->n] = flujo_xstrdup(buf);
            t->lines[t->n] = r->line;
            t->n++;
            c->res[j].used = true;
        }
    }
    return st;
}

/* The duration text task t gives resource r, or "" if r does not do t. */
static const char *duration_for(const ptask_t *t, size_t r)
{
    for (size_t q = 0; q < t->n; q++) {
        if (t->res[q] == r) {
            return t->dist[q];
        }
    }
    return "";
}

/* Resources r and q are interchangeable: same calendar, cost and durations for every task. */
static bool same_kind(const ctx_t *c, size_t r, size_t q)
{
    const pres_t *a = &c->res[r], *b = &c->res[q];
    if (strcmp(calendar_sig(c, a->calendar), calendar_sig(c, b->calendar)) != 0 ||
        a->cost != b->cost) {
        return false;
    }
    for (size_t k = 0; k < c->n_tasks; k++) {
        if (strcmp(duration_for(&c->tasks[k], r), duration_for(&c->tasks[k], q)) != 0) {
            return false;
        }
    }
    return true;
}

/* Groups the resources into pools and writes resources: {...}; pool_names gets each pool's name. */
static void make_pools(ctx_t *c, flujo__ynode_t *out, char ***pool_names, size_t *n_pools)
{
    char **names = flujo_xcalloc(c->n_res + 1, sizeof(char *));
    size_t np = 0;
    for (size_t r = 0; r < c->n_res; r++) {
        if (!c->res[r].used || c->res[r].pool >= 0) {
            continue;
        }
        long count = 0;
        size_t members = 0, in_profile = 0;
        for (size_t q = r; q < c->n_res; q++) {
            if (c->res[q].used && c->res[q].pool < 0 && same_kind(c, r, q)) {
                c->res[q].pool = (int)np;
                count += c->res[q].amount;
                members++;
                in_profile += c->res[q].profile_index == c->res[r].profile_index;
            }
        }
        size_t profile_size = 0;
        for (size_t q = 0; q < c->n_res; q++) {
            profile_size += c->res[q].used && c->res[q].profile_index == c->res[r].profile_index;
        }
        /* the profile's name for a whole profile, the resource's for one, else the first and
         * how many more */
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        if (in_profile == members && members == profile_size) {
            flujo_sbuf_printf(&b, "%s", c->res[r].profile);
        } else if (members == 1) {
            flujo_sbuf_printf(&b, "%s", c->res[r].name);
        } else {
            flujo_sbuf_printf(&b, "%s +%zu", c->res[r].name, members - 1);
        }
        for (size_t k = 0; k < np; k++) {
            if (strcmp(names[k], b.s) == 0) {
                flujo_sbuf_printf(&b, " [%s]", c->res[r].id);
                break;
            }
        }
        names[np] = flujo_sbuf_take(&b);
        flujo__ynode_t *pool = flujo__yaml_new_map(c->file, c->res[r].line);
        flujo__yaml_map_add(pool, "count", c->res[r].line,
                            flujo__imp_scalarf(c->file, c->res[r].line, "%ld", count));
        flujo__yaml_map_add(
            pool, "calendar", c->res[r].line,
            flujo__yaml_new_scalar(calendar_name(c, c->res[r].calendar), c->file, c->res[r].line));
        flujo__yaml_map_add(pool, "cost_per_hour", c->res[r].line,
                            flujo__imp_scalarf(c->file, c->res[r].line, "%.17g", c->res[r].cost));
        flujo__yaml_map_add(out, names[np], c->res[r].line, pool);
        np++;
    }
    for (size_t r = 0; r < c->n_res; r++) {
        if (!c->res[r].used) {
            flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "unused-resource", c->res[r].id, c->file,
                               c->res[r].line, "resource '%s' does no task: left out",
                               c->res[r].id);
        }
    }
    *pool_names = names;
    *n_pools = np;
}

/* tasks: {task_id: {resource: POOL, duration: D}} or, for several pools, resource: [{pool,
 * duration}, ...]. */
static flujo__ynode_t *make_tasks(ctx_t *c, char **pool_names, size_t n_pools)
{
    flujo__ynode_t *tasks = flujo__yaml_new_map(c->file, 0);
    int *seen = flujo_xcalloc(n_pools + 1, sizeof(int));
    for (size_t k = 0; k < c->n_tasks; k++) {
        const ptask_t *t = &c->tasks[k];
        flujo__ynode_t *tn = flujo__yaml_new_map(c->file, t->line);
        memset(seen, 0, (n_pools + 1) * sizeof(int));
        flujo__ynode_t *alts = flujo__yaml_new_seq(c->file, t->line);
        size_t first = 0;
        for (size_t q = 0; q < t->n; q++) {
            int p = c->res[t->res[q]].pool;
            if (seen[p]) {
                continue;
            }
            seen[p] = 1;
            first = alts->n == 0 ? q : first;
            flujo__ynode_t *alt = flujo__yaml_new_map(c->file, t->lines[q]);
            flujo__yaml_map_add(alt, "pool", t->lines[q],
                                flujo__yaml_new_scalar(pool_names[p], c->file, t->lines[q]));
            flujo__yaml_map_add(alt, "duration", t->lines[q],
                                flujo__yaml_new_scalar(t->dist[q], c->file, t->lines[q]));
            flujo__yaml_seq_add(alts, alt);
        }
        if (alts->n == 1) {
            flujo__yaml_free(alts);
            int p = c->res[t->res[first]].pool;
            flujo__yaml_map_add(tn, "resource", t->lines[first],
                                flujo__yaml_new_scalar(pool_names[p], c->file, t->lines[first]));
            flujo__yaml_map_add(tn, "duration", t->lines[first],
                                flujo__yaml_new_scalar(t->dist[first], c->file, t->lines[first]));
        } else {
            flujo__yaml_map_add(tn, "resource", t->line, alts);
        }
        flujo__yaml_map_add(tasks, t->id, t->line, tn);
    }
    free(seen);
    return tasks;
}

/* ---- gateways, events, attributes ---------------------------------------------------------- */

static flujo_status_t read_gateways(ctx_t *c, const flujo__ynode_t *list, flujo__ynode_t **out)
{
    flujo_status_t st = need_list(c, list, "gateway_branching_probabilities");
    if (st != FLUJO_OK || list->n == 0) {
        return st;
    }
    flujo__ynode_t *gws = flujo__yaml_new_map(c->file, list->line);
    *out = gws;
    for (size_t i = 0; i < list->n; i++) {
        const flujo__ynode_t *g = list->items[i];
        char p[96];
        snprintf(p, sizeof(p), "gateway_branching_probabilities[%zu]", i + 1);
        const char *id = g->kind == FLUJO__Y_MAP ? str(flujo__yaml_get(g, "gateway_id")) : NULL;
        const flujo__ynode_t *ps = id != NULL ? flujo__yaml_get(g, "probabilities") : NULL;
        if (id == NULL || ps == NULL || ps->kind != FLUJO__Y_SEQ || ps->n == 0) {
            return fail(c, g, p, "expected {gateway_id, probabilities: [{path_id, value}, ...]}");
        }
        /* a missing value takes an equal share of what the others leave; then normalised */
        double *v = flujo_xcalloc(ps->n, sizeof(double));
        bool *given = flujo_xcalloc(ps->n, sizeof(bool));
        double sum = 0;
        size_t n_missing = 0;
        for (size_t k = 0; k < ps->n; k++) {
            const flujo__ynode_t *it = ps->items[k];
            const flujo__ynode_t *val =
                it->kind == FLUJO__Y_MAP ? flujo__yaml_get(it, "value") : NULL;
            if (it->kind != FLUJO__Y_MAP || str(flujo__yaml_get(it, "path_id")) == NULL) {
                free(v);
                free(given);
                return fail(c, it, p, "probabilities[%zu]: expected {path_id, value}", k + 1);
            }
            if (val != NULL && (!number(val, &v[k]) || v[k] < 0)) {
                free(v);
                free(given);
                return fail(c, val, p, "probabilities[%zu]: value must be a number >= 0", k + 1);
            }
            given[k] = val != NULL;
            sum += given[k] ? v[k] : 0;
            n_missing += !given[k];
        }
        for (size_t k = 0; k < ps->n; k++) {
            if (!given[k]) {
                v[k] = sum < 1 ? (1 - sum) / (double)n_missing : 0;
            }
        }
        sum = 0;
        for (size_t k = 0; k < ps->n; k++) {
            sum += v[k];
        }
        if (!(sum > 0)) {
            free(v);
            free(given);
            return fail(c, g, p, "the probabilities of gateway '%s' add up to 0", id);
        }
        if (fabs(sum - 1) > 1e-6) {
            flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "normalised", id, c->file, g->line,
                               "the probabilities of gateway '%s' add up to %.6g: divided by it",
                               id, sum);
        }
        flujo__ynode_t *gm = flujo__yaml_new_map(c->file, g->line);
        for (size_t k = 0; k < ps->n; k++) {
            const flujo__ynode_t *it = ps->items[k];
            flujo__yaml_map_add(gm, str(flujo__yaml_get(it, "path_id")), it->line,
                                flujo__imp_scalarf(c->file, it->line, "%.17g", v[k] / sum));
        }
        free(v);
        free(given);
        flujo__yaml_map_add(gws, id, g->line, gm);
    }
    return FLUJO_OK;
}

static flujo_status_t read_events(ctx_t *c, const flujo__ynode_t *list, flujo__ynode_t **out)
{
    flujo_status_t st = need_list(c, list, "event_distribution");
    if (st != FLUJO_OK || list->n == 0) {
        return st;
    }
    flujo__ynode_t *evs = flujo__yaml_new_map(c->file, list->line);
    *out = evs;
    for (size_t i = 0; i < list->n; i++) {
        const flujo__ynode_t *ev = list->items[i];
        char p[64], buf[512];
        snprintf(p, sizeof(p), "event_distribution[%zu]", i + 1);
        const char *id = ev->kind == FLUJO__Y_MAP ? str(flujo__yaml_get(ev, "event_id")) : NULL;
        if (id == NULL) {
            return fail(c, ev, p, "expected {event_id, distribution_name, distribution_params}");
        }
        if ((st = dist_text(c, ev, p, buf, sizeof(buf))) != FLUJO_OK) {
            return st;
        }
        flujo__ynode_t *en = flujo__yaml_new_map(c->file, ev->line);
        flujo__yaml_map_add(en, "duration", ev->line,
                            flujo__yaml_new_scalar(buf, c->file, ev->line));
        flujo__yaml_map_add(evs, id, ev->line, en);
    }
    return FLUJO_OK;
}

static flujo_status_t read_attributes(ctx_t *c, const flujo__ynode_t *list, flujo__ynode_t **out)
{
    flujo_status_t st = need_list(c, list, "case_attributes");
    if (st != FLUJO_OK || list->n == 0) {
        return st;
    }
    flujo__ynode_t *attrs = flujo__yaml_new_map(c->file, list->line);
    *out = attrs;
    for (size_t i = 0; i < list->n; i++) {
        const flujo__ynode_t *a = list->items[i];
        char p[64];
        snprintf(p, sizeof(p), "case_attributes[%zu]", i + 1);
        const char *name = a->kind == FLUJO__Y_MAP ? str(flujo__yaml_get(a, "name")) : NULL;
        const char *type = name != NULL ? str(flujo__yaml_get(a, "type")) : NULL;
        const flujo__ynode_t *vals = name != NULL ? flujo__yaml_get(a, "values") : NULL;
        if (name == NULL || type == NULL || vals == NULL) {
            return fail(c, a, p, "expected {name, type, values}");
        }
        if (strcmp(type, "discrete") != 0) {
            return fail(c, a, p,
                        "'%s' is a %s attribute: flujo's case attributes are discrete (values "
                        "with probabilities)",
                        name, type);
        }
        if (vals->kind != FLUJO__Y_SEQ || vals->n == 0) {
            return fail(c, vals, p, "values: expected [{key, value}, ...]");
        }
        flujo__ynode_t *vm = flujo__yaml_new_map(c->file, a->line);
        for (size_t k = 0; k < vals->n; k++) {
            const flujo__ynode_t *it = vals->items[k];
            const char *key = it->kind == FLUJO__Y_MAP ? str(flujo__yaml_get(it, "key")) : NULL;
            double pr;
            if (key == NULL || !number(flujo__yaml_get(it, "value"), &pr)) {
                flujo__yaml_free(vm);
                return fail(c, it, p, "values[%zu]: expected {key, value: a probability}", k + 1);
            }
            flujo__yaml_map_add(vm, key, it->line,
                                flujo__imp_scalarf(c->file, it->line, "%.17g", pr));
        }
        flujo__yaml_map_add(attrs, name, a->line, vm);
    }
    return FLUJO_OK;
}

/* ---- the older layout ---------------------------------------------------------------------- */

static flujo__ynode_t *kv(const char *file, long line, const char *key, flujo__ynode_t *value)
{
    flujo__ynode_t *m = flujo__yaml_new_map(file, line);
    flujo__yaml_map_add(m, key, line, value);
    return m;
}

/* Older Prosimos files (and those converted from QBP) write the sections as maps keyed by id:
 * resource_profiles {id: {name, resource_list}}, resource_calendars {resource id: [periods]},
 * task_resource_distribution {task: {resource: distribution}}, gateway_branching_probabilities
 * {gateway: {flow: p}}. They become the lists of the current layout, in place. */
static void list_layout(flujo__ynode_t *root)
{
    const char *f = root->file;
    for (size_t i = 0; i < root->n; i++) {
        const char *k = root->keys[i];
        flujo__ynode_t *v = root->items[i];
        if (v->kind != FLUJO__Y_MAP) {
            continue;
        }
        flujo__ynode_t *seq = flujo__yaml_new_seq(f, v->line);
        for (size_t j = 0; j < v->n; j++) {
            const char *id = v->keys[j];
            flujo__ynode_t *x = flujo__yaml_clone(v->items[j]);
            long ln = v->key_lines[j];
            flujo__ynode_t *item;
            if (strcmp(k, "resource_profiles") == 0 || strcmp(k, "resource_calendars") == 0) {
                if (strcmp(k, "resource_calendars") == 0) {
                    item = kv(f, ln, "time_periods", x);
                } else {
                    item = x->kind == FLUJO__Y_MAP ? x : kv(f, ln, "resource_list", x);
                }
                flujo__yaml_map_add(item, "id", ln, flujo__yaml_new_scalar(id, f, ln));
            } else if (strcmp(k, "task_resource_distribution") == 0) {
                flujo__ynode_t *rs = flujo__yaml_new_seq(f, ln);
                for (size_t q = 0; x->kind == FLUJO__Y_MAP && q < x->n; q++) {
                    flujo__ynode_t *d = flujo__yaml_clone(x->items[q]);
                    if (d->kind == FLUJO__Y_MAP) {
                        flujo__yaml_map_add(d, "resource_id", x->key_lines[q],
                                            flujo__yaml_new_scalar(x->keys[q], f, x->key_lines[q]));
                    }
                    flujo__yaml_seq_add(rs, d);
                }
                flujo__yaml_free(x);
                item = kv(f, ln, "resources", rs);
                flujo__yaml_map_add(item, "task_id", ln, flujo__yaml_new_scalar(id, f, ln));
            } else if (strcmp(k, "gateway_branching_probabilities") == 0) {
                flujo__ynode_t *ps = flujo__yaml_new_seq(f, ln);
                for (size_t q = 0; x->kind == FLUJO__Y_MAP && q < x->n; q++) {
                    flujo__ynode_t *pv =
                        kv(f, x->key_lines[q], "value", flujo__yaml_clone(x->items[q]));
                    flujo__yaml_map_add(pv, "path_id", x->key_lines[q],
                                        flujo__yaml_new_scalar(x->keys[q], f, x->key_lines[q]));
                    flujo__yaml_seq_add(ps, pv);
                }
                flujo__yaml_free(x);
                item = kv(f, ln, "probabilities", ps);
                flujo__yaml_map_add(item, "gateway_id", ln, flujo__yaml_new_scalar(id, f, ln));
            } else {
                flujo__yaml_free(x);
                continue;
            }
            flujo__yaml_seq_add(seq, item);
        }
        if (seq->n == 0) {
            flujo__yaml_free(seq);
            continue;
        }
        flujo__yaml_free(v);
        root->items[i] = seq;
    }
}

/* ---- the whole file ------------------------------------------------------------------------ */

static flujo_status_t convert(ctx_t *c, const flujo__ynode_t *root, flujo__ynode_t *out)
{
    static const char *const unsupported[] = {"prioritisation_rules", "batch_processing",
                                              "branch_rules",         "event_attributes",
                                              "global_attributes",    NULL};
    static const char *const known[] = {"resource_profiles",
                                        "resource_calendars",
                                        "task_resource_distribution",
                                        "arrival_time_distribution",
                                        "arrival_time_calendar",
                                        "gateway_branching_probabilities",
                                        "event_distribution",
                                        "case_attributes",
                                        "model_type",
                                        "granule_size",
                                        "gateway_execution_limit",
                                        NULL};
    if (root == NULL || root->kind != FLUJO__Y_MAP) {
        return flujo__imp_fail(c->err, c->file, root != NULL ? root->line : 0,
                               "expected a JSON object with Prosimos' keys (resource_profiles, "
                               "resource_calendars, task_resource_distribution, ...)");
    }
    for (size_t i = 0; i < root->n; i++) {
        const char *k = root->keys[i];
        const flujo__ynode_t *v = root->items[i];
        for (size_t u = 0; unsupported[u] != NULL; u++) {
            if (strcmp(k, unsupported[u]) == 0 && !(v->kind == FLUJO__Y_SEQ && v->n == 0) &&
                !(v->kind == FLUJO__Y_MAP && v->n == 0)) {
                return flujo__imp_fail(c->err, c->file, root->key_lines[i],
                                       "%s: not supported by flujo (remove it to simulate "
                                       "without it)",
                                       k);
            }
        }
        bool ok = false;
        for (size_t u = 0; known[u] != NULL && !ok; u++) {
            ok = strcmp(k, known[u]) == 0;
        }
        for (size_t u = 0; unsupported[u] != NULL && !ok; u++) {
            ok = strcmp(k, unsupported[u]) == 0;
        }
        if (!ok) {
            flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "ignored-key", k, c->file,
                               root->key_lines[i], "%s: not a Prosimos key flujo knows: ignored",
                               k);
        }
    }
    const char *mt = str(flujo__yaml_get(root, "model_type"));
    if (mt != NULL && strcmp(mt, "CRISP") != 0) {
        const flujo__ynode_t *mn = flujo__yaml_get(root, "model_type");
        return fail(c, mn, "model_type",
                    "'%s' calendars (with probabilities) are not supported: give crisp ones", mt);
    }
    static const char *const required[] = {"resource_profiles", "resource_calendars",
                                           "task_resource_distribution",
                                           "arrival_time_distribution", NULL};
    for (size_t i = 0; required[i] != NULL; i++) {
        if (flujo__yaml_get(root, required[i]) == NULL) {
            return flujo__imp_fail(c->err, c->file, root->line, "missing %s", required[i]);
        }
    }
    flujo_status_t st;
    flujo__ynode_t *cals = flujo__yaml_new_map(c->file, root->line);
    flujo__yaml_map_add(out, "calendars", root->line, cals);
    if ((st = read_calendars(c, flujo__yaml_get(root, "resource_calendars"), cals)) != FLUJO_OK ||
        (st = read_profiles(c, flujo__yaml_get(root, "resource_profiles"))) != FLUJO_OK ||
        (st = read_task_resources(c, flujo__yaml_get(root, "task_resource_distribution"))) !=
            FLUJO_OK) {
        return st;
    }
    /* the arrivals' calendar */
    const flujo__ynode_t *ac = flujo__yaml_get(root, "arrival_time_calendar");
    const char *arrival_cal = NULL;
    if (ac != NULL) {
        flujo__week_t w = {0};
        if ((st = periods(c, ac, "arrival_time_calendar", &w)) != FLUJO_OK) {
            free(w.iv);
            free(w.wd);
            return st;
        }
        flujo__ynode_t *cal = flujo__week_tree(&w, c->file, ac->line);
        if (cal == NULL) {
            return fail(c, ac, "arrival_time_calendar", "never open: no case could arrive");
        }
        arrival_cal = "arrival_time_calendar";
        while (calendar_name(c, arrival_cal) != NULL) {
            arrival_cal = "prosimos arrival_time_calendar";
        }
        flujo__yaml_map_add(cals, arrival_cal, ac->line, cal);
    } else {
        flujo_diags_add_in(c->notes, FLUJO_SEV_NOTE, "arrivals-always", NULL, c->file, 0,
                           "no arrival_time_calendar: cases arrive at any hour");
    }
    flujo__ynode_t *res = flujo__yaml_new_map(c->file, root->line);
    char **pool_names = NULL;
    size_t n_pools = 0;
    make_pools(c, res, &pool_names, &n_pools);
    flujo__yaml_map_add(out, "resources", root->line, res);
    flujo__yaml_map_add(out, "tasks", root->line, make_tasks(c, pool_names, n_pools));
    for (size_t i = 0; i < n_pools; i++) {
        free(pool_names[i]);
    }
    free(pool_names);

    flujo__ynode_t *gws = NULL, *evs = NULL, *attrs = NULL;
    const flujo__ynode_t *x;
    if ((x = flujo__yaml_get(root, "gateway_branching_probabilities")) != NULL &&
        (st = read_gateways(c, x, &gws)) != FLUJO_OK) {
        flujo__yaml_free(gws);
        return st;
    }
    if (gws != NULL) {
        flujo__yaml_map_add(out, "gateways", x->line, gws);
    }
    if ((x = flujo__yaml_get(root, "event_distribution")) != NULL &&
        (st = read_events(c, x, &evs)) != FLUJO_OK) {
        flujo__yaml_free(evs);
        return st;
    }
    if (evs != NULL) {
        flujo__yaml_map_add(out, "events", x->line, evs);
    }
    if ((x = flujo__yaml_get(root, "case_attributes")) != NULL &&
        (st = read_attributes(c, x, &attrs)) != FLUJO_OK) {
        flujo__yaml_free(attrs);
        return st;
    }
    /* arrivals: one stream on the wall clock, held until the arrival calendar opens */
    const flujo__ynode_t *ad = flujo__yaml_get(root, "arrival_time_distribution");
    char buf[512];
    if ((st = dist_text(c, ad, "arrival_time_distribution", buf, sizeof(buf))) != FLUJO_OK) {
        flujo__yaml_free(attrs);
        return st;
    }
    flujo__ynode_t *arrivals = flujo__yaml_new_seq(c->file, ad->line);
    flujo__ynode_t *a = flujo__yaml_new_map(c->file, ad->line);
    flujo__yaml_map_add(a, "interarrival", ad->line,
                        flujo__yaml_new_scalar(buf, c->file, ad->line));
    if (arrival_cal != NULL) {
        flujo__yaml_map_add(a, "calendar", ac->line,
                            flujo__yaml_new_scalar(arrival_cal, c->file, ac->line));
        flujo__yaml_map_add(a, "clock", ad->line,
                            flujo__yaml_new_scalar("elapsed", c->file, ad->line));
    }
    if (attrs != NULL) {
        flujo__yaml_map_add(a, "attributes", attrs->line, attrs);
    }
    flujo__yaml_seq_add(arrivals, a);
    flujo__yaml_map_add(out, "arrivals", ad->line, arrivals);
    return FLUJO_OK;
}

flujo_status_t flujo__prosimos_tree(const char *buf, size_t len, const char *file,
                                    flujo__ynode_t **out, flujo_diags_t *notes, flujo_err_t *err)
{
    flujo__ynode_t *root = NULL;
    flujo_status_t st = flujo__yaml_parse(buf, len, file, &root, err);
    if (st != FLUJO_OK) {
        return st;
    }
    ctx_t c = {0};
    c.file = file;
    c.err = err;
    c.notes = notes;
    if (root != NULL && root->kind == FLUJO__Y_MAP) {
        list_layout(root);
    }
    flujo__ynode_t *tree = flujo__yaml_new_map(file, 1);
    st = convert(&c, root, tree);
    for (size_t k = 0; k < c.n_tasks; k++) {
        for (size_t q = 0; q < c.tasks[k].n; q++) {
            free(c.tasks[k].dist[q]);
        }
        free(c.tasks[k].res);
        free(c.tasks[k].dist);
        free(c.tasks[k].lines);
    }
    free(c.tasks);
    free(c.res);
    for (size_t k = 0; k < c.n_cals; k++) {
        free(c.cal_names[k]);
        free(c.cal_sigs[k]);
    }
    free(c.cal_names);
    free(c.cal_sigs);
    free(c.cal_ids);
    if (st == FLUJO_OK && c.legacy) {
        flujo_diags_add_in(notes, FLUJO_SEV_NOTE, "scipy-lists", NULL, file, 0,
                           "distribution parameters read as scipy's lists ([shape,] loc, scale, "
                           "min, max), as Prosimos up to 1.2.5 wrote them");
    }
    if (st != FLUJO_OK) {
        flujo__yaml_free(tree);
        flujo__yaml_free(root);
        return st;
    }
    /* the tree borrows strings (ids, names) from root only while it is built: it holds copies */
    flujo__yaml_free(root);
    *out = tree;
    return FLUJO_OK;
}
