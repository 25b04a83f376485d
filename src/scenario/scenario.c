/* scenario.c - scenario files: YAML → parameters bound to model elements, with defaults.
 *
 * The file is read into a tree (yaml.c), merged over the files it extends, overridden by --set,
 * and then walked key by key. Every parameter binds to a model element by id, else by its exact
 * (white-space squeezed) name, and every message names the file, line and key it is about. What
 * the file leaves out gets the documented default, and each default is recorded as a note. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "flujo_bpmn.h"
#include "flujo_scenario.h"
#include "import/import_int.h"
#include "scenario/scenario_int.h"
#include "yaml/yaml_int.h"

#include <sys/stat.h>

#define MAX_SCENARIO_BYTES ((size_t)16 << 20)
#define MAX_EXTENDS        16
#define MAX_DAYS           (2000L * 366) /* days the calendars cover: 1000 years and as long again */
#define DEFAULT_START      "2026-01-05"
#define DEFAULT_REPS       10
#define DEFAULT_WARMUP     "20bd"
#define DEFAULT_HORIZON    "250bd"
#define PROB_TOL           1e-6

/* ---- conditions on case attributes -------------------------------------------------------------
 */

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

bool flujo_cond_eval(const flujo_cond_t *c, const int *values)
{
    int v;
    switch (c->op) {
    case C_AND:
        return flujo_cond_eval(c->l, values) && flujo_cond_eval(c->r, values);
    case C_OR:
        return flujo_cond_eval(c->l, values) || flujo_cond_eval(c->r, values);
    case C_NOT:
        return !flujo_cond_eval(c->l, values);
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

static void cond_free(flujo_cond_t *c)
{
    if (c == NULL) {
        return;
    }
    cond_free(c->l);
    cond_free(c->r);
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

static int find_attr(const flujo_scenario_t *s, const char *name)
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
            cond_free(c);
            return NULL;
        }
        return c;
    }
    char *name = word(cp);
    if (name == NULL) {
        return NULL;
    }
    int ai = find_attr(cp->s, name);
    if (ai < 0) {
        snprintf(cp->why, sizeof(cp->why),
                 "no case attribute '%s' (define it under arrivals: attributes)", name);
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
    }
    if (negate) {
        flujo_cond_t *n = flujo_xcalloc(1, sizeof(*n));
        n->op = C_NOT;
        n->l = c;
        return n;
    }
    return c;
fail:
    cond_free(c);
    return NULL;
}

static flujo_cond_t *cond_binary(cparser_t *cp, bool is_or)
{
    flujo_cond_t *l = is_or ? cond_binary(cp, false) : cond_factor(cp);
    while (l != NULL && keyword(cp, is_or ? "or" : "and")) {
        flujo_cond_t *r = is_or ? cond_binary(cp, false) : cond_factor(cp);
        if (r == NULL) {
            cond_free(l);
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

/* ---- the loader
 * ---------------------------------------------------------------------------------- */

typedef struct loader {
    flujo_scenario_t *s;                /* being built */
    flujo_err_t *err;                   /* where the first error goes */
    char **files;                       /* every file read (node->file points into these) */
    size_t n_files;                     /* how many */
    size_t cap_files;                   /* allocated */
    bool bare;                          /* a bare model, no scenario file */
    struct stat chain[MAX_EXTENDS + 2]; /* identity of the files being read, outermost first */
    char **removed;                     /* ids and names of steps a redesign removed so far */
    size_t n_removed, cap_removed;
} loader_t;

static const char *remember_file(loader_t *L, const char *path)
{
    flujo_grow((void **)&L->files, &L->cap_files, L->n_files + 1, sizeof(*L->files));
    L->files[L->n_files] = flujo_xstrdup(path);
    return L->files[L->n_files++];
}

/* Fails with "FILE:LINE: PATH: message" about node n (or the scenario when n is NULL). */
static flujo_status_t fail(loader_t *L, const flujo__ynode_t *n, const char *path, const char *fmt,
                           ...) FLUJO_PRINTF(4, 5);

static flujo_status_t fail(loader_t *L, const flujo__ynode_t *n, const char *path, const char *fmt,
                           ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    const char *file = n != NULL && n->file != NULL ? n->file : L->s->file;
    if (n != NULL && n->line > 0) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO, "%s:%ld: %s: %s", file, n->line, path, msg);
    }
    if (n != NULL && n->file != NULL && n->file[0] == '-') {
        return flujo_err_set(L->err, FLUJO_ESCENARIO, "%s: %s: %s", n->file, path, msg);
    }
    return flujo_err_set(L->err, FLUJO_ESCENARIO, "%s: %s: %s", file, path, msg);
}

/* Line of key i of map (the key's own line is the most useful place for a message). */
static flujo__ynode_t keyref(const flujo__ynode_t *map, size_t i)
{
    flujo__ynode_t k = {0};
    k.file = map->items[i]->file;
    k.line = map->key_lines[i] > 0 ? map->key_lines[i] : map->items[i]->line;
    return k;
}

static char *join_path(const char *a, const char *b)
{
    flujo_sbuf_t s;
    flujo_sbuf_init(&s);
    if (a != NULL && a[0]) {
        flujo_sbuf_printf(&s, "%s.%s", a, b);
    } else {
        flujo_sbuf_add(&s, b);
    }
    return flujo_sbuf_take(&s);
}

/* Levenshtein distance on bytes, for "did you mean" hints. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 200 || lb > 200) {
        return SIZE_MAX;
    }
    size_t row[201];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t prev = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cur = row[j];
            size_t sub = prev + (a[i - 1] != b[j - 1]);
            size_t del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
        }
    }
    return row[lb];
}

/* " (did you mean 'X'?)" for the closest of names, or "". */
static void suggest(const char *key, const char *const *names, size_t n, char *buf, size_t len)
{
    size_t best = SIZE_MAX;
    const char *pick = NULL;
    for (size_t i = 0; i < n; i++) {
        if (names[i] == NULL || names[i][0] == '\0') {
            continue;
        }
        size_t d = edit_distance(key, names[i]);
        if (d < best) {
            best = d;
            pick = names[i];
        }
    }
    if (pick != NULL && best <= 3 + strlen(key) / 4) {
        snprintf(buf, len, " (did you mean '%s'?)", pick);
    } else {
        buf[0] = '\0';
    }
}

/* Fails for the first key of map that is not in allowed. */
static flujo_status_t check_keys(loader_t *L, const flujo__ynode_t *map, const char *path,
                                 const char *const *allowed)
{
    size_t na = 0;
    while (allowed[na] != NULL) {
        na++;
    }
    for (size_t i = 0; i < map->n; i++) {
        bool ok = false;
        for (size_t k = 0; k < na && !ok; k++) {
            ok = strcmp(map->keys[i], allowed[k]) == 0;
        }
        if (!ok) {
            char hint[160];
            char *p = join_path(path, map->keys[i]);
            flujo_sbuf_t list;
            flujo_sbuf_init(&list);
            for (size_t k = 0; k < na; k++) {
                flujo_sbuf_printf(&list, "%s%s", k ? ", " : "", allowed[k]);
            }
            suggest(map->keys[i], allowed, na, hint, sizeof(hint));
            flujo__ynode_t kr = keyref(map, i);
            flujo_status_t st = fail(L, &kr, p, "unknown key%s; known keys here: %s", hint, list.s);
            flujo_sbuf_destroy(&list);
            free(p);
            return st;
        }
    }
    return FLUJO_OK;
}

static flujo_status_t need_map(loader_t *L, const flujo__ynode_t *n, const char *path)
{
    if (n->kind != FLUJO__Y_MAP) {
        return fail(L, n, path, "expected a map of 'key: value' lines");
    }
    return FLUJO_OK;
}

static flujo_status_t need_scalar(loader_t *L, const flujo__ynode_t *n, const char *path)
{
    if (n->kind != FLUJO__Y_SCALAR) {
        return fail(L, n, path, "expected a single value, not a %s",
                    n->kind == FLUJO__Y_MAP ? "map" : "list");
    }
    return FLUJO_OK;
}

static flujo_status_t get_number(loader_t *L, const flujo__ynode_t *n, const char *path,
                                 double *out)
{
    flujo_status_t st = need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    if (!flujo_parse_number(n->value, out)) {
        return fail(L, n, path, "'%s' is not a number", n->value);
    }
    return FLUJO_OK;
}

static flujo_status_t get_prob(loader_t *L, const flujo__ynode_t *n, const char *path, double *out)
{
    flujo_status_t st = get_number(L, n, path, out);
    if (st == FLUJO_OK && (*out < 0 || *out > 1)) {
        return fail(L, n, path, "a probability must be between 0 and 1, not %s", n->value);
    }
    return st;
}

static flujo_status_t get_count(loader_t *L, const flujo__ynode_t *n, const char *path, long min,
                                long max, long *out)
{
    double v;
    flujo_status_t st = get_number(L, n, path, &v);
    if (st != FLUJO_OK) {
        return st;
    }
    if (v != floor(v) || v < (double)min || v > (double)max) {
        return fail(L, n, path, "expected a whole number from %ld to %ld, not %s", min, max,
                    n->value);
    }
    *out = (long)v;
    return FLUJO_OK;
}

static flujo_status_t get_dist(loader_t *L, const flujo__ynode_t *n, const char *path,
                               flujo_dist_t *out)
{
    flujo_status_t st = need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    flujo_err_t e = {0};
    if (flujo_dist_parse(n->value, out, &e) != FLUJO_OK) {
        return fail(L, n, path, "%s", e.msg);
    }
    return FLUJO_OK;
}

static flujo_status_t get_duration(loader_t *L, const flujo__ynode_t *n, const char *path,
                                   double *sec, flujo_clock_t *clock)
{
    flujo_status_t st = need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    flujo_err_t e = {0};
    if (!flujo_parse_duration(n->value, sec, clock, &e)) {
        return fail(L, n, path, "%s", e.msg);
    }
    return FLUJO_OK;
}

/* A relative path resolved against the directory of the file that mentions it. */
static char *relative_to(const char *file, const char *path)
{
    if (path[0] == '/') {
        return flujo_xstrdup(path);
    }
    const char *slash = strrchr(file, '/');
    if (slash == NULL) {
        return flujo_xstrdup(path);
    }
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    flujo_sbuf_addn(&b, file, (size_t)(slash - file + 1));
    flujo_sbuf_add(&b, path);
    return flujo_sbuf_take(&b);
}

/* Reads a scenario file and everything it extends, merged (the file's own keys win). */
static flujo_status_t read_tree(loader_t *L, const char *path, int depth, flujo__ynode_t **out)
{
    if (depth > MAX_EXTENDS) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s: extends goes deeper than %d files (a cycle?)", path, MAX_EXTENDS);
    }
    char *buf;
    size_t len;
    flujo_status_t st = flujo_read_file(path, MAX_SCENARIO_BYTES, &buf, &len, L->err);
    if (st != FLUJO_OK) {
        return st;
    }
    const char *file = remember_file(L, path);
    stat(path, &L->chain[depth]);
    flujo__ynode_t *root = NULL;
    st = flujo__yaml_parse(buf, len, file, &root, L->err);
    free(buf);
    if (st != FLUJO_OK) {
        return st;
    }
    if (root == NULL) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s:1: empty scenario: it needs at least 'flujo: 1' and 'model:'",
                             path);
    }
    if (root->kind != FLUJO__Y_MAP) {
        st = flujo_err_set(L->err, FLUJO_ESCENARIO,
                           "%s:%ld: a scenario is a map of 'key: value' lines", path, root->line);
        flujo__yaml_free(root);
        return st;
    }
    long ei = flujo__yaml_find(root, "extends");
    if (ei >= 0) {
        flujo__ynode_t *ext = root->items[ei];
        if (ext->kind != FLUJO__Y_SCALAR) {
            st = flujo_err_set(L->err, FLUJO_ESCENARIO, "%s:%ld: extends: expected a file name",
                               path, ext->line);
            flujo__yaml_free(root);
            return st;
        }
        char *base_path = relative_to(path, ext->value);
        struct stat sb;
        bool found = stat(base_path, &sb) == 0;
        for (int i = 0; i <= depth && found && st == FLUJO_OK; i++) {
            if (L->chain[i].st_dev == sb.st_dev && L->chain[i].st_ino == sb.st_ino) {
                st = flujo_err_set(L->err, FLUJO_ESCENARIO,
                                   "%s:%ld: extends: %s is already being read (extends goes "
                                   "round in a cycle)",
                                   path, ext->line, ext->value);
            }
        }
        flujo__ynode_t *base = NULL;
        if (st == FLUJO_OK) {
            st = read_tree(L, base_path, depth + 1, &base);
        }
        free(base_path);
        if (st != FLUJO_OK) {
            flujo__yaml_free(root);
            return st;
        }
        root = flujo__yaml_merge(base, root);
    }
    *out = root;
    return FLUJO_OK;
}

/* ---- binding names to model elements -------------------------------------------------------- */

typedef bool (*node_filter_t)(const flujo_model_t *m, int64_t v);

static bool is_activity_node(const flujo_model_t *m, int64_t v)
{
    flujo_node_kind_t k = m->nodes[v].kind;
    return k == FLUJO_NODE_TASK || k == FLUJO_NODE_SUBPROCESS || k == FLUJO_NODE_CALL;
}

static bool is_split_gateway(const flujo_model_t *m, int64_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_GATEWAY;
}

static bool is_event_node(const flujo_model_t *m, int64_t v)
{
    flujo_node_kind_t k = m->nodes[v].kind;
    return k == FLUJO_NODE_CATCH || k == FLUJO_NODE_BOUNDARY || k == FLUJO_NODE_START ||
           k == FLUJO_NODE_THROW || k == FLUJO_NODE_END;
}

