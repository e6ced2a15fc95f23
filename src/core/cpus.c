/* SPDX-License-Identifier: MIT */
/*
 * How many CPUs this process may actually use, for the default number of worker threads: the
 * CPUs of its affinity mask (taskset, cpusets, `docker --cpuset-cpus`), capped by the CPU quota
 * of its control group (cgroup v2 cpu.max, v1 cpu.cfs_quota_us / cpu.cfs_period_us: `docker
 * --cpus`, Kubernetes limits, systemd CPUQuota), rounded up. sysconf(_SC_NPROCESSORS_ONLN)
 * counts the machine's CPUs and would start more threads than the process may run at once.
 */
#define _GNU_SOURCE
#include "core/cpus.h"

#include <errno.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scx/scx.h"
#include "statecraft/common.h"

/* Reads a small file into buf (NUL-terminated); 0 on success. */
static int slurp(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return -1;
    }
    size_t n = fread(buf, 1, cap - 1, f);
    fclose(f);
    buf[n] = '\0';
    return 0;
}

/* The quota in CPUs of one cgroup directory (v2: cpu.max; v1: cfs files); 0 when unlimited. */
static double dir_quota(const char *dir, int v2)
{
    char path[4096], text[128];
    if (v2) {
        snprintf(path, sizeof path, "%s/cpu.max", dir);
        if (slurp(path, text, sizeof text) != 0) {
            return 0;
        }
        char quota[32], per[32];
        if (sscanf(text, "%31s %31s", quota, per) != 2 || strcmp(quota, "max") == 0) {
            return 0;
        }
        double q = scx_strtod_c(quota, NULL), period = scx_strtod_c(per, NULL);
        if (!(period > 0)) {
            return 0;
        }
        return q > 0 ? q / period : 0;
    }
    snprintf(path, sizeof path, "%s/cpu.cfs_quota_us", dir);
    if (slurp(path, text, sizeof text) != 0) {
        return 0;
    }
    double q = scx_strtod_c(text, NULL);
    snprintf(path, sizeof path, "%s/cpu.cfs_period_us", dir);
    if (q <= 0 || slurp(path, text, sizeof text) != 0) {
        return 0;
    }
    double period = scx_strtod_c(text, NULL);
    return period > 0 ? q / period : 0;
}

/* The smallest quota from dir up to the mount point (a parent's limit binds its children). */
static double path_quota(const char *mount, const char *rel, int v2)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s%s%s", mount, rel[0] == '/' ? "" : "/", rel);
    size_t root = strlen(mount);
    double best = 0;
    for (;;) {
        size_t n = strlen(dir);
        while (n > root + 1 && dir[n - 1] == '/') {
            dir[--n] = '\0';
        }
        double q = dir_quota(dir, v2);
        if (q > 0 && (best == 0 || q < best)) {
            best = q;
        }
        char *slash = strrchr(dir, '/');
        if (!slash || (size_t)(slash - dir) < root) {
            break;
        }
        *slash = '\0';
        if (strlen(dir) < root) {
            break;
        }
    }
    return best;
}

/* Does the comma-separated list `opts` hold the word `w`? */
static int has_word(const char *opts, const char *w)
{
    size_t l = strlen(w);
    for (const char *p = opts; p && *p;) {
        size_t n = strcspn(p, ",");
        if (n == l && strncmp(p, w, l) == 0) {
            return 1;
        }
        p += n + (p[n] == ',');
    }
    return 0;
}

