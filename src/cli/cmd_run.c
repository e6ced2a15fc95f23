/* SPDX-License-Identifier: MIT */
/* `statecraft run [FILE]`: every model on a scenario, one report. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_mc.h"
#include "cli_output.h"

static const char usage[] =
    "usage: statecraft run [FILE] [--before-events | --after-events[=DATE]] [--variant NAME]\n"
    "                      [--format text|json|csv|html] [-o OUT] [--seed S] [--runs N]\n"
    "                      [--threads T]\n"
    "                      [--only MODEL,...] [--perspective ACTOR]\n"
    "                      [--events FILE... [--events-source FORMAT]]\n"
    "                      [--draws N [--sensitivity-draws M] [--bootstrap R] [--war-runs W]\n"
    "                       [--checkpoint FILE]]\n"
    "\n"
    "Runs every model statecraft has on the scenario (the built-in 2025 Ukraine ceasefire\n"
    "scenario without FILE). Without a state option it prints the comparative report: every\n"
    "model for the scenario as given and for each variant, before and after the events, and\n"
    "where the events or a variant change a model's answer. With one, it prints that state only.\n"
    "  --before-events     the state at the baseline date: no event applied\n"
    "  --after-events[=DATE]  the events (up to DATE, yyyy-mm-dd) applied (default: all)\n"
    "  --variant NAME      the named variant on top of the events (sc_scenario_at)\n"
    "  --perspective ACTOR the actor of the EUM's quadrant chart (default: the first named in\n"
    "                      the war or triangle section)\n"
    "  --format F          text (default), json (the result document), csv (its tables) or\n"
    "                      html (one self-contained page with charts; docs/report-formats.md)\n"
    "  -o, --output OUT    write the report to OUT atomically\n"
    "  --seed S            master seed of the Monte Carlo models (default 20250212)\n"
    "  --runs N            Monte Carlo runs per simulation (default 2000)\n"
    "  --threads T         worker threads (default: one per core); results do not depend on it\n"
    "  --only LIST         run only these models (comma-separated; see --list)\n"
    "  --list              list the models and exit\n"
    "  --events FILE...    event files (GDELT, ICEWS, Phoenix; docs/events.md) whose scores the\n"
    "                      section \"Relations: judgement vs data\" sets against the amities\n"
    "  --events-source F   their format (gdelt1, gdelt2, gdelt-reduced, icews, phoenix, simple;\n"
    "                      default: detected)\n"
    "Uncertainty (docs/uncertainty.md):\n"
    "  --draws N           a Monte Carlo over every uncertain input: N independent draws give\n"
    "                      each claim's probability per state (Wilson 95%% interval, standard\n"
    "                      error) and each headline number's quantiles or outcome frequencies\n"
    "  --sensitivity-draws M  base rows of Saltelli's design for the Sobol indices (default\n"
    "                      N/10; 0: none); the first M draws serve as its matrix A\n"
    "  --bootstrap R       bootstrap replicates of the indices' intervals (default 200)\n"
    "  --war-runs W        war simulations per lever in each draw (default 400)\n"
    "  --checkpoint FILE   save finished draws to FILE as the run goes; the same command\n"
    "                      resumes from it (same scenario, seed and options only)\n"
    "The same binary under mpirun -n K splits the draws over K processes; the output is\n"
    "the same bytes. A progress line goes to standard error when it is a terminal.\n";

/*
 * Takes `--events FILE...` (the files up to the next option; "-" is standard input) and
 * `--events-source F` out of argv, so that getopt sees the rest. Returns an exit status.
 */
static int take_events(int *argc, char **argv, const char ***files, size_t *n, const char **fmt)
{
    int o = 1;
    *files = NULL;
    *n = 0;
    *fmt = NULL;
    for (int i = 1; i < *argc; i++) {
        if (strcmp(argv[i], "--events-source") == 0) {
            if (i + 1 >= *argc) {
                return cli_usage_error("run", "--events-source needs a format");
            }
            *fmt = argv[++i];
            continue;
        }
        if (strcmp(argv[i], "--events") != 0) {
            argv[o++] = argv[i];
            continue;
        }
        int start = i + 1;
        while (i + 1 < *argc && (argv[i + 1][0] != '-' || strcmp(argv[i + 1], "-") == 0)) {
            i++;
        }
        if (i + 1 == start) {
            return cli_usage_error("run", "--events needs at least one FILE");
        }
        const char **more = realloc(*files, (*n + (size_t)(i + 1 - start)) * sizeof *more);
        if (!more) {
            return SC_EXIT_FAILURE;
        }
        *files = more;
        for (int k = start; k <= i; k++) {
            (*files)[(*n)++] = argv[k];
        }
    }
    *argc = o;
    argv[o] = NULL;
    return SC_EXIT_OK;
}

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

