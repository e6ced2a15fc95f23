/* Landscape theory: the Syria oracles, fast search = brute force on random instances for any
 * thread count, the k-bloc branch and bound = enumeration, energy identities, CSV errors. */
#include "sc_test.h"

#include "statecraft/statecraft.h"
#include "statecraft/landscape.h"

static sc_landscape_data *load_syria(void)
{
    size_t l1, l2;
    char *a = sc_test_slurp(sc_test_shared("reference/models/data/landscape_syria2016_actors.csv"), &l1);
    char *p = sc_test_slurp(
        sc_test_shared("reference/models/data/landscape_syria2016_propensity_raw.csv"), &l2);
    assert_non_null(a);
    assert_non_null(p);
    sc_landscape_data *d = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    sc_status rc = sc_landscape_read_csv(a, l1, "actors.csv", p, l2, "prop.csv", NULL, -3.0, &d, &diag);
    if (rc != SC_OK) {
        sc_diag_print(&diag, stderr);
    }
    assert_int_equal(rc, SC_OK);
    free(a);
    free(p);
    return d;
}

static int on_side_of(uint64_t mask, size_t i, size_t j)
{
    return ((mask >> i) & 1u) == ((mask >> j) & 1u);
}

static void test_syria_oracles(void **state)
{
    (void)state;
    sc_landscape_data *d = load_syria();
    assert_int_equal(d->n, 11);
    sc_landscape_params p;
    sc_landscape_params_init(&p);
    sc_landscape_result *r = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    assert_int_equal(sc_landscape_search2(d->n, d->size, d->prop, &p, &r, &diag), SC_OK);
    SC_ASSERT_NEAR(r->global.energy, -83200, 1e-9);
    assert_int_equal(r->n_minima, 1);
    /* opposite the US (actor 0): Turkey (3), ISIS (6), Nusra (9) */
    for (size_t i = 1; i < d->n; i++) {
        int apart = !on_side_of(r->global.mask, 0, i);
        assert_int_equal(apart, i == 3 || i == 6 || i == 9);
    }
    sc_landscape_result_free(r);
    /* the second- and third-best configurations of landscape.md: Turkey, then Nusra, join the US */
    int label[11];
    for (size_t i = 0; i < 11; i++) {
        label[i] = (i == 6 || i == 9) ? 1 : 0;
    }
    SC_ASSERT_NEAR(sc_landscape_energy(11, d->size, d->prop, label), -82400, 1e-9);
    for (size_t i = 0; i < 11; i++) {
        label[i] = (i == 3 || i == 6) ? 1 : 0;
    }
    SC_ASSERT_NEAR(sc_landscape_energy(11, d->size, d->prop, label), -81200, 1e-9);
    /* weak Syria */
    d->size[2] = 10;
    assert_int_equal(sc_landscape_search2(d->n, d->size, d->prop, &p, &r, &diag), SC_OK);
    SC_ASSERT_NEAR(r->global.energy, -65600, 1e-9);
    assert_int_equal(r->n_minima, 1);
    for (size_t i = 1; i < d->n; i++) {
        assert_int_equal(!on_side_of(r->global.mask, 0, i), i == 6 || i == 9);
    }
    sc_landscape_result_free(r);
    sc_landscape_data_free(d);
}

/* A random symmetric instance with high-entropy values. */
static void random_instance(sc_rng *rng, size_t n, double *size, double *prop)
{
    for (size_t i = 0; i < n; i++) {
        size[i] = 0.1 + 9.9 * sc_rng_uniform(rng);
        prop[i * n + i] = 0;
        for (size_t j = 0; j < i; j++) {
            double v = 4 * sc_rng_uniform(rng) - 2;
            prop[i * n + j] = prop[j * n + i] = v;
        }
    }
}

