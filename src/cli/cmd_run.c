/* SPDX-License-Identifier: MIT */
/* `statecraft run [FILE]`: every model on a scenario, one report. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_mc.h"
#include "cli_output.h"

enum {
    O_RUNS = 1, O_ONLY, O_LIST, O_PERSPECTIVE, O_EVENTS, O_EVENTS_SOURCE, O_DRAWS, O_SENS,
    O_BOOT, O_WAR_RUNS, O_CHECKPOINT, O_OUTPUT
};

static const cli_opt options[] = {
    {O_ONLY, 0, "only", CLI_LIST, 0, "MODEL,...", "run only these models (see --list)", NULL, 0, 0,
     CLI_NAMES_MODEL},
    {O_LIST, 0, "list", CLI_FLAG, 0, NULL, "list the models and exit", NULL, 0, 0, CLI_NAMES_NONE},
    {O_PERSPECTIVE, 0, "perspective", CLI_STRING, 0, "ACTOR",
     "the actor of the EUM's quadrant chart (default: the first named in the war or triangle\n"
     "section)",
     NULL, 0, 0, CLI_NAMES_ACTOR},
    {O_RUNS, 0, "runs", CLI_UINT, 0, "N", "Monte Carlo runs per simulation (default 2000)", NULL,
     1, 100000000, CLI_NAMES_NONE},
    CLI_OPT_SEED("master seed of the Monte Carlo models (default 20250212)"),
    CLI_OPT_THREADS,
    {O_EVENTS, 0, "events", CLI_FILE, CLI_MULTI, "FILE...",
     "event files (GDELT, ICEWS, Phoenix; docs/events.md) whose scores the section\n"
     "\"Relations: judgement vs data\" sets against the amities",
     NULL, 0, 0, CLI_NAMES_FILE},
    {O_EVENTS_SOURCE, 0, "events-source", CLI_STRING, 0, "F",
     "their format (gdelt1, gdelt2, gdelt-reduced, icews, phoenix, simple; default: detected)",
     NULL, 0, 0, CLI_NAMES_NONE},
    CLI_OPTS_STATE,
    CLI_OPT_HEADING("Uncertainty (docs/uncertainty.md):"),
    {O_DRAWS, 0, "draws", CLI_STRING, 0, "N",
     "a Monte Carlo over every uncertain input: N independent draws give each claim's\n"
     "probability per state (Wilson 95% interval, standard error) and each headline number's\n"
     "quantiles or outcome frequencies; Ctrl-C keeps the draws done (docs/cli.md)",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_SENS, 0, "sensitivity-draws", CLI_STRING, 0, "M",
     "base rows of Saltelli's design for the Sobol indices (default N/20, at most 250; 0: none)",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_BOOT, 0, "bootstrap", CLI_STRING, 0, "R",
     "bootstrap replicates of the indices' intervals (default 200)", NULL, 0, 0, CLI_NAMES_NONE},
    {O_WAR_RUNS, 0, "war-runs", CLI_STRING, 0, "W",
     "war simulations per lever in each draw (default 32)", NULL, 0, 0, CLI_NAMES_NONE},
    {O_CHECKPOINT, 0, "checkpoint", CLI_STRING, 0, "FILE",
     "save finished draws to FILE as the run goes; the same command resumes from it", NULL, 0,
     0, CLI_NAMES_FILE},
    CLI_OPT_HEADING("Output:"),
    CLI_OPT_FORMAT,
    /* written by the command itself: under mpirun only rank 0 writes */
    {O_OUTPUT, 'o', "output", CLI_STRING, 0, "FILE",
     "write the report to FILE instead of standard output, atomically and only when the\n"
     "command succeeds",
     NULL, 0, 0, CLI_NAMES_FILE},
    CLI_OPT_TABLE_END};

