/* SPDX-License-Identifier: MIT */
/*
 * The events module: hand-checked dyads (arithmetic in the comments), one-a-day de-duplication
 * across files, the spill to disk, CAMEO repairs, dates, countries, the actor map, and bad input
 * (counted by reason by default, located errors under strict, unreadable files refused).
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <unistd.h>

#include "scx/scx.h"
#include "statecraft/statecraft.h"

#define TOL 1e-12

static int setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_events_") ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

/* Writes text to a new file in the test's directory; returns its path (static buffer ring). */
static const char *write_file(const char *name, const char *text, size_t len)
{
    if (len == (size_t)-1) {
        len = strlen(text);
    }
    const char *p = sc_test_tmp_path(name);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    return p;
}

static const char *shared_sample(const char *name)
{
    static char buf[2][4096];
    static int k;
    char *p = buf[k++ % 2];
    snprintf(p, 4096, "%s/data/events/samples/%s", SC_SHARED_DIR, name);
    return p;
}

static sc_events_relations *relations(const char *const *files, size_t n, const char *const *actors,
                                      const char *at, double h, double k)
{
    sc_events_opts o;
    sc_events_opts_init(&o);
    size_t na = 0;
    while (actors && actors[na]) {
        na++;
    }
    o.actors = actors;
    o.n_actors = na;
    sc_dsmg_params p = {h, k};
    sc_events_relations *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_events_relations_compute(files, n, &o, &p, at, &r, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("relations failed");
    }
    return r;
}

static const sc_events_dyad *dyad(const sc_events_relations *r, const char *s, const char *t)
{
    for (size_t i = 0; i < r->n_dyads; i++) {
        if (strcmp(r->dyads[i].source, s) == 0 && strcmp(r->dyads[i].target, t) == 0) {
            return &r->dyads[i];
        }
    }
    fail_msg("no dyad %s->%s", s, t);
    return NULL;
}

/* ---- hand-checked dyads --------------------------------------------------------------------- */

/* methods.md's worked example, h = 30, k = 5, w = 1 */
static void test_worked_example(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/data/events/timeline_2025_example.tsv", SC_SHARED_DIR);
    const char *files[] = {path};
    /* 2025-02-12: USA->RUS 041 (g = +1.0): A = 1, B = 1, R = 1 / (10 (1 + 5)) = 0.016667 */
    sc_events_relations *r = relations(files, 1, NULL, "2025-02-12", 30, 5);
    SC_ASSERT_NEAR(dyad(r, "USA", "RUS")->r_last, 1.0 / 60.0, TOL);
    sc_events_relations_free(r);
    /* 2025-02-17, five days of decay: f = 2^(-5/30) = 0.890899, R = f / (10 (f + 5)) = 0.015123
     * (methods.md: "+0.016 -> +0.015") */
    r = relations(files, 1, NULL, "2025-02-17", 30, 5);
    double f5 = pow(2.0, -5.0 / 30.0);
    SC_ASSERT_NEAR(dyad(r, "USA", "RUS")->r_last, f5 / (10 * (f5 + 5)), TOL);
    SC_ASSERT_NEAR(dyad(r, "USA", "RUS")->r_last, 0.015123307338435813, 1e-15);
    sc_events_relations_free(r);
    /* 2025-02-18: 046 (g = +7.0) after six days: f = 2^(-6/30) = 0.870551;
     * A = 0.870551 + 7 = 7.870551, B = 1.870551, R = 7.870551 / 68.70551 = 0.114555 ("+0.115") */
    r = relations(files, 1, NULL, "2025-02-18", 30, 5);
    double f6 = pow(2.0, -0.2);
    const sc_events_dyad *d = dyad(r, "USA", "RUS");
    SC_ASSERT_NEAR(d->r_last, (f6 + 7) / (10 * (f6 + 1 + 5)), TOL);
    SC_ASSERT_NEAR(d->r_last, 0.11455487432611593, 1e-15);
    SC_ASSERT_NEAR(d->weight_last, f6 + 1, TOL);
    /* the minimum is the day before the talks, the maximum the day of the talks */
    SC_ASSERT_NEAR(d->r_min, f5 / (10 * (f5 + 5)), TOL);
    assert_string_equal(d->r_min_day, "2025-02-17");
    assert_string_equal(d->r_max_day, "2025-02-18");
    /* both quad-1 (verbal cooperation) records: Q1 = B, the rest 0 */
    SC_ASSERT_NEAR(d->quad_last[0], f6 + 1, TOL);
    assert_true(d->quad_last[1] == 0 && d->quad_last[2] == 0 && d->quad_last[3] == 0);
    /* undirected: both directions alike, (2 A) / (10 (2 B + 5)) = 15.741102 / 87.411011 = 0.180081 */
    assert_int_equal(r->n_pairs, 1);
    SC_ASSERT_NEAR(r->pairs[0].r_last, 2 * (f6 + 7) / (10 * (2 * (f6 + 1) + 5)), TOL);
    assert_string_equal(r->pairs[0].a, "RUS");
    assert_string_equal(r->pairs[0].b, "USA");
    sc_events_relations_free(r);
    /* 2025-02-24: UN->RUS 111 (-2.0): R = -2/60 = -0.033; USA->UN 110 (-2.0): -0.033 */
    r = relations(files, 1, NULL, NULL, 30, 5);
    SC_ASSERT_NEAR(dyad(r, "UN", "RUS")->r_last, -2.0 / 60, TOL);
    SC_ASSERT_NEAR(dyad(r, "USA", "UN")->r_last, -2.0 / 60, TOL);
    assert_int_equal(r->n_dyads, 4);
    sc_events_relations_free(r);
}

