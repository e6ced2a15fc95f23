/* SPDX-License-Identifier: MIT */
/*
 * Reading event files: format detection, one row parser per layout, actor mapping, and the
 * stream of de-duplicated day aggregates in (dyad, day) order.
 *
 * Files are read in 4 MiB blocks and split into lines in place; nothing of a row survives the
 * row except its record (dyad, day, code, weight) in the de-duplication table, whose size is
 * bounded (dedup.c). Bad rows are counted by reason, or with `strict` the first one is a located
 * error; a file with no readable row at all is an error in every mode.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag_internal.h"
#include "events/events_internal.h"
#include "scx/scx.h"

#define BLOCK (4u << 20)
#define MAX_LINE (1u << 20)
#define MAX_FIELDS 256

/* ---- names ----------------------------------------------------------------------------------- */

static const char *const format_names[] = {"auto",          "gdelt1", "gdelt2", "gdelt-reduced",
                                           "icews",         "phoenix", "simple"};

sc_status sc_events_format_parse(const char *name, sc_events_format *out, sc_diag *diag)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (strcmp(name, format_names[i]) == 0) {
            *out = (sc_events_format)i;
            return SC_OK;
        }
    }
    return sc__diag_set(diag, SC_EINVAL,
                        "unknown event format '%s' (gdelt1, gdelt2, gdelt-reduced, icews, "
                        "phoenix, simple)",
                        name);
}

const char *sc_events_format_name(sc_events_format f)
{
    return (unsigned)f < sizeof format_names / sizeof format_names[0] ? format_names[f] : "?";
}

static const char *const skip_names[SC_SKIP_COUNT] = {
    "columns", "date",     "cameo", "number",       "actor",         "binary",   "header",
    "long_line", "no_actor", "self", "not_selected", "outside_dates", "duplicate"};

const char *sc_events_skip_name(sc_events_skip why)
{
    return (unsigned)why < SC_SKIP_COUNT ? skip_names[why] : "?";
}

int sc_events_skip_is_error(sc_events_skip why)
{
    return why <= SC_SKIP_LONG_LINE;
}

void sc_events_opts_init(sc_events_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = SC_EVENTS_DETECT;
    o->memory_budget = 48u << 20;
}

void sc__stats_free(sc_events_stats *st)
{
    if (!st) {
        return;
    }
    for (size_t i = 0; i < st->n_files; i++) {
        free((void *)(uintptr_t)st->files[i].path); /* owned: const only for the caller */
    }
    free((void *)(uintptr_t)st->files);
    st->files = NULL;
    st->n_files = 0;
}

/* ---- layouts ----------------------------------------------------------------------------------- */

typedef enum { SIDE_GDELT, SIDE_FULLCODE, SIDE_ICEWS, SIDE_SIMPLE } side_kind;

typedef struct layout {
    sc_events_format format;
    int csv;                 /* comma-separated with quotes (a re-export) instead of TAB */
    int stripped;            /* a re-export whose codes may have lost their leading zeros */
    size_t min_fields, max_fields, alt_fields; /* accepted counts (alt: GDELT 1.0's 57) */
    side_kind side;
    int i_date, i_code, i_root, i_nsrc, i_weight;
    int i_code1, i_country1, i_group1, i_code2, i_country2, i_group2; /* per side */
    size_t need;             /* fields a row parser reads: 1 + the largest index above */
    const char *what;        /* for messages, e.g. "GDELT 2.0 export" */
} layout;

static void layout_gdelt(layout *L, int v2, int csv, int offset, size_t nfields)
{
    memset(L, 0, sizeof *L);
    L->format = v2 ? SC_EVENTS_GDELT2 : SC_EVENTS_GDELT1;
    L->csv = csv;
    L->stripped = csv;
    L->side = SIDE_GDELT;
    if (csv) {
        L->min_fields = L->max_fields = L->alt_fields = nfields;
    } else if (v2) {
        L->min_fields = L->max_fields = L->alt_fields = 61;
    } else {
        L->min_fields = L->max_fields = 58;
        L->alt_fields = 57;
    }
    /* the first 39 columns are the same in both versions */
    L->i_date = offset + 1;
    L->i_code1 = offset + 5;
    L->i_country1 = offset + 7;
    L->i_group1 = offset + 8;
    L->i_code2 = offset + 15;
    L->i_country2 = offset + 17;
    L->i_group2 = offset + 18;
    L->i_code = offset + 26;
    L->i_root = offset + 28;
    L->i_nsrc = offset + 32;
    L->i_weight = -1;
    L->what = csv ? (v2 ? "GDELT 2.0 re-export" : "GDELT 1.0 re-export")
                  : (v2 ? "GDELT 2.0 export" : "GDELT 1.0 events");
}

static void layout_fixed(layout *L, sc_events_format f)
{
    memset(L, 0, sizeof *L);
    L->format = f;
    L->i_nsrc = L->i_weight = L->i_root = -1;
    L->i_group1 = L->i_group2 = -1;
    switch (f) {
    case SC_EVENTS_GDELT1: layout_gdelt(L, 0, 0, 0, 0); break;
    case SC_EVENTS_GDELT2: layout_gdelt(L, 1, 0, 0, 0); break;
    case SC_EVENTS_GDELT_REDUCED:
        /* Date Source Target CAMEOCode NumEvents NumArts QuadClass Goldstein + 9 geo fields,
         * trailing empty ones sometimes cut off */
        L->min_fields = 8;
        L->max_fields = L->alt_fields = 17;
        L->side = SIDE_FULLCODE;
        L->i_date = 0;
        L->i_code1 = 1;
        L->i_code2 = 2;
        L->i_code = 3;
        L->i_country1 = L->i_country2 = -1;
        L->what = "GDELT 1.0 reduced file";
        break;
    case SC_EVENTS_ICEWS:
        /* the Dataverse layout: Event Date 1, Source Name 2, Source Country 4, CAMEO Code 6,
         * Target Name 8, Target Country 10 */
        L->min_fields = L->max_fields = L->alt_fields = 20;
        L->side = SIDE_ICEWS;
        L->i_date = 1;
        L->i_code1 = 2;
        L->i_country1 = 4;
        L->i_code = 6;
        L->i_code2 = 8;
        L->i_country2 = 10;
        L->what = "ICEWS file";
        break;
    case SC_EVENTS_PHOENIX:
        L->min_fields = L->max_fields = L->alt_fields = 26;
        L->side = SIDE_FULLCODE;
        L->i_date = 1;
        L->i_code1 = 5;
        L->i_country1 = 6;
        L->i_code2 = 9;
        L->i_country2 = 10;
        L->i_code = 13;
        L->i_root = 14;
        L->what = "Phoenix file";
        break;
    case SC_EVENTS_SIMPLE:
    default:
        L->format = SC_EVENTS_SIMPLE;
        L->min_fields = 4;
        L->max_fields = L->alt_fields = 5;
        L->side = SIDE_SIMPLE;
        L->i_date = 0;
        L->i_code1 = 1;
        L->i_code2 = 2;
        L->i_code = 3;
        L->i_weight = 4;
        L->i_country1 = L->i_country2 = -1;
        L->what = "simple event list";
        break;
    }
}

