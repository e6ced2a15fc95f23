/* SPDX-License-Identifier: MIT */
/*
 * Gambit's strategic-form (.nfg) files: a tokenizer and parser for both the payoff and the
 * outcome version (shared/reference/gambit/format.md), exact payoffs as GMP rationals, and the
 * writer. Unlike Gambit, every error is located, and an outcome index beyond the outcome list is
 * a parse error rather than a crash.
 */
#include "game/game_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"

#define MAX_PROFILES ((size_t)1 << 24)
#define MAX_PLAYERS 64

typedef enum { T_EOF, T_LBRACE, T_RBRACE, T_COMMA, T_NUMBER, T_TEXT, T_SYMBOL, T_BAD } tok_kind;

typedef struct lexer {
    const char *text;
    size_t len, pos;
    const char *file;
    tok_kind kind;
    size_t start, end; /* the token's bytes */
    sc_diag *diag;
} lexer;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static void next(lexer *L)
{
    while (L->pos < L->len && is_space(L->text[L->pos])) {
        L->pos++;
    }
    L->start = L->pos;
    if (L->pos >= L->len) {
        L->kind = T_EOF;
        L->end = L->pos;
        return;
    }
    char c = L->text[L->pos];
    if (c == '{' || c == '}' || c == ',') {
        L->kind = c == '{' ? T_LBRACE : c == '}' ? T_RBRACE : T_COMMA;
        L->end = ++L->pos;
        return;
    }
    if (c == '"') {
        size_t i = L->pos + 1;
        while (i < L->len && L->text[i] != '"') {
            i += L->text[i] == '\\' && i + 1 < L->len ? 2 : 1;
        }
        if (i >= L->len) {
            L->kind = T_BAD;
            L->end = L->len;
            L->pos = L->len;
            return;
        }
        L->kind = T_TEXT;
        L->end = i + 1;
        L->pos = i + 1;
        return;
    }
    size_t i = L->pos;
    while (i < L->len && !is_space(L->text[i]) && L->text[i] != '{' && L->text[i] != '}' &&
           L->text[i] != ',' && L->text[i] != '"') {
        i++;
    }
    L->kind = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ? T_NUMBER : T_SYMBOL;
    L->end = i;
    L->pos = i;
}

/* Reports an error at the current token, underlining it. */
static sc_status fail(lexer *L, const char *message)
{
    int w = (int)(L->end - L->start);
    return sc__diag_set_at(L->diag, SC_EPARSE, L->file, L->text, L->len, L->start, w < 1 ? 1 : w,
                           "%s", message);
}

static sc_status fail_expected(lexer *L, const char *what)
{
    int w = (int)(L->end - L->start);
    return sc__diag_set_at(L->diag, SC_EPARSE, L->file, L->text, L->len, L->start, w < 1 ? 1 : w,
                           "expected %s", what);
}

static int token_is(const lexer *L, const char *word)
{
    size_t n = strlen(word);
    return L->kind == T_SYMBOL && L->end - L->start == n &&
           strncmp(L->text + L->start, word, n) == 0;
}

/* The quoted text of the current token, unescaping \" only (Gambit keeps other backslashes). */
static char *text_value(const lexer *L)
{
    size_t n = L->end - L->start - 2;
    char *s = malloc(n + 1);
    if (!s) {
        return NULL;
    }
    size_t o = 0;
    for (size_t i = L->start + 1; i < L->end - 1; i++) {
        if (L->text[i] == '\\' && i + 1 < L->end - 1 && L->text[i + 1] == '"') {
            i++;
        }
        s[o++] = L->text[i];
    }
    s[o] = '\0';
    return s;
}

/*
 * Exact rational from a number token: integers, decimals, exponents (no '+' in the exponent and
 * no leading '+', as Gambit), and fractions a/b with only the numerator signed. 0 if invalid.
 */
