/* SPDX-License-Identifier: MIT */
/*
 * The ceasefire negotiation tree built from the scenario: the exported tree reads back with the
 * right information structure; the equilibrium has no regret on it; the tree's subgame-perfect
 * answer is the war model's own first-battle rule (the mediator proposes the point of the
 * bargaining range nearest its ideal, no deal when the range is empty); and the answer moves with
 * a variant, the events and a lever (the mediator's threat to cut aid), with private costs too.
 */
#include "sc_scenario_test.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "negotiation/negotiation_internal.h"
#include "statecraft/game.h"
#include "statecraft/scenario.h"

/* The built-in scenario's text with `from` replaced by `to` (NULL: unchanged). */
static char *builtin_text(const char *from, const char *to)
{
    FILE *f = fopen(SC_SOURCE_DIR "/scenarios/ukraine-ceasefire-2025.yaml", "rb");
    assert_non_null(f);
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *out = malloc(n + 256);
    assert_non_null(out);
    const char *at = from ? strstr(buf, from) : NULL;
    if (from) {
        assert_non_null(at); /* the text to change must exist */
        assert_null(strstr(at + 1, from));
        size_t k = (size_t)(at - buf);
        memcpy(out, buf, k);
        strcpy(out + k, to);
        strcat(out, at + strlen(from));
    } else {
        memcpy(out, buf, n + 1);
    }
    return out;
}

/* Solves the negotiation of scenario text (freed here) in a state. */
static sc_ceasefire *solve_text(char *text, const char *variant, int after, int uncertain)
{
    sc_scenario *s = sc_test_scenario(text);
    free(text);
    sc_state st;
    sc_state_init(&st);
    st.variant = variant;
    st.events = after ? SC_EVENTS_AFTER : SC_EVENTS_BEFORE;
    sc_scenario *at = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_at(s, &st, &at, &d), SC_OK);
    sc_ceasefire *c = NULL;
    if (sc_ceasefire_solve(at, uncertain, &c, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("sc_ceasefire_solve failed");
    }
    sc_scenario_free(at);
    sc_scenario_free(s);
    return c;
}

/* Solves the negotiation of the built-in scenario (edited) in a state. */
static sc_ceasefire *solve_in(const char *from, const char *to, const char *variant, int after,
                              int uncertain)
{
    return solve_text(builtin_text(from, to), variant, after, uncertain);
}

static int deal_spe(const sc_ceasefire *c)
{
    return c->p_deal > 0.5;
}

static void test_tree_structure(void **state)
{
    (void)state;
    for (int u = 0; u <= 1; u++) {
        sc_ceasefire *c = solve_in(NULL, NULL, NULL, 1, u);
        sc_efg *e = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_efg_read(c->efg, strlen(c->efg), "t.efg", &e, &d), SC_OK);
        assert_int_equal(sc_efg_players(e), 4);
        assert_string_equal(sc_efg_player_label(e, 0), "USA");
        assert_string_equal(sc_efg_player_label(e, 1), "RUS");
        assert_string_equal(sc_efg_player_label(e, 2), "UKR");
        assert_int_equal(sc_efg_nodes(e), c->nodes);
        assert_int_equal(sc_efg_perfect_information(e), !u);
        assert_int_equal(sc_efg_perfect_recall(e), 1);
        /* the mediator's one information set: every proposal; the guarantor's: one per proposal;
         * each belligerent: one per proposal, guarantee and own type */
        assert_int_equal(sc_efg_infosets(e, 0), 1);
        assert_int_equal(sc_efg_actions(e, 0, 0), c->n_terms);
        assert_int_equal(sc_efg_infosets(e, 3), c->n_terms);
        assert_int_equal(sc_efg_infosets(e, 1), c->n_terms * 2 * c->n_types);
        assert_int_equal(sc_efg_infosets(e, 2), c->n_terms * 2 * c->n_types);
        assert_true(c->max_regret <= 1e-12);
        /* the proposals are increasing, in [0, 1], and include the mediator's ideal */
        int ideal = 0;
        for (size_t i = 0; i < c->n_terms; i++) {
            assert_true(c->terms[i] >= 0 && c->terms[i] <= 1);
            assert_true(i == 0 || c->terms[i] > c->terms[i - 1]);
            ideal |= fabs(c->terms[i] - c->mediator_ideal) < 1e-6;
        }
        assert_true(ideal);
        sc_efg_free(e);
        sc_ceasefire_free(c);
    }
}

