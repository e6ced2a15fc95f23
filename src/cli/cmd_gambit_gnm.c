/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-gnm`: a drop-in for Gambit's gambit-gnm (same options, same lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(gnm);