/* ---- fields -------------------------------------------------------------------------------------- */

typedef struct field {
    const char *p;
    size_t n;
    size_t off; /* byte offset in the line, for carets */
} field;

/* Splits a TAB line; returns the number of fields, or MAX_FIELDS + 1 when there are too many. */
static size_t split_tab(const char *p, size_t n, field *f)
{
    size_t k = 0, start = 0;
    for (;;) {
        const char *t = memchr(p + start, '\t', n - start);
        size_t end = t ? (size_t)(t - p) : n;
        if (k == MAX_FIELDS) {
            return MAX_FIELDS + 1;
        }
        f[k].p = p + start;
        f[k].n = end - start;
        f[k].off = start;
        k++;
        if (!t) {
            return k;
        }
        start = end + 1;
    }
}

/* Number of TAB bytes in p[0, n), eight at a time (exact zero-byte count of p XOR TABs). */
static size_t count_tabs(const char *p, size_t n)
{
    const uint64_t tabs = 0x0909090909090909ull, low7 = 0x7F7F7F7F7F7F7F7Full;
    size_t i = 0, k = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t x = w ^ tabs;
        uint64_t z = ~(((x & low7) + low7) | x | low7); /* high bit set exactly where x is 0 */
        k += (size_t)(((z >> 7) * 0x0101010101010101ull) >> 56); /* one bit per byte: sum them */
    }
    for (; i < n; i++) {
        k += p[i] == '\t';
    }
    return k;
}

/*
 * The fast path for wide TAB rows (GDELT's 57-61 columns): fills only the first `need` fields
 * and counts the rest, so a row costs one pass over its bytes. Returns the number of fields
 * (MAX_FIELDS + 1 when there are too many).
 */
static size_t split_tab_upto(const char *p, size_t n, field *f, size_t need)
{
    size_t k = 0, start = 0, i = 0;
    while (k + 1 < need) {
        while (i < n && p[i] != '\t') {
            i++;
        }
        f[k].p = p + start;
        f[k].n = i - start;
        f[k].off = start;
        k++;
        if (i >= n) {
            return k;
        }
        start = ++i;
    }
    const char *t = memchr(p + start, '\t', n - start);
    size_t e = t ? (size_t)(t - p) : n;
    f[k].p = p + start;
    f[k].n = e - start;
    f[k].off = start;
    k++;
    if (!t) {
        return k;
    }
    size_t total = k + count_tabs(p + e + 1, n - e - 1) + 1;
    return total > MAX_FIELDS ? MAX_FIELDS + 1 : total;
}

/*
 * Splits an RFC 4180 line (quotes, doubled quotes inside them) into `scratch` (at least n bytes);
 * returns the number of fields, MAX_FIELDS + 1 when there are too many, or 0 when a quote is not
 * closed on the line.
 */
