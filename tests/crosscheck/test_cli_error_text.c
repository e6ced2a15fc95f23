/* SPDX-License-Identifier: MIT */
/*
 * Every command's bad input, checked for content and not only for the exit code (issue 20): exit
 * 2, nothing at all on stdout (a script piping the output must not take a half answer for a
 * result), and a message on stderr that names the option, value or path at fault.
 */
#include "sc_test.h"

#define GAMES SC_SHARED_DIR "/reference/gambit/games/"
#define SYRIA SC_SHARED_DIR "/reference/models/data/landscape_syria2016_"

static const struct {
    const char *args;
    const char *names; /* what the message must name */
} bad[] = {
    /* forecast (EUM, SMP) */
    {"forecast --model eum --rounds x", "--rounds"},
    {"forecast --model eum --rounds x", "'x'"},
    {"forecast --model nosuch", "'nosuch'"},
    {"forecast --model smp --rounds 3", "'--rounds'"}, /* the SMP has no fixed rounds */
    {"forecast --model eum /nonexistent/table.csv", "/nonexistent/table.csv"},
    {"forecast --model eum --format xml", "--format"},
    /* war */
    {"war --runs 0", "--runs"},
    {"war --horizon -1", "--horizon"},
    {"war --horizon -1", "'-1'"},
    {"war --format xml", "'xml'"},
    /* landscape */
    {"landscape --method fast", "--method"},
    {"landscape --blocs 1", "--blocs"},
    {"landscape --shift x", "--shift"},
    {"landscape --threads -2", "--threads"},
    {"landscape no-such-file.csv", "no-such-file.csv"},
    {"landscape --trade-weight 1 " SYRIA "actors.csv " SYRIA "propensity_raw.csv", "--trade-weight"},
    {"landscape " SYRIA "actors.csv", "'Capability'"},
    /* triangle */
    {"triangle --amity 0.3,2,0.4", "--amity"},
    {"triangle --actors USA,RUS", "--actors"},
    {"triangle --actors USA,RUS,XYZ", "'XYZ'"},
    {"triangle --format xml", "'xml'"},
    /* games */
    {"game --nosuch", "'--nosuch'"},
    {"game check /nonexistent.nfg", "PROFILE"},
    {"solve --method nosuch " GAMES "pd.nfg", "'nosuch'"},
    {"solve --method lcp " GAMES "2x2x2.nfg", "2x2x2.nfg"},
    {"solve --method lcp " GAMES "2x2x2.nfg", "two-player"},
    {"solve /nonexistent/game.nfg", "/nonexistent/game.nfg"},
};

static void test_errors_name_the_fault(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out = NULL, *err = NULL;
        int rc = sc_test_run_cli(bad[i].args, &out, &err);
        if (rc != 2 || !out || out[0] != '\0' || !err || !strstr(err, bad[i].names) ||
            (!strstr(err, "statecraft") && !strstr(err, "error"))) {
            fail_msg("statecraft %s: exit %d (expected 2), stdout '%s', stderr '%s' (expected it "
                     "to name %s)",
                     bad[i].args, rc, out ? out : "(none)", err ? err : "(none)", bad[i].names);
        }
        free(out);
        free(err);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_errors_name_the_fault)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