static void test_hand_checked_samples(void **state)
{
    (void)state;
    const char *icews[] = {shared_sample("icews_events_2018-06-01_02_sample.tab")};
    const char *const actors[] = {"USA", "RUS", "CHN", "UKR", NULL};
    /* ICEWS RUS->UKR, 2018-06-01 (rows 817-1902): 036 (+4.0) x6, 040 (+1.0) x4, 043 (+2.8) x1
     * (row 986 targets Pavlo Klimkin, country Ukraine: same dyad, same code, dropped), 173 (-5.0)
     * x2. One a day leaves 4 records: S = 4 + 1 + 2.8 - 5 = 2.8, W = 4,
     * R = 2.8 / (10 (4 + 5)) = 0.031111 (methods.md: "RUS->UKR +0.031"). */
    sc_events_relations *r = relations(icews, 1, actors, NULL, 30, 5);
    const sc_events_dyad *d = dyad(r, "RUS", "UKR");
    assert_int_equal(d->events, 4);
    SC_ASSERT_NEAR(d->r_last, 2.8 / 90, TOL);
    /* quads: 036, 040, 043 verbal cooperation (3), 173 material conflict (1) */
    SC_ASSERT_NEAR(d->quad_last[0], 3, TOL);
    SC_ASSERT_NEAR(d->quad_last[3], 1, TOL);
    SC_ASSERT_NEAR(dyad(r, "USA", "RUS")->r_last, 0.009, 0.0005); /* methods.md */
    SC_ASSERT_NEAR(dyad(r, "USA", "CHN")->r_last, 0.109, 0.0005);
    SC_ASSERT_NEAR(dyad(r, "CHN", "USA")->r_last, 0.113, 0.0005);
    SC_ASSERT_NEAR(dyad(r, "UKR", "RUS")->r_last, 0.045, 0.0005);
    sc_events_relations_free(r);

    /* GDELT 2.0, 2020-11-13, RUS->UKR (lines 1308 and 2765): 163 (-8.0, NumSources 1) and 110
     * (-2.0, 1): w = log2(2) = 1 each, R = -10 / (10 (2 + 5)) = -0.142857 ("RUS->UKR -0.143") */
    const char *g2[] = {shared_sample("gdelt2_export_layout61_20201113_derived.tsv")};
    r = relations(g2, 1, actors, NULL, 30, 5);
    SC_ASSERT_NEAR(dyad(r, "RUS", "UKR")->r_last, -10.0 / 70, TOL);
    SC_ASSERT_NEAR(dyad(r, "USA", "CHN")->r_last, -0.089, 0.0005);
    SC_ASSERT_NEAR(dyad(r, "CHN", "USA")->r_last, 0.048, 0.0005);
    SC_ASSERT_NEAR(dyad(r, "USA", "RUS")->r_last, 0.073, 0.0005);
    sc_events_relations_free(r);

    /* GDELT 1.0 daily rows, USA->RUS on 2016-07-28: 051 (+3.4, NumSources 4: w = log2 5 =
     * 2.321928), 163 (-8.0, w 1), 020 (+3.0, w 1): S = 7.894556 - 5 = 2.894556,
     * W = 4.321928, R = 2.894556 / (10 x 9.321928) = 0.031051 */
    const char *g1[] = {shared_sample("gdelt1_daily_export_excerpt_dateadded20160728.tsv")};
    r = relations(g1, 1, actors, NULL, 30, 5);
    double l5 = log2(5.0);
    d = dyad(r, "USA", "RUS");
    assert_int_equal(d->events, 3);
    SC_ASSERT_NEAR(d->r_last, (3.4 * l5 - 8 + 3) / (10 * (l5 + 2 + 5)), TOL);
    SC_ASSERT_NEAR(d->weight_last, l5 + 2, TOL);
    sc_events_relations_free(r);

    /* Phoenix (R export, zeros stripped), AUT->HUN: 2015-08-29 "60" root "6" = 060 (+6.0) and
     * 2015-09-04 "73" root "7" = 073 (+7.4), the file's own Goldstein column (6, 7.4) unused.
     * On 09-04: f = 2^(-6/30) = 0.870551, A = 6 f + 7.4 = 12.623303, B = f + 1 = 1.870551,
     * R = 12.623303 / 68.705506 = 0.183731. Minimum on 09-03, the end of the gap:
     * f5 = 2^(-5/30) = 0.890899, R = 6 f5 / (10 (f5 + 5)) = 5.345392 / 58.908987 = 0.090740. */
    const char *ph[] = {shared_sample("phoenix_oeda_2014-2016_sample5000_R_export.csv")};
    const char *const at[] = {"AUT", "HUN", NULL};
    r = relations(ph, 1, at, NULL, 30, 5);
    d = dyad(r, "AUT", "HUN");
    double f = pow(2.0, -0.2), f5 = pow(2.0, -5.0 / 30);
    SC_ASSERT_NEAR(d->r_last, (6 * f + 7.4) / (10 * (f + 1 + 5)), TOL);
    SC_ASSERT_NEAR(d->r_min, 6 * f5 / (10 * (f5 + 5)), TOL);
    assert_string_equal(d->r_min_day, "2015-09-03");
    SC_ASSERT_NEAR(d->r_max, d->r_last, 0);
    SC_ASSERT_NEAR(d->quad_last[1], f + 1, TOL); /* both material cooperation */
    sc_events_relations_free(r);
}

