/* strmap.c - a map from strings to int64_t values: open addressing with linear probing. */
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"

/* FNV-1a: short keys (BPMN ids, names), good spread, no multiplication by a large table. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void flujo_strmap_init(flujo_strmap_t *m)
{
    m->keys = NULL;
    m->values = NULL;
    m->n = 0;
    m->cap = 0;
}

void flujo_strmap_destroy(flujo_strmap_t *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        free(m->keys[i]);
    }
    free(m->keys);
    free(m->values);
    flujo_strmap_init(m);
}

static size_t find_slot(char *const *keys, size_t cap, const char *key)
{
    size_t i = (size_t)hash_str(key) & (cap - 1);
    while (keys[i] != NULL && strcmp(keys[i], key) != 0) {
        i = (i + 1) & (cap - 1);
    }
    return i;
}

/* Keeps the load factor under 1/2 so that probe sequences stay short. */
static void rehash(flujo_strmap_t *m)
{
    size_t ncap = m->cap ? 2 * m->cap : 16;
    char **keys = flujo_xcalloc(ncap, sizeof(*keys));
    int64_t *values = flujo_xcalloc(ncap, sizeof(*values));
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i] != NULL) {
            size_t j = find_slot(keys, ncap, m->keys[i]);
            keys[j] = m->keys[i];
            values[j] = m->values[i];
        }
    }
    free(m->keys);
    free(m->values);
    m->keys = keys;
    m->values = values;
    m->cap = ncap;
}

bool flujo_strmap_put(flujo_strmap_t *m, const char *key, int64_t value, int64_t *old)
{
    if (2 * (m->n + 1) > m->cap) {
        rehash(m);
    }
    size_t i = find_slot(m->keys, m->cap, key);
    if (m->keys[i] != NULL) {
        if (old != NULL) {
            *old = m->values[i];
        }
        return false;
    }
    m->keys[i] = flujo_xstrdup(key);
    m->values[i] = value;
    m->n++;
    return true;
}

bool flujo_strmap_get(const flujo_strmap_t *m, const char *key, int64_t *value)
{
    if (m->cap == 0) {
        return false;
    }
    size_t i = find_slot(m->keys, m->cap, key);
    if (m->keys[i] == NULL) {
        return false;
    }
    *value = m->values[i];
    return true;
}
