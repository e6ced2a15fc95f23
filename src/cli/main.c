/* SPDX-License-Identifier: MIT */
/* statecraft: git-style command-line front end. Subcommands live in cmd_*.c. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define SC_CLI_COMMAND(n) extern const sc_cli_command sc_cli_command_##n;
#include "cli_commands.inc"
#undef SC_CLI_COMMAND

static const sc_cli_command *const commands[] = {
#define SC_CLI_COMMAND(n) &sc_cli_command_##n,
#include "cli_commands.inc"
#undef SC_CLI_COMMAND
};

/*
 * A memory size: a number with an optional binary suffix K, M, G or T ("512M", "1.5G", "3000000").
 * Returns 0 and *out, or -1 if the text is not a size.
 */
static int parse_size(const char *text, size_t *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || errno == ERANGE || !isfinite(v) || v < 0 || strchr(text, 'x') ||
        strchr(text, 'X')) {
        return -1;
    }
    double unit = 1;
    switch (*end) {
    case 'k': case 'K': unit = 1024.0; end++; break;
    case 'm': case 'M': unit = 1024.0 * 1024; end++; break;
    case 'g': case 'G': unit = 1024.0 * 1024 * 1024; end++; break;
    case 't': case 'T': unit = 1024.0 * 1024 * 1024 * 1024; end++; break;
    default: break;
    }
    if (*end == 'B' || *end == 'b') {
        end++; /* "4GB", "512MiB" are read as binary units too */
    } else if (*end == 'i' && (end[1] == 'B' || end[1] == 'b')) {
        end += 2;
    }
    if (*end != '\0' || v * unit > 1e18) {
        return -1;
    }
    *out = (size_t)(v * unit);
    return 0;
}

/* Sets the memory budget from `what` (the option or variable name) = text; an exit status. */
static int set_budget(const char *what, const char *text)
{
    size_t bytes = 0;
    if (parse_size(text, &bytes) != 0) {
        fprintf(stderr, "statecraft: %s expects a memory size such as 512M or 4G, got '%s'\n", what,
                text);
        return SC_EXIT_USAGE;
    }
    if (bytes < SC_MEMORY_BUDGET_MIN) {
        fprintf(stderr, "statecraft: %s must be at least %zuM, got '%s'\n", what,
                SC_MEMORY_BUDGET_MIN >> 20, text);
        return SC_EXIT_USAGE;
    }
    sc_memory_budget_set(bytes);
    return SC_EXIT_OK;
}

/*
 * The options every command takes, wherever they stand before a "--": --max-memory SIZE (or the
 * variable STATECRAFT_MAX_MEMORY) sets the memory budget the input limits derive from. They are
 * removed from argv so that the commands never see them. Returns an exit status.
 */
static int global_options(int *argc, char **argv)
{
    const char *env = getenv("STATECRAFT_MAX_MEMORY");
    if (env && *env) {
        int rc = set_budget("STATECRAFT_MAX_MEMORY", env);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
    }
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            while (i < *argc) {
                argv[out++] = argv[i++];
            }
            break;
        }
        const char *value = NULL;
        if (strcmp(argv[i], "--max-memory") == 0) {
            if (i + 1 >= *argc) {
                fprintf(stderr, "statecraft: --max-memory needs a size (e.g. 4G)\n");
                return SC_EXIT_USAGE;
            }
            value = argv[++i];
        } else if (strncmp(argv[i], "--max-memory=", 13) == 0) {
            value = argv[i] + 13;
        }
        if (value) {
            int rc = set_budget("--max-memory", value);
            if (rc != SC_EXIT_OK) {
                return rc;
            }
            continue;
        }
        argv[out++] = argv[i];
    }
    argv[out] = NULL;
    *argc = out;
    return SC_EXIT_OK;
}

/*
 * Commands print with stdio; a write error (a full disk behind `> file`, /dev/full) is only
 * known once the stream is flushed. Report it and fail rather than exit 0 with the output lost.
 */
static int close_stdout(int status)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = errno;
        fprintf(stderr, "statecraft: error: cannot write to standard output: %s\n",
                e ? strerror(e) : "write error");
        return status == SC_EXIT_OK ? SC_EXIT_FAILURE : status;
    }
    return status;
}

static void print_help(FILE *out)
{
    fprintf(out, "usage: statecraft [--version] [--help] COMMAND [ARGS]\n\n"
                 "Models of great-power strategy: bargaining, war termination, alignment, games.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    }
    fprintf(out, "\nEvery command also takes --max-memory SIZE (e.g. 4G; or the variable\n"
                 "STATECRAFT_MAX_MEMORY): the memory budget the input limits are derived from\n"
                 "(default 2G; see docs/limits.md).\n"
                 "\nRun 'statecraft COMMAND --help' for a command's options.\n"
                 "Exit status: 0 success, 1 failure while running, 2 bad input or usage.\n");
}

int main(int argc, char **argv)
{
    int grc = global_options(&argc, argv);
    if (grc != SC_EXIT_OK) {
        return grc;
    }
    if (argc < 2) {
        print_help(stderr);
        return SC_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_help(stdout);
        return SC_EXIT_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("statecraft %s\n", sc_version());
        return SC_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(commands[i]->name, name) == 0) {
            return close_stdout(commands[i]->run(argc - 1, argv + 1));
        }
    }
    fprintf(stderr, "statecraft: unknown command '%s'\n", name);
    print_help(stderr);
    return SC_EXIT_USAGE;
}
