/* SPDX-License-Identifier: MIT */
/*
 * One command line (issue 19): the option tables' parser, the common options with one meaning
 * everywhere, did-you-mean on every name a user types, errors that name the option or path at
 * fault (exit 2, nothing on standard output), -o written atomically and only on success, the
 * scenario state said in every output, the thread default, and the man pages and bash
 * completion generated from the same tables.
 */
#define _GNU_SOURCE
#include "sc_test.h"

#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/cpus.h"
#include "statecraft/statecraft.h"

/* Runs a shell command line in which every "@" stands for the statecraft program; captures
 * stdout and stderr. Returns the exit status, or -1. */
static int sh(const char *line, char **out, char **err)
{
    char cmd[16384];
    size_t n = 0;
    for (const char *p = line; *p && n + 600 < sizeof cmd; p++) {
        if (*p == '@') {
            n += (size_t)snprintf(cmd + n, sizeof cmd - n, "'%s'", SC_CLI_PATH);
        } else {
            cmd[n++] = *p;
        }
    }
    cmd[n] = '\0';
    char outp[200], errp[200];
    snprintf(outp, sizeof outp, "%s", sc_test_tmp_path("sc_opt_outXXXXXX"));
    snprintf(errp, sizeof errp, "%s", sc_test_tmp_path("sc_opt_errXXXXXX"));
    int fo = mkstemp(outp), fe = mkstemp(errp);
    assert_true(fo >= 0 && fe >= 0);
    close(fo);
    close(fe);
    char full[17700];
    snprintf(full, sizeof full, "( %s ) >%s 2>%s </dev/null", cmd, outp, errp);
    int st = system(full);
    char *o = sc_test_slurp(outp, NULL), *e = sc_test_slurp(errp, NULL);
    unlink(outp);
    unlink(errp);
    if (out) {
        *out = o;
    } else {
        free(o);
    }
    if (err) {
        *err = e;
    } else {
        free(e);
    }
    return st == -1 || !WIFEXITED(st) ? -1 : WEXITSTATUS(st);
}

/* A bad input: exit 2, nothing on standard output, and each of the texts in the message. */
static void bad(const char *line, const char *want1, const char *want2)
{
    char *out = NULL, *err = NULL;
    int rc = sh(line, &out, &err);
    if (rc != 2 || (out && out[0]) || !err || !strstr(err, want1) ||
        (want2 && !strstr(err, want2))) {
        fail_msg("%s\nexit %d (want 2), stdout '%s', stderr:\n%s\n(wanted '%s'%s%s)", line, rc,
                 out ? out : "", err ? err : "", want1, want2 ? " and '" : "",
                 want2 ? want2 : "");
    }
    free(out);
    free(err);
}

static void good(const char *line, const char *want, char **out_keep)
{
    char *out = NULL, *err = NULL;
    int rc = sh(line, &out, &err);
    if (rc != 0 || !out || (want && !strstr(out, want))) {
        fail_msg("%s\nexit %d, stdout:\n%s\nstderr:\n%s\n(wanted '%s')", line, rc, out ? out : "",
                 err ? err : "", want ? want : "");
    }
    free(err);
    if (out_keep) {
        *out_keep = out;
    } else {
        free(out);
    }
}

/* The commands `statecraft --help` lists. */
static size_t commands(char names[32][32])
{
    char *out = NULL;
    good("@ --help", "Commands:", &out);
    size_t n = 0;
    const char *p = strstr(out, "Commands:\n") + 10;
    while (*p == ' ' && p[1] == ' ' && p[2] != ' ' && n < 32) {
        sscanf(p, " %31s", names[n++]);
        p = strchr(p, '\n') + 1;
    }
    free(out);
    assert_true(n >= 10);
    return n;
}

static void test_help_and_version_everywhere(void **state)
{
    (void)state;
    char names[32][32];
    size_t n = commands(names);
    char *version = NULL;
    good("@ --version", "statecraft ", &version);
    for (size_t i = 0; i < n; i++) {
        char line[128], want[96], *out = NULL;
        snprintf(line, sizeof line, "@ %s --help", names[i]);
        snprintf(want, sizeof want, "usage: statecraft %s", names[i]);
        good(line, want, NULL);
        snprintf(line, sizeof line, "@ %s --version", names[i]);
        good(line, NULL, &out);
        assert_string_equal(out, version);
        free(out);
        snprintf(line, sizeof line, "@ help %s", names[i]);
        good(line, want, NULL);
    }
    free(version);
    bad("@ trinagle", "unknown command 'trinagle' (did you mean 'triangle'?)", NULL);
}

static void test_unknown_options_and_values(void **state)
{
    (void)state;
    bad("@ triangle --actor USA,RUS,CHN", "unknown option '--actor' (did you mean '--actors'?)",
        "Try 'statecraft triangle --help'");
    bad("@ validate --quite x.yaml", "did you mean '--quiet'?", NULL);
    bad("@ landscape --method exhustive", "--method must be pruned or exhaustive",
        "did you mean 'exhaustive'?");
    bad("@ landscape --blocs 1", "--blocs expects an integer from 2 to 64, got '1'", NULL);
    bad("@ landscape --blocs", "--blocs needs a value", NULL);
    bad("@ triangle --tau abc", "--tau expects a finite number, got 'abc'", NULL);
    bad("@ triangle --tau 0.99", "--tau must be in [0, 0.99), got '0.99'", NULL);
    bad("@ triangle --format jsno", "--format must be text, json or csv, got 'jsno'",
        "did you mean 'json'?");
    bad("@ triangle --format html", "--format html: 'triangle' draws no charts", NULL);
    bad("@ show --after-events=2025-02-30", "--after-events expects a calendar date", NULL);
    bad("@ show --before-events --after-events", "exclude each other", NULL);
    bad("@ landscape --before-events --no-such --help", "unknown option '--no-such'", NULL);
    bad("STATECRAFT_THREADS=many @ landscape", "STATECRAFT_THREADS must be an integer", NULL);
    bad("@ landscape --threads 2000", "--threads expects an integer from 0 to 1024", NULL);
    bad("@ events relatoins x.tsv", "no action 'relatoins' (did you mean 'relations'?)", NULL);
}

