/* SPDX-License-Identifier: MIT */
/* War termination: closed forms against test_vectors_war.csv (1e-6), the T1-T4 identities, the
 * simulation oracles T5-T11 of war.md §7 with fixed seeds, thread-count invariance, levers. */
#include "sc_test.h"

#include <jansson.h>

#include "report/sections.h"
#include "statecraft/statecraft.h"
#include "statecraft/war.h"

/* Reads "key=value;key=value" into value of `key`. */
static double arg(const char *inputs, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = inputs; p && *p;) {
        if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
            return atof(p + kl + 1);
        }
        p = strchr(p, ';');
        p = p ? p + 1 : NULL;
    }
    fail_msg("no %s in %s", key, inputs);
    return 0;
}

static void test_vectors(void **state)
{
    (void)state;
    FILE *fp = fopen(sc_test_shared("reference/models/data/test_vectors_war.csv"), "r");
    assert_non_null(fp);
    char line[512];
    int checked = 0;
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#' || strncmp(line, "test,", 5) == 0) {
            continue;
        }
        char *f[10] = {0};
        size_t n = 0;
        char *p = line;
        /* fields, with the quoted inputs of the TIOLI row */
        while (n < 10 && *p && *p != '\n') {
            if (*p == '"') {
                f[n++] = ++p;
                p = strchr(p, '"');
                *p++ = '\0';
                if (*p == ',') {
                    p++;
                }
                continue;
            }
            f[n++] = p;
            char *c = strpbrk(p, ",\n");
            if (!c) {
                break;
            }
            int end = *c == '\n';
            *c = '\0';
            p = c + 1;
            if (end) {
                break;
            }
        }
        const char *test = f[0], *in = f[1];
        if (strcmp(test, "gamblers_ruin") == 0) {
            int k = (int)arg(in, "k"), N = (int)arg(in, "N");
            double th = arg(in, "theta");
            SC_ASSERT_NEAR(sc_war_ruin_win(k, N, th), atof(f[3]), 1e-6);
            SC_ASSERT_NEAR(sc_war_ruin_duration(k, N, th), atof(f[5]), 1e-4);
        } else if (strcmp(test, "lanchester_square") == 0) {
            sc_lanchester l;
            assert_int_equal(sc_war_lanchester_square(arg(in, "A0"), arg(in, "B0"),
                                                      arg(in, "alpha"), arg(in, "beta"), &l, NULL),
                             SC_OK);
            assert_int_equal(l.winner, strcmp(f[3], "A") == 0 ? 1 : -1);
            SC_ASSERT_NEAR(l.survivors, atof(f[5]), 1e-4);
            SC_ASSERT_NEAR(l.t_end, atof(f[7]), 1e-4);
        } else if (strcmp(test, "fearon_range") == 0) {
            double lo, hi;
            sc_war_fearon_range(arg(in, "p"), arg(in, "cA"), arg(in, "cB"), &lo, &hi);
            SC_ASSERT_NEAR(lo, atof(f[3]), 1e-12);
            SC_ASSERT_NEAR(hi, atof(f[5]), 1e-12);
        } else if (strcmp(test, "fearon_tioli_uniform") == 0) {
            double x, pw;
            /* B's cost is written "cB~U[0,cbar]" */
            const char *u = strstr(in, "cB~U[0,");
            assert_non_null(u);
            double cbar = atof(u + strlen("cB~U[0,"));
            sc_war_tioli_uniform(arg(in, "p"), arg(in, "cA"), cbar, &x, &pw);
            SC_ASSERT_NEAR(x, atof(f[3]), 1e-4);
            SC_ASSERT_NEAR(pw, 1.0 / 3.0, 1e-12); /* war.md §1: exactly 1/3 */
            SC_ASSERT_NEAR(pw, atof(f[5]), 1e-4);
        } else if (strcmp(test, "reservation_values") == 0) {
            int k = (int)arg(in, "k"), N = (int)arg(in, "N");
            double va = sc_war_value_a(k, N, arg(in, "muA_A"), arg(in, "cA"));
            double vb = sc_war_value_b(k, N, arg(in, "muA_B"), arg(in, "cB"));
            SC_ASSERT_NEAR(va, atof(f[3]), 1e-6);
            SC_ASSERT_NEAR(vb, atof(f[5]), 1e-6);
            /* the T3 row sits on the edge of the range */
            assert_int_equal(va <= 1 - vb + 1e-9, strncmp(f[7], "True", 4) == 0);
        } else {
            fail_msg("unknown test row %s", test);
        }
        checked++;
    }
    fclose(fp);
    assert_int_equal(checked, 15);
}