static bool is_any_node(const flujo_model_t *m, int64_t v)
{
    (void)m;
    (void)v;
    return true;
}

static bool is_start_node(const flujo_model_t *m, int64_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_START && m->nodes[v].parent < 0;
}

/* The node a scenario key names: by id, else by exact name among the nodes `ok` accepts. */
/* The one node named `name`, whatever its kind, or -1. */
static int64_t other_kind(const flujo_model_t *m, const char *name)
{
    int64_t found = -1;
    for (size_t i = 0; i < m->n_nodes; i++) {
        if (strcmp(m->nodes[i].name, name) == 0) {
            if (found >= 0) {
                return -1;
            }
            found = (int64_t)i;
        }
    }
    return found;
}

static flujo_status_t bind_node(loader_t *L, const flujo__ynode_t *where, const char *path,
                                const char *key, node_filter_t ok, const char *what, int64_t *out)
{
    const flujo_model_t *m = L->s->model;
    int64_t v = flujo_model_find_node(m, key);
    const char *an = strchr("aeiou", what[0]) != NULL ? "an" : "a";
    if (v >= 0) {
        if (!ok(m, v)) {
            return fail(L, where, path, "'%s' is a %s, not %s %s", key, m->nodes[v].type, an, what);
        }
        *out = v;
        return FLUJO_OK;
    }
    char *name = flujo_strdup_squeeze(key);
    int64_t found = -1;
    flujo_sbuf_t ids;
    flujo_sbuf_init(&ids);
    size_t n_found = 0;
    for (size_t i = 0; i < m->n_nodes; i++) {
        if (ok(m, (int64_t)i) && strcmp(m->nodes[i].name, name) == 0) {
            flujo_sbuf_printf(&ids, "%s%s", n_found ? ", " : "", m->nodes[i].id);
            found = (int64_t)i;
            n_found++;
        }
    }
    flujo_status_t st = FLUJO_OK;
    if (n_found > 1) {
        st = fail(L, where, path, "%zu %ss are named '%s' (%s): use the id of one", n_found, what,
                  name, ids.s);
    } else if (n_found == 0 && (v = other_kind(m, name)) >= 0) {
        st = fail(L, where, path, "'%s' is a %s, not %s %s", name, m->nodes[v].type, an, what);
    } else if (n_found == 0) {
        const char **names = flujo_xcalloc(m->n_nodes + 1, sizeof(*names));
        size_t nn = 0;
        for (size_t i = 0; i < m->n_nodes; i++) {
            if (ok(m, (int64_t)i)) {
                names[nn++] = m->nodes[i].name;
            }
        }
        char hint[300];
        suggest(name, names, nn, hint, sizeof(hint));
        free(names);
        st = fail(L, where, path, "the model has no %s with this id or name%s", what, hint);
    } else {
        *out = found;
    }
    flujo_sbuf_destroy(&ids);
    free(name);
    return st;
}

static int find_calendar(const flujo_scenario_t *s, const char *name)
{
    for (size_t i = 0; i < s->n_calendars; i++) {
        if (strcmp(flujo_calendar_name(s->calendars[i]), name) == 0) {
            return (int)i;
        }
    }
    return -1;
}

static flujo_status_t get_calendar_ref(loader_t *L, const flujo__ynode_t *n, const char *path,
                                       int *out)
{
    flujo_status_t st = need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    int c = find_calendar(L->s, n->value);
    if (c < 0) {
        const char **names = flujo_xcalloc(L->s->n_calendars + 1, sizeof(*names));
        for (size_t i = 0; i < L->s->n_calendars; i++) {
            names[i] = flujo_calendar_name(L->s->calendars[i]);
        }
        char hint[200];
        suggest(n->value, names, L->s->n_calendars, hint, sizeof(hint));
        free(names);
        return fail(L, n, path, "no calendar named '%s'%s (define it under calendars:)", n->value,
                    hint);
    }
    *out = c;
    return FLUJO_OK;
}

/* ---- calendars
 * ----------------------------------------------------------------------------------- */

static const struct {
    const char *name;
    int wd;
} day_names[] = {
    {"mon", 0}, {"tue", 1}, {"wed", 2}, {"thu", 3}, {"fri", 4}, {"sat", 5}, {"sun", 6}, {"lun", 0},
    {"mar", 1}, {"mie", 2}, {"mié", 2}, {"jue", 3}, {"vie", 4}, {"sab", 5}, {"sáb", 5}, {"dom", 6},
};

static int day_index(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof(day_names) / sizeof(day_names[0]); i++) {
        if (strlen(day_names[i].name) == n && strncmp(day_names[i].name, s, n) == 0) {
            return day_names[i].wd;
        }
    }
    return -1;
}

/* "mon-fri", "sat", "mon,wed,fri" → mask of weekdays. */
static bool parse_days(const char *s, unsigned *mask)
{
    *mask = 0;
    while (*s) {
        const char *comma = strchr(s, ',');
        size_t len = comma != NULL ? (size_t)(comma - s) : strlen(s);
        const char *dash = memchr(s, '-', len);
        if (dash != NULL) {
            int a = day_index(s, (size_t)(dash - s));
            int b = day_index(dash + 1, len - (size_t)(dash - s) - 1);
            if (a < 0 || b < 0) {
                return false;
            }
            for (int d = a;; d = (d + 1) % 7) {
                *mask |= 1u << d;
                if (d == b) {
                    break;
                }
            }
        } else {
            int a = day_index(s, len);
            if (a < 0) {
                return false;
            }
            *mask |= 1u << a;
        }
        s += len;
        if (*s == ',') {
            s++;
        }
    }
    return *mask != 0;
}

