/* SPDX-License-Identifier: MIT */
/*
 * Every sample file of shared/data/events/samples against a direct evaluation of methods.md s.2.
 *
 * The oracle below shares no code with src/events: it reads the whole file at once, splits it by
 * hand, reads the Goldstein values from shared/data/events/goldstein.csv (not the compiled table),
 * the ISO country codes from Debian's iso-codes JSON (not the generated table), counts days with
 * timegm, de-duplicates by linear search and walks every calendar day of every dyad:
 *   A(d) = delta A(d-1) + sum w g,  B(d) = delta B(d-1) + sum w,  R(d) = A(d) / (10 (B(d) + k)).
 * The library must agree on every dyad: events, first and last day, R on the last day, its
 * minimum and maximum over all days, B, the quad-class weights, the undirected pairs, and the
 * daily timelines with h = 30, 14 and 180.
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <limits.h>
#include <time.h>

#include "statecraft/statecraft.h"

#define TOL 1e-12

/* ---- the oracle's own tables -------------------------------------------------------------- */

typedef struct ocode {
    char code[16];
    double g;
    int quad;
} ocode;

static ocode codes[400];
static size_t n_codes;
static char iso3[400][4];
static size_t n_iso;

static void load_tables(void)
{
    if (n_codes) {
        return;
    }
    char *t = sc_test_slurp(sc_test_shared("data/events/goldstein.csv"), NULL);
    assert_non_null(t);
    for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
        char code[16];
        double g;
        int level, quad;
        char root[8], base[8];
        if (line[0] == '#' || strncmp(line, "cameo_code", 10) == 0) {
            continue;
        }
        /* code,goldstein,level,root,base,quad,... */
        if (sscanf(line, "%15[^,],%lf,%d,%7[^,],%7[^,],%d", code, &g, &level, root, base, &quad) ==
            6) {
            snprintf(codes[n_codes].code, sizeof codes[0].code, "%s", code);
            codes[n_codes].g = g;
            codes[n_codes].quad = quad;
            n_codes++;
        }
    }
    free(t);
    assert_int_equal(n_codes, 311);
    char *j = sc_test_slurp("/usr/share/iso-codes/json/iso_3166-1.json", NULL);
    assert_non_null(j);
    for (char *p = j; (p = strstr(p, "\"alpha_3\": \"")) != NULL; p += 12) {
        memcpy(iso3[n_iso], p + 12, 3);
        iso3[n_iso][3] = '\0';
        n_iso++;
    }
    free(j);
    assert_true(n_iso > 240);
}

static const ocode *find_code(const char *c)
{
    for (size_t i = 0; i < n_codes; i++) {
        if (strcmp(codes[i].code, c) == 0) {
            return &codes[i];
        }
    }
    return NULL;
}

/* the CAMEO region codes (CAMEO manual 1.1b3, ch. 3) */
static int is_place(const char *c3)
{
    static const char *const regions[] = {"AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "CRB", "EAF",
                                          "EEU", "EIN", "EUR", "LAM", "MDT", "MEA", "NAF", "NMR",
                                          "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST"};
    if (strlen(c3) != 3) {
        return 0;
    }
    for (size_t i = 0; i < n_iso; i++) {
        if (strcmp(iso3[i], c3) == 0) {
            return 1;
        }
    }
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
        if (strcmp(regions[i], c3) == 0) {
            return 1;
        }
    }
    return 0;
}

static long day_number(const char *s)
{
    int y, m, d;
    if (strlen(s) == 8) {
        if (sscanf(s, "%4d%2d%2d", &y, &m, &d) != 3) {
            return LONG_MIN;
        }
    } else if (sscanf(s, "%d-%d-%d", &y, &m, &d) != 3) {
        return LONG_MIN;
    }
    struct tm t = {0};
    t.tm_year = y - 1900;
    t.tm_mon = m - 1;
    t.tm_mday = d;
    t.tm_hour = 12;
    time_t tt = timegm(&t);
    struct tm back;
    gmtime_r(&tt, &back);
    if (back.tm_year != y - 1900 || back.tm_mon != m - 1 || back.tm_mday != d) {
        return LONG_MIN; /* not a day of the calendar */
    }
    return (long)(tt / 86400);
}

