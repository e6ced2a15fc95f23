/* SPDX-License-Identifier: MIT */
/*
 * The library side of KTAB's users: a file's kind by its content (not its name), scenarios read
 * by content with KTAB's files refused naming the command that reads them, and the SMP's run as
 * KTAB's SQLite tables, read back through libsqlite3.
 */
#include "sc_test.h"

#include <sqlite3.h>

#include "statecraft/scenario.h"
#include "statecraft/smp.h"

static sc_file_kind kind(const char *text)
{
    return sc_file_kind_of(text, strlen(text));
}

static void test_kind_by_content(void **state)
{
    (void)state;
    assert_int_equal(kind("statecraft: 1\nmetadata:\n  title: a, b, c, d\n"), SC_FILE_SCENARIO);
    assert_int_equal(kind("{\"statecraft\": 1, \"actors\": []}"), SC_FILE_SCENARIO);
    assert_int_equal(kind(""), SC_FILE_SCENARIO);
    assert_int_equal(kind("Actor,Capability,Position,Salience\nA,1,2,3\n"), SC_FILE_BDM_CSV);
    /* comments and blank lines before the header, quoted and spaced names, any case */
    assert_int_equal(kind("# source: x\n\n\"actor\" , salience,position\nA,1,2\n"),
                     SC_FILE_BDM_CSV);
    /* a header naming only Actor is not a BDM table (nor is Actor in a YAML line) */
    assert_int_equal(kind("Actor,Name\nA,b\n"), SC_FILE_SCENARIO);
    assert_int_equal(kind("title: Actor, Position\n"), SC_FILE_SCENARIO);
    assert_int_equal(kind("Scen,desc,3,1,\nActor,Description,Power,P1,S1\nA,a,1,2,3\n"),
                     SC_FILE_KTAB_CSV);
    /* a byte order mark and CRLF, as KTAB tolerates */
    assert_int_equal(kind("\xEF\xBB\xBFScen,desc,3,1\r\nActor,D,P,P1,S1\r\n"), SC_FILE_KTAB_CSV);
    /* two commas on the scenario line are not KTAB's four fields; bad counts are KTAB's file
     * still (its reader locates them); a quoted description may hold commas */
    assert_int_equal(kind("Scen,desc,3\nActor,Description,Power,P1,S1\n"), SC_FILE_SCENARIO);
    assert_int_equal(kind("Scen,desc,x,1\nActor,Description,Power,P1,S1\n"), SC_FILE_KTAB_CSV);
    assert_int_equal(kind("Scen ,\"a, b, c\", 7 ,3,\nActor,Description,Power,P1,S1\n"),
                     SC_FILE_KTAB_CSV);
    /* a BDM table whose comment line has commas is not KTAB's scenario line */
    assert_int_equal(kind("# a, b, 1, 2\nActor,Capability,Position,Salience\nA,1,2,3\n"),
                     SC_FILE_BDM_CSV);
    assert_int_equal(kind("<?xml version=\"1.0\"?>\n<Scenario/>"), SC_FILE_KTAB_XML);
    assert_int_equal(kind("\xEF\xBB\xBF \n\t<Scenario>"), SC_FILE_KTAB_XML);
    assert_int_equal(kind("a: <b>\n"), SC_FILE_SCENARIO);
    assert_string_equal(sc_file_kind_name(SC_FILE_KTAB_CSV), "ktab-csv");
    assert_string_equal(sc_file_kind_name(SC_FILE_BDM_CSV), "bdm-csv");
    assert_string_equal(sc_file_kind_name(SC_FILE_KTAB_XML), "ktab-xml");
    assert_string_equal(sc_file_kind_name(SC_FILE_SCENARIO), "scenario");
}

