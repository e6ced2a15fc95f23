/* SPDX-License-Identifier: MIT */
/*
 * `statecraft run`: builds the result document (document.c) and renders it in the format asked
 * for. The public face of the report module.
 */
#include "report/document.h"

#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

void sc_run_opts_init(sc_run_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->format = SC_FORMAT_TEXT;
    opts->seed = 20250212u;
    opts->runs = 2000;
}

sc_status sc_format_parse(const char *name, sc_format *out, sc_diag *diag)
{
    if (strcmp(name, "text") == 0) {
        *out = SC_FORMAT_TEXT;
    } else if (strcmp(name, "json") == 0) {
        *out = SC_FORMAT_JSON;
    } else if (strcmp(name, "csv") == 0) {
        *out = SC_FORMAT_CSV;
    } else {
        return sc__diag_set(diag, SC_EINVAL, "unknown format '%s' (formats: text, json, csv)",
                            name);
    }
    return SC_OK;
}

size_t sc_run_model_count(void)
{
    return sc__model_count();
}

const char *sc_run_model_name(size_t i)
{
    const sc__model *m = sc__model_at(i);
    return m ? m->name : NULL;
}

sc_status sc_run_report(const sc_scenario *s, const sc_run_opts *opts, char **out, size_t *len,
                        sc_diag *diag)
{
    *out = NULL;
    if (len) {
        *len = 0;
    }
    sc_run_opts def;
    if (!opts) {
        sc_run_opts_init(&def);
        opts = &def;
    }
    if (opts->format != SC_FORMAT_TEXT && opts->format != SC_FORMAT_JSON) {
        return sc__diag_set(diag, SC_EUNSUPPORTED, "the report is written as text or json");
    }
    sc__model_set set;
    sc_status rc = sc__model_set_parse(opts->only, &set, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (opts->perspective && sc_scenario_actor_index(s, opts->perspective) < 0) {
        size_t n = sc_scenario_actor_count(s);
        const char **ids = malloc((n ? n : 1) * sizeof *ids);
        if (!ids) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        for (size_t i = 0; i < n; i++) {
            ids[i] = sc_scenario_actor(s, i)->id;
        }
        const char *hint = sc__suggest(opts->perspective, ids, n);
        rc = hint ? sc__diag_set(diag, SC_ENOTFOUND, "unknown actor '%s' (did you mean '%s'?)",
                                 opts->perspective, hint)
                  : sc__diag_set(diag, SC_ENOTFOUND, "unknown actor '%s'", opts->perspective);
        free(ids);
        return rc;
    }
    json_t *doc = NULL;
    rc = opts->state ? sc__document_state(s, opts->state, opts, set, &doc, diag)
                     : sc__document_compare(s, opts, set, &doc, diag);
    if (rc != SC_OK) {
        return rc;
    }
    scx_buf b;
    scx_buf_init(&b);
    if (opts->format == SC_FORMAT_JSON) {
        sc__json_write(doc, 2, &b);
        scx_buf_puts(&b, "\n");
    } else {
        sc__render_text(doc, &b);
    }
    json_decref(doc);
    rc = scx_buf_take(&b, out, len, diag);
    scx_buf_destroy(&b);
    return rc;
}
