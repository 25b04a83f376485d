/* flujo_error.h - status codes, the error buffer and lists of diagnostics. */
#ifndef FLUJO_ERROR_H
#define FLUJO_ERROR_H

#include <stddef.h>

/* What went wrong, as seen from outside the library. Programmer errors are assert()s instead. */
typedef enum flujo_status {
    FLUJO_OK = 0,    /* success */
    FLUJO_EIO,       /* a file cannot be opened, read or written */
    FLUJO_EPARSE,    /* a file is not well-formed XML, YAML or JSON */
    FLUJO_EMODEL,    /* a BPMN model is not usable (not BPMN, duplicate ids, ...) */
    FLUJO_ESCENARIO, /* a scenario file is invalid */
    FLUJO_EGRAPH,    /* igraph failed (out of memory or an internal error) */
    FLUJO_ELIMIT,    /* the input exceeds a documented limit */
    FLUJO_ESIM,      /* a simulation cannot progress */
    FLUJO_EINTR,     /* interrupted by the caller */
    FLUJO_EUSAGE     /* a call with arguments that make no sense */
} flujo_status_t;

#define FLUJO_ERR_MSG_MAX 512

/* A one-line error message, written by every call that can fail. */
typedef struct flujo_err {
    flujo_status_t status;       /* the status the failing call returned */
    char msg[FLUJO_ERR_MSG_MAX]; /* "FILE:LINE: what is wrong", no trailing newline */
} flujo_err_t;

#if defined(__GNUC__)
#define FLUJO_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define FLUJO_PRINTF(f, a)
#endif

/* Stores status st and the formatted message in *err (if err is not NULL) and returns st, so that
 * a caller can write `return flujo_err_set(err, FLUJO_EIO, "cannot open %s", path);`. Newlines in
 * the message are replaced by spaces, so the message stays one line. */
flujo_status_t flujo_err_set(flujo_err_t *err, flujo_status_t st, const char *fmt, ...)
    FLUJO_PRINTF(3, 4);

/* A short English name of a status ("I/O error", ...). Never NULL. */
const char *flujo_status_str(flujo_status_t st);

/* Prepares the libraries flujo wraps: GSL and igraph report errors through return codes instead
 * of aborting or printing. Call once, before any other flujo call and before starting threads. */
void flujo_lib_init(void);

/* How serious a diagnostic is. */
typedef enum flujo_severity {
    FLUJO_SEV_ERROR = 0, /* the model or scenario cannot be simulated as it is */
    FLUJO_SEV_WARNING,   /* suspicious; simulation is possible */
    FLUJO_SEV_NOTE       /* information, such as an assumed default */
} flujo_severity_t;

/* One finding of a check: which element, where, and what. */
typedef struct flujo_diag {
    flujo_severity_t severity; /* error, warning or note */
    char *code;                /* stable machine-readable kind, e.g. "dangling-flow" */
    char *id;                  /* element id, or NULL when the finding is about the whole file */
    long line;                 /* source line of the element, 0 when unknown */
    char *message;             /* one English sentence naming the element */
    char *file;                /* the file the line is in, NULL for the file being read */
} flujo_diag_t;

/* A growing list of diagnostics, in the order they were found. */
typedef struct flujo_diags {
    flujo_diag_t *items; /* items[0..n) */
    size_t n;            /* number of diagnostics */
    size_t cap;          /* allocated slots */
} flujo_diags_t;

/* Initialises an empty list in caller storage. */
void flujo_diags_init(flujo_diags_t *d);

/* Frees the diagnostics of the list; the list is empty afterwards and may be reused. */
void flujo_diags_destroy(flujo_diags_t *d);

/* Appends a diagnostic. code and id are copied (id may be NULL); the message is formatted. */
void flujo_diags_add(flujo_diags_t *d, flujo_severity_t sev, const char *code, const char *id,
                     long line, const char *fmt, ...) FLUJO_PRINTF(6, 7);

/* The same about a line of another file (a scenario's base file, a parameter file). */
void flujo_diags_add_in(flujo_diags_t *d, flujo_severity_t sev, const char *code, const char *id,
                        const char *file, long line, const char *fmt, ...) FLUJO_PRINTF(7, 8);

/* Number of diagnostics with severity sev. */
size_t flujo_diags_count(const flujo_diags_t *d, flujo_severity_t sev);

#endif
