/* SPDX-License-Identifier: MIT */
/*
 * `statecraft forecast`: bargaining forecasts. One option table (cli_opt.h) holds every model's
 * options, so that --help, the man page and the completion list them all; each model has its own
 * table too (`forecast --model M --help`, and the parsing when --model is given, which then
 * refuses another model's option as unknown). Without --model the EUM runs and an option of
 * another model is refused naming the model it belongs to. KTAB's smpc flags are rewritten into
 * statecraft's first (forecast_ktab.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "forecast.h"

enum {
    O_MODEL = 1,
    O_EUMV,
    O_ROUNDS,
    O_MAXR,
    O_TOL,
    O_Q,
    O_T,
    O_PERSP,
    O_ISSUE,
    O_NODRV,
    O_CAPIDX,
    O_OPTION,
    O_STOP,
    O_TURNS
};

/* Model masks (option_models). */
enum { M_EUM = 1u << FC_EUM, M_SMP = 1u << FC_SMP, M_BARG = 1u << FC_BARGAIN };

static const char *const model_names[] = {"eum", "smp", "bargaining", "all", NULL};
static const char *const eum_variants[] = {"scholz", "printed", "both", NULL};
static const char *const cap_indices[] = {"cinc", "milex", "gdp", "composite", NULL};
static const char *const stops[] = {"converge", "ktab", NULL};

#define OPT_MODEL                                                                                  \
    {O_MODEL, 0, "model", CLI_CHOICE, 0, "M",                                                      \
     "eum (default): Bueno de Mesquita's expected-utility model;\n"                             \
     "smp: KTAB's Spatial Model of Politics; bargaining (or all): the\n"                         \
     "baseline, both EUM readings and the SMP side by side, their spread\n"                      \
     "and the veto players' win-set",                                                             \
     model_names, 0, 0, CLI_NAMES_NONE}
#define OPT_EUMV                                                                                   \
    {O_EUMV, 0, "eum-variant", CLI_CHOICE, 0, "V",                                                 \
     "scholz: Scholz et al.'s program, the published replication\n"                              \
     "(default); printed: the equations as printed; both: both, issue by\n"                      \
     "issue",                                                                                     \
     eum_variants, 0, 0, CLI_NAMES_NONE}
#define OPT_MAXR                                                                                   \
    {O_MAXR, 0, "max-rounds", CLI_UINT, 0, "N", "the round cap (default 100)", NULL, 1, 100000,   \
     CLI_NAMES_NONE}
#define OPT_ROUNDS                                                                                 \
    {O_ROUNDS, 0, "rounds", CLI_UINT, 0, "N",                                                      \
     "play exactly N rounds instead (as Scholz et al.; the forecast is\n"                        \
     "the median voter after round N)",                                                           \
     NULL, 0, 100000, CLI_NAMES_NONE}
#define OPT_TOL                                                                                    \
    {O_TOL, 0, "tol", CLI_NUMBER, CLI_LO_OPEN, "T",                                                \
     "a move of at most T x the issue's scale is no move (default 1e-4)", NULL, 0, 0.5,          \
     CLI_NAMES_NONE}
#define OPT_Q                                                                                      \
    {O_Q, 0, "q", CLI_NUMBER, 0, "Q", "status-quo probability Q of eq. 25 (default 1)", NULL, 0,  \
     1, CLI_NAMES_NONE}
#define OPT_T                                                                                      \
    {O_T, 0, "t", CLI_NUMBER, 0, "T", "T of eq. 25 (default 1)", NULL, 0, 1, CLI_NAMES_NONE}
#define OPT_PERSP                                                                                  \
    {O_PERSP, 0, "perspective", CLI_STRING, 0, "ACTOR",                                            \
     "also print BDM's quadrant chart of round 1 from ACTOR's view", NULL, 0, 0,                  \
     CLI_NAMES_ACTOR}
#define OPT_ISSUE                                                                                  \
    {O_ISSUE, 0, "issue", CLI_STRING, 0, "ID", "only this issue", NULL, 0, 0, CLI_NAMES_ISSUE}
