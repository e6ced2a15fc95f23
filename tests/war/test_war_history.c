/* SPDX-License-Identifier: MIT */
/*
 * War termination against history (docs/models/war.md, "Checked against history"), read from
 * ../shared/data/history:
 *   - the relapse hazards the library ships, re-estimated from the UCDP termination data and
 *     Fortna's cease-fire data;
 *   - the front calibrated to the Russian-held area of Ukraine (2024 balance, 2022 fast phase),
 *     and the built-in scenario's numbers against it;
 *   - a generic parameter set against the durations and outcomes of the 95 COW inter-state wars
 *     (v4.0, capabilities from NMC v7): median and quartiles of duration, share of decisive
 *     endings, within stated tolerances (1,000 runs a war, about a second);
 *   - the 2022 hindcast: the probability it gives to "no ceasefire within three years".
 */
#define _POSIX_C_SOURCE 200809L
#include "sc_test.h"

#include <ctype.h>

#include "statecraft/statecraft.h"
#include "statecraft/war.h"

/* ---- small CSV reading (quoted fields may hold commas) -------------------------------------- */

#define MAXF 128

/* Splits line (modified in place) into at most MAXF fields; returns the count. */
static int split(char *line, char **f)
{
    int n = 0;
    char *p = line;
    line[strcspn(line, "\r\n")] = '\0';
    while (n < MAXF) {
        if (*p == '"') {
            char *out = ++p;
            f[n++] = out;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    *out++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *out++ = *p++;
                }
            }
            *out = '\0';
            if (*p == ',') {
                p++;
                continue;
            }
            break;
        }
        f[n++] = p;
        char *c = strchr(p, ',');
        if (!c) {
            break;
        }
        *c = '\0';
        p = c + 1;
    }
    return n;
}

typedef struct table {
    char **line; /* owned copies */
    size_t n;
    char *header;
} table;

/* Reads a CSV file, skipping '#' lines; the first other line is the header. */
static table read_table(const char *rel)
{
    FILE *fp = fopen(sc_test_shared(rel), "r");
    if (!fp) {
        fail_msg("cannot open %s", rel);
    }
    table t = {NULL, 0, NULL};
    size_t cap = 0;
    char *buf = malloc(1 << 16);
    while (fgets(buf, 1 << 16, fp)) {
        if (buf[0] == '#') {
            continue;
        }
        if (!t.header) {
            t.header = strdup(buf);
            continue;
        }
        if (t.n == cap) {
            cap = cap ? 2 * cap : 1024;
            t.line = realloc(t.line, cap * sizeof *t.line);
        }
        t.line[t.n++] = strdup(buf);
    }
    free(buf);
    fclose(fp);
    return t;
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->line[i]);
    }
    free(t->line);
    free(t->header);
}

/* Index of column `name` in the table's header. */
static int column(const table *t, const char *name)
{
    char *h = strdup(t->header), *f[MAXF];
    int n = split(h, f);
    for (int i = 0; i < n; i++) {
        if (strcmp(f[i], name) == 0) {
            free(h);
            return i;
        }
    }
    free(h);
    fail_msg("no column %s", name);
    return -1;
}

