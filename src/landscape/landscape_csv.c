/* SPDX-License-Identifier: MIT */
/* Landscape inputs from tables: a sizes CSV and a propensity-matrix CSV. */
#include "statecraft/landscape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/diag_internal.h"
#include "core/text.h"
#include "scx/scx.h"

#define MAX_ACTORS 4096

/* Strict number: the whole field must be a finite decimal number. */
static int number(const char *s, double *out)
{
    if (!*s) {
        return 0;
    }
    char *end = NULL;
    double v = scx_strtod_c(s, &end); /* '.' whatever the program's LC_NUMERIC */
    if (*end != '\0' || !isfinite(v)) {
        return 0;
    }
    for (const char *p = s; *p; p++) {
        if (*p == 'x' || *p == 'X' || *p == 'n' || *p == 'N' || *p == 'i' || *p == 'I') {
            return 0; /* no hex, nan or inf spellings */
        }
    }
    *out = v;
    return 1;
}

void sc_landscape_data_free(sc_landscape_data *d)
{
    if (!d) {
        return;
    }
    for (size_t i = 0; d->names && i < d->n; i++) {
        free(d->names[i]);
    }
    free(d->names);
    free(d->size);
    free(d->prop);
    free(d);
}

static sc_status read_sizes(sc_landscape_data *d, const char *text, size_t len, const char *file,
                            const char *size_column, sc_diag *diag)
{
    sc__csv r;
    sc__csv_init(&r, text, len);
    sc_status rc = SC_OK;
    long name_col = -1, size_col = -1;
    size_t cap = 0;
    int got, header = 1;
    while ((got = sc__csv_next(&r)) != 0) {
        if (got < 0) {
            rc = got == -2 ? sc__diag_set(diag, SC_ENOMEM, "out of memory")
                           : sc__diag_set_at(diag, SC_EPARSE, file, text, len, r.offset, 1,
                                             "malformed CSV line");
            goto done;
        }
        if (header) {
            static const char *const name_keys[] = {"actor", "country", "name"};
            static const char *const size_keys[] = {"strength", "size", "cinc"};
            for (size_t q = 0; q < 3 && name_col < 0; q++) {
                for (size_t k = 0; k < r.n; k++) {
                    if (sc__csv_header_eq(r.field[k], name_keys[q])) {
                        name_col = (long)k;
                        break;
                    }
                }
            }
            for (size_t q = 0; q < 3 && size_col < 0; q++) {
                const char *want = size_column ? size_column : size_keys[q];
                for (size_t k = 0; k < r.n; k++) {
                    if (sc__csv_header_eq(r.field[k], want)) {
                        size_col = (long)k;
                        break;
                    }
                }
                if (size_column) {
                    break;
                }
            }
            if (name_col < 0 || size_col < 0) {
                rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, r.offset,
                                     (int)r.line_len,
                                     name_col < 0 ? "no actor column (actor, country or name)"
                                                  : "no size column ('%s')",
                                     size_column ? size_column : "strength, size or cinc");
                goto done;
            }
            header = 0;
            continue;
        }
        size_t nc = (size_t)name_col, sc = (size_t)size_col;
        if (nc >= r.n || sc >= r.n || !r.field[nc][0]) {
            rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, r.offset, (int)r.line_len,
                                 "row has no actor name or size");
            goto done;
        }
        double v;
        if (!number(r.field[sc], &v) || !(v > 0)) {
            rc = sc__diag_set_at(diag, SC_ERANGE, file, text, len, sc__csv_field_offset(&r, sc),
                                 (int)strlen(r.field[sc]) ? (int)strlen(r.field[sc]) : 1,
                                 "size '%s' must be a number > 0", r.field[sc]);
            goto done;
        }
        if (d->n == MAX_ACTORS) {
            rc = sc__diag_set_at(diag, SC_ELIMIT, file, text, len, r.offset, 1,
                                 "more than %d actors", MAX_ACTORS);
            goto done;
        }
        if (d->n == cap) {
            cap = cap ? 2 * cap : 16;
            char **nn = realloc(d->names, cap * sizeof *nn);
            if (nn) {
                d->names = nn;
            }
            double *ns = nn ? realloc(d->size, cap * sizeof *ns) : NULL;
            if (ns) {
                d->size = ns;
            }
            if (!nn || !ns) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
        }
        d->names[d->n] = r.field[nc];
        r.field[nc] = NULL;
        d->size[d->n] = v;
        d->n++;
    }
    if (d->n < 2) {
        rc = sc__diag_set_at(diag, SC_EINVAL, file, text, len, len, 1,
                             "a landscape needs at least 2 actors, found %zu", d->n);
    }