static void test_names_get_did_you_mean(void **state)
{
    (void)state;
    bad("@ triangle --actors USA,RUS,CHNA", "--actors: no actor 'CHNA' (did you mean 'CHN'?)",
        "the actors are USA, RUS, UKR, CHN");
    bad("@ show --variant retrnch", "--variant: no variant 'retrnch' (did you mean 'retrench'?)",
        "the variants are engaged, retrench");
    bad("@ landscape --set-size Syrai=3", "--set-size: no actor 'Syrai'", NULL);
    /* run, forecast, solve and game name the option and suggest the closest name too */
    bad("@ run --only tri", "--only: no model 'tri' (did you mean 'triangle'?)", NULL);
    bad("@ run --only war,eumm", "--only: no model 'eumm' (did you mean 'eum'?)", NULL);
    bad("@ run --frmat json", "unknown option '--frmat' (did you mean '--format'?)", NULL);
    bad("@ run --perspective RUSS", "--perspective: no actor 'RUSS' (did you mean 'RUS'?)", NULL);
    bad("@ run --variant retrnch", "--variant: no variant 'retrnch' (did you mean 'retrench'?)",
        NULL);
    bad("@ run --seed abc", "--seed expects a non-negative integer, got 'abc'", NULL);
    bad("@ run --threads 2000", "--threads expects an integer from 0 to 1024", NULL);
    bad("@ forecast --model smpp", "--model: no model 'smpp' (did you mean 'smp'?)", NULL);
    bad("@ forecast --frmat json", "unknown option '--frmat' (did you mean '--format'?)", NULL);
    bad("@ forecast --model bargaining --isue nato",
        "unknown option '--isue' (did you mean '--issue'?)", NULL);
    bad("@ forecast --seed x", "--seed", NULL);
    bad("@ solve --method enummixd", "--method: no method 'enummixd' (did you mean 'enummixed'?)",
        NULL);
    bad("@ solve --tim-limit 3", "unknown option '--tim-limit' (did you mean '--time-limit'?)",
        NULL);
    bad("@ game convert --ouput x.nfg", "unknown option '--ouput' (did you mean '--output'?)",
        NULL);
}

/*
 * solve, gambit-TOOL and game are on the option tables: Gambit's letters with each tool's
 * meaning, the common options (-o written atomically, --format, --seed for the random methods),
 * errors naming the option with exit 2 and nothing on standard output, did-you-mean, --help
 * generated from the table.
 */
