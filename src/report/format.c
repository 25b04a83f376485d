/* format.c - the number and text helpers the report writers share: the end of a writer, plurals,
 * text columns, significant digits without exponents, percentages, escaped XML, CSV fields,
 * estimates in JSON, and a rule's condition in the report's language. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/base_int.h"
#include "base/i18n_int.h"
#include "report/report_int.h"

flujo_status_t flujo__finish(FILE *f, const char *message, flujo_err_t *err)
{
    if (fflush(f) != 0 || ferror(f)) {
        return flujo_err_set(err, FLUJO_EIO, "%s", message);
    }
    return FLUJO_OK;
}

/* The singular or the plural of a word, translated. */
const char *flujo__plural(size_t n, const char *one, const char *many)
{
    return n == 1 ? _(one) : _(many);
}

/* Writes s in a column of `width` characters (UTF-8 code points, not bytes), cut or padded. */
void flujo__column(FILE *f, const char *s, int width, bool right)
{
    int chars = 0;
    const char *end = s;
    while (*end && chars < width) {
        end++;
        while ((*end & 0xC0) == 0x80) {
            end++; /* continuation bytes belong to the same character */
        }
        chars++;
    }
    if (right) {
        fprintf(f, "%*s", width - chars, "");
    }
    fwrite(s, 1, (size_t)(end - s), f);
    if (!right) {
        fprintf(f, "%*s", width - chars, "");
    }
}

void flujo__pad(FILE *f, const char *s, int width, bool right)
{
    int w = (int)flujo_utf8_width(s);
    if (right && w < width) {
        fprintf(f, "%*s", width - w, "");
    }
    fputs(s, f);
    if (!right && w < width) {
        fprintf(f, "%*s", width - w, "");
    }
}

const char *flujo__sig(double x, int digits, char *buf, size_t n)
{
    if (isnan(x)) {
        snprintf(buf, n, "-");
    } else if (fabs(x) >= pow(10, digits) - 0.5) {
        snprintf(buf, n, "%.0f", x);
    } else {
        snprintf(buf, n, "%.*g", digits, x);
    }
    return buf;
}

const char *flujo__pct(double x, char *buf, size_t n)
{
    if (x < 1 && 100 * x >= 99.95) {
        snprintf(buf, n, ">99.9%%");
    } else if (x > 0 && 100 * x < 0.05) {
        snprintf(buf, n, "<0.1%%");
    } else {
        snprintf(buf, n, "%.1f%%", 100 * x);
    }
    return buf;
}

void flujo__xml_text(FILE *f, const char *s)
{
    for (; s != NULL && *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", f);
            break;
        case '>':
            fputs("&gt;", f);
            break;
        case '&':
            fputs("&amp;", f);
            break;
        case '"':
            fputs("&quot;", f);
            break;
        case '\'':
            fputs("&#39;", f);
            break;
        default:
            /* control characters other than tab and newlines cannot be in XML at all */
            fputc((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r' ? ' ' : *s, f);
        }
    }
}

void flujo__csv_field(FILE *f, const char *s)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') {
            fputc('"', f);
        }
        fputc(*s, f);
    }
    fputc('"', f);
}

const char *flujo__task_pools(const flujo_scenario_t *s, size_t v, char *buf, size_t n)
{
    const flujo_task_t *t = &s->tasks[v];
    if (t->n_alts == 0) {
        snprintf(buf, n, "%s", t->pool >= 0 ? s->pools[t->pool].name : "");
        return buf;
    }
    size_t o = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < t->n_alts && o + 1 < n; k++) {
        int w = snprintf(buf + o, n - o, "%s%s", k ? " | " : "", s->pools[t->alts[k].pool].name);
        o += w > 0 ? (size_t)w : 0;
    }
    return buf;
}

static bool word_char(char c)
{
    return c == '_' || c == '-' || c == '.' || (unsigned char)c >= 0x80 || (c >= '0' && c <= '9') ||
           ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

const char *flujo__condition_text(const char *expr, char *buf, size_t n)
{
    size_t o = 0;
    int depth = 0;
    for (const char *p = expr; *p && o + 1 < n;) {
        if (*p == '"' || *p == '\'') { /* a quoted value: copied as it is */
            const char *e = strchr(p + 1, *p);
            size_t len = e ? (size_t)(e - p) + 1 : strlen(p);
            for (size_t k = 0; k < len && o + 1 < n; k++) {
                buf[o++] = p[k];
            }
            p += len;
            continue;
        }
        if (!word_char(*p)) {
            depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
            buf[o++] = *p++;
            continue;
        }
        const char *s = p;
        while (word_char(*p)) {
            p++;
        }
        size_t len = (size_t)(p - s);
        const char *kw = NULL;
        if (depth == 0 && len == 3 && strncmp(s, "not", 3) == 0) {
            const char *q = p;
            while (*q == ' ') {
                q++;
            }
            if (strncmp(q, "in", 2) == 0 && !word_char(q[2])) {
                kw = _("not in");
                p = q + 2;
            } else {
                kw = _("not");
            }
        } else if (depth == 0 && len == 2 && strncmp(s, "in", 2) == 0) {
            kw = _("in");
        } else if (depth == 0 && len == 3 && strncmp(s, "and", 3) == 0) {
            kw = _("and");
        } else if (depth == 0 && len == 2 && strncmp(s, "or", 2) == 0) {
            kw = _("or");
        }
        if (kw != NULL) {
            s = kw;
            len = strlen(kw);
        }
        for (size_t k = 0; k < len && o + 1 < n; k++) {
            buf[o++] = s[k];
        }
    }
    buf[o] = '\0';
    return buf;
}

bool flujo__is_task(const flujo_model_t *m, size_t v)
{
    return m->nodes[v].kind == FLUJO_NODE_TASK;
}

void flujo__json_estimate_open(flujo__json_t *j, flujo_estimate_t e, double scale)
{
    flujo__json_begin_object(j);
    flujo__json_key(j, "mean");
    flujo__json_double(j, e.mean * scale);
    flujo__json_key(j, "ci95");
    flujo__json_begin_array(j);
    flujo__json_double(j, e.lo * scale);
    flujo__json_double(j, e.hi * scale);
    flujo__json_end_array(j);
    flujo__json_key(j, "sd");
    flujo__json_double(j, e.sd * scale);
}

void flujo__json_estimate(flujo__json_t *j, flujo_estimate_t e)
{
    flujo__json_estimate_open(j, e, 1);
    flujo__json_end_object(j);
}

const char *flujo__currency_symbol(const flujo_scenario_t *s)
{
    return s->currency == NULL || strcmp(s->currency, "PEN") == 0 ? "S/" : s->currency;
}
