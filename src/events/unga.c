/* SPDX-License-Identifier: MIT */
/*
 * UN General Assembly ideal points (Bailey, Strezhnev & Voeten 2017, "Estimating Dynamic State
 * Preferences from United Nations Voting Data", JCR 61(2): 430-456) read as published, and the
 * map from the distance between two states' ideal points to the share of votes on which they
 * agree, and from there to amity.
 *
 * The map is a logistic curve agreement(d) = 1 / (1 + exp(-(alpha + beta d))), fitted by binomial
 * maximum likelihood on the file's own agreement columns (each state's agreement with the US,
 * Russia and China per session), and amity = 2 agreement - 1: two states that agree on every
 * vote have amity +1, two that never agree -1, and a coin flip 0.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/diag_internal.h"
#include "events/events_internal.h"
#include "scx/scx.h"

typedef struct unga_row {
    char iso[4];
    int session;
    double ideal, votes;
    double agree[3]; /* with USA, RUS, CHN; NAN when not given */
} unga_row;

struct sc_unga {
    unga_row *rows;
    size_t n;
    int last_session;
};

static const char *const ref_iso[3] = {"USA", "RUS", "CHN"};

void sc_unga_free(sc_unga *u)
{
    if (u) {
        free(u->rows);
        free(u);
    }
}

static int cmp_row(const void *x, const void *y)
{
    const unga_row *a = x, *b = y;
    int c = strcmp(a->iso, b->iso);
    return c ? c : (a->session > b->session) - (a->session < b->session);
}

static int is_na(const char *s)
{
    return s[0] == '\0' || strcmp(s, "NA") == 0;
}

static int num(const char *s, double *out)
{
    char *end = NULL;
    double v = scx_strtod_c(s, &end); /* '.' whatever the program's LC_NUMERIC */
    if (end == s || *end != '\0' || !isfinite(v)) {
        return 0;
    }
    *out = v;
    return 1;
}