/* Days since 1970-01-01 of "yyyy-mm-dd" (proleptic Gregorian), or -1e9 if empty. */
static long days(const char *s)
{
    int y, m, d;
    if (!s || sscanf(s, "%d-%d-%d", &y, &m, &d) != 3) {
        return -1000000000L;
    }
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* ---- relapse hazards ------------------------------------------------------------------------- */

/*
 * UCDP dyad episodes: recurrence of episodes that ended in a ceasefire (outcome 2) or a peace
 * agreement (1), counted in years 2-5 (a new UCDP episode needs a year without fighting first):
 * events = next episode within 5 years, exposure = weeks from day 365 to min(gap, 5 years), data
 * censored at the end of 2020.
 */
static void ucdp_rates(double *h_ceasefire, double *h_agreement)
{
    table t = read_table("data/history/ucdp_term_dyad_episodes_v3-2021.csv");
    int c_term = column(&t, "terminated"), c_out = column(&t, "outcome");
    int c_end = column(&t, "ep_end_date"), c_next = column(&t, "next_episode_start");
    long censor = days("2020-12-31");
    double ev[3] = {0, 0, 0}, expo[3] = {0, 0, 0};
    for (size_t i = 0; i < t.n; i++) {
        char *f[MAXF];
        int n = split(t.line[i], f);
        assert_true(n > c_next);
        int out = atoi(f[c_out]);
        if (strcmp(f[c_term], "1") != 0 || (out != 1 && out != 2) || !f[c_end][0]) {
            continue;
        }
        long end = days(f[c_end]);
        long gap;
        int event;
        if (f[c_next][0]) {
            gap = days(f[c_next]) - end;
            event = 1;
        } else {
            gap = censor - end;
            event = 0;
        }
        if (gap > 1826) {
            gap = 1826;
            event = 0;
        }
        ev[out] += event;
        expo[out] += (gap > 365 ? gap - 365 : 0) / 7.0;
    }
    free_table(&t);
    print_message("UCDP: ceasefires %g recurrences / %.1f weeks, agreements %g / %.1f\n", ev[2],
                  expo[2], ev[1], expo[1]);
    *h_ceasefire = ev[2] / expo[2];
    *h_agreement = ev[1] / expo[1];
}

/* Mantel-Haenszel rate ratio over strata of (events, exposure) with and without the factor. */
static double mh_rate_ratio(const double (*cell)[4], int n)
{
    double num = 0, den = 0;
    for (int s = 0; s < n; s++) {
        double d1 = cell[s][0], t1 = cell[s][1], d0 = cell[s][2], t0 = cell[s][3];
        if (t1 + t0 <= 0) {
            continue;
        }
        num += d1 * t0 / (t1 + t0);
        den += d0 * t1 / (t1 + t0);
    }
    return num / den;
}

/* Fortna: failures with and without peacekeeping (time-varying pk_dum), exposure in weeks,
 * strata by how the war ended; negotiated endings (truce 3, settlement 4). */
static double fortna_peacekeeping(void)
{
    table t = read_table("data/history/fortna_pk_civilwar_ceasefires_1947-1999.csv");
    int c0 = column(&t, "t0"), c1 = column(&t, "t1"), cf = column(&t, "failed");
    int cpk = column(&t, "pk_dum"), cout = column(&t, "outcome");
    double cell[2][4] = {{0}};
    for (size_t i = 0; i < t.n; i++) {
        char *f[MAXF];
        split(t.line[i], f);
        int out = atoi(f[cout]);
        if (out != 3 && out != 4) {
            continue;
        }
        double w = (double)(days(f[c1]) - days(f[c0])) / 7.0;
        int pk = atoi(f[cpk]) == 1, failed = atoi(f[cf]) == 1;
        double *c = cell[out - 3];
        c[pk ? 0 : 2] += failed;
        c[pk ? 1 : 3] += w;
    }
    free_table(&t);
    return mh_rate_ratio(cell, 2);
}

/* UCDP peace agreements: failure (`ended`) with and without third-party signatories, by type. */
static double ucdp_third_party(void)
{
    table t = read_table("data/history/ucdp_peace_agreements_v22.1.csv");
    int cd = column(&t, "pa_date"), ce = column(&t, "ended"), cdu = column(&t, "duration");
    int c3 = column(&t, "pa_3rd"), ct = column(&t, "pa_type");
    long censor = days("2021-12-31");
    double cell[4][4] = {{0}};
    for (size_t i = 0; i < t.n; i++) {
        char *f[MAXF];
        split(t.line[i], f);
        int type = atoi(f[ct]);
        assert_true(type >= 1 && type <= 3);
        long start = days(f[cd]);
        int ended = strcmp(f[ce], "1") == 0 && f[cdu][0];
        long end = ended ? days(f[cdu]) : censor;
        double w = (double)(end - start > 1 ? end - start : 1) / 7.0;
        int third = 0;
        for (const char *p = f[c3]; *p; p++) {
            third |= !isspace((unsigned char)*p);
        }
        double *c = cell[type];
        c[third ? 0 : 2] += ended;
        c[third ? 1 : 3] += w;
    }
    free_table(&t);
    return mh_rate_ratio((const double(*)[4])cell + 1, 3);
}

static void test_relapse_estimates(void **state)
{
    (void)state;
    double hc, ha;
    ucdp_rates(&hc, &ha);
    double pk = fortna_peacekeeping(), third = ucdp_third_party();
    print_message("h0 %.6f, HR agreement %.4f, HR peacekeepers %.4f, third parties (unused) %.3f\n",
                  hc, ha / hc, pk, third);
    /* the shipped constants are these estimates, to the digits they carry */
    SC_ASSERT_NEAR(SC_WAR_BASE_HAZARD, hc, 5e-7);
    SC_ASSERT_NEAR(SC_WAR_HR_AGREEMENT, ha / hc, 5e-5);
    SC_ASSERT_NEAR(SC_WAR_HR_PEACEKEEPERS, pk, 5e-5);
    /* documented: paper guarantees show no protective effect in these data (selection) */
    assert_true(third > 1);
}

/* ---- the front ------------------------------------------------------------------------------ */

typedef struct series {
    long *day;
    double *area;
    size_t n;
} series;

static series read_series(const char *rel, const char *col)
{
    table t = read_table(rel);
    int cd = column(&t, "date"), ca = column(&t, col);
    series s = {malloc(t.n * sizeof(long)), malloc(t.n * sizeof(double)), 0};
    for (size_t i = 0; i < t.n; i++) {
        char *f[MAXF];
        split(t.line[i], f);
        if (!f[ca][0]) {
            continue;
        }
        s.day[s.n] = days(f[cd]);
        s.area[s.n] = atof(f[ca]);
        s.n++;
    }
    free_table(&t);
    return s;
}

static double area_on(const series *s, long day)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->day[i] == day) {
            return s->area[i];
        }
    }
    fail_msg("no area on day %ld", day);
    return 0;
}

