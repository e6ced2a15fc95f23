/* SPDX-License-Identifier: MIT */
/*
 * Sparse relations (src/scenario/relations.c) against a dense reference: the same answers for
 * every dyad in either order, absent dyads read as absent through the public accessor, records
 * keep their addresses while others are added, copies are independent, and the canonical order
 * (by dyad, lower actor first) holds however the relations were added.
 */
#include "sc_test.h"

#include "scenario/relations.h"
#include "scenario/scenario_internal.h"
#include "statecraft/scenario.h"

static unsigned long long state64 = 0x9E3779B97F4A7C15ULL;
static size_t rnd(size_t n)
{
    state64 ^= state64 << 13;
    state64 ^= state64 >> 7;
    state64 ^= state64 << 17;
    return (size_t)(state64 % n);
}

static void test_against_dense(void **state)
{
    (void)state;
    enum { N = 300, ADDS = 6000 };
    static double dense[N][N];
    for (size_t a = 0; a < N; a++) {
        for (size_t b = 0; b < N; b++) {
            dense[a][b] = NAN;
        }
    }
    sc__relations r;
    sc__relations_init(&r);
    sc_relation *first = NULL;
    size_t first_a = 0, first_b = 0;
    for (int k = 0; k < ADDS; k++) {
        size_t a = rnd(N), b = rnd(N);
        if (a == b) {
            continue;
        }
        sc_relation *rel = sc__relations_add(&r, a, b, k % 7 == 0);
        assert_non_null(rel);
        if (isnan(dense[a][b])) {
            /* a new record starts blank and absent */
            assert_int_equal(rel->present, 0);
            assert_true(isnan(rel->amity.value));
            SC_ASSERT_NEAR(rel->amity.min, -1, 0);
            SC_ASSERT_NEAR(rel->amity.max, 1, 0);
        }
        rel->present = 1;
        rel->amity.value = (double)k;
        dense[a][b] = dense[b][a] = (double)k;
        if (!first) {
            first = rel;
            first_a = a;
            first_b = b;
        }
    }
    sc__relations_sort(&r);
    /* the first record never moved while thousands were added after it */
    assert_ptr_equal(first, sc__relations_find(&r, first_b, first_a));
    size_t count = 0;
    for (size_t a = 0; a < N; a++) {
        for (size_t b = 0; b < N; b++) {
            sc_relation *x = a == b ? NULL : sc__relations_find(&r, a, b);
            if (a == b || isnan(dense[a][b])) {
                assert_null(x);
            } else {
                assert_non_null(x);
                SC_ASSERT_NEAR(x->amity.value, dense[a][b], 0);
                count += a < b;
            }
        }
    }
    assert_int_equal(r.n, count);
    /* canonical order: strictly increasing dyads, each the record found by hash */
    size_t plo = 0, phi = 0;
    for (size_t k = 0; k < r.n; k++) {
        size_t lo, hi;
        sc_relation *x = sc__relations_at(&r, k, &lo, &hi);
        assert_true(lo < hi);
        assert_true(k == 0 || lo > plo || (lo == plo && hi > phi));
        assert_ptr_equal(x, sc__relations_find(&r, hi, lo));
        plo = lo;
        phi = hi;
    }
    /* a copy is equal and independent */
    sc__relations c;
    assert_int_equal(sc__relations_copy(&r, &c), SC_OK);
    assert_int_equal(c.n, r.n);
    sc_relation *cx = sc__relations_find(&c, first_a, first_b);
    assert_non_null(cx);
    assert_ptr_not_equal(cx, first);
    cx->amity.value = -7;
    SC_ASSERT_NEAR(first->amity.value, dense[first_a][first_b], 0);
    for (size_t k = 0; k < c.n; k++) {
        size_t lo, hi, lo2, hi2;
        sc__relations_at(&c, k, &lo, &hi);
        sc__relations_at(&r, k, &lo2, &hi2);
        assert_true(lo == lo2 && hi == hi2);
    }
    sc__relations_destroy(&c);
    sc__relations_destroy(&r);
}

/* The public accessor keeps its meaning: absent dyads are present 0 with blank values. */
static void test_public_accessor(void **state)
{
    (void)state;
    const char *ids[] = {"A", "B", "C", "D"};
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_new(4, ids, 0, NULL, &s, NULL), SC_OK);
    assert_int_equal(sc_scenario_set_amity(s, 3, 1, 0.25, NULL), SC_OK);
    assert_int_equal(sc_scenario_set_amity(s, 0, 2, -0.5, NULL), SC_OK);
    const sc_relation *r = sc_scenario_relation(s, 1, 3);
    assert_int_equal(r->present, 1);
    SC_ASSERT_NEAR(r->amity.value, 0.25, 0);
    assert_ptr_equal(r, sc_scenario_relation(s, 3, 1)); /* one record per dyad */
    const sc_relation *none = sc_scenario_relation(s, 0, 1);
    assert_non_null(none);
    assert_int_equal(none->present, 0);
    assert_true(isnan(none->amity.value) && isnan(none->trade.value));
    SC_ASSERT_NEAR(none->amity.min, -1, 0);
    assert_null(sc_scenario_relation(s, 2, 2));
    assert_null(sc_scenario_relation(s, 0, 4));
    double v = 0;
    assert_int_equal(sc_scenario_get_value(s, "relation.A.B.amity", &v, NULL), SC_ENOTFOUND);
    assert_int_equal(sc_scenario_get_value(s, "relation.D.B.amity", &v, NULL), SC_OK);
    SC_ASSERT_NEAR(v, 0.25, 0);
    assert_int_equal(sc_scenario_get_value(s, "relation.A.B.enmity", &v, NULL), SC_ENOTFOUND);
    /* reading an absent relation creates nothing */
    assert_int_equal(s->rel.n, 2);
    sc_scenario_free(s);
}