static void test_identities(void **state)
{
    (void)state;
    /* T2: symmetric optimism g: the range is non-empty iff g <= c N, at every interior k */
    int N = 20;
    double g = 0.1;
    for (int k = 1; k < N; k++) {
        for (int side = -1; side <= 1; side += 2) {
            double c = 0.005 + side * 1e-4;
            double va = sc_war_value_a(k, N, 0.5 + g / 2, c);
            double vb = sc_war_value_b(k, N, 0.5 - g / 2, c);
            assert_int_equal(va <= 1 - vb + 1e-12, g <= c * N);
        }
    }
    /* T3: delta_A = c_A N gives V_A = k/N exactly */
    for (int k = 1; k < N; k++) {
        SC_ASSERT_NEAR(sc_war_value_a(k, N, 0.55, 0.1 / N), (double)k / N, 1e-12);
    }
    /* no overflow far from 1/2 on a long front */
    double w = sc_war_ruin_win(500, 1000, 0.1);
    assert_true(w >= 0 && w < 1e-300);
    SC_ASSERT_NEAR(sc_war_ruin_win(500, 1000, 0.9), 1.0, 1e-12);
    SC_ASSERT_NEAR(sc_war_ruin_duration(1, 10, 1.0), 9, 0);
    sc_lanchester l;
    assert_int_equal(sc_war_lanchester_square(-1, 1, 1, 1, &l, NULL), SC_EINVAL);
    assert_int_equal(sc_war_lanchester_square(10, 10, 1, 1, &l, NULL), SC_OK);
    assert_int_equal(l.winner, 0);
}

static sc_war_result *sim(const sc_war_params *p)
{
    sc_war_result *r = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_status rc = sc_war_simulate(p, &r, &d);
    if (rc != SC_OK) {
        fail_msg("%s", d.message);
    }
    return r;
}

static void test_t5_no_bargaining(void **state)
{
    (void)state;
    /* costs 0 and beliefs that never agree: victories and durations follow gambler's ruin */
    sc_war_params p;
    sc_war_params_init(&p);
    p.cost_a = p.cost_b = 0;
    p.prior_a[0] = 90;
    p.prior_a[1] = 10;
    p.prior_b[0] = 10;
    p.prior_b[1] = 90;
    p.front = 10;
    p.start = 3;
    p.theta = 0.6;
    p.runs = 50000;
    sc_war_result *r = sim(&p);
    SC_ASSERT_NEAR(r->p_victory_a, 0.716122, 0.02 * 0.716122);
    SC_ASSERT_NEAR(r->mean_battles, 20.8061, 0.02 * 20.8061);
    assert_true(r->p_ceasefire == 0);
    sc_war_result_free(r);
}

