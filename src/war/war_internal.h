/* SPDX-License-Identifier: MIT */
/* War termination: functions shared between the files of src/war (not part of the API). */
#ifndef SC_WAR_INTERNAL_H
#define SC_WAR_INTERNAL_H

#include "statecraft/war.h"

/* Gambler's ruin P(k) and D(k) together (they share the logarithm). */
void sc__war_ruin(int k, int N, double theta, double *P, double *D);

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
    double *share;    /* E[G] per state */
    double *duration; /* E[S] per state */
} sc__war_table;

/* Number of states of a table; SIZE_MAX if it would not fit in `limit` states. */
size_t sc__war_table_states(int front, int start, int horizon, size_t limit);

sc_status sc__war_table_build(int front, int start, int horizon, double discount, double a,
                              double b, sc__war_table *out);
void sc__war_table_destroy(sc__war_table *t);

/* E[G], E[S] at (t, k), 0 < k < front, |k - start| <= t, parity of t. */
static inline void sc__war_table_get(const sc__war_table *tb, int t, int k, double *g, double *s)
{
    size_t i = tb->offset[t] + (size_t)((k - tb->kmin[t]) / 2);
    *g = tb->share[i];
    *s = tb->duration[i];
}

/* Actor `actor`'s position on the war's stakes issue as A's share of the stakes (through the war
 * section's issue_map): the terms it prefers. Located error if it has no stance there. */
sc_status sc__war_actor_terms(const sc_scenario *s, long actor, double *out, sc_diag *diag);

/* The largest number of table states a simulation may build (memory cap, docs). */
#define SC_WAR_TABLE_LIMIT ((size_t)8000000)

#endif
