/* SPDX-License-Identifier: MIT */
/*
 * UN ideal points read as published, the fitted maps compiled into the library reproduced from
 * the shared data, and the map from event scores to amity.
 */
#include "sc_test.h"

#include "statecraft/statecraft.h"

static sc_unga *load(void)
{
    sc_unga *u = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_unga_read(sc_test_shared("data/history/unga_idealpoints_bsv_jun2024.csv"), &u, &d) !=
        SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("cannot read the ideal points");
    }
    return u;
}

static void test_read_as_published(void **state)
{
    (void)state;
    sc_unga *u = load();
    assert_int_equal(sc_unga_last_session(u), 78);
    assert_int_equal(sc_unga_session_year(78), 2023);
    assert_int_equal(sc_unga_session_year(1), 1946);
    double x;
    /* the file's rows "77",2,78,...,2.500157,... and "4235",365,62,...,-0.06804541 */
    assert_int_equal(sc_unga_ideal_point(u, "USA", 78, &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, 2.500157, 0);
    assert_int_equal(sc_unga_ideal_point(u, "RUS", 62, &x, NULL), SC_OK);
    SC_ASSERT_NEAR(x, -0.06804541, 0);
    /* China is in from session 26 (1971); session 19 has no votes */
    assert_int_equal(sc_unga_ideal_point(u, "CHN", 25, &x, NULL), SC_ENOTFOUND);
    assert_int_equal(sc_unga_ideal_point(u, "CHN", 26, &x, NULL), SC_OK);
    assert_int_equal(sc_unga_ideal_point(u, "USA", 19, &x, NULL), SC_ENOTFOUND);
    assert_int_equal(sc_unga_ideal_point(u, "XXX", 78, &x, NULL), SC_ENOTFOUND);
    /* every actor of the built-in scenario has a 2023 estimate */
    const char *ids[] = {"USA", "RUS", "UKR", "CHN", "GBR", "FRA", "DEU", "POL", "TUR", "SAU"};
    for (size_t i = 0; i < 10; i++) {
        assert_int_equal(sc_unga_ideal_point(u, ids[i], 78, &x, NULL), SC_OK);
    }
    sc_unga_free(u);
}

static void test_bad_files(void **state)
{
    (void)state;
    sc_unga *u = NULL;
    sc_diag d;
    sc_diag_init(&d);
    const char *no_col = "\"\",\"ccode\",\"session\",\"iso3c\"\n\"1\",2,1,\"USA\"\n";
    assert_int_equal(sc_unga_parse(no_col, strlen(no_col), "x.csv", &u, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "IdealPointAll"));
    assert_int_equal(d.line, 1);
    const char *bad_num = "\"\",\"session\",\"IdealPointAll\",\"iso3c\"\n\"1\",1,1.5,\"USA\"\n"
                          "\"2\",1,abc,\"RUS\"\n";
    sc_diag_init(&d);
    assert_int_equal(sc_unga_parse(bad_num, strlen(bad_num), "x.csv", &u, &d), SC_EPARSE);
    assert_int_equal(d.line, 3);
    assert_non_null(strstr(d.message, "'abc' is not a number"));
    const char *ragged = "\"\",\"session\",\"IdealPointAll\",\"iso3c\"\n\"1\",1,1.5\n";
    sc_diag_init(&d);
    assert_int_equal(sc_unga_parse(ragged, strlen(ragged), "x.csv", &u, &d), SC_EPARSE);
    assert_int_equal(d.line, 2);
    /* NA estimates are left out, not errors */
    const char *na = "\"\",\"session\",\"IdealPointAll\",\"iso3c\"\n\"1\",1,NA,\"USA\"\n"
                     "\"2\",1,0.5,\"RUS\"\n";
    sc_diag_init(&d);
    assert_int_equal(sc_unga_parse(na, strlen(na), "x.csv", &u, &d), SC_OK);
    double x;
    assert_int_equal(sc_unga_ideal_point(u, "USA", 1, &x, NULL), SC_ENOTFOUND);
    assert_int_equal(sc_unga_ideal_point(u, "RUS", 1, &x, NULL), SC_OK);
    sc_unga_free(u);
}

/* The compiled map is the fit on sessions 69-78 of the published file. */
static void test_unga_map_reproduced(void **state)
{
    (void)state;
    sc_unga *u = load();
    sc_unga_map fit, def;
    sc_unga_fit_info info;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_unga_map_fit(u, 69, 78, &fit, &info, &d), SC_OK);
    sc_unga_map_init(&def);
    SC_ASSERT_NEAR(fit.alpha, def.alpha, 1e-9);
    SC_ASSERT_NEAR(fit.beta, def.beta, 1e-9);
    assert_int_equal(info.n, 5751);
    assert_true(info.rmse < 0.11);
    /* agreement falls with distance and the map is 2 agreement - 1 */
    assert_true(sc_unga_agreement(&def, 0) > sc_unga_agreement(&def, 1));
    assert_true(sc_unga_agreement(&def, 1) > sc_unga_agreement(&def, 3));
    SC_ASSERT_NEAR(sc_unga_amity(&def, 2.0), 2 * sc_unga_agreement(&def, 2.0) - 1, 1e-15);
    /* the distance at which agreement is one half: amity 0 at d = -alpha/beta = 1.390 */
    SC_ASSERT_NEAR(sc_unga_amity(&def, -def.alpha / def.beta), 0, 1e-15);
    /* the whole record gives a different, steeper curve: the sessions matter */
    sc_unga_map all;
    assert_int_equal(sc_unga_map_fit(u, 1, 78, &all, NULL, &d), SC_OK);
    assert_true(fabs(all.alpha - def.alpha) > 0.3);
    assert_int_equal(sc_unga_map_fit(u, 19, 19, &all, NULL, &d), SC_EINVAL);
    sc_unga_free(u);
}

