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
    p.stop = SC_EUM_STOP_FIXED; /* Scholz et al.'s runs: a fixed number of rounds */
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
            p.stop = SC_EUM_STOP_FIXED;
            p.rounds = 6;
            p.q = trial % 4 == 1 ? 0.5 : 1.0;
            p.t = trial % 8 == 5 ? 0.3 : 1.0;
            if (trial % 5 == 2) {
                p.stop = SC_EUM_STOP_CONVERGE; /* the cycle and convergence checks too */
                p.max_rounds = 30;
            }
            sc_eum_result *a = NULL, *b = NULL;
            assert_int_equal(sc_eum_run(n, c, x, s, &p, &a, &d), SC_OK);
            assert_int_equal(sc__eum_run_naive(n, c, x, s, &p, &b, &d), SC_OK);
            assert_int_equal(a->rounds, b->rounds);
            for (size_t k = 0; k < (size_t)(a->rounds + 1) * n; k++) {
                SC_ASSERT_NEAR(a->positions[k], b->positions[k], 1e-9 * 100);
            }
            for (size_t k = 0; k < (size_t)a->rounds * n; k++) {
                assert_int_equal(a->moves[k].kind, b->moves[k].kind);
                SC_ASSERT_NEAR(a->moves[k].median_effect, b->moves[k].median_effect, 1e-7);
            }
            assert_int_equal(a->outcome, b->outcome);
            assert_int_equal(a->cycle_period, b->cycle_period);
            SC_ASSERT_NEAR(a->forecast, b->forecast, 1e-7);
            sc_eum_result_free(a);
            sc_eum_result_free(b);
        }
    }
}

/* From 256 actors a round's passes are split among workers: the same numbers, bit for bit,
 * whatever their count (a span boundary off by one would leave rows stale or double-count N). */