/* ---- one a day -------------------------------------------------------------------------------- */

static void test_one_a_day_first_in_file_order(void **state)
{
    (void)state;
    /* the same (day, source, target, code) three times: the first keeps its weight 2.0 */
    const char *a = write_file("a.tsv",
                               "20250101\tUSA\tRUS\t046\t2.0\n"
                               "20250101\tUSA\tRUS\t046\t8.0\n"
                               "20250101\tUSA\tRUS\t040\t1.0\n", (size_t)-1);
    const char *b = write_file("b.tsv", "20250101\tUSA\tRUS\t046\t5.0\n", (size_t)-1);
    const char *files[] = {a, b};
    sc_events_relations *r = relations(files, 2, NULL, NULL, 30, 5);
    const sc_events_dyad *d = dyad(r, "USA", "RUS");
    /* records 046 (w 2, g 7) and 040 (w 1, g 1): R = (14 + 1) / (10 (3 + 5)) */
    assert_int_equal(d->events, 2);
    SC_ASSERT_NEAR(d->r_last, 15.0 / 80, TOL);
    assert_int_equal(r->stats.skipped[SC_SKIP_DUPLICATE], 2);
    sc_events_relations_free(r);
    /* the files the other way round: the second file's record comes first now */
    const char *files2[] = {b, a};
    r = relations(files2, 2, NULL, NULL, 30, 5);
    SC_ASSERT_NEAR(dyad(r, "USA", "RUS")->r_last, (35.0 + 1) / (10 * (6 + 5)), TOL);
    sc_events_relations_free(r);
}

