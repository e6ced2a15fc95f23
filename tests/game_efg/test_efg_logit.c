/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
/*
 * Tree logit's analytic Jacobian (src/game/efg_logit.c) against central finite differences of
 * its own system H(v, mu), at random points of every game of Gambit's .efg collection: each
 * column's terms (beliefs that move with the actions above an information set, values that move
 * with the actions below it, the mu column, the sum rows) must all be there, or some entry of
 * some game is off by far more than the differences' error.
 */
#include "sc_game_test.h"

#include <dirent.h>
#include <math.h>

#include "game/efg_internal.h"
#include "statecraft/rng.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A random point: each information set's probabilities drawn as squares of uniforms (so some
 * are small), their logs moved off the simplex by a little noise (H is defined everywhere and
 * the corrector works off the curve), and mu up to 40 (lambda times the payoff range).
 */
static void random_point(const sc_efg *e, sc_rng *r, double *y)
{
    for (size_t i = 0; i < e->niset; i++) {
        const sc__efg_infoset *I = &e->iset[i];
        if (!I->player) {
            continue;
        }
        double s = 0;
        for (uint32_t a = 0; a < I->nact; a++) {
            double u = 0.02 + sc_rng_uniform(r);
            y[I->offset + a] = u * u;
            s += u * u;
        }
        for (uint32_t a = 0; a < I->nact; a++) {
            y[I->offset + a] = log(y[I->offset + a] / s) + sc_rng_normal(r, 0, 0.05);
        }
    }
    y[e->width] = 40 * sc_rng_uniform(r);
}

typedef struct jstats {
    size_t games, entries, nonzero;
    double worst;
    const char *worst_game;
} jstats;

/* Checks e's Jacobian at two random points of stream k against central differences of H. */
static void check_game(const char *name, const sc_efg *e, uint64_t k, jstats *st)
{
    size_t N = e->width, M = N + 1;
    double *y = malloc(M * sizeof *y), *F = malloc(N * sizeof *F);
    double *Fp = malloc(N * sizeof *Fp), *Fm = malloc(N * sizeof *Fm);
    double *J = malloc(N * M * sizeof *J);
    assert_true(y && F && Fp && Fm && J);
    sc_rng r;
    sc_rng_init(&r, 20261206, k);
    sc_diag d;
    sc_diag_init(&d);
    for (int pt = 0; pt < 2; pt++) {
        random_point(e, &r, y);
        assert_int_equal(sc__efg_logit_system(e, y, F, J, &d), SC_OK);
        for (size_t c = 0; c < M; c++) {
            double yc = y[c], h = 1e-5 * (1.0 + fabs(yc));
            y[c] = yc + h;
            assert_int_equal(sc__efg_logit_system(e, y, Fp, NULL, &d), SC_OK);
            y[c] = yc - h;
            assert_int_equal(sc__efg_logit_system(e, y, Fm, NULL, &d), SC_OK);
            y[c] = yc;
            for (size_t row = 0; row < N; row++) {
                double fd = (Fp[row] - Fm[row]) / (2 * h), an = J[row * M + c];
                double err = fabs(fd - an) / (1.0 + fabs(fd));
                st->entries++;
                st->nonzero += fabs(an) > 1e-12;
                if (err > st->worst) {
                    st->worst = err;
                    st->worst_game = name;
                }
                /* the differences' own error is below 1e-9 here (truncation h^2, rounding
                   1e-16 / h, mu at most 40) */
                if (!(err <= 1e-6)) {
                    fail_msg("%s, point %d: dH[%zu]/dy[%zu] is %.10g, finite differences %.10g",
                             name, pt, row, c, an, fd);
                }
            }
        }
    }
    st->games++;
    free(y);
    free(F);
    free(Fp);
    free(Fm);
    free(J);
}

static void test_jacobian_matches_finite_differences(void **state)
{
    (void)state;
    DIR *dir = opendir(sc_test_shared(SC_TEST_GAMBIT "efg"));
    assert_non_null(dir);
    char **names = NULL;
    size_t count = 0;
    struct dirent *ent;
    while ((ent = readdir(dir))) {
        size_t n = strlen(ent->d_name);
        if (n < 5 || strcmp(ent->d_name + n - 4, ".efg") != 0) {
            continue;
        }
        names = realloc(names, (count + 1) * sizeof *names);
        assert_non_null(names);
        names[count] = malloc(n + 1);
        assert_non_null(names[count]);
        memcpy(names[count++], ent->d_name, n + 1);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, by_name);
    assert_true(count >= 173);
    jstats st = {0, 0, 0, 0.0, ""};
    for (size_t g = 0; g < count; g++) {
        sc_efg *e = sc_test_efg_file(names[g]);
        /* the differences cost 2 (N + 1) tree passes per point: the widest tree (cs.efg,
           N = 468) is left to the solver tests, every other one is checked */
        if (e->width > 0 && e->width <= 400) {
            check_game(names[g], e, g, &st);
        }
        sc_efg_free(e);
    }
    print_message("%zu games, %zu entries (%zu nonzero), worst relative difference %.2g (%s)\n",
                  st.games, st.entries, st.nonzero, st.worst, st.worst_game);
    assert_true(st.games >= 170);
    for (size_t g = 0; g < count; g++) {
        free(names[g]);
    }
    free(names);
}

/*
 * An information set that chance never reaches (probability 0): its beliefs are uniform and do
 * not move with the actions above it, while its values still move with those below it.
 */
static void test_jacobian_unreached_set(void **state)
{
    (void)state;
    static const char text[] =
        "EFG 2 R \"unreached\" { \"1\" \"2\" }\n\"\"\n"
        "c \"\" 1 \"\" { \"a\" 1 \"b\" 0 } 0\n"
        "p \"\" 2 1 \"\" { \"L\" \"R\" } 0\n"
        "p \"\" 1 1 \"\" { \"x\" \"y\" } 0\n"
        "t \"\" 1 \"\" { 1, 0 }\nt \"\" 2 \"\" { 0, 1 }\n"
        "p \"\" 1 1 \"\" { \"x\" \"y\" } 0\n"
        "t \"\" 3 \"\" { 2, 3 }\nt \"\" 4 \"\" { 0, 0 }\n"
        "p \"\" 2 2 \"\" { \"L\" \"R\" } 0\n"
        "p \"\" 1 2 \"\" { \"x\" \"y\" } 0\n"
        "t \"\" 5 \"\" { 3, 1 }\nt \"\" 6 \"\" { 1, 2 }\n"
        "p \"\" 1 2 \"\" { \"x\" \"y\" } 0\n"
        "t \"\" 7 \"\" { 0, 4 }\nt \"\" 8 \"\" { 5, 0 }\n";
    sc_efg *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_efg_read(text, strlen(text), "unreached.efg", &e, &d) != SC_OK) {
        fail_msg("%s", d.message);
    }
    jstats st = {0, 0, 0, 0.0, ""};
    for (uint64_t k = 0; k < 8; k++) {
        check_game("unreached.efg", e, 1000 + k, &st);
    }
    sc_efg_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jacobian_matches_finite_differences),
        cmocka_unit_test(test_jacobian_unreached_set),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
