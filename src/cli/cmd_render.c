/* SPDX-License-Identifier: MIT */
/* `statecraft render DOC.json`: a saved result document rendered again (text, CSV, HTML). */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static const cli_opt options[] = {CLI_OPT_FORMAT, CLI_OPT_OUTPUT, CLI_OPT_TABLE_END};

static const cli_spec spec = {
    .name = "render",
    .summary = "render a saved result document as text, CSV or HTML",
    .synopsis = "[DOC.json] [--format text|json|csv|html] [-o FILE]",
    .description =
        "Renders a result document saved by `statecraft run --format json` (standard input\n"
        "without DOC.json or with '-') again: as the text report (default), as CSV, as one\n"
        "self-contained HTML page with charts, or as JSON again (numbers as the shortest text\n"
        "that reads back).\n",
    .options = options,
    .formats = "text json csv html",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft run --format json -o report.json\n"
                "save the result document\n"
                "\n"
                "statecraft render report.json --format html -o report.html\n"
                "and render it as a page with charts\n",
    .see_also = "statecraft-run(1), docs/report-formats.md"};

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
        int rc = cli_parser_error(&cp, "expected at most one DOC.json, got %zu", cp.n_operands);
        cli_parse_end(&cp);
        return rc;
    }
    const char *path = cp.n_operands ? cp.operands[0] : "-";
    sc_diag diag;
    sc_diag_init(&diag);
    char *text = NULL, *out = NULL;
    size_t len = 0, out_len = 0;
    int rc;
    if (scx_file_read(path, (size_t)1 << 30, &text, &len, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    } else if (sc_report_render(text, len, path, cp.format, &out, &out_len, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    } else {
        rc = cli_write_text(NULL, out, out_len);
    }
    free(text);
    sc_free(out);
    cli_parse_end(&cp);
    return rc;
}

const sc_cli_command sc_cli_command_render = {
    "render", "render a saved result document as text, CSV or HTML", run, &spec};
