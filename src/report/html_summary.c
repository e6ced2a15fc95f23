/* SPDX-License-Identifier: MIT */
/* HTML renderer of the scenario (the report's summary). */
#include <math.h>
#include <string.h>

#include "report/html.h"
#include "report/text.h"

/* The pointer of a scenario-level section: its key under /models. */
static void section_ptr(const sc__html *h, const json_t *section, char *buf, size_t size)
{
    const char *name;
    json_t *s;
    buf[0] = '\0';
    if (section == h->doc) {
        return; /* a scenario document itself (`show --format json`): pointers from its root */
    }
    json_object_foreach(json_object_get(h->doc, "models"), name, s) {
        if (s == section) {
            sc__ptr_join(buf, size, "/models", name);
        }
    }
}

void sc__html_summary(const json_t *section, const sc__view *views, size_t n, sc__html *h)
{
    (void)views;
    (void)n;
    char base[600], ptr[900];
    section_ptr(h, section, base, sizeof base);
    if (sc__str(section, "description", NULL)) {
        sc__html_p(h, "%s", sc__str(section, "description", ""));
    }
    sc__table *t = sc__table_new();
    static const char *const cols[] = {"id", "name", "capability", "milex $bn", "gdp $bn"};
    for (size_t c = 0; c < 5; c++) {
        sc__table_col(t, cols[c]);
    }
    size_t k;
    json_t *a;
    json_array_foreach(json_object_get(section, "actors"), k, a) {
        sc__table_row(t);
        sc__fmt(ptr, sizeof ptr, "%s/actors/%zu/id", base, k);
        sc__table_value(t, h, ptr, 0);
        sc__fmt(ptr, sizeof ptr, "%s/actors/%zu/name", base, k);
        sc__table_value(t, h, ptr, 0);
        sc__fmt(ptr, sizeof ptr, "%s/actors/%zu/capability/value", base, k);
        sc__table_value(t, h, ptr, 5);
        static const char *const q[2] = {"milex", "gdp"};
        for (int i = 0; i < 2; i++) {
            if (json_object_get(a, q[i])) {
                sc__fmt(ptr, sizeof ptr, "%s/actors/%zu/%s/value", base, k, q[i]);
                sc__table_value(t, h, ptr, 1);
            } else {
                sc__table_text(t, "-");
            }
        }
    }
    sc__html_figure(h, "Actors", "Capability is a share of relevant power (only ratios matter to "
                                 "the models); military spending and GDP where the scenario gives "
                                 "them.",
                    NULL, t);
    json_t *is;
    json_array_foreach(json_object_get(section, "issues"), k, is) {
        t = sc__table_new();
        sc__table_col(t, "actor");
        sc__table_col(t, "position");
        sc__table_col(t, "salience");
        const char *actor;
        json_t *st;
        json_object_foreach(json_object_get(is, "stances"), actor, st) {
            char sp[900];
            sc__table_row(t);
            sc__table_text(t, actor);
            sc__fmt(ptr, sizeof ptr, "%s/issues/%zu/stances", base, k);
            sc__ptr_join(sp, sizeof sp, ptr, actor);
            sc__fmt(ptr, sizeof ptr, "%s/position/value", sp);
            sc__table_value(t, h, ptr, 1);
            sc__fmt(ptr, sizeof ptr, "%s/salience/value", sp);
            sc__table_value(t, h, ptr, 2);
        }
        char title[400], reading[900];
        const json_t *scale = json_object_get(is, "scale");
        sc__fmt(title, sizeof title, "Issue %s: %s", sc__str(is, "id", "?"), sc__str(is, "title", ""));
        sc__fmt(reading, sizeof reading, "%g = %s; %g = %s.",
                json_number_value(json_array_get(scale, 0)), sc__str(is, "low", "low"),
                json_number_value(json_array_get(scale, 1)), sc__str(is, "high", "high"));
        sc__html_figure(h, title, reading, NULL, t);
    }
    t = sc__table_new();
    sc__table_col(t, "pair");
    sc__table_col(t, "amity");
    sc__table_col(t, "trade $bn");
    json_t *r;
    json_array_foreach(json_object_get(section, "relations"), k, r) {
        const json_t *pair = json_object_get(r, "pair");
        char label[200];
        sc__fmt(label, sizeof label, "%s-%s", json_string_value(json_array_get(pair, 0)),
                json_string_value(json_array_get(pair, 1)));
        sc__table_row(t);
        sc__table_text(t, label);
        sc__fmt(ptr, sizeof ptr, "%s/relations/%zu/amity/value", base, k);
        sc__table_value(t, h, ptr, 2);
        if (json_object_get(r, "trade")) {
            sc__fmt(ptr, sizeof ptr, "%s/relations/%zu/trade/value", base, k);
            sc__table_value(t, h, ptr, 1);
        } else {
            sc__table_text(t, "-");
        }
    }
    sc__html_figure(h, "Relations", "Amity in [-1, 1]: -1 enmity, 0 indifference, 1 alliance.",
                    NULL, t);
    t = sc__table_new();
    sc__table_col(t, "date");
    sc__table_col(t, "CAMEO");
    sc__table_col(t, "what happened");
    sc__table_col(t, "shifts");
    json_t *e;
    json_array_foreach(json_object_get(section, "events"), k, e) {
        sc__table_row(t);
        sc__fmt(ptr, sizeof ptr, "%s/events/%zu/date", base, k);
        sc__table_value(t, h, ptr, 0);
        sc__table_text(t, sc__str(e, "cameo", ""));
        sc__fmt(ptr, sizeof ptr, "%s/events/%zu/what", base, k);
        sc__table_value(t, h, ptr, 0);
        char cnt[32];
        sc__fmt(cnt, sizeof cnt, "%zu", json_array_size(json_object_get(e, "shifts")));
        sc__table_text(t, cnt);
    }
    if (json_array_size(json_object_get(section, "events"))) {
        sc__html_figure(h, "Events", "What moved the scenario after its baseline date, in date "
                                     "order.",
                        NULL, t);
    } else {
        sc__table_free(t);
    }
    t = sc__table_new();
    sc__table_col(t, "variant");
    sc__table_col(t, "description");
    sc__table_col(t, "shifts");
    json_t *v;
    json_array_foreach(json_object_get(section, "variants"), k, v) {
        sc__table_row(t);
        sc__fmt(ptr, sizeof ptr, "%s/variants/%zu/name", base, k);
        sc__table_value(t, h, ptr, 0);
        sc__table_text(t, sc__str(v, "description", ""));
        char cnt[32];
        sc__fmt(cnt, sizeof cnt, "%zu", json_array_size(json_object_get(v, "shifts")));
        sc__table_text(t, cnt);
    }
    if (json_array_size(json_object_get(section, "variants"))) {
        sc__html_figure(h, "Variants", "Each is applied on top of the events (a posture from the "
                                       "state's date on).",
                        NULL, t);
    } else {
        sc__table_free(t);
    }
}
