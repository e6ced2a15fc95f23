/* SPDX-License-Identifier: MIT */
/*
 * statecraft forecast for KTAB's users: smpc's flags with smpc's meanings (or an error naming what
 * does the job), standard input read by content, the note under the shared P(win) column, and
 * --format sqlite / --connstr writing KTAB's tables, read back with libsqlite3; nothing partial
 * is left behind a failure.
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <dirent.h>
#include <jansson.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *dir; /* the test's scratch directory (sc_test_tmp_make) */

#define KTAB(name) SC_SHARED_DIR "/reference/ktab/examples/" name

/* Runs a shell command line (the CLI is $SC), capturing stdout and stderr; the exit status. */
static int sh(const char *cmd, char **out, char **err)
{
    char o[4096], e[4096], line[16384];
    snprintf(o, sizeof o, "%s/out", dir);
    snprintf(e, sizeof e, "%s/err", dir);
    snprintf(line, sizeof line, "cd '%s' && SC='%s'; { %s ; } >'%s' 2>'%s'", dir, SC_CLI_PATH, cmd,
             o, e);
    int st = system(line);
    *out = sc_test_slurp(o, NULL);
    *err = sc_test_slurp(e, NULL);
    assert_non_null(*out);
    assert_non_null(*err);
    return st == -1 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

/* Expects exit 2, nothing on stdout and every `want` in stderr. */
static void refused(const char *cmd, const char *want1, const char *want2)
{
    char *out, *err;
    int rc = sh(cmd, &out, &err);
    if (rc != 2 || out[0] || !strstr(err, want1) || (want2 && !strstr(err, want2))) {
        fail_msg("'%s': exit %d, stdout '%.200s', stderr '%s'", cmd, rc, out, err);
    }
    free(out);
    free(err);
}

static void ok(const char *cmd, char **out)
{
    char *err;
    int rc = sh(cmd, out, &err);
    if (rc != 0) {
        fail_msg("'%s': exit %d, stderr '%s'", cmd, rc, err);
    }
    free(err);
}

static sqlite3 *open_db(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fail_msg("cannot open %s: %s", path, db ? sqlite3_errmsg(db) : "");
    }
    return db;
}

