/* SPDX-License-Identifier: MIT */
/*
 * `statecraft solve`: Nash equilibria of a strategic-form game in Gambit's .nfg format, printed
 * the way Gambit's command-line tools print them, so scripts written for gambit-enumpure,
 * gambit-enummixed, gambit-lcp, gambit-logit and gambit-simpdiv work unchanged.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "cli.h"
#include "cli_output.h"
#include "gambit_tools.h"

/* CPU time of this thread, the clock the solvers' time limit reads (they run on this thread). */
static double now_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
    }
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/*
 * Each Gambit tool's options, with Gambit's meanings (gambit 17, its src/tools/ sources and
 * ../shared/reference/gambit/format.md). `statecraft solve --method M` and `statecraft gambit-M`
 * take the options of gambit-M and refuse any other, so a flag meant for one method is never
 * silently ignored by another. Options Gambit has but statecraft does not implement are refused
 * with a message saying so. Statecraft's own long options (--time-limit, --check, --path,
 * --format, --output, --seed for the random methods) and -o OUT are taken by every method.
 * Every tool's options are one cli_opt table (cli_opt.h), so that --help, the messages, the
 * man pages and the bash completion come from it; an option's id is its Gambit letter.
 */

/* Statecraft's long options; values above the char range so they never meet a short one. */
enum { OPT_METHOD = 256, OPT_PATH, OPT_TIME_LIMIT, OPT_CHECK };

static const char *const method_names[] = {"enumpure", "enummixed", "lcp",  "lp",  "logit",
                                           "simpdiv",  "gnm",       "ipa",  "liap", "spe",
                                           "enumpoly", NULL};

/* A Gambit flag, and a Gambit option with a value. */
#define GF(c, help) {c, c, NULL, CLI_FLAG, 0, NULL, help, NULL, 0, 0, CLI_NAMES_NONE}
#define GV(c, mv, help) {c, c, NULL, CLI_STRING, 0, mv, help, NULL, 0, 0, CLI_NAMES_NONE}
#define GV_FILE(c, mv, help) {c, c, NULL, CLI_STRING, 0, mv, help, NULL, 0, 0, CLI_NAMES_FILE}

/* -d, -q, -v: every tool's */
#define G_COMMON                                                                                   \
    GV('d', "DECIMALS", "print decimals with DECIMALS places instead of exact fractions"),         \
        GF('q', "quiet (accepted: statecraft prints no banner)"),                                  \
        GF('v', "print the version and exit (Gambit's -v)")

#define G_METHOD(flags)                                                                            \
    {OPT_METHOD, 0, "method", CLI_CHOICE, flags, "M",                                              \
     "the method, with gambit-M's options ('statecraft solve --method M\n"                        \
     "--help' lists them; statecraft gambit-M is the same command under\n"                        \
     "Gambit's name)",                                                                             \
     method_names, 0, 0, CLI_NAMES_NONE}
#define G_PATH(flags)                                                                              \
    {OPT_PATH, 0, "path", CLI_FLAG, flags, NULL,                                                   \
     "print the branch (the default; kept for old scripts)", NULL, 0, 0, CLI_NAMES_NONE}
#define G_SEED                                                                                     \
    CLI_OPT_SEED("the seed of the random starting points or perturbations (the same as -R;\n"     \
                 "default 1, Gambit's)")
/* statecraft's own options, every tool's */
#define G_OWN                                                                                      \
    CLI_OPT_HEADING("statecraft's own options (every method):"),                                   \
        {OPT_TIME_LIMIT, 0, "time-limit", CLI_NUMBER, CLI_LO_OPEN, "S",                            \
         "give up after S seconds of CPU time, reading the game included\n(exit status 1)", NULL, \
         0, 1e9, CLI_NAMES_NONE},                                                                  \
        {OPT_CHECK, 0, "check", CLI_FLAG, 0, NULL,                                                 \
         "print each equilibrium's largest regret to stderr", NULL, 0, 0, CLI_NAMES_NONE},         \
        {CLI_O_FORMAT, 0, "format", CLI_STRING, 0, "F",                                            \
         "text (Gambit's lines, default), csv (the same lines under a header\n"                  \
         "naming each column: line, then PLAYER: STRATEGY, or for a tree\n"                      \
         "PLAYER: INFOSET: ACTION) or, for logit on a .nfg game, html: one\n"                    \
         "page with the traced branch, lambda against every strategy's\n"                        \
         "probability (chart and table)",                                                         \
         NULL, 0, 0, CLI_NAMES_NONE},                                                              \
        CLI_OPT_OUTPUT

#define OPTS_ENUMPURE                                                                              \
    G_COMMON, GF('D', "detail table per player (strategy, probability, value)"),                   \
        GF('S', ".efg: solve the reduced strategic form"),                                         \
        GF('A', ".efg: pure agent-form equilibria"),                                               \
        GF('P', ".efg: only subgame-perfect equilibria (trees of perfect information)"),           \
        G_PATH(CLI_HIDDEN)
#define OPTS_ENUMMIXED                                                                             \
    G_COMMON, GF('c', "also the maximal convex sets (convex-K,... lines)"),                        \
        GF('D', "accepted (no dominance elimination: the same set)"),                              \
        GF('L', "accepted (no lrslib: the same set)"),                                             \
        GF('S', "accepted (strategic-form method)"), G_PATH(CLI_HIDDEN)
#define OPTS_LCP                                                                                   \
    G_COMMON, GV('e', "EQA", "stop after EQA equilibria"),                                         \
        GV('r', "DEPTH", "limit the recursion from found equilibria"),                             \
        GF('D', "detail table per player"), GF('S', ".efg: solve the reduced strategic form"),     \
        GF('P', ".efg: a subgame-perfect equilibrium (trees of perfect information)"),             \
        G_PATH(CLI_HIDDEN)
