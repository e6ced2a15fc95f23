/* SPDX-License-Identifier: MIT */
/*
 * `statecraft game`: utilities on Gambit games that are not solvers: converting between the two
 * .nfg versions and from an .efg tree to its reduced strategic form (or back to .efg), and
 * checking any profile (e.g. another tool's output) for equilibrium.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_opt.h"

static const char usage[] =
    "usage: statecraft game convert [--to outcome|payoff|efg] [-o OUT] [GAME.nfg|GAME.efg]\n"
    "       statecraft game check GAME.nfg [PROFILE | --from FILE] [--tolerance T]\n"
    "                             [--format text|json|csv] [-o OUT]\n"
    "       statecraft game export --efg [--uncertain] [SCENARIO] [STATE] [-o OUT]\n"
    "\n"
    "convert  rewrites the game in the other .nfg version (or the one given by --to): the\n"
    "         outcome version lists each distinct payoff vector once; the payoff version lists\n"
    "         every profile's payoffs. Labels and exact payoffs are kept. An extensive game\n"
    "         (.efg) becomes its reduced strategic form exactly as Gambit converts it (payoff\n"
    "         version unless --to outcome), or with --to efg is written back as a tree.\n"
    "         Without GAME the game is read from standard input.\n"
    "check    each player's regret (best pure deviation minus the profile's payoff) at a mixed\n"
    "         profile, given as p_1_1,...,p_N_nN (fractions a/b allowed), or at every NE,...\n"
    "         line of FILE (e.g. a Gambit tool's output). Exit status 1 if one is not an\n"
    "         equilibrium within the tolerance (relative to the payoff range, default 1e-9).\n"
    "         --format csv: one row per profile (the profile, each player's regret, the\n"
    "         largest relative regret, whether it is an equilibrium); json: the same records.\n"
    "         -o OUT writes atomically, and nothing when a profile is bad input.\n"
    "export   writes the scenario's ceasefire negotiation as a Gambit .efg tree (the mediator\n"
    "         proposes, the guarantor may add troops, the belligerents accept or reject;\n"
    "         --uncertain: each side's cost of fighting on private). See 'game export --help'.\n";

/* Parses "0.5" or "1/3" (the whole text). */
static int parse_prob(const char *t, double *out)
{
    char *end;
    double a = strtod(t, &end);
    if (end == t) {
        return 0;
    }
    if (*end == '/') {
        const char *d = end + 1;
        double b = strtod(d, &end);
        if (end == d || b == 0) {
            return 0;
        }
        a /= b;
    }
    *out = a;
    return *end == '\0' && isfinite(a);
}

/* The shortest decimal text that reads back to v (CSV cells, as the result document's numbers). */
static void put_shortest(scx_buf *b, double v)
{
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) {
            break;
        }
    }
    scx_buf_puts(b, buf);
}

/* The output of game check in its format: text lines, CSV rows or JSON records. */
typedef struct check_out {
    sc_format format;
    scx_buf text; /* text and CSV */
    json_t *records;
} check_out;

