/* The scenario API: parsing every feature, variants, events, sampling, paths, the builder, the
 * median-voter baseline, BDM tables and file helpers. */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <sys/stat.h>
#include <unistd.h>

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

static sc_scenario *parse(const char *text)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(&s, text, strlen(text), NULL, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail();
    }
    return s;
}

static void test_parse_everything(void **state)
{
    (void)state;
    sc_scenario *s = parse(doc);
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
    assert_string_equal(sc_node_scalar(sc_node_get(sc_scenario_claim(s, 0)->test, "model")),
                        "triangle");
    /* model sections through the node API */
    const sc_node *war = sc_scenario_section(s, "war");
    assert_non_null(war);
    double v;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_node_number(sc_node_get(war, "cost_b"), &v, &d), SC_OK);
    SC_ASSERT_NEAR(v, 0.003, 0);
    assert_int_equal(sc_node_number(sc_node_get(war, "a"), &v, &d), SC_EPARSE);
    assert_true(d.line > 0);
    static const char *const keys[] = {"a", "b", "cost_b", "nested"};
    assert_int_equal(sc_node_check_keys(war, "war", keys, 4, &d), SC_OK);
    static const char *const fewer[] = {"a", "b", "cost", "nested"};
    assert_int_equal(sc_node_check_keys(war, "war", fewer, 4, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "did you mean 'cost'"));
    assert_null(sc_scenario_section(s, "game"));
    sc_scenario_free(s);
}

static void test_variants_events_paths(void **state)
{
    (void)state;
    sc_scenario *s = parse(doc), *v = NULL, *e = NULL, *e2 = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_with_variant(s, "hawk", &v, &d), SC_OK);
    double x;
    assert_int_equal(sc_scenario_get_value(v, "stance.x.C.salience", &x), SC_OK);
    SC_ASSERT_NEAR(x, 0.9, 0);
    assert_int_equal(sc_scenario_get_value(v, "war.cost_b", &x), SC_OK);
    SC_ASSERT_NEAR(x, 0.5, 0);
    assert_int_equal(sc_scenario_get_value(s, "war.cost_b", &x), SC_OK);
    SC_ASSERT_NEAR(x, 0.003, 0); /* the base is unchanged */
    assert_int_equal(sc_scenario_get_value(s, "war.nested.k", &x), SC_OK);
    SC_ASSERT_NEAR(x, 4, 0);
    assert_int_equal(sc_scenario_get_value(s, "war.a", &x), SC_ENOTFOUND);
    assert_string_equal(sc_scenario_variant_name(v), "hawk");
    assert_int_equal(sc_scenario_with_variant(s, "hawkk", &e, &d), SC_ENOTFOUND);
    assert_non_null(strstr(d.message, "did you mean 'hawk'"));
    /* events up to a date, inclusive; 'add' is clamped to the scale */
    assert_int_equal(sc_scenario_after_events(s, "2025-02-12", &e, &d), SC_OK);
    assert_int_equal(sc_scenario_get_value(e, "stance.x.A.position", &x), SC_OK);
    SC_ASSERT_NEAR(x, 10, 0);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 0, 1)->amity.value, -0.4, 1e-15);
    SC_ASSERT_NEAR(sc_scenario_relation(e, 1, 0)->amity.value, -0.4, 1e-15);
    assert_string_equal(sc_scenario_events_until(e), "2025-02-12");
    assert_int_equal(sc_scenario_after_events(s, NULL, &e2, &d), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_relation(e2, 1, 0)->amity.value, -0.15, 1e-15);
    assert_int_equal(sc_scenario_get_value(s, "relation.A.B.amity", &x), SC_OK);
    SC_ASSERT_NEAR(x, -0.5, 0);
    assert_int_equal(sc_scenario_get_value(s, "actor.B.capability", &x), SC_OK);
    SC_ASSERT_NEAR(x, 1.25, 0);
    assert_int_equal(sc_scenario_get_value(s, "actor.Z.capability", &x), SC_ENOTFOUND);
    sc_scenario_free(v);
    sc_scenario_free(e);
    sc_scenario_free(e2);
    sc_scenario_free(s);
}