int sc__game_parse_rational(const char *s, size_t n, mpq_t out)
{
    char buf[512];
    if (n == 0 || n >= sizeof buf) {
        return 0;
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (buf[0] == '+') {
        return 0;
    }
    char *slash = strchr(buf, '/');
    if (slash) {
        *slash = '\0';
        const char *num = buf, *den = slash + 1;
        size_t i = num[0] == '-' ? 1 : 0;
        if (!num[i] || !den[0]) {
            return 0;
        }
        for (; num[i]; i++) {
            if (num[i] < '0' || num[i] > '9') {
                return 0;
            }
        }
        for (i = 0; den[i]; i++) {
            if (den[i] < '0' || den[i] > '9') {
                return 0;
            }
        }
        mpz_t a, b;
        mpz_init_set_str(a, num, 10);
        mpz_init_set_str(b, den, 10);
        int ok = mpz_sgn(b) != 0;
        if (ok) {
            mpq_set_num(out, a);
            mpq_set_den(out, b);
            mpq_canonicalize(out);
        }
        mpz_clear(a);
        mpz_clear(b);
        return ok;
    }
    /* decimal: [-]digits[.digits][e[-]digits] */
    const char *p = buf;
    int neg = 0;
    if (*p == '-') {
        neg = 1;
        p++;
    }
    char digits[512];
    size_t nd = 0, frac = 0;
    int seen_digit = 0, seen_dot = 0;
    for (; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            if (seen_dot) {
                return 0;
            }
            seen_dot = 1;
        } else if (*p >= '0' && *p <= '9') {
            digits[nd++] = *p;
            frac += (size_t)seen_dot;
            seen_digit = 1;
        } else {
            return 0;
        }
    }
    if (!seen_digit) {
        return 0;
    }
    long ex = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        int eneg = 0;
        if (*p == '-') {
            eneg = 1;
            p++;
        }
        if (!*p) {
            return 0;
        }
        for (; *p; p++) {
            if (*p < '0' || *p > '9' || ex > 100000) {
                return 0;
            }
            ex = ex * 10 + (*p - '0');
        }
        ex = eneg ? -ex : ex;
    }
    digits[nd] = '\0';
    long scale = ex - (long)frac;
    if (scale > 100000 || scale < -100000) {
        return 0;
    }
    mpz_t z, t;
    mpz_init_set_str(z, digits, 10);
    mpz_init(t);
    mpz_ui_pow_ui(t, 10, (unsigned long)(scale < 0 ? -scale : scale));
    if (scale >= 0) {
        mpz_mul(z, z, t);
        mpq_set_z(out, z);
    } else {
        mpq_set_num(out, z);
        mpq_set_den(out, t);
        mpq_canonicalize(out);
    }
    if (neg) {
        mpq_neg(out, out);
    }
    mpz_clear(z);
    mpz_clear(t);
    return 1;
}

static sc_status expect(lexer *L, tok_kind k, const char *what)
{
    if (L->kind != k) {
        return fail_expected(L, what);
    }
    next(L);
    return SC_OK;
}

