/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-simpdiv`: a drop-in for Gambit's gambit-simpdiv (same options, same lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(simpdiv);
