/* SPDX-License-Identifier: MIT */
/*
 * Scalars of every length from 1 to 600 bytes, plain and double-quoted with escapes (which
 * libfyaml hands out in several chunks), read back byte for byte: the token buffer of
 * src/scenario/node.c grows by doubling from 64 bytes and keeps one byte for the terminating
 * NUL, so the lengths 64, 128, 256 and 512 fill it exactly. A buffer that forgets that byte
 * (mutant yaml-token-text-growth) writes one byte past its heap block, which no output shows:
 * ASan sees it in the sanitized build, and in the plain build the second registration of this
 * test runs under glibc's malloc checker (libc_malloc_debug.so with MALLOC_CHECK_=3), which
 * places a guard byte right after each block and aborts when free or realloc finds it changed.
 */
#include "sc_test.h"

#include "statecraft/scenario.h"

static void check_title(const char *yaml_title, const char *want)
{
    char yaml[4096];
    int n = snprintf(yaml, sizeof yaml,
                     "statecraft: 1\n"
                     "metadata: {title: %s}\n"
                     "actors:\n"
                     "  - {id: A, name: a, capability: 1}\n"
                     "  - {id: B, name: b, capability: 1}\n",
                     yaml_title);
    assert_true(n > 0 && (size_t)n < sizeof yaml);
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_parse(yaml, (size_t)n, NULL, &s, &d), SC_OK);
    assert_string_equal(sc_scenario_title(s), want);
    sc_scenario_free(s);
}

/* Plain scalars: one chunk of exactly the scalar's length. */
static void test_plain_lengths(void **state)
{
    (void)state;
    char t[701];
    for (size_t len = 1; len <= 600; len++) {
        for (size_t i = 0; i < len; i++) {
            t[i] = (char)('a' + (i * 7 + len) % 26);
        }
        t[len] = '\0';
        check_title(t, t);
    }
}

/* Double-quoted scalars with an escape every few bytes: the text arrives in pieces, so the
 * buffer fills exactly at every boundary through several appends. */
static void test_escaped_lengths(void **state)
{
    (void)state;
    char src[1400], want[701];
    for (size_t len = 1; len <= 600; len++) {
        size_t o = 0;
        src[o++] = '"';
        for (size_t i = 0; i < len; i++) {
            if (i % 5 == 4) {
                src[o++] = '\\';
                src[o++] = 't';
                want[i] = '\t';
            } else {
                src[o++] = want[i] = (char)('A' + (i + len) % 26);
            }
        }
        src[o++] = '"';
        src[o] = '\0';
        want[len] = '\0';
        check_title(src, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_lengths),
        cmocka_unit_test(test_escaped_lengths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
