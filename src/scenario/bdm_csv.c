/* SPDX-License-Identifier: MIT */
/*
 * Bueno de Mesquita actor tables: CSV with the columns Actor, Capability, Position, Salience in
 * any order (other columns ignored), '#' comment lines, one actor per row. libcsv does the
 * quoting; we keep line numbers so every error points into the file.
 */
#include "scenario/scenario_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/diag_internal.h"
#include "core/text.h"

typedef struct entry {
    char *name;
    double cap, pos, sal;
    size_t line_off;
    size_t sal_off; /* the salience cell, for carets */
    int sal_width;
} entry;

sc_status sc_scenario_parse_bdm_csv(const char *text, size_t len, const char *issue_id,
                                    const sc_parse_opts *opts, sc_scenario **out, sc_diag *diag)
{
    *out = NULL;
    sc_parse_opts def;
    if (!opts) {
        sc_parse_opts_init(&def);
        opts = &def;
    }
    const char *file = opts->filename ? opts->filename : "<input>";
    if (sc__check_input_size(len, opts, file, diag) != SC_OK) {
        return diag ? diag->code : SC_ELIMIT;
    }
    sc_status text_rc = sc__text_check(file, text, len, diag);
    if (text_rc != SC_OK) {
        return text_rc;
    }
    sc__csv r;
    sc__csv_init(&r, text, len);
    entry *rows = NULL;
    size_t n = 0, cap = 0;
    int col[4] = {-1, -1, -1, -1}; /* Actor, Capability, Position, Salience */
    static const char *const names[4] = {"Actor", "Capability", "Position", "Salience"};
    int have_header = 0;
    sc_status rc = SC_OK;
    sc_scenario *s = NULL;
    int got;
    while ((got = sc__csv_next(&r)) != 0) {
        if (got < 0) {
            rc = got == -2 ? sc__diag_set(diag, SC_ENOMEM, "out of memory")
                           : sc__diag_set_at(diag, SC_EPARSE, file, text, len, r.offset, 1,
                                             "malformed CSV line (unbalanced quotes, a stray quote, or more "
                                             "than %d columns)",
                                             SC__CSV_MAX_FIELDS);
            goto cleanup;
        }
        size_t line_off = r.offset;
        if (!have_header) {
            for (size_t k = 0; k < r.n; k++) {
                for (int c = 0; c < 4; c++) {
                    if (sc__csv_header_eq(r.field[k], names[c])) {
                        if (col[c] >= 0) {
                            rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len,
                                                 sc__csv_field_offset(&r, k),
                                                 (int)strlen(names[c]), "duplicate column '%s'",
                                                 names[c]);
                            goto cleanup;
                        }
                        col[c] = (int)k;
                    }
                }
            }
            for (int c = 0; c < 4; c++) {
                if (col[c] < 0) {
                    rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, line_off,
                                         (int)r.line_len,
                                         "the header needs the columns Actor, Capability, "
                                         "Position, Salience (missing '%s')",
                                         names[c]);
                    goto cleanup;
                }
            }
            have_header = 1;
            continue;
        }
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            entry *nr = realloc(rows, ncap * sizeof *nr);
            if (!nr) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto cleanup;
            }
            rows = nr;
            cap = ncap;
        }
        if (n >= SC__MAX_ACTORS) {
            rc = sc__diag_set_at(diag, SC_ELIMIT, file, text, len, line_off, 1,
                                 "more than %u actors", SC__MAX_ACTORS);
            goto cleanup;
        }
        entry *e = &rows[n];
        memset(e, 0, sizeof *e);
        e->line_off = line_off;
        for (int c = 0; c < 4; c++) {
            size_t k = (size_t)col[c];
            if (k >= r.n || (c == 0 && r.field[k][0] == '\0')) {
                rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len,
                                     k >= r.n ? line_off + r.line_len : sc__csv_field_offset(&r, k),
                                     1, "missing value for column '%s'", names[c]);
                goto cleanup;
            }
            if (c == 0) {
                continue;
            }
            double v;
            if (!sc__parse_number(r.field[k], &v)) {
                rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, sc__csv_field_offset(&r, k),
                                     (int)strlen(r.field[k]), "'%s' is not a number (%s)",
                                     r.field[k], names[c]);
                goto cleanup;
            }
            if ((c == 1 && !(v > 0)) || (c == 3 && (v < 0 || v > 100))) {
                rc = sc__diag_set_at(diag, SC_ERANGE, file, text, len, sc__csv_field_offset(&r, k),
                                     (int)strlen(r.field[k]), "%s %g is out of range (%s)",
                                     names[c], v,
                                     c == 1 ? "capability must be > 0"
                                            : "salience must be in [0, 1] or [0, 100]");
                goto cleanup;
            }
            if (c == 1) {
                e->cap = v;
            } else if (c == 2) {
                e->pos = v;
            } else {
                e->sal = v;
                e->sal_off = sc__csv_field_offset(&r, k);
                e->sal_width = (int)strlen(r.field[k]);
            }
        }
        for (size_t k = 0; k < n; k++) {
            if (strcmp(rows[k].name, r.field[col[0]]) == 0) {
                rc = sc__diag_set_at(diag, SC_EINVAL, file, text, len, line_off,
                                     (int)strlen(r.field[col[0]]), "duplicate actor '%s'",
                                     r.field[col[0]]);
                goto cleanup;
            }
        }
        e->name = r.field[col[0]];
        r.field[col[0]] = NULL; /* the entry owns the name now */
        n++;
    }
    if (!have_header) {
        rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, 0, 1,
                             len ? "no header line 'Actor,Capability,Position,Salience'"
                                 : "the file is empty");
        goto cleanup;
    }
    if (n < 2) {
        rc = sc__diag_set_at(diag, SC_EINVAL, file, text, len, len, 1,
                             "an actor table needs at least 2 actors, found %zu", n);
        goto cleanup;
    }
    {
        /* checked here, not by sc_scenario_validate, so the caret points at the cell */
        size_t positive = 0;
        for (size_t k = 0; k < n; k++) {
            positive += rows[k].sal > 0;
        }
        for (size_t k = 0; k < n; k++) {
            if (rows[k].sal > 0) {
                continue;
            }
            if (positive) {
                rc = sc__diag_set_at(diag, SC_EINVAL, file, text, len, rows[k].sal_off,
                                     rows[k].sal_width,
                                     "every salience of actor '%s' is 0: it would never act on "
                                     "any issue",
                                     rows[k].name);
            } else {
                rc = sc__diag_set_at(diag, SC_EINVAL, file, text, len, rows[k].sal_off,
                                     rows[k].sal_width,
                                     "issue '%s' has no actor with a positive salience: no one "
                                     "would bargain over it",
                                     issue_id && *issue_id ? issue_id : "issue");
            }
            goto cleanup;
        }
    }
    {
        double sal_scale = 1, lo = HUGE_VAL, hi = -HUGE_VAL;
        for (size_t k = 0; k < n; k++) {
            if (rows[k].sal > 1) {
                sal_scale = 100; /* a 0-100 table */
            }
            lo = fmin(lo, rows[k].pos);
            hi = fmax(hi, rows[k].pos);
        }
        if (lo >= 0) {
            lo = 0;
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        const char **ids = malloc(n * sizeof *ids);
        if (!ids) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto cleanup;
        }
        for (size_t k = 0; k < n; k++) {
            ids[k] = rows[k].name;
        }
        const char *iid = issue_id && *issue_id ? issue_id : "issue";
        rc = sc_scenario_new(n, ids, 1, &iid, &s, diag);
        free(ids);
        if (rc != SC_OK) {
            goto cleanup;
        }
        s->doc->text.file = sc__arena_strdup(&s->doc->arena, file);
        s->title = s->doc->text.file;
        s->issues[0].scale_min = lo;
        s->issues[0].scale_max = hi;
        for (size_t k = 0; k < n; k++) {
            s->actors[k].capability.value = rows[k].cap;
            sc_stance *st = &s->stances[k];
            st->present = 1;
            st->position.value = rows[k].pos;
            st->position.min = lo;
            st->position.max = hi;
            st->salience.value = rows[k].sal / sal_scale;
        }
        if (!s->doc->text.file) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto cleanup;
        }
        rc = sc_scenario_validate(s, diag);
        if (rc != SC_OK) {
            sc__diag_set_file(diag, file);
        }
    }
cleanup:
    sc__csv_destroy(&r);
    for (size_t k = 0; k < n; k++) {
        free(rows[k].name);
    }
    free(rows);
    if (rc != SC_OK) {
        sc_scenario_free(s);
        return rc;
    }
    *out = s;
    return SC_OK;
}
