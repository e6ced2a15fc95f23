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

#include "cli.h"

static const char usage[] =
    "usage: statecraft solve [--method M] [-d DIGITS] [-c] [-e N] [-r DEPTH] [-m REGRET] [-S]\n"
    "                        [-A] [--path] [--time-limit SECONDS] [--check] [--format text|html]\n"
    "                        [-o OUT] [GAME]\n"
    "\n"
    "Nash equilibria of a game in Gambit's formats (.nfg either version, or .efg; told apart by\n"
    "content; standard input without GAME), one line per equilibrium:\n"
    "NE,p_1_1,...,p_N_nN (probabilities player by player in file order; for an .efg, behaviour\n"
    "probabilities information set by information set).\n"
    "  --method M       enumpure   all pure equilibria, any number of players (default)\n"
    "                   enummixed  all extreme equilibria, two players, exact\n"
    "                   lcp        Lemke-Howson from every label, two players, exact; .efg:\n"
    "                              Lemke on the sequence form\n"
    "                   lp         linear programming, two-player constant-sum, exact; .efg:\n"
    "                              the sequence form\n"
    "                   logit      logit quantal-response path to an equilibrium, any players;\n"
    "                              .efg: the agent QRE\n"
    "                   simpdiv    simplicial subdivision, any players, grid rationals\n"
    "                   spe        .efg of perfect information: every pure subgame-perfect\n"
    "                              equilibrium by backward induction\n"
    "                   gnm        global Newton method (Govindan-Wilson), any players\n"
    "                   ipa        iterated polymatrix approximation, any players\n"
    "  -S               .efg: solve the reduced strategic form instead\n"
    "  -A               enumpure on .efg: pure agent-form equilibria\n"
    "  -d DIGITS        print decimals with DIGITS places instead of exact fractions\n"
    "  -c               enummixed: also the maximal convex sets (convex-K,... lines)\n"
    "  -e N             lcp: stop after N equilibria\n"
    "  -r DEPTH         lcp: limit the recursion from found equilibria\n"
    "  -m REGRET        logit/simpdiv: stop at this regret relative to the payoff range\n"
    "  --path           logit: print the traced branch (lambda,p...) before the NE line\n"
    "  --time-limit S   give up after S seconds of CPU time (exit status 1)\n"
    "  --check          print each equilibrium's largest regret to stderr\n"
    "  -q               accepted for Gambit compatibility (statecraft prints no banner)\n"
    "  --format F       text (Gambit's lines, default) or html: for --method logit on a .nfg\n"
    "                   game, one page with the traced branch, lambda against every strategy's\n"
    "                   probability (chart and table)\n"
    "  -o OUT           write to OUT atomically instead of standard output\n";

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
            snprintf(diag.file, sizeof diag.file, "%s", path && strcmp(path, "-") ? path : "<stdin>");
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

