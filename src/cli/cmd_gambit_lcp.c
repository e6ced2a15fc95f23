/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-lcp`: a drop-in for Gambit's gambit-lcp (same options, same lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(lcp);
