/* main.c - the flujo program: the table of commands, the language of messages, and the command
 * that runs with its arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "flujo.h"
#include "flujo_i18n.h"

#ifndef FLUJO_LOCALEDIR
#define FLUJO_LOCALEDIR "build/locale"
#endif

/* The commands: name, what runs it (argc/argv from the command name on), its usage text. */
static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
} commands[] = {
    {"check", cli_check, cli_check_usage},
    {"graph", cli_graph, cli_graph_usage},
    {"run", cli_run, cli_run_usage},
    {"plazo", cli_plazo, cli_plazo_usage},
    {"layout", cli_layout, cli_layout_usage},
    {"compare", cli_compare, cli_compare_usage},
    {"optimize", cli_optimize, cli_optimize_usage},
    {"report", cli_report, cli_report_usage},
};

static const struct command *find(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(commands[i].name, name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

static int help(const char *name)
{
    const struct command *c = name != NULL ? find(name) : NULL;
    if (name != NULL && c == NULL) {
        return cli_usage_error(NULL, "unknown command '%s'", name);
    }
    cli_print_usage(stdout, c != NULL ? c->usage : cli_usage);
    return CLI_EXIT_OK;
}

/* Takes --lang X or --lang=X out of argv (it applies to every command); returns X or NULL, or
 * "" when --lang lacks its value. */
static const char *take_lang(int *argc, char **argv)
{
    const char *lang = NULL;
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--lang") == 0) {
            lang = i + 1 < *argc ? argv[++i] : "";
        } else if (strncmp(argv[i], "--lang=", 7) == 0) {
            lang = argv[i] + 7;
        } else {
            argv[out++] = argv[i];
        }
    }
    argv[out] = NULL;
    *argc = out;
    return lang;
}

/* The language of the environment, as LC_ALL, LC_MESSAGES or LANG give it. */
static const char *env_lang(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0]) {
            return v;
        }
    }
    return "en";
}

int main(int argc, char **argv)
{
    const char *lang = take_lang(&argc, argv);
    if (lang != NULL && strcmp(lang, "es") != 0 && strcmp(lang, "en") != 0) {
        return cli_usage_error(NULL, "--lang takes es or en, not '%s'", lang);
    }
    const char *dir = getenv("FLUJO_LOCALEDIR");
    if (!flujo_i18n_init(dir != NULL && dir[0] ? dir : FLUJO_LOCALEDIR,
                         lang != NULL ? lang : env_lang()) &&
        lang != NULL) {
        cli_error("warning: the Spanish messages were not found under %s (build them with make); "
                  "writing English",
                  dir != NULL && dir[0] ? dir : FLUJO_LOCALEDIR);
    }
    if (argc < 2) {
        cli_print_usage(stderr, cli_usage);
        return CLI_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        return help(argc > 2 ? argv[2] : NULL);
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("flujo %s\n", FLUJO_VERSION);
        return CLI_EXIT_OK;
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            return help(cmd);
        }
    }
    const struct command *c = find(cmd);
    if (c == NULL) {
        return cli_usage_error(NULL, "unknown command '%s'", cmd);
    }
    flujo_lib_init();
    return c->run(argc - 1, argv + 1);
}
