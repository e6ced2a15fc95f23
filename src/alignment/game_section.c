/* SPDX-License-Identifier: MIT */
/*
 * The `statecraft run` section for the alignment game: the three actors' game built from the
 * scenario before and after the events, solved by enumpure (all pure equilibria, exact) and by
 * two independent n-player methods, logit (the quantal-response branch, which selects one
 * equilibrium) and simplicial subdivision.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "core/json_util.h"
#include "scenario/node.h"
#include "statecraft/game.h"

/* Reads `game: {actors: [A, B, C], unrequited: R, threat: T, trade: W}`. */
static sc_status read_section(const sc_scenario *s, const char *ids[3], sc_alignment_params *p,
                              sc_diag *diag)
{
    static const char *const keys[] = {"actors", "unrequited", "threat", "trade"};
    sc_alignment_params_init(p);
    ids[0] = "USA";
    ids[1] = "RUS";
    ids[2] = "CHN";
    const sc_node *sec = sc__scenario_section(s, "game");
    if (!sec) {
        return SC_OK;
    }
    sc_status rc = sc__node_check_keys(sec, "the game section", keys, 4, diag);
    if (rc != SC_OK) {
        return rc;
    }
    const sc_node *act = sc__node_get(sec, "actors");
    if (act) {
        if (sc__node_kind_of(act) != SC_NODE_SEQ || sc__node_count(act) != 3) {
            return sc__node_error(act, diag, SC_EPARSE, "'actors' must list three actor ids");
        }
        for (size_t i = 0; i < 3; i++) {
            ids[i] = sc__node_scalar(sc__node_at(act, i));
            if (!ids[i] || sc_scenario_actor_index(s, ids[i]) < 0) {
                return sc__node_error(sc__node_at(act, i), diag, SC_ENOTFOUND,
                                      "unknown actor in the game section");
            }
        }
    }
    double *field[3] = {&p->unrequited, &p->threat, &p->trade};
    for (size_t k = 0; k < 3; k++) {
        const sc_node *n = sc__node_get(sec, keys[k + 1]);
        if (!n) {
            continue;
        }
        if ((rc = sc__node_number(n, field[k], diag)) != SC_OK) {
            return rc;
        }
        if (!(*field[k] >= 0 && *field[k] <= 100)) {
            return sc__node_error(n, diag, SC_ERANGE, "'%s' must be in [0, 100]", keys[k + 1]);
        }
    }
    return SC_OK;
}

/* "USA neutral, RUS toward CHN, CHN toward RUS" for a profile with the largest probabilities. */
static void describe_profile(const sc_game *g, const double *prof, scx_buf *text, json_t *obj)
{
    size_t off = 0;
    json_t *choice = json_object();
    for (size_t p = 0; p < 3; p++) {
        size_t best = 0;
        for (size_t k = 1; k < 3; k++) {
            best = prof[off + k] > prof[off + best] ? k : best;
        }
        int pure = prof[off + best] > 0.995; /* logit stops just short of 1 */
        scx_buf_printf(text, "%s%s %s", p ? ", " : "", sc_game_player_label(g, p),
                       sc_game_strategy_label(g, p, best));
        if (!pure) {
            scx_buf_printf(text, " (%.0f%%)", 100 * prof[off + best]);
        }
        json_t *probs = json_object();
        for (size_t k = 0; k < 3; k++) {
            sc__json_set_number(probs, sc_game_strategy_label(g, p, k), prof[off + k]);
        }
        json_object_set_new(choice, sc_game_player_label(g, p), probs);
        off += 3;
    }
    json_object_set_new(obj, "profile", choice);
}

