/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* memmem */
/*
 * The HTML report is one self-contained page (docs/report-formats.md): Vega itself, byte for byte
 * as statecraft embeds it, is inside the page, and nothing is fetched when it opens (no script,
 * stylesheet or image from elsewhere). Checked without a browser, so it runs in every build
 * (test_report_browser, which draws the page in Chromium, runs only where Chromium is installed
 * and is left out of the mutation runs).
 */
#include "sc_test.h"

#include "statecraft/statecraft.h"

extern const unsigned char sc__vega_js[];
extern const size_t sc__vega_js_len;

static void test_vega_inlined_nothing_fetched(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    sc_state st = {NULL, SC_EVENTS_AFTER, NULL};
    sc_run_opts o;
    sc_run_opts_init(&o);
    o.format = SC_FORMAT_HTML;
    o.only = "triangle";
    o.threads = 1;
    o.state = &st;
    char *html = NULL;
    size_t len = 0;
    assert_int_equal(sc_run_report(s, &o, &html, &len, &d), SC_OK);
    assert_true(sc__vega_js_len > 10000); /* the library, not a stub */
    assert_non_null(memmem(html, len, sc__vega_js, sc__vega_js_len));
    /* nothing fetched: no external script, stylesheet, image or CSS import (links a reader may
     * follow, <a href>, are no fetch) */
    static const char *const fetch[] = {"<script src", "<link", "<img src=\"http",
                                        "<img src=\"//", "@import", "url(http", "url(//"};
    for (size_t k = 0; k < sizeof fetch / sizeof fetch[0]; k++) {
        if (memmem(html, len, fetch[k], strlen(fetch[k]))) {
            fail_msg("the page fetches something: '%s'", fetch[k]);
        }
    }
    sc_free(html);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_vega_inlined_nothing_fetched)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
