/* SPDX-License-Identifier: MIT */
/*
 * `statecraft solve`: Nash equilibria of a strategic-form game in Gambit's .nfg format, printed
 * the way Gambit's command-line tools print them, so scripts written for gambit-enumpure,
 * gambit-enummixed, gambit-lcp, gambit-logit and gambit-simpdiv work unchanged.
 */
#define _GNU_SOURCE
#include <getopt.h>
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
 * --output) and -o OUT are taken by every method.
 */
typedef struct gambit_tool {
    const char *name; /* the method, as in --method and gambit-NAME */
    sc_game_method method;
    const char *optstring; /* getopt string: Gambit's options (plus -o) */
    const char *summary;   /* what it computes */
    const char *options;   /* help text of its Gambit options */
} gambit_tool;

#define COMMON_HELP                                                                                \
    "  -d DECIMALS      print decimals with DECIMALS places instead of exact fractions\n"          \
    "  -q               quiet (accepted: statecraft prints no banner)\n"                           \
    "  -h, --help       this help;  -v, --version  the version\n"

static const gambit_tool tools[] = {
    {"enumpure", SC_GAME_ENUMPURE,
     ":hqvd:DSAPo:", "all pure equilibria, any number of players (default)",
     "  -D               detail table per player (strategy, probability, value)\n"
     "  -S               .efg: solve the reduced strategic form\n"
     "  -A               .efg: pure agent-form equilibria\n"
     "  -P               .efg: only subgame-perfect equilibria (trees of perfect information)\n"},
    {"enummixed", SC_GAME_ENUMMIXED, ":hqvd:DcLSo:", "all extreme equilibria, two players, exact",
     "  -c               also the maximal convex sets (convex-K,... lines)\n"
     "  -D, -L           accepted (no dominance elimination, no lrslib: the same set)\n"
     "  -S               accepted (strategic-form method)\n"},
    {"lcp", SC_GAME_LCP, ":hqvd:DSPe:r:o:",
     "Lemke-Howson from every label, two players, exact; .efg: Lemke on the sequence form",
     "  -e EQA           stop after EQA equilibria\n"
     "  -r DEPTH         limit the recursion from found equilibria\n"
     "  -D               detail table per player\n"
     "  -S               .efg: solve the reduced strategic form\n"
     "  -P               .efg: a subgame-perfect equilibrium (trees of perfect information)\n"},
    {"lp", SC_GAME_LP,
     ":hqvd:DSPo:", "linear programming, two-player constant-sum, exact; .efg: the sequence form",
     "  -D               detail table per player\n"
     "  -S               .efg: solve the reduced strategic form\n"
     "  -P               .efg: a subgame-perfect equilibrium (trees of perfect information)\n"},
    {"logit", SC_GAME_LOGIT, ":hqvd:s:a:m:eSl:L:o:",
     "logit quantal-response branch to an equilibrium, any players; .efg: the agent QRE",
     "  -e               print only the terminal equilibrium (default: the whole branch)\n"
     "  -m MAXREGRET     stop at this regret relative to the payoff range (default 1e-8)\n"
     "  -s STEP          initial step; only Gambit's default 0.03 (statecraft's step control)\n"
     "  -S               .efg: solve the reduced strategic form\n"
     "  -a, -l, -L       not supported (statecraft's own step rule; no QRE at given lambdas,\n"
     "                   no maximum-likelihood estimation)\n"},
    {"simpdiv", SC_GAME_SIMPDIV,
     ":hqvd:g:n:r:s:m:VSR:o:", "simplicial subdivision, any players, grid rationals",
     "  -m MAXREGRET     stop at this regret relative to the payoff range (default 1e-7)\n"
     "  -g MULT          grid refinement; only Gambit's default 2\n"
     "  -S               accepted (strategic-form method)\n"
     "  -r, -n, -s, -R, -V  not supported (random or given starting points, verbose)\n"},
    {"gnm", SC_GAME_GNM,
     ":hqvd:n:s:m:f:i:c:VSR:o:", "global Newton method (Govindan-Wilson), any players",
     "  -n COUNT         number of random perturbation vectors (ignored with -s)\n"
     "  -s FILE          perturbation vectors, one per line, comma-separated\n"
     "  -R SEED          seed of the perturbation generator (default 1, Gambit's)\n"
     "  -f FREQ          local Newton correction every FREQ steps (default 3)\n"
     "  -i MAXITS        iterations of each local Newton correction (default 10)\n"
     "  -c STEPS         steps in each support cell (default 100)\n"
     "  -S               accepted (strategic-form method)\n"
     "  -m, -V           not supported (the path is followed to its end; verbose)\n"},
    {"ipa", SC_GAME_IPA, ":hqvd:n:s:VSR:o:", "iterated polymatrix approximation, any players",
     "  -n COUNT         number of random perturbation vectors (ignored with -s)\n"
     "  -s FILE          perturbation vectors, one per line, comma-separated\n"
     "  -R SEED          seed of the perturbation generator (default 1, Gambit's)\n"
     "  -S               accepted (strategic-form method)\n"
     "  -V               not supported (verbose)\n"},
    {"liap", SC_GAME_LIAP, ":hqvd:n:s:m:i:SR:o:",
     "Lyapunov function minimisation (McKelvey), any players, from the centroid or random starts",
     "  -n COUNT         number of random starting points (default: the centroid only)\n"
     "  -s FILE          starting profiles, one per line, comma-separated (as NE lines)\n"
     "  -R SEED          seed of the random starting points (default 1)\n"
     "  -m MAXREGRET     report a minimum whose regret, relative to the payoff range, is at\n"
     "                   most this (default 1e-4)\n"
     "  -i MAXITER       minimisation steps from each start (default 1000)\n"
     "  -S               accepted (solved on the strategic form)\n"},
    {"spe", SC_GAME_SPE, ":hqvd:e:o:",
     ".efg of perfect information: every pure subgame-perfect equilibrium (backward induction)",
     "  -e N             only the first N equilibria\n"},
};
#define NTOOLS (sizeof tools / sizeof tools[0])

