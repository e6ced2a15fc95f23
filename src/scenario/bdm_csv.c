/*
 * Bueno de Mesquita actor tables: CSV with the columns Actor, Capability, Position, Salience in
 * any order (other columns ignored), '#' comment lines, one actor per row. libcsv does the
 * quoting; we keep line numbers so every error points into the file.
 */
#include "scenario/scenario_internal.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

#define MAX_FIELDS 64

typedef struct row {
    char *field[MAX_FIELDS];
    size_t n;
    int overflow;
    int oom;
} row;

static void on_field(void *data, size_t len, void *user)
{
    row *r = user;
    if (r->n >= MAX_FIELDS) {
        r->overflow = 1;
        return;
    }
    char *f = malloc(len + 1);
    if (!f) {
        r->oom = 1;
        return;
    }
    if (len) {
        memcpy(f, data, len);
    }
    f[len] = '\0';
    /* trim blanks so " 0.5" and "Actor " read as expected */
    char *p = f;
    while (*p == ' ' || *p == '\t') {
        p++;
    }
    size_t l = strlen(p);
    while (l && (p[l - 1] == ' ' || p[l - 1] == '\t' || p[l - 1] == '\r')) {
        p[--l] = '\0';
    }
    memmove(f, p, l + 1);
    r->field[r->n++] = f;
}

static void row_clear(row *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->field[i]);
    }
    memset(r, 0, sizeof *r);
}

/* Splits one line into fields with libcsv. Returns 0 on success. */
static int split_line(struct csv_parser *p, const char *line, size_t len, row *r)
{
    row_clear(r);
    csv_init(p, CSV_APPEND_NULL);
    size_t done = csv_parse(p, line, len, on_field, NULL, r);
    int bad = done != len;
    if (csv_fini(p, on_field, NULL, r) != 0) {
        bad = 1;
    }
    csv_free(p);
    return bad || r->overflow || r->oom;
}

/* Byte offset of field k in a line, counting unquoted commas (good enough to place a caret). */
static size_t field_offset(const char *line, size_t len, size_t k)
{
    size_t i = 0, f = 0;
    int quoted = 0;
    while (i < len && f < k) {
        if (line[i] == '"') {
            quoted = !quoted;
        } else if (line[i] == ',' && !quoted) {
            f++;
        }
        i++;
    }
    while (i < len && line[i] == ' ') {
        i++;
    }
    return i;
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y) {
            return 0;
        }
    }
    return *a == *b;
}

typedef struct entry {
    char *name;
    double cap, pos, sal;
    size_t line_off;
} entry;

sc_status sc_scenario_parse_bdm_csv(sc_scenario **out, const char *text, size_t len,
                                    const char *issue_id, const sc_parse_opts *opts,
                                    sc_diag *diag)
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
    if (memchr(text, '\0', len)) {
        size_t at = (size_t)((const char *)memchr(text, '\0', len) - text);
        return sc__diag_set_at(diag, SC_EPARSE, file, text, len, at, 1,
                               "NUL byte: this is not a text file");
    }
    struct csv_parser parser;
    row r = {0};
    entry *rows = NULL;
    size_t n = 0, cap = 0;
    int col[4] = {-1, -1, -1, -1}; /* Actor, Capability, Position, Salience */
    static const char *const names[4] = {"Actor", "Capability", "Position", "Salience"};
    int have_header = 0;
    sc_status rc = SC_OK;
    sc_scenario *s = NULL;
    size_t pos = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF) {
        pos = 3;
    }
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n') {
            end++;
        }
        const char *line = text + pos;
        size_t ll = end - pos;
        size_t line_off = pos;
        pos = end + 1;
        size_t lead = 0;
        while (lead < ll && (line[lead] == ' ' || line[lead] == '\t' || line[lead] == '\r')) {
            lead++;
        }
        if (lead == ll || line[lead] == '#') {
            continue;
        }
        if (split_line(&parser, line, ll, &r)) {
            rc = r.oom ? sc__diag_set(diag, SC_ENOMEM, "out of memory")
                       : sc__diag_set_at(diag, SC_EPARSE, file, text, len, line_off, 1,
                                         r.overflow ? "more than %d columns"
                                                    : "malformed CSV line (%d)",
                                         MAX_FIELDS);
            goto cleanup;
        }
        if (!have_header) {
            for (size_t k = 0; k < r.n; k++) {
                for (int c = 0; c < 4; c++) {
                    if (ieq(r.field[k], names[c])) {
                        if (col[c] >= 0) {
                            rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len,
                                                 line_off + field_offset(line, ll, k),
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
                    rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len, line_off, (int)ll,
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
                                     line_off + (k >= r.n ? ll : field_offset(line, ll, k)), 1,
                                     "missing value for column '%s'", names[c]);
                goto cleanup;
            }
            if (c == 0) {
                continue;
            }
            double v;
            if (!sc__parse_number(r.field[k], &v)) {
                rc = sc__diag_set_at(diag, SC_EPARSE, file, text, len,
                                     line_off + field_offset(line, ll, k),
                                     (int)strlen(r.field[k]), "'%s' is not a number (%s)",
                                     r.field[k], names[c]);
                goto cleanup;
            }
            if ((c == 1 && !(v > 0)) || (c == 3 && (v < 0 || v > 100))) {
                rc = sc__diag_set_at(diag, SC_ERANGE, file, text, len,
                                     line_off + field_offset(line, ll, k),
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
            }
        }
        e->name = r.field[col[0]];
        r.field[col[0]] = malloc(1); /* keep the name; row_clear frees a placeholder */
        if (!r.field[col[0]]) {
            free(e->name);
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto cleanup;
        }
        for (size_t k = 0; k < n; k++) {
            if (strcmp(rows[k].name, e->name) == 0) {
                rc = sc__diag_set_at(diag, SC_EINVAL, file, text, len, line_off,
                                     (int)strlen(e->name), "duplicate actor '%s'", e->name);
                free(e->name);
                goto cleanup;
            }
        }
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
        rc = sc_scenario_new(&s, n, ids, 1, &iid);
        free(ids);
        if (rc != SC_OK) {
            sc__diag_set(diag, rc, "out of memory");
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
    row_clear(&r);
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
