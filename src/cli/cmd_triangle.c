/* SPDX-License-Identifier: MIT */
/* `statecraft triangle`: Dittmer's strategic triangle on a scenario or on three numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "statecraft/triangle.h"

enum { O_ACTORS = 1, O_AMITY, O_TAU };

static const cli_opt options[] = {
    {O_ACTORS, 0, "actors", CLI_LIST, 0, "A,B,C",
     "the three actors (scenario ids); default the scenario's `triangle: {actors}`, else\n"
     "USA,RUS,CHN",
     NULL, 0, 0, CLI_NAMES_ACTOR},
    {O_AMITY, 0, "amity", CLI_STRING, 0, "AB,BC,CA",
     "classify these three amities (each in [-1, 1]) instead of a scenario's", NULL, 0, 0,
     CLI_NAMES_NONE},
    {O_TAU, 0, "tau", CLI_NUMBER, CLI_HI_OPEN, "T",
     "neutral dead-band; default the scenario's `triangle: {tau}`, else 0.1", NULL, 0, 0.99,
     CLI_NAMES_NONE},
    CLI_OPTS_STATE,
    CLI_OPT_HEADING("Output:"),
    CLI_OPT_FORMAT,
    CLI_OPT_OUTPUT,
    CLI_OPT_TABLE_END};

static const cli_spec spec = {
    .name = "triangle",
    .summary = "strategic triangle: configuration, roles, role flips",
    .synopsis = "[SCENARIO] [--actors A,B,C] [--tau T] [STATE] [--format text|json|csv] [-o FILE]\n"
                "--amity AB,BC,CA [--tau T] [--format text|json|csv] [-o FILE]",
    .description =
        "Classifies the triangle of three actors in one state of the scenario (the built-in one\n"
        "without SCENARIO; its `triangle:` section chooses the actors and tau, as in statecraft\n"
        "run): configuration (menage a trois, romantic triangle, stable marriage, unit veto),\n"
        "each actor's role and Wu's rank, graded payoffs, and for each actor the smallest change\n"
        "of one relation that changes its role and the least total change that makes it the\n"
        "pivot (docs/models/triangle.md).\n",
    .options = options,
    .formats = "text json csv",
    .operands = CLI_NAMES_FILE,
    .examples = "statecraft triangle --before-events\n"
                "the US-Russia-China triangle at the built-in scenario's baseline date\n"
                "\n"
                "statecraft triangle --amity 0.2,-0.4,0.7\n"
                "three amities, no scenario\n",
    .see_also = "statecraft-run(1), docs/models/triangle.md"};

static int split3(const char *text, char parts[3][64])
{
    const char *p = text;
    for (int i = 0; i < 3; i++) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if (n == 0 || n >= 64 || (i < 2 && !c) || (i == 2 && c)) {
            return 0;
        }
        memcpy(parts[i], p, n);
        parts[i][n] = '\0';
        p = c ? c + 1 : p + n;
    }
    return 1;
}

static void print_json(scx_buf *out, const sc_triangle *t, const char *const ids[3], const sc_triangle_flip f[3][3],
                       const sc_triangle_change piv[3], const char *extra)
{
    scx_buf_printf(out, "{\"model\":\"triangle\",%s\"actors\":[\"%s\",\"%s\",\"%s\"],", extra, ids[0],
           ids[1], ids[2]);
    scx_buf_printf(out, "\"amity\":[%.17g,%.17g,%.17g],\"configuration\":\"%s\",\"balanced\":%s,", t->amity[0],
           t->amity[1], t->amity[2], sc_triangle_config_name(t->config),
           t->balanced ? "true" : "false");
    scx_buf_printf(out, "\"roles\":[");
    for (int i = 0; i < 3; i++) {
        scx_buf_printf(out, "%s{\"actor\":\"%s\",\"role\":\"%s\",\"rank\":%d,\"score\":%d,\"payoff\":%.17g,"
               "\"flips\":[",
               i ? "," : "", ids[i], sc_triangle_role_name(t->role[i]), t->rank[i], t->score[i],
               t->payoff[i]);
        for (int d = 0; d < 3; d++) {
            scx_buf_printf(out, "%s{\"dyad\":\"%s-%s\",\"to\":%.17g,\"delta\":%.17g,\"new_role\":\"%s\","
                   "\"new_configuration\":\"%s\"}",
                   d ? "," : "", ids[d], ids[(d + 1) % 3], f[i][d].to, f[i][d].delta,
                   sc_triangle_role_name(f[i][d].new_role),
                   sc_triangle_config_name(f[i][d].new_config));
        }
        scx_buf_printf(out, "],\"to_pivot\":{\"distance\":%.17g,\"dyads_changed\":%d,\"to\":[%.17g,%.17g,%.17g]}}",
               piv[i].distance, piv[i].dyads_changed, piv[i].to[0], piv[i].to[1], piv[i].to[2]);
    }
    scx_buf_printf(out, "],\"pivot_leverage\":%.17g}\n", t->leverage);
}

static void print_text(const sc_triangle *t, const char *const ids[3], const sc_triangle_flip f[3][3],
                       const sc_triangle_change piv[3], double tau)
{
    printf("Triangle %s-%s-%s (tau %g)\n", ids[0], ids[1], ids[2], tau);
    printf("  amity %s-%s %.3f, %s-%s %.3f, %s-%s %.3f\n", ids[0], ids[1], t->amity[0], ids[1],
           ids[2], t->amity[1], ids[2], ids[0], t->amity[2]);
    printf("  configuration: %s (%s)\n", sc_triangle_config_name(t->config),
           t->config == SC_TRIANGLE_INDETERMINATE ? "a dyad is neutral"
           : t->balanced                          ? "balanced"
                                                  : "unbalanced");
    printf("  %-8s %-8s %4s %5s %8s\n", "actor", "role", "rank", "score", "payoff");
    for (int i = 0; i < 3; i++) {
        printf("  %-8s %-8s %4d %5d %8.3f\n", ids[i], sc_triangle_role_name(t->role[i]),
               t->rank[i], t->score[i], t->payoff[i]);
    }
    if (t->pivot >= 0) {
        printf("  pivot leverage: %.3f\n", t->leverage);
    }
    printf("Role flips (smallest change of one relation):\n");
    for (int i = 0; i < 3; i++) {
        for (int d = 0; d < 3; d++) {
            printf("  %-4s %s-%s %+.3f -> %6.3f: %s, %s\n", ids[i], ids[d], ids[(d + 1) % 3],
                   f[i][d].delta, f[i][d].to, sc_triangle_role_name(f[i][d].new_role),
                   sc_triangle_config_name(f[i][d].new_config));
        }
    }
    printf("To become the pivot (least total change, any number of relations):\n");
    for (int i = 0; i < 3; i++) {
        printf("  %-4s", ids[i]);
        if (piv[i].dyads_changed == 0) {
            printf(" is the pivot\n");
            continue;
        }
        for (int d = 0; d < 3; d++) {
            if (piv[i].delta[d] != 0) {
                printf(" %s-%s %+.3f", ids[d], ids[(d + 1) % 3], piv[i].delta[d]);
            }
        }
        printf("  (total %.3f)\n", piv[i].distance);
    }
}

static int run(int argc, char **argv)
{
    cli_parser cp;
    cli_parse_begin(&cp, &spec, argc, argv);
    char names[3][64] = {"USA", "RUS", "CHN"};
    const char *amity_text = NULL;
    int rc = SC_EXIT_OK, c, have_actors = 0, have_tau = 0;
    double tau = 0.1;
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    while ((c = cli_next(&cp)) > 0) {
        switch (c) {
        case O_ACTORS:
            if (!split3(cp.arg, names)) {
                cli_parse_end(&cp);
                return cli_parser_error(&cp, "--actors expects three actor ids A,B,C, got '%s'",
                                        cp.arg);
            }
            have_actors = 1;
            break;
        case O_AMITY: amity_text = cp.arg; break;
        case O_TAU: tau = cp.d; have_tau = 1; break;
        default: break;
        }
    }
    if (c == CLI_STOP) {
        cli_parse_end(&cp);
        return cp.status;
    }
    double a[3];
    const char *ids[3] = {names[0], names[1], names[2]};
    sc_scenario *s = NULL;
    scx_buf extra;
    scx_buf_init(&extra);
    const char *from_actors = have_actors ? "option" : "default";
    const char *from_tau = have_tau ? "option" : "default";
    if (amity_text) {
        char parts[3][64];
        if (cp.n_operands || cp.state_given) {
            rc = cli_parser_error(&cp, "--amity classifies three numbers: it takes no SCENARIO "
                                       "and no state option");
            goto done;
        }
        if (!split3(amity_text, parts)) {
            rc = cli_parser_error(&cp, "--amity expects three amities AB,BC,CA, got '%s'",
                                  amity_text);
            goto done;
        }
        for (int i = 0; i < 3; i++) {
            char *end = NULL;
            a[i] = strtod(parts[i], &end);
            if (end == parts[i] || *end != '\0' || !(a[i] >= -1 && a[i] <= 1)) {
                rc = cli_parser_error(&cp, "--amity: '%s' is not an amity in [-1, 1]", parts[i]);
                goto done;
            }
        }
        if (!have_actors) {
            ids[0] = "A";
            ids[1] = "B";
            ids[2] = "C";
        }
        p.tau = tau;
        scx_buf_puts(&extra, "\"state\":null,");
    } else {
        if (cp.n_operands > 1) {
            rc = cli_parser_error(&cp, "expected at most one SCENARIO, got %zu files",
                                  cp.n_operands);
            goto done;
        }
        rc = cli_load_state(cp.spec->name, cp.n_operands ? cp.operands[0] : NULL, NULL, 0,
                            &cp.state, NULL, &s);
        if (rc != SC_EXIT_OK) {
            goto done;
        }
        /* the scenario's triangle: section, as statecraft run reads it; options override */
        sc_diag diag;
        sc_diag_init(&diag);
        const char *sids[3];
        unsigned given = 0;
        if (sc_triangle_params_from_scenario(s, sids, &p, &given, &diag) != SC_OK) {
            rc = cli_fail(&diag);
            goto done;
        }
        if (!have_actors) {
            for (int i = 0; i < 3; i++) {
                ids[i] = sids[i];
            }
            from_actors = given & SC_TRIANGLE_GIVEN_ACTORS ? "scenario" : "default";
        }
        if (have_tau) {
            p.tau = tau;
        } else {
            from_tau = given & SC_TRIANGLE_GIVEN_TAU ? "scenario" : "default";
        }
        for (int i = 0; i < 3; i++) {
            if ((rc = cli_check_actor("triangle", "--actors", s, ids[i])) != SC_EXIT_OK) {
                goto done;
            }
        }
        if (sc_triangle_from_scenario(s, ids, a, &diag) != SC_OK) {
            rc = cli_fail(&diag);
            goto done;
        }
        cli_state_json_buf(&extra, s, &cp.state);
        scx_buf_puts(&extra, ",");
    }
    scx_buf_printf(&extra, "\"settings\":{\"tau\":%.17g,\"from\":{\"actors\":\"%s\",\"tau\":\"%s\"}},",
                   p.tau, from_actors, from_tau);
    sc_triangle t;
    if (sc_triangle_classify(a, &p, &t, NULL) != SC_OK) {
        rc = cli_parser_error(&cp, "--amity values must be finite numbers in [-1, 1]");
        goto done;
    }
    sc_triangle_flip f[3][3];
    sc_triangle_change piv[3];
    for (int i = 0; i < 3; i++) {
        if (sc_triangle_role_flips(a, i, &p, 0.01, f[i], NULL) != SC_OK ||
            sc_triangle_min_change_to_role(a, i, SC_ROLE_PIVOT, &p, 0.01, &piv[i], NULL) != SC_OK) {
            rc = cli_parser_error(&cp, "--tau %g is too large for role flips", p.tau);
            goto done;
        }
    }
    if (extra.error != SC_OK) {
        rc = SC_EXIT_FAILURE;
        goto done;
    }
    if (cp.format == SC_FORMAT_JSON || cp.format == SC_FORMAT_CSV) {
        /* CSV is a rendering of the JSON document */
        scx_buf doc;
        scx_buf_init(&doc);
        print_json(&doc, &t, ids, (const sc_triangle_flip(*)[3])f, piv, extra.data);
        rc = cp.format == SC_FORMAT_CSV ? cli_write_rendered(NULL, &doc, SC_FORMAT_CSV)
                                        : cli_write_output(NULL, &doc);
        scx_buf_destroy(&doc);
    } else {
        if (s) {
            cli_state_text(stdout, s, &cp.state);
            printf("Settings: actors %s-%s-%s (%s), tau %g (%s)\n", ids[0], ids[1], ids[2],
                   from_actors, p.tau, from_tau);
        }
        print_text(&t, ids, (const sc_triangle_flip(*)[3])f, piv, p.tau);
    }
done:
    scx_buf_destroy(&extra);
    sc_scenario_free(s);
    cli_parse_end(&cp);
    return rc;
}

const sc_cli_command sc_cli_command_triangle = {
    "triangle", "strategic triangle: configuration, roles, role flips", run, &spec};
