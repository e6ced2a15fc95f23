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
#include "game/lex.h"
#include "scx/scx.h"

#define MAX_PROFILES ((size_t)1 << 24)
#define MAX_PLAYERS 64

/* Reports an error at the current token, underlining it. */
static sc_status fail(sc__lexer *L, const char *message)
{
    return sc__lex_fail(L, "%s", message);
}

static sc_status fail_expected(sc__lexer *L, const char *what)
{
    return sc__lex_fail(L, "expected %s", what);
}

static sc_status expect(sc__lexer *L, sc__tok k, const char *what)
{
    if (L->kind != k) {
        return fail_expected(L, what);
    }
    sc__lex_next(L);
    return SC_OK;
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

sc_status sc_game_read_nfg(const char *text, size_t len, const char *file, sc_game **out,
                           sc_diag *diag)
{
    *out = NULL;
    sc__lexer L;
    L.file = file ? file : "<input>";
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
    sc__lex_init(&L, text, len, file, diag);
    if (sc__lex_is(&L, "EFG")) {
        rc = fail(&L, "this is an extensive-form game (.efg), not a strategic-form one (.nfg)");
        goto done;
    }
    if (!sc__lex_is(&L, "NFG")) {
        rc = fail_expected(&L, "'NFG' at the start of the file");
        goto done;
    }
    sc__lex_next(&L);
    if (L.kind != SC__T_NUMBER || L.end - L.start != 1 || text[L.start] != '1') {
        rc = fail_expected(&L, "the format version 1");
        goto done;
    }
    sc__lex_next(&L);
    if (!sc__lex_is(&L, "R") && !sc__lex_is(&L, "D")) {
        rc = fail_expected(&L, "'R' or 'D'");
        goto done;
    }
    sc__lex_next(&L);
    if (L.kind != SC__T_TEXT) {
        rc = fail_expected(&L, "the quoted title");
        goto done;
    }
    g->title = sc__lex_text(&L);
    sc__lex_next(&L);
    if ((rc = sc__lex_labels(&L, &g->player, &g->n, MAX_PLAYERS)) != SC_OK) {
        goto done;
    }
    if (g->n == 0) {
        rc = sc__diag_set_at(diag, SC_EPARSE, L.file, text, len, L.start, 1,
                             "the game needs at least one player");
        goto done;
    }
    g->ns = calloc(g->n, sizeof *g->ns);
    g->label = calloc(g->n, sizeof *g->label);
    if (!g->title || !g->ns || !g->label || !sc__labels_normalize(g->player, g->n)) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    /* strategies: counts { 3 2 } or labels { { "T" "B" } { ... } } */
    size_t brace = L.start;
    if ((rc = expect(&L, SC__T_LBRACE, "'{' before the strategies")) != SC_OK) {
        goto done;
    }
    g->nprof = 1;
    for (size_t p = 0; p < g->n; p++) {
        if (L.kind == SC__T_LBRACE) {
            size_t cnt = 0;
            if ((rc = sc__lex_labels(&L, &g->label[p], &cnt, (size_t)1 << 20)) != SC_OK) {
                goto done;
            }
            g->ns[p] = cnt;
            if (!sc__labels_normalize(g->label[p], cnt)) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
        } else if (L.kind == SC__T_NUMBER) {
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
            sc__lex_next(&L);
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
    if ((rc = expect(&L, SC__T_RBRACE, "'}' after the strategies")) != SC_OK) {
        goto done;
    }
    if (L.kind == SC__T_TEXT) {
        g->comment = sc__lex_text(&L);
        sc__lex_next(&L);
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
    if (L.kind == SC__T_NUMBER) {
        g->version = SC_NFG_PAYOFF;
        for (size_t i = 0; i < ncells; i++) {
            if (L.kind == SC__T_COMMA) {
                rc = fail(&L, "expected a numerical payoff (no commas between payoffs in the "
                              "payoff version)");
                goto done;
            }
            if (L.kind != SC__T_NUMBER) {
                rc = fail_expected(&L, "a numerical payoff (the payoff list is short)");
                goto done;
            }
            if (!sc__game_parse_rational(text + L.start, L.end - L.start, g->pay[i])) {
                rc = fail(&L, "invalid number (integers, decimals, a/b; no leading '+')");
                goto done;
            }
            sc__lex_next(&L);
        }
    } else if (L.kind == SC__T_LBRACE) {
        g->version = SC_NFG_OUTCOME;
        sc__lex_next(&L);
        while (L.kind == SC__T_LBRACE) {
            sc__lex_next(&L);
            if (L.kind != SC__T_TEXT) {
                rc = fail_expected(&L, "the quoted outcome label");
                goto done;
            }
            sc__lex_next(&L);
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
                if (p > 0 && L.kind == SC__T_COMMA) {
                    sc__lex_next(&L);
                }
                if (L.kind != SC__T_NUMBER ||
                    !sc__game_parse_rational(text + L.start, L.end - L.start,
                                             opay[(nout - 1) * g->n + p])) {
                    rc = fail_expected(&L, "a numerical payoff for every player");
                    goto done;
                }
                sc__lex_next(&L);
            }
            if ((rc = expect(&L, SC__T_RBRACE, "'}' after the outcome's payoffs")) != SC_OK) {
                goto done;
            }
        }
        if ((rc = expect(&L, SC__T_RBRACE, "'{' for an outcome or '}'")) != SC_OK) {
            goto done;
        }
        for (size_t c = 0; c < g->nprof; c++) {
            if (!sc__lex_rational(&L, q) ||
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
            sc__lex_next(&L);
        }
    } else {
        rc = fail_expected(&L, "an outcome list or payoffs");
        goto done;
    }
    if (L.kind != SC__T_EOF) {
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

static void quoted(scx_buf *b, const char *s)
{
    scx_buf_puts(b, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            scx_buf_append(b, "\\", 1); /* std::quoted, as Gambit writes */
        }
        scx_buf_append(b, s, 1);
    }
    scx_buf_puts(b, "\"");
}

static void rational(scx_buf *b, const mpq_t v)
{
    char *s = mpq_get_str(NULL, 10, v);
    if (s) {
        scx_buf_puts(b, s);
        void (*freefunc)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefunc);
        freefunc(s, strlen(s) + 1);
    } else {
        b->error = SC_ENOMEM;
    }
}

sc_status sc_game_write_nfg(const sc_game *g, sc_nfg_version version, char **out, size_t *len,
                            sc_diag *diag)
{
    scx_buf buf;
    scx_buf_init(&buf);
    scx_buf *b = &buf;
    scx_buf_puts(b, "NFG 1 R ");
    quoted(b, g->title);
    scx_buf_puts(b, " {");
    for (size_t p = 0; p < g->n; p++) {
        scx_buf_puts(b, " ");
        quoted(b, g->player[p]);
    }
    scx_buf_puts(b, " }\n\n{");
    for (size_t p = 0; p < g->n; p++) {
        scx_buf_puts(b, p ? "\n{" : " {");
        for (size_t s = 0; s < g->ns[p]; s++) {
            scx_buf_puts(b, " ");
            quoted(b, g->label[p][s]);
        }
        scx_buf_puts(b, " }");
    }
    scx_buf_puts(b, "\n}\n");
    quoted(b, g->comment ? g->comment : "");
    scx_buf_puts(b, "\n\n");
    if (version == SC_NFG_PAYOFF) {
        for (size_t c = 0; c < g->nprof; c++) {
            for (size_t p = 0; p < g->n; p++) {
                scx_buf_puts(b, p ? " " : "");
                rational(b, g->pay[c * g->n + p]);
            }
            scx_buf_puts(b, "\n");
        }
    } else {
        /* one outcome per profile: simple, exact, and what Gambit reads back identically */
        scx_buf_puts(b, "{\n");
        for (size_t c = 0; c < g->nprof; c++) {
            scx_buf_puts(b, "{ \"\" ");
            for (size_t p = 0; p < g->n; p++) {
                scx_buf_puts(b, p ? ", " : "");
                rational(b, g->pay[c * g->n + p]);
            }
            scx_buf_puts(b, " }\n");
        }
        scx_buf_puts(b, "}\n");
        for (size_t c = 0; c < g->nprof; c++) {
            scx_buf_printf(b, "%s%zu", c ? " " : "", c + 1);
        }
        scx_buf_puts(b, "\n");
    }
    return scx_buf_take(&buf, out, len, diag);
}