/* Checks one profile text (comma-separated, optional leading "NE,"); 0 ok, 1 not Nash, 2 bad. */
static int check_one(const sc_game *g, const char *text, double tol, double range, check_out *o)
{
    size_t n = sc_game_players(g), width = 0;
    for (size_t p = 0; p < n; p++) {
        width += sc_game_strategies(g, p);
    }
    if (strncmp(text, "NE,", 3) == 0) {
        text += 3;
    }
    double *prof = calloc(width, sizeof *prof), *regret = calloc(n, sizeof *regret);
    char *copy = strdup(text);
    int status = 2;
    size_t k = 0;
    if (!prof || !regret || !copy) {
        goto done;
    }
    for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        tok[strcspn(tok, "\r\n ")] = '\0';
        if (k >= width || !parse_prob(tok, &prof[k]) || prof[k] < 0 || prof[k] > 1) {
            fprintf(stderr, "statecraft game check: bad probability '%s' (entry %zu)\n", tok,
                    k + 1);
            goto done;
        }
        k++;
    }
    if (k != width) {
        fprintf(stderr, "statecraft game check: %zu probabilities, the game needs %zu\n", k,
                width);
        goto done;
    }
    size_t off = 0;
    for (size_t p = 0; p < n; p++) {
        double sum = 0;
        for (size_t s = 0; s < sc_game_strategies(g, p); s++) {
            sum += prof[off + s];
        }
        if (fabs(sum - 1) > 1e-6) {
            fprintf(stderr, "statecraft game check: player %zu's probabilities sum to %.9g\n",
                    p + 1, sum);
            goto done;
        }
        off += sc_game_strategies(g, p);
    }
    if (sc_game_regret(g, prof, regret, NULL) != SC_OK) {
        goto done;
    }
    double worst = 0;
    for (size_t p = 0; p < n; p++) {
        worst = regret[p] / range > worst ? regret[p] / range : worst;
    }
    status = worst <= tol ? 0 : 1;
    /* the profile as given, without the line's end */
    size_t plen = strcspn(text, "\r\n");
    char *profile = strndup(text, plen);
    if (!profile) {
        status = 2;
        goto done;
    }
    if (o->format == SC_FORMAT_CSV) {
        scx_csv_field(&o->text, profile);
        for (size_t p = 0; p < n; p++) {
            scx_buf_puts(&o->text, ",");
            put_shortest(&o->text, regret[p]);
        }
        scx_buf_puts(&o->text, ",");
        put_shortest(&o->text, worst);
        scx_buf_puts(&o->text, status ? ",false\r\n" : ",true\r\n");
    } else if (o->format == SC_FORMAT_JSON) {
        json_t *r = json_array();
        for (size_t p = 0; p < n; p++) {
            json_array_append_new(r, json_real(regret[p]));
        }
        json_array_append_new(o->records,
                              json_pack("{s:s, s:o, s:f, s:b}", "profile", profile, "regrets", r,
                                        "max_relative", worst, "equilibrium", !status));
    } else {
        scx_buf_puts(&o->text, "regret");
        for (size_t p = 0; p < n; p++) {
            scx_buf_printf(&o->text, " %.6g", regret[p]);
        }
        scx_buf_printf(&o->text, "  max relative %.3g: %s\n", worst,
                       status ? "NOT an equilibrium" : "equilibrium");
    }
    free(profile);
done:
    free(prof);
    free(regret);
    free(copy);
    return status;
}

static int run_check(int argc, char **argv)
{
    static const struct option longopts[] = {{"from", required_argument, NULL, 'f'},
                                              {"tolerance", required_argument, NULL, 't'},
                                              {"format", required_argument, NULL, 'F'},
                                              {"output", required_argument, NULL, 'o'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    const char *from = NULL, *outp = NULL;
    double tol = 1e-9;
    sc_format format = SC_FORMAT_TEXT;
    int c, rc;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            return SC_EXIT_OK;
        case 'F':
            if ((rc = cli_parse_format("game check", optarg, "text json csv", &format)) != 0) {
                return rc;
            }
            break;
        case 'o':
            outp = optarg;
            break;
        case 'f':
            from = optarg;
            break;
        case 't':
            if ((rc = cli_parse_double("game check", "--tolerance", optarg, &tol)) != 0) {
                return rc;
            }
            if (!(tol >= 0)) {
                return cli_usage_error("game check", "--tolerance must be >= 0");
            }
            break;
        default:
            return cli_getopt_unknown("game check", argv[optind - 1], longopts);
        }
    }
    if (argc - optind != (from ? 1 : 2)) {
        return cli_usage_error("game check", "expected GAME.nfg and a PROFILE or --from FILE");
    }
    if ((rc = cli_check_output(outp)) != SC_EXIT_OK) {
        return rc;
    }
    sc_game *g = NULL;
    if ((rc = cli_load_game(argv[optind], &g)) != SC_EXIT_OK) {
        return rc;
    }
    double lo, hi;
    sc_game_payoff_bounds(g, &lo, &hi);
    double range = hi > lo ? hi - lo : 1;
    int status = 0;
    check_out o;
    o.format = format;
    o.records = json_array();
    scx_buf_init(&o.text);
    if (format == SC_FORMAT_CSV) {
        /* a header naming each player's regret column */
        scx_buf_puts(&o.text, "profile");
        for (size_t p = 0; p < sc_game_players(g); p++) {
            char col[300];
            const char *label = sc_game_player_label(g, p);
            if (label && label[0]) {
                snprintf(col, sizeof col, "regret %s", label);
            } else {
                snprintf(col, sizeof col, "regret player %zu", p + 1);
            }
            scx_buf_puts(&o.text, ",");
            scx_csv_field(&o.text, col);
        }
        scx_buf_puts(&o.text, ",max_relative,equilibrium\r\n");
    }
    if (!from) {
        status = check_one(g, argv[optind + 1], tol, range, &o);
    } else {
        FILE *fp = fopen(from, "r");
        if (!fp) {
            perror(from);
            sc_game_free(g);
            return SC_EXIT_USAGE;
        }
        char *line = NULL;
        size_t cap = 0, lines = 0;
        while (getline(&line, &cap, fp) > 0) {
            if (strncmp(line, "NE,", 3) != 0) {
                continue; /* path, convex-K and banner lines */
            }
            lines++;
            int s = check_one(g, line, tol, range, &o);
            status = s > status ? s : status;
        }
        free(line);
        fclose(fp);
        if (lines == 0) {
            fprintf(stderr, "statecraft game check: %s has no NE,... lines\n", from);
            status = SC_EXIT_USAGE;
        }
    }
    /* bad input writes nothing; a profile that is not an equilibrium is a result (exit 1) */
    if (status != 2 && status != SC_EXIT_USAGE) {
        if (format == SC_FORMAT_JSON) {
            json_t *doc = json_pack("{s:s, s:f, s:f, s:O}", "game", argv[optind], "tolerance", tol,
                                    "payoff_range", range, "profiles", o.records);
            char *text = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                                                   JSON_REAL_PRECISION(17))
                             : NULL;
            if (text) {
                scx_buf_puts(&o.text, text);
                scx_buf_puts(&o.text, "\n");
            } else {
                o.text.error = SC_ENOMEM;
            }
            free(text);
            json_decref(doc);
        }
        rc = cli_write_output(outp, &o.text);
        if (rc != SC_EXIT_OK) {
            status = rc;
        }
    }
    scx_buf_destroy(&o.text);
    json_decref(o.records);
    sc_game_free(g);
    return status == 2 ? SC_EXIT_USAGE : status;
}

