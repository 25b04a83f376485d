/* cond.c - the condition language on case attributes: the parser of conditions like
 * "riesgo in [alto, medio] and monto > 5000" (gateway flows, sla rules), their evaluation and
 * freeing. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"
#include "scenario/scenario_int.h"

typedef enum cond_op {
    C_IN,  /* attr in [values] (== is a one-value in) */
    C_LT,  /* attr < number */
    C_LE,  /* attr <= number */
    C_GT,  /* attr > number */
    C_GE,  /* attr >= number */
    C_AND, /* l and r */
    C_OR,  /* l or r */
    C_NOT  /* not l */
} cond_op_t;

struct flujo_cond {
    cond_op_t op;           /* operator */
    int attr;               /* attribute index (comparisons) */
    bool *in;               /* C_IN: in[v] for each value index */
    double num;             /* number compared with */
    struct flujo_cond *l;   /* operands */
    struct flujo_cond *r;   /* right operand */
    const flujo_attr_t *at; /* the attribute (comparisons) */
};

bool flujo__cond_eval(const flujo_cond_t *c, const int *values)
{
    int v;
    switch (c->op) {
    case C_AND:
        return flujo__cond_eval(c->l, values) && flujo__cond_eval(c->r, values);
    case C_OR:
        return flujo__cond_eval(c->l, values) || flujo__cond_eval(c->r, values);
    case C_NOT:
        return !flujo__cond_eval(c->l, values);
    case C_IN:
        v = values[c->attr];
        return v >= 0 && c->in[v];
    default:
        v = values[c->attr];
        if (v < 0 || isnan(c->at->number[v])) {
            return false;
        }
        double x = c->at->number[v];
        return c->op == C_LT   ? x < c->num
               : c->op == C_LE ? x <= c->num
               : c->op == C_GT ? x > c->num
                               : x >= c->num;
    }
}

void flujo__cond_free(flujo_cond_t *c)
{
    if (c == NULL) {
        return;
    }
    flujo__cond_free(c->l);
    flujo__cond_free(c->r);
    free(c->in);
    free(c);
}

/* Recursive-descent parser over the condition text:
 *   expr := term ("or" term)* ; term := factor ("and" factor)* ;
 *   factor := "not" factor | "(" expr ")" | NAME ("in" | "not in") "[" value ("," value)* "]"
 *           | NAME ("==" | "=" | "!=") value | NAME ("<" | "<=" | ">" | ">=") number */
typedef struct cparser {
    const char *p;             /* position */
    const flujo_scenario_t *s; /* attributes */
    char why[256];             /* what went wrong */
} cparser_t;

static void skip_ws(cparser_t *cp)
{
    while (isspace((unsigned char)*cp->p)) {
        cp->p++;
    }
}

/* A word: letters (any UTF-8), digits, '_', '-', '.'; or a quoted string. Returns a copy. */
static char *word(cparser_t *cp)
{
    skip_ws(cp);
    const char *s = cp->p;
    if (*s == '"' || *s == '\'') {
        const char *e = strchr(s + 1, *s);
        if (e == NULL) {
            snprintf(cp->why, sizeof(cp->why), "unclosed quote");
            return NULL;
        }
        cp->p = e + 1;
        return flujo_xstrndup(s + 1, (size_t)(e - s - 1));
    }
    while (*cp->p && (isalnum((unsigned char)*cp->p) || (unsigned char)*cp->p >= 0x80 ||
                      *cp->p == '_' || *cp->p == '-' || *cp->p == '.')) {
        cp->p++;
    }
    if (cp->p == s) {
        snprintf(cp->why, sizeof(cp->why), "expected a name or a value at '%.20s'", s);
        return NULL;
    }
    return flujo_xstrndup(s, (size_t)(cp->p - s));
}

static bool keyword(cparser_t *cp, const char *kw)
{
    skip_ws(cp);
    size_t n = strlen(kw);
    if (strncmp(cp->p, kw, n) == 0 && !isalnum((unsigned char)cp->p[n]) && cp->p[n] != '_') {
        cp->p += n;
        return true;
    }
    return false;
}

static bool punct(cparser_t *cp, const char *tok)
{
    skip_ws(cp);
    size_t n = strlen(tok);
    if (strncmp(cp->p, tok, n) == 0) {
        cp->p += n;
        return true;
    }
    return false;
}

