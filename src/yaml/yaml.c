/* yaml.c - a YAML document as a tree with line numbers, built from libyaml's event stream.
 *
 * The tree is what the scenario reader walks, so that every message can name the file and line of
 * the key it is about. Aliases are expanded into copies under a node budget, which keeps anchors
 * usable while an alias bomb ("billion laughs" in YAML) stops at FLUJO__YAML_MAX_NODES. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "yaml/yaml_int.h"

#include <yaml.h>

static flujo__ynode_t *new_node(flujo__ykind_t kind, const char *file, long line)
{
    flujo__ynode_t *n = flujo_xcalloc(1, sizeof(*n));
    n->kind = kind;
    n->file = file;
    n->line = line;
    return n;
}

flujo__ynode_t *flujo__yaml_new_map(const char *file, long line)
{
    return new_node(FLUJO__Y_MAP, file, line);
}

flujo__ynode_t *flujo__yaml_new_scalar(const char *value, const char *file, long line)
{
    flujo__ynode_t *n = new_node(FLUJO__Y_SCALAR, file, line);
    n->value = flujo_xstrdup(value);
    return n;
}

void flujo__yaml_free(flujo__ynode_t *n)
{
    if (n == NULL) {
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        flujo__yaml_free(n->items[i]);
        if (n->keys != NULL) {
            free(n->keys[i]);
        }
    }
    free(n->items);
    free(n->keys);
    free(n->key_lines);
    free(n->value);
    free(n);
}

static void append(flujo__ynode_t *parent, flujo__ynode_t *child)
{
    size_t cap = parent->cap;
    flujo_grow((void **)&parent->items, &cap, parent->n + 1, sizeof(*parent->items));
    if (parent->kind == FLUJO__Y_MAP) {
        size_t c2 = parent->cap;
        flujo_grow((void **)&parent->keys, &c2, parent->n + 1, sizeof(*parent->keys));
        c2 = parent->cap;
        flujo_grow((void **)&parent->key_lines, &c2, parent->n + 1, sizeof(*parent->key_lines));
    }
    parent->cap = cap;
    parent->items[parent->n++] = child;
}

flujo__ynode_t *flujo__yaml_new_seq(const char *file, long line)
{
    return new_node(FLUJO__Y_SEQ, file, line);
}

void flujo__yaml_seq_add(flujo__ynode_t *seq, flujo__ynode_t *item)
{
    append(seq, item);
}

void flujo__yaml_map_add(flujo__ynode_t *map, const char *key, long line, flujo__ynode_t *value)
{
    append(map, value);
    map->keys[map->n - 1] = flujo_xstrdup(key);
    map->key_lines[map->n - 1] = line;
}

/* Copies n, charging every node to *budget; returns NULL when the budget runs out. */
static flujo__ynode_t *clone_counted(const flujo__ynode_t *n, size_t *budget)
{
    if (*budget == 0) {
        return NULL;
    }
    (*budget)--;
    flujo__ynode_t *c = new_node(n->kind, n->file, n->line);
    c->value = flujo_xstrdup(n->value);
    c->quoted = n->quoted;
    for (size_t i = 0; i < n->n; i++) {
        flujo__ynode_t *item = clone_counted(n->items[i], budget);
        if (item == NULL) {
            flujo__yaml_free(c);
            return NULL;
        }
        if (n->kind == FLUJO__Y_MAP) {
            flujo__yaml_map_add(c, n->keys[i], n->key_lines[i], item);
        } else {
            append(c, item);
        }
    }
    return c;
}

flujo__ynode_t *flujo__yaml_clone(const flujo__ynode_t *n)
{
    size_t budget = SIZE_MAX;
    return n != NULL ? clone_counted(n, &budget) : NULL;
}

long flujo__yaml_find(const flujo__ynode_t *map, const char *key)
{
    if (map == NULL || map->kind != FLUJO__Y_MAP) {
        return -1;
    }
    for (size_t i = 0; i < map->n; i++) {
        if (strcmp(map->keys[i], key) == 0) {
            return (long)i;
        }
    }
    return -1;
}

flujo__ynode_t *flujo__yaml_get(const flujo__ynode_t *map, const char *key)
{
    long i = flujo__yaml_find(map, key);
    return i >= 0 ? map->items[i] : NULL;
}

flujo__ynode_t *flujo__yaml_merge(flujo__ynode_t *base, flujo__ynode_t *over)
{
    if (base == NULL) {
        return over;
    }
    if (over == NULL) {
        return base;
    }
    if (base->kind != FLUJO__Y_MAP || over->kind != FLUJO__Y_MAP) {
        flujo__yaml_free(base);
        return over;
    }
    for (size_t i = 0; i < over->n; i++) {
        long j = flujo__yaml_find(base, over->keys[i]);
        if (j >= 0) {
            base->items[j] = flujo__yaml_merge(base->items[j], over->items[i]);
            base->key_lines[j] = over->key_lines[i];
        } else {
            flujo__yaml_map_add(base, over->keys[i], over->key_lines[i], over->items[i]);
        }
        over->items[i] = NULL;
    }
    flujo__yaml_free(over);
    return base;
}

