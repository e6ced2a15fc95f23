/* SPDX-License-Identifier: MIT */
/*
 * A line-oriented CSV reader over a text in memory, for the table importers: libcsv splits the
 * fields (quotes, embedded commas); blank lines and lines starting with '#' are skipped; each
 * row keeps its byte offset so that errors point into the file.
 */
#ifndef SC_CORE_CSV_H
#define SC_CORE_CSV_H

#include <stddef.h>

#include "statecraft/common.h"

#define SC__CSV_MAX_FIELDS 256

typedef struct sc__csv {
    const char *text;
    size_t len, pos;
    /* the current row */
    char *field[SC__CSV_MAX_FIELDS]; /* trimmed, NUL-terminated, owned by the reader */
    size_t n;
    size_t offset;      /* byte offset of the row's line in text */
    const char *line;   /* the row's line (not NUL-terminated) */
    size_t line_len;
} sc__csv;

void sc__csv_init(sc__csv *r, const char *text, size_t len);
/* Frees the current row's fields. */
void sc__csv_destroy(sc__csv *r);
/*
 * Reads the next data row: 1 on success, 0 at the end, -1 on a malformed line or too many
 * fields (r->offset then points at it), -2 when out of memory.
 */
int sc__csv_next(sc__csv *r);
/* Case-insensitive ASCII comparison of a header cell with a column name. */
int sc__csv_header_eq(const char *cell, const char *name);

/* Byte offset (in text) of field k of the current row, for carets. */
size_t sc__csv_field_offset(const sc__csv *r, size_t k);

#endif
