/* str.c - growing strings, white-space squeezing and the width of UTF-8 text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"

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

size_t flujo_utf8_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += (*s & 0xC0) != 0x80;
    }
    return n;
}
