/* dist.c - duration distributions: the text form of scenario files, validation, sampling.
 *
 * Every parameter conversion between the scenario's parameters (mean and standard deviation of the
 * duration itself) and GSL's parameterisations lives here:
 *   lognormal(mean m, sd s): sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2 (gsl_ran_lognormal)
 *   gamma(mean m, sd s):     shape k = m^2/s^2, scale theta = s^2/m   (gsl_ran_gamma)
 *   erlang(k, mean m):       gamma with shape k, scale m/k
 *   weibull(shape c, scale l): gsl_ran_weibull(r, a = l, b = c)
 *   pert(a, m, b):           a + (b - a) Beta(1 + 4(m-a)/(b-a), 1 + 4(b-m)/(b-a))
 *   exponential(mean):       gsl_ran_exponential takes the mean
 * The derived constants are computed once at parse time, in `a` and `b`. A bounded term
 * ("normal(10m, 4m) in [5m, 20m]") is drawn again until it falls inside its bounds; its mean is
 * the mean of the density restricted to the bounds (GSL's QAGS quadrature over the part of the
 * bounds where the density is not negligible). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>

#include "base/base_int.h"
#include "flujo_dist.h"
#include "random/random_int.h"

#define MAX_ARGS 4096

bool flujo_parse_number(const char *text, double *out)
{
    char *end;
    if (text == NULL) {
        return false;
    }
    while (isspace((unsigned char)*text)) {
        text++;
    }
    if (*text == '\0') {
        return false;
    }
    errno = 0;
    double v = strtod(text, &end);
    while (isspace((unsigned char)*end)) {
        end++;
    }
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        return false;
    }
    *out = v;
    return true;
}

/* Parses "<number><unit>"; unitless numbers are accepted when clock is NULL. */
static bool parse_quantity(const char *text, size_t len, double *value, flujo_clock_t *clock,
                           bool *has_unit, flujo_err_t *err)
{
    char buf[128];
    while (len > 0 && isspace((unsigned char)*text)) {
        text++;
        len--;
    }
    while (len > 0 && isspace((unsigned char)text[len - 1])) {
        len--;
    }
    if (len == 0 || len >= sizeof(buf)) {
        flujo_err_set(err, FLUJO_ESCENARIO, "missing value");
        return false;
    }
    memcpy(buf, text, len);
    buf[len] = '\0';
    /* Split the unit off the end: bd, d, h, m, s. */
    static const struct {
        const char *suffix;
        double seconds;
        flujo_clock_t clock;
    } units[] = {
        {"bd", 86400, FLUJO_CLOCK_BDAYS}, {"d", 86400, FLUJO_CLOCK_DAYS},
        {"h", 3600, FLUJO_CLOCK_WORK},    {"m", 60, FLUJO_CLOCK_WORK},
        {"s", 1, FLUJO_CLOCK_WORK},
    };
    double scale = 1;
    *has_unit = false;
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        size_t sl = strlen(units[i].suffix);
        if (len > sl && strcmp(buf + len - sl, units[i].suffix) == 0 &&
            (isdigit((unsigned char)buf[len - sl - 1]) || buf[len - sl - 1] == '.' ||
             buf[len - sl - 1] == ' ')) {
            buf[len - sl] = '\0';
            scale = units[i].seconds;
            *clock = units[i].clock;
            *has_unit = true;
            break;
        }
    }
    double v;
    if (!flujo_parse_number(buf, &v)) {
        flujo_err_set(err, FLUJO_ESCENARIO, "'%.*s' is not a number with a unit (s, m, h, bd, d)",
                      (int)len, text);
        return false;
    }
    if (*has_unit && fabs(v * scale) > FLUJO_MAX_SECONDS) {
        flujo_err_set(err, FLUJO_ESCENARIO, "'%.*s' is longer than 1000 years", (int)len, text);
        return false;
    }
    *value = v * scale;
    return true;
}

