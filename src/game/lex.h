/* SPDX-License-Identifier: MIT */
/*
 * The tokenizer shared by Gambit's .nfg and .efg readers (shared/reference/gambit/format.md
 * section 1): braces, commas, numbers, quoted text and bare symbols; the exact number parser; and
 * Gambit's label normalization. One implementation, so both formats accept the same numbers and
 * report errors the same way.
 */
#ifndef SC_GAME_LEX_H
#define SC_GAME_LEX_H

#include <gmp.h>
#include <stddef.h>

#include "game/exact.h"
#include "statecraft/diag.h"

typedef enum sc__tok {
    SC__T_EOF,
    SC__T_LBRACE,
    SC__T_RBRACE,
    SC__T_COMMA,
    SC__T_NUMBER,
    SC__T_TEXT,
    SC__T_SYMBOL,
    SC__T_BAD /* a quoted string without its closing quote */
} sc__tok;

typedef struct sc__lexer {
    const char *text;
    size_t len, pos;
    const char *file;
    sc__tok kind;
    size_t start, end; /* the current token's bytes */
    sc_diag *diag;
} sc__lexer;

/* Starts on text (len bytes) and reads the first token. */
void sc__lex_init(sc__lexer *L, const char *text, size_t len, const char *file, sc_diag *diag);
/* Moves to the next token. */
void sc__lex_next(sc__lexer *L);
/* 1 if the current token is the bare symbol word. */
int sc__lex_is(const sc__lexer *L, const char *word);
/* A located error at the current token, underlining it; returns SC_EPARSE. */
sc_status sc__lex_fail(sc__lexer *L, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A located error at byte offset `at` (width bytes). */
sc_status sc__lex_fail_at(sc__lexer *L, size_t at, size_t width, const char *fmt, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/*
 * The current quoted token's text: \" and \\ unescape to " and \ (what std::quoted, Gambit's
 * writer, produces); any other backslash is kept with the character after it. malloc'd.
 */
char *sc__lex_text(const sc__lexer *L);
/* The current number token as an exact rational; 0 if it is not a valid number. */
int sc__lex_rational(const sc__lexer *L, mpq_t out);

/* A brace list of quoted labels { "a" "b" ... } (at most max): *labels (malloc'd) and *count. */
sc_status sc__lex_labels(sc__lexer *L, char ***labels, size_t *count, size_t max);

/* sc__game_parse_rational, the number parser with its size caps, is in game/exact.h. */

/*
 * Makes n labels unique and non-empty as Gambit does: an empty label becomes _k (its 1-based
 * position), and a label used more than once becomes x_1, x_2, ... in order. 0 when out of memory.
 */
int sc__labels_normalize(char **v, size_t n);

#endif
