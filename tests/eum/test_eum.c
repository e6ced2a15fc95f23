/* SPDX-License-Identifier: MIT */
/* Bueno de Mesquita's EUM against every published number of shared/reference/bdm/expected.md,
 * the round-by-round tables in results/, the printed variant, and the fast path against the
 * naive O(n^3) oracle on random inputs. */
#include "sc_test.h"

#include "eum/eum_internal.h"
#include "statecraft/statecraft.h"

typedef struct table {
    size_t n;
    double c[64], x[64], s[64];
    char name[64][64];
} table;

static void load(const char *rel, table *t)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_load(sc_test_shared(rel), &s, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail();
    }
    t->n = sc_scenario_actor_count(s);
    assert_true(t->n <= 64);
    for (size_t i = 0; i < t->n; i++) {
        const sc_stance *st = sc_scenario_stance(s, i, 0);
        t->c[i] = sc_scenario_actor(s, i)->capability.value;
        t->x[i] = st->position.value;
        t->s[i] = st->salience.value;
        snprintf(t->name[i], sizeof t->name[i], "%s", sc_scenario_actor(s, i)->id);
    }
    sc_scenario_free(s);
}

static sc_eum_result *play(const table *t, sc_eum_variant v, int rounds)
{
    sc_eum_params p;
    sc_eum_params_init(&p);
    p.variant = v;
    p.rounds = rounds;
    sc_eum_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_eum_run(t->n, t->c, t->x, t->s, &p, &r, &d), SC_OK);
    return r;
}

/* Compares a results CSV (round, one column per actor, mean, median) to a run, within tol. */
static void compare_csv(const char *rel, const sc_eum_result *r, double tol, int header_lines)
{
    FILE *fp = fopen(sc_test_shared(rel), "r");
    assert_non_null(fp);
    char line[4096];
    int rows = 0;
    while (fgets(line, sizeof line, fp)) {
        if (strncmp(line, "--", 2) == 0) {
            break; /* the move log that follows the table */
        }
        if (header_lines-- > 0 || line[0] < '0' || line[0] > '9') {
            continue;
        }
        char *p = line;
        int round = (int)strtol(p, &p, 10);
        assert_true(round <= r->rounds);
        for (size_t i = 0; i < r->n + 2; i++) {
            assert_int_equal(*p, ',');
            double v = strtod(p + 1, &p);
            double mine = i < r->n   ? r->positions[(size_t)round * r->n + i]
                          : i == r->n ? r->mean[round]
                                      : r->median[round];
            if (fabs(mine - v) > tol) {
                fail_msg("%s round %d column %zu: %.6f, expected %.4f", rel, round, i, mine, v);
            }
        }
        rows++;
    }
    fclose(fp);
    assert_true(rows >= 11);
}

/* Checks the move log ("-- round k" then "  Actor  kind  Partner -> to (E_ij=.., E_ji=..)"). */
static void compare_moves(const char *rel, const table *t, const sc_eum_result *r)
{
    FILE *fp = fopen(sc_test_shared(rel), "r");
    assert_non_null(fp);
    char line[512];
    int round = 0, moves = 0;
    while (fgets(line, sizeof line, fp)) {
        if (strncmp(line, "-- round", 8) == 0) {
            round = atoi(line + 9);
            continue;
        }
        if (round == 0 || line[0] != ' ') {
            continue;
        }
        char actor[64], kind[64], partner[64];
        double to, eij, eji;
        if (sscanf(line, " %63s %63s %63s -> %lf (E_ij=%lf, E_ji=%lf)", actor, kind, partner, &to,
                   &eij, &eji) != 6) {
            fail_msg("cannot read %s", line);
        }
        size_t i = 0, j = 0;
        while (i < t->n && strcmp(t->name[i], actor) != 0) {
            i++;
        }
        while (j < t->n && strcmp(t->name[j], partner) != 0) {
            j++;
        }
        assert_true(i < t->n && j < t->n);
        const sc_eum_move *m = &r->moves[(size_t)(round - 1) * t->n + i];
        assert_string_equal(sc_eum_move_name(m->kind), kind);
        /* ties between identical partners (same position and salience) may name either */
        assert_true(fabs(t->x[(size_t)m->partner] - t->x[j]) < 1e-9 ||
                    fabs(r->positions[(size_t)(round - 1) * t->n + (size_t)m->partner] -
                         r->positions[(size_t)(round - 1) * t->n + j]) < 1e-9);
        SC_ASSERT_NEAR(m->to, to, 1e-3);
        SC_ASSERT_NEAR(m->e_ij, eij, 1e-3);
        SC_ASSERT_NEAR(m->e_ji, eji, 1e-3);
        moves++;
    }
    fclose(fp);
    assert_true(moves >= 20);
}

