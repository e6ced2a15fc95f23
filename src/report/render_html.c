/* SPDX-License-Identifier: MIT */
/*
 * The HTML report: one self-contained page rendered from the result document (html.h). Vega is
 * inlined (generated/vega_bundle.c, from Debian's libjs-vega at build time), the document is
 * embedded as JSON, and nothing is fetched when the page opens.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/document.h"
#include "report/html.h"
#include "report/text.h"

extern const unsigned char sc__vega_js[];
extern const size_t sc__vega_js_len;
extern const char sc__vega_version[];

typedef struct html_row {
    const char *name;
    sc__html_fn fn;
} html_row;

/* A model's renderer joins here; models not listed are drawn by sc__html_generic. */
static const html_row renderers[] = {
    {"summary", sc__html_summary},     {"baseline", sc__html_baseline},
    {"eum", sc__html_eum},             {"smp", sc__html_smp},
    {"war", sc__html_war},             {"triangle", sc__html_triangle},
    {"landscape", sc__html_landscape}, {"game", sc__html_game},
    {"claims", sc__html_claims},       {"bargaining", sc__html_bargaining},
    {"relations", sc__html_relations},
};

static const char css[] =
    ":root{--ink:#1d2433;--muted:#5b6475;--line:#d9dde5;--bg:#fff;--accent:#2f5d9e}"
    "*{box-sizing:border-box}"
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;"
    "color:var(--ink);background:var(--bg);margin:0 auto;max-width:1280px;padding:0 1.5rem 3rem}"
    "header{border-bottom:2px solid var(--ink);padding:1.2rem 0 .6rem;margin-bottom:1rem}"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin:2.2rem 0 .4rem;"
    "border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{font-size:1.05rem;margin:1.4rem 0 .3rem}"
    ".meta{color:var(--muted);margin:.2rem 0}"
    "nav ol{columns:3;margin:.4rem 0 1rem;padding-left:1.2rem}nav a{color:var(--accent)}"
    "figure{margin:1rem 0 1.6rem;padding:.6rem .8rem;border:1px solid var(--line);border-radius:6px;"
    "break-inside:avoid;page-break-inside:avoid;content-visibility:auto;"
    "contain-intrinsic-size:auto 480px}"
    "figcaption{margin-bottom:.4rem}figcaption b{display:block;font-size:1rem}"
    "figcaption .reading{color:var(--muted)}"
    ".fig-body{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1rem;align-items:start}"
    ".fig-body.table-only{grid-template-columns:minmax(0,1fr)}"
    ".plot{min-height:60px;overflow-x:auto}"
    ".table-wrap{max-height:420px;overflow:auto;border:1px solid var(--line);border-radius:4px}"
    "table{border-collapse:collapse;font-size:12.5px;width:100%}"
    "th,td{padding:2px 6px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}"
    "thead th{position:sticky;top:0;background:#f3f5f8}"
    "caption{caption-side:top;text-align:left;font-size:12px;color:var(--muted);padding:2px 6px}"
    ".changes li{margin:.15rem 0}.note{color:var(--muted);font-style:italic}"
    "pre{white-space:pre;overflow-x:auto;font-size:12px;background:#f7f8fa;padding:.6rem;border-radius:4px}"
    "dl.kv{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem}dl.kv dt{color:var(--muted)}"
    "@media (max-width:900px){.fig-body{grid-template-columns:minmax(0,1fr)}nav ol{columns:1}}"
    "@media print{body{max-width:none;padding:0;font-size:11px}nav,.noprint{display:none}"
    ".table-wrap{max-height:none;overflow:visible}details>*{display:block}"
    "figure{border:none;padding:0}h2{break-after:avoid}}";

/* Draws every chart, then records how many and how long it took (window.scReport) for the
 * browser test; a chart that fails says so on the console. */
static const char bootstrap[] =
    "(function(){var t0=performance.now(),jobs=[],n=0;"
    "document.querySelectorAll('script[type=\"application/vnd.vega+json\"]').forEach(function(s){"
    "n++;var div=document.getElementById(s.dataset.target);"
    "try{var view=new vega.View(vega.parse(JSON.parse(s.textContent)),"
    "{renderer:'svg',container:div,hover:true});"
    "jobs.push(view.runAsync().then(function(){div.dataset.rendered='1';}));"
    "}catch(e){console.error('chart '+s.dataset.target+': '+e);}});"
    "Promise.all(jobs).then(function(){window.scReport={charts:n,at:performance.now(),"
    "ms:performance.now()-t0};document.documentElement.dataset.ready='1';},"
    "function(e){console.error('chart: '+e);});})();";

/* ---- writing ---------------------------------------------------------------------------------- */

void sc__html_esc(scx_buf *out, const char *s)
{
    size_t run = 0, i = 0;
    for (; s[i]; i++) {
        const char *e = NULL;
        switch (s[i]) {
        case '&': e = "&amp;"; break;
        case '<': e = "&lt;"; break;
        case '>': e = "&gt;"; break;
        case '"': e = "&quot;"; break;
        case '\'': e = "&#39;"; break;
        default: break;
        }
        if (e) {
            scx_buf_append(out, s + run, i - run);
            scx_buf_puts(out, e);
            run = i + 1;
        }
    }
    scx_buf_append(out, s + run, i - run);
}

