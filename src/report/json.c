/* json.c - a small streaming JSON writer: no tree, no allocation, deterministic number text. */
#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "report/json_int.h"

void flujo__json_init(flujo__json_t *j, FILE *f)
{
    j->f = f;
    j->depth = 0;
    j->has_item[0] = false;
    j->after_key = false;
}

static void indent(flujo__json_t *j)
{
    fputc('\n', j->f);
    for (int d = 0; d < j->depth; d++) {
        fputs("  ", j->f);
    }
}

/* Separates a new value (or key) from the previous item of its container. */
static void before_value(flujo__json_t *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->depth > 0) {
        if (j->has_item[j->depth]) {
            fputc(',', j->f);
        }
        j->has_item[j->depth] = true;
        indent(j);
    }
}

static void begin(flujo__json_t *j, char c)
{
    before_value(j);
    fputc(c, j->f);
    assert(j->depth + 1 < FLUJO__JSON_MAX_DEPTH);
    j->depth++;
    j->has_item[j->depth] = false;
}

static void end(flujo__json_t *j, char c)
{
    bool had = j->has_item[j->depth];
    j->depth--;
    if (had) {
        indent(j);
    }
    fputc(c, j->f);
}

void flujo__json_begin_object(flujo__json_t *j)
{
    begin(j, '{');
}

void flujo__json_end_object(flujo__json_t *j)
{
    end(j, '}');
}

void flujo__json_begin_array(flujo__json_t *j)
{
    begin(j, '[');
}

void flujo__json_end_array(flujo__json_t *j)
{
    end(j, ']');
}

static void write_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                fprintf(f, "\\u%04x", *p);
            } else {
                fputc(*p, f);
            }
        }
    }
    fputc('"', f);
}

void flujo__json_key(flujo__json_t *j, const char *key)
{
    before_value(j);
    write_string(j->f, key);
    fputs(": ", j->f);
    j->after_key = true;
}

void flujo__json_string(flujo__json_t *j, const char *s)
{
    if (s == NULL) {
        flujo__json_null(j);
        return;
    }
    before_value(j);
    write_string(j->f, s);
}

void flujo__json_double(flujo__json_t *j, double x)
{
    if (!isfinite(x)) {
        flujo__json_null(j);
        return;
    }
    before_value(j);
    if (x == 0) {
        x = 0; /* no "-0" */
    }
    fprintf(j->f, "%.10g", x);
}

void flujo__json_int(flujo__json_t *j, int64_t x)
{
    before_value(j);
    fprintf(j->f, "%" PRId64, x);
}

void flujo__json_bool(flujo__json_t *j, bool b)
{
    before_value(j);
    fputs(b ? "true" : "false", j->f);
}

void flujo__json_null(flujo__json_t *j)
{
    before_value(j);
    fputs("null", j->f);
}

void flujo__json_finish(flujo__json_t *j)
{
    assert(j->depth == 0);
    fputc('\n', j->f);
}
