/* cli.c - messages, exit codes and atomic output files of the flujo program. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base_int.h"
#include "flujo_report.h"

#include <sys/stat.h>
#include <unistd.h>

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("flujo: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_fail(const flujo_err_t *err)
{
    cli_error("%s", err->msg);
    return err->status == FLUJO_EUSAGE ? CLI_EXIT_USAGE : CLI_EXIT_INPUT;
}

void cli_scenario_notes(const flujo_scenario_t *s, bool quiet)
{
    for (size_t i = 0; i < s->notes.n; i++) {
        const flujo_diag_t *d = &s->notes.items[i];
        if (d->severity != FLUJO_SEV_NOTE) {
            cli_error("%s:%ld: %s: %s", d->file != NULL ? d->file : s->file, d->line,
                      d->severity == FLUJO_SEV_ERROR ? "error" : "warning", d->message);
        } else if (!quiet) {
            cli_error("note: %s", d->message);
        }
    }
}

bool cli_capacity(const char *path, const flujo_scenario_t *s, flujo_capacity_t *cap)
{
    flujo_err_t err = {0};
    if (flujo_scenario_capacity(s, cap, &err) != FLUJO_OK) {
        return false; /* the run itself reports what stops the check */
    }
    for (size_t p = 0; p < s->n_pools; p++) {
        if (!s->pools[p].unlimited && cap->rho[p] >= 1) {
            cli_error(_("warning: %s: '%s' is offered %.0f%% of what its performers can do: its "
                        "queue grows as long as the run lasts and its waits depend on the "
                        "horizon (flujo check %s)"),
                      path, s->pools[p].name, 100 * cap->rho[p], path);
        }
    }
    return true;
}

int cli_format_error(const char *command, const char *format)
{
    char names[80];
    return cli_usage_error(command, "unknown format '%s' (use %s)", format,
                           flujo_report_formats(command, ", ", " or ", names, sizeof(names)));
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    fputs("flujo: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'flujo help%s%s'.\n", command ? " " : "", command ? command : "");
    return CLI_EXIT_USAGE;
}

bool cli_out_open(cli_out_t *o, const char *path)
{
    o->f = stdout;
    o->path = NULL;
    o->tmp = NULL;
    if (path == NULL || strcmp(path, "-") == 0) {
        return true;
    }
    struct stat sb;
    if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        /* a device, a pipe or a symbolic link (/dev/stdout, a FIFO): written as it is, never
         * renamed over */
        bool dir = S_ISDIR(sb.st_mode) || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode));
        o->f = dir ? NULL : fopen(path, "w");
        if (o->f == NULL) {
            cli_error("%s: cannot write: %s", path, dir ? "is a directory" : strerror(errno));
            return false;
        }
        o->path = flujo_xstrdup(path);
        return true;
    }
    flujo_sbuf_t b;
    flujo_sbuf_init(&b);
    flujo_sbuf_printf(&b, "%s.tmp-XXXXXX", path);
    char *tmp = flujo_sbuf_take(&b);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        free(tmp);
        return false;
    }
    /* mkstemp creates the file 0600; give the result the mode a plain fopen would. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return false;
    }
    o->f = fdopen(fd, "w");
    if (o->f == NULL) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return false;
    }
    o->path = flujo_xstrdup(path);
    o->tmp = tmp;
    return true;
}

bool cli_out_close(cli_out_t *o, bool ok)
{
    bool good = ok;
    if (o->tmp == NULL && o->path == NULL) {
        if ((fflush(stdout) != 0 || ferror(stdout)) && good) {
            cli_error("cannot write to standard output: %s", strerror(errno));
            good = false;
        }
        return good;
    }
    if (o->tmp == NULL) { /* a device or a pipe */
        if ((fflush(o->f) != 0 || ferror(o->f)) && good) {
            cli_error("%s: cannot write: %s", o->path, strerror(errno));
            good = false;
        }
        if (fclose(o->f) != 0 && good) {
            cli_error("%s: cannot write: %s", o->path, strerror(errno));
            good = false;
        }
        free(o->path);
        o->path = NULL;
        o->f = NULL;
        return good;
    }
    if (good && (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)) {
        cli_error("%s: cannot write: %s", o->path, strerror(errno));
        good = false;
    }
    if (fclose(o->f) != 0 && good) {
        cli_error("%s: cannot write: %s", o->path, strerror(errno));
        good = false;
    }
    if (good && rename(o->tmp, o->path) != 0) {
        cli_error("%s: cannot write: %s", o->path, strerror(errno));
        good = false;
    }
    if (!good) {
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    o->f = NULL;
    return good;
}

