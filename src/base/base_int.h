/* base_int.h - the internals every part shares: allocation that cannot fail (mem.c), growing
 * strings (str.c), a string-keyed hash map (strmap.c), files and clocks (sys.c). */
#ifndef FLUJO_BASE_INT_H
#define FLUJO_BASE_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flujo_error.h"

/* malloc, calloc, realloc and strdup that abort the process when memory is exhausted (as redis
 * zmalloc does): flujo's callers cannot do anything useful in that state. NULL strings give NULL.
 */
void *flujo_xmalloc(size_t size);
void *flujo_xcalloc(size_t n, size_t size);
void *flujo_xrealloc(void *p, size_t size);
char *flujo_xstrdup(const char *s);
char *flujo_xstrndup(const char *s, size_t n);

/* Makes *items (of elem_size bytes each, *cap allocated) hold at least need items, doubling the
 * allocation. New slots are zeroed. */
void flujo_grow(void **items, size_t *cap, size_t need, size_t elem_size);

/* A growing NUL-terminated string. */
typedef struct flujo_sbuf {
    char *s;    /* the text, always NUL-terminated once anything was appended; NULL before */
    size_t len; /* bytes used, without the NUL */
    size_t cap; /* bytes allocated */
} flujo_sbuf_t;

/* Initialises an empty buffer in caller storage. */
void flujo_sbuf_init(flujo_sbuf_t *b);

/* Frees the text; the buffer is empty afterwards. */
void flujo_sbuf_destroy(flujo_sbuf_t *b);

/* Appends n bytes of s, a C string, or formatted text. */
void flujo_sbuf_addn(flujo_sbuf_t *b, const char *s, size_t n);
void flujo_sbuf_add(flujo_sbuf_t *b, const char *s);
void flujo_sbuf_printf(flujo_sbuf_t *b, const char *fmt, ...) FLUJO_PRINTF(2, 3);
void flujo_sbuf_vprintf(flujo_sbuf_t *b, const char *fmt, va_list ap);

/* Returns the text ("" when empty) and leaves the buffer empty; the caller frees it. */
char *flujo_sbuf_take(flujo_sbuf_t *b);

/* Copies s with every run of white space (spaces, tabs, newlines) replaced by one space and no
 * leading or trailing space, which is how modelling tools' multi-line labels are compared. The
 * caller frees the result. NULL gives NULL. */
char *flujo_strdup_squeeze(const char *s);

/* Reads a whole file into a NUL-terminated buffer (caller frees *buf); *len excludes the NUL.
 * Fails with FLUJO_EIO (cannot open or read, a directory) or FLUJO_ELIMIT (more than max_bytes),
 * naming the file in err; *buf and *len are then untouched. */
flujo_status_t flujo_read_file(const char *path, size_t max_bytes, char **buf, size_t *len,
                               flujo_err_t *err);

/* A map from strings (copied) to int64_t values, open addressing with linear probing. */
typedef struct flujo_strmap {
    char **keys;     /* keys[i] is NULL for an empty slot */
    int64_t *values; /* value of keys[i] */
    size_t n;        /* number of keys */
    size_t cap;      /* number of slots, a power of two */
} flujo_strmap_t;

/* Initialises an empty map in caller storage. */
void flujo_strmap_init(flujo_strmap_t *m);

/* Frees the keys and slots; the map is empty afterwards. */
void flujo_strmap_destroy(flujo_strmap_t *m);

/* Inserts key → value. If the key is already present, nothing changes and false is returned, with
 * the existing value in *old (if old is not NULL); otherwise true is returned. */
bool flujo_strmap_put(flujo_strmap_t *m, const char *key, int64_t value, int64_t *old);

/* Looks up key; returns true and writes *value if found. */
bool flujo_strmap_get(const flujo_strmap_t *m, const char *key, int64_t *value);

/* Seconds on the monotonic clock (for time limits; not for results). */
double flujo_monotonic_seconds(void);

/* Characters (code points) of a UTF-8 string, for aligning columns. */
size_t flujo_utf8_width(const char *s);

#endif
