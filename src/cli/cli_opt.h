/* SPDX-License-Identifier: MIT */
/*
 * One description per subcommand (a cli_spec: its synopsis, description, options and examples)
 * from which everything the user sees of the command line is made: `--help`, the parsing of the
 * arguments with the messages and did-you-mean suggestions of a bad one, the bash completion
 * script and the man pages (both generated at build time by the program itself, cli_gen.c).
 *
 * The options every command shares have one meaning everywhere and are handled here, not by the
 * commands: -o/--output (checked before any work, written atomically when the command succeeds,
 * cli_output.c), --format (one of the command's formats), --seed, --threads (or the variable
 * STATECRAFT_THREADS), the scenario state (--before-events, --after-events[=DATE], --variant),
 * --help and --version. A command reads their values from cli_parser.
 */
#ifndef SC_CLI_OPT_H
#define SC_CLI_OPT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "statecraft/statecraft.h"

/* What an option's value is: it decides the parsing, the messages, completion and the man page. */
typedef enum cli_type {
    CLI_END = 0,  /* ends a table */
    CLI_HEADING,  /* not an option: a heading in --help and the man page (`help` is its text) */
    CLI_FLAG,     /* no value */
    CLI_STRING,   /* any text */
    CLI_FILE,     /* an input file ("-": standard input); completed as a file name */
    CLI_UINT,     /* a non-negative integer, checked against [lo, hi] when lo < hi */
    CLI_NUMBER,   /* a finite number, checked against [lo, hi] (ends per CLI_LO_OPEN/HI_OPEN) */
    CLI_PAIR,     /* two finite numbers "a,b" */
    CLI_DATE,     /* a calendar date yyyy-mm-dd */
    CLI_CHOICE,   /* one of `choices` (did-you-mean for anything else) */
    CLI_LIST      /* comma-separated words; completed from `names` */
} cli_type;

/* Option flags. */
enum {
    CLI_OPTIONAL = 1u << 0,  /* the value is optional and only given as --name=VALUE */
    CLI_HIDDEN = 1u << 1,    /* accepted (another tool's spelling) but not listed or completed */
    CLI_MULTI = 1u << 2,     /* takes the following words up to the next option (--events F...) */
    CLI_LO_OPEN = 1u << 3,   /* CLI_NUMBER: lo itself is out of range */
    CLI_HI_OPEN = 1u << 4,   /* CLI_NUMBER: hi itself is out of range */
    CLI_NEGATIVE = 1u << 5   /* CLI_NUMBER/CLI_PAIR: the value may start with '-' */
};

/* Names completion offers for a value or operand, beyond fixed choices. */
typedef enum cli_names {
    CLI_NAMES_NONE = 0,
    CLI_NAMES_FILE,    /* file names */
    CLI_NAMES_ACTOR,   /* the actors of the scenario on the command line (or the built-in one) */
    CLI_NAMES_ISSUE,   /* its issues */
    CLI_NAMES_VARIANT, /* its variants */
    CLI_NAMES_MODEL    /* the report's models (sc_run_model_name) */
} cli_names;

/* One option of a command's table. */
typedef struct cli_opt {
    int id;                     /* what cli_next returns for it (>= 1) */
    char short_name;            /* 'o' for -o, or 0 */
    const char *name;           /* "output" for --output, or NULL */
    cli_type type;
    unsigned flags;             /* CLI_* flags */
    const char *metavar;        /* the value's name in help ("N", "FILE"), NULL for flags */
    const char *help;           /* what it does; lines after the first are continuation lines */
    const char *const *choices; /* CLI_CHOICE: NULL-terminated list of accepted values */
    double lo, hi;              /* CLI_UINT/CLI_NUMBER range when lo < hi */
    cli_names names;            /* completion of the value */
} cli_opt;

/* The ids of the common options (a command's own ids stay below CLI_COMMON). */
enum {
    CLI_COMMON = 0x4000,
    CLI_O_OUTPUT,
    CLI_O_FORMAT,
    CLI_O_SEED,
    CLI_O_THREADS,
    CLI_O_BEFORE,
    CLI_O_AFTER,
    CLI_O_VARIANT,
    CLI_O_HELP,
    CLI_O_VERSION
};

/* The common options, spelled the same in every table (HELP/VERSION are appended by the parser). */
#define CLI_OPT_OUTPUT                                                                             \
    {CLI_O_OUTPUT, 'o', "output", CLI_STRING, 0, "FILE",                                          \
     "write to FILE instead of standard output; the file is replaced atomically and only when\n"  \
     "the command succeeds",                                                                       \
     NULL, 0, 0, CLI_NAMES_FILE}