static void test_threads_change_nothing(void **state)
{
    (void)state;
    enum { N = 300 };
    static double c[N], x[N], s[N];
    sc_rng rng;
    sc_rng_init(&rng, 2015, 7);
    for (size_t i = 0; i < N; i++) {
        c[i] = 0.01 + sc_rng_uniform(&rng);
        x[i] = i % 3 == 0 ? (double)sc_rng_below(&rng, 40) * 2.5 : 100 * sc_rng_uniform(&rng);
        s[i] = sc_rng_uniform(&rng);
    }
    sc_diag d;
    sc_diag_init(&d);
    for (int v = 0; v < 2; v++) {
        sc_eum_result *ref = NULL;
        for (unsigned th = 1; th <= 3; th++) {
            sc_eum_params p;
            sc_eum_params_init(&p);
            p.variant = (sc_eum_variant)v;
            p.stop = SC_EUM_STOP_FIXED;
            p.rounds = 3;
            p.q = v ? 0.5 : 1.0;
            p.threads = th;
            sc_eum_result *r = NULL;
            assert_int_equal(sc_eum_run(N, c, x, s, &p, &r, &d), SC_OK);
            assert_int_equal(r->rounds, 3);
            if (!ref) {
                ref = r;
                /* the game did move: a stale pass would show */
                assert_true(memcmp(r->positions, r->positions + 3 * N, N * sizeof(double)) != 0);
                continue;
            }
            assert_memory_equal(r->positions, ref->positions, 4 * N * sizeof(double));
            assert_memory_equal(r->risk, ref->risk, 3 * N * sizeof(double));
            for (size_t k = 0; k < 3 * N; k++) {
                assert_int_equal(r->moves[k].kind, ref->moves[k].kind);
                assert_int_equal(r->moves[k].partner, ref->moves[k].partner);
                assert_memory_equal(&r->moves[k].median_effect, &ref->moves[k].median_effect,
                                    sizeof(double));
            }
            sc_eum_result_free(r);
        }
        sc_eum_result_free(ref);
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
    /* the actor without salience loses a confrontation in round 1 and joins the other; round 2
     * moves nobody, so the game stops there however large the cap */
    double s0[2] = {0, 0.000001}, x3[2] = {0, 10}, c2[2] = {1, 1};
    sc_eum_params p;
    sc_eum_params_init(&p);
    p.max_rounds = 1000;
    assert_int_equal(sc_eum_run(2, c2, x3, s0, &p, &r, &d), SC_OK);
    assert_int_equal(r->rounds, 2);
    assert_int_equal(r->outcome, SC_EUM_CONVERGED);
    assert_int_equal(r->moves[0].kind, SC_EUM_CONFRONTATION);
    assert_int_equal(r->moves[2].kind, SC_EUM_NONE);
    assert_int_equal(r->moves[3].kind, SC_EUM_NONE);
    SC_ASSERT_NEAR(r->forecast, 10, 0);
    sc_eum_result_free(r);
    /* bad settings: a cap of 0, a tolerance of 0, Q outside [0, 1], too long a trajectory */
    p.max_rounds = 0;
    assert_int_equal(sc_eum_run(3, c, x2, s, &p, &r, &d), SC_ERANGE);
    assert_non_null(strstr(d.message, "round cap"));
    sc_eum_params_init(&p);
    p.tol = 0;
    assert_int_equal(sc_eum_run(3, c, x2, s, &p, &r, &d), SC_ERANGE);
    sc_eum_params_init(&p);
    p.q = 1.5;
    assert_int_equal(sc_eum_run(3, c, x2, s, &p, &r, &d), SC_ERANGE);
    sc_eum_params_init(&p);
    p.max_rounds = 100000;
    double big_c[400], big_x[400], big_s[400];
    for (int i = 0; i < 400; i++) {
        big_c[i] = 1;
        big_x[i] = i;
        big_s[i] = 0.5;
    }
    assert_int_equal(sc_eum_run(400, big_c, big_x, big_s, &p, &r, &d), SC_ELIMIT);
    assert_null(r);
}

/* ---- hand-computed steps: every option changes round 1 as documented ---------------------- */

/*
 * Three actors, c = (1, 2, 1), x = (0, 60, 100), s = (0.5, 0.8, 0.4). The expected values were
 * computed by hand from spec.md §3-§7 (a plain transcription in Python, independent of this
 * code: the risk pass with r = 1, Scholz's global or the printed pairwise P, eq. 25 with Q, T).
 * Each row: variant, Q, T, then r_i and E^i(U_ij), E^i(U_ji) for every i, j.
 */
static const struct {
    sc_eum_variant v;
    double q, t;
    double r[3];
    double eij[3][3], eji[3][3];
} hand[] = {
    {SC_EUM_SCHOLZ, 1, 1, {0.659491701244813, 2, 0.5},
     {{0, -0.406391342843747, 1.06790661762866}, {-0.21304516520599, 0, 0.0432525334012155},
      {1.07232956377058, -0.24744455615091, 0}},
     {{0, 0.240833151374991, 0.776307701639502}, {-0.963903941667061, 0, -0.585152907791117},
      {1.36392847975974, 0.206480138104359, 0}}},
    {SC_EUM_SCHOLZ, 0.5, 0.25, {0.574756100785236, 2, 0.5},
     {{0, -0.173913776443238, 1.42327257777302}, {-0.01804516520599, 0, 0.161540674551048},
      {1.23469683730179, -0.132806799970309, 0}},
     {{0, 0.426533678137492, 1.13167366178386}, {-0.76376836511656, 0, -0.465152907791118},
      {1.52629575329095, 0.319881343876206, 0}}},
    {SC_EUM_PRINTED, 1, 1, {0.5, 2, 0.613463214560369},
     {{0, 0.0966932281000102, 1.88416482966422}, {0.430628508502966, 0, 0.395454436867768},
      {1.79483097729632, 0.0593803910766398, 0}},
     {{0, 0.73444524840041, 2.00875499359865}, {-0.425005613604746, 0, -0.150908873735536},
      {1.67024081336189, 0.504244606240408, 0}}},
};

static void test_hand_computed_round(void **state)
{
    (void)state;
    const double c[3] = {1, 2, 1}, x[3] = {0, 60, 100}, s[3] = {0.5, 0.8, 0.4};
    sc_diag d;
    sc_diag_init(&d);
    for (size_t h = 0; h < sizeof hand / sizeof hand[0]; h++) {
        sc_eum_params p;
        sc_eum_params_init(&p);
        p.variant = hand[h].v;
        p.q = hand[h].q;
        p.t = hand[h].t;
        for (size_t a = 0; a < 3; a++) {
            double xs[3], ys[3];
            assert_int_equal(sc_eum_quadrant(3, c, x, s, &p, a, xs, ys, &d), SC_OK);
            for (size_t j = 0; j < 3; j++) {
                SC_ASSERT_NEAR(xs[j], hand[h].eij[a][j], 1e-12);
                SC_ASSERT_NEAR(ys[j], hand[h].eji[a][j], 1e-12);
            }
        }
        p.stop = SC_EUM_STOP_FIXED;
        p.rounds = 1;
        sc_eum_result *r = NULL;
        assert_int_equal(sc_eum_run(3, c, x, s, &p, &r, &d), SC_OK);
        for (size_t i = 0; i < 3; i++) {
            SC_ASSERT_NEAR(r->risk[i], hand[h].r[i], 1e-12);
        }
        const sc_eum_move *m = r->moves;
        if (h == 0) {
            /* Scholz, Q = 1: only actor 2 moves: it loses a conflict with actor 0 (b > a > 0)
             * and jumps to 0; actor 0 would capitulate to 1 (|a| > b), which Scholz's program
             * never does */
            assert_int_equal(m[0].kind, SC_EUM_NONE);
            assert_int_equal(m[1].kind, SC_EUM_NONE);
            assert_int_equal(m[2].kind, SC_EUM_CONFRONTATION);
            assert_int_equal(m[2].partner, 0);
            SC_ASSERT_NEAR(r->positions[3 + 2], 0, 0);
        } else if (h == 1) {
            /* Q = 0.5, T = 0.25: the status-quo branch lowers what actor 0 expects from doing
             * nothing, so it now compromises with 1: 60 |a| / b of the way */
            assert_int_equal(m[0].kind, SC_EUM_COMPROMISE);
            assert_int_equal(m[0].partner, 1);
            SC_ASSERT_NEAR(r->positions[3 + 0], 60 * 0.173913776443238 / 0.426533678137492, 1e-9);
            assert_int_equal(m[2].kind, SC_EUM_CONFRONTATION);
        } else {
            /* printed: actors 0 and 2 both take the offer needing the smallest move, to 60 */
            assert_int_equal(m[0].kind, SC_EUM_CONFRONTATION);
            assert_int_equal(m[0].partner, 1);
            assert_int_equal(m[2].kind, SC_EUM_CONFRONTATION);
            assert_int_equal(m[2].partner, 1);
            SC_ASSERT_NEAR(r->positions[3 + 0], 60, 0);
            SC_ASSERT_NEAR(r->positions[3 + 2], 60, 0);
        }
        sc_eum_result_free(r);
    }
}

/* ---- convergence, cycles and the forecast -------------------------------------------------- */

/* The test's own weighted median: the first sorted position with half the weight. */
static double median_of(const double *x, const double *w, size_t n)
{
    size_t idx[64];
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
    }
    for (size_t i = 1; i < n; i++) { /* insertion sort by position */
        for (size_t k = i; k > 0 && x[idx[k - 1]] > x[idx[k]]; k--) {
            size_t t = idx[k];
            idx[k] = idx[k - 1];
            idx[k - 1] = t;
        }
    }
    double total = 0, acc = 0;
    for (size_t i = 0; i < n; i++) {
        total += w[i];
    }
    for (size_t i = 0; i < n; i++) {
        acc += w[idx[i]];
        if (acc >= total / 2) {
            return x[idx[i]];
        }
    }
    return x[idx[n - 1]];
}

