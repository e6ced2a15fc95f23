/* SPDX-License-Identifier: MIT */
/*
 * Exact numbers of the game formats (game/exact.h): the size caps with their located errors,
 * write-then-read round trips at the caps, and GNU MP allocation failures turned into SC_ENOMEM
 * at every allocation of a read, a write and a solve (fault injection; ASan checks the clean-up).
 */
#include "sc_test.h"

#include "game/game_internal.h"
#include "statecraft/game.h"

/* Parses s; returns the parser's answer and, when 1, the value as text in buf. */
static int parse(const char *s, char *buf, size_t n, const char **why)
{
    sc__exact_scratch t;
    sc__exact_scratch_init(&t);
    mpq_t q;
    mpq_init(q);
    int got = sc__exact_parse(&t, s, strlen(s), q, why);
    if (got > 0 && buf) {
        char *txt = mpq_get_str(NULL, 10, q);
        snprintf(buf, n, "%s", txt);
        void (*freefunc)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefunc);
        freefunc(txt, strlen(txt) + 1);
    }
    mpq_clear(q);
    sc__exact_scratch_clear(&t);
    return got;
}

static char *repeat(char c, size_t n, const char *prefix, const char *suffix)
{
    size_t a = strlen(prefix), b = strlen(suffix);
    char *s = malloc(a + n + b + 1);
    memcpy(s, prefix, a);
    memset(s + a, c, n);
    memcpy(s + a + n, suffix, b + 1);
    return s;
}

static void test_syntax(void **state)
{
    (void)state;
    char buf[64];
    const char *why;
    static const struct {
        const char *in, *out;
    } ok[] = {{"0", "0"},         {"-0", "0"},        {"12", "12"},   {"-3/6", "-1/2"},
              {"0.25", "1/4"},   {".5", "1/2"},      {"5.", "5"},    {"1e3", "1000"},
              {"1.25e-1", "1/8"}, {"-1E2", "-100"},   {"007", "7"},   {"0e1000", "0"},
              {"000/5", "0"}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(parse(ok[i].in, buf, sizeof buf, &why), 1);
        assert_string_equal(buf, ok[i].out);
    }
    static const char *const bad[] = {"",   "+1",  "1e+3", "1/-2", "-/2", "1/0",  "1/00",
                                      "1.2.3", "e5", "1e",   "--1", "0x10", "1/2/3", "."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (parse(bad[i], NULL, 0, &why) != 0) {
            fail_msg("'%s' accepted", bad[i]);
        }
        assert_non_null(why);
    }
}

static void test_caps(void **state)
{
    (void)state;
    const char *why = NULL;
    /* exponent */
    assert_int_equal(parse("1e1001", NULL, 0, &why), -1);
    assert_non_null(strstr(why, "exponent beyond"));
    assert_int_equal(parse("1e-1001", NULL, 0, &why), -1);
    assert_int_equal(parse("1e99999", NULL, 0, &why), -1);
    /* the value: at most 1000 digits above and below the line */
    char *big = malloc(2100);
    assert_int_equal(parse("1e999", big, 2100, &why), 1);
    assert_int_equal(strlen(big), 1000);
    assert_int_equal(parse("1e1000", NULL, 0, &why), -1);
    assert_non_null(strstr(why, "more than 1000 digits"));
    assert_int_equal(parse("1e-999", big, 2100, &why), 1);
    assert_int_equal(strlen(big), 2 + 1000);
    assert_int_equal(parse("1e-1000", NULL, 0, &why), -1);
    /* a reducible denominator is judged after reduction: 5e-1000 = 1/2^1000 has 302 digits */
    assert_int_equal(parse("5e-1000", NULL, 0, &why), 1);
    /* significant digits: leading zeros do not count */
    char *s = repeat('7', 1000, "", "");
    assert_int_equal(parse(s, NULL, 0, &why), 1);
    free(s);
    s = repeat('7', 1001, "", "");
    assert_int_equal(parse(s, NULL, 0, &why), -1);
    assert_non_null(strstr(why, "significant digits"));
    free(s);
    s = repeat('0', 1500, "", "1");
    assert_int_equal(parse(s, big, 2100, &why), 1);
    assert_string_equal(big, "1");
    free(s);
    s = repeat('9', 1001, "1/", "");
    assert_int_equal(parse(s, NULL, 0, &why), -1);
    free(s);
    /* the token */
    s = repeat('0', 2048, "", "");
    assert_int_equal(parse(s, NULL, 0, &why), 1);
    free(s);
    s = repeat('0', 2049, "", "");
    assert_int_equal(parse(s, NULL, 0, &why), -1);
    assert_non_null(strstr(why, "longer than 2048"));
    free(s);
    free(big);
}