static void day_text(long day, char out[11])
{
    time_t tt = (time_t)day * 86400 + 43200;
    struct tm t;
    gmtime_r(&tt, &t);
    strftime(out, 11, "%Y-%m-%d", &t);
}

/* ---- splitting ---------------------------------------------------------------------------- */

#define MAXF 128

/* splits in place; quotes handled only when csv */
static int split(char *line, int csv, char **f)
{
    int n = 0;
    char *p = line;
    if (!csv) {
        f[n++] = p;
        for (; *p; p++) {
            if (*p == '\t') {
                *p = '\0';
                f[n++] = p + 1;
            }
        }
        return n;
    }
    char *o = line;
    for (;;) {
        f[n++] = o;
        if (*p == '"') {
            p++;
            while (*p) {
                if (p[0] == '"' && p[1] == '"') {
                    *o++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *o++ = *p++;
                }
            }
        }
        while (*p && *p != ',') {
            *o++ = *p++;
        }
        int end = *p == '\0';
        *o++ = '\0';
        if (end) {
            return n;
        }
        p++;
    }
}

/* ---- the formats as the oracle knows them -------------------------------------------------- */

typedef enum { F_GDELT, F_GDELT_CSV, F_REDUCED, F_ICEWS, F_PHOENIX_CSV, F_SIMPLE } oformat;

typedef struct orec {
    long day;
    char src[33], tgt[33];
    const ocode *code;
    double w;
} orec;

static void gdelt_actor(char **f, int o, int side, char *out)
{
    const char *group = f[o + (side ? 18 : 8)], *country = f[o + (side ? 17 : 7)];
    if (strcmp(group, "NAT") == 0) {
        strcpy(out, "NATO");
    } else if (strcmp(group, "EEC") == 0) {
        strcpy(out, "EU");
    } else if (strcmp(group, "UNO") == 0) {
        strcpy(out, "UN");
    } else {
        snprintf(out, 33, "%s", country);
    }
}

static void fullcode_actor(const char *code, const char *entity, char *out)
{
    out[0] = '\0';
    if (strncmp(code, "IGO", 3) == 0) {
        for (size_t b = 3; b + 3 <= strlen(code); b += 3) {
            if (strncmp(code + b, "NAT", 3) == 0) {
                strcpy(out, "NATO");
                return;
            }
            if (strncmp(code + b, "EEC", 3) == 0) {
                strcpy(out, "EU");
                return;
            }
            if (strncmp(code + b, "UNO", 3) == 0) {
                strcpy(out, "UN");
                return;
            }
        }
    }
    char blk[4] = {0};
    snprintf(blk, sizeof blk, "%s", entity && entity[0] ? entity : code);
    if (is_place(blk)) {
        strcpy(out, blk);
    }
}

static void icews_actor(const char *name, const char *country, char *out)
{
    static const char *const names[][2] = {
        {"European Union", "EU"},   {"European Commission", "EU"}, {"European Parliament", "EU"},
        {"United Nations", "UN"},   {"UN Security Council", "UN"},
        {"North Atlantic Treaty Organization", "NATO"}};
    static const char *const countries[][2] = {
        {"United States", "USA"}, {"Russian Federation", "RUS"}, {"China", "CHN"},
        {"Ukraine", "UKR"},       {"United Kingdom", "GBR"},     {"France", "FRA"},
        {"Germany", "DEU"},       {"India", "IND"},              {"Japan", "JPN"}};
    out[0] = '\0';
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i][0]) == 0) {
            strcpy(out, names[i][1]);
            return;
        }
    }
    for (size_t i = 0; i < sizeof countries / sizeof countries[0]; i++) {
        if (strcmp(country, countries[i][0]) == 0) {
            strcpy(out, countries[i][1]);
            return;
        }
    }
    strcpy(out, "OTHER"); /* a state the oracle does not name: never selected */
}

