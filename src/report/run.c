/* SPDX-License-Identifier: MIT */
/*
 * `statecraft run`: every model's section on one scenario, as one text report or one JSON
 * document. Adding a model is adding a row to `models`.
 */
#include "report/sections.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "scenario/node.h"
#include "statecraft/version.h"

typedef struct model_row {
    const char *name;
    const char *title;
    sc__section_fn fn;
} model_row;

static const model_row models[] = {
    {"summary", "Scenario", sc__summary_section},
    {"baseline", "Median-voter baseline", sc__baseline_section},
    {"eum", "Bargaining: expected-utility model", sc__eum_section},
    {"smp", "Bargaining: Spatial Model of Politics", sc__smp_section},
    {"war", "War termination and mediation", sc__war_section},
    {"triangle", "Strategic triangle", sc__triangle_section},
    {"landscape", "Coalition landscape", sc__landscape_section},
    {"game", "Alignment game", sc__game_section},
    {"claims", "Claims to test", sc__claims_section},
};

#define N_MODELS (sizeof models / sizeof models[0])

void sc_run_opts_init(sc_run_opts *opts)
{
    opts->format = SC_FORMAT_TEXT;
    opts->seed = 20250212u;
    opts->runs = 2000;
    opts->threads = 0;
    opts->only = NULL;
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
    return N_MODELS;
}

const char *sc_run_model_name(size_t i)
{
    return i < N_MODELS ? models[i].name : NULL;
}


/* True if `name` is in the comma-separated list (NULL list: everything). */
static int selected(const char *list, const char *name)
{
    if (!list) {
        return 1;
    }
    size_t n = strlen(name);
    for (const char *p = list; *p;) {
        const char *comma = strchr(p, ',');
        size_t l = comma ? (size_t)(comma - p) : strlen(p);
        if (l == n && strncmp(p, name, n) == 0) {
            return 1;
        }
        p += l + (comma ? 1 : 0);
    }
    return 0;
}

static void text_rule(scx_buf *b, const char *title)
{
    scx_buf_printf(b, "\n== %s ", title);
    size_t n = strlen(title);
    for (size_t i = n + 4; i < 78; i++) {
        scx_buf_puts(b, "=");
    }
    scx_buf_puts(b, "\n");
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
    if (opts->only) {
        /* reject unknown model names early, with a suggestion */
        const char *names[N_MODELS];
        for (size_t i = 0; i < N_MODELS; i++) {
            names[i] = models[i].name;
        }
        char buf[256];
        for (const char *p = opts->only; *p;) {
            const char *comma = strchr(p, ',');
            size_t l = comma ? (size_t)(comma - p) : strlen(p);
            if (l >= sizeof buf) {
                l = sizeof buf - 1;
            }
            memcpy(buf, p, l);
            buf[l] = '\0';
            int known = 0;
            for (size_t i = 0; i < N_MODELS; i++) {
                known |= strcmp(names[i], buf) == 0;
            }
            if (!known) {
                const char *hint = sc__suggest(buf, names, N_MODELS);
                return hint ? sc__diag_set(diag, SC_ENOTFOUND,
                                           "unknown model '%s' (did you mean '%s'?)", buf, hint)
                            : sc__diag_set(diag, SC_ENOTFOUND, "unknown model '%s'", buf);
            }
            p += l + (comma ? 1 : 0);
        }
    }
    sc_status rc = SC_OK;
    json_t *doc = json_object();
    json_t *sections = json_object();
    scx_buf text, report;
    scx_buf_init(&text);
    scx_buf_init(&report);
    if (!doc || !sections) {
        json_decref(doc);
        json_decref(sections);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    json_object_set_new(doc, "statecraft", json_string(sc_version()));
    json_t *meta = json_object();
    json_object_set_new(meta, "title", json_string(sc_scenario_title(s)));
    json_object_set_new(meta, "file", json_string(sc_scenario_filename(s)));
    if (sc_scenario_date(s)) {
        json_object_set_new(meta, "date", json_string(sc_scenario_date(s)));
    }
    json_object_set_new(meta, "variant", sc_scenario_variant_name(s)
                                             ? json_string(sc_scenario_variant_name(s))
                                             : json_null());
    json_object_set_new(meta, "actors", json_integer((json_int_t)sc_scenario_actor_count(s)));
    json_object_set_new(meta, "issues", json_integer((json_int_t)sc_scenario_issue_count(s)));
    json_object_set_new(meta, "events", json_integer((json_int_t)sc_scenario_event_count(s)));
    json_object_set_new(doc, "scenario", meta);
    json_t *run = json_object();
    json_object_set_new(run, "seed", json_integer((json_int_t)opts->seed));
    json_object_set_new(run, "runs", json_integer((json_int_t)opts->runs));
    json_object_set_new(run, "rng", json_string(sc_rng_name()));
    json_object_set_new(doc, "run", run);
    json_object_set_new(doc, "models", sections);

    scx_buf_printf(&text, "statecraft %s report: %s\n", sc_version(), sc_scenario_title(s));
    scx_buf_printf(&text, "file: %s", sc_scenario_filename(s));
    if (sc_scenario_variant_name(s)) {
        scx_buf_printf(&text, "   variant: %s", sc_scenario_variant_name(s));
    }
    if (sc_scenario_date(s)) {
        scx_buf_printf(&text, "   baseline date: %s", sc_scenario_date(s));
    }
    scx_buf_printf(
        &text, "\n%zu actors, %zu issues, %zu events, %zu variants, %zu claims; seed %llu\n",
        sc_scenario_actor_count(s), sc_scenario_issue_count(s), sc_scenario_event_count(s),
        sc_scenario_variant_count(s), sc_scenario_claim_count(s), (unsigned long long)opts->seed);

    for (size_t i = 0; i < N_MODELS && rc == SC_OK; i++) {
        if (!selected(opts->only, models[i].name)) {
            continue;
        }
        json_t *sec = json_object();
        if (!sec) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            break;
        }
        text_rule(&text, models[i].title);
        rc = models[i].fn(s, opts, &text, sec, diag);
        json_object_set_new(sections, models[i].name, sec);
    }
    if (rc == SC_OK) {
        if (opts->format == SC_FORMAT_JSON) {
            char *js = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
            if (!js) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            } else {
                scx_buf_puts(&report, js);
                scx_buf_puts(&report, "\n");
                free(js);
            }
        } else {
            scx_buf_append(&report, text.data ? text.data : "", text.len);
        }
        if (text.error) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory building the report");
        }
    }
    if (rc == SC_OK) {
        rc = scx_buf_take(&report, out, len, diag);
    }
    scx_buf_destroy(&report);
    scx_buf_destroy(&text);
    json_decref(doc);
    return rc;
}