done:
    sc__csv_destroy(&r);
    return rc;
}

static sc_status read_matrix(sc_landscape_data *d, const char *text, size_t len,
                             const char *file, double shift, sc_diag *diag)
{
    size_t n = d->n;
    d->prop = calloc(n * n, sizeof *d->prop);
    if (!d->prop) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc__csv r;
    sc__csv_init(&r, text, len);
    sc_status rc = SC_OK;
    size_t row = 0;
    int got, header = 1;
    while ((got = sc__csv_next(&r)) != 0) {
        if (got < 0) {
            rc = got == -2 ? sc__diag_set(diag, SC_ENOMEM, "out of memory")
                           : sc__diag_set_at(diag, SC_EPARSE, file, text, len, r.offset, 1,
                                             "malformed CSV line");
            goto done;
        }
        if (header) {
            if (r.n != n + 1) {
                rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, r.offset,
                                     (int)r.line_len,
                                     "the matrix header names %zu actors, the sizes table %zu",
                                     r.n ? r.n - 1 : 0, n);
                goto done;
            }
            header = 0;
            continue;
        }
        if (row >= n) {
            rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, r.offset, (int)r.line_len,
                                 "more matrix rows than actors (%zu)", n);
            goto done;
        }
        if (r.n != n + 1) {
            rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, r.offset, (int)r.line_len,
                                 "row %zu has %zu values, expected %zu", row + 1,
                                 r.n ? r.n - 1 : 0, n);
            goto done;
        }
        for (size_t j = 0; j < n; j++) {
            const char *f = r.field[j + 1];
            double v = 0;
            if (j == row) {
                if (f[0] && !(number(f, &v) && v + shift == 0) && !(number(f, &v) && v == 0)) {
                    rc = sc__diag_set_at(diag, SC_EINVAL, file, text, len,
                                         sc__csv_field_offset(&r, j + 1), (int)strlen(f),
                                         "the diagonal must be empty or 0");
                    goto done;
                }
                continue;
            }
            if (!f[0]) {
                continue; /* not given: indifference */
            }
            if (!number(f, &v)) {
                rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len,
                                     sc__csv_field_offset(&r, j + 1), (int)strlen(f),
                                     "'%s' is not a number", f);
                goto done;
            }
            d->prop[row * n + j] = v + shift;
        }
        row++;
    }
    if (row != n) {
        rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, len, 1,
                             "the matrix has %zu rows, expected %zu", row, n);
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (d->prop[i * n + j] != d->prop[j * n + i]) {
                rc = sc__diag_set(diag, SC_EINVAL,
                                  "%s: the matrix is not symmetric: %s-%s is %g but %s-%s is %g",
                                  file, d->names[i], d->names[j], d->prop[i * n + j],
                                  d->names[j], d->names[i], d->prop[j * n + i]);
                goto done;
            }
        }
    }
done:
    sc__csv_destroy(&r);
    return rc;
}

sc_status sc_landscape_read_csv(const char *sizes_text, size_t sizes_len, const char *sizes_file,
                                const char *prop_text, size_t prop_len, const char *prop_file,
                                const char *size_column, double shift, sc_landscape_data **out,
                                sc_diag *diag)
{
    *out = NULL;
    sc_landscape_data *d = calloc(1, sizeof *d);
    if (!d) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    const char *sf = sizes_file ? sizes_file : "<sizes>", *pf = prop_file ? prop_file : "<matrix>";
    /* both tables follow the text rule before anything is read: names are copied into JSON */
    sc_status rc = sc__text_check(sf, sizes_text, sizes_len, diag);
    if (rc == SC_OK) {
        rc = sc__text_check(pf, prop_text, prop_len, diag);
    }
    if (rc != SC_OK) {
        sc_landscape_data_free(d);
        return rc;
    }
    rc = read_sizes(d, sizes_text, sizes_len, sizes_file, size_column, diag);
    if (rc == SC_OK) {
        rc = read_matrix(d, prop_text, prop_len, prop_file, shift, diag);
    }
    if (rc != SC_OK) {
        sc_landscape_data_free(d);
        return rc;
    }
    *out = d;
    return SC_OK;
}
