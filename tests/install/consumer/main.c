/* SPDX-License-Identifier: MIT */
/*
 * A program outside the project using the installed library through the umbrella header only:
 * a scenario, a report, a model and a game, so that the link pulls in every dependency.
 */
#include <statecraft/statecraft.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    if (strcmp(sc_version(), SC_VERSION_STRING) != 0) {
        fprintf(stderr, "library %s, headers %s\n", sc_version(), SC_VERSION_STRING);
        return 1;
    }
    sc_scenario *s = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_scenario_builtin(&s, &diag) != SC_OK) {
        sc_diag_print(&diag, stderr);
        return 1;
    }
    sc_run_opts opts;
    sc_run_opts_init(&opts);
    opts.only = "baseline";
    opts.format = SC_FORMAT_JSON;
    char *report = NULL;
    size_t len = 0;
    if (sc_run_report(s, &opts, &report, &len, &diag) != SC_OK || len != strlen(report)) {
        sc_diag_print(&diag, stderr);
        return 1;
    }
    /* a 2x2 game solved exactly (GMP) and a war simulation (GSL): matching pennies */
    size_t ns[2] = {2, 2};
    sc_game *g = NULL;
    static const char *const pay[4][2] = {{"1", "-1"}, {"-1", "1"}, {"-1", "1"}, {"1", "-1"}};
    int ok = sc_game_new(2, ns, "pennies", &g, &diag) == SC_OK;
    for (size_t c = 0; ok && c < 4; c++) {
        for (size_t p = 0; ok && p < 2; p++) {
            ok = sc_game_set_payoff(g, c, p, pay[c][p], &diag) == SC_OK;
        }
    }
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = SC_GAME_ENUMMIXED;
    sc_game_solution *sol = NULL;
    char *text = NULL;
    ok = ok && sc_game_solve(g, &o, &sol, &diag) == SC_OK &&
         sc_game_solution_format(sol, -1, &text, NULL, &diag) == SC_OK;
    if (!ok) {
        sc_diag_print(&diag, stderr);
        return 1;
    }
    sc_war_params wp;
    sc_war_params_init(&wp);
    wp.runs = 200;
    sc_war_result *war = NULL;
    if (sc_war_simulate(&wp, &war, &diag) != SC_OK) {
        sc_diag_print(&diag, stderr);
        return 1;
    }
    printf("statecraft %s: %zu actors, report of %zu bytes, %s", sc_version(),
           sc_scenario_actor_count(s), len, text);
    printf("war: %zu runs, P(ceasefire) %.3f\n", war->runs, war->p_ceasefire);
    sc_war_result_free(war);
    sc_free(text);
    sc_game_solution_free(sol);
    sc_game_free(g);
    sc_free(report);
    sc_scenario_free(s);
    return 0;
}