/* ---- the baseline section: what every scenario gets before any model ------------------------ */

static void baseline_table(const sc_scenario *s, scx_buf *text, json_t *arr)
{
    scx_buf_printf(text, "%-20s %9s %9s   %s\n", "issue", "mean", "median", "scale");
    for (size_t j = 0; j < sc_scenario_issue_count(s); j++) {
        const sc_issue *is = sc_scenario_issue(s, j);
        double mean = (double)NAN, median = (double)NAN;
        sc_status rc = sc_scenario_issue_baseline(s, j, &mean, &median, NULL);
        json_t *o = json_object();
        json_object_set_new(o, "issue", json_string(is->id));
        if (rc == SC_OK) {
            scx_buf_printf(text, "%-20s %9.2f %9.2f   [%g, %g]\n", is->id, mean, median,
                           is->scale_min, is->scale_max);
            sc__json_set_number(o, "mean", mean);
            sc__json_set_number(o, "median", median);
        } else {
            scx_buf_printf(text, "%-20s %9s %9s   (no weighted stance)\n", is->id, "-", "-");
            json_object_set_new(o, "mean", json_null());
            json_object_set_new(o, "median", json_null());
        }
        json_array_append_new(arr, o);
    }
}

sc_status sc__baseline_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                               json_t *json, sc_diag *diag)
{
    (void)opts;
    scx_buf_puts(text,
                 "Capability x salience weighted mean and weighted median position per issue\n"
                 "(the median voter: where a majority-weighted vote would settle).\n\n");
    if (sc_scenario_issue_count(s) == 0) {
        scx_buf_puts(text, "The scenario has no issues.\n");
        json_object_set_new(json, "note", json_string("the scenario has no issues"));
        return SC_OK;
    }
    json_t *before = json_array();
    scx_buf_puts(text, sc_scenario_event_count(s) ? "Before the events:\n" : "");
    baseline_table(s, text, before);
    json_object_set_new(json, "before_events", before);
    if (sc_scenario_event_count(s) > 0) {
        sc_scenario *after = NULL;
        sc_status rc = sc_scenario_after_events(s, NULL, &after, diag);
        if (rc != SC_OK) {
            return rc;
        }
        json_t *arr = json_array();
        scx_buf_printf(text, "\nAfter the %zu events (to %s):\n", sc_scenario_event_count(s),
                       sc_scenario_events_until(after) ? sc_scenario_events_until(after) : "-");
        baseline_table(after, text, arr);
        json_object_set_new(json, "after_events", arr);
        sc_scenario_free(after);
    }
    return SC_OK;
}

/* ---- the scenario summary and the claims ---------------------------------------------------- */

sc_status sc__summary_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                              json_t *json, sc_diag *diag)
{
    (void)opts;
    (void)diag;
    sc__describe_text(s, text, 1);
    json_t *sj = sc__scenario_json(s);
    if (!sj) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    json_object_update(json, sj);
    json_decref(sj);
    return SC_OK;
}

/*
 * Lists the claims the scenario records and the model each names as its test. The models'
 * sections above carry the evidence; turning claims into probabilities over the uncertain
 * inputs is the Monte Carlo layer's job.
 */
sc_status sc__claims_section(const sc_scenario *s, const sc_run_opts *opts, scx_buf *text,
                             json_t *json, sc_diag *diag)
{
    (void)opts;
    (void)diag;
    json_t *arr = json_array();
    if (sc_scenario_claim_count(s) == 0) {
        scx_buf_puts(text, "The scenario records no claims.\n");
    }
    for (size_t k = 0; k < sc_scenario_claim_count(s); k++) {
        const sc_claim *c = sc_scenario_claim(s, k);
        const sc_node *test = sc__node_get(sc__scenario_claim_node(s, k), "test");
        const char *model = sc__node_scalar(sc__node_get(test, "model"));
        const char *expect = sc__node_scalar(sc__node_get(test, "expect"));
        scx_buf_printf(text, "%zu. %s\n   \"%s\"\n", k + 1, c->id, c->text);
        if (c->source) {
            scx_buf_printf(text, "   source: %s\n", c->source);
        }
        if (model) {
            scx_buf_printf(text, "   tested by: %s%s%s\n", model, expect ? ", expecting: " : "",
                           expect ? expect : "");
        }
        json_t *o = json_object();
        json_object_set_new(o, "id", json_string(c->id));
        json_object_set_new(o, "text", json_string(c->text));
        json_object_set_new(o, "source", c->source ? json_string(c->source) : json_null());
        json_object_set_new(o, "model", model ? json_string(model) : json_null());
        json_object_set_new(o, "expect", expect ? json_string(expect) : json_null());
        json_array_append_new(arr, o);
    }
    json_object_set_new(json, "claims", arr);
    return SC_OK;
}