static void test_sampling(void **state)
{
    (void)state;
    sc_scenario *s = parse(doc), *a = NULL, *b = NULL, *c = NULL;
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
    assert_int_equal(sc_scenario_new(&s, 4, ids, 1, iss), SC_OK);
    sc_diag d;
    sc_diag_init(&d);
    /* nobody cares yet: invalid */
    assert_int_equal(sc_scenario_validate(s, &d), SC_EINVAL);
    sc_scenario_set_capability(s, 0, 2.385);
    sc_scenario_set_capability(s, 1, 1.5);
    sc_scenario_set_capability(s, 2, 0.7);
    sc_scenario_set_capability(s, 3, 3.1);
    sc_scenario_set_stance(s, 0, 0, 10, 0.5);
    sc_scenario_set_stance(s, 1, 0, 40, 1.0);
    sc_scenario_set_stance(s, 2, 0, 55, 0.9);
    sc_scenario_set_stance(s, 3, 0, 80, 0.2);
    assert_int_equal(sc_scenario_validate(s, &d), SC_OK);
    double mean, median;
    assert_int_equal(sc_scenario_issue_baseline(s, 0, &mean, &median), SC_OK);
    /* weights 1.1925, 1.5, 0.63, 0.62: total 3.9425, half 1.97125 -> median 40 */
    double w[4] = {2.385 * 0.5, 1.5, 0.7 * 0.9, 3.1 * 0.2}, x[4] = {10, 40, 55, 80};
    double num = 0, den = 0;
    for (int i = 0; i < 4; i++) {
        num += w[i] * x[i];
        den += w[i];
    }
    SC_ASSERT_NEAR(mean, num / den, 1e-12);
    SC_ASSERT_NEAR(median, 40, 0);
    assert_int_equal(sc_scenario_set_stance(s, 9, 0, 1, 1), SC_EINVAL);
    assert_int_equal(sc_scenario_set_amity(s, 0, 0, 0.5), SC_EINVAL);
    assert_int_equal(sc_scenario_set_amity(s, 0, 3, 0.5), SC_OK);
    SC_ASSERT_NEAR(sc_scenario_relation(s, 3, 0)->amity.value, 0.5, 0);
    sc_scenario_set_stance(s, 3, 0, 150, 0.2);
    assert_int_equal(sc_scenario_validate(s, &d), SC_ERANGE);
    sc_scenario_free(s);
}

static void test_bdm_tables(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_load(&s, sc_test_shared("reference/bdm/data/emissions_bdm1994.csv"), &d),
                     SC_OK);
    assert_int_equal(sc_scenario_actor_count(s), 10);
    assert_string_equal(sc_scenario_issue(s, 0)->id, "emissions_bdm1994");
    assert_string_equal(sc_scenario_actor(s, 0)->id, "Netherlands");
    SC_ASSERT_NEAR(sc_scenario_stance(s, 0, 0)->salience.value, 0.8, 1e-15); /* 80 / 100 */
    SC_ASSERT_NEAR(sc_scenario_stance(s, 0, 0)->position.value, 4, 0);
    sc_scenario_free(s);
    assert_int_equal(sc_scenario_load(&s, sc_test_shared("reference/bdm/data/argentina_eum.csv"), &d),
                     SC_OK);
    SC_ASSERT_NEAR(sc_scenario_stance(s, 0, 0)->salience.value, 0.99, 1e-15); /* already 0-1 */
    sc_scenario_free(s);
    const char *quoted = "Actor,Salience,Position,Capability,Extra\n\"Doe, J.\",50,3,1,x\nB,20,7,2,y\n";
    assert_int_equal(sc_scenario_parse_bdm_csv(&s, quoted, strlen(quoted), "q", NULL, &d), SC_OK);
    assert_string_equal(sc_scenario_actor(s, 0)->id, "Doe, J.");
    SC_ASSERT_NEAR(sc_scenario_actor(s, 1)->capability.value, 2, 0);
    sc_scenario_free(s);
}

static void test_files(void **state)
{
    (void)state;
    char dir[] = "/tmp/sc_filesXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_file_write_atomic(path, "one", 3, &d), SC_OK);
    assert_int_equal(sc_file_write_atomic(path, "second", 6, &d), SC_OK);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(sc_file_read(path, 100, &text, &len, &d), SC_OK);
    assert_string_equal(text, "second");
    sc_free(text);
    assert_int_equal(sc_file_read(path, 3, &text, &len, &d), SC_ELIMIT);
    /* an unwritable directory: the old file stays and no temporary file is left */
    if (geteuid() != 0) { /* root ignores directory permissions */
        chmod(dir, 0500);
        assert_int_equal(sc_file_write_atomic(path, "third", 5, &d), SC_EIO);
        chmod(dir, 0700);
    }
    char bad[160];
    snprintf(bad, sizeof bad, "%s/no/such/dir/out.txt", dir);
    assert_int_equal(sc_file_write_atomic(bad, "x", 1, &d), SC_EIO);
    assert_int_equal(sc_file_read(path, 100, &text, &len, &d), SC_OK);
    assert_string_equal(text, "second");
    sc_free(text);
    unlink(path);
    rmdir(dir);
    sc_buf b;
    sc_buf_init(&b);
    sc_buf_printf(&b, "%d-%s", 42, "x");
    sc_buf_puts(&b, "!");
    assert_string_equal(b.data, "42-x!");
    sc_buf_destroy(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_everything), cmocka_unit_test(test_variants_events_paths),
        cmocka_unit_test(test_sampling),         cmocka_unit_test(test_builder_and_baseline),
        cmocka_unit_test(test_bdm_tables),       cmocka_unit_test(test_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