static int run_convert(int argc, char **argv)
{
    static const struct option longopts[] = {{"to", required_argument, NULL, 't'},
                                              {"output", required_argument, NULL, 'o'},
                                              {"format", required_argument, NULL, 'F'},
                                              {"help", no_argument, NULL, 'h'},
                                              {NULL, 0, NULL, 0}};
    const char *to = NULL, *outp = NULL;
    int c, rc;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            return SC_EXIT_OK;
        case 't':
            if (strcmp(optarg, "outcome") != 0 && strcmp(optarg, "payoff") != 0 &&
                strcmp(optarg, "efg") != 0) {
                return cli_usage_error("game convert", "--to must be outcome, payoff or efg, "
                                                       "not '%s'",
                                       optarg);
            }
            to = optarg;
            break;
        case 'o':
            outp = optarg;
            break;
        case 'F':
            /* a game file, not a table: no text, CSV or HTML rendering to choose */
            return cli_usage_error("game convert", "--format %s: 'game convert' writes a game; "
                                                   "its formats are chosen with --to outcome, "
                                                   "payoff or efg",
                                   optarg);
        default:
            return cli_getopt_unknown("game convert", argv[optind - 1], longopts);
        }
    }
    if (optind < argc - 1) {
        return cli_usage_error("game convert", "expected one GAME.nfg or GAME.efg (or none: "
                                               "standard input)");
    }
    const char *path = optind < argc ? argv[optind] : NULL;
    sc_game *g = NULL;
    sc_efg *e = NULL;
    if ((rc = cli_check_output(outp)) != SC_EXIT_OK) {
        return rc;
    }
    if ((rc = cli_load_any_game(path, &g, &e)) != SC_EXIT_OK) {
        return rc;
    }
    char *out = NULL;
    size_t len = 0;
    sc_diag diag;
    sc_diag_init(&diag);
    sc_status st = SC_OK;
    if (e && to && strcmp(to, "efg") == 0) {
        st = sc_efg_write(e, &out, &len, &diag); /* the tree written back in Gambit's layout */
    } else if (!e && to && strcmp(to, "efg") == 0) {
        rc = cli_usage_error("game convert", "--to efg needs an extensive-form game (.efg); a "
                                             "strategic-form game has no tree");
    } else {
        if (e) {
            st = sc_efg_reduced_form(e, &g, &diag); /* Gambit writes it in the payoff version */
        }
        if (st == SC_OK) {
            sc_nfg_version v = to ? (strcmp(to, "payoff") == 0 ? SC_NFG_PAYOFF : SC_NFG_OUTCOME)
                               : e ? SC_NFG_PAYOFF
                               : sc_game_version(g) == SC_NFG_PAYOFF ? SC_NFG_OUTCOME
                                                                     : SC_NFG_PAYOFF;
            st = sc_game_write_nfg(g, v, &out, &len, &diag);
        }
    }
    if (rc == SC_EXIT_OK) {
        rc = st != SC_OK ? cli_fail(&diag) : cli_write_text(outp, out, len);
    }
    sc_free(out);
    sc_game_free(g);
    sc_efg_free(e);
    return rc;
}

