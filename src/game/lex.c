/* SPDX-License-Identifier: MIT */
/*
 * Gambit's file tokenizer and exact number syntax, shared by the .nfg and .efg readers
 * (shared/reference/gambit/format.md section 1).
 */
#include "game/lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void sc__lex_init(sc__lexer *L, const char *text, size_t len, const char *file, sc_diag *diag)
{
    L->text = text;
    L->len = len;
    L->pos = 0;
    L->file = file ? file : "<input>";
    L->kind = SC__T_EOF;
    L->start = L->end = 0;
    L->diag = diag;
    sc__lex_next(L);
}

void sc__lex_next(sc__lexer *L)
{
    while (L->pos < L->len && is_space(L->text[L->pos])) {
        L->pos++;
    }
    L->start = L->pos;
    if (L->pos >= L->len) {
        L->kind = SC__T_EOF;
        L->end = L->pos;
        return;
    }
    char c = L->text[L->pos];
    if (c == '{' || c == '}' || c == ',') {
        L->kind = c == '{' ? SC__T_LBRACE : c == '}' ? SC__T_RBRACE : SC__T_COMMA;
        L->end = ++L->pos;
        return;
    }
    if (c == '"') {
        size_t i = L->pos + 1;
        while (i < L->len && L->text[i] != '"') {
            i += L->text[i] == '\\' && i + 1 < L->len ? 2 : 1;
        }
        if (i >= L->len) {
            L->kind = SC__T_BAD;
            L->end = L->len;
            L->pos = L->len;
            return;
        }
        L->kind = SC__T_TEXT;
        L->end = i + 1;
        L->pos = i + 1;
        return;
    }
    size_t i = L->pos;
    while (i < L->len && !is_space(L->text[i]) && L->text[i] != '{' && L->text[i] != '}' &&
           L->text[i] != ',' && L->text[i] != '"') {
        i++;
    }
    L->kind = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ? SC__T_NUMBER
                                                                         : SC__T_SYMBOL;
    L->end = i;
    L->pos = i;
}

int sc__lex_is(const sc__lexer *L, const char *word)
{
    size_t n = strlen(word);
    return L->kind == SC__T_SYMBOL && L->end - L->start == n &&
           strncmp(L->text + L->start, word, n) == 0;
}

sc_status sc__lex_fail_at(sc__lexer *L, size_t at, size_t width, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int w = width > 200 ? 200 : (int)width;
    sc_status rc = sc__diag_vset_at(L->diag, SC_EPARSE, L->file, L->text, L->len, at,
                                    w < 1 ? 1 : w, fmt, ap);
    va_end(ap);
    return rc;
}

sc_status sc__lex_fail(sc__lexer *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t width = L->end - L->start;
    int w = width > 200 ? 200 : (int)width;
    sc_status rc = sc__diag_vset_at(L->diag, SC_EPARSE, L->file, L->text, L->len, L->start,
                                    w < 1 ? 1 : w, fmt, ap);
    va_end(ap);
    return rc;
}

char *sc__lex_text(const sc__lexer *L)
{
    size_t n = L->end - L->start - 2;
    char *s = malloc(n + 1);
    if (!s) {
        return NULL;
    }
    size_t o = 0;
    for (size_t i = L->start + 1; i < L->end - 1; i++) {
        if (L->text[i] == '\\' && i + 1 < L->end - 1 &&
            (L->text[i + 1] == '"' || L->text[i + 1] == '\\')) {
            i++;
        }
        s[o++] = L->text[i];
    }
    s[o] = '\0';
    return s;
}

int sc__lex_rational(const sc__lexer *L, mpq_t out)
{
    return L->kind == SC__T_NUMBER &&
           sc__game_parse_rational(L->text + L->start, L->end - L->start, out);
}

/* A brace list of quoted labels; *count labels appended to *labels. */
sc_status sc__lex_labels(sc__lexer *L, char ***labels, size_t *count, size_t max)
{
    if (L->kind != SC__T_LBRACE) {
        return sc__lex_fail(L, "expected '{'");
    }
    sc__lex_next(L);
    sc_status rc;
    size_t cap = 8, n = 0;
    char **v = malloc(cap * sizeof *v);
    if (!v) {
        return sc__diag_set(L->diag, SC_ENOMEM, "out of memory");
    }
    while (L->kind == SC__T_TEXT) {
        if (n == max) {
            rc = sc__lex_fail(L, "too many labels");
            goto bad;
        }
        if (n == cap) {
            cap *= 2;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv) {
                rc = sc__diag_set(L->diag, SC_ENOMEM, "out of memory");
                goto bad;
            }
            v = nv;
        }
        v[n] = sc__lex_text(L);
        if (!v[n]) {
            rc = sc__diag_set(L->diag, SC_ENOMEM, "out of memory");
            goto bad;
        }
        n++;
        sc__lex_next(L);
    }
    if (L->kind != SC__T_RBRACE) {
        rc = sc__lex_fail(L, "expected a quoted label or '}' (labels must be in double quotes)");
        goto bad;
    }
    sc__lex_next(L);
    *labels = v;
    *count = n;
    return SC_OK;
bad:
    for (size_t i = 0; i < n; i++) {
        free(v[i]);
    }
    free(v);
    return rc;
}


/* Replaces v[i] by a copy of text; 0 when out of memory. */
static int set_label(char **v, size_t i, const char *text)
{
    size_t n = strlen(text) + 1;
    char *t = malloc(n);
    if (!t) {
        return 0;
    }
    memcpy(t, text, n);
    free(v[i]);
    v[i] = t;
    return 1;
}

typedef struct label_ref {
    char *text;
    size_t pos;
} label_ref;

static int by_label(const void *a, const void *b)
{
    const label_ref *x = a, *y = b;
    int c = strcmp(x->text, y->text);
    return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

/*
 * Sorting finds the repeated labels in O(n log n), so files with many unlabelled outcomes or
 * actions read quickly. A renamed label can collide with another label (x, x, x_1): the pass is
 * repeated until every label is unique.
 */
int sc__labels_normalize(char **v, size_t n)
{
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        if (!v[i][0]) {
            snprintf(buf, sizeof buf, "_%zu", i + 1);
            if (!set_label(v, i, buf)) {
                return 0;
            }
        }
    }
    label_ref *r = malloc((n ? n : 1) * sizeof *r);
    if (!r) {
        return 0;
    }
    for (int again = 1; again;) {
        again = 0;
        for (size_t i = 0; i < n; i++) {
            r[i].text = v[i];
            r[i].pos = i;
        }
        qsort(r, n, sizeof *r, by_label);
        for (size_t a = 0; a < n;) {
            size_t b = a + 1;
            while (b < n && strcmp(r[a].text, r[b].text) == 0) {
                b++;
            }
            for (size_t k = a; b - a > 1 && k < b; k++) {
                again = 1;
                size_t len = strlen(r[a].text) + 24;
                char *t = malloc(len);
                if (!t) {
                    free(r);
                    return 0;
                }
                snprintf(t, len, "%s_%zu", r[a].text, k - a + 1);
                v[r[k].pos] = t; /* r[k].text still points at the old string, freed below */
            }
            for (size_t k = a; b - a > 1 && k < b; k++) {
                free(r[k].text);
            }
            a = b;
        }
    }
    free(r);
    return 1;
}
