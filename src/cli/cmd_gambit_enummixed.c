/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-enummixed`: a drop-in for Gambit's gambit-enummixed (same options, same
 * lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(enummixed);
