/* SPDX-License-Identifier: MIT */
/*
 * What a scenario file is, by its content: a file on standard input has no name to go by, and a
 * KTAB user's file named .txt or a YAML scenario named .csv should get the reader that fits it,
 * or an error that names the right one, never a YAML parser's complaint about a CSV line.
 */
#include "scenario/sniff.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scx/scx.h"
#include "scenario/scenario_internal.h"

/* One line [p, p + len) without its end of line; 0 at the end of the text. */
static int next_line(const char *text, size_t len, size_t *pos, const char **p, size_t *n)
{
    if (*pos >= len) {
        return 0;
    }
    const char *start = text + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    size_t l = nl ? (size_t)(nl - start) : len - *pos;
    *pos += l + (nl != NULL);
    if (l > 0 && start[l - 1] == '\r') {
        l--;
    }
    *p = start;
    *n = l;
    return 1;
}

static size_t commas(const char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) {
        c += p[i] == ',';
    }
    return c;
}

static int blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != ' ' && p[i] != '\t') {
            return 0;
        }
    }
    return 1;
}

/* 1 if a comma-separated field of the line, trimmed of blanks and quotes, equals name (any case). */
static int has_field(const char *p, size_t n, const char *name)
{
    size_t nl = strlen(name);
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && p[j] != ',') {
            j++;
        }
        size_t a = i, b = j;
        while (a < b && (p[a] == ' ' || p[a] == '\t' || p[a] == '"')) {
            a++;
        }
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t' || p[b - 1] == '"')) {
            b--;
        }
        if (b - a == nl) {
            size_t k = 0;
            while (k < nl && ((p[a + k] | 0x20) == (name[k] | 0x20))) {
                k++;
            }
            if (k == nl) {
                return 1;
            }
        }
        i = j + 1;
    }
    return 0;
}

int sc__ktab_number(const char *s, double *out)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (!*s) {
        return 0;
    }
    char *end;
    errno = 0;
    double v = scx_strtod_c(s, &end); /* '.' whatever the program's LC_NUMERIC */
    if (end == s || errno == ERANGE || !isfinite(v)) {
        return 0;
    }
    /* strtod also takes "inf", "nan" and hex, which istream does not */
    for (const char *c = s; c < end; c++) {
        if (*c == 'x' || *c == 'X' || *c == 'n' || *c == 'N' || *c == 'i' || *c == 'I') {
            return 0;
        }
    }
    *out = v;
    return 1;
}

/*
 * 1 if fields 3 and 4 of KTAB's scenario line (split as its reader splits: ',' only, a field
 * that starts with '"' runs to the closing quote, text after it stays) are the whole numbers its
 * reader accepts as the actor and dimension counts (sc__ktab_number; 3 to 250 actors, 1 to 1000
 * dimensions), stored in *n_actors and *n_dims. minicsv's escapes (&quot;, $$) cannot make or
 * unmake a number's leading digits, so the raw field decides as the unescaped one does.
 */
static int ktab_counts(const char *p, size_t n, double *n_actors, double *n_dims)
{
    size_t i = 0;
    for (int f = 0; f < 4; f++) {
        size_t s1 = i, e1, s2 = 0, e2 = 0; /* the field: [s1, e1) then [s2, e2) */
        if (i < n && p[i] == '"') {
            s1 = ++i;
            while (i < n && p[i] != '"') {
                i++;
            }
            e1 = i;
            if (i < n) {
                i++; /* the closing quote */
            }
            s2 = i;
            while (i < n && p[i] != ',') {
                i++;
            }
            e2 = i;
        } else {
            while (i < n && p[i] != ',') {
                i++;
            }
            e1 = i;
        }
        if (f >= 2) {
            char *buf = malloc(e1 - s1 + e2 - s2 + 1);
            if (!buf) {
                return 0;
            }
            memcpy(buf, p + s1, e1 - s1);
            memcpy(buf + (e1 - s1), p + s2, e2 - s2);
            buf[e1 - s1 + e2 - s2] = '\0';
            double v;
            int whole = sc__ktab_number(buf, &v) && v == floor(v);
            free(buf);
            if (!whole || (f == 2 ? v < 3 || v > 250 : v < 1 || v > 1000)) {
                return 0;
            }
            *(f == 2 ? n_actors : n_dims) = v;
        }
        if (f < 3) {
            if (i >= n) {
                return 0; /* fewer than four fields */
            }
            i++; /* the comma */
        }
    }
    return 1;
}

