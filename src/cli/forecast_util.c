/* SPDX-License-Identifier: MIT */
/*
 * What the bargaining front ends (forecast --model eum|smp|all) share: the scenario-state
 * options (--before-events, --after-events[=DATE], --variant NAME), loading the state through
 * sc_scenario_at, saying which state was used, and JSON/CSV text escaping.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "forecast.h"

void fc_state_init(fc_state *f)
{
    sc_state_init(&f->st);
    f->given = 0;
}

int fc_state_option(fc_state *f, int opt, const char *arg)
{
    switch (opt) {
    case FC_OPT_BEFORE:
        f->st.events = SC_EVENTS_BEFORE;
        f->st.until = NULL;
        break;
    case FC_OPT_AFTER:
        f->st.events = SC_EVENTS_AFTER;
        f->st.until = arg; /* NULL: every event; a bad date is reported by sc_scenario_at */
        break;
    case FC_OPT_VARIANT:
        f->st.variant = arg;
        break;
    default:
        return 0;
    }
    f->given = 1;
    return 1;
}

int fc_load(const char *path, const fc_state *f, sc_scenario **out)
{
    *out = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    sc_scenario *s = NULL;
    sc_status rc = path ? sc_scenario_load(path, &s, &diag) : sc_scenario_builtin(&s, &diag);
    if (rc != SC_OK) {
        return cli_fail(&diag);
    }
    sc_scenario *at = NULL;
    rc = sc_scenario_at(s, &f->st, &at, &diag);
    if (rc == SC_OK) {
        cli_warn_shifts(s, &f->st);
    }
    sc_scenario_free(s);
    if (rc != SC_OK) {
        return cli_fail(&diag);
    }
    *out = at;
    return SC_EXIT_OK;
}

void fc_state_text(scx_buf *b, const sc_scenario *s, const fc_state *f)
{
    const char *date = sc_scenario_state_date(s);
    const char *variant = sc_scenario_variant_name(s);
    if (f->st.events == SC_EVENTS_BEFORE) {
        scx_buf_puts(b, "State: before the events");
    } else if (sc_scenario_event_count(s) == 0) {
        scx_buf_puts(b, "State: the scenario has no events");
    } else if (f->st.until) {
        scx_buf_printf(b, "State: after the events up to %s", f->st.until);
    } else {
        scx_buf_puts(b, "State: after all the events");
    }
    scx_buf_printf(b, ", %s%s%s", variant ? "variant " : "the scenario as given",
                   variant ? variant : "", date ? "" : "\n");
    if (date) {
        scx_buf_printf(b, "; it stands for %s\n", date);
    }
}

void fc_json_str(scx_buf *b, const char *s)
{
    if (!s) {
        scx_buf_puts(b, "null");
        return;
    }
    scx_buf_puts(b, "\"");
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') {
            scx_buf_printf(b, "\\%c", ch);
        } else if (ch < 0x20) {
            scx_buf_printf(b, "\\u%04x", ch);
        } else {
            scx_buf_append(b, s, 1);
        }
    }
    scx_buf_puts(b, "\"");
}

void fc_json_num(scx_buf *b, double v)
{
    if (v != v || v - v != 0) {
        scx_buf_puts(b, "null"); /* NaN and infinities are not JSON numbers */
    } else {
        scx_buf_printf(b, "%.17g", v);
    }
}

void fc_state_json(scx_buf *b, const sc_scenario *s, const fc_state *f)
{
    scx_buf_puts(b, "\"state\":{\"variant\":");
    fc_json_str(b, sc_scenario_variant_name(s));
    scx_buf_printf(b, ",\"events\":\"%s\",\"until\":",
                   f->st.events == SC_EVENTS_BEFORE ? "before" : "after");
    fc_json_str(b, f->st.events == SC_EVENTS_BEFORE ? NULL : f->st.until);
    scx_buf_puts(b, ",\"date\":");
    fc_json_str(b, sc_scenario_state_date(s));
    scx_buf_puts(b, "}");
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
