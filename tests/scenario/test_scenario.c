/* SPDX-License-Identifier: MIT */
/* The scenario API: parsing every feature, variants, events, sampling, paths, the builder, the
 * median-voter baseline and the broken-input corpus (BDM tables and files: test_scenario_import.c). */
#define _POSIX_C_SOURCE 200809L
#include "sc_scenario_test.h"

#include <dirent.h>

#include "scenario/node.h"
#include "scenario/scenario_internal.h"
#include "statecraft/statecraft.h"

static const char *doc =
    "statecraft: 1\n"
    "metadata: {title: Test, date: 2025-02-11}\n"
    "sources:\n  - {id: s1, citation: Somewhere}\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: {value: 2.385, sd: 0.5, source: s1}, milex: 10, gdp: 100}\n"
    "  - {id: B, name: Beta, capability: {value: 1.25, range: [1, 1.5]}}\n"
    "  - {id: C, name: Gamma, capability: {value: 0.75, triangular: [0.5, 0.7, 1]}}\n"
    "issues:\n"
    "  - {id: x, title: X, scale: [0, 10], low: l, high: h}\n"
    "  - {id: y, title: Y}\n"
    "stances:\n"
    "  x:\n"
    "    A: {position: 2, salience: 0.8}\n"
    "    B: {position: {value: 7, sd: 4}, salience: 0.5}\n"
    "    C: {position: 9, salience: 0.2}\n"
    "  y:\n"
    "    A: {position: 50, salience: 0.1}\n"
    "relations:\n"
    "  - {pair: [B, A], amity: {value: -0.5, sd: 0.3}, trade: 12}\n"
    "events:\n"
    "  - {id: late, date: 2025-03-01, what: later, shifts: [{target: relation.A.B.amity, add: 0.25}]}\n"
    "  - id: early\n"
    "    date: 2025-02-12\n"
    "    what: first\n"
    "    cameo: \"040\"\n"
    "    shifts:\n"
    "      - {target: stance.x.A.position, add: 100}\n"
    "      - {target: relation.B.A.amity, add: 0.1}\n"
    "variants:\n"
    "  - {name: hawk, shifts: [{target: stance.x.C.salience, set: 0.9}, {target: war.cost_b, set: 0.5}]}\n"
    "claims:\n"
    "  - {id: c1, text: Something, test: {model: triangle, expect: x}}\n"
    "war: {a: A, b: B, cost_b: 0.003, nested: {k: 4}}\n";


static void test_parse_everything(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(doc);
    assert_string_equal(sc_scenario_title(s), "Test");
    assert_string_equal(sc_scenario_date(s), "2025-02-11");
    assert_int_equal(sc_scenario_actor_count(s), 3);
    const sc_actor *a = sc_scenario_actor(s, 0);
    SC_ASSERT_NEAR(a->capability.value, 2.385, 0);
    assert_int_equal(a->capability.dist.kind, SC_DIST_NORMAL);
    SC_ASSERT_NEAR(a->capability.dist.a, 0.5, 0);
    assert_string_equal(a->capability.source, "s1");
    SC_ASSERT_NEAR(a->milex.value, 10, 0);
    assert_true(isnan(sc_scenario_actor(s, 1)->milex.value));
    assert_int_equal(sc_scenario_actor(s, 1)->capability.dist.kind, SC_DIST_UNIFORM);
    assert_int_equal(sc_scenario_actor(s, 2)->capability.dist.kind, SC_DIST_TRIANGULAR);
    assert_int_equal(sc_scenario_issue_index(s, "y"), 1);
    SC_ASSERT_NEAR(sc_scenario_issue(s, 1)->scale_max, 100, 0); /* default scale */
    assert_true(sc_scenario_stance(s, 0, 0)->present);
    assert_false(sc_scenario_stance(s, 1, 1)->present);
    /* relations are symmetric */
    SC_ASSERT_NEAR(sc_scenario_relation(s, 0, 1)->amity.value, -0.5, 0);
    SC_ASSERT_NEAR(sc_scenario_relation(s, 1, 0)->amity.value, -0.5, 0);
    SC_ASSERT_NEAR(sc_scenario_relation(s, 1, 0)->trade.value, 12, 0);
    assert_false(sc_scenario_relation(s, 0, 2)->present);
    /* events come sorted by date */
    assert_string_equal(sc_scenario_event(s, 0)->id, "early");
    assert_string_equal(sc_scenario_event(s, 0)->cameo, "040");
    assert_int_equal(sc_scenario_event(s, 0)->n_shifts, 2);
    assert_string_equal(sc_scenario_claim(s, 0)->id, "c1");
    assert_string_equal(
        sc__node_scalar(sc__node_get(sc__node_get(sc__scenario_claim_node(s, 0), "test"), "model")),
        "triangle");
    /* model sections through the node API */
    const sc_node *war = sc__scenario_section(s, "war");
    assert_non_null(war);
    double v;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc__node_number(sc__node_get(war, "cost_b"), &v, &d), SC_OK);
    SC_ASSERT_NEAR(v, 0.003, 0);
    assert_int_equal(sc__node_number(sc__node_get(war, "a"), &v, &d), SC_EPARSE);
    assert_true(d.line > 0);
    static const char *const keys[] = {"a", "b", "cost_b", "nested"};
    assert_int_equal(sc__node_check_keys(war, "war", keys, 4, &d), SC_OK);
    static const char *const fewer[] = {"a", "b", "cost", "nested"};
    assert_int_equal(sc__node_check_keys(war, "war", fewer, 4, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "did you mean 'cost'"));
    assert_null(sc__scenario_section(s, "game"));
    sc_scenario_free(s);
}

