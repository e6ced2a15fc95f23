/* SPDX-License-Identifier: MIT */
/* `statecraft show [FILE]`: the normalised scenario as a summary or JSON. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static const char usage[] =
    "usage: statecraft show [FILE] [--variant NAME] [--after-events[=DATE]] [--format text|json]\n"
    "                       [-o OUT]\n"
    "\n"
    "Prints the scenario (the built-in one without FILE) as statecraft understood it.\n"
    "  --variant NAME        apply a named variant first\n"
    "  --after-events        apply every event (or those up to DATE, yyyy-mm-dd)\n"
    "  --format text|json    output format (default text)\n"
    "  -o, --output OUT      write to OUT atomically instead of standard output\n";

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {{"variant", required_argument, NULL, 'v'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"after-events", optional_argument, NULL, 'a'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *variant = NULL, *output = NULL, *until = NULL;
    int after = 0;
    sc_format format = SC_FORMAT_TEXT;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'v': variant = optarg; break;
        case 'o': output = optarg; break;
        case 'a': after = 1; until = optarg; break;
        case 'f':
            if (cli_parse_format("show", optarg, "text json", &format) != SC_EXIT_OK) {
                return SC_EXIT_USAGE;
            }
            break;
        case 'h': fputs(usage, stdout); return SC_EXIT_OK;
        default:
            return cli_usage_error("show", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("show", "expected at most one FILE");
    }
    sc_scenario *s = NULL;
    if (cli_check_output(output) != SC_EXIT_OK) {
        return SC_EXIT_USAGE;
    }
    int rc = cli_load_state(optind < argc ? argv[optind] : NULL, variant, after, until, &s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    char *out = NULL;
    size_t len = 0;
    if (sc_scenario_describe(s, format, &out, &len, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    } else {
        rc = cli_write_text(output, out, len);
    }
    sc_free(out);
    sc_scenario_free(s);
    return rc;
}

const sc_cli_command sc_cli_command_show = {"show", "print a scenario as statecraft reads it", run};