/* Checks a finished game against its own trajectory: the stopping rule, the first repetition
 * (so the period is the shortest one), the window and the forecast by the documented rule. */
static void check_game(const sc_eum_result *r, const sc_eum_params *p, double scale)
{
    size_t n = r->n;
    double tol = p->tol * scale;
    int R = r->rounds;
    /* no earlier repetition than the one reported */
    int first_t = -1, first_u = -1;
    for (int t = 2; t <= R && first_t < 0; t++) {
        for (int u = t - 2; u >= 0; u--) {
            double m = 0, mv = 0;
            for (size_t i = 0; i < n; i++) {
                m = fmax(m, fabs(r->positions[(size_t)t * n + i] - r->positions[(size_t)u * n + i]));
                mv = fmax(mv, fabs(r->positions[(size_t)t * n + i] -
                                   r->positions[(size_t)(t - 1) * n + i]));
            }
            if (mv <= tol) {
                break; /* a converged round is not a cycle */
            }
            if (m <= tol) {
                first_t = t;
                first_u = u;
                break;
            }
        }
    }
    double last_move = 0;
    for (size_t i = 0; R > 0 && i < n; i++) {
        last_move = fmax(last_move, fabs(r->positions[(size_t)R * n + i] -
                                         r->positions[(size_t)(R - 1) * n + i]));
    }
    switch (r->outcome) {
    case SC_EUM_CONVERGED:
        assert_true(last_move <= tol);
        assert_int_equal(r->window_start, R);
        SC_ASSERT_NEAR(r->forecast, r->median[R], 0);
        break;
    case SC_EUM_CYCLE:
        assert_true(r->cycle);
        assert_int_equal(r->cycle_start, first_u);
        assert_int_equal(r->cycle_start + r->cycle_period, first_t);
        assert_true(r->cycle_period >= 2);
        if (p->stop == SC_EUM_STOP_CONVERGE) {
            assert_int_equal(R, first_t); /* stops at the first repetition */
        }
        assert_int_equal(r->window_start, r->cycle_start);
        assert_int_equal(r->window_end, r->cycle_start + r->cycle_period - 1);
        break;
    case SC_EUM_UNSETTLED:
        assert_int_equal(first_t, -1);
        assert_true(last_move > tol);
        assert_int_equal(R, p->stop == SC_EUM_STOP_FIXED ? p->rounds : p->max_rounds);
        assert_int_equal(r->window_start, (R + 1) / 2);
        assert_int_equal(r->window_end, R);
        break;
    }
    double sum = 0, lo = HUGE_VAL, hi = -HUGE_VAL;
    for (int t = r->window_start; t <= r->window_end; t++) {
        sum += r->median[t];
        lo = fmin(lo, r->median[t]);
        hi = fmax(hi, r->median[t]);
    }
    double rule = p->stop == SC_EUM_STOP_FIXED || r->outcome == SC_EUM_CONVERGED
                      ? r->median[R]
                      : sum / (r->window_end - r->window_start + 1);
    SC_ASSERT_NEAR(r->forecast, rule, 1e-12);
    SC_ASSERT_NEAR(r->forecast_lo, lo, 0);
    SC_ASSERT_NEAR(r->forecast_hi, hi, 0);
    assert_true(r->forecast >= lo - 1e-12 && r->forecast <= hi + 1e-12);
}

