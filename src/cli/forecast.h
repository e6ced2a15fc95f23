/* SPDX-License-Identifier: MIT */
/* `statecraft forecast --model eum|smp|bargaining`: each front end lives in its own file. */
#ifndef SC_CLI_FORECAST_H
#define SC_CLI_FORECAST_H

#include "cli.h"
#include "statecraft/eum.h"
#include "statecraft/smp.h"

/* The models of `forecast --model`. */
typedef enum fc_model { FC_EUM = 0, FC_SMP = 1, FC_BARGAIN = 2 } fc_model;

/* forecast's own options, read from its option table (cmd_forecast.c); the common ones (state,
 * -o, --format, --seed, --threads) are in the cli_parser. */
typedef struct fc_opts {
    fc_model model;
    const char *input; /* the INPUT operand, or NULL for the built-in scenario */
    /* EUM */
    int eum_both;               /* --eum-variant both */
    sc_eum_variant eum_variant; /* else this one */
    int fixed, rounds;          /* --rounds N */
    int set_max, max_rounds;    /* --max-rounds N */
    int set_tol;                /* --tol T (EUM and SMP) */
    double tol;
    int set_q, set_t; /* --q Q, --t T */
    double q, t;
    const char *perspective, *issue, *capidx;
    int drivers; /* 0 after --no-drivers (EUM and SMP) */
    /* SMP */
    const char **options; /* the --option NAME=VALUE words, in order */
    size_t n_options;
    const char *stop;        /* --stop converge|ktab, or NULL */
    int set_turns, max_turns; /* --max-turns N */
} fc_opts;

/* The front ends: src/cli/forecast_eum.c, forecast_smp.c, forecast_bargain.c. Each returns an
 * exit status (130/143 after an interrupt, with the partial results printed). */
int cli_forecast_eum(const cli_parser *cp, const fc_opts *o);
int cli_forecast_smp(const cli_parser *cp, const fc_opts *o);
int cli_forecast_bargain(const cli_parser *cp, const fc_opts *o);

/* ---- shared by the front ends (src/cli/forecast_util.c) ---- */

/* cli_load_state("forecast", path, ...): path (NULL: the built-in scenario) in state st. */
int fc_load(const char *path, const sc_state *st, sc_scenario **out);
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
/* cli_load_state on text already read (a scenario or a BDM table, by content). */
int fc_load_input(const fc_input *in, const sc_state *st, sc_scenario **out);

/* The note under KTAB's P(win) column: the distinct positions, their members and probabilities. */
void fc_pwin_text(scx_buf *b, const sc_smp_input *in, const sc_smp_result *r);
/* The same as a JSON object {"note","positions":[{"win_prob","actors"}]}. */
void fc_pwin_json(scx_buf *b, const sc_smp_input *in, const sc_smp_result *r);
/* --format sqlite -o OUT: KTAB's SMP tables (sc_smp_ktab_sqlite), written atomically. */
int fc_write_sqlite(const char *output, const sc_smp_input *in, const sc_smp_params *p,
                    const sc_smp_result *r);

#endif
