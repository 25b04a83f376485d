/* units.c - numbers and durations with their units (s, m, h: working time; bd: business days;
 * d: calendar days), as scenario files write them. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_dist.h"
#include "random/random_int.h"

bool flujo_parse_number(const char *text, double *out)
{
    char *end;
    if (text == NULL) {
        return false;
    }
    while (isspace((unsigned char)*text)) {
        text++;
    }
    if (*text == '\0') {
        return false;
    }
    errno = 0;
    double v = strtod(text, &end);
    while (isspace((unsigned char)*end)) {
        end++;
    }
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(v)) {
        return false;
    }
    *out = v;
    return true;
}

/* Parses "<number><unit>"; unitless numbers are accepted when clock is NULL. */
bool flujo__parse_quantity(const char *text, size_t len, double *value, flujo_clock_t *clock,
                           bool *has_unit, flujo_err_t *err)
{
    char buf[128];
    while (len > 0 && isspace((unsigned char)*text)) {
        text++;
        len--;
    }
    while (len > 0 && isspace((unsigned char)text[len - 1])) {
        len--;
    }
    if (len == 0 || len >= sizeof(buf)) {
        flujo_err_set(err, FLUJO_ESCENARIO, "missing value");
        return false;
    }
    memcpy(buf, text, len);
    buf[len] = '\0';
    /* Split the unit off the end: bd, d, h, m, s. */
    static const struct {
        const char *suffix;
        double seconds;
        flujo_clock_t clock;
    } units[] = {
        {"bd", 86400, FLUJO_CLOCK_BDAYS}, {"d", 86400, FLUJO_CLOCK_DAYS},
        {"h", 3600, FLUJO_CLOCK_WORK},    {"m", 60, FLUJO_CLOCK_WORK},
        {"s", 1, FLUJO_CLOCK_WORK},
    };
    double scale = 1;
    *has_unit = false;
    for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
        size_t sl = strlen(units[i].suffix);
        if (len > sl && strcmp(buf + len - sl, units[i].suffix) == 0 &&
            (isdigit((unsigned char)buf[len - sl - 1]) || buf[len - sl - 1] == '.' ||
             buf[len - sl - 1] == ' ')) {
            buf[len - sl] = '\0';
            scale = units[i].seconds;
            *clock = units[i].clock;
            *has_unit = true;
            break;
        }
    }
    double v;
    if (!flujo_parse_number(buf, &v)) {
        flujo_err_set(err, FLUJO_ESCENARIO, "'%.*s' is not a number with a unit (s, m, h, bd, d)",
                      (int)len, text);
        return false;
    }
    if (*has_unit && fabs(v * scale) > FLUJO_MAX_SECONDS) {
        flujo_err_set(err, FLUJO_ESCENARIO, "'%.*s' is longer than 1000 years", (int)len, text);
        return false;
    }
    *value = v * scale;
    return true;
}

bool flujo_parse_duration(const char *text, double *seconds, flujo_clock_t *clock, flujo_err_t *err)
{
    bool has_unit;
    flujo_clock_t c = FLUJO_CLOCK_WORK;
    double v;
    if (!flujo__parse_quantity(text, strlen(text), &v, &c, &has_unit, err)) {
        return false;
    }
    if (!has_unit) {
        flujo_err_set(err, FLUJO_ESCENARIO,
                      "'%s' has no unit: write it as s, m, h (working time), bd (business days) "
                      "or d (calendar days), e.g. '%sh'",
                      text, text);
        return false;
    }
    if (v < 0) {
        flujo_err_set(err, FLUJO_ESCENARIO, "'%s' is negative", text);
        return false;
    }
    *seconds = v;
    *clock = c;
    return true;
}