#define OPT_NODRV                                                                                  \
    {O_NODRV, 0, "no-drivers", CLI_FLAG, 0, NULL, "skip the leave-one-out drivers", NULL, 0, 0,   \
     CLI_NAMES_NONE}
#define OPT_CAPIDX                                                                                 \
    {O_CAPIDX, 0, "capability-index", CLI_CHOICE, 0, "NAME",                                       \
     "cinc, milex, gdp or composite instead of the scenario's own\n"                             \
     "capabilities",                                                                              \
     cap_indices, 0, 0, CLI_NAMES_NONE}
#define OPT_OPTION                                                                                 \
    {O_OPTION, 0, "option", CLI_STRING, 0, "NAME=VALUE",                                           \
     "one of KTAB's settings (repeatable; KTAB's defaults otherwise):\n"                          \
     "VictoryProbModel=Linear|Square|Quartic|Octic|Binary\n"                                      \
     "PCEModel=Conditional|MarkovIncentive|MarkovUniform\n"                                       \
     "StateTransitions=Deterministic|Stochastic (reproducible by --seed)\n"                       \
     "VotingRule=Prop|Binary|PropBin|PropCbc|Cubic|ASymProsp\n"                                   \
     "BigRAdjust=OneThird|None|Half|TwoThirds|Full\n"                                             \
     "BigRRange=Mid|Min|Max\n"                                                                    \
     "ThirdPartyCommit=SemiCommit|NoCommit|FullCommit\n"                                          \
     "InterVecBrgn=S2P2|S1P1|S2PMax\n"                                                            \
     "BargnModel=InitOnlyInterp|InitRcvrInterp|PWCompInterp",                                     \
     NULL, 0, 0, CLI_NAMES_NONE}
#define OPT_STOP                                                                                   \
    {O_STOP, 0, "stop", CLI_CHOICE, 0, "RULE",                                                     \
     "converge: until no position moves by more than --tol or the\n"                             \
     "positions repeat (a cycle), at most --max-turns (the default for\n"                        \
     "scenarios); ktab: KTAB's change-ratio rule (the default for KTAB\n"                        \
     "CSV files, whose --format csv then equals KTAB's positions file)",                          \
     stops, 0, 0, CLI_NAMES_NONE}
#define OPT_TURNS                                                                                  \
    {O_TURNS, 0, "max-turns", CLI_UINT, 0, "N", "at most N turns (default 100)", NULL, 1, 100000, \
     CLI_NAMES_NONE}
#define OPT_SEED_ACCEPTED                                                                          \
    CLI_OPT_SEED("accepted as on every command; the EUM and the baseline draw no\n"              \
                 "random numbers (the SMP's StateTransitions=Stochastic does)")
#define OPTS_TAIL CLI_OPTS_STATE, CLI_OPT_HEADING("Output:"), CLI_OPT_FORMAT, CLI_OPT_OUTPUT

/* Every model's options: forecast --help, the man page, the completion, and parsing without
 * --model (then the EUM's, and another model's option is refused naming it). */
static const cli_opt all_options[] = {
    OPT_MODEL,
    CLI_OPT_THREADS,
    OPT_SEED_ACCEPTED,
    CLI_OPT_HEADING("EUM and bargaining (--model eum, --model bargaining):"),
    OPT_ISSUE,
    OPT_CAPIDX,
    CLI_OPT_HEADING("EUM (--model eum):"),
    OPT_EUMV,
    OPT_MAXR,
    OPT_ROUNDS,
    OPT_TOL,
    OPT_Q,
    OPT_T,
    OPT_PERSP,
    OPT_NODRV,
    CLI_OPT_HEADING("SMP (--model smp; also --tol, --no-drivers):"),
    OPT_OPTION,
    OPT_STOP,
    OPT_TURNS,
    OPTS_TAIL,
    CLI_OPT_TABLE_END};

