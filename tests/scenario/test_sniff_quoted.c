/* SPDX-License-Identifier: MIT */
/*
 * KTAB's counts in quoted fields (src/scenario/sniff.c, ktab_counts). KTAB's reader splits its
 * scenario line at commas, a field that starts with '"' running to the closing quote, and reads
 * the actor and dimension counts from the text inside the quotes (with whatever follows the
 * closing quote). A file whose header does not say "Actor" is KTAB's by its counts alone, so the
 * sniff must read a quoted count as the reader does: otherwise a file `forecast --model smp`
 * runs gets the YAML parser's "a scenario must be a mapping" from validate and run, instead of
 * the refusal that names the command to use. test_sniff covers headers and one-byte edits; none
 * of its files quotes a count.
 */
#include "sc_test.h"

#include "statecraft/scenario.h"
#include "statecraft/smp.h"

/* What KTAB's reader makes of the text: SC_OK with its counts, or its error. */
static sc_status read_ktab(const char *text, size_t *n, size_t *m)
{
    sc_smp_input *in = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_status rc = sc_smp_read_ktab_csv(text, strlen(text), "k.csv", &in, &d);
    if (rc == SC_OK) {
        *n = in->n;
        *m = in->m;
    }
    sc_smp_input_free(in);
    return rc;
}

/* The scenario reader's answer to a text sniffed as KTAB's: the refusal naming the command. */
static void refused_as_ktab(const char *text)
{
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_not_equal(sc_scenario_read(text, strlen(text), "q.csv", &s, &d), SC_OK);
    assert_null(s);
    if (!strstr(d.message, "statecraft forecast --model smp q.csv")) {
        fail_msg("not refused as KTAB's CSV: %s\n%s", d.message, text);
    }
}

/* The three actor rows of one dimension every text below shares; the header is "Name", so only
 * the counts can make the file KTAB's. */
#define ROWS "Name,Description,Power,P1,S1\nA,a,1,20,30\nB,b,2,40,50\nC,c,3,60,70\n"

static void test_quoted_counts_are_ktab(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Scen,desc,\"3\",\"1\"\n" ROWS,               /* both counts quoted */
        "Scen,desc,\"3\",1\n" ROWS,                   /* the actor count only */
        "Scen,desc,3,\"1\"\n" ROWS,                   /* the dimension count only */
        "Scen,desc,\" 3\",\"1\"\n" ROWS,              /* a blank inside the quotes */
        "Scen,desc,\"3\" actors,\"1\" dim\n" ROWS,    /* text after the closing quote */
        "\"Scen, 2025\",\"a, b\",\"3\",\"1\"\n" ROWS, /* quoted fields with commas before */
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t n = 0, m = 0;
        /* the premise: KTAB's reader takes the file, three actors on one dimension */
        if (read_ktab(texts[i], &n, &m) != SC_OK) {
            fail_msg("KTAB's reader refuses case %zu:\n%s", i, texts[i]);
        }
        assert_int_equal(n, 3);
        assert_int_equal(m, 1);
        /* so the sniff calls it KTAB's, the public predicate agrees, and the scenario reader
         * sends the user to forecast --model smp */
        if (sc_file_kind_of(texts[i], strlen(texts[i])) != SC_FILE_KTAB_CSV) {
            fail_msg("case %zu sniffed as %s, not ktab-csv:\n%s", i,
                     sc_file_kind_name(sc_file_kind_of(texts[i], strlen(texts[i]))), texts[i]);
        }
        assert_true(sc_smp_is_ktab_csv(texts[i], strlen(texts[i])));
        refused_as_ktab(texts[i]);
    }
}

/* Quoted counts the reader refuses do not make a file KTAB's either (no "Actor" header): the
 * quotes are read through, not taken as a licence. */
static void test_quoted_bad_counts_are_not(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Scen,desc,\"2\",\"1\"\n" ROWS,   /* fewer than 3 actors */
        "Scen,desc,\"3\",\"0\"\n" ROWS,   /* no dimension */
        "Scen,desc,\"3.5\",\"1\"\n" ROWS, /* not whole */
        "Scen,desc,\"x3\",\"1\"\n" ROWS,  /* no leading number */
        "Scen,desc,\"3\"\n" ROWS,         /* the dimension count missing */
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        size_t n = 0, m = 0;
        assert_int_not_equal(read_ktab(texts[i], &n, &m), SC_OK);
        if (sc_file_kind_of(texts[i], strlen(texts[i])) != SC_FILE_SCENARIO) {
            fail_msg("case %zu sniffed as %s, not scenario:\n%s", i,
                     sc_file_kind_name(sc_file_kind_of(texts[i], strlen(texts[i]))), texts[i]);
        }
        assert_false(sc_smp_is_ktab_csv(texts[i], strlen(texts[i])));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_counts_are_ktab),
        cmocka_unit_test(test_quoted_bad_counts_are_not),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
