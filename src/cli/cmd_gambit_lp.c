/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-lp`: a drop-in for Gambit's gambit-lp (same options, same lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(lp);