/* "HH:MM" or "HH:MM:SS[.fff]" → seconds after midnight (24:00 allowed). */
static bool parse_clock(const char *s, size_t n, int *sec)
{
    int h, m, used = 0;
    double sc = 0;
    char buf[32];
    if (n == 0 || n >= sizeof(buf)) {
        return false;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (sscanf(buf, " %d:%d%n", &h, &m, &used) != 2) {
        return false;
    }
    if (buf[used] == ':') { /* seconds, with milliseconds perhaps: 17:00:00.000 */
        char *end;
        sc = strtod(buf + used + 1, &end);
        if (end == buf + used + 1 || !(sc >= 0 && sc < 60)) {
            return false;
        }
        used = (int)(end - buf);
    }
    while (isspace((unsigned char)buf[used])) {
        used++;
    }
    if (buf[used] != '\0' || h < 0 || m < 0 || m > 59 || h > 24 ||
        (h == 24 && (m != 0 || sc != 0))) {
        return false;
    }
    /* to the second; 23:59:59 and 23:59:59.999 (the end of the day in other tools) are 24:00 */
    int total = h * 3600 + m * 60 + (int)floor(sc + 0.5);
    *sec = total >= 86399 ? 86400 : total;
    return true;
}

static flujo_status_t read_week(loader_t *L, flujo_calendar_t *c, const flujo__ynode_t *week,
                                const char *path)
{
    flujo_status_t st = need_map(L, week, path);
    if (st != FLUJO_OK) {
        return st;
    }
    for (size_t i = 0; i < week->n; i++) {
        char *p = join_path(path, week->keys[i]);
        unsigned mask;
        flujo__ynode_t kr = keyref(week, i);
        if (!parse_days(week->keys[i], &mask)) {
            st = fail(L, &kr, p,
                      "unknown days: write mon, tue, wed, thu, fri, sat, sun (or lun ... dom), a "
                      "range like mon-fri or a list like mon,wed");
            free(p);
            return st;
        }
        const flujo__ynode_t *v = week->items[i];
        size_t n = v->kind == FLUJO__Y_SEQ ? v->n : 1;
        for (size_t k = 0; k < n; k++) {
            const flujo__ynode_t *iv = v->kind == FLUJO__Y_SEQ ? v->items[k] : v;
            if (iv->kind != FLUJO__Y_SCALAR) {
                st = fail(L, iv, p, "expected intervals like \"08:00-13:00\"");
                free(p);
                return st;
            }
            if (strcmp(iv->value, "closed") == 0 || strcmp(iv->value, "cerrado") == 0) {
                continue;
            }
            const char *dash = strchr(iv->value, '-');
            int from, to;
            if (dash == NULL || !parse_clock(iv->value, (size_t)(dash - iv->value), &from) ||
                !parse_clock(dash + 1, strlen(dash + 1), &to) || from >= to) {
                st = fail(L, iv, p,
                          "'%s' is not an interval like \"08:00-13:00\" (start before end, within "
                          "one day)",
                          iv->value);
                free(p);
                return st;
            }
            for (int d = 0; d < 7; d++) {
                if (mask & (1u << d)) {
                    flujo_calendar_add_interval(c, d, from, to);
                }
            }
        }
        free(p);
    }
    return FLUJO_OK;
}

static flujo_status_t read_holidays(loader_t *L, flujo_calendar_t *c, const flujo__ynode_t *h,
                                    const char *path)
{
    size_t n = h->kind == FLUJO__Y_SEQ ? h->n : 1;
    for (size_t k = 0; k < n; k++) {
        const flujo__ynode_t *v = h->kind == FLUJO__Y_SEQ ? h->items[k] : h;
        long day;
        if (v->kind != FLUJO__Y_SCALAR) {
            return fail(L, v, path, "expected peru or dates like 2026-11-04");
        }
        if (strcmp(v->value, "peru") == 0) {
            flujo_calendar_add_peru_holidays(c);
        } else if (flujo_parse_date(v->value, &day)) {
            flujo_calendar_add_holiday(c, day);
        } else {
            return fail(L, v, path, "'%s' is neither peru nor a date like 2026-11-04", v->value);
        }
    }
    return FLUJO_OK;
}

static flujo_status_t add_calendar(loader_t *L, flujo_calendar_t *c)
{
    flujo_scenario_t *s = L->s;
    size_t cap = s->n_calendars;
    flujo_grow((void **)&s->calendars, &cap, s->n_calendars + 1, sizeof(*s->calendars));
    s->calendars[s->n_calendars++] = c;
    return FLUJO_OK;
}

static flujo_status_t read_calendars(loader_t *L, const flujo__ynode_t *cals)
{
    static const char *const keys[] = {"week", "holidays", NULL};
    flujo_status_t st = need_map(L, cals, "calendars");
    for (size_t i = 0; i < cals->n && st == FLUJO_OK; i++) {
        char *p = join_path("calendars", cals->keys[i]);
        const flujo__ynode_t *v = cals->items[i];
        flujo__ynode_t kr = keyref(cals, i);
        if (find_calendar(L->s, cals->keys[i]) >= 0 && strcmp(cals->keys[i], "always") != 0) {
            st = fail(L, &kr, p, "a calendar with this name is already defined");
        } else if (strcmp(cals->keys[i], "always") == 0) {
            if (v->kind != FLUJO__Y_SCALAR || strcmp(v->value, "always") != 0) {
                st = fail(L, v, p, "'always' is the 24/7 calendar and cannot be redefined");
            }
        } else if (v->kind == FLUJO__Y_SCALAR && strcmp(v->value, "always") == 0) {
            add_calendar(L, flujo_calendar_new(cals->keys[i], true));
        } else if ((st = need_map(L, v, p)) == FLUJO_OK &&
                   (st = check_keys(L, v, p, keys)) == FLUJO_OK) {
            flujo_calendar_t *c = flujo_calendar_new(cals->keys[i], false);
            const flujo__ynode_t *week = flujo__yaml_get(v, "week");
            const flujo__ynode_t *hol = flujo__yaml_get(v, "holidays");
            char *wp = join_path(p, "week");
            char *hp = join_path(p, "holidays");
            if (week == NULL) {
                st = fail(L, v, p,
                          "a calendar needs week: (open hours per day) or the value "
                          "always");
            } else {
                st = read_week(L, c, week, wp);
            }
            if (st == FLUJO_OK && hol != NULL) {
                st = read_holidays(L, c, hol, hp);
            }
            if (st == FLUJO_OK && flujo_calendar_week_open(c) <= 0) {
                st = fail(L, week, wp, "the calendar is never open");
            }
            free(wp);
            free(hp);
            if (st == FLUJO_OK) {
                add_calendar(L, c);
            } else {
                flujo_calendar_free(c);
            }
        }
        free(p);
    }
    return st;
}

/* ---- pools
 * ----------------------------------------------------------------------------------------- */

static int64_t find_pool(const flujo_scenario_t *s, const char *name)
{
    for (size_t i = 0; i < s->n_pools; i++) {
        if (strcmp(s->pools[i].name, name) == 0) {
            return (int64_t)i;
        }
    }
    return -1;
}

static int64_t add_pool(flujo_scenario_t *s, const char *name)
{
    size_t cap = s->n_pools;
    flujo_grow((void **)&s->pools, &cap, s->n_pools + 1, sizeof(*s->pools));
    flujo_pool_t *p = &s->pools[s->n_pools];
    memset(p, 0, sizeof(*p));
    p->name = flujo_xstrdup(name);
    p->count = 1;
    p->calendar = 0;
    return (int64_t)s->n_pools++;
}

static flujo_status_t read_resources(loader_t *L, const flujo__ynode_t *res)
{
    static const char *const keys[] = {"count", "calendar", "cost_per_hour", "queue", NULL};
    flujo_status_t st = need_map(L, res, "resources");
    for (size_t i = 0; i < res->n && st == FLUJO_OK; i++) {
        char *p = join_path("resources", res->keys[i]);
        const flujo__ynode_t *v = res->items[i];
        char *name = flujo_strdup_squeeze(res->keys[i]);
        int64_t pi = add_pool(L->s, name);
        free(name);
        flujo_pool_t *pool = &L->s->pools[pi];
        pool->line = res->key_lines[i];
        pool->file = flujo_xstrdup(res->file);
        const flujo__ynode_t *count = v;
        if (v->kind == FLUJO__Y_MAP) {
            st = check_keys(L, v, p, keys);
            count = flujo__yaml_get(v, "count");
        }
        char *cp = join_path(p, "count");
        if (st == FLUJO_OK && count != NULL) {
            if (count->kind == FLUJO__Y_SCALAR && strcmp(count->value, "unlimited") == 0) {
                pool->unlimited = true;
            } else {
                double n;
                st = get_number(L, count, cp, &n);
                if (st == FLUJO_OK && (n != floor(n) || n < 1 || n > 1000000)) {
                    st = fail(L, count, cp,
                              "a pool needs a whole number of performers, at least 1 (or "
                              "unlimited), not %s",
                              count->value);
                }
                pool->count = st == FLUJO_OK ? (long)n : 1; /* never convert what is out of range */
            }
        }
        free(cp);
        if (st == FLUJO_OK && v->kind == FLUJO__Y_MAP) {
            const flujo__ynode_t *x;
            if ((x = flujo__yaml_get(v, "calendar")) != NULL) {
                char *xp = join_path(p, "calendar");
                st = get_calendar_ref(L, x, xp, &pool->calendar);
                free(xp);
            }
            if (st == FLUJO_OK && (x = flujo__yaml_get(v, "cost_per_hour")) != NULL) {
                char *xp = join_path(p, "cost_per_hour");
                st = get_number(L, x, xp, &pool->cost_per_hour);
                if (st == FLUJO_OK && pool->cost_per_hour < 0) {
                    st = fail(L, x, xp, "a cost cannot be negative");
                }
                free(xp);
            }
            if (st == FLUJO_OK && (x = flujo__yaml_get(v, "queue")) != NULL) {
                char *xp = join_path(p, "queue");
                if ((st = need_scalar(L, x, xp)) == FLUJO_OK) {
                    if (strcmp(x->value, "fifo") == 0) {
                        pool->queue = FLUJO_QUEUE_FIFO;
                    } else if (strcmp(x->value, "edd") == 0) {
                        pool->queue = FLUJO_QUEUE_EDD;
                    } else if (strcmp(x->value, "priority") == 0) {
                        pool->queue = FLUJO_QUEUE_PRIORITY;
                    } else {
                        st = fail(L, x, xp, "'%s' is not fifo, edd or priority", x->value);
                    }
                }
                free(xp);
            }
        } else if (st == FLUJO_OK && v->kind != FLUJO__Y_MAP && count == v) {
            /* "Mesa de Partes: 3" is short for {count: 3} */
        }
        free(p);
    }
    return st;
}

/* ---- activities --------------------------------------------------------------------------------
 */

static const char *const asme_types[] = {"operacion", "inspeccion", "traslado",
                                         "espera",    "archivo",    NULL};

/* ASME-VM type without accents: "operación" → "operacion". NULL if unknown. */
static const char *asme_type(const char *v)
{
    static const struct {
        const char *in, *out;
    } accents[] = {{"operación", "operacion"}, {"inspección", "inspeccion"}};
    for (size_t i = 0; i < 2; i++) {
        if (strcmp(v, accents[i].in) == 0) {
            return accents[i].out;
        }
    }
    for (size_t i = 0; asme_types[i] != NULL; i++) {
        if (strcmp(v, asme_types[i]) == 0) {
            return asme_types[i];
        }
    }
    return NULL;
}

/* The error boundary event attached to activity v, or -1. */
static int64_t error_boundary(const flujo_model_t *m, int64_t v)
{
    for (size_t b = 0; b < m->n_nodes; b++) {
        if (m->nodes[b].kind == FLUJO_NODE_BOUNDARY && m->nodes[b].attached_to == v &&
            (m->nodes[b].event_defs & FLUJO_EV_ERROR)) {
            return (int64_t)b;
        }
    }
    return -1;
}

/* The pool named `name`, or a failure that suggests the closest names. */
static flujo_status_t pool_ref(loader_t *L, const flujo__ynode_t *at, const char *path,
                               const char *name, int64_t *out)
{
    char *sq = flujo_strdup_squeeze(name);
    int64_t p = find_pool(L->s, sq);
    free(sq);
    if (p < 0) {
        const char **names = flujo_xcalloc(L->s->n_pools + 1, sizeof(*names));
        for (size_t i = 0; i < L->s->n_pools; i++) {
            names[i] = L->s->pools[i].name;
        }
        char hint[200];
        suggest(name, names, L->s->n_pools, hint, sizeof(hint));
        free(names);
        return fail(L, at, path, "no pool named '%s'%s: define it under resources: or name a lane",
                    name, hint);
    }
    *out = p;
    return FLUJO_OK;
}

/* Frees the alternatives of t and the durations they own (one moved to the task owns none). */
static void free_alts(flujo_task_t *t)
{
    for (size_t i = 0; i < t->n_alts; i++) {
        if (t->alts[i].own_duration) {
            flujo_dist_destroy(&t->alts[i].duration);
        }
    }
    free(t->alts);
    t->alts = NULL;
    t->n_alts = 0;
}

/* resource: [A, B] or [{pool: A, duration: D}, ...]: any of several pools does the task. */
static flujo_status_t read_alternatives(loader_t *L, const flujo__ynode_t *r, const char *path,
                                        flujo_task_t *t)
{
    static const char *const keys[] = {"pool", "duration", NULL};
    if (r->n == 0) {
        return fail(L, r, path, "name at least one pool");
    }
    free_alts(t);
    t->alts = flujo_xcalloc(r->n, sizeof(*t->alts));
    flujo_status_t st = FLUJO_OK;
    for (size_t i = 0; i < r->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *y = r->items[i];
        char idx[32];
        snprintf(idx, sizeof(idx), "[%zu]", i + 1);
        char *p = join_path(path, idx);
        flujo_alt_t *a = &t->alts[t->n_alts];
        const flujo__ynode_t *name = y;
        if (y->kind == FLUJO__Y_MAP) {
            st = check_keys(L, y, p, keys);
            name = flujo__yaml_get(y, "pool");
            if (st == FLUJO_OK && name == NULL) {
                st = fail(L, y, p, "each alternative needs pool: (and may have duration:)");
            }
        }
        if (st == FLUJO_OK) {
            char *np = y->kind == FLUJO__Y_MAP ? join_path(p, "pool") : flujo_xstrdup(p);
            if ((st = need_scalar(L, name, np)) == FLUJO_OK) {
                st = pool_ref(L, name, np, name->value, &a->pool);
            }
            free(np);
        }
        for (size_t k = 0; k < t->n_alts && st == FLUJO_OK; k++) {
            if (t->alts[k].pool == a->pool) {
                st = fail(L, name, p, "'%s' is named twice", name->value);
            }
        }
        const flujo__ynode_t *d = y->kind == FLUJO__Y_MAP ? flujo__yaml_get(y, "duration") : NULL;
        if (st == FLUJO_OK && d != NULL) {
            char *dp = join_path(p, "duration");
            st = get_dist(L, d, dp, &a->duration);
            a->own_duration = st == FLUJO_OK;
            free(dp);
        }
        if (st == FLUJO_OK) {
            t->n_alts++;
        }
        free(p);
    }
    if (st == FLUJO_OK) {
        t->pool = t->alts[0].pool;
        t->units = 1;
        if (t->n_alts == 1) { /* one pool after all: the task's duration unless it has its own */
            if (t->alts[0].own_duration) {
                flujo_dist_destroy(&t->duration);
                t->duration = t->alts[0].duration;
                t->alts[0].own_duration = false;
            }
            free_alts(t);
        }
    } else {
        free_alts(t);
    }
    return st;
}

static flujo_status_t read_resource_ref(loader_t *L, const flujo__ynode_t *r, const char *path,
                                        flujo_task_t *t)
{
    const char *name;
    const flujo__ynode_t *at = r;
    if (r->kind == FLUJO__Y_SEQ) {
        return read_alternatives(L, r, path, t);
    }
    if (r->kind == FLUJO__Y_SCALAR) {
        name = r->value;
        t->units = 1;
    } else if (r->kind == FLUJO__Y_MAP && r->n == 1) {
        name = r->keys[0];
        char *up = join_path(path, r->keys[0]);
        flujo_status_t st = get_count(L, r->items[0], up, 1, 1000, &t->units);
        free(up);
        if (st != FLUJO_OK) {
            return st;
        }
    } else {
        return fail(L, r, path,
                    "expected a pool name, {Pool: units}, or a list of the pools that can do it");
    }
    free_alts(t);
    return pool_ref(L, at, path, name, &t->pool);
}

static flujo_status_t read_task(loader_t *L, int64_t v, const flujo__ynode_t *map, const char *path)
{
    static const char *const keys[] = {"duration",    "resource",  "error", "asme",
                                       "value_added", "instances", "loop",  "loop_max",
                                       "deadline",    NULL};
    flujo_model_t *m = L->s->model;
    flujo_task_t *t = &L->s->tasks[v];
    flujo_status_t st = need_map(L, map, path);
    if (st == FLUJO_OK) {
        st = check_keys(L, map, path, keys);
    }
    if (st != FLUJO_OK) {
        return st;
    }
    t->given = true;
    t->line = map->line;
    bool is_task = m->nodes[v].kind == FLUJO_NODE_TASK;
    for (size_t i = 0; i < map->n && st == FLUJO_OK; i++) {
        const char *k = map->keys[i];
        const flujo__ynode_t *x = map->items[i];
        char *p = join_path(path, k);
        if (!is_task &&
            (strcmp(k, "duration") == 0 || strcmp(k, "resource") == 0 || strcmp(k, "error") == 0)) {
            st = fail(L, x, p,
                      "'%s' is a %s: its time comes from the activities inside it; give %s to "
                      "them",
                      m->nodes[v].id, m->nodes[v].type, k);
        } else if (strcmp(k, "duration") == 0) {
            flujo_dist_t d;
            if ((st = get_dist(L, x, p, &d)) == FLUJO_OK) {
                flujo_dist_destroy(&t->duration);
                t->duration = d;
            }
        } else if (strcmp(k, "resource") == 0) {
            st = read_resource_ref(L, x, p, t);
        } else if (strcmp(k, "error") == 0) {
            st = get_prob(L, x, p, &t->error);
            if (st == FLUJO_OK && t->error > 0) {
                t->error_boundary = error_boundary(m, v);
                if (t->error_boundary < 0) {
                    st = fail(L, x, p,
                              "'%s' has no error boundary event to end through: draw one on the "
                              "task in the model",
                              m->nodes[v].id);
                }
            }
        } else if (strcmp(k, "asme") == 0) {
            if ((st = need_scalar(L, x, p)) == FLUJO_OK) {
                const char *a = asme_type(x->value);
                if (a == NULL) {
                    st = fail(L, x, p,
                              "'%s' is not an ASME type (operacion, inspeccion, traslado, espera, "
                              "archivo)",
                              x->value);
                } else {
                    free(t->asme);
                    t->asme = flujo_xstrdup(a);
                }
            }
        } else if (strcmp(k, "value_added") == 0) {
            if ((st = need_scalar(L, x, p)) == FLUJO_OK) {
                if (strcmp(x->value, "true") == 0 || strcmp(x->value, "yes") == 0 ||
                    strcmp(x->value, "sí") == 0 || strcmp(x->value, "si") == 0) {
                    t->value_added = 1;
                } else if (strcmp(x->value, "false") == 0 || strcmp(x->value, "no") == 0) {
                    t->value_added = 0;
                } else {
                    st = fail(L, x, p, "expected true or false, not '%s'", x->value);
                }
            }
        } else if (strcmp(k, "instances") == 0) {
            st = get_count(L, x, p, 1, 10000, &t->instances);
            if (st == FLUJO_OK && m->nodes[v].loop != FLUJO_LOOP_MI_PARALLEL &&
                m->nodes[v].loop != FLUJO_LOOP_MI_SEQUENTIAL) {
                st = fail(L, x, p,
                          "'%s' is not a multi-instance activity in the model (draw the ||| or "
                          "≡ marker)",
                          m->nodes[v].id);
            }
        } else if (strcmp(k, "loop") == 0) {
            st = get_prob(L, x, p, &t->loop);
            if (st == FLUJO_OK && t->loop >= 1) {
                st = fail(L, x, p, "a loop repeated with probability 1 never ends");
            }
            if (st == FLUJO_OK && m->nodes[v].loop != FLUJO_LOOP_STANDARD) {
                st = fail(L, x, p, "'%s' has no loop marker in the model", m->nodes[v].id);
            }
        } else if (strcmp(k, "loop_max") == 0) {
            st = get_count(L, x, p, 1, 100000, &t->loop_max);
        } else if (strcmp(k, "deadline") == 0) {
            flujo_clock_t c;
            st = get_duration(L, x, p, &t->deadline, &c);
            if (st == FLUJO_OK && c != FLUJO_CLOCK_BDAYS) {
                st =
                    fail(L, x, p, "activity deadlines are counted in business days (bd), e.g. 7bd");
            }
            t->deadline_same_day = st == FLUJO_OK && t->deadline == 0;
        }
        free(p);
    }
    return st;
}

static flujo_status_t read_tasks(loader_t *L, const flujo__ynode_t *tasks)
{
    flujo_status_t st = need_map(L, tasks, "tasks");
    for (size_t i = 0; i < tasks->n && st == FLUJO_OK; i++) {
        char *p = join_path("tasks", tasks->keys[i]);
        int64_t v;
        flujo__ynode_t kr = keyref(tasks, i);
        st = bind_node(L, &kr, p, tasks->keys[i], is_activity_node, "task", &v);
        if (st == FLUJO_OK && L->s->tasks[v].given) {
            st =
                fail(L, &kr, p, "'%s' is set twice (by id and by name?)", L->s->model->nodes[v].id);
        }
        if (st == FLUJO_OK) {
            st = read_task(L, v, tasks->items[i], p);
        }
        free(p);
    }
    return st;
}

/* ---- gateways
 * -------------------------------------------------------------------------------------- */

/* Index (in out_flow order) of the outgoing flow of gateway v named by key (id, else name). */
static flujo_status_t bind_flow(loader_t *L, int64_t v, const flujo__ynode_t *where,
                                const char *path, const char *key, size_t *out)
{
    const flujo_model_t *m = L->s->model;
    size_t first = m->out_start[v], n = m->out_start[v + 1] - first;
    char *name = flujo_strdup_squeeze(key);
    long by_name = -1;
    size_t n_named = 0;
    for (size_t k = 0; k < n; k++) {
        const flujo_flow_t *f = &m->flows[m->out_flow[first + k]];
        if (strcmp(f->id, key) == 0) {
            free(name);
            *out = k;
            return FLUJO_OK;
        }
        if (strcmp(f->name, name) == 0) {
            by_name = (long)k;
            n_named++;
        }
    }
    flujo_status_t st = FLUJO_OK;
    if (n_named == 1) {
        *out = (size_t)by_name;
    } else {
        flujo_sbuf_t b;
        flujo_sbuf_init(&b);
        for (size_t k = 0; k < n; k++) {
            const flujo_flow_t *f = &m->flows[m->out_flow[first + k]];
            if (f->name[0]) {
                flujo_sbuf_printf(&b, "%s'%s' (%s)", k ? ", " : "", f->name, f->id);
            } else {
                flujo_sbuf_printf(&b, "%s%s", k ? ", " : "", f->id);
            }
        }
        st =
            n_named > 1
                ? fail(L, where, path, "several outgoing flows are named '%s': use their ids (%s)",
                       name, b.s)
                : fail(L, where, path,
                       "'%s' is not an outgoing flow of this gateway; its flows are: %s", key, b.s);
        flujo_sbuf_destroy(&b);
    }
    free(name);
    return st;
}

static flujo_status_t read_gateway(loader_t *L, int64_t v, const flujo__ynode_t *map,
                                   const char *path)
{
    flujo_model_t *m = L->s->model;
    flujo_split_t *g = &L->s->gateways[v];
    const flujo_node_t *nd = &m->nodes[v];
    flujo_status_t st = need_map(L, map, path);
    if (st != FLUJO_OK) {
        return st;
    }
    if (nd->gateway != FLUJO_GW_EXCLUSIVE && nd->gateway != FLUJO_GW_INCLUSIVE &&
        nd->gateway != FLUJO_GW_COMPLEX) {
        return fail(L, map, path,
                    "'%s' is a %s: only exclusive, inclusive and complex gateways take "
                    "probabilities or conditions",
                    nd->id, nd->type);
    }
    size_t n = g->n;
    if (n < 2) {
        return fail(L, map, path, "'%s' has %zu outgoing flow%s: there is nothing to choose",
                    nd->id, n, n == 1 ? "" : "s");
    }
    bool *seen = flujo_xcalloc(n, sizeof(bool));
    size_t n_prob = 0, n_cond = 0, n_else = 0;
    double *prob = flujo_xcalloc(n, sizeof(double));
    flujo_cond_t **cond = flujo_xcalloc(n, sizeof(*cond));
    size_t *order = flujo_xcalloc(n, sizeof(size_t));
    size_t n_order = 0;
    long else_k = -1;
    for (size_t i = 0; i < map->n && st == FLUJO_OK; i++) {
        char *p = join_path(path, map->keys[i]);
        flujo__ynode_t kr = keyref(map, i);
        size_t k = 0;
        const flujo__ynode_t *x = map->items[i];
        if ((st = bind_flow(L, v, &kr, p, map->keys[i], &k)) != FLUJO_OK ||
            (st = need_scalar(L, x, p)) != FLUJO_OK) {
            free(p);
            break;
        }
        if (seen[k]) {
            st = fail(L, &kr, p, "this flow is given twice");
        } else if (!x->quoted && flujo_parse_number(x->value, &prob[k])) {
            seen[k] = true;
            n_prob++;
            if (prob[k] < 0 || prob[k] > 1) {
                st = fail(L, x, p, "a probability must be between 0 and 1, not %s", x->value);
            }
        } else if (strcmp(x->value, "else") == 0) {
            seen[k] = true;
            n_else++;
            else_k = (long)k;
        } else {
            seen[k] = true;
            cparser_t cp = {x->value, L->s, ""};
            cond[k] = cond_expr(&cp);
            skip_ws(&cp);
            if (cond[k] != NULL && *cp.p != '\0') {
                snprintf(cp.why, sizeof(cp.why), "unexpected '%s'", cp.p);
                cond_free(cond[k]);
                cond[k] = NULL;
            }
            if (cond[k] == NULL) {
                st = fail(L, x, p, "condition '%s': %s", x->value, cp.why);
            } else {
                order[n_order++] = k;
                n_cond++;
            }
        }
        free(p);
    }
    if (st == FLUJO_OK && n_prob > 0 && (n_cond > 0 || n_else > 0)) {
        st = fail(L, map, path, "mixes probabilities with conditions: use one or the other");
    }
    if (st == FLUJO_OK && n_else > 1) {
        st = fail(L, map, path, "only one flow can be 'else'");
    }
    if (st == FLUJO_OK && n_prob > 0) {
        double sum = 0;
        flujo_sbuf_t missing;
        flujo_sbuf_init(&missing);
        for (size_t k = 0; k < n; k++) {
            sum += prob[k];
            if (!seen[k]) {
                const flujo_flow_t *f = &m->flows[m->out_flow[m->out_start[v] + k]];
                flujo_sbuf_printf(&missing, "%s%s", missing.len ? ", " : "",
                                  f->name[0] ? f->name : f->id);
            }
        }
        if (missing.len > 0) {
            st = fail(L, map, path, "no probability for %s: give every outgoing flow one",
                      missing.s);
        } else if (nd->gateway == FLUJO_GW_EXCLUSIVE && fabs(sum - 1) > PROB_TOL) {
            st = fail(L, map, path, "the probabilities add up to %.10g, not 1", sum);
        } else if (nd->gateway != FLUJO_GW_EXCLUSIVE && sum <= 0) {
            st = fail(L, map, path, "at least one flow needs a probability above 0");
        }
        flujo_sbuf_destroy(&missing);
        g->route = FLUJO_ROUTE_PROB;
    }
    if (st == FLUJO_OK && n_prob == 0) {
        if (else_k < 0 && nd->default_flow >= 0) {
            /* the BPMN default flow is the else flow unless another is given */
            for (size_t k = 0; k < n; k++) {
                if (m->out_flow[m->out_start[v] + k] == nd->default_flow && !seen[k]) {
                    else_k = (long)k;
                    seen[k] = true;
                }
            }
        }
        for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
            if (!seen[k]) {
                const flujo_flow_t *f = &m->flows[m->out_flow[m->out_start[v] + k]];
                st = fail(L, map, path,
                          "flow %s has no condition: give it one, or mark one flow else",
                          f->name[0] ? f->name : f->id);
            }
        }
        if (else_k >= 0) {
            order[n_order++] = (size_t)else_k;
        }
        g->route = FLUJO_ROUTE_COND;
    }
    free(seen);
    if (st != FLUJO_OK) {
        for (size_t k = 0; k < n; k++) {
            cond_free(cond[k]);
        }
        free(cond);
        free(prob);
        free(order);
        g->route = FLUJO_ROUTE_EQUAL;
        return st;
    }
    g->prob = prob;
    g->cond = cond;
    g->order = order;
    g->line = map->line;
    return FLUJO_OK;
}