/* The subgame-perfect answer is the war model's first-battle rule: a deal exists iff the least
 * terms A accepts do not exceed the most B concedes (and the mediator prefers it to the war), at
 * the point of that range nearest the mediator's ideal. */
static void check_war_rule(const sc_ceasefire *c)
{
    size_t g = (size_t)c->guaranteed[c->proposal];
    double lo = c->lo[g][0], hi = c->hi[g][0];
    if (lo > hi || lo > 1) {
        assert_false(deal_spe(c));
        return;
    }
    double x = c->mediator_ideal < lo ? lo : c->mediator_ideal > hi ? hi : c->mediator_ideal;
    double u_deal = -fabs(x - c->mediator_ideal);
    if (u_deal >= c->mediator_war + 1e-6) {
        assert_true(deal_spe(c));
        assert_true(fabs(c->terms[c->proposal] - x) <= 1.01e-6);
    }
}

static void test_matches_war_rule_and_moves_with_states(void **state)
{
    (void)state;
    /* after the events, as given: Russia asks for more than Ukraine concedes: no deal */
    sc_ceasefire *after = solve_in(NULL, NULL, NULL, 1, 0);
    assert_true(after->lo[0][0] > after->hi[0][0]);
    assert_false(deal_spe(after));
    assert_false(after->accept_a[after->proposal][0][0]);
    check_war_rule(after);
    /* the retrenching US (relief for Moscow, an aid threat on Kyiv): a deal, at Russia's least */
    sc_ceasefire *rb = solve_in(NULL, NULL, "retrench", 0, 0);
    sc_ceasefire *ra = solve_in(NULL, NULL, "retrench", 1, 0);
    assert_true(deal_spe(rb));
    assert_true(deal_spe(ra));
    check_war_rule(rb);
    check_war_rule(ra);
    /* the deal's payoffs are the war model's: value + (1 - F)(x - lo) for A, value +
     * (1 - F)(hi - x) for B (to the 1e-9 the tree prints) */
    double x = ra->terms[ra->proposal], F = ra->fail[0];
    assert_true(fabs(ra->payoff[1] - (ra->value_a[0] + (1 - F) * (x - ra->lo[0][0]))) < 2e-9);
    assert_true(fabs(ra->payoff[2] - (ra->value_b[0] + (1 - F) * (ra->hi[0][0] - x))) < 2e-9);
    assert_true(F > 0.05); /* the built-in follows a ceasefire for two years */
    /* the events raise what Russia asks for, and so the terms */
    assert_true(ra->lo[0][0] > rb->lo[0][0] + 1e-3);
    assert_true(ra->terms[ra->proposal] > rb->terms[rb->proposal] + 1e-3);
    /* troops: Russia's least rises above everything (the linked guarantees issue), no guarantee */
    assert_true(ra->lo[1][0] > 1);
    assert_false(ra->guaranteed[ra->proposal]);
    sc_ceasefire_free(after);
    sc_ceasefire_free(rb);
    sc_ceasefire_free(ra);
}

/* A lever: the mediator's threat to cut aid if Kyiv refuses raises what Ukraine concedes and
 * turns no deal into a deal, with and without private costs. */
static void test_aid_threat_lever(void **state)
{
    (void)state;
    sc_ceasefire *base = solve_in(NULL, NULL, NULL, 1, 0);
    sc_ceasefire *thr = solve_in("aid_threat_share: 0 ", "aid_threat_share: 0.5 ", NULL, 1, 0);
    assert_true(thr->hi[0][0] > base->hi[0][0] + 0.01);
    assert_true(fabs(thr->lo[0][0] - base->lo[0][0]) < 1e-12); /* Russia's side is unchanged */
    assert_false(deal_spe(base));
    assert_true(deal_spe(thr));
    check_war_rule(thr);
    sc_ceasefire *ub = solve_in(NULL, NULL, NULL, 1, 1);
    sc_ceasefire *ut = solve_in("aid_threat_share: 0 ", "aid_threat_share: 0.5 ", NULL, 1, 1);
    assert_true(ub->p_deal < 1e-12);
    assert_true(ut->p_deal > 0.2);
    assert_true(ut->max_regret <= 1e-12);
    sc_ceasefire_free(base);
    sc_ceasefire_free(thr);
    sc_ceasefire_free(ub);
    sc_ceasefire_free(ut);
}

/* Private costs: the low-cost type of each side is the tougher one (it needs more / concedes
 * less); with no spread of costs the sequential game has the certain game's answer. */