/* Many records, a table far smaller than them: sorted runs on disk, merged, same answer. */
static void test_spill_matches_memory(void **state)
{
    (void)state;
    scx_buf b;
    scx_buf_init(&b);
    static const char *const ids[] = {"USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "POL"};
    static const char *const cds[] = {"010", "036", "040", "046", "051", "111", "120", "173", "190"};
    uint64_t x = 88172645463325252ull;
    for (int i = 0; i < 60000; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        int s = (int)(x % 8), t = (int)((x >> 8) % 8);
        if (s == t) {
            t = (t + 1) % 8;
        }
        int day = (int)((x >> 16) % 400);
        int y = 2020 + day / 360, m = 1 + day % 360 / 30, d = 1 + day % 30;
        if (m == 2 && d > 28) {
            d = 28;
        }
        scx_buf_printf(&b, "%04d%02d%02d\t%s\t%s\t%s\t%d\n", y, m, d, ids[s], ids[t],
                      cds[(x >> 24) % 9], (int)((x >> 40) % 5) + 1);
    }
    const char *path = write_file("many.tsv", b.data, b.len);
    /* the same records with other weights: all duplicates, and the first copy's weights must
     * win even when the copies land in different sorted runs */
    for (size_t i = 0; i + 1 < b.len; i++) {
        if (b.data[i + 1] == '\n') {
            b.data[i] = (char)('6' + (b.data[i] - '1') % 3);
        }
    }
    const char *again = write_file("many-again.tsv", b.data, b.len);
    scx_buf_destroy(&b);
    const char *files[] = {path, again};
    sc_events_opts o;
    sc_events_opts_init(&o);
    sc_dsmg_params p = {30, 5};
    sc_diag d;
    sc_diag_init(&d);
    sc_events_relations *big = NULL, *small = NULL;
    assert_int_equal(sc_events_relations_compute(files, 2, &o, &p, NULL, &big, &d), SC_OK);
    o.memory_budget = 64 << 10; /* 4096 slots: about 2,900 records per run */
    assert_int_equal(sc_events_relations_compute(files, 2, &o, &p, NULL, &small, &d), SC_OK);
    assert_int_equal(big->stats.spills, 0);
    assert_true(small->stats.spills > 32); /* more runs than are kept: merged on the way */
    assert_int_equal(big->stats.records, small->stats.records);
    assert_true(big->stats.records > 20000);
    assert_int_equal(big->stats.skipped[SC_SKIP_DUPLICATE], small->stats.skipped[SC_SKIP_DUPLICATE]);
    assert_int_equal(big->stats.records + big->stats.skipped[SC_SKIP_DUPLICATE], 120000);
    assert_int_equal(big->n_dyads, 56);
    for (size_t i = 0; i < big->n_dyads; i++) {
        const sc_events_dyad *u = &big->dyads[i], *v = &small->dyads[i];
        assert_string_equal(u->source, v->source);
        assert_int_equal(u->events, v->events);
        /* the same records summed in the same (code) order: bit for bit */
        assert_true(u->r_last == v->r_last && u->r_min == v->r_min && u->r_max == v->r_max);
        assert_true(u->weight_last == v->weight_last);
    }
    sc_events_relations_free(big);
    sc_events_relations_free(small);
}

/* ---- codes, dates, countries ------------------------------------------------------------------ */

static void test_cameo(void **state)
{
    (void)state;
    assert_int_equal(sc_cameo_count(), 311);
    assert_non_null(strstr(sc_cameo_source(), "CAMEO.goldsteinscale.txt"));
    const sc_cameo_code *c = sc_cameo_find("0841");
    assert_non_null(c);
    SC_ASSERT_NEAR(c->goldstein, 7.0, 0);
    assert_int_equal(c->quad, 2);
    assert_null(sc_cameo_find("841"));
    assert_null(sc_cameo_find("999"));
    /* 016: the scales disagree (GDELT -2.0, ICEWS -5.0, old CAMEO +3.4): the score uses GDELT's */
    c = sc_cameo_find("016");
    SC_ASSERT_NEAR(c->goldstein, -2.0, 0);
    SC_ASSERT_NEAR(c->goldstein_icews, -5.0, 0);
    SC_ASSERT_NEAR(c->goldstein_old, 3.4, 0);
    /* root 09 is material cooperation in GDELT, 14 verbal conflict, 16 material conflict */
    assert_int_equal(sc_cameo_find("090")->quad, 2);
    assert_int_equal(sc_cameo_find("140")->quad, 3);
    assert_int_equal(sc_cameo_find("160")->quad, 4);
    int amb;
    assert_string_equal(sc_cameo_restore("10", "1", &amb)->code, "010");
    assert_string_equal(sc_cameo_restore("10", "10", &amb)->code, "10");
    assert_null(sc_cameo_restore("10", NULL, &amb));
    assert_int_equal(amb, 1);
    assert_string_equal(sc_cameo_restore("841", NULL, &amb)->code, "0841");
    assert_int_equal(amb, 0);
    assert_string_equal(sc_cameo_restore("841", "8", &amb)->code, "0841");
    assert_string_equal(sc_cameo_restore("046", "04", &amb)->code, "046");
    assert_string_equal(sc_cameo_restore("46", "4", &amb)->code, "046");
    assert_null(sc_cameo_restore("110", "1", &amb)); /* Phoenix's 6 rows of '110' under root 01 */
    assert_int_equal(amb, 0);
    assert_null(sc_cameo_restore("", NULL, &amb));
    assert_null(sc_cameo_restore("4x", NULL, &amb));
}

static void test_countries(void **state)
{
    (void)state;
    assert_string_equal(sc_country_code("Russian Federation"), "RUS");
    assert_string_equal(sc_country_code("russia"), "RUS");
    assert_string_equal(sc_country_code("United States"), "USA");
    assert_string_equal(sc_country_code("Cote d'Ivoire"), "CIV");
    assert_string_equal(sc_country_code("Occupied Palestinian Territory"), "PSE");
    assert_string_equal(sc_country_code("the former Yugoslav Republic of Macedonia"), "MKD");
    assert_string_equal(sc_country_code("Moldova, Republic of"), "MDA");
    assert_null(sc_country_code("Atlantis"));
    assert_null(sc_country_code("Russia "));
    assert_string_equal(sc_country_name("RUS"), "Russia");
    assert_string_equal(sc_country_name("ZWE"), "Zimbabwe");
    assert_string_equal(sc_country_name("WST"), "the West");
    assert_string_equal(sc_country_name("ABW"), "Aruba");
    assert_null(sc_country_name("GOV"));
}

static void test_dates_in_rows(void **state)
{
    (void)state;
    /* 2024-02-29 exists, 2023-02-29 and 1900-02-29 do not, 2000-02-29 does */
    const char *p = write_file("dates.tsv",
                               "20240229\tUSA\tRUS\t040\n"
                               "2000-02-29\tUSA\tRUS\t040\n"
                               "20230229\tUSA\tRUS\t040\n"
                               "19000229\tUSA\tRUS\t040\n"
                               "2023-13-01\tUSA\tRUS\t040\n", (size_t)-1);
    const char *files[] = {p};
    sc_events_relations *r = relations(files, 1, NULL, NULL, 30, 5);
    assert_int_equal(r->stats.skipped[SC_SKIP_DATE], 3);
    assert_int_equal(r->stats.records, 2);
    assert_string_equal(r->dyads[0].first_day, "2000-02-29");
    assert_string_equal(r->dyads[0].last_day, "2024-02-29");
    sc_events_relations_free(r);
}

/* ---- the actor map ---------------------------------------------------------------------------- */

static void test_actor_map(void **state)
{
    (void)state;
    const char *text = "# analyst's map\n"
                       "country:WST\tNATO\n"
                       "group:ASN\tASEAN\n"
                       "name:Philip Alston\t-\n"
                       "country-name:Taiwan\tCHN\n"
                       "USAGOV,USG\n";
    sc_actor_map *m = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_actor_map_parse(text, strlen(text), "map.tsv", &m, &d), SC_OK);
    sc_actor_map_free(m);

    /* errors are located */
    const char *bad = "USA\tUS A\n";
    sc_diag_init(&d);
    assert_int_equal(sc_actor_map_parse(bad, strlen(bad), "bad.map", &m, &d), SC_EPARSE);
    assert_null(m);
    assert_int_equal(d.line, 1);
    assert_int_equal(d.column, 5);
    assert_non_null(strstr(d.message, "not an actor id"));
    const char *dup = "# x\nWST\tNATO\nWST\tEU\n";
    sc_diag_init(&d);
    assert_int_equal(sc_actor_map_parse(dup, strlen(dup), "dup.map", &m, &d), SC_EPARSE);
    assert_int_equal(d.line, 3);
    assert_non_null(strstr(d.message, "duplicate key 'WST'"));
    const char *nosep = "WST NATO\n";
    sc_diag_init(&d);
    assert_int_equal(sc_actor_map_parse(nosep, strlen(nosep), "x.map", &m, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "KEY<TAB>ID"));
}

