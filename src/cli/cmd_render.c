/* SPDX-License-Identifier: MIT */
/* `statecraft render DOC.json`: a saved result document rendered again (text, CSV, HTML). */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static const char usage[] =
    "usage: statecraft render [DOC.json] [--format text|json|csv|html] [-o OUT]\n"
    "\n"
    "Renders a result document saved by `statecraft run --format json` (standard input without\n"
    "DOC.json or with '-') again: as the text report (default), as CSV, as one self-contained\n"
    "HTML page with charts, or as JSON again (numbers as the shortest text that reads back).\n"
    "  --format F        text, json, csv or html\n"
    "  -o, --output OUT  write to OUT atomically instead of standard output\n";

static int run(int argc, char **argv)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    const char *output = NULL;
    sc_format format = SC_FORMAT_TEXT;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': output = optarg; break;
        case 'f':
            if (sc_format_parse(optarg, &format, NULL) != SC_OK) {
                return cli_usage_error("render", "--format must be text, json, csv or html, got '%s'",
                                       optarg);
            }
            break;
        case 'h': fputs(usage, stdout); return SC_EXIT_OK;
        default:
            return cli_usage_error("render", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("render", "expected at most one DOC.json");
    }
    int rc = cli_check_output(output);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    const char *path = optind < argc ? argv[optind] : "-";
    sc_diag diag;
    sc_diag_init(&diag);
    char *text = NULL, *out = NULL;
    size_t len = 0, out_len = 0;
    if (scx_file_read(path, (size_t)1 << 30, &text, &len, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    if (sc_report_render(text, len, path, format, &out, &out_len, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    } else {
        rc = cli_write_text(output, out, out_len);
    }
    free(text);
    sc_free(out);
    return rc;
}

const sc_cli_command sc_cli_command_render = {
    "render", "render a saved result document as text, CSV or HTML", run};