static size_t split_csv(const char *p, size_t n, field *f, char *scratch)
{
    size_t k = 0, i = 0, o = 0;
    for (;;) {
        if (k == MAX_FIELDS) {
            return MAX_FIELDS + 1;
        }
        f[k].p = scratch + o;
        f[k].off = i;
        size_t start = o;
        if (i < n && p[i] == '"') {
            i++;
            for (;;) {
                if (i >= n) {
                    return 0;
                }
                if (p[i] == '"') {
                    if (i + 1 < n && p[i + 1] == '"') {
                        scratch[o++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                scratch[o++] = p[i++];
            }
            while (i < n && p[i] != ',') { /* text after the closing quote is kept as it is */
                scratch[o++] = p[i++];
            }
        } else {
            while (i < n && p[i] != ',') {
                scratch[o++] = p[i++];
            }
        }
        f[k].n = o - start;
        k++;
        if (i >= n) {
            return k;
        }
        i++; /* the comma */
    }
}

/* Drops surrounding quotes (ICEWS's 2015-2019 .tab rendering quotes its strings) and spaces. */
static field trim(field x)
{
    while (x.n > 0 && (x.p[0] == ' ')) {
        x.p++;
        x.n--;
        x.off++;
    }
    while (x.n > 0 && (x.p[x.n - 1] == ' ')) {
        x.n--;
    }
    if (x.n >= 2 && x.p[0] == '"' && x.p[x.n - 1] == '"') {
        x.p++;
        x.n -= 2;
        x.off++;
    }
    return x;
}

/* lower-case letters and digits only: "Global_Event_ID" -> "globaleventid" */
static void fold_name(const char *p, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 'A' && c <= 'Z') {
            out[o++] = (char)(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

static int find_col(const field *f, size_t n, const char *const *names)
{
    char buf[64];
    for (size_t i = 0; i < n; i++) {
        fold_name(f[i].p, f[i].n, buf, sizeof buf);
        for (const char *const *q = names; *q; q++) {
            if (strcmp(buf, *q) == 0) {
                return (int)i;
            }
        }
    }
    return -1;
}

static int starts_with(const char *p, size_t n, const char *s)
{
    size_t l = strlen(s);
    return n >= l && memcmp(p, s, l) == 0;
}

/*
 * If the line is a header of a format statecraft knows, fills *L with the layout it announces
 * and returns 1; returns 2 for a UN ideal-point file's header; 0 otherwise. `f` and `scratch` are
 * work space.
 */
static int header_layout(const char *p, size_t n, layout *L, field *f, char *scratch)
{
    if (n == 0 || (p[0] >= '0' && p[0] <= '9')) {
        return 0;
    }
    if (memchr(p, '\t', n)) {
        size_t k = split_tab(p, n, f);
        if (k > MAX_FIELDS) {
            return 0;
        }
        for (size_t i = 0; i < k; i++) {
            f[i] = trim(f[i]);
        }
        char first[64];
        fold_name(f[0].p, f[0].n, first, sizeof first);
        if (strcmp(first, "eventid") == 0 && k >= 2) {
            static const char *const date[] = {"eventdate", NULL};
            static const char *const sname[] = {"sourcename", NULL};
            static const char *const scountry[] = {"sourcecountry", NULL};
            static const char *const code[] = {"cameocode", NULL};
            static const char *const tname[] = {"targetname", NULL};
            static const char *const tcountry[] = {"targetcountry", NULL};
            int d = find_col(f, k, date);
            if (d < 0) {
                /* phoxy's names for a Phoenix file: EventID, Date, ... */
                static const char *const pdate[] = {"date", NULL};
                if (find_col(f, k, pdate) == 1 && k == 26) {
                    layout_fixed(L, SC_EVENTS_PHOENIX);
                    return 1;
                }
                return 0;
            }
            layout_fixed(L, SC_EVENTS_ICEWS);
            L->min_fields = L->max_fields = L->alt_fields = k;
            L->i_date = d;
            L->i_code1 = find_col(f, k, sname);
            L->i_country1 = find_col(f, k, scountry);
            L->i_code = find_col(f, k, code);
            L->i_code2 = find_col(f, k, tname);
            L->i_country2 = find_col(f, k, tcountry);
            return L->i_code1 >= 0 && L->i_country1 >= 0 && L->i_code >= 0 && L->i_code2 >= 0 &&
                   L->i_country2 >= 0;
        }
        if (starts_with(p, n, "Date\tSource\tTarget\tCAMEOCode")) {
            layout_fixed(L, SC_EVENTS_GDELT_REDUCED);
            L->max_fields = L->alt_fields = k > 8 ? k : 8;
            return 1;
        }
        if (strcmp(first, "globaleventid") == 0) {
            if (k == 61) {
                layout_gdelt(L, 1, 0, 0, 0);
                return 1;
            }
            if (k == 57 || k == 58) {
                layout_gdelt(L, 0, 0, 0, 0);
                return 1;
            }
        }
        return 0;
    }
    if (!memchr(p, ',', n)) {
        return 0;
    }
    size_t k = split_csv(p, n, f, scratch);
    if (k == 0 || k > MAX_FIELDS) {
        return 0;
    }
    static const char *const gid[] = {"globaleventid", NULL};
    int g = find_col(f, k, gid);
    if (g >= 0 && k - (size_t)g >= 57) {
        int v2 = 0;
        char buf[64];
        for (size_t i = 0; i < k; i++) {
            fold_name(f[i].p, f[i].n, buf, sizeof buf);
            v2 |= strstr(buf, "adm2") != NULL;
        }
        layout_gdelt(L, v2, 1, g, k);
        return 1;
    }
    static const char *const ideal[] = {"idealpointall", NULL};
    if (find_col(f, k, ideal) >= 0) {
        return 2;
    }
    static const char *const date[] = {"date", NULL};
    static const char *const src[] = {"source", "sourceactorfull", NULL};
    static const char *const sent[] = {"srcactor", "sourceactorentity", NULL};
    static const char *const tgt[] = {"target", "targetactorfull", NULL};
    static const char *const tent[] = {"tgtactor", "targetactorentity", NULL};
    static const char *const code[] = {"cameo", "eventcode", NULL};
    static const char *const root[] = {"rootcode", "eventrootcode", NULL};
    int d = find_col(f, k, date), s = find_col(f, k, src), se = find_col(f, k, sent),
        t = find_col(f, k, tgt), te = find_col(f, k, tent), c = find_col(f, k, code);
    if (d >= 0 && s >= 0 && se >= 0 && t >= 0 && te >= 0 && c >= 0) {
        layout_fixed(L, SC_EVENTS_PHOENIX);
        L->csv = 1;
        L->stripped = 1;
        L->min_fields = L->max_fields = L->alt_fields = k;
        L->i_date = d;
        L->i_code1 = s;
        L->i_country1 = se;
        L->i_code2 = t;
        L->i_country2 = te;
        L->i_code = c;
        L->i_root = find_col(f, k, root);
        L->what = "Phoenix re-export";
        return 1;
    }
    return 0;
}

/* ---- the scan ------------------------------------------------------------------------------------ */

typedef struct actor_tab {
    char **id;
    uint8_t *selected;
    size_t n, cap;
    uint32_t *slots; /* index + 1 */
    size_t nslots;
} actor_tab;

typedef struct dyad_tab {
    uint64_t *pair; /* src << 32 | tgt */
    size_t n, cap;
    uint32_t *slots;
    size_t nslots;
} dyad_tab;

struct sc__scan {
    sc_events_opts opts;
    int32_t from, to;
    int has_from, has_to;
    actor_tab actors;
    dyad_tab dyads;
    sc__dedup *dd;
    sc_events_stats stats;
    sc_events_file_stats *files;
    /* work space */
    char *buf;
    field fields[MAX_FIELDS];
    char *scratch;
    double log2_1p[256];     /* log2(1 + n): the GDELT weight of n sources, for small n */
    /* the built-in organisation ids, interned once */
    uint32_t id_nato, id_eu, id_un;
};

enum { NO_ACTOR = -1, BAD_ACTOR = -2 };

static uint32_t str_hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    }
    return h;
}

static int is_selected(const sc_events_opts *o, const char *p, size_t n)
{
    if (!o->actors) {
        return 1;
    }
    for (size_t i = 0; i < o->n_actors; i++) {
        if (strlen(o->actors[i]) == n && memcmp(o->actors[i], p, n) == 0) {
            return 1;
        }
    }
    return 0;
}

static int actor_rehash(actor_tab *t)
{
    size_t want = t->nslots ? t->nslots * 2 : 256;
    uint32_t *s = calloc(want, sizeof *s);
    if (!s) {
        return -1;
    }
    for (size_t i = 0; i < t->n; i++) {
        size_t h = str_hash(t->id[i], strlen(t->id[i])) & (want - 1);
        while (s[h]) {
            h = (h + 1) & (want - 1);
        }
        s[h] = (uint32_t)(i + 1);
    }
    free(t->slots);
    t->slots = s;
    t->nslots = want;
    return 0;
}

/* The index of actor id p[0..n), added if new; -3 when out of memory. */
static long intern(sc__scan *sc, const char *p, size_t n)
{
    actor_tab *t = &sc->actors;
    size_t mask = t->nslots - 1;
    size_t h = str_hash(p, n) & mask;
    while (t->slots[h]) {
        uint32_t i = t->slots[h] - 1;
        if (strncmp(t->id[i], p, n) == 0 && t->id[i][n] == '\0') {
            return i;
        }
        h = (h + 1) & mask;
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 64;
        char **ni = realloc(t->id, nc * sizeof *ni);
        if (!ni) {
            return -3;
        }
        t->id = ni;
        uint8_t *ns = realloc(t->selected, nc);
        if (!ns) {
            return -3;
        }
        t->selected = ns;
        t->cap = nc;
    }
    char *s = malloc(n + 1);
    if (!s) {
        return -3;
    }
    memcpy(s, p, n);
    s[n] = '\0';
    t->id[t->n] = s;
    t->selected[t->n] = (uint8_t)is_selected(&sc->opts, p, n);
    t->slots[h] = (uint32_t)(t->n + 1);
    t->n++;
    if (2 * t->n > t->nslots && actor_rehash(t) != 0) {
        return -3;
    }
    return (long)(t->n - 1);
}

static long dyad_of(sc__scan *sc, uint32_t src, uint32_t tgt)
{
    dyad_tab *t = &sc->dyads;
    uint64_t key = (uint64_t)src << 32 | tgt;
    if (2 * (t->n + 1) > t->nslots) {
        size_t want = t->nslots ? t->nslots * 2 : 1024;
        uint32_t *s = calloc(want, sizeof *s);
        if (!s) {
            return -3;
        }
        for (size_t i = 0; i < t->n; i++) {
            size_t h = (size_t)((t->pair[i] * 0x9E3779B97F4A7C15ull) >> 20) & (want - 1);
            while (s[h]) {
                h = (h + 1) & (want - 1);
            }
            s[h] = (uint32_t)(i + 1);
        }
        free(t->slots);
        t->slots = s;
        t->nslots = want;
    }
    size_t mask = t->nslots - 1;
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & mask;
    while (t->slots[h]) {
        uint32_t i = t->slots[h] - 1;
        if (t->pair[i] == key) {
            return i;
        }
        h = (h + 1) & mask;
    }
    if (t->n >= SC__MAX_DYADS) {
        return -4;
    }
    if (t->n == t->cap) {
        size_t nc = t->cap ? 2 * t->cap : 256;
        uint64_t *np = realloc(t->pair, nc * sizeof *np);
        if (!np) {
            return -3;
        }
        t->pair = np;
        t->cap = nc;
    }
    t->pair[t->n] = key;
    t->slots[h] = (uint32_t)(t->n + 1);
    return (long)t->n++;
}

static int is_igo_block(const char *b)
{
    return memcmp(b, "NAT", 3) == 0 || memcmp(b, "EEC", 3) == 0 || memcmp(b, "UNO", 3) == 0;
}

static long igo_id(const sc__scan *sc, const char *b)
{
    if (memcmp(b, "NAT", 3) == 0) {
        return sc->id_nato;
    }
    if (memcmp(b, "EEC", 3) == 0) {
        return sc->id_eu;
    }
    return sc->id_un;
}

static long mapped(sc__scan *sc, sc__mapkind kind, const field *x, int *hit)
{
    const char *id = NULL;
    *hit = 0;
    if (x->n == 0) {
        return NO_ACTOR;
    }
    sc__mapres r = sc__actor_map_lookup(sc->opts.map, kind, x->p, x->n, &id);
    if (r == SC__MAP_MISS) {
        return NO_ACTOR;
    }
    *hit = 1;
    return r == SC__MAP_NONE ? NO_ACTOR : intern(sc, id, strlen(id));
}

/* GDELT: KnownGroupCode NAT/EEC/UNO, else CountryCode (after the user's map). */
static long side_gdelt(sc__scan *sc, const field *code, const field *country, const field *group)
{
    int hit;
    long a;
    if (sc->opts.map) {
        if ((a = mapped(sc, SC__MAP_CODE, code, &hit)), hit) {
            return a;
        }
        if ((a = mapped(sc, SC__MAP_GROUP, group, &hit)), hit) {
            return a;
        }
    }
    if (group->n == 3 && is_igo_block(group->p)) {
        return igo_id(sc, group->p);
    }
    if (sc->opts.map && ((a = mapped(sc, SC__MAP_COUNTRY, country, &hit)), hit)) {
        return a;
    }
    if (country->n == 0) {
        return NO_ACTOR;
    }
    if (!sc__valid_actor_id(country->p, country->n)) {
        return BAD_ACTOR;
    }
    return intern(sc, country->p, country->n);
}

/* A full CAMEO actor code (reduced file, Phoenix): IGO...NAT/EEC/UNO, else the country block. */
static long side_fullcode(sc__scan *sc, const field *code, const field *entity)
{
    int hit;
    long a;
    if (sc->opts.map && ((a = mapped(sc, SC__MAP_CODE, code, &hit)), hit)) {
        return a;
    }
    if (code->n >= 6 && memcmp(code->p, "IGO", 3) == 0) {
        for (size_t b = 3; b + 3 <= code->n; b += 3) {
            if (is_igo_block(code->p + b)) {
                return igo_id(sc, code->p + b);
            }
        }
    }
    field blk = entity && entity->n ? *entity : *code;
    if (blk.n > 3) {
        blk.n = 3;
    }
    if (sc->opts.map && ((a = mapped(sc, SC__MAP_COUNTRY, &blk, &hit)), hit)) {
        return a;
    }
    if (blk.n == 3 && sc__country_find(blk.p, 3)) { /* a country or a CAMEO region */
        return intern(sc, blk.p, 3);
    }
    return NO_ACTOR;
}

static int name_is(const field *x, const char *s)
{
    size_t l = strlen(s);
    if (x->n != l) {
        return 0;
    }
    for (size_t i = 0; i < l; i++) {
        char a = x->p[i], b = s[i];
        if (a >= 'A' && a <= 'Z') {
            a = (char)(a - 'A' + 'a');
        }
        if (b >= 'A' && b <= 'Z') {
            b = (char)(b - 'A' + 'a');
        }
        if (a != b) {
            return 0;
        }
    }
    return 1;
}

/* ICEWS: the organisations by name, else the country name (after the user's map). */
static long side_icews(sc__scan *sc, const field *name, const field *country)
{
    static const char *const eu[] = {"European Union", "European Commission", "European Parliament",
                                     "Council of the European Union", "European Council"};
    static const char *const un[] = {"United Nations", "UN Security Council",
                                     "UN General Assembly", "United Nations Security Council",
                                     "United Nations General Assembly"};
    static const char *const nato[] = {"North Atlantic Treaty Organization", "NATO"};
    int hit;
    long a;
    if (sc->opts.map) {
        if ((a = mapped(sc, SC__MAP_NAME, name, &hit)), hit) {
            return a;
        }
        if ((a = mapped(sc, SC__MAP_CNAME, country, &hit)), hit) {
            return a;
        }
    }
    for (size_t i = 0; i < sizeof eu / sizeof eu[0]; i++) {
        if (name_is(name, eu[i])) {
            return sc->id_eu;
        }
    }
    for (size_t i = 0; i < sizeof un / sizeof un[0]; i++) {
        if (name_is(name, un[i])) {
            return sc->id_un;
        }
    }
    for (size_t i = 0; i < sizeof nato / sizeof nato[0]; i++) {
        if (name_is(name, nato[i])) {
            return sc->id_nato;
        }
    }
    if (country->n == 0 || (country->n == 2 && memcmp(country->p, "NA", 2) == 0)) {
        return NO_ACTOR;
    }
    const char *iso = sc__country_code_n(country->p, country->n);
    return iso ? intern(sc, iso, 3) : NO_ACTOR;
}

static long side_simple(sc__scan *sc, const field *id)
{
    int hit;
    long a;
    if (sc->opts.map && ((a = mapped(sc, SC__MAP_CODE, id, &hit)), hit)) {
        return a;
    }
    if (id->n == 0) {
        return NO_ACTOR;
    }
    if (!sc__valid_actor_id(id->p, id->n)) {
        return BAD_ACTOR;
    }
    return intern(sc, id->p, id->n);
}

/* ---- one file ------------------------------------------------------------------------------------- */

typedef struct file_ctx {
    sc__scan *sc;
    const char *path;
    sc_events_file_stats *st;
    layout L;
    int have_layout;
    uint64_t lineno;
    uint64_t readable;
    int have_first_bad;
    sc_diag first_bad;
} file_ctx;

/* Counts a bad row; with strict (or for the file's first bad row) builds its located message. */
static sc_status bad_row(file_ctx *fc, sc_events_skip why, const char *line, size_t n, size_t off,
                         size_t width, sc_diag *diag, const char *fmt, ...) SC__PRINTF(8, 9);

static sc_status bad_row(file_ctx *fc, sc_events_skip why, const char *line, size_t n, size_t off,
                         size_t width, sc_diag *diag, const char *fmt, ...)
{
    fc->st->skipped[why]++;
    int strict = fc->sc->opts.strict;
    if (!strict && fc->have_first_bad) {
        return SC_OK;
    }
    sc_diag d;
    sc_diag_init(&d);
    size_t show = n > 4096 ? 4096 : n; /* a located message needs only the start of the line */
    if (off > show) {
        off = show;
    }
    va_list ap;
    va_start(ap, fmt);
    sc__diag_vset_at(&d, SC_EPARSE, fc->path, line, show, off, width > 0 ? (int)width : 1, fmt, ap);
    va_end(ap);
    d.line = fc->lineno > (uint64_t)2147483647 ? 2147483647 : (int)fc->lineno;
    if (strict) {
        *diag = d;
        return SC_EPARSE;
    }
    fc->first_bad = d;
    fc->have_first_bad = 1;
    return SC_OK;
}

static size_t count_char(const char *p, size_t n, char c)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        k += p[i] == c;
    }
    return k;
}

static int parse_uint(const char *p, size_t n, uint64_t *out)
{
    /* an integer, optionally written as a float with a zero fraction ("3.0", as pandas does) */
    size_t i = 0;
    uint64_t v = 0;
    if (n == 0) {
        return 0;
    }
    for (; i < n && p[i] != '.'; i++) {
        unsigned d = (unsigned char)p[i] - '0';
        if (d > 9 || v > 100000000000ull) {
            return 0;
        }
        v = v * 10 + d;
    }
    if (i == 0) {
        return 0;
    }
    if (i < n) {
        if (i + 1 == n) {
            return 0;
        }
        for (i++; i < n; i++) {
            if (p[i] != '0') {
                return 0;
            }
        }
    }
    *out = v;
    return 1;
}

/*
 * Offset of the first byte that is a NUL or not valid UTF-8 (n if none). Event rows are ASCII
 * almost everywhere, so eight bytes at a time are checked for a high bit or a zero first.
 */
static size_t first_invalid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            /* no byte >= 0x80 and no zero byte (the classic has-zero test) */
            if (((w | ((w - 0x0101010101010101ull) & ~w)) & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c == 0) {
            return i;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
        if (len == 0 || (len == 2 && c < 0xc2) || (len == 4 && c > 0xf4) || i + len > n) {
            return i;
        }
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return i;
            }
        }
        if (len == 3 && ((c == 0xe0 && s[i + 1] < 0xa0) || (c == 0xed && s[i + 1] >= 0xa0))) {
            return i;
        }
        if (len == 4 && ((c == 0xf0 && s[i + 1] < 0x90) || (c == 0xf4 && s[i + 1] >= 0x90))) {
            return i;
        }
        i += len;
    }
    return n;
}

