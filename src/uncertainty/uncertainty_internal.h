/* SPDX-License-Identifier: MIT */
/*
 * Serialisation of the streaming statistics, for checkpoints and for sending partial results
 * between processes (the same machine and build: native byte order, checked by a magic word).
 */
#ifndef SC_UNCERTAINTY_INTERNAL_H
#define SC_UNCERTAINTY_INTERNAL_H

#include "scx/scx.h"
#include "statecraft/uncertainty.h"

/* A cursor over serialised bytes; reads past the end set `bad` and return zeros. */
typedef struct sc__reader {
    const unsigned char *p;
    size_t left;
    int bad;
} sc__reader;

void sc__put_u64(scx_buf *b, uint64_t v);
void sc__put_f64(scx_buf *b, double v);
void sc__put_str(scx_buf *b, const char *s);
uint64_t sc__get_u64(sc__reader *r);
double sc__get_f64(sc__reader *r);
/* A string read into a new allocation (NULL and r->bad on failure). */
char *sc__get_str(sc__reader *r);

void sc__sketch_write(const sc_sketch *s, scx_buf *b);
sc_status sc__sketch_read(sc__reader *r, sc_sketch **out);
void sc__tally_write(const sc_tally *t, scx_buf *b);
sc_status sc__tally_read(sc__reader *r, sc_tally **out);
void sc__sobol_write(const sc_sobol *acc, scx_buf *b);
sc_status sc__sobol_read(sc__reader *r, sc_sobol **out);
/* 1 if two accumulators have the same shape, options and centre (so they can be merged). */
int sc__sobol_compatible(const sc_sobol *a, const sc_sobol *b);
/* Resets every sum to zero, keeping shape, options and centre. */
void sc__sobol_clear(sc_sobol *acc);
void sc__sketch_clear(sc_sketch *s);
void sc__tally_clear(sc_tally *t);

#endif