static void test_t6_to_t11(void **state)
{
    (void)state;
    sc_war_params base;
    sc_war_params_init(&base);
    base.runs = 20000;
    struct {
        const char *name;
        double sanctions, aid, mean, share;
    } cases[] = {{"T6", 0, 0, 67.4, 0.50},
                 {"T7", 0.004, 0, 28.9, 0.374},
                 {"T8", 0, 0.05, 58.1, 0.172},
                 {"T9", 0.004, 0.05, 24.9, 0.186}};
    for (size_t i = 0; i < 4; i++) {
        sc_war_params p = base;
        p.sanctions = cases[i].sanctions;
        p.aid = cases[i].aid;
        sc_war_result *r = sim(&p);
        print_message("%s: battles %.2f (ref %.1f), share %.4f (ref %.3f)\n", cases[i].name,
                      r->mean_battles, cases[i].mean, r->mean_share_a, cases[i].share);
        SC_ASSERT_NEAR(r->p_ceasefire, 1.0, 0);
        SC_ASSERT_NEAR(r->mean_battles, cases[i].mean, 0.02 * cases[i].mean);
        SC_ASSERT_NEAR(r->mean_share_a, cases[i].share, 0.02);
        sc_war_result_free(r);
    }
    /* T10: common priors settle at once at the middle */
    sc_war_params p = base;
    p.prior_a[0] = p.prior_a[1] = p.prior_b[0] = p.prior_b[1] = 20;
    sc_war_result *r = sim(&p);
    SC_ASSERT_NEAR(r->mean_battles, 0, 0);
    SC_ASSERT_NEAR(r->mean_share_a, 0.5, 1e-12);
    sc_war_result_free(r);
    /* T11: strong opposed priors and cheap war: no settlement, about even victories; with no
     * settlement the mean duration is the gambler's-ruin k(N - k) = 100 (war.md says ~103) */
    p = base;
    p.prior_a[0] = 60;
    p.prior_a[1] = 40;
    p.prior_b[0] = 40;
    p.prior_b[1] = 60;
    p.cost_a = p.cost_b = 0.001;
    r = sim(&p);
    SC_ASSERT_NEAR(r->p_ceasefire, 0, 0);
    SC_ASSERT_NEAR(r->p_victory_a, 0.5, 0.02);
    SC_ASSERT_NEAR(r->mean_battles, sc_war_ruin_duration(10, 20, 0.5), 2.0);
    sc_war_result_free(r);
}

static void test_t1_t4_simulation(void **state)
{
    (void)state;
    /* T1: common beliefs 1/2, k 5 of 10, c 0.01: range [0.25, 0.75], settled before any battle;
     * the rules pick its middle, a point at weight 0.3, and its top end for a proposal above it */
    sc_war_params p;
    sc_war_params_init(&p);
    p.front = 10;
    p.start = 5;
    p.prior_a[0] = p.prior_a[1] = p.prior_b[0] = p.prior_b[1] = 7.5;
    p.cost_a = p.cost_b = 0.01;
    p.runs = 500;
    static const struct {
        sc_war_rule rule;
        double power, proposal, terms;
    } rules[] = {{SC_WAR_MIDPOINT, 0, 0, 0.5},
                 {SC_WAR_NASH, 0.3, 0, 0.25 + 0.3 * 0.5},
                 {SC_WAR_MEDIATOR, 0, 0.9, 0.75},
                 {SC_WAR_MEDIATOR, 0, 0.31, 0.31}};
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
        p.rule = rules[i].rule;
        p.power = rules[i].power;
        p.mediator_x = rules[i].proposal;
        sc_war_result *r = sim(&p);
        SC_ASSERT_NEAR(r->p_ceasefire, 1, 0);
        SC_ASSERT_NEAR(r->mean_battles, 0, 0);
        SC_ASSERT_NEAR(r->share_q[0], rules[i].terms, 1e-12);
        SC_ASSERT_NEAR(r->share_q[4], rules[i].terms, 1e-12);
        sc_war_result_free(r);
    }
    /* T4: Beta(6,4) vs Beta(4,6): V_A = V_B = 0.691818, the range is empty, every run fights */
    p.rule = SC_WAR_MIDPOINT;
    p.prior_a[0] = 6;
    p.prior_a[1] = 4;
    p.prior_b[0] = 4;
    p.prior_b[1] = 6;
    sc_war_result *r = sim(&p);
    assert_int_equal(r->curve_t[0], 0);
    SC_ASSERT_NEAR(r->curve_p[0], 0, 0);
    assert_true(r->battles_q[0] >= 1);
    sc_war_result_free(r);
}

