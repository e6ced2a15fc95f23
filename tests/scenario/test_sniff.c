/* SPDX-License-Identifier: MIT */
/*
 * The file sniffing and KTAB's CSV reader agree (src/scenario/sniff.c, src/smp/ktab_csv.c): every
 * text the reader accepts is sniffed as KTAB's CSV (but for a first line that is XML's '<' or a
 * BDM table's '#' comment), a text sniffed as KTAB's gets that reader's answer, never the YAML
 * parser's, and sc_smp_is_ktab_csv is the sniff. Checked on KTAB's header variants and on every
 * one-byte edit of small KTAB files.
 */
#include "sc_test.h"

#include "statecraft/scenario.h"
#include "statecraft/smp.h"

static sc_file_kind kind(const char *text)
{
    return sc_file_kind_of(text, strlen(text));
}

static int reads(const char *text, size_t len)
{
    sc_smp_input *in = NULL;
    sc_diag d;
    sc_diag_init(&d);
    sc_status rc = sc_smp_read_ktab_csv(text, len, "k.csv", &in, &d);
    sc_smp_input_free(in);
    return rc == SC_OK;
}

/* The one exception allowed: what the reader takes, the sniff calls XML or a BDM table. */
static int excused(const char *text, size_t len, sc_file_kind k)
{
    size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t first = i;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
        i++;
    }
    return (k == SC_FILE_KTAB_XML && i < len && text[i] == '<') ||
           (k == SC_FILE_BDM_CSV && first < len && text[first] == '#');
}

/* The agreement on one text: reader OK => sniffed KTAB (or excused); sniffed KTAB => the scenario
 * reader refuses it as KTAB's, naming the command; sc_smp_is_ktab_csv is the sniff. */
static void agree(const char *text, size_t len)
{
    sc_file_kind k = sc_file_kind_of(text, len);
    assert_int_equal(sc_smp_is_ktab_csv(text, len), k == SC_FILE_KTAB_CSV);
    if (reads(text, len) && k != SC_FILE_KTAB_CSV && !excused(text, len, k)) {
        fail_msg("KTAB's reader takes this text, sniffed as %s:\n%.*s", sc_file_kind_name(k),
                 (int)len, text);
    }
    if (k == SC_FILE_KTAB_CSV) {
        sc_scenario *s = NULL;
        sc_diag d;
        sc_diag_init(&d);
        assert_int_not_equal(sc_scenario_read(text, len, "k.txt", &s, &d), SC_OK);
        assert_null(s);
        assert_non_null(strstr(d.message, "statecraft forecast --model smp k.txt"));
    }
}

static const char soe[] = "China Policy; scen 0,Scenario-000; Appetite for reform, 3, 1, \n"
                          "Actor,Description,Influence,Policy Position,Policy Salience, \n"
                          "XJ,Xi Jinping,100,30,30, \n"
                          "LK,Li Keqiang,80,40,60, \n"
                          "NDRC,Planning commission,60,20,50, \n";