static void test_private_costs(void **state)
{
    (void)state;
    sc_ceasefire *u = solve_in(NULL, NULL, "retrench", 1, 1);
    assert_int_equal(u->n_types, 2);
    assert_true(u->cost_a[0] < u->cost_a[1]);
    assert_true(u->cost_b[0] < u->cost_b[1]);
    assert_true(u->lo[0][0] > u->lo[0][1]);  /* a cheap war: Russia asks more */
    assert_true(u->hi[0][0] < u->hi[0][1]);  /* a cheap war: Ukraine concedes less */
    /* in the retrench state only Ukraine's high-cost type takes the proposal */
    assert_true(u->p_deal > 0.49 && u->p_deal < 0.51);
    /* every type's answer is its own rounded deal payoff against its own rounded war payoff */
    int b_differs = 0;
    for (size_t i = 0; i < u->n_terms; i++) {
        for (size_t g = 0; g < 2; g++) {
            double x = u->terms[i], F = u->fail[g];
            for (size_t t = 0; t < 2; t++) {
                double da = sc__negotiation_r9(u->value_a[t] + (1 - F) * (x - u->lo[g][t]));
                double db = sc__negotiation_r9(u->value_b[t] + (1 - F) * (u->hi[g][t] - x));
                assert_int_equal(u->accept_a[i][g][t], da >= sc__negotiation_r9(u->value_a[t]));
                assert_int_equal(u->accept_b[i][g][t], db >= sc__negotiation_r9(u->value_b[t]));
            }
            b_differs += u->accept_b[i][g][0] != u->accept_b[i][g][1];
        }
    }
    assert_true(b_differs > 0); /* the types answer differently somewhere */
    sc_ceasefire_free(u);
    const char *from = "cost_spread: {value: 0.5, range: [0.25, 0.75]";
    const char *to = "cost_spread: {value: 0, range: [0, 0.75]";
    sc_ceasefire *z = solve_in(from, to, "retrench", 1, 1);
    sc_ceasefire *c = solve_in(from, to, "retrench", 1, 0);
    /* A's types coincide with the certain game's A (Ukraine's come from the screening range) */
    assert_true(fabs(z->lo[0][0] - z->lo[0][1]) < 1e-12);
    assert_true(fabs(z->lo[0][0] - c->lo[0][0]) < 1e-12);
    sc_ceasefire_free(z);
    sc_ceasefire_free(c);
}

/*
 * Private costs near the top of [0, 1): the high type moves s times the distance to 1, not s times
 * the cost, so a war section whose cost per battle is above 2/3 (which the war accepts) still has
 * a negotiation. The rule below 1/2 is unchanged: the types are (1 -/+ s) c.
 */
static void test_private_costs_near_one(void **state)
{
    (void)state;
    static const struct {
        const char *cost;
        double low, high;
    } cases[] = {{"cost_a: 0.7 ", 1 - 0.3 * 1.5, 1 - 0.3 * 0.5},
                 {"cost_a: 0.9 ", 1 - 0.1 * 1.5, 1 - 0.1 * 0.5},
                 {"cost_a: 0.4 ", 0.4 * 0.5, 0.4 * 1.5},
                 {"cost_a: 0.5 ", 0.25, 0.75}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_ceasefire *u = solve_in("cost_a: auto ", cases[i].cost, NULL, 1, 1);
        sc_ceasefire *c = solve_in("cost_a: auto ", cases[i].cost, NULL, 1, 0);
        /* sanctions add the same amount to every type: the certain game's cost carries them */
        double sanctions = c->cost_a[0] - (cases[i].low + cases[i].high) / 2;
        assert_true(sanctions >= 0 && sanctions < 1);
        assert_true(fabs(u->cost_a[0] - sanctions - cases[i].low) < 1e-12);
        assert_true(fabs(u->cost_a[1] - sanctions - cases[i].high) < 1e-12);
        assert_true(u->cost_a[1] - sanctions < 1);
        sc_ceasefire_free(u);
        sc_ceasefire_free(c);
    }
}

/* Solves the built-in scenario with several edits (pairs of from, to) applied in turn. */
static sc_ceasefire *solve_edited(const char *const (*edits)[2], size_t n, const char *variant,
                                  int uncertain)
{
    char *text = builtin_text(NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        const char *at = strstr(text, edits[i][0]);
        assert_non_null(at); /* the text to change must exist */
        size_t k = (size_t)(at - text);
        char *next = malloc(strlen(text) + strlen(edits[i][1]) + 1);
        assert_non_null(next);
        memcpy(next, text, k);
        strcpy(next + k, edits[i][1]);
        strcat(next, at + strlen(edits[i][0]));
        free(text);
        text = next;
    }
    return solve_text(text, variant, 1, uncertain);
}

