/* SPDX-License-Identifier: MIT */
/*
 * The SMP's building blocks, one per KTAB option, exposed to the tests so that each option's
 * effect can be checked against a value computed by hand from KTAB's formulas (model.md).
 */
#ifndef SC_SMP_INTERNAL_H
#define SC_SMP_INTERNAL_H

#include "statecraft/smp.h"

/* VotingRule: the influence a voter of weight w puts behind a over b (utilities ua, ub). */
double sc__smp_vote(sc_smp_vote vr, double w, double ua, double ub);
/* VictoryProbModel: the probabilities that coalitions of strength s1 and s2 win. */
void sc__smp_vprob(sc_smp_vpm vpm, double s1, double s2, double *p1, double *p2);
/* BigRAdjust: h's estimate of i's risk attitude from its own (rh) and i's (ri). */
double sc__smp_est_nra(double rh, double ri, sc_smp_radj ra);
/* BigRRange: the risk attitude of a position that wins with probability p. */
double sc__smp_big_r(sc_smp_rrange rr, double p, double pmin, double pmax);
/* ThirdPartyCommit: a third party's utilities of (ik > j), (j > ik), (i > jk), (jk > i). */
void sc__smp_third_party(sc_smp_third_party tp, double uni, double unj, double unn, double a[4]);
/* InterVecBrgn: the bargain on one dimension between i at tik and j at tjk. */
void sc__smp_interpolate1(sc_smp_interp interp, double sik, double sjk, double pi, double pj,
                          double tik, double tjk, double *bi, double *bj);

#endif