/* Weekly changes from `from` over `weeks` weeks, calibrated to a step and a balance. */
static void calibrate(const series *s, const char *from, int weeks, double *step, double *theta)
{
    double *w = malloc((size_t)weeks * sizeof *w);
    long d0 = days(from);
    for (int i = 0; i < weeks; i++) {
        w[i] = area_on(s, d0 + 7L * (i + 1)) - area_on(s, d0 + 7L * i);
    }
    assert_int_equal(sc_war_front_calibrate(w, (size_t)weeks, 1, step, theta, NULL), SC_OK);
    free(w);
}

static void test_front_calibration(void **state)
{
    (void)state;
    series lv = read_series("data/history/ukraine_ru_controlled_area_liveuamap_daily_2022-2025.csv",
                            "area");
    series ds = read_series("data/history/ukraine_occupied_area_deepstate_daily_2024-2026.csv",
                            "occupied_area_km2");
    double s24, t24, s22, t22, s24h2, t24h2, s23, t23;
    calibrate(&lv, "2024-01-01", 52, &s24, &t24);
    calibrate(&lv, "2022-02-24", 44, &s22, &t22);
    calibrate(&lv, "2024-07-01", 26, &s24h2, &t24h2);
    calibrate(&lv, "2023-01-02", 52, &s23, &t23);
    print_message("2024: step %.2f km2, theta %.4f; 2022: step %.0f, theta %.4f; H2 2024 theta "
                  "%.4f; 2023 theta %.4f\n",
                  s24, t24, s22, t22, t24h2, t23);
    /* the numbers the built-in scenario cites (war-front-2024, war-front-2024h2, war-front-2023) */
    SC_ASSERT_NEAR(s24, 111.02, 0.005);
    SC_ASSERT_NEAR(t24, 0.8698, 5e-5);
    SC_ASSERT_NEAR(t24h2, 0.9488, 5e-5);
    SC_ASSERT_NEAR(t23, 0.6179, 5e-5);
    /* a year under the 2024 balance moves the line by the 2024 movement: its mean is
     * 52 s (2 theta - 1) and its sd 2 s sqrt(52 theta (1 - theta)) */
    double moved24 = area_on(&lv, days("2024-12-30")) - area_on(&lv, days("2024-01-01"));
    double mean = 52 * s24 * (2 * t24 - 1), sd = 2 * s24 * sqrt(52 * t24 * (1 - t24));
    SC_ASSERT_NEAR(mean, moved24, 1e-6 * moved24);
    /* out of sample: 2025 (DeepStateMap) lies within the 2024 model's 95% interval */
    double moved25 = area_on(&ds, days("2025-12-29")) - area_on(&ds, days("2024-12-30"));
    print_message("a year: model %.0f +- %.0f km2; 2024 %.0f, 2025 %.0f\n", mean, sd, moved24,
                  moved25);
    assert_true(fabs(moved25 - mean) < 1.96 * sd);
    /* 2022's fast phase is another front: a step 70 times longer, and its 44 weeks moved the
     * line by more than 60 standard deviations of the 2024 model's */
    assert_true(s22 / s24 > 70);
    double moved22 = area_on(&lv, days("2022-12-29")) - area_on(&lv, days("2022-02-24"));
    double sd44 = 2 * s24 * sqrt(44 * t24 * (1 - t24)), mean44 = 44 * s24 * (2 * t24 - 1);
    assert_true(fabs(moved22 - mean44) > 60 * sd44);
    /* the built-in scenario's front and balance are these */
    sc_scenario *s = NULL, *at = NULL;
    assert_int_equal(sc_scenario_builtin(&s, NULL), SC_OK);
    assert_int_equal(sc_scenario_at(s, NULL, &at, NULL), SC_OK);
    sc_war_params p;
    const char *a, *b, *m;
    assert_int_equal(sc_war_params_from_scenario(at, &p, &a, &b, &m, NULL), SC_OK);
    assert_int_equal(p.front, (int)lround(135787 / 111.02));
    assert_int_equal(p.start, (int)lround(area_on(&ds, days("2025-02-11")) / 111.02));
    SC_ASSERT_NEAR(p.theta, t24, 2e-4);
    sc_scenario_free(at);
    sc_scenario_free(s);
    free(lv.day);
    free(lv.area);
    free(ds.day);
    free(ds.area);
}

