/* SPDX-License-Identifier: MIT */
/*
 * Gambit's strategic-form (.nfg) files: a tokenizer and parser for both the payoff and the
 * outcome version (shared/reference/gambit/format.md), exact payoffs as GMP rationals, and the
 * writer. Unlike Gambit, every error is located, and an outcome index beyond the outcome list is
 * a parse error rather than a crash.
 */
#include "game/game_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "game/exact.h"
#include "game/lex.h"
#include "scx/scx.h"

#define MAX_PROFILES ((size_t)1 << 24)
#define MAX_PLAYERS 64
#define MAX_STRATEGIES ((size_t)1 << 20)
#define MAX_FILE_BYTES ((size_t)64 << 20)

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
    for (size_t i = 0; g->pay && i < g->pay_ready; i++) {
        mpq_clear(g->pay[i]);
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

/*
 * The reader's state, on the heap: GNU MP may jump out of the parse (out of memory) back to
 * sc_game_read_nfg, and everything the clean-up needs must survive the jump.
 */
typedef struct reader {
    sc__lexer L;
    sc_game *g;
    sc__exact_scratch t;
    mpq_t q;
    int scratch_ready, q_ready;
    mpq_t *opay; /* the outcome version's outcome payoffs */
    size_t opay_init, ocap;
    size_t max_numbers; /* payoff entries + outcome payoffs allowed by the memory budget */
} reader;

/* Parses the current token as a number into out, or reports why it is not one. */
static sc_status number(reader *r, mpq_t out, const char *what)
{
    sc__lexer *L = &r->L;
    if (L->kind != SC__T_NUMBER) {
        return fail_expected(L, what);
    }
    const char *why = NULL;
    int got = sc__exact_parse(&r->t, L->text + L->start, L->end - L->start, out, &why);
    if (got > 0) {
        return SC_OK;
    }
    size_t w = L->end - L->start;
    return sc__diag_set_at(L->diag, got < 0 ? SC_ELIMIT : SC_EPARSE, L->file, L->text, L->len,
                           L->start, (int)(w > 80 ? 80 : w), "%s", why ? why : "invalid number");
}

/*
 * A count or an index: the current token as a non-negative integer. 1 and *out when it is one
 * and at most max; 2 when it is an integer above max; 0 when it is not a non-negative integer.
 */
static int whole_number(reader *r, unsigned long max, size_t *out)
{
    sc__lexer *L = &r->L;
    if (L->kind != SC__T_NUMBER ||
        sc__exact_parse(&r->t, L->text + L->start, L->end - L->start, r->q, NULL) <= 0 ||
        mpz_cmp_ui(mpq_denref(r->q), 1) != 0 || mpq_sgn(r->q) < 0) {
        return 0;
    }
    if (mpz_cmp_ui(mpq_numref(r->q), max) > 0) {
        return 2;
    }
    *out = (size_t)mpz_get_ui(mpq_numref(r->q));
    return 1;
}

static sc_status read_body(reader *r)
{
    sc__lexer *L = &r->L;
    sc_game *g = r->g;
    const char *text = L->text;
    size_t len = L->len;
    sc_diag *diag = L->diag;
    sc_status rc;
    if (sc__lex_is(L, "EFG")) {
        return fail(L, "this is an extensive-form game (.efg), not a strategic-form one (.nfg)");
    }
    if (!sc__lex_is(L, "NFG")) {
        return fail_expected(L, "'NFG' at the start of the file");
    }
    sc__lex_next(L);
    if (L->kind != SC__T_NUMBER || L->end - L->start != 1 || text[L->start] != '1') {
        return fail_expected(L, "the format version 1");
    }
    sc__lex_next(L);
    if (!sc__lex_is(L, "R") && !sc__lex_is(L, "D")) {
        return fail_expected(L, "'R' or 'D'");
    }
    sc__lex_next(L);
    if (L->kind != SC__T_TEXT) {
        return fail_expected(L, "the quoted title");
    }
    g->title = sc__lex_text(L);
    sc__lex_next(L);
    if ((rc = sc__lex_labels(L, &g->player, &g->n, MAX_PLAYERS)) != SC_OK) {
        return rc;
    }
    if (g->n == 0) {
        return sc__diag_set_at(diag, SC_EPARSE, L->file, text, len, L->start, 1,
                               "the game needs at least one player");
    }
    g->ns = calloc(g->n, sizeof *g->ns);
    g->label = calloc(g->n, sizeof *g->label);
    if (!g->title || !g->ns || !g->label || !sc__labels_normalize(g->player, g->n)) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    /* strategies: counts { 3 2 } or labels { { "T" "B" } { ... } } */
    size_t brace = L->start;
    if ((rc = expect(L, SC__T_LBRACE, "'{' before the strategies")) != SC_OK) {
        return rc;
    }
    g->nprof = 1;
    for (size_t p = 0; p < g->n; p++) {
        if (L->kind == SC__T_LBRACE) {
            size_t cnt = 0;
            if ((rc = sc__lex_labels(L, &g->label[p], &cnt, MAX_STRATEGIES)) != SC_OK) {
                return rc;
            }
            g->ns[p] = cnt;
            if (!sc__labels_normalize(g->label[p], cnt)) {
                return sc__diag_set(diag, SC_ENOMEM, "out of memory");
            }
        } else if (L->kind == SC__T_NUMBER) {
            size_t cnt = 0;
            if (whole_number(r, MAX_STRATEGIES, &cnt) != 1 || cnt == 0) {
                return fail_expected(L, "a positive strategy count (at most 1048576)");
            }
            g->ns[p] = cnt;
            g->label[p] = calloc(g->ns[p], sizeof *g->label[p]);
            if (!g->label[p]) {
                return sc__diag_set(diag, SC_ENOMEM, "out of memory");
            }
            for (size_t s = 0; s < g->ns[p]; s++) {
                char buf[24];
                snprintf(buf, sizeof buf, "%zu", s + 1);
                g->label[p][s] = malloc(strlen(buf) + 1);
                if (!g->label[p][s]) {
                    return sc__diag_set(diag, SC_ENOMEM, "out of memory");
                }
                strcpy(g->label[p][s], buf);
            }
            sc__lex_next(L);
        } else {
            return fail_expected(L, "the strategies of the next player");
        }
        if (g->ns[p] == 0) {
            return sc__diag_set_at(diag, SC_EPARSE, L->file, text, len, brace, 1,
                                   "player %zu has no strategy", p + 1);
        }
        if (g->nprof > MAX_PROFILES / g->ns[p]) {
            return sc__diag_set_at(diag, SC_ELIMIT, L->file, text, len, brace, 1,
                                   "more than %zu strategy profiles", MAX_PROFILES);
        }
        g->nprof *= g->ns[p];
    }
    /* the payoff table holds profiles x players exact numbers: check it fits the budget */
    if (g->nprof > r->max_numbers / g->n) {
        return sc__diag_set_at(diag, SC_ELIMIT, L->file, text, len, brace, 1,
                               "the game has %zu profiles x %zu players = %.4g payoffs, more "
                               "than the %zu that fit the memory budget of %zu MiB "
                               "(--max-memory)",
                               g->nprof, g->n, (double)g->nprof * (double)g->n, r->max_numbers,
                               sc_memory_budget_get() >> 20);
    }
    if ((rc = expect(L, SC__T_RBRACE, "'}' after the strategies")) != SC_OK) {
        return rc;
    }
    if (L->kind == SC__T_TEXT) {
        g->comment = sc__lex_text(L);
        if (!g->comment) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        sc__lex_next(L);
    }
    size_t ncells = g->nprof * g->n;
    g->pay = malloc(ncells * sizeof *g->pay);
    g->dpay = malloc(ncells * sizeof *g->dpay);
    if (!g->pay || !g->dpay) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (; g->pay_ready < ncells; g->pay_ready++) {
        mpq_init(g->pay[g->pay_ready]);
    }
    if (L->kind == SC__T_NUMBER) {
        g->version = SC_NFG_PAYOFF;
        for (size_t i = 0; i < ncells; i++) {
            if (L->kind == SC__T_COMMA) {
                return fail(L, "expected a numerical payoff (no commas between payoffs in the "
                               "payoff version)");
            }
            if ((rc = number(r, g->pay[i], "a numerical payoff (the payoff list is short)")) !=
                SC_OK) {
                return rc;
            }
            sc__lex_next(L);
        }
    } else if (L->kind == SC__T_LBRACE) {
        g->version = SC_NFG_OUTCOME;
        sc__lex_next(L);
        size_t nout = 0;
        while (L->kind == SC__T_LBRACE) {
            sc__lex_next(L);
            if (L->kind != SC__T_TEXT) {
                return fail_expected(L, "the quoted outcome label");
            }
            sc__lex_next(L);
            if ((nout + 1) * g->n > r->max_numbers - ncells) {
                return sc__diag_set_at(diag, SC_ELIMIT, L->file, text, len, L->start, 1,
                                       "the outcomes and the payoff table hold more than the %zu "
                                       "payoffs that fit the memory budget (--max-memory)",
                                       r->max_numbers);
            }
            if (nout == r->ocap) {
                size_t ncap = r->ocap ? 2 * r->ocap : 16;
                mpq_t *np = realloc(r->opay, ncap * g->n * sizeof *np);
                if (!np) {
                    return sc__diag_set(diag, SC_ENOMEM, "out of memory");
                }
                r->opay = np;
                r->ocap = ncap;
            }
            for (size_t p = 0; p < g->n; p++) {
                mpq_init(r->opay[r->opay_init++]);
            }
            nout++;
            for (size_t p = 0; p < g->n; p++) {
                if (p > 0 && L->kind == SC__T_COMMA) {
                    sc__lex_next(L);
                }
                if ((rc = number(r, r->opay[(nout - 1) * g->n + p],
                                 "a numerical payoff for every player")) != SC_OK) {
                    return rc;
                }
                sc__lex_next(L);
            }
            if ((rc = expect(L, SC__T_RBRACE, "'}' after the outcome's payoffs")) != SC_OK) {
                return rc;
            }
        }
        if ((rc = expect(L, SC__T_RBRACE, "'{' for an outcome or '}'")) != SC_OK) {
            return rc;
        }
        for (size_t c = 0; c < g->nprof; c++) {
            size_t k = 0;
            int got = whole_number(r, (unsigned long)nout, &k);
            if (got == 0) {
                return fail_expected(L, "an outcome index for every strategy profile");
            }
            if (got == 2) {
                return fail(L, "outcome index beyond the outcome list");
            }
            for (size_t p = 0; p < g->n; p++) {
                if (k > 0) {
                    mpq_set(g->pay[c * g->n + p], r->opay[(k - 1) * g->n + p]);
                }
            }
            sc__lex_next(L);
        }
    } else {
        return fail_expected(L, "an outcome list or payoffs");
    }
    if (L->kind != SC__T_EOF) {
        return fail_expected(L, "the end of the file (too many payoffs or indices)");
    }
    for (size_t i = 0; i < ncells; i++) {
        g->dpay[i] = mpq_get_d(g->pay[i]);
    }
    return SC_OK;
}

size_t sc__game_max_payoffs(void)
{
    return sc_memory_budget_get() / SC__GAME_BYTES_PER_PAYOFF;
}

sc_status sc_game_read_nfg(const char *text, size_t len, const char *file, sc_game **out,
                           sc_diag *diag)
{
    *out = NULL;
    const char *fname = file ? file : "<input>";
    if (len > MAX_FILE_BYTES) {
        sc__diag_set_file(diag, fname);
        return sc__diag_set(diag, SC_ELIMIT, "file larger than 64 MiB");
    }
    if (memchr(text, '\0', len)) {
        size_t at = (size_t)((const char *)memchr(text, '\0', len) - text);
        return sc__diag_set_at(diag, SC_EPARSE, fname, text, len, at, 1,
                               "NUL byte: this is not a text file");
    }
    reader *r = calloc(1, sizeof *r);
    sc_game *g = calloc(1, sizeof *g);
    if (!r || !g) {
        free(r);
        free(g);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    r->g = g;
    r->max_numbers = sc__game_max_payoffs();
    sc__lex_init(&r->L, text, len, fname, diag);
    sc_status rc;
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        /* GNU MP ran out of memory, most likely in the middle of a number: say where */
        rc = sc__diag_set_at(diag, SC_ENOMEM, r->L.file, text, len, r->L.start, 1,
                             "out of memory reading the payoffs (GNU MP)");
    } else {
        sc__exact_scratch_init(&r->t);
        r->scratch_ready = 1;
        mpq_init(r->q);
        r->q_ready = 1;
        rc = read_body(r);
        sc__gmp_end(&region);
    }
    /* Clearing never allocates; only what was initialised is cleared (a jump may come half way). */
    if (r->scratch_ready) {
        sc__exact_scratch_clear(&r->t);
    }
    if (r->q_ready) {
        mpq_clear(r->q);
    }
    for (size_t i = 0; i < r->opay_init; i++) {
        mpq_clear(r->opay[i]);
    }
    free(r->opay);
    if (rc != SC_OK) {
        sc_game_free(g);
        g = NULL;
    }
    free(r);
    *out = g;
    return rc;
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
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        snprintf(buf, n, "?"); /* out of memory */
        return;
    }
    char *s = mpq_get_str(NULL, 10, g->pay[c * g->n + p]);
    sc__gmp_end(&region);
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

/* A hash of profile c's payoff vector (equal vectors hash equal). */
static uint64_t row_hash(const sc_game *g, size_t c)
{
    uint64_t h = 1469598103934665603u;
    for (size_t p = 0; p < g->n; p++) {
        mpq_srcptr q = g->pay[c * g->n + p];
        uint64_t parts[3] = {(uint64_t)mpz_get_ui(mpq_numref(q)),
                             (uint64_t)mpz_get_ui(mpq_denref(q)), (uint64_t)(mpq_sgn(q) + 1)};
        for (int k = 0; k < 3; k++) {
            h = (h ^ parts[k]) * 1099511628211u;
            h ^= h >> 29;
        }
    }
    return h;
}

static int rows_equal(const sc_game *g, size_t a, size_t b)
{
    for (size_t p = 0; p < g->n; p++) {
        if (!mpq_equal(g->pay[a * g->n + p], g->pay[b * g->n + p])) {
            return 0;
        }
    }
    return 1;
}

/*
 * index[c] = the 1-based outcome of profile c, outcomes numbered by first appearance of each
 * distinct payoff vector; *count outcomes. Open addressing on the vectors' hashes.
 */
static sc_status outcome_index(const sc_game *g, size_t **out, size_t *count)
{
    size_t cap = 16;
    while (cap < 2 * g->nprof) {
        cap *= 2;
    }
    size_t *slot = malloc(cap * sizeof *slot); /* a representative profile + 1, 0 = empty */
    size_t *index = malloc(g->nprof * sizeof *index);
    if (!slot || !index) {
        free(slot);
        free(index);
        return SC_ENOMEM;
    }
    memset(slot, 0, cap * sizeof *slot);
    size_t n = 0;
    for (size_t c = 0; c < g->nprof; c++) {
        size_t i = (size_t)row_hash(g, c) & (cap - 1);
        while (slot[i] && !rows_equal(g, slot[i] - 1, c)) {
            i = (i + 1) & (cap - 1);
        }
        if (!slot[i]) {
            slot[i] = c + 1;
            index[c] = ++n;
        } else {
            index[c] = index[slot[i] - 1];
        }
    }
    free(slot);
    *out = index;
    *count = n;
    return SC_OK;
}

sc_status sc_game_write_nfg(const sc_game *g, sc_nfg_version version, char **out, size_t *len,
                            sc_diag *diag)
{
    scx_buf buf;
    scx_buf_init(&buf);
    /* the buffer is reached through a pointer set before the jump point (exact.h) */
    scx_buf *b = &buf;
    sc__gmp_region region;
    if (SC__GMP_TRY(&region)) {
        /* mpq_get_str ran out of memory; nothing was half-appended (it appends after) */
        scx_buf_destroy(b);
        *out = NULL;
        if (len) {
            *len = 0;
        }
        return sc__diag_set(diag, SC_ENOMEM, "out of memory writing the payoffs (GNU MP)");
    }
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
        /* each distinct payoff vector once, numbered in order of first appearance */
        size_t *index = NULL;
        size_t nout = 0;
        if (outcome_index(g, &index, &nout) != SC_OK) {
            b->error = SC_ENOMEM;
        } else {
            scx_buf_puts(b, "{\n");
            for (size_t c = 0, next_new = 1; c < g->nprof; c++) {
                if (index[c] != next_new) {
                    continue; /* seen before */
                }
                next_new++;
                scx_buf_puts(b, "{ \"\" ");
                for (size_t p = 0; p < g->n; p++) {
                    scx_buf_puts(b, p ? ", " : "");
                    rational(b, g->pay[c * g->n + p]);
                }
                scx_buf_puts(b, " }\n");
            }
            scx_buf_puts(b, "}\n");
            for (size_t c = 0; c < g->nprof; c++) {
                scx_buf_printf(b, "%s%zu", c ? " " : "", index[c]);
            }
            scx_buf_puts(b, "\n");
        }
        free(index);
    }
    sc__gmp_end(&region);
    return scx_buf_take(&buf, out, len, diag);
}
