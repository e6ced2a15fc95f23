/* Strategic triangle: the 14 reference vectors, the score identities of triangle.md §3,
 * the dead-band boundary, role flips and the scenario adapter. */
#include "sc_test.h"

#include "statecraft/statecraft.h"
#include "statecraft/triangle.h"

static sc_triangle_role role_of(const char *s)
{
    static const char *const names[] = {"none", "pivot", "friend", "partner",
                                        "wing", "foe",   "outcast"};
    for (int i = 0; i < 7; i++) {
        if (strcmp(s, names[i]) == 0) {
            return (sc_triangle_role)i;
        }
    }
    fail_msg("unknown role '%s'", s);
    return SC_ROLE_NONE;
}

/* Splits a CSV line in place (no quotes in this file). */
static size_t split(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == ',' || *p == '\n' || *p == '\r') {
            int end = *p != ',';
            *p = '\0';
            if (end) {
                break;
            }
            f[n++] = p + 1;
        }
    }
    return n;
}

static void test_reference_vectors(void **state)
{
    (void)state;
    FILE *fp = fopen(sc_test_shared("reference/models/data/test_vectors_triangle.csv"), "r");
    assert_non_null(fp);
    char line[512];
    int rows = 0;
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || strncmp(line, "a_AB", 4) == 0) {
            continue;
        }
        char *f[16];
        size_t n = split(line, f, 16);
        assert_true(n >= 4);
        double a[3] = {atof(f[0]), atof(f[1]), atof(f[2])};
        sc_triangle t;
        assert_int_equal(sc_triangle_classify(a, &p, &t), SC_OK);
        assert_string_equal(sc_triangle_config_name(t.config), f[3]);
        if (strcmp(f[3], "indeterminate") != 0) {
            for (int i = 0; i < 3; i++) {
                assert_int_equal(t.role[i], role_of(f[4 + i]));
                assert_int_equal(t.score[i], atoi(f[7 + i]));
                SC_ASSERT_NEAR(t.payoff[i], atof(f[10 + i]), 1e-6);
            }
        }
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, 14);
}

static void test_score_identities(void **state)
{
    (void)state;
    /* sum of scores = sum of signs; flipping dyad ij moves S_i, S_j by +-2 and S_k the other way */
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    for (int mask = 0; mask < 8; mask++) {
        double a[3];
        for (int d = 0; d < 3; d++) {
            a[d] = (mask >> d) & 1 ? 0.615 : -0.385;
        }
        sc_triangle t, u;
        sc_triangle_classify(a, &p, &t);
        int signs = 0;
        for (int d = 0; d < 3; d++) {
            signs += a[d] > 0 ? 1 : -1;
        }
        assert_int_equal(t.score[0] + t.score[1] + t.score[2], signs);
        for (int d = 0; d < 3; d++) {
            double b[3] = {a[0], a[1], a[2]};
            b[d] = -b[d];
            sc_triangle_classify(b, &p, &u);
            int delta = b[d] > 0 ? 2 : -2;
            int i = d, j = (d + 1) % 3, k = (d + 2) % 3;
            assert_int_equal(u.score[i] - t.score[i], delta);
            assert_int_equal(u.score[j] - t.score[j], delta);
            assert_int_equal(u.score[k] - t.score[k], -delta);
        }
        /* Wu's rank is the role's order and balance is the sign product */
        assert_int_equal(t.balanced, (a[0] > 0) == ((a[1] > 0) == (a[2] > 0)) ? 1 : 0);
    }
}

static void test_dead_band_boundary(void **state)
{
    (void)state;
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    sc_triangle t;
    double at_tau[3] = {0.1, 0.5, 0.5};
    assert_int_equal(sc_triangle_classify(at_tau, &p, &t), SC_OK);
    assert_int_equal(t.config, SC_TRIANGLE_INDETERMINATE); /* |a| == tau is neutral */
    assert_int_equal(t.neutral[0], 1);
    double below[3] = {-0.1, 0.5, 0.5};
    sc_triangle_classify(below, &p, &t);
    assert_int_equal(t.config, SC_TRIANGLE_INDETERMINATE);
    double bad[3] = {1.5, 0, 0};
    assert_int_equal(sc_triangle_classify(bad, &p, &t), SC_EINVAL);
    double nan3[3] = {NAN, 0.5, 0.5};
    assert_int_equal(sc_triangle_classify(nan3, &p, &t), SC_EINVAL);
}