sc_status sc_unga_parse(const char *text, size_t len, const char *filename, sc_unga **out,
                        sc_diag *diag)
{
    static const char *const cols[] = {"session", "IdealPointAll", "iso3c", "NVotesAll",
                                       "USAgree", "RUSSAgree",     "ChinaAgree"};
    enum { C_SESSION, C_IDEAL, C_ISO, C_VOTES, C_USA, C_RUS, C_CHN, NCOLS };
    *out = NULL;
    sc__csv r;
    sc__csv_init(&r, text, len);
    int idx[NCOLS];
    sc_status rc = SC_OK;
    sc_unga *u = calloc(1, sizeof *u);
    size_t cap = 0;
    if (!u) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    int got = sc__csv_next(&r);
    if (got != 1) {
        rc = got == -2 ? sc__diag_set(diag, SC_ENOMEM, "out of memory")
                       : sc__diag_set_at(diag, SC_EPARSE, filename, text, len, r.offset, 1,
                                         "expected the header of a UN ideal-point file");
        goto done;
    }
    for (int c = 0; c < NCOLS; c++) {
        idx[c] = -1;
        for (size_t k = 0; k < r.n; k++) {
            if (sc__csv_header_eq(r.field[k], cols[c])) {
                idx[c] = (int)k;
            }
        }
        if (idx[c] < 0 && c <= C_ISO) {
            rc = sc__diag_set_at(diag, SC_EPARSE, filename, text, len, r.offset,
                                 (int)(r.line_len > 80 ? 80 : r.line_len ? r.line_len : 1),
                                 "the header has no '%s' column: not a UN ideal-point file "
                                 "(IdealpointestimatesAll_<release>.csv)",
                                 cols[c]);
            goto done;
        }
    }
    size_t ncols = r.n;
    while ((got = sc__csv_next(&r)) == 1) {
        if (r.n != ncols) {
            rc = sc__diag_set_at(diag, SC_EPARSE, filename, text, len, r.offset,
                                 (int)(r.line_len ? (r.line_len > 80 ? 80 : r.line_len) : 1),
                                 "expected %zu fields, found %zu", ncols, r.n);
            goto done;
        }
        const char *iso = r.field[idx[C_ISO]];
        double session, ideal;
        if (!num(r.field[idx[C_SESSION]], &session) || session != floor(session) || session < 1 ||
            session > 1000) {
            rc = sc__diag_set_at(diag, SC_EPARSE, filename, text, len,
                                 sc__csv_field_offset(&r, (size_t)idx[C_SESSION]), 1,
                                 "session '%s' is not a session number", r.field[idx[C_SESSION]]);
            goto done;
        }
        if (is_na(iso) || is_na(r.field[idx[C_IDEAL]])) {
            continue; /* a state without a code or a session without an estimate */
        }
        if (strlen(iso) != 3 || !num(r.field[idx[C_IDEAL]], &ideal)) {
            size_t k = strlen(iso) != 3 ? (size_t)idx[C_ISO] : (size_t)idx[C_IDEAL];
            rc = sc__diag_set_at(diag, SC_EPARSE, filename, text, len,
                                 sc__csv_field_offset(&r, k), 1, "'%s' is not %s", r.field[k],
                                 k == (size_t)idx[C_ISO] ? "an ISO alpha-3 code" : "a number");
            goto done;
        }
        if (u->n == cap) {
            size_t nc = cap ? 2 * cap : 1024;
            unga_row *nr = realloc(u->rows, nc * sizeof *nr);
            if (!nr) {
                rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
                goto done;
            }
            u->rows = nr;
            cap = nc;
        }
        unga_row *o = &u->rows[u->n++];
        memcpy(o->iso, iso, 4);
        o->session = (int)session;
        o->ideal = ideal;
        o->votes = (double)NAN;
        if (idx[C_VOTES] >= 0 && !num(r.field[idx[C_VOTES]], &o->votes)) {
            o->votes = (double)NAN;
        }
        for (int k = 0; k < 3; k++) {
            int c = idx[C_USA + k];
            if (c < 0 || !num(r.field[c], &o->agree[k]) || o->agree[k] < 0 || o->agree[k] > 1) {
                o->agree[k] = (double)NAN;
            }
        }
        if (o->session > u->last_session) {
            u->last_session = o->session;
        }
    }
    if (got < 0) {
        rc = got == -2 ? sc__diag_set(diag, SC_ENOMEM, "out of memory")
                       : sc__diag_set_at(diag, SC_EPARSE, filename, text, len, r.offset, 1,
                                         "malformed CSV line");
        goto done;
    }
    if (u->n == 0) {
        rc = sc__diag_set(diag, SC_EPARSE, "no ideal point in the file");
        sc__diag_set_file(diag, filename);
        goto done;
    }
    qsort(u->rows, u->n, sizeof *u->rows, cmp_row);
done:
    sc__csv_destroy(&r);
    if (rc != SC_OK) {
        sc_unga_free(u);
        return rc;
    }
    *out = u;
    return SC_OK;
}

sc_status sc_unga_read(const char *path, sc_unga **out, sc_diag *diag)
{
    char *text = NULL;
    size_t len = 0;
    *out = NULL;
    sc_status rc = scx_file_read(path, 256u << 20, &text, &len, diag);
    if (rc == SC_OK) {
        rc = sc_unga_parse(text, len, path, out, diag);
    }
    sc_free(text);
    return rc;
}

int sc_unga_last_session(const sc_unga *u)
{
    return u->last_session;
}

size_t sc_unga_row_count(const sc_unga *u)
{
    return u->n;
}

void sc_unga_row(const sc_unga *u, size_t i, const char **iso3, int *session, double *ideal)
{
    const unga_row *r = &u->rows[i];
    *iso3 = r->iso;
    *session = r->session;
    *ideal = r->ideal;
}

int sc_unga_session_year(int session)
{
    return 1945 + session;
}

static const unga_row *find(const sc_unga *u, const char *iso3, int session)
{
    if (!iso3 || strlen(iso3) != 3) {
        return NULL;
    }
    unga_row key;
    memcpy(key.iso, iso3, 4);
    key.session = session;
    return bsearch(&key, u->rows, u->n, sizeof *u->rows, cmp_row);
}

sc_status sc_unga_ideal_point(const sc_unga *u, const char *iso3, int session, double *out,
                              sc_diag *diag)
{
    const unga_row *r = find(u, iso3, session);
    if (!r) {
        return sc__diag_set(diag, SC_ENOTFOUND, "no ideal point for '%s' in session %d", iso3,
                            session);
    }
    *out = r->ideal;
    return SC_OK;
}