static flujo_status_t read_gateways(loader_t *L, const flujo__ynode_t *gws)
{
    flujo_status_t st = need_map(L, gws, "gateways");
    for (size_t i = 0; i < gws->n && st == FLUJO_OK; i++) {
        char *p = join_path("gateways", gws->keys[i]);
        int64_t v;
        flujo__ynode_t kr = keyref(gws, i);
        st = bind_node(L, &kr, p, gws->keys[i], is_split_gateway, "gateway", &v);
        if (st == FLUJO_OK && L->s->gateways[v].line > 0) {
            st =
                fail(L, &kr, p, "'%s' is set twice (by id and by name?)", L->s->model->nodes[v].id);
        }
        if (st == FLUJO_OK) {
            st = read_gateway(L, v, gws->items[i], p);
        }
        free(p);
    }
    return st;
}

/* ---- events
 * ---------------------------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static flujo_status_t read_event(loader_t *L, int64_t v, const flujo__ynode_t *map,
                                 const char *path)
{
    static const char *const keys[] = {"duration", "at", "calendar", NULL};
    flujo_delay_t *e = &L->s->events[v];
    flujo_status_t st = need_map(L, map, path);
    if (st == FLUJO_OK) {
        st = check_keys(L, map, path, keys);
    }
    const flujo__ynode_t *x;
    if (st == FLUJO_OK && (x = flujo__yaml_get(map, "calendar")) != NULL) {
        char *p = join_path(path, "calendar");
        st = get_calendar_ref(L, x, p, &e->calendar);
        free(p);
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(map, "duration")) != NULL) {
        char *p = join_path(path, "duration");
        flujo_dist_t d;
        if ((st = get_dist(L, x, p, &d)) == FLUJO_OK) {
            e->delay = d;
            e->has_delay = true;
        }
        free(p);
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(map, "at")) != NULL) {
        char *p = join_path(path, "at");
        size_t n = x->kind == FLUJO__Y_SEQ ? x->n : 1;
        e->at = flujo_xcalloc(n, sizeof(double));
        for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
            const flujo__ynode_t *t = x->kind == FLUJO__Y_SEQ ? x->items[k] : x;
            int sec;
            if (t->kind != FLUJO__Y_SCALAR || !parse_clock(t->value, strlen(t->value), &sec) ||
                sec >= 86400) {
                st = fail(L, t, p, "expected times of day like \"11:00\"");
            } else {
                e->at[e->n_at++] = sec;
            }
        }
        qsort(e->at, e->n_at, sizeof(double), cmp_double);
        if (st == FLUJO_OK && e->has_delay) {
            st = fail(L, x, p, "give either duration or at, not both");
        }
        free(p);
    }
    e->line = map->line;
    return st;
}

static flujo_status_t read_events(loader_t *L, const flujo__ynode_t *evs)
{
    flujo_status_t st = need_map(L, evs, "events");
    for (size_t i = 0; i < evs->n && st == FLUJO_OK; i++) {
        char *p = join_path("events", evs->keys[i]);
        int64_t v;
        flujo__ynode_t kr = keyref(evs, i);
        st = bind_node(L, &kr, p, evs->keys[i], is_event_node, "event", &v);
        if (st == FLUJO_OK && L->s->events[v].line > 0) {
            st =
                fail(L, &kr, p, "'%s' is set twice (by id and by name?)", L->s->model->nodes[v].id);
        }
        if (st == FLUJO_OK) {
            st = read_event(L, v, evs->items[i], p);
        }
        free(p);
    }
    return st;
}

/* ---- arrivals
 * ------------------------------------------------------------------------------------- */

static int add_attr_value(flujo_attr_t *a, const char *value)
{
    for (size_t i = 0; i < a->n; i++) {
        if (strcmp(a->values[i], value) == 0) {
            return (int)i;
        }
    }
    size_t cap = a->n;
    flujo_grow((void **)&a->values, &cap, a->n + 1, sizeof(*a->values));
    cap = a->n;
    flujo_grow((void **)&a->number, &cap, a->n + 1, sizeof(*a->number));
    a->values[a->n] = flujo_xstrdup(value);
    double x;
    a->number[a->n] = flujo_parse_number(value, &x) ? x : NAN;
    return (int)a->n++;
}

/* First pass over arrivals: collect attribute names and values so that conditions can be parsed
 * before the streams are read. */
static flujo_status_t collect_attrs(loader_t *L, const flujo__ynode_t *arr)
{
    flujo_scenario_t *s = L->s;
    for (size_t i = 0; arr->kind == FLUJO__Y_SEQ && i < arr->n; i++) {
        const flujo__ynode_t *attrs = flujo__yaml_get(arr->items[i], "attributes");
        if (attrs == NULL) {
            continue;
        }
        char *p = flujo_xstrdup("arrivals.attributes");
        flujo_status_t st = need_map(L, attrs, p);
        for (size_t k = 0; k < (st == FLUJO_OK ? attrs->n : 0) && st == FLUJO_OK; k++) {
            const flujo__ynode_t *vals = attrs->items[k];
            int ai = find_attr(s, attrs->keys[k]);
            if (ai < 0) {
                size_t cap = s->n_attrs;
                flujo_grow((void **)&s->attrs, &cap, s->n_attrs + 1, sizeof(*s->attrs));
                memset(&s->attrs[s->n_attrs], 0, sizeof(flujo_attr_t));
                s->attrs[s->n_attrs].name = flujo_xstrdup(attrs->keys[k]);
                ai = (int)s->n_attrs++;
            }
            if (vals->kind == FLUJO__Y_MAP) {
                for (size_t j = 0; j < vals->n; j++) {
                    add_attr_value(&s->attrs[ai], vals->keys[j]);
                }
            } else if (vals->kind == FLUJO__Y_SCALAR) {
                add_attr_value(&s->attrs[ai], vals->value);
            } else {
                char *ap = join_path(p, attrs->keys[k]);
                st = fail(L, vals, ap, "expected {value: probability, ...} or one value");
                free(ap);
            }
        }
        free(p);
        if (st != FLUJO_OK) {
            return st;
        }
    }
    return FLUJO_OK;
}