static const cli_spec spec = {
    .name = "run",
    .summary = "run every model on a scenario (default: built-in)",
    .synopsis = "[FILE] [STATE] [--format F] [-o OUT] [--only MODEL,...] [OPTIONS]\n"
                "[FILE] [STATE] --draws N [--checkpoint FILE] [OPTIONS]",
    .description =
        "Runs every model statecraft has on the scenario (the built-in 2025 Ukraine ceasefire\n"
        "scenario without FILE). Without a state option it prints the comparative report: every\n"
        "model for the scenario as given and for each variant, before and after the events, and\n"
        "where the events or a variant change a model's answer. With one, it prints that state\n"
        "only. The same binary under mpirun -n K splits --draws over K processes; the output is\n"
        "the same bytes. A progress line goes to standard error when it is a terminal.\n",
    .options = options,
    .formats = "text json csv html",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft run --variant retrench\n"
                "one state: all events, then the variant\n"
                "\n"
                "statecraft run --only war,triangle --format json -o report.json\n"
                "two models' sections of the result document\n"
                "\n"
                "statecraft run --draws 10000 --checkpoint mc.ckpt\n"
                "every claim judged under uncertainty, resumable\n",
    .see_also = "statecraft-war(1), statecraft-forecast(1), docs/report-formats.md, "
                "docs/uncertainty.md"};