void sc__html_p(sc__html *h, const char *fmt, ...)
{
    if (h->csv) {
        return;
    }
    char tmp[2048];
    va_list ap;
    va_start(ap, fmt);
    scx_vsnprintf_c(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    scx_buf_puts(h->out, "<p>");
    sc__html_esc(h->out, tmp);
    scx_buf_puts(h->out, "</p>\n");
}

/* JSON inside a <script> element: every '<' (only ever inside strings) as \u003c, so that no
 * "</script>" or "<!--" can end or change the element. */
static void script_json(scx_buf *out, const json_t *j)
{
    scx_buf tmp;
    scx_buf_init(&tmp);
    sc__json_write(j, 0, &tmp);
    const char *s = tmp.data ? tmp.data : "null";
    size_t run = 0, i = 0;
    for (; s[i]; i++) {
        if (s[i] == '<') {
            scx_buf_append(out, s + run, i - run);
            scx_buf_puts(out, "\\u003c");
            run = i + 1;
        }
    }
    scx_buf_append(out, s + run, i - run);
    if (tmp.error) {
        out->error = out->error ? out->error : tmp.error;
    }
    scx_buf_destroy(&tmp);
}

const json_t *sc__html_at(const sc__html *h, const char *ptr)
{
    return sc__json_pointer(h->doc, ptr);
}

const sc__view *sc__html_main_view(const sc__view *views, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(views[i].id, "after-events") == 0 && views[i].content) {
            return &views[i];
        }
    }
    for (size_t i = n; i-- > 0;) {
        if (views[i].content) {
            return &views[i];
        }
    }
    return NULL;
}

/* ---- tables ----------------------------------------------------------------------------------- */

struct sc__table {
    json_t *cols; /* header strings */
    json_t *rows; /* arrays of cells {"t": text, "p": pointer, "v": value text, "n": numeric} */
};

sc__table *sc__table_new(void)
{
    sc__table *t = malloc(sizeof *t);
    if (t) {
        t->cols = json_array();
        t->rows = json_array();
    }
    return t;
}

void sc__table_free(sc__table *t)
{
    if (t) {
        json_decref(t->cols);
        json_decref(t->rows);
        free(t);
    }
}

void sc__table_col(sc__table *t, const char *header)
{
    json_array_append_new(t->cols, json_string(header));
}

void sc__table_row(sc__table *t)
{
    json_array_append_new(t->rows, json_array());
}

static json_t *last_row(sc__table *t)
{
    if (json_array_size(t->rows) == 0) {
        sc__table_row(t);
    }
    return json_array_get(t->rows, json_array_size(t->rows) - 1);
}

void sc__table_text(sc__table *t, const char *text)
{
    json_array_append_new(last_row(t), json_pack("{s:s}", "t", text ? text : ""));
}

