/* SPDX-License-Identifier: MIT */
/*
 * What the build makes from the commands' option tables (cli_opt.h), by running the program it
 * just built: the man pages (statecraft --generate-man DIR: statecraft.1 and statecraft-CMD.1 for
 * each command) and the bash completion script (statecraft --generate-completion FILE). The
 * script asks the program for the names of a scenario (statecraft --complete-names
 * actor|issue|variant|model [FILE]) so that --actors, --variant, --issue and --only complete
 * from the scenario on the command line.
 */
#ifndef SC_CLI_GEN_H
#define SC_CLI_GEN_H

#include <stdio.h>

#include "cli_opt.h"

/* argv[0] is "--generate-man", "--generate-completion" or "--complete-names". */
int cli_gen_main(int argc, char **argv);

/* The man page of one command (roff), and of the program (statecraft.1). */
void cli_gen_man(FILE *out, const cli_spec *spec);
void cli_gen_man_top(FILE *out);
/* The bash completion script. */
void cli_gen_completion(FILE *out);

/* The commands (main.c): their names and summaries, and for a command without a spec (it parses
 * its own options) its --help text (malloc'd, NULL on failure). */
const char *cli_command_name(size_t i);
const char *cli_command_summary(size_t i);
char *cli_command_help(size_t i);
/* A man page made from such a command's --help text. */
void cli_gen_man_from_help(FILE *out, size_t i);

/* statecraft --help's text (main.c). */
void cli_top_help(FILE *out);

#endif
