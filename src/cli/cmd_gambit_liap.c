/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-liap`: a drop-in for Gambit's gambit-liap (same options, same lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(liap);