#define CLI_OPT_FORMAT                                                                             \
    {CLI_O_FORMAT, 0, "format", CLI_STRING, 0, "F", NULL, NULL, 0, 0, CLI_NAMES_NONE}
#define CLI_OPT_SEED(help) {CLI_O_SEED, 0, "seed", CLI_UINT, 0, "S", help, NULL, 0, 0, CLI_NAMES_NONE}
#define CLI_OPT_THREADS                                                                            \
    {CLI_O_THREADS, 0, "threads", CLI_UINT, 0, "T",                                               \
     "worker threads (0 or absent: STATECRAFT_THREADS, else the CPUs this process may use);\n"    \
     "results do not depend on it",                                                                \
     NULL, 0, 1024, CLI_NAMES_NONE}
#define CLI_OPTS_STATE                                                                             \
    {0, 0, NULL, CLI_HEADING, 0, NULL,                                                             \
     "Scenario state (default: after all the scenario's events, no variant):", NULL, 0, 0,       \
     CLI_NAMES_NONE},                                                                              \
        {CLI_O_BEFORE, 0, "before-events", CLI_FLAG, 0, NULL,                                     \
         "the scenario at its baseline date, before any event", NULL, 0, 0, CLI_NAMES_NONE},     \
        {CLI_O_AFTER, 0, "after-events", CLI_DATE, CLI_OPTIONAL, "DATE",                          \
         "after its events (all of them, or those up to DATE, yyyy-mm-dd): the default", NULL, 0, \
         0, CLI_NAMES_NONE},                                                                       \
        {CLI_O_VARIANT, 0, "variant", CLI_STRING, 0, "NAME",                                      \
         "a variant of the scenario, its shifts on top of the events", NULL, 0, 0,               \
         CLI_NAMES_VARIANT}
#define CLI_OPT_HEADING(text) {0, 0, NULL, CLI_HEADING, 0, NULL, text, NULL, 0, 0, CLI_NAMES_NONE}
#define CLI_OPT_TABLE_END {0, 0, NULL, CLI_END, 0, NULL, NULL, NULL, 0, 0, CLI_NAMES_NONE}

/* A command (or one action of a command with actions, such as `game convert`). */
typedef struct cli_spec {
    const char *name;        /* "triangle", "game convert" */
    const char *summary;     /* one line: `statecraft --help`, the man page's NAME */
    const char *synopsis;    /* usage lines after "statecraft NAME ", '\n'-separated */
    const char *description; /* paragraphs separated by blank lines; "  " lines stay as they are */
    const cli_opt *options;  /* ended by CLI_OPT_TABLE_END */
    const char *formats;     /* what --format offers, space-separated, first the default */
    cli_names operands;      /* completion of the operands */
    const char *const *actions;      /* words of the first operand (game convert|check), or NULL */
    const struct cli_spec *const *subs; /* the specs of those actions, NULL-terminated, or NULL */
    const char *examples;    /* "COMMAND\nwhat it does\n\n..." pairs for --help and the man page */
    const char *see_also;    /* "docs/models/war.md, statecraft-run(1)" */
    /* a drop-in for another tool ("gambit-lcp"): an unknown short option is "-c is not an option
       of gambit-lcp (it takes -d -q ...)", so a flag meant for another tool is named as such */
    const char *short_of;
} cli_spec;

/* What cli_next returns besides option ids. */
enum {
    CLI_DONE = 0,  /* every argument read; the common options are checked */
    CLI_STOP = -1  /* stop now with exit status cli_parser.status (help printed, or an error) */
};