#define GUARANTEE_COST "guarantee_cost: {value: 0.0125, range: [0.005, 0.025], source"

/*
 * The guarantee's cost. In the built-in scenario troops raise Russia's least terms above the whole
 * of the stakes (the linked guarantees issue: Russia wants no foreign troops), so no guaranteed
 * deal exists, Europe never attaches troops and guarantee_cost changes no output: a model answer,
 * shown here for costs from 0 to 1. Without that linkage, and with a threat that brings Ukraine to
 * the table, troops make Ukraine concede a little more: Europe attaches them exactly while their
 * cost is below what a deal is worth to it over the war, and the mediator's proposal and the
 * guarantee move with the cost at that threshold.
 */
static void test_guarantee_cost_lever(void **state)
{
    (void)state;
    static const char *const states[] = {NULL, "retrench"};
    for (size_t v = 0; v < 2; v++) {
        for (int u = 0; u <= 1; u++) {
            const char *const cheap[][2] = {{GUARANTEE_COST, "guarantee_cost: {value: 0, source"}};
            const char *const dear[][2] = {{GUARANTEE_COST, "guarantee_cost: {value: 1, source"}};
            sc_ceasefire *a = solve_edited(cheap, 1, states[v], u);
            sc_ceasefire *b = solve_edited(dear, 1, states[v], u);
            for (size_t t = 0; t < a->n_types; t++) {
                assert_true(a->lo[1][t] > 1); /* with troops Russia asks more than everything */
            }
            for (size_t i = 0; i < a->n_terms; i++) {
                assert_int_equal(a->guaranteed[i], 0);
            }
            assert_int_equal(a->proposal, b->proposal);
            assert_true(a->p_deal == b->p_deal);
            for (int p = 0; p < 4; p++) {
                assert_true(a->payoff[p] == b->payoff[p]);
            }
            sc_ceasefire_free(a);
            sc_ceasefire_free(b);
        }
    }
    /* no guarantees linkage, an aid threat of 0.2: troops raise Ukraine's most terms */
    char cost[128];
    const char *const edits[][2] = {
        {"    issues: [nato, guarantees]", "    issues: [nato]"},
        {"    status_quo: {nato: 50, guarantees: 85}", "    status_quo: {nato: 50}"},
        {"aid_threat_share: 0 ", "aid_threat_share: 0.2 "},
        {GUARANTEE_COST, cost}};
    snprintf(cost, sizeof cost, "guarantee_cost: {value: 0.0125, source");
    sc_ceasefire *c = solve_edited(edits, 4, NULL, 0);
    assert_true(c->lo[0][0] <= c->hi[0][0]); /* a deal without troops exists ... */
    assert_true(c->hi[1][0] > c->hi[0][0] + 1e-3); /* ... and troops widen it */
    check_war_rule(c);
    double x = c->terms[c->proposal];
    assert_true(c->guaranteed[c->proposal]);
    assert_true(fabs(x - c->hi[1][0]) < 1e-6); /* the most Ukraine concedes with troops */
    assert_true(c->p_deal == 1);
    /* what a deal at x is worth to Europe over the war (without troops there is none at x) */
    double gain = (1 - c->fail[1]) * -fabs(x - c->guarantor_ideal) +
                  c->fail[1] * c->guarantor_war - c->guarantor_war;
    assert_true(gain > 0.01 && gain < 1);
    snprintf(cost, sizeof cost, "guarantee_cost: {value: %.9f, source", gain - 1e-4);
    sc_ceasefire *below = solve_edited(edits, 4, NULL, 0);
    snprintf(cost, sizeof cost, "guarantee_cost: {value: %.9f, source", gain + 1e-4);
    sc_ceasefire *above = solve_edited(edits, 4, NULL, 0);
    assert_true(below->guaranteed[below->proposal]);
    assert_true(fabs(below->terms[below->proposal] - x) < 1e-9);
    assert_false(above->guaranteed[above->proposal]);
    assert_true(fabs(above->terms[above->proposal] - above->hi[0][0]) < 1e-6);
    assert_true(above->p_deal == 1);
    /* Europe pays for troops it cannot refuse to send at x: dearer troops leave it better off,
     * because the mediator then proposes terms nearer Europe's */
    assert_true(above->payoff[3] > below->payoff[3]);
    assert_true(below->max_regret <= 1e-12 && above->max_regret <= 1e-12);
    sc_ceasefire_free(c);
    sc_ceasefire_free(below);
    sc_ceasefire_free(above);
}