/* ---- repairs ----------------------------------------------------------------------------------
 */

static int paren_balance(const char *s)
{
    int b = 0;
    for (; *s; s++) {
        b += *s == '(';
        b -= *s == ')';
    }
    return b;
}

static bool is_plain_null(const flujo__ynode_t *n)
{
    return n->kind == FLUJO__Y_SCALAR && !n->quoted && n->value[0] == '\0';
}

/* In a YAML flow mapping, {duration: triangular(9m, 15m, 30m)} reads as duration →
 * "triangular(9m", "15m" → null, "30m)" → null, because commas separate entries there. Scenario
 * files are written exactly like that (DESIGN.md does), so a plain value with an unclosed '(' takes
 * back the null-valued keys that follow until its parentheses balance; flow sequences are mended
 * the same way. Quoted text is left alone. */
static void repair_commas(flujo__ynode_t *n)
{
    if (n == NULL || n->kind == FLUJO__Y_SCALAR) {
        return;
    }
    size_t out = 0;
    for (size_t i = 0; i < n->n; i++) {
        flujo__ynode_t *v = n->items[i];
        if (v->kind == FLUJO__Y_SCALAR && !v->quoted && paren_balance(v->value) > 0) {
            flujo_sbuf_t b;
            flujo_sbuf_init(&b);
            flujo_sbuf_add(&b, v->value);
            int bal = paren_balance(v->value);
            size_t j = i + 1;
            while (bal > 0 && j < n->n) {
                const char *piece;
                if (n->kind == FLUJO__Y_MAP) {
                    if (!is_plain_null(n->items[j])) {
                        break;
                    }
                    piece = n->keys[j];
                } else {
                    if (n->items[j]->kind != FLUJO__Y_SCALAR || n->items[j]->quoted) {
                        break;
                    }
                    piece = n->items[j]->value;
                }
                flujo_sbuf_printf(&b, ", %s", piece);
                bal += paren_balance(piece);
                j++;
            }
            if (bal == 0) {
                free(v->value);
                v->value = flujo_sbuf_take(&b);
                for (size_t k = i + 1; k < j; k++) {
                    flujo__yaml_free(n->items[k]);
                    if (n->keys != NULL) {
                        free(n->keys[k]);
                    }
                }
            } else {
                flujo_sbuf_destroy(&b);
                j = i + 1;
            }
            n->items[out] = v;
            if (n->keys != NULL) {
                n->keys[out] = n->keys[i];
                n->key_lines[out] = n->key_lines[i];
            }
            out++;
            i = j - 1;
            continue;
        }
        n->items[out] = v;
        if (n->keys != NULL) {
            n->keys[out] = n->keys[i];
            n->key_lines[out] = n->key_lines[i];
        }
        out++;
    }
    n->n = out;
    for (size_t i = 0; i < n->n; i++) {
        repair_commas(n->items[i]);
    }
}

/* ---- parsing -----------------------------------------------------------------------------------
 */

/* An open container and, for a map, the key waiting for its value. */
typedef struct frame {
    flujo__ynode_t *node; /* the map or sequence */
    char *key;            /* pending key of a map, or NULL */
    long key_line;        /* its line */
} frame_t;

/* An anchor and the node it names. */
typedef struct anchor {
    char *name;           /* anchor name */
    flujo__ynode_t *node; /* the anchored node (owned by the tree) */
    bool open;            /* still being built: an alias to it would be recursive */
} anchor_t;

typedef struct builder {
    const char *file;     /* for messages and nodes */
    flujo__ynode_t *root; /* the document */
    frame_t stack[FLUJO__YAML_MAX_DEPTH];
    int depth;          /* open containers */
    anchor_t *anchors;  /* anchors seen */
    size_t n_anchors;   /* how many */
    size_t cap_anchors; /* allocated */
    size_t budget;      /* nodes that may still be created */
    int documents;      /* documents started */
    flujo_err_t *err;   /* where errors go */
} builder_t;

