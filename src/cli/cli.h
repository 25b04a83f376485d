/* cli.h - what the commands of the flujo program share: exit codes, messages, output files. */
#ifndef FLUJO_CLI_H
#define FLUJO_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "flujo_error.h"

enum {
    CLI_EXIT_OK = 0,    /* success (warnings allowed) */
    CLI_EXIT_INPUT = 1, /* invalid input or failed output */
    CLI_EXIT_USAGE = 2  /* wrong command line */
};

/* Prints "flujo: MESSAGE" on stderr. */
void cli_error(const char *fmt, ...) FLUJO_PRINTF(1, 2);

/* Prints the error of a failed library call and returns the exit status it maps to. */
int cli_fail(const flujo_err_t *err);

/* Prints "flujo: MESSAGE" and a hint to run `flujo help COMMAND`; returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) FLUJO_PRINTF(2, 3);

/* An output that is either stdout or a temporary file renamed over its target when complete, so
 * that an interrupted or failed run never leaves a half-written file. */
typedef struct cli_out {
    FILE *f;    /* where to write */
    char *path; /* final path, NULL for stdout */
    char *tmp;  /* temporary path, NULL for stdout */
} cli_out_t;

/* Opens path for writing ("-" or NULL: stdout). Prints the error and returns false on failure. */
bool cli_out_open(cli_out_t *o, const char *path);

/* Finishes the output: if ok, flushes, syncs and renames the temporary file over the target;
 * otherwise removes the temporary file. Returns false (after printing why) if anything failed. */
bool cli_out_close(cli_out_t *o, bool ok);

/* The commands, each taking argc/argv from the command name on; they return the exit status. */
int cli_check(int argc, char **argv);
int cli_graph(int argc, char **argv);
int cli_run(int argc, char **argv);
int cli_plazo(int argc, char **argv);
int cli_layout(int argc, char **argv);

#endif
