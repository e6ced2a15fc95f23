/* SPDX-License-Identifier: MIT */
/*
 * The body of the event-file fuzz targets (fuzz_events_*.c define FUZZ_FORMAT and include this):
 * the input is written to an anonymous in-memory file and read as that format, leniently and
 * strictly. Whatever is accepted must keep the score's invariants: |R| < 1, r_min <= r_last <=
 * r_max, every row accounted for by exactly one outcome, records + duplicates = rows used; a
 * rejection must say why. A daily series and a timeline of USA-RUS are built too.
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "statecraft/events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const sc_events_relations *r)
{
    uint64_t accounted = 0;
    for (int k = 0; k < SC_SKIP_COUNT; k++) {
        if (k != SC_SKIP_DUPLICATE) {
            accounted += r->stats.skipped[k];
        }
    }
    uint64_t used = 0;
    for (size_t i = 0; i < r->stats.n_files; i++) {
        used += r->stats.files[i].used;
    }
    if (accounted + used != r->stats.rows || r->stats.records + r->stats.skipped[SC_SKIP_DUPLICATE] != used) {
        abort();
    }
    for (size_t i = 0; i < r->n_dyads; i++) {
        const sc_events_dyad *d = &r->dyads[i];
        if (!(fabs(d->r_last) < 1) || !(d->r_min <= d->r_last + 1e-12) ||
            !(d->r_last <= d->r_max + 1e-12) || d->events == 0 || !(d->weight_last >= 0) ||
            strcmp(d->first_day, d->last_day) > 0 || strcmp(d->source, d->target) == 0) {
            abort();
        }
    }
    for (size_t i = 0; i < r->n_pairs; i++) {
        if (!(fabs(r->pairs[i].r_last) < 1) || strcmp(r->pairs[i].a, r->pairs[i].b) >= 0) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("events", 0);
    if (fd < 0) {
        return 0;
    }
    size_t off = 0;
    while (off < size) {
        ssize_t w = write(fd, data + off, size - off);
        if (w <= 0) {
            close(fd);
            return 0;
        }
        off += (size_t)w;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    const char *files[] = {path};
    for (int strict = 0; strict < 2; strict++) {
        sc_events_opts o;
        sc_events_opts_init(&o);
        o.format = FUZZ_FORMAT;
        o.strict = strict;
        sc_events_relations *r = NULL;
        sc_diag d;
        sc_diag_init(&d);
        if (sc_events_relations_compute(files, 1, &o, NULL, NULL, &r, &d) != SC_OK) {
            if (r || d.message[0] == '\0') {
                abort();
            }
            continue;
        }
        check(r);
        sc_events_relations_free(r);
    }
    sc_events_opts o;
    sc_events_opts_init(&o);
    o.format = FUZZ_FORMAT;
    const char *const actors[] = {"USA", "RUS", "NATO"};
    o.actors = actors;
    o.n_actors = 3;
    sc_events_series *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    if (sc_events_series_read(files, 1, &o, &s, &d) == SC_OK) {
        sc_events_timeline_row *rows = NULL;
        size_t n = 0;
        if (sc_events_series_timeline(s, "USA", "RUS", 1, NULL, NULL, NULL, &rows, &n, &d) ==
            SC_OK) {
            size_t sh[4];
            size_t k = sc_events_timeline_shocks(rows, n, 4, sh);
            for (size_t i = 0; i < k; i++) {
                if (sh[i] >= n || rows[sh[i]].events == 0) {
                    abort();
                }
            }
            sc_free(rows);
        }
        sc_events_series_free(s);
    }
    close(fd);
    return 0;
}