/* A variant that sets an absent relation creates it; the base scenario keeps none. */
static void test_shift_creates_relation(void **state)
{
    (void)state;
    const char *yaml = "statecraft: 1\n"
                       "metadata: {title: t}\n"
                       "actors:\n"
                       "  - {id: A, name: a, capability: 1}\n"
                       "  - {id: B, name: b, capability: 1}\n"
                       "  - {id: C, name: c, capability: 1}\n"
                       "relations:\n"
                       "  - {pair: [C, A], amity: 0.1}\n"
                       "variants:\n"
                       "  - {name: v, description: d, shifts: [{target: relation.B.C.amity, "
                       "set: 0.75}]}\n";
    sc_scenario *s = NULL, *v = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_parse(yaml, strlen(yaml), NULL, &s, &d), SC_OK);
    assert_int_equal(s->rel.n, 1); /* checking the variant's path created nothing */
    assert_int_equal(sc_scenario_relation(s, 1, 2)->present, 0);
    assert_int_equal(sc_scenario_with_variant(s, "v", &v, &d), SC_OK);
    assert_int_equal(sc_scenario_relation(v, 2, 1)->present, 1);
    SC_ASSERT_NEAR(sc_scenario_relation(v, 1, 2)->amity.value, 0.75, 0);
    SC_ASSERT_NEAR(sc_scenario_relation(v, 0, 2)->amity.value, 0.1, 0);
    assert_int_equal(sc_scenario_relation(s, 1, 2)->present, 0);
    sc_scenario_free(v);
    sc_scenario_free(s);
}

/* One relation at a time (sc_scenario_set_amity, a shift): `order` stays sorted without a sort. */
static void test_sorted_inserts(void **state)
{
    (void)state;
    sc__relations r;
    sc__relations_init(&r);
    for (int k = 0; k < 3000; k++) {
        size_t a = rnd(500), b = rnd(500);
        if (a != b) {
            assert_non_null(sc__relations_add(&r, a, b, 1));
        }
    }
    assert_true(r.sorted);
    size_t plo = 0, phi = 0;
    for (size_t k = 0; k < r.n; k++) {
        size_t lo, hi;
        sc__relations_at(&r, k, &lo, &hi);
        assert_true(lo < hi);
        if (k > 0) {
            assert_true(plo < lo || (plo == lo && phi < hi));
        }
        plo = lo;
        phi = hi;
    }
    sc__relations_destroy(&r);
}

/*
 * Many actors: the id hashes find every actor (by id, in a relation, in a stance mapping) and a
 * repeated key of a large mapping (past the 16 keys scanned without a hash) is still found.
 */
static void test_many_ids(void **state)
{
    (void)state;
    enum { N = 700 };
    size_t cap = 160 * N + 4096, len = 0;
    char *y = malloc(cap);
    assert_non_null(y);
    len += (size_t)snprintf(y + len, cap - len,
                            "statecraft: 1\nmetadata: {title: t}\nactors:\n");
    for (int i = 0; i < N; i++) {
        len += (size_t)snprintf(y + len, cap - len, "  - {id: X%d, name: x, capability: 1}\n", i);
    }
    len += (size_t)snprintf(y + len, cap - len,
                            "issues:\n  - {id: q, title: q, scale: [0, 100]}\nstances:\n  q:\n");
    for (int i = N - 1; i >= 0; i--) {
        len += (size_t)snprintf(y + len, cap - len, "    X%d: {position: %d, salience: 0.5}\n", i,
                                i % 100);
    }
    size_t before_rel = len;
    len += (size_t)snprintf(y + len, cap - len, "relations:\n  - {pair: [X%d, X3], amity: 0.5}\n",
                            N - 1);
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(y, len, NULL, &s, &d) != SC_OK) {
        fail_msg("%s", d.message);
    }
    char id[16];
    for (int i = 0; i < N; i++) {
        snprintf(id, sizeof id, "X%d", i);
        assert_int_equal(sc_scenario_actor_index(s, id), i);
        SC_ASSERT_NEAR(sc_scenario_stance(s, (size_t)i, 0)->position.value, i % 100, 0);
    }
    assert_int_equal(sc_scenario_actor_index(s, "X700"), -1);
    SC_ASSERT_NEAR(sc_scenario_relation(s, 3, N - 1)->amity.value, 0.5, 0);
    sc_scenario_free(s);
    /* the stance mapping again, with its first key repeated as its last */
    len = before_rel;
    len += (size_t)snprintf(y + len, cap - len, "    X%d: {position: 1, salience: 0.5}\n", N - 1);
    assert_int_equal(sc_scenario_parse(y, len, NULL, &s, &d), SC_EPARSE);
    snprintf(id, sizeof id, "'X%d'", N - 1);
    assert_non_null(strstr(d.message, "duplicate key"));
    assert_non_null(strstr(d.message, id));
    /* a key hashed as it came (X49 is the 651st, after the table was last rebuilt at 512) */
    len = before_rel;
    len += (size_t)snprintf(y + len, cap - len, "    X49: {position: 1, salience: 0.5}\n");
    assert_int_equal(sc_scenario_parse(y, len, NULL, &s, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "duplicate key 'X49'"));
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_against_dense),
        cmocka_unit_test(test_public_accessor),
        cmocka_unit_test(test_shift_creates_relation),
        cmocka_unit_test(test_sorted_inserts),
        cmocka_unit_test(test_many_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
