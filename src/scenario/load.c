/* SPDX-License-Identifier: MIT */
/* Loading scenarios from files (format chosen by content) and the built-in scenario. */
#include "scenario/scenario_internal.h"

#include <stdio.h>
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

/* The issue id of a BDM table: the file's name without directory and extension. */
static void stem_of(const char *file, char *stem, size_t cap)
{
    if (!file || strcmp(file, "-") == 0 || strcmp(file, "<stdin>") == 0) {
        snprintf(stem, cap, "stdin");
        return;
    }
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (n >= cap) {
        n = cap - 1;
    }
    memcpy(stem, base, n);
    stem[n] = '\0';
}

/* KTAB's files are the SMP's input, not scenarios: say which command reads them. */
static sc_status refuse_ktab(sc_file_kind kind, const char *shown, const char *file,
                             const char *text, size_t len, sc_diag *diag)
{
    size_t off = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB) {
        off = 3;
    }
    while (kind == SC_FILE_KTAB_XML && off < len && text[off] != '<') {
        off++;
    }
    const char *arg = !file || strcmp(file, "-") == 0 ? "-" : file;
    if (kind == SC_FILE_KTAB_CSV) {
        return sc__diag_set_at(diag, SC_EPARSE, shown, text, len, off, 1,
                               "this is a KTAB SMP scenario (KTAB's CSV format, smpc --csv), not "
                               "a statecraft scenario; run it with 'statecraft forecast --model "
                               "smp %s' (docs/ktab.md)",
                               arg);
    }
    return sc__diag_set_at(diag, SC_EPARSE, shown, text, len, off, 1,
                           "this is XML, such as KTAB's SMP XML scenarios (smpc --xml), not a "
                           "statecraft scenario (YAML or JSON); statecraft reads KTAB's CSV: "
                           "convert with 'statecraft-ktab-xml-to-csv FILE.xml > FILE.csv' "
                           "(scripts/ktab-xml-to-csv in a source tree), which "
                           "prints the XML's <ModelParameters> and <prngSeed> as --option "
                           "NAME=VALUE and --seed, then run 'statecraft forecast --model smp "
                           "FILE.csv' (docs/ktab.md)");
}

sc_status sc_scenario_read(const char *text, size_t len, const char *file, sc_scenario **out,
                           sc_diag *diag)
{
    *out = NULL;
    sc_parse_opts opts;
    sc_parse_opts_init(&opts);
    opts.filename = !file || strcmp(file, "-") == 0 ? "<stdin>" : file;
    sc_file_kind kind = sc_file_kind_of(text, len);
    if (kind == SC_FILE_KTAB_CSV || kind == SC_FILE_KTAB_XML) {
        return refuse_ktab(kind, opts.filename, file, text, len, diag);
    }
    if (kind == SC_FILE_BDM_CSV) {
        char stem[128];
        stem_of(file, stem, sizeof stem);
        return sc_scenario_parse_bdm_csv(text, len, stem, &opts, out, diag);
    }
    return sc_scenario_parse(text, len, &opts, out, diag);
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
    sc_file_kind kind = sc_file_kind_of(text, len);
    if (ends_with(path, ".csv") && kind != SC_FILE_KTAB_CSV && kind != SC_FILE_KTAB_XML) {
        /* a .csv that is no KTAB file is a BDM table, even with a header the sniff misses */
        char stem[128];
        stem_of(path, stem, sizeof stem);
        rc = sc_scenario_parse_bdm_csv(text, len, stem, &opts, out, diag);
    } else {
        rc = sc_scenario_read(text, len, path, out, diag);
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