void sc__table_value(sc__table *t, const sc__html *h, const char *ptr, int decimals)
{
    const json_t *v = sc__html_at(h, ptr);
    char text[64], exact[40];
    json_t *cell = json_object();
    json_object_set_new(cell, "p", json_string(ptr));
    if (json_is_real(v) && isfinite(json_real_value(v))) {
        sc__fmt(text, sizeof text, "%.*f", decimals, json_real_value(v));
        json_object_set_new(cell, "v", json_string(sc__double_shortest(json_real_value(v), exact)));
        json_object_set_new(cell, "n", json_true());
    } else if (json_is_integer(v)) {
        sc__fmt(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        json_object_set_new(cell, "v", json_string(text));
        json_object_set_new(cell, "n", json_true());
    } else if (json_is_string(v)) {
        json_object_set_new(cell, "t", json_string(json_string_value(v)));
        json_array_append_new(last_row(t), cell);
        return;
    } else if (json_is_boolean(v)) {
        sc__fmt(text, sizeof text, "%s", json_is_true(v) ? "yes" : "no");
    } else {
        sc__fmt(text, sizeof text, "-");
    }
    json_object_set_new(cell, "t", json_string(text));
    json_array_append_new(last_row(t), cell);
}

/* The longest prefix, ending at a '/', that every cell's pointer shares: the table names it once
 * (data-base) and the cells only what follows, which keeps big tables small. */
static size_t common_base(const sc__table *t)
{
    const char *first = NULL;
    size_t n = 0;
    size_t k;
    json_t *row;
    json_array_foreach(t->rows, k, row) {
        size_t q;
        json_t *c;
        json_array_foreach(row, q, c) {
            const char *p = json_string_value(json_object_get(c, "p"));
            if (!p) {
                continue;
            }
            if (!first) {
                first = p;
                n = strlen(p);
                continue;
            }
            size_t i = 0;
            while (i < n && p[i] == first[i]) {
                i++;
            }
            n = i;
        }
    }
    while (n > 0 && first[n - 1] != '/') {
        n--;
    }
    return n > 0 ? n - 1 : 0; /* keep the '/' with the cells' part */
}

static void table_html(scx_buf *out, const sc__table *t, const char *caption)
{
    size_t base = common_base(t);
    scx_buf_puts(out, "<div class=\"table-wrap\"><table class=\"data\"");
    if (base > 0) {
        const char *first = NULL;
        size_t k;
        json_t *row;
        json_array_foreach(t->rows, k, row) {
            size_t q;
            json_t *c;
            json_array_foreach(row, q, c) {
                first = first ? first : json_string_value(json_object_get(c, "p"));
            }
        }
        char *b = malloc(base + 1);
        if (b) {
            memcpy(b, first, base);
            b[base] = '\0';
            scx_buf_puts(out, " data-base=\"");
            sc__html_esc(out, b);
            scx_buf_puts(out, "\"");
            free(b);
        }
    }
    scx_buf_puts(out, ">");
    if (caption) {
        scx_buf_puts(out, "<caption>");
        sc__html_esc(out, caption);
        scx_buf_puts(out, "</caption>");
    }
    scx_buf_puts(out, "<thead><tr>");
    size_t k;
    json_t *c;
    json_array_foreach(t->cols, k, c) {
        scx_buf_puts(out, "<th scope=\"col\">");
        sc__html_esc(out, json_string_value(c));
        scx_buf_puts(out, "</th>");
    }
    scx_buf_puts(out, "</tr></thead><tbody>\n");
    json_t *row;
    json_array_foreach(t->rows, k, row) {
        scx_buf_puts(out, "<tr>");
        size_t q;
        json_array_foreach(row, q, c) {
            const char *ptr = json_string_value(json_object_get(c, "p"));
            const char *v = json_string_value(json_object_get(c, "v"));
            scx_buf_puts(out, json_is_true(json_object_get(c, "n")) ? "<td class=\"num\"" : "<td");
            if (ptr) {
                scx_buf_puts(out, " data-ptr=\"");
                sc__html_esc(out, ptr + base);
                scx_buf_puts(out, "\"");
            }
            /* the exact value when the cell shows it rounded */
            if (v && strcmp(v, json_string_value(json_object_get(c, "t"))) != 0) {
                scx_buf_puts(out, " data-value=\"");
                sc__html_esc(out, v);
                scx_buf_puts(out, "\"");
            }
            scx_buf_puts(out, ">");
            sc__html_esc(out, json_string_value(json_object_get(c, "t")));
            scx_buf_puts(out, "</td>");
        }
        scx_buf_puts(out, "</tr>\n");
    }
    scx_buf_puts(out, "</tbody></table></div>");
}

/* ---- figures and Vega specs ------------------------------------------------------------------- */

/* The table as CSV rows: model, table, row, column, value, source (the JSON pointer). */
static void table_csv(scx_buf *out, const char *model, const sc__table *t, const char *title)
{
    size_t k;
    json_t *row;
    json_array_foreach(t->rows, k, row) {
        size_t q;
        json_t *c;
        json_array_foreach(row, q, c) {
            const char *v = json_string_value(json_object_get(c, "v"));
            const char *ptr = json_string_value(json_object_get(c, "p"));
            const char *col = json_string_value(json_array_get(t->cols, q));
            scx_csv_field(out, model);
            scx_buf_puts(out, ",");
            scx_csv_field(out, title);
            scx_buf_printf(out, ",%zu,", k + 1);
            scx_csv_field(out, col ? col : "");
            scx_buf_puts(out, ",");
            scx_csv_field(out, v ? v : json_string_value(json_object_get(c, "t")));
            scx_buf_puts(out, ",");
            scx_csv_field(out, ptr ? ptr : "");
            scx_buf_puts(out, "\r\n");
        }
    }
}

void sc__html_figure(sc__html *h, const char *title, const char *reading, json_t *spec,
                     sc__table *t)
{
    scx_buf *out = h->out;
    if (h->csv) {
        if (t) {
            table_csv(out, h->section ? h->section : "", t, title);
        }
        json_decref(spec);
        sc__table_free(t);
        return;
    }
    int id = ++h->figures;
    scx_buf_printf(out, "<figure id=\"fig-%d\"><figcaption><b>", id);
    sc__html_esc(out, title);
    scx_buf_puts(out, "</b><span class=\"reading\">");
    sc__html_esc(out, reading ? reading : "");
    scx_buf_printf(out, "</span></figcaption><div class=\"fig-body%s\">",
                   spec ? "" : " table-only");
    if (spec) {
        json_object_set_new(spec, "description", json_string(reading ? reading : title));
        scx_buf_printf(out, "<div class=\"plot\" id=\"plot-%d\" role=\"img\" aria-label=\"", id);
        sc__html_esc(out, reading ? reading : title);
        scx_buf_printf(out, "\"></div><script type=\"application/vnd.vega+json\" "
                            "data-target=\"plot-%d\">",
                       id);
        script_json(out, spec);
        scx_buf_puts(out, "</script>");
        json_decref(spec);
    }
    if (t) {
        table_html(out, t, title);
        sc__table_free(t);
    }
    scx_buf_puts(out, "</div></figure>\n");
}

json_t *sc__vg_spec(int width, int height)
{
    return json_pack("{s:s, s:i, s:i, s:i, s:{s:s, s:b}, s:{s:{s:i, s:i}, s:{s:i}, s:{s:i, s:i}}}",
                     "$schema", "https://vega.github.io/schema/vega/v5.json", "width", width,
                     "height", height, "padding", 6, "autosize", "type", "pad", "resize", 0,
                     "config", "axis", "labelFontSize", 11, "labelLimit", 260, "legend",
                     "labelFontSize", 11, "title", "fontSize", 13, "anchor", 0);
}

void sc__vg_add(json_t *spec, const char *key, json_t *item)
{
    if (!item) {
        /* a json_pack format that does not match its arguments: make it visible (the tests
         * look for this key) rather than draw a chart that silently lacks a part */
        json_object_set_new(spec, "statecraft_error", json_string(key));
        return;
    }
    json_t *arr = json_object_get(spec, key);
    if (!arr) {
        arr = json_array();
        json_object_set_new(spec, key, arr);
    }
    json_array_append_new(arr, item);
}

void sc__vg_data(json_t *spec, const char *name, json_t *values)
{
    sc__vg_add(spec, "data", json_pack("{s:s, s:o}", "name", name, "values", values));
}

const char *sc__vg_color(size_t i)
{
    static const char *const c[20] = {"#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2",
                                      "#b79a20", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac",
                                      "#9ecae9", "#ffbf79", "#88d27a", "#ff9d98", "#83bcb6",
                                      "#f2cf5b", "#d6a5c9", "#fcbfd2", "#d8b5a5", "#79706e"};
    return c[i % 20];
}

json_t *sc__vg_lines(json_t *rows, json_t *series, const char *bold, const char *dashed,
                     const char *x_title, const char *y_title, double lo, double hi)
{
    json_t *spec = sc__vg_spec(520, 280);
    json_t *range = json_array();
    size_t k, c = 0;
    json_t *sname;
    json_array_foreach(series, k, sname) {
        const char *n = json_string_value(sname);
        int is_bold = bold && strcmp(n, bold) == 0, is_dash = dashed && strcmp(n, dashed) == 0;
        json_array_append_new(range, json_string(is_bold ? "#000000" : is_dash ? "#3a3f4b"
                                                                               : sc__vg_color(c++)));
    }
    sc__vg_data(spec, "t", rows);
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:b, s:b}", "name", "x",
                                         "type", "linear", "domain", "data", "t", "field", "x",
                                         "range", "width", "zero", 0, "nice", 0));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:[f, f], s:s, s:b, s:b}", "name", "y", "type",
                                         "linear", "domain", lo, hi, "range", "height", "zero", 0,
                                         "nice", 1));
    sc__vg_add(spec, "scales", json_pack("{s:s, s:s, s:o, s:o}", "name", "color", "type",
                                         "ordinal", "domain", series, "range", range));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:s}", "orient", "bottom", "scale", "x",
                                       "title", x_title, "format", "d"));
    sc__vg_add(spec, "axes", json_pack("{s:s, s:s, s:s, s:b}", "orient", "left", "scale", "y",
                                       "title", y_title, "grid", 1));
    sc__vg_add(spec, "legends", json_pack("{s:s, s:s}", "stroke", "color", "symbolType",
                                          "stroke"));
    char width[200], dash[200];
    sc__fmt(width, sizeof width, "datum.series === '%s' ? 3.5 : 1.6", bold ? bold : "");
    sc__fmt(dash, sizeof dash, "datum.series === '%s' ? [6, 4] : [1, 0]", dashed ? dashed : "");
    json_t *line = json_pack(
        "{s:s, s:{s:s}, s:{s:{s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s, s:s}, s:{s:s}, s:{s:s}, "
        "s:{s:s}}}}",
        "type", "line", "from", "data", "series", "encode", "enter", "x", "scale", "x", "field",
        "x", "y", "scale", "y", "field", "y", "stroke", "scale", "color", "field", "series",
        "strokeWidth", "signal", width, "strokeDash", "signal", dash, "tooltip", "signal",
        "datum.series + ': ' + format(datum.y, '.2f') + ' at ' + datum.x");
    sc__vg_add(spec, "marks",
               json_pack("{s:s, s:{s:{s:s, s:s, s:s}}, s:[o]}", "type", "group", "from", "facet",
                         "name", "series", "data", "t", "groupby", "series", "marks", line));
    return spec;
}

