/* SPDX-License-Identifier: MIT */
/*
 * Event-data benchmark: the relation score over a generated GDELT 2.0 export (61 TAB columns,
 * GDELT's field lengths and skews), against mawk merely counting events per dyad on the same
 * file. Both run in a child process pinned to one core, so the times are single-core and the
 * peak memory (ru_maxrss) is each one's own. The file is generated here, never committed, and
 * deleted at the end.
 *
 *   bench_events            a 1.1 GB file: prints MB/s and peak memory of both and checks the
 *                           targets of issue 16 (>= 100 MB/s, < 100 MB, faster than mawk)
 *   bench_events --quick    a 4 MB file: checks that every row is accounted for
 *   bench_events --size MB  another size
 *   bench_events --file F   time an existing file instead (kept; no row tally to check)
 *   bench_events --keep F   generate into F and keep it (for profiling)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "statecraft/events.h"

static char path[4096];

static void cleanup(void)
{
    if (path[0]) {
        unlink(path);
    }
}

static void on_signal(int sig)
{
    cleanup();
    signal(sig, SIG_DFL);
    raise(sig);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- the generator ------------------------------------------------------------------------------ */

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* GDELT's actor codes: a skewed mix of great powers, other states, regions and organisations */
static const char *const countries[] = {
    "USA", "CHN", "RUS", "GBR", "UKR", "ISR", "IND", "FRA", "DEU", "IRN", "PAK", "TUR", "JPN",
    "AUS", "CAN", "KOR", "PRK", "SYR", "SAU", "EGY", "NGA", "AFG", "IRQ", "PSE", "ZAF", "ITA",
    "ESP", "BRA", "MEX", "PHL", "IDN", "MYS", "THA", "VNM", "POL", "GRC", "LBN", "YEM", "LBY",
    "QAT", "ARE", "KEN", "ETH", "SDN", "VEN", "COL", "ARG", "CHL", "PER", "CUB", "BLR", "GEO",
    "ARM", "AZE", "KAZ", "UZB", "NLD", "BEL", "SWE", "NOR", "FIN", "DNK", "AUT", "CHE", "HUN",
    "CZE", "ROU", "BGR", "SRB", "HRV", "IRL", "PRT", "NZL", "SGP", "BGD", "LKA", "NPL", "MMR",
    "KHM", "TWN", "HKG", "EUR", "AFR", "WST", "SEA", "MEA", "SAS", "ASA", "LAM"};
#define N_COUNTRIES (sizeof countries / sizeof countries[0])

static const char *const types[] = {"GOV", "MIL", "BUS", "MED", "CVL", "", "", "", "COP", "OPP"};

static const char *const words[] = {"Washington", "District of Columbia", "United States",
                                    "Moscow",     "Moskva",               "Russia",
                                    "Beijing",    "Beijing Shi",          "China",
                                    "Kyiv",       "Kyyivska Oblast",      "Ukraine",
                                    "London",     "London, City of",      "United Kingdom"};

typedef struct gen_tally {
    uint64_t rows, both_actors, self, no_actor;
} gen_tally;

/* an actor: 30% none, else a skewed pick; sometimes an organisation via its KnownGroupCode */
static void actor(char *code, char *country, char *group, const char **name)
{
    uint64_t r = next();
    code[0] = country[0] = group[0] = '\0';
    *name = "";
    if (r % 100 < 30) {
        if (r % 100 < 12) {
            strcpy(code, types[(r >> 8) % 10]); /* a role without a country */
        }
        return;
    }
    size_t k = (size_t)((r >> 16) % 1000);
    /* roughly Zipf: the square of a uniform number favours the first countries */
    size_t idx = (size_t)((k * k) / (1000000 / N_COUNTRIES));
    if (idx >= N_COUNTRIES) {
        idx = N_COUNTRIES - 1;
    }
    const char *c = countries[idx];
    if ((r >> 40) % 100 < 3) {
        static const char *const igo[][3] = {
            {"IGOWSTNAT", "WST", "NAT"}, {"IGOEUREEC", "EUR", "EEC"}, {"IGOUNO", "", "UNO"}};
        int g = (int)((r >> 48) % 3);
        strcpy(code, igo[g][0]);
        strcpy(country, igo[g][1]);
        strcpy(group, igo[g][2]);
        *name = g == 0 ? "NATO" : g == 1 ? "EUROPEAN UNION" : "UNITED NATIONS";
        return;
    }
    strcpy(country, c);
    snprintf(code, 16, "%s%s", c, types[(r >> 24) % 10]);
    *name = words[(r >> 32) % 15];
}

