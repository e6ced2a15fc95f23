/* SPDX-License-Identifier: MIT */
/*
 * Numbers in files are read, and numbers in text are written, with '.' whatever locale the
 * program that loaded the library set: under de_DE.UTF-8 (LC_NUMERIC's decimal point is ',')
 * strtod reads "0.5" as 0 followed by junk, so each reader would refuse or misread every
 * fraction, and printf writes 0.5 as "0,5", so a JSON document would be invalid. The test sets
 * that locale for the whole process, then for one thread only (uselocale), and reads a scenario,
 * a BDM table, a KTAB CSV file, a UN ideal-point file, a weighted event list and a landscape's
 * tables, and draws a scenario's uncertain numbers (written into its tree as text and read
 * back): every number as in the "C" locale, bit for bit. It also writes the result document of
 * `run` (its worker threads inherit the process's locale), renders it as text, HTML and CSV,
 * writes the scenario (`show` as text and CSV, the YAML export) and the ceasefire negotiation's
 * .efg: every text byte for byte as in the "C" locale. The locale is generated into the build tree by the fixture locale_de_DE
 * (localedef; tests/scenario/CMakeLists.txt) and found through LOCPATH, so the test runs on any
 * machine with glibc's locale sources (Debian's `locales`, installed by scripts/deps.sh); without
 * them it fails saying so.
 */
#define _GNU_SOURCE /* duplocale, uselocale */
#include "sc_scenario_test.h"

#include <ctype.h>
#include <locale.h>
#include <pthread.h>

#include <jansson.h>

#include "scenario/scenario_internal.h"
#include "scenario/sniff.h"
#include "scx/scx.h"
#include "statecraft/events.h"
#include "statecraft/game.h"
#include "statecraft/landscape.h"
#include "statecraft/report.h"
#include "statecraft/rng.h"
#include "statecraft/smp.h"

#define COMMA_LOCALE "de_DE.UTF-8"

/* The texts the library writes: the result document of `run` on the built-in scenario, its
 * renderings, the scenario itself, the negotiation's tree. */
enum { T_JSON, T_TEXT, T_HTML, T_CSV, T_SHOW, T_SHOW_CSV, T_YAML, T_EFG, N_TEXTS };
static const char *const text_names[N_TEXTS] = {
    "the result document (JSON)", "the text report", "the HTML report", "the CSV report",
    "show (text)", "show (CSV)", "the scenario as YAML", "the negotiation's .efg"};

/* Everything read from the test files, to compare across locales. */
typedef struct readings {
    double parsed[4], ktab_number, strtod_c;
    size_t n_iran;
    double iran[256]; /* capabilities, then every stance's position and salience */
    size_t n_bdm;
    double bdm[64];
    size_t n_ktab;
    double ktab[256];
    double unga;
    double event_weight;
    char printed[32];
    double drawn[4]; /* war.sanctions_burden of four draws of the built-in scenario */
    double shifted;  /* war.commitment.aid_trend as the built-in variant `retrench` sets it */
    size_t n_land;
    double land[64]; /* the 1936 landscape's sizes, then its propensities */
    /* what the library writes (sc_free'd by free_readings); texts[k] named by text_names[k] */
    char *texts[N_TEXTS];
    size_t lens[N_TEXTS];
    int write; /* read_in_thread: this thread writes too */
} readings;

static void push(double *a, size_t *n, size_t cap, double v)
{
    assert_true(*n < cap);
    a[(*n)++] = v;
}

static void scenario_numbers(const sc_scenario *s, double *a, size_t *n, size_t cap)
{
    for (size_t i = 0; i < sc_scenario_actor_count(s); i++) {
        push(a, n, cap, sc_scenario_actor(s, i)->capability.value);
        for (size_t j = 0; j < sc_scenario_issue_count(s); j++) {
            const sc_stance *st = sc_scenario_stance(s, i, j);
            if (st->present) {
                push(a, n, cap, st->position.value);
                push(a, n, cap, st->salience.value);
            }
        }
    }
}

static const char *events_path; /* written once by setup: threads read it at once */

static void free_readings(readings *r)
{
    for (int k = 0; k < N_TEXTS; k++) {
        sc_free(r->texts[k]);
        r->texts[k] = NULL;
    }
}

