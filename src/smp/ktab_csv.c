/* SPDX-License-Identifier: MIT */
/*
 * KTAB's CSV scenario format, read the way KTAB's reader (minicsv) reads it: ',' only; a field
 * that starts with '"' may hold commas (quotes stripped, &quot; becomes "); "$$" becomes a
 * comma; strings are not trimmed; numbers may have leading blanks and trailing junk (as
 * istream >> double); a blank line ends the file. Unlike KTAB, every rejection is a located
 * error and a capability of 0 is refused here rather than aborting the run later.
 */
#define _POSIX_C_SOURCE 200809L
#include "statecraft/smp.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag_internal.h"
#include "core/text.h"
#include "scenario/sniff.h"
#include "statecraft/scenario.h"

#define MAX_FIELDS 2100

typedef struct line {
    const char *p;
    size_t len, off;
} line;

typedef struct field {
    char *s;     /* owned */
    size_t off;  /* byte offset in the text */
} field;

void sc_smp_input_free(sc_smp_input *in)
{
    if (!in) {
        return;
    }
    for (size_t i = 0; in->actor && i < in->n; i++) {
        free(in->actor[i]);
    }
    for (size_t k = 0; in->dim && k < in->m; k++) {
        free(in->dim[k]);
    }
    for (size_t i = 0; in->actor_desc && i < in->n; i++) {
        free(in->actor_desc[i]);
    }
    free(in->actor_desc);
    free(in->actor);
    free(in->dim);
    free(in->cap);
    free(in->pos);
    free(in->sal);
    free(in->name);
    free(in->desc);
    free(in);
}

/* Next line (without its end of line); 0 at the end of the text. */
static int next_line(const char *text, size_t len, size_t *pos, line *l)
{
    if (*pos >= len) {
        return 0;
    }
    size_t s = *pos, e = s;
    while (e < len && text[e] != '\n') {
        e++;
    }
    l->p = text + s;
    l->off = s;
    l->len = e - s;
    if (l->len && l->p[l->len - 1] == '\r') {
        l->len--;
    }
    *pos = e + 1;
    return 1;
}

/* Splits a line into fields by minicsv's rules. Returns the count, or -1 when out of memory. */
static long split(const line *l, field *f, size_t max)
{
    size_t n = 0, i = 0;
    while (n < max) {
        size_t start = i;
        char *buf = malloc(l->len - start + 1);
        if (!buf) {
            return -1;
        }
        size_t o = 0;
        if (i < l->len && l->p[i] == '"') {
            i++;
            while (i < l->len && l->p[i] != '"') {
                buf[o++] = l->p[i++];
            }
            if (i < l->len) {
                i++; /* closing quote */
            }
            while (i < l->len && l->p[i] != ',') {
                buf[o++] = l->p[i++]; /* text after the closing quote stays, as in minicsv */
            }
        } else {
            while (i < l->len && l->p[i] != ',') {
                buf[o++] = l->p[i++];
            }
        }
        buf[o] = '\0';
        /* minicsv's escapes: &quot; -> ", $$ -> , */
        char *q;
        while ((q = strstr(buf, "&quot;")) != NULL) {
            *q = '"';
            memmove(q + 1, q + 6, strlen(q + 6) + 1);
        }
        while ((q = strstr(buf, "$$")) != NULL) {
            *q = ',';
            memmove(q + 1, q + 2, strlen(q + 2) + 1);
        }
        f[n].s = buf;
        f[n].off = l->off + start;
        n++;
        if (i >= l->len) {
            break;
        }
        i++; /* the comma */
    }
    return (long)n;
}

static void free_fields(field *f, long n)
{
    for (long i = 0; i < n; i++) {
        free(f[i].s);
    }
}

/* One rule: the sniff that routes files to this reader (sc_file_kind_of), which reads numbers
 * as this reader does (sc__ktab_number, istream >> double). */
int sc_smp_is_ktab_csv(const char *text, size_t len)
{
    return text && sc_file_kind_of(text, len) == SC_FILE_KTAB_CSV;
}

