/* SPDX-License-Identifier: MIT */
/* Helpers shared by the game tests: Gambit's reference games and outputs, sanitizer builds. */
#ifndef SC_GAME_TEST_H
#define SC_GAME_TEST_H

#include "sc_test.h"
#include "scx/scx.h"
#include "statecraft/game.h"

/* 1 in AddressSanitizer builds, where the largest games are skipped by documented thresholds. */
#if defined(__SANITIZE_ADDRESS__)
#define SC_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SC_TEST_SANITIZED 1
#endif
#endif
#ifndef SC_TEST_SANITIZED
#define SC_TEST_SANITIZED 0
#endif

/*
 * A solver time limit for tests: the library counts CPU seconds of the solving thread, so load
 * does not matter, but the sanitizers slow the code down by up to ~10x.
 */
#define SC_TEST_TIME_LIMIT(seconds) ((SC_TEST_SANITIZED ? 10.0 : 1.0) * (seconds))

#define SC_TEST_GAMBIT "reference/gambit/"

/* A game where a method's answer differs from Gambit's, and why (each test keeps a table). */
typedef struct sc_test_exception {
    const char *game, *reason;
} sc_test_exception;

/* The reason listed for game in table (n entries), or NULL. */
static inline const char *sc_test_exception_reason(const sc_test_exception *table, size_t n,
                                                   const char *game)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(table[i].game, game) == 0) {
            return table[i].reason;
        }
    }
    return NULL;
}

/* Parses .nfg text that must be valid (fails the test otherwise). */
static inline sc_game *sc_test_game_text(const char *text)
{
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_game_read_nfg(text, strlen(text), "t.nfg", &g, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("the test game does not read");
    }
    return g;
}

/* Reads an .nfg file that must be valid (fails the test otherwise). */
static inline sc_game *sc_test_game_path(const char *path)
{
    size_t len = 0;
    char *text = sc_test_slurp(path, &len);
    if (!text) {
        fail_msg("cannot read %s", path);
    }
    sc_game *g = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_game_read_nfg(text, len, path, &g, &d) != SC_OK) {
        sc_diag_print(&d, stderr);
        fail_msg("%s does not read", path);
    }
    free(text);
    return g;
}

/* Reads games/NAME.nfg of Gambit's collection (fails the test if it does not read). */
static inline sc_game *sc_test_game_file(const char *name)
{
    char rel[512], path[4096];
    snprintf(rel, sizeof rel, SC_TEST_GAMBIT "games/%s.nfg", name);
    snprintf(path, sizeof path, "%s", sc_test_shared(rel));
    return sc_test_game_path(path);
}

/* Reads efg/NAME (with its extension) of Gambit's collection (fails the test if it does not
 * read). */
static inline sc_efg *sc_test_efg_file(const char *name)
{
    char rel[1024], path[4096];
    snprintf(rel, sizeof rel, SC_TEST_GAMBIT "efg/%s", name);
    snprintf(path, sizeof path, "%s", sc_test_shared(rel));
    size_t len = 0;
    char *text = sc_test_slurp(path, &len);
    assert_non_null(text);
    sc_efg *e = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_efg_read(text, len, name, &e, &d) != SC_OK) {
        fail_msg("%s: %s", name, d.message);
    }
    free(text);
    return e;
}

/* The solution as Gambit's lines (exact fractions), malloc'd. */
static inline char *sc_test_format(const sc_game_solution *sol)
{
    char *t = NULL;
    assert_int_equal(sc_game_solution_format(sol, -1, &t, NULL, NULL), SC_OK);
    return t; /* malloc'd by the library: free() and sc_free() are the same allocator */
}

/* Gambit's output DIR/NAME.out (DIR e.g. "expected/lcp"): malloc'd text, "" if empty, or NULL. */
static inline char *sc_test_gambit_output(const char *dir, const char *name)
{
    char rel[512], path[4096];
    snprintf(rel, sizeof rel, SC_TEST_GAMBIT "%s/%s.out", dir, name);
    snprintf(path, sizeof path, "%s", sc_test_shared(rel));
    return sc_test_slurp(path, NULL);
}

#endif