static void test_period_two_is_reported_as_two(void **state)
{
    (void)state;
    /* examples/iran-nuclear-2015.yaml, sanctions relief, Scholz: Britain jumps to 50, then
     * compromises toward Israel, then back: rounds 1 and 3 are the same, round 2 differs */
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_load(sc_test_source("examples/iran-nuclear-2015.yaml"), &s, &d),
                     SC_OK);
    long j = sc_scenario_issue_index(s, "relief");
    sc_eum_params p;
    sc_eum_params_init(&p);
    sc_eum_result *r = NULL;
    const char **ids = NULL;
    assert_int_equal(sc_eum_run_scenario(s, (size_t)j, &p, &r, &ids, &d), SC_OK);
    assert_int_equal(r->outcome, SC_EUM_CYCLE);
    assert_int_equal(r->cycle_period, 2);
    assert_int_equal(r->cycle_start, 1);
    assert_int_equal(r->rounds, 3);
    size_t n = r->n;
    assert_memory_equal(r->positions + n, r->positions + 3 * n, n * sizeof(double));
    assert_memory_not_equal(r->positions + n, r->positions + 2 * n, n * sizeof(double));
    check_game(r, &p, 100);
    sc_free((void *)ids);
    sc_eum_result_free(r);
    /* the old detector's bug: with a fixed 10 or 20 rounds the period stays 2, not the run's
     * length */
    for (int rounds = 10; rounds <= 20; rounds += 10) {
        p.stop = SC_EUM_STOP_FIXED;
        p.rounds = rounds;
        assert_int_equal(sc_eum_run_scenario(s, (size_t)j, &p, &r, &ids, &d), SC_OK);
        assert_int_equal(r->rounds, rounds);
        assert_int_equal(r->cycle_period, 2);
        assert_int_equal(r->cycle_start, 1);
        SC_ASSERT_NEAR(r->forecast, r->median[rounds], 0);
        check_game(r, &p, 100);
        sc_free((void *)ids);
        sc_eum_result_free(r);
    }
    /* every issue of the scenario, both variants, both stopping rules */
    for (size_t k = 0; k < sc_scenario_issue_count(s); k++) {
        const sc_issue *is = sc_scenario_issue(s, k);
        for (int v = 0; v < 2; v++) {
            for (int stop = 0; stop < 2; stop++) {
                sc_eum_params_init(&p);
                p.variant = (sc_eum_variant)v;
                p.stop = (sc_eum_stop)stop;
                p.rounds = 25;
                assert_int_equal(sc_eum_run_scenario(s, k, &p, &r, &ids, &d), SC_OK);
                check_game(r, &p, is->scale_max - is->scale_min);
                sc_free((void *)ids);
                sc_eum_result_free(r);
            }
        }
    }
    sc_scenario_free(s);
}

