/* SPDX-License-Identifier: MIT */
/*
 * What a scenario file is, by its content: a file on standard input has no name to go by, and a
 * KTAB user's file named .txt or a YAML scenario named .csv should get the reader that fits it,
 * or an error that names the right one, never a YAML parser's complaint about a CSV line.
 */
#include "scenario/scenario_internal.h"

#include <string.h>

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
    const char *l1, *l2;
    size_t n1, n2;
    /* KTAB's CSV: a scenario line "name,description,N,M" (not a '#' comment, which starts BDM
     * tables) then a header whose first field is "Actor"; bad counts are left to KTAB's reader,
     * whose errors are located */
    size_t k = pos;
    if (next_line(text, len, &k, &l1, &n1) && next_line(text, len, &k, &l2, &n2) && n1 > 0 &&
        l1[0] != '#' && n2 >= 5 && strncmp(l2, "Actor", 5) == 0) {
        size_t commas = 0;
        for (size_t i = 0; i < n1; i++) {
            commas += l1[i] == ',';
        }
        if (commas >= 3) {
            return SC_FILE_KTAB_CSV;
        }
    }
    /* a BDM table: its first line that is neither blank nor a '#' comment is the header */
    k = pos;
    while (next_line(text, len, &k, &l1, &n1)) {
        if (blank(l1, n1) || l1[0] == '#') {
            continue;
        }
        if (memchr(l1, ',', n1) && has_field(l1, n1, "Actor") &&
            (has_field(l1, n1, "Capability") || has_field(l1, n1, "Position") ||
             has_field(l1, n1, "Salience"))) {
            return SC_FILE_BDM_CSV;
        }
        break;
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
