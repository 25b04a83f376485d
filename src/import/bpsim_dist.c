/* bpsim_dist.c - BPSim parameter values: time units, ISO 8601 durations, the input value of a
 * parameter, and constants and distributions as flujo duration text. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "import/bpmn_sim_int.h"

double flujo__bpsim_unit_seconds(const char *u)
{
    static const struct {
        const char *name;
        double s;
    } units[] = {{"ms", 0.001},  {"s", 1},           {"min", 60},   {"hour", 3600},
                 {"day", 86400}, {"year", 31536000}, {"second", 1}, {"minute", 60}};
    for (size_t i = 0; u != NULL && i < sizeof(units) / sizeof(units[0]); i++) {
        if (strcmp(u, units[i].name) == 0) {
            return units[i].s;
        }
    }
    return 0;
}

/* An ISO 8601 duration (PnYnMnDTnHnMnS; a month is 30 days, a year 365) in seconds, or -1. */
static double iso_seconds(const char *v)
{
    if (v == NULL || *v != 'P') {
        return -1;
    }
    double total = 0;
    bool in_time = false, any = false;
    for (const char *p = v + 1; *p;) {
        if (*p == 'T') {
            in_time = true;
            p++;
            continue;
        }
        char *end;
        double x = strtod(p, &end);
        if (end == p || x < 0) {
            return -1;
        }
        double unit = *end == 'Y'               ? 31536000
                      : *end == 'M' && !in_time ? 2592000
                      : *end == 'W'             ? 604800
                      : *end == 'D'             ? 86400
                      : *end == 'H'             ? 3600
                      : *end == 'M'             ? 60
                      : *end == 'S'             ? 1
                                                : -1;
        if (unit < 0) {
            return -1;
        }
        total += x * unit;
        any = true;
        p = end + 1;
    }
    return any ? total : -1;
}

/* Whether a value element is an input (not a result written back by a simulator). */
static bool is_input_value(xmlNodePtr v)
{
    if (v->type != XML_ELEMENT_NODE || flujo__sim_is_el(v, NULL, "ResultRequest")) {
        return false;
    }
    xmlChar *r = xmlGetProp(v, (const xmlChar *)"result");
    bool result = r != NULL;
    xmlFree(r);
    return !result;
}

xmlNodePtr flujo__bpsim_param_value(xmlNodePtr param, char **cal)
{
    xmlNodePtr first = NULL;
    *cal = NULL;
    for (xmlNodePtr v = param != NULL ? param->children : NULL; v != NULL; v = v->next) {
        if (!is_input_value(v)) {
            continue;
        }
        char *vf = flujo__sim_prop(v, "validFor");
        if (vf == NULL) {
            return v;
        }
        free(vf);
        first = first != NULL ? first : v;
    }
    if (first != NULL) {
        *cal = flujo__sim_prop(first, "validFor");
    }
    return first;
}