static void test_threads_bit_identical(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.runs = 3001;
    p.sanctions = 0.001;
    p.post_periods = 20;
    p.relapse_hazard = 0.01;
    p.pay_b = 0.05;
    p.inducement_periods = 10;
    sc_war_result *ref = NULL;
    for (unsigned t = 1; t <= 8; t *= 2) {
        p.threads = t;
        sc_war_result *r = sim(&p);
        if (!ref) {
            ref = r;
            continue;
        }
        assert_memory_equal(r->battles, ref->battles, p.runs * sizeof *r->battles);
        assert_memory_equal(r->outcome, ref->outcome, p.runs);
        assert_memory_equal(&r->mean_share_a, &ref->mean_share_a, sizeof(double));
        assert_memory_equal(r->battles_q, ref->battles_q, sizeof r->battles_q);
        sc_war_result_free(r);
    }
    /* a different seed gives a different sample */
    p.seed++;
    sc_war_result *other = sim(&p);
    assert_true(memcmp(other->battles, ref->battles, p.runs * sizeof *ref->battles) != 0);
    sc_war_result_free(other);
    sc_war_result_free(ref);
}

static void test_rules_relapse_lanchester(void **state)
{
    (void)state;
    sc_war_params p;
    sc_war_params_init(&p);
    p.runs = 4000;
    p.rule = SC_WAR_MEDIATOR;
    p.mediator_x = 0.0; /* projected onto the range: the range's low end */
    sc_war_result *lo = sim(&p);
    p.mediator_x = 1.0;
    sc_war_result *hi = sim(&p);
    p.rule = SC_WAR_MIDPOINT;
    sc_war_result *mid = sim(&p);
    assert_true(lo->mean_share_a < mid->mean_share_a && mid->mean_share_a < hi->mean_share_a);
    /* the same seeds give the same ceasefire times whatever the rule */
    assert_memory_equal(lo->battles, mid->battles, p.runs * sizeof *lo->battles);
    sc_war_result_free(lo);
    sc_war_result_free(hi);
    sc_war_result_free(mid);
    /* relapse: hazard 1 breaks every ceasefire; side-payments that expire break deals */
    p.post_periods = 5;
    p.relapse_hazard = 1;
    p.horizon = 300;
    sc_war_result *r = sim(&p);
    SC_ASSERT_NEAR(r->p_relapse, 1.0, 0);
    assert_true(r->p_ceasefire > 0.99);
    SC_ASSERT_NEAR(r->p_victory_a + r->p_victory_b + r->p_ongoing, 1.0, 1e-12);
    sc_war_result_free(r);
    /* Lanchester: a much stronger A wins most battles and the war */
    sc_war_params_init(&p);
    p.runs = 2000;
    p.lanchester = 1;
    p.force_a = 200;
    p.force_b = 100;
    p.alpha = p.beta = 0.001;
    p.cost_a = p.cost_b = 0;
    p.prior_a[0] = 90;
    p.prior_a[1] = 10;
    p.prior_b[0] = 10;
    p.prior_b[1] = 90;
    r = sim(&p);
    assert_true(r->p_victory_a > 0.9);
    sc_war_result_free(r);
    sc_diag d;
    sc_diag_init(&d);
    p.start = 0;
    assert_int_equal(sc_war_simulate(&p, &r, &d), SC_ERANGE);
    assert_non_null(strstr(d.message, "start"));
}