#define OPTS_LP                                                                                    \
    G_COMMON, GF('D', "detail table per player"), GF('S', ".efg: solve the reduced strategic form"), \
        GF('P', ".efg: a subgame-perfect equilibrium (trees of perfect information)"),             \
        G_PATH(CLI_HIDDEN)
#define OPTS_LOGIT                                                                                 \
    G_COMMON, GF('e', "print only the terminal equilibrium (default: the whole branch)"),          \
        GV('m', "MAXREGRET", "stop at this regret relative to the payoff range (default 1e-8)"),   \
        GV('s', "STEP", "initial step; only Gambit's default 0.03 (statecraft's step control)"),   \
        GF('S', ".efg: solve the reduced strategic form"),                                         \
        GV('a', "ACCEL", "not supported (statecraft's own step rule)"),                            \
        GV('l', "LAMBDAS", "not supported (no QRE at given lambdas)"),                             \
        GV('L', "FILE", "not supported (no maximum-likelihood estimation)"), G_PATH(0)
#define OPTS_SIMPDIV                                                                               \
    G_COMMON,                                                                                      \
        GV('m', "MAXREGRET", "stop at this regret relative to the payoff range (default 1e-7)"),   \
        GV('g', "MULT", "grid refinement; only Gambit's default 2"),                               \
        GF('S', "accepted (strategic-form method)"),                                               \
        GV('r', "DENOM", "not supported (random starting points)"),                                \
        GV('n', "COUNT", "not supported (random starting points)"),                                \
        GV('s', "FILE", "not supported (given starting points)"),                                  \
        GV('R', "SEED", "not supported (random starting points)"),                                 \
        GF('V', "not supported (verbose)"), G_PATH(CLI_HIDDEN)
#define OPTS_GNM                                                                                   \
    G_COMMON, GV('n', "COUNT", "number of random perturbation vectors (ignored with -s)"),         \
        GV_FILE('s', "FILE", "perturbation vectors, one per line, comma-separated"),               \
        GV('R', "SEED", "seed of the perturbation generator (default 1, Gambit's)"),               \
        GV('f', "FREQ", "local Newton correction every FREQ steps (default 3)"),                   \
        GV('i', "MAXITS", "iterations of each local Newton correction (default 10)"),              \
        GV('c', "STEPS", "steps in each support cell (default 100)"),                              \
        GF('S', "accepted (strategic-form method)"),                                               \
        GV('m', "MAXREGRET", "not supported (the path is followed to its end)"),                   \
        GF('V', "not supported (verbose)"), G_SEED, G_PATH(CLI_HIDDEN)
#define OPTS_IPA                                                                                   \
    G_COMMON, GV('n', "COUNT", "number of random perturbation vectors (ignored with -s)"),         \
        GV_FILE('s', "FILE", "perturbation vectors, one per line, comma-separated"),               \
        GV('R', "SEED", "seed of the perturbation generator (default 1, Gambit's)"),               \
        GF('S', "accepted (strategic-form method)"), GF('V', "not supported (verbose)"), G_SEED,   \
        G_PATH(CLI_HIDDEN)
#define OPTS_LIAP                                                                                  \
    G_COMMON, GV('n', "COUNT", "number of random starting points (default: the centroid only)"),   \
        GV_FILE('s', "FILE", "starting profiles, one per line, comma-separated (as NE lines)"),    \
        GV('R', "SEED", "seed of the random starting points (default 1)"),                         \
        GV('m', "MAXREGRET",                                                                       \
           "report a minimum whose regret, relative to the payoff range, is at\n"                 \
           "most this (default 1e-4)"),                                                            \
        GV('i', "MAXITER", "minimisation steps from each start (default 1000)"),                   \
        GF('S', "accepted (solved on the strategic form)"), G_SEED, G_PATH(CLI_HIDDEN)
#define OPTS_ENUMPOLY                                                                              \
    GV('d', "DECIMALS", "print DECIMALS places (default 6, as gambit-enumpoly)"),                  \
        GF('q', "quiet (accepted: statecraft prints no banner)"),                                  \
        GF('v', "verbose: candidate,... before each support and singular,... after a\n"           \
                "singular one (Gambit's -v; --version prints the version)"),                       \
        GV('e', "EQA", "stop after EQA equilibria"),                                               \
        GV('m', "MAXREGRET",                                                                       \
           "accept a float root whose regret, relative to the payoff range, is at\n"              \
           "most this (default 1e-9; Gambit's 1e-4)"),                                             \
        GF('S', ".efg: the reduced strategic form (always: statecraft's enumpoly\n"               \
                "solves a tree's reduced strategic form)"),                                        \
        GF('H', "accepted (the support order is always Porter-Nudelman-Shoham's)"),                \
        G_PATH(CLI_HIDDEN)
#define OPTS_SPE G_COMMON, GV('e', "N", "only the first N equilibria"), G_PATH(CLI_HIDDEN)

#define SUM_ENUMPURE "all pure equilibria, any number of players (default)"
#define SUM_ENUMMIXED "all extreme equilibria, two players, exact"
#define SUM_LCP "Lemke-Howson from every label, two players, exact; .efg: Lemke on the sequence form"
#define SUM_LP "linear programming, two-player constant-sum, exact; .efg: the sequence form"
#define SUM_LOGIT "logit quantal-response branch to an equilibrium, any players; .efg: the agent QRE"
#define SUM_SIMPDIV "simplicial subdivision, any players, grid rationals"
#define SUM_GNM "global Newton method (Govindan-Wilson), any players"
#define SUM_IPA "iterated polymatrix approximation, any players"
#define SUM_LIAP                                                                                   \
    "Lyapunov function minimisation (McKelvey), any players, from the centroid or random starts"
#define SUM_ENUMPOLY                                                                               \
    "every isolated equilibrium by support enumeration and polynomial solving, any players"
#define SUM_SPE ".efg of perfect information: every pure subgame-perfect equilibrium (backward " \
                "induction)"