static int run_solve(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"method", required_argument, NULL, 'M'}, {"path", no_argument, NULL, 'P'},
        {"time-limit", required_argument, NULL, 'T'}, {"check", no_argument, NULL, 'K'},
        {"format", required_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    int decimals = -1, check = 0, c, rc;
    sc_format format = SC_FORMAT_TEXT;
    const char *outp = NULL;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "hd:ce:r:m:qo:SA", longopts, NULL)) != -1) {
        double v;
        uint64_t u;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            return SC_EXIT_OK;
        case 'M':
            if (sc_game_method_parse(optarg, &o.method, NULL) != SC_OK) {
                return cli_usage_error("solve", "unknown method '%s' (enumpure, enummixed, lcp, "
                                                "logit, simpdiv)",
                                       optarg);
            }
            break;
        case 'd':
            if ((rc = cli_parse_u64("solve", "-d", optarg, &u)) != SC_EXIT_OK) {
                return rc;
            }
            if (u > 60) {
                return cli_usage_error("solve", "-d must be at most 60");
            }
            decimals = (int)u;
            break;
        case 'c':
            o.components = 1;
            break;
        case 'e':
            if ((rc = cli_parse_u64("solve", "-e", optarg, &u)) != SC_EXIT_OK) {
                return rc;
            }
            o.max_equilibria = (size_t)u;
            break;
        case 'r':
            if ((rc = cli_parse_u64("solve", "-r", optarg, &u)) != SC_EXIT_OK) {
                return rc;
            }
            o.max_depth = u > 1000000 ? 1000000 : (int)u;
            break;
        case 'm':
            if ((rc = cli_parse_double("solve", "-m", optarg, &v)) != SC_EXIT_OK) {
                return rc;
            }
            if (!(v > 0 && v < 1)) {
                return cli_usage_error("solve", "-m must be in (0, 1)");
            }
            o.max_regret = v;
            break;
        case 'P':
            o.path = 1;
            break;
        case 'T':
            if ((rc = cli_parse_double("solve", "--time-limit", optarg, &v)) != SC_EXIT_OK) {
                return rc;
            }
            if (!(v > 0)) {
                return cli_usage_error("solve", "--time-limit must be > 0");
            }
            o.time_limit = v;
            break;
        case 'K':
            check = 1;
            break;
        case 'F':
            if (cli_parse_format("solve", optarg, "text html", &format) != SC_EXIT_OK) {
                return SC_EXIT_USAGE;
            }
            break;
        case 'S':
            o.strategic = 1;
            break;
        case 'A':
            o.agent = 1;
            break;
        case 'q':
            break;
        case 'o':
            outp = optarg;
            break;
        default:
            return cli_usage_error("solve", "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
    }
    if (optind < argc - 1) {
        return cli_usage_error("solve", "expected one GAME.nfg or GAME.efg (or none: standard "
                                        "input)");
    }
    const char *path = optind < argc ? argv[optind] : NULL;
    const char *name = path && strcmp(path, "-") != 0 ? path : "<stdin>";
    sc_game *g = NULL;
    if ((rc = cli_check_output(outp)) != SC_EXIT_OK) {
        return rc;
    }
    if (format == SC_FORMAT_HTML && o.method != SC_GAME_LOGIT) {
        return cli_usage_error("solve", "--format html draws the logit branch: use it with "
                                        "--method logit (the other methods' answers are the "
                                        "text lines)");
    }
    sc_efg *e = NULL;
    if ((rc = cli_load_any_game(path, &g, &e)) != SC_EXIT_OK) {
        return rc;
    }
    if (format == SC_FORMAT_HTML && e) {
        sc_efg_free(e);
        return cli_usage_error("solve", "--format html draws the logit branch of a strategic-form "
                                        "game (.nfg); %s is a game tree",
                               name);
    }
    if (format == SC_FORMAT_HTML) {
        o.path = 1; /* the page draws the branch */
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_game_solution *sol = NULL;
    sc_status st = e ? sc_efg_solve(e, &o, &sol, &diag) : sc_game_solve(g, &o, &sol, &diag);
    if (st != SC_OK && !sol) {
        rc = st == SC_EUNSUPPORTED || st == SC_EINVAL ? SC_EXIT_USAGE : SC_EXIT_FAILURE;
        fprintf(stderr, "statecraft solve: %s: error: %s\n", name, diag.message);
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
    if (format == SC_FORMAT_HTML) {
        rc = st == SC_OK ? logit_page(g, name, sol, outp) : SC_EXIT_FAILURE;
    } else if (sc_game_solution_format(sol, decimals, &out, &len, &fdiag) != SC_OK) {
        rc = cli_fail(&fdiag);
    } else {
        rc = st == SC_OK || !outp ? cli_write_text(outp, out, len) : SC_EXIT_FAILURE;
    }
    if (st != SC_OK) {
        fprintf(stderr, "statecraft solve: %s: error: %s (%zu found before it)\n", name,
                diag.message, sc_game_solution_count(sol));
        rc = SC_EXIT_FAILURE;
    }
    if (check && rc == SC_EXIT_OK) {
        double worst = sc_game_solution_behaviour(sol) ? sc_efg_solution_max_regret(e, sol)
                       : e ? (double)NAN
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

const sc_cli_command sc_cli_command_solve = {
    "solve", "Nash equilibria of a Gambit .nfg game (enumpure, enummixed, lcp, logit, simpdiv)",
    run_solve, NULL};