bool flujo_parse_duration(const char *text, double *seconds, flujo_clock_t *clock, flujo_err_t *err)
{
    bool has_unit;
    flujo_clock_t c = FLUJO_CLOCK_WORK;
    double v;
    if (!parse_quantity(text, strlen(text), &v, &c, &has_unit, err)) {
        return false;
    }
    if (!has_unit) {
        flujo_err_set(err, FLUJO_ESCENARIO,
                      "'%s' has no unit: write it as s, m, h (working time), bd (business days) "
                      "or d (calendar days), e.g. '%sh'",
                      text, text);
        return false;
    }
    if (v < 0) {
        flujo_err_set(err, FLUJO_ESCENARIO, "'%s' is negative", text);
        return false;
    }
    *seconds = v;
    *clock = c;
    return true;
}

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
        if (!parse_quantity(p, (size_t)(stop - p), &v, &c, &has_unit, &why)) {
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

static double bounded_mean(const flujo_dist_t *d);

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
        !parse_quantity(open + 1, (size_t)(comma - open - 1), &b[0], &c[0], &has_unit[0], &why) ||
        !parse_quantity(comma + 1, (size_t)(text + n - 2 - comma), &b[1], &c[1], &has_unit[1],
                        &why)) {
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
    out->bmean = bounded_mean(out);
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

static double sample_one(const flujo_dist_t *d, gsl_rng *r);
static double mean_one(const flujo_dist_t *d);

/* What a bounded term gives when no draw falls inside its bounds. */
static double bounded_fallback(const flujo_dist_t *d)
{
    double m = mean_one(d);
    return m >= d->lo && m <= d->hi ? m : (d->lo + d->hi) / 2;
}

double flujo_dist_sample(const flujo_dist_t *d, flujo_rng_t *rng)
{
    gsl_rng *r = (gsl_rng *)(void *)rng; /* see rng.c */
    double x = 0;
    for (; d != NULL; d = d->next) {
        if (!d->bounded) {
            x += sample_one(d, r);
            continue;
        }
        double y = NAN;
        for (int i = 0; i < FLUJO_DIST_MAX_REDRAWS && isnan(y); i++) {
            double v = sample_one(d, r);
            y = v >= d->lo && v <= d->hi ? v : NAN;
        }
        x += isnan(y) ? bounded_fallback(d) : y;
    }
    return x;
}

double flujo_dist_mean(const flujo_dist_t *d)
{
    double x = 0;
    for (; d != NULL; d = d->next) {
        x += d->bounded ? d->bmean : mean_one(d);
    }
    return x;
}

static double sample_one(const flujo_dist_t *d, gsl_rng *r)
{
    const double *p = d->p;
    switch (d->kind) {
    case FLUJO_DIST_FIXED:
        return p[0];
    case FLUJO_DIST_EXPONENTIAL:
        return gsl_ran_exponential(r, p[0]);
    case FLUJO_DIST_UNIFORM:
        return p[0] + (p[1] - p[0]) * gsl_rng_uniform(r);
    case FLUJO_DIST_TRIANGULAR: {
        /* inverse CDF */
        double lo = p[0], mode = p[1], hi = p[2];
        if (hi <= lo) {
            return lo;
        }
        double u = gsl_rng_uniform(r);
        double fc = (mode - lo) / (hi - lo);
        return u < fc ? lo + sqrt(u * (hi - lo) * (mode - lo))
                      : hi - sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case FLUJO_DIST_PERT:
        if (p[2] <= p[0]) {
            return p[0];
        }
        return p[0] + (p[2] - p[0]) * gsl_ran_beta(r, d->a, d->b);
    case FLUJO_DIST_NORMAL:
        /* mean > 0, so each draw is kept with probability >= 1/2 */
        for (int i = 0; i < 1000; i++) {
            double x = p[0] + gsl_ran_gaussian(r, p[1]);
            if (x >= 0) {
                return x;
            }
        }
        return p[0];
    case FLUJO_DIST_LOGNORMAL:
        return gsl_ran_lognormal(r, d->a, d->b);
    case FLUJO_DIST_GAMMA:
    case FLUJO_DIST_ERLANG:
        return gsl_ran_gamma(r, d->a, d->b);
    case FLUJO_DIST_WEIBULL:
        return gsl_ran_weibull(r, p[1], p[0]);
    case FLUJO_DIST_EMPIRICAL:
        return d->values[gsl_rng_uniform_int(r, d->n_values)];
    }
    return 0;
}

static double mean_one(const flujo_dist_t *d)
{
    const double *p = d->p;
    switch (d->kind) {
    case FLUJO_DIST_FIXED:
    case FLUJO_DIST_EXPONENTIAL:
    case FLUJO_DIST_LOGNORMAL:
    case FLUJO_DIST_GAMMA:
        return p[0];
    case FLUJO_DIST_UNIFORM:
        return (p[0] + p[1]) / 2;
    case FLUJO_DIST_TRIANGULAR:
        return (p[0] + p[1] + p[2]) / 3;
    case FLUJO_DIST_PERT:
        return (p[0] + 4 * p[1] + p[2]) / 6;
    case FLUJO_DIST_NORMAL: {
        /* mean of the normal truncated at 0 */
        if (p[1] == 0) {
            return p[0];
        }
        double alpha = -p[0] / p[1];
        double phi = exp(-alpha * alpha / 2) / 2.5066282746310002; /* sqrt(2 pi) */
        double tail = 0.5 * erfc(alpha / sqrt(2));
        return p[0] + p[1] * phi / tail;
    }
    case FLUJO_DIST_ERLANG:
        return p[1];
    case FLUJO_DIST_WEIBULL:
        return p[1] * tgamma(1 + 1 / p[0]);
    case FLUJO_DIST_EMPIRICAL: {
        double s = 0;
        for (size_t i = 0; i < d->n_values; i++) {
            s += d->values[i];
        }
        return s / (double)d->n_values;
    }
    }
    return 0;
}

/* ---- the mean of a bounded term ------------------------------------------------------------ */

/* The density of one term at x (families with a density). */
static double density(const flujo_dist_t *d, double x)
{
    const double *p = d->p;
    switch (d->kind) {
    case FLUJO_DIST_EXPONENTIAL:
        return gsl_ran_exponential_pdf(x, p[0]);
    case FLUJO_DIST_NORMAL:
        return x < 0 ? 0 : gsl_ran_gaussian_pdf(x - p[0], p[1]);
    case FLUJO_DIST_LOGNORMAL:
        return gsl_ran_lognormal_pdf(x, d->a, d->b);
    case FLUJO_DIST_GAMMA:
    case FLUJO_DIST_ERLANG:
        return gsl_ran_gamma_pdf(x, d->a, d->b);
    case FLUJO_DIST_WEIBULL:
        return gsl_ran_weibull_pdf(x, p[1], p[0]);
    case FLUJO_DIST_TRIANGULAR:
        if (x < p[0] || x > p[2] || p[2] <= p[0]) {
            return 0;
        }
        return x < p[1] ? 2 * (x - p[0]) / ((p[2] - p[0]) * (p[1] - p[0]))
                        : 2 * (p[2] - x) / ((p[2] - p[0]) * (p[2] - p[1]));
    case FLUJO_DIST_PERT:
        return x < p[0] || x > p[2] || p[2] <= p[0]
                   ? 0
                   : gsl_ran_beta_pdf((x - p[0]) / (p[2] - p[0]), d->a, d->b) / (p[2] - p[0]);
    default:
        return 0;
    }
}

/* Where the density of one term is not negligible: [*from, *to]. A quantile GSL cannot compute
 * (a gamma of shape in the millions) is NaN, which makes the caller take the fallback; GSL's
 * default handler would abort instead, so it is off here whatever the program set. */
static void support(const flujo_dist_t *d, double *from, double *to)
{
    const double *p = d->p, q = 1e-14;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    *from = 0;
    *to = INFINITY;
    switch (d->kind) {
    case FLUJO_DIST_EXPONENTIAL:
        *to = gsl_cdf_exponential_Qinv(q, p[0]);
        break;
    case FLUJO_DIST_NORMAL:
        *from = p[0] - 8 * p[1] > 0 ? p[0] - 8 * p[1] : 0;
        *to = p[0] + 8 * p[1];
        break;
    case FLUJO_DIST_LOGNORMAL:
        *from = gsl_cdf_lognormal_Pinv(q, d->a, d->b);
        *to = gsl_cdf_lognormal_Qinv(q, d->a, d->b);
        break;
    case FLUJO_DIST_GAMMA:
    case FLUJO_DIST_ERLANG:
        *to = gsl_cdf_gamma_Qinv(q, d->a, d->b);
        break;
    case FLUJO_DIST_WEIBULL:
        *to = gsl_cdf_weibull_Qinv(q, p[1], p[0]);
        break;
    default:
        *from = p[0];
        *to = p[2];
        break;
    }
    gsl_set_error_handler(old);
}

typedef struct moment_ctx {
    const flujo_dist_t *d;
    int power; /* 0: the density, 1: x times the density */
} moment_ctx_t;

static double moment_f(double x, void *arg)
{
    const moment_ctx_t *c = arg;
    double f = density(c->d, x);
    return c->power == 0 ? f : x * f;
}

/* The integral of x^power f(x) over [a, b]: QAGS, or a fixed 200-point Gauss-Legendre rule if
 * QAGS does not converge. */
static double integrate(const flujo_dist_t *d, int power, double a, double b)
{
    moment_ctx_t c = {d, power};
    gsl_function fn = {moment_f, &c};
    gsl_integration_workspace *w = gsl_integration_workspace_alloc(1000);
    double v, e;
    gsl_error_handler_t *old = gsl_set_error_handler_off();
    int st = gsl_integration_qags(&fn, a, b, 0, 1e-10, 1000, w, &v, &e);
    gsl_set_error_handler(old);
    gsl_integration_workspace_free(w);
    if (st != GSL_SUCCESS) {
        gsl_integration_glfixed_table *t = gsl_integration_glfixed_table_alloc(200);
        v = gsl_integration_glfixed(&fn, a, b, t);
        gsl_integration_glfixed_table_free(t);
    }
    return v;
}

static double bounded_mean(const flujo_dist_t *d)
{
    const double *p = d->p;
    double lo = d->lo, hi = d->hi;
    switch (d->kind) {
    case FLUJO_DIST_FIXED:
        return p[0] >= lo && p[0] <= hi ? p[0] : (lo + hi) / 2;
    case FLUJO_DIST_UNIFORM: {
        double a = p[0] > lo ? p[0] : lo, b = p[1] < hi ? p[1] : hi;
        if (p[1] == p[0]) {
            return p[0] >= lo && p[0] <= hi ? p[0] : (lo + hi) / 2;
        }
        return a <= b ? (a + b) / 2 : bounded_fallback(d);
    }
    case FLUJO_DIST_EMPIRICAL: {
        double s = 0;
        size_t n = 0;
        for (size_t i = 0; i < d->n_values; i++) {
            if (d->values[i] >= lo && d->values[i] <= hi) {
                s += d->values[i];
                n++;
            }
        }
        return n > 0 ? s / (double)n : bounded_fallback(d);
    }
    default:
        break;
    }
    double from, to;
    support(d, &from, &to);
    double a = lo > from ? lo : from, b = hi < to ? hi : to;
    if (d->kind == FLUJO_DIST_TRIANGULAR && p[2] <= p[0]) {
        return p[0] >= lo && p[0] <= hi ? p[0] : (lo + hi) / 2;
    }
    if (!(a < b)) {
        return bounded_fallback(d);
    }
    double mass = integrate(d, 0, a, b);
    /* a term that almost never falls inside takes the fallback (after the redraws fail) */
    if (!(mass > 1e-9)) {
        return bounded_fallback(d);
    }
    return integrate(d, 1, a, b) / mass;
}