#define COMMON_DESCRIPTION                                                                         \
    "Nash equilibria of a game in Gambit's formats (.nfg either version, or .efg; told apart by\n" \
    "content; standard input without GAME), printed as Gambit's tools print them: one line\n"     \
    "NE,p_1_1,...,p_N_nN per equilibrium (probabilities player by player in file order; for an\n" \
    ".efg, behaviour probabilities information set by information set).\n"

/*
 * The two specs of a tool: `solve --method T` and `gambit-T` (declared by gambit_tools.h). Every
 * tool offers html so that --format html on another method than logit gets the message saying
 * which method draws it (solve_main).
 */
#define TOOL_SPECS(T, SUM, OPTS, FORMATS)                                                          \
    static const cli_opt T##_solve_options[] = {G_METHOD(0), OPTS, G_OWN, CLI_OPT_TABLE_END};    \
    static const cli_opt T##_gambit_options[] = {G_METHOD(CLI_HIDDEN), OPTS, G_OWN,               \
                                                  CLI_OPT_TABLE_END};                              \
    static const cli_spec T##_solve_spec = {                                                       \
        .name = "solve",                                                                           \
        .summary = "Nash equilibria by " #T,                                                       \
        .synopsis = "--method " #T " [OPTIONS] [GAME]",                                            \
        .description = COMMON_DESCRIPTION "\n" #T ": " SUM ".\n",                                  \
        .options = T##_solve_options,                                                              \
        .formats = FORMATS,                                                                        \
        .operands = CLI_NAMES_FILE,                                                                \
        .see_also = "statecraft-gambit-" #T "(1), docs/models/games.md",                           \
        .short_of = "gambit-" #T};                                                                 \
    extern const cli_spec sc_gambit_spec_##T;                                                      \
    const cli_spec sc_gambit_spec_##T = {                                                          \
        .name = "gambit-" #T,                                                                      \
        .summary = "gambit-" #T "'s options and output (statecraft solve --method " #T ")",       \
        .synopsis = "[OPTIONS] [GAME]",                                                            \
        .description = COMMON_DESCRIPTION "\n" #T ": " SUM ".\n",                                  \
        .options = T##_gambit_options,                                                             \
        .formats = FORMATS,                                                                        \
        .operands = CLI_NAMES_FILE,                                                                \
        .see_also = "statecraft-solve(1), docs/models/games.md",                                   \
        .short_of = "gambit-" #T}

TOOL_SPECS(enumpure, SUM_ENUMPURE, OPTS_ENUMPURE, "text csv html");
TOOL_SPECS(enummixed, SUM_ENUMMIXED, OPTS_ENUMMIXED, "text csv html");
TOOL_SPECS(lcp, SUM_LCP, OPTS_LCP, "text csv html");
TOOL_SPECS(lp, SUM_LP, OPTS_LP, "text csv html");
TOOL_SPECS(logit, SUM_LOGIT, OPTS_LOGIT, "text csv html");
TOOL_SPECS(simpdiv, SUM_SIMPDIV, OPTS_SIMPDIV, "text csv html");
TOOL_SPECS(gnm, SUM_GNM, OPTS_GNM, "text csv html");
TOOL_SPECS(ipa, SUM_IPA, OPTS_IPA, "text csv html");
TOOL_SPECS(liap, SUM_LIAP, OPTS_LIAP, "text csv html");
TOOL_SPECS(spe, SUM_SPE, OPTS_SPE, "text csv html");
TOOL_SPECS(enumpoly, SUM_ENUMPOLY, OPTS_ENUMPOLY, "text csv html");

typedef struct gambit_tool {
    const char *name; /* the method, as in --method and gambit-NAME */
    sc_game_method method;
    const cli_spec *solve_spec;  /* solve --method NAME */
    const cli_spec *gambit_spec; /* gambit-NAME */
} gambit_tool;

static const gambit_tool tools[] = {
    {"enumpure", SC_GAME_ENUMPURE, &enumpure_solve_spec, &sc_gambit_spec_enumpure},
    {"enummixed", SC_GAME_ENUMMIXED, &enummixed_solve_spec, &sc_gambit_spec_enummixed},
    {"lcp", SC_GAME_LCP, &lcp_solve_spec, &sc_gambit_spec_lcp},
    {"lp", SC_GAME_LP, &lp_solve_spec, &sc_gambit_spec_lp},
    {"logit", SC_GAME_LOGIT, &logit_solve_spec, &sc_gambit_spec_logit},
    {"simpdiv", SC_GAME_SIMPDIV, &simpdiv_solve_spec, &sc_gambit_spec_simpdiv},
    {"gnm", SC_GAME_GNM, &gnm_solve_spec, &sc_gambit_spec_gnm},
    {"ipa", SC_GAME_IPA, &ipa_solve_spec, &sc_gambit_spec_ipa},
    {"liap", SC_GAME_LIAP, &liap_solve_spec, &sc_gambit_spec_liap},
    {"spe", SC_GAME_SPE, &spe_solve_spec, &sc_gambit_spec_spe},
    {"enumpoly", SC_GAME_ENUMPOLY, &enumpoly_solve_spec, &sc_gambit_spec_enumpoly},
};
#define NTOOLS (sizeof tools / sizeof tools[0])