/* 1 if the line's first field, trimmed of blanks and quotes, is "Actor" (any case): KTAB's
 * header. */
static int actor_header(const char *p, size_t n)
{
    size_t j = 0;
    while (j < n && p[j] != ',') {
        j++;
    }
    size_t a = 0, b = j;
    while (a < b && (p[a] == ' ' || p[a] == '\t' || p[a] == '"')) {
        a++;
    }
    while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t' || p[b - 1] == '"')) {
        b--;
    }
    static const char actor[] = "actor";
    if (b - a != sizeof actor - 1) {
        return 0;
    }
    for (size_t k = 0; k < b - a; k++) {
        if ((p[a + k] | 0x20) != actor[k]) {
            return 0;
        }
    }
    return 1;
}

sc_file_kind sc_file_kind_of(const char *text, size_t len)
{
    size_t pos = 0;
    if (!text) {
        return SC_FILE_SCENARIO;
    }
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF) {
        pos = 3;
    }
    size_t q = pos;
    while (q < len && (text[q] == ' ' || text[q] == '\t' || text[q] == '\r' || text[q] == '\n')) {
        q++;
    }
    if (q < len && text[q] == '<') {
        return SC_FILE_KTAB_XML;
    }
    const char *l1 = NULL, *l2 = NULL;
    size_t n1 = 0, n2 = 0;
    /*
     * KTAB's CSV (what sc_smp_read_ktab_csv reads): a scenario line "name,description,N,M" (at
     * least three commas), then a header, then N actor rows of 3 + 2M fields. It is KTAB's when
     * the header's first field is "Actor" (KTAB writes it; any counts, so that bad ones get the
     * KTAB reader's located errors), or, whatever the header, when N and M are counts the reader
     * accepts and the first actor row has its 3 + 2M fields: so every file that reader accepts
     * is sniffed as KTAB's, and a YAML line with commas and numbers is not. A first line that
     * starts with '#' is a BDM table's comment unless the file is no BDM table.
     */
    size_t k = pos;
    int ktab = 0;
    if (next_line(text, len, &k, &l1, &n1) && n1 > 0 && commas(l1, n1) >= 3 &&
        next_line(text, len, &k, &l2, &n2)) {
        double na = 0, nd = 0;
        const char *l3;
        size_t n3;
        ktab = actor_header(l2, n2) ||
               (n2 > 0 && ktab_counts(l1, n1, &na, &nd) && next_line(text, len, &k, &l3, &n3) &&
                (double)commas(l3, n3) >= 2 + 2 * nd);
    }
    if (ktab && l1[0] != '#') {
        return SC_FILE_KTAB_CSV;
    }
    /* a BDM table: its first line that is neither blank nor a '#' comment is the header */
    k = pos;
    const char *h;
    size_t nh;
    while (next_line(text, len, &k, &h, &nh)) {
        if (blank(h, nh) || h[0] == '#') {
            continue;
        }
        if (memchr(h, ',', nh) && has_field(h, nh, "Actor") &&
            (has_field(h, nh, "Capability") || has_field(h, nh, "Position") ||
             has_field(h, nh, "Salience"))) {
            return SC_FILE_BDM_CSV;
        }
        break;
    }
    if (ktab) {
        return SC_FILE_KTAB_CSV; /* "#name,...": no BDM table, and a KTAB name may start so */
    }
    return SC_FILE_SCENARIO;
}

const char *sc_file_kind_name(sc_file_kind kind)
{
    switch (kind) {
    case SC_FILE_BDM_CSV: return "bdm-csv";
    case SC_FILE_KTAB_CSV: return "ktab-csv";
    case SC_FILE_KTAB_XML: return "ktab-xml";
    case SC_FILE_SCENARIO:
    default: return "scenario";
    }
}
