/* SPDX-License-Identifier: MIT */
/* `statecraft validate FILE...`: check scenario files and BDM tables, report every bad one. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: statecraft validate FILE...\n"
    "\n"
    "Checks each scenario (YAML) or actor table (.csv). Prints 'FILE: ok' or a located error\n"
    "('FILE:LINE:COL: error: MESSAGE' with the line and a caret). Exit status 2 if any file is bad.\n"
    "  -q, --quiet   print nothing for good files\n";

static int run(int argc, char **argv)
{
    int quiet = 0, files = 0, worst = SC_EXIT_OK;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return SC_EXIT_OK;
        }
        if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return cli_usage_error("validate", "unknown option '%s'", argv[i]);
        }
    }
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            continue;
        }
        files++;
        sc_scenario *s = NULL;
        sc_diag diag;
        sc_diag_init(&diag);
        if (sc_scenario_load(argv[i], &s, &diag) != SC_OK) {
            int rc = cli_fail(&diag);
            if (rc > worst) {
                worst = rc;
            }
            continue;
        }
        if (!quiet) {
            printf("%s: ok (%zu actors, %zu issues, %zu events, %zu variants)\n", argv[i],
                   sc_scenario_actor_count(s), sc_scenario_issue_count(s),
                   sc_scenario_event_count(s), sc_scenario_variant_count(s));
        }
        sc_scenario_free(s);
    }
    if (files == 0) {
        return cli_usage_error("validate", "no file given");
    }
    return worst;
}

const sc_cli_command sc_cli_command_validate = {"validate", "check scenario files", run};