/* A brace list of quoted labels; *count labels appended to *labels. */
static sc_status label_list(lexer *L, char ***labels, size_t *count, size_t max)
{
    sc_status rc = expect(L, T_LBRACE, "'{'");
    if (rc != SC_OK) {
        return rc;
    }
    size_t cap = 8, n = 0;
    char **v = malloc(cap * sizeof *v);
    if (!v) {
        return sc__diag_set(L->diag, SC_ENOMEM, "out of memory");
    }
    while (L->kind == T_TEXT) {
        if (n == max) {
            rc = fail(L, "too many labels");
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
        v[n] = text_value(L);
        if (!v[n]) {
            rc = sc__diag_set(L->diag, SC_ENOMEM, "out of memory");
            goto bad;
        }
        n++;
        next(L);
    }
    if (L->kind != T_RBRACE) {
        rc = fail(L, "expected a quoted label or '}' (labels must be in double quotes)");
        goto bad;
    }
    next(L);
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

void sc_game_free(sc_game *g)
{
    if (!g) {
        return;
    }
    /* tolerant of partly built games (the reader and sc_game_new stop half way on errors) */
    if (g->pay) {
        for (size_t i = 0; i < g->nprof * g->n; i++) {
            mpq_clear(g->pay[i]);
        }
    }
    free(g->pay);
    free(g->dpay);
    for (size_t p = 0; p < g->n; p++) {
        if (g->player) {
            free(g->player[p]);
        }
        if (g->label && g->label[p]) {
            for (size_t s = 0; g->ns && s < g->ns[p]; s++) {
                free(g->label[p][s]);
            }
            free(g->label[p]);
        }
    }
    free(g->player);
    free(g->label);
    free(g->ns);
    free(g->title);
    free(g->comment);
    free(g);
}

/* Replaces v[i] by a copy of text; 0 when out of memory. */
static int set_label(char **v, size_t i, const char *text)
{
    char *t = malloc(strlen(text) + 1);
    if (!t) {
        return 0;
    }
    strcpy(t, text);
    free(v[i]);
    v[i] = t;
    return 1;
}

/*
 * Makes labels unique and non-empty as Gambit does: an empty label becomes _k (its 1-based
 * position), and a label used more than once becomes x_1, x_2, ... in order of appearance.
 * Quadratic in the number of labels, which is small (strategies of one player, or players).
 */
static int normalize_labels(char **v, size_t n)
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
    for (size_t i = 0; i < n; i++) {
        size_t dup = 0;
        for (size_t j = i + 1; j < n; j++) {
            dup += strcmp(v[i], v[j]) == 0;
        }
        if (!dup) {
            continue;
        }
        size_t base_len = strlen(v[i]), k = 1;
        char *base = malloc(base_len + 1);
        if (!base) {
            return 0;
        }
        strcpy(base, v[i]);
        for (size_t j = i; j < n; j++) {
            if (strcmp(v[j], base) != 0) {
                continue;
            }
            char *t = malloc(base_len + 24);
            if (!t) {
                free(base);
                return 0;
            }
            snprintf(t, base_len + 24, "%s_%zu", base, k++);
            free(v[j]);
            v[j] = t;
        }
        free(base);
    }
    return 1;
}

sc_status sc_game_read_nfg(const char *text, size_t len, const char *file, sc_game **out,
                           sc_diag *diag)
{
    *out = NULL;
    lexer L = {text, len, 0, file ? file : "<input>", T_EOF, 0, 0, diag};
    if (len > ((size_t)64 << 20)) {
        sc__diag_set_file(diag, L.file);
        return sc__diag_set(diag, SC_ELIMIT, "file larger than 64 MiB");
    }
    if (memchr(text, '\0', len)) {
        size_t at = (size_t)((const char *)memchr(text, '\0', len) - text);
        return sc__diag_set_at(diag, SC_EPARSE, L.file, text, len, at, 1,
                               "NUL byte: this is not a text file");
    }
    sc_game *g = calloc(1, sizeof *g);
    if (!g) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = SC_OK;
    mpq_t q;
    mpq_init(q);
    mpq_t *opay = NULL;
    size_t nout = 0, ocap = 0;
    next(&L);
    if (!token_is(&L, "NFG")) {
        rc = fail_expected(&L, "'NFG' at the start of the file");
        goto done;
    }
    next(&L);
    if (L.kind != T_NUMBER || L.end - L.start != 1 || text[L.start] != '1') {
        rc = fail_expected(&L, "the format version 1");
        goto done;
    }
    next(&L);
    if (!token_is(&L, "R") && !token_is(&L, "D")) {
        rc = fail_expected(&L, "'R' or 'D'");
        goto done;
    }
    next(&L);
    if (L.kind != T_TEXT) {
        rc = fail_expected(&L, "the quoted title");
        goto done;
    }
    g->title = text_value(&L);
    next(&L);
    if ((rc = label_list(&L, &g->player, &g->n, MAX_PLAYERS)) != SC_OK) {
        goto done;
    }
    if (g->n == 0) {
        rc = sc__diag_set_at(diag, SC_EPARSE, L.file, text, len, L.start, 1,
                             "the game needs at least one player");
        goto done;
    }
    g->ns = calloc(g->n, sizeof *g->ns);
    g->label = calloc(g->n, sizeof *g->label);
    if (!g->title || !g->ns || !g->label || !normalize_labels(g->player, g->n)) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    /* strategies: counts { 3 2 } or labels { { "T" "B" } { ... } } */
    size_t brace = L.start;
    if ((rc = expect(&L, T_LBRACE, "'{' before the strategies")) != SC_OK) {
        goto done;
    }
    g->nprof = 1;
    for (size_t p = 0; p < g->n; p++) {
        if (L.kind == T_LBRACE) {
            size_t cnt = 0;
            if ((rc = label_list(&L, &g->label[p], &cnt, (size_t)1 << 20)) != SC_OK) {
                goto done;
            }
            g->ns[p] = cnt;
            if (!normalize_labels(g->label[p], cnt)) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
        } else if (L.kind == T_NUMBER) {
            if (!sc__game_parse_rational(text + L.start, L.end - L.start, q) ||
                mpz_cmp_ui(mpq_denref(q), 1) != 0 || mpq_sgn(q) <= 0 ||
                mpz_cmp_ui(mpq_numref(q), 1UL << 20) > 0) {
                rc = fail_expected(&L, "a positive strategy count");
                goto done;
            }
            g->ns[p] = mpz_get_ui(mpq_numref(q));
            g->label[p] = calloc(g->ns[p], sizeof *g->label[p]);
            if (!g->label[p]) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
            for (size_t s = 0; s < g->ns[p]; s++) {
                char buf[24];
                snprintf(buf, sizeof buf, "%zu", s + 1);
                g->label[p][s] = malloc(strlen(buf) + 1);
                if (!g->label[p][s]) {
                    rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                    goto done;
                }
                strcpy(g->label[p][s], buf);
            }
            next(&L);
        } else {
            rc = fail_expected(&L, "the strategies of the next player");
            goto done;
        }
        if (g->ns[p] == 0) {
            rc = sc__diag_set_at(diag, SC_EPARSE, L.file, text, len, brace, 1,
                                 "player %zu has no strategy", p + 1);
            goto done;
        }
        if (g->nprof > MAX_PROFILES / g->ns[p]) {
            rc = sc__diag_set_at(diag, SC_ELIMIT, L.file, text, len, brace, 1,
                                 "more than %zu strategy profiles", MAX_PROFILES);
            goto done;
        }
        g->nprof *= g->ns[p];
    }
    if ((rc = expect(&L, T_RBRACE, "'}' after the strategies")) != SC_OK) {
        goto done;
    }
    if (L.kind == T_TEXT) {
        g->comment = text_value(&L);
        next(&L);
    }
    {
        mpq_t *pay = malloc(g->nprof * g->n * sizeof *pay);
        double *dpay = malloc(g->nprof * g->n * sizeof *dpay);
        if (!pay || !dpay) {
            free(pay);
            free(dpay);
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < g->nprof * g->n; i++) {
            mpq_init(pay[i]);
        }
        g->pay = pay; /* only initialised rationals are ever attached to the game */
        g->dpay = dpay;
    }
    size_t ncells = g->nprof * g->n;
    if (L.kind == T_NUMBER) {
        g->version = SC_NFG_PAYOFF;
        for (size_t i = 0; i < ncells; i++) {
            if (L.kind == T_COMMA) {
                rc = fail(&L, "expected a numerical payoff (no commas between payoffs in the "
                              "payoff version)");
                goto done;
            }
            if (L.kind != T_NUMBER) {
                rc = fail_expected(&L, "a numerical payoff (the payoff list is short)");
                goto done;
            }
            if (!sc__game_parse_rational(text + L.start, L.end - L.start, g->pay[i])) {
                rc = fail(&L, "invalid number (integers, decimals, a/b; no leading '+')");
                goto done;
            }
            next(&L);
        }
    } else if (L.kind == T_LBRACE) {
        g->version = SC_NFG_OUTCOME;
        next(&L);
        while (L.kind == T_LBRACE) {
            next(&L);
            if (L.kind != T_TEXT) {
                rc = fail_expected(&L, "the quoted outcome label");
                goto done;
            }
            next(&L);
            if (nout == ocap) {
                ocap = ocap ? 2 * ocap : 16;
                mpq_t *np = realloc(opay, ocap * g->n * sizeof *np);
                if (!np) {
                    rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                    goto done;
                }
                opay = np;
            }
            for (size_t p = 0; p < g->n; p++) {
                mpq_init(opay[nout * g->n + p]);
            }
            nout++;
            for (size_t p = 0; p < g->n; p++) {
                if (p > 0 && L.kind == T_COMMA) {
                    next(&L);
                }
                if (L.kind != T_NUMBER ||
                    !sc__game_parse_rational(text + L.start, L.end - L.start,
                                             opay[(nout - 1) * g->n + p])) {
                    rc = fail_expected(&L, "a numerical payoff for every player");
                    goto done;
                }
                next(&L);
            }
            if ((rc = expect(&L, T_RBRACE, "'}' after the outcome's payoffs")) != SC_OK) {
                goto done;
            }
        }
        if ((rc = expect(&L, T_RBRACE, "'{' for an outcome or '}'")) != SC_OK) {
            goto done;
        }
        for (size_t c = 0; c < g->nprof; c++) {
            if (L.kind != T_NUMBER || !sc__game_parse_rational(text + L.start, L.end - L.start, q) ||
                mpz_cmp_ui(mpq_denref(q), 1) != 0 || mpq_sgn(q) < 0) {
                rc = fail_expected(&L, "an outcome index for every strategy profile");
                goto done;
            }
            if (mpz_cmp_ui(mpq_numref(q), nout) > 0) {
                rc = fail(&L, "outcome index beyond the outcome list");
                goto done;
            }
            size_t k = mpz_get_ui(mpq_numref(q));
            for (size_t p = 0; p < g->n; p++) {
                if (k > 0) {
                    mpq_set(g->pay[c * g->n + p], opay[(k - 1) * g->n + p]);
                }
            }
            next(&L);
        }
    } else {
        rc = fail_expected(&L, "an outcome list or payoffs");
        goto done;
    }
    if (L.kind != T_EOF) {
        rc = fail_expected(&L, "the end of the file (too many payoffs or indices)");
        goto done;
    }
    for (size_t i = 0; i < ncells; i++) {
        g->dpay[i] = mpq_get_d(g->pay[i]);
    }
done:
    mpq_clear(q);
    for (size_t i = 0; i < nout * g->n; i++) {
        mpq_clear(opay[i]);
    }
    free(opay);
    if (rc != SC_OK) {
        sc_game_free(g);
        return rc;
    }
    *out = g;
    return SC_OK;
}

/* ---- accessors and writer --------------------------------------------------------------------- */

size_t sc_game_players(const sc_game *g) { return g->n; }
size_t sc_game_strategies(const sc_game *g, size_t p) { return p < g->n ? g->ns[p] : 0; }
size_t sc_game_profiles(const sc_game *g) { return g->nprof; }
const char *sc_game_title(const sc_game *g) { return g->title; }
sc_nfg_version sc_game_version(const sc_game *g) { return g->version; }

void sc_game_payoff_bounds(const sc_game *g, double *min, double *max)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    for (size_t i = 0; i < g->nprof * g->n; i++) {
        lo = g->dpay[i] < lo ? g->dpay[i] : lo;
        hi = g->dpay[i] > hi ? g->dpay[i] : hi;
    }
    *min = g->nprof * g->n > 0 ? lo : 0;
    *max = g->nprof * g->n > 0 ? hi : 0;
}