static flujo_status_t attach(builder_t *b, flujo__ynode_t *n)
{
    if (b->depth == 0) {
        b->root = n;
        return FLUJO_OK;
    }
    frame_t *f = &b->stack[b->depth - 1];
    if (f->node->kind == FLUJO__Y_SEQ) {
        append(f->node, n);
        return FLUJO_OK;
    }
    if (f->key == NULL) {
        if (n->kind != FLUJO__Y_SCALAR) {
            long line = n->line;
            flujo__yaml_free(n);
            return flujo_err_set(b->err, FLUJO_EPARSE,
                                 "%s:%ld: a key must be a plain text, not a list or a map", b->file,
                                 line);
        }
        if (flujo__yaml_find(f->node, n->value) >= 0) {
            long first = f->node->key_lines[flujo__yaml_find(f->node, n->value)];
            flujo_status_t st = flujo_err_set(b->err, FLUJO_EPARSE,
                                              "%s:%ld: duplicate key '%s' (first at line %ld)",
                                              b->file, n->line, n->value, first);
            flujo__yaml_free(n);
            return st;
        }
        f->key = n->value;
        f->key_line = n->line;
        n->value = NULL;
        flujo__yaml_free(n);
        return FLUJO_OK;
    }
    flujo__yaml_map_add(f->node, f->key, f->key_line, n);
    free(f->key);
    f->key = NULL;
    return FLUJO_OK;
}

static flujo_status_t add_anchor(builder_t *b, const yaml_char_t *name, flujo__ynode_t *n,
                                 bool open)
{
    if (name == NULL) {
        return FLUJO_OK;
    }
    flujo_grow((void **)&b->anchors, &b->cap_anchors, b->n_anchors + 1, sizeof(*b->anchors));
    b->anchors[b->n_anchors++] = (anchor_t){flujo_xstrdup((const char *)name), n, open};
    return FLUJO_OK;
}

static anchor_t *find_anchor(builder_t *b, const char *name)
{
    /* The latest definition of a name wins, as YAML says. */
    for (size_t i = b->n_anchors; i-- > 0;) {
        if (strcmp(b->anchors[i].name, name) == 0) {
            return &b->anchors[i];
        }
    }
    return NULL;
}

static void close_anchor(builder_t *b, const flujo__ynode_t *n)
{
    for (size_t i = 0; i < b->n_anchors; i++) {
        if (b->anchors[i].node == n) {
            b->anchors[i].open = false;
        }
    }
}

static flujo_status_t too_many(builder_t *b, long line)
{
    return flujo_err_set(b->err, FLUJO_ELIMIT,
                         "%s:%ld: the document expands to more than %d nodes (aliases of "
                         "aliases?)",
                         b->file, line, FLUJO__YAML_MAX_NODES);
}

static flujo_status_t on_event(builder_t *b, const yaml_event_t *ev)
{
    long line = (long)ev->start_mark.line + 1;
    flujo__ynode_t *n;
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents > 1) {
            return flujo_err_set(b->err, FLUJO_EPARSE,
                                 "%s:%ld: a second document ('---'): put one scenario per file",
                                 b->file, line);
        }
        return FLUJO_OK;
    case YAML_SCALAR_EVENT:
        if (b->budget == 0) {
            return too_many(b, line);
        }
        b->budget--;
        n = new_node(FLUJO__Y_SCALAR, b->file, line);
        n->value = flujo_xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
        n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        add_anchor(b, ev->data.scalar.anchor, n, false);
        return attach(b, n);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        if (b->budget == 0) {
            return too_many(b, line);
        }
        if (b->depth >= FLUJO__YAML_MAX_DEPTH) {
            return flujo_err_set(b->err, FLUJO_ELIMIT, "%s:%ld: nesting deeper than %d levels",
                                 b->file, line, FLUJO__YAML_MAX_DEPTH);
        }
        b->budget--;
        bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
        n = new_node(seq ? FLUJO__Y_SEQ : FLUJO__Y_MAP, b->file, line);
        add_anchor(b, seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor, n,
                   true);
        flujo_status_t st = attach(b, n);
        if (st != FLUJO_OK) {
            return st;
        }
        b->stack[b->depth++] = (frame_t){n, NULL, 0};
        return FLUJO_OK;
    }
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        b->depth--;
        close_anchor(b, b->stack[b->depth].node);
        free(b->stack[b->depth].key);
        return FLUJO_OK;
    case YAML_ALIAS_EVENT: {
        anchor_t *a = find_anchor(b, (const char *)ev->data.alias.anchor);
        if (a == NULL) {
            return flujo_err_set(b->err, FLUJO_EPARSE, "%s:%ld: alias '*%s' names no anchor",
                                 b->file, line, (const char *)ev->data.alias.anchor);
        }
        if (a->open) {
            return flujo_err_set(b->err, FLUJO_EPARSE,
                                 "%s:%ld: alias '*%s' refers to the node that contains it", b->file,
                                 line, a->name);
        }
        n = clone_counted(a->node, &b->budget);
        if (n == NULL) {
            return too_many(b, line);
        }
        return attach(b, n);
    }
    default:
        return FLUJO_OK;
    }
}