json_t *sc__html_trajectory(const json_t *tr, const char *base, const char *step,
                            const char *const *sums, const char *const *names, size_t n_sums,
                            double lo, double hi, const sc__html *h, sc__table **table,
                            size_t *turns)
{
    const json_t *pos = json_object_get(tr, "positions");
    json_t *rows = json_array(), *series = json_array();
    sc__table *t = sc__table_new();
    sc__table_col(t, step);
    for (size_t s = 0; s < n_sums; s++) {
        json_array_append_new(series, json_string(names[s]));
        sc__table_col(t, names[s]);
    }
    const char *actor;
    json_t *a;
    json_object_foreach(sc__json_mut(pos), actor, a) {
        json_array_append_new(series, json_string(actor));
        sc__table_col(t, actor);
    }
    char ptr[900], apath[900];
    size_t T = json_array_size(json_object_get(tr, sums[0]));
    for (size_t r = 0; r < T; r++) {
        char label[32];
        sc__fmt(label, sizeof label, "%zu", r);
        sc__table_row(t);
        sc__table_text(t, label);
        for (size_t s = 0; s < n_sums; s++) {
            double y = json_number_value(json_array_get(json_object_get(tr, sums[s]), r));
            json_array_append_new(rows, json_pack("{s:i, s:s, s:f}", "x", (int)r, "series",
                                                  names[s], "y", y));
            sc__fmt(ptr, sizeof ptr, "%s/%s/%zu", base, sums[s], r);
            sc__table_value(t, h, ptr, 2);
        }
        json_object_foreach(sc__json_mut(pos), actor, a) {
            json_array_append_new(rows, json_pack("{s:i, s:s, s:f}", "x", (int)r, "series", actor,
                                                  "y", json_number_value(json_array_get(a, r))));
            sc__fmt(ptr, sizeof ptr, "%s/positions", base);
            sc__ptr_join(apath, sizeof apath, ptr, actor);
            sc__fmt(ptr, sizeof ptr, "%s/%zu", apath, r);
            sc__table_value(t, h, ptr, 2);
        }
    }
    *table = t;
    if (turns) {
        *turns = T;
    }
    return sc__vg_lines(rows, series, names[0], n_sums > 1 ? names[1] : NULL, step, "position",
                        lo, hi);
}

