/* SPDX-License-Identifier: MIT */
/* Line-oriented CSV reading on top of libcsv. */
#include "core/csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

typedef struct collect {
    sc__csv *r;
    int overflow, oom;
} collect;

static void on_field(void *data, size_t len, void *user)
{
    collect *c = user;
    sc__csv *r = c->r;
    if (r->n >= SC__CSV_MAX_FIELDS) {
        c->overflow = 1;
        return;
    }
    const char *p = data ? data : "";
    while (len && (*p == ' ' || *p == '\t')) {
        p++;
        len--;
    }
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r')) {
        len--;
    }
    char *f = malloc(len + 1);
    if (!f) {
        c->oom = 1;
        return;
    }
    memcpy(f, p, len);
    f[len] = '\0';
    r->field[r->n++] = f;
}

static void clear_row(sc__csv *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->field[i]); /* NULL when a caller took ownership */
    }
    r->n = 0;
}

void sc__csv_init(sc__csv *r, const char *text, size_t len)
{
    memset(r, 0, sizeof *r);
    r->text = text;
    r->len = len;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF) {
        r->pos = 3; /* UTF-8 byte order mark */
    }
}

void sc__csv_destroy(sc__csv *r)
{
    clear_row(r);
}

int sc__csv_next(sc__csv *r)
{
    clear_row(r);
    while (r->pos < r->len) {
        size_t end = r->pos;
        while (end < r->len && r->text[end] != '\n') {
            end++;
        }
        const char *line = r->text + r->pos;
        size_t ll = end - r->pos;
        r->offset = r->pos;
        r->line = line;
        r->line_len = ll;
        r->pos = end + 1;
        size_t lead = 0;
        while (lead < ll && (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\r')) {
            lead++;
        }
        if (lead == ll || line[lead] == '#') {
            continue;
        }
        struct csv_parser p;
        collect c = {r, 0, 0};
        /*
         * CSV_STRICT: a quote inside an unquoted field or after a closing quote is malformed;
         * CSV_STRICT_FINI: so is a quote still open at the end of the line (rows are lines).
         */
        if (csv_init(&p, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI) != 0) {
            return -2;
        }
        int bad = csv_parse(&p, line, ll, on_field, NULL, &c) != ll;
        bad |= csv_fini(&p, on_field, NULL, &c) != 0;
        csv_free(&p);
        if (c.oom) {
            return -2;
        }
        return bad || c.overflow ? -1 : 1;
    }
    return 0;
}

size_t sc__csv_field_offset(const sc__csv *r, size_t k)
{
    size_t i = 0, f = 0;
    int quoted = 0;
    while (i < r->line_len && f < k) {
        if (r->line[i] == '"') {
            quoted = !quoted;
        } else if (r->line[i] == ',' && !quoted) {
            f++;
        }
        i++;
    }
    while (i < r->line_len && r->line[i] == ' ') {
        i++;
    }
    return r->offset + i;
}

int sc__csv_header_eq(const char *cell, const char *name)
{
    for (; *cell && *name; cell++, name++) {
        char x = *cell >= 'A' && *cell <= 'Z' ? (char)(*cell + 32) : *cell;
        char y = *name >= 'A' && *name <= 'Z' ? (char)(*name + 32) : *name;
        if (x != y) {
            return 0;
        }
    }
    return *cell == *name;
}