/* `statecraft solve` without --method: enumpure's options, and the list of methods. */
static const cli_spec solve_spec = {
    .name = "solve",
    .summary = "Nash equilibria of a Gambit .nfg/.efg game (Gambit's methods, options and lines)",
    .synopsis = "[--method M] [OPTIONS OF gambit-M] [GAME]",
    .description =
        COMMON_DESCRIPTION
        "\n"
        "The methods (--method M, with gambit-M's options; statecraft gambit-M is the same\n"
        "command under Gambit's name):\n"
        "  enumpure   " SUM_ENUMPURE "\n"
        "  enummixed  " SUM_ENUMMIXED "\n"
        "  lcp        " SUM_LCP "\n"
        "  lp         " SUM_LP "\n"
        "  logit      " SUM_LOGIT "\n"
        "  simpdiv    " SUM_SIMPDIV "\n"
        "  gnm        " SUM_GNM "\n"
        "  ipa        " SUM_IPA "\n"
        "  liap       " SUM_LIAP "\n"
        "  spe        " SUM_SPE "\n"
        "  enumpoly   " SUM_ENUMPOLY "\n"
        "\n"
        "The options below are the default method's (enumpure); 'statecraft solve --method M\n"
        "--help' lists another's. Ctrl-C (SIGINT or SIGTERM) stops a method: the equilibria\n"
        "found so far are printed, marked partial, with exit status 130 (143).\n",
    .options = enumpure_solve_options,
    .formats = "text csv html",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft solve --method enummixed examples/chicken.nfg\n"
                "every extreme equilibrium of the example game\n"
                "\n"
                "statecraft gambit-logit -e -d 4 < examples/chicken.nfg\n"
                "the logit equilibrium as gambit-logit prints it, from standard input\n",
    .see_also = "statecraft-game(1), docs/models/games.md",
    .short_of = "gambit-enumpure"};

static const gambit_tool *find_tool(const char *name)
{
    for (size_t i = 0; i < NTOOLS; i++) {
        if (strcmp(tools[i].name, name) == 0) {
            return &tools[i];
        }
    }
    return NULL;
}

/* 1 if the text's first word is EFG (an extensive-form game). */
static int is_efg(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' ||
                       text[i] == '\f' || text[i] == '\v')) {
        i++;
    }
    return len - i >= 3 && memcmp(text + i, "EFG", 3) == 0 &&
           (len - i == 3 || strchr(" \t\n\r\f\v\"{", text[i + 3]));
}

int cli_load_any_game(const char *path, sc_game **nfg, sc_efg **efg)
{
    char *text = NULL;
    size_t len = 0;
    sc_diag diag;
    sc_diag_init(&diag);
    const char *name = path && strcmp(path, "-") != 0 ? path : "<stdin>";
    *nfg = NULL;
    *efg = NULL;
    sc_status rc = scx_file_read(path ? path : "-", (size_t)64 << 20, &text, &len, &diag);
    if (rc == SC_OK) {
        rc = is_efg(text, len) ? sc_efg_read(text, len, name, efg, &diag)
                               : sc_game_read_nfg(text, len, name, nfg, &diag);
    }
    free(text);
    return rc == SC_OK ? SC_EXIT_OK : cli_fail(&diag);
}

int cli_load_game(const char *path, sc_game **out)
{
    sc_efg *e = NULL;
    int rc = cli_load_any_game(path, out, &e);
    if (rc == SC_EXIT_OK && e) {
        /* a tool that works on strategic forms takes the extensive game's reduced form */
        sc_diag diag;
        sc_diag_init(&diag);
        sc_status st = sc_efg_reduced_form(e, out, &diag);
        sc_efg_free(e);
        if (st != SC_OK) {
            snprintf(diag.file, sizeof diag.file, "%s",
                     path && strcmp(path, "-") ? path : "<stdin>");
            return cli_fail(&diag);
        }
    }
    return rc;
}

/*
 * The logit branch as a document ({"model": "logit", players, branch, equilibrium}) rendered as
 * one HTML page by the library. The branch comes from Gambit's text lines ("lambda,p,..." then
 * "NE,p,..."), printed with 17 decimals so that nothing is lost on the way.
 */
