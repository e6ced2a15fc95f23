/* SPDX-License-Identifier: MIT */
/*
 * The HTML renderers build Vega specifications from shared jansson values (json_pack's "O" takes
 * a new reference, "o" steals the caller's): one json_decref too many frees a value the
 * specification still holds, and releasing the specification then decrements the reference
 * count inside freed memory. The page is written before the specification is released, so it
 * reads right, and glibc does not notice (the write lands in the freed block's tcache key): the
 * plain build passes such a bug. This test gives jansson an allocator that keeps every freed
 * block, filled with a pattern, in a quarantine and checks the pattern when the block leaves it
 * and at the end: a write into a freed jansson value, or a second free, fails the test in every
 * build (under ASan too, where the quarantine stands in for ASan's own). Mutant:
 * html-war-states-decref (tests/mutants/report.mut).
 */
#include "sc_test.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "statecraft/report.h"
#include "statecraft/scenario.h"

#define POISON 0xA5
#define LIVE 0x4C495645u  /* "LIVE" */
#define FREED 0x46524545u /* "FREE" */
/* Freed blocks kept before they are really released: a value freed by one owner is released
 * again by the next within the same json_decref of the specification, a few frees later. */
#define QUARANTINE 65536

typedef union header {
    max_align_t align; /* the block after the header keeps malloc's alignment */
    struct {
        size_t size;
        uint32_t magic;
    } h;
} header;

static header *ring[QUARANTINE];
static size_t ring_next, ring_used;
static size_t bad_writes, double_frees, foreign_frees, allocations;
static char first_bad[200];

static void *q_malloc(size_t size)
{
    header *b = malloc(sizeof(header) + (size ? size : 1));
    if (!b) {
        return NULL;
    }
    b->h.size = size;
    b->h.magic = LIVE;
    allocations++;
    return b + 1;
}

/* The block's bytes must all still be the pattern written when it was freed. */
static void check(const header *b)
{
    const unsigned char *p = (const unsigned char *)(b + 1);
    for (size_t i = 0; i < b->h.size; i++) {
        if (p[i] != POISON) {
            if (!bad_writes++) {
                snprintf(first_bad, sizeof first_bad,
                         "a freed block of %zu bytes was written at offset %zu (0x%02x)", b->h.size,
                         i, p[i]);
            }
            return;
        }
    }
}

static void q_free(void *ptr)
{
    if (!ptr) {
        return;
    }
    header *b = (header *)ptr - 1;
    if (b->h.magic == FREED) {
        double_frees++;
        return;
    }
    if (b->h.magic != LIVE) {
        foreign_frees++;
        return;
    }
    memset(ptr, POISON, b->h.size);
    b->h.magic = FREED;
    if (ring_used == QUARANTINE) {
        header *old = ring[ring_next];
        check(old);
        free(old);
    } else {
        ring_used++;
    }
    ring[ring_next] = b;
    ring_next = (ring_next + 1) % QUARANTINE;
}

/* Checks (and releases) every block still in the quarantine; fails on any misuse seen so far. */
static void assert_no_misuse(const char *what)
{
    for (size_t i = 0; i < ring_used; i++) {
        size_t k = (ring_next + QUARANTINE - ring_used + i) % QUARANTINE;
        check(ring[k]);
        free(ring[k]);
    }
    ring_used = 0;
    ring_next = 0;
    if (bad_writes || double_frees || foreign_frees) {
        fail_msg("%s: %zu writes into freed jansson values (first: %s), %zu double frees, %zu "
                 "frees of blocks jansson did not allocate",
                 what, bad_writes, bad_writes ? first_bad : "-", double_frees, foreign_frees);
    }
}

static sc_run_opts quick_html(const char *only)
{
    sc_run_opts o;
    sc_run_opts_init(&o);
    o.runs = 200;
    o.threads = 1;
    o.only = only;
    o.format = SC_FORMAT_HTML;
    return o;
}

/* The war section on the built-in scenario: every state's levers have standard errors, so the
 * headline chart is drawn, and its spec shares the states array between the "s" and colour
 * scales. */
static void test_war_page(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    sc_run_opts o = quick_html("war");
    size_t before = allocations;
    char *html = NULL;
    assert_int_equal(sc_run_report(s, &o, &html, NULL, &d), SC_OK);
    /* the chart whose spec shares the array, with both scales: without them the test would
     * check nothing */
    const char *fig = strstr(html, "P(ceasefire within 52 battles) per lever and state");
    assert_non_null(fig);
    const char *spec = strstr(fig, "application/vnd.vega+json");
    assert_non_null(spec);
    assert_non_null(strstr(spec, "\"name\":\"s\""));
    assert_non_null(strstr(spec, "\"name\":\"color\""));
    sc_free(html);
    sc_scenario_free(s);
    /* jansson went through the allocator (else the quarantine saw nothing) */
    assert_true(allocations - before > 1000);
    assert_no_misuse("the war section's HTML page");
}

/* Every section's charts: the full comparative report as HTML and as CSV (the CSV releases each
 * specification without writing it). */
static void test_every_page(void **state)
{
    (void)state;
    sc_scenario *s = NULL;
    sc_diag d;
    sc_diag_init(&d);
    assert_int_equal(sc_scenario_builtin(&s, &d), SC_OK);
    sc_run_opts o = quick_html(NULL);
    /* the runs also set the bargaining section's draws, most of the report's time: 20 draw
     * every chart (the war's headline chart is checked above with 200) */
    o.runs = 20;
    char *out = NULL;
    assert_int_equal(sc_run_report(s, &o, &out, NULL, &d), SC_OK);
    assert_non_null(strstr(out, "P(ceasefire within 52 battles) per lever and state"));
    sc_free(out);
    assert_no_misuse("the report's HTML page");
    o.format = SC_FORMAT_CSV;
    out = NULL;
    assert_int_equal(sc_run_report(s, &o, &out, NULL, &d), SC_OK);
    assert_non_null(strstr(out, "P(ceasefire within 52 battles) per lever and state"));
    sc_free(out);
    sc_scenario_free(s);
    assert_no_misuse("the report's CSV");
}

/* The allocator itself: a write after free and a double free are seen, an intact block is not. */
static void test_allocator_sees_misuse(void **state)
{
    (void)state;
    json_t *a = json_array();
    json_array_append_new(a, json_string("x"));
    json_decref(a);
    assert_no_misuse("an array freed once");
    unsigned char *p = q_malloc(32);
    q_free(p);
    p[8]--; /* what json_decref does to a freed value's reference count */
    size_t before = bad_writes;
    for (size_t i = 0; i < ring_used; i++) {
        check(ring[(ring_next + QUARANTINE - ring_used + i) % QUARANTINE]);
    }
    assert_int_equal(bad_writes, before + 1);
    void *q = q_malloc(16);
    q_free(q);
    q_free(q);
    assert_int_equal(double_frees, 1);
    /* forget the planted misuse, release the blocks */
    for (size_t i = 0; i < ring_used; i++) {
        free(ring[(ring_next + QUARANTINE - ring_used + i) % QUARANTINE]);
    }
    ring_used = ring_next = 0;
    bad_writes = double_frees = 0;
}

int main(void)
{
    /* before any jansson call: every value the library creates comes from q_malloc */
    json_set_alloc_funcs(q_malloc, q_free);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocator_sees_misuse),
        cmocka_unit_test(test_war_page),
        cmocka_unit_test(test_every_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