static void test_variants_events_paths(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(doc), *v = NULL, *e = NULL, *e2 = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_with_variant(s, "hawk", &v, &d), SC_OK);
    double x;
    assert_int_equal(sc_scenario_get_value(v, "stance.x.C.salience", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.9, 0);
    assert_int_equal(sc_scenario_get_value(v, "war.cost_b", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.5, 0);
    assert_int_equal(sc_scenario_get_value(s, "war.cost_b", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.003, 0); /* the base is unchanged */
    assert_int_equal(sc_scenario_get_value(s, "war.nested.k", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 4, 0);
    assert_int_equal(sc_scenario_get_value(s, "war.a", &x, NULL), SC_ENOTFOUND);
    assert_string_equal(sc_scenario_variant_name(v), "hawk");
    assert_int_equal(sc_scenario_with_variant(s, "hawkk", &e, &d), SC_ENOTFOUND);
    assert_non_null(strstr(d.message, "did you mean 'hawk'"));
    /* events up to a date, inclusive; 'add' is clamped to the scale */
    assert_int_equal(sc_scenario_after_events(s, "2025-02-12", &e, &d), SC_OK);
    assert_int_equal(sc_scenario_get_value(e, "stance.x.A.position", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 10, 0);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 0, 1)->amity.value, -0.4, 1e-15);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 1, 0)->amity.value, -0.4, 1e-15);
    assert_string_equal(sc_scenario_events_until(e), "2025-02-12");
    assert_int_equal(sc_scenario_after_events(s, NULL, &e2, &d), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_relation(e2, 1, 0)->amity.value, -0.15, 1e-15);
    assert_int_equal(sc_scenario_get_value(s, "relation.A.B.amity", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, -0.5, 0);
    assert_int_equal(sc_scenario_get_value(s, "actor.B.capability", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 1.25, 0);
    assert_int_equal(sc_scenario_get_value(s, "actor.Z.capability", &x, NULL), SC_ENOTFOUND);
    /* a number the scenario does not give is not found either (not a NaN) */
    assert_int_equal(sc_scenario_get_value(s, "relation.A.B.trade", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 12, 0);
    assert_int_equal(sc_scenario_get_value(s, "stance.y.B.position", &x, NULL), SC_ENOTFOUND);
    assert_int_equal(sc_scenario_get_value(s, "relation.A.C.amity", &x, NULL), SC_ENOTFOUND);
    sc_scenario_free(v);
    sc_scenario_free(e);
    sc_scenario_free(e2);
    sc_scenario_free(s);
}

static void test_sampling(void **state)
{
    (void)state;
    sc_scenario *s = sc_test_scenario(doc), *a = NULL, *b = NULL, *c = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_rng r1, r2, r3;
    sc_rng_init(&r1, 42, 7);
    sc_rng_init(&r2, 42, 7);
    sc_rng_init(&r3, 42, 8);
    assert_int_equal(sc_scenario_sample(s, &r1, &a, &d), SC_OK);
    assert_int_equal(sc_scenario_sample(s, &r2, &b, &d), SC_OK);
    assert_int_equal(sc_scenario_sample(s, &r3, &c, &d), SC_OK);
    double va = sc_scenario_actor(a, 0)->capability.value;
    double vb = sc_scenario_actor(b, 0)->capability.value;
    double vc = sc_scenario_actor(c, 0)->capability.value;
    assert_memory_equal(&va, &vb, sizeof va); /* same stream: bit-identical */
    assert_true(va != vc);
    /* ranges hold: uniform within its range, normal positions clamped to the scale */
    for (int k = 0; k < 200; k++) {
        sc_rng r;
        sc_rng_init(&r, 1, (uint64_t)k);
        sc_scenario *t = NULL;
        assert_int_equal(sc_scenario_sample(s, &r, &t, &d), SC_OK);
        double u = sc_scenario_actor(t, 1)->capability.value;
        assert_true(u >= 1 && u <= 1.5);
        double tri = sc_scenario_actor(t, 2)->capability.value;
        assert_true(tri >= 0.5 && tri <= 1);
        double p = sc_scenario_stance(t, 1, 0)->position.value;
        assert_true(p >= 0 && p <= 10);
        double am = sc_scenario_relation(t, 1, 0)->amity.value;
        assert_true(am >= -1 && am <= 1);
        SC_ASSERT_NEAR(sc_scenario_relation(t, 0, 1)->amity.value, am, 0);
        SC_ASSERT_NEAR(sc_scenario_stance(t, 0, 0)->position.value, 2, 0); /* fixed number */
        sc_scenario_free(t);
    }
    sc_scenario_free(a);
    sc_scenario_free(b);
    sc_scenario_free(c);
    sc_scenario_free(s);
}

static void test_builder_and_baseline(void **state)
{
    (void)state;
    const char *ids[] = {"P", "Q", "R", "S"};
    const char *iss[] = {"i"};
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_new(4, ids, 1, iss, &s, NULL), SC_OK);
    sc_diag d;
    sc_diag_init(&d);
    /* nobody cares yet: invalid */
    assert_int_equal(sc_scenario_validate(s, &d), SC_EINVAL);
    sc_scenario_set_capability(s, 0, 2.385, NULL);
    sc_scenario_set_capability(s, 1, 1.5, NULL);
    sc_scenario_set_capability(s, 2, 0.7, NULL);
    sc_scenario_set_capability(s, 3, 3.1, NULL);
    sc_scenario_set_stance(s, 0, 0, 10, 0.5, NULL);
    sc_scenario_set_stance(s, 1, 0, 40, 1.0, NULL);
    sc_scenario_set_stance(s, 2, 0, 55, 0.9, NULL);
    sc_scenario_set_stance(s, 3, 0, 80, 0.2, NULL);
    assert_int_equal(sc_scenario_validate(s, &d), SC_OK);
    double mean, median;
    assert_int_equal(sc_scenario_issue_baseline(s, 0, &mean, &median, NULL), SC_OK);
    /* weights 1.1925, 1.5, 0.63, 0.62: total 3.9425, half 1.97125 -> median 40 */
    double w[4] = {2.385 * 0.5, 1.5, 0.7 * 0.9, 3.1 * 0.2}, x[4] = {10, 40, 55, 80};
    double num = 0, den = 0;
    for (int i = 0; i < 4; i++) {
        num += w[i] * x[i];
        den += w[i];
    }
    SC_ASSERT_NEAR(mean, num / den, 1e-12);
    SC_ASSERT_NEAR(median, 40, 0);
    assert_int_equal(sc_scenario_set_stance(s, 9, 0, 1, 1, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_amity(s, 0, 0, 0.5, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_amity(s, 0, 3, 0.5, NULL), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_relation(s, 3, 0)->amity.value, 0.5, 0);
    sc_scenario_set_stance(s, 3, 0, 150, 0.2, NULL);
    assert_int_equal(sc_scenario_validate(s, &d), SC_ERANGE);
    sc_scenario_free(s);
}

static sc_scenario *load_full(void)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_load(sc_test_source("tests/data/good/full.yaml"), &s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail();
    }
    return s;
}

static void test_full_file(void **state)
{
    (void)state;
    sc_scenario *s = load_full();
    assert_string_equal(sc_scenario_title(s), "Every feature");
    assert_string_equal(sc_scenario_description(s), "Three powers, two issues");
    assert_non_null(strstr(sc_scenario_filename(s), "full.yaml"));
    assert_null(sc_scenario_variant_name(s));
    assert_null(sc_scenario_events_until(s));
    assert_int_equal(sc_scenario_source_count(s), 2);
    assert_string_equal(sc_scenario_source(s, 0)->url, "https://correlatesofwar.org");
    assert_null(sc_scenario_source(s, 1)->url);
    const sc_actor *usa = sc_scenario_actor(s, 0), *rus = sc_scenario_actor(s, 1);
    SC_ASSERT_NEAR(usa->milex.value, 997.3, 0);
    assert_string_equal(usa->milex.source, "sipri");
    assert_int_equal(usa->milex.dist.kind, SC_DIST_NONE);
    SC_ASSERT_NEAR(usa->gdp.value, 29184.9, 0);
    assert_null(usa->gdp.source);
    assert_string_equal(rus->description, "Russian Federation");
    assert_null(usa->description);
    SC_ASSERT_NEAR(rus->capability.dist.a, 0.03, 0);
    SC_ASSERT_NEAR(rus->capability.dist.b, 0.04, 0);
    const sc_actor *chn = sc_scenario_actor(s, 2);
    assert_int_equal(chn->capability.dist.kind, SC_DIST_TRIANGULAR);
    SC_ASSERT_NEAR(chn->capability.dist.a, 0.2, 0);
    SC_ASSERT_NEAR(chn->capability.dist.c, 0.22, 0); /* the mode */
    SC_ASSERT_NEAR(chn->capability.dist.b, 0.25, 0);
    assert_true(isnan(chn->milex.value) && isnan(chn->gdp.value));
    long border = sc_scenario_issue_index(s, "border");
    assert_int_equal(border, 1);
    assert_int_equal(sc_scenario_issue_index(s, "nope"), -1);
    assert_int_equal(sc_scenario_actor_index(s, "CHN"), 2);
    assert_int_equal(sc_scenario_actor_index(s, "chn"), -1);
    SC_ASSERT_NEAR(sc_scenario_issue(s, 1)->scale_min, -50, 0);
    assert_null(sc_scenario_issue(s, 1)->low);
    assert_string_equal(sc_scenario_issue(s, 0)->high, "talks");
    const sc_stance *st = sc_scenario_stance(s, 0, 0);
    assert_string_equal(st->rationale, "stated");
    SC_ASSERT_NEAR(st->position.min, 0, 0);
    SC_ASSERT_NEAR(st->position.max, 1, 0);
    SC_ASSERT_NEAR(sc_scenario_stance(s, 1, 1)->position.value, -20, 0);
    SC_ASSERT_NEAR(sc_scenario_stance(s, 1, 1)->position.min, -50, 0);
    assert_false(sc_scenario_stance(s, 2, 1)->present);
    assert_int_equal(sc_scenario_stance(s, 2, 0)->salience.dist.kind, SC_DIST_UNIFORM);
    assert_null(sc_scenario_stance(s, 3, 0));
    assert_null(sc_scenario_relation(s, 1, 1));
    /* relations: symmetric access, rationale and trade from either order */
    const sc_relation *rc1 = sc_scenario_relation(s, 1, 2), *rc2 = sc_scenario_relation(s, 2, 1);
    assert_true(rc1->present && rc2->present);
    SC_ASSERT_NEAR(rc2->trade.value, 245, 0);
    assert_string_equal(rc2->trade.source, "customs");
    assert_int_equal(rc2->amity.dist.kind, SC_DIST_NORMAL);
    assert_string_equal(sc_scenario_relation(s, 1, 0)->rationale, "sanctions");
    assert_true(isnan(sc_scenario_relation(s, 0, 1)->trade.value));
    assert_false(sc_scenario_relation(s, 0, 2)->present);
    /* events sorted by date, whatever the file order */
    assert_int_equal(sc_scenario_event_count(s), 2);
    const sc_event *e = sc_scenario_event(s, 0);
    assert_string_equal(e->id, "first");
    assert_string_equal(e->date, "2025-02-12");
    assert_int_equal(e->n_actors, 2);
    assert_string_equal(e->actors[1], "RUS");
    assert_string_equal(e->source, "White House readout");
    assert_int_equal(e->shifts[1].op, SC_SHIFT_SET);
    assert_string_equal(e->shifts[1].target, "stance.talks.USA.position");
    SC_ASSERT_NEAR(e->shifts[1].value, 0.9, 0);
    assert_string_equal(sc_scenario_event(s, 1)->id, "second");
    assert_null(sc_scenario_event(s, 1)->cameo);
    assert_int_equal(sc_scenario_event(s, 1)->shifts[0].op, SC_SHIFT_ADD);
    assert_null(sc_scenario_event(s, 2));
    assert_string_equal(sc_scenario_variant(s, 0)->description, "The pre-2025 posture");
    assert_int_equal(sc_scenario_variant(s, 0)->n_shifts, 2);
    const sc_claim *c = sc_scenario_claim(s, 0);
    assert_string_equal(c->source, "commentary");
    const sc_node *when = sc__node_get(sc__node_get(sc__scenario_claim_node(s, 0), "test"), "when");
    assert_int_equal(sc__node_kind_of(when), SC_NODE_SEQ);
    assert_int_equal(sc__node_count(when), 2);
    assert_string_equal(sc__node_scalar(sc__node_at(when, 1)), "after-events");
    assert_null(sc__node_at(when, 2));
    /* the claim as judged: its predicate, states and the models it reads */
    assert_non_null(strstr(c->holds, ".models.baseline.issues[0].positions"));
    assert_int_equal(c->n_states, 2);
    assert_string_equal(c->states[0], "before-events");
    assert_int_equal(c->n_models, 1);
    assert_string_equal(c->models[0], "baseline");
    assert_int_equal(c->compare, 0);
    assert_string_equal(c->expect, "RUS is not the US's partner");
    /* a model section: plain numbers and {value:} mappings read alike */
    const sc_node *war = sc__scenario_section(s, "war");
    assert_int_equal(sc__node_kind_of(war), SC_NODE_MAP);
    assert_int_equal(sc__node_count(war), 4);
    assert_string_equal(sc__node_key_at(war, 2), "cost_a");
    assert_null(sc__node_key_at(war, 4));
    assert_null(sc__node_key_at(when, 0));
    double v = 0;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc__node_number(sc__node_get(war, "cost_a"), &v, &d), SC_OK);
    SC_ASSERT_NEAR(v, 0.02, 0);
    assert_int_equal(sc__node_number(sc__node_get(war, "cost_b"), &v, &d), SC_OK);
    SC_ASSERT_NEAR(v, 0.03, 0);
    assert_int_equal(sc__node_number(sc__node_get(war, "a"), &v, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "expected a finite number, got 'USA'"));
    assert_int_equal(d.line, 67);
    assert_int_equal(d.column, 6);
    assert_non_null(strstr(d.file, "full.yaml"));
    assert_int_equal(sc__node_number(NULL, &v, &d), SC_EPARSE);
    assert_int_equal(sc__node_number(when, &v, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "a list"));
    assert_int_equal(sc__node_error(sc__node_get(war, "b"), &d, SC_ENOTFOUND, "no %s", "B"),
                     SC_ENOTFOUND);
    assert_string_equal(d.message, "no B");
    assert_int_equal(d.line, 68);
    static const char *const keys[] = {"a", "b", "cost_a"};
    assert_int_equal(sc__node_check_keys(war, "war", keys, 3, &d), SC_EPARSE);
    assert_string_equal(d.message, "unknown key 'cost_b' in war (did you mean 'cost_a'?)");
    assert_int_equal(d.line, 70);
    assert_int_equal(d.column, 3);
    static const char *const all[] = {"a", "b", "cost_a", "cost_b"};
    assert_int_equal(sc__node_check_keys(war, "war", all, 4, &d), SC_OK);
    static const char *const far[] = {"model", "actors", "zzzzzz"};
    assert_int_equal(sc__node_check_keys(sc__node_get(sc__scenario_claim_node(s, 0), "test"), "a test", far, 3, &d), SC_EPARSE);
    assert_string_equal(d.message, "unknown key 'when' in a test");
    assert_int_equal(sc__node_check_keys(when, "war", far, 3, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "expected a mapping for war"));
    assert_null(sc__scenario_section(s, "eum"));
    assert_null(sc__node_get(NULL, "x"));
    assert_int_equal(sc__node_kind_of(NULL), SC_NODE_NULL);
    sc_scenario_free(s);
}

static void test_events_in_detail(void **state)
{
    (void)state;
    sc_scenario *s = load_full(), *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    double x;
    /* before every event: nothing changes */
    assert_int_equal(sc_scenario_after_events(s, "2025-02-11", &e, &d), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 0, 1)->amity.value, -0.7, 0);
    assert_null(sc_scenario_events_until(e));
    sc_scenario_free(e);
    /* the cut-off is inclusive, and 'add' from both orders lands on one relation */
    assert_int_equal(sc_scenario_after_events(s, "2025-03-01", &e, &d), SC_OK);
    assert_int_equal(sc_scenario_get_value(e, "relation.RUS.USA.amity", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, -0.2, 1e-15);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 0, 1)->amity.value, -0.2, 1e-15);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 1, 0)->amity.value, -0.2, 1e-15);
    assert_int_equal(sc_scenario_get_value(e, "stance.talks.USA.position", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.9, 0); /* 'set' */
    assert_string_equal(sc_scenario_events_until(e), "2025-03-01");
    sc_scenario_free(e);
    /* one day earlier: only the first event */
    assert_int_equal(sc_scenario_after_events(s, "2025-02-28", &e, &d), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 1, 0)->amity.value, -0.5, 1e-15);
    sc_scenario_free(e);
    /* the base is untouched */
    SC_ASSERT_NEAR(sc_scenario_relation(s, 0, 1)->amity.value, -0.7, 0);
    SC_ASSERT_NEAR(sc_scenario_stance(s, 0, 0)->position.value, 0.2, 0);
    sc_scenario_free(s);
    /* clamping at both ends of every range kind */
    s = sc_test_scenario("statecraft: 1\nmetadata: {title: c}\n"
              "actors:\n  - {id: A, name: a, capability: 2, milex: 5}\n  - {id: B, name: b, capability: 1}\n"
              "issues:\n  - {id: x, title: X, scale: [-10, 10]}\n"
              "stances:\n  x:\n    A: {position: 9, salience: 0.9}\n    B: {position: -9, salience: 0.2}\n"
              "relations:\n  - {pair: [A, B], amity: -0.5}\n"
              "events:\n  - id: e1\n    date: 2025-01-01\n    what: w\n    shifts:\n"
              "      - {target: stance.x.A.position, add: 5}\n"
              "      - {target: stance.x.B.position, add: -5}\n"
              "      - {target: stance.x.B.salience, add: 7}\n"
              "      - {target: relation.B.A.amity, add: -3}\n"
              "      - {target: actor.A.milex, add: -100}\n"
              "  - {id: e2, date: 2025-01-02, what: w, shifts: [{target: relation.A.B.amity, set: 0.25}]}\n");
    assert_int_equal(sc_scenario_after_events(s, "2025-01-01", &e, &d), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_stance(e, 0, 0)->position.value, 10, 0);
    SC_ASSERT_NEAR(sc_scenario_stance(e, 1, 0)->position.value, -10, 0);
    SC_ASSERT_NEAR(sc_scenario_stance(e, 1, 0)->salience.value, 1, 0);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 0, 1)->amity.value, -1, 0);
    SC_ASSERT_NEAR(sc_scenario_actor(e, 0)->milex.value, 0, 0);
    sc_scenario_free(e);
    assert_int_equal(sc_scenario_after_events(s, NULL, &e, &d), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 1, 0)->amity.value, 0.25, 0);
    assert_string_equal(sc_scenario_events_until(e), "2025-01-02");
    sc_scenario_free(e);
    sc_scenario_free(s);
}

