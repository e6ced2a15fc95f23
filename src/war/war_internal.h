/* SPDX-License-Identifier: MIT */
/* War termination: functions shared between the files of src/war (not part of the API). */
#ifndef SC_WAR_INTERNAL_H
#define SC_WAR_INTERNAL_H

#include "statecraft/war.h"

/* Gambler's ruin P(k) and D(k) together (they share the logarithm). */
void sc__war_ruin(int k, int N, double theta, double *P, double *D);

/* log l1 > 0 and log l2 < 0 of the roots of d theta l^2 - l + d (1 - theta) = 0, for 0 < theta < 1
 * and 0 < d < 1: the discounted values' exponents (war_closed.c, discounted_duration) */
void sc__war_discount_roots(double theta, double d, double *a, double *b);

/* logit and its inverse, with the ends kept finite */
double sc__war_logit(double p);
double sc__war_logistic(double x);

/*
 * Predictive values of one side over a whole run: for every battle count t <= horizon and every
 * front position k reachable from `start` in t battles, the side's E[G] and E[S] under its Beta
 * belief after the t battles (A has won (t + k - start)/2 of them). Built once by the Polya
 * recursion from quadrature at t = horizon (docs/models/war.md, "Beliefs"); read-only after that,
 * so threads share it.
 */
typedef struct sc__war_table {
    int front, start, horizon;
    double discount;
    size_t *offset;   /* offset[t]: index of the first state of layer t */
    int *kmin;        /* kmin[t], kmax[t]: positions of layer t (step 2), empty if kmin > kmax */
    int *kmax;
    double *gs;       /* E[G] and E[S] per state, side by side: gs[2 i], gs[2 i + 1] */
} sc__war_table;

/* The predictive parts by a fixed rule (war_belief.c), for strong beliefs with a discount below
 * 1 only (sc__war_fixed_rule_applies): within 1e-12 relative of sc_war_predictive_parts there. */
#define SC_WAR_FIXED_RULE_STRENGTH 300.0
int sc__war_fixed_rule_applies(double a, double b, double discount);
void sc__war_predictive_fixed(int k, int N, double a, double b, double discount, double *share,
                              double *duration);

/* Number of states of a table; SIZE_MAX if it would not fit in `limit` states. */
size_t sc__war_table_states(int front, int start, int horizon, size_t limit);

/* fixed_rule: the last layer by the fixed rule where it applies (Monte Carlo draws over the
 * inputs, sc_war_params::fast_tables); else by the adaptive quadrature. */
sc_status sc__war_table_build(int front, int start, int horizon, double discount, double a,
                              double b, int fixed_rule, sc__war_table *out);
void sc__war_table_destroy(sc__war_table *t);

/* E[G], E[S] at (t, k), 0 < k < front, |k - start| <= t, parity of t. */
static inline void sc__war_table_get(const sc__war_table *tb, int t, int k, double *g, double *s)
{
    size_t i = tb->offset[t] + (size_t)((k - tb->kmin[t]) / 2);
    *g = tb->gs[2 * i];
    *s = tb->gs[2 * i + 1];
}

/* Actor `actor`'s position on the war's stakes issue as A's share of the stakes (through the war
 * section's issue_map): the terms it prefers. Located error if it has no stance there. */
sc_status sc__war_actor_terms(const sc_scenario *s, long actor, double *out, sc_diag *diag);

/* The largest number of table states a simulation may build (memory cap, docs). */
#define SC_WAR_TABLE_LIMIT ((size_t)8000000)

/*
 * Lever rows kept across calls of sc_war_compare on this thread, for a Monte Carlo's rows
 * (src/montecarlo/eval.c). After sc__war_rows_begin(1) every row sc_war_compare finishes is kept
 * (the rows kept before are forgotten); after sc__war_rows_begin(0) they are only reused; after
 * sc__war_rows_end() neither. A row whose numbers are the same bits as a kept row's (every field
 * the runs read: row_key_of in war.c) is that row's result and paired arrays, without a run: the
 * same bits as running it. Only with diff_se (the paired arrays are kept with the result) and
 * without a progress callback. sc__war_rows_clear() forgets them all and zeroes the counts of
 * rows reused (hits) and run while reuse was on (misses).
 */
void sc__war_rows_begin(int keep);
void sc__war_rows_end(void);
void sc__war_rows_clear(void);
void sc__war_rows_stats(size_t *hits, size_t *misses);

/*
 * The belief tables this thread's cache built and the extras stores its kept pool made (new keys)
 * since it started. The tables and stores a row A takes (sc__war_rows_begin(1)) stay while its
 * rows B and A_B^(i) run, others making room first: their inputs come back to them.
 */
void sc__war_cache_stats(size_t *tables, size_t *stores);

/*
 * The offers remembered within a row (war.c, "Offers remembered within a row"): on by default;
 * sc__war_offer_memo(0) makes every offer afresh, which must give the same bits (test_war holds
 * the two against each other). For tests: set it while no simulation runs.
 */
void sc__war_offer_memo(int on);

#endif