static flujo_status_t read_arrival_attrs(loader_t *L, flujo_arrival_t *a,
                                         const flujo__ynode_t *attrs, const char *path)
{
    flujo_scenario_t *s = L->s;
    a->attr_cum = flujo_xcalloc(s->n_attrs + 1, sizeof(double *));
    for (size_t k = 0; k < attrs->n; k++) {
        int ai = find_attr(s, attrs->keys[k]);
        const flujo_attr_t *at = &s->attrs[ai];
        double *cum = flujo_xcalloc(at->n, sizeof(double));
        a->attr_cum[ai] = cum;
        const flujo__ynode_t *vals = attrs->items[k];
        char *p = join_path(path, attrs->keys[k]);
        if (vals->kind == FLUJO__Y_SCALAR) {
            cum[add_attr_value(&s->attrs[ai], vals->value)] = 1;
        } else {
            for (size_t j = 0; j < vals->n; j++) {
                double pr;
                char *vp = join_path(p, vals->keys[j]);
                flujo_status_t st = get_prob(L, vals->items[j], vp, &pr);
                free(vp);
                if (st != FLUJO_OK) {
                    free(p);
                    return st;
                }
                cum[add_attr_value(&s->attrs[ai], vals->keys[j])] += pr;
            }
        }
        double sum = 0;
        for (size_t j = 0; j < at->n; j++) {
            sum += cum[j];
            cum[j] = sum;
        }
        if (fabs(sum - 1) > PROB_TOL) {
            flujo_status_t st = fail(L, vals, p, "the probabilities add up to %.10g, not 1", sum);
            free(p);
            return st;
        }
        cum[at->n - 1] = 1; /* no draw may fall past the last value by rounding */
        free(p);
    }
    return FLUJO_OK;
}

static flujo_status_t read_arrivals(loader_t *L, const flujo__ynode_t *arr)
{
    static const char *const keys[] = {"at",         "interarrival", "calendar",   "clock",
                                       "attributes", "priority",     "background", NULL};
    flujo_scenario_t *s = L->s;
    if (arr->kind != FLUJO__Y_SEQ) {
        return fail(L, arr, "arrivals", "expected a list: one '- interarrival: ...' per stream");
    }
    flujo_status_t st = collect_attrs(L, arr);
    s->arrivals = flujo_xcalloc(arr->n + 1, sizeof(*s->arrivals));
    for (size_t i = 0; i < arr->n && st == FLUJO_OK; i++) {
        char idx[32];
        snprintf(idx, sizeof(idx), "arrivals[%zu]", i + 1);
        const flujo__ynode_t *x = arr->items[i];
        flujo_arrival_t *a = &s->arrivals[s->n_arrivals++];
        a->start = -1;
        a->line = x->line;
        if ((st = need_map(L, x, idx)) != FLUJO_OK ||
            (st = check_keys(L, x, idx, keys)) != FLUJO_OK) {
            break;
        }
        const flujo__ynode_t *y;
        if ((y = flujo__yaml_get(x, "at")) != NULL) {
            char *p = join_path(idx, "at");
            if ((st = need_scalar(L, y, p)) == FLUJO_OK) {
                st = bind_node(L, y, p, y->value, is_start_node, "start event", &a->start);
            }
            free(p);
        } else {
            size_t n = 0;
            for (size_t v = 0; v < s->model->n_nodes; v++) {
                if (is_start_node(s->model, (int64_t)v)) {
                    a->start = n++ == 0 ? (int64_t)v : a->start;
                }
            }
            if (n != 1) {
                st = fail(L, x, idx,
                          n == 0 ? "the model has no start event"
                                 : "the model has several start events: say which with 'at:'");
            }
        }
        if (st == FLUJO_OK) {
            y = flujo__yaml_get(x, "interarrival");
            char *p = join_path(idx, "interarrival");
            if (y == NULL) {
                st = fail(L, x, idx, "missing interarrival (e.g. interarrival: exponential(40m))");
            } else if ((st = get_dist(L, y, p, &a->interarrival)) == FLUJO_OK &&
                       !(flujo_dist_mean(&a->interarrival) > 0)) {
                st = fail(L, y, p, "the time between arrivals must be positive on average");
            }
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "calendar")) != NULL) {
            char *p = join_path(idx, "calendar");
            st = get_calendar_ref(L, y, p, &a->calendar);
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "clock")) != NULL) {
            char *p = join_path(idx, "clock");
            if ((st = need_scalar(L, y, p)) == FLUJO_OK) {
                if (strcmp(y->value, "elapsed") == 0) {
                    a->elapsed = true;
                } else if (strcmp(y->value, "open") != 0) {
                    st = fail(L, y, p,
                              "expected open (the time between arrivals runs while the calendar "
                              "is open) or elapsed (it runs on the wall clock; an arrival in "
                              "closed time waits for the opening), not '%s'",
                              y->value);
                }
            }
            if (st == FLUJO_OK && a->elapsed && a->interarrival.clock != FLUJO_CLOCK_WORK) {
                st = fail(L, y, p, "clock: elapsed is for times between arrivals in s, m or h");
            }
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "background")) != NULL) {
            char *p = join_path(idx, "background");
            if ((st = need_scalar(L, y, p)) == FLUJO_OK) {
                if (strcmp(y->value, "true") == 0) {
                    a->background = true;
                } else if (strcmp(y->value, "false") != 0) {
                    st = fail(L, y, p, "expected true or false, not '%s'", y->value);
                }
            }
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "priority")) != NULL) {
            char *p = join_path(idx, "priority");
            st = get_number(L, y, p, &a->priority);
            free(p);
        }
        if (st == FLUJO_OK && (y = flujo__yaml_get(x, "attributes")) != NULL) {
            char *p = join_path(idx, "attributes");
            st = read_arrival_attrs(L, a, y, p);
            free(p);
        }
    }
    return st;
}

/* ---- sla
 * ------------------------------------------------------------------------------------------- */

/* deadline: {"riesgo in [bajo, medio]": 4bd, else: 8bd} - the plazo by case attributes. */
static flujo_status_t read_deadline_rules(loader_t *L, const flujo__ynode_t *map)
{
    flujo_scenario_t *s = L->s;
    bool has_else = false;
    s->sla.rule_cond = flujo_xcalloc(map->n + 1, sizeof(*s->sla.rule_cond));
    s->sla.rule_deadline = flujo_xcalloc(map->n + 1, sizeof(double));
    s->sla.rule_text = flujo_xcalloc(map->n + 1, sizeof(char *));
    for (size_t i = 0; i < map->n; i++) {
        char *p = join_path("sla.deadline", map->keys[i]);
        flujo__ynode_t kr = keyref(map, i);
        double d;
        flujo_clock_t c;
        flujo_status_t st = get_duration(L, map->items[i], p, &d, &c);
        if (st == FLUJO_OK && c != FLUJO_CLOCK_BDAYS) {
            st = fail(L, map->items[i], p, "the plazo is counted in business days (bd), e.g. 8bd");
        }
        if (st == FLUJO_OK && strcmp(map->keys[i], "else") == 0) {
            s->sla.deadline = d;
            has_else = true;
        } else if (st == FLUJO_OK) {
            cparser_t cp = {map->keys[i], s, ""};
            flujo_cond_t *cond = cond_expr(&cp);
            skip_ws(&cp);
            if (cond != NULL && *cp.p != '\0') {
                snprintf(cp.why, sizeof(cp.why), "unexpected '%s'", cp.p);
                cond_free(cond);
                cond = NULL;
            }
            if (cond == NULL) {
                st = fail(L, &kr, p, "condition '%s': %s", map->keys[i], cp.why);
            } else {
                s->sla.rule_cond[s->sla.n_rules] = cond;
                s->sla.rule_text[s->sla.n_rules] = flujo_xstrdup(map->keys[i]);
                s->sla.rule_deadline[s->sla.n_rules++] = d;
            }
        }
        free(p);
        if (st != FLUJO_OK) {
            return st;
        }
    }
    if (!has_else) {
        return fail(L, map, "sla.deadline",
                    "give the plazo of the other cases with 'else: Nbd' after the conditions");
    }
    return FLUJO_OK;
}

double flujo_scenario_deadline(const flujo_scenario_t *s, const int *values)
{
    for (size_t i = 0; i < s->sla.n_rules; i++) {
        if (flujo_cond_eval(s->sla.rule_cond[i], values)) {
            return s->sla.rule_deadline[i];
        }
    }
    return s->sla.deadline;
}

static flujo_status_t read_sla(loader_t *L, const flujo__ynode_t *sla)
{
    static const char *const keys[] = {"deadline", "grace", "silence", "pause_in", "until", NULL};
    flujo_scenario_t *s = L->s;
    flujo_status_t st = need_map(L, sla, "sla");
    if (st == FLUJO_OK) {
        st = check_keys(L, sla, "sla", keys);
    }
    s->sla.set = true;
    s->sla.silence = FLUJO_SILENCE_NONE;
    const flujo__ynode_t *x;
    flujo_clock_t c;
    if (st == FLUJO_OK) {
        if ((x = flujo__yaml_get(sla, "deadline")) == NULL) {
            st = fail(L, sla, "sla", "missing deadline (the legal plazo, e.g. deadline: 8bd)");
        } else if (x->kind == FLUJO__Y_MAP) {
            st = read_deadline_rules(L, x);
        } else if ((st = get_duration(L, x, "sla.deadline", &s->sla.deadline, &c)) == FLUJO_OK &&
                   c != FLUJO_CLOCK_BDAYS) {
            st = fail(L, x, "sla.deadline", "the plazo is counted in business days (bd), e.g. 8bd");
        }
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(sla, "grace")) != NULL) {
        if ((st = get_duration(L, x, "sla.grace", &s->sla.grace, &c)) == FLUJO_OK &&
            c != FLUJO_CLOCK_BDAYS) {
            st = fail(L, x, "sla.grace", "the grace period is counted in business days (bd)");
        }
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(sla, "silence")) != NULL &&
        (st = need_scalar(L, x, "sla.silence")) == FLUJO_OK) {
        if (strcmp(x->value, "positive") == 0 || strcmp(x->value, "positivo") == 0) {
            s->sla.silence = FLUJO_SILENCE_POSITIVE;
        } else if (strcmp(x->value, "negative") == 0 || strcmp(x->value, "negativo") == 0) {
            s->sla.silence = FLUJO_SILENCE_NEGATIVE;
        } else if (strcmp(x->value, "none") != 0) {
            st = fail(L, x, "sla.silence", "'%s' is not positive, negative or none", x->value);
        }
    }
    const flujo_model_t *m = s->model;
    s->sla.pause = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    if (st == FLUJO_OK && (x = flujo__yaml_get(sla, "pause_in")) != NULL) {
        size_t n = x->kind == FLUJO__Y_SEQ ? x->n : 1;
        for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
            const flujo__ynode_t *y = x->kind == FLUJO__Y_SEQ ? x->items[k] : x;
            if ((st = need_scalar(L, y, "sla.pause_in")) != FLUJO_OK) {
                break;
            }
            /* a node pauses the clock if it sits in the lane (unit) or is done by the pool */
            char *sq = flujo_strdup_squeeze(y->value);
            bool any = find_pool(s, sq) >= 0;
            for (size_t v = 0; v < m->n_nodes; v++) {
                const flujo_task_t *t = &s->tasks[v];
                bool by_pool = t->pool >= 0 && strcmp(s->pools[t->pool].name, sq) == 0;
                for (size_t a = 0; a < t->n_alts; a++) {
                    by_pool = by_pool || strcmp(s->pools[t->alts[a].pool].name, sq) == 0;
                }
                if (strcmp(flujo_model_unit(m, (int64_t)v), sq) == 0 || by_pool) {
                    s->sla.pause[v] = true;
                    any = true;
                }
            }
            if (!any) {
                st = fail(L, y, "sla.pause_in", "no lane or pool named '%s'", y->value);
            }
            free(sq);
        }
    }
    if (st == FLUJO_OK && (x = flujo__yaml_get(sla, "until")) != NULL) {
        s->sla.until = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
        size_t n = x->kind == FLUJO__Y_SEQ ? x->n : 1;
        for (size_t k = 0; k < n && st == FLUJO_OK; k++) {
            const flujo__ynode_t *y = x->kind == FLUJO__Y_SEQ ? x->items[k] : x;
            int64_t v;
            if ((st = need_scalar(L, y, "sla.until")) == FLUJO_OK &&
                (st = bind_node(L, y, "sla.until", y->value, is_any_node, "node", &v)) ==
                    FLUJO_OK) {
                s->sla.until[v] = true;
            }
        }
    }
    return st;
}

/* ---- defaults and binding ---------------------------------------------------------------------
 */

static void note(loader_t *L, const char *code, const char *fmt, ...) FLUJO_PRINTF(3, 4);

static void note(loader_t *L, const char *code, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    flujo_diags_add(&L->s->notes, FLUJO_SEV_NOTE, code, NULL, 0, "%s", msg);
}

/* Lists up to 5 names then "and N more". */
static void list_add(flujo_sbuf_t *b, size_t *n, const char *name)
{
    if (*n < 5) {
        flujo_sbuf_printf(b, "%s%s", *n ? ", " : "", name);
    } else if (*n == 5) {
        flujo_sbuf_add(b, ", ...");
    }
    (*n)++;
}

/* Every lane is a pool (of 1 performer unless resources says otherwise), and every task without a
 * resource is done by the pool of its lane (or pool, or process). */