static void test_fast_equals_brute_force(void **state)
{
    (void)state;
    sc_rng rng;
    sc_rng_init(&rng, 2025, 7);
    double size[16], prop[256];
    sc_diag diag;
    sc_diag_init(&diag);
    for (int trial = 0; trial < 40; trial++) {
        size_t n = 2 + (size_t)(trial % 14); /* 2..15, crossing the 12-actor table size */
        random_instance(&rng, n, size, prop);
        sc_landscape_result *brute = NULL, *gray = NULL;
        assert_int_equal(sc_landscape_search2_naive(n, size, prop, &brute, &diag), SC_OK);
        assert_int_equal(sc_landscape_search2_gray(n, size, prop, &gray, &diag), SC_OK);
        assert_int_equal(gray->n_minima, brute->n_minima);
        assert_true(gray->global.mask == brute->global.mask);
        for (size_t k = 0; k < gray->n_kept; k++) {
            assert_true(gray->minima[k].mask == brute->minima[k].mask);
        }
        sc_landscape_result_free(gray);
        for (unsigned threads = 1; threads <= 8; threads *= 2) {
            sc_landscape_params p;
            sc_landscape_params_init(&p);
            p.threads = threads;
            sc_landscape_result *fast = NULL;
            assert_int_equal(sc_landscape_search2(n, size, prop, &p, &fast, &diag), SC_OK);
            assert_int_equal(fast->n_minima, brute->n_minima);
            assert_true(fast->global.mask == brute->global.mask);
            SC_ASSERT_NEAR(fast->global.energy, brute->global.energy,
                           1e-9 * (1 + fabs(brute->global.energy)));
            for (size_t k = 0; k < fast->n_kept; k++) {
                assert_true(fast->minima[k].mask == brute->minima[k].mask);
            }
            sc_landscape_result_free(fast);
        }
        sc_landscape_result_free(brute);
    }
}

/* Larger instances, beyond the brute force: the pruned search against the Gray-code one. */
static void test_pruned_equals_gray(void **state)
{
    (void)state;
    sc_rng rng;
    sc_rng_init(&rng, 4242, 3);
    double size[22], prop[22 * 22];
    sc_diag diag;
    sc_diag_init(&diag);
    for (size_t n = 16; n <= 22; n += 3) {
        random_instance(&rng, n, size, prop);
        sc_landscape_result *a = NULL, *b = NULL;
        assert_int_equal(sc_landscape_search2(n, size, prop, NULL, &a, &diag), SC_OK);
        assert_int_equal(sc_landscape_search2_gray(n, size, prop, &b, &diag), SC_OK);
        assert_int_equal(a->n_minima, b->n_minima);
        for (size_t k = 0; k < a->n_kept; k++) {
            assert_true(a->minima[k].mask == b->minima[k].mask);
            assert_memory_equal(&a->minima[k].energy, &b->minima[k].energy, sizeof(double));
        }
        sc_landscape_result_free(a);
        sc_landscape_result_free(b);
    }
    /* all propensities zero: every configuration ties, so every one is a local minimum */
    memset(prop, 0, sizeof prop);
    for (size_t i = 0; i < 10; i++) {
        size[i] = 1;
    }
    sc_landscape_result *z = NULL;
    assert_int_equal(sc_landscape_search2(10, size, prop, NULL, &z, &diag), SC_OK);
    assert_int_equal(z->n_minima, 512);
    sc_landscape_result_free(z);
}

static void test_thread_count_bit_identical(void **state)
{
    (void)state;
    sc_rng rng;
    sc_rng_init(&rng, 99, 0);
    size_t n = 20;
    double size[20], prop[400];
    random_instance(&rng, n, size, prop);
    sc_landscape_result *ref = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    for (unsigned threads = 1; threads <= 7; threads += 3) {
        sc_landscape_params p;
        sc_landscape_params_init(&p);
        p.threads = threads;
        p.basin_samples = 300;
        sc_landscape_result *r = NULL;
        assert_int_equal(sc_landscape_search2(n, size, prop, &p, &r, &diag), SC_OK);
        if (!ref) {
            ref = r;
            continue;
        }
        assert_int_equal(r->n_minima, ref->n_minima);
        assert_int_equal(r->n_kept, ref->n_kept);
        for (size_t k = 0; k < r->n_kept; k++) {
            assert_true(r->minima[k].mask == ref->minima[k].mask);
            assert_memory_equal(&r->minima[k].energy, &ref->minima[k].energy, sizeof(double));
            assert_memory_equal(&r->minima[k].basin, &ref->minima[k].basin, sizeof(double));
        }
        sc_landscape_result_free(r);
    }
    double basin_sum = 0;
    for (size_t k = 0; k < ref->n_kept; k++) {
        basin_sum += ref->minima[k].basin;
    }
    SC_ASSERT_NEAR(basin_sum, 1.0, 1e-12); /* every descent ends in a local minimum */
    sc_landscape_result_free(ref);
}