/* The columns of a table, comma-separated, in order. */
static void columns(sqlite3 *db, const char *table, char *buf, size_t cap)
{
    char sql[256];
    snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", table);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    buf[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW) {
        size_t l = strlen(buf);
        snprintf(buf + l, cap - l, "%s%s", l ? "," : "", (const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_finalize(st);
}

static double query_double(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    double v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void test_connstr_writes_ktab_tables(void **state)
{
    (void)state;
    char *out;
    /* smpc's own command line, file name and all */
    ok("$SC forecast --csv '" KTAB("dummyData_3Dim.csv") "' --connstr "
       "\"Driver=QSQLITE;Database=run\" --logmin",
       &out);
    assert_string_equal(out, "");
    free(out);
    sqlite3 *db = open_db("run.db");
    /* the tables smpc --logmin writes that statecraft can fill, with KTAB's columns */
    static const char *const tables[][2] = {
        {"ScenarioDesc", "Scenario,Desc,ScenarioId,RNGSeed,VictoryProbModel,"
                         "ProbCondorcetElection,StateTransition,VotingRule,BigRAdjust,BigRRange,"
                         "ThirdPartyCommit,InterVecBrgn,BargnModel"},
        {"ActorDescription", "ScenarioId,Act_i,Name,Desc"},
        {"DimensionDescription", "ScenarioId,Dim_k,Desc"},
        {"SpatialCapability", "ScenarioId,Turn_t,Act_i,Cap"},
        {"SpatialSalience", "ScenarioId,Turn_t,Act_i,Dim_k,Sal"},
        {"Accommodation", "ScenarioId,Act_i,Act_j,Affinity"},
        {"VectorPosition", "ScenarioId,Turn_t,Act_i,Dim_k,Pos_Coord,Idl_Coord,Mover_BargnId"},
    };
    char buf[512];
    for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
        columns(db, tables[k][0], buf, sizeof buf);
        if (strcmp(buf, tables[k][1]) != 0) {
            fail_msg("table %s has columns '%s', KTAB's are '%s'", tables[k][0], buf,
                     tables[k][1]);
        }
    }
    assert_int_equal((int)query_double(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = "
                                           "'table'"),
                     7);
    /* KTAB's default seed, its scenario line, its dimension names */
    assert_int_equal((int)query_double(db, "SELECT RNGSeed = '15455440707583219804' AND "
                                           "Scenario = 'DummyData_3Dim ' FROM ScenarioDesc"),
                     1);
    assert_int_equal((int)query_double(db, "SELECT COUNT(*) FROM DimensionDescription WHERE "
                                           "(Dim_k = 0 AND \"Desc\" = 'Pstn1') OR (Dim_k = 2 AND "
                                           "\"Desc\" = 'Pstn3')"),
                     2);
    /* KTAB's 11 states, and the final positions of KTAB's own run (its _final.csv), read
     * with KTAB's documented query */
    assert_int_equal((int)query_double(db, "SELECT MAX(Turn_t) FROM VectorPosition"), 10);
    char *ref = sc_test_slurp(SC_SHARED_DIR "/reference/ktab/runs/dummyData_3Dim/"
                                            "dummyData_3Dim_final.csv",
                              NULL);
    assert_non_null(ref);
    sqlite3_stmt *st = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT a.Name, v.Dim_k, v.Pos_Coord FROM VectorPosition v JOIN "
                           "ActorDescription a ON a.ScenarioId = v.ScenarioId AND a.Act_i = "
                           "v.Act_i WHERE v.Turn_t = (SELECT MAX(Turn_t) FROM VectorPosition "
                           "WHERE ScenarioId = v.ScenarioId) ORDER BY v.Act_i, v.Dim_k",
                           -1, &st, NULL),
        SQLITE_OK);
    const char *line = strchr(ref, '\n') + 1;
    size_t rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        int k = sqlite3_column_int(st, 1);
        /* "actor,actor_name,Pstn1,Pstn2,Pstn3" */
        const char *f = line;
        for (int c = 0; c < 2 + k; c++) {
            f = strchr(f, ',') + 1;
        }
        char name[64];
        sscanf(strchr(line, ',') + 1, "%63[^,]", name);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), name);
        SC_ASSERT_NEAR(sqlite3_column_double(st, 2), atof(f), 5e-5);
        rows++;
        if (k == 2) {
            line = strchr(line, '\n') + 1;
        }
    }
    sqlite3_finalize(st);
    assert_int_equal(rows, 7 * 3);
    free(ref);
    sqlite3_close(db);

    /* --logmin changes nothing (statecraft writes only those tables); the same run, the same
     * bytes; --seed is KTAB's seed, recorded in ScenarioDesc */
    ok("$SC forecast --model smp --format sqlite -o again.db '" KTAB("dummyData_3Dim.csv") "'",
       &out);
    free(out);
    char a[4096], b[4096];
    snprintf(a, sizeof a, "%s/run.db", dir);
    snprintf(b, sizeof b, "%s/again.db", dir);
    size_t la = 0, lb = 0;
    char *da = sc_test_slurp(a, &la), *db2 = sc_test_slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db2, la);
    free(da);
    free(db2);
    ok("$SC forecast --csv '" KTAB("dummyData_3Dim.csv") "' --seed 7 --connstr "
       "'Driver=QSQLITE;Database=seeded'",
       &out);
    free(out);
    db = open_db("seeded.db");
    assert_int_equal((int)query_double(db, "SELECT RNGSeed = '00000000000000000007' FROM "
                                           "ScenarioDesc"),
                     1);
    sqlite3_close(db);
}