/* The argument parser of one command. */
typedef struct cli_parser {
    const cli_spec *spec;
    int argc;
    char **argv;
    int next;           /* index of the next word of argv */
    const char *bundle; /* rest of a bundle of short options (-qc), or NULL */
    int dashdash;       /* "--" seen: the rest are operands */
    const char *multi;  /* the CLI_MULTI option being read, or NULL */
    const cli_opt *multi_opt;
    int status;         /* exit status once cli_next returned CLI_STOP */

    /* the current option's value */
    const cli_opt *opt; /* the option cli_next returned */
    const char *arg;    /* its value as written (NULL for a flag or an absent optional value) */
    char label[80];     /* how the user wrote its name: "--seed" or "-s", for messages */
    uint64_t u;         /* CLI_UINT */
    double d;           /* CLI_NUMBER */
    double pair[2];     /* CLI_PAIR */
    int choice;         /* CLI_CHOICE: index into choices */

    /* the operands, in order */
    const char **operands;
    size_t n_operands;

    /* the common options */
    const char *output;   /* -o FILE, or NULL for standard output */
    sc_format format;     /* --format, or the spec's first format */
    const char *format_name; /* its name: "sqlite" is a format no sc_format names */
    char format_buf[16];
    int format_given;
    uint64_t seed;
    int seed_given;
    unsigned threads;     /* --threads, else STATECRAFT_THREADS, else 0 (the library's default) */
    int threads_given;
    sc_state state;       /* the scenario state; the default after all events, no variant */
    int state_given;      /* one of the state options was given */
    int before_given, after_given;
} cli_parser;

/* Starts parsing argv[1..argc) (argv[0] is the command's name) by spec. Never fails. */
void cli_parse_begin(cli_parser *p, const cli_spec *spec, int argc, char **argv);
/*
 * The next option's id, with its value in p->arg (and p->u, p->d, p->pair, p->choice by type),
 * or CLI_DONE once every word is read, or CLI_STOP (p->status: 0 after --help/--version, 2 after
 * a message naming the bad word). Operands are collected in p->operands. The common options are
 * handled here and returned too, so a command may ignore them.
 */
int cli_next(cli_parser *p);
/* Frees the operand list. */
void cli_parse_end(cli_parser *p);

/*
 * Prints "statecraft CMD: MESSAGE\nTry 'statecraft CMD --help'." to stderr and returns exit
 * status 2. The message should name the option or the value at fault.
 */
int cli_parser_error(const cli_parser *p, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * Checks a name the user typed against the names that exist (actors of the scenario, models,
 * ...): returns 0 if `value` is one of them, else prints "statecraft CMD: OPT: no KIND 'VALUE'
 * (did you mean 'X'?); the KINDs are A, B, C" and returns exit status 2. opt may be NULL (an
 * operand).
 */
int cli_check_name(const char *cmd, const char *opt, const char *kind, const char *value,
                   const char *const *names, size_t n);
/* cli_check_name with the scenario's actors, issues or variants. */
int cli_check_actor(const char *cmd, const char *opt, const sc_scenario *s, const char *value);
int cli_check_issue(const char *cmd, const char *opt, const sc_scenario *s, const char *value);
int cli_check_variant(const char *cmd, const char *opt, const sc_scenario *s, const char *value);

/*
 * The one scenario loader of the commands. The scenario comes from `text` (len bytes already
 * read, e.g. standard input, which cannot be read twice; path names it in messages) when text is
 * not NULL, else from the file path ("-": standard input), else (path NULL) the built-in one; a
 * YAML/JSON scenario or a BDM table, by content. With st NULL, *out is the scenario as loaded
 * (statecraft run derives its states itself). Otherwise the state st is derived
 * (sc_scenario_at): a variant that does not exist is reported as cmd's --variant with the
 * scenario's variants and a did-you-mean, and the shifts leaving a declared range are printed as
 * located warnings; *raw (may be NULL) receives the scenario as loaded. Errors are printed
 * located (FILE:LINE:COL); returns an exit status (2 bad input, 1 a failure), and on success
 * *out (and *raw) are owned by the caller.
 */
int cli_load_state(const char *cmd, const char *path, const char *text, size_t len,
                   const sc_state *st, sc_scenario **raw, sc_scenario **out);

/* "State: after all the events, the scenario as given; it stands for 2025-02-24\n" */
void cli_state_text(FILE *out, const sc_scenario *at, const sc_state *st);
/* The same sentence into a buffer. */
struct scx_buf;
void cli_state_text_buf(struct scx_buf *b, const sc_scenario *at, const sc_state *st);
/* "state":{"variant":...,"events":"after"|"before","until":...,"date":...} (no braces around) */
void cli_state_json_buf(struct scx_buf *b, const sc_scenario *at, const sc_state *st);

/* The generated help of --format: "output format: text, json or csv (default text)". */
void cli_format_help(const cli_spec *spec, char *buf, size_t cap);
/* --help text of a spec. */
void cli_print_help(FILE *out, const cli_spec *spec);
/* "statecraft 0.1.0\n" */
void cli_print_version(FILE *out);

/* Every top-level command's spec, in the order of `statecraft --help` (main.c). */
size_t cli_spec_count(void);
const cli_spec *cli_spec_at(size_t i);

#endif
