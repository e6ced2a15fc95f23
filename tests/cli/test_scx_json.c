/* SPDX-License-Identifier: MIT */
/*
 * scx_json_string, the one JSON string escaper of the CLI (src/scx/json.c): the bytes it writes
 * for quotes, backslashes, every control character, UTF-8 and invalid UTF-8, and NULL; what it
 * writes parsed back by jansson to the string it was given.
 */
#include "sc_test.h"

#include <jansson.h>

#include "scx/scx.h"

/* scx_json_string(s) appended after `before`, as a malloc'd string. */
static char *escaped_after(const char *before, const char *s)
{
    scx_buf b;
    scx_buf_init(&b);
    scx_buf_puts(&b, before);
    scx_json_string(&b, s);
    char *out = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(scx_buf_take(&b, &out, NULL, &d), SC_OK);
    return out;
}

static void expect(const char *s, const char *want)
{
    char *got = escaped_after("", s);
    if (strcmp(got, want) != 0) {
        fail_msg("escaped as %s, expected %s", got, want);
    }
    free(got);
}

static void test_plain_and_null(void **state)
{
    (void)state;
    expect(NULL, "null");
    expect("", "\"\"");
    expect("abc", "\"abc\"");
    /* the solidus, space, DEL and '~' need no escape */
    expect("a/b c\x7f~", "\"a/b c\x7f~\"");
    /* appended, never written over what the buffer holds */
    char *got = escaped_after("{\"k\":", "v");
    assert_string_equal(got, "{\"k\":\"v\"");
    free(got);
}

static void test_quotes_and_backslashes(void **state)
{
    (void)state;
    expect("\"", "\"\\\"\"");
    expect("\\", "\"\\\\\"");
    expect("say \"no\"", "\"say \\\"no\\\"\"");
    expect("C:\\dir\\", "\"C:\\\\dir\\\\\"");
    expect("\"\\\"", "\"\\\"\\\\\\\"\""); /* escapes side by side */
    expect("a\"b\\c", "\"a\\\"b\\\\c\"");
}

static void test_control_characters(void **state)
{
    (void)state;
    for (int c = 1; c < 0x20; c++) {
        char s[4] = {'x', (char)c, 'y', '\0'}, want[16];
        snprintf(want, sizeof want, "\"x\\u%04xy\"", c);
        expect(s, want);
    }
    expect("\n", "\"\\u000a\"");
    expect("\x1f", "\"\\u001f\"");
    expect("a\tb\r\n", "\"a\\u0009b\\u000d\\u000a\"");
    expect(" ", "\" \""); /* 0x20 is the first character left as it is */
}

static void test_utf8_and_invalid_bytes(void **state)
{
    (void)state;
    /* 2-, 3- and 4-byte characters are copied byte for byte */
    expect("Côte d’Ivoire, Россия, 中国, 🇺🇦", "\"Côte d’Ivoire, Россия, 中国, 🇺🇦\"");
    /* invalid UTF-8 (a lone continuation byte, 0xff, a cut sequence, a surrogate) is not
     * decoded or replaced: the readers' text rule refuses it before it can get here */
    expect("\x80", "\"\x80\"");
    expect("a\xff\xfe" "b", "\"a\xff\xfe" "b\"");
    expect("\xc3", "\"\xc3\"");
    expect("\xed\xa0\x80\"", "\"\xed\xa0\x80\\\"\"");
}

/* Every ASCII character and the UTF-8 above, as written, parse back to the same string. */
static void test_round_trip(void **state)
{
    (void)state;
    char all[128];
    for (int c = 1; c < 128; c++) {
        all[c - 1] = (char)c;
    }
    all[127] = '\0';
    const char *cases[] = {all, "", "\"\\\"", "tab\there", "Côte d’Ivoire 🇺🇦 \x01\x1f"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = escaped_after("", cases[i]);
        json_error_t je;
        json_t *v = json_loads(text, JSON_DECODE_ANY, &je);
        if (!v || !json_is_string(v)) {
            fail_msg("case %zu: %s does not parse as a JSON string: %s", i, text, je.text);
        }
        assert_int_equal(json_string_length(v), strlen(cases[i]));
        assert_memory_equal(json_string_value(v), cases[i], strlen(cases[i]));
        json_decref(v);
        free(text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_null),
        cmocka_unit_test(test_quotes_and_backslashes),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_utf8_and_invalid_bytes),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