void sc__html_forecast_states(const json_t *issues, const sc__view *views, size_t n,
                              const char *key, const char *reading, sc__html *h)
{
    sc__table *t = sc__table_new();
    sc__table_col(t, "state");
    size_t j;
    json_t *is;
    json_array_foreach(issues, j, is) {
        sc__table_col(t, sc__str(is, "issue", "?"));
    }
    char ptr[900];
    for (size_t i = 0; i < n; i++) {
        sc__table_row(t);
        sc__table_text(t, views[i].label);
        json_array_foreach(issues, j, is) {
            sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/%s", views[i].ptr, j, key);
            sc__table_value(t, h, ptr, 2);
        }
    }
    sc__html_figure(h, "Forecast per state", reading, NULL, t);
}

/* ---- the generic renderer --------------------------------------------------------------------- */

static void generic_object(const json_t *obj, const char *ptr, const char *title, int depth,
                           sc__html *h);

/* An array of objects as a table: a column per key holding a scalar in any row. */
static void generic_table(const json_t *arr, const char *ptr, const char *title, int depth,
                          sc__html *h)
{
    json_t *cols = json_array();
    size_t k;
    json_t *row;
    json_array_foreach(arr, k, row) {
        const char *key;
        json_t *v;
        json_object_foreach(row, key, v) {
            int seen = 0;
            size_t q;
            json_t *c;
            json_array_foreach(cols, q, c) {
                seen |= strcmp(json_string_value(c), key) == 0;
            }
            if (!seen && sc__json_scalar(v)) {
                json_array_append_new(cols, json_string(key));
            }
        }
    }
    sc__table *t = sc__table_new();
    size_t q;
    json_t *c;
    json_array_foreach(cols, q, c) {
        sc__table_col(t, json_string_value(c));
    }
    char rp[700], cp[900];
    json_array_foreach(arr, k, row) {
        sc__table_row(t);
        sc__fmt(rp, sizeof rp, "%s/%zu", ptr, k);
        json_array_foreach(cols, q, c) {
            if (json_object_get(row, json_string_value(c))) {
                sc__ptr_join(cp, sizeof cp, rp, json_string_value(c));
                sc__table_value(t, h, cp, 4);
            } else {
                sc__table_text(t, "");
            }
        }
    }
    char reading[200];
    sc__fmt(reading, sizeof reading, "%zu rows.", json_array_size(arr));
    sc__html_figure(h, title, reading, NULL, t);
    /* what does not fit a cell follows, row by row */
    json_array_foreach(arr, k, row) {
        const char *key;
        json_t *v;
        json_object_foreach(row, key, v) {
            if (!sc__json_scalar(v)) {
                char sub[300];
                sc__fmt(sub, sizeof sub, "%s[%zu].%s", title, k, key);
                sc__fmt(rp, sizeof rp, "%s/%zu", ptr, k);
                sc__ptr_join(cp, sizeof cp, rp, key);
                json_t *wrap = json_object();
                json_object_set(wrap, key, v);
                generic_object(wrap, rp, sub, depth + 1, h);
                json_decref(wrap);
            }
        }
    }
    json_decref(cols);
}

