/* SPDX-License-Identifier: MIT */
/* KTAB's SMP: every bundled example against KTAB's own per-turn positions (4-decimal
 * rounding, same number of turns) and summaries; every option; the cases where KTAB fails;
 * the CSV reader's located errors; reproducible stochastic mode. */
#include "sc_test.h"

#include "scx/scx.h"
#include "statecraft/scenario.h"
#include "statecraft/smp.h"

static sc_smp_input *load(const char *rel)
{
    size_t len = 0;
    char *text = sc_test_slurp(sc_test_shared(rel), &len);
    assert_non_null(text);
    assert_true(sc_smp_is_ktab_csv(text, len));
    sc_smp_input *in = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_smp_read_ktab_csv(text, len, rel, &in, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail();
    }
    free(text);
    return in;
}

static void compare_run(const char *name)
{
    char rel[256], ref[256];
    snprintf(rel, sizeof rel, "reference/ktab/examples/%s.csv", name);
    snprintf(ref, sizeof ref, "reference/ktab/runs/%s/%s_positions.csv", name, name);
    sc_smp_input *in = load(rel);
    sc_smp_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_smp_run(in, NULL, &r, &d), SC_OK);
    FILE *fp = fopen(sc_test_shared(ref), "r");
    assert_non_null(fp);
    char line[512];
    int rows = 0, max_turn = 0;
    assert_non_null(fgets(line, sizeof line, fp)); /* header */
    while (fgets(line, sizeof line, fp)) {
        char *p = line;
        int t = (int)strtol(p, &p, 10);
        int a = (int)strtol(p + 1, &p, 10);
        p = strchr(p + 1, ','); /* past the actor name */
        int k = (int)strtol(p + 1, &p, 10);
        p = strrchr(line, ',');
        double v = strtod(p + 1, NULL);
        max_turn = t > max_turn ? t : max_turn;
        assert_true(t <= r->turns);
        double mine = 100 * r->pos[((size_t)t * in->n + (size_t)a) * in->m + (size_t)k];
        /* KTAB rounds bargains to 4 decimals on [0, 1]: equal to printing precision */
        if (fabs(mine - v) > 5e-5) {
            fail_msg("%s turn %d actor %d dim %d: %.6f, KTAB %.6f", name, t, a, k, mine, v);
        }
        rows++;
    }
    fclose(fp);
    assert_int_equal(r->turns, max_turn);
    assert_int_equal(rows, (r->turns + 1) * (int)(in->n * in->m));
    print_message("%s: %zu actors x %zu dims, %d turns, all %d positions equal KTAB's\n", name,
                  in->n, in->m, r->turns, rows);
    sc_smp_result_free(r);
    sc_smp_input_free(in);
}

static void test_all_examples(void **state)
{
    (void)state;
    const char *names[] = {"dummyData_3Dim", "SOE-Pol-Comp", "SOE-Policy", "dummyData_6Dim",
                           "SOE-Competitive", "dummyData-a040", "dummyData-a080"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        compare_run(names[i]);
    }
}

static void test_every_option(void **state)
{
    (void)state;
    sc_smp_input *in = load("reference/ktab/examples/dummyData_3Dim.csv");
    struct {
        const char *name, *value;
    } opts[] = {{"VictoryProbModel", "Square"}, {"VictoryProbModel", "Quartic"},
                {"VictoryProbModel", "Octic"},   {"VictoryProbModel", "Binary"},
                {"PCEModel", "MarkovIncentive"}, {"PCEModel", "MarkovUniform"},
                {"VotingRule", "Binary"},        {"VotingRule", "PropBin"},
                {"VotingRule", "PropCbc"},       {"VotingRule", "Cubic"},
                {"VotingRule", "ASymProsp"},     {"BigRAdjust", "None"},
                {"BigRAdjust", "Half"},          {"BigRAdjust", "TwoThirds"},
                {"BigRAdjust", "Full"},          {"BigRRange", "Min"},
                {"BigRRange", "Max"},            {"ThirdPartyCommit", "NoCommit"},
                {"ThirdPartyCommit", "FullCommit"}, {"InterVecBrgn", "S1P1"},
                {"InterVecBrgn", "S2PMax"},      {"BargnModel", "InitRcvrInterp"},
                {"BargnModel", "PWCompInterp"},  {"StateTransitions", "Stochastic"}};
    sc_diag d;
    sc_diag_init(&d);
    sc_smp_result *base = NULL;
    assert_int_equal(sc_smp_run(in, NULL, &base, &d), SC_OK);
    for (size_t o = 0; o < sizeof opts / sizeof opts[0]; o++) {
        sc_smp_params p;
        sc_smp_params_init(&p);
        assert_int_equal(sc_smp_params_set(&p, opts[o].name, opts[o].value, &d), SC_OK);
        sc_smp_result *r = NULL;
        assert_int_equal(sc_smp_run(in, &p, &r, &d), SC_OK);
        assert_true(r->turns >= 1 && r->turns <= 100);
        for (size_t k = 0; k < (size_t)(r->turns + 1) * in->n * in->m; k++) {
            assert_true(isfinite(r->pos[k]) && r->pos[k] >= -1e-12 && r->pos[k] <= 1 + 1e-12);
        }
        sc_smp_result_free(r);
    }
    /* bad names are refused with the accepted values */
    sc_smp_params p;
    sc_smp_params_init(&p);
    assert_int_equal(sc_smp_params_set(&p, "VotingRule", "Majority", &d), SC_EINVAL);
    assert_non_null(strstr(d.message, "PropCbc"));
    assert_int_equal(sc_smp_params_set(&p, "Colour", "Red", &d), SC_EINVAL);
    sc_smp_result_free(base);
    sc_smp_input_free(in);
}