static void test_unsettled_emissions(void **state)
{
    (void)state;
    /* Scholz's emissions game never settles within 40 rounds: the forecast is the mean of the
     * median voter over rounds 20-40 of the published 40-round table, and its range theirs */
    table t;
    load("reference/bdm/data/emissions_bdm1994.csv", &t);
    sc_eum_params p;
    sc_eum_params_init(&p);
    p.max_rounds = 40;
    sc_eum_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &p, &r, &d), SC_OK);
    assert_int_equal(r->outcome, SC_EUM_UNSETTLED);
    assert_int_equal(r->rounds, 40);
    compare_csv("reference/bdm/results/emissions_scholz_code_40rounds.csv", r, 1e-3, 1);
    /* the reference medians, read from the file itself */
    FILE *fp = fopen(sc_test_shared("reference/bdm/results/emissions_scholz_code_40rounds.csv"), "r");
    assert_non_null(fp);
    char line[1024];
    double sum = 0, lo = HUGE_VAL, hi = -HUGE_VAL;
    int rows = 0;
    while (fgets(line, sizeof line, fp)) {
        int round = atoi(line);
        if (line[0] < '0' || line[0] > '9' || round < 20) {
            continue;
        }
        double med = strtod(strrchr(line, ',') + 1, NULL);
        sum += med;
        lo = fmin(lo, med);
        hi = fmax(hi, med);
        rows++;
    }
    fclose(fp);
    assert_int_equal(rows, 21);
    SC_ASSERT_NEAR(r->forecast, sum / 21, 1e-3);
    SC_ASSERT_NEAR(r->forecast_lo, lo, 1e-3);
    SC_ASSERT_NEAR(r->forecast_hi, hi, 1e-3);
    check_game(r, &p, 6);
    sc_eum_result_free(r);
    /* left alone it finds the cycle the orbit settles into: period 70 from round 336 */
    p.max_rounds = 1000;
    assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &p, &r, &d), SC_OK);
    assert_int_equal(r->outcome, SC_EUM_CYCLE);
    assert_int_equal(r->cycle_period, 70);
    assert_int_equal(r->cycle_start, 336);
    check_game(r, &p, 6);
    sc_eum_result_free(r);
}

static void test_tolerance(void **state)
{
    (void)state;
    /* the printed variant on the emissions table converges by ever smaller moves: a larger
     * tolerance stops it sooner, and the last move is within the tolerance, the one before not */
    table t;
    load("reference/bdm/data/emissions_bdm1994.csv", &t);
    sc_diag d;
    sc_diag_init(&d);
    int prev_rounds = 1 << 30;
    const double tols[3] = {1e-6, 1e-4, 1e-2};
    for (int k = 0; k < 3; k++) {
        sc_eum_params p;
        sc_eum_params_init(&p);
        p.variant = SC_EUM_PRINTED;
        p.tol = tols[k];
        p.scale = 10;
        sc_eum_result *r = NULL;
        assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &p, &r, &d), SC_OK);
        assert_int_equal(r->outcome, SC_EUM_CONVERGED);
        assert_true(r->rounds < prev_rounds);
        prev_rounds = r->rounds;
        double before = 0;
        for (size_t i = 0; i < t.n; i++) {
            before = fmax(before, fabs(r->positions[(size_t)(r->rounds - 1) * t.n + i] -
                                       r->positions[(size_t)(r->rounds - 2) * t.n + i]));
        }
        assert_true(before > tols[k] * 10);
        check_game(r, &p, 10);
        sc_eum_result_free(r);
    }
}