#define SHIFT_DOC_HEAD                                                                             \
    "statecraft: 1\nmetadata: {title: c}\n"                                                      \
    "actors:\n  - {id: A, name: a, capability: 2}\n  - {id: B, name: b, capability: 1}\n"        \
    "issues:\n  - {id: x, title: X}\n"                                                           \
    "stances:\n  x:\n    A: {position: 5, salience: 0.5}\n"

/* Parses text expecting failure with `code`, a message containing `what`, at line `line`. */
static void expect_parse_error(const char *text, sc_status code, const char *what, int line)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_status rc = sc_scenario_parse(text, strlen(text), NULL, &s, &d);
    sc_scenario_free(s);
    if (rc != code || !strstr(d.message, what) || d.line != line) {
        fail_msg("expected status %d with '%s' at line %d, got %d '%s' at line %d", code, what,
                 line, rc, d.message, d.line);
    }
}

/*
 * An event or variant must not turn a valid scenario into an invalid one: capability is
 * documented as > 0 (every ratio divides by it), so an event that would drive it to 0 is
 * rejected when the file is read, at the events, rather than clamped.
 */
static void test_shifts_keep_scenario_valid(void **state)
{
    (void)state;
    expect_parse_error(SHIFT_DOC_HEAD
                       "events:\n  - {id: e, date: 2025-01-01, what: w, shifts: "
                       "[{target: actor.A.capability, add: -5}]}\n",
                       SC_ERANGE, "'actor.A.capability' would become -3, but it must stay > 0",
                       12);
    /* lowering it, but not to 0, is fine */
    sc_scenario *s = sc_test_scenario(SHIFT_DOC_HEAD "events:\n  - {id: e, date: 2025-01-01, what: w, "
                                          "shifts: [{target: actor.A.capability, add: -1.5}]}\n");
    sc_scenario *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_after_events(s, NULL, &e, &d), SC_OK);
    assert_true(fabs(sc_scenario_actor(e, 0)->capability.value - 0.5) < 1e-15);
    assert_int_equal(sc_scenario_validate(e, &d), SC_OK);
    sc_scenario_free(e);
    sc_scenario_free(s);
}

