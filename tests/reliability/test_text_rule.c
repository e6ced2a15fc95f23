/* SPDX-License-Identifier: MIT */
/*
 * The text rule every reader applies (core/text.h): strict UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF), no NUL, no control characters but tab, LF and CR; located errors.
 */
#include "sc_test.h"

#include "core/text.h"

static sc_status check(const char *text, size_t len, sc_diag *d)
{
    sc_diag_init(d);
    return sc__text_check("t.txt", text, len, d);
}

#define OK(s) assert_int_equal(check(s, sizeof(s) - 1, &d), SC_OK)
#define BAD(s, col, msg)                                                                           \
    do {                                                                                           \
        assert_int_equal(check(s, sizeof(s) - 1, &d), SC_EPARSE);                                 \
        assert_int_equal(d.column, col);                                                           \
        if (!strstr(d.message, msg)) {                                                             \
            fail_msg("'%s' does not say '%s'", d.message, msg);                                    \
        }                                                                                          \
    } while (0)

static void test_valid(void **state)
{
    (void)state;
    sc_diag d;
    OK("");
    OK("plain ASCII, tabs\tand\r\nline ends\n");
    OK("\xEF\xBB\xBF" "byte order mark");
    OK("2-byte \xC2\xA9 \xDF\xBF");
    OK("3-byte \xE0\xA0\x80 \xED\x9F\xBF \xEE\x80\x80 \xEF\xBF\xBF");
    OK("4-byte \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF");
}

static void test_invalid(void **state)
{
    (void)state;
    sc_diag d;
    BAD("a\x01", 2, "control character 0x01");
    BAD("ab\x7F", 3, "control character 0x7F");
    BAD("a\xFF", 2, "invalid UTF-8 byte 0xFF");
    BAD("a\x80", 2, "invalid UTF-8 byte 0x80");
    BAD("\xC0\xAF", 1, "invalid UTF-8 byte 0xC0"); /* overlong '/' */
    BAD("\xC1\xBF", 1, "invalid UTF-8 byte 0xC1");
    BAD("\xE0\x80\xAF", 1, "overlong");        /* overlong 3-byte */
    BAD("\xED\xA0\x80", 1, "surrogate");       /* U+D800 */
    BAD("\xF0\x80\x80\xAF", 1, "overlong");    /* overlong 4-byte */
    BAD("\xF4\x90\x80\x80", 1, "invalid UTF-8 sequence"); /* above U+10FFFF */
    BAD("\xF5\x80\x80\x80", 1, "invalid UTF-8 byte 0xF5");
    BAD("x \xE2\x82", 3, "truncated UTF-8 sequence");
    BAD("\xE2\x82x", 1, "invalid UTF-8 sequence");
    BAD("\xE2\x82\xC2\xA9", 1, "invalid UTF-8 sequence"); /* a lead byte is no continuation */
    /* the end of the text ends a sequence even if the bytes after it would complete it */
    assert_int_equal(check("x \xE2\x82\x82", 4, &d), SC_EPARSE);
    assert_non_null(strstr(d.message, "truncated"));
    /* a NUL anywhere is reported first: binary files and UTF-16 are not text */
    static const char nul[] = "\xFF\xFEt\0e\0";
    assert_int_equal(check(nul, sizeof nul - 1, &d), SC_EPARSE);
    assert_int_equal(d.column, 4);
    assert_non_null(strstr(d.message, "NUL byte"));
    /* the line and column point at the byte */
    BAD("ok\nok\n  \xFF", 3, "invalid UTF-8");
    assert_int_equal(d.line, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_valid),
                                       cmocka_unit_test(test_invalid)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
