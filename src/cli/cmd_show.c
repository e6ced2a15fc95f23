/* SPDX-License-Identifier: MIT */
/* `statecraft show [FILE]`: the scenario as statecraft reads it, in one state. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_opt options[] = {CLI_OPTS_STATE, CLI_OPT_HEADING("Output:"), CLI_OPT_FORMAT,
                                  CLI_OPT_OUTPUT, CLI_OPT_TABLE_END};

static const cli_spec spec = {
    .name = "show",
    .summary = "print a scenario as statecraft reads it",
    .synopsis = "[FILE] [--before-events | --after-events[=DATE]] [--variant NAME]\n"
                "[--format text|json|yaml|csv|normalized] [-o FILE]",
    .description =
        "Prints the scenario (the built-in one without FILE; '-' reads standard input) as\n"
        "statecraft understood it, in one state: by default after all its events (the latest\n"
        "known state), or before them, or after those up to a date, with a variant on top. The\n"
        "first line says which state it is and the date it stands for.\n"
        "\n"
        "--format yaml and --format json write the scenario as given instead, as a scenario\n"
        "file with all its events and variants, which validate, run and every command read back\n"
        "to the same results: export a scenario, edit it, load it again. --format normalized\n"
        "prints in JSON what statecraft read, in the chosen state: every number as a quantity,\n"
        "stances under their issues, events in date order (also for actor tables, which have no\n"
        "scenario file to write).\n",
    .options = options,
    .formats = "text json yaml csv normalized",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft show --before-events\n"
                "the built-in scenario at its baseline date\n"
                "\n"
                "statecraft show examples/iran-nuclear-2015.yaml --variant NAME\n"
                "a scenario with one of its variants\n"
                "\n"
                "statecraft show --format yaml -o my.yaml\n"
                "the built-in scenario as a file to edit and load again\n",
    .see_also = "statecraft-validate(1), docs/scenario-format.md"};

static int run(int argc, char **argv)
{
    cli_parser cp;
    cli_parse_begin(&cp, &spec, argc, argv);
    int c;
    while ((c = cli_next(&cp)) > 0) {
    }
    if (c == CLI_STOP) {
        cli_parse_end(&cp);
        return cp.status;
    }
    if (cp.n_operands > 1) {
        int rc = cli_parser_error(&cp, "expected at most one FILE, got %zu", cp.n_operands);
        cli_parse_end(&cp);
        return rc;
    }
    int as_file = cp.format_name && (strcmp(cp.format_name, "yaml") == 0 ||
                                     strcmp(cp.format_name, "json") == 0);
    /* the file is the scenario as given: refuse another state than the default rather than
     * ignore it */
    if (as_file && (cp.state.variant || cp.state.events == SC_EVENTS_BEFORE || cp.state.until)) {
        int rc = cli_parser_error(&cp, "--format %s writes the scenario as given, with all its "
                                       "events and variants; the state options choose what the "
                                       "text shows (drop --before-events, --after-events and "
                                       "--variant, or use --format text)",
                                  cp.format_name);
        cli_parse_end(&cp);
        return rc;
    }
    sc_scenario *s = NULL;
    int rc = cli_load_state(cp.spec->name, cp.n_operands ? cp.operands[0] : NULL, NULL, 0,
                            &cp.state, NULL, &s);
    if (rc != SC_EXIT_OK) {
        cli_parse_end(&cp);
        return rc;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    char *out = NULL;
    size_t len = 0;
    int normalized = cp.format_name && strcmp(cp.format_name, "normalized") == 0;
    sc_status st = as_file ? sc_scenario_write(s, strcmp(cp.format_name, "json") == 0, &out,
                                               &len, &diag)
                           : sc_scenario_describe(s, normalized ? SC_FORMAT_JSON : cp.format, &out,
                                                  &len, &diag);
    if (as_file && st == SC_EINVAL) {
        rc = cli_parser_error(&cp, "--format %s: %s is an actor table, not a scenario file; "
                                   "--format normalized prints what statecraft read from it",
                              cp.format_name, cp.n_operands ? cp.operands[0] : "the input");
    } else if (st != SC_OK) {
        rc = cli_fail(&diag);
    } else {
        if (!as_file && !normalized && cp.format == SC_FORMAT_TEXT) {
            cli_state_text(stdout, s, &cp.state);
        }
        rc = cli_write_text(NULL, out, len);
    }
    sc_free(out);
    sc_scenario_free(s);
    cli_parse_end(&cp);
    return rc;
}

const sc_cli_command sc_cli_command_show = {"show", "print a scenario as statecraft reads it", run,
                                            &spec};