static void test_median_effects(void **state)
{
    (void)state;
    /* every move's effect is the round's median minus the median with that move undone,
     * recomputed here from the trajectory */
    table t;
    load("reference/bdm/data/emissions_bdm1994.csv", &t);
    sc_eum_result *r = play(&t, SC_EUM_SCHOLZ, 10);
    double w[64];
    for (size_t i = 0; i < t.n; i++) {
        w[i] = t.c[i] * t.s[i];
    }
    int nonzero = 0;
    for (int k = 0; k < r->rounds; k++) {
        const double *after = r->positions + (size_t)(k + 1) * t.n;
        double med = median_of(after, w, t.n);
        SC_ASSERT_NEAR(med, r->median[k + 1], 0);
        for (size_t i = 0; i < t.n; i++) {
            const sc_eum_move *m = &r->moves[(size_t)k * t.n + i];
            double undone[64];
            memcpy(undone, after, t.n * sizeof(double));
            undone[i] = m->from;
            double want = m->kind == SC_EUM_NONE ? 0 : med - median_of(undone, w, t.n);
            SC_ASSERT_NEAR(m->median_effect, want, 1e-12);
            nonzero += want != 0;
        }
    }
    /* Belgium's compromises carry the median: round 1 moves it from 7 to 8.4159 */
    SC_ASSERT_NEAR(r->moves[1].median_effect, 8.4159 - 7, 1e-4);
    assert_true(nonzero >= 5);
    sc_eum_result_free(r);
}

static void test_drivers(void **state)
{
    (void)state;
    table t;
    load("reference/bdm/data/emissions_bdm1994.csv", &t);
    sc_diag d;
    sc_diag_init(&d);
    for (int v = 0; v < 2; v++) {
        sc_eum_params p;
        sc_eum_params_init(&p);
        p.variant = (sc_eum_variant)v;
        p.max_rounds = 30;
        p.scale = 6;
        sc_eum_result *all = NULL;
        assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &p, &all, &d), SC_OK);
        sc_eum_driver one[64], three[64];
        p.threads = 1;
        assert_int_equal(sc_eum_drivers(t.n, t.c, t.x, t.s, &p, all->forecast, one, &d), SC_OK);
        p.threads = 3;
        assert_int_equal(sc_eum_drivers(t.n, t.c, t.x, t.s, &p, all->forecast, three, &d), SC_OK);
        for (size_t k = 0; k < t.n; k++) { /* any thread count, the same bits */
            assert_int_equal(one[k].actor, three[k].actor);
            assert_memory_equal(&one[k].delta, &three[k].delta, sizeof(double));
        }
        int seen[64] = {0};
        for (size_t k = 0; k < t.n; k++) {
            /* each driver is the game replayed without that actor, by hand here */
            size_t a = one[k].actor;
            assert_false(seen[a]);
            seen[a] = 1;
            double c[64], x[64], s[64];
            for (size_t i = 0, q = 0; i < t.n; i++) {
                if (i != a) {
                    c[q] = t.c[i];
                    x[q] = t.x[i];
                    s[q] = t.s[i];
                    q++;
                }
            }
            sc_eum_result *r = NULL;
            assert_int_equal(sc_eum_run(t.n - 1, c, x, s, &p, &r, &d), SC_OK);
            SC_ASSERT_NEAR(one[k].forecast, r->forecast, 0);
            SC_ASSERT_NEAR(one[k].delta, r->forecast - all->forecast, 0);
            assert_int_equal(one[k].outcome, r->outcome);
            sc_eum_result_free(r);
            if (k > 0) {
                assert_true(fabs(one[k - 1].delta) >= fabs(one[k].delta));
            }
        }
        sc_eum_result_free(all);
    }
    sc_eum_driver out[2];
    assert_int_equal(sc_eum_drivers(2, t.c, t.x, t.s, NULL, 7, out, &d), SC_EINVAL);
}

