/* dist.c - duration distributions: the text form of scenario files, validation, copies and sums.
 *
 * Every parameter conversion between the scenario's parameters (mean and standard deviation of the
 * duration itself) and GSL's parameterisations is derived here, once, at parse time (sample.c
 * draws with them):
 *   lognormal(mean m, sd s): sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2 (gsl_ran_lognormal)
 *   gamma(mean m, sd s):     shape k = m^2/s^2, scale theta = s^2/m   (gsl_ran_gamma)
 *   erlang(k, mean m):       gamma with shape k, scale m/k
 *   weibull(shape c, scale l): gsl_ran_weibull(r, a = l, b = c)
 *   pert(a, m, b):           a + (b - a) Beta(1 + 4(m-a)/(b-a), 1 + 4(b-m)/(b-a))
 *   exponential(mean):       gsl_ran_exponential takes the mean
 * The derived constants are kept in `a` and `b`. A bounded term ("normal(10m, 4m) in [5m, 20m]")
 * is drawn again until it falls inside its bounds; its mean (mean.c) is the mean of the density
 * restricted to the bounds. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_dist.h"
#include "random/random_int.h"

#define MAX_ARGS 4096

/* Family names, their argument count (-1: one or more) and which arguments are unitless. */
static const struct family {
    const char *name;
    flujo_dist_kind_t kind;
    int n_args;
    unsigned unitless; /* bit i: argument i has no unit */
} families[] = {
    {"fixed", FLUJO_DIST_FIXED, 1, 0},
    {"exponential", FLUJO_DIST_EXPONENTIAL, 1, 0},
    {"uniform", FLUJO_DIST_UNIFORM, 2, 0},
    {"triangular", FLUJO_DIST_TRIANGULAR, 3, 0},
    {"pert", FLUJO_DIST_PERT, 3, 0},
    {"normal", FLUJO_DIST_NORMAL, 2, 0},
    {"lognormal", FLUJO_DIST_LOGNORMAL, 2, 0},
    {"gamma", FLUJO_DIST_GAMMA, 2, 0},
    {"erlang", FLUJO_DIST_ERLANG, 2, 1u},
    {"weibull", FLUJO_DIST_WEIBULL, 2, 1u},
    {"empirical", FLUJO_DIST_EMPIRICAL, -1, 0},
};

static const char *clock_unit(flujo_clock_t c)
{
    return c == FLUJO_CLOCK_BDAYS ? "bd" : c == FLUJO_CLOCK_DAYS ? "d" : "s/m/h";
}

/* Checks the parameters of d and computes its sampling constants. */
static bool validate(flujo_dist_t *d, const char *text, flujo_err_t *err)
{
    double *p = d->p;
    switch (d->kind) {
    case FLUJO_DIST_FIXED:
        if (p[0] < 0) {
            flujo_err_set(err, FLUJO_ESCENARIO, "%s: a duration cannot be negative", text);
            return false;
        }
        return true;
    case FLUJO_DIST_EXPONENTIAL:
        if (!(p[0] > 0)) {
            flujo_err_set(err, FLUJO_ESCENARIO, "%s: the mean must be positive", text);
            return false;
        }
        return true;
    case FLUJO_DIST_UNIFORM:
        if (p[0] < 0 || p[1] < p[0]) {
            flujo_err_set(err, FLUJO_ESCENARIO, "%s: needs 0 <= a <= b", text);
            return false;
        }
        return true;
    case FLUJO_DIST_TRIANGULAR:
    case FLUJO_DIST_PERT:
        if (p[0] < 0 || p[1] < p[0] || p[2] < p[1]) {
            flujo_err_set(err, FLUJO_ESCENARIO, "%s: needs 0 <= min <= mode <= max", text);
            return false;
        }
        if (d->kind == FLUJO_DIST_PERT && p[2] > p[0]) {
            d->a = 1 + 4 * (p[1] - p[0]) / (p[2] - p[0]);
            d->b = 1 + 4 * (p[2] - p[1]) / (p[2] - p[0]);
        }
        return true;
    case FLUJO_DIST_NORMAL:
        if (!(p[0] > 0) || p[1] < 0) {
            flujo_err_set(err, FLUJO_ESCENARIO, "%s: needs mean > 0 and sd >= 0", text);
            return false;
        }
        return true;
    case FLUJO_DIST_LOGNORMAL:
    case FLUJO_DIST_GAMMA:
        if (!(p[0] > 0) || !(p[1] > 0)) {
            flujo_err_set(err, FLUJO_ESCENARIO, "%s: needs mean > 0 and sd > 0", text);
            return false;
        }
        if (d->kind == FLUJO_DIST_LOGNORMAL) {
            double s2 = log(1 + (p[1] * p[1]) / (p[0] * p[0]));
            d->a = log(p[0]) - s2 / 2; /* mu of the log */
            d->b = sqrt(s2);           /* sigma of the log */
        } else {
            d->a = (p[0] * p[0]) / (p[1] * p[1]); /* shape */
            d->b = (p[1] * p[1]) / p[0];          /* scale */
        }
        return true;
    case FLUJO_DIST_ERLANG:
        if (!(p[0] >= 1) || p[0] != floor(p[0]) || p[0] > 1000 || !(p[1] > 0)) {
            flujo_err_set(err, FLUJO_ESCENARIO,
                          "%s: needs a whole number of phases k (1..1000) and mean > 0", text);
            return false;
        }
        d->a = p[0];        /* shape */
        d->b = p[1] / p[0]; /* scale */
        return true;
    case FLUJO_DIST_WEIBULL:
        if (!(p[0] > 0) || !(p[1] > 0)) {
            flujo_err_set(err, FLUJO_ESCENARIO, "%s: needs shape > 0 and scale > 0", text);
            return false;
        }
        return true;
    case FLUJO_DIST_EMPIRICAL:
        for (size_t i = 0; i < d->n_values; i++) {
            if (d->values[i] < 0) {
                flujo_err_set(err, FLUJO_ESCENARIO, "%s: a duration cannot be negative", text);
                return false;
            }
        }
        return true;
    }
    return false;
}