double sc__cgroup_cpu_quota(const char *cgroup, const char *mountinfo, const char *prefix)
{
    double best = 0;
    if (!cgroup || !mountinfo) {
        return 0;
    }
    /* each mount of a cgroup hierarchy: "ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS ... - FSTYPE SRC SUPEROPTS" */
    for (const char *line = mountinfo; *line;) {
        size_t len = strcspn(line, "\n");
        char buf[4096];
        if (len < sizeof buf) {
            memcpy(buf, line, len);
            buf[len] = '\0';
            char root[1024], mnt[1024], fstype[64], super[512] = "";
            const char *dash = strstr(buf, " - ");
            if (dash && sscanf(buf, "%*s %*s %*s %1023s %1023s", root, mnt) == 2 &&
                sscanf(dash + 3, "%63s %*s %511s", fstype, super) >= 1) {
                int v2 = strcmp(fstype, "cgroup2") == 0;
                int v1 = strcmp(fstype, "cgroup") == 0 && has_word(super, "cpu");
                if (v1 || v2) {
                    /* this process's cgroup in that hierarchy: "N:CONTROLLERS:PATH" */
                    for (const char *cl = cgroup; *cl;) {
                        size_t cn = strcspn(cl, "\n");
                        char cbuf[2048], ctl[512] = "", path[1024] = "";
                        if (cn < sizeof cbuf) {
                            memcpy(cbuf, cl, cn);
                            cbuf[cn] = '\0';
                            char *c1 = strchr(cbuf, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
                            if (c1 && c2) {
                                snprintf(ctl, sizeof ctl, "%.*s", (int)(c2 - c1 - 1), c1 + 1);
                                snprintf(path, sizeof path, "%s", c2 + 1);
                                int match = v2 ? cbuf[0] == '0' && c1 == cbuf + 1 && ctl[0] == '\0'
                                               : has_word(ctl, "cpu");
                                if (match) {
                                    /* the path is relative to the hierarchy's root; the mount
                                     * shows the part below `root` (a container sees "/") */
                                    const char *rel = path;
                                    size_t rl = strlen(root);
                                    if (strcmp(root, "/") != 0 && strncmp(path, root, rl) == 0) {
                                        rel = path + rl;
                                    } else if (strcmp(root, "/") != 0) {
                                        rel = "/";
                                    }
                                    char full[2048];
                                    snprintf(full, sizeof full, "%s%s", prefix ? prefix : "", mnt);
                                    double q = path_quota(full, rel, v2);
                                    if (q > 0 && (best == 0 || q < best)) {
                                        best = q;
                                    }
                                }
                            }
                        }
                        cl += cn + (cl[cn] == '\n');
                    }
                }
            }
        }
        line += len + (line[len] == '\n');
    }
    return best;
}

static char *slurp_alloc(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        return NULL;
    }
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (n + 1 < cap) {
            break;
        }
        if (cap > ((size_t)1 << 24)) {
            break;
        }
        char *more = realloc(buf, cap * 2);
        if (!more) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap *= 2;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
    }
    return buf;
}

unsigned sc_cpu_count(void)
{
    unsigned n = 0;
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        n = (unsigned)CPU_COUNT(&set);
    } else {
        /* more CPUs than a cpu_set_t holds: ask with a larger mask */
        size_t ncpu = 1u << 14;
        cpu_set_t *big = CPU_ALLOC(ncpu);
        if (big && sched_getaffinity(0, CPU_ALLOC_SIZE(ncpu), big) == 0) {
            n = (unsigned)CPU_COUNT_S(CPU_ALLOC_SIZE(ncpu), big);
        }
        if (big) {
            CPU_FREE(big);
        }
    }
    if (n == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c > 0 ? (unsigned)c : 1;
    }
    char *cgroup = slurp_alloc("/proc/self/cgroup");
    char *mountinfo = cgroup ? slurp_alloc("/proc/self/mountinfo") : NULL;
    double quota = sc__cgroup_cpu_quota(cgroup, mountinfo, NULL);
    free(cgroup);
    free(mountinfo);
    if (quota > 0) {
        double q = ceil(quota - 1e-9);
        if (q < (double)n) {
            n = q < 1 ? 1 : (unsigned)q;
        }
    }
    return n;
}

unsigned sc_threads_default(void)
{
    const char *env = getenv("STATECRAFT_THREADS");
    if (env && *env >= '0' && *env <= '9') {
        char *end = NULL;
        errno = 0;
        unsigned long v = strtoul(env, &end, 10);
        if (*end == '\0' && errno == 0 && v >= 1 && v <= 1024) {
            return (unsigned)v;
        }
    }
    return sc_cpu_count();
}