/* A variant that creates a stance must give it both numbers, or the models would read a NaN. */
static void test_variant_creating_stance(void **state)
{
    (void)state;
    expect_parse_error(SHIFT_DOC_HEAD "variants:\n  - {name: v, shifts: [{target: "
                                      "stance.x.B.position, set: 7}]}\n",
                       SC_EINVAL, "creates the stance of 'B' on 'x' without its salience", 12);
    /* adding to a number that is not there is an error too, located at the variant */
    expect_parse_error(SHIFT_DOC_HEAD "variants:\n  - {name: v, shifts: [{target: "
                                      "stance.x.B.position, add: 7}]}\n",
                       SC_EINVAL, "cannot add to 'stance.x.B.position'", 12);
    /* both numbers: the stance exists in the variant */
    sc_scenario *s = sc_test_scenario(SHIFT_DOC_HEAD "variants:\n  - {name: v, shifts: [{target: "
                                          "stance.x.B.position, set: 7}, {target: "
                                          "stance.x.B.salience, set: 0.25}]}\n");
    sc_scenario *v = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_with_variant(s, "v", &v, &d), SC_OK);
    assert_true(sc_scenario_stance(v, 1, 0)->present);
    assert_true(sc_scenario_stance(v, 1, 0)->salience.value == 0.25);
    assert_int_equal(sc_scenario_validate(v, &d), SC_OK);
    sc_scenario_free(v);
    sc_scenario_free(s);
}

/* A malformed cut-off date is an error, not a text comparison. */
static void test_after_events_bad_date(void **state)
{
    (void)state;
    sc_scenario *s = load_full(), *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    /* "2025-2-13" sorts after "2025-03-01" as text, so it would apply both events */
    sc_status rc = sc_scenario_after_events(s, "2025-2-13", &e, &d);
    sc_scenario_free(e);
    sc_scenario_free(s);
    if (rc != SC_EINVAL) {
        fail_msg("sc_scenario_after_events(\"2025-2-13\") returned %d, expected SC_EINVAL", rc);
    }
}