flujo_status_t flujo__bpsim_dist(flujo__sim_ctx_t *c, xmlNodePtr v, double unit, char *buf,
                                 size_t n)
{
    const char *el = (const char *)v->name;
    char *tu = flujo__sim_prop(v, "timeUnit");
    if (tu != NULL && flujo__bpsim_unit_seconds(tu) > 0) {
        unit = flujo__bpsim_unit_seconds(tu);
    }
    free(tu);
    double a = NAN, b = NAN, m = NAN;
    char t1[64], t2[64], t3[64];
    if (strcmp(el, "DurationParameter") == 0) {
        char *val = flujo__sim_prop(v, "value");
        double s = iso_seconds(val);
        free(val);
        if (s < 0) {
            return flujo__sim_fail(c, v,
                                   "<DurationParameter>: expected an ISO 8601 duration like PT30M");
        }
        flujo__imp_seconds(s, buf, n);
    } else if (strcmp(el, "FloatingParameter") == 0 || strcmp(el, "NumericParameter") == 0) {
        if (!flujo__sim_num_prop(v, "value", &a) || a < 0) {
            return flujo__sim_fail(c, v, "<%s>: expected a value of at least 0", el);
        }
        flujo__imp_seconds(a * unit, buf, n);
    } else if (strcmp(el, "NormalDistribution") == 0 || strcmp(el, "LogNormalDistribution") == 0 ||
               strcmp(el, "TruncatedNormalDistribution") == 0) {
        if (!flujo__sim_num_prop(v, "mean", &m) ||
            !flujo__sim_num_prop(v, "standardDeviation", &a)) {
            return flujo__sim_fail(c, v, "<%s>: expected mean and standardDeviation", el);
        }
        const char *fam = strcmp(el, "LogNormalDistribution") == 0 ? "lognormal" : "normal";
        int w = snprintf(buf, n, "%s(%s, %s)", fam, flujo__imp_seconds(m * unit, t1, sizeof(t1)),
                         flujo__imp_seconds(a * unit, t2, sizeof(t2)));
        if (strcmp(el, "TruncatedNormalDistribution") == 0) {
            double lo = 0, hi = 0;
            if (!flujo__sim_num_prop(v, "min", &lo) || !flujo__sim_num_prop(v, "max", &hi)) {
                return flujo__sim_fail(c, v, "<%s>: expected min and max", el);
            }
            snprintf(buf + w, n - (size_t)w, " in [%s, %s]",
                     flujo__imp_seconds((lo > 0 ? lo : 0) * unit, t1, sizeof(t1)),
                     flujo__imp_seconds(hi * unit, t2, sizeof(t2)));
        }
    } else if (strcmp(el, "UniformDistribution") == 0) {
        if (!flujo__sim_num_prop(v, "min", &a) || !flujo__sim_num_prop(v, "max", &b)) {
            return flujo__sim_fail(c, v, "<%s>: expected min and max", el);
        }
        snprintf(buf, n, "uniform(%s, %s)", flujo__imp_seconds(a * unit, t1, sizeof(t1)),
                 flujo__imp_seconds(b * unit, t2, sizeof(t2)));
    } else if (strcmp(el, "TriangularDistribution") == 0) {
        if (!flujo__sim_num_prop(v, "min", &a) || !flujo__sim_num_prop(v, "mode", &m) ||
            !flujo__sim_num_prop(v, "max", &b)) {
            return flujo__sim_fail(c, v, "<%s>: expected min, mode and max", el);
        }
        snprintf(buf, n, "triangular(%s, %s, %s)", flujo__imp_seconds(a * unit, t1, sizeof(t1)),
                 flujo__imp_seconds(m * unit, t2, sizeof(t2)),
                 flujo__imp_seconds(b * unit, t3, sizeof(t3)));
    } else if (strcmp(el, "NegativeExponentialDistribution") == 0 ||
               strcmp(el, "ExponentialDistribution") == 0) {
        if (!flujo__sim_num_prop(v, "mean", &m)) {
            return flujo__sim_fail(c, v, "<%s>: expected mean", el);
        }
        snprintf(buf, n, "exponential(%s)", flujo__imp_seconds(m * unit, t1, sizeof(t1)));
    } else if (strcmp(el, "ErlangDistribution") == 0) {
        if (!flujo__sim_num_prop(v, "mean", &m) || !flujo__sim_num_prop(v, "k", &a)) {
            return flujo__sim_fail(c, v, "<%s>: expected mean and k", el);
        }
        snprintf(buf, n, "erlang(%.17g, %s)", a, flujo__imp_seconds(m * unit, t1, sizeof(t1)));
    } else if (strcmp(el, "GammaDistribution") == 0 || strcmp(el, "WeibullDistribution") == 0) {
        if (!flujo__sim_num_prop(v, "shape", &a) || !flujo__sim_num_prop(v, "scale", &b) ||
            !(a > 0) || !(b > 0)) {
            return flujo__sim_fail(c, v, "<%s>: expected shape and scale above 0", el);
        }
        if (strcmp(el, "GammaDistribution") == 0) { /* as mean and sd: k theta, sqrt(k) theta */
            snprintf(buf, n, "gamma(%s, %s)", flujo__imp_seconds(a * b * unit, t1, sizeof(t1)),
                     flujo__imp_seconds(sqrt(a) * b * unit, t2, sizeof(t2)));
        } else {
            snprintf(buf, n, "weibull(%.17g, %s)", a, flujo__imp_seconds(b * unit, t1, sizeof(t1)));
        }
    } else if (strcmp(el, "UserDistribution") == 0) {
        /* discrete points: values repeated in proportion to their probabilities (to 1/1000) */
        flujo_sbuf_t s;
        flujo_sbuf_init(&s);
        flujo_sbuf_printf(&s, "empirical(");
        size_t k = 0;
        for (xmlNodePtr p = v->children; p != NULL; p = p->next) {
            if (!flujo__sim_is_el(p, NULL, "UserDistributionDataPoint")) {
                continue;
            }
            double pr;
            xmlNodePtr pv = p->children;
            while (pv != NULL && pv->type != XML_ELEMENT_NODE) {
                pv = pv->next;
            }
            char one[512];
            if (!flujo__sim_num_prop(p, "probability", &pr) || pv == NULL ||
                flujo__bpsim_dist(c, pv, unit, one, sizeof(one)) != FLUJO_OK ||
                strchr(one, '(') != NULL) {
                flujo_sbuf_destroy(&s);
                return flujo__sim_fail(c, p,
                                       "<UserDistributionDataPoint>: expected a probability and a "
                                       "constant value");
            }
            long copies = lround(pr * 1000);
            for (long i = 0; i < copies; i++) {
                flujo_sbuf_printf(&s, "%s%s", k++ ? ", " : "", one);
            }
        }
        flujo_sbuf_printf(&s, ")");
        if (k == 0) {
            flujo_sbuf_destroy(&s);
            return flujo__sim_fail(c, v, "<UserDistribution>: no points");
        }
        snprintf(buf, n, "%s", s.s);
        bool fits = strlen(s.s) < n;
        flujo_sbuf_destroy(&s);
        if (!fits) {
            return flujo__sim_fail(c, v, "<UserDistribution>: too many points");
        }
    } else {
        return flujo__sim_fail(
            c, v,
            "<%s> is not supported as a time (Normal, LogNormal, TruncatedNormal, "
            "Uniform, Triangular, NegativeExponential, Erlang, Gamma, Weibull, User "
            "distributions and constant or ISO 8601 durations are)",
            el);
    }
    return FLUJO_OK;
}