/* KTAB's reader takes any header: the headers a user's file may have are KTAB's. */
static void test_headers(void **state)
{
    (void)state;
    static const char *const headers[] = {"Actor", "actor", "\"Actor\"", " Actor ", "ACTOR",
                                          "Name",  "Player", "",        "Actor;Description"};
    for (size_t h = 0; h < sizeof headers / sizeof *headers; h++) {
        char text[1024];
        snprintf(text, sizeof text,
                 "Scen,desc,3,1\n%s,Description,Power,P1,S1\nA,a,1,20,30\nB,b,2,40,50\n"
                 "C,c,3,60,70\n",
                 headers[h]);
        agree(text, strlen(text));
        assert_true(reads(text, strlen(text)));
        assert_int_equal(kind(text), SC_FILE_KTAB_CSV);
    }
    /* the counts as KTAB reads them: blanks before, text after, a quoted field with commas */
    assert_int_equal(kind("S,\"a, b\", 3 actors,1 dim\nX,D,P,P1,S1\nA,a,1,2,3\n"),
                     SC_FILE_KTAB_CSV);
    assert_int_equal(kind("\"S,x\",d,3,1\nX,D,P,P1,S1\nA,a,1,2,3\n"), SC_FILE_KTAB_CSV);
    /* a name that starts with '#' (no BDM header follows) */
    assert_int_equal(kind("#S,d,3,1\nName,D,P,P1,S1\nA,a,1,2,3\n"), SC_FILE_KTAB_CSV);
    assert_int_equal(kind("#S,d,3,1\nActor,D,P,P1,S1\nA,a,1,2,3\n"), SC_FILE_KTAB_CSV);
    /* ... but a BDM table's comment stays one */
    assert_int_equal(kind("# a, b, 3, 1\nActor,Capability,Position,Salience\nA,1,2,3\n"),
                     SC_FILE_BDM_CSV);
    /* YAML lines with commas and numbers are not KTAB's scenario line: without the header,
     * the counts must be the reader's and the next rows KTAB's */
    assert_int_equal(kind("description: Russia, Ukraine, 3 rounds, 2 sides\nstatecraft: 1\n"
                          "metadata: {title: x}\n"),
                     SC_FILE_SCENARIO);
    assert_int_equal(kind("# Russia, Ukraine, 3, 2\nstatecraft: 1\nmetadata: {title: x}\n"),
                     SC_FILE_SCENARIO);
    assert_int_equal(kind("S,d,3,1\nX,D,P,P1,S1\nA,a,1,2\n"), SC_FILE_SCENARIO); /* 2 commas */
    assert_int_equal(kind("S,d,2,1\nX,D,P,P1,S1\nA,a,1,2,3\n"), SC_FILE_SCENARIO); /* N < 3 */
    assert_int_equal(kind("S,d,3,1001\nX,D,P,P1,S1\nA,a,1,2,3\n"), SC_FILE_SCENARIO);
    assert_int_equal(kind("S,d,3.5,1\nX,D,P,P1,S1\nA,a,1,2,3\n"), SC_FILE_SCENARIO);
    assert_int_equal(kind("S,d,0x3,1\nX,D,P,P1,S1\nA,a,1,2,3\n"), SC_FILE_SCENARIO);
    assert_int_equal(kind("S,d,3,1\n\nA,a,1,2,3\n"), SC_FILE_SCENARIO); /* no header */
    /* the one public predicate is the sniff */
    assert_true(sc_smp_is_ktab_csv(soe, strlen(soe)));
    /* half a byte order mark is not skipped (the reader does not skip it either) */
    agree("\xEF\xBBXS,d,3,1\nActor,D,P,P1,S1\n", 27);
    assert_false(sc_smp_is_ktab_csv("#S,d,3,1\nActor,Capability,Position,Salience\n", 44));
}

/* Every one-byte change (each of a few telling bytes, or a deletion) of small KTAB files. */
static void test_every_edit(void **state)
{
    (void)state;
    static const char *const bases[] = {
        soe,
        "Scen,desc,3,2,\nActor,Description,Power,P1,S1,P2,S2\nA,a,1,20,30,40,50\n"
        "B,b,2,40,50,60,30\nC,c,3,60,70,10,20\n",
        "\xEF\xBB\xBF\"S,1\",d,3,1\r\nName,D,P,P1,S1\r\nA,a,1,20,30\r\nB,b,2,40,50\r\n"
        "C,c,3,60,70\r\n"};
    static const char bytes[] = {'"', ',', '#', ' ', 'x', '0', '7', '\n', 'A', '$', '<', '-', '\0'};
    size_t checked = 0, accepted = 0;
    for (size_t b = 0; b < sizeof bases / sizeof *bases; b++) {
        size_t n = strlen(bases[b]);
        char *t = malloc(n + 1);
        assert_non_null(t);
        for (size_t i = 0; i < n; i++) {
            for (size_t c = 0; c <= sizeof bytes; c++) {
                size_t len = n;
                memcpy(t, bases[b], n);
                if (c == sizeof bytes) {
                    memmove(t + i, t + i + 1, n - i - 1); /* delete byte i */
                    len--;
                } else {
                    t[i] = bytes[c];
                }
                agree(t, len);
                accepted += reads(t, len);
                checked++;
            }
        }
        free(t);
    }
    /* the edits exercise both sides: most still read, many do not */
    assert_true(accepted > checked / 4);
    assert_true(accepted < checked);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_headers),
        cmocka_unit_test(test_every_edit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
