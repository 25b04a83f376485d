/* util.c - allocation that cannot fail, growing strings, a string-keyed hash map. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base_int.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

void flujo_sbuf_init(flujo_sbuf_t *b)
{
    b->s = NULL;
    b->len = 0;
    b->cap = 0;
}

void flujo_sbuf_destroy(flujo_sbuf_t *b)
{
    free(b->s);
    flujo_sbuf_init(b);
}

void flujo_sbuf_addn(flujo_sbuf_t *b, const char *s, size_t n)
{
    flujo_grow((void **)&b->s, &b->cap, b->len + n + 1, 1);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void flujo_sbuf_add(flujo_sbuf_t *b, const char *s)
{
    flujo_sbuf_addn(b, s, strlen(s));
}

void flujo_sbuf_vprintf(flujo_sbuf_t *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        return;
    }
    flujo_grow((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void flujo_sbuf_printf(flujo_sbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    flujo_sbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *flujo_sbuf_take(flujo_sbuf_t *b)
{
    char *s = b->s != NULL ? b->s : flujo_xstrdup("");
    flujo_sbuf_init(b);
    return s;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *flujo_strdup_squeeze(const char *s)
{
    if (s == NULL) {
        return NULL;
    }
    char *out = flujo_xmalloc(strlen(s) + 1);
    size_t n = 0;
    bool pending_space = false;
    for (; *s; s++) {
        if (is_space(*s)) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space) {
            out[n++] = ' ';
            pending_space = false;
        }
        out[n++] = *s;
    }
    out[n] = '\0';
    return out;
}

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

flujo_status_t flujo_read_file(const char *path, size_t max_bytes, char **buf, size_t *len,
                               flujo_err_t *err)
{
    /* Non-blocking open: a named pipe nobody writes to reads as empty instead of hanging. */
    struct stat sb;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        return flujo_err_set(err, FLUJO_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    const char *what = NULL;
    if (fstat(fd, &sb) != 0) {
        what = strerror(errno);
    } else if (S_ISDIR(sb.st_mode)) {
        what = "is a directory, not a file";
    } else if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
        what = "is a device, not a file"; /* /dev/zero, /dev/urandom, a terminal: never ends */
    } else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
        what = strerror(errno);
    }
    FILE *f = what == NULL ? fdopen(fd, "rb") : NULL;
    if (f == NULL) {
        close(fd);
        return flujo_err_set(err, FLUJO_EIO, "%s: %s", path, what != NULL ? what : strerror(errno));
    }
    flujo_sbuf_t b;
    char chunk[65536];
    size_t n;
    flujo_sbuf_init(&b);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (b.len + n > max_bytes) {
            flujo_sbuf_destroy(&b);
            fclose(f);
            return flujo_err_set(err, FLUJO_ELIMIT, "%s: file is larger than the limit of %zu MiB",
                                 path, max_bytes >> 20);
        }
        flujo_sbuf_addn(&b, chunk, n);
    }
    if (ferror(f)) {
        int e = errno;
        flujo_sbuf_destroy(&b);
        fclose(f);
        return flujo_err_set(err, FLUJO_EIO, "%s: cannot read: %s", path, strerror(e));
    }
    fclose(f);
    *len = b.len;
    *buf = flujo_sbuf_take(&b);
    return FLUJO_OK;
}

double flujo_monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

size_t flujo_utf8_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += (*s & 0xC0) != 0x80;
    }
    return n;
}