static void test_solve_and_game_tables(void **state)
{
    (void)state;
    char line[4096], path[600], nfg[1024], *out = NULL;
    snprintf(nfg, sizeof nfg, "%.1000s", sc_test_source("examples/chicken.nfg"));
    /* a letter of another tool is named, with the tool's own letters */
    snprintf(line, sizeof line, "@ solve --method lcp -c %s", nfg);
    bad(line, "-c is not an option of gambit-lcp (it takes -h -d -q -v -e -r -D -S -P)", NULL);
    snprintf(line, sizeof line, "@ gambit-enummixed -e 3 %s", nfg);
    bad(line, "-e is not an option of gambit-enummixed", NULL);
    snprintf(line, sizeof line, "@ solve %s -x", nfg);
    bad(line, "-x is not an option of gambit-enumpure", NULL);
    snprintf(line, sizeof line, "@ solve --method logit --format jsno %s", nfg);
    bad(line, "--format must be text, csv or html, got 'jsno'", NULL);
    snprintf(line, sizeof line, "@ solve --method lcp --format html %s", nfg);
    bad(line, "--format html draws the logit branch: use it with --method logit", NULL);
    snprintf(line, sizeof line, "@ gambit-gnm --sed 3 %s", nfg);
    bad(line, "unknown option '--sed' (did you mean '--seed'?)", NULL);
    snprintf(line, sizeof line, "@ solve --method gnm --seed x %s", nfg);
    bad(line, "--seed expects a non-negative integer, got 'x'", NULL);
    snprintf(line, sizeof line, "@ solve --time-limit 0 %s", nfg);
    bad(line, "--time-limit must be in (0, 1000000000], got '0'", NULL);
    snprintf(line, sizeof line, "@ solve --method lcp %s -e", nfg);
    bad(line, "-e needs a value (EQA)", NULL);
    snprintf(line, sizeof line, "@ solve %s %s", nfg, nfg);
    bad(line, "expected one GAME.nfg or GAME.efg", NULL);
    const char *missing = sc_test_tmp_path("no-such-dir/ne.txt");
    snprintf(line, sizeof line, "@ solve -o %s %s", missing, nfg);
    bad(line, missing, "does not exist");
    snprintf(line, sizeof line, "@ gambit-lcp --method lcp %s", nfg);
    bad(line, "--method: gambit-lcp is one method", NULL);
    bad("@ game chek x.nfg", "no action 'chek' (did you mean 'check'?)", NULL);
    bad("@ game --to payoff", "expected an action before '--to'", NULL);
    snprintf(line, sizeof line, "@ game convert --to outcom %s", nfg);
    bad(line, "--to must be outcome, payoff or efg, got 'outcom' (did you mean 'outcome'?)", NULL);
    snprintf(line, sizeof line, "@ game convert --too payoff %s", nfg);
    bad(line, "unknown option '--too' (did you mean '--to'?)", NULL);
    snprintf(line, sizeof line, "@ game check %s 1,0,1,0 --tolerance abc", nfg);
    bad(line, "--tolerance expects a finite number, got 'abc'", NULL);
    snprintf(line, sizeof line, "@ game check %s 1,0,1,0 --format cvs", nfg);
    bad(line, "--format must be text, json or csv, got 'cvs' (did you mean 'csv'?)", NULL);
    snprintf(line, sizeof line, "@ game check %s", nfg);
    bad(line, "expected GAME.nfg and a PROFILE or --from FILE (1 operand given)", NULL);

    /* Gambit's bundles and values as getopt reads them; the same lines from stdin */
    snprintf(line, sizeof line, "@ solve -qd3 %s", nfg);
    good(line, "NE,0.000,1.000,1.000,0.000\nNE,1.000,0.000,0.000,1.000\n", NULL);
    snprintf(line, sizeof line, "@ gambit-enumpure -q -d 3 < %s", nfg);
    good(line, "NE,0.000,1.000,1.000,0.000\nNE,1.000,0.000,0.000,1.000\n", NULL);
    /* --format csv on solve: a header naming the columns */
    snprintf(line, sizeof line, "@ solve --method enummixed --format csv %s", nfg);
    good(line, "line,Power A: Concede,Power A: Stand firm,Power B: Concede,Power B: Stand firm\n",
         NULL);
    /* --seed is -R on the random methods */
    char *by_seed = NULL, *by_r = NULL, *other = NULL;
    snprintf(line, sizeof line, "@ solve --method liap -n 3 -d 6 --seed 7 %s", nfg);
    good(line, "NE,", &by_seed);
    snprintf(line, sizeof line, "@ solve --method liap -n 3 -d 6 -R 7 %s", nfg);
    good(line, "NE,", &by_r);
    snprintf(line, sizeof line, "@ gambit-liap -n 3 -d 6 --seed 8 %s", nfg);
    good(line, "NE,", &other);
    assert_string_equal(by_seed, by_r);
    assert_string_not_equal(by_seed, other); /* the seed matters: the test can see it */
    free(by_seed);
    free(by_r);
    free(other);
    /* -v is Gambit's version flag; --help comes from the tool's table */
    good("@ gambit-lcp -v", "(gambit-lcp)", NULL);
    good("@ solve --method logit --help", "print only the terminal equilibrium", &out);
    assert_non_null(strstr(out, "usage: statecraft solve --method logit [OPTIONS] [GAME]"));
    assert_null(strstr(out, "-c "));
    free(out);
    good("@ game check --help", "usage: statecraft game check GAME.nfg", NULL);

    /* -o: written atomically by solve and game convert, nothing on standard output */
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_solve_dirXXXXXX"));
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/ne.txt", dir);
    snprintf(line, sizeof line, "@ solve --method lcp -o %s %s", path, nfg);
    good(line, NULL, &out);
    assert_string_equal(out, "");
    free(out);
    char *file = sc_test_slurp(path, NULL);
    assert_non_null(file);
    assert_non_null(strstr(file, "NE,1,0,0,1\n"));
    /* game check reads that file; a failing solve leaves it as it was */
    snprintf(line, sizeof line, "@ game check %s --from %s --format json", nfg, path);
    good(line, "\"equilibrium\": true", NULL);
    snprintf(line, sizeof line, "@ solve --method lcp -r x -o %s %s", path, nfg);
    bad(line, "-r expects", NULL);
    char *again = sc_test_slurp(path, NULL);
    assert_string_equal(file, again);
    free(again);
    free(file);
    snprintf(line, sizeof line, "rm -rf '%s'", dir);
    assert_int_equal(system(line), 0);
}

/*
 * A shift that takes a number outside its declared range: a located warning with its line and
 * caret on stderr, the exit status unchanged, from validate (every event and variant) and from
 * every command that applies the shift (only the shifts of the state it uses); in the state the
 * range moves with an add.
 */
static const char range_yaml[] =
    "statecraft: 1\n"
    "metadata: {title: Range shifts, date: 2025-02-11}\n"
    "actors:\n"
    "  - {id: USA, name: United States, capability: 0.14}\n"
    "  - {id: IRN, name: Iran, capability: {value: 0.012, range: [0.010, 0.019]}}\n"
    "  - {id: RUS, name: Russia, capability: 0.04}\n"
    "issues:\n"
    "  - {id: deal, title: Deal, scale: [0, 1], low: none, high: deal}\n"
    "stances:\n"
    "  deal:\n"
    "    USA: {position: 0.2, salience: 0.5}\n"
    "    IRN: {position: 0.8, salience: 0.6}\n"
    "    RUS: {position: 0.6, salience: 0.4}\n"
    "relations:\n"
    "  - {pair: [USA, IRN], amity: {value: -0.7, range: [-0.8, -0.6]}}\n"
    "  - {pair: [USA, RUS], amity: -0.5}\n"
    "  - {pair: [IRN, RUS], amity: 0.4}\n"
    "events:\n"
    "  - id: sanctions\n"
    "    date: 2025-02-12\n"
    "    actors: [USA, IRN]\n"
    "    what: Sanctions\n"
    "    source: test\n"
    "    shifts:\n"
    "      - {target: actor.IRN.capability, add: -0.005}\n"
    "      - {target: relation.USA.IRN.amity, add: 0.05}\n"
    "variants:\n"
    "  - name: thaw\n"
    "    description: a thaw\n"
    "    shifts:\n"
    "      - {target: relation.USA.IRN.amity, set: 0.2}\n";

