/* mem.c - allocation that cannot fail: it aborts when memory is exhausted, as redis zmalloc does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"

static void out_of_memory(size_t size)
{
    fprintf(stderr, "flujo: out of memory allocating %zu bytes\n", size);
    abort();
}

void *flujo_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (p == NULL) {
        out_of_memory(size);
    }
    return p;
}

void *flujo_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p == NULL) {
        out_of_memory(n * size);
    }
    return p;
}

void *flujo_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (q == NULL) {
        out_of_memory(size);
    }
    return q;
}

char *flujo_xstrdup(const char *s)
{
    return s == NULL ? NULL : flujo_xstrndup(s, strlen(s));
}

char *flujo_xstrndup(const char *s, size_t n)
{
    if (s == NULL) {
        return NULL;
    }
    char *p = flujo_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void flujo_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap) {
        return;
    }
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem_size) {
            out_of_memory(SIZE_MAX);
        }
        ncap *= 2;
    }
    *items = flujo_xrealloc(*items, ncap * elem_size);
    memset((char *)*items + *cap * elem_size, 0, (ncap - *cap) * elem_size);
    *cap = ncap;
}