/* The cancel flag: clear, the run and the drivers are those without one, bit for bit; set, both
 * stop before their first round with SC_ELIMIT and no result, even a game with no round to play
 * (the CLI's real signals during a run: test_cli_interrupt test_forecast_eum_run_sigint). */
static void test_cancel(void **state)
{
    (void)state;
    table t;
    load("reference/bdm/data/emissions_bdm1994.csv", &t);
    sc_diag d;
    sc_diag_init(&d);
    sc_eum_params p;
    sc_eum_params_init(&p);
    assert_null(p.cancel);
    p.scale = 6;
    sc_eum_result *plain = NULL, *flagged = NULL;
    assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &p, &plain, &d), SC_OK);
    assert_true(plain->rounds > 1);
    volatile sig_atomic_t flag = 0;
    p.cancel = &flag;
    assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &p, &flagged, &d), SC_OK);
    assert_int_equal(flagged->rounds, plain->rounds);
    assert_memory_equal(&flagged->forecast, &plain->forecast, sizeof(double));
    sc_eum_driver a[64], b[64];
    assert_int_equal(sc_eum_drivers(t.n, t.c, t.x, t.s, &p, plain->forecast, a, &d), SC_OK);
    flag = 1;
    sc_eum_result *r = NULL;
    assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &p, &r, &d), SC_ELIMIT);
    assert_null(r);
    assert_string_equal(d.message, "eum: interrupted after 0 rounds");
    p.threads = 2;
    assert_int_equal(sc_eum_drivers(t.n, t.c, t.x, t.s, &p, plain->forecast, b, &d), SC_ELIMIT);
    assert_non_null(strstr(d.message, "eum: interrupted after 0 of "));
    /* set before a game with no round to play (every actor agrees; or a fixed 0 rounds): still
     * stopped, so that a caller looping over issues may leave the flag to the runs */
    double same[3] = {40, 40, 40}, ones[3] = {1, 1, 1};
    p.threads = 0;
    assert_int_equal(sc_eum_run(3, ones, same, ones, &p, &r, &d), SC_ELIMIT);
    assert_null(r);
    assert_int_equal(sc_eum_drivers(3, ones, same, ones, &p, 40, b, &d), SC_ELIMIT);
    sc_eum_params zero = p;
    zero.stop = SC_EUM_STOP_FIXED;
    zero.rounds = 0;
    assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &zero, &r, &d), SC_ELIMIT);
    assert_null(r);
    zero.cancel = NULL; /* the same games without the flag: results */
    assert_int_equal(sc_eum_run(t.n, t.c, t.x, t.s, &zero, &r, &d), SC_OK);
    assert_int_equal(r->rounds, 0);
    sc_eum_result_free(r);
    p.cancel = NULL;
    assert_int_equal(sc_eum_run(3, ones, same, ones, &p, &r, &d), SC_OK);
    assert_int_equal(r->outcome, SC_EUM_CONVERGED);
    sc_eum_result_free(r);
    p.threads = 2;
    assert_int_equal(sc_eum_drivers(t.n, t.c, t.x, t.s, &p, plain->forecast, b, &d), SC_OK);
    for (size_t k = 0; k < t.n; k++) {
        assert_int_equal(a[k].actor, b[k].actor);
        assert_memory_equal(&a[k].delta, &b[k].delta, sizeof(double));
    }
    sc_eum_result_free(plain);
    sc_eum_result_free(flagged);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emissions_scholz_table), cmocka_unit_test(test_belgium_quadrant),
        cmocka_unit_test(test_printed_variant),        cmocka_unit_test(test_other_tables),
        cmocka_unit_test(test_fast_equals_naive),      cmocka_unit_test(test_edges),
        cmocka_unit_test(test_hand_computed_round),
        cmocka_unit_test(test_period_two_is_reported_as_two),
        cmocka_unit_test(test_unsettled_emissions),    cmocka_unit_test(test_tolerance),
        cmocka_unit_test(test_median_effects),         cmocka_unit_test(test_drivers),
        cmocka_unit_test(test_threads_change_nothing), cmocka_unit_test(test_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