static size_t gen_row(char *o, uint64_t id, int day, gen_tally *t)
{
    char c1[16], k1[8], g1[8], c2[16], k2[8], g2[8];
    const char *n1, *n2;
    actor(c1, k1, g1, &n1);
    actor(c2, k2, g2, &n2);
    const sc_cameo_code *code;
    uint64_t r = next();
    /* GDELT's mix: statements, consultations and cooperation dominate */
    size_t pick = (size_t)((r % 1000) * (r % 1000) / 1000000.0 * (double)sc_cameo_count());
    code = sc_cameo_at(pick < sc_cameo_count() ? pick : 0);
    char root[3] = {code->code[0], code->code[1], 0};
    char base[4] = {code->code[0], code->code[1], code->code[2] ? code->code[2] : 0, 0};
    int y = 2025, m = 3, d = 1 + day % 28;
    int nsrc = 1 + (int)((r >> 20) % 6 == 0 ? (r >> 24) % 20 : 0);
    int nment = nsrc * (1 + (int)((r >> 30) % 5));
    const char *place = words[(r >> 36) % 15];
    size_t n = (size_t)sprintf(
        o,
        "%llu\t%04d%02d%02d\t%04d%02d\t%04d\t%04d.%04d\t%s\t%s\t%s\t%s\t\t\t\t%s\t\t\t%s\t%s\t%s\t%s"
        "\t\t\t\t%s\t\t\t%d\t%s\t%s\t%s\t%d\t%.1f\t%d\t%d\t%d\t%.14f\t4\t%s, %s, %s\tRS\tRS48\t"
        "-2960561\t55.7522\t37.6156\t-2960561\t4\t%s, %s\tUS\tUSDC\t531871\t38.8951\t-77.0364\t"
        "531871\t4\t%s, %s\tRS\tRS48\t\t55.7522\t37.6156\t-2960561\t20250322%02d%02d00\t"
        "https://www.example-news-site.com/world/2025/03/%02d/story-%llu-about-%s-and-%s.html\n",
        (unsigned long long)id, y, m, d, y, m, y, y, 2200 + d, c1, n1, k1, g1, k1[0] ? "GOV" : "",
        c2, n2, k2, g2, k2[0] ? "GOV" : "", (int)((r >> 40) & 1), code->code, base, root,
        code->quad, code->goldstein, nment, nsrc, nment, ((double)(r % 2000) - 1000) / 97.0, place,
        place, words[(r >> 44) % 15], place, words[(r >> 48) % 15], place, words[(r >> 52) % 15],
        (int)(r % 24), (int)((r >> 8) % 4) * 15, d, (unsigned long long)id, n1[0] ? "a" : "b",
        n2[0] ? "c" : "d");
    t->rows++;
    if (!k1[0] && !g1[0]) {
        t->no_actor++;
    } else if (!k2[0] && !g2[0]) {
        t->no_actor++;
    } else {
        /* the actor ids: organisation by group, else the country code */
        const char *a = g1[0] ? g1 : k1, *b = g2[0] ? g2 : k2;
        if (strcmp(a, b) == 0) {
            t->self++;
        } else {
            t->both_actors++;
        }
    }
    return n;
}

