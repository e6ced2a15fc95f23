/* SPDX-License-Identifier: MIT */
/*
 * `statecraft game`: utilities on Gambit games that are not solvers: converting between the two
 * .nfg versions and from an .efg tree to its reduced strategic form (or back to .efg), and
 * checking any profile (e.g. another tool's output) for equilibrium.
 */
#define _GNU_SOURCE
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_opt.h"

enum { O_FROM = 10, O_TOLERANCE, O_CHECK_OUTPUT, O_TO, O_CONVERT_FORMAT };

static const char *const convert_to[] = {"outcome", "payoff", "efg", NULL};

static const cli_opt convert_options[] = {
    {O_TO, 0, "to", CLI_CHOICE, 0, "V",
     "the version written: outcome (each distinct payoff vector once), payoff\n"
     "(every profile's payoffs) or efg (a tree written back as a tree); default:\n"
     "the other .nfg version, and the payoff version for a tree",
     convert_to, 0, 0, CLI_NAMES_NONE},
    /* not a table: refused with the message naming --to */
    {O_CONVERT_FORMAT, 0, "format", CLI_STRING, CLI_HIDDEN, "F", NULL, NULL, 0, 0, CLI_NAMES_NONE},
    CLI_OPT_OUTPUT,
    CLI_OPT_TABLE_END};

static const cli_spec convert_spec = {
    .name = "game convert",
    .summary = "a game in the other .nfg version, or a tree as its reduced strategic form",
    .synopsis = "[--to outcome|payoff|efg] [-o FILE] [GAME.nfg|GAME.efg]",
    .description =
        "Rewrites the game in the other .nfg version (or the one given by --to): the outcome\n"
        "version lists each distinct payoff vector once; the payoff version lists every\n"
        "profile's payoffs. Labels and exact payoffs are kept. An extensive game (.efg) becomes\n"
        "its reduced strategic form exactly as Gambit converts it (payoff version unless --to\n"
        "outcome), or with --to efg is written back as a tree. Without GAME the game is read\n"
        "from standard input.\n",
    .options = convert_options,
    .formats = NULL,
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft game convert --to outcome examples/chicken.nfg\n"
                "the example game in the outcome version\n"};

static const cli_opt check_options[] = {
    {O_FROM, 0, "from", CLI_FILE, 0, "FILE",
     "check every NE,... line of FILE (e.g. a Gambit tool's output) instead of\n"
     "one PROFILE",
     NULL, 0, 0, CLI_NAMES_FILE},
    {O_TOLERANCE, 0, "tolerance", CLI_NUMBER, 0, "T",
     "an equilibrium within T of regret relative to the payoff range (default\n1e-9)", NULL, 0,
     1e300, CLI_NAMES_NONE},
    CLI_OPT_FORMAT,
    /* written by the command itself: a profile that is not an equilibrium is a result (exit 1)
       that is still written */
    {O_CHECK_OUTPUT, 'o', "output", CLI_STRING, 0, "FILE",
     "write to FILE instead of standard output, atomically; nothing is written\n"
     "when a profile is bad input",
     NULL, 0, 0, CLI_NAMES_FILE},
    CLI_OPT_TABLE_END};