static void test_stochastic_reproducible(void **state)
{
    (void)state;
    sc_smp_input *in = load("reference/ktab/examples/SOE-Pol-Comp.csv");
    sc_smp_params p;
    sc_smp_params_init(&p);
    p.stochastic = 1;
    p.seed = 12345;
    sc_diag d;
    sc_diag_init(&d);
    sc_smp_result *a = NULL, *b = NULL, *c = NULL;
    assert_int_equal(sc_smp_run(in, &p, &a, &d), SC_OK);
    assert_int_equal(sc_smp_run(in, &p, &b, &d), SC_OK);
    assert_int_equal(a->turns, b->turns);
    assert_memory_equal(a->pos, b->pos, (size_t)(a->turns + 1) * in->n * in->m * sizeof(double));
    p.seed = 54321;
    assert_int_equal(sc_smp_run(in, &p, &c, &d), SC_OK);
    int differ = c->turns != a->turns;
    for (size_t k = 0; !differ && k < (size_t)(a->turns + 1) * in->n * in->m; k++) {
        differ = c->pos[k] != a->pos[k];
    }
    assert_true(differ);
    sc_smp_result_free(a);
    sc_smp_result_free(b);
    sc_smp_result_free(c);
    sc_smp_input_free(in);
}

static void test_where_ktab_fails(void **state)
{
    (void)state;
    /* all actors at one point: KTAB computes NaN risk attitudes and aborts */
    const char *same = "Same,\"all at one point\",3,1,\nActor,Description,Power,P1,S1,\n"
                       "A,a,10,50,50,\nB,b,20,50,40,\nC,c,30,50,30,\n";
    sc_smp_input *in = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_smp_read_ktab_csv(same, strlen(same), "same.csv", &in, &d), SC_OK);
    sc_smp_result *r = NULL;
    assert_int_equal(sc_smp_run(in, NULL, &r, &d), SC_OK);
    assert_int_equal(r->consensus, 1);
    assert_int_equal(r->turns, 0);
    assert_non_null(strstr(r->note, "consensus"));
    SC_ASSERT_NEAR(r->pos[0], 0.5, 0);
    sc_smp_result_free(r);
    sc_smp_input_free(in);
}

