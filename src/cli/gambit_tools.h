/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-TOOL`: Gambit's command-line tools under their own names (cmd_solve.c). */
#ifndef SC_CLI_GAMBIT_TOOLS_H
#define SC_CLI_GAMBIT_TOOLS_H

/* Runs `statecraft solve` as gambit-TOOL: that method, with that tool's options. */
int cli_gambit_tool(const char *tool, int argc, char **argv);

/* One subcommand file per tool (cmd_gambit_TOOL.c) defines its command with this; its options
 * are the tool's cli_opt table, sc_gambit_spec_TOOL (cmd_solve.c). */
#define SC_CLI_GAMBIT_COMMAND(tool)                                                                \
    extern const cli_spec sc_gambit_spec_##tool;                                                   \
    static int run_gambit_##tool(int argc, char **argv)                                            \
    {                                                                                              \
        return cli_gambit_tool(#tool, argc, argv);                                                 \
    }                                                                                              \
    const sc_cli_command sc_cli_command_gambit_##tool = {                                          \
        "gambit-" #tool,                                                                           \
        "gambit-" #tool "'s options and output (statecraft solve --method " #tool ")",             \
        run_gambit_##tool, &sc_gambit_spec_##tool}

#endif
