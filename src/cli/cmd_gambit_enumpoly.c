/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-enumpoly`: a drop-in for Gambit's gambit-enumpoly (same options, same
   lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(enumpoly);
