/* SPDX-License-Identifier: MIT */
/* Text renderer of the scenario (the report's summary and `statecraft show`), from its JSON. */
#include <math.h>
#include <string.h>

#include "report/document.h"
#include "report/text.h"

/* Short form of a quantity for tables: "0.1379" or "0.1379±0.01" or "60[50,70]"; "-" if none. */
static void put_quantity(scx_buf *b, const json_t *q, int width)
{
    char tmp[96];
    const json_t *u = json_object_get(q, "uncertainty");
    double v = sc__num(q, "value");
    const char *kind = sc__str(u, "kind", "none");
    if (!q || !isfinite(v)) {
        snprintf(tmp, sizeof tmp, "-");
    } else if (strcmp(kind, "normal") == 0) {
        scx_snprintf_c(tmp, sizeof tmp, "%g±%g", v, sc__num(u, "sd"));
    } else if (strcmp(kind, "uniform") == 0 || strcmp(kind, "triangular") == 0) {
        scx_snprintf_c(tmp, sizeof tmp, "%g[%g,%g]", v, sc__num(u, "lo"), sc__num(u, "hi"));
    } else {
        scx_snprintf_c(tmp, sizeof tmp, "%g", v);
    }
    /* right-aligned, padded by code points: '±' is two bytes but one column */
    int cols = 0;
    for (const unsigned char *c = (const unsigned char *)tmp; *c; c++) {
        cols += (*c & 0xC0) != 0x80;
    }
    for (; cols < width; cols++) {
        scx_buf_puts(b, " ");
    }
    scx_buf_puts(b, tmp);
}

