/* SPDX-License-Identifier: MIT */
/* `statecraft triangle`: Dittmer's strategic triangle on a scenario or on three numbers. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "statecraft/triangle.h"

static const char usage[] =
    "usage: statecraft triangle [SCENARIO] [--actors A,B,C] [--after-events[=DATE]]\n"
    "                           [--variant NAME] [--tau T] [--format text|json]\n"
    "       statecraft triangle --amity AB,BC,CA [--tau T] [--format text|json]\n"
    "\n"
    "Classifies the triangle of three actors (default USA,RUS,CHN of the built-in scenario):\n"
    "configuration (menage a trois, romantic triangle, stable marriage, unit veto), each actor's\n"
    "role and Wu's rank, graded payoffs, and for each actor the smallest change of one relation\n"
    "that changes its role and the least total change that makes it the pivot.\n"
    "  --actors A,B,C        the three actors (scenario ids)\n"
    "  --amity AB,BC,CA      classify these amities instead of a scenario's\n"
    "  --after-events[=DATE] apply the scenario's events (all, or up to DATE) first\n"
    "  --variant NAME        apply a variant first\n"
    "  --tau T               neutral dead-band (default 0.1)\n"
    "  --format text|json    output format\n";

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

static void print_json(const sc_triangle *t, const char *const ids[3], const sc_triangle_flip f[3][3],
                       const sc_triangle_change piv[3])
{
    printf("{\"model\":\"triangle\",\"actors\":[\"%s\",\"%s\",\"%s\"],", ids[0], ids[1], ids[2]);
    printf("\"amity\":[%.17g,%.17g,%.17g],\"configuration\":\"%s\",\"balanced\":%s,", t->amity[0],
           t->amity[1], t->amity[2], sc_triangle_config_name(t->config),
           t->balanced ? "true" : "false");
    printf("\"roles\":[");
    for (int i = 0; i < 3; i++) {
        printf("%s{\"actor\":\"%s\",\"role\":\"%s\",\"rank\":%d,\"score\":%d,\"payoff\":%.17g,"
               "\"flips\":[",
               i ? "," : "", ids[i], sc_triangle_role_name(t->role[i]), t->rank[i], t->score[i],
               t->payoff[i]);
        for (int d = 0; d < 3; d++) {
            printf("%s{\"dyad\":\"%s-%s\",\"to\":%.17g,\"delta\":%.17g,\"new_role\":\"%s\","
                   "\"new_configuration\":\"%s\"}",
                   d ? "," : "", ids[d], ids[(d + 1) % 3], f[i][d].to, f[i][d].delta,
                   sc_triangle_role_name(f[i][d].new_role),
                   sc_triangle_config_name(f[i][d].new_config));
        }
        printf("],\"to_pivot\":{\"distance\":%.17g,\"dyads_changed\":%d,\"to\":[%.17g,%.17g,%.17g]}}",
               piv[i].distance, piv[i].dyads_changed, piv[i].to[0], piv[i].to[1], piv[i].to[2]);
    }
    printf("],\"pivot_leverage\":%.17g}\n", t->leverage);
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
    static const struct option longopts[] = {{"actors", required_argument, NULL, 'a'},
                                             {"amity", required_argument, NULL, 'm'},
                                             {"after-events", optional_argument, NULL, 'e'},
                                             {"variant", required_argument, NULL, 'v'},
                                             {"tau", required_argument, NULL, 't'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    char names[3][64] = {"USA", "RUS", "CHN"};
    const char *amity_text = NULL, *variant = NULL, *until = NULL;
    int after = 0, rc, c;
    sc_format format = SC_FORMAT_TEXT;
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case 'a':
            if (!split3(optarg, names)) {
                return cli_usage_error("triangle", "--actors expects A,B,C");
            }
            break;
        case 'm': amity_text = optarg; break;
        case 'e': after = 1; until = optarg; break;
        case 'v': variant = optarg; break;
        case 't':
            if ((rc = cli_parse_double("triangle", "--tau", optarg, &p.tau)) != SC_EXIT_OK) {
                return rc;
            }
            if (!(p.tau >= 0 && p.tau < 0.99)) {
                return cli_usage_error("triangle", "--tau must be in [0, 0.99)");
            }
            break;
        case 'f':
            if (cli_parse_format("triangle", optarg, "text json", &format) != SC_EXIT_OK) {
                return SC_EXIT_USAGE;
            }
            break;
        case 'h': fputs(usage, stdout); return SC_EXIT_OK;
        default:
            return cli_usage_error("triangle", "unknown or incomplete option '%s'",
                                   argv[optind - 1]);
        }
    }
    double a[3];
    const char *ids[3] = {names[0], names[1], names[2]};
    if (amity_text) {
        char parts[3][64];
        if (optind < argc || !split3(amity_text, parts)) {
            return cli_usage_error("triangle", "--amity expects AB,BC,CA and no scenario");
        }
        for (int i = 0; i < 3; i++) {
            if ((rc = cli_parse_double("triangle", "--amity", parts[i], &a[i])) != SC_EXIT_OK) {
                return rc;
            }
        }
        if (strcmp(names[0], "USA") == 0) {
            ids[0] = "A";
            ids[1] = "B";
            ids[2] = "C";
        }
    } else {
        if (argc - optind > 1) {
            return cli_usage_error("triangle", "expected at most one SCENARIO");
        }
        sc_scenario *s = NULL;
        rc = cli_load_state(optind < argc ? argv[optind] : NULL, variant, after, until, &s);
        if (rc != SC_EXIT_OK) {
            return rc;
        }
        sc_diag diag;
        sc_diag_init(&diag);
        sc_status st = sc_triangle_from_scenario(s, ids, a, &diag);
        sc_scenario_free(s);
        if (st != SC_OK) {
            return cli_fail(&diag);
        }
    }
    sc_triangle t;
    if (sc_triangle_classify(a, &p, &t, NULL) != SC_OK) {
        return cli_usage_error("triangle", "--amity values must be finite numbers in [-1, 1]");
    }
    sc_triangle_flip f[3][3];
    sc_triangle_change piv[3];
    for (int i = 0; i < 3; i++) {
        if (sc_triangle_role_flips(a, i, &p, 0.01, f[i], NULL) != SC_OK ||
            sc_triangle_min_change_to_role(a, i, SC_ROLE_PIVOT, &p, 0.01, &piv[i], NULL) != SC_OK) {
            return cli_usage_error("triangle", "--tau too large for role flips");
        }
    }
    if (format == SC_FORMAT_JSON) {
        print_json(&t, ids, (const sc_triangle_flip(*)[3])f, piv);
    } else {
        print_text(&t, ids, (const sc_triangle_flip(*)[3])f, piv, p.tau);
    }
    return fflush(stdout) == 0 ? SC_EXIT_OK : SC_EXIT_FAILURE;
}

const sc_cli_command sc_cli_command_triangle = {"triangle", "strategic triangle: configuration, roles, role flips", run};
