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
    } else if (strcmp(name, "html") == 0) {
        *out = SC_FORMAT_HTML;
    } else {
        return sc__diag_set(diag, SC_EINVAL, "unknown format '%s' (formats: text, json, csv, html)",
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

/* Renders doc in `format` into a new string. */
static sc_status render(const json_t *doc, sc_format format, char **out, size_t *len,
                        sc_diag *diag)
{
    scx_buf b;
    scx_buf_init(&b);
    switch (format) {
    case SC_FORMAT_JSON:
        sc__json_write(doc, 2, &b);
        scx_buf_puts(&b, "\n");
        break;
    case SC_FORMAT_HTML: sc__render_html(doc, &b); break;
    case SC_FORMAT_CSV: sc__render_csv(doc, &b); break;
    case SC_FORMAT_TEXT: sc__render_text(doc, &b); break;
    }
    sc_status rc = scx_buf_take(&b, out, len, diag);
    scx_buf_destroy(&b);
    return rc;
}

sc_status sc_report_render(const char *json, size_t json_len, const char *file, sc_format format,
                           char **out, size_t *len, sc_diag *diag)
{
    *out = NULL;
    if (len) {
        *len = 0;
    }
    json_error_t je;
    json_t *doc = json_loadb(json, json_len, JSON_DECODE_ANY, &je);
    if (!doc) {
        size_t pos = je.position > 0 && (size_t)je.position <= json_len ? (size_t)je.position - 1 : 0;
        return sc__diag_set_at(diag, SC_EPARSE, file, json, json_len, pos, 1, "not JSON: %s",
                               je.text);
    }
    int result = json_is_object(doc) && json_is_object(json_object_get(doc, "models")) &&
                 (json_is_object(json_object_get(doc, "state")) ||
                  json_is_array(json_object_get(doc, "states")));
    int command = json_is_object(doc) && !result && json_is_string(json_object_get(doc, "model"));
    int scenario = json_is_object(doc) && !result && !command &&
                   json_is_array(json_object_get(doc, "actors")) &&
                   json_is_array(json_object_get(doc, "issues"));
    if (command || (scenario && format == SC_FORMAT_CSV)) {
        /* a command's document (forecast, war, the logit branch, triangle, landscape) or a
         * scenario (show): its own renderings */
        scx_buf b;
        scx_buf_init(&b);
        sc_status rc = SC_OK;
        if (format == SC_FORMAT_JSON) {
            sc__json_write(doc, 2, &b);
            scx_buf_puts(&b, "\n");
        } else if (format == SC_FORMAT_TEXT) {
            rc = sc__diag_set(diag, SC_EUNSUPPORTED,
                              "%s: the text of a command's document is the command's own output",
                              file ? file : "<input>");
        } else {
            sc__render_command(doc, format == SC_FORMAT_CSV, &b);
        }
        if (rc == SC_OK) {
            rc = scx_buf_take(&b, out, len, diag);
        }
        scx_buf_destroy(&b);
        json_decref(doc);
        return rc;
    }
    if (!result) {
        json_decref(doc);
        return sc__diag_set(diag, SC_EINVAL,
                            "%s: not a statecraft result document (an object with \"models\" and "
                            "\"state\" or \"states\", as `statecraft run --format json` prints)",
                            file ? file : "<input>");
    }
    json_int_t schema = json_integer_value(json_object_get(doc, "schema"));
    if (schema != SC__SCHEMA_VERSION) {
        json_decref(doc);
        return sc__diag_set(diag, SC_EINVAL,
                            "%s: result document schema %" JSON_INTEGER_FORMAT
                            ", this statecraft reads schema %d",
                            file ? file : "<input>", schema, SC__SCHEMA_VERSION);
    }
    sc_status rc = render(doc, format, out, len, diag);
    json_decref(doc);
    return rc;
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
    /* the sections of the models asked for, as validate reads them (a spread that reaches a value
     * the model refuses: refused now, not in a draw); a section `--only` leaves out is not read */
    rc = sc__run_check_models(s, set, diag);
    if (rc != SC_OK) {
        return rc;
    }
    json_t *doc = NULL;
    rc = opts->state ? sc__document_state(s, opts->state, opts, set, &doc, diag)
                     : sc__document_compare(s, opts, set, &doc, diag);
    if (rc != SC_OK) {
        return rc;
    }
    rc = render(doc, opts->format, out, len, diag);
    json_decref(doc);
    return rc;
}