/* One term: a family with its arguments, or a bare value. */
static flujo_status_t parse_term(const char *text, flujo_dist_t *out, flujo_err_t *err)
{
    flujo_dist_t d = {0};
    const char *open = strchr(text, '(');
    const struct family *fam = NULL;
    const char *args;
    size_t args_len;

    if (open == NULL) {
        fam = &families[0]; /* a bare value is fixed */
        args = text;
        args_len = strlen(text);
    } else {
        size_t nl = (size_t)(open - text);
        while (nl > 0 && isspace((unsigned char)text[nl - 1])) {
            nl--;
        }
        const char *name = text;
        while (isspace((unsigned char)*name)) {
            name++;
            nl--;
        }
        for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
            if (strlen(families[i].name) == nl && strncmp(families[i].name, name, nl) == 0) {
                fam = &families[i];
            }
        }
        if (fam == NULL) {
            return flujo_err_set(err, FLUJO_ESCENARIO,
                                 "unknown distribution '%.*s' in '%s' (use fixed, exponential, "
                                 "uniform, triangular, pert, normal, lognormal, gamma, erlang, "
                                 "weibull or empirical)",
                                 (int)nl, name, text);
        }
        const char *close = strrchr(text, ')');
        const char *after = close != NULL ? close + 1 : NULL;
        while (after != NULL && isspace((unsigned char)*after)) {
            after++;
        }
        if (close == NULL || close < open || *after != '\0') {
            return flujo_err_set(err, FLUJO_ESCENARIO, "'%s': expected %s(...) with a closing ')'",
                                 text, fam->name);
        }
        args = open + 1;
        args_len = (size_t)(close - args);
    }

    double vals[3] = {0};
    double *many = NULL;
    size_t n = 0, cap = 0;
    bool have_clock = false;
    const char *p = args;
    const char *end = args + args_len;
    while (p <= end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma != NULL ? comma : end;
        double v;
        flujo_clock_t c = FLUJO_CLOCK_WORK;
        bool has_unit;
        if (n >= MAX_ARGS) {
            free(many);
            return flujo_err_set(err, FLUJO_ESCENARIO, "'%s': more than %d values", text, MAX_ARGS);
        }
        flujo_err_t why = {0};
        if (!flujo__parse_quantity(p, (size_t)(stop - p), &v, &c, &has_unit, &why)) {
            free(many);
            if (open == NULL) {
                return flujo_err_set(err, FLUJO_ESCENARIO, "%s", why.msg);
            }
            return flujo_err_set(err, FLUJO_ESCENARIO, "'%s': argument %zu: %s", text, n + 1,
                                 why.msg);
        }
        bool unitless = n < 32 && (fam->unitless & (1u << n)) != 0;
        if (unitless && has_unit) {
            free(many);
            return flujo_err_set(err, FLUJO_ESCENARIO,
                                 "'%s': argument %zu of %s is a plain number, without a unit", text,
                                 n + 1, fam->name);
        }
        if (!unitless) {
            if (!has_unit) {
                free(many);
                if (open == NULL) {
                    return flujo_err_set(err, FLUJO_ESCENARIO,
                                         "'%s' has no unit: write %ss, %sm or %sh (working time), "
                                         "%sbd (business days) or %sd (calendar days)",
                                         text, text, text, text, text, text);
                }
                return flujo_err_set(err, FLUJO_ESCENARIO,
                                     "'%s': argument %zu has no unit (s, m, h, bd or d)", text,
                                     n + 1);
            }
            if (have_clock && c != d.clock) {
                free(many);
                return flujo_err_set(err, FLUJO_ESCENARIO,
                                     "'%s' mixes %s and %s: use one kind of unit per duration",
                                     text, clock_unit(d.clock), clock_unit(c));
            }
            d.clock = c;
            have_clock = true;
        }
        if (fam->kind == FLUJO_DIST_EMPIRICAL) {
            flujo_grow((void **)&many, &cap, n + 1, sizeof(*many));
            many[n] = v;
        } else if (n < 3) {
            vals[n] = v;
        }
        n++;
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    if (fam->n_args >= 0 && (int)n != fam->n_args) {
        free(many);
        return flujo_err_set(err, FLUJO_ESCENARIO, "'%s': %s takes %d argument%s, not %zu", text,
                             fam->name, fam->n_args, fam->n_args == 1 ? "" : "s", n);
    }
    d.kind = fam->kind;
    memcpy(d.p, vals, sizeof(vals));
    d.values = many;
    d.n_values = fam->kind == FLUJO_DIST_EMPIRICAL ? n : 0;
    if (!validate(&d, text, err)) {
        free(many);
        return FLUJO_ESCENARIO;
    }
    d.text = flujo_strdup_squeeze(text);
    *out = d;
    return FLUJO_OK;
}