#define EVENT_WARNING                                                                              \
    ":25:45: warning: event 'sanctions' takes 'actor.IRN.capability' to 0.007, outside its "       \
    "declared range [0.01, 0.019]; the range moves with it"
#define VARIANT_WARNING                                                                            \
    ":31:47: warning: variant 'thaw' takes 'relation.USA.IRN.amity' to 0.2, outside its declared " \
    "range [-0.75, -0.55]; the number is a point from here on"

/* Runs the line (a command on the scenario file), wants exit 0, and returns stdout and stderr. */
static void warned(const char *line, char **out, char **err)
{
    int rc = sh(line, out, err);
    if (rc != 0) {
        fail_msg("%s: exit %d, stderr:\n%s", line, rc, *err ? *err : "");
    }
}

/*
 * The same warning for a model section's number (war.cost_a, war.cost_b) that a shift takes
 * outside its declared range (`range:`, `triangular:`), located at the shift; a shift that stays
 * inside, or on a number without a range, says nothing. The section's range stays as written.
 */
static const char section_range_yaml[] =
    "statecraft: 1\n"
    "metadata: {title: Section range shifts, date: 2025-02-11}\n"
    "actors:\n"
    "  - {id: USA, name: United States, capability: 0.14}\n"
    "  - {id: RUS, name: Russia, capability: 0.04}\n"
    "relations:\n"
    "  - {pair: [USA, RUS], amity: -0.5}\n"
    "war:\n"
    "  a: USA\n"
    "  b: RUS\n"
    "  cost_a: {value: 0.02, triangular: [0.01, 0.02, 0.03]}\n"
    "  cost_b: {value: 0.03, range: [0.02, 0.04]}\n"
    "  theta: 0.5\n"
    "events:\n"
    "  - id: strikes\n"
    "    date: 2025-02-12\n"
    "    what: Strikes\n"
    "    source: test\n"
    "    shifts:\n"
    "      - {target: war.cost_b, add: 0.05}\n"
    "      - {target: war.cost_a, add: 0.005}\n"
    "      - {target: war.theta, add: 0.3}\n"
    "variants:\n"
    "  - name: cheap\n"
    "    description: cheap war\n"
    "    shifts:\n"
    "      - {target: war.cost_a, set: 0.001}\n";

