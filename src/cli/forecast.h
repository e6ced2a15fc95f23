/* SPDX-License-Identifier: MIT */
/* `statecraft forecast --model eum|smp|bargaining`: each front end lives in its own file. */
#ifndef SC_CLI_FORECAST_H
#define SC_CLI_FORECAST_H

#include "cli.h"
#include "statecraft/smp.h"

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

/* ---- KTAB's users (src/cli/forecast_ktab.c) ---- */

/* smpc's flags rewritten into statecraft's (docs/ktab.md). */
typedef struct fc_ktab {
    int argc;
    char **argv; /* the rewritten arguments (the words are argv's or static) */
    char *db;    /* --connstr's Database=NAME as NAME.db, or NULL */
    int logmin;  /* --logmin was given (statecraft writes only those tables anyway) */
} fc_ktab;

void fc_ktab_init(fc_ktab *k);
void fc_ktab_destroy(fc_ktab *k);
/* 1 if argv holds one of smpc's flags: --csv, --xml, --connstr, --logmin, --savehist, --euSMP,
 * --ra (they select the SMP when --model is absent). */
int fc_ktab_flags_present(int argc, char **argv);
/* --csv F and --xml F become the INPUT F (read as KTAB's CSV or XML whatever its content),
 * --connstr "Driver=QSQLITE;Database=NAME" becomes --format sqlite -o NAME.db, --logmin is
 * accepted; --savehist, --euSMP and --ra are refused naming what does the job. 0 or an exit
 * status after the message. */
int fc_ktab_translate(int argc, char **argv, fc_ktab *k);
/* SC_FILE_KTAB_CSV after --csv, SC_FILE_KTAB_XML after --xml, else SC_FILE_SCENARIO. */
sc_file_kind fc_ktab_forced_kind(void);

/* An INPUT read once (standard input cannot be read twice) and judged by its content. */
typedef struct fc_input {
    const char *file;  /* the path, "-", or NULL for the built-in scenario */
    char *text;
    size_t len;
    sc_file_kind kind; /* by content, or as --csv/--xml forced it */
} fc_input;

int fc_input_read(const char *path, fc_input *in);
void fc_input_destroy(fc_input *in);
/* fc_load on text already read (a scenario or a BDM table, by content). */
int fc_load_input(const fc_input *in, const fc_state *f, sc_scenario **out);

/* The note under KTAB's P(win) column: the distinct positions, their members and probabilities. */
void fc_pwin_text(scx_buf *b, const sc_smp_input *in, const sc_smp_result *r);
/* The same as a JSON object {"note","positions":[{"win_prob","actors"}]}. */
void fc_pwin_json(scx_buf *b, const sc_smp_input *in, const sc_smp_result *r);
/* --format sqlite -o OUT: KTAB's SMP tables (sc_smp_ktab_sqlite), written atomically. */
int fc_write_sqlite(const char *output, const sc_smp_input *in, const sc_smp_params *p,
                    const sc_smp_result *r);

#endif