/*
 * States: the events first, then the variant on top of them, so a variant's `set` holds whatever
 * the events did; before-events ignores the events; the state says its variant and date.
 */
static void test_states(void **state)
{
    (void)state;
    sc_scenario *s = load_full(), *t = NULL;
    sc_diag d;
    sc_diag_init(&d);
    double x = 0;
    sc_state st;
    sc_state_init(&st);
    assert_null(st.variant);
    assert_int_equal(st.events, SC_EVENTS_AFTER);

    /* default: every event; the first event sets USA's talks position to 0.9 */
    assert_int_equal(sc_scenario_at(s, NULL, &t, &d), SC_OK);
    assert_int_equal(sc_scenario_get_value(t, "stance.talks.USA.position", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.9, 0);
    assert_string_equal(sc_scenario_state_date(t), "2025-03-01");
    assert_null(sc_scenario_variant_name(t));
    sc_scenario_free(t);

    /* the variant's set (0.1) wins over the event's set (0.9) */
    st.variant = "engaged";
    assert_int_equal(sc_scenario_at(s, &st, &t, &d), SC_OK);
    assert_int_equal(sc_scenario_get_value(t, "stance.talks.USA.position", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.1, 0);
    assert_string_equal(sc_scenario_variant_name(t), "engaged");
    sc_scenario_free(t);

    /* a cut-off between the two events: only the first applies (amity +0.2, not +0.5) */
    double before = 0, after = 0;
    assert_int_equal(sc_scenario_get_value(s, "relation.USA.RUS.amity", &before, NULL), SC_OK);
    st.variant = NULL;
    st.until = "2025-02-20";
    assert_int_equal(sc_scenario_at(s, &st, &t, &d), SC_OK);
    assert_int_equal(sc_scenario_get_value(t, "relation.USA.RUS.amity", &after, NULL), SC_OK);
    SC_ASSERT_NEAR(after - before, 0.2, 1e-12);
    assert_string_equal(sc_scenario_state_date(t), "2025-02-20");
    sc_scenario_free(t);

    /* before the events: nothing applied; the date is the baseline's */
    st.events = SC_EVENTS_BEFORE;
    st.until = NULL;
    assert_int_equal(sc_scenario_at(s, &st, &t, &d), SC_OK);
    assert_int_equal(sc_scenario_get_value(t, "relation.USA.RUS.amity", &after, NULL), SC_OK);
    SC_ASSERT_NEAR(after, before, 0);
    assert_null(sc_scenario_events_until(t));
    if (sc_scenario_date(s)) {
        assert_string_equal(sc_scenario_state_date(t), sc_scenario_date(s));
    }
    sc_scenario_free(t);

    /* an unknown variant is an error with a suggestion, and no output */
    st.variant = "engagd";
    t = NULL;
    assert_int_equal(sc_scenario_at(s, &st, &t, &d), SC_ENOTFOUND);
    assert_null(t);
    assert_non_null(strstr(d.message, "did you mean 'engaged'"));
    sc_scenario_free(s);
}

static void test_paths(void **state)
{
    (void)state;
    sc_scenario *s = load_full(), *v = NULL;
    double x = 0;
    static const struct {
        const char *path;
        double value;
    } ok[] = {
        {"actor.USA.capability", 0.1379},  {"actor.USA.milex", 997.3},
        {"actor.USA.gdp", 29184.9},        {"stance.talks.RUS.position", 0.8},
        {"stance.talks.CHN.salience", 0.3}, {"stance.border.USA.position", 35.5},
        {"relation.CHN.RUS.amity", 0.7},   {"relation.RUS.CHN.trade", 245},
        {"relation.RUS.USA.amity", -0.7},  {"war.cost_a", 0.02},
        {"war.cost_b", 0.03},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        if (sc_scenario_get_value(s, ok[i].path, &x, NULL) != SC_OK) {
            fail_msg("%s not found", ok[i].path);
        }
        SC_ASSERT_NEAR(x, ok[i].value, 0);
    }
    static const char *const bad[] = {
        "", "actor", "actor.USA", "actor.USA.capability.x", "actor.XXX.capability",
        "actor.USA.name", "stance.talks.USA", "stance.talks.USA.nothing", "stance.nope.USA.position",
        "relation.USA.USA.amity", "relation.USA.RUS", "relation.USA.RUS.hate", "war", "war.a",
        "war..cost_b", "war.cost_b.", ".war.cost_b", "war.nosuch", "eum.cost_b", "nosection.x",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (sc_scenario_get_value(s, bad[i], &x, NULL) != SC_ENOTFOUND) {
            fail_msg("'%s' should name nothing", bad[i]);
        }
    }
    char longpath[1024];
    memset(longpath, 'a', sizeof longpath - 1);
    longpath[sizeof longpath - 1] = '\0';
    assert_int_equal(sc_scenario_get_value(s, longpath, &x, NULL), SC_ENOTFOUND);
    /* a variant sets a section number; the base keeps its own */
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_with_variant(s, "engaged", &v, &d), SC_OK);
    assert_int_equal(sc_scenario_get_value(v, "war.cost_b", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.25, 0);
    assert_int_equal(
        sc__node_number(sc__node_get(sc__scenario_section(v, "war"), "cost_b"), &x, &d), SC_OK);
    SC_ASSERT_NEAR(x, 0.25, 0);
    assert_int_equal(sc_scenario_get_value(v, "stance.talks.USA.position", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.1, 0);
    assert_int_equal(sc_scenario_get_value(s, "war.cost_b", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.03, 0);
    assert_int_equal(sc_scenario_get_value(s, "stance.talks.USA.position", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.2, 0);
    /* variants then events: both apply */
    sc_scenario *ve = NULL;
    assert_int_equal(sc_scenario_after_events(v, NULL, &ve, &d), SC_OK);
    assert_string_equal(sc_scenario_variant_name(ve), "engaged");
    assert_int_equal(sc_scenario_get_value(ve, "war.cost_b", &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 0.25, 0);
    sc_scenario_free(ve);
    sc_scenario_free(v);
    /* unknown variants: a suggestion when close, the count otherwise; out stays NULL */
    v = (sc_scenario *)1;
    assert_int_equal(sc_scenario_with_variant(s, "engagd", &v, &d), SC_ENOTFOUND);
    assert_null(v);
    assert_string_equal(d.message, "unknown variant 'engagd' (did you mean 'engaged'?)");
    assert_int_equal(sc_scenario_with_variant(s, "zzz", &v, &d), SC_ENOTFOUND);
    assert_null(strstr(d.message, "did you mean"));
    assert_non_null(strstr(d.message, "unknown variant 'zzz'"));
    sc_scenario_free(s);
}

/* Every number of a scenario, in a fixed order, for bit-for-bit comparisons. */
static size_t all_numbers(const sc_scenario *s, double *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < sc_scenario_actor_count(s) && n + 3 <= cap; i++) {
        out[n++] = sc_scenario_actor(s, i)->capability.value;
        out[n++] = sc_scenario_actor(s, i)->milex.value;
        out[n++] = sc_scenario_actor(s, i)->gdp.value;
        for (size_t j = 0; j < sc_scenario_issue_count(s) && n + 2 <= cap; j++) {
            out[n++] = sc_scenario_stance(s, i, j)->position.value;
            out[n++] = sc_scenario_stance(s, i, j)->salience.value;
        }
        for (size_t k = 0; k < sc_scenario_actor_count(s) && n + 2 <= cap; k++) {
            if (k != i) {
                out[n++] = sc_scenario_relation(s, i, k)->amity.value;
                out[n++] = sc_scenario_relation(s, i, k)->trade.value;
            }
        }
    }
    double x = 0;
    if (n < cap && sc_scenario_get_value(s, "war.cost_a", &x, NULL) == SC_OK) {
        out[n++] = x;
    }
    return n;
}

static void test_sampling_full(void **state)
{
    (void)state;
    sc_scenario *s = load_full();
    double base[64], a[64], b[64];
    size_t n = all_numbers(s, base, 64);
    assert_int_equal(n, 3 * 3 + 3 * 2 * 2 + 3 * 2 * 2 + 1);
    int differs = 0;
    for (uint64_t k = 0; k < 100; k++) {
        sc_rng r1, r2;
        sc_rng_init(&r1, 20250212, k);
        sc_rng_init(&r2, 20250212, k);
        sc_scenario *x = NULL, *y = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_scenario_sample(s, &r1, &x, &d), SC_OK);
        assert_int_equal(sc_scenario_sample(s, &r2, &y, &d), SC_OK);
        assert_int_equal(all_numbers(x, a, 64), n);
        all_numbers(y, b, 64);
        assert_memory_equal(a, b, n * sizeof a[0]); /* same stream: bit-identical */
        /* fixed numbers are untouched */
        SC_ASSERT_NEAR(sc_scenario_actor(x, 0)->milex.value, 997.3, 0);
        SC_ASSERT_NEAR(sc_scenario_actor(x, 0)->gdp.value, 29184.9, 0);
        SC_ASSERT_NEAR(sc_scenario_stance(x, 0, 0)->position.value, 0.2, 0);
        SC_ASSERT_NEAR(sc_scenario_stance(x, 1, 1)->position.value, -20, 0);
        SC_ASSERT_NEAR(sc_scenario_relation(x, 0, 1)->amity.value, -0.7, 0);
        SC_ASSERT_NEAR(sc_scenario_relation(x, 2, 1)->trade.value, 245, 0);
        double cb = 0;
        assert_int_equal(sc_scenario_get_value(x, "war.cost_b", &cb, NULL), SC_OK);
        SC_ASSERT_NEAR(cb, 0.03, 0);
        assert_false(sc_scenario_stance(x, 2, 1)->present);
        /* uncertain numbers stay in their ranges */
        double cap = sc_scenario_actor(x, 0)->capability.value;
        assert_true(cap > 0);
        double r = sc_scenario_actor(x, 1)->capability.value;
        assert_true(r >= 0.03 && r <= 0.04);
        double t = sc_scenario_actor(x, 2)->capability.value;
        assert_true(t >= 0.2 && t <= 0.25);
        double p = sc_scenario_stance(x, 1, 0)->position.value;
        assert_true(p >= 0 && p <= 1);
        double sal = sc_scenario_stance(x, 2, 0)->salience.value;
        assert_true(sal >= 0.2 && sal <= 0.4);
        double am = sc_scenario_relation(x, 1, 2)->amity.value;
        assert_true(am >= -1 && am <= 1);
        SC_ASSERT_NEAR(sc_scenario_relation(x, 2, 1)->amity.value, am, 0);
        differs += a[0] != base[0];
        /* a neighbouring stream gives another sample */
        sc_rng r3;
        sc_rng_init(&r3, 20250212, k + 1);
        sc_scenario *z = NULL;
        assert_int_equal(sc_scenario_sample(s, &r3, &z, &d), SC_OK);
        all_numbers(z, b, 64);
        assert_true(memcmp(a, b, n * sizeof a[0]) != 0);
        double ca = 0, cz = 0;
        assert_int_equal(sc_scenario_get_value(x, "war.cost_a", &ca, NULL), SC_OK);
        assert_int_equal(sc_scenario_get_value(z, "war.cost_a", &cz, NULL), SC_OK);
        assert_true(ca != cz); /* section quantities are drawn too */
        sc_scenario_free(x);
        sc_scenario_free(y);
        sc_scenario_free(z);
    }
    assert_true(differs > 90);
    /* the base is unchanged by sampling */
    all_numbers(s, a, 64);
    assert_memory_equal(a, base, n * sizeof a[0]);
    sc_scenario_free(s);
}

static void test_builder_errors(void **state)
{
    (void)state;
    const char *ids[] = {"P", "Q", "R"};
    const char *iss[] = {"i", "j"};
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_new(3, ids, 2, iss, &s, NULL), SC_OK);
    assert_int_equal(sc_scenario_set_capability(s, 0, -1, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_capability(s, 0, (double)NAN, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_capability(s, 0, (double)INFINITY, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_capability(s, 3, 1, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_issue_scale(s, 0, 5, 5, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_issue_scale(s, 0, 0, (double)INFINITY, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_issue_scale(s, 2, 0, 1, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_stance(s, 0, 2, 1, 1, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_stance(s, 0, 0, (double)NAN, 1, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_amity(s, 0, 3, 0.1, NULL), SC_EINVAL);
    assert_int_equal(sc_scenario_set_amity(s, 1, 2, (double)NAN, NULL), SC_EINVAL);
    assert_string_equal(sc_scenario_actor(s, 2)->id, "R");
    assert_string_equal(sc_scenario_issue(s, 1)->id, "j");
    SC_ASSERT_NEAR(sc_scenario_actor(s, 1)->capability.value, 1, 0);
    assert_int_equal(sc_scenario_set_issue_scale(s, 0, -1.5, 2.5, NULL), SC_OK);
    assert_int_equal(sc_scenario_set_stance(s, 0, 0, 2.25, 0.6, NULL), SC_OK);
    assert_int_equal(sc_scenario_set_stance(s, 1, 0, -1.5, 0.3, NULL), SC_OK);
    assert_int_equal(sc_scenario_set_stance(s, 1, 1, 40, 0.2, NULL), SC_OK);
    assert_int_equal(sc_scenario_validate(s, &d), SC_OK);
    /* each bad value is caught by validate */
    assert_int_equal(sc_scenario_set_stance(s, 0, 0, 3, 0.6, NULL),
                     SC_OK); /* outside [-1.5, 2.5] */
    assert_int_equal(sc_scenario_validate(s, &d), SC_ERANGE);
    assert_non_null(strstr(d.message, "position 3 of 'P' is outside the scale [-1.5, 2.5]"));
    sc_scenario_set_stance(s, 0, 0, 2.25, 1.5, NULL);
    assert_int_equal(sc_scenario_validate(s, &d), SC_ERANGE);
    assert_non_null(strstr(d.message, "salience 1.5"));
    sc_scenario_set_stance(s, 0, 0, 2.25, 0, NULL);
    sc_scenario_set_stance(s, 1, 0, -1.5, 0, NULL);
    assert_int_equal(sc_scenario_validate(s, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "issue 'i' has no actor with a positive salience"));
    sc_scenario_set_stance(s, 1, 0, -1.5, 0.3, NULL);
    assert_int_equal(sc_scenario_validate(s, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "every salience of actor 'P' is 0"));
    sc_scenario_set_stance(s, 0, 0, 2.25, 0.6, NULL);
    assert_int_equal(sc_scenario_set_amity(s, 2, 0, 2, NULL), SC_OK);
    assert_int_equal(sc_scenario_validate(s, &d), SC_ERANGE);
    assert_non_null(strstr(d.message, "amity"));
    sc_scenario_set_amity(s, 2, 0, -0.35, NULL);
    SC_ASSERT_NEAR(sc_scenario_relation(s, 0, 2)->amity.value, -0.35, 0);
    assert_int_equal(sc_scenario_set_capability(s, 2, 0, NULL), SC_OK);
    assert_int_equal(sc_scenario_validate(s, &d), SC_ERANGE);
    assert_non_null(strstr(d.message, "actor 'R' needs a capability > 0"));
    sc_scenario_set_capability(s, 2, 0.125, NULL);
    assert_int_equal(sc_scenario_validate(s, &d), SC_OK);
    sc_scenario_free(s);
    /* fewer than 2 actors, duplicate ids */
    assert_int_equal(sc_scenario_new(1, ids, 0, NULL, &s, NULL), SC_OK);
    assert_int_equal(sc_scenario_validate(s, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "at least 2 actors, found 1"));
    sc_scenario_free(s);
    const char *dup[] = {"P", "P"};
    assert_int_equal(sc_scenario_new(2, dup, 0, NULL, &s, NULL), SC_OK);
    assert_int_equal(sc_scenario_validate(s, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "duplicate actor id 'P'"));
    sc_scenario_free(s);
    sc_scenario_free(NULL);
}

static void test_baseline_cases(void **state)
{
    (void)state;
    /* weights 0.954, 0.69445, 0.4045, 0.4 (total 2.45295, half 1.226475); by position
     * 12.5 (0.954), 30.7 (cumulative 1.354) -> median 30.7; D has no stance, E salience 0 */
    sc_scenario *s = sc_test_scenario("statecraft: 1\nmetadata: {title: b}\nactors:\n"
                           "  - {id: A, name: a, capability: 2.385}\n"
                           "  - {id: B, name: b, capability: 0.731}\n"
                           "  - {id: C, name: c, capability: 1.618}\n"
                           "  - {id: D, name: d, capability: 0.5}\n"
                           "  - {id: E, name: e, capability: 9.75}\n"
                           "  - {id: F, name: f, capability: 4}\n"
                           "issues:\n  - {id: x, title: X}\n  - {id: y, title: Y, scale: [-1, 1]}\n"
                           "stances:\n  x:\n"
                           "    A: {position: 12.5, salience: 0.4}\n"
                           "    B: {position: 63.2, salience: 0.95}\n"
                           "    C: {position: 88.1, salience: 0.25}\n"
                           "    D: {position: 30.7, salience: 0.8}\n"
                           "    E: {position: 99, salience: 0}\n"
                           "  y:\n"
                           "    A: {position: -0.6, salience: 0.5}\n"
                           "    E: {position: 0.2, salience: 0.5}\n"
                           "    F: {position: 0.9, salience: 0.25}\n");
    double mean, median;
    assert_int_equal(sc_scenario_issue_baseline(s, 0, &mean, &median, NULL), SC_OK);
    SC_ASSERT_NEAR(mean, 42.28813877168307, 1e-12);
    SC_ASSERT_NEAR(median, 30.7, 0);
    /* y: weights 1.1925, 4.875, 1.0 (total 7.0675): E's 0.2 holds the majority */
    assert_int_equal(sc_scenario_issue_baseline(s, 1, &mean, &median, NULL), SC_OK);
    SC_ASSERT_NEAR(mean, (1.1925 * -0.6 + 4.875 * 0.2 + 1.0 * 0.9) / 7.0675, 1e-12);
    SC_ASSERT_NEAR(median, 0.2, 0);
    assert_int_equal(sc_scenario_issue_baseline(s, 2, &mean, &median, NULL), SC_EINVAL);
    sc_scenario_free(s);
}

/* A file of tests/data/bad: refused with the message it expects, located (where its "# at:"
 * says, when it says). */
static int bad_file_refused(const sc_test_corpus_file *f, void *ctx)
{
    (void)ctx;
    sc_parse_opts o;
    sc_parse_opts_init(&o);
    o.filename = f->name;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(f->text, f->len, &o, &s, &d) == SC_OK) {
        sc_scenario_free(s);
        print_error("%s: parsed, expected '%s'\n", f->name, f->expect);
        return 0;
    }
    if (!f->expect[0] || !strstr(d.message, f->expect) || d.line < 1 || d.column < 1 ||
        (f->line && (d.line != f->line || d.column != f->col))) {
        print_error("%s: '%s' at %d:%d, expected '%s' (at %d:%d when given)\n", f->name, d.message,
                    d.line, d.column, f->expect, f->line, f->col);
        return 0;
    }
    return 1;
}

static void test_generated_documents(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_parse_opts o;
    sc_parse_opts_init(&o);
    o.filename = "gen.yaml";
    /* 200 levels of nesting in a model section */
    char deep[1024];
    size_t n = (size_t)snprintf(deep, sizeof deep, "statecraft: 1\nmetadata: {title: t}\nwar: ");
    for (int i = 0; i < 200; i++) {
        deep[n++] = '[';
    }
    for (int i = 0; i < 200; i++) {
        deep[n++] = ']';
    }
    deep[n++] = '\n';
    assert_int_equal(sc_scenario_parse(deep, n, &o, &s, &d), SC_ELIMIT);
    assert_non_null(strstr(d.message, "nesting deeper than"));
    assert_int_equal(d.line, 3);
    assert_string_equal(d.file, "gen.yaml");
    static const struct {
        const char *text, *expect;
    } cases[] = {
        {"", "the file is empty"},
        {" \n\t\n  \r\n", "the file is empty"},
        {"# nothing\n", "holds no YAML document"},
        {"statecraft: 1\n---\nstatecraft: 1\n", "found a second"},
        {"a: &x 1\nb: *x\n", "aliases"},
        {"statecraft: 1\nstatecraft: 1\n", "duplicate key 'statecraft'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_diag_init(&d);
        if (sc_scenario_parse(cases[i].text, strlen(cases[i].text), &o, &s, &d) == SC_OK ||
            !strstr(d.message, cases[i].expect) || d.line < 1) {
            fail_msg("case %zu: '%s' at line %d, expected '%s'", i, d.message, d.line,
                     cases[i].expect);
        }
        assert_null(s);
    }
    /* the committed corpus: every file fails with its expected message, located */
    int files, located;
    int bad = sc_test_corpus_each(sc_test_source("tests/data/bad"), bad_file_refused, NULL, &files,
                                  &located);
    assert_true(files >= 40);
    assert_true(located >= 14);
    assert_int_equal(bad, 0);
}

/* The scenario written out as JSON, or an empty string when it cannot be (a new string). */
static char *written(const sc_scenario *s)
{
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(sc_scenario_write(s, 1, &text, &len, NULL), SC_OK);
    return text;
}

/* Refills one copy (sc__scenario_at_reuse) through states st[0 .. n - 1] in turn over three
 * draws of s and checks it against sc_scenario_at's copy each time; returns the copy. */
static sc_scenario *check_reuse(const sc_scenario *s, const sc_state *st, size_t n,
                                sc_scenario *keep)
{
    sc__scratch *x = NULL;
    assert_int_equal(sc__scratch_new(s, &x), SC_OK);
    size_t k = sc_scenario_input_count(s);
    double *u = calloc(k ? k : 1, sizeof *u);
    assert_non_null(u);
    for (size_t d = 0; d < 3; d++) {
        for (size_t i = 0; i < k; i++) {
            u[i] = fmod(0.05 + 0.61803398875 * (double)(i + 7 * d + 1), 0.9) + 0.05;
        }
        const sc_scenario *given = sc__scratch_set(x, u);
        for (size_t t = 0; t < n; t++) {
            sc_scenario *want = NULL;
            assert_int_equal(sc_scenario_at(given, &st[t], &want, NULL), SC_OK);
            assert_int_equal(sc__scenario_at_reuse(given, &st[t], &keep, NULL), SC_OK);
            char *a = written(want), *b = written(keep);
            assert_string_equal(a, b);
            free(a);
            free(b);
            for (size_t i = 0; i < k; i++) {
                const sc_input *in = sc_scenario_input(s, i);
                for (size_t m = 0; m < in->n_members; m++) {
                    double va = 0, vb = 0;
                    sc_status ra = sc_scenario_get_value(want, in->members[m].path, &va, NULL);
                    sc_status rb = sc_scenario_get_value(keep, in->members[m].path, &vb, NULL);
                    assert_int_equal(ra, rb);
                    assert_memory_equal(&va, &vb, sizeof va);
                }
            }
            assert_ptr_equal(sc_scenario_variant_name(want), sc_scenario_variant_name(keep));
            assert_ptr_equal(sc_scenario_events_until(want), sc_scenario_events_until(keep));
            sc_scenario_free(want);
        }
    }
    free(u);
    sc__scratch_free(x);
    return keep;
}

/*
 * A state's copy refilled draw after draw (sc__scenario_at_reuse, the Monte Carlo's workers) is
 * the copy sc_scenario_at makes: one copy taken through the states in turn (a variant's shifts
 * must not outlive its state) over several draws, the same text, every input's number and the
 * same state names each time: the built-in scenario, and one whose only relation (the last
 * record) is drawn.
 */
static void test_state_copy_reused(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_builtin(&s, NULL), SC_OK);
    sc_state states[4];
    for (size_t t = 0; t < 4; t++) {
        sc_state_init(&states[t]);
    }
    states[0].events = SC_EVENTS_BEFORE;
    states[2].variant = "retrench";
    states[3].variant = "engaged";
    sc_scenario *keep = check_reuse(s, states, 4, NULL);
    sc_scenario_free(s);
    s = sc_test_scenario("statecraft: 1\n"
                         "metadata: {title: One relation, date: 2025-01-01}\n"
                         "actors:\n"
                         "  - {id: A, name: Alpha, capability: 1}\n"
                         "  - {id: B, name: Beta, capability: 1}\n"
                         "relations:\n"
                         "  - {pair: [A, B], amity: {value: 0.1, range: [-0.5, 0.7]}}\n"
                         "variants:\n"
                         "  - name: cold\n"
                         "    shifts: [{target: relation.A.B.amity, set: -0.9}]\n");
    states[1].variant = "cold";
    keep = check_reuse(s, states, 2, keep); /* a copy of another scenario: replaced */
    assert_int_equal(sc_scenario_actor_count(keep), 2);
    sc_scenario_free(keep);
    sc_scenario_free(s);
}

/* Where sc__scenario_source_node puts a path: line and column of the node, 0 0 for none. */
static void source_at(const sc_scenario *s, const char *path, int line, int column)
{
    const sc_node *n = sc__scenario_source_node(s, path);
    if (line == 0) {
        if (n) {
            fail_msg("%s: a node where the file has none", path);
        }
        return;
    }
    sc_diag d;
    sc_diag_init(&d);
    sc__node_error(n, &d, SC_EINVAL, "here");
    if (!n || d.line != line || d.column != column) {
        fail_msg("%s: at %d:%d, expected %d:%d", path, n ? d.line : 0, n ? d.column : 0, line,
                 column);
    }
}

/*
 * The core numbers' paths name ids where the file has lists (actor.ID.field,
 * stance.ISSUE.ACTOR.field, relation.A.B.field in either order): the probe of a draw's values
 * locates a core number a section refuses at its own node, the entry holding it when the file
 * gives none (a number the capability index made), and nothing for an id the file lacks.
 */
static void test_core_source_nodes(void **state)
{
    (void)state;
    const char *text = "statecraft: 1\n"
                       "metadata: {title: Where numbers are, date: 2025-01-01}\n"
                       "actors:\n"
                       "  - {id: USA, name: United States, capability: 3}\n"
                       "  - {id: RUS, name: Russia, capability: 2, milex: {value: 149, sd: 15}}\n"
                       "issues:\n"
                       "  - {id: territory, title: Territory, scale: [0, 100]}\n"
                       "stances:\n"
                       "  territory:\n"
                       "    USA: {position: 50, salience: {value: 0.4, range: [0.2, 0.6]}}\n"
                       "    RUS: {position: 95, salience: 0.9}\n"
                       "relations:\n"
                       "  - {pair: [USA, RUS], amity: -0.6, trade: {value: 3.5, sd: 1}}\n";
    sc_scenario *s = sc_test_scenario(text);
    source_at(s, "actor.RUS.milex", 5, 51);
    source_at(s, "actor.USA.capability", 4, 48);
    source_at(s, "actor.USA.milex", 4, 5); /* none written: the actor's entry */
    source_at(s, "actor.CHN.milex", 0, 0);
    source_at(s, "stance.territory.USA.salience", 10, 35);
    source_at(s, "stance.territory.RUS.position", 11, 21);
    source_at(s, "stance.territory.RUS.influence", 11, 10); /* none written: the stance */
    source_at(s, "stance.territory.CHN.position", 0, 0);
    source_at(s, "relation.RUS.USA.trade", 13, 44);
    source_at(s, "relation.USA.RUS.amity", 13, 31);
    source_at(s, "relation.USA.RUS.rationale", 13, 5); /* none written: the entry */
    source_at(s, "relation.USA.CHN.amity", 0, 0);
    source_at(s, "war.front", 0, 0);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_everything), cmocka_unit_test(test_variants_events_paths),
        cmocka_unit_test(test_sampling),         cmocka_unit_test(test_builder_and_baseline),
        cmocka_unit_test(test_full_file),        cmocka_unit_test(test_events_in_detail),
        cmocka_unit_test(test_paths),            cmocka_unit_test(test_sampling_full),
        cmocka_unit_test(test_builder_errors),   cmocka_unit_test(test_baseline_cases),
        cmocka_unit_test(test_generated_documents),
        cmocka_unit_test(test_shifts_keep_scenario_valid),
        cmocka_unit_test(test_variant_creating_stance),
        cmocka_unit_test(test_after_events_bad_date),
        cmocka_unit_test(test_states),
        cmocka_unit_test(test_state_copy_reused),
        cmocka_unit_test(test_core_source_nodes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