static void test_section_range_warnings(void **state)
{
    (void)state;
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_srange_dirXXXXXX"));
    assert_non_null(mkdtemp(dir));
    char path[600], line[2048], *out = NULL, *err = NULL;
    snprintf(path, sizeof path, "%s/war.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(section_range_yaml, f);
    fclose(f);
    char event_w[1024], variant_w[1024];
    snprintf(event_w, sizeof event_w,
             "%s:20:35: warning: event 'strikes' takes 'war.cost_b' to 0.08, outside its declared "
             "range [0.02, 0.04]; a model section's range stays as written",
             path);
    snprintf(variant_w, sizeof variant_w,
             "%s:27:35: warning: variant 'cheap' takes 'war.cost_a' to 0.001, outside its "
             "declared range [0.01, 0.03]; a model section's range stays as written",
             path);
    snprintf(line, sizeof line, "@ validate %s", path);
    warned(line, &out, &err);
    if (!strstr(out, "; 2 warnings)") || !strstr(err, event_w) || !strstr(err, variant_w) ||
        !strstr(err, "   20 |       - {target: war.cost_b, add: 0.05}\n"
                     "      |                                   ^~~~\n") ||
        strstr(err, "war.cost_a' to 0.025") || strstr(err, "war.theta")) {
        fail_msg("stdout:\n%s\nstderr:\n%s", out, err);
    }
    free(out);
    free(err);
    /* the war in the state after the events: the event's warning, not the variant's */
    snprintf(line, sizeof line, "@ war --runs 100 %s", path);
    warned(line, &out, &err);
    if (!strstr(err, event_w) || strstr(err, "variant 'cheap'") ||
        !strstr(out, "costs 0.025000/0.080000")) {
        fail_msg("stdout:\n%s\nstderr:\n%s", out, err);
    }
    free(out);
    free(err);
    /* before the events nothing is applied: no warning */
    snprintf(line, sizeof line, "@ war --runs 100 --before-events %s", path);
    warned(line, &out, &err);
    assert_null(strstr(err, "warning"));
    free(out);
    free(err);
    snprintf(line, sizeof line, "rm -rf '%s'", dir);
    assert_int_equal(system(line), 0);
}

static void test_shift_range_warnings(void **state)
{
    (void)state;
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_range_dirXXXXXX"));
    assert_non_null(mkdtemp(dir));
    char path[600], line[2048], *out = NULL, *err = NULL;
    snprintf(path, sizeof path, "%s/ir.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(range_yaml, f);
    fclose(f);
    char event_w[1024], variant_w[1024];
    snprintf(event_w, sizeof event_w, "%s" EVENT_WARNING, path);
    snprintf(variant_w, sizeof variant_w, "%s" VARIANT_WARNING, path);

    /* validate: every event and every variant on top of the events, counted; the line and caret */
    snprintf(line, sizeof line, "@ validate %s", path);
    warned(line, &out, &err);
    assert_non_null(strstr(out, "ok (3 actors, 1 issues, 1 events, 1 variants; 2 warnings)"));
    assert_non_null(strstr(err, event_w));
    assert_non_null(strstr(err, variant_w));
    assert_non_null(strstr(err, "   25 |       - {target: actor.IRN.capability, add: -0.005}\n"
                                "      |                                             ^~~~~~\n"));
    free(out);
    free(err);
    snprintf(line, sizeof line, "@ validate --format json %s", path);
    warned(line, &out, &err);
    assert_non_null(strstr(out, "\"warnings\":2"));
    free(out);
    free(err);

    /* show in the default state: the event's warning only; the range moved with the add */
    snprintf(line, sizeof line, "@ show %s", path);
    warned(line, &out, &err);
    assert_non_null(strstr(err, event_w));
    assert_null(strstr(err, "variant 'thaw'"));
    assert_non_null(strstr(out, "0.007[0.005,0.014]"));
    free(out);
    free(err);
    /* before the events nothing is applied: no warning, the range as written */
    snprintf(line, sizeof line, "@ show --before-events %s", path);
    warned(line, &out, &err);
    assert_string_equal(err, "");
    assert_non_null(strstr(out, "0.012[0.01,0.019]"));
    free(out);
    free(err);
    /* the variant is checked against the range the event moved */
    static const char *const cmds[] = {"show --variant thaw", "triangle --actors USA,IRN,RUS --variant thaw",
                                       "landscape --variant thaw --basins 0",
                                       "forecast --model eum --variant thaw",
                                       "forecast --model smp --variant thaw",
                                       "forecast --model bargaining --variant thaw",
                                       "run --only triangle"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        snprintf(line, sizeof line, "@ %s %s", cmds[i], path);
        warned(line, &out, &err);
        if (!strstr(err, event_w) || !strstr(err, variant_w)) {
            fail_msg("%s: wanted both warnings, stderr:\n%s", line, err);
        }
        free(out);
        free(err);
    }
    snprintf(line, sizeof line, "rm -rf '%s'", dir);
    assert_int_equal(system(line), 0);
}

/* --seed on every command that reads a scenario; -o/--output on game convert. */
static void test_one_vocabulary(void **state)
{
    (void)state;
    good("@ forecast --seed 3 --issue territory", "Issue territory", NULL);
    good("@ forecast --model bargaining --seed 3 --issue nato", NULL, NULL);
    good("@ run --only triangle --seed 3 --threads 1", "triangle", NULL);
    char path[512], line[8800];
    snprintf(path, sizeof path, "%s/vocab_convert.nfg", SC_BINARY_DIR);
    unlink(path);
    snprintf(line, sizeof line, "@ game convert --output %s %s", path,
             sc_test_source("examples/chicken.nfg"));
    good(line, NULL, NULL);
    char *text = sc_test_slurp(path, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "Stand firm"));
    free(text);
    unlink(path);
}

static void test_paths_at_fault(void **state)
{
    (void)state;
    /* the scratch directory as the directory, a path under a directory it does not hold */
    const char *dir = sc_test_tmp_path("");
    size_t n = strlen(dir) - 1; /* without the trailing '/' */
    char line[1400], want[1400], want2[1400];
    snprintf(line, sizeof line, "@ validate %.*s", (int)n, dir);
    snprintf(want, sizeof want, "%.*s: error: is a directory", (int)n, dir);
    bad(line, want, NULL);
    snprintf(line, sizeof line, "@ show -o %sno-such-dir/x.json", dir);
    snprintf(want, sizeof want, "%sno-such-dir/x.json", dir);
    snprintf(want2, sizeof want2, "directory '%sno-such-dir' does not exist", dir);
    bad(line, want, want2);
    snprintf(line, sizeof line, "@ triangle -o %.*s", (int)n, dir);
    snprintf(want, sizeof want, "%.*s: error: the output is a directory", (int)n, dir);
    bad(line, want, NULL);
    bad("@ show no-such-file.yaml", "no-such-file.yaml", NULL);
}

static void test_output_is_atomic_and_only_on_success(void **state)
{
    (void)state;
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_opt_dirXXXXXX"));
    assert_non_null(mkdtemp(dir));
    char line[1024], path[600];
    snprintf(path, sizeof path, "%s/t.json", dir);
    /* a command that printed with printf (triangle) writes the file, nothing on stdout */
    snprintf(line, sizeof line, "@ triangle --format json -o %s", path);
    char *out = NULL;
    good(line, NULL, &out);
    assert_string_equal(out, "");
    free(out);
    char *file = sc_test_slurp(path, NULL);
    assert_non_null(file);
    assert_non_null(strstr(file, "\"model\":\"triangle\""));
    /* a failing command leaves the file as it was */
    snprintf(line, sizeof line, "@ triangle --actors USA,RUS,XXX --format json -o %s", path);
    bad(line, "no actor 'XXX'", NULL);
    char *again = sc_test_slurp(path, NULL);
    assert_string_equal(file, again);
    free(again);
    free(file);
    /* and creates none */
    snprintf(path, sizeof path, "%s/none.txt", dir);
    snprintf(line, sizeof line, "@ landscape --variant nope -o %s", path);
    bad(line, "no variant 'nope'", NULL);
    struct stat st;
    assert_int_not_equal(stat(path, &st), 0);
    /* -o - is standard output */
    good("@ triangle -o - --format json", "\"model\":\"triangle\"", NULL);
    snprintf(line, sizeof line, "rm -rf '%s'", dir);
    assert_int_equal(system(line), 0);
}

static void test_state_said_everywhere(void **state)
{
    (void)state;
    static const char *const cmds[] = {"show", "triangle", "landscape --basins 0",
                                       "forecast --issue territory --no-drivers",
                                       "forecast --model smp --no-drivers",
                                       "forecast --model bargaining --issue nato"};
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        char line[256];
        /* the default is the latest known state: after all the events */
        snprintf(line, sizeof line, "@ %s", cmds[i]);
        good(line, "State: after all the events (11), the scenario as given; it stands for "
                   "2025-02-24",
             NULL);
        snprintf(line, sizeof line, "@ %s --before-events", cmds[i]);
        good(line, "State: before the events (11 not applied), the scenario as given; it stands "
                   "for 2025-02-11",
             NULL);
        snprintf(line, sizeof line, "@ %s --after-events=2025-02-14 --variant retrench", cmds[i]);
        good(line, "State: after the events up to 2025-02-14 (4 of 11), variant retrench; it "
                   "stands for 2025-02-14",
             NULL);
        if (strncmp(cmds[i], "show", 4) != 0) {
            snprintf(line, sizeof line, "@ %s --format json --variant engaged", cmds[i]);
            good(line, "\"state\":{\"variant\":\"engaged\",\"events\":\"after\",\"until\":null,"
                       "\"date\":\"2025-02-24\"}",
                 NULL);
        }
    }
    /* the date form without '=' is read as the option's value, not as a file */
    good("@ triangle --after-events 2025-02-14", "up to 2025-02-14", NULL);
}