static flujo_status_t bind_pools(loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t assumed;
    size_t n_assumed = 0;
    flujo_sbuf_init(&assumed);
    for (size_t v = 0; v < m->n_nodes; v++) {
        if (m->nodes[v].kind != FLUJO_NODE_TASK || s->tasks[v].pool >= 0) {
            continue;
        }
        const char *unit = flujo_model_unit(m, (int64_t)v);
        int64_t p = find_pool(s, unit);
        if (p < 0) {
            p = add_pool(s, unit);
            s->pools[p].assumed = true;
            list_add(&assumed, &n_assumed, unit);
        }
        s->tasks[v].pool = p;
        s->tasks[v].units = 1;
    }
    if (n_assumed > 0) {
        note(L, "default-pool", "assumed 1 performer, 24/7, for %zu unit%s not under resources: %s",
             n_assumed, n_assumed == 1 ? "" : "s", assumed.s);
    }
    flujo_sbuf_destroy(&assumed);
    return FLUJO_OK;
}

static void default_durations(loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t names;
    size_t n = 0;
    flujo_sbuf_init(&names);
    for (size_t v = 0; v < m->n_nodes; v++) {
        flujo_task_t *t = &s->tasks[v];
        bool all_own = t->n_alts > 0;
        for (size_t k = 0; k < t->n_alts; k++) {
            all_own = all_own && t->alts[k].own_duration;
        }
        if (m->nodes[v].kind == FLUJO_NODE_TASK && t->duration.text == NULL &&
            t->duration.kind == FLUJO_DIST_FIXED && t->duration.p[0] == 0 && !all_own) {
            flujo_dist_fixed(&t->duration, 3600, FLUJO_CLOCK_WORK);
            t->duration.text = flujo_xstrdup("1h");
            list_add(&names, &n, m->nodes[v].name[0] ? m->nodes[v].name : m->nodes[v].id);
        }
    }
    if (n > 0) {
        note(L, "default-duration", "assumed a fixed 1h for %zu task%s without a duration: %s", n,
             n == 1 ? "" : "s", names.s);
    }
    flujo_sbuf_destroy(&names);
}

static void default_gateways(loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t names;
    size_t n = 0;
    flujo_sbuf_init(&names);
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        flujo_split_t *g = &s->gateways[v];
        bool chooses = nd->gateway == FLUJO_GW_EXCLUSIVE || nd->gateway == FLUJO_GW_INCLUSIVE ||
                       nd->gateway == FLUJO_GW_COMPLEX;
        if (chooses && g->n >= 2 && g->line == 0) {
            list_add(&names, &n, nd->name[0] ? nd->name : nd->id);
        }
    }
    if (n > 0) {
        note(L, "default-gateway", "assumed equal probabilities at %zu gateway%s: %s", n,
             n == 1 ? "" : "s", names.s);
    }
    flujo_sbuf_destroy(&names);
}

/* ISO 8601 durations of BPMN timers (PnYnMnWnDTnHnMnS) in elapsed seconds; years and months are
 * taken as 365 and 30 days. False if the text is not one. */
static bool iso_duration(const char *s, double *out)
{
    double total = 0;
    bool time = false, any = false;
    while (isspace((unsigned char)*s)) {
        s++;
    }
    if (*s++ != 'P') {
        return false;
    }
    while (*s && !isspace((unsigned char)*s)) {
        if (*s == 'T') {
            time = true;
            s++;
            continue;
        }
        char *end;
        double v = strtod(s, &end);
        if (end == s || !isfinite(v) || v < 0) {
            return false;
        }
        switch (*end) {
        case 'Y':
            total += v * 365 * 86400;
            break;
        case 'M':
            total += time ? v * 60 : v * 30 * 86400;
            break;
        case 'W':
            total += v * 7 * 86400;
            break;
        case 'D':
            total += v * 86400;
            break;
        case 'H':
            total += v * 3600;
            break;
        case 'S':
            total += v;
            break;
        default:
            return false;
        }
        any = true;
        s = end + 1;
    }
    *out = total;
    return any;
}

/* Timers take their BPMN timeDuration when the scenario gives no delay. */
static void default_events(loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    flujo_sbuf_t names;
    size_t n = 0;
    flujo_sbuf_init(&names);
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        flujo_delay_t *e = &s->events[v];
        double sec;
        if (e->has_delay || e->n_at > 0 || !(nd->event_defs & FLUJO_EV_TIMER) ||
            nd->timer == NULL || !iso_duration(nd->timer, &sec)) {
            continue;
        }
        flujo_dist_fixed(&e->delay, sec, FLUJO_CLOCK_DAYS);
        e->delay.text = flujo_xstrdup(nd->timer);
        e->has_delay = true;
        list_add(&names, &n, nd->name[0] ? nd->name : nd->id);
    }
    if (n > 0) {
        note(L, "timer-from-model",
             "took the delay of %zu timer%s from the model's timeDuration (elapsed time): %s", n,
             n == 1 ? "" : "s", names.s);
    }
    flujo_sbuf_destroy(&names);
}

/* An event-based gateway waits for the first of its events: one of them must be able to fire. */
static flujo_status_t check_races(loader_t *L)
{
    const flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        if (nd->kind != FLUJO_NODE_GATEWAY || nd->gateway != FLUJO_GW_EVENT) {
            continue;
        }
        size_t first = m->out_start[v], deg = m->out_start[v + 1] - first, fires = 0;
        for (size_t k = 0; k < deg; k++) {
            const flujo_delay_t *d = &s->events[m->flows[m->out_flow[first + k]].target];
            fires += d->has_delay || d->n_at > 0;
        }
        if (deg > 0 && fires == 0) {
            char buf[160];
            return flujo_err_set(L->err, FLUJO_ESCENARIO,
                                 "%s:%ld: event-based gateway %s: none of its events can fire, so "
                                 "its cases would wait forever (give one a duration or at: under "
                                 "events: in the scenario)",
                                 m->file, nd->line,
                                 flujo_model_label(m, (int64_t)v, buf, sizeof(buf)));
        }
    }
    return FLUJO_OK;
}

static void bind_calls(loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_node_t *nd = &m->nodes[v];
        s->tasks[v].called = -1;
        s->tasks[v].called_process = -1;
        if (nd->kind != FLUJO_NODE_CALL || nd->called_element == NULL) {
            continue;
        }
        const char *ref = nd->called_element;
        const char *colon = strrchr(ref, ':');
        for (size_t p = 0; p < m->n_processes; p++) {
            if (strcmp(m->processes[p].id, ref) == 0 ||
                (colon != NULL && strcmp(m->processes[p].id, colon + 1) == 0)) {
                s->tasks[v].called_process = (int64_t)p;
            }
        }
    }
}

/* The largest business-day span the calendars must cover: the arrivals window, then as long again
 * for cases in flight, plus three years. A calendar open one day a week needs 7 days per bd. */
static long calendar_span(double warmup, flujo_clock_t wc, double horizon, flujo_clock_t hc)
{
    double days = 0;
    days += wc == FLUJO_CLOCK_WORK   ? warmup / FLUJO_DAY
            : wc == FLUJO_CLOCK_DAYS ? warmup / FLUJO_DAY
                                     : 7 * warmup / FLUJO_DAY + 30;
    days += hc == FLUJO_CLOCK_WORK   ? horizon / FLUJO_DAY
            : hc == FLUJO_CLOCK_DAYS ? horizon / FLUJO_DAY
                                     : 7 * horizon / FLUJO_DAY + 30;
    days = ceil(2 * days) + 3 * 366;
    return days < MAX_DAYS ? (long)days : MAX_DAYS + 1; /* beyond: refused by the caller */
}

static double to_elapsed(const flujo_scenario_t *s, double from, double amount, flujo_clock_t c)
{
    if (c == FLUJO_CLOCK_BDAYS) {
        return flujo_calendar_add_bdays(s->calendars[s->legal_calendar], from, amount);
    }
    return from + amount;
}

/* The default legal calendar: Monday to Friday with Peru's national holidays (días hábiles). */
static void add_default_legal(loader_t *L)
{
    add_calendar(L, flujo_calendar_new_habiles("habiles"));
    L->s->legal_calendar = (int)L->s->n_calendars - 1;
}

/* ---- redesign operators ------------------------------------------------------------------- */

static bool is_step_node(const flujo_model_t *m, int64_t v)
{
    flujo_node_kind_t k = m->nodes[v].kind;
    return is_activity_node(m, v) || k == FLUJO_NODE_CATCH || k == FLUJO_NODE_THROW;
}

static bool is_task_only(const flujo_model_t *m, int64_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_TASK;
}

static void changed(loader_t *L, const char *fmt, ...) FLUJO_PRINTF(2, 3);

static void changed(loader_t *L, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    flujo_diags_add(&L->s->changes, FLUJO_SEV_NOTE, "redesign", NULL, 0, "%s", msg);
}

/* The names of a list of steps, bound to nodes of the current model. */
static flujo_status_t bind_steps(loader_t *L, const flujo__ynode_t *y, const char *path,
                                 node_filter_t ok, const char *what, const char *whats,
                                 int64_t **out, size_t *n)
{
    if (y->kind != FLUJO__Y_SEQ || y->n < 2) {
        return fail(L, y, path, "expected a list of at least two %s: [A, B]", whats);
    }
    *out = flujo_xcalloc(y->n, sizeof(int64_t));
    *n = y->n;
    for (size_t i = 0; i < y->n; i++) {
        flujo_status_t st = need_scalar(L, y->items[i], path);
        if (st == FLUJO_OK) {
            st = bind_node(L, y->items[i], path, y->items[i]->value, ok, what, &(*out)[i]);
        }
        if (st != FLUJO_OK) {
            free(*out);
            *out = NULL;
            return st;
        }
    }
    return FLUJO_OK;
}

/* The pool of `staff:` and `calendar:` keys. */
static flujo_status_t bind_pool_key(loader_t *L, const flujo__ynode_t *map, size_t i,
                                    const char *path, int64_t *out)
{
    flujo__ynode_t at = keyref(map, i);
    char *sq = flujo_strdup_squeeze(map->keys[i]);
    *out = find_pool(L->s, sq);
    free(sq);
    if (*out < 0) {
        return fail(L, &at, path, "no pool named '%s'", map->keys[i]);
    }
    return FLUJO_OK;
}

static flujo_status_t redesign_staff(loader_t *L, const flujo__ynode_t *y, const char *path)
{
    flujo_status_t st = need_map(L, y, path);
    for (size_t i = 0; i < y->n && st == FLUJO_OK; i++) {
        int64_t p;
        if ((st = bind_pool_key(L, y, i, path, &p)) != FLUJO_OK ||
            (st = need_scalar(L, y->items[i], path)) != FLUJO_OK) {
            break;
        }
        flujo_pool_t *pool = &L->s->pools[p];
        const char *text = y->items[i]->value;
        double v;
        if (!flujo_parse_number(text, &v) || v != floor(v) || fabs(v) > 1e6) {
            st =
                fail(L, y->items[i], path, "'%s': expected +N, -N or a number of performers", text);
            break;
        }
        if (pool->unlimited) {
            st = fail(L, y->items[i], path, "'%s' is unlimited: nothing to staff", pool->name);
            break;
        }
        long before = pool->count;
        long after = text[0] == '+' || text[0] == '-' ? before + (long)v : (long)v;
        if (after < 1 || after > 100000) {
            st = fail(L, y->items[i], path, "'%s' would have %ld performers", pool->name, after);
            break;
        }
        pool->count = after;
        changed(L, _("%s: %ld -> %ld performers"), pool->name, before, after);
    }
    return st;
}

static flujo_status_t redesign_calendar(loader_t *L, const flujo__ynode_t *y, const char *path)
{
    flujo_status_t st = need_map(L, y, path);
    for (size_t i = 0; i < y->n && st == FLUJO_OK; i++) {
        int64_t p;
        int c;
        if ((st = bind_pool_key(L, y, i, path, &p)) != FLUJO_OK ||
            (st = get_calendar_ref(L, y->items[i], path, &c)) != FLUJO_OK) {
            break;
        }
        L->s->pools[p].calendar = c;
        changed(L, _("%s works on calendar '%s'"), L->s->pools[p].name,
                flujo_calendar_name(L->s->calendars[c]));
    }
    return st;
}

#define SYSTEM_POOL "Sistema (automatizado)"

static flujo_status_t redesign_automate(loader_t *L, const flujo__ynode_t *op, const char *path)
{
    flujo_scenario_t *s = L->s;
    const flujo__ynode_t *y = flujo__yaml_get(op, "automate");
    const flujo__ynode_t *d = flujo__yaml_get(op, "duration");
    const flujo__ynode_t *r = flujo__yaml_get(op, "resource");
    int64_t v;
    flujo_status_t st = need_scalar(L, y, path);
    if (st == FLUJO_OK) {
        st = bind_node(L, y, path, y->value, is_task_only, "task", &v);
    }
    if (st != FLUJO_OK) {
        return st;
    }
    if (d == NULL) {
        return fail(L, op, path, "automate needs the new duration, e.g. duration: 1m");
    }
    flujo_dist_t dist;
    char *dp = join_path(path, "duration");
    st = get_dist(L, d, dp, &dist);
    free(dp);
    if (st != FLUJO_OK) {
        return st;
    }
    flujo_task_t *t = &s->tasks[v];
    flujo_dist_destroy(&t->duration);
    t->duration = dist;
    if (r != NULL) {
        char *rp = join_path(path, "resource");
        if ((st = need_scalar(L, r, rp)) == FLUJO_OK && strcmp(r->value, "unlimited") == 0) {
            int64_t p = find_pool(s, SYSTEM_POOL);
            if (p < 0) {
                p = add_pool(s, SYSTEM_POOL);
                s->pools[p].unlimited = true;
                s->pools[p].automated = true;
            }
            free_alts(t);
            t->pool = p;
            t->units = 1;
        } else if (st == FLUJO_OK) {
            st = read_resource_ref(L, r, rp, t);
        }
        free(rp);
    }
    char lb[300];
    if (st == FLUJO_OK) {
        changed(L, _("%s automated: %s by %s"), flujo_model_label(s->model, v, lb, sizeof(lb)),
                t->duration.text != NULL ? t->duration.text : "?", s->pools[t->pool].name);
    }
    return st;
}