static void test_read_by_content(void **state)
{
    (void)state;
    static const char bdm[] = "Actor,Capability,Position,Salience\nA,1,10,50\nB,2,60,80\n"
                              "C,1,90,30\n";
    sc_diag diag;
    sc_diag_init(&diag);
    sc_scenario *s = NULL;
    /* standard input: the issue is "stdin"; a file of any name: its stem */
    assert_int_equal(sc_scenario_read(bdm, strlen(bdm), "-", &s, &diag), SC_OK);
    assert_int_equal(sc_scenario_issue_count(s), 1);
    assert_string_equal(sc_scenario_issue(s, 0)->id, "stdin");
    sc_scenario_free(s);
    assert_int_equal(sc_scenario_read(bdm, strlen(bdm), "dir/cars.txt", &s, &diag), SC_OK);
    assert_string_equal(sc_scenario_issue(s, 0)->id, "cars");
    sc_scenario_free(s);
    /* KTAB's CSV: a located error naming the command that reads it */
    static const char ktab[] = "Scen,desc,3,1,\nActor,Description,Power,P1,S1\nA,a,1,2,3\n";
    assert_int_not_equal(sc_scenario_read(ktab, strlen(ktab), "k.yaml", &s, &diag), SC_OK);
    assert_null(s);
    assert_int_equal(diag.line, 1);
    assert_int_equal(diag.column, 1);
    assert_non_null(strstr(diag.message, "statecraft forecast --model smp k.yaml"));
    static const char xml[] = "\n  <?xml version=\"1.0\"?><Scenario/>";
    assert_int_not_equal(sc_scenario_read(xml, strlen(xml), "-", &s, &diag), SC_OK);
    assert_int_equal(diag.line, 2);
    assert_int_equal(diag.column, 3);
    assert_non_null(strstr(diag.message, "KTAB's CSV"));
    assert_string_equal(diag.file, "<stdin>");
}

/* The database's bytes opened read-only in memory. */
static sqlite3 *open_bytes(void *bytes, size_t len)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    unsigned char *copy = sqlite3_malloc64(len);
    assert_non_null(copy);
    memcpy(copy, bytes, len);
    assert_int_equal(sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len,
                                         (sqlite3_int64)len,
                                         SQLITE_DESERIALIZE_FREEONCLOSE |
                                             SQLITE_DESERIALIZE_READONLY),
                     SQLITE_OK);
    return db;
}

