/* SPDX-License-Identifier: MIT */
/*
 * The result-document section of the alignment game for one state of the scenario: the three
 * actors' game built from the scenario, solved by enumpure (all pure equilibria, exact) and by
 * two independent n-player methods, logit (the quantal-response branch, which selects one
 * equilibrium) and simplicial subdivision.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "core/json_util.h"
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
                return sc__node_unknown_actor(sc__node_at(act, i), s, ids[i],
                                              " in the game section", diag);
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

/* Each player's strategy probabilities of a profile, by label. */
static void profile_json(const sc_game *g, const double *prof, json_t *obj)
{
    size_t off = 0;
    json_t *choice = json_object();
    for (size_t p = 0; p < 3; p++) {
        json_t *probs = json_object();
        for (size_t k = 0; k < 3; k++) {
            sc__json_set_number(probs, sc_game_strategy_label(g, p, k), prof[off + k]);
        }
        json_object_set_new(choice, sc_game_player_label(g, p), probs);
        off += 3;
    }
    json_object_set_new(obj, "profile", choice);
}

/* Solves g by one method, appending an entry per equilibrium; returns how many it found. */
static size_t solve(const sc_game *g, sc_game_method m, json_t *arr, json_t *methods)
{
    sc_game_solve_options o;
    sc_game_solve_options_init(&o);
    o.method = m;
    o.time_limit = 10;
    sc_game_solution *sol = NULL;
    sc_diag d;
    sc_diag_init(&d);
    json_t *mo = json_object();
    json_object_set_new(mo, "method", json_string(sc_game_method_name(m)));
    json_array_append_new(methods, mo);
    if (sc_game_solve(g, &o, &sol, &d) != SC_OK) {
        sc_game_solution_free(sol);
        json_object_set_new(mo, "found", json_integer(0));
        json_object_set_new(mo, "error", json_string(d.message));
        return 0;
    }
    size_t n = sc_game_solution_count(sol);
    json_object_set_new(mo, "found", json_integer((json_int_t)n));
    sc__json_set_number(mo, "max_regret", n ? sc_game_solution_max_regret(g, sol) : 0);
    for (size_t i = 0; i < n; i++) {
        const double *prof = sc_game_solution_profile(sol, i);
        json_t *e = json_object();
        json_object_set_new(e, "method", json_string(sc_game_method_name(m)));
        profile_json(g, prof, e);
        /* each actor's expected payoff: its regret is checked, the value is what it gets */
        double value[3] = {0};
        for (size_t c = 0; c < 27; c++) {
            double pr = prof[c % 3] * prof[3 + (c / 3) % 3] * prof[6 + c / 9];
            for (size_t p = 0; p < 3; p++) {
                value[p] += pr * sc_game_payoff(g, c, p);
            }
        }
        json_t *v = json_array();
        for (size_t p = 0; p < 3; p++) {
            json_array_append_new(v, sc__json_number(value[p]));
        }
        json_object_set_new(e, "payoffs", v);
        json_array_append_new(arr, e);
    }
    sc_game_solution_free(sol);
    return n;
}

sc_status sc__game_check(const sc_scenario *at, sc_diag *diag)
{
    const char *ids[3];
    sc_alignment_params p;
    return read_section(at, ids, &p, diag);
}

sc_status sc__game_section(const sc__section_in *in, json_t *json, sc_diag *diag)
{
    const sc_scenario *s = in->at;
    const char *ids[3];
    sc_alignment_params p;
    sc_status rc = read_section(s, ids, &p, diag);
    if (rc != SC_OK) {
        return rc;
    }
    json_t *actors = json_array();
    for (size_t i = 0; i < 3; i++) {
        json_array_append_new(actors, json_string(ids[i]));
    }
    json_object_set_new(json, "actors", actors);
    sc__json_set_number(json, "unrequited", p.unrequited);
    sc__json_set_number(json, "threat", p.threat);
    sc__json_set_number(json, "trade", p.trade);
    sc_game *g = NULL;
    sc_diag local;
    sc_diag_init(&local);
    if (sc_alignment_game(s, ids, &p, &g, &local) != SC_OK) {
        if (local.code == SC_ENOMEM) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        json_object_set_new(json, "note", json_string(local.message));
        return SC_OK;
    }
    json_t *arr = json_array(), *methods = json_array();
    size_t pure = solve(g, SC_GAME_ENUMPURE, arr, methods);
    solve(g, SC_GAME_LOGIT, arr, methods);
    solve(g, SC_GAME_SIMPDIV, arr, methods);
    json_object_set_new(json, "pure_equilibria", json_integer((json_int_t)pure));
    json_object_set_new(json, "equilibria", arr);
    json_object_set_new(json, "methods", methods);
    sc_game_free(g);
    return SC_OK;
}

/* "USA neutral, RUS toward CHN, ..." from a profile: each player's most likely strategy. */
static void profile_key(const json_t *profile, char *buf, size_t size)
{
    size_t len = 0;
    const char *player;
    json_t *probs;
    buf[0] = '\0';
    json_object_foreach(sc__json_mut(profile), player, probs) {
        const char *best = NULL, *label;
        double bp = -1;
        json_t *v;
        json_object_foreach(probs, label, v) {
            if (json_number_value(v) > bp) {
                bp = json_number_value(v);
                best = label;
            }
        }
        int w = snprintf(buf + len, size - len, "%s%s %s", len ? ", " : "", player,
                         best ? best : "?");
        len += w > 0 && (size_t)w < size - len ? (size_t)w : 0;
    }
}

void sc__game_answers(const json_t *content, json_t *out)
{
    json_t *pure = json_array();
    json_t *logit = NULL;
    size_t k;
    json_t *e;
    json_array_foreach(json_object_get(content, "equilibria"), k, e) {
        const char *m = json_string_value(json_object_get(e, "method"));
        char key[400];
        profile_key(json_object_get(e, "profile"), key, sizeof key);
        if (m && strcmp(m, "enumpure") == 0) {
            json_array_append_new(pure, json_string(key));
        } else if (m && strcmp(m, "logit") == 0 && !logit) {
            logit = json_string(key);
        }
    }
    if (!json_object_get(content, "equilibria")) {
        json_decref(pure);
        return;
    }
    sc__answer_value(out, "pure equilibria", pure);
    if (logit) {
        sc__answer_value(out, "logit selection", logit);
    }
}