static flujo_status_t read_redesign(loader_t *L, const flujo__ynode_t *list)
{
    static const char *const ops[] = {"remove", "merge",    "parallel", "automate",
                                      "staff",  "calendar", NULL};
    flujo_scenario_t *s = L->s;
    if (list->kind != FLUJO__Y_SEQ) {
        return fail(L, list, "redesign",
                    "expected a list of changes: - remove: TASK, - merge: [A, B] (as: NAME), - "
                    "parallel: [A, B], - automate: TASK (duration, resource), - staff: {POOL: "
                    "+1}, - calendar: {POOL: CALENDAR}");
    }
    flujo_status_t st = FLUJO_OK;
    for (size_t i = 0; i < list->n && st == FLUJO_OK; i++) {
        const flujo__ynode_t *op = list->items[i];
        char idx[48];
        snprintf(idx, sizeof(idx), "redesign[%zu]", i + 1);
        if ((st = need_map(L, op, idx)) != FLUJO_OK) {
            break;
        }
        int which = -1;
        for (int k = 0; ops[k] != NULL; k++) {
            if (flujo__yaml_get(op, ops[k]) != NULL) {
                if (which >= 0) {
                    st =
                        fail(L, op, idx, "one change per item: both %s and %s", ops[which], ops[k]);
                    break;
                }
                which = k;
            }
        }
        if (st != FLUJO_OK) {
            break;
        }
        if (which < 0) {
            st = fail(L, op, idx,
                      "no change named: use remove, merge, parallel, automate, staff or calendar");
            break;
        }
        static const char *const merge_keys[] = {"merge", "as", NULL};
        static const char *const automate_keys[] = {"automate", "duration", "resource", NULL};
        const char *one[] = {ops[which], NULL};
        const char *const *keys = which == 1 ? merge_keys : which == 3 ? automate_keys : one;
        if ((st = check_keys(L, op, idx, keys)) != FLUJO_OK) {
            break;
        }
        char *path = join_path(idx, ops[which]);
        const flujo__ynode_t *y = flujo__yaml_get(op, ops[which]);
        flujo_err_t e = {0};
        char la[300], lb[300];
        int64_t v, *vs = NULL;
        size_t n = 0;
        switch (which) {
        case 0: /* remove */
            if ((st = need_scalar(L, y, path)) == FLUJO_OK) {
                for (size_t r = 0; r < L->n_removed; r++) {
                    if (strcmp(L->removed[r], y->value) == 0) {
                        st = fail(L, y, path, "'%s' is already removed by an earlier change",
                                  y->value);
                        break;
                    }
                }
            }
            if (st == FLUJO_OK && (st = bind_node(L, y, path, y->value, is_step_node,
                                                  "activity or event", &v)) == FLUJO_OK) {
                flujo_model_label(s->model, v, la, sizeof(la));
                char *id = flujo_xstrdup(s->model->nodes[v].id);
                char *name = flujo_xstrdup(s->model->nodes[v].name);
                if (flujo__redesign_remove(s, v, &e) != FLUJO_OK) {
                    st = fail(L, y, path, "%s", e.msg);
                    free(id);
                    free(name);
                } else {
                    changed(L, _("%s removed (bypassed)"), la);
                    flujo_grow((void **)&L->removed, &L->cap_removed, L->n_removed + 2,
                               sizeof(char *));
                    L->removed[L->n_removed++] = id;
                    if (name[0] != '\0') {
                        L->removed[L->n_removed++] = name;
                    } else {
                        free(name);
                    }
                }
            }
            break;
        case 1: { /* merge */
            const flujo__ynode_t *as = flujo__yaml_get(op, "as");
            if ((st = bind_steps(L, y, path, is_task_only, "task", "tasks", &vs, &n)) != FLUJO_OK) {
                break;
            }
            if (n != 2) {
                st = fail(L, y, path,
                          "merge takes two tasks, the first directly before the "
                          "second");
                break;
            }
            char *ap = join_path(idx, "as");
            if (as != NULL && (st = need_scalar(L, as, ap)) != FLUJO_OK) {
                free(ap);
                break;
            }
            free(ap);
            char *name = as != NULL ? flujo_strdup_squeeze(as->value)
                                    : flujo_xstrdup(s->model->nodes[vs[0]].name);
            flujo_model_label(s->model, vs[0], la, sizeof(la));
            flujo_model_label(s->model, vs[1], lb, sizeof(lb));
            if (flujo__redesign_merge(s, vs[0], vs[1], name, &e) != FLUJO_OK) {
                st = fail(L, y, path, "%s", e.msg);
            } else {
                changed(L, _("%s and %s merged into '%s'"), la, lb, name);
            }
            free(name);
            break;
        }
        case 2: /* parallel */
            if ((st = bind_steps(L, y, path, is_activity_node, "activity", "activities", &vs,
                                 &n)) != FLUJO_OK) {
                break;
            }
            flujo_model_label(s->model, vs[0], la, sizeof(la));
            flujo_model_label(s->model, vs[n - 1], lb, sizeof(lb));
            if (flujo__redesign_parallel(s, vs, n, &e) != FLUJO_OK) {
                st = fail(L, y, path, "%s", e.msg);
            } else {
                changed(L, _("%zu steps from %s to %s run in parallel"), n, la, lb);
            }
            break;
        case 3:
            st = redesign_automate(L, op, path);
            break;
        case 4:
            st = redesign_staff(L, y, path);
            break;
        default:
            st = redesign_calendar(L, y, path);
            break;
        }
        free(vs);
        free(path);
    }
    return st;
}

/* A task that seizes more performers than its pool has could never start. */
static flujo_status_t check_units(loader_t *L, const char *path)
{
    const flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    for (size_t v = 0; v < m->n_nodes; v++) {
        const flujo_task_t *t = &s->tasks[v];
        const flujo_pool_t *pool = t->pool >= 0 ? &s->pools[t->pool] : NULL;
        if (pool != NULL && t->n_alts == 0 && !pool->unlimited && t->units > pool->count) {
            flujo__ynode_t where = {0};
            where.file = L->files != NULL ? L->files[0] : path;
            where.line = t->line;
            char *p = join_path("tasks", m->nodes[v].name[0] ? m->nodes[v].name : m->nodes[v].id);
            flujo_status_t st = fail(L, &where, p,
                                     "needs %ld performers of '%s' at once, which has %ld: it "
                                     "could never start",
                                     t->units, pool->name, pool->count);
            free(p);
            return st;
        }
    }
    return FLUJO_OK;
}

static const char *const top_keys[] = {
    "flujo",    "name",         "description", "model",    "extends", "params",    "start",
    "seed",     "replications", "warmup",      "horizon",  "cases",   "calendars", "legal_calendar",
    "arrivals", "resources",    "tasks",       "gateways", "events",  "sla",       "redesign",
    NULL,
};

static flujo_status_t load(loader_t *L, const char *path, flujo__ynode_t *root)
{
    flujo_scenario_t *s = L->s;
    flujo_status_t st = FLUJO_OK;
    const flujo__ynode_t *x;

    if (!L->bare) {
        if ((st = check_keys(L, root, "", top_keys)) != FLUJO_OK) {
            return st;
        }
        x = flujo__yaml_get(root, "flujo");
        if (x == NULL) {
            return flujo_err_set(L->err, FLUJO_ESCENARIO,
                                 "%s:1: missing 'flujo: 1' (the scenario format version)", path);
        }
        if (x->kind != FLUJO__Y_SCALAR || strcmp(x->value, "1") != 0) {
            return fail(L, x, "flujo", "this flujo reads scenario format 1, not '%s'",
                        x->kind == FLUJO__Y_SCALAR ? x->value : "?");
        }
        x = flujo__yaml_get(root, "model");
        if (x == NULL) {
            return flujo_err_set(L->err, FLUJO_ESCENARIO,
                                 "%s:1: missing 'model:' (the BPMN file, relative to the scenario)",
                                 path);
        }
        if ((st = need_scalar(L, x, "model")) != FLUJO_OK) {
            return st;
        }
        char *mp = relative_to(x->file != NULL && x->file[0] != '-' ? x->file : path, x->value);
        flujo_err_t merr = {0};
        st = flujo_bpmn_read(mp, &s->model, &merr);
        free(mp);
        if (st != FLUJO_OK) {
            if (merr.status == FLUJO_EIO) {
                return fail(L, x, "model", "%s", merr.msg);
            }
            *L->err = merr;
            return st;
        }
    } else {
        flujo_err_t merr = {0};
        st = flujo_bpmn_read(path, &s->model, &merr);
        if (st != FLUJO_OK) {
            *L->err = merr;
            return st;
        }
        if ((st = check_keys(L, root, "", top_keys)) != FLUJO_OK) {
            return st;
        }
    }
    const flujo_model_t *m = s->model;

    /* errors in the model's structure make any simulation meaningless */
    for (size_t i = 0; i < m->diags.n; i++) {
        const flujo_diag_t *d = &m->diags.items[i];
        if (d->severity == FLUJO_SEV_ERROR) {
            return flujo_err_set(L->err, FLUJO_EMODEL, "%s:%ld: %s", m->file, d->line, d->message);
        }
    }

    s->tasks = flujo_xcalloc(m->n_nodes + 1, sizeof(*s->tasks));
    s->gateways = flujo_xcalloc(m->n_nodes + 1, sizeof(*s->gateways));
    s->events = flujo_xcalloc(m->n_nodes + 1, sizeof(*s->events));
    for (size_t v = 0; v < m->n_nodes; v++) {
        flujo__task_init(&s->tasks[v]);
        s->events[v].calendar = -1;
        s->gateways[v].n = flujo_model_out_degree(m, (int64_t)v);
    }
    bind_calls(L);

    /* name, start, seed, replications */
    x = flujo__yaml_get(root, "name");
    if (x != NULL && (st = need_scalar(L, x, "name")) != FLUJO_OK) {
        return st;
    }
    if (x != NULL) {
        s->name = flujo_xstrdup(x->value);
    } else if (m->n_processes > 0 && m->processes[0].name[0]) {
        s->name = flujo_xstrdup(m->processes[0].name);
    } else {
        /* the file's name without directory and extension */
        const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
        const char *dot = strrchr(base, '.');
        s->name =
            flujo_xstrndup(base, dot != NULL && dot > base ? (size_t)(dot - base) : strlen(base));
    }
    const char *start = DEFAULT_START;
    if ((x = flujo__yaml_get(root, "start")) != NULL) {
        if ((st = need_scalar(L, x, "start")) != FLUJO_OK) {
            return st;
        }
        start = x->value;
        if (!flujo_parse_datetime(start, &s->start_day, &s->start_time)) {
            return fail(L, x, "start", "'%s' is not a date like 2026-03-02 (or 2026-03-02T09:00)",
                        start);
        }
    } else {
        flujo_parse_date(start, &s->start_day);
    }
    s->seed = 1;
    if ((x = flujo__yaml_get(root, "seed")) != NULL) {
        double v;
        if ((st = get_number(L, x, "seed", &v)) != FLUJO_OK) {
            return st;
        }
        if (v < 0 || v != floor(v) || v > 9007199254740992.0) {
            return fail(L, x, "seed", "expected a whole number >= 0");
        }
        s->seed = (uint64_t)v;
    }
    s->replications = DEFAULT_REPS;
    if ((x = flujo__yaml_get(root, "replications")) != NULL) {
        if ((st = get_count(L, x, "replications", 2, 100000, &s->replications)) != FLUJO_OK) {
            return st;
        }
    } else {
        note(L, "default-replications", "assumed %d replications", DEFAULT_REPS);
    }

    /* warm-up and horizon, then calendars sized to cover them; or a number of cases, and the
     * calendars sized once the arrival rate is known (cases_span) */
    double warmup = 0, horizon = 0;
    flujo_clock_t wc = FLUJO_CLOCK_BDAYS, hc = FLUJO_CLOCK_BDAYS;
    flujo_err_t e = {0};
    const flujo__ynode_t *wn = flujo__yaml_get(root, "warmup");
    const flujo__ynode_t *hn = flujo__yaml_get(root, "horizon");
    const flujo__ynode_t *cn = flujo__yaml_get(root, "cases");
    if (cn != NULL) {
        if ((st = get_count(L, cn, "cases", 1, 100000000, &s->cases)) != FLUJO_OK) {
            return st;
        }
        if (wn != NULL || hn != NULL) {
            return fail(L, cn, "cases",
                        "runs N expedientes from the start, all counted: it does not go with "
                        "warmup or horizon (leave those out, or cases)");
        }
        s->n_days = 3 * 366; /* for now: cases_span sizes the calendars */
    } else if (wn != NULL) {
        if ((st = get_duration(L, wn, "warmup", &warmup, &wc)) != FLUJO_OK) {
            return st;
        }
    } else {
        flujo_parse_duration(DEFAULT_WARMUP, &warmup, &wc, &e);
        note(L, "default-warmup", "assumed a warm-up of %s", DEFAULT_WARMUP);
    }
    if (s->cases > 0) {
        /* no horizon */
    } else if (hn != NULL) {
        if ((st = get_duration(L, hn, "horizon", &horizon, &hc)) != FLUJO_OK) {
            return st;
        }
        if (horizon <= 0) {
            return fail(L, hn, "horizon", "the horizon must be longer than 0");
        }
    } else {
        flujo_parse_duration(DEFAULT_HORIZON, &horizon, &hc, &e);
        note(L, "default-horizon", "assumed a horizon of %s", DEFAULT_HORIZON);
    }
    if (s->cases == 0) {
        s->n_days = calendar_span(warmup, wc, horizon, hc);
    }
    if (s->n_days > MAX_DAYS) {
        return fail(L, hn != NULL ? hn : wn, hn != NULL ? "horizon" : "warmup",
                    "more than 1000 years of simulated time is not supported");
    }

    add_calendar(L, flujo_calendar_new("always", true));
    if ((x = flujo__yaml_get(root, "calendars")) != NULL &&
        (st = read_calendars(L, x)) != FLUJO_OK) {
        return st;
    }
    if ((x = flujo__yaml_get(root, "legal_calendar")) != NULL) {
        if ((st = get_calendar_ref(L, x, "legal_calendar", &s->legal_calendar)) != FLUJO_OK) {
            return st;
        }
    } else {
        add_default_legal(L);
    }
    for (size_t i = 0; i < s->n_calendars; i++) {
        flujo_calendar_finish(s->calendars[i], s->start_day, s->n_days);
    }
    if (s->cases > 0) {
        s->warmup_end = s->start_time;
        s->arrivals_end = INFINITY;
    } else {
        s->warmup_end = to_elapsed(s, s->start_time, warmup, wc);
        s->arrivals_end = to_elapsed(s, s->warmup_end, horizon, hc);
    }

    /* pools, then everything that refers to them */
    if ((x = flujo__yaml_get(root, "resources")) != NULL &&
        (st = read_resources(L, x)) != FLUJO_OK) {
        return st;
    }
    if ((x = flujo__yaml_get(root, "arrivals")) != NULL) {
        if ((st = read_arrivals(L, x)) != FLUJO_OK) {
            return st;
        }
    }
    if ((x = flujo__yaml_get(root, "tasks")) != NULL && (st = read_tasks(L, x)) != FLUJO_OK) {
        return st;
    }
    if ((st = bind_pools(L)) != FLUJO_OK) {
        return st;
    }
    if ((st = check_units(L, path)) != FLUJO_OK) {
        return st;
    }
    if ((x = flujo__yaml_get(root, "gateways")) != NULL && (st = read_gateways(L, x)) != FLUJO_OK) {
        return st;
    }
    if ((x = flujo__yaml_get(root, "events")) != NULL && (st = read_events(L, x)) != FLUJO_OK) {
        return st;
    }
    if ((x = flujo__yaml_get(root, "sla")) != NULL) {
        if ((st = read_sla(L, x)) != FLUJO_OK) {
            return st;
        }
    } else {
        s->sla.pause = flujo_xcalloc(m->n_nodes + 1, sizeof(bool));
    }
    default_durations(L);
    default_gateways(L);
    default_events(L);
    if ((st = check_races(L)) != FLUJO_OK) {
        return st;
    }
    if ((x = flujo__yaml_get(root, "redesign")) != NULL) {
        if ((st = read_redesign(L, x)) != FLUJO_OK) {
            return st;
        }
        if ((st = check_units(L, path)) != FLUJO_OK) {
            return st;
        }
    }
    return FLUJO_OK;
}