static void test_sqlite_of_a_scenario(void **state)
{
    (void)state;
    char *out;
    /* a statecraft scenario: one dimension per issue, positions on 0-100 of the SMP's scale */
    ok("$SC forecast --model smp --format sqlite -o built.db --before-events", &out);
    free(out);
    ok("$SC forecast --model smp --format json --no-drivers --before-events", &out);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    free(out);
    assert_non_null(j);
    int turns = (int)json_integer_value(json_object_get(j, "turns"));
    sqlite3 *db = open_db("built.db");
    assert_int_equal((int)query_double(db, "SELECT MAX(Turn_t) FROM VectorPosition"), turns);
    assert_int_equal((int)query_double(db, "SELECT COUNT(*) FROM VectorPosition"),
                     (turns + 1) * 10 * 5);
    assert_int_equal((int)query_double(db, "SELECT COUNT(*) FROM DimensionDescription WHERE "
                                           "Dim_k = 0 AND \"Desc\" = 'territory'"),
                     1);
    /* the final mean of the first issue, from the database, is the JSON's on its own scale */
    json_t *is = json_array_get(json_object_get(j, "issues"), 0);
    json_t *scale = json_object_get(is, "scale");
    double lo = json_number_value(json_array_get(scale, 0)),
           hi = json_number_value(json_array_get(scale, 1));
    json_t *rounds = json_object_get(is, "rounds");
    json_t *last = json_object_get(json_array_get(rounds, json_array_size(rounds) - 1),
                                   "positions");
    double usa = json_number_value(json_object_get(last, "USA"));
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT v.Pos_Coord FROM VectorPosition v JOIN ActorDescription a "
                              "ON a.Act_i = v.Act_i WHERE a.Name = 'USA' AND v.Dim_k = 0 AND "
                              "v.Turn_t = %d",
             turns);
    SC_ASSERT_NEAR(lo + query_double(db, sql) / 100 * (hi - lo), usa, 1e-9);
    sqlite3_close(db);
    json_decref(j);
}

/* No file in the directory but out/err and those named. */
static void only_files(const char *keep)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *n = de->d_name;
        if (strcmp(n, ".") && strcmp(n, "..") && strcmp(n, "out") && strcmp(n, "err") &&
            !strstr(keep, n)) {
            fail_msg("a file was left behind: %s", n);
        }
    }
    closedir(d);
}