sc_status sc_smp_read_ktab_csv(const char *text, size_t len, const char *file,
                               sc_smp_input **out, sc_diag *diag)
{
    *out = NULL;
    if (!file) {
        file = "<input>";
    }
    if (len > ((size_t)16 << 20)) {
        sc__diag_set_file(diag, file);
        return sc__diag_set(diag, SC_ELIMIT, "input is larger than 16 MiB");
    }
    sc_status text_rc = sc__text_check(file, text, len, diag);
    if (text_rc != SC_OK) {
        return text_rc;
    }
    field *f = malloc(MAX_FIELDS * sizeof *f);
    sc_smp_input *in = calloc(1, sizeof *in);
    if (!f || !in) {
        free(f);
        free(in);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    sc_status rc = SC_OK;
    size_t pos = 0;
    long nf = 0;
    line l;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF) {
        pos = 3;
    }
#define FAIL_AT(off, width, code, ...)                                                             \
    do {                                                                                           \
        rc = sc__diag_set_at(diag, code, file, text, len, off, width, __VA_ARGS__);               \
        goto done;                                                                                 \
    } while (0)
    if (!next_line(text, len, &pos, &l) || l.len == 0) {
        FAIL_AT(0, 1, SC_EPARSE, "the file is empty: expected the scenario line "
                                 "'NAME,DESCRIPTION,ACTORS,DIMENSIONS'");
    }
    nf = split(&l, f, MAX_FIELDS);
    if (nf < 0) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    if (nf < 4) {
        FAIL_AT(l.off, (int)l.len, SC_EPARSE,
                "the scenario line needs NAME,DESCRIPTION,ACTORS,DIMENSIONS (%ld fields)", nf);
    }
    double dn, dm;
    if (!sc__ktab_number(f[2].s, &dn) || dn != floor(dn) || dn < 3 || dn > 250) {
        FAIL_AT(f[2].off, (int)strlen(f[2].s), SC_ERANGE,
                "the number of actors must be an integer from 3 to 250, got '%s'", f[2].s);
    }
    if (!sc__ktab_number(f[3].s, &dm) || dm != floor(dm) || dm < 1 || dm > 1000) {
        FAIL_AT(f[3].off, (int)strlen(f[3].s), SC_ERANGE,
                "the number of dimensions must be an integer from 1 to 1000, got '%s'", f[3].s);
    }
    if (strlen(f[0].s) > 512 || strlen(f[1].s) > 512) {
        FAIL_AT(f[0].off, 1, SC_ELIMIT, "the scenario name and description are limited to 512 "
                                        "characters");
    }
    size_t n = (size_t)dn, m = (size_t)dm;
    in->name = strdup(f[0].s);
    in->desc = strdup(f[1].s);
    in->actor = calloc(n, sizeof *in->actor);
    in->actor_desc = calloc(n, sizeof *in->actor_desc);
    in->dim = calloc(m, sizeof *in->dim);
    in->cap = malloc(n * sizeof *in->cap);
    in->pos = malloc(n * m * sizeof *in->pos);
    in->sal = malloc(n * m * sizeof *in->sal);
    if (!in->name || !in->desc || !in->actor || !in->actor_desc || !in->dim || !in->cap ||
        !in->pos || !in->sal) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    in->n = n;
    in->m = m;
    free_fields(f, nf);
    nf = 0;
    /* the header: the position labels name the dimensions; missing ones are empty */
    if (!next_line(text, len, &pos, &l) || l.len == 0) {
        FAIL_AT(len, 1, SC_EPARSE, "missing the header line 'Actor,Description,Power,...'");
    }
    nf = split(&l, f, MAX_FIELDS);
    if (nf < 0) {
        rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t k = 0; k < m; k++) {
        size_t at = 3 + 2 * k;
        in->dim[k] = strdup((long)at < nf ? f[at].s : "");
        if (!in->dim[k]) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto done;
        }
    }
    free_fields(f, nf);
    nf = 0;
    for (size_t i = 0; i < n; i++) {
        if (!next_line(text, len, &pos, &l) || l.len == 0) {
            /* a blank line ends the file in KTAB's reader too */
            FAIL_AT(l.len == 0 && pos <= len ? l.off : len, 1, SC_EPARSE,
                    "expected %zu actor rows, found %zu", n, i);
        }
        nf = split(&l, f, MAX_FIELDS);
        if (nf < 0) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto done;
        }
        if ((size_t)nf < 3 + 2 * m) {
            FAIL_AT(l.off + l.len, 1, SC_EPARSE, "actor row has %ld fields, expected %zu", nf,
                    3 + 2 * m);
        }
        size_t nl = strlen(f[0].s);
        if (nl < 1 || nl > 25) {
            FAIL_AT(f[0].off, nl ? (int)nl : 1, SC_EPARSE, "an actor name has 1 to 25 characters");
        }
        for (size_t q = 0; q < i; q++) {
            if (strcmp(in->actor[q], f[0].s) == 0) {
                FAIL_AT(f[0].off, (int)nl, SC_EINVAL, "duplicate actor '%s'", f[0].s);
            }
        }
        if (strlen(f[1].s) > 256) {
            FAIL_AT(f[1].off, 1, SC_ELIMIT, "an actor description has at most 256 characters");
        }
        in->actor[i] = strdup(f[0].s);
        in->actor_desc[i] = strdup(f[1].s);
        if (!in->actor[i] || !in->actor_desc[i]) {
            rc = sc__diag_set(diag, SC_ENOMEM, "out of memory");
            goto done;
        }
        double v, ssum = 0;
        if (!sc__ktab_number(f[2].s, &v) || !(v > 0) || v > 1e8) {
            FAIL_AT(f[2].off, f[2].s[0] ? (int)strlen(f[2].s) : 1, SC_ERANGE,
                    "capability must be a number in (0, 1e8], got '%s' (KTAB accepts 0 and then "
                    "aborts the run)",
                    f[2].s);
        }
        in->cap[i] = v;
        for (size_t k = 0; k < m; k++) {
            const field *fp = &f[3 + 2 * k], *fs = &f[4 + 2 * k];
            if (!sc__ktab_number(fp->s, &v) || v < 0 || v > 100) {
                FAIL_AT(fp->off, fp->s[0] ? (int)strlen(fp->s) : 1, SC_ERANGE,
                        "position must be a number in [0, 100], got '%s'", fp->s);
            }
            in->pos[i * m + k] = v / 100.0;
            if (!sc__ktab_number(fs->s, &v) || v < 0 || v > 100) {
                FAIL_AT(fs->off, fs->s[0] ? (int)strlen(fs->s) : 1, SC_ERANGE,
                        "salience must be a number in [0, 100], got '%s'", fs->s);
            }
            in->sal[i * m + k] = v / 100.0;
            ssum += v;
        }
        if (!(ssum > 0) || ssum > 100 + 1e-9) {
            FAIL_AT(l.off, (int)l.len, SC_ERANGE,
                    "the saliences of '%s' must not all be 0 and must sum to at most 100 (sum "
                    "%g)",
                    in->actor[i], ssum);
        }
        free_fields(f, nf);
        nf = 0;
    }
