/* SPDX-License-Identifier: MIT */
/* Loading scenarios from files (format chosen by extension) and the built-in scenario. */
#include "scenario/scenario_internal.h"

#include <string.h>

#include "core/diag_internal.h"
#include "scx/scx.h"

extern const unsigned char sc__builtin_scenario_text[];
extern const size_t sc__builtin_scenario_len;
extern const char sc__builtin_scenario_name[];

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m) {
        return 0;
    }
    for (size_t i = 0; i < m; i++) {
        char c = s[n - m + i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c + 32);
        }
        if (c != suffix[i]) {
            return 0;
        }
    }
    return 1;
}

sc_status sc_scenario_load(const char *path, sc_scenario **out, sc_diag *diag)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    sc_parse_opts opts;
    sc_parse_opts_init(&opts);
    opts.filename = strcmp(path, "-") == 0 ? "<stdin>" : path;
    sc_status rc = scx_file_read(path, opts.max_bytes, &text, &len, diag);
    if (rc != SC_OK) {
        return rc;
    }
    if (ends_with(path, ".csv")) {
        /* The issue id is the file's stem: "data/emissions.csv" -> "emissions". */
        const char *base = strrchr(path, '/');
        base = base ? base + 1 : path;
        char stem[128];
        size_t n = strlen(base) - 4;
        if (n >= sizeof stem) {
            n = sizeof stem - 1;
        }
        memcpy(stem, base, n);
        stem[n] = '\0';
        rc = sc_scenario_parse_bdm_csv(text, len, stem, &opts, out, diag);
    } else {
        rc = sc_scenario_parse(text, len, &opts, out, diag);
    }
    sc_free(text);
    return rc;
}

sc_status sc_scenario_builtin(sc_scenario **out, sc_diag *diag)
{
    sc_parse_opts opts;
    sc_parse_opts_init(&opts);
    opts.filename = sc__builtin_scenario_name;
    return sc_scenario_parse((const char *)sc__builtin_scenario_text, sc__builtin_scenario_len,
                             &opts, out, diag);
}

const char *sc_scenario_builtin_name(void)
{
    return sc__builtin_scenario_name;
}