static void test_role_flips(void **state)
{
    (void)state;
    /* 2024 "no limits": US-RU -0.7, RU-CN 0.8, CN-US -0.6: marriage RU-CN, US outcast */
    double a[3] = {-0.7, 0.8, -0.6};
    sc_triangle_params p;
    sc_triangle_params_init(&p);
    sc_triangle_flip f[3];
    assert_int_equal(sc_triangle_role_flips(a, 1, &p, 0.01, f), SC_OK);
    /* warming US-RU to just above tau makes Russia the pivot of a romantic triangle */
    SC_ASSERT_NEAR(f[0].to, 0.11, 1e-12);
    SC_ASSERT_NEAR(f[0].delta, 0.81, 1e-12);
    assert_int_equal(f[0].new_role, SC_ROLE_PIVOT);
    assert_int_equal(f[0].new_config, SC_TRIANGLE_ROMANTIC);
    /* cooling RU-CN below -tau leaves three hostile dyads */
    SC_ASSERT_NEAR(f[1].to, -0.11, 1e-12);
    assert_int_equal(f[1].new_role, SC_ROLE_FOE);
    sc_triangle_flip best;
    assert_int_equal(sc_triangle_distance_to_role(a, 1, SC_ROLE_PIVOT, &p, 0.01, &best), SC_OK);
    assert_int_equal(best.dyad, 0);
    /* the US cannot become pivot by one change: it would need both its dyads positive */
    assert_int_equal(sc_triangle_distance_to_role(a, 0, SC_ROLE_PIVOT, &p, 0.01, &best), SC_OK);
    assert_int_equal(best.dyad, -1);
    /* a neutral dyad leaves the band by the nearer edge */
    double b[3] = {0.03, 0.5, 0.5};
    assert_int_equal(sc_triangle_role_flips(b, 0, &p, 0.01, f), SC_OK);
    SC_ASSERT_NEAR(f[0].to, 0.11, 1e-12);
    assert_int_equal(f[0].new_config, SC_TRIANGLE_MENAGE);
}

static void test_from_scenario(void **state)
{
    (void)state;
    const char *ids[] = {"USA", "RUS", "CHN", "UKR"};
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_new(&s, 4, ids, 0, NULL), SC_OK);
    sc_scenario_set_amity(s, 0, 1, 0.2);
    sc_scenario_set_amity(s, 1, 2, 0.8);
    sc_scenario_set_amity(s, 2, 0, -0.6);
    double a[3];
    sc_diag d;
    sc_diag_init(&d);
    const char *tri[3] = {"USA", "RUS", "CHN"};
    assert_int_equal(sc_triangle_from_scenario(s, tri, a, &d), SC_OK);
    SC_ASSERT_NEAR(a[0], 0.2, 0);
    SC_ASSERT_NEAR(a[1], 0.8, 0);
    SC_ASSERT_NEAR(a[2], -0.6, 0);
    sc_triangle t;
    sc_triangle_classify(a, NULL, &t);
    assert_int_equal(t.role[1], SC_ROLE_PIVOT); /* the "reverse Kissinger" case of triangle.md */
    const char *missing[3] = {"USA", "RUS", "UKR"};
    assert_int_equal(sc_triangle_from_scenario(s, missing, a, &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "RUS-UKR"));
    const char *unknown[3] = {"USA", "RUS", "XXX"};
    assert_int_equal(sc_triangle_from_scenario(s, unknown, a, &d), SC_ENOTFOUND);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_vectors), cmocka_unit_test(test_score_identities),
        cmocka_unit_test(test_dead_band_boundary), cmocka_unit_test(test_role_flips),
        cmocka_unit_test(test_from_scenario),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