#undef FAIL_AT
done:
    free_fields(f, nf);
    free(f);
    if (rc != SC_OK) {
        sc_smp_input_free(in);
        return rc;
    }
    *out = in;
    return SC_OK;
}

sc_status sc_smp_input_from_scenario(const sc_scenario *s, sc_smp_input **out, sc_diag *diag)
{
    *out = NULL;
    size_t na = sc_scenario_actor_count(s), m = sc_scenario_issue_count(s), n = 0;
    if (m == 0) {
        return sc__diag_set(diag, SC_EINVAL, "the scenario has no issues");
    }
    sc_smp_input *in = calloc(1, sizeof *in);
    if (!in) {
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    in->actor = calloc(na, sizeof *in->actor);
    in->dim = calloc(m, sizeof *in->dim);
    in->cap = malloc(na * sizeof *in->cap);
    in->pos = malloc(na * m * sizeof *in->pos);
    in->sal = malloc(na * m * sizeof *in->sal);
    in->name = strdup(sc_scenario_title(s));
    in->desc = strdup("");
    in->m = m;
    int ok = in->actor && in->dim && in->cap && in->pos && in->sal && in->name && in->desc;
    for (size_t k = 0; ok && k < m; k++) {
        in->dim[k] = strdup(sc_scenario_issue(s, k)->id);
        ok = in->dim[k] != NULL;
    }
    for (size_t i = 0; ok && i < na; i++) {
        double total = 0;
        int any = 0;
        for (size_t k = 0; k < m; k++) {
            const sc_stance *st = sc_scenario_stance(s, i, k);
            if (st->present) {
                any = 1;
                total += st->salience.value;
            }
        }
        if (!any || !(total > 0)) {
            continue; /* no stance at all: not part of this bargaining */
        }
        /* saliences are shares of the actor's attention: at most 1 in all (KTAB's rule) */
        double scale = total > 1 ? 1 / total : 1;
        for (size_t k = 0; k < m; k++) {
            const sc_stance *st = sc_scenario_stance(s, i, k);
            const sc_issue *is = sc_scenario_issue(s, k);
            double x = st->present ? st->position.value : (is->scale_min + is->scale_max) / 2;
            in->pos[n * m + k] = (x - is->scale_min) / (is->scale_max - is->scale_min);
            in->sal[n * m + k] = st->present ? st->salience.value * scale : 0;
        }
        /* KTAB has one capability per actor: its influences averaged where its attention is */
        double inf = 0, sw = 0, big = 0;
        for (size_t k = 0; k < m; k++) {
            const sc_stance *st = sc_scenario_stance(s, i, k);
            if (st->present) {
                inf += st->salience.value * sc_scenario_influence(s, i, k);
                sw += st->salience.value;
            }
        }
        for (size_t q = 0; q < na; q++) {
            big = fmax(big, sc_scenario_actor(s, q)->capability.value);
        }
        /* an actor without any influence still votes with a negligible weight: KTAB's votes
         * need positive weights */
        in->cap[n] = inf > 0 ? inf / sw : 1e-9 * big;
        in->actor[n] = strdup(sc_scenario_actor(s, i)->id);
        ok = in->actor[n] != NULL;
        n++;
        in->n = n;
    }
    if (!ok) {
        sc_smp_input_free(in);
        return sc__diag_set(diag, SC_ENOMEM, "out of memory");
    }
    if (n < 2) {
        sc_smp_input_free(in);
        return sc__diag_set(diag, SC_EINVAL, "fewer than 2 actors with stances");
    }
    *out = in;
    return SC_OK;
}

sc_status sc_smp_params_from_scenario(const sc_scenario *s, sc_smp_params *p, sc_diag *diag)
{
    sc_bargaining_settings b;
    sc_status rc = sc_scenario_bargaining_settings(s, &b, diag);
    if (rc == SC_OK) {
        p->tol = b.smp_tolerance;
        p->max_turns = b.smp_max_turns;
        p->stop = b.smp_stop_ktab ? SC_SMP_STOP_KTAB : SC_SMP_STOP_CONVERGE;
    }
    return rc;
}