int flujo__find_attr(const flujo_scenario_t *s, const char *name)
{
    for (size_t i = 0; i < s->n_attrs; i++) {
        if (strcmp(s->attrs[i].name, name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static flujo_cond_t *cond_expr(cparser_t *cp);

/* Marks value `v` of attribute a in set `in`; false (with a reason) if a has no such value. */
static bool mark_value(cparser_t *cp, const flujo_attr_t *a, const char *v, bool *in)
{
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->values[i], v) == 0) {
            in[i] = true;
            return true;
        }
    }
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    for (size_t i = 0; i < a->n; i++) {
        flujo_sbuf_printf(&b, "%s%s", i ? ", " : "", a->values[i]);
    }
    snprintf(cp->why, sizeof(cp->why), "attribute '%s' has no value '%s' (its values: %s)", a->name,
             v, b.s != NULL ? b.s : "");
    flujo_sbuf_destroy(&b);
    return false;
}

/* A comparison with a number holds for no case when none of a's values is a number (a value
 * mistyped, or an attribute of words): false, with a reason. */
static bool has_number(cparser_t *cp, const flujo_attr_t *a)
{
    for (size_t i = 0; i < a->n; i++) {
        if (!isnan(a->number[i])) {
            return true;
        }
    }
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    for (size_t i = 0; i < a->n; i++) {
        flujo_sbuf_printf(&b, "%s%s", i ? ", " : "", a->values[i]);
    }
    snprintf(cp->why, sizeof(cp->why),
             "attribute '%s' has no numeric value to compare with a number (its values: %s)",
             a->name, b.s != NULL ? b.s : "");
    flujo_sbuf_destroy(&b);
    return false;
}

static flujo_cond_t *cond_factor(cparser_t *cp)
{
    if (keyword(cp, "not")) {
        flujo_cond_t *l = cond_factor(cp);
        if (l == NULL) {
            return NULL;
        }
        flujo_cond_t *c = flujo_xcalloc(1, sizeof(*c));
        c->op = C_NOT;
        c->l = l;
        return c;
    }
    if (punct(cp, "(")) {
        flujo_cond_t *c = cond_expr(cp);
        if (c != NULL && !punct(cp, ")")) {
            snprintf(cp->why, sizeof(cp->why), "missing ')'");
            flujo__cond_free(c);
            return NULL;
        }
        return c;
    }
    char *name = word(cp);
    if (name == NULL) {
        return NULL;
    }
    int ai = flujo__find_attr(cp->s, name);
    if (ai < 0) {
        const char **names = flujo_xcalloc(cp->s->n_attrs + 1, sizeof(*names));
        for (size_t i = 0; i < cp->s->n_attrs; i++) {
            names[i] = cp->s->attrs[i].name;
        }
        char hint[160];
        flujo__suggest(name, names, cp->s->n_attrs, hint, sizeof(hint));
        free(names);
        snprintf(cp->why, sizeof(cp->why),
                 "no case attribute '%s'%s (define it under arrivals: attributes)", name, hint);
        free(name);
        return NULL;
    }
    free(name);
    const flujo_attr_t *a = &cp->s->attrs[ai];
    flujo_cond_t *c = flujo_xcalloc(1, sizeof(*c));
    c->attr = ai;
    c->at = a;
    bool negate = false;
    if (keyword(cp, "not")) {
        negate = true;
        if (!keyword(cp, "in")) {
            snprintf(cp->why, sizeof(cp->why), "expected 'in' after 'not'");
            goto fail;
        }
        goto in_list;
    }
    if (keyword(cp, "in")) {
    in_list:
        c->op = C_IN;
        c->in = flujo_xcalloc(a->n + 1, sizeof(bool));
        if (!punct(cp, "[")) {
            snprintf(cp->why, sizeof(cp->why), "expected '[' after 'in'");
            goto fail;
        }
        do {
            char *v = word(cp);
            if (v == NULL || !mark_value(cp, a, v, c->in)) {
                free(v);
                goto fail;
            }
            free(v);
        } while (punct(cp, ","));
        if (!punct(cp, "]")) {
            snprintf(cp->why, sizeof(cp->why), "expected ']'");
            goto fail;
        }
    } else if (punct(cp, "==") || punct(cp, "!=") || punct(cp, "=")) {
        negate = cp->p[-2] == '!';
        c->op = C_IN;
        c->in = flujo_xcalloc(a->n + 1, sizeof(bool));
        char *v = word(cp);
        if (v == NULL || !mark_value(cp, a, v, c->in)) {
            free(v);
            goto fail;
        }
        free(v);
    } else {
        if (punct(cp, "<=")) {
            c->op = C_LE;
        } else if (punct(cp, ">=")) {
            c->op = C_GE;
        } else if (punct(cp, "<")) {
            c->op = C_LT;
        } else if (punct(cp, ">")) {
            c->op = C_GT;
        } else {
            snprintf(cp->why, sizeof(cp->why),
                     "expected in, not in, ==, !=, <, <=, > or >= after '%s'", a->name);
            goto fail;
        }
        char *v = word(cp);
        if (v == NULL || !flujo_parse_number(v, &c->num)) {
            snprintf(cp->why, sizeof(cp->why), "expected a number after the comparison");
            free(v);
            goto fail;
        }
        free(v);
        if (!has_number(cp, a)) {
            goto fail;
        }
    }
    if (negate) {
        flujo_cond_t *n = flujo_xcalloc(1, sizeof(*n));
        n->op = C_NOT;
        n->l = c;
        return n;
    }
    return c;
fail:
    flujo__cond_free(c);
    return NULL;
}

static flujo_cond_t *cond_binary(cparser_t *cp, bool is_or)
{
    flujo_cond_t *l = is_or ? cond_binary(cp, false) : cond_factor(cp);
    while (l != NULL && keyword(cp, is_or ? "or" : "and")) {
        flujo_cond_t *r = is_or ? cond_binary(cp, false) : cond_factor(cp);
        if (r == NULL) {
            flujo__cond_free(l);
            return NULL;
        }
        flujo_cond_t *c = flujo_xcalloc(1, sizeof(*c));
        c->op = is_or ? C_OR : C_AND;
        c->l = l;
        c->r = r;
        l = c;
    }
    return l;
}

static flujo_cond_t *cond_expr(cparser_t *cp)
{
    return cond_binary(cp, true);
}

/* The condition `text` in full: an expression and nothing after it. */
flujo_cond_t *flujo__cond_parse(const flujo_scenario_t *s, const char *text, char *why, size_t n)
{
    cparser_t cp = {text, s, ""};
    flujo_cond_t *cond = cond_expr(&cp);
    skip_ws(&cp);
    if (cond != NULL && *cp.p != '\0') {
        snprintf(cp.why, sizeof(cp.why), "unexpected '%s'", cp.p);
        flujo__cond_free(cond);
        cond = NULL;
    }
    if (cond == NULL) {
        snprintf(why, n, "%s", cp.why);
    }
    return cond;
}