static const cli_spec check_spec = {
    .name = "game check",
    .summary = "each player's regret at a profile: is it an equilibrium?",
    .synopsis = "GAME.nfg (PROFILE | --from FILE) [--tolerance T] [--format text|json|csv] [-o FILE]",
    .description =
        "Each player's regret (best pure deviation minus the profile's payoff) at a mixed profile,\n"
        "given as p_1_1,...,p_N_nN (fractions a/b allowed), or at every NE,... line of FILE.\n"
        "Exit status 1 if one is not an equilibrium within the tolerance. --format csv: one row\n"
        "per profile (the profile, each player's regret, the largest relative regret, whether it\n"
        "is an equilibrium); json: the same records.\n",
    .options = check_options,
    .formats = "text json csv",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft game check examples/chicken.nfg 1/2,1/2,1/2,1/2\n"
                "is the mixed profile an equilibrium of the example game?\n"
                "\n"
                "statecraft solve --method lcp examples/chicken.nfg > ne.txt && statecraft game "
                "check examples/chicken.nfg --from ne.txt\n"
                "checks every equilibrium another tool printed\n"};

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
    const char *from = NULL, *outp = NULL;
    double tol = 1e-9;
    int c, rc = SC_EXIT_OK;
    cli_parser cp;
    cli_parse_begin(&cp, &check_spec, argc, argv);
    while ((c = cli_next(&cp)) > 0) {
        switch (c) {
        case O_FROM: from = cp.arg; break;
        case O_TOLERANCE: tol = cp.d; break;
        case O_CHECK_OUTPUT: outp = strcmp(cp.arg, "-") == 0 ? NULL : cp.arg; break;
        default: break;
        }
    }
    sc_format format = cp.format;
    const char *game = cp.n_operands ? cp.operands[0] : NULL;
    const char *profile = cp.n_operands > 1 ? cp.operands[1] : NULL;
    if (c == CLI_STOP) {
        rc = cp.status == SC_EXIT_OK ? -1 : cp.status;
    } else if (cp.n_operands != (from ? 1u : 2u)) {
        rc = cli_parser_error(&cp, "expected GAME.nfg and a PROFILE or --from FILE (%zu operand%s "
                                   "given)",
                              cp.n_operands, cp.n_operands == 1 ? "" : "s");
    }
    cli_parse_end(&cp);
    if (rc != SC_EXIT_OK) {
        return rc < 0 ? SC_EXIT_OK : rc;
    }
    if ((rc = cli_check_output(outp)) != SC_EXIT_OK) {
        return rc;
    }
    sc_game *g = NULL;
    if ((rc = cli_load_game(game, &g)) != SC_EXIT_OK) {
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
        status = check_one(g, profile, tol, range, &o);
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
            json_t *doc = json_pack("{s:s, s:f, s:f, s:O}", "game", game, "tolerance", tol,
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
    const char *to = NULL;
    int c, rc = SC_EXIT_OK;
    cli_parser cp;
    cli_parse_begin(&cp, &convert_spec, argc, argv);
    while (rc == SC_EXIT_OK && (c = cli_next(&cp)) > 0) {
        if (c == O_TO) {
            to = cp.arg;
        } else if (c == O_CONVERT_FORMAT) {
            /* a game file, not a table: no text, CSV or HTML rendering to choose */
            rc = cli_parser_error(&cp, "--format %s: 'game convert' writes a game; its formats "
                                       "are chosen with --to outcome, payoff or efg",
                                  cp.arg);
        }
    }
    if (rc == SC_EXIT_OK && c == CLI_STOP) {
        rc = cp.status == SC_EXIT_OK ? -1 : cp.status;
    }
    const char *path = cp.n_operands ? cp.operands[0] : NULL, *outp = cp.output;
    if (rc == SC_EXIT_OK && cp.n_operands > 1) {
        rc = cli_parser_error(&cp, "expected one GAME.nfg or GAME.efg (or none: standard "
                                   "input), got '%s' and '%s'",
                              cp.operands[0], cp.operands[1]);
    }
    cli_parse_end(&cp);
    if (rc != SC_EXIT_OK) {
        return rc < 0 ? SC_EXIT_OK : rc;
    }
    sc_game *g = NULL;
    sc_efg *e = NULL;
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
    rc = cli_load_state(cp.spec->name, cp.n_operands ? cp.operands[0] : NULL, NULL, 0, &cp.state,
                        NULL, &s);
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

static const char *const game_actions[] = {"convert", "check", "export", NULL};
static const cli_spec *const game_subs[] = {&convert_spec, &check_spec, &export_spec, NULL};
static const cli_opt game_no_options[] = {CLI_OPT_TABLE_END};

static const cli_spec game_spec = {
    .name = "game",
    .summary = "Convert games (.nfg versions, .efg to its reduced strategic form); check profiles; "
               "export the ceasefire negotiation (.efg)",
    .synopsis = "convert|check|export [options] [GAME]",
    .description = "Utilities on Gambit games that are not solvers (statecraft solve solves them):\n"
                   "  convert  the other .nfg version, a tree's reduced strategic form, or a tree\n"
                   "  check    each player's regret at a profile: is it an equilibrium?\n"
                   "  export   the scenario's ceasefire negotiation as an .efg tree\n",
    .options = game_no_options,
    .actions = game_actions,
    .subs = game_subs,
    .see_also = "statecraft-solve(1), docs/models/games.md"};

static int run_game(int argc, char **argv)
{
    if (argc < 2) {
        cli_print_help(stderr, &game_spec);
        return SC_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_print_help(stdout, &game_spec);
        return SC_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        cli_print_version(stdout);
        return SC_EXIT_OK;
    }
    static int (*const fns[])(int, char **) = {run_convert, run_check, run_export};
    for (size_t i = 0; game_actions[i]; i++) {
        if (strcmp(argv[1], game_actions[i]) == 0) {
            return fns[i](argc - 1, argv + 1);
        }
    }
    if (argv[1][0] == '-') {
        return cli_usage_error("game", "expected an action before '%s' (convert, check or export)",
                               argv[1]);
    }
    return cli_check_name("game", NULL, "action", argv[1], game_actions, 3);
}

const sc_cli_command sc_cli_command_game = {
    "game",
    "Convert games (.nfg versions, .efg to its reduced strategic form); check profiles; export "
    "the ceasefire negotiation (.efg)",
    run_game, &game_spec};
