/* libFuzzer target: the landscape tables. The input is split at the first form feed into the
 * sizes table and the propensity matrix; whatever is accepted must be searchable. */
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
        sc_landscape_result *r = NULL;
        if (sc_landscape_search2(d->n, d->size, d->prop, NULL, &r, &diag) == SC_OK) {
            sc_landscape_result_free(r);
        }
    }
    sc_landscape_data_free(d);
    return 0;
}