/* An unknown guarantor gets a did-you-mean among the scenario's actors, located. */
static void test_guarantor_did_you_mean(void **state)
{
    (void)state;
    const char *const edits[][2] = {
        {"guarantors: [GBR, FRA, DEU, POL]", "guarantors: [GBR, FRA, DUE, POL]"}};
    char *text = builtin_text(edits[0][0], edits[0][1]);
    sc_scenario *s = sc_test_scenario(text);
    free(text);
    sc_ceasefire *c = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_ceasefire_solve(s, 0, &c, &d), SC_ENOTFOUND);
    assert_null(c);
    assert_string_equal(d.message,
                        "unknown actor 'DUE' in 'guarantors' (did you mean 'DEU'?)");
    assert_true(d.line > 0);
    assert_int_equal(d.caret_width, 3);
    assert_non_null(strstr(d.source_line, "guarantors: [GBR, FRA, DUE, POL]"));
    assert_int_equal(d.column, (int)(strstr(d.source_line, "DUE") - d.source_line) + 1);
    sc_scenario_free(s);
}

/* The payoffs' rounding without printing: the same bits as "%.9f" read back, on random payoffs,
 * on exact ties (multiples of 1/1024 print by printf's own tie rule), next to ties and to the
 * grid, beyond the fast range, and never a negative zero. */
static double r9_by_printing(double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.9f", v);
    return strtod(buf, NULL) + 0.0;
}

static void check_r9(double v)
{
    double want = r9_by_printing(v), got = sc__negotiation_r9(v);
    if (memcmp(&want, &got, sizeof want) != 0) {
        fail_msg("r9(%.17g) = %.17g, printed %.17g", v, got, want);
    }
}

static void test_r9_same_bits_as_printed(void **state)
{
    (void)state;
    uint64_t x = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double u = (double)(x >> 11) * 0x1p-53;
        double scale = i % 4 == 0 ? 1 : i % 4 == 1 ? 1e-6 : i % 4 == 2 ? 2000 : 1e8;
        check_r9((2 * u - 1) * scale);
    }
    for (int j = -4096; j <= 4096; j++) {
        double tie = j / 1024.0; /* j/1024 * 1e9 ends in .5 for odd j */
        check_r9(tie);
        check_r9(nextafter(tie, 2));
        check_r9(nextafter(tie, -2));
        double grid = j * 1e-9, half = (j + 0.5) * 1e-9;
        check_r9(grid);
        check_r9(half);
        check_r9(nextafter(half, 1));
        check_r9(nextafter(half, -1));
    }
    double edge[] = {0.0, -0.0, -1e-12, -4e-10, -5e-10, -6e-10, 1e-300, -1e-300, 1099.5116,
                     1099.5117, -1099.5117, 1e6 + 0.1234567895, 0.1234567885, 0.9999999995,
                     -0.9999999995, 0.8033999999999999, 1.0 / 3};
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        check_r9(edge[i]);
    }
    assert_false(signbit(sc__negotiation_r9(-1e-12)));
    assert_false(signbit(sc__negotiation_r9(-0.0)));
    assert_true(sc__negotiation_r9(1.0 / 1024) == 0.000976562 ||
                sc__negotiation_r9(1.0 / 1024) == 0.000976563);
}

static void test_bad_section(void **state)
{
    (void)state;
    char *text = builtin_text("  terms: 11\n", "  terms: 1\n");
    sc_scenario *s = sc_test_scenario(text);
    free(text);
    sc_ceasefire *c = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_ceasefire_solve(s, 0, &c, &d), SC_ERANGE);
    assert_null(c);
    assert_true(d.line > 0);
    assert_non_null(strstr(d.message, "terms"));
    sc_scenario_free(s);
    text = builtin_text("guarantors: [GBR, FRA, DEU, POL]", "guarantors: [GBR, XXX]");
    s = sc_test_scenario(text);
    free(text);
    assert_int_equal(sc_ceasefire_solve(s, 0, &c, &d), SC_ENOTFOUND);
    assert_true(d.line > 0);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_structure),
        cmocka_unit_test(test_matches_war_rule_and_moves_with_states),
        cmocka_unit_test(test_aid_threat_lever),
        cmocka_unit_test(test_private_costs),
        cmocka_unit_test(test_private_costs_near_one),
        cmocka_unit_test(test_bad_section),
        cmocka_unit_test(test_r9_same_bits_as_printed),
        cmocka_unit_test(test_guarantee_cost_lever),
        cmocka_unit_test(test_guarantor_did_you_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
