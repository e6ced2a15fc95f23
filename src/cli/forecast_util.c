/* SPDX-License-Identifier: MIT */
/*
 * What the bargaining front ends (forecast --model eum|smp|all) share: loading the scenario
 * state the options chose (cli_load_state), and JSON/CSV text escaping.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "forecast.h"

/* The loaders of forecast_eum.c and forecast_smp.c: cli_load_state, the one loader. */
int fc_load(const char *path, const sc_state *st, sc_scenario **out)
{
    return cli_load_state("forecast", path, NULL, 0, st, NULL, out);
}

int fc_load_input(const fc_input *in, const sc_state *st, sc_scenario **out)
{
    return cli_load_state("forecast", in->file, in->file ? in->text : NULL, in->len, st, NULL, out);
}

void fc_json_num(scx_buf *b, double v)
{
    if (v != v || v - v != 0) {
        scx_buf_puts(b, "null"); /* NaN and infinities are not JSON numbers */
    } else {
        scx_buf_printf(b, "%.17g", v);
    }
}

void fc_csv_field(scx_buf *b, const char *s)
{
    /* RFC 4180 quoting by libcsv's writer, as every CSV statecraft writes */
    scx_csv_field(b, s);
}

int fc_capability_index(sc_scenario **s, const char *name, sc_diag *diag)
{
    sc_capability_spec spec = *sc_scenario_capability_spec(*s);
    if (sc_capability_index_parse(name, &spec.index, NULL) != SC_OK ||
        spec.index == SC_CAPABILITY_GIVEN) {
        return cli_usage_error("forecast",
                               "--capability-index must be cinc, milex, gdp or composite, got '%s'",
                               name);
    }
    sc_scenario *w = NULL;
    if (sc_scenario_with_capability_index(*s, &spec, &w, diag) != SC_OK) {
        return cli_fail(diag);
    }
    sc_scenario_free(*s);
    *s = w;
    return 0;
}