static void generic_object(const json_t *obj, const char *ptr, const char *title, int depth,
                           sc__html *h)
{
    if (depth > 6) {
        return;
    }
    const char *key;
    json_t *v;
    int any = 0;
    char cp[900];
    if (h->csv) {
        /* the scalars as a two-column table */
        sc__table *t = sc__table_new();
        sc__table_col(t, "key");
        sc__table_col(t, "value");
        json_object_foreach(sc__json_mut(obj), key, v) {
            if (sc__json_scalar(v) || (json_is_array(v) && !sc__json_all_objects(v))) {
                sc__table_row(t);
                sc__table_text(t, key);
                sc__ptr_join(cp, sizeof cp, ptr, key);
                if (sc__json_scalar(v)) {
                    sc__table_value(t, h, cp, 6);
                } else {
                    scx_buf text;
                    scx_buf_init(&text);
                    sc__put_value(&text, v);
                    sc__table_text(t, text.data ? text.data : "");
                    scx_buf_destroy(&text);
                }
                any = 1;
            }
        }
        if (any) {
            sc__html_figure(h, *title ? title : "values", NULL, NULL, t);
        } else {
            sc__table_free(t);
        }
    }
    json_object_foreach(sc__json_mut(obj), key, v) {
        if (!h->csv && (sc__json_scalar(v) || (json_is_array(v) && !sc__json_all_objects(v)))) {
            if (!any) {
                scx_buf_puts(h->out, "<dl class=\"kv\">");
            }
            any = 1;
            scx_buf_puts(h->out, "<dt>");
            sc__html_esc(h->out, key);
            scx_buf_puts(h->out, "</dt><dd>");
            sc__ptr_join(cp, sizeof cp, ptr, key);
            if (sc__json_scalar(v)) {
                scx_buf_printf(h->out, "<span data-ptr=\"");
                sc__html_esc(h->out, cp);
                scx_buf_puts(h->out, "\">");
            }
            scx_buf text;
            scx_buf_init(&text);
            sc__put_value(&text, v);
            sc__html_esc(h->out, text.data ? text.data : "");
            scx_buf_destroy(&text);
            scx_buf_puts(h->out, sc__json_scalar(v) ? "</span></dd>" : "</dd>");
        }
    }
    if (any && !h->csv) {
        scx_buf_puts(h->out, "</dl>\n");
    }
    json_object_foreach(sc__json_mut(obj), key, v) {
        char sub[300];
        sc__fmt(sub, sizeof sub, "%s%s%s", title, *title ? ": " : "", key);
        sc__ptr_join(cp, sizeof cp, ptr, key);
        if (json_is_object(v)) {
            if (!h->csv) {
                scx_buf_puts(h->out, "<h3>");
                sc__html_esc(h->out, sub);
                scx_buf_puts(h->out, "</h3>\n");
            }
            generic_object(v, cp, sub, depth + 1, h);
        } else if (json_is_array(v) && sc__json_all_objects(v)) {
            generic_table(v, cp, sub, depth, h);
        }
    }
}

void sc__html_generic(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    if (n == 0) {
        /* a scenario-level section: its pointer is its key under /models */
        const char *name;
        json_t *s;
        json_object_foreach(json_object_get(h->doc, "models"), name, s) {
            if (s == section) {
                char ptr[600];
                sc__ptr_join(ptr, sizeof ptr, "/models", name);
                generic_object(section, ptr, "", 0, h);
            }
        }
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (!h->csv) {
            scx_buf_puts(h->out, "<h3>");
            sc__html_esc(h->out, views[i].label);
            scx_buf_puts(h->out, "</h3>\n");
        }
        if (views[i].content) {
            generic_object(views[i].content, views[i].ptr, views[i].brief, 1, h);
        }
    }
}

/* ---- the page --------------------------------------------------------------------------------- */

static void changes_html(const json_t *changes, const char *base, sc__html *h)
{
    if (!json_is_array(changes)) {
        return;
    }
    scx_buf *out = h->out;
    if (h->csv) {
        sc__table *t = sc__table_new();
        static const char *const keys[] = {"answer", "cause", "variant", "from_state",
                                           "to_state", "from", "to", "se"};
        for (size_t c = 0; c < 8; c++) {
            sc__table_col(t, keys[c]);
        }
        size_t k;
        json_t *c;
        char ptr[900];
        json_array_foreach(changes, k, c) {
            sc__table_row(t);
            for (size_t q = 0; q < 8; q++) {
                const json_t *v = json_object_get(c, keys[q]);
                if (v && !json_is_array(v) && !json_is_object(v)) {
                    sc__fmt(ptr, sizeof ptr, "%s/changes/%zu/%s", base, k, keys[q]);
                    sc__table_value(t, h, ptr, 4);
                } else {
                    scx_buf txt;
                    scx_buf_init(&txt);
                    if (v) {
                        sc__put_value(&txt, v);
                    }
                    sc__table_text(t, txt.data ? txt.data : "");
                    scx_buf_destroy(&txt);
                }
            }
        }
        sc__html_figure(h, "changes", NULL, NULL, t);
        return;
    }
    scx_buf_puts(out, "<h3>What changes the answers</h3>\n");
    if (json_array_size(changes) == 0) {
        scx_buf_puts(out, "<p class=\"note\">Neither the events nor any variant changes this "
                          "model's answers.</p>\n");
        return;
    }
    scx_buf_puts(out, "<ul class=\"changes\">\n");
    size_t k;
    json_t *c;
    json_array_foreach(changes, k, c) {
        const char *v = sc__str(c, "variant", NULL);
        scx_buf text;
        scx_buf_init(&text);
        if (strcmp(sc__str(c, "cause", ""), "events") == 0) {
            scx_buf_printf(&text, "The events (%s%s): ", v ? "variant " : "scenario as given",
                           v ? v : "");
        } else {
            scx_buf_printf(&text, "Variant %s against the scenario as given (%s): ", v ? v : "?",
                           strstr(sc__str(c, "from_state", ""), "before") ? "before the events"
                                                                         : "after the events");
        }
        scx_buf_printf(&text, "%s ", sc__str(c, "answer", "?"));
        sc__put_value(&text, json_object_get(c, "from"));
        scx_buf_puts(&text, " \xe2\x86\x92 ");
        sc__put_value(&text, json_object_get(c, "to"));
        if (isfinite(sc__num(c, "se"))) {
            scx_buf_printf(&text, " (standard error of the difference %.2g)", sc__num(c, "se"));
        }
        if (json_array_size(json_object_get(c, "moved")) > 0) {
            scx_buf_puts(&text, "; moved: ");
            sc__put_value(&text, json_object_get(c, "moved"));
        }
        scx_buf_puts(out, "<li>");
        sc__html_esc(out, text.data ? text.data : "");
        scx_buf_puts(out, "</li>\n");
        scx_buf_destroy(&text);
    }
    scx_buf_puts(out, "</ul>\n");
}