static int run_rest(int argc, char **argv, const char **event_files, size_t n_event_files,
                    const char *event_source);

static int run(int argc, char **argv)
{
    int rc;
    const char **event_files = NULL, *event_source = NULL;
    size_t n_event_files = 0;
    if ((rc = take_events(&argc, argv, &event_files, &n_event_files, &event_source)) !=
        SC_EXIT_OK) {
        free(event_files);
        return rc;
    }
    rc = run_rest(argc, argv, event_files, n_event_files, event_source);
    free(event_files);
    return rc;
}

static int run_rest(int argc, char **argv, const char **event_files, size_t n_event_files,
                    const char *event_source)
{
    static const struct option longopts[] = {{"variant", required_argument, NULL, 'v'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"seed", required_argument, NULL, 's'},
                                             {"runs", required_argument, NULL, 'n'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"only", required_argument, NULL, 'O'},
                                             {"list", no_argument, NULL, 'l'},
                                             {"before-events", no_argument, NULL, 'B'},
                                             {"after-events", optional_argument, NULL, 'A'},
                                             {"perspective", required_argument, NULL, 'p'},
                                             {"draws", required_argument, NULL, 'D'},
                                             {"sensitivity-draws", required_argument, NULL, 'M'},
                                             {"bootstrap", required_argument, NULL, 'b'},
                                             {"war-runs", required_argument, NULL, 'W'},
                                             {"checkpoint", required_argument, NULL, 'C'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c, rc;
    const char *variant = NULL, *output = NULL;
    sc_run_opts opts;
    sc_run_opts_init(&opts);
    sc_state state;
    sc_state_init(&state);
    int before = 0, after = 0;
    uint64_t v64;
    cli_mc_args mca;
    cli_mc_args_init(&mca);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'v': variant = optarg; break;
        case 'B': before = 1; break;
        case 'A': after = 1; state.until = optarg; break;
        case 'p': opts.perspective = optarg; break;
        case 'o': output = optarg; break;
        case 'O': opts.only = optarg; break;
        case 'f':
            if (sc_format_parse(optarg, &opts.format, NULL) != SC_OK) {
                return cli_usage_error("run", "--format must be text, json, csv or html, got '%s'",
                                       optarg);
            }
            break;
        case 's':
            if ((rc = cli_parse_u64("run", "--seed", optarg, &opts.seed)) != SC_EXIT_OK) {
                return rc;
            }
            break;
        case 'n':
            if ((rc = cli_parse_u64("run", "--runs", optarg, &v64)) != SC_EXIT_OK) {
                return rc;
            }
            if (v64 < 1 || v64 > 100000000) {
                return cli_usage_error("run", "--runs must be between 1 and 1e8");
            }
            opts.runs = (size_t)v64;
            break;
        case 't':
            if ((rc = cli_parse_u64("run", "--threads", optarg, &v64)) != SC_EXIT_OK) {
                return rc;
            }
            if (v64 > 1024) {
                return cli_usage_error("run", "--threads must be at most 1024");
            }
            opts.threads = (unsigned)v64;
            break;
        case 'D':
        case 'M':
        case 'b':
        case 'W':
        case 'C':
            if ((rc = cli_mc_option(&mca, c, optarg)) != SC_EXIT_OK) {
                return rc;
            }
            break;
        case 'l':
            for (size_t i = 0; i < sc_run_model_count(); i++) {
                printf("%s\n", sc_run_model_name(i));
            }
            return SC_EXIT_OK;
        case 'h': fputs(usage, stdout); return SC_EXIT_OK;
        default:
            return cli_usage_error("run", "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind > 1) {
        return cli_usage_error("run", "expected at most one FILE");
    }
    if (before && after) {
        return cli_usage_error("run", "--before-events and --after-events exclude each other");
    }
    if (mca.any_given && !mca.draws_given) {
        return cli_usage_error("run", "--sensitivity-draws, --bootstrap, --war-runs and "
                                      "--checkpoint need --draws");
    }
    if (before || after || variant) {
        state.variant = variant;
        state.events = before ? SC_EVENTS_BEFORE : SC_EVENTS_AFTER;
        opts.state = &state;
    }
    if ((rc = cli_check_output(output)) != SC_EXIT_OK) {
        return rc;
    }
    sc_scenario *s = NULL;
    /* the report computes its states itself: events first, then the variant */
    rc = cli_load_scenario(optind < argc ? argv[optind] : NULL, NULL, &s);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
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
    } else if (cli_mc_interrupted()) {
        /* the partial report (its Monte Carlo marked incomplete) on standard output, never -o */
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
                                           run, NULL};