static const char common_usage[] =
    "Nash equilibria of a game in Gambit's formats (.nfg either version, or .efg; told apart by\n"
    "content; standard input without GAME), printed as Gambit's tools print them: one line\n"
    "NE,p_1_1,...,p_N_nN per equilibrium (probabilities player by player in file order; for an\n"
    ".efg, behaviour probabilities information set by information set).\n";

static const char statecraft_options[] =
    "statecraft's own options (every method):\n"
    "  --time-limit S   give up after S seconds of CPU time, reading the game included\n"
    "                   (exit status 1)\n"
    "  --check          print each equilibrium's largest regret to stderr\n"
    "  --path           logit: print the branch (the default; kept for old scripts)\n"
    "  --format F       text (Gambit's lines, default), csv (the same lines under a header\n"
    "                   naming each column: line, then PLAYER: STRATEGY, or for a tree\n"
    "                   PLAYER: INFOSET: ACTION) or html: for logit on a .nfg game, one\n"
    "                   page with the traced branch, lambda against every strategy's\n"
    "                   probability (chart and table)\n"
    "  -o, --output OUT write to OUT atomically instead of standard output\n";

static void print_usage(const char *cmd, const gambit_tool *t)
{
    if (!t) {
        printf("usage: statecraft solve [--method M] [OPTIONS OF gambit-M] [GAME]\n\n%s\n"
               "  --method M       the method, with gambit-M's options (statecraft gambit-M is\n"
               "                   the same command under Gambit's name):\n",
               common_usage);
        for (size_t i = 0; i < NTOOLS; i++) {
            printf("    %-10s %s\n", tools[i].name, tools[i].summary);
        }
        printf("\nOptions of the default method (enumpure); 'statecraft solve --method M --help'\n"
               "lists another's:\n" COMMON_HELP "%s\n%s",
               tools[0].options, statecraft_options);
        return;
    }
    printf("usage: statecraft %s%s [OPTIONS] [GAME]\n\n%s\n%s: %s.\n" COMMON_HELP "%s\n%s", cmd,
           strcmp(cmd, "solve") == 0 ? " --method M" : "", common_usage, t->name, t->summary,
           t->options, statecraft_options);
}

static const gambit_tool *find_tool(const char *name)
{
    for (size_t i = 0; i < NTOOLS; i++) {
        if (strcmp(tools[i].name, name) == 0) {
            return &tools[i];
        }
    }
    return NULL;
}