static void test_emissions_scholz_table(void **state)
{
    (void)state;
    table t;
    load("reference/bdm/data/emissions_bdm1994.csv", &t);
    assert_int_equal(t.n, 10);
    sc_eum_result *r = play(&t, SC_EUM_SCHOLZ, 10);
    SC_ASSERT_NEAR(r->mean[0], 5.003 / 0.677, 1e-12); /* expected.md: 7.3900 */
    SC_ASSERT_NEAR(r->median[0], 7.0, 0);
    compare_csv("reference/bdm/results/emissions_scholz_code_10rounds.txt", r, 1e-3, 1);
    compare_moves("reference/bdm/results/emissions_scholz_code_10rounds.txt", &t, r);
    /* round-1 risk exponents (expected.md §4) */
    const double rexp[10] = {1.406, 0.754, 0.509, 1.406, 1.047, 1.047, 1.965, 0.500, 2.000, 1.112};
    for (size_t i = 0; i < 10; i++) {
        SC_ASSERT_NEAR(r->risk[i], rexp[i], 1e-3);
    }
    /* Scholz et al.'s mean-position figure, read at 0.1 precision (expected.md §3) */
    const double fig[11] = {7.4, 7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6, 7.3, 7.2};
    for (int k = 0; k <= 10; k++) {
        SC_ASSERT_NEAR(r->mean[k], fig[k], 0.1);
    }
    /* the dynamics do not settle: the mean swings with peaks at rounds 3 and 8 */
    assert_int_equal(r->converged, 0);
    assert_int_equal(r->oscillating, 1);
    SC_ASSERT_NEAR(r->osc_period, 5, 0);
    sc_eum_result_free(r);
    r = play(&t, SC_EUM_SCHOLZ, 40);
    compare_csv("reference/bdm/results/emissions_scholz_code_40rounds.csv", r, 1e-3, 1);
    assert_int_equal(r->oscillating, 1);
    sc_eum_result_free(r);
}

static void test_belgium_quadrant(void **state)
{
    (void)state;
    table t;
    load("reference/bdm/data/emissions_bdm1994.csv", &t);
    double xs[10], ys[10];
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_eum_quadrant(t.n, t.c, t.x, t.s, NULL, 1, xs, ys, &d), SC_OK);
    /* BDM's published chart, digitised (expected.md §2), +-0.02 */
    struct {
        const char *who;
        double x, y;
    } fig[] = {{"Denmark", -0.84, 0.24},     {"UK", -0.655, 0.24},  {"Germany", -0.465, 0.24},
               {"Netherlands", -0.465, 0.24}, {"France", -0.115, 0.24}, {"Italy", -0.115, 0.24},
               {"Luxembourg", 0.606, 0.24},  {"Ireland", 0, 0},     {"Greece", 0, 0}};
    for (size_t k = 0; k < sizeof fig / sizeof fig[0]; k++) {
        size_t j = 0;
        while (strcmp(t.name[j], fig[k].who) != 0) {
            j++;
        }
        if (fabs(xs[j] - fig[k].x) > 0.02 || fabs(ys[j] - fig[k].y) > 0.02) {
            fail_msg("%s: (%.3f, %.3f), chart (%.3f, %.3f)", fig[k].who, xs[j], ys[j], fig[k].x,
                     fig[k].y);
        }
    }
    /* the printed P gives a different chart: every x > 0 (expected.md §2) */
    sc_eum_params p;
    sc_eum_params_init(&p);
    p.variant = SC_EUM_PRINTED;
    assert_int_equal(sc_eum_quadrant(t.n, t.c, t.x, t.s, &p, 1, xs, ys, &d), SC_OK);
    for (size_t j = 0; j < t.n; j++) {
        if (t.x[j] != t.x[1]) {
            assert_true(xs[j] > 0);
        }
    }
}

static void test_printed_variant(void **state)
{
    (void)state;
    table t;
    load("reference/bdm/data/emissions_bdm1994.csv", &t);
    sc_eum_result *r = play(&t, SC_EUM_PRINTED, 10);
    compare_csv("reference/bdm/results/emissions_paper_literal_10rounds.txt", r, 1e-3, 1);
    compare_moves("reference/bdm/results/emissions_paper_literal_10rounds.txt", &t, r);
    /* distinct behaviour: in round 1 Belgium loses a confrontation to France and jumps to 10,
     * where under Scholz's code it compromises to 8.4159; the median stays at 7 throughout */
    assert_int_equal(r->moves[1].kind, SC_EUM_CONFRONTATION);
    SC_ASSERT_NEAR(r->positions[t.n + 1], 10, 0);
    for (int k = 0; k <= 10; k++) {
        SC_ASSERT_NEAR(r->median[k], 7, 0);
    }
    sc_eum_result_free(r);
}

