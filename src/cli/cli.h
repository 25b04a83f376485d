/* cli.h - what the commands of the flujo program share: exit codes, messages, output files. */
#ifndef FLUJO_CLI_H
#define FLUJO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "flujo_error.h"
#include "flujo_experiment.h"
#include "flujo_i18n.h"
#include "flujo_scenario.h"

/* What the commands themselves print for people (not errors) is translated like the reports. */
#define _(s)  flujo_tr(s)
#define N_(s) s

#include <signal.h>

enum {
    CLI_EXIT_OK = 0,    /* success (warnings allowed) */
    CLI_EXIT_INPUT = 1, /* invalid input or failed output */
    CLI_EXIT_USAGE = 2  /* wrong command line */
};

/* Prints "flujo: MESSAGE" on stderr. */
void cli_error(const char *fmt, ...) FLUJO_PRINTF(1, 2);

/* Prints the error of a failed library call and returns the exit status it maps to. */
int cli_fail(const flujo_err_t *err);

/* Computes the capacity check of scenario `path` into *cap (the caller destroys it, and hands it to
 * the experiment so that it is not computed again) and warns on stderr of each pool at or above
 * 100% utilisation: its results depend on the horizon, not on a steady state. False, with nothing
 * to destroy, when the check fails (the run then reports why). */
bool cli_capacity(const char *path, const flujo_scenario_t *s, flujo_capacity_t *cap);

/* The scenario's notes on stderr (unless quiet) and its warnings (always): what flujo assumed,
 * and what it does not simulate as the model asks. */
void cli_scenario_notes(const flujo_scenario_t *s, bool quiet);

/* The usage error of a --format the command has no writer for, listing those it has. */
int cli_format_error(const char *command, const char *format);

/* Prints "flujo: MESSAGE" and a hint to run `flujo help COMMAND`; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) FLUJO_PRINTF(2, 3);

/* An output that is either stdout or a temporary file renamed over its target when complete, so
 * that an interrupted or failed run never leaves a half-written file. */
typedef struct cli_out {
    FILE *f;    /* where to write */
    char *path; /* final path, NULL for stdout */
    char *tmp;  /* temporary path, NULL for stdout or a path that is not a regular file */
} cli_out_t;

/* Opens path for writing ("-" or NULL: stdout): a temporary file beside it, renamed over it when
 * done, so that a failed or interrupted write never leaves a half-written file; a device, a pipe
 * or a symbolic link is written directly. Prints the error and returns false on failure. */
bool cli_out_open(cli_out_t *o, const char *path);

/* Finishes the output: if ok, flushes, syncs and renames the temporary file over the target;
 * otherwise removes the temporary file. Returns false (after printing why) if anything failed. */
bool cli_out_close(cli_out_t *o, bool ok);

/* cli_out_close after a writer that returned st: says why a failed writer failed first (the
 * path and the system's reason for an I/O error, such as a full disk). Returns true only if the
 * writer and the close both succeeded. */
bool cli_out_finish(cli_out_t *o, flujo_status_t st, const flujo_err_t *err);

/* True for a scenario file name (.yaml, .yml, .json) rather than a model. */
bool cli_is_scenario_path(const char *path);

/* Reads a whole number from min to max; false if s is not one. */
bool cli_parse_long(const char *s, long min, long max, long *out);

/* The SIGINT flag of the running command: set by Ctrl-C while cli_catch_sigint is active. */
extern volatile sig_atomic_t cli_interrupted;

/* Catches SIGINT into cli_interrupted (on true) or restores the previous handler (on false). */
void cli_catch_sigint(bool on);

/* Long options without a letter. */
enum { CLI_OPT_PARAMS = 256, CLI_OPT_CASES, CLI_OPT_MAX_EVENTS, CLI_OPT_MAX_SECONDS };

/* The options every simulating command takes beyond its own, all read by cli_sim_option: put
 * CLI_SIM_LONG_OPTIONS in its option table before the terminating entry and CLI_SIM_SHORT_OPTIONS
 * at the end of its getopt letters. */