static int logit_page(const sc_game *g, const char *name, const sc_game_solution *sol,
                      const char *outp)
{
    char *lines = NULL;
    size_t len = 0;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_game_solution_format(sol, 17, &lines, &len, &diag) != SC_OK) {
        return cli_fail(&diag);
    }
    scx_buf doc;
    scx_buf_init(&doc);
    scx_buf_puts(&doc, "{\"model\":\"logit\",\"game\":");
    scx_json_string(&doc, sc_game_title(g) && *sc_game_title(g) ? sc_game_title(g) : name);
    scx_buf_puts(&doc, ",\"players\":[");
    for (size_t p = 0; p < sc_game_players(g); p++) {
        scx_buf_puts(&doc, p ? ",{\"label\":" : "{\"label\":");
        const char *pl = sc_game_player_label(g, p); /* labels a file leaves out are "" */
        scx_json_string(&doc, pl ? pl : "");
        scx_buf_puts(&doc, ",\"strategies\":[");
        for (size_t k = 0; k < sc_game_strategies(g, p); k++) {
            scx_buf_puts(&doc, k ? "," : "");
            const char *sl = sc_game_strategy_label(g, p, k);
            scx_json_string(&doc, sl ? sl : "");
        }
        scx_buf_puts(&doc, "]}");
    }
    scx_buf_puts(&doc, "],\"branch\":[");
    int first = 1;
    const char *equilibrium = NULL;
    for (char *line = lines; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl) {
            *nl = '\0';
        }
        if (strncmp(line, "NE,", 3) == 0) {
            equilibrium = line + 3;
        } else if (*line) {
            /* lambda,p_1,...: the numbers are JSON numbers as printed */
            char *comma = strchr(line, ',');
            if (comma) {
                *comma = '\0';
                scx_buf_printf(&doc, "%s{\"lambda\":%s,\"profile\":[%s]}", first ? "" : ",", line,
                               comma + 1);
                first = 0;
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    scx_buf_printf(&doc, "],\"equilibrium\":[%s]}", equilibrium ? equilibrium : "");
    int rc = cli_write_rendered(outp, &doc, SC_FORMAT_HTML);
    scx_buf_destroy(&doc);
    sc_free(lines);
    return rc;
}


/*
 * Reads gnm/ipa perturbation vectors (Gambit's -s FILE): one per line, width comma-separated
 * numbers (a leading non-numeric field, such as a "NE" or "pert" label, is skipped). Returns an
 * exit status; *out (malloc'd) holds count * width doubles.
 */
static int read_perturbations(const char *cmd, const char *path, size_t width, double **out,
                              size_t *count)
{
    char *text = NULL;
    size_t len = 0;
    sc_diag diag;
    sc_diag_init(&diag);
    if (scx_file_read(path, (size_t)16 << 20, &text, &len, &diag) != SC_OK) {
        return cli_usage_error(cmd, "-s: cannot read the perturbation file '%s': %s", path,
                               diag.message);
    }
    double *v = NULL;
    size_t n = 0, cap = 0, line = 0;
    int rc = SC_EXIT_OK;
    for (char *p = text, *next; p && *p && rc == SC_EXIT_OK; p = next) {
        line++;
        next = strchr(p, '\n');
        if (next) {
            *next++ = '\0';
        }
        p += strspn(p, " \t\r");
        if (*p == '\0') {
            continue;
        }
        if (!strchr("0123456789+-.", *p)) { /* a label field */
            char *comma = strchr(p, ',');
            p = comma ? comma + 1 : p + strlen(p);
        }
        if (n + width > cap) {
            cap = 2 * (n + width);
            double *grown = realloc(v, cap * sizeof *v);
            if (!grown) {
                rc = cli_usage_error(cmd, "-s: out of memory");
                break;
            }
            v = grown;
        }
        size_t k = 0;
        for (char *end; k < width; k++) {
            v[n + k] = strtod(p, &end);
            if (end == p || !isfinite(v[n + k])) {
                break;
            }
            p = end + strspn(end, " \t\r");
            if (k + 1 < width) {
                if (*p != ',') {
                    k++;
                    break;
                }
                p++;
            }
        }
        if (k != width || *p != '\0') {
            rc = cli_usage_error(cmd,
                                 "%s:%zu: a perturbation needs %zu comma-separated numbers "
                                 "(one per strategy)",
                                 path, line, width);
            break;
        }
        n += width;
    }
    free(text);
    if (rc == SC_EXIT_OK && n == 0) {
        rc = cli_usage_error(cmd, "-s: '%s' holds no perturbation vector", path);
    }
    if (rc != SC_EXIT_OK) {
        free(v);
        return rc;
    }
    *out = v;
    *count = n / width;
    return SC_EXIT_OK;
}

/* The method named by --method M / --method=M among argv (NULL if none), before parsing. */
static const char *prescan_method(int argc, char **argv)
{
    const char *m = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            break;
        }
        if (strcmp(argv[i], "--method") == 0 && i + 1 < argc) {
            m = argv[++i];
        } else if (strncmp(argv[i], "--method=", 9) == 0) {
            m = argv[i] + 9;
        }
    }
    return m;
}

static int not_supported(const char *cmd, const gambit_tool *t, int c, const char *what)
{
    return cli_usage_error(cmd, "-%c of gambit-%s is not supported: %s", c, t->name, what);
}

/* An integer option value >= 1. */
static int parse_count(const char *cmd, const char *opt, const char *text, int *out)
{
    uint64_t u;
    int rc = cli_parse_u64(cmd, opt, text, &u);
    if (rc != SC_EXIT_OK) {
        return rc;
    }
    if (u < 1 || u > 1000000) {
        return cli_usage_error(cmd, "%s must be between 1 and 1000000", opt);
    }
    *out = (int)u;
    return SC_EXIT_OK;
}

/*
 * `statecraft solve` (fixed NULL: the method from --method, default enumpure) and
 * `statecraft gambit-TOOL` (fixed: that tool).
 */
/* One header cell: `parts` joined by ": ", a label missing from the file given by its number. */
static void csv_cell(scx_buf *b, const char *const *parts, const size_t *numbers, int n)
{
    char cell[600];
    size_t len = 0;
    cell[0] = '\0';
    for (int k = 0; k < n && len < sizeof cell; k++) {
        int w = parts[k] && parts[k][0]
                    ? snprintf(cell + len, sizeof cell - len, "%s%s", k ? ": " : "", parts[k])
                    : snprintf(cell + len, sizeof cell - len, "%s%zu", k ? ": " : "",
                               numbers[k] + 1);
        len += w > 0 ? (size_t)w : 0;
    }
    scx_buf_puts(b, ",");
    scx_csv_field(b, cell);
}

/*
 * --format csv: Gambit's lines are CSV rows already (NE, convex-K or the logit branch's lambda,
 * then the probabilities); the header names their columns: "line", then PLAYER: STRATEGY for a
 * strategic-form profile, PLAYER: INFOSET: ACTION for a behaviour profile of a tree (labels as
 * the file gives them, numbers from 1 where it gives none), quoted by libcsv's writer.
 */
static void csv_header(scx_buf *b, const sc_game *g, const sc_efg *e, int behaviour)
{
    scx_buf_puts(b, "line");
    if (behaviour && e) {
        for (size_t p = 0; p < sc_efg_players(e); p++) {
            for (size_t i = 0; i < sc_efg_infosets(e, p); i++) {
                for (size_t a = 0; a < sc_efg_actions(e, p, i); a++) {
                    const char *parts[3] = {sc_efg_player_label(e, p),
                                            sc_efg_infoset_label(e, p, i),
                                            sc_efg_action_label(e, p, i, a)};
                    size_t numbers[3] = {p, i, a};
                    csv_cell(b, parts, numbers, 3);
                }
            }
        }
    } else if (g) {
        for (size_t p = 0; p < sc_game_players(g); p++) {
            for (size_t k = 0; k < sc_game_strategies(g, p); k++) {
                const char *parts[2] = {sc_game_player_label(g, p),
                                        sc_game_strategy_label(g, p, k)};
                size_t numbers[2] = {p, k};
                csv_cell(b, parts, numbers, 2);
            }
        }
    }
    scx_buf_puts(b, "\n");
}