/* ---- COW wars ----------------------------------------------------------------------------------- */

/*
 * The generic parameter set (docs/models/war.md, "Checked against history"): a front of 28
 * positions from the middle; a battle is a week; theta = C_1/(C_1 + C_2) from the two sides'
 * summed CINC in the war's first year (Tullock's contest, gamma 1); each side's prior Beta of
 * strength 40 with its mean moved 3 logit units toward itself (mutual optimism); cost per battle
 * 0.002 times the side's military participation (milper/tpop) over 0.8% (the median); discount
 * 0.5 a year; predictive beliefs, the midpoint rule. COW lists wars that were fought, so the
 * model's runs that settle before a battle are set aside.
 */
static void test_cow_durations(void **state)
{
    (void)state;
    const char *env = getenv("WAR_HISTORY_RUNS");
    size_t runs = env ? (size_t)atol(env) : 1000;
    table wl = read_table("data/history/cow_interstate_war_v4.0_war_level.csv");
    table pt = read_table("data/history/cow_interstate_war_v4.0.csv");
    table nmc = read_table("data/history/cow_nmc_v7.0_abridged_1816-2022.csv");
    int w_num = column(&wl, "WarNum"), w_dur = column(&wl, "duration_days");
    int w_cls = column(&wl, "war_outcome_class");
    int p_num = column(&pt, "WarNum"), p_cc = column(&pt, "ccode"), p_side = column(&pt, "Side");
    int p_year = column(&pt, "StartYear1");
    int n_cc = column(&nmc, "ccode"), n_year = column(&nmc, "year"), n_cinc = column(&nmc, "cinc");
    int n_mil = column(&nmc, "milper"), n_pop = column(&nmc, "tpop");
    /* NMC rows by (ccode, year) */
    size_t nn = nmc.n;
    int *ncc = malloc(nn * sizeof *ncc), *nyr = malloc(nn * sizeof *nyr);
    double *ncinc = malloc(nn * sizeof *ncinc), *nmil = malloc(nn * sizeof *nmil);
    double *npop = malloc(nn * sizeof *npop);
    for (size_t i = 0; i < nn; i++) {
        char *f[MAXF];
        split(nmc.line[i], f);
        ncc[i] = atoi(f[n_cc]);
        nyr[i] = atoi(f[n_year]);
        ncinc[i] = f[n_cinc][0] ? atof(f[n_cinc]) : -1;
        nmil[i] = atof(f[n_mil]);
        npop[i] = atof(f[n_pop]);
    }
    int H = 2000;
    double *mix = calloc((size_t)H + 1, sizeof *mix);
    double decisive = 0, obs[100];
    int wars = 0, started = 0, decisive_obs = 0;
    for (size_t w = 0; w < wl.n; w++) {
        char *f[MAXF];
        split(wl.line[w], f);
        int num = atoi(f[w_num]);
        obs[wars++] = atof(f[w_dur]) / 7.0;
        decisive_obs += strcmp(f[w_cls], "decisive") == 0;
        double cap[3] = {0, 0, 0}, mil[3] = {0, 0, 0}, pop[3] = {0, 0, 0};
        int year = 9999;
        for (size_t i = 0; i < pt.n; i++) {
            char *g[MAXF], *copy = strdup(pt.line[i]);
            split(copy, g);
            if (atoi(g[p_num]) == num && atoi(g[p_year]) < year) {
                year = atoi(g[p_year]);
            }
            free(copy);
        }
        for (size_t i = 0; i < pt.n; i++) {
            char *g[MAXF], *copy = strdup(pt.line[i]);
            split(copy, g);
            if (atoi(g[p_num]) == num) {
                int cc = atoi(g[p_cc]), side = atoi(g[p_side]);
                /* the war's first year, else the nearest of +-1, +-2 years */
                static const int dy[] = {0, 1, -1, 2, -2};
                for (int k = 0; k < 5; k++) {
                    size_t j = 0;
                    while (j < nn && !(ncc[j] == cc && nyr[j] == year + dy[k] && ncinc[j] >= 0)) {
                        j++;
                    }
                    if (j < nn) {
                        cap[side] += ncinc[j];
                        if (nmil[j] >= 0 && npop[j] > 0) {
                            mil[side] += nmil[j];
                            pop[side] += npop[j];
                        }
                        break;
                    }
                }
            }
            free(copy);
        }
        assert_true(cap[1] > 0 && cap[2] > 0);
        sc_war_params p;
        sc_war_params_init(&p);
        p.front = 28;
        p.start = 14;
        p.discount = pow(0.5, 1.0 / 52);
        double L = log(cap[1] / cap[2]);
        p.theta = 1 / (1 + exp(-L));
        double ma = 1 / (1 + exp(-(L + 3))), mb = 1 / (1 + exp(-(L - 3)));
        p.prior_a[0] = 40 * ma;
        p.prior_a[1] = 40 * (1 - ma);
        p.prior_b[0] = 40 * mb;
        p.prior_b[1] = 40 * (1 - mb);
        double b1 = pop[1] > 0 ? mil[1] / pop[1] : 0.008, b2 = pop[2] > 0 ? mil[2] / pop[2] : 0.008;
        p.cost_a = fmin(0.5, 0.002 * b1 / 0.008);
        p.cost_b = fmin(0.5, 0.002 * b2 / 0.008);
        p.horizon = H;
        p.runs = runs;
        p.seed = 1000 + (uint64_t)num;
        p.threads = 1;
        sc_war_result *r = NULL;
        assert_int_equal(sc_war_simulate(&p, &r, NULL), SC_OK);
        double e0 = r->ended[0];
        if (e0 < 1) {
            started++;
            decisive += (r->p_victory_a + r->p_victory_b) / (1 - e0);
            for (int t = 0; t <= H; t++) {
                mix[t] += (r->ended[t] - e0) / (1 - e0);
            }
        }
        sc_war_result_free(r);
    }
    assert_int_equal(wars, 95);
    print_message("%d of 95 wars are fought in at least one run\n", started);
    assert_true(started >= 80); /* the rest are lopsided wars the model says would not be fought */
    double q[3] = {0.25, 0.5, 0.75}, model[3];
    for (int j = 0; j < 3; j++) {
        int t = 0;
        while (t < H && mix[t] / started < q[j]) {
            t++;
        }
        model[j] = t;
    }
    /* the observed quartiles of the 95 durations in weeks (GSL's interpolation) */
    for (int i = 1; i < wars; i++) {
        for (int j = i; j > 0 && obs[j - 1] > obs[j]; j--) {
            double x = obs[j];
            obs[j] = obs[j - 1];
            obs[j - 1] = x;
        }
    }
    double data[3];
    for (int j = 0; j < 3; j++) {
        double h = (wars - 1) * q[j];
        int i = (int)h;
        data[j] = obs[i] + (h - i) * (obs[i + 1] - obs[i]);
    }
    double dec = decisive / started, dec_obs = decisive_obs / 95.0;
    print_message("COW: decisive %.3f (model %.3f); weeks q25 %.1f (%.0f), median %.1f (%.0f), "
                  "q75 %.1f (%.0f); %d of 95 wars start in the model\n",
                  dec_obs, dec, data[0], model[0], data[1], model[1], data[2], model[2], started);
    /* the stated tolerances: the share of decisive endings within 0.06, the median within 20%,
     * each quartile within a factor of 2 (the model's durations are less dispersed than
     * history's: docs/models/war.md, "Limits") */
    SC_ASSERT_NEAR(dec, dec_obs, 0.06);
    SC_ASSERT_NEAR(model[1] / data[1], 1, 0.2);
    assert_true(model[0] / data[0] < 2 && data[0] / model[0] < 2);
    assert_true(model[2] / data[2] < 2 && data[2] / model[2] < 2);
    free(mix);
    free(ncc);
    free(nyr);
    free(ncinc);
    free(nmil);
    free(npop);
    free_table(&wl);
    free_table(&pt);
    free_table(&nmc);
}