static void test_atomic_output(void **state)
{
    (void)state;
    char cmd[8192], path[4096];
    snprintf(path, sizeof path, "%s/keep.db", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("old contents", f);
    fclose(f);
    /* a bad KTAB file, a bad option value, a missing input: keep.db stays as it was, and no
     * temporary file is left */
    f = fopen("/dev/null", "r");
    fclose(f);
    snprintf(cmd, sizeof cmd, "printf 'S,d,3,1\\nActor,D,P,P1,S1\\nA,a,1,2,3\\n' > bad.csv; "
                              "$SC forecast --model smp --format sqlite -o keep.db bad.csv");
    refused(cmd, "bad.csv:", NULL);
    refused("$SC forecast --csv bad.csv --connstr 'Driver=QSQLITE;Database=keep'", "bad.csv:",
            NULL);
    refused("$SC forecast --model smp --format sqlite -o keep.db --option VotingRule=Nope",
            "VotingRule", NULL);
    refused("$SC forecast --model smp --format sqlite -o keep.db missing.csv", "missing.csv",
            NULL);
    char *old = sc_test_slurp(path, NULL);
    assert_string_equal(old, "old contents");
    free(old);
    /* into a directory that does not exist, and to standard output: refused before any work */
    refused("$SC forecast --model smp --format sqlite -o nodir/x.db", "nodir", NULL);
    refused("$SC forecast --model smp --format sqlite", "-o FILE", NULL);
    refused("$SC forecast --model smp --format sqlite -o -", "-o FILE", NULL);
    only_files("keep.db bad.csv run.db again.db seeded.db built.db");
    /* a good run replaces it whole */
    char *out;
    ok("$SC forecast --model smp --format sqlite -o keep.db '" KTAB("SOE-Policy.csv") "'", &out);
    free(out);
    sqlite3 *db = open_db("keep.db");
    assert_int_equal((int)query_double(db, "SELECT COUNT(*) FROM ActorDescription"), 26);
    sqlite3_close(db);
    only_files("keep.db bad.csv run.db again.db seeded.db built.db");
}

static void test_ktab_flags(void **state)
{
    (void)state;
    char *out, *err;
    /* --csv forces KTAB's reader: a YAML scenario given as --csv gets KTAB's CSV error */
    refused("$SC forecast --csv '" SC_SOURCE_DIR "/scenarios/ukraine-ceasefire-2025.yaml'",
            "ukraine-ceasefire-2025.yaml:1:", NULL);
    refused("$SC forecast --csv", "--csv (KTAB's smpc) expects a value", NULL);
    refused("$SC forecast --csv a.csv --xml b.xml", "reads one scenario", NULL);
    /* --xml: statecraft does not read KTAB's XML; a located refusal saying what to do */
    refused("printf '<?xml version=\"1.0\"?>\\n<Scenario/>\\n' > s.xml; $SC forecast --xml s.xml",
            "s.xml:1:1: error: this is XML", "--option NAME=VALUE");
    refused("$SC forecast --xml '" KTAB("SOE-Policy.csv") "'", "is no XML (it reads as ktab-csv)",
            NULL);
    /* --connstr: SQLite only, a database name needed, not with --format/-o */
    refused("$SC forecast --csv '" KTAB("SOE-Policy.csv") "' --connstr "
            "'Driver=QPSQL;Database=x;Server=h'",
            "SQLite databases only", NULL);
    refused("$SC forecast --csv '" KTAB("SOE-Policy.csv") "' --connstr 'Driver=QSQLITE'",
            "names no database", NULL);
    refused("$SC forecast --csv '" KTAB("SOE-Policy.csv") "' --connstr "
            "'Driver=QSQLITE;Database=x' -o y.db",
            "not both", NULL);
    /* --savehist, --euSMP, --ra: what statecraft has instead */
    refused("$SC forecast --csv '" KTAB("SOE-Policy.csv") "' --savehist", "--savehist",
            "--format csv -o FILE");
    refused("$SC forecast --euSMP", "--euSMP (KTAB's random SMP scenario)", "docs/ktab.md");
    refused("$SC forecast --euSMP --ra", "--euSMP", NULL);
    refused("$SC forecast --ra", "random accommodation", NULL);
    refused("$SC forecast --logmin=1", "--logmin (KTAB's smpc) takes no value", NULL);
    /* smpc's flags run the SMP; with another model they are an error */
    refused("$SC forecast --model eum --csv '" KTAB("SOE-Policy.csv") "'",
            "KTAB's smpc flags", "not --model eum");
    /* --csv F is the same run as F, --logmin and --seed change nothing in deterministic mode */
    ok("$SC forecast --csv '" KTAB("SOE-Pol-Comp.csv") "' --logmin --seed 3 --format csv", &out);
    char *plain;
    ok("$SC forecast --model smp --format csv '" KTAB("SOE-Pol-Comp.csv") "'", &plain);
    assert_string_equal(out, plain);
    char *ref = sc_test_slurp(SC_SHARED_DIR "/reference/ktab/runs/SOE-Pol-Comp/"
                                            "SOE-Pol-Comp_positions.csv",
                              NULL);
    assert_string_equal(out, ref);
    free(ref);
    free(out);
    free(plain);
    /* the help names them */
    assert_int_equal(sh("$SC forecast --help", &out, &err), 0);
    assert_non_null(strstr(out, "KTAB's smpc flags"));
    free(out);
    free(err);
}

#define CONVERT "python3 '" SC_SOURCE_DIR "/scripts/ktab-xml-to-csv' "
#define XML3 "'" SC_SOURCE_DIR "/tests/data/ktab/dummyData_3Dim.xml'"

static void test_xml_converter(void **state)
{
    (void)state;
    char *out, *err;
    /* KTAB's XML of dummyData_3Dim, converted, runs to KTAB's own positions file byte for byte;
     * the flags of its <ModelParameters> and <prngSeed> are printed (XSD's Proportional read as
     * the code's Prop) */
    assert_int_equal(sh(CONVERT XML3 " > d3.csv", &out, &err), 0);
    assert_non_null(strstr(err, "--seed 15455440707583219804"));
    assert_non_null(strstr(err, "--option VotingRule=Prop "));
    assert_non_null(strstr(err, "--option PCEModel=Conditional"));
    free(out);
    free(err);
    ok("$SC forecast --csv d3.csv --format csv --seed 15455440707583219804 --option "
       "VotingRule=Prop",
       &out);
    char *ref = sc_test_slurp(SC_SHARED_DIR "/reference/ktab/runs/dummyData_3Dim/"
                                            "dummyData_3Dim_positions.csv",
                              NULL);
    assert_non_null(ref);
    assert_string_equal(out, ref);
    free(ref);
    free(out);
    /* what the CSV cannot carry is refused, located, with nothing on standard output */
    refused("sed 's#<referencePos>SActor-00#<referencePos>SActor-01#' " XML3 " | " CONVERT "-",
            "<stdin>:44:5: error: accommodation SActor-00 -> SActor-01", NULL);
    refused("printf '<Scenario>\n  <name>x</name\n' | " CONVERT "-",
            "<stdin>:2:", "not well-formed XML");
    refused("sed 's#<dCoord>75.79</dCoord>##' " XML3 " | " CONVERT "-", "<stdin>:22:7: error: "
                                                                     "<Position> of 'SActor-00'",
            NULL);
    refused("printf '<x/>' | " CONVERT "-", "<stdin>:1:1: error: the root element is <x>", NULL);
    /* statecraft's own refusal names the converter */
    refused("$SC forecast --model smp " XML3, "dummyData_3Dim.xml:1:1: error: this is XML",
            "scripts/ktab-xml-to-csv");
}

static void test_stdin_by_content(void **state)
{
    (void)state;
    char *out, *file;
    /* KTAB's CSV on standard input: the same as from the file */
    ok("$SC forecast --model smp --format csv - < '" KTAB("SOE-Policy.csv") "'", &out);
    ok("$SC forecast --model smp --format csv '" KTAB("SOE-Policy.csv") "'", &file);
    assert_string_equal(out, file);
    free(out);
    free(file);
    /* a YAML scenario on standard input, and in a file named .csv */
    ok("$SC forecast --model smp --format csv --no-drivers - < '" SC_SOURCE_DIR
       "/scenarios/ukraine-ceasefire-2025.yaml'",
       &out);
    ok("$SC forecast --model smp --format csv --no-drivers", &file);
    assert_string_equal(out, file);
    free(file);
    ok("cp '" SC_SOURCE_DIR "/scenarios/ukraine-ceasefire-2025.yaml' yaml.txt; $SC forecast "
       "--model smp --format csv --no-drivers yaml.txt",
       &file);
    assert_string_equal(out, file);
    free(out);
    free(file);
    /* a BDM table on standard input: the EUM reads it, the issue named stdin */
    ok("$SC forecast --model eum --format json - < '" SC_SOURCE_DIR
       "/tests/fuzz/corpus/bdm_csv/emissions.csv'",
       &out);
    assert_non_null(strstr(out, "\"stdin\""));
    free(out);
    ok("$SC validate - < '" SC_SOURCE_DIR "/tests/fuzz/corpus/bdm_csv/emissions.csv'", &out);
    free(out);
    /* KTAB's files where a scenario is expected: a located error naming the right command */
    refused("$SC validate - < '" KTAB("SOE-Policy.csv") "'", "<stdin>:1:1: error: this is a KTAB "
                                                          "SMP scenario",
            "statecraft forecast --model smp -");
    refused("$SC forecast --model eum - < '" KTAB("SOE-Policy.csv") "'", "<stdin>:1:1:",
            "forecast --model smp");
    /* a KTAB file named .csv is not taken for a BDM table */
    refused("$SC validate '" KTAB("SOE-Policy.csv") "'", "SOE-Policy.csv:1:1: error: this is a "
                                                       "KTAB SMP scenario",
            "statecraft forecast --model smp " KTAB("SOE-Policy.csv"));
    refused("printf '<Scenario>\\n' | $SC forecast --model smp -", "<stdin>:1:1: error: this is "
                                                                  "XML",
            "KTAB's CSV");
    refused("printf '  <Scenario>\\n' | $SC validate -", "<stdin>:1:3:", NULL);
    /* a bad YAML on standard input still gets the YAML reader's located error */
    refused("printf 'statecraft: 1\\nactors: [\\n' | $SC forecast --model smp -", "<stdin>:",
            NULL);
}

static void test_shared_pwin_note(void **state)
{
    (void)state;
    char *out;
    ok("$SC forecast --model smp --no-drivers '" KTAB("SOE-Pol-Comp.csv") "'", &out);
    /* the column as printed, summed */
    double column = 0;
    int actors = 0;
    for (const char *p = strstr(out, "Final positions:"); (p = strstr(p, "P(win) ")) != NULL;
         p += 7) {
        column += atof(p + 7);
        actors++;
    }
    assert_int_equal(actors, 13);
    const char *note = strstr(out, "P(win): the probability that the actor's position wins");
    assert_non_null(note);
    const char *sums = strstr(note, "the column sums to ");
    assert_non_null(sums);
    SC_ASSERT_NEAR(atof(sums + 19), column, 0.006);
    assert_true(column > 1.5); /* the case: shared positions, a column far above 1 */
    const char *distinct = strstr(note, "over the distinct positions it sums to ");
    assert_non_null(distinct);
    SC_ASSERT_NEAR(atof(distinct + 39), 1.0, 1e-9);
    free(out);
    /* JSON: the distinct positions partition the actors, their probabilities sum to 1, and each
     * actor's win_prob in the last round is its position's */
    ok("$SC forecast --model smp --no-drivers --format json '" KTAB("SOE-Pol-Comp.csv") "'", &out);
    json_error_t e;
    json_t *j = json_loads(out, 0, &e);
    free(out);
    assert_non_null(j);
    json_t *shared = json_object_get(j, "win_prob_shared");
    assert_non_null(json_object_get(shared, "note"));
    json_t *positions = json_object_get(shared, "positions");
    json_t *rounds = json_object_get(json_array_get(json_object_get(j, "issues"), 0), "rounds");
    json_t *wp = json_object_get(json_array_get(rounds, json_array_size(rounds) - 1), "win_prob");
    double total = 0;
    size_t members = 0;
    assert_true(json_array_size(positions) > 1 && json_array_size(positions) < 13);
    for (size_t q = 0; q < json_array_size(positions); q++) {
        json_t *pq = json_array_get(positions, q);
        double pr = json_number_value(json_object_get(pq, "win_prob"));
        total += pr;
        json_t *acts = json_object_get(pq, "actors");
        for (size_t i = 0; i < json_array_size(acts); i++) {
            SC_ASSERT_NEAR(json_number_value(json_object_get(
                               wp, json_string_value(json_array_get(acts, i)))),
                           pr, 0);
            members++;
        }
    }
    assert_int_equal(members, 13);
    SC_ASSERT_NEAR(total, 1.0, 1e-9);
    json_decref(j);
}

static int setup(void **state)
{
    (void)state;
    dir = sc_test_tmp_make("sc_ktab_cli");
    return dir ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_connstr_writes_ktab_tables),
        cmocka_unit_test(test_sqlite_of_a_scenario),
        cmocka_unit_test(test_atomic_output),
        cmocka_unit_test(test_ktab_flags),
        cmocka_unit_test(test_xml_converter),
        cmocka_unit_test(test_stdin_by_content),
        cmocka_unit_test(test_shared_pwin_note),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