/* a code whose leading zero a re-export dropped, repaired with the root column */
static const ocode *repair(const char *code, const char *root)
{
    char r2[8] = "";
    if (root && root[0]) {
        snprintf(r2, sizeof r2, "%s%s", strlen(root) == 1 ? "0" : "", root);
    }
    const ocode *lit = find_code(code);
    char padded[16];
    snprintf(padded, sizeof padded, "0%s", code);
    const ocode *pad = strlen(code) < 4 ? find_code(padded) : NULL;
    if (r2[0]) {
        if (lit && strncmp(lit->code, r2, 2) != 0) {
            lit = NULL;
        }
        if (pad && strncmp(pad->code, r2, 2) != 0) {
            pad = NULL;
        }
    }
    return lit ? lit : pad;
}

static int selected(const char *id, const char *const *sel)
{
    if (!sel) {
        return 1;
    }
    for (; *sel; sel++) {
        if (strcmp(*sel, id) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Reads a sample into de-duplicated records (first in file order kept). */
static orec *oracle_read(const char *path, oformat fmt, const char *const *sel, long to_day,
                         size_t *n_out, size_t *dups)
{
    load_tables();
    char *text = sc_test_slurp(path, NULL);
    assert_non_null(text);
    size_t cap = 1024, n = 0;
    orec *r = malloc(cap * sizeof *r);
    *dups = 0;
    int lineno = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (line[0] == '#' || (lineno == 1 && (fmt == F_GDELT_CSV || fmt == F_REDUCED ||
                                               fmt == F_ICEWS || fmt == F_PHOENIX_CSV))) {
            continue; /* comments and the header */
        }
        char *f[MAXF];
        int nf = split(line, fmt == F_GDELT_CSV || fmt == F_PHOENIX_CSV, f);
        orec x;
        memset(&x, 0, sizeof x);
        const char *date, *code, *root = NULL;
        x.w = 1;
        switch (fmt) {
        case F_GDELT:
        case F_GDELT_CSV: {
            int o = fmt == F_GDELT_CSV ? 1 : 0;
            assert_true(nf == 57 || nf == 58 || nf == 61 || nf == 63);
            date = f[o + 1];
            code = f[o + 26];
            root = f[o + 28];
            x.w = log2(1.0 + (f[o + 32][0] ? atof(f[o + 32]) : 1.0));
            gdelt_actor(f, o, 0, x.src);
            gdelt_actor(f, o, 1, x.tgt);
            break;
        }
        case F_REDUCED:
            assert_true(nf >= 8);
            date = f[0];
            code = f[3];
            fullcode_actor(f[1], NULL, x.src);
            fullcode_actor(f[2], NULL, x.tgt);
            break;
        case F_ICEWS:
            assert_int_equal(nf, 20);
            date = f[1];
            code = f[6];
            icews_actor(f[2], f[4], x.src);
            icews_actor(f[8], f[10], x.tgt);
            break;
        case F_PHOENIX_CSV:
            assert_int_equal(nf, 28);
            date = f[3];
            code = f[15];
            root = f[16];
            fullcode_actor(f[7], f[8], x.src);
            fullcode_actor(f[11], f[12], x.tgt);
            break;
        case F_SIMPLE:
        default:
            date = f[0];
            snprintf(x.src, sizeof x.src, "%s", f[1]);
            snprintf(x.tgt, sizeof x.tgt, "%s", f[2]);
            code = f[3];
            if (nf == 5) {
                x.w = atof(f[4]);
            }
            break;
        }
        x.day = day_number(date);
        x.code = fmt == F_GDELT_CSV || fmt == F_PHOENIX_CSV ? repair(code, root) : find_code(code);
        if (x.day == LONG_MIN || !x.code || !x.src[0] || !x.tgt[0] ||
            strcmp(x.src, x.tgt) == 0 || !selected(x.src, sel) || !selected(x.tgt, sel) ||
            x.day > to_day) {
            continue;
        }
        int dup = 0;
        for (size_t i = 0; i < n && !dup; i++) {
            dup = r[i].day == x.day && r[i].code == x.code && strcmp(r[i].src, x.src) == 0 &&
                  strcmp(r[i].tgt, x.tgt) == 0;
        }
        if (dup) {
            (*dups)++;
            continue;
        }
        if (n == cap) {
            cap *= 2;
            r = realloc(r, cap * sizeof *r);
        }
        r[n++] = x;
    }
    free(text);
    *n_out = n;
    return r;
}

/* ---- the direct evaluation ----------------------------------------------------------------- */

typedef struct odyad {
    char src[33], tgt[33];
    size_t events;
    long first, last;
    double r_last, r_min, r_max, b_last, a_last, q[4];
} odyad;

/* walks every day from the dyad's first day to `end` (its last day when end < first) */
static odyad oracle_dyad(const orec *r, size_t n, const char *src, const char *tgt, double h,
                         double k, long end, double *series, long series_from, long series_n)
{
    odyad d;
    memset(&d, 0, sizeof d);
    snprintf(d.src, sizeof d.src, "%s", src);
    snprintf(d.tgt, sizeof d.tgt, "%s", tgt);
    d.first = LONG_MAX;
    d.last = LONG_MIN;
    const orec **mine = calloc(n + 1, sizeof *mine); /* this dyad's records, in file order */
    for (size_t i = 0; i < n; i++) {
        if (strcmp(r[i].src, src) == 0 && strcmp(r[i].tgt, tgt) == 0) {
            mine[d.events++] = &r[i];
            d.first = r[i].day < d.first ? r[i].day : d.first;
            d.last = r[i].day > d.last ? r[i].day : d.last;
        }
    }
    if (end < d.last) {
        end = d.last;
    }
    double delta = pow(2.0, -1.0 / h), A = 0, B = 0, Q[4] = {0, 0, 0, 0};
    d.r_min = HUGE_VAL;
    d.r_max = -HUGE_VAL;
    long start = series ? (series_from < d.first ? series_from : d.first) : d.first;
    for (long day = start; day <= end; day++) {
        double S = 0, W = 0, WQ[4] = {0, 0, 0, 0};
        for (size_t i = 0; i < d.events; i++) {
            if (mine[i]->day == day) {
                S += mine[i]->w * mine[i]->code->g;
                W += mine[i]->w;
                WQ[mine[i]->code->quad - 1] += mine[i]->w;
            }
        }
        A = delta * A + S;
        B = delta * B + W;
        for (int q = 0; q < 4; q++) {
            Q[q] = delta * Q[q] + WQ[q];
        }
        double R = A / (10.0 * (B + k));
        if (day >= d.first && day <= d.last) {
            d.r_min = R < d.r_min ? R : d.r_min;
            d.r_max = R > d.r_max ? R : d.r_max;
        }
        if (series && day >= series_from && day < series_from + series_n) {
            series[day - series_from] = R;
        }
        if (day == end) {
            d.r_last = R;
            d.b_last = B;
            d.a_last = A;
            memcpy(d.q, Q, sizeof Q);
        }
    }
    free(mine);
    return d;
}

/* ---- the comparison ------------------------------------------------------------------------- */

typedef struct sample {
    const char *file;
    oformat fmt;
    sc_events_format lib;   /* what detection must find */
    const char *const *sel; /* NULL: every actor */
    const char *at;
    size_t min_dyads;       /* so that a sample reading nothing cannot pass */
} sample;

static const char *const icews_sel[] = {"USA", "RUS", "CHN", "UKR", "GBR", "FRA",
                                        "DEU", "IND", "JPN", "EU",  "UN",  NULL};

static void check_sample(const sample *smp, double h, double k)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/data/events/samples/%s", SC_SHARED_DIR, smp->file);
    if (smp->fmt == F_SIMPLE) {
        snprintf(path, sizeof path, "%s/data/events/%s", SC_SHARED_DIR, smp->file);
    }
    long at_day = smp->at ? day_number(smp->at) : LONG_MAX;
    size_t n = 0, dups = 0;
    orec *rec = oracle_read(path, smp->fmt, smp->sel, at_day, &n, &dups);

    sc_events_opts opts;
    sc_events_opts_init(&opts);
    size_t nsel = 0;
    while (smp->sel && smp->sel[nsel]) {
        nsel++;
    }
    opts.actors = smp->sel;
    opts.n_actors = nsel;
    sc_dsmg_params p = {h, k};
    const char *files[] = {path};
    sc_events_relations *r = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_events_relations_compute(files, 1, &opts, &p, smp->at, &r, &diag) != SC_OK) {
        sc_diag_print(&diag, stderr);
        fail_msg("%s: the library failed", smp->file);
    }
    assert_int_equal(r->stats.files[0].format, smp->lib);
    if (r->stats.records != n || r->stats.skipped[SC_SKIP_DUPLICATE] != dups) {
        fail_msg("%s (h %g, k %g): %llu records and %llu duplicates, the oracle %zu and %zu",
                 smp->file, h, k, (unsigned long long)r->stats.records,
                 (unsigned long long)r->stats.skipped[SC_SKIP_DUPLICATE], n, dups);
    }
    assert_true(r->n_dyads >= smp->min_dyads);

    /* every dyad the oracle finds, and no other */
    size_t n_oracle = 0;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = strcmp(rec[j].src, rec[i].src) == 0 && strcmp(rec[j].tgt, rec[i].tgt) == 0;
        }
        if (seen) {
            continue;
        }
        n_oracle++;
        odyad o = oracle_dyad(rec, n, rec[i].src, rec[i].tgt, h, k,
                              smp->at ? at_day : LONG_MIN, NULL, 0, 0);
        const sc_events_dyad *d = NULL;
        for (size_t j = 0; j < r->n_dyads; j++) {
            if (strcmp(r->dyads[j].source, o.src) == 0 && strcmp(r->dyads[j].target, o.tgt) == 0) {
                d = &r->dyads[j];
            }
        }
        if (!d) {
            fail_msg("%s: dyad %s->%s missing", smp->file, o.src, o.tgt);
        }
        char first[11], last[11];
        day_text(o.first, first);
        day_text(o.last, last);
        assert_int_equal(d->events, o.events);
        assert_string_equal(d->first_day, first);
        assert_string_equal(d->last_day, last);
        SC_ASSERT_NEAR(d->r_last, o.r_last, TOL);
        SC_ASSERT_NEAR(d->r_min, o.r_min, TOL);
        SC_ASSERT_NEAR(d->r_max, o.r_max, TOL);
        SC_ASSERT_NEAR(d->weight_last, o.b_last, TOL * (1 + o.b_last));
        SC_ASSERT_NEAR(d->a_last, o.a_last, TOL * (1 + fabs(o.a_last)) * 10);
        for (int q = 0; q < 4; q++) {
            SC_ASSERT_NEAR(d->quad_last[q], o.q[q], TOL * (1 + o.q[q]));
        }
    }
    assert_int_equal(r->n_dyads, n_oracle);

    /* the undirected pairs: (A_ab + A_ba) / (10 (B_ab + B_ba + k)) on the later last day */
    for (size_t i = 0; i < r->n_pairs; i++) {
        const sc_events_pair *pr = &r->pairs[i];
        long e = day_number(pr->at);
        odyad x = oracle_dyad(rec, n, pr->a, pr->b, h, k, e, NULL, 0, 0);
        odyad y = oracle_dyad(rec, n, pr->b, pr->a, h, k, e, NULL, 0, 0);
        double A = (x.events ? x.a_last : 0) + (y.events ? y.a_last : 0);
        double B = (x.events ? x.b_last : 0) + (y.events ? y.b_last : 0);
        assert_int_equal(pr->events, x.events + y.events);
        SC_ASSERT_NEAR(pr->r_last, A / (10 * (B + k)), TOL);
        SC_ASSERT_NEAR(pr->weight_last, B, TOL * (1 + B));
    }

    /* daily timelines of the three busiest dyads with three memories */
    if (smp->sel && !smp->at) {
        sc_events_series *s = NULL;
        assert_int_equal(sc_events_series_read(files, 1, &opts, &s, &diag), SC_OK);
        for (int pick = 0; pick < 3 && pick < (int)r->n_dyads; pick++) {
            size_t best = 0;
            for (size_t j = 0; j < r->n_dyads; j++) {
                if (r->dyads[j].events > r->dyads[best].events) {
                    best = j;
                }
            }
            const sc_events_dyad *d = &r->dyads[(best + (size_t)pick) % r->n_dyads];
            sc_events_timeline_row *rows = NULL;
            size_t nr = 0;
            assert_int_equal(sc_events_series_timeline(s, d->source, d->target, 0, &p, NULL, NULL,
                                                       &rows, &nr, &diag),
                             SC_OK);
            long from = day_number(d->first_day);
            assert_int_equal(nr, (size_t)(day_number(d->last_day) - from + 1));
            const double hs[3] = {h, 14, 180};
            for (int m = 0; m < 3; m++) {
                double *ser = calloc(nr, sizeof *ser);
                oracle_dyad(rec, n, d->source, d->target, hs[m], k, LONG_MIN, ser, from, (long)nr);
                for (size_t t = 0; t < nr; t++) {
                    double got = m == 0 ? rows[t].r : m == 1 ? rows[t].r_short : rows[t].r_long;
                    SC_ASSERT_NEAR(got, ser[t], TOL);
                }
                free(ser);
            }
            sc_free(rows);
        }
        sc_events_series_free(s);
    }
    sc_events_relations_free(r);
    free(rec);
}

