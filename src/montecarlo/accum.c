/* SPDX-License-Identifier: MIT */
/*
 * Block accumulators: what a block of draws adds to the result (claim counts, the model-noise
 * checks' counts of changed verdicts, the headline
 * numbers' sums and sketches, the categories' tallies, the sensitivity sums), their merge (in
 * block order: the floating-point sums are then the same whoever computed the blocks) and their
 * serialised form (checkpoints, messages between processes).
 */
#include "montecarlo/mc_internal.h"

#include <stdlib.h>
#include <string.h>

#define ACC_MAGIC 0x53434d4341434332ULL /* "SCMCACC2": with the model-noise counts */

void sc__mc_acc_free(mc_acc *a)
{
    if (!a) {
        return;
    }
    for (size_t i = 0; a->sketch && i < a->n_numbers; i++) {
        sc_sketch_free(a->sketch[i]);
    }
    for (size_t i = 0; a->tally && i < a->n_categories; i++) {
        sc_tally_free(a->tally[i]);
    }
    free(a->holds);
    free(a->flips);
    free(a->sum);
    free(a->sketch);
    free(a->tally);
    sc_sobol_free(a->sobol);
    free(a);
}

/* An empty accumulator of mc's shape; without the sketches and tallies when `bare` (the reader
 * fills them). */
static sc_status acc_alloc(const sc_mc *mc, int with_sobol, int bare, mc_acc **out)
{
    *out = NULL;
    mc_acc *a = calloc(1, sizeof *a);
    if (!a) {
        return SC_ENOMEM;
    }
    a->n_claims = mc->n_claim_out;
    a->n_numbers = mc->n_number_out;
    a->n_categories = mc->n_category_out;
    a->holds = calloc(a->n_claims ? a->n_claims : 1, sizeof *a->holds);
    a->flips = calloc(a->n_claims ? a->n_claims : 1, sizeof *a->flips);
    a->sum = calloc(a->n_numbers ? a->n_numbers : 1, sizeof *a->sum);
    a->sketch = calloc(a->n_numbers ? a->n_numbers : 1, sizeof *a->sketch);
    a->tally = calloc(a->n_categories ? a->n_categories : 1, sizeof *a->tally);
    sc_status rc = a->holds && a->flips && a->sum && a->sketch && a->tally ? SC_OK : SC_ENOMEM;
    for (size_t i = 0; rc == SC_OK && !bare && i < a->n_numbers; i++) {
        rc = sc_sketch_new(1e-3, &a->sketch[i], NULL);
    }
    for (size_t i = 0; rc == SC_OK && !bare && i < a->n_categories; i++) {
        rc = sc_tally_new(&a->tally[i], NULL);
    }
    if (rc == SC_OK && with_sobol && mc->k && mc->n_out) {
        double *center = malloc(mc->n_out * sizeof *center);
        if (!center) {
            rc = SC_ENOMEM;
        } else {
            for (size_t o = 0; o < mc->n_out; o++) {
                center[o] = mc->out[o].nominal;
            }
            sc_sobol_opts so;
            sc_sobol_opts_init(&so);
            so.bootstrap = mc->opts.bootstrap;
            so.seed = mc->opts.seed;
            rc = sc_sobol_new(mc->k, mc->n_out, center, &so, &a->sobol, NULL);
            free(center);
        }
    }
    if (rc != SC_OK) {
        sc__mc_acc_free(a);
        return rc;
    }
    *out = a;
    return SC_OK;
}

sc_status sc__mc_acc_new(const sc_mc *mc, int with_sobol, mc_acc **out)
{
    return acc_alloc(mc, with_sobol, 0, out);
}