/*
 * The default map: sc_unga_map_fit on unga_idealpoints_bsv_jun2024.csv (the Jun2024 release),
 * sessions 69-78 (2014-2023): 5,751 agreement scores, rmse 0.104. Reproduced by
 * tests/events/test_unga.c; `statecraft events fit --unga FILE --sessions 69-78` refits it.
 */
#define UNGA_ALPHA 1.0977010230287712
#define UNGA_BETA (-0.78959799647321283)

void sc_unga_map_init(sc_unga_map *m)
{
    m->alpha = UNGA_ALPHA;
    m->beta = UNGA_BETA;
}

const char *sc_unga_map_source(void)
{
    return "logistic fit of vote agreement on ideal-point distance: binomial maximum likelihood "
           "on every state's agreement with the US, Russia and China, UNGA sessions 69-78 "
           "(2014-2023), Bailey, Strezhnev & Voeten ideal points, Jun2024 release";
}

double sc_unga_agreement(const sc_unga_map *m, double distance)
{
    return 1.0 / (1.0 + exp(-(m->alpha + m->beta * distance)));
}

double sc_unga_amity(const sc_unga_map *m, double distance)
{
    return 2.0 * sc_unga_agreement(m, distance) - 1.0;
}

sc_status sc_unga_map_fit(const sc_unga *u, int first_session, int last_session,
                          sc_unga_map *out, sc_unga_fit_info *info, sc_diag *diag)
{
    /* the observations: (distance, agreement, votes) for every state and reference in range */
    size_t n = 0;
    for (size_t i = 0; i < u->n; i++) {
        const unga_row *r = &u->rows[i];
        if (r->session < first_session || r->session > last_session || !(r->votes > 0)) {
            continue;
        }
        for (int k = 0; k < 3; k++) {
            n += !isnan(r->agree[k]) && strcmp(r->iso, ref_iso[k]) != 0 &&
                 find(u, ref_iso[k], r->session) != NULL;
        }
    }
    if (n < 3) {
        return sc__diag_set(diag, SC_EINVAL,
                            "sessions %d-%d hold fewer than 3 agreement scores to fit on",
                            first_session, last_session);
    }
    double *d = malloc(n * sizeof *d), *y = malloc(n * sizeof *y), *m = malloc(n * sizeof *m);
    if (!d || !y || !m) {
        free(d);
        free(y);
        free(m);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    size_t j = 0;
    for (size_t i = 0; i < u->n; i++) {
        const unga_row *r = &u->rows[i];
        if (r->session < first_session || r->session > last_session || !(r->votes > 0)) {
            continue;
        }
        for (int k = 0; k < 3; k++) {
            const unga_row *ref = find(u, ref_iso[k], r->session);
            if (isnan(r->agree[k]) || strcmp(r->iso, ref_iso[k]) == 0 || !ref) {
                continue;
            }
            d[j] = fabs(r->ideal - ref->ideal);
            y[j] = r->agree[k];
            m[j] = r->votes;
            j++;
        }
    }
    /* Newton-Raphson on the binomial log-likelihood (= IRLS for the logit link) */
    double a = 0, b = 0;
    sc_status rc = SC_ENOCONV;
    for (int it = 0; it < 100; it++) {
        double g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
        for (size_t i = 0; i < n; i++) {
            double p = 1.0 / (1.0 + exp(-(a + b * d[i])));
            double w = m[i] * p * (1 - p);
            g0 += m[i] * (y[i] - p);
            g1 += m[i] * (y[i] - p) * d[i];
            h00 += w;
            h01 += w * d[i];
            h11 += w * d[i] * d[i];
        }
        double det = h00 * h11 - h01 * h01;
        if (!(det > 0)) {
            break;
        }
        double da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det;
        a += da;
        b += db;
        if (fabs(da) + fabs(db) < 1e-13 * (1 + fabs(a) + fabs(b))) {
            rc = SC_OK;
            break;
        }
    }
    if (rc == SC_OK) {
        out->alpha = a;
        out->beta = b;
        if (info) {
            double dev = 0, se = 0;
            for (size_t i = 0; i < n; i++) {
                double p = 1.0 / (1.0 + exp(-(a + b * d[i])));
                double t1 = y[i] > 0 ? y[i] * log(y[i] / p) : 0;
                double t2 = y[i] < 1 ? (1 - y[i]) * log((1 - y[i]) / (1 - p)) : 0;
                dev += 2 * m[i] * (t1 + t2);
                se += (y[i] - p) * (y[i] - p);
            }
            info->n = n;
            info->deviance = dev;
            info->rmse = sqrt(se / (double)n);
        }
    } else {
        sc__diag_set(diag, SC_ENOCONV, "the agreement fit did not converge");
    }
    free(d);
    free(y);
    free(m);
    return rc;
}

/* ---- event scores to amity ---------------------------------------------------------------------- */

/*
 * The default map from the undirected DSMG score to amity: sc_amity_map_fit(SC_AMITY_FIT_EQUATE)
 * of the UN voting amity of each pair of states (sc_unga_amity with the default map, in the
 * session of the pair's last day) on the pair's score (h 30, k 5), weighted by the pair's B, over
 * the pairs of the six distinct sample files in shared/data/events/samples (1,694 pairs; GDELT
 * 1.0 mixed and reduced, GDELT 2.0 2020 and 2025, ICEWS 2018, Phoenix 2014-16). Event tone and
 * UN voting hardly correlate (r^2 = 0.0006), so only the scale is fitted: 0 stays 0 and the
 * spread matches. Reproduced by tests/events/test_unga.c; `statecraft events fit` refits it.
 */
#define EVENTS_INTERCEPT 0.0
#define EVENTS_SLOPE 3.0881255768130318

void sc_amity_map_init(sc_amity_map *m)
{
    m->intercept = EVENTS_INTERCEPT;
    m->slope = EVENTS_SLOPE;
}

const char *sc_amity_map_source(void)
{
    return "amity = 3.088 R: the spread of the DSMG score (h 30, k 5) matched to that of UN "
           "voting amity over the 1,694 pairs of states in the GDELT, ICEWS and Phoenix sample "
           "files, 0 kept at 0 (docs/events.md)";
}

double sc_amity_map_apply(const sc_amity_map *m, double r)
{
    double v = m->intercept + m->slope * r;
    return v < -1 ? -1 : v > 1 ? 1 : v;
}

sc_status sc_amity_map_fit(const double *x, const double *y, const double *w, size_t n,
                           sc_amity_fit method, sc_amity_map *out, double *r2, sc_diag *diag)
{
    double sw = 0, sx = 0, sy = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0;
        if (!(isfinite(x[i]) && isfinite(y[i]) && isfinite(wi) && wi >= 0)) {
            return sc__diag_set(diag, SC_EINVAL, "observation %zu is not a finite number", i);
        }
        sw += wi;
        sx += wi * x[i];
        sy += wi * y[i];
    }
    if (n < 2 || !(sw > 0)) {
        return sc__diag_set(diag, SC_EINVAL, "a fit needs at least two weighted observations");
    }
    double mx = sx / sw, my = sy / sw, sxx = 0, sxy = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double wi = w ? w[i] : 1.0;
        sxx += wi * (x[i] - mx) * (x[i] - mx);
        sxy += wi * (x[i] - mx) * (y[i] - my);
        syy += wi * (y[i] - my) * (y[i] - my);
    }
    if (!(sxx > 0)) {
        return sc__diag_set(diag, SC_EINVAL, "the scores do not vary: nothing to fit a slope on");
    }
    if (method == SC_AMITY_FIT_EQUATE) {
        /* 0 stays 0 (no evidence, or as much cooperation as conflict, is indifference); the
         * spread of the scores about 0 is matched to the reference's: slope = RMS(y) / RMS(x) */
        double qx = 0, qy = 0;
        for (size_t i = 0; i < n; i++) {
            double wi = w ? w[i] : 1.0;
            qx += wi * x[i] * x[i];
            qy += wi * y[i] * y[i];
        }
        out->slope = qx > 0 ? sqrt(qy / qx) : 1.0;
        out->intercept = 0;
    } else if (method == SC_AMITY_FIT_LEAST_SQUARES) {
        out->slope = sxy / sxx;
        out->intercept = my - out->slope * mx;
    } else {
        return sc__diag_set(diag, SC_EINVAL, "unknown fit method %d", (int)method);
    }
    if (r2) {
        *r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 1.0;
    }
    return SC_OK;
}
