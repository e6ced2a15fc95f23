/* SPDX-License-Identifier: MIT */
/* `statecraft forecast --model eum|smp|bargaining`: each front end lives in its own file. */
#ifndef SC_CLI_FORECAST_H
#define SC_CLI_FORECAST_H

#include "cli.h"

/* argv[0] is "forecast"; the full argument list is passed on, --model included. */
int cli_forecast_eum(int argc, char **argv);  /* src/cli/forecast_eum.c */
int cli_forecast_smp(int argc, char **argv);  /* src/cli/forecast_smp.c */
int cli_forecast_bargain(int argc, char **argv); /* src/cli/forecast_bargain.c */

/* ---- shared by the front ends (src/cli/forecast_util.c) ---- */

/* getopt codes of the state options, the same in every front end */
enum { FC_OPT_BEFORE = 0x1000, FC_OPT_AFTER, FC_OPT_VARIANT };
#define FC_STATE_LONGOPTS                                                                          \
    {"before-events", no_argument, NULL, FC_OPT_BEFORE},                                           \
        {"after-events", optional_argument, NULL, FC_OPT_AFTER},                                   \
        {"variant", required_argument, NULL, FC_OPT_VARIANT}
#define FC_STATE_USAGE                                                                             \
    "  --after-events[=DATE]  the scenario after its events (all, or up to DATE); the default\n"   \
    "  --before-events        the scenario at its baseline date, before any event\n"             \
    "  --variant NAME         a variant of the scenario (its shifts on top of the events)\n"

/* A scenario state chosen on the command line (default: after all events, no variant). */
typedef struct fc_state {
    sc_state st;
    int given; /* a state option was given */
} fc_state;

void fc_state_init(fc_state *f);
/* Handles a state option (FC_OPT_*); returns 0 for any other option code. */
int fc_state_option(fc_state *f, int opt, const char *arg);
/* Loads path (NULL: the built-in scenario) in state f; an exit status, *out owned on success. */
int fc_load(const char *path, const fc_state *f, sc_scenario **out);
/* "State: after all the events, the scenario as given; it stands for 2025-02-24\n" */
void fc_state_text(scx_buf *b, const sc_scenario *s, const fc_state *f);
/* "state":{"variant":...,"events":"after"|"before","until":...,"date":...} (no braces around) */
void fc_state_json(scx_buf *b, const sc_scenario *s, const fc_state *f);
void fc_json_str(scx_buf *b, const char *s); /* a JSON string, or null for NULL */
void fc_json_num(scx_buf *b, double v);      /* a JSON number, or null for NaN/inf */
void fc_csv_field(scx_buf *b, const char *s); /* RFC 4180 quoting */
/* --capability-index NAME: replaces *s by a copy whose capabilities come from that index;
 * 0, or the exit status after reporting the error (*s is then unchanged). */
int fc_capability_index(sc_scenario **s, const char *name, sc_diag *diag);

#endif
