/* SPDX-License-Identifier: MIT */
/* KTAB's SMP: every bundled example against KTAB's own per-turn positions (4-decimal
 * rounding, same number of turns) and summaries; every option; the cases where KTAB fails;
 * the CSV reader's located errors; reproducible stochastic mode. */
#include "sc_test.h"

#include "scx/scx.h"
#include "smp/smp_internal.h"
#include "statecraft/scenario.h"
#include "statecraft/smp.h"

/* KTAB's own stopping rule: what the reference runs used. */
static sc_smp_params ktab_params(void)
{
    sc_smp_params p;
    sc_smp_params_init(&p);
    p.stop = SC_SMP_STOP_KTAB;
    return p;
}

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
    sc_smp_params kp = ktab_params();
    assert_int_equal(sc_smp_run(in, &kp, &r, &d), SC_OK);
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
    sc_smp_params kp = ktab_params();
    assert_int_equal(sc_smp_run(in, &kp, &base, &d), SC_OK);
    for (size_t o = 0; o < sizeof opts / sizeof opts[0]; o++) {
        sc_smp_params p = ktab_params();
        assert_int_equal(sc_smp_params_set(&p, opts[o].name, opts[o].value, &d), SC_OK);
        sc_smp_result *r = NULL;
        assert_int_equal(sc_smp_run(in, &p, &r, &d), SC_OK);
        assert_true(r->turns >= 1 && r->turns <= 100);
        for (size_t k = 0; k < (size_t)(r->turns + 1) * in->n * in->m; k++) {
            assert_true(isfinite(r->pos[k]) && r->pos[k] >= -1e-12 && r->pos[k] <= 1 + 1e-12);
        }
        /* every option changes the game (the building blocks below say how) */
        int differ = r->turns != base->turns;
        for (size_t k = 0; !differ && k < (size_t)(r->turns + 1) * in->n * in->m; k++) {
            differ = r->pos[k] != base->pos[k];
        }
        if (!differ) {
            fail_msg("%s=%s plays the default game", opts[o].name, opts[o].value);
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


/* ---- each option's building block against a value computed by hand (model.md §2-§3) ------- */

static void test_building_blocks(void **state)
{
    (void)state;
    /* VotingRule, weight 2, utilities 0.7 against 0.4 (du = 0.3) and the reverse */
    SC_ASSERT_NEAR(sc__smp_vote(SC_SMP_VOTE_PROP, 2, 0.7, 0.4), 0.6, 1e-15);
    SC_ASSERT_NEAR(sc__smp_vote(SC_SMP_VOTE_BINARY, 2, 0.7, 0.4), 2, 0);
    SC_ASSERT_NEAR(sc__smp_vote(SC_SMP_VOTE_PROPBIN, 2, 0.7, 0.4), 2 * (0.8 * 0.3 + 0.2), 1e-15);
    SC_ASSERT_NEAR(sc__smp_vote(SC_SMP_VOTE_PROPCBC, 2, 0.7, 0.4), 2 * (0.15 + 0.5 * 0.027), 1e-15);
    SC_ASSERT_NEAR(sc__smp_vote(SC_SMP_VOTE_CUBIC, 2, 0.7, 0.4), 2 * 0.027, 1e-15);
    SC_ASSERT_NEAR(sc__smp_vote(SC_SMP_VOTE_ASYMPROSP, 2, 0.7, 0.4), 2 * 2 * 0.3 / 3, 1e-15);
    SC_ASSERT_NEAR(sc__smp_vote(SC_SMP_VOTE_ASYMPROSP, 2, 0.4, 0.7), -0.6, 1e-15);
    SC_ASSERT_NEAR(sc__smp_vote(SC_SMP_VOTE_BINARY, 2, 0.4, 0.7), -2, 0);
    /* VictoryProbModel, coalitions 2 against 1: strengths raised to 1, 2, 4, 8 */
    double p1, p2;
    const struct {
        sc_smp_vpm vpm;
        double want;
    } vp[] = {{SC_SMP_VPM_LINEAR, 2.0 / 3}, {SC_SMP_VPM_SQUARE, 4.0 / 5},
              {SC_SMP_VPM_QUARTIC, 16.0 / 17}, {SC_SMP_VPM_OCTIC, 256.0 / 257},
              {SC_SMP_VPM_BINARY, 1 / (1 + 1e-6)}};
    for (size_t k = 0; k < sizeof vp / sizeof vp[0]; k++) {
        sc__smp_vprob(vp[k].vpm, 2, 1, &p1, &p2);
        SC_ASSERT_NEAR(p1, vp[k].want, 1e-15);
        SC_ASSERT_NEAR(p1 + p2, 1, 1e-15);
    }
    /* Binary below a 10% advantage interpolates: (r (1.1 + 1) - 1) / 0.1 with r = 1.05/2.05 */
    sc__smp_vprob(SC_SMP_VPM_BINARY, 1.05, 1, &p1, &p2);
    SC_ASSERT_NEAR(p1, 0.7560975609756104, 1e-12);
    /* BigRAdjust: h (0.6) estimating i (-0.3) */
    SC_ASSERT_NEAR(sc__smp_est_nra(0.6, -0.3, SC_SMP_RADJ_ONE_THIRD), 0.3, 1e-15);
    SC_ASSERT_NEAR(sc__smp_est_nra(0.6, -0.3, SC_SMP_RADJ_NONE), 0.6, 0);
    SC_ASSERT_NEAR(sc__smp_est_nra(0.6, -0.3, SC_SMP_RADJ_HALF), 0.15, 1e-15);
    SC_ASSERT_NEAR(sc__smp_est_nra(0.6, -0.3, SC_SMP_RADJ_TWO_THIRDS), 0, 1e-15);
    SC_ASSERT_NEAR(sc__smp_est_nra(0.6, -0.3, SC_SMP_RADJ_FULL), -0.3, 0);
    /* BigRRange: a position winning with 0.3 when the range is [0.1, 0.5] */
    SC_ASSERT_NEAR(sc__smp_big_r(SC_SMP_RRANGE_MID, 0.3, 0.1, 0.5), 0.25, 1e-15);
    SC_ASSERT_NEAR(sc__smp_big_r(SC_SMP_RRANGE_MIN, 0.3, 0.1, 0.5), 0.5, 1e-15);
    SC_ASSERT_NEAR(sc__smp_big_r(SC_SMP_RRANGE_MAX, 0.3, 0.1, 0.5), 0, 1e-15);
    SC_ASSERT_NEAR(sc__smp_big_r(SC_SMP_RRANGE_MID, 0.5, 0.1, 0.5), 1, 1e-15); /* most likely */
    SC_ASSERT_NEAR(sc__smp_big_r(SC_SMP_RRANGE_MID, 0.1, 0.1, 0.5), -0.5, 1e-15);
    /* ThirdPartyCommit: u_ni 0.9, u_nj 0.2, u_nn 0.5; (ik > j), (j > ik), (i > jk), (jk > i) */
    double a[4];
    const double semi[4] = {2.3, 0.6, 2.7, 0.9}, none[4] = {2.3, 0.9, 2.3, 0.9},
                 full[4] = {2.7, 0.6, 2.7, 0.6};
    sc__smp_third_party(SC_SMP_TP_SEMI, 0.9, 0.2, 0.5, a);
    for (int k = 0; k < 4; k++) {
        SC_ASSERT_NEAR(a[k], semi[k], 1e-15);
    }
    sc__smp_third_party(SC_SMP_TP_NONE, 0.9, 0.2, 0.5, a);
    for (int k = 0; k < 4; k++) {
        SC_ASSERT_NEAR(a[k], none[k], 1e-15);
    }
    sc__smp_third_party(SC_SMP_TP_FULL, 0.9, 0.2, 0.5, a);
    for (int k = 0; k < 4; k++) {
        SC_ASSERT_NEAR(a[k], full[k], 1e-15);
    }
    /* InterVecBrgn: s_i 0.5, s_j 0.3, phi 0.6, x_i 0.2, x_j 0.9 */
    double bi, bj;
    sc__smp_interpolate1(SC_SMP_INTERP_S2P2, 0.5, 0.3, 0.6, 0.4, 0.2, 0.9, &bi, &bj);
    SC_ASSERT_NEAR(bi, 0.2966, 1e-15); /* w_i 0.09, w_j 0.0144, rounded to 4 decimals */
    SC_ASSERT_NEAR(bj, 0.2966, 1e-15);
    sc__smp_interpolate1(SC_SMP_INTERP_S1P1, 0.5, 0.3, 0.6, 0.4, 0.2, 0.9, &bi, &bj);
    SC_ASSERT_NEAR(bi, 0.4, 1e-15); /* w_i 0.3, w_j 0.12 */
    sc__smp_interpolate1(SC_SMP_INTERP_S2PMAX, 0.5, 0.3, 0.6, 0.4, 0.2, 0.9, &bi, &bj);
    SC_ASSERT_NEAR(bi, 0.2, 0); /* the stronger side does not move */
    SC_ASSERT_NEAR(bj, 0.6131171055974951, 1e-15);
}

/* ---- honest convergence -------------------------------------------------------------------- */

/* Checks a finished game against its own trajectory: the stopping rule, the first repetition,
 * the window and the forecast (the weighted mean of the positions, recomputed here). */
static void check_game(const sc_smp_input *in, const sc_smp_result *r, const sc_smp_params *p)
{
    size_t n = in->n, m = in->m, nm = n * m;
    int T = r->turns;
    double last = 0;
    for (size_t k = 0; T > 0 && k < nm; k++) {
        last = fmax(last, fabs(r->pos[(size_t)T * nm + k] - r->pos[(size_t)(T - 1) * nm + k]));
    }
    int first_t = -1, first_u = -1;
    for (int t = 2; t <= T && first_t < 0; t++) {
        for (int u = t - 2; u >= 0; u--) {
            double d = 0;
            for (size_t k = 0; k < nm; k++) {
                d = fmax(d, fabs(r->pos[(size_t)t * nm + k] - r->pos[(size_t)u * nm + k]));
            }
            if (d <= p->tol) {
                first_t = t;
                first_u = u;
                break;
            }
        }
    }
    switch (r->outcome) {
    case SC_SMP_CONVERGED:
        assert_true(last <= p->tol);
        assert_int_equal(r->window_start, T);
        break;
    case SC_SMP_CYCLE:
        assert_int_equal(r->cycle_start, first_u);
        assert_int_equal(r->cycle_start + r->cycle_period, first_t);
        assert_int_equal(T, first_t);
        assert_int_equal(r->window_end, r->cycle_start + r->cycle_period - 1);
        break;
    case SC_SMP_UNSETTLED:
        assert_int_equal(T, p->max_turns);
        assert_true(last > p->tol);
        break;
    default:
        break;
    }
    for (size_t k = 0; k < m; k++) {
        double sum = 0;
        for (int t = r->window_start; t <= r->window_end; t++) {
            double num = 0, den = 0;
            for (size_t i = 0; i < n; i++) {
                double w = in->cap[i] * in->sal[i * m + k];
                num += w * r->pos[(size_t)t * nm + i * m + k];
                den += w;
            }
            sum += num / den;
        }
        SC_ASSERT_NEAR(r->forecast[k], sum / (r->window_end - r->window_start + 1), 1e-12);
    }
}

static void test_convergence(void **state)
{
    (void)state;
    const char *names[] = {"reference/ktab/examples/dummyData_3Dim.csv",
                           "reference/ktab/examples/SOE-Pol-Comp.csv",
                           "reference/ktab/examples/SOE-Policy.csv",
                           "reference/ktab/perf/rand-a005-d3.csv"};
    int cycles = 0;
    for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
        sc_smp_input *in = load(names[f]);
        sc_smp_params p;
        sc_smp_params_init(&p);
        sc_smp_result *r = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_equal(sc_smp_run(in, &p, &r, &d), SC_OK);
        check_game(in, r, &p);
        cycles += r->outcome == SC_SMP_CYCLE;
        /* the KTAB rule on the same input stops by its own ratio */
        sc_smp_params kp = ktab_params();
        sc_smp_result *k = NULL;
        assert_int_equal(sc_smp_run(in, &kp, &k, &d), SC_OK);
        assert_true(k->outcome == SC_SMP_KTAB_STOP || k->outcome == SC_SMP_UNSETTLED);
        assert_true(k->turns == kp.max_turns || k->last_ratio < kp.min_delta_ratio);
        sc_smp_result_free(k);
        sc_smp_result_free(r);
        sc_smp_input_free(in);
    }
    /* KTAB's 5-actor example that flip-flops for 91 turns is a cycle, caught at its first
     * repetition */
    assert_true(cycles >= 1);
}

static void test_coalition_and_drivers(void **state)
{
    (void)state;
    /* four actors on one dimension, positions given: the final state is the input when the cap
     * is one turn; A and B (within 0.005) carry it against C + D */
    const char *csv = "Q,\"q\",4,1,\nActor,Description,Power,P1,S1,\n"
                      "A,a,30,40,50,\nB,b,20,40.3,50,\nC,c,25,70,60,\nD,d,10,100,50,\n";
    sc_smp_input *in = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_smp_read_ktab_csv(csv, strlen(csv), "q.csv", &in, &d), SC_OK);
    sc_smp_result r = {0};
    r.n = 4;
    r.m = 1;
    r.turns = 0;
    r.pos = in->pos;
    sc_smp_coalition c;
    assert_int_equal(sc_smp_coalition_of(in, &r, 0, 0.005, &c, &d), SC_OK);
    assert_int_equal(c.count, 2);
    assert_int_equal(c.members[0], 0);
    assert_int_equal(c.members[1], 1);
    /* weights 15, 10, 15, 5: the pair holds 25 of 45 at (15 x 0.4 + 10 x 0.403) / 25 */
    SC_ASSERT_NEAR(c.share, 25.0 / 45, 1e-12);
    SC_ASSERT_NEAR(c.position, (15 * 0.4 + 10 * 0.403) / 25, 1e-12);
    sc_smp_coalition_destroy(&c);
    /* a wider gap joins C: the three hold 40 */
    assert_int_equal(sc_smp_coalition_of(in, &r, 0, 0.298, &c, &d), SC_OK);
    assert_int_equal(c.count, 3);
    sc_smp_coalition_destroy(&c);
    assert_int_equal(sc_smp_coalition_of(in, &r, 1, 0.005, &c, &d), SC_EINVAL);
    sc_smp_input_free(in);
    /* drivers: each is the game replayed without that actor, by hand here; any thread count */
    in = load("reference/ktab/examples/dummyData_3Dim.csv");
    sc_smp_params p;
    sc_smp_params_init(&p);
    sc_smp_result *all = NULL;
    assert_int_equal(sc_smp_run(in, &p, &all, &d), SC_OK);
    size_t n = in->n, m = in->m;
    double *one = malloc(n * m * sizeof *one), *three = malloc(n * m * sizeof *three);
    p.threads = 1;
    assert_int_equal(sc_smp_drivers(in, &p, all->forecast, one, &d), SC_OK);
    p.threads = 3;
    assert_int_equal(sc_smp_drivers(in, &p, all->forecast, three, &d), SC_OK);
    assert_memory_equal(one, three, n * m * sizeof *one);
    for (size_t k = 0; k < n; k++) {
        sc_smp_input sub = *in;
        sub.n = n - 1;
        char *names[16];
        double cap[16], pos[64], sal[64];
        for (size_t i = 0, q = 0; i < n; i++) {
            if (i == k) {
                continue;
            }
            names[q] = in->actor[i];
            cap[q] = in->cap[i];
            memcpy(pos + q * m, in->pos + i * m, m * sizeof(double));
            memcpy(sal + q * m, in->sal + i * m, m * sizeof(double));
            q++;
        }
        sub.actor = names;
        sub.cap = cap;
        sub.pos = pos;
        sub.sal = sal;
        sc_smp_result *r1 = NULL;
        assert_int_equal(sc_smp_run(&sub, &p, &r1, &d), SC_OK);
        for (size_t j = 0; j < m; j++) {
            SC_ASSERT_NEAR(one[k * m + j], r1->forecast[j] - all->forecast[j], 0);
        }
        sc_smp_result_free(r1);
    }
    free(one);
    free(three);
    sc_smp_result_free(all);
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
    p.stop = SC_SMP_STOP_KTAB;
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
    sc_smp_params kp = ktab_params();
    assert_int_equal(sc_smp_run(in, &kp, &r, &d), SC_OK);
    assert_int_equal(r->consensus, 1);
    assert_int_equal(r->outcome, SC_SMP_CONSENSUS);
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
    /* issue influence: KTAB's one capability is the salience-weighted mean of the influences
     * (A: 0.8 x 5 + 0.6 x 2 (its capability) over 1.4); C's 0 on both: a negligible weight */
    const char *infl = "statecraft: 1\nmetadata: {title: s}\nactors:\n"
                       "  - {id: A, name: A, capability: 2}\n  - {id: B, name: B, capability: 1}\n"
                       "  - {id: C, name: C, capability: 1}\n"
                       "issues:\n  - {id: x, title: X}\n  - {id: y, title: Y}\n"
                       "stances:\n  x:\n    A: {position: 10, salience: 0.8, influence: 5}\n"
                       "    B: {position: 90, salience: 0.9}\n"
                       "    C: {position: 50, salience: 0.2, influence: 0}\n"
                       "  y:\n    A: {position: 40, salience: 0.6}\n"
                       "    C: {position: 60, salience: 0.2, influence: 0}\n";
    assert_int_equal(sc_scenario_parse(infl, strlen(infl), NULL, &s, &d), SC_OK);
    assert_int_equal(sc_smp_input_from_scenario(s, &in, &d), SC_OK);
    SC_ASSERT_NEAR(in->cap[0], (0.8 * 5 + 0.6 * 2) / 1.4, 1e-12);
    SC_ASSERT_NEAR(in->cap[1], 1, 0);
    SC_ASSERT_NEAR(in->cap[2], 2e-9, 1e-24);
    sc_smp_input_free(in);
    sc_scenario_free(s);
}