/*
 * The hindcast (scenarios/ukraine-2022-hindcast.yaml, docs/scenarios/ukraine-2022-hindcast.md):
 * the probability it gives to no ceasefire within three years (156 weekly battles), which is
 * what happened, with the report's runs and seed; the page states 0.7065.
 */
static void test_hindcast(void **state)
{
    (void)state;
    size_t len = 0;
    char *text = sc_test_slurp(sc_test_source("scenarios/ukraine-2022-hindcast.yaml"), &len);
    assert_non_null(text);
    sc_scenario *s = NULL, *at = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_scenario_parse(text, len, NULL, &s, &d) != SC_OK) {
        fail_msg("%s", d.message);
    }
    free(text);
    assert_int_equal(sc_scenario_at(s, NULL, &at, &d), SC_OK);
    sc_war_params p;
    const char *a, *b, *m;
    if (sc_war_params_from_scenario(at, &p, &a, &b, &m, &d) != SC_OK) {
        fail_msg("%s", d.message);
    }
    p.runs = 2000;
    p.seed = 20250212u;
    sc_war_result *r = NULL;
    assert_int_equal(sc_war_simulate(&p, &r, &d), SC_OK);
    double q = 1 - sc_war_result_by_battle(r, 156);
    print_message("hindcast: P(no ceasefire within 156 battles) = %.4f\n", q);
    /* the documented figure, within 4 standard errors of 2,000 runs */
    SC_ASSERT_NEAR(q, 0.7065, 4 * sqrt(0.7065 * 0.2935 / 2000));
    sc_war_result_free(r);
    sc_scenario_free(at);
    sc_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relapse_estimates),
        cmocka_unit_test(test_front_calibration),
        cmocka_unit_test(test_cow_durations),
        cmocka_unit_test(test_hindcast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