/* Solves g by one method, appending a line per equilibrium; returns how many it found. */
static size_t solve_and_print(const sc_game *g, sc_game_method m, scx_buf *text, json_t *arr)
{
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = m;
    o.time_limit = 10;
    sc_game_solution *sol = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_game_solve(g, &o, &sol, &d) != SC_OK) {
        sc_game_solution_free(sol);
        scx_buf_printf(text, "    %-9s failed: %s\n", sc_game_method_name(m), d.message);
        json_t *e = json_object();
        json_object_set_new(e, "method", json_string(sc_game_method_name(m)));
        json_object_set_new(e, "error", json_string(d.message));
        json_array_append_new(arr, e);
        return 0;
    }
    size_t n = sc_game_solution_count(sol);
    double regret = sc_game_solution_max_regret(g, sol);
    for (size_t i = 0; i < n; i++) {
        const double *prof = sc_game_solution_profile(sol, i);
        scx_buf_printf(text, "    %-9s ", sc_game_method_name(m));
        json_t *e = json_object();
        json_object_set_new(e, "method", json_string(sc_game_method_name(m)));
        describe_profile(g, prof, text, e);
        /* each actor's expected payoff: its regret is checked, the value is what it gets */
        double value[3] = {0};
        for (size_t c = 0; c < 27; c++) {
            double pr = prof[c % 3] * prof[3 + (c / 3) % 3] * prof[6 + c / 9];
            for (size_t p = 0; p < 3; p++) {
                value[p] += pr * sc_game_payoff(g, c, p);
            }
        }
        scx_buf_printf(text, "  [payoffs %.3f %.3f %.3f]\n", value[0], value[1], value[2]);
        json_t *v = json_array();
        for (size_t p = 0; p < 3; p++) {
            json_array_append_new(v, json_real(value[p]));
        }
        json_object_set_new(e, "payoffs", v);
        json_array_append_new(arr, e);
    }
    if (n == 0) {
        scx_buf_printf(text, "    %-9s no equilibrium of this kind\n", sc_game_method_name(m));
    } else if (regret > 1e-6) {
        scx_buf_printf(text, "    (largest regret %.2g of the payoff range)\n", regret);
    }
    sc_game_solution_free(sol);
    return n;
}

typedef struct game_ctx {
    const char **ids;
    const sc_alignment_params *p;
} game_ctx;

static sc_status one_state(const sc_scenario *s, const char *label, int after, void *ctx,
                           scx_buf *text, json_t *json, sc_diag *diag)
{
    (void)after;
    const game_ctx *c = ctx;
    const char **ids = c->ids;
    const sc_alignment_params *p = c->p;
    sc_game *g = NULL;
    sc_diag local;
    sc_diag_init(&local);
    if (sc_alignment_game(s, ids, p, &g, &local) != SC_OK) {
        if (local.code == SC_ENOMEM) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        scx_buf_printf(text, "%s: not run: %s.\n", label, local.message);
        json_object_set_new(json, "note", json_string(local.message));
        return SC_OK;
    }
    json_t *arr = json_array();
    scx_buf_printf(text, "%s:\n", label);
    size_t pure = solve_and_print(g, SC_GAME_ENUMPURE, text, arr);
    solve_and_print(g, SC_GAME_LOGIT, text, arr);
    solve_and_print(g, SC_GAME_SIMPDIV, text, arr);
    json_object_set_new(json, "pure_equilibria", json_integer((json_int_t)pure));
    json_object_set_new(json, "equilibria", arr);
    sc_game_free(g);
    return SC_OK;
}

sc_status sc__game_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                           json_t *json, sc_diag *diag)
{
    (void)opts;
    const char *ids[3];
    sc_alignment_params p;
    sc_status rc = read_section(s, ids, &p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    scx_buf_printf(text,
                   "Each of %s, %s and %s tilts toward one of the other two or stays neutral "
                   "(27 profiles).\nPayoff: alliance = amity + partner's capability share; "
                   "costs: unrequited tilt %g, trade put\nat risk x %g, the other two's bloc x %g "
                   "(docs/models/games.md). Solved by enumpure (every pure\nequilibrium, exact), "
                   "logit (the quantal-response branch selects one) and simpdiv.\n\n",
                   ids[0], ids[1], ids[2], p.unrequited, p.trade, p.threat);
    json_t *actors = json_array();
    for (size_t i = 0; i < 3; i++) {
        json_array_append_new(actors, json_string(ids[i]));
    }
    json_object_set_new(json, "actors", actors);
    sc__json_set_number(json, "unrequited", p.unrequited);
    sc__json_set_number(json, "threat", p.threat);
    sc__json_set_number(json, "trade", p.trade);
    game_ctx ctx = {ids, &p};
    rc = sc__before_and_after(s, "Before the events", one_state, &ctx, text, json, diag);
    return rc;
}