/* The compiled event map is the spread-matched fit over the six distinct sample files. */
static void test_event_map_reproduced(void **state)
{
    (void)state;
    static const char *const files[] = {
        "gdelt1_events_reed9999_mixed_20160728_1982.tsv",
        "gdelt1_reduced_dyadic_19790101-03_moxious.tsv",
        "gdelt2_export_layout61_20201113_derived.tsv",
        "gdelt2_export_20250322180000_first38rows.tsv",
        "icews_events_2018-06-01_02_sample.tab",
        "phoenix_oeda_2014-2016_sample5000_R_export.csv"};
    sc_unga *u = load();
    sc_unga_map um;
    sc_unga_map_init(&um);
    double x[4000], y[4000], w[4000];
    size_t n = 0;
    for (size_t f = 0; f < 6; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/data/events/samples/%s", SC_SHARED_DIR, files[f]);
        const char *p[] = {path};
        sc_events_relations *r = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_events_relations_compute(p, 1, NULL, NULL, NULL, &r, &d), SC_OK);
        for (size_t i = 0; i < r->n_pairs; i++) {
            int session = atoi(r->pairs[i].at) - 1945;
            if (session > 78) {
                session = 78;
            }
            double xa, xb;
            if (sc_unga_ideal_point(u, r->pairs[i].a, session, &xa, NULL) != SC_OK ||
                sc_unga_ideal_point(u, r->pairs[i].b, session, &xb, NULL) != SC_OK) {
                continue;
            }
            assert_true(n < 4000);
            x[n] = r->pairs[i].r_last;
            y[n] = sc_unga_amity(&um, fabs(xa - xb));
            w[n] = r->pairs[i].weight_last;
            n++;
        }
        sc_events_relations_free(r);
    }
    assert_int_equal(n, 1694);
    sc_amity_map fit, def, ls;
    double r2;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_amity_map_fit(x, y, w, n, SC_AMITY_FIT_EQUATE, &fit, &r2, &d), SC_OK);
    sc_amity_map_init(&def);
    SC_ASSERT_NEAR(fit.slope, def.slope, 1e-9);
    SC_ASSERT_NEAR(fit.intercept, def.intercept, 0);
    assert_true(r2 < 0.01); /* event tone and UN voting hardly correlate: docs/events.md */
    assert_int_equal(sc_amity_map_fit(x, y, w, n, SC_AMITY_FIT_LEAST_SQUARES, &ls, &r2, &d), SC_OK);
    assert_true(fabs(ls.slope) < 0.2);
    sc_unga_free(u);
}

static void test_fit_arithmetic(void **state)
{
    (void)state;
    sc_amity_map m;
    double r2;
    sc_diag d;
    sc_diag_init(&d);
    /* y = 0.5 + 2 x exactly: least squares recovers it with r2 = 1 */
    double x[] = {-0.2, -0.1, 0, 0.1, 0.3}, y[5];
    for (int i = 0; i < 5; i++) {
        y[i] = 0.5 + 2 * x[i];
    }
    assert_int_equal(sc_amity_map_fit(x, y, NULL, 5, SC_AMITY_FIT_LEAST_SQUARES, &m, &r2, &d),
                     SC_OK);
    SC_ASSERT_NEAR(m.slope, 2, 1e-12);
    SC_ASSERT_NEAR(m.intercept, 0.5, 1e-12);
    SC_ASSERT_NEAR(r2, 1, 1e-12);
    /* equate: RMS(y)/RMS(x); with y = -3 x the slope is 3 (the sign is not fitted) */
    for (int i = 0; i < 5; i++) {
        y[i] = -3 * x[i];
    }
    assert_int_equal(sc_amity_map_fit(x, y, NULL, 5, SC_AMITY_FIT_EQUATE, &m, &r2, &d), SC_OK);
    SC_ASSERT_NEAR(m.slope, 3, 1e-12);
    SC_ASSERT_NEAR(m.intercept, 0, 0);
    /* weights: an observation with weight 0 does not count */
    double xw[] = {0.1, 0.2, 5.0}, yw[] = {0.2, 0.4, -100}, ww[] = {1, 1, 0};
    assert_int_equal(sc_amity_map_fit(xw, yw, ww, 3, SC_AMITY_FIT_LEAST_SQUARES, &m, NULL, &d),
                     SC_OK);
    SC_ASSERT_NEAR(m.slope, 2, 1e-12);
    double same[] = {0.1, 0.1};
    assert_int_equal(sc_amity_map_fit(same, same, NULL, 2, SC_AMITY_FIT_EQUATE, &m, NULL, &d),
                     SC_EINVAL);
    /* the map clamps to [-1, 1] */
    sc_amity_map_init(&m);
    SC_ASSERT_NEAR(sc_amity_map_apply(&m, 0.9), 1, 0);
    SC_ASSERT_NEAR(sc_amity_map_apply(&m, -0.9), -1, 0);
    SC_ASSERT_NEAR(sc_amity_map_apply(&m, 0.1), 0.1 * m.slope, 1e-15);
    SC_ASSERT_NEAR(sc_amity_map_apply(&m, 0), 0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_as_published),
        cmocka_unit_test(test_bad_files),
        cmocka_unit_test(test_unga_map_reproduced),
        cmocka_unit_test(test_event_map_reproduced),
        cmocka_unit_test(test_fit_arithmetic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