static void header_html(const json_t *doc, sc__html *h)
{
    scx_buf *out = h->out;
    const json_t *sc = json_object_get(doc, "scenario");
    const json_t *run = json_object_get(doc, "run");
    scx_buf_puts(out, "<header><div class=\"meta\">statecraft ");
    sc__html_esc(out, sc__str(doc, "statecraft", "?"));
    scx_buf_puts(out, " report</div><h1>");
    sc__html_esc(out, sc__str(sc, "title", "Report"));
    scx_buf_puts(out, "</h1>\n");
    char line[600];
    sc__fmt(line, sizeof line,
             "%s%s%s; %.0f actors, %.0f issues, %.0f events, %.0f variants, %.0f claims; seed %" JSON_INTEGER_FORMAT
             ", %" JSON_INTEGER_FORMAT " Monte Carlo runs per simulation.",
             sc__str(sc, "file", ""), sc__str(sc, "date", NULL) ? ", baseline date " : "",
             sc__str(sc, "date", ""), sc__num(sc, "actors"), sc__num(sc, "issues"),
             sc__num(sc, "events"), sc__num(sc, "variants"), sc__num(sc, "claims"),
             json_integer_value(json_object_get(run, "seed")),
             json_integer_value(json_object_get(run, "runs")));
    scx_buf_puts(out, "<p class=\"meta\">");
    sc__html_esc(out, line);
    scx_buf_puts(out, "</p>\n<p class=\"meta\">");
    const json_t *st = json_object_get(doc, "state");
    if (st) {
        sc__fmt(line, sizeof line, "One state: %s; it stands for %s.", sc__str(st, "label", ""),
                 sc__str(st, "date", "no date"));
        sc__html_esc(out, line);
    } else {
        scx_buf_puts(out, "Compared: ");
        size_t k;
        json_t *s;
        json_array_foreach(json_object_get(doc, "states"), k, s) {
            scx_buf_puts(out, k ? "; " : "");
            sc__html_esc(out, sc__str(s, "label", ""));
            if (sc__str(s, "date", NULL)) {
                scx_buf_printf(out, " (%s)", sc__str(s, "date", ""));
            }
        }
        scx_buf_puts(out, ". Charts show the scenario as given after the events unless they "
                          "say otherwise; the tables and the embedded document hold every state.");
    }
    scx_buf_puts(out, "</p></header>\n");
}

/* Every model's section: its renderer, then (comparative report) its changes. */
static void walk(sc__html *h)
{
    scx_buf *out = h->out;
    const json_t *doc = h->doc;
    const json_t *models = json_object_get(doc, "models");
    const char *name;
    json_t *section;
    json_object_foreach(sc__json_mut(models), name, section) {
        const sc__model *m = sc__model_find(name);
        h->section = name;
        if (!h->csv) {
            scx_buf_puts(out, "<section id=\"m-");
            sc__html_esc(out, name);
            scx_buf_puts(out, "\"><h2>");
            sc__html_esc(out, m ? m->title : name);
            scx_buf_puts(out, "</h2>\n");
        }
        sc__html_fn fn = sc__html_generic;
        for (size_t i = 0; i < sizeof renderers / sizeof renderers[0]; i++) {
            if (strcmp(renderers[i].name, name) == 0) {
                fn = renderers[i].fn;
            }
        }
        sc__views views;
        if (!sc__views_build(doc, name, section, &views)) {
            out->error = out->error ? out->error : SC_ENOMEM;
            return;
        }
        fn(section, views.v, views.n, h);
        if (views.per_state && !json_object_get(doc, "state")) {
            char base[600];
            sc__ptr_join(base, sizeof base, "/models", name);
            changes_html(json_object_get(section, "changes"), base, h);
        }
        sc__views_free(&views);
        if (!h->csv) {
            scx_buf_puts(out, "</section>\n");
        }
    }
}

void sc__render_csv(const json_t *doc, scx_buf *out)
{
    sc__html h = {out, doc, 0, 1, NULL};
    scx_buf_puts(out, "model,table,row,column,value,source\r\n");
    walk(&h);
}

/* The page up to the body: styles, Vega. */
static void page_open(sc__html *h, const char *title)
{
    scx_buf *out = h->out;
    scx_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                      "<meta name=\"generator\" content=\"statecraft\"><title>");
    sc__html_esc(out, title);
    scx_buf_puts(out, "</title>\n<style>");
    scx_buf_puts(out, css);
    scx_buf_puts(out, "</style>\n<script>");
    scx_buf_append(out, (const char *)sc__vega_js, sc__vega_js_len);
    scx_buf_puts(out, "</script>\n</head><body>\n");
}