void sc__text_scenario(const json_t *s, int brief, scx_buf *b)
{
    if (!brief) {
        scx_buf_printf(b, "%s\n", sc__str(s, "title", ""));
        scx_buf_printf(b, "file: %s", sc__str(s, "file", ""));
        if (sc__str(s, "date", NULL)) {
            scx_buf_printf(b, "   baseline date: %s", sc__str(s, "date", ""));
        }
        if (sc__str(s, "variant", NULL)) {
            scx_buf_printf(b, "   variant: %s", sc__str(s, "variant", ""));
        }
        if (sc__str(s, "events_until", NULL)) {
            scx_buf_printf(b, "   events to: %s", sc__str(s, "events_until", ""));
        }
        scx_buf_puts(b, "\n");
    }
    if (sc__str(s, "description", NULL)) {
        scx_buf_printf(b, "\n%s\n", sc__str(s, "description", ""));
    }
    const json_t *actors = json_object_get(s, "actors");
    size_t na = json_array_size(actors), k;
    json_t *a;
    scx_buf_printf(b, "\nActors (%zu)\n  %-8s %-26s %26s %14s %14s\n", na, "id", "name",
                  "capability", "milex $bn", "gdp $bn");
    json_array_foreach(actors, k, a) {
        scx_buf_printf(b, "  %-8s %-26.26s ", sc__str(a, "id", ""), sc__str(a, "name", ""));
        put_quantity(b, json_object_get(a, "capability"), 26);
        scx_buf_puts(b, " ");
        put_quantity(b, json_object_get(a, "milex"), 14);
        scx_buf_puts(b, " ");
        put_quantity(b, json_object_get(a, "gdp"), 14);
        scx_buf_puts(b, "\n");
    }
    json_t *is;
    json_array_foreach(json_object_get(s, "issues"), k, is) {
        const json_t *scale = json_object_get(is, "scale");
        scx_buf_printf(b, "\nIssue %s: %s  [%g = %s ... %g = %s]\n", sc__str(is, "id", ""),
                      sc__str(is, "title", ""), json_number_value(json_array_get(scale, 0)),
                      sc__str(is, "low", "low"), json_number_value(json_array_get(scale, 1)),
                      sc__str(is, "high", "high"));
        scx_buf_printf(b, "  %-8s %14s %12s\n", "actor", "position", "salience");
        const char *id;
        json_t *st;
        json_object_foreach(json_object_get(is, "stances"), id, st) {
            scx_buf_printf(b, "  %-8s ", id);
            put_quantity(b, json_object_get(st, "position"), 14);
            scx_buf_puts(b, " ");
            put_quantity(b, json_object_get(st, "salience"), 12);
            scx_buf_puts(b, "\n");
        }
        if (isfinite(sc__num(is, "weighted_mean"))) {
            scx_buf_printf(b, "  weighted mean %.2f, weighted median %.2f\n",
                          sc__num(is, "weighted_mean"), sc__num(is, "weighted_median"));
        }
    }
    const json_t *rels = json_object_get(s, "relations");
    if (json_array_size(rels) > 0) {
        scx_buf_puts(b, "\nRelations (amity in [-1, 1]; blank: not given)\n        ");
        json_array_foreach(actors, k, a) {
            scx_buf_printf(b, "%6.6s", sc__str(a, "id", ""));
        }
        scx_buf_puts(b, "\n");
        json_t *x;
        json_array_foreach(actors, k, a) {
            const char *ai = sc__str(a, "id", "");
            scx_buf_printf(b, "  %-6.6s", ai);
            size_t q;
            json_array_foreach(actors, q, x) {
                const char *ci = sc__str(x, "id", "");
                if (q == k) {
                    scx_buf_puts(b, "     .");
                    continue;
                }
                double amity = (double)NAN;
                size_t r;
                json_t *rel;
                json_array_foreach(rels, r, rel) {
                    const json_t *pair = json_object_get(rel, "pair");
                    const char *p0 = json_string_value(json_array_get(pair, 0));
                    const char *p1 = json_string_value(json_array_get(pair, 1));
                    if (p0 && p1 && ((strcmp(p0, ai) == 0 && strcmp(p1, ci) == 0) ||
                                     (strcmp(p1, ai) == 0 && strcmp(p0, ci) == 0))) {
                        amity = sc__num(json_object_get(rel, "amity"), "value");
                    }
                }
                if (isfinite(amity)) {
                    scx_buf_printf(b, "%6.2f", amity);
                } else {
                    scx_buf_puts(b, "      ");
                }
            }
            scx_buf_puts(b, "\n");
        }
    }
    const json_t *evs = json_object_get(s, "events");
    if (json_array_size(evs)) {
        scx_buf_printf(b, "\nEvents (%zu)\n", json_array_size(evs));
        json_t *e;
        json_array_foreach(evs, k, e) {
            scx_buf_printf(b, "  %s  %-5s %s (%zu shifts)\n", sc__str(e, "date", ""),
                          sc__str(e, "cameo", ""), sc__str(e, "what", ""),
                          json_array_size(json_object_get(e, "shifts")));
        }
    }
    const json_t *vars = json_object_get(s, "variants");
    if (json_array_size(vars)) {
        scx_buf_printf(b, "\nVariants (%zu)\n", json_array_size(vars));
        json_t *v;
        json_array_foreach(vars, k, v) {
            scx_buf_printf(b, "  %-10s %s (%zu shifts)\n", sc__str(v, "name", ""),
                          sc__str(v, "description", ""),
                          json_array_size(json_object_get(v, "shifts")));
        }
    }
    if (brief) {
        return;
    }
    const json_t *claims = json_object_get(s, "claims");
    if (json_array_size(claims)) {
        scx_buf_printf(b, "\nClaims (%zu)\n", json_array_size(claims));
        json_t *c;
        json_array_foreach(claims, k, c) {
            scx_buf_printf(b, "  %s: %s\n", sc__str(c, "id", ""), sc__str(c, "text", ""));
        }
    }
    const json_t *srcs = json_object_get(s, "sources");
    if (json_array_size(srcs)) {
        scx_buf_printf(b, "\nSources (%zu)\n", json_array_size(srcs));
        json_t *src;
        json_array_foreach(srcs, k, src) {
            scx_buf_printf(b, "  [%s] %s\n", sc__str(src, "id", ""), sc__str(src, "citation", ""));
        }
    }
}

void sc__text_summary(const json_t *section, const sc__view *views, size_t n, scx_buf *out)
{
    (void)views;
    (void)n;
    sc__text_scenario(section, 1, out);
}

