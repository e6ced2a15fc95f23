/* SPDX-License-Identifier: MIT */
/*
 * Wilson's score interval (Wilson 1927, "Probable inference, the law of succession, and
 * statistical inference", JASA 22:209-212): the set of p whose score test does not reject k/n.
 * Unlike the Wald interval it stays inside [0, 1] and does not collapse to a point at k = 0 or
 * k = n, which is where claims that always or never hold sit.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "statecraft/uncertainty.h"

void sc_wilson_interval(uint64_t k, uint64_t n, double confidence, double *lo, double *hi)
{
    if (n == 0 || !(confidence > 0 && confidence < 1)) {
        *lo = 0;
        *hi = 1;
        return;
    }
    if (k > n) {
        k = n;
    }
    double z = gsl_cdf_ugaussian_Pinv(0.5 + confidence / 2);
    double nn = (double)n, p = (double)k / nn, z2 = z * z;
    double denom = 1 + z2 / nn;
    double center = (p + z2 / (2 * nn)) / denom;
    double half = z * sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
    *lo = k == 0 ? 0 : fmax(0, center - half);
    *hi = k == n ? 1 : fmin(1, center + half);
}