double sc_game_payoff(const sc_game *g, size_t c, size_t p)
{
    return g->dpay[c * g->n + p];
}

void sc_game_payoff_text(const sc_game *g, size_t c, size_t p, char *buf, size_t n)
{
    char *s = mpq_get_str(NULL, 10, g->pay[c * g->n + p]);
    snprintf(buf, n, "%s", s ? s : "?");
    void (*freefunc)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &freefunc);
    if (s) {
        freefunc(s, strlen(s) + 1);
    }
}

static void quoted(sc_buf *b, const char *s)
{
    sc_buf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"') {
            sc_buf_puts(b, "\\\"");
        } else {
            sc_buf_append(b, s, 1);
        }
    }
    sc_buf_puts(b, "\"");
}

static void rational(sc_buf *b, const mpq_t v)
{
    char *s = mpq_get_str(NULL, 10, v);
    if (s) {
        sc_buf_puts(b, s);
        void (*freefunc)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefunc);
        freefunc(s, strlen(s) + 1);
    } else {
        b->error = SC_ENOMEM;
    }
}

sc_status sc_game_write_nfg(const sc_game *g, sc_nfg_version version, sc_buf *b, sc_diag *diag)
{
    sc_buf_puts(b, "NFG 1 R ");
    quoted(b, g->title);
    sc_buf_puts(b, " {");
    for (size_t p = 0; p < g->n; p++) {
        sc_buf_puts(b, " ");
        quoted(b, g->player[p]);
    }
    sc_buf_puts(b, " }\n\n{");
    for (size_t p = 0; p < g->n; p++) {
        sc_buf_puts(b, p ? "\n{" : " {");
        for (size_t s = 0; s < g->ns[p]; s++) {
            sc_buf_puts(b, " ");
            quoted(b, g->label[p][s]);
        }
        sc_buf_puts(b, " }");
    }
    sc_buf_puts(b, "\n}\n");
    quoted(b, g->comment ? g->comment : "");
    sc_buf_puts(b, "\n\n");
    if (version == SC_NFG_PAYOFF) {
        for (size_t c = 0; c < g->nprof; c++) {
            for (size_t p = 0; p < g->n; p++) {
                sc_buf_puts(b, p ? " " : "");
                rational(b, g->pay[c * g->n + p]);
            }
            sc_buf_puts(b, "\n");
        }
    } else {
        /* one outcome per profile: simple, exact, and what Gambit reads back identically */
        sc_buf_puts(b, "{\n");
        for (size_t c = 0; c < g->nprof; c++) {
            sc_buf_puts(b, "{ \"\" ");
            for (size_t p = 0; p < g->n; p++) {
                sc_buf_puts(b, p ? ", " : "");
                rational(b, g->pay[c * g->n + p]);
            }
            sc_buf_puts(b, " }\n");
        }
        sc_buf_puts(b, "}\n");
        for (size_t c = 0; c < g->nprof; c++) {
            sc_buf_printf(b, "%s%zu", c ? " " : "", c + 1);
        }
        sc_buf_puts(b, "\n");
    }
    return b->error ? sc__diag_set(diag, b->error, "out of memory") : SC_OK;
}