enum { O_EFG = 1, O_UNCERTAIN };

static const cli_opt export_options[] = {
    {O_EFG, 0, "efg", CLI_FLAG, 0, NULL, "Gambit's extensive-form format (the only one, and the default)",
     NULL, 0, 0, CLI_NAMES_NONE},
    {O_UNCERTAIN, 0, "uncertain", CLI_FLAG, 0, NULL,
     "each belligerent's cost of fighting on is private, low or high (a chance move at the\n"
     "root and information sets); without it every move is observed",
     NULL, 0, 0, CLI_NAMES_NONE},
    CLI_OPTS_STATE,
    CLI_OPT_OUTPUT,
    CLI_OPT_TABLE_END};

static const cli_spec export_spec = {
    .name = "game export",
    .summary = "the scenario's ceasefire negotiation as a Gambit .efg game tree",
    .synopsis = "--efg [--uncertain] [SCENARIO] [STATE] [-o FILE]",
    .description =
        "Builds the ceasefire negotiation of the scenario's war section in the chosen state (the\n"
        "built-in scenario without SCENARIO; after all its events by default) and writes it as a\n"
        "Gambit .efg tree: the mediator proposes terms, the guarantor may attach troops at a\n"
        "cost, A and then B accept or reject, and a rejection leaves the war going on at the war\n"
        "model's continuation values (docs/models/games.md, \"The ceasefire negotiation\"). The\n"
        "file solves with statecraft solve or Gambit's tools.\n",
    .options = export_options,
    .formats = "efg",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft game export --efg --variant retrench -o retrench.efg\n"
                "the negotiation under the retrenching US posture\n"
                "\n"
                "statecraft game export --efg --uncertain | statecraft solve --method logit -e\n"
                "the sequential game with private costs, solved by the agent logit QRE\n",
    .see_also = "statecraft-solve(1), statecraft-run(1), docs/models/games.md"};

static int run_export(int argc, char **argv)
{
    cli_parser cp;
    cli_parse_begin(&cp, &export_spec, argc, argv);
    int uncertain = 0, c, rc;
    while ((c = cli_next(&cp)) > 0) {
        if (c == O_UNCERTAIN) {
            uncertain = 1;
        }
    }
    if (c == CLI_STOP) {
        cli_parse_end(&cp);
        return cp.status;
    }
    if (cp.n_operands > 1) {
        rc = cli_parser_error(&cp, "expected at most one SCENARIO, got '%s' and '%s'",
                              cp.operands[0], cp.operands[1]);
        cli_parse_end(&cp);
        return rc;
    }
    sc_scenario *s = NULL;
    rc = cli_load_state_of(&cp, cp.n_operands ? cp.operands[0] : NULL, NULL, &s);
    if (rc != SC_EXIT_OK) {
        cli_parse_end(&cp);
        return rc;
    }
    sc_diag diag;
    sc_diag_init(&diag);
    sc_ceasefire *cf = NULL;
    if (sc_ceasefire_solve(s, uncertain, &cf, &diag) != SC_OK) {
        rc = cli_fail(&diag);
    } else {
        rc = cli_write_text(cp.output, cf->efg, strlen(cf->efg));
    }
    sc_ceasefire_free(cf);
    sc_scenario_free(s);
    cli_parse_end(&cp);
    return rc;
}

static int run_game(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? SC_EXIT_USAGE : SC_EXIT_OK;
    }
    if (strcmp(argv[1], "convert") == 0) {
        return run_convert(argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "check") == 0) {
        return run_check(argc - 1, argv + 1);
    }
    if (strcmp(argv[1], "export") == 0) {
        return run_export(argc - 1, argv + 1);
    }
    return cli_usage_error("game", "unknown action '%s' (convert, check, export)", argv[1]);
}

const sc_cli_command sc_cli_command_game = {
    "game", "Convert games (.nfg versions, .efg to its reduced strategic form); check profiles; export the ceasefire negotiation (.efg)",
    run_game, NULL};
