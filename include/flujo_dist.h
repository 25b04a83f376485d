/* flujo_dist.h - duration distributions with units: parsing, validation, sampling with GSL. */
#ifndef FLUJO_DIST_H
#define FLUJO_DIST_H

#include <stdbool.h>
#include <stddef.h>

#include "flujo_error.h"

/* Which clock a duration runs on, from its unit. */
typedef enum flujo_clock {
    FLUJO_CLOCK_WORK = 0, /* s, m, h: working time of the performing pool's calendar */
    FLUJO_CLOCK_BDAYS,    /* bd: business days of the legal calendar, elapsed */
    FLUJO_CLOCK_DAYS      /* d: calendar days, elapsed */
} flujo_clock_t;

typedef enum flujo_dist_kind {
    FLUJO_DIST_FIXED = 0,   /* a value */
    FLUJO_DIST_EXPONENTIAL, /* exponential(mean) */
    FLUJO_DIST_UNIFORM,     /* uniform(a, b) */
    FLUJO_DIST_TRIANGULAR,  /* triangular(min, mode, max) */
    FLUJO_DIST_PERT,        /* pert(min, mode, max): a + (b - a) Beta(1 + 4(m-a)/(b-a), ...) */
    FLUJO_DIST_NORMAL,      /* normal(mean, sd), resampled below 0 */
    FLUJO_DIST_LOGNORMAL,   /* lognormal(mean, sd) of the duration itself */
    FLUJO_DIST_GAMMA,       /* gamma(mean, sd) of the duration itself */
    FLUJO_DIST_ERLANG,      /* erlang(k, mean): sum of k exponentials of mean/k */
    FLUJO_DIST_WEIBULL,     /* weibull(shape, scale) */
    FLUJO_DIST_EMPIRICAL    /* empirical(v1, v2, ...): equally likely values */
} flujo_dist_kind_t;

/* A parsed distribution. Durations are held in seconds of their clock (a business day or a
 * calendar day is 86400 s of its clock). */
typedef struct flujo_dist {
    flujo_dist_kind_t kind;  /* family */
    flujo_clock_t clock;     /* unit class of the durations */
    double p[3];             /* parameters as written, durations in seconds */
    double a, b;             /* derived sampling constants (see dist.c) */
    double *values;          /* empirical values, seconds */
    size_t n_values;         /* number of empirical values */
    char *text;              /* the text it was parsed from, for messages */
    struct flujo_dist *next; /* a further independent term of a sum, or NULL */
    bool bounded;            /* this term is drawn again until it falls in [lo, hi] */
    double lo, hi;           /* its bounds, seconds of its clock */
    double bmean;            /* the mean of the bounded term */
} flujo_dist_t;

/* Parses "triangular(9m, 15m, 30m)", "2h", "exponential(40m)", ... into *out (caller destroys
 * with flujo_dist_destroy). Terms may be added ("5m + exponential(35m)": independent draws
 * summed), and each term bounded: "normal(10m, 4m) in [5m, 20m]" draws again while the value
 * falls outside [5m, 20m]; after FLUJO_DIST_MAX_REDRAWS failures it takes the term's mean if that
 * lies inside, else the middle of the interval. On failure returns FLUJO_ESCENARIO with a
 * one-line reason in err (without file or line; the caller adds them) and leaves *out untouched.
 * Impossible parameters (min above mode, negative or non-finite values, missing units, mixed
 * clocks, bounds in the wrong order, a value or a mean above FLUJO_MAX_SECONDS) are failures. */
#define FLUJO_DIST_MAX_REDRAWS 1000
#define FLUJO_MAX_SECONDS      (1000 * 366 * 86400.0) /* longest value with a unit: 1000 years */
flujo_status_t flujo_dist_parse(const char *text, flujo_dist_t *out, flujo_err_t *err);

/* A fixed duration of `seconds` on clock `clock`. */
void flujo_dist_fixed(flujo_dist_t *out, double seconds, flujo_clock_t clock);

/* Frees what a parsed distribution holds. */
void flujo_dist_destroy(flujo_dist_t *d);

/* A deep copy. */
void flujo_dist_copy(flujo_dist_t *dst, const flujo_dist_t *src);

/* Makes d the sum of itself and a copy of term (both on the same clock; false otherwise): a
 * merged task works the durations of both. */
bool flujo_dist_add_term(flujo_dist_t *d, const flujo_dist_t *term);

/* The mean, in seconds of the distribution's clock (a bounded term's mean is computed when it is
 * parsed: exactly for fixed, uniform and empirical terms, by numerical integration of the
 * density over the bounds for the others). */
double flujo_dist_mean(const flujo_dist_t *d);

/* Parses one duration with its unit ("8bd", "500h", "30m") into seconds and its clock. Returns
 * false (with a reason in err) if the text is not a non-negative finite number with a unit. */
bool flujo_parse_duration(const char *text, double *seconds, flujo_clock_t *clock,
                          flujo_err_t *err);

/* Parses a plain finite number (the whole text). */
bool flujo_parse_number(const char *text, double *out);

#endif
