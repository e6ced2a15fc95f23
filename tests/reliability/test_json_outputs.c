/* SPDX-License-Identifier: MIT */
/*
 * Every JSON output is strict UTF-8 JSON: each command that prints JSON, on the built-in scenario
 * and on inputs whose names use every UTF-8 length (Côte d’Ivoire, Россия, 中国, 🇺🇦), parses with
 * jansson (which refuses invalid UTF-8, NaN, Infinity, trailing text) without duplicate keys, and
 * the names come back exactly as written. Each command may use at most CMD_CPU_SECONDS of CPU
 * (RLIMIT_CPU, inherited by every command the test starts): a bound that the machine's load does
 * not move, where a wall-clock bound failed the test on a loaded machine.
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <jansson.h>
#include <sys/resource.h>
#include <unistd.h>

/* All the commands together take 112 s of CPU in the ASan build (one run, /usr/bin/time). */
#define CMD_CPU_SECONDS 300

#include "core/text.h"

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

/* Runs the CLI and returns its standard output parsed strictly (the caller decrefs). */
static json_t *strict_json(const char *fmt, ...)
{
    char args[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    char *out = NULL, *err = NULL;
    int rc = sc_test_run_cli(args, &out, &err);
    if (rc != 0) {
        fail_msg("statecraft %s: exit %d\n%s", args, rc, err ? err : "");
    }
    size_t n = strlen(out);
    /* every byte UTF-8 (what jansson checks in strings, here over the whole text) */
    sc_diag d;
    sc_diag_init(&d);
    if (sc__text_check("output", out, n, &d) != SC_OK) {
        fail_msg("statecraft %s: the output is not UTF-8 text: %s", args, d.message);
    }
    json_error_t je;
    json_t *doc = json_loadb(out, n, JSON_REJECT_DUPLICATES, &je);
    if (!doc) {
        fail_msg("statecraft %s: not strict JSON: %s at line %d column %d", args, je.text,
                 je.line, je.column);
    }
    free(out);
    free(err);
    return doc;
}

/* 1 if some string anywhere in v equals s. */
static int contains_string(const json_t *v, const char *s)
{
    if (json_is_string(v)) {
        return strcmp(json_string_value(v), s) == 0;
    }
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (contains_string(json_array_get(v, i), s)) {
                return 1;
            }
        }
    }
    if (json_is_object(v)) {
        const char *key;
        json_t *val;
        json_object_foreach((json_t *)v, key, val) {
            if (strcmp(key, s) == 0 || contains_string(val, s)) {
                return 1;
            }
        }
    }
    return 0;
}

static const char *const names[] = {"Côte d’Ivoire", "Россия", "中国", "🇺🇦 Ukraine"};