/* The part of text in [from, to) as a new string without the white space around it. */
static char *slice(const char *from, const char *to)
{
    while (from < to && isspace((unsigned char)*from)) {
        from++;
    }
    while (to > from && isspace((unsigned char)to[-1])) {
        to--;
    }
    return flujo_xstrndup(from, (size_t)(to - from));
}

/* A term with optional bounds: "TERM in [lo, hi]". */
static flujo_status_t parse_bounded(const char *text, flujo_dist_t *out, flujo_err_t *err)
{
    size_t n = strlen(text);
    const char *open = n > 0 && text[n - 1] == ']' ? strrchr(text, '[') : NULL;
    const char *kw = open;
    while (kw != NULL && kw > text && isspace((unsigned char)kw[-1])) {
        kw--;
    }
    if (open == NULL || kw - text < 3 || strncmp(kw - 2, "in", 2) != 0 ||
        !isspace((unsigned char)kw[-3])) {
        return parse_term(text, out, err);
    }
    char *body = slice(text, kw - 2);
    flujo_status_t st = parse_term(body, out, err);
    free(body);
    if (st != FLUJO_OK) {
        return st;
    }
    const char *comma = memchr(open, ',', (size_t)(text + n - 1 - open));
    double b[2];
    flujo_clock_t c[2] = {out->clock, out->clock};
    bool has_unit[2] = {false, false};
    flujo_err_t why = {0};
    if (comma == NULL ||
        !flujo__parse_quantity(open + 1, (size_t)(comma - open - 1), &b[0], &c[0], &has_unit[0],
                               &why) ||
        !flujo__parse_quantity(comma + 1, (size_t)(text + n - 2 - comma), &b[1], &c[1],
                               &has_unit[1], &why)) {
        flujo_dist_destroy(out);
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "'%s': the bounds must read 'in [min, max]' with units (%s)", text,
                             why.msg[0] ? why.msg : "two values");
    }
    if (!has_unit[0] || !has_unit[1] || c[0] != out->clock || c[1] != out->clock) {
        flujo_dist_destroy(out);
        return flujo_err_set(err, FLUJO_ESCENARIO,
                             "'%s': the bounds need the same kind of unit as the duration (%s)",
                             text, clock_unit(out->clock));
    }
    if (b[0] < 0 || b[1] < b[0]) {
        flujo_dist_destroy(out);
        return flujo_err_set(err, FLUJO_ESCENARIO, "'%s': the bounds need 0 <= min <= max", text);
    }
    out->bounded = true;
    out->lo = b[0];
    out->hi = b[1];
    out->bmean = flujo__dist_bounded_mean(out);
    free(out->text);
    out->text = flujo_strdup_squeeze(text);
    return FLUJO_OK;
}