/* a GDELT 2.0 row (61 fields) with the actors' country/group and the event code filled in */
static void gdelt2_row(scx_buf *b, const char *date, const char *c1, const char *g1, const char *c2,
                       const char *g2, const char *code, const char *nsrc)
{
    const char *f[61];
    for (int i = 0; i < 61; i++) {
        f[i] = "";
    }
    f[0] = "1";
    f[1] = date;
    f[5] = c1;
    f[7] = c1;
    f[8] = g1;
    f[15] = c2;
    f[17] = c2;
    f[18] = g2;
    char root[3] = {code[0], code[1], 0};
    f[26] = code;
    f[27] = code;
    f[28] = root;
    f[29] = "1";
    f[30] = "0";
    f[32] = nsrc;
    f[59] = "20250101000000";
    f[60] = "http://example.org/";
    for (int i = 0; i < 61; i++) {
        scx_buf_printf(b, "%s%s", f[i], i < 60 ? "\t" : "\n");
    }
}

static void test_actor_map_applied(void **state)
{
    (void)state;
    scx_buf b;
    scx_buf_init(&b);
    gdelt2_row(&b, "20250101", "USA", "", "WST", "NAT", "040", "1"); /* NATO by KnownGroup */
    gdelt2_row(&b, "20250101", "USA", "", "WST", "", "043", "1");    /* WST: a region */
    gdelt2_row(&b, "20250101", "USA", "", "IDN", "ASN", "046", "1"); /* ASEAN by the map */
    gdelt2_row(&b, "20250101", "TWN", "", "USA", "", "036", "3");    /* TWN stays TWN */
    const char *path = write_file("mapped.tsv", b.data, b.len);
    scx_buf_destroy(&b);
    const char *files[] = {path};
    sc_events_relations *r = relations(files, 1, NULL, NULL, 30, 5);
    assert_non_null(dyad(r, "USA", "NATO"));
    assert_non_null(dyad(r, "USA", "WST"));
    assert_non_null(dyad(r, "USA", "IDN"));
    assert_non_null(dyad(r, "TWN", "USA"));
    sc_events_relations_free(r);

    const char *text = "country:WST\tNATO\ngroup:ASN\tASEAN\ncode:TWN\t-\n";
    sc_actor_map *m = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_actor_map_parse(text, strlen(text), "m", &m, &d), SC_OK);
    sc_events_opts o;
    sc_events_opts_init(&o);
    o.map = m;
    sc_events_relations *rm = NULL;
    assert_int_equal(sc_events_relations_compute(files, 1, &o, NULL, NULL, &rm, &d), SC_OK);
    /* USA->NATO now has two records (040 by group, 043 by the map) */
    assert_int_equal(dyad(rm, "USA", "NATO")->events, 2);
    assert_non_null(dyad(rm, "USA", "ASEAN"));
    assert_int_equal(rm->n_dyads, 2);
    assert_int_equal(rm->stats.skipped[SC_SKIP_NO_ACTOR], 1); /* TWN mapped to no actor */
    sc_events_relations_free(rm);
    sc_actor_map_free(m);
}

/* ---- bad input ---------------------------------------------------------------------------------- */

static sc_status try_read(const char *path, sc_events_format fmt, int strict, sc_diag *d,
                          sc_events_relations **out)
{
    sc_events_opts o;
    sc_events_opts_init(&o);
    o.format = fmt;
    o.strict = strict;
    const char *files[] = {path};
    sc_diag_init(d);
    *out = NULL;
    return sc_events_relations_compute(files, 1, &o, NULL, NULL, out, d);
}

static void test_bad_rows_counted_or_located(void **state)
{
    (void)state;
    scx_buf b;
    scx_buf_init(&b);
    gdelt2_row(&b, "20250101", "USA", "", "RUS", "", "040", "1"); /* line 1: good */
    gdelt2_row(&b, "20250230", "USA", "", "RUS", "", "040", "1"); /* 2: no 30 February */
    gdelt2_row(&b, "20250102", "USA", "", "RUS", "", "999", "1"); /* 3: unknown code */
    gdelt2_row(&b, "20250103", "USA", "", "RUS", "", "040", "x"); /* 4: bad NumSources */
    scx_buf_puts(&b, "1\t20250104\t202501\n");                       /* 5: truncated */
    gdelt2_row(&b, "20250105", "USA", "", "RUS", "", "046", "1"); /* 6: good */
    scx_buf_puts(&b, "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent "
                    "Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\t"
                    "Story ID\tSentence Number\tPublisher\tCity\tDistrict\tProvince\tCountry\t"
                    "Latitude\tLongitude\n");                        /* 7: an ICEWS header */
    scx_buf_append(&b, "1\t2025\0\t1\n", 10);                         /* 8: a NUL byte */
    gdelt2_row(&b, "20250106", "US A", "", "RUS", "", "046", "1"); /* 9: bad actor code */
    const char *path = write_file("bad.tsv", b.data, b.len);
    scx_buf_destroy(&b);
    sc_diag d;
    sc_events_relations *r = NULL;
    assert_int_equal(try_read(path, SC_EVENTS_DETECT, 0, &d, &r), SC_OK);
    assert_int_equal(r->stats.rows, 9);
    assert_int_equal(r->stats.records, 2);
    assert_int_equal(r->stats.skipped[SC_SKIP_DATE], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_CODE], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_NUMBER], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_COLUMNS], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_HEADER], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_BINARY], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_ACTOR], 1);
    sc_events_relations_free(r);
    /* strict: the first bad row, located */
    assert_int_equal(try_read(path, SC_EVENTS_DETECT, 1, &d, &r), SC_EPARSE);
    assert_null(r);
    assert_int_equal(d.line, 2);
    assert_int_equal(d.column, 3); /* after "1<TAB>" */
    assert_non_null(strstr(d.message, "'20250230' is not a date"));
    assert_non_null(strstr(d.file, "bad.tsv"));
    assert_int_equal(d.caret_width, 8);
}

