/* SPDX-License-Identifier: MIT */
/*
 * A scanner over jq text (not a jq parser: jq itself compiles and runs the predicates). It finds
 * the absolute `.models...` paths a predicate reads, so that the Monte Carlo computes only those
 * models and a path that names nothing can be reported by name, and it checks that brackets
 * balance, so that several predicates can be compiled as one program without one closing
 * another's parenthesis.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/jq_internal.h"

typedef struct scan {
    const char *s;
    size_t i, n;
    char stack[256];
    size_t depth;
    sc__jq_path *paths;
    size_t n_paths, cap;
    sc__jq_interp *interps; /* the code of each interpolation, as it closes */
    size_t n_interps, cap_interps;
    unsigned strings; /* string literals open around the scanner's position */
    char *why;
    size_t why_len;
    int oom;
} scan;

static int ident_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int ident_char(char c)
{
    return ident_start(c) || (c >= '0' && c <= '9');
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* Length of a simple string literal at s[0] == '"' (escapes allowed, no interpolation), or 0. */
static size_t simple_string(const char *s, size_t left)
{
    for (size_t i = 1; i < left; i++) {
        if (s[i] == '\\') {
            if (i + 1 < left && s[i + 1] == '(') {
                return 0;
            }
            i++;
        } else if (s[i] == '"') {
            return i + 1;
        }
    }
    return 0;
}

/* One step of a path at p: `.key`, `."key"`, `["key"]`, `[n]`, `[-n]`; its length or 0. */
static size_t step(const char *p, size_t left)
{
    if (left >= 2 && p[0] == '.' && ident_start(p[1])) {
        size_t i = 2;
        while (i < left && ident_char(p[i])) {
            i++;
        }
        return i;
    }
    if (left >= 3 && p[0] == '.' && p[1] == '"') {
        size_t l = simple_string(p + 1, left - 1);
        return l ? l + 1 : 0;
    }
    if (left >= 3 && p[0] == '[') {
        size_t i = 1;
        if (p[1] == '"') {
            size_t l = simple_string(p + 1, left - 1);
            if (!l) {
                return 0;
            }
            i += l;
        } else {
            if (p[i] == '-') {
                i++;
            }
            size_t d = i;
            while (i < left && p[i] >= '0' && p[i] <= '9') {
                i++;
            }
            if (i == d) {
                return 0;
            }
        }
        return i < left && p[i] == ']' ? i + 1 : 0;
    }
    return 0;
}

/* The key a step names (without quotes or escapes handled: model names are plain ids). */
static char *step_key(const char *p, size_t len)
{
    if (p[0] == '.' && p[1] != '"') {
        return dup_n(p + 1, len - 1);
    }
    const char *q = p[0] == '.' ? p + 1 : p + 1; /* ."key" or ["key"] */
    if (*q != '"') {
        return NULL;
    }
    const char *end = memchr(q + 1, '"', len - (size_t)(q + 1 - p));
    return end ? dup_n(q + 1, (size_t)(end - q - 1)) : NULL;
}

static void add_path(scan *sc, size_t start, size_t *ends, size_t n_steps)
{
    if (sc->n_paths == sc->cap) {
        size_t cap = sc->cap ? 2 * sc->cap : 8;
        sc__jq_path *p = realloc(sc->paths, cap * sizeof *p);
        if (!p) {
            sc->oom = 1;
            return;
        }
        sc->paths = p;
        sc->cap = cap;
    }
    sc__jq_path *p = &sc->paths[sc->n_paths];
    memset(p, 0, sizeof *p);
    p->text = dup_n(sc->s + start, ends[n_steps - 1] - start);
    p->steps = calloc(n_steps, sizeof *p->steps);
    /* the model is the key of the step after `.models` */
    size_t m0 = ends[0], m1 = ends[1];
    p->model = step_key(sc->s + m0, m1 - m0);
    if (!p->text || !p->steps || !p->model) {
        sc->oom = 1;
    }
    for (size_t k = 0; p->steps && k < n_steps; k++) {
        p->steps[k] = dup_n(sc->s + start, ends[k] - start);
        sc->oom |= !p->steps[k];
        p->n_steps = k + 1;
    }
    sc->n_paths++;
}

/* At sc->s[sc->i] == '.': reads a `.models` path if one starts here. */
static void maybe_path(scan *sc)
{
    const char *s = sc->s;
    size_t i = sc->i;
    char prev = i ? s[i - 1] : ' ';
    if (ident_char(prev) || prev == '.' || prev == '?' || prev == '"' ||
        prev == ']' || prev == ')') {
        return; /* the middle of another path or a variable's: not absolute */
    }
    if (strncmp(s + i, ".models", 7) != 0 || (i + 7 < sc->n && ident_char(s[i + 7]))) {
        return;
    }
    size_t ends[64], n = 0, at = i + 7;
    ends[n++] = at;
    while (n < 64) {
        size_t l = step(s + at, sc->n - at);
        if (!l) {
            break;
        }
        at += l;
        ends[n++] = at;
    }
    if (n >= 2) {
        add_path(sc, i, ends, n);
        sc->i = at;
    }
}

static int push(scan *sc, char c)
{
    if (sc->depth == sizeof sc->stack) {
        snprintf(sc->why, sc->why_len, "brackets nested too deeply");
        return 0;
    }
    sc->stack[sc->depth++] = c;
    return 1;
}

static int pop(scan *sc, char c)
{
    char want = c == ')' ? '(' : c == ']' ? '[' : '{';
    if (!sc->depth || sc->stack[sc->depth - 1] != want) {
        snprintf(sc->why, sc->why_len, "unbalanced '%c'", c);
        return 0;
    }
    sc->depth--;
    return 1;
}

/* Skips a string literal starting at '"'; interpolations \( ... ) are scanned as code. */
static int skip_string(scan *sc);

/* Scans code until the end, or (inside an interpolation) until the ')' closing it. */
static void add_interp(scan *sc, size_t from, size_t to)
{
    if (sc->n_interps == sc->cap_interps) {
        size_t cap = sc->cap_interps ? 2 * sc->cap_interps : 4;
        sc__jq_interp *p = realloc(sc->interps, cap * sizeof *p);
        if (!p) {
            sc->oom = 1;
            return;
        }
        sc->interps = p;
        sc->cap_interps = cap;
    }
    sc->interps[sc->n_interps++] = (sc__jq_interp){from, to, sc->strings};
}

static int scan_code(scan *sc, int in_interp)
{
    size_t base = sc->depth;
    size_t from = sc->i;
    while (sc->i < sc->n && !sc->oom) {
        char c = sc->s[sc->i];
        if (c == '#') {
            while (sc->i < sc->n && sc->s[sc->i] != '\n') {
                sc->i++;
            }
            continue;
        }
        if (c == '"') {
            if (!skip_string(sc)) {
                return 0;
            }
            continue;
        }
        if (c == '.') {
            size_t before = sc->i;
            maybe_path(sc);
            if (sc->i != before) {
                continue;
            }
        }
        if (c == '(' || c == '[' || c == '{') {
            if (!push(sc, c)) {
                return 0;
            }
        } else if (c == ')' || c == ']' || c == '}') {
            if (in_interp && c == ')' && sc->depth == base) {
                add_interp(sc, from, sc->i);
                sc->i++;
                return 1;
            }
            if (!pop(sc, c)) {
                return 0;
            }
        }
        sc->i++;
    }
    if (in_interp) {
        snprintf(sc->why, sc->why_len, "unterminated string interpolation");
        return 0;
    }
    return 1;
}

static int skip_string(scan *sc)
{
    sc->i++; /* the opening quote */
    sc->strings++;
    while (sc->i < sc->n) {
        char c = sc->s[sc->i];
        if (c == '\\' && sc->i + 1 < sc->n) {
            if (sc->s[sc->i + 1] == '(') {
                sc->i += 2;
                if (!scan_code(sc, 1)) {
                    return 0;
                }
                continue;
            }
            sc->i += 2;
            continue;
        }
        sc->i++;
        if (c == '"') {
            sc->strings--;
            return 1;
        }
    }
    snprintf(sc->why, sc->why_len, "unterminated string");
    return 0;
}

/* Scans expr whole; 0 with why filled (or sc.oom set) when it does not balance. */
static int scan_all(scan *sc, const char *expr, char *why, size_t why_len)
{
    memset(sc, 0, sizeof *sc);
    sc->s = expr;
    sc->n = strlen(expr);
    sc->why = why;
    sc->why_len = why_len;
    if (why_len) {
        why[0] = '\0';
    }
    int ok = scan_code(sc, 0);
    if (ok && sc->depth) {
        snprintf(why, why_len, "unclosed '%c'", sc->stack[sc->depth - 1]);
        ok = 0;
    }
    return ok && !sc->oom;
}

sc_status sc__jq_scan(const char *expr, sc__jq_path **paths, size_t *n, char *why,
                      size_t why_len)
{
    scan sc;
    int ok = scan_all(&sc, expr, why, why_len);
    free(sc.interps);
    if (!ok) {
        sc__jq_paths_free(sc.paths, sc.n_paths);
        *paths = NULL;
        *n = 0;
        return sc.oom ? SC_ENOMEM : SC_EPARSE;
    }
    *paths = sc.paths;
    *n = sc.n_paths;
    return SC_OK;
}

sc_status sc__jq_interpolations(const char *expr, sc__jq_interp **interps, size_t *n, char *why,
                                size_t why_len)
{
    scan sc;
    int ok = scan_all(&sc, expr, why, why_len);
    sc__jq_paths_free(sc.paths, sc.n_paths);
    if (!ok) {
        free(sc.interps);
        *interps = NULL;
        *n = 0;
        return sc.oom ? SC_ENOMEM : SC_EPARSE;
    }
    *interps = sc.interps;
    *n = sc.n_interps;
    return SC_OK;
}

void sc__jq_paths_free(sc__jq_path *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(paths[i].text);
        free(paths[i].model);
        for (size_t k = 0; k < paths[i].n_steps; k++) {
            free(paths[i].steps[k]);
        }
        free(paths[i].steps);
    }
    free(paths);
}
