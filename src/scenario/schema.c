/* schema.c - the scenario loader's messages and typed getters: a failure that names file, line
 * and key, the check of a map's keys with its "did you mean" hint, and the readers of a number,
 * a probability, a count, a distribution, a duration and a yes or no; the notes of assumed
 * defaults. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "scenario/load_int.h"

flujo_status_t flujo__fail(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                           const char *fmt, ...)
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
flujo__ynode_t flujo__keyref(const flujo__ynode_t *map, size_t i)
{
    flujo__ynode_t k = {0};
    k.file = map->items[i]->file;
    k.line = map->key_lines[i] > 0 ? map->key_lines[i] : map->items[i]->line;
    return k;
}

char *flujo__join_path(const char *a, const char *b)
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
void flujo__suggest(const char *key, const char *const *names, size_t n, char *buf, size_t len)
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
flujo_status_t flujo__check_keys(flujo__loader_t *L, const flujo__ynode_t *map, const char *path,
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
            char *p = flujo__join_path(path, map->keys[i]);
            flujo_sbuf_t list;
            flujo_sbuf_init(&list);
            for (size_t k = 0; k < na; k++) {
                flujo_sbuf_printf(&list, "%s%s", k ? ", " : "", allowed[k]);
            }
            flujo__suggest(map->keys[i], allowed, na, hint, sizeof(hint));
            flujo__ynode_t kr = flujo__keyref(map, i);
            flujo_status_t st =
                flujo__fail(L, &kr, p, "unknown key%s; known keys here: %s", hint, list.s);
            flujo_sbuf_destroy(&list);
            free(p);
            return st;
        }
    }
    return FLUJO_OK;
}

flujo_status_t flujo__need_map(flujo__loader_t *L, const flujo__ynode_t *n, const char *path)
{
    if (n->kind != FLUJO__Y_MAP) {
        return flujo__fail(L, n, path, "expected a map of 'key: value' lines");
    }
    return FLUJO_OK;
}

flujo_status_t flujo__need_scalar(flujo__loader_t *L, const flujo__ynode_t *n, const char *path)
{
    if (n->kind != FLUJO__Y_SCALAR) {
        return flujo__fail(L, n, path, "expected a single value, not a %s",
                           n->kind == FLUJO__Y_MAP ? "map" : "list");
    }
    return FLUJO_OK;
}

flujo_status_t flujo__get_number(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                                 double *out)
{
    flujo_status_t st = flujo__need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    if (!flujo_parse_number(n->value, out)) {
        return flujo__fail(L, n, path, "'%s' is not a number", n->value);
    }
    return FLUJO_OK;
}

flujo_status_t flujo__get_prob(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                               double *out)
{
    flujo_status_t st = flujo__get_number(L, n, path, out);
    if (st == FLUJO_OK && (*out < 0 || *out > 1)) {
        return flujo__fail(L, n, path, "a probability must be between 0 and 1, not %s", n->value);
    }
    return st;
}

flujo_status_t flujo__get_count(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                                long min, long max, long *out)
{
    double v;
    flujo_status_t st = flujo__get_number(L, n, path, &v);
    if (st != FLUJO_OK) {
        return st;
    }
    if (v != floor(v) || v < (double)min || v > (double)max) {
        return flujo__fail(L, n, path, "expected a whole number from %ld to %ld, not %s", min, max,
                           n->value);
    }
    *out = (long)v;
    return FLUJO_OK;
}

flujo_status_t flujo__get_dist(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                               flujo_dist_t *out)
{
    flujo_status_t st = flujo__need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    flujo_err_t e = {0};
    if (flujo_dist_parse(n->value, out, &e) != FLUJO_OK) {
        return flujo__fail(L, n, path, "%s", e.msg);
    }
    return FLUJO_OK;
}

flujo_status_t flujo__get_duration(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                                   double *sec, flujo_clock_t *clock)
{
    flujo_status_t st = flujo__need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    flujo_err_t e = {0};
    if (!flujo_parse_duration(n->value, sec, clock, &e)) {
        return flujo__fail(L, n, path, "%s", e.msg);
    }
    return FLUJO_OK;
}

flujo_status_t flujo__get_bool(flujo__loader_t *L, const flujo__ynode_t *n, const char *path,
                               bool *out)
{
    flujo_status_t st = flujo__need_scalar(L, n, path);
    if (st != FLUJO_OK) {
        return st;
    }
    if (strcmp(n->value, "true") != 0 && strcmp(n->value, "false") != 0) {
        return flujo__fail(L, n, path, "expected true or false, not '%s'", n->value);
    }
    *out = n->value[0] == 't';
    return FLUJO_OK;
}

void flujo__note(flujo__loader_t *L, const char *code, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    flujo_diags_add(&L->s->notes, FLUJO_SEV_NOTE, code, NULL, 0, "%s", msg);
}