flujo_status_t flujo__yaml_parse(const char *buf, size_t len, const char *file,
                                 flujo__ynode_t **out, flujo_err_t *err)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    builder_t b = {0};
    flujo_status_t st = FLUJO_OK;

    b.file = file;
    b.budget = FLUJO__YAML_MAX_NODES;
    b.err = err;
    if (!yaml_parser_initialize(&parser)) {
        return flujo_err_set(err, FLUJO_EPARSE, "%s: cannot create a YAML parser", file);
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    for (;;) {
        if (!yaml_parser_parse(&parser, &ev)) {
            size_t n = strlen(file);
            bool json = n > 5 && strcmp(file + n - 5, ".json") == 0; /* read as YAML 1.1 */
            st = flujo_err_set(err, FLUJO_EPARSE, "%s:%ld: %s syntax error: %s%s%s", file,
                               (long)parser.problem_mark.line + 1, json ? "JSON" : "YAML",
                               parser.problem ? parser.problem : "unknown problem",
                               parser.context ? " " : "", parser.context ? parser.context : "");
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        st = on_event(&b, &ev);
        yaml_event_delete(&ev);
        if (st != FLUJO_OK || end) {
            break;
        }
    }
    yaml_parser_delete(&parser);
    for (int d = 0; d < b.depth; d++) {
        free(b.stack[d].key);
    }
    for (size_t i = 0; i < b.n_anchors; i++) {
        free(b.anchors[i].name);
    }
    free(b.anchors);
    if (st != FLUJO_OK) {
        flujo__yaml_free(b.root);
        return st;
    }
    /* An empty document parses as one empty plain scalar. */
    if (b.root != NULL && b.root->kind == FLUJO__Y_SCALAR && !b.root->quoted &&
        b.root->value[0] == '\0') {
        flujo__yaml_free(b.root);
        b.root = NULL;
    }
    repair_commas(b.root);
    *out = b.root;
    return FLUJO_OK;
}

/* ---- --set
 * ---------------------------------------------------------------------------------------- */

static void forget_lines(flujo__ynode_t *n)
{
    n->line = 0;
    for (size_t i = 0; i < n->n; i++) {
        if (n->key_lines != NULL) {
            n->key_lines[i] = 0;
        }
        forget_lines(n->items[i]);
    }
}

flujo_status_t flujo__yaml_set_path(flujo__ynode_t **root, const char *path, const char *value,
                                    const char *origin, flujo_err_t *err)
{
    flujo__ynode_t *val = NULL;
    flujo_status_t st = flujo__yaml_parse(value, strlen(value), origin, &val, err);
    if (st != FLUJO_OK) {
        return flujo_err_set(err, FLUJO_EUSAGE, "%s %s=%s: the value is not valid YAML", origin,
                             path, value);
    }
    if (val == NULL) {
        val = flujo__yaml_new_scalar("", origin, 0);
    }
    forget_lines(val); /* an override has no line in any file */
    if (*root == NULL) {
        *root = flujo__yaml_new_map(origin, 0);
    }
    flujo__ynode_t *cur = *root;
    const char *p = path;
    for (;;) {
        if (cur->kind != FLUJO__Y_MAP) {
            flujo__yaml_free(val);
            return flujo_err_set(err, FLUJO_EUSAGE,
                                 "%s %s: '%.*s' is not a map, it cannot hold '%s'", origin, path,
                                 (int)(p - path - 1 > 0 ? p - path - 1 : 0), path, p);
        }
        /* The longest existing key that is a prefix of the rest, ending at a dot or the end. */
        long best = -1;
        size_t best_len = 0;
        for (size_t i = 0; i < cur->n; i++) {
            size_t kl = strlen(cur->keys[i]);
            if (kl > best_len && strncmp(p, cur->keys[i], kl) == 0 &&
                (p[kl] == '\0' || p[kl] == '.')) {
                best = (long)i;
                best_len = kl;
            }
        }
        size_t seg_len = best >= 0 ? best_len : strcspn(p, ".");
        bool last = p[seg_len] == '\0';
        if (seg_len == 0) {
            flujo__yaml_free(val);
            return flujo_err_set(err, FLUJO_EUSAGE, "%s %s: empty key in the path", origin, path);
        }
        if (last) {
            if (best >= 0) {
                flujo__yaml_free(cur->items[best]);
                cur->items[best] = val;
            } else {
                char *key = flujo_xstrndup(p, seg_len);
                flujo__yaml_map_add(cur, key, 0, val);
                free(key);
            }
            return FLUJO_OK;
        }
        if (best < 0) {
            char *key = flujo_xstrndup(p, seg_len);
            flujo__yaml_map_add(cur, key, 0, flujo__yaml_new_map(origin, 0));
            free(key);
            best = (long)cur->n - 1;
        }
        cur = cur->items[best];
        p += seg_len + 1;
    }
}