flujo_status_t flujo_dist_parse(const char *text, flujo_dist_t *out, flujo_err_t *err)
{
    /* terms: split at '+' outside parentheses and brackets, and not in an exponent (1e+3) */
    flujo_dist_t head = {0};
    int depth = 0;
    const char *start = text;
    for (const char *p = text;; p++) {
        bool exponent = p - text >= 2 && (p[-1] == 'e' || p[-1] == 'E') &&
                        (isdigit((unsigned char)p[-2]) || p[-2] == '.');
        if (*p == '(' || *p == '[') {
            depth++;
        } else if (*p == ')' || *p == ']') {
            depth--;
        }
        if (*p != '\0' && !(*p == '+' && depth == 0 && !exponent)) {
            continue;
        }
        char *term = slice(start, p);
        flujo_dist_t d;
        flujo_status_t st = parse_bounded(term, &d, err);
        free(term);
        if (st == FLUJO_OK && start != text && d.clock != head.clock) {
            st = flujo_err_set(err, FLUJO_ESCENARIO,
                               "'%s' mixes %s and %s: use one kind of unit per duration", text,
                               clock_unit(head.clock), clock_unit(d.clock));
            flujo_dist_destroy(&d);
        }
        if (st != FLUJO_OK) {
            if (start != text) {
                flujo_dist_destroy(&head);
            }
            return st;
        }
        if (start == text) {
            head = d;
        } else {
            flujo_dist_t *last = &head;
            while (last->next != NULL) {
                last = last->next;
            }
            last->next = flujo_xmalloc(sizeof(*last->next));
            *last->next = d;
        }
        if (*p == '\0') {
            break;
        }
        start = p + 1;
    }
    if (head.next != NULL) {
        free(head.text);
        head.text = flujo_strdup_squeeze(text);
    }
    /* a heavy tail can put the mean past any calendar (weibull(0.01, 1h): 10^158 h) */
    if (!(flujo_dist_mean(&head) <= FLUJO_MAX_SECONDS)) {
        flujo_dist_destroy(&head);
        return flujo_err_set(err, FLUJO_ESCENARIO, "'%s' has a mean longer than 1000 years", text);
    }
    *out = head;
    return FLUJO_OK;
}

void flujo_dist_fixed(flujo_dist_t *out, double seconds, flujo_clock_t clock)
{
    memset(out, 0, sizeof(*out));
    out->kind = FLUJO_DIST_FIXED;
    out->clock = clock;
    out->p[0] = seconds;
}

void flujo_dist_destroy(flujo_dist_t *d)
{
    free(d->values);
    free(d->text);
    if (d->next != NULL) {
        flujo_dist_destroy(d->next);
        free(d->next);
    }
    d->values = NULL;
    d->text = NULL;
    d->next = NULL;
}

void flujo_dist_copy(flujo_dist_t *dst, const flujo_dist_t *src)
{
    *dst = *src;
    dst->text = src->text != NULL ? flujo_xstrdup(src->text) : NULL;
    if (src->values != NULL) {
        dst->values = flujo_xmalloc(src->n_values * sizeof(*dst->values));
        memcpy(dst->values, src->values, src->n_values * sizeof(*dst->values));
    }
    if (src->next != NULL) {
        dst->next = flujo_xmalloc(sizeof(*dst->next));
        flujo_dist_copy(dst->next, src->next);
    }
}

bool flujo_dist_add_term(flujo_dist_t *d, const flujo_dist_t *term)
{
    if (term->clock != d->clock) {
        return false;
    }
    flujo_dist_t *last = d;
    while (last->next != NULL) {
        last = last->next;
    }
    last->next = flujo_xmalloc(sizeof(*last->next));
    flujo_dist_copy(last->next, term);
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    flujo_sbuf_printf(&b, "%s + %s", d->text != NULL ? d->text : "?",
                      term->text != NULL ? term->text : "?");
    free(d->text);
    d->text = flujo_sbuf_take(&b);
    return true;
}
