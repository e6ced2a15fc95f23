/* SPDX-License-Identifier: MIT */
/* `statecraft forecast`: bargaining forecasts; dispatches on --model to the model's front end. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "forecast.h"

static const char usage[] =
    "usage: statecraft forecast --model eum|smp|bargaining [options] [STATE] [INPUT]\n"
    "\n"
    "Forecasts the settlement of bargaining over one or more issues, in one state of the scenario:\n"
    "  --after-events[=DATE]  after its events (all, or up to DATE): the default\n"
    "  --before-events        at its baseline date\n"
    "  --variant NAME         a variant of the scenario, on top of the events\n"
    "  --model eum   Bueno de Mesquita's expected-utility model (default); see\n"
    "                'statecraft forecast --model eum --help'\n"
    "  --model smp   KTAB's Spatial Model of Politics; see 'statecraft forecast --model smp --help'\n"
    "  --model bargaining (or all)  the baseline, both EUM readings and the SMP side by side,\n"
    "                their spread and the veto players' win-set; see\n"
    "                'statecraft forecast --model bargaining --help'\n"
    "KTAB's smpc flags (--csv FILE, --connstr, --logmin, --seed) select --model smp\n"
    "(docs/ktab.md).\n";

/* Finds the value of --model (either "--model X" or "--model=X"); NULL if absent. */
static const char *find_model(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            break;
        }
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc) {
            return argv[i + 1];
        }
        if (strncmp(argv[i], "--model=", 8) == 0) {
            return argv[i] + 8;
        }
    }
    return NULL;
}

static int dispatch(int argc, char **argv, int ktab)
{
    const char *model = find_model(argc, argv);
    if (!model && ktab) {
        model = "smp"; /* smpc's flags: KTAB's SMP */
    }
    if (ktab && strcmp(model, "smp") != 0) {
        return cli_usage_error("forecast", "--csv, --xml, --connstr, --logmin, --savehist, --euSMP "
                                           "and --ra are KTAB's smpc flags: they run the SMP "
                                           "(--model smp), not --model %s",
                               model);
    }
    if (!model) {
        for (int i = 1; i < argc; i++) {
            if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
                fputs(usage, stdout);
                return SC_EXIT_OK;
            }
        }
        model = "eum";
    }
    if (strcmp(model, "eum") == 0) {
        return cli_forecast_eum(argc, argv);
    }
    if (strcmp(model, "smp") == 0) {
        return cli_forecast_smp(argc, argv);
    }
    if (strcmp(model, "bargaining") == 0 || strcmp(model, "all") == 0) {
        return cli_forecast_bargain(argc, argv);
    }
    static const char *const models[] = {"eum", "smp", "bargaining", "all"};
    return cli_check_name("forecast", "--model", "model", model, models, 4);
}

/* KTAB's smpc flags are rewritten into statecraft's first (forecast_ktab.c). */
static int run(int argc, char **argv)
{
    fc_ktab k;
    fc_ktab_init(&k);
    int ktab = fc_ktab_flags_present(argc, argv);
    int rc = fc_ktab_translate(argc, argv, &k);
    if (rc == SC_EXIT_OK) {
        rc = dispatch(k.argc, k.argv, ktab);
    }
    fc_ktab_destroy(&k);
    return rc;
}

const sc_cli_command sc_cli_command_forecast = {"forecast", "bargaining forecasts (eum, smp, bargaining)",
                                               run, NULL};