static void test_reader_errors(void **state)
{
    (void)state;
    struct {
        const char *text, *expect;
        int line;
    } cases[] = {
        {"", "the file is empty", 1},
        {"S,d,2,1\nActor,D,P,X,S\nA,a,1,50,50\nB,b,1,50,50\n", "from 3 to 250", 1},
        {"S,d,3,1\nActor,D,P,X,S\nA,a,1,50,50\nB,b,1,50,50\n", "expected 3 actor rows, found 2", 5},
        {"S,d,3,1\nActor,D,P,X,S\nA,a,0,50,50\nB,b,1,50,50\nC,c,1,5,5\n", "capability", 3},
        {"S,d,3,1\nActor,D,P,X,S\nA,a,1,150,50\nB,b,1,50,50\nC,c,1,5,5\n", "position", 3},
        {"S,d,3,2\nActor,D,P,X,S,Y,T\nA,a,1,10,60,20,60\nB,b,1,5,5,5,5\nC,c,1,5,5,5,5\n",
         "sum to at most 100", 3},
        {"S,d,3,1\nActor,D,P,X,S\nA,a,1,,50\nB,b,1,50,50\nC,c,1,5,5\n", "position", 3},
        {"S,d,3,1\nActor,D,P,X,S\nA,a,1,50,50\nA,b,1,50,50\nC,c,1,5,5\n", "duplicate actor", 4},
        {"S,d,3,1\nActor,D,P,X,S\nA,a,1,50\nB,b,1,50,50\nC,c,1,5,5\n", "fields, expected 5", 3},
        {"S,d,3,1\nActor,D,P,X,S\nA,a,1,50,50\n\nC,c,1,5,5\n", "found 1", 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        sc_smp_input *in = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_not_equal(sc_smp_read_ktab_csv(cases[i].text, strlen(cases[i].text), "t.csv",
                                                  &in, &d),
                             SC_OK);
        if (!strstr(d.message, cases[i].expect) || d.line != cases[i].line) {
            fail_msg("case %zu: line %d '%s', expected line %d '%s'", i, d.line, d.message,
                     cases[i].line, cases[i].expect);
        }
        assert_null(in);
    }
    /* quirks KTAB accepts: trailing junk after numbers, quoted commas, $$, CRLF, short header */
    const char *quirky = "Q ,\"a, b\",3,2,0,,,\r\nActor,Desc,Power,First\r\n"
                         "\"A, Inc\",x$$y,10abc, 20,30,40,20\r\nB,,5,50,10,60,10\r\nC,c,7,1,1,2,2\r\n";
    sc_smp_input *in = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_smp_read_ktab_csv(quirky, strlen(quirky), "q.csv", &in, &d), SC_OK);
    assert_string_equal(in->name, "Q ");
    assert_string_equal(in->actor[0], "A, Inc");
    assert_string_equal(in->dim[0], "First");
    assert_string_equal(in->dim[1], "");
    SC_ASSERT_NEAR(in->cap[0], 10, 0);
    SC_ASSERT_NEAR(in->pos[0], 0.2, 0);
    sc_smp_input_free(in);
}

static void test_from_scenario(void **state)
{
    (void)state;
    const char *yaml = "statecraft: 1\nmetadata: {title: s}\nactors:\n"
                       "  - {id: A, name: A, capability: 2}\n  - {id: B, name: B, capability: 1}\n"
                       "  - {id: C, name: C, capability: 1}\n  - {id: D, name: D, capability: 1}\n"
                       "issues:\n  - {id: x, title: X, scale: [-10, 10]}\n  - {id: y, title: Y}\n"
                       "stances:\n  x:\n    A: {position: -10, salience: 0.8}\n"
                       "    B: {position: 10, salience: 0.9}\n    C: {position: 0, salience: 0.2}\n"
                       "  y:\n    A: {position: 40, salience: 0.6}\n    C: {position: 60, salience: 0.2}\n";
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_parse(yaml, strlen(yaml), NULL, &s, &d), SC_OK);
    sc_smp_input *in = NULL;
    assert_int_equal(sc_smp_input_from_scenario(s, &in, &d), SC_OK);
    assert_int_equal(in->n, 3); /* D has no stance */
    assert_int_equal(in->m, 2);
    SC_ASSERT_NEAR(in->pos[0], 0.0, 0);          /* -10 on [-10, 10] */
    SC_ASSERT_NEAR(in->sal[0], 0.8 / 1.4, 1e-15); /* A's 0.8 + 0.6 rescaled to sum 1 */
    SC_ASSERT_NEAR(in->pos[1 * 2 + 1], 0.5, 0);   /* B has no stance on y: midpoint, salience 0 */
    SC_ASSERT_NEAR(in->sal[1 * 2 + 1], 0, 0);
    sc_smp_result *r = NULL;
    assert_int_equal(sc_smp_run(in, NULL, &r, &d), SC_OK);
    assert_true(r->turns >= 1);
    sc_smp_result_free(r);
    sc_smp_input_free(in);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_examples),    cmocka_unit_test(test_every_option),
        cmocka_unit_test(test_stochastic_reproducible), cmocka_unit_test(test_where_ktab_fails),
        cmocka_unit_test(test_reader_errors),   cmocka_unit_test(test_from_scenario),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