static void expect_unreadable(const char *name, const char *text, size_t len,
                              sc_events_format fmt, const char *what, int line)
{
    const char *path = write_file(name, text, len);
    sc_diag d;
    sc_events_relations *r = NULL;
    /* refused in the default mode too, with the reason of the first bad row */
    if (try_read(path, fmt, 0, &d, &r) == SC_OK) {
        fail_msg("%s: read without an error", name);
    }
    assert_null(r);
    if (!strstr(d.message, what)) {
        fail_msg("%s: '%s' does not say '%s'", name, d.message, what);
    }
    assert_int_equal(d.line, line);
    assert_non_null(strstr(d.file, name));
    assert_int_not_equal(try_read(path, fmt, 1, &d, &r), SC_OK);
    assert_int_equal(d.line, line);
}

static void test_unreadable_files(void **state)
{
    (void)state;
    /* a GDELT row written with commas: one field per line */
    scx_buf b;
    scx_buf_init(&b);
    gdelt2_row(&b, "20250101", "USA", "", "RUS", "", "040", "1");
    for (size_t i = 0; i < b.len; i++) {
        if (b.data[i] == '\t') {
            b.data[i] = ',';
        }
    }
    expect_unreadable("comma.tsv", b.data, b.len, SC_EVENTS_GDELT2, "is the delimiter a comma", 1);
    scx_buf_destroy(&b);
    expect_unreadable("binary.tsv", "\x7f" "ELF\x02\x01\x01\0\0\0\0", 12, SC_EVENTS_DETECT,
                      "binary file", 1);
    /* a Latin-1 byte in a row: that row is binary data, the rest is read */
    const char *l1 = write_file("latin1.tsv", "20250101\tUSA\tRUS\t040\n2025\xe9\n", (size_t)-1);
    sc_diag d1;
    sc_events_relations *r1 = NULL;
    assert_int_equal(try_read(l1, SC_EVENTS_DETECT, 0, &d1, &r1), SC_OK);
    assert_int_equal(r1->stats.skipped[SC_SKIP_BINARY], 1);
    sc_events_relations_free(r1);
    assert_int_equal(try_read(l1, SC_EVENTS_DETECT, 1, &d1, &r1), SC_EPARSE);
    assert_int_equal(d1.line, 2);
    assert_int_equal(d1.column, 5);
    assert_non_null(strstr(d1.message, "invalid UTF-8"));
    expect_unreadable("empty.tsv", "", 0, SC_EVENTS_DETECT, "no event rows", 0);
    expect_unreadable("comments.tsv", "# only\n# comments\n", 18, SC_EVENTS_DETECT,
                      "no event rows", 0);
    const char *icews_head = "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\t"
                             "Event Text\tCAMEO Code\tIntensity\tTarget Name\tTarget Sectors\t"
                             "Target Country\tStory ID\tSentence Number\tPublisher\tCity\t"
                             "District\tProvince\tCountry\tLatitude\tLongitude\n";
    expect_unreadable("header.tsv", icews_head, strlen(icews_head), SC_EVENTS_DETECT,
                      "only a header", 0);
    /* an ICEWS file read as GDELT 2.0: its header is another format's, its rows have 20 fields */
    char *ic = sc_test_slurp(shared_sample("icews_events_2018-06-01_02_sample.tab"), NULL);
    char *cut = strchr(strchr(strchr(ic, '\n') + 1, '\n') + 1, '\n');
    cut[1] = '\0';
    expect_unreadable("icews_as_gdelt.tab", ic, strlen(ic), SC_EVENTS_GDELT2,
                      "header line of a ICEWS file", 1);
    free(ic);
    expect_unreadable("codes.tsv", "20250101\tUSA\tRUS\t999\n20250101\tUSA\tRUS\t0999\n", 44,
                      SC_EVENTS_DETECT, "'999' is not a CAMEO code", 1);
    expect_unreadable("unknown.txt", "hello world\n", 12, SC_EVENTS_DETECT,
                      "cannot tell which event format", 1);
    /* a UN ideal-point file is not event data */
    expect_unreadable("ideal.csv", "\"\",\"ccode\",\"session\",\"IdealPointAll\"\n\"1\",2,1,1.5\n", 47,
                      SC_EVENTS_DETECT, "UN General Assembly ideal-point file", 1);
    sc_diag d;
    sc_events_relations *r = NULL;
    assert_int_equal(try_read("/nonexistent/file.tsv", SC_EVENTS_DETECT, 0, &d, &r), SC_ENOTFOUND);
}