/* Everything the library writes as text with numbers in it, from the built-in scenario. The war
 * model's 20 runs per simulation are enough: every section writes its numbers, and the test
 * compares bytes, not statistics. */
static void write_all(readings *r)
{
    sc_diag d;
    sc_diag_init(&d);
    sc_scenario *s = NULL;
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    sc_run_opts o;
    sc_run_opts_init(&o);
    o.format = SC_FORMAT_JSON;
    o.runs = 20;
    o.threads = 2;
    sc_state st;
    sc_state_init(&st);
    o.state = &st;
    if (sc_run_report(s, &o, &r->texts[T_JSON], &r->lens[T_JSON], &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("run --format json fails");
    }
    const sc_format as[] = {SC_FORMAT_TEXT, SC_FORMAT_HTML, SC_FORMAT_CSV};
    for (int k = 0; k < 3; k++) {
        if (sc_report_render(r->texts[T_JSON], r->lens[T_JSON], "run.json", as[k],
                             &r->texts[T_TEXT + k], &r->lens[T_TEXT + k], &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("rendering %s fails", text_names[T_TEXT + k]);
        }
    }
    assert_int_equal(sc_scenario_describe(s, SC_FORMAT_TEXT, &r->texts[T_SHOW], &r->lens[T_SHOW], &d),
                     SC_OK);
    assert_int_equal(sc_scenario_describe(s, SC_FORMAT_CSV, &r->texts[T_SHOW_CSV],
                                          &r->lens[T_SHOW_CSV], &d),
                     SC_OK);
    assert_int_equal(sc_scenario_write(s, 0, &r->texts[T_YAML], &r->lens[T_YAML], &d), SC_OK);
    sc_ceasefire *c = NULL;
    if (sc_ceasefire_solve(s, 1, &c, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the ceasefire negotiation fails");
    }
    r->lens[T_EFG] = strlen(c->efg);
    r->texts[T_EFG] = malloc(r->lens[T_EFG] + 1);
    assert_non_null(r->texts[T_EFG]);
    memcpy(r->texts[T_EFG], c->efg, r->lens[T_EFG] + 1);
    sc_ceasefire_free(c);
    sc_scenario_free(s);
}

/* A file of the source tree, into the caller's buffer: two threads read at once here, and
 * sc_test_source's one static buffer would hand one of them the other's path (a CI run read the
 * propensity table as the sizes under load: "sizes_1936.csv:2:1: error: no actor column"). */
static const char *source_path(char buf[static 4096], const char *rel)
{
    snprintf(buf, 4096, "%s/%s", SC_SOURCE_DIR, rel);
    return buf;
}

/* The 1936 landscape's tables (sizes: COW's CINC, fractions). */
static void read_landscape(readings *r)
{
    size_t l1 = 0, l2 = 0;
    char path[4096];
    char *sizes = sc_test_slurp(source_path(path, "examples/landscape-1936/sizes_1936.csv"), &l1);
    char *prop = sc_test_slurp(source_path(path, "examples/landscape-1936/propensity_1936.csv"),
                               &l2);
    assert_non_null(sizes);
    assert_non_null(prop);
    sc_diag d;
    sc_diag_init(&d);
    sc_landscape_data *ld = NULL;
    if (sc_landscape_read_csv(sizes, l1, "sizes_1936.csv", prop, l2, "propensity_1936.csv",
                              "cinc_1936", -0.5, &ld, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the 1936 landscape's tables do not read");
    }
    for (size_t i = 0; i < ld->n; i++) {
        push(r->land, &r->n_land, 64, ld->size[i]);
        push(r->land, &r->n_land, 64, ld->prop[i * ld->n + (i + 1) % ld->n]);
    }
    sc_landscape_data_free(ld);
    free(sizes);
    free(prop);
}

/* Reads everything, and writes everything when `write` is 1. */
static void read_all(readings *r, int write)
{
    memset(r, 0, sizeof *r);
    read_landscape(r);
    if (write) {
        write_all(r);
    }
    sc_diag d;
    sc_diag_init(&d);
    /* the number rules of the YAML scenario and the BDM table, and KTAB's */
    const char *texts[] = {"0.5", "-3.75", "1.25e1", ".5"};
    for (size_t k = 0; k < 4; k++) {
        assert_true(sc__parse_number(texts[k], &r->parsed[k]));
    }
    assert_true(sc__ktab_number(" 0.25 trailing", &r->ktab_number));
    char *end = NULL;
    r->strtod_c = scx_strtod_c("2.5e-1x", &end);
    assert_int_equal(*end, 'x');
    assert_int_equal(scx_snprintf_c(r->printed, sizeof r->printed, "%.17g|%.2f", 0.25, 1.5), 9);
    /* a scenario (saliences 0.x everywhere) */
    sc_scenario *s = NULL;
    char src[4096];
    assert_int_equal(sc_scenario_load(source_path(src, "examples/iran-nuclear-2015.yaml"), &s, &d),
                     SC_OK);
    scenario_numbers(s, r->iran, &r->n_iran, 256);
    sc_scenario_free(s);
    /* draws of a model section's uncertain number, written into the scenario's tree as text and
     * read back (src/scenario/inputs.c) */
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    for (uint64_t k = 0; k < 4; k++) {
        sc_rng rng;
        sc_rng_init(&rng, 11, k);
        sc_scenario *g = NULL;
        if (sc_scenario_sample(s, &rng, &g, &d) != SC_OK ||
            sc_scenario_get_value(g, "war.sanctions_burden", &r->drawn[k], &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("a draw of the built-in scenario fails");
        }
        sc_scenario_free(g);
    }
    /* a variant's shift of a model section's number, written into the tree as text and read
     * back (src/scenario/scenario.c set_section_number) */
    sc_state st;
    sc_state_init(&st);
    st.variant = "retrench";
    sc_scenario *v = NULL;
    if (sc_scenario_at(s, &st, &v, &d) != SC_OK ||
        sc_scenario_get_value(v, "war.commitment.aid_trend", &r->shifted, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the built-in variant retrench fails");
    }
    sc_scenario_free(v);
    sc_scenario_free(s);
    /* a BDM actor table */
    const char *bdm = "Actor,Capability,Position,Salience\nA,0.08,4.5,0.80\nB,0.25,10,0.5\n";
    assert_int_equal(sc_scenario_parse_bdm_csv(bdm, strlen(bdm), "x", NULL, &s, &d), SC_OK);
    scenario_numbers(s, r->bdm, &r->n_bdm, 64);
    sc_scenario_free(s);
    /* KTAB's CSV (its counts sniffed by sc__ktab_number, its numbers read by the SMP's reader) */
    size_t len = 0;
    char *text = sc_test_slurp(source_path(src, "examples/soe-policy-ktab.csv"), &len);
    assert_non_null(text);
    sc_smp_input *in = NULL;
    assert_int_equal(sc_file_kind_of(text, len), SC_FILE_KTAB_CSV);
    assert_int_equal(sc_smp_read_ktab_csv(text, len, "soe.csv", &in, &d), SC_OK);
    for (size_t i = 0; i < in->n; i++) {
        push(r->ktab, &r->n_ktab, 256, in->cap[i]);
        for (size_t k = 0; k < in->m; k++) {
            push(r->ktab, &r->n_ktab, 256, in->pos[i * in->m + k]);
            push(r->ktab, &r->n_ktab, 256, in->sal[i * in->m + k]);
        }
    }
    sc_smp_input_free(in);
    free(text);
    /* UN ideal points */
    const char *unga = "\"\",\"session\",\"IdealPointAll\",\"iso3c\"\n\"1\",1,1.5,\"USA\"\n";
    sc_unga *u = NULL;
    assert_int_equal(sc_unga_parse(unga, strlen(unga), "u.csv", &u, &d), SC_OK);
    assert_int_equal(sc_unga_ideal_point(u, "USA", 1, &r->unga, &d), SC_OK);
    sc_unga_free(u);
    /* a simple event list with weights, read strictly (a misread weight is an error) */
    const char *path = events_path;
    sc_events_opts o;
    sc_events_opts_init(&o);
    o.format = SC_EVENTS_SIMPLE;
    o.strict = 1;
    const char *actors[] = {"USA", "RUS"};
    o.actors = actors;
    o.n_actors = 2;
    sc_events_series *es = NULL;
    if (sc_events_series_read(&path, 1, &o, &es, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the event list does not read");
    }
    for (size_t i = 0; i < sc_events_series_dyad_count(es); i++) {
        const char *a, *b;
        const sc_events_day *days;
        size_t nd;
        sc_events_series_dyad(es, i, &a, &b, &days, &nd);
        for (size_t k = 0; k < nd; k++) {
            r->event_weight += days[k].weight;
        }
    }
    sc_events_series_free(es);
}

static void assert_same(const readings *c, const readings *x)
{
    assert_memory_equal(c->parsed, x->parsed, sizeof c->parsed);
    assert_memory_equal(&c->ktab_number, &x->ktab_number, sizeof(double));
    assert_memory_equal(&c->strtod_c, &x->strtod_c, sizeof(double));
    assert_int_equal(c->n_iran, x->n_iran);
    assert_memory_equal(c->iran, x->iran, c->n_iran * sizeof(double));
    assert_int_equal(c->n_bdm, x->n_bdm);
    assert_memory_equal(c->bdm, x->bdm, c->n_bdm * sizeof(double));
    assert_int_equal(c->n_ktab, x->n_ktab);
    assert_memory_equal(c->ktab, x->ktab, c->n_ktab * sizeof(double));
    assert_memory_equal(&c->unga, &x->unga, sizeof(double));
    assert_memory_equal(&c->event_weight, &x->event_weight, sizeof(double));
    assert_string_equal(c->printed, x->printed);
    assert_memory_equal(c->drawn, x->drawn, sizeof c->drawn);
    assert_memory_equal(&c->shifted, &x->shifted, sizeof c->shifted);
    assert_int_equal(c->n_land, x->n_land);
    assert_memory_equal(c->land, x->land, c->n_land * sizeof(double));
    for (int k = 0; k < N_TEXTS && x->texts[k]; k++) {
        /* the first difference with its neighbourhood, not two megabytes of HTML */
        size_t i = 0, n = c->lens[k] < x->lens[k] ? c->lens[k] : x->lens[k];
        while (i < n && c->texts[k][i] == x->texts[k][i]) {
            i++;
        }
        if (i < n || c->lens[k] != x->lens[k]) {
            size_t from = i > 40 ? i - 40 : 0;
            fail_msg("%s differs at byte %zu: \"%.80s\" in the C locale, \"%.80s\" here",
                     text_names[k], i, c->texts[k] + from, x->texts[k] + from);
        }
    }
}

static readings in_c; /* read in the "C" locale */

static int setup(void **state)
{
    (void)state;
    if (!sc_test_tmp_make("sc_locale")) {
        return -1;
    }
    events_path = sc_test_tmp_path("events.tsv");
    FILE *f = fopen(events_path, "w");
    if (!f) {
        return -1;
    }
    fputs("20250212\tUSA\tRUS\t036\t2.5\n20250213\tRUS\tUSA\t036\t0.75\n", f);
    fclose(f);
    setlocale(LC_ALL, "C");
    read_all(&in_c, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    free_readings(&in_c);
    return sc_test_tmp_remove();
}

/* The C readings are the numbers as written: the comparisons below compare something. */
static void test_c_locale_values(void **state)
{
    (void)state;
    const double parsed[4] = {0.5, -3.75, 12.5, 0.5};
    assert_memory_equal(in_c.parsed, parsed, sizeof parsed);
    SC_ASSERT_NEAR(in_c.ktab_number, 0.25, 0);
    SC_ASSERT_NEAR(in_c.strtod_c, 0.25, 0);
    SC_ASSERT_NEAR(in_c.bdm[0], 0.08, 0);
    SC_ASSERT_NEAR(in_c.bdm[1], 4.5, 0);
    SC_ASSERT_NEAR(in_c.bdm[2], 0.8, 0);
    SC_ASSERT_NEAR(in_c.unga, 1.5, 0);
    SC_ASSERT_NEAR(in_c.event_weight, 3.25, 0);
    assert_string_equal(in_c.printed, "0.25|1.50");
    SC_ASSERT_NEAR(in_c.land[0], 0.076583385, 0); /* Britain's CINC in 1936 */
    SC_ASSERT_NEAR(in_c.land[1], -1.5, 0);   /* Britain-Czechoslovakia: -1, shifted by -0.5 */
    /* the texts are valid and carry fractions, which the comparisons below compare */
    json_error_t je;
    json_t *doc = json_loadb(in_c.texts[T_JSON], in_c.lens[T_JSON], 0, &je);
    if (!doc) {
        fail_msg("the result document is not JSON: %d:%d: %s", je.line, je.column, je.text);
    }
    json_decref(doc);
    for (int k = 0; k < N_TEXTS; k++) {
        size_t fractions = 0;
        for (size_t i = 1; i + 1 < in_c.lens[k]; i++) {
            const char *t = in_c.texts[k];
            fractions += t[i] == '.' && isdigit((unsigned char)t[i - 1]) &&
                         isdigit((unsigned char)t[i + 1]);
        }
        if (fractions < 10) {
            fail_msg("%s has %zu decimal fractions", text_names[k], fractions);
        }
    }
    SC_ASSERT_NEAR(in_c.shifted, -0.4, 0);
    for (int k = 0; k < 4; k++) {
        /* the range [0.01, 0.05]; draws, not the value 0.03 */
        assert_true(in_c.drawn[k] >= 0.01 && in_c.drawn[k] <= 0.05 && in_c.drawn[k] != 0.03);
    }
    size_t fractions = 0;
    for (size_t i = 0; i < in_c.n_iran; i++) {
        fractions += in_c.iran[i] != floor(in_c.iran[i]);
    }
    assert_true(fractions > 10); /* the saliences */
    fractions = 0;
    for (size_t i = 0; i < in_c.n_ktab; i++) {
        fractions += in_c.ktab[i] != floor(in_c.ktab[i]);
    }
    assert_true(fractions > 10);
}

static void need_comma_locale(void)
{
    if (!setlocale(LC_ALL, COMMA_LOCALE)) {
        const char *lp = getenv("LOCPATH");
        fail_msg("the locale " COMMA_LOCALE " cannot be set (LOCPATH=%s): the fixture "
                 "locale_de_DE generates it with localedef from glibc's sources, Debian's "
                 "package `locales` (scripts/deps.sh installs it)",
                 lp ? lp : "unset");
    }
    /* the locale bites: the C library's own strtod stops at the '.' */
    assert_string_equal(localeconv()->decimal_point, ",");
    char *end = NULL;
    assert_true(strtod("0.5", &end) == 0 && *end == '.');
    SC_ASSERT_NEAR(strtod("0,5", NULL), 0.5, 0);
}

static void test_process_locale(void **state)
{
    (void)state;
    need_comma_locale();
    readings de;
    read_all(&de, 1);
    setlocale(LC_ALL, "C");
    assert_same(&in_c, &de);
    free_readings(&de);
}

/* The comma locale, made by duplocale of the process's while it was set (newlocale with LOCPATH
 * set leaks its search path in glibc 2.36, which LeakSanitizer reports). */
static locale_t comma;

/* The first thread also writes (the report's own worker threads are under the process's
 * locale, "C", here: the calling thread's locale is what this tests). */
static void *read_in_thread(void *arg)
{
    readings *r = arg;
    locale_t old = uselocale(comma);
    read_all(r, r->write);
    uselocale(old);
    return arg;
}

/* A thread under its own locale (uselocale), the process's still "C"; two such threads at once
 * (the C locale object is made once, by whichever reads first). */
static void test_thread_locale(void **state)
{
    (void)state;
    need_comma_locale();
    comma = duplocale(LC_GLOBAL_LOCALE);
    assert_true(comma != (locale_t)0);
    setlocale(LC_ALL, "C");
    readings r[2];
    pthread_t t[2];
    for (int k = 0; k < 2; k++) {
        r[k].write = k == 0;
        assert_int_equal(pthread_create(&t[k], NULL, read_in_thread, &r[k]), 0);
    }
    for (int k = 0; k < 2; k++) {
        void *ret = NULL;
        assert_int_equal(pthread_join(t[k], &ret), 0);
        assert_non_null(ret);
        assert_same(&in_c, &r[k]);
        free_readings(&r[k]);
    }
    freelocale(comma);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_c_locale_values),
        cmocka_unit_test(test_process_locale),
        cmocka_unit_test(test_thread_locale),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