/* forecast on the option tables: one table for every model, one per model, the common options. */
static void test_forecast_tables(void **state)
{
    (void)state;
    char *out = NULL;
    /* forecast --help lists every model's options under their headings, --model M --help M's */
    good("@ forecast --help", "SMP (--model smp", &out);
    assert_non_null(strstr(out, "--eum-variant"));
    assert_non_null(strstr(out, "--option NAME=VALUE"));
    assert_non_null(strstr(out, "--threads"));
    assert_non_null(strstr(out, "KTAB's smpc flags"));
    free(out);
    good("@ forecast --model smp --help", "usage: statecraft forecast --model smp", &out);
    assert_non_null(strstr(out, "--option NAME=VALUE"));
    assert_null(strstr(out, "--eum-variant"));
    free(out);
    good("@ forecast --model bargaining --help", "--threads", &out);
    assert_null(strstr(out, "--max-rounds"));
    free(out);
    good("@ forecast --model eum --version", "statecraft ", NULL);
    /* without --model the EUM runs: another model's option is refused naming its model */
    bad("@ forecast --stop ktab", "--stop is an option of --model smp, not of the default --model eum",
        NULL);
    bad("@ forecast --option VotingRule=Binary",
        "--option is an option of --model smp, not of the default --model eum", NULL);
    /* with --model M, another model's option is unknown to M's table (did-you-mean within it) */
    bad("@ forecast --model smp --eum-variant both", "unknown option '--eum-variant'", NULL);
    bad("@ forecast --model bargaining --max-turns 3", "unknown option '--max-turns'", NULL);
    bad("@ forecast --format sqlite -o x.db", "--format sqlite is KTAB's database of the SMP",
        NULL);
    bad("@ forecast --model bargaining --format sqlite -o x.db", "--format must be", NULL);
    bad("@ forecast --model eum --threads 2000", "--threads expects an integer from 0 to 1024",
        NULL);
    bad("@ forecast --model eum --eum-variant printd", "(did you mean 'printed'?)", NULL);
    bad("@ forecast --capability-index cinq", "(did you mean 'cinc'?)", NULL);
    bad("@ forecast a.yaml b.yaml", "expected at most one INPUT", NULL);
    bad("@ forecast --perspective RUSS --no-drivers",
        "--perspective: no actor 'RUSS' (did you mean 'RUS'?)", NULL);
    /* --threads on the bargaining forecast: the same output for 1 and 3 workers, byte for byte;
     * STATECRAFT_THREADS is read when --threads is absent */
    char *one = NULL, *three = NULL, *env = NULL;
    good("@ forecast --model bargaining --format json --threads 1", "\"model\":\"bargaining\"", &one);
    good("@ forecast --model bargaining --format json --threads 3", NULL, &three);
    good("STATECRAFT_THREADS=2 @ forecast --model bargaining --format json", NULL, &env);
    assert_string_equal(one, three);
    assert_string_equal(one, env);
    assert_null(strstr(one, "partial"));
    free(one);
    free(three);
    free(env);
    bad("STATECRAFT_THREADS=x @ forecast --model bargaining", "STATECRAFT_THREADS", NULL);
    /* --seed reaches the SMP's stochastic transitions; the EUM accepts it */
    good("@ forecast --model smp --no-drivers --option StateTransitions=Stochastic --seed 7",
         "Outcome:", NULL);
    good("@ forecast --seed 7 --issue nato --no-drivers", "Issue nato", NULL);
}

