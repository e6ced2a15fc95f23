/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-ipa`: a drop-in for Gambit's gambit-ipa (same options, same lines). */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(ipa);