/* The short options a tool takes, for messages: "-d -D -S -A -P". */
static void list_options(const gambit_tool *t, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (const char *c = t->optstring; *c && k + 4 < n; c++) {
        if (*c == ':' || *c == 'o') {
            continue;
        }
        k += (size_t)snprintf(buf + k, n - k, "%s-%c", k ? " " : "", *c);
    }
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

/* A JSON string (labels from a file may hold quotes or control characters). */
static void json_str(scx_buf *b, const char *s)
{
    scx_buf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\') {
            scx_buf_printf(b, "\\%c", *p);
        } else if (*p < 0x20) {
            scx_buf_printf(b, "\\u%04x", *p);
        } else {
            scx_buf_append(b, (const char *)p, 1);
        }
    }
    scx_buf_puts(b, "\"");
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
    json_str(&doc, sc_game_title(g) && *sc_game_title(g) ? sc_game_title(g) : name);
    scx_buf_puts(&doc, ",\"players\":[");
    for (size_t p = 0; p < sc_game_players(g); p++) {
        scx_buf_puts(&doc, p ? ",{\"label\":" : "{\"label\":");
        json_str(&doc, sc_game_player_label(g, p));
        scx_buf_puts(&doc, ",\"strategies\":[");
        for (size_t k = 0; k < sc_game_strategies(g, p); k++) {
            scx_buf_puts(&doc, k ? "," : "");
            json_str(&doc, sc_game_strategy_label(g, p, k));
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

/* Statecraft's long options; values above the char range so they never meet a short one. */
enum {
    OPT_METHOD = 256,
    OPT_PATH,
    OPT_TIME_LIMIT,
    OPT_CHECK,
    OPT_VERSION,
    OPT_OUTPUT,
    OPT_HELP,
    OPT_FORMAT
};

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

static int solve_main(const char *cmd, const gambit_tool *fixed, int argc, char **argv)
{
    static const struct option longopts[] = {
        {"method", required_argument, NULL, OPT_METHOD},
        {"path", no_argument, NULL, OPT_PATH},
        {"time-limit", required_argument, NULL, OPT_TIME_LIMIT},
        {"check", no_argument, NULL, OPT_CHECK},
        {"output", required_argument, NULL, OPT_OUTPUT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"help", no_argument, NULL, OPT_HELP},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0}};
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
    int decimals = -1, check = 0, detail = 0, subgame = 0, final_only = 0, c, rc;
    const char *outp = NULL, *pert_file = NULL;
    sc_format format = SC_FORMAT_TEXT;
    char opts[128];
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, t->optstring, longopts, NULL)) != -1) {
        double v;
        uint64_t u;
        int k = 0;
        switch (c) {
        case 'h':
        case OPT_HELP:
            print_usage(cmd, named || fixed ? t : NULL);
            return SC_EXIT_OK;
        case 'v':
        case OPT_VERSION:
            printf("statecraft %s (%s%s)\n", sc_version(), fixed ? "gambit-" : "solve --method ",
                   t->name);
            return SC_EXIT_OK;
        case OPT_METHOD:
            if (fixed) {
                return cli_usage_error(cmd,
                                       "--method: gambit-%s is one method; use "
                                       "'statecraft solve --method M' to choose",
                                       t->name);
            }
            break; /* read by prescan_method */
        case 'q':
            break;
        case 'd':
            if ((rc = cli_parse_u64(cmd, "-d", optarg, &u)) != SC_EXIT_OK) {
                return rc;
            }
            if (u > 60) {
                return cli_usage_error(cmd, "-d must be at most 60");
            }
            decimals = (int)u;
            break;
        case 'D':
            detail = t->method != SC_GAME_ENUMMIXED; /* enummixed -D: no dominance elimination */
            break;
        case 'L':
            if (t->method == SC_GAME_LOGIT) {
                return not_supported(cmd, t, c, "no maximum-likelihood estimation");
            }
            break; /* enummixed -L (lrslib): the same extreme equilibria */
        case 'S':
            o.strategic = 1;
            break;
        case 'A':
            o.agent = 1;
            break;
        case 'P':
            subgame = 1;
            break;
        case 'c':
            if (t->method == SC_GAME_GNM) {
                if ((rc = parse_count(cmd, "-c", optarg, &o.gnm_steps)) != SC_EXIT_OK) {
                    return rc;
                }
            } else {
                o.components = 1;
            }
            break;
        case 'f':
            if ((rc = parse_count(cmd, "-f", optarg, &o.gnm_lnm_freq)) != SC_EXIT_OK) {
                return rc;
            }
            break;
        case 'i':
            if ((rc = parse_count(cmd, "-i", optarg,
                                  t->method == SC_GAME_LIAP ? &o.liap_iterations
                                                            : &o.gnm_lnm_max)) != SC_EXIT_OK) {
                return rc;
            }
            break;
        case 'e':
            if (t->method == SC_GAME_LOGIT) {
                final_only = 1;
                break;
            }
            if ((rc = cli_parse_u64(cmd, "-e", optarg, &u)) != SC_EXIT_OK) {
                return rc;
            }
            o.max_equilibria = (size_t)u;
            break;
        case 'r':
            if (t->method == SC_GAME_SIMPDIV) {
                return not_supported(cmd, t, c, "simpdiv starts from Gambit's default point");
            }
            if ((rc = cli_parse_u64(cmd, "-r", optarg, &u)) != SC_EXIT_OK) {
                return rc;
            }
            o.max_depth = u > 1000000 ? 1000000 : (int)u;
            break;
        case 'm':
            if (t->method == SC_GAME_GNM) {
                return not_supported(cmd, t, c, "statecraft's gnm follows the path to its end");
            }
            if ((rc = cli_parse_double(cmd, "-m", optarg, &v)) != SC_EXIT_OK) {
                return rc;
            }
            if (!(v > 0 && v < 1)) {
                return cli_usage_error(cmd, "-m must be in (0, 1)");
            }
            o.max_regret = v;
            break;
        case 's':
            if (t->method == SC_GAME_GNM || t->method == SC_GAME_IPA ||
                t->method == SC_GAME_LIAP) {
                pert_file = optarg; /* liap: starting profiles */
                break;
            }
            if (t->method == SC_GAME_LOGIT) {
                if ((rc = cli_parse_double(cmd, "-s", optarg, &v)) != SC_EXIT_OK) {
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
            if ((rc = cli_parse_u64(cmd, "-g", optarg, &u)) != SC_EXIT_OK) {
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
            if ((rc = parse_count(cmd, "-n", optarg, &k)) != SC_EXIT_OK) {
                return rc;
            }
            o.starts = (size_t)k;
            break;
        case 'R':
            if (t->method == SC_GAME_SIMPDIV) {
                return not_supported(cmd, t, c, "simpdiv starts from Gambit's default point");
            }
            if ((rc = cli_parse_u64(cmd, "-R", optarg, &u)) != SC_EXIT_OK) {
                return rc;
            }
            o.seed = u;
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
            if ((rc = cli_parse_double(cmd, "--time-limit", optarg, &v)) != SC_EXIT_OK) {
                return rc;
            }
            if (!(v > 0)) {
                return cli_usage_error(cmd, "--time-limit must be > 0");
            }
            o.time_limit = v;
            break;
        case OPT_CHECK:
            check = 1;
            break;
        case OPT_FORMAT:
            if (cli_parse_format(cmd, optarg, "text csv html", &format) != SC_EXIT_OK) {
                return SC_EXIT_USAGE;
            }
            break;
        case 'o':
        case OPT_OUTPUT:
            outp = optarg;
            break;
        case ':':
            return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
        default:
            list_options(t, opts, sizeof opts);
            if (optopt > 0 && optopt < 128) {
                return cli_usage_error(cmd, "-%c is not an option of gambit-%s (it takes %s)",
                                       optopt, t->name, opts);
            }
            return cli_getopt_unknown(cmd, argv[optind - 1], longopts);
        }
    }
    o.path = t->method == SC_GAME_LOGIT && !final_only;
    if (optind < argc - 1) {
        return cli_usage_error(cmd, "expected one GAME.nfg or GAME.efg (or none: standard "
                                    "input)");
    }
    const char *path = optind < argc ? argv[optind] : NULL;
    const char *name = path && strcmp(path, "-") != 0 ? path : "<stdin>";
    if ((rc = cli_check_output(outp)) != SC_EXIT_OK) {
        return rc;
    }
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
    sc_status st = e ? sc_efg_solve(e, &o, &sol, &diag) : sc_game_solve(g, &o, &sol, &diag);
    cli_interrupt_end();
    int interrupted = st == SC_ELIMIT && cli_interrupted;
    free(perts);
    if (interrupted && (!sol || sc_game_solution_count(sol) == 0)) {
        cli_interrupt_note(cmd, "no equilibrium found before it");
        if (outp) {
            fprintf(stderr, "statecraft: %s not written: the run was interrupted\n", outp);
        }
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
        if (outp) {
            fprintf(stderr, "statecraft: %s not written: the run was interrupted; the partial "
                            "results follow on standard output\n",
                    outp);
        }
        cli_write_text(NULL, out, len);
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
    run_solve, NULL};