static sqlite3_int64 query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    sqlite3_int64 v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void test_sqlite_enums_and_rows(void **state)
{
    (void)state;
    static const char csv[] = "Scen,the description,3,2,\n"
                              "Actor,Description,Power,P1,S1,P2,S2\n"
                              "A,first,100,10,40,20,30\n"
                              "B,,50,80,20,50,60\n"
                              "C,third,25,40,50,90,10\n";
    sc_diag diag;
    sc_diag_init(&diag);
    sc_smp_input *in = NULL;
    assert_int_equal(sc_smp_read_ktab_csv(csv, strlen(csv), "t.csv", &in, &diag), SC_OK);
    sc_smp_params p;
    sc_smp_params_init(&p);
    /* every option away from its default, so that each enum's KTAB index is checked */
    const char *const set[][3] = {{"VictoryProbModel", "Quartic", "2"},
                                  {"PCEModel", "MarkovUniform", "2"},
                                  {"VotingRule", "Cubic", "4"},
                                  {"BigRAdjust", "None", "0"},
                                  {"BigRRange", "Max", "2"},
                                  {"ThirdPartyCommit", "NoCommit", "0"},
                                  {"InterVecBrgn", "S1P1", "0"},
                                  {"BargnModel", "PWCompInterp", "2"}};
    for (size_t k = 0; k < sizeof set / sizeof set[0]; k++) {
        assert_int_equal(sc_smp_params_set(&p, set[k][0], set[k][1], &diag), SC_OK);
    }
    p.seed = 42;
    sc_smp_result *r = NULL;
    assert_int_equal(sc_smp_run(in, &p, &r, &diag), SC_OK);
    void *bytes = NULL;
    size_t len = 0;
    assert_int_equal(sc_smp_ktab_sqlite(in, &p, r, &bytes, &len, &diag), SC_OK);
    assert_true(len > 0);
    sqlite3 *db = open_bytes(bytes, len);
    static const char *const cols[] = {"VictoryProbModel", "ProbCondorcetElection",
                                       "VotingRule", "BigRAdjust", "BigRRange",
                                       "ThirdPartyCommit", "InterVecBrgn", "BargnModel"};
    for (size_t k = 0; k < 8; k++) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT %s FROM ScenarioDesc", cols[k]);
        if (query_int(db, sql) != atoi(set[k][2])) {
            fail_msg("%s=%s: ScenarioDesc.%s is %lld, KTAB's index is %s", set[k][0], set[k][1],
                     cols[k], (long long)query_int(db, sql), set[k][2]);
        }
    }
    assert_int_equal(query_int(db, "SELECT StateTransition FROM ScenarioDesc"), 0);
    assert_int_equal(query_int(db, "SELECT RNGSeed = '00000000000000000042' FROM ScenarioDesc"), 1);
    assert_int_equal(query_int(db, "SELECT \"Desc\" = 'the description' FROM ScenarioDesc"), 1);
    /* the rows: (turns + 1) x actors x dimensions positions, on 0-100 as KTAB logs them */
    size_t T = (size_t)r->turns;
    assert_int_equal(query_int(db, "SELECT COUNT(*) FROM VectorPosition"), (T + 1) * 3 * 2);
    assert_int_equal(query_int(db, "SELECT COUNT(*) FROM SpatialCapability"), (T + 1) * 3);
    assert_int_equal(query_int(db, "SELECT COUNT(*) FROM SpatialSalience"), (T + 1) * 3 * 2);
    assert_int_equal(query_int(db, "SELECT COUNT(*) FROM Accommodation WHERE Affinity = "
                                   "(Act_i = Act_j)"),
                     9);
    assert_int_equal(query_int(db, "SELECT COUNT(*) FROM ActorDescription WHERE "
                                   "(Act_i = 0 AND Name = 'A' AND \"Desc\" = 'first') OR "
                                   "(Act_i = 1 AND Name = 'B' AND \"Desc\" = '')"),
                     2);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT Turn_t, Act_i, Dim_k, Pos_Coord, Idl_Coord, "
                                            "Mover_BargnId IS NULL FROM VectorPosition",
                                        -1, &st, NULL),
                     SQLITE_OK);
    size_t rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        size_t t = (size_t)sqlite3_column_int(st, 0), i = (size_t)sqlite3_column_int(st, 1),
               k = (size_t)sqlite3_column_int(st, 2);
        assert_true(t <= T && i < 3 && k < 2);
        SC_ASSERT_NEAR(sqlite3_column_double(st, 3), 100 * r->pos[(t * 3 + i) * 2 + k], 1e-12);
        SC_ASSERT_NEAR(sqlite3_column_double(st, 4), sqlite3_column_double(st, 3), 0);
        assert_int_equal(sqlite3_column_int(st, 5), 1);
        rows++;
    }
    sqlite3_finalize(st);
    assert_int_equal(rows, (T + 1) * 6);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT Act_i, Dim_k, Sal FROM SpatialSalience "
                                            "WHERE Turn_t = 0",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        size_t i = (size_t)sqlite3_column_int(st, 0), k = (size_t)sqlite3_column_int(st, 1);
        SC_ASSERT_NEAR(sqlite3_column_double(st, 2), in->sal[i * 2 + k], 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    /* the same run, the same bytes (the ScenarioId hashes the inputs, not the clock) */
    void *again = NULL;
    size_t len2 = 0;
    assert_int_equal(sc_smp_ktab_sqlite(in, &p, r, &again, &len2, &diag), SC_OK);
    assert_int_equal(len2, len);
    assert_memory_equal(again, bytes, len);
    sc_free(again);
    /* another seed: another ScenarioId */
    p.seed = 43;
    assert_int_equal(sc_smp_ktab_sqlite(in, &p, r, &again, &len2, &diag), SC_OK);
    sqlite3 *db2 = open_bytes(again, len2);
    db = open_bytes(bytes, len);
    st = NULL;
    char id1[40] = "", id2[40] = "";
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT ScenarioId FROM ScenarioDesc", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(id1, sizeof id1, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(db2, "SELECT ScenarioId FROM ScenarioDesc", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(id2, sizeof id2, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    assert_int_equal(strlen(id1), 32);
    assert_string_not_equal(id1, id2);
    sqlite3_close(db);
    sqlite3_close(db2);
    sc_free(again);
    sc_free(bytes);
    /* KTAB's defaults are not index 0 of every KTAB enum: Prop is VotingRule 2, OneThird is
     * BigRAdjust 1, Mid is BigRRange 1, SemiCommit is ThirdPartyCommit 1, S2P2 is InterVecBrgn 1 */
    sc_smp_params d;
    sc_smp_params_init(&d);
    assert_int_equal(sc_smp_ktab_sqlite(in, &d, r, &bytes, &len, &diag), SC_OK);
    db = open_bytes(bytes, len);
    assert_int_equal(query_int(db, "SELECT VictoryProbModel * 100000000 + ProbCondorcetElection "
                                   "* 10000000 + StateTransition * 1000000 + VotingRule * 100000 "
                                   "+ BigRAdjust * 10000 + BigRRange * 1000 + ThirdPartyCommit * "
                                   "100 + InterVecBrgn * 10 + BargnModel FROM ScenarioDesc"),
                     211110);
    sqlite3_close(db);
    sc_free(bytes);
    /* a result of another input is refused */
    in->n = 2;
    assert_int_equal(sc_smp_ktab_sqlite(in, &p, r, &bytes, &len, &diag), SC_EINVAL);
    assert_null(bytes);
    in->n = 3;
    sc_smp_result_free(r);
    sc_smp_input_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_by_content),
        cmocka_unit_test(test_read_by_content),
        cmocka_unit_test(test_sqlite_enums_and_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