static void test_settings_from_the_scenario(void **state)
{
    (void)state;
    char dir[200];
    snprintf(dir, sizeof dir, "%s", sc_test_tmp_path("sc_opt_setXXXXXX"));
    assert_non_null(mkdtemp(dir));
    char path[600], line[1400];
    snprintf(path, sizeof path, "%s/s.yaml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("statecraft: 1\nmetadata: {title: Settings, date: 2025-01-01}\n"
          "actors:\n"
          "  - {id: A, name: A, capability: 3}\n  - {id: B, name: B, capability: 2}\n"
          "  - {id: C, name: C, capability: 1}\n  - {id: D, name: D, capability: 1}\n"
          "relations:\n"
          "  - {pair: [A, B], amity: 0.8}\n  - {pair: [C, D], amity: 0.6}\n"
          "  - {pair: [A, C], amity: -0.5}\n  - {pair: [B, D], amity: -0.4}\n"
          "  - {pair: [B, C], amity: -0.3}\n"
          "landscape: {blocs: 2, basin_samples: 77}\n"
          "triangle: {actors: [A, B, C], tau: 0.3}\n",
          f);
    fclose(f);
    snprintf(line, sizeof line, "@ landscape '%s'", path);
    good(line, "Settings: blocs 2 (scenario), basin starts 77 (scenario), trade weight 0 "
               "(default), seed 20250212 (default)",
         NULL);
    snprintf(line, sizeof line, "@ landscape '%s' --blocs 3 --seed 4", path);
    good(line, "blocs 3 (option), basin starts 77 (scenario)", NULL);
    snprintf(line, sizeof line, "@ landscape '%s' --format json", path);
    good(line, "\"from\":{\"blocs\":\"scenario\",\"basin_samples\":\"scenario\"", NULL);
    snprintf(line, sizeof line, "@ triangle '%s'", path);
    good(line, "Settings: actors A-B-C (scenario), tau 0.3 (scenario)", NULL);
    snprintf(line, sizeof line, "@ triangle '%s' --tau 0.05", path);
    good(line, "tau 0.05 (option)", NULL);
    snprintf(line, sizeof line, "rm -rf '%s'", dir);
    assert_int_equal(system(line), 0);
}

/* ---- threads ---------------------------------------------------------------------------------- */