/* The embedded document and the charts' bootstrap. */
static void page_close(sc__html *h)
{
    scx_buf *out = h->out;
    scx_buf_puts(out, "<section id=\"document\"><h2>The document</h2><p>This page embeds the JSON "
                      "document it was drawn from in the element <code>script#sc-document</code>: "
                      "it can be read back with <code>JSON.parse(document.getElementById("
                      "'sc-document').textContent)</code> and rendered again. The charts are Vega ");
    sc__html_esc(out, sc__vega_version);
    scx_buf_puts(out, " specifications (script elements of type application/vnd.vega+json), "
                      "usable in any Vega viewer (docs/report-formats.md).</p></section>\n"
                      "<script type=\"application/json\" id=\"sc-document\">");
    script_json(out, h->doc);
    scx_buf_puts(out, "</script>\n<script>");
    scx_buf_puts(out, bootstrap);
    scx_buf_puts(out, "</script>\n</body></html>\n");
}

void sc__render_html(const json_t *doc, scx_buf *out)
{
    sc__html h = {out, doc, 0, 0, NULL};
    const json_t *sc = json_object_get(doc, "scenario");
    page_open(&h, sc__str(sc, "title", "statecraft report"));
    header_html(doc, &h);
    const json_t *models = json_object_get(doc, "models");
    const char *name;
    json_t *section;
    scx_buf_puts(out, "<nav aria-label=\"Contents\"><ol>");
    json_object_foreach(sc__json_mut(models), name, section) {
        const sc__model *m = sc__model_find(name);
        scx_buf_puts(out, "<li><a href=\"#m-");
        sc__html_esc(out, name);
        scx_buf_puts(out, "\">");
        sc__html_esc(out, m ? m->title : name);
        scx_buf_puts(out, "</a></li>");
    }
    scx_buf_puts(out, "<li><a href=\"#text\">Text report</a></li><li><a href=\"#document\">"
                      "The document</a></li></ol></nav>\n<main>\n");
    walk(&h);
    scx_buf_puts(out, "</main>\n<section id=\"text\"><h2>Text report</h2><details><summary>"
                      "The same document as `statecraft run` prints it</summary><pre>");
    scx_buf text;
    scx_buf_init(&text);
    sc__render_text(doc, &text);
    sc__html_esc(out, text.data ? text.data : "");
    scx_buf_destroy(&text);
    scx_buf_puts(out, "</pre></details></section>\n");
    page_close(&h);
}

int sc__render_command(const json_t *doc, int csv, scx_buf *out)
{
    sc__html h = {out, doc, 0, csv, NULL};
    const char *model = sc__str(doc, "model", NULL);
    int scenario = !model && json_is_array(json_object_get(doc, "actors"));
    h.section = model ? model : "scenario";
    if (csv) {
        scx_buf_puts(out, "model,table,row,column,value,source\r\n");
        if (scenario) {
            sc__html_summary(doc, NULL, 0, &h);
        } else if (!sc__command_render(doc, &h)) {
            generic_object(doc, "", "", 0, &h);
        }
        return 1;
    }
    if (!model) {
        return 0;
    }
    char title[200];
    sc__fmt(title, sizeof title, "statecraft %s", model);
    page_open(&h, title);
    scx_buf_puts(out, "<header><div class=\"meta\">statecraft</div><h1>");
    static const struct {
        const char *model, *title;
    } titles[] = {{"eum", "Bueno de Mesquita's expected-utility model"},
                  {"smp", "KTAB's Spatial Model of Politics"},
                  {"war", "War termination"},
                  {"logit", "The logit quantal-response branch"},
                  {"bargaining", "One bargaining forecast, the models side by side"}};
    const char *heading = model;
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        heading = strcmp(titles[i].model, model) == 0 ? titles[i].title : heading;
    }
    sc__html_esc(out, heading);
    scx_buf_puts(out, "</h1>");
    const char *what = sc__str(doc, "scenario", sc__str(doc, "game", NULL));
    if (what) {
        scx_buf_puts(out, "<p class=\"meta\">");
        sc__html_esc(out, what);
        scx_buf_puts(out, "</p>");
    }
    const json_t *st = json_object_get(doc, "state");
    if (json_is_object(st)) {
        char line[300];
        sc__fmt(line, sizeof line, "State: %s the events%s%s%s%s.",
                strcmp(sc__str(st, "events", "after"), "before") == 0 ? "before" : "after",
                sc__str(st, "until", NULL) ? " to " : "", sc__str(st, "until", ""),
                sc__str(st, "variant", NULL) ? ", variant " : "", sc__str(st, "variant", ""));
        scx_buf_puts(out, "<p class=\"meta\">");
        sc__html_esc(out, line);
        scx_buf_puts(out, "</p>");
    }
    scx_buf_puts(out, "</header>\n<main>\n");
    if (!sc__command_render(doc, &h)) {
        generic_object(doc, "", "", 0, &h);
    }
    scx_buf_puts(out, "</main>\n");
    page_close(&h);
    return 1;
}
