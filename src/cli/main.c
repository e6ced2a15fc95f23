/* SPDX-License-Identifier: MIT */
/* statecraft: git-style command-line front end. Subcommands live in cmd_*.c. */
#define _GNU_SOURCE /* fileno, dup */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_gen.h"
#include "cli_output.h"

#define SC_CLI_COMMAND(n) extern const sc_cli_command sc_cli_command_##n;
#include "cli_commands.inc"
#undef SC_CLI_COMMAND

static const sc_cli_command *const commands[] = {
#define SC_CLI_COMMAND(n) &sc_cli_command_##n,
#include "cli_commands.inc"
#undef SC_CLI_COMMAND
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

size_t cli_spec_count(void)
{
    return N_COMMANDS;
}

const cli_spec *cli_spec_at(size_t i)
{
    return i < N_COMMANDS ? commands[i]->spec : NULL;
}

const char *cli_command_name(size_t i)
{
    return i < N_COMMANDS ? commands[i]->name : NULL;
}

const char *cli_command_summary(size_t i)
{
    return i < N_COMMANDS ? commands[i]->summary : NULL;
}

/*
 * The --help text of a command that parses its own options (no spec yet), as that command
 * prints it: the generated man page and completion then say what --help says. NULL on failure.
 */
char *cli_command_help(size_t i)
{
    if (i >= N_COMMANDS) {
        return NULL;
    }
    FILE *t = tmpfile();
    if (!t) {
        return NULL;
    }
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    if (saved < 0 || dup2(fileno(t), STDOUT_FILENO) < 0) {
        fclose(t);
        if (saved >= 0) {
            close(saved);
        }
        return NULL;
    }
    char name[64], help[] = "--help";
    snprintf(name, sizeof name, "%s", commands[i]->name);
    char *av[] = {name, help, NULL};
    int rc = commands[i]->run(2, av);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    char *text = NULL;
    long len = rc == SC_EXIT_OK && fseek(t, 0, SEEK_END) == 0 ? ftell(t) : -1;
    if (len >= 0 && fseek(t, 0, SEEK_SET) == 0 && (text = malloc((size_t)len + 1)) != NULL) {
        size_t got = fread(text, 1, (size_t)len, t);
        text[got] = '\0';
    }
    fclose(t);
    return text;
}

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
    for (size_t i = 0; i < N_COMMANDS; i++) {
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    }
    fprintf(out, "\nOptions of every command (statecraft COMMAND --help lists the others):\n"
                 "  -o, --output FILE   write there instead of standard output, atomically and\n"
                 "                      only when the command succeeds\n"
                 "  --format F          the output format (text, json, csv where a table is printed)\n"
                 "  --before-events, --after-events[=DATE], --variant NAME\n"
                 "                      the state of the scenario (default: after all its events)\n"
                 "  --seed S, --threads T   where a command draws random numbers or runs threads\n"
                 "  --max-memory SIZE   the memory budget the input limits derive from (e.g. 4G;\n"
                 "                      default 2G; docs/limits.md)\n"
                 "  -h, --help, --version\n"
                 "\nEnvironment:\n"
                 "  STATECRAFT_THREADS     worker threads when --threads is not given (default:\n"
                 "                         the CPUs this process may use: affinity and cgroup quota)\n"
                 "  STATECRAFT_MAX_MEMORY  the memory budget when --max-memory is not given\n"
                 "\nExit status: 0 success, 1 failure while running, 2 bad input or usage,\n"
                 "130 interrupted (Ctrl-C; 143 for SIGTERM), with the partial results printed.\n"
                 "Man pages: statecraft(1), statecraft-COMMAND(1).\n");
}

static const sc_cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(commands[i]->name, name) == 0) {
            return commands[i];
        }
    }
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[64];
    size_t n = 0;
    for (size_t i = 0; i < N_COMMANDS && n < 64; i++) {
        names[n++] = commands[i]->name;
    }
    const char *best = scx_suggest(name, names, n);
    fprintf(stderr, "statecraft: unknown command '%s'", name);
    if (best) {
        fprintf(stderr, " (did you mean '%s'?)", best);
    }
    fprintf(stderr, "\nThe commands are:");
    for (size_t i = 0; i < n; i++) {
        fprintf(stderr, " %s", names[i]);
    }
    fprintf(stderr, ".\nTry 'statecraft --help'.\n");
    return SC_EXIT_USAGE;
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
        if (argc > 2 && strcmp(name, "help") == 0) {
            const sc_cli_command *c = find_command(argv[2]);
            if (!c) {
                return unknown_command(argv[2]);
            }
            if (!c->spec) {
                char help[] = "--help";
                char *av[] = {argv[2], help, NULL};
                return close_stdout(c->run(2, av));
            }
            cli_print_help(stdout, c->spec);
            return close_stdout(SC_EXIT_OK);
        }
        print_help(stdout);
        return close_stdout(SC_EXIT_OK);
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        cli_print_version(stdout);
        if (argc > 2 && (strcmp(argv[2], "--verbose") == 0 || strcmp(argv[2], "-v") == 0)) {
            /* what a run here would use by default */
            const char *env = getenv("STATECRAFT_THREADS");
            char *end = NULL;
            unsigned long v = env && *env >= '1' && *env <= '9' ? strtoul(env, &end, 10) : 0;
            int from_env = v >= 1 && v <= 1024 && end && *end == '\0';
            printf("threads: %u (%s)\n", sc_threads_default(),
                   from_env ? "STATECRAFT_THREADS"
                            : "the CPUs this process may use: affinity and cgroup CPU quota");
            printf("memory budget: %zu MiB\n", sc_memory_budget_get() >> 20);
        }
        return close_stdout(SC_EXIT_OK);
    }
    /* the build's generators and the completion script's helper (cli_gen.c); not for users */
    if (strcmp(name, "--generate-man") == 0 || strcmp(name, "--generate-completion") == 0 ||
        strcmp(name, "--complete-names") == 0) {
        return close_stdout(cli_gen_main(argc - 1, argv + 1));
    }
    if (name[0] == '-') {
        fprintf(stderr, "statecraft: unknown option '%s' before the command\n"
                        "Try 'statecraft --help'.\n",
                name);
        return SC_EXIT_USAGE;
    }
    const sc_cli_command *c = find_command(name);
    if (!c) {
        return unknown_command(name);
    }
    if (!c->spec) {
        /* --version means the same on every command, also those parsing their own options */
        for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
            if (strcmp(argv[i], "--version") == 0) {
                cli_print_version(stdout);
                return close_stdout(SC_EXIT_OK);
            }
        }
    }
    int status = c->run(argc - 1, argv + 1);
    fflush(stdout);
    status = cli_output_finish(status);
    return close_stdout(status);
}

/* The top-level page for cli_gen.c's man page statecraft(1). */
void cli_top_help(FILE *out)
{
    print_help(out);
}