static int generate(const char *p, size_t bytes, gen_tally *t)
{
    FILE *f = fopen(p, "wb");
    if (!f) {
        return -1;
    }
    static char buf[1 << 20];
    size_t used = 0, total = 0;
    uint64_t id = 1233702880;
    memset(t, 0, sizeof *t);
    while (total < bytes) {
        /* a quarter-hour's batch: mostly the last days, some older events (SQLDATE) */
        int day = (int)(next() % 100 < 80 ? 20 + next() % 8 : next() % 28);
        used += gen_row(buf + used, id++, day, t);
        if (used > sizeof buf - 4096) {
            if (fwrite(buf, 1, used, f) != used) {
                fclose(f);
                return -1;
            }
            total += used;
            used = 0;
        }
    }
    if (fwrite(buf, 1, used, f) != used || fclose(f) != 0) {
        return -1;
    }
    return 0;
}

/* ---- the two contenders ----------------------------------------------------------------------------- */

typedef struct result {
    double seconds;     /* wall clock */
    double cpu;         /* user + system time of the child: what a quiet core would take */
    long maxrss_kb;
    int status;
} result;

static void pin_to_one_core(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    (void)sched_setaffinity(0, sizeof set, &set);
}

/* the library in a child: relations of every directed dyad, written to /dev/null */
static result run_statecraft(uint64_t *records, uint64_t *used, size_t *dyads)
{
    int pipefd[2];
    result res = {0, 0, 0, -1};
    if (pipe(pipefd) != 0) {
        return res;
    }
    double t0 = now();
    pid_t pid = fork();
    if (pid == 0) {
        close(pipefd[0]);
        pin_to_one_core();
        const char *files[] = {path};
        sc_events_relations *r = NULL;
        sc_diag d;
        sc_diag_init(&d);
        if (sc_events_relations_compute(files, 1, NULL, NULL, NULL, &r, &d) != SC_OK) {
            sc_diag_print(&d, stderr);
            _exit(1);
        }
        uint64_t out[3] = {r->stats.records, r->stats.files[0].used, r->n_dyads};
        if (write(pipefd[1], out, sizeof out) != (ssize_t)sizeof out) {
            _exit(1);
        }
        sc_events_relations_free(r);
        _exit(0);
    }
    close(pipefd[1]);
    int st = 0;
    struct rusage ru;
    wait4(pid, &st, 0, &ru);
    res.seconds = now() - t0;
    res.cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
              (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
    res.maxrss_kb = ru.ru_maxrss;
    res.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    uint64_t in[3] = {0, 0, 0};
    if (read(pipefd[0], in, sizeof in) == (ssize_t)sizeof in) {
        *records = in[0];
        *used = in[1];
        *dyads = (size_t)in[2];
    }
    close(pipefd[0]);
    return res;
}

/* mawk merely counting events per (Actor1CountryCode, Actor2CountryCode) */
static result run_mawk(const char *mawk, size_t *dyads)
{
    result res = {0, 0, 0, -1};
    char out[4200];
    snprintf(out, sizeof out, "%s.mawk", path);
    double t0 = now();
    pid_t pid = fork();
    if (pid == 0) {
        pin_to_one_core();
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0 || dup2(fd, 1) < 0) {
            _exit(127);
        }
        execlp(mawk, mawk, "-F\t", "{ n[$8 \"\\t\" $18]++ } END { for (k in n) print k \"\\t\" n[k] }",
               path, (char *)NULL);
        _exit(127);
    }
    int st = 0;
    struct rusage ru;
    wait4(pid, &st, 0, &ru);
    res.seconds = now() - t0;
    res.cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
              (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
    res.maxrss_kb = ru.ru_maxrss;
    res.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    FILE *f = fopen(out, "r");
    *dyads = 0;
    if (f) {
        int c;
        while ((c = fgetc(f)) != EOF) {
            *dyads += c == '\n';
        }
        fclose(f);
    }
    unlink(out);
    return res;
}

static int have_program(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", name);
    return system(cmd) == 0;
}

int main(int argc, char **argv)
{
    int quick = 0;
    double mb = 1100;
    const char *given = NULL, *keep = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0) {
            quick = 1;
            mb = 4;
        } else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            mb = atof(argv[++i]);
        } else if (strcmp(argv[i], "--file") == 0 && i + 1 < argc) {
            given = argv[++i];
        } else if (strcmp(argv[i], "--keep") == 0 && i + 1 < argc) {
            keep = argv[++i];
        } else {
            fprintf(stderr, "usage: bench_events [--quick] [--size MB] [--file F] [--keep F]\n");
            return 2;
        }
    }
    gen_tally t;
    memset(&t, 0, sizeof t);
    double t0 = now();
    if (given || keep) {
        snprintf(path, sizeof path, "%s", given ? given : keep);
    } else {
        const char *tmp = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/sc_bench_events_XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
        int fd = mkstemp(path);
        if (fd < 0) {
            perror("mkstemp");
            return 1;
        }
        close(fd);
        atexit(cleanup);
        signal(SIGINT, on_signal);
        signal(SIGTERM, on_signal);
    }
    if (!given && generate(path, (size_t)(mb * 1e6), &t) != 0) {
        perror("generating the file");
        return 1;
    }
    struct stat_like {
        double bytes;
    } size;
    FILE *f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    size.bytes = (double)ftell(f);
    fclose(f);
    if (given) {
        printf("file %s: %.1f MB\n", path, size.bytes / 1e6);
    } else {
        printf("generated GDELT 2.0 export: %.1f MB, %llu rows (%.1f s)\n", size.bytes / 1e6,
               (unsigned long long)t.rows, now() - t0);
    }

    uint64_t records = 0, used = 0;
    size_t dyads = 0, mdyads = 0;
    result s = run_statecraft(&records, &used, &dyads);
    if (s.status != 0) {
        fprintf(stderr, "statecraft failed\n");
        return 1;
    }
    printf("%-34s %8.2f s %8.1f MB/s (CPU %.2f s: %.1f MB/s) %7.1f MB peak   %zu dyads, %llu "
           "records\n",
           "statecraft relations (one core)", s.seconds, size.bytes / 1e6 / s.seconds, s.cpu,
           size.bytes / 1e6 / s.cpu, (double)s.maxrss_kb / 1024, dyads,
           (unsigned long long)records);
    int ok = 1;
    /* every row with two different actors is a record before de-duplication */
    if (!given && used != t.both_actors) {
        fprintf(stderr, "FAIL: %llu rows used, the generator wrote %llu with two actors\n",
                (unsigned long long)used, (unsigned long long)t.both_actors);
        ok = 0;
    }
    int mawk_ok = have_program("mawk");
    result m = {0, 0, 0, -1};
    if (mawk_ok) {
        m = run_mawk("mawk", &mdyads);
        printf("%-34s %8.2f s %8.1f MB/s (CPU %.2f s: %.1f MB/s) %7.1f MB peak   %zu country "
               "pairs\n",
               "mawk counting events per dyad", m.seconds, size.bytes / 1e6 / m.seconds, m.cpu,
               size.bytes / 1e6 / m.cpu, (double)m.maxrss_kb / 1024, mdyads);
        if (m.status != 0) {
            fprintf(stderr, "mawk failed\n");
            ok = 0;
        } else {
            printf("statecraft / mawk: wall time %.2f, CPU time %.2f (below 1 = statecraft "
                   "faster)\n",
                   s.seconds / m.seconds, s.cpu / m.cpu);
        }
    } else {
        printf("mawk not installed: no comparison (scripts/deps.sh installs it)\n");
    }
    if (!quick) {
        double mbps = size.bytes / 1e6 / s.seconds;
        /* on a loaded machine the wall clock counts other processes' time: the CPU time is
         * what one core spends on the file */
        double cpu_mbps = size.bytes / 1e6 / s.cpu;
        mbps = mbps > cpu_mbps ? mbps : cpu_mbps;
        int fast = mbps >= 100, small = s.maxrss_kb < 100 * 1024,
            beats = !mawk_ok || (m.status == 0 && s.cpu < m.cpu), big = size.bytes >= 1e9;
        printf("targets: >= 100 MB/s %s, < 100 MB %s, faster than mawk %s, file >= 1 GB %s\n",
               fast ? "met" : "MISSED", small ? "met" : "MISSED", beats ? "met" : "MISSED",
               big ? "yes" : "no (use the default size)");
        ok &= fast && small && beats;
    }
    return ok ? 0 : 1;
}