/* What the options chose beyond sc_game_solve_options. */
typedef struct solve_args {
    int decimals, check, detail, subgame, final_only;
    const char *pert_file;
} solve_args;

/*
 * One option of tool t with Gambit's meaning (the id is its letter); an exit status, or -1 after
 * -v (the version printed).
 */
static int take_option(const char *cmd, const gambit_tool *t, int fixed, const cli_parser *cp,
                       int c, sc_game_solve_options *o, solve_args *a)
{
    double v;
    uint64_t u;
    int k = 0, rc;
    switch (c) {
    case 'v':
        if (t->method == SC_GAME_ENUMPOLY) {
            o->verbose = 1; /* gambit-enumpoly's -v: the supports examined */
            break;
        }
        printf("statecraft %s (%s%s)\n", sc_version(), fixed ? "gambit-" : "solve --method ",
               t->name);
        return -1;
    case OPT_METHOD:
        if (fixed) {
            return cli_usage_error(cmd,
                                   "--method: gambit-%s is one method; use "
                                   "'statecraft solve --method M' to choose",
                                   t->name);
        }
        break; /* read by prescan_method */
    case CLI_O_SEED:
        o->seed = cp->seed; /* --seed S: -R S */
        break;
    case 'q':
        break;
    case 'd':
        if ((rc = cli_parse_u64(cmd, "-d", cp->arg, &u)) != SC_EXIT_OK) {
            return rc;
        }
        if (u > 60) {
            return cli_usage_error(cmd, "-d must be at most 60");
        }
        a->decimals = (int)u;
        break;
    case 'D':
        a->detail = t->method != SC_GAME_ENUMMIXED; /* enummixed -D: no dominance elimination */
        break;
    case 'L':
        if (t->method == SC_GAME_LOGIT) {
            return not_supported(cmd, t, c, "no maximum-likelihood estimation");
        }
        break; /* enummixed -L (lrslib): the same extreme equilibria */
    case 'S':
        o->strategic = 1;
        break;
    case 'A':
        o->agent = 1;
        break;
    case 'H':
        break; /* enumpoly: the support order is fixed */
    case 'P':
        a->subgame = 1;
        break;
    case 'c':
        if (t->method == SC_GAME_GNM) {
            if ((rc = parse_count(cmd, "-c", cp->arg, &o->gnm_steps)) != SC_EXIT_OK) {
                return rc;
            }
        } else {
            o->components = 1;
        }
        break;
    case 'f':
        if ((rc = parse_count(cmd, "-f", cp->arg, &o->gnm_lnm_freq)) != SC_EXIT_OK) {
            return rc;
        }
        break;
    case 'i':
        if ((rc = parse_count(cmd, "-i", cp->arg,
                              t->method == SC_GAME_LIAP ? &o->liap_iterations
                                                        : &o->gnm_lnm_max)) != SC_EXIT_OK) {
            return rc;
        }
        break;
    case 'e':
        if (t->method == SC_GAME_LOGIT) {
            a->final_only = 1;
            break;
        }
        if ((rc = cli_parse_u64(cmd, "-e", cp->arg, &u)) != SC_EXIT_OK) {
            return rc;
        }
        o->max_equilibria = (size_t)u;
        break;
    case 'r':
        if (t->method == SC_GAME_SIMPDIV) {
            return not_supported(cmd, t, c, "simpdiv starts from Gambit's default point");
        }
        if ((rc = cli_parse_u64(cmd, "-r", cp->arg, &u)) != SC_EXIT_OK) {
            return rc;
        }
        o->max_depth = u > 1000000 ? 1000000 : (int)u;
        break;
    case 'm':
        if (t->method == SC_GAME_GNM) {
            return not_supported(cmd, t, c, "statecraft's gnm follows the path to its end");
        }
        if ((rc = cli_parse_double(cmd, "-m", cp->arg, &v)) != SC_EXIT_OK) {
            return rc;
        }
        if (!(v > 0 && v < 1)) {
            return cli_usage_error(cmd, "-m must be in (0, 1)");
        }
        o->max_regret = v;
        break;
    case 's':
        if (t->method == SC_GAME_GNM || t->method == SC_GAME_IPA ||
            t->method == SC_GAME_LIAP) {
            a->pert_file = cp->arg; /* liap: starting profiles */
            break;
        }
        if (t->method == SC_GAME_LOGIT) {
            if ((rc = cli_parse_double(cmd, "-s", cp->arg, &v)) != SC_EXIT_OK) {
                return rc;
            }
            if (v != 0.03) {
                return not_supported(cmd, t, c,
                                     "statecraft's tracer starts with Gambit's "
                                     "step 0.03 and controls it itself");
            }
            break;
        }
        return not_supported(cmd, t, c, "simpdiv starts from Gambit's default point");
    case 'g':
        if ((rc = cli_parse_u64(cmd, "-g", cp->arg, &u)) != SC_EXIT_OK) {
            return rc;
        }
        if (u != 2) {
            return not_supported(cmd, t, c, "the grid is refined by Gambit's default 2");
        }
        break;
    case 'n':
        if (t->method == SC_GAME_SIMPDIV) {
            return not_supported(cmd, t, c, "simpdiv starts from Gambit's default point");
        }
        if ((rc = parse_count(cmd, "-n", cp->arg, &k)) != SC_EXIT_OK) {
            return rc;
        }
        o->starts = (size_t)k;
        break;
    case 'R':
        if (t->method == SC_GAME_SIMPDIV) {
            return not_supported(cmd, t, c, "simpdiv starts from Gambit's default point");
        }
        if ((rc = cli_parse_u64(cmd, "-R", cp->arg, &u)) != SC_EXIT_OK) {
            return rc;
        }
        o->seed = u;
        break;
    case 'a':
        return not_supported(cmd, t, c, "statecraft's tracer has its own step rule");
    case 'l':
        return not_supported(cmd, t, c, "no QRE at given lambdas");
    case 'V':
        return not_supported(cmd, t, c, "no verbose output");
    case OPT_PATH:
        if (t->method != SC_GAME_LOGIT) {
            return cli_usage_error(cmd, "--path is an option of logit only");
        }
        break;
    case OPT_TIME_LIMIT:
        if ((rc = cli_parse_double(cmd, "--time-limit", cp->arg, &v)) != SC_EXIT_OK) {
            return rc;
        }
        if (!(v > 0)) {
            return cli_usage_error(cmd, "--time-limit must be > 0");
        }
        o->time_limit = v;
        break;
    case OPT_CHECK:
        a->check = 1;
        break;
    default:
        break; /* the common options: cli_parser has them */
    }
    return SC_EXIT_OK;
}

