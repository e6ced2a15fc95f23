/* SPDX-License-Identifier: MIT */
/*
 * The CAMEO event codes: the compiled table (generated from data/events/goldstein.csv), an O(1)
 * lookup by spelling, and the repair of codes whose leading zeros a spreadsheet or an R or pandas
 * export removed.
 */
#include <pthread.h>
#include <string.h>

#include "events/events_internal.h"

/*
 * A code of L digits (2 <= L <= 4) with value v has slot offset[L] + v, so "01", "010" and "0100"
 * get different slots. 11,100 shorts, filled once.
 */
#define SLOT_COUNT (100 + 1000 + 10000)
static short slot_index[SLOT_COUNT];
static pthread_once_t slot_once = PTHREAD_ONCE_INIT;

static int slot_of(const char *p, size_t n)
{
    static const int offset[5] = {0, 0, 0, 100, 1100};
    if (n < 2 || n > 4) {
        return -1;
    }
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned char)p[i] - '0';
        if (d > 9) {
            return -1;
        }
        v = v * 10 + (int)d;
    }
    return offset[n] + v;
}

static void build_slots(void)
{
    for (size_t i = 0; i < SLOT_COUNT; i++) {
        slot_index[i] = -1;
    }
    for (size_t i = 0; i < sc__cameo_count; i++) {
        int s = slot_of(sc__cameo_table[i].code, strlen(sc__cameo_table[i].code));
        if (s >= 0) {
            slot_index[s] = (short)i;
        }
    }
}

int sc__cameo_index(const char *p, size_t n)
{
    int s = slot_of(p, n);
    if (s < 0) {
        return -1;
    }
    pthread_once(&slot_once, build_slots);
    return slot_index[s];
}

size_t sc_cameo_count(void)
{
    return sc__cameo_count;
}

const sc_cameo_code *sc_cameo_at(size_t i)
{
    return i < sc__cameo_count ? &sc__cameo_table[i] : NULL;
}

const sc_cameo_code *sc_cameo_find(const char *code)
{
    int i = code ? sc__cameo_index(code, strlen(code)) : -1;
    return i >= 0 ? &sc__cameo_table[i] : NULL;
}

const char *sc_cameo_source(void)
{
    return sc__cameo_source;
}

const char *sc_cameo_quad_name(int quad)
{
    static const char *const names[] = {"verbal cooperation", "material cooperation",
                                        "verbal conflict", "material conflict"};
    return quad >= 1 && quad <= 4 ? names[quad - 1] : NULL;
}

static int all_digits(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if ((unsigned)((unsigned char)p[i] - '0') > 9u) {
            return 0;
        }
    }
    return n > 0;
}

/*
 * CAMEO codes have at most one leading zero (roots run 01-20), so a damaged spelling stands for
 * itself or for itself with one zero in front. The root column, damaged the same way ("1" for
 * "01"), decides between the two; it is ignored when it is not 1 or 2 digits.
 */
static int restore(const char *code, size_t n, const char *root, size_t rn, int prefer_literal)
{
    if (!all_digits(code, n) || n > 4) {
        return -1;
    }
    char padded[5] = "0";
    memcpy(padded + 1, code, n);
    int lit = sc__cameo_index(code, n);
    int pad = sc__cameo_index(padded, n + 1);
    char r2[2];
    int have_root = 0;
    if (rn >= 1 && rn <= 2 && all_digits(root, rn)) {
        r2[0] = rn == 1 ? '0' : root[0];
        r2[1] = root[rn - 1];
        have_root = 1;
    }
    if (have_root) {
        if (lit >= 0 && memcmp(sc__cameo_table[lit].code, r2, 2) != 0) {
            lit = -1;
        }
        if (pad >= 0 && memcmp(sc__cameo_table[pad].code, r2, 2) != 0) {
            pad = -1;
        }
    }
    if (lit >= 0 && (pad < 0 || have_root || prefer_literal)) {
        return lit;
    }
    if (lit >= 0 && pad >= 0) {
        return -2;
    }
    return pad;
}

int sc__cameo_restore_index(const char *code, size_t n, const char *root, size_t rn)
{
    return restore(code, n, root, rn, 0);
}

const sc_cameo_code *sc_cameo_restore(const char *code, const char *root, int *ambiguous)
{
    if (ambiguous) {
        *ambiguous = 0;
    }
    if (!code) {
        return NULL;
    }
    int i = restore(code, strlen(code), root ? root : "", root ? strlen(root) : 0, 0);
    if (i == -2 && ambiguous) {
        *ambiguous = 1;
    }
    return i >= 0 ? &sc__cameo_table[i] : NULL;
}
