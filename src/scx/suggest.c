/* SPDX-License-Identifier: MIT */
/* Did-you-mean: the closest of a list of names to a word the user typed. */
#include <string.h>

#include "scx/scx.h"

/* Damerau-Levenshtein (optimal string alignment) distance of two short words. */
size_t scx_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63) {
        return 64;
    }
    size_t d[3][64]; /* rows i-2, i-1 and i, as i % 3 */
    for (size_t j = 0; j <= lb; j++) {
        d[0][j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t *cur = d[i % 3], *prev = d[(i - 1) % 3], *pp = d[(i + 1) % 3];
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1;
            size_t ins = cur[j - 1] + 1;
            size_t m = sub < del ? sub : del;
            m = m < ins ? m : ins;
            /* a swap of two neighbours ("tirangle") is one typo, not two */
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                pp[j - 2] + 1 < m) {
                m = pp[j - 2] + 1;
            }
            cur[j] = m;
        }
    }
    return d[la % 3][lb];
}

const char *scx_suggest(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t wl = strlen(word);
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i]) {
            continue;
        }
        size_t d = scx_edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    if (best && best_d > 0 && best_d <= 2 && best_d * 2 < wl + 1) {
        return best;
    }
    /* a prefix of one name only ("tri" for "triangle", "CHNA" is not one) */
    const char *only = NULL;
    size_t count = 0;
    for (size_t i = 0; wl >= 2 && i < n; i++) {
        if (candidates[i] && strncmp(candidates[i], word, wl) == 0 && candidates[i][wl] != '\0') {
            only = candidates[i];
            count++;
        }
    }
    return count == 1 ? only : NULL;
}
