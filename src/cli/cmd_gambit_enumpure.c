/* SPDX-License-Identifier: MIT */
/* `statecraft gambit-enumpure`: a drop-in for Gambit's gambit-enumpure (same options, same lines).
 */
#include "cli.h"
#include "gambit_tools.h"

SC_CLI_GAMBIT_COMMAND(enumpure);