static const cli_opt eum_options[] = {
    OPT_MODEL, OPT_EUMV,   OPT_MAXR,   OPT_ROUNDS,      OPT_TOL,           OPT_Q,
    OPT_T,     OPT_PERSP,  OPT_ISSUE,  OPT_NODRV,       OPT_CAPIDX,        CLI_OPT_THREADS,
    OPT_SEED_ACCEPTED,     OPTS_TAIL,  CLI_OPT_TABLE_END};

static const cli_opt smp_options[] = {
    OPT_MODEL, OPT_OPTION, OPT_STOP, OPT_TOL, OPT_TURNS, OPT_NODRV, CLI_OPT_THREADS,
    CLI_OPT_SEED("seed of StateTransitions=Stochastic (KTAB's smpc --seed N)"),
    OPTS_TAIL, CLI_OPT_TABLE_END};

static const cli_opt bargain_options[] = {
    OPT_MODEL, OPT_ISSUE, OPT_CAPIDX, CLI_OPT_THREADS, OPT_SEED_ACCEPTED, OPTS_TAIL,
    CLI_OPT_TABLE_END};

#define KTAB_NOTE                                                                                  \
    "KTAB's smpc flags (--csv FILE, --xml FILE, --connstr \"Driver=QSQLITE;Database=NAME\",\n"  \
    "--logmin, --seed N) select --model smp; --connstr writes NAME.db, as --format sqlite -o\n"   \
    "NAME.db (docs/ktab.md).\n"
#define INTERRUPT_NOTE                                                                             \
    "\n"                                                                                           \
    "Ctrl-C (SIGINT or SIGTERM) stops the runs at the next model run: what was done is printed,\n" \
    "marked partial, the exit status is 130 (143) and no file is written at -o.\n"

static const cli_spec forecast_spec = {
    .name = "forecast",
    .summary = "bargaining forecasts (eum, smp, bargaining)",
    .synopsis = "[--model eum|smp|bargaining] [OPTIONS] [STATE] [INPUT]",
    .description =
        "Forecasts the settlement of bargaining over one or more issues, in one state of the\n"
        "scenario (INPUT: a scenario or a BDM actor table for the EUM, also KTAB's CSV for the\n"
        "SMP, read by content; '-' reads standard input; without INPUT, the built-in scenario).\n"
        "Settings default to the scenario's eum: and smp: sections; an option overrides one.\n"
        "'statecraft forecast --model M --help' lists the options of model M.\n"
        "\n" KTAB_NOTE INTERRUPT_NOTE,
    .options = all_options,
    .formats = "text json csv html sqlite",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft forecast --issue territory\n"
                "the EUM on one issue of the built-in scenario, after its events\n"
                "\n"
                "statecraft forecast --model bargaining --threads 2 --format json\n"
                "the one bargaining forecast, its runs on two threads\n",
    .see_also = "docs/models/eum.md, docs/models/smp.md, docs/models/bargaining.md, docs/ktab.md"};

static const cli_spec eum_spec = {
    .name = "forecast",
    .summary = "Bueno de Mesquita's expected-utility model",
    .synopsis = "--model eum [OPTIONS] [STATE] [INPUT]",
    .description =
        "Bueno de Mesquita's expected-utility model (Scholz, Calbert & Smith 2011) on every issue\n"
        "of INPUT, a scenario or a BDM actor table (.csv; the issue id is the file's stem);\n"
        "without INPUT, the built-in scenario. The game runs until no position moves (the\n"
        "tolerance) or the positions repeat an earlier round (a cycle), at most --max-rounds\n"
        "rounds; a cycle or an unsettled game is forecast by the mean of the median voter over\n"
        "the cycle (or the second half of the rounds) with the range it spans. Settings default\n"
        "to the scenario's eum: section. --threads: workers for the drivers and, from 256\n"
        "actors, the rounds (the same results). --format html: one page with the trajectories\n"
        "and the quadrant chart.\n" INTERRUPT_NOTE,
    .options = eum_options,
    .formats = "text json csv html",
    .operands = CLI_NAMES_FILE,
    .see_also = "docs/models/eum.md"};