static int solve_main(const char *cmd, const gambit_tool *fixed, int argc, char **argv)
{
    const gambit_tool *t = fixed ? fixed : &tools[0];
    const char *named = fixed ? NULL : prescan_method(argc, argv);
    if (named && !(t = find_tool(named))) {
        sc_game_method m;
        sc_diag d;
        sc_diag_init(&d);
        if (sc_game_method_parse(named, &m, &d) == SC_OK) {
            return cli_usage_error(cmd, "method '%s' has no command-line front end", named);
        }
        const char *names[NTOOLS];
        for (size_t i = 0; i < NTOOLS; i++) {
            names[i] = tools[i].name;
        }
        return cli_check_name(cmd, "--method", "method", named, names, NTOOLS);
    }
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = t->method;
    solve_args a = {-1, 0, 0, 0, 0, NULL};
    int c, rc = SC_EXIT_OK;
    cli_parser cp;
    cli_parse_begin(&cp, fixed ? t->gambit_spec : named ? t->solve_spec : &solve_spec, argc, argv);
    while (rc == SC_EXIT_OK && (c = cli_next(&cp)) > 0) {
        rc = take_option(cmd, t, fixed != NULL, &cp, c, &o, &a);
    }
    if (rc == SC_EXIT_OK && c == CLI_STOP) {
        rc = cp.status == SC_EXIT_OK ? -1 : cp.status; /* -1: --help or --version printed */
    }
    const char *path = cp.n_operands ? cp.operands[0] : NULL;
    if (rc == SC_EXIT_OK && cp.n_operands > 1) {
        rc = cli_parser_error(&cp, "expected one GAME.nfg or GAME.efg (or none: standard "
                                   "input), got '%s' and '%s'",
                              cp.operands[0], cp.operands[1]);
    }
    const char *outp = cp.output;
    sc_format format = cp.format;
    cli_parse_end(&cp);
    if (rc != SC_EXIT_OK) {
        return rc < 0 ? SC_EXIT_OK : rc;
    }
    int decimals = a.decimals, check = a.check, detail = a.detail, subgame = a.subgame;
    const char *pert_file = a.pert_file;
    int final_only = a.final_only;
    o.path = t->method == SC_GAME_LOGIT && !final_only;
    const char *name = path && strcmp(path, "-") != 0 ? path : "<stdin>";
    if (format == SC_FORMAT_CSV && detail) {
        return cli_usage_error(cmd, "-D prints Gambit's detail table, not CSV rows: drop -D, or "
                                    "--format text");
    }
    if (format == SC_FORMAT_HTML && t->method != SC_GAME_LOGIT) {
        return cli_usage_error(cmd, "--format html draws the logit branch: use it with "
                                    "--method logit (the other methods' answers are the "
                                    "text lines)");
    }
    sc_game *g = NULL;
    sc_efg *e = NULL;
    /* --time-limit counts the whole run: reading the game is taken off the solver's share */
    double limit = o.time_limit, t0 = now_seconds();
    cli_interrupt_begin(); /* a signal while reading stops the method at its first check */
    if ((rc = cli_load_any_game(path, &g, &e)) != SC_EXIT_OK) {
        return rc;
    }
    if (format == SC_FORMAT_HTML && e && !o.strategic) {
        sc_efg_free(e);
        return cli_usage_error(cmd,
                               "--format html draws the logit branch of a strategic-form "
                               "game (.nfg); %s is a game tree",
                               name);
    }
    if (format == SC_FORMAT_HTML) {
        o.path = 1; /* the page draws the branch */
    }
    sc_diag diag;
    sc_diag_init(&diag);
    /*
     * A tree is solved in behaviour strategies by the tree methods unless -S; strategic-form
     * methods, -S, -D and given perturbations work on its reduced strategic form, as Gambit's.
     */
    int tree_method = t->method == SC_GAME_ENUMPURE || t->method == SC_GAME_LCP ||
                      t->method == SC_GAME_LP || t->method == SC_GAME_LOGIT ||
                      t->method == SC_GAME_SPE;
    if (e && subgame && !o.strategic && t->method != SC_GAME_SPE) {
        /* -P: subgame perfection; statecraft's subgame-perfect solver is backward induction */
        if (!sc_efg_perfect_information(e)) {
            fprintf(stderr,
                    "statecraft %s: %s: error: -P (subgame-perfect equilibria) is supported on "
                    "trees of perfect information (backward induction); this tree has an "
                    "information set with several nodes: drop -P, or use -S\n",
                    cmd, name);
            sc_efg_free(e);
            return SC_EXIT_USAGE;
        }
        if (t->method != SC_GAME_ENUMPURE) {
            o.max_equilibria = 1; /* lcp and lp report one equilibrium */
        }
        o.method = SC_GAME_SPE;
    }
    if (e && detail && !o.strategic && tree_method) {
        fprintf(stderr,
                "statecraft %s: %s: error: -D (the detail table) shows mixed strategy "
                "profiles: add -S to solve the reduced strategic form\n",
                cmd, name);
        sc_efg_free(e);
        return SC_EXIT_USAGE;
    }
    if (e && (o.strategic || !tree_method || pert_file)) {
        sc_status st = sc_efg_reduced_form(e, &g, &diag);
        sc_efg_free(e);
        e = NULL;
        if (st != SC_OK) {
            snprintf(diag.file, sizeof diag.file, "%s", name);
            return cli_fail(&diag);
        }
    }
    double *perts = NULL;
    if (pert_file) {
        size_t width = 0;
        for (size_t p = 0; p < sc_game_players(g); p++) {
            width += sc_game_strategies(g, p);
        }
        if ((rc = read_perturbations(cmd, pert_file, width, &perts, &o.start_count)) !=
            SC_EXIT_OK) {
            sc_game_free(g);
            return rc;
        }
        o.start = perts;
    }
    if (limit > 0) {
        double read = now_seconds() - t0;
        if (read >= limit) {
            fprintf(stderr, "statecraft %s: %s: error: --time-limit of %g s reached while "
                            "reading the game (%.3g s)\n",
                    cmd, name, limit, read);
            free(perts);
            sc_game_free(g);
            sc_efg_free(e);
            return SC_EXIT_FAILURE;
        }
        o.time_limit = limit - read;
    }
    sc_game_solution *sol = NULL;
    /* Ctrl-C (SIGTERM) stops the method: the equilibria found so far are printed, exit 130 */
    o.cancel = &cli_interrupted;
    /* the count found so far on a terminal's stderr, from the first second on */
    cli_progress pr;
    cli_progress_init(&pr, cmd, "equilibria found");
    o.progress = cli_progress_cb;
    o.progress_ctx = &pr;
    sc_status st = e ? sc_efg_solve(e, &o, &sol, &diag) : sc_game_solve(g, &o, &sol, &diag);
    cli_progress_done(&pr);
    cli_interrupt_end();
    int interrupted = st == SC_ELIMIT && cli_interrupted;
    free(perts);
    if (interrupted && (!sol || sc_game_solution_count(sol) == 0)) {
        cli_interrupt_note(cmd, "no equilibrium found before it");
        sc_game_solution_free(sol);
        sc_game_free(g);
        sc_efg_free(e);
        return cli_interrupt_status();
    }
    if (st != SC_OK && !sol) {
        rc = st == SC_EUNSUPPORTED || st == SC_EINVAL ? SC_EXIT_USAGE : SC_EXIT_FAILURE;
        fprintf(stderr, "statecraft %s: %s: error: %s\n", cmd, name, diag.message);
        sc_game_free(g);
        sc_efg_free(e);
        return rc;
    }
    /*
     * A time-out still prints what was found, as Gambit's tools do, then fails; but an output
     * file is written only for a complete answer, never a partial one.
     */
    char *out = NULL;
    size_t len = 0;
    sc_diag fdiag;
    sc_diag_init(&fdiag);
    sc_status fst = SC_OK;
    if (format == SC_FORMAT_HTML && interrupted) {
        cli_interrupt_note(cmd, "the branch was not traced to its end: no page written");
        rc = cli_interrupt_status();
    } else if (format == SC_FORMAT_HTML) {
        rc = st == SC_OK ? logit_page(g, name, sol, outp) : SC_EXIT_FAILURE;
    } else if ((fst = detail
                          ? sc_game_solution_format_detail(g, sol, decimals, &out, &len, &fdiag)
                          : sc_game_solution_format(sol, decimals, &out, &len, &fdiag)) != SC_OK) {
        rc = cli_fail(&fdiag);
    } else if (interrupted) {
        /* the equilibria found, on standard output (never a partial file at -o) */
        char what[96];
        snprintf(what, sizeof what, "%zu equilibri%s found before it, printed below",
                 sc_game_solution_count(sol), sc_game_solution_count(sol) == 1 ? "um" : "a");
        cli_interrupt_note(cmd, what);
        cli_write_text(NULL, out, len); /* -o: main() puts them on the terminal, not the file */
        rc = cli_interrupt_status();
    } else if (format == SC_FORMAT_CSV) {
        scx_buf csv;
        scx_buf_init(&csv);
        csv_header(&csv, g, e, sc_game_solution_behaviour(sol));
        scx_buf_append(&csv, out ? out : "", len);
        rc = st == SC_OK || !outp ? cli_write_output(outp, &csv) : SC_EXIT_FAILURE;
        scx_buf_destroy(&csv);
    } else {
        rc = st == SC_OK || !outp ? cli_write_text(outp, out, len) : SC_EXIT_FAILURE;
    }
    if (interrupted) {
        /* said above */
    } else if (st != SC_OK) {
        fprintf(stderr, "statecraft %s: %s: error: %s (%zu found before it)\n", cmd, name,
                diag.message, sc_game_solution_count(sol));
        rc = SC_EXIT_FAILURE;
    }
    if (check && rc == SC_EXIT_OK) {
        double worst = sc_game_solution_behaviour(sol) ? sc_efg_solution_max_regret(e, sol)
                       : e                             ? (double)NAN
                                                       : sc_game_solution_max_regret(g, sol);
        fprintf(stderr, "%zu profile(s), largest regret relative to the payoff range: %.3g\n",
                sc_game_solution_count(sol), worst);
    }
    sc_free(out);
    sc_game_solution_free(sol);
    sc_game_free(g);
    sc_efg_free(e);
    return rc;
}

static int run_solve(int argc, char **argv)
{
    return solve_main("solve", NULL, argc, argv);
}

int cli_gambit_tool(const char *tool, int argc, char **argv)
{
    char cmd[32];
    snprintf(cmd, sizeof cmd, "gambit-%s", tool);
    return solve_main(cmd, find_tool(tool), argc, argv);
}

const sc_cli_command sc_cli_command_solve = {
    "solve", "Nash equilibria of a Gambit .nfg/.efg game (Gambit's methods, options and lines)",
    run_solve, &solve_spec};