bool cli_out_finish(cli_out_t *o, flujo_status_t st, const flujo_err_t *err)
{
    int e = errno; /* what the writer's last failing call left */
    if (st == FLUJO_EIO && e != 0) {
        if (o->path != NULL) {
            cli_error("%s: cannot write: %s", o->path, strerror(e));
        } else {
            cli_error("cannot write to standard output: %s", strerror(e));
        }
    } else if (st != FLUJO_OK) {
        cli_fail(err);
    }
    return cli_out_close(o, st == FLUJO_OK) && st == FLUJO_OK;
}

bool cli_parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0 || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

volatile sig_atomic_t cli_interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    cli_interrupted = 1;
}

void cli_catch_sigint(bool on)
{
    static struct sigaction old;
    if (on) {
        struct sigaction sa;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, &old);
    } else {
        sigaction(SIGINT, &old, NULL);
    }
}

void cli_progress(void *ctx, long done, long total)
{
    int width = 30, filled = (int)(width * done / (total > 0 ? total : 1));
    fprintf(stderr, "\r[%.*s%*s] %ld/%ld replications%s%s", filled,
            "##############################", width - filled, "", done, total,
            ctx != NULL ? " " : "", ctx != NULL ? (const char *)ctx : "");
    if (done == total) {
        fputc('\n', stderr);
    }
}

bool cli_is_scenario_path(const char *path)
{
    size_t n = strlen(path);
    return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(path + n - 4, ".yml") == 0) ||
           (n > 5 && strcmp(path + n - 5, ".json") == 0);
}

void cli_sim_init(cli_sim_t *o, int argc)
{
    memset(o, 0, sizeof(*o));
    o->sets = flujo_xcalloc((size_t)argc + 2, sizeof(char *));
    o->threads = 1;
}

void cli_sim_engine(const cli_sim_t *o, flujo_experiment_opts_t *eo)
{
    eo->threads = (int)o->threads;
    eo->engine.max_events = (uint64_t)o->max_events;
    eo->engine.max_seconds = o->max_seconds;
    eo->engine.stop = &cli_interrupted;
    if (!o->quiet && isatty(STDERR_FILENO)) {
        eo->progress = cli_progress;
    }
}

void cli_sim_free(cli_sim_t *o)
{
    for (size_t i = 0; i < o->n_sets; i++) {
        free(o->sets[i]);
    }
    free(o->sets);
    o->sets = NULL;
    o->n_sets = 0;
}

int cli_sim_option(const char *command, int c, char **argv, cli_sim_t *o)
{
    flujo_sbuf_t b;
    switch (c) {
    case 'r':
    case 's':
    case CLI_OPT_CASES:
    case CLI_OPT_PARAMS:
        flujo_sbuf_init(&b);
        flujo_sbuf_printf(&b, "%s=%s",
                          c == 'r'             ? "replications"
                          : c == 's'           ? "seed"
                          : c == CLI_OPT_CASES ? "cases"
                                               : "params",
                          optarg);
        o->sets[o->n_sets++] = flujo_sbuf_take(&b);
        return 1;
    case 'S':
        o->sets[o->n_sets++] = flujo_xstrdup(optarg);
        return 1;
    case 'j':
        if (!cli_parse_long(optarg, 1, 1024, &o->threads)) {
            cli_usage_error(command, "-j needs a number of threads from 1 to 1024");
            return -1;
        }
        return 1;
    case 'o':
        o->output = optarg;
        return 1;
    case CLI_OPT_MAX_EVENTS:
        if (!cli_parse_long(optarg, 1, 1L << 62, &o->max_events)) {
            cli_usage_error(command, "--max-events needs a positive number");
            return -1;
        }
        return 1;
    case CLI_OPT_MAX_SECONDS:
        if (!flujo_parse_number(optarg, &o->max_seconds) || !(o->max_seconds > 0)) {
            cli_usage_error(command, "--max-seconds needs a positive number of seconds");
            return -1;
        }
        return 1;
    case 'q':
        o->quiet = true;
        return 1;
    case ':':
        cli_usage_error(command, "option '%s' needs a value", argv[optind - 1]);
        return -1;
    case '?':
        cli_usage_error(command, "unknown option '%s'", argv[optind - 1]);
        return -1;
    default:
        return 0;
    }
}