/* Reads the event files for the scenario's actors (located errors, exit 2). */
static int read_events(const sc_scenario *s, const char **files, size_t n, const char *fmt,
                       sc_events_series **out)
{
    sc_diag diag;
    sc_diag_init(&diag);
    sc_events_opts o;
    sc_events_opts_init(&o);
    if (fmt && sc_events_format_parse(fmt, &o.format, &diag) != SC_OK) {
        return cli_usage_error("run", "--events-source: %s", diag.message);
    }
    size_t na = sc_scenario_actor_count(s);
    const char **ids = calloc(na ? na : 1, sizeof *ids);
    if (!ids) {
        return SC_EXIT_FAILURE;
    }
    for (size_t i = 0; i < na; i++) {
        ids[i] = sc_scenario_actor(s, i)->id;
    }
    o.actors = ids;
    o.n_actors = na;
    int rc = SC_EXIT_OK;
    if (sc_events_series_read(files, n, &o, out, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    }
    free(ids);
    return rc;
}

/* Each name of --only is a model (did-you-mean otherwise). */
static int check_only(const char *list)
{
    const char *names[64];
    size_t n = 0;
    for (size_t i = 0; i < sc_run_model_count() && n < 64; i++) {
        names[n++] = sc_run_model_name(i);
    }
    char word[128];
    for (const char *p = list;;) {
        size_t l = strcspn(p, ",");
        snprintf(word, sizeof word, "%.*s", (int)(l < 127 ? l : 127), p);
        int rc = cli_check_name("run", "--only", "model", word, names, n);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        if (!p[l]) {
            return SC_EXIT_OK;
        }
        p += l + 1;
    }
}

static int run_parsed(cli_parser *cp, const char **event_files, size_t n_event_files,
                      const char *event_source, const char *output, sc_run_opts *opts,
                      cli_mc_args *mca);

static int run(int argc, char **argv)
{
    cli_parser cp;
    cli_parse_begin(&cp, &spec, argc, argv);
    sc_run_opts opts;
    sc_run_opts_init(&opts);
    cli_mc_args mca;
    cli_mc_args_init(&mca);
    const char **event_files = calloc((size_t)(argc > 0 ? argc : 1), sizeof *event_files);
    const char *event_source = NULL, *output = NULL;
    size_t n_event_files = 0;
    int c, rc = SC_EXIT_OK;
    while (rc == SC_EXIT_OK && (c = cli_next(&cp)) > 0) {
        switch (c) {
        case O_ONLY: opts.only = cp.arg; rc = check_only(cp.arg); break;
        case O_LIST:
            for (size_t i = 0; i < sc_run_model_count(); i++) {
                printf("%s\n", sc_run_model_name(i));
            }
            free(event_files);
            cli_parse_end(&cp);
            return SC_EXIT_OK;
        case O_PERSPECTIVE: opts.perspective = cp.arg; break;
        case O_RUNS: opts.runs = (size_t)cp.u; break;
        case O_EVENTS:
            if (event_files) {
                event_files[n_event_files++] = cp.arg;
            }
            break;
        case O_EVENTS_SOURCE: event_source = cp.arg; break;
        case O_DRAWS: rc = cli_mc_option(&mca, 'D', cp.arg); break;
        case O_SENS: rc = cli_mc_option(&mca, 'M', cp.arg); break;
        case O_BOOT: rc = cli_mc_option(&mca, 'b', cp.arg); break;
        case O_WAR_RUNS: rc = cli_mc_option(&mca, 'W', cp.arg); break;
        case O_CHECKPOINT: rc = cli_mc_option(&mca, 'C', cp.arg); break;
        case O_OUTPUT:
            if (!cp.arg[0]) {
                rc = cli_parser_error(&cp, "-o needs a file name (or '-' for standard output)");
            }
            output = strcmp(cp.arg, "-") == 0 ? NULL : cp.arg;
            break;
        default: break;
        }
    }
    if (rc == SC_EXIT_OK && c == CLI_STOP) {
        rc = cp.status;
    } else if (rc == SC_EXIT_OK) {
        rc = event_files ? run_parsed(&cp, event_files, n_event_files, event_source, output, &opts,
                                      &mca)
                         : SC_EXIT_FAILURE;
    }
    free(event_files);
    cli_parse_end(&cp);
    return rc;
}

static int run_parsed(cli_parser *cp, const char **event_files, size_t n_event_files,
                      const char *event_source, const char *output, sc_run_opts *opts_in,
                      cli_mc_args *mca_in)
{
    int rc;
    sc_run_opts opts = *opts_in;
    cli_mc_args mca = *mca_in;
    opts.format = cp->format;
    if (cp->seed_given) {
        opts.seed = cp->seed;
    }
    opts.threads = cp->threads; /* --threads, else STATECRAFT_THREADS, else 0 */
    sc_state state = cp->state;
    if (cp->n_operands > 1) {
        return cli_parser_error(cp, "expected at most one FILE, got '%s' and '%s'",
                                cp->operands[0], cp->operands[1]);
    }
    if (mca.any_given && !mca.draws_given) {
        return cli_usage_error("run", "--sensitivity-draws, --bootstrap, --war-runs and "
                                      "--checkpoint need --draws");
    }
    if (cp->state_given) {
        opts.state = &state;
    }
    if ((rc = cli_check_output(output)) != SC_EXIT_OK) {
        return rc;
    }
    sc_scenario *s = NULL;
    /* the report computes its states itself: events first, then the variant */
    rc = cli_load_state("run", cp->n_operands ? cp->operands[0] : NULL, NULL, 0, NULL, NULL, &s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    if ((state.variant && (rc = cli_check_variant("run", "--variant", s, state.variant)) !=
                              SC_EXIT_OK) ||
        (opts.perspective &&
         (rc = cli_check_actor("run", "--perspective", s, opts.perspective)) != SC_EXIT_OK)) {
        sc_scenario_free(s);
        return rc;
    }
    /* the single state asked for, or every state the comparative report computes */
    cli_warn_shifts(s, cp->state_given ? &state : NULL);
    sc_events_series *events = NULL;
    if (n_event_files && (rc = read_events(s, event_files, n_event_files, event_source,
                                           &events)) != SC_EXIT_OK) {
        sc_scenario_free(s);
        return rc;
    }
    opts.events = events;
    sc_diag diag;
    sc_diag_init(&diag);
    char *out = NULL;
    size_t len = 0;
    sc_mc *mc = NULL;
    int writer = 1; /* under mpirun only rank 0 writes the report */
    if (mca.draws_given) {
        rc = cli_mc_run(s, &opts, &mca, &mc, &writer);
        if (rc != SC_EXIT_OK) {
            cli_mc_finish();
            sc_events_series_free(events);
            sc_scenario_free(s);
            return rc;
        }
        opts.mc = mc;
    }
    if (!writer) {
        rc = SC_EXIT_OK;
    } else if (sc_run_report(s, &opts, &out, &len, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    } else if (cli_mc_interrupted() || (mca.draws_given && cli_interrupted)) {
        /* the partial report (its Monte Carlo marked incomplete) on standard output, never -o;
         * a signal after the last draw, while the report was computed, the same way (the
         * report is whole, but the user asked to stop: -o is not written) */
        if (!cli_mc_interrupted()) {
            cli_interrupt_note("run", "every draw was done; the report below covers them");
        }
        if (output) {
            fprintf(stderr, "statecraft: %s not written: the run was interrupted; the partial "
                            "results follow on standard output\n",
                    output);
        }
        cli_write_text(NULL, out, len);
        rc = cli_interrupt_status();
    } else {
        rc = cli_write_text(output, out, len);
    }
    sc_free(out);
    sc_mc_free(mc);
    cli_mc_finish();
    sc_events_series_free(events);
    sc_scenario_free(s);
    return rc;
}

const sc_cli_command sc_cli_command_run = {"run", "run every model on a scenario (default: built-in)",
                                           run, &spec};