static void test_long_line_and_crlf(void **state)
{
    (void)state;
    size_t n = (2u << 20) + 64;
    char *t = malloc(n + 64);
    memset(t, 'x', n);
    t[0] = '2';
    t[n - 1] = '\n';
    const char *good = "20250101\tUSA\tRUS\t040\r\n20250102\tUSA\tRUS\t046\r\n";
    memcpy(t + n, good, strlen(good));
    const char *path = write_file("long.tsv", t, n + strlen(good));
    free(t);
    sc_diag d;
    sc_events_relations *r = NULL;
    assert_int_equal(try_read(path, SC_EVENTS_SIMPLE, 0, &d, &r), SC_OK);
    assert_int_equal(r->stats.skipped[SC_SKIP_LONG_LINE], 1);
    assert_int_equal(r->stats.records, 2);
    sc_events_relations_free(r);
    assert_int_equal(try_read(path, SC_EVENTS_SIMPLE, 1, &d, &r), SC_EPARSE);
    assert_int_equal(d.line, 1);
    assert_non_null(strstr(d.message, "longer than"));
}

static void test_filters(void **state)
{
    (void)state;
    const char *p = write_file("f.tsv",
                               "20250101\tUSA\tRUS\t040\n"
                               "20250110\tUSA\tRUS\t046\n"
                               "20250120\tUSA\tUSA\t046\n"
                               "20250121\tUSA\tCHN\t046\n"
                               "20250125\tUSA\t\t046\n", (size_t)-1);
    const char *files[] = {p};
    sc_events_opts o;
    sc_events_opts_init(&o);
    const char *const actors[] = {"USA", "RUS"};
    o.actors = actors;
    o.n_actors = 2;
    o.from = "2025-01-05";
    sc_events_relations *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_events_relations_compute(files, 1, &o, NULL, NULL, &r, &d), SC_OK);
    assert_int_equal(r->stats.skipped[SC_SKIP_OUTSIDE], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_SELF], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_NOT_SELECTED], 1);
    assert_int_equal(r->stats.skipped[SC_SKIP_NO_ACTOR], 1);
    assert_int_equal(r->stats.records, 1);
    sc_events_relations_free(r);
    o.from = "2025-02-01";
    o.to = "2025-01-01";
    assert_int_equal(sc_events_relations_compute(files, 1, &o, NULL, NULL, &r, &d), SC_EINVAL);
    o.from = NULL;
    o.to = "2025-02-30";
    assert_int_equal(sc_events_relations_compute(files, 1, &o, NULL, NULL, &r, &d), SC_EINVAL);
    sc_dsmg_params bad = {0, 5};
    o.to = NULL;
    assert_int_equal(sc_events_relations_compute(files, 1, &o, &bad, NULL, &r, &d), SC_EINVAL);
}

/* The timeline's shocks: the days where 14- and 180-day memories part most. */
static void test_timeline_and_shocks(void **state)
{
    (void)state;
    /* a long cooperative run, then a sharp hostile day: the shock is that day */
    scx_buf b;
    scx_buf_init(&b);
    for (int d = 1; d <= 28; d++) {
        scx_buf_printf(&b, "202501%02d\tUSA\tRUS\t046\n", d <= 31 ? d : 31);
    }
    scx_buf_puts(&b, "20250215\tUSA\tRUS\t190\n20250215\tUSA\tRUS\t173\n20250220\tUSA\tRUS\t040\n");
    const char *path = write_file("tl.tsv", b.data, b.len);
    scx_buf_destroy(&b);
    const char *files[] = {path};
    sc_events_opts o;
    sc_events_opts_init(&o);
    const char *const actors[] = {"USA", "RUS"};
    o.actors = actors;
    o.n_actors = 2;
    sc_events_series *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_events_series_read(files, 1, &o, &s, &d), SC_OK);
    sc_events_timeline_row *rows = NULL;
    size_t n = 0;
    assert_int_equal(sc_events_series_timeline(s, "USA", "RUS", 0, NULL, NULL, NULL, &rows, &n, &d),
                     SC_OK);
    assert_int_equal(n, 51); /* 1 Jan to 20 Feb */
    size_t sh[3];
    /* one shock: the episode of the hostile day. |shock| peaks on 20 Feb, five days after it,
     * as the short memory forgets January's talks faster than the long one; the jump (the
     * change that day's records made) dates the cause: 15 Feb, the most negative jump */
    assert_int_equal(sc_events_timeline_shocks(rows, n, 1, sh), 1);
    assert_string_equal(rows[sh[0]].date, "2025-02-20");
    assert_true(rows[sh[0]].shock < 0);
    size_t worst = 0;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].jump < rows[worst].jump) {
            worst = i;
        }
    }
    assert_string_equal(rows[worst].date, "2025-02-15");
    assert_string_equal(rows[worst].code, "190");
    SC_ASSERT_NEAR(rows[worst].jump, rows[worst].shock - rows[worst - 1].shock, 1e-15);
    /* three: each at least 7 days from the others, in date order; 15 Feb is within 7 days of
     * the 20th, so not taken again */
    assert_int_equal(sc_events_timeline_shocks(rows, n, 3, sh), 3);
    assert_true(sh[0] + 7 <= sh[1] && sh[1] + 7 <= sh[2]);
    assert_string_equal(rows[sh[2]].date, "2025-02-20");
    /* the state on a day equals the score API's */
    sc_dsmg_state st;
    assert_int_equal(sc_events_series_score(s, "USA", "RUS", 0, "2025-02-15", NULL, &st, &d),
                     SC_OK);
    SC_ASSERT_NEAR(st.r, rows[45].r, 1e-12);
    assert_int_equal(st.events, 30);
    /* a dyad without records: 0 */
    assert_int_equal(sc_events_series_score(s, "RUS", "USA", 0, "2025-02-15", NULL, &st, &d),
                     SC_OK);
    assert_true(st.r == 0 && st.events == 0);
    sc_free(rows);
    sc_events_series_free(s);
}