/* The largest values the reader takes are written in a form it takes again, exactly. */
static void test_roundtrip_at_caps(void **state)
{
    (void)state;
    char *num = repeat('9', 1000, "-", ""), *den = repeat('9', 999, "", "8");
    char *frac = malloc(2100);
    snprintf(frac, 2100, "%s/%s", num, den);
    const char *pays[4] = {num, frac, "1e999", "1e-999"};
    size_t ns[2] = {2, 2};
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_game_new(2, ns, "caps", &g, &d), SC_OK);
    for (size_t c = 0; c < 4; c++) {
        for (size_t p = 0; p < 2; p++) {
            assert_int_equal(sc_game_set_payoff(g, c, p, pays[(c + p) % 4], &d), SC_OK);
        }
    }
    for (int v = 0; v < 2; v++) {
        char *text = NULL;
        size_t len = 0;
        assert_int_equal(sc_game_write_nfg(g, v ? SC_NFG_PAYOFF : SC_NFG_OUTCOME, &text, &len, &d),
                         SC_OK);
        sc_game *h = NULL;
        if (sc_game_read_nfg(text, len, "caps.nfg", &h, &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            fail_msg("what statecraft wrote at the caps does not read back");
        }
        for (size_t i = 0; i < 8; i++) {
            assert_int_equal(mpq_cmp(g->pay[i], h->pay[i]), 0);
        }
        sc_game_free(h);
        sc_free(text);
    }
    sc_game_free(g);
    free(num);
    free(den);
    free(frac);
}

/* Payoff entries = profiles x players count against the memory budget, with a located error. */
static void test_payoff_budget(void **state)
{
    (void)state;
    /* 20 players x 2 strategies: 2^20 profiles (fewer than the limit) x 20 players = 21 million */
    char text[512];
    int n = snprintf(text, sizeof text, "NFG 1 R \"big\" {");
    for (int p = 0; p < 20; p++) {
        n += snprintf(text + n, sizeof text - (size_t)n, " \"%d\"", p);
    }
    n += snprintf(text + n, sizeof text - (size_t)n, " } {");
    for (int p = 0; p < 20; p++) {
        n += snprintf(text + n, sizeof text - (size_t)n, " 2");
    }
    snprintf(text + n, sizeof text - (size_t)n, " }\n{ }\n1\n");
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_game_read_nfg(text, strlen(text), "big.nfg", &g, &d), SC_ELIMIT);
    assert_null(g);
    assert_int_equal(d.line, 1);
    assert_non_null(strstr(d.message, "payoffs, more than"));
    assert_non_null(strstr(d.message, "memory budget"));
    /* the limit follows the budget: 8 players x 2 strategies x 8 = 2048 payoffs */
    const char *small = "NFG 1 R \"s\" { \"1\" \"2\" \"3\" \"4\" \"5\" \"6\" \"7\" \"8\" }"
                        " { 2 2 2 2 2 2 2 2 }\n{ { \"\" 1, 2, 3, 4, 5, 6, 7, 8 } }\n";
    char b[2048];
    snprintf(b, sizeof b, "%s", small);
    for (int c = 0; c < 256; c++) {
        strcat(b, "1 ");
    }
    assert_int_equal(sc_game_read_nfg(b, strlen(b), "s.nfg", &g, &d), SC_OK);
    sc_game_free(g);
    size_t saved = sc_memory_budget_get();
    assert_int_equal(saved, SC_MEMORY_BUDGET_DEFAULT);
    sc_memory_budget_set(1); /* raised to the minimum, 64 MiB: 262144 payoffs */
    assert_int_equal(sc_memory_budget_get(), SC_MEMORY_BUDGET_MIN);
    assert_int_equal(sc__game_max_payoffs(), SC_MEMORY_BUDGET_MIN / SC__GAME_BYTES_PER_PAYOFF);
    assert_int_equal(sc_game_read_nfg(b, strlen(b), "s.nfg", &g, &d), SC_OK);
    sc_game_free(g);
    /* under 64 MiB, 16 players x 2: 65536 profiles pass, 16 x 65536 payoffs do not */
    n = snprintf(text, sizeof text, "NFG 1 R \"mid\" {");
    for (int p = 0; p < 16; p++) {
        n += snprintf(text + n, sizeof text - (size_t)n, " \"%d\"", p);
    }
    n += snprintf(text + n, sizeof text - (size_t)n, " } {");
    for (int p = 0; p < 16; p++) {
        n += snprintf(text + n, sizeof text - (size_t)n, " 2");
    }
    snprintf(text + n, sizeof text - (size_t)n, " }\n{ }\n1\n");
    assert_int_equal(sc_game_read_nfg(text, strlen(text), "mid.nfg", &g, &d), SC_ELIMIT);
    sc_memory_budget_set(saved);
    /* sc_game_new counts the same way */
    size_t ns[24];
    for (int p = 0; p < 24; p++) {
        ns[p] = 2;
    }
    assert_int_equal(sc_game_new(24, ns, "big", &g, &d), SC_ELIMIT);
}

/*
 * LeakSanitizer's switch, when the test runs under it: a solve cut short by GNU MP loses the
 * solver's workspace (documented in game/exact.h; GMP offers no unwinding), which is expected.
 */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