static int setup(void **state)
{
    (void)state;
    /* a command that spins past the bound gets SIGXCPU: it fails (the shell says exit 152) */
    struct rlimit cpu;
    if (getrlimit(RLIMIT_CPU, &cpu) == 0 &&
        (cpu.rlim_cur == RLIM_INFINITY || cpu.rlim_cur > CMD_CPU_SECONDS)) {
        cpu.rlim_cur = CMD_CPU_SECONDS;
        if (cpu.rlim_max != RLIM_INFINITY && cpu.rlim_max < cpu.rlim_cur) {
            cpu.rlim_cur = cpu.rlim_max;
        }
        assert_int_equal(setrlimit(RLIMIT_CPU, &cpu), 0);
    }
    assert_non_null(sc_test_tmp_make("sc_json"));
    char text[4096];
    snprintf(text, sizeof text,
             "statecraft: 1\n"
             "metadata: {title: \"Noms, имена, 名字\", date: 2025-01-01}\n"
             "actors:\n"
             "  - {id: CIV, name: \"%s\", capability: 1}\n"
             "  - {id: RUS, name: \"%s\", capability: 3}\n"
             "  - {id: CHN, name: \"%s\", capability: 5}\n"
             "  - {id: UKR, name: \"%s\", capability: 2}\n"
             "issues:\n"
             "  - {id: peace, title: \"Paix — мир — 和平\", scale: [0, 100]}\n"
             "stances:\n"
             "  peace:\n"
             "    CIV: {position: 50, salience: 0.2}\n"
             "    RUS: {position: 10, salience: 0.9}\n"
             "    CHN: {position: 40, salience: 0.4}\n"
             "    UKR: {position: 90, salience: 1}\n"
             "relations:\n"
             "  - {pair: [RUS, CHN], amity: 0.7}\n"
             "  - {pair: [RUS, UKR], amity: -0.9}\n"
             "  - {pair: [CHN, UKR], amity: 0}\n"
             "  - {pair: [CIV, UKR], amity: 0.2}\n"
             "  - {pair: [CIV, RUS], amity: 0}\n"
             "  - {pair: [CIV, CHN], amity: 0.3}\n"
             "triangle: {actors: [RUS, CHN, UKR]}\n",
             names[0], names[1], names[2], names[3]);
    write_file(sc_test_tmp_path("names.yaml"), text);
    snprintf(text, sizeof text,
             "Actor,Capability,Position,Salience\n\"%s\",1,50,20\n%s,3,10,90\n%s,5,40,40\n"
             "\"%s\",2,90,100\n",
             names[0], names[1], names[2], names[3]);
    write_file(sc_test_tmp_path("names.csv"), text);
    snprintf(text, sizeof text,
             "Names; scen 0,Scenario-000; UTF-8 names, 4, 1, \n"
             "Actor,Description,Influence,Position,Salience, \n"
             "CIV,%s,10,50,20, \nRUS,%s,30,10,90, \nCHN,%s,50,40,40, \nUKR,%s,20,90,100, \n",
             names[0], names[1], names[2], names[3]);
    write_file(sc_test_tmp_path("ktab.csv"), text);
    snprintf(text, sizeof text, "actor,size\n\"%s\",1\n%s,3\n%s,5\n\"%s\",2\n", names[0],
             names[1], names[2], names[3]);
    write_file(sc_test_tmp_path("sizes.csv"), text);
    snprintf(text, sizeof text,
             ",\"%s\",%s,%s,\"%s\"\n\"%s\",,0,0.3,0.2\n%s,0,,0.7,-0.9\n%s,0.3,0.7,,0\n"
             "\"%s\",0.2,-0.9,0,\n",
             names[0], names[1], names[2], names[3], names[0], names[1], names[2], names[3]);
    write_file(sc_test_tmp_path("prop.csv"), text);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

/* The built-in scenario: every JSON the commands print. */
static void test_builtin_outputs(void **state)
{
    (void)state;
    /* --runs also sets the bargaining section's draws, most of a report's time; the JSON's
     * strictness does not depend on how many */
    static const char *const commands[] = {
        "run --format json --runs 20",
        "run --format json --runs 20 --after-events",
        "show --format json",
        "show --format json --after-events",
        "war --format json --runs 500",
        "war --format json --runs 500 --levers",
        "triangle --format json",
        "landscape --format json",
    };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        json_t *doc = strict_json("%s", commands[i]);
        json_decref(doc);
    }
    /* a saved document rendered again as JSON */
    char *out = NULL;
    char args[600];
    snprintf(args, sizeof args, "run --format json --runs 20 -o %s", sc_test_tmp_path("doc.json"));
    assert_int_equal(sc_test_run_cli(args, &out, NULL), 0);
    free(out);
    json_decref(strict_json("render %s --format json", sc_test_tmp_path("doc.json")));
}

/* The published tables: every BDM and KTAB example as JSON. */
static void test_reference_tables(void **state)
{
    (void)state;
    static const char *const bdm[] = {"argentina_eum", "china_dmasad", "emissions_bdm1994",
                                      "honduras_dmasad", "uk_emu_labour_gov"};
    for (size_t i = 0; i < sizeof bdm / sizeof bdm[0]; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "reference/bdm/data/%s.csv", bdm[i]);
        json_decref(strict_json("forecast --model eum '%s' --format json", sc_test_shared(rel)));
    }
    static const char *const ktab[] = {"SOE-Policy", "SOE-Pol-Comp", "dummyData_3Dim"};
    for (size_t i = 0; i < sizeof ktab / sizeof ktab[0]; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "reference/ktab/examples/%s.csv", ktab[i]);
        json_decref(strict_json("forecast --model smp '%s' --format json", sc_test_shared(rel)));
    }
}

/* Names with 2-, 3- and 4-byte characters go through every reader into JSON unchanged. */
static void test_utf8_names(void **state)
{
    (void)state;
    json_t *docs[] = {
        strict_json("show --format json %s", sc_test_tmp_path("names.yaml")),
        strict_json("run --format json --runs 100 %s", sc_test_tmp_path("names.yaml")),
        strict_json("forecast --model eum %s --format json", sc_test_tmp_path("names.csv")),
        strict_json("forecast --model smp %s --format json", sc_test_tmp_path("ktab.csv")),
        strict_json("landscape %s %s --format json", sc_test_tmp_path("sizes.csv"), sc_test_tmp_path("prop.csv")),
    };
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            /* KTAB's actor column holds the short ids; the names are its descriptions */
            if (!contains_string(docs[d], names[i]) &&
                !(d == 3 && contains_string(docs[d], (const char *[]){"CIV", "RUS", "CHN",
                                                                     "UKR"}[i]))) {
                fail_msg("output %zu lost the name '%s'", d, names[i]);
            }
        }
        json_decref(docs[d]);
    }
    json_t *tri = strict_json("triangle %s --actors RUS,CHN,UKR --format json", sc_test_tmp_path("names.yaml"));
    json_decref(tri);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_outputs),
        cmocka_unit_test(test_reference_tables),
        cmocka_unit_test(test_utf8_names),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