static const sample samples[] = {
    {"gdelt1_events_reed9999_mixed_20160728_1982.tsv", F_GDELT, SC_EVENTS_GDELT1, NULL, NULL, 100},
    {"gdelt1_daily_export_excerpt_dateadded20160728.tsv", F_GDELT, SC_EVENTS_GDELT1, NULL, NULL, 50},
    {"gdelt1_historical_backfile_excerpt_1982.tsv", F_GDELT, SC_EVENTS_GDELT1, NULL, NULL, 40},
    {"gdelt1_reduced_dyadic_19790101-03_moxious.tsv", F_REDUCED, SC_EVENTS_GDELT_REDUCED, NULL,
     NULL, 100},
    {"gdelt2_events_x_mentions_20201113_pandas_export.csv", F_GDELT_CSV, SC_EVENTS_GDELT2, NULL,
     NULL, 500},
    {"gdelt2_export_layout61_20201113_derived.tsv", F_GDELT, SC_EVENTS_GDELT2, NULL, NULL, 500},
    {"gdelt2_export_20250322180000_first38rows.tsv", F_GDELT, SC_EVENTS_GDELT2, NULL, NULL, 3},
    {"icews_events_2018-06-01_02_sample.tab", F_ICEWS, SC_EVENTS_ICEWS, icews_sel, NULL, 40},
    {"phoenix_oeda_2014-2016_sample5000_R_export.csv", F_PHOENIX_CSV, SC_EVENTS_PHOENIX, NULL,
     NULL, 1000},
};

static const char *const great_powers[] = {"USA", "RUS", "CHN", "UKR", "EU", "NATO", "UN", NULL};

static void test_every_sample_default(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        check_sample(&samples[i], 30, 5);
    }
}

/* other memories and priors, and the great-power selection with its timelines */
static void test_every_sample_other_parameters(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        sample s = samples[i];
        if (!s.sel) {
            s.sel = great_powers;
            s.min_dyads = 0;
        }
        check_sample(&s, 7, 1);
        check_sample(&s, 180, 20);
        check_sample(&s, 30, 0);
    }
}

/* --at: scores on a later day, and records after it left out */
static void test_at(void **state)
{
    (void)state;
    sample s = samples[8]; /* Phoenix: 2014-2016 */
    s.at = "2015-06-30";
    s.min_dyads = 100;
    check_sample(&s, 30, 5);
    s.at = "2016-12-31";
    check_sample(&s, 30, 5);
    sample w = {"timeline_2025_example.tsv", F_SIMPLE, SC_EVENTS_SIMPLE, NULL, "2025-03-01", 4};
    check_sample(&w, 30, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_sample_default),
        cmocka_unit_test(test_every_sample_other_parameters),
        cmocka_unit_test(test_at),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
