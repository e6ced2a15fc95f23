/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the landscape tables. The input is split at the first form feed into the
 * sizes table and the propensity matrix; whatever is accepted must be searchable, and the two
 * exact two-bloc searches must agree on it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "statecraft/landscape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *ff = memchr(text, '\f', size);
    size_t l1 = ff ? (size_t)(ff - text) : size;
    const char *t2 = ff ? ff + 1 : "";
    size_t l2 = ff ? size - l1 - 1 : 0;
    sc_landscape_data *d = NULL;
    sc_diag diag;
    sc_diag_init(&diag);
    if (sc_landscape_read_csv(text, l1, "sizes", t2, l2, "matrix", NULL, -3, &d, &diag) != SC_OK) {
        if (diag.code == SC_OK || diag.message[0] == '\0') {
            abort();
        }
        return 0;
    }
    if (d->n <= 16) {
        /* The pruned and the exhaustive searches must agree on whatever the reader accepts. */
        sc_landscape_result *r = NULL, *g = NULL;
        sc_landscape_params p;
        sc_landscape_params_init(&p);
        p.threads = 2;
        sc_status a = sc_landscape_search2(d->n, d->size, d->prop, &p, &r, &diag);
        sc_status b = sc_landscape_search2_gray(d->n, d->size, d->prop, &p, &g, &diag);
        if (a != b || (a == SC_OK && (r->n_minima != g->n_minima ||
                                      r->global.mask != g->global.mask))) {
            abort();
        }
        sc_landscape_result_free(r);
        sc_landscape_result_free(g);
    }
    sc_landscape_data_free(d);
    return 0;
}
