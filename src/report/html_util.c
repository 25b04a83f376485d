/* html_util.c - the small writers the parts of the HTML report share: a section's heading,
 * numbers for people, UTF-8 text wrapped into lines and written centred, and the colour scale of
 * waiting. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/html_int.h"
#include "report/report_int.h"

/* Text and attribute values, escaped (format.c). */
static void esc(FILE *f, const char *s)
{
    flujo__xml_text(f, s);
}

/* A section's heading and the muted paragraph that says how to read it. */
void flujo__html_section(FILE *f, const char *title, const char *intro)
{
    fprintf(f, "<h2>%s</h2>\n<p class=\"muted\">", title);
    esc(f, intro);
    fputs("</p>\n", f);
}

/* A number for people: 3 significant digits, no exponent for usual sizes. */
const char *flujo__html_num(double x, char *buf, size_t n)
{
    if (isnan(x)) {
        snprintf(buf, n, "–");
        return buf;
    }
    return flujo__sig(x, 3, buf, n);
}

/* Characters (not bytes) of a UTF-8 string. */
size_t flujo__html_chars(const char *s, size_t bytes)
{
    size_t n = 0;
    for (size_t i = 0; i < bytes && s[i]; i++) {
        n += (s[i] & 0xC0) != 0x80;
    }
    return n;
}

/* Splits text into at most max_lines lines of at most width characters at spaces (a longer word
 * is cut); the last line ends with "…" when text does not fit. Returns the number of lines. */
int flujo__html_wrap(const char *text, int width, char lines[][128], int max_lines)
{
    int n = 0;
    const char *p = text;
    while (*p == ' ') {
        p++;
    }
    while (*p && n < max_lines) {
        /* the longest prefix of whole words within width characters */
        const char *end = p, *best = NULL;
        size_t used = 0;
        while (*end) {
            const char *w = end;
            while (*w && *w != ' ') {
                w++;
            }
            size_t len = flujo__html_chars(end, (size_t)(w - end));
            if (used + (best != NULL ? 1 : 0) + len > (size_t)width) {
                break;
            }
            used += (best != NULL ? 1 : 0) + len;
            best = w;
            end = *w ? w + 1 : w;
        }
        if (best == NULL) {
            /* a word longer than the line: cut it at width characters */
            const char *c = p;
            for (int k = 0; *c && k < width; k++) {
                c++;
                while ((*c & 0xC0) == 0x80) {
                    c++;
                }
            }
            best = c;
        }
        size_t bytes = (size_t)(best - p);
        bytes = bytes < 120 ? bytes : 120;
        memcpy(lines[n], p, bytes);
        lines[n][bytes] = '\0';
        n++;
        p = best;
        while (*p == ' ') {
            p++;
        }
    }
    if (*p && n > 0) {
        /* the rest does not fit: end the last line with an ellipsis */
        char *last = lines[n - 1];
        size_t len = strlen(last);
        while (len > 0 && flujo__html_chars(last, len) + 1 > (size_t)width) {
            do {
                len--;
            } while (len > 0 && (last[len] & 0xC0) == 0x80);
        }
        snprintf(last + len, 128 - len, "…");
    }
    return n;
}

/* Writes the lines of a label centred on x, the first baseline at y. */
void flujo__html_text_lines(FILE *f, double x, double y, double size, const char *cls,
                            char lines[][128], int n)
{
    fprintf(f, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\">", cls, x, y, size);
    for (int i = 0; i < n; i++) {
        fprintf(f, "<tspan x=\"%.1f\" dy=\"%.1f\">", x, i == 0 ? 0 : size * 1.15);
        esc(f, lines[i]);
        fputs("</tspan>", f);
    }
    fputs("</text>\n", f);
}

/* A colour on the waiting scale: light for no wait, orange, then red for the longest. */
void flujo__html_heat(double t, char *buf, size_t n)
{
    static const double stops[3][3] = {{247, 251, 255}, {253, 174, 97}, {215, 48, 39}};
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    int k = t < 0.5 ? 0 : 1;
    double u = t < 0.5 ? t / 0.5 : (t - 0.5) / 0.5;
    int c[3];
    for (int i = 0; i < 3; i++) {
        c[i] = (int)lround(stops[k][i] + u * (stops[k + 1][i] - stops[k][i]));
    }
    snprintf(buf, n, "#%02x%02x%02x", c[0], c[1], c[2]);
}
