/* SPDX-License-Identifier: MIT */
/*
 * The report's CSV writer round-tripped value by value (issue 20): the single-state report of the
 * built-in scenario as CSV and as JSON; every CSV row whose `source` column names a value of the
 * document (a JSON pointer) must read back to that value: numbers to the same double bit for bit
 * (shortest round-trip text), strings byte for byte (some hold commas, so RFC 4180 quoting is
 * exercised; test_report covers names with quotes), booleans as yes/no and null as "-". The CSV is
 * parsed here by a separate RFC 4180 reader, not the library's.
 */
#include "sc_test.h"

#include <jansson.h>

#include "statecraft/statecraft.h"

/* One RFC 4180 record from *p (quoted fields with doubled quotes and line breaks; records end
 * with CRLF or LF). Fills field[0..*n) (malloc'd); returns 0 at the end of the text. */
static int next_record(const char **p, char **field, size_t cap, size_t *n)
{
    const char *s = *p;
    *n = 0;
    if (!*s) {
        return 0;
    }
    for (;;) {
        size_t len = 0, room = 64;
        char *f = malloc(room);
        assert_non_null(f);
        if (*s == '"') {
            for (s++;; s++) {
                if (*s == '\0') {
                    fail_msg("CSV: a quoted field is not closed");
                }
                if (*s == '"') {
                    if (s[1] != '"') {
                        s++;
                        break;
                    }
                    s++;
                }
                if (len + 2 > room) {
                    f = realloc(f, room *= 2);
                    assert_non_null(f);
                }
                f[len++] = *s;
            }
            if (*s != ',' && *s != '\r' && *s != '\n' && *s != '\0') {
                fail_msg("CSV: text after a closing quote");
            }
        } else {
            for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++) {
                if (*s == '"') {
                    fail_msg("CSV: a quote inside an unquoted field");
                }
                if (len + 2 > room) {
                    f = realloc(f, room *= 2);
                    assert_non_null(f);
                }
                f[len++] = *s;
            }
        }
        f[len] = '\0';
        assert_true(*n < cap);
        field[(*n)++] = f;
        if (*s == ',') {
            s++;
            continue;
        }
        if (*s == '\r') {
            s++;
        }
        if (*s == '\n') {
            s++;
        }
        *p = s;
        return 1;
    }
}

/* RFC 6901: the value at pointer ptr, or NULL. */
static const json_t *resolve(const json_t *doc, const char *ptr)
{
    const json_t *v = doc;
    while (v && *ptr == '/') {
        char key[512];
        size_t k = 0;
        for (ptr++; *ptr && *ptr != '/'; ptr++) {
            char c = *ptr;
            if (c == '~') {
                c = ptr[1] == '1' ? '/' : '~';
                ptr++;
            }
            if (k + 1 < sizeof key) {
                key[k++] = c;
            }
        }
        key[k] = '\0';
        if (json_is_array(v)) {
            char *end;
            unsigned long i = strtoul(key, &end, 10);
            v = *end ? NULL : json_array_get(v, i);
        } else {
            v = json_object_get(v, key);
        }
    }
    return *ptr ? NULL : v;
}

/* The built-in scenario's report in state st (NULL: the comparative report, every state side
 * by side) as CSV and JSON, every CSV value read back through its source pointer. */
static void reads_back(const sc_state *st, size_t runs)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    sc_run_opts o;
    sc_run_opts_init(&o);
    o.runs = runs;
    o.threads = 1;
    o.state = st;
    char *csv = NULL, *js = NULL;
    size_t csv_len = 0, js_len = 0;
    o.format = SC_FORMAT_CSV;
    assert_int_equal(sc_run_report(s, &o, &csv, &csv_len, &d), SC_OK);
    o.format = SC_FORMAT_JSON;
    assert_int_equal(sc_run_report(s, &o, &js, &js_len, &d), SC_OK);
    json_error_t je;
    json_t *doc = json_loadb(js, js_len, 0, &je);
    assert_non_null(doc);
    assert_int_equal(strlen(csv), csv_len);
    const char *p = csv;
    char *f[16];
    size_t n, rows = 0, numbers = 0, strings = 0, others = 0;
    assert_true(next_record(&p, f, 16, &n));
    assert_int_equal(n, 6);
    assert_string_equal(f[4], "value");
    assert_string_equal(f[5], "source");
    for (size_t k = 0; k < n; k++) {
        free(f[k]);
    }
    int comma = 0;
    while (next_record(&p, f, 16, &n)) {
        rows++;
        if (n != 6) {
            fail_msg("CSV record %zu has %zu fields", rows, n);
        }
        const char *value = f[4], *src = f[5];
        if (*src) {
            const json_t *v = resolve(doc, src);
            if (!v) {
                fail_msg("record %zu: source %s names nothing in the document", rows, src);
            }
            if (json_is_number(v)) {
                char *end;
                double x = strtod(value, &end);
                if (*end || x != json_number_value(v)) {
                    fail_msg("record %zu (%s): '%s' is not %.17g", rows, src, value,
                             json_number_value(v));
                }
                numbers++;
            } else if (json_is_string(v)) {
                if (strcmp(value, json_string_value(v)) != 0) {
                    fail_msg("record %zu (%s): '%s' is not '%s'", rows, src, value,
                             json_string_value(v));
                }
                comma |= strchr(value, ',') != NULL;
                strings++;
            } else if (json_is_boolean(v)) {
                assert_string_equal(value, json_is_true(v) ? "yes" : "no");
                others++;
            } else if (json_is_null(v)) {
                assert_string_equal(value, "-");
                others++;
            }
        }
        for (size_t k = 0; k < n; k++) {
            free(f[k]);
        }
    }
    print_message("%zu records: %zu numbers, %zu strings, %zu booleans or nulls read back\n",
                  rows, numbers, strings, others);
    assert_true(numbers > 1000 && strings > 100 && others > 0);
    assert_true(comma); /* strings holding a comma came back whole */
    json_decref(doc);
    sc_free(csv);
    sc_free(js);
    sc_scenario_free(s);
}

static void test_csv_reads_back(void **state)
{
    (void)state;
    sc_state st = {NULL, SC_EVENTS_AFTER, NULL};
    reads_back(&st, 200);
}

/* The comparative report has tables the single state has not (each model's answer per state:
 * the EUM's and the SMP's 'Forecast per state', whose cells name forecast_mean); its sources
 * must name values of its own document too. Fewer war runs: the values are compared exactly
 * whatever their number. */
static void test_comparative_csv_reads_back(void **state)
{
    (void)state;
    reads_back(NULL, 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_csv_reads_back),
                                       cmocka_unit_test(test_comparative_csv_reads_back)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