static void write_file(const char *dir, const char *rel, const char *text)
{
    char path[1024], cmd[1200];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", path);
    assert_int_equal(system(cmd), 0);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_cgroup_quota(void **state)
{
    (void)state;
    char root[200];
    snprintf(root, sizeof root, "%s", sc_test_tmp_path("sc_opt_cgXXXXXX"));
    assert_non_null(mkdtemp(root));
    /* cgroup v2: the group's cpu.max, capped by its parent's */
    const char *mi2 = "30 23 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n";
    write_file(root, "sys/fs/cgroup/user.slice/job/cpu.max", "250000 100000\n");
    write_file(root, "sys/fs/cgroup/user.slice/cpu.max", "max 100000\n");
    SC_ASSERT_NEAR(sc__cgroup_cpu_quota("0::/user.slice/job\n", mi2, root), 2.5, 1e-12);
    write_file(root, "sys/fs/cgroup/user.slice/cpu.max", "150000 100000\n");
    SC_ASSERT_NEAR(sc__cgroup_cpu_quota("0::/user.slice/job\n", mi2, root), 1.5, 1e-12);
    /* no limit anywhere */
    SC_ASSERT_NEAR(sc__cgroup_cpu_quota("0::/other\n", mi2, root), 0, 0);
    /* cgroup v1 (cpu,cpuacct), a container that sees its own group as the mount's root */
    const char *mi1 = "32 31 0:29 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup "
                      "rw,cpu,cpuacct\n";
    write_file(root, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "50000\n");
    write_file(root, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us", "100000\n");
    SC_ASSERT_NEAR(sc__cgroup_cpu_quota("4:cpu,cpuacct:/docker/abc\n", mi1, root), 0.5, 1e-12);
    /* -1: unlimited */
    write_file(root, "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us", "-1\n");
    SC_ASSERT_NEAR(sc__cgroup_cpu_quota("4:cpu,cpuacct:/docker/abc\n", mi1, root), 0, 0);
    /* a v1 hierarchy without the cpu controller does not count */
    const char *mim = "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n";
    write_file(root, "sys/fs/cgroup/memory/cpu.cfs_quota_us", "10000\n");
    write_file(root, "sys/fs/cgroup/memory/cpu.cfs_period_us", "100000\n");
    SC_ASSERT_NEAR(sc__cgroup_cpu_quota("5:memory:/\n", mim, root), 0, 0);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    assert_int_equal(system(cmd), 0);
}

static void test_cpu_count_follows_affinity(void **state)
{
    (void)state;
    cpu_set_t old, one;
    assert_int_equal(sched_getaffinity(0, sizeof old, &old), 0);
    unsigned all = sc_cpu_count();
    assert_true(all >= 1 && all <= (unsigned)CPU_COUNT(&old));
    int first = -1;
    for (int c = 0; c < CPU_SETSIZE && first < 0; c++) {
        if (CPU_ISSET(c, &old)) {
            first = c;
        }
    }
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    assert_int_equal(sched_setaffinity(0, sizeof one, &one), 0);
    assert_int_equal(sc_cpu_count(), 1);
    unsetenv("STATECRAFT_THREADS");
    assert_int_equal(sc_threads_default(), 1);
    setenv("STATECRAFT_THREADS", "7", 1);
    assert_int_equal(sc_threads_default(), 7);
    setenv("STATECRAFT_THREADS", "0", 1); /* 0 and nonsense: the CPUs */
    assert_int_equal(sc_threads_default(), 1);
    unsetenv("STATECRAFT_THREADS");
    assert_int_equal(sched_setaffinity(0, sizeof old, &old), 0);
    /* the program sees the same: taskset gives the process one CPU */
    if (system("command -v taskset >/dev/null 2>&1") == 0) {
        char line[256];
        snprintf(line, sizeof line, "taskset -c %d @ --version --verbose", first);
        good(line, "threads: 1 (", NULL);
    }
    good("STATECRAFT_THREADS=3 @ --version --verbose", "threads: 3 (STATECRAFT_THREADS)", NULL);
}

/* ---- man pages and completion --------------------------------------------------------------- */

static void test_man_pages(void **state)
{
    (void)state;
    char names[32][32];
    size_t n = commands(names);
    for (size_t i = 0; i <= n; i++) {
        char path[512];
        if (i == n) {
            snprintf(path, sizeof path, "%s/man/man1/statecraft.1", SC_BINARY_DIR);
        } else {
            snprintf(path, sizeof path, "%s/man/man1/statecraft-%s.1", SC_BINARY_DIR, names[i]);
        }
        char *page = sc_test_slurp(path, NULL);
        if (!page) {
            fail_msg("no man page %s", path);
        }
        assert_non_null(strstr(page, ".SH NAME"));
        assert_non_null(strstr(page, ".SH SYNOPSIS"));
        assert_non_null(strstr(page, ".SH EXIT STATUS"));
        free(page);
        if (system("command -v groff >/dev/null 2>&1") == 0) {
            /* groff renders it without a warning */
            char line[700], *out = NULL, *err = NULL;
            snprintf(line, sizeof line, "groff -man -Tutf8 -ww -z '%s'", path);
            assert_int_equal(sh(line, &out, &err), 0);
            if (err && err[0]) {
                fail_msg("%s: groff warns:\n%s", path, err);
            }
            free(out);
            free(err);
        }
    }
    /* the options of the table are in the page */
    char path[512];
    snprintf(path, sizeof path, "%s/man/man1/statecraft-landscape.1", SC_BINARY_DIR);
    char *page = sc_test_slurp(path, NULL);
    assert_non_null(strstr(page, "\\fB\\-\\-trade\\-weight\\fR \\fIW\\fR"));
    assert_non_null(strstr(page, "\\fB\\-\\-after\\-events\\fR[=\\fIDATE\\fR]"));
    assert_non_null(strstr(page, "STATECRAFT_THREADS"));
    free(page);
}

/* What bash completes for the words of `line` (the last one, possibly empty, is completed). */
static char *complete(const char *words)
{
    char line[4096], *out = NULL, *err = NULL;
    snprintf(line, sizeof line,
             "bash --norc --noprofile -c 'PATH=\"$(dirname %s):$PATH\"; "
             "source %s/completion/statecraft; COMP_WORDS=(%s); COMP_CWORD=$((${#COMP_WORDS[*]}-1)); "
             "_statecraft; for ((i = 0; i < ${#COMPREPLY[*]}; i++)); do "
             "printf \"%%s\\n\" \"${COMPREPLY[i]}\"; done'",
             SC_CLI_PATH, SC_BINARY_DIR, words);
    int rc = sh(line, &out, &err);
    if (rc != 0) {
        fail_msg("completion of %s failed (%d): %s", words, rc, err ? err : "");
    }
    free(err);
    return out;
}

static void test_bash_completion(void **state)
{
    (void)state;
    if (system("command -v bash >/dev/null 2>&1") != 0) {
        skip();
    }
    char *c = complete("statecraft tri");
    assert_string_equal(c, "triangle\n");
    free(c);
    c = complete("statecraft landscape --me");
    assert_string_equal(c, "--method\n");
    free(c);
    c = complete("statecraft landscape --method \"\"");
    assert_string_equal(c, "pruned\nexhaustive\n");
    free(c);
    c = complete("statecraft triangle --format \"\"");
    assert_string_equal(c, "text\njson\ncsv\n");
    free(c);
    /* names come from the scenario: the built-in one's variants and actors */
    c = complete("statecraft show --variant \"\"");
    assert_string_equal(c, "engaged\nretrench\n");
    free(c);
    c = complete("statecraft triangle --actors USA,R");
    assert_string_equal(c, "USA,RUS\n");
    free(c);
    c = complete("statecraft events \"\"");
    assert_non_null(strstr(c, "relations\ntimeline\nscenario\nfit\n"));
    free(c);
    c = complete("statecraft events timeline --und");
    assert_string_equal(c, "--undirected\n");
    free(c);
    c = complete("statecraft triangle --after-e");
    assert_string_equal(c, "--after-events=\n");
    free(c);
    /* solve, the gambit tools and game from their tables */
    c = complete("statecraft solve --method \"\"");
    assert_non_null(strstr(c, "enumpure\nenummixed\nlcp\nlp\nlogit\n"));
    free(c);
    c = complete("statecraft gambit-gnm --se");
    assert_string_equal(c, "--seed\n");
    free(c);
    c = complete("statecraft game check --to");
    assert_string_equal(c, "--tolerance\n");
    free(c);
}

/* The test's own scratch directory (sc_test_tmp_make: under $TMPDIR or the build tree, never a
 * fixed path in /tmp): two builds running ctest at once never share a file. */
static int scratch_setup(void **state)
{
    (void)state;
    return sc_test_tmp_make("sc_opt_") ? 0 : -1;
}

static int scratch_teardown(void **state)
{
    (void)state;
    return sc_test_tmp_remove();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_and_version_everywhere),
        cmocka_unit_test(test_unknown_options_and_values),
        cmocka_unit_test(test_names_get_did_you_mean),
        cmocka_unit_test(test_one_vocabulary),
        cmocka_unit_test(test_solve_and_game_tables),
        cmocka_unit_test(test_shift_range_warnings),
        cmocka_unit_test(test_section_range_warnings),
        cmocka_unit_test(test_paths_at_fault),
        cmocka_unit_test(test_output_is_atomic_and_only_on_success),
        cmocka_unit_test(test_state_said_everywhere),
        cmocka_unit_test(test_forecast_tables),
        cmocka_unit_test(test_settings_from_the_scenario),
        cmocka_unit_test(test_cgroup_quota),
        cmocka_unit_test(test_cpu_count_follows_affinity),
        cmocka_unit_test(test_man_pages),
        cmocka_unit_test(test_bash_completion),
    };
    return cmocka_run_group_tests(tests, scratch_setup, scratch_teardown);
}