static const cli_spec smp_spec = {
    .name = "forecast",
    .summary = "KTAB's Spatial Model of Politics",
    .synopsis = "--model smp [OPTIONS] [STATE] [INPUT]",
    .description =
        "KTAB's Spatial Model of Politics on INPUT: a KTAB CSV scenario, or a statecraft scenario\n"
        "(all issues at once, as dimensions); without INPUT, the built-in scenario; '-' reads\n"
        "standard input. INPUT is judged by its content, never by its name. --threads: workers\n"
        "for the drivers (the same results). --format html: one page with the trajectories;\n"
        "--format sqlite -o FILE.db: the tables KTAB's smpc writes with --logmin.\n"
        "\n" KTAB_NOTE INTERRUPT_NOTE,
    .options = smp_options,
    .formats = "text json csv html sqlite",
    .operands = CLI_NAMES_FILE,
    .see_also = "docs/models/smp.md, docs/ktab.md"};

static const cli_spec bargain_spec = {
    .name = "forecast",
    .summary = "the one bargaining forecast",
    .synopsis = "--model bargaining [OPTIONS] [STATE] [INPUT]",
    .description =
        "The one bargaining forecast of a statecraft scenario (without INPUT, the built-in one):\n"
        "per issue the influence x salience weighted median (baseline), the EUM as Scholz's\n"
        "program (the published replication) and as printed, and KTAB's SMP, each to convergence\n"
        "under the scenario's eum:/smp: settings, their spread (the model uncertainty), and, when\n"
        "the scenario names veto players (agreement:), their win-set and each forecast's\n"
        "verdict: settlement at x, or no agreement and the veto player who closes it. --model all\n"
        "is the same. --threads: workers sharing the model runs (the same results, bit for\n"
        "bit). --format html: one page with the forecasts over the win-set.\n" INTERRUPT_NOTE,
    .options = bargain_options,
    .formats = "text json csv html",
    .operands = CLI_NAMES_FILE,
    .see_also = "docs/models/bargaining.md"};

/* The models whose own table (eum_options, smp_options, bargain_options) holds option id: the
 * tables say which model takes each option, once. */
static unsigned option_models(int id)
{
    static const cli_opt *const tables[] = {
        [FC_EUM] = eum_options, [FC_SMP] = smp_options, [FC_BARGAIN] = bargain_options};
    unsigned mask = 0;
    for (size_t m = 0; m < sizeof tables / sizeof *tables; m++) {
        for (const cli_opt *o = tables[m]; o->type != CLI_END; o++) {
            if (o->type != CLI_HEADING && o->id == id) {
                mask |= 1u << m;
            }
        }
    }
    return mask;
}

static const char *model_label(unsigned mask)
{
    return mask == M_SMP ? "--model smp" : mask == M_BARG ? "--model bargaining" : "another model";
}

/* The value of --model (either "--model X" or "--model=X") before "--"; NULL if absent. */
static const char *find_model(int argc, char **argv)
{
    const char *m = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            break;
        }
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            m = argv[++i];
        } else if (strncmp(argv[i], "--model=", 8) == 0) {
            m = argv[i] + 8;
        }
    }
    return m;
}

