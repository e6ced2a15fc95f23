/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the scenario -> report path, what `statecraft run` does on a fuzzed scenario.
 * Whatever parses and validates (as statecraft validate: sc_run_check too) goes through every
 * model without an error other than out of memory into the result document (the
 * comparative report: as given and each variant, before and after the events), which must be
 * strict UTF-8 JSON of schema 1; the document is then rendered as text, CSV and HTML. Models that
 * cannot run say so in their section; nothing may crash, leak or print invalid JSON.
 *
 * Scenarios are kept small (at most 12 actors, 6 issues, 8 variants) and the Monte Carlo runs few
 * (16, one thread), so that one input costs milliseconds: the size limits have their own tests
 * (tests/reliability/test_memory.c), this target is after the paths through the models.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "statecraft/statecraft.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void render(const char *json, size_t len, sc_format format)
{
    char *out = NULL;
    size_t n = 0;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_report_render(json, len, "fuzz.json", format, &out, &n, &diag) != SC_OK) {
        /* the library's own document must always render */
        abort();
    }
    if (!out || strlen(out) != n) {
        abort();
    }
    sc_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sc_scenario *s = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_scenario_parse((const char *)data, size, NULL, &s, &diag) != SC_OK) {
        if (diag.code == SC_OK || diag.message[0] == '\0') {
            abort(); /* a failure is always explained */
        }
        return 0;
    }
    if (sc_scenario_actor_count(s) > 12 || sc_scenario_issue_count(s) > 6 ||
        sc_scenario_variant_count(s) > 8 || sc_scenario_validate(s, &diag) != SC_OK) {
        sc_scenario_free(s);
        return 0;
    }
    /* what statecraft validate checks after loading: the model sections, in every state */
    if (sc_run_check(s, &diag) != SC_OK) {
        if (diag.code == SC_OK || diag.message[0] == '\0') {
            abort();
        }
        sc_scenario_free(s);
        return 0;
    }
    sc_run_opts o;
    sc_run_opts_init(&o);
    o.format = SC_FORMAT_JSON;
    o.runs = 16;
    o.threads = 1;
    char *json = NULL;
    size_t len = 0;
    sc_status rc = sc_run_report(s, &o, &json, &len, &diag);
    if (rc != SC_OK) {
        /*
         * A model that cannot run says so in its section; a scenario that passes validation
         * (sc_run_check included: a misspelt `war:` key, regress-war-key-validate-ok, used to
         * pass it) fails the report only for want of memory or on a claim whose predicate does
         * not yield true or false on the computed document (known only once the models ran),
         * and then with a message.
         */
        int claim_verdict = rc == SC_EINVAL && strncmp(diag.message, "claim '", 7) == 0;
        if ((rc != SC_ENOMEM && !claim_verdict) || diag.message[0] == '\0') {
            fprintf(stderr, "validate passes, run fails: %s\n", diag.message);
            abort();
        }
        sc_scenario_free(s);
        return 0;
    }
    json_error_t je;
    /* jansson refuses invalid UTF-8 and lone surrogates: the document must be strict JSON */
    json_t *doc = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc || json_integer_value(json_object_get(doc, "schema")) != 1 ||
        !json_is_object(json_object_get(doc, "models"))) {
        abort();
    }
    json_decref(doc);
    render(json, len, SC_FORMAT_TEXT);
    render(json, len, SC_FORMAT_CSV);
    render(json, len, SC_FORMAT_HTML);
    sc_free(json);
    sc_scenario_free(s);
    return 0;
}