#define CLI_SIM_SHORT_OPTIONS "o:j:r:s:S:q"
#define CLI_SIM_LONG_OPTIONS                                                                       \
    {"output", required_argument, NULL, 'o'}, {"jobs", required_argument, NULL, 'j'},              \
        {"replications", required_argument, NULL, 'r'}, {"seed", required_argument, NULL, 's'},    \
        {"set", required_argument, NULL, 'S'}, {"quiet", no_argument, NULL, 'q'},                  \
        {"params", required_argument, NULL, CLI_OPT_PARAMS},                                       \
        {"cases", required_argument, NULL, CLI_OPT_CASES},                                         \
        {"max-events", required_argument, NULL, CLI_OPT_MAX_EVENTS},                               \
    {                                                                                              \
        "max-seconds", required_argument, NULL, CLI_OPT_MAX_SECONDS                                \
    }

/* The options every simulating command (run, compare, optimize, report) shares. */
typedef struct cli_sim {
    char **sets;        /* --set KEY=VALUE, and -r N, -s S, --cases N, --params FILE as
                           replications=N, seed=S, cases=N, params=FILE */
    size_t n_sets;      /* (room for argc of them) */
    long threads;       /* -j THREADS, 1 by default */
    bool quiet;         /* -q: no notes, no progress */
    const char *output; /* -o FILE, or NULL for standard output */
    long max_events;    /* --max-events N per replication, 0: no limit */
    double max_seconds; /* --max-seconds S of computing for the whole run, 0: no limit */
} cli_sim_t;

/* The engine options of the limits, the Ctrl-C flag and (unless quiet) the progress bar. */
void cli_sim_engine(const cli_sim_t *o, flujo_experiment_opts_t *eo);

void cli_sim_init(cli_sim_t *o, int argc);
void cli_sim_free(cli_sim_t *o);

/* Takes option c, as getopt_long (opterr = 0, optstring starting with ':') returned it over argv,
 * if it is a shared option or getopt's report of an unknown option or a missing value. Returns 1
 * when taken, 0 when c is the command's own, -1 after printing a usage error. */
int cli_sim_option(const char *command, int c, char **argv, cli_sim_t *o);

/* A progress bar of replications on stderr; ctx, when not NULL, is a label printed after it. */
void cli_progress(void *ctx, long done, long total);

/* A baseline and its alternatives: loaded with the user's overrides (alternatives also with the
 * baseline's seed and replications: common random numbers; the baseline named again among
 * several alternatives is left out, with a note), then run. */
typedef struct cli_batch {
    flujo_scenario_t **sc; /* the scenarios, the baseline first */
    flujo_capacity_t *cap; /* the capacity check of each */
    bool *has_cap;         /* it could be computed */
    flujo_results_t **res; /* their results */
    size_t n;              /* how many */
} cli_batch_t;

/* Returns CLI_EXIT_OK, or the exit status after printing why; free b in every case. Interrupted,
 * it returns 130, with the partial results of a lone scenario in b->res[0] (n_done > 0) worth
 * reporting. */
int cli_batch_run(cli_batch_t *b, char **files, int n_files, const cli_sim_t *o);
void cli_batch_free(cli_batch_t *b);

/* The usage texts (usage.c): of flujo, and of each command. */
extern const char cli_usage[];
extern const char cli_check_usage[], cli_graph_usage[], cli_run_usage[], cli_plazo_usage[],
    cli_layout_usage[], cli_compare_usage[], cli_optimize_usage[], cli_report_usage[];

/* Writes a usage text with the formats of each {formats:COMMAND} filled in ("text|json"). */
void cli_print_usage(FILE *f, const char *text);

/* The commands, each taking argc/argv from the command name on; they return the exit status. */
int cli_check(int argc, char **argv);
int cli_graph(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_plazo(int argc, char **argv);
int cli_layout(int argc, char **argv);
int cli_compare(int argc, char **argv);
int cli_optimize(int argc, char **argv);
int cli_report(int argc, char **argv);

#endif
