/* SPDX-License-Identifier: MIT */
/* statecraft: git-style command-line front end. Subcommands live in cmd_*.c. */
#include <stdio.h>
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

static void print_help(FILE *out)
{
    fprintf(out, "usage: statecraft [--version] [--help] COMMAND [ARGS]\n\n"
                 "Models of great-power strategy: bargaining, war termination, alignment, games.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    }
    fprintf(out, "\nRun 'statecraft COMMAND --help' for a command's options.\n"
                 "Exit status: 0 success, 1 failure while running, 2 bad input or usage.\n");
}

int main(int argc, char **argv)
{
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
            return commands[i]->run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "statecraft: unknown command '%s'\n", name);
    print_help(stderr);
    return SC_EXIT_USAGE;
}