static int same_relations(const sc_events_relations *a, const sc_events_relations *b)
{
    if (a->n_dyads != b->n_dyads || a->stats.records != b->stats.records) {
        return 0;
    }
    for (size_t i = 0; i < a->n_dyads; i++) {
        if (strcmp(a->dyads[i].source, b->dyads[i].source) != 0 ||
            strcmp(a->dyads[i].target, b->dyads[i].target) != 0 ||
            a->dyads[i].events != b->dyads[i].events ||
            fabs(a->dyads[i].r_last - b->dyads[i].r_last) > 1e-15) {
            return 0;
        }
    }
    return 1;
}

/* The same events in the layouts they circulate in give the same scores. */
static void test_layouts_agree(void **state)
{
    (void)state;
    /* ICEWS's 2015-2019 .tab rendering quotes its strings */
    char *ic = sc_test_slurp(shared_sample("icews_events_2018-06-01_02_sample.tab"), NULL);
    assert_non_null(ic);
    scx_buf q;
    scx_buf_init(&q);
    for (char *line = strtok(ic, "\n"); line; line = strtok(NULL, "\n")) {
        char *save = NULL;
        int first = 1;
        for (char *f = strtok_r(line, "\t", &save); f; f = strtok_r(NULL, "\t", &save)) {
            int text = f[0] && !(f[0] >= '0' && f[0] <= '9') && f[0] != '-';
            scx_buf_printf(&q, "%s%s%s%s", first ? "" : "\t", text ? "\"" : "", f, text ? "\"" : "");
            first = 0;
        }
        scx_buf_puts(&q, "\n");
    }
    free(ic);
    const char *quoted = write_file("quoted.tab", q.data, q.len);
    scx_buf_destroy(&q);
    const char *plain[] = {shared_sample("icews_events_2018-06-01_02_sample.tab")};
    const char *qq[] = {quoted};
    sc_events_relations *a = relations(plain, 1, NULL, NULL, 30, 5);
    sc_events_relations *b = relations(qq, 1, NULL, NULL, 30, 5);
    assert_int_equal(b->stats.files[0].format, SC_EVENTS_ICEWS);
    assert_true(a->n_dyads > 100);
    assert_true(same_relations(a, b));
    sc_events_relations_free(a);
    sc_events_relations_free(b);

    /* a raw Phoenix file (26 TAB columns, zeros intact) and the R export of the same rows:
     * tests/fuzz/corpus/events_phoenix/raw_26.tsv holds rows 2-11 of the R export */
    char *ph = sc_test_slurp(shared_sample("phoenix_oeda_2014-2016_sample5000_R_export.csv"), NULL);
    char *end = ph;
    for (int k = 0; k < 11; k++) {
        end = strchr(end, '\n') + 1;
    }
    const char *head = write_file("head.csv", ph, (size_t)(end - ph));
    free(ph);
    const char *r1[] = {head}, *r2[] = {sc_test_source("tests/fuzz/corpus/events_phoenix/raw_26.tsv")};
    a = relations(r1, 1, NULL, NULL, 30, 5);
    b = relations(r2, 1, NULL, NULL, 30, 5);
    assert_int_equal(a->stats.files[0].format, SC_EVENTS_PHOENIX);
    assert_int_equal(b->stats.files[0].format, SC_EVENTS_PHOENIX);
    assert_true(a->n_dyads >= 3);
    assert_true(same_relations(a, b));
    sc_events_relations_free(a);
    sc_events_relations_free(b);

    /* the pandas re-export of the GDELT 2.0 file and the raw export rebuilt from it */
    const char *g1[] = {shared_sample("gdelt2_events_x_mentions_20201113_pandas_export.csv")};
    const char *g2[] = {shared_sample("gdelt2_export_layout61_20201113_derived.tsv")};
    a = relations(g1, 1, NULL, NULL, 30, 5);
    b = relations(g2, 1, NULL, NULL, 30, 5);
    assert_true(a->n_dyads > 500);
    assert_true(same_relations(a, b));
    sc_events_relations_free(a);
    sc_events_relations_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worked_example),
        cmocka_unit_test(test_hand_checked_samples),
        cmocka_unit_test(test_one_a_day_first_in_file_order),
        cmocka_unit_test(test_spill_matches_memory),
        cmocka_unit_test(test_cameo),
        cmocka_unit_test(test_countries),
        cmocka_unit_test(test_dates_in_rows),
        cmocka_unit_test(test_actor_map),
        cmocka_unit_test(test_actor_map_applied),
        cmocka_unit_test(test_bad_rows_counted_or_located),
        cmocka_unit_test(test_unreadable_files),
        cmocka_unit_test(test_long_line_and_crlf),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_timeline_and_shocks),
        cmocka_unit_test(test_layouts_agree),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