/* The cancel flag: clear, the run and the drivers are those without one, bit for bit; set, both
 * stop in their first turn with SC_ELIMIT and no result (the CLI's real signals during a run:
 * test_cli_interrupt test_forecast_smp_run_sigterm). */
static void test_cancel(void **state)
{
    (void)state;
    sc_smp_input *in = load("reference/ktab/examples/dummyData_3Dim.csv");
    sc_diag d;
    sc_diag_init(&d);
    sc_smp_params p;
    sc_smp_params_init(&p);
    assert_null(p.cancel);
    sc_smp_result *plain = NULL, *flagged = NULL;
    assert_int_equal(sc_smp_run(in, &p, &plain, &d), SC_OK);
    assert_true(plain->turns > 1);
    volatile sig_atomic_t flag = 0;
    p.cancel = &flag;
    assert_int_equal(sc_smp_run(in, &p, &flagged, &d), SC_OK);
    assert_int_equal(flagged->turns, plain->turns);
    assert_memory_equal(flagged->forecast, plain->forecast, in->m * sizeof(double));
    size_t n = in->n, m = in->m;
    double *a = malloc(n * m * sizeof *a), *b = malloc(n * m * sizeof *b);
    assert_true(a && b);
    assert_int_equal(sc_smp_drivers(in, &p, plain->forecast, a, &d), SC_OK);
    flag = 1;
    sc_smp_result *r = NULL;
    assert_int_equal(sc_smp_run(in, &p, &r, &d), SC_ELIMIT);
    assert_null(r);
    assert_string_equal(d.message, "smp: interrupted in turn 1");
    p.threads = 2;
    assert_int_equal(sc_smp_drivers(in, &p, plain->forecast, b, &d), SC_ELIMIT);
    assert_non_null(strstr(d.message, "smp: interrupted after 0 of "));
    p.cancel = NULL;
    assert_int_equal(sc_smp_drivers(in, &p, plain->forecast, b, &d), SC_OK);
    assert_memory_equal(a, b, n * m * sizeof *a);
    free(a);
    free(b);
    sc_smp_result_free(plain);
    sc_smp_result_free(flagged);
    sc_smp_input_free(in);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_building_blocks), cmocka_unit_test(test_convergence),
        cmocka_unit_test(test_coalition_and_drivers),
        cmocka_unit_test(test_all_examples),    cmocka_unit_test(test_every_option),
        cmocka_unit_test(test_stochastic_reproducible), cmocka_unit_test(test_where_ktab_fails),
        cmocka_unit_test(test_reader_errors),   cmocka_unit_test(test_from_scenario),
        cmocka_unit_test(test_cancel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