static int parse_and_run(int argc, char **argv, int ktab)
{
    const char *named = find_model(argc, argv);
    if (!named && ktab) {
        named = "smp"; /* smpc's flags: KTAB's SMP */
    }
    fc_model model = FC_EUM;
    const cli_spec *spec = &forecast_spec;
    if (named) {
        if (strcmp(named, "eum") == 0) {
            spec = &eum_spec;
        } else if (strcmp(named, "smp") == 0) {
            model = FC_SMP;
            spec = &smp_spec;
        } else if (strcmp(named, "bargaining") == 0 || strcmp(named, "all") == 0) {
            model = FC_BARGAIN;
            spec = &bargain_spec;
        } else {
            return cli_check_name("forecast", "--model", "model", named, model_names, 4);
        }
    }
    if (ktab && model != FC_SMP) {
        return cli_usage_error("forecast", "--csv, --xml, --connstr, --logmin, --savehist, --euSMP "
                                           "and --ra are KTAB's smpc flags: they run the SMP "
                                           "(--model smp), not --model %s",
                               named);
    }
    cli_parser cp;
    cli_parse_begin(&cp, spec, argc, argv);
    fc_opts o;
    memset(&o, 0, sizeof o);
    o.model = model;
    o.drivers = 1;
    o.eum_variant = SC_EUM_SCHOLZ;
    o.options = calloc((size_t)argc + 1, sizeof *o.options);
    int c, rc = SC_EXIT_OK;
    if (!o.options) {
        cli_parse_end(&cp);
        return SC_EXIT_FAILURE;
    }
    while ((c = cli_next(&cp)) > 0) {
        unsigned belongs = option_models(c); /* 0: in no model's table (none such) */
        if (belongs && !(belongs & (1u << model))) {
            /* only without --model: a model's own table knows no other model's option */
            rc = cli_parser_error(&cp, "%s is an option of %s, not of the default --model eum",
                                  cp.label, model_label(belongs));
            break;
        }
        switch (c) {
        case O_EUMV:
            o.eum_both = cp.choice == 2;
            if (!o.eum_both) {
                sc_eum_variant_parse(cp.arg, &o.eum_variant, NULL);
            }
            break;
        case O_ROUNDS: o.fixed = 1; o.rounds = (int)cp.u; break;
        case O_MAXR: o.set_max = 1; o.max_rounds = (int)cp.u; break;
        case O_TOL: o.set_tol = 1; o.tol = cp.d; break;
        case O_Q: o.set_q = 1; o.q = cp.d; break;
        case O_T: o.set_t = 1; o.t = cp.d; break;
        case O_PERSP: o.perspective = cp.arg; break;
        case O_ISSUE: o.issue = cp.arg; break;
        case O_NODRV: o.drivers = 0; break;
        case O_CAPIDX: o.capidx = cp.arg; break;
        case O_OPTION: o.options[o.n_options++] = cp.arg; break;
        case O_STOP: o.stop = cp.arg; break;
        case O_TURNS: o.set_turns = 1; o.max_turns = (int)cp.u; break;
        default: break;
        }
    }
    if (rc == SC_EXIT_OK && c == CLI_STOP) {
        rc = cp.status;
    } else if (rc == SC_EXIT_OK) {
        if (cp.n_operands > 1) {
            rc = cli_parser_error(&cp, "expected at most one INPUT, got %zu", cp.n_operands);
        } else if (cp.format_name && strcmp(cp.format_name, "sqlite") == 0 && model != FC_SMP) {
            rc = cli_parser_error(&cp, "--format sqlite is KTAB's database of the SMP: add "
                                       "--model smp");
        } else {
            o.input = cp.n_operands ? cp.operands[0] : NULL;
            rc = model == FC_EUM   ? cli_forecast_eum(&cp, &o)
                 : model == FC_SMP ? cli_forecast_smp(&cp, &o)
                                   : cli_forecast_bargain(&cp, &o);
        }
    }
    free(o.options);
    cli_parse_end(&cp);
    return rc;
}

/* KTAB's smpc flags are rewritten into statecraft's first (forecast_ktab.c). */
static int run(int argc, char **argv)
{
    fc_ktab k;
    fc_ktab_init(&k);
    int ktab = fc_ktab_flags_present(argc, argv);
    int rc = fc_ktab_translate(argc, argv, &k);
    if (rc == SC_EXIT_OK) {
        rc = parse_and_run(k.argc, k.argv, ktab);
    }
    fc_ktab_destroy(&k);
    return rc;
}

const sc_cli_command sc_cli_command_forecast = {
    "forecast", "bargaining forecasts (eum, smp, bargaining)", run, &forecast_spec};
