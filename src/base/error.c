/* error.c - status codes, the one-line error buffer, diagnostic lists. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_error.h"

/* Turns control characters into spaces and drops trailing spaces, so that a message stays on one
 * terminal line whatever text (element names, libxml2 messages) was copied into it. */
static void one_line(char *s)
{
    char *end = s;
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || *s == 0x7f) {
            *s = ' ';
        }
        if (*s != ' ') {
            end = s + 1;
        }
    }
    *end = '\0';
}

flujo_status_t flujo_err_set(flujo_err_t *err, flujo_status_t st, const char *fmt, ...)
{
    if (err != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
        va_end(ap);
        one_line(err->msg);
        err->status = st;
    }
    return st;
}

const char *flujo_status_str(flujo_status_t st)
{
    switch (st) {
    case FLUJO_OK:
        return "success";
    case FLUJO_EIO:
        return "I/O error";
    case FLUJO_EPARSE:
        return "syntax error";
    case FLUJO_EMODEL:
        return "invalid model";
    case FLUJO_ESCENARIO:
        return "invalid scenario";
    case FLUJO_EGRAPH:
        return "graph library error";
    case FLUJO_ELIMIT:
        return "limit exceeded";
    case FLUJO_ESIM:
        return "simulation cannot progress";
    case FLUJO_EINTR:
        return "interrupted";
    case FLUJO_EUSAGE:
        return "invalid arguments";
    }
    return "unknown status";
}

void flujo_diags_init(flujo_diags_t *d)
{
    d->items = NULL;
    d->n = 0;
    d->cap = 0;
}

void flujo_diags_destroy(flujo_diags_t *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].code);
        free(d->items[i].id);
        free(d->items[i].message);
        free(d->items[i].file);
    }
    free(d->items);
    flujo_diags_init(d);
}

static void add(flujo_diags_t *d, flujo_severity_t sev, const char *code, const char *id,
                const char *file, long line, const char *fmt, va_list ap)
{
    flujo_sbuf_t b;
    flujo_grow((void **)&d->items, &d->cap, d->n + 1, sizeof(*d->items));
    flujo_sbuf_init(&b);
    flujo_sbuf_vprintf(&b, fmt, ap);
    flujo_diag_t *g = &d->items[d->n++];
    g->severity = sev;
    g->code = flujo_xstrdup(code);
    g->id = flujo_xstrdup(id);
    g->file = flujo_xstrdup(file);
    g->line = line;
    g->message = flujo_sbuf_take(&b);
    one_line(g->message);
}

void flujo_diags_add(flujo_diags_t *d, flujo_severity_t sev, const char *code, const char *id,
                     long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, sev, code, id, NULL, line, fmt, ap);
    va_end(ap);
}

void flujo_diags_add_in(flujo_diags_t *d, flujo_severity_t sev, const char *code, const char *id,
                        const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, sev, code, id, file, line, fmt, ap);
    va_end(ap);
}

size_t flujo_diags_count(const flujo_diags_t *d, flujo_severity_t sev)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) {
        n += d->items[i].severity == sev;
    }
    return n;
}