static void test_energy_identities(void **state)
{
    (void)state;
    sc_rng rng;
    sc_rng_init(&rng, 5, 5);
    size_t n = 9;
    double size[9], prop[81];
    random_instance(&rng, n, size, prop);
    int label[9], swapped[9];
    for (size_t i = 0; i < n; i++) {
        label[i] = (int)(sc_rng_below(&rng, 2));
        swapped[i] = 1 - label[i];
    }
    double e = sc_landscape_energy(n, size, prop, label);
    /* Ising form: E = 1/2 sum J - 1/2 sum J s_i s_j over ordered pairs */
    double sumJ = 0, sumJss = 0, sumF = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            if (i != j) {
                double J = size[i] * size[j] * prop[i * n + j];
                sumJ += J;
                sumJss += J * (label[i] ? -1 : 1) * (label[j] ? -1 : 1);
            }
        }
        sumF += size[i] * sc_landscape_frustration(n, size, prop, label, i);
    }
    SC_ASSERT_NEAR(e, 0.5 * sumJ - 0.5 * sumJss, 1e-12 * (1 + fabs(e)));
    SC_ASSERT_NEAR(e, sumF, 1e-12 * (1 + fabs(e)));
    SC_ASSERT_NEAR(sc_landscape_energy(n, size, prop, swapped), e, 0);
    /* landscape.md test 4: p = (0.5, 2, -3) on a triad, s = 1: min E = -5, bound E* = -6 */
    double s3[3] = {1, 1, 1};
    double p3[9] = {0, 0.5, -3, 0.5, 0, 2, -3, 2, 0};
    sc_landscape_result *r = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    assert_int_equal(sc_landscape_search2(3, s3, p3, NULL, &r, &diag), SC_OK);
    SC_ASSERT_NEAR(r->global.energy, -5, 1e-12);
    sc_landscape_result_free(r);
}

static void test_k_blocs(void **state)
{
    (void)state;
    sc_rng rng;
    sc_rng_init(&rng, 31, 1);
    double size[10], prop[100];
    int lab[10], lab2[10];
    sc_diag diag;
    sc_diag_init(&diag);
    for (int trial = 0; trial < 30; trial++) {
        size_t n = 3 + (size_t)(trial % 7);
        size_t k = 2 + (size_t)(trial % 3);
        random_instance(&rng, n, size, prop);
        double e_bb, e_naive;
        uint64_t nodes;
        assert_int_equal(sc_landscape_search_k(n, size, prop, k, 0, lab, &e_bb, &nodes, &diag), SC_OK);
        assert_int_equal(sc_landscape_search_k_naive(n, size, prop, k, lab2, &e_naive, &diag), SC_OK);
        SC_ASSERT_NEAR(e_bb, e_naive, 1e-9 * (1 + fabs(e_naive)));
        int used = 0;
        for (size_t i = 0; i < n; i++) {
            used = lab[i] + 1 > used ? lab[i] + 1 : used;
        }
        assert_true(used <= (int)k);
        if (k == 2) {
            sc_landscape_result *r = NULL;
            assert_int_equal(sc_landscape_search2(n, size, prop, NULL, &r, &diag), SC_OK);
            SC_ASSERT_NEAR(e_bb, r->global.energy, 1e-9 * (1 + fabs(e_bb)));
            sc_landscape_result_free(r);
        }
    }
    /* all-negative propensities: with free k every actor ends alone (Florian & Galam) */
    double s4[4] = {1, 2, 3, 4}, p4[16];
    for (size_t i = 0; i < 16; i++) {
        p4[i] = i % 5 == 0 ? 0 : -1;
    }
    double e;
    assert_int_equal(sc_landscape_search_k(4, s4, p4, 4, 0, lab, &e, NULL, &diag), SC_OK);
    for (size_t i = 0; i < 4; i++) {
        for (size_t j = 0; j < i; j++) {
            assert_int_not_equal(lab[i], lab[j]);
        }
    }
    /* the node limit stops the search with SC_ELIMIT */
    random_instance(&rng, 10, size, prop);
    assert_int_equal(sc_landscape_search_k(10, size, prop, 4, 3, lab, &e, NULL, &diag), SC_ELIMIT);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    sc_diag diag;
    sc_diag_init(&diag);
    double s[2] = {1, 1}, asym[4] = {0, 1, 2, 0};
    sc_landscape_result *r = NULL;
    assert_int_equal(sc_landscape_search2(2, s, asym, NULL, &r, &diag), SC_EINVAL);
    assert_non_null(strstr(diag.message, "symmetric"));
    double zero[2] = {1, 0}, ok[4] = {0, 1, 1, 0};
    assert_int_equal(sc_landscape_search2(2, zero, ok, NULL, &r, &diag), SC_ERANGE);
    const char *sizes = "actor,strength\nA,1\nB,x\n";
    const char *mat = ",A,B\nA,,1\nB,1,\n";
    sc_landscape_data *d = NULL;
    assert_int_equal(sc_landscape_read_csv(sizes, strlen(sizes), "s.csv", mat, strlen(mat), "m.csv",
                                           NULL, 0, &d, &diag),
                     SC_ERANGE);
    assert_int_equal(diag.line, 3);
    assert_int_equal(diag.column, 3);
    const char *sizes2 = "actor,strength\nA,1\nB,2\n";
    const char *asym2 = ",A,B\nA,,1\nB,2,\n";
    assert_int_equal(sc_landscape_read_csv(sizes2, strlen(sizes2), "s.csv", asym2, strlen(asym2),
                                           "m.csv", NULL, 0, &d, &diag),
                     SC_EINVAL);
    const char *short_row = ",A,B\nA,,1\nB,1\n";
    assert_int_equal(sc_landscape_read_csv(sizes2, strlen(sizes2), "s.csv", short_row,
                                           strlen(short_row), "m.csv", NULL, 0, &d, &diag),
                     SC_EPARSE);
    assert_int_equal(diag.line, 3);
    assert_int_equal(sc_landscape_read_csv(sizes2, strlen(sizes2), "s.csv", mat, strlen(mat),
                                           "m.csv", NULL, 0, &d, &diag),
                     SC_OK);
    assert_int_equal(d->n, 2);
    sc_landscape_data_free(d);
}

