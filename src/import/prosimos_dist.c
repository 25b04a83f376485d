/* prosimos_dist.c - Prosimos distributions ({distribution_name, distribution_params}) as flujo
 * duration text: the current form ({"value": x} lists) and scipy's of Prosimos up to 1.2.5 (the
 * table at the top of prosimos.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "import/prosimos_int.h"

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
static flujo_status_t scipy_text(flujo__pro_ctx_t *c, const flujo__ynode_t *d, const char *path,
                                 const char *name, const double *p, size_t np, char *buf, size_t n)
{
    char t1[64], t2[64], t3[64], term[200], bd[160];
    if (strcmp(name, "fix") == 0) {
        if (np < 1 || p[0] < 0) {
            return flujo__pro_fail(c, d, path, "fix: needs a duration of at least 0");
        }
        flujo__imp_seconds(p[0], buf, n);
        return FLUJO_OK;
    }
    if (strcmp(name, "default") == 0) { /* U(p0, p1) */
        if (np < 2 || p[0] < 0 || p[1] < p[0]) {
            return flujo__pro_fail(c, d, path, "default: needs 0 <= a <= b");
        }
        snprintf(buf, n, "uniform(%s, %s)", flujo__imp_seconds(p[0], t1, sizeof(t1)),
                 flujo__imp_seconds(p[1], t2, sizeof(t2)));
        return FLUJO_OK;
    }
    bool shaped =
        strcmp(name, "lognorm") == 0 || strcmp(name, "gamma") == 0 || strcmp(name, "triang") == 0;
    size_t o = shaped; /* where loc is */
    if (np < o + 2) {
        return flujo__pro_fail(c, d, path, "%s: needs %s loc and scale", name,
                               shaped ? "shape," : "");
    }
    double sh = shaped ? p[0] : 0, loc = p[o], scale = p[o + 1];
    bool bounded = np >= o + 4;
    double lo = bounded ? p[o + 2] : 0, hi = bounded ? p[o + 3] : 0;
    if (!(scale > 0) || (shaped && !(sh > 0)) || (bounded && hi < lo)) {
        return flujo__pro_fail(c, d, path, "%s: needs scale > 0%s%s", name,
                               shaped ? ", shape > 0" : "", bounded ? " and min <= max" : "");
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
        return flujo__pro_fail(
            c, d, path,
            "unknown distribution '%s' (Prosimos names: fix, expon, norm, uniform, "
            "lognorm, gamma, triang)",
            name);
    }
    if (loc < 0) {
        return flujo__pro_fail(c, d, path, "%s: loc %.17g is negative: a duration cannot be", name,
                               loc);
    }
    /* bounds on the value are bounds on the term, loc taken off */
    bd[0] = '\0';
    if (bounded) {
        double tlo = lo - loc > 0 ? lo - loc : 0;
        if (hi - loc < tlo) {
            return flujo__pro_fail(c, d, path, "%s: max %.17g leaves no room above loc %.17g", name,
                                   hi, loc);
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

flujo_status_t flujo__pro_dist_text(flujo__pro_ctx_t *c, const flujo__ynode_t *d, const char *path,
                                    char *buf, size_t n)
{
    if (d == NULL || d->kind != FLUJO__Y_MAP) {
        return flujo__pro_fail(c, d, path, "expected {distribution_name, distribution_params}");
    }
    const char *name = flujo__pro_str(flujo__yaml_get(d, "distribution_name"));
    const flujo__ynode_t *params = flujo__yaml_get(d, "distribution_params");
    if (name == NULL) {
        return flujo__pro_fail(c, d, path, "missing distribution_name");
    }
    if (strcmp(name, "histogram_sampling") == 0) {
        return flujo__pro_fail(
            c, d, path,
            "histogram_sampling is not supported: give a distribution (fix, expon, norm, "
            "uniform, lognorm, gamma, triang)");
    }
    double p[8];
    size_t np = 0;
    bool plain = false;
    if (params != NULL && params->kind != FLUJO__Y_SEQ) {
        return flujo__pro_fail(c, params, path,
                               "distribution_params: expected a list of {\"value\": x}");
    }
    for (size_t i = 0; params != NULL && i < params->n && np < 8; i++) {
        const flujo__ynode_t *it = params->items[i];
        const flujo__ynode_t *v = it->kind == FLUJO__Y_MAP ? flujo__yaml_get(it, "value") : it;
        plain = plain || it->kind != FLUJO__Y_MAP;
        if (!flujo__pro_number(v, &p[np])) {
            return flujo__pro_fail(
                c, it, path, "distribution_params[%zu]: expected {\"value\": a number}", i + 1);
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
        return flujo__pro_fail(
            c, d, path,
            "unknown distribution '%s' (Prosimos names: fix, expon, norm, uniform, "
            "lognorm, gamma, triang)",
            name);
    }
    if (np < need[k].need) {
        return flujo__pro_fail(c, d, path, "%s needs %zu parameters, not %zu", name, need[k].need,
                               np);
    }
    char t1[64], t2[64], bd[160];
    /* the optional [min, max] after the family's own parameters */
    size_t first_bound = is_exp ? 1 : 2;
    double lo = np > first_bound && p[first_bound] > 0 ? p[first_bound] : 0;
    bool has_hi = np > first_bound + 1;
    double hi = has_hi ? p[first_bound + 1] : 0;
    if (has_hi && hi < lo) {
        return flujo__pro_fail(c, d, path, "%s: max %.17g is below min %.17g", name, hi, lo);
    }
    if (strcmp(name, "fix") == 0) {
        if (p[0] < 0) {
            return flujo__pro_fail(c, d, path, "fix: a duration cannot be negative");
        }
        flujo__imp_seconds(p[0], buf, n);
    } else if (is_exp) {
        /* min + an exponential of mean (mean - min), drawn again above max */
        double scale = p[0] - lo > 0 ? p[0] - lo : p[0];
        if (!(scale > 0)) {
            return flujo__pro_fail(c, d, path, "expon: the mean must be positive");
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