static void test_other_tables(void **state)
{
    (void)state;
    const char *files[] = {"argentina_eum.csv", "china_dmasad.csv", "honduras_dmasad.csv",
                           "iran_2013_election_preana.csv", "saudi_sultan_jmckib.csv",
                           "uk_emu_conservative_gov.csv", "uk_emu_labour_gov.csv"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char rel[256];
        snprintf(rel, sizeof rel, "reference/bdm/data/%s", files[f]);
        table t;
        load(rel, &t);
        for (int v = 0; v < 2; v++) {
            sc_eum_result *r = play(&t, (sc_eum_variant)v, 10);
            double lo = HUGE_VAL, hi = -HUGE_VAL;
            for (size_t i = 0; i < t.n; i++) {
                lo = fmin(lo, t.x[i]);
                hi = fmax(hi, t.x[i]);
            }
            /* sensible: positions never leave the initial range (moves are toward others) */
            for (int k = 0; k <= r->rounds; k++) {
                assert_true(r->median[k] >= lo && r->median[k] <= hi);
                assert_true(r->mean[k] >= lo - 1e-9 && r->mean[k] <= hi + 1e-9);
                for (size_t i = 0; i < t.n; i++) {
                    double x = r->positions[(size_t)k * t.n + i];
                    assert_true(isfinite(x) && x >= lo - 1e-9 && x <= hi + 1e-9);
                }
            }
            if (v == 0 && strcmp(files[f], "uk_emu_conservative_gov.csv") == 0) {
                SC_ASSERT_NEAR(r->median[10], 1.0, 1e-9); /* expected.md §7 */
            }
            if (v == 0 && strcmp(files[f], "uk_emu_labour_gov.csv") == 0) {
                double a = r->median[9], b = r->median[10];
                assert_true((fabs(a - 6.0) < 0.01 && fabs(b - 5.3) < 0.01) ||
                            (fabs(a - 5.3) < 0.01 && fabs(b - 6.0) < 0.01));
            }
            if (v == 0 && strcmp(files[f], "iran_2013_election_preana.csv") == 0) {
                for (int k = 0; k <= 10; k++) {
                    SC_ASSERT_NEAR(r->median[k], 5, 0); /* Ghalibaf's position, expected.md §6 */
                    assert_true(r->mean[k] > 5.38 && r->mean[k] < 5.51);
                }
            }
            sc_eum_result_free(r);
        }
    }
}

static void test_fast_equals_naive(void **state)
{
    (void)state;
    sc_rng rng;
    sc_rng_init(&rng, 1994, 3);
    double c[40], x[40], s[40];
    sc_diag d;
    sc_diag_init(&d);
    for (int trial = 0; trial < 24; trial++) {
        size_t n = 2 + (size_t)(trial % 8) * 5;
        for (size_t i = 0; i < n; i++) {
            c[i] = 0.01 + sc_rng_uniform(&rng);
            /* a few shared positions: ties are where fast paths go wrong */
            x[i] = trial % 3 == 0 ? (double)sc_rng_below(&rng, 5) * 2.5
                                  : 100 * sc_rng_uniform(&rng);
            s[i] = sc_rng_uniform(&rng);
        }
        for (int v = 0; v < 2; v++) {
            sc_eum_params p;
            sc_eum_params_init(&p);
            p.variant = (sc_eum_variant)v;
            p.rounds = 6;
            p.q = trial % 4 == 1 ? 0.5 : 1.0;
            sc_eum_result *a = NULL, *b = NULL;
            assert_int_equal(sc_eum_run(n, c, x, s, &p, &a, &d), SC_OK);
            assert_int_equal(sc__eum_run_naive(n, c, x, s, &p, &b, &d), SC_OK);
            assert_int_equal(a->rounds, b->rounds);
            for (size_t k = 0; k < (size_t)(a->rounds + 1) * n; k++) {
                SC_ASSERT_NEAR(a->positions[k], b->positions[k], 1e-9 * 100);
            }
            for (size_t k = 0; k < (size_t)a->rounds * n; k++) {
                assert_int_equal(a->moves[k].kind, b->moves[k].kind);
            }
            sc_eum_result_free(a);
            sc_eum_result_free(b);
        }
    }
}

static void test_edges(void **state)
{
    (void)state;
    sc_diag d;
    sc_diag_init(&d);
    double c[3] = {1, 2, 3}, x[3] = {5, 5, 5}, s[3] = {0.5, 0.5, 0.5};
    sc_eum_result *r = NULL;
    assert_int_equal(sc_eum_run(3, c, x, s, NULL, &r, &d), SC_OK);
    assert_int_equal(r->converged, 1); /* everyone agrees: nothing to do, no division by zero */
    SC_ASSERT_NEAR(r->median[0], 5, 0);
    sc_eum_result_free(r);
    double bad[3] = {1, -2, 3};
    double x2[3] = {1, 2, 3};
    assert_int_equal(sc_eum_run(3, bad, x2, s, NULL, &r, &d), SC_ERANGE);
    assert_int_equal(sc_eum_run(1, c, x2, s, NULL, &r, &d), SC_EINVAL);
    /* a fixed point: two actors who never challenge (no salience) do not move; tol stops it */
    double s0[2] = {0, 0.000001}, x3[2] = {0, 10}, c2[2] = {1, 1};
    sc_eum_params p;
    sc_eum_params_init(&p);
    p.tol = 1e-9;
    assert_int_equal(sc_eum_run(2, c2, x3, s0, &p, &r, &d), SC_OK);
    assert_true(r->rounds <= 10);
    sc_eum_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emissions_scholz_table), cmocka_unit_test(test_belgium_quadrant),
        cmocka_unit_test(test_printed_variant),        cmocka_unit_test(test_other_tables),
        cmocka_unit_test(test_fast_equals_naive),      cmocka_unit_test(test_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