/* The equilibria kept are bounded by the budget too; what was found is returned with SC_ELIMIT. */
static void test_solution_budget(void **state)
{
    (void)state;
    /* one player, 1024 strategies, all payoffs equal: 1024 pure equilibria of width 1024 */
    char b[4096];
    snprintf(b, sizeof b, "NFG 1 R \"flat\" { \"P\" } { 1024 }\n");
    for (int c = 0; c < 1024; c++) {
        strcat(b, "1 ");
    }
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_game_read_nfg(b, strlen(b), "flat.nfg", &g, &d), SC_OK);
    sc_game_solution *s = NULL;
    assert_int_equal(sc_game_solve(g, NULL, &s, &d), SC_OK);
    assert_int_equal(sc_game_solution_count(s), 1024);
    sc_game_solution_free(s);
    size_t saved = sc_memory_budget_get();
    sc_memory_budget_set(SC_MEMORY_BUDGET_MIN); /* 64 MiB / 256 B / 1024 entries = 256 profiles */
    assert_int_equal(sc_game_solve(g, NULL, &s, &d), SC_ELIMIT);
    assert_non_null(s);
    assert_int_equal(sc_game_solution_count(s), 256);
    assert_non_null(strstr(d.message, "memory budget"));
    sc_game_solution_free(s);
    sc_memory_budget_set(saved);
    sc_game_free(g);
}

/* A game with enough big numbers that reading, writing and solving allocate many times. */
static const char *oom_game(void)
{
    static char text[8192];
    int n = snprintf(text, sizeof text, "NFG 1 R \"oom\" { \"A\" \"B\" } { 3 3 }\n");
    for (int i = 0; i < 18; i++) {
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "%s%d123456789012345678901234567890/7%d ", i % 2 ? "" : "-", i % 5 + 1, i);
    }
    return text;
}

static void test_gmp_oom_read(void **state)
{
    (void)state;
    const char *text = oom_game();
    size_t fired = 0;
    for (long k = 1; k < 100000; k++) {
        sc__gmp_fail_after(k);
        sc_game *g = NULL;
        sc_diag d;
        sc_diag_init(&d);
        sc_status rc = sc_game_read_nfg(text, strlen(text), "oom.nfg", &g, &d);
        sc__gmp_fail_after(0);
        assert_int_equal(sc__gmp_depth(), 0); /* every region left, jumped or not */
        if (rc == SC_OK) {
            sc_game_free(g);
            break; /* k is beyond the read's allocations */
        }
        assert_int_equal(rc, SC_ENOMEM);
        assert_null(g);
        assert_true(d.line >= 1 && d.column >= 1); /* with the location */
        assert_non_null(strstr(d.message, "GNU MP"));
        fired++;
    }
    assert_true(fired >= 10);
}

static void test_gmp_oom_write_and_solve(void **state)
{
    (void)state;
    const char *text = oom_game();
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_game_read_nfg(text, strlen(text), "oom.nfg", &g, &d), SC_OK);
    size_t fired = 0;
    for (long k = 1; k < 100000; k++) {
        char *out = NULL;
        size_t len = 0;
        sc__gmp_fail_after(k);
        sc_status rc = sc_game_write_nfg(g, SC_NFG_PAYOFF, &out, &len, &d);
        sc__gmp_fail_after(0);
        assert_int_equal(sc__gmp_depth(), 0);
        if (rc != SC_OK) {
            assert_null(out);
        }
        sc_free(out);
        if (rc == SC_OK) {
            break;
        }
        assert_int_equal(rc, SC_ENOMEM);
        fired++;
    }
    assert_true(fired >= 18);
    static const sc_game_method methods[] = {SC_GAME_ENUMPURE, SC_GAME_ENUMMIXED, SC_GAME_LCP,
                                             SC_GAME_SIMPDIV};
    for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
        sc_game_solve_options o;
        sc_game_solve_options_init(&o);
        o.method = methods[m];
        fired = 0;
        for (long k = 1; k < 1000000; k += 1 + k / 16) {
            sc_game_solution *s = NULL;
            if (__lsan_disable) {
                __lsan_disable();
            }
            sc__gmp_fail_after(k);
            sc_status rc = sc_game_solve(g, &o, &s, &d);
            sc__gmp_fail_after(0);
            assert_int_equal(sc__gmp_depth(), 0);
            if (__lsan_enable) {
                __lsan_enable();
            }
            if (rc != SC_ENOMEM) {
                assert_int_equal(rc, SC_OK);
                sc_game_solution_free(s);
                break;
            }
            assert_null(s);
            assert_non_null(strstr(d.message, "GNU MP"));
            fired++;
        }
        if (fired == 0) {
            fail_msg("method %s: no allocation failure was injected", sc_game_method_name(methods[m]));
        }
    }
    sc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax),           cmocka_unit_test(test_caps),
        cmocka_unit_test(test_roundtrip_at_caps), cmocka_unit_test(test_payoff_budget),
        cmocka_unit_test(test_solution_budget),  cmocka_unit_test(test_gmp_oom_read),
        cmocka_unit_test(test_gmp_oom_write_and_solve),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