/* Europe 1936 with statecraft's own propensity coding (examples/landscape-1936): the result is
 * compared with the actual wartime alignment and reported as it is (12 of 17 placed right). */
static void test_europe_1936(void **state)
{
    (void)state;
    size_t l1, l2;
    char *sizes = sc_test_slurp(sc_test_shared("reference/models/data/landscape_1936_sizes_nmc60.csv"), &l1);
    char *prop = sc_test_slurp(sc_test_source("examples/landscape-1936/propensity_1936.csv"), &l2);
    assert_non_null(sizes);
    assert_non_null(prop);
    sc_landscape_data *d = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    assert_int_equal(sc_landscape_read_csv(sizes, l1, "sizes", prop, l2, "prop", "cinc_1936", 0,
                                           &d, &diag),
                     SC_OK);
    assert_int_equal(d->n, 17);
    sc_landscape_result *r = NULL;
    assert_int_equal(sc_landscape_search2(d->n, d->size, d->prop, NULL, &r, &diag), SC_OK);
    /* the actual side of each state, from the shared file's actual_side column */
    int allies[17] = {0};
    const char *p = sizes;
    for (size_t i = 0; i < 17; i++) {
        p = strstr(p, d->names[i]);
        assert_non_null(p);
        const char *eol = strchr(p, '\n');
        const char *al = strstr(p, ",Allies,");
        allies[i] = al && al < eol;
        p = eol;
    }
    /* count agreements with the side that holds France (index 5) as the Allied bloc */
    int right = 0;
    for (size_t i = 0; i < 17; i++) {
        int with_france = ((r->global.mask >> i) & 1u) == ((r->global.mask >> 5) & 1u);
        right += with_france == allies[i];
    }
    print_message("Europe 1936, statecraft's coding: %zu local minima, %d of 17 on their actual "
                  "side\n",
                  r->n_minima, right);
    assert_int_equal(r->n_minima, 1);
    assert_int_equal(right, 12);
    sc_landscape_result_free(r);
    sc_landscape_data_free(d);
    free(sizes);
    free(prop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syria_oracles),       cmocka_unit_test(test_fast_equals_brute_force),
        cmocka_unit_test(test_pruned_equals_gray),
        cmocka_unit_test(test_thread_count_bit_identical), cmocka_unit_test(test_energy_identities),
        cmocka_unit_test(test_k_blocs),             cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_europe_1936),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