/* Arrivals for a scenario without any: one stream at each start event of the first process that
 * has one, exponential at the rate that loads the busiest pool to 70%. */
/* cases: N - the calendars must cover the N arrivals at the procedure's arrival rate, and as long
 * again for the last ones to finish, plus three years. */
static flujo_status_t cases_span(loader_t *L, const flujo__ynode_t *where)
{
    flujo_scenario_t *s = L->s;
    double rate = flujo_scenario_arrival_rate(s);
    if (!(rate > 0)) {
        return fail(L, where, "cases", "no expediente of the procedure ever arrives");
    }
    double days = (double)s->cases / rate / FLUJO_DAY + s->start_time / FLUJO_DAY;
    if (2 * days + 3 * 366 > MAX_DAYS) {
        return fail(L, where, "cases",
                    "%ld expedientes at %.4g a day would take more than 1000 years to arrive",
                    s->cases, rate * FLUJO_DAY);
    }
    s->n_days = (long)ceil(2 * days) + 3 * 366;
    for (size_t i = 0; i < s->n_calendars; i++) {
        flujo_calendar_finish(s->calendars[i], s->start_day, s->n_days);
    }
    return FLUJO_OK;
}

static flujo_status_t default_arrivals(loader_t *L)
{
    flujo_scenario_t *s = L->s;
    const flujo_model_t *m = s->model;
    int64_t start = -1;
    for (size_t v = 0; v < m->n_nodes && start < 0; v++) {
        if (is_start_node(m, (int64_t)v)) {
            start = (int64_t)v;
        }
    }
    if (m->n_processes == 0) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s: the file defines no process: there is nothing to simulate",
                             m->file);
    }
    if (start < 0) {
        return flujo_err_set(L->err, FLUJO_ESCENARIO,
                             "%s: the model has no start event, so no case can arrive", m->file);
    }
    s->arrivals = flujo_xcalloc(1, sizeof(*s->arrivals));
    s->n_arrivals = 1;
    flujo_arrival_t *a = &s->arrivals[0];
    a->start = start;
    flujo_dist_fixed(&a->interarrival, 3600, FLUJO_CLOCK_WORK);
    a->interarrival.kind = FLUJO_DIST_EXPONENTIAL;
    flujo_capacity_t cap;
    flujo_status_t st = flujo_scenario_capacity(s, &cap, L->err);
    if (st != FLUJO_OK) {
        return st;
    }
    double mean = 3600;
    const char *busiest = "none";
    if (cap.busiest >= 0 && cap.rho[cap.busiest] > 0) {
        /* rho scales with the rate: at one arrival per hour it is rho[busiest] */
        mean = 3600 * cap.rho[cap.busiest] / 0.7;
        busiest = s->pools[cap.busiest].name;
    }
    a->interarrival.p[0] = mean;
    flujo_sbuf_t t;
    flujo_sbuf_init(&t);
    flujo_sbuf_printf(&t, "exponential(%.4gh)", mean / 3600);
    a->interarrival.text = flujo_sbuf_take(&t);
    note(L, "default-arrivals",
         "assumed arrivals %s at '%s', which loads the busiest unit (%s) to 70%%",
         a->interarrival.text, m->nodes[start].name[0] ? m->nodes[start].name : m->nodes[start].id,
         busiest);
    flujo_capacity_destroy(&cap);
    return FLUJO_OK;
}

static bool is_model_path(const char *path)
{
    size_t n = strlen(path);
    return (n > 5 && strcmp(path + n - 5, ".bpmn") == 0) ||
           (n > 4 && strcmp(path + n - 4, ".xml") == 0);
}

/* params: FILE.json - Prosimos parameters under the scenario's own keys (which win). A path from
 * the command line is relative to the working directory, one in a file to that file. */
static flujo_status_t import_params(loader_t *L, const char *path, flujo__ynode_t **root)
{
    const flujo__ynode_t *x = flujo__yaml_get(*root, "params");
    if (x == NULL) {
        return FLUJO_OK;
    }
    flujo_status_t st = need_scalar(L, x, "params");
    if (st != FLUJO_OK) {
        return st;
    }
    bool cli = x->file == NULL || x->file[0] == '-';
    char *pp =
        cli ? flujo_xstrdup(x->value) : relative_to(x->file != NULL ? x->file : path, x->value);
    char *buf;
    size_t len;
    flujo_err_t e = {0};
    if (flujo_read_file(pp, MAX_SCENARIO_BYTES, &buf, &len, &e) != FLUJO_OK) {
        free(pp);
        if (cli) { /* the message names the file */
            *L->err = e;
            return e.status;
        }
        return fail(L, x, "params", "%s", e.msg);
    }
    const char *file = remember_file(L, pp);
    free(pp);
    flujo__ynode_t *conv = NULL;
    st = flujo__prosimos_tree(buf, len, file, &conv, &L->s->notes, L->err);
    free(buf);
    if (st == FLUJO_OK) {
        *root = flujo__yaml_merge(conv, *root);
    }
    return st;
}

flujo_status_t flujo_scenario_load(const char *path, const char *const *sets, size_t n_sets,
                                   flujo_scenario_t **out, flujo_err_t *err)
{
    loader_t L = {0};
    flujo__ynode_t *root = NULL;
    flujo_status_t st = FLUJO_OK;

    L.err = err;
    L.s = flujo_xcalloc(1, sizeof(*L.s));
    L.s->file = flujo_xstrdup(path);
    flujo_diags_init(&L.s->notes);
    flujo_diags_init(&L.s->changes);
    L.bare = is_model_path(path);
    if (!L.bare) {
        st = read_tree(&L, path, 0, &root);
    } else {
        /* a model run as it is: with the BPSim or QBP parameters it carries, if any, unless
         * other parameters are given (params=FILE) */
        bool params = false;
        for (size_t i = 0; i < n_sets; i++) {
            params = params || strncmp(sets[i], "params=", 7) == 0;
        }
        if (!params) {
            st = flujo__bpmn_sim_tree(path, remember_file(&L, path), &root, &L.s->notes, err);
        }
        if (st == FLUJO_OK && root == NULL) {
            root = flujo__yaml_new_map(path, 0);
        }
    }
    for (size_t i = 0; i < n_sets && st == FLUJO_OK; i++) {
        const char *eq = strchr(sets[i], '=');
        if (eq == NULL || eq == sets[i]) {
            st = flujo_err_set(err, FLUJO_EUSAGE, "--set %s: expected KEY=VALUE", sets[i]);
            break;
        }
        char *key = flujo_xstrndup(sets[i], (size_t)(eq - sets[i]));
        st = flujo__yaml_set_path(&root, key, eq + 1, "--set", err);
        free(key);
    }
    if (st == FLUJO_OK) {
        st = import_params(&L, path, &root);
    }
    if (st == FLUJO_OK) {
        st = load(&L, path, root);
    }
    if (st == FLUJO_OK && L.s->n_arrivals == 0) {
        st = default_arrivals(&L);
    }
    if (st == FLUJO_OK && L.s->cases > 0) {
        st = cases_span(&L, flujo__yaml_get(root, "cases"));
    }
    flujo__yaml_free(root);
    for (size_t i = 0; i < L.n_files; i++) {
        free(L.files[i]);
    }
    free(L.files);
    for (size_t i = 0; i < L.n_removed; i++) {
        free(L.removed[i]);
    }
    free(L.removed);
    if (st != FLUJO_OK) {
        flujo_scenario_free(L.s);
        return st;
    }
    *out = L.s;
    return FLUJO_OK;
}

void flujo__task_init(flujo_task_t *t)
{
    memset(t, 0, sizeof(*t));
    t->pool = -1;
    t->units = 1;
    t->instances = 1;
    t->value_added = -1;
    t->error_boundary = -1;
    t->called = -1;
    t->called_process = -1;
}

const flujo_dist_t *flujo_task_duration(const flujo_task_t *t, int64_t p)
{
    for (size_t i = 0; i < t->n_alts; i++) {
        if (t->alts[i].pool == p && t->alts[i].own_duration) {
            return &t->alts[i].duration;
        }
    }
    return &t->duration;
}

void flujo__task_destroy(flujo_task_t *t)
{
    free_alts(t);
    flujo_dist_destroy(&t->duration);
    free(t->asme);
    t->asme = NULL;
}

void flujo__split_destroy(flujo_split_t *g)
{
    for (size_t k = 0; g->cond != NULL && k < g->n; k++) {
        cond_free(g->cond[k]);
    }
    free(g->cond);
    free(g->prob);
    free(g->order);
    g->cond = NULL;
    g->prob = NULL;
    g->order = NULL;
}

void flujo__delay_destroy(flujo_delay_t *d)
{
    flujo_dist_destroy(&d->delay);
    free(d->at);
    d->at = NULL;
}

void flujo_scenario_free(flujo_scenario_t *s)
{
    if (s == NULL) {
        return;
    }
    size_t nn = s->model != NULL ? s->model->n_nodes : 0;
    for (size_t v = 0; v < nn && s->tasks != NULL; v++) {
        flujo__task_destroy(&s->tasks[v]);
    }
    for (size_t v = 0; v < nn && s->gateways != NULL; v++) {
        flujo__split_destroy(&s->gateways[v]);
    }
    for (size_t v = 0; v < nn && s->events != NULL; v++) {
        flujo__delay_destroy(&s->events[v]);
    }
    free(s->tasks);
    free(s->gateways);
    free(s->events);
    for (size_t i = 0; i < s->n_arrivals; i++) {
        flujo_dist_destroy(&s->arrivals[i].interarrival);
        for (size_t k = 0; s->arrivals[i].attr_cum != NULL && k < s->n_attrs; k++) {
            free(s->arrivals[i].attr_cum[k]);
        }
        free(s->arrivals[i].attr_cum);
    }
    free(s->arrivals);
    for (size_t i = 0; i < s->n_attrs; i++) {
        for (size_t k = 0; k < s->attrs[i].n; k++) {
            free(s->attrs[i].values[k]);
        }
        free(s->attrs[i].values);
        free(s->attrs[i].number);
        free(s->attrs[i].name);
    }
    free(s->attrs);
    for (size_t i = 0; i < s->n_pools; i++) {
        free(s->pools[i].name);
        free(s->pools[i].file);
    }
    free(s->pools);
    for (size_t i = 0; i < s->n_calendars; i++) {
        flujo_calendar_free(s->calendars[i]);
    }
    free(s->calendars);
    free(s->sla.pause);
    free(s->sla.until);
    for (size_t i = 0; i < s->sla.n_rules; i++) {
        cond_free(s->sla.rule_cond[i]);
        free(s->sla.rule_text[i]);
    }
    free(s->sla.rule_text);
    free(s->sla.rule_cond);
    free(s->sla.rule_deadline);
    flujo_diags_destroy(&s->notes);
    flujo_diags_destroy(&s->changes);
    flujo_model_free(s->model);
    free(s->name);
    free(s->file);
    free(s);
}