static sc_status row(file_ctx *fc, const char *line, size_t n, sc_diag *diag)
{
    sc__scan *sc = fc->sc;
    const layout *L = &fc->L;
    field *f = sc->fields;
    fc->st->rows++;
    if (!(line[0] >= '0' && line[0] <= '9')) {
        /* data rows of every layout start with a digit (an id, a date or an index); a line that
         * does not may be a header, e.g. of files concatenated with their headers */
        layout hl;
        int h = header_layout(line, n, &hl, sc->fields, sc->scratch);
        if (h) {
            return bad_row(fc, SC_SKIP_HEADER, line, n, 0, n, diag,
                           h == 2 ? "a UN ideal-point header line in a %s%s"
                                  : "a header line of a %s in the data of a %s",
                           h == 2 ? L->what : hl.what, h == 2 ? "" : L->what);
        }
    }
    size_t bad = first_invalid_utf8((const unsigned char *)line, n);
    if (bad < n) {
        return bad_row(fc, SC_SKIP_BINARY, line, n, bad, 1, diag,
                       "binary data (%s) in a %s", line[bad] ? "invalid UTF-8" : "a NUL byte",
                       L->what);
    }
    size_t k = L->csv ? split_csv(line, n, f, sc->scratch) : split_tab_upto(line, n, f, L->need);
    if (k == 0 || k > MAX_FIELDS || (k != L->alt_fields && (k < L->min_fields || k > L->max_fields))) {
        char want[64];
        if (L->alt_fields != L->max_fields) {
            snprintf(want, sizeof want, "%zu or %zu", L->alt_fields, L->max_fields);
        } else if (L->min_fields != L->max_fields) {
            snprintf(want, sizeof want, "%zu to %zu", L->min_fields, L->max_fields);
        } else {
            snprintf(want, sizeof want, "%zu", L->max_fields);
        }
        const char *hint = "";
        if (!L->csv && k == 1 && memchr(line, ',', n)) {
            hint = " (is the delimiter a comma? this reader expects TABs)";
        } else if (L->csv && k == 1 && memchr(line, '\t', n)) {
            hint = " (is the delimiter a TAB? this reader expects commas)";
        } else if (!L->csv && k < L->min_fields) {
            hint = " (a truncated row?)";
        }
        if (k == 0) {
            return bad_row(fc, SC_SKIP_COLUMNS, line, n, n, 1, diag,
                           "a quoted field is not closed on its line");
        }
        size_t nf = k > MAX_FIELDS ? count_char(line, n, L->csv ? ',' : '\t') + 1 : k;
        return bad_row(fc, SC_SKIP_COLUMNS, line, n, 0, n, diag,
                       "expected %s %s-separated fields (%s), found %zu%s", want,
                       L->csv ? "comma" : "tab", L->what, nf, hint);
    }
    field fd = trim(f[L->i_date]);
    int32_t day;
    if (!sc__day_parse(fd.p, fd.n, &day)) {
        return bad_row(fc, SC_SKIP_DATE, line, n, fd.off, fd.n, diag,
                       "'%.*s' is not a date (YYYYMMDD or YYYY-MM-DD that exists)",
                       (int)(fd.n > 32 ? 32 : fd.n), fd.p);
    }
    field fc_ = trim(f[L->i_code]);
    field froot = L->i_root >= 0 ? trim(f[L->i_root]) : (field){"", 0, 0};
    int code;
    if (L->stripped) {
        code = sc__cameo_restore_index(fc_.p, fc_.n, froot.p, froot.n);
    } else {
        code = sc__cameo_index(fc_.p, fc_.n);
        if (code >= 0 && froot.n == 2 && memcmp(sc__cameo_table[code].code, froot.p, 2) != 0) {
            code = -1; /* contradicts the root column */
        }
        if (code < 0) {
            code = sc__cameo_restore_index(fc_.p, fc_.n, froot.p, froot.n);
        }
    }
    if (code < 0) {
        return bad_row(fc, SC_SKIP_CODE, line, n, fc_.off, fc_.n, diag,
                       code == -2 ? "CAMEO code '%.*s' is ambiguous without its leading zeros"
                       : froot.n ? "'%.*s' is not a CAMEO code of root '%.*s'"
                                 : "'%.*s' is not a CAMEO code",
                       (int)(fc_.n > 32 ? 32 : fc_.n), fc_.p, (int)(froot.n > 8 ? 8 : froot.n),
                       froot.p);
    }
    double w = 1.0;
    if (L->i_nsrc >= 0) {
        field x = trim(f[L->i_nsrc]);
        uint64_t ns = 1;
        if (x.n > 0 && !parse_uint(x.p, x.n, &ns)) {
            return bad_row(fc, SC_SKIP_NUMBER, line, n, x.off, x.n, diag,
                           "NumSources '%.*s' is not a whole number", (int)(x.n > 32 ? 32 : x.n),
                           x.p);
        }
        w = ns < 256 ? sc->log2_1p[ns] : log2(1.0 + (double)ns);
    } else if (L->i_weight >= 0 && (size_t)L->i_weight < k) {
        field x = trim(f[L->i_weight]);
        char tmp[64];
        char *end = NULL;
        if (x.n == 0 || x.n >= sizeof tmp) {
            return bad_row(fc, SC_SKIP_NUMBER, line, n, x.off, x.n, diag,
                           "the weight must be a number >= 0");
        }
        memcpy(tmp, x.p, x.n);
        tmp[x.n] = '\0';
        errno = 0;
        w = scx_strtod_c(tmp, &end); /* '.' whatever the program's LC_NUMERIC */
        if (*end != '\0' || errno == ERANGE || !isfinite(w) || w < 0) {
            return bad_row(fc, SC_SKIP_NUMBER, line, n, x.off, x.n, diag,
                           "the weight '%s' is not a number >= 0", tmp);
        }
    }
    long a[2];
    for (int s = 0; s < 2; s++) {
        field c = trim(f[s ? L->i_code2 : L->i_code1]);
        field none = {"", 0, 0};
        field ctry = (s ? L->i_country2 : L->i_country1) >= 0
                         ? trim(f[s ? L->i_country2 : L->i_country1])
                         : none;
        switch (L->side) {
        case SIDE_GDELT: {
            field g = trim(f[s ? L->i_group2 : L->i_group1]);
            a[s] = side_gdelt(sc, &c, &ctry, &g);
            break;
        }
        case SIDE_FULLCODE: a[s] = side_fullcode(sc, &c, ctry.n ? &ctry : NULL); break;
        case SIDE_ICEWS: a[s] = side_icews(sc, &c, &ctry); break;
        case SIDE_SIMPLE:
        default: a[s] = side_simple(sc, &c); break;
        }
        if (a[s] == -3) {
            return sc__diag_set(diag, SC_ENOMEM, "out of memory");
        }
        if (a[s] == BAD_ACTOR) {
            field x = L->side == SIDE_GDELT ? ctry : c;
            return bad_row(fc, SC_SKIP_ACTOR, line, n, x.off, x.n, diag,
                           "'%.*s' is not an actor code", (int)(x.n > 32 ? 32 : x.n), x.p);
        }
    }
    fc->readable++;
    if (a[0] == NO_ACTOR || a[1] == NO_ACTOR) {
        fc->st->skipped[SC_SKIP_NO_ACTOR]++;
        return SC_OK;
    }
    if (a[0] == a[1]) {
        fc->st->skipped[SC_SKIP_SELF]++;
        return SC_OK;
    }
    if (!sc->actors.selected[a[0]] || !sc->actors.selected[a[1]]) {
        fc->st->skipped[SC_SKIP_NOT_SELECTED]++;
        return SC_OK;
    }
    if ((sc->has_from && day < sc->from) || (sc->has_to && day > sc->to)) {
        fc->st->skipped[SC_SKIP_OUTSIDE]++;
        return SC_OK;
    }
    long dy = dyad_of(sc, (uint32_t)a[0], (uint32_t)a[1]);
    if (dy < 0) {
        return dy == -4 ? sc__diag_set(diag, SC_ELIMIT, "more than %u dyads", SC__MAX_DYADS)
                        : sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    fc->st->used++;
    int r = sc__dedup_insert(sc->dd, sc__key((uint32_t)dy, day, (unsigned)code), w);
    if (r < 0) {
        return r == -(int)SC_ENOMEM
                   ? sc__diag_set(diag, SC_ENOMEM, "out of memory")
                   : sc__diag_set(diag, SC_EIO, "cannot write a temporary file: %s",
                                  strerror(errno));
    }
    return SC_OK;
}

/*
 * Chooses the layout from the first line (or checks it against the given format). Returns 1 if
 * the line was the file's own header (consumed), 0 if it is data, or an error.
 */
static sc_status choose_layout(file_ctx *fc, const char *line, size_t n, int *consumed,
                               sc_diag *diag)
{
    sc__scan *sc = fc->sc;
    sc_events_format given = sc->opts.format;
    layout hl;
    int h = header_layout(line, n, &hl, sc->fields, sc->scratch);
    *consumed = 0;
    if (h == 2) {
        sc__diag_set_at(diag, SC_EPARSE, fc->path, line, n, 0, (int)n,
                        "this is a UN General Assembly ideal-point file, not event data "
                        "(statecraft events relations reads it with --source unga)");
        diag->line = (int)fc->lineno;
        return SC_EPARSE;
    }
    if (h == 1 && (given == SC_EVENTS_DETECT || given == hl.format)) {
        fc->L = hl;
        *consumed = 1;
        return SC_OK;
    }
    if (given != SC_EVENTS_DETECT) {
        layout_fixed(&fc->L, given);
        return SC_OK; /* a header of another format is then counted as such (or strict) */
    }
    int tabs = memchr(line, '\t', n) != NULL;
    size_t k = tabs ? split_tab(line, n, sc->fields) : 0;
    if (tabs && (k == 57 || k == 58)) {
        layout_fixed(&fc->L, SC_EVENTS_GDELT1);
    } else if (tabs && k == 61) {
        layout_fixed(&fc->L, SC_EVENTS_GDELT2);
    } else if (tabs && k == 26) {
        layout_fixed(&fc->L, SC_EVENTS_PHOENIX);
    } else if (tabs && k == 20) {
        layout_fixed(&fc->L, SC_EVENTS_ICEWS);
    } else if (tabs && (k == 4 || k == 5) && sc__day_parse(sc->fields[0].p, sc->fields[0].n,
                                                           &(int32_t){0})) {
        layout_fixed(&fc->L, SC_EVENTS_SIMPLE);
    } else {
        char what[96];
        if (tabs) {
            snprintf(what, sizeof what, "%zu tab-separated fields", k);
        } else if (memchr(line, ',', n)) {
            snprintf(what, sizeof what, "comma-separated without a header statecraft knows");
        } else {
            snprintf(what, sizeof what, "no TAB or comma");
        }
        sc__diag_set_at(diag, SC_EPARSE, fc->path, line, n > 4096 ? 4096 : n, 0,
                        (int)(n > 80 ? 80 : n ? n : 1),
                        "cannot tell which event format this is (%s); give --source "
                        "gdelt1|gdelt2|gdelt-reduced|icews|phoenix|simple",
                        what);
        diag->line = (int)fc->lineno;
        return SC_EPARSE;
    }
    return SC_OK;
}

static void set_need(layout *L)
{
    int idx[] = {L->i_date,  L->i_code,     L->i_root,  L->i_nsrc,     L->i_weight, L->i_code1,
                 L->i_code2, L->i_country1, L->i_group1, L->i_country2, L->i_group2};
    int m = 0;
    for (size_t i = 0; i < sizeof idx / sizeof idx[0]; i++) {
        m = idx[i] > m ? idx[i] : m;
    }
    L->need = (size_t)m + 1;
}

static sc_status read_file(sc__scan *sc, const char *path, sc_events_file_stats *st,
                           sc_diag *diag)
{
    file_ctx fc;
    memset(&fc, 0, sizeof fc);
    fc.sc = sc;
    fc.path = path;
    fc.st = st;
    int is_stdin = strcmp(path, "-") == 0;
    int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        sc__diag_set_file(diag, path);
        return sc__diag_set(diag, e == ENOENT || e == EACCES || e == EISDIR ? SC_ENOTFOUND : SC_EIO,
                            "cannot open: %s", strerror(e));
    }
#ifdef POSIX_FADV_SEQUENTIAL
    if (!is_stdin) {
        (void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
#endif
    sc_status rc = SC_OK;
    char *buf = sc->buf;
    size_t start = 0, end = 0;
    int eof = 0, skipping = 0;
    for (;;) {
        /* one line: [start, nl) */
        char *nl = memchr(buf + start, '\n', end - start);
        if (!nl && !eof) {
            if (end - start >= MAX_LINE) {
                /* a line too long to hold: count it and skip to its end */
                if (!skipping) {
                    fc.lineno++;
                    fc.st->rows++;
                    if ((rc = bad_row(&fc, SC_SKIP_LONG_LINE, buf + start, 256, 0, 1, diag,
                                      "a line longer than %u bytes", MAX_LINE)) != SC_OK) {
                        break;
                    }
                    skipping = 1;
                }
                start = end = 0;
            } else if (start > 0) {
                memmove(buf, buf + start, end - start);
                end -= start;
                start = 0;
            }
            ssize_t got;
            do {
                got = read(fd, buf + end, BLOCK - end);
            } while (got < 0 && errno == EINTR);
            if (got < 0) {
                sc__diag_set_file(diag, path);
                rc = sc__diag_set(diag, SC_EIO, "read error: %s", strerror(errno));
                break;
            }
            if (got == 0) {
                eof = 1;
            }
            end += (size_t)got;
            continue;
        }
        size_t n = nl ? (size_t)(nl - (buf + start)) : end - start;
        if (!nl && n == 0) {
            break; /* end of file */
        }
        char *line = buf + start;
        start += n + (nl ? 1 : 0);
        if (skipping) {
            skipping = 0; /* the rest of the long line */
            continue;
        }
        fc.lineno++;
        if (n > MAX_LINE) {
            fc.st->rows++;
            if ((rc = bad_row(&fc, SC_SKIP_LONG_LINE, line, 256, 0, 1, diag,
                              "a line longer than %u bytes", MAX_LINE)) != SC_OK) {
                break;
            }
            continue;
        }
        if (fc.lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3; /* a UTF-8 byte-order mark */
            n -= 3;
        }
        if (n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n == 0 || line[0] == '#') {
            continue;
        }
        if (!fc.have_layout) {
            /* a first line that is not text: a binary file, nothing to detect */
            size_t bad = first_invalid_utf8((const unsigned char *)line, n);
            if (bad < n) {
                sc__diag_set_at(diag, SC_EPARSE, path, line, n > 4096 ? 4096 : n,
                                bad > 4096 ? 4096 : bad, 1,
                                "this is a binary file, not event data (%s at byte %zu)",
                                line[bad] ? "invalid UTF-8" : "a NUL byte", bad);
                diag->line = (int)fc.lineno;
                rc = SC_EPARSE;
                break;
            }
            int consumed;
            if ((rc = choose_layout(&fc, line, n, &consumed, diag)) != SC_OK) {
                break;
            }
            fc.have_layout = 1;
            set_need(&fc.L);
            st->format = fc.L.format;
            if (consumed) {
                continue;
            }
        }
        if ((rc = row(&fc, line, n, diag)) != SC_OK) {
            break;
        }
    }
    if (!is_stdin) {
        close(fd);
    }
    if (rc != SC_OK) {
        return rc;
    }
    if (st->rows == 0) {
        sc__diag_set_file(diag, path);
        return sc__diag_set(diag, SC_EPARSE, "no event rows in this file (%s)",
                            fc.have_layout ? "only a header" : "it is empty");
    }
    if (fc.readable == 0) {
        /* every row is bad: the file's first bad row, with the tally */
        *diag = fc.first_bad;
        char tally[200] = "";
        size_t o = 0;
        for (int r = 0; r <= SC_SKIP_LONG_LINE && o < sizeof tally; r++) {
            if (st->skipped[r]) {
                o += (size_t)snprintf(tally + o, sizeof tally - o, "%s%s %llu", o ? ", " : "",
                                      skip_names[r], (unsigned long long)st->skipped[r]);
            }
        }
        char msg[SC_DIAG_MESSAGE_MAX];
        snprintf(msg, sizeof msg, "no readable row in this %.40s (%llu rows: %.160s); the first: %.240s",
                 fc.L.what, (unsigned long long)st->rows, tally, fc.first_bad.message);
        memcpy(diag->message, msg, sizeof msg);
        return SC_EPARSE;
    }
    return SC_OK;
}

static int parse_opt_day(const char *s, int32_t *out)
{
    return s && sc__day_parse(s, strlen(s), out);
}

void sc__scan_free(sc__scan *sc)
{
    if (!sc) {
        return;
    }
    for (size_t i = 0; i < sc->actors.n; i++) {
        free(sc->actors.id[i]);
    }
    free(sc->actors.id);
    free(sc->actors.selected);
    free(sc->actors.slots);
    free(sc->dyads.pair);
    free(sc->dyads.slots);
    sc__dedup_free(sc->dd);
    sc__stats_free(&sc->stats);
    free(sc->buf);
    free(sc->scratch);
    free(sc);
}

sc_status sc__scan_new(const char *const *paths, size_t n_paths, const sc_events_opts *opts,
                       int32_t at_day, int has_at, sc__scan **out, sc_diag *diag)
{
    *out = NULL;
    if (n_paths == 0) {
        return sc__diag_set(diag, SC_EINVAL, "no event file given");
    }
    sc__scan *sc = calloc(1, sizeof *sc);
    if (!sc) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_events_opts def;
    if (!opts) {
        sc_events_opts_init(&def);
        opts = &def;
    }
    sc->opts = *opts;
    sc_status rc = SC_OK;
    if (opts->from && !(sc->has_from = parse_opt_day(opts->from, &sc->from))) {
        rc = sc__diag_set(diag, SC_EINVAL, "--from '%s' is not a date (yyyy-mm-dd)", opts->from);
    } else if (opts->to && !(sc->has_to = parse_opt_day(opts->to, &sc->to))) {
        rc = sc__diag_set(diag, SC_EINVAL, "--to '%s' is not a date (yyyy-mm-dd)", opts->to);
    }
    if (rc == SC_OK && has_at && (!sc->has_to || at_day < sc->to)) {
        sc->to = at_day; /* nothing after the day the scores stand for */
        sc->has_to = 1;
    }
    if (rc == SC_OK && sc->has_from && sc->has_to && sc->from > sc->to) {
        rc = sc__diag_set(diag, SC_EINVAL, "the date range is empty (--from after --to or --at)");
    }
    for (size_t i = 0; rc == SC_OK && opts->actors && i < opts->n_actors; i++) {
        if (!sc__valid_actor_id(opts->actors[i], strlen(opts->actors[i]))) {
            rc = sc__diag_set(diag, SC_EINVAL,
                              "'%s' is not an actor id (1-32 characters of A-Za-z0-9_-)",
                              opts->actors[i]);
        }
    }
    if (rc != SC_OK) {
        sc__scan_free(sc);
        return rc;
    }
    sc->buf = malloc(BLOCK);
    sc->scratch = malloc(MAX_LINE + 1);
    sc->files = calloc(n_paths, sizeof *sc->files);
    sc->stats.files = sc->files;
    if (!sc->buf || !sc->scratch || !sc->files || actor_rehash(&sc->actors) != 0 ||
        sc__dedup_new(opts->memory_budget, &sc->dd) != SC_OK) {
        sc__scan_free(sc);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    long nato = intern(sc, "NATO", 4), eu = intern(sc, "EU", 2), un = intern(sc, "UN", 2);
    if (nato < 0 || eu < 0 || un < 0) {
        sc__scan_free(sc);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    for (int i = 0; i < 256; i++) {
        sc->log2_1p[i] = log2(1.0 + (double)i);
    }
    sc->id_nato = (uint32_t)nato;
    sc->id_eu = (uint32_t)eu;
    sc->id_un = (uint32_t)un;
    for (size_t i = 0; i < n_paths; i++) {
        sc_events_file_stats *st = &sc->files[i];
        st->path = strdup(paths[i]);
        sc->stats.n_files = i + 1;
        if (!st->path) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            break;
        }
        st->format = opts->format;
        if ((rc = read_file(sc, paths[i], st, diag)) != SC_OK) {
            break;
        }
        sc->stats.rows += st->rows;
        for (int r = 0; r < SC_SKIP_COUNT; r++) {
            sc->stats.skipped[r] += st->skipped[r];
        }
    }
    if (rc == SC_OK && sc__dedup_finish(sc->dd) != SC_OK) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory merging the sorted runs");
    }
    free(sc->buf);
    sc->buf = NULL;
    free(sc->scratch);
    sc->scratch = NULL;
    if (rc != SC_OK) {
        sc__scan_free(sc);
        return rc;
    }
    *out = sc;
    return SC_OK;
}

sc_status sc__scan_stream(sc__scan *sc, sc__day_fn fn, void *ctx, sc_diag *diag)
{
    sc__dd_entry e;
    sc__dayagg d;
    int have = 0, r;
    uint64_t records = 0;
    double top_abs = -1;
    while ((r = sc__dedup_next(sc->dd, &e)) == 1) {
        uint32_t dyad = sc__key_dyad(e.key);
        int32_t day = sc__key_day(e.key);
        unsigned code = sc__key_code(e.key);
        if (have && (dyad != d.dyad || day != d.day)) {
            sc_status rc = fn(ctx, &d, diag);
            if (rc != SC_OK) {
                return rc;
            }
            have = 0;
        }
        if (!have) {
            memset(&d, 0, sizeof d);
            d.dyad = dyad;
            d.day = day;
            d.top_code = -1;
            top_abs = -1;
            have = 1;
        }
        const sc_cameo_code *c = &sc__cameo_table[code];
        double wg = e.w * c->goldstein;
        d.events++;
        d.sum += wg;
        d.weight += e.w;
        d.quad[c->quad - 1] += e.w;
        if (fabs(wg) > top_abs) {
            top_abs = fabs(wg);
            d.top_code = (int)code;
        }
        records++;
    }
    if (r < 0) {
        return sc__diag_set(diag, SC_EIO, "cannot read a temporary file back");
    }
    if (have) {
        sc_status rc = fn(ctx, &d, diag);
        if (rc != SC_OK) {
            return rc;
        }
    }
    sc->stats.records = records;
    sc->stats.skipped[SC_SKIP_DUPLICATE] = sc__dedup_duplicates(sc->dd);
    sc->stats.spills = sc__dedup_spills(sc->dd);
    return SC_OK;
}

const char *sc__scan_actor(const sc__scan *sc, uint32_t actor)
{
    return actor < sc->actors.n ? sc->actors.id[actor] : NULL;
}

void sc__scan_dyad(const sc__scan *sc, uint32_t dyad, uint32_t *source, uint32_t *target)
{
    uint64_t p = sc->dyads.pair[dyad];
    *source = (uint32_t)(p >> 32);
    *target = (uint32_t)p;
}

size_t sc__scan_dyad_count(const sc__scan *sc)
{
    return sc->dyads.n;
}

void sc__scan_take_stats(sc__scan *sc, sc_events_stats *stats)
{
    *stats = sc->stats;
    memset(&sc->stats, 0, sizeof sc->stats);
    sc->files = NULL;
}