static void test_scenario_section(void **state)
{
    (void)state;
    const char *yaml = "statecraft: 1\n"
                       "metadata: {title: war}\n"
                       "actors:\n"
                       "  - {id: RUS, name: Russia, capability: 0.036, milex: 149, gdp: 2021}\n"
                       "  - {id: UKR, name: Ukraine, capability: 0.007, milex: 64.7, gdp: 178.8}\n"
                       "  - {id: USA, name: US, capability: 0.133}\n"
                       "war:\n"
                       "  a: RUS\n"
                       "  b: UKR\n"
                       "  mediator: USA\n"
                       "  front: 30\n"
                       "  start: 18\n"
                       "  theta: auto\n"
                       "  cost_a: auto\n"
                       "  cost_b: 0.003\n"
                       "  prior_a: [12, 8]\n"
                       "  prior_b: [8, 12]\n"
                       "  rule: nash\n";
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_parse(yaml, strlen(yaml), NULL, &s, &d), SC_OK);
    sc_war_params p;
    const char *a, *b, *m;
    sc_status rc = sc_war_params_from_scenario(s, &p, &a, &b, &m, &d);
    if (rc != SC_OK) {
        sc_diag_print(&d, stderr);
    }
    assert_int_equal(rc, SC_OK);
    assert_string_equal(a, "RUS");
    assert_string_equal(m, "USA");
    assert_int_equal(p.front, 30);
    assert_int_equal(p.rule, SC_WAR_NASH);
    assert_true(p.theta > 0.5 && p.theta < 0.6); /* shrunk toward 1/2 from 149/(149+64.7) */
    SC_ASSERT_NEAR(p.cost_b, 0.003, 0);
    assert_true(p.cost_a > 0 && p.cost_a < p.cost_b);
    sc_scenario_free(s);
    const char *bad = "statecraft: 1\n"
                      "metadata: {title: war}\n"
                      "actors:\n"
                      "  - {id: RUS, name: Russia, capability: 0.036}\n"
                      "  - {id: UKR, name: Ukraine, capability: 0.007}\n"
                      "war:\n"
                      "  a: RUS\n"
                      "  b: UKR\n"
                      "  frnt: 30\n";
    assert_int_equal(sc_scenario_parse(bad, strlen(bad), NULL, &s, &d), SC_OK);
    assert_int_equal(sc_war_params_from_scenario(s, &p, &a, &b, &m, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "did you mean 'front'"));
    assert_int_equal(d.line, 9);
    sc_scenario_free(s);
}

static double lever_number(const json_t *state, const char *lever, const char *key)
{
    const json_t *v = json_object_get(json_object_get(json_object_get(state, "levers"), lever), key);
    assert_non_null(v);
    return json_number_value(v);
}

