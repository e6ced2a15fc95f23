/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-logit`: a drop-in for Gambit's gambit-logit (same options, same lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(logit);
