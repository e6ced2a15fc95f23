/* SPDX-License-Identifier: MIT */
/* `statecraft validate FILE...`: check scenario files and BDM tables, report every bad one. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { O_QUIET = 1 };

static const cli_opt options[] = {
    {O_QUIET, 'q', "quiet", CLI_FLAG, 0, NULL, "print nothing for good files", NULL, 0, 0,
     CLI_NAMES_NONE},
    CLI_OPT_FORMAT,
    CLI_OPT_OUTPUT,
    CLI_OPT_TABLE_END};

static const cli_spec spec = {
    .name = "validate",
    .summary = "check scenario files and actor tables",
    .synopsis = "FILE... [-q] [--format text|json|csv] [-o FILE]",
    .description =
        "Checks each scenario (YAML, or JSON as written by 'statecraft show --format json') or\n"
        "actor table (Bueno de Mesquita's CSV), '-' for standard input (told apart by content).\n"
        "Prints 'FILE: ok' with what the file holds, or its located error in the compiler format\n"
        "(FILE:LINE:COL: error: MESSAGE, with the line and a caret), and every warning (a shift\n"
        "that moves a number outside its declared range). Exit status 2 if any file is bad.\n"
        "A scenario is read as 'statecraft run' reads it: its core and every model section it\n"
        "has (war:, negotiation:, triangle:, landscape:, game:, eum:, smp:, data:), in every\n"
        "state the report computes (as given and each variant, before and after the events).\n"
        "\n"
        "With --format json or csv, one record per file: its name, whether it is valid, its\n"
        "counts, and the error's message, line and column (the error also goes to standard\n"
        "error).\n",
    .options = options,
    .formats = "text json csv",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft validate examples/iran-nuclear-2015.yaml\n"
                "check one scenario\n"
                "\n"
                "statecraft show --format yaml | statecraft validate -\n"
                "the built-in scenario, written out and read back\n",
    .see_also = "statecraft-show(1), docs/scenario-format.md"};

static int run(int argc, char **argv)
{
    cli_parser p;
    cli_parse_begin(&p, &spec, argc, argv);
    int quiet = 0, c;
    while ((c = cli_next(&p)) > 0) {
        if (c == O_QUIET) {
            quiet = 1;
        }
    }
    if (c == CLI_STOP) {
        cli_parse_end(&p);
        return p.status;
    }
    if (p.n_operands == 0) {
        int rc = cli_parser_error(&p, "no FILE given (a scenario .yaml or an actor table .csv; "
                                      "'-' for standard input)");
        cli_parse_end(&p);
        return rc;
    }
    int worst = SC_EXIT_OK;
    scx_buf out;
    scx_buf_init(&out);
    if (p.format == SC_FORMAT_JSON) {
        scx_buf_puts(&out, "{\"files\":[");
    } else if (p.format == SC_FORMAT_CSV) {
        scx_buf_puts(&out, "file,valid,actors,issues,events,variants,warnings,line,column,message\n");
    }
    for (size_t i = 0; i < p.n_operands; i++) {
        const char *path = p.operands[i];
        sc_scenario *s = NULL;
        sc_diag diag;
        sc_diag_init(&diag);
        int rc = SC_EXIT_OK;
        size_t warnings = 0;
        /* then the model sections, as statecraft run reads them (a misspelt war: key) */
        if (sc_scenario_load(path, &s, &diag) != SC_OK ||
            (s && sc_run_check(s, &diag) != SC_OK)) {
            sc_scenario_free(s);
            s = NULL;
            rc = cli_fail(&diag);
            if (rc > worst) {
                worst = rc;
            }
        }
        if (s) {
            warnings = cli_warn_shifts(s, NULL); /* every event, then each variant */
        }
        const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
        if (p.format == SC_FORMAT_JSON) {
            scx_buf_puts(&out, i ? ",{\"file\":" : "{\"file\":");
            scx_json_string(&out, name);
            if (s) {
                scx_buf_printf(&out, ",\"valid\":true,\"actors\":%zu,\"issues\":%zu,\"events\":%zu,"
                                     "\"variants\":%zu,\"warnings\":%zu,\"error\":null}",
                               sc_scenario_actor_count(s), sc_scenario_issue_count(s),
                               sc_scenario_event_count(s), sc_scenario_variant_count(s), warnings);
            } else {
                scx_buf_printf(&out, ",\"valid\":false,\"error\":{\"line\":%d,\"column\":%d,"
                                     "\"message\":",
                               diag.line, diag.column);
                scx_json_string(&out, diag.message);
                scx_buf_puts(&out, "}}");
            }
        } else if (p.format == SC_FORMAT_CSV) {
            scx_csv_field(&out, name);
            if (s) {
                scx_buf_printf(&out, ",true,%zu,%zu,%zu,%zu,%zu,,,\n", sc_scenario_actor_count(s),
                               sc_scenario_issue_count(s), sc_scenario_event_count(s),
                               sc_scenario_variant_count(s), warnings);
            } else {
                scx_buf_printf(&out, ",false,,,,,,%d,%d,", diag.line, diag.column);
                scx_csv_field(&out, diag.message);
                scx_buf_puts(&out, "\n");
            }
        } else if (s && !quiet) {
            scx_buf_printf(&out, "%s: ok (%zu actors, %zu issues, %zu events, %zu variants",
                           name, sc_scenario_actor_count(s), sc_scenario_issue_count(s),
                           sc_scenario_event_count(s), sc_scenario_variant_count(s));
            if (warnings) {
                scx_buf_printf(&out, "; %zu warning%s", warnings, warnings == 1 ? "" : "s");
            }
            scx_buf_puts(&out, ")\n");
        }
        sc_scenario_free(s);
    }
    if (p.format == SC_FORMAT_JSON) {
        scx_buf_puts(&out, "]}\n");
    }
    int wrc = cli_write_output(NULL, &out);
    scx_buf_destroy(&out);
    cli_parse_end(&p);
    return worst != SC_EXIT_OK ? worst : wrc;
}

const sc_cli_command sc_cli_command_validate = {"validate", "check scenario files and actor tables",
                                                run, &spec};