static void test_report_section(void **state)
{
    (void)state;
    /* T6's numbers from a scenario, with war.md's T7 sanctions as the lever and T8's aid as the
     * aid cut reversed (aid_cut -0.05 lowers theta like aid to B), and a variant on top */
    const char *yaml = "statecraft: 1\n"
                       "metadata: {title: war section}\n"
                       "actors:\n"
                       "  - {id: AA, name: Alpha, capability: 2}\n"
                       "  - {id: BB, name: Beta, capability: 1}\n"
                       "war:\n"
                       "  a: AA\n"
                       "  b: BB\n"
                       "  theta: 0.5\n"
                       "  cost_a: 0.002\n"
                       "  cost_b: 0.002\n"
                       "  cost_scale: 0.1\n"
                       "  sanctions_burden: 0.04\n"
                       "  aid_cut: -0.05\n"
                       "  prior_a: [24, 16]\n"
                       "  prior_b: [16, 24]\n"
                       "variants:\n"
                       "  - name: cheap\n"
                       "    description: cheaper war for B\n"
                       "    shifts:\n"
                       "      - {target: war.cost_b, set: 0.001}\n";
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_status rc = sc_scenario_parse(yaml, strlen(yaml), NULL, &s, &d);
    if (rc != SC_OK) {
        fail_msg("%s", d.message);
    }
    sc_run_opts opts; /* sc_run_opts_init lives in the report module, not linked here */
    memset(&opts, 0, sizeof opts);
    opts.format = SC_FORMAT_JSON;
    opts.seed = 20250212u;
    opts.runs = 20000;
    opts.threads = 2;
    json_t *j = json_object();
    rc = sc__section_run(sc__war_section, s, NULL, &opts, j, &d);
    if (rc != SC_OK) {
        fail_msg("%s", d.message);
    }
    assert_string_equal(json_string_value(json_object_get(j, "a")), "AA");
    assert_string_equal(json_string_value(json_object_get(j, "b")), "BB");
    /* the four lever rows reproduce T6-T9 (sanctions 0.04 x 0.1 = T7's 0.004) */
    static const struct {
        const char *lever;
        double battles, share;
    } ref[] = {{"none", 67.4, 0.50}, {"sanctions", 28.9, 0.374}, {"aid_cut", 58.1, 0.172},
               {"both", 24.9, 0.186}};
    for (size_t i = 0; i < 4; i++) {
        SC_ASSERT_NEAR(lever_number(j, ref[i].lever, "p_ceasefire"), 1, 0);
        SC_ASSERT_NEAR(lever_number(j, ref[i].lever, "mean_battles"), ref[i].battles,
                       0.02 * ref[i].battles);
        SC_ASSERT_NEAR(lever_number(j, ref[i].lever, "mean_share_a"), ref[i].share, 0.02);
        /* the standard error of the mean duration: sd / sqrt(runs), a duration's sd being of
         * the order of its mean here */
        double se = lever_number(j, ref[i].lever, "mean_battles_se");
        assert_true(se > 0.2 * ref[i].battles / sqrt(20000.0) && se < 5 * ref[i].battles / sqrt(20000.0));
        /* the histograms hold every run (durations) and every ceasefire that held (terms) */
        const json_t *lv = json_object_get(json_object_get(j, "levers"), ref[i].lever);
        const json_t *dh = json_object_get(lv, "duration_histogram");
        const json_t *th = json_object_get(lv, "terms_histogram");
        double total = 0;
        size_t k;
        json_t *x;
        json_array_foreach(json_object_get(dh, "share"), k, x) {
            total += json_number_value(x);
        }
        SC_ASSERT_NEAR(total, 1, 1e-9);
        assert_int_equal(json_integer_value(json_object_get(dh, "n")), 20000);
        assert_int_equal(json_array_size(json_object_get(dh, "edges")), 21);
        assert_int_equal(json_integer_value(json_object_get(th, "n")), 20000); /* all held */
        /* the median of the terms falls in the bin where the cumulative share passes 1/2 */
        double acc = 0, q50 = json_number_value(json_object_get(
                                  json_object_get(lv, "share_quantiles"), "q50"));
        json_array_foreach(json_object_get(th, "share"), k, x) {
            acc += json_number_value(x);
            if (acc >= 0.5) {
                assert_true(q50 >= 0.05 * (double)k - 1e-12 && q50 <= 0.05 * (double)(k + 1) + 1e-12);
                break;
            }
        }
    }
    SC_ASSERT_NEAR(lever_number(j, "both", "theta"), 0.45, 1e-12);
    SC_ASSERT_NEAR(lever_number(j, "both", "cost_a"), 0.006, 1e-12);
    /* answers: the levers' differences are far beyond the noise */
    json_t *ans = json_object();
    sc__war_answers(j, ans);
    assert_non_null(json_object_get(ans, "none: mean battles"));
    assert_non_null(json_object_get(json_object_get(ans, "none: mean battles"), "se"));
    json_decref(ans);
    json_decref(j);
    /* the variant on top of the events, with its own inputs */
    sc_state st;
    sc_state_init(&st);
    st.variant = "cheap";
    j = json_object();
    assert_int_equal(sc__section_run(sc__war_section, s, &st, &opts, j, &d), SC_OK);
    SC_ASSERT_NEAR(json_number_value(json_object_get(json_object_get(j, "inputs"), "cost_b")),
                   0.001, 0);
    json_decref(j);
    sc_scenario_free(s);
    /* no war section: a note, not a failure */
    const char *plain = "statecraft: 1\n"
                        "metadata: {title: no war}\n"
                        "actors:\n"
                        "  - {id: AA, name: Alpha, capability: 2}\n"
                        "  - {id: BB, name: Beta, capability: 1}\n";
    assert_int_equal(sc_scenario_parse(plain, strlen(plain), NULL, &s, &d), SC_OK);
    j = json_object();
    assert_int_equal(sc__section_run(sc__war_section, s, NULL, &opts, j, &d), SC_OK);
    assert_non_null(strstr(json_string_value(json_object_get(j, "note")), "no war section"));
    assert_null(json_object_get(j, "levers"));
    json_decref(j);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),          cmocka_unit_test(test_identities),
        cmocka_unit_test(test_t1_t4_simulation), cmocka_unit_test(test_t5_no_bargaining),
        cmocka_unit_test(test_t6_to_t11),
        cmocka_unit_test(test_threads_bit_identical),
        cmocka_unit_test(test_rules_relapse_lanchester), cmocka_unit_test(test_scenario_section),
        cmocka_unit_test(test_report_section),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