sc_status sc__mc_acc_merge(mc_acc *into, const mc_acc *from)
{
    if (into->n_claims != from->n_claims || into->n_numbers != from->n_numbers ||
        into->n_categories != from->n_categories) {
        return SC_EINVAL;
    }
    into->rows += from->rows;
    into->noise_rows += from->noise_rows;
    for (size_t i = 0; i < into->n_claims; i++) {
        into->holds[i] += from->holds[i];
        into->flips[i] += from->flips[i];
    }
    sc_status rc = SC_OK;
    for (size_t i = 0; i < into->n_numbers && rc == SC_OK; i++) {
        into->sum[i] += from->sum[i];
        rc = sc_sketch_merge(into->sketch[i], from->sketch[i], NULL);
    }
    for (size_t i = 0; i < into->n_categories && rc == SC_OK; i++) {
        rc = sc_tally_merge(into->tally[i], from->tally[i], NULL);
    }
    if (rc == SC_OK && from->sobol) {
        rc = into->sobol ? sc_sobol_merge(into->sobol, from->sobol, NULL) : SC_EINVAL;
    }
    return rc;
}

void sc__mc_acc_write(const mc_acc *a, scx_buf *b)
{
    sc__put_u64(b, ACC_MAGIC);
    sc__put_u64(b, a->n_claims);
    sc__put_u64(b, a->n_numbers);
    sc__put_u64(b, a->n_categories);
    sc__put_u64(b, a->rows);
    sc__put_u64(b, a->noise_rows);
    for (size_t i = 0; i < a->n_claims; i++) {
        sc__put_u64(b, a->holds[i]);
        sc__put_u64(b, a->flips[i]);
    }
    for (size_t i = 0; i < a->n_numbers; i++) {
        sc__put_f64(b, a->sum[i]);
        sc__sketch_write(a->sketch[i], b);
    }
    for (size_t i = 0; i < a->n_categories; i++) {
        sc__tally_write(a->tally[i], b);
    }
    sc__put_u64(b, a->sobol != NULL);
    if (a->sobol) {
        sc__sobol_write(a->sobol, b);
    }
}

sc_status sc__mc_acc_read(const sc_mc *mc, sc__reader *r, mc_acc **out)
{
    *out = NULL;
    if (sc__get_u64(r) != ACC_MAGIC) {
        return SC_EPARSE;
    }
    uint64_t nc = sc__get_u64(r), nn = sc__get_u64(r), nk = sc__get_u64(r);
    if (r->bad || nc != mc->n_claim_out || nn != mc->n_number_out || nk != mc->n_category_out) {
        return SC_EPARSE;
    }
    mc_acc *a = NULL;
    if (acc_alloc(mc, 0, 1, &a) != SC_OK) {
        return SC_ENOMEM;
    }
    a->rows = sc__get_u64(r);
    a->noise_rows = sc__get_u64(r);
    for (size_t i = 0; i < a->n_claims; i++) {
        a->holds[i] = sc__get_u64(r);
        a->flips[i] = sc__get_u64(r);
    }
    sc_status rc = SC_OK;
    for (size_t i = 0; i < a->n_numbers && rc == SC_OK && !r->bad; i++) {
        a->sum[i] = sc__get_f64(r);
        rc = sc__sketch_read(r, &a->sketch[i]);
    }
    for (size_t i = 0; i < a->n_categories && rc == SC_OK && !r->bad; i++) {
        rc = sc__tally_read(r, &a->tally[i]);
    }
    uint64_t has = rc == SC_OK ? sc__get_u64(r) : 0;
    if (rc == SC_OK && has == 1) {
        rc = sc__sobol_read(r, &a->sobol);
        if (rc == SC_OK && (a->sobol == NULL)) {
            rc = SC_EPARSE;
        }
    } else if (rc == SC_OK && has != 0) {
        rc = SC_EPARSE;
    }
    if (rc == SC_OK && r->bad) {
        rc = SC_EPARSE;
    }
    if (rc == SC_OK && a->sobol) {
        /* the design must be this Monte Carlo's */
        mc_acc *ref = NULL;
        if (acc_alloc(mc, 1, 1, &ref) != SC_OK) {
            rc = SC_ENOMEM;
        } else {
            if (!ref->sobol || !sc__sobol_compatible(ref->sobol, a->sobol)) {
                rc = SC_EPARSE;
            }
            sc__mc_acc_free(ref);
        }
    }
    if (rc != SC_OK) {
        sc__mc_acc_free(a);
        return rc;
    }
    *out = a;
    return SC_OK;
}
